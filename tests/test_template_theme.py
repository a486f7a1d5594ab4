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
    # 主题党日 rows written into a 换届 notice: its framing is all 换届, so the drafter is told to check
    # it or choose another template
    gaoxiao = ROOT / "benchmarks" / "compose_eval" / "gaoxiao-zuzhibu-2023-5yue-zhutidangri.yaml"
    warnings = _theme_warnings("zs-huanjie-tongzhi", load_workbook(gaoxiao))
    assert len(warnings) == 1 and "“换届”" in warnings[0] and "改选" in warnings[0]


def test_a_template_that_words_its_framing_by_the_theme_drops_it() -> None:
    """A state firm's Party-building rows written up as a 理论宣讲 report: title, lead and close
    no longer say the firm does 理论宣讲; the drafter is told why."""
    result = compose_markup(load_catalog().get("sx-xuanjiang-baodao"), load_workbook(TAIZHOU))
    warnings = [str(d) for d in result.diagnostics if d.rule == "template-theme-absent"]
    assert len(warnings) == 1 and "“宣讲”" in warnings[0] and "一般写法" in warnings[0]
    assert "宣讲" not in result.markup and "飞入寻常百姓家" not in result.markup
    # the rows are all there
    assert "“四张清单”" in result.markup and "临时党支部" in result.markup


def test_summaries_and_reports_say_only_what_the_rows_do() -> None:
    yandun = load_workbook(ROOT / "benchmarks" / "compose_eval" / "yandun-zhen-gonghui-2022-shangbannian.yaml")
    summary = compose_markup(load_catalog().get("qt-banshishi-zongjie"), yandun).markup
    assert "办实事" not in summary and summary.startswith("# 烟墩镇工会2022年上半年工作总结")
    report = compose_markup(load_catalog().get("zs-shyk-baogao"), load_workbook(TAIZHOU)).markup
    # taizhou's rows speak of “三会一课”: the report keeps its theme
    assert "关于“三会一课”制度落实情况的报告" in report
    tuanquwei = load_workbook(ROOT / "benchmarks" / "compose_eval" / "tuanquwei-2022-shehui-pingjia.yaml")
    report = compose_markup(load_catalog().get("zs-shyk-baogao"), tuanquwei).markup
    assert "三会一课" not in report and "关于2022年工作情况的报告" in report


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


def test_the_first_suggestion_is_about_work_the_workbook_mentions() -> None:
    """nwafu (batch 2): a 工会 notice of a winter fitness drive was offered a 困难职工 慰问 notice
    first, ahead of the 文体活动方案 that scored higher; the TUI takes the first suggestion. Among
    the first three, templates whose theme the workbook never mentions now come last (the three
    stay the same: a genre is not lost)."""
    from assistant.compose.recommend import recommend

    nwafu = ROOT / "benchmarks" / "compose_eval" / "nwafu-jiguan-zhigong-dongji-jianshen-2015.yaml"
    ranked = recommend(load_workbook(nwafu), load_catalog().all())
    absent = [any(r.startswith("台账没有提到模板的主题") for r in s.reasons) for s in ranked[:3]]
    assert not absent[0] and absent == sorted(absent)
    assert ranked[0].id == "qt-gonghui-huodong"
    assert "通知" in [s.doctype for s in ranked[:3]]


def _rows(n: int, themed: int) -> list[object]:
    from assistant.ledger.workbook import Achievement

    work = [Achievement(f"排查廉洁风险点第{k}批", detail="完善防控措施") for k in range(n - themed)]
    return work + [Achievement("班子成员到支部讲党课", detail="班子成员定期到支部宣讲") for _ in range(themed)]


def test_a_theme_said_once_in_a_long_workbook_is_not_its_subject() -> None:
    """One detail in ten that mentions 宣讲 does not make a workbook about 责任 a report on 理论宣讲;
    one row in seven does; so does a field that names it or a filled slot of the theme."""
    from assistant.compose.matching import absent_theme

    t = load_catalog().get("sx-xuanjiang-baodao")
    names = tuple(i.name for i in load_catalog().infos())
    assert absent_theme(t, _rows(10, 1), names) == ["宣讲"]
    assert absent_theme(t, _rows(10, 2), names) == []
    assert absent_theme(t, _rows(6, 1), names) == []  # a short workbook: one row is enough
    assert absent_theme(t, _rows(10, 1), names, {"主题": "理论宣讲进基层"}) == []
    brand = load_catalog().get("xc-pinpai-jingyan")
    assert absent_theme(brand, _rows(10, 0), names) == ["品牌"]
    assert absent_theme(brand, _rows(10, 0), names, {"主品牌": "红帆领航"}) == []
    assert absent_theme(brand, _rows(10, 0), names, {"主品牌": ""}) == ["品牌"]


def test_a_brand_article_for_a_workbook_without_a_brand_says_none() -> None:
    from assistant.ledger.workbook import Workbook

    wb = Workbook(unit="某村党委", period="2024年", achievements=_rows(8, 0))
    result = compose_markup(load_catalog().get("xc-pinpai-jingyan"), wb)
    title, opening = [ln for ln in result.markup.splitlines() if ln.startswith("# ") or "近年来" in ln or "以来" in ln][:2]
    assert "品牌" not in title + opening and "品牌" not in result.markup.splitlines()[-1]
    assert result.sections and all("品牌" not in s.heading for s in result.sections)


def test_an_experience_article_not_about_ideological_work_says_none() -> None:
    """The 思想政治工作 experience article, the usual choice for any 经验材料, for a workbook about
    party building in general (no 思想动态, 谈心, 宣讲…): a general title, opening and closing."""
    from assistant.ledger.workbook import Achievement, Workbook

    rows = [Achievement("召开党委中心组扩大学习会议"), Achievement("培训入党积极分子"), Achievement("规范支部组织生活")]
    result = compose_markup(load_catalog().get("sx-sizheng-jingyan"), Workbook(unit="某行机关党委", period="2023年", achievements=rows))
    assert result.markup.startswith("# 某行机关党委党建工作经验材料")
    assert "思想政治工作" not in result.markup
    talks = [*rows, Achievement("建立“书记谈心日”制度")]
    themed = compose_markup(load_catalog().get("sx-sizheng-jingyan"), Workbook(unit="某行机关党委", period="2023年", achievements=talks))
    assert "思想政治工作" in themed.markup
