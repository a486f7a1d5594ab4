"""The phrase bank page: search, browse, copy, use as a heading, add your own."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Static, Tree

from assistant.tui.app import WenmiApp
from assistant.tui.dialogs.add_phrase import AddPhraseDialog
from assistant.tui.screens.phrases import PhrasesScreen
from tests.tui.conftest import settle, wait_for


async def open_phrases(pilot) -> PhrasesScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("f5")
    screen = pilot.app.screen
    assert isinstance(screen, PhrasesScreen)
    await wait_for(pilot, lambda: len(screen.entries) > 0)
    return screen


class TestPhrases:
    """Search by text, meaning or pinyin; browse by theme and kind."""

    async def test_browse_and_search(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_phrases(pilot)
            assert len(screen.entries) == 16  # everything
            await pilot.press(*"tgzw")
            await wait_for(pilot, lambda: [e.text for e in screen.entries][:1] == ["提高站位"])
            screen.query_one("#search", Input).value = ""
            tree = screen.query_one("#browse", Tree)
            tongyong = next(n for n in tree.root.children if str(n.label).startswith("通用"))
            tree.focus()
            tree.select_node(tongyong)
            await wait_for(pilot, lambda: {e.theme for e in screen.entries} == {"通用"})
            assert len(screen.entries) == 4

    async def test_copy_and_insert_as_heading(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_phrases(pilot)
            await pilot.press(*"szcx", "enter")  # Enter in the search box: to the results
            assert screen.query_one(DataTable).has_focus
            await wait_for(pilot, lambda: screen.entries and screen.entries[0].text == "守正创新")
            await pilot.press("c")
            assert app.clipboard == "守正创新"
            app.session.current_section = 2
            await pilot.press("i")
            await pilot.pause()
            assert app.session.headings == {2: "守正创新"}
            assert app.session.dirty

    async def test_add_own_phrase(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_phrases(pilot)
            await pilot.press("ctrl+n")
            dialog = app.screen
            assert isinstance(dialog, AddPhraseDialog)
            dialog.query_one("#text", Input).value = "提高站位"  # already in the bank
            await pilot.press("enter")
            error = dialog.query_one("#err-text", Static)
            assert error.has_class("-shown") and "已在" in str(error.content)
            dialog.query_one("#text", Input).value = "三字词"
            await pilot.press("enter")
            assert "四个汉字" in str(error.content)
            dialog.query_one("#text", Input).value = "笃行实干"
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, PhrasesScreen))
            await wait_for(pilot, lambda: any(e.text == "笃行实干" for e in screen.entries))
            mine = next(e for e in screen.entries if e.text == "笃行实干")
            assert mine.source == "user"
