"""Ask for a file path: an Input (Enter accepts) and, for opening files, a folder tree to pick from."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DirectoryTree, Input, Static

from assistant.tui.dialogs.base import Dialog


class FileTree(DirectoryTree):
    """Folders and the files with the wanted suffixes; hidden entries are left out."""

    def __init__(self, path: Path, suffixes: tuple[str, ...]) -> None:
        super().__init__(path, id="tree")
        self.suffixes = suffixes

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        for p in paths:
            if p.name.startswith("."):
                continue
            try:
                if p.is_dir() or p.suffix.lower() in self.suffixes:
                    yield p
            except OSError:
                continue


class PathDialog(Dialog[Path | None]):
    """Dismisses with the chosen path (checked), or None when cancelled."""

    CSS_PATH = ["dialogs.tcss", "path_input.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "取消")]

    def __init__(
        self,
        title: str,
        initial: Path,
        *,
        note: str = "",
        suffixes: tuple[str, ...] = (),
        must_exist: bool = False,
        browse: bool = False,
        confirm_overwrite: bool = False,
        create_folders: bool = False,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.initial = initial
        self.note = note
        self.suffixes = suffixes
        self.must_exist = must_exist
        self.browse = browse
        self.confirm_overwrite = confirm_overwrite
        #: A folder that does not exist yet is fine: whoever writes the file creates it.
        self.create_folders = create_folders

    def compose(self) -> ComposeResult:
        start = self.initial if self.initial.is_dir() else self.initial.parent
        with Vertical(classes="dialog -browse" if self.browse else "dialog", id="path-box"):
            yield Static(self.title_text, classes="dialog-title")
            if self.note:
                yield Static(self.note, classes="hint")
            yield Static("文件路径（可直接输入；~ 表示主目录）", classes="field-label")
            text = "" if self.initial.is_dir() else str(self.initial)
            yield Input(text, id="path", placeholder=str(start / "文件名"))
            yield Static("", id="err-path", classes="field-error")
            if self.browse:
                yield FileTree(start, self.suffixes)
            with Horizontal(classes="dialog-buttons"):
                yield Button("确定", variant="primary", id="ok")
                yield Button("取消", id="cancel")

    def on_mount(self) -> None:
        box = self.query_one("#path", Input)
        box.focus()
        box.select_all()  # typing replaces the suggested path; → keeps it and goes to its end

    @on(DirectoryTree.FileSelected)
    def _picked(self, event: DirectoryTree.FileSelected) -> None:
        self.query_one("#path", Input).value = str(event.path)
        self._accept()

    def _error(self, text: str) -> None:
        err = self.query_one("#err-path", Static)
        err.update(text)
        err.set_class(bool(text), "-shown")

    def check(self, raw: str) -> Path | None:
        """The path typed, or None after showing why it cannot be used."""
        raw = raw.strip().strip("'\"")
        if not raw:
            self._error("请输入文件路径")
            return None
        path = Path(raw).expanduser()
        if not path.is_absolute():
            path = Path.cwd() / path
        if self.suffixes and path.suffix.lower() not in self.suffixes:
            if not self.must_exist and not path.suffix:
                path = path.with_suffix(self.suffixes[0])
            else:
                self._error(
                    f"不支持的文件类型“{path.suffix or '（无扩展名）'}”，可用：{'、'.join(self.suffixes)}"
                )
                return None
        if self.must_exist:
            if path.is_dir():
                self._error("这是一个文件夹，请选择其中的文件")
                return None
            if not path.is_file():
                self._error(f"找不到文件：{path}")
                return None
        elif not path.parent.is_dir():
            blocker = next((p for p in path.parents if p.exists()), None)
            if not self.create_folders:
                self._error(f"文件夹不存在：{path.parent}")
                return None
            if blocker is not None and not blocker.is_dir():
                self._error(f"{blocker} 是一个文件，不能在其中新建文件夹")
                return None
        self._error("")
        return path

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#ok")
    def _accept(self) -> None:
        path = self.check(self.query_one("#path", Input).value)
        if path is None:
            return
        if self.confirm_overwrite and path.exists():
            from assistant.tui.dialogs.confirm import ConfirmDialog

            def answered(yes: bool | None) -> None:
                # no `lambda: self.dismiss(…)`: the callback would return dismiss's awaitable,
                # which Textual then awaits from this dialog's own handler (a ScreenError)
                if yes:
                    self.dismiss(path)

            self.app.push_screen(
                ConfirmDialog("文件已存在", f"{path}\n已经存在，要覆盖它吗？", yes="覆盖", no="换个名字"),
                answered,
            )
            return
        self.dismiss(path)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
