"""What `修正` will change in a document (as `wenmi fix --dry-run` lists it), before saving."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from assistant.tui.dialogs.base import Dialog


class FixPreviewDialog(Dialog[bool]):
    """The changes and what stays for a human; True = go on and choose where to save.

    Saving writes a new file (the original is kept), so 保存 is the focused button."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "取消"),
        # the list scrolls while a button keeps the focus
        Binding("up", "scroll(-1)", show=False),
        Binding("down", "scroll(1)", show=False),
        Binding("pageup", "scroll(-10)", show=False),
        Binding("pagedown", "scroll(10)", show=False),
    ]

    def __init__(self, name: str, changes: list[str], left: str) -> None:
        super().__init__()
        self.name_text = name
        self.changes = changes
        self.left = left

    def compose(self) -> ComposeResult:
        lines = [f"将要做的修改（{len(self.changes)}项）："]
        lines += [f"· {c}" for c in self.changes]
        with Vertical(classes="dialog", id="fix-box"):
            yield Static(f"修正“{self.name_text}”", classes="dialog-title")
            with VerticalScroll(classes="message-scroll", id="fix-scroll"):
                yield Static("\n".join(lines), classes="dialog-body", markup=False, id="fix-changes")
            yield Static(f"修正后仍需人工处理：{self.left}（保存后逐条列出）。", id="fix-left", markup=False)
            yield Static("修正结果另存为新文件，原文档不会改动。", classes="hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button("保存修正结果…", variant="primary", id="save")
                yield Button("取消", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    def action_scroll(self, lines: int) -> None:
        self.query_one("#fix-scroll", VerticalScroll).scroll_relative(y=lines, animate=False)

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
