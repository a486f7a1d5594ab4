"""Write a `Document` as a Word file that meets GB/T 9704-2012.

python-docx builds the package; where it has no API (East Asian fonts, document grid, fields,
table grid, borders) we set the WordprocessingML directly, each time with the clause it serves.
Every size comes from `assistant.document.gbt9704`. Paragraphs, runs and tables, where the time
goes, are written as XML text in the very form python-docx gives them, and a document that needs
nothing else of python-docx (no comment, no second section) is packed without it: the same bytes,
in a fraction of the time (see `_LazyDocument`).

Word, WPS and LibreOffice must agree, so the writer avoids what they read differently:
theme fonts are removed from every style, fonts are set on styles *and* runs with `w:eastAsia`,
indents are given both in characters and in twips, widow control is off (it would leave 21
lines on a page), and tables carry both `w:tblW` and `w:gridCol` widths.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.document import gbt9704 as G
from assistant.document.linebreak import spacing_spans
from assistant.document.model import Document, Heading, PageBreak, Paragraph, Run, Table, review_runs
from assistant.document.paginate import (
    Pagination,
    keeps_with_next,
    paginate,
    red_header_parts,
    table_geometry,
    tail_keeps,
)

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph as DocxParagraph

#: Example content left for review (`Run.review`): highlighted, and a comment on it.
REVIEW_HIGHLIGHT = "yellow"
REVIEW_COMMENT = "示例内容，请核实或替换"

#: Our paragraph styles: name -> (font, size, bold, alignment, first-line indent in characters).
STYLE_BODY = "公文正文"
STYLE_TITLE = "公文标题"
STYLE_HEADING = {1: "公文一级标题", 2: "公文二级标题", 3: "公文三级标题", 4: "公文四级标题"}
STYLE_TABLE = "公文表格"
STYLE_FOOTER = "公文页码"
STYLE_RECORD = "公文版记"

_PITCH_TWIPS = round(G.char_pitch_pt() * G.TWIPS_PER_PT)  # one body character: 315 twips
_WIDTH = G.text_width_twips()


@lru_cache(maxsize=512)
def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(tag))


def _el(tag: str, **attrs: str) -> Any:
    from docx.oxml import OxmlElement

    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(_qn(k), v)
    return el


def _child(parent: Any, tag: str, **attrs: str) -> Any:
    """The existing child `tag` of `parent` (created if missing), with `attrs` set."""
    found = parent.find(_qn(tag))
    if found is None:
        found = _el(tag)
        parent.append(found)
    for k, v in attrs.items():
        found.set(_qn(k), v)
    return found


def set_run_fonts(rpr: Any, font: str, size_pt: float, bold: bool | None = None) -> None:
    """Explicit Latin and East Asian fonts, size and language on a `w:rPr` (no theme fonts)."""
    fonts = _child(rpr, "w:rFonts")
    for attr in list(fonts.attrib):
        if attr.lower().endswith("theme"):
            del fonts.attrib[attr]
    latin = G.FONT_LATIN if font in (G.FONT_FANGSONG, G.FONT_KAITI) else font
    fonts.set(_qn("w:ascii"), latin)
    fonts.set(_qn("w:hAnsi"), latin)
    fonts.set(_qn("w:eastAsia"), font)
    fonts.set(_qn("w:cs"), latin)
    fonts.set(_qn("w:hint"), "eastAsia")
    if bold is not None:
        _child(rpr, "w:b", **{"w:val": "1" if bold else "0"})
        _child(rpr, "w:bCs", **{"w:val": "1" if bold else "0"})
    half_points = str(round(size_pt * 2))
    _child(rpr, "w:sz", **{"w:val": half_points})
    _child(rpr, "w:szCs", **{"w:val": half_points})
    _child(rpr, "w:lang", **{"w:val": "en-US", "w:eastAsia": "zh-CN", "w:bidi": "ar-SA"})
    _order_rpr(rpr)


@lru_cache(maxsize=64)
def _rpr_model(font: str, size_pt: float, bold: bool | None = None, spacing: int | None = None) -> Any:
    """The `w:rPr` that `set_run_fonts` (and a character spacing) gives a run, built once per
    process: runs take a copy instead of building their own child by child."""
    rpr = _el("w:rPr")
    set_run_fonts(rpr, font, size_pt, bold)
    if spacing is not None:
        _child(rpr, "w:spacing", **{"w:val": str(spacing)})
        _order_rpr(rpr)
    return rpr


def page_field_runs() -> list[Any]:
    """The runs of a PAGE field set as GB/T 9704's page number (4号宋体 digits), showing “1”
    until the suite updates it; the writer and `fix` put “— ” before and “ —” after them."""
    runs = []
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1"), ("end", None)):
        r = _el("w:r")
        rpr = _el("w:rPr")
        set_run_fonts(rpr, G.PAGE_NUMBER.font, G.PAGE_NUMBER.size_pt)
        r.append(rpr)
        if kind == "instr":
            instr = _el("w:instrText")
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            instr.text = text
            r.append(instr)
        elif kind == "text":
            t = _el("w:t")
            t.text = text
            r.append(t)
        else:
            r.append(_el("w:fldChar", **{"w:fldCharType": kind}))
        runs.append(r)
    return runs


def _add_run(
    para: DocxParagraph, text: str, font: str, size_pt: float, bold: bool | None = None, spacing: int | None = None
) -> Any:
    """A run of `text` at the end of `para`, its fonts, size (and spacing) set explicitly."""
    from copy import deepcopy

    if "\t" in text or "\n" in text or "\r" in text:
        run = para.add_run(text)  # python-docx makes these w:tab and w:br
    else:  # what add_run does, without its character-by-character loop
        from docx.text.run import Run as DocxRun

        r = para._p.add_r()
        if text:
            r.add_t(text)
        run = DocxRun(r, para)
    run._r.insert(0, deepcopy(_rpr_model(font, size_pt, bold, spacing)))
    return run


#: CT_RPr's child order (ECMA-376 17.3.2.28): Word rejects out-of-order children.
_RPR_ORDER = [
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
    "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
    "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
    "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath",
]  # fmt: skip
_PPR_ORDER = [
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
    "sectPr", "pPrChange",
]  # fmt: skip


_TBLPR_ORDER = [
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW",
    "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
]  # fmt: skip


#: CT_TblBorders' children in schema order (17.4.39).
_BORDER_ORDER = ["top", "left", "bottom", "right", "insideH", "insideV"]


def _order(parent: Any, order: list[str]) -> None:
    rank = _ranks(tuple(order))
    children = list(parent)
    ranked = sorted(children, key=lambda c: rank.get(c.tag, len(rank)))
    if ranked == children:  # already in order (most are): nothing to move
        return
    for c in ranked:
        parent.remove(c)
        parent.append(c)


@lru_cache(maxsize=16)
def _ranks(order: tuple[str, ...]) -> dict[str, int]:
    return {_qn(f"w:{name}"): i for i, name in enumerate(order)}


def _order_rpr(rpr: Any) -> None:
    _order(rpr, _RPR_ORDER)


def _order_ppr(ppr: Any) -> None:
    _order(ppr, _PPR_ORDER)


def set_paragraph_format(
    ppr: Any,
    *,
    align: str = "both",
    first_chars: int = 0,
    left_chars: float = 0,
    right_chars: float = 0,
    line_twips: int | None = G.LINE_PITCH_TWIPS,
    line_rule: str = "exact",
) -> None:
    """Alignment, indents (in characters and twips) and fixed line spacing on a `w:pPr`."""
    _child(ppr, "w:widowControl", **{"w:val": "0"})
    spacing = {"w:before": "0", "w:after": "0", "w:beforeLines": "0", "w:afterLines": "0"}
    if line_twips is not None:
        spacing |= {"w:line": str(line_twips), "w:lineRule": line_rule}
    else:  # single spacing (table cells, 版记): must not inherit the fixed grid pitch
        spacing |= {"w:line": "240", "w:lineRule": "auto"}
    _child(ppr, "w:spacing", **spacing)
    ind = _child(ppr, "w:ind")
    for attr in list(ind.attrib):
        del ind.attrib[attr]
    ind.set(_qn("w:firstLine"), str(first_chars * _PITCH_TWIPS))
    ind.set(_qn("w:firstLineChars"), str(first_chars * 100))
    ind.set(_qn("w:left"), str(round(left_chars * _PITCH_TWIPS)))
    ind.set(_qn("w:leftChars"), str(round(left_chars * 100)))
    ind.set(_qn("w:right"), str(round(right_chars * _PITCH_TWIPS)))
    ind.set(_qn("w:rightChars"), str(round(right_chars * 100)))
    _child(ppr, "w:jc", **{"w:val": align})
    _order_ppr(ppr)


@lru_cache(maxsize=1)
def _base_package() -> tuple[bytes, dict[str, str]]:
    """python-docx's template made ours: our styles, A4 page, grid and footers, settings, and
    nothing else (`assistant.document.package.lean_base`); with the style ids by name. Every
    document opens a copy, so none re-reads the 350 KB template.

    Built once per process, and kept in the user cache folder under a key of everything it is
    made from (the sources of `assistant.document`, python-docx's and lxml's versions), so that
    a single render does not build it either. A cache that cannot be read or written is rebuilt."""
    import contextlib
    import hashlib
    import json

    key = _base_key()
    path = _cache_dir() / f"docx-base-{key[:20]}.bin" if key else None
    if path is not None:
        try:
            head, ids, data = path.read_bytes().split(b"\n", 2)
            if head == b"wenmi-docx-base " + hashlib.sha256(data).hexdigest().encode():
                return data, dict(json.loads(ids))
        except (OSError, ValueError):
            pass
    data, style_ids = _build_base()
    if path is not None:
        from assistant.atomic import write_bytes_atomic

        blob = b"wenmi-docx-base " + hashlib.sha256(data).hexdigest().encode() + b"\n"
        blob += json.dumps(sorted(style_ids.items())).encode() + b"\n" + data
        for old in path.parent.glob("docx-base-*.bin"):  # built from other sources
            with contextlib.suppress(OSError):
                old.unlink()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_bytes_atomic(path, blob)
        except OSError:
            pass  # no cache: built again by the next process
    return data, style_ids


def _base_key() -> str | None:
    """A hash of what the base package is made from; None if a source cannot be read."""
    import hashlib
    import sys

    import docx

    lxml_version = getattr(sys.modules.get("lxml.etree"), "LXML_VERSION", "")
    h = hashlib.sha256(f"{docx.__version__} {lxml_version}".encode())
    try:
        for source in sorted(Path(__file__).parent.glob("*.py")):
            h.update(source.name.encode() + b"\0" + source.read_bytes())
    except OSError:
        return None
    return h.hexdigest()


def _cache_dir() -> Path:
    import os

    env = os.environ.get("WENMI_HOME")
    if env:
        return Path(env) / "cache"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("wenmi", appauthor=False))


def _build_base() -> tuple[bytes, dict[str, str]]:
    import docx

    from assistant.document.package import bare_styles, lean_base

    base = DocxWriter.__new__(DocxWriter)
    base.out = docx.Document()
    bare_styles(base.out)
    base._style_ids = {}
    base._setup()
    return lean_base(base.out, set(base._style_ids.values())), dict(base._style_ids)


# --- the hot path: paragraphs, runs and tables written as XML text ----------------------------
#
# Creating an element through python-docx costs about as much as parsing a whole paragraph, so
# the writer writes each paragraph and table as text, in exactly the form python-docx would
# serialize it. A block nothing asks for stays text until word/document.xml is joined; one the
# writer changes afterwards (keeps, indents, review comments) is parsed once, and changed as before.

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_P_OPEN = f'<w:p xmlns:w="{_W_NS}">'
#: Text that XML cannot carry (assistant.textclean removes it from every input).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_RUN_BREAKS = re.compile("([\t\r\n])")


def _xml_text(text: str) -> str:
    if _NOT_XML.search(text):
        raise ValueError("All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xml_attr(text: str) -> str:
    return _xml_text(text).replace('"', "&quot;")


def _run_content(text: str) -> str:
    """What python-docx's `add_run(text)` puts in a run: `w:t` (space-preserving where the text
    begins or ends with white space), `w:tab` for a tab, `w:br` for a line break."""
    out = []
    for piece in _RUN_BREAKS.split(text) if ("\t" in text or "\n" in text or "\r" in text) else (text,):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            out.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            out.append(f"<w:t{space}>{_xml_text(piece)}</w:t>")
    return "".join(out)


@lru_cache(maxsize=64)
def _rpr_xml(font: str, size_pt: float, bold: bool | None = None, spacing: int | None = None) -> str:
    """`_rpr_model` as XML text, without its namespace declaration."""
    from lxml import etree  # type: ignore[import-untyped,unused-ignore]

    xml: str = etree.tostring(_rpr_model(font, size_pt, bold, spacing), encoding="unicode")
    return xml.replace(f' xmlns:w="{_W_NS}"', "", 1)


def _run_xml(text: str, font: str, size_pt: float, bold: bool | None = None, spacing: int | None = None) -> str:
    """The run `_add_run` writes, as XML text."""
    return f"<w:r>{_rpr_xml(font, size_pt, bold, spacing)}{_run_content(text)}</w:r>"


def _parse(xml: str | bytes) -> Any:
    from docx.oxml.parser import parse_xml

    return parse_xml(xml)


@lru_cache(maxsize=1)
def _tblpr_xml() -> str:
    """A body table's properties: as wide as the text block, centred, single rules, fixed layout."""
    rule = '<w:{} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    margin = f'<w:{{}} w:w="{G.TABLE_CELL_MARGIN_TWIPS}" w:type="dxa"/>'
    return (
        f'<w:tblPr><w:tblW w:type="dxa" w:w="{G.text_width_twips()}"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{''.join(rule.format(side) for side in _BORDER_ORDER)}</w:tblBorders>"
        f'<w:tblLayout w:type="fixed"/><w:tblCellMar>{margin.format("left")}{margin.format("right")}</w:tblCellMar>'
        '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
        "</w:tblPr>"
    )


class _LazyDocument:
    """What the writer asks of python-docx's `Document` while it writes the body (`element`,
    `paragraphs`, `add_paragraph`, `add_table`), without python-docx's package.

    The body is kept as a list of blocks: elements, and paragraphs and tables as XML text that
    nothing has asked for as elements (`append_xml`); `finish` joins them into word/document.xml
    (`assistant.document.package.finish_lean`). Asking for `element` makes the body a tree;
    anything else (comments, sections) opens python-docx's document and moves the body into it,
    and `finish` then packs it as python-docx does (`finish_package`). The bytes are the same."""

    def __init__(self, data: bytes) -> None:
        from assistant.document.package import lean_parts

        self._data = data
        self._lean = lean_parts(data)
        self.opened: DocxDocument | None = None
        #: The body while it is kept apart; None once it is a tree (`element`).
        self._blocks: list[Any] | None = [] if self._lean.body_split else None
        self._root: Any = None
        self._sect: Any = None  # the body's section properties: blocks go before them

    @property
    def element(self) -> Any:
        """The `w:document`, holding the body written so far."""
        if self._root is None:
            root = _parse(self._lean.document_xml)
            sect = root.body.sectPr
            for block in self._blocks or ():
                sect.addprevious(_parse(_with_ns(block)) if isinstance(block, str) else block)
            self._root, self._sect, self._blocks = root, sect, None
        return self._root

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.open(), name)

    def open(self) -> DocxDocument:
        """python-docx's document, holding the body written so far."""
        if self.opened is None:
            import io

            import docx

            written = self.element.body
            out = docx.Document(io.BytesIO(self._data))
            body = out.element.body
            for child in list(body):
                body.remove(child)
            for child in list(written):
                body.append(child)  # moved: the elements the writer holds stay valid
            self._root = out.element
            self.opened = out
        return self.opened

    def append(self, block: Any) -> None:
        """`block` (a `w:p` or `w:tbl`) at the end of the body."""
        if self._blocks is not None:
            self._blocks.append(block)
        else:
            self.element  # noqa: B018 (the tree, with its section properties)
            self._sect.addprevious(block)

    def append_xml(self, xml: str) -> None:
        """A `w:p` or `w:tbl` given as XML text without namespace declarations (as python-docx
        serializes it), at the end of the body; kept as text until something needs it."""
        if self._blocks is not None:
            self._blocks.append(xml)
        else:
            self.append(_parse(_with_ns(xml)))

    @property
    def paragraphs(self) -> Sequence[DocxParagraph]:
        if self._blocks is not None:
            return _Paragraphs(self, self._blocks)
        from docx.text.paragraph import Paragraph as DocxParagraph

        return [DocxParagraph(p, self) for p in self.element.body.iterchildren(_qn("w:p"))]

    def add_paragraph(self) -> DocxParagraph:
        from docx.text.paragraph import Paragraph as DocxParagraph

        p = _el("w:p")
        self.append(p)
        return DocxParagraph(p, self)

    def add_table(self, rows: int, cols: int) -> Any:
        from docx.oxml.table import CT_Tbl
        from docx.shared import Emu
        from docx.table import Table as DocxTable

        tbl = CT_Tbl.new_tbl(rows, cols, Emu(_block_width(self._lean.document_xml)))
        self.append(tbl)
        return DocxTable(tbl, self)

    def finish(self, *, title: str, when: Any, pages: int, fonts: Any) -> bytes:
        from assistant.document.package import finish_lean, finish_package

        if self.opened is not None:
            return finish_package(self.opened, title=title, when=when, pages=pages, fonts=fonts)
        document = self._document_xml()
        return finish_lean(self._lean, document, title=title, when=when, pages=pages, fonts=fonts)

    def _document_xml(self) -> bytes:
        """word/document.xml as python-docx serializes it."""
        if self._blocks is not None and self._lean.body_split is not None:
            fragments = [block if isinstance(block, str) else _fragment(block) for block in self._blocks]
            if None not in fragments:
                head, tail = self._lean.body_split
                return head + "".join(fragments).encode("utf-8") + tail  # type: ignore[arg-type]
        from docx.opc.oxml import serialize_part_xml

        return bytes(serialize_part_xml(self.element))


class _Paragraphs(Sequence[Any]):
    """The body's paragraphs while it is kept apart: a paragraph kept as text is parsed when it
    is asked for (the writer asks for the last one or two)."""

    def __init__(self, doc: _LazyDocument, blocks: list[Any]) -> None:
        self._doc = doc
        self._blocks = blocks
        self._at = [i for i, b in enumerate(blocks) if (b.startswith("<w:p>") if isinstance(b, str) else b.tag == _qn("w:p"))]

    def __len__(self) -> int:
        return len(self._at)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        from docx.text.paragraph import Paragraph as DocxParagraph

        at = self._at[index]
        if isinstance(self._blocks[at], str):
            self._blocks[at] = _parse(_with_ns(self._blocks[at]))
        return DocxParagraph(self._blocks[at], self._doc)


def _with_ns(xml: str) -> str:
    """`xml` (a block as python-docx serializes it inside the document) declaring the `w` namespace."""
    end = xml.index(">")
    return f'{xml[:end]} xmlns:w="{_W_NS}"{xml[end:]}'


def _fragment(element: Any) -> str | None:
    """`element` (a block not in a document) as serialized inside the document; None if it uses
    a namespace other than `w`."""
    from lxml import etree  # type: ignore[import-untyped,unused-ignore]

    xml: str = etree.tostring(element, encoding="unicode")
    end = xml.index(">")
    head = xml[:end].replace(f' xmlns:w="{_W_NS}"', "", 1)
    return None if "xmlns" in head else head + xml[end:]


@lru_cache(maxsize=2)
def _block_width(document_xml: bytes) -> int:
    """python-docx's `Document._block_width` (EMU): the width `add_table` gives a table."""
    from docx.section import Section

    section: Any = Section(_parse(document_xml).body.sectPr, None)  # type: ignore[arg-type]
    return int(section.page_width - section.left_margin - section.right_margin)


class DocxWriter:
    """Builds one .docx from one `Document`."""

    def __init__(self, doc: Document) -> None:
        data, style_ids = _base_package()
        self.doc = doc
        self.out: Any = _LazyDocument(data)
        self._pending_break = False
        self._style_ids: dict[str, str] = style_ids

    @cached_property
    def plan(self) -> Pagination:
        """Where the pages end (assistant.document.paginate)."""
        return paginate(self.doc)

    def _set_style(self, para: DocxParagraph, name: str) -> None:
        """Set a paragraph style by id (python-docx's lookup by name scans every style each time)."""
        p = para._p
        if p.pPr is None:  # a new paragraph: its pPr holds just the style
            ppr = _el("w:pPr")
            ppr.append(_el("w:pStyle", **{"w:val": self._style_ids[name]}))
            p.insert(0, ppr)
        else:
            p.style = self._style_ids[name]

    # --- package-level setup (once per process, in `_base_package`) ----------------------------

    def _setup(self) -> None:
        self._clean_template()
        self._styles()
        self._page()

    def _clean_template(self) -> None:
        body = self.out.element.body
        for child in list(body):
            if child.tag != _qn("w:sectPr"):
                body.remove(child)
        styles = self.out.styles.element
        for fonts in styles.iter(_qn("w:rFonts")):
            for attr in list(fonts.attrib):
                if attr.lower().endswith("theme"):
                    del fonts.attrib[attr]

    def _styles(self) -> None:
        from docx.enum.style import WD_STYLE_TYPE

        styles = self.out.styles
        # docDefaults: what every run inherits (condensed spacing keeps 28 characters a line).
        defaults = styles.element.find(_qn("w:docDefaults"))
        rpr_default = _child(_child(defaults, "w:rPrDefault"), "w:rPr")
        set_run_fonts(rpr_default, G.BODY.font, G.BODY.size_pt)
        _child(rpr_default, "w:spacing", **{"w:val": str(G.CHAR_SPACING_TWIPS)})
        _child(rpr_default, "w:kern", **{"w:val": "0"})
        _order_rpr(rpr_default)
        ppr_default = _child(_child(defaults, "w:pPrDefault"), "w:pPr")
        set_paragraph_format(ppr_default, first_chars=0)
        # 避头尾 (assistant.document.linebreak): the writer keeps every closing mark inside the
        # block itself, so no suite needs to hang one. Written as "1", Word's own default, because
        # LibreOffice reads the value inverted: "0" would make it hang marks, and a hanging mark on
        # the second line of an indented paragraph is not printed.
        _child(ppr_default, "w:overflowPunct", **{"w:val": "1"})
        _order_ppr(ppr_default)

        def make(name: str, font: str, size: float, bold: bool, **fmt: Any) -> None:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            self._style_ids[name] = style.style_id
            style.base_style = None
            style.quick_style = True
            el = style.element
            set_run_fonts(_child(el, "w:rPr"), font, size, bold)
            set_paragraph_format(_child(el, "w:pPr"), **fmt)
            # CT_Style order: name, basedOn, next, ..., qFormat, ..., pPr, rPr
            _order(el, ["name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority",
                        "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal", "rsid", "pPr", "rPr"])

        for normal_name in ("Normal",):
            normal = styles[normal_name].element
            set_run_fonts(_child(normal, "w:rPr"), G.BODY.font, G.BODY.size_pt)
            set_paragraph_format(_child(normal, "w:pPr"), first_chars=G.INDENT_CHARS)
        make(STYLE_BODY, G.BODY.font, G.BODY.size_pt, False, first_chars=G.INDENT_CHARS)
        make(STYLE_TITLE, G.TITLE.font, G.TITLE.size_pt, False, align="center")
        for level, st in G.HEADINGS.items():
            make(STYLE_HEADING[level], st.font, st.size_pt, st.bold, first_chars=G.INDENT_CHARS)
            ppr = styles[STYLE_HEADING[level]].element.find(_qn("w:pPr"))
            _child(ppr, "w:outlineLvl", **{"w:val": str(level - 1)})
            _keep(ppr)  # no 背题: a heading stays on the page of what follows it
            _order_ppr(ppr)
        make(STYLE_TABLE, G.TABLE_CELL.font, G.TABLE_CELL.size_pt, False, align="center",
             line_twips=G.TABLE_LINE_TWIPS)
        make(STYLE_FOOTER, G.PAGE_NUMBER.font, G.PAGE_NUMBER.size_pt, False, align="right",
             line_twips=round(G.PAGE_NUMBER.size_pt * G.TWIPS_PER_PT))
        make(STYLE_RECORD, G.RECORD.font, G.RECORD.size_pt, False, align="left", line_twips=None)
        for name in (STYLE_FOOTER, STYLE_TABLE, STYLE_RECORD):
            rpr = styles[name].element.find(_qn("w:rPr"))
            _child(rpr, "w:spacing", **{"w:val": "0"})
            _order_rpr(rpr)
        # Text larger or smaller than 3号 must not snap to the 22-line grid: LibreOffice and Word
        # would give a 2号 title line two grid lines and a 4号 table line a whole one.
        for name in (STYLE_TITLE, STYLE_FOOTER, STYLE_TABLE, STYLE_RECORD):
            ppr = styles[name].element.find(_qn("w:pPr"))
            _child(ppr, "w:snapToGrid", **{"w:val": "0"})
            _order_ppr(ppr)

    def _page(self) -> None:
        from docx.shared import Mm

        section = self.out.sections[0]
        section.page_width = Mm(G.PAGE_WIDTH_MM)
        section.page_height = Mm(G.PAGE_HEIGHT_MM)
        section.top_margin = Mm(G.MARGIN_TOP_MM)
        section.bottom_margin = Mm(G.MARGIN_BOTTOM_MM)
        section.left_margin = Mm(G.MARGIN_LEFT_MM)
        section.right_margin = Mm(G.MARGIN_RIGHT_MM)
        section.gutter = Mm(0)
        section.header_distance = Mm(15)
        # 7.5: the page number's top sits 7 mm under the text block. The footer grows upwards
        # from `footer_distance`; its one line is exactly one 4号 line high, and the glyphs sit
        # on the baseline a descent (about 0.2 em) above the line's bottom.
        number_mm = G.PAGE_NUMBER.size_pt * G.MM_PER_PT
        section.footer_distance = Mm(G.MARGIN_BOTTOM_MM - G.PAGE_NUMBER_GAP_MM - number_mm * 1.2)
        sect = section._sectPr
        grid = _child(sect, "w:docGrid")
        for attr in list(grid.attrib):
            del grid.attrib[attr]
        grid.set(_qn("w:type"), "lines")
        grid.set(_qn("w:linePitch"), str(G.LINE_PITCH_TWIPS))
        self._footers(section)

    def _footers(self, section: Any) -> None:
        """— N — as a PAGE field: odd pages right, even pages left, one character in (7.5)."""
        inset = G.PAGE_NUMBER_INSET_CHARS * round(G.PAGE_NUMBER.size_pt * G.TWIPS_PER_PT)
        for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
            footer.is_linked_to_previous = False
            para = footer.paragraphs[0]
            self._set_style(para, STYLE_FOOTER)
            ppr = para._p.get_or_add_pPr()
            _child(ppr, "w:jc", **{"w:val": align})
            ind = _child(ppr, "w:ind")
            side = "w:right" if align == "right" else "w:left"
            ind.set(_qn(side), str(inset))
            _order_ppr(ppr)
            self._page_field(para)

    def _page_field(self, para: DocxParagraph) -> None:
        dash = G.PAGE_NUMBER_DASH
        self._footer_run(para, f"{dash} ")
        para._p.extend(page_field_runs())
        self._footer_run(para, f" {dash}")

    def _footer_run(self, para: DocxParagraph, text: str) -> None:
        _add_run(para, text, G.PAGE_NUMBER.font, G.PAGE_NUMBER.size_pt)

    # --- content ------------------------------------------------------------------------------

    def paragraph(
        self,
        style: str,
        runs: Sequence[tuple[Run, str | None]] = (),
        wrap: tuple[int, int] | None = None,
    ) -> DocxParagraph:
        """A paragraph in `style`; each run may override the font (for run-in headings).

        `wrap` is (first-line indent in characters, width in twips) for text that may run over
        several lines: the lines that take a closing mark in (推入, `assistant.document.linebreak`)
        or give the last line a character (no 孤字) get their own character spacing. None: a line
        that never wraps (or a table cell)."""
        return self._parsed(*self._paragraph_xml(style, runs, wrap))

    def _text_paragraph(
        self, style: str, runs: Sequence[tuple[Run, str | None]] = (), wrap: tuple[int, int] | None = None
    ) -> None:
        """`paragraph`, for a caller that does not use the paragraph: kept as text (unless it
        has example content to comment)."""
        xml, stretches = self._paragraph_xml(style, runs, wrap)
        if stretches:
            self._parsed(xml, stretches)
        else:
            self.out.append_xml(xml)

    def _paragraph_xml(
        self, style: str, runs: Sequence[tuple[Run, str | None]], wrap: tuple[int, int] | None
    ) -> tuple[str, list[list[int]]]:
        """`paragraph`'s `w:p` as XML text, and the runs (by index) of each stretch under review."""
        xml = ['<w:p><w:pPr><w:pStyle w:val="', _xml_attr(self._style_ids[style]), '"/>']
        if self._pending_break:
            xml.append("<w:pageBreakBefore/>")
            self._pending_break = False
        xml.append("</w:pPr>")
        spans = spacing_spans("".join(r.text for r, _ in runs), *wrap) if wrap else []
        pos = written = 0
        stretches: list[list[int]] = []  # one comment for each stretch under review, however many runs
        marked: list[int] = []
        for run, font_style in runs:
            pieces = self._run_xml(run, font_style, [(a - pos, b - pos, sp) for a, b, sp in spans])
            xml += pieces
            pos += len(run.text)
            if run.review:
                marked += range(written, written + len(pieces))
            elif marked and run.text:
                stretches.append(marked)
                marked = []
            written += len(pieces)
        if marked:
            stretches.append(marked)
        xml.append("</w:p>")
        return "".join(xml), stretches

    def _parsed(self, xml: str, stretches: list[list[int]]) -> DocxParagraph:
        """The paragraph `xml` at the end of the body, its stretches under review marked."""
        from docx.text.paragraph import Paragraph as DocxParagraph
        from docx.text.run import Run as DocxRun

        p = _parse(_with_ns(xml))
        self.out.append(p)
        para = DocxParagraph(p, self.out)
        if stretches:
            written_runs = list(p.iterchildren(_qn("w:r")))  # before a comment adds its own
            for stretch in stretches:
                self.mark_for_review([DocxRun(written_runs[i], para) for i in stretch])
        return para

    def _run_xml(self, run: Run, font_style: str | None, spans: Sequence[tuple[int, int, int]]) -> list[str]:
        """The runs `run` is written as (see `run`), as XML text."""
        st = G.BODY if font_style is None else _STYLE_FONTS[font_style]
        bold = run.bold if font_style is None else st.bold or run.bold
        return [_run_xml(piece, st.font, st.size_pt, bold, spacing) for piece, spacing in _split(run.text, spans)]

    def run(
        self,
        para: DocxParagraph,
        run: Run,
        font_style: str | None = None,
        spans: Sequence[tuple[int, int, int]] = (),
        mark: bool = True,
    ) -> list[Any]:
        """`run` in `para`, split where `spans` ((start, end, spacing), offsets into the run's text)
        give some of it another character spacing; with `mark`, a run under review is marked
        (the caller marks it otherwise). Returns the python-docx runs written."""
        from docx.text.run import Run as DocxRun

        written = list(_parse(_P_OPEN + "".join(self._run_xml(run, font_style, spans)) + "</w:p>"))
        para._p.extend(written)
        out = [DocxRun(r, para) for r in written]
        if mark and run.review and out:
            self.mark_for_review(out)
        return out

    def mark_for_review(self, runs: list[Any]) -> None:
        """Example content: highlighted, with a Word comment asking the drafter to check it."""
        for r in runs:
            rpr = r._r.get_or_add_rPr()
            _child(rpr, "w:highlight", **{"w:val": REVIEW_HIGHLIGHT})
            _order_rpr(rpr)
        comment = self.out.add_comment(runs, text=REVIEW_COMMENT, author="文秘", initials="WM")
        # no timestamp: the same markup gives the same bytes
        comment._comment_elm.attrib.pop(_qn("w:date"), None)
        # python-docx names Word's comment styles, which the lean package does not carry; a style
        # that is named but not defined is a schema error (tests/test_schema_ooxml.py).
        for where in (runs[-1]._r.getparent(), comment._comment_elm):
            for tag in ("w:rStyle", "w:pStyle"):
                for el in list(where.iter(_qn(tag))):
                    if el.get(_qn("w:val")) in ("CommentReference", "CommentText"):
                        el.getparent().remove(el)

    def blank(self) -> None:
        self._text_paragraph(STYLE_BODY)

    def build(self) -> Any:
        """Write the document; returns `self.out` (a `_LazyDocument`: `finish` packs it, `open()`
        gives python-docx's document)."""
        d = self.doc
        if d.header:
            self.red_header()
        if d.title:
            from assistant.document.titlebreak import title_lines

            head, _ = self._paragraph_xml(STYLE_TITLE, (), None)
            title_runs: list[str] = []  # each one w:r
            gap = ""
            pos = len(d.title) - len(d.title.lstrip())  # title_lines works on the stripped title
            stretches: list[list[int]] = []
            marked: list[int] = []  # the marked stretch of a title may run over a line break
            for i, (line, after) in enumerate(title_lines(d.title)):
                if i:
                    title_runs.append("<w:r><w:br/></w:r>")
                if gap:  # a space the break replaced stays in the text, set 1 pt small: no width
                    title_runs.append(_run_xml(gap, G.TITLE.font, 1.0, None, 0))
                pos += len(gap)
                pieces = review_runs(line, [(a - pos, b - pos) for a, b in d.title_review if b > pos])
                for piece in pieces:
                    out = self._run_xml(piece, "title", ())
                    if piece.review:
                        marked += range(len(title_runs), len(title_runs) + len(out))
                    elif marked and piece.text:
                        stretches.append(marked)
                        marked = []
                    title_runs += out
                pos += len(line)
                gap = after
            if marked:
                stretches.append(marked)
            xml = head.removesuffix("</w:p>") + "".join(title_runs) + "</w:p>"
            if stretches:
                self._parsed(xml, stretches)
            else:
                self.out.append_xml(xml)
            self.blank()
        if d.recipients:
            self.paragraph(STYLE_BODY, [(Run(d.recipients), None)], wrap=(0, _WIDTH))
            _set_first_line(self.out.paragraphs[-1], 0)
        for block in d.blocks:
            if isinstance(block, Heading):
                runs: list[tuple[Run, str | None]] = [(head, f"h{block.level}") for head in block.label_runs]
                runs += [(r, None) for r in block.runin]
                if keeps_with_next(block):
                    self._text_paragraph(STYLE_HEADING[block.level], runs, wrap=(G.INDENT_CHARS, _WIDTH))
                else:  # run-in text: a paragraph like any other
                    para = self.paragraph(STYLE_HEADING[block.level], runs, wrap=(G.INDENT_CHARS, _WIDTH))
                    _keep(para._p.get_or_add_pPr(), False)
            elif isinstance(block, Paragraph):
                self._text_paragraph(STYLE_BODY, _attendance_runs(block.runs), wrap=(G.INDENT_CHARS, _WIDTH))
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, PageBreak):
                self._pending_break = True
        tail = tail_keeps(d)
        if tail and not d.attachments:  # the body's last paragraph goes with the 落款
            _keep(self.out.paragraphs[-1]._p.get_or_add_pPr())
        if d.attachments:
            self.attachments(tail)
        if d.signature or d.date:
            self.signature(tail)
        if d.record:
            self.record()
        return self.out

    def red_header(self) -> None:
        """版头 (7.2): red organ mark, document number, red rule 4 mm under it."""
        assert self.doc.header is not None
        header = self.doc.header
        if header.organ:
            from assistant.document.titlebreak import fit_organ_mark

            # One line, shrunk to fit the block (×× measured at its real width); a very long
            # name takes two lines in the height of one (titlebreak.fit_organ_mark).
            mark = fit_organ_mark(header.organ)
            para = self.paragraph(STYLE_TITLE)
            ppr = para._p.get_or_add_pPr()
            # 7.2.1: top edge 35 mm under the top of the text block.
            _child(ppr, "w:spacing", **{"w:before": str(G.ORGAN_MARK_BEFORE_TWIPS),
                                        "w:line": str(mark.line_twips), "w:lineRule": "exact"})
            for i, line in enumerate(mark.lines):
                if i:
                    para.add_run().add_break()
                rpr = para.add_run(line)._r.get_or_add_rPr()
                set_run_fonts(rpr, G.ORGAN_MARK.font, mark.size_pt)
                _child(rpr, "w:color", **{"w:val": G.RED_RGB})
                _order_rpr(rpr)
            self._spacer(red_header_parts()[0])
        para = self.paragraph(STYLE_BODY, [(Run(header.number), None)] if header.number else [])
        ppr = para._p.get_or_add_pPr()
        _child(ppr, "w:jc", **{"w:val": "center"})
        _set_first_line(para, 0)
        border = _child(ppr, "w:pBdr")
        # 7.2.5: red rule as wide as the text block, 4 mm under the number.
        border.append(_el("w:bottom", **{"w:val": "single", "w:sz": str(G.RED_RULE_EIGHTHS),
                                         "w:space": str(G.RED_RULE_SPACE_PT), "w:color": G.RED_RGB}))
        _order_ppr(ppr)
        self._spacer(red_header_parts()[1])

    def _spacer(self, twips: int) -> None:
        """An empty paragraph exactly `twips` high, off the grid, that brings what follows back onto it."""
        para = self.paragraph(STYLE_BODY)
        ppr = para._p.get_or_add_pPr()
        set_paragraph_format(ppr, line_twips=twips)
        _child(ppr, "w:snapToGrid", **{"w:val": "0"})
        _order_ppr(ppr)

    def table(self, table: Table) -> None:
        if self._pending_break and self.out.paragraphs:
            self.out.paragraphs[-1].add_run().add_break(_page_break())
            self._pending_break = False
        if table.caption:
            para = self.paragraph(STYLE_BODY, [(Run(table.caption), "h1")], wrap=(0, _WIDTH))
            _keep(para._p.get_or_add_pPr())  # a table's title stays with the table
            _set_first_line(para, 0)
            _child(para._p.get_or_add_pPr(), "w:jc", **{"w:val": "center"})
            _order_ppr(para._p.get_or_add_pPr())
        from docx.text.paragraph import Paragraph as DocxParagraph
        from docx.text.run import Run as DocxRun

        # Column widths and row heights come from the paginator, so that its page breaks are ours.
        geo = table_geometry(table)
        cols = geo.columns
        style = _xml_attr(self._style_ids[STYLE_TABLE])
        xml = ["<w:tbl>", _tblpr_xml(), "<w:tblGrid>", *(f'<w:gridCol w:w="{w}"/>' for w in cols), "</w:tblGrid>"]
        for ri, cells in enumerate([table.header, *table.rows]):
            header = "<w:tblHeader/>" if ri == 0 else ""
            xml.append(f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{geo.rows[ri]}" w:hRule="atLeast"/>{header}</w:trPr>')
            st = G.TABLE_HEADER if ri == 0 else G.TABLE_CELL
            for width, text in zip(cols, cells, strict=True):
                # Centred when short, else flush left: justified CJK spreads a cell's lines into gaps.
                jc = "center" if len(text) <= 8 or ri == 0 else "left"
                xml.append(
                    f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/><w:vAlign w:val="center"/></w:tcPr>'
                    f'<w:p><w:pPr><w:pStyle w:val="{style}"/><w:jc w:val="{jc}"/></w:pPr>'
                    f"{_run_xml(text, st.font, st.size_pt, spacing=0)}</w:p></w:tc>"
                )
            xml.append("</w:tr>")
        xml.append("</w:tbl>")
        if not table.review:
            self.out.append_xml("".join(xml))
            return
        tbl = _parse(_with_ns("".join(xml)))
        self.out.append(tbl)
        for ri, ci in sorted(table.review):  # in the order of the cells
            if not (0 <= ri < len(table.rows) and 0 <= ci < len(cols)):
                continue
            p = tbl.tr_lst[ri + 1].tc_lst[ci].p_lst[0]
            self.mark_for_review([DocxRun(p.r_lst[0], DocxParagraph(p, self.out))])

    def attachments(self, tail: bool) -> None:
        """附件说明 (7.3.4): one empty line under the body, 附件：1.名称, names aligned; the lines
        kept together, and the last with the 落款 when `tail` (paginate.tail_keeps)."""
        self.blank()
        names = self.doc.attachments
        first = f"附件：1.{names[0]}" if len(names) > 1 else f"附件：{names[0]}"
        paras = [self.paragraph(STYLE_BODY, [(Run(first), None)], wrap=(G.INDENT_CHARS, _WIDTH))]
        for n, name in enumerate(names[1:], start=2):
            wrap = (0, _WIDTH - (G.INDENT_CHARS + 3) * _PITCH_TWIPS)
            para = self.paragraph(STYLE_BODY, [(Run(f"{n}.{name}"), None)], wrap=wrap)
            set_paragraph_format(para._p.get_or_add_pPr(), left_chars=G.INDENT_CHARS + 3)
            paras.append(para)
        for para in paras[:-1] if not tail else paras:
            _keep(para._p.get_or_add_pPr())

    def signature(self, tail: bool) -> None:
        """落款 (7.3.5.2): signature right-indented 2 characters, the date two characters right of it.
        The 署名 stays on the 日期's page (7.3.5), and with `tail` so do the empty line before it
        and the paragraph before that (paginate.tail_keeps)."""
        self.blank()
        if tail:
            _keep(self.out.paragraphs[-1]._p.get_or_add_pPr(), whole=False)
        sig, date = self.doc.signature, self.doc.date
        sig_w, date_w = G.rendered_width_chars(sig), G.rendered_width_chars(date)  # with autospace
        if not date:
            sig_r, date_r = float(G.SIGNATURE_RIGHT_INDENT_CHARS), 0.0
        elif not sig or sig_w >= date_w + 2:
            sig_r = float(G.SIGNATURE_RIGHT_INDENT_CHARS)
            date_r = sig_w - date_w if sig else float(G.DATE_RIGHT_INDENT_CHARS)
        else:
            date_r = float(G.SIGNATURE_RIGHT_INDENT_CHARS)
            sig_r = date_r + 2 + date_w - sig_w
        for text, right in ((sig, sig_r), (date, date_r)):
            if text:
                para = self.paragraph(STYLE_BODY, [(Run(text), None)])
                set_paragraph_format(para._p.get_or_add_pPr(), align="right", right_chars=right)
                if text is sig and date:
                    _keep(para._p.get_or_add_pPr(), whole=False)

    def record(self) -> None:
        """版记 (7.4): 抄送 and 印发机关/印发日期 between rules, at the foot of the last page."""
        from docx.shared import Twips

        assert self.doc.record is not None
        rec = self.doc.record
        rows: list[tuple[str, str]] = []
        if rec.cc:
            rows.append((f"抄送：{rec.cc.rstrip('。')}。", ""))
        if rec.printer or rec.printed:
            rows.append((rec.printer, f"{rec.printed}印发" if rec.printed else ""))
        if not rows:
            return
        # 7.4: the 版记 closes the last even page. The paginator knows where the body ends.
        placement = self.plan.record
        if placement == "blank":
            self._close_body_section()
            self.out.add_paragraph()  # the blank page; the final section carries no page number
        if placement in ("next", "blank"):
            brk = self.out.add_paragraph()
            ppr = brk._p.get_or_add_pPr()
            _child(ppr, "w:pageBreakBefore")
            _order_ppr(ppr)
        total = G.text_width_twips()
        t = self.out.add_table(rows=len(rows), cols=1)
        tbl = t._tbl
        tblpr = tbl.tblPr
        # Float the block so that its last rule sits on the bottom edge of the text block; rows
        # have an exact height so that the position does not depend on font metrics. Across, the
        # anchor is the page: LibreOffice floats a full-width table only when so anchored.
        row_h = G.LINE_PITCH_TWIPS
        top = G.mm_to_twips(G.TEXT_HEIGHT_MM) - row_h * len(rows)
        _child(tblpr, "w:tblpPr", **{"w:vertAnchor": "margin", "w:horzAnchor": "page", "w:tblpX": str(G.mm_to_twips(G.MARGIN_LEFT_MM)), "w:tblpY": str(top)})
        _child(tblpr, "w:tblOverlap", **{"w:val": "never"})
        _child(tblpr, "w:tblW", **{"w:w": str(total), "w:type": "dxa"})
        borders = _child(tblpr, "w:tblBorders")
        outer = str(round(G.RECORD_RULE_OUTER_MM / G.MM_PER_PT * 8))
        inner = str(round(G.RECORD_RULE_INNER_MM / G.MM_PER_PT * 8))
        for side, size in (("top", outer), ("bottom", outer), ("insideH", inner)):
            _child(borders, f"w:{side}", **{"w:val": "single", "w:sz": size, "w:space": "0", "w:color": "000000"})
        for side in ("left", "right", "insideV"):
            _child(borders, f"w:{side}", **{"w:val": "nil"})
        _order(borders, _BORDER_ORDER)
        _child(tblpr, "w:tblLayout", **{"w:type": "fixed"})
        margins = _child(tblpr, "w:tblCellMar")
        for side in ("left", "right"):
            _child(margins, f"w:{side}", **{"w:w": "0", "w:type": "dxa"})
        _order(tblpr, _TBLPR_ORDER)
        tbl.tblGrid.findall(_qn("w:gridCol"))[0].set(_qn("w:w"), str(total))
        inset = G.RECORD_INSET_CHARS * round(G.RECORD.size_pt * G.TWIPS_PER_PT)
        for row, (left, right) in zip(t.rows, rows, strict=True):
            _child(row._tr.get_or_add_trPr(), "w:trHeight", **{"w:val": str(row_h), "w:hRule": "exact"})
            cell = row.cells[0]
            _child(cell._tc.get_or_add_tcPr(), "w:vAlign", **{"w:val": "center"})
            cell.width = Twips(total)
            para = cell.paragraphs[0]
            self._set_style(para, STYLE_RECORD)
            ppr = para._p.get_or_add_pPr()
            set_paragraph_format(ppr, align="left", line_twips=None)
            ind = _child(ppr, "w:ind")
            ind.set(_qn("w:left"), str(inset))
            ind.set(_qn("w:right"), str(inset))
            if right:
                tabs = _child(ppr, "w:tabs")
                tabs.append(_el("w:tab", **{"w:val": "right", "w:pos": str(total - inset)}))
            _order_ppr(ppr)
            text = f"{left}\t{right}" if right else left
            for i, piece in enumerate(text.split("\t")):
                if i:
                    para.add_run().add_tab()
                r = para.add_run(piece)
                rpr = r._r.get_or_add_rPr()
                set_run_fonts(rpr, G.RECORD.font, G.RECORD.size_pt)
                _child(rpr, "w:spacing", **{"w:val": "0"})
                _order_rpr(rpr)
        # A floating table needs a paragraph after it to anchor to (LibreOffice drops it otherwise);
        # keep that paragraph one twip high so it cannot push a page.
        anchor = self.out.add_paragraph()
        self._set_style(anchor, STYLE_BODY)
        set_paragraph_format(anchor._p.get_or_add_pPr(), line_twips=1)

    def _close_body_section(self) -> None:
        """End the numbered section at the body's last paragraph; what follows (a blank page and
        the 版记 page) is a section whose footers are empty (7.5)."""
        from copy import deepcopy

        body = self.out.element.body
        if len(body) < 2 or body[-2].tag != _qn("w:p"):
            self._spacer(1)  # the body ends with a table: a paragraph to carry the section break
        ppr = body[-2].get_or_add_pPr()
        ppr.append(deepcopy(body.sectPr))
        _order_ppr(ppr)
        final = self.out.sections[-1]
        for ref in final._sectPr.findall(_qn("w:footerReference")):
            final._sectPr.remove(ref)
        for footer in (final.footer, final.even_page_footer):
            footer.is_linked_to_previous = False
            self._set_style(footer.paragraphs[0], STYLE_FOOTER)  # not python-docx's "Footer"


_STYLE_FONTS: dict[str, G.TextStyle] = {
    "title": G.TITLE,
    "h1": G.HEADINGS[1],
    "h2": G.HEADINGS[2],
    "h3": G.HEADINGS[3],
    "h4": G.HEADINGS[4],
}


def _split(text: str, spans: Sequence[tuple[int, int, int]]) -> list[tuple[str, int | None]]:
    """`text` cut where `spans` begin and end, each piece with its spacing (None: the style's)."""
    cuts = sorted({0, len(text), *(max(0, min(len(text), x)) for a, b, _ in spans for x in (a, b))})
    out: list[tuple[str, int | None]] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        spacing = next((sp for x, y, sp in spans if x <= a and b <= y), None)
        out.append((text[a:b], spacing))
    return out or [(text, None)]


def _keep(ppr: Any, on: bool = True, whole: bool = True) -> None:
    """Keep the paragraph on the page of the next one (w:keepNext) and, with `whole`, its lines
    together (w:keepLines, so that Word, like LibreOffice, moves it whole); `on=False` switches
    both off where a style turned them on."""
    for tag in ("w:keepNext", "w:keepLines") if whole or not on else ("w:keepNext",):
        el = _child(ppr, tag)
        if on:
            el.attrib.pop(_qn("w:val"), None)
        else:
            el.set(_qn("w:val"), "0")
    _order_ppr(ppr)


def _page_break() -> Any:
    from docx.enum.text import WD_BREAK

    return WD_BREAK.PAGE


def _set_first_line(para: DocxParagraph, chars: int) -> None:
    ppr = para._p.get_or_add_pPr()
    ind = _child(ppr, "w:ind")
    ind.set(_qn("w:firstLine"), str(chars * _PITCH_TWIPS))
    ind.set(_qn("w:firstLineChars"), str(chars * 100))
    _order_ppr(ppr)


def _attendance_runs(runs: Sequence[Run]) -> list[tuple[Run, str | None]]:
    """A body paragraph's runs; in a 纪要's 出席/列席 line the word itself in 黑体 (GB/T 9704 10.3),
    the names in the body face."""
    from dataclasses import replace

    from assistant.document.roles import ATTENDANCE

    text = "".join(r.text for r in runs)
    m = ATTENDANCE.match(text)
    n = len(m.group(1)) if m else 0
    if m is None or len(text) <= 3 or len(runs[0].text) < n:
        return [(r, None) for r in runs]
    head, rest = runs[0].text[:n], runs[0].text[n:]
    out: list[tuple[Run, str | None]] = [(replace(runs[0], text=head), "h1")]
    if rest:
        out.append((replace(runs[0], text=rest), None))
    return out + [(r, None) for r in runs[1:]]


def text_width_chars(text: str) -> float:
    """Width in body characters: CJK and full-width count 1, ASCII digits and letters 0.5."""
    return sum(0.5 if ord(c) < 0x2E80 else 1.0 for c in text)


def write_docx_bytes(doc: Document, fonts: str | None = None) -> bytes:
    """The .docx file for `doc`, as bytes (the caller writes them atomically): the same bytes
    for the same document. `fonts` names a font profile (assistant.document.fonts.PROFILES);
    None: the one set with `wenmi fonts --use`, else the standard faces."""
    from assistant.document.fonts import configured_profile, profile_named
    from assistant.document.package import document_date

    profile = configured_profile() if fonts is None else profile_named(fonts)
    writer = DocxWriter(doc)
    out = writer.build()
    assert isinstance(out, _LazyDocument)
    return out.finish(title=doc.title, when=document_date(doc.date), pages=writer.plan.pages, fonts=profile)
