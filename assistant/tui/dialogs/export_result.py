"""What the export wrote: the path, the pages (when known) and any warnings."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from assistant.tui.dialogs.base import Dialog

if TYPE_CHECKING:
    from assistant.tui.engine import Exported


class ExportResultDialog(Dialog[None]):
    """Shown after a successful export; Enter or Esc closes it, C copies the path."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "关闭"),
        Binding("c", "copy_path", "复制路径"),
    ]

    def __init__(self, result: Exported) -> None:
        super().__init__()
        self.result = result

    def compose(self) -> ComposeResult:
        r = self.result
        body = Text()
        body.append("已写出：\n", style="bold green")
        body.append(f"{r.path}\n")
        if r.pages is not None:
            body.append(f"\n约 {r.pages} 页（按每页 22 行 × 28 字估算）\n")
        if r.warnings:
            body.append(f"\n需要注意（{len(r.warnings)} 条）：\n", style="bold yellow")
            for w in r.warnings:
                body.append(f" · {w}\n", style="yellow")
        else:
            body.append("\n数字核对通过：台账中的数据都已写入文档。\n", style="green")
        with Vertical(classes="dialog"):
            yield Static("导出完成", classes="dialog-title")
            with VerticalScroll(classes="message-scroll"):
                yield Static(body, classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button("复制路径", id="copy")
                yield Button("好", variant="primary", id="ok")

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    @on(Button.Pressed, "#copy")
    def action_copy_path(self) -> None:
        self.app.copy_to_clipboard(str(self.result.path))
        self.notify("路径已复制到剪贴板")

    @on(Button.Pressed, "#ok")
    def action_close(self) -> None:
        self.dismiss(None)
