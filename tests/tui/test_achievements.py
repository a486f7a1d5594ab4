"""The achievements page: add, edit, validate, delete, reorder; unit and period."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Static, TextArea

from assistant.ledger.files import load_workbook
from assistant.tui.app import WenmiApp
from assistant.tui.dialogs.achievement_form import AchievementForm, MetricRow
from assistant.tui.dialogs.confirm import ConfirmDialog
from tests.tui.conftest import screen_text, settle, wait_for


def _form(app: WenmiApp) -> AchievementForm:
    assert isinstance(app.screen, AchievementForm)
    return app.screen


async def _type(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*text)


class TestAddAndEdit:
    """An achievement typed in Chinese lands in the workbook and the table, and saves."""

    async def test_add_with_chinese_text(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+n")
            form = _form(app)
            await _type(pilot, "开展主题党日活动")
            form.query_one("#category", Input).value = "组织建设"
            form.query_one("#date", Input).value = "2022年7月"
            row = form.query_one(MetricRow)
            inputs = list(row.query(Input).results(Input))
            inputs[0].value = "参加党员"
            inputs[1].value = "120"
            inputs[2].value = "人"
            inputs[3].value = "余"
            form.query_one("#detail", TextArea).text = "第一行说明\n第二行说明"
            await pilot.press("ctrl+s")  # in the form: save the form
            await wait_for(pilot, lambda: not isinstance(app.screen, AchievementForm))
            added = app.session.workbook.achievements[-1]
            assert added.title == "开展主题党日活动"
            assert added.category == "组织建设"
            assert added.metrics[0].text() == "120余人"
            assert added.detail == "第一行说明\n第二行说明"
            table = app.screen.query_one(DataTable)
            assert table.row_count == 6
            assert table.cursor_row == 5
            assert app.session.dirty
            await pilot.press("ctrl+s")  # on the page: save the workbook
            await pilot.pause()
        saved = load_workbook(workbook)
        assert saved.achievements[-1].title == "开展主题党日活动"
        assert saved.achievements[-1].metrics[0].qualifier == "余"
        assert "# 界面测试用台账" in workbook.read_text(encoding="utf-8")  # comments kept

    async def test_edit_keeps_position_and_changes_text(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("down", "enter")
            form = _form(app)
            title = form.query_one("#title", Input)
            assert title.value == "调度各单位制定践行举措"
            title.value = "调度各单位、各部室制定践行举措"
            await pilot.press("enter")
            await wait_for(pilot, lambda: not isinstance(app.screen, AchievementForm))
            a = app.session.workbook.achievements[1]
            assert a.title == "调度各单位、各部室制定践行举措"
            assert a.metrics[0].text() == "600余条"
            assert len(app.session.workbook.achievements) == 5


class TestValidation:
    """Bad input is explained next to its field and nothing typed is lost."""

    async def test_invalid_number_shows_message_next_to_field(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+n")
            form = _form(app)
            form.query_one("#title", Input).value = "开展谈心谈话"
            row = form.query_one(MetricRow)
            value = list(row.query(Input).results(Input))[1]
            value.value = "很多"
            error = row.query_one(".metric-error", Static)
            await wait_for(pilot, lambda: error.has_class("-shown"))
            assert "不是数字" in str(error.content)
            assert "“很多”不是数字" in screen_text(app)  # really on screen, under the row
            await pilot.press("ctrl+s")
            await pilot.pause(0.3)
            assert isinstance(app.screen, AchievementForm)  # not saved, still open
            assert form.query_one("#title", Input).value == "开展谈心谈话"  # kept
            assert len(app.session.workbook.achievements) == 5

    async def test_unknown_category_suggests(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+n")
            form = _form(app)
            form.query_one("#title", Input).value = "开展谈心谈话"
            form.query_one("#category", Input).value = "作风"
            error = form.query_one("#err-category", Static)
            await wait_for(pilot, lambda: error.has_class("-shown"))
            assert "作风建设" in str(error.content)

    async def test_missing_title_on_submit(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+n")
            form = _form(app)
            await pilot.press("enter")
            error = form.query_one("#err-title", Static)
            await wait_for(pilot, lambda: error.has_class("-shown"))
            assert "title" in str(error.content)

    async def test_cancel_with_changes_asks(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+n")
            _form(app).query_one("#title", Input).value = "半截"
            await pilot.press("escape")
            assert isinstance(app.screen, ConfirmDialog)
            assert app.focused is not None and app.focused.id == "no"  # 继续编辑, not 放弃
            await pilot.press("enter")
            assert isinstance(app.screen, AchievementForm)
            assert app.screen.query_one("#title", Input).value == "半截"

    async def test_empty_unit_is_refused_next_to_field(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            app.screen.query_one("#unit", Input).value = ""
            await pilot.pause()
            error = app.screen.query_one("#facts-error", Static)
            assert error.has_class("-shown")
            assert app.session.workbook.unit == "党群工作部"
            app.screen.query_one("#unit", Input).value = "机关党委"
            await pilot.pause()
            assert app.session.workbook.unit == "机关党委"
            assert not error.has_class("-shown")


class TestDeleteAndReorder:
    """Delete asks first; Ctrl+↑/↓ reorders."""

    async def test_delete_with_confirmation(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("delete")
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("escape")
            assert len(app.session.workbook.achievements) == 5
            await pilot.press("delete", "enter")  # Enter by habit keeps it: 取消 is the default
            await pilot.pause()
            assert len(app.session.workbook.achievements) == 5
            await pilot.press("delete", "left")  # ← moves to 删除
            assert app.focused is not None and app.focused.id == "yes"
            await pilot.press("enter")
            await pilot.pause()
            assert len(app.session.workbook.achievements) == 4
            assert app.session.workbook.achievements[0].title == "调度各单位制定践行举措"

    async def test_reorder(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+down")
            titles = [a.title for a in app.session.workbook.achievements]
            assert titles[:2] == ["调度各单位制定践行举措", "起草践行工作作风的实施方案"]
            assert app.screen.query_one(DataTable).cursor_row == 1
            await pilot.press("ctrl+up")
            assert app.session.workbook.achievements[0].title == "起草践行工作作风的实施方案"
