"""Write the `wenmi check` evaluation corpus: Word documents with planted defects, and clean ones.

    python benchmarks/check_eval/make_corpus.py OUT_DIR [--no-office]

Every document is built with python-docx the way people make them by hand: no paragraph styles
(or the wrong ones), direct formatting on every paragraph and run. A base document that meets
GB/T 9704-2012 is built from a content set (notice, plan, summary, report); each defective
document changes that base in one or a few places, and `key.yaml` in OUT_DIR lists what was
planted: category, a short note, and the paragraph (1-based, counting every paragraph of the
body, empty ones too) where the defect sits, or null for page setup, footers and defects that
run through the whole text.

Clean documents: the same bases untouched (direct formatting, with and without a document grid),
one with styles of its own, wenmi's own renders, and LibreOffice round trips
(`soffice --headless --convert-to docx`; skipped with --no-office or when soffice is missing).

The output is the same for the same code: no clock, no randomness.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

CATEGORIES = (
    "layout", "font", "size", "indent", "spacing", "alignment", "numbering", "punctuation",
    "numbers", "parallelism", "figures", "structure", "header_footer",
)  # fmt: skip

FANGSONG = "仿宋_GB2312"
XBS = "方正小标宋简体"
HEITI = "黑体"
KAITI = "楷体_GB2312"
SONG = "宋体"
EXACT_PITCH_TWIPS = 579  # 225 mm / 22 lines
CONDENSE_TWIPS = -5  # 156 mm / 28 = 15.79 pt a character: 16 pt condensed by 0.25 pt


# --- the document as a list of paragraphs ----------------------------------------------------


@dataclass
class Item:
    """One paragraph and its direct formatting."""

    role: str  # title, blank, recipients, body, h1..h4, attach, attach2, signature, date, record
    text: str
    tag: str = ""
    # None: not set on the paragraph or run (left to the style and the document defaults)
    font: str | None = FANGSONG
    latin: str = "Times New Roman"
    size: float | None = 16.0
    bold: bool = False
    align: str | None = "both"
    first: float | None = 0.0  # first-line indent in characters (negative: hanging)
    left: float = 0.0
    right: float = 0.0
    line: tuple[str, float] | None = ("exact", EXACT_PITCH_TWIPS / 20)  # (rule, pt or multiple)
    before: float | None = 0.0
    after: float | None = 0.0
    style: str | None = None
    east_asia: bool = True  # False: the face is set for Latin text only (run.font.name)
    lead: str = ""  # a bold lead sentence run in before the text (level 3/4 headings)
    table: list[list[str]] | None = None


@dataclass
class Doc:
    items: list[Item]
    page: dict[str, float] = field(
        default_factory=lambda: {"w": 210, "h": 297, "top": 37, "bottom": 35, "left": 28, "right": 26, "gutter": 0}
    )
    grid: bool = False
    footer: str = "standard"
    record: bool = False
    styles: bool = False
    #: Character spacing of every run, twips: condensed 0.25 pt so that 28 characters of 3号 fill
    #: the 156 mm line (GB/T 9704 5.2.4; without it a line holds 27).
    condense: int = CONDENSE_TWIPS

    def find(self, tag: str) -> Item:
        return next(i for i in self.items if i.tag == tag)

    def index(self, tag: str) -> int:
        """1-based paragraph number of the item tagged `tag` (tables are not paragraphs)."""
        n = 0
        for it in self.items:
            if it.table is None:
                n += 1
            if it.tag == tag:
                return n
        raise KeyError(tag)

    def of_role(self, role: str) -> list[Item]:
        return [i for i in self.items if i.role == role]


def _fmt(role: str, text: str, tag: str = "", **kw: Any) -> Item:
    base: dict[str, Any] = {}
    if role == "title":
        base = {"font": XBS, "size": 22, "align": "center", "first": 0}
    elif role in ("body", "attach"):
        base = {"first": 2}
    elif role == "attach2":
        base = {"first": 0, "left": 5}
    elif role == "h1":
        base = {"font": HEITI, "first": 2}
    elif role == "h2":
        base = {"font": KAITI, "first": 2}
    elif role in ("h3", "h4"):
        base = {"first": 2}
    elif role == "recipients":
        base = {"first": 0}
    elif role in ("signature", "date"):
        base = {"align": "right", "first": 0}
    elif role == "blank":
        base = {"first": 0}
    base.update(kw)
    return Item(role, text, tag or "", **base)


def _width(text: str) -> float:
    return sum(0.5 if ord(c) < 0x2E80 else 1.0 for c in text)


def _tail(items: list[Item], signature: str, date: str) -> None:
    """落款 per 7.3.5.2: signature right 2 characters; the date 2 characters right of its start,
    or right 2 characters (and the signature moved) when the date is the longer."""
    sw, dw = _width(signature), _width(date)
    if sw >= dw + 2:
        sr, dr = 2.0, sw - dw
    else:
        dr = 2.0
        sr = dr + 2 + dw - sw
    items.append(_fmt("blank", ""))
    items.append(_fmt("signature", signature, "sig", right=sr))
    items.append(_fmt("date", date, "date", right=dr))


# --- content sets -----------------------------------------------------------------------------


def notice() -> Doc:
    it = [
        _fmt("title", "关于开展作风建设专项督查的通知", "title"),
        _fmt("blank", ""),
        _fmt("recipients", "各党支部，机关各部门：", "recip"),
        _fmt("body", "为深入贯彻公司党委关于作风建设的部署要求，推动“严、真、细、实、快”工作作风落地见效，经研究，决定在全公司范围内开展作风建设专项督查。现将有关事项通知如下。", "intro"),
        _fmt("h1", "一、督查内容", "h1a"),
        _fmt("h2", "（一）工作部署落实情况", "h2a"),
        _fmt("body", "重点督查各单位贯彻落实公司党委作风建设实施方案的情况，今年以来已开展检查12次，完成整改8项。", "b1"),
        _fmt("h2", "（二）问题整改推进情况", "h2b"),
        _fmt("h3", "1.", "h3a", lead="整改台账。", bold=True),
        _fmt("body", "各单位要对照问题清单逐项建立台账，明确责任人和完成时限，做到整改一项、销号一项。", "b2"),
        _fmt("h3", "2.", "h3b", lead="整改成效。", bold=True),
        _fmt("body", "各单位要把整改成效作为检验作风建设成果的重要标准，防止虚假整改、敷衍整改。", "b3"),
        _fmt("h1", "二、工作要求", "h1b"),
        _fmt("body", "各单位要高度重视，认真组织自查，于2023年7月15日前将自查报告报送党群工作部。联系人：张明，联系电话：0531-88886666。", "b4"),
        _fmt("blank", ""),
        _fmt("attach", "附件：1.专项督查工作配档表", "att1"),
        _fmt("attach2", "2.督查问题清单", "att2"),
    ]
    _tail(it, "中共某某集团有限公司委员会", "2023年6月30日")
    return Doc(it)


def plan() -> Doc:
    it = [
        _fmt("title", "关于全面践行“严、真、细、实、快”工作作风的实施方案", "title"),
        _fmt("blank", ""),
        _fmt("recipients", "各党支部：", "recip"),
        _fmt("body", "为深入贯彻上级党委部署要求，推动作风建设走深走实，结合工作实际，制定本方案。", "intro"),
        _fmt("h1", "一、总体要求", "h1a"),
        _fmt("body", "坚持以党建引领发展，把作风建设贯穿工作全过程、各环节，着力解决工作中存在的突出问题。", "b1"),
        _fmt("h1", "二、主要任务", "h1b"),
        _fmt("h2", "（一）提高站位", "h2a"),
        _fmt("body", "收到上级有关文件后，迅速起草实施方案，提出工作目标15个，指导各支部制定践行举措600余条。", "b2"),
        _fmt("h2", "（二）压实责任", "h2b"),
        _fmt("body", "建立党委统一领导、支部具体负责、党员积极参与的工作机制，层层签订责任书。", "b3"),
        _fmt("h2", "（三）倒排工期", "h2c"),
        _fmt("h4", "（1）", "h4a", lead="建立工作配档表。"),
        _fmt("body", "形成工作配档表15份，均明确整改措施、责任人和完成时限。", "b4"),
        _fmt("h4", "（2）", "h4b", lead="定期调度。"),
        _fmt("body", "每月25日前定期调度工作进展，对滞后事项督促整改。", "b5"),
        _fmt("h1", "三、工作要求", "h1c"),
        _fmt("body", "各党支部要结合实际抓好贯彻落实，确保各项任务按期完成，重要情况及时报告。", "b6"),
    ]
    _tail(it, "党群工作部", "2023年3月1日")
    return Doc(it)


def summary() -> Doc:
    it = [
        _fmt("title", "党群工作部2022年作风建设工作总结", "title"),
        _fmt("blank", ""),
        _fmt("body", "2022年以来，党群工作部深入贯彻公司党委工作部署，以“四高”推动作风建设落地见效，现将有关情况总结如下。", "intro"),
        _fmt("h1", "一、提高站位，高标准制定工作措施", "h1a"),
        _fmt("body", "起草全面践行工作作风的实施方案，提出工作目标15个，指导各支部制定践行举措600余条。", "b1"),
        _fmt("h1", "二、倒排工期，高质量抓好整改提升", "h1b"),
        _fmt("body", "开展员工思想状况调查2次，累计参与1131人次，凝聚共识、集聚智慧、汇聚力量。", "b2"),
        _fmt("h1", "三、压实责任，高规格加强组织领导", "h1c"),
        _fmt("body", "完成党务工作能力提升专项培训2次，参训318人次，党务干部履职能力明显提升。", "b3"),
        _fmt("h1", "四、贯通结合，高效率建立长效机制", "h1d"),
        _fmt("body", "制定85个基层党组织标准化规范化建设工作模板，提升党务工作规范化、标准化水平。", "b4"),
        _fmt("body", "下一步，党群工作部将巩固拓展作风建设成果，推动各项工作再上新台阶。", "b5"),
    ]
    _tail(it, "党群工作部", "2023年1月11日")
    return Doc(it)


def report() -> Doc:
    it = [
        _fmt("title", "关于2023年上半年党建工作情况的报告", "title"),
        _fmt("blank", ""),
        _fmt("recipients", "公司党委：", "recip"),
        _fmt("body", "今年以来，机关党支部在公司党委的坚强领导下，认真落实全面从严治党要求，各项工作取得新成效。现将有关情况报告如下。", "intro"),
        _fmt("h1", "一、主要工作", "h1a"),
        _fmt("h2", "（一）加强理论学习", "h2a"),
        _fmt("body", "组织理论学习中心组学习6次，开展专题研讨3次，撰写心得体会42篇。", "b1"),
        _fmt("h2", "（二）夯实基层基础", "h2b"),
        _fmt("body", "完成支部规范化建设达标验收，发展党员2名，转正预备党员3名。主要指标见下表。", "b2"),
        _fmt("table", "", "table", table=[["序号", "指标", "完成情况"], ["1", "学习次数", "6次"], ["2", "发展党员", "2名"]]),
        _fmt("h2", "（三）深化作风建设", "h2c"),
        _fmt("body", "开展作风建设专项检查2轮，发现问题11个，已全部完成整改。", "b3"),
        _fmt("h1", "二、下一步工作打算", "h1b"),
        _fmt("body", "下半年，机关党支部将继续深化理论武装，持续推进基层党组织标准化建设，以高质量党建引领保障中心工作。", "b4"),
        _fmt("body", "特此报告。", "b5"),
    ]
    _tail(it, "中共某某集团机关党支部", "2023年7月10日")
    return Doc(it, record=True)


BASES: dict[str, Callable[[], Doc]] = {"notice": notice, "plan": plan, "summary": summary, "report": report}


# --- writing ------------------------------------------------------------------------------------


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(tag))


def _el(tag: str, **attrs: str) -> Any:
    from docx.oxml import OxmlElement

    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(_qn(k), v)
    return el


def _run_font(run: Any, font: str | None, latin: str, size: float | None, bold: bool, east_asia: bool = True) -> None:
    from docx.shared import Pt

    if size is not None:
        run.font.size = Pt(size)
    run.font.bold = bold or None
    if font is None:
        return
    if not east_asia:
        run.font.name = font  # what most scripts do: Latin faces only, Chinese left to the theme
        return
    run.font.name = latin
    rpr = run._r.get_or_add_rPr()
    fonts = rpr.find(_qn("w:rFonts"))
    fonts.set(_qn("w:eastAsia"), font)


def _para_format(para: Any, it: Item) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    pf = para.paragraph_format
    if it.align is not None:
        pf.alignment = {
            "left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
            "right": WD_ALIGN_PARAGRAPH.RIGHT, "both": WD_ALIGN_PARAGRAPH.JUSTIFY,
        }[it.align]  # fmt: skip
    size = it.size or 16
    if it.first is not None:
        pf.first_line_indent = Pt(it.first * size)
    if it.left:
        pf.left_indent = Pt(it.left * size)
    if it.right:
        pf.right_indent = Pt(it.right * size)
    if it.before is not None:
        pf.space_before = Pt(it.before)
    if it.after is not None:
        pf.space_after = Pt(it.after)
    if it.line is not None:
        rule, value = it.line
        if rule == "exact":
            pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            pf.line_spacing = Pt(value)
        else:
            pf.line_spacing = value  # a multiple: single 1.0, 1.5 lines


def _condense(run: Any, twips: int) -> None:
    """Character spacing (w:spacing) in its place among the run properties."""
    later = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
             "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout")  # fmt: skip
    run._r.get_or_add_rPr().insert_element_before(_el("w:spacing", **{"w:val": str(twips)}), *later)


def _add_table(document: Any, rows: list[list[str]]) -> None:
    from docx.shared import Mm, Pt

    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = document.styles["Table Grid"]
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            cell = table.cell(r, c)
            cell.width = Mm(156 / len(rows[0]))
            para = cell.paragraphs[0]
            para.paragraph_format.alignment = 1
            para.paragraph_format.space_after = Pt(0)
            para.paragraph_format.line_spacing = 1.0
            run = para.add_run(text)
            _run_font(run, HEITI if r == 0 else FANGSONG, "Times New Roman", 14, False)


def _page_field(para: Any, font: str, size: float) -> None:
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1"), ("end", None)):
        r = para.add_run()
        _run_font(r, font, font, size, False)
        if kind == "instr":
            instr = _el("w:instrText")
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            instr.text = text
            r._r.append(instr)
        elif kind == "text":
            r._r.append(_el("w:t"))
            r._r[-1].text = text
        else:
            r._r.append(_el("w:fldChar", **{"w:fldCharType": kind}))


def _footer_para(footer: Any, before: str, after: str, align: str, size: float = 14, field_: bool = True,
                 inset: bool = True, font: str = SONG) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    footer.is_linked_to_previous = False
    para = footer.paragraphs[0]
    para.paragraph_format.alignment = {"right": WD_ALIGN_PARAGRAPH.RIGHT, "left": WD_ALIGN_PARAGRAPH.LEFT,
                                       "center": WD_ALIGN_PARAGRAPH.CENTER}[align]
    if inset and align == "right":
        para.paragraph_format.right_indent = Pt(size)
    if inset and align == "left":
        para.paragraph_format.left_indent = Pt(size)
    if before:
        _run_font(para.add_run(before), font, font, size, False)
    if field_:
        _page_field(para, font, size)
    if after:
        _run_font(para.add_run(after), font, font, size, False)


def _even_and_odd(document: Any) -> None:
    settings = document.settings.element
    if settings.find(_qn("w:evenAndOddHeaders")) is None:
        settings.insert(0, _el("w:evenAndOddHeaders"))


def _footers(document: Any, kind: str) -> None:
    section = document.sections[0]
    dash = "\u2014"
    if kind == "none":
        return
    if kind == "standard":
        _even_and_odd(document)
        _footer_para(section.footer, f"{dash} ", f" {dash}", "right")
        _footer_para(section.even_page_footer, f"{dash} ", f" {dash}", "left")
    elif kind == "hyphens":
        _even_and_odd(document)
        _footer_para(section.footer, "-", "-", "right")
        _footer_para(section.even_page_footer, "-", "-", "left")
    elif kind == "bare":
        _even_and_odd(document)
        _footer_para(section.footer, "", "", "right")
        _footer_para(section.even_page_footer, "", "", "left")
    elif kind == "of-pages":
        _footer_para(section.footer, "第", "页", "center", inset=False)
    elif kind == "small":
        _even_and_odd(document)
        _footer_para(section.footer, f"{dash} ", f" {dash}", "right", size=10.5)
        _footer_para(section.even_page_footer, f"{dash} ", f" {dash}", "left", size=10.5)
    elif kind == "centred":
        _footer_para(section.footer, f"{dash} ", f" {dash}", "center", inset=False)
    elif kind == "one-side":
        _footer_para(section.footer, f"{dash} ", f" {dash}", "right")
    elif kind == "typed":
        _even_and_odd(document)
        _footer_para(section.footer, f"{dash} 1 {dash}", "", "right", field_=False)
        _footer_para(section.even_page_footer, f"{dash} 2 {dash}", "", "left", field_=False)
    elif kind == "first-empty":
        _even_and_odd(document)
        _footer_para(section.footer, f"{dash} ", f" {dash}", "right")
        _footer_para(section.even_page_footer, f"{dash} ", f" {dash}", "left")
        section.different_first_page_header_footer = True
        section.first_page_footer.is_linked_to_previous = False
    else:
        raise ValueError(kind)


def _record(document: Any) -> None:
    """版记 as hand-made documents do it: two paragraphs with rules, at the end, in a frame at
    the foot of the text block (GB/T 9704 7.4.1: the last rule on its bottom edge)."""
    from docx.shared import Pt

    for text in ("抄送：公司纪委，各党支部。", "中共某某集团机关党支部办公室\t2023年7月10日印发"):
        para = document.add_paragraph()
        pf = para.paragraph_format
        pf.left_indent = Pt(14)
        pf.right_indent = Pt(14)
        pf.space_after = Pt(0)
        pf.line_spacing = 1.0
        ppr = para._p.get_or_add_pPr()
        bdr = _el("w:pBdr")
        for side in ("top", "bottom"):
            bdr.append(_el(f"w:{side}", **{"w:val": "single", "w:sz": "8", "w:space": "1", "w:color": "000000"}))
        ppr.insert(0, bdr)
        frame = {"w:w": "8844", "w:wrap": "around", "w:vAnchor": "margin", "w:hAnchor": "margin", "w:xAlign": "center", "w:yAlign": "bottom"}
        ppr.insert(0, _el("w:framePr", **frame))
        _run_font(para.add_run(text), FANGSONG, "Times New Roman", 14, False)


def write(doc: Doc, path: Path) -> None:
    import docx
    from docx.shared import Mm

    document = docx.Document()
    s = document.sections[0]
    p = doc.page
    s.page_width, s.page_height = Mm(p["w"]), Mm(p["h"])
    if p["w"] > p["h"]:
        from docx.enum.section import WD_ORIENT

        s.orientation = WD_ORIENT.LANDSCAPE
    s.top_margin, s.bottom_margin = Mm(p["top"]), Mm(p["bottom"])
    s.left_margin, s.right_margin = Mm(p["left"]), Mm(p["right"])
    s.gutter = Mm(p["gutter"])
    if doc.grid:
        grid = s._sectPr.find(_qn("w:docGrid"))
        if grid is None:
            grid = _el("w:docGrid")
            s._sectPr.append(grid)
        grid.set(_qn("w:type"), "lines")
        grid.set(_qn("w:linePitch"), str(EXACT_PITCH_TWIPS))
    if doc.styles:
        _define_styles(document)
    for it in doc.items:
        if it.table is not None:
            _add_table(document, it.table)
            continue
        para = document.add_paragraph(style=it.style) if it.style else document.add_paragraph()
        _para_format(para, it)
        if it.lead:
            _run_font(para.add_run(it.text), it.font, it.latin, it.size, it.bold, it.east_asia)
            _run_font(para.add_run(it.lead), it.font, it.latin, it.size, it.bold, it.east_asia)
        elif it.text:
            _run_font(para.add_run(it.text), it.font, it.latin, it.size, it.bold, it.east_asia)
        if doc.condense:
            for run in para.runs:
                _condense(run, doc.condense)
    if doc.record:
        _record(document)
    _footers(document, doc.footer)
    document.core_properties.author = "wenmi"
    document.save(str(path))


# --- the defects ---------------------------------------------------------------------------------


@dataclass
class Case:
    name: str
    base: str
    defects: list[tuple[str, str, str | None]]  # (category, note, tag of the paragraph or None)
    change: Callable[[Doc], None]
    workbook: str | None = None
    grid: bool = False


def _all(role: str, **kw: Any) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        for it in doc.items:
            if it.role == role:
                for k, v in kw.items():
                    setattr(it, k, v)

    return change


def _body(**kw: Any) -> Callable[[Doc], None]:
    return _all("body", **kw)


def _one(tag: str, **kw: Any) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        it = doc.find(tag)
        for k, v in kw.items():
            setattr(it, k, v)

    return change


def _text(tag: str, old: str, new: str) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        it = doc.find(tag)
        field_ = "lead" if it.lead and old in it.lead else "text"
        value = getattr(it, field_)
        assert old in value, (tag, old, value)
        setattr(it, field_, value.replace(old, new, 1))

    return change


def _page(**kw: float) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        doc.page.update(kw)

    return change


def _footer(kind: str) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        doc.footer = kind

    return change


def _both(*changes: Callable[[Doc], None]) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        for c in changes:
            c(doc)

    return change


def _move(tag: str, before: str | None) -> Callable[[Doc], None]:
    """Move the item `tag` before the item `before` (None: to the end)."""

    def change(doc: Doc) -> None:
        it = doc.find(tag)
        doc.items.remove(it)
        if before is None:
            doc.items.append(it)
        else:
            doc.items.insert(doc.items.index(doc.find(before)), it)

    return change


def _drop(tag: str) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        doc.items.remove(doc.find(tag))

    return change


def _heading_texts(role: str, texts: list[str]) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        items = doc.of_role(role)
        for it, text in zip(items, texts, strict=False):
            it.text = text

    return change


def _word_style_headings(doc: Doc) -> None:
    """Headings in Word's built-in `Heading 1` style, its face and size overridden by hand: the
    style's 24 pt space before and its keep-with-next leak through."""
    for it in doc.items:
        if it.role == "h1":
            it.style = "Heading 1"
            it.before = None
            it.after = None


def _word_defaults(doc: Doc) -> None:
    """What a paragraph keeps of python-docx's (Word 2010's) defaults when only the face and size
    are set: 10 pt after, 1.15 lines."""
    for it in doc.items:
        if it.role in ("body", "h1", "h2", "h3", "h4", "recipients"):
            it.line = None
            it.after = None


def _drop_first_blank(doc: Doc) -> None:
    blank = next(i for i in doc.items if i.role == "blank")
    doc.items.remove(blank)


DASH = "\u2014"

CASES: list[Case] = [
    # layout (8)
    Case("layout-letter", "notice", [("layout", "US Letter 纸张", None)], _page(w=215.9, h=279.4)),
    Case("layout-word-margins", "plan", [("layout", "Word 默认页边距 25.4/31.8", None)], _page(top=25.4, bottom=25.4, left=31.8, right=31.8)),
    Case("layout-top", "summary", [("layout", "上边距 30 mm", None)], _page(top=30)),
    Case("layout-left", "report", [("layout", "左边距 25 mm", None)], _page(left=25)),
    Case("layout-landscape", "notice", [("layout", "横向 A4", None)], _page(w=297, h=210)),
    Case("layout-bottom-right", "plan", [("layout", "下边距 25、右边距 20", None)], _page(bottom=25, right=20)),
    Case("layout-16k", "summary", [("layout", "16 开纸", None)], _page(w=184, h=260)),
    Case("layout-gutter", "report", [("layout", "装订线 10 mm", None)], _page(gutter=10)),
    Case("layout-27-chars", "notice", [("layout", "字符间距未紧缩：每行只排 27 字", None)], lambda d: setattr(d, "condense", 0)),
    # font (8)
    Case("font-body-song", "notice", [("font", "正文宋体", None)], _body(font=SONG)),
    Case("font-body-yahei", "plan", [("font", "正文微软雅黑", None)], _body(font="微软雅黑")),
    Case("font-title-hei", "summary", [("font", "标题黑体", "title")], _one("title", font=HEITI)),
    Case("font-title-song-bold", "report", [("font", "标题宋体加粗", "title")], _one("title", font=SONG, bold=True)),
    Case("font-h1-song", "notice", [("font", "一级标题宋体", "h1a")], _one("h1a", font=SONG)),
    Case("font-h2-fangsong", "plan", [("font", "二级标题仿宋", "h2a")], _one("h2a", font=FANGSONG)),
    Case("font-latin-only", "summary", [("font", "只设西文字体，中文落到主题字体", None)], _body(east_asia=False, font="仿宋")),
    Case("font-h3-hei", "notice", [("font", "三级标题黑体", "h3a")], _one("h3a", font=HEITI)),
    # size (7)
    Case("size-body-14-song", "notice", [("size", "正文四号", None), ("font", "正文宋体", None)], _body(size=14, font=SONG)),
    Case("size-body-12", "plan", [("size", "正文小四", None)], _body(size=12)),
    Case("size-title-18", "summary", [("size", "标题小二", "title")], _one("title", size=18)),
    Case("size-title-16", "report", [("size", "标题三号", "title")], _one("title", size=16)),
    Case("size-h1-18", "notice", [("size", "一级标题小二", "h1a")], _one("h1a", size=18)),
    Case("size-h2-14", "report", [("size", "二级标题四号", "h2a")], _one("h2a", size=14)),
    Case("size-tail-14", "plan", [("size", "落款四号", "sig"), ("size", "日期四号", "date")], _both(_one("sig", size=14), _one("date", size=14))),
    # indent (6)
    Case("indent-body-none", "notice", [("indent", "正文无首行缩进", None)], _body(first=0)),
    Case("indent-body-one", "summary", [("indent", "正文首行缩进一字", None)], _body(first=1)),
    Case("indent-recipients", "plan", [("indent", "主送缩进二字", "recip")], _one("recip", first=2)),
    Case("indent-h1-none", "report", [("indent", "一级标题顶格", "h1a")], _all("h1", first=0)),
    Case("indent-body-left", "plan", [("indent", "正文左缩进二字、首行不缩进", None)], _body(first=0, left=2)),
    Case("indent-attach", "notice", [("indent", "附件说明顶格", "att1")], _one("att1", first=0)),
    # spacing (6)
    Case("spacing-single", "notice", [("spacing", "单倍行距", None)], _body(line=("auto", 1.0))),
    Case("spacing-1.5", "plan", [("spacing", "1.5 倍行距", None)], _body(line=("auto", 1.5))),
    Case("spacing-exact-20", "summary", [("spacing", "固定值 20 磅", None)], _body(line=("exact", 20))),
    Case("spacing-exact-36", "report", [("spacing", "固定值 36 磅", None)], _body(line=("exact", 36))),
    Case("spacing-word-defaults", "notice", [("spacing", "段后 10 磅", None), ("spacing", "1.15 倍行距", None)], _word_defaults),
    Case("spacing-heading-style", "plan", [("spacing", "一级标题段前 24 磅（Heading 1 样式）", "h1a")], _word_style_headings),
    # alignment (7)
    Case("align-title-left", "notice", [("alignment", "标题居左", "title")], _one("title", align="left")),
    Case("align-body-left", "plan", [("alignment", "正文左对齐", None)], _body(align="left")),
    Case("align-body-centre", "summary", [("alignment", "正文居中", "b2")], _one("b2", align="center")),
    Case("align-sig-left", "report", [("alignment", "署名居左", "sig")], _one("sig", align="left", right=0)),
    Case("align-date-centre", "notice", [("alignment", "日期居中", "date")], _one("date", align="center", right=0)),
    Case("align-h1-centre", "plan", [("alignment", "一级标题居中", "h1b")], _one("h1b", align="center", first=0)),
    Case("align-recipients-centre", "report", [("alignment", "主送居中", "recip")], _one("recip", align="center")),
    # numbering (6)
    Case("num-h1-dot", "notice", [("numbering", "一. 应为 一、", "h1b")], _text("h1b", "二、", "二.")),
    Case("num-h2-comma", "plan", [("numbering", "（一）、 应为 （一）", "h2b")], _text("h2b", "（二）", "（二）、")),
    Case("num-h3-dunhao", "notice", [("numbering", "1、 应为 1.", "h3a")], _text("h3a", "1.", "1、")),
    Case("num-h4-paren", "plan", [("numbering", "1) 应为 （1）", "h4b")], _text("h4b", "（2）", "2)")),
    Case("num-order", "report", [("numbering", "一级标题跳号", "h1b")], _text("h1b", "二、", "三、")),
    Case("num-h2-halfwidth", "report", [("numbering", "(二) 半角括号", "h2b")], _text("h2b", "（二）", "(二)")),
    # punctuation (7)
    Case("punct-ascii-quotes", "plan", [("punctuation", "ASCII 引号", "title")], _text("title", "“严、真、细、实、快”", '"严、真、细、实、快"')),
    Case("punct-ellipsis", "summary", [("punctuation", "... 省略号", "b5")], _text("b5", "推动各项工作再上新台阶", "推动学习、培训、调研...各项工作再上新台阶")),
    Case("punct-comma", "notice", [("punctuation", "半角逗号", "b2")], _text("b2", "明确责任人和完成时限，", "明确责任人和完成时限,")),
    Case("punct-double", "report", [("punctuation", "重复句号", "b3")], _text("b3", "完成整改。", "完成整改。。")),
    Case("punct-colon-recipients", "plan", [("punctuation", "主送半角冒号", "recip")], _text("recip", "：", ":")),
    Case("punct-parens", "report", [("punctuation", "半角括号", "b2")], _text("b2", "见下表。", "(见下表)。")),
    Case("punct-title-end", "summary", [("punctuation", "标题末尾句号", "title")], _text("title", "工作总结", "工作总结。")),
    # numbers (7)
    Case("num-date-chinese", "notice", [("numbers", "成文日期汉字", "date")], _text("date", "2023年6月30日", "二〇二三年六月三十日")),
    Case("num-dotted-date", "notice", [("numbers", "2023.7.15", "b4")], _text("b4", "2023年7月15日", "2023.7.15")),
    Case("num-short-year", "report", [("numbers", "23年", "b4")], _text("b4", "下半年，", "23年7月起，")),
    Case("num-fullwidth", "plan", [("numbers", "全角数字", "b4")], _text("b4", "15份", "１５份")),
    Case("num-impossible", "notice", [("numbers", "2023年13月5日", "b4")], _text("b4", "2023年7月15日", "2023年13月5日")),
    Case("num-zero-padded", "summary", [("numbers", "成文日期月日编虚位", "date")], _text("date", "2023年1月11日", "2023年01月11日")),
    Case("num-iso-date", "plan", [("numbers", "成文日期 2023-03-01", "date")], _text("date", "2023年3月1日", "2023-03-01")),
    # parallelism (5)
    Case("par-length", "plan", [("parallelism", "二级标题字数不一", "h2c")], _text("h2c", "倒排工期", "倒排工期抓落实")),
    Case("par-head-word", "report", [("parallelism", "二级标题开头重复", "h2b")], _heading_texts("h2", ["（一）加强理论学习", "（二）加强基层基础", "（三）深化作风建设"])),
    Case("par-pair-tail", "summary", [("parallelism", "对仗标题后半句字数不一", "h1b")], _text("h1b", "高质量抓好整改提升", "高质量抓整改")),
    Case("par-pair-missing", "summary", [("parallelism", "有的标题无后半句", "h1c")], _text("h1c", "压实责任，高规格加强组织领导", "压实责任")),
    Case("par-h1-length", "notice", [("parallelism", "二级标题字数不一", "h2b")], _text("h2b", "问题整改推进情况", "问题整改")),
    # figures (6): the workbook is written beside the document
    Case("fig-missing", "summary", [("figures", "缺 318人次", None)], _text("b3", "，参训318人次", ""), workbook="summary"),
    Case("fig-changed", "summary", [("figures", "1131 写成 1113", None)], _text("b2", "1131人次", "1113人次"), workbook="summary"),
    Case("fig-qualifier", "summary", [("figures", "600余条 写成 600条", None)], _text("b1", "600余条", "600条"), workbook="summary"),
    Case("fig-unit", "summary", [("figures", "15个 写成 15项", None)], _text("b1", "工作目标15个", "工作目标15项"), workbook="summary"),
    Case("fig-two", "summary", [("figures", "缺 85个", None), ("figures", "缺 1131人次", None)],
         _both(_text("b4", "制定85个", "制定"), _text("b2", "，累计参与1131人次", "")), workbook="summary"),
    Case("fig-chinese", "summary", [("figures", "318人次 写成 三百一十八人次", None)], _text("b3", "参训318人次", "参训三百一十八人次"), workbook="summary"),
    # structure (8)
    Case("struct-title-not-first", "notice", [("structure", "标题前有正文", "title")], _move("intro", "title")),
    Case("struct-recipients-late", "plan", [("structure", "主送在正文之后", "recip")], _move("recip", "h1a")),
    Case("struct-no-signature", "summary", [("structure", "缺署名", None)], _drop("sig")),
    Case("struct-no-date", "report", [("structure", "缺成文日期", None)], _drop("date")),
    Case("struct-date-first", "notice", [("structure", "日期在署名之上", "sig")], _move("date", "sig")),
    Case("struct-record-not-last", "report", [("structure", "版记之后还有正文", None)], lambda d: None),
    Case("struct-attach-after-tail", "notice", [("structure", "附件说明在落款之后", "att1")],
         _both(_move("att1", None), _move("att2", None))),
    Case("struct-no-title", "plan", [("structure", "缺标题", None)], _both(_drop("title"), _drop_first_blank)),
    # header_footer (9)
    Case("pn-none", "notice", [("header_footer", "无页码", None)], _footer("none")),
    Case("pn-hyphens", "plan", [("header_footer", "-1- 连字符", None)], _footer("hyphens")),
    Case("pn-bare", "summary", [("header_footer", "页码无一字线", None)], _footer("bare")),
    Case("pn-of-pages", "report", [("header_footer", "第X页", None)], _footer("of-pages")),
    Case("pn-small", "notice", [("header_footer", "页码五号", None)], _footer("small")),
    Case("pn-centred", "plan", [("header_footer", "页码居中", None)], _footer("centred")),
    Case("pn-one-side", "summary", [("header_footer", "未设奇偶页不同", None)], _footer("one-side")),
    Case("pn-typed", "report", [("header_footer", "页码是打上去的文字", None)], _footer("typed")),
    Case("pn-first-empty", "notice", [("header_footer", "首页无页码", None)], _footer("first-empty")),
    # several at once, as drafts come
    Case("multi-word-draft", "notice",
         [("layout", "Word 默认纸张和边距", None), ("font", "正文宋体", None), ("size", "正文五号", None),
          ("spacing", "Word 默认行距", None), ("header_footer", "无页码", None)],
         _both(_page(w=215.9, h=279.4, top=25.4, bottom=25.4, left=31.8, right=31.8), _all("body", font=SONG, size=10.5),
               _word_defaults, _footer("none"))),
    Case("multi-title-and-heads", "plan",
         [("size", "标题小二", "title"), ("alignment", "标题居左", "title"), ("numbering", "一. 应为 一、", "h1b"),
          ("font", "一级标题宋体", "h1a")],
         _both(_one("title", size=18, align="left"), _text("h1b", "二、", "二."), _one("h1a", font=SONG))),
    Case("multi-text", "notice",
         [("punctuation", "半角逗号", "intro"), ("numbers", "2023.7.15", "b4"), ("numbering", "1、", "h3b")],
         _both(_text("intro", "经研究，", "经研究,"), _text("b4", "2023年7月15日", "2023.7.15"), _text("h3b", "2.", "2、"))),
    Case("multi-tail", "summary",
         [("alignment", "署名居中", "sig"), ("numbers", "日期汉字", "date"), ("indent", "正文无缩进", None)],
         _both(_one("sig", align="center", right=0), _text("date", "2023年1月11日", "二〇二三年一月十一日"), _body(first=0))),
]


WORKBOOKS = {
    "summary": (
        "unit: 党群工作部\nperiod: 2022年\nachievements:\n"
        "  - title: 起草全面践行工作作风的实施方案\n    metrics:\n"
        "      - {label: 工作目标, value: 15, unit: 个}\n"
        "      - {label: 践行举措, value: 600, unit: 条, qualifier: 余}\n"
        "  - title: 开展员工思想状况调查\n    metrics:\n"
        "      - {label: 调查, value: 2, unit: 次}\n"
        "      - {label: 参与, value: 1131, unit: 人次}\n"
        "  - title: 完成党务工作能力提升专项培训\n    metrics:\n"
        "      - {label: 培训, value: 2, unit: 次}\n"
        "      - {label: 参训, value: 318, unit: 人次}\n"
        "  - title: 制定基层党组织标准化规范化建设工作模板\n    metrics:\n"
        "      - {label: 模板, value: 85, unit: 个}\n"
    ),
}


# --- clean documents -------------------------------------------------------------------------------


STYLE_SPECS = {
    "GW正文": (FANGSONG, 16, 2, "both"), "GW标题": (XBS, 22, 0, "center"),
    "GW一级标题": (HEITI, 16, 2, "both"), "GW二级标题": (KAITI, 16, 2, "both"),
}  # fmt: skip


def _define_styles(document: Any) -> None:
    """Paragraph styles of the author's own, named in Chinese, holding all the formatting."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    for name, (font, size, first, align) in STYLE_SPECS.items():
        st = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.font.size = Pt(size)
        st.font.name = "Times New Roman"
        st.element.get_or_add_rPr().find(_qn("w:rFonts")).set(_qn("w:eastAsia"), font)
        pf = st.paragraph_format
        pf.first_line_indent = Pt(first * size)
        pf.space_before = Pt(0)
        pf.space_after = Pt(0)
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(EXACT_PITCH_TWIPS / 20)
        pf.alignment = WD_ALIGN_PARAGRAPH.CENTER if align == "center" else WD_ALIGN_PARAGRAPH.JUSTIFY


def styled(doc: Doc) -> Doc:
    """`doc` with its formatting left to the styles of `_define_styles`: only the 落款's
    placement, the heading's bold and the recipients' indent stay on the paragraphs."""
    doc.styles = True
    names = {"title": "GW标题", "h1": "GW一级标题", "h2": "GW二级标题"}
    for it in doc.items:
        if it.table is not None:
            continue
        it.style = names.get(it.role, "GW正文")
        it.font = None
        it.size = None
        it.line = None
        it.before = it.after = None
        if it.role not in ("signature", "date", "recipients", "attach2", "blank"):
            it.align = None
            it.first = None
    return doc


CLEAN_MARKUP = """# 关于开展作风建设专项督查的通知
主送：各党支部：
为深入贯彻公司党委部署要求，推动作风建设走深走实，决定开展专项督查。
## 督查内容
督查作风建设任务落实情况，开展检查12次，完成整改8项。
## 工作要求
### 压实责任
各支部要高度重视，认真组织自查。
### 按时报送
#### 以“问题清单”抓整改。形成工作配档表15份，每月25日前定期调度。
附件：专项督查工作配档表
落款：党群工作部
日期：2023-03-01
"""

CLEAN_TEMPLATES = ("jl-dflz-tongzhi", "zf-jyjl-4gao")


def _wenmi_renders(out: Path) -> list[str]:
    from assistant.compose import sample_workbook
    from assistant.document.markup import parse_markup
    from assistant.render import compose_document, write_output
    from assistant.templating import load_catalog

    names = []
    write_output(parse_markup(CLEAN_MARKUP), out / "clean-wenmi-markup.docx")
    names.append("clean-wenmi-markup.docx")
    catalog = load_catalog()
    for tid in CLEAN_TEMPLATES:
        t = catalog.get(tid)
        write_output(compose_document(sample_workbook(t), t.id).document, out / f"clean-wenmi-{tid}.docx")
        names.append(f"clean-wenmi-{tid}.docx")
    return names


def _roundtrip(src: Path, dest: Path) -> bool:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return False
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        outdir = Path(tmp) / "out"
        cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "docx:MS Word 2007 XML",
               "--outdir", str(outdir), str(src)]
        try:
            subprocess.run(cmd, check=True, capture_output=True, timeout=180)
        except (subprocess.SubprocessError, OSError):
            return False
        made = outdir / src.name
        if not made.exists():
            return False
        shutil.copyfile(made, dest)
    return True


def make(out: Path, office: bool = True) -> dict[str, Any]:
    out.mkdir(parents=True, exist_ok=True)
    key: dict[str, Any] = {"defective": [], "clean": []}
    for case in CASES:
        doc = BASES[case.base]()
        if case.name == "struct-record-not-last":
            doc.items.append(_fmt("body", "（此件公开发布）", "after-record"))
        case.change(doc)
        write(doc, out / f"{case.name}.docx")
        if case.name == "struct-record-not-last":
            _move_record_up(out / f"{case.name}.docx")
        entry: dict[str, Any] = {"file": f"{case.name}.docx", "defects": []}
        for category, note, tag in case.defects:
            assert category in CATEGORIES, category
            entry["defects"].append({"category": category, "note": note, "paragraph": doc.index(tag) if tag else None})
        if case.workbook:
            wb = out / f"{case.workbook}.workbook.yaml"
            wb.write_text(WORKBOOKS[case.workbook], encoding="utf-8")
            entry["workbook"] = wb.name
        key["defective"].append(entry)
    # clean: the bases by hand, one on a document grid with single spacing, one with styles
    for name, make_base in BASES.items():
        doc = make_base()
        write(doc, out / f"clean-hand-{name}.docx")
        key["clean"].append({"file": f"clean-hand-{name}.docx"})
    grid = notice()
    grid.grid = True
    for it in grid.items:
        it.line = ("auto", 1.0)
        it.latin = "仿宋_GB2312"
    write(grid, out / "clean-hand-grid.docx")
    key["clean"].append({"file": "clean-hand-grid.docx"})
    write(styled(plan()), out / "clean-hand-styles.docx")
    key["clean"].append({"file": "clean-hand-styles.docx"})
    summary_wb = out / "summary.workbook.yaml"
    summary_wb.write_text(WORKBOOKS["summary"], encoding="utf-8")
    key["clean"][2]["workbook"] = summary_wb.name  # clean-hand-summary carries every figure
    for name in _wenmi_renders(out):
        key["clean"].append({"file": name})
    if office:
        for src in ("clean-hand-notice.docx", "clean-hand-report.docx", "clean-wenmi-markup.docx"):
            dest = f"clean-libreoffice-{src.removeprefix('clean-')}"
            if _roundtrip(out / src, out / dest):
                key["clean"].append({"file": dest, "roundtrip": True})
    (out / "key.yaml").write_text(yaml.safe_dump(key, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return key


def _move_record_up(path: Path) -> None:
    """Put the last paragraph (the one planted after the 版记) after the 版记 paragraphs, and the
    版记 out of its frame into the text, so that the paragraph does follow it on the page."""
    import docx

    document = docx.Document(str(path))
    body = document.element.body
    paras = [c for c in body if c.tag == _qn("w:p")]
    for frame in list(body.iter(_qn("w:framePr"))):
        frame.getparent().remove(frame)
    planted = next(p for p in paras if "此件公开发布" in "".join(t.text or "" for t in p.iter(_qn("w:t"))))
    body.remove(planted)
    body.insert(list(body).index(body[-1]), planted)  # before sectPr: after the 版记
    document.save(str(path))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--no-office", action="store_true", help="skip the LibreOffice round trips")
    args = ap.parse_args()
    key = make(args.out, office=not args.no_office)
    n = sum(len(e["defects"]) for e in key["defective"])
    print(f"{len(key['defective'])} defective documents, {n} defects, {len(key['clean'])} clean documents -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
