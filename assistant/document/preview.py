"""Plain-text preview of a document: what the .docx will say, with numbering applied.

Used by `wenmi render --format txt` and by the TUI's live preview. Widths are counted in
terminal cells (a Chinese character is two), so centred lines and tables line up.
"""

from __future__ import annotations

import unicodedata

from assistant.document.linebreak import NO_LINE_START
from assistant.document.model import Document, Heading, PageBreak, Paragraph, Table

#: 28 characters per line, two cells each.
LINE_CELLS = 56
_INDENT = "\u3000\u3000"


def cell_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_width(text))


def _centre(text: str, width: int = LINE_CELLS) -> str:
    return " " * max(0, (width - cell_width(text)) // 2) + text


def _right(text: str, inset_chars: int, width: int = LINE_CELLS) -> str:
    return " " * max(0, width - cell_width(text) - 2 * inset_chars) + text


def preview_text(doc: Document) -> str:
    out: list[str] = []
    if doc.header:
        if doc.header.organ:
            out.append(_centre(doc.header.organ))
        if doc.header.number:
            out += ["", _centre(doc.header.number)]
        out.append("━" * (LINE_CELLS // 2))
        out.append("")
    if doc.title:
        from assistant.document.titlebreak import break_title

        out += [_centre(line) for line in break_title(doc.title)]
        out.append("")
    if doc.recipients:
        out.append(doc.recipients)
    for block in doc.blocks:
        if isinstance(block, Heading):
            runin = "".join(r.text for r in block.runin)
            out.append(f"{_INDENT}{block.label}{runin}")
        elif isinstance(block, Paragraph):
            out.append(f"{_INDENT}{block.text}")
        elif isinstance(block, Table):
            out += _table(block)
        elif isinstance(block, PageBreak):
            out.append("─" * 10 + " 分页 " + "─" * 10)
    if doc.attachments:
        out.append("")
        if len(doc.attachments) == 1:
            out.append(f"{_INDENT}附件：{doc.attachments[0]}")
        else:
            out.append(f"{_INDENT}附件：1.{doc.attachments[0]}")
            out += [f"{_INDENT}\u3000\u3000\u3000{n}.{a}" for n, a in enumerate(doc.attachments[1:], start=2)]
    if doc.signature or doc.date:
        out.append("")
        if doc.signature:
            out.append(_right(doc.signature, 2))
        if doc.date:
            out.append(_right(doc.date, 4))
    if doc.record:
        out += ["", "─" * (LINE_CELLS // 2)]
        if doc.record.cc:
            out.append(f"\u3000抄送：{doc.record.cc}。")
        if doc.record.printer or doc.record.printed:
            left = f"\u3000{doc.record.printer}"
            right = f"{doc.record.printed}印发\u3000" if doc.record.printed else ""
            out.append(left + " " * max(1, LINE_CELLS - cell_width(left) - cell_width(right)) + right)
        out.append("─" * (LINE_CELLS // 2))
    return "\n".join(out) + "\n"


def _table(table: Table) -> list[str]:
    rows = [table.header, *table.rows]
    widths = [max(cell_width(r[i]) for r in rows) for i in range(len(table.header))]
    out: list[str] = []
    if table.caption:
        out.append(_centre(table.caption))

    def line(cells: list[str]) -> str:
        return "│" + "│".join(" " + _pad(c, w) + " " for c, w in zip(cells, widths, strict=True)) + "│"

    rule = "─" * (sum(widths) + 3 * len(widths) + 1)
    out += [rule, line(table.header), rule]
    out += [line(r) for r in table.rows]
    out.append(rule)
    return out




def _carry(current: str, ch: str) -> int:
    """How many trailing characters of `current` go down with `ch` at a line break: one before a
    closing mark (push-out, so no line starts with ，), the whole digit run before a digit or
    unit-less continuation (1131 stays whole); 0 when nothing needs to move."""
    if ch in NO_LINE_START:
        return 1
    if ch.isascii() and ch.isalnum():
        run = len(current) - len(current.rstrip("0123456789.ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"))
        return run
    return 0


def wrap_cells(line: str, width: int) -> list[str]:
    """`line` folded to `width` terminal cells, with no closing punctuation starting a line and
    no number cut in two (when the line is long enough to avoid it)."""
    if width <= 0 or cell_width(line) <= width:
        return [line]
    out: list[str] = []
    current = ""
    used = 0  # cell_width(current), kept as it grows (a long paragraph is not counted per character)
    for ch in line:
        cells = cell_width(ch)
        if used + cells > width and current:
            keep = _carry(current, ch)
            if 0 < keep < len(current.strip("\u3000 ")):
                out.append(current[:-keep])
                current = current[-keep:]
            else:
                out.append(current)
                current = ""
            used = cell_width(current)
        current += ch
        used += cells
    if current:
        out.append(current)
    return out


#: Cells a printed line may take: 28 characters and a closing mark taken in (推入).
PRINT_CELLS = LINE_CELLS + 2


def wrap_text(text: str, width: int) -> str:
    """Every line of a preview folded to `width` cells. When the print line fits, paragraphs
    break exactly where the .docx does (assistant.document.linebreak: 避头尾, numbers whole, the
    space beside digits); narrower, by `wrap_cells`."""
    from assistant.document.linebreak import wrap_lines

    out: list[str] = []
    for line in text.split("\n"):
        if width >= PRINT_CELLS and line.startswith(_INDENT):
            lines = wrap_lines(line[len(_INDENT) :])
            out += [_INDENT + lines[0], *lines[1:]]
        else:
            out += wrap_cells(line, width)
    return "\n".join(out)
