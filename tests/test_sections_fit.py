"""Headings over the rows they describe: a composed heading speaks of as many of its section's rows
as it can, and a row its heading says nothing of goes under the heading that names it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.compose.claims import group_text, named
from assistant.compose.pipeline import compose_markup
from assistant.compose.sections import regroup_by_headings
from assistant.ledger.files import load_workbook
from assistant.ledger.validate import workbook_from_dict
from assistant.templating.catalog import load_catalog

EVAL = Path(__file__).resolve().parents[1] / "benchmarks" / "compose_eval"


def rows(*titles: str, **extra: Any) -> list[Any]:
    return workbook_from_dict({"unit": "某党支部", "achievements": [{"title": t, **extra} for t in titles]}).achievements


STUDY = ("全体党员集中学习党的二十大报告", "开展专题学习研讨")
CARE = ("春节慰问困难职工", "帮扶生活困难群众")


def test_a_heading_of_manner_names_nothing() -> None:
    # 发挥优势 is two words of manner: it fits any section and describes none
    for a in rows(*STUDY, *CARE):
        assert named("发挥优势", [a]) == 0
    assert all(named("学习交流", [a]) for a in rows(*STUDY))
    assert all(named("关爱帮扶", [a]) for a in rows(*CARE))


def test_a_row_its_heading_does_not_describe_moves_to_the_one_that_does() -> None:
    study, care = rows(*STUDY, "走访慰问困难党员"), rows(*CARE)
    groups = regroup_by_headings(["学习交流", "关爱帮扶"], [study, care])
    assert [a.title for a in groups[0]] == list(STUDY)
    assert "走访慰问困难党员" in [a.title for a in groups[1]]


def test_a_row_the_drafter_placed_stays() -> None:
    placed = workbook_from_dict(
        {"unit": "某党支部", "achievements": [{"title": "走访慰问困难党员", "section": "1"}]}
    ).achievements
    study, care = [*rows(*STUDY), *placed], rows(*CARE)
    groups = regroup_by_headings(["学习交流", "关爱帮扶"], [study, care])
    assert placed[0] in groups[0]


def test_no_section_is_emptied_and_an_unnamed_row_stays() -> None:
    lone, care = rows("走访慰问困难党员"), rows(*CARE, "完成支部换届选举")
    groups = regroup_by_headings(["学习交流", "关爱帮扶"], [lone, care])
    # the lone row of section 1 stays there, though 关爱帮扶 would name it; 换届 is named by neither
    assert [a.title for a in groups[0]] == ["走访慰问困难党员"]
    assert "完成支部换届选举" in [a.title for a in groups[1]]


#: Real 台账 (benchmarks/compose_eval) and a template each: how many rows stood under a heading
#: that names something they say, before headings were weighed by the rows they speak of
#: (weinan 5 of 13, zqu 12 of 17, ankang 6 of 10, cass 12 of 15: 35 of 55).
REAL = [
    ("weinan-caizhengju-jiguan-dangwei-2024", "zf-ducha-tongzhi"),
    ("zqu-dangshi-xuexi-shigeyi-2021", "zf-banshishi-fangan"),
    ("ankang-zhongyiyuan-dangwei-sangewu-2025", "sx-sizheng-jingyan"),
    ("cass-wenxuesuo-lilun-zhibu-2022", "sx-yishixingtai-zongjie"),
]


def test_most_rows_of_real_ledgers_sit_under_a_heading_that_names_them() -> None:
    described = total = 0
    for case, template in REAL:
        workbook = load_workbook(EVAL / f"{case}.yaml")
        result = compose_markup(load_catalog().get(template), workbook)
        placed = 0
        for section in result.sections:
            group = [workbook.achievements[i] for i in section.indices]
            placed += len(group)
            described += sum(1 for a in group if named(section.heading, [a]))
            # every heading names something its section says
            assert named(section.heading, group, group_text(group)) > 0, (case, section.heading)
        assert placed == len(workbook.achievements), case
        total += placed
    assert described * 4 >= total * 3, f"{described}/{total}"


def test_a_small_section_no_heading_describes_joins_the_one_most_like_it(monkeypatch: Any) -> None:
    """yuanjiang (batch 4): 选出代表参加代表大会 stood alone under 上挂下派, a heading about sending
    cadres up and down that says nothing of it. A section that small, which no heading of the bank
    names while the others are named, joins the section its rows are most like."""
    from assistant.compose import sections

    study, care, odd = rows(*STUDY), rows(*CARE), rows("慰问帮扶结对困难群众")
    offered = {3: ["学习交流", "关爱帮扶", "上挂下派"], 2: ["学习交流", "关爱帮扶"]}
    monkeypatch.setattr(sections, "compose_headings", lambda plan, t, groups, seed: offered[len(groups)])
    groups, headings = sections._fold_unnamed(None, None, [study, care, odd], offered[3], 0)  # type: ignore[arg-type]
    assert headings == ["学习交流", "关爱帮扶"]
    assert [a.title for a in groups[0]] == list(STUDY)
    assert [a.title for a in groups[1]] == [*CARE, "慰问帮扶结对困难群众"]


def test_nothing_is_folded_where_no_heading_names_anything(monkeypatch: Any) -> None:
    # the bank has no words for this work at all: joining sections would only lose the grouping
    from assistant.compose import sections

    groups = [rows(*STUDY), rows(*CARE), rows("完成支部换届选举")]
    monkeypatch.setattr(sections, "compose_headings", lambda *a: ["上挂下派", "优化布局", "不推不拖"])
    out, headings = sections._fold_unnamed(None, None, groups, ["上挂下派", "优化布局", "不推不拖"], 0)  # type: ignore[arg-type]
    assert len(out) == 3 and headings == ["上挂下派", "优化布局", "不推不拖"]


def test_the_real_bank_heads_no_section_with_a_heading_that_names_nothing() -> None:
    """yuanjiang's 台账 rendered with the template that composes its headings: every section's
    heading names something its rows say."""
    from assistant.compose.claims import supported

    catalog = load_catalog()
    wb = load_workbook(EVAL / "yuanjiang-zhen-tuanwei-2023-zongjie.yaml")
    for tid in ("zs-zhibu-zongjie", "sx-sizheng-jingyan"):
        composed = compose_markup(catalog.get(tid), wb)
        for s in composed.sections:
            group = [wb.achievements[i] for i in s.indices]
            assert supported(s.head or s.heading, group), (tid, s.heading)


def test_the_same_characters_in_another_sense_support_no_heading() -> None:
    # 素质拓展 is outdoor training, not 拓展; a 窗口服务员 is a post, not 服务 of anyone
    from assistant.compose.claims import claims, supported

    assert supported("拓展合作", rows("组织团干部开展素质拓展活动")) == 0
    assert claims("服务党员", rows("党员当一日窗口服务员")) == ("服务",)
    assert claims("服务党员", rows("为老党员提供上门服务")) == ()
