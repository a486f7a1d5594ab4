"""A template about one kind of work, rendered for a workbook that never mentions it, says so: its
own framing (导语, 结尾) would tell that the unit did that work (issue “Composition II”: every claim
sourced or marked)."""

from __future__ import annotations

from pathlib import Path

from assistant.compose import compose_markup
from assistant.ledger.files import load_workbook, loads_workbook
from assistant.templating import load_catalog

ROOT = Path(__file__).resolve().parents[1]
TAIZHOU = ROOT / "benchmarks" / "compose_eval" / "taizhou-shefa-jituan-dangjian-shangqianxian.yaml"


def _theme_warnings(template: str, workbook: object) -> list[str]:
    result = compose_markup(load_catalog().get(template), workbook)  # type: ignore[arg-type]
    return [str(d) for d in result.diagnostics if d.rule == "template-theme-absent"]


def test_a_theme_the_workbook_never_mentions_is_reported() -> None:
    # a state firm's Party-building rows written up as a 理论宣讲 report: 宣讲 is said nowhere
    warnings = _theme_warnings("sx-xuanjiang-baodao", load_workbook(TAIZHOU))
    assert len(warnings) == 1
    assert "“宣讲”" in warnings[0] and "理论宣讲进基层宣传报道" in warnings[0] and "改选" in warnings[0]


def test_a_theme_the_workbook_mentions_is_not() -> None:
    workbook = loads_workbook(
        "unit: 某公司党委\nperiod: 2023年\nachievements:\n"
        "  - title: 组建青年理论宣讲团\n  - title: 深入车间班组开展宣讲\n"
    )
    assert _theme_warnings("sx-xuanjiang-baodao", workbook) == []


def test_the_form_a_template_follows_is_no_theme() -> None:
    # the bundled sample is written in the “四高” form with its own 主题 (严、真、细、实、快)
    workbook = load_workbook(ROOT / "assistant" / "samples" / "workbook.yaml")
    assert _theme_warnings("zf-jyjl-4gao", workbook) == []


def test_the_writer_a_genre_assumes_is_no_theme() -> None:
    # a 述职 is the 书记's by its genre: a ledger need not say 书记 for the report to be his
    workbook = load_workbook(ROOT / "benchmarks" / "compose_eval" / "furong-zhen-shuji-shuzhi-2017.yaml")
    assert _theme_warnings("zs-zbsj-shuzhi", workbook) == []
