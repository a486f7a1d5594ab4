"""Workbooks nobody wrote for a template (issues “Composition I” and “Composition II”, bad input):
one row, forty rows, rows that fit no section, no figures, no categories, English and numbers,
long titles, list-like details. The document stays honest and readable, every figure arrives, and
the warnings say in Chinese what the drafter should add or rephrase."""

from __future__ import annotations

import re
from typing import Any

import pytest

from assistant.compose import compose_markup
from assistant.document.markup import parse_markup
from assistant.errors import WenmiError
from assistant.ledger.figcheck import check_figures
from assistant.ledger.files import loads_workbook
from assistant.ledger.workbook import Achievement, Metric, Workbook
from assistant.templating import load_catalog

#: Retrospective templates of several genres and categories.
TEMPLATES = ["zs-zhibu-zongjie", "zf-zuofeng-zongjie", "xc-pinpai-jingyan", "qt-zhiyuan-baodao", "jl-jijian-zongjie"]

TITLES = [
    ("开展理论学习中心组专题学习", "思想建设", [Metric("专题学习", 12, "次")]),
    ("组织党员干部开展志愿服务", "群团与服务", [Metric("志愿服务", 36, "次"), Metric("参与党员", 420, "人次")]),
    ("开展廉洁警示教育", "纪律建设", [Metric("警示教育", 4, "场")]),
    ("修订完善规章制度", "组织建设", [Metric("规章制度", 35, "项")]),
    ("推出党建品牌系列报道", "宣传与品牌", [Metric("系列报道", 6, "期")]),
    ("落实“第一议题”制度", "政治建设", [Metric("第一议题学习", 24, "次")]),
    ("开展作风建设专项督查", "作风建设", [Metric("督查", 8, "次"), Metric("发现问题", 23, "个")]),
    ("慰问困难职工", "群团与服务", [Metric("困难职工", 58, "户")]),
]


def workbook(rows: list[Achievement], **kw: Any) -> Workbook:
    return Workbook(unit="中共某某集团有限公司委员会", period="2023年", achievements=rows, **kw)


def rows(n: int, *, categories: bool = True, metrics: bool = True) -> list[Achievement]:
    out = []
    for i in range(n):
        title, category, ms = TITLES[i % len(TITLES)]
        suffix = "" if i < len(TITLES) else f"（第{i // len(TITLES) + 1}批）"
        out.append(
            Achievement(
                title + suffix,
                category if categories else None,
                [Metric(m.label, m.value + i, m.unit) for m in ms] if metrics else [],
            )
        )
    return out


def headings(markup: str) -> list[tuple[int, int, str]]:
    return [
        (i, len(m.group(1)), m.group(2))
        for i, line in enumerate(markup.splitlines())
        if (m := re.match(r"^(#{2,5}) (.*)$", line))
    ]


def assert_honest(markup: str, wb: Workbook) -> None:
    """Valid markup, no catch-all, no heading over nothing, no stray punctuation, every figure."""
    parse_markup(markup)
    lines = markup.splitlines()
    hs = headings(markup)
    for k, (i, level, text) in enumerate(hs):
        assert not re.search(r"其[他它]", text), text
        if text.endswith("。") or "。" in text:
            continue  # run-in heading with its own text
        nxt = hs[k + 1] if k + 1 < len(hs) else None
        body = [ln for ln in lines[i + 1 : nxt[0] if nxt else len(lines)] if ln.strip() and not ln.startswith(("落款：", "日期："))]
        assert body or (nxt is not None and nxt[1] > level), f"empty section: {text}"
    for bad in ("，，", "。。", "，。", "；。", "、。", "，；"):
        assert bad not in markup, bad
    missing = [d for d in check_figures(wb.achievements, markup) if d.rule == "figure-missing"]
    assert not missing, missing


@pytest.fixture(scope="module")
def catalog() -> Any:
    return load_catalog()


@pytest.mark.parametrize("tid", TEMPLATES)
def test_one_achievement(catalog: Any, tid: str) -> None:
    wb = workbook(rows(1))
    result = compose_markup(catalog.get(tid), wb)
    assert_honest(result.markup, wb)
    assert len(result.sections) <= 1


@pytest.mark.parametrize("tid", TEMPLATES)
def test_forty_achievements(catalog: Any, tid: str) -> None:
    wb = workbook(rows(40))
    template = catalog.get(tid)
    result = compose_markup(template, wb)
    assert_honest(result.markup, wb)
    if template.sections is not None and template.sections.pattern != "none":
        assert 1 <= len(result.sections) <= template.sections.count
        assert all(s.achievements for s in result.sections)


@pytest.mark.parametrize("tid", TEMPLATES)
def test_no_metrics_and_no_categories(catalog: Any, tid: str) -> None:
    wb = workbook(rows(8, categories=False, metrics=False))
    result = compose_markup(catalog.get(tid), wb)
    assert_honest(result.markup, wb)
    # no number the workbook did not give
    assert not [d for d in check_figures(wb.achievements, result.markup) if d.rule == "figure-unknown"]


@pytest.mark.parametrize("tid", TEMPLATES)
def test_nothing_fits_the_theme(catalog: Any, tid: str) -> None:
    wb = workbook(
        [
            Achievement("发展生猪养殖", None, [Metric("年出栏生猪", 2000, "头", "多")]),
            Achievement("修建村级道路", None, [Metric("硬化道路", 1500, "米", "余")]),
            Achievement("种植苗木花卉", None, [Metric("苗木花卉基地", 150, "亩", "余")]),
        ]
    )
    result = compose_markup(catalog.get(tid), wb)
    assert_honest(result.markup, wb)


def test_english_and_numbers_stay_whole(catalog: Any) -> None:
    wb = workbook(
        [
            Achievement("建成5G智慧党建平台", "组织建设", [Metric("覆盖党支部", 46, "个")]),
            Achievement("通过ISO 9001质量管理体系认证", "作风建设", [Metric("认证", 1, "项")]),
            Achievement("完成ERP系统与IPv6改造", "作风建设", [Metric("改造系统", 3, "套")]),
        ]
    )
    result = compose_markup(catalog.get("zs-zhibu-zongjie"), wb)
    assert_honest(result.markup, wb)
    for text in ("5G", "ISO 9001", "ERP", "IPv6", "46个", "3套"):
        assert text in result.markup


def test_long_titles_and_list_details_are_written_and_flagged(catalog: Any) -> None:
    long_title = "组织全体党员干部深入学习贯彻党的二十大精神并结合本单位实际开展专题研讨交流和岗位实践活动推动学习成果转化"
    wb = workbook(
        [
            Achievement(long_title, "思想建设", [Metric("专题研讨", 6, "次")]),
            Achievement("开展志愿服务", "群团与服务", [Metric("志愿服务", 8, "次")], detail="1.环境整治；2.助老服务；3.文明劝导"),
        ]
    )
    result = compose_markup(catalog.get("zs-zhibu-zongjie"), wb)
    assert_honest(result.markup, wb)
    rules = {d.rule: d.message for d in result.diagnostics}
    assert "title-long" in rules and "精简" in rules["title-long"]
    assert "detail-list" in rules and "拆成几项成效" in rules["detail-list"]


def test_a_label_the_title_does_not_name_is_flagged_once(catalog: Any) -> None:
    stitched = Achievement("编印基层党组织工作手册", "组织建设", [Metric("工作模板", 85, "个")])
    wb = workbook([*rows(8), stitched])
    result = compose_markup(catalog.get("zs-zhibu-zongjie"), wb)
    assert_honest(result.markup, wb)
    flagged = [d for d in result.diagnostics if d.rule == "rephrase-figure"]
    # the eight ordinary rows weave their figures in; only the stitched one is named
    assert [d.location.field for d in flagged] == ["achievements[9].title"]
    assert "{工作模板}" in flagged[0].message and "把指标名称写进事项" in flagged[0].message


# ---------------------------------------------------------------- a workbook without a period


NO_PERIOD = """\
unit: 区总工会
achievements:
  - title: 开展“送温暖”活动
    category: 群团与服务
    metrics: [{label: 慰问困难职工, value: 120, unit: 户}]
  - title: 举办职工技能培训班
    category: 群团与服务
    metrics: [{label: 参训职工, value: 300, unit: 人次, qualifier: 余}]
"""


def test_no_template_opens_a_sentence_with_a_comma_when_the_workbook_has_no_period() -> None:
    """qu-zonggonghui's summary opened “，区总工会把……”: a period left out, its comma kept."""
    wb = loads_workbook(NO_PERIOD, "台账.yaml")
    bad: list[str] = []
    for t in load_catalog().all():
        try:
            markup = compose_markup(t, wb).markup
        except WenmiError:  # a template that needs slots this workbook does not fill
            continue
        for line in markup.splitlines():
            text = re.sub(r"^(?:#+ |\*\*[^*]*\*\*|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)", "", line)
            if text.startswith(("，", "、", "；")) or "，，" in text or "：，" in text:
                bad.append(f"{t.id}: {line[:40]}")
    assert not bad, bad
