"""The top line of every main screen: the four pages (clickable) and the workbook's status."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from assistant.tui.commands import MODES


class NavBar(Horizontal):
    """F2 成效台账 │ F3 模板 │ F4 撰写 │ F5 词库 on the left, file and save state on the right."""

    DEFAULT_CSS = """
    NavBar {
        height: 1;
        width: 100%;
        background: $panel;
    }
    NavBar #nav-pages {
        width: auto;
    }
    NavBar #nav-status {
        width: 1fr;
        content-align-horizontal: right;
        color: $text-muted;
        padding-right: 1;
    }
    """

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current
        self._status = ""

    def compose(self) -> ComposeResult:
        yield Static(self._pages(), id="nav-pages")
        yield Static("", id="nav-status")

    def _pages(self) -> Content:
        parts = []
        for mode, title, key in MODES:
            style = "bold reverse $accent" if mode == self.current else "$text-muted"
            parts.append(f"[{style} @click=app.switch_mode('{mode}')] {key.upper()} {title} [/]")
        return Content.from_markup("│".join(parts))

    def set_status(self, text: str) -> None:
        if text != self._status:  # typing calls this on every key; repaint only on a change
            self._status = text
            # one line, as wide as the bar leaves it: no need to lay the page out again
            self.query_one("#nav-status", Static).update(text, layout=False)
