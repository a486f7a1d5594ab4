"""The templates page: suggestions on top, filter by text and pinyin initials, choosing."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static, Tree

from assistant.tui.app import WenmiApp
from assistant.tui.screens.compose import ComposeScreen
from assistant.tui.screens.templates import TemplatesScreen
from tests.tui.conftest import DATA, settle, wait_for


def _leaf_ids(tree: Tree) -> list[str]:  # type: ignore[type-arg]
    out: list[str] = []

    def walk(node) -> None:  # type: ignore[no-untyped-def]
        for child in node.children:
            if child.data:
                out.append(child.data)
            walk(child)

    walk(tree.root)
    return out


class TestTemplates:
    """Tree of categories × templates with the ranked suggestions first."""

    async def test_suggestions_then_categories(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("f3")
            screen = app.screen
            assert isinstance(screen, TemplatesScreen)
            tree = screen.query_one(Tree)
            top = tree.root.children[0]
            assert "推荐" in str(top.label)
            assert top.children[0].data == app.session.suggestions[0].id
            categories = [str(n.label) for n in tree.root.children[1:]]
            assert categories == ["政治建设（1）", "作风建设（2）"]
            detail = str(screen.query_one("#detail", Static).content)
            assert "推荐理由" in detail

    async def test_filter_by_text_and_pinyin_initials(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("f3", "ctrl+f")
            screen = app.screen
            box = screen.query_one("#filter", Input)
            box.value = "通知"
            await pilot.pause()
            assert set(_leaf_ids(screen.query_one(Tree))) == {"zz-tui-tongzhi"}
            box.value = "xxtz"  # 学习通知
            await pilot.pause()
            assert set(_leaf_ids(screen.query_one(Tree))) == {"zz-tui-tongzhi"}
            box.value = "zfjs"  # 作风建设
            await pilot.pause()
            assert set(_leaf_ids(screen.query_one(Tree))) == {"zf-tui-fangan", "zf-tui-gudin"}
            box.value = "不存在的模板"
            await pilot.pause()
            assert _leaf_ids(screen.query_one(Tree)) == []

    async def test_choose_template_goes_to_compose(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("f3", "ctrl+f", *"xxtz", "enter")
            assert app.screen.query_one(Tree).has_focus
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, ComposeScreen))
            assert app.session.workbook.template == "zz-tui-tongzhi"
            compose = app.screen
            await wait_for(pilot, lambda: "学习的通知" in compose._preview_text)
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert "template: zz-tui-tongzhi" in workbook.read_text(encoding="utf-8")


class TestFilterLikeAUser:
    """The filter as the README shows it: `xxtz` finds “关于开展……学习……的通知”."""

    async def test_initials_of_words_apart_in_the_name(self, workbook: Path, tmp_path: Path) -> None:
        folder = tmp_path / "home" / "templates" / "zhengzhi"
        folder.mkdir(parents=True)
        text = (DATA / "templates" / "zhengzhi" / "zz-tui-tongzhi.yaml").read_text(encoding="utf-8")
        text = text.replace("id: zz-tui-tongzhi", "id: zz-tui-dangshi").replace(
            "name: 学习通知", "name: 关于开展党史学习教育的通知"
        ).replace("keywords: [通知, 学习]", "keywords: [党史]")
        (folder / "zz-tui-dangshi.yaml").write_text(text, encoding="utf-8")
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("f3", "ctrl+f")
            screen = app.screen
            box = screen.query_one("#filter", Input)
            box.value = "xxtz"
            await pilot.pause()
            assert set(_leaf_ids(screen.query_one(Tree))) == {"zz-tui-tongzhi", "zz-tui-dangshi"}
            box.value = "dsxx"  # 党史学习
            await pilot.pause()
            assert set(_leaf_ids(screen.query_one(Tree))) == {"zz-tui-dangshi"}

    async def test_no_match_clears_the_detail(self, workbook: Path) -> None:
        app = WenmiApp(workbook)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            await pilot.press("f3", "ctrl+f", *"zzzz")
            await pilot.pause(0.2)
            screen = app.screen
            assert _leaf_ids(screen.query_one(Tree)) == []
            detail = str(screen.query_one("#detail", Static).content)
            assert "按 Enter 选用此模板" not in detail
            assert "没有符合" in detail
            await pilot.press("enter")  # to the (empty) list: nothing is chosen
            await pilot.pause(0.2)
            assert app.session.workbook.template is None
            assert "按 Enter 选用此模板" not in str(screen.query_one("#detail", Static).content)
