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
    assert composer.memo.hits > 0 or not arranged  # arranged again: with what the memo kept


def test_a_move_splits_into_paragraphs_only_the_two_sections_it_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    template = load_catalog().get("zf-jyjl-4gao")
    wb = ledger()
    composer = engine.Composer()
    # every row where it was placed, as the TUI writes down after a move (so no other row moves)
    for row, section in engine.placement(composer.compose(template, wb)).items():
        wb.achievements[row] = replace(wb.achievements[row], section=str(section))
    first = composer.compose(template, wb)
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
