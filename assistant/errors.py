"""User-facing errors and warnings, located and worded in Chinese.

Every problem a user can cause is a `WenmiError` (fatal) or a `Diagnostic` (warning).
Both carry where it happened: file, line, column, and/or a field path.
The CLI prints `str(err)` and exits 1; it never shows a traceback for these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Location:
    """Where a problem is. Every part is optional; `None` means unknown."""

    file: str | None = None
    line: int | None = None
    column: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        parts: list[str] = []
        if self.file:
            parts.append(self.file)
        if self.line is not None:
            parts.append(f"第{self.line}行")
        if self.column is not None:
            parts.append(f"第{self.column}列")
        if self.field:
            parts.append(f"字段“{field_text(self.field)}”")
        return "，".join(parts)


#: Chinese name of each key of a workbook (and of config.yaml), used in messages.
KEY_NAMES: dict[str, str] = {
    "unit": "单位",
    "period": "时期",
    "template": "模板",
    "fonts": "字体方案",
    "seed": "标题组序号",
    "headings": "分节标题",
    "fields": "填写项",
    "achievements": "成效事项",
    "title": "事项",
    "category": "类别",
    "metrics": "指标",
    "date": "日期",
    "owner": "责任单位",
    "detail": "说明",
    "tags": "标签",
    "section": "章节",
    "label": "指标名称",
    "value": "数量",
    "qualifier": "修饰",
}


_STEP = re.compile(r"([^.\[\]]+)((?:\[\d+\])*)")


def field_text(path: str) -> str:
    """A field path as the user knows it: the workbook's keys by their Chinese names
    (achievements[2].metrics[1].value -> 成效事项第2项·指标第1项·数量, fields.主题 -> 填写项·主题,
    headings.2 -> 分节标题第2项).
    Options (--fonts) and keys without a Chinese name stay as they are."""
    if path.startswith("-"):
        return path
    out: list[str] = []
    for m in _STEP.finditer(path):
        key, indexes = m.group(1), m.group(2)
        numbers = "".join(f"第{n}项" for n in re.findall(r"\d+", indexes))
        if key.isdigit() and out:  # headings.2: the second one
            out[-1] += f"第{key}项{numbers}"
        else:
            out.append(KEY_NAMES.get(key, key) + numbers)
    return "·".join(out) if out else path


def _loc(file: str | Path | None, line: int | None, column: int | None, field_: str | None) -> Location:
    return Location(str(file) if file is not None else None, line, column, field_)


class WenmiError(Exception):
    """A user error: bad input, missing file, invalid template. Printed without traceback."""

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.location = _loc(file, line, column, field)
        self.hint = hint

    def __str__(self) -> str:
        where = str(self.location)
        text = f"{where}：{self.message}" if where else self.message
        if self.hint:
            text += f"（{self.hint}）"
        return text


class WenmiErrors(WenmiError):
    """Several user errors found in one pass (e.g. a whole workbook validated at once)."""

    def __init__(self, errors: list[WenmiError]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


@dataclass
class Diagnostic:
    """A warning the user should see; does not stop the run (unless --strict)."""

    message: str
    rule: str = "warning"
    location: Location = field(default_factory=Location)
    severity: str = "warning"

    def __str__(self) -> str:
        where = str(self.location)
        return f"{where}：{self.message}" if where else self.message

    @classmethod
    def at(
        cls,
        message: str,
        *,
        rule: str = "warning",
        file: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
        severity: str = "warning",
    ) -> Diagnostic:
        return cls(message, rule, _loc(file, line, column, field), severity)
