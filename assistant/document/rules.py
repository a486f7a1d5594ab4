"""The examiner's rules: each looks at the paragraphs of one role and reports what GB/T 9704
(layout, faces, sizes, alignment, indents, structure, page numbers), GB/T 15834 (punctuation)
and GB/T 15835 (numbers) require, or what house style prefers (a warning).

Every rule works on `DocInfo` (assistant.document.docxread) after `assign_roles`. A fault that
runs through many paragraphs (a body set in 宋体) is reported once, at its first paragraph, with
the others in `Finding.more`.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from assistant.document import gbt9704 as G
from assistant.document.docxread import DocInfo, ParaInfo, RunInfo, W, attr, on
from assistant.document.findings import Finding, Where, quote
from assistant.document.roles import (
    ATTACH_END,
    attach_hanging,
    framed,
    heading_label,
    lead_chars,
    leading_spaces,
    line_pitch_pt,
    placed_right,
)
from assistant.numerals import cn_integer

# --- faces ----------------------------------------------------------------------------------------

FANGSONG = ("仿宋", "FangSong", "方正仿宋", "华文仿宋", "STFangsong")
XIAOBIAOSONG = ("方正小标宋", "小标宋", "FZXiaoBiaoSong", "FZXBSJW", "方正小标宋_GBK")
HEITI = ("黑体", "SimHei", "方正黑体", "华文黑体", "STHeiti")
KAITI = ("楷体", "KaiTi", "方正楷体", "华文楷体", "STKaiti")
#: What each role's Chinese text is set in (7.3), with the name the message gives.
FACES: dict[str, tuple[tuple[str, ...], str]] = {
    "title": (XIAOBIAOSONG, "方正小标宋简体（小标宋）"),
    "body": (FANGSONG, "仿宋_GB2312"),
    "h1": (HEITI, "黑体"),
    "h2": (KAITI, "楷体_GB2312"),
    "h3": (FANGSONG, "仿宋_GB2312"),
    "h4": (FANGSONG, "仿宋_GB2312"),
}
#: Faces a font profile (`fonts.PROFILES`) sets in place of a role's standard face: the Windows
#: profile sets the title in 宋体 where 方正小标宋 is missing.
STAND_INS: dict[str, tuple[str, ...]] = {"title": ("宋体", "SimSun")}
#: Roles set like body text: 3号仿宋.
BODY_LIKE = ("body", "recipients", "attach", "attach_more", "signature", "date")
ROLE_NAMES = {
    "title": "标题", "body": "正文", "recipients": "主送机关", "attach": "附件说明", "attach_more": "附件说明",
    "signature": "发文机关署名", "date": "成文日期", "heading": "标题层次", "attendance": "出席、列席名单",
}  # fmt: skip
LEVEL_NAMES = {1: "一级标题", 2: "二级标题", 3: "三级标题", 4: "四级标题"}
SIZE_NAMES = {22.0: "2号", 16.0: "3号", 15.0: "小3号", 14.0: "4号", 12.0: "小4号", 10.5: "5号", 18.0: "小2号", 24.0: "小1号", 26.0: "1号"}


def size_name(pt: float) -> str:
    name = SIZE_NAMES.get(round(pt * 2) / 2)
    return f"{name}（{pt:g} 磅）" if name else f"{pt:g} 磅"


def face_ok(face: str | None, wanted: tuple[str, ...]) -> bool:
    return face is not None and face.strip().startswith(wanted)


def role_key(p: ParaInfo) -> str:
    """The key of `p`'s face in FACES: a numbered item of the body (roles._numbered_items) is body text."""
    if p.role == "heading" and p.extras.get("item"):
        return "body"
    return f"h{p.level}" if p.role == "heading" else ("body" if p.role in BODY_LIKE else p.role)


def role_name(p: ParaInfo) -> str:
    return LEVEL_NAMES.get(p.level, "标题") if p.role == "heading" else ROLE_NAMES.get(p.role, "正文")


def face_clause(p: ParaInfo) -> str:
    """The clause of GB/T 9704-2012 that sets the face and size of `p`'s role: 7.3.1 标题 (2号小标宋),
    7.3.3 正文 (结构层次序数: 黑体, 楷体, 仿宋), and 5.2.2 字体和字号 (3号仿宋) for everything else."""
    return {"title": "7.3.1", "heading": "7.3.3"}.get(p.role, "5.2.2")


class Report:
    """Findings as the rules add them; faults repeated over paragraphs are merged."""

    def __init__(self, doc: DocInfo) -> None:
        self.doc = doc
        self.findings: list[Finding] = []
        self._merged: dict[tuple[str, str, str, str], Finding] = {}

    def where(self, p: ParaInfo | None, part: str = "", text: str | None = None) -> Where:
        if p is None:
            return Where(part=part)
        return Where(paragraph=p.index or None, page=p.page or None, quote=quote(text if text is not None else p.text), part=part)

    def add(self, rule: str, category: str, severity: str, p: ParaInfo | None, message: str, expected: str = "",
            actual: str = "", part: str = "", merge: str | None = None, text: str | None = None) -> None:
        """One finding; with `merge` (a key such as the role), the same rule with the same actual
        value on further paragraphs is added to the first finding's `more`."""
        if merge is not None and p is not None:
            key = (rule, merge, actual, expected)
            first = self._merged.get(key)
            if first is not None:
                first.more.append(p.index)
                return
        f = Finding(rule, severity, self.where(p, part, text), message, category, expected, actual)
        if merge is not None and p is not None:
            self._merged[(rule, merge, actual, expected)] = f
        self.findings.append(f)

    def finish(self) -> list[Finding]:
        for f in self._merged.values():
            if f.more:
                f.message += f"（另有 {len(f.more)} 段同样：第{'、'.join(str(i) for i in f.more[:8])}{'等' if len(f.more) > 8 else ''}段）"
        return self.findings


# --- layout --------------------------------------------------------------------------------------


def layout(r: Report) -> None:
    """5.2: A4 portrait; 天头 37 mm, 订口 28 mm (±1), right 26, bottom 35; no gutter."""
    for n, s in enumerate(r.doc.sections):
        if n and not _has_content(r.doc, s):
            continue
        part = "页面设置" if len(r.doc.sections) == 1 else f"第{n + 1}节页面设置"
        if not (abs(s.width_mm - G.PAGE_WIDTH_MM) <= 1 and abs(s.height_mm - G.PAGE_HEIGHT_MM) <= 1):
            landscape = abs(s.width_mm - G.PAGE_HEIGHT_MM) <= 1 and abs(s.height_mm - G.PAGE_WIDTH_MM) <= 1
            if landscape and n:
                continue  # a landscape section for a wide table is allowed
            actual = f"{s.width_mm:.0f}×{s.height_mm:.0f} mm" + ("（横向）" if landscape else "")
            r.add("page-size", "layout", "error", None, f"纸张为 {actual}，应为 A4 纵向（210×297 mm）：在“布局—纸张大小”中改为 A4",
                  "A4 纵向 210×297 mm", actual, part)
        for name, value, target in (
            ("上边距（天头）", s.top_mm, G.MARGIN_TOP_MM),
            ("左边距（订口）", s.left_mm + s.gutter_mm, G.MARGIN_LEFT_MM),
            ("右边距", s.right_mm, G.MARGIN_RIGHT_MM),
            ("下边距", s.bottom_mm, G.MARGIN_BOTTOM_MM),
        ):
            if abs(value - target) > 1.0:
                extra = f"（含装订线 {s.gutter_mm:.1f} mm）" if name.startswith("左") and s.gutter_mm else ""
                r.add("margins", "layout", "error", None,
                      f"{name}为 {value:.1f} mm{extra}，应为 {target:.0f} mm（±1 mm），版心才是 156×225 mm",
                      f"{target:.0f} mm", f"{value:.1f} mm", part)  # fmt: skip


def text_width_pt(sec: Any) -> float:
    """The width of a section's text block (版心), points."""
    return float((sec.width_mm - sec.left_mm - sec.right_mm - sec.gutter_mm) / G.MM_PER_PT)


def _margins_ok(sec: Any) -> bool:
    return all(abs(value - target) <= 1.0 for value, target in (
        (sec.left_mm + sec.gutter_mm, G.MARGIN_LEFT_MM), (sec.right_mm, G.MARGIN_RIGHT_MM),
        (sec.width_mm, G.PAGE_WIDTH_MM)))  # fmt: skip


def grid_spacing_pt(sec: Any) -> float:
    """What a character grid (w:docGrid w:type="linesAndChars") adds to each character: its
    w:charSpace, in 4096ths of a point (ECMA-376 17.6.5)."""
    if getattr(sec, "grid_type", None) in ("linesAndChars", "snapToChars"):
        return float(getattr(sec, "grid_char_space", 0)) / 4096
    return 0.0


def chars_per_line(size_pt: float, spacing_pt: float, width_pt: float) -> int:
    """Full-width characters one line holds: each takes its size plus the character spacing (a
    grid made for 28 a line gives the width over 28 to 1/4096 pt, hence the small allowance)."""
    return int(width_pt / max(0.1, size_pt + spacing_pt) + 0.002)


def body_spacing(doc: DocInfo, paras: Iterable[ParaInfo]) -> tuple[int, float] | None:
    """The character spacing most characters of `paras` have: the runs' own (twips) and their
    section's grid's (points). wenmi and careful typists set single lines a little tighter or
    looser (推入, 孤字); the spacing of most of the text is the document's."""
    weights: Counter[tuple[int, float]] = Counter()
    for p in paras:
        grid = grid_spacing_pt(doc.section_of(p))
        for run in p.runs:
            if run.text.strip():
                weights[(run.spacing, grid)] += len(run.text.strip())
    return weights.most_common(1)[0][0] if weights else None


def line_characters(r: Report) -> None:
    """5.2.3 (行数和字数): 28 characters a line, judged from the page setup, the type size and the character
    spacing (`body_spacing`) of the body text. Only body text in 3号 on a text block of the right
    width is judged; a wrong size or wrong margins are reported as such."""
    paras = [p for p in r.doc.paragraphs if p.role == "body" and not p.in_table
             and abs(p.size - G.BODY_SIZE_PT) <= 0.25 and _margins_ok(r.doc.section_of(p))]  # fmt: skip
    spacing = body_spacing(r.doc, paras)
    if spacing is None:
        return
    own, grid = spacing
    total = own / G.TWIPS_PER_PT + grid
    n = chars_per_line(G.BODY_SIZE_PT, total, text_width_pt(r.doc.section_of(paras[0])))
    if n == G.CHARS_PER_LINE:
        return
    how = "字符间距为标准" if not total else f"字符间距{'紧缩' if total < 0 else '加宽'} {abs(total):.2f} 磅"
    for p in paras:
        if (p.char_spacing, grid_spacing_pt(r.doc.section_of(p))) == spacing:
            r.add("chars-per-line", "layout", "error", p,
                  f"正文每行排 {n} 字（3号字、{how}），应为每行 28 字（GB/T 9704 5.2.3）：把正文的字符间距设为紧缩 "
                  f"{-G.CHAR_SPACING_TWIPS / G.TWIPS_PER_PT:g} 磅，或在“页面设置—文档网格”中设每行 28 字",
                  "每行 28 字", f"每行 {n} 字", merge="chars")  # fmt: skip


def normal_size_pt(doc: DocInfo) -> float:
    """The size of the document's default paragraph style (Normal, else the document defaults): what
    a character grid counts its pitch from (ECMA-376 17.6.5 w:charSpace is added to it)."""
    from assistant.document.docxread import Styles

    styles = Styles(doc.document)
    for lv in [s.find(f"{W}rPr") for s in styles.chain(None)] + [styles.default_rpr]:
        sz = attr(lv.find(f"{W}sz"), "val") if lv is not None else None
        if sz and sz.isdigit():
            return int(sz) / 2
    return 10.0


def document_grid(r: Report) -> None:
    """GB/T 9704-2012 5.2.3: “一般每面排22行，每行排28个字”. A document grid sets both when the text
    follows it: lines of single spacing (w:spacing w:lineRule="auto") take the grid's line pitch, so
    a grid of 21 or 23 lines a page sets the page; a line-and-character grid sets each character's
    pitch (the default style's size plus w:charSpace), whatever the runs' own spacing."""
    for n, s in enumerate(r.doc.sections):
        body = [p for p in r.doc.paragraphs if p.section == n and p.role == "body" and not p.in_table]
        part = "页面设置" if len(r.doc.sections) == 1 else f"第{n + 1}节页面设置"
        if s.grid_type not in ("lines", "linesAndChars", "snapToChars") or not body or not s.grid_pitch:
            continue
        if s.height_mm < s.width_mm:
            continue  # landscape: reported as such
        height_pt = (s.height_mm - s.top_mm - s.bottom_mm) / G.MM_PER_PT
        lines = int(height_pt / (s.grid_pitch / 20) + 0.02)
        on_grid = [p for p in body if p.line_rule == "auto" and abs(p.line_value - 240) <= 1]
        if on_grid and lines != G.LINES_PER_PAGE and abs(s.height_mm - s.top_mm - s.bottom_mm - G.TEXT_HEIGHT_MM) <= 2:
            r.add("grid-lines", "layout", "error", None,
                  f"文档网格每页 {lines} 行（行距 {s.grid_pitch / 20:g} 磅），正文按网格排，每页 {lines} 行；应为每页 22 行"
                  "（GB/T 9704 5.2.3）：在“页面设置—文档网格”中设每页 22 行", "每页 22 行", f"每页 {lines} 行", part)  # fmt: skip
        # judged here when the default style is set in 3号, as the body is (the grid then gives the
        # body's own pitch); otherwise line_characters judges the body's spacing
        if s.grid_type in ("linesAndChars", "snapToChars") and _margins_ok(s) \
                and abs(normal_size_pt(r.doc) - G.BODY_SIZE_PT) <= 0.25:
            pitch = normal_size_pt(r.doc) + s.grid_char_space / 4096
            chars = chars_per_line(pitch, 0, text_width_pt(s))
            sized = [p for p in body if abs(p.size - G.BODY_SIZE_PT) <= 0.25]
            if sized and chars != G.CHARS_PER_LINE:
                r.add("grid-chars", "layout", "error", None,
                      f"字符网格每行 {chars} 字（字距 {pitch:.2f} 磅），应为每行 28 字（GB/T 9704 5.2.3）："
                      "在“页面设置—文档网格”中设每行 28 字", "每行 28 字", f"每行 {chars} 字", part)  # fmt: skip


def lines_in_block(pitch: float, sec: Any) -> int:
    """Lines of `pitch` pt that the section's text block holds (as the page estimate counts them)."""
    return int(((sec.height_mm - sec.top_mm - sec.bottom_mm) / G.MM_PER_PT + 0.5) / max(pitch, 1.0))


def exact_lines(r: Report) -> None:
    """GB/T 9704-2012 5.2.3 “一般每面排22行”: body text at an exact line height that the line spacing rule
    lets pass (`PITCH_RANGE`) may still set another number of lines on the page: 固定值 27.7 磅 puts 23
    lines in the 225 mm block (23 × 27.7 = 637.1 pt of 637.8), as Word lays it out."""
    for n, s in enumerate(r.doc.sections):
        if abs(s.height_mm - s.top_mm - s.bottom_mm - G.TEXT_HEIGHT_MM) > 2:
            continue  # the margins are reported as such
        body = [p for p in r.doc.paragraphs if p.section == n and p.role == "body" and not p.in_table and p.line_rule == "exact"]
        pitches = Counter(p.line_value / 20 for p in body)
        if not pitches:
            continue
        pitch, _ = pitches.most_common(1)[0]
        lines = lines_in_block(pitch, s)
        if PITCH_RANGE[0] <= pitch <= PITCH_RANGE[1] and lines != G.LINES_PER_PAGE:
            part = "页面设置" if len(r.doc.sections) == 1 else f"第{n + 1}节页面设置"
            r.add("lines-per-page", "layout", "error", None,
                  f"正文行距固定值 {pitch:g} 磅，每页排 {lines} 行，应为每页 22 行（GB/T 9704 5.2.3）：行距设为固定值 28.95 磅",
                  "每页 22 行", f"每页 {lines} 行", part)  # fmt: skip


def _has_content(doc: DocInfo, s: Any) -> bool:
    return any(
        p.role not in ("blank", "record") for p in doc.paragraphs if s.first_paragraph <= p.index <= s.last_paragraph
    )


# --- faces, sizes, colours ---------------------------------------------------------------------------


def _head_runs(p: ParaInfo) -> list[RunInfo]:
    """A heading's own runs: its number and text up to the end of its lead sentence; text run
    in after that is body text."""
    text = p.text
    cut = len(text)
    m = re.search(r"[。！？]", text)
    if m and m.end() < len(text.rstrip()):
        cut = m.end()
    out, pos = [], 0
    for run in p.runs:
        if pos < cut and run.text:
            out.append(run)
        pos += len(run.text)
    return out


def _lead_run(p: ParaInfo, run: RunInfo) -> bool:
    """A lead phrase that opens a body paragraph in a face of its own (一是…。, 以…定方向。)."""
    text = p.text
    start = text.find(run.text) if run.text else -1
    rest = text[start + len(run.text) :].strip() if start >= 0 else ""
    return 0 <= start <= 1 and bool(rest) and len(run.text.strip()) <= 30 and run.text.rstrip()[-1:] in "。：:；"


def faces_and_sizes(r: Report) -> None:
    for p in r.doc.paragraphs:
        key = role_key(p)
        if key not in FACES:
            continue
        runs = _head_runs(p) if p.role == "heading" else p.runs
        wanted, face_name = FACES[key]
        han = [x for x in runs if x.han]
        bad = [x for x in han if not face_ok(x.east_asia, wanted) and not (key == "body" and _lead_run(p, x))]
        if bad and all(not x.theme and x.east_asia in STAND_INS.get(key, ()) for x in bad):
            # the face a font profile sets in place of the standard one (wenmi render --fonts
            # windows: 宋体 for the title on machines without 方正小标宋): a choice, not a slip
            actual = _face_text(bad[0])
            r.add("font-face-stand-in", "font", "warning", p,
                  f"{role_name(p)}用{actual}代替{face_name}（Windows 字体方案）；"
                  f"本机装有{face_name}时，宜改回（wenmi render --fonts gb2312）",
                  face_name, actual, merge=f"{p.role}{p.level}")  # fmt: skip
        elif bad:
            actual = _face_text(bad[0])
            sev = "error"
            r.add("font-face", "font", sev, p,
                  f"{role_name(p)}字体为{actual}，应为{face_name}（GB/T 9704 {face_clause(p)}）",
                  face_name, actual, merge=f"{p.role}{p.level}")  # fmt: skip
        _latin_face(r, p, key, runs)
        target = 22.0 if key == "title" else 16.0
        sized = [x for x in runs if x.text.strip()]
        wrong = [x.size for x in sized if abs(x.size - target) > 0.25]
        if sized and wrong:
            got = Counter(wrong).most_common(1)[0][0]
            r.add("font-size", "size", "error", p,
                  f"{role_name(p)}字号为{size_name(got)}，应为{size_name(target)}（GB/T 9704 {face_clause(p)}）",
                  size_name(target), size_name(got), merge=f"{p.role}{p.level}")  # fmt: skip
        coloured = [x for x in runs if x.text.strip() and (x.color or "auto").lower() not in ("auto", "000000")]
        if coloured and p.role in ("title", "body", "heading", "recipients", "signature", "date", "attach"):
            r.add("text-color", "font", "warning", p, f"{role_name(p)}文字为彩色（{coloured[0].color}），公文正文应为黑色",
                  "黑色", str(coloured[0].color), merge=key)


#: Sans-serif Latin faces: digits and letters in them stand out of 仿宋 text (Word's and LibreOffice's
#: defaults, left on digits typed or pasted into a 公文).
SANS_LATIN = ("Calibri", "Arial", "Helvetica", "Verdana", "Tahoma", "Segoe UI", "Liberation Sans", "DejaVu Sans",
              "Microsoft YaHei", "微软雅黑", "等线", "DengXian", "Aptos")  # fmt: skip
LATIN_TEXT = re.compile(r"[0-9A-Za-z]")


def _latin_face(r: Report, p: ParaInfo, key: str, runs: list[RunInfo]) -> None:
    """Digits and Latin letters of text set in 仿宋 (body, levels 3 and 4) in a sans-serif face
    (Calibri, Arial): GB/T 9704-2012 5.2.2 sets the text in 3号仿宋 and names no Latin face, so this is
    house style — a warning: a serif face (Times New Roman) or the 仿宋 itself matches the text."""
    if key not in ("body", "h3", "h4"):
        return
    bad = [x for x in runs if x.ascii and LATIN_TEXT.search(x.text) and x.ascii.strip().startswith(SANS_LATIN)]
    if bad:
        r.add("latin-face", "font", "warning", p,
              f"{role_name(p)}中的数字、字母用 {bad[0].ascii}（无衬线字体），与仿宋不协调：西文字体宜设为 Times New Roman 或仿宋",
              "Times New Roman", str(bad[0].ascii), merge=f"latin{key}")  # fmt: skip


def _face_text(run: RunInfo) -> str:
    if run.theme:
        return f"主题字体（{run.east_asia or '未命名，多显示为等线或宋体'}）"
    if run.east_asia is None:
        return "未设置中文字体（显示为默认的宋体或等线）"
    return run.east_asia


# --- alignment and indents ---------------------------------------------------------------------------

_ALIGN_NAMES = {"left": "左对齐", "center": "居中", "right": "右对齐", "both": "两端对齐", "distribute": "分散对齐"}


def alignment(r: Report) -> None:
    for p in r.doc.paragraphs:
        a = p.align
        name = _ALIGN_NAMES.get(a, a)
        if p.role == "title" and a != "center":
            r.add("title-align", "alignment", "error", p, f"标题{name}，应居中（GB/T 9704 7.3.1）", "居中", name)
        elif p.role == "body" and a in ("center", "right"):
            r.add("body-align", "alignment", "error", p, f"正文{name}，应两端对齐", "两端对齐", name, merge="body")
        elif p.role == "body" and a == "left" and wraps(p):
            r.add("body-justify", "alignment", "warning", p, "正文左对齐，右边参差不齐：应设为两端对齐", "两端对齐", name, merge="body")
        elif p.role == "heading" and a in ("center", "right"):
            r.add("heading-align", "alignment", "error", p,
                  f"{role_name(p)}{name}，应与正文一样左空二字编排（GB/T 9704 7.3.3）", "左空二字", name)
        elif p.role == "attach" and a in ("center", "right"):
            r.add("attach-align", "alignment", "error", p,
                  f"附件说明{name}，应在正文下空一行左空二字编排（GB/T 9704 7.3.4）", "左空二字", name)
        elif p.role == "recipients" and a in ("center", "right"):
            r.add("recipients-align", "alignment", "error", p, f"主送机关{name}，应居左顶格（GB/T 9704 7.3.2）", "居左顶格", name)
        elif p.role in ("signature", "date"):
            _tail_alignment(r, p)
    _date_placement(r)


def _tail_alignment(r: Report, p: ParaInfo) -> None:
    what = role_name(p)
    if placed_right(p):
        return
    name = _ALIGN_NAMES.get(p.align, p.align)
    r.add(f"{p.role}-align", "alignment", "error", p,
          f"{what}{name}，应在右侧：署名右空二字，成文日期在署名下一行、首字比署名首字右移二字（GB/T 9704 7.3.5）",
          "右侧（右空二字）", name)  # fmt: skip


def text_width(text: str) -> float:
    """Width in characters: ASCII half, everything else (Chinese, full-width marks, ×) whole."""
    return sum(0.5 if c.isascii() else 1.0 for c in text.strip(" \u3000\t"))


def wraps(p: ParaInfo) -> bool:
    """Whether `p` takes more than one line (its alignment shows only then)."""
    lines = p.extras.get("lines")
    if lines is not None:
        return bool(lines > 1)
    return lead_chars(p) + text_width(p.text) + p.right_chars > G.CHARS_PER_LINE


def right_blank(p: ParaInfo, doc: DocInfo, width: Callable[[str], float] = G.rendered_width_chars) -> float:
    """Characters left blank at the right of a one-line 署名 or 日期: its right indent when it is
    right-aligned, else what its spaces and indents leave of the line (its text `width` wide)."""
    if p.align == "right":
        return p.right_chars
    sec = doc.section_of(p)
    width_pt = (sec.width_mm - sec.left_mm - sec.right_mm - sec.gutter_mm) / G.MM_PER_PT
    per_line = round(width_pt / max(p.size, 1.0))
    return per_line - lead_chars(p) - width(p.text) - p.right_chars


def tail_places(sig_width: float, date_width: float) -> list[tuple[float, float]]:
    """Where 署名 and 成文日期 may stand: (right blank of the 署名, of the date), in characters.
    Unsealed (7.3.5.2): 署名右空二字, the date's first character two to the right of the 署名's
    (when the date is the longer, the date is right-indented two and the 署名 moves left). To be
    sealed (7.3.5.1): 日期右空四字, the 署名 centred over the date."""
    if sig_width >= date_width + 2:
        unsealed = (2.0, sig_width - date_width)
    else:
        unsealed = (2.0 + 2 + date_width - sig_width, 2.0)
    sealed = (4.0 + (date_width - sig_width) / 2, 4.0)
    return [unsealed] + ([sealed] if sealed[0] >= 0 else [])


#: How far (characters) a 署名 or 日期 may stand from its place.
TAIL_TOLERANCE = 0.6

#: The two ways of measuring a 署名 or 日期: as the suites set it (with the autospace between Chinese
#: and digits, what the page shows) and as a typist counts it (digits half a character, no
#: autospace). A placement right by either counts as right; `fix` and the writer use the first.
TAIL_WIDTHS: tuple[Callable[[str], float], ...] = (G.rendered_width_chars, text_width)


def tail_fits(sig: ParaInfo, date: ParaInfo, blanks: Callable[[ParaInfo, Callable[[str], float]], float]) -> bool:
    """Whether 署名 and 日期 stand where 7.3.5 puts them, by either measure; `blanks(p, width)`
    gives the right blank of `p` when its text is `width(text)` wide."""
    for width in TAIL_WIDTHS:
        sr, dr = blanks(sig, width), blanks(date, width)
        places = tail_places(width(sig.text), width(date.text))
        if any(abs(sr - a) <= TAIL_TOLERANCE and abs(dr - b) <= TAIL_TOLERANCE for a, b in places):
            return True
    return False


def _date_placement(r: Report) -> None:
    sig = next(iter(r.doc.role("signature")), None)
    date = next(iter(r.doc.role("date")), None)
    if sig is None or date is None or not placed_right(sig) or not placed_right(date) or sig.index > date.index:
        return
    if not re.fullmatch(r"\d{4}年[1-9]\d?月[1-9]\d?日", re.sub(r"\s", "", date.text)):
        return  # the date's own form is reported; its place follows once it is mended
    # placed by indents (left or right) is as good as the standard's geometry; typed spaces are the
    # trap: they move when a face or a size changes
    spaced = [p for p in (sig, date) if leading_spaces(p.text)]
    if spaced:
        r.add("tail-spaces", "alignment", "warning", spaced[0],
              f"{role_name(spaced[0])}用空格推到右边：应删去行首空格，设为右对齐再用右缩进定位（GB/T 9704 7.3.5），"
              "改字号或字体时才不走样", "右对齐加右缩进", "行首空格")  # fmt: skip
    if tail_fits(sig, date, lambda p, width: right_blank(p, r.doc, width)):
        return
    sr, dr = right_blank(sig, r.doc), right_blank(date, r.doc)
    places = tail_places(G.rendered_width_chars(sig.text), G.rendered_width_chars(date.text))
    want_sig, want_date = places[0]
    for p, got, want in ((sig, sr, want_sig), (date, dr, want_date)):
        if abs(got - want) > TAIL_TOLERANCE:
            r.add("tail-placement", "alignment", "warning", p,
                  f"署名右空 {sr:.1f} 字、日期右空 {dr:.1f} 字；应为署名右空 {want_sig:g} 字、"
                  f"日期右空 {want_date:g} 字（日期首字比署名首字右移二字，GB/T 9704 7.3.5.2；"
                  f"加盖印章的，日期右空四字、署名以日期为准居中，7.3.5.1）",
                  f"署名右空 {want_sig:g} 字，日期右空 {want_date:g} 字",
                  f"署名右空 {sr:.1f} 字，日期右空 {dr:.1f} 字")  # fmt: skip


def indents(r: Report) -> None:
    for p in r.doc.paragraphs:
        spaces = leading_spaces(p.text)
        first = p.first_chars + spaces
        if p.role == "attach" and attach_hanging(p):
            continue  # 7.3.4: a long name wraps under the first character of the name
        if p.role in ("body", "heading", "attach"):
            key = role_key(p)
            if abs(p.left_chars) > 0.25:
                r.add("left-indent", "indent", "error", p,
                      f"{role_name(p)}整段左缩进 {p.left_chars:.1f} 字，应左侧顶格、首行缩进二字（回行顶格，GB/T 9704 7.3.3）",
                      "左缩进 0，首行缩进 2 字", f"左缩进 {p.left_chars:.1f} 字", merge=key)  # fmt: skip
            elif abs(first - G.INDENT_CHARS) > 0.3:
                r.add("first-line-indent", "indent", "error", p,
                      f"{role_name(p)}首行缩进 {first:.1f} 字，应为 2 字（每个自然段左空二字，GB/T 9704 7.3.3）",
                      "首行缩进 2 字", f"首行缩进 {first:.1f} 字", merge=key)  # fmt: skip
            elif spaces >= 1 and p.first_chars < 0.3:
                r.add("indent-spaces", "indent", "warning", p,
                      f"{role_name(p)}用空格缩进：应删去行首空格，设为首行缩进 2 字符，回行和改字号时才不走样",
                      "首行缩进 2 字符", "行首空格", merge=key)  # fmt: skip
        elif p.role == "recipients" and (abs(first) > 0.3 or abs(p.left_chars) > 0.3):
            got = first if abs(first) > 0.3 else p.left_chars
            r.add("recipients-indent", "indent", "error", p,
                  f"主送机关缩进 {got:.1f} 字，应居左顶格（GB/T 9704 7.3.2）", "顶格", f"缩进 {got:.1f} 字")
        elif p.role == "title" and (abs(p.first_chars) > 0.3 or abs(p.left_chars - p.right_chars) > 0.6):
            r.add("title-indent", "indent", "warning", p, "标题有首行或单侧缩进，居中会偏：去掉标题的缩进",
                  "无缩进", f"首行 {p.first_chars:.1f} 字，左 {p.left_chars:.1f} 字，右 {p.right_chars:.1f} 字")


# --- line spacing and paragraph spacing -----------------------------------------------------------

#: Lines of 27.7–29.05 pt give 22 lines in the 225 mm block (GB/T 9704 5.2.3).
PITCH_RANGE = (27.7, 29.05)


def _describe_spacing(p: ParaInfo, pitch: float) -> str:
    if p.line_rule == "exact":
        desc = f"固定值 {p.line_value / 20:g} 磅"
    elif p.line_rule == "atLeast":
        desc = f"最小值 {p.line_value / 20:g} 磅"
    else:
        multiple = p.line_value / 240
        desc = {1.0: "单倍行距", 1.5: "1.5 倍行距", 2.0: "2 倍行距"}.get(multiple, f"{multiple:g} 倍行距")
    lines = int((G.TEXT_HEIGHT_MM / G.MM_PER_PT + 0.5) // pitch) if pitch else 0
    return f"{desc}（每行约 {pitch:.1f} 磅，每页约 {lines} 行）"


def spacing(r: Report) -> None:
    for p in r.doc.paragraphs:
        if p.role == "title":
            _paragraph_spacing(r, p)
        if p.role not in BODY_LIKE and p.role != "heading":
            continue
        sec = r.doc.section_of(p)
        pitch = line_pitch_pt(p, sec)
        if not PITCH_RANGE[0] <= pitch <= PITCH_RANGE[1]:
            actual = _describe_spacing(p, pitch)
            r.add("line-spacing", "spacing", "error", p,
                  f"{role_name(p)}行距为{actual}，应为每页 22 行：固定值 28.95 磅（或文档网格每页 22 行、单倍行距）",
                  "每页 22 行（固定值约 28.95 磅）", actual, merge=f"line{role_key(p)}")  # fmt: skip
        _paragraph_spacing(r, p)


def _paragraph_spacing(r: Report, p: ParaInfo) -> None:
    for side, value in (("段前", p.before_pt), ("段后", p.after_pt)):
        if value > 0.5:
            r.add("paragraph-spacing", "spacing", "warning", p,
                  f"{role_name(p)}{side}间距 {value:g} 磅，会使行离开每页 22 行的网格：段前段后应为 0"
                  + ("（标题下空一行用空段落）" if p.role == "title" else ""),
                  f"{side} 0", f"{side} {value:g} 磅", merge=side)  # fmt: skip


# --- heading numbers ------------------------------------------------------------------------------

_FORMS = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}


def numbering(r: Report) -> None:
    """Heading numbers: their form (一、 not 一. ; （一） not （一）、; 1. not 1、), their order, and
    levels skipped.

    Skipping a level (越级, 一、 straight to 1.) is house style, not a GB/T fault: GB/T 9704-2012
    7.3.3 says the levels 依次可以用 “一、”“（一）”“1.”“（1）” — the order in which they may be
    used, not a duty to use every one — and a document whose only level under 一、 is 1. is
    common, accepted practice. What an examiner marks is a document that uses （一） under one
    一、 and skips it under another: `numbering-skip` is a warning, and only then."""
    from assistant.document.model import cn_count

    counters = [0] * 5
    last_level = 0
    labels = [heading_label(p.shown) for p in r.doc.paragraphs if p.role == "heading"]
    second_level_used = any(x is not None and x.level == 2 for x in labels)
    for p in r.doc.paragraphs:
        if p.role != "heading":
            continue
        label = heading_label(p.shown)
        if label is None:
            continue
        level = label.level
        # a section under 一、 whose headings on lines of their own skip （一）, which the document
        # uses elsewhere; numbered paragraphs run in under 一、 (1.压实责任。各党组织……), a
        # document with no （一） at all and deeper skips (（一） straight to （1）) are left alone
        if last_level == 1 and level > 2 and second_level_used and _heading_line(p):
            missing = _FORMS[last_level + 1]
            r.add("numbering-skip", "numbering", "warning", p,
                  f"{LEVEL_NAMES[level]}“{label.text.strip()}”直接排在{LEVEL_NAMES[last_level]}之下，跳过了“{missing}”一层，"
                  f"而文中别处用了“{missing}”：层次宜前后一致，改用“{missing}”或补上这一层"
                  f"（GB/T 9704 7.3.3 给出层次顺序一、（一） 1. （1），未禁止越级，这是审核习惯，不算违反国标）",
                  _FORMS[last_level + 1], label.text.strip(), text=p.shown)  # fmt: skip
        last_level = level
        if not label.proper:
            proper = _proper_label(level, label.number)
            r.add("numbering-form", "numbering", "error", p,
                  f"{LEVEL_NAMES[level]}序号写成“{label.text.strip()}”，应为“{proper}”（GB/T 9704 7.3.3：一、（一） 1. （1））",
                  proper, label.text.strip(), text=p.shown)  # fmt: skip
        n = _value(label.number)
        if level >= 3 and n == 1 and counters[level] >= 1:
            counters[level] = 0  # a new list under the same heading
        counters[level] += 1
        for deeper in range(level + 1, 5):
            counters[deeper] = 0
        want = counters[level]
        if n != want:
            expected = cn_count(want) if level in (1, 2) else str(want)
            r.add("numbering", "numbering", "error", p,
                  f"{LEVEL_NAMES[level]}序号为“{label.number}”，按顺序应为“{expected}”", expected, label.number, text=p.shown)
            counters[level] = n if n > 0 else want


#: Numbers of items run into a body paragraph, after a colon, semicolon or full stop (……如下：（一）屋面
#:渗漏的9栋；（二）……; 会议决定：1)由……；2)……).
INLINE_NUMBER = re.compile(
    r"(?<=[：:；;。])[ \u3000]*(（[一二三四五六七八九十]{1,3}）|[一二三四五六七八九十]{1,3}、|（\d{1,2}）|\d{1,2}[)）]|\d{1,2}[.．](?!\d))"
    r"(?=[\u4e00-\u9fff“])"
)


def _inline_level(label: str) -> int:
    if label.startswith("（") and label[1].isdigit():
        return 4
    if label.startswith("（"):
        return 2
    if label[0].isdigit():
        return 4 if label[-1] in ")）" else 3
    return 1


def inline_numbering(r: Report) -> None:
    """Numbers run into a body paragraph (段内序号) follow 7.3.3 as headings do: “（1）” not “1)”, and
    the levels go down (一、 （一） 1. （1）), never back up within the paragraph (（一）……；（二）……；一、……)."""
    for p in r.doc.paragraphs:
        if p.role != "body" or p.in_table:
            continue
        labels = [m.group(1) for m in INLINE_NUMBER.finditer(p.text)]
        if not labels:
            continue
        half = next((x for x in labels if re.fullmatch(r"\d{1,2}[)）]", x)), None)
        if half:
            proper = f"（{half[:-1]}）"
            r.add("numbering-form", "numbering", "error", p,
                  f"段内序号写成“{half}”，应为“{proper}”（GB/T 9704 7.3.3：一、（一） 1. （1））", proper, half)
            continue
        levels = [_inline_level(x) for x in labels]
        for k in range(1, len(levels)):
            if levels[k] < min(levels[:k]):
                r.add("numbering-order", "numbering", "error", p,
                      f"段内序号层次颠倒：“{labels[k - 1]}”之后用了上一层的“{labels[k]}”（GB/T 9704 7.3.3 层次依次为一、（一） 1. （1））",
                      f"“{labels[k - 1]}”之后接同层序号", labels[k])  # fmt: skip
                break


def _heading_line(p: ParaInfo) -> bool:
    """A heading on a line of its own (1.加强组织领导): no closing mark, no sentence in it; not a
    numbered sentence (1.“港航动态”刊发……消息。) nor a lead sentence with its text run in."""
    text = p.shown.strip()
    return len(_head_runs(p)) == len(p.runs) and len(text) <= 30 and not re.search(r"[，,；;。.!！？?]$|[，,；;。]", text)


def _proper_label(level: int, number: str) -> str:
    return {1: f"{number}、", 2: f"（{number}）", 3: f"{number}.", 4: f"（{number}）"}[level]


def _value(number: str) -> int:
    if number.isdigit():
        return int(number)
    digits = "零一二三四五六七八九"
    if number == "十":
        return 10
    if "十" in number:
        tens, _, ones = number.partition("十")
        return (digits.index(tens) if tens else 1) * 10 + (digits.index(ones) if ones else 0)
    return digits.index(number) if number in digits else 0


# --- punctuation (GB/T 15834) ---------------------------------------------------------------------

_HAN = r"[\u4e00-\u9fff]"
_HALF = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF_NEAR_HAN = re.compile(rf"(?<={_HAN})[,;:?!()]|[,;:?!()](?={_HAN})|(?<={_HAN})\.(?![\d.])")
_ASCII_QUOTES = re.compile(r"[\"']")
#: Corner brackets, the quotation marks of vertical text (and of Taiwan and Hong Kong): 「」『』.
CORNER_QUOTES = re.compile(r"[「」『』]")
CORNER_TO_QUOTES = {"「": "“", "」": "”", "『": "‘", "』": "’"}
_ELLIPSIS = re.compile(r"\.{3,}|。{3,}|(?<!…)…(?!…)|…{3,}|·{3,}")
#: A space typed between a Chinese character and the full-width mark after it (问题 ；).
SPACE_BEFORE_MARK = re.compile(r"(?<=[\u4e00-\u9fff）”》])[ \u3000\u00a0]+[，。、；：？！）》”]")
_DOUBLED = re.compile(r"([，。；：！？、])\1|[，；：、][。]|[。][，；：、]|[，、][，、]")
#: A title of a work in Chinese set in ASCII or other angle marks (<<条例>>, ＜＜办法＞＞, «规定»), not in 书名号.
BOOK_MARKS = re.compile(rf"(<<|＜＜|«|〈〈)((?:(?!>>|＞＞|»|〉〉).)*?{_HAN}(?:(?!>>|＞＞|»|〉〉).)*?)(>>|＞＞|»|〉〉)")
_DASH = re.compile(rf"(?<={_HAN})(?:-{{1,2}}|－)(?={_HAN})")
TITLE_END = "。，；：,.;:、"


def _texts(r: Report) -> Iterable[ParaInfo]:
    """Every paragraph with text, table cells included."""
    for p in r.doc.paragraphs:
        if p.text.strip():
            yield p
    for t in r.doc.tables:
        for row in t.cells:
            for cell in row:
                for p in cell:
                    if p.text.strip():
                        yield p


def _label_end(p: ParaInfo) -> int:
    if p.role != "heading" or p.number_label:
        return 0
    label = heading_label(p.text)
    return len(p.text) - len(p.text.lstrip(" \u3000\t")) + len(label.text) if label else 0


def punctuation(r: Report) -> None:
    for p in _texts(r):
        text = p.text
        skip = _label_end(p)
        part = "表格" if p.in_table else ""
        hits = [m for m in _HALF_NEAR_HAN.finditer(text) if m.start() >= skip]
        if hits:
            marks = "".join(dict.fromkeys(m.group(0) for m in hits))
            fixes = "、".join(f"“{m}”改为“{_HALF.get(m, '。')}”" for m in marks)
            r.add("punctuation", "punctuation", "error", p,
                  f"中文中用了 {len(hits)} 处半角标点：{fixes}（GB/T 15834）", "全角标点", marks, part=part)
        if _ASCII_QUOTES.search(text) and re.search(_HAN, text):
            r.add("ascii-quotes", "punctuation", "error", p, "中文中用了英文引号（\"或'）：应为“”或‘’（GB/T 15834）",
                  "“”", "\"", part=part)
        m = CORNER_QUOTES.search(text)
        if m and re.search(_HAN, text):
            r.add("corner-quotes", "punctuation", "error", p,
                  f"引号写成“{m.group(0)}”（直排用的形式）：横排文稿的引号应为“”，引号里面再用引号时用‘’（GB/T 15834 4.8）",
                  "“”‘’", m.group(0), part=part)  # fmt: skip
        m = _ELLIPSIS.search(text)
        if m:
            r.add("ellipsis", "punctuation", "error", p, f"省略号写成“{m.group(0)}”：应为六个点“……”（GB/T 15834 4.11）",
                  "……", m.group(0), part=part)
        m = _DOUBLED.search(text)
        if m:
            r.add("doubled-punctuation", "punctuation", "error", p, f"标点“{m.group(0)}”重复或连用：只留一个",
                  m.group(0)[0], m.group(0), part=part)
        m = SPACE_BEFORE_MARK.search(text)
        if m:
            r.add("space-before-mark", "punctuation", "warning", p,
                  f"标点“{m.group(0)[-1]}”前多了空格：标点紧跟前一个字（GB/T 15834），删去空格", "无空格", "有空格", part=part)
        m = BOOK_MARKS.search(text)
        if m:
            r.add("book-marks", "punctuation", "error", p,
                  f"书名号写成“{m.group(1)}”“{m.group(3)}”：应为《》（GB/T 15834 4.15）", "《》", m.group(1) + m.group(3), part=part)
        m = _DASH.search(text)
        if m:
            r.add("dash", "punctuation", "error", p, f"破折号写成“{m.group(0)}”：应为“——”（GB/T 15834 4.10）",
                  "——", m.group(0), part=part)
        if p.role in ("attach", "attach_more") and text.rstrip()[-1:] in ATTACH_END:
            mark = text.rstrip()[-1]
            r.add("attach-punctuation", "punctuation", "error", p,
                  f"附件名称后加了“{mark}”：附件名称后不加标点（GB/T 9704 7.3.4），删去它", "无标点", mark, merge="attach")
        if p.role == "recipients" and text.rstrip()[-1:] not in "：:":
            r.add("recipients-colon", "punctuation", "error", p,
                  "主送机关后缺冒号：在最后一个机关名称后加全角冒号“：”（GB/T 9704 7.3.2）", "：", "无冒号")
        if p.role == "title" and p is _last_title_line(r) and text.rstrip()[-1:] in TITLE_END:
            r.add("title-punctuation", "punctuation", "warning", p, f"标题末尾有标点“{text.rstrip()[-1]}”：标题末尾不加标点",
                  "无标点", text.rstrip()[-1])


def _last_title_line(r: Report) -> ParaInfo | None:
    lines = r.doc.role("title")
    return lines[-1] if lines else None


# --- numbers and dates (GB/T 15835, GB/T 9704 7.3.5.4) ------------------------------------------------

_NUMERIC_DATE = re.compile(r"(?<![\d.\-/])((?:19|20)\d{2})\s*([.\-/．])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?![\d.\-/])")
_SHORT_YEAR = re.compile(r"(?<![\d〇零一二三四五六七八九十])['’]?(\d{2})年(?=\d{1,2}月|度|底|初|上半年|下半年|第)")
#: A year of two digits opening a sentence, then a comma (25年，我们将……; 到27年，基本建成……): a year, not
#: a span of years (工作20年，; 30年来), which does not open a sentence with a comma after it.
_SHORT_YEAR_ALONE = re.compile(r"(?:^|(?<=[。；！？]))[ \u3000]*(?:到|至|截至|于|在)?([0-3]\d)年(?=[，,])")
_FULLWIDTH_DIGIT = re.compile(r"[０-９]+")
_CN_DATE = re.compile(r"(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?")
_ZERO_PAD = re.compile(r"\d{4}年0\d月|年\d{1,2}月0\d日|\d{4}年\d{1,2}月0\d日")
_DOCNUM_BRACKETS = re.compile(r"[\[［(（【]\s*(\d{4})\s*[\]］)）】]")
#: A year and a month joined by a dot (2023.12), as people write a period: “2023.12至2024.6”.
_YEAR_MONTH = re.compile(r"(?<![\d.．\-/])((?:19|20)\d{2})[.．](\d{1,2})(?![\d.．\-/%％])")
_YEAR_MONTH_DASH = re.compile(r"(?<![\d.．\-/－])((?:19|20)\d{2})[-/－](0[1-9]|1[0-2])(?![\d.．\-/%％－])")
#: What tells such a pair from a decimal number (2023.12万元): a word of time before or after it.
_TIME_BEFORE = re.compile(r"(?:于|自|从|至|到|截至|截止|—|-|~|～)$")
_TIME_AFTER = re.compile(r"(?:至|到|—|-|~|～|起|以来|以前|前|后|底|初|止|期间)")


def year_months(text: str) -> list[re.Match[str]]:
    """The year-months written with a dot in `text` (2023.12 in “于2023.12组织”, “2023.12至2024.6”):
    a year 19xx/20xx and a month 1–12 with a word of time next to them, so that a decimal number
    (2023.12万元) is left alone."""
    out = []
    for m in _YEAR_MONTH.finditer(text):
        if not 1 <= int(m.group(2)) <= 12:
            continue
        if _TIME_BEFORE.search(text[: m.start()]) or _TIME_AFTER.match(text, m.end()):
            out.append(m)
    # 2024-03, 2024/03: a two-digit month after a hyphen or slash is no decimal (2024-2025 is a range)
    out += list(_YEAR_MONTH_DASH.finditer(text))
    return sorted(out, key=lambda m: m.start())


#: A count: a number and the unit of what is counted (180人, 二十余次, 3.5万元).
_MEASURE = (r"(?:余|多)?(?:万|亿)?(?:人次|人|名|位|户|家|个|所|项|件|次|场|批|台|辆|套|份|篇|条|处|座|间|张|本|册|元|吨|公里|"
            r"千米|平方米|米|亩|天|小时|分钟|周岁|岁|宗|例|株|棵|头|只|箱|袋)")  # fmt: skip
_ARABIC_COUNT = re.compile(rf"(?<![\d.])\d+(?:\.\d+)?{_MEASURE}")
#: A count in Chinese numerals of ten or more (一百八十人, 二十余次), not an ordinal (第十二个), not
#: part of a longer numeral or of an approximation (几十个, 数百人).
_CN_COUNT = re.compile(rf"(?<![第〇○零一二三四五六七八九十百千万亿两几数上近])([〇零一二三四五六七八九十百千两]{{2,}})(?={_MEASURE})")
_CN_VALUES = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}


def cn_value(numeral: str) -> int | None:
    """The value of a Chinese numeral counting ten or more (一百八十 → 180, 十二 → 12, 三千零五 →
    3005); None for what is not one: an approximation (三四十, 五六), a bare string of digits
    (一八〇), the short spoken form whose last unit is left out (一百八 may be 180 or 108)."""
    if not re.search("[十百千]", numeral) or re.search("[一二三四五六七八九两]{2}", numeral):
        return None
    if re.search("[百千][一二三四五六七八九两]$", numeral):
        return None
    try:
        return cn_integer(numeral)
    except ValueError:
        return None


#: A month and a day without their year (4月1日至4月31日), not the end of a full date (2025年4月31日).
_MONTH_DAY = re.compile(r"(?<![\d年０-９])(\d{1,2})月(\d{1,2})日")
_YEAR = re.compile(r"((?:19|20)\d{2})年")


def impossible_date(text: str, year: int | None = None) -> str | None:
    """The first date of `text` that does not exist (2023年13月5日, 2025年2月30日, 4月31日), or None.
    A month and day without a year take the year last named before them in `text`, else `year`
    (the document's), else a leap year: 2月29日 alone is not judged."""
    for m in _CN_DATE.finditer(text):
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3) or 1)
        if not 1 <= mo <= 12 or not 1 <= d <= calendar.monthrange(y, mo)[1]:
            return m.group(0)
    for m in _MONTH_DAY.finditer(text):
        named = _YEAR.findall(text[: m.start()])
        y = int(named[-1]) if named else (year or 2024)
        mo, d = int(m.group(1)), int(m.group(2))
        if not 1 <= mo <= 12 or not 1 <= d <= calendar.monthrange(y, mo)[1]:
            return m.group(0)
    return None


def _document_year(r: Report) -> int | None:
    """The year of the 成文日期, when it is written in Arabic digits."""
    for p in r.doc.role("date"):
        m = _YEAR.search(re.sub(r"\s", "", p.text))
        if m:
            return int(m.group(1))
    return None


def numbers(r: Report) -> None:
    for p in _texts(r):
        text = p.text
        part = "表格" if p.in_table else ""
        if p.role == "date":
            _date_line(r, p)
        else:
            m = _NUMERIC_DATE.search(text)
            if m:
                y, _, mo, d = m.groups()
                want = f"{y}年{int(mo)}月{int(d)}日"
                r.add("date-form", "numbers", "error", p, f"日期写成“{m.group(0)}”，应写作“{want}”（GB/T 15835）",
                      want, m.group(0), part=part)
            found = year_months(text)
            if found:
                m = found[0]
                want = f"{m.group(1)}年{int(m.group(2))}月"
                more = f"（本段共 {len(found)} 处）" if len(found) > 1 else ""
                r.add("date-form", "numbers", "error", p, f"年月写成“{m.group(0)}”，应写作“{want}”{more}（GB/T 15835）",
                      want, m.group(0), part=part)
        m = _SHORT_YEAR.search(text) or _SHORT_YEAR_ALONE.search(text)
        if m:
            short = f"{m.group(1)}年"
            r.add("short-year", "numbers", "error", p, f"年份“{short}”简写了：年份应写全，如“20{short}”（GB/T 15835）",
                  f"20{short}", short, part=part)
        m = _FULLWIDTH_DIGIT.search(text)
        if m:
            half = "".join(chr(ord(c) - 0xFEE0) for c in m.group(0))
            r.add("full-width-digits", "numbers", "error", p, f"数字“{m.group(0)}”是全角字符：应为半角阿拉伯数字“{half}”（GB/T 15835）",
                  half, m.group(0), part=part)
        bad = impossible_date(text, _document_year(r))
        if bad:
            r.add("impossible-date", "numbers", "error", p, f"日期“{bad}”不存在：请核对", "真实日期", bad, part=part)
        if p.role != "date":
            m = _ZERO_PAD.search(text)
            if m:
                r.add("date", "numbers", "error", p,
                      f"日期“{m.group(0)}”编了虚位：月、日不加 0（写成 2023年1月9日）", "不编虚位", m.group(0), part=part)
        if p.role == "docnum":
            m = _DOCNUM_BRACKETS.search(text)
            if m and m.group(0)[0] != "〔":
                r.add("docnum-brackets", "numbers", "error", p, f"发文字号年份用了“{m.group(0)}”：应用六角括号〔{m.group(1)}〕（GB/T 9704 7.2.5）",
                      f"〔{m.group(1)}〕", m.group(0))
            if re.search(r"第\s*\d+\s*号", text):
                r.add("docnum-di", "numbers", "error", p, "发文字号的序号不加“第”字（GB/T 9704 7.2.5）", "5号", "第5号")
    _year_forms(r)
    _count_forms(r)


def _quoted(text: str, pos: int) -> bool:
    """Whether `pos` of `text` is inside quotation marks or a title's 《》 (a slogan, a name)."""
    before = text[:pos]
    return any(before.count(a) > before.count(b) for a, b in ("“”", "‘’", "《》", "「」", "『』"))


def _count_forms(r: Report) -> None:
    """GB/T 15835-2011 wants counts in Arabic digits where they are to be read at a glance, and the
    same kind of number in the same form throughout (“同类别同形式”): an exact count in Chinese
    numerals (约一百八十人, 二十五名) in a document that writes its counts in Arabic digits (2名, 3天)
    is told to follow them. Not counts of that kind: fixed phrases (十九大, 十四五), ordinals
    (第十二), approximations (三四十人), round figures said in words (不到三十岁, 一百天), what is
    quoted (“二十五个步骤”, a slogan) and years. A document that writes most counts in Chinese
    numerals is left alone, as GB/T 15835 allows for a formal style."""
    arabic: list[tuple[ParaInfo, str]] = []
    chinese: list[tuple[ParaInfo, re.Match[str], int]] = []
    for p in _texts(r):
        if p.role in _OWN_DATES:
            continue
        arabic += [(p, m.group(0)) for m in _ARABIC_COUNT.finditer(p.text)]
        for m in _CN_COUNT.finditer(p.text):
            value = cn_value(m.group(1))
            if value is not None and len(str(value).rstrip("0")) > 1 and not _quoted(p.text, m.start()):
                chinese.append((p, m, value))
    if not arabic or not chinese or len(arabic) < len(chinese):
        return
    for p, m, value in chinese:
        r.add("count-form", "numbers", "warning", p,
              f"“{m.group(1)}”用汉字数字计数，文中其他计数用阿拉伯数字（如“{arabic[0][1]}”）：宜统一写作“{value}”"
              f"（GB/T 15835：计量用阿拉伯数字，同类别同形式）", str(value), m.group(1),
              part="表格" if p.in_table else "", merge="count-form")  # fmt: skip


#: Years in the text, in Arabic digits (2024年) and in Chinese numerals (二〇二四年).
ARABIC_YEAR = re.compile(r"(?<![\d０-９])\d{4}(?=年)")
CHINESE_YEAR = re.compile(r"(?<![〇○零一二三四五六七八九十])[〇○零一二三四五六七八九]{4}(?=年)")
#: Roles whose years are judged elsewhere: the 成文日期 (7.3.5.4), the 版头 and the 版记.
_OWN_DATES = ("date", "docnum", "organ", "record")


def _arabic_year(year: str) -> str:
    """二〇二七年 → 2027年."""
    return "".join(str(_CN_VALUES[c]) if c in _CN_VALUES else ("0" if c == "○" else c) for c in year)


def _year_forms(r: Report) -> None:
    """GB/T 15835-2011 allows a year in either form, but the same kind of number takes the same
    form throughout (“同类别同形式”): a document that writes 二〇二四年 here and 2024年 there is
    told to choose one (the form most of its years have)."""
    arabic: list[ParaInfo] = []
    chinese: list[ParaInfo] = []
    for p in _texts(r):
        if p.role in _OWN_DATES:
            continue
        arabic += [p] * len(ARABIC_YEAR.findall(p.text))
        chinese += [p] * len(CHINESE_YEAR.findall(p.text))
    if chinese and not arabic and _document_year(r) is not None:
        # the 成文日期 is in Arabic digits (GB/T 9704 7.3.5.4 requires it): a year of the text in
        # Chinese numerals is the same kind of number in another form
        p = chinese[0]
        shown = CHINESE_YEAR.search(p.text)
        got = f"{shown.group(0)}年" if shown else ""
        r.add("year-form", "numbers", "warning", p,
              f"正文年份“{got}”用汉字数字，而成文日期用阿拉伯数字（GB/T 9704 7.3.5.4）：同一文件中的年份宜统一用阿拉伯数字，"
              f"写作“{_arabic_year(got)}”（GB/T 15835“同类别同形式”）", _arabic_year(got), got,
              part="表格" if p.in_table else "")  # fmt: skip
        return
    if not arabic or not chinese:
        return
    odd, usual, want = (chinese, "2024年", "阿拉伯数字") if len(arabic) >= len(chinese) else (arabic, "二〇二四年", "汉字数字")
    p = odd[0]
    shown = (CHINESE_YEAR if odd is chinese else ARABIC_YEAR).search(p.text)
    got = f"{shown.group(0)}年" if shown else ""
    r.add("year-form", "numbers", "warning", p,
          f"年份“{got}”与文中其他年份的写法（如“{usual}”）不一致：同一文件中的年份应统一用{want}（GB/T 15835“同类别同形式”）",
          want, got, part="表格" if p.in_table else "")  # fmt: skip


#: Placeholders a template leaves for the drafter (three or more X or ×, as in 联系人 or ×××同志). GB/T 9704's own
#: examples write the 发文机关标志 as ××××文件, and “××” stands for a withheld name in published
#: documents, so only three or more marks outside the 版头 count.
#: A 附注 (7.3.6): 联系人、电话 or a note on the document, in brackets.
ATTACH_NOTE = re.compile(r"^[（(]\s*(?:联系人|联系电话|联\s*系\s*人|此件|附注)")
PLACEHOLDER = re.compile(
    r"(?<![A-Za-z])(?:[XxＸｘ]{3,}|×{3,})(?![A-Za-z])"
    # a template's prompt left in: 【此处请填写落款单位】, [请输入标题], 〔待补充〕
    r"|[【\[〔［][^】\]〕］]{0,30}(?:填写|填入|输入|补充|待定|此处)[^】\]〕］]{0,30}[】\]〕］]"
)


def placeholders(r: Report) -> None:
    for p in _texts(r):
        if p.role in ("organ", "docnum"):
            continue
        m = PLACEHOLDER.search(p.text)
        if m:
            r.add("placeholder", "structure", "warning", p,
                  f"“{m.group(0)}”像是模板占位符，没有换成实际内容：请填写（如联系人姓名、电话）或删去",
                  "实际内容", m.group(0), part="表格" if p.in_table else "", merge="placeholder")  # fmt: skip


def _date_line(r: Report, p: ParaInfo) -> None:
    text = re.sub(r"[\s\u3000]", "", p.text)
    if re.search(r"[〇○◯Ｏ零一二三四五六七八九十]", text):
        r.add("date-chinese-numerals", "numbers", "error", p,
              f"成文日期写成“{text}”：应用阿拉伯数字，年份写全，月日不编虚位（如 2023年6月30日，GB/T 9704 7.3.5.4）",
              "阿拉伯数字（2023年6月30日）", text)
        return
    m = re.match(r"^(\d{4})[.\-/．](\d{1,2})[.\-/．](\d{1,2})日?$", text)
    if m:
        want = f"{m.group(1)}年{int(m.group(2))}月{int(m.group(3))}日"
        r.add("date-form", "numbers", "error", p, f"成文日期写成“{text}”，应写作“{want}”（GB/T 9704 7.3.5.4）", want, text)
        return
    if _ZERO_PAD.search(text):
        want = re.sub(r"(?<=[年月])0(\d)", r"\1", text)
        r.add("date", "numbers", "error", p, f"成文日期“{text}”编了虚位：应写作“{want}”（GB/T 9704 7.3.5.4）", want, text)


# --- parallel headings ------------------------------------------------------------------------------


def _heading_name(p: ParaInfo) -> str:
    text = p.shown.strip()
    label = heading_label(text)
    if label is not None:
        text = text[len(label.text) :]
    m = re.search(r"[。！？：]", text)
    if m:
        text = text[: m.start()]
    # a bracketed note (自查阶段（5月10日前）, 牵头单位) is not part of the heading's phrase
    text = re.sub(r"[（(][^（）()]*[）)]", "", text)
    return text.strip(" \u3000").rstrip("，,；;")


def _sibling_sets(doc: DocInfo) -> list[list[ParaInfo]]:
    """Headings of one level under one parent, in order."""
    sets: dict[tuple[int, int], list[ParaInfo]] = {}
    parents = [0] * 6
    for p in doc.paragraphs:
        if p.role != "heading":
            continue
        parent = parents[p.level - 1] if p.level > 1 else 0
        sets.setdefault((p.level, parent), []).append(p)
        parents[p.level] = p.index
        for deeper in range(p.level + 1, 6):
            parents[deeper] = 0
    return [s for s in sets.values() if len(s) >= 2]


#: The parts of a paired heading (提高站位　高标准制定工作措施) are cut where the phrase bank cuts them
#: (assistant.phrasebank.parallel.split_parts; the document layer does not import it).
_PART_SEPARATORS = ("\u3000", "，", " ")


def _split_parts(heading: str) -> list[str]:
    for sep in _PART_SEPARATORS:
        if sep in heading:
            head, tail = heading.split(sep, 1)
            return [head.strip(), tail.strip("\u3000 ")]
    return [heading]


#: Headings that name a conventional part of a document (工作打算, 存在的问题, 保障措施…): they are
#: not written to match the crafted headings of their set.
FRAME_HEADING = re.compile(
    r"(?:\d{4}年(?:度)?|下一步|下步|今后|明年)?(?:的)?(?:工作)?(?:打算|计划|思路|安排|建议|设想)"
    r"|(?:存在的?|当前的?)?(?:主要)?(?:问题|不足)(?:和不足|及原因|和原因)?|基本情况|总体(?:要求|情况|目标|思路)"
    r"|指导思想|工作(?:目标|要求|原则|措施|任务|步骤|安排|机制)|主要(?:任务|做法|成效|措施|内容)|实施(?:步骤|范围|时间)"
    r"|保障措施|组织(?:领导|保障|实施)|时间安排|有关要求|其他事项|附则"
)


def parallelism(r: Report) -> None:
    """Headings of a set meant as parallel should read alike: the same number of parts, of the
    same length, not opening with the same word (parts split as the phrase bank splits them).
    Only levels 1 and 2, whose headings stand on their own line;
    and only where the set shows it is meant as parallel (most of it shares one form), since
    conventional frames (指导思想/工作目标/实施步骤) differ in length by nature. One heading of
    another grammatical shape among single phrases (a 关于… phrase, a sentence, a topic label
    among action phrases: assistant.document.heading_shape) is reported at both levels, and so is
    one sentence among phrases, paired or single, in a set of two or more (a request, a report of
    what was done, or a heading far longer than the rest: heading_shape.odd_sentence)."""
    from assistant.document.heading_shape import odd_question, odd_sentence

    for heads in _sibling_sets(r.doc):
        whole = [p for p in heads if p.level <= 2]
        asked = odd_question([p.shown.strip() for p in whole])
        if asked is not None:
            p = whole[asked]
            r.add("parallel-shape", "parallelism", "warning", p,
                  f"同级标题“{_heading_name(p)}”是问句，其他同级标题是短语，不对仗：改成陈述的短语（标题不用问句）",
                  "与同级标题同构的短语", _heading_name(p))  # fmt: skip
        heads = [p for p in heads if not FRAME_HEADING.fullmatch(_heading_name(p))]
        names = [_heading_name(p) for p in heads]
        if len(heads) < 2:
            # one heading among conventional frames (基本情况/工作要求) that is a sentence or far longer
            if asked is None and len(whole) >= 3 and odd_sentence([_heading_name(p) for p in whole]) is not None:
                _odd_sentence(r, whole, [_heading_name(p) for p in whole])
            continue
        level = heads[0].level
        if level > 2 or any(not n for n in names):
            continue
        parts = [_split_parts(x) for x in names]
        odd = {whole[asked].index} if asked is not None else set()
        if not odd:
            odd = _odd_shapes(r, heads, names) if all(len(x) == 1 for x in parts) else set()
        if not odd:
            odd = _odd_sentence(r, heads, names)
        # a set of sentences is not meant as parallel; one long heading among short ones is the odd one
        if 2 * sum(len(n) > 20 for n in names) >= len(names):
            continue
        n = len(heads)
        if level == 1 and sum(len(x) > 1 for x in parts) < 2:
            continue  # level-1 frames (指导思想/工作目标/实施步骤) are conventional, not crafted
        counts = Counter(len(x) for x in parts)
        if len(counts) > 1:
            common, c = counts.most_common(1)[0]
            # Level 1 only: under a level-1 heading, templates mix paired headings with a fixed
            # task heading (认领实事项目) by design.
            if level == 1 and c >= 3 and c >= n - 1:
                for p, x, name in zip(heads, parts, names, strict=True):
                    if len(x) != common:
                        r.add("parallel-parts", "parallelism", "warning", p,
                              f"同级标题“{name}”{'没有' if len(x) < common else '多了'}后半句，与其他 {c} 个标题不对仗",
                              "与同级标题同构", name)  # fmt: skip
            continue
        for i in range(len(parts[0])):
            column = [x[i] for x in parts]
            lengths = [len(col) for col in column]
            common, c = Counter(lengths).most_common(1)[0]
            for p, col in zip(heads, column, strict=True):
                if p.index in odd:
                    continue  # said already: its shape is not its siblings'
                odd_length = len(col) != common and (
                    (c >= 2 and c >= n - 1 and abs(len(col) - common) >= 3)
                    or (n == 2 and level >= 2 and p is heads[1] and abs(lengths[0] - lengths[1]) >= 3)
                )
                if odd_length:
                    want = lengths[0] if n == 2 else common
                    r.add("parallel-length", "parallelism", "warning", p,
                          f"同级标题字数不一：“{col}”{len(col)}字，其他为{want}字，宜改成对仗的短语",
                          f"{want}字", f"{len(col)}字")  # fmt: skip
        # four- and six-character phrases (加强学习/深化监督) must not open alike; longer or paired
        # headings share their openings by design often enough (聚焦…, 组织…化) to leave them be
        # headings open alike by design when every one does (坚持问题导向 / 坚持系统推进, a 排比 of
        # two or more); GB/T 9704 says nothing of openings, so only a repetition that some share and
        # others break is marked, and as house style (a warning)
        crafted = len(parts[0]) == 1 and len({len(x) for x in names}) == 1 and len(names[0]) <= 6
        firsts = [x[0][:2] for x in parts]
        if not crafted or len(set(firsts)) == 1:
            continue  # what every heading shares is the frame of the 排比
        seen: dict[str, ParaInfo] = {}
        for p, head in zip(heads, firsts, strict=True):
            if len(head) == 2 and head in seen and not re.match(r"^[一二三四五六七八九十两]", head):
                r.add("parallel-head", "parallelism", "warning", p,
                      f"同级标题开头重复“{head}”（与第{seen[head].index}段）：换一个词，使各标题开头不同", "开头不重复", head)
            seen.setdefault(head, p)


def _odd_shapes(r: Report, heads: list[ParaInfo], names: list[str]) -> set[int]:
    """The heading of another grammatical shape in a set of single phrases
    (assistant.document.heading_shape); returns the paragraphs reported."""
    from assistant.document.heading_shape import odd_shapes

    done = set()
    for odd in odd_shapes(names):
        p, name = heads[odd.index], names[odd.index]
        r.add("parallel-shape", "parallelism", "warning", p,
              f"同级标题“{name}”是{odd.shape_name}，其他同级标题是{odd.others}，不对仗：改成与其他标题同构的短语",
              f"与同级标题同构的{odd.others}", name)  # fmt: skip
        done.add(p.index)
    return done


def _odd_sentence(r: Report, heads: list[ParaInfo], names: list[str]) -> set[int]:
    """The one heading that is a sentence (or a long statement) among phrases, paired ones
    included (assistant.document.heading_shape.odd_sentence); returns the paragraph reported."""
    from assistant.document.heading_shape import odd_sentence

    odd = odd_sentence(names)
    if odd is None:
        return set()
    p, name = heads[odd.index], names[odd.index]
    r.add("parallel-shape", "parallelism", "warning", p,
          f"同级标题“{name}”是{odd.shape_name}，其他同级标题是{odd.others}，不对仗：改成与其他标题同构的短语"
          f"（一句话的内容可移到标题下的正文中）", f"与同级标题同构的{odd.others}", name)  # fmt: skip
    return {p.index}


# --- structure ---------------------------------------------------------------------------------------


def structure(r: Report) -> None:
    doc = r.doc
    content = [p for p in doc.paragraphs if p.role != "blank"]
    if not content:
        r.add("empty-document", "structure", "error", None, "文档没有正文内容", "有内容", "空文档", part="全文")
        return
    titles = doc.role("title")
    if not titles:
        r.add("no-title", "structure", "error", None, "没有找到标题：公文首行应为居中的标题（GB/T 9704 7.3.1）", "标题", "无",
              part="全文")
    else:
        before = [p for p in content if p.index < titles[0].index and p.role not in ("organ", "docnum")]
        early = [p for p in before if p.role == "recipients"]
        if early:
            r.add("recipients-before-title", "structure", "error", early[0],
                  "主送机关排在标题之前：应在标题下空一行、居左顶格（GB/T 9704 7.3.2）", "标题之下", "标题之前")
            before = [p for p in before if p.role != "recipients"]
        notes = [p for p in before if p.stripped[:1] in "（(" and p.stripped[-1:] in "）)" and len(p.stripped) <= 20]
        for p in notes[:1]:
            r.add("note-before-title", "structure", "error", p,
                  f"标题前多出“{quote(p.text)}”：它不是版头要素，标题之上不应有其他内容（GB/T 9704 7.3.1），请删去或移到别处",
                  "标题在前", "标题前有其他内容")  # fmt: skip
        before = [p for p in before if p not in notes]
        if before:
            r.add("title-not-first", "structure", "error", titles[0],
                  f"标题前还有“{quote(before[0].text)}”：标题应在版头之下、正文之前（GB/T 9704 7.3.1）", "标题在前",
                  f"第{before[0].index}段在标题前")  # fmt: skip
        last = titles[-1]
        nxt = next((p for p in doc.paragraphs if p.index > last.index), None)
        if nxt is not None and nxt.role != "blank" and last.after_pt < 14 and nxt.before_pt < 14 and nxt.role in ("recipients", "body"):
            r.add("title-blank-line", "structure", "warning", nxt, "标题与下文之间应空一行（GB/T 9704 7.3.2）", "空一行", "未空行")
    recipients = doc.role("recipients")
    kind = re.sub(r"\s", "", "".join(p.text for p in titles))[-2:]
    if titles and not recipients and kind in ("请示", "批复"):
        # a 请示 goes to one organ (《党政机关公文处理工作条例》第十五条), a 批复 answers the organ that asked;
        # GB/T 9704-2012 7.3.2 puts the 主送 under the title
        r.add("no-recipients", "structure", "error", titles[-1],
              f"{kind}没有主送机关：在标题下空一行居左顶格写主送机关，后标全角冒号（GB/T 9704 7.3.2"
              + ("；《党政机关公文处理工作条例》第十五条：请示只写一个主送机关）" if kind == "请示" else "）"),
              "主送机关", "无")  # fmt: skip
    if recipients:
        top = titles[-1].index if titles else 0
        early = [p for p in content if top < p.index < recipients[0].index and p.role in ("body", "heading")
                 and not ATTACH_NOTE.match(p.stripped)]  # a misplaced 附注 is reported as such
        if early:
            r.add("recipients-late", "structure", "error", recipients[0],
                  "主送机关应在标题之下、正文之前（GB/T 9704 7.3.2）", "标题下一行", f"在第{early[0].index}段正文之后")
    sigs, dates = doc.role("signature"), doc.role("date")
    if dates and not sigs:
        r.add("no-signature", "structure", "error", dates[0], "有成文日期但没有发文机关署名：在日期上一行右空二字写署名（GB/T 9704 7.3.5）",
              "署名", "无")
    if sigs and not dates:
        r.add("no-date", "structure", "error", sigs[0], "有署名但没有成文日期：在署名下一行写成文日期（GB/T 9704 7.3.5）", "成文日期", "无")
    if sigs and dates and sigs[0].index > dates[0].index:
        # the two lines have changed places: each is marked, as an examiner marks both
        r.add("date-before-signature", "structure", "error", sigs[0], "成文日期在署名之上：署名在上，日期在下一行（GB/T 9704 7.3.5）",
              "署名在上", "日期在上")
        r.add("date-before-signature", "structure", "error", dates[0], "成文日期排在署名之上：应移到署名的下一行（GB/T 9704 7.3.5）",
              "署名之下", "署名之上")
    if not sigs and not dates and titles and _needs_tail(doc, titles):
        last = content[-1]
        r.add("no-signature-date", "structure", "error", last,
              f"{_kind(titles)}没有发文机关署名和成文日期：在正文（或附件说明）下空一行右空二字写署名，下一行写成文日期"
              "（GB/T 9704 7.3.5）", "署名和成文日期", "无")  # fmt: skip
    tail = (sigs + dates)
    attach = doc.role("attach")
    if attach and tail and attach[0].index > min(p.index for p in tail):
        r.add("attach-after-signature", "structure", "error", attach[0],
              "附件说明在落款之后：应在正文下空一行、落款之前（GB/T 9704 7.3.4）", "正文之后、落款之前", "落款之后")
    if sigs and sigs[0].index < (dates[0].index if dates else 10**9):
        prev = next((p for p in reversed(doc.paragraphs) if p.index < sigs[0].index), None)
        if prev is not None and prev.role != "blank" and sigs[0].before_pt < 14 and prev.after_pt < 14:
            r.add("signature-blank-line", "structure", "warning", sigs[0], "署名与正文（或附件说明）之间应空一行（GB/T 9704 7.3.5）",
                  "空一行", "未空行")
    # 附注 (联系人、电话, 此件…): in brackets, left two characters, on the line under the 成文日期 (7.3.6)
    tail_start = min((p.index for p in sigs + dates), default=None)
    for p in content:
        if ATTACH_NOTE.match(p.stripped) and p.role == "body" and tail_start is not None and p.index < tail_start:
            r.add("note-position", "structure", "error", p,
                  "附注排在落款之前：应在成文日期下一行居左空二字、加圆括号编排（GB/T 9704 7.3.6）", "成文日期下一行", "落款之前")
            break
    records = [p for p in doc.role("record") if not framed(p)]  # a frame sets its own place
    record_tables = [t for t in doc.tables if re.search(r"^\s*(抄送|印发)|印发\s*$", t.text, re.M)]
    ends = [p.index for p in records] + [t.after_paragraph for t in record_tables]
    if ends:
        after = [p for p in content if p.index > max(ends) and p.role not in ("record", "annex")]
        if after:
            # a 落款 after the 版记: the 版记 was put before it, and is reported at its first line; else
            # text was added after the 版记, and is reported where it starts
            moved = records and any(p.role in ("signature", "date") for p in after)
            at = records[0] if moved else after[0]
            r.add("record-not-last", "structure", "error", at, "版记之后还有内容：版记应在公文最后一页的最下面（GB/T 9704 7.4）",
                  "版记在最后", f"版记后有“{quote(after[0].text)}”")


#: The kinds of 公文 (《党政机关公文处理工作条例》第八条) that close with a 发文机关署名 and a 成文日期
#: (GB/T 9704-2012 7.3.5); a 纪要 has none (10.3), nor have 方案, 总结 or 讲话 sent as attachments.
SIGNED_KINDS = ("通知", "通报", "报告", "请示", "批复", "意见", "函", "决定", "通告", "公告", "决议", "命令", "议案")
#: A closing formula (特此报告。 妥否，请批示。) that a 落款 follows.
CLOSING = re.compile(r"^(?:特此(?:报告|通知|通报|请示|函告|函复|批复|公告|通告|复函)|妥否，?请批示|当否，?请批示|请予审批|请批复)[。！]?$")


def _kind(titles: list[ParaInfo]) -> str:
    text = re.sub(r"\s", "", "".join(p.text for p in titles))
    return next((k for k in sorted(SIGNED_KINDS, key=len, reverse=True) if text.endswith(k)), "公文")


def _needs_tail(doc: DocInfo, titles: list[ParaInfo]) -> bool:
    """Whether the document must close with a 署名 and a 成文日期: its title names a kind of 公文 that
    does (`SIGNED_KINDS`, 通知 of a 印发 included), or its text ends with a closing formula."""
    from assistant.document.roles import is_date_line

    if any(is_date_line(line) for t in doc.tables for line in t.text.splitlines()):
        return False  # 署名 and 日期 set in a table without borders
    text = [p for p in doc.paragraphs if p.role in ("body", "heading")]
    closing = bool(text) and bool(CLOSING.match(text[-1].stripped))
    return closing or _kind(titles) != "公文"


# --- page numbers (7.5) --------------------------------------------------------------------------------


def _is_page(instr: str) -> bool:
    return "PAGE" in instr.upper().split()


def _footer_text(el: Any) -> tuple[str, bool]:
    """The footer paragraph's text with its PAGE field shown as N, and whether it has one."""
    out: list[str] = []
    has_page = False
    state, instr = "text", ""
    for run in el.iter(f"{W}r", f"{W}fldSimple"):
        if run.tag == f"{W}fldSimple":
            if _is_page(attr(run, "instr") or ""):
                has_page = True
                out.append("N")
            continue
        parent = run.getparent()
        if parent is not None and parent.tag == f"{W}fldSimple" and _is_page(attr(parent, "instr") or ""):
            continue  # the field's own result, shown as N
        for node in run:
            if node.tag == f"{W}fldChar":
                kind = attr(node, "fldCharType")
                if kind == "begin":
                    state, instr = "code", ""
                elif kind == "separate":
                    state = "result"
                    if _is_page(instr):
                        has_page = True
                        out.append("N")
                elif kind == "end":
                    if state == "code" and _is_page(instr):
                        has_page = True
                        out.append("N")
                    state = "text"
            elif node.tag == f"{W}instrText":
                instr += node.text or ""
            elif node.tag == f"{W}t" and (state == "text" or (state == "result" and not _is_page(instr))):
                out.append(node.text or "")
    return "".join(out), has_page


def _footer_paragraphs(footer: Any) -> list[Any]:
    return list(footer._element.iter(f"{W}p"))


def page_numbers(r: Report) -> None:
    from assistant.document.docxread import Styles, run_info

    document = r.doc.document
    styles = Styles(document)
    sections = list(document.sections)
    reported: set[str] = set()

    def report(rule: str, severity: str, message: str, expected: str, actual: str) -> None:
        if rule not in reported:
            reported.add(rule)
            r.add(rule, "header_footer", severity, None, message, expected, actual, part="页脚")

    numbered_any = False
    for n, (section, info) in enumerate(zip(sections, r.doc.sections, strict=False)):
        if not _has_content(r.doc, info):
            continue
        footers = [("odd", section.footer)]
        if r.doc.even_and_odd:
            footers.append(("even", section.even_page_footer))
        if info.title_page:
            footers.append(("first", section.first_page_footer))
        for kind, _footer in footers:
            f = _resolve(sections, n, kind)
            paras = _footer_paragraphs(f) if f is not None else []
            found = [(p, *_footer_text(p)) for p in paras]
            with_page = [(p, text) for p, text, has in found if has]
            if not with_page:
                typed = next((text for _, text, _ in found if re.search(r"\d", text)), "")
                if typed:
                    report("page-number-field", "error", f"页码“{typed.strip()}”是打上去的文字，每页都一样：应插入页码域（PAGE）",
                           "— PAGE 域 —", typed.strip())
                    numbered_any = True
                elif kind == "first":
                    report("page-number-first-page", "error", "设置了“首页不同”，首页没有页码：公文首页也应有页码（GB/T 9704 7.5）",
                           "首页有页码", "首页无页码")
                elif kind == "even" and _even_pages_numbered(r.doc, info):
                    report("page-number-even", "error", "双页页脚是空的，第2页起的双页没有页码：在偶数页页脚插入页码，"
                           "居左空一字（GB/T 9704 7.5）", "双页有页码", "双页无页码")
                continue
            numbered_any = True
            p, text = with_page[0]
            form = text.strip().replace("\u3000", " ")
            if not re.fullmatch(r"[—―]\s?N\s?[—―]", form):
                shown = form.replace("N", "1")
                report("page-number-form", "error", f"页码写成“{shown}”，应为“— 1 —”：半角阿拉伯数字两侧各一条一字线（GB/T 9704 7.5）",
                       "— 1 —", shown)
            pstyle = attr(p.find(f"{W}pPr/{W}pStyle"), "val") if p.find(f"{W}pPr") is not None else None
            sizes = [run_info(run, styles, pstyle, None).size for run in p.iter(f"{W}r")
                     if "".join(t.text or "" for t in run.iter(f"{W}t")).strip()]
            wrong = [s for s in sizes if abs(s - G.PAGE_NUMBER.size_pt) > 0.25]
            if wrong:
                report("page-number-size", "error", f"页码字号为{size_name(wrong[0])}，应为4号（14 磅，GB/T 9704 7.5）",
                       "4号（14 磅）", size_name(wrong[0]))
            faces = [face for run in p.iter(f"{W}r") if "".join(t.text or "" for t in run.iter(f"{W}t")).strip()
                     for face in (run_info(run, styles, pstyle, None).ascii, run_info(run, styles, pstyle, None).east_asia)]
            odd_face = next((face for face in faces if face_ok(face, HEITI + KAITI)), None)
            if odd_face:
                report("page-number-face", "error", f"页码字体为{odd_face}，应为4号半角宋体阿拉伯数字（GB/T 9704 7.5）",
                       "宋体", odd_face)
            align = _footer_align(p, styles, pstyle)
            want = {"odd": "right", "even": "left", "first": "right"}[kind]
            if align != want:
                side = {"odd": "单页", "even": "双页", "first": "首页"}[kind]
                report("page-number-position", "error",
                       f"{side}页码{_ALIGN_NAMES.get(align, align)}，应{'居右' if want == 'right' else '居左'}空一字（单页居右、双页居左，GB/T 9704 7.5）",
                       "单页居右、双页居左", _ALIGN_NAMES.get(align, align))  # fmt: skip
            elif not _inset(p, styles, pstyle, text, want):
                report("page-number-inset", "warning", "页码紧贴版心边缘：单页页码应右空一字、双页页码左空一字（GB/T 9704 7.5）",
                       "空一字", "未空")
        if not r.doc.even_and_odd and any(k == "odd" for k, _ in footers):
            f = _resolve(sections, n, "odd")
            if f is not None and any(_footer_text(p)[1] for p in _footer_paragraphs(f)):
                report("page-number-odd-even", "error", "页脚未设“奇偶页不同”，页码无法单页居右、双页居左（GB/T 9704 7.5）",
                       "奇偶页不同", "所有页相同")
    if not numbered_any and any(_has_content(r.doc, s) for s in r.doc.sections):
        r.add("page-number", "header_footer", "error", None,
              "没有页码：应在页脚插入页码域，4号半角宋体“— 1 —”，单页居右、双页居左（GB/T 9704 7.5）", "— 1 —", "无", part="页脚")


def _even_pages_numbered(doc: DocInfo, section: Any) -> bool:
    """Whether an even page of `section` should carry a number: the section runs to a second page
    (page estimate) that is not the 版记's page, which carries none (7.5)."""
    paras = [p for p in doc.paragraphs if section.first_paragraph <= p.index <= section.last_paragraph and p.role != "blank"]
    text = [p for p in paras if p.role != "record"]
    return any(p.extras.get("end_page", p.page) >= 2 for p in text)


def _resolve(sections: list[Any], n: int, kind: str) -> Any:
    """The footer a section shows (walking back through “link to previous”), or None."""
    for i in range(n, -1, -1):
        s = sections[i]
        footer = {"odd": s.footer, "even": s.even_page_footer, "first": s.first_page_footer}[kind]
        if not footer.is_linked_to_previous:
            return footer
    return None


def _footer_align(p: Any, styles: Any, pstyle: str | None) -> str:
    levels = styles.ppr_chain(p.find(f"{W}pPr"), pstyle)
    for lv in levels:
        value = attr(lv.find(f"{W}jc"), "val")
        if value is not None:
            return {"start": "left", "end": "right", "both": "left"}.get(value, value)
    # a page number set with a tab stop at the right edge reads as right-aligned
    return "left"


def _inset(p: Any, styles: Any, pstyle: str | None, text: str, side: str) -> bool:
    levels = styles.ppr_chain(p.find(f"{W}pPr"), pstyle)
    names = ("right", "end", "rightChars") if side == "right" else ("left", "start", "leftChars")
    for lv in levels:
        ind = lv.find(f"{W}ind")
        for name in names:
            value = attr(ind, name)
            if value and value.lstrip("-").isdigit() and int(value) >= (50 if name.endswith("Chars") else 140):
                return True
    stripped = text.rstrip(" \u3000") if side == "right" else text.lstrip(" \u3000")
    return stripped != text


# --- pagination ---------------------------------------------------------------------------------------


def _on_grid(doc: DocInfo) -> bool:
    """Whether the page estimate can be trusted: A4 with the standard block, body on 22 lines."""
    s = doc.sections[0]
    if abs(s.height_mm - s.top_mm - s.bottom_mm - G.TEXT_HEIGHT_MM) > 2 or abs(s.width_mm - G.PAGE_WIDTH_MM) > 1:
        return False
    lines = [p for p in doc.paragraphs if p.role in BODY_LIKE or p.role == "heading"]
    on = [p for p in lines if PITCH_RANGE[0] <= line_pitch_pt(p, doc.section_of(p)) <= PITCH_RANGE[1]]
    return bool(lines) and len(on) == len(lines)


def _estimable(doc: DocInfo) -> bool:
    """Whether the page estimate can be trusted for what stands at a page's foot (背题, a 落款 alone
    or split): on the grid (`_on_grid`), or A4 with the standard block and every line of the text
    at an exact height or at a multiple of a document grid's pitch (`_grid_multiple`; a wrong line
    spacing is reported on its own; the pages still break where those heights put them, as in
    LibreOffice)."""
    if _on_grid(doc):
        return True
    s = doc.sections[0]
    if abs(s.height_mm - s.top_mm - s.bottom_mm - G.TEXT_HEIGHT_MM) > 2 or abs(s.width_mm - G.PAGE_WIDTH_MM) > 1:
        return False
    lines = [p for p in doc.paragraphs if p.role in BODY_LIKE or p.role == "heading"]
    return bool(lines) and all((p.line_rule == "exact" and 12 <= p.line_value / 20 <= 40) or _grid_multiple(doc, p) for p in lines)


def _grid_multiple(doc: DocInfo, p: ParaInfo) -> bool:
    """A line of `p` is a multiple (single to triple) of a document grid's pitch: 1.5 lines on a grid of
    22 lines a page take one and a half grid lines in Word and LibreOffice alike (check_eval8 request-b:
    14 lines a page)."""
    sec = doc.section_of(p)
    pitch = sec.grid_pitch if sec.grid_type in ("lines", "linesAndChars", "snapToChars") else None
    return bool(pitch) and p.line_rule in (None, "auto") and 240 <= p.line_value <= 720 and p.size * 1.3 <= (pitch or 0) / 20


def stranded_headings(doc: DocInfo) -> list[ParaInfo]:
    """Headings on a line of their own, of any level, that the page estimate leaves at the foot of
    a page with what follows them on the next (背题); a heading kept with the next (w:keepNext)
    goes with it. Empty when the estimate cannot be trusted (`_on_grid`). `wenmi fix` keeps
    these with the next paragraph (assistant.document.fix._keep_headings)."""
    if not _estimable(doc):
        return []
    content = [p for p in doc.paragraphs if p.role != "blank"]
    return [p for p, nxt in zip(content, content[1:], strict=False)
            if p.role == "heading" and not p.keep_next and _stands_alone(p) and nxt.page > p.extras.get("end_page", p.page)]


def _stands_alone(p: ParaInfo) -> bool:
    """A heading on a line of its own: levels 1 and 2 whose runs are all heading, levels 3 and 4
    only when no sentence runs on in them (`_heading_line`: 1.推动企业规范履职。督促…… is a
    paragraph that opens with a lead, not a heading that can be stranded)."""
    return len(_head_runs(p)) == len(p.runs) and (p.level <= 2 or _heading_line(p))


def pagination(r: Report) -> None:
    """背题 (a heading alone at the foot of a page, `stranded_headings`) and a 署名 parted from its
    日期 (7.3.5), from the page estimate (assistant.document.roles.estimate_pages) of a document on
    the grid; a paragraph kept with the next (w:keepNext) cannot be left so."""
    doc = r.doc
    if not _estimable(doc):
        return
    content = [p for p in doc.paragraphs if p.role != "blank"]
    following = dict(zip((p.index for p in content), content[1:], strict=False))
    for p in stranded_headings(doc):
        nxt = following[p.index]
        r.add("heading-at-page-foot", "pagination", "warning", p,
              f"{role_name(p)}排在第{p.page}页末，下文在下一页（背题）：给标题设“与下段同页”，或调整上文（wenmi fix 可自动设置）",
              "标题与下文同页", f"标题在第{p.page}页，下文在第{nxt.page}页")  # fmt: skip
    # a last line alone on a page, from the estimate at a page's foot: trusted on exact line heights,
    # not on a document grid, where LibreOffice may lose a line to a title larger than the grid
    # (check_eval7 clean_jianghua: 21 lines on its first page)
    for p in doc.paragraphs:
        lines, fit = p.extras.get("lines", 1), p.extras.get("first_page_lines")
        gridded = getattr(doc.section_of(p), "grid_type", None) in ("lines", "linesAndChars", "snapToChars")
        if not gridded and p.role in ("body", "heading", "attach", "annex") and fit and lines - fit == 1 and p.extras.get("lone_last"):
            r.add("lone-character", "pagination", "warning", p,
                  f"段落末行只有一个字，单独排在第{p.extras.get('end_page')}页页首（孤字）：删改几个字、微调这一段的字距，"
                  "或开启“孤行控制”，使它回到上一页", "页首不是孤字", f"第{p.extras.get('end_page')}页页首孤字")  # fmt: skip
        elif not gridded and fit and lines - fit == 1 and p is content[-1] and p.role not in ("record", "signature", "date"):
            r.add("lone-last-line", "pagination", "warning", p,
                  f"全文最后一段的末行单独排在第{p.extras.get('end_page')}页，这一页只有这一行：删改几个字或微调字距、行距，"
                  "使它回到上一页", "末页不只一行", f"第{p.extras.get('end_page')}页只有一行")  # fmt: skip
    _crowded_page(r)
    sig = next(iter(doc.role("signature")), None)
    date = next(iter(doc.role("date")), None)
    if sig is not None and date is not None and sig.index < date.index and date.page > sig.page and not sig.keep_next:
        r.add("signature-split", "pagination", "warning", sig,
              f"署名在第{sig.page}页、成文日期在第{date.page}页：署名与日期应在同一页（GB/T 9704 7.3.5），给署名设“与下段同页”",
              "署名与日期同页", f"第{sig.page}页与第{date.page}页")  # fmt: skip


def _crowded_page(r: Report) -> None:
    """A page of more than 22 lines (GB/T 9704-2012 5.2.3: 一般每面排22行), from the page estimate: the
    line spacing of some paragraphs pressed to win a page. Reported once, at the first page, on its
    first paragraph set closer than the grid (the spacing itself is a finding of its own)."""
    counts: Counter[int] = Counter()
    for p in r.doc.paragraphs:
        if not p.in_table and not framed(p) and p.role != "record":
            counts.update(p.extras.get("page_lines", {}))
    for page in sorted(counts):
        if counts[page] > G.LINES_PER_PAGE:
            on = [p for p in r.doc.paragraphs if p.page <= page <= p.extras.get("end_page", p.page) and p.role != "blank"]
            close = [p for p in on if line_pitch_pt(p, r.doc.section_of(p)) < PITCH_RANGE[0]]
            if not close:
                continue  # short blank lines (a small size in single spacing) are not pressed text
            at = close[0]
            r.add("crowded-page", "pagination", "warning", at,
                  f"第{page}页排了 {counts[page]} 行，应为每页 22 行（GB/T 9704 5.2.3）：行距被压缩了，恢复固定值 28.95 磅"
                  "（或网格每页 22 行），多出的内容转到下一页", "每页 22 行", f"第{page}页 {counts[page]} 行")  # fmt: skip
            return


def lone_tail(doc: DocInfo) -> tuple[ParaInfo, ParaInfo] | None:
    """A 落款 on a page without a line of the text, from the page estimate: (the 署名, or the date when
    there is none; the last paragraph of the text before it). The text is the body, the headings, the
    附件说明 (GB/T 9704-2012 7.3.5.1 puts the seal “上距正文（或附件说明）一行之内”: the 落款 may stand under
    it alone), a 纪要's 出席/列席 lines (10.3) and the tables among them. None when the 落款 stands with
    the text, or the estimate cannot be trusted (`_estimable`)."""
    if not _estimable(doc):
        return None
    sig = next(iter(doc.role("signature")), None)
    tail = sig or next(iter(doc.role("date")), None)
    if tail is None:
        return None
    text = ("body", "heading", "attach", "attach_more", "attendance")
    text_before = [p for p in doc.paragraphs if p.index < tail.index and p.role in text]
    if not text_before:
        return None
    last = text_before[-1]
    end = last.extras.get("end_page", last.page)
    for t in doc.tables:
        if last.index <= t.after_paragraph < tail.index:
            before = doc.paragraphs[t.after_paragraph - 1] if t.after_paragraph else None
            if before is not None:
                end = max(end, before.extras.get("table_end", (before.page, 0.0))[0])
    return (tail, last) if end < tail.page else None


def tail_alone(r: Report) -> None:
    """A 落款 on a page of its own, without a line of the text (`lone_tail`; 7.3.5.5 特殊情况说明: adjust
    the spacing so that it stands with the text). wenmi's writer keeps the paragraph before it with
    the 落款 (assistant.document.paginate.tail_keeps), and so does `wenmi fix`."""
    found = lone_tail(r.doc)
    if found is None:
        return
    tail, _ = found
    r.add("tail-alone", "pagination", "warning", tail,
          f"落款单独排在第{tail.page}页，这一页没有正文：应调整行距或字距，使落款与正文同页（GB/T 9704 7.3.5.5）"
          "（wenmi fix 可把上一段移到这一页）", "落款与正文同页", f"第{tail.page}页只有落款")  # fmt: skip


#: Lines (of 28.95 pt) the estimate may leave under a 版记 that does close its page.
RECORD_SLACK_LINES = 3


def record_gap(doc: DocInfo) -> tuple[ParaInfo, int, float] | None:
    """Where a 版记 set in the text flow ends: (its first paragraph, or the paragraph before its
    table; the page; the lines left blank under it on that page), from the page estimate of a
    document on the grid. None when there is no such 版记 or the estimate cannot be trusted; a
    版记 in a frame or a floating table (wenmi's writer) is placed by its position."""
    if not _on_grid(doc):
        return None
    records = doc.role("record")
    tables = [t for t in doc.tables if re.search(r"^\s*(抄送|印发)|印发\s*$", t.text, re.M)
              and t.element.find(f"{W}tblPr/{W}tblpPr") is None]  # fmt: skip
    if records and not any(framed(p) for p in records):
        first, last = records[0], records[-1]
        page, used = last.extras.get("end_page", last.page), last.extras.get("end_used")
    elif not records and tables and tables[-1].after_paragraph:
        first = doc.paragraphs[tables[-1].after_paragraph - 1]
        page, used = first.extras.get("table_end", (first.page, None))
    else:
        return None
    end = records[-1].index if records else first.index
    if used is None or any(p.role not in ("blank", "record") for p in doc.paragraphs if p.index > end):
        return None  # a 版记 that is not last is reported as such (structure)
    sec = doc.section_of(first)
    height = (sec.height_mm - sec.top_mm - sec.bottom_mm) / G.MM_PER_PT
    return first, page, (height - used) / (G.LINE_PITCH_TWIPS / G.TWIPS_PER_PT)


def record_alone(doc: DocInfo) -> tuple[ParaInfo, int] | None:
    """A 版记 set in the text flow that does not fit under the text and stands alone on an odd
    page: (the text's last paragraph, the 版记's page). GB/T 9704 7.4 puts the 版记 on the last
    page, the back (封四, an even page), after a blank page when need be; 7.5 numbers neither.
    None when there is no such 版记 or the estimate cannot be trusted (as `record_gap`)."""
    gap = record_gap(doc)
    if gap is None:
        return None
    first, page, _ = gap
    records = doc.role("record")
    end = records[0].index if records else first.index + 1
    text = [p for p in doc.paragraphs if p.index < end and p.role not in ("blank", "record")]
    if not text or page % 2 == 0 or page <= text[-1].extras.get("end_page", text[-1].page):
        return None
    return text[-1], page


def record_at_foot(r: Report) -> None:
    """7.4.1: the last rule of the 版记 lies on the bottom edge of the text block of the last
    page. A 版记 typed as paragraphs (or as a table in the text) right under the 落款 stands in
    mid-page. One that stands alone on an odd page (`record_alone`) is told where it belongs: in
    the same finding when it is in mid-page too, else in one of its own (a warning)."""
    alone = record_alone(r.doc)
    gap = record_gap(r.doc)
    if gap is None:
        return
    p, page, lines = gap
    odd = ""
    if alone is not None:
        odd = (f"版记单独排在第{page}页（单页），这一页没有正文：版记应在最后一页（双页）的最下面（GB/T 9704 7.4）；"
               f"在版记前加一个空白页，使版记排在第{page + 1}页，空白页和版记页不编页码（GB/T 9704 7.5），"
               "或调整正文使版记与正文同页（wenmi fix 可加空白页）")  # fmt: skip
    if lines <= RECORD_SLACK_LINES:
        if odd:
            r.add("record-alone", "pagination", "warning", p, odd, "版记在最后一个双页", f"版记单独在第{page}页")
        return
    r.add("record-position", "pagination", "error", p,
          f"版记排在第{page}页中部，下面还空约 {lines:.0f} 行：版记的末条分隔线应与最后一页版心下边缘重合（GB/T 9704 7.4.1），"
          + (odd if odd else "在版记前加空行或把版记放进与版心下边缘对齐的文本框"),
          "版记在最后一页最下面", f"版记下空约 {lines:.0f} 行")  # fmt: skip


# --- all of them ---------------------------------------------------------------------------------------

def record_format(r: Report) -> None:
    """版记 (GB/T 9704 7.4.2, 7.4.3): 抄送 and 印发 lines in 4号仿宋, left one character in (抄送 right
    one too). Lines in a table or a frame (wenmi's writer) are placed by it and only their face is read."""
    for p in r.doc.role("record"):
        if not p.stripped:
            continue
        clause = "7.4.2" if re.match(r"^(抄送|抄报|分送)", p.stripped) else "7.4.3"
        bad = [x for x in p.runs if x.han and not face_ok(x.east_asia, FANGSONG)]
        if bad:
            r.add("record-face", "font", "error", p, f"版记字体为{_face_text(bad[0])}，应为4号仿宋（GB/T 9704 {clause}）",
                  "仿宋_GB2312", _face_text(bad[0]), merge="record")
        if p.in_table or framed(p):
            continue
        left = p.left_chars + p.first_chars + leading_spaces(p.text)
        if left < 0.7:
            what = "抄送机关左右各空一字" if clause == "7.4.2" else "印发机关左空一字、印发日期右空一字"
            r.add("record-indent", "indent", "error", p, f"版记顶格排：{what}（GB/T 9704 {clause}）",
                  "左右各空一字", f"左空 {left:.1f} 字", merge="record")


#: The smallest type a table's cells are set in: 小4号. GB/T 9704-2012 sets every element in 3号 “如无特殊说明”
#: and lets “特定情况” adjust it (5.2.2), and its table sample (A.2) is free; offices set a wide table in
#: 4号 or 小4号, and smaller type (5号) is hard to read on the page: house style, a warning.
TABLE_MIN_PT = 12.0


def table_sizes(r: Report) -> None:
    """A table whose cells are mostly set smaller than 小4号 (`TABLE_MIN_PT`); 版记 and 落款 tables aside."""
    from assistant.document.roles import is_date_line

    for n, t in enumerate(r.doc.tables, start=1):
        text = t.text
        if re.search(r"^\s*(抄送|印发)|印发\s*$", text, re.M) or any(is_date_line(x) for x in text.splitlines()):
            continue
        weights: Counter[float] = Counter()
        for row in t.cells:
            for cell in row:
                for p in cell:
                    for run in p.runs:
                        if run.text.strip():
                            weights[round(run.size * 2) / 2] += len(run.text.strip())
        if not weights:
            continue
        size, _ = weights.most_common(1)[0]
        if size < TABLE_MIN_PT - 0.25:
            part = "表格" if len(r.doc.tables) == 1 else f"第{n}个表格"
            r.add("table-size", "size", "warning", None,
                  f"表格文字为{size_name(size)}，太小：表格文字宜用4号或小4号仿宋（GB/T 9704 5.2.2 各要素一般用3号字，特定情况可适当调整）",
                  "4号或小4号", size_name(size), part=part)  # fmt: skip


def attendance(r: Report) -> None:
    """A 纪要's 出席/列席/请假 lines (GB/T 9704 10.3): the word in 黑体, the names in 3号仿宋, the line
    left-indented two characters (its wrapped lines under the first name: a hanging indent)."""
    from assistant.document.roles import ATTENDANCE

    for p in r.doc.role("attendance"):
        m = ATTENDANCE.match(p.stripped)
        if m is None:
            continue
        label, pos = m.group(1), 0
        word: list[RunInfo] = []
        names: list[RunInfo] = []
        lead = len(p.text) - len(p.text.lstrip())
        for run in p.runs:
            start, pos = pos, pos + len(run.text)
            if run.han:
                (word if start < lead + len(label) else names).append(run)
        bad = [x for x in word if not face_ok(x.east_asia, HEITI)]
        if bad:
            r.add("attendance-face", "font", "error", p,
                  f"纪要的“{label}”二字字体为{_face_text(bad[0])}，应为黑体（GB/T 9704 10.3）", "黑体", _face_text(bad[0]))
        wrong = [x for x in names if not face_ok(x.east_asia, FANGSONG)]
        if wrong:
            r.add("font-face", "font", "error", p,
                  f"纪要的{label}名单字体为{_face_text(wrong[0])}，应为3号仿宋（GB/T 9704 10.3）", "仿宋_GB2312", _face_text(wrong[0]))
        sized = [x.size for x in p.runs if x.text.strip() and abs(x.size - G.BODY_SIZE_PT) > 0.25]
        if sized:
            r.add("font-size", "size", "error", p,
                  f"纪要的{label}名单字号为{size_name(sized[0])}，应为3号（GB/T 9704 10.3）", "3号", size_name(sized[0]))
        first = p.left_chars + p.first_chars + leading_spaces(p.text)
        if abs(first - G.INDENT_CHARS) > 0.3:
            r.add("attendance-indent", "indent", "error", p,
                  f"纪要的“{label}”左空 {first:.1f} 字，应左空二字，回行时与冒号后的首字对齐（GB/T 9704 10.3）",
                  "左空二字", f"左空 {first:.1f} 字")  # fmt: skip


_ANNEX_LABEL = re.compile(r"^附件\s*\d{0,2}$")


def annexes(r: Report) -> None:
    """GB/T 9704-2012 7.3.7 (附件): “‘附件’二字及附件顺序号用3号黑体字顶格编排在版心左上角第一行。附件标题
    居中编排在版心第三行……附件格式要求同正文”: the label flush left in 3号黑体, the title centred, set as
    a document's title (2号小标宋, 7.3.1)."""
    annex = [p for p in r.doc.paragraphs if p.role == "annex"]
    for k, p in enumerate(annex):
        if not _ANNEX_LABEL.match(p.stripped):
            continue
        label = p.stripped.replace(" ", "")
        if p.align in ("center", "right") or lead_chars(p) > 0.3:
            how = _ALIGN_NAMES.get(p.align, p.align) if p.align in ("center", "right") else f"缩进 {lead_chars(p):.1f} 字"
            r.add("annex-label-align", "alignment", "error", p,
                  f"“{label}”{how}，应在版心左上角第一行顶格编排（GB/T 9704 7.3.7）", "顶格", how)
        han = [x for x in p.runs if x.han]
        if han and not all(face_ok(x.east_asia, HEITI) for x in han):
            r.add("annex-label-face", "font", "error", p, f"“{label}”字体为{_face_text(han[0])}，应为3号黑体（GB/T 9704 7.3.7）",
                  "黑体", _face_text(han[0]))
        title = annex[k + 1] if k + 1 < len(annex) else None
        if title is None or title.align != "center" or _ANNEX_LABEL.match(title.stripped) or len(title.stripped) > 60:
            continue
        sized = [x for x in title.runs if x.text.strip()]
        wrong = [x.size for x in sized if abs(x.size - G.TITLE.size_pt) > 0.25]
        if sized and wrong:
            got = Counter(wrong).most_common(1)[0][0]
            r.add("annex-title-size", "size", "error", title,
                  f"附件标题字号为{size_name(got)}，应为{size_name(G.TITLE.size_pt)}，与公文标题相同（GB/T 9704 7.3.7、7.3.1）",
                  size_name(G.TITLE.size_pt), size_name(got))  # fmt: skip


RULES: tuple[Callable[[Report], None], ...] = (
    layout, line_characters, faces_and_sizes, indents, spacing, alignment, numbering, inline_numbering, punctuation, numbers, parallelism, structure,
    placeholders,
    attendance, record_format, table_sizes,
    page_numbers, pagination, tail_alone, record_at_foot, document_grid, exact_lines, annexes,
)


def run_rules(doc: DocInfo) -> list[Finding]:
    report = Report(doc)
    for rule in RULES:
        rule(report)
    return report.finish()


__all__ = ["RULES", "Report", "run_rules", "on"]
