"""Composition: a template plus a workbook becomes 公文 markup.

Steps: merge slot values (template defaults < workbook fields < `--set` overrides, each
checked against its slot type), group the achievements into the template's sections, ask the
phrase bank for a parallel set of headings, and render the body in the sandbox.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from assistant.errors import Diagnostic, WenmiError
from assistant.templating import Template, load_catalog, render_template
from assistant.templating.model import SectionPlan, Slot
from assistant.templating.sandbox import body_names

if TYPE_CHECKING:
    from assistant.workbook import Achievement, Workbook

#: `--set` names that set the workbook's unit and period rather than a slot.
_UNIT_KEYS = ("unit", "单位")
_PERIOD_KEYS = ("period", "时期")
#: Separators of a list slot given as one string.
_LIST_SPLIT = re.compile(r"[、，,；;\n]+")


@dataclass(frozen=True)
class MetricView:
    """One figure as the body sees it: `.text` is its GB/T 15835 form ("600余条")."""

    label: str
    text: str
    value: int | float
    unit: str
    qualifier: str


@dataclass(frozen=True)
class AchievementView:
    """An achievement as the body sees it; missing parts are "" (never None)."""

    title: str
    category: str
    detail: str
    owner: str
    date: str
    tags: tuple[str, ...]
    metrics: tuple[MetricView, ...]
    #: Every metric text joined with "，".
    figures: str
    #: A 公文 sentence ending in "。" that contains every figure.
    sentence: str
    section: str = ""


@dataclass(frozen=True)
class SectionView:
    """One section of the plan: its heading and the achievements under it."""

    index: int
    heading: str
    head: str
    tail: str
    achievements: tuple[AchievementView, ...]
    #: Where `achievements` are in the workbook's `achievements` (0-based), in the same order.
    indices: tuple[int, ...] = ()


@dataclass
class ComposeResult:
    markup: str
    diagnostics: list[Diagnostic]
    sections: list[SectionView]
    #: The slot values the body saw, after defaults, workbook fields and overrides.
    values: dict[str, Any] = field(default_factory=dict)
    #: Whether the body uses the achievements (so every figure must be in `markup`; see
    #: `assistant.figcheck.check_figures`).
    consumes_achievements: bool = False


# --- public API ------------------------------------------------------------------------------


def compose_markup(
    template: Template,
    workbook: Workbook,
    overrides: Mapping[str, str] | None = None,
    seed: int = 0,
    headings: Mapping[int, str] | None = None,
) -> ComposeResult:
    """Render `template` with `workbook` (and `--set` overrides) into 公文 markup.

    `seed` picks the alternative set of composed headings; `headings` ({section number (1-based):
    text}) then replaces single headings, e.g. ones the user picked. Numbers the template has
    no section for are ignored with a warning.
    """
    diagnostics: list[Diagnostic] = []
    unit, period = workbook.unit, workbook.period or ""
    overrides = dict(overrides or {})
    for key in list(overrides):
        if key in _UNIT_KEYS:
            unit = overrides.pop(key)
        elif key in _PERIOD_KEYS:
            period = overrides.pop(key)
    values = merge_slot_values(template, workbook.fields, overrides, diagnostics)
    views = [achievement_view(a) for a in workbook.achievements]
    by_identity = {id(a): v for a, v in zip(workbook.achievements, views, strict=True)}
    sections = build_sections(template, workbook.achievements, by_identity, seed)
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
    from assistant.workbook import workbook_from_dict

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


# --- slot values --------------------------------------------------------------------------------


def merge_slot_values(
    template: Template,
    fields: Mapping[str, Any],
    overrides: Mapping[str, str],
    diagnostics: list[Diagnostic],
) -> dict[str, Any]:
    """Slot values: defaults < workbook fields < overrides, coerced to each slot's type."""
    raw: dict[str, Any] = {s.name: s.default for s in template.slots}
    origin: dict[str, str] = {s.name: "默认值" for s in template.slots}
    for key, value in (fields or {}).items():
        slot = template.slot(str(key))
        if slot is None:
            diagnostics.append(
                Diagnostic.at(
                    f"台账字段“{key}”不是模板“{template.id}”的槽位，未使用",
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
        if slot.required and values[slot.name] in ("", [], None):
            raise _missing_slot(template, slot)
    return values


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
        return _cn_date(value)
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def _cn_date(value: Any) -> str:
    from assistant.numfmt import cn_date

    if isinstance(value, datetime):
        value = value.date()
    return str(cn_date(value))


def _date(value: Any) -> str:
    from assistant.numfmt import is_period_text, parse_date

    if isinstance(value, date | datetime):
        return _cn_date(value)
    text = str(value).strip()
    if not text:
        return ""
    if isinstance(value, bool | int | float) or (parse_date(text) is None and not is_period_text(text)):
        raise ValueError(f"“{value}”不是日期")
    return _cn_date(text)


def _number(value: Any) -> int | float | str:
    from assistant.numfmt import parse_number

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
    from assistant.workbook import workbook_from_dict

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


# --- achievements and sections -------------------------------------------------------------------


def achievement_view(a: Achievement) -> AchievementView:
    """The view of an achievement the body sees (figures formatted, sentence written)."""
    from assistant.figures import figure_sentence

    metrics = tuple(
        MetricView(
            label=m.label, text=m.text(), value=m.value, unit=m.unit or "", qualifier=m.qualifier or ""
        )
        for m in a.metrics
    )
    return AchievementView(
        title=a.title,
        category=a.category or "",
        detail=a.detail or "",
        owner=a.owner or "",
        date=_cn_date(a.date) if a.date else "",
        tags=tuple(a.tags or ()),
        metrics=metrics,
        figures="，".join(m.text for m in metrics),
        sentence=figure_sentence(a),
        section=a.section or "",
    )


def build_sections(
    template: Template,
    achievements: Sequence[Achievement],
    views: Mapping[int, AchievementView],
    seed: int = 0,
) -> list[SectionView]:
    """Group the achievements into the plan's sections and give each a heading."""
    plan = template.sections
    if plan is None or plan.pattern == "none":
        return []
    fixed = list(plan.headings)
    groups = group_achievements(list(achievements), len(fixed) or plan.count, plan.group_by, fixed)
    if fixed:
        headings = fixed
    elif not groups:
        return []
    else:
        headings = compose_headings(plan, template, groups, seed)
        # A named family (四高, 1234) has its own order, and so do the workbook's sections then.
        if not plan.family and not any(a.section for g in groups for a in g):
            headings, groups = match_headings(headings, groups, plan.pattern, plan.group_by)
    position = {id(a): i for i, a in enumerate(achievements)}
    sections: list[SectionView] = []
    for i, (heading, group) in enumerate(zip(headings, groups, strict=True), start=1):
        head, tail = split_heading(heading, plan.pattern)
        shown = tuple(views[id(a)] for a in group)
        sections.append(SectionView(i, heading, head, tail, shown, tuple(position[id(a)] for a in group)))
    return sections


def replace_headings(
    template: Template,
    sections: Sequence[SectionView],
    headings: Mapping[int, str],
    diagnostics: list[Diagnostic],
    workbook: Workbook | None = None,
) -> list[SectionView]:
    """`sections` with section i's heading replaced by `headings[i]` (head and tail split again).

    A number with no section, or an empty text, is left out with a warning in `diagnostics`.
    """
    pattern = template.sections.pattern if template.sections is not None else "none"
    where = str(workbook.path) if workbook is not None and workbook.path else None
    out = list(sections)
    for number, text in sorted(headings.items()):
        heading = str(text).strip()
        if not heading:
            diagnostics.append(
                Diagnostic.at(
                    f"第{number}部分的标题是空的，仍用组合的标题",
                    rule="heading-empty",
                    file=where,
                    field=f"headings.{number}",
                )
            )
            continue
        if not 1 <= number <= len(sections):
            have = f"只有 {len(sections)} 个部分" if sections else "不分节"
            diagnostics.append(
                Diagnostic.at(
                    f"模板“{template.id}”{have}，第{number}部分的标题“{heading}”未使用",
                    rule="heading-unknown-section",
                    file=where,
                    field=f"headings.{number}",
                )
            )
            continue
        head, tail = split_heading(heading, pattern)
        out[number - 1] = replace(out[number - 1], heading=heading, head=head, tail=tail)
    return out


def group_achievements(
    achievements: list[Achievement], count: int, group_by: str, headings: Sequence[str] = ()
) -> list[list[Achievement]]:
    """Achievements split into sections by `assistant.matching.group_achievements`.

    Without fixed headings: at most `count` non-empty groups. With fixed headings: exactly one
    group per heading, in heading order: a group whose achievements name a section ("2", or the
    heading's text) goes there, the others fill the remaining headings in order, and headings
    nobody fills get an empty group.
    """
    from assistant.matching import group_achievements as split
    from assistant.matching import section_index

    groups = split(achievements, count, group_by, list(headings) or None)
    if not headings:
        return groups
    slots: list[list[Achievement] | None] = [None] * len(headings)
    unplaced: list[list[Achievement]] = []
    for group in groups:
        pins = [section_index(a.section, len(headings), headings) for a in group if a.section]
        index = next((i for i in pins if i is not None), None)
        if index is not None and slots[index] is None:
            slots[index] = group
        else:
            unplaced.append(group)
    for group in unplaced:
        free = next((i for i, s in enumerate(slots) if s is None), None)
        if free is None:
            slots[-1] = (slots[-1] or []) + group
        else:
            slots[free] = group
    return [s or [] for s in slots]


def compose_headings(
    plan: SectionPlan, template: Template, groups: Sequence[Sequence[Achievement]], seed: int
) -> list[str]:
    """A parallel set of `len(groups)` headings from the phrase bank."""
    import inspect

    from assistant.phrasebank import load_bank

    bank = load_bank()
    kwargs: dict[str, Any] = {
        "count": len(groups),
        "theme": plan.theme or template.category,
        "pattern": plan.pattern,
        "seed": seed,
        "hints": section_hints(groups),
    }
    if plan.style and "style" in inspect.signature(bank.compose).parameters:
        kwargs["style"] = plan.style
    if plan.family:
        kwargs["family"] = plan.family
    headings = [str(h) for h in bank.compose(**kwargs)]
    if len(headings) != len(groups):
        raise WenmiError(
            f"词库只给出了 {len(headings)} 个标题，模板“{template.id}”需要 {len(groups)} 个",
            field="sections",
            hint="在用户词库中补充该主题的短语，或在模板的 sections.headings 中写定标题",
        )
    return headings


_COMMON_CHARS = set("的一是在和了有为与及对等中开展工作组织进行推动加强全面持续深入")


def _affinity(heading: str, group: Sequence[Achievement]) -> int:
    """How well a heading fits a section: shared characters and two-character words."""
    text = "".join(
        f"{a.title}{a.detail or ''}{a.category or ''}{''.join(a.tags or ())}" for a in group
    )
    chars = {c for c in heading if c not in _COMMON_CHARS and "\u4e00" <= c <= "\u9fff"}
    score = sum(1 for c in chars if c in text)
    score += 3 * sum(1 for i in range(len(heading) - 1) if heading[i : i + 2] in text)
    return score


def match_headings(
    headings: list[str], groups: list[list[Achievement]], pattern: str, group_by: str
) -> tuple[list[str], list[list[Achievement]]]:
    """Pair each composed heading with the section it fits best.

    The phrase bank returns a parallel set; which member heads which section is ours to choose.
    Plain phrases have no order of their own, so they move to their sections; numbered
    frameworks and pair families keep their order, and the sections move instead, unless the
    user's order is the grouping. Ties keep the original order (deterministic).
    """
    import itertools

    n = len(headings)
    if n < 2 or n > 7:
        return headings, groups
    move_headings = pattern == "phrase"
    if not move_headings and group_by == "order":
        return headings, groups
    best_score = -1
    best: tuple[int, ...] = tuple(range(n))
    for perm in itertools.permutations(range(n)):
        if move_headings:
            score = sum(_affinity(headings[perm[i]], groups[i]) for i in range(n))
        else:
            score = sum(_affinity(headings[i], groups[perm[i]]) for i in range(n))
        if score > best_score:
            best_score, best = score, perm
    if move_headings:
        return [headings[i] for i in best], groups
    return headings, [groups[i] for i in best]


def section_hints(groups: Sequence[Sequence[Achievement]]) -> list[str]:
    """Words of the sections' achievement titles (and their tags), in order, no repeats."""
    from assistant.matching import words

    hints: list[str] = []
    for group in groups:
        for a in group:
            hints.extend(words(a.title))
            hints.extend(a.tags or ())
    return list(dict.fromkeys(h for h in hints if h))


#: What joins the head and the tail of a pair heading, looked for in this order.
PAIR_SEPARATORS: tuple[str, ...] = ("\u3000", "，", " ")


def split_heading(heading: str, pattern: str) -> tuple[str, str]:
    """(head, tail): "提高站位　高标准制定工作措施" -> ("提高站位", "高标准制定工作措施")."""
    if pattern == "pair":
        for sep in PAIR_SEPARATORS:
            if sep in heading:
                head, tail = heading.split(sep, 1)
                return head.strip(), tail.strip("\u3000 ")
    return heading, ""


def replace_head(heading: str, pattern: str, phrase: str) -> str:
    """`heading` with its head replaced by `phrase`, keeping the separator and the tail.

    ("提高站位　高标准制定工作措施", "pair", "守正创新") -> "守正创新　高标准制定工作措施".
    Only a pair heading has a head of its own: for another pattern, a heading without a tail,
    or a `phrase` that is a whole pair itself, the result is `phrase` (the whole heading).
    """
    phrase = phrase.strip()
    if pattern != "pair" or split_heading(phrase, pattern)[1]:
        return phrase
    for sep in PAIR_SEPARATORS:
        if sep in heading:
            rest = heading.split(sep, 1)[1]
            return f"{phrase}{sep}{rest}" if rest.strip("\u3000 ") else phrase
    return phrase
