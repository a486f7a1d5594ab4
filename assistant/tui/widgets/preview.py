"""The document preview: wrapped once per update, only the visible lines are rendered.

A `Static` holding the whole document re-renders every line of it on each keystroke; this
widget (Textual's line API, like `Log`) wraps the text with Rich (which folds Chinese by
terminal cells and keeps a paragraph's 　　 indent on its first line) and hands the
compositor just the rows on screen, so a long document updates as fast as a short one.
"""

from __future__ import annotations

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
    """Plain text, wrapped to the widget's width; scroll with the keyboard or the mouse."""

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
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = ""
        self._strips: list[Strip] = []
        self._wrapped_for = (-1, "")

    def update(self, text: str) -> None:
        """Show `text` (the engine's plain-text preview)."""
        if text != self.text:
            self.text = text
            self._wrap()

    def _wrap(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        if self._wrapped_for == (width, self.text):
            return
        self._wrapped_for = (width, self.text)
        console = self.app.console
        options = console.options.update_width(width)
        from assistant.document.preview import wrap_text

        # Fold with the engine's rule (no ，or 。 at a line start, numbers kept whole); Rich
        # then has nothing left to cut.
        folded = wrap_text(fit_preview(self.text, width), width)
        lines = console.render_lines(Text(folded), options, pad=False)
        self._strips = [Strip(Segment.simplify(line)) for line in lines]
        self.virtual_size = Size(width, len(self._strips))
        self.refresh()

    def on_resize(self) -> None:
        self._wrap()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        style = self.rich_style
        if index >= len(self._strips):
            return Strip.blank(width, style)
        strip = self._strips[index].crop_extend(scroll_x, scroll_x + width, style)
        return strip.apply_style(style)
