"""Ctrl+S into a folder that does not exist yet creates it (as batch render does), atomically."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from assistant.ledger.files import load_workbook
from assistant.tui.app import WenmiApp
from assistant.tui.dialogs.path_input import PathDialog
from tests.tui.conftest import settle, wait_for


class TestSaveIntoNewFolder:
    async def test_missing_folders_are_created(self, tmp_path: Path) -> None:
        app = WenmiApp(None)  # the bundled sample: Ctrl+S asks where
        target = tmp_path / "新建" / "二〇二三" / "台账.yaml"
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+s")
            dialog = app.screen
            assert isinstance(dialog, PathDialog)
            dialog.query_one("#path", Input).value = str(target)
            await pilot.press("enter")
            await wait_for(pilot, lambda: not app.session.dirty and target.exists())
            assert not isinstance(app.screen, PathDialog)
            assert any("新建了文件夹" in str(n.message) for n in app._notifications)
        assert load_workbook(target).unit == "党群工作部（党委统战部）"
        assert [p.name for p in target.parent.iterdir()] == ["台账.yaml"]  # no temporary file left

    async def test_a_file_in_the_way_is_explained(self, tmp_path: Path) -> None:
        (tmp_path / "文件").write_text("", encoding="utf-8")
        app = WenmiApp(None)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+s")
            dialog = app.screen
            dialog.query_one("#path", Input).value = str(tmp_path / "文件" / "台账.yaml")
            await pilot.press("enter")
            assert app.screen is dialog
            assert "是一个文件" in str(dialog.query_one("#err-path", Static).content)
