"""Choose the section an achievement goes to: `SectionPicker(Dialog[int | None])`."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from assistant.tui.dialogs.base import Dialog


class SectionPicker(Dialog[int | None]):
    """The sections by heading; Enter picks one (1-based index), Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "取消")]

    def __init__(self, headings: list[str], current: int) -> None:
        super().__init__()
        self.headings = headings
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("移到哪一部分？", classes="dialog-title")
            yield OptionList(
                *[
                    Option(f"{i}. {h}" + ("（当前）" if i == self.current else ""), id=str(i))
                    for i, h in enumerate(self.headings, start=1)
                ],
                id="sections",
            )
            yield Static("↑↓ 选择 · Enter 确定 · Esc 取消", classes="hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = max(0, self.current - 1)
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0) or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
