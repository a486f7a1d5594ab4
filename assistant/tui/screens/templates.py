"""The templates page: suggestions for this workbook, then the seven categories, with a filter."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Static, Tree

from assistant.categories import CATEGORIES
from assistant.tui.screens.base import MainScreen
from assistant.tui.widgets.trees import move_cursor_later

#: How many suggestions the tree shows on top.
TOP_SUGGESTIONS = 5


class TemplateTree(Tree[str]):
    """Node data is a template id (None for group nodes)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select_cursor", "选用", show=True)]


class TemplatesScreen(MainScreen):
    """模板: browse, filter and choose the template to compose with."""

    MODE = "templates"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+f", "focus_filter", "筛选"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._ranked_revision = -1
        #: Put the cursor on the workbook's template at the next build (another workbook opened).
        self._cursor_to_chosen = False

    def compose_body(self) -> ComposeResult:
        yield Input(id="filter", placeholder="筛选：名称、拼音首字母（如 zfss）、关键词或文种")
        with Horizontal(id="templates-main"):
            yield TemplateTree("模板", id="tree")
            with VerticalScroll(id="detail-box"):
                yield Static("正在载入模板……", id="detail", classes="loading-note")

    def on_mount(self) -> None:
        tree = self.query_one(TemplateTree)
        tree.show_root = False
        tree.guide_depth = 2
        tree.focus()
        super().on_mount()

    # ------------------------------------------------------------------ showing

    def refresh_from_session(self) -> None:
        s = self.session
        assert s is not None
        if s.templates is None:
            return
        self._build_tree()
        if self._ranked_revision != s.revision and s.templates:
            self._rerank(s.revision)

    def reset(self) -> None:
        # The suggestions came with the new session (ranked when it was read).
        self._ranked_revision = self.session.revision if self.session is not None else -1
        self._cursor_to_chosen = True

    @work(thread=True, exclusive=True, group="rank")
    def _rerank(self, revision: int) -> None:
        from assistant.tui import engine

        s = self.session
        if s is None or s.templates is None:
            return
        suggestions = engine.rank(s.workbook, s.templates)
        self.app.call_from_thread(self._reranked, s, revision, suggestions)

    def _reranked(self, ranked: Any, revision: int, suggestions: list[Any]) -> None:
        s = self.session
        if s is None or s is not ranked:
            return  # ranked for a workbook that is no longer open
        self._ranked_revision = revision
        if [x.id for x in suggestions[:TOP_SUGGESTIONS]] != [x.id for x in s.suggestions[:TOP_SUGGESTIONS]]:
            s.suggestions = suggestions
            self._build_tree()
        else:
            s.suggestions = suggestions

    def _build_tree(self) -> None:
        s = self.session
        if s is None or s.templates is None:
            return
        tree = self.query_one(TemplateTree)
        query = self.query_one("#filter", Input).value
        keep = tree.cursor_node.data if tree.cursor_node is not None else s.template_id
        if self._cursor_to_chosen:
            keep, self._cursor_to_chosen = s.template_id, False
        tree.clear()
        shown = [e for e in s.templates if e.matches(query)]
        ids = {e.template.id for e in shown}
        by_id = {e.template.id: e.template for e in shown}
        chosen = s.template_id
        suggested = [x for x in s.suggestions if x.id in ids][:TOP_SUGGESTIONS]
        if suggested:
            top = tree.root.add("★ 为本台账推荐", expand=True)
            for x in suggested:
                label = Text.assemble(
                    ("● " if x.id == chosen else "  "),
                    by_id[x.id].name,
                    (f"  {round(x.score * 100)}分", "dim"),
                )
                top.add_leaf(label, data=x.id)
        groups: dict[str, list[Any]] = {c: [] for c in CATEGORIES}
        for e in shown:
            groups.setdefault(e.template.category, []).append(e.template)
        for category, items in groups.items():
            if not items:
                continue
            node = tree.root.add(
                f"{category}（{len(items)}）", expand=bool(query) or category == _category_of(s)
            )
            for t in items:
                label = Text.assemble(("● " if t.id == chosen else "  "), t.name, (f"  {t.doctype}", "dim"))
                node.add_leaf(label, data=t.id)
        if not shown:
            tree.root.add_leaf(Text("没有符合筛选的模板", style="dim"))
        self._restore_cursor(keep)

    def _restore_cursor(self, template_id: str | None) -> None:
        tree = self.query_one(TemplateTree)

        def walk(node: Any) -> Any:
            for child in node.children:
                if child.data is not None and child.data == template_id:
                    return child
                found = walk(child)
                if found is not None:
                    return found
            return None

        target = walk(tree.root) if template_id else None
        if target is None:
            target = next((n for n in _leaves(tree.root) if n.data), None)
        if target is not None:
            if target.parent is not None:
                target.parent.expand()
            move_cursor_later(tree, target)
            self._show_detail(target.data)
        else:
            self._show_detail(None)

    def _show_detail(self, template_id: str | None) -> None:
        from assistant.tui import engine

        s = self.session
        detail = self.query_one("#detail", Static)
        detail.remove_class("loading-note")
        t = s.template_by_id(template_id) if s else None
        if s is None or t is None:
            query = self.query_one("#filter", Input).value.strip()
            if query and s is not None and not any(e.matches(query) for e in s.templates or ()):
                detail.update(f"没有符合筛选“{query}”的模板。换个词试试，或清空筛选查看全部模板。")
            else:
                detail.update("选择左侧的模板查看说明。")
            return
        lines = Text()
        lines.append(t.name, style="bold")
        if t.id == s.template_id:
            lines.append("  （当前选用）", style="green")
        lines.append(f"\n{t.id} · {t.category} · {t.doctype}\n\n", style="dim")
        lines.append(t.description + "\n")
        if t.sections is not None and t.sections.pattern != "none":
            plan = t.sections
            if plan.headings:
                lines.append(f"\n分节：{len(plan.headings)}部分，固定标题：\n")
                for i, h in enumerate(plan.headings, start=1):
                    lines.append(f"{i}.{h}\n")
            else:
                lines.append(
                    f"\n分节：最多{plan.count}部分，标题用{engine.pattern_label(plan.pattern)}（可换）\n"
                )
        if t.slots:
            lines.append("\n填写项：\n", style="bold")
            for slot in t.slots:
                need = ("，必填" if slot.required else "") + ("，有示例可采用" if slot.examples is not None else "")
                lines.append(f"·{slot.label}（{engine.slot_type_label(slot.type)}{need}）")
                if slot.help:
                    lines.append(f"：{slot.help}", style="dim")
                lines.append("\n")
        reasons = next((x for x in s.suggestions if x.id == t.id), None)
        if reasons is not None and reasons.reasons:
            lines.append("\n推荐理由：\n", style="bold")
            for r in reasons.reasons:
                lines.append(f"·{r}\n")
        lines.append("\n按 Enter 选用此模板，转到“撰写”页。", style="dim")
        detail.update(lines)

    # ------------------------------------------------------------------ events

    @on(Input.Changed, "#filter")
    def _filter(self) -> None:
        self._build_tree()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        tree = self.query_one(TemplateTree)
        first = next((n for n in _leaves(tree.root) if n.data), None)
        tree.focus()
        if first is not None:
            tree.move_cursor(first)

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        if event.node.data:
            self._show_detail(event.node.data)

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected[str]) -> None:
        if event.node.data:
            self.choose(event.node.data)

    def action_choose(self) -> None:
        node = self.query_one(TemplateTree).cursor_node
        if node is not None and node.data:
            self.choose(node.data)

    def choose(self, template_id: str) -> None:
        s = self.session
        if s is None:
            return
        t = s.template_by_id(template_id)
        if t is None:
            return
        s.choose_template(template_id)
        self.changed("template", f"选用模板“{t.name}”")
        self._build_tree()
        self.notify(f"已选用模板：{t.name}", title="模板")
        self.app.call_later(self.wenmi.action_switch_mode, "compose")

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()


def _leaves(node: Any) -> list[Any]:
    out = []
    for child in node.children:
        if child.children:
            out.extend(_leaves(child))
        else:
            out.append(child)
    return out


def _category_of(session: Any) -> str | None:
    t, _ = session.effective_template()
    return t.category if t is not None else None
