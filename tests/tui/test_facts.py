"""单位 and 时期 on the achievements page: the sample's 落款 follows a new unit, and a 成文日期 that
falls before the end of a new period is pointed out."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Static

from assistant.tui.app import WenmiApp
from tests.tui.conftest import settle, wait_for


async def retype(pilot, box: Input, text: str) -> None:  # type: ignore[no-untyped-def]
    box.focus()
    box.value = ""
    await pilot.press(*text)
    await pilot.press("tab")  # leaving the field ends the edit
    await pilot.pause()


class TestSigner:
    """落款 was the unit (or part of its name): it becomes the new unit; one Ctrl+Z undoes both."""

    async def test_signer_follows_the_unit(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            wb = app.session.workbook
            assert wb.fields["落款"] == "党群工作部"
            await retype(pilot, app.screen.query_one("#unit", Input), "烟墩镇工会")
            assert wb.unit == "烟墩镇工会"
            assert wb.fields["落款"] == "烟墩镇工会"
            assert any("落款原为“党群工作部”" in str(n.message) for n in app._notifications)
            app.screen.query_one(DataTable).focus()
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert wb.unit == "党群工作部" and wb.fields["落款"] == "党群工作部"

    async def test_signer_of_another_unit_stays(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            wb = app.session.workbook
            wb.fields["落款"] = "公司党委"
            await retype(pilot, app.screen.query_one("#unit", Input), "党群工作部（党委统战部）")
            assert wb.fields["落款"] == "公司党委"
            assert not any("落款原为" in str(n.message) for n in app._notifications)


class TestDate:
    """A summary dated before its period ends is pointed out under the period."""

    async def test_date_before_the_new_period_ends(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            app.session.choose_template("zf-tui-fangan")  # 工作总结: looks back on the period
            app.session.workbook.fields["日期"] = "2023-01-11"
            app.changed(None, "test")
            await pilot.press("f2")
            note = app.screen.query_one("#facts-note", Static)
            assert not note.has_class("-shown")  # 2023-01-11 is after 2022 has ended
            await retype(pilot, app.screen.query_one("#period", Input), "2023年")
            await wait_for(pilot, lambda: note.has_class("-shown"))
            text = str(note.content)
            assert "2023-01-11" in text and "2023年" in text and "撰写" in text
            await retype(pilot, app.screen.query_one("#period", Input), "2022年")
            await wait_for(pilot, lambda: not note.has_class("-shown"))
