"""The unit's own honours are told in the opening of a summary, an experience article or a report,
not under a section heading about work (issue “Composition I”: every achievement under the
heading that describes it). Honours of people or of a part of the unit stay in their section."""

from __future__ import annotations

import pytest

from assistant.compose import compose_markup
from assistant.compose.honours import opening_honours, unit_honour
from assistant.compose.pipeline import sample_workbook
from assistant.ledger.figcheck import check_figures
from assistant.ledger.workbook import Achievement, Metric, Workbook
from assistant.templating import load_catalog
from assistant.templating.sandbox import body_names

UNIT = "阿娄社区党支部"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("荣获“市优秀志愿服务社区”", True),
        ("获评“六盘水市少先队校外实践教育基地”", True),
        ("在2023年度市政府目标管理绩效考核中荣获“先进”等次", True),
        ("阿娄社区党支部被授予“全国先进基层党组织”荣誉称号", True),
        ("获得集团公司“红旗党支部”荣誉称号", True),
        # people or a part of the unit: work of a section
        ("党员获评集团公司、公司先进", False),
        ("多名队员荣获抗灾救灾先进个人", False),
        # a gain, not an honour
        ("获得上级资金支持", False),
        ("群众获得感不断增强", False),
        ("开展评先评优活动", False),
    ],
)
def test_an_honour_of_the_unit_itself(title: str, expected: bool) -> None:
    assert unit_honour(Achievement(title), UNIT) is expected


def test_a_row_the_drafter_placed_stays_in_its_section() -> None:
    assert not unit_honour(Achievement("荣获“市优秀志愿服务社区”", section="2"), UNIT)


def _work(n: int) -> list[Achievement]:
    works = [
        Achievement("组建传帮带“顾问团”", category="组织建设", detail="对新任村干部言传身教"),
        Achievement("配强社区支部班子", category="组织建设", metrics=[Metric("支委成员", 5, "名")]),
        Achievement("排查化解社区矛盾纠纷", category="群团与服务", metrics=[Metric("矛盾纠纷", 40, "件", "余")]),
        Achievement("为群众办实事", category="群团与服务", metrics=[Metric("实事", 50, "件", "余")]),
        Achievement("开展主题党日活动", category="思想建设", metrics=[Metric("主题党日活动", 6, "次")]),
        Achievement("开展志愿服务", category="群团与服务", metrics=[Metric("志愿服务", 15, "次")]),
    ]
    return works[:n]


def test_too_many_honours_stay_in_the_sections() -> None:
    honours = [Achievement("荣获“市优秀志愿服务社区”"), Achievement("获评“少先队校外实践教育基地”")]
    assert opening_honours([*honours, *_work(6)], UNIT) == [0, 1]
    # a workbook mostly of honours is about them: nothing is taken out of the sections
    assert opening_honours([*honours, *_work(2)], UNIT) == []


def test_a_summary_tells_the_units_honours_in_its_opening() -> None:
    rows = [
        Achievement("荣获“市优秀志愿服务社区”"),
        *_work(3),
        Achievement("获评“六盘水市少先队校外实践教育基地”"),
        *_work(6)[3:],
        Achievement("荣获“省示范党支部”", metrics=[Metric("示范党支部", 1, "个")]),
    ]
    wb = Workbook(unit=UNIT, period="2022年上半年", achievements=rows)
    result = compose_markup(load_catalog().get("zs-zhibu-zongjie"), wb)
    lines = result.markup.splitlines()
    opening = next(ln for ln in lines if "总结如下" in ln)
    assert "阿娄社区党支部先后荣获“市优秀志愿服务社区”，获评“六盘水市少先队校外实践教育基地”" in opening
    first_heading = next(k for k, ln in enumerate(lines) if ln.startswith("#") and k > 0)
    body = "\n".join(lines[first_heading:])
    assert "荣获" not in body and "获评" not in body
    assert sorted(result.opening) == [0, 4, 8]
    assert not [i for s in result.sections for i in s.indices if i in result.opening]
    assert not [d for d in check_figures(rows, result.markup) if d.rule == "figure-missing"]


@pytest.mark.parametrize("tid", sorted(t.id for t in load_catalog().all() if "honours" in body_names(t)))
def test_every_template_that_takes_honours_writes_them_once(tid: str) -> None:
    template = load_catalog().get(tid)
    sample = sample_workbook(template)
    rows = [*sample.achievements, Achievement("荣获“全国文明单位”称号")]
    wb = Workbook(unit=sample.unit, period=sample.period, fields=dict(sample.fields), achievements=rows)
    result = compose_markup(template, wb)
    assert result.markup.count("“全国文明单位”") == 1, tid
    assert len(rows) - 1 in result.opening
    assert "“全国文明单位”" in result.markup.split("\n## ", 1)[0], tid  # before the first section
    assert not [d for d in check_figures(rows, result.markup) if d.rule == "figure-missing"]
