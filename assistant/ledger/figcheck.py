"""Figures are sacred: check that a rendered text carries every figure and invents none.

- "figure-missing" (error): a metric's formatted text (Metric.text(), e.g. "600余条") does not
  occur in the text as a whole figure.
- "figure-unknown" (warning): a number in the text that matches no metric, nothing written in
  the achievements (titles, details…) and no slot value. Dates, document numbers (〔2023〕5号),
  ordinals (第3期) and list numbering are not figures and are skipped.

The render command calls check_figures() and fails under --strict; `wenmi check --workbook`
runs it on the text of a finished document.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from assistant.errors import Diagnostic
from assistant.ledger.figures import contains_figure, scan_numbers
from assistant.ledger.numfmt import cn_date

if TYPE_CHECKING:
    from assistant.ledger.workbook import Workbook

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_SKIP_LINE = re.compile(r"^\s*(?:日期|印发日期|成文日期|发文字号|编号)\s*[:：]")
_LIST_NUMBER = re.compile(r"^\s*(?:#+\s*)?(?:\d+[.．、]|[(（]\d+[)）])")
_TABLE_FIRST_CELL = re.compile(r"^\s*\|\s*(\d+)\s*\|")


def _known_from(value: Any, known: set[Decimal]) -> None:
    """Add every number a slot value (text, number, date, list, table…) could put in the text."""
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, int | float):
        known.add(Decimal(repr(value)) if isinstance(value, float) else Decimal(value))
        return
    if isinstance(value, _dt.date):
        known.update(Decimal(n) for n in (value.year, value.month, value.day))
        return
    if isinstance(value, Mapping):
        for item in value.values():
            _known_from(item, known)
        return
    if isinstance(value, Iterable) and not isinstance(value, str | bytes):
        for item in value:
            _known_from(item, known)
        return
    text = str(value)
    for tok in scan_numbers(text) + scan_numbers(cn_date(text)):
        known.add(tok.value)


def known_numbers(achievements: Sequence[Any], slot_values: Any = ()) -> set[Decimal]:
    """Numbers the text may contain: metric values and figures, numbers in the achievements, slots."""
    known: set[Decimal] = set()
    for a in achievements:
        for m in a.metrics:
            _known_from(m.value, known)
            _known_from(m.text(), known)
            _known_from(getattr(m, "label", None), known)  # "其中35岁以下"
        for attr in ("title", "detail", "owner", "date", "section"):
            _known_from(getattr(a, attr, None), known)
        _known_from(list(getattr(a, "tags", []) or []), known)
    _known_from(slot_values, known)
    return known


def _is_date_part(line: str, start: int, end: int) -> bool:
    after = line[end : end + 1]
    before = line[start - 1 : start] if start else ""
    digits = line[start:end]
    if after == "年" and len(digits) == 4:
        return True
    if after == "月" and digits.isdigit() and 1 <= int(digits) <= 12:
        return True
    if after in ("日", "号") and digits.isdigit() and 1 <= int(digits) <= 31:
        return True
    if before in ("-", "/", ".") or after in ("-", "/"):
        return True  # 2023-01-11 written in digits
    if before in (":", "：") and start >= 2 and line[start - 2].isdigit() and len(digits) == 2:
        return True  # the minutes of 9:30
    return after in (":", "：") and digits.isdigit() and int(digits) <= 24  # a time of day


def _skipped(line: str, start: int, end: int) -> bool:
    before = line[:start]
    if before.endswith("第") or before.endswith("〔") or before.endswith("["):
        return True
    if re.search(r"〔\d{4}〕$", before) and line[end : end + 1] == "号":
        return True
    numbering = _LIST_NUMBER.match(line)
    if numbering and numbering.end() >= end:
        return True
    cell = _TABLE_FIRST_CELL.match(line)
    if cell and cell.start(1) == start:
        return True
    return _is_date_part(line, start, end)


def check_figures(
    achievements: Sequence[Any],
    text: str,
    slot_values: Any = (),
    *,
    source: str | None = None,
) -> list[Diagnostic]:
    """Diagnostics for figures missing from `text` (errors) and numbers nobody gave (warnings).

    `achievements` are the ones the template consumed (objects with title and metrics whose
    items have text() and value); `slot_values` are the filled slot values (a mapping or any
    iterable of values) — numbers in them are legitimate.
    """
    out: list[Diagnostic] = []
    for i, j, a, m in missing_metrics(achievements, text):
        label = f"“{m.label}”" if m.label else f"第{j + 1}个"
        out.append(
            Diagnostic.at(
                f"成效“{a.title}”的指标{label}（{m.text()}）没有出现在文中",
                rule="figure-missing",
                severity="error",
                file=source,
                field=f"achievements[{i + 1}].metrics[{j + 1}]",
            )
        )
    known = known_numbers(achievements, slot_values)
    body = _FRONT_MATTER.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    for lineno, line in enumerate(body.split("\n"), start=1):
        if _SKIP_LINE.match(line):
            continue
        for tok in scan_numbers(line):
            if tok.value in known or _skipped(line, tok.start, tok.end):
                continue
            context = line[max(0, tok.start - 6) : tok.end + 4].strip()
            out.append(
                Diagnostic.at(
                    f"文中的数字“{tok.text}”（…{context}…）在台账和填写项中都找不到，请核对是否写错或多写",
                    rule="figure-unknown",
                    severity="warning",
                    file=source,
                    line=lineno,
                    column=tok.start + 1,
                )
            )
    return out


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diagnostics)


def missing_metrics(achievements: Sequence[Any], text: str) -> list[tuple[int, int, Any, Any]]:
    """(achievement index, metric index, achievement, metric), 0-based, for every metric whose
    formatted figure is not in `text` as a whole figure: the one test both reports use."""
    return [
        (i, j, a, m)
        for i, a in enumerate(achievements)
        for j, m in enumerate(a.metrics)
        if not contains_figure(text, m.text())
    ]


def missing_figures(workbook: Workbook, text: str) -> list[tuple[str, str]]:
    """(where, message) for every metric of the workbook whose figure is not in `text`."""
    return [
        (f"台账第{i + 1}项“{a.title}”", f"指标“{m.label or m.text()}”（{m.text()}）没有出现在文档中")
        for i, _j, a, m in missing_metrics(workbook.achievements, text)
    ]
