"""Claims are sourced in the 政治建设, 思想建设, 组织建设 and 作风建设 templates (issues
“Composition I” and “Composition II”).

Each template is composed from its own sample with every field emptied, as a drafter who filled
nothing would get it:

- no sentence of the template's example claims (`examples:`) reaches the document unless the
  drafter accepts them, and accepted examples are marked for review and still parse;
- no heading stands over nothing (a heading followed by one of the same or a higher level, or by
  the end of the text), none is a catch-all (其他/其它);
- no method name is hard-coded for every unit (“1234”).
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from typing import Any

import pytest

from assistant.compose import compose_markup, sample_workbook
from assistant.compose.pipeline import ComposeResult
from assistant.document.markup import parse_markup
from assistant.templating import load_catalog
from tests.fakes import texts_of

FOLDERS = ("zhengzhi", "sixiang", "zuzhi", "zuofeng")
HEADING = re.compile(r"^(#{2,5}) (.*)$")
HAN = re.compile(r"[\u4e00-\u9fff]")
#: Pieces of an example shorter than this (in Chinese characters) may be ordinary framing words.
MIN_PIECE = 8


def _ours() -> list[Any]:
    return sorted(
        (t for t in load_catalog().all() if t.source == "packaged" and t.path is not None and t.path.parent.name in FOLDERS),
        key=lambda t: t.id,
    )


IDS = [t.id for t in _ours()]


def _dummy(slot: Any) -> Any:
    """A value for a required slot that no example contains."""
    if slot.type == "table":
        return [["甲乙丙丁问题", "甲乙丙丁措施", "甲乙丙丁单位", "甲乙丙丁时限"]]
    if slot.type == "list":
        return ["甲乙丙丁条目"]
    return "甲乙丙丁"


@cache
def compose(tid: str, *, achievements: bool = True, examples: bool = False) -> ComposeResult:
    """The template's sample with no fields; without `examples`, required slots get a neutral
    value (with them, the examples fill the required slots too)."""
    template = load_catalog().get(tid)
    wb = sample_workbook(template)
    fields = {} if examples else {s.name: _dummy(s) for s in template.slots if s.required}
    wb = dataclasses.replace(wb, fields=fields, achievements=wb.achievements if achievements else [])
    return compose_markup(template, wb, examples=examples)


def _pieces(template: Any) -> list[str]:
    """Every sentence or clause of the template's example claims long enough to be telling."""
    out = []
    for slot in template.slots:
        for text in texts_of(slot.examples):
            for piece in re.split(r"[。；！？\n]", text):
                if len(HAN.findall(piece)) >= MIN_PIECE:
                    out.append(piece.strip())
    return out


def _headings_over_nothing(markup: str) -> list[str]:
    lines = [ln for ln in markup.splitlines() if ln.strip() and not ln.startswith(("落款：", "日期："))]
    out = []
    for i, line in enumerate(lines):
        m = HEADING.match(line)
        if not m or "。" in m.group(2):
            continue  # a run-in heading, or a numbered sentence, carries its own text
        nxt = HEADING.match(lines[i + 1]) if i + 1 < len(lines) else None
        if i + 1 == len(lines) or (nxt and len(nxt.group(1)) <= len(m.group(1))):
            out.append(line)
    return out


def test_the_four_folders_are_covered() -> None:
    assert len(IDS) == 49


@pytest.mark.parametrize("tid", IDS)
def test_examples_stay_out_unless_accepted(tid: str) -> None:
    template = load_catalog().get(tid)
    markup = compose(tid).markup
    assert [p for p in _pieces(template) if p in markup] == []


@pytest.mark.parametrize("tid", IDS)
def test_accepted_examples_are_marked_and_parse(tid: str) -> None:
    template = load_catalog().get(tid)
    offered = [s for s in template.slots if s.examples]
    markup = compose(tid, examples=True).markup
    parse_markup(markup, source=tid)
    for slot in offered:
        texts = [t for t in texts_of(slot.examples) if t]
        assert any(f"[示例]{t}" in markup or f"[示例]{t.rstrip('。')}" in markup for t in texts), slot.name


@pytest.mark.parametrize("achievements", [True, False], ids=["sample", "no-achievements"])
@pytest.mark.parametrize("tid", IDS)
def test_no_heading_over_nothing_and_no_catch_all(tid: str, achievements: bool) -> None:
    markup = compose(tid, achievements=achievements).markup
    assert _headings_over_nothing(markup) == []
    # the heading itself, not the text run in after its first “。”
    heads = [m.group(2).split("。", 1)[0] for ln in markup.splitlines() if (m := HEADING.match(ln))]
    assert [h for h in heads if "其他" in h or "其它" in h] == []


#: Claims the templates used to make for every unit (issues “Composition I” and “II”).
CANNED = (
    "总体执行到位", "群众点题", "支部始终把政治建设摆在首位", "坚持抓基础、固根本", "支部建在业务链上",
    "其他工作情况", "协同推进其他重点工作", "没有违反廉洁自律规定", "干部作风持续向好", "思想主流积极健康",
    "支部初审、总支复查", "任务重、节奏快、要求高", "准备充分、程序规范",
)  # fmt: skip


@pytest.mark.parametrize("achievements", [True, False], ids=["sample", "no-achievements"])
@pytest.mark.parametrize("tid", IDS)
def test_no_canned_claim_without_a_source(tid: str, achievements: bool) -> None:
    markup = compose(tid, achievements=achievements).markup
    assert [c for c in CANNED if c in markup] == []


@pytest.mark.parametrize("tid", IDS)
def test_no_method_name_is_hard_coded(tid: str) -> None:
    template = load_catalog().get(tid)
    assert "1234" not in template.body
    assert "1234" not in compose(tid).markup
