"""The base of every dialog: a centred box over a dimmed screen, typed result."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Button

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT]):
    """A modal dialog; `dialogs.tcss` styles `.dialog` boxes, field labels and inline errors.

    ←/→ move between the buttons of a row (a focused Input or TextArea keeps its own arrows).
    """

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "button_step(-1)", show=False),
        Binding("right", "button_step(1)", show=False),
    ]

    def action_button_step(self, step: int) -> None:
        """Focus the previous (-1) or next (1) button beside the focused one, if any."""
        focused = self.focused
        if not isinstance(focused, Button) or focused.parent is None:
            return
        row = [b for b in focused.parent.query_children(Button).results(Button) if b.focusable]
        if len(row) < 2:
            return
        row[(row.index(focused) + step) % len(row)].focus()
