"""How the seventh corpus writes a document: a list of role-tagged paragraphs and tables, written
the way a given office tool writes it (direct formatting, styles, a WPS-like grid, pandoc from
Markdown, LibreOffice from .odt or HTML).

Every size here is the GB/T 9704-2012 value a clean document uses; a defect is a change of one
of them on one paragraph (or of the page or footer), made by the generator in make_corpus.py.
"""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FS, HT, KT, XBS, SONG = "仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "宋体"
LINE = 28.95  # pt, exact line spacing: 22 lines in the 225 mm text block (GB/T 9704 5.2.2)
TEXT_WIDTH_TWIPS = 8844  # 156 mm text block (5.2.1)

#: Direct formatting of each role in a clean document: face, size (pt), alignment, first-line
#: indent, left and right indent (characters of the paragraph's size).
ROLE: dict[str, dict[str, Any]] = {
    "title": {"font": XBS, "size": 22, "align": "center", "first": 0},
    "subtitle": {"font": KT, "size": 16, "align": "center", "first": 0},  # speaker and date under a speech title
    "blank": {"font": FS, "size": 16, "align": "both", "first": 0},
    "to": {"font": FS, "size": 16, "align": "both", "first": 0},
    "h1": {"font": HT, "size": 16, "align": "both", "first": 2},
    "h2": {"font": KT, "size": 16, "align": "both", "first": 2},
    "h3": {"font": FS, "size": 16, "align": "both", "first": 2},
    "h4": {"font": FS, "size": 16, "align": "both", "first": 2},
    "body": {"font": FS, "size": 16, "align": "both", "first": 2},
    "attach": {"font": FS, "size": 16, "align": "both", "first": -3, "left": 5},  # 附件：1.名称 (7.3.4)
    "attach2": {"font": FS, "size": 16, "align": "both", "first": 0, "left": 5},  # 2.名称 under 1.名称
    "sign": {"font": FS, "size": 16, "align": "right", "first": 0, "right": 2},  # 7.3.5.2
    "date": {"font": FS, "size": 16, "align": "left", "first": 0},  # left indent computed (7.3.5.2)
    "note": {"font": FS, "size": 16, "align": "both", "first": 2},  # 附注 (7.3.6)
    "alabel": {"font": HT, "size": 16, "align": "left", "first": 0},  # 附件1 (8)
    "atitle": {"font": XBS, "size": 22, "align": "center", "first": 0},
    "attend": {"font": FS, "size": 16, "align": "both", "first": -3, "left": 5},  # 出席：… (10.3)
    "cc": {"font": FS, "size": 14, "align": "left", "first": 0, "left": 1, "right": 1},  # 抄送 typed as text
}
HEADING_ROLES = ("h1", "h2", "h3", "h4")


@dataclass
class P:
    """One paragraph: its role, text, overrides of the clean formatting, and the defects planted in it."""

    role: str
    text: str = ""
    fmt: dict[str, Any] = field(default_factory=dict)
    defects: list[tuple[str, str]] = field(default_factory=list)
    #: (substring, run formatting) pairs: parts of the text in another face or size
    spans: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


@dataclass
class Table:
    rows: list[list[str]]
    widths: list[float]  # mm, summing to 156 in a clean table
    fmt: dict[str, Any] = field(default_factory=dict)


@dataclass
class Doc:
    name: str
    kind: str
    way: str  # direct | styles | cnstyles | wps | pandoc | odt | html
    blocks: list[Any]
    page: dict[str, Any] = field(default_factory=dict)
    footer: dict[str, Any] = field(default_factory=dict)
    defects: list[tuple[str, str]] = field(default_factory=list)  # with no paragraph
    record: list[str] | None = None  # 版记: 抄送 line, 印发机关, 印发日期
    twin: str | None = None

    def copy(self, name: str, way: str | None = None) -> Doc:
        d = copy.deepcopy(self)
        d.name, d.twin = name, self.name
        d.way = way or self.way
        return d

    def find(self, role: str, nth: int = 0, contains: str = "") -> P:
        hits = [b for b in self.blocks if isinstance(b, P) and b.role == role and contains in b.text]
        return hits[nth]


PAGE = {"w": 210.0, "h": 297.0, "top": 37.0, "bottom": 35.0, "left": 28.0, "right": 26.0, "landscape": False,
        "footer": 24.5, "lines": None, "chars": None}  # fmt: skip
FOOTER = {"form": "dash", "odd": "right", "even": "left", "size": 14, "font": SONG, "missing": False,
          "first_missing": False, "distinct": True}  # fmt: skip


def text_width(s: str) -> float:
    """Width of `s` in characters: ASCII is half a character."""
    return sum(0.5 if ord(c) < 128 else 1.0 for c in s)


# ---------------------------------------------------------------------------------------------
# python-docx writers


def _fmt(block: P, way: str) -> dict[str, Any]:
    f = dict(ROLE[block.role])
    f.update(block.fmt)
    return f


def _set_ppr(ppr: Any, f: dict[str, Any], grid: bool) -> None:
    """Write the paragraph formatting `f` into the `w:pPr` element `ppr`."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    size = f["size"]

    def el(tag: str, **attrs: Any) -> Any:
        e = ppr.find(qn(f"w:{tag}"))
        if e is None:
            e = OxmlElement(f"w:{tag}")
            ppr.append(e)
        for k, v in attrs.items():
            e.set(qn(f"w:{k}"), str(v))
        return e

    if f.get("page_break_before"):
        el("pageBreakBefore")
    if f.get("keep_next"):
        el("keepNext")
    if f.get("snap") is False:
        el("snapToGrid", val=0)
    # on a grid, text lines follow the grid; a 2号 title keeps an exact line so it takes one
    line = f.get("line", LINE if size > 16 or not grid else "grid")
    sp = {"before": int(f.get("before", 0) * 20), "after": int(f.get("after", 0) * 20)}
    if line == "grid":
        sp.update(line=240, lineRule="auto")
    elif isinstance(line, str) and line.endswith("x"):  # multiple, e.g. "1.5x"
        sp.update(line=int(float(line[:-1]) * 240), lineRule="auto")
    else:
        sp.update(line=int(round(float(line) * 20)), lineRule="exact")
    el("spacing", **sp)
    ind: dict[str, Any] = {}
    first = f.get("first", 0)
    if first >= 0:  # written even when 0, so that no style's indent shows through
        ind.update(firstLineChars=int(first * 100), firstLine=int(first * size * 20))
    elif first < 0:
        ind.update(hangingChars=int(-first * 100), hanging=int(-first * size * 20))
    if f.get("left"):
        ind.update(leftChars=int(f["left"] * 100), left=int(f["left"] * size * 20))
    if f.get("right"):
        ind.update(rightChars=int(f["right"] * 100), right=int(f["right"] * size * 20))
    if f.get("first_pt") is not None:  # an indent set in points, not characters
        ind = {k: v for k, v in ind.items() if not k.startswith(("firstLine", "hanging"))}
        ind["firstLine"] = int(f["first_pt"] * 20)
    if ind:
        el("ind", **ind)
    jc = {"both": "both", "center": "center", "right": "right", "left": "left"}[f["align"]]
    el("jc", val=jc)
    order_ppr(ppr)


_PPR_ORDER = ("pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr pBdr shd tabs kinsoku wordWrap "
              "overflowPunct autoSpaceDE autoSpaceDN snapToGrid spacing ind contextualSpacing jc textAlignment "
              "outlineLvl rPr sectPr").split()  # fmt: skip


def order_ppr(ppr: Any) -> None:
    """Children of `w:pPr` in the schema's order, as Word wants them."""
    from docx.oxml.ns import qn

    rank = {qn(f"w:{t}"): i for i, t in enumerate(_PPR_ORDER)}
    children = sorted(ppr, key=lambda e: rank.get(e.tag, len(rank)))
    for e in children:
        ppr.remove(e)
        ppr.append(e)


def _rpr(rpr: Any, f: dict[str, Any], condense: bool) -> None:
    """Write the run formatting `f` into the `w:rPr` element `rpr`."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fonts = OxmlElement("w:rFonts")
    latin = f.get("latin", "Times New Roman")
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), f["font"])
    rpr.append(fonts)
    if f.get("bold"):
        rpr.append(OxmlElement("w:b"))
    if f.get("color"):
        c = OxmlElement("w:color")
        c.set(qn("w:val"), f["color"])
        rpr.append(c)
    if condense and f.get("condense", True) and f["size"] == 16:
        s = OxmlElement("w:spacing")
        s.set(qn("w:val"), "-5")  # 0.25 pt less per character: 28 characters fill 156 mm
        rpr.append(s)
    for tag in ("w:sz", "w:szCs"):
        sz = OxmlElement(tag)
        sz.set(qn("w:val"), str(int(f["size"] * 2)))
        rpr.append(sz)


def _runs(p: Any, block: P, f: dict[str, Any], condense: bool, direct: bool) -> None:
    """The text of `block` as runs; spans in other faces get runs of their own."""
    pieces: list[tuple[str, dict[str, Any]]] = [(block.text, {})]
    for sub, extra in block.spans:
        out: list[tuple[str, dict[str, Any]]] = []
        for text, ex in pieces:
            if ex or sub not in text:
                out.append((text, ex))
                continue
            a, _, b = text.partition(sub)
            out += [(a, {}), (sub, extra), (b, {})]
        pieces = out
    for text, extra in pieces:
        if not text:
            continue
        run = p.add_run(text)
        if direct or extra:
            _rpr(run._r.get_or_add_rPr(), {**f, **extra}, condense)


def _style_xml(styles: Any, name: str, style_id: str, f: dict[str, Any], condense: bool, builtin: bool) -> Any:
    """A paragraph style carrying the formatting `f`, built-in (cleared of the template's theme
    fonts, colours and spacing) or new."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    if builtin:
        st = styles[name]
        for child in list(st.element):
            if child.tag in (qn("w:pPr"), qn("w:rPr")):
                st.element.remove(child)
    else:
        st = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.element.set(qn("w:styleId"), style_id)
    if not builtin or name == "Normal":
        ppr = st.element.get_or_add_pPr()
        for tag in ("widowControl", "snapToGrid"):  # as a Chinese Word installation has them
            e = OxmlElement(f"w:{tag}")
            e.set(qn("w:val"), "0")
            ppr.append(e)
    st.quick_style = True

    _set_ppr(st.element.get_or_add_pPr(), f, grid=f.get("line") == "grid")
    _rpr(st.element.get_or_add_rPr(), f, condense)
    return st


def _field_runs(p: Any, code: str, f: dict[str, Any]) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind in ("begin", "instr", "separate", "text", "end"):
        run = p.add_run()
        _rpr(run._r.get_or_add_rPr(), f, condense=False)
        if kind == "instr":
            t = OxmlElement("w:instrText")
            t.set(qn("xml:space"), "preserve")
            t.text = f" {code} "
            run._r.append(t)
        elif kind == "text":
            run._r.append(_text("1"))
        else:
            fc = OxmlElement("w:fldChar")
            fc.set(qn("w:fldCharType"), "end" if kind == "end" else kind)
            run._r.append(fc)


def _text(s: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = s
    return t


def _footer_paragraph(footer: Any, spec: dict[str, Any], side: str) -> None:
    p = footer.paragraphs[0]
    f = {"font": spec["font"], "size": spec["size"], "align": {"right": "right", "left": "left", "center": "center"}[side],
         "first": 0, "line": "1x", "latin": spec["font"] if spec["font"] != SONG else SONG}  # fmt: skip
    if side == "right":
        f["right"] = 1
    elif side == "left":
        f["left"] = 1
    _set_ppr(p._p.get_or_add_pPr(), {**f, "size": 14 if f["size"] < 14 else f["size"]}, grid=False)
    form = spec["form"]
    before, after = {"dash": ("— ", " —"), "page": ("第", "页"), "hyphen": ("-", "-"), "slash": ("", "/"), "plain": ("", "")}[form]
    run = p.add_run(before)
    _rpr(run._r.get_or_add_rPr(), f, condense=False)
    _field_runs(p, "PAGE", f)
    run = p.add_run(after)
    _rpr(run._r.get_or_add_rPr(), f, condense=False)
    if form == "slash":
        _field_runs(p, "NUMPAGES", f)


def _section_xml(section: Any, page: dict[str, Any]) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    w, h = page["w"], page["h"]
    if page["landscape"]:
        section.orientation = WD_ORIENT.LANDSCAPE
        w, h = h, w
    section.page_width, section.page_height = Mm(w), Mm(h)
    section.top_margin, section.bottom_margin = Mm(page["top"]), Mm(page["bottom"])
    section.left_margin, section.right_margin = Mm(page["left"]), Mm(page["right"])
    section.footer_distance, section.header_distance = Mm(page["footer"]), Mm(15)
    sect = section._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    for a in list(grid.attrib):
        del grid.attrib[a]
    if page.get("chars"):
        # a line-and-character grid whose character pitch is the 16 pt face itself: 27 to a line
        grid.set(qn("w:type"), "linesAndChars")
        grid.set(qn("w:linePitch"), str(int((h - page["top"] - page["bottom"]) / 25.4 * 1440 / page.get("lines", 22))))
        grid.set(qn("w:charSpace"), "0")
    elif page.get("lines"):
        # WPS-like line grid: the line pitch that gives `lines` lines on the text block
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(int((h - page["top"] - page["bottom"]) / 25.4 * 1440 / page["lines"])))
    else:
        grid.set(qn("w:linePitch"), "312")  # Word's default, no grid


def _defaults(document: Any, grid: bool) -> None:
    """docDefaults as a Chinese Word installation writes them: East Asian language, no widow
    control, 仿宋 16 pt (so that a WPS grid is counted in 16 pt characters)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        rpr.remove(child)
    fonts = OxmlElement("w:rFonts")
    for k, v in (("ascii", "Times New Roman"), ("hAnsi", "Times New Roman"), ("eastAsia", FS), ("cs", "Times New Roman")):
        fonts.set(qn(f"w:{k}"), v)
    rpr.append(fonts)
    for tag in ("w:sz", "w:szCs"):
        e = OxmlElement(tag)
        e.set(qn("w:val"), "32")
        rpr.append(e)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    rpr.append(lang)
    normal = document.styles["Normal"].element
    ppr = normal.get_or_add_pPr()
    wc = OxmlElement("w:widowControl")
    wc.set(qn("w:val"), "0")
    ppr.insert(0, wc)
    if not grid:
        snap = OxmlElement("w:snapToGrid")
        snap.set(qn("w:val"), "0")
        ppr.append(snap)
    order_ppr(ppr)


def _table(document: Any, t: Table, grid: bool) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    tab = document.add_table(rows=len(t.rows), cols=len(t.rows[0]))
    tab.style = document.styles["Table Grid"]
    tbl = tab._tbl
    tblpr = tbl.tblPr
    tw = tblpr.find(qn("w:tblW"))
    if tw is None:
        tw = OxmlElement("w:tblW")
        tblpr.append(tw)
    total = int(sum(t.widths) / 25.4 * 1440)
    tw.set(qn("w:w"), str(total))
    tw.set(qn("w:type"), "dxa")
    jc = OxmlElement("w:jc")
    jc.set(qn("w:val"), "center")
    tblpr.append(jc)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    for gc, wmm in zip(tbl.tblGrid.findall(qn("w:gridCol")), t.widths, strict=True):
        gc.set(qn("w:w"), str(int(wmm / 25.4 * 1440)))
    size = t.fmt.get("size", 14)
    for r, row in enumerate(t.rows):
        trpr = tab.rows[r]._tr.get_or_add_trPr()
        if r == 0:
            trpr.append(OxmlElement("w:tblHeader"))
        cs = OxmlElement("w:cantSplit")
        trpr.insert(0, cs)
        for c, text in enumerate(row):
            cell = tab.rows[r].cells[c]
            cell.width = Mm(t.widths[c])
            p = cell.paragraphs[0]
            head = r == 0
            f = {"font": HT if head else t.fmt.get("font", FS), "size": size, "first": 0, "line": t.fmt.get("line", 20),
                 "align": "center" if head or c == 0 else t.fmt.get("align", "both")}  # fmt: skip
            _set_ppr(p._p.get_or_add_pPr(), f, grid=False)
            run = p.add_run(text)
            _rpr(run._r.get_or_add_rPr(), f, condense=False)


def _record(document: Any, lines: list[str], grid: bool) -> None:
    """版记 (7.4): 抄送 and 印发机关/印发日期 in 4号 仿宋 between rules, alone in a last section that
    sits at the foot of its page and carries no page number."""
    from docx.enum.section import WD_SECTION
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    body = document.element.body
    last_p = body.findall(qn("w:p"))[-1]
    old = document.sections[-1]._sectPr
    moved = copy.deepcopy(old)
    last_p.get_or_add_pPr().append(moved)  # the body section ends with the last body paragraph
    order_ppr(last_p.pPr)
    sect = old
    for ref in sect.findall(qn("w:footerReference")) + sect.findall(qn("w:headerReference")):
        sect.remove(ref)
    typ = sect.find(qn("w:type"))
    if typ is None:
        typ = OxmlElement("w:type")
        sect.insert(0, typ)
    typ.set(qn("w:val"), "nextPage")
    va = OxmlElement("w:vAlign")
    va.set(qn("w:val"), "bottom")
    sect.append(va)
    new = document.sections[-1]
    assert new.start_type == WD_SECTION.NEW_PAGE
    for ft in (new.footer, new.even_page_footer):
        ft.is_linked_to_previous = False
    cc, organ, date = lines
    f = {"font": FS, "size": 14, "align": "left", "first": 0, "left": 1, "right": 1, "line": 26, "snap": False}
    for _ in range(20):  # down to the last lines of the page, for the editors that ignore vAlign
        p = document.add_paragraph()
        _set_ppr(p._p.get_or_add_pPr(), {**f, "size": 16, "left": 0, "right": 0, "line": LINE}, grid=False)
    for i, text in enumerate((cc, f"{organ}\t{date}印发")):
        p = document.add_paragraph()
        _set_ppr(p._p.get_or_add_pPr(), f, grid=False)
        ppr = p._p.get_or_add_pPr()
        bdr = OxmlElement("w:pBdr")
        for side, sz in (("top", 8 if i == 0 else 0), ("bottom", 6 if i == 0 else 8)):
            if not sz:
                continue
            b = OxmlElement(f"w:{side}")
            for k, v in (("val", "single"), ("sz", str(sz)), ("space", "1"), ("color", "auto")):
                b.set(qn(f"w:{k}"), v)
            bdr.append(b)
        ppr.insert(0, bdr)
        if i == 1:
            tabs = OxmlElement("w:tabs")
            tb = OxmlElement("w:tab")
            tb.set(qn("w:val"), "right")
            tb.set(qn("w:pos"), str(TEXT_WIDTH_TWIPS - 280))
            tabs.append(tb)
            ppr.insert(0, tabs)
        order_ppr(ppr)
        run = p.add_run(text)
        _rpr(run._r.get_or_add_rPr(), f, condense=False)


def write_docx(doc: Doc, path: Path) -> None:
    """Write `doc` with python-docx the way its `way` says (direct, styles, cnstyles, wps)."""
    import docx

    page = {**PAGE, **doc.page}
    grid = doc.way == "wps"
    if grid and not page.get("lines"):
        page["lines"] = 22
    document = docx.Document()
    _defaults(document, grid)
    _section_xml(document.sections[0], page)
    styled = doc.way in ("styles", "cnstyles")
    style_of: dict[str, Any] = {}
    if styled:
        builtin = doc.way == "styles"
        names = {"body": ("Normal", "a"), "h1": ("Heading 1", "1"), "h2": ("Heading 2", "2"), "title": ("Title", "a3")}
        if not builtin:
            names = {"body": ("正文", "zw"), "h1": ("标题 1", "bt1"), "h2": ("标题 2", "bt2"), "title": ("公文标题", "gwbt")}
        for role, (name, sid) in names.items():
            f = {**ROLE[role], **doc.page.get("style_" + role, {})}
            style_of[role] = _style_xml(document.styles, name, sid, f, condense=True, builtin=builtin)
        for role in ("h3", "h4", "to", "note", "blank"):
            style_of[role] = style_of["body"]
    first = True
    for block in doc.blocks:
        if isinstance(block, Table):
            _table(document, block, grid)
            continue
        f = _fmt(block, doc.way)
        if first and document.paragraphs and not document.paragraphs[0].text:
            p = document.paragraphs[0]
        else:
            p = document.add_paragraph()
        first = False
        if block.role in style_of:
            p.style = style_of[block.role]
            # what the author changed by hand on top of the style is direct formatting
            if block.fmt or block.role == "to":
                _set_ppr(p._p.get_or_add_pPr(), f, grid=grid)
            _runs(p, block, f, condense=True, direct=bool({"font", "size", "latin", "bold"} & block.fmt.keys()))
        else:
            _set_ppr(p._p.get_or_add_pPr(), f, grid=grid)
            _runs(p, block, f, condense=True, direct=True)
    if doc.record:
        _record(document, doc.record, grid)
    _footers(document, {**FOOTER, **doc.footer})
    document.save(str(path))


def _footers(document: Any, spec: dict[str, Any]) -> None:
    sec = document.sections[0]
    if spec["missing"]:
        return
    if spec["distinct"]:
        document.settings.odd_and_even_pages_header_footer = True
    _footer_paragraph(sec.footer, spec, spec["odd"])
    if spec["distinct"]:
        _footer_paragraph(sec.even_page_footer, spec, spec["even"])
    if spec["first_missing"]:
        sec.different_first_page_header_footer = True  # 首页不同, the first-page footer left empty


# ---------------------------------------------------------------------------------------------
# other tools


def soffice_env() -> dict[str, str]:
    env = dict(os.environ)
    conf = Path(__file__).resolve().parents[3] / "shared" / "tools" / "fonts.conf"
    if conf.exists():
        env.setdefault("FONTCONFIG_FILE", str(conf))
    return env


def soffice(src: Path, target: str, outdir: Path, infilter: str | None = None) -> Path:
    """Convert `src` with LibreOffice headless into `outdir`; the converted file."""
    profile = Path(tempfile.mkdtemp(prefix="wenmi-eval7-lo-"))
    argv = ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless"]
    if infilter:
        argv.append(f"--infilter={infilter}")
    argv += ["--convert-to", target, "--outdir", str(outdir), str(src)]
    try:
        subprocess.run(argv, check=True, capture_output=True, timeout=180, env=soffice_env())
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    out = outdir / (src.stem + "." + target.split(":")[0])
    if not out.exists():
        raise RuntimeError(f"LibreOffice did not write {out}")
    return out


def write_odt_roundtrip(doc: Doc, path: Path) -> None:
    """Written by Word-like direct formatting, saved as .odt by LibreOffice, then as .docx again."""
    work = Path(tempfile.mkdtemp(prefix="wenmi-eval7-odt-"))
    try:
        src = work / f"{doc.name}.docx"
        write_docx(doc, src)
        odt_dir = work / "odt"
        odt_dir.mkdir()
        odt = soffice(src, "odt", odt_dir)
        back = soffice(odt, 'docx:"MS Word 2007 XML"'.replace('"', ""), work / "odt")
        shutil.copyfile(back, path)
    finally:
        shutil.rmtree(work, ignore_errors=True)


_MD_SPECIAL = ("#", "-", "+", "*", ">", "|")


def _md_line(text: str) -> str:
    import re

    text = text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("<", "\\<")
    if re.match(r"^\d+[.)]", text):
        text = re.sub(r"^(\d+)([.)])", r"\1\\\2", text)
    if text.startswith(_MD_SPECIAL):
        text = "\\" + text
    return text


def write_pandoc(doc: Doc, path: Path, reference: Path) -> None:
    """Markdown written as a drafter writes it, turned into .docx by pandoc with an office
    reference document (page setup, footers and styles)."""
    md: list[str] = []
    level = {"h1": "#", "h2": "##", "h3": "###", "h4": "####"}
    custom = {"title": "公文标题", "to": "主送", "sign": "署名", "date": "成文日期", "attach": "附件说明",
              "attach2": "附件说明续", "note": "附注", "alabel": "附件标签", "atitle": "公文标题", "subtitle": "讲话署名"}  # fmt: skip
    for b in doc.blocks:
        if isinstance(b, Table):
            md.append("| " + " | ".join(b.rows[0]) + " |")
            md.append("|" + "|".join("---" for _ in b.rows[0]) + "|")
            md += ["| " + " | ".join(r) + " |" for r in b.rows[1:]]
            md.append("")
        elif b.role == "blank":
            continue
        elif b.role in level:
            md += [f"{level[b.role]} {_md_line(b.text)}", ""]
        elif b.role in custom:
            md += [f'::: {{custom-style="{custom[b.role]}"}}', _md_line(b.text), ":::", ""]
        else:
            md += [_md_line(b.text), ""]
    work = Path(tempfile.mkdtemp(prefix="wenmi-eval7-md-"))
    try:
        src = work / f"{doc.name}.md"
        src.write_text("\n".join(md), encoding="utf-8")
        subprocess.run(["pandoc", "-f", "markdown-smart-auto_identifiers", "-t", "docx", "--reference-doc", str(reference),
                        "-o", str(path), str(src)], check=True, capture_output=True, timeout=120)  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)


def write_html(doc: Doc, path: Path) -> None:
    """A draft written as a web page (pasted from an intranet editor), opened and saved as .docx by
    LibreOffice Writer."""
    import html

    css = {"title": "font-family:'方正小标宋简体';font-size:22pt;text-align:center",
           "h1": "font-family:'黑体';font-size:16pt;text-indent:32pt", "h2": "font-family:'楷体_GB2312';font-size:16pt;text-indent:32pt",
           "sign": "font-family:'仿宋_GB2312';font-size:16pt;text-align:right;margin-right:32pt",
           "date": "font-family:'仿宋_GB2312';font-size:16pt;text-align:right;margin-right:64pt"}  # fmt: skip
    body = "font-family:'仿宋_GB2312';font-size:16pt;text-indent:32pt;text-align:justify"
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>" + html.escape(doc.name) + "</title>",
             "<style>p{margin:0;line-height:28.95pt}</style></head><body>"]  # fmt: skip
    for b in doc.blocks:
        if isinstance(b, Table):
            parts.append("<table border='1' style='width:100%;border-collapse:collapse'>")
            for row in b.rows:
                parts.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>")
            parts.append("</table>")
            continue
        style = css.get(b.role, body if b.role not in ("to", "blank") else "font-family:'仿宋_GB2312';font-size:16pt")
        style = b.fmt.get("css", style)
        content = html.escape(b.text) or "&nbsp;"
        parts.append(f'<p style="{style}">{content}</p>')
    parts.append("</body></html>")
    work = Path(tempfile.mkdtemp(prefix="wenmi-eval7-html-"))
    try:
        src = work / f"{doc.name}.html"
        src.write_text("\n".join(parts), encoding="utf-8")
        out = soffice(src, "docx:MS Word 2007 XML", work, infilter="HTML (StarWriter)")
        shutil.copyfile(out, path)
    finally:
        shutil.rmtree(work, ignore_errors=True)
