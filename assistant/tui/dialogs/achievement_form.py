"""The achievement form: every field of one 成效事项, checked as you type.

Validation is the workbook's own (`assistant.ledger.validate`), run on the form's strings; each problem
is shown under the field it concerns. The form's content is sent to the app as a draft so the
autosave keeps it even before it is saved.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.timer import Timer
from textual.widgets import Button, Input, Label, Static, TextArea

from assistant.categories import CATEGORIES
from assistant.tui.dialogs.base import Dialog
from assistant.tui.messages import FormDraft

#: (key, label, placeholder) of the one-line fields, in order.
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("title", "事项*", "必填，如：开展员工思想状况调查"),
    ("category", "类别", "七类之一；不填则按内容推断（输入首字后按 → 补全）"),
    ("date", "日期", "如：2022-03、2023-01-11、2022年上半年"),
    ("owner", "责任单位", "如：党群工作部"),
    ("tags", "标签", "多个用顿号分隔，如：实施方案、整改"),
    ("section", "章节", "可不填；写序号（1、2…）或部分标题，指定放进第几部分"),
)
METRIC_KEYS = ("label", "value", "unit", "qualifier")
METRIC_PLACEHOLDERS = {
    "label": "名称，如 参训",
    "value": "如 318",
    "unit": "如 人次",
    "qualifier": "余/近/累计",
}
LIVE_DELAY = 0.25


class MetricRow(Vertical):
    """One figure: name, number, unit, qualifier; its error line below."""

    DEFAULT_CSS = """
    MetricRow { height: auto; padding-left: 12; }
    MetricRow > Horizontal { height: 1; }
    MetricRow Input { margin-right: 1; }
    MetricRow .m-label { width: 2fr; }
    MetricRow .m-value { width: 1fr; }
    MetricRow .m-unit { width: 1fr; }
    MetricRow .m-qualifier { width: 1fr; }
    MetricRow Button { min-width: 3; width: 3; }
    """

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__()
        self.data = data

    def compose(self) -> ComposeResult:
        with Horizontal():
            for key in METRIC_KEYS:
                yield Input(
                    str(self.data.get(key, "") or ""),
                    placeholder=METRIC_PLACEHOLDERS[key],
                    classes=f"m-{key} metric-input",
                    name=key,
                    compact=True,
                )
            yield Button("✕", classes="remove-metric", tooltip="删除这个指标", compact=True)
        yield Static("", classes="field-error metric-error")

    def values(self) -> dict[str, str]:
        return {str(box.name): box.value for box in self.query(".metric-input").results(Input)}


class AchievementForm(Dialog[Any]):
    """Add or edit one achievement; dismisses with the validated `Achievement` (None = cancelled)."""

    CSS_PATH = ["dialogs.tcss", "achievement_form.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "取消"),
        Binding("ctrl+s", "submit", "保存", priority=True),
    ]

    def __init__(self, index: int | None, data: dict[str, Any]) -> None:
        super().__init__()
        self.index = index
        self.initial = data
        self._live_timer: Timer | None = None
        self._submitting = False
        self._dismissed = False

    def compose(self) -> ComposeResult:
        title = "新增成效事项" if self.index is None else f"编辑第{self.index + 1}项成效"
        with Vertical(classes="dialog", id="form-box"):
            yield Static(title, classes="dialog-title")
            with VerticalScroll(id="form-scroll"):
                for key, label, placeholder in FIELDS:
                    with Horizontal(classes="form-row"):
                        yield Label(label, classes="form-label")
                        suggester = SuggestFromList(CATEGORIES) if key == "category" else None
                        yield Input(
                            str(self.initial.get(key, "") or ""),
                            placeholder=placeholder,
                            id=key,
                            suggester=suggester,
                            compact=True,
                        )
                    yield Static("", id=f"err-{key}", classes="field-error form-error")
                with Horizontal(classes="form-row"):
                    yield Label("指标", classes="form-label")
                    yield Label("名称 · 数量 · 单位 · 修饰（余、近、累计…）", classes="muted")
                with Vertical(id="metrics"):
                    for row in self.initial.get("metrics") or [{}]:
                        yield MetricRow(row)
                yield Button("＋ 添加指标", id="add-metric", compact=True)
                yield Label("说明（可多行，可粘贴整段文字）", classes="field-label")
                yield TextArea(
                    str(self.initial.get("detail", "") or ""),
                    id="detail",
                    soft_wrap=True,
                    show_line_numbers=False,
                )
                yield Static("", id="err-detail", classes="field-error")
            yield Static("", id="err-form", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Static("Enter/Ctrl+S 保存 · Esc 取消", classes="hint", id="form-hint")
                yield Button("保存", variant="primary", id="save", compact=True)
                yield Button("取消", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    # ------------------------------------------------------------------ data

    def form_values(self) -> dict[str, Any]:
        data: dict[str, Any] = {key: self.query_one(f"#{key}", Input).value for key, _, _ in FIELDS}
        data["detail"] = self.query_one("#detail", TextArea).text
        data["metrics"] = [row.values() for row in self.query(MetricRow).results(MetricRow)]
        return data

    def _modified(self) -> bool:
        def norm(d: dict[str, Any]) -> Any:
            rows = [{k: str(r.get(k, "") or "") for k in METRIC_KEYS} for r in d.get("metrics") or []]
            rows = [r for r in rows if any(r.values())]
            return (
                {k: str(d.get(k, "") or "").strip() for k, _, _ in FIELDS},
                str(d.get("detail") or ""),
                rows,
            )

        return norm(self.form_values()) != norm(self.initial)

    # ------------------------------------------------------------------ live checking

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _edited(self) -> None:
        if self._live_timer is not None:
            self._live_timer.stop()
        self._live_timer = self.set_timer(LIVE_DELAY, self._live_check)

    def dismiss(self, result: Any = None) -> Any:
        # A check still pending when the form closes would report a draft that no longer exists
        # (and the app would then think a form is being typed: 退出 would warn of it).
        self._dismissed = True
        if self._live_timer is not None:
            self._live_timer.stop()
            self._live_timer = None
        return super().dismiss(result)

    def _live_check(self) -> None:
        from assistant.tui import engine

        self._live_timer = None
        if self._dismissed:
            return
        data = self.form_values()
        self.app.post_message(FormDraft(self.index, data))
        _, errors = engine.validate_form(data, infer=False)
        # while typing, only speak about fields that have something in them
        shown = {k: v for k, v in errors.items() if self._has_content(k, data)}
        self.show_errors(shown)

    @staticmethod
    def _has_content(key: str, data: dict[str, Any]) -> bool:
        if key.startswith("metrics["):
            row = int(key[len("metrics[") : key.index("]")])
            rows = data.get("metrics") or []
            field = key.split(".", 1)[1] if "." in key else "value"
            return 0 < row <= len(rows) and bool(str(rows[row - 1].get(field, "")).strip())
        return bool(key) and bool(str(data.get(key, "")).strip())

    def show_errors(self, errors: dict[str, str]) -> None:
        for box in self.query(".field-error").results(Static):
            box.update("")
            box.remove_class("-shown")
        rows = list(self.query(MetricRow).results(MetricRow))
        general: list[str] = []
        for key, message in errors.items():
            target: Static | None = None
            if key.startswith("metrics["):
                row = int(key[len("metrics[") : key.index("]")])
                if 0 < row <= len(rows):
                    target = rows[row - 1].query_one(".metric-error", Static)
            elif key:
                found = self.query(f"#err-{key}")
                target = found.first(Static) if found else None
            if target is None:
                general.append(message)
                continue
            previous = str(target.content) if target.has_class("-shown") else ""
            target.update(f"{previous}\n{message}" if previous else message)
            target.add_class("-shown")
        if general:
            err = self.query_one("#err-form", Static)
            err.update("\n".join(general))
            err.add_class("-shown")

    # ------------------------------------------------------------------ metric rows

    @on(Button.Pressed, "#add-metric")
    async def _add_metric(self) -> None:
        row = MetricRow({})
        # Wait for the row's inputs to exist before focusing the first one (Enter on the button
        # runs this before the next refresh, when the row is not composed yet).
        await self.query_one("#metrics", Vertical).mount(row)
        row.query(".metric-input").first(Input).focus()
        row.scroll_visible()
        self._edited()

    @on(Button.Pressed, ".remove-metric")
    def _remove_metric(self, event: Button.Pressed) -> None:
        rows = list(self.query(MetricRow).results(MetricRow))
        row = next((r for r in rows if event.button in r.query(Button).results(Button)), None)
        if row is None:
            return
        if len(rows) == 1:  # keep one (empty) row to type into
            for box in row.query(".metric-input").results(Input):
                box.value = ""
        else:
            row.remove()
        self._edited()

    # ------------------------------------------------------------------ submit / cancel

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_submit(self) -> None:
        if not self._submitting:
            self._submitting = True
            self._validate(self.form_values())

    @work(thread=True, exclusive=True, group="form")
    def _validate(self, data: dict[str, Any]) -> None:
        from assistant.tui import engine

        achievement, errors = engine.validate_form(data, infer=True)
        self.app.call_from_thread(self._validated, achievement, errors)

    def _validated(self, achievement: Any, errors: dict[str, str]) -> None:
        self._submitting = False
        if achievement is None:
            self.show_errors(errors)
            first = next(iter(errors), "")
            focus = None
            if first and not first.startswith("metrics["):
                found = self.query(f"#{first}")
                focus = found.first() if found else None
            if focus is not None:
                focus.focus()
            self.notify("表单中有需要修改的地方，见红字说明。", severity="warning")
            return
        self.dismiss(achievement)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        from assistant.tui.dialogs.confirm import ConfirmDialog

        if not self._modified():
            self.dismiss(None)
            return
        self.app.push_screen(
            ConfirmDialog("放弃修改", "表单里的修改还没有保存，确定放弃吗？", yes="放弃", no="继续编辑"),
            lambda yes: self.dismiss(None) if yes else None,
        )
