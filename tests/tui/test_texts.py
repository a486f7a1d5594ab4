"""What the screen says is Chinese and wraps like print: no field paths or command-line words, no
“，”/“？” at a line start, no lone “·”, ids whole; the command palette's “no match” in Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Static

from assistant.errors import Diagnostic, WenmiError
from assistant.tui.app import WenmiApp
from assistant.tui.dialogs.message import MessageDialog
from assistant.tui.linewrap import divide_line
from assistant.tui.palette import WenmiPalette
from assistant.tui.texts import say
from tests.tui.conftest import screen_lines, screen_text, settle, wait_for
from tests.tui.test_compose import open_compose

BORDERS = "█▊▎▕▏ "


def wrapped(text: str, width: int) -> list[str]:
    cuts = [0, *divide_line(text, width), len(text)]
    return [text[a:b].rstrip() for a, b in zip(cuts, cuts[1:], strict=False)]


class TestWrapRules:
    """`divide_line`, which the whole app wraps with."""

    @pytest.mark.parametrize("width", range(6, 41))
    def test_no_closing_mark_starts_a_line_and_lines_fit(self, width: int) -> None:
        text = "“经验体会”没有填写，文档中略去了这部分（可在“撰写”页填写，或按它下方的“采用示例”后逐条核实）。要覆盖它吗？"
        lines = wrapped(text, width)
        assert "".join(lines) == text
        from rich.cells import cell_len

        assert all(cell_len(line) <= width for line in lines)
        assert not any(line[0] in "，。、；：？！”）》·" for line in lines[1:])
        assert not any(line[-1] in "“（《" for line in lines[:-1])

    def test_ids_and_numbers_stay_whole(self) -> None:
        lines = wrapped("模板 zf-jyjl-4gao · 作风建设 · 经验材料，2022-03 起草", 16)
        assert any("zf-jyjl-4gao" in line for line in lines)
        assert any("2022-03" in line for line in lines)

    def test_a_lone_dot_goes_with_the_text_after_it(self) -> None:
        lines = wrapped("· " + "乙" * 40, 20)
        assert lines[0].startswith("· 乙")

    def test_a_path_longer_than_a_line_breaks_at_a_slash(self) -> None:
        lines = wrapped("/home/someone/documents/2023/report.docx", 16)
        assert lines == ["/home/someone/", "documents/2023/", "report.docx"]


class TestMessages:
    """The engine's field paths, slot ids and flags never reach the screen."""

    def test_diagnostics_lose_field_paths_and_flags(self) -> None:
        offered = Diagnostic.at(
            "“经验体会”没有填写，文档中略去了这部分（可在台账 fields 中填写，或加 --examples 采用模板示例后逐条核实）",
            rule="examples-offered",
            field="fields.体会",
        )
        unused = Diagnostic.at(
            "台账字段“主题”不是模板“zf-a”的槽位，未使用", rule="unused-field", field="fields.主题"
        )
        long_title = Diagnostic.at(
            "第3项成效的事项有45个字，写进文中会显得冗长；建议精简为一件事（30字以内），其余写进说明（detail）",
            rule="title-long",
            field="achievements[3].title",
        )
        undated = Diagnostic.at(
            "文档有署名但没有成文日期：在台账的填写项中写“日期”（如 2024-01-08），或用 --set 日期=2024-01-08"
            "（成文日期是公文的必备要素，GB/T 9704 7.3.5）",
            rule="date-missing",
            field="fields.日期",
        )
        assert say(undated) == "文档有署名但没有成文日期：请在“撰写”页填写“日期”（成文日期是公文的必备要素）"
        for d in (offered, unused, long_title, undated):
            text = say(d, {"zf-a": "作风建设方案"})
            assert "fields" not in text and "--" not in text and "achievements" not in text
            assert "detail" not in text and "zf-a" not in text and "字段“" not in text
        assert say(offered).startswith("“经验体会”没有填写")
        assert "采用示例" in say(offered)
        assert "（30字以内）" in say(long_title)

    def test_errors_keep_file_and_line_but_not_flags(self) -> None:
        err = WenmiError(
            "槽位“人数”（renshu）的值不对：“许多”不是数字",
            file="/data/台账.yaml",
            line=7,
            field="fields.人数",
            hint="填写数字，如 35；值来自--set",
        )
        assert say(err) == "台账.yaml，第7行：填写项“人数”的值不对：“许多”不是数字（填写数字，如 35）"

    async def test_compose_page_speaks_chinese(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_compose(pilot, "zf-tui-gudin")  # the workbook's 落款 is no slot of it
            notes = str(screen.query_one("#diagnostics", Static).content)
            assert "落款" in notes and "用不到" in notes
            for word in ("fields", "--", "zf-tui", "字段“"):
                assert word not in notes
                assert word not in screen_text(app)


class TestWrappingOnScreen:
    """A dialog's lines break by the rules of print."""

    async def test_dialog_lines(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            # the dialog body is 68 cells wide: each run fills a line to the last cell
            message = "\n".join(["甲" * 34 + "？", "丙" * 34 + "，" + "丁" * 10, "· " + "乙" * 40])
            app.push_screen(MessageDialog("测试", message))
            await pilot.pause()
            lines = [line.strip(BORDERS) for line in screen_lines(app)]
            body = [line for line in lines if line and line[0] in "甲乙丙丁？，·"]
            assert body, lines
            assert not any(line[0] in "？，" for line in body)
            assert "·" not in body
            assert any(line.startswith("· 乙") for line in body)


class TestPalette:
    """Ctrl+P: no match is said in Chinese; pinyin initials find commands."""

    async def test_no_match_in_chinese(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+p")
            assert isinstance(app.screen, WenmiPalette)
            await pilot.press(*"xyzqq")
            await wait_for(pilot, lambda: "没有找到匹配的命令" in screen_text(app), timeout=5)
            assert "No matches" not in screen_text(app)

    async def test_pinyin_initials(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+p")
            assert isinstance(app.screen, CommandPalette)
            await pilot.press(*"cx")  # 撤销
            await wait_for(pilot, lambda: "撤销（Ctrl+Z）" in screen_text(app), timeout=5)
