"""The wenmi Textual application.

The first screen is painted before anything heavy is imported: the workbook, the template
catalogue (with ranked suggestions, which load jieba) and the phrase bank are read by one
background thread, step by step, each step handing its result to the UI thread; opening another
workbook (Ctrl+L) reads it the same way (`_read_session`) and swaps the session. The session
(`assistant.tui.session`) holds the state; screens change it and call `changed()`, which marks it
unsaved, schedules the autosave (recovery file) and tells the other screens to refresh.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.timer import Timer

from assistant.tui import linewrap
from assistant.tui.messages import FormDraft, HeadingPicked
from assistant.tui.screens.achievements import AchievementsScreen
from assistant.tui.session import Session
from assistant.tui.settings import Settings, load_settings, save_settings

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.screen import Screen

    from assistant.ledger.workbook import Workbook
    from assistant.tui.commands import Command
    from assistant.tui.engine import Exported
    from assistant.tui.history import History
    from assistant.tui.recovery import Recovery, RowCache
    from assistant.tui.screens.base import MainScreen

# Every text on screen wraps like print: no “，” at a line start, ids and numbers whole.
linewrap.install()

#: Seconds after the last change before the recovery file is written.
AUTOSAVE_DELAY = 0.5

#: What a change was, by the reason screens give (“已撤销：删除成效”).
CHANGE_LABELS = {
    "slot": "填写",
    "facts": "修改单位或时期",
    "achievement": "编辑成效",
    "delete": "删除成效",
    "move": "移动成效",
    "import": "导入成效",
    "template": "选用模板",
    "heading": "选定标题",
    "headings": "换一组标题",
    "fonts": "选用字体方案",
}


@dataclass
class BackupJob:
    """What one autosave writes, copied when it was asked for (see `WenmiApp._backup_job`)."""

    number: int
    session: Session
    revision: int
    key: str
    workbook: Workbook
    history: History
    state: dict[str, Any]
    draft: dict[str, Any] | None
    draft_version: int


# The pages other than the first, and the palette, are imported when first used: the first
# paint only needs the achievements page.
def _templates_screen() -> Screen[None]:
    from assistant.tui.screens.templates import TemplatesScreen

    return TemplatesScreen()


def _compose_screen() -> Screen[None]:
    from assistant.tui.screens.compose import ComposeScreen

    return ComposeScreen()


def _phrases_screen() -> Screen[None]:
    from assistant.tui.screens.phrases import PhrasesScreen

    return PhrasesScreen()


def _palette() -> type[Provider]:
    from assistant.tui.palette import WenmiCommands

    return WenmiCommands


class WenmiApp(App[None]):
    """文秘: achievements in, 公文 out."""

    TITLE = "文秘"
    #: Every page's .tcss (each beside its module), parsed once at start-up rather than when a
    #: page is first shown. Dialogs bring their own (`Dialog.CSS_PATH`).
    CSS_PATH: ClassVar[list[str | Path]] = [  # type: ignore[misc]
        "global.tcss",
        "app.tcss",
        "screens/achievements.tcss",
        "screens/templates.tcss",
        "screens/compose.tcss",
        "screens/phrases.tcss",
    ]
    #: Only wenmi's own (Chinese) commands; Textual's system commands are English.
    COMMANDS = {_palette}
    DEFAULT_MODE = "achievements"
    MODES: ClassVar[dict[str, Any]] = {
        "achievements": AchievementsScreen,
        "templates": _templates_screen,
        "compose": _compose_screen,
        "phrases": _phrases_screen,
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "帮助", priority=True),
        Binding("f2", "switch_mode('achievements')", "成效", show=False, priority=True),
        Binding("f3", "switch_mode('templates')", "模板", show=False, priority=True),
        Binding("f4", "switch_mode('compose')", "撰写", show=False, priority=True),
        Binding("f5", "switch_mode('phrases')", "词库", show=False, priority=True),
        Binding("ctrl+s", "save", "保存", priority=True),
        Binding("ctrl+e", "export", "导出", priority=True),
        Binding("ctrl+l", "open_workbook", "打开", show=False, priority=True),
        Binding("f6", "check_document", "检查", show=False, priority=True),
        Binding("ctrl+q", "quit", "退出", show=False, priority=True),
        Binding("ctrl+p", "command_palette", "命令", show=False, priority=True),
        # Priority: focus moves the moment Tab arrives, so keys typed right after it (a fast
        # typist, a paste, tmux send-keys) go to the next field, not to the one being left.
        Binding("tab", "focus_next", show=False, priority=True),
        Binding("shift+tab", "focus_previous", show=False, priority=True),
        # Not priority: a table field (TextArea) undoes its own typing first.
        Binding("ctrl+z", "undo", "撤销", show=False),
        Binding("ctrl+y", "redo", "重做", show=False),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    def __init__(self, workbook_path: Path | None = None, *, sample: bool = False) -> None:
        super().__init__()
        from assistant.paths import sample_workbook

        self.sample = sample or workbook_path is None
        self.workbook_path = Path(workbook_path) if workbook_path is not None else sample_workbook()
        self.session: Session | None = None
        self.settings: Settings = load_settings()
        self.main_screens: dict[str, MainScreen] = {}
        #: Set when the catalogue is loaded (the export dialog waits for it).
        self.templates_ready = asyncio.Event()
        self.bank_ready = asyncio.Event()
        self.bank_error: str | None = None
        #: The .docx last exported or checked: F6 (检查 Word 文档) offers it first.
        self.last_document: Path | None = None
        #: The achievement form being typed, kept in the recovery file.
        self.draft: dict[str, Any] | None = None
        self._autosave_timer: Timer | None = None
        #: What the recovery file holds: the session and its revision when last written (the
        #: header says “已自动备份” only when they match), and whether the form draft is newer.
        self._backup_of: tuple[Session, int] | None = None
        self._draft_pending = False
        self._backup_failed = False
        #: Autosave in a worker thread: jobs are numbered as made; the recovery file holds the
        #: newest written (a slower, older one never overwrites it, nor revives a discarded file).
        self._backup_lock = threading.Lock()
        self._backup_jobs = 0
        self._backup_written = 0
        self._backup_running = False
        self._backup_again = False
        #: Counts the form drafts sent, to know whether the one written is still the newest.
        self._draft_version = 0
        #: The rows the autosave has written as YAML: the next backup writes only new ones.
        from assistant.tui.recovery import RowCache  # not on the start-up path

        self._yaml_rows: RowCache = RowCache()

    # ------------------------------------------------------------------ start-up

    def on_mount(self) -> None:
        # Start reading only once the first frame is out: the loader thread imports yaml,
        # jieba and the templates, and would otherwise compete with the first paint.
        self.call_after_refresh(self._load)

    @work(thread=True, exclusive=True, group="load", name="load")
    def _load(self) -> None:
        """Workbook, then templates and suggestions, then the phrase bank; each shown when ready."""
        from assistant.errors import WenmiError
        from assistant.tui import engine

        read = self._read_session(self.workbook_path, sample=self.sample)
        if isinstance(read, list):
            self.call_from_thread(self._workbook_failed, read)
            return
        session, recovery = read
        self.call_from_thread(self._workbook_loaded, session, recovery)

        try:
            entries, problems = engine.load_templates()
            suggestions = engine.rank(self.session.workbook if self.session else session.workbook, entries)
        except WenmiError as err:
            entries, problems, suggestions = [], engine.error_lines(err), []
        self.call_from_thread(self._templates_loaded, entries, problems, suggestions)

        error: str | None = None
        try:
            from assistant.phrasebank import load_bank

            load_bank()
        except WenmiError as err:
            error = "\n".join(engine.error_lines(err))
        except ImportError:
            error = "词库模块尚未安装"
        self.call_from_thread(self._bank_loaded, error)

    def _read_session(self, path: Path, *, sample: bool) -> tuple[Session, Recovery | None] | list[str]:
        """A new session on the workbook at `path`, with its recovery file when that holds unsaved
        work; or the problems, one line each (file, line, field). Runs in a worker thread, at
        start-up and when another workbook is opened."""
        from assistant.errors import WenmiError
        from assistant.tui import engine
        from assistant.tui.recovery import RecoveryError, read_recovery

        try:
            wb = engine.read_workbook(path)
        except WenmiError as err:
            return engine.error_lines(err)
        except OSError as err:
            return [f"{path}：无法读取（{err.strerror}）"]
        session = self._new_session(wb, path, sample=sample)
        try:
            recovery = read_recovery(session.recovery_key)
        except RecoveryError as err:  # set aside, never a crash: say where it went
            from assistant.errors import Diagnostic

            wb.warnings.insert(0, Diagnostic.at(str(err), rule="recovery"))
            recovery = None
        if recovery is not None and recovery.workbook_yaml == engine.workbook_yaml(wb) and not recovery.draft:
            recovery = None  # nothing was lost
        return session, recovery

    def _new_session(self, wb: Workbook, path: Path, *, sample: bool) -> Session:
        if sample:
            return Session(wb, save_path=None, source_path=path, is_sample=True)
        from assistant.ledger.files import YAML_SUFFIXES

        save_path = path if path.suffix.lower() in YAML_SUFFIXES else None
        return Session(wb, save_path=save_path, source_path=path)

    def _workbook_failed(self, lines: list[str]) -> None:
        from assistant.tui.dialogs.message import MessageDialog

        def done(_: None) -> None:
            self.exit(return_code=1, message="wenmi：台账有错误，请修改后再打开：\n" + "\n".join(lines))

        self.push_screen(
            MessageDialog(
                "台账无法打开", "\n".join(lines), note="请在编辑器中修改后重新打开。按 Enter 退出。"
            ),
            done,
        )

    def _workbook_loaded(self, session: Session, recovery: Recovery | None) -> None:
        self.session = session
        from assistant.tui.texts import say

        for warning in session.workbook.warnings[:3]:
            self.notify(say(warning), title="台账提示", severity="warning", timeout=8)
        self._refresh_all()
        if recovery is not None:
            self._offer_restore(recovery)

    def _templates_loaded(self, entries: list[Any], problems: list[str], suggestions: list[Any]) -> None:
        if self.session is not None:
            self.session.templates = entries
            self.session.suggestions = suggestions
            self.session.template_errors = problems
        if not entries:
            self.notify("没有找到可用的模板。" + ("\n" + problems[0] if problems else ""), severity="error")
        self.templates_ready.set()
        self._refresh_all()

    def _bank_loaded(self, error: str | None) -> None:
        self.bank_error = error
        self.bank_ready.set()
        # Everything read at start-up (jieba's dictionary, the templates, the phrase bank, the
        # workbook) lives as long as the app: keep the garbage collector from walking it again
        # and again (a full collection took 0.1–0.2 s, in the middle of typing).
        import gc

        gc.collect()
        gc.freeze()
        screen = self.main_screens.get("phrases")
        if screen is not None:
            screen.mark_stale()

    def register_screen(self, mode: str, screen: MainScreen) -> None:
        self.main_screens[mode] = screen

    def _refresh_all(self) -> None:
        for screen in self.main_screens.values():
            screen.mark_stale()
            screen.update_status()

    # ------------------------------------------------------------------ recovery

    def _offer_restore(self, recovery: Recovery) -> None:
        from assistant.tui.dialogs.confirm import ConfirmDialog

        what = "上次关闭前有未保存的修改"
        if recovery.draft:
            what += "（包括正在填写的成效表单）"
        self.push_screen(
            ConfirmDialog(
                "恢复未保存的修改",
                f"{what}。要恢复吗？\n选“丢弃”将打开文件中已保存的内容。",
                yes="恢复",
                no="丢弃",
                safe_yes=True,
            ),
            lambda yes: self._restore(recovery) if yes else self._discard_recovery(),
        )

    def _restore(self, recovery: Recovery) -> None:
        from assistant.errors import WenmiError
        from assistant.tui.recovery import restore_session

        assert self.session is not None
        try:
            restore_session(self.session, recovery)
        except WenmiError as err:
            self.notify(f"恢复文件已损坏，未能恢复：{err}", severity="error")
            return
        self._backup_of = (self.session, self.session.revision)  # the recovery file holds it
        self._refresh_all()
        self.notify("已恢复未保存的修改。按 Ctrl+S 保存。", title="已恢复")
        if recovery.draft:
            screen = self.main_screens.get("achievements")
            if screen is not None:
                screen.open_form(recovery.draft.get("index"), recovery.draft.get("data"))  # type: ignore[attr-defined]

    def _discard_recovery(self) -> None:
        if self.session is not None:
            self._discard_backup(self.session.recovery_key)

    # ------------------------------------------------------------------ changes and autosave

    def changed(
        self, source: MainScreen | None = None, reason: str = "", label: str = "", group: object = None
    ) -> None:
        """The session changed (called by screens); keep the step for undo, autosave soon and
        refresh the other screens. `label` says what changed (for 已撤销…), `group` makes
        consecutive changes one step (typing in one field)."""
        if self.session is None:
            return
        self.session.touch()
        self.session.record(label or CHANGE_LABELS.get(reason, "修改"), group)
        self._after_change(source)

    def _after_change(self, source: MainScreen | None = None) -> None:
        for screen in self.main_screens.values():
            if screen is not source:
                screen.mark_stale()
            screen.update_status()
        self.schedule_autosave()

    def on_form_draft(self, message: FormDraft) -> None:
        self.draft = None if message.data is None else {"index": message.index, "data": message.data}
        self._draft_pending = True
        self._draft_version += 1
        self.schedule_autosave()

    def on_heading_picked(self, message: HeadingPicked) -> None:
        if self.session is None:
            return
        from assistant.tui import engine

        index = message.section or self.session.current_section
        compose: Any = self.main_screens.get("compose")
        result = getattr(compose, "result", None)
        section = next((s for s in result.sections if s.index == index), None) if result else None
        if result is not None and section is None:
            self.notify("当前模板没有可替换的分节标题（到“撰写”页选中一个部分再试）。", severity="warning")
            return
        text = message.text
        plan = compose.template.sections if compose is not None and compose.template is not None else None
        if section is not None and plan is not None:
            # A pair heading (短语　短句) keeps its tail; Ctrl+T on the compose page replaces it whole.
            text = engine.heading_with_phrase(section.heading, plan.pattern, message.text)
        self.session.set_heading(index, text)
        self.changed(None, "heading", f"第{index}部分标题改为“{text}”")
        if text != message.text:
            self.notify(f"已把第{index}部分标题的前半句换成“{message.text}”：{text}", title="标题")
        else:
            self.notify(f"已把“{text}”设为第{index}部分的标题", title="标题")

    def schedule_autosave(self) -> None:
        if not self.settings.autosave:
            return
        if self._autosave_timer is None:
            self._autosave_timer = self.set_timer(AUTOSAVE_DELAY, self._autosave, name="autosave")
        else:
            self._autosave_timer.reset()
            self._autosave_timer.resume()

    def _autosave(self) -> None:
        """The autosave timer: write the recovery file in a worker thread (a thousand
        achievements take 0.1 s to write as YAML, which a keystroke must not wait for)."""
        self._autosave_timer = None
        if self._backup_running:
            self._backup_again = True  # one write at a time; the next starts when it is done
            return
        job = self._backup_job()
        if job is None:
            self._update_statuses()
            return
        self._backup_running = True
        self._backup_in_thread(job)

    @work(thread=True, group="autosave", name="autosave", description="自动备份", exit_on_error=False)
    def _backup_in_thread(self, job: BackupJob) -> None:
        try:
            written = self._write_backup(job)
        except Exception as err:  # noqa: BLE001 - said on the screen; the next change tries again
            self.call_from_thread(self._backup_done, job, err)
            return
        self.call_from_thread(self._backup_done, job, written)

    def _backup_done(self, job: BackupJob, outcome: bool | Exception) -> None:
        self._backup_running = False
        self._after_backup(job, outcome)
        if self._backup_again:
            self._backup_again = False
            self._autosave()
        self._update_statuses()

    def autosave_now(self) -> bool:
        """Write the recovery file now if anything is unsaved; True when written (and fsynced)."""
        job = self._backup_job()
        if job is None:
            return False
        try:
            outcome: bool | Exception = self._write_backup(job)
        except OSError as err:
            outcome = err
        return self._after_backup(job, outcome)

    def _backup_job(self) -> BackupJob | None:
        """What the recovery file is to hold now, copied on the UI thread (so the thread that
        writes it never sees a change half made); None when nothing is unsaved."""
        import copy
        from dataclasses import replace

        session = self.session
        if session is None or not self.settings.autosave or not (session.dirty or self.draft):
            return None
        wb = session.workbook
        snapshot = replace(
            wb, fields=copy.deepcopy(wb.fields), achievements=list(wb.achievements), headings=dict(wb.headings)
        )
        self._backup_jobs += 1
        return BackupJob(
            self._backup_jobs,
            session,
            session.revision,
            session.recovery_key,
            snapshot,
            session.history.frozen(),
            session.state(),
            copy.deepcopy(self.draft),
            self._draft_version,
        )

    def _write_backup(self, job: BackupJob) -> bool:
        """Write `job` to the recovery file (any thread); False when a newer job has been written
        or the file was discarded (saved, 不保存) since `job` was made. OSError when it fails."""
        from assistant.tui.recovery import Recovery, write_recovery

        shown = self._yaml_rows.dump(job.workbook)
        history = job.history.to_data(job.workbook, self._yaml_rows.dump, shown)
        recovery = Recovery(job.key, shown, job.state, job.draft, history=history)
        with self._backup_lock:
            if job.number <= self._backup_written:
                return False
            write_recovery(job.key, recovery)
            self._backup_written = job.number
        return True

    def _after_backup(self, job: BackupJob, outcome: bool | Exception) -> bool:
        """On the UI thread, after `job` was written (True), skipped (False) or failed."""
        if isinstance(outcome, Exception):
            self._backup_failed = True
            from assistant.atomic import describe_os_error

            why = describe_os_error(outcome) if isinstance(outcome, OSError) else outcome
            self.notify(f"自动保存失败：{why}。修改仍在，请按 Ctrl+S 保存。", severity="error")
            return False
        if not outcome:
            return False
        job.session.history.adopt(job.history)
        self._backup_of = (job.session, job.revision)
        if job.draft_version == self._draft_version:
            self._draft_pending = False
        self._backup_failed = False
        return True

    def _discard_backup(self, key: str) -> None:
        """Remove the recovery file of `key`; a write already under way does not bring it back."""
        from assistant.tui.recovery import discard_recovery

        with self._backup_lock:
            self._backup_written = self._backup_jobs
            discard_recovery(key)

    def backed_up(self) -> bool:
        """True when the recovery file holds every unsaved change (workbook and form draft)."""
        s = self.session
        if s is None or self._backup_of is None or self._draft_pending:
            return False
        session, revision = self._backup_of
        return session is s and revision == s.revision

    def status_text(self) -> str:
        s = self.session
        if s is None:
            return "正在读取台账……"
        state = "● 未保存" if s.dirty else "已保存"
        if s.dirty and self.settings.autosave:
            if self.backed_up():
                state += "（已自动备份）"
            else:
                state += "（自动备份失败）" if self._backup_failed else "（正在备份…）"
        return f"{s.display_name}  {state}"

    def _update_statuses(self) -> None:
        for screen in self.main_screens.values():
            screen.update_status()

    # ------------------------------------------------------------------ actions

    async def action_switch_mode(self, mode: str) -> None:
        from assistant.tui.dialogs.base import Dialog

        if isinstance(self.screen, Dialog):
            return  # finish or close the dialog first
        await self.switch_mode(mode)

    def run_command(self, command: Command) -> None:
        """Run a palette command: on the app, or on its screen (switching to it first)."""

        async def run() -> None:
            if command.target == "app":
                await self.run_action(command.action)
                return
            await self.action_switch_mode(command.target)
            screen = self.main_screens.get(command.target)
            if screen is not None and self.screen is screen:
                await self.run_action(command.action, screen)

        self.call_later(run)

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from assistant.tui.dialogs.base import Dialog

        if isinstance(self.screen, Dialog) or CommandPalette.is_open(self):
            return
        from assistant.tui.palette import WenmiPalette

        self.push_screen(
            WenmiPalette(placeholder="输入要做的事，如 导出、新增、换标题……", id="--command-palette")
        )

    def action_help(self) -> None:
        from assistant.tui.dialogs.base import Dialog
        from assistant.tui.dialogs.help import HelpDialog

        if isinstance(self.screen, HelpDialog):
            self.screen.dismiss(None)
            return
        if isinstance(self.screen, Dialog):
            return
        mode = self.current_mode
        self.push_screen(HelpDialog(mode))

    def action_toggle_autosave(self) -> None:
        self.settings.autosave = not self.settings.autosave
        save_settings(self.settings)
        if self.settings.autosave:
            self.schedule_autosave()
            self.notify("已开启自动保存：未保存的修改会随时备份，终端关闭也不丢失。")
        else:
            if self.session is not None:
                self._discard_backup(self.session.recovery_key)
            self.notify("已关闭自动保存：退出前请按 Ctrl+S 保存。", severity="warning")
        self._refresh_all()

    # -- undo and redo

    def action_undo(self) -> None:
        """Ctrl+Z: take the last change back (edits, moves, deletions, headings…)."""
        self._step_history(redo=False)

    def action_redo(self) -> None:
        """Ctrl+Y: do again the change undone last."""
        self._step_history(redo=True)

    def _step_history(self, *, redo: bool) -> None:
        from textual.command import CommandPalette

        from assistant.tui.dialogs.base import Dialog

        s = self.session
        if s is None or isinstance(self.screen, Dialog) or CommandPalette.is_open(self):
            return
        label = s.redo() if redo else s.undo()
        if label is None:
            self.notify("没有可重做的修改。" if redo else "没有可撤销的修改。", timeout=3)
            return
        for screen in self.main_screens.values():
            screen.history_moved()
        self._after_change()
        if not s.dirty:
            self._discard_backup(s.recovery_key)
        left = s.history.index if not redo else len(s.history.states) - 1 - s.history.index
        more = f"（还可{'重做' if redo else '撤销'} {left} 步）" if left else ""
        self.notify(f"已{'重做' if redo else '撤销'}：{label}{more}", timeout=4)

    # -- save

    async def action_save(self) -> None:
        from assistant.tui.dialogs.base import Dialog

        if isinstance(self.screen, Dialog):
            submit = getattr(self.screen, "action_submit", None)
            if submit is not None:  # Ctrl+S in a form saves the form
                submit()
            return
        s = self.session
        if s is None:
            return
        if s.save_path is None:
            await self.action_save_as()
            return
        self.save_to(s.save_path)

    async def action_save_as(self) -> None:
        from assistant.tui.dialogs.path_input import PathDialog

        s = self.session
        if s is None:
            return
        self.push_screen(
            PathDialog(
                "保存台账",
                self._save_as_default(s),
                note=self._save_as_note(s),
                suffixes=(".yaml", ".yml"),
                confirm_overwrite=True,
                create_folders=True,
            ),
            lambda path: self.save_to(path) if path is not None else None,
        )

    @staticmethod
    def _save_as_default(s: Session) -> Path:
        if s.save_path is not None:
            return s.save_path
        if s.is_sample:
            return Path.cwd() / "成效台账.yaml"
        return (s.source_path or Path.cwd() / "成效台账.yaml").with_suffix(".yaml")

    @staticmethod
    def _save_as_note(s: Session) -> str:
        if not s.is_sample and s.save_path is None:
            return "导入的表格另存为 .yaml 台账，原表格不会被改动。"
        return "保存为 .yaml 台账（保留填写项、注释与顺序）。"

    def save_to(self, path: Path) -> bool:
        from assistant.errors import WenmiError
        from assistant.tui import engine

        s = self.session
        if s is None:
            return False
        old_key = s.recovery_key
        new_folder = not path.parent.is_dir()
        try:
            written = engine.save_workbook(s.workbook, path)
        except WenmiError as err:
            self.notify("\n".join(engine.error_lines(err)), title="保存失败", severity="error", timeout=10)
            return False
        s.workbook.path = written
        s.saved(written)
        self._discard_backup(old_key)
        self._discard_backup(s.recovery_key)
        self._refresh_all()
        folder = f"（新建了文件夹 {written.parent}）" if new_folder else ""
        self.notify(f"已保存：{written}{folder}", title="保存")
        return True

    # -- open another workbook

    def action_open_workbook(self) -> None:
        """Ask for another workbook file; it replaces the open one once it has been read."""
        from assistant.tui import engine
        from assistant.tui.dialogs.base import Dialog
        from assistant.tui.dialogs.path_input import PathDialog

        if isinstance(self.screen, Dialog):
            return
        s = self.session
        if s is None or not self.templates_ready.is_set():
            self.notify("台账和模板还在读取，请稍候再打开。")
            return
        folder = Path.cwd() if s.is_sample or s.source_path is None else s.source_path.parent
        note = "选择 .yaml 台账（或 .xlsx、.csv 表格），它将替换当前台账。"
        if s.dirty:
            note += (
                "当前台账未保存的修改会先自动备份。"
                if self.settings.autosave
                else "当前台账有未保存的修改，打开前会先询问。"
            )
        self.push_screen(
            PathDialog(
                "打开台账",
                folder,
                note=note,
                suffixes=engine.workbook_suffixes(),
                must_exist=True,
                browse=True,
            ),
            lambda path: self.open_workbook(path) if path is not None else None,
        )

    def open_workbook(self, path: Path) -> None:
        """Read `path` as start-up does; show it if it reads, else say why and keep the open one."""
        self._open(path)

    @work(thread=True, exclusive=True, group="open", name="open")
    def _open(self, path: Path) -> None:
        from assistant.errors import WenmiError
        from assistant.tui import engine

        read = self._read_session(path, sample=False)
        if isinstance(read, list):
            self.call_from_thread(self._open_failed, read)
            return
        session, recovery = read
        current = self.session
        if current is not None and current.templates is not None:
            session.templates = current.templates
            session.template_errors = current.template_errors
            try:
                session.suggestions = engine.rank(session.workbook, current.templates)
            except WenmiError:
                session.suggestions = []
        self.call_from_thread(self._opened, session, recovery)

    def _open_failed(self, lines: list[str]) -> None:
        more = f"\n……共 {len(lines)} 处问题" if len(lines) > 4 else ""
        self.notify(
            "\n".join(lines[:4]) + more + "\n当前台账未改动。",
            title="台账无法打开",
            severity="error",
            timeout=15,
        )

    def _opened(self, session: Session, recovery: Recovery | None) -> None:
        """The new workbook is read: keep the open one's unsaved work as quitting does, then switch."""
        from assistant.tui.dialogs.confirm import ConfirmDialog

        s = self.session
        unsaved = s is not None and (s.dirty or self.draft is not None)
        if unsaved and self.settings.autosave and self.autosave_now():
            self._switch(session, recovery, backed_up=True)
            return
        if unsaved and s is not None:
            self.push_screen(
                ConfirmDialog(
                    "打开台账",
                    f"“{s.display_name}”有未保存的修改，且没有自动备份。\n"
                    f"不保存就打开“{session.display_name}”吗？",
                    yes="不保存，打开",
                    no="返回",
                ),
                lambda yes: self._switch(session, recovery, backed_up=False) if yes else None,
            )
            return
        self._switch(session, recovery, backed_up=False)

    def _switch(self, session: Session, recovery: Recovery | None, *, backed_up: bool) -> None:
        old = self.session
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
            self._autosave_timer = None
        self.draft = None
        self.sample = False
        if session.source_path is not None:
            self.workbook_path = session.source_path
        self.session = session
        for screen in self.main_screens.values():
            screen.reset()
        note = f"已打开：{session.source_path}"
        if backed_up and old is not None:
            note += f"\n“{old.display_name}”未保存的修改已自动备份，再次打开它时可以恢复。"
        self.notify(note, title="打开台账")
        self._workbook_loaded(session, recovery)

    # -- check a Word document

    def action_check_document(self) -> None:
        """F6: ask for a .docx, list its findings page by page, fix and save (screens/check.py)."""
        from assistant.tui.screens.check import ask_document

        ask_document(self)

    # -- export

    def action_export(self) -> None:
        from assistant.tui.dialogs.base import Dialog
        from assistant.tui.dialogs.export import ExportDialog

        if self.session is None:
            self.notify("台账还在读取，请稍候。")
            return
        if isinstance(self.screen, Dialog):
            return
        self.push_screen(ExportDialog(), self._exported)

    def _exported(self, result: Exported | None) -> None:
        from assistant.tui.dialogs.export_result import ExportResultDialog

        if result is not None:
            self.last_document = result.path
            self.push_screen(ExportResultDialog(result))

    # -- quit

    def on_unmount(self) -> None:
        # Renders still running in worker threads would keep the process alive after the app
        # has gone (a runaway template until its time limit): stop them at their next step.
        from assistant.templating.sandbox import cancel_renders

        cancel_renders()

    async def action_quit(self) -> None:
        """Quit; with unsaved changes ask first: 保存 / 不保存 / 取消 (取消 is the default)."""
        from assistant.tui.dialogs.confirm import ChoiceDialog

        if isinstance(self.screen, ChoiceDialog) and self.screen.id == "quit-dialog":
            return  # already asking
        s = self.session
        if s is None or not (s.dirty or self.draft is not None):
            self.exit()
            return
        what = f"“{s.display_name}”有未保存的修改。"
        if self.draft is not None:
            what += "\n正在填写的成效表单不会保存（请先在表单中按 Ctrl+S）。"
        dialog = ChoiceDialog(
            "退出文秘",
            what + "\n退出前要保存台账吗？",
            [("save", "保存"), ("discard", "不保存"), ("cancel", "取消")],
            default="cancel",
        )
        dialog.id = "quit-dialog"
        self.push_screen(dialog, self._quit_answered)

    def _quit_answered(self, answer: str | None) -> None:
        s = self.session
        if answer is None or s is None:
            return
        if answer == "discard":
            if self._autosave_timer is not None:
                self._autosave_timer.stop()
                self._autosave_timer = None
            self._discard_backup(s.recovery_key)
            self.exit()
            return
        self.draft = None  # the form being typed is not part of what is saved
        if s.save_path is not None:
            if self.save_to(s.save_path):
                self.exit()
            return
        self.call_later(self._save_as_then_quit)

    async def _save_as_then_quit(self) -> None:
        from assistant.tui.dialogs.path_input import PathDialog

        s = self.session
        if s is None:
            return
        self.push_screen(
            PathDialog(
                "保存台账后退出",
                self._save_as_default(s),
                note=self._save_as_note(s),
                suffixes=(".yaml", ".yml"),
                confirm_overwrite=True,
                create_folders=True,
            ),
            lambda path: self.exit() if path is not None and self.save_to(path) else None,
        )
