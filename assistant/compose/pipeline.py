"""Composition: a template plus a workbook becomes 公文 markup.

Steps: merge slot values (`slots`), group the achievements into the template's sections and
head them (`sections`), and render the body in the sandbox with the views (`views`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from assistant.compose import cache
from assistant.compose.honours import honours_text
from assistant.compose.planparts import PARTS, plan_parts
from assistant.compose.sections import build_sections, replace_headings
from assistant.compose.slots import merge_slot_values
from assistant.compose.views import AchievementView, SectionView
from assistant.compose.wording import date_check, words_for
from assistant.errors import Diagnostic
from assistant.templating import Template, load_catalog, render_template
from assistant.templating.sandbox import body_names, measure_input

if TYPE_CHECKING:
    from assistant.ledger.figures import FigurePlacement
    from assistant.ledger.workbook import Achievement, Workbook


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
    #: The achievements (by workbook index) the opening tells instead of a section (the unit's
    #: honours, `compose.honours`).
    opening: list[int] = field(default_factory=list)


def compose_markup(
    template: Template,
    workbook: Workbook,
    overrides: Mapping[str, str] | None = None,
    seed: int = 0,
    headings: Mapping[int, str] | None = None,
    *,
    examples: bool = False,
    arranged: Arrangement | None = None,
) -> ComposeResult:
    """Render `template` with `workbook` (and `--set` overrides) into 公文 markup.

    `seed` picks the alternative set of composed headings; `headings` ({section number (1-based):
    text}) then replaces single headings, e.g. ones the user picked. Numbers the template has
    no section for are ignored with a warning. `examples`: the drafter accepts the template's
    example claims for the slots left empty (they are marked for review). `arranged`: what
    `arrange` made of these achievements with this seed, unit and period, when the caller kept it
    (the TUI recomposes on every keystroke in a field, which leaves the arrangement as it is).
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
    kept = arranged is not None
    if arranged is None:
        arranged = arrange(template, workbook, seed, unit, period)
    diagnostics += arranged.diagnostics
    views, sections = arranged.views, arranged.sections
    if headings:
        sections = replace_headings(template, sections, headings, diagnostics, workbook)
    uses = body_names(template)
    absent = _theme_absent(template, workbook, uses)
    diagnostics += absent
    wording = words_for(unit, period, workbook.fields).as_context()
    plans: list[AchievementView] = []
    parts: dict[str, list[AchievementView]] = {p: [] for p in PARTS}
    if {"plans", "plan_parts"} & uses:
        # a forward-looking template that tells the rows still to do as its tasks (`plans`, or
        # sorted into 时间/对象/方式/内容/组织 as `plan_parts`) and only the rows done as earlier
        # work (`achievements`); when most rows are tasks, the document plans the workbook's own
        # period, not the one after it
        # kept with the arrangement while the fields that tell the tense stay as they were
        tense_key = _tense_key(workbook)
        split = arranged.split
        if split is None or split[0] != tense_key:
            split = arranged.split = (tense_key, _split_plans(template, workbook, views))
        views, plans, planned = split[1]
        if "plan_parts" in uses:
            parts = plan_parts(planned, plans)
        if plans and len(plans) >= len(views) and wording.get("next_period"):
            wording["next_period"], wording["next_span"] = period, wording["span"]
    consumes = bool({"achievements", "sections", "plans", "plan_parts"} & uses)
    if (views or plans) and not consumes:
        diagnostics.append(
            Diagnostic.at(
                f"模板“{template.id}”不使用成效事项，台账中的 {len(views)} 项成效不会写进文档",
                rule="achievements-unused",
                file=str(workbook.path) if workbook.path else None,
                field="achievements",
            )
        )
    if consumes and not views and not plans:
        diagnostics.append(
            Diagnostic.at(
                "台账中没有成效事项，文档的主体部分会是空的", rule="no-achievements", field="achievements"
            )
        )
    context: dict[str, Any] = {
        **wording,
        "unit": unit,
        "period": period,
        **values,
        "achievements": views,
        "plans": plans,
        "plan_parts": parts,
        "sections": sections,
        "headings": [s.heading for s in sections],
        # whether the workbook speaks of the template's own theme (its framing may say so)
        "theme_said": not absent,
        "honours": honours_text([arranged.views[i] for i in arranged.opening], unit) if arranged.opening else "",
    }
    measured = None
    if kept:  # the arrangement is measured once, the rest of the context each time
        if arranged.measured is None:
            arranged.measured = measure_input({"achievements": views, "sections": arranged.sections})
        rest = measure_input({k: v for k, v in context.items() if k not in ("achievements", "sections")})
        measured = (arranged.measured[0] + rest[0], max(arranged.measured[1], rest[1]))
    markup = render_template(template, context, measured)
    diagnostics += _undated(markup, template, workbook)
    diagnostics += _anachronisms(markup, period, workbook)
    return ComposeResult(markup, diagnostics, sections, values, consumes, list(arranged.opening))


def _anachronisms(markup: str, period: str, workbook: Workbook) -> list[Diagnostic]:
    """`wording.anachronisms` as warnings: the template speaks today's language, the drafter is
    told to write the one of the time."""
    from assistant.compose.wording import anachronisms

    return [
        Diagnostic.at(message, rule="anachronism", file=str(workbook.path) if workbook.path else None, field="period")
        for message in anachronisms(markup, period)
    ]


def _undated(markup: str, template: Template, workbook: Workbook) -> list[Diagnostic]:
    """A document signed (落款) without a 成文日期: `wenmi check` would call it incomplete (GB/T 9704
    7.3.5), so the drafter is told here which field to fill."""
    lines = markup.splitlines()
    if not any(ln.startswith("落款：") for ln in lines) or any(ln.startswith("日期：") for ln in lines):
        return []
    slot = next((s for s in template.slots if s.type == "date"), None)
    how = f"在台账的填写项中写“{slot.name}”（如 2024-01-08），或用 --set {slot.name}=2024-01-08" if slot else "在文末署名下一行补写成文日期"
    return [
        Diagnostic.at(
            f"文档有署名但没有成文日期：{how}（成文日期是公文的必备要素，GB/T 9704 7.3.5）",
            rule="date-missing",
            file=str(workbook.path) if workbook.path else None,
            field=f"fields.{slot.name}" if slot else None,
        )
    ]


@dataclass
class Arrangement:
    """What composing makes of the achievements alone: their views, the sections they fall into
    (with composed headings and paragraphs) and the warnings about them. Slot values play no
    part in it, so typing in a field composes again with the same arrangement."""

    views: list[AchievementView]
    sections: list[SectionView]
    diagnostics: list[Diagnostic]
    #: The sandbox's measure of the views and sections (`measure_input`), made on first reuse.
    measured: tuple[int, int] | None = None
    #: The rows done and to do (`_split_plans`), made when a forward template first asks, with
    #: the fields they were read with (`_tense_key`).
    split: tuple[tuple[str, ...], tuple[list[AchievementView], list[AchievementView], list[Achievement]]] | None = None
    #: The workbook indices of the unit's honours the opening tells (`compose.honours`), in no section.
    opening: list[int] = field(default_factory=list)


def arrange(template: Template, workbook: Workbook, seed: int, unit: str, period: str) -> Arrangement:
    """The views of `workbook`'s achievements and their sections (`build_sections`) for `template`."""
    diagnostics: list[Diagnostic] = []
    placements: list[list[FigurePlacement]] = [[] for _ in workbook.achievements]
    views = [cache.achievement_view(a, out) for a, out in zip(workbook.achievements, placements, strict=True)]
    diagnostics += _check_rows(workbook, placements if _writes_sentences(template) else None)
    by_identity = {id(a): v for a, v in zip(workbook.achievements, views, strict=True)}
    rows: Sequence[Achievement] = workbook.achievements
    opening: list[int] = []
    if "honours" in body_names(template) and template.sections is not None and template.sections.pattern != "none":
        # the unit's own honours are told in the opening, not under a heading about work
        from assistant.compose.honours import opening_honours

        opening = opening_honours(rows, unit)
        rows = [a for i, a in enumerate(rows) if i not in opening]
    sections = build_sections(_headed(template, workbook), rows, by_identity, seed, diagnostics, unit, period)
    if opening:  # the sections' indices are of the rows they were given: back to the workbook's
        kept = [i for i in range(len(workbook.achievements)) if i not in opening]
        sections = [replace(s, indices=tuple(kept[j] for j in s.indices)) for s in sections]
    return Arrangement(views, sections, diagnostics, opening=opening)


#: A template with fixed headings about its theme, as composed for a workbook that never mentions
#: the theme (kept by template, so the compose memo finds the same plan again).
_UNTHEMED: dict[int, tuple[Template, Template]] = {}
#: How many sections composed headings make for a theme template's rows (its fixed headings cover
#: every kind of work of the theme, more than one workbook of other work needs).
_UNTHEMED_SECTIONS = 4


def _headed(template: Template, workbook: Workbook) -> Template:
    """`template`, or, when its fixed headings are about a theme the workbook never mentions
    (`SectionPlan.theme_words`) and its body words the framing by `theme_said`, the same template
    with headings composed for the rows: 志愿服务's 组建志愿队伍 over 落实“三会一课”制度 would
    be a heading over content it does not describe."""
    from assistant.compose.matching import absent_theme

    plan = template.sections
    if plan is None or not plan.headings or not plan.theme_words or "theme_said" not in body_names(template):
        return template
    if not absent_theme(template, workbook.achievements, (), workbook.fields):
        return template
    kept = _UNTHEMED.get(id(template))
    if kept is None or kept[0] is not template:
        composed = replace(plan, headings=(), theme_words=(), count=min(plan.count, _UNTHEMED_SECTIONS))
        kept = _UNTHEMED[id(template)] = (template, replace(template, sections=composed))
    return kept[1]


def _theme_absent(template: Template, workbook: Workbook, uses: Set[str]) -> list[Diagnostic]:
    """A warning when the template is about a kind of work (理论宣讲, 志愿服务) the workbook never
    mentions (its fields included): its own framing would tell that the unit did that work. A
    template that words its framing by `theme_said` says so and tells only what the rows do."""
    from assistant.compose.matching import absent_theme

    names = tuple(info.name for info in load_catalog().infos())
    words = absent_theme(template, workbook.achievements, names, workbook.fields)
    if not words:
        return []
    theme = "、".join(f"“{w}”" for w in words[:2])
    if "theme_said" in uses:
        fixed = template.sections is not None and template.sections.theme_words and template.sections.headings
        parts = "标题、导语、小标题和结尾" if fixed else "标题、导语和结尾"
        told = f"{parts}已按台账内容改为一般写法，不写{theme}；如确是这方面的工作，请在台账中写明"
    else:
        told = "导语、结尾等模板自带的表述会说本单位做了这方面的工作，请核实改写，或改选与台账内容相符的模板"
    return [
        Diagnostic.at(
            f"模板“{template.name}”写的是{theme}方面的工作，台账没有提到{theme}：{told}",
            rule="template-theme-absent",
            file=str(workbook.path) if workbook.path else None,
            field="template",
        )
    ]


def _tense_key(workbook: Workbook) -> tuple[str, ...]:
    """What besides the rows tells whether they are done or to do: the period and the fields
    that name the document or date it (`matching.workbook_tense`)."""
    from assistant.compose.matching import DATE_FIELDS, TITLE_FIELDS

    fields = workbook.fields or {}
    return (str(workbook.period or ""), *(str(fields.get(k) or "") for k in (*TITLE_FIELDS, *DATE_FIELDS)))


def _split_plans(
    template: Template, workbook: Workbook, views: Sequence[AchievementView]
) -> tuple[list[AchievementView], list[AchievementView], list[Achievement]]:
    """(done, to do, the rows to do): the views of the rows that report work done and of those
    that state work still to do (`matching.planned_rows`), and the latter rows, in workbook order."""
    from assistant.compose.matching import FORWARD_DOCTYPES, planned_rows

    flags = planned_rows(workbook, forward=template.doctype in FORWARD_DOCTYPES)
    done = [v for v, planned in zip(views, flags, strict=True) if not planned]
    todo = [v for v, planned in zip(views, flags, strict=True) if planned]
    return done, todo, [a for a, planned in zip(workbook.achievements, flags, strict=True) if planned]


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


def _check_rows(workbook: Workbook, placements: list[list[FigurePlacement]] | None = None) -> list[Diagnostic]:
    """Rows the drafter should rephrase: they will be written as given, and read badly.
    `placements`: how each row's metrics got into its sentence (`achievement_view`)."""
    out: list[Diagnostic] = []
    for i, a in enumerate(workbook.achievements, start=1):
        where = f"achievements[{i}]"
        fallbacks = [p for p in placements[i - 1] if p.fallback] if placements else []
        if fallbacks:
            out.append(_figure_warning(i, a.title, fallbacks, f"{where}.title"))
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


#: What a body reads to write the figure sentences (`a.sentence`, `map(attribute='sentence')`,
#: `s.paragraphs`).
_SENTENCE_ATTRS = frozenset({"sentence", "paragraphs"})
_WRITES_SENTENCES: dict[tuple[str, str], bool] = {}


def _writes_sentences(template: Template) -> bool:
    """Whether the body writes the achievements' figure sentences (a table of titles does not:
    how a figure would have been woven is then nothing to rephrase)."""
    key = (template.id, template.body)
    if key not in _WRITES_SENTENCES:
        from jinja2 import nodes

        from assistant.templating.sandbox import parse_body

        tree = parse_body(template)
        if len(_WRITES_SENTENCES) > 512:
            _WRITES_SENTENCES.clear()
        _WRITES_SENTENCES[key] = (
            any(n.attr in _SENTENCE_ATTRS for n in tree.find_all(nodes.Getattr))
            or any(n.value in _SENTENCE_ATTRS for n in tree.find_all(nodes.Const) if isinstance(n.value, str))
            or any(n.name == "mentions" for n in tree.find_all(nodes.Filter))  # writes them as clauses
        )
    return _WRITES_SENTENCES[key]


def _figure_warning(i: int, title: str, fallbacks: list[FigurePlacement], where: str) -> Diagnostic:
    """What to rephrase when figures could not be woven into the row's action: the figure is
    still written (a clause of its own), but reads as stitched on."""
    short = title if len(title) <= 20 else title[:20] + "…"
    said = "、".join(f"“{p.clause}”" for p in fallbacks)
    labels = "、".join(f"“{p.label}”" for p in fallbacks)
    slots = "、".join(f"{{{p.label}}}" for p in fallbacks)
    if all(p.how == "restated" for p in fallbacks):
        problem = f"指标{labels}说的就是事项本身，但事项中没有放数字的位置，文中只能写成{said}"
        advice = f"请在事项中用{slots}标出数字应在的位置，或把指标名称改成事项中的说法"
    else:
        problem = f"事项没有说到指标{labels}，文中只能接在事项后面写成{said}，读来像拼接"
        advice = f"请把指标名称写进事项，或在事项中用{slots}标出数字的位置"
    return Diagnostic.at(f"第{i}项成效“{short}”：{problem}；{advice}", rule="rephrase-figure", field=where)
