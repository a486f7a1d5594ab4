"""Fifth examiner corpus for `wenmi check` / `wenmi fix` (issue 13), written without looking at the rules.

    python benchmarks/check_eval5/make_corpus.py DIR [--no-office] [--verify]

Writes into DIR the documents and `key.yaml` (the layout `benchmarks/bench_check.py` reads):
nine kinds of office documents (texts in `texts.py`), laid out the ways offices lay them out (direct
formatting on Word's Normal style, restyled built-in headings, custom styles, a WPS-like document
grid, LibreOffice round trips), clean, and with planted defects in 13 categories. Key paragraphs are
1-based indices into the document's body paragraphs (tables not counted), found after writing by the
quoted text, so they stay right whatever the layout added. Pagination defects (背题, 署名 and 日期
split, 落款 alone on a page) are placed by laying the document out in LibreOffice and padding the
text before them; they need LibreOffice (without it, --no-office leaves them and the round trips out).
--verify lays every clean document out in LibreOffice and checks it against GB/T 9704.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from texts import KINDS, PAD  # noqa: E402

FS, HT, KT, XBS, ST = "仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "宋体"
LINE = 28.95  # pt: 225 mm / 22 lines
MM = 56.6929  # twips per mm
FONTS_CONF = HERE.parent.parent / "tests" / "fonts.conf"

# ---------------------------------------------------------------- document model


def role_fmt(role: str) -> dict[str, Any]:
    """GB/T 9704 formatting of each role (what a careful typist sets by hand)."""
    base = {"font": FS, "size": 16, "bold": False, "align": "both", "first": 2, "left": 0, "right": 0,
            "line": ("exact", LINE), "before": 0, "after": 0, "keep": False, "color": None}  # fmt: skip
    extra = {
        "title": {"font": XBS, "size": 22, "align": "center", "first": 0},
        "att_title": {"font": XBS, "size": 22, "align": "center", "first": 0},
        "byline": {"font": KT, "align": "center", "first": 0},
        "recipient": {"first": 0},
        "h1": {"font": HT, "keep": True},
        "h2": {"font": KT, "keep": True},
        "att_label": {"font": HT, "first": 0, "align": "left"},
        "sign": {"align": "right", "first": 0},
        "date": {"align": "right", "first": 0},
        "cc": {"size": 14, "first": 0, "left": 1, "right": 1, "align": "left", "border": [("top", 8), ("bottom", 6)]},
        "printed": {"size": 14, "first": 0, "left": 1, "right": 1, "align": "left", "border": [("bottom", 8)]},
        "attend": {"first": -3, "left": 5},
    }.get(role, {})
    return {**base, **extra}


AUTOSPACE = 0.21  # characters: the space Word and LibreOffice add between Chinese and Latin text or digits


def width(text: str) -> float:
    """Width in characters: digits and Latin letters are half-width, and each change between them and
    Chinese characters adds the automatic East Asian/Latin spacing (measured in LibreOffice: 1.17 mm at 3号)."""
    narrow = [ord(c) < 128 for c in text]
    return sum(0.5 if n else 1 for n in narrow) + AUTOSPACE * sum(a != b for a, b in zip(narrow, narrow[1:], strict=False))


def expand(kind: str) -> list[dict[str, Any]]:
    """The blocks of a kind with the empty lines GB/T 9704 puts between the parts."""
    raw = KINDS[kind][1]
    out: list[dict[str, Any]] = []
    for i, (role, text) in enumerate(raw):
        prev = raw[i - 1][0] if i else None
        if role in ("recipient",) or (prev == "title" and role in ("body", "h1")) or (prev == "byline" and role != "byline"):
            out.append({"role": "blank", "text": ""})
        # one empty line before the 附件说明 (7.3.4) and between the body or 附件说明 and the 署名 (7.3.5.2)
        if role in ("attach", "sign") or (role == "attend" and prev != "attend"):
            out.append({"role": "blank", "text": ""})
        if role == "att_title" or (prev == "att_title" and role == "table"):
            out.append({"role": "blank", "text": ""})
        out.append({"role": role, "text": text})
    for b in out:
        b["fmt"] = role_fmt(b["role"] if b["role"] != "blank" else "body")
    place_signature(out)
    # the last body paragraph, the empty line and the signature stay with the date (no 落款 alone on a page)
    for i, b in enumerate(out):
        if b["role"] == "sign":
            j = i - 1
            while j >= 0 and out[j]["role"] in ("blank", "attach", "body", "h3"):
                out[j]["fmt"]["keep"] = True
                if out[j]["role"] in ("body", "h3"):
                    break
                j -= 1
            b["fmt"]["keep"] = True
    return out


def place_signature(blocks: list[dict[str, Any]]) -> None:
    """GB/T 9704 7.3.5.2: signature right-indented 2 characters, the date starting 2 characters to the right of
    the signature's first character; when the date is the longer, the date is right-indented 2 and the
    signature moves left. The texts keep every signature at least 2 characters longer than its date, so that
    both readings of "the date is the longer" (longer than the signature, or too long to move right 2) agree."""
    sign = next((b for b in blocks if b["role"] == "sign"), None)
    date = next((b for b in blocks if b["role"] == "date"), None)
    if not sign or not date:
        return
    ls, ld = width(sign["text"]), width(date["text"])
    if ld + 2 > ls:
        date["fmt"]["right"], sign["fmt"]["right"] = 2, 4 + ld - ls
    else:
        sign["fmt"]["right"], date["fmt"]["right"] = 2, ls - ld


def new_doc(kind: str, method: str) -> dict[str, Any]:
    return {"kind": kind, "method": method, "blocks": expand(kind),
            "page": {"w": 210, "h": 297, "top": 37, "bottom": 35, "left": 28, "right": 26},
            "footer": {"mode": "gbt", "size": 14, "font": ST}, "condense": -0.25, "pagination": None}  # fmt: skip


# ---------------------------------------------------------------- writing .docx


def _el(tag: str, **attrs: Any) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn(k.replace("_", ":", 1)), str(v))
    return e


def _strip_theme(rpr: Any) -> None:
    from docx.oxml.ns import qn

    for rf in rpr.findall(qn("w:rFonts")):
        for a in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rf.attrib.pop(qn(a), None)


def _rpr(parent: Any, f: dict[str, Any], condense: float, ascii_font: str | None) -> None:
    from docx.oxml.ns import qn

    rpr = parent.find(qn("w:rPr"))
    if rpr is None:
        rpr = _el("w:rPr")
        parent.insert(0, rpr) if parent.tag == qn("w:r") else parent.append(rpr)
    for child in list(rpr):
        rpr.remove(child)
    a = ascii_font or f["font"]
    rpr.append(_el("w:rFonts", w_ascii=a, w_hAnsi=a, w_eastAsia=f["font"], w_cs=a))
    if f["bold"]:
        rpr.append(_el("w:b"))
    rpr.append(_el("w:color", w_val=f["color"] or "000000"))
    if condense:
        rpr.append(_el("w:spacing", w_val=int(round(condense * 20))))
    rpr.append(_el("w:sz", w_val=int(f["size"] * 2)))
    rpr.append(_el("w:szCs", w_val=int(f["size"] * 2)))
    rpr.append(_el("w:lang", w_val="en-US", w_eastAsia="zh-CN"))


def _ppr(p: Any, f: dict[str, Any], grid: bool) -> None:
    from docx.oxml.ns import qn

    ppr = p.get_or_add_pPr()
    for child in list(ppr):
        if child.tag != qn("w:pStyle"):
            ppr.remove(child)
    ppr.append(_el("w:keepNext") if f["keep"] else _el("w:keepNext", w_val=0))
    if f.get("break"):
        ppr.append(_el("w:pageBreakBefore"))
    ppr.append(_el("w:widowControl", w_val=0))
    if f.get("border"):
        bdr = _el("w:pBdr")
        for side, sz in f["border"]:
            bdr.append(_el(f"w:{side}", w_val="single", w_sz=sz, w_space=1, w_color="000000"))
        ppr.append(bdr)
    if f.get("tab"):
        tabs = _el("w:tabs")
        tabs.append(_el("w:tab", w_val="right", w_pos=f["tab"]))
        ppr.append(tabs)
    if not grid:
        ppr.append(_el("w:snapToGrid", w_val=0))
    kind, v = f["line"]
    if grid and kind == "exact" and abs(v - LINE) < 0.01:
        ppr.append(_el("w:spacing", w_before=int(f["before"] * 20), w_after=int(f["after"] * 20), w_line=240, w_lineRule="auto"))
    elif kind == "exact":
        ppr.append(_el("w:spacing", w_before=int(f["before"] * 20), w_after=int(f["after"] * 20), w_line=int(round(v * 20)), w_lineRule="exact"))
    else:
        ppr.append(_el("w:spacing", w_before=int(f["before"] * 20), w_after=int(f["after"] * 20), w_line=int(round(v * 240)), w_lineRule="auto"))
    ch = f["size"] * 20  # twips of one character
    ind: dict[str, Any] = {}
    if f["left"]:
        ind.update(w_leftChars=int(f["left"] * 100), w_left=int(f["left"] * ch))
    if f["right"]:
        ind.update(w_rightChars=int(round(f["right"] * 100)), w_right=int(round(f["right"] * ch)))
    if f["first"] > 0:
        ind.update(w_firstLineChars=int(f["first"] * 100), w_firstLine=int(f["first"] * ch))
    elif f["first"] < 0:
        ind.update(w_hangingChars=int(-f["first"] * 100), w_hanging=int(-f["first"] * ch))
    else:
        ind.update(w_firstLineChars=0, w_firstLine=0)
    ind.setdefault("w_leftChars", 0)
    ind.setdefault("w_left", 0)
    ind.setdefault("w_rightChars", 0)
    ind.setdefault("w_right", 0)
    ppr.append(_el("w:ind", **ind))
    ppr.append(_el("w:jc", w_val=f["align"]))


def _set_style(doc: Any, name: str, f: dict[str, Any], condense: float, builtin: bool = False) -> str:
    from docx.enum.style import WD_STYLE_TYPE

    try:
        st = doc.styles[name]
    except KeyError:
        st = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = doc.styles["Normal"]
    el = st.element
    ppr = el.get_or_add_pPr()
    fake = type("P", (), {"get_or_add_pPr": lambda self: ppr})()
    _ppr(fake, f, grid=False)
    _rpr(el, f, condense, "Times New Roman")
    if builtin:
        st.font.italic = False
    return name


STYLE_OF = {"title": "公文标题", "att_title": "公文标题", "h1": "一级标题", "h2": "二级标题", "body": "公文正文",
            "h3": "公文正文", "recipient": "主送机关", "sign": "发文机关署名", "date": "成文日期", "blank": "公文正文",
            "attach": "公文正文", "note": "公文正文", "att_label": "附件标识", "byline": "公文正文"}  # fmt: skip


def build(model: dict[str, Any], path: Path) -> None:
    """Write the model as a .docx the way its method says."""
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Mm

    method = model["method"]
    d = docx.Document()
    # docDefaults and Normal without theme fonts, East Asian language set
    styles = d.styles.element
    for rpr in styles.iter(qn("w:rPr")):
        _strip_theme(rpr)
    ddef = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for lang in ddef.findall(qn("w:lang")):
        ddef.remove(lang)
    ddef.append(_el("w:lang", w_val="en-US", w_eastAsia="zh-CN"))
    grid = method == "wps"
    condense = model["condense"]
    sec = d.sections[0]
    pg = model["page"]
    sec.page_width, sec.page_height = Mm(pg["w"]), Mm(pg["h"])
    if pg["w"] > pg["h"]:
        from docx.enum.section import WD_ORIENT

        sec.orientation = WD_ORIENT.LANDSCAPE
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = (Mm(pg[k]) for k in ("top", "bottom", "left", "right"))
    sec.header_distance, sec.footer_distance = Mm(15), Mm(pg.get("footer_distance", 22))
    if grid:
        sp = sec._sectPr
        for g in sp.findall(qn("w:docGrid")):
            sp.remove(g)
        # WPS's "只指定行网格": 22 lines of 28.95 pt; paragraphs on single spacing snap to it
        sp.append(_el("w:docGrid", w_type="lines", w_linePitch=579))
    plain = method in ("direct", "wps", "lo")
    if method == "styles":
        for role, name in STYLE_OF.items():
            if name not in [s.name for s in d.styles]:
                _set_style(d, name, role_fmt(role if role != "blank" else "body"), condense)
    if method == "renamed":
        # Word's Normal made the body text, built-in headings restyled (a common office template)
        _set_style(d, "Normal", role_fmt("body"), condense)
        _set_style(d, "Heading 1", role_fmt("h1"), condense, builtin=True)
        _set_style(d, "Heading 2", role_fmt("h2"), condense, builtin=True)
        _set_style(d, "Title", role_fmt("title"), condense, builtin=True)
    for b in model["blocks"]:
        role, f = b["role"], b["fmt"]
        if role == "table":
            _table(d, b["text"], condense)
            continue
        p = d.add_paragraph()
        if method == "styles":
            p.style = d.styles[STYLE_OF.get(role, "公文正文")]
        elif method == "renamed":
            p.style = d.styles[{"h1": "Heading 1", "h2": "Heading 2", "title": "Title"}.get(role, "Normal")]
        # direct formatting: always in the plain methods, where the model differs from the style otherwise
        style_f = role_fmt(role if role != "blank" else "body")
        direct = (plain or f != style_f or method == "styles" and role not in STYLE_OF
                  or method == "renamed" and role not in ("h1", "h2", "title", "body", "blank", "h3", "attach", "note"))
        if direct:
            _ppr(p._p, f, grid)
        if role == "printed":
            left, right = b["text"]
            f = {**f}
            _ppr(p._p, {**f, "tab": int((156 - 14 * 25.4 / 72) * MM)}, grid)  # right tab at the right indent (1 character), from the margin
            for t in (left, "\t", right):
                r = p.add_run(t)
                _rpr(r._r, f, 0, None)
            continue
        segments = [(b["text"], f)]
        if role == "attend":
            segments = [(b["text"][:3], {**f, "font": HT}), (b["text"][3:], f)]
        for text, sf in segments:
            if not text:
                continue
            r = p.add_run(text)
            if direct or role == "attend":
                _rpr(r._r, sf, 0 if role in ("cc", "printed") else condense, "Times New Roman")
    if not model["blocks"] or model["blocks"][-1]["role"] == "table":
        d.add_paragraph()
    _footer(d, model)
    d.settings.odd_and_even_pages_header_footer = model["footer"]["mode"] != "oddonly"
    d.save(str(path))


def _table(d: Any, rows: list[list[str]], condense: float) -> None:
    from docx.oxml.ns import qn

    total = int(156 * MM)
    ratios = [0.1, 0.45, 0.27, 0.18] if max(len(r[0]) for r in rows) <= 2 else [0.16, 0.36, 0.27, 0.21]  # no wrapped 中药/材
    cols = [int(total * r) for r in ratios]
    cols[-1] = total - sum(cols[:-1])
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = d.styles["Table Grid"]
    tblpr = t._tbl.tblPr
    for w in tblpr.findall(qn("w:tblW")):
        tblpr.remove(w)
    tblpr.append(_el("w:tblW", w_w=total, w_type="dxa"))
    tblpr.append(_el("w:jc", w_val="center"))
    grid = t._tbl.tblGrid
    for gc, w in zip(grid.findall(qn("w:gridCol")), cols, strict=True):
        gc.set(qn("w:w"), str(w))
    for i, row in enumerate(rows):
        tr = t.rows[i]._tr
        trpr = tr.get_or_add_trPr()
        trpr.append(_el("w:cantSplit"))
        if i == 0:
            trpr.append(_el("w:tblHeader"))
        for j, text in enumerate(row):
            cell = t.cell(i, j)
            cell.width = cols[j]
            p = cell.paragraphs[0]
            f = {**role_fmt("body"), "size": 14, "first": 0, "align": "center" if i == 0 or j != 1 else "left",
                 "line": ("exact", 22), "bold": False, "font": HT if i == 0 else FS}  # fmt: skip
            _ppr(p._p, f, False)
            r = p.add_run(text)
            _rpr(r._r, f, 0, None)


def _page_field(p: Any, f: dict[str, Any], before: str, after: str) -> None:
    runs = [("text", before), ("begin", None), ("instr", " PAGE "), ("sep", None), ("text", "1"), ("end", None), ("text", after)]
    for kind, val in runs:
        r = p.add_run()
        _rpr(r._r, f, 0, None)
        if kind == "text":
            if val:
                t = _el("w:t")
                t.text = val
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                r._r.append(t)
        elif kind == "instr":
            it = _el("w:instrText")
            it.text = val
            it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            r._r.append(it)
        else:
            r._r.append(_el("w:fldChar", w_fldCharType={"begin": "begin", "sep": "separate", "end": "end"}[kind]))


def _footer(d: Any, model: dict[str, Any]) -> None:
    ft = model["footer"]
    mode = ft["mode"]
    sec = d.sections[0]
    if mode == "none":
        return
    f = {**role_fmt("body"), "font": ft["font"], "size": ft["size"], "first": 0, "line": ("mult", 1.0)}
    forms = {"gbt": ("— ", " —"), "plain": ("", ""), "hyphen": ("-", "-"), "dijiye": ("第 ", " 页"),
             "center": ("— ", " —"), "header": ("— ", " —"), "oddonly": ("— ", " —"), "fullhyphen": ("－", "－"),
             "space": ("— ", " —")}  # fmt: skip
    before, after = forms[mode]
    targets = [(sec.header if mode == "header" else sec.footer, "odd")]
    if mode != "oddonly":
        targets.append((sec.even_page_header if mode == "header" else sec.even_page_footer, "even"))
    for part, side in targets:
        part.is_linked_to_previous = False
        p = part.paragraphs[0]
        if mode == "center":
            g = {**f, "align": "center"}
        elif mode == "space":  # one full-width space typed instead of an indent
            g = {**f, "align": "right" if side == "odd" else "left"}
        elif side == "odd":
            g = {**f, "align": "right", "right": 1}
        else:
            g = {**f, "align": "left", "left": 1}
        _ppr(p._p, {**g, "right": g["right"], "left": g["left"]}, False)
        if mode == "space":
            _page_field(p, g, ("" if side == "odd" else "　") + before, after + ("　" if side == "odd" else ""))
        else:
            _page_field(p, g, before, after)


# ---------------------------------------------------------------- LibreOffice


def soffice(src: Path, fmt: str, outdir: Path) -> Path:
    prof = Path(tempfile.mkdtemp(prefix="lo-prof-"))
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF))
    try:
        subprocess.run(["soffice", f"-env:UserInstallation={prof.as_uri()}", "--headless", "--convert-to", fmt,
                        "--outdir", str(outdir), str(src)], check=True, capture_output=True, timeout=180, env=env)  # fmt: skip
    finally:
        shutil.rmtree(prof, ignore_errors=True)
    return outdir / (src.stem + "." + fmt.split(":")[0])


def rows_of(docx_path: Path) -> list[list[dict[str, Any]]]:
    """Lines of the LibreOffice rendering, per page: y (mm, bottom), x0, x1, size, text."""
    import pdfplumber

    tmp = Path(tempfile.mkdtemp(prefix="ce5-pdf-"))
    try:
        pdf = soffice(docx_path, "pdf", tmp)
        pages = []
        with pdfplumber.open(str(pdf)) as doc:
            for p in doc.pages:
                lines: dict[int, list[dict[str, Any]]] = {}
                for c in p.chars:
                    if c["text"].strip():
                        lines.setdefault(round(c["bottom"] / 3), []).append(c)
                rows = []
                for k in sorted(lines):
                    cs = sorted(lines[k], key=lambda c: c["x0"])
                    k_mm = 25.4 / 72
                    rows.append({"y": cs[0]["bottom"] * k_mm, "top": min(c["top"] for c in cs) * k_mm, "x0": cs[0]["x0"] * k_mm,
                                 "x1": cs[-1]["x1"] * k_mm, "size": round(max(c["size"] for c in cs), 1), "n": len(cs),
                                 "text": "".join(c["text"] for c in cs), "w": p.width * k_mm, "h": p.height * k_mm})  # fmt: skip
                pages.append(rows)
        return pages
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def line_index(row: dict[str, Any], top: float = 37.0) -> int:
    """Grid line (0..21) a row of body text sits on."""
    return int((row["y"] - top) / (LINE * 25.4 / 72))


def find_row(pages: list[list[dict[str, Any]]], text: str) -> tuple[int, int, dict[str, Any]] | None:
    key = text.replace(" ", "")[:12]
    for pi, rows in enumerate(pages):
        for ri, r in enumerate(rows):
            if r["text"] == key or len(key) == 12 and r["text"].startswith(key):
                return pi, ri, r
    return None


# ---------------------------------------------------------------- defects


def blk(model: dict[str, Any], quote: str) -> dict[str, Any]:
    if quote.startswith("@"):  # @role or @role#n
        role, _, n = quote[1:].partition("#")
        return [b for b in model["blocks"] if b["role"] == role][int(n or 0)]
    hits = [b for b in model["blocks"] if isinstance(b["text"], str) and quote in b["text"]]
    assert len(hits) == 1, f"{model['kind']}: {quote!r} matches {len(hits)} blocks"
    return hits[0]


def F(quote: str, **kw: Any) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Direct formatting of one paragraph."""

    def apply(m: dict[str, Any]) -> dict[str, Any]:
        b = blk(m, quote)
        b["fmt"].update(kw)
        return b

    return apply


def FALL(role: str, **kw: Any) -> Callable[[dict[str, Any]], None]:
    """Direct formatting of every paragraph of a role (a whole document made that way)."""

    def apply(m: dict[str, Any]) -> None:
        for b in m["blocks"]:
            if b["role"] == role or role == "body" and b["role"] in ("body", "h3", "blank", "note"):
                b["fmt"].update(kw)

    return apply


def T(quote: str, old: str, new: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Replace text inside one paragraph."""

    def apply(m: dict[str, Any]) -> dict[str, Any]:
        b = blk(m, quote)
        assert old in b["text"], (m["kind"], old)
        b["text"] = b["text"].replace(old, new, 1)
        return b

    return apply


def PAGE(**kw: Any) -> Callable[[dict[str, Any]], None]:
    def apply(m: dict[str, Any]) -> None:
        m["page"].update(kw)

    return apply


def FOOT(**kw: Any) -> Callable[[dict[str, Any]], None]:
    def apply(m: dict[str, Any]) -> None:
        m["footer"].update(kw)

    return apply


def MOVE(quote: str, before: str | None) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Move a paragraph before another one (None: to the end)."""

    def apply(m: dict[str, Any]) -> dict[str, Any]:
        b = blk(m, quote)
        m["blocks"].remove(b)
        at = m["blocks"].index(blk(m, before)) if before else len(m["blocks"])
        m["blocks"].insert(at, b)
        return b

    return apply


def DROP(quote: str) -> Callable[[dict[str, Any]], None]:
    def apply(m: dict[str, Any]) -> None:
        b = blk(m, quote)
        i = m["blocks"].index(b)
        m["blocks"].remove(b)
        if b["role"] == "sign" and i and m["blocks"][i - 1]["role"] != "blank" and m["blocks"][i]["role"] != "blank":
            pass

    return apply


def ADD(after: str, role: str, text: str, before: bool = False) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Insert a paragraph after the quoted one (before it with `before`)."""

    def apply(m: dict[str, Any]) -> dict[str, Any]:
        b = {"role": role, "text": text, "fmt": role_fmt(role)}
        m["blocks"].insert(m["blocks"].index(blk(m, after)) + (0 if before else 1), b)
        return b

    return apply


def PAGINATE(kind: str, quote: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Mark a pagination defect: `backtitle` (the heading ends a page, its text starts the next),
    `split` (署名 last on a page, 日期 on the next), `alone` (署名 and 日期 alone on the last page)."""

    def apply(m: dict[str, Any]) -> dict[str, Any]:
        b = blk(m, quote)
        m["pagination"] = (kind, quote)
        if kind == "backtitle":
            b["fmt"]["keep"] = False
        else:  # nothing keeps the 落款 with the text before it
            for x in m["blocks"]:
                if x["role"] in ("body", "h3", "blank", "attach", "sign"):
                    x["fmt"]["keep"] = False
        return b

    return apply


def pad_text(lines: int, seed: int) -> str:
    """A paragraph of `lines` lines (28 characters each, the first indented 2) from the padding sentences:
    its last line about half full, so that line breaking rules cannot add or save a line."""
    target = 28 * (lines - 1) - 2 + 14
    best = ""
    for r in range(len(PAD)):
        order = PAD[(seed + r) % len(PAD):] + PAD[: (seed + r) % len(PAD)]
        text = ""
        for s in order * 3:
            if len(text) + len(s) <= target + 6:
                text += s
        if abs(len(text) - target) < abs(len(best) - target):
            best = text
    return best


def place_pagination(model: dict[str, Any], path: Path, seed: int) -> None:
    """Pad the text before the defect until LibreOffice lays the defect out; raise if it cannot."""
    kind, quote = model["pagination"]
    target = blk(model, quote)
    anchor_i = max(i for i, b in enumerate(model["blocks"][: model["blocks"].index(target)]) if b["role"] == "body")
    pad: dict[str, Any] | None = None
    for attempt in range(6):
        write_doc(model, path)
        pages = rows_of(path)
        ok, need = pagination_state(pages, model, kind, quote)
        if ok:
            return
        if need is None:
            break
        have = 0 if pad is None else sum(1 for rows in pages for r in rows if r["size"] >= 15 and r["text"] in pad["text"])
        lines = (have + need) % 22 or 22
        text = pad_text(lines, seed + attempt)
        if pad is None:
            pad = {"role": "body", "text": text, "fmt": role_fmt("body"), "pad": True}
            model["blocks"].insert(anchor_i, pad)
        else:
            pad["text"] = text
    raise RuntimeError(f"{path.name}: 无法在 LibreOffice 排版中造出分页缺陷 {kind}")


def pagination_state(pages: list[list[dict[str, Any]]], model: dict[str, Any], kind: str, quote: str) -> tuple[bool, int | None]:
    """Whether the defect shows; if not, how many lines to add before it."""
    b = blk(model, quote)
    hit = find_row(pages, b["text"])
    if hit is None:
        return False, None
    pi, ri, row = hit
    li = line_index(row)
    if kind == "backtitle":
        nxt = pages[pi][ri + 1] if ri + 1 < len(pages[pi]) and pages[pi][ri + 1]["size"] >= 15 else None
        return (nxt is None and pi + 1 < len(pages)), 21 - li
    if kind == "split":
        date = next(x for x in model["blocks"] if x["role"] == "date")
        dh = find_row(pages, date["text"])
        return (dh is not None and dh[0] == pi + 1), 21 - li
    # alone: the signature on a page with nothing of the body above it
    above = [r for r in pages[pi][:ri] if r["size"] >= 15]
    return (not above and pi > 0), (21 - li) + 2  # signature to line 0 of the next page: body must end on line 21


# ---------------------------------------------------------------- the corpus

# clean documents: (file stem, kind, method, footer mode)
CLEAN = [
    ("clean_tongzhi_direct", "tongzhi", "direct", "gbt"),
    ("clean_tongzhi_styles", "tongzhi", "styles", "gbt"),
    ("clean_qingshi_direct", "qingshi", "direct", "gbt"),
    ("clean_qingshi_lo", "qingshi", "lo", "gbt"),
    ("clean_han_renamed", "han", "renamed", "gbt"),
    ("clean_han_wps", "han", "wps", "gbt"),
    ("clean_baogao_styles", "baogao", "styles", "gbt"),
    ("clean_baogao_lo", "baogao", "lo", "gbt"),
    ("clean_jiyao_direct", "jiyao", "direct", "gbt"),
    ("clean_fangan_direct", "fangan", "direct", "gbt"),
    ("clean_fangan_lo", "fangan", "lo", "gbt"),
    ("clean_zongjie_renamed", "zongjie", "renamed", "gbt"),
    ("clean_zongjie_lo", "zongjie", "lo", "gbt"),
    ("clean_jianghua_direct", "jianghua", "direct", "gbt"),
    ("clean_tongbao_direct", "tongbao", "direct", "gbt"),
    ("clean_tongbao_styles", "tongbao", "styles", "gbt"),
    ("clean_zongjie_wps", "zongjie", "wps", "gbt"),
]

L, FO, SZ, IN, SP, AL = "layout", "font", "size", "indent", "spacing", "alignment"
NU, PU, NB, PA, STR, HF, PG = "numbering", "punctuation", "numbers", "parallelism", "structure", "header_footer", "pagination"

# defective documents: stem, kind, method, [(category, note, mutation, located)]; `located` False: the
# key names no paragraph (a document-wide defect)
DEFECTIVE: list[tuple[str, str, str, list[tuple[str, str, Callable[..., Any], bool]]]] = [
    ("d01_tongzhi_letter", "tongzhi", "direct", [
        (L, "纸张为 Letter（216×279 mm），应为 A4", PAGE(w=215.9, h=279.4), False),
        (NU, "“二、”写成“二.”", T("二、时间安排", "二、", "二."), True),
        (PU, "正文中英文逗号", T("此次检查覆盖", "，重点是", ",重点是"), True),
        (NB, "日期写成“2024.4.3”", T("3.及时报送信息", "4月3日", "2024.4.3"), True)]),
    ("d02_tongzhi_word", "tongzhi", "direct", [
        (L, "Word 默认页边距（上下 25.4 mm，左右 31.8 mm）", PAGE(top=25.4, bottom=25.4, left=31.8, right=31.8), False),
        (FO, "正文（全文）为宋体", FALL("body", font=ST), False),
        (HF, "页码为“第 N 页”", FOOT(mode="dijiye"), False),
        (PA, "一级标题中一个写成“关于……的”", T("三、工作要求", "三、工作要求", "三、关于做好大检查工作的有关要求"), True)]),
    ("d03_tongzhi_styles", "tongzhi", "styles", [
        (SZ, "标题为3号（16磅）", F("@title", size=16), True),
        (IN, "主送机关首行缩进2字", F("@recipient", first=2), True),
        (AL, "成文日期居中", F("@date", align="center", right=0), True),
        (PG, "一级标题“三、工作要求”背题", PAGINATE("backtitle", "三、工作要求"), True)]),
    ("d04_tongzhi_wps", "tongzhi", "wps", [
        (SP, "正文行距 1.5 倍（文档网格下每页不足 22 行）", FALL("body", line=("mult", 1.5)), False),
        (NU, "二级标题“（二）”写成“(二)”", T("（二）督导检查阶段", "（二）", "(二)"), True),
        (NB, "全角数字“３０家”", T("每个督导组抽查", "30家", "３０家"), True),
        (STR, "主送机关排在标题之前", MOVE("各镇人民政府、街道办事处，县直各部门", "关于开展2024年度安全生产大检查"), True)]),
    ("d05_qingshi_direct", "qingshi", "direct", [
        (L, "上边距 25 mm、下边距 25 mm", PAGE(top=25, bottom=25), False),
        (FO, "标题为黑体", F("@title", font=HT), True),
        (PU, "主送机关后用英文冒号", T("县人民政府：", "：", ":"), True),
        (NB, "成文日期写成“二〇二四年四月八日”", T("@date", "2024年4月8日", "二〇二四年四月八日"), True),
        (HF, "页码居中", FOOT(mode="center"), False)]),
    ("d06_qingshi_lo", "qingshi", "lo", [
        (SZ, "正文（全文）为4号（14磅）", FALL("body", size=14), False),
        (AL, "署名左对齐", F("@sign", align="left", right=0), True),
        (STR, "缺成文日期", DROP("@date"), False),
        (PU, "标题末尾加句号", T("@title", "请示", "请示。"), True)]),
    ("d07_qingshi_split", "qingshi", "direct", [
        (PG, "署名在页末，成文日期落到下一页", PAGINATE("split", "@sign"), True),
        (NB, "“23年”写两位年份", T("根据《青河县2024年", "今年我县", "23年底前我县"), True),
        (SP, "一段正文段前 12 磅、段后 12 磅", F("为确保改造工程按期开工", before=12, after=12), True)]),
    ("d08_han_renamed", "han", "renamed", [
        (L, "左边距 20 mm、右边距 20 mm", PAGE(left=20, right=20), False),
        (SZ, "署名和日期为4号", FALL("sign", size=14), True),
        (IN, "一段正文首行不缩进", F("为进一步深化校地合作", first=0), True),
        (PU, "“。。”重复句号", T("特此函商", "望予支持。", "望予支持。。"), True)]),
    ("d09_han_wps", "han", "wps", [
        (FO, "正文（全文）为楷体", FALL("body", font=KT), False),
        (AL, "主送机关居中", F("@recipient", align="center"), True),
        (NB, "“2024-5-20”写法", T("特此函商", "5月20日", "2024-5-20"), True),
        (HF, "页码为“-1-”连字符", FOOT(mode="hyphen"), False),
        (STR, "署名与成文日期次序颠倒", MOVE("@date", "@sign"), True)]),
    ("d10_han_alone", "han", "direct", [
        (PG, "署名和日期单独落在最后一页", PAGINATE("alone", "@sign"), True),
        (PU, "英文双引号", T("近年来", "人才强区战略", "\"人才强区\"战略"), True),
        (SP, "正文（全文）行距固定值 20 磅（每页超过 22 行）", FALL("body", line=("exact", 20)), False)]),
    ("d11_baogao_direct", "baogao", "direct", [
        (L, "横向 A4", PAGE(w=297, h=210), False),
        (FO, "一级标题为仿宋", FALL("h1", font=FS), False),
        (NU, "二级标题“（一）、”", T("（一）健全推进机制", "（一）", "（一）、"), True),
        (PA, "二级标题中一个写成长句", T("（三）优化审批服务", "（三）优化审批服务", "（三）我们在审批服务方面也做了大量卓有成效的改革探索工作"), True),
        (NB, "年份“二〇二四年”用在正文中", T("今年以来", "今年以来", "二〇二四年以来"), True)]),
    ("d12_baogao_styles", "baogao", "styles", [
        (SZ, "一级标题为小2号（18磅）", F("二、主要工作措施", size=18), True),
        (IN, "二级标题顶格（不缩进）", F("（二）强化要素保障", first=0), True),
        (SP, "一级标题段前 0.5 行、段后 6 磅（Word 标题样式习惯）", F("三、存在的主要问题", before=12, after=6), True),
        (HF, "页码为小4号（12磅）", FOOT(size=12), False),
        (STR, "缺署名", DROP("@sign"), False)]),
    ("d13_baogao_back", "baogao", "lo", [
        (PG, "二级标题“（三）优化审批服务”背题", PAGINATE("backtitle", "（三）优化审批服务"), True),
        (AL, "正文一段居中", F("一是部分项目前期工作滞后", align="center"), True),
        (NU, "一级标题“四、”重复为“三、”", T("四、下一步工作打算", "四、", "三、"), True),
        (PU, "“...”代替省略号", T("实行县级领导包抓", "等问题37个", "等问题37个..."), True)]),
    ("d14_jiyao_direct", "jiyao", "direct", [
        (SZ, "正文一段为小4号（12磅，粘贴未改）", F("会议要求，县水利局牵头", size=12), True),
        (AL, "标题左对齐", F("@title", align="left"), True),
        (PU, "顿号重复“、、”", T("列席", "县水利局、", "县水利局、、"), True),
        (NB, "“2024年3月18日”写成“2024/03/18”", T("县长赵建国主持", "2024年3月18日", "2024/03/18"), True),
        (L, "左边距 35 mm", PAGE(left=35), False)]),
    ("d15_jiyao_back", "jiyao", "styles", [
        (PG, "一级标题“三、关于义务教育学校布局调整”背题", PAGINATE("backtitle", "三、关于义务教育学校布局调整"), True),
        (FO, "一级标题为宋体加粗", F("二、关于春季森林防火工作", font=ST, bold=True), True),
        (IN, "正文一段首行缩进4字", F("会议听取了县林业局", first=4), True),
        (HF, "没有页码", FOOT(mode="none"), False)]),
    ("d16_fangan_direct", "fangan", "direct", [
        (NU, "三级标题“1、”", T("1.加强组织领导", "1.", "1、"), True),
        (PA, "二级标题中一个为名词短语", T("（四）强化法治保障", "（四）强化法治保障", "（四）法治"), True),
        (FO, "二级标题为黑体（应为楷体）", FALL("h2", font=HT), False),
        (NB, "不存在的日期“2024年13月”", T("到2024年底", "到2024年底", "到2024年13月底"), True),
        (SZ, "附件说明为4号", F("@attach", size=14), True)]),
    ("d17_fangan_lo", "fangan", "lo", [
        (NU, "三级标题“2)”", T("2.强化督导考核", "2.", "2)"), True),
        (IN, "附件说明顶格", F("@attach", first=0), True),
        (AL, "一级标题居中", F("二、重点任务", align="center", first=0), True),
        (SP, "正文（全文）单倍行距", FALL("body", line=("mult", 1.0)), False),
        (L, "上边距 30 mm、左边距 25 mm", PAGE(top=30, left=25), False)]),
    ("d18_fangan_back", "fangan", "direct", [
        (PG, "一级标题“三、保障措施”背题", PAGINATE("backtitle", "三、保障措施"), True),
        (PU, "正文中英文分号和括号", T("规范涉企行政执法", "包容审慎监管，", "包容审慎监管;"), True),
        (STR, "附件说明排在落款之后", MOVE("@attach", "@att_label"), True)]),
    ("d19_zongjie_renamed", "zongjie", "renamed", [
        (PA, "一级标题中一个写成句子", T("二、存在的问题和不足", "二、存在的问题和不足", "二、我们的工作还存在一些问题和不足。"), True),
        (NU, "二级标题“（三）”跳号为“（四）”", T("（三）农村改革持续深化", "（三）", "（四）"), True),
        (FO, "一段正文为微软雅黑（粘贴）", F("扎实开展村庄清洁行动", font="微软雅黑"), True),
        (IN, "一段正文整段左缩进2字（无首行缩进）", F("稳步推进农村集体产权", first=0, left=2), True),
        (HF, "只有单页页脚（双页页码也居右）", FOOT(mode="oddonly"), False)]),
    ("d20_zongjie_lo", "zongjie", "lo", [
        (SZ, "二级标题为小3号（15磅）", FALL("h2", size=15), False),
        (NB, "“一百二十六户”作计数", T("全年新识别监测对象", "126户、381人", "一百二十六户、三百八十一人"), True),
        (PU, "正文中英文冒号", T("一年来，我们的工作", "问题和不足：", "问题和不足:"), True),
        (AL, "正文一段右对齐", F("严格落实粮食安全党政同责", align="right"), True),
        (PA, "二级标题中一个为“……问题”", T("（五）加强干部队伍建设", "（五）加强干部队伍建设", "（五）干部队伍建设问题"), True)]),
    ("d21_zongjie_back", "zongjie", "direct", [
        (PG, "二级标题“（四）持续改善人居环境”背题", PAGINATE("backtitle", "（四）持续改善人居环境"), True),
        (NU, "三级数字标题“1．”全角点", ADD("（一）全力抓好粮食生产", "h3", "1．稳面积。严格落实粮食安全党政同责，压实各镇耕地保护和粮食生产责任。"), True),
        (SP, "一段正文行距固定值 36 磅", F("实施茶产业提质增效工程", line=("exact", 36)), True),
        (STR, "结尾后多出模板批注“【此处请填写落款单位】”", ADD("@date", "body", "【此处请填写落款单位】"), True)]),
    ("d22_jianghua_direct", "jianghua", "direct", [
        (SZ, "标题为小1号（24磅）", F("@title", size=24), True),
        (IN, "一级标题悬挂缩进", F("三、压实工作责任", first=-2, left=2), True),
        (NU, "一级标题“一.”", T("一、提高政治站位", "一、", "一."), True),
        (PA, "二级标题中一个写成主谓短语", T("（三）加强党员管理", "（三）加强党员管理", "（三）党员管理更加规范"), True),
        (PU, "中文引号混用“…\"", T("各镇党委要履行主体责任", "“一线指挥”", "“一线指挥\""), True)]),
    ("d23_jianghua_styles", "jianghua", "styles", [
        (FO, "二级标题为仿宋（应为楷体）", F("（二）壮大集体经济", font=FS), True),
        (AL, "正文（全文）左对齐", FALL("body", align="left"), False),
        (SP, "正文一段段后 10 磅、行距 1.08 倍（Word 默认）", F("以村“两委”换届后班子运行", line=("mult", 1.08), after=10), True),
        (HF, "页码在页眉", FOOT(mode="header"), False),
        (PG, "一级标题“三、压实工作责任”背题", PAGINATE("backtitle", "三、压实工作责任"), True)]),
    ("d24_tongbao_direct", "tongbao", "direct", [
        (STR, "版记之后还有正文", ADD("@printed", "body", "此件公开发布。"), True),
        (NU, "一级标题“三、”跳为“五、”", T("三、存在问题", "三、", "五、"), True),
        (PA, "一级标题中一个为问句", T("四、工作要求", "四、工作要求", "四、下一步怎么办？"), True),
        (IN, "正文一段首行缩进1字", F("一季度，全县政务服务", first=1), True),
        (HF, "页码用全角连字符“－1－”", FOOT(mode="fullhyphen"), False)]),
    ("d25_tongbao_styles", "tongbao", "styles", [
        (FO, "版记为黑体", FALL("cc", font=HT), True),
        (SZ, "主送机关为小4号", F("@recipient", size=12), True),
        (PU, "标点前多空格", T("部分单位对差评整改", "等问题；", "等问题 ；"), True),
        (NB, "“2024年2月30日”不存在", T("县行政审批服务局推行", "推行“办事", "自2024年2月30日起推行“办事"), True),
        (PG, "署名在页末，成文日期落到下一页", PAGINATE("split", "@sign"), True)]),
    ("d26_tongzhi_b5", "tongzhi", "lo", [
        (L, "纸张为 B5（176×250 mm）", PAGE(w=176, h=250, top=25, bottom=25, left=20, right=20), False),
        (NU, "四级标题“（1）.”", ADD("（一）自查自改阶段", "body", "（1）.企业自查。各生产经营单位对照检查清单逐项开展自查。"), True),
        (PA, "一级标题中一个远长于其余", T("一、检查范围", "一、检查范围", "一、检查范围包括全县所有生产经营单位和重点行业领域及人员密集场所"), True),
        (AL, "附件说明居中", F("@attach", align="center", first=0), True)]),
    ("d27_baogao_misc", "baogao", "wps", [
        (NB, "成文日期补零“2024年04月12日”", T("@date", "2024年4月12日", "2024年04月12日"), True),
        (STR, "缺标题（标题被删去）", DROP("@title"), False),
        (SP, "正文一段段前 1 行（24 磅）", F("全县今年共安排重点项目", before=24), True),
        (IN, "主送机关缩进2字（WPS 模板）", F("@recipient", first=2), True),
        (NU, "一级标题“二，”用逗号", T("二、主要工作措施", "二、", "二，"), True)]),
    ("d28_han_misc", "han", "styles", [
        (SZ, "标题为小2号（18磅）", F("@title", size=18), True),
        (L, "下边距 20 mm、右边距 35 mm", PAGE(bottom=20, right=35), False)]),
    ("d29_jiyao_misc", "jiyao", "lo", [
        (FO, "“出席”二字为仿宋（应为黑体）", lambda m: blk(m, "出席：").update(role="body") or blk(m, "出席："), True),
        (HF, "页码为纯数字", FOOT(mode="plain"), False),
        (STR, "纪要标题排在第一段正文之后", MOVE("@title", "一、关于城乡供水"), True),
        (SZ, "一级标题为4号", F("一、关于城乡供水一体化工程", size=14), True)]),
    ("d30_jianghua_misc", "jianghua", "lo", [
        (STR, "标题前多出一段“（此稿仅供参考）”（不属于版头要素）", ADD("@title", "body", "（此稿仅供参考）", before=True), True),
        (L, "纸张为16开（184×260 mm）", PAGE(w=184, h=260), False),
        (AL, "一级标题右对齐", F("二、突出工作重点", align="right", first=0), True),
        (NB, "全角数字“１５万元”", T("坚持因村施策", "15万元", "１５万元"), True),
        (PU, "英文括号", T("以村“两委”换届后", "“两委”", "(两委)"), True)]),
    ("d31_tongbao_misc", "tongbao", "lo", [
        (SP, "正文（全文）行距固定值 25 磅（每页 25 行）", FALL("body", line=("exact", 25)), False),
        (SZ, "署名为小3号（15磅）", F("@sign", size=15), True),
        (IN, "一级标题首行缩进4字", F("一、基本情况", first=4), True),
        (FO, "标题为宋体加粗", F("@title", font=ST, bold=True), True),
        (HF, "页码字体为黑体", FOOT(font=HT), False)]),
    ("d32_qingshi_misc", "qingshi", "styles", [
        (PU, "主送机关后缺冒号", T("县人民政府：", "：", ""), True),
        (HF, "页码为“第 N 页”", FOOT(mode="dijiye"), False),
        (FO, "成文日期为宋体", F("@date", font=ST), True),
        (STR, "附注（联系人）排在标题之下", MOVE("@note", "@recipient"), True)]),
    ("d33_baogao_paral", "baogao", "renamed", [
        (PA, "二级标题中一个为“关于……的”", T("（二）强化要素保障", "（二）强化要素保障", "（二）关于要素保障的情况"), True),
        (NB, "“2024年3月”写成“2024-03”", T("全县今年共安排", "一季度新开工", "2024-03新开工"), True),
        (AL, "署名居中", F("@sign", align="center", right=0), True),
        (HF, "页码居中（单双页不分）", FOOT(mode="center"), False),
        (L, "左边距 22 mm、右边距 32 mm（版心偏左）", PAGE(left=22, right=32), False)]),
    ("d34_fangan_paral", "fangan", "styles", [
        (PA, "一级标题中一个写成长句", T("一、总体目标", "一、总体目标", "一、到2024年底全县营商环境要实现明显提升的总体目标"), True),
        (SP, "二级标题段前段后各 6 磅", F("（二）优化市场准入环境", before=6, after=6), True),
        (STR, "成文日期排在署名之前", MOVE("@date", "@sign"), True),
        (PU, "附件名称后加句号", T("@attach", "配档表", "配档表。"), True)]),
    ("d35_zongjie_paral", "zongjie", "styles", [
        (PA, "三段标题中一个写成“如何……？”", T("（二）做大做强特色产业", "（二）做大做强特色产业", "（二）特色产业如何做大做强？"), True),
        (PG, "二级标题“（五）巩固脱贫成果有力有效”背题", PAGINATE("backtitle", "（五）巩固脱贫成果有力有效"), True),
        (NU, "二级标题“（2）”代替“（二）”", T("（二）特色产业加快发展", "（二）", "（2）"), True)]),
    ("d36_qingshi_alone", "qingshi", "styles", [
        (PG, "署名和日期单独落在最后一页", PAGINATE("alone", "@sign"), True),
        (IN, "附注顶格（应左空二字）", F("@note", first=0), True),
        (SP, "标题段后 12 磅", F("@title", after=12), True)]),
    ("d37_tongbao_renamed", "tongbao", "renamed", [
        (L, "页边距四周 30 mm", PAGE(top=30, bottom=30, left=30, right=30), False),
        (IN, "抄送机关左右未空一字", F("@cc", left=0, right=0), True),
        (SP, "一段正文行距固定值 26 磅", F("各单位要对照通报问题认真整改", line=("exact", 26)), True)]),
    ("d38_baogao_split", "baogao", "direct", [
        (PG, "署名在页末，成文日期落到下一页", PAGINATE("split", "@sign"), True),
        (IN, "一段正文首行缩进3字", F("推行并联审批", first=3), True),
        (SP, "一段正文段前 6 磅", F("实行县级领导包抓", before=6), True)]),
]


def write_doc(model: dict[str, Any], path: Path) -> None:
    """Build the model into `path`; a LibreOffice round trip for the `lo` method."""
    if model["method"] != "lo":
        build(model, path)
        return
    tmp = Path(tempfile.mkdtemp(prefix="ce5-lo-"))
    try:
        src = tmp / (path.stem + ".docx")
        build(model, src)
        odt = soffice(src, "odt", tmp / "odt")
        back = soffice(odt, "docx:MS Word 2007 XML", tmp / "back")
        shutil.copyfile(back, path)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


RECORD_RULES = 6.0  # pt: what the rules of the 版记 add to the height of its two lines in LibreOffice


def place_record(model: dict[str, Any], path: Path) -> None:
    """Put the 版记 (抄送, 印发) at the foot of the last page with empty lines (GB/T 9704 7.4.1: its last rule on
    the bottom edge of the text block)."""
    cc = next((b for b in model["blocks"] if b["role"] == "cc"), None)
    date = next((b for b in model["blocks"] if b["role"] == "date"), None)
    write_doc(model, path)
    if cc is None or date is None or shutil.which("soffice") is None:
        return
    hit = find_row(rows_of(path), date["text"])
    if hit is None:
        return
    n = max(0, 19 - line_index(hit[2]))  # the 版记's two lines on the last two grid lines
    at = model["blocks"].index(cc)
    for k in range(n):
        f = role_fmt("body")
        if k == 0:  # the rules of the 版记 (and their distance from its text) take a little more than two lines
            f["line"] = ("exact", LINE - RECORD_RULES)
        model["blocks"].insert(at, {"role": "blank", "text": "", "fmt": f})
    write_doc(model, path)


def paragraph_of(path: Path, text: str) -> int:
    """1-based index of the body paragraph holding `text` (the whole paragraph when it is unique)."""
    import docx

    paras = [p.text for p in docx.Document(str(path)).paragraphs]
    exact = [i for i, t in enumerate(paras) if t.strip() == text.strip()]
    hits = exact or [i for i, t in enumerate(paras) if text.strip()[:16] in t]
    if len(hits) != 1:
        raise RuntimeError(f"{path.name}: 段落“{text[:16]}”出现 {len(hits)} 次")
    return hits[0] + 1


def defective_model(stem: str) -> tuple[dict[str, Any], list[tuple[str, str, dict[str, Any] | None]]]:
    entry = next(e for e in DEFECTIVE if e[0] == stem)
    _, kind, method, defects = entry
    model = new_doc(kind, method)
    planted = []
    for cat, note, mutate, located in defects:
        b = mutate(model)
        planted.append((cat, note, b if located else None))
    return model, planted


def twin_model(stem: str) -> dict[str, Any]:
    """The clean document a defective one was made from (same kind, same method)."""
    _, kind, method, _ = next(e for e in DEFECTIVE if e[0] == stem)
    return new_doc(kind, method)


def needs_office(stem: str) -> bool:
    _, _, method, defects = next(e for e in DEFECTIVE if e[0] == stem)
    return method == "lo" or any(c == PG for c, *_ in defects)


def make(out: Path, office: bool = True) -> dict[str, Any]:
    """Write the corpus and its key into `out`; return the key."""
    import yaml

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    office = office and shutil.which("soffice") is not None
    key: dict[str, Any] = {"defective": [], "clean": []}
    for stem, kind, method, footer in CLEAN:
        if method == "lo" and not office:
            continue
        model = new_doc(kind, method)
        model["footer"]["mode"] = footer
        place_record(model, out / f"{stem}.docx")
        key["clean"].append({"file": f"{stem}.docx", "kind": KINDS[kind][0], "method": method})
    for n, (stem, kind, method, _) in enumerate(DEFECTIVE):
        if needs_office(stem) and not office:
            continue
        model, planted = defective_model(stem)
        path = out / f"{stem}.docx"
        if model["pagination"]:
            place_pagination(model, path, seed=n)
        place_record(model, path)
        defects = [{"category": cat, "paragraph": paragraph_of(path, b["text"]) if b else None, "note": note}
                   for cat, note, b in planted]  # fmt: skip
        key["defective"].append({"file": f"{stem}.docx", "kind": KINDS[kind][0], "method": method, "defects": defects})
    (out / "key.yaml").write_text(yaml.safe_dump(key, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
    return key


# ---------------------------------------------------------------- verification in LibreOffice

CHAR_MM = 15.75 * 25.4 / 72  # one condensed 3号 character


def verify_clean(path: Path, model: dict[str, Any]) -> list[str]:
    """What LibreOffice's layout of a clean document shows against GB/T 9704 (empty: clean)."""
    pages = rows_of(path)
    bad: list[str] = []
    body = [r for rows in pages for r in rows if abs(r["size"] - 16) < 0.6]
    if any(abs(r["w"] - 210) > 1 or abs(r["h"] - 297) > 1 for rows in pages for r in rows):
        bad.append("纸张不是 A4")
    # full lines of Chinese text: from the left edge to the right edge (not a first or last line of a paragraph,
    # no punctuation hanging in the margin)
    full = [r["n"] for r in body if abs(r["x0"] - 28) < 1 and 182 <= r["x1"] <= 184.5 and all(ord(c) > 127 for c in r["text"])]
    if full and max(set(full), key=full.count) != 28:
        bad.append(f"每行 {max(set(full), key=full.count)} 字")
    left = min(r["x0"] for r in body)
    right = max(r["x1"] for r in body if r["text"][-1] not in "，。、；：？！”’）》")
    if abs(left - 28) > 1 or not 182 <= right <= 184.5:
        bad.append(f"版心左右 {left:.1f}–{right:.1f} mm")
    tables = [b for b in model["blocks"] if b["role"] == "table"]
    for i, rows in enumerate(pages):
        text = [r for r in rows if r["size"] >= 15]
        if not text:
            continue
        if text[0]["top"] < 36 or text[-1]["y"] > 262.5:
            bad.append(f"第{i + 1}页文字超出版心（{text[0]['top']:.1f}–{text[-1]['y']:.1f} mm）")
        if len(text) > 22:
            bad.append(f"第{i + 1}页 {len(text)} 行")
        sign_next = i + 1 < len(pages) and any(r["text"] in "".join(b["text"] for b in model["blocks"] if b["role"] == "sign") for r in pages[i + 1])
        if i < len(pages) - 1 and len(text) < 20 and not tables and not sign_next:
            bad.append(f"第{i + 1}页只有 {len(text)} 行")
        ys = [r["y"] for r in text if abs(r["size"] - 16) < 0.6]
        for a, b in zip(ys, ys[1:], strict=False):
            step = (b - a) / (LINE * 25.4 / 72)
            if not tables and abs(step - round(step)) > 0.08:
                bad.append(f"第{i + 1}页行距 {b - a:.2f} mm")
                break
        num = [r for r in rows if r["y"] > 262.5 and abs(r["size"] - 14) < 0.6]
        expect = f"—{i + 1}—"
        if len(num) != 1 or num[0]["text"].replace(" ", "") != expect:
            bad.append(f"第{i + 1}页页码 {[r['text'] for r in num]}")
        elif (i % 2 == 0 and abs(num[0]["x1"] - (184 - 4.94)) > 1.2) or (i % 2 == 1 and abs(num[0]["x0"] - (28 + 4.94)) > 1.2):
            bad.append(f"第{i + 1}页页码位置 {num[0]['x0']:.1f}–{num[0]['x1']:.1f} mm")
        last = text[-1]
        heads = [b["text"] for b in model["blocks"] if b["role"] in ("h1", "h2", "att_label")]
        if i < len(pages) - 1 and any(last["text"] == h for h in heads):
            bad.append(f"第{i + 1}页背题“{last['text']}”")
    printed = next((b for b in model["blocks"] if b["role"] == "printed"), None)
    if printed:
        hit = find_row(pages, "".join(printed["text"]))  # the 印发 line (its left part alone is also the 署名)
        if hit is None or hit[0] != len(pages) - 1 or len(pages) % 2 or abs(hit[2]["y"] - 260) > 3:
            bad.append("版记不在最后一个双页的版心下端")
        elif abs(hit[2]["x0"] - (28 + 14 * 25.4 / 72)) > 1.2 or abs(hit[2]["x1"] - (184 - 14 * 25.4 / 72)) > 1.2:
            bad.append(f"印发机关和日期未左右各空一字（{hit[2]['x0']:.1f}–{hit[2]['x1']:.1f} mm）")
    sign = next((b for b in model["blocks"] if b["role"] == "sign"), None)
    date = next((b for b in model["blocks"] if b["role"] == "date"), None)
    if sign and date:
        hs, hd = find_row(pages, sign["text"]), find_row(pages, date["text"])
        if not hs or not hd or hs[0] != hd[0]:
            bad.append("署名与日期不在同一页")
        else:
            for b, h in ((sign, hs), (date, hd)):
                want = 184 - b["fmt"]["right"] * CHAR_MM
                if abs(h[2]["x1"] - want) > 1.5:
                    bad.append(f"{b['text']} 右端 {h[2]['x1']:.1f} mm，应为 {want:.1f} mm")
            if abs((hd[2]["x0"] - hs[2]["x0"]) - 2 * CHAR_MM) > 1.5:
                bad.append("日期首字未比署名首字右移二字")
            above = [r for r in pages[hs[0]][: hs[1]] if r["size"] >= 15]
            if not above:
                bad.append("落款单独成页")
    return bad


def verify(out: Path) -> dict[str, list[str]]:
    import yaml

    key = yaml.safe_load((out / "key.yaml").read_text(encoding="utf-8"))
    result = {}
    for e in key["clean"]:
        stem = e["file"][:-5]
        _, kind, method, footer = next(c for c in CLEAN if c[0] == stem)
        model = new_doc(kind, method)
        model["footer"]["mode"] = footer
        record = next((b for b in model["blocks"] if b["role"] == "cc"), None)
        if record:  # the empty lines above the 版记 do not matter to the checks
            model["blocks"].remove(record)
            model["blocks"].append(record)
        result[e["file"]] = verify_clean(out / e["file"], model)
    return result


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description="生成第五份检查评测集（文档和 key.yaml）")
    ap.add_argument("dir", type=Path, help="写入的目录")
    ap.add_argument("--no-office", action="store_true", help="不用 LibreOffice（不做另存和分页缺陷）")
    ap.add_argument("--verify", action="store_true", help="生成后在 LibreOffice 中核对每份合格文档")
    args = ap.parse_args(argv)
    key = make(args.dir, office=not args.no_office)
    print(f"{len(key['defective'])} 份有缺陷文档，{len(key['clean'])} 份合格文档，写入 {args.dir}")
    if args.verify:
        bad = 0
        for name, problems in verify(args.dir).items():
            print(f"{name}: {'合格' if not problems else '；'.join(problems)}")
            bad += bool(problems)
        return 1 if bad else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
