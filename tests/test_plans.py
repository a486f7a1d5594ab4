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


def test_in_a_task_ledger_a_bare_figure_or_a_month_does_not_make_a_row_done() -> None:
    """A survey plan's 调研组 of 5 and its window in November are part of the plan; the 动员会 held
    on a named day is done."""
    text = TASKS.replace("achievements:", "fields:\n  标题: 职工思想状况调研工作方案\nachievements:") + """  - title: 成立调研组
    metrics: [{label: 组长和副组长, value: 5, unit: 人}]
  - title: 集中开展调研
    date: 2021-11
    detail: 11月10日至20日
"""
    assert planned_rows(loads_workbook(text, "台账.yaml"), TODAY) == [True] * 4 + [False, True, True]


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


def _forward_templates_with_mentions() -> list[str]:
    from assistant.compose.matching import FORWARD_DOCTYPES

    return sorted(t.id for t in load_catalog().all() if t.doctype in FORWARD_DOCTYPES and "mentions" in t.body)


#: How each forward-looking template introduces the rows still to do, in the words of its genre:
#: a 方案 or 通知 sets out its tasks, an 活动方案 its activities, a 计划 its arrangements, a 细则
#: what is assessed.
PLANS_LEADS = {
    "zz-diyiyiti-fangan": "党组重点抓好以下工作：",
    "zz-djyd-tongzhi": "各级党组织重点抓好以下工作：",
    "zz-mzshh-fangan": "民主生活会，党组重点抓好以下工作：",
    "zz-zerenzhi-xize": "重点考核以下工作的落实情况：",
    "zz-zxz-jihua": "中心组学习重点作如下安排：",
    "sx-dushu-fangan": "本次活动重点安排以下内容：",
    "sx-qnxx-fangan": "学习活动重点安排以下内容：",
    "sx-xingshi-tongzhi": "**重点安排。**2021年，各级党组织重点抓好以下工作：",
    "sx-yishixingtai-fangan": "落实意识形态工作责任制重点抓好以下工作：",
    "sx-zhutijiaoyu-fangan": "党组重点抓好以下工作：",
    "zs-biaozhunhua-fangan": "推进标准化规范化建设重点抓好以下工作：",
    "zs-fzdy-jihua": "围绕上述要求，重点抓好以下工作：",
    "zs-huanjie-fangan": "围绕做好换届选举，委员会重点抓好以下工作：",
    "zs-huanjie-tongzhi": "**抓好重点工作。**各党支部要重点抓好以下工作：",
    "zs-jifen-xize": "基础积分重点考核以下工作的落实情况：",
    "zs-peixun-jihua": "党员教育培训重点作如下安排：",
    "zs-xingji-fangan": "星级创建重点抓好以下工作：",
    "zs-xingji-xize": "星级评定重点考核以下工作的落实情况：",
    "zs-ztdr-fangan": "本次活动重点安排以下内容：",
    "zf-diaoyan-fangan": "此次调研重点抓好以下工作：",
    "zf-kaohe-xize": "重点考核以下工作的落实情况：",
    "jl-dflz-tongzhi": "各级党组织重点抓好以下工作：",
    "jl-dflz-xize": "重点考核以下工作的落实情况：",
    "jl-jieri-tongzhi": "期间，各单位要重点抓好以下工作：",
    "xc-fabuhui-fangan": "本次活动重点安排以下内容：",
    "xc-gaojian-tongzhi": "宣传报道重点抓好以下工作：",
    "xc-pinpai-xize": "评审重点考核以下工作的落实情况：",
    "qt-kunnan-tongzhi": "各级工会重点抓好以下工作：",
    "qt-qingnian-fangan": "团委重点抓好以下工作：",
    "qt-quntuan-xize": "重点考核以下工作的落实情况：",
}


@pytest.mark.parametrize("template_id", _forward_templates_with_mentions())
def test_every_forward_template_tells_the_rows_to_do_under_its_own_lead(template_id: str) -> None:
    assert template_id in PLANS_LEADS, "这个前瞻模板用 mentions 写台账事项，也要有写待办事项（plans）的段落"
    markup = _render(template_id, TASKS)
    wb = loads_workbook(TASKS, "台账.yaml")
    for a in wb.achievements:
        assert a.title in markup, a.title  # nothing is lost
    lines = markup.splitlines()
    lead = PLANS_LEADS[template_id]
    plan_lines = [line for line in lines if lead in line]
    assert len(plan_lines) == 1, plan_lines
    tasks = [a.title for a, planned in zip(wb.achievements, planned_rows(wb, TODAY), strict=True) if planned]
    for title in tasks:
        # told once, as a task: never in a paragraph that tells work done (前期…、主要工作有…)
        assert [line for line in lines if title in line] == plan_lines, title
    assert "召开党史学习教育动员会" not in plan_lines[0]  # the meeting held is not a task


@pytest.mark.parametrize("template_id", _forward_templates_with_mentions())
def test_a_ledger_of_results_gets_no_task_paragraph(template_id: str) -> None:
    markup = _render(template_id, RESULTS)
    assert PLANS_LEADS[template_id] not in markup
    assert "以下工作的落实情况" not in markup and "重点安排以下内容" not in markup
    for told in ("6个", "12次", "党员示范岗创建"):  # the results are still told, figures and all
        assert told in markup, told


#: Templates whose title names the year they plan (关于做好2022年…的通知, 2022年…计划).
YEAR_IN_TITLE = ["zz-djyd-tongzhi", "zz-zxz-jihua", "sx-qnxx-fangan", "sx-xingshi-tongzhi",
                 "zs-fzdy-jihua", "zs-peixun-jihua", "jl-dflz-tongzhi"]  # fmt: skip


@pytest.mark.parametrize("template_id", YEAR_IN_TITLE)
def test_a_plan_for_a_task_ledger_is_titled_with_the_ledgers_own_year(template_id: str) -> None:
    tasks_title = _render(template_id, TASKS).splitlines()[0]
    assert "2021年" in tasks_title and "2022年" not in tasks_title, tasks_title
    assert "2025年" in _render(template_id, RESULTS).splitlines()[0]


def test_a_yearly_notice_for_a_task_ledger_sets_its_milestones_in_the_year() -> None:
    # the ledger's own year is planned (`next_span` is then 全年): 年初…年中…年底, not 期初…期末
    markup = _render("jl-dflz-tongzhi", TASKS)
    assert "年初分解任务、年中督导检查、年底考核评价" in markup
    assert "年初分解任务" in _render("jl-dflz-tongzhi", RESULTS)


# ---------------------------------------------------------------- the parts of a plan

PARTY_DAY = """\
unit: 机关党总支
period: 2016年
achievements:
  - title: 每月第二个星期五为主题党日
    category: 组织建设
  - title: 各党支部在职党员全员参加
    category: 组织建设
  - title: 以党支部为单位组织活动
    category: 组织建设
  - title: 集中学习研讨
    category: 思想建设
  - title: 开展廉政警示教育
    category: 纪律建设
  - title: 机关党总支负总责，各党支部书记为第一责任人
    category: 组织建设
"""


@pytest.mark.parametrize(
    ("title", "part"),
    [
        ("每月第二个星期五为主题党日", "时间"),
        ("各党支部于5月31日前开展活动", "时间"),
        ("第一阶段全面学习党史", "时间"),
        ("全体党员（含预备党员）参加", "对象"),
        ("吸收流动党员、入党积极分子和群众代表参加学习", "对象"),
        ("以工会小组为单位自行组织活动", "方式"),
        ("机关党总支负总责，各党支部书记为第一责任人", "组织"),
        ("成立党史学习教育领导小组", "组织"),
        ("集中学习研讨", "内容"),
        ("组织党员参加义务植树", "内容"),  # 参加 inside an activity is no list of participants
        ("开展廉政警示教育", "内容"),
    ],
)
def test_each_row_goes_to_the_part_of_the_plan_it_is_about(title: str, part: str) -> None:
    from assistant.compose.planparts import plan_part
    from assistant.ledger.workbook import Achievement

    assert plan_part(Achievement(title, "组织建设", [])) == part


def test_a_deadline_in_the_detail_does_not_make_an_activity_a_time() -> None:
    from assistant.compose.planparts import plan_part
    from assistant.ledger.workbook import Achievement

    row = Achievement("缴纳5月党费", "组织建设", [], detail="党支部统一收取，5月20日前交至二级党组织")
    assert plan_part(row) == "内容"


def _section(markup: str, heading: str) -> str:
    """The text under `## heading` up to the next `## `."""
    m = re.search(rf"^## {heading}\n(.*?)(?=^## |\Z)", markup, re.M | re.S)
    assert m, heading
    return m.group(1)


def test_a_party_day_plan_puts_each_row_under_its_part() -> None:
    markup = _render("zs-ztdr-fangan", PARTY_DAY)
    assert "每月第二个星期五为主题党日" in _section(markup, "活动时间和地点")
    assert "各党支部在职党员全员参加" in _section(markup, "参加人员")
    assert "以党支部为单位组织活动" in _section(markup, "活动方式")
    content = _section(markup, "活动内容")
    assert "集中学习研讨" in content and "开展廉政警示教育" in content
    assert "负总责" not in content and "负总责" in _section(markup, "工作要求")


@pytest.mark.parametrize(
    ("title", "detail", "part"),
    [
        # the campaign's window: done 集中 and said by its dates alone
        ("集中开展冬季健身活动", "2015年11月1日至12月10日", "时间"),
        ("集中开展调研", "11月10日至20日", "时间"),
        ("集中开展冬季健身活动", "乒乓球、羽毛球、网球等", "内容"),  # what is done, not when
        ("开展专题培训", "3月1日至3月5日", "内容"),  # an activity with its dates stays an activity
        # a team that runs the work, not one that does an activity
        ("成立州总工会调研组", "党组书记任组长，各部室负责人为成员", "组织"),
        ("组建工作专班", "", "组织"),
        ("形成调研报告", "", "内容"),
        ("组建青年突击队", "", "内容"),
    ],
)
def test_a_window_and_a_team_that_runs_the_work_have_their_parts(title: str, detail: str, part: str) -> None:
    from assistant.compose.planparts import plan_part
    from assistant.ledger.workbook import Achievement

    assert plan_part(Achievement(title, "组织建设", [], detail=detail)) == part


#: Where each forward template puts the rows of each part other than 内容: a section (`## …`), a
#: subsection (`### …`) or the line holding a run-in lead (`**…。**`, `压实工作责任。`). A part left out
#: has no place of its own in the genre and is told with the activities (the line of its
#: `PLANS_LEADS` lead).
PLACES: dict[str, dict[str, str]] = {
    "zs-ztdr-fangan": {"时间": "## 活动时间和地点", "对象": "## 参加人员", "方式": "## 活动方式", "组织": "## 工作要求"},
    "sx-dushu-fangan": {"时间": "## 活动时间", "对象": "## 参加人员", "方式": "## 活动方式", "组织": "**加强组织领导。**"},
    "sx-qnxx-fangan": {"时间": "## 活动时间", "对象": "## 参加人员", "方式": "## 活动方式", "组织": "**加强组织领导。**"},
    "xc-fabuhui-fangan": {"时间": "## 活动时间", "对象": "## 参加人员", "方式": "## 活动方式", "组织": "## 职责分工"},
    "sx-xingshi-tongzhi": {"时间": "**宣讲时间。**", "对象": "**宣讲对象。**", "方式": "**宣讲方式。**",
                           "组织": "加强领导，明确责任。"},
    "jl-jieri-tongzhi": {"组织": "## 落实工作责任"},
    "qt-kunnan-tongzhi": {"方式": "## 慰问方式和标准", "组织": "### 加强组织领导"},
    "xc-gaojian-tongzhi": {"组织": "## 有关要求"},
    "zs-huanjie-tongzhi": {"时间": "## 换届范围和时间", "对象": "## 换届范围和时间", "组织": "**落实主体责任。**"},
    "jl-dflz-tongzhi": {"组织": "### 压实主体责任"},
    "zz-djyd-tongzhi": {"组织": "压实工作责任。"},
    "zz-diyiyiti-fangan": {"时间": "## 实施步骤", "对象": "## 参加范围", "组织": "### 加强组织领导"},
    "zz-mzshh-fangan": {"时间": "## 实施步骤", "对象": "## 参加人员", "组织": "### 加强组织领导"},
    "sx-yishixingtai-fangan": {"时间": "## 实施步骤", "组织": "**加强组织领导。**"},
    "sx-zhutijiaoyu-fangan": {"时间": "## 实施步骤", "对象": "## 参加范围", "组织": "## 保障措施"},
    "zs-biaozhunhua-fangan": {"时间": "## 实施步骤", "对象": "## 参加范围", "组织": "一是加强组织领导。"},
    "zs-huanjie-fangan": {"时间": "## 实施步骤", "对象": "## 参加范围", "组织": "**加强组织领导。**"},
    "zs-xingji-fangan": {"时间": "## 实施步骤", "对象": "## 参加范围", "组织": "### 压实创建责任"},
    "qt-qingnian-fangan": {"时间": "## 实施步骤", "对象": "## 参加范围", "组织": "**加强组织领导。**"},
    "zf-diaoyan-fangan": {"时间": "## 实施步骤", "方式": "### 改进调研方式", "组织": "**强化组织领导。**"},
}  # fmt: skip

#: One row of each part (and a second activity).
ONE_OF_EACH = {
    "时间": "每月第二个星期五为主题党日",
    "对象": "各党支部在职党员全员参加",
    "方式": "以党支部为单位组织活动",
    "内容": "集中学习研讨",
    "组织": "机关党总支负总责，各党支部书记为第一责任人",
}


def _place(markup: str, where: str) -> str:
    """The text at `where`: a section or subsection up to the next heading of its level or above,
    otherwise the line that holds `where`."""
    if where.startswith("#"):
        level = len(where) - len(where.lstrip("#"))
        m = re.search(rf"^{re.escape(where)}\n(.*?)(?=^#{{2,{level}}} |\Z)", markup, re.M | re.S)
        assert m, where
        return m.group(1)
    lines = [line for line in markup.splitlines() if where in line]
    assert len(lines) == 1, (where, lines)
    return lines[0]


def test_every_template_that_sorts_the_plan_is_told_where_its_parts_go() -> None:
    assert sorted(PLACES) == sorted(t.id for t in load_catalog().all() if "plan_parts" in t.body)


@pytest.mark.parametrize("template_id", sorted(PLACES))
def test_each_row_of_a_plan_lands_under_its_part_and_only_there(template_id: str) -> None:
    from assistant.compose.planparts import plan_part
    from assistant.ledger.workbook import Achievement

    for part, title in ONE_OF_EACH.items():  # the ledger has one row of each part
        assert plan_part(Achievement(title, "组织建设", [])) == part, title
    markup = _render(template_id, PARTY_DAY)
    lines = markup.splitlines()
    # the line of the lead (重点抓好以下工作：…), which names TASKS' year and unit in PLANS_LEADS
    tasks = _place(markup, PLANS_LEADS[template_id][PLANS_LEADS[template_id].rindex("重点") :])
    assert "集中学习研讨" in tasks and "开展廉政警示教育" in tasks  # the activities under their lead
    for part, title in ONE_OF_EACH.items():
        # every row reaches the document, once
        assert len([line for line in lines if title in line]) == 1, (part, title)
        where = PLACES[template_id].get(part)
        if where is None:  # no place of its own in this genre: told with the activities
            assert title in tasks, (part, title)
        else:
            assert title in _place(markup, where), (part, where)
            assert title not in tasks, (part, title)


#: The template's own words on when or who leads, which a ledger row on it replaces (they could
#: contradict it); kept when the ledger says nothing of it.
REPLACED = {
    "sx-dushu-fangan": "各党支部书记是本支部读书活动的第一责任人",
    "xc-fabuhui-fangan": "具体时间另行通知",
    "zs-huanjie-tongzhi": "于年底前完成换届工作",
    "jl-dflz-tongzhi": "各党支部书记对本支部党风廉政建设负总责",
    "zz-djyd-tongzhi": "各党组织书记要切实履行第一责任人职责",
    "zz-diyiyiti-fangan": "履行第一责任人职责，带头领学促学",
    "zz-mzshh-fangan": "是开好民主生活会的第一责任人",
    "sx-yishixingtai-fangan": "成立意识形态工作领导小组",
    "sx-zhutijiaoyu-fangan": "对主题教育负总责",
    "zs-biaozhunhua-fangan": "履行主体责任",
    "zs-huanjie-fangan": "是换届工作第一责任人",
    "zs-xingji-fangan": "对创建工作负总责",
    "qt-qingnian-fangan": "成立创建工作领导小组",
}


@pytest.mark.parametrize("template_id", sorted(REPLACED))
def test_a_row_on_when_or_who_leads_takes_the_place_of_the_templates_own_words(template_id: str) -> None:
    words = REPLACED[template_id]
    assert words in _render(template_id, RESULTS)
    assert words in _render(template_id, TASKS)  # activities alone change nothing there
    assert words not in _render(template_id, PARTY_DAY)


#: Places a template opens only for rows of that part: a ledger without such rows gets no empty one.
OPENED_BY_PARTS = {
    "zs-ztdr-fangan": ["## 活动方式"],
    "sx-dushu-fangan": ["## 活动方式"],
    "sx-qnxx-fangan": ["## 活动方式"],
    "xc-fabuhui-fangan": ["## 活动方式", "## 职责分工"],
    "sx-xingshi-tongzhi": ["**宣讲对象。**", "加强领导，明确责任。"],
    "qt-kunnan-tongzhi": ["### 加强组织领导"],
    "sx-zhutijiaoyu-fangan": ["## 参加范围"],
    "zz-diyiyiti-fangan": ["## 参加范围"],
    "zz-mzshh-fangan": ["## 参加人员"],
    "zs-biaozhunhua-fangan": ["## 参加范围"],
    "zs-huanjie-fangan": ["## 参加范围"],
    "zs-xingji-fangan": ["## 参加范围"],
    "qt-qingnian-fangan": ["## 参加范围"],
}


@pytest.mark.parametrize("template_id", sorted(OPENED_BY_PARTS))
def test_a_place_for_a_part_is_opened_only_when_a_row_goes_there(template_id: str) -> None:
    for where in OPENED_BY_PARTS[template_id]:
        assert where in _render(template_id, PARTY_DAY), where
        assert where not in _render(template_id, RESULTS), where
        assert where not in _render(template_id, TASKS), where



ROUTINES = """\
unit: 市人大机关党委
period: 2023年
achievements:
  - title: 每月制定具体实施方案，报上级党委审查后实施
  - title: 每年组织村党员外出参观考察一次
  - title: 定期为村党员讲党课
  - title: 每季度和村支部开展一次主题党日活动
    detail: 在完成规定动作的基础上创新活动载体
  - title: 年底进行总结检查，评估党建工作计划执行效果
"""


def test_a_plan_for_a_ledger_of_routines_tells_them_as_arrangements_not_as_work_done() -> None:
    """renda: a plan's routines (每月…, 每年…, 年底…) read neither as done nor as to do; a
    forward-looking document then takes them as its arrangements, never as “主要工作有：…”
    done. 在完成规定动作的基础上 reports nothing done."""
    wb = loads_workbook(ROUTINES, "台账.yaml")
    assert planned_rows(wb, TODAY, forward=True) == [True] * 5
    markup = _render("zs-biaozhunhua-fangan", ROUTINES)
    past = re.search(r"主要工作有[^\n]*", markup)
    assert past is None or "每月制定具体实施方案" not in past.group(0)
    assert "每月制定具体实施方案" in markup


def test_a_kept_arrangement_reads_the_tense_again_when_the_title_field_changes() -> None:
    """The TUI keeps the arrangement while fields are typed; the split into done and to do is
    kept with it, but a title naming the genre (标题: …总结) is read again."""
    from assistant.compose.pipeline import arrange

    template = load_catalog().get("zz-djyd-tongzhi")
    wb = loads_workbook(TASKS, "台账.yaml")
    kept = arrange(template, wb, 0, wb.unit, wb.period or "")
    first = compose_markup(template, wb, arranged=kept).markup
    assert "重点抓好以下工作" in first
    assert compose_markup(template, wb, arranged=kept).markup == first  # the split is reused
    wb.fields["标题"] = "2021年党史学习教育工作总结"  # now a report of work done
    again = compose_markup(template, wb, arranged=kept).markup
    assert again == compose_markup(template, wb).markup
    assert "重点抓好以下工作" not in again


def test_a_task_keeps_its_time_and_owner() -> None:
    """A plan's task item says when and who is responsible (content a drafter entered is not lost);
    what the sentence says already is not repeated."""
    from assistant.compose.views import achievement_view
    from assistant.ledger.workbook import Achievement
    from assistant.templating.filters import task

    a = Achievement("举办首届妇女儿童摄影书画展", date=dt.date(2010, 3, 1), owner="县妇联、县妇儿工委", detail="地点县委大门口")
    assert task(achievement_view(a)) == "举办首届妇女儿童摄影书画展，地点县委大门口。（时间：2010年3月1日；责任单位：县妇联、县妇儿工委）"
    said = Achievement("县妇联举办书画展", date=dt.date(2010, 3, 1), owner="县妇联", detail="3月1日开幕")
    assert task(achievement_view(said)) == achievement_view(said).sentence
