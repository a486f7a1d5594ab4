"""Questions: yes/no (`ConfirmDialog(Dialog[bool])`) and one of several (`ChoiceDialog`)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from assistant.tui.dialogs.base import Dialog


class ConfirmDialog(Dialog[bool]):
    """Ask before doing something that cannot be undone. Enter = the focused button; Esc = no.

    The focused (default) button is the safe one: “no” unless `safe_yes` says that “yes” loses
    nothing (恢复 a backup, for instance), so Enter pressed by habit never overwrites or deletes.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "取消"),
        Binding("y", "confirm", "是", show=False),
        Binding("n", "cancel", "否", show=False),
    ]

    def __init__(
        self, title: str, message: str, *, yes: str = "确定", no: str = "取消", safe_yes: bool = False
    ) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.yes = yes
        self.no = no
        self.safe_yes = safe_yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield Static(self.message, classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, variant="primary" if self.safe_yes else "error", id="yes")
                yield Button(self.no, variant="default" if self.safe_yes else "primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#yes" if self.safe_yes else "#no", Button).focus()

    @on(Button.Pressed, "#yes")
    def action_confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_cancel(self) -> None:
        self.dismiss(False)


class ChoiceDialog(Dialog[str | None]):
    """One of several answers, by button id; Esc (or the `cancel` button) = None.

    `default` is the id of the button focused at first, the one Enter presses.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "取消")]

    def __init__(self, title: str, message: str, choices: list[tuple[str, str]], *, default: str) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.choices = choices
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield Static(self.message, classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                for key, label in self.choices:
                    variant = "primary" if key == self.default else "default"
                    yield Button(label, variant=variant, id=key, classes="choice")

    def on_mount(self) -> None:
        self.query_one(f"#{self.default}", Button).focus()

    @on(Button.Pressed, ".choice")
    def _chosen(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None if event.button.id == "cancel" else event.button.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
