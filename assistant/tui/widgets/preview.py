"""The document preview: folded line by line, only the visible lines are rendered.

A `Static` holding the whole document re-renders every line of it on each keystroke; this
widget (Textual's line API, like `Log`) folds each line of the text with the engine's rule (no
，or 。 at a line start, numbers kept whole) and hands the compositor just the rows on screen, so a
long document updates as fast as a short one. Lines are folded once per width: a keystroke that
changes the title of a thousand-achievement document folds the title again, not the document.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

#: Width of the engine's preview lines (28 characters of two cells).
PREVIEW_CELLS = 56


def fit_preview(text: str, width: int) -> str:
    """The preview as is when the pane is wide enough; else centred and right-aligned lines
    (title, signature) are re-aligned to the pane (widths in terminal cells, not characters)."""
    if width >= PREVIEW_CELLS:
        return text
    lines = []
    for line in text.split("\n"):
        body = line.lstrip(" ")
        pad = len(line) - len(body)
        if pad < 2 or not body:
            lines.append(line)
            continue
        room = max(0, width - cell_len(body))
        centred = abs(pad - (PREVIEW_CELLS - cell_len(body)) // 2) <= 1
        lines.append(" " * (room // 2 if centred else room) + body)
    return "\n".join(lines)


class DocumentPreview(ScrollView, can_focus=True):
    """Plain text, wrapped to the widget's width; scroll with the keyboard or the mouse.

    While the document is composed again (a move in a long workbook), `updating` highlights the
    paragraphs being changed in the text as it was (`mark`); only their rows are drawn again."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"document-preview--changing"}

    DEFAULT_CSS = """
    DocumentPreview {
        height: 1fr;
        padding: 0 0 0 1;
        overflow-x: hidden;
        scrollbar-gutter: stable;
    }
    DocumentPreview:focus {
        background: $boost;
    }
    DocumentPreview > .document-preview--changing {
        color: $text;
        background: $warning 30%;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = ""
        #: The document folded to the widget's width, one screen row each.
        self._rows: list[str] = []
        self._wrapped_for = (-1, "")
        #: Folded rows of each line of the text, for `_fold_width` (a line folds the same each time).
        self._folded: dict[str, list[str]] = {}
        self._fold_width = -1
        #: Rows rendered as strips, by their text (a scroll or a refresh renders them again).
        self._strips: dict[str, Strip] = {}
        #: The line of the text (a paragraph) each row folds, and the lines `mark` highlights.
        self._row_lines: list[int] = []
        self._marked: frozenset[int] = frozenset()
        #: The text is being composed again (`updating` until `done`).
        self.is_updating = False

    def updating(self, needle: str | None = None) -> None:
        """The text is being composed again: the paragraphs that contain `needle` are highlighted
        until `done` (the screen's title says the rest)."""
        self.is_updating = True
        self.mark(needle)

    def done(self) -> None:
        """The text shown is the document as it is now: nothing highlighted."""
        self.is_updating = False
        self.mark(None)

    def mark(self, needle: str | None) -> None:
        """Highlight the paragraphs (lines of the text) that contain `needle`; None: none. Only
        the rows on screen of the paragraphs that change are drawn again (a frame of the whole
        pane costs a keystroke's worth of time)."""
        lines = frozenset(k for k, line in enumerate(self.text.split("\n")) if needle in line) if needle else frozenset()
        changed = lines ^ self._marked
        self._marked = lines
        if not changed:
            return
        top = self.scroll_offset.y  # rows off screen are drawn as marked when scrolled to
        for row in range(top, min(len(self._row_lines), top + self.size.height)):
            if self._row_lines[row] in changed:
                self.refresh_line(row)

    def update(self, text: str) -> None:
        """Show `text` (the engine's plain-text preview)."""
        if text != self.text:
            self.text = text
            self._marked = frozenset()
            self._wrap()

    def _wrap(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        if self._wrapped_for == (width, self.text):
            return
        self._wrapped_for = (width, self.text)
        if width != self._fold_width:
            self._folded, self._strips, self._fold_width = {}, {}, width
        from assistant.document.preview import wrap_text

        folded = self._folded
        kept: dict[str, list[str]] = {}
        rows: list[str] = []
        row_lines: list[int] = []
        # Fold with the engine's rule, a line at a time (`wrap_text` folds each line on its own).
        for number, line in enumerate(fit_preview(self.text, width).split("\n")):
            done = kept.get(line)
            if done is None:
                done = folded.get(line)
                if done is None:
                    done = [piece for row in wrap_text(line, width).split("\n") for piece in self._fit(row, width)]
                kept[line] = done
            rows += done
            row_lines += [number] * len(done)
        self._folded = kept  # lines no longer in the document are forgotten
        if len(self._strips) > 4 * len(rows) + 256:
            self._strips = {}
        self._rows, self._row_lines = rows, row_lines
        self.virtual_size = Size(width, len(rows))
        self.refresh()

    def _fit(self, row: str, width: int) -> list[str]:
        """`row`, or its pieces when it is wider than the pane by Rich's count (a character whose
        width the engine counts differently): folded again by Rich, never cut."""
        if cell_len(row) <= width:
            return [row]
        return [line.plain for line in Text(row).wrap(self.app.console, width)] or [row]

    def _strip(self, row: str) -> Strip:
        strip = self._strips.get(row)
        if strip is None:
            strip = self._strips[row] = Strip([Segment(row)], cell_len(row))
        return strip

    def on_resize(self) -> None:
        self._wrap()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        style = self.rich_style
        if index >= len(self._rows):
            return Strip.blank(width, style)
        if self._marked and self._row_lines[index] in self._marked:
            style = style + self.get_component_rich_style("document-preview--changing")
        strip = self._strip(self._rows[index]).crop_extend(scroll_x, scroll_x + width, style)
        return strip.apply_style(style)
