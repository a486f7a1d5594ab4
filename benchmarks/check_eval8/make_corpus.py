"""Corpus 8 for `wenmi check`: documents as real offices make them, with planted defects.

    python benchmarks/check_eval8/make_corpus.py OUT_DIR [--no-office]

Writes the .docx files and key.yaml into OUT_DIR and returns the key from `make(out, office)`.
Ten kinds of document (texts.py), each laid out by one or more "authors":

- word: a Word user's direct formatting on every paragraph, manual numbering, no styles;
- wps: a WPS user's document: fonts and indents only in styles and docDefaults, a line grid
  (a linesAndChars grid in some variants), 落款 sometimes in a borderless table;
- gen: another generator working from Markdown-like text: python-docx's default template with
  Title / Heading 1 / Heading 2 styles (tidied for the clean twin, left raw in some variants);
- lo: a word or wps document saved by LibreOffice as .odt and converted back to .docx
  (office only).

key.yaml: `defective` (file, kind, author, defects: category, paragraph, quote, note) and `clean`
(file, kind, author, how). `paragraph` is the 1-based position of the paragraph in python-docx's
`Document.paragraphs` of the written file (empty paragraphs counted, table cells not); null when
the defect belongs to the whole document, to a table, a footer or the page layout.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
FS, HT, KT, XBS, SONG = "仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "宋体"
LINE = 579  # twips: 28.95 pt, 22 lines in the 225 mm text block
CONDENSE = -5  # twentieths of a point per character: 28 characters of 16 pt fit 156 mm
MM = 36000  # EMU per mm


def _texts() -> Any:
    spec = importlib.util.spec_from_file_location("check_eval8_texts", HERE / "texts.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TEXTS = _texts()


# ---------------------------------------------------------------- the documents as blocks
@dataclass
class Block:
    role: str
    text: str = ""
    table: str = ""


def parse(source: str) -> list[Block]:
    tags = {"T": "title", "_": "blank", "M": "to", "P": "body", "H1": "h1", "H2": "h2", "H3": "h3", "H4": "h4",
            "A": "attach", "A+": "attach2", "S": "sig", "D": "date", "BR": "break", "X": "annex", "XT": "annex_title",
            "J": "banji"}  # fmt: skip
    blocks = []
    for line in source.splitlines():
        tag, _, text = line.partition(" ")
        text = text.replace("//", "\n")
        if tag.startswith("TBL:"):
            blocks.append(Block("table", table=tag[4:]))
        else:
            blocks.append(Block(tags[tag], text))
    return blocks


# ---------------------------------------------------------------- low-level XML helpers
def qn(tag: str) -> str:
    from docx.oxml.ns import qn as _qn

    return str(_qn(tag))


def el(tag: str, **attrs: Any) -> Any:
    from docx.oxml import OxmlElement

    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn(f"w:{k}"), str(v))
    return e


def child(parent: Any, tag: str, before: tuple[str, ...] = ()) -> Any:
    """The first `tag` child of `parent`, created (ahead of any of `before`) when missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = el(tag)
        anchor = next((parent.find(qn(b)) for b in before if parent.find(qn(b)) is not None), None)
        if anchor is not None:
            anchor.addprevious(found)
        else:
            parent.append(found)
    return found


_RPR_ORDER = ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:color", "w:spacing", "w:w", "w:kern", "w:sz",
              "w:szCs", "w:u", "w:lang")  # fmt: skip
_PPR_ORDER = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:widowControl", "w:pBdr", "w:tabs",
              "w:snapToGrid", "w:spacing", "w:ind", "w:jc", "w:rPr")  # fmt: skip


def _put(parent: Any, tag: str, order: tuple[str, ...]) -> Any:
    return child(parent, tag, order[order.index(tag) + 1:])


def set_fonts(rpr: Any, east: str | None = None, ascii_: str | None = None) -> None:
    fonts = _put(rpr, "w:rFonts", _RPR_ORDER)
    for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{a}"), None)
    if east:
        fonts.set(qn("w:eastAsia"), east)
    if ascii_:
        fonts.set(qn("w:ascii"), ascii_)
        fonts.set(qn("w:hAnsi"), ascii_)


def set_size(rpr: Any, pt: float) -> None:
    _put(rpr, "w:sz", _RPR_ORDER).set(qn("w:val"), str(round(pt * 2)))
    _put(rpr, "w:szCs", _RPR_ORDER).set(qn("w:val"), str(round(pt * 2)))


def set_condense(rpr: Any, val: int | None) -> None:
    old = rpr.find(qn("w:spacing"))
    if old is not None:
        rpr.remove(old)
    if val:
        _put(rpr, "w:spacing", _RPR_ORDER).set(qn("w:val"), str(val))


def set_bold(rpr: Any, on: bool) -> None:
    old = rpr.find(qn("w:b"))
    if old is not None:
        rpr.remove(old)
    if on:
        _put(rpr, "w:b", _RPR_ORDER)


def set_ind(ppr: Any, first: float | None = None, left: float = 0, right: float = 0, hanging: float | None = None,
            size: float = 16, chars: bool = True) -> None:  # fmt: skip
    """Indents in characters of `size` pt (Word writes both the character and the twip values)."""
    old = ppr.find(qn("w:ind"))
    if old is not None:
        ppr.remove(old)
    ind = _put(ppr, "w:ind", _PPR_ORDER)
    unit = size * 20
    if left:
        ind.set(qn("w:left"), str(round(left * unit)))
        if chars:
            ind.set(qn("w:leftChars"), str(round(left * 100)))
    if right:
        ind.set(qn("w:right"), str(round(right * unit)))
        if chars:
            ind.set(qn("w:rightChars"), str(round(right * 100)))
    if hanging is not None:
        ind.set(qn("w:hanging"), str(round(hanging * unit)))
        if chars:
            ind.set(qn("w:hangingChars"), str(round(hanging * 100)))
    elif first is not None:
        ind.set(qn("w:firstLine"), str(round(first * unit)))
        if chars:
            ind.set(qn("w:firstLineChars"), str(round(first * 100)))


def set_spacing(ppr: Any, line: int | None = LINE, rule: str = "exact", before: int = 0, after: int = 0) -> None:
    old = ppr.find(qn("w:spacing"))
    if old is not None:
        ppr.remove(old)
    sp = _put(ppr, "w:spacing", _PPR_ORDER)
    sp.set(qn("w:before"), str(before))
    sp.set(qn("w:after"), str(after))
    if line is not None:
        sp.set(qn("w:line"), str(line))
        sp.set(qn("w:lineRule"), rule)


def set_jc(ppr: Any, val: str) -> None:
    _put(ppr, "w:jc", _PPR_ORDER).set(qn("w:val"), val)


def ppr_of(p: Any) -> Any:
    return p._p.get_or_add_pPr()


def runs_rpr(p: Any) -> list[Any]:
    return [r._r.get_or_add_rPr() for r in p.runs]


# ---------------------------------------------------------------- page setup and page numbers
def page_setup(doc: Any, *, paper: tuple[float, float] = (210, 297), margins: tuple[float, float, float, float] = (37, 35, 28, 26),
               footer_mm: float = 24, grid: str = "lines", char_space: int | None = None, pitch: int = LINE) -> None:  # fmt: skip
    from docx.shared import Emu

    for s in doc.sections:
        s.page_width, s.page_height = Emu(round(paper[0] * MM)), Emu(round(paper[1] * MM))
        s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = (Emu(round(m * MM)) for m in margins)
        s.header_distance, s.footer_distance = Emu(15 * MM), Emu(round(footer_mm * MM))
        sect = s._sectPr
        old = sect.find(qn("w:docGrid"))
        if old is not None:
            sect.remove(old)
        g = el("w:docGrid", type=grid, linePitch=pitch)
        if char_space is not None:
            g.set(qn("w:charSpace"), str(char_space))
        sect.append(g)


def field_runs(p: Any, instr: str, rpr_fn: Callable[[Any], None]) -> None:
    """A complex field (`PAGE`, `NUMPAGES`) in paragraph `p`, showing 1 until updated."""
    for kind, text in (("begin", None), ("instr", instr), ("separate", None), ("text", "1"), ("end", None)):
        r = p.add_run()
        rpr_fn(r._r.get_or_add_rPr())
        if kind == "instr":
            t = el("w:instrText")
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            t.text = f" {instr} "
            r._r.append(t)
        elif kind == "text":
            r.text = text
        else:
            r._r.append(el("w:fldChar", fldCharType=kind))


def number_paragraph(p: Any, *, before: str = "— ", after: str = " —", side: str = "right", font: str = SONG,
                     size: float = 14, instr: str = "PAGE", second: str | None = None) -> None:  # fmt: skip
    def rpr(r: Any) -> None:
        set_fonts(r, east=font, ascii_=font)
        set_size(r, size)

    ppr = ppr_of(p)
    set_jc(ppr, side)
    set_spacing(ppr, line=None)
    if side == "right":
        set_ind(ppr, right=1, size=size, first=0)
    elif side == "left":
        set_ind(ppr, left=1, size=size, first=0)
    else:
        set_ind(ppr, first=0, size=size)
    if before:
        rpr(p.add_run(before)._r.get_or_add_rPr())
    field_runs(p, instr, rpr)
    if second:
        rpr(p.add_run(second)._r.get_or_add_rPr())
        field_runs(p, "NUMPAGES", rpr)
    if after:
        rpr(p.add_run(after)._r.get_or_add_rPr())


def clear(part: Any) -> Any:
    """The first paragraph of a header or footer, emptied."""
    part.is_linked_to_previous = False
    ps = part.paragraphs
    for extra in ps[1:]:
        extra._p.getparent().remove(extra._p)
    p = ps[0]
    for r in list(p._p):
        if r.tag != qn("w:pPr"):
            p._p.remove(r)
    return p


def page_numbers(doc: Any, **kw: Any) -> None:
    """GB/T 9704 page numbers: "— N —", 4号 宋体, odd pages right, even pages left, one character in."""
    doc.settings.odd_and_even_pages_header_footer = True
    for s in doc.sections:
        number_paragraph(clear(s.footer), side="right", **kw)
        number_paragraph(clear(s.even_page_footer), side="left", **kw)


# ---------------------------------------------------------------- the authors
#: role: east-Asian face, size, alignment, first-line indent in characters
ROLE = {
    "title": (XBS, 22, "center", 0), "blank": (FS, 16, "both", 0), "to": (FS, 16, "both", 0),
    "body": (FS, 16, "both", 2), "h1": (HT, 16, "both", 2), "h2": (KT, 16, "both", 2), "h3": (FS, 16, "both", 2),
    "h4": (FS, 16, "both", 2), "attach": (FS, 16, "both", 2), "attach2": (FS, 16, "both", 5),
    "sig": (FS, 16, "right", 0), "date": (FS, 16, "right", 0), "annex": (HT, 16, "left", 0),
    "annex_title": (XBS, 22, "center", 0), "banji": (FS, 14, "both", 0),
}  # fmt: skip


def text_width(text: str) -> float:
    """Width in characters: ASCII digits and letters are half a character."""
    return sum(0.5 if ord(c) < 128 else 1 for c in text)


def signature_indents(sig: str, date: str) -> tuple[float, float]:
    """Right indents (characters) of 署名 and 成文日期 per GB/T 9704 7.3.5.2 (unsealed): 署名 right-
    indented 2, the date's first character 2 to the right of the 署名's; a longer date right-indented 2."""
    ls, ld = text_width(sig), text_width(date)
    if ld + 2 <= ls:
        return 2, ls - ld
    return 4 + ld - ls, 2


@dataclass
class Rendered:
    doc: Any
    paras: list[tuple[str, Any]] = field(default_factory=list)  # (role, paragraph)
    tables: list[Any] = field(default_factory=list)

    def p(self, quote: str) -> Any:
        exact = [p for _, p in self.paras if p.text == quote]
        hits = exact or [p for _, p in self.paras if quote in p.text]
        if len(hits) != 1:
            raise ValueError(f"{len(hits)} paragraphs hold {quote!r}")
        return hits[0]

    def role(self, *roles: str) -> list[Any]:
        return [p for r, p in self.paras if r in roles]


def add_table(r: Rendered, rows: list[list[str]], *, size: float = 14, font: str = FS, widths: tuple[int, ...] = (11, 43, 28, 18),
              header_repeat: bool = True, cant_split: bool = True, borders: bool = True) -> Any:  # fmt: skip
    """A table the width of the text block (156 mm), widths in per cent, written as tblW and gridCol."""
    from docx.shared import Emu

    doc = r.doc
    t = doc.add_table(rows=len(rows), cols=len(rows[0]))
    if borders:
        t.style = doc.styles["Table Grid"]
    tbl_pr = t._tbl.tblPr
    w = _put_tbl(tbl_pr, "w:tblW")
    w.set(qn("w:w"), str(round(156 / 25.4 * 1440)))
    w.set(qn("w:type"), "dxa")
    _put_tbl(tbl_pr, "w:jc").set(qn("w:val"), "center")
    total = 156 * MM
    cols = [round(total * pc / sum(widths)) for pc in widths]
    for gc, emu in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), cols, strict=True):
        gc.set(qn("w:w"), str(round(emu / 635)))
    for i, row in enumerate(rows):
        tr_pr = t.rows[i]._tr.get_or_add_trPr()
        if i == 0 and header_repeat:
            tr_pr.append(el("w:tblHeader"))
        if cant_split:
            tr_pr.append(el("w:cantSplit"))
        for j, text in enumerate(row):
            cell = t.cell(i, j)
            cell.width = Emu(cols[j])
            p = cell.paragraphs[0]
            ppr = ppr_of(p)
            set_jc(ppr, "center" if j != 1 or i == 0 else "left")
            set_spacing(ppr, line=None)
            set_ind(ppr, first=0)
            run = p.add_run(text)
            rpr = run._r.get_or_add_rPr()
            set_fonts(rpr, east=font, ascii_="Times New Roman")
            set_size(rpr, size)
    r.tables.append(t)
    return t


def _put_tbl(tbl_pr: Any, tag: str) -> Any:
    order = ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize", "w:tblStyleColBandSize",
             "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar",
             "w:tblLook")  # fmt: skip
    return child(tbl_pr, tag, order[order.index(tag) + 1:])


def _lang(doc: Any, east_font: str | None = None, ascii_: str | None = None) -> None:
    """docDefaults: Chinese language, and (for the wps author) the fonts."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:val"), "en-US")
    if east_font:
        set_fonts(rpr, east=east_font, ascii_=ascii_)
        set_size(rpr, 16)
        ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
        set_spacing(ppr, line=None)


def _banji(r: Rendered, text: str, first: bool, last: bool) -> Any:
    """A 版记 line: 4号 仿宋, one character in from each side, rules above (0.35 mm) and below."""
    p = r.doc.add_paragraph()
    ppr = ppr_of(p)
    bdr = _put(ppr, "w:pBdr", _PPR_ORDER)
    if first:
        bdr.append(el("w:top", val="single", sz=8, space=1, color="000000"))
    bdr.append(el("w:bottom", val="single", sz=8 if last else 6, space=1, color="000000"))
    _put(ppr, "w:snapToGrid", _PPR_ORDER).set(qn("w:val"), "0")
    set_spacing(ppr, line=500)  # with the rules, two lines of the 版记 take two lines of the grid
    set_ind(ppr, left=1, right=1, size=14, first=0)
    left, _, right = text.partition("|")
    if right:
        tabs = _put(ppr, "w:tabs", _PPR_ORDER)
        tabs.append(el("w:tab", val="right", pos=round((156 - 2 * 14 * 25.4 / 72) / 25.4 * 1440)))
        left = f"{left}\t{right}"
    run = p.add_run(left)
    rpr = run._r.get_or_add_rPr()
    set_fonts(rpr, east=FS, ascii_="Times New Roman")
    set_size(rpr, 14)
    return p


def render_word(blocks: list[Block]) -> Rendered:
    """A Word user: direct formatting on every paragraph and run, no styles, numbering typed."""
    import docx

    doc = docx.Document()
    _lang(doc)
    page_setup(doc)
    r = Rendered(doc)
    doc.paragraphs[0]._p.getparent().remove(doc.paragraphs[0]._p) if doc.paragraphs else None
    sig_text = next((b.text for b in blocks if b.role == "sig"), "")
    date_text = next((b.text for b in blocks if b.role == "date"), "")
    sig_right, date_right = signature_indents(sig_text, date_text)
    banji = [b for b in blocks if b.role == "banji"]
    for b in blocks:
        if b.role == "table":
            add_table(r, TEXTS.TABLES[b.table])
            continue
        if b.role == "banji":
            r.paras.append(("banji", _banji(r, b.text, b is banji[0], b is banji[-1])))
            continue
        p = doc.add_paragraph()
        if b.role == "break":
            from docx.enum.text import WD_BREAK

            p.add_run().add_break(WD_BREAK.PAGE)
            r.paras.append(("break", p))
            continue
        face, size, jc, first = ROLE[b.role]
        ppr = ppr_of(p)
        set_jc(ppr, jc)
        set_spacing(ppr)
        if b.role == "sig":
            set_ind(ppr, right=sig_right)
        elif b.role == "date":
            set_ind(ppr, right=date_right)
        else:
            set_ind(ppr, first=first, size=16)
        if b.text:
            run = p.add_run(b.text)
            rpr = run._r.get_or_add_rPr()
            set_fonts(rpr, east=face, ascii_="Times New Roman")
            set_size(rpr, size)
            if size == 16:
                set_condense(rpr, CONDENSE)
        else:
            rpr = _put(ppr, "w:rPr", _PPR_ORDER)
            set_size(rpr, 16)
        r.paras.append((b.role, p))
    page_numbers(doc)
    return r


def render_word_styled(blocks: list[Block]) -> Rendered:
    """A Word user who applied the wrong built-in styles (title in Heading 1, 一、 in Heading 2,
    （一） in Heading 3, body in Body Text) and then formatted every paragraph by hand over them."""
    r = render_word(blocks)
    wrong = {"title": "Heading 1", "h1": "Heading 2", "h2": "Heading 3", "body": "Body Text"}
    for role, p in r.paras:
        if role in wrong:
            p.style = r.doc.styles[wrong[role]]
            for rpr in runs_rpr(p):
                set_bold(rpr, False)
                b = _put(rpr, "w:b", _RPR_ORDER)
                b.set(qn("w:val"), "0")
                _put(rpr, "w:color", _RPR_ORDER).set(qn("w:val"), "000000")
    return r


#: style of each role in the wps author's documents: (style id, name, based on)
WPS_STYLES = {
    "title": ("GongwenTitle", "公文标题"), "h1": ("Heading1", "heading 1"), "h2": ("Heading2", "heading 2"),
    "h3": ("Heading3", "heading 3"),
}  # fmt: skip


def _style(doc: Any, sid: str, name: str, face: str, size: float, jc: str, first: float, *, bold: bool = False) -> Any:
    styles = doc.styles.element
    st = next((s for s in styles.findall(qn("w:style")) if s.get(qn("w:styleId")) == sid), None)
    if st is not None:
        styles.remove(st)
    st = el("w:style", type="paragraph", styleId=sid)
    st.append(el("w:name", val=name))
    st.append(el("w:basedOn", val="Normal"))
    st.append(el("w:next", val="Normal"))
    st.append(el("w:qFormat"))
    ppr = el("w:pPr")
    st.append(ppr)
    if sid.startswith("Heading"):
        _put(ppr, "w:keepNext", _PPR_ORDER)
        ppr.append(el("w:outlineLvl", val=int(sid[-1]) - 1))
    set_spacing(ppr)
    set_ind(ppr, first=first)
    set_jc(ppr, jc)
    rpr = el("w:rPr")
    st.append(rpr)
    set_fonts(rpr, east=face, ascii_="Times New Roman")
    set_bold(rpr, bold)
    set_size(rpr, size)
    styles.append(st)
    return st


def render_wps(blocks: list[Block], *, sig_table: bool = False) -> Rendered:
    """A WPS user: faces and indents only in styles and docDefaults, a linesAndChars grid,
    runs without their own formatting; 署名 and 日期 in a borderless table when `sig_table`."""
    import docx

    doc = docx.Document()
    _lang(doc, east_font=FS, ascii_="Times New Roman")
    page_setup(doc, grid="lines")
    normal = next(s for s in doc.styles.element.findall(qn("w:style")) if s.get(qn("w:styleId")) == "Normal")
    ppr = child(normal, "w:pPr")
    set_spacing(ppr)
    set_ind(ppr, first=2)
    set_jc(ppr, "both")
    set_condense(child(normal, "w:rPr"), CONDENSE)
    for role, (sid, name) in WPS_STYLES.items():
        face, size, jc, first = ROLE[role]
        _style(doc, sid, name, face, size, jc, first)
    r = Rendered(doc)
    if doc.paragraphs:
        doc.paragraphs[0]._p.getparent().remove(doc.paragraphs[0]._p)
    sig_text = next((b.text for b in blocks if b.role == "sig"), "")
    date_text = next((b.text for b in blocks if b.role == "date"), "")
    sig_right, date_right = signature_indents(sig_text, date_text)
    banji = [b for b in blocks if b.role == "banji"]
    sig_cell: Any = None
    for b in blocks:
        if b.role == "table":
            add_table(r, TEXTS.TABLES[b.table], size=12)
            continue
        if b.role == "banji":
            r.paras.append(("banji", _banji(r, b.text, b is banji[0], b is banji[-1])))
            continue
        if sig_table and b.role in ("sig", "date"):
            if sig_cell is None:
                t = doc.add_table(rows=2, cols=1)
                sig_cell = [t.cell(0, 0), t.cell(1, 0)]
                t._tbl.tblPr.append(_no_borders())
            cell = sig_cell[0] if b.role == "sig" else sig_cell[1]
            p = cell.paragraphs[0]
            pp = ppr_of(p)
            set_jc(pp, "right")
            set_ind(pp, right=sig_right if b.role == "sig" else date_right)
            p.add_run(b.text)
            continue
        if b.role == "break":
            from docx.enum.text import WD_BREAK

            p = doc.add_paragraph()
            p.add_run().add_break(WD_BREAK.PAGE)
            r.paras.append(("break", p))
            continue
        if b.role in WPS_STYLES:
            p = doc.add_paragraph(b.text, style=doc.styles[WPS_STYLES[b.role][1]])
        else:
            p = doc.add_paragraph(b.text)
            face, size, jc, first = ROLE[b.role]
            pp = ppr_of(p)
            if jc != "both":
                set_jc(pp, jc)
            if b.role == "sig":
                set_ind(pp, right=sig_right)
            elif b.role == "date":
                set_ind(pp, right=date_right)
            elif first != 2:
                set_ind(pp, first=first)
            if face != FS or size != 16:
                for rp in runs_rpr(p):
                    set_fonts(rp, east=face)
                    set_size(rp, size)
                    if size != 16:
                        set_condense(rp, 0)
        r.paras.append((b.role, p))
    page_numbers(doc)
    return r


def _no_borders() -> Any:
    b = el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        b.append(el(f"w:{side}", val="nil"))
    return b


def render_gen(blocks: list[Block], *, tidy: bool = True) -> Rendered:
    """Another generator from Markdown-like text: python-docx's default template, Title, Heading 1
    and Heading 2 for the title and first two levels, Normal for the rest. `tidy` (the clean twin):
    the template's styles are set to the standard's faces and sizes, A4 and the page numbers added."""
    import docx

    doc = docx.Document()
    r = Rendered(doc)
    styles = doc.styles
    if tidy:
        _lang(doc, east_font=FS, ascii_="Times New Roman")
        page_setup(doc)
        normal = styles["Normal"].element
        set_spacing(child(normal, "w:pPr"))
        set_ind(child(normal, "w:pPr"), first=2)
        set_jc(child(normal, "w:pPr"), "both")
        set_condense(child(normal, "w:rPr"), CONDENSE)
        for name, (face, size, jc, first) in (("Title", ROLE["title"]), ("Heading 1", ROLE["h1"]), ("Heading 2", ROLE["h2"])):
            st = styles[name].element
            ppr = child(st, "w:pPr")
            for tag in ("w:pBdr", "w:spacing", "w:contextualSpacing"):
                old = ppr.find(qn(tag))
                if old is not None:
                    ppr.remove(old)
            set_spacing(ppr)
            set_ind(ppr, first=first)
            set_jc(ppr, jc)
            rpr = child(st, "w:rPr")
            for tag in ("w:color", "w:kern", "w:spacing", "w:b", "w:bCs", "w:i", "w:iCs"):
                old = rpr.find(qn(tag))
                if old is not None:
                    rpr.remove(old)
            set_fonts(rpr, east=face, ascii_="Times New Roman")
            set_size(rpr, size)
            set_condense(rpr, CONDENSE if size == 16 else 0)
    style_of = {"title": "Title", "h1": "Heading 1", "h2": "Heading 2"}
    sig_text = next((b.text for b in blocks if b.role == "sig"), "")
    date_text = next((b.text for b in blocks if b.role == "date"), "")
    sig_right, date_right = signature_indents(sig_text, date_text)
    for b in blocks:
        if b.role == "table":
            add_table(r, TEXTS.TABLES[b.table])
            continue
        if b.role == "break":
            from docx.enum.text import WD_BREAK

            p = doc.add_paragraph()
            p.add_run().add_break(WD_BREAK.PAGE)
            r.paras.append(("break", p))
            continue
        p = doc.add_paragraph(b.text, style=style_of.get(b.role, "Normal"))
        face, size, jc, first = ROLE[b.role]
        pp = ppr_of(p)
        if b.role in ("sig", "date", "to", "blank", "annex", "attach2") or b.role not in style_of and first != 2:
            set_jc(pp, jc)
            if b.role == "sig":
                set_ind(pp, right=sig_right)
            elif b.role == "date":
                set_ind(pp, right=date_right)
            else:
                set_ind(pp, first=first)
        if b.role not in style_of and (face != FS or size != 16):
            for rp in runs_rpr(p):
                set_fonts(rp, east=face)
                set_size(rp, size)
        r.paras.append((b.role, p))
    if tidy:
        page_numbers(doc)
    return r


AUTHORS: dict[str, Callable[..., Rendered]] = {"word": render_word, "wps": render_wps, "gen": render_gen}


# ---------------------------------------------------------------- defects
@dataclass
class Defect:
    category: str
    note: str
    at: str | None = None  # quote of the paragraph the defect is on (None: whole document)
    text: Callable[[list[Block]], None] | None = None
    fmt: Callable[[Rendered], None] | None = None
    render: tuple[Any, ...] = ()  # pagination: how the defect shows in LibreOffice's layout (validate.py)


def _find(blocks: list[Block], quote: str) -> int:
    hits = [i for i, b in enumerate(blocks) if quote in b.text]
    if not hits:
        raise ValueError(f"no block holds {quote!r}")
    return hits[0]


def rep(old: str, new: str) -> Callable[[list[Block]], None]:
    def f(blocks: list[Block]) -> None:
        b = blocks[_find(blocks, old)]
        b.text = b.text.replace(old, new, 1)

    return f


def move(quote: str, after: str | None) -> Callable[[list[Block]], None]:
    """Move the block holding `quote` after the one holding `after` (None: to the top)."""
    def f(blocks: list[Block]) -> None:
        b = blocks.pop(_find(blocks, quote))
        blocks.insert(0 if after is None else _find(blocks, after) + 1, b)

    return f


def drop(quote: str, role: str | None = None) -> Callable[[list[Block]], None]:
    def f(blocks: list[Block]) -> None:
        i = next(i for i, b in enumerate(blocks) if quote in b.text and role in (None, b.role))
        del blocks[i]

    return f


def drop_blanks(n: int) -> Callable[[list[Block]], None]:
    """Remove the last `n` empty lines."""
    def f(blocks: list[Block]) -> None:
        blanks = [i for i, b in enumerate(blocks) if b.role == "blank"][-n:]
        blocks[:] = [b for i, b in enumerate(blocks) if i not in blanks]

    return f


def insert(after: str, role: str, text: str) -> Callable[[list[Block]], None]:
    def f(blocks: list[Block]) -> None:
        blocks.insert(_find(blocks, after) + 1, Block(role, text))

    return f


def chain(*fns: Callable[[Any], None]) -> Callable[[Any], None]:
    def f(x: Any) -> None:
        for fn in fns:
            fn(x)

    return f


def on(quote: str, fn: Callable[[Any], None]) -> Callable[[Rendered], None]:
    """Apply `fn` to the paragraph holding `quote`."""
    return lambda r: fn(r.p(quote))


def on_role(roles: tuple[str, ...], fn: Callable[[Any], None]) -> Callable[[Rendered], None]:
    def f(r: Rendered) -> None:
        for p in r.role(*roles):
            fn(p)

    return f


def font(east: str | None = None, ascii_: str | None = None) -> Callable[[Any], None]:
    def f(p: Any) -> None:
        for rp in runs_rpr(p):
            set_fonts(rp, east=east, ascii_=ascii_)

    return f


def size(pt: float) -> Callable[[Any], None]:
    def f(p: Any) -> None:
        for rp in runs_rpr(p):
            set_size(rp, pt)
            if pt != 16:
                set_condense(rp, 0)

    return f


def indent(**kw: Any) -> Callable[[Any], None]:
    return lambda p: set_ind(ppr_of(p), **kw)


def spacing(**kw: Any) -> Callable[[Any], None]:
    return lambda p: set_spacing(ppr_of(p), **kw)


def align(val: str) -> Callable[[Any], None]:
    return lambda p: set_jc(ppr_of(p), val)


def condense(val: int) -> Callable[[Any], None]:
    def f(p: Any) -> None:
        for rp in runs_rpr(p):
            set_condense(rp, val)

    return f


def setup(**kw: Any) -> Callable[[Rendered], None]:
    def f(r: Rendered) -> None:
        sect = r.doc.sections[0]._sectPr
        g = sect.find(qn("w:docGrid"))
        base = {"grid": g.get(qn("w:type")), "char_space": int(g.get(qn("w:charSpace"))) if g.get(qn("w:charSpace")) else None}
        page_setup(r.doc, **{**base, **kw})

    return f


def numbers(**kw: Any) -> Callable[[Rendered], None]:
    """Page numbers in another form (keyword arguments of `number_paragraph`)."""
    def f(r: Rendered) -> None:
        sides = kw.pop("sides", ("right", "left"))
        for s in r.doc.sections:
            number_paragraph(clear(s.footer), side=sides[0], **kw)
            if sides[1]:
                number_paragraph(clear(s.even_page_footer), side=sides[1], **kw)
        if not sides[1]:
            r.doc.settings.odd_and_even_pages_header_footer = False
        kw["sides"] = sides

    return f


def no_numbers(r: Rendered) -> None:
    for s in r.doc.sections:
        clear(s.footer)
        clear(s.even_page_footer)


def numbers_in_header(r: Rendered) -> None:
    for s in r.doc.sections:
        clear(s.footer)
        clear(s.even_page_footer)
        number_paragraph(clear(s.header), side="right")
        number_paragraph(clear(s.even_page_header), side="left")


def first_page_unnumbered(r: Rendered) -> None:
    s = r.doc.sections[0]
    s.different_first_page_header_footer = True
    clear(s.first_page_footer)


def landscape(r: Rendered) -> None:
    from docx.enum.section import WD_ORIENT

    s = r.doc.sections[0]
    s.orientation = WD_ORIENT.LANDSCAPE
    s.page_width, s.page_height = s.page_height, s.page_width


def keep_with_next_off(r: Rendered) -> None:
    for p in r.doc.paragraphs:
        ppr = ppr_of(p)
        for tag in ("w:keepNext", "w:keepLines"):
            old = ppr.find(qn(tag))
            if old is not None:
                ppr.remove(old)


def style_fmt(sid: str, fn: Callable[[Any], None]) -> Callable[[Rendered], None]:
    """Apply `fn` to a paragraph style (as a paragraph-like object with pPr and one rPr)."""
    def f(r: Rendered) -> None:
        st = next(s for s in r.doc.styles.element.findall(qn("w:style")) if s.get(qn("w:styleId")) == sid)
        fn(_StyleView(st))

    return f


class _StyleView:
    """Enough of a paragraph for the formatting helpers above to work on a style."""

    def __init__(self, st: Any) -> None:
        self._st = st
        self._p = self
        self.runs = [self]
        self._r = self

    def get_or_add_pPr(self) -> Any:
        return child(self._st, "w:pPr", ("w:rPr",))

    def get_or_add_rPr(self) -> Any:
        return child(self._st, "w:rPr")


def defaults_fmt(fn: Callable[[Any], None]) -> Callable[[Rendered], None]:
    """Apply `fn` to the docDefaults run properties."""
    def f(r: Rendered) -> None:
        fn(r.doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")))

    return f


def all_text(fn: Callable[[Any], None], roles: tuple[str, ...] = ("body",)) -> Callable[[Rendered], None]:
    return on_role(roles, fn)


# ---------------------------------------------------------------- the variants
@dataclass
class Variant:
    name: str
    kind: str
    author: str  # word, wps, wps_t (落款 in a table), gen, gen_raw; lo_* = round trip of that author
    defects: list[Defect]


def D(category: str, note: str, at: str | None = None, text: Any = None, fmt: Any = None, render: tuple[Any, ...] = ()) -> Defect:
    return Defect(category, note, at, text, fmt, render)


ALL_BODY = ("body",)

VARIANTS: list[Variant] = [
    # ---- 通知 (word)
    Variant("notice-a", "notice", "word", [
        D("layout", "上白边 30 mm（应为 37 mm）", fmt=setup(margins=(30, 35, 28, 26))),
        D("font", "一级标题“二、检查重点”用微软雅黑（应为黑体）", "二、检查重点", fmt=on("二、检查重点", font("微软雅黑", "微软雅黑"))),
        D("punctuation", "正文中半角逗号“集中,安全风险”", "集中,安全风险", text=rep("集中，安全风险", "集中,安全风险")),
    ]),
    Variant("notice-b", "notice", "word", [
        D("size", "标题小二号 18 磅（应为 22 磅）", "关于开展春季农业安全生产大检查的通知", fmt=on("关于开展春季农业安全生产大检查的通知", size(18))),
        D("indent", "主送机关首行缩进 2 字（应顶格）", "各镇（街道）农业综合服务中心", fmt=on("各镇（街道）农业综合服务中心", indent(first=2))),
        D("numbering", "三级标题写成“1、2、3、”（应为“1.”）", text=chain(rep("1.自查阶段", "1、自查阶段"), rep("2.抽查阶段", "2、抽查阶段"),
                                                                     rep("3.总结阶段", "3、总结阶段"))),
    ]),
    Variant("notice-c", "notice", "word", [
        D("spacing", "全部正文段后 6 磅（应为 0）", fmt=all_text(spacing(after=120))),
        D("alignment", "成文日期居中（应按 7.3.5.2 右空编排）", "2025年3月12日", fmt=on("2025年3月12日", chain(align("center"), indent(first=0)))),
        D("numbers", "日期写成“2025.3.15”", "2025.3.15", text=rep("（3月15日至3月31日）", "（2025.3.15至2025.3.31）")),
        D("pagination", "段后间距使二级标题“（三）设施农业。”落在第1页最后一行（背题）", "（三）设施农业。",
          render=("foot_heading", 1, "（三）设施农业。")),
    ]),
    Variant("notice-d", "notice", "word", [
        D("numbering", "二级标题写成“（一）、”（应为“（一）”）", text=chain(rep("（一）农机安全", "（一）、农机安全"), rep("（二）农药和兽药", "（二）、农药和兽药"),
                                                                       rep("（三）设施农业", "（三）、设施农业"))),
        D("header_footer", "页码写成“-1-”（应为“— 1 —”）", fmt=numbers(before="-", after="-")),
        D("structure", "附件说明排在落款之后（应在正文之下、落款之前）", "附件：1.春季农业安全生产检查表",
          text=chain(move("附件：1.", "2025年3月12日"), move("2.检查情况汇总表", "附件：1."))),
    ]),
    Variant("notice-e", "notice", "word", [
        D("parallelism", "二级标题“（三）”写成一整句，与“农机安全”“农药和兽药经营”不对仗", "（三）各地要高度重视",
          text=rep("（三）设施农业。", "（三）各地要高度重视设施农业生产安全，坚决防止发生火灾和中毒事故。")),
        D("punctuation", "“联系人:”“电话:”用半角冒号", "联系人:孙晓燕", text=rep("联系人：孙晓燕，电话：", "联系人:孙晓燕，电话:")),
        D("indent", "附件说明未缩进（应左空 2 字）", "附件：1.春季农业安全生产检查表", fmt=on("附件：1.", indent(first=0))),
        D("size", "附件配档表单元格五号 10.5 磅（应为 4 号或小 4 号）",
          fmt=lambda r: [set_size(run._r.get_or_add_rPr(), 10.5) for t in r.tables for c in t._cells for p in c.paragraphs for run in p.runs]),
    ]),
    Variant("notice-f", "notice", "word", [
        D("numbering", "三级标题“3．”用全角点", "3．总结阶段", text=rep("3.总结阶段", "3．总结阶段")),
        D("numbers", "不存在的日期“4月31日”", "4月31日", text=rep("4月1日至4月20日", "4月1日至4月31日")),
        D("font", "正文一段用宋体（粘贴所致，应为仿宋）", "全市范围内的农机合作社", fmt=on("全市范围内的农机合作社", font(SONG, SONG))),
    ]),
    # ---- 请示 (wps)
    Variant("request-a", "request", "wps", [
        D("font", "正文为宋体（docDefaults 的东亚字体）", fmt=defaults_fmt(lambda rpr: set_fonts(rpr, east=SONG))),
        D("layout", "下白边 30 mm（应为 35 mm）", fmt=setup(margins=(37, 30, 28, 26))),
    ]),
    Variant("request-b", "request", "wps", [
        D("spacing", "正文 1.5 倍行距（Normal 样式）", fmt=style_fmt("Normal", spacing(line=360, rule="auto"))),
        D("alignment", "主送机关居中（应顶格）", "市财政局：", fmt=on("市财政局：", align("center"))),
        D("header_footer", "单页页码居左（应居右空一字）", fmt=numbers(sides=("left", "right"))),
        D("pagination", "1.5 倍行距使署名和日期落到第2页，该页没有正文", render=("alone", "临河县农业农村局")),
    ]),
    Variant("request-c", "request", "wps", [
        D("structure", "主送机关排在第一段正文之后", "市财政局：", text=move("市财政局：", "根据省农业农村厅")),
        D("numbers", "成文日期“2025年4月31日”不存在", "2025年4月31日", text=rep("2025年4月8日", "2025年4月31日")),
    ]),
    # ---- 报告 (gen)
    Variant("report-a", "report", "gen", [
        D("font", "正文一段数字用 Calibri", "二是深化隐患排查", fmt=on("二是深化隐患排查", font(ascii_="Calibri"))),
        D("alignment", "正文一段居中", "第二季度，我区将围绕", fmt=on("第二季度，我区将围绕", align("center"))),
        D("header_footer", "没有页码", fmt=no_numbers),
    ]),
    Variant("report-b", "report", "gen", [
        D("indent", "正文首行不缩进（Normal 样式首行缩进 0）", fmt=style_fmt("Normal", indent(first=0))),
        D("punctuation", "半角括号“(整改率95.3%)”", "(整改率95.3%)", text=rep("已整改2209处，整改率95.3%", "已整改2209处(整改率95.3%)")),
        D("structure", "成文日期排在署名之前", "2025年4月10日", text=move("2025年4月10日", "特此报告。")),
    ]),
    Variant("report-c", "report", "gen", [
        D("size", "正文一段 14 磅", "三是强化执法检查", fmt=on("三是强化执法检查", size(14))),
        D("parallelism", "一级标题“二、”写成长句，与“主要工作”“下一步打算”不对仗", "二、工作中还存在",
          text=rep("二、存在的问题", "二、工作中还存在一些亟待解决的问题和不足")),
    ]),
    # ---- 函 (wps)
    Variant("letter-a", "letter", "wps", [
        D("size", "正文 15 磅（docDefaults 字号）", fmt=defaults_fmt(lambda rpr: set_size(rpr, 15))),
        D("indent", "正文一段首行缩进 4 字", "鉴于农资经营涉及", fmt=on("鉴于农资经营涉及", indent(first=4))),
        D("punctuation", "主送机关后缺冒号", "市市场监督管理局", text=rep("市市场监督管理局：", "市市场监督管理局")),
    ]),
    Variant("letter-b", "letter", "wps", [
        D("structure", "缺发文机关署名", text=drop("青州市农业农村局", "sig")),
        D("numbers", "成文日期月日编虚位“05月06日”", "2025年05月06日", text=rep("2025年5月6日", "2025年05月06日")),
        D("spacing", "正文一段固定值 32 磅", "为加强农资市场监管", fmt=on("为加强农资市场监管", spacing(line=640))),
    ]),
    Variant("letter-c", "letter", "wps", [
        D("alignment", "署名左对齐（应右空二字）", "青州市农业农村局", fmt=on("青州市农业农村局", chain(align("left"), indent(first=0)))),
        D("header_footer", "页码放在页眉", fmt=numbers_in_header),
        D("punctuation", "半角叹号“为盼!”", "请予支持为盼!", text=rep("请予支持为盼。", "请予支持为盼!")),
        D("punctuation", "用三个句点作省略号“农药...”", "农药...的质量", text=rep("农药的质量", "农药...的质量")),
    ]),
    Variant("letter-d", "letter", "gen", [
        D("layout", "Letter 纸（215.9 × 279.4 mm，应为 A4）", fmt=setup(paper=(215.9, 279.4))),
    ]),
    # ---- 会议纪要 (word)
    Variant("minutes-a", "minutes", "word", [
        D("font", "标题用黑体（应为小标宋）", "区政府第十二次常务会议纪要", fmt=on("区政府第十二次常务会议纪要", font(HT, HT))),
        D("spacing", "正文固定值 20 磅（应为 28.95 磅左右，每页 22 行）", fmt=all_text(spacing(line=400))),
        D("numbering", "一级标题跳号：一、二、四、", "四、关于防汛准备工作", text=rep("三、关于防汛准备工作", "四、关于防汛准备工作")),
    ]),
    Variant("minutes-b", "minutes", "word", [
        D("size", "一级标题“二、”小二 18 磅", "二、关于优化营商环境工作", fmt=on("二、关于优化营商环境工作", size(18))),
        D("indent", "正文一段整体左缩进 2 字再首行缩进 2 字", "会议要求，区应急局牵头", fmt=on("会议要求，区应急局牵头", indent(first=2, left=2))),
        D("punctuation", "重复顿号“、、”", "王建国、、李红梅", text=rep("王建国、李红梅", "王建国、、李红梅")),
    ]),
    Variant("minutes-c", "minutes", "word", [
        D("alignment", "一级标题“三、”居中", "三、防汛准备工作要早动手", fmt=on("三、防汛准备工作要早动手", chain(align("center"), indent(first=0)))),
        D("parallelism", "一级标题“三、”写成主谓句，与另两个“关于……工作”不对仗", "三、防汛准备工作要早动手",
          text=rep("三、关于防汛准备工作", "三、防汛准备工作要早动手早落实")),
        D("header_footer", "页码居中、单双页相同", fmt=numbers(sides=("center", None))),
        D("numbers", "不存在的日期“2025年2月30日”", "2025年2月30日", text=rep("于5月底前完成", "于2025年2月30日前完成")),
    ]),
    Variant("minutes-d", "minutes", "word", [
        D("layout", "每页 23 行（固定值 27.7 磅）", fmt=on_role(("title", "blank", "body", "h1", "sig", "date"), spacing(line=554))),
    ]),
    # ---- 工作方案 (wps, 配档表)
    Variant("plan-a", "plan", "wps", [
        D("layout", "每行 29 字（字符间距紧缩 0.8 磅）", fmt=style_fmt("Normal", condense(-16))),
        D("font", "二级标题用黑体（样式，应为楷体）", fmt=style_fmt("Heading2", font(HT))),
        D("numbers", "全角数字“２４００”", "２４００", text=rep("2400批次", "２４００批次")),
    ]),
    Variant("plan-b", "plan", "wps", [
        D("size", "标题 20 磅（样式，应为 22 磅）", "全市农产品质量安全提升行动工作方案", fmt=style_fmt("GongwenTitle", size(20))),
        D("alignment", "一级标题“三、”右对齐", "三、保障措施", fmt=on("三、保障措施", align("right"))),
        D("header_footer", "页码写成“1/2”", fmt=numbers(before="", after="", second="/")),
    ]),
    Variant("plan-c", "plan", "wps", [
        D("numbering", "层次颠倒：一级用“（一）”，二级用“一、”",
          text=chain(rep("一、总体目标", "（一）总体目标"), rep("二、重点任务", "（二）重点任务"), rep("三、保障措施", "（三）保障措施"),
                     rep("（一）加强源头管控。", "一、加强源头管控。"), rep("（二）强化检验检测。", "二、强化检验检测。"),
                     rep("（三）推进追溯管理。", "三、推进追溯管理。"))),
        D("spacing", "一级标题段前 0.5 行（样式）", fmt=style_fmt("Heading1", spacing(before=156))),
    ]),
    Variant("plan-d", "plan", "wps", [
        D("parallelism", "二级标题“（二）”是名词短语，与动宾结构的另两个不对仗", "（二）检验检测体系。", text=rep("（二）强化检验检测。", "（二）检验检测体系。")),
        D("indent", "二级标题首行缩进 1 字（其余为 2 字）", "（三）推进追溯管理。", fmt=on("（三）推进追溯管理。", indent(first=1))),
    ]),
    # ---- 工作总结 (word, long, table and attachment)
    Variant("summary-a", "summary", "word", [
        D("layout", "每行 27 字（字符间距加宽 0.35 磅）", fmt=on_role(("body", "h1", "h2", "attach", "sig", "date"), condense(7))),
        D("numbering", "二级标题“(三)”用半角括号", "(三)农村改革持续深化。", text=rep("（三）农村改革持续深化。", "(三)农村改革持续深化。")),
        D("header_footer", "页码写成“第1页”", fmt=numbers(before="第", after="页")),
        D("pagination", "每行 27 字使二级标题“（三）深化农村综合改革。”落在第3页最后一行（背题）", "（三）深化农村综合改革。",
          render=("foot_heading", 3, "（三）深化农村综合改革。")),
    ]),
    Variant("summary-b", "summary", "word", [
        D("indent", "一级标题全部顶格（正文首行缩进 2 字）", fmt=on_role(("h1",), indent(first=0))),
        D("numbers", "年份简写“24年”", "24年，在市委", text=rep("2024年，在市委", "24年，在市委")),
        D("punctuation", "重复句号“。。”", "转发推广。。", text=rep("转发推广。", "转发推广。。")),
    ]),
    Variant("summary-c", "summary", "word", [
        D("size", "二级标题“（二）”14 磅", "（二）乡村产业加快发展。", fmt=on("（二）乡村产业加快发展。", size(14))),
        D("spacing", "一级标题“三、”段前 12 磅、段后 6 磅", "三、存在的问题", fmt=on("三、存在的问题", spacing(before=240, after=120))),
        D("alignment", "正文全部左对齐（应两端对齐）", fmt=all_text(align("left"))),
        D("pagination", "段前段后间距使二级标题“（三）深化农村综合改革。”落在第3页最后一行（背题）", "（三）深化农村综合改革。",
          render=("foot_heading", 3, "（三）深化农村综合改革。")),
    ]),
    Variant("summary-d", "summary", "word", [
        D("parallelism", "二级标题“（三）深化农村改革。”是动宾结构，另三个为主谓结构", "（三）深化农村改革。",
          text=rep("（三）农村改革持续深化。", "（三）深化农村改革。")),
        D("structure", "缺成文日期", text=drop("2025年1月15日", "date")),
        D("header_footer", "首页无页码（首页不同，首页页脚为空）", fmt=first_page_unnumbered),
        D("font", "正文一段用宋体", "二是坚持项目支撑", fmt=on("二是坚持项目支撑", font(SONG, SONG))),
    ]),
    Variant("summary-e", "summary", "word", [
        D("numbering", "正文中的层次序号写成“1)”", "1)坚持规划引领", text=chain(rep("一是坚持规划引领", "1)坚持规划引领"),
                                                                  rep("二是坚持项目支撑", "2)坚持项目支撑"),
                                                                  rep("三是坚持改革赋能", "3)坚持改革赋能"),
                                                                  rep("四是坚持党建统领", "4)坚持党建统领"))),
        D("parallelism", "一级标题“二、”远长于同组其他标题", "二、我们坚持规划引领",
          text=rep("二、主要做法", "二、我们坚持规划引领、项目支撑、改革赋能和党建统领，形成了一套行之有效的工作方法")),
    ]),
    # ---- 意见 (gen)
    Variant("opinion-a", "opinion", "gen_raw", [
        D("layout", "python-docx 默认模板：Letter 纸，页边距 25.4/31.75 mm"),
        D("font", "正文和标题用主题字体（未设仿宋、小标宋、黑体、楷体）"),
        D("size", "正文 11 磅（默认模板）"),
        D("spacing", "默认模板的 1.15 倍行距和段后 10 磅"),
        D("header_footer", "没有页码"),
    ]),
    Variant("opinion-b", "opinion", "gen", [
        D("alignment", "标题左对齐（Title 样式）", "关于加快发展农村电子商务的意见", fmt=style_fmt("Title", align("left"))),
        D("numbering", "一级标题写成“一.”", text=chain(rep("一、总体要求", "一.总体要求"), rep("二、主要任务", "二.主要任务"),
                                                           rep("三、保障措施", "三.保障措施"))),
        D("numbers", "正文中用“二〇二七年”（应为 2027年）", "到二〇二七年", text=rep("到2027年", "到二〇二七年")),
    ]),
    Variant("opinion-c", "opinion", "gen", [
        D("layout", "上白边 35 mm、左白边 26 mm、右白边 28 mm", fmt=setup(margins=(35, 35, 26, 28))),
        D("punctuation", "英文直引号", "\"农产品上行\"", text=rep("推动农产品上行和工业品下乡", "推动\"农产品上行\"和\"工业品下乡\"")),
        D("parallelism", "二级标题“（二）”远长于同组其他标题", "（二）培育农村电商经营主体，",
          text=rep("（二）培育农村电商经营主体。", "（二）培育农村电商经营主体，每年培训人才并扶持本土企业和直播团队，打造网销农产品品牌。")),
        D("structure", "主送机关排在标题之前（标题不是第一段）", text=move("各镇人民政府、街道办事处，市政府各部门：", None)),
    ]),
    Variant("opinion-d", "opinion", "gen", [
        D("indent", "二级标题首行不缩进（Heading 2 样式）", fmt=style_fmt("Heading2", indent(first=0))),
        D("header_footer", "页码用 3 号仿宋（应为 4 号宋体）", fmt=numbers(font=FS, size=16)),
        D("font", "二级标题用黑体（Heading 2 样式，应为楷体）", fmt=style_fmt("Heading2", font(HT))),
    ]),
    # ---- 通报 (word, 版记)
    Variant("bulletin-a", "bulletin", "word", [
        D("size", "正文一段 15 磅", "本次检查共抽查企业", fmt=on("本次检查共抽查企业", size(15))),
        D("punctuation", "标点前多一个空格“普遍重视 ，”", "普遍重视 ，", text=rep("普遍重视，", "普遍重视 ，")),
        D("numbering", "一级标题重号：一、二、二、", "二、下一步要求", text=rep("三、下一步要求", "二、下一步要求")),
    ]),
    Variant("bulletin-b", "bulletin", "word", [
        D("alignment", "成文日期右对齐不缩进（应比署名右移二字，7.3.5.2）", "2025年4月3日", fmt=on("2025年4月3日", indent(first=0))),
        D("numbers", "日期写成“2025-3-10”", "2025-3-10", text=rep("3月10日至3月28日", "2025-3-10至2025-3-28")),
        D("header_footer", "页码 5 号（10.5 磅，应为 4 号）", fmt=numbers(size=10.5)),
    ]),
    Variant("bulletin-c", "bulletin", "word", [
        D("parallelism", "一级标题“三、”写成一句话，与“总体情况”“存在的主要问题”不对仗", "三、各地各部门要认真抓好",
          text=rep("三、下一步要求", "三、各地各部门要认真抓好问题整改落实")),
        D("structure", "版记排在落款之前（版记应在最后）", text=chain(move("抄送：", "对整改不力"), move("2025年4月3日印发", "抄送："))),
        D("indent", "正文一段用全角空格缩进（首行缩进 0）", "　　一是部分企业",
          text=rep("一是部分企业", "　　一是部分企业"), fmt=on("一是部分企业", indent(first=0))),
    ]),
    Variant("bulletin-d", "bulletin", "word", [
        D("spacing", "正文一段 1.2 倍行距", "各镇（街道）和有关部门要对照", fmt=on("各镇（街道）和有关部门要对照", spacing(line=288, rule="auto"))),
        D("font", "一级标题“一、”用楷体（应为黑体）", "一、总体情况", fmt=on("一、总体情况", font(KT, KT))),
    ]),
    # ---- 批复 (wps)
    Variant("reply-a", "reply", "wps", [
        D("layout", "横向页面", fmt=landscape),
        D("punctuation", "标题末尾有句号", "发展服务中心的批复。",
          text=rep("服务中心的批复", "服务中心的批复。")),
    ]),
    Variant("reply-b", "reply", "wps", [
        D("font", "标题用楷体", "发展服务中心的批复", fmt=on("服务中心的批复", font(KT, KT))),
        D("indent", "正文一段悬挂缩进 2 字", "二、该中心主要承担", fmt=on("二、该中心主要承担", indent(hanging=2, left=2))),
        D("numbers", "成文日期用汉字“二〇二五年五月十二日”", "二〇二五年五月十二日", text=rep("2025年5月12日", "二〇二五年五月十二日")),
    ]),
    Variant("reply-e", "reply", "wps", [
        D("layout", "文档网格“指定行和字符网格”，字符跨度 16.24 磅：Word 中每行 27 字", fmt=setup(grid="linesAndChars", char_space=1000)),
        D("spacing", "正文段前 0.5 行（段前 7.8 磅）", "二、该中心主要承担", fmt=on("二、该中心主要承担", spacing(before=156))),
    ]),
    Variant("reply-c", "reply", "wps_t", [
        D("structure", "缺主送机关", text=drop("市农业农村局：")),
        D("header_footer", "页码只有数字，无一字线", fmt=numbers(before="", after="")),
    ]),
    Variant("notice-h", "notice", "word", [
        D("numbering", "三级标题写成“（1）.”", text=chain(rep("1.自查阶段", "（1）.自查阶段"), rep("2.抽查阶段", "（2）.抽查阶段"),
                                                         rep("3.总结阶段", "（3）.总结阶段"))),
        D("alignment", "署名居中", "青州市农业农村局", fmt=on("青州市农业农村局", chain(align("center"), indent(first=0)))),
    ]),
    Variant("report-e", "report", "word_s", [
        D("punctuation", "半角分号“安全投入不足;”", "安全投入不足;", text=rep("安全投入不足；", "安全投入不足;")),
        D("size", "标题 16 磅（套用 Heading 1 后只改了字体）", "关于第一季度安全生产工作情况的报告",
          fmt=on("关于第一季度安全生产工作情况的报告", size(16))),
        D("structure", "“特此报告。”之后缺署名和日期", text=chain(drop("东城区人民政府", "sig"), drop("2025年4月10日", "date"))),
    ]),
    Variant("opinion-e", "opinion", "word_s", [
        D("font", "二级标题用仿宋（套用 Heading 3 后未改字体）", "（三）健全农产品上行供应链。",
          fmt=on("（三）健全农产品上行供应链。", font(FS, "Times New Roman"))),
        D("indent", "正文一段首行缩进用 0.74 厘米（约 1.3 字）", "整合邮政、快递和供销资源",
          fmt=on("整合邮政、快递和供销资源", indent(first=1.3, chars=False))),
        D("numbers", "“２０２７年”全角数字", "到２０２７年", text=rep("到2027年", "到２０２７年")),
    ]),
    # ---- pagination: each shows in LibreOffice's layout (validate.py checks the `render` entry)
    Variant("notice-g", "notice", "word", [
        D("pagination", "背题：一级标题“三、时间安排”排在第1页最后一行，正文在下一页", "三、时间安排",
          text=rep("发现问题要督促经营主体立即整改。", ""), render=("foot_heading", 1, "三、时间安排")),
    ]),
    Variant("summary-f", "summary", "word", [
        D("pagination", "背题：二级标题“（三）”排在第1页最后一行", "（三）农村改革持续深化。",
          text=rep("全年建成粮食烘干中心12处，新增烘干能力1800吨。", ""), render=("foot_heading", 1, "（三）农村改革持续深化。")),
        D("pagination", "背题：一级标题“三、存在的问题”排在第2页最后一行", "三、存在的问题",
          text=rep("，新增“三品一标”认证产品41个", ""), render=("foot_heading", 2, "三、存在的问题")),
        D("pagination", "附件说明、署名和日期单独排在第4页，该页没有正文", render=("alone", "青州市农业农村局")),
    ]),
    Variant("minutes-e", "minutes", "word", [
        D("pagination", "署名和日期单独排在第2页，该页没有正文", text=rep("对企业反映集中的共性问题，要建立台账、定期会商、限时解决。", ""),
          render=("alone", "东城区人民政府办公室")),
    ]),
    Variant("report-d", "report", "gen", [
        D("pagination", "“特此报告。”后插入分页符，署名和日期单独在一页", text=insert("特此报告。", "break", ""),
          render=("alone", "东城区人民政府")),
    ]),
    Variant("plan-e", "plan", "wps", [
        D("pagination", "第1页排了 26 行（超过 22 行）", render=("lines_over", 1, 22),
          fmt=style_fmt("Normal", chain(spacing(line=480), lambda p: _put(ppr_of(p), "w:snapToGrid", _PPR_ORDER).set(qn("w:val"), "0")))),
        D("spacing", "正文固定值 24 磅（Normal 样式）"),
    ]),
    Variant("summary-g", "summary", "word", [
        D("pagination", "段落未设孤行控制：第2页第一行只有上段末尾“41个。”", "新培育市级以上农业产业化龙头企业",
          fmt=lambda r: [_put(ppr_of(p), "w:widowControl", _PPR_ORDER).set(qn("w:val"), "0") for _, p in r.paras],
          render=("orphan_line", 2)),
    ]),
    Variant("bulletin-e", "bulletin", "word", [
        D("pagination", "版记未排在末页最下方（前面的空行被删去）", text=drop_blanks(15), render=("banji_not_bottom",)),
    ]),
]


# ---------------------------------------------------------------- building the corpus
RENDER: dict[str, Callable[[list[Block]], Rendered]] = {
    "word": render_word, "word_s": render_word_styled, "wps": render_wps, "wps_t": lambda b: render_wps(b, sig_table=True), "gen": render_gen,
    "gen_raw": lambda b: render_gen(b, tidy=False),
}  # fmt: skip

#: the clean documents: (kind, author) laid out by the standard
CLEAN = [("notice", "word"), ("request", "wps"), ("report", "gen"), ("letter", "wps"), ("minutes", "word"),
         ("plan", "wps"), ("summary", "word"), ("opinion", "gen"), ("bulletin", "word"), ("reply", "wps"),
         ("reply", "wps_t"), ("letter", "gen"), ("notice", "wps"), ("report", "word_s"), ("opinion", "word_s")]  # fmt: skip
#: documents also written through LibreOffice (docx -> odt -> docx) when office is available
OFFICE_CLEAN = [("notice", "word"), ("plan", "wps"), ("reply", "wps"), ("minutes", "word"), ("letter", "wps")]
OFFICE_DEFECTIVE = ["notice-b", "report-c", "letter-a", "minutes-b", "opinion-b", "bulletin-d", "plan-a"]


def twin_author(author: str) -> str:
    return "gen" if author == "gen_raw" else author


def build(kind: str, author: str, defects: list[Defect] = ()) -> Rendered:  # type: ignore[assignment]
    blocks = parse(TEXTS.DOCUMENTS[kind])
    for d in defects:
        if d.text:
            d.text(blocks)
    r = RENDER[author](blocks)
    for p in r.role("title", "annex_title"):  # a 22 pt line takes one line, not two, of the line grid
        _put(ppr_of(p), "w:snapToGrid", _PPR_ORDER).set(qn("w:val"), "0")
    for d in defects:
        if d.fmt:
            d.fmt(r)
    return r


def paragraph_of(path: Path, quote: str) -> int:
    """1-based index in `Document.paragraphs` of the one paragraph that is `quote` or holds it."""
    import docx

    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    hits = [i for i, t in enumerate(texts) if t == quote] or [i for i, t in enumerate(texts) if quote in t]
    if len(hits) != 1:
        raise ValueError(f"{path.name}: {len(hits)} paragraphs hold {quote!r}")
    return hits[0] + 1


def entry_of(path: Path, v: Variant, author: str) -> dict[str, Any]:
    return {
        "file": path.name, "kind": v.kind, "author": author, "twin": f"clean-{v.kind}-{twin_author(v.author)}.docx",
        "defects": [{"category": d.category, "paragraph": paragraph_of(path, d.at) if d.at else None, "quote": d.at,
                     "note": d.note, **({"render": list(d.render)} if d.render else {})} for d in v.defects],
    }  # fmt: skip


def soffice_roundtrip(paths: list[Path], dest: Path) -> list[Path]:
    """Each .docx saved by LibreOffice as .odt, and that .odt converted back to .docx in `dest`."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) not found")
    work = Path(tempfile.mkdtemp(prefix="wenmi-eval8-lo-"))
    profile = work / "profile"
    env = dict(os.environ)
    env.setdefault("FONTCONFIG_FILE", str(HERE.parents[1] / "tests" / "fonts.conf"))  # the project's own, in a clean clone too
    base = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to"]
    odt = work / "odt"
    subprocess.run(base + ["odt", "--outdir", str(odt)] + [str(p) for p in paths], check=True, capture_output=True,
                   timeout=600, env=env)  # fmt: skip
    subprocess.run(base + ["docx:MS Word 2007 XML", "--outdir", str(dest)] + [str(odt / f"{p.stem}.odt") for p in paths],
                   check=True, capture_output=True, timeout=600, env=env)  # fmt: skip
    shutil.rmtree(work, ignore_errors=True)
    return [dest / f"{p.stem}.docx" for p in paths]


def make(out: Path, office: bool = True) -> dict[str, Any]:
    """Write the corpus into `out` (created) and return its key (also written as out/key.yaml)."""
    import yaml

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    key: dict[str, Any] = {"corpus": "check_eval8", "defective": [], "clean": []}
    for kind, author in CLEAN:
        path = out / f"clean-{kind}-{author}.docx"
        build(kind, author).doc.save(str(path))
        key["clean"].append({"file": path.name, "kind": kind, "author": author, "how": HOW[author]})
    for v in VARIANTS:
        path = out / f"{v.name}.docx"
        build(v.kind, v.author, v.defects).doc.save(str(path))
        key["defective"].append(entry_of(path, v, v.author))
    if office:
        src = Path(tempfile.mkdtemp(prefix="wenmi-eval8-src-"))
        names = {f"lo-{k}-{a}": (k, a) for k, a in OFFICE_CLEAN}
        for name, (k, a) in names.items():
            build(k, a).doc.save(str(src / f"{name}.docx"))
        by_name = {v.name: v for v in VARIANTS}
        for n in OFFICE_DEFECTIVE:
            shutil.copy(out / f"{n}.docx", src / f"lo-{n}.docx")
        soffice_roundtrip(sorted(src.glob("*.docx")), out)
        shutil.rmtree(src, ignore_errors=True)
        for name, (k, a) in names.items():
            key["clean"].append({"file": f"{name}.docx", "kind": k, "author": f"lo_{a}", "how": HOW["lo"]})
        for n in OFFICE_DEFECTIVE:
            v = by_name[n]
            key["defective"].append(entry_of(out / f"lo-{n}.docx", v, f"lo_{v.author}"))
    (out / "key.yaml").write_text(yaml.safe_dump(key, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
    return key


HOW = {
    "word": "Word 用户：每段直接格式（仿宋_GB2312 3号、固定值 28.95 磅、字符紧缩 0.25 磅），手打序号，PAGE 域页码",
    "wps": "WPS 用户：字体只在 docDefaults 和样式里（标题样式“公文标题”、heading 1-3），行网格，PAGE 域页码",
    "wps_t": "WPS 用户，落款放在无边框表格里",
    "word_s": "Word 用户套错了样式（标题用 Heading 1、一级标题用 Heading 2、正文用 Body Text），再逐段直接改成国标格式",
    "gen": "另一生成器：python-docx 默认模板的 Title、Heading 1/2、Normal 样式，样式改为国标字体字号",
    "lo": "同一文档经 LibreOffice 另存为 .odt 再转回 .docx",
}


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description="生成第八份检查评测集（.docx 和 key.yaml）")
    ap.add_argument("out", type=Path, help="输出目录")
    ap.add_argument("--no-office", action="store_true", help="不做 LibreOffice 往返转换")
    args = ap.parse_args(argv)
    key = make(args.out, office=not args.no_office)
    n = sum(len(e["defects"]) for e in key["defective"])
    print(f"已写出 {len(key['defective'])} 份有缺陷文档（{n} 处缺陷）和 {len(key['clean'])} 份合格文档：{args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
