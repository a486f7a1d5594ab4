"""The compose page: slots drive a live preview; sections, moving achievements, headings."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static, Tree

from assistant.tui.app import WenmiApp
from assistant.tui.dialogs.phrase_picker import PhrasePicker
from assistant.tui.dialogs.section_picker import SectionPicker
from assistant.tui.screens.compose import ComposeScreen
from assistant.workbook import load_workbook
from tests.tui.conftest import settle, wait_for


async def open_compose(pilot, template_id: str) -> ComposeScreen:  # type: ignore[no-untyped-def]
    app = pilot.app
    await settle(pilot)
    app.session.choose_template(template_id)
    app.changed(None, "test")
    await pilot.press("f4")
    screen = app.screen
    assert isinstance(screen, ComposeScreen)
    await wait_for(pilot, lambda: screen.result is not None and screen.template.id == template_id)
    await wait_for(pilot, lambda: not screen._composing)
    return screen


def headings(screen: ComposeScreen) -> list[str]:
    assert screen.result is not None
    return [s.heading for s in screen.result.sections]


def section_of(screen: ComposeScreen, title: str) -> int:
    assert screen.result is not None
    for s in screen.result.sections:
        if any(a.title == title for a in s.achievements):
            return s.index
    raise AssertionError(title)


def select_achievement(screen: ComposeScreen, title: str) -> None:
    tree = screen.query_one("#sections", Tree)
    for node in tree.root.children:
        for leaf in node.children:
            if leaf.data and leaf.data[0] == "achievement" and str(leaf.label).startswith(title):
                tree.move_cursor(leaf)
                tree.focus()
                return
    raise AssertionError(title)


class TestLivePreview:
    """Typing in a slot updates the preview; a bad value is explained under the slot."""

    async def test_typing_updates_preview(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compose(pilot, "zf-tui-fangan")
            assert "作风建设工作总结" in screen._preview_text
            box = next(b for b in screen.query(".slot-input").results(Input) if b.name == "主题")
            box.focus()
            box.value = ""
            await pilot.press(*"纪律建设")
            await wait_for(pilot, lambda: "纪律建设工作总结" in screen._preview_text)
            assert app.session.workbook.fields["主题"] == "纪律建设"
            assert app.session.dirty

    async def test_required_slot_and_bad_number_are_explained(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compose(pilot, "zz-tui-tongzhi")
            before = screen._preview_text
            number = next(b for b in screen.query(".slot-input").results(Input) if b.name == "人数")
            number.value = "许多"
            error = next(e for e in screen.query(".slot-error").results(Static) if e.name == "人数")
            await wait_for(pilot, lambda: error.has_class("-shown"))
            assert "参学人数" in str(error.content) and "数字" in str(error.content)
            assert screen._preview_text == before  # the last good preview stays
            assert app.session.workbook.fields["人数"] == "许多"  # what was typed is kept
            number.value = "45"
            await wait_for(pilot, lambda: "共45人" in screen._preview_text)
            assert not error.has_class("-shown")


class TestSections:
    """Achievements can be moved between sections; the move is saved as `section`."""

    async def test_move_with_keys_persists(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compose(pilot, "zf-tui-gudin")
            title = "起草践行工作作风的实施方案"
            assert section_of(screen, title) == 1
            select_achievement(screen, title)
            await pilot.press("ctrl+down")
            await wait_for(pilot, lambda: section_of(screen, title) == 2)
            assert app.session.workbook.achievements[0].section == "2"
            node = screen.query_one("#sections", Tree).cursor_node
            assert node is not None and node.data[:2] == ("achievement", 0)  # cursor follows it
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert load_workbook(workbook).achievements[0].section == "2"

    async def test_move_with_picker(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compose(pilot, "zf-tui-gudin")
            title = "开展员工思想状况调查"
            assert section_of(screen, title) == 2
            select_achievement(screen, title)
            await pilot.press("m")
            assert isinstance(app.screen, SectionPicker)
            await pilot.press("up", "enter")
            await wait_for(pilot, lambda: section_of(screen, title) == 1)

    async def test_move_past_the_last_section_is_refused(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compose(pilot, "zf-tui-gudin")
            select_achievement(screen, "开展员工思想状况调查")
            await pilot.press("ctrl+down")
            await pilot.pause()
            assert app.session.workbook.achievements[2].section is None


class TestHeadings:
    """Headings cycle through the phrase bank's alternatives, or come from a phrase search."""

    async def test_cycle_headings(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compose(pilot, "zf-tui-fangan")
            first = headings(screen)
            await pilot.press("ctrl+r")
            await wait_for(pilot, lambda: headings(screen) != first)
            second = headings(screen)
            assert app.session.seed == 1
            assert second[-1] in screen._preview_text
            await pilot.press("ctrl+b")
            await wait_for(pilot, lambda: headings(screen) == first)

    async def test_fixed_headings_do_not_cycle(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compose(pilot, "zf-tui-gudin")
            await pilot.press("ctrl+r")
            await pilot.pause()
            assert app.session.seed == 0
            assert headings(screen) == ["提高站位", "压实责任"]

    async def test_pick_heading_from_phrase_search(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compose(pilot, "zf-tui-fangan")
            tree = screen.query_one("#sections", Tree)
            tree.focus()
            tree.move_cursor(tree.root.children[1])  # section 2
            await pilot.pause()
            await pilot.press("ctrl+t")
            assert isinstance(app.screen, PhrasePicker)
            await pilot.press(*"szcx")  # 守正创新
            picker = app.screen
            await wait_for(pilot, lambda: picker.found and picker.found[0].text == "守正创新")
            await pilot.press("enter")
            await wait_for(pilot, lambda: headings(screen)[1] == "守正创新")
            assert app.session.headings == {2: "守正创新"}
            assert "二、守正创新" in screen._preview_text

    async def test_chosen_headings_are_saved_and_reopened(self, workbook: Path) -> None:
        """Cycle, pick, Ctrl+S, quit; reopened, the preview and the export use the same headings."""
        from assistant.tui.dialogs.export import ExportDialog
        from assistant.tui.dialogs.export_result import ExportResultDialog
        from tests.tui.test_export import docx_text

        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compose(pilot, "zf-tui-fangan")
            first = headings(screen)
            await pilot.press("ctrl+r")
            await wait_for(pilot, lambda: headings(screen) != first)
            cycled = headings(screen)
            tree = screen.query_one("#sections", Tree)
            tree.focus()
            tree.move_cursor(tree.root.children[1])  # section 2
            await pilot.pause()
            await pilot.press("ctrl+t")
            assert isinstance(app.screen, PhrasePicker)
            await pilot.press(*"szcx")  # 守正创新
            picker = app.screen
            await wait_for(pilot, lambda: picker.found and picker.found[0].text == "守正创新")
            await pilot.press("enter")
            await wait_for(pilot, lambda: headings(screen)[1] == "守正创新")
            assert app.session.workbook.headings == {2: "守正创新"} and app.session.workbook.seed == 1
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: not app.session.dirty)
        saved = load_workbook(workbook)
        assert saved.headings == {2: "守正创新"} and saved.seed == 1 and saved.template == "zf-tui-fangan"
        expected = [cycled[0], "守正创新", *cycled[2:]]

        again = WenmiApp(workbook)
        async with again.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("f4")
            screen = again.screen
            assert isinstance(screen, ComposeScreen)
            await wait_for(pilot, lambda: screen.result is not None and not screen._composing)
            assert headings(screen) == expected
            assert "二、守正创新" in screen._preview_text
            assert f"一、{cycled[0]}" in screen._preview_text
            assert "标题第 2 组" in str(screen.query_one("#template-line", Static).content)
            await pilot.press("ctrl+e")
            assert isinstance(again.screen, ExportDialog)
            dialog = again.screen
            await wait_for(pilot, lambda: dialog.query_one("#path", Input).value != "")
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(again.screen, ExportResultDialog), timeout=20)
            path = again.screen.result.path
        text = docx_text(path)
        for number, heading in zip("一二三四五", expected, strict=False):
            assert f"{number}、{heading}" in text
