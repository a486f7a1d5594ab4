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


def run(*keys: str, template: str | None = None) -> Any:
    """A `run_before` that waits for loading, optionally chooses a template, then presses keys."""

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
        assert snap_compare(WenmiApp(workbook), terminal_size=size, run_before=run("f4"))

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
