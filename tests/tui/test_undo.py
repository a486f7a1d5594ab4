"""Ctrl+Z / Ctrl+Y: edits, deletions, moves, typing and heading picks can be taken back and redone;
the history holds at least 100 steps and survives a crash in the recovery file."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input

from assistant.ledger.files import load_workbook
from assistant.tui.app import WenmiApp
from assistant.tui.dialogs.confirm import ConfirmDialog
from assistant.tui.history import History
from assistant.tui.recovery import read_recovery, recovery_file
from tests.tui.conftest import settle, wait_for
from tests.tui.test_compose import headings, open_compose, pick_second_heading, placement, select_achievement


def titles(app: WenmiApp) -> list[str]:
    assert app.session is not None
    return [a.title for a in app.session.workbook.achievements]


class TestUndoOnTheAchievementsPage:
    """Deleting, reordering and editing the unit are steps; typing a word is one step."""

    async def test_delete_is_undone_and_redone(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            before = titles(app)
            app.screen.query_one(DataTable).focus()
            await pilot.press("down", "delete")
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("left", "enter")  # 删除
            await pilot.pause()
            assert titles(app) == before[:1] + before[2:]
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert titles(app) == before
            assert not app.session.dirty  # back to what the file holds
            assert "已保存" in app.status_text()
            table = app.screen.query_one(DataTable)
            assert table.row_count == len(before)
            await pilot.press("ctrl+y")
            await pilot.pause()
            assert titles(app) == before[:1] + before[2:]
            assert app.session.dirty
            assert table.row_count == len(before) - 1

    async def test_typing_a_word_is_one_step_and_the_field_shows_it(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            box = app.screen.query_one("#period", Input)
            box.focus()
            await pilot.press("end", *"至2023年")
            assert app.session.workbook.period == "2022年至2023年"
            await pilot.press("ctrl+z")  # the cursor is still in the field
            await pilot.pause()
            assert app.session.workbook.period == "2022年"
            assert box.value == "2022年"
            await pilot.press("ctrl+y")
            await pilot.pause()
            assert box.value == "2022年至2023年"

    async def test_nothing_to_undo_says_so(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert any("没有可撤销" in str(n.message) for n in app._notifications)
            assert not app.session.dirty


class TestUndoOnTheComposePage:
    """A move (with what it pinned), a heading pick and typing in a slot are undone whole."""

    async def test_move_and_heading_pick_are_undone_in_order(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compose(pilot, "zf-tui-gudin")
            start = placement(screen)
            sections_before = [a.section for a in app.session.workbook.achievements]
            select_achievement(screen, "开展员工思想状况调查")
            await pilot.press("ctrl+down")
            await wait_for(pilot, lambda: placement(screen) != start)
            moved = placement(screen)
            composed = headings(screen)
            await pick_second_heading(pilot, screen)
            await pilot.press("ctrl+z")
            await wait_for(pilot, lambda: headings(screen) == composed)
            assert placement(screen) == moved
            await pilot.press("ctrl+z")
            await wait_for(pilot, lambda: placement(screen) == start)
            assert [a.section for a in app.session.workbook.achievements] == sections_before
            await pilot.press("ctrl+y", "ctrl+y")
            await wait_for(pilot, lambda: headings(screen)[1] == "守正创新")
            assert placement(screen) == moved

    async def test_slot_typing_is_undone_while_the_cursor_is_in_it(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compose(pilot, "zf-tui-fangan")
            box = next(b for b in screen.query(".slot-input").results(Input) if b.name == "主题")
            box.focus()
            await pilot.press("end", *"和纪律")
            await wait_for(pilot, lambda: "作风建设和纪律工作总结" in screen._preview_text)
            await pilot.press("ctrl+z")
            await wait_for(pilot, lambda: "作风建设工作总结" in screen._preview_text)
            assert box.value == "作风建设"
            assert app.session.workbook.fields["主题"] == "作风建设"
            assert any("已撤销：填写“" in str(n.message) for n in app._notifications)


class TestHistory:
    """At least 100 steps back; the history is in the recovery file and restored with it."""

    def test_a_hundred_and_fifty_steps_go_back_to_the_start(self, workbook: Path) -> None:
        wb = load_workbook(workbook)
        history = History(wb)
        first = wb.unit
        for i in range(150):
            wb.unit = f"单位{i}"
            assert history.record(wb, f"第{i}步")
        for _ in range(150):
            assert history.undo(wb) is not None
        assert wb.unit == first
        assert history.undo(wb) is None
        for _ in range(150):
            history.redo(wb)
        assert wb.unit == "单位149"

    async def test_history_survives_a_crash(self, workbook: Path) -> None:
        key = str(workbook.resolve())
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            before = titles(app)
            app.screen.query_one(DataTable).focus()
            for _ in range(2):
                await pilot.press("delete", "left", "enter")
                await pilot.pause()
            assert titles(app) == before[2:]
            await wait_for(pilot, lambda: app.backed_up(), timeout=2.0)
        saved = read_recovery(key)
        assert saved is not None and saved.history is not None
        again = WenmiApp(workbook)
        async with again.run_test(size=(120, 36)) as pilot:
            await wait_for(pilot, lambda: isinstance(again.screen, ConfirmDialog))
            await pilot.press("enter")  # 恢复
            await settle(pilot)
            assert titles(again) == before[2:]
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert titles(again) == before[1:]
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert titles(again) == before
            await pilot.press("ctrl+y")
            await pilot.pause()
            assert titles(again) == before[1:]
            await wait_for(pilot, again.backed_up, timeout=2.0)
        assert recovery_file(key).exists()
