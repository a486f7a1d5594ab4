"""Figure sentences read like the reference articles and never drop a figure."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.ledger.figures import (
    contains_figure,
    figure_sentence,
    figures_text,
    metric_phrase,
    scan_numbers,
    total,
    total_of,
)
from assistant.ledger.numfmt import QUALIFIERS
from assistant.ledger.workbook import Achievement, Metric


def ach(title: str, *metrics: Metric, detail: str | None = None) -> Achievement:
    return Achievement(title=title, metrics=list(metrics), detail=detail)


class TestFigureSentence:
    """Sentences modelled on reference articles 000 and 004."""

    def test_count_then_adverb(self) -> None:
        a = ach("开展员工思想状况调查", Metric("次数", 2, "次"), Metric("参与", 1131, "人次", "累计"))
        assert figure_sentence(a) == "开展员工思想状况调查2次，累计参与1131人次。"

    def test_label_that_ends_the_title_glues_to_it(self) -> None:
        a = ach("修订完善中心层面规章制度", Metric("规章制度", 35, "项"), detail="形成《制度汇编》")
        assert figure_sentence(a) == "修订完善中心层面规章制度35项，形成《制度汇编》。"

    def test_verb_label_and_large_qualified_number(self) -> None:
        a = ach(
            "举办特色农产品展销及各类美食节活动",
            Metric("活动", 7, "次"),
            Metric("采购扶贫产品", 420000, "元", "余"),
        )
        assert figure_sentence(a) == "举办特色农产品展销及各类美食节活动7次，采购扶贫产品42万余元。"

    def test_measure_noun_dropped_and_rate_gets_a_verb(self) -> None:
        a = ach(
            "开展党务工作能力提升专项培训",
            Metric("培训", 2, "次"),
            Metric("参训人数", 318, "人次"),
            Metric("组工干部覆盖率", 100, "%"),
        )
        assert figure_sentence(a) == "开展党务工作能力提升专项培训2次，参训318人次，组工干部覆盖率达100%。"

    def test_figure_already_in_detail_is_not_repeated(self) -> None:
        a = ach("起草实施方案", Metric("工作目标", 15, "个"), detail="提出“标准严格”等15个工作目标。")
        assert figure_sentence(a) == "起草实施方案，提出“标准严格”等15个工作目标。"

    def test_partial_match_does_not_count(self) -> None:
        # "5个" inside "15个" is not the figure 5个
        a = ach("制定工作模板", Metric("子品牌", 5, "个"), detail="共15个方面")
        sentence = figure_sentence(a)
        assert "子品牌5个" in sentence

    def test_long_detail_is_its_own_sentence(self) -> None:
        a = ach("开展志愿服务", Metric("", 8, "次"), detail="服务项目荣获优秀项目。群众满意度明显提高")
        assert figure_sentence(a) == "开展志愿服务8次。服务项目荣获优秀项目。群众满意度明显提高。"

    def test_no_metrics_no_detail(self) -> None:
        assert figure_sentence(ach("落实“第一议题”制度。")) == "落实“第一议题”制度。"

    def test_trailing_punctuation_normalised(self) -> None:
        a = ach("协助销售滞销蔬菜；", Metric("", 20000, "斤", "余"), detail="切实促进农民增收。")
        assert figure_sentence(a) == "协助销售滞销蔬菜2万余斤，切实促进农民增收。"

    def test_adverb_label_not_doubled(self) -> None:
        assert metric_phrase(Metric("累计参与", 1131, "人次", "累计")) == "累计参与1131人次"

    def test_later_count_label(self) -> None:
        a = ach("开展调研走访", Metric("走访", 12, "次"), Metric("次数", 3, "场"))
        assert figure_sentence(a) == "开展调研走访12次，共3场。"

    def test_figures_text(self) -> None:
        a = ach("x", Metric("a", 2, "次"), Metric("b", 600, "条", "余"))
        assert figures_text(a) == "2次，600余条"


class TestContainsFigure:
    def test_boundaries(self) -> None:
        assert contains_figure("共15个", "15个")
        assert not contains_figure("共15个", "5个")
        assert not contains_figure("参与1131人次", "131人次")
        assert not contains_figure("参训318人次", "318人")
        assert contains_figure("参训318人，", "318人")
        assert not contains_figure("3.5亿元", "5亿元")
        assert contains_figure("达100%", "100%")


class TestTotal:
    def test_sum_by_unit(self) -> None:
        achs = [
            ach("a", Metric("参训", 318, "人次"), Metric("培训", 2, "次")),
            ach("b", Metric("参与", 1131, "人次", "累计")),
        ]
        assert total(achs, "人次") == "1449人次"
        assert total(achs, "次") == "2次"
        assert total(achs, "元") == "0元"

    def test_scaled_units_and_qualifiers(self) -> None:
        achs = [ach("a", Metric("x", 420000, "元", "余")), ach("b", Metric("y", 8, "万元"))]
        t = total_of(achs, "元")
        assert t.value == 500000 and t.qualifier == "余"
        assert t.text() == "50万余元"
        assert total(achs, "万元") == "50万余元"

    def test_approximate_part_makes_total_approximate(self) -> None:
        achs = [ach("a", Metric("x", 100, "人", "约"), Metric("y", 50, "人", "余"))]
        assert total(achs, "人") == "约150人"

    def test_decimal_sum_is_exact(self) -> None:
        achs = [ach("a", Metric("x", 0.1, "亿元"), Metric("y", 0.2, "亿元"))]
        assert total(achs, "亿元") == "0.3亿元"


def test_scan_numbers() -> None:
    tokens = scan_numbers("协助销售2万余斤，采购42万余元，参训318人次，3.5亿元")
    assert [t.text for t in tokens] == ["2万", "42万", "318", "3.5亿"]
    assert [int(t.value) for t in tokens] == [20000, 420000, 318, 350000000]


# --------------------------------------------------------------------------- property

_UNITS = [
    "",
    "次",
    "人次",
    "人",
    "条",
    "项",
    "个",
    "份",
    "期",
    "斤",
    "元",
    "万元",
    "亿元",
    "%",
    "个百分点",
    "名",
]
_text = st.text(
    alphabet=st.sampled_from(
        list(
            "开展调查培训参与累计制度品牌服务活动群众党员工作组织建设“”《》，。、；0123456789%余近万亿人次个"
        )
    ),
    max_size=20,
)
_values = st.one_of(
    st.integers(min_value=0, max_value=10**12),
    st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False).map(lambda f: round(f, 3)),
)
_metrics = st.builds(
    Metric,
    label=_text,
    value=_values,
    unit=st.sampled_from(_UNITS),
    qualifier=st.sampled_from(["", *QUALIFIERS]),
)
_achievements = st.builds(
    Achievement,
    title=_text.filter(lambda t: t.strip() != ""),
    metrics=st.lists(_metrics, max_size=5),
    detail=st.one_of(st.none(), _text),
)


@settings(max_examples=400, deadline=None)
@given(_achievements)
def test_figure_sentence_contains_every_figure(a: Achievement) -> None:
    sentence = figure_sentence(a)
    for m in a.metrics:
        assert m.text() in sentence
    if a.metrics:
        assert sentence.endswith("。")
    else:
        assert sentence == "" or sentence.endswith("。")


@settings(max_examples=200, deadline=None)
@given(st.lists(_metrics, min_size=1, max_size=4))
def test_figure_sentence_is_deterministic(metrics: list[Metric]) -> None:
    a = Achievement("开展专项行动", metrics=metrics)
    assert figure_sentence(a) == figure_sentence(Achievement("开展专项行动", metrics=list(metrics)))


class TestFigureWherTheCountedThingStands:
    """Issue “Composition II”: the number stands where the thing counted stands; no label twice."""

    def test_after_the_label_at_a_clause_end(self) -> None:
        a = ach("修订完善中心层面规章制度，形成《制度汇编》", Metric("规章制度", 35, "项"))
        assert figure_sentence(a) == "修订完善中心层面规章制度35项，形成《制度汇编》。"

    def test_the_drafter_places_the_figure_in_the_title(self) -> None:
        a = ach("修订完善规章制度{规章制度}，形成《制度汇编》", Metric("规章制度", 35, "项"))
        assert figure_sentence(a) == "修订完善规章制度35项，形成《制度汇编》。"

    def test_classifier_before_the_noun_phrase_after_its_verb(self) -> None:
        assert figure_sentence(ach("组建重点项目团队", Metric("重点项目团队", 5, "个"))) == "组建5个重点项目团队。"
        a = ach("新建非公企业及社会组织团支部", Metric("团支部", 12, "个"))
        assert figure_sentence(a) == "新建12个非公企业及社会组织团支部。"
        a = ach("针对党建工作制定工作模板", Metric("工作模板", 85, "个"))
        assert figure_sentence(a) == "针对党建工作制定85个工作模板。"

    def test_no_verb_no_insertion_inside_a_compound(self) -> None:
        assert "5个先锋岗" not in figure_sentence(ach("党员先锋岗", Metric("先锋岗", 5, "个")))

    def test_label_sharing_the_title_s_last_word_is_not_repeated(self) -> None:
        a = ach("举办特色农产品展销及各类美食节活动", Metric("展销及美食节活动", 7, "次"))
        assert figure_sentence(a) == "举办特色农产品展销及各类美食节活动7次。"

    def test_label_that_opens_the_title_is_its_own_clause(self) -> None:
        a = ach("筹集资金慰问一线职工", Metric("筹集资金", 6, "万元", "余"), Metric("慰问一线职工", 120, "名", "余"))
        assert figure_sentence(a) == "筹集资金6万余元，慰问一线职工120余名。"

    def test_frequency_goes_before_the_action(self) -> None:
        a = ach("组织党员到社区开展主题党日服务", Metric("每月主题党日", 1, "次"))
        assert figure_sentence(a) == "每月组织党员到社区开展主题党日服务1次。"

    def test_amounts_are_never_clipped(self) -> None:
        a = ach("推进新能源项目建设", Metric("项目规模", 150, "万千瓦"))
        assert figure_sentence(a) == "推进新能源项目建设，项目规模达150万千瓦。"

    def test_no_figure_inside_quotes(self) -> None:
        a = ach("开展“规章制度”学习", Metric("规章制度", 3, "项"))
        assert "“规章制度”" in figure_sentence(a)

    def test_count_after_the_object_of_a_meeting_verb(self) -> None:
        a = ach(
            "召开党委会研究“三重一大”事项",
            Metric("党委会", 38, "次"),
            Metric("研究“三重一大”决策", 144, "项"),
            Metric("督办落实率", 100, "%"),
        )
        # the second label restates the title's second clause: it takes the clause's place
        assert figure_sentence(a) == "召开党委会38次，研究“三重一大”决策144项，督办落实率达100%。"

    def test_no_figure_between_a_noun_and_the_noun_it_modifies(self) -> None:
        # and the label is not stitched on again after the title (…培训，规章制度3项)
        assert figure_sentence(ach("开展规章制度培训", Metric("规章制度", 3, "项"))) == "开展规章制度培训，涉及规章制度3项。"

    def test_a_label_with_its_own_verb_meets_the_title_s_noun(self) -> None:
        a = ach("组织劳模和先进工作者开展事迹宣讲", Metric("选派劳模和先进工作者", 5, "名"))
        assert figure_sentence(a) == "组织5名劳模和先进工作者开展事迹宣讲。"

    def test_a_label_that_is_the_title_s_verb_counts_the_whole_action(self) -> None:
        a = ach("电话联系外出务工困难职工", Metric("电话联系", 6, "人次"))
        assert figure_sentence(a) == "电话联系外出务工困难职工6人次。"
