"""What the export wrote: the path, the pages (when known) and any warnings; open the document or
its folder, make a PDF of it (when LibreOffice is installed), copy the path."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from assistant.tui.dialogs.base import Dialog

if TYPE_CHECKING:
    from assistant.tui.engine import Exported


class ExportResultDialog(Dialog[None]):
    """Shown after a successful export. Enter or Esc closes it; O opens the document, F its
    folder, P makes a PDF, C copies the path. Opening never waits for the program it starts."""

    CSS_PATH = ["dialogs.tcss", "export_result.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "关闭"),
        Binding("o", "open_file", "打开文件", show=False),
        Binding("f", "open_folder", "打开文件夹", show=False),
        Binding("p", "pdf", "导出 PDF", show=False),
        Binding("c", "copy_path", "复制路径", show=False),
    ]

    def __init__(self, result: Exported, *, office: bool | None = None) -> None:
        super().__init__()
        self.result = result
        if office is None:
            from assistant.document.pdf import office_program

            office = office_program() is not None
        #: LibreOffice is installed: the 导出 PDF button is offered.
        self.office = office
        #: The PDF made from the document, once made.
        self.pdf: Path | None = None
        self._busy = False

    def compose(self) -> ComposeResult:
        r = self.result
        body = Text()
        body.append("已写出：\n", style="bold green")
        body.append(f"{r.path}\n")
        if r.pages is not None:
            body.append(f"\n约 {r.pages} 页（按每页 22 行 × 28 字估算）\n")
        if not self.office:  # before the warnings, which may run past the visible part
            from assistant.document.pdf import install_hint

            body.append(f"\n要导出 PDF：{install_hint()}。\n", style="dim")
        if r.examples:
            body.append(
                f"\n文档中有 {r.examples} 处采用的模板示例，已用黄色底纹和批注“示例内容，请核实或替换”标出，"
                "报送前请逐条核实或改写。\n",
                style="bold yellow",
            )
        if r.warnings:
            body.append(f"\n需要注意（{len(r.warnings)} 条）：\n", style="bold yellow")
            for w in r.warnings:
                body.append(f"· {w}\n", style="yellow")
        else:
            body.append("\n数字核对通过：台账中的数据都已写入文档。\n", style="green")
        with Vertical(classes="dialog", id="result-box"):
            yield Static("导出完成", classes="dialog-title")
            with VerticalScroll(classes="message-scroll"):
                yield Static(body, classes="dialog-body")
            yield Static("", id="result-status", classes="hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button("打开文件", id="open-file")
                yield Button("打开所在文件夹", id="open-folder")
                if self.office:
                    yield Button("导出 PDF", id="pdf")
                yield Button("复制路径", id="copy")
                yield Button("好", variant="primary", id="ok")

    def on_mount(self) -> None:
        self.query_one("#result-status", Static).display = False
        self.query_one("#ok", Button).focus()

    def _status(self, text: str, style: str = "") -> None:
        status = self.query_one("#result-status", Static)
        status.update(Text(text, style=style))
        status.display = bool(text)

    # ------------------------------------------------------------------ open

    @on(Button.Pressed, "#open-file")
    def action_open_file(self) -> None:
        self._open(self.result.path, folder=False)

    @on(Button.Pressed, "#open-folder")
    def action_open_folder(self) -> None:
        self._open(self.result.path, folder=True)

    def _open(self, path: Path, *, folder: bool) -> None:
        self._status(f"正在打开{'所在文件夹' if folder else path.name}……")
        self._run_opener(path, folder)

    @work(thread=True, group="open")
    def _run_opener(self, path: Path, folder: bool) -> None:
        from assistant.tui.opener import open_path

        problem = open_path(path, folder=folder)
        self.app.call_from_thread(self._opened, path, folder, problem)

    def _opened(self, path: Path, folder: bool, problem: str | None) -> None:
        if problem:
            self._status(problem, "yellow")
        else:
            self._status(f"已在系统中打开{'所在文件夹' if folder else path.name}。")

    # ------------------------------------------------------------------ PDF

    @on(Button.Pressed, "#pdf")
    def action_pdf(self) -> None:
        if not self.office or self._busy:
            return
        if self.pdf is not None:  # made already: the button now opens it
            self._open(self.pdf, folder=False)
            return
        target = self.result.path.with_suffix(".pdf")
        if target.exists():
            from assistant.tui.dialogs.confirm import ConfirmDialog

            self.app.push_screen(
                ConfirmDialog("文件已存在", f"{target}\n已经存在，要覆盖它吗？", yes="覆盖", no="取消"),
                lambda yes: self._make_pdf(target) if yes else None,
            )
            return
        self._make_pdf(target)

    def _make_pdf(self, target: Path) -> None:
        self._busy = True
        self.query_one("#pdf", Button).disabled = True
        self._status("正在用 LibreOffice 生成 PDF（约需几秒到半分钟）……")
        self._convert(target)

    @work(thread=True, exclusive=True, group="pdf")
    def _convert(self, target: Path) -> None:
        from assistant.errors import WenmiError
        from assistant.tui import engine

        try:
            engine.export_pdf(self.result.path, target)
        except WenmiError as err:
            self.app.call_from_thread(self._pdf_done, None, "\n".join(engine.error_lines(err)))
            return
        self.app.call_from_thread(self._pdf_done, target, None)

    def _pdf_done(self, pdf: Path | None, problem: str | None) -> None:
        self._busy = False
        button = self.query_one("#pdf", Button)
        button.disabled = False
        if pdf is None:
            self._status(problem or "PDF 没有生成。", "red")
            return
        self.pdf = pdf
        button.label = "打开 PDF"
        button.focus()
        self._status(f"已生成 PDF：{pdf}", "green")

    # ------------------------------------------------------------------ close

    @on(Button.Pressed, "#copy")
    def action_copy_path(self) -> None:
        self.app.copy_to_clipboard(str(self.result.path))
        self._status("路径已复制到剪贴板。")

    @on(Button.Pressed, "#ok")
    def action_close(self) -> None:
        if not self._busy:
            self.dismiss(None)
