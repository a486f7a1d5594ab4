"""The phrase bank page: search, browse by theme and kind, copy, use as a heading, add your own."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Static, Tree

from assistant.tui.messages import HeadingPicked
from assistant.tui.screens.base import MainScreen

#: Rows listed at most (search results are ranked; browsing lists phrases first).
BROWSE_LIMIT = 300


class PhraseTable(DataTable[Any]):
    """Search results; C copies, I (or Enter) uses the phrase as the current heading."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "screen.copy", "复制"),
        Binding("i", "screen.insert", "用作标题"),
        Binding("enter", "screen.insert", "用作标题", show=False),
    ]


class PhrasesScreen(MainScreen):
    """词库: four-character phrases, pairs, sets and frameworks."""

    MODE = "phrases"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+f", "focus_search", "搜索"),
        Binding("ctrl+n", "add_phrase", "添加短语"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.kind: str | None = None
        self.theme: str | None = None
        self.entries: list[Any] = []
        self._built = False

    def compose_body(self) -> ComposeResult:
        yield Input(id="search", placeholder="搜索：文字、含义（如 责任）或拼音首字母（如 tgzw）")
        with Horizontal(id="phrases-main"):
            yield Tree("词库", id="browse")
            yield PhraseTable(id="results", cursor_type="row", zebra_stripes=True)
        yield Static("正在载入词库……", id="phrase-detail", classes="muted")

    def on_mount(self) -> None:
        tree = self.query_one("#browse", Tree)
        tree.show_root = False
        tree.guide_depth = 2
        self.query_one("#search", Input).focus()
        super().on_mount()

    # ------------------------------------------------------------------ showing

    def refresh_from_session(self) -> None:
        if not self.wenmi.bank_ready.is_set():
            return
        if self.wenmi.bank_error:
            self.query_one("#phrase-detail", Static).update(
                Text(f"词库无法使用：{self.wenmi.bank_error}", "red")
            )
            return
        if not self._built:
            self._build_tree()
        self._search()

    def _build_tree(self) -> None:
        from assistant.tui import engine

        kinds, labels, themes, _, _ = engine.phrase_vocabulary()
        b = engine.bank()
        tree = self.query_one("#browse", Tree)
        tree.clear()
        tree.root.add_leaf(f"全部（{len(b)}）", data=(None, None))
        for theme in themes:
            items = b.entries(theme=theme)
            if not items:
                continue
            node = tree.root.add(f"{theme}（{len(items)}）", data=(theme, None))
            for kind in kinds:
                n = sum(1 for e in items if e.kind == kind)
                if n:
                    node.add_leaf(f"{labels[kind]}（{n}）", data=(theme, kind))
        for kind in kinds:
            n = len(b.entries(kind=kind))
            if n:
                tree.root.add_leaf(f"全部{labels[kind]}（{n}）", data=(None, kind))
        self._built = True

    @on(Tree.NodeSelected, "#browse")
    def _browse(self, event: Tree.NodeSelected[Any]) -> None:
        if event.node.data is None:
            return
        self.theme, self.kind = event.node.data
        self._search()

    @on(Input.Changed, "#search")
    def _typed(self) -> None:
        if self.wenmi.bank_ready.is_set() and not self.wenmi.bank_error:
            self._search()

    @on(Input.Submitted, "#search")
    def _to_results(self) -> None:
        self.query_one(PhraseTable).focus()

    def _search(self) -> None:
        self._run_search(self.query_one("#search", Input).value, self.kind, self.theme)

    @work(thread=True, exclusive=True, group="phrase-search")
    def _run_search(self, query: str, kind: str | None, theme: str | None) -> None:
        from assistant.errors import WenmiError
        from assistant.tui import engine

        try:
            found = engine.search_phrases(query, kind=kind, theme=theme, limit=BROWSE_LIMIT)
            total = len(found) if query.strip() else engine.count_phrases(kind=kind, theme=theme)
        except WenmiError as err:
            self.app.call_from_thread(self.notify, "\n".join(engine.error_lines(err)), severity="error")
            return
        self.app.call_from_thread(self._show, query, found, total)

    def _show(self, query: str, found: list[Any], total: int) -> None:
        from assistant.tui import engine

        _, labels, _, _, _ = engine.phrase_vocabulary()
        self.entries = found
        table = self.query_one(PhraseTable)
        table.clear(columns=True)
        width = max(self.query_one(PhraseTable).size.width, 40)
        table.add_column("短语", key="text", width=max(12, width - 30))
        table.add_column("类别", key="kind", width=4)
        table.add_column("主题", key="theme", width=10)
        table.add_column("作用", key="role", width=4)
        for i, e in enumerate(found):
            source = " ★" if e.source == "user" else ""
            table.add_row(
                Text(e.text + source, no_wrap=True, overflow="ellipsis"),
                labels.get(e.kind, e.kind),
                e.theme,
                e.role,
                key=str(i),
            )
        scope = " · ".join(x for x in (self.theme, labels.get(self.kind or "", "")) if x) or "全部"
        note = f"{scope}：{total} 条" + (f"，列出前 {len(found)} 条" if total > len(found) else "")
        note += f"（搜索“{query}”）" if query.strip() else ""
        note += " · C 复制 · I 用作撰写页当前标题 · Ctrl+N 添加短语 · ★ 我的短语"
        self.query_one("#phrase-detail", Static).update(note)

    @on(DataTable.RowHighlighted, "#results")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        e = self._current()
        if e is None or not self.query_one(PhraseTable).has_focus:
            return
        if e.items:
            detail = f"{e.name}：" + "、".join(e.items)
        elif e.kind == "pair":
            detail = f"{e.head} ＋ {e.tail}" + (f"（{e.group}）" if e.group else "")
        else:
            detail = f"{e.text} · {e.theme} · {e.role}" + (f" · {e.structure}" if e.structure else "")
        self.query_one("#phrase-detail", Static).update(detail)

    # ------------------------------------------------------------------ actions

    def _current(self) -> Any | None:
        table = self.query_one(PhraseTable)
        if not self.entries or table.row_count == 0:
            return None
        row = table.cursor_row
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def action_copy(self) -> None:
        e = self._current()
        if e is None:
            self.notify("没有选中的短语。", severity="warning")
            return
        self.app.copy_to_clipboard(e.text)
        self.notify(f"已复制：{e.text}")

    def action_insert(self) -> None:
        e = self._current()
        if e is None:
            self.notify("没有选中的短语。", severity="warning")
            return
        s = self.session
        if s is None:
            return
        self.app.post_message(HeadingPicked(e.text))

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_add_phrase(self) -> None:
        from assistant.tui.dialogs.add_phrase import AddPhraseDialog

        if not self.wenmi.bank_ready.is_set() or self.wenmi.bank_error:
            self.notify("词库尚未就绪。", severity="warning")
            return
        text = self.query_one("#search", Input).value.strip()
        self.app.push_screen(AddPhraseDialog(text, self.theme), self._added)

    def _added(self, entry: Any) -> None:
        if entry is None:
            return
        self._built = False
        search = self.query_one("#search", Input)
        with search.prevent(Input.Changed):
            search.value = entry.text
        self.kind = self.theme = None
        self._build_tree()
        self._search()
