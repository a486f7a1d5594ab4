"""Recovery files fuzzed (hypothesis): whatever is on disk, loading never raises anything but a
RecoveryError; a file that cannot be used is set aside whole, renamed with a timestamp, and
the message names the new name; a file that loads can be restored (恢复) without error and
within bounds; a file wenmi wrote reads back as written.

Everything here runs without the app (`read_recovery`, `restore_session`); one Pilot test
restores the most awkward file the validation still accepts.
"""

from __future__ import annotations

import json
import shutil
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from assistant.tui import engine
from assistant.tui.history import MAX_STEPS, History
from assistant.tui.recovery import (
    Recovery,
    RecoveryError,
    read_recovery,
    recovery_file,
    restore_session,
    write_recovery,
)
from assistant.tui.session import Session

KEY = "sample"
WORKBOOK = (
    "unit: 党群工作部\nperiod: 2023年\nachievements:\n  - title: 开展学习\n    metrics:\n"
    "      - {label: 次数, value: 3, unit: 次}\n  - title: 组织培训\n"
)
#: Most memory loading and restoring one fuzzed file may take (the largest is a few MB).
PEAK_BYTES = 200 * 1024 * 1024
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                        HealthCheck.too_slow])  # fmt: skip


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WENMI_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("WENMI_PATH", raising=False)


def new_session() -> Session:
    return Session(engine.workbook_from_yaml(WORKBOOK, None), save_path=None, is_sample=True)


def history_of(steps: list[str], undo: int, base: str = WORKBOOK) -> tuple[str, dict[str, Any], list[str]]:
    """A real undo history: the unit of workbook `base` set to each of `steps`, then `undo`
    steps undone. Returns the YAML shown, `History.to_data`, and the YAML of every state (in
    the layout of the workbook shown)."""
    wb = engine.workbook_from_yaml(base, None)
    history = History(wb)
    for unit in steps:
        wb.unit = unit
        history.record(wb, f"改单位为{unit}")
    for _ in range(undo):
        history.undo(wb)
    shown = engine.workbook_yaml(wb)
    data = history.to_data(wb, engine.workbook_yaml, shown)
    return shown, data, [engine.workbook_yaml(s.workbook(wb)) for s in history.states]


def good() -> dict[str, Any]:
    shown, data, _ = history_of(["甲", "乙"], 1)
    recovery = Recovery(KEY, shown, {"current_section": 2}, {"index": 0, "data": {"title": "新"}}, history=data)
    return dict(json.loads(recovery.to_json()))


GOOD = good()

# -- what a damaged or hostile file can hold ----------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)


@st.composite
def deep(draw: st.DrawFn) -> Any:
    """A value nested 2 to 100,000 levels (lists or objects)."""
    depth = draw(st.integers(2, 100_000))
    return ("list", depth) if draw(st.booleans()) else ("dict", depth)


def render_deep(shape: tuple[str, int]) -> str:
    kind, depth = shape
    return "[" * depth + "]" * depth if kind == "list" else '{"a":' * depth + "1" + "}" * depth


@st.composite
def changed_fields(draw: st.DrawFn) -> bytes:
    """The good file with some fields (top level, or inside state, draft, history) removed or
    replaced by arbitrary JSON, a deep nest, a huge string or a wrong number."""
    data = json.loads(json.dumps(GOOD))
    raw_parts: dict[str, str] = {}
    paths = [("source",), ("workbook",), ("state",), ("draft",), ("history",), ("saved_at",), ("version",),
             ("state", "current_section"), ("state", "seed"), ("state", "headings"), ("draft", "index"),
             ("draft", "data"), ("draft", "data", "title"), ("draft", "data", "metrics"), ("history", "index"),
             ("history", "saved"), ("history", "labels"), ("history", "patches")]  # fmt: skip
    for path in draw(st.lists(st.sampled_from(paths), min_size=1, max_size=4, unique=True)):
        parent = data
        for step in path[:-1]:
            parent = parent.get(step) if isinstance(parent, dict) else None
        if not isinstance(parent, dict):
            continue
        how = draw(st.sampled_from(["delete", "json", "deep", "huge", "number"]))
        if how == "delete":
            parent.pop(path[-1], None)
        elif how == "json":
            parent[path[-1]] = draw(json_values)
        elif how == "huge":
            parent[path[-1]] = "题" * draw(st.integers(100_000, 3_000_000))
        elif how == "number":
            parent[path[-1]] = draw(st.sampled_from([-1, 10**30, 10_001, 2**63, 1.5, True]))
        else:  # spliced in as text below: json.dumps could not write it
            marker = f"@deep{len(raw_parts)}@"
            parent[path[-1]] = marker
            raw_parts[json.dumps(marker)] = render_deep(draw(deep()))
    text = json.dumps(data, ensure_ascii=draw(st.booleans()))
    for marker, raw in raw_parts.items():
        text = text.replace(marker, raw)
    return text.encode("utf-8")


@st.composite
def hostile_history(draw: st.DrawFn) -> bytes:
    """Histories that type-check element by element but lie: patches that do not fit, that
    count from the end (doubling the text at each step), too many steps, an index out of range."""
    data = json.loads(json.dumps(GOOD))
    n = draw(st.integers(1, 300))
    index = draw(st.integers(-1, n + 1))
    patch = st.tuples(st.integers(-10**6, 10**6), st.integers(-10**6, 10**6),
                      st.lists(st.text(max_size=8), max_size=3)).map(list)  # fmt: skip
    patches = [[] if i == index else draw(patch) for i in range(min(n, 5))]
    patches += [[-1, -(10**6), []]] * (n - len(patches))  # all lines but the last, then all again: doubling
    data["history"] = {"index": index, "saved": draw(st.none() | st.integers(-1, n)), "labels": ["步"] * n,
                       "patches": patches}  # fmt: skip
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


@st.composite
def damaged_bytes(draw: st.DrawFn) -> bytes:
    """The good file truncated, with bytes flipped or inserted (invalid UTF-8), or arbitrary bytes."""
    good = json.dumps(GOOD, ensure_ascii=False).encode("utf-8")
    how = draw(st.sampled_from(["truncate", "flip", "insert", "random"]))
    if how == "random":
        return draw(st.binary(max_size=200))
    at = draw(st.integers(0, len(good) - 1))
    if how == "truncate":
        return good[:at]
    if how == "flip":
        return good[:at] + bytes([good[at] ^ draw(st.integers(1, 255))]) + good[at + 1 :]
    return good[:at] + draw(st.binary(min_size=1, max_size=8)) + good[at:]


any_file = st.one_of(
    changed_fields(),
    hostile_history(),
    damaged_bytes(),
    json_values.map(lambda v: json.dumps(v).encode("utf-8")),
    deep().map(lambda shape: render_deep(shape).encode("utf-8")),
)


def write(raw: bytes) -> Path:
    folder = recovery_file(KEY).parent
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    path = recovery_file(KEY)
    path.write_bytes(raw)
    return path


class TestFuzz:
    @FUZZ
    @given(any_file)
    def test_loading_never_crashes_and_sets_bad_files_aside(self, raw: bytes) -> None:
        path = write(raw)
        tracemalloc.start()
        try:
            got = read_recovery(KEY)
            if got is not None:
                session = new_session()
                restore_session(session, got)  # 恢复, as the app does it: must not raise
        except RecoveryError as err:
            aside = list(path.parent.glob(f"{path.stem}.损坏-*.json.bak"))
            assert not path.exists() and len(aside) == 1
            assert aside[0].read_bytes() == raw  # nothing lost
            message = str(err)
            assert "恢复文件已损坏" in message and str(aside[0]) in message and "\n" not in message
            assert read_recovery(KEY) is None  # the next start is clean
            return
        finally:  # bounded: a MemoryError swallowed on the way would not show otherwise
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            assert peak < PEAK_BYTES
        assert got is not None and path.exists()
        history = session.history
        assert 1 <= len(history.states) <= MAX_STEPS + 1 and 0 <= history.index < len(history.states)
        assert session.current_section >= 0 and session.seed >= 0
        if got.draft is not None:
            assert got.draft["index"] is None or got.draft["index"] >= 0
            engine.validate_form(got.draft["data"], infer=False)  # what the form does with it

    def test_a_doubling_history_is_refused_at_once(self) -> None:
        """[-1, -1000000, []] would keep all lines but the last, then all of them again: the text
        doubles at every step, 2**200 times at the end."""
        history = {"index": 0, "saved": None, "labels": ["步"] * 201, "patches": [[]] + [[-1, -(10**6), []]] * 200}
        path = write(json.dumps(GOOD | {"history": history}, ensure_ascii=False).encode("utf-8"))
        with pytest.raises(RecoveryError, match="撤销记录的第 2 步"):
            read_recovery(KEY)
        assert not path.exists()
        # and the history reader alone (as an older caller would use it) drops it, bounded
        wb = engine.workbook_from_yaml(GOOD["workbook"], None)
        assert len(History.from_data(history, wb, GOOD["workbook"], lambda t: wb).states) == 1

    def test_a_history_too_long_to_rebuild_is_dropped(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from assistant.tui import history as history_module

        shown, data, texts = history_of([f"单位{i}" for i in range(20)], 0)
        wb = engine.workbook_from_yaml(shown, None)
        load = lambda text: engine.workbook_from_yaml(text, None)  # noqa: E731
        assert len(History.from_data(data, wb, shown, load).states) == 21
        monkeypatch.setattr(history_module, "MAX_HISTORY_CHARS", sum(map(len, texts)) - 1)
        assert len(History.from_data(data, wb, shown, load).states) == 1


class TestRoundTrip:
    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(
        steps=st.lists(st.text(st.sampled_from("党群工作部宣传科技abcXYZ0123"), min_size=1, max_size=12), max_size=12),
        undo=st.integers(0, 12),
        state=st.fixed_dictionaries({"current_section": st.integers(1, 10_000)}),  # what Session.state() writes
        draft=st.none() | st.fixed_dictionaries({
            "index": st.none() | st.integers(0, 5),
            "data": st.fixed_dictionaries({}, optional={
                "title": st.text(max_size=30), "detail": st.text(max_size=30),
                "metrics": st.lists(st.fixed_dictionaries({}, optional={"label": st.text(max_size=5),
                                                                        "value": st.text(max_size=5)}), max_size=3),
            }),
        }),  # fmt: skip
    )
    def test_a_file_wenmi_wrote_reads_back_and_restores(
        self, steps: list[str], undo: int, state: dict[str, Any], draft: dict[str, Any] | None
    ) -> None:
        assume(undo <= len(steps))
        shutil.rmtree(recovery_file(KEY).parent, ignore_errors=True)
        shown, data, texts = history_of(steps, undo)
        write_recovery(KEY, Recovery(KEY, shown, state, draft, history=data))
        got = read_recovery(KEY)
        assert got is not None
        assert (got.workbook_yaml, got.state, got.draft, got.history) == (shown, state, draft, data)
        session = new_session()
        restore_session(session, got)
        assert engine.workbook_yaml(session.workbook) == shown
        assert session.current_section == state["current_section"]
        history = session.history
        assert len(history.states) == len(texts) and history.index == data["index"]  # as it was when written
        for state, text in zip(history.states, texts, strict=True):
            expected = engine.workbook_from_yaml(text, None)
            assert (state.unit, [a.title for a in state.achievements]) == (
                expected.unit, [a.title for a in expected.achievements])  # fmt: skip


async def test_the_app_restores_the_most_awkward_file_it_accepts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Accepted but awkward: a draft for a row that is gone, metric rows missing cells, a
    50,000-character title, 201 undo steps. 恢复 opens the form; the app keeps running."""
    from assistant import paths
    from assistant.phrasebank import clear_bank_cache
    from assistant.templating import clear_catalog_cache
    from assistant.tui.app import WenmiApp
    from assistant.tui.dialogs.achievement_form import AchievementForm
    from assistant.tui.dialogs.confirm import ConfirmDialog
    from tests.tui.conftest import DATA, settle

    monkeypatch.setattr(paths, "packaged_dir", lambda name: DATA / name)
    clear_catalog_cache()
    clear_bank_cache()
    workbook = tmp_path / "台账.yaml"
    shutil.copy(DATA / "workbook.yaml", workbook)
    key = str(workbook.resolve())
    shown, data, _ = history_of([f"单位{i}" for i in range(MAX_STEPS)], 0, workbook.read_text(encoding="utf-8"))
    draft = {"index": 999, "data": {"title": "长" * 50_000, "metrics": [{"label": "次数"}, {}, {"unit": "次"}]}}
    write_recovery(key, Recovery(key, shown, {"current_section": 10_000}, draft, history=data))
    app = WenmiApp(workbook)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("enter")  # 恢复
            await settle(pilot)
            assert isinstance(app.screen, AchievementForm) and app.screen.index is None  # row 999 is gone: a new one
            assert app.session is not None and len(app.session.history.states) == MAX_STEPS + 1
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, AchievementForm)
    finally:
        clear_catalog_cache()
        clear_bank_cache()
