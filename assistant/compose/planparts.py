"""The parts of a plan a task row belongs to: 时间, 对象, 方式, 内容, 组织.

A 台账 kept for a notice or an activity plan does not only list activities. Some rows say when
(每月第二个星期五为主题党日, 各党支部于5月31日前开展活动), who takes part (全体党员（含预备党员）参加),
how (以党支部为单位组织活动) or who leads (机关党总支负总责，各党支部书记为第一责任人). An author puts
them under 时间安排, 参加对象, 活动方式 and 组织领导, and the activities under 活动内容. A template that
names `plan_parts` gets the rows still to do (`plans`) sorted so, by the strongest signal each row
carries; a row with none is 内容. Only clear signals count: a part read wrongly is a visible error,
and an activity left among the activities never is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

#: The parts, in the order a notice sets them out.
PARTS: tuple[str, ...] = ("时间", "对象", "方式", "内容", "组织")

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # who leads and answers for it
    (
        "组织",
        re.compile(
            r"负总责|第一责任人|直接责任人|主体责任|领导小组|组织领导|牵头负责|分工负责|统筹协调"
            r"|加强对.{1,20}的领导|纳入.{0,8}考核|督促指导|督导检查"
            # a team that runs the work (成立州总工会调研组), not one that does an activity (组建突击队)
            r"|^(?:成立|组建).{0,12}(?:调研组|工作专班|督导组)"
        ),
    ),
    # when: a recurring day, a deadline, a stage
    (
        "时间",
        re.compile(
            r"^每[月周年季].{0,8}(?:星期|周)[一二三四五六日天]|为主题党日$|\d{1,2}月\d{1,2}日(?:之?前|以前)"
            r"|^第[一二三四五]阶段|时间安排|^活动时间"
        ),
    ),
    # who takes part
    (
        "对象",
        re.compile(
            r"(?:全员|全体.{0,12}|均须|均应|积极)参加$|参加对象|参加范围|^参加人员|（含预备党员）参加"
            r"|^(?:吸收|邀请).{2,30}参加"
        ),
    ),
    # how it is organised
    (
        "方式",
        re.compile(r"^以.{1,10}为单位|采取.{1,12}(?:方式|形式)|^活动方式|线上线下相结合|集中与分散相结合"),
    ),
)


#: The window of the whole campaign: a row that does it “集中” and says nothing but when
#: (集中开展冬季健身活动｜2015年11月1日至12月10日) is what an author puts under 活动时间.
_WINDOW_TITLE = re.compile(r"^集中(?:开展|进行|组织)")
_SPAN = re.compile(
    r"(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?(?:至|到|—|－|-|~|～)(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日?"
)


def plan_part(a: Any) -> str:
    """The part of a plan the row belongs to (one of `PARTS`): the first pattern its title (or,
    but for 时间, its title and detail) matches; 内容 when none does. A row that opens with 集中开展
    and whose detail is only a span of dates is the campaign's window (时间)."""
    title = str(getattr(a, "title", "") or "")
    detail = str(getattr(a, "detail", "") or "")
    for part, pattern in _PATTERNS:
        if pattern.search(title):
            return part
        if part == "时间" and _WINDOW_TITLE.search(title) and _SPAN.fullmatch(detail.strip().rstrip("。")):
            return part
        # a deadline in the detail is when the activity is due, not what the row is about
        if part != "时间" and detail and pattern.search(f"{title}，{detail}"):
            return part
    return "内容"


def plan_parts(rows: Sequence[Any], views: Sequence[Any]) -> dict[str, list[Any]]:
    """{part: the views of the rows in it}, every part of `PARTS` present (empty when no row is
    in it), rows in workbook order."""
    parts: dict[str, list[Any]] = {p: [] for p in PARTS}
    for a, v in zip(rows, views, strict=True):
        parts[plan_part(a)].append(v)
    return parts
