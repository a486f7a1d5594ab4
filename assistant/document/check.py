"""Check a Word file against GB/T 9704-2012 before it is sent up (`wenmi check`).

Works on any .docx, not only ours: it reads page setup, the effective font and size of every
paragraph (run, then style chain, then document defaults), heading numbering, punctuation,
dates and page numbers. Checks of what the document should say (the figures of a workbook) are
handed in by the caller as text checks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.document import gbt9704 as G
from assistant.errors import WenmiError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LEVEL_PATTERNS = [
    (1, re.compile(r"^([一二三四五六七八九十]+)、")),
    (2, re.compile(r"^（([一二三四五六七八九十]+)）")),
    (3, re.compile(r"^(\d+)[.．](?!\d)")),
    (4, re.compile(r"^（(\d+)）")),
]
_ZERO_PADDED_DATE = re.compile(r"\d{4}年0\d月|\d{4}年\d{1,2}月0\d日")
_FANGSONG = ("仿宋", "FangSong")


@dataclass
class Finding:
    rule: str
    severity: str  # "error" | "warning"
    where: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"rule": self.rule, "severity": self.severity, "where": self.where, "message": self.message}

    def __str__(self) -> str:
        label = "错误" if self.severity == "error" else "警告"
        return f"{label}：{self.where}：{self.message}"


def _attr(el: Any, name: str) -> str | None:
    if el is None:
        return None
    value = el.get(f"{_W}{name}")
    return None if value is None else str(value)


class _Styles:
    """Effective run properties through the style chain."""

    def __init__(self, document: Any) -> None:
        self.root = document.styles.element
        self.by_id = {s.get(f"{_W}styleId"): s for s in self.root.findall(f"{_W}style")}
        defaults = self.root.find(f"{_W}docDefaults")
        self.default_rpr = None if defaults is None else defaults.find(f"{_W}rPrDefault/{_W}rPr")
        self.default_para = next(
            (s.get(f"{_W}styleId") for s in self.root.findall(f"{_W}style")
             if s.get(f"{_W}type") == "paragraph" and s.get(f"{_W}default") in ("1", "true")),
            None,
        )  # fmt: skip

    def chain(self, style_id: str | None) -> list[Any]:
        out: list[Any] = []
        seen: set[str] = set()
        sid = style_id or self.default_para
        while sid and sid not in seen and sid in self.by_id:
            seen.add(sid)
            style = self.by_id[sid]
            out.append(style)
            based = style.find(f"{_W}basedOn")
            sid = _attr(based, "val")
        return out

    def resolve(self, rpr: Any, style_id: str | None, tag: str, attr: str) -> str | None:
        candidates = [rpr] + [s.find(f"{_W}rPr") for s in self.chain(style_id)] + [self.default_rpr]
        for c in candidates:
            if c is None:
                continue
            el = c.find(f"{_W}{tag}")
            value = _attr(el, attr)
            if value is not None:
                return value
        return None


#: A check of the document's whole text (`document_text`), such as the figures of a workbook:
#: the caller brings what this stack does not know.
TextCheck = Callable[[str], list[Finding]]


def check_docx(path: Path | str, text_checks: Sequence[TextCheck] = ()) -> list[Finding]:
    """Every finding of the .docx at `path`, then those of each of `text_checks` on its text."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    path = Path(path)
    if not path.exists():
        raise WenmiError("文件不存在", file=str(path), hint="检查文件名和路径")
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise WenmiError("无法作为 Word 文档打开", file=str(path), hint="确认是 .docx 格式（不是 .doc 或 .wps）") from exc
    findings: list[Finding] = []
    findings += _page(document)
    findings += _fonts_and_text(document)
    findings += _footers(document)
    findings += _review_marks(document)
    if text_checks:
        text = document_text(document)
        for check in text_checks:
            findings += check(text)
    return findings


def _page(document: Any) -> list[Finding]:
    out: list[Finding] = []
    s = document.sections[0]
    mm = 36000  # EMU per mm

    def near(value: Any, target: float, tol: float = 1.0) -> bool:
        return value is not None and abs(value / mm - target) <= tol

    if not (near(s.page_width, G.PAGE_WIDTH_MM) and near(s.page_height, G.PAGE_HEIGHT_MM)):
        w = (s.page_width or 0) / mm
        h = (s.page_height or 0) / mm
        out.append(Finding("page-size", "error", "页面设置", f"纸张为 {w:.0f}×{h:.0f} mm，应为 A4（210×297 mm）"))
    for name, value, target in (
        ("上边距（天头）", s.top_margin, G.MARGIN_TOP_MM),
        ("左边距（订口）", s.left_margin, G.MARGIN_LEFT_MM),
        ("右边距", s.right_margin, G.MARGIN_RIGHT_MM),
        ("下边距", s.bottom_margin, G.MARGIN_BOTTOM_MM),
    ):
        if not near(value, target):
            got = (value or 0) / mm
            out.append(Finding("margins", "error", "页面设置", f"{name}为 {got:.1f} mm，应为 {target:.0f} mm（±1 mm）"))
    return out


def _where(index: int, text: str) -> str:
    snippet = text.strip()[:12]
    return f"第{index}段“{snippet}{'…' if len(text.strip()) > 12 else ''}”"


def _fonts_and_text(document: Any) -> list[Finding]:
    from assistant.document.punctuation import check_punctuation

    styles = _Styles(document)
    out: list[Finding] = []
    counters = [0] * 5
    seen_title = False
    in_attachments = False
    for index, para in enumerate(document.paragraphs, start=1):
        text = para.text
        if not text.strip():
            continue
        where = _where(index, text)
        if text.strip().startswith("附件：") or (in_attachments and re.match(r"^\d+[.．]", text.strip())):
            in_attachments = True
            continue
        in_attachments = False
        if any(_attr(r._r.rPr.find(f"{_W}color"), "val") in ("FF0000", "ff0000") for r in para.runs if r._r.rPr is not None):
            continue  # 版头: the red organ mark
        ppr = para._p.pPr
        style_id = _attr(ppr.find(f"{_W}pStyle"), "val") if ppr is not None else None
        runs = [r for r in para.runs if r.text.strip()]
        sizes = {styles.resolve(r._r.rPr, style_id, "sz", "val") for r in runs}
        fonts = {styles.resolve(r._r.rPr, style_id, "rFonts", "eastAsia") for r in runs}
        theme = {styles.resolve(r._r.rPr, style_id, "rFonts", "eastAsiaTheme") for r in runs} - {None}
        if theme and None in fonts:
            out.append(Finding("theme-font", "warning", where, "中文字体来自主题字体，换台电脑可能变成宋体：请明确设置中文字体"))
        level = next((lv for lv, pat in _LEVEL_PATTERNS if pat.match(text.strip())), None)
        first_font = styles.resolve(runs[0]._r.rPr, style_id, "rFonts", "eastAsia") if runs else None
        centred = _attr(ppr.find(f"{_W}jc"), "val") == "center" if ppr is not None else False
        big = {s for s in sizes if s and int(s) >= 40}
        if not seen_title and big:
            seen_title = True
            if any(s != "44" for s in big):
                out.append(Finding("title-size", "warning", where, "标题应为 2 号（22 磅）小标宋"))
            continue
        if level is not None:
            m = _LEVEL_PATTERNS[level - 1][1].match(text.strip())
            assert m is not None
            number = m.group(1)
            counters[level] += 1
            for deeper in range(level + 1, 5):
                counters[deeper] = 0
            expected = _expected(level, counters[level])
            if number != expected:
                out.append(
                    Finding("numbering", "error", where, f"{level}级标题序号为“{number}”，按顺序应为“{expected}”")
                )
            _expect_font(out, where, level, first_font)
        elif sizes - {None, "32"} and len(text) > 20 and not big:
            got = sorted(int(s) / 2 for s in sizes if s)
            out.append(Finding("body-size", "warning", where, f"正文字号为 {got} 磅，应为 3 号（16 磅）"))
        elif not centred and fonts and not all(f and f.startswith(_FANGSONG) for f in fonts) and len(text) > 20:
            names = "、".join(sorted(f or "未设置" for f in fonts))
            out.append(Finding("body-font", "warning", where, f"正文字体为 {names}，应为仿宋（仿宋_GB2312）"))
        for d in check_punctuation([(index, text)], ""):
            out.append(Finding("punctuation", "warning", where, d.message))
        if _ZERO_PADDED_DATE.search(text):
            out.append(Finding("date", "warning", where, "日期的月、日不编虚位（写成 2023年1月9日，不写 2023年01月09日）"))
    return out


def _expected(level: int, n: int) -> str:
    from assistant.document.model import cn_count

    return cn_count(n) if level in (1, 2) else str(n)


def _expect_font(out: list[Finding], where: str, level: int, head: str | None) -> None:
    """The heading's own face is its first run's (run-in text after it is body text)."""
    wanted = {1: ("黑体", "SimHei"), 2: ("楷体", "KaiTi"), 3: _FANGSONG, 4: _FANGSONG}[level]
    if head is not None and not head.startswith(wanted):
        face = {1: "黑体", 2: "楷体", 3: "仿宋", 4: "仿宋"}[level]
        out.append(Finding("heading-font", "warning", where, f"{level}级标题字体为 {head}，应为{face}"))


def _footers(document: Any) -> list[Finding]:
    s = document.sections[0]
    xml = s.footer._element.xml if not s.footer.is_linked_to_previous else ""
    if "PAGE" not in xml:
        return [Finding("page-number", "warning", "页脚", "没有页码域：应在页脚加“— 1 —”式页码（PAGE 域），单页居右、双页居左")]
    settings = document.settings.element.xml
    if "evenAndOddHeaders" not in settings:
        return [Finding("page-number", "warning", "页脚", "没有设置奇偶页不同：页码应单页居右、双页居左")]
    return []


def document_text(document: Any) -> str:
    """The text of every body paragraph, then every table cell, one per line."""
    text = "\n".join(p.text for p in document.paragraphs)
    for table in document.tables:
        text += "\n" + "\n".join(c.text for row in table.rows for c in row.cells)
    return text


def _review_marks(document: Any) -> list[Finding]:
    """Example content still waiting for review: runs that carry wenmi's comment
    (示例内容，请核实或替换), in the body and in tables; one finding per paragraph or cell."""
    from assistant.document.docx_writer import REVIEW_COMMENT

    try:
        texts = {str(c.comment_id): c.text for c in document.comments}
    except (AttributeError, KeyError, ValueError):
        return []
    out: list[Finding] = []
    seen: set[Any] = set()  # the elements themselves: lxml may reuse the id of a freed proxy
    for ref in document.part.element.iter(f"{_W}commentReference"):
        if REVIEW_COMMENT not in texts.get(str(ref.get(f"{_W}id")), ""):
            continue
        para = ref.getparent()
        while para is not None and para.tag != f"{_W}p":
            para = para.getparent()
        if para is None or para in seen:
            continue
        seen.add(para)
        quote = "".join(t.text or "" for t in para.iter(f"{_W}t"))
        out.append(
            Finding(
                "review-mark",
                "error",
                f"“{quote[:20]}”",
                "这里有模板的示例内容（黄色底纹、批注“示例内容，请核实或替换”）：核实或改写后删去批注和底纹再报送",
            )
        )
    return out
