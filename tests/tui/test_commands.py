"""Every action is in the command palette; F1 lists the keys; first paint imports nothing heavy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from rich.console import Console
from textual.command import CommandPalette

from assistant.tui.app import WenmiApp
from assistant.tui.commands import COMMANDS
from assistant.tui.dialogs.help import HelpDialog, help_table
from assistant.tui.palette import WenmiCommands
from assistant.tui.screens.compose import ComposeScreen
from tests.tui.conftest import settle, wait_for


class TestPalette:
    """The palette's provider offers every command, in Chinese, and runs it."""

    async def test_discover_lists_every_command(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            provider = WenmiCommands(app.screen)
            provider._post_init()
            await provider._wait_init()
            hits = [hit async for hit in provider.discover()]
            assert len(hits) == len(COMMANDS)
            assert all(any("\u4e00" <= ch <= "\u9fff" for ch in str(h.text)) for h in hits)

    async def test_palette_runs_a_screen_command(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+p")
            assert isinstance(app.screen, CommandPalette)
            await pilot.press(*"换一组标题")
            await pilot.pause(0.5)
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, ComposeScreen))


class TestHelp:
    """F1 shows the keys of every page, the current page first."""

    async def test_f1_lists_keys(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("f1")
            assert isinstance(app.screen, HelpDialog)
            console = Console(width=100, record=True)
            console.print(help_table("achievements"))
            text = console.export_text()
            for key, title in (
                ("Ctrl+N", "新增成效事项"),
                ("Ctrl+E", "导出 Word 公文"),
                ("Ctrl+R", "换一组标题"),
                ("Ctrl+L", "打开台账"),
            ):
                assert key in text and title in text
            assert "选词框中 Ctrl+T：替换整个标题" in text  # a key of a dialog, under its page
            assert text.index("“成效台账”页") < text.index("通用")  # the current page first
            await pilot.press("f1")
            assert not isinstance(app.screen, HelpDialog)


def test_app_module_imports_nothing_heavy() -> None:
    """First paint must not wait for jieba, python-docx, jinja2, pypinyin or openpyxl."""
    code = (
        "import sys, assistant.tui.app, assistant.cli.tui;"
        "heavy = [m for m in ('jieba', 'docx', 'jinja2', 'pypinyin', 'openpyxl', 'yaml') if m in sys.modules];"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_engine_does_not_import_textual() -> None:
    code = (
        "import sys, assistant.ledger.workbook, assistant.compose, assistant.render, assistant.tui.engine,"
        " assistant.tui.session, assistant.tui.recovery;"
        "print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
