"""Templates of 纪律建设, 群团与服务 and 宣传与品牌 write no claim the workbook did not make
(issues “Composition I” and “Composition II”).

Every template is composed from its own sample workbook with the fields emptied, as a drafter
who filled nothing would get it:

- no sentence of a slot's `examples` (problems, practices, judgements, table rows) appears: example
  claims reach a document only when the drafter accepts them;
- no heading stands over nothing (a heading followed by another of the same or a higher level);
- no catch-all heading (其他/其它), and no method name (“1234”) written for every unit;
- every figure of the workbook still reaches the document.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from typing import Any

import pytest

from assistant.compose import compose_markup, sample_workbook
from assistant.compose.slots import REVIEW_CLOSE, REVIEW_OPEN
from assistant.document.markup import parse_markup
from assistant.ledger.figcheck import check_figures
from assistant.templating import Template, load_catalog
from tests.fakes import texts_of

FOLDERS = ("jilv", "quntuan", "xuanchuan")
PREFIXES = ("jl-", "qt-", "xc-")

_HEADING = re.compile(r"^(#{1,5}) (.*)$")
#: A “小标题：情况” example may be written as a heading and its paragraph: ： ends a piece too.
_SENTENCE = re.compile(r"[^。；！？：]+")
#: Fragments shorter than this are common words, not claims.
MIN_CLAIM = 6


def _templates() -> list[Template]:
    return sorted(
        (t for t in load_catalog().all() if t.source == "packaged" and t.id.startswith(PREFIXES)),
        key=lambda t: t.id,
    )


IDS = [t.id for t in _templates()]


def _filler(slot: Any) -> str:
    """A value for a required slot that no example contains."""
    return {"date": "2024-01-01", "number": "1"}.get(slot.type, "示例填写")


@cache
def composed(tid: str) -> tuple[str, Template, Any]:
    template = load_catalog().get(tid)
    wb = dataclasses.replace(sample_workbook(template), fields={})
    overrides = {s.name: _filler(s) for s in template.slots if s.required}
    return compose_markup(template, wb, overrides).markup, template, wb


def _claims(template: Template) -> list[str]:
    """The sentences (and clauses) of every slot's examples that are long enough to be claims."""
    out: list[str] = []
    for slot in template.slots:
        for text in texts_of(slot.examples):
            for piece in _SENTENCE.findall(text):
                piece = piece.strip("，、：:| \u3000")
                if len(piece) >= MIN_CLAIM:
                    out.append(piece)
    return out


def test_the_three_folders_hold_the_templates() -> None:
    assert len(IDS) == 36
    assert {str(t.path.parent.name) for t in _templates() if t.path is not None} == set(FOLDERS)


def test_claims_are_offered_as_examples() -> None:
    # The templates that used to state problems, practices or measures now offer them.
    with_examples = {t.id for t in _templates() if any(s.examples for s in t.slots)}
    for tid in ("jl-fengxian-diaoyan", "jl-jijian-zongjie", "jl-tanhua-jiyao", "jl-ygsz-baogao",
                "qt-banshishi-zongjie", "qt-gonghui-baogao", "qt-qunzhong-diaoyan", "xc-fabuhui-fangan",
                "xc-xuanchuan-diaoyan", "xc-xuanchuan-zongjie"):
        assert tid in with_examples


def test_research_reports_need_the_drafters_problems() -> None:
    # A 调研报告 cannot be written without the problems the research found: only the drafter knows them.
    reports = [t for t in _templates() if t.doctype == "调研报告"]
    assert reports
    for t in reports:
        assert [s.name for s in t.slots if s.required and s.examples and s.type == "list"], t.id


@pytest.mark.parametrize("tid", IDS)
def test_example_claims_stay_out_unless_accepted(tid: str) -> None:
    markup, template, _ = composed(tid)
    leaked = [c for c in _claims(template) if c in markup]
    assert leaked == []


@pytest.mark.parametrize("tid", IDS)
def test_examples_are_not_defaults(tid: str) -> None:
    template = load_catalog().get(tid)
    for slot in template.slots:
        if slot.examples:
            assert slot.default in ("", [], None), slot.name


@pytest.mark.parametrize("tid", IDS)
def test_no_heading_stands_over_nothing(tid: str) -> None:
    markup, _, _ = composed(tid)
    lines = [line.strip() for line in markup.splitlines() if line.strip() and not line.startswith("---")]
    for i, line in enumerate(lines):
        m = _HEADING.match(line)
        if not m or len(m.group(1)) == 1 or "。" in m.group(2):
            continue  # the title, or a heading that carries its own text
        level = len(m.group(1))
        nxt = lines[i + 1] if i + 1 < len(lines) else "落款："
        n = _HEADING.match(nxt)
        over_nothing = nxt.startswith(("落款：", "日期：")) or (n is not None and len(n.group(1)) <= level)
        assert not over_nothing, f"“{line}”下面没有内容"


@pytest.mark.parametrize("tid", IDS)
def test_no_catch_all_heading(tid: str) -> None:
    markup, _, _ = composed(tid)
    headings = [m.group(2) for line in markup.splitlines() if (m := _HEADING.match(line.strip()))]
    assert [h for h in headings if "其他" in h or "其它" in h] == []


@pytest.mark.parametrize("tid", IDS)
def test_no_method_name_for_every_unit(tid: str) -> None:
    markup, template, _ = composed(tid)
    assert "1234" not in template.body
    assert all("1234" not in str(s.default) for s in template.slots)
    assert "1234" not in markup


@pytest.mark.parametrize("tid", IDS)
def test_every_figure_reaches_the_document(tid: str) -> None:
    markup, template, wb = composed(tid)
    result = compose_markup(template, wb, {s.name: _filler(s) for s in template.slots if s.required})
    consumed = wb.achievements if result.consumes_achievements else []
    assert [d.message for d in check_figures(consumed, markup, result.values)] == []


@pytest.mark.parametrize("tid", IDS)
def test_accepted_examples_make_valid_markup(tid: str) -> None:
    # With --examples every example is wrapped in review marks; the body must keep each mark pair
    # whole (a split or a dropped mark is a markup error) and show every example it accepted.
    template = load_catalog().get(tid)
    wb = dataclasses.replace(sample_workbook(template), fields={})
    markup = compose_markup(template, wb, examples=True).markup
    parse_markup(markup, source=tid)
    for claim in _claims(template):
        assert claim in markup.replace(REVIEW_OPEN, "").replace(REVIEW_CLOSE, ""), claim


@pytest.mark.parametrize("template", ["xc-pinpai-jingyan", "xc-xilie-baodao", "jl-jijian-zongjie"])
def test_lessons_learnt_are_the_drafters_own(template: str) -> None:
    """H25's reading: the brand article gave every unit “实践中我们体会到：党建品牌必须扎根业务…”.
    What a unit learnt is a judgement only it can make: written when the drafter fills 体会 (or
    accepts the example with --examples), left out otherwise."""
    t = load_catalog().get(template)
    wb = sample_workbook(t)
    said = str(wb.fields["体会"])
    bare = compose_markup(t, dataclasses.replace(wb, fields={k: v for k, v in wb.fields.items() if k != "体会"}))
    assert "体会到" not in bare.markup and "实践表明" not in bare.markup
    assert said.rstrip("。") in compose_markup(t, wb).markup
