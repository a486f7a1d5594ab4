"""Composed headings say only what their sections say (issue “Composition I”, heading composer).

A heading such as “线上学习　用好学习强国平台” states that the unit studied on the 学习强国
platform; over sessions that never used it, it is a claim nobody made. `assistant.compose.claims`
finds such words, and the composer never picks a heading that has them while one without fits.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from assistant.compose import compose_markup
from assistant.compose.claims import claims, group_text, supported
from assistant.ledger.workbook import Achievement, Metric, Workbook
from assistant.templating import load_catalog

STUDY = [
    Achievement("组织“青年大学习”网络主题团课", "思想建设", [Metric("团课", 12, "期")]),
    Achievement("与兄弟单位同志交流学习二十大报告心得", "思想建设", []),
    Achievement("全体党员听党委书记讲党课并集体学习讨论", "思想建设", [Metric("党课", 4, "次")]),
]
CARE = [
    Achievement("逐一联系退休同志并表示慰问", "群团与服务", [Metric("退休同志", 23, "名")]),
    Achievement("春节走访慰问困难职工", "群团与服务", [Metric("困难职工", 15, "户")]),
]
PAIRING = [
    Achievement("与福利厂、河心村党支部结对共建", "组织建设", [Metric("共建对子", 2, "个")]),
    Achievement("与共建支部开展联谊活动", "组织建设", []),
]


@pytest.mark.parametrize(
    ("heading", "group", "named"),
    [
        # practices and platforms the sessions never used
        ("线上学习　用好学习强国平台", STUDY, {"强国", "平台"}),
        ("坚持第一议题，及时跟进学习", STUDY, {"第一", "议题"}),
        ("专家导学，提升学习深度", STUDY, {"专家"}),
        # people nobody mentioned: 独居老人 are not retired colleagues
        ("关爱独居老人，提供上门服务", CARE, {"独居", "老人"}),
        # a pairing is not one-to-one help with hardships
        ("结对帮扶　一对一解决实际困难", PAIRING, {"帮扶"}),
    ],
)
def test_a_heading_naming_what_the_section_never_says_is_a_claim(heading: str, group: list, named: set) -> None:
    found = set(claims(heading, group))
    assert named <= found, (heading, found)


@pytest.mark.parametrize(
    ("heading", "group"),
    [
        # the general word of what the section is about, said in other words (党课, 团课: 学习)
        ("大兴学习之风，增强履职本领", STUDY),
        ("研讨交流　分享学习心得体会", STUDY[1:2] + [Achievement("开展专题研讨并分享心得", "思想建设", [])]),
        # 慰问 is serving people and caring for them
        ("心系群众　在服务群众上作表率", CARE + [Achievement("为困难群众办实事", None, [])]),
        # 共建 said literally
        ("深化区域联建，实现共建共享", PAIRING + [Achievement("与社区党组织开展区域联建", None, [])]),
    ],
)
def test_a_heading_over_what_the_section_says_claims_nothing(heading: str, group: list) -> None:
    assert claims(heading, group) == ()
    assert supported(heading, group) > 0


def test_a_heading_that_fits_any_section_is_vacuous_not_a_claim() -> None:
    heading = "创新方法　多举措激发工作活力"
    assert claims(heading, CARE) == () and supported(heading, CARE) == 0
    # the same words said by the section make it a heading of that section
    assert supported("精心组织　高标准推进任务落实", [Achievement("组织党员推进重点任务落实", None, [])]) > 0


def test_group_text_reads_titles_details_tags_and_labels() -> None:
    a = Achievement("开展活动", None, [Metric("参与青年", 30, "人")], detail="联合社区开展", tags=["志愿服务"])
    text = group_text([a])
    assert all(part in text for part in ("开展活动", "参与青年", "联合社区", "志愿服务"))


def _workbook(rows: list[Achievement]) -> Workbook:
    return Workbook(unit="中共某某研究所某某党支部委员会", period="2023年", achievements=rows)


def _composed(template_id: str, rows: list[Achievement], seed: int = 0) -> list[Any]:
    template = load_catalog().get(template_id)
    return list(compose_markup(template, _workbook(rows), seed=seed).sections)


@pytest.mark.parametrize("template_id", ["sx-yishixingtai-zongjie", "zs-zhibu-zongjie", "xc-xilie-baodao"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_composed_headings_claim_nothing_their_sections_do_not_say(template_id: str, seed: int) -> None:
    rows = STUDY + CARE + PAIRING
    sections = _composed(template_id, rows, seed)
    assert len(sections) >= 2
    for section in sections:
        group = [rows[i] for i in section.indices]
        assert claims(section.heading, group) == (), (template_id, seed, section.heading, [a.title for a in group])


def test_a_named_family_that_claims_gives_way_to_headings_from_the_content() -> None:
    # the 意识形态 template's own family (守土尽责　扛牢意识形态责任 …) says nothing of study and
    # care; its headings are replaced, not kept over work they do not describe
    sections = _composed("sx-yishixingtai-zongjie", STUDY + CARE)
    assert not any("意识形态" in s.heading or "守土" in s.heading for s in sections)


def test_seeds_still_give_different_sets() -> None:
    rows = STUDY + CARE + PAIRING
    sets = {tuple(s.heading for s in _composed("zs-zhibu-zongjie", rows, seed)) for seed in range(3)}
    assert len(sets) >= 2


AWARDS = [
    Achievement("召开支部大会民主推荐优秀党员", "组织建设", [Metric("优秀党员", 3, "名")]),
    Achievement("公示并通报表彰优秀党员", "组织建设", []),
]
MONTHLY_STUDY = [
    Achievement("每月举行集中学习会", "思想建设", [Metric("集中学习", 12, "次")]),
    Achievement("党员轮流担任学习辅导人", "思想建设", [Metric("学习辅导人", 16, "名")]),
]


def test_a_pair_template_takes_plain_headings_when_no_pair_describes_its_sections() -> None:
    # 打造党建品牌，彰显特色亮点 over 评优 and 深化结对帮扶 over a pairing say more than the rows;
    # 学习交流 / 评优评先 / 共驻共建 name the work itself
    rows = MONTHLY_STUDY + AWARDS + PAIRING
    template = load_catalog().get("zs-shyk-baogao")
    assert template.sections is not None and template.sections.pattern == "pair"
    sections = _composed("zs-shyk-baogao", rows)
    for section in sections:
        group = [rows[i] for i in section.indices]
        assert claims(section.heading, group) == () and supported(section.heading, group) > 0, section.heading
    assert any("，" not in s.heading and "\u3000" not in s.heading for s in sections)


def test_a_template_quoting_its_pairs_keeps_pairs() -> None:
    from assistant.compose.sections import template_uses_tails

    catalog = load_catalog()
    four_high = catalog.get("zf-jyjl-4gao")
    assert template_uses_tails(four_high)  # “坚持‘高标准、高质量…’工作原则” comes from the tails
    assert not template_uses_tails(catalog.get("zs-shyk-baogao"))  # `.heading` is not a half
    rows = MONTHLY_STUDY + AWARDS + PAIRING
    sections = _composed("zf-jyjl-4gao", rows)
    assert sections and all("\u3000" in s.heading for s in sections)


def _warnings(template_id: str, rows: list[Achievement], fields: dict[str, Any] | None = None) -> list[str]:
    template = load_catalog().get(template_id)
    result = compose_markup(template, dataclasses.replace(_workbook(rows), fields=fields or {}))
    return [d.message for d in result.diagnostics if d.rule == "section-heading-unfit"]


def test_a_template_heading_over_unrelated_rows_is_reported() -> None:
    # the brand article's own headings (找准定位，让品牌立起来…) over study sessions, an awards
    # list and a pairing: the rows must go somewhere, the drafter is told to retitle (the brand's
    # name, filled in, keeps the article on its theme: else it composes its headings)
    rows = STUDY + AWARDS + PAIRING
    found = _warnings("xc-pinpai-jingyan", rows, {"主品牌": "红帆领航"})
    assert found and all("与其下的成效事项不相干" in m and "改写" in m for m in found)


VOLUNTEERS = Achievement("组建党员志愿服务队", "群团与服务", [Metric("志愿者", 30, "名")])


def test_a_theme_template_composes_its_headings_for_work_of_another_kind() -> None:
    """The volunteering report for rows that never mention volunteering: no 组建志愿队伍 over study
    sessions; headings composed for the rows, and no framing about 志愿服务."""
    template = load_catalog().get("qt-zhiyuan-baodao")
    fixed = set(template.sections.headings)
    result = compose_markup(template, _workbook(STUDY + AWARDS + PAIRING))
    assert result.sections and not fixed & {s.heading for s in result.sections}
    assert "志愿" not in result.markup
    assert any(d.rule == "template-theme-absent" and "小标题" in d.message for d in result.diagnostics)
    # one row in seven about volunteering makes it a report on volunteering
    themed = compose_markup(template, _workbook(STUDY + AWARDS + PAIRING + [VOLUNTEERS, VOLUNTEERS]))
    assert {s.heading for s in themed.sections} <= fixed


def test_a_template_heading_whose_head_names_what_the_rows_never_say_is_reported() -> None:
    """linyi: “助力乡村振兴，带动群众增收” over a tax branch's duty in a community service hall;
    its tail's 群众 is said, its head's 乡村振兴 never."""
    rows = [
        Achievement("组织党员到社区开展主题党日服务", "群团与服务", [Metric("主题党日", 12, "次")]),
        Achievement("在社区服务大厅搭建“红色驿站”", "群团与服务"),
        Achievement("指导社区党建并收集答复群众诉求", "群团与服务", [Metric("群众诉求", 36, "件")]),
        Achievement("组织年轻党员开展“宣讲进社区”活动", "思想建设", [Metric("宣讲", 1, "场")]),
        Achievement("每次双报到或志愿服务加积分", "组织建设"),
    ]
    found = _warnings("qt-zhiyuan-baodao", rows)
    assert any("助力乡村振兴" in m for m in found), found
    # the part about 宣讲 names what its row says: not reported
    assert not any("开展理论宣讲" in m for m in found), found


def test_a_template_heading_over_its_own_kind_of_work_is_not_reported() -> None:
    rows = [
        Achievement("组建青年志愿服务队", "群团与服务", [Metric("志愿者", 120, "名")]),
        Achievement("开展志愿服务活动", "群团与服务", [Metric("志愿服务", 36, "次")]),
        Achievement("走访慰问困难群众和留守儿童", "群团与服务", [Metric("困难群众", 58, "户")]),
        Achievement("开展便民服务进社区活动", "群团与服务", [Metric("便民服务", 12, "场")]),
    ]
    assert _warnings("qt-zhiyuan-baodao", rows) == []
    # the 四高 article's headings are its method, quoted in its text: never reported
    assert _warnings("zf-jyjl-4gao", STUDY + AWARDS + PAIRING) == []


def test_a_trigger_across_the_middle_of_a_four_character_heading_names_nothing() -> None:
    """争先进位 is 争先 + 进位: the 先进 across its middle is no 先进典型."""
    from assistant.compose.lexicon import heading_concepts

    assert heading_concepts("争先进位") == frozenset()
    assert heading_concepts("完善设施") == frozenset({"基础设施"})
    assert "评优表彰" in heading_concepts("宣传先进")
    assert "评优表彰" in heading_concepts("选树典型，发挥先进示范作用")
    assert "品牌示范" in heading_concepts("打造品牌") and "评优表彰" not in heading_concepts("打造品牌")


VILLAGE = [
    Achievement("编制美丽乡村建设规划", "组织建设", tags=["美丽乡村"]),
    Achievement("新建联建公厕", "群团与服务", tags=["示范点", "人居环境"]),
    Achievement("硬化湾间道路", "群团与服务", tags=["示范点", "基础设施"]),
    Achievement("修通污水管网", "群团与服务", detail="解决污水乱排乱放", tags=["示范点", "基础设施"]),
    Achievement("修建四组下水道", "群团与服务", tags=["示范点", "基础设施"]),
    Achievement("发展优质稻种植", tags=["产业"]),
    Achievement("村民成立种植专业合作社流转土地", tags=["合作社"]),
    Achievement("发展鱼类养殖", tags=["产业"]),
]


def test_roads_and_toilets_get_a_heading_about_facilities_not_about_excelling() -> None:
    """A village's roads, toilets and sewers (at a 美丽乡村 示范点) are facilities: neither
    争先进位 (whose 先进 is no award) nor 打造品牌 (a 示范点 here is a place, not a brand)."""
    sections = _composed("qt-banshishi-zongjie", VILLAGE)
    by_row = {i: s.heading for s in sections for i in s.indices}
    assert by_row[2] == by_row[3] == by_row[4]
    assert by_row[2] in {"完善设施", "改善环境", "整治环境"}, by_row[2]
    assert all("品牌" not in s.heading and s.heading != "争先进位" for s in sections)


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("厚植文化", "村“两委”主干文化程度偏低"),  # an education level, not culture
        ("选好书记", "召开会议确定年度书记项目"),  # the secretary's project, not choosing one
    ],
)
def test_the_same_characters_in_another_sense_support_nothing(heading: str, title: str) -> None:
    group = [Achievement(title, "组织建设", [])]
    assert claims(heading, group), f"{heading} over “{title}”"


def test_the_word_in_its_own_sense_still_supports() -> None:
    group = [Achievement("举办职工文化活动并开展文化下乡", "群团与服务", [])]
    assert not claims("厚植文化", group)


def test_a_verb_object_heading_whose_verb_the_section_never_uses_costs_more() -> None:
    from assistant.compose.claims import verb_unsaid

    fair = group_text([Achievement("组织返乡农民工参加现场招聘会", "群团与服务", [])])
    assert verb_unsaid("直插现场", fair)  # nobody 直插 anything at a job fair
    assert not verb_unsaid("促进就业", fair)  # 促进: a verb of effect, said of anything
    camp = group_text([Achievement("建设网格党群服务站", "组织建设", [])])
    assert not verb_unsaid("建好阵地", camp)  # 建好 is said by 建设
    assert not verb_unsaid("学习交流", camp)  # not a verb-object heading
    branches = group_text([Achievement("新建非公企业及社会组织团支部", "组织建设", [])])
    assert verb_unsaid("深入企业", branches)  # 深入 as a verb says the unit went there


def test_a_job_fair_is_headed_by_employment_not_by_going_to_the_scene() -> None:
    rows = [
        Achievement("元旦春节摸底审核申报困难职工", "群团与服务", [Metric("困难职工", 40, "户")]),
        Achievement("帮助困难职工解困脱困", "群团与服务", [Metric("困难职工", 3, "户")]),
        Achievement(
            "组织返乡农民工参加现场招聘会",
            "群团与服务",
            [Metric("返乡农民工", 15, "名")],
            detail="开展“工会送岗位、乐业在江淮”就业援助行动",
            tags=["就业援助"],
        ),
    ]
    headings = [s.heading for s in _composed("qt-banshishi-zongjie", rows)]
    assert "直插现场" not in headings, headings



def test_a_named_family_that_claims_gives_way_to_plain_headings_when_no_pair_fits() -> None:
    """shi-jiguan (third held-out batch): “突出问题导向，狠抓整改落实” over study sessions; the
    坚持导向 family stayed because no pair of the content's own fitted. Plain headings now do."""
    from pathlib import Path

    from assistant.ledger.files import load_workbook

    eval_dir = Path(__file__).resolve().parents[1] / "benchmarks" / "compose_eval"
    wb = load_workbook(eval_dir / "shi-jiguan-shiwuchu-2024-shangbannian.yaml")
    sections = compose_markup(load_catalog().get("zs-zhibu-zongjie"), wb).sections
    assert sections
    for section in sections:
        group = [wb.achievements[i] for i in section.indices]
        assert claims(section.heading, group) == (), section.heading


def test_culture_and_sport_are_different_work() -> None:
    """Batch 4: 增强体质 over an essay contest and a Party-history quiz (xueyuan), 厚植文化 over a
    sports meet (yunzhou)."""
    from assistant.compose.claims import named

    essays = [Achievement("开展“党的建设之我见”理论征文", "思想建设"), Achievement("举办党史知识竞赛", "思想建设")]
    games = [Achievement("举行第六届趣味运动赛", "群团与服务"), Achievement("举行第六届乒乓赛", "群团与服务")]
    assert claims("增强体质", essays) and not claims("增强体质", games)
    assert claims("厚植文化", games) and not claims("厚植文化", essays)
    assert named("增强体质", games) and named("厚植文化", essays)


def test_a_work_handbook_is_no_publicity() -> None:
    """hancheng (batch 4): 加强宣传 headed 组织编制《晨钟村党委工作手册》: 手册 alone named 宣传报道."""
    rows = [Achievement("组织编制《村党委工作手册》", "组织建设"), Achievement("坚持“晨钟机制”", "组织建设")]
    assert claims("加强宣传", rows)
    assert not claims("加强宣传", [Achievement("向居民发放环保宣传手册", "群团与服务")])
