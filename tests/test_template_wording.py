"""Every catalogue template words its text for the workbook's period and unit (issue “Composition II”).

The body gets `since`, `span`, `next_span`, `next_period`, `org_kind`, `sector` and `self_ref` from
`assistant.compose.wording`; these tests compose every template's own sample with another period or
unit and read the markup:

- a half-year or a quarter never reads as a year (一年来, 全年, 新的一年…);
- a 党委 is never called 支部委员会 (nor opened as “支部…” as if it were a branch);
- a unit of unknown sector gets no wording that only fits one sector (政务服务, 生产经营…), and an
  enterprise or an agency gets none of the other's.

Words the workbook itself brings (its achievements, fields and unit name) are the drafter's and
are not held against the template.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from typing import Any

import pytest

from assistant.compose import compose_markup, sample_workbook
from assistant.compose.wording import words_for
from assistant.templating import load_catalog

#: Words that say the period is a whole year.
YEAR_WORDS = ("一年来", "全年", "新的一年", "本年度", "明年", "下一年")
#: Periods shorter than a year.
SHORT_PERIODS = ("2023年上半年", "2023年第三季度")

#: A Party committee (an enterprise's), and units whose sector the name does not tell.
PARTY_COMMITTEE = "中共某某集团有限公司委员会"
UNKNOWN_SECTOR_UNITS = ("中共某某委员会", "某某第一党支部", "综合部")
ENTERPRISE_UNIT = "中共某某能源集团有限公司委员会"
AGENCY_UNIT = "中共某某市直机关工作委员会"

#: Wording that fits one sector only.
ENTERPRISE_ONLY = ("生产经营", "企业发展", "企业改革发展", "企业高质量发展", "企业治理", "企业管理")
AGENCY_ONLY = ("政务服务", "政务应用程序", "便民热线", "转办件", "群众办事")
OTHER_SECTOR_ONLY = ("教学科研", "村务")
SECTOR_ONLY = ENTERPRISE_ONLY + AGENCY_ONLY + OTHER_SECTOR_ONLY

#: “支部” opening a clause as the writer's name (“支部坚持……”), not as part of another word.
BRANCH_AS_WRITER = re.compile(r"(?:^|[。；：，\n])支部(?!书记|委员|党员|大会|工作|建设|生活|特色|品牌|全体|的|班子)")


def _catalogue() -> list[Any]:
    return sorted((t for t in load_catalog().all() if t.source == "packaged"), key=lambda t: t.id)


IDS = [t.id for t in _catalogue()]


def _brought(wb: Any) -> str:
    """All text the workbook brings into the document itself."""
    parts = [wb.unit, wb.period or ""]
    parts += [str(v) for v in wb.fields.values()]
    for a in wb.achievements:
        parts += [a.title, a.detail or "", a.owner or "", str(a.date or ""), " ".join(a.tags or ())]
        parts += [m.label or "" for m in a.metrics]
    return "\n".join(parts)


@cache
def compose(
    tid: str, unit: str | None = None, period: str | None = None, without: tuple[str, ...] = ()
) -> tuple[str, str]:
    """(markup, text the workbook brought) for template `tid`'s sample with another unit or period,
    and without the fields named in `without`."""
    template = load_catalog().get(tid)
    wb = sample_workbook(template)
    changes: dict[str, Any] = {"fields": {k: v for k, v in wb.fields.items() if k not in without}}
    if unit is not None:
        changes["unit"] = unit
    if period is not None:
        changes["period"] = period
    wb = dataclasses.replace(wb, **changes)
    return compose_markup(template, wb).markup, _brought(wb)


def _unsourced(markup: str, brought: str, words: tuple[str, ...]) -> list[str]:
    return [w for w in words if w in markup and w not in brought]


def test_the_units_are_what_the_tests_assume() -> None:
    assert words_for(PARTY_COMMITTEE, "2023年").org_kind == "党委"
    assert all(words_for(u, "2023年").sector == "" for u in UNKNOWN_SECTOR_UNITS)
    assert words_for(ENTERPRISE_UNIT, "2023年").sector == "企业"
    assert words_for(AGENCY_UNIT, "2023年").sector == "机关"
    assert len(IDS) == 85


@pytest.mark.parametrize("period", SHORT_PERIODS)
@pytest.mark.parametrize("tid", IDS)
def test_a_short_period_never_reads_as_a_year(tid: str, period: str) -> None:
    markup, brought = compose(tid, period=period)
    assert _unsourced(markup, brought, YEAR_WORDS) == []


@pytest.mark.parametrize("tid", IDS)
def test_a_party_committee_is_not_called_a_branch(tid: str) -> None:
    markup, brought = compose(tid, unit=PARTY_COMMITTEE)
    # “党支部委员会” names the committees of its branches, which a 党委 may address.
    own = markup.replace("党支部委员会", "")
    if "支部委员会" not in brought:
        assert "支部委员会" not in own
    assert BRANCH_AS_WRITER.findall(own) == []


@pytest.mark.parametrize("unit", UNKNOWN_SECTOR_UNITS)
@pytest.mark.parametrize("tid", IDS)
def test_unknown_sector_gets_neutral_wording(tid: str, unit: str) -> None:
    markup, brought = compose(tid, unit=unit)
    assert _unsourced(markup, brought, SECTOR_ONLY) == []


@pytest.mark.parametrize("tid", IDS)
def test_an_enterprise_and_an_agency_get_their_own_wording(tid: str) -> None:
    markup, brought = compose(tid, unit=ENTERPRISE_UNIT)
    assert _unsourced(markup, brought, AGENCY_ONLY + OTHER_SECTOR_ONLY) == []
    markup, brought = compose(tid, unit=AGENCY_UNIT)
    assert _unsourced(markup, brought, ENTERPRISE_ONLY + OTHER_SECTOR_ONLY) == []


@pytest.mark.parametrize(
    ("tid", "period", "title_has"),
    [
        ("zz-djyd-tongzhi", "2022年", "2023年"),
        ("jl-dflz-tongzhi", "2023年上半年", "2023年下半年"),
        ("zs-fzdy-jihua", "2022年", "2023年"),
    ],
)
def test_a_plan_drawn_from_last_period_covers_the_next(tid: str, period: str, title_has: str) -> None:
    # The samples name the plan's year in the field 年度; without it the plan follows the workbook.
    markup, _ = compose(tid, period=period, without=("年度",))
    title = next(line for line in markup.splitlines() if line.startswith("# "))
    assert title_has in title


@pytest.mark.parametrize("tid", ["zs-zhibu-zongjie", "zz-zhengzhi-zongjie", "jl-jijian-zongjie", "xc-xuanchuan-zongjie"])
def test_a_half_year_summary_reads_as_one(tid: str) -> None:
    markup, _ = compose(tid, period="2023年上半年")
    # Beyond the period's own name (in the title and dates), the text speaks of half a year.
    assert "半年" in markup.replace("2023年上半年", "")


@pytest.mark.parametrize(
    ("tid", "unit", "has"),
    [
        # A branch's own templates still speak as the branch.
        ("zs-zhibu-zongjie", "中共某某医院第一支部委员会", "支部委员会认真履行"),
        ("zs-ztdr-fangan", "某某村党支部", "经支部委员会研究"),
        # A committee is named as what it is.
        ("zs-zhibu-zongjie", PARTY_COMMITTEE, "党委认真履行"),
        # An office writes as itself, not as “支部委员会” (shi-jiguan's 市机关事务处 was one)
        ("zs-zhibu-zongjie", "市机关事务处", "市机关事务处认真履行管党治党责任，团结带领全体党员开展各项党建工作"),
        # a 团委 or a 工会 has no 管党治党责任 and leads no 党员 (yuanjiang's 镇团委, batch 4)
        ("zs-zhibu-zongjie", "某镇团委", "团委认真履行职责，团结带领全体团员青年开展各项工作"),
        ("zs-zhibu-zongjie", "某公司工会", "工会认真履行职责，团结带领全体职工开展各项工作"),
        ("xc-pinpai-fangan", AGENCY_UNIT, "机关工委书记任组长"),
        ("zz-mzshh-fangan", "中共某某区住房和城乡建设局党组", "党组书记是开好民主生活会的第一责任人"),
        # Sector wording appears where the sector is known.
        ("xc-pinpai-fangan", ENTERPRISE_UNIT, "与生产经营深度融合"),
        ("zf-diaoyan-baogao", AGENCY_UNIT, "政务应用程序"),
        ("qt-banshishi-zongjie", AGENCY_UNIT, "政务服务便民热线"),
    ],
)
def test_known_units_keep_their_own_wording(tid: str, unit: str, has: str) -> None:
    markup, _ = compose(tid, unit=unit)
    assert has in markup


@pytest.mark.parametrize(
    ("theme", "said"),
    [
        ("“五型”党支部创建", "以“五型”党支部创建为抓手，坚持把思想政治工作"),
        # a clause is the theme it is, in quotes (inner quotes become single ones)
        ("学习贯彻党的二十大精神，扎实推动“主题教育”走向深入", "围绕“学习贯彻党的二十大精神，扎实推动‘主题教育’走向深入”，坚持把"),
    ],
)
def test_the_workbooks_theme_frames_the_opening(theme: str, said: str) -> None:
    """The workbook's own 主题 (its framework or campaign) is not dropped: the experience article's
    opening works under it, and no warning says the field is unused."""
    from assistant.ledger.workbook import Workbook

    template = load_catalog().get("sx-sizheng-jingyan")
    sample = sample_workbook(template)
    wb = Workbook(unit=sample.unit, period=sample.period, fields={**sample.fields, "主题": theme}, achievements=sample.achievements)
    result = compose_markup(template, wb)
    assert said in result.markup
    assert not [d for d in result.diagnostics if d.rule == "unused-field"]


def test_a_theme_filled_in_says_nothing_of_which_template_fits() -> None:
    """主题, 日期, 落款 are slots of many templates: filling them is no reason to suggest one."""
    from assistant.compose.matching import suggest
    from assistant.ledger.workbook import Achievement, Workbook

    wb = Workbook(unit="某党支部", period="2024年", fields={"主题": "“四强”党支部"}, achievements=[Achievement("开展主题党日活动")])
    assert not [r for s in suggest(wb, load_catalog().all()) for r in s.reasons if "填写项：主题" in r]


def test_a_formulation_younger_than_the_period_is_reported() -> None:
    """A 2011 plan cannot be “以习近平新时代中国特色社会主义思想为指导” (党的十九大, 2017): the
    drafter is told to write the formulation of the time; a 2018 one is not reported."""
    from assistant.ledger.workbook import Achievement, Workbook

    template = load_catalog().get("zz-diyiyiti-fangan")
    rows = [Achievement("举办建党90周年系列活动"), Achievement("开展主题党日活动")]
    old = compose_markup(template, Workbook(unit="某党委", period="2011年", achievements=rows))
    assert "习近平新时代中国特色社会主义思想" in old.markup
    said = [d.message for d in old.diagnostics if d.rule == "anachronism"]
    assert said and "2011年" in said[0]
    new = compose_markup(template, Workbook(unit="某党委", period="2018年", achievements=rows))
    assert not [d for d in new.diagnostics if d.rule == "anachronism" and "习近平" in d.message]
