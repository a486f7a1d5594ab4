"""Importing an Excel or CSV 台账 from the file dialog; a failed import keeps the workbook."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook as XlsxBook
from textual.widgets import Input, Static

from assistant.tui.app import WenmiApp
from assistant.tui.dialogs.path_input import PathDialog
from tests.tui.conftest import settle, wait_for


def make_xlsx(path: Path) -> Path:
    book = XlsxBook()
    ws = book.active
    ws.append(["基层党建成效台账"])
    ws.append(["事项", "类别", "指标", "数量", "单位", "修饰", "日期"])
    ws.append(["开展“三会一课”督查", "组织建设", "督查支部", 36, "个", "", "2022-09"])
    ws.append(["举办青年理论学习小组活动", "思想建设", "活动", 12, "场", "余", "2022-10"])
    book.save(path)
    return path


class TestImport:
    """Ctrl+O opens a file dialog; the table's rows are appended to the workbook."""

    async def test_import_xlsx(self, workbook: Path, tmp_path: Path) -> None:
        source = make_xlsx(tmp_path / "导入.xlsx")
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+o")
            assert isinstance(app.screen, PathDialog)
            app.screen.query_one("#path", Input).value = str(source)
            await pilot.press("enter")
            await wait_for(pilot, lambda: len(app.session.workbook.achievements) == 7)
            titles = [a.title for a in app.session.workbook.achievements]
            assert titles[-2:] == ["开展“三会一课”督查", "举办青年理论学习小组活动"]
            assert app.session.workbook.achievements[-1].metrics[0].text() == "12余场"
            assert app.session.workbook.unit == "党群工作部"  # the open workbook's unit stays
            assert app.session.dirty

    async def test_failed_import_notifies_and_keeps_data(self, workbook: Path, tmp_path: Path) -> None:
        broken = tmp_path / "坏表.xlsx"
        broken.write_text("这不是表格", encoding="utf-8")
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+o")
            app.screen.query_one("#path", Input).value = str(broken)
            await pilot.press("enter")
            await wait_for(pilot, lambda: any(n.title == "导入失败" for n in app._notifications))
            note = next(n for n in app._notifications if n.title == "导入失败")
            assert "坏表.xlsx" in note.message and "未改动" in note.message
            assert len(app.session.workbook.achievements) == 5
            assert not app.session.dirty

    async def test_missing_file_is_explained_in_the_dialog(self, workbook: Path, tmp_path: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+o")
            dialog = app.screen
            dialog.query_one("#path", Input).value = str(tmp_path / "没有.xlsx")
            await pilot.press("enter")
            assert app.screen is dialog
            error = dialog.query_one("#err-path", Static)
            assert "找不到文件" in str(error.content)
            dialog.query_one("#path", Input).value = str(tmp_path / "台账.xls")
            await pilot.press("enter")
            assert "不支持的文件类型" in str(error.content)


class TestImportIntoOpenWorkbook:
    """Rows join the open workbook: a table that names no unit raises no warning about one."""

    async def test_no_unit_warning_when_the_unit_is_kept(self, workbook: Path, tmp_path: Path) -> None:
        book = XlsxBook()
        ws = book.active
        ws.append(["事项", "类别", "指标", "数量", "单位"])  # no title row: the file names no unit
        ws.append(["开展“三会一课”督查", "组织建设", "督查支部", 36, "个"])
        source = tmp_path / "无标题.xlsx"
        book.save(source)
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+o")
            app.screen.query_one("#path", Input).value = str(source)
            await pilot.press("enter")
            await wait_for(pilot, lambda: len(app.session.workbook.achievements) == 6)
            await pilot.pause()
            said = [f"{n.title} {n.message}" for n in app._notifications]
            assert any("导入了 1 项成效" in s for s in said), said
            assert not any("unit" in s or "单位名称" in s or "提示" in s for s in said), said
            assert app.session.workbook.unit == "党群工作部"
