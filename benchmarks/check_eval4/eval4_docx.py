"""Write the documents of the fourth examiner corpus the way offices make them in Word and WPS.

A document is a list of `Block`s (role, text, formatting overrides) plus page settings. It is
written with python-docx in one of four ways (`FLAVOURS`):

- ``word``   everything as direct formatting on paragraphs and runs, on python-docx's default
             template (theme fonts left in the defaults, as in a fresh Word document);
- ``normal`` the Normal style redefined to 仿宋 16 pt, title and headings through Word's built-in
             'Title' / 'Heading 1' / 'Heading 2' styles restyled, body paragraphs bare;
- ``custom`` the unit's own styles (公文正文, 一级标题 …), paragraphs only name them;
- ``wps``    direct formatting as WPS writes it: a document grid of 22 lines, runs with
             ``w:hint="eastAsia"``, titles off the grid.

Runs are split at arbitrary places, mid-word, as Word does after editing. Sizes are `Pt`/`Mm`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = f'xmlns:w="{W_NS}"'

FANGSONG, HEITI, KAITI, XBS, SONG = "仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "宋体"
LATIN = "Times New Roman"
LINE_EXACT = 28.95  # pt: 225 mm / 22 lines, rounded down so 22 lines fit (GB/T 9704 5.2.2)
CONDENSE = -0.25  # pt per character: 28 characters of 16 pt in the 156 mm line (5.2.4)
TEXT_CHARS = 28
FLAVOURS = ("word", "normal", "custom", "wps")


@dataclass
class Fmt:
    """Formatting of one paragraph: faces, size in pt, alignment, indents in characters."""

    east: str = FANGSONG
    latin: str | None = LATIN
    size: float = 16
    bold: bool = False
    align: str = "both"  # both, left, center, right
    first: float = 2  # first-line indent in characters (negative: hanging)
    left: float = 0
    right: float = 0
    line: float | None = LINE_EXACT  # exact spacing in pt; None: `line_mult`
    line_mult: float | None = None  # multiple of single spacing (1.5 …)
    line_rule: str = "exact"  # exact, atLeast
    before: float = 0  # pt
    after: float = 0  # pt
    before_lines: float | None = None  # 段前 in lines (Word's beforeLines)
    keep_next: bool = False
    color: str | None = None
    condense: float | None = CONDENSE
    latin_only: bool = False  # face named for Latin text only (run.font.name): Chinese falls to the theme
    first_pt: float | None = None  # first-line indent in pt, with no character count (an indent in cm)


ROLE_FMT: dict[str, Fmt] = {
    "t": Fmt(east=XBS, size=22, align="center", first=0),
    "b": Fmt(),
    "bx": Fmt(line=22),
    "r": Fmt(first=0),
    "p": Fmt(),
    "h1": Fmt(east=HEITI, keep_next=True),
    "h2": Fmt(east=KAITI, keep_next=True),
    "h3": Fmt(),
    "h4": Fmt(),
    "a": Fmt(),
    "a2": Fmt(first=0, left=5),
    "s": Fmt(align="right", first=0),
    "d": Fmt(align="right", first=0),
    "n": Fmt(),
    "cc": Fmt(size=14, first=0, left=1, right=1),
    "pr": Fmt(size=14, first=0, left=1, right=1),
    "L": Fmt(east=HEITI, first=0, align="left"),
    "T": Fmt(east=XBS, size=22, align="center", first=0),
    "cell": Fmt(size=14, align="center", first=0, line=None, line_mult=1.0),
}
HEADING_ROLES = ("h1", "h2", "h3", "h4")


@dataclass
class Block:
    role: str
    text: str = ""
    fmt: Fmt | None = None  # None: the role's standard formatting
    head_fmt: Fmt | None = None  # run-in heading: faces of the part up to the first 。
    body_fmt: Fmt | None = None  # run-in heading: the text after it
    part_fmt: tuple[int, Fmt] | None = None  # the first N characters in another format
    table: list[list[str]] | None = None
    rows_fmt: Fmt | None = None
    border: str | None = None  # 版记 rules: "top", "bottom", "both", "mid"
    direct: bool = False  # in styled flavours, also carry direct formatting


@dataclass
class Page:
    """Page setup (sizes in mm) and the footer."""

    width: float = 210
    height: float = 297
    top: float = 37
    bottom: float = 35
    left: float = 28
    right: float = 26
    footer: float = 24
    numbers: str = "std"  # std, none, plain, centred, same, small, hyphen, pageof
    grid: bool = False  # a WPS line grid of 22 lines (titles off the grid)


@dataclass
class Doc:
    blocks: list[Block]
    page: Page = field(default_factory=Page)
    flavour: str = "word"
    sig_mode: str = "right"  # right: date right-indented; left: date left-indented
    changes: dict[str, Any] = field(default_factory=dict)  # applied to every style and default format
    style_fmts: dict[str, Fmt] = field(default_factory=dict)  # a role's style defined otherwise


# --------------------------------------------------------------------------- text widths


def width(text: str) -> float:
    """Width in characters of 16 pt: ASCII (digits, Latin) is half a character."""
    return sum(0.5 if ord(c) < 128 else 1 for c in text)


def signature_indents(sig: str, date: str) -> tuple[float, float]:
    """Right indents (characters) of signature and date of an unsealed document (GB/T 9704 7.3.5.2):
    signature 2 characters from the right, date starting 2 characters right of the signature's first
    character; when the date is longer than the signature, the date 2 from the right and the
    signature moved left so that the date still starts 2 characters right of it."""
    s, d = width(sig), width(date)
    if d > s:
        return 4 + d - s, 2
    return 2, s - d


# --------------------------------------------------------------------------- XML pieces


def _pt20(pt: float) -> int:
    return round(pt * 20)


def rfonts(f: Fmt, hint: bool = False) -> str:
    latin = f.latin or f.east
    if f.latin_only:
        return f'<w:rFonts w:ascii="{f.east}" w:hAnsi="{f.east}"/>'
    h = ' w:hint="eastAsia"' if hint else ""
    return f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{f.east}" w:cs="{latin}"{h}/>'


def rpr_xml(f: Fmt, hint: bool = False, condense: bool = True) -> str:
    parts = [rfonts(f, hint)]
    if f.bold:
        parts.append("<w:b/><w:bCs/>")
    else:
        parts.append('<w:b w:val="0"/><w:bCs w:val="0"/>')
    parts.append(f'<w:color w:val="{f.color or "000000"}"/>')
    if condense and f.condense:
        parts.append(f'<w:spacing w:val="{_pt20(f.condense)}"/>')
    sz = round(f.size * 2)
    parts.append(f'<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/>')
    parts.append('<w:lang w:val="en-US" w:eastAsia="zh-CN"/>')
    return "<w:rPr>" + "".join(parts) + "</w:rPr>"


def spacing_xml(f: Fmt) -> str:
    attrs = [f'w:before="{_pt20(f.before)}"', f'w:after="{_pt20(f.after)}"']
    if f.before_lines is not None:
        attrs.append(f'w:beforeLines="{round(f.before_lines * 100)}"')
    if f.line is not None:
        attrs.append(f'w:line="{_pt20(f.line)}" w:lineRule="{f.line_rule}"')
    elif f.line_mult is not None:
        attrs.append(f'w:line="{round(f.line_mult * 240)}" w:lineRule="auto"')
    return "<w:spacing " + " ".join(attrs) + "/>"


def ind_xml(f: Fmt) -> str:
    unit = f.size * 20  # twips of one character of this size
    attrs = []
    if f.left:
        attrs.append(f'w:leftChars="{round(f.left * 100)}" w:left="{round(f.left * unit)}"')
    else:
        attrs.append('w:leftChars="0" w:left="0"')
    if f.right:
        attrs.append(f'w:rightChars="{round(f.right * 100)}" w:right="{round(f.right * unit)}"')
    else:
        attrs.append('w:rightChars="0" w:right="0"')
    if f.first_pt is not None:
        attrs.append(f'w:firstLine="{_pt20(f.first_pt)}"')
    elif f.first > 0:
        attrs.append(f'w:firstLineChars="{round(f.first * 100)}" w:firstLine="{round(f.first * unit)}"')
    elif f.first < 0:
        attrs.append(f'w:hangingChars="{round(-f.first * 100)}" w:hanging="{round(-f.first * unit)}"')
    else:
        attrs.append('w:firstLineChars="0" w:firstLine="0"')
    return "<w:ind " + " ".join(attrs) + "/>"


def ppr_xml(f: Fmt | None, style: str | None = None, border: str = "", tabs: str = "", snap: bool = True,
            autospace: bool = True) -> str:
    """The children of w:pPr in schema order (CT_PPr); f None: only the style and the borders."""
    parts = [f'<w:pStyle w:val="{style}"/>'] if style else []
    if f is not None:
        if f.keep_next:
            parts.append("<w:keepNext/>")
        elif style:
            parts.append('<w:keepNext w:val="0"/>')  # over a heading style that keeps with the next
        parts.append('<w:widowControl w:val="0"/>')
    parts += [border, tabs]
    if f is not None and not autospace:
        # no extra space between Chinese and digits: the date's width is its characters' (7.3.5.2)
        parts.append('<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>')
    if f is not None:
        if not snap:
            parts.append('<w:snapToGrid w:val="0"/>')
        parts += [spacing_xml(f), ind_xml(f), f'<w:jc w:val="{f.align}"/>']
    return "".join(parts)


def ppr_inner(f: Fmt, snap: bool = True) -> str:
    return ppr_xml(f, snap=snap)


_BORDERS = {"top": ("top", 8), "bottom": ("bottom", 8), "mid": ("bottom", 4)}


def border_xml(kind: str | None) -> str:
    if not kind:
        return ""
    sides = []
    for k in kind.split("+"):
        side, sz = _BORDERS[k]
        sides.append(f'<w:{side} w:val="single" w:sz="{sz}" w:space="1" w:color="000000"/>')
    return "<w:pBdr>" + "".join(sides) + "</w:pBdr>"


def split_runs(text: str, seed: str) -> list[str]:
    """Cut text into runs of 2 to 13 characters at places that depend only on the text: Word splits
    runs where the author edited, revised or spell-checked, often inside a word."""
    out, i = [], 0
    h = hashlib.sha256((seed + text).encode("utf-8")).digest()
    k = 0
    while i < len(text):
        n = 2 + h[k % len(h)] % 12
        out.append(text[i : i + n])
        i += n
        k += 1
    return out


def esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def run_xml(text: str, rpr: str) -> str:
    if text == "\t":
        return f"<w:r>{rpr}<w:tab/></w:r>"
    if text == "\n":
        return f"<w:r>{rpr}<w:br/></w:r>"
    return f'<w:r>{rpr}<w:t xml:space="preserve">{esc(text)}</w:t></w:r>'


# --------------------------------------------------------------------------- the writer


class Writer:
    def __init__(self, doc: Doc) -> None:
        import docx

        self.doc = doc
        self.d = docx.Document()
        self.styled = doc.flavour in ("normal", "custom")
        self.hint = doc.flavour == "wps"
        self.condense_runs = True
        self._sig: tuple[float, float] | None = None

    # styles ------------------------------------------------------------------
    def _style_rpr(self, style_el: Any, f: Fmt, autospace: bool = True) -> None:
        from docx.oxml import parse_xml

        for old in style_el.findall(f"{{{W_NS}}}rPr"):
            style_el.remove(old)
        for old in style_el.findall(f"{{{W_NS}}}pPr"):
            style_el.remove(old)
        f = self.eff(f)
        ppr = parse_xml(f"<w:pPr {NSDECL}>{ppr_xml(f, autospace=autospace)}</w:pPr>")
        rpr = parse_xml(rpr_xml(f, condense=self.condense_runs).replace("<w:rPr>", f"<w:rPr {NSDECL}>", 1))
        style_el.append(ppr)
        style_el.append(rpr)

    def _make_styles(self) -> dict[str, str]:
        """Style ids per role in the styled flavours."""
        from docx.enum.style import WD_STYLE_TYPE

        st = self.d.styles
        if self.doc.flavour == "normal":
            self._style_rpr(st["Normal"].element, ROLE_FMT["p"])
            mapping = {"t": "Title", "h1": "Heading 1", "h2": "Heading 2"}
            for role, name in mapping.items():
                s = st[name]
                el = s.element
                f = self.doc.style_fmts.get(role, ROLE_FMT[role])
                self._style_rpr(el, f)
                # Word's built-in heading styles carry an outline level; keep it (a TOC would use it)
                if role.startswith("h"):
                    from docx.oxml import parse_xml

                    ppr = el.find(f"{{{W_NS}}}pPr")
                    ppr.append(parse_xml(f'<w:outlineLvl {NSDECL} w:val="{int(role[1]) - 1}"/>'))
            return {r: st[n].style_id for r, n in mapping.items()}
        names = {"t": "公文标题", "r": "主送", "p": "公文正文", "h1": "一级标题", "h2": "二级标题", "h3": "三级标题",
                 "s": "落款", "d": "成文日期", "a": "附件说明"}  # fmt: skip
        ids = {}
        for role, name in names.items():
            s = st.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            s.quick_style = True
            f = self.doc.style_fmts.get(role, ROLE_FMT[role])
            if role in ("s", "d"):
                f = self._sig_fmt(role)
            self._style_rpr(s.element, f, autospace=role not in ("s", "d"))
            ids[role] = s.style_id
        for role, same in (("b", "p"), ("h4", "p"), ("n", "p"), ("T", "t"), ("a2", None)):
            if same:
                ids[role] = ids[same]
        return ids

    def eff(self, f: Fmt) -> Fmt:
        """A standard format with the document-wide changes (a spacing everyone used, …)."""
        return replace(f, **self.doc.changes) if self.doc.changes else f

    # defaults ------------------------------------------------------------------
    def _defaults(self) -> None:
        from docx.oxml import parse_xml

        styles = self.d.styles.element
        dd = styles.find(f"{{{W_NS}}}docDefaults")
        rpr = dd.find(f"{{{W_NS}}}rPrDefault/{{{W_NS}}}rPr")
        lang = rpr.find(f"{{{W_NS}}}lang")
        if lang is not None:
            rpr.remove(lang)
        rpr.append(parse_xml(f'<w:lang {NSDECL} w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'))

    def _sig_fmt(self, role: str) -> Fmt:
        base = ROLE_FMT[role]
        sig_r, date_r = self._sig or (2, 4)
        if role == "s":
            return replace(base, right=sig_r)
        if self.doc.sig_mode == "left":
            sig_w = self._sig_widths[0]
            start = TEXT_CHARS - sig_r - sig_w + 2
            return replace(base, align="left", left=start)
        return replace(base, right=date_r)

    # section and footer ---------------------------------------------------------
    def _section(self) -> None:
        from docx.oxml import parse_xml
        from docx.shared import Mm

        p = self.doc.page
        sec = self.d.sections[0]
        sec.page_width, sec.page_height = Mm(p.width), Mm(p.height)
        sec.top_margin, sec.bottom_margin = Mm(p.top), Mm(p.bottom)
        sec.left_margin, sec.right_margin = Mm(p.left), Mm(p.right)
        sec.header_distance, sec.footer_distance = Mm(15), Mm(p.footer)
        if p.width > p.height:
            from docx.enum.section import WD_ORIENT

            sec.orientation = WD_ORIENT.LANDSCAPE
        sp = sec._sectPr
        for g in sp.findall(f"{{{W_NS}}}docGrid"):
            sp.remove(g)
        if p.grid:
            grid = f'<w:docGrid {NSDECL} w:type="lines" w:linePitch="579"/>'
        else:
            grid = f'<w:docGrid {NSDECL} w:linePitch="312"/>'  # Word's default: no grid
        sp.append(parse_xml(grid))
        self._footers(sec)

    def _footers(self, sec: Any) -> None:
        kind = self.doc.page.numbers
        if kind == "none":
            return
        if kind != "same":
            self.d.settings.odd_and_even_pages_header_footer = True
            self._footer_para(sec.footer, kind, odd=True)
            self._footer_para(sec.even_page_footer, kind, odd=False)
        else:
            self._footer_para(sec.footer, kind, odd=True)

    def _footer_para(self, footer: Any, kind: str, odd: bool) -> None:
        from docx.oxml import parse_xml

        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]._p
        size = 10.5 if kind == "small" else 14
        f = Fmt(east=SONG, latin=SONG, size=size, first=0, line=None, line_mult=1.0, condense=None)
        if kind == "centred":
            f = replace(f, align="center")
        elif odd:
            f = replace(f, align="right", right=1)
        else:
            f = replace(f, align="left", left=1)
        rpr = rpr_xml(f, condense=False)
        for old in list(p):
            p.remove(old)
        dash_l, dash_r = {"plain": ("", ""), "hyphen": ("-", "-")}.get(kind, ("— ", " —"))
        if kind == "pageof":
            dash_l, dash_r = "第", "页"
        xml = f"<w:p {NSDECL}><w:pPr>{ppr_inner(f)}</w:pPr>"
        if dash_l:
            xml += run_xml(dash_l, rpr)
        xml += (f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
                f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
                f"<w:r>{rpr}<w:t>1</w:t></w:r>"
                f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>')  # fmt: skip
        if dash_r:
            xml += run_xml(dash_r, rpr)
        xml += "</w:p>"
        new = parse_xml(xml)
        p.addprevious(new)
        p.getparent().remove(p)

    # body ----------------------------------------------------------------------
    def _paragraph_xml(self, b: Block, n: int, style_ids: dict[str, str]) -> str:
        role = b.role
        std = ROLE_FMT.get(role, ROLE_FMT["p"])
        if role in ("s", "d"):
            std = self._sig_fmt(role)
        f = b.fmt or self.eff(std)
        if b.fmt is None and role in HEADING_ROLES and "。" in b.text[:-1]:
            f = replace(f, keep_next=False)  # a run-in heading is a paragraph of text
        style = style_ids.get(role) if self.styled else None
        if self.doc.flavour == "normal" and role in ("T",):
            style = style_ids.get("t")
        in_normal = self.doc.flavour == "normal" and role in ("p", "b", "n", "h4")
        run_in = role in HEADING_ROLES and "。" in b.text[:-1]  # carries its own keep-with-next (off)
        carries = not self.styled or b.fmt is not None or b.direct or run_in or (style is None and not in_normal)
        tabs = ""
        if role == "pr":
            # 印发机关 flush left, 印发日期 flush right: a right tab where the indented line ends
            pg = self.doc.page
            pos = round(((pg.width - pg.left - pg.right) / 25.4 * 72 - f.right * f.size) * 20)
            tabs = f'<w:tabs><w:tab w:val="right" w:pos="{pos}"/></w:tabs>'
        snap = not (self.doc.page.grid and role in ("t", "T"))  # WPS: a 22 pt title off the grid
        border = border_xml(b.border or {"cc": "top+mid", "pr": "bottom"}.get(role))
        ppr = ppr_xml(f if carries else None, style, border, tabs, snap, autospace=role not in ("s", "d"))
        if carries:
            ppr += rpr_xml(f, self.hint, self.condense_runs)  # the paragraph mark, as Word writes it
        xml = f"<w:p {NSDECL}><w:pPr>{ppr}</w:pPr>"
        return xml + self._runs(b, f, carries, n) + "</w:p>"

    def _runs(self, b: Block, f: Fmt, carries: bool, n: int) -> str:
        text = b.text.replace("||", "\t")
        if not text:
            return ""
        pieces: list[tuple[str, Fmt]] = []
        base = f  # what the paragraph's own formatting (direct or style) gives its runs
        head = b.head_fmt
        if head is None and b.role in HEADING_ROLES and "。" in text[:-1]:
            # a run-in heading: the heading's face up to the first 。, then body text
            head, f = f, b.body_fmt or ROLE_FMT["p"]
        if head is not None and "。" in text:
            k = text.index("。") + 1
            pieces = [(text[:k], head), (text[k:], f)]
        elif b.part_fmt is not None:
            k, pf = b.part_fmt
            pieces = [(text[:k], pf), (text[k:], f)]
        else:
            pieces = [(text, f)]
        out = []
        for chunk_text, cf in pieces:
            rpr = rpr_xml(cf, self.hint, self.condense_runs) if (carries or cf is not base) else ""
            for seg in re.split(r"(\t|//)", chunk_text):
                if seg in ("\t", "//"):
                    out.append(run_xml("\t" if seg == "\t" else "\n", rpr))
                    continue
                for piece in split_runs(seg, f"{n}"):
                    out.append(run_xml(piece, rpr))
        return "".join(out)

    def _table(self, b: Block) -> None:
        from docx.oxml import parse_xml

        rows = b.table or []
        ncols = len(rows[0])
        total = round((self.doc.page.width - self.doc.page.left - self.doc.page.right) / 25.4 * 1440)
        weights = [max(width(r[c]) for r in rows) + 2 for c in range(ncols)]
        cols = [round(total * w / sum(weights)) for w in weights]
        cols[-1] = total - sum(cols[:-1])
        f = b.rows_fmt or ROLE_FMT["cell"]
        grid = "".join(f'<w:gridCol w:w="{c}"/>' for c in cols)
        border = "".join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                         for s in ("top", "left", "bottom", "right", "insideH", "insideV"))  # fmt: skip
        xml = (f'<w:tbl {NSDECL}><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/>'
               f"<w:tblBorders>{border}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
               f'<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
               f'<w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>')  # fmt: skip
        for i, row in enumerate(rows):
            trpr = "<w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if i == 0 else "") + '<w:trHeight w:val="567"/></w:trPr>'
            xml += f"<w:tr>{trpr}"
            for c, cell in enumerate(row):
                cf = replace(f, east=HEITI) if i == 0 else f
                rpr = rpr_xml(cf, self.hint, False)
                runs = "".join(run_xml(x, rpr) for x in split_runs(cell, "cell")) if cell else ""
                xml += (f'<w:tc><w:tcPr><w:tcW w:w="{cols[c]}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
                        f"<w:p><w:pPr>{ppr_inner(replace(cf, condense=None))}</w:pPr>{runs}</w:p></w:tc>")  # fmt: skip
            xml += "</w:tr>"
        xml += "</w:tbl>"
        body = self.d.element.body
        body.sectPr.addprevious(parse_xml(xml))

    def build(self) -> Any:
        from docx.oxml import parse_xml

        blocks = self.doc.blocks
        sig = next((b.text for b in blocks if b.role == "s"), "")
        date = next((b.text for b in blocks if b.role == "d"), "")
        self._sig_widths = (width(sig), width(date))
        self._sig = signature_indents(sig, date) if sig and date else (2, 4)
        self._defaults()
        style_ids = self._make_styles() if self.styled else {}
        body = self.d.element.body
        for p in list(body.findall(f"{{{W_NS}}}p")):
            body.remove(p)
        for n, b in enumerate(blocks):
            if b.role == "tbl":
                self._table(b)
                continue
            if b.role == "pb":
                f = ROLE_FMT["b"]
                xml = (f"<w:p {NSDECL}><w:pPr>{ppr_inner(f)}</w:pPr>"
                       f'<w:r>{rpr_xml(f)}<w:br w:type="page"/></w:r></w:p>')  # fmt: skip
                body.sectPr.addprevious(parse_xml(xml))
                continue
            body.sectPr.addprevious(parse_xml(self._paragraph_xml(b, n, style_ids)))
        self._section()
        return self.d


def write(doc: Doc, path: Path) -> None:
    Writer(doc).build().save(str(path))
