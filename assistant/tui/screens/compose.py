"""The compose page: the template's slots, its sections with their achievements, a live preview.

Typing in a slot writes the workbook's `fields` and composes the document again. Requests are
coalesced: while one composition runs, further keystrokes only mark the preview as wanted
again, and the newest state is composed as soon as the running one finishes, so the preview
follows typing without queueing stale work.

Where it is composed depends on how long that takes. Arranging the achievements into sections
(headings, paragraphs) is the slow part, a second for a thousand, and typing in a field leaves it
as it is (`engine.Composer` keeps it). A composition of a few milliseconds (a seed-sized
document) runs at once on the UI thread, so the keystroke and its preview share a frame; one of
tens of milliseconds (a thousand achievements, arrangement kept) runs on the UI thread right
after the frame that shows the keystroke (a worker thread would halve both by sharing the GIL);
one that must arrange anew runs in a worker thread, started after that frame too. Until that one
is shown, the preview says it is being updated (its title; after a move, the moved row's
paragraph highlighted in the text as it was), and keys go on working.

A move is foreseen: once the cursor rests on an achievement in the tree (`FORESEE_AFTER`), the
moves Ctrl+↓ and Ctrl+↑ would make are arranged and their documents composed in a thread
(`engine.Composer.foresee`, `foresee_document`), so the move, when made, shows the new document
in the frame of its key. A row moved back, or an undo, finds its arrangement too (the document
then follows a frame later). The cursor going elsewhere, or another composition, stops it; a
move made before it is done waits for it when it is that move, and is composed as before if not.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static, TextArea, Tree

from assistant.tui.screens.base import MainScreen
from assistant.tui.widgets.preview import DocumentPreview
from assistant.tui.widgets.trees import move_cursor_later

if TYPE_CHECKING:
    from textual.widget import Widget

    from assistant.compose import ComposeResult as Composed
    from assistant.templating import Template
    from assistant.templating.model import Slot
    from assistant.tui.engine import Composer, Preview


#: Compositions expected to take less than this run at once, in the keystroke's frame…
SAME_FRAME_MS = 25.0
#: …and, less than this, on the UI thread after it; slower ones in a thread (`_start_preview`).
INLINE_COMPOSE_MS = 50.0
#: Seconds the cursor rests on an achievement before its moves are arranged ahead (`_foresee`):
#: a user going down the tree with the arrow keys passes rows faster than that.
FORESEE_AFTER = 0.15

#: What an empty slot suggests typing, by slot type.
SLOT_PLACEHOLDERS = {
    "text": "填写文字",
    "date": "如：2023-01-11",
    "number": "填写数字，如 35",
    "list": "多项用顿号分隔：甲、乙、丙",
    "table": "每行一条，如：\n整改问题 | 整改措施 | 责任单位\n……",
}


class SectionTree(Tree[tuple[str, int, int]]):
    """Sections and their achievements. Data: ("section", index, index) or ("achievement", wb index, section);
    the unit's honours told in the opening: ("opening", -1, 0) and ("opening", wb index, 0)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+up", "screen.move_achievement(-1)", "移到上一部分"),
        Binding("ctrl+down", "screen.move_achievement(1)", "移到下一部分"),
        Binding("m", "screen.choose_section", "移到…"),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: Label widths by node (the label they were measured for, the width): Textual measures
        #: every label each time the tree changes, a thousand labels for one moved achievement.
        self._widths: dict[int, tuple[Any, int]] = {}

    def get_label_width(self, node: Any) -> int:
        kept = self._widths.get(id(node))
        if kept is not None and kept[0] is node.label:
            return kept[1]
        if len(self._widths) > 4096 and len(self._widths) > 3 * len(self._tree_lines_cached or ()):
            self._widths = {}  # forget nodes long removed
        width = super().get_label_width(node)
        self._widths[id(node)] = (node.label, width)
        return width


class SlotInput(Input):
    """A slot's one-line field. The document is composed again as the keystroke changes the
    value, before the frame that shows it is drawn, so the keystroke and the preview share a
    frame (the Changed message would come after that frame, and the preview a frame later)."""

    def watch_value(self, value: str) -> None:
        screen = self.screen if self.is_attached else None
        if isinstance(screen, ComposeScreen):
            screen.slot_typed(self, value)


class ComposeScreen(MainScreen):
    """撰写: fill the slots, arrange the sections, watch the document take shape."""

    MODE = "compose"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "cycle_headings(1)", "换标题"),
        Binding("ctrl+b", "cycle_headings(-1)", "上一组", show=False),
        Binding("ctrl+t", "pick_heading", "选词作标题"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.template: Template | None = None
        self.result: Composed | None = None
        self._slot_template: str | None = None
        self._tree_signature: Any = None
        self._wanted = 0
        self._composing = False
        #: How long the last composition took that reused the arrangement of the achievements,
        #: and the last that arranged them anew; the first one (and slow ones) run in a thread.
        self._reused_ms = float("inf")
        self._arranged_ms = float("inf")
        self._arranged_times: deque[float] = deque(maxlen=32)
        self._preview_text = ""
        #: The preview shows the document as it was while the new one is composed (`_show` ends it).
        self._updating = False
        self._notes: tuple[tuple[str, str], ...] = ()
        self._slot_error: tuple[str | None, str | None] = (None, None)
        #: What is wrong with a table field as typed (rows of different lengths), by slot name.
        self._table_problems: dict[str, str] = {}
        #: The messages under the slots now, by slot name (so a keystroke repaints only on change).
        self._shown_errors: dict[str, str] = {}
        #: Put the section cursor back on the current section at the next fill (workbook opened).
        self._forget_cursor = False
        #: After Ctrl+R/Ctrl+B: (seed before, seed asked for, headings before), to tell the user
        #: when the new set is the same as the old one.
        self._cycling: tuple[int, int, list[str]] | None = None
        #: The field whose help is shown under the fields.
        self._help_for: Widget | None = None
        #: Undo or redo changed the fields: show them even in the one with the cursor.
        self._force_sync = False
        #: Preview generations finished (tests and the benchmark wait on it).
        self.preview_generation = 0
        #: Keeps the arrangement of the achievements while only the fields change (made on first use).
        self._composer: Composer | None = None
        #: While moves wait for the composition to confirm them: the section every achievement
        #: is to stay in (what the tree shows), by workbook index; and the step they belong to.
        self._keep: dict[int, int] | None = None
        self._move_step: tuple[str, int, str] = ("move", 0, "")
        #: The achievements the tree shows (its leaves' indices are theirs), and the figures
        #: shown beside each (by achievement identity; the TUI replaces an edited achievement).
        self._tree_items: list[Any] = []
        self._figures: dict[int, tuple[Any, str]] = {}
        #: Arranges ahead the moves of the row under the cursor once it rests there (`_foresee`).
        self._foresee_timer: Any = None
        #: The composition asked for last is made on the UI thread after the next frame (a move
        #: foreseen: `_start_preview`).
        self._next_frame = False

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="compose-main"):
            with Vertical(id="left"):
                yield Static("正在载入模板……", id="template-line")
                yield VerticalScroll(id="slots")
                yield Static("", id="slot-help")
                yield Static("分节与成效", classes="pane-title", id="sections-title")
                yield SectionTree("分节", id="sections")
            with Vertical(id="right"):
                yield Static("预览", classes="pane-title", id="preview-title")
                yield DocumentPreview(id="preview")
                yield Static("", id="diagnostics")

    def on_mount(self) -> None:
        tree = self.query_one(SectionTree)
        tree.show_root = False
        tree.guide_depth = 2
        super().on_mount()

    def reset(self) -> None:
        self._slot_template = None  # rebuild the slots with the new workbook's fields
        self._tree_signature = None
        self._forget_cursor = True
        self._keep = None
        self.result = None

    def mark_stale(self) -> None:
        # Changed on another page (an import, a deletion…): the tree's indices may no longer be
        # the workbook's, so pending moves are not checked against it.
        self._keep = None
        super().mark_stale()

    # ------------------------------------------------------------------ template and slots

    def refresh_from_session(self) -> None:
        s = self.session
        assert s is not None
        if s.templates is None:
            return
        template, suggested = s.effective_template()
        self.template = template
        line = self.query_one("#template-line", Static)
        if template is None:
            line.update("没有可用的模板。")
            return
        how = "推荐模板，F3 可更换" if suggested else "F3 可更换"
        text = Text.assemble(("模板：", "dim"), (template.name, "bold"), (f"（{how}）", "dim"))
        if (
            template.sections is not None
            and template.sections.pattern != "none"
            and not template.sections.headings
        ):
            text.append(f"  标题第 {s.seed + 1} 组", style="dim")
        line.update(text)
        if self._slot_template != template.id:
            self._build_slots(template)
        else:
            self._sync_slots(template)
        self.request_preview()

    def _build_slots(self, template: Template) -> None:
        from assistant.tui import engine

        s = self.session
        assert s is not None
        box = self.query_one("#slots", VerticalScroll)
        box.remove_children()
        self._table_problems = {}
        widgets: list[Any] = []
        for slot in template.slots:
            if slot.type == "achievements":
                continue
            label = slot.label + ("（必填）" if slot.required else "")
            widgets.append(Label(label, classes="slot-label"))
            stored = s.workbook.fields.get(slot.name)
            if slot.type == "table":
                widgets.extend(self._table_field(slot))
            elif slot.type == "list" and slot.examples is not None:
                widgets.extend(self._list_field(slot))
            else:
                default = engine.slot_text(slot.default)
                placeholder = f"默认：{default}" if default else short_help(slot) or SLOT_PLACEHOLDERS.get(slot.type, "")
                value = engine.slot_text(engine.unmarked(stored))
                field = SlotInput(value, placeholder=placeholder, name=slot.name, compact=True, classes="slot-input")
                field.tooltip = slot.help or None
                widgets.append(field)
            if slot.examples is not None:
                widgets.extend(self._example_offer(slot, stored))
            problem = self._table_problems.get(slot.name, "")
            classes = "field-error slot-error" + (" -shown" if problem else "")
            widgets.append(Static(problem, classes=classes, name=slot.name))
        if not widgets:
            widgets.append(Static("此模板没有需要填写的项。", classes="muted"))
        box.mount_all(widgets)
        self._slot_template = template.id
        self._slot_error = (None, None)
        self._shown_errors = dict(self._table_problems)
        for slot in template.slots:
            if slot.examples is not None:
                self._show_example_state(slot.name)

    def _table_field(self, slot: Slot) -> list[Any]:
        """A table slot: a text area, one row a line, cells split by |; a one-line hint below."""
        from assistant.tui import engine

        s = self.session
        assert s is not None
        text = engine.table_text(slot, engine.unmarked(s.workbook.fields.get(slot.name)))
        default = engine.table_text(slot, slot.default)
        placeholder = f"留空则用默认表格：\n{default}" if default else SLOT_PLACEHOLDERS["table"]
        area = self._text_area(slot, text, "slot-table", placeholder)
        if text:
            problem = engine.parse_table(slot, text)[1]
            if problem:
                self._table_problems[slot.name] = problem
        width = engine.table_width(slot)
        hint = f"一行一条，每行 {width} 格，格间用 | 分隔" if width else "一行一条，格间用 | 分隔"
        return [area, Static(hint, classes="slot-hint")]

    def _list_field(self, slot: Slot) -> list[Any]:
        """A list slot whose items are sentences (it offers examples): one item a line."""
        from assistant.tui import engine

        s = self.session
        assert s is not None
        text = engine.list_text(engine.unmarked(s.workbook.fields.get(slot.name)))
        placeholder = short_help(slot) or "一行写一条"
        return [self._text_area(slot, text, "slot-list", placeholder), Static("一行写一条", classes="slot-hint")]

    @staticmethod
    def _text_area(slot: Slot, text: str, kind: str, placeholder: str) -> TextArea:
        area = TextArea(
            text,
            name=slot.name,
            classes=f"slot-area {kind}",
            soft_wrap=True,
            show_line_numbers=True,
            compact=True,
            highlight_cursor_line=False,
            placeholder=placeholder,
        )
        area.tooltip = slot.help or None
        return area

    # ------------------------------------------------------------------ template examples

    def _example_offer(self, slot: Slot, stored: Any) -> list[Any]:
        """Under a slot that offers examples: the examples and 采用示例 (while the slot is
        empty), or, once accepted, a note that they are marked in the document for review."""
        from assistant.tui import engine

        summary = Text.assemble(("模板示例：", "bold"), engine.example_summary(slot))
        offer = Horizontal(
            Static(summary, classes="example-text"),
            Button("采用示例", name=slot.name, classes="accept-example", compact=True),
            classes="example-offer",
            name=slot.name,
        )
        note = Static(
            "↑ 模板示例：导出时标出待核实；改写过的条目即为您的内容",
            classes="example-note",
            name=slot.name,
        )
        return [offer, note]

    def _show_example_state(self, name: str) -> None:
        """Offer the examples while the slot is empty; mark the field while it holds them."""
        from assistant.tui import engine

        s = self.session
        if s is None:
            return
        stored = s.workbook.fields.get(name)
        empty = engine.unmarked(stored) in (None, "", [])
        marked = bool(engine.marked_pieces(stored))
        for widget in self.query(".example-offer, .example-note"):
            if widget.name == name:
                widget.display = empty if widget.has_class("example-offer") else marked
        for widget in self.query(".slot-input, .slot-area"):
            if widget.name == name:
                widget.set_class(marked, "-example")

    @on(Button.Pressed, ".accept-example")
    def _accept_example(self, event: Button.Pressed) -> None:
        from assistant.tui import engine

        s = self.session
        slot = self.template.slot(str(event.button.name)) if self.template else None
        if s is None or slot is None or slot.examples is None:
            return
        event.stop()
        s.workbook.fields[slot.name] = engine.example_value(slot)
        self.changed("slot", f"采用“{slot.label}”的模板示例")
        self._force_sync = True
        self._sync_slots(self.template)  # type: ignore[arg-type]
        self._show_example_state(slot.name)
        field = next((w for w in self.query(".slot-input, .slot-area") if w.name == slot.name), None)
        if field is not None:
            field.focus()
        self.request_preview()

    def _with_marks(self, name: str, value: Any) -> Any:
        """What to store for a slot the drafter typed `value` into: accepted examples kept
        word for word keep their review marks."""
        from assistant.tui import engine

        s = self.session
        stored = s.workbook.fields.get(name) if s is not None else None
        return engine.keep_marks(stored, value) if engine.marked_pieces(stored) else value

    # ------------------------------------------------------------------ typing in the slots

    def _sync_slots(self, template: Template) -> None:
        """Show field values changed elsewhere (a restore) without disturbing the one being typed."""
        from assistant.tui import engine

        s = self.session
        assert s is not None
        force, self._force_sync = self._force_sync, False
        for box in self.query(".slot-input").results(Input):
            value = engine.slot_text(engine.unmarked(s.workbook.fields.get(str(box.name))))
            if box.value != value and (force or not box.has_focus):
                with box.prevent(Input.Changed):
                    box.value = value
        for area in self.query(".slot-area").results(TextArea):
            slot = template.slot(str(area.name))
            if slot is None or (area.has_focus and not force):
                continue
            stored = engine.unmarked(s.workbook.fields.get(slot.name))
            if area.has_class("slot-list"):
                if engine.parse_list(area.text) != engine.parse_list(engine.list_text(stored)):
                    with area.prevent(TextArea.Changed):
                        area.text = engine.list_text(stored)
                continue
            if engine.parse_table(slot, area.text)[0] != engine.table_rows(slot, stored):
                with area.prevent(TextArea.Changed):
                    area.text = engine.table_text(slot, stored)
                self._set_table_problem(slot.name, engine.parse_table(slot, area.text)[1])
        for slot in template.slots:
            if slot.examples is not None:
                self._show_example_state(slot.name)

    def on_descendant_focus(self, event: Any) -> None:
        """The cursor came to a field: its whole help under the fields (a placeholder is cut);
        to the sections: the highlighted achievement whole (a narrow pane cuts it) and its keys."""
        self._show_slot_help(event.widget)

    def on_descendant_blur(self, event: Any) -> None:
        if event.widget is self._help_for:
            self._show_slot_help(None)

    def _show_slot_help(self, widget: Widget | None) -> None:
        box = self.query_one("#slot-help", Static)
        is_slot = widget is not None and (widget.has_class("slot-input") or widget.has_class("slot-area"))
        slot = self.template.slot(str(widget.name)) if is_slot and self.template is not None else None
        text = slot.help if slot is not None and slot.help and slot.help != short_help(slot) else ""
        if isinstance(widget, SectionTree):
            text = self._tree_hint(widget.cursor_node)
        self._help_for = widget if text else None
        box.update(text or "")
        box.display = bool(text)

    @on(Input.Changed, ".slot-input")
    def _slot_changed(self, event: Input.Changed) -> None:
        self.slot_typed(event.input, event.value)

    def slot_typed(self, box: Input, typed: str) -> None:
        """`box` now holds `typed`: keep it in the workbook and compose again (called by the
        field itself as the key changes it, see `SlotInput`; its Changed message then finds it
        kept already)."""
        from assistant.tui import engine

        s = self.session
        if s is None:
            return
        name = str(box.name)
        value = typed.strip()
        if value == engine.slot_text(engine.unmarked(s.workbook.fields.get(name))).strip():
            return  # the Input showing what is stored (mount, sync), not an edit
        if value:
            s.workbook.fields[name] = self._with_marks(name, value)
        else:
            s.workbook.fields.pop(name, None)
        self._slot_edited(name)

    @on(TextArea.Changed, ".slot-list")
    def _list_changed(self, event: TextArea.Changed) -> None:
        """Items typed one a line: kept as a list."""
        from assistant.tui import engine

        s = self.session
        name = str(event.text_area.name)
        if s is None:
            return
        items = engine.parse_list(event.text_area.text)
        if items == engine.parse_list(engine.list_text(engine.unmarked(s.workbook.fields.get(name)))):
            return
        if items:
            s.workbook.fields[name] = self._with_marks(name, items)
        else:
            s.workbook.fields.pop(name, None)
        self._slot_edited(name)

    @on(TextArea.Changed, ".slot-table")
    def _table_changed(self, event: TextArea.Changed) -> None:
        """Rows typed in a table field: kept as rows (as typed, even uneven), checked inline."""
        from assistant.tui import engine

        s = self.session
        slot = self.template.slot(str(event.text_area.name)) if self.template else None
        if s is None or slot is None:
            return
        rows, problem = engine.parse_table(slot, event.text_area.text)
        self._set_table_problem(slot.name, problem)
        if rows == engine.table_rows(slot, engine.unmarked(s.workbook.fields.get(slot.name))):
            return  # the field showing what is stored, or a change of layout only
        if rows:
            s.workbook.fields[slot.name] = self._with_marks(slot.name, rows)
        else:
            s.workbook.fields.pop(slot.name, None)
        self._slot_edited(slot.name)

    def _slot_edited(self, name: str) -> None:
        self.changed("slot", self._slot_label(name), ("slot", name))
        slot = self.template.slot(name) if self.template is not None else None
        if slot is not None and slot.examples is not None:
            self._show_example_state(name)
        self.request_preview()

    def _slot_label(self, name: str) -> str:
        slot = self.template.slot(name) if self.template is not None else None
        return f"填写“{slot.label if slot is not None else name}”"

    def history_moved(self) -> None:
        self._force_sync = True
        self._keep = None  # undo or redo: what the tree showed is no longer what to keep

    def _set_table_problem(self, name: str, problem: str | None) -> None:
        if problem:
            self._table_problems[name] = problem
        else:
            self._table_problems.pop(name, None)
        self._paint_slot_errors()

    # ------------------------------------------------------------------ preview

    def request_preview(self, *, after_frame: bool = False) -> None:
        """Compose again soon; coalesces requests made while a composition is running.
        `after_frame`: not before the frame that shows the change (a move: the row in its place)."""
        self._wanted += 1
        if not self._composing:
            self._start_preview(after_frame)
        else:
            self._next_frame = False  # composed after the one running

    def _start_preview(self, after_frame: bool = False) -> None:
        s = self.session
        self._next_frame = False
        if s is None or self.template is None:
            return
        self._composing = True
        # the arrangement kept, or one made before for rows that say the same (a move foreseen)
        fits = self._composer is not None and self._composer.ready(self.template, s.workbook)
        if after_frame and fits and self._composer is not None and self._composer.document(self.template, s.workbook):
            # a move composed ahead (`_foresee`): its document shows with it, in its key's frame
            self._compose_here()
            return
        expected = self._reused_ms if fits else self._arranged_ms
        if fits and expected == float("inf"):
            expected = SAME_FRAME_MS  # not timed yet: composing with the kept arrangement is quick
        if expected < SAME_FRAME_MS and not after_frame:
            # A quick document: compose right here, so the preview is in the same frame as
            # the keystroke (a thread hop costs more than the composing).
            self._compose_here()
        elif fits and expected < INLINE_COMPOSE_MS:
            # Once the messages waiting are handled (the keystroke's frame is usually out by
            # then; a move's, surely): here, for a thread would share the GIL with the UI and
            # slow both. A move foreseen: the tree shows it at once, the document a frame later.
            self._next_frame = after_frame
            (self.call_after_refresh if after_frame else self.call_later)(self._compose_here)
        else:
            # In a thread, started after the frame that shows the keystroke (or the move). When
            # the sections are arranged anew (a move, another heading set…), which takes long,
            # the preview says at once that it is being updated (`_show` ends it).
            if not fits:
                self._preview_updating()
            self.call_after_refresh(self._compose_away)

    def _snapshot(self) -> tuple[int, Any, Any]:
        """(generation, template, a copy of the workbook) to compose: what the screens change in
        place is copied; the achievements are shared (an edited one is replaced, not changed)."""
        s = self.session
        assert s is not None
        wb = s.workbook
        snapshot = replace(
            wb, fields=dict(wb.fields), achievements=list(wb.achievements), headings=dict(wb.headings)
        )
        return self._wanted, self.template, snapshot

    def _compose_here(self) -> None:
        s = self.session
        if s is None or self.template is None:
            self._composing = False
            return
        fits = self._composer is not None and self._composer.ready(self.template, s.workbook)
        if not fits and self._arranged_ms >= SAME_FRAME_MS:
            self._compose_away()  # the achievements changed since this was asked for: slow now
            return
        args = self._snapshot()
        self._preview_ready(*args, *self._compose_document(*args[1:]))

    def _compose_away(self) -> None:
        if self.session is None or self.template is None:
            self._composing = False
            return
        self._compose_in_thread(*self._snapshot())

    def _compose_document(self, template: Any, wb: Any) -> tuple[Any, Preview]:
        """Compose with the workbook's chosen headings (its `seed:` and `headings:`)."""
        from assistant.tui import engine

        start = time.perf_counter()
        if self._composer is None:
            self._composer = engine.Composer()
        try:
            result, shown = engine.compose_preview(template, wb, composer=self._composer)
        except Exception as exc:  # noqa: BLE001 - a template bug must not kill the screen
            result, shown = None, engine.Preview("", f"内部错误：{exc}")
        took = (time.perf_counter() - start) * 1000
        if self._composer.reused or self._composer.found:
            self._reused_ms = took
        else:
            # What the next arrangement is expected to take: the slowest of the last ones (the
            # first, which loads the engine, left out once there are others). A row moved back
            # finds its sections kept and is quick, the next row moved is not: quick ones must
            # not bring that move onto the UI thread.
            if self._arranged_ms != float("inf"):
                self._arranged_times.append(took)
            self._arranged_ms = max(self._arranged_times, default=took)
            # The new arrangement stays until the achievements change: keep the garbage
            # collector from walking its objects again and again (with a thousand achievements
            # a full collection took 50 ms, in the middle of typing). Frozen objects are still
            # freed when no longer used; only a cycle among them would outlive its use.
            import gc

            gc.freeze()
        return result, shown

    @work(thread=True, group="preview", description="组稿预览")  # no repr of the workbook
    def _compose_in_thread(self, generation: int, template: Any, wb: Any) -> None:
        result, shown = self._compose_document(template, wb)
        self.app.call_from_thread(self._preview_ready, generation, template, wb, result, shown)

    def _preview_ready(self, generation: int, template: Any, wb: Any, result: Any, shown: Preview) -> None:
        self._composing = False
        self.preview_generation = generation
        # While moves are being confirmed, only the newest composition counts, and only once it
        # leaves every other achievement where it was (else it is composed again, see below).
        settled = self._keep is None or (self._wanted == generation and self._moves_settled(result, wb))
        if template is self.template and settled:
            self._show(result, shown, wb)
        if self._wanted != generation:
            self._start_preview()

    def _preview_updating(self, needle: str | None = None, what: str = "正在更新……") -> None:
        """The preview shows the document as it was until the new one is ready; the paragraphs
        containing `needle` are highlighted, and the pane's title says `what`."""
        if not self._preview_text:
            return  # nothing shown yet: nothing to mark
        self.query_one(DocumentPreview).updating(needle)
        self.query_one("#preview-title", Static).update(f"预览 · {what}", layout=False)
        self._updating = True

    def _preview_current(self) -> None:
        if self._updating:
            self._updating = False
            self.query_one(DocumentPreview).done()
            self.query_one("#preview-title", Static).update("预览", layout=False)

    def _show(self, result: Composed | None, shown: Preview, wb: Any) -> None:
        # Only touch widgets whose content changed: every update of an auto-height widget
        # costs a layout of the whole page, which is what a keystroke must not pay for.
        self._preview_current()
        self._show_slot_errors(shown.error_field, shown.error if result is None else None)
        if result is None:
            self._set_diagnostics((("bold red", shown.error or ""),))
            return
        self.result = result
        self._preview_text = shown.text
        self._render_preview()
        notes = ((("red", shown.error),) if shown.error else ()) + tuple(
            ("yellow", f"⚠{d}") for d in shown.diagnostics[:3]
        )
        self._set_diagnostics(notes)
        self._fill_sections(result, wb)
        self._check_cycled(result, wb)

    def _set_diagnostics(self, notes: tuple[tuple[str, str], ...]) -> None:
        if notes == self._notes:
            return
        self._notes = notes
        box = self.query_one("#diagnostics", Static)
        box.update(Text("\n").join(Text(text, style=style) for style, text in notes))
        box.display = bool(notes)

    def _render_preview(self) -> None:
        self.query_one(DocumentPreview).update(self._preview_text)

    def _show_slot_errors(self, field: str | None, error: str | None) -> None:
        self._slot_error = (field, error) if error else (None, None)
        self._paint_slot_errors()

    def _paint_slot_errors(self) -> None:
        """Under each slot: the engine's error about it, else what is wrong with its table."""
        shown = dict(self._table_problems)
        field, error = self._slot_error
        if field and error:
            shown[field] = error
        if shown == self._shown_errors:
            return
        self._shown_errors = shown
        for err in self.query(".slot-error").results(Static):
            text = shown.get(str(err.name), "")
            err.update(text)
            err.set_class(bool(text), "-shown")

    # ------------------------------------------------------------------ sections

    def _fill_sections(self, result: Composed, wb: Any) -> None:
        s = self.session
        assert s is not None
        placed = {sec.index: list(sec.indices) for sec in result.sections}
        signature = (
            [(sec.index, sec.heading, tuple(placed[sec.index])) for sec in result.sections],
            [a.title for a in wb.achievements],
            tuple(result.opening),
        )
        if signature == self._tree_signature:
            self._tree_items = list(wb.achievements)
            return
        self._tree_signature = signature
        tree = self.query_one(SectionTree)
        keep = tree.cursor_node.data if tree.cursor_node is not None else None
        if self._forget_cursor:
            keep, self._forget_cursor = None, False
        title = self.query_one("#sections-title", Static)
        if not result.sections:
            tree.clear()
            self._tree_items = list(wb.achievements)
            plan = self.template.sections if self.template else None
            text = (
                "此模板不分节，成效事项按顺序写入。"
                if result.consumes_achievements
                else "此模板不使用成效事项。"
            )
            if plan is not None and plan.pattern != "none" and not wb.achievements:
                text = "台账里还没有成效事项。"
            tree.root.add_leaf(Text(text, style="dim"))
            title.update("分节与成效")
            return
        title.update("分节与成效（Ctrl+↑↓ 移动成效）")
        wanted = [
            (
                ("section", sec.index, sec.index),
                Text.assemble(
                    (f"{sec.index}. ", "dim"), (sec.heading, "bold"), (" ✎" if sec.index in s.headings else "", "green")
                ),
                [(("achievement", i, sec.index), wb.achievements[i]) for i in placed[sec.index]],
            )
            for sec in result.sections
        ]
        if result.opening:
            # the unit's own honours, told in the opening (`compose.honours`): shown, not moved
            wanted.insert(
                0,
                (
                    ("opening", -1, 0),
                    Text("导语：本单位所获荣誉（写在开头）", style="dim"),
                    [(("opening", i, 0), wb.achievements[i]) for i in result.opening],
                ),
            )
        sections = list(tree.root.children)
        if [n.data for n in sections] != [data for data, _, _ in wanted] or len(self._tree_items) != len(wb.achievements):
            tree.clear()  # other sections, or achievements added or removed: build it anew
            for data, label, leaves in wanted:
                node = tree.root.add(label, data=data, expand=True)
                for leaf_data, a in leaves:
                    node.add_leaf(self._leaf_label(a), data=leaf_data)
            self._tree_items = list(wb.achievements)
            self._restore_cursor(keep)
            return
        # The same sections: change only what differs (a move changes two sections, a keystroke
        # in a field nothing), so a thousand achievements do not cost a thousand new nodes.
        old_items, self._tree_items = self._tree_items, list(wb.achievements)
        for node, (_, label, leaves) in zip(sections, wanted, strict=True):
            if node.label != label:
                node.set_label(label)
            self._sync_leaves(node, leaves, old_items)
        if keep is not None:
            target = next(
                (c for n in tree.root.children for c in n.children if c.data is not None and c.data[:2] == keep[:2]),
                None,
            )
            if target is not None and tree.cursor_node is not target:
                _cursor_to(tree, target)

    def _sync_leaves(self, node: Any, leaves: list[tuple[tuple[str, int, int], Any]], old_items: list[Any]) -> None:
        """Make `node`'s leaves `leaves` (data, achievement), keeping those already right."""
        have = {c.data: c for c in node.children}
        wanted = {data for data, _ in leaves}
        for data, child in have.items():
            if data not in wanted:
                child.remove()
        for position, (data, a) in enumerate(leaves):
            child = have.get(data)
            if child is None:
                node.add_leaf(self._leaf_label(a), data=data, before=position if position < len(node.children) else None)
            elif not (data[1] < len(old_items) and old_items[data[1]] is a):
                child.set_label(self._leaf_label(a))  # edited: its title or figures may differ
        if [c.data for c in node.children] != [data for data, _ in leaves]:  # not in order: anew
            node.remove_children()
            for data, a in leaves:
                node.add_leaf(self._leaf_label(a), data=data)

    def _leaf_label(self, a: Any) -> Text:
        """An achievement in the tree: its title, and its figures dimmed."""
        from assistant.tui import engine

        kept = self._figures.get(id(a))
        if kept is None or kept[0] is not a:
            if len(self._figures) > 4 * len(self._tree_items) + 64:
                self._figures = {}
            kept = self._figures[id(a)] = (a, engine.figures(a))
        figures = kept[1]
        label = Text.assemble(a.title, (f"  {figures}" if figures else "", "dim"))
        label.no_wrap = True
        label.overflow = "ellipsis"
        return label

    def _restore_cursor(self, keep: tuple[str, int, int] | None) -> None:
        tree = self.query_one(SectionTree)
        target = None
        for node in _walk(tree.root):
            if keep is not None and node.data is not None and node.data[:2] == keep[:2]:
                target = node
                break
        if target is None and keep is None and self.session is not None:
            target = next(
                (
                    n
                    for n in _walk(tree.root)
                    if n.data and n.data[0] == "section" and n.data[1] == self.session.current_section
                ),
                None,
            )
        if target is not None:
            move_cursor_later(tree, target)

    @on(Tree.NodeHighlighted, "#sections")
    def _section_highlighted(self, event: Tree.NodeHighlighted[tuple[str, int, int]]) -> None:
        if event.node.data is not None and self.session is not None:
            self.session.current_section = event.node.data[2]
        tree = self.query_one(SectionTree)
        if tree.has_focus:  # after the frame that shows the cursor there (the hint lays out the page)
            if self._next_frame and self._composing:  # …and after the document a move brings
                self.call_after_refresh(self.call_after_refresh, self._show_slot_help, tree)
            else:
                self.call_after_refresh(self._show_slot_help, tree)
        self._foresee_soon()

    # ------------------------------------------------------------------ moves arranged ahead

    def _foresee_soon(self) -> None:
        """Arrange ahead the moves of the row under the cursor once it rests there."""
        if self._composer is not None and self._keep is None:
            # the cursor left the row being arranged ahead for (a move's own arrangement, if
            # it is the one being made ahead, is waited for instead: `Composer.arrangement`)
            self._composer.stop_foreseeing()
        if self._foresee_timer is not None:
            self._foresee_timer.stop()
        self._foresee_timer = self.set_timer(FORESEE_AFTER, self._foresee)

    def _foresee(self) -> None:
        """In a thread: the workbook as Ctrl+↓ and Ctrl+↑ on the row under the cursor would leave
        it (as `move_to` does), arranged and kept by the composer."""
        self._foresee_timer = None
        s, composer, template = self.session, self._composer, self.template
        if s is None or composer is None or template is None or self.result is None:
            return
        if self._composing or self._keep is not None:  # after the document shown is the workbook's
            self._foresee_timer = self.set_timer(FORESEE_AFTER, self._foresee)
            return
        node = self.query_one(SectionTree).cursor_node
        if node is None or node.data is None or node.data[0] != "achievement":
            return
        _, index, section = node.data
        items = s.workbook.achievements
        if not (0 <= index < len(items) and index < len(self._tree_items) and items[index] is self._tree_items[index]):
            return
        if not composer.fits(template, s.workbook):
            return
        count = len(self.result.sections)
        targets = [t for t in (section + 1, section - 1) if 1 <= t <= count]
        since = composer.foresight
        _, _, base = self._snapshot()
        placed = self._tree_placement()
        moves = []
        for target in targets:
            wb = replace(base, achievements=list(base.achievements))
            wb.achievements[index] = replace(items[index], section=str(target))
            moves.append((wb, {**placed, index: target}))
        if moves:
            self._foresee_in_thread(composer, template, moves, since)

    @work(thread=True, group="foresee", description="预排移动")  # no repr of the workbooks
    def _foresee_in_thread(
        self, composer: Composer, template: Any, moves: list[tuple[Any, dict[int, int]]], since: int
    ) -> None:
        """Each move arranged; then, when it carries other rows along, the workbook with those
        written down where they were (`_moves_settled`), which is what the move shows at last."""
        import gc

        for wb, keep in moves:
            try:
                arranged = composer.foresee(template, wb, since)
                if arranged is None:
                    return
                gc.freeze()  # kept with the composer: not walked again and again (`_compose_document`)
                placed = {i: sec.index for sec in arranged.sections for i in sec.indices}
                items = wb.achievements
                strays = {i: str(s) for i, s in keep.items() if placed.get(i) != s and items[i].section != str(s)}
                shown = wb
                if strays:
                    shown = replace(wb, achievements=list(items))
                    for i, s in strays.items():
                        shown.achievements[i] = replace(items[i], section=s)
                    if composer.foresee(template, shown, since) is None:
                        return
                # and the document the move shows at last, composed
                if not composer.foresee_document(template, shown, since):
                    return
            except Exception:  # noqa: BLE001 - arranging ahead is a guess: the move itself reports
                return

    def _tree_hint(self, node: Any) -> str:
        """Under the fields while the sections have the cursor: what it is on, and what to press."""
        if node is None or node.data is None:
            return ""
        kind, index, section = node.data
        if kind == "opening":
            title = self._tree_items[index].title if 0 <= index < len(self._tree_items) else ""
            return "导语" + (f" · {title}" if title else "") + "：本单位所获荣誉写在开头；要放进某一部分，请在成效台账中编辑这一项，填写“章节”"
        if kind == "section":
            sections = self.result.sections if self.result is not None else []
            heading = next((sec.heading for sec in sections if sec.index == section), "")
            return f"第{section}部分“{heading}”：Ctrl+T 从词库选标题"
        title = self._tree_items[index].title if 0 <= index < len(self._tree_items) else ""
        return f"第{section}部分 · {title}：Ctrl+↑↓ 移到上一、下一部分，M 移到指定部分"

    def _selected_achievement(self) -> tuple[int, int] | None:
        node = self.query_one(SectionTree).cursor_node
        if node is None or node.data is None or node.data[0] != "achievement":
            self.notify("请先在“分节与成效”中选中一项成效（方向键移动）。", severity="warning")
            return None
        s = self.session
        index = node.data[1]
        items = s.workbook.achievements if s is not None else []
        if len(items) != len(self._tree_items) or not (0 <= index < len(items) and items[index] is self._tree_items[index]):
            # the tree shows the achievements as they were: its indices may not be theirs now
            self.notify("成效事项刚有改动，分节正在更新，请稍候再移动。", severity="warning")
            return None
        return index, node.data[2]

    def action_move_achievement(self, step: int) -> None:
        picked = self._selected_achievement()
        if picked is None or self.result is None:
            return
        index, section = picked
        target = section + step
        if not 1 <= target <= len(self.result.sections):
            self.notify("已经是第一部分。" if step < 0 else "已经是最后一部分。", severity="warning")
            return
        self.move_to(index, target)

    def move_to(self, index: int, section: int) -> None:
        """Put achievement `index` in `section` (1-based), the others staying where they are.

        Saved in the workbook as its `section`, at once: the tree shows it there in the same
        frame. The engine groups anew the achievements that name no section as soon as one
        does, so moving one can carry others along; the composition that follows says which,
        and those (only those) get their present section written too, in the same undo step
        (`_moves_settled`), before the preview shows the document again.
        """
        s = self.session
        if s is None or self.template is None or not 0 <= index < len(s.workbook.achievements):
            return
        items = s.workbook.achievements
        keep = self._keep if self._keep is not None else self._tree_placement()
        a = items[index]
        items[index] = replace(a, section=str(section))  # a new object: the history shares the old
        keep[index] = section
        self._keep = keep
        s.current_section = section
        label = f"把“{a.title}”移到第{section}部分"
        self._move_step = ("move", self._move_step[1] + 1, label)
        self.changed("move", label, self._move_step)
        self._move_leaf(index, section, items[index])
        self.request_preview(after_frame=True)
        said = f"已把“{a.title}”移到第{section}部分"
        if self._next_frame:
            # a move foreseen: the document follows in the next frame (no need to mark it), and
            # the toast in the one after (a toast lays the screen out anew)
            self.call_after_refresh(self.call_after_refresh, self.notify, said)
            return
        if self._composing:  # composed later: until then the preview marks where the row was
            self._preview_updating(self._sentence_start(index), "正在按新的分节重排……")
        # after the frame that shows it moved (a toast lays the screen out anew)
        self.call_after_refresh(self.notify, said)

    def _sentence_start(self, index: int) -> str | None:
        """The opening of achievement `index`'s sentence in the document shown (what finds its
        paragraph in the preview), or None when it is not there."""
        for sec in self.result.sections if self.result is not None else ():
            if index in sec.indices:
                sentence = sec.achievements[sec.indices.index(index)].sentence.strip().rstrip("。；，")
                return sentence[:12] or None
        return None

    def _tree_placement(self) -> dict[int, int]:
        """The section each achievement is in as the tree shows it, by workbook index."""
        tree = self.query_one(SectionTree)
        return {
            leaf.data[1]: leaf.data[2]
            for node in tree.root.children
            for leaf in node.children
            if leaf.data is not None and leaf.data[0] == "achievement"
        }

    def _moves_settled(self, result: Composed | None, wb: Any) -> bool:
        """After moves: True when `result` (composed from `wb`) leaves every achievement where the
        tree showed it; else write down the present section of those it carried along (an undo
        step with the move) and ask for the document again (False: not to be shown)."""
        from assistant.tui import engine

        s = self.session
        keep = self._keep
        if s is None or keep is None or result is None or len(wb.achievements) != len(s.workbook.achievements):
            self._keep = None
            return True
        placed = engine.placement(result)
        items = s.workbook.achievements
        strays = {
            i: str(section)
            for i, section in keep.items()
            if placed.get(i) != section
            and items[i] is wb.achievements[i]  # not changed since (by the user, or pinned already)
            and items[i].section != str(section)
        }
        if not strays:
            self._keep = None
            return True
        for i, section in strays.items():
            items[i] = replace(items[i], section=section)
            if i < len(self._tree_items):
                self._tree_items[i] = items[i]
        _, _, label = self._move_step
        self.changed("move", label, self._move_step)  # the same undo step as the move
        self._wanted += 1  # compose again (started by `_preview_ready`)
        self.notify(f"另有{len(strays)}项成效记下了所在部分，以免随之移动。", timeout=4)
        return False

    def _move_leaf(self, index: int, section: int, achievement: Any) -> None:
        """Show achievement `index` under `section` in the tree now, with the cursor on it."""
        tree = self.query_one(SectionTree)
        target = next((n for n in tree.root.children if n.data == ("section", section, section)), None)
        leaf = next(
            (
                c
                for n in tree.root.children
                for c in n.children
                if c.data is not None and c.data[0] == "achievement" and c.data[1] == index
            ),
            None,
        )
        if target is None or leaf is None:
            return
        label = leaf.label
        leaf.remove()
        after = [c for c in target.children if c.data is not None and c.data[1] > index]
        node = target.add_leaf(label, data=("achievement", index, section), before=after[0] if after else None)
        if 0 <= index < len(self._tree_items):
            self._tree_items[index] = achievement
        self._tree_signature = None
        _cursor_to(tree, node)

    def action_choose_section(self) -> None:
        from assistant.tui.dialogs.section_picker import SectionPicker

        picked = self._selected_achievement()
        if picked is None or self.result is None:
            return
        index, section = picked
        headings = [sec.heading for sec in self.result.sections]
        self.app.push_screen(
            SectionPicker(headings, section),
            lambda target: self.move_to(index, target) if target else None,
        )

    def action_cycle_headings(self, step: int) -> None:
        s = self.session
        if s is None or self.template is None:
            return
        plan = self.template.sections
        if plan is None or plan.pattern == "none" or plan.headings:
            self.notify("此模板的标题是固定的，不能更换。", severity="warning")
            return
        if step < 0 and s.seed == 0:
            self.notify("已经是第一组标题。", severity="warning")
            return
        before = [sec.heading for sec in self.result.sections] if self.result is not None else []
        self._cycling = (s.seed, max(0, s.seed + step), before)
        s.cycle_headings(step)
        self.changed("headings")
        self.refresh_from_session()
        if s.headings:
            picked = "、".join(f"第{i}部分" for i in sorted(s.headings))
            self.notify(f"已换一组标题；您选定的{picked}标题保留（要换掉它，按 Ctrl+T 另选）。", title="标题")

    def _check_cycled(self, result: Composed, wb: Any) -> None:
        """After Ctrl+R: a set no different from the last is no new set; go back and say so."""
        s = self.session
        if self._cycling is None or s is None or wb.seed != self._cycling[1]:
            return
        old_seed, _, before = self._cycling
        self._cycling = None
        if [sec.heading for sec in result.sections] != before:
            return
        s.seed = old_seed
        s.history.revert_last(s.workbook)  # no new set: nothing to undo either
        self.changed("headings")
        self.refresh_from_session()
        if result.sections and all(sec.index in s.headings for sec in result.sections):
            self.notify(
                "各部分的标题都是您选定的，没有可换的；要换某一部分，按 Ctrl+T 另选。", severity="warning"
            )
        else:
            self.notify("此模板没有另一组标题了；可按 Ctrl+T 为某一部分选词作标题。", severity="warning")

    def action_pick_heading(self) -> None:
        from assistant.tui.dialogs.phrase_picker import PhrasePicker

        s = self.session
        if s is None or self.result is None or not self.result.sections:
            self.notify("此模板不分节，没有可替换的标题。", severity="warning")
            return
        index = s.current_section
        section = next((sec for sec in self.result.sections if sec.index == index), None)
        current = section.heading if section is not None else ""
        plan = self.template.sections if self.template else None
        # A pair heading (短语　短句) keeps its tail unless the user asks for a whole new heading.
        pair = plan is not None and plan.pattern == "pair" and section is not None and bool(section.tail)
        theme = self.template.category if self.template else None
        before = self.focused
        self.app.push_screen(
            PhrasePicker(f"第{index}部分标题（当前：{current}）", theme=theme, pair_heading=current if pair else None),
            lambda text: self._heading_picked(index, text, before),
        )

    def _heading_picked(self, index: int, text: str | None, before: Widget | None = None) -> None:
        # Back where the user was, if that takes keys (a field, the sections); else on the
        # sections, where the new heading is: the arrows work at once.
        tree = self.query_one(SectionTree)
        if isinstance(before, Input | TextArea | Tree) and before.is_attached and before.focusable:
            before.focus()
        else:
            tree.focus()
        s = self.session
        if s is None or not text:
            return
        s.set_heading(index, text)  # kept in the workbook (`headings:`), so it is saved with it
        self.changed("heading", f"第{index}部分标题改为“{text}”")
        self._tree_signature = None
        self.refresh_from_session()


def short_help(slot: Slot) -> str:
    """The first clause of a slot's help, short enough for a field's placeholder (the whole help
    shows under the fields while the cursor is in it)."""
    import re

    help_text = slot.help or ""
    return re.split(r"[；;]|，如|，例如", help_text, maxsplit=1)[0].strip()


def _cursor_to(tree: Tree[Any], node: Any) -> None:
    """Put the tree's cursor on `node` now (its lines are built first), or after the next refresh
    while the tree is not laid out yet (see `move_cursor_later`)."""
    if not tree.size.area:
        move_cursor_later(tree, node)
        return
    _ = tree.last_line  # builds the lines, which gives `node` its line
    tree.move_cursor(node)


def _walk(node: Any) -> list[Any]:
    out = []
    for child in node.children:
        out.append(child)
        out.extend(_walk(child))
    return out
