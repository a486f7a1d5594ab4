"""Nothing typed is lost: autosave to a recovery file, restore on reopening, save, quit."""

from __future__ import annotations

import time
from pathlib import Path

from textual.widgets import Input

from assistant.ledger.files import load_workbook
from assistant.tui.app import WenmiApp
from assistant.tui.dialogs.achievement_form import AchievementForm
from assistant.tui.dialogs.confirm import ChoiceDialog, ConfirmDialog
from assistant.tui.dialogs.path_input import PathDialog
from assistant.tui.recovery import read_recovery, recovery_file
from tests.tui.conftest import settle, wait_for


def key(path: Path) -> str:
    return str(path.resolve())


class TestAutosave:
    """A change reaches the recovery file within a second; a crash loses nothing."""

    async def test_change_is_autosaved_within_a_second(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            assert not recovery_file(key(workbook)).exists()
            app.screen.query_one("#period", Input).value = "2023年"
            start = time.monotonic()
            await wait_for(pilot, lambda: recovery_file(key(workbook)).exists(), timeout=1.0)
            assert time.monotonic() - start < 1.0
        # the app is gone without saving (as if the terminal was killed)
        saved = read_recovery(key(workbook))
        assert saved is not None and "period: 2023年" in saved.workbook_yaml
        assert "period: 2022年" in workbook.read_text(encoding="utf-8")

    async def test_indicator_says_backed_up_only_once_written(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            for period in ("2023年", "2024年"):
                app.screen.query_one("#period", Input).value = period
                await pilot.pause()
                saved = read_recovery(key(workbook))
                assert saved is None or f"period: {period}" not in saved.workbook_yaml
                assert "正在备份" in app.status_text() and "已自动备份" not in app.status_text()
                await wait_for(pilot, lambda: "已自动备份" in app.status_text(), timeout=2.0)
                saved = read_recovery(key(workbook))
                assert saved is not None and f"period: {period}" in saved.workbook_yaml

    async def test_restore_after_crash(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            app.session.workbook.achievements.pop(0)
            app.session.choose_template("zf-tui-fangan")
            app.session.cycle_headings(1)
            app.changed(None, "test")
            await wait_for(pilot, lambda: recovery_file(key(workbook)).exists(), timeout=1.0)
        again = WenmiApp(workbook)
        async with again.run_test(size=(120, 36)) as pilot:
            await wait_for(pilot, lambda: isinstance(again.screen, ConfirmDialog))
            await pilot.press("enter")  # 恢复
            await pilot.pause()
            assert len(again.session.workbook.achievements) == 4
            assert again.session.workbook.template == "zf-tui-fangan"
            assert again.session.seed == 1
            assert again.session.dirty
            await settle(pilot)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not recovery_file(key(workbook)).exists()
        assert len(load_workbook(workbook).achievements) == 4

    async def test_discard_keeps_the_file_version(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            app.session.workbook.unit = "另一个单位"
            app.changed(None, "test")
            await wait_for(pilot, lambda: recovery_file(key(workbook)).exists(), timeout=1.0)
        again = WenmiApp(workbook)
        async with again.run_test(size=(120, 36)) as pilot:
            await wait_for(pilot, lambda: isinstance(again.screen, ConfirmDialog))
            await pilot.press("escape")  # 丢弃
            await pilot.pause()
            assert again.session.workbook.unit == "党群工作部"
            assert not recovery_file(key(workbook)).exists()

    async def test_form_being_typed_is_restored(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+n", *"开展党史学习")
            await wait_for(pilot, lambda: recovery_file(key(workbook)).exists(), timeout=1.5)
        again = WenmiApp(workbook)
        async with again.run_test(size=(120, 36)) as pilot:
            await wait_for(pilot, lambda: isinstance(again.screen, ConfirmDialog))
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(again.screen, AchievementForm))
            assert again.screen.query_one("#title", Input).value == "开展党史学习"

    async def test_no_offer_when_nothing_was_lost(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            assert not isinstance(app.screen, ConfirmDialog)


class TestSaveAndQuit:
    """Ctrl+S writes the workbook; Ctrl+Q asks only when unsaved work would be lost."""

    async def test_sample_saves_as_in_current_folder(self, tmp_path: Path) -> None:
        app = WenmiApp()
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            assert app.session.is_sample
            await pilot.press("ctrl+s")
            assert isinstance(app.screen, PathDialog)
            assert app.screen.query_one("#path", Input).value == str(tmp_path / "成效台账.yaml")
            await pilot.press("enter")
            await pilot.pause()
            assert (tmp_path / "成效台账.yaml").exists()
            assert app.session.save_path == tmp_path / "成效台账.yaml"
            assert not app.session.is_sample

    async def test_quit_with_unsaved_changes_asks_cancel_by_default(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            app.session.workbook.period = "2024年"
            app.changed(None, "test")
            await pilot.press("ctrl+q")
            assert isinstance(app.screen, ChoiceDialog)
            assert app.focused is not None and app.focused.id == "cancel"
            await pilot.press("enter")  # 取消: back to work
            await pilot.pause()
            assert not app._exit and not isinstance(app.screen, ChoiceDialog)
            await pilot.press("ctrl+q", "escape")
            await pilot.pause()
            assert not app._exit
        assert "period: 2022年" in workbook.read_text(encoding="utf-8")

    async def test_quit_and_save(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            app.session.workbook.period = "2024年"
            app.changed(None, "test")
            await pilot.press("ctrl+q", "left", "left")  # 取消 → 不保存 → 保存
            assert app.focused is not None and app.focused.id == "save"
            await pilot.press("enter")
            await pilot.pause()
            assert app._exit
        assert "period: 2024年" in workbook.read_text(encoding="utf-8")
        assert not recovery_file(key(workbook)).exists()

    async def test_quit_without_saving(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            app.session.workbook.period = "2024年"
            app.changed(None, "test")
            await pilot.press("ctrl+q", "left")  # 不保存
            assert app.focused is not None and app.focused.id == "discard"
            await pilot.press("enter")
            await pilot.pause()
            assert app._exit
        assert "period: 2022年" in workbook.read_text(encoding="utf-8")
        assert not recovery_file(key(workbook)).exists()

    async def test_quit_sample_and_save_asks_where(self, tmp_path: Path) -> None:
        app = WenmiApp()
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            app.session.workbook.period = "2024年"
            app.changed(None, "test")
            await pilot.press("ctrl+q", "left", "left", "enter")
            await wait_for(pilot, lambda: isinstance(app.screen, PathDialog))
            await pilot.press("enter")
            await pilot.pause()
            assert app._exit
        assert "period: 2024年" in (tmp_path / "成效台账.yaml").read_text(encoding="utf-8")

    async def test_quit_when_saved_does_not_ask(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await app.run_action("toggle_autosave")
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert app._exit
