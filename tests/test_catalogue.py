"""The packaged catalogue: 85 templates in 7 categories, each a real document, none a near-copy.

Every sample is composed, parsed and written to .docx; the checks read the rendered text.
A property test feeds random workbooks to every template that consumes achievements and
checks that every figure reaches the document ("figures are sacred").
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
from functools import cache, lru_cache
from typing import Any

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.categories import CATEGORIES
from assistant.compose import compose_markup, sample_workbook
from assistant.document.docx_writer import write_docx_bytes
from assistant.document.markup import parse_markup
from assistant.document.model import Heading
from assistant.ledger.workbook import Achievement, Metric, Workbook
from assistant.templating import load_catalog

PLACEHOLDERS = re.compile(r"\{\{|\}\}|\{%|TODO|待补充|XXX|××|（此处|请填写|占位")
HAN = re.compile(r"[\u4e00-\u9fff]")
#: Document types the issue names; at least 12 of them must appear across the catalogue.
DOCTYPES_MIN = 12


@lru_cache(maxsize=1)
def catalogue() -> list[Any]:
    return [t for t in load_catalog().all() if t.source == "packaged"]


@cache
def render(tid: str) -> tuple[str, Any]:
    """(markup, Document) of a template's sample."""
    t = load_catalog().get(tid)
    result = compose_markup(t, sample_workbook(t))
    return result.markup, parse_markup(result.markup, source=t.id)


def rendered() -> dict[str, tuple[str, Any]]:
    return {t.id: render(t.id) for t in catalogue()}


def _text(doc: Any) -> str:
    from assistant.document.preview import preview_text

    return preview_text(doc)


def test_catalogue_has_85_templates_in_the_7_categories() -> None:
    templates = catalogue()
    assert len(templates) == 85
    by_cat = {c: [t for t in templates if t.category == c] for c in CATEGORIES}
    assert set(t.category for t in templates) == set(CATEGORIES)
    assert all(len(v) >= 8 for v in by_cat.values()), {c: len(v) for c, v in by_cat.items()}
    assert len({t.id for t in templates}) == 85


def test_at_least_twelve_document_types() -> None:
    doctypes = {t.doctype for t in catalogue()}
    assert len(doctypes) >= DOCTYPES_MIN, sorted(doctypes)
    assert {"实施方案", "工作总结", "宣传报道", "整改方案", "通知", "经验材料"} <= doctypes


def test_the_unit_work_is_covered() -> None:
    names = " ".join(t.name + " " + " ".join(t.keywords) for t in catalogue())
    for topic in ("第一议题", "民主生活会", "中心组", "主题党日", "三会一课", "发展党员", "换届", "星级",
                  "作风建设", "配档表", "警示教育", "一岗双责", "品牌", "双报到", "乡村振兴", "青年", "工会"):  # fmt: skip
        assert topic in names, topic


@pytest.mark.parametrize("tid", [t.id for t in catalogue()])
def test_sample_renders_to_a_clean_document(tid: str) -> None:
    markup, doc = render(tid)
    assert not PLACEHOLDERS.search(markup), PLACEHOLDERS.search(markup)
    text = _text(doc)
    assert len(HAN.findall(text)) >= 300
    assert doc.title, "every document has a title"
    data = write_docx_bytes(doc)
    paragraphs = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert paragraphs[0].replace("\n", "") == doc.title
    assert not [d for d in doc.diagnostics if d.rule != "punctuation"]
    assert not [d for d in doc.diagnostics if d.rule == "punctuation"], "templates use full-width punctuation"


#: Closing formulas a document says once: 述职's opening ended in 请予评议 as well as its close.
CLOSING_FORMULAS = ("请予评议", "请予审议", "特此报告", "特此通知", "特此函告", "妥否，请批示", "以上报告")


def test_no_sample_says_a_closing_formula_twice() -> None:
    twice = [
        (tid, formula)
        for tid, (markup, _doc) in rendered().items()
        for formula in CLOSING_FORMULAS
        if markup.count(formula) > 1
    ]
    assert twice == []


@pytest.mark.parametrize("tid", [t.id for t in catalogue()])
def test_every_sample_figure_is_in_the_document(tid: str) -> None:
    from assistant.ledger.figcheck import check_figures

    template = load_catalog().get(tid)
    wb = sample_workbook(template)
    result = compose_markup(template, wb)
    consumed = wb.achievements if result.consumes_achievements else []
    missing = [str(d) for d in check_figures(consumed, result.markup, result.values) if d.severity == "error"]
    assert missing == []


def test_catalogue_is_substantial() -> None:
    lengths = [len(HAN.findall(_text(doc))) for _, doc in rendered().values()]
    assert statistics.median(lengths) >= 800, statistics.median(lengths)
    with_three = sum(1 for _, doc in rendered().values() if sum(isinstance(b, Heading) and b.level == 1 for b in doc.blocks) >= 3)
    assert with_three >= 0.8 * len(lengths)


def _grams(text: str) -> set[str]:
    han = "".join(HAN.findall(text))
    return {han[i : i + 4] for i in range(len(han) - 3)}


def test_no_two_templates_are_near_copies() -> None:
    """Shared four-character runs between any two bodies stay well under half."""
    bodies = {t.id: _grams(t.body) for t in catalogue()}
    worst = []
    for (a, ga), (b, gb) in itertools.combinations(bodies.items(), 2):
        if not ga or not gb:
            continue
        ratio = len(ga & gb) / min(len(ga), len(gb))
        if ratio >= 0.4:
            worst.append((round(ratio, 2), a, b))
    assert worst == []


def test_implementation_plans_have_the_structure_of_their_type() -> None:
    for t in catalogue():
        if t.doctype != "实施方案":
            continue
        heads = " ".join(h.text for h in render(t.id)[1].headings if h.level == 1)
        assert re.search("指导思想|总体要求", heads), (t.id, heads)
        assert re.search("目标", heads) and re.search("任务|内容|举措", heads), (t.id, heads)
        assert re.search("保障|要求", heads), (t.id, heads)


def test_rectification_plans_carry_a_task_table() -> None:
    from assistant.document.model import Table

    plans = [t for t in catalogue() if t.doctype == "整改方案"]
    assert plans
    for t in plans:
        tables = [b for b in render(t.id)[1].blocks if isinstance(b, Table)]
        assert tables and any("时限" in "".join(tb.header) for tb in tables), t.id


# --- property: figures are sacred for any workbook ---------------------------------------------------

_titles = st.sampled_from(
    ["开展专题学习", "组织主题党日", "召开民主生活会", "开展警示教育", "推出系列报道", "开展志愿服务",
     "修订规章制度", "开展调研走访", "举办技能竞赛", "发展新党员"]  # fmt: skip
)
_metric = st.builds(
    Metric,
    label=st.sampled_from(["次数", "参与", "覆盖", "形成", "制度"]),
    value=st.one_of(st.integers(min_value=1, max_value=99999), st.sampled_from([1.5, 12.5, 0.5])),
    unit=st.sampled_from(["次", "人次", "项", "条", "份", "个", "名", "万元", "%"]),
    qualifier=st.sampled_from(["", "", "余", "多", "近", "累计"]),
)
_achievement = st.builds(
    Achievement,
    title=_titles,
    category=st.sampled_from(list(CATEGORIES)),
    metrics=st.lists(_metric, min_size=1, max_size=3),
)


@lru_cache(maxsize=1)
def _consumers() -> list[Any]:
    out = []
    for t in catalogue():
        result = compose_markup(t, sample_workbook(t))
        if result.consumes_achievements:
            out.append(t)
    return out


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(achievements=st.lists(_achievement, min_size=1, max_size=7), pick=st.integers(min_value=0, max_value=10_000))
def test_every_figure_reaches_every_consuming_template(achievements: list[Achievement], pick: int) -> None:
    from assistant.ledger.figcheck import check_figures

    consumers = _consumers()
    assert consumers
    template = consumers[pick % len(consumers)]
    base = sample_workbook(template)
    wb = Workbook(unit=base.unit, period=base.period, fields=dict(base.fields), achievements=achievements)
    result = compose_markup(template, wb)
    missing = [str(d) for d in check_figures(achievements, result.markup, result.values) if d.severity == "error"]
    assert missing == [], template.id
    parse_markup(result.markup)


def test_every_sample_passes_wenmi_check(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The writer and the checker agree: no finding on any catalogue sample, figures included."""
    from assistant.cli.check import figure_check
    from assistant.document.check import check_docx
    from assistant.render import compose_document, write_output

    tmp = tmp_path_factory.mktemp("check")
    findings = []
    for t in catalogue():
        wb = sample_workbook(t)
        out = tmp / f"{t.id}.docx"
        write_output(compose_document(wb, t.id).document, out)
        findings += [f"{t.id}: {f}" for f in check_docx(out, [figure_check(wb)])]
    assert findings == []
