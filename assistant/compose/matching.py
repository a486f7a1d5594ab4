"""Matching a workbook to templates and grouping achievements into sections.

- `suggest(workbook, templates)`: templates ranked for the workbook, each with reasons in Chinese
  ("台账中作风建设事项占60%").
- `group_achievements(...)`: achievements split into at most N balanced, non-empty sections,
  honouring each achievement's `section` override; deterministic.
- `keywords(achievements)`: content words, for choosing headings that fit a section.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from typing import Any, Protocol

from assistant.compose.grouping import MAX_CLUSTERED, cluster
from assistant.errors import WenmiError
from assistant.ledger.categorize import AchievementLike, words
from assistant.ledger.numfmt import chinese_to_number

#: Document types that report what was done (a workbook full of figures fits them).
REPORTING_DOCTYPES = frozenset({"工作总结", "工作报告", "经验材料", "宣传报道", "述职报告", "调研报告"})


#: Document types that plan what to do (fit a workbook with few or no achievements).
PLANNING_DOCTYPES = frozenset({"实施方案", "工作方案", "活动方案", "通知", "整改方案", "计划表", "考核细则"})


class TemplateLike(Protocol):
    """What suggest() needs of a template (assistant.templating.Template has these)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def doctype(self) -> str: ...
    @property
    def keywords(self) -> Sequence[str]: ...
    @property
    def description(self) -> str: ...


def _achievement_text(a: AchievementLike) -> str:
    return " ".join([a.title or "", " ".join(a.tags or ()), a.detail or ""])


@dataclass
class Suggestion:
    """A template proposed for a workbook, with a score in [0, 1] and the reasons, in Chinese."""

    id: str
    name: str
    category: str
    doctype: str
    score: float
    reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


#: A verb of completion, a recognition or a perfective 了: the row reports what was done.
_DONE = re.compile(
    r"(?<!在)完成(?![^，。；]{0,12}的?基础上)|建成|获评|荣获|获得(?!感)|入选|累计|共计|已经?|受到|成功|首个|首家|首批|连冠|夺冠|被评为|先后"
    r"|取得(?:了|明显|显著|良好)|(?<=[\u4e00-\u9fff])(?<![为除罢])了(?![解结])"
)
#: An intention, a duty or a permission: the row says what is to be done (拟, 力争, 须, 也可…).
_INTENT = re.compile(
    r"将要|将于|将在|即将|拟|计划(?:于|在|开展|举办|组织|完成)|力争|预计|准备|打算|务必|必须|须|需经|应当|不得|严禁"
    r"|也可|均可|可根据|可采取|可适当"
)
#: A deadline (5月20日前, 前完成, 截止): the row is an arrangement, not a record. A deadline that
#: recurs (每月25日前) is a routine.
_DEADLINE = re.compile(
    r"(?<![\d每])\d{1,2}月(?:\d{1,2}日)?(?:之前|以前|前)|(?<![\d月每])\d{1,2}日(?:之前|前)|前完成|截止"
)
#: A metric label that states a target (预计参与, 力争达到, 不低于).
_TARGET_LABEL = re.compile(r"预计|力争|确保|不低于|不少于|至少")
#: Qualifiers of a floor (a target) and of a counted result (600余条, 累计1131人次).
_FLOORS = frozenset({"至少", "不少于"})
_COUNTED = frozenset({"余", "多", "近", "约", "超", "逾", "超过", "将近", "累计", "共", "共计", "合计", "总计"})
#: A figure per period or per person (每月1次, 每名党员1篇): a routine, as true of a plan as of an
#: established mechanism, so it says nothing about tense.
_ROUTINE = re.compile(r"每[年月周季天日半次期名人个户]|每个?季度|每学期|常态化|定期")
#: A row with neither figures nor a date that opens with one of these is a task still to do.
_PLAN_VERB = re.compile(r"^(?:深化|持续|探索|倡导|培育|打造|健全|完善|推动|推进|加强|坚持|强化|做好|大兴|经常性|进一步|着力|积极)")
#: Words of a method or mechanism, what an experience article is written about.
_METHOD = re.compile(r"机制|工作法|模式|品牌|体系|路径|“[一二三四五六七八九十\d]")
#: How often each genre is what a workbook of its tense is written up as (a prior, not a rule).
GENRE_PRIOR: dict[str, float] = {
    "工作总结": 1.0, "经验材料": 1.0, "宣传报道": 1.0, "工作报告": 0.8, "调研报告": 0.5, "述职报告": 0.5,
    "实施方案": 0.9, "工作方案": 0.9, "活动方案": 0.85, "通知": 0.85, "计划表": 0.75, "考核细则": 0.5,
}  # fmt: skip
#: Problems to correct: a workbook of these calls for a rectification plan.
_PROBLEM = re.compile(r"问题|不足|短板|差距|整改|薄弱|不到位|不够|不全|不规范|有待|欠缺|缺乏")

#: Document types for each tense; the rest (讲话稿, 会议纪要…) fit either.
RETROSPECTIVE_DOCTYPES = REPORTING_DOCTYPES
FORWARD_DOCTYPES = PLANNING_DOCTYPES - {"整改方案"}

#: Fields whose value names the document a workbook is kept for (标题: 2024年党建工作要点).
TITLE_FIELDS = ("标题", "题目", "文件名称", "名称", "主题", "活动名称", "活动主题", "会议名称")
#: Fields that hold the document's date (成文日期).
DATE_FIELDS = ("日期", "成文日期", "印发日期", "发文日期")
#: Words of a title or a file name that name a genre, with the document types they mean, first
#: match first (实施方案 before 方案; 计划完成情况 is a report on a plan, not a plan).
GENRE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("计划完成情况", ("工作报告",)), ("计划执行情况", ("工作报告",)), ("完成情况", ("工作报告",)),
    ("落实情况", ("工作报告",)),
    ("实施方案", ("实施方案",)), ("工作方案", ("工作方案",)), ("活动方案", ("活动方案",)),
    ("整改方案", ("整改方案",)), ("整改清单", ("整改方案",)), ("问题清单", ("整改方案",)),
    ("方案", ("实施方案", "工作方案", "活动方案")), ("要点", ("通知", "计划表")),
    ("计划", ("计划表",)), ("工作安排", ("计划表",)), ("任务书", ("计划表",)), ("通知", ("通知",)),
    ("述职", ("述职报告",)), ("调研报告", ("调研报告",)), ("调查报告", ("调研报告",)),
    ("经验", ("经验材料",)), ("做法", ("经验材料",)), ("总结", ("工作总结",)), ("小结", ("工作总结",)),
    ("报道", ("宣传报道",)), ("简报", ("宣传报道",)), ("情况报告", ("工作报告",)), ("工作报告", ("工作报告",)),
    ("汇报", ("工作报告",)), ("细则", ("考核细则",)),
)  # fmt: skip


@dataclass(frozen=True)
class Tense:
    """Whether a workbook records what was done (retrospective) or what is to be done (forward).

    `certainty` runs from 0 (nothing tells) to 1 (decided); the genres of the other tense keep
    some fit below 1. `reason` says in Chinese which signal decided; `signal` names it
    ("title", "future", "date", "rows", "bare", "none", "empty").
    """

    kind: str
    reason: str
    problems: bool
    certainty: float = 1.0
    signal: str = "rows"


@dataclass(frozen=True)
class _Row:
    """What one row says about tense: 0–2 points each way, and the words that said it."""

    result: int
    plan: int
    routine: bool
    plan_words: tuple[str, ...]

    @property
    def bare(self) -> bool:
        """Only what is to be done: no figure, no date, no word of a result or of a plan."""
        return not self.result and not self.plan and not self.routine


Ymd = tuple[int, int, int]


def _ymd(value: Any) -> Ymd | None:
    """A date as (year, month, day), a missing month or day taken as the first; None if not a date."""
    from assistant.ledger.numfmt import parse_date

    if value is None or value == "":
        return None
    parts = parse_date(value)
    if parts is None:
        return None
    year, month, day = parts
    return year, month or 1, day or 1


def _read_row(a: AchievementLike, doc_date: Ymd | None, today: Ymd) -> _Row:
    text = f"{a.title} {a.detail or ''}"
    result = plan = 0
    routine = bool(_ROUTINE.search(text))
    plan_words: list[str] = []
    if _DONE.search(text):
        result = 2
    for metric in a.metrics:
        label, qualifier = metric.label or "", metric.qualifier or ""
        target = _TARGET_LABEL.search(label)
        if qualifier in _FLOORS or target:
            plan = 2
            plan_words.append(qualifier if qualifier in _FLOORS else target.group(0) if target else "")
        elif qualifier == "以上":
            plan = max(plan, 1)
            plan_words.append("以上")
        elif _ROUTINE.search(label):
            routine = True
        elif qualifier in _COUNTED:
            result = 2
        else:
            result = max(result, 1)
    for pattern in (_INTENT, _DEADLINE):
        if m := pattern.search(text):
            plan = 2
            plan_words.append(m.group(0))
    date = _ymd(getattr(a, "date", None))
    if date and not _DEADLINE.search(text):
        if date > today:
            plan = 2
            plan_words.append("日期在今天之后")
        elif doc_date and date > doc_date:
            plan = 2
            plan_words.append("日期在成文日期之后")
        else:  # a dated figure is a result; a date alone, likely one
            result = max(result, 2 if result else 1)
    if not a.metrics and not date and not result and not plan and (m := _PLAN_VERB.search(a.title)):
        plan = 1
        plan_words.append(m.group(0))
    return _Row(result, plan, routine, tuple(w for w in plan_words if w))


def _period_span(period: str) -> tuple[Ymd, Ymd] | None:
    """First and last day of a period (2022年, 2022年上半年, 2023年第一季度, 2023年5月), None if unknown."""
    import calendar

    from assistant.compose.wording import parse_period

    text = (period or "").strip()
    if not text:
        return None
    if m := re.fullmatch(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:份)?", text):
        year, first = int(m.group(1)), int(m.group(2))
        last = first
    else:
        parsed = parse_period(text)
        if parsed.end is None or parsed.year is None:
            return None
        year, last = parsed.end
        first = {"half2": 7, "quarter": 3 * parsed.quarter - 2}.get(parsed.kind, 1)
        if parsed.kind == "months" and (m := re.search(r"(\d{1,2})\s*[-—~至到]\s*\d{1,2}\s*月", text)):
            first = int(m.group(1))
    if not (1 <= first <= last <= 12):
        return None
    return (year, first, 1), (year, last, calendar.monthrange(year, last)[1])


def _title_genres(workbook: Any) -> tuple[str, str, tuple[str, ...]] | None:
    """(where, text, document types) when a title field or the file name names a genre."""
    fields = getattr(workbook, "fields", {}) or {}
    sources = [(f"的{name}", str(fields[name])) for name in TITLE_FIELDS if isinstance(fields.get(name), str)]
    path = getattr(workbook, "path", None)
    if path is not None:
        sources.append(("的文件名", str(getattr(path, "stem", path))))
    for where, text in sources:
        found: list[str] = []
        rest = text
        for word, doctypes in GENRE_WORDS:
            if word in rest:
                found += [d for d in doctypes if d not in found]
                rest = rest.replace(word, "")
        if found:
            return where, text, tuple(found)
    return None


def _tense_of(doctype: str) -> str | None:
    if doctype in RETROSPECTIVE_DOCTYPES:
        return "retrospective"
    if doctype in FORWARD_DOCTYPES:
        return "forward"
    return None


def _examples(words: Iterable[str], limit: int = 3) -> str:
    seen: list[str] = []
    for w in words:
        if w not in seen:
            seen.append(w)
    return "、".join(seen[:limit])


def workbook_tense(workbook: Any, today: _dt.date | None = None) -> Tense:
    """Whether the workbook records results or tasks, and which signal decided, first that tells:

    1. a title field (标题, 主题, 活动名称…) or the file name naming a genre (2024年工作要点.xlsx);
    2. a period that starts after today;
    3. the rows: verbs of completion, counted figures (600余条) and dates read as results;
       intentions (拟, 须, 也可), deadlines (5月20日前), floors (不少于, 至少) and dates after
       today or after the document's date read as tasks; a routine (每月1次) reads as neither;
    4. a list of bare tasks: when no row reports a result and most rows have no figure, no date
       and no word either way, the workbook reads as an arrangement of work to do;
    5. the document's date (fields 日期) before its period ends (a plan) or after (a report).

    `problems` when most rows name problems to correct.
    """
    rows = list(getattr(workbook, "achievements", []))
    if not rows:
        return Tense("forward", "台账还没有成效事项", False, 1.0, "empty")
    n = len(rows)
    problems = sum(
        1 for a in rows if _PROBLEM.search(f"{a.title}{a.detail or ''}{''.join(a.tags or ())}")
    )
    has_problems = problems * 2 > n
    titled = _title_genres(workbook)
    if titled:
        where, text, genres = titled
        kinds = {k for k in map(_tense_of, genres) if k}
        if len(kinds) == 1:
            kind = kinds.pop()
            reason = f"台账{where}“{text}”写明是{'、'.join(genres)}"
            return Tense(kind, reason, has_problems, 1.0, "title")
    today_ymd = (today or _dt.date.today()).timetuple()[:3]
    period = str(getattr(workbook, "period", "") or "")
    fields = getattr(workbook, "fields", {}) or {}
    doc_value = next((fields[k] for k in DATE_FIELDS if fields.get(k)), None)
    doc_date = _ymd(doc_value)
    span = _period_span(period)
    end = span[1] if span else None
    if span and span[0] > today_ymd:
        return Tense("forward", f"台账的时期“{period}”还没有开始", has_problems, 1.0, "future")
    read = [_read_row(a, doc_date, today_ymd) for a in rows]
    result = sum(r.result for r in read)
    plan = sum(r.plan for r in read)
    results = [r for r in read if r.result and not r.plan] or [r for r in read if r.result]
    plans = [r for r in read if r.plan]
    bare = [r for r in read if r.bare]
    strong_results = sum(1 for r in read if r.result == 2)
    # which signal carries each side, by its weight
    retro_signals: list[tuple[float, str, str]] = []
    forward_signals: list[tuple[float, str, str]] = []
    if result:
        retro_signals.append((result, "rows", f"台账{n}项中{len(results)}项是已取得的成效"))
    if plan:
        words = _examples(w for r in read for w in r.plan_words) or "打算"
        forward_signals.append((plan, "rows", f"台账{n}项中{len(plans)}项写的是目标或要求（{words}）"))
    # bare tasks read as tasks when nothing reports a result, or when some rows set targets or
    # requirements and at most one row in eight reports a result
    unreported = sum(1 for r in read if not r.result)
    if (not strong_results and len(bare) * 4 >= n * 3) or (
        bare and strong_results * 8 <= n and unreported * 4 >= n * 3 and any(r.plan == 2 for r in read)
    ):
        forward_signals.append(
            (len(bare), "bare", f"台账{n}项中{len(bare)}项只写了要做的事，没有数字、日期或“完成”一类字样")
        )
    if doc_date and end:
        if doc_date < end:
            forward_signals.append((3, "date", f"成文日期{doc_value}在时期“{period}”结束之前，是事先的安排"))
        else:
            retro_signals.append((3, "date", f"成文日期{doc_value}在时期“{period}”结束之后，记的是已做的工作"))
    retro = sum(w for w, _s, _r in retro_signals)
    forward = sum(w for w, _s, _r in forward_signals)
    margin = retro - forward
    if margin == 0:
        reason = f"台账看不出是已做还是要做（写成效的{len(results)}项、写目标或要求的{len(plans)}项）"
        return Tense("retrospective", reason, has_problems, 0.0, "none")
    kind = "retrospective" if margin > 0 else "forward"
    winning = retro_signals if margin > 0 else forward_signals
    weight, signal, reason = max(winning, key=lambda s: s[0])
    certainty = min(1.0, abs(margin) / max(2.0, n / 2))
    if {s for _w, s, _r in winning} == {"bare"}:
        certainty = min(certainty, 0.7)  # nothing was said either way: keep the reports in view
    return Tense(kind, reason, has_problems, round(certainty, 3), signal)


def planned_rows(workbook: Any, today: _dt.date | None = None, *, forward: bool = False) -> list[bool]:
    """For each row of the workbook, whether it states work still to do rather than work done.

    A row of intention, deadline, target or a date to come (拟, 5月20日前, 不少于) is to do, and
    so is a bare row (no figure, no date, no word either way) in a workbook that reads as tasks
    (`workbook_tense`); a row that reports a result, or a bare row in a workbook of results, is
    done. A forward-looking document tells the first kind as its tasks, never as work done.

    `forward`: the rows are for a forward-looking document. Then a workbook whose tense is in
    doubt reads as tasks too: telling a plan's arrangement (每月制定具体实施方案) as work done is a
    claim nobody made, telling work done as a task claims nothing."""
    rows = list(getattr(workbook, "achievements", []))
    if not rows:
        return []
    tense = workbook_tense(workbook, today)
    tasks = tense.kind == "forward" and tense.certainty >= 0.5
    if forward and tense.certainty < 0.5:
        tasks = True
    today_ymd = (today or _dt.date.today()).timetuple()[:3]
    fields = getattr(workbook, "fields", {}) or {}
    doc_date = _ymd(next((fields[k] for k in DATE_FIELDS if fields.get(k)), None))
    out = []
    for a in rows:
        r = _read_row(a, doc_date, today_ymd)
        # in a ledger of tasks, only a plain sign of a result makes a row done: a verb of
        # completion, a counted figure, a dated figure, or the day it happened (a 动员会 on
        # 3月25日); a bare figure (调研组5人) or a month (集中开展调研, 11月) is part of the plan
        done = r.result == 2 or (r.result == 1 and _has_day(getattr(a, "date", None)))
        out.append(r.plan > r.result or (tasks and not done))
    return out


def _has_day(value: Any) -> bool:
    """Whether a date names its day (2021-03-25), not only a month or a year."""
    from assistant.ledger.numfmt import parse_date

    parts = parse_date(value) if value not in (None, "") else None
    return bool(parts and parts[2])


#: What the rows' words say about a genre beyond tense: the document type, the words, how the
#: reason names them.
_CUES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("调研报告", re.compile(r"调研|调查|问卷|座谈|走访|访谈|摸底|抽样|统计"), "调查研究"),
    ("述职报告", re.compile(r"第一责任人|书记项目|述职|履职|一岗双责"), "书记本人的履职"),
    ("通知", re.compile(
        r"参加|对象|报送|上报|\d{1,2}月\d{1,2}日?前|须|需经|不得|也可|可根据|可适当|全体党员"
        r"|各(?:党支部|党组织|二级党组织|单位|部门|基层)"), "时间、对象和要求"),
    ("实施方案", re.compile(r"阶段|步骤|领导小组|动员|分工|牵头|保障|组织领导|督导"), "阶段、分工和保障"),
    ("工作方案", re.compile(r"阶段|步骤|领导小组|动员|分工|牵头|保障|组织领导|督导"), "阶段、分工和保障"),
    ("活动方案", re.compile(r"比赛|竞赛|仪式|展演|联谊|报名|参观|观看|主题党日|演讲|晚会|运动会"), "活动安排"),
    ("考核细则", re.compile(r"考核|评分|扣分|加分|测评|评定|积分"), "考核评分"),
)  # fmt: skip


def _cues(achievements: Sequence[AchievementLike]) -> dict[str, tuple[float, str]]:
    """Each document type the rows' words point to: a strength in (0, 1] and the reason, in Chinese.

    A cue needs two rows at least; it is full when two rows in five carry it."""
    n = len(achievements)
    out: dict[str, tuple[float, str]] = {}

    def strength(k: int) -> float:
        return 0.0 if k < 2 else min(1.0, k / n / 0.4)

    texts = [f"{a.title} {a.detail or ''} {getattr(a, 'owner', None) or ''} {' '.join(a.tags or ())}" for a in achievements]
    for doctype, pattern, what in _CUES:
        hits = [m.group(0) for t in texts if (m := pattern.search(t))]
        if s := strength(len(hits)):
            out[doctype] = (s, f"台账{len(hits)}项写{what}（{_examples(hits)}），适合写成{doctype}")
    targets = sum(
        1
        for a in achievements
        if any(
            (m.qualifier or "") in _FLOORS | {"以上"} or _TARGET_LABEL.search(m.label or "") for m in a.metrics
        )
    )
    if s := strength(targets):
        out["计划表"] = (s, f"台账{targets}项的数字是目标（以上、不少于），适合写成计划表")
    # a list of arrangements and requirements with no figure at all is what a notice carries; a
    # plan (方案) sets targets
    methods = sum(
        1
        for a, t in zip(achievements, texts, strict=True)
        if _METHOD.search(t) or _ROUTINE.search(t) or any(_ROUTINE.search(m.label or "") for m in a.metrics)
    )
    if s := strength(methods):
        out["经验材料"] = (s, f"台账{methods}项写机制、方法、品牌或常态化的做法，适合提炼成经验材料")
    if not any(m for a in achievements for m in a.metrics if not _ROUTINE.search(m.label or "")):
        s, reason = out.get("通知", (0.0, ""))
        out["通知"] = (max(s, 0.5), reason or "台账没有数字，只列安排和要求，适合写成通知")
    return out


@dataclass(frozen=True)
class _Profile:
    """What suggest() needs to know about a workbook, computed once."""

    total: int
    metric_count: int
    shares: Mapping[str, int]
    text: str
    tokens: frozenset[str]
    tags: Counter[str]
    template: str | None
    field_names: frozenset[str]
    tense: Tense
    theme: str
    problems: int
    cues: Mapping[str, tuple[float, str]]
    #: The kind of organisation that keeps the workbook (团委, 工会, 党委…; `wording.org_kind`).
    org: str = ""


#: Most achievements whose title and detail are cut into words for a workbook's vocabulary.
#: Suggestions rank templates by proportions (category shares, tense, cues), which use every
#: row; the vocabulary only adds keyword matches, and a deterministic sample spread evenly over a
#: longer list finds the words that matter while keeping 10,000 rows under a second.
PROFILE_WORD_SAMPLE = 1000


def _word_sample(achievements: Sequence[AchievementLike]) -> Sequence[AchievementLike]:
    """The achievements whose words make the workbook's vocabulary: all of them up to
    PROFILE_WORD_SAMPLE, else that many spread evenly from first to last (same rows every run)."""
    n = len(achievements)
    if n <= PROFILE_WORD_SAMPLE:
        return achievements
    return [achievements[i * n // PROFILE_WORD_SAMPLE] for i in range(PROFILE_WORD_SAMPLE)]


def _profile(workbook: Any, today: _dt.date | None = None, tense: Tense | None = None) -> _Profile:
    achievements = list(getattr(workbook, "achievements", []))
    tense = tense or workbook_tense(workbook, today)
    cues = dict(_cues(achievements)) if achievements else {}
    if titled := _title_genres(workbook):
        where, text, genres = titled
        for g in genres:
            cues[g] = (1.0, f"台账{where}“{text}”写明了文种，适合写成{g}")
    shares = Counter(a.category for a in achievements if a.category)
    texts = [_achievement_text(a) for a in achievements]
    fields = getattr(workbook, "fields", {}) or {}
    texts.extend(str(v) for v in fields.values() if isinstance(v, str))
    tokens: set[str] = set()
    for a in _word_sample(achievements):
        tokens.update(words(a.title or ""))
        tokens.update(words(a.detail or ""))
    for a in achievements:
        tokens.update(t for t in a.tags or () if len(t) >= 2)
    for v in fields.values():
        if isinstance(v, str):
            tokens.update(words(v))
    tags = Counter(t for a in achievements for t in (a.tags or ()))
    return _Profile(
        total=len(achievements),
        metric_count=sum(len(a.metrics) for a in achievements),
        shares=shares,
        text="\n".join(texts),
        tokens=frozenset(tokens),
        tags=tags,
        template=getattr(workbook, "template", None),
        field_names=frozenset(str(k) for k in fields),
        tense=tense,
        theme=str(fields.get("主题") or ""),
        problems=sum(
            1 for a in achievements if _PROBLEM.search(f"{a.title}{a.detail or ''}{''.join(a.tags or ())}")
        ),
        cues=cues,
        org=_org_of(workbook),
    )


def _org_of(workbook: Any) -> str:
    from assistant.compose.wording import ORG_FIELD, org_kind

    fields = getattr(workbook, "fields", {}) or {}
    return str(fields.get(ORG_FIELD) or "").strip() or org_kind(str(getattr(workbook, "unit", "") or ""))


#: What a template keeps of its score when it is a mass organisation's own document (a 工会's
#: report to its 职代会) and the workbook is kept by another one (a 团委).
OTHER_ORG = 0.5


def _bound_org(name: str) -> str:
    """The mass organisation a template's name makes it the document of, or ""."""
    if "工会" in name:
        return "工会"
    if re.search(r"团委|共青团|团支部", name):
        return "团委"
    return ""


@lru_cache(maxsize=1024)
def _template_terms(name: str, description: str, keywords: tuple[str, ...]) -> frozenset[str]:
    return (
        frozenset(words(name)) | frozenset(words(description)) | frozenset(k for k in keywords if len(k) >= 2)
    )


#: Words in template names that say the genre or the field in general, not a kind of work.
_GENERIC_NAME_WORDS = frozenset(
    {"工作", "党建", "党支部", "支部", "党委", "年度", "专项", "活动", "实施", "方案", "总结", "报告", "通知",
     "经验", "材料", "宣传", "报道", "计划", "细则", "讲话", "纪要", "会议", "建设", "主题", "开展", "推进",
     "关于", "情况", "系列", "典型", "考核", "体例", "书记"}
)  # fmt: skip


def _theme_words(name: str, doctype: str, common: frozenset[str]) -> list[str]:
    """The words of a template's name that say what work it is about (志愿, 意识形态): not the
    genre's words, and not words that many templates' names share (`common`)."""
    return [
        w
        for w in words(name)
        if w not in _GENERIC_NAME_WORDS and w not in common and w not in doctype and len(w) >= 2
    ]


def _common_name_words(templates: Sequence[Any]) -> frozenset[str]:
    """Words in the names of three or more templates: they tell no template's theme apart."""
    counts: Counter[str] = Counter()
    for t in templates:
        counts.update(set(words(str(getattr(t, "name", "") or ""))))
    return frozenset(w for w, n in counts.items() if n >= 3)


def absent_theme(
    template: Any, achievements: Sequence[AchievementLike], catalog_names: Sequence[str], fields: Mapping[str, Any] | None = None
) -> list[str]:
    """The words of `template`'s name that say its theme (理论宣讲's 宣讲) when the workbook is not
    about it, else []: the template's framing then speaks of work the workbook never reported.
    It is about it when its fields name the theme (主题) or enough of its rows do: one in a
    workbook of up to six rows, else one in seven (a 宣讲 mentioned once in a detail of a
    ten-row workbook about 责任 does not make it a report on 宣讲). The words its fixed headings
    declare (`SectionPlan.theme_words`) say the theme when given. `catalog_names`: the names of
    the catalog's templates (words three of them share say no template's theme)."""
    if not achievements:
        return []
    common = _names_common(tuple(catalog_names))
    # the part in brackets names the form the text follows (（“四高”体例）), which it need not claim
    name = re.sub(r"[（(][^）)]*[）)]", "", str(getattr(template, "name", "") or ""))
    plan = getattr(template, "sections", None)
    declared = list(getattr(plan, "theme_words", ()) or ())
    own = declared or _theme_words(name, str(getattr(template, "doctype", "") or ""), common)
    # a field names it by its value (主题: “红帆”党建品牌) or by being filled at all (主品牌: 红帆领航)
    if not own or any(w in f"{k}{v}" for k, v in (fields or {}).items() if v not in (None, "", []) for w in own):
        return []
    rows = sum(1 for a in achievements if any(w in _achievement_text(a) for w in own))
    return own if rows < max(1, -(-len(achievements) // THEME_ROWS)) else []


#: A workbook is about a template's theme when at least one row in this many names it (`absent_theme`).
THEME_ROWS = 7


@lru_cache(maxsize=4)
def _names_common(names: tuple[str, ...]) -> frozenset[str]:
    """Words in three or more of the catalog's template names (kept: the TUI asks on every key)."""
    counts: Counter[str] = Counter()
    for name in names:
        counts.update(set(words(name)))
    return frozenset(w for w, n in counts.items() if n >= 3)


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "0%"


def _score_template(t: Any, p: _Profile, common: frozenset[str] = frozenset(), shared: frozenset[str] = frozenset()) -> Suggestion:
    tid = str(getattr(t, "id", ""))
    name = str(getattr(t, "name", tid))
    category = str(getattr(t, "category", ""))
    doctype = str(getattr(t, "doctype", ""))
    keywords = tuple(str(k) for k in (getattr(t, "keywords", None) or ()))
    description = str(getattr(t, "description", "") or "")
    reasons: list[str] = []

    # 1. category share
    n_cat = p.shares.get(category, 0)
    cat_score = n_cat / p.total if p.total else 0.0
    if n_cat:
        reasons.append(f"台账中{category}事项占{_percent(n_cat, p.total)}（{n_cat}/{p.total}项）")

    # 2. keywords: the template's own keywords found in the workbook, then words of its name/description
    hits = [k for k in keywords if k and k in p.text]
    extra = sorted(
        w
        for w in (_template_terms(name, description, keywords) & p.tokens) - set(hits) - {category, doctype}
        if not any(w in h for h in hits)
    )
    kw_weight = len(hits) + 0.5 * len(extra)
    kw_score = min(1.0, kw_weight / 3)
    matched = hits + extra
    if matched:
        reasons.append("关键词吻合：" + "、".join(matched[:6]))

    # 3. tags naming the doctype, the category or a keyword
    tag_hits = sorted(
        tag
        for tag in p.tags
        if tag in (doctype, category) or tag in keywords or (len(tag) >= 2 and tag in name)
    )
    tag_score = min(1.0, sum(p.tags[t] for t in tag_hits) / max(1, p.total) * 2)
    if tag_hits:
        reasons.append("标签吻合：" + "、".join(tag_hits[:4]))

    # 4. genre: results call for a report, tasks (or none) for a plan, problems for 整改方案; then
    #    what the title and the rows' words say of the genre (调研、述职、通知的时间和对象…)
    fit = _genre_fit(doctype, p)
    weight = _tense_weight(doctype, p.tense)
    cue, cue_reason = p.cues.get(doctype, (0.0, ""))
    cue_score = cue * (0.4 if weight is None else weight)
    if doctype == "整改方案" and p.tense.problems:
        reasons.append("台账所列多为待整改的问题，适合起草整改方案")
    elif doctype == "整改方案" and p.total == 0:
        reasons.append(f"台账还没有成效事项，适合起草{doctype}")
    elif doctype == "整改方案" and fit:
        reasons.append(f"台账{p.total}项中{p.problems}项是待整改的问题，也可起草整改方案")
    if fit >= 0.8 and doctype != "整改方案":
        reasons.append(f"{p.tense.reason}，适合写成{doctype}")
    elif fit >= 0.3 and weight is not None:
        side = _tense_of(doctype) == p.tense.kind or p.tense.signal == "none"
        reasons.append(f"{p.tense.reason}{'' if side else '，但依据不多'}，也可写成{doctype}")
    if cue_score >= 0.3:
        reasons.append(cue_reason)

    # 4b. the workbook's theme (主题) named in the template
    theme_hit = bool(p.theme) and any(k and (k in p.theme or p.theme in k) for k in (*keywords, name))
    if theme_hit:
        reasons.append(f"台账主题“{p.theme}”与模板吻合")

    # 5. slot values already filled for this template
    slot_names = _slot_names(t)
    filled = sorted((slot_names - shared) & p.field_names)
    fill_score = len(filled) / len(slot_names) if slot_names else 0.0
    if filled:
        reasons.append("台账已填写该模板的填写项：" + "、".join(filled[:5]))

    score = 0.35 * fit + 0.3 * cat_score + 0.15 * kw_score + 0.05 * tag_score + 0.1 * theme_hit
    score += 0.05 * fill_score + 0.15 * cue_score

    # 6. a template about one kind of work (志愿服务, 意识形态…) for a workbook that never mentions it
    own = _theme_words(name, doctype, common)
    if own and p.total and not any(w in p.text for w in own):
        score *= THEME_ABSENT
        reasons.append(f"{THEME_ABSENT_REASON}“{'、'.join(own[:2])}”")
    # 7. a mass organisation's own document for a workbook another one keeps (工会报告 for a 团委)
    bound = _bound_org(name)
    if bound and p.org in ("工会", "团委") and p.org != bound:
        score *= OTHER_ORG
        reasons.append(f"模板是{bound}的文件，台账单位是{p.org}")
    if p.template and p.template == tid:
        score = 1.0
        reasons.insert(0, "台账指定了此模板（template）")
    if not reasons:
        reasons.append("与台账内容关联不大")
    return Suggestion(tid, name, category, doctype, round(min(score, 1.0), 3), reasons)


def _shared_slots(templates: Sequence[Any]) -> frozenset[str]:
    """Slot names ten or more of `templates` share (日期, 落款, 主题, 主送…): a workbook that fills
    them says nothing about which of those templates it is for."""
    counts = Counter(name for t in templates for name in _slot_names(t))
    return frozenset(name for name, n in counts.items() if n >= SHARED_SLOTS)


def _slot_names(t: Any) -> set[str]:
    """The names of a template's slots (a Template's Slot objects, or mappings)."""
    slots = getattr(t, "slots", None) or ()
    return {str(getattr(s, "name", s.get("name") if isinstance(s, Mapping) else "")) for s in slots}


#: How many templates must have a slot for filling it to say nothing about which one fits.
SHARED_SLOTS = 10


#: What a template about one kind of work (换届, 困难职工, 意识形态…) keeps of its score for a
#: workbook that never mentions it: the whole document would be about something else.
THEME_ABSENT = 0.85
THEME_ABSENT_REASON = "台账没有提到模板的主题"


def _tense_weight(doctype: str, tense: Tense) -> float | None:
    """How far a document type's tense agrees with the workbook's: 1 for the workbook's tense when
    it is decided, 0 for the other one; 0.6 each when nothing tells. None for the genres of
    either tense (讲话稿, 会议纪要, 整改方案)."""
    side = _tense_of(doctype)
    if side is None:
        return None
    c = tense.certainty
    return 0.6 + 0.4 * c if side == tense.kind else 0.6 * (1.0 - c)


def _genre_fit(doctype: str, p: _Profile) -> float:
    """How well a document type suits the workbook (0 to 1): its tense, its problems, and what the
    title and the rows' words say of the genre."""
    if doctype == "整改方案":
        if p.tense.problems or p.total == 0 or p.cues.get(doctype, (0.0, ""))[0] >= 1.0:
            return 1.0
        return 0.5 if p.problems * 3 >= p.total else 0.0
    weight = _tense_weight(doctype, p.tense)
    if weight is None:
        return 0.4
    prior = GENRE_PRIOR.get(doctype, 0.5)
    return weight * min(1.0, prior + 0.25 * p.cues.get(doctype, (0.0, ""))[0])


def suggest(
    workbook: Any,
    templates: Iterable[Any],
    limit: int | None = None,
    today: _dt.date | None = None,
    tense: Tense | None = None,
    fixed_fit: Callable[[Any], tuple[int, int] | None] | None = None,
) -> list[Suggestion]:
    """Templates ranked for the workbook, best first (ties by id, so the order is stable).

    `templates` is any sequence of objects with id, name, category, doctype, keywords, description
    (and optionally slots). `limit` keeps the first N. `today` (default: the date) tells dates to
    come from dates past. `tense` is `workbook_tense(workbook, today)` when the caller has it
    already (None: computed here). `fixed_fit(template)` says how many of a template's own
    headings would stand over rows that never speak of them, out of how many
    (`assistant.compose.recommend` gives it); the first candidates lose score for each.
    """
    profile = _profile(workbook, today, tense)
    templates = list(templates)
    common, shared = _common_name_words(templates), _shared_slots(templates)
    ranked = sorted((_score_template(t, profile, common, shared) for t in templates), key=lambda s: (-s.score, s.id))
    if fixed_fit is not None:
        by_id = {str(getattr(t, "id", "")): t for t in templates}
        ranked = _penalise_unfit(ranked, by_id, fixed_fit)
    ranked = _by_genre_first(ranked, profile)
    return ranked[:limit] if limit is not None else ranked


#: How many of the best-scored templates are tried on the workbook's rows, and how much of its
#: score a template loses when all of its own headings would stand over rows that never speak of
#: them (in proportion when only some would).
UNFIT_CHECKED = 12
UNFIT_WEIGHT = 0.3


def _penalise_unfit(
    ranked: list[Suggestion], by_id: Mapping[str, Any], fixed_fit: Callable[[Any], tuple[int, int] | None]
) -> list[Suggestion]:
    """The first `UNFIT_CHECKED` suggestions with a template whose fixed headings fit nothing the
    workbook says scored down, with the reason; the list re-sorted."""
    out = list(ranked)
    for k, s in enumerate(ranked[:UNFIT_CHECKED]):
        template = by_id.get(s.id)
        fit = fixed_fit(template) if template is not None else None
        if not fit or not fit[0] or s.reasons[:1] == ["台账指定了此模板（template）"]:
            continue
        unfit, total = fit
        score = round(s.score * (1.0 - UNFIT_WEIGHT * unfit / total), 3)
        reason = f"模板的{total}个部分标题中有{unfit}个与台账内容不相干，用它须改写这些标题"
        out[k] = replace(s, score=score, reasons=[*s.reasons, reason])
    return sorted(out, key=lambda s: (-s.score, s.id))


#: How many of the first suggestions show different document types.
DIVERSE_TOP = 3


def _by_genre_first(ranked: list[Suggestion], p: _Profile) -> list[Suggestion]:
    """The best template of each of the `DIVERSE_TOP` document types that suit the workbook best,
    then the rest in order.

    A workbook of results fits a summary, an experience article and a news report alike; showing
    one of each first lets the drafter choose the genre, not three variants of one. The genres
    are ordered by how well they suit the workbook, then by their best template. A template the
    workbook names stays first. When nothing tells whether the workbook records results or tasks,
    the first three show both a report and a plan.
    """
    named = [s for s in ranked if p.template and s.id == p.template]
    best: dict[str, Suggestion] = {}
    for s in ranked:
        best.setdefault(s.doctype, s)
    genres = sorted(best.values(), key=lambda s: (-round(s.score + 0.2 * _genre_fit(s.doctype, p), 3), s.id))
    top = named + [s for s in genres if not any(s is n for n in named)]
    if not p.tense.certainty and p.total:
        # nothing tells whether the rows are done or to do: one of each tense among the first
        sides = [_tense_of(s.doctype) for s in top[:DIVERSE_TOP]]
        for side in ("retrospective", "forward"):
            if side not in sides and (other := next((s for s in top if _tense_of(s.doctype) == side), None)):
                top.remove(other)
                top.insert(DIVERSE_TOP - 1, other)
                sides = [_tense_of(s.doctype) for s in top[:DIVERSE_TOP]]
    # among the first, a template about work the workbook never mentions (a 困难职工 notice for a
    # winter fitness drive) comes after those whose theme it does mention: the first suggestion is
    # the one the TUI takes
    top = named + sorted((s for s in top[:DIVERSE_TOP] if not any(s is n for n in named)), key=_theme_absent)
    top = top[:DIVERSE_TOP]
    rest = [s for s in ranked if not any(s is t for t in top)]
    return top + rest


def _theme_absent(s: Suggestion) -> bool:
    return any(r.startswith(THEME_ABSENT_REASON) for r in s.reasons)


def keywords(achievements: Iterable[AchievementLike], limit: int = 8) -> list[str]:
    """The most frequent content words of the achievements (titles count double), for heading hints."""
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for a in achievements:
        for weight, text in ((2, a.title or ""), (1, a.detail or ""), (2, " ".join(a.tags or ()))):
            for w in words(text):
                counts[w] += weight
                first_seen.setdefault(w, len(first_seen))
    ranked = sorted(counts, key=lambda w: (-counts[w], first_seen[w]))
    return ranked[:limit]


#: "meaning" (what the achievements say; "category" is its old name, the category being one of
#: the features), the first "tag", or "order" (runs of the list).
GROUP_BY = ("meaning", "category", "tag", "order")


def section_index(section: str | None, count: int, hints: Sequence[str] | None = None) -> int | None:
    """The 0-based section an override points to, or None for none/unknown text.

    "2", "第二部分", "二" -> 1; heading text matched against `hints` (equal, or one contains the
    other). Indexes past `count` go to the last section.
    """
    if not section:
        return None
    text = section.strip()
    m = re.fullmatch(r"第?\s*([0-9]+|[一二两三四五六七八九十]+)\s*(?:部分|节|章|项|个)?", text)
    if m:
        raw = m.group(1)
        n = int(raw) if raw.isdigit() else int(chinese_to_number(raw))
        return min(max(n, 1), count) - 1 if count > 0 else None
    for i, hint in enumerate(hints or ()):
        if i >= count:
            break
        if hint and (hint == text or text in hint or hint in text):
            return i
    return None


@dataclass
class _Piece:
    """Achievements that stay together (a category, a tag, a run of the list, a named section)."""

    items: list[int]
    key: str
    splittable: bool = True

    @property
    def first(self) -> int:
        return self.items[0]


def _chunks(items: list[int], parts: int) -> list[list[int]]:
    """`items` cut into `parts` contiguous runs of near-equal size (earlier runs one longer)."""
    parts = max(1, min(parts, len(items)))
    size, extra = divmod(len(items), parts)
    out, start = [], 0
    for k in range(parts):
        end = start + size + (1 if k < extra else 0)
        out.append(items[start:end])
        start = end
    return out


def _group_key(a: AchievementLike, group_by: str) -> str:
    if group_by == "category":
        return a.category or ""
    if group_by == "tag":
        return a.tags[0] if a.tags else ""
    return ""


def _pieces(free: list[int], items: Sequence[AchievementLike], group_by: str, slots: int) -> list[_Piece]:
    if not free:
        return []
    if group_by == "order":
        return [_Piece(run, "") for run in _chunks(free, max(1, slots))]
    by_key: dict[str, list[int]] = {}
    for i in free:
        by_key.setdefault(_group_key(items[i], group_by), []).append(i)
    return [_Piece(idx, key) for key, idx in by_key.items()]


def _balance(pieces: list[_Piece], total: int, slots: int) -> list[_Piece]:
    """Split oversized pieces, then keep splitting the largest until every slot can be filled."""
    if slots <= 0:
        return pieces
    target = max(1, math.ceil(total / slots))
    cap = target + max(1, target // 2)
    out: list[_Piece] = []
    for p in pieces:
        if p.splittable and len(p.items) > cap:
            out.extend(_Piece(run, p.key) for run in _chunks(p.items, math.ceil(len(p.items) / target)))
        else:
            out.append(p)
    while len(out) < slots:
        candidates = [p for p in out if p.splittable and len(p.items) >= 2]
        if not candidates:
            break
        big = max(candidates, key=lambda p: (len(p.items), -p.first))
        k = out.index(big)
        halves = _chunks(big.items, 2)
        out[k : k + 1] = [_Piece(halves[0], big.key), _Piece(halves[1], big.key)]
    return sorted(out, key=lambda p: p.first)


def group_achievements(
    achievements: Sequence[AchievementLike],
    count: int,
    group_by: str = "category",
    hints: Sequence[str] | None = None,
) -> list[list[Any]]:
    """Split achievements into at most `count` non-empty sections.

    1. An achievement's `section` override wins: an index ("2") puts it in that section, heading
       text goes to the section whose hint (`hints`, the planned headings) matches it; text that
       matches no hint keeps those achievements together as one section.
    2. The rest are grouped by `group_by` ("category", first "tag", or "order" = runs of the
       list), large groups split and small ones merged so sections are balanced.
    Within a section the workbook order is kept; sections are ordered by their first achievement
    (overridden indexes stay where the user put them). Same input, same output.
    """
    if group_by not in GROUP_BY:
        raise WenmiError(
            f"未知的分组方式“{group_by}”", hint="可选：meaning（按内容）、tag（按标签）、order（按顺序）"
        )
    items = list(achievements)
    if not items or count <= 0:
        return []
    slots = min(count, len(items))
    pinned: dict[int, list[int]] = {}
    named: dict[str, list[int]] = {}
    free: list[int] = []
    for i, a in enumerate(items):
        idx = section_index(getattr(a, "section", None), slots, hints)
        if idx is not None:
            pinned.setdefault(idx, []).append(i)
        elif getattr(a, "section", None):
            named.setdefault(str(a.section).strip(), []).append(i)
        else:
            free.append(i)
    open_slots = [s for s in range(slots) if s not in pinned]
    if group_by in ("meaning", "category") and len(free) <= MAX_CLUSTERED:
        wanted = max(1, len(open_slots) - len(named))
        clusters = cluster([items[i] for i in free], wanted)
        pieces = [_Piece([free[j] for j in c], f"~{k}", splittable=False) for k, c in enumerate(clusters)]
        if not pinned and not named:
            return [[items[i] for i in p.items] for p in pieces]
    else:
        pieces = _pieces(free, items, "category" if group_by == "meaning" else group_by, len(open_slots) - len(named))
    pieces += [_Piece(idx, f"#{name}", splittable=False) for name, idx in named.items()]
    pieces = _balance(
        sorted(pieces, key=lambda p: p.first), len(free) + sum(map(len, named.values())), len(open_slots)
    )
    groups: dict[int, list[int]] = {s: list(v) for s, v in pinned.items()}
    keys: dict[int, set[str]] = {s: {_group_key(items[i], group_by) for i in v} for s, v in pinned.items()}
    seeds = sorted(
        sorted(pieces, key=lambda p: (-len(p.items), p.first))[: len(open_slots)], key=lambda p: p.first
    )
    for slot, piece in zip(open_slots, seeds, strict=False):
        groups[slot] = list(piece.items)
        keys[slot] = {piece.key}
    rest = [p for p in pieces if not any(p is s for s in seeds)]
    for piece in sorted(rest, key=lambda p: (-len(p.items), p.first)):
        target = _place(piece, groups, keys, slots)
        groups.setdefault(target, []).extend(piece.items)
        keys.setdefault(target, set()).add(piece.key)
    return [[items[i] for i in sorted(groups[s])] for s in range(slots) if groups.get(s)]


def _place(piece: _Piece, groups: Mapping[int, list[int]], keys: Mapping[int, set[str]], slots: int) -> int:
    """Where a leftover piece goes: the smallest section sharing its key if that stays balanced,
    else the smallest section (lowest index on ties)."""
    sizes = {s: len(groups.get(s, [])) for s in range(slots)}
    smallest = min(sizes, key=lambda s: (sizes[s], s))
    kin = [s for s in range(slots) if piece.key and piece.key in keys.get(s, set())]
    if kin:
        best = min(kin, key=lambda s: (sizes[s], s))
        if sizes[best] <= sizes[smallest] + 1:
            return best
    return smallest
