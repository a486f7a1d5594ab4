"""Pick a heading from the phrase bank: `PhrasePicker(Dialog[str | None])` gives the new heading."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, OptionList, Static
from textual.widgets.option_list import Option

from assistant.tui.dialogs.base import Dialog


class PhrasePicker(Dialog[str | None]):
    """Type to search (text, meaning, pinyin initials); ↓ to the list; Enter picks.

    For a pair heading ("提高站位　高标准制定工作措施") the phrase replaces only the head and the
    tail stays; the “替换整个标题” checkbox (Ctrl+T) makes it replace the whole heading. The
    dialog dismisses with the heading as it will read, or None when cancelled.
    """

    CSS_PATH = ["dialogs.tcss", "phrase_picker.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "取消"),
        Binding("down", "to_list", "列表", show=False),
        Binding("ctrl+t", "toggle_whole", "替换整个标题", show=False),
    ]

    def __init__(self, title: str, theme: str | None = None, *, pair_heading: str | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.theme = theme
        #: The current heading when it is a pair whose tail a picked phrase keeps.
        self.pair_heading = pair_heading
        self.found: list[Any] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="picker-box"):
            yield Static(self.title_text, classes="dialog-title")
            yield Input(id="query", placeholder="搜索：如 责任、tgzw；留空列出本主题的短语")
            yield OptionList(id="options")
            if self.pair_heading is not None:
                yield Checkbox("替换整个标题（Ctrl+T）", id="whole", compact=True)
                yield Static("", id="picker-result", classes="hint")
            yield Static("↓ 进入列表 · Enter 选用 · Esc 取消", classes="hint", id="picker-hint")

    def on_mount(self) -> None:
        self.query_one("#query", Input).focus()
        self._search("")

    @on(Input.Changed, "#query")
    def _typed(self, event: Input.Changed) -> None:
        self._search(event.value)

    @work(exclusive=True, group="picker")
    async def _search(self, query: str) -> None:
        import asyncio

        from assistant.errors import WenmiError
        from assistant.tui import engine

        await self.app.bank_ready.wait()  # type: ignore[attr-defined]
        try:
            if query.strip():
                found = await asyncio.to_thread(engine.search_phrases, query, limit=60)
            else:
                found = await asyncio.to_thread(
                    engine.search_phrases, "", kind="phrase", theme=self.theme, limit=200
                )
        except WenmiError as err:
            self.query_one("#picker-hint", Static).update("\n".join(engine.error_lines(err)))
            return
        self._show(found)

    def _show(self, found: list[Any]) -> None:
        self.found = found
        options = self.query_one("#options", OptionList)
        options.clear_options()
        options.add_options(
            [Option(f"{e.text}  · {e.theme} · {e.role}", id=str(i)) for i, e in enumerate(found)]
        )
        if found:
            options.highlighted = 0
        self._show_result()

    # ------------------------------------------------------------------ the heading it makes

    @property
    def whole(self) -> bool:
        """Replace the whole heading (always, unless the heading is a pair and the box is unticked)."""
        if self.pair_heading is None:
            return True
        return self.query_one("#whole", Checkbox).value

    def heading_for(self, phrase: str) -> str:
        """The heading after picking `phrase`: a pair keeps its tail unless `whole` is ticked."""
        from assistant.tui import engine

        if self.whole or self.pair_heading is None:
            return phrase
        return engine.heading_with_phrase(self.pair_heading, "pair", phrase)

    def _highlighted_text(self) -> str | None:
        index = self.query_one("#options", OptionList).highlighted
        if index is None or not 0 <= index < len(self.found):
            return None
        return str(self.found[index].text)

    def _show_result(self) -> None:
        if self.pair_heading is None:
            return
        phrase = self._highlighted_text()
        what = "替换整个标题" if self.whole else "只换前半句，保留后半句"
        text = f"{what}：改为“{self.heading_for(phrase)}”" if phrase else what
        self.query_one("#picker-result", Static).update(text)

    @on(OptionList.OptionHighlighted, "#options")
    @on(Checkbox.Changed, "#whole")
    def _result_changed(self) -> None:
        self._show_result()

    def action_toggle_whole(self) -> None:
        if self.pair_heading is not None:
            self.query_one("#whole", Checkbox).toggle()

    # ------------------------------------------------------------------ choosing

    def action_to_list(self) -> None:
        self.query_one("#options", OptionList).focus()

    @on(Input.Submitted, "#query")
    def _first(self) -> None:
        options = self.query_one("#options", OptionList)
        index = options.highlighted if options.highlighted is not None else 0
        if 0 <= index < len(self.found):
            self.dismiss(self.heading_for(self.found[index].text))

    @on(OptionList.OptionSelected, "#options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.heading_for(self.found[int(event.option.id or 0)].text))

    def action_cancel(self) -> None:
        self.dismiss(None)
