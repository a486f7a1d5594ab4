"""检查 Word 文档 (F6): a .docx's findings page by page, Enter for one in full, 修正 and save.

The check, the fix, the write and the check of what was written run in worker threads
(`assistant.tui.checking` over the engine); a file that cannot be read shows the engine's
message here, and the screen stays usable (O opens another document).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from assistant.tui.dialogs.path_input import PathDialog

if TYPE_CHECKING:
    from assistant.document.findings import Finding
    from assistant.document.fix import Fixed
    from assistant.tui.app import WenmiApp
    from assistant.tui.checking import CheckReport

#: The style of each severity's label in the list.
SEVERITY_STYLE = {"error": "bold $error", "warning": "bold $warning"}
#: Before the second and third line of a finding.
INDENT = "    "


class DocumentDialog(PathDialog):
    """Asks for the document to check. The tree lists .docx files; any existing file may be
    typed, and the check says why a .doc, a .wps or a damaged file cannot be read."""

    #: PathDialog's own style sheets (a relative CSS_PATH is read beside the subclass's module).
    CSS_PATH = [str(Path(__file__).parent.parent / "dialogs" / name) for name in ("dialogs.tcss", "path_input.tcss")]

    def check(self, raw: str) -> Path | None:
        suffixes, self.suffixes = self.suffixes, ()
        try:
            return super().check(raw)
        finally:
            self.suffixes = suffixes


def ask_document(app: WenmiApp) -> None:
    """F6 / 检查 Word 文档: ask for a .docx (the last one checked or exported is prefilled and
    selected, so Enter takes it and typing replaces it), then show its findings."""
    from assistant.tui.dialogs.base import Dialog
    from assistant.tui.dialogs.export import default_folder

    if isinstance(app.screen, Dialog):
        return
    current = app.screen if isinstance(app.screen, CheckScreen) else None
    initial = app.last_document or default_folder(app)

    def chosen(path: Path | None) -> None:
        if path is None:
            return
        if current is not None:
            current.open(path)
        else:
            app.push_screen(CheckScreen(path))

    app.push_screen(
        DocumentDialog(
            "检查 Word 文档",
            initial,
            note="选择要检查的 .docx 公文：按页列出格式问题，可一键修正后另存。",
            suffixes=(".docx",),
            must_exist=True,
            browse=True,
        ),
        chosen,
    )


class FindingList(OptionList):
    """The findings, under a line per page; Enter shows the highlighted one in full.

    A finding's second and third lines hang under its first: they are wrapped here, at the
    list's width (by `linewrap` rules), and again when the terminal is resized."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select", "详情")]

    def __init__(self, *, id: str) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        #: The findings shown, by option id.
        self.findings: dict[str, Finding] = {}
        self._width = 0

    def show(self, pages: list[tuple[str, list[Finding]]]) -> None:
        """List `pages` (heading, findings), the first finding highlighted."""
        from assistant.tui import checking

        self.clear_options()
        self.findings = {}
        self._width = self._text_width()
        options: list[Option] = []
        for label, items in pages:
            heading = f"{label}（{checking.summary(items, brief=True)}）"
            options.append(Option(Content.styled(heading, "bold underline"), disabled=True))
            for f in items:
                key = f"f{len(self.findings)}"
                self.findings[key] = f
                options.append(Option(finding_prompt(f, self._width), id=key))
        self.add_options(options)
        self.highlighted = next((i for i, o in enumerate(options) if not o.disabled), None)

    def _text_width(self) -> int:
        return self.scrollable_content_region.width

    def on_resize(self) -> None:
        width = self._text_width()
        if width != self._width and self.findings:
            self._width = width
            for key, f in self.findings.items():
                self.replace_option_prompt(key, finding_prompt(f, width))


class CheckScreen(Screen[None]):
    """One document's findings; F 修正 writes a repaired copy and shows what is left."""

    CSS_PATH = "check.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "返回"),
        Binding("f", "fix", "修正"),
        Binding("o", "open_other", "打开文档"),
        Binding("r", "recheck", "重新检查"),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        #: The last check of `path`; None while checking or when the file could not be read.
        self.report: CheckReport | None = None
        #: What the screen is doing (正在检查…), or "" when idle.
        self.busy = ""
        #: Said above the list after a save (where the copy went, what was changed).
        self._note = ""

    @property
    def wenmi(self) -> WenmiApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Static("", id="check-title", classes="pane-title")
        yield Static("", id="check-summary")
        yield Static("", id="check-note")
        yield FindingList(id="findings")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.open(self.path)

    # ------------------------------------------------------------------ check

    def open(self, path: Path, note: str = "") -> None:
        """Check `path` and show its findings (`note`: said above them, after a save)."""
        self.path = path
        self.wenmi.last_document = path
        self._note = note
        self._start(f"正在检查“{path.name}”……")
        self._run_check(path)

    def _start(self, what: str) -> None:
        self.busy = what
        self.query_one("#check-title", Static).update(f"检查 Word 文档：{self.path.name}")
        self._summary(Content.styled(what, "$text-muted"))

    @work(thread=True, exclusive=True, group="check")
    def _run_check(self, path: Path) -> None:
        from assistant.tui import checking

        try:
            report = checking.check_file(path)
        except Exception as err:  # noqa: BLE001 - say it on the screen, never crash
            self.app.call_from_thread(self._failed, path, _problem(err))
            return
        self.app.call_from_thread(self._show, report)

    def _show(self, report: CheckReport) -> None:
        self.busy = ""
        if not self.is_attached:  # left (Esc) while the worker ran
            return
        self.report = report
        self.path = report.path
        self.query_one("#check-title", Static).update(f"检查 Word 文档：{report.path.name}")
        if report.findings:
            head = Content.assemble(
                (f"错误{report.errors}项", "bold $error" if report.errors else "bold $success"),
                "、",
                (f"提醒{report.warnings}项", "bold $warning" if report.warnings else "bold"),
                ("　页码为估计（每页 22 行）；F 修正并另存", "$text-muted"),
            )
        else:
            head = Content.styled("未发现问题：格式符合 GB/T 9704。", "bold $success")
        self._summary(head)
        note = self.query_one("#check-note", Static)
        note.update(self._note)
        note.display = bool(self._note)
        listing = self.query_one(FindingList)
        listing.show(report.pages())
        listing.focus()

    def _failed(self, path: Path, problem: str) -> None:
        self.busy = ""
        if not self.is_attached:
            return
        self.report = None
        self.path = path
        self.query_one("#check-title", Static).update(f"检查 Word 文档：{path.name}")
        self._summary(
            Content.assemble(
                ("无法检查：", "bold $error"),
                (problem, "$error"),
                ("\n按 O 打开其他文档，Esc 返回。", "$text-muted"),
            )
        )
        self.query_one("#check-note", Static).display = False
        self.query_one(FindingList).show([])

    def _summary(self, content: Content) -> None:
        self.query_one("#check-summary", Static).update(content)

    @on(OptionList.OptionSelected, "#findings")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        from assistant.tui import checking
        from assistant.tui.dialogs.message import MessageDialog

        f = self.query_one(FindingList).findings.get(event.option.id or "")
        if f is None:
            return
        title = f"{checking.SEVERITY.get(f.severity, '')}：{checking.category_name(f)}"
        self.app.push_screen(MessageDialog(title, checking.detail(f), button="关闭"))

    # ------------------------------------------------------------------ fix

    def action_fix(self) -> None:
        if self.busy:
            self.notify(self.busy, timeout=3)
            return
        if self.report is None:
            self.notify("这个文件无法读取，不能修正：按 O 打开其他文档。", severity="warning")
            return
        self._start(f"正在修正“{self.path.name}”……")
        self._run_fix(self.path)

    @work(thread=True, exclusive=True, group="check")
    def _run_fix(self, path: Path) -> None:
        from assistant.tui import checking

        try:
            fixed = checking.fix_file(path)
        except Exception as err:  # noqa: BLE001
            self.app.call_from_thread(self._failed, path, _problem(err))
            return
        self.app.call_from_thread(self._fix_ready, path, fixed)

    def _fix_ready(self, path: Path, fixed: Fixed) -> None:
        from assistant.tui import checking
        from assistant.tui.dialogs.fix_preview import FixPreviewDialog

        self.busy = ""
        if not self.is_attached:
            return
        if self.report is not None:
            self._show(self.report)
        if not fixed.changes:
            from assistant.tui.dialogs.message import MessageDialog

            left = checking.summary(fixed.left)
            self.app.push_screen(
                MessageDialog("修正", f"格式无需修改。\n仍需人工处理：{left}（见列表）。", button="关闭")
            )
            return
        self.app.push_screen(
            FixPreviewDialog(path.name, checking.change_lines(fixed), checking.summary(fixed.left)),
            lambda go: self._ask_output(path, fixed) if go else None,
        )

    def _ask_output(self, path: Path, fixed: Fixed) -> None:
        from assistant.tui import checking

        self.app.push_screen(
            PathDialog(
                "保存修正后的文档",
                checking.default_output(path),
                note=f"修正了 {len(fixed.changes)} 项。另存为新文件，原文档“{path.name}”不会改动。",
                suffixes=(".docx",),
                confirm_overwrite=True,
            ),
            lambda out: self._save(fixed, out) if out is not None else None,
        )

    def _save(self, fixed: Fixed, out: Path) -> None:
        self._start(f"正在保存“{out.name}”……")
        self._run_save(fixed, out, out.exists())

    @work(thread=True, exclusive=True, group="check")
    def _run_save(self, fixed: Fixed, out: Path, overwrite: bool) -> None:
        from assistant.tui import checking

        try:
            checking.save_fixed(fixed.data, out, overwrite=overwrite)
        except Exception as err:  # noqa: BLE001
            self.app.call_from_thread(self._save_failed, out, _problem(err))
            return
        try:  # what was written, checked again from the file
            report = checking.check_file(out)
        except Exception as err:  # noqa: BLE001
            self.app.call_from_thread(self._failed, out, _problem(err))
            return
        self.app.call_from_thread(self._saved, out, fixed, report)

    def _saved(self, out: Path, fixed: Fixed, report: CheckReport) -> None:
        from assistant.tui import checking

        self.wenmi.last_document = out
        self.app.notify(f"已写出：{out}", title="修正")
        left = (
            f"以下是仍需人工处理的问题（{checking.summary(report.findings)}）。"
            if report.findings
            else "再次检查未发现问题。"
        )
        self._note = f"已写出 {out}，修正了 {len(fixed.changes)} 项。{left}"
        self._show(report)

    def _save_failed(self, out: Path, problem: str) -> None:
        self.busy = ""
        if self.report is not None:
            self._show(self.report)
        self.app.notify(f"{out.name}：{problem}\n原文档未改动，可按 F 再试。", title="保存失败", severity="error", timeout=10)

    # ------------------------------------------------------------------ other keys

    def action_recheck(self) -> None:
        if not self.busy:
            self.open(self.path, self._note if self.report is not None else "")

    def action_open_other(self) -> None:
        if not self.busy:
            ask_document(self.wenmi)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()


class StandaloneCheckScreen(CheckScreen):
    """The check screen of `wenmi check --tui FILE`: Esc leaves the app, with the exit code of
    `wenmi check` (1 when the document shown last has errors)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "退出")]

    def action_back(self) -> None:
        errors = self.report.errors if self.report is not None else 1
        self.app.exit(return_code=1 if errors else 0)


def finding_prompt(f: Finding, width: int = 0) -> Content:
    """Three lines: severity, category and place; the message; expected against actual (the
    last two hang under the first when `width`, the list's, is known)."""
    from assistant.tui import checking

    head = Content.assemble(
        (checking.SEVERITY.get(f.severity, f.severity), SEVERITY_STYLE.get(f.severity, "bold")),
        (f"【{checking.category_name(f)}】", "bold"),
        checking.where(f),
    )
    lines = [head, _hang(Content(checking.message(f)), width)]
    if f.expected or f.actual:
        parts: list[Any] = []
        if f.expected:
            parts += [("应为 ", "$text-muted"), (f.expected, "$success")]
        if f.expected and f.actual:
            parts.append("　")
        if f.actual:
            parts += [("实为 ", "$text-muted"), (f.actual, "$error" if f.severity == "error" else "$warning")]
        lines.append(_hang(Content.assemble(*parts), width))
    return Content("\n").join(lines)


def _hang(line: Content, width: int) -> Content:
    """`line` indented by INDENT, its wrapped lines too (wrapped by `linewrap` rules)."""
    from assistant.tui.linewrap import divide_line

    room = width - len(INDENT)
    if room < 10:  # width unknown yet, or too narrow to indent: the list wraps it
        return Content(INDENT) + line
    pieces = line.divide(divide_line(line.plain, room))
    return Content("\n").join(Content(INDENT) + piece.rstrip() for piece in pieces)


def _problem(err: BaseException) -> str:
    """What went wrong, in Chinese: the engine's message, the system's error, or an internal one."""
    from assistant.atomic import describe_os_error
    from assistant.errors import WenmiError
    from assistant.tui import engine

    if isinstance(err, WenmiError):
        return "\n".join(engine.error_lines(err))
    if isinstance(err, FileExistsError):
        return "文件已存在（刚由其他程序写出）：请换一个文件名"
    if isinstance(err, OSError):
        return f"无法读写文件：{describe_os_error(err)}"
    return "处理这个文档时出现内部错误：请把文档发给维护者"
