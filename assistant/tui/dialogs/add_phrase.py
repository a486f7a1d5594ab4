"""Add your own phrase to the user phrase bank: `AddPhraseDialog(Dialog[Entry | None])`."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from assistant.tui.dialogs.base import Dialog

#: Engine error fields -> the form field that shows them.
_FIELDS = {"text": "text", "--theme": "theme", "theme": "theme", "--role": "role", "--structure": "structure"}


class AddPhraseDialog(Dialog[Any]):
    """Four characters, a theme and a role (structure optional). Errors appear under the fields."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "取消")]

    def __init__(self, text: str = "", theme: str | None = None) -> None:
        super().__init__()
        self.text = text if len(text) == 4 else ""
        self.theme = theme

    def compose(self) -> ComposeResult:
        from assistant.tui import engine

        _, _, themes, roles, structures = engine.phrase_vocabulary()
        with Vertical(classes="dialog"):
            yield Static("添加我的短语", classes="dialog-title")
            yield Label("短语（四个汉字）", classes="field-label")
            yield Input(self.text, id="text", placeholder="如：守正创新")
            yield Static("", id="err-text", classes="field-error")
            yield Label("主题", classes="field-label")
            yield Select([(t, t) for t in themes], id="theme", value=self.theme or "通用", allow_blank=False)
            yield Static("", id="err-theme", classes="field-error")
            yield Label("作用", classes="field-label")
            yield Select([(r, r) for r in roles], id="role", value=roles[0], allow_blank=False)
            yield Static("", id="err-role", classes="field-error")
            yield Label("结构（可不选）", classes="field-label")
            yield Select([(x, x) for x in structures], id="structure", prompt="不指定")
            yield Static("", id="err-structure", classes="field-error")
            yield Static("", id="err-form", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("添加", variant="primary", id="add")
                yield Button("取消", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    def _show_error(self, field: str, message: str) -> None:
        for err in self.query(".field-error").results(Static):
            err.update("")
            err.remove_class("-shown")
        target = self.query_one(f"#err-{field}", Static)
        target.update(message)
        target.add_class("-shown")

    @on(Input.Submitted)
    @on(Button.Pressed, "#add")
    def action_add(self) -> None:
        from assistant.errors import WenmiError
        from assistant.tui import engine

        text = self.query_one("#text", Input).value.strip()
        theme = self.query_one("#theme", Select).value
        role = self.query_one("#role", Select).value
        structure = self.query_one("#structure", Select).value
        try:
            entry, path = engine.add_phrase(
                text, str(theme), str(role), structure if isinstance(structure, str) else None
            )
        except WenmiError as err:
            field = _FIELDS.get(
                err.location.field or "", "text" if "短语" in err.message or "“" in err.message else "form"
            )
            self._show_error(field, err.message + (f"（{err.hint}）" if err.hint else ""))
            return
        self.notify(f"已加入我的词库：{entry.text}\n{path}", title="添加短语")
        self.dismiss(entry)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
