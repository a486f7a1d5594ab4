"""Composing again after an edit (the TUI's `Composer`) reuses what the edit left as it was
(`assistant.compose.cache`), and the document is the one composing afresh writes, byte for byte."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.compose import cache, paragraphs
from assistant.ledger.files import load_workbook
from assistant.ledger.workbook import Workbook
from assistant.phrasebank import clear_bank_cache
from assistant.templating import clear_catalog_cache, load_catalog
from assistant.tui import engine

SAMPLE = Path(__file__).resolve().parents[1] / "assistant" / "samples" / "workbook.yaml"
#: Templates of each way of heading sections: fixed pairs quoted by the text (四高), headings
#: composed from the content, a named family, and one section grouped by order.
TEMPLATES = ("zf-jyjl-4gao", "zf-diaoyan-baogao", "zz-ronghe-jingyan", "jl-lianzheng-dangke")


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WENMI_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("WENMI_PATH", raising=False)
    clear_catalog_cache()
    clear_bank_cache()


def ledger() -> Workbook:
    """The sample workbook with each row twice (the copy says a little more), 28 rows: sections
    of several paragraphs, most with a lead."""
    wb = load_workbook(SAMPLE)
    rows = list(wb.achievements)
    wb.achievements = rows + [replace(a, title=a.title + "并形成长效机制") for a in rows]
    return wb


def document(result: Any) -> tuple[Any, ...]:
    """All a composition says: the markup, the warnings and the sections with their paragraphs."""
    sections = [(s.heading, s.indices, s.paragraphs, s.achievements) for s in result.sections]
    return result.markup, [(d.message, d.rule) for d in result.diagnostics], sections


#: An edit as the TUI makes it: a changed row is a new object; undo brings back the old ones.
Edit = Callable[[Workbook, list[list[Any]]], None]


def _move(row: int, section: int) -> Edit:
    def run(wb: Workbook, past: list[list[Any]]) -> None:
        items = wb.achievements
        items[row % len(items)] = replace(items[row % len(items)], section=str(section))

    return run


def _unpin(row: int) -> Edit:
    def run(wb: Workbook, past: list[list[Any]]) -> None:
        items = wb.achievements
        items[row % len(items)] = replace(items[row % len(items)], section=None)

    return run


def _swap(row: int) -> Edit:
    def run(wb: Workbook, past: list[list[Any]]) -> None:
        items = wb.achievements
        i = row % (len(items) - 1)
        items[i], items[i + 1] = items[i + 1], items[i]

    return run


def _retitle(row: int) -> Edit:
    def run(wb: Workbook, past: list[list[Any]]) -> None:
        items = wb.achievements
        items[row % len(items)] = replace(items[row % len(items)], title="深化" + items[row % len(items)].title)

    return run


def _reword(row: int, what: int) -> Edit:
    """Change what a row says besides its title: its detail, tags, a figure's label or value."""

    def run(wb: Workbook, past: list[list[Any]]) -> None:
        items = wb.achievements
        a = items[row % len(items)]
        metrics = [replace(m, label="参加" + m.label, value=m.value + 1) for m in a.metrics]
        items[row % len(items)] = [
            replace(a, detail="形成常态长效机制"),
            replace(a, tags=[*a.tags, "廉洁"]),
            replace(a, metrics=metrics),
            replace(a, category="宣传与品牌" if a.category != "宣传与品牌" else "思想建设"),
        ][what]

    return run


def _delete(row: int) -> Edit:
    def run(wb: Workbook, past: list[list[Any]]) -> None:
        if len(wb.achievements) > 4:
            del wb.achievements[row % len(wb.achievements)]

    return run


def _undo(steps: int) -> Edit:
    def run(wb: Workbook, past: list[list[Any]]) -> None:
        wb.achievements = list(past[max(0, len(past) - 1 - steps)])

    return run


rows = st.integers(0, 60)
edits = st.one_of(
    st.builds(_move, rows, st.integers(1, 4)),
    st.builds(_unpin, rows),
    st.builds(_swap, rows),
    st.builds(_retitle, rows),
    st.builds(_reword, rows, st.integers(0, 3)),
    st.builds(_delete, rows),
    st.builds(_undo, st.integers(1, 3)),
)


@pytest.mark.parametrize("template_id", TEMPLATES)
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(edits, min_size=1, max_size=4))
def test_composing_with_the_memo_says_what_composing_afresh_says(template_id: str, steps: list[Edit]) -> None:
    template = load_catalog().get(template_id)
    wb = ledger()
    composer = engine.Composer()
    past = [list(wb.achievements)]
    assert document(composer.compose(template, wb)) == document(engine.compose(template, wb))
    arranged = 0
    for step in steps:
        step(wb, past)
        past.append(list(wb.achievements))
        kept = composer.compose(template, wb)
        arranged += not composer.reused
        assert document(kept) == document(engine.compose(template, wb))
        assert_measured_as_the_sandbox_measures(composer, template, wb)
    assert composer.memo.hits > 0 or not arranged  # arranged again: with what the memo kept


#: A move arranged ahead (`Composer.foresee`, as the TUI does while the cursor rests on a row):
#: (row, section, whether the next step is that very move).
foresights = st.tuples(rows, st.integers(1, 4), st.booleans())


def _pinned(template: Any, wb: Workbook) -> tuple[engine.Composer, Any]:
    """A composer that composed `wb`, whose rows are then written down where they were placed (as
    the TUI does after a move, so that no other row moves), and the composition of that."""
    composer = engine.Composer()
    for row, section in engine.placement(composer.compose(template, wb)).items():
        wb.achievements[row] = replace(wb.achievements[row], section=str(section))
    return composer, composer.compose(template, wb)


def _moved(wb: Workbook, row: int, section: int) -> Workbook:
    """A copy of `wb` with one row moved, as the compose page makes it."""
    items = list(wb.achievements)
    items[row % len(items)] = replace(items[row % len(items)], section=str(section))
    return replace(wb, achievements=items)


@pytest.mark.parametrize("template_id", TEMPLATES)
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(edits, foresights), min_size=1, max_size=4))
def test_what_was_arranged_ahead_says_what_composing_afresh_says(
    template_id: str, steps: list[tuple[Edit, tuple[int, int, bool]]]
) -> None:
    """Moves arranged ahead (taken or not), then edits, moves and undos: each document is the
    one composing afresh writes; a move taken as foreseen finds its arrangement."""
    template = load_catalog().get(template_id)
    wb = ledger()
    composer = engine.Composer()
    past = [list(wb.achievements)]
    composer.compose(template, wb)
    for step, (row, section, taken) in steps:
        ahead = _moved(wb, row, section)
        assert composer.foresee(template, ahead)
        assert composer.foresee_document(template, ahead)
        if taken:
            step = _move(row, section)
        step(wb, past)
        past.append(list(wb.achievements))
        kept, shown = engine.compose_preview(template, wb, composer=composer)
        if taken:
            assert composer.found or composer.reused  # arranged ahead (or the move changed nothing)
        fresh, fresh_shown = engine.compose_preview(template, wb)
        assert kept is not None and fresh is not None
        assert document(kept) == document(fresh)
        assert (shown.text, shown.diagnostics) == (fresh_shown.text, fresh_shown.diagnostics)
        assert_measured_as_the_sandbox_measures(composer, template, wb)


def test_a_move_arranged_ahead_is_composed_without_arranging(monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.compose import pipeline

    template = load_catalog().get("zf-jyjl-4gao")
    wb = ledger()
    composer, first = _pinned(template, wb)
    row = first.sections[0].indices[0]
    ahead = _moved(wb, row, 2)
    assert not composer.ready(template, ahead)
    assert composer.foresee(template, ahead)
    arranged: list[int] = []
    real = pipeline.arrange
    monkeypatch.setattr(pipeline, "arrange", lambda *a: arranged.append(1) or real(*a))
    wb.achievements[row] = replace(wb.achievements[row], section="2")  # the move itself: another object
    assert composer.ready(template, wb)
    moved = composer.compose(template, wb)
    assert composer.found and arranged == []
    assert engine.placement(moved)[row] == 2
    assert document(moved) == document(engine.compose(template, wb))
    # what a row says besides its section counts too: a row retitled is not the row foreseen
    assert composer.foresee(template, _moved(wb, row, 3))
    arranged.clear()
    wb.achievements[row] = replace(wb.achievements[row], section="3", title="深化" + wb.achievements[row].title)
    assert not composer.ready(template, wb)
    retitled = composer.compose(template, wb)
    assert not composer.found and arranged == [1]
    assert document(retitled) == document(engine.compose(template, wb))


def test_a_document_composed_ahead_is_shown_only_for_what_it_was_composed_from(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The move's document composed ahead (`foresee_document`) is the one composing afresh writes,
    and is not shown once a field, a picked heading or the rows say something else."""
    from assistant.tui import engine as tui_engine

    template = load_catalog().get("zf-jyjl-4gao")
    wb = ledger()
    wb.fields["落款"] = "党群工作部"
    composer, first = _pinned(template, wb)
    row = first.sections[0].indices[0]
    composed: list[int] = []
    real = tui_engine.compose
    monkeypatch.setattr(tui_engine, "compose", lambda *a, **k: composed.append(1) or real(*a, **k))

    def moved(section: int, **change: Any) -> Workbook:
        out = _moved(wb, row, section)
        out.fields, out.headings = dict(wb.fields), dict(wb.headings)
        for name, value in change.items():
            getattr(out, name).update(value)
        return out

    for change in ({}, {"fields": {"落款": "工会"}}, {"headings": {1: "守正创新"}}):
        ahead = moved(2)
        assert composer.foresee(template, ahead) and composer.foresee_document(template, ahead)
        composed.clear()
        now = moved(2, **change)
        result, shown = engine.compose_preview(template, now, composer=composer)
        fresh, fresh_shown = engine.compose_preview(template, now)
        assert composed == ([1] if change else []) + [1]  # (the fresh one is the last)
        assert document(result) == document(fresh)
        assert (shown.text, shown.diagnostics) == (fresh_shown.text, fresh_shown.diagnostics)
        composer.compose(template, wb)  # back to the workbook as it is


def test_arranging_ahead_stops_when_the_user_goes_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.compose import sections

    template = load_catalog().get("zf-jyjl-4gao")
    wb = ledger()
    composer, first = _pinned(template, wb)
    row = first.sections[0].indices[0]
    made: list[int] = []
    real = sections.build_paragraphs

    def build(*args: Any) -> Any:
        made.append(1)
        composer.stop_foreseeing()  # the cursor went to another row while this was arranged
        return real(*args)

    monkeypatch.setattr(sections, "build_paragraphs", build)
    since = composer.foresight
    assert not composer.foresee(template, _moved(wb, row, 2), since)
    assert made == [1]  # stopped at the next look-up of the memo: no other section begun
    assert not composer.foresee(template, _moved(wb, row, 3), since)  # planned before the stop
    assert made == [1]
    monkeypatch.setattr(sections, "build_paragraphs", real)
    wb.achievements[row] = replace(wb.achievements[row], section="2")
    assert not composer.ready(template, wb)
    assert document(composer.compose(template, wb)) == document(engine.compose(template, wb))


def test_weighing_how_alike_rows_are_stops_too() -> None:
    """The longest work between two look-ups of the memo stops as well when asked to."""
    from assistant.compose import grouping

    items = ledger().achievements
    with cache.keeping(cache.Memo(), advance=False, stop=lambda: True), pytest.raises(cache.Interrupted):
        grouping._similarity(items)
    with cache.keeping(cache.Memo(), advance=False, stop=lambda: False):
        assert grouping._similarity(items) == grouping._similarity(items)  # not asked to: weighed


def test_a_move_splits_into_paragraphs_only_the_two_sections_it_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    template = load_catalog().get("zf-jyjl-4gao")
    wb = ledger()
    composer, first = _pinned(template, wb)
    assert len(first.sections) == 4
    split: list[int] = []
    leads: list[int] = []
    real_split, real_leads = paragraphs.split_paragraphs, paragraphs.fitting_leads
    monkeypatch.setattr(paragraphs, "split_paragraphs", lambda items: split.append(len(items)) or real_split(items))
    monkeypatch.setattr(
        paragraphs, "fitting_leads", lambda items, *a: leads.append(len(items)) or real_leads(items, *a)
    )
    row = first.sections[0].indices[0]
    wb.achievements[row] = replace(wb.achievements[row], section="3")
    moved = composer.compose(template, wb)
    assert engine.placement(moved)[row] == 3
    assert len(split) == 2  # the section it left and the one it joined; not the other two
    led = sum(1 for s in first.sections for p in s.paragraphs if len(p.members) > 1)
    assert len(leads) < led / 2  # leads weighed again only for the paragraphs that changed
    assert document(moved) == document(engine.compose(template, wb))
    split.clear()
    wb.achievements[row] = replace(wb.achievements[row], section=str(engine.placement(first)[row]))
    back = composer.compose(template, wb)
    assert split == []  # moved back (a new object again): both sections say what they said before
    assert document(back) == document(first)


def test_outside_a_composer_nothing_is_kept() -> None:
    made: list[int] = []
    assert cache.kept("x", (), lambda: made.append(1) or 1) == 1
    assert cache.kept("x", (), lambda: made.append(1) or 1) == 1
    assert made == [1, 1]


def test_the_memo_forgets_what_the_last_compositions_did_not_use() -> None:
    memo = cache.Memo()
    a, b = object(), object()
    with cache.keeping(memo):
        assert cache.kept("row", (a,), lambda: "a") == "a"
        assert cache.kept("row", (b,), lambda: "b") == "b"
    for _ in range(cache.Memo.GENERATIONS):
        with cache.keeping(memo):
            assert cache.kept("row", (a,), lambda: "again") == "a"  # used each time: kept
    assert len(memo) == 2  # b outlives GENERATIONS compositions that do not use it (an undo finds it)…
    with cache.keeping(memo):
        pass
    assert len(memo) == 1  # …and not one more
    with cache.keeping(memo):
        assert cache.kept("row", (b,), lambda: "b anew") == "b anew"
        assert cache.kept("row", (a, b), lambda: "both") == "both"  # other rows, other entry


def test_rows_are_alike_only_when_they_say_the_same() -> None:
    """What `kept_alike` finds again: a row that differs in anything but the section it names
    (and its file layout) is another row to it, whatever field a later change adds."""
    from dataclasses import fields

    from assistant.ledger.workbook import Achievement, Metric

    base = Achievement("开展主题党日活动", "组织建设", [Metric("参加人数", 30, "人", "余")], "2023-05", "党委办公室",
                       "结合业务开展", ["党日"], None)  # fmt: skip
    memo = cache.Memo()
    with cache.keeping(memo):
        same = cache.row_content(base)
        assert cache.row_content(replace(base, section="2")) == same
        changed = {
            "title": "开展主题党日", "category": "思想建设", "metrics": [], "date": "2023-06", "owner": "工会",
            "detail": "", "tags": [], "category_inferred": True,
        }  # fmt: skip
        ignored = {"section", "layout"}
        assert {f.name for f in fields(Achievement)} == set(changed) | ignored
        for name, value in changed.items():
            assert cache.row_content(replace(base, **{name: value})) != same, name
        metric = base.metrics[0]
        other = {"label": "参加人次", "value": 30.5, "unit": "人次", "qualifier": ""}
        assert {f.name for f in fields(Metric)} == set(other) | {"layout"}
        for name, value in other.items():
            assert cache.row_content(replace(base, metrics=[replace(metric, **{name: value})])) != same, name
        assert cache.row_content(replace(base, metrics=[replace(metric, value=30.0)])) != same  # 30.0 is not 30


def assert_measured_as_the_sandbox_measures(composer: engine.Composer, template: Any, wb: Workbook) -> None:
    """The arrangement's measure made from what the memo kept is the one the sandbox makes."""
    from assistant.templating.sandbox import body_names, measure_input

    arranged = composer.arrangement(template, wb)
    assert composer.reused
    if {"plans", "plan_parts"} & body_names(template):
        return
    assert arranged.measured is not None
    assert arranged.measured == measure_input({"achievements": arranged.views, "sections": arranged.sections})


def test_moving_a_row_back_arranges_nothing_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """A row moved and moved back (or an undo): the headings composed from the sections, each
    section's paragraphs and the measure of every view are found again, not made again."""
    from assistant.compose import sections

    template = load_catalog().get("zf-diaoyan-baogao")  # headings composed from the content
    wb = ledger()
    composer, first = _pinned(template, wb)
    assert len(first.sections) >= 2
    row = first.sections[0].indices[0]
    wb.achievements[row] = replace(wb.achievements[row], section="2")
    composer.compose(template, wb)
    made: list[str] = []
    real_headings, real_paragraphs, real_measure = sections.compose_headings, sections.build_paragraphs, cache._measure
    monkeypatch.setattr(sections, "compose_headings", lambda *a: made.append("headings") or real_headings(*a))
    monkeypatch.setattr(sections, "build_paragraphs", lambda *a: made.append("paragraphs") or real_paragraphs(*a))
    monkeypatch.setattr(cache, "_measure", lambda v, **k: made.append(type(v).__name__) or real_measure(v, **k))
    wb.achievements[row] = replace(wb.achievements[row], section=str(engine.placement(first)[row]))
    back = composer.compose(template, wb)
    assert not composer.reused and composer.found  # the rows say what they said: that arrangement
    assert made == []
    assert document(back) == document(first) == document(engine.compose(template, wb))
    # the arrangements kept whole forgotten, the memo alone: nothing but the moved row measured
    composer._made.clear()
    made.clear()  # (composing afresh above made everything)
    wb.achievements[row] = replace(wb.achievements[row], section="2")
    again = composer.compose(template, wb)
    assert not composer.reused and not composer.found  # the achievements changed: arranged again…
    assert "headings" not in made and "paragraphs" not in made  # …with what the memo kept
    assert made.count("AchievementView") == 1  # the moved row (a new object), and the sections
    assert made.count("SectionView") == len(again.sections)
    assert document(again) == document(engine.compose(template, wb))


# ---------------------------------------------------------------------------- how alike rows are

#: Words the random rows are made of: a few kinds of work, so that rows share some and not others.
WORDS = ("理论学习", "主题党日", "志愿服务", "走访慰问", "安全生产", "廉洁教育", "宣传报道", "技能竞赛", "党课", "读书班")
TAGS = ("示范点", "品牌", "廉洁", "青年", "")


class _Row:
    def __init__(self, title: str, tags: list[str], detail: str, labels: list[str], category: str | None) -> None:
        from assistant.ledger.workbook import Metric

        self.title, self.tags, self.detail, self.category = title, tags, detail, category
        self.metrics = [Metric(label, 1, "人", "") for label in labels]
        self.category_inferred = False


random_rows = st.builds(
    _Row,
    st.lists(st.sampled_from(WORDS), min_size=0, max_size=3).map("开展".join),
    st.lists(st.sampled_from(TAGS), max_size=2).map(lambda ts: [t for t in ts if t]),
    st.lists(st.sampled_from(WORDS), max_size=2).map("，".join),
    st.lists(st.sampled_from(("参加人数", "覆盖党员", "活动次数")), max_size=2),
    st.sampled_from((None, "思想建设", "组织建设", "宣传与品牌")),
)


def _reference_similarity(items: list[Any]) -> list[list[float]]:
    """How alike rows are, pair by pair, as `grouping` computed it before it skipped the pairs
    that share no feature (the definition the faster one must match float for float)."""
    from collections import Counter

    from assistant.compose.grouping import TAG_FLOOR, _cosine, _vectors

    vectors = _vectors(items)
    n = len(vectors)
    tags = [{str(t).strip() for t in (a.tags or ()) if str(t).strip()} for a in items]
    carried = Counter(t for ts in tags for t in ts)
    tags = [{t for t in ts if carried[t] * 2 <= n} for ts in tags]
    sim = [[0.0] * n for _ in range(n)]
    for i in range(n):
        sim[i][i] = 1.0
        for j in range(i + 1, n):
            x = _cosine(vectors[i], vectors[j])
            sim[i][j] = sim[j][i] = max(x, TAG_FLOOR) if tags[i] & tags[j] else x
    return sim


@settings(max_examples=60, deadline=None)
@given(items=st.lists(random_rows, min_size=0, max_size=30))
def test_how_alike_rows_are_is_the_same_float_for_every_pair(items: list[Any]) -> None:
    from assistant.compose.grouping import _similarity

    assert _similarity(items) == _reference_similarity(items)


def test_how_alike_rows_are_on_a_thousand_row_workbook() -> None:
    """The benchmark's workbook, a section's worth: every pair the same float as pair by pair."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from bench_workbook import make_workbook

    from assistant.compose.grouping import _similarity

    items = make_workbook(300).achievements
    fast, slow = _similarity(items), _reference_similarity(items)
    assert all(a == b for a, b in zip(fast, slow, strict=True))
    assert sum(x > 0 for row in fast for x in row) > len(items) * 10  # rows that are alike: many


def _reference_heading_fit(group: list[Any], heading: str) -> float:
    """How well a heading describes a group, as `grouping` computed it before it weighed only the
    rows that share a feature with the heading."""
    from assistant.compose.grouping import _cosine, _Text, _vectors

    if not group:
        return 0.0
    vectors = _vectors([*group, _Text(heading)])
    return sum(_cosine(vectors[-1], v) for v in vectors[:-1]) / len(group)


@settings(max_examples=60, deadline=None)
@given(
    group=st.lists(random_rows, min_size=0, max_size=20),
    headings=st.lists(st.lists(st.sampled_from(WORDS + ("加强", "品牌", "示范点")), max_size=3).map("".join), max_size=4),
)
def test_how_well_a_heading_fits_is_the_same_float(group: list[Any], headings: list[str]) -> None:
    """Heading after heading against the same rows (what is kept for them is used again)."""
    from assistant.compose.grouping import heading_fit

    for heading in headings:
        assert heading_fit(group, heading) == _reference_heading_fit(group, heading)
