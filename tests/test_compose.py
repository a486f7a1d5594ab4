"""Composition: slot values, grouping into sections, headings, and the rendered markup."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from assistant.compose import (
    coerce_slot_value,
    compose_markup,
    group_achievements,
    sample_workbook,
    split_heading,
)
from assistant.errors import WenmiError
from assistant.templating import Slot, clear_catalog_cache, load_template_file
from tests.fakes import install_fake_bank

pytest.importorskip("assistant.ledger.workbook")
from assistant.ledger.validate import workbook_from_dict
from assistant.ledger.workbook import Achievement, Metric

FIXTURES = Path(__file__).parent / "fixtures" / "templates"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WENMI_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("WENMI_PATH", raising=False)
    clear_catalog_cache()


class FakeBank:
    """Records what compose asked for; returns numbered headings."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def compose(
        self,
        count: int,
        theme: str | None = None,
        pattern: str = "phrase",
        seed: int = 0,
        hints: Sequence[str] = (),
    ) -> list[str]:
        self.calls.append(
            {"count": count, "theme": theme, "pattern": pattern, "seed": seed, "hints": list(hints)}
        )
        heads = ["提高站位", "压实责任", "倒排工期", "贯通结合", "强化担当"][:count]
        if pattern == "pair":
            return [f"{h}\u3000高标准推进第{i + 1}项工作" for i, h in enumerate(heads)]
        return heads


@pytest.fixture
def bank(monkeypatch: pytest.MonkeyPatch) -> FakeBank:
    return install_fake_bank(monkeypatch, FakeBank())  # type: ignore[no-any-return]


def needs_figures() -> None:
    pytest.importorskip("assistant.ledger.figures")


def fixture(template_id: str) -> Any:
    return load_template_file(next(FIXTURES.rglob(f"{template_id}.yaml")), "test")


def achievement(title: str, category: str | None = None, *, tags: Sequence[str] = (), section: str | None = None,
                metrics: Sequence[Metric] = ()) -> Achievement:  # fmt: skip
    return Achievement(
        title=title, category=category, metrics=list(metrics), tags=list(tags), section=section
    )


# --- slot values ----------------------------------------------------------------------------------


class TestSlotValues:
    """defaults < workbook fields < --set, each checked against its slot type."""

    def test_override_order(self) -> None:
        needs_figures()
        t = fixture("zf-test-4gao")
        wb = workbook_from_dict({"unit": "党群工作部", "fields": {"主题": "作风建设", "落款": "党群工作部"}})
        result = compose_markup(t, wb)
        assert result.values["主题"] == "作风建设" and result.values["落款"] == "党群工作部"
        assert result.values["日期"] == ""  # the default
        result = compose_markup(t, wb, {"落款": "办公室", "日期": "2023-01-11"})
        assert result.values["落款"] == "办公室" and result.values["日期"] == "2023年1月11日"
        assert "落款：办公室" in result.markup and "日期：2023年1月11日" in result.markup

    def test_labels_work_as_keys(self) -> None:
        needs_figures()
        wb = workbook_from_dict(
            {"unit": "党群工作部", "fields": {"主题": "作风建设", "落款单位": "综合办公室"}}
        )
        assert compose_markup(fixture("zf-test-4gao"), wb).values["落款"] == "综合办公室"

    def test_unit_and_period_can_be_set(self) -> None:
        needs_figures()
        wb = workbook_from_dict({"unit": "党群工作部", "fields": {"主题": "作风建设"}})
        result = compose_markup(fixture("zf-test-4gao"), wb, {"unit": "工会", "period": "2023年"})
        assert result.markup.startswith("# 工会扎实推进作风建设")

    def test_required_slot_missing_says_how_to_fill_it(self) -> None:
        t = fixture("zz-test-tongzhi")
        wb = workbook_from_dict({"unit": "中心党委", "fields": {"主题": "党章"}})
        with pytest.raises(WenmiError) as info:
            compose_markup(t, wb)
        err = info.value
        assert "成文日期" in err.message and err.location.field == "日期"
        assert "--set 日期=" in (err.hint or "") and "fields" in (err.hint or "")

    def test_unknown_override_suggests_a_slot(self) -> None:
        wb = workbook_from_dict({"unit": "中心党委"})
        with pytest.raises(WenmiError) as info:
            compose_markup(fixture("zz-test-tongzhi"), wb, {"主提": "党章", "日期": "2023-01-01"})
        assert "主提" in info.value.message and "主题" in (info.value.hint or "")

    def test_unknown_field_is_a_warning(self) -> None:
        wb = workbook_from_dict(
            {"unit": "中心党委", "fields": {"主题": "党章", "日期": "2023-02-20", "别的": "x"}}
        )
        result = compose_markup(fixture("zz-test-tongzhi"), wb)
        assert [d.rule for d in result.diagnostics] == ["unused-field"]
        # said as the drafter knows it: no field path, no 槽位, what to do
        assert str(result.diagnostics[0]) == (
            "字段“填写项·别的”：模板“zz-test-tongzhi”用不到填写项“别的”，不会写进文档"
            "（换用需要它的模板，或从台账中删去这一项）"
        )

    @pytest.mark.parametrize(
        ("stype", "value", "expected"),
        [
            ("date", "2023-01-11", "2023年1月11日"),
            ("date", "2022-03", "2022年3月"),
            ("date", "2023年1月11日", "2023年1月11日"),
            ("date", "", ""),
            ("number", "1,200", 1200),
            ("number", "12.5", 12.5),
            ("number", 35, 35),
            ("list", "党员、入党积极分子，团员", ["党员", "入党积极分子", "团员"]),
            ("list", ["甲"], ["甲"]),
            ("table", "3月1日|集中学习;3月8日|交流研讨", [["3月1日", "集中学习"], ["3月8日", "交流研讨"]]),
            ("table", [[1, "甲"], {"a": "乙", "b": 2}], [["1", "甲"], ["乙", "2"]]),
            ("text", 8, "8"),
            ("text", None, ""),
        ],
    )
    def test_coercion(self, stype: str, value: Any, expected: Any) -> None:
        assert coerce_slot_value(Slot(name="值", label="值", type=stype), value) == expected

    @pytest.mark.parametrize(
        ("stype", "value"), [("date", "下周一"), ("date", "2023-13-01"), ("number", "很多")]
    )
    def test_bad_values_name_the_slot(self, stype: str, value: str) -> None:
        with pytest.raises(WenmiError) as info:
            coerce_slot_value(Slot(name="日期", label="成文日期", type=stype), value, "--set")
        assert "成文日期" in info.value.message and info.value.location.field == "日期"
        assert "--set" in (info.value.hint or "")


# --- grouping ----------------------------------------------------------------------------------------


def titles(groups: list[list[Achievement]]) -> list[list[str]]:
    return [[a.title for a in g] for g in groups]


class TestGrouping:
    """Composed headings: non-empty groups; fixed headings: one group per heading, in place."""

    def test_by_category(self) -> None:
        items = [achievement("甲", "作风建设"), achievement("乙", "组织建设"), achievement("丙", "作风建设")]
        # alike work together; sections in the order of the categories (组织 before 作风)
        assert titles(group_achievements(items, 2, "category")) == [["乙"], ["甲", "丙"]]

    def test_fewer_achievements_than_sections(self) -> None:
        items = [achievement("甲", "作风建设"), achievement("乙", "作风建设")]
        assert titles(group_achievements(items, 4, "order")) == [["甲"], ["乙"]]

    def test_fixed_headings_get_one_group_each(self) -> None:
        items = [achievement("甲", "作风建设"), achievement("乙", "作风建设")]
        groups = group_achievements(items, 3, "order", ["指导思想", "主要任务", "保障措施"])
        assert titles(groups) == [["甲"], ["乙"], []]

    def test_section_named_by_heading_lands_under_it(self) -> None:
        items = [
            achievement("甲", "作风建设", section="主要任务"),
            achievement("乙", "作风建设", section="主要任务"),
        ]
        groups = group_achievements(items, 3, "order", ["指导思想", "主要任务", "保障措施"])
        assert titles(groups) == [[], ["甲", "乙"], []]

    def test_section_number_lands_in_place(self) -> None:
        items = [achievement("甲", "作风建设"), achievement("乙", "作风建设", section="3")]
        groups = group_achievements(items, 3, "order", ["指导思想", "主要任务", "保障措施"])
        assert titles(groups) == [["甲"], [], ["乙"]]


# --- sections and headings ----------------------------------------------------------------------------


class TestSections:
    def test_headings_come_from_the_phrase_bank(self, bank: FakeBank) -> None:
        needs_figures()
        t = fixture("xc-test-baodao")
        result = compose_markup(t, sample_workbook(t), seed=3)
        # the bank's alternative sets are weighed against the sections (one set here, all alike)
        assert [c["seed"] for c in bank.calls] == list(range(8))
        call = bank.calls[0]
        assert call["count"] == 3 and call["pattern"] == "pair" and call["theme"] == "宣传与品牌"
        assert any("报道" in h for h in call["hints"])
        assert [s.head for s in result.sections] == ["提高站位", "压实责任", "倒排工期"]
        assert result.sections[0].tail == "高标准推进第1项工作"
        assert "## 提高站位\u3000高标准推进第1项工作" in result.markup
        assert [len(s.achievements) for s in result.sections] == [1, 1, 1]
        assert "1131人次" in result.markup

    def test_fixed_headings_override_composition(self, bank: FakeBank) -> None:
        needs_figures()
        t = fixture("zf-test-4gao")
        result = compose_markup(t, sample_workbook(t))
        assert bank.calls == []
        assert [s.heading for s in result.sections] == ["提高站位", "压实责任"]
        assert [s.index for s in result.sections] == [1, 2]

    def test_every_achievement_in_exactly_one_section(self, bank: FakeBank) -> None:
        needs_figures()
        t = fixture("xc-test-baodao")
        wb = sample_workbook(t)
        wb.achievements += [achievement(f"事项{i}", metrics=[Metric("次数", i + 1, "次")]) for i in range(5)]
        result = compose_markup(t, wb)
        seen = [a.title for s in result.sections for a in s.achievements]
        assert sorted(seen) == sorted(a.title for a in wb.achievements)
        assert len(result.sections) == 3

    def test_template_without_achievements_warns(self) -> None:
        needs_figures()
        t = fixture("zz-test-tongzhi")
        wb = workbook_from_dict(
            {
                "unit": "中心党委",
                "fields": dict(t.sample["fields"]),
                "achievements": [{"title": "开展学习", "category": "政治建设"}],
            }
        )
        result = compose_markup(t, wb)
        assert any(d.rule == "achievements-unused" for d in result.diagnostics)
        assert result.sections == []

    def test_consumption_is_reported(self) -> None:
        needs_figures()
        t = fixture("zf-test-4gao")
        assert compose_markup(t, sample_workbook(t)).consumes_achievements
        t = fixture("zz-test-tongzhi")
        assert not compose_markup(t, sample_workbook(t)).consumes_achievements

    def test_deterministic(self, bank: FakeBank) -> None:
        needs_figures()
        t = fixture("xc-test-baodao")
        assert compose_markup(t, sample_workbook(t)).markup == compose_markup(t, sample_workbook(t)).markup


def test_split_heading() -> None:
    assert split_heading("提高站位\u3000\u3000高标准制定工作措施", "pair") == (
        "提高站位",
        "高标准制定工作措施",
    )
    assert split_heading("聚焦教育培训，提升能力本领", "pair") == ("聚焦教育培训", "提升能力本领")
    assert split_heading("凝聚“一个合力”", "framework") == ("凝聚“一个合力”", "")


def test_sample_workbook_reads_the_sample() -> None:
    t = fixture("xc-test-baodao")
    wb = sample_workbook(t)
    assert wb.unit == "机关服务中心" and wb.template == "xc-test-baodao" and len(wb.achievements) == 3
    assert wb.achievements[1].metrics[1].text() == "1131人次"


def test_composed_headings_go_to_the_sections_they_fit() -> None:
    from assistant.compose import match_headings
    from assistant.ledger.workbook import Achievement

    groups = [
        [Achievement("组织参观廉政教育基地")],
        [Achievement("编印身边典型案例汇编")],
        [Achievement("召开警示教育大会")],
    ]
    heads, same = match_headings(["剖析案例", "警示教育", "参观基地"], groups, "phrase", "category")
    assert heads == ["参观基地", "剖析案例", "警示教育"] and same is groups
    # A framework keeps its numbered order; the sections move instead.
    frame = ["依托“三个载体”", "凝聚“一个合力”"]
    groups2 = [[Achievement("凝聚工作合力")], [Achievement("依托三个载体开展活动")]]
    heads2, moved = match_headings(frame, groups2, "framework", "category")
    assert heads2 == frame and moved == [groups2[1], groups2[0]]
    # The user's order is kept when sections follow it.
    assert match_headings(frame, groups2, "framework", "order") == (frame, groups2)


def test_section_plan_can_name_a_phrase_family(tmp_path: Path) -> None:
    from assistant.templating import load_template_file

    src = (FIXTURES / "zuofeng" / "zf-test-4gao.yaml").read_text(encoding="utf-8")
    src = src.replace("  pattern: phrase\n", "  pattern: pair\n  family: 四高\n").replace(
        "  headings: [提高站位, 压实责任]\n", ""
    )
    # two achievements of unrelated work, so that there are two sections to head, each the kind of
    # work a 四高 heading describes (a family that describes nothing, or names work the sections
    # never mention, gives way to content headings)
    src = src.replace("起草全面践行工作作风的实施方案", "制定作风建设工作措施")
    src = src.replace("调度各单位制定践行举措", "对照反馈问题抓好整改提升").replace("category: 组织建设", "category: 纪律建设")
    src = src.replace("label: 践行举措", "label: 整改问题").replace("label: 工作目标", "label: 工作措施")
    path = tmp_path / "zf-test-family.yaml"
    path.write_text(src.replace("zf-test-4gao", "zf-test-family"), encoding="utf-8")
    template = load_template_file(path)
    assert template.sections is not None and template.sections.family == "四高"
    result = compose_markup(template, sample_workbook(template))
    assert [s.tail[:3] for s in result.sections] == ["高标准", "高质量"]


def test_replace_head_keeps_the_separator_and_the_tail() -> None:
    from assistant.compose import replace_head

    assert replace_head("提高站位　高标准制定工作措施", "pair", "守正创新") == "守正创新　高标准制定工作措施"
    assert replace_head("聚焦教育培训，提升能力本领", "pair", "聚焦技能竞赛") == "聚焦技能竞赛，提升能力本领"
    # A whole pair, another pattern, or a heading without a tail: the phrase is the heading.
    assert replace_head("提高站位　高标准制定工作措施", "pair", "压实责任　高规格加强组织领导") == "压实责任　高规格加强组织领导"
    assert replace_head("提高站位", "phrase", "守正创新") == "守正创新"
    assert replace_head("提高站位", "pair", "守正创新") == "守正创新"


def test_the_set_that_describes_the_sections_comes_first(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Of the bank's alternative sets, seed 0 takes the one whose headings fit the sections best."""
    from assistant.templating import load_template_file
    from tests.fakes import install_fake_bank

    class Bank:
        def compose(self, count: int, seed: int = 0, **_: Any) -> list[str]:
            if seed == 3:
                return ["开展廉洁警示教育", "开展志愿服务活动"][:count]
            return [f"甲乙丙丁{seed}", f"戊己庚辛{seed}"][:count]

    install_fake_bank(monkeypatch, Bank())
    src = (FIXTURES / "zuofeng" / "zf-test-4gao.yaml").read_text(encoding="utf-8")
    src = src.replace("  headings: [提高站位, 压实责任]\n", "").replace("zf-test-4gao", "zf-test-fit")
    src = src.replace("起草全面践行工作作风的实施方案", "组织党员到社区开展志愿服务").replace("label: 工作目标", "label: 志愿服务")
    src = src.replace("调度各单位制定践行举措", "开展廉洁警示教育").replace("label: 践行举措", "label: 警示教育")
    path = tmp_path / "zf-test-fit.yaml"
    path.write_text(src, encoding="utf-8")
    t = load_template_file(path)
    best = compose_markup(t, sample_workbook(t), seed=0)
    assert sorted(s.heading for s in best.sections) == ["开展廉洁警示教育", "开展志愿服务活动"]
    for s in best.sections:  # each heading over the work it names
        assert s.heading[2:4] in "".join(a.title for a in s.achievements)
    other = compose_markup(t, sample_workbook(t), seed=1)
    assert [s.heading for s in other.sections] != [s.heading for s in best.sections]


def test_headings_are_built_from_what_the_sections_say() -> None:
    """With the real phrase bank, a plain phrase plan heads study work with a study heading and
    publicity work with a publicity heading, and the set stays parallel."""
    from assistant.phrasebank import load_bank
    from assistant.templating import load_catalog

    template = load_catalog().get("zf-zuofeng-zongjie")
    wb = workbook_from_dict(
        {
            "unit": "某党支部",
            "period": "2023年",
            "achievements": [
                {"title": "组织党员集中学习党的二十大精神", "category": "思想建设"},
                {"title": "开展理论学习中心组专题学习", "category": "思想建设"},
                {"title": "在公众号开设宣传专栏", "category": "宣传与品牌"},
                {"title": "推出系列宣传报道", "category": "宣传与品牌"},
            ],
        }
    )
    result = compose_markup(template, wb)
    by_heading = {s.heading: "".join(a.title for a in s.achievements) for s in result.sections}
    study = next(h for h, text in by_heading.items() if "学习" in text and "宣传" not in text)
    publicity = next(h for h, text in by_heading.items() if "宣传" in text)
    assert "学" in study or "理论" in study, by_heading
    assert any(w in publicity for w in ("宣", "报道", "品牌", "专栏")), by_heading
    assert load_bank().accepts([s.heading for s in result.sections])
