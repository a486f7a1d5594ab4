"""A yes/no question: `ConfirmDialog(Dialog[bool])`."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from assistant.tui.dialogs.base import Dialog


class ConfirmDialog(Dialog[bool]):
    """Ask before doing something that cannot be undone. Enter = the focused button; Esc = no."""

    BINDINGS = [
        Binding("escape", "cancel", "取消"),
        Binding("y", "confirm", "是", show=False),
        Binding("n", "cancel", "否", show=False),
    ]

    def __init__(self, title: str, message: str, *, yes: str = "确定", no: str = "取消") -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield Static(self.message, classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, variant="primary", id="yes")
                yield Button(self.no, id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    @on(Button.Pressed, "#yes")
    def action_confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_cancel(self) -> None:
        self.dismiss(False)
