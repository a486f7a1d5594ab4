"""Template examples in the TUI: offered under the slot, written only when the drafter accepts them,
then marked in the .docx for review exactly as `wenmi render --examples` marks them; a piece the
drafter rewrites is theirs and loses its mark."""

from __future__ import annotations

from pathlib import Path

import docx
from textual.widgets import Button, Input, Static, TextArea

from assistant.ledger.files import load_workbook
from assistant.tui.app import WenmiApp
from assistant.tui.dialogs.export_result import ExportResultDialog
from assistant.tui.screens.compose import ComposeScreen
from tests.tui.conftest import screen_text, wait_for
from tests.tui.test_compose import open_compose
from tests.tui.test_export import export_with_enter

REVIEW_COMMENT = "示例内容，请核实或替换"


def highlighted(path: Path) -> list[str]:
    """Texts of the highlighted runs of the document (body and tables), in order."""
    document = docx.Document(str(path))
    runs = [r for p in document.paragraphs for r in p.runs]
    runs += [
        r for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs
    ]
    return [
        r.text
        for r in runs
        if r._r.rPr is not None and r._r.rPr.find(docx.oxml.ns.qn("w:highlight")) is not None
    ]


def comments(path: Path) -> list[str]:
    import zipfile

    with zipfile.ZipFile(path) as z:
        if "word/comments.xml" not in z.namelist():
            return []
        return [REVIEW_COMMENT] * z.read("word/comments.xml").decode("utf-8").count(REVIEW_COMMENT)


def area(screen: ComposeScreen, name: str) -> TextArea:
    return next(a for a in screen.query(".slot-area").results(TextArea) if a.name == name)


def accept_button(screen: ComposeScreen, name: str) -> Button:
    return next(b for b in screen.query(".accept-example").results(Button) if b.name == name)


class TestExamplesOffered:
    """Nothing is written until the drafter accepts; the offer says what would be written."""

    async def test_offer_is_shown_and_nothing_is_written(self, workbook: Path, user_data: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compose(pilot, "zz-tui-shili")
            assert "学习研讨深度不够" not in screen._preview_text
            assert accept_button(screen, "问题").parent.display
            text = screen_text(app)
            assert "模板示例：" in text and "采用示例" in text
            assert "问题" not in app.session.workbook.fields
            notes = str(screen.query_one("#diagnostics", Static).content)
            assert "fields" not in notes and "--" not in notes  # Chinese only, no CLI words

    async def test_accepted_by_keyboard_and_marked_in_the_docx(self, workbook: Path, user_data: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compose(pilot, "zz-tui-shili")
            area(screen, "问题").focus()
            await pilot.press("tab")  # from the field to its 采用示例
            assert app.focused is accept_button(screen, "问题")
            await pilot.press("enter")
            await wait_for(pilot, lambda: "学习研讨深度不够，发言准备不充分" in screen._preview_text)
            assert app.focused is area(screen, "问题")  # back in the field, to check or rewrite
            assert area(screen, "问题").text == "学习研讨深度不够，发言准备不充分\n成果转化链条不完整"
            assert area(screen, "问题").has_class("-example")
            assert not accept_button(screen, "问题").parent.display  # the offer is gone
            result = await export_with_enter(pilot)
            assert isinstance(result, ExportResultDialog)
            assert result.result.examples == 2
            await wait_for(pilot, lambda: "2 处采用的模板示例" in screen_text(app), timeout=20)
            path = result.result.path
        assert highlighted(path) == ["学习研讨深度不够，发言准备不充分", "成果转化链条不完整"]
        assert len(comments(path)) == 2

    async def test_rewritten_item_is_the_drafters_own(self, workbook: Path, user_data: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compose(pilot, "zz-tui-shili")
            accept_button(screen, "问题").press()
            field = area(screen, "问题")
            await wait_for(pilot, lambda: field.text.startswith("学习研讨"))
            field.focus()
            field.move_cursor((1, 0))
            field.select_line(1)
            await pilot.press(*"成果运用不充分")
            await wait_for(pilot, lambda: "成果运用不充分" in screen._preview_text)
            assert app.session.workbook.fields["问题"] == [
                "[示例]学习研讨深度不够，发言准备不充分[/示例]",
                "成果运用不充分",
            ]
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: not app.session.dirty)
        stored = load_workbook(workbook).fields["问题"]
        assert stored == ["[示例]学习研讨深度不够，发言准备不充分[/示例]", "成果运用不充分"]

    async def test_text_and_table_examples(self, workbook: Path, user_data: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            screen = await open_compose(pilot, "zz-tui-shili")
            accept_button(screen, "牵头部门").press()
            accept_button(screen, "配档表").press()
            box = next(b for b in screen.query(".slot-input").results(Input) if b.name == "牵头部门")
            await wait_for(pilot, lambda: box.value == "党委办公室")
            assert area(screen, "配档表").text == "学习研讨深度不够 | 党委办公室 | 年底前"
            await wait_for(pilot, lambda: "由党委办公室牵头" in screen._preview_text)
            result = await export_with_enter(pilot)
            path = result.result.path
        marked = highlighted(path)
        assert "党委办公室" in marked and "学习研讨深度不够" in marked and "年底前" in marked
