"""At 80×24 nothing a user needs is cut off: the achievements' date and owner, the highlighted row
whole, a field's whole help, the result dialog's buttons."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input

from assistant.tui.app import WenmiApp
from tests.tui.conftest import screen_lines, screen_text, settle
from tests.tui.test_compose import open_compose


class TestNarrowTerminal:
    async def test_achievements_show_date_and_owner(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            header = next(line for line in screen_lines(app) if "序号" in line)
            for column in ("事项", "类别", "数据", "日期", "责任单位"):
                assert column in header
            assert "2022-03" in screen_text(app) and "党群工作部" in screen_text(app)
            table = app.screen.query_one(DataTable)
            table.focus()
            await pilot.press("down", "down", "down")  # 完成党务工作能力提升专项培训
            await pilot.pause()
            text = screen_text(app)
            assert "第4项 完成党务工作能力提升专项培训" in text
            assert "日期 2022-08" in text and "责任单位 党群工作部" in text and "数据 318人次" in text

    async def test_the_whole_help_of_a_field(self, workbook: Path, user_data: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_compose(pilot, "zz-tui-shili")
            box = next(b for b in screen.query(".slot-input").results(Input) if b.name == "牵头部门")
            assert box.placeholder == "负责整改的部门"
            box.focus()
            await pilot.pause()
            assert "负责整改的部门；不填则不写" in screen_text(app)
