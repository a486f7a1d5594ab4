"""Template suggestions, category inference and grouping achievements into sections."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.categories import CATEGORIES
from assistant.cli import main
from assistant.compose.matching import (
    Suggestion,
    group_achievements,
    keywords,
    section_index,
    suggest,
)
from assistant.errors import WenmiError
from assistant.ledger.categorize import infer_category
from assistant.ledger.files import load_workbook
from assistant.ledger.workbook import Achievement, Metric, Workbook
from assistant.paths import sample_workbook
from tests.fakes import FakeTemplate, install_fake_catalog

TEMPLATES = [
    FakeTemplate(
        "zz-dyyt-zj",
        "落实“第一议题”制度工作总结",
        "政治建设",
        "工作总结",
        ["第一议题", "政治理论"],
        "总结第一议题制度落实情况",
    ),
    FakeTemplate(
        "sx-sxzk-bg",
        "员工思想状况调研报告",
        "思想建设",
        "调研报告",
        ["思想状况", "调查", "培训"],
        "汇报员工思想动态调查",
    ),
    FakeTemplate(
        "zs-bzh-zj",
        "基层党组织标准化规范化建设总结",
        "组织建设",
        "工作总结",
        ["标准化", "规范化", "支部"],
        "总结支部建设",
    ),
    FakeTemplate(
        "zf-jyjl-4gao",
        "作风建设经验材料（“四高”式）",
        "作风建设",
        "经验材料",
        ["作风建设", "严真细实快", "四高", "整改"],
        "作风建设系列报道",
    ),
    FakeTemplate(
        "jl-jsjy-zj", "廉洁警示教育工作总结", "纪律建设", "工作总结", ["警示教育", "廉洁"], "总结警示教育"
    ),
    FakeTemplate(
        "xc-ppcj-bd",
        "党建品牌创建宣传报道",
        "宣传与品牌",
        "宣传报道",
        ["党建品牌", "子品牌", "系列报道"],
        "品牌创建报道",
    ),
    FakeTemplate(
        "qt-xczx-zj",
        "助力乡村振兴工作总结",
        "群团与服务",
        "工作总结",
        ["乡村振兴", "消费扶贫", "志愿服务"],
        "总结帮扶工作",
    ),
    FakeTemplate(
        "zf-zgfa", "作风问题整改方案", "作风建设", "整改方案", ["整改", "配档表"], "制定整改措施和工作配档表"
    ),
]

WORKBOOKS: dict[str, list[tuple[str, str]]] = {
    "政治建设": [
        ("落实“第一议题”制度", "集中学习"),
        ("开展政治理论学习", "学习"),
        ("严格执行请示报告制度", "报告"),
    ],
    "思想建设": [
        ("开展员工思想状况调查", "调查"),
        ("组织专题学习宣讲", "宣讲"),
        ("开展理想信念教育", "教育"),
    ],
    "组织建设": [("推进党支部标准化规范化建设", "支部"), ("发展党员", "党员"), ("开展主题党日", "党日")],
    "作风建设": [
        ("对照检查反馈问题抓整改", "整改"),
        ("形成工作配档表", "配档表"),
        ("成立一线专班督导督办", "督办"),
    ],
    "纪律建设": [
        ("开展廉洁警示教育", "警示教育"),
        ("组织党风廉政谈话", "谈话"),
        ("落实八项规定精神", "检查"),
    ],
    "宣传与品牌": [("创建党建主品牌", "子品牌"), ("推出系列报道", "报道"), ("在新媒体平台推介", "推介")],
    "群团与服务": [
        ("深化双联共建助力乡村振兴", "蔬菜"),
        ("开展志愿服务", "服务"),
        ("推进消费扶贫", "扶贫产品"),
    ],
}


def workbook_for(category: str, explicit: bool = True) -> Workbook:
    achievements = [
        Achievement(title, category if explicit else None, [Metric(label, n + 3, "次")])
        for n, (title, label) in enumerate(WORKBOOKS[category])
    ]
    achievements.append(
        Achievement("其他日常工作", CATEGORIES[(CATEGORIES.index(category) + 1) % 7], [Metric("", 1, "次")])
    )
    return Workbook(unit="党群工作部", period="2022年", achievements=achievements)


class TestSuggest:
    @pytest.mark.parametrize("category", CATEGORIES)
    def test_top_suggestion_matches_the_category(self, category: str) -> None:
        ranked = suggest(workbook_for(category), TEMPLATES)
        assert ranked[0].category == category
        assert f"台账中{category}事项占75%（3/4项）" in ranked[0].reasons
        assert ranked[0].score > ranked[-1].score

    @pytest.mark.parametrize("category", CATEGORIES)
    def test_inferred_categories_rank_the_same(self, category: str) -> None:
        wb = workbook_for(category, explicit=False)
        for a in wb.achievements[:3]:
            a.category = infer_category(a)
        assert suggest(wb, TEMPLATES)[0].category == category

    def test_reasons_are_chinese_and_specific(self) -> None:
        wb = Workbook(
            unit="x",
            achievements=[
                Achievement("对照问题抓整改", "作风建设", [Metric("配档表", 15, "份")], tags=["整改"]),
                Achievement("开展作风建设系列报道", "作风建设", [Metric("", 6, "期")], tags=["经验材料"]),
                Achievement("严真细实快", "作风建设", [Metric("", 600, "条", "余")]),
                Achievement("开展廉洁教育", "纪律建设", [Metric("", 2, "次")]),
                Achievement("开展调查", "思想建设", [Metric("", 2, "次")]),
            ],
        )
        top = suggest(wb, TEMPLATES)[0]
        assert top.id == "zf-jyjl-4gao"
        assert top.reasons[0] == "台账中作风建设事项占60%（3/5项）"
        assert any(r.startswith("关键词吻合：") and "严真细实快" in r for r in top.reasons)
        assert any(r.startswith("标签吻合：") and "经验材料" in r for r in top.reasons)
        assert any("适合写成经验材料" in r for r in top.reasons)

    def test_template_named_in_workbook_wins(self) -> None:
        wb = workbook_for("纪律建设")
        wb.template = "xc-ppcj-bd"
        top = suggest(wb, TEMPLATES)[0]
        assert top.id == "xc-ppcj-bd" and top.score == 1.0
        assert top.reasons[0] == "台账指定了此模板（template）"

    def test_empty_workbook_prefers_plans(self) -> None:
        top = suggest(Workbook(unit="x"), TEMPLATES)[0]
        assert top.doctype == "整改方案"
        assert "台账还没有成效事项，适合起草整改方案" in top.reasons

    def test_deterministic_and_ties_by_id(self) -> None:
        wb = Workbook(unit="x")
        twins = [FakeTemplate("b", "甲", "政治建设", "通知"), FakeTemplate("a", "甲", "政治建设", "通知")]
        assert [s.id for s in suggest(wb, twins)] == ["a", "b"]
        assert suggest(workbook_for("组织建设"), TEMPLATES) == suggest(
            workbook_for("组织建设"), list(TEMPLATES)
        )

    def test_limit_and_dict(self) -> None:
        ranked = suggest(workbook_for("组织建设"), TEMPLATES, limit=2)
        assert len(ranked) == 2
        d = ranked[0].to_dict()
        assert set(d) == {"id", "name", "category", "doctype", "score", "reasons"}
        assert isinstance(ranked[0], Suggestion) and 0 <= d["score"] <= 1

    def test_sample_workbook(self) -> None:
        ranked = suggest(load_workbook(sample_workbook()), TEMPLATES)
        assert ranked[0].doctype in {"经验材料", "工作总结", "宣传报道"}
        assert all(s.reasons for s in ranked)


class TestSuggestCli:
    @pytest.fixture(autouse=True)
    def fake_catalog(self, monkeypatch: pytest.MonkeyPatch) -> None:
        install_fake_catalog(monkeypatch, TEMPLATES)

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["suggest", str(sample_workbook()), "--format", "json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert isinstance(data, list) and len(data) == len(TEMPLATES)
        assert set(data[0]) == {"id", "name", "category", "doctype", "score", "reasons"}
        # the first three show three document types; after them, best score first
        assert len({d["doctype"] for d in data[:3]}) == 3
        assert data[3:] == sorted(data[3:], key=lambda d: (-d["score"], d["id"]))

    def test_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["suggest", str(sample_workbook()), "-n", "3"]) == 0
        out = capsys.readouterr().out
        assert out.startswith("为“党群工作部（党委统战部）”2022年台账（14项成效）推荐的模板：")
        assert " 1. " in out and " 3. " in out and " 4. " not in out
        assert "· 台账中" in out

    def test_bad_workbook(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        path = tmp_path / "a.yaml"
        path.write_text("period: 2022年\n", encoding="utf-8")
        assert main(["suggest", str(path)]) == 1
        assert "缺少必填项“unit”" in capsys.readouterr().err


class TestInferCategory:
    @pytest.mark.parametrize(
        ("title", "tags", "expected"),
        [
            ("落实“第一议题”制度", [], "政治建设"),
            ("开展员工思想状况调查", [], "思想建设"),
            ("完成党员发展对象考试", [], "组织建设"),
            ("形成工作配档表", [], "作风建设"),
            ("开展廉洁警示教育", [], "纪律建设"),
            ("推出系列报道", [], "宣传与品牌"),
            ("协助销售滞销蔬菜", [], "群团与服务"),
            ("其他事项", ["纪律"], "纪律建设"),
            ("其他事项", ["宣传与品牌"], "宣传与品牌"),
            ("其他事项", [], None),
        ],
    )
    def test_cases(self, title: str, tags: list[str], expected: str | None) -> None:
        assert infer_category(Achievement(title, tags=tags)) == expected


def _achs(spec: str) -> list[Achievement]:
    """ "AABC" -> achievements t0..t3 with categories by letter (A=政治建设, B=思想建设…)."""
    return [Achievement(f"t{i}", CATEGORIES["ABCDEFG".index(ch)]) for i, ch in enumerate(spec)]


def _titles(groups: list[list[Achievement]]) -> list[list[str]]:
    return [[a.title for a in g] for g in groups]


class TestGroup:
    def test_by_category(self) -> None:
        groups = group_achievements(_achs("AABBCCDD"), 4, "category")
        assert _titles(groups) == [["t0", "t1"], ["t2", "t3"], ["t4", "t5"], ["t6", "t7"]]

    def test_merges_small_categories(self) -> None:
        groups = group_achievements(_achs("AAABBBCDEFG"), 4, "category")
        assert len(groups) == 4
        assert ["t0", "t1", "t2"] in _titles(groups) and ["t3", "t4", "t5"] in _titles(groups)
        # the five loners spread over two sections instead of piling onto one
        assert sorted(len(g) for g in groups) == [2, 3, 3, 3]

    def test_alike_achievements_stay_together(self) -> None:
        """Work of one kind is one section, however many sections the plan offers."""
        groups = group_achievements(_achs("A" * 14), 4, "category")
        assert [len(g) for g in groups] == [14]

    def test_unrelated_work_is_not_dealt_into_a_big_section(self) -> None:
        groups = group_achievements(_achs("AAAAAAAAAABCD"), 4, "category")
        assert _titles(groups)[0] == [f"t{i}" for i in range(10)]
        assert sorted(len(g) for g in groups) == [1, 1, 1, 10]

    def test_fewer_achievements_than_sections(self) -> None:
        assert len(group_achievements(_achs("AB"), 4, "category")) == 2
        assert group_achievements([], 4, "category") == []
        assert group_achievements(_achs("AB"), 0, "category") == []

    def test_by_order(self) -> None:
        groups = group_achievements(_achs("ABCDEFGAB"), 4, "order")
        assert _titles(groups) == [["t0", "t1", "t2"], ["t3", "t4"], ["t5", "t6"], ["t7", "t8"]]

    def test_by_tag(self) -> None:
        achs = [
            Achievement(f"t{i}", tags=[tag])
            for i, tag in enumerate(["整改", "宣传", "整改", "培训", "宣传", "培训"])
        ]
        groups = group_achievements(achs, 3, "tag")
        assert _titles(groups) == [["t0", "t2"], ["t1", "t4"], ["t3", "t5"]]

    def test_section_index_override(self) -> None:
        achs = _achs("AAAABBBB")
        achs[0].section = "4"
        achs[7].section = "1"
        groups = group_achievements(achs, 4, "category")
        assert len(groups) == 4
        assert "t7" in _titles(groups)[0]
        assert "t0" in _titles(groups)[3]

    def test_section_text_override_with_hints(self) -> None:
        achs = _achs("AAAABBBB")
        achs[1].section = "压实责任"
        hints = [
            "提高站位　高标准制定工作措施",
            "倒排工期　高质量抓好整改提升",
            "压实责任　高规格加强组织领导",
        ]
        groups = group_achievements(achs, 3, "category", hints=hints)
        assert _titles(groups)[2][0] == "t1"
        assert all("t1" not in g for g in _titles(groups)[:2])

    def test_section_text_without_hints_keeps_them_together(self) -> None:
        achs = _achs("AABBCCDD")
        achs[0].section = "品牌"
        achs[5].section = "品牌"
        groups = group_achievements(achs, 4, "category")
        assert any(set(g) >= {"t0", "t5"} for g in _titles(groups))

    def test_section_index_helper(self) -> None:
        assert section_index("2", 4) == 1
        assert section_index("第二部分", 4) == 1
        assert section_index("三", 4) == 2
        assert section_index("9", 4) == 3
        assert section_index("提高站位", 4, ["提高站位　高标准"]) == 0
        assert section_index("别的", 4, ["提高站位"]) is None
        assert section_index(None, 4) is None

    def test_unknown_group_by(self) -> None:
        with pytest.raises(WenmiError) as info:
            group_achievements(_achs("AB"), 2, "color")
        assert "未知的分组方式“color”" in str(info.value)

    def test_sample(self) -> None:
        wb = load_workbook(sample_workbook())
        groups = group_achievements(wb.achievements, 4, "category")
        assert len(groups) == 4
        assert sum(len(g) for g in groups) == len(wb.achievements)


@settings(max_examples=300, deadline=None)
@given(
    spec=st.text(alphabet="ABCDEFG", min_size=0, max_size=40),
    count=st.integers(min_value=1, max_value=8),
    group_by=st.sampled_from(["category", "tag", "order"]),
    pins=st.lists(
        st.tuples(st.integers(0, 39), st.sampled_from(["1", "2", "3", "9", "品牌", "第二部分"])), max_size=5
    ),
)
def test_grouping_invariants(spec: str, count: int, group_by: str, pins: list[tuple[int, str]]) -> None:
    achs = _achs(spec)
    for i, a in enumerate(achs):
        a.tags = [spec[i]] if i % 3 else []
    for idx, section in pins:
        if idx < len(achs):
            achs[idx].section = section
    groups = group_achievements(achs, count, group_by)
    # every achievement exactly once, no empty section, at most `count`
    flat = [a.title for g in groups for a in g]
    assert Counter(flat) == Counter(a.title for a in achs)
    assert all(groups) and len(groups) <= count
    if achs and not pins and group_by != "category":
        assert len(groups) == min(count, len(achs))
    if achs and not pins and group_by == "category" and len(set(spec)) <= count:
        # by meaning: alike work together, so a category never spans two sections when the plan
        # has room for every category
        for g in groups:
            assert len({a.category for a in g}) == 1
    # workbook order inside every section
    for g in groups:
        positions = [int(a.title[1:]) for a in g]
        assert positions == sorted(positions)
    # deterministic
    assert _titles(group_achievements(achs, count, group_by)) == _titles(groups)


def test_keywords() -> None:
    wb = load_workbook(sample_workbook())
    words = keywords(wb.achievements[:3], limit=5)
    assert len(words) == 5 and all(len(w) >= 2 for w in words)
    assert "工作" not in words


def test_a_template_about_work_the_workbook_never_mentions_ranks_lower() -> None:
    """A 志愿服务 report for a workbook without any 志愿 work is named as such and drops."""
    templates = [
        FakeTemplate("qt-zyfw-bd", "志愿服务宣传报道", "群团与服务", "宣传报道", ["志愿服务"], "志愿服务报道"),
        FakeTemplate("qt-ghgz-bd", "工会劳动竞赛宣传报道", "群团与服务", "宣传报道", ["劳动竞赛"], "劳动竞赛报道"),
        FakeTemplate("xc-a-bd", "党建品牌宣传报道", "宣传与品牌", "宣传报道", ["品牌"], "品牌报道"),
        FakeTemplate("xc-b-bd", "典型选树宣传报道", "宣传与品牌", "宣传报道", ["典型"], "典型报道"),
    ]
    wb = Workbook(
        unit="某县总工会",
        achievements=[
            Achievement("举办职工劳动竞赛", "群团与服务", [Metric("劳动竞赛", 6, "场")]),
            Achievement("慰问一线职工", "群团与服务", [Metric("一线职工", 120, "名")]),
        ],
    )
    ranked = suggest(wb, templates)
    assert ranked[0].id == "qt-ghgz-bd"
    off = next(s for s in ranked if s.id == "qt-zyfw-bd")
    assert any("没有提到模板的主题“志愿" in r for r in off.reasons)
