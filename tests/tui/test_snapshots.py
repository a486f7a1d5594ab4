"""Screenshots of every page (and the main dialogs) at 80×24 and 120×36.

Regenerate after an intended change with `pytest tests/tui/test_snapshots.py --snapshot-update`
and look at the SVGs before committing them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from assistant.tui.app import WenmiApp
from tests.tui.conftest import settle, wait_for

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]


def run(*keys: str, template: str | None = None, dialog: Any = None) -> Any:
    """A `run_before` that waits for loading, optionally chooses a template, then presses keys
    (and then shows `dialog`, made by calling it)."""

    async def before(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, WenmiApp)
        await settle(pilot)
        if template is not None:
            assert app.session is not None
            app.session.choose_template(template)
            app.changed(None, "snapshot")
        for key in keys:
            await pilot.press(key)
            await pilot.pause(0.1)
        if dialog is not None:
            app.push_screen(dialog())
            await pilot.pause(0.2)
        await settle(pilot)
        assert app.session is not None
        session = app.session
        # the header says “已自动备份” only once the recovery file is written: wait for it
        await wait_for(pilot, lambda: not session.dirty or app.backed_up())
        screen: Any = app.screen
        if hasattr(screen, "_composing"):
            await wait_for(pilot, lambda: not screen._composing and screen.result is not None)
        await pilot.pause(0.2)

    return before


@pytest.mark.parametrize("size", SIZES)
class TestAchievementsSnapshots:
    """The achievements page and its form."""

    def test_table(self, snap_compare: Any, workbook: Path, size: tuple[int, int]) -> None:
        assert snap_compare(WenmiApp(workbook), terminal_size=size, run_before=run())

    def test_edit_form(self, snap_compare: Any, workbook: Path, size: tuple[int, int]) -> None:
        assert snap_compare(WenmiApp(workbook), terminal_size=size, run_before=run("down", "enter"))


@pytest.mark.parametrize("size", SIZES)
class TestTemplatesSnapshots:
    """Suggestions first, then the categories; the highlighted template's description."""

    def test_tree(self, snap_compare: Any, workbook: Path, size: tuple[int, int]) -> None:
        assert snap_compare(WenmiApp(workbook), terminal_size=size, run_before=run("f3"))


@pytest.mark.parametrize("size", SIZES)
class TestComposeSnapshots:
    """Slots, sections and the live preview."""

    def test_fixed_headings(self, snap_compare: Any, workbook: Path, size: tuple[int, int]) -> None:
        before = run("f4", template="zf-tui-gudin")
        assert snap_compare(WenmiApp(workbook), terminal_size=size, run_before=before)

    def test_composed_headings(self, snap_compare: Any, workbook: Path, size: tuple[int, int]) -> None:
        before = run("f4", template="zf-tui-fangan")
        assert snap_compare(WenmiApp(workbook), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES)
class TestPhrasesSnapshots:
    """The phrase bank page."""

    def test_browse(self, snap_compare: Any, workbook: Path, size: tuple[int, int]) -> None:
        assert snap_compare(WenmiApp(workbook), terminal_size=size, run_before=run("f5"))


@pytest.mark.parametrize("size", SIZES)
class TestHelpSnapshots:
    """F1 lists the keys."""

    def test_help(self, snap_compare: Any, workbook: Path, size: tuple[int, int]) -> None:
        assert snap_compare(WenmiApp(workbook), terminal_size=size, run_before=run("f4", "f1"))


@pytest.mark.parametrize("size", SIZES)
class TestExamplesSnapshots:
    """A slot's template examples offered under it, then accepted (marked for review)."""

    def test_offered(self, snap_compare: Any, workbook: Path, user_data: Path, size: tuple[int, int]) -> None:
        before = run("f4", template="zz-tui-shili")
        assert snap_compare(WenmiApp(workbook), terminal_size=size, run_before=before)

    def test_accepted(self, snap_compare: Any, workbook: Path, user_data: Path, size: tuple[int, int]) -> None:
        before = run("f4", "tab", "tab", "enter", template="zz-tui-shili")  # 存在问题 → 采用示例
        assert snap_compare(WenmiApp(workbook), terminal_size=size, run_before=before)


def _export_dialog() -> Any:
    """Ctrl+E, with the prefilled path (under the test's temporary folder) replaced by a fixed one."""

    async def before(pilot: Pilot[None]) -> None:
        from textual.widgets import Input

        await run("ctrl+e")(pilot)
        box = pilot.app.screen.query_one("#path", Input)
        await wait_for(pilot, lambda: box.value != "")
        box.value = "/home/文秘/文档/作风建设经验材料.docx"
        await pilot.pause(0.2)

    return before


@pytest.mark.parametrize("size", SIZES)
class TestExportSnapshots:
    """Ctrl+E: template, 字体方案 with the faces it names, where to save, all visible at 80×24."""

    def test_dialog(self, snap_compare: Any, workbook: Path, size: tuple[int, int]) -> None:
        assert snap_compare(WenmiApp(workbook), terminal_size=size, run_before=_export_dialog())


def _result() -> Any:
    from assistant.tui.dialogs.export_result import ExportResultDialog
    from assistant.tui.engine import Exported

    warnings = [
        "“经验体会”没有填写，文档中略去了这部分（可在“撰写”页填写，或按它下方的“采用示例”后逐条核实）",
        "成效“开展廉洁警示教育”与“压实责任”下的其他事项关联不大，暂放在这一部分（可移到合适的部分）",
    ]
    done = Exported(Path("/home/文秘/文档/作风建设经验材料.docx"), 3, warnings, 2)
    return ExportResultDialog(done, office=True)


@pytest.mark.parametrize("size", SIZES)
class TestExportResultSnapshots:
    """After export: where it went, the warnings, and 打开文件 / 打开所在文件夹 / 导出 PDF."""

    def test_result(self, snap_compare: Any, workbook: Path, size: tuple[int, int]) -> None:
        assert snap_compare(WenmiApp(workbook), terminal_size=size, run_before=run(dialog=_result))
