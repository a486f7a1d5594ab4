"""Reading and suggesting for long workbooks: the shortcuts that keep 10,000 rows fast change
nothing a user sees (values, located errors, warnings, rankings)."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant import segment
from assistant.compose import matching
from assistant.errors import WenmiError, WenmiErrors
from assistant.ledger import yamlfile
from assistant.ledger.files import load_workbook
from assistant.ledger.workbook import Achievement, Metric, Workbook
from assistant.ledger.yamlfile import dumps_workbook, loads_workbook
from assistant.paths import sample_workbook
from assistant.safeyaml import MAX_DEPTH, gc_paused
from tests.fakes import FakeTemplate

ROOT = Path(__file__).resolve().parents[1]


def _rows(n: int) -> str:
    items = []
    for i in range(n):
        items.append(
            f"  - title: 开展第{i + 1}次主题党日活动\n"
            f"    category: 组织建设\n"
            f"    metrics:\n"
            f"      - {{label: 参加, value: {i % 50 + 1}, unit: 人次}}\n"
        )
    return "unit: 党群工作部\nperiod: 2023年\nachievements:\n" + "".join(items)


class TestLongWorkbookReading:
    def test_numbers_typed_as_text_keep_what_was_typed(self) -> None:
        """The reader keeps raw text only for values that are not text; fields still get it."""
        wb = loads_workbook("unit: 08\nperiod: 2023\nachievements:\n  - title: 1200\n    owner: no\n")
        assert (wb.unit, wb.period) == ("08", "2023")
        assert wb.achievements[0].title == "1200"
        assert wb.achievements[0].owner == "no"

    def test_error_in_a_long_file_names_its_line(self) -> None:
        text = _rows(3000).replace("第2900次主题党日活动\n    category: 组织建设", "第2900次主题党日活动\n    category: 作风", 1)
        with pytest.raises((WenmiError, WenmiErrors)) as info:
            loads_workbook(text, "台账.yaml")
        bad_line = next(i for i, line in enumerate(text.splitlines(), 1) if "category: 作风" in line)
        assert f"台账.yaml，第{bad_line}行" in str(info.value)
        assert "成效事项第2900项·类别" in str(info.value) and "作风建设" in str(info.value)

    def test_trailing_comment_after_a_value_is_kept(self) -> None:
        text = _rows(2).replace("category: 组织建设\n", "category: 组织建设  # 核对过\n", 1)
        assert "category: 组织建设  # 核对过" in dumps_workbook(loads_workbook(text))

    def test_without_layout_the_values_and_warnings_are_the_same(self, tmp_path) -> None:
        path = tmp_path / "台账.yaml"
        path.write_text(_rows(50) + "  - title: 无类别的事项\x0b\n", encoding="utf-8")
        full = load_workbook(path)
        lean = load_workbook(path, layout=False)
        assert lean.achievements == full.achievements
        assert [str(w) for w in lean.warnings] == [str(w) for w in full.warnings]
        assert lean.layout is None and full.layout is not None

    def test_collector_comes_back_on_after_reading(self) -> None:
        assert gc.isenabled()
        with pytest.raises(WenmiError):
            loads_workbook("unit: [")
        assert gc.isenabled()
        gc.disable()
        try:
            with gc_paused():
                pass
            assert not gc.isenabled()  # a caller that had it off keeps it off
        finally:
            gc.enable()


class TestSuggestOnManyRows:
    def _workbook(self, n: int) -> Workbook:
        return Workbook(
            unit="党群工作部",
            period="2023年",
            achievements=[
                Achievement(
                    title=f"开展志愿服务活动第{i}场" if i % 7 else f"举办党史知识竞赛第{i}场",
                    category="组织建设" if i % 3 else "宣传与品牌",
                    metrics=[Metric("参加", i % 40 + 1, "人次")],
                )
                for i in range(n)
            ],
        )

    def test_words_are_cut_for_a_bounded_even_sample(self, monkeypatch) -> None:
        cut: list[str] = []
        real = matching.words

        def counting(text: str) -> tuple[str, ...]:
            cut.append(text)
            return real(text)

        monkeypatch.setattr(matching, "words", counting)
        wb = self._workbook(2500)
        profile = matching._profile(wb)
        titles = [t for t in cut if t.startswith(("开展", "举办"))]
        assert len(titles) == matching.PROFILE_WORD_SAMPLE
        assert titles[0] == wb.achievements[0].title and "第2497场" in titles[-1]
        # proportions still count every row
        assert profile.total == 2500 and sum(profile.shares.values()) == 2500

    def test_small_workbooks_use_every_row_and_rankings_are_stable(self) -> None:
        small = self._workbook(matching.PROFILE_WORD_SAMPLE)
        assert list(matching._word_sample(small.achievements)) == small.achievements
        big = self._workbook(3000)
        templates = [
            FakeTemplate("t1", "志愿服务工作总结", "组织建设", "工作总结", ["志愿"]),
            FakeTemplate("t2", "知识竞赛活动总结", "宣传与品牌", "工作总结", ["竞赛"]),
        ]
        first = matching.suggest(big, templates)
        again = matching.suggest(big, templates)
        assert [(s.id, s.score, s.reasons) for s in first] == [(s.id, s.score, s.reasons) for s in again]


# --- reading from libyaml's events -----------------------------------------------------------

#: What the node reader records of a file, and so what the event reader must record alike.
READER_RECORDS = ("locs", "key_locs", "raws", "order", "flow", "quotes", "anchors", "ends", "inside")
#: What error messages need, kept also when saving's layout is not wanted.
LOCATION_RECORDS = ("locs", "key_locs", "raws")

#: A workbook with what people write: comments (own line, trailing, after a list), quotes of both
#: kinds, a block scalar followed by blank lines, a folded one, a multi-line plain value, flow
#: lists and mappings over two lines, YAML 1.1 traps, empty values, numbered headings.
VARIED = """\
# 2023年台账
# 党群工作部

unit: 党群工作部   # 单位
period: '2023年'
fields:
  主题: "作风 建设"
  落款: >
    党群工作部
    （党委统战部）
  备注: |
    第一行

    第三行


headings: {1: 提高站位, 3: 压实责任}
achievements:
  # 第一项
  - title: 开展员工思想状况调查   # 核对过
    category: 思想建设
    metrics:
      - {label: 问卷, value: 1200, unit: 份, qualifier: 余}
      - {label: 座谈,
         value: 08, unit: 次}
    tags: [调研, "整改"]
    owner: no
    date: 2023-01-11
  - title: 推进支部标准化
      规范化建设
    detail:
    metrics: []
  - title: '第一议题'   # 引号
    tags:
      - 政治
      - 12:30
# 结尾
"""


def _records(reader: Any, names: tuple[str, ...] = READER_RECORDS) -> dict[str, Any]:
    return {name: getattr(reader, name) for name in names}


def _both(text: str) -> tuple[Any, Any, Any, Any]:
    """(value, reader) from the events and from the node tree, of the same cleaned text."""
    events = yamlfile._Reader(text, "台账.yaml")
    from_events = events.read_events()
    node = yamlfile._compose(text, "台账.yaml")
    assert node is not None
    nodes = yamlfile._Reader(text, "台账.yaml")
    from_nodes = nodes.convert(node, ())
    return from_events, events, from_nodes, nodes


def _workbook_texts() -> list[Path]:
    return [sample_workbook(), *sorted((ROOT / "benchmarks" / "compose_eval").glob("*.yaml"))[:12]]


class TestEventReader:
    """Workbooks are read from libyaml's event stream (no node tree, no second walk to measure
    it); what is recorded for error locations, comments and saving is the node reader's, exactly."""

    @pytest.mark.parametrize("path", _workbook_texts(), ids=lambda p: p.name)
    def test_real_workbooks_read_alike(self, path: Path) -> None:
        text = path.read_text(encoding="utf-8-sig")
        from_events, events, from_nodes, nodes = _both(text)
        assert from_events is not yamlfile._LEFT_TO_NODES
        assert from_events == from_nodes
        assert _records(events) == _records(nodes)

    def test_comments_quotes_block_text_and_flow_read_alike(self) -> None:
        from_events, events, from_nodes, nodes = _both(VARIED)
        assert from_events is not yamlfile._LEFT_TO_NODES
        assert from_events == from_nodes and list(from_events) == list(from_nodes)
        assert _records(events) == _records(nodes)
        # insertion order too: comments are laid out in the order their anchors were met
        assert list(events.anchors.items()) == list(nodes.anchors.items())
        assert list(events.locs) == list(nodes.locs)

    def test_saving_keeps_every_comment_and_style(self) -> None:
        saved = dumps_workbook(loads_workbook(VARIED))
        for kept in ("# 2023年台账", "unit: 党群工作部   # 单位", "# 第一项", "# 核对过", "# 引号", "# 结尾",
                     "period: '2023年'", "{label: 问卷, value: 1200, unit: 份, qualifier: 余}"):
            assert kept in saved, kept

    def test_without_layout_only_locations_are_recorded(self) -> None:
        lean = yamlfile._Reader(VARIED, "台账.yaml", layout=False)
        full = yamlfile._Reader(VARIED, "台账.yaml")
        assert lean.read_events() == full.read_events()
        assert _records(lean, LOCATION_RECORDS) == _records(full, LOCATION_RECORDS)
        assert not (lean.anchors or lean.order or lean.quotes or lean.ends or lean.inside)

    @pytest.mark.parametrize(
        "text",
        [
            "unit: &u 甲\nperiod: *u\n",  # anchor and alias
            "unit: !!str 08\n",  # a tag
            "unit: 甲\nunit: 乙\n",  # a key written twice
            "? [a, b]\n: 甲\n",  # a list as key
            "unit: 甲\nx: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n",  # too deep
            "",  # empty
            "甲\n",  # one value
            "unit: 甲\n---\nunit: 乙\n",  # two documents
            "unit: [甲\n",  # a syntax error
        ],
    )
    def test_unusual_files_are_left_to_the_node_reader(self, text: str) -> None:
        """The node reader checks aliases and depth and words every error; the event reader
        hands it anything it would have to check."""
        assert yamlfile._Reader(text, "台账.yaml").read_events() is yamlfile._LEFT_TO_NODES

    def test_nesting_up_to_the_limit_is_read_from_events(self) -> None:
        deepest = "unit: 甲\nx: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"  # with the top: MAX_DEPTH
        from_events, events, from_nodes, nodes = _both(deepest)
        assert from_events is not yamlfile._LEFT_TO_NODES and from_events == from_nodes
        assert _records(events) == _records(nodes)

    def test_errors_of_unusual_files_are_still_located(self) -> None:
        with pytest.raises(WenmiError) as dup:
            loads_workbook("unit: 甲\nperiod: 2023年\nunit: 乙\n", "台账.yaml")
        assert "键“unit”重复出现：第1行和第3行" in str(dup.value)
        with pytest.raises(WenmiError) as deep:
            loads_workbook("unit: 甲\nx: " + "[" * 60 + "]" * 60 + "\n", "台账.yaml")
        assert "嵌套层级过深" in str(deep.value) and "第2行" in str(deep.value)

    def test_control_characters_from_escapes_are_still_removed(self) -> None:
        """The file's text is cleaned before parsing; a double-quoted escape (\\v is Word's line
        break) makes one only when parsed, and the field check still removes it."""
        wb = loads_workbook('unit: 甲\nachievements:\n  - title: "开展\\v调研"\n    category: 作风建设\n')
        assert wb.achievements[0].title == "开展调研"
        assert [(w.rule, w.location.line) for w in wb.warnings] == [("control-character", 3)]


_SCALARS = st.one_of(
    st.text(alphabet="甲乙丙调研整改 abc019:#-.,'\"\t\n", max_size=12),
    st.sampled_from(["no", "yes", "null", "~", "08", "012", "1_000", "12:30", "2023-01-11", "3.5", "1e3", ""]),
    st.integers(-5, 5000),
    st.booleans(),
    st.none(),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(alphabet="甲乙ab1 ", min_size=1, max_size=4), inner, max_size=4),
    ),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    value=st.dictionaries(st.sampled_from(["unit", "period", "fields", "achievements", "甲"]), _VALUES, min_size=1),
    flow=st.sampled_from([None, False, True]),
    comments=st.lists(st.tuples(st.integers(0, 60), st.sampled_from([" # 注", "\n# 注", "\n", "  #"])), max_size=5),
)
def test_any_file_reads_alike_from_events_and_nodes(value: Any, flow: bool | None, comments: list[tuple[int, str]]) -> None:
    """Whatever a file holds, the event reader records what the node reader does, or leaves the
    file to it; a plain file (no anchors, aliases or tags) is never left to it."""
    lines = yaml.safe_dump(value, allow_unicode=True, default_flow_style=flow, sort_keys=False).split("\n")
    for at, comment in comments:
        at %= len(lines)
        lines[at] += comment
    text = "\n".join(lines)
    events = yamlfile._Reader(text, "x.yaml")
    from_events = events.read_events()
    try:
        node = yamlfile._compose(text, "x.yaml")
    except WenmiError:
        assert from_events is yamlfile._LEFT_TO_NODES  # both refuse a broken file
        return
    assert node is not None
    nodes = yamlfile._Reader(text, "x.yaml")
    from_nodes = nodes.convert(node, ())
    assert not nodes.errors
    assert from_events is not yamlfile._LEFT_TO_NODES
    assert from_events == from_nodes
    assert _records(events) == _records(nodes)


# --- jieba with its dictionary loaded as needed ----------------------------------------------


@pytest.fixture
def fresh_jieba(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """exact_jieba() as a new process sees it, with its cache in an empty WENMI_HOME."""
    monkeypatch.setenv("WENMI_HOME", str(tmp_path / "home"))
    segment.exact_jieba.cache_clear()
    yield segment.exact_jieba
    segment.exact_jieba.cache_clear()


def _texts() -> list[str]:
    lines = VARIED.splitlines()
    for path in _workbook_texts():
        lines += path.read_text(encoding="utf-8-sig").splitlines()
    return [t for t in lines if t.strip()] + ["ABC 2023年第3季度 XYZ", "鑫淼犇", "", "。，、"]


class TestExactJieba:
    """Matching cuts texts with jieba's full dictionary; loading all 500,000 entries took most of
    `suggest` on a short workbook. The dictionary is cached in blocks by first character and a
    text loads only the blocks of its own characters, with jieba's cuts unchanged."""

    def test_cuts_are_jiebas_own_from_a_part_of_the_dictionary(self, fresh_jieba: Any) -> None:
        full = segment.full_jieba()
        first = fresh_jieba()  # builds the cache, cuts with the full dictionary meanwhile
        assert [first.lcut(t) for t in _texts()[:50]] == [full.lcut(t) for t in _texts()[:50]]
        segment.exact_jieba.cache_clear()
        lazy = fresh_jieba()
        assert isinstance(lazy, segment._ExactJieba)
        assert lazy.lcut("开展员工思想状况调查") == full.lcut("开展员工思想状况调查")
        assert len(lazy._tk.FREQ) < len(full.dt.FREQ) / 20  # one short text: a small part
        assert [lazy.lcut(t) for t in _texts()] == [full.lcut(t) for t in _texts()]

    def test_a_damaged_cache_is_rebuilt(self, fresh_jieba: Any) -> None:
        fresh_jieba()
        path = segment._blocks_file(segment.import_jieba())
        assert path.exists()
        path.write_bytes(b"\x00not a dictionary")
        segment.exact_jieba.cache_clear()
        text = "推进党支部标准化规范化建设"
        assert fresh_jieba().lcut(text) == segment.full_jieba().lcut(text)
        segment.exact_jieba.cache_clear()
        assert isinstance(fresh_jieba(), segment._ExactJieba)

    def test_a_damaged_block_inside_a_readable_cache_falls_back_and_rebuilds(self, fresh_jieba: Any) -> None:
        """A cache whose outer layout is right but whose blocks are not (a file from an earlier
        layout, a bad sector) cuts with the whole dictionary and is built again next time."""
        import marshal

        fresh_jieba()
        path = segment._blocks_file(segment.import_jieba())
        fmt, total, blocks = marshal.loads(path.read_bytes())
        path.write_bytes(marshal.dumps((fmt, total, {ch: b"\x00broken" for ch in blocks})))
        segment.exact_jieba.cache_clear()
        text = "推进党支部标准化规范化建设"
        assert fresh_jieba().lcut(text) == segment.full_jieba().lcut(text)
        assert not path.exists()  # set to be built again
        segment.exact_jieba.cache_clear()
        fresh_jieba()  # builds it
        segment.exact_jieba.cache_clear()
        again = fresh_jieba()
        assert isinstance(again, segment._ExactJieba)
        assert again.lcut(text) == segment.full_jieba().lcut(text)
