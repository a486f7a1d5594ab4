"""The achievements page: the unit and period, and a table of the workbook's achievements."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Input, Label, Static

from assistant.tui.screens.base import MainScreen

#: (key, title, width); the title column takes the width left over.
COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("no", "序号", 4),
    ("title", "事项", 0),
    ("category", "类别", 10),
    ("figures", "数据", 16),
    ("date", "日期", 10),
    ("owner", "责任单位", 12),
)
#: Below this width the figures, date and owner columns are narrower (the line under the table
#: shows the highlighted row whole).
NARROW_WIDTH = 100
NARROW_WIDTHS = {"figures": 12, "date": 7, "owner": 10}


class AchievementTable(DataTable[Any]):
    """The achievements, one per row; keys: Enter edit, Delete remove, Ctrl+↑/↓ reorder."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "screen.edit", "编辑"),
        Binding("delete", "screen.delete", "删除"),
        Binding("ctrl+up", "screen.move(-1)", "上移", show=False),
        Binding("ctrl+down", "screen.move(1)", "下移", show=False),
    ]


class AchievementsScreen(MainScreen):
    """成效台账: what the unit did, with its figures."""

    MODE = "achievements"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "add", "新增"),
        Binding("ctrl+o", "import_file", "导入"),
    ]

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="facts"):
            yield Label("单位", classes="fact-label")
            yield Input(id="unit", placeholder="如：党群工作部", disabled=True, compact=True)
            yield Label("时期", classes="fact-label")
            yield Input(id="period", placeholder="如：2022年", disabled=True, compact=True)
        yield Static("", id="facts-error", classes="field-error")
        yield Static("", id="facts-note", classes="field-note")
        with Vertical(id="table-box"):
            yield AchievementTable(id="table", cursor_type="row", zebra_stripes=True)
            yield Static("正在读取台账……", id="empty", classes="loading-note")
        yield Static("", id="row-detail")
        yield Static("", id="summary", classes="muted")

    def __init__(self) -> None:
        super().__init__()
        #: The unit or period as it was before the field being typed in was changed.
        self._facts_before: dict[str, str] = {}
        #: What the table shows: its columns, and the achievement in each row (a refill changes
        #: only the rows whose achievement is another object now: a move is two rows, not a
        #: thousand; the TUI replaces an achievement it changes).
        self._shown_columns: list[tuple[str, str, int]] = []
        self._shown_items: list[Any] = []
        #: Each achievement's cells but the number, by identity (an edited one is a new object).
        self._cells: dict[int, tuple[Any, tuple[str, ...]]] = {}
        #: How many lines the highlighted row's detail takes (-1: not known, one wraps).
        self._detail_lines = -1
        #: What the lines under the table say now, by widget id (see `_update`).
        self._texts: dict[str, str | Text] = {}

    def on_mount(self) -> None:
        table = self.query_one(AchievementTable)
        table.focus()
        super().on_mount()

    # ------------------------------------------------------------------ showing

    def refresh_from_session(self) -> None:
        s = self.session
        assert s is not None
        wb = s.workbook
        for wid, value in (("unit", wb.unit), ("period", wb.period)):
            box = self.query_one(f"#{wid}", Input)
            box.disabled = False
            if box.value != value:
                with box.prevent(Input.Changed):
                    box.value = value
        self._fill_table()
        if not self._facts_before:  # not while the period is being typed
            self.check_date()

    def reset(self) -> None:
        table = self.query_one(AchievementTable)
        table.clear()
        self._shown_items = []
        table.move_cursor(row=0)
        error = self.query_one("#facts-error", Static)
        self._update(error, "")
        error.remove_class("-shown")

    def _columns(self) -> list[tuple[str, str, int]]:
        width = max(self.size.width, 40)
        cols = list(COLUMNS)
        if width < NARROW_WIDTH:
            cols = [(k, t, NARROW_WIDTHS.get(k, w)) for k, t, w in cols]
        fixed = sum(w + 2 for _, _, w in cols if w) + 2 + 2  # cell padding, scrollbar
        title_width = max(12, width - fixed)
        return [(k, t, w or title_width) for k, t, w in cols]

    def _fill_table(self, cursor: int | None = None) -> None:
        s = self.session
        if s is None:
            return
        table = self.query_one(AchievementTable)
        row = table.cursor_row if cursor is None else cursor
        cols = self._columns()
        keys = [key for key, _, _ in cols][1:]  # after 序号 (a row's number is its place), as `_row_cells`
        items = list(s.workbook.achievements)
        shown = self._shown_items
        if cols != self._shown_columns or len(shown) - len(items) > 50 or table.row_count != len(shown):
            table.clear(columns=True)  # new columns (the width changed), or most rows gone
            for key, title, width in cols:
                table.add_column(title, key=key, width=width)
            self._shown_columns, shown = cols, []
        for number, (old, new) in enumerate(zip(shown, items, strict=False), start=1):
            if old is not new:  # a row whose achievement was replaced (edited, moved here)
                for key, was, now in zip(keys, self._row_cells(old), self._row_cells(new), strict=True):
                    if was != now:
                        table.update_cell(str(number), key, _cell(now))
        for number in range(len(shown) + 1, len(items) + 1):
            cells = (str(number), *self._row_cells(items[number - 1]))
            table.add_row(*(_cell(text) for text in cells), key=str(number))
        for number in range(len(shown), len(items), -1):
            table.remove_row(str(number))
        self._shown_items = items
        count = len(s.workbook.achievements)
        empty = self.query_one("#empty", Static)
        empty.display = count == 0
        self._update(empty, "台账里还没有成效事项。按 Ctrl+N 新增，或按 Ctrl+O 从 Excel/CSV 导入。")
        if count:
            table.move_cursor(row=min(max(row, 0), count - 1))
        self._show_row_detail()
        metrics = s.workbook.metric_count()
        inferred = sum(1 for a in s.workbook.achievements if a.category_inferred)
        note = f"共 {count} 项成效、{metrics} 个数据"
        if inferred:
            note += f"；标 * 的类别由内容推断（{inferred} 项）"
        self._update(self.query_one("#summary", Static), note)

    def _update(self, box: Static, content: str | Text, *, layout: bool = True) -> None:
        """`box.update(content)` when that changes it: an update lays the whole page out again
        (`layout=False`: the caller knows the box keeps its size)."""
        if self._texts.get(str(box.id)) != content:
            self._texts[str(box.id)] = content
            box.update(content, layout=layout)

    def _row_cells(self, a: Any) -> tuple[str, ...]:
        """An achievement's cells after its number (as `COLUMNS`), kept while it is the same."""
        from assistant.tui import engine

        kept = self._cells.get(id(a))
        if kept is None or kept[0] is not a:
            if len(self._cells) > 2 * len(self._shown_items) + 64:
                self._cells = {}
            cells = (
                a.title,
                (a.category or "未分类") + ("*" if a.category_inferred else ""),
                engine.figures(a),
                a.date or "",
                a.owner or "",
            )
            kept = self._cells[id(a)] = (a, cells)
        return kept[1]

    @on(DataTable.RowHighlighted, "#table")
    def _row_highlighted(self) -> None:
        self._show_row_detail()

    def _show_row_detail(self) -> None:
        """The highlighted achievement whole, under the table: what a narrow column cuts off."""
        from assistant.tui import engine

        s = self.session
        box = self.query_one("#row-detail", Static)
        index = self._index()
        if s is None or index is None:
            box.display = False
            return
        a = s.workbook.achievements[index]
        parts = [
            Text.assemble((f"第{index + 1}项 ", "dim"), (a.title, "bold")),
            *(
                Text.assemble((f"{label} ", "dim"), value)
                for label, value in (
                    ("类别", (a.category or "未分类") + ("（推断）" if a.category_inferred else "")),
                    ("数据", engine.figures(a)),
                    ("日期", a.date or ""),
                    ("责任单位", a.owner or ""),
                    ("标签", "、".join(a.tags)),
                    ("说明", a.detail or ""),
                )
                if value
            ),
        ]
        # Whole parts to a line (a label is never parted from its value); a part longer than
        # the line wraps on its own.
        width = max(box.content_region.width, self.size.width - 2, 20)
        text = Text()
        used = 0
        for part in parts:
            need = part.cell_len + (2 if used else 0)
            if used and used + need > width:
                text.append("\n")
                used = 0
            elif used:
                text.append("  ")
            text.append_text(part)
            used = (used + need) if used else part.cell_len
        # As many lines as before, none too long to wrap: the page need not be laid out again.
        lines = text.split("\n")
        room = box.content_region.width or width
        fits = all(line.cell_len <= room for line in lines)
        same_size = box.display and fits and len(lines) == self._detail_lines
        self._detail_lines = len(lines) if fits else -1
        self._update(box, text, layout=not same_size)
        box.display = True

    def on_resize(self) -> None:
        if self.session is not None:
            self._fill_table()

    # ------------------------------------------------------------------ unit and period

    @on(Input.Changed, "#unit, #period")
    def _fact_changed(self, event: Input.Changed) -> None:
        s = self.session
        if s is None:
            return
        value = event.value.strip()
        error = self.query_one("#facts-error", Static)
        field = str(event.input.id)
        self._facts_before.setdefault(field, s.workbook.unit if field == "unit" else s.workbook.period)
        if event.input.id == "unit":
            if not value:
                self._update(
                    error, "单位不能为空（文档标题和落款要用到），未修改的单位仍为“" + s.workbook.unit + "”"
                )
                error.add_class("-shown")
                return
            s.workbook.unit = value
        else:
            s.workbook.period = value
        self._update(error, "")
        error.remove_class("-shown")
        what = "单位" if event.input.id == "unit" else "时期"
        self.changed("facts", f"修改{what}", ("facts", event.input.id))

    @on(Input.Submitted, "#unit, #period")
    @on(Input.Blurred, "#unit, #period")
    def _fact_done(self, event: Input.Submitted | Input.Blurred) -> None:
        """The unit or period is typed: carry the 落款 along, check the 成文日期 against the period."""
        from assistant.tui import engine

        s = self.session
        field = str(event.input.id)
        before = self._facts_before.pop(field, None)
        if s is None or before is None:
            return
        wb = s.workbook
        if field == "unit" and before != wb.unit:
            signer = engine.signer_after_unit_change(wb, before)
            if signer is not None:
                old = wb.fields[engine.SIGNER_SLOT]
                wb.fields[engine.SIGNER_SLOT] = signer
                # the same step as the unit: one Ctrl+Z takes both back
                self.changed("facts", "修改单位", ("facts", "unit"))
                self.notify(f"落款原为“{old}”，已随单位改为“{signer}”（可在“撰写”页修改）。", title="落款")
        self.check_date()

    def check_date(self) -> None:
        """Under the unit and period: a 成文日期 that does not fit the period, if any."""
        from assistant.tui import engine

        s = self.session
        note = self.query_one("#facts-note", Static)
        template = s.effective_template()[0] if s is not None and s.templates is not None else None
        problem = engine.date_warning(s.workbook, template) if s is not None else None
        text = f"⚠ {problem}（成文日期在“撰写”页填写）" if problem else ""
        self._update(note, text)
        note.set_class(bool(text), "-shown")

    # ------------------------------------------------------------------ add, edit, delete, move

    def _index(self) -> int | None:
        s = self.session
        table = self.query_one(AchievementTable)
        if s is None or not s.workbook.achievements or table.row_count == 0:
            return None
        return min(table.cursor_row, len(s.workbook.achievements) - 1)

    def action_add(self) -> None:
        if self.session is not None:
            self.open_form(None)

    def action_edit(self) -> None:
        index = self._index()
        if index is not None:
            self.open_form(index)

    def open_form(self, index: int | None, data: dict[str, Any] | None = None) -> None:
        """Open the achievement form for row `index` (None = a new one), optionally prefilled."""
        from assistant.tui import engine
        from assistant.tui.dialogs.achievement_form import AchievementForm

        s = self.session
        if s is None:
            return
        if index is not None and not 0 <= index < len(s.workbook.achievements):
            index = None
        if data is None:
            data = engine.form_data(s.workbook.achievements[index] if index is not None else None)
        self.app.push_screen(AchievementForm(index, data), lambda a: self._form_done(index, a))

    def _form_done(self, index: int | None, achievement: Any) -> None:
        s = self.session
        self.wenmi.draft = None
        if s is None or achievement is None:
            self.wenmi.schedule_autosave()
            return
        items = s.workbook.achievements
        if index is None:
            items.append(achievement)
            row = len(items) - 1
            self.notify(f"已新增：{achievement.title}")
        else:
            old = items[index]
            achievement.layout = old.layout  # keep the comments the file had around it
            for new_m, old_m in zip(achievement.metrics, old.metrics, strict=False):
                new_m.layout = old_m.layout
            items[index] = achievement
            row = index
        verb = "新增" if index is None else "编辑"
        self.changed("achievement", f"{verb}成效“{achievement.title}”")
        self._fill_table(row)

    def action_delete(self) -> None:
        from assistant.tui.dialogs.confirm import ConfirmDialog

        s = self.session
        index = self._index()
        if s is None or index is None:
            return
        title = s.workbook.achievements[index].title
        self.app.push_screen(
            ConfirmDialog("删除成效事项", f"确定删除第{index + 1}项“{title}”吗？", yes="删除", no="取消"),
            lambda yes: self._delete(index) if yes else None,
        )

    def _delete(self, index: int) -> None:
        s = self.session
        if s is None or index >= len(s.workbook.achievements):
            return
        removed = s.workbook.achievements.pop(index)
        self.changed("delete", f"删除成效“{removed.title}”")
        self._fill_table(index)
        self.notify(f"已删除：{removed.title}")

    def action_move(self, step: int) -> None:
        s = self.session
        index = self._index()
        if s is None or index is None:
            return
        target = index + step
        items = s.workbook.achievements
        if not 0 <= target < len(items):
            return
        items[index], items[target] = items[target], items[index]
        self.changed("move", f"{'上' if step < 0 else '下'}移成效“{items[target].title}”")
        self._fill_table(target)

    # ------------------------------------------------------------------ import

    def action_import_file(self) -> None:
        from assistant.tui.dialogs.path_input import PathDialog

        s = self.session
        if s is None:
            return
        folder = Path.cwd() if s.is_sample or s.source_path is None else s.source_path.parent
        self.app.push_screen(
            PathDialog(
                "导入台账表格",
                folder,
                note="选择 .xlsx、.csv（或旧公文 .docx），其中的成效事项会追加到当前台账。",
                suffixes=(".xlsx", ".xlsm", ".csv", ".docx", ".yaml", ".yml"),
                must_exist=True,
                browse=True,
            ),
            lambda path: self._import(path) if path is not None else None,
        )

    @work(thread=True, exclusive=True, group="import")
    def _import(self, path: Path) -> None:
        from assistant.errors import WenmiError
        from assistant.tui import engine

        s = self.session
        unit, period = (s.workbook.unit.strip(), s.workbook.period.strip()) if s is not None else ("", "")
        try:
            imported = engine.import_file(path, unit=unit, period=period)
        except WenmiError as err:
            lines = engine.error_lines(err)
            more = f"\n……共 {len(lines)} 处问题" if len(lines) > 4 else ""
            self.app.call_from_thread(
                self.notify,
                "\n".join(lines[:4]) + more + "\n当前台账未改动。",
                title="导入失败",
                severity="error",
                timeout=15,
            )
            return
        except OSError as err:
            self.app.call_from_thread(
                self.notify,
                f"{path}：无法读取（{err.strerror}）。当前台账未改动。",
                title="导入失败",
                severity="error",
            )
            return
        self.app.call_from_thread(self._imported, path, imported)

    def _imported(self, path: Path, imported: Any) -> None:
        s = self.session
        if s is None:
            return
        before = len(s.workbook.achievements)
        s.workbook.achievements.extend(imported.achievements)
        if not s.workbook.unit.strip() and imported.unit:
            s.workbook.unit = imported.unit
        if not s.workbook.period and imported.period:
            s.workbook.period = imported.period
        self.changed("import", f"从 {path.name} 导入{len(imported.achievements)}项成效")
        self.refresh_from_session()
        self._fill_table(before)
        count = len(imported.achievements)
        warn = f"，另有 {len(imported.warnings)} 条提示" if imported.warnings else ""
        self.notify(f"从 {path.name} 导入了 {count} 项成效{warn}。", title="导入完成")
        from assistant.tui.texts import say

        for w in imported.warnings[:3]:
            self.notify(say(w), severity="warning", timeout=10)


def _cell(text: str) -> Text:
    """A table cell: one line, cut with … where the column ends."""
    return Text(text, no_wrap=True, overflow="ellipsis")
