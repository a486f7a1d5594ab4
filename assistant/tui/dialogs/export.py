"""Ctrl+E: export the document. Template, font profile and path are prefilled, so Enter alone
writes it. The font profile chosen here is kept in the workbook (`fonts:`), like any edit."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from assistant.tui.dialogs.base import Dialog
from assistant.tui.engine import Exported

if TYPE_CHECKING:
    from assistant.templating import Template
    from assistant.tui.app import WenmiApp


def font_options() -> list[tuple[str, str]]:
    """(what the list shows, profile name) for every font profile: the head of its Chinese
    description (the faces it names are shown under the list, see `font_note`)."""
    from assistant.document.fonts import PROFILES

    return [(f"{p.label.partition('：')[0]}（{p.name}）", p.name) for p in PROFILES.values()]


def font_note(name: str) -> str:
    """The faces the profile `name` names, from its Chinese description."""
    from assistant.document.fonts import PROFILES

    profile = PROFILES.get(name)
    return "" if profile is None else profile.label.partition("：")[2] or profile.label


def default_fonts(app: WenmiApp) -> str:
    """The workbook's font profile, else the user's default (`wenmi fonts --use`), else gb2312."""
    from assistant.document.fonts import DEFAULT_PROFILE, configured_profile
    from assistant.errors import WenmiError

    s = app.session
    if s is not None and s.fonts:
        return s.fonts
    try:
        return configured_profile().name
    except WenmiError:  # a broken config.yaml: `wenmi fonts` explains it; export with the standard
        return DEFAULT_PROFILE


def default_folder(app: WenmiApp) -> Path:
    """The workbook's folder; the current folder for the bundled sample."""
    s = app.session
    if s is None or s.is_sample or s.source_path is None:
        return Path.cwd()
    return s.source_path.resolve().parent


class ExportDialog(Dialog[Exported | None]):
    """Dismisses with the export result, or None when cancelled. Errors stay in the dialog."""

    CSS_PATH = ["dialogs.tcss", "export.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "取消")]

    def __init__(self) -> None:
        super().__init__()
        self._default_path = ""
        self._busy = False

    @property
    def wenmi(self) -> WenmiApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-box"):
            yield Static("导出 Word 公文", classes="dialog-title")
            yield Label("模板", classes="field-label")
            yield Select[str]([], prompt="正在载入模板……", id="template", allow_blank=True)
            yield Static("", id="template-note", classes="hint")
            with Horizontal(id="fonts-row"):
                yield Label("字体方案", classes="field-label", id="fonts-label")
                yield Select[str](
                    font_options(), value=default_fonts(self.wenmi), id="fonts", allow_blank=False
                )
            yield Static(font_note(default_fonts(self.wenmi)), id="fonts-note", classes="hint")
            yield Label("保存为", classes="field-label", id="path-label")
            yield Input("", id="path", placeholder="文件路径，如 ~/文档/实施方案.docx")
            yield Static("", id="err-path", classes="field-error")
            yield Static("", id="progress", classes="hint")
            with Horizontal(classes="dialog-buttons"):
                yield Static("Enter 导出 · Esc 取消", classes="hint", id="export-hint")
                yield Button("导出", variant="primary", id="export")
                yield Button("取消", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()
        self._fill_templates()

    # ------------------------------------------------------------------ prefill

    @work(exclusive=True, group="export-prefill")
    async def _fill_templates(self) -> None:
        await self.wenmi.templates_ready.wait()
        s = self.wenmi.session
        if s is None or not s.templates:
            self.query_one("#template-note", Static).update("没有可用的模板。")
            return
        template, suggested = s.effective_template()
        select = self.query_one("#template", Select)
        options = [(f"{e.template.name}（{e.template.id}）", e.template.id) for e in s.templates]
        with select.prevent(Select.Changed):
            select.set_options(options)
            if template is not None:
                select.value = template.id
        self._template_chosen(template, suggested)

    def _template_chosen(self, template: Template | None, suggested: bool) -> None:
        note = self.query_one("#template-note", Static)
        if template is None:
            note.update("")
            return
        note.update("按台账内容推荐的模板" if suggested else "在“模板”页选用的模板")
        box = self.query_one("#path", Input)
        if not box.value or box.value == self._default_path:
            self._default_path = str(default_folder(self.wenmi) / f"{template.name}.docx")
            box.value = self._default_path
            box.select_all()  # typing replaces the suggested path; → keeps it and goes to its end

    @on(Select.Changed, "#fonts")
    def _fonts_changed(self, event: Select.Changed) -> None:
        """Keep the chosen profile in the workbook: saved with it, undone with Ctrl+Z."""
        s = self.wenmi.session
        if s is None or not isinstance(event.value, str):
            return
        self.query_one("#fonts-note", Static).update(font_note(event.value))
        if event.value == default_fonts(self.wenmi):
            return
        if s.choose_fonts(event.value):
            self.wenmi.changed(None, "fonts")

    @on(Select.Changed, "#template")
    def _select_changed(self, event: Select.Changed) -> None:
        s = self.wenmi.session
        if s is None or not isinstance(event.value, str):
            return
        self._template_chosen(s.template_by_id(event.value), False)

    # ------------------------------------------------------------------ export

    def _error(self, text: str) -> None:
        err = self.query_one("#err-path", Static)
        err.update(text)
        err.set_class(bool(text), "-shown")

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#export")
    async def action_export(self) -> None:
        if self._busy:
            return
        if not self.wenmi.templates_ready.is_set():
            self.query_one("#progress", Static).update("正在载入模板，稍候即导出……")
            await self.wenmi.templates_ready.wait()
            await self._fill_templates().wait()
        s = self.wenmi.session
        select = self.query_one("#template", Select)
        template = s.template_by_id(select.value) if s is not None and isinstance(select.value, str) else None
        if s is None or template is None:
            self._error("请选择模板")
            return
        out = self._path()
        if out is None:
            return
        if out.exists():
            from assistant.tui.dialogs.confirm import ConfirmDialog

            self.app.push_screen(
                ConfirmDialog("文件已存在", f"{out}\n已经存在，要覆盖它吗？", yes="覆盖", no="换个名字"),
                lambda yes: (
                    self._start(template, out, force=True) if yes else self.query_one("#path").focus()
                ),
            )
            return
        self._start(template, out, force=False)

    def _path(self) -> Path | None:
        raw = self.query_one("#path", Input).value.strip().strip("'\"")
        if not raw:
            self._error("请输入保存位置")
            return None
        out = Path(raw).expanduser()
        if not out.is_absolute():
            out = default_folder(self.wenmi) / out
        if out.is_dir():
            self._error("这是一个文件夹，请在末尾写上文件名，如 实施方案.docx")
            return None
        if out.suffix.lower() != ".docx":
            out = out.with_name(out.name + ".docx") if out.suffix == "" else out
            if out.suffix.lower() == ".pdf":
                self._error("要 PDF：先导出 .docx，再在导出完成后按“导出 PDF”（需要 LibreOffice）")
                return None
            if out.suffix.lower() != ".docx":
                self._error("导出的文件应以 .docx 结尾")
                return None
        if not out.parent.is_dir():
            self._error(f"文件夹不存在：{out.parent}（请先创建，或换一个位置）")
            return None
        self._error("")
        return out

    def _start(self, template: Template, out: Path, *, force: bool) -> None:
        s = self.wenmi.session
        assert s is not None
        effective, _ = s.effective_template()
        same = effective is not None and effective.id == template.id
        self._busy = True
        self.query_one("#export", Button).disabled = True
        self.query_one("#progress", Static).update("正在生成公文……")
        self._run(template, out, force, s.seed if same else 0, dict(s.headings) if same else {})

    @work(thread=True, exclusive=True, group="export", description="导出")
    def _run(self, template: Any, out: Path, force: bool, seed: int, headings: dict[int, str]) -> None:
        from assistant.errors import WenmiError
        from assistant.tui import engine

        s = self.wenmi.session
        assert s is not None
        try:
            done = engine.export(s.workbook, template, out, seed=seed, headings=headings, force=force)
        except WenmiError as err:
            self.app.call_from_thread(self._failed, "\n".join(engine.error_lines(err)))
            return
        except OSError as err:
            self.app.call_from_thread(self._failed, f"无法写入：{err.strerror or err}")
            return
        except Exception as err:  # noqa: BLE001 - show, do not crash: the workbook is still open
            self.app.call_from_thread(self._failed, f"导出时出现内部错误：{err}")
            return
        self.app.call_from_thread(self.dismiss, done)

    def _failed(self, message: str) -> None:
        self._busy = False
        self.query_one("#export", Button).disabled = False
        self.query_one("#progress", Static).update("")
        self._error(message)
        self.query_one("#path", Input).focus()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if not self._busy:
            self.dismiss(None)
