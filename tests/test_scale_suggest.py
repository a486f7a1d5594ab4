"""Reading and suggesting for long workbooks: the shortcuts that keep 10,000 rows fast change
nothing a user sees (values, located errors, warnings, rankings)."""

from __future__ import annotations

import gc
from dataclasses import dataclass

import pytest

from assistant.compose import matching
from assistant.errors import WenmiError, WenmiErrors
from assistant.ledger.files import load_workbook
from assistant.ledger.workbook import Achievement, Metric, Workbook
from assistant.ledger.yamlfile import dumps_workbook, loads_workbook
from assistant.safeyaml import gc_paused


@dataclass
class _Template:
    id: str
    name: str
    category: str
    doctype: str
    keywords: list[str]
    description: str = ""


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
        assert "achievements[2900].category" in str(info.value) and "作风建设" in str(info.value)

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
            _Template("t1", "志愿服务工作总结", "组织建设", "工作总结", ["志愿"]),
            _Template("t2", "知识竞赛活动总结", "宣传与品牌", "工作总结", ["竞赛"]),
        ]
        first = matching.suggest(big, templates)
        again = matching.suggest(big, templates)
        assert [(s.id, s.score, s.reasons) for s in first] == [(s.id, s.score, s.reasons) for s in again]
