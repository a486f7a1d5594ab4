"""F1: every key, grouped by page, from the one command table."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from assistant.tui.commands import COMMANDS, DIALOG_KEYS, MODES, key_label
from assistant.tui.dialogs.base import Dialog

#: Keys that are not commands (moving around), shown under 通用.
NAVIGATION: tuple[tuple[str, str], ...] = (
    ("Tab / Shift+Tab", "在输入框、表格之间切换"),
    ("↑ ↓ / PgUp PgDn", "在表格和列表中移动"),
    ("Ctrl+P", "命令面板：输入中文或拼音查找全部操作"),
    ("Esc", "关闭对话框"),
)


def help_table(current: str | None) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold cyan")
    table.add_column()
    titles = {mode: title for mode, title, _ in MODES}
    order = ["app", *(m for m, _, _ in MODES)]
    if current in order:  # the page the user is on first
        order.remove(current)
        order.insert(0, current)
    for target in order:
        rows = [c for c in COMMANDS if c.target == target and c.key]
        if not rows:
            continue
        heading = "通用" if target == "app" else f"“{titles[target]}”页"
        table.add_row(Text(heading, style="bold underline"), "")
        for c in rows:
            table.add_row(key_label(c.key), c.title)
            for page, key, what in DIALOG_KEYS:  # keys of the dialog this command opens
                if page == target and key == c.key:
                    table.add_row("", f"└ {what}")
        if target == "app":
            for key, what in NAVIGATION:
                table.add_row(key, what)
        table.add_row("", "")
    return table


class HelpDialog(Dialog[None]):
    """The key list; F1 or Esc closes it."""

    CSS_PATH = ["dialogs.tcss", "help.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "关闭")]

    def __init__(self, current: str | None) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help-box"):
            yield Static("按键帮助", classes="dialog-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(help_table(self.current), id="help-table")
            with Horizontal(classes="dialog-buttons"):
                yield Button("关闭", variant="primary", id="close")

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)
