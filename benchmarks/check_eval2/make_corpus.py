"""Write the second `wenmi check` evaluation corpus: office drafts as Word and WPS users make them.

    python benchmarks/check_eval2/make_corpus.py OUT_DIR [--no-office]

The first corpus (benchmarks/check_eval) was written by the author of the rules. This one was
written separately, before looking at the rules, to see whether they generalise. Its documents
follow how real 公文 drafts are made rather than how wenmi writes them:

- several ways of formatting: direct formatting on every run over Word's Chinese defaults
  (宋体 五号, grid of 15.6 pt), a Normal style changed to 仿宋 三号, custom styles, Word's built-in
  Heading and Title styles (changed, or used as they come), Word's own multilevel list numbering,
  a document grid of 22 lines × 28 characters or exact line spacing (28.95 pt or 28 pt);
- the six texts in bases.yaml (notice, request, a 4-page summary with a table, a 3-page plan,
  a bulletin with 版头 and 版记, a letter), typed numbering, 附件说明, 附注, 落款 and 成文日期;
- LibreOffice conversions (`soffice --headless --convert-to docx`) of a flat ODT (.fodt) written
  here and of a Word 97 .doc made from a .docx (skipped with --no-office or without soffice).

key.yaml has the format of benchmarks/check_eval/key.yaml: for every defective document the
planted defects (category, note, paragraph counted from 1 over the body's paragraphs, empty ones
included, tables not; null for page setup, footers and defects that run through the whole text),
and the clean documents. Paragraphs are located in the written file, so LibreOffice conversions
are keyed on their own paragraphs.

The output is the same for the same code: no clock, no randomness.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent

CATEGORIES = (
    "layout", "font", "size", "indent", "spacing", "alignment", "numbering", "punctuation",
    "numbers", "parallelism", "figures", "structure", "header_footer", "pagination",
)  # fmt: skip

FS, FS_WIN, XBS, HEI, KAI, SONG = "仿宋_GB2312", "仿宋", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"
TNR = "Times New Roman"
PITCH = 579  # exact line pitch, twips: 225 mm / 22 lines
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# --- the document model -------------------------------------------------------------------------


@dataclass(eq=False)
class Block:
    """One paragraph (or table) of a draft: its role, text and formatting overrides."""

    role: str
    text: str = ""
    rows: list[list[str]] | None = None
    fmt: dict[str, Any] = field(default_factory=dict)
    runs: list[tuple[str, dict[str, Any]]] | None = None  # text split in runs with their own overrides
    raw_style: str | None = None  # a built-in style used as it comes (python-docx's template)


@dataclass
class Doc:
    blocks: list[Block]
    persona: str = "direct"  # direct | normal | styles | wordheadings | numbering
    page: dict[str, float] = field(default_factory=lambda: {
        "w": 210, "h": 297, "top": 37, "bottom": 35, "left": 28, "right": 26, "gutter": 0})  # fmt: skip
    #: chars: a 22 × 28 document grid | lines579: 22 lines, no character grid | lines: Word's default
    #: 15.6 pt grid | None
    grid: str | None = "chars"
    condense: int = 0  # run character spacing, twips (instead of a character grid)
    line: tuple[str, int] = ("exact", PITCH)
    footer: str = "gbt"
    style_fmt: dict[str, dict[str, Any]] = field(default_factory=dict)  # changes to a role's style
    runin: bool = False  # level-3 headings run into their paragraph

    def of(self, role: str) -> list[Block]:
        return [b for b in self.blocks if b.role == role]

    def find(self, text: str) -> Block:
        hits = [b for b in self.blocks if text in b.text]
        assert len(hits) == 1, (text, len(hits))
        return hits[0]


def _width(text: str) -> float:
    """Width in full-width characters: ASCII counts half."""
    return sum(0.5 if ord(c) < 0x2000 and c not in "×·" else 1.0 for c in text)


def load_base(name: str) -> Doc:
    data = yaml.safe_load((HERE / "bases.yaml").read_text(encoding="utf-8"))[name]
    blocks = []
    for row in data:
        role = row[0]
        if role == "table":
            blocks.append(Block("table", rows=[[str(c) for c in r] for r in row[1]]))
        else:
            blocks.append(Block(role, row[1] if len(row) > 1 else ""))
    return Doc(blocks)


# --- what each role should look like (GB/T 9704-2012) ------------------------------------------------

ROLE_FMT: dict[str, dict[str, Any]] = {
    "organ": {"font": XBS, "size": 36, "align": "center", "first": 0, "color": "FF0000", "line": ("exact", 900)},
    "docno": {"font": FS, "size": 16, "align": "center", "first": 0, "rule": "FF0000"},
    "title": {"font": XBS, "size": 22, "align": "center", "first": 0},
    "recipient": {"font": FS, "size": 16, "align": "both", "first": 0},
    "body": {"font": FS, "size": 16, "align": "both", "first": 2},
    "h1": {"font": HEI, "size": 16, "align": "both", "first": 2, "keep": True},
    "h2": {"font": KAI, "size": 16, "align": "both", "first": 2, "keep": True},
    "h3": {"font": FS, "size": 16, "align": "both", "first": 2, "bold": True, "keep": True},
    "h4": {"font": FS, "size": 16, "align": "both", "first": 2, "keep": True},
    "attach": {"font": FS, "size": 16, "align": "both", "first": 2},
    "attach2": {"font": FS, "size": 16, "align": "both", "first": 0, "left": 5},
    "sign": {"font": FS, "size": 16, "align": "right", "first": 0},
    "date": {"font": FS, "size": 16, "align": "right", "first": 0},
    "note": {"font": FS, "size": 16, "align": "left", "first": 2},
    "blank": {"font": FS, "size": 16, "align": "both", "first": 0},
    "record": {"font": FS, "size": 14, "align": "left", "first": 0},
    "table": {"font": FS, "size": 14, "align": "center", "first": 0, "line": ("exact", 386)},
}


def place_signature(doc: Doc, sealed: bool = False) -> None:
    """Right indents of 署名 and 成文日期 per 7.3.5: unsealed (7.3.5.2) — 署名右空二字, the date's first
    character two to the right of the signature's; sealed style (7.3.5.1) — 日期右空四字, 署名 centred
    over the date."""
    signs, dates = doc.of("sign"), doc.of("date")
    if not signs or not dates:
        return
    sw, dw = _width(signs[0].text), _width(dates[0].text)
    if sealed:
        rd, rs = 4.0, 4.0 + (dw - sw) / 2
    else:
        rs, rd = 2.0, sw - dw
        if rd < 2:
            rd, rs = 2.0, 4.0 + dw - sw
    for b in signs:
        b.fmt.setdefault("right", max(rs, 0))
    for b in dates:
        b.fmt.setdefault("right", max(rd, 0))


def resolved(doc: Doc, block: Block) -> dict[str, Any]:
    """The full formatting a block should end up with: its role's, the document's line spacing,
    changes to the role's style, then the block's own overrides."""
    f = {"latin": TNR, "east": True, "bold": False, "line": doc.line, "before": 0, "after": 0, "right": 0, "left": 0}
    f.update(ROLE_FMT[block.role])
    if block.role == "organ":
        f["line"] = ROLE_FMT["organ"]["line"]
    if block.role == "table":
        f["line"] = ROLE_FMT["table"]["line"]
    f.update(doc.style_fmt.get(block.role, {}))
    f.update(block.fmt)
    return f


# --- docx writing --------------------------------------------------------------------------------


def _q(tag: str) -> str:
    prefix, name = tag.split(":")
    return f"{{{W}}}{name}"


def _el(tag: str, **attrs: Any) -> Any:
    from docx.oxml import OxmlElement

    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(_q("w:" + k), str(v))
    return e


ALIGN = {"center": "center", "both": "both", "left": "left", "right": "right", "distribute": "distribute"}


def ppr_children(f: dict[str, Any], full: bool) -> list[Any]:
    """pPr children, in schema order. With `full`, every property is written; else only those in f."""
    out = []
    if f.get("keep"):
        out.append(_el("w:keepNext"))
    if f.get("numpr") is not None:
        num = _el("w:numPr")
        num.append(_el("w:ilvl", val=f["numpr"][1]))
        num.append(_el("w:numId", val=f["numpr"][0]))
        out.append(num)
    if f.get("rule"):
        bdr = _el("w:pBdr")
        bdr.append(_el("w:bottom", val="single", sz=12, space=4, color=f["rule"]))
        out.append(bdr)
    if f.get("tabs"):
        tabs = _el("w:tabs")
        for kind, pos in f["tabs"]:
            tabs.append(_el("w:tab", val=kind, pos=pos))
        out.append(tabs)
    if full or any(k in f for k in ("line", "before", "after", "after_lines")):
        sp = _el("w:spacing")
        before = f.get("before", 0)
        if full or "before" in f:
            sp.set(_q("w:before"), str(round(before * 20)))
        if "after_lines" in f:
            sp.set(_q("w:afterLines"), str(f["after_lines"]))
            sp.set(_q("w:after"), str(round(f["after_lines"] / 100 * 15.6 * 20)))
        elif full or "after" in f:
            sp.set(_q("w:after"), str(round(f.get("after", 0) * 20)))
        line = f.get("line")
        if line is not None and (full or "line" in f):
            rule, val = line
            sp.set(_q("w:line"), str(val))
            sp.set(_q("w:lineRule"), rule)
        out.append(sp)
    ind_keys = ("first", "first_pt", "left", "right", "hanging")
    if full or any(k in f for k in ind_keys):
        ind = _el("w:ind")
        size_twips = f.get("size", 16) * 20
        if f.get("left"):
            ind.set(_q("w:leftChars"), str(round(f["left"] * 100)))
            ind.set(_q("w:left"), str(round(f["left"] * size_twips)))
        elif full or "left" in f:
            ind.set(_q("w:left"), "0")
        if f.get("right"):
            ind.set(_q("w:rightChars"), str(round(f["right"] * 100)))
            ind.set(_q("w:right"), str(round(f["right"] * size_twips)))
        elif full or "right" in f:
            ind.set(_q("w:right"), "0")
        if f.get("hanging"):
            ind.set(_q("w:hangingChars"), str(round(f["hanging"] * 100)))
            ind.set(_q("w:hanging"), str(round(f["hanging"] * size_twips)))
        elif "first_pt" in f:
            ind.set(_q("w:firstLine"), str(round(f["first_pt"] * 20)))
        elif f.get("first"):
            ind.set(_q("w:firstLineChars"), str(round(f["first"] * 100)))
            ind.set(_q("w:firstLine"), str(round(f["first"] * size_twips)))
        elif full or "first" in f:
            ind.set(_q("w:firstLineChars"), "0")
            ind.set(_q("w:firstLine"), "0")
        out.append(ind)
    if full or "align" in f:
        out.append(_el("w:jc", val=ALIGN[f.get("align", "both")]))
    if f.get("outline") is not None:
        out.append(_el("w:outlineLvl", val=f["outline"]))
    return out


def rpr_children(f: dict[str, Any], full: bool, condense: int = 0) -> list[Any]:
    out = []
    if full or "font" in f or "latin" in f:
        fonts = _el("w:rFonts")
        latin = f.get("latin", TNR) if f.get("east", True) else f.get("font", FS)
        fonts.set(_q("w:ascii"), latin)
        fonts.set(_q("w:hAnsi"), latin)
        if f.get("east", True):
            fonts.set(_q("w:eastAsia"), f.get("font", FS))
            fonts.set(_q("w:hint"), "eastAsia")
        out.append(fonts)
    if f.get("bold"):
        out += [_el("w:b"), _el("w:bCs")]
    elif full or "bold" in f:
        out += [_el("w:b", val=0), _el("w:bCs", val=0)]
    if f.get("color"):
        out.append(_el("w:color", val=f["color"]))
    elif "color" in f:
        out.append(_el("w:color", val="000000"))
    if condense:
        out.append(_el("w:spacing", val=condense))
    if full or "size" in f:
        half = round(f.get("size", 16) * 2)
        out += [_el("w:sz", val=half), _el("w:szCs", val=half)]
    return out


def _add_paragraph(document: Any, doc: Doc, block: Block, style_id: str | None, pf: dict[str, Any],
                   rf: dict[str, Any], full: bool) -> Any:
    """A paragraph with `style_id` and direct formatting pf (paragraph) and rf (runs)."""
    p = document.add_paragraph()
    ppr = p._p.get_or_add_pPr()
    if style_id:
        ppr.append(_el("w:pStyle", val=style_id))
    for c in ppr_children(pf, full):
        ppr.append(c)
    runs = block.runs or [(block.text, {})]
    for text, over in runs:
        if not text:
            continue
        r = p.add_run()
        rpr = r._r.get_or_add_rPr()
        f = {**rf, **over}
        for c in rpr_children(f, full or bool(over), doc.condense if full or over else 0):
            rpr.append(c)
        _put_text(r, text)
    if not block.runs and not block.text and full:
        # an empty paragraph carries its font size in the paragraph mark
        mark = _el("w:rPr")
        for c in rpr_children(rf, True):
            mark.append(c)
        ppr.append(mark)
    return p


def _put_text(run: Any, text: str) -> None:
    parts = text.split("\t")
    for i, part in enumerate(parts):
        if i:
            run._r.append(_el("w:tab"))
        if part:
            t = _el("w:t")
            t.text = part
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            run._r.append(t)


PARA_KEYS = ("size", "align", "first", "first_pt", "left", "right", "hanging", "line", "before", "after", "after_lines",
             "rule", "tabs", "numpr", "keep", "outline")  # fmt: skip
RUN_KEYS = ("font", "latin", "east", "size", "bold", "color")


def _split(f: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    return {k: v for k, v in f.items() if k in PARA_KEYS}, {k: v for k, v in f.items() if k in RUN_KEYS}


STYLE_NAMES = {
    "title": "公文标题", "recipient": "主送机关", "body": "公文正文", "h1": "一级标题", "h2": "二级标题",
    "h3": "三级标题", "h4": "四级标题", "attach": "附件说明", "attach2": "附件说明续", "sign": "发文机关署名",
    "date": "成文日期", "note": "附注", "blank": "公文正文",
}  # fmt: skip
BUILTIN = {"h1": "Heading1", "h2": "Heading2", "h3": "Heading3", "h4": "Heading4", "title": "Title"}


def _style_el(styles: Any, style_id: str) -> Any:
    for s in styles.element.findall(_q("w:style")):
        if s.get(_q("w:styleId")) == style_id:
            return s
    return None


def _restyle(style: Any, f: dict[str, Any], condense: int) -> None:
    """Replace a style's pPr and rPr with f, written in full (what a user does in 修改样式)."""
    for tag in ("w:pPr", "w:rPr"):
        old = style.find(_q(tag))
        if old is not None:
            style.remove(old)
    pf, rf = _split(f)
    ppr, rpr = _el("w:pPr"), _el("w:rPr")
    for c in ppr_children(pf, True):
        ppr.append(c)
    for c in rpr_children(rf, True, condense):
        rpr.append(c)
    style.append(ppr)
    style.append(rpr)


def _new_style(styles: Any, style_id: str, name: str, f: dict[str, Any], condense: int) -> None:
    s = _el("w:style", type="paragraph", customStyle=1, styleId=style_id)
    s.append(_el("w:name", val=name))
    s.append(_el("w:basedOn", val="Normal"))
    s.append(_el("w:qFormat"))
    _restyle(s, f, condense)
    styles.element.append(s)


def _chinese_word_defaults(document: Any) -> None:
    """What a document from Word's Chinese Normal.dotm carries: 五号 宋体 (theme), no space after,
    single spacing, zh-CN, justified Normal, A4 with 2.54/3.17 cm margins."""
    styles = document.styles.element
    defaults = styles.find(_q("w:docDefaults"))
    rpr = defaults.find(_q("w:rPrDefault")).find(_q("w:rPr"))
    rpr.find(_q("w:sz")).set(_q("w:val"), "21")
    rpr.find(_q("w:szCs")).set(_q("w:val"), "22")
    lang = rpr.find(_q("w:lang"))
    lang.set(_q("w:val"), "en-US")
    lang.set(_q("w:eastAsia"), "zh-CN")
    ppr = defaults.find(_q("w:pPrDefault")).find(_q("w:pPr"))
    for c in list(ppr):
        ppr.remove(c)
    normal = _style_el(document.styles, "Normal")
    npr = normal.find(_q("w:pPr"))
    if npr is None:
        npr = _el("w:pPr")
        normal.append(npr)
    npr.append(_el("w:widowControl", val=0))
    npr.append(_el("w:jc", val="both"))
    settings = document.settings.element
    tfl = settings.find(_q("w:themeFontLang"))
    if tfl is not None:
        tfl.set(_q("w:eastAsia"), "zh-CN")


def _page_setup(document: Any, doc: Doc) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    s = document.sections[0]
    pg = doc.page
    if pg.get("landscape"):
        s.orientation = WD_ORIENT.LANDSCAPE
    s.page_width, s.page_height = Mm(pg["w"]), Mm(pg["h"])
    s.top_margin, s.bottom_margin = Mm(pg["top"]), Mm(pg["bottom"])
    s.left_margin, s.right_margin = Mm(pg["left"]), Mm(pg["right"])
    s.gutter = Mm(pg.get("gutter", 0))
    s.header_distance, s.footer_distance = Mm(15), Mm(pg.get("footer", 22 if pg["bottom"] >= 30 else 15))
    sect = s._sectPr
    old = sect.find(_q("w:docGrid"))
    if old is not None:
        sect.remove(old)
    if doc.grid == "chars":
        width_pt = (pg["w"] - pg["left"] - pg["right"] - pg.get("gutter", 0)) / 25.4 * 72
        base = _grid_base(doc)
        char_space = round((width_pt / 28 - base) * 4096)
        sect.append(_el("w:docGrid", type="linesAndChars", linePitch=PITCH, charSpace=char_space))
    elif doc.grid == "lines":
        sect.append(_el("w:docGrid", type="lines", linePitch=312))
    elif doc.grid == "lines579":
        sect.append(_el("w:docGrid", type="lines", linePitch=PITCH))


def _grid_base(doc: Doc) -> float:
    """The size, pt, the character grid counts from: the Normal style's."""
    return 16.0 if doc.persona in ("normal", "styles", "wordheadings", "numbering") else 10.5


def _field_run(para: Any, instr: str, rf: dict[str, Any]) -> None:
    def run() -> Any:
        r = para.add_run()
        rpr = r._r.get_or_add_rPr()
        for c in rpr_children(rf, True):
            rpr.append(c)
        return r

    run()._r.append(_el("w:fldChar", fldCharType="begin"))
    it = _el("w:instrText")
    it.text = f" {instr} "
    it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run()._r.append(it)
    run()._r.append(_el("w:fldChar", fldCharType="separate"))
    r = run()
    _put_text(r, "1")
    run()._r.append(_el("w:fldChar", fldCharType="end"))


def _footer_para(footer: Any, parts: list[str], align: str, size: float, inset: str | None) -> None:
    """A footer paragraph of text pieces and fields ("{PAGE}", "{NUMPAGES}")."""
    footer.is_linked_to_previous = False
    para = footer.paragraphs[0]
    pf = {"align": align, "line": ("auto", 240), "before": 0, "after": 0, "first": 0}
    if inset:
        pf[inset] = 1
    pf["size"] = size
    ppr = para._p.get_or_add_pPr()
    for c in ppr_children(pf, True):
        ppr.append(c)
    rf = {"font": SONG, "latin": SONG, "size": size}
    for part in parts:
        if part.startswith("{"):
            _field_run(para, part.strip("{}"), rf)
        elif part:
            r = para.add_run()
            rpr = r._r.get_or_add_rPr()
            for c in rpr_children(rf, True):
                rpr.append(c)
            _put_text(r, part)


DASH = "\u2014"


def _footers(document: Any, kind: str) -> None:
    s = document.sections[0]
    if kind == "none":
        return
    if kind in ("gbt", "small"):
        size = 14 if kind == "gbt" else 10.5
        document.settings.odd_and_even_pages_header_footer = True
        _footer_para(s.footer, [f"{DASH} ", "{PAGE}", f" {DASH}"], "right", size, "right")
        _footer_para(s.even_page_footer, [f"{DASH} ", "{PAGE}", f" {DASH}"], "left", size, "left")
    elif kind == "center":
        _footer_para(s.footer, [f"{DASH} ", "{PAGE}", f" {DASH}"], "center", 14, None)
    elif kind == "right-all":
        _footer_para(s.footer, [f"{DASH} ", "{PAGE}", f" {DASH}"], "right", 14, "right")
    elif kind == "hyphen":
        _footer_para(s.footer, ["- ", "{PAGE}", " -"], "center", 10.5, None)
    elif kind == "typed":
        _footer_para(s.footer, ["第1页"], "center", 10.5, None)
    elif kind == "page-of":
        _footer_para(s.footer, ["第 ", "{PAGE}", " 页 共 ", "{NUMPAGES}", " 页"], "center", 10.5, None)
    elif kind == "bare":
        document.settings.odd_and_even_pages_header_footer = True
        _footer_para(s.footer, ["{PAGE}"], "right", 14, "right")
        _footer_para(s.even_page_footer, ["{PAGE}"], "left", 14, "left")
    else:
        raise ValueError(kind)


def _add_numbering(document: Any) -> int:
    """A Word multilevel list: 一、 （一） 1. （1）, numbers separated by nothing, indented like text."""
    numbering = document.part.numbering_part.element
    abstract = _el("w:abstractNum", abstractNumId=7)
    abstract.append(_el("w:multiLevelType", val="multilevel"))
    forms = [("chineseCounting", "%1、", HEI), ("chineseCounting", "（%2）", KAI), ("decimal", "%3.", FS),
             ("decimal", "（%4）", FS)]  # fmt: skip
    for lvl, (fmt, text, font) in enumerate(forms):
        el = _el("w:lvl", ilvl=lvl)
        el.append(_el("w:start", val=1))
        el.append(_el("w:numFmt", val=fmt))
        if lvl:
            el.append(_el("w:lvlRestart", val=lvl))
        el.append(_el("w:suff", val="nothing"))
        el.append(_el("w:lvlText", val=text))
        el.append(_el("w:lvlJc", val="left"))
        ppr = _el("w:pPr")
        ppr.append(_el("w:ind", left=0, firstLine=640, firstLineChars=200))
        el.append(ppr)
        rpr = _el("w:rPr")
        for c in rpr_children({"font": font, "size": 16}, True):
            rpr.append(c)
        el.append(rpr)
        abstract.append(el)
    first_num = numbering.find(_q("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = _el("w:num", numId=7)
    num.append(_el("w:abstractNumId", val=7))
    numbering.append(num)
    return 7


def _strip_number(text: str) -> str:
    """The heading without its typed number (一、 （一） 1. （1）)."""
    import re

    return re.sub(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.|（\d+）)", "", text)


def _add_table(document: Any, doc: Doc, block: Block) -> None:
    from docx.shared import Mm

    rows = block.rows or []
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = document.styles["Table Grid"]
    width = doc.page["w"] - doc.page["left"] - doc.page["right"]
    tblpr = table._tbl.tblPr
    for old in tblpr.findall(_q("w:tblW")):
        tblpr.remove(old)
    tblpr.append(_el("w:tblW", w=round(width / 25.4 * 1440), type="dxa"))
    tblpr.append(_el("w:jc", val="center"))
    col = Mm(width / len(rows[0]))
    grid = table._tbl.tblGrid
    for gc in grid.findall(_q("w:gridCol")):
        gc.set(_q("w:w"), str(round(width / len(rows[0]) / 25.4 * 1440)))
    f = resolved(doc, block)
    pf, rf = _split(f)
    for i, row in enumerate(rows):
        tr = table.rows[i]
        if i == 0:
            trpr = tr._tr.get_or_add_trPr()
            trpr.append(_el("w:tblHeader"))
        for j, text in enumerate(row):
            cell = tr.cells[j]
            cell.width = col
            para = cell.paragraphs[0]
            ppr = para._p.get_or_add_pPr()
            for c in ppr_children({**pf, "first": 0}, True):
                ppr.append(c)
            r = para.add_run()
            rpr = r._r.get_or_add_rPr()
            for c in rpr_children({**rf, "font": HEI if i == 0 else rf.get("font", FS)}, True):
                rpr.append(c)
            _put_text(r, text)


def _add_record(document: Any, doc: Doc, lines: list[Block]) -> None:
    """版记: a one-column table with rules above, between and below, 4号 text one character in."""
    from docx.shared import Mm

    width = doc.page["w"] - doc.page["left"] - doc.page["right"]
    table = document.add_table(rows=len(lines), cols=1)
    tblpr = table._tbl.tblPr
    tblpr.append(_el("w:tblW", w=round(width / 25.4 * 1440), type="dxa"))
    borders = _el("w:tblBorders")
    borders.append(_el("w:top", val="single", sz=8, space=0, color="000000"))
    borders.append(_el("w:left", val="nil"))
    borders.append(_el("w:bottom", val="single", sz=8, space=0, color="000000"))
    borders.append(_el("w:right", val="nil"))
    borders.append(_el("w:insideH", val="single", sz=6, space=0, color="000000"))
    borders.append(_el("w:insideV", val="nil"))
    tblpr.append(borders)
    for gc in table._tbl.tblGrid.findall(_q("w:gridCol")):
        gc.set(_q("w:w"), str(round(width / 25.4 * 1440)))
    for i, block in enumerate(lines):
        f = resolved(doc, block)
        cell = table.rows[i].cells[0]
        cell.width = Mm(width)
        para = cell.paragraphs[0]
        text = block.text
        tabs = None
        if "　　" in text:  # organ and date of printing: date flush right on a tab
            left, _, right = text.partition("　　")
            text = left + "\t" + right.strip("　")
            tabs = [("right", round((width / 25.4 * 72 - 14) * 20))]
        pf = {**_split(f)[0], "left": 1, "right": 1, "first": 0, "line": ("exact", 560), "size": 14}
        if tabs:
            pf["tabs"] = tabs
        ppr = para._p.get_or_add_pPr()
        for c in ppr_children(pf, True):
            ppr.append(c)
        r = para.add_run()
        rpr = r._r.get_or_add_rPr()
        for c in rpr_children(_split(f)[1], True):
            rpr.append(c)
        _put_text(r, text)


def write_docx(doc: Doc, path: Path) -> list[int]:
    """Write `doc`; returns, for every block, its paragraph number (1-based) or 0 for tables."""
    import docx

    document = docx.Document()
    _chinese_word_defaults(document)
    _page_setup(document, doc)
    styles = document.styles
    condense = doc.condense
    style_of: dict[str, str] = {}
    if doc.persona in ("normal", "styles", "wordheadings", "numbering"):
        normal_f = resolved(doc, Block("body"))
        normal_f.pop("color", None)
        _restyle(_style_el(styles, "Normal"), normal_f, condense)
        style_of["body"] = style_of["blank"] = "Normal"
    if doc.persona == "styles":
        for role, name in STYLE_NAMES.items():
            if role in ("blank", "body"):
                continue
            sid = f"GW{role}"
            f = {**ROLE_FMT[role], "line": doc.line, "before": 0, "after": 0, **doc.style_fmt.get(role, {})}
            _new_style(styles, sid, name, f, condense)
            style_of[role] = sid
    if doc.persona == "wordheadings":
        for role, sid in BUILTIN.items():
            f = {**ROLE_FMT[role], "line": doc.line, "before": 0, "after": 0, "color": "auto",
                 "outline": {"h1": 0, "h2": 1, "h3": 2, "h4": 3}.get(role), **doc.style_fmt.get(role, {})}  # fmt: skip
            el = _style_el(styles, sid)
            if el is None:
                continue
            _restyle(el, f, condense)
            style_of[role] = sid
    numbering_id = _add_numbering(document) if doc.persona == "numbering" else None
    index: list[int] = []
    n = 0
    records = [b for b in doc.blocks if b.role == "record"]
    for block in doc.blocks:
        if block.role == "pagebreak":
            p = document.add_paragraph()
            r = p.add_run()
            r._r.append(_el("w:br", type="page"))
            n += 1
            index.append(n)
            continue
        if block.role == "table":
            _add_table(document, doc, block)
            index.append(0)
            continue
        if block.role == "record":
            if block is records[0]:
                _add_record(document, doc, records)
            index.append(0)
            continue
        f = resolved(doc, block)
        style_id = block.raw_style or style_of.get(block.role)
        if numbering_id and block.role in ("h1", "h2", "h3", "h4") and not block.fmt.get("typed"):
            level = int(block.role[1]) - 1
            block_over = {"numpr": (numbering_id, level)}
            text = _strip_number(block.text)
            style_block = Block(block.role, text, fmt=block.fmt, runs=block.runs)
            pf, rf = _split({**f, **block_over})
            _add_paragraph(document, doc, style_block, None, pf, rf, True)
        elif block.raw_style:
            # a built-in style as it comes, with only the face (and what the case sets) on the runs
            pf, rf = _split(block.fmt)
            _add_paragraph(document, doc, block, style_id, pf, {"font": f["font"], **rf}, False)
        elif style_id:
            over = dict(block.fmt)
            pf, rf = _split(over)
            _add_paragraph(document, doc, block, style_id, pf, rf, False)
        else:
            pf, rf = _split(f)
            _add_paragraph(document, doc, block, None, pf, rf, True)
        n += 1
        index.append(n)
    _footers(document, doc.footer)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return index


# --- flat ODT writing (LibreOffice's own format), converted to .docx by soffice ----------------------------


#: Height LibreOffice gives the footer (7 mm gap and a 4号 line): the page's bottom margin less this
#: is the margin that leaves the text block 35 mm above the page's edge.
FODT_FOOTER_MM = 14.2


def write_fodt(doc: Doc, path: Path) -> None:
    """A flat ODT as a LibreOffice Writer user would set it up: paragraph styles per part, fixed
    28.95 pt lines, characters condensed so that 28 fit a line, odd and even footers."""
    from xml.sax.saxutils import escape

    pg = doc.page
    cm = lambda mm: f"{mm / 10:.3f}cm"  # noqa: E731
    pt = lambda v: f"{v}pt"  # noqa: E731
    line = doc.line[1] / 20
    styles = []
    for role in ("title", "recipient", "body", "h1", "h2", "h3", "h4", "attach", "attach2", "sign", "date", "note",
                 "blank"):  # fmt: skip
        f = resolved(doc, doc.of(role)[0] if role in ("sign", "date") and doc.of(role) else Block(role))
        size = f["size"]
        align = {"both": "justify", "center": "center", "left": "start", "right": "end"}[f["align"]]
        indent = f"{f.get('first', 0) * size}pt"
        margin_right = f"{f.get('right', 0) * size}pt"
        margin_left = f"{f.get('left', 0) * size}pt"
        weight = ' fo:font-weight="bold" style:font-weight-asian="bold"' if f.get("bold") else ""
        spacing = f"{doc.condense / 20}pt"
        keep = ' fo:keep-with-next="always"' if f.get("keep") else ""
        styles.append(
            f'<style:style style:name="GW_{role}" style:family="paragraph" style:parent-style-name="Standard">'
            f'<style:paragraph-properties fo:text-align="{align}" fo:text-indent="{indent}" '
            f'fo:margin-left="{margin_left}" fo:margin-right="{margin_right}" fo:margin-top="0pt" fo:margin-bottom="0pt" '
            f'fo:line-height="{pt(line)}"{keep}/>'
            f'<style:text-properties style:font-name="{TNR}" style:font-name-asian="{f["font"]}" fo:font-size="{pt(size)}" '
            f'style:font-size-asian="{pt(size)}" fo:letter-spacing="{spacing}"{weight}/></style:style>'
        )
    body = []
    for block in doc.blocks:
        if block.role == "table":
            rows = block.rows or []
            body.append('<table:table table:name="T1" table:style-name="Tab">'
                        f'<table:table-column table:number-columns-repeated="{len(rows[0])}"/>')
            for row in rows:
                body.append("<table:table-row>" + "".join(
                    f'<table:table-cell office:value-type="string" table:style-name="Cell"><text:p text:style-name="GW_cell">{escape(c)}</text:p></table:table-cell>'
                    for c in row) + "</table:table-row>")  # fmt: skip
            body.append("</table:table>")
            continue
        body.append(f'<text:p text:style-name="GW_{block.role}">{escape(block.text)}</text:p>')
    size_cell = 14
    footer = (f'<text:p text:style-name="Footer_odd">{DASH} <text:page-number text:select-page="current">1</text:page-number> {DASH}</text:p>')
    footer_left = (f'<text:p text:style-name="Footer_even">{DASH} <text:page-number text:select-page="current">2</text:page-number> {DASH}</text:p>')
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="{TNR}" svg:font-family="&apos;{TNR}&apos;" style:font-family-generic="roman"/>
 <style:font-face style:name="{FS}" svg:font-family="{FS}"/>
 <style:font-face style:name="{XBS}" svg:font-family="{XBS}"/>
 <style:font-face style:name="{HEI}" svg:font-family="{HEI}"/>
 <style:font-face style:name="{KAI}" svg:font-family="{KAI}"/>
 <style:font-face style:name="{SONG}" svg:font-family="{SONG}"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph"><style:text-properties style:font-name="{TNR}" style:font-name-asian="{FS}" fo:font-size="16pt" style:font-size-asian="16pt" fo:language="zh" fo:country="CN" style:language-asian="zh" style:country-asian="CN"/></style:default-style>
 <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
 {''.join(styles)}
 <style:style style:name="GW_cell" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="center" fo:line-height="{size_cell * 1.4}pt"/><style:text-properties style:font-name-asian="{FS}" fo:font-size="{size_cell}pt" style:font-size-asian="{size_cell}pt"/></style:style>
 <style:style style:name="Footer_odd" style:family="paragraph"><style:paragraph-properties fo:text-align="end" fo:margin-right="14pt"/><style:text-properties style:font-name="{SONG}" style:font-name-asian="{SONG}" fo:font-size="14pt" style:font-size-asian="14pt"/></style:style>
 <style:style style:name="Footer_even" style:family="paragraph"><style:paragraph-properties fo:text-align="start" fo:margin-left="14pt"/><style:text-properties style:font-name="{SONG}" style:font-name-asian="{SONG}" fo:font-size="14pt" style:font-size-asian="14pt"/></style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="PL"><style:page-layout-properties fo:page-width="{cm(pg['w'])}" fo:page-height="{cm(pg['h'])}" style:print-orientation="portrait"
   fo:margin-top="{cm(pg['top'])}" fo:margin-bottom="{cm(max(pg['bottom'] - FODT_FOOTER_MM, 5))}" fo:margin-left="{cm(pg['left'])}" fo:margin-right="{cm(pg['right'])}"/>
  <style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="{cm(7)}"/></style:footer-style></style:page-layout>
 <style:style style:name="Tab" style:family="table"><style:table-properties style:width="{cm(pg['w'] - pg['left'] - pg['right'])}" table:align="center"/></style:style>
 <style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.1cm"/></style:style>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="PL"><style:footer>{footer}</style:footer><style:footer-left>{footer_left}</style:footer-left></style:master-page>
</office:master-styles>
<office:body><office:text>
{''.join(body)}
</office:text></office:body></office:document>
"""
    path.write_text(xml, encoding="utf-8")


# --- LibreOffice conversions ------------------------------------------------------------------------


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(src: Path, fmt: str, outdir: Path) -> Path | None:
    """`soffice --headless --convert-to FMT`, in a profile of its own (other soffice processes may run)."""
    exe = _soffice()
    if exe is None:
        return None
    with tempfile.TemporaryDirectory(prefix="wenmi-ce2-lo-") as profile:
        cmd = [exe, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--convert-to", fmt,
               "--outdir", str(outdir), str(src)]  # fmt: skip
        try:
            subprocess.run(cmd, check=True, capture_output=True, timeout=240)
        except (subprocess.SubprocessError, OSError):
            return None
    out = outdir / (src.stem + "." + fmt.split(":")[0])
    return out if out.exists() else None


# --- changes (planted defects) ----------------------------------------------------------------------

Defect = tuple[str, str, "Block | None"]  # category, note, block whose paragraph holds it (None: no paragraph)


def _sel(doc: Doc, sel: str | tuple[str, int]) -> Block:
    if isinstance(sel, tuple):
        return doc.of(sel[0])[sel[1]]
    return doc.find(sel)


def on_all(role: str, cat: str, note: str, **f: Any) -> Callable[[Doc], list[Defect]]:
    """The whole role looks wrong (style changed, or every paragraph formatted the same way)."""

    def change(doc: Doc) -> list[Defect]:
        if doc.persona == "direct":
            for b in doc.of(role):
                b.fmt.update(f)
            if role == "body":
                for b in doc.of("blank"):
                    b.fmt.update({k: v for k, v in f.items() if k in ("size", "line")})
        else:  # the user changed the style (Normal for the body)
            doc.style_fmt.setdefault(role, {}).update(f)
            if role == "body":
                doc.style_fmt.setdefault("blank", {}).update({k: v for k, v in f.items() if k in ("size", "line")})
        return [(cat, note, None)]

    return change


def on(sel: str | tuple[str, int], cat: str, note: str, **f: Any) -> Callable[[Doc], list[Defect]]:
    def change(doc: Doc) -> list[Defect]:
        b = _sel(doc, sel)
        b.fmt.update(f)
        return [(cat, note, b)]

    return change


def text(sel: str | tuple[str, int], old: str, new: str, cat: str | None, note: str = "",
         anchored: bool = True) -> Callable[[Doc], list[Defect]]:  # fmt: skip
    def change(doc: Doc) -> list[Defect]:
        b = _sel(doc, sel)
        assert old in b.text, (old, b.text)
        b.text = b.text.replace(old, new, 1)
        return [(cat, note, b if anchored else None)] if cat else []

    return change


def texts(role: str, fn: Callable[[str], str], cat: str, note: str) -> Callable[[Doc], list[Defect]]:
    def change(doc: Doc) -> list[Defect]:
        for b in doc.of(role):
            b.text = fn(b.text)
        return [(cat, note, None)]

    return change


def setpage(cat: str, note: str, **kw: Any) -> Callable[[Doc], list[Defect]]:
    def change(doc: Doc) -> list[Defect]:
        doc.page.update(kw)
        return [(cat, note, None)]

    return change


def setdoc(cat: str | None, note: str, **kw: Any) -> Callable[[Doc], list[Defect]]:
    def change(doc: Doc) -> list[Defect]:
        for k, v in kw.items():
            setattr(doc, k, v)
        return [(cat, note, None)] if cat else []

    return change


def move(sel: str | tuple[str, int], after: str | tuple[str, int], cat: str, note: str,
         anchored: bool = True) -> Callable[[Doc], list[Defect]]:  # fmt: skip
    def change(doc: Doc) -> list[Defect]:
        b = _sel(doc, sel)
        target = _sel(doc, after)
        doc.blocks.remove(b)
        doc.blocks.insert(doc.blocks.index(target) + 1, b)
        return [(cat, note, b if anchored else None)]

    return change


def drop(sel: str | tuple[str, int], cat: str, note: str) -> Callable[[Doc], list[Defect]]:
    def change(doc: Doc) -> list[Defect]:
        doc.blocks.remove(_sel(doc, sel))
        return [(cat, note, None)]

    return change


def quiet(fn: Callable[[Doc], Any]) -> Callable[[Doc], list[Defect]]:
    """A change that plants nothing (a legitimate variation of the draft)."""

    def change(doc: Doc) -> list[Defect]:
        fn(doc)
        return []

    return change


def split_runs(sel: str | tuple[str, int], at: int, over: dict[str, Any], cat: str, note: str,
               extra: list[tuple[str, str]] = ()) -> Callable[[Doc], list[Defect]]:  # fmt: skip
    """The paragraph's text from character `at` on in a run of its own with `over` (pasted text)."""

    def change(doc: Doc) -> list[Defect]:
        b = _sel(doc, sel)
        b.runs = [(b.text[:at], {}), (b.text[at:], over)]
        return [(cat, note, b)] + [(c, n, b) for c, n in extra]

    return change


def pad_to_line(sel: str | tuple[str, int], target: int, cat: str, note: str,
                    anchored: bool = True) -> Callable[[Doc], list[Defect]]:  # fmt: skip
    """Lengthen the body paragraph before `sel` so that `sel` starts on line `target` (0-21) of its
    page. Counts lines as Word does on a 22 × 28 grid."""

    def change(doc: Doc) -> list[Defect]:
        b = _sel(doc, sel)
        i = doc.blocks.index(b)
        prev = next(x for x in reversed(doc.blocks[:i]) if x.role == "body")
        base = prev.text
        now = lines_before(doc, b)
        goal = now // 22 * 22 + target
        if goal <= now:
            goal += 22
        for _ in range(2):
            # sentences in a fixed order; the first set that puts `sel` on the goal line wins
            for k in range(1, 2 ** len(FILLER)):
                prev.text = base + "".join(t for j, t in enumerate(FILLER) if k >> j & 1)
                # where Word and LibreOffice agree (they hang a closing mark differently)
                if lines_before(doc, b) == goal and lines_before(doc, b, "lo") == goal:
                    return [(cat, note, b if anchored else None)]
            goal += 22
        raise AssertionError("could not place " + b.text)

    return change


#: Sentences a drafter adds to a paragraph (used to move what follows down the page).
FILLER = (
    "各单位要结合实际，细化工作措施，明确责任分工，确保各项任务按时保质完成。",
    "对工作中遇到的新情况、新问题，要及时研究解决，重大事项及时请示报告。",
    "要加强宣传引导，及时总结推广好的经验做法。",
    "要坚持统筹兼顾，把这项工作与日常管理工作紧密结合起来，做到两手抓、两不误。",
    "公司将适时组织督导检查。",
    "各单位主要负责人是第一责任人，要亲自研究部署，切实履行职责，层层传导压力。",
    "要建立健全工作台账，做到底数清、情况明。",
    "要把这项工作作为检验干部作风和能力的重要内容，坚持高标准、严要求，以钉钉子精神抓好各项任务落实，"
    "以实际成效取信于职工群众。",
    "要注重发挥基层党组织战斗堡垒作用和党员先锋模范作用，引导广大职工积极参与、主动作为，形成上下联动、"
    "齐抓共管的工作格局。",
    "要及时总结工作中的好经验、好做法，加强典型选树和宣传推广，以点带面推动整体工作水平不断提升。",
    "要严格落实请示报告制度，工作推进中的重要情况和重大问题要第一时间报告，不得迟报、漏报、瞒报。",
    "要强化督促检查，建立任务清单、责任清单和问题清单，实行销号管理，对推进缓慢、措施不力的要及时提醒、"
    "限期改正，确保各项工作按计划推进。",
    "要坚持问题导向，聚焦职工群众反映强烈的突出问题，拿出切实管用的措施办法，做到件件有着落、事事有回音。",
)


#: Advance of ASCII characters in Times New Roman, in em.
_LATIN_EM = {".": 0.25, ",": 0.25, ":": 0.278, ";": 0.278, "%": 0.833, "-": 0.333, "(": 0.333, ")": 0.333, " ": 0.25}
_NO_START = set("，。、；：？！）”》…—")
_NO_END = set("“（《")


def lines_of(doc: Doc, block: Block, suite: str = "word") -> int:
    """Lines a paragraph takes: fills lines character by character as Word and LibreOffice do, with
    ASCII words kept whole and no closing mark at the start of a line. A closing mark that does
    not fit hangs in the margin; in LibreOffice ("lo"), one glued to a number (100%。) goes down
    with the number instead."""
    if block.role in ("blank", "pagebreak"):
        return 1
    if block.role == "table":
        return 2 * len(block.rows or [])  # rows of 4号 text on 2/3 pitch plus padding, roughly
    f = resolved(doc, block)
    size, cond = f["size"], doc.condense / 20
    width_pt = (doc.page["w"] - doc.page["left"] - doc.page["right"] - doc.page.get("gutter", 0)) / 25.4 * 72
    usable = width_pt - (f.get("left", 0) + f.get("right", 0)) * size
    tokens: list[tuple[str, float]] = []
    for c in block.text:
        if ord(c) < 0x2000 and tokens and ord(tokens[-1][0][-1]) < 0x2000 and c != " ":
            tokens[-1] = (tokens[-1][0] + c, tokens[-1][1] + size * _LATIN_EM.get(c, 0.5) + cond)
        elif ord(c) < 0x2000:
            tokens.append((c, size * _LATIN_EM.get(c, 0.5) + cond))
        else:
            tokens.append((c, size + cond))
    # Word and LibreOffice add space between Chinese and Latin text (autoSpaceDE): about 1/4 em
    for k in range(len(tokens) - 1, 0, -1):
        x, y = tokens[k - 1][0][-1], tokens[k][0][0]
        if (ord(x) < 0x2000) != (ord(y) < 0x2000) and (x + y).strip() and not set(x + y) & (_NO_START | _NO_END):
            tokens[k] = (tokens[k][0], tokens[k][1] + size * 0.25)
    lines, used, cap = 1, 0.0, usable - f.get("first", 0) * size
    line: list[tuple[str, float]] = []
    for tok, w in tokens:
        if used + w > cap + 0.01:
            glued = suite == "lo" and line and line[-1][0][-1].isascii() and line[-1][0][-1].isalnum() or \
                line and line[-1][0][-1].isascii() and line[-1][0][-1] == "%" and suite == "lo"
            if tok[0] in _NO_START and not (line and line[-1][0][-1] in _NO_START) and not glued:
                line.append((tok, 0.0))  # a closing mark hangs in the margin
                continue
            carry: list[tuple[str, float]] = []
            if tok[0] in _NO_START and glued:
                carry = [line.pop()]
            while line and line[-1][0][-1] in _NO_END:
                carry.insert(0, line.pop())
            lines += 1
            cap = usable
            line = carry
            used = sum(x[1] for x in carry)
        line.append((tok, w))
        used += w
    return lines


def lines_before(doc: Doc, block: Block, suite: str = "word") -> int:
    """Where `block` starts, counted in lines from the top of page 1. A heading kept with the next
    paragraph does not stay on the last line of a page."""
    pos = 0
    for b in doc.blocks[: doc.blocks.index(block)]:
        if b.role.startswith("h") and resolved(doc, b).get("keep") and pos % 22 == 21:
            pos += 1
        pos += lines_of(doc, b, suite)
    return pos


# --- the cases ---------------------------------------------------------------------------------


@dataclass
class Case:
    name: str
    base: str
    persona: str
    changes: list[Callable[[Doc], list[Defect]]]
    workbook: str | None = None
    via: str | None = None  # "fodt": written as flat ODT and converted; "doc": docx -> .doc -> docx
    sealed: bool = False


def _h1_dot(t: str) -> str:
    return t.replace("、", ".", 1)


def _h2_half(t: str) -> str:
    return t.replace("（", "(", 1).replace("）", ")", 1)


def _h3_dun(t: str) -> str:
    return t.replace(".", "、", 1)


def _h4_dun(t: str) -> str:
    return t.replace("）", "）、", 1)


SPACES = "\u3000\u3000"

CASES: list[Case] = [
    # --- a lazy draft on Word's defaults --------------------------------------------------------
    Case("notice-word-margins-typed-page", "notice", "direct", [
        setpage("layout", "Word 默认页边距 25.4/25.4/31.8/31.8 mm", top=25.4, bottom=25.4, left=31.8, right=31.8),
        setdoc("header_footer", "页码是打上去的“第1页”", footer="typed"),
    ]),
    Case("notice-normal-songti-dotted-date", "notice", "normal", [
        on_all("body", "font", "正文（Normal 样式）为宋体", font=SONG),
        text("报送安全环保部", "2024年4月3日", "2024.4.3", "numbers", "日期写成 2024.4.3"),
    ]),
    Case("notice-space-indent-centred-h1", "notice", "direct", [
        quiet(lambda d: [b.fmt.update(first=0) or setattr(b, "text", SPACES + b.text) for b in d.of("body")]),
        setdoc("indent", "正文用两个全角空格代替首行缩进"),
        on_all("h1", "alignment", "一级标题居中", align="center", first=0),
    ]),
    Case("notice-h1-dot", "notice", "direct", [texts("h1", _h1_dot, "numbering", "一级标题写成“一.”")]),
    Case("notice-h2-half-brackets", "notice", "normal", [texts("h2", _h2_half, "numbering", "二级标题用半角括号“(一)”")]),
    Case("plan-h3-dunhao", "plan", "direct", [texts("h3", _h3_dun, "numbering", "三级标题写成“1、”")]),
    Case("plan-h4-paren-dunhao", "plan", "normal", [texts("h4", _h4_dun, "numbering", "四级标题写成“（1）、”")]),
    Case("notice-skipped-level", "notice", "direct", [
        text("（一）加强组织领导", "（一）", "1.", "numbering", "一级标题“三、”下直接用“1.”，跳过“（一）”"),
        text("（二）强化问题整改", "（二）", "2.", None),
        text("（三）按时报送材料", "（三）", "3.", None),
        quiet(lambda d: [b.fmt.update(font=FS) for b in d.blocks if b.text[:2] in ("1.", "2.", "3.") and b.role == "h2"]),
    ]),
    Case("summary-h1-repeated-number", "summary", "normal", [
        text("四、坚持融合发展", "四、", "三、", "numbering", "一级标题序号重复（两个“三、”）"),
        text("五、2024年工作打算", "五、", "四、", None),
    ]),
    Case("summary-h2-not-restarted", "summary", "direct", [
        text("（一）推进支部标准化建设", "（一）", "（四）", "numbering", "新的一级标题下二级序号未从（一）重新开始"),
        text("（二）加强干部人才队伍建设", "（二）", "（五）", None),
    ]),
    Case("request-ascii-quotes-comma", "request", "normal", [
        text("“人才强企”", "“人才强企”", '"人才强企"', "punctuation", "英文双引号"),
        text("8个工种的培训班", "培训班12期，", "培训班12期,", "punctuation", "中文中的半角逗号"),
    ]),
    Case("plan-half-brackets-in-text", "plan", "direct", [
        text("（二）组织实施阶段", "（2024年4月至10月）", "(2024年4月至10月)", "punctuation", "标题中的半角括号"),
        text("领导小组办公室设在", "质量管理部，负责", "质量管理部,负责", "punctuation", "半角逗号"),
    ]),
    Case("letter-doubled-ascii-ellipsis", "letter", "direct", [
        text("疗休养期间", "结算。", "结算。。", "punctuation", "重复句号"),
        text("贵中心环境优美", "服务周到，", "服务周到...", "punctuation", "半角省略号"),
    ]),
    Case("notice-chinese-date-dashed", "notice", "direct", [
        text(("date", 0), "2024年2月26日", "二〇二四年二月二十六日", "numbers", "成文日期用汉字"),
        text("自查自改阶段", "3月1日至3月10日", "2024-03-01至2024-03-10", "numbers", "日期写成 2024-03-01"),
    ]),
    Case("bulletin-zero-padded-short-year", "bulletin", "direct", [
        text(("date", 0), "2023年10月8日", "2023年10月08日", "numbers", "成文日期月日补零"),
        text("组织4个检查组", "2023年9月11日", "23年9月11日", "numbers", "年份简写为“23年”"),
    ]),
    Case("summary-fullwidth-digits", "summary", "normal", [
        text("严格落实“第一议题”", "31次", "３１次", "numbers", "全角数字"),
        text(("title", 0), "2023", "２０２３", "numbers", "标题中的全角数字"),
    ]),
    Case("request-impossible-date", "request", "direct", [
        text(("date", 0), "2024年3月8日", "2024年2月30日", "numbers", "不存在的日期 2月30日"),
    ]),
    Case("notice-title-song-bold-18", "notice", "direct", [
        on(("title", 0), "font", "标题宋体加粗", font=SONG, bold=True),
        on(("title", 0), "size", "标题小二（18 磅）", size=18),
    ]),
    Case("plan-title-hei-left", "plan", "normal", [
        on(("title", 0), "font", "标题黑体", font=HEI),
        on(("title", 0), "alignment", "标题左对齐", align="left"),
    ]),
    Case("summary-body-15-h1-18", "summary", "direct", [
        on_all("body", "size", "正文小三（15 磅）", size=15),
        on_all("h1", "size", "一级标题小二（18 磅）", size=18),
    ]),
    Case("letter-body-14", "letter", "normal", [on_all("body", "size", "正文四号（14 磅）", size=14)]),
    Case("notice-pasted-web-paragraph", "notice", "direct", [
        split_runs("重点检查危险化学品", 0, {"font": SONG, "latin": SONG, "size": 12}, "font", "从网页粘贴的一段：宋体",
                   extra=[("size", "从网页粘贴的一段：小四（12 磅）")]),
    ]),
    Case("summary-east-asia-missing", "summary", "direct", [
        split_runs("严格党员发展程序", 20, {"east": False}, "font", "后半段只设了西文字体，中文落到默认的宋体"),
    ]),
    Case("summary-heading-faces", "summary", "direct", [
        on_all("h1", "font", "一级标题用仿宋加粗", font=FS, bold=True),
        on_all("h2", "font", "二级标题用黑体", font=HEI),
    ]),
    Case("plan-h2-fangsong", "plan", "styles", [on_all("h2", "font", "二级标题样式为仿宋（应为楷体）", font=FS)]),
    Case("notice-raw-heading1", "notice", "direct", [
        quiet(lambda d: [setattr(b, "raw_style", "Heading1") or b.fmt.update(font=HEI, size=16) for b in d.of("h1")]),
        setdoc("spacing", "一级标题用 Word 自带“标题 1”：段前 24 磅"),
        setdoc("font", "一级标题用 Word 自带“标题 1”：蓝色"),
        setdoc("indent", "一级标题用 Word 自带“标题 1”：无首行缩进"),
    ]),
    Case("plan-raw-title-style", "plan", "direct", [
        quiet(lambda d: [setattr(b, "raw_style", "Title") or b.fmt.update(font=XBS) for b in d.of("title")]),
        lambda d: [(c, "标题用 Word 自带“标题”样式：" + n, d.of("title")[0]) for c, n in (
            ("size", "26 磅"), ("alignment", "未居中"), ("font", "深蓝色"), ("spacing", "段后 15 磅"))],
    ]),
    Case("request-word-grid-single", "request", "direct", [
        setdoc("spacing", "单倍行距落在 Word 默认的 15.6 磅网格上（每页约 20 行）", line=("auto", 240), grid="lines"),
    ]),
    Case("letter-one-and-half", "letter", "direct", [
        setdoc("spacing", "1.5 倍行距，无网格", line=("auto", 360), grid=None, condense=-5),
    ]),
    Case("notice-exact-30", "notice", "normal", [setdoc("spacing", "固定值 30 磅（每页 21 行）", line=("exact", 600))]),
    Case("summary-space-after-half-line", "summary", "normal", [
        on_all("body", "spacing", "正文段后 0.5 行", after_lines=50),
    ]),
    Case("notice-recipient-indent-attach-flush", "notice", "direct", [
        on(("recipient", 0), "indent", "主送机关首行缩进 2 字", first=2),
        on(("attach", 0), "indent", "附件说明顶格", first=0),
    ]),
    Case("plan-no-indent-left", "plan", "direct", [
        on_all("body", "indent", "正文无首行缩进", first=0),
        on_all("body", "alignment", "正文左对齐", align="left"),
    ]),
    Case("request-tab-indent", "request", "direct", [
        quiet(lambda d: [b.fmt.update(first=0) or setattr(b, "text", "\t" + b.text) for b in d.of("body")]),
        setdoc("indent", "正文用制表符缩进"),
    ]),
    Case("summary-left-indent", "summary", "normal", [
        on_all("body", "indent", "正文整段左缩进 2 字（不是首行缩进）", first=0, left=2),
    ]),
    Case("notice-signature-by-spaces", "notice", "direct", [
        quiet(lambda d: [b.fmt.update(align="left", right=0) for b in d.of("sign") + d.of("date")]),
        text(("sign", 0), "安全环保部", "\u3000" * 20 + "安全环保部", "alignment", "用空格把落款推到右边，位置不对"),
        text(("date", 0), "2024年2月26日", "\u3000" * 20 + "2024年2月26日", None),
    ]),
    Case("bulletin-signature-centred", "bulletin", "direct", [
        on(("sign", 0), "alignment", "署名居中", align="center", right=0),
        on(("date", 0), "alignment", "成文日期居中", align="center", right=0),
    ]),
    Case("summary-date-flush-right", "summary", "direct", [
        on(("sign", 0), "alignment", "署名右对齐顶格（未右空二字）", right=0),
        on(("date", 0), "alignment", "成文日期右对齐顶格", right=0),
    ]),
    Case("notice-no-signature", "notice", "normal", [drop(("sign", 0), "structure", "缺发文机关署名")]),
    Case("request-date-above-signature", "request", "direct", [
        move(("date", 0), ("blank", -1), "structure", "成文日期在署名之上", anchored=False),
    ]),
    Case("letter-recipient-after-body", "letter", "direct", [
        move(("recipient", 0), ("body", 0), "structure", "主送机关在正文第一段之后"),
    ]),
    Case("bulletin-record-before-signature", "bulletin", "direct", [
        quiet(lambda d: [d.blocks.remove(b) for b in d.of("record")]),
        lambda d: _insert_records_before(d, d.of("sign")[0]),
    ]),
    Case("notice-attachment-after-date", "notice", "direct", [
        lambda d: _attach_after_date(d),
    ]),
    Case("summary-no-date", "summary", "normal", [drop(("date", 0), "structure", "缺成文日期")]),
    Case("summary-h2-set-broken", "summary", "normal", [
        text("（三）在推进融合发展上持续用力", "（三）在推进融合发展上持续用力", "（三）推进融合发展",
             "parallelism", "三个二级标题中一个不对仗"),
    ]),
    Case("plan-h2-set-long", "plan", "direct", [
        text("（一）健全质量管理体系", "（一）健全质量管理体系", "（一）关于进一步健全和完善公司质量管理体系的问题",
             "parallelism", "二级标题长短、结构悬殊"),
    ]),
    Case("notice-h2-set-sentence", "notice", "styles", [
        text("（三）按时报送材料", "（三）按时报送材料", "（三）各单位要按时报送相关材料", "parallelism", "二级标题一句话，不对仗"),
    ]),
    Case("summary-h1-short-one", "summary", "direct", [
        text("二、坚持固本强基", "二、坚持固本强基，组织建设全面加强", "二、组织建设", "parallelism",
             "一级标题其余为“坚持……，……”句式，这一个只有四字"),
    ]),
    Case("summary-figure-changed", "summary", "normal", [
        text("严格党员发展程序", "发展党员18名", "发展党员16名", "figures", "18名 写成 16名", anchored=False),
    ], workbook="summary"),
    Case("summary-figure-missing", "summary", "direct", [
        text("制定党委落实全面从严治党", "开展廉洁谈话163人次", "开展廉洁谈话", "figures", "缺 163人次", anchored=False),
    ], workbook="summary"),
    Case("summary-figure-unit", "summary", "styles", [
        text("严格党员发展程序", "转正预备党员15名", "转正预备党员15人", "figures", "15名 写成 15人", anchored=False),
    ], workbook="summary"),
    Case("summary-heading-at-page-foot", "summary", "direct", [
        setdoc(None, "", grid=None, condense=-5),
        quiet(lambda d: d.find("（三）抓牢意识形态").fmt.update(keep=False)),
        pad_to_line("（三）抓牢意识形态", 21, "pagination", "二级标题落在页末（背题）"),
    ]),
    Case("notice-date-split-from-signature", "notice", "direct", [
        setdoc(None, "", grid=None, condense=-5),
        pad_to_line(("sign", 0), 21, "pagination", "署名在页末、成文日期到了下一页", anchored=False),
    ]),
    Case("plan-signature-alone-on-page", "plan", "direct", [
        setdoc(None, "", grid=None, condense=-5),
        pad_to_line(("blank", -1), 0, "pagination", "落款单独成页（该页无正文）", anchored=False),
    ]),
    Case("letter-hyphen-page-number", "letter", "normal", [setdoc("header_footer", "页码“- 1 -”居中、五号", footer="hyphen")]),
    Case("plan-no-page-number", "plan", "normal", [setdoc("header_footer", "三页的方案没有页码", footer="none")]),
    Case("summary-centred-page-number", "summary", "styles", [
        setdoc("header_footer", "页码居中，单双页不分", footer="center"),
    ]),
    Case("request-small-page-number", "request", "normal", [setdoc("header_footer", "页码五号（10.5 磅）", footer="small")]),
    Case("bulletin-page-x-of-y", "bulletin", "direct", [setdoc("header_footer", "页码“第 N 页 共 M 页”", footer="page-of")]),
    Case("notice-page-number-all-right", "notice", "styles", [
        setdoc("header_footer", "页码每页都居右（双页应居左）", footer="right-all"),
    ]),
    Case("plan-bare-page-number", "plan", "direct", [setdoc("header_footer", "页码无一字线", footer="bare")]),
    Case("summary-letter-paper", "summary", "direct", [setpage("layout", "Letter 纸（215.9 × 279.4 mm）", w=215.9, h=279.4)]),
    Case("plan-16k-paper", "plan", "normal", [setpage("layout", "16 开纸（184 × 260 mm）", w=184, h=260)]),
    Case("letter-top-bottom-25", "letter", "direct", [setpage("layout", "上下边距 25 mm", top=25, bottom=25)]),
    Case("bulletin-gutter", "bulletin", "normal", [setpage("layout", "装订线 10 mm", gutter=10)]),
    Case("request-no-character-grid", "request", "direct", [setdoc("layout", "无字符网格：每行只排 27 字", grid=None, condense=0)]),
    # --- several defects at once, as in a real first draft -------------------------------------------
    Case("notice-first-draft", "notice", "direct", [
        setpage("layout", "Word 默认页边距", top=25.4, bottom=25.4, left=31.8, right=31.8),
        on(("title", 0), "size", "标题三号（16 磅）", size=16, font=HEI),
        lambda d: [("font", "标题黑体", d.of("title")[0])],
        quiet(lambda d: setattr(d, "grid", "lines")),
        on_all("body", "spacing", "单倍行距（Word 默认网格）", line=("auto", 240)),
        text(("date", 0), "2024年2月26日", "2024.2.26", "numbers", "成文日期写成 2024.2.26"),
        setdoc("header_footer", "页码居中", footer="center"),
    ]),
    Case("plan-first-draft", "plan", "normal", [
        texts("h1", _h1_dot, "numbering", "一级标题“一.”"),
        texts("h3", _h3_dun, "numbering", "三级标题“1、”"),
        on_all("h1", "font", "一级标题仿宋（未改黑体）", font=FS),
        text("到2024年底", "质量损失率较上年下降15%，", "质量损失率较上年下降15%,", "punctuation", "半角逗号"),
    ]),
    Case("summary-first-draft", "summary", "wordheadings", [
        on_all("h2", "font", "二级标题样式为黑体", font=HEI),
        text("扎实开展学习贯彻", "形成调研报告9篇", "形成调研报告９篇", "numbers", "全角数字"),
        on(("date", 0), "alignment", "成文日期居中", align="center", right=0),
    ]),
    # --- LibreOffice conversions ------------------------------------------------------------------
    Case("odt-notice-songti-margins", "notice", "normal", [
        on_all("body", "font", "正文宋体（LibreOffice 文档）", font=SONG),
        setpage("layout", "LibreOffice 默认页边距 20 mm", top=20, bottom=20, left=20, right=20),
    ], via="fodt"),
    Case("doc-plan-numbering", "plan", "direct", [
        texts("h4", _h4_dun, "numbering", "四级标题“（1）、”"),
        on(("title", 0), "size", "标题小一（24 磅）", size=24),
        text("活动分三个阶段实施", "活动分三个阶段实施。", "活动分三个阶段实施:", "punctuation", "半角冒号"),
    ], via="doc"),
    Case("doc-letter-no-page-number", "letter", "normal", [
        setdoc("header_footer", "没有页码", footer="none"),
        on(("recipient", 0), "indent", "主送首行缩进", first=2),
    ], via="doc"),
]


def _insert_records_before(doc: Doc, before: Block) -> list[Defect]:
    base = load_base("bulletin")
    recs = [b for b in base.blocks if b.role == "record"]
    i = doc.blocks.index(before)
    for r in reversed(recs):
        doc.blocks.insert(i, r)
    return [("structure", "版记在落款之前（版记应在最后）", None)]


def _attach_after_date(doc: Doc) -> list[Defect]:
    attach = doc.of("attach") + doc.of("attach2")
    blank_before = doc.blocks[doc.blocks.index(attach[0]) - 1]
    for b in attach:
        doc.blocks.remove(b)
    doc.blocks.remove(blank_before)
    doc.blocks.extend([Block("blank"), *attach])
    return [("structure", "附件说明在成文日期之后", attach[0])]


# --- clean documents --------------------------------------------------------------------------------


@dataclass
class Clean:
    name: str
    base: str
    persona: str
    setup: Callable[[Doc], None] = lambda d: None
    workbook: str | None = None
    via: str | None = None
    sealed: bool = False


def _runin(doc: Doc) -> None:
    """Level-3 headings run into their paragraph: bold lead sentence, then the text."""
    out: list[Block] = []
    it = iter(doc.blocks)
    for b in it:
        if b.role == "h3":
            nxt = next(it)
            out.append(Block("h3", b.text + nxt.text, runs=[(b.text, {"bold": True}), (nxt.text, {"bold": False})],
                             fmt={"bold": False}))  # fmt: skip
        else:
            out.append(b)
    doc.blocks = out


def _windows_names(doc: Doc) -> None:
    """Windows' own face names (仿宋, 楷体), 方正小标宋_GBK, and 仿宋_GB2312 left on a few runs."""
    doc.style_fmt.update({"title": {"font": "方正小标宋_GBK"}, "h2": {"font": "楷体"}})
    for role in ("body", "h3", "h4", "attach", "attach2", "sign", "date", "recipient", "blank", "note"):
        doc.style_fmt.setdefault(role, {})["font"] = FS_WIN
    for b in doc.of("body")[::3]:
        b.fmt["font"] = FS


def _english_names(doc: Doc) -> None:
    doc.style_fmt.update({"h1": {"font": "SimHei"}, "h2": {"font": "KaiTi"}})
    for role in ("body", "h3", "h4", "attach", "attach2", "sign", "date", "recipient", "blank", "note"):
        doc.style_fmt.setdefault(role, {})["font"] = "FangSong"


def _two_line_title(doc: Doc) -> None:
    t = doc.of("title")[0]
    i = doc.blocks.index(t)
    t.text = "关于在全公司范围内深入开展"
    doc.blocks.insert(i + 1, Block("title", "“质量提升年”主题活动的实施方案"))


def _record_at_foot(doc: Doc) -> None:
    """版记 at the foot of the last page: empty lines until the table sits on the last lines."""
    if not doc.of("record") or doc.blocks[-1].role != "record":
        return
    first = doc.of("record")[0]
    used = lines_before(doc, first)
    free = (22 - used % 22) % 22 - 4
    i = doc.blocks.index(first)
    for _ in range(max(free, 0)):
        doc.blocks.insert(i, Block("blank"))


CLEANS: list[Clean] = [
    Clean("clean-direct-notice", "notice", "direct"),
    Clean("clean-normal-request-sealed", "request", "normal", sealed=True),
    Clean("clean-styles-summary", "summary", "styles", workbook="summary"),
    Clean("clean-wordheadings-plan", "plan", "wordheadings"),
    Clean("clean-grid-letter", "letter", "normal", lambda d: setattr(d, "line", ("auto", 240)) or setattr(d, "grid", "chars")),
    Clean("clean-exact28-notice", "notice", "styles", lambda d: setattr(d, "line", ("exact", 560))),
    Clean("clean-windows-names-summary", "summary", "direct", _windows_names),
    Clean("clean-english-names-request", "request", "normal", _english_names),
    Clean("clean-word-numbering-plan", "plan", "numbering"),
    Clean("clean-redhead-bulletin", "bulletin", "direct"),
    Clean("clean-runin-summary", "summary", "normal", lambda d: setattr(d, "runin", True)),
    Clean("clean-condensed-twoline-plan", "plan", "direct",
          lambda d: (setattr(d, "grid", None), setattr(d, "condense", -5), _two_line_title(d))),
    Clean("clean-odt-letter", "letter", "direct", lambda d: setattr(d, "condense", -5), via="fodt"),
    Clean("clean-doc-request", "request", "direct", lambda d: (setattr(d, "grid", None), setattr(d, "condense", -5)),
          via="doc"),
]

WORKBOOKS = {
    "summary": (
        "unit: 中共××集团有限公司委员会\nperiod: 2023年\nachievements:\n"
        "  - title: 严格落实“第一议题”制度\n    metrics:\n"
        "      - {label: 传达学习, value: 31, unit: 次}\n"
        "      - {label: 中心组集体学习, value: 12, unit: 次}\n"
        "  - title: 开展主题教育调研\n    metrics:\n"
        "      - {label: 调研, value: 46, unit: 人次}\n"
        "      - {label: 调研报告, value: 9, unit: 篇}\n"
        "  - title: 严格党员发展程序\n    metrics:\n"
        "      - {label: 发展党员, value: 18, unit: 名}\n"
        "      - {label: 转正预备党员, value: 15, unit: 名}\n"
        "  - title: 落实全面从严治党主体责任\n    metrics:\n"
        "      - {label: 责任书, value: 287, unit: 份}\n"
        "      - {label: 廉洁谈话, value: 163, unit: 人次}\n"
    ),
}


# --- building -------------------------------------------------------------------------------------


def _prepare(base: str, persona: str, sealed: bool) -> Doc:
    doc = load_base(base)
    doc.persona = persona
    if persona == "direct":
        # direct formatting over Word's 五号 Normal: a character grid would count from 五号, so such
        # drafts condense the characters instead (字符间距紧缩 0.25 磅) and need no grid (the
        # fixed line spacing makes the 22 lines)
        doc.grid, doc.condense = None, -5
    if base == "bulletin":  # characters condensed rather than a grid: the 版记 lands where Word and LibreOffice agree
        doc.grid, doc.condense = None, -5
    place_signature(doc, sealed)
    return doc


def _locate(path: Path, doc: Doc, index: list[int], anchors: list[Block | None]) -> list[int | None]:
    """Paragraph numbers of the anchors in the written file (re-found by text after a conversion)."""
    import docx

    paras = [p.text for p in docx.Document(str(path)).paragraphs]
    blocks = [b for b in doc.blocks if b.role not in ("table", "record")]
    pos: dict[int, int] = {}
    j = 0
    for b in blocks:
        want = b.text if not doc_numbered(doc, b) else _strip_number(b.text)
        for k in range(j, len(paras)):
            if paras[k] == want or (want and paras[k].strip() == want.strip()):
                pos[id(b)] = k + 1
                j = k + 1
                break
    out: list[int | None] = []
    for a in anchors:
        if a is None:
            out.append(None)
        else:
            assert id(a) in pos, f"{path.name}: paragraph {a.text!r} not found"
            out.append(pos[id(a)])
    return out


def doc_numbered(doc: Doc, b: Block) -> bool:
    return doc.persona == "numbering" and b.role in ("h1", "h2", "h3", "h4") and not b.fmt.get("typed")


def _build(doc: Doc, out: Path, name: str, via: str | None, office: bool) -> Path | None:
    if doc.runin:
        _runin(doc)
    dest = out / f"{name}.docx"
    if via is None:
        with tempfile.TemporaryDirectory(prefix="wenmi-ce2-") as tmp:
            raw = Path(tmp) / dest.name
            write_docx(doc, raw)
            _normalise_zip(raw, dest)
        return dest
    if not office or _soffice() is None:
        return None
    with tempfile.TemporaryDirectory(prefix="wenmi-ce2-") as tmp:
        t = Path(tmp)
        if via == "fodt":
            src = t / f"{name}.fodt"
            write_fodt(doc, src)
            got = convert(src, "docx:MS Word 2007 XML", t)
        else:
            src = t / f"{name}.src.docx"
            write_docx(doc, src)
            doc_file = convert(src, "doc:MS Word 97", t)
            if doc_file is None:
                return None
            final = t / "conv"
            final.mkdir()
            renamed = final / f"{name}.doc"
            shutil.copy(doc_file, renamed)
            got = convert(renamed, "docx:MS Word 2007 XML", final)
        if got is None:
            return None
        _normalise_zip(got, dest)
    return dest


def _normalise_zip(src: Path, dest: Path) -> None:
    """Copy a converted .docx with fixed member times, so that the corpus is the same each time."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in sorted(zin.infolist(), key=lambda i: (i.filename != "[Content_Types].xml", i.filename)):
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":  # creation and revision times
                import re

                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2024-01-01T00:00:00Z", data)
            zi = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, data)


def make(out: Path, office: bool = True) -> dict[str, Any]:
    out.mkdir(parents=True, exist_ok=True)
    key: dict[str, Any] = {"defective": [], "clean": []}
    for case in CASES:
        doc = _prepare(case.base, case.persona, case.sealed)
        defects: list[Defect] = []
        for change in case.changes:
            defects += change(doc) or []
        defects = [d for d in defects if d[0]]
        _record_at_foot(doc)
        path = _build(doc, out, case.name, case.via, office)
        if path is None:
            continue
        for cat, _, _ in defects:
            assert cat in CATEGORIES, cat
        paras = _locate(path, doc, [], [d[2] for d in defects])
        entry: dict[str, Any] = {"file": path.name, "defects": [
            {"category": c, "note": n, "paragraph": p} for (c, n, _), p in zip(defects, paras, strict=True)]}  # fmt: skip
        if case.workbook:
            wb = out / f"{case.workbook}.workbook.yaml"
            wb.write_text(WORKBOOKS[case.workbook], encoding="utf-8")
            entry["workbook"] = wb.name
        if case.via:
            entry["roundtrip"] = True
        key["defective"].append(entry)
    for clean in CLEANS:
        doc = _prepare(clean.base, clean.persona, clean.sealed)
        clean.setup(doc)
        _record_at_foot(doc)
        path = _build(doc, out, clean.name, clean.via, office)
        if path is None:
            continue
        entry = {"file": path.name}
        if clean.workbook:
            wb = out / f"{clean.workbook}.workbook.yaml"
            wb.write_text(WORKBOOKS[clean.workbook], encoding="utf-8")
            entry["workbook"] = wb.name
        if clean.via:
            entry["roundtrip"] = True
        key["clean"].append(entry)
    (out / "key.yaml").write_text(yaml.safe_dump(key, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return key


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--no-office", action="store_true", help="skip the LibreOffice conversions")
    args = ap.parse_args()
    key = make(args.out, office=not args.no_office)
    n = sum(len(e["defects"]) for e in key["defective"])
    print(f"{len(key['defective'])} defective documents, {n} defects, {len(key['clean'])} clean documents -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
