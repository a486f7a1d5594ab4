"""Sections: the achievements grouped into a template's sections, each with a heading from the phrase bank."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Any

from assistant.compose import cache
from assistant.compose.grouping import assign, heading_fit, vectors
from assistant.compose.paragraphs import build_paragraphs
from assistant.compose.views import AchievementView, SectionView
from assistant.errors import Diagnostic, WenmiError
from assistant.templating import Template
from assistant.templating.model import SectionPlan

if TYPE_CHECKING:
    from assistant.ledger.workbook import Achievement, Workbook


def build_sections(
    template: Template,
    achievements: Sequence[Achievement],
    views: Mapping[int, AchievementView],
    seed: int = 0,
    diagnostics: list[Diagnostic] | None = None,
    unit: str = "",
    period: str = "",
) -> list[SectionView]:
    """Group the achievements into the plan's sections and give each a heading.

    A fixed heading that no achievement falls under is left out (the numbering closes up), and
    `diagnostics` says so: an empty frame is no section.
    """
    plan = template.sections
    if plan is None or plan.pattern == "none":
        return []
    fixed = list(plan.headings)
    groups = group_achievements(list(achievements), len(fixed) or plan.count, plan.group_by, fixed)
    if fixed:
        headings = [h for h, g in zip(fixed, groups, strict=True) if g]
        if diagnostics is not None:
            for number, (h, g) in enumerate(zip(fixed, groups, strict=True), start=1):
                if not g and any(groups):
                    diagnostics.append(
                        Diagnostic.at(
                            f"第{number}部分“{h}”没有对应的成效事项，已略去，后面的部分依次前移"
                            "（要写这一部分，请在台账中补充相应事项）",
                            rule="section-empty",
                            field="achievements",
                        )
                    )
        groups = [g for g in groups if g]
    elif not groups:
        return []
    else:
        # kept while the rows say what they said (`compose.cache`)
        headings = cache.kept_headings(compose_headings, plan, template, groups, seed)
        if not any(a.section for g in groups for a in g):
            groups, headings = _fold_unnamed(plan, template, groups, headings, seed)
        # A named family (四高, 1234) has its own order, and so do the workbook's sections then.
        if not plan.family and not any(a.section for g in groups for a in g):
            headings, groups = match_headings(headings, groups, plan.pattern, plan.group_by)
        if plan.group_by != "order":
            where = {id(a): i for i, a in enumerate(achievements)}
            groups = [sorted(g, key=lambda a: where[id(a)]) for g in regroup_by_headings(headings, groups)]
    if diagnostics is not None and plan.group_by != "order":
        # section by section, kept for a section the last edit left as it was
        for g, h in zip(groups, headings, strict=True):
            diagnostics += cache.kept("loners", g, partial(_loners, [g], [h]), h)
    # a template whose headings are its method (四高: quoted in its text) is not retitled
    if diagnostics is not None and fixed and not template_uses_tails(template):
        diagnostics += _unfitting_fixed(groups, headings, heads=True)
    position = {id(a): i for i, a in enumerate(achievements)}
    bank = _bank()
    theme = plan.theme or template.category
    said = {h for heading in headings for h in (heading, *split_heading(heading, plan.pattern)) if h}
    sections: list[SectionView] = []
    for i, (heading, group) in enumerate(zip(headings, groups, strict=True), start=1):
        head, tail = split_heading(heading, plan.pattern)
        shown = tuple(views[id(a)] for a in group)
        sentences = [v.sentence for v in shown]
        paragraphs = cache.kept_paragraphs(build_paragraphs, group, sentences, bank, theme, said, unit, period)
        sections.append(
            SectionView(i, heading, head, tail, shown, tuple(position[id(a)] for a in group), paragraphs)
        )
    return sections


#: A section this small whose best heading names nothing it says joins the section most like it.
FOLD_MAX = 2


def _fold_unnamed(
    plan: SectionPlan,
    template: Template,
    groups: list[list[Achievement]],
    headings: list[str],
    seed: int,
) -> tuple[list[list[Achievement]], list[str]]:
    """The groups and their headings with every small group that no heading of the bank describes
    (选出代表参加代表大会 headed 上挂下派) joined to the group its rows are most like, and the
    headings composed again, when the new headings name more of the rows. Two sections at least
    stay, and nothing is folded when no heading names anything; the loner check then reports the
    row if it is like nothing there."""
    from assistant.compose.claims import supported
    from assistant.compose.grouping import similarity

    while len(groups) > 2:
        bare = [k for k, (h, g) in enumerate(zip(headings, groups, strict=True)) if not supported(h, g)]
        small = [k for k in bare if len(groups[k]) <= FOLD_MAX]
        # where no heading says anything the bank has no words for this work: folding tells nothing
        if not small or len(bare) == len(groups):
            break
        k = min(small, key=lambda k: (len(groups[k]), k))
        items = [a for g in groups for a in g]
        sim = similarity(items)
        where = {id(a): i for i, a in enumerate(items)}
        mine = [where[id(a)] for a in groups[k]]
        likeness = {
            j: sum(sim[i][where[id(b)]] for i in mine for b in g) / (len(mine) * len(g))
            for j, g in enumerate(groups)
            if j != k
        }
        target = max(likeness, key=lambda j: (likeness[j], -j))
        merged = [g for j, g in enumerate(groups) if j != k]
        merged[target - (target > k)] = groups[target] + groups[k]
        retitled = compose_headings(plan, template, merged, seed)
        # only when the headings composed for the new sections speak of more rows than before: a
        # row moved under another heading that names nothing of it is no better placed
        if _unnamed_rows(merged, retitled) >= _unnamed_rows(groups, headings):
            break
        groups, headings = merged, retitled
    return groups, headings


def _unnamed_rows(groups: Sequence[Sequence[Achievement]], headings: Sequence[str]) -> int:
    from assistant.compose.claims import named

    return sum(1 for h, g in zip(headings, groups, strict=True) for a in g if not named(h, [a]))


def _bank() -> Any:
    """The phrase bank, or None when it cannot be read (paragraphs then go without leads)."""
    from assistant.phrasebank import load_bank

    try:
        return load_bank()
    except WenmiError:
        return None


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
    """Achievements split into sections by `assistant.compose.matching.group_achievements`.

    Without fixed headings: at most `count` non-empty groups. With fixed headings: exactly one
    group per heading, in heading order: a group whose achievements name a section ("2", or the
    heading's text) goes there, the others go under the remaining heading that describes them
    best (in order when grouped by order), and headings nobody fills get an empty group.
    """
    from assistant.compose.matching import group_achievements as split
    from assistant.compose.matching import section_index

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
    free = [i for i, s in enumerate(slots) if s is None]
    if group_by == "order" or not free:
        for group in unplaced:
            index = free.pop(0) if free else len(slots) - 1
            slots[index] = (slots[index] or []) + group
        return [s or [] for s in slots]
    # each group under the free heading that describes it best
    for group, k in zip(unplaced, assign(unplaced, [headings[i] for i in free]), strict=True):
        slots[free[k]] = (slots[free[k]] or []) + group
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
    plain = {k: v for k, v in kwargs.items() if k != "family"}
    content = _content_sets(bank, plain, groups)
    # a template that quotes its headings' halves keeps pairs; any other takes plain headings
    # where they describe its sections clearly better (its pair style applies when pairs head)
    pairs_only = plan.pattern != "pair" or template_uses_tails(template)
    if plan.family:
        # a named family (坚持导向, 见实效…) heads the sections unless headings of its own pattern
        # built from their content describe them clearly better
        family = _ranked_bank_sets(bank, kwargs, groups, seed)
        kept = _set_fit(family[0], groups) if family else 0.0
        describes = bool(family) and _describes(family[0], groups)
        if not describes and not content and not pairs_only:
            # no pair of the content's own for a family that says what the sections do not
            # (突出问题导向，狠抓整改落实 over study sessions): plain headings from the content
            content = _content_sets(bank, {**plain, "pattern": "phrase", "style": None}, groups)
        if describes or not content or _set_fit(content[0], groups) <= kept + FAMILY_MARGIN * len(groups):
            content = []
        elif not pairs_only:
            content = _pairs_or_phrases(bank, plain, groups, content)
        alternatives = content or family
    else:
        if not pairs_only:
            content = _pairs_or_phrases(bank, plain, groups, content)
        alternatives = list(content)
        if seed >= len(content):  # the bank's own sets only once the content ones are used up
            for s in _ranked_bank_sets(bank, kwargs, groups, seed - len(content)):
                if sorted(s) in [sorted(a) for a in alternatives]:  # another order is no other set
                    continue
                # never a set that names what its sections do not say in place of one that does not
                if alternatives and _claims_anything(s, groups) and not _claims_anything(alternatives[0], groups):
                    continue
                alternatives.append(s)
    # seed 0 the best-fitting set, 1 the next… (Ctrl+R); past the last, round again
    return _checked(alternatives[seed % len(alternatives)] if alternatives else [], groups, template)

#: How much better per section a set of plain four-character headings must describe the sections
#: than the best set of pairs before it heads a template planned with pairs.
PAIR_PREFERENCE = 0.05


def _pairs_or_phrases(
    bank: Any, kwargs: dict[str, Any], groups: Sequence[Sequence[Achievement]], pairs: list[list[str]]
) -> list[list[str]]:
    """The pair sets, or plain four-character sets first when those describe the sections clearly
    better. A pair's tail says something particular (巩固帮扶成果, 筑牢安全防线): with a few
    hundred pairs, the tails that fit a unit's mixed sections are often vague or beside the point,
    while thousands of plain headings (学习交流, 评优评先, 共驻共建) name the work itself."""
    phrases = _content_sets(bank, {**kwargs, "pattern": "phrase", "style": None}, groups)
    if not phrases:
        return pairs
    if not pairs or _set_fit(phrases[0], groups) > _set_fit(pairs[0], groups) + PAIR_PREFERENCE * len(groups):
        return phrases + pairs
    return pairs


def template_uses_tails(template: Template) -> bool:
    """Whether the template's text uses the heads or tails of its pair headings (a 四高 article
    quotes “高标准、高质量…” from them), so that its headings must stay pairs."""
    import re

    return re.search(r"\.(?:head|tail)\b", str(getattr(template, "body", "") or "")) is not None


#: A template's named family that does not describe every section gives way to headings built
#: from the content when they describe the sections better by this much per section.
FAMILY_MARGIN = 0.05


def _describes(headings: Sequence[str], groups: Sequence[Sequence[Achievement]]) -> bool:
    """Whether the set, in its best order, gives every section a heading that names something the
    section says and nothing it does not (a family that does so stays)."""
    from assistant.compose.claims import group_text

    n = len(headings)
    if n != len(groups) or n > 7:
        return False
    texts = [group_text(g) for g in groups]
    return any(
        all(_cost(headings[perm[i]], groups[i], texts[i]) == 0 for i in range(n))
        for perm in itertools.permutations(range(n))
    )


#: What one unsupported word (a practice or thing the section never mentions) costs a heading.
CLAIM_PENALTY = 1.0
#: What a heading that names nothing its section says (“创新方法　多举措激发工作活力”) costs.
VACUOUS_PENALTY = 0.3
#: What a verb-object heading costs whose verb the section never uses (直插现场 over a job fair).
VERB_PENALTY = 0.1


def _cost(heading: str, group: Sequence[Achievement], text: str) -> float:
    """What `heading` loses over `group` for saying what the section does not, or nothing at all."""
    from assistant.compose.claims import claims, supported, verb_unsaid

    unsupported = len(claims(heading, group, text))
    cost = CLAIM_PENALTY * unsupported + (VACUOUS_PENALTY if not supported(heading, group, text) else 0.0)
    return cost + (VERB_PENALTY if verb_unsaid(heading, text) else 0.0)


def _set_fit(headings: Sequence[str], groups: Sequence[Sequence[Achievement]]) -> float:
    """Total fit of a heading set to the groups, in its best order; each word a heading names
    that its section never mentions costs `CLAIM_PENALTY`."""
    from assistant.compose.claims import group_text

    n = len(headings)
    if n != len(groups) or n > 7:
        return 0.0
    texts = [group_text(g) for g in groups]
    fit = [
        [heading_fit(g, h) - _cost(h, g, t) for g, t in zip(groups, texts, strict=True)]
        for h in headings
    ]
    return max(sum(fit[perm[i]][i] for i in range(n)) for perm in itertools.permutations(range(n)))


def _claims_anything(headings: Sequence[str], groups: Sequence[Sequence[Achievement]]) -> bool:
    """Whether some heading, in the set's best order, names what no section under it says."""
    from assistant.compose.claims import claims

    n = len(headings)
    if n != len(groups) or n > 7:
        return False
    return min(
        sum(bool(claims(headings[perm[i]], groups[i])) for i in range(n)) for perm in itertools.permutations(range(n))
    ) > 0


def _checked(headings: list[str], groups: Sequence[Sequence[Achievement]], template: Template) -> list[str]:
    if len(headings) != len(groups):
        raise WenmiError(
            f"词库只给出了 {len(headings)} 个标题，模板“{template.id}”需要 {len(groups)} 个",
            field="sections",
            hint="在用户词库中补充该主题的短语，或在模板的 sections.headings 中写定标题",
        )
    return list(headings)


#: Per section, how many of the best-fitting bank entries are tried when a set is built from
#: the content; and how many accepted sets are kept for the seeds to choose from.
CANDIDATES_PER_SECTION = 8
CONTENT_SETS = 8
MAX_COMBINATIONS = 4096


def _content_sets(bank: Any, kwargs: dict[str, Any], groups: Sequence[Sequence[Achievement]]) -> list[list[str]]:
    """Parallel sets built from what the sections say: for each section the bank entries (of the
    plan's pattern and style) that describe it best, combined into the sets the bank accepts as
    parallel (`bank.accepts`), best total fit first, each changing at least half of the headings
    of every earlier one. [] when no entry fits a section or no combination is accepted."""
    from assistant.compose.claims import claims, group_text
    from assistant.compose.grouping import group_profile, profile_fit

    pattern, theme, style = kwargs.get("pattern"), kwargs.get("theme"), kwargs.get("style")
    kind = {"phrase": "phrase", "pair": "pair"}.get(str(pattern))
    if kind is None or not hasattr(bank, "entries") or not hasattr(bank, "accepts") or len(groups) > 7:
        return []
    # every theme: what the sections say decides, the template's theme only breaks ties
    entries = [
        e
        for e in bank.entries(kind)
        if (kind != "pair" or not style or e.style == style)
        # a section heading says what was done: verb-object or coordinate phrases, not nouns
        and (kind != "phrase" or e.structure in ("动宾", "并列"))
    ]
    items = [a for g in groups for a in g]
    # at most MAX_COMBINATIONS sets weighed, however many sections
    per_section = max(2, min(CANDIDATES_PER_SECTION, int(MAX_COMBINATIONS ** (1 / max(1, len(groups))))))
    per_group: list[list[tuple[float, str, bool]]] = []
    for g in groups:
        profile = group_profile(g, items)
        text = group_text(g)
        fitting = [
            (profile_fit(profile, e.text) + (0.01 if e.theme in (theme, "通用") else 0.0), e.text) for e in entries
        ]
        # a heading that names what the section never mentions (学习强国, 一对一) is a claim nobody
        # made: such entries come only after every entry that fits without one
        scored = sorted(
            ((s - _cost(t, g, text), t, bool(claims(t, g, text))) for s, t in fitting if s > 0),
            key=lambda x: (-x[0], x[1]),
        )
        # among the best, a heading that speaks of more of the section's rows comes first: one
        # that fits two rows of five well leaves the other three under a heading not theirs
        pool = [(s + COVER_WEIGHT * _coverage(t, g), t, c) for s, t, c in scored[:COVER_POOL]]
        pool.sort(key=lambda x: (-x[0], x[1]))
        per_group.append(pool[:per_section])
    if not all(per_group):
        return []
    found: list[tuple[float, list[str], bool]] = []
    for combo in itertools.product(*per_group):
        texts = [text for _, text, _ in combo]
        if len({x[:2] for x in texts}) < len(texts):
            continue
        found.append((sum(s for s, _, _ in combo), texts, any(c for _, _, c in combo)))
    found.sort(key=lambda x: (-round(x[0], 9), x[1]))
    accepted: list[list[str]] = []
    honest = False
    for _, texts, claiming in found:
        # once a set claims nothing its sections do not say, no set that does is offered (Ctrl+R
        # then rounds among the honest ones)
        if claiming and honest:
            continue
        # each alternative (Ctrl+R) changes at least half of the headings of every earlier one
        if any(len(set(texts) - set(prev)) * 2 < len(texts) for prev in accepted):
            continue
        if bank.accepts(texts):
            if not claiming and not honest:
                accepted, honest = [], True
            accepted.append(texts)
            if len(accepted) == CONTENT_SETS:
                break
    return accepted


#: How many of a section's best-fitting entries are weighed again by how many of its rows each
#: speaks of, and what speaking of all of them (against none) is worth.
COVER_POOL = 40
COVER_WEIGHT = 0.5
COVER_SAMPLE = 24


def _coverage(heading: str, group: Sequence[Achievement]) -> float:
    """The share of the group's achievements whose own words say something `heading` names (of
    at most `COVER_SAMPLE` of them, evenly spread)."""
    from assistant.compose.claims import named

    if not group:
        return 0.0
    sample = group[:: -(-len(group) // COVER_SAMPLE)]
    return sum(1 for a in sample if named(heading, [a]) > 0) / len(sample)


#: How many of the bank's alternative sets are weighed against the sections they would head.
CANDIDATE_SETS = 8


def _ranked_bank_sets(
    bank: Any, kwargs: dict[str, Any], groups: Sequence[Sequence[Achievement]], seed: int
) -> list[list[str]]:
    """The bank's own parallel sets (its first `CANDIDATE_SETS` seeds) ranked by how well each,
    in its best order, describes the groups. Past the candidates, a seed asks the bank directly."""
    if seed >= CANDIDATE_SETS or len(groups) > 7:
        return [[str(h) for h in bank.compose(**kwargs)]]
    candidates: list[list[str]] = []
    for s in range(CANDIDATE_SETS):
        try:
            found = [str(h) for h in bank.compose(**{**kwargs, "seed": s})]
        except WenmiError:
            if s == 0:
                raise
            break
        if sorted(found) not in [sorted(c) for c in candidates]:
            candidates.append(found)
    scored = sorted(((-round(_set_fit(h, groups), 9), k, h) for k, h in enumerate(candidates)))
    return [h for _, _, h in scored]


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
    # fit[h][g]: how well heading h describes group g, by meaning (words and Party-building
    # concepts), with shared characters as a tie-breaker
    from assistant.compose.claims import group_text

    texts = [group_text(g) for g in groups]
    fit = [
        [
            heading_fit(g, h) + 0.01 * _affinity(h, g) - _cost(h, g, t)
            for g, t in zip(groups, texts, strict=True)
        ]
        for h in headings
    ]
    best_score = -1.0
    best: tuple[int, ...] = tuple(range(n))
    for perm in itertools.permutations(range(n)):
        if move_headings:
            score = sum(fit[perm[i]][i] for i in range(n))
        else:
            score = sum(fit[i][perm[i]] for i in range(n))
        if score > best_score + 1e-9:
            best_score, best = score, perm
    if move_headings:
        return [headings[i] for i in best], groups
    return headings, [groups[i] for i in best]


#: How alike (as a share of its likeness to the rows it leaves) the rows under another heading
#: must be for an achievement its heading says nothing of to move there.
REGROUP_LIKENESS = 1.0


def regroup_by_headings(headings: Sequence[str], groups: Sequence[Sequence[Achievement]]) -> list[list[Achievement]]:
    """The groups with each achievement its heading says nothing of moved under the heading that
    names what it says (most words named, then the closest fit), so that no heading stands over
    work it does not describe while another would. An achievement the drafter placed (`section`),
    the last one of a group, and one no other heading names stay where they are."""
    from assistant.compose.claims import named

    out = [list(g) for g in groups]
    if len(headings) != len(out) or len(out) < 2:
        return out
    items = [a for g in out for a in g]
    vector = dict(zip(map(id, items), vectors(items), strict=True))
    totals: list[dict[str, float]] = []
    for group in out:
        total: dict[str, float] = {}
        for b in group:
            for f, x in vector[id(b)].items():
                total[f] = total.get(f, 0.0) + x
        totals.append(total)

    def closeness(a: Achievement, k: int) -> float:
        """The mean cosine of `a` with the other achievements of group k."""
        mine = vector[id(a)]
        inside = any(b is a for b in out[k])
        others = len(out[k]) - inside
        if not others:
            return 0.0
        dot = sum(x * totals[k].get(f, 0.0) for f, x in mine.items())
        return (dot - (sum(x * x for x in mine.values()) if inside else 0.0)) / others

    moves: list[tuple[Achievement, int, int]] = []
    for i, group in enumerate(out):
        for a in group:
            if a.section or named(headings[i], [a]):
                continue
            scored = [(named(h, [a]), heading_fit([a], h), j) for j, h in enumerate(headings) if j != i]
            best = max(scored, key=lambda x: (x[0], x[1], -x[2]))
            # only where the rows there are as like it as those it leaves: a heading's words
            # alone do not outweigh what the achievements share
            if best[0] > 0 and closeness(a, best[2]) >= closeness(a, i) * REGROUP_LIKENESS:
                moves.append((a, i, best[2]))
    for a, i, j in moves:
        if len(out[i]) > 1:
            out[i] = [b for b in out[i] if b is not a]
            out[j].append(a)
    return out


def section_hints(groups: Sequence[Sequence[Achievement]]) -> list[str]:
    """Words of the sections' achievement titles (and their tags), in order, no repeats."""
    from assistant.ledger.categorize import words

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


def _unfitting_fixed(
    groups: Sequence[Sequence[Achievement]], headings: Sequence[str], heads: bool = False
) -> list[Diagnostic]:
    """A template's own heading over rows that say nothing of what it names (“开展理论宣讲，传播党的
    声音” over awards): the rows had to go somewhere, and the drafter should retitle the part.
    `heads`: also a pair heading whose head names only what the rows never say (“助力乡村振兴，
    带动群众增收” over a branch answering residents' requests, its 群众 being said). The document
    warns of both; ranking (`fixed_heading_fit`) counts only the first, since counting heads too
    lost the right genre's template from the top three for 2 of the 14 tuned workbooks."""
    from assistant.compose.claims import group_text, named, supported

    out: list[Diagnostic] = []
    for number, (heading, group) in enumerate(zip(headings, groups, strict=True), start=1):
        if not group or any(a.section for a in group):
            continue  # the drafter put them there
        text = group_text(group)
        head = split_heading(heading, "pair")[0]
        # nothing of it said, or its head names only what the rows never say (助力乡村振兴)
        if not supported(heading, group, text) or heads and head != heading and not named(head, group, text):
            out.append(
                Diagnostic.at(
                    f"第{number}部分的标题“{heading}”与其下的成效事项不相干"
                    "（请按实际内容改写这一部分的标题，或换一个更贴合台账的模板）",
                    rule="section-heading-unfit",
                    field="achievements",
                )
            )
    return out


def fixed_heading_fit(template: Template, achievements: Sequence[Achievement]) -> tuple[int, int] | None:
    """(unfitting, total): how many of the template's own headings would stand over rows that say
    nothing of what they name, were the workbook rendered with it. None when the template has no
    fixed headings, or its headings are its method (四高), or there are no achievements."""
    plan = template.sections
    if plan is None or plan.pattern == "none" or not plan.headings or not achievements:
        return None
    if template_uses_tails(template):
        return None
    fixed = list(plan.headings)
    groups = group_achievements(list(achievements), len(fixed), plan.group_by, fixed)
    filled = [(h, g) for h, g in zip(fixed, groups, strict=True) if g]
    if not filled:
        return None
    unfit = _unfitting_fixed([g for _h, g in filled], [h for h, _g in filled])
    return len(unfit), len(filled)


def _loners(groups: Sequence[Sequence[Achievement]], headings: Sequence[str]) -> list[Diagnostic]:
    """Achievements like nothing else in their section: placed where they fit least badly, and
    reported so the drafter can move them or say more about them."""
    from assistant.compose.claims import supported
    from assistant.compose.grouping import RELATED, similarity

    out: list[Diagnostic] = []
    for heading, group in zip(headings, groups, strict=True):
        if len(group) < 2 or any(a.section for a in group):
            continue
        sim = similarity(group)
        for i, a in enumerate(group):
            if supported(heading, [a]) and not any(supported(heading, [b]) for b in group if b is not a):
                continue  # the heading is this achievement's; the others are the ones out of place
            if max(sim[i][j] for j in range(len(group)) if j != i) < RELATED / 2:
                out.append(
                    Diagnostic.at(
                        f"成效“{a.title}”与“{heading}”下的其他事项关联不大，暂放在这一部分"
                        "（可移到合适的部分，或补充类别、标签、说明）",
                        rule="section-loner",
                        field="achievements",
                    )
                )
    return out
