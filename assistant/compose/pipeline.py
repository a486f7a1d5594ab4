"""Composition: a template plus a workbook becomes 公文 markup.

Steps: merge slot values (`slots`), group the achievements into the template's sections and
head them (`sections`), and render the body in the sandbox with the views (`views`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assistant.compose.sections import build_sections, replace_headings
from assistant.compose.slots import merge_slot_values
from assistant.compose.views import SectionView, achievement_view
from assistant.compose.wording import date_check, words_for
from assistant.errors import Diagnostic
from assistant.templating import Template, load_catalog, render_template
from assistant.templating.sandbox import body_names

if TYPE_CHECKING:
    from assistant.ledger.workbook import Workbook


#: `--set` names that set the workbook's unit and period rather than a slot.
_UNIT_KEYS = ("unit", "单位")


_PERIOD_KEYS = ("period", "时期")


@dataclass
class ComposeResult:
    markup: str
    diagnostics: list[Diagnostic]
    sections: list[SectionView]
    #: The slot values the body saw, after defaults, workbook fields and overrides.
    values: dict[str, Any] = field(default_factory=dict)
    #: Whether the body uses the achievements (so every figure must be in `markup`; see
    #: `assistant.ledger.figcheck.check_figures`).
    consumes_achievements: bool = False


def compose_markup(
    template: Template,
    workbook: Workbook,
    overrides: Mapping[str, str] | None = None,
    seed: int = 0,
    headings: Mapping[int, str] | None = None,
    *,
    examples: bool = False,
) -> ComposeResult:
    """Render `template` with `workbook` (and `--set` overrides) into 公文 markup.

    `seed` picks the alternative set of composed headings; `headings` ({section number (1-based):
    text}) then replaces single headings, e.g. ones the user picked. Numbers the template has
    no section for are ignored with a warning. `examples`: the drafter accepts the template's
    example claims for the slots left empty (they are marked for review).
    """
    diagnostics: list[Diagnostic] = []
    unit, period = workbook.unit, workbook.period or ""
    overrides = dict(overrides or {})
    for key in list(overrides):
        if key in _UNIT_KEYS:
            unit = overrides.pop(key)
        elif key in _PERIOD_KEYS:
            period = overrides.pop(key)
    values = merge_slot_values(template, workbook.fields, overrides, diagnostics, examples)
    _check_date(template, values, period, diagnostics)
    views = [achievement_view(a) for a in workbook.achievements]
    diagnostics += _check_rows(workbook)
    by_identity = {id(a): v for a, v in zip(workbook.achievements, views, strict=True)}
    sections = build_sections(template, workbook.achievements, by_identity, seed, diagnostics, unit, period)
    if headings:
        sections = replace_headings(template, sections, headings, diagnostics, workbook)
    uses = body_names(template)
    consumes = bool({"achievements", "sections"} & uses)
    if views and not consumes:
        diagnostics.append(
            Diagnostic.at(
                f"模板“{template.id}”不使用成效事项，台账中的 {len(views)} 项成效不会写进文档",
                rule="achievements-unused",
                file=str(workbook.path) if workbook.path else None,
                field="achievements",
            )
        )
    if consumes and not views:
        diagnostics.append(
            Diagnostic.at(
                "台账中没有成效事项，文档的主体部分会是空的", rule="no-achievements", field="achievements"
            )
        )
    context: dict[str, Any] = {
        **words_for(unit, period, workbook.fields).as_context(),
        "unit": unit,
        "period": period,
        **values,
        "achievements": views,
        "sections": sections,
        "headings": [s.heading for s in sections],
    }
    markup = render_template(template, context)
    return ComposeResult(markup, diagnostics, sections, values, consumes)


def sample_workbook(template: Template) -> Workbook:
    """A workbook built from the template's `sample` values."""
    from assistant.ledger.validate import workbook_from_dict

    data = dict(template.sample)
    data.setdefault("template", template.id)
    return workbook_from_dict(data, source=f"{template.where} 的 sample")


def compose_sample(template: Template, seed: int = 0) -> ComposeResult:
    """The template rendered with its own sample values."""
    return compose_markup(template, sample_workbook(template), seed=seed)


def compose_for(
    template_id: str, workbook: Workbook, overrides: Mapping[str, str] | None = None
) -> ComposeResult:
    """Look a template up in the catalogue and compose it (a shortcut for the CLI and TUI)."""
    return compose_markup(load_catalog().get(template_id), workbook, overrides)


def _check_date(template: Template, values: Mapping[str, Any], period: str, out: list[Diagnostic]) -> None:
    """Warn when the 成文日期 does not fit the period the document covers."""
    from assistant.compose.matching import PLANNING_DOCTYPES, REPORTING_DOCTYPES

    if template.doctype not in REPORTING_DOCTYPES | PLANNING_DOCTYPES:
        return
    for slot in template.slots:
        if slot.type == "date" and slot.name in ("日期", "成文日期") and values.get(slot.name):
            message = date_check(str(values[slot.name]), period, template.doctype in REPORTING_DOCTYPES)
            if message:
                out.append(Diagnostic.at(message, rule="date-period", field=f"fields.{slot.name}"))


#: A title longer than this reads as a paragraph, not an action (the genre's run about 8–30).
LONG_TITLE = 40
_LIST_DETAIL = re.compile(r"(?:^|[；;。\s])(?:\d+[.、．]|[（(]\d+[）)]|[①-⑩])")


def _check_rows(workbook: Workbook) -> list[Diagnostic]:
    """Rows the drafter should rephrase: they will be written as given, and read badly."""
    out: list[Diagnostic] = []
    for i, a in enumerate(workbook.achievements, start=1):
        where = f"achievements[{i}]"
        if len(a.title) > LONG_TITLE:
            out.append(
                Diagnostic.at(
                    f"第{i}项成效的事项有{len(a.title)}个字，写进文中会显得冗长；"
                    "建议精简为一件事（30字以内），其余写进说明（detail）",
                    rule="title-long",
                    field=f"{where}.title",
                )
            )
        detail = a.detail or ""
        if len(_LIST_DETAIL.findall(detail)) >= 2 or detail.count("；") + detail.count(";") >= 2:
            out.append(
                Diagnostic.at(
                    f"第{i}项成效的说明是一串并列事项，文中会照录成一句；"
                    "建议写成一句说明做法或成效的话，或拆成几项成效",
                    rule="detail-list",
                    field=f"{where}.detail",
                )
            )
    return out
