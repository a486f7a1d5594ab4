"""Where each page of a document ends, computed from the 22 × 28 grid.

The writer gives every element a height that does not depend on the fonts the reader's
machine has: body text, headings and titles sit on the fixed 579-twip line; table rows and the
版记 have explicit heights. So the page breaks follow from the text alone, and this module
finds them the way the office suites do: lines broken by `assistant.document.linebreak`
(28 characters, 避头尾, numbers kept whole), rows that never split, header rows repeated.
tests/test_layout_office.py holds it to LibreOffice's layout of every catalogue sample.

The writer uses the result to put the 版记 on the last even page (GB/T 9704-2012 7.4), and the
TUI and `wenmi render` report the page count.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from assistant.document import gbt9704 as G
from assistant.document.linebreak import count_lines, wrap_lines
from assistant.document.model import Document, Heading, PageBreak, Paragraph, Table

LINE = G.LINE_PITCH_TWIPS
#: What a page holds: 22 grid lines (LibreOffice takes nothing past the 22nd line; the 225 mm
#: block is 18 twips more).
GRID_TWIPS = G.LINES_PER_PAGE * LINE

Placement = Literal["same", "next", "blank"]


@dataclass(frozen=True)
class TableGeometry:
    """Column widths and row heights (twips) the writer gives a table."""

    columns: list[int]
    rows: list[int]


def to_grid(twips: int) -> int:
    """`twips` rounded up to whole grid lines."""
    return -(-twips // LINE) * LINE


def cell_lines(text: str, width_twips: int, size_pt: float = G.TABLE_CELL.size_pt) -> int:
    """Lines of a table cell. A closing mark takes the character before it down (推出), as every
    suite does by itself; the row's height is a minimum, so no suite differs."""
    inner = width_twips - 2 * G.TABLE_CELL_MARGIN_TWIPS
    return len(wrap_lines(text, 0, inner, size_pt, 0, tighten=False))


#: A header of up to this many characters is never broken (序号, 分值, 责任单位, 整改完成时限); a
#: longer one is given room for its longest word.
HEADER_WHOLE_CHARS = 6


def _unbreakable(text: str, header: bool) -> list[str]:
    """The pieces of a cell that a column must hold on one line: a short header whole, a longer
    header's words, a body cell's numbers and Latin words."""
    from assistant.document.linebreak import units_of

    if header and len(text) <= HEADER_WHOLE_CHARS:
        return [text]
    if header:
        from assistant.segment import cut

        return cut(text)
    return units_of(text)


def _min_column(texts: list[str], header: str) -> int:
    """The narrowest column (twips) that breaks none of its unbreakable pieces."""
    need = 0
    for text, is_header in ((header, True), *((t, False) for t in texts)):
        for piece in _unbreakable(text.strip(), is_header):
            if piece:
                size = (G.TABLE_HEADER if is_header else G.TABLE_CELL).size_pt
                need = max(need, _piece_width(piece, size))
    return need + 2 * G.TABLE_CELL_MARGIN_TWIPS + TABLE_CELL_SLACK_TWIPS


@lru_cache(maxsize=8192)
def _piece_width(piece: str, size_pt: float) -> int:
    """Width of `piece` on one line, remembered: most pieces are single characters."""
    from assistant.document.linebreak import TextMetrics

    return TextMetrics(piece, size_pt).width(0, len(piece), 0)


#: What a cell keeps in hand beyond its widest piece, so that no suite breaks it.
TABLE_CELL_SLACK_TWIPS = 30


def column_widths(table: Table, total: int) -> list[int]:
    """Widths (twips) of the columns: in proportion to the markup's dashes, but none narrower
    than its widest unbreakable piece (assistant.document.paginate._unbreakable), the others
    giving up width for it. When even that cannot be had (a 60-character word), in proportion
    to what each needs."""
    weights = list(table.widths)
    mins = list(_column_mins(tuple(table.header), tuple(map(tuple, table.rows))))
    fixed: set[int] = set()
    if sum(mins) >= total:
        weights = mins
    else:
        while True:  # give each column too narrow its minimum; share the rest by weight
            rest = total - sum(mins[i] for i in fixed)
            free = [i for i in range(len(weights)) if i not in fixed]
            share = sum(weights[i] for i in free)
            short = [i for i in free if rest * weights[i] // share < mins[i]]
            if not short:
                break
            fixed.update(short)
    rest = total - sum(mins[i] for i in fixed)
    share = sum(w for i, w in enumerate(weights) if i not in fixed)
    cols = [mins[i] if i in fixed else rest * w // share for i, w in enumerate(weights)]
    cols[-1] += total - sum(cols)  # the last column takes the rounding
    return cols


@lru_cache(maxsize=256)
def _column_mins(header: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> tuple[int, ...]:
    """`_min_column` of each column, remembered: the writer, the paginator and the print check
    all lay out each table."""
    return tuple(_min_column([r[i] for r in rows], h) for i, h in enumerate(header))


def table_geometry(table: Table) -> TableGeometry:
    total = G.text_width_twips()
    cols = column_widths(table, total)
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


#: The paragraph before the 落款 (the body's last, or the last 附件说明 line) goes to the next page
#: with the 署名 and 日期 whenever it is at most this many lines (then at most three lines stay
#: empty for it); a longer one only when the 落款 would otherwise stand alone on a page.
TAIL_KEEP_LINES = 3


def keeps_with_next(block: Heading) -> bool:
    """Whether a heading stays on the page of what follows it: a heading standing on its own
    line does (no 背题); one with run-in text is a paragraph like any other."""
    return not block.runin


def tail_keeps(doc: Document) -> bool:
    """Whether the paragraph before the 落款 goes with it (whole: w:keepNext and w:keepLines) to
    the next page: always when it is short (TAIL_KEEP_LINES), and a longer one when the 署名 would
    otherwise open a page without a line of the text. GB/T 9704 7.3.5 wants the 落款 with the
    text; Word would split a paragraph kept with the next, LibreOffice moves it whole, so the
    writer keeps it whole and both suites agree."""
    if not (doc.signature or doc.date):
        return False
    if doc.attachments:
        lines = _attachment_lines(doc)[-1]
    else:
        last = next((b for b in reversed(doc.blocks) if not isinstance(b, PageBreak)), None)
        if not isinstance(last, Heading | Paragraph):
            return False
        lines = count_lines(_block_text(last))
    return lines <= TAIL_KEEP_LINES or _tail_alone(doc, _items(doc, tail=False))


def _tail_alone(doc: Document, items: list[_Item]) -> bool:
    """Whether, laid out as `items`, the 署名 (or the 日期) starts a page after the one on which
    the text before the 落款 ends. The items end with the empty line, the 署名 and the 日期."""
    pages: list[tuple[int, int]] = []
    _place(items, pages)
    first = len(items) - bool(doc.signature) - bool(doc.date)  # the 署名, or the 日期
    return pages[first][0] > pages[first - 2][1]


@dataclass
class _Item:
    """One paragraph or table as the paginator places it."""

    #: Heights of its lines (a table: of its rows, the header first).
    heights: list[int]
    #: On the page where what follows starts (w:keepNext).
    keep_next: bool = False
    #: Never split across pages (w:keepLines; a table's rows never split anyway).
    whole: bool = False
    #: Starts a new page ([分页]).
    page_break: bool = False
    table: bool = False

    def first(self) -> int:
        """What must share a page with a paragraph kept with this one: its first line, or all of
        it when it is kept whole; a table's header and first row."""
        if self.table:
            return sum(self.heights[:2])
        return sum(self.heights) if self.whole else self.heights[0]


def _lines(n: int, **flags: bool) -> _Item:
    return _Item([LINE] * n, **flags)


def _block_text(block: Heading | Paragraph) -> str:
    return block.label + "".join(r.text for r in block.runin) if isinstance(block, Heading) else block.text


def _attachment_lines(doc: Document) -> list[int]:
    """Lines of each 附件说明 paragraph: 附件：1.名称, then the later names aligned under the first
    (附件：1. is five characters in from the indent)."""
    names = doc.attachments
    out = [count_lines(f"附件：1.{names[0]}" if len(names) > 1 else f"附件：{names[0]}")]
    indent = (G.INDENT_CHARS + 3) * round(G.char_pitch_pt() * G.TWIPS_PER_PT)
    out += [count_lines(f"{n}.{name}", 0, G.text_width_twips() - indent) for n, name in enumerate(names[1:], start=2)]
    return out


def _items(doc: Document, tail: bool | None = None) -> list[_Item]:
    """`doc` as the writer lays it out, paragraph by paragraph; `tail`: whether the paragraph
    before the 落款 is kept with it (default: as `tail_keeps` decides)."""
    from assistant.document.titlebreak import break_title

    items: list[_Item] = []
    if doc.header:
        items.append(_Item([red_header_twips(doc.header.organ)]))
    if doc.title:
        items += [_lines(len(break_title(doc.title))), _lines(1)]
    if doc.recipients:
        items.append(_lines(count_lines(doc.recipients, 0)))
    pending_break = False
    for block in doc.blocks:
        if isinstance(block, PageBreak):
            pending_break = True
            continue
        if isinstance(block, Table):
            if block.caption:  # a table's title stays with the table
                items.append(_lines(count_lines(block.caption, 0), keep_next=True, whole=True, page_break=pending_break))
                pending_break = False
            items.append(_Item(table_geometry(block).rows, page_break=pending_break, table=True))
        else:
            keep = isinstance(block, Heading) and keeps_with_next(block)
            items.append(_lines(count_lines(_block_text(block)), keep_next=keep, whole=keep, page_break=pending_break))
        pending_break = False
    tail = tail_keeps(doc) if tail is None else tail
    if doc.attachments:
        items.append(_lines(1, page_break=pending_break))
        pending_break = False
        # The 附件说明 lines stay together.
        items += [_lines(n, keep_next=True, whole=True) for n in _attachment_lines(doc)]
        items[-1].keep_next = items[-1].whole = tail
    elif tail:
        items[-1].keep_next = items[-1].whole = True
    if doc.signature or doc.date:
        # 7.3.5: the 署名 and the 日期 share a page.
        items.append(_lines(1, keep_next=tail, page_break=pending_break))
        if doc.signature:
            items.append(_lines(1, keep_next=bool(doc.date)))
        if doc.date:
            items.append(_lines(1))
    return items


def _chain(items: list[_Item], i: int) -> int:
    """Height of the items kept together from `i` on, with what the last of them keeps to."""
    need = 0
    for j in range(i, len(items)):
        if j > i and items[j].page_break:
            return 0  # kept to what starts another page: nothing to keep
        if not items[j].keep_next:
            return need + items[j].first()
        need += sum(items[j].heights)
    return need


def _place(items: list[_Item], pages: list[tuple[int, int]] | None = None) -> _Flow:
    """Lay `items` out; `pages`, when given, receives the first and last page of each item."""
    flow = _Flow()
    for i, item in enumerate(items):
        if item.page_break:
            flow.new_page()
        if item.keep_next and not (i and items[i - 1].keep_next):
            need = _chain(items, i)  # the head of a chain moves when the chain does not fit
        else:
            need = sum(item.heights) if item.whole and not item.table else 0
        if flow.used and flow.used + need > GRID_TWIPS >= need:
            flow.new_page()
        if item.table:
            header = item.heights[0]
            flow.add(header)
            start = flow.page
            for h in item.heights[1:]:
                if flow.used + h > GRID_TWIPS:
                    flow.new_page()
                    flow.add(header)
                flow.add(h)
            flow.used = to_grid(flow.used)  # the borders take back what the header row gave
        else:
            flow.add(item.heights[0])
            start = flow.page
            for h in item.heights[1:]:
                flow.add(h)
        if pages is not None:
            pages.append((start, flow.page))
    return flow


def paginate(doc: Document) -> Pagination:
    """Pages of `doc` as the writer lays it out."""
    flow = _place(_items(doc))
    rows = record_rows(doc)
    if not rows:
        return Pagination(flow.page, flow.used, None, flow.page)
    if flow.page % 2:
        return Pagination(flow.page, flow.used, "next", flow.page + 1)
    # One empty line between the body and the 版记's top rule, so the two never touch.
    if flow.used + LINE + rows * LINE <= GRID_TWIPS:
        return Pagination(flow.page, flow.used, "same", flow.page)
    return Pagination(flow.page, flow.used, "blank", flow.page + 2)
