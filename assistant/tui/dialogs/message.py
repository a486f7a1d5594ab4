"""A message the user must read (and can scroll), closed with Enter or Esc."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from assistant.tui.dialogs.base import Dialog


class MessageDialog(Dialog[None]):
    """A title, a scrollable text and one button."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "关闭")]

    def __init__(self, title: str, text: str, *, note: str = "", button: str = "确定") -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.note = note
        self.button = button

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            with VerticalScroll(classes="message-scroll"):
                yield Static(self.text, classes="dialog-body", markup=False)
            if self.note:
                yield Static(self.note, classes="hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.button, variant="primary", id="ok")

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    @on(Button.Pressed, "#ok")
    def action_close(self) -> None:
        self.dismiss(None)
