"""Where each page of a document ends, computed from the 22 × 28 grid.

The writer gives every element a height that does not depend on the fonts the reader's
machine has: body text, headings and titles sit on the fixed 579-twip line; table rows and the
版记 have explicit heights. So the page breaks follow from the text alone, and this module
finds them the way the office suites do: 28 characters a line, ，。、：；？！ hanging at a line
end, no closing mark at a line start nor opening mark at a line end, numbers kept whole, rows
that never split, header rows repeated. tests/test_layout_office.py holds it to LibreOffice's
layout of every catalogue sample, line for line.

The writer uses the result to put the 版记 on the last even page (GB/T 9704-2012 7.4), and the
TUI and `wenmi render` report the page count.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

from assistant.document import gbt9704 as G
from assistant.document.model import Document, Heading, PageBreak, Paragraph, Table

LINE = G.LINE_PITCH_TWIPS
#: What a page holds: 22 grid lines (LibreOffice takes nothing past the 22nd line; the 225 mm
#: block is 18 twips more).
GRID_TWIPS = G.LINES_PER_PAGE * LINE

#: Marks that may hang past the end of a full line (Word's and LibreOffice's default).
HANGING = set("，。、．：；？！")
#: Marks that never begin a line: the character before them goes down with them. (—— and ……
#: may: LibreOffice lets them, though Word keeps …… off a line start.)
NO_LINE_START = set("，。、；：？！”’）》〕】〉」』〗·～")
#: Marks that never end a line: they go down with the character after them.
NO_LINE_END = set("“‘（《〔【〈「『〖")
#: Advance of the printable ASCII characters (space to ~) in Times New Roman, in thousandths of
#: an em. Liberation Serif, LibreOffice's stand-in, has the same metrics.
_LATIN_WIDTHS = (
    "250,333,408,500,500,833,778,180,333,333,500,564,250,333,250,278,500,500,500,500,500,500,500,500,"
    "500,500,278,278,564,564,564,444,921,722,667,667,722,611,556,722,722,333,389,722,611,889,722,722,"
    "556,722,667,556,611,722,722,944,722,722,611,333,278,333,469,500,333,444,500,444,500,444,333,500,"
    "500,278,278,500,278,778,500,500,500,500,333,389,278,500,500,722,500,500,444,480,200,480,541"
)
_LATIN_EM = {chr(32 + i): int(w) / 1000 for i, w in enumerate(_LATIN_WIDTHS.split(","))}
#: Space both suites add between a Chinese character and a Latin letter or digit: 0.2 em, and
#: LibreOffice does not condense it with the rest.
AUTOSPACE_EM = 0.2

#: Twips a line keeps in hand: the suites round each advance, and a line that fills the block to
#: within a few twips breaks early in LibreOffice.
_SLACK = 4

Placement = Literal["same", "next", "blank"]


def _is_han(ch: str) -> bool:
    return unicodedata.category(ch) == "Lo" and not ch.isascii()


def _advance(ch: str, size_twips: int, spacing: int) -> int:
    """Width of `ch` in twips at `size_twips`, with `spacing` added to every character."""
    if ch.isascii():
        return round(_LATIN_EM.get(ch, 0.5) * size_twips) + spacing
    return size_twips + spacing


def _autospaced(a: str, b: str) -> bool:
    """Whether the suites put extra space between `a` and `b` (Chinese next to Latin or digits)."""
    return (_is_han(a) and b.isascii() and b.isalnum()) or (_is_han(b) and a.isascii() and a.isalnum())


def _units_of(text: str) -> list[str]:
    """`text` as the pieces a line may break between: single Chinese characters and marks, and
    whole runs of Latin letters, digits and their punctuation (3.5, 2023, GB/T, ab@163.com),
    which break only after a hyphen; —— and …… are one piece."""
    out: list[str] = []
    for ch in text:
        last = out[-1][-1] if out else ""
        latin = last not in ("", "-") and last.isascii() and not last.isspace() and ch.isascii() and not ch.isspace()
        if latin or (ch == last and ch in "—…"):  # —— and …… are one mark
            out[-1] += ch
        else:
            out.append(ch)
    return out


def wrap_lines(
    text: str,
    first_indent: int = G.INDENT_CHARS,
    width: int = G.mm_to_twips(G.TEXT_WIDTH_MM),
    size_pt: float = G.BODY_SIZE_PT,
    spacing: int = G.CHAR_SPACING_TWIPS,
    hang: bool = True,
) -> list[str]:
    """`text` broken into lines the way the office suites break it: a block `width` twips wide,
    type of `size_pt` with `spacing` twips added to each character, the first line indented
    `first_indent` characters. Numbers and Latin words stay whole, ，。、：；？！ may hang past the
    end, no line starts with a closing mark and none ends with an opening one."""
    size = round(size_pt * G.TWIPS_PER_PT)
    gap = round(AUTOSPACE_EM * size) - spacing

    def advance(piece: str, before: str) -> int:
        w = sum(_advance(c, size, spacing) for c in piece)
        return w + (gap if before and _autospaced(before[-1], piece[0]) else 0)

    lines: list[str] = []
    line: list[str] = []
    used = first_indent * (size + spacing)
    for piece in _units_of(text):
        u = advance(piece, line[-1] if line else "")
        if used + u > width - _SLACK and line:
            # A mark hangs after Chinese only; after a number it goes down with the number.
            if hang and piece in HANGING and not line[-1][-1].isascii():
                line.append(piece)
                used += u
                continue
            # A closing mark takes the piece before it down; an opening mark goes down with what follows.
            carry: list[str] = []
            if piece in NO_LINE_START:
                while len(line) > 1:
                    carry.insert(0, line.pop())
                    if carry[0] not in NO_LINE_START:
                        break
            while len(line) > 1 and line[-1] in NO_LINE_END:
                carry.insert(0, line.pop())
            lines.append("".join(line))
            line = carry
            used = sum(advance(p, line[i - 1] if i else "") for i, p in enumerate(line))
            u = advance(piece, line[-1] if line else "")
        line.append(piece)
        used += u
    lines.append("".join(line))
    return lines


def count_lines(text: str, first_indent: int = G.INDENT_CHARS, width: int = G.mm_to_twips(G.TEXT_WIDTH_MM)) -> int:
    """How many lines `wrap_lines` gives for body text."""
    return len(wrap_lines(text, first_indent, width))


@dataclass(frozen=True)
class TableGeometry:
    """Column widths and row heights (twips) the writer gives a table."""

    columns: list[int]
    rows: list[int]


def to_grid(twips: int) -> int:
    """`twips` rounded up to whole grid lines."""
    return -(-twips // LINE) * LINE


def cell_lines(text: str, width_twips: int, size_pt: float = G.TABLE_CELL.size_pt) -> int:
    """Lines of a table cell. Marks do not hang in a cell (LibreOffice keeps them inside), so the
    count may be one more than Word needs; the row's height is a minimum, so no suite differs."""
    inner = width_twips - 2 * G.TABLE_CELL_MARGIN_TWIPS
    return len(wrap_lines(text, 0, inner, size_pt, 0, hang=False))


def table_geometry(table: Table) -> TableGeometry:
    total = G.text_width_twips()
    weights = table.widths
    cols = [total * w // sum(weights) for w in weights]
    cols[-1] += total - sum(cols)
    rows = []
    for cells in [table.header, *table.rows]:
        n = max(cell_lines(text, w) for text, w in zip(cells, cols, strict=True))
        rows.append(to_grid(n * G.TABLE_LINE_TWIPS + G.TABLE_ROW_PAD_TWIPS))
    rows[0] -= G.TABLE_BORDER_ALLOWANCE_TWIPS
    return TableGeometry(cols, rows)


@dataclass(frozen=True)
class Pagination:
    """Where the body ends, and where the 版记 goes."""

    #: Page on which the body (through the date) ends, from 1.
    body_pages: int
    #: Twips used on that page.
    used: int
    #: "same": the 版记 fits at the foot of the body's last page, an even one.
    #: "next": the body ends on an odd page; the 版记 takes the next, even, page.
    #: "blank": the body ends on a full even page; a blank page, then the 版记 page, both unnumbered.
    record: Placement | None
    #: Every page, blank and 版记 pages included.
    pages: int


class _Flow:
    def __init__(self) -> None:
        self.page = 1
        self.used = 0

    def add(self, height: int) -> None:
        if self.used and self.used + height > GRID_TWIPS:
            self.page += 1
            self.used = 0
        self.used += height

    def lines(self, n: int) -> None:
        for _ in range(n):
            self.add(LINE)

    def new_page(self) -> None:
        self.page += 1
        self.used = 0


def red_header_parts() -> tuple[int, int]:
    """The two spacers of the 版头 (see DocxWriter.red_header): under the organ mark, so that the
    document number starts on a grid line; and under the red rule, so that the title does, at
    least two lines down (7.3.1). Returns (after the mark, after the rule)."""
    mark = G.ORGAN_MARK_BEFORE_TWIPS + G.ORGAN_MARK_LINE_TWIPS
    after_mark = to_grid(mark) - mark + LINE
    return after_mark, to_grid(number_block_twips() + 2 * LINE) - number_block_twips()


def number_block_twips() -> int:
    """The document number's line with the red rule under it."""
    return LINE + G.RED_RULE_SPACE_PT * G.TWIPS_PER_PT + G.RED_RULE_EIGHTHS * G.TWIPS_PER_PT // 8


def red_header_twips(organ: str) -> int:
    """Height of the 版头, down to the title: always whole grid lines."""
    after_mark, after_rule = red_header_parts()
    height = G.ORGAN_MARK_BEFORE_TWIPS + G.ORGAN_MARK_LINE_TWIPS + after_mark if organ else 0
    return height + number_block_twips() + after_rule


def record_rows(doc: Document) -> int:
    rec = doc.record
    if rec is None:
        return 0
    return int(bool(rec.cc)) + int(bool(rec.printer or rec.printed))


def paginate(doc: Document) -> Pagination:
    """Pages of `doc` as the writer lays it out."""
    from assistant.document.titlebreak import break_title

    flow = _Flow()
    if doc.header:
        flow.add(red_header_twips(doc.header.organ))
    if doc.title:
        flow.lines(len(break_title(doc.title)) + 1)
    if doc.recipients:
        flow.lines(count_lines(doc.recipients, 0))
    pending_break = False
    for block in doc.blocks:
        if isinstance(block, PageBreak):
            pending_break = True
            continue
        if pending_break:
            flow.new_page()
            pending_break = False
        if isinstance(block, Table):
            if block.caption:
                flow.lines(count_lines(block.caption, 0))
            geo = table_geometry(block)
            header = geo.rows[0]
            flow.add(header)
            for h in geo.rows[1:]:
                if flow.used + h > GRID_TWIPS:
                    flow.new_page()
                    flow.add(header)
                flow.add(h)
            flow.used = to_grid(flow.used)  # the borders take back what the header row gave
            continue
        assert isinstance(block, Heading | Paragraph)
        text = block.label + "".join(r.text for r in block.runin) if isinstance(block, Heading) else block.text
        flow.lines(count_lines(text))
    if doc.attachments:
        flow.lines(1)
        names = doc.attachments
        flow.lines(count_lines(f"附件：1.{names[0]}" if len(names) > 1 else f"附件：{names[0]}"))
        # Later names align under the first (附件：1. is five characters in from the indent).
        indent = (G.INDENT_CHARS + 3) * round(G.char_pitch_pt() * G.TWIPS_PER_PT)
        for n, name in enumerate(names[1:], start=2):
            flow.lines(count_lines(f"{n}.{name}", 0, G.text_width_twips() - indent))
    if doc.signature or doc.date:
        flow.lines(1 + bool(doc.signature) + bool(doc.date))
    rows = record_rows(doc)
    if not rows:
        return Pagination(flow.page, flow.used, None, flow.page)
    if flow.page % 2:
        return Pagination(flow.page, flow.used, "next", flow.page + 1)
    # One empty line between the body and the 版记's top rule, so the two never touch.
    if flow.used + LINE + rows * LINE <= GRID_TWIPS:
        return Pagination(flow.page, flow.used, "same", flow.page)
    return Pagination(flow.page, flow.used, "blank", flow.page + 2)
