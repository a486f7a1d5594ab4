"""Keyboard-only use: every action reachable by keys, dialogs safe by default, focus never lost."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Input

from assistant.tui.app import WenmiApp
from assistant.tui.dialogs.achievement_form import AchievementForm, MetricRow
from tests.tui.conftest import settle, wait_for


class TestAchievementFormByKeyboard:
    """The form's buttons work from the keyboard, not only with the mouse."""

    async def test_enter_on_add_metric_adds_a_row_and_focuses_it(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+n")
            form = app.screen
            assert isinstance(form, AchievementForm)
            for _ in range(20):
                if app.focused is not None and app.focused.id == "add-metric":
                    break
                await pilot.press("tab")
            assert isinstance(app.focused, Button) and app.focused.id == "add-metric"
            await pilot.press("enter")
            await pilot.pause()
            rows = list(form.query(MetricRow).results(MetricRow))
            assert len(rows) == 2
            await wait_for(pilot, lambda: app.focused is not None and app.focused in rows[1].query(Input))
            await pilot.press(*"参训")
            assert rows[1].values()["label"] == "参训"


class TestFocusAfterDialogs:
    """Closing a dialog puts the focus back where it was, so the arrows work at once."""

    async def test_focus_returns_to_the_sections_after_picking_a_heading(self, workbook: Path) -> None:
        from textual.widgets import Tree

        from tests.tui.test_compose import open_compose, pick_second_heading

        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compose(pilot, "zf-tui-fangan")
            tree = screen.query_one("#sections", Tree)
            await pick_second_heading(pilot, screen)
            await pilot.pause(0.3)  # the cursor is put back on the section after a refresh
            assert app.focused is tree
            line = tree.cursor_line
            await pilot.press("down")
            await wait_for(pilot, lambda: tree.cursor_line == line + 1)

    async def test_focus_after_picking_a_heading_is_on_something_that_takes_keys(self, workbook: Path) -> None:
        """F4 then Ctrl+T at once: afterwards the arrows move in the sections, not nowhere."""
        from textual.widgets import Tree

        from tests.tui.test_compose import headings, open_compose

        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compose(pilot, "zf-tui-fangan")
            first = headings(screen)
            await pilot.press("ctrl+t", *"szcx")
            picker = app.screen
            await wait_for(pilot, lambda: picker.found and picker.found[0].text == "守正创新")
            await pilot.press("enter")
            await wait_for(pilot, lambda: headings(screen) != first)
            tree = screen.query_one("#sections", Tree)
            await wait_for(pilot, lambda: app.focused is tree and tree.cursor_node is not None)
            await pilot.pause(0.3)  # the cursor is put back on the section after a refresh
            line = tree.cursor_line
            await pilot.press("down")
            await wait_for(pilot, lambda: tree.cursor_line == line + 1)


class TestPathFields:
    """A path field's default is selected: typing replaces it instead of appending to it."""

    async def test_save_as_path_is_replaced_by_typing(self, tmp_path: Path) -> None:
        from assistant.tui.dialogs.path_input import PathDialog

        app = WenmiApp()
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+s")
            assert isinstance(app.screen, PathDialog)
            await pilot.pause()
            await pilot.press(*"新台账.yaml")
            assert app.screen.query_one("#path", Input).value == "新台账.yaml"

    async def test_export_path_is_replaced_by_typing(self, workbook: Path) -> None:
        from assistant.tui.dialogs.export import ExportDialog

        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+e")
            dialog = app.screen
            assert isinstance(dialog, ExportDialog)
            box = dialog.query_one("#path", Input)
            await wait_for(pilot, lambda: box.value != "")
            await pilot.press(*"方案.docx")
            assert box.value == "方案.docx"
