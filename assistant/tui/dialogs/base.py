"""The base of every dialog: a centred box over a dimmed screen, typed result."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT]):
    """A modal dialog; `dialogs.tcss` styles `.dialog` boxes, field labels and inline errors."""

    CSS_PATH = "dialogs.tcss"
