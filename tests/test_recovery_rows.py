"""The autosave of a large workbook stays cheap: after one edit it writes one row of YAML anew
(`recovery.RowCache`), and the undo history it writes is the same text as before, found faster
(`history._diff`). The recovery file reads back and restores as before."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.ledger import yamlfile
from assistant.ledger.workbook import Achievement, Metric, Workbook
from assistant.tui import engine
from assistant.tui.history import _diff, _patch
from assistant.tui.recovery import Recovery, RowCache, read_recovery, restore_session, write_recovery
from assistant.tui.session import Session

WORKBOOK = """\
# 成效台账（手写的注释要留着）
unit: 党群工作部
period: 2023年
achievements:
  # 第一项
  - title: 开展学习
    metrics:
      - {label: 次数, value: 3, unit: 次}
  - title: 组织培训  # 行尾注释
    tags: [培训]
"""


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WENMI_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("WENMI_PATH", raising=False)


def large(n: int = 300) -> Workbook:
    wb = engine.workbook_from_yaml(WORKBOOK, None)
    wb.achievements += [
        Achievement(f"开展第{i}次主题党日活动", "组织建设", [Metric("参加人数", i, "人")], date="2023-05")
        for i in range(n)
    ]
    return wb


def counting_rows(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The titles of the achievements written as YAML from now on."""
    written: list[str] = []
    real = yamlfile._dump_achievement

    def dump(a: Achievement, blank_before: bool) -> list[str]:
        written.append(a.title)
        return real(a, blank_before)

    monkeypatch.setattr(yamlfile, "_dump_achievement", dump)
    return written


def test_a_backup_after_one_edit_writes_that_row_only(monkeypatch: pytest.MonkeyPatch) -> None:
    wb = large()
    rows = RowCache()
    assert rows.dump(wb) == engine.workbook_yaml(wb)
    written = counting_rows(monkeypatch)
    wb.achievements[7] = replace(wb.achievements[7], section="2")  # the TUI replaces what it changes
    wb.achievements[3], wb.achievements[4] = wb.achievements[4], wb.achievements[3]  # a move: same rows
    text = rows.dump(wb)
    assert written == [wb.achievements[7].title]
    written.clear()
    assert text == engine.workbook_yaml(wb)  # the same file, every comment kept
    assert len(written) == len(wb.achievements)


def test_the_cache_keeps_no_more_than_twice_the_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    wb = large(50)
    rows = RowCache()
    for k in range(20):
        wb.achievements = [replace(a, detail=f"第{k}稿") for a in wb.achievements]
        assert rows.dump(wb) == engine.workbook_yaml(wb)
    assert len(rows.rows) <= 2 * len(wb.achievements) + RowCache.SPARE


edits = st.lists(
    st.tuples(st.sampled_from(["retitle", "delete", "insert", "swap", "comment"]), st.integers(0, 400)),
    max_size=12,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=edits)
def test_the_cached_yaml_is_the_yaml(steps: list[tuple[str, int]]) -> None:
    """Whatever the edits (rows first or last, a row with its file comments, the blank line
    between rows appearing or going), the cached text is what writing afresh gives."""
    wb = engine.workbook_from_yaml(WORKBOOK, None)
    rows = RowCache()
    for kind, n in steps:
        items = wb.achievements
        at = n % (len(items) + 1)
        if kind == "retitle" and items:
            items[at % len(items)] = replace(items[at % len(items)], title=f"第{n}项工作")
        elif kind == "delete" and items:
            del items[at % len(items)]
        elif kind == "insert":
            items.insert(at, Achievement(f"新增工作{n}", metrics=[Metric("次数", n, "次")]))
        elif kind == "swap" and len(items) > 1:
            i = at % (len(items) - 1)
            items[i], items[i + 1] = items[i + 1], items[i]
        elif kind == "comment" and items:  # a file row (with its layout) comes back by undo
            items.insert(0, engine.workbook_from_yaml(WORKBOOK, None).achievements[0])
        assert rows.dump(wb) == engine.workbook_yaml(wb)


def _reference_diff(a: str, b: str) -> list[Any]:
    """The diff as the recovery file has always written it (line by line)."""
    x, y = a.split("\n"), b.split("\n")
    start = 0
    while start < min(len(x), len(y)) and x[start] == y[start]:
        start += 1
    end = 0
    while end < min(len(x), len(y)) - start and x[-1 - end] == y[-1 - end]:
        end += 1
    return [start, len(x) - start - end, y[start : len(y) - end]]


lines = st.lists(st.sampled_from(["a", "b", ""]), max_size=8)


@settings(max_examples=200, deadline=None)
@given(head=st.integers(0, 700), a=lines, b=lines, tail=st.integers(0, 700), pad=st.sampled_from(["x", "a"]))
def test_the_diff_is_the_one_written_before(head: int, a: list[str], b: list[str], tail: int, pad: str) -> None:
    """Long runs of equal lines before and after the change (blocks of 256 are compared at
    once): the same patch as line by line, and it turns one text into the other."""
    before = "\n".join([pad] * head + a + [pad] * tail)
    after = "\n".join([pad] * head + b + [pad] * tail)
    patch = _diff(before, after)
    assert patch == _reference_diff(before, after)
    assert _patch(before, patch) == after


def test_a_backup_of_a_large_workbook_restores(tmp_path: Path) -> None:
    """Written through the row cache, with undo steps: read back, restored, undone."""
    wb = large()
    session = Session(wb, save_path=None, is_sample=True)
    rows = RowCache()
    titles = []
    for i in (5, 50, 250):
        wb.achievements[i] = replace(wb.achievements[i], title=f"改写第{i}项")
        session.touch()
        session.record("编辑成效")
        titles.append([a.title for a in wb.achievements])
    shown = rows.dump(wb)
    history = session.history.frozen().to_data(wb, rows.dump, shown)
    write_recovery("sample", Recovery("sample", shown, session.state(), None, history=history))
    got = read_recovery("sample")
    assert got is not None and got.workbook_yaml == engine.workbook_yaml(wb)
    again = Session(engine.workbook_from_yaml(WORKBOOK, None), save_path=None, is_sample=True)
    restore_session(again, got)
    assert [a.title for a in again.workbook.achievements] == titles[-1]
    again.undo()
    assert [a.title for a in again.workbook.achievements] == titles[-2]
