"""Slot values: template defaults < workbook fields < `--set` overrides, each checked against its slot type."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from assistant.compose.views import AchievementView, achievement_view, date_text
from assistant.compose.wording import ORG_FIELD, ORG_KINDS, SECTORS, WORDING_FIELDS
from assistant.errors import Diagnostic, WenmiError
from assistant.templating import Template
from assistant.templating.model import Slot

#: Separators of a list slot given as one string.
_LIST_SPLIT = re.compile(r"[、，,；;\n]+")


def merge_slot_values(
    template: Template,
    fields: Mapping[str, Any],
    overrides: Mapping[str, str],
    diagnostics: list[Diagnostic],
    examples: bool = False,
) -> dict[str, Any]:
    """Slot values: defaults < workbook fields < overrides, coerced to each slot's type.

    A slot the drafter left empty that offers example claims gets them only with `examples`
    (the drafter accepted them), each marked for review (`REVIEW_OPEN`…`REVIEW_CLOSE`); without,
    a warning says what the drafter may add.
    """
    raw: dict[str, Any] = {s.name: s.default for s in template.slots}
    origin: dict[str, str] = {s.name: "默认值" for s in template.slots}
    for key, value in (fields or {}).items():
        slot = template.slot(str(key))
        if slot is None and str(key) in WORDING_FIELDS:
            allowed = ORG_KINDS if str(key) == ORG_FIELD else SECTORS
            if str(value).strip() not in allowed:
                diagnostics.append(
                    Diagnostic.at(
                        f"台账字段“{key}”写的是“{value}”，应为{'、'.join(allowed)}之一；"
                        "写了别的时按原样称呼本单位，行业说法按“未知”处理",
                        rule="wording-field",
                        field=f"fields.{key}",
                    )
                )
            continue  # read by assistant.compose.wording
        if slot is None:
            diagnostics.append(
                Diagnostic.at(
                    f"模板“{template.id}”用不到填写项“{key}”，不会写进文档（换用需要它的模板，或从台账中删去这一项）",
                    rule="unused-field",
                    field=f"fields.{key}",
                )
            )
            continue
        raw[slot.name], origin[slot.name] = value, "台账 fields"
    for key, value in overrides.items():
        slot = template.slot(key)
        if slot is None:
            raise _unknown_slot(template, key)
        raw[slot.name], origin[slot.name] = value, "--set"
    values: dict[str, Any] = {}
    for slot in template.slots:
        values[slot.name] = coerce_slot_value(slot, raw[slot.name], origin[slot.name])
        offered = slot.examples is not None and origin[slot.name] == "默认值"
        if offered and values[slot.name] in ("", [], None):
            if examples:
                values[slot.name] = mark_for_review(coerce_slot_value(slot, slot.examples, "示例"))
                diagnostics.append(
                    Diagnostic.at(
                        f"“{slot.label}”采用了模板的示例内容，文档中已标出，请逐条核实或替换",
                        rule="examples-used",
                        field=f"fields.{slot.name}",
                    )
                )
                continue
            diagnostics.append(
                Diagnostic.at(
                    f"“{slot.label}”没有填写，文档中略去了这部分"
                    f"（可在台账 fields 中填写，或加 --examples 采用模板示例后逐条核实）",
                    rule="examples-offered",
                    field=f"fields.{slot.name}",
                )
            )
        if slot.required and values[slot.name] in ("", [], None):
            raise _missing_slot(template, slot)
    return values


#: What marks text for the drafter's review in markup: 示例内容，请核实或替换.
REVIEW_OPEN = "[示例]"
REVIEW_CLOSE = "[/示例]"


def mark_for_review(value: Any) -> Any:
    """`value` with every piece of text wrapped in review marks (lists item by item, tables cell
    by cell), so the document shows exactly which words nobody has vouched for."""
    if isinstance(value, str):
        return f"{REVIEW_OPEN}{value}{REVIEW_CLOSE}" if value else value
    if isinstance(value, list):
        return [mark_for_review(v) for v in value]
    if isinstance(value, dict):
        return {k: mark_for_review(v) for k, v in value.items()}
    return value


def _unknown_slot(template: Template, key: str) -> WenmiError:
    names = [s.name for s in template.slots]
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.4)
    if close:
        hint = f"是不是“{close[0]}”？"
    elif names:
        hint = f"可填写的槽位：{'、'.join(names)}"
    else:
        hint = "该模板没有可填写的槽位"
    return WenmiError(f"模板“{template.id}”没有名为“{key}”的槽位", field=key, hint=hint)


def _missing_slot(template: Template, slot: Slot) -> WenmiError:
    example = f"--set {slot.name}=值"
    if slot.examples is not None:
        return WenmiError(
            f"模板“{template.id}”需要“{slot.label}”（{slot.name}），台账没有给出，不能代为编写"
            + (f"：{slot.help}" if slot.help else ""),
            field=slot.name,
            hint=f"写进台账的 fields（fields: {{{slot.name}: …}}）或用 {example} 填写；"
            "也可加 --examples 采用模板示例，文档中会标出待核实",
        )
    return WenmiError(
        f"模板“{template.id}”缺少必填项“{slot.label}”（{slot.name}）"
        + (f"：{slot.help}" if slot.help else ""),
        field=slot.name,
        hint=f"用 {example} 填写，或写进台账的 fields（fields: {{{slot.name}: …}}）",
    )


def coerce_slot_value(slot: Slot, value: Any, origin: str = "") -> Any:
    """`value` as the body expects a slot of this type; WenmiError naming the slot if it cannot be."""
    if value is None:
        return [] if slot.type in ("list", "table", "achievements") else ""
    try:
        return _COERCERS[slot.type](value)
    except (ValueError, TypeError, WenmiError) as exc:
        detail = exc.message if isinstance(exc, WenmiError) else str(exc)
        raise WenmiError(
            f"槽位“{slot.label}”（{slot.name}）的值不对：{detail}",
            field=slot.name,
            hint=_TYPE_HINTS[slot.type] + (f"；值来自{origin}" if origin else ""),
        ) from None


def _text(value: Any) -> str:
    if isinstance(value, date | datetime):
        return date_text(value)
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def _date(value: Any) -> str:
    from assistant.ledger.numfmt import is_period_text, parse_date

    if isinstance(value, date | datetime):
        return date_text(value)
    text = str(value).strip()
    if not text:
        return ""
    if isinstance(value, bool | int | float) or (parse_date(text) is None and not is_period_text(text)):
        raise ValueError(f"“{value}”不是日期")
    return date_text(text)


def _number(value: Any) -> int | float | str:
    from assistant.ledger.numfmt import parse_number

    if isinstance(value, str) and not value.strip():
        return ""
    return parse_number(value)


def _list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    if isinstance(value, tuple):
        return list(value)
    return [part.strip() for part in _LIST_SPLIT.split(str(value)) if part.strip()]


def _table(value: Any) -> list[list[str]]:
    if isinstance(value, str):
        rows = [r for r in re.split(r"[；;\n]+", value) if r.strip()]
        return [[c.strip() for c in row.split("|")] for row in rows]
    if not isinstance(value, list):
        raise ValueError("表格应是由行组成的列表")
    table: list[list[str]] = []
    for i, row in enumerate(value, start=1):
        if isinstance(row, dict):
            table.append([_text(v) for v in row.values()])
        elif isinstance(row, list | tuple):
            table.append([_text(v) for v in row])
        else:
            raise ValueError(f"表格第{i}行应是一个列表")
    return table


def _achievements(value: Any) -> list[AchievementView]:
    if value == "":
        return []
    if not isinstance(value, list):
        raise ValueError("应是成效事项的列表")
    from assistant.ledger.validate import workbook_from_dict

    book = workbook_from_dict({"unit": "—", "achievements": value}, source="槽位")
    return [achievement_view(a) for a in book.achievements]


_COERCERS: dict[str, Any] = {
    "text": _text,
    "date": _date,
    "number": _number,
    "list": _list,
    "table": _table,
    "achievements": _achievements,
}


_TYPE_HINTS: dict[str, str] = {
    "text": "填写文本",
    "date": "日期写成 2023-01-11 或 2023年1月11日",
    "number": "填写数字，如 35 或 12.5",
    "list": "多项用顿号或逗号分隔，如 --set 名称=甲、乙、丙",
    "table": "每行用分号分隔、每格用竖线分隔，如 --set 名称=甲|乙;丙|丁",
    "achievements": "写成台账 achievements 的格式",
}
