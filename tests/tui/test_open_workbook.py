"""Ctrl+L opens another workbook without restarting; unsaved work is kept; a bad file changes nothing."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import DataTable, Input, Static

from assistant.tui.app import WenmiApp
from assistant.tui.dialogs.confirm import ConfirmDialog
from assistant.tui.dialogs.path_input import PathDialog
from assistant.tui.recovery import recovery_file
from assistant.tui.screens.achievements import AchievementsScreen
from assistant.tui.screens.compose import ComposeScreen
from assistant.tui.screens.templates import TemplatesScreen
from tests.tui.conftest import screen_text, settle, wait_for

OTHER = """\
unit: 机关第二党支部
period: 2023年
template: zz-tui-tongzhi
fields: {主题: 党的二十大精神, 人数: 42}
achievements:
  - title: 组织青年理论学习小组集中学习
    category: 思想建设
    metrics:
      - {label: 集中学习, value: 8, unit: 次}
"""


def other_workbook(tmp_path: Path) -> Path:
    path = tmp_path / "二支部" / "二支部台账.yaml"
    path.parent.mkdir()
    path.write_text(OTHER, encoding="utf-8")
    return path


async def open_path(pilot, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+L, type the path, Enter."""
    app = pilot.app
    await pilot.press("ctrl+l")
    assert isinstance(app.screen, PathDialog)
    app.screen.query_one("#path", Input).value = str(path)
    await pilot.press("enter")


class TestOpenWorkbook:
    """The new workbook is read as at start-up and every page shows it."""

    async def test_open_refreshes_every_screen(self, workbook: Path, tmp_path: Path) -> None:
        other = other_workbook(tmp_path)
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            for key in ("f3", "f4", "f2"):  # every page has shown the first workbook
                await pilot.press(key)
                await pilot.pause()
            compose = app.main_screens["compose"]
            assert isinstance(compose, ComposeScreen)
            await open_path(pilot, other)
            await wait_for(pilot, lambda: app.session.source_path == other)
            await settle(pilot)

            screen = app.screen
            assert isinstance(screen, AchievementsScreen)
            assert screen.query_one(DataTable).row_count == 1
            assert screen.query_one("#unit", Input).value == "机关第二党支部"
            assert "二支部台账.yaml" in screen_text(app)
            assert not app.session.dirty and app.session.save_path == other
            assert any(n.title == "打开台账" for n in app._notifications)

            await pilot.press("f3")
            templates = app.screen
            assert isinstance(templates, TemplatesScreen)
            tree = templates.query_one("#tree")
            # the cursor goes to the new workbook's template
            await wait_for(pilot, lambda: tree.cursor_node is not None and tree.cursor_node.data == "zz-tui-tongzhi")
            assert "（当前选用）" in str(templates.query_one("#detail", Static).content)

            await pilot.press("f4")
            assert app.screen is compose
            await wait_for(pilot, lambda: compose.result is not None and not compose._composing)
            assert compose.template.id == "zz-tui-tongzhi"
            assert "共42人" in compose._preview_text
            slots = {b.name: b.value for b in compose.query(".slot-input").results(Input)}
            assert slots == {"主题": "党的二十大精神", "人数": "42"}

            await pilot.press("ctrl+s")
            await pilot.pause()
        assert "机关第二党支部" in other.read_text(encoding="utf-8")
        assert "党群工作部" in workbook.read_text(encoding="utf-8")

    async def test_palette_opens_the_dialog(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+p")
            assert isinstance(app.screen, CommandPalette)
            await pilot.press(*"打开台账")
            await pilot.pause(0.5)
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, PathDialog))
            dialog = app.screen
            assert dialog.browse and dialog.must_exist
            assert dialog.query_one("#tree").path == workbook.parent  # the open workbook's folder


class TestUnsavedWork:
    """Like quitting: autosave keeps the open workbook's changes; without it, the user is asked."""

    async def test_changes_are_backed_up_and_restorable(self, workbook: Path, tmp_path: Path) -> None:
        other = other_workbook(tmp_path)
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            app.screen.query_one("#period", Input).value = "2024年"
            await wait_for(pilot, lambda: app.session.dirty)
            await open_path(pilot, other)
            await wait_for(pilot, lambda: app.session.source_path == other)
            assert recovery_file(str(workbook.resolve())).exists()
            note = next(n for n in app._notifications if n.title == "打开台账")
            assert "自动备份" in note.message

            await open_path(pilot, workbook)  # back: the backup is offered, as at start-up
            await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            await pilot.press("enter")  # 恢复
            await pilot.pause()
            assert app.session.source_path == workbook
            assert app.session.workbook.period == "2024年" and app.session.dirty
            assert app.screen.query_one("#period", Input).value == "2024年"

    async def test_without_autosave_asks_first(self, workbook: Path, tmp_path: Path) -> None:
        other = other_workbook(tmp_path)
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await app.run_action("toggle_autosave")
            app.session.workbook.period = "2024年"
            app.changed(None, "test")
            await open_path(pilot, other)
            await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            await pilot.press("escape")  # 返回
            await pilot.pause()
            assert app.session.source_path == workbook and app.session.workbook.period == "2024年"
            await open_path(pilot, other)
            await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            await pilot.press("left", "enter")  # 不保存，打开
            await wait_for(pilot, lambda: app.session.source_path == other)
            assert not recovery_file(str(workbook.resolve())).exists()


class TestBadFiles:
    """A file that cannot be read is explained (file, line) and the open workbook stays."""

    async def test_invalid_workbook_keeps_the_current_one(self, workbook: Path, tmp_path: Path) -> None:
        bad = tmp_path / "坏台账.yaml"
        bad.write_text(
            "unit: 甲\nachievements:\n  - title: 乙\n    metrics:\n      - {label: 人数, value: 许多}\n",
            encoding="utf-8",
        )
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            session = app.session
            await open_path(pilot, bad)
            await wait_for(pilot, lambda: any(n.title == "台账无法打开" for n in app._notifications))
            note = next(n for n in app._notifications if n.title == "台账无法打开")
            assert "坏台账.yaml，第5行" in note.message and "许多" in note.message
            assert "当前台账未改动" in note.message
            assert app.session is session and not session.dirty
            assert app.screen.query_one(DataTable).row_count == 5

    async def test_missing_file(self, workbook: Path, tmp_path: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            session = app.session
            await open_path(pilot, tmp_path / "没有.yaml")
            dialog = app.screen
            assert isinstance(dialog, PathDialog)  # the dialog says so and stays open
            assert "找不到文件" in str(dialog.query_one("#err-path", Static).content)
            await pilot.press("escape")
            # gone between choosing and reading: a notification, nothing changed
            app.open_workbook(tmp_path / "也没有.yaml")
            await wait_for(pilot, lambda: any(n.title == "台账无法打开" for n in app._notifications))
            note = next(n for n in app._notifications if n.title == "台账无法打开")
            assert "也没有.yaml" in note.message and "找不到" in note.message
            assert app.session is session
