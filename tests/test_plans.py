"""A forward-looking document tells the rows still to do as its tasks, never as work done.

A 台账 kept for a plan lists what is to be done (举办专题读书班, 讲专题党课…). A notice or an
implementation plan that writes “前期已开展的主要工作有：举办专题读书班…” states as done what nobody
has done yet. Templates that know better take such rows as `plans`, and then plan the workbook's
own period rather than the one after it.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from assistant.compose import compose_markup
from assistant.compose.matching import planned_rows
from assistant.ledger.files import loads_workbook
from assistant.templating import load_catalog

TODAY = dt.date(2026, 12, 7)

TASKS = """\
unit: 中共某某市政协党组
period: 2021年
achievements:
  - title: 举办专题读书班
    category: 思想建设
  - title: 讲专题党课
    category: 思想建设
  - title: 制定专题学习计划
    category: 思想建设
  - title: 开展专题宣讲
    category: 宣传与品牌
  - title: 召开党史学习教育动员会
    date: 2021-03-25
    detail: 市政协主席作动员报告
"""

RESULTS = """\
unit: 中共某某市财政局机关委员会
period: 2024年
achievements:
  - title: 开展“四强”党支部创建
    category: 组织建设
    metrics: [{label: 创建党支部, value: 6, unit: 个}]
  - title: 组织集中学习
    category: 思想建设
    metrics: [{label: 集中学习, value: 12, unit: 次}]
  - title: 开展党员示范岗创建
    category: 组织建设
    date: 2024-06-30
"""


def test_rows_of_a_task_ledger_are_to_do_and_a_dated_meeting_is_done() -> None:
    wb = loads_workbook(TASKS, "台账.yaml")
    assert planned_rows(wb, TODAY) == [True, True, True, True, False]


def test_rows_of_a_ledger_of_results_are_done() -> None:
    wb = loads_workbook(RESULTS, "台账.yaml")
    assert planned_rows(wb, TODAY) == [False, False, False]


def test_a_row_of_intention_is_to_do_even_among_results() -> None:
    text = RESULTS + "  - title: 拟于明年举办党务干部培训班\n    category: 组织建设\n"
    assert planned_rows(loads_workbook(text, "台账.yaml"), TODAY)[-1] is True


def _render(template_id: str, text: str) -> str:
    return compose_markup(load_catalog().get(template_id), loads_workbook(text, "台账.yaml")).markup


@pytest.mark.parametrize("template_id", ["zz-djyd-tongzhi", "sx-zhutijiaoyu-fangan"])
def test_tasks_are_told_as_tasks_not_as_work_done(template_id: str) -> None:
    markup = _render(template_id, TASKS)
    wb = loads_workbook(TASKS, "台账.yaml")
    for a in wb.achievements:
        assert a.title in markup, a.title  # nothing is lost
    past = re.search(r"(?:前期已开展|主要工作有)[^\n]*", markup)
    # what is told as done is the dated meeting alone
    if past:
        assert "读书班" not in past.group(0) and "专题党课" not in past.group(0), past.group(0)
    task_para = next(line for line in markup.splitlines() if "重点抓好以下工作" in line)
    assert "举办专题读书班" in task_para and "讲专题党课" in task_para


def test_a_notice_for_tasks_plans_the_workbooks_own_year() -> None:
    title = _render("zz-djyd-tongzhi", TASKS).splitlines()[0]
    assert "2021年" in title and "2022年" not in title


def test_a_notice_drawn_from_results_plans_the_next_year_and_cites_them_as_done() -> None:
    markup = _render("zz-djyd-tongzhi", RESULTS)
    assert "2025年" in markup.splitlines()[0]
    assert "重点抓好以下工作" not in markup
    assert re.search(r"主要工作有：[^\n]*6个", markup)
