"""Wording from the workbook: the period decides 一年来/半年来, the unit's name who is speaking."""

from __future__ import annotations

import pytest

from assistant.compose.wording import CONTEXT_NAMES, date_check, org_kind, parse_period, sector, words_for
from assistant.templating.model import CONTEXT_NAMES as TEMPLATE_NAMES


@pytest.mark.parametrize(
    ("period", "since", "span", "next_span", "next_period"),
    [
        ("2022年", "一年来", "全年", "新的一年", "2023年"),
        ("2022年度", "一年来", "全年", "新的一年", "2023年"),
        ("2023年上半年", "半年来", "上半年", "下半年", "2023年下半年"),
        ("2023年1-6月", "半年来", "上半年", "下半年", "2023年下半年"),
        ("2023年下半年", "半年来", "下半年", "新的一年", "2024年"),
        ("2023年第一季度", "一季度以来", "一季度", "下一季度", "2023年第二季度"),
        ("2023年四季度", "四季度以来", "四季度", "新的一年", "2024年"),
        ("2023年3-5月", "今年以来", "前一阶段", "下一步", ""),
        ("", "近期", "前一阶段", "下一步", ""),
    ],
)
def test_period_words(period: str, since: str, span: str, next_span: str, next_period: str) -> None:
    p = parse_period(period)
    assert (p.since, p.span, p.next_span, p.next_text) == (since, span, next_span, next_period)


@pytest.mark.parametrize(
    ("unit", "kind", "where", "self_ref"),
    [
        ("中共山东省直机关后勤服务保障中心委员会", "党委", "事业单位", "党委"),
        ("中共福州电业局委员会", "党委", "企业", "党委"),
        ("中共某市疾病预防控制中心第三支部委员会", "党支部", "事业单位", "支部"),
        ("某某村党支部", "党支部", "村社区", "支部"),
        ("中共某公司机关党总支", "党总支", "企业", "党总支"),
        ("中共庆阳市委直属机关工作委员会", "机关工委", "机关", "机关工委"),
        ("共青团池州市委员会", "团委", "", "团委"),
        ("荣县总工会", "工会", "", "工会"),
        ("党群工作部（党委统战部）", "部门", "", "党群工作部"),
        ("中共市农业发展集团委员会", "党委", "企业", "党委"),
        ("中共某市农业农村局机关委员会", "党委", "机关", "党委"),
        ("中共市医药集团纪律检查委员会", "纪委", "企业", "纪委"),
    ],
)
def test_unit_kind_from_its_name(unit: str, kind: str, where: str, self_ref: str) -> None:
    assert org_kind(unit) == kind
    assert sector(unit) == where
    assert words_for(unit, "2022年").self_ref == self_ref


def test_a_township_union_is_no_agency() -> None:
    assert words_for("烟墩镇工会", "2022年").sector == ""
    assert words_for("某某镇党委", "2022年").sector == "机关"


def test_the_workbook_can_say_what_kind_of_unit_it_is() -> None:
    w = words_for("党群工作部", "2022年", {"组织类型": "党委", "单位性质": "企业"})
    assert (w.org_kind, w.sector, w.self_ref) == ("党委", "企业", "党委")


def test_templates_know_every_wording_name() -> None:
    """Template validation accepts exactly the names composition provides."""
    assert set(CONTEXT_NAMES) <= set(TEMPLATE_NAMES)
    assert set(words_for("甲", "2022年").as_context()) == set(CONTEXT_NAMES)


@pytest.mark.parametrize(
    ("date", "period", "retrospective", "warned"),
    [
        ("2023年1月11日", "2022年", True, False),
        ("2022年5月11日", "2022年", True, True),
        ("2023年7月1日", "2023年上半年", True, False),
        ("2023年6月1日", "2023年上半年", True, True),
        ("2023年2月1日", "2022年", False, False),
        ("2024年2月1日", "2022年", False, True),
        ("2024年2月1日", "", True, False),
    ],
)
def test_a_date_that_does_not_fit_the_period_is_reported(
    date: str, period: str, retrospective: bool, warned: bool
) -> None:
    assert (date_check(date, period, retrospective) is not None) == warned


def test_a_summary_dated_before_its_period_ends_warns_when_composed() -> None:
    from dataclasses import replace

    from assistant.compose import compose_markup, sample_workbook
    from assistant.templating import load_catalog

    template = load_catalog().get("zs-zhibu-zongjie")
    wb = replace(sample_workbook(template), period="2023年", fields={"日期": "2023-06-30"})
    result = compose_markup(template, wb)
    assert any(d.rule == "date-period" and "早于" in d.message for d in result.diagnostics)


def test_an_unknown_kind_or_sector_in_the_workbook_is_reported() -> None:
    from dataclasses import replace

    from assistant.compose import compose_markup, sample_workbook
    from assistant.templating import load_catalog

    template = load_catalog().get("zs-zhibu-zongjie")
    wb = replace(sample_workbook(template), fields={"组织类型": "党委", "单位性质": "国企"})
    result = compose_markup(template, wb)
    assert [d.location.field for d in result.diagnostics if d.rule == "wording-field"] == ["fields.单位性质"]
    assert words_for("某单位", "2023年", {"单位性质": "国企"}).sector == ""
