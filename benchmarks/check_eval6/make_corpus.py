"""Sixth examiner corpus for `wenmi check` / `wenmi fix` (issue 13), written without reading the checker.

    python benchmarks/check_eval6/make_corpus.py OUT_DIR [--no-office]

Ten kinds of document (通知 with attachment, 请示, 报告, 函, 会议纪要, 工作方案 with a 配档表, a 3-page
工作总结, 意见, 通报 with 版记, 批复), laid out four ways: Word-like direct formatting on an untouched
Normal style (`direct`), proper custom styles (`styles`), wrong or renamed built-in styles carrying
the right formatting (`renamed`), and a WPS-like document grid with single line spacing that snaps to
it (`wps`); some go through a LibreOffice round trip when `office` is true. Clean documents follow
GB/T 9704-2012; each defective document is a clean twin with planted defects, listed in the key
(`make` returns it; `key.yaml` beside this file is the key of a run with office).

Key: {"defective": [{"file", "kind", "profile", "libreoffice", "defects": [{"category", "paragraph",
"note", "quote"}]}], "clean": [{"file", "kind", "profile", "made", "libreoffice"}]}. `paragraph` is the
1-based index in the document's body paragraphs (python-docx `Document.paragraphs`, empty ones
counted, table cells not), or null for a defect of the page, the grid, the footer or the whole text;
`quote` is the start of that paragraph's text. validate.py checks the corpus in LibreOffice.
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


def _load_texts() -> Any:
    name = "check_eval6_texts"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, HERE / "texts.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


T = _load_texts()

# GB/T 9704-2012 figures (5.2.1 paper, 5.2.2 margins, 5.2.3 grid, 7.5 page numbers)
MM = 36000  # EMU per mm
LINE = 579  # 28.95 pt exact, 22 lines in the 225 mm text block (twentieths of a point)
CONDENSE = -5  # -0.25 pt, so 28 characters of 16 pt fit the 156 mm line
FS, HEI, KAI, XBS, SONG, TNR = "仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "宋体", "Times New Roman"
A4 = {"w": 210, "h": 297, "top": 37, "bottom": 35, "left": 28, "right": 26, "landscape": False}

CATEGORIES = ("layout", "font", "size", "indent", "spacing", "alignment", "numbering", "punctuation",
              "numbers", "parallelism", "structure", "header_footer", "pagination")  # fmt: skip


@dataclass(eq=False)
class Para:
    role: str
    text: str
    fmt: dict[str, Any] = field(default_factory=dict)  # direct overrides on top of the role's format


@dataclass
class Spec:
    name: str
    kind: str
    profile: str
    paras: list[Para]
    page: dict[str, Any] = field(default_factory=lambda: dict(A4))
    grid: dict[str, Any] = field(default_factory=dict)
    footer: dict[str, Any] | None = field(default_factory=dict)
    defects: list[tuple[str, Para | None, str]] = field(default_factory=list)

    def nth(self, role: str, n: int = 0) -> Para:
        return [p for p in self.paras if p.role == role][n]

    def having(self, text: str, n: int = 0) -> Para:
        return [p for p in self.paras if text in p.text][n]

    def plant(self, category: str, para: Para | None, note: str) -> None:
        assert category in CATEGORIES, category
        self.defects.append((category, para, note))


# ---------------------------------------------------------------- formats per role (GB/T 9704 7.2, 7.3)

def style_format(role: str, profile: str) -> dict[str, Any]:
    f = role_format(role)
    if profile != "wps" and role not in ("title", "att_title", "h1", "h2", "att_label"):
        f["ascii"] = TNR  # digits and letters in Times New Roman, as most offices set them
    return f


def role_format(role: str) -> dict[str, Any]:
    f: dict[str, Any] = {"east": FS, "ascii": FS, "size": 16, "bold": False, "align": "both", "first": 200,
                         "left": 0, "right": 0, "hanging": 0, "line": ("exact", LINE), "before": 0, "after": 0,
                         "cs": CONDENSE}  # fmt: skip
    if role in ("title", "att_title"):
        f.update(east=XBS, ascii=XBS, size=22, align="center", first=0, cs=0)
    elif role == "h1":
        f.update(east=HEI, ascii=HEI, keep_next=True)
    elif role == "h2":
        f.update(east=KAI, ascii=KAI, keep_next=True)
    elif role in ("to", "blank"):
        f.update(first=0)
    elif role == "att_note2":
        f.update(first=0, left=500)
    elif role in ("sign", "date"):
        f.update(align="right", first=0, autospace=False)
    elif role == "att_label":
        f.update(east=HEI, ascii=HEI, align="left", first=0, page_break_before=True)
    elif role == "cc":  # 版记 (7.4): 4号 仿宋, one character in from each side, 0.35 mm rule above
        f.update(line=("exact", 520), size=14, first=0, left=100, right=100, cs=0, align="left", border_top=8)
    elif role == "print":  # thin rule between 抄送 and 印发, 0.35 mm rule under the last line
        f.update(line=("exact", 520), size=14, first=0, left=100, right=100, cs=0, align="left", border_top=6, border_bottom=8,
                 tab_right=round(156 / 25.4 * 1440) - 280)
    return f


def width(text: str) -> float:
    """Width in characters: half-width letters and digits count a half."""
    return sum(0.5 if ord(c) < 0x2000 else 1.0 for c in text if c not in "\n\t")


def place_signoff(paras: list[Para]) -> None:
    """GB/T 9704 7.3.5.2 (unsealed): 署名 right-indented 2 characters, 成文日期 on the next line starting
    2 characters right of the 署名's first character; when the date is the longer, the date is
    right-indented 2 characters and the 署名 moved left to keep the 2-character shift. Placed from
    the left where the other line sets the column, so the digits' width cannot move it."""
    signs = [p for p in paras if p.role == "sign"]
    dates = [p for p in paras if p.role == "date"]
    if not signs or not dates:
        for p in signs + dates:  # the one left keeps its 2-character right indent
            p.fmt.setdefault("right", 200)
        return
    s, d = width(signs[0].text), width(dates[0].text)
    if s - d >= 2:
        signs[0].fmt.setdefault("right", 200)
        if "align" not in dates[0].fmt:
            dates[0].fmt.update(align="left", left=round((28 - s) * 100))
    else:
        dates[0].fmt.setdefault("right", 200)
        if "align" not in signs[0].fmt:
            signs[0].fmt.update(align="left", left=round((24 - d) * 100))


# ---------------------------------------------------------------- building the base documents

def base(kind: str, profile: str, name: str) -> Spec:
    pairs = T.KINDS[kind][1]()
    spec = Spec(name=name, kind=kind, profile=profile, paras=[Para(r, t) for r, t in pairs])
    if profile == "wps":
        spec.grid = {"type": "lines", "pitch": LINE}  # single-spaced lines snap to the 22-line grid
    else:
        spec.grid = {"type": None, "pitch": LINE}  # Word's "no grid"; exact 28.95 pt spacing
    spec.footer = {"form": "dash", "side": "std", "size": 14, "font": SONG}
    if profile == "wps":  # the date's digits in Times New Roman, so its width is the same everywhere
        for p in spec.paras:
            if p.role in ("sign", "date"):
                p.fmt["ascii"] = TNR
    return spec


def finish(spec: Spec) -> None:
    place_signoff(spec.paras)


# ---------------------------------------------------------------- docx writer

def _w(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(f"w:{tag}")


def _el(tag: str, **attrs: Any) -> Any:
    from docx.oxml import OxmlElement

    e = OxmlElement(f"w:{tag}")
    for k, v in attrs.items():
        e.set(_w(k), str(v))
    return e


_PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "widowControl", "pBdr", "shd", "tabs",
              "autoSpaceDE", "autoSpaceDN", "snapToGrid", "spacing", "ind", "jc", "outlineLvl")  # fmt: skip
_RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "color", "spacing", "sz", "szCs", "lang")


def _put(parent: Any, child: Any, order: tuple[str, ...]) -> None:
    """Insert child into a pPr/rPr keeping the schema order, replacing one of the same tag."""
    local = child.tag.split("}")[1]
    for old in parent.findall(child.tag):
        parent.remove(old)
    rank = order.index(local) if local in order else len(order)
    for i, sib in enumerate(list(parent)):
        sl = sib.tag.split("}")[1]
        if sl in order and order.index(sl) > rank:
            parent.insert(i, child)
            return
    parent.append(child)


def ppr_elements(f: dict[str, Any]) -> list[Any]:
    els = []
    if f.get("keep_next"):
        els.append(_el("keepNext"))
    if f.get("page_break_before"):
        els.append(_el("pageBreakBefore"))
    if f.get("widow") is False:
        els.append(_el("widowControl", val=0))
    if f.get("autospace") is False:  # no extra space between Chinese and digits: the date keeps its width
        els += [_el("autoSpaceDE", val=0), _el("autoSpaceDN", val=0)]
    rule, val = f["line"]
    sp = {"line": val, "lineRule": rule}
    if f.get("before"):
        sp["before"] = f["before"]
    else:
        sp["before"] = 0
    sp["after"] = f.get("after", 0)
    if f.get("before_lines"):
        sp["beforeLines"] = f["before_lines"]
    if f.get("after_lines"):
        sp["afterLines"] = f["after_lines"]
    els.append(_el("spacing", **sp))
    unit = f["size"] * 20  # twips per character of the paragraph's own size
    ind: dict[str, Any] = {}
    if f.get("left"):
        ind.update(leftChars=f["left"], left=round(f["left"] / 100 * unit))
    if f.get("right"):
        ind.update(rightChars=f["right"], right=round(f["right"] / 100 * unit))
    if f.get("hanging"):
        ind.update(hangingChars=f["hanging"], hanging=round(f["hanging"] / 100 * unit))
    elif f.get("first_pt") is not None:
        ind.update(firstLine=round(f["first_pt"] * 20))
    else:
        ind.update(firstLineChars=f.get("first", 0), firstLine=round(f.get("first", 0) / 100 * unit))
    els.append(_el("ind", **ind))
    els.append(_el("jc", val=f["align"]))
    return els


def rpr_elements(f: dict[str, Any]) -> list[Any]:
    els = [_el("rFonts", ascii=f["ascii"], hAnsi=f["ascii"], eastAsia=f["east"], cs=f["ascii"])]
    if f.get("bold"):
        els.append(_el("b"))
    if f.get("color"):
        els.append(_el("color", val=f["color"]))
    if f.get("cs"):
        els.append(_el("spacing", val=f["cs"]))
    els.append(_el("sz", val=round(f["size"] * 2)))
    els.append(_el("szCs", val=round(f["size"] * 2)))
    els.append(_el("lang", val="en-US", eastAsia="zh-CN"))
    return els


# style ids per profile: (style name as the office shows it, role formats it carries)
STYLE_NAMES = {
    "styles": {"title": "公文标题", "h1": "一级标题", "h2": "二级标题", "body": "公文正文", "to": "主送机关",
               "sign": "落款", "date": "成文日期", "att_label": "附件标识", "cc": "版记"},
    "renamed": {"title": "Heading 1", "h1": "Heading 2", "h2": "Heading 3", "body": "Body Text", "to": "Salutation",
                "sign": "Signature", "date": "Date", "att_label": "Heading 4", "cc": "Footer Text 2"},
}  # fmt: skip
STYLE_OF_ROLE = {"title": "title", "att_title": "title", "h1": "h1", "h2": "h2", "body": "body", "h3": "body",
                 "h4": "body", "note": "body", "att_note": "body", "att_note2": "body", "blank": "to", "to": "to",
                 "sign": "sign", "date": "date", "att_label": "att_label", "cc": "cc", "print": "cc"}  # fmt: skip


def _define_styles(doc: Any, profile: str) -> dict[str, str]:
    """Paragraph styles carrying the roles' formats; returns role -> style id."""
    from docx.enum.style import WD_STYLE_TYPE

    ids = {}
    for role, name in STYLE_NAMES[profile].items():
        try:
            st = doc.styles[name]
        except KeyError:
            st = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        el = st.element
        for tag in ("pPr", "rPr"):
            for old in el.findall(_w(tag)):
                el.remove(old)
        for tag in ("next", "link", "uiPriority", "semiHidden", "unhideWhenUsed", "qFormat"):
            for old in el.findall(_w(tag)):
                el.remove(old)
        f = style_format(role, profile)
        if role in ("sign", "date"):
            f["right"] = 0  # the right indent depends on the text: direct on the paragraph
        ppr, rpr = _el("pPr"), _el("rPr")
        for e in ppr_elements(f):
            _put(ppr, e, _PPR_ORDER)
        if role == "title" or role == "h1" or role == "h2":
            _put(ppr, _el("outlineLvl", val={"title": 0, "h1": 1, "h2": 2}[role]), _PPR_ORDER)
        for e in rpr_elements(f):
            _put(rpr, e, _RPR_ORDER)
        el.append(ppr)
        el.append(rpr)
        ids[role] = st.style_id
    return ids


def _clean_defaults(doc: Any) -> None:
    """docDefaults without theme fonts, in 仿宋 16 pt (what an office template for 公文 carries)."""
    styles = doc.styles.element
    rpr = styles.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")
    if rpr is None:
        return
    for old in list(rpr):
        rpr.remove(old)
    f = role_format("body")
    for e in rpr_elements({**f, "cs": 0}):
        _put(rpr, e, _RPR_ORDER)
    normal = doc.styles["Normal"].element
    for old in normal.findall(_w("rPr")):
        normal.remove(old)


def _footer_paragraph(footer: Any, fspec: dict[str, Any], align: str) -> None:
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    f = role_format("body")
    f.update(size=fspec["size"], east=fspec["font"], ascii=fspec["font"], first=0, cs=0, line=("auto", 240), align=align)
    if align == "right":
        f["right"] = 100
    elif align == "left":
        f["left"] = 100
    ppr = p._p.get_or_add_pPr()
    for e in ppr_elements(f):
        _put(ppr, e, _PPR_ORDER)
    form = fspec["form"]
    parts: list[str | tuple[str]] = {
        "dash": ["— ", ("PAGE",), " —"], "cn": ["第", ("PAGE",), "页"], "hyphen": ["-", ("PAGE",), "-"],
        "slash": [("PAGE",), "/", ("NUMPAGES",)], "bare": [("PAGE",)],
    }[form]  # fmt: skip

    def run(text: str | None = None, fld: str | None = None, instr: str | None = None) -> None:
        r = _el("r")
        rpr = _el("rPr")
        for e in rpr_elements(f):
            _put(rpr, e, _RPR_ORDER)
        r.append(rpr)
        if text is not None:
            t = _el("t")
            t.text = text
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            r.append(t)
        if fld is not None:
            r.append(_el("fldChar", fldCharType=fld))
        if instr is not None:
            it = _el("instrText")
            it.text = instr
            it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            r.append(it)
        p._p.append(r)

    for part in parts:
        if isinstance(part, tuple):
            run(fld="begin")
            run(instr=f" {part[0]} ")
            run(fld="separate")
            run(text="1")
            run(fld="end")
        else:
            run(text=part)


def _write_footers(doc: Any, spec: Spec) -> None:
    fs = spec.footer
    sec = doc.sections[0]
    if not fs:
        return
    side = fs["side"]
    if side == "center":
        _footer_paragraph(sec.footer, fs, "center")
        return
    doc.settings.odd_and_even_pages_header_footer = True
    odd, even = ("right", "left") if side == "std" else ("left", "right")
    _footer_paragraph(sec.footer, fs, odd)
    if not fs.get("even_missing"):
        _footer_paragraph(sec.even_page_footer, fs, even)
    else:
        ep = sec.even_page_footer
        ep.is_linked_to_previous = False
        if not ep.paragraphs:
            ep.add_paragraph()


def _page_setup(doc: Any, spec: Spec) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Emu

    sec = doc.sections[0]
    pg = spec.page
    if pg.get("letter"):
        sec.page_width, sec.page_height = Emu(round(215.9 * MM)), Emu(round(279.4 * MM))
    else:
        w, h = pg["w"], pg["h"]
        if pg.get("landscape"):
            w, h = h, w
            sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Emu(round(w * MM)), Emu(round(h * MM))
    sec.top_margin, sec.bottom_margin = Emu(round(pg["top"] * MM)), Emu(round(pg["bottom"] * MM))
    sec.left_margin, sec.right_margin = Emu(round(pg["left"] * MM)), Emu(round(pg["right"] * MM))
    sec.header_distance, sec.footer_distance = Emu(15 * MM), Emu(25 * MM)
    sp = sec._sectPr
    for old in sp.findall(_w("docGrid")):
        sp.remove(old)
    g = spec.grid
    attrs: dict[str, Any] = {"type": g["type"], "linePitch": g["pitch"]} if g["type"] else {"linePitch": g["pitch"]}
    if g["type"] == "linesAndChars":
        # Word's charSpace: the extra pitch over the 16 pt default size, in 1/4096 pt
        text_w = (pg["w"] - pg["left"] - pg["right"]) / 25.4 * 72
        attrs["charSpace"] = round((text_w / g["chars"] - 16) * 4096)
    sp.append(_el("docGrid", **attrs))


TABLE_WIDTHS = {4: [14, 56, 44, 42], 5: [14, 34, 36, 36, 36]}  # mm, 156 in all


def _table(doc: Any, rows: list[list[str]], after: Any) -> None:
    """A table of the text block's width (tblW and gridCol), header row repeated, rows not split, 小4 仿宋."""
    widths = TABLE_WIDTHS[len(rows[0])]
    tbl = doc.add_table(rows=len(rows), cols=len(rows[0]))
    tbl.style = doc.styles["Table Grid"]
    t = tbl._tbl
    tblpr = t.tblPr
    for old in tblpr.findall(_w("tblW")):
        tblpr.remove(old)
    tblpr.append(_el("tblW", w=round(156 / 25.4 * 1440), type="dxa"))
    tblpr.append(_el("jc", val="center"))
    grid = t.find(_w("tblGrid"))
    for gc, wmm in zip(grid.findall(_w("gridCol")), widths, strict=True):
        gc.set(_w("w"), str(round(wmm / 25.4 * 1440)))
    for ri, (row, cells) in enumerate(zip(tbl.rows, rows, strict=True)):
        trpr = row._tr.get_or_add_trPr()
        trpr.append(_el("cantSplit"))
        if ri == 0:
            trpr.append(_el("tblHeader"))
        for ci, (cell, text) in enumerate(zip(row.cells, cells, strict=True)):
            tcpr = cell._tc.get_or_add_tcPr()
            tcpr.append(_el("tcW", w=round(widths[ci] / 25.4 * 1440), type="dxa"))
            p = cell.paragraphs[0]
            f = role_format("body")
            f.update(size=12, first=0, cs=0, line=("exact", 400), align="center" if ci != 1 else "left",
                     east=HEI if ri == 0 else FS, ascii=HEI if ri == 0 else FS)  # fmt: skip
            ppr = p._p.get_or_add_pPr()
            for e in ppr_elements(f):
                _put(ppr, e, _PPR_ORDER)
            r = p.add_run(text)
            rpr = r._r.get_or_add_rPr()
            for e in rpr_elements(f):
                _put(rpr, e, _RPR_ORDER)
    after.addnext(t)


def write_docx(spec: Spec, path: Path) -> None:
    import docx

    doc = docx.Document()
    style_ids: dict[str, str] = {}
    if spec.profile in ("styles", "renamed"):
        _clean_defaults(doc)
        style_ids = _define_styles(doc, spec.profile)
    elif spec.profile == "wps":
        _clean_defaults(doc)
    _page_setup(doc, spec)
    last = None
    for para in spec.paras:
        if para.role == "table":
            assert last is not None
            _table(doc, getattr(T, para.text), last._p)
            continue
        p = doc.add_paragraph()
        f = style_format(para.role, spec.profile)
        if spec.profile == "wps":
            if para.role in ("title", "att_title"):
                f.update(snap=False)  # a 22 pt line would take two grid lines
            else:
                f.update(line=("auto", 240))
        f.update(para.fmt)
        ppr = p._p.get_or_add_pPr()
        style_role = STYLE_OF_ROLE.get(para.role, "body")
        if style_ids and style_role in style_ids:
            _put(ppr, _el("pStyle", val=style_ids[style_role]), _PPR_ORDER)
            sf = style_format(style_role, spec.profile)
            # direct formatting only where the paragraph differs from its style
            direct = {k: v for k, v in f.items() if sf.get(k) != v}
            if direct:
                for e in ppr_elements(f):
                    _put(ppr, e, _PPR_ORDER)
        else:
            for e in ppr_elements(f):
                _put(ppr, e, _PPR_ORDER)
        if f.get("snap") is False:
            _put(ppr, _el("snapToGrid", val=0), _PPR_ORDER)
        for b in ("top", "bottom"):
            if f.get(f"border_{b}"):
                bdr = ppr.find(_w("pBdr"))
                if bdr is None:
                    bdr = _el("pBdr")
                    _put(ppr, bdr, _PPR_ORDER)
                bdr.append(_el(b, val="single", sz=f[f"border_{b}"], space=1, color="000000"))
        if f.get("tab_right"):
            tabs = _el("tabs")
            tabs.append(_el("tab", val="right", pos=f["tab_right"]))
            _put(ppr, tabs, _PPR_ORDER)
        runs = para.fmt.get("runs") or [(para.text, {})]
        for text, rf in runs:
            lines = text.split("\n")
            for i, line in enumerate(lines):
                r = p.add_run(line)
                if i < len(lines) - 1:
                    r.add_break()
                rfmt = {**f, **rf}
                if style_ids and style_role in style_ids and not rf:
                    sf = style_format(style_role, spec.profile)
                    if all(sf.get(k) == rfmt.get(k) for k in ("east", "ascii", "size", "bold", "cs", "color")):
                        continue
                rpr = r._r.get_or_add_rPr()
                for e in rpr_elements(rfmt):
                    _put(rpr, e, _RPR_ORDER)
        last = p
    if spec.paras[-1].role == "table":
        doc.add_paragraph()  # Word ends the body with a paragraph after a table
    _write_footers(doc, spec)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))


# ---------------------------------------------------------------- LibreOffice round trip

def soffice_env() -> dict[str, str]:
    """The environment for soffice: the standard font names mapped onto free CJK faces (tests/fonts.conf)."""
    env = dict(os.environ)
    fonts = HERE.parent.parent / "tests" / "fonts.conf"
    if fonts.exists():
        env.setdefault("FONTCONFIG_FILE", str(fonts))
    return env


def soffice_convert(src: Path, fmt: str, outdir: Path) -> Path:
    prof = Path(tempfile.mkdtemp(prefix="ce6-lo-"))
    try:
        subprocess.run(["soffice", f"-env:UserInstallation={prof.as_uri()}", "--headless", "--convert-to", fmt,
                        "--outdir", str(outdir), str(src)], check=True, capture_output=True, timeout=180,
                       env=soffice_env())  # fmt: skip
    finally:
        shutil.rmtree(prof, ignore_errors=True)
    return outdir / (src.stem + "." + fmt.split(":")[0])


def roundtrip(path: Path) -> None:
    """docx -> odt -> docx through LibreOffice, as an office that saves in Writer does."""
    tmp = Path(tempfile.mkdtemp(prefix="ce6-rt-"))
    try:
        odt = soffice_convert(path, "odt", tmp)
        back = tmp / "back"
        back.mkdir()
        out = soffice_convert(odt, "docx:MS Word 2007 XML", back)
        shutil.copyfile(out, path)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# ---------------------------------------------------------------- planted defects

Variant = Callable[[Spec], None]


def _all(spec: Spec, *roles: str) -> list[Para]:
    return [p for p in spec.paras if p.role in roles]


def _move_after(spec: Spec, moved: list[Para], anchor: Para) -> None:
    for p in moved:
        spec.paras.remove(p)
    i = spec.paras.index(anchor) + 1
    spec.paras[i:i] = moved


def _sub(p: Para, old: str, new: str) -> None:
    assert old in p.text, (old, p.text)
    p.text = p.text.replace(old, new, 1)


# 通知 ----------------------------------------------------------------------------------------------
def v_tongzhi_a(s: Spec) -> None:
    s.page.update(top=35, left=26, right=28)
    s.plant("layout", None, "页边距偏差几毫米：上 35 mm、左 26 mm、右 28 mm（应为 37、28、26）")
    p = s.nth("body", 0)
    _sub(p, "工作，有效防范", "工作,有效防范")
    s.plant("punctuation", p, "中文句中用半角逗号“,”")
    p = s.having("重点查看企业主要负责人")
    p.fmt.update(align="center", first=0)
    s.plant("alignment", p, "正文段落居中")


def v_tongzhi_b(s: Spec) -> None:
    for p in _all(s, "body", "h3"):
        p.fmt.update(east=SONG, ascii=SONG)
    s.plant("font", None, "全部正文用宋体（应为仿宋_GB2312）")
    p = s.having("三、时间安排")
    _sub(p, "三、", "三.")
    s.plant("numbering", p, "一级标题序号写成“三.”（应为“三、”）")
    p = s.having("检查分三个阶段")
    _sub(p, "5月20日至5月31日", "2024.5.20至2024.5.31")
    s.plant("numbers", p, "日期写成 2024.5.20")


def v_tongzhi_c(s: Spec) -> None:
    p = s.nth("title")
    p.fmt.update(size=18)
    s.plant("size", p, "标题用小二号（18 磅），应为二号（22 磅）")
    s.footer = None
    s.plant("header_footer", None, "没有页码")
    notes = [s.paras[s.paras.index(s.nth("att_note")) - 1], s.nth("att_note"), s.nth("att_note2")]
    _move_after(s, notes, s.nth("date"))
    s.plant("structure", s.nth("att_note"), "附件说明排在落款和成文日期之后")


def v_tongzhi_d(s: Spec) -> None:
    to = s.nth("to")
    s.paras.remove(to)
    s.paras.insert(0, to)
    s.plant("structure", None, "主送机关排在标题之前，标题不在首行")
    p = s.having("重点查看尾矿库")
    p.fmt.update(first=0, hanging=200, left=200)
    s.plant("indent", p, "正文段落悬挂缩进 2 字（首行应缩进 2 字）")
    for p in _all(s, "body", "h1", "h2", "h3", "to", "blank", "att_note", "att_note2", "sign", "date"):
        p.fmt.update(line=("exact", 400))
    s.plant("spacing", None, "全文行距固定值 20 磅（应为 28.95 磅，每页 22 行）")


def v_tongzhi_e(s: Spec) -> None:
    p = s.having("重点查看抽水泵")
    _sub(p, "沙袋、救生衣", "沙袋、、救生衣")
    s.plant("punctuation", p, "顿号重复“、、”")
    h = s.having("一、检查范围")
    h.text = "一、检查范围要覆盖全市所有行业领域的生产经营单位"
    s.plant("parallelism", h, "一级标题中一条写成长句，其余为四字短语")
    s.footer = {**s.footer, "form": "hyphen"}
    s.plant("header_footer", None, "页码写成“-1-”（应为“— 1 —”）")


# 请示 ----------------------------------------------------------------------------------------------
def v_qingshi_a(s: Spec) -> None:
    s.page.update(letter=True)
    s.plant("layout", None, "纸张为 Letter（215.9 × 279.4 mm），应为 A4")
    p = s.nth("title")
    p.fmt.update(align="left")
    s.plant("alignment", p, "标题左对齐（应居中）")
    p = s.having("今年3月")
    p.fmt.update(runs=[(p.text, {"ascii": "Calibri"})])
    s.plant("font", p, "正文中的数字用 Calibri（西文字体应与正文协调，不用 Calibri）")


def v_qingshi_b(s: Spec) -> None:
    for p in _all(s, "body", "to", "note"):
        p.fmt.update(size=14)
    s.plant("size", None, "主送和正文用四号（14 磅），应为三号（16 磅）")
    p = s.having("为确保秋季开学前")
    _sub(p, "386万元。资金", "386万元;资金")
    _sub(p, "有关规定组织实施，", "有关规定组织实施:")
    s.plant("punctuation", p, "半角分号“;”和半角冒号“:”")


def v_qingshi_c(s: Spec) -> None:
    to = s.nth("to")
    s.paras.remove(to)
    s.paras.insert(s.paras.index(s.having("近年来")) + 1, to)
    s.plant("structure", to, "主送机关排在第一段正文之后（应在标题下）")
    p = s.having("今年3月")
    _sub(p, "今年3月", "24年3月")
    s.plant("numbers", p, "年份写成两位“24年”")
    p = s.having("为确保秋季开学前")
    p.fmt.update(first_pt=24)
    s.plant("indent", p, "首行缩进 24 磅（1.5 字），应为 2 字")


def v_qingshi_d(s: Spec) -> None:
    p = s.having("今年3月")
    p.text = ("今年3月，我局会同县住建局对全县46所农村学校校舍进行了全面排查，排查情况如下：（一）屋面渗漏的9栋；"
              "（二）墙体开裂的7栋；一、门窗及水电设施老化的5栋。经委托第三方机构测算，维修资金共需386万元。")
    s.plant("numbering", p, "层次序号顺序颠倒：“（一）（二）”之后又用“一、”")
    s.footer = {**s.footer, "size": 10.5, "font": "Calibri"}
    s.plant("header_footer", None, "页码用五号 Calibri（应为四号半角宋体）")
    p = s.nth("date")
    p.fmt.update(align="center", left=0, right=0)
    s.plant("alignment", p, "成文日期居中，不在署名下右移二字的位置（7.3.5.2）")


# 报告 ----------------------------------------------------------------------------------------------
def v_baogao_a(s: Spec) -> None:
    for p in _all(s, "body"):
        p.fmt.update(first=0)
    s.plant("indent", None, "正文段落首行不缩进（应缩进 2 字）")
    p = s.nth("title")
    p.fmt.update(size=24)
    s.plant("size", p, "标题用小一号（24 磅），应为二号（22 磅）")
    p = s.having("联合公安交警部门")
    _sub(p, "货车超限超载等", "货车超限超载(含非法改装)等")
    s.plant("punctuation", p, "中文里用半角括号“( )”")


def v_baogao_b(s: Spec) -> None:
    s.paras.remove(s.nth("sign"))
    s.plant("structure", None, "缺少发文机关署名（落款），只有成文日期")
    p = s.having("今年以来")
    _sub(p, "今年以来", "2024-1-1以来")
    s.plant("numbers", p, "日期写成“2024-1-1”")
    s.footer = {**s.footer, "form": "hyphen", "side": "center"}
    s.plant("header_footer", None, "页码“-1-”居中，单双页不分")


def v_baogao_c(s: Spec) -> None:
    h = s.having("二、存在的问题")
    h.fmt.update(align="right")
    s.plant("alignment", h, "一级标题右对齐")
    for p in _all(s, "body", "h1", "h2", "to"):
        p.fmt.update(after=120)
    s.plant("spacing", None, "段后间距 6 磅（应为 0）")
    p = s.having("（三）开展执法检查")
    p.fmt.update(east=FS, ascii=FS)
    s.plant("font", p, "二级标题用仿宋（应为楷体）")


def v_baogao_d(s: Spec) -> None:
    h = s.having("三、下一步工作打算")
    h.text = "三、下一步我局将围绕暑运和国庆等重要时段持续加大隐患排查整治力度的工作打算"
    s.plant("parallelism", h, "一级标题中一条远长于其余两条")
    p = s.having("（一）压实企业主体责任")
    _sub(p, "（一）", "1．")
    s.plant("numbering", p, "二级标题序号写成全角点“1．”（应为“（一）”）")
    p = s.having("依托重点营运车辆")
    p.fmt.update(east=KAI, ascii=KAI)
    s.plant("font", p, "一段正文为楷体（粘贴来的格式）")


# 函 ------------------------------------------------------------------------------------------------
def v_han_a(s: Spec) -> None:
    s.page.update(landscape=True, top=28, bottom=26, left=37, right=35)
    s.plant("layout", None, "页面横向（正文不应横排）")
    p = s.nth("to")
    p.fmt.update(first=200)
    s.plant("indent", p, "主送机关首行缩进 2 字（应顶格）")
    p = s.having("二、选派")
    _sub(p, "为期10天", "为期１０天")
    s.plant("numbers", p, "全角数字“１０”")


def v_han_b(s: Spec) -> None:
    d = s.nth("date")
    s.paras.remove(d)
    s.paras.insert(s.paras.index(s.nth("sign")), d)
    s.plant("structure", d, "成文日期排在署名之前")
    p = s.nth("title")
    p.fmt.update(east=HEI, ascii=HEI)
    s.plant("font", p, "标题用黑体（应为小标宋）")
    p = s.having("请于4月30日前")
    _sub(p, "大力支持！", "大力支持!")
    s.plant("punctuation", p, "中文句末用半角叹号“!”")


def v_han_c(s: Spec) -> None:
    p = s.having("为贯彻落实")
    _sub(p, "《保障农民工工资支付条例》", "\"保障农民工工资支付条例\"")
    s.plant("punctuation", p, "英文直引号代替书名号/中文引号")
    p = s.having("三、对检查中")
    _sub(p, "三、", "四、")
    s.plant("numbering", p, "序号跳号：二、之后是四、")
    for p in _all(s, "body", "to", "blank", "sign", "date"):
        p.fmt.update(line=("auto", 240), snap=False)
    s.plant("spacing", None, "单倍行距、不对齐网格（应为固定值 28.95 磅）")


def v_han_d(s: Spec) -> None:
    p = s.having("请于4月30日前")
    _sub(p, "请于4月30日前", "请于2024年2月30日前")
    s.plant("numbers", p, "不存在的日期 2024年2月30日")
    p = s.nth("date")
    p.fmt.update(align="center", left=0, right=0)
    s.plant("alignment", p, "成文日期居中")
    s.footer = {**s.footer, "even_missing": True}
    p = s.having("一、提供全区")
    p.text += "同时提供各项目总承包单位按月足额拨付人工费用的银行流水和农民工工资支付台账复印件，并加盖单位公章。"
    p2 = s.having("二、选派")
    p2.text += "参检人员应熟悉建筑施工和劳动合同管理的有关规定，检查期间服从联合检查组的统一安排。"
    s.plant("header_footer", None, "偶数页页脚为空，第2页没有页码")


# 会议纪要 ------------------------------------------------------------------------------------------
def v_jiyao_a(s: Spec) -> None:
    p = s.having("会议听取了种植业股")
    p.fmt.update(size=12)
    s.plant("size", p, "一段正文为小四号（12 磅）")
    p = s.having("会议原则同意")
    _sub(p, "严格执行项目法人制、", "严格执行项目法人制 、")
    _sub(p, "确保年底前完成", "能否确保年底前完成?")
    p.text = p.text.replace("任务。", "任务，要早作打算。", 1)
    s.plant("punctuation", p, "标点前加空格、半角问号“?”")
    p = s.nth("date")
    p.text = "2024.4.18"
    s.plant("numbers", p, "成文日期写成“2024.4.18”")


def v_jiyao_b(s: Spec) -> None:
    for p in _all(s, "body", "h1", "blank", "sign", "date"):
        p.fmt.update(line=("auto", 276), after=200)
    s.plant("spacing", None, "Word 默认的多倍行距 1.15、段后 10 磅")
    h = s.having("二、关于高标准农田建设工作")
    h.text = "二、高标准农田"
    s.plant("parallelism", h, "议题标题结构不一：“关于……工作”中夹一条名词短语")
    p = s.nth("title")
    p.fmt.update(align="right")
    s.plant("alignment", p, "标题右对齐")


def v_jiyao_c(s: Spec) -> None:
    p = s.having("会议指出")
    p.text = ("会议指出，农村厕所改造和生活垃圾治理是今年整治工作的重点。会议决定：1)由社会事业股牵头，"
              "对去年已改造的农户厕所开展“回头看”；2)发现问题的于6月底前整改完毕。")
    s.plant("numbering", p, "段内序号写成“1)”（应为“（1）”）")
    s.page.update(top=25, bottom=25, left=32, right=32)
    s.plant("layout", None, "页边距为 Word 默认的上下 25 mm、左右 32 mm")
    p = s.nth("title")
    s.paras.remove(p)
    s.paras.insert(s.paras.index(s.having("4月17日上午")) + 1, p)
    s.plant("structure", None, "标题不在首行（排在第一段正文之后）")


# 工作方案 ------------------------------------------------------------------------------------------
def v_fangan_a(s: Spec) -> None:
    for p in _all(s, "body", "h1", "h2", "h3", "to", "blank", "att_note", "sign", "date"):
        p.fmt.update(cs=-16)
    s.plant("layout", None, "字符紧缩 0.8 磅，每行 29 字（应为 28 字）")
    for h in _all(s, "h2"):
        h.fmt.update(east=HEI, ascii=HEI)
    s.plant("font", None, "二级标题用黑体（应为楷体）")
    p = s.having("推进钢铁")
    _sub(p, "钢铁、水泥等", "钢铁、、水泥等")
    s.plant("punctuation", p, "顿号重复“、、”")


def v_fangan_b(s: Spec) -> None:
    for h in _all(s, "h1"):
        h.fmt.update(size=14)
    s.plant("size", None, "一级标题黑体四号（14 磅），应为三号（16 磅）")
    h = s.having("（二）加强移动源")
    _sub(h, "（二）", "（二）、")
    s.plant("numbering", h, "二级标题序号后多加顿号“（二）、”")
    s.footer = {**s.footer, "form": "slash"}
    s.plant("header_footer", None, "页码写成“1/3”")


def v_fangan_c(s: Spec) -> None:
    h = s.having("（三）强化扬尘污染管控")
    h.text = "（三）对城区建筑工地、主次干道和渣土运输车辆的扬尘污染实行全过程的严格管控"
    s.plant("parallelism", h, "二级标题中一条远长于其余三条")
    for h in _all(s, "h2"):
        h.fmt.update(first=0, left=400)
    s.plant("indent", None, "二级标题左缩进 4 字，与正文的 2 字不一致")
    p = s.having("到2024年底")
    _sub(p, "到2024年底", "到二〇二四年底")
    s.plant("numbers", p, "正文中年份用汉字“二〇二四年”")


def v_fangan_d(s: Spec) -> None:
    p = s.nth("sign")
    s.paras.remove(p)
    s.paras.insert(s.paras.index(s.nth("att_label")), p)
    s.plant("structure", p, "署名排在成文日期之后")
    p = s.having("1.加强组织领导")
    p.fmt.update(align="center", first=0)
    s.plant("alignment", p, "三级标题所在段落居中")
    for p in _all(s, "body", "h1", "h2", "h3"):
        p.fmt.update(line=("auto", 360))
    s.plant("spacing", None, "正文 1.5 倍行距")


# 工作总结 ------------------------------------------------------------------------------------------
def v_zongjie_a(s: Spec) -> None:
    for p in _all(s, "body"):
        p.fmt.update(size=15)
    s.plant("size", None, "正文用 15 磅（应为 16 磅）")
    for h in _all(s, "h1"):
        h.fmt.update(east="微软雅黑", ascii="微软雅黑")
    s.plant("font", None, "一级标题用微软雅黑（应为黑体）")
    p = s.having("全年城镇新增就业")
    _sub(p, "全年城镇新增就业3260人", "全年城镇新增就业３２６０人")
    s.plant("numbers", p, "全角数字“３２６０”")


def v_zongjie_b(s: Spec) -> None:
    for p in _all(s, "body", "h1", "h2", "blank", "sign", "date"):
        p.fmt.update(line=("auto", 360))
    s.plant("spacing", None, "全文 1.5 倍行距")
    h = s.having("（三）劳动关系总体和谐")
    _sub(h, "（三）", "（二）")
    s.plant("numbering", h, "二级标题序号重复：两个“（二）”")
    p = s.having("深入开展根治欠薪")
    _sub(p, "案件结案率达到98%。", "案件结案率达到98%。。")
    s.plant("punctuation", p, "句号重复“。。”")


def v_zongjie_c(s: Spec) -> None:
    h = s.having("三、2024年工作打算")
    h.text = "三、我们在新的一年里将继续努力把各项工作做得更好"
    s.plant("parallelism", h, "一级标题中一条是完整的句子")
    p = s.having("组织开展职业技能培训")
    p.fmt.update(first=400)
    s.plant("indent", p, "正文首行缩进 4 字")
    s.footer = {**s.footer, "form": "cn"}
    s.plant("header_footer", None, "页码写成“第1页”")


def v_zongjie_d(s: Spec) -> None:
    p = s.nth("title")
    p.fmt.update(align="left")
    s.plant("alignment", p, "标题左对齐")
    p = s.nth("sign")
    p.fmt.update(right=0)
    s.plant("alignment", p, "署名顶右，没有右空二字")
    h = s.having("（一）全力稳定和扩大就业")
    _sub(h, "（一）", "(一)")
    s.plant("numbering", h, "二级标题用半角括号“(一)”")
    h = s.having("（四）加快技能人才培养")
    h.text = "（四）技能人才"
    s.plant("parallelism", h, "二级标题结构不一：动宾短语中夹一条名词短语")


# 意见 ----------------------------------------------------------------------------------------------
def v_yijian_a(s: Spec) -> None:
    s.grid = {"type": "lines", "pitch": 607}
    s.plant("layout", None, "文档网格每页 21 行（行距 30.35 磅）")
    p = s.nth("title")
    p.fmt.update(east=KAI, ascii=KAI)
    s.plant("font", p, "标题用楷体")
    p = s.having("重点发展助餐")
    _sub(p, "助餐、助洁、助浴、助医等服务", "助餐、助洁、助浴、助医...等服务")
    s.plant("punctuation", p, "用英文句点“...”代替省略号")


def v_yijian_b(s: Spec) -> None:
    for h in _all(s, "h1"):
        h.fmt.update(first=0)
    s.plant("indent", None, "一级标题顶格（应与正文一样缩进 2 字）")
    for h in _all(s, "h1"):
        h.fmt.update(before=240)
    s.plant("spacing", None, "一级标题段前 12 磅")
    s.paras.remove(s.nth("date"))
    s.plant("structure", None, "缺少成文日期")


def v_yijian_c(s: Spec) -> None:
    h = s.having("五、强化政策保障")
    h.text = "五、关于政策保障方面的问题"
    s.plant("parallelism", h, "一级标题结构混杂：动宾短语中夹一条“关于……的问题”")
    s.footer = {**s.footer, "side": "center"}
    s.plant("header_footer", None, "页码居中，单页不居右、双页不居左")
    p = s.having("各区要将社区养老")
    _sub(p, "各区要将", "2024年起，各区要将")
    _sub(p, "2024年起", "二〇二四年起")
    s.plant("numbers", p, "正文中年份用汉字“二〇二四年”")


def v_yijian_d(s: Spec) -> None:
    for p in _all(s, "body"):
        p.fmt.update(align="left")
    s.plant("alignment", None, "正文左对齐（应两端对齐）")
    p = s.having("新建住宅小区")
    _sub(p, "同步规划、同步建设、", "同步规划,同步建设,")
    s.plant("punctuation", p, "半角逗号代替顿号")
    h = s.having("三、丰富服务内容")
    h.fmt.update(size=15)
    s.plant("size", h, "一个一级标题 15 磅")
    p = s.having("将养老护理员")
    p.text = "1、将养老护理员纳入职业技能培训补贴范围，建立养老护理员入职补贴和岗位津贴制度。2、鼓励高校毕业生到社区养老服务机构就业。"
    s.plant("numbering", p, "三级序号写成“1、”（应为“1.”）")


# 通报 ----------------------------------------------------------------------------------------------
def v_tongbao_a(s: Spec) -> None:
    cc, pr = s.nth("cc"), s.nth("print")
    _move_after(s, [cc, pr], s.having("各单位要高度重视"))
    s.plant("structure", cc, "版记排在正文之后、落款之前，不在最后")
    p = s.nth("to")
    _sub(p, "各部门：", "各部门")
    s.plant("punctuation", p, "主送机关后缺少冒号")
    p = s.nth("date")
    p.text = "2024年04月12日"
    s.plant("numbers", p, "成文日期月份补零“04月”")


def v_tongbao_b(s: Spec) -> None:
    s.grid = {"type": "lines", "pitch": 554}
    s.plant("layout", None, "文档网格每页 23 行（行距 27.7 磅）")
    p = s.nth("to")
    p.fmt.update(east=SONG, ascii=SONG)
    s.plant("font", p, "主送机关用宋体")
    s.footer = {**s.footer, "side": "swapped"}
    s.plant("header_footer", None, "单页页码居左、双页居右（反了）")


def v_tongbao_c(s: Spec) -> None:
    p = s.having("部分单位对差评")
    p.fmt.update(line=("auto", 480))
    s.plant("spacing", p, "一段正文 2 倍行距")
    p = s.having("区政务服务中心、13个")
    p.text = "　　" + p.text
    p.fmt.update(first=0)
    s.plant("indent", p, "用两个全角空格代替首行缩进")
    h = s.having("二、存在的问题")
    _sub(h, "二、", "二．")
    s.plant("numbering", h, "一级标题序号写成“二．”")


# 批复 ----------------------------------------------------------------------------------------------
def v_pifu_a(s: Spec) -> None:
    s.page.update(top=25.4, bottom=25.4, left=31.8, right=31.8)
    s.plant("layout", None, "页边距为 Word 默认（上下 2.54 cm、左右 3.18 cm）")
    p = s.nth("title")
    p.text = p.text + "。"
    s.plant("punctuation", p, "标题末尾加句号")
    p = s.nth("date")
    p.text = "二〇二四年五月八日"
    s.plant("numbers", p, "成文日期用汉字（应为阿拉伯数字，7.3.5.2）")


def v_pifu_b(s: Spec) -> None:
    for p in _all(s, "sign", "date"):
        p.fmt.update(size=14)
    s.plant("size", s.nth("sign"), "署名和成文日期用四号（14 磅）")
    p = s.nth("date")
    p.fmt.update(right=0)
    s.plant("alignment", p, "成文日期顶右，未右空二字")
    for p in _all(s, "body", "to", "blank", "sign", "date"):
        p.fmt.update(line=("exact", 520))
    s.plant("spacing", None, "行距固定值 26 磅（应为 28.95 磅）")


def v_pifu_c(s: Spec) -> None:
    s.paras.remove(s.nth("to"))
    s.plant("structure", None, "缺少主送机关")
    p = s.having("一、同意设立")
    p.fmt.update(first=0, left=200)
    s.plant("indent", p, "段落左缩进 2 字而首行不缩进（整段右移）")
    p = s.having("二、市场建设")
    _sub(p, "二、", "二.")
    s.plant("numbering", p, "序号写成“二.”")


# 分页 (pagination): positions measured in LibreOffice's rendering (validate.py checks them) ----------
def v_zongjie_p1(s: Spec) -> None:
    p = s.having("组织开展职业技能培训")
    s.paras[s.paras.index(p) + 1:s.paras.index(p) + 1] = [
        Para("body", "职业技能培训质量稳步提升。坚持需求导向，围绕县域农产品加工、电子商务、家政服务等产业开设培训项目，"
                     "推行订单式培训，培训合格率和培训后就业率均明显提高，群众参训积极性不断增强。"),
        Para("body", "人才服务保障持续加强。出台引进高层次人才和急需紧缺人才的若干措施，落实住房保障、子女入学等服务事项，"
                     "建立领导干部联系专家制度，营造了识才爱才敬才用才的良好环境，为全县经济社会发展提供了有力的人才支撑。"),
    ]
    h = s.having("二、存在的主要问题")
    h.fmt.update(keep_next=False)
    s.plant("pagination", h, "一级标题排在页面最后一行，下文转到下一页（背题）")


def v_zongjie_p2(s: Spec) -> None:
    p = s.having("社保经办服务持续优化")
    p.text = ("社保经办服务持续优化。全面推行一窗通办服务模式，将多项社保业务下沉到乡镇便民服务中心办理，"
              "群众办事更加方便快捷。")
    p.fmt.update(widow=False)
    s.plant("pagination", p, "段落最后一行只有一个字，单独排在下一页页首（孤字）")


def v_fangan_p(s: Spec) -> None:
    p = s.having("推进钢铁")
    _sub(p, "排放企业开展排查，建立问题清单，实行销号管理。", "排放企业开展排查。")
    h = s.having("（四）推进面源污染治理")
    h.fmt.update(keep_next=False)
    s.plant("pagination", h, "二级标题排在页面最后一行（背题）")


def v_yijian_p(s: Spec) -> None:
    p = s.having("将养老护理员")
    p.text = "将养老护理员纳入职业技能培训补贴范围。"
    h = s.having("五、强化政策保障")
    h.fmt.update(keep_next=False)
    s.plant("pagination", h, "一级标题排在页面最后一行（背题）")


def v_baogao_p(s: Spec) -> None:
    p = s.having("下半年，我局将")
    s.paras[s.paras.index(p) + 1:s.paras.index(p) + 1] = [Para("body", t) for t in (
        "一是紧盯重要时段。在暑运和国庆长假期间，组织执法人员驻守重点客运站和高速公路服务区，加强客运车辆出站检查，"
        "严防超员和疲劳驾驶，确保旅客平安出行。",
        "二是推动车辆更新。积极争取上级车辆购置补助资金，引导农村客运企业淘汰老旧车辆，优先选用安全性能好、"
        "适应山区道路的新型客车，逐步提升农村客运车辆的整体安全水平。",
        "三是加强队伍建设。通过公开招考和跨部门调剂等方式充实基层执法力量，分批组织执法人员参加业务培训，"
        "推行执法全过程记录制度，不断提升规范执法水平。",
        "四是强化源头管理。严格道路运输企业和从业人员准入条件，对新申请客运、危险货物运输经营许可的企业开展安全条件"
        "现场核查，对驾驶员从业资格实行动态管理，对发生责任事故的企业依法从严处理。",
    )]
    s.plant("pagination", s.nth("sign"), "署名和成文日期单独排在最后一页，该页没有正文（7.3.5.2 要求调整）")


def v_qingshi_p(s: Spec) -> None:
    p = s.having("为确保秋季开学前")
    p.text += ("同时，我局将建立维修工程质量安全责任制，明确每栋校舍维修的责任人和完成时限，实行周调度、月通报，"
               "维修完成后及时组织县住建、财政等部门联合验收，确保资金使用安全高效。")
    s.plant("pagination", s.nth("sign"), "署名和成文日期被分页与正文隔开，独占一页")


def v_tongbao_p(s: Spec) -> None:
    p = s.having("对第一季度好评率")
    p.text += "对连续两个季度排名靠后的单位，将在全区范围内予以通报批评。"
    for q in (s.having("部分单位对差评"), s.having("二、存在的问题"), s.having("三、工作要求")):
        q.fmt.update(line=("exact", 440))
    s.plant("pagination", None, "为省一页压缩了几段的行距，第1页排了 23 行（应为 22 行）")
    s.plant("spacing", s.having("部分单位对差评"), "几段行距改为固定值 22 磅")


def v_han_p(s: Spec) -> None:
    p = s.having("三、对检查中")
    s.paras.insert(s.paras.index(p) + 1, Para("body", "以上事项如有变化，我局将另行函告。请贵局指定一名联络员，负责日常对接和"
                                                       "资料报送工作，联络员姓名和联系方式请一并反馈。"))
    for q in s.paras:
        q.fmt.update(line=("exact", 500))
    s.plant("pagination", None, "全文行距压成固定值 25 磅，第1页排了 23 行（应为 22 行）")
    s.plant("spacing", None, "行距固定值 25 磅（应为 28.95 磅）")


# ---------------------------------------------------------------- the corpus

#: (file stem, kind, profile, variant, LibreOffice round trip)
DEFECTIVE: list[tuple[str, str, str, Variant, bool]] = [
    ("tongzhi_a", "tongzhi", "direct", v_tongzhi_a, False),
    ("tongzhi_b", "tongzhi", "renamed", v_tongzhi_b, False),
    ("tongzhi_c", "tongzhi", "styles", v_tongzhi_c, False),
    ("tongzhi_d", "tongzhi", "direct", v_tongzhi_d, True),
    ("tongzhi_e", "tongzhi", "wps", v_tongzhi_e, False),
    ("qingshi_a", "qingshi", "direct", v_qingshi_a, False),
    ("qingshi_b", "qingshi", "styles", v_qingshi_b, False),
    ("qingshi_c", "qingshi", "wps", v_qingshi_c, False),
    ("qingshi_d", "qingshi", "renamed", v_qingshi_d, False),
    ("qingshi_p", "qingshi", "direct", v_qingshi_p, False),
    ("baogao_a", "baogao", "renamed", v_baogao_a, False),
    ("baogao_b", "baogao", "direct", v_baogao_b, True),
    ("baogao_c", "baogao", "styles", v_baogao_c, False),
    ("baogao_d", "baogao", "wps", v_baogao_d, False),
    ("baogao_p", "baogao", "direct", v_baogao_p, False),
    ("han_a", "han", "direct", v_han_a, False),
    ("han_b", "han", "styles", v_han_b, False),
    ("han_c", "han", "renamed", v_han_c, False),
    ("han_d", "han", "direct", v_han_d, False),
    ("han_p", "han", "direct", v_han_p, False),
    ("jiyao_a", "jiyao", "direct", v_jiyao_a, False),
    ("jiyao_b", "jiyao", "wps", v_jiyao_b, False),
    ("jiyao_c", "jiyao", "styles", v_jiyao_c, True),
    ("fangan_a", "fangan", "direct", v_fangan_a, False),
    ("fangan_b", "fangan", "renamed", v_fangan_b, False),
    ("fangan_c", "fangan", "styles", v_fangan_c, False),
    ("fangan_d", "fangan", "direct", v_fangan_d, True),
    ("fangan_p", "fangan", "direct", v_fangan_p, False),
    ("zongjie_a", "zongjie", "direct", v_zongjie_a, False),
    ("zongjie_b", "zongjie", "styles", v_zongjie_b, False),
    ("zongjie_c", "zongjie", "renamed", v_zongjie_c, False),
    ("zongjie_d", "zongjie", "wps", v_zongjie_d, False),
    ("zongjie_p1", "zongjie", "direct", v_zongjie_p1, False),
    ("zongjie_p2", "zongjie", "styles", v_zongjie_p2, False),
    ("yijian_a", "yijian", "wps", v_yijian_a, False),
    ("yijian_b", "yijian", "direct", v_yijian_b, False),
    ("yijian_c", "yijian", "styles", v_yijian_c, False),
    ("yijian_d", "yijian", "renamed", v_yijian_d, True),
    ("yijian_p", "yijian", "direct", v_yijian_p, False),
    ("tongbao_a", "tongbao", "direct", v_tongbao_a, False),
    ("tongbao_b", "tongbao", "wps", v_tongbao_b, False),
    ("tongbao_c", "tongbao", "renamed", v_tongbao_c, False),
    ("tongbao_p", "tongbao", "direct", v_tongbao_p, False),
    ("pifu_a", "pifu", "direct", v_pifu_a, False),
    ("pifu_b", "pifu", "styles", v_pifu_b, False),
    ("pifu_c", "pifu", "wps", v_pifu_c, True),
]

#: (file stem, kind, profile, how it was made, LibreOffice round trip)
CLEAN: list[tuple[str, str, str, str, bool]] = [
    ("clean_tongzhi", "tongzhi", "direct", "Word 式直接格式，带附件说明和附件", False),
    ("clean_qingshi", "qingshi", "styles", "自定义样式（公文正文、公文标题等）", False),
    ("clean_baogao", "baogao", "renamed", "借用并改写内置样式（Heading 1 作标题、Body Text 作正文）", False),
    ("clean_han", "han", "wps", "WPS 式文档网格，单倍行距对齐网格", False),
    ("clean_jiyao", "jiyao", "direct", "Word 式直接格式", False),
    ("clean_fangan", "fangan", "styles", "自定义样式，附件配档表（长文档，带表格和附件）", False),
    ("clean_zongjie", "zongjie", "direct", "Word 式直接格式，3 页以上", False),
    ("clean_yijian", "yijian", "wps", "WPS 式文档网格", False),
    ("clean_tongbao", "tongbao", "renamed", "借用内置样式，版记在末页最下方", False),
    ("clean_pifu_lo", "pifu", "direct", "直接格式，经 LibreOffice 另存（docx→odt→docx）", True),
    ("clean_zongjie_lo", "zongjie", "styles", "自定义样式，经 LibreOffice 另存", True),
]


#: Empty lines before the 版记 so that its last line is the last line of the page (7.4), counted in
#: LibreOffice's rendering of each 通报.
BANJI_PAD = {"": 14, "tongbao_c": 11, "tongbao_b": 14}
BANJI_FILL = {"tongbao_b": 400}


def build(stem: str, kind: str, profile: str, variant: Variant | None) -> Spec:
    spec = base(kind, profile, stem)
    if variant is not None:
        variant(spec)
    finish(spec)
    if kind == "tongbao" and spec.paras[-2].role == "cc":
        at = len(spec.paras) - 2
        spec.paras[at:at] = [Para("blank", "") for _ in range(BANJI_PAD.get(stem, BANJI_PAD[""]))]
        if stem in BANJI_FILL:  # a shorter empty line where a whole one would push the 版记 over the page
            spec.paras.insert(at, Para("blank", "", {"line": ("exact", BANJI_FILL[stem]), "snap": False}))
    return spec


def _quote(p: Para) -> str:
    return p.text[:14]


def key_entry(spec: Spec) -> dict[str, Any]:
    counted = [p for p in spec.paras if p.role != "table"]
    defects = []
    for category, para, note in spec.defects:
        idx = None if para is None else counted.index(para) + 1
        defects.append({"category": category, "paragraph": idx, "note": note,
                        "quote": None if para is None else _quote(para)})  # fmt: skip
    return {"file": f"{spec.name}.docx", "kind": T.KINDS[spec.kind][0], "profile": spec.profile, "defects": defects}


def make(out: Path, office: bool = True) -> dict[str, Any]:
    """Write the corpus and its key.yaml into `out`; return the key. Without `office`, the documents meant to go through a
    LibreOffice round trip are written as python-docx made them (their key entries are the same)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    key: dict[str, Any] = {"defective": [], "clean": []}
    for stem, kind, profile, variant, rt in DEFECTIVE:
        spec = build(stem, kind, profile, variant)
        path = out / f"{stem}.docx"
        write_docx(spec, path)
        if rt and office:
            roundtrip(path)
        entry = key_entry(spec)
        entry["libreoffice"] = rt and office
        key["defective"].append(entry)
    for stem, kind, profile, made, rt in CLEAN:
        spec = build(stem, kind, profile, None)
        path = out / f"{stem}.docx"
        write_docx(spec, path)
        if rt and office:
            roundtrip(path)
        key["clean"].append({"file": f"{stem}.docx", "kind": T.KINDS[kind][0], "profile": profile, "made": made,
                             "libreoffice": rt and office})  # fmt: skip
    import yaml

    (out / "key.yaml").write_text(yaml.safe_dump(key, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return key


def twin(stem: str) -> Spec:
    """The clean twin of a defective document: the same kind and profile without the variant."""
    _, kind, profile, _, _ = next(d for d in DEFECTIVE if d[0] == stem)
    return build(stem, kind, profile, None)


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description="生成第六份检查评测集（文档和答案 key.yaml）")
    ap.add_argument("out", type=Path, help="输出目录")
    ap.add_argument("--no-office", action="store_true", help="不做 LibreOffice 另存（少几份文档）")
    args = ap.parse_args(argv)
    key = make(args.out, office=not args.no_office)
    print(f"已写出 {len(key['defective'])} 份有缺陷文档、{len(key['clean'])} 份合格文档：{args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
