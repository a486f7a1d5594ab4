"""Warnings about what a document asks of the printed page that print cannot give as written.

The writer always produces a document: a title that is one 200-character word is cut by
width, a 60-character number in a table cell is broken by the office suite, a heading with
nothing under it still prints. `print_warnings` says so, in Chinese, naming the field, the
markup line and the table cell, so that the drafter can mend the text.
"""

from __future__ import annotations

from assistant.document import gbt9704 as G
from assistant.document.model import Document, Heading, PageBreak, Table
from assistant.errors import Diagnostic


def print_warnings(doc: Document) -> list[Diagnostic]:
    """Located warnings for the title, the organ mark, table cells and headings left bare."""
    from assistant.document.titlebreak import organ_mark_warning, title_warning

    out: list[Diagnostic] = []
    source = doc.source or None
    if doc.header and doc.header.organ and (msg := organ_mark_warning(doc.header.organ)):
        out.append(Diagnostic.at(msg, rule="organ-mark-long", file=source, field="发文机关标志"))
    if doc.title and (msg := title_warning(doc.title)):
        out.append(Diagnostic.at(msg, rule="title-long", file=source, field="标题"))
    for block in doc.blocks:
        if isinstance(block, Table):
            out += _table_warnings(block, source)
    out += _bare_heading(doc, source)
    return out


def _table_warnings(table: Table, source: str | None) -> list[Diagnostic]:
    """A cell holding a run of letters or digits wider than its column (the suites break it)."""
    from assistant.document.linebreak import TextMetrics, units_of
    from assistant.document.paginate import column_widths

    cols = column_widths(table, G.text_width_twips())
    out: list[Diagnostic] = []
    for r, cells in enumerate([table.header, *table.rows]):
        style = G.TABLE_HEADER if r == 0 else G.TABLE_CELL
        for c, (text, width) in enumerate(zip(cells, cols, strict=True)):
            room = width - 2 * G.TABLE_CELL_MARGIN_TWIPS
            for piece in units_of(text.strip()):
                if len(piece) > 1 and TextMetrics(piece, style.size_pt).width(0, len(piece), 0) > room:
                    row = "表头" if r == 0 else f"第{r}行"
                    shown = piece if len(piece) <= 16 else piece[:16] + "…"
                    chars = room / (style.size_pt * G.TWIPS_PER_PT)
                    out.append(
                        Diagnostic.at(
                            f"表格{row}第{c + 1}列的“{shown}”有 {len(piece)} 个字符连在一起、不能断开，"
                            f"比该列（约 {chars:.0f} 个汉字宽）还宽，打印时会被从中截断：请在其中加空格或缩短，"
                            "或在分隔行多写几个“-”加宽该列",
                            rule="table-word-wide",
                            file=source,
                            # the header's line, then the separator row, then the body rows
                            line=table.line + (r + 1 if r else 0) if table.line else None,
                        )
                    )
                    break
    return out


def _bare_heading(doc: Document, source: str | None) -> list[Diagnostic]:
    """A document with no body, or a heading standing on its own line with nothing after it."""
    blocks = [b for b in doc.blocks if not isinstance(b, PageBreak)]
    if not blocks:
        if doc.title or doc.header:
            return [
                Diagnostic.at(
                    "文档只有标题，没有正文：请在标题下面写正文", rule="no-body", file=source, field="正文"
                )
            ]
        return []
    last = blocks[-1]
    if isinstance(last, Heading) and not last.runin:
        only = all(isinstance(b, Heading) for b in blocks)
        what = "文档只有标题，没有正文" if only else f"标题“{last.label}”后面没有正文"
        return [
            Diagnostic.at(
                f"{what}，打印出来是一个孤零零的标题：请在标题下面写正文，或删去该标题",
                rule="no-body",
                file=source,
                line=last.line or None,
                field="标题" if not last.line else None,
            )
        ]
    return []
