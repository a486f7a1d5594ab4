"""The compose page: slots drive a live preview; sections, moving achievements, headings."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Checkbox, Input, Static, TextArea, Tree

from assistant.ledger.files import load_workbook
from assistant.tui.app import WenmiApp
from assistant.tui.dialogs.phrase_picker import PhrasePicker
from assistant.tui.dialogs.section_picker import SectionPicker
from assistant.tui.messages import HeadingPicked
from assistant.tui.screens.compose import ComposeScreen
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


async def pick_second_heading(pilot, screen: ComposeScreen) -> None:  # type: ignore[no-untyped-def]
    """Select section 2 in the tree and pick 守正创新 for it with Ctrl+T (the phrase search)."""
    tree = screen.query_one("#sections", Tree)
    tree.focus()
    tree.move_cursor(tree.root.children[1])  # section 2
    await pilot.pause()
    await pilot.press("ctrl+t", *"szcx")
    picker = pilot.app.screen
    assert isinstance(picker, PhrasePicker)
    await wait_for(pilot, lambda: picker.found and picker.found[0].text == "守正创新")
    await pilot.press("enter")
    await wait_for(pilot, lambda: headings(screen)[1] == "守正创新")


def section_of(screen: ComposeScreen, title: str) -> int:
    assert screen.result is not None
    for s in screen.result.sections:
        if any(a.title == title for a in s.achievements):
            return s.index
    raise AssertionError(title)


def placement(screen: ComposeScreen) -> dict[str, int]:
    """Each achievement's title and the section it is shown in."""
    assert screen.result is not None
    return {a.title: s.index for s in screen.result.sections for a in s.achievements}


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
            # 提高站位 holds the survey and the training; 压实责任 the style and discipline work
            title = "开展员工思想状况调查"
            assert section_of(screen, title) == 1
            before = placement(screen)
            select_achievement(screen, title)
            await pilot.press("ctrl+down")
            await wait_for(pilot, lambda: section_of(screen, title) == 2)
            assert placement(screen) == before | {title: 2}  # only that one moved
            assert app.session.workbook.achievements[2].section == "2"
            node = screen.query_one("#sections", Tree).cursor_node
            assert node is not None and node.data[:2] == ("achievement", 2)  # cursor follows it
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert load_workbook(workbook).achievements[2].section == "2"

    async def test_move_with_picker(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compose(pilot, "zf-tui-gudin")
            title = "起草践行工作作风的实施方案"
            assert section_of(screen, title) == 2
            before = placement(screen)
            select_achievement(screen, title)
            await pilot.press("m")
            assert isinstance(app.screen, SectionPicker)
            await pilot.press("up", "enter")
            await wait_for(pilot, lambda: section_of(screen, title) == 1)
            assert placement(screen) == before | {title: 1}  # only that one moved

    async def test_moves_with_composed_headings_move_only_the_one(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compose(pilot, "zf-tui-fangan")
            expected = placement(screen)
            for title, step in (("开展廉洁警示教育", "ctrl+up"), ("调度各单位制定践行举措", "ctrl+up")):
                select_achievement(screen, title)
                await pilot.press(step)
                expected[title] += -1 if step == "ctrl+up" else 1
                await wait_for(pilot, lambda: placement(screen) == expected)

    async def test_move_past_the_last_section_is_refused(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compose(pilot, "zf-tui-gudin")
            select_achievement(screen, "起草践行工作作风的实施方案")
            await pilot.press("ctrl+down")
            await pilot.pause()
            assert app.session.workbook.achievements[0].section is None


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

    async def test_cycle_keeps_a_picked_heading(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compose(pilot, "zf-tui-fangan")
            await pick_second_heading(pilot, screen)
            first = headings(screen)
            await pilot.press("ctrl+r")
            await wait_for(pilot, lambda: headings(screen) != first)
            assert headings(screen)[1] == "守正创新"  # picked with Ctrl+T: kept
            assert app.session.headings == {2: "守正创新"} and app.session.seed == 1
            assert any("保留" in n.message for n in app._notifications)

    async def test_cycle_with_nothing_to_change_says_so(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compose(pilot, "zf-tui-fangan")
            for index, text in enumerate(("守正创新", "提高站位", "压实责任"), start=1):
                app.session.set_heading(index, text)
            app.changed(None, "test")
            screen.refresh_from_session()
            await wait_for(pilot, lambda: headings(screen) == ["守正创新", "提高站位", "压实责任"])
            await pilot.press("ctrl+r")
            await wait_for(pilot, lambda: any("没有可换" in n.message for n in app._notifications))
            assert app.session.seed == 0  # the counter does not run on with nothing changed

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


def table_field(screen: ComposeScreen, name: str = "配档表") -> tuple[TextArea, Static]:
    area = next(a for a in screen.query(".slot-table").results(TextArea) if a.name == name)
    error = next(e for e in screen.query(".slot-error").results(Static) if e.name == name)
    return area, error


class TestTableSlots:
    """A table slot is a text area, one row a line and cells split by |, checked as it is typed."""

    async def test_rows_typed_become_the_table(self, workbook: Path, user_data: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compose(pilot, "zf-tui-peidang")
            area, error = table_field(screen)
            assert area.text == "" and "文风会风不够精简 | 党委办公室 | 长期坚持" in str(area.placeholder)
            hint = area.parent.children[area.parent.children.index(area) + 1]
            assert "一行一条，每行 3 格，格间用 | 分隔" in str(hint.content)
            assert "文风会风不够精简" in screen._preview_text  # the default table, while empty
            area.focus()
            await pilot.press(*"学习不够深入|党委办公室|年底前", "enter")
            area.insert("服务意识不强｜各部门｜长期坚持")  # as an IME commits it, full-width bars
            await wait_for(pilot, lambda: "服务意识不强" in screen._preview_text)
            assert app.session.workbook.fields["配档表"] == [
                ["学习不够深入", "党委办公室", "年底前"],
                ["服务意识不强", "各部门", "长期坚持"],  # full-width bars too
            ]
            assert "文风会风不够精简" not in screen._preview_text
            assert not error.has_class("-shown")
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: not app.session.dirty)
        saved = load_workbook(workbook).fields["配档表"]
        assert saved == [["学习不够深入", "党委办公室", "年底前"], ["服务意识不强", "各部门", "长期坚持"]]

    async def test_uneven_rows_are_explained_under_the_field(self, workbook: Path, user_data: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compose(pilot, "zf-tui-peidang")
            area, error = table_field(screen)
            area.focus()
            area.text = "甲|党委办公室|年底前\n\n乙|各部门\n丙|各部门|长期坚持"
            await wait_for(pilot, lambda: error.has_class("-shown"))
            assert str(error.content) == "第3行有 2 格，其他行是 3 格"  # blank lines still count
            assert app.session.workbook.fields["配档表"][1] == ["乙", "各部门"]  # kept as typed
            area.text = "甲|党委办公室|年底前\n乙|各部门|年底前"
            await wait_for(pilot, lambda: not error.has_class("-shown"))

    async def test_stored_tables_show_as_lines(self, workbook: Path, user_data: Path) -> None:
        text = workbook.read_text(encoding="utf-8").replace(
            "  落款: 党群工作部\n",
            "  落款: 党群工作部\n  配档表:\n    - [作风不实, 各部门, 年底前]\n    - [服务不优, 党委办公室]\n",
        )
        workbook.write_text(text, encoding="utf-8")
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compose(pilot, "zf-tui-peidang")
            area, error = table_field(screen)
            assert area.text == "作风不实 | 各部门 | 年底前\n服务不优 | 党委办公室"
            assert error.has_class("-shown") and "第2行有 2 格" in str(error.content)
            app.session.dirty = False
            area.focus()
            await pilot.press("end", "space")  # layout only: the rows are the same
            await pilot.pause()
            assert not app.session.dirty

    async def test_one_line_values_from_older_workbooks(self, workbook: Path, user_data: Path) -> None:
        text = workbook.read_text(encoding="utf-8").replace(
            "  落款: 党群工作部\n", "  落款: 党群工作部\n  配档表: 作风不实|各部门|年底前；服务不优|党委办公室|长期坚持\n"
        )
        workbook.write_text(text, encoding="utf-8")
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compose(pilot, "zf-tui-peidang")
            area, _ = table_field(screen)
            assert area.text == "作风不实 | 各部门 | 年底前\n服务不优 | 党委办公室 | 长期坚持"


class TestPairHeadings:
    """A phrase picked for a pair heading (短语　短句) replaces its head; Ctrl+T the whole heading."""

    async def pick(self, pilot, screen: ComposeScreen, *keys: str) -> None:  # type: ignore[no-untyped-def]
        app = pilot.app
        tree = screen.query_one("#sections", Tree)
        tree.focus()
        tree.move_cursor(tree.root.children[0])  # section 1
        await pilot.pause()
        await pilot.press("ctrl+t")
        picker = app.screen
        assert isinstance(picker, PhrasePicker)
        await pilot.press(*"szcx")  # 守正创新
        await wait_for(pilot, lambda: picker.found and picker.found[0].text == "守正创新")
        await pilot.press(*keys)

    async def test_pick_keeps_the_tail(self, workbook: Path, user_data: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compose(pilot, "zf-tui-duizhang")
            first = headings(screen)[0]
            head, tail = first.split("\u3000", 1)  # a composed pair: 四字短语　短句
            assert len(head) == 4 and tail
            await self.pick(pilot, screen)
            picker = app.screen
            result = str(picker.query_one("#picker-result", Static).content)
            assert "只换前半句" in result and f"守正创新\u3000{tail}" in result
            await pilot.press("enter")
            await wait_for(pilot, lambda: headings(screen)[0] == f"守正创新\u3000{tail}")
            assert app.session.headings == {1: f"守正创新\u3000{tail}"}
            assert "一、守正创新" in screen._preview_text and tail in screen._preview_text

    async def test_ctrl_t_replaces_the_whole_heading(self, workbook: Path, user_data: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compose(pilot, "zf-tui-duizhang")
            await self.pick(pilot, screen, "ctrl+t")
            picker = app.screen
            assert picker.query_one("#whole", Checkbox).value
            assert "替换整个标题：改为“守正创新”" in str(picker.query_one("#picker-result", Static).content)
            await pilot.press("enter")
            await wait_for(pilot, lambda: headings(screen)[0] == "守正创新")

    async def test_phrases_page_insert_keeps_the_tail(self, workbook: Path, user_data: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compose(pilot, "zf-tui-duizhang")
            tail = headings(screen)[1].split("\u3000", 1)[1]
            assert tail and not headings(screen)[1].startswith("守正创新")
            app.post_message(HeadingPicked("守正创新", 2))
            await wait_for(pilot, lambda: headings(screen)[1] == f"守正创新\u3000{tail}")
            note = next(n for n in app._notifications if n.title == "标题")
            assert "前半句" in note.message

    async def test_a_single_phrase_heading_has_no_checkbox(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await open_compose(pilot, "zf-tui-fangan")
            await pilot.press("ctrl+t")
            assert isinstance(app.screen, PhrasePicker)
            assert not app.screen.query("#whole")


HONOURS_TEMPLATE = """\
id: zf-tui-rongyu
name: 作风建设工作总结（荣誉写在开头）
category: 作风建设
doctype: 工作总结
keywords: [作风建设, 总结]
description: 界面测试模板：本单位所获荣誉写在导语里。
slots:
  - {name: 落款, label: 落款单位, type: text, required: false, default: ""}
sections:
  count: 3
  pattern: phrase
  group_by: category
sample:
  unit: 党群工作部
  period: 2022年
  achievements:
    - {title: 起草实施方案, category: 作风建设}
body: |
  # {{ unit }}{{ period }}工作总结
  {{ period }}以来，{{ unit }}扎实推进各项工作。{{ honours }}
  {% for s in sections %}
  ## {{ s.heading }}
  {% for a in s.achievements %}
  {{ a.sentence }}
  {% endfor %}
  {% endfor %}
"""


async def test_the_honours_told_in_the_opening_are_in_the_tree(tmp_path: Path, workbook: Path) -> None:
    """A row the opening tells (the unit's honour) does not vanish from 分节与成效: it is listed
    under 导语, and a move key there says how to put it into a part instead of moving it."""
    folder = tmp_path / "home" / "templates" / "zuofeng"
    folder.mkdir(parents=True)
    (folder / "zf-tui-rongyu.yaml").write_text(HONOURS_TEMPLATE, encoding="utf-8")
    text = workbook.read_text(encoding="utf-8")
    workbook.write_text(text + "  - title: 荣获“市级文明单位”称号\n", encoding="utf-8")
    app = WenmiApp(workbook)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_compose(pilot, "zf-tui-rongyu")
        assert screen.result is not None and screen.result.opening == [5]
        assert "党群工作部荣获“市级文明单位”称号。" in screen.result.markup
        tree = screen.query_one("#sections", Tree)
        opening = tree.root.children[0]
        assert opening.data == ("opening", -1, 0) and "导语" in str(opening.label)
        assert [c.data for c in opening.children] == [("opening", 5, 0)]
        tree.focus()
        tree.move_cursor(opening.children[0])
        await pilot.pause()
        before = screen.result.markup
        await pilot.press("ctrl+down")
        await pilot.pause(0.2)
        assert screen.result.markup == before  # nothing moved
        assert app.session.workbook.achievements[5].section in (None, "")
