"""Figure sentences: an achievement written as one 公文 sentence that carries all its figures.

The sentence follows the reference articles: the action first, then its figures, then what it
achieved — "开展员工思想状况调查2次，累计参与1131人次。", "修订完善中心层面规章制度35项，形成
《制度汇编》。", "举办特色农产品展销活动7次，采购扶贫产品42万余元。". Every metric's formatted
text (Metric.text()) is in the sentence; that is checked here and by assistant.ledger.figcheck.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from assistant.ledger.numfmt import (
    ADVERBS,
    QUALIFIERS_BEFORE,
    Number,
    cn_numeral,
    format_number,
    normalize_unit,
)
from assistant.ledger.weave import (
    GOVERNORS,
    HOW_OFTEN,
    PREPOSITIONS,
    Woven,
    clause_start,
    drawn_from,
    governor_before,
    han,
    in_quotes,
    weave,
)
from assistant.ledger.weave import quoted_spans as _quoted_spans


class MetricLike(Protocol):
    @property
    def label(self) -> str: ...
    @property
    def value(self) -> Number: ...
    @property
    def unit(self) -> str: ...
    @property
    def qualifier(self) -> str: ...

    def text(self) -> str: ...


class AchievementLike(Protocol):
    @property
    def title(self) -> str: ...
    @property
    def detail(self) -> str | None: ...
    @property
    def metrics(self) -> Sequence[Any]: ...


# Labels that only say "how many" and read best glued to the action: 开展调查2次.
COUNT_LABELS = frozenset(
    [
        "次数",
        "数量",
        "个数",
        "项数",
        "场次",
        "期数",
        "件数",
        "篇数",
        "条数",
        "份数",
        "批次",
        "轮次",
        "人数",
        "户数",
        "家数",
        "频次",
        "总数",
        "总量",
        "次",
        "场",
        "期",
        "项",
        "个",
        "件",
        "篇",
        "条",
        "份",
        "批",
        "轮",
    ]
)
# Noun endings that want a verb before the figure: 覆盖率达100%.
_RATE_ENDINGS = ("率", "比例", "占比", "比重", "满意度", "增幅", "降幅", "覆盖面", "参与度", "知晓度")
# Measure-noun endings dropped after a verb: 参训人数318人次 -> 参训318人次.
_MEASURE_ENDINGS = ("人数", "人次数", "次数")
# Measure nouns that stay and take 达: 项目规模达150万千瓦, never the clipped 项目150万千瓦.
_AMOUNT_ENDINGS = ("数量", "金额", "总额", "总数", "总量", "规模", "产值", "面积", "数")
# Classifiers that stand before the noun they count: 组建5个重点项目团队, 培养1名业务骨干.
_PRE_CLASSIFIERS = ("个", "名", "支", "家", "座", "所", "位", "批", "户", "对", "处", "套", "台", "本", "期")
# Verbs that govern a counted noun phrase: the figure goes right after them.
_VERBS = (
    "新建", "组建", "制定", "培养", "建立", "成立", "打造", "创建", "发展", "选树", "培育", "表彰", "评选",
    "征集", "修订", "出台", "形成", "推出", "编印", "设立", "选派", "选拔", "招募", "慰问", "走访", "帮扶",
    "开设", "建成", "命名", "认定", "吸收", "确定", "评定", "挂牌", "授予",
)  # fmt: skip
# Verbs of meetings and events, whose object a count follows: 召开党委会38次.
_MEETING_VERBS = ("召开", "举办", "举行", "开展", "组织", "参加", "参与", "完成", "讲授", "接待")
# Verbs that open the next action of a title.
_NEXT_VERBS = (
    "研究", "审议", "部署", "学习", "传达", "讨论", "听取", "推动", "推进", "解决", "协调", "开展",
    "组织", "落实", "宣讲", "慰问", "帮助", "调研", "走访", "征集", "收集", "发放", "评选",
)  # fmt: skip
# Verbs that open a label rather than a title: 选派劳模和先进工作者, 选送制茶能手.
_LABEL_VERBS = ("选派", "选送", "推荐", "表彰", "培训", "发放", "救助", "资助", "帮扶")
# A figure after a label in the middle of a title needs a clause boundary behind it.
_BOUNDARY = "，、；,;（("
#: Words joining two objects of one verb (廉政谈话和约谈).
_COORDINATORS = "和及与"
# A figure written into a title by the drafter: 修订完善规章制度{规章制度}，形成《制度汇编》.
_SLOT = re.compile(r"\{([^{}]+)\}")
_FREQUENCY = re.compile(r"^(每半年|每季度|每[年月周季天日次名个人])(.*)$")
#: Units that count the action itself (开展活动7次, 连续夺冠9次): they close the action.
_VERBAL_UNITS = ("次", "场", "场次", "期", "轮", "轮次", "批次", "人次", "户次", "回", "届", "趟")
#: Units of "so much", not "how many": 加分2分, 投入10万元, 读书学习1小时.
_MEASURE_UNITS = (
    "分", "元", "%", "小时", "分钟", "天", "日", "年", "米", "公里", "千米", "亩", "吨", "斤", "瓦", "平方米",
    "公顷", "个百分点", "个工作日",
)  # fmt: skip
_AREA_UNITS = ("亩", "平方米", "平方公里", "公顷")
#: A count written just before a noun (12个, 600余名): the noun is counted already.
_COUNTED = re.compile(r"\d[\d.]*[万亿]?[余多]?(?:" + "|".join(_PRE_CLASSIFIERS) + r")$")
_COUNTED_AHEAD = re.compile(r"\d[\d.]*[万亿]?[余多]?(?:" + "|".join(_PRE_CLASSIFIERS) + r")")
#: Verbs of a second step on the same things (发放…，回收96份).
_AFTER_VERBS = ("回收", "收回", "办结", "销号", "受理", "录用", "采纳", "整改", "验收", "答复", "兑现", "落实")
#: Titles whose figures are what was found, not what was done (了解全市青少年人口).
_FINDING_VERBS = ("了解", "统计", "摸清", "掌握", "调查", "摸排", "梳理")
#: Classifiers of people and bodies, whose count may open a sentence (16名党员轮流…).
_SUBJECT_CLASSIFIERS = ("名", "位", "个", "支", "家", "户")
#: Words that make a label a count, never a noun to extend a title with (活动场次).
_COUNT_WORDS = ("次", "数", "量", "额", "规模")
#: Openings of labels that say an action, not a thing (参与职工, 受表彰青年, 累计服务).
_VERB_OPENINGS = GOVERNORS + (
    "受", "获", "被", "参", "覆盖", "惠及", "累计", "共", "其中", "年", "每", "服务", "解决", "提供", "收集",
    "研究", "宣讲", "培训", "救助", "帮扶", "打卡", "投入", "筹集", "修复", "清扫", "走访", "电话",
)  # fmt: skip
_END_PUNCT = "。；;，,、：:！!？? \t\n"


def figure_text(m: MetricLike) -> str:
    """The metric's figure as written in documents (same as Metric.text())."""
    return m.text()


def figures_text(a: AchievementLike, sep: str = "，") -> str:
    """All figures of an achievement joined: "2次，1131人次"."""
    return sep.join(m.text() for m in a.metrics)


def contains_figure(text: str, figure: str) -> bool:
    """True when `figure` occurs in `text` as a whole figure (not "5个" inside "15个")."""
    return find_figure(text, figure) >= 0


def find_figure(text: str, figure: str, start: int = 0) -> int:
    """Index of `figure` in `text` as a whole figure, or -1.

    A figure starting with a digit must not follow a digit or a decimal point, one ending with a
    digit must not be followed by a digit, and "318人" is not found inside "318人次".
    """
    if not figure:
        return -1
    i = text.find(figure, start)
    while i >= 0:
        end = i + len(figure)
        before = text[i - 1] if i > 0 else ""
        after = text[end] if end < len(text) else ""
        if not (
            (figure[0].isdigit() and (before.isdigit() or before == "."))
            or (figure[-1].isdigit() and after.isdigit())
            or (figure.endswith("人") and after == "次")
        ):
            return i
        i = text.find(figure, i + 1)
    return -1


def _clean_end(text: str) -> str:
    return text.strip().rstrip(_END_PUNCT).strip()


def _label_parts(m: MetricLike) -> tuple[str, str]:
    """(adverb, label): 累计 from the qualifier or the label itself, and the rest of the label."""
    label = (m.label or "").strip()
    adverb = m.qualifier if m.qualifier in ADVERBS else ""
    if adverb and label.startswith(adverb):
        adverb = ""
    return adverb, label


def _attaches(title: str, m: MetricLike) -> bool:
    """Whether the first figure can follow the title directly (开展调查 + 2次)."""
    adverb, label = _label_parts(m)
    if adverb:
        return False
    if not label or label in COUNT_LABELS:
        return True
    if title.endswith(label):
        return True
    # a quoted name the label says without its quotes (创建市级“五四红旗团委（团支部）” + 5个)
    return title.endswith(("”", "’")) and re.sub("[“”‘’]", "", title).endswith(label)


def metric_phrase(m: MetricLike, *, first: bool = False) -> str:
    """A clause for one metric: "累计参与1131人次", "覆盖率达100%", "参训318人次"; a label that
    names the places of an action (开展活动的乡镇（街道）) covers them: "覆盖乡镇（街道）5个"."""
    text = m.text()
    adverb, label = _label_parts(m)
    if not label or label in COUNT_LABELS:
        return f"{adverb or ('' if first else '共')}{text}"
    where = _ACTION_PLACES.fullmatch(label)
    if where and m.qualifier not in QUALIFIERS_BEFORE:
        return f"{adverb}覆盖{where.group(1)}{text}"
    if label.endswith(_RATE_ENDINGS):
        verb = "" if m.qualifier in QUALIFIERS_BEFORE else "达"
        return f"{adverb}{label}{verb}{text}"
    for ending in _MEASURE_ENDINGS:
        if label.endswith(ending) and len(label) > len(ending):
            return f"{adverb}{label[: -len(ending)]}{text}"
    if label.endswith(_AMOUNT_ENDINGS) and m.qualifier not in QUALIFIERS_BEFORE:
        return f"{adverb}{label}达{text}"
    if _unit(m) == "%" and re.search(r"[\u4e00-\u9fff]中[\u4e00-\u9fff]+$", label) and m.qualifier not in QUALIFIERS_BEFORE:
        return f"{adverb}{label}占{text}"  # a part of a whole: 村干部中党员占95%以上
    return f"{adverb}{label}{text}"


def _find_outside_quotes(text: str, word: str) -> int:
    spans = _quoted_spans(text)
    i = text.find(word)
    while i >= 0:
        if not any(s <= i < e for s, e in spans):
            return i
        i = text.find(word, i + 1)
    return -1


def fill_title(title: str, metrics: Sequence[MetricLike]) -> tuple[str, list[MetricLike]]:
    """The title with every `{label}` replaced by that metric's figure, and the metrics used.

    A name that matches no metric's label stays as written, braces and all (the workbook check
    reports it).
    """
    used: list[MetricLike] = []

    def put(m: re.Match[str]) -> str:
        name = m.group(1).strip()
        metric = next((x for x in metrics if (x.label or "").strip() == name), None)
        if metric is None:
            return m.group(0)  # not a figure's place: the drafter's own braces
        used.append(metric)
        return metric.text()

    return _SLOT.sub(put, title), used


@dataclass(frozen=True)
class _Relabelled:
    """A metric seen under another label (its leading verb or frequency left out)."""

    label: str
    value: Any
    unit: str
    qualifier: str
    metric: MetricLike

    def text(self) -> str:
        return self.metric.text()


def _relabel(m: MetricLike, label: str) -> _Relabelled:
    return _Relabelled(label, m.value, getattr(m, "unit", "") or "", m.qualifier or "", m)


def _unit(m: MetricLike) -> str:
    return normalize_unit(getattr(m, "unit", "") or "")


def _is_measure(m: MetricLike) -> bool:
    """A unit of "so much" (分, 万元, 小时, 亩), not of "how many" or "how often"."""
    unit = _unit(m)
    return unit.endswith(_MEASURE_UNITS) or not unit


def restates(label: str, text: str) -> bool:
    """Whether `label` says again what `text` says: two thirds of its characters are in it."""
    chars = han(label)
    return len(chars) >= 2 and sum(ch in text for ch in chars) * 3 >= len(chars) * 2


def adds_nothing(label: str, text: str) -> bool:
    """Whether leaving `label` out loses nothing: every character of it is in `text` but for a
    particle or noun suffix (的, 子: 共建对子 after 结对共建). 回收团情统计表 adds 回收 to
    发放团情统计表, 慰问金 adds 金 to 走访慰问: they must be said."""
    return restates(label, text) and all(ch in text or ch in "的之等子们" for ch in han(label))


def head_noun(label: str, title: str) -> tuple[str, int]:
    """The longest ending of `label` (two Chinese characters or more) that the title names, and
    where (outside quotes): 村（社区）工会 of 完成换届的村（社区）工会; ("", -1) when none."""
    for k in range(len(label), 1, -1):
        noun = label[-k:]
        if len(han(noun)) < 2 or noun[0] in "的之，、（(":
            continue
        at = _find_outside_quotes(title, noun)
        if at >= 0:
            return noun, at
    return "", -1


def place_in_title(title: str, m: MetricLike, context: str = "") -> str | None:
    """See `_place_in_title`; a label that opens with its own verb (选派劳模和先进工作者) is also
    tried without it against the title's verb (组织5名劳模和先进工作者开展事迹宣讲). `context` is
    the rest of the sentence (the detail): a label's words said there are not lost."""
    placed = _counted_subject(title, m) or _place_in_title(title, m, context)
    label = (m.label or "").strip()
    if placed is None and len(label) >= 4 and label.startswith(_VERBS + _MEETING_VERBS + _NEXT_VERBS + _LABEL_VERBS):
        rest = label[2:]
        if rest in title:
            placed = _place_in_title(title, _relabel(m, rest), context)
            if placed is not None and m.text() + rest not in placed:
                placed = None  # only as the count of that noun: 参与党员 is not 党员…活动N人次
    return placed


#: A label naming the places where an action happened (开展活动的乡镇（街道）, 参与的村（社区）).
_ACTION_PLACES = re.compile(r"(?:开展|参与|参加|举办|组织)[\u4e00-\u9fff]{0,6}的((?:乡镇|街道|村|社区|镇|县|区|单位|学校|企业)[^的]{0,10})")


def _counted_subject(title: str, m: MetricLike) -> str | None:
    """下沉党务工作者 3名 with 党建工作室党务工作者下沉到…: the count before the noun that does the
    label's action (党建工作室3名党务工作者下沉到…); None when the title says it otherwise."""
    adverb, label = _label_parts(m)
    verb, noun = label[:2], label[2:]
    if adverb or _unit(m) not in _PRE_CLASSIFIERS or verb not in GOVERNORS or len(han(noun)) < 2:
        return None
    at = _find_outside_quotes(title, noun + verb)
    if at < 0 or _COUNTED.search(title[:at]) or _COUNTED_AHEAD.match(title[at:]):
        return None
    return title[:at] + m.text() + title[at:]


def _place_in_title(title: str, m: MetricLike, context: str = "") -> str | None:
    """The title with the figure where the counted thing stands, or None when it has no place.

    After the label when the title names it at a clause end (制定践行举措600余条, 修订完善规章制度
    35项，形成…); before it for classifiers that precede their noun (组建5个重点项目团队); after
    the title's last word when the label ends with it (…美食节活动7次). Never inside quotes.
    A label phrased differently but naming the same thing is woven in too (`_same_thing`).
    """
    adverb, label = _label_parts(m)
    if adverb or not label or label in COUNT_LABELS or label.endswith(_RATE_ENDINGS):
        return None
    text = m.text()
    freq = _FREQUENCY.match(label)
    if freq:
        return _place_frequency(title, m, freq.group(1), freq.group(2))
    unit = _unit(m)
    core = label
    for ending in _MEASURE_ENDINGS:
        if label.endswith(ending) and len(label) > len(ending):
            return None  # 参训人数: a verb, its own clause
    p = _find_outside_quotes(title, core)
    if p == 0 and unit in _PRE_CLASSIFIERS:
        for verb in GOVERNORS:
            if label.startswith(verb) and len(label) > len(verb) + 1 and not _COUNTED_AHEAD.match(title[len(verb) :]):
                return title[: len(verb)] + text + title[len(verb) :]  # 选派3名第一书记驻村
    if p > 0 and unit in _PRE_CLASSIFIERS and m.qualifier not in ADVERBS:
        # before the whole noun phrase: right after the verb that governs it (新建12个非公企业
        # 及社会组织团支部), else right before the label
        placed = _before_noun(title, p, text)
        if placed is not None:
            return placed
    if p >= 0:
        end = p + len(core)
        if end == len(title) or title[end] in _BOUNDARY:
            return title[:end] + text + title[end:]
        rest = title[end:]
        if _unit(m).endswith("元") and len(rest) <= 6 and re.fullmatch(r"[\u4e00-\u9fff]+", rest) and not rest.startswith(
            _NEXT_VERBS + _VERBS + _MEETING_VERBS
        ):
            # a sum of the title's closing noun (完成财政划拨工会经费 / 财政划拨 357.5万元): at its end
            return title + text
        if title[end].isdigit() and not title[end:].startswith(text):
            # the noun has a figure of another kind already (学习活动31人次): both, this one
            # first (学习活动7场次、31人次), never the noun said again (涉及学习活动7场次)
            return title[:end] + text + "、" + title[end:]
        if p > 0 and title[end] in _COORDINATORS and len(core) >= 2:
            # one of two coordinated objects (开展廉政谈话和约谈): the count is that one's
            # (开展廉政谈话34次和约谈), not both's
            return title[:end] + text + title[end:]
        money = unit.endswith("元")
        if p == 0 and money and core.endswith(_MONEY_NOUNS) and re.match(r"[\u4e00-\u9fff]{2}", rest):
            # the label gives the money (捐资, 投入资金) and the title goes on to what it paid for
            # (捐资走访帮扶群众 -> 捐资1.68万元，走访帮扶群众; never the sum after the thing built)
            return title[:end] + text + "，" + rest
        if p == 0 and (len(core) >= 3 or core in GOVERNORS + _LABEL_VERBS):
            paid = _MONEY_OBJECT.match(rest) if money else None
            if paid and len(paid.group()) >= 2:
                # the verb's object is the money itself (发放慰问金): the sum closes it, and what
                # the money was for is its own clause (发放慰问金2万元，慰问困难职工)
                after = rest[paid.end() :]
                return title[:end] + paid.group() + text + ("，" + after if after else "")
            if title[end:].startswith(_NEXT_VERBS + _VERBS + _MEETING_VERBS):
                # the label is the title's first verb phrase (筹集资金慰问一线职工): its own clause
                return title[:end] + text + "，" + title[end:]
            # the label is the title's verb (电话联系外出务工困难职工): the count closes the action
            tail = _clean_end(title)
            return tail + text + title[len(tail) :]
        if p > 0 and title[end:].startswith(_NEXT_VERBS) and title[:p].endswith(_VERBS + _MEETING_VERBS):
            # the label is the object of the first verb and another action follows
            # (召开党委会研究“三重一大”事项 -> 召开党委会38次，研究…)
            return title[:end] + text + "，" + title[end:]
    # the label restates one of the title's clauses more precisely (研究“三重一大”事项 /
    # 研究“三重一大”决策): the clause gives way to label and figure
    clauses = title.split("，")
    for k, clause in enumerate(clauses):
        common = len(os.path.commonprefix([clause, label]))
        if k > 0 and common >= 4 and common * 2 >= len(label):
            clauses[k] = label + text
            return "，".join(clauses)
    tail = _clean_end(title)
    precise = _more_exact(title, label, text)
    if precise is not None:
        return precise
    # the label ends with the title's last word (展销及美食节活动 / …美食节活动)
    for size in (4, 3, 2):
        shared = len(label) >= size and len(tail) >= size and label[-size:] == tail[-size:]
        if shared and size == 2 and len(label) > 2:
            # two shared characters (成果, 活动) only when the rest of the label is in the title
            # too: QC成果 is not the 技术成果 of the title; 组长和副组长 is more than 任组长
            rest = label[:-2]
            shared = sum(ch in tail for ch in rest) * 3 >= len(rest) * 2 and not re.search("[和及与、]", label)
        opening = label[:-size]
        if shared and opening[:2] not in tail and opening.startswith(_VERB_OPENINGS + _AFTER_VERBS):
            shared = False  # 回收调查问卷 is not the 发放调查问卷 of the title
        if shared and not any(s <= len(tail) - size < e for s, e in _quoted_spans(tail)):
            if re.search(r"\d$", tail):
                return None  # one figure per noun: …活动7次 takes no second count
            if size == 4 and opening and len(han(opening)) == len(opening) and not any(ch in tail for ch in opening):
                # the label narrows the title's noun (省部级先进典型 of 涌现先进典型): the count is
                # of the narrower kind, so the title says it (涌现省部级先进典型3名)
                return tail[:-size] + label + text + title[len(tail) :]
            return tail + text + title[len(tail) :]
    return _same_thing(title, m, context)


#: How a label that is the money itself ends (捐资, 投入资金, 筹集经费, 拨付专款).
_MONEY_NOUNS = ("资", "资金", "经费", "专款", "款项")
#: An object that is money (慰问金, 救助金, 帮扶资金, 活动经费): a sum counts it.
_MONEY_OBJECT = re.compile(r"[\u4e00-\u9fff]{0,3}?(?:金|款|经费|资金)")


def _before_noun(title: str, p: int, text: str) -> str | None:
    """`text` (5个, 15名) put before the noun phrase that ends at or starts at `p`: right after the
    verb or preposition that governs it (组织15名返乡农民工…, 为4户困难职工…), or after 的."""
    if _COUNTED.search(title[:p]) or _COUNTED_AHEAD.match(title[p:]):
        return None  # counted already (5G, IPv6 are names, not counts)
    start = clause_start(title, p)
    if re.search(r"\d[\d.]*[万亿]?[余多]?(?:" + "|".join(_PRE_CLASSIFIERS) + r")[\u4e00-\u9fff]{1,4}$", title[start:p]):
        return title[:p] + text + title[p:]  # 深入7个乡镇169个行政村: the next counted noun
    if p - 1 > start and title[p - 1] == "到" and governor_before(title, p - 1, start)[0] >= 0:
        return title[:p] + text + title[p:]  # 下派委员到3个下属党支部: where they were sent
    at, verb = governor_before(title, p, start)
    if at < 0:
        # 以张诗平为代表的4位村民: after the 的 of a modifier
        return title[:p] + text + title[p:] if title[p - 1 : p] == "的" else None
    q = at + len(verb)
    between = title[q:p]
    if len(between) > 12 or any(ch in between for ch in "到在向对为把将给从于") or _COUNTED_AHEAD.match(title[q:]):
        return None  # 组织党员到社区…: the verb governs another noun
    if governor_before(title, p, q)[0] >= 0:
        return None  # another verb stands between
    return title[:q] + text + title[q:]


def _place_frequency(title: str, m: MetricLike, word: str, rest: str) -> str | None:
    """每月主题党日 1次 -> 每月组织党员到社区开展主题党日服务1次; 每月 is never said twice."""
    text = m.text()
    verbal = _unit(m) in _VERBAL_UNITS
    if _find_outside_quotes(title, word) >= 0:
        # 各党支部每月开展政治学习: the title has the frequency; place the rest of the label
        placed = _place_in_title(title, _relabel(m, rest), "") if rest else None
        if placed is None and verbal and not re.search(r"\d", _clean_end(title)[-4:]):
            tail = _clean_end(title)
            placed = tail + text + title[len(tail) :]
        return placed
    if title.startswith("每") or _is_measure(m):
        return None  # 每次加分2分 is its own clause
    if verbal and (not rest or rest[-2:] in title or restates(rest, title)):
        tail = _clean_end(title)
        return f"{word}{tail}{text}{title[len(tail) :]}"
    if rest and _unit(m) in _PRE_CLASSIFIERS:
        noun, at = head_noun(rest, title)
        placed = _before_noun(title, at, text) if at > 0 and restates(rest, title) else None
        if placed is not None:
            return word + placed  # 每周安排1名党员轮流到社区值班
    if rest and rest[-2:] in title:
        tail = _clean_end(title)
        return f"{word}{tail}{text}{title[len(tail) :]}"
    return None


def _same_thing(title: str, m: MetricLike, context: str = "") -> str | None:
    """A label phrased differently from the title but naming the same thing.

    - its noun is the title's (完成换届的村（社区）工会 8个): the figure goes before that noun
      (完成8个村（社区）工会组织换届选举, 为4户困难职工…, 16名党员轮流…);
    - its noun continues the title's (走访困境儿童家庭 / …申报困境儿童): …困境儿童家庭10户;
    - it says the title's last words more exactly (流转村级土地 / …流转土地): it takes their place;
    - it counts the title's action (行风评议连冠 9次 / …连续夺冠): the count closes the action.
    """
    _adverb, label = _label_parts(m)
    text = m.text()
    unit = _unit(m)
    same = restates(label, title) and adds_nothing(label, f"{title}\n{context}")
    quoted = title.find(f"“{label}”")
    if quoted > 0 and unit in _PRE_CLASSIFIERS:
        placed = _before_noun(title, quoted, text)  # 建设18个“青翼家园”
        if placed is not None:
            return placed
    if same and unit in _PRE_CLASSIFIERS:
        noun, at = head_noun(label, title)
        if at > 0 and at != clause_start(title, at):
            placed = _before_noun(title, at, text)
            if placed is not None:
                return placed
        elif noun and at >= 0 and unit in _SUBJECT_CLASSIFIERS and not title[:at].strip("，"):
            return text + title  # 16名党员轮流担任学习辅导人
    tail = _clean_end(title)
    ending = title[len(tail) :]
    # the label's noun continues the title's last words
    core = label
    for verb in GOVERNORS + _LABEL_VERBS + _NEXT_VERBS:
        if core.startswith(verb) and verb in title and len(core) > len(verb) + 1:
            core = core[len(verb) :]
            break
    for k in range(min(len(core) - 1, len(tail)), 2, -1):
        if tail.endswith(core[:k]) and not in_quotes(tail, len(tail) - k):
            extra = core[k:]
            if k * 2 >= len(core) and han(extra) and not extra.endswith(_COUNT_WORDS):
                return tail + extra + text + ending
            break
    # the label counts the title's action
    if same and unit in _VERBAL_UNITS and not re.search(r"\d", tail[-4:]):
        return tail + text + ending
    return None


def _more_exact(title: str, label: str, text: str) -> str | None:
    """The title's last words said more exactly by the label (…流转土地 / 流转村级土地): the
    label takes their place, with the figure (…流转村级土地600余亩)."""
    tail = _clean_end(title)
    for k in range(min(len(tail), len(label) - 1), 2, -1):
        said = tail[-k:]
        if (
            said[0] == label[0]
            and said[-1] == label[-1]
            and len(label) - k <= 4
            and _subsequence(said, label)
            and not in_quotes(tail, len(tail) - k)
        ):
            return tail[:-k] + label + text + title[len(tail) :]
    return None


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


#: Verbs that may govern a list of counted things, longest first.
_LIST_VERBS = tuple(sorted(set(GOVERNORS + _VERBS + _MEETING_VERBS), key=lambda v: (-len(v), v)))


def _counted_list(head: str, pending: list[MetricLike]) -> tuple[str, list[MetricLike]]:
    """开展主题党日、党课和志愿服务 with 主题党日活动 6次, 党课 2次, 志愿服务 15次 -> 开展主题党日
    活动6次、党课2次、志愿服务15次: a verb over a list of things, each counted by its own metric
    (its label the thing, or the thing said more fully), takes each count after its thing."""
    tail = _clean_end(head)
    start = clause_start(tail, len(tail))
    segment = tail[start:]
    verb = next((v for v in _LIST_VERBS if segment.startswith(v)), "")
    if not verb or re.search(r"[“”《》‘’\d]", segment):
        return head, pending
    items = re.split(r"[、和及与]", segment[len(verb) :])
    if not 2 <= len(items) <= 6 or not all(2 <= len(han(i)) == len(i) <= 8 for i in items):
        return head, pending
    chosen: list[MetricLike] = []
    for item in items:
        # the thing itself, or said more fully by a word (主题党日活动), not an action on it (约谈党员干部)
        fits = [
            m for m in pending if (label := _label_parts(m)[1]) and label.startswith(item) and len(label) - len(item) <= 2
        ]
        if len(fits) != 1 or fits[0] in chosen or _label_parts(fits[0])[0]:
            return head, pending
        chosen.append(fits[0])
    said = "、".join(_label_parts(m)[1] + m.text() for m in chosen)
    return f"{tail[:start]}{verb}{said}{head[len(tail) :]}", [m for m in pending if m not in chosen]


def _coordinated(head: str, pending: list[MetricLike]) -> tuple[str, list[MetricLike]]:
    """发放救助金和慰问金 with 生活救助金 8.5万元 and 慰问金 0.4万元 -> 发放生活救助金8.5万元、
    慰问金0.4万元: two figures for the two nouns the title joins, each after its own noun."""
    tail = _clean_end(head)
    start = clause_start(tail, len(tail))
    for conj in "和及与、":
        at = tail.rfind(conj, start)
        if at <= start or in_quotes(tail, at):
            continue
        left, right = tail[start:at], tail[at + 1 :]
        if not right or len(right) > 8:
            continue
        for second in pending:
            label2 = _label_parts(second)[1]
            if not _amount_label(second) or not (label2.endswith(right) or right.endswith(label2)):
                continue
            for first in pending:
                label1 = _label_parts(first)[1]
                if first is second or not _amount_label(first):
                    continue
                k = len(os.path.commonprefix([left[::-1], label1[::-1]]))
                if k < 2:
                    continue
                extra = label1[:-k]
                said = left[:-k] + ("" if not extra or restates(extra, left) else extra) + left[-k:]
                right_said = label2 if label2.endswith(right) else right
                new = f"{tail[:start]}{said}{first.text()}、{right_said}{second.text()}{head[len(tail) :]}"
                return new, [m for m in pending if m is not first and m is not second]
    return head, pending


def _amount_label(m: MetricLike) -> bool:
    """A label that can stand for one of the title's joined nouns: a thing with its figure."""
    adverb, label = _label_parts(m)
    return bool(label) and not adverb and label not in COUNT_LABELS and not label.endswith(_RATE_ENDINGS)


def _noun_label(label: str) -> bool:
    """A label that names a thing, not an action: 金奖, 先进单位 (not 参与职工, 覆盖率, 因…离开)."""
    return bool(label) and not (
        label in COUNT_LABELS
        or label.startswith(_VERB_OPENINGS)
        or re.search("等(?![奖级次])|因|离开|参加|参与|开展|举办|完成|到", label)
        or label.endswith(_RATE_ENDINGS + _MEASURE_ENDINGS + _AMOUNT_ENDINGS)
        or _FREQUENCY.match(label)
    )


def kinds_of_one_noun(m: MetricLike, metrics: Sequence[MetricLike]) -> bool:
    """Whether another metric of the row counts another kind of the thing `m` counts: their labels
    end with the same noun of two characters or more and differ before it."""
    label = _label_parts(m)[1]
    for other in metrics:
        if other is m:
            continue
        theirs = _label_parts(other)[1]
        shared = len(os.path.commonprefix([label[::-1], theirs[::-1]]))
        if shared < 2 or len(han(label[-shared:])) < 2 or label == theirs or shared >= len(label):
            continue
        # 发放/回收团情统计表 are two steps done to one thing, not two kinds of it
        prefix = label[:-shared]
        if not (len(prefix) <= 2 and prefix.startswith(_VERB_OPENINGS + _AFTER_VERBS + GOVERNORS)):
            return True
    return False


def _restating_clause(head: str, m: MetricLike, context: str = "") -> str | None:
    """A short clause for a label that only says the title again: 共计2个, 涉及电梯540余部,
    面积达150余亩 (never the label stitched on: …结对共建，共建对子2个). A label that adds a
    word (回收团情统计表 after 发放团情统计表), or a short one (人口), is written as it is."""
    adverb, label = _label_parts(m)
    if adverb or not label or label in COUNT_LABELS or label.endswith(_RATE_ENDINGS) or _FREQUENCY.match(label):
        return None
    if len(han(label)) < 3 or not restates(label, head) or label.endswith(_MEASURE_ENDINGS):
        return None
    if label.endswith(("成员", "队员")) and label[:-2] in head:
        return None  # the members of the title's body: 队员514人 (`_unsaid_part`), not 共计514人
    text = m.text()
    noun, at = head_noun(label, head)
    if noun and _unit(m) in ("人", "名") and re.search(r"队伍|队$", head[at + len(noun) : at + len(noun) + 4]):
        return f"{noun}达{text}"  # 加强青年志愿者队伍建设，青年志愿者达45人: how large the body grew
    verb = label[: -len(noun)] if noun else ""
    second_step = len(verb) == 2 and verb not in head and verb.startswith(_VERB_OPENINGS + _AFTER_VERBS)
    if second_step and re.match(r"[近约超逾]?\d", head[at + len(noun) :]):
        return verb + text  # 发放团情统计表100份，回收96份: the noun is not said twice
    if not adds_nothing(label, f"{head}\n{context}"):
        return None
    unit = _unit(m)
    if unit.endswith(_AREA_UNITS):
        return ("面积" if m.qualifier in QUALIFIERS_BEFORE else "面积达") + text
    if noun and not _is_measure(m) and all(ch in head for ch in han(label)):
        # 了解全市青少年人口，青少年182.8万人: what a survey found, not whom the work concerned
        return None if head.startswith(_FINDING_VERBS) else f"涉及{noun}{text}"
    return None if noun else "共计" + text


def arabic_for_words(text: str, metrics: Sequence[MetricLike]) -> str:
    """`text` with a figure the drafter wrote in words (一名党员, 一次读书心得报告会) in its
    Arabic form when a metric counts that noun: 1名党员 (GB/T 15835: counts in Arabic digits)."""
    for m in metrics:
        value = m.value
        if m.qualifier or isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 99:
            continue
        unit = _unit(m)
        label = (m.label or "").strip()
        if not unit or not label:
            continue
        spoken = [cn_numeral(value) + unit] + (["两" + unit] if value == 2 else [])
        for word in spoken:
            at = text.find(word)
            while at >= 0:
                after = text[at + len(word) :]
                names = any(after.startswith(label[-k:]) for k in range(len(label), 1, -1) if len(han(label[-k:])) >= 2)
                if names and not in_quotes(text, at) and not (at and text[at - 1] in "第零一二两三四五六七八九十百千万"):
                    text = text[:at] + m.text() + after
                    break
                at = text.find(word, at + 1)
    return text


def _split_detail(detail: str) -> tuple[str, bool]:
    """The detail without trailing punctuation, and whether it reads as its own sentence."""
    core = _clean_end(detail)
    own_sentence = bool(re.search(r"[。！？!?]", core)) or len(core) > 60
    return core, own_sentence


#: How a metric reached its sentence (`FigurePlacement.how`):
#: - "slot": where the drafter put `{label}` in the title;
#: - "written": the title or the detail already says the figure;
#: - "woven": where the counted thing stands in the title (组建5个重点项目团队, 开展调查2次);
#: - "detail": into the detail clause that names it (…等技能大赛4场);
#: - "clause": a clause of its own that reads as one (累计参与1131人次, 覆盖率达100%, 回收96份);
#: - "restated": the label says the title again but the title has no place for the figure (共计2个,
#:   涉及电梯540余部);
#: - "stitched": a noun the title does not name, set after it (形成《制度汇编》，规章制度35项);
#: - "appended": the title and the detail hide the figure; it is added at the sentence's end.
PLACEMENTS = ("slot", "written", "woven", "detail", "clause", "restated", "stitched", "appended")
#: Placements that stay grammatical but read as a list: the drafter should rephrase the row.
FALLBACKS = frozenset({"restated", "stitched", "appended"})


@dataclass(frozen=True)
class FigurePlacement:
    """How one metric of an achievement was placed in its sentence."""

    label: str
    #: The figure as written (Metric.text()).
    figure: str
    #: One of `PLACEMENTS`.
    how: str
    #: For a clause of its own ("clause", "restated", "stitched", "appended"): the clause written.
    clause: str = ""

    @property
    def fallback(self) -> bool:
        return self.how in FALLBACKS


@dataclass(frozen=True)
class FigureSentence:
    """An achievement's sentence and how each of its metrics (in workbook order) got into it."""

    text: str
    placements: tuple[FigurePlacement, ...]


def figure_sentence(a: AchievementLike) -> str:
    """One 公文 sentence, ending in "。", with the title, every figure and the detail.

    >>> from assistant.ledger.workbook import Achievement, Metric
    >>> figure_sentence(Achievement("开展员工思想状况调查", metrics=[
    ...     Metric("次数", 2, "次"), Metric("参与", 1131, "人次", "累计")]))
    '开展员工思想状况调查2次，累计参与1131人次。'

    A figure already written in the title or the detail (as a whole figure) is not repeated. The
    detail is woven in where a drafter puts it (`assistant.ledger.weave`): a time opens the
    sentence, items join the title's noun, the rest is a purpose or outcome clause at the end.
    """
    return write_figure_sentence(a).text


def write_figure_sentence(a: AchievementLike) -> FigureSentence:
    """`figure_sentence` and, for each metric, how it was placed (`FigurePlacement`)."""
    metrics = list(a.metrics)
    how: dict[int, tuple[str, str]] = {}  # id(metric) -> (placement, clause)
    title, slotted = fill_title(_clean_end(a.title or ""), metrics)
    for m in slotted:
        how[id(m)] = ("slot", "")
    title = arabic_for_words(title, metrics)
    detail, own_sentence = _split_detail(arabic_for_words(a.detail or "", metrics))
    woven = Woven("", title, [detail] if detail else []) if own_sentence or not title else weave(title, detail)
    if metrics and woven.front and HOW_OFTEN.match(woven.front):
        # 每季度 before a count would make it a count per quarter (每季度开展专题研讨4次)
        woven = Woven("", title, [detail])
    head, rest = woven.head, list(woven.rest)
    written = "\n".join([woven.front, head, *rest])
    pending = [m for m in metrics if not contains_figure(written, m.text())]
    for m in metrics:
        how.setdefault(id(m), ("written", ""))
    for m in pending:
        how[id(m)] = ("woven", "")
    if head:
        head, pending = _counted_list(head, pending)
        head, pending = _coordinated(head, pending)
    clauses: list[tuple[str, bool]] = []  # (clause, names a thing)
    own: list[tuple[MetricLike, str | None]] = []  # the metrics of `clauses`, and a restating clause
    for n, m in enumerate(pending):
        placed = place_in_title(head, m, "，".join(rest)) if head else None
        if placed is not None:
            head = placed
        elif n == 0 and head and _attaches(head, m):
            head += m.text()
        elif not own_sentence and _into_detail(rest, m):
            how[id(m)] = ("detail", "")
            continue
        else:
            said = "，".join(rest)
            # one of several kinds of one noun (教工、研究生、本科生党支部): its own word is what
            # tells it from the others, never left out (涉及党支部6个)
            kinds = kinds_of_one_noun(m, metrics)
            restating = _restating_clause(head, m, said) if head and not kinds else None
            clause = restating or metric_phrase(_unsaid_part(head, m), first=not head and n == 0)
            # the members of a body after its kinds (…青年突击队74支，队员514人) are no item of that list
            listed = not clause.startswith(("共计", "涉及", "面积", "队员", "成员", "覆盖"))
            clauses.append((clause, _noun_label(_label_parts(m)[1]) and listed))
            own.append((m, restating))
    for k, ((clause, noun), (m, restating)) in enumerate(zip(clauses, own, strict=True)):
        how[id(m)] = (_clause_kind(woven.head, m, restating, noun, k, clauses), clause)
    # the second of two coordinated objects said again by its own clause (开展廉政谈话34次和约谈 +
    # 约谈党员干部40余次): the clause says it, the title no longer does
    joined = re.search(r"\d[^，、\d]{0,3}([和及与])([\u4e00-\u9fff]{2,4})$", head)
    if joined and any(clause.startswith(joined.group(2)) for clause, _ in clauses):
        head = head[: joined.start(1)]
    figures = ""
    for k, (clause, noun) in enumerate(clauses):
        joiner = "、" if noun and k and clauses[k - 1][1] else "，"
        shared = _shared_verb(clauses[k - 1][0], clause) if k else ""
        if shared:  # 覆盖乡镇10个，覆盖村委会74个 -> 覆盖乡镇10个、村委会74个: the verb said once
            clause, joiner = clause[len(shared) :], "、"
        if noun and (k == 0 or not clauses[k - 1][1]) and head:
            if _meeting(clause):
                clause = "召开" + clause  # …基本制度，召开党总支委会8次、支委会40次: meetings are held
            elif _ACTIVITY.match(clause) and not clause.startswith(_ACTIONS):
                clause = "开展" + clause  # …服务站，开展便民服务及睦邻活动1400余次: activities are held
            elif re.search(r"评星|定级|评选|评比|评定", head) and not clause.startswith(_ACTIONS):
                clause = "评出" + clause  # 开展支部评星定级，评出五星党支部1个、三星党支部4个
            elif re.search(r"获评|荣获|评为|获得", head) and not clause.startswith(_ACTIONS) and len(clauses) > 1:
                clause = "其中" + clause  # 党员获评集团公司、公司先进，其中集团公司先进党务工作者1人、…
        figures += (joiner if figures else "") + clause
    # where the counted ones were drawn from, before them (从后备干部…中选任村干部5名)
    drawn = drawn_from(rest[0], figures) if rest and figures and rest[0] in woven.rest else None
    if drawn is not None:
        figures = drawn
        rest.pop(0)
    # detail clauses that took a figure come right after the action, before the other figures
    counted: list[str] = []
    while rest and re.search(r"\d", rest[0]) and rest[0] not in woven.rest:
        counted.append(rest.pop(0))
    sentence = "，".join(part for part in (head, *counted, figures) if part)
    if rest:
        tail = "，".join(rest)
        joiner = "。" if own_sentence else "，"
        sentence = f"{sentence}{joiner}{tail}" if sentence else tail
    sentence = woven.prefix(sentence) if sentence else _clean_end(woven.front)
    missing = [m for m in metrics if not contains_figure(sentence, m.text())]
    if missing:  # only for odd titles/details that hide a figure; keep the promise anyway
        sentence += "，" + "，".join(metric_phrase(m) for m in missing)
        for m in missing:
            how[id(m)] = ("appended", metric_phrase(m))
    placements = tuple(
        FigurePlacement((m.label or "").strip(), m.text(), *how[id(m)]) for m in metrics
    )
    return FigureSentence(sentence + "。" if sentence else "", placements)


def _unsaid_part(head: str, m: MetricLike) -> MetricLike:
    """The metric with the part of its label the sentence says already left out: a rate of the
    title's thing (配备专职党务干部 + 专职党务干部配备比例 -> 配备比例不少于2%), or the members of
    the title's body (组成工作组… + 工作组成员 -> 成员9名)."""
    label = (m.label or "").strip()
    if not head or not label:
        return m
    if label.endswith(("成员", "队员")) and len(label) >= 4 and label[:-2] in head:
        return _relabel(m, label[-2:])
    if label.endswith(_RATE_ENDINGS):
        for size in range(len(label) - 2, 3, -1):
            rest = label[size:]
            # only a rate word left (配备比例, 覆盖率), never a modifier cut off (28岁以下|的…占比)
            if label[:size] in head and len(rest) <= 4 and not rest.startswith(("的", "中", "之")):
                return _relabel(m, rest)
    return m


def _shared_verb(before: str, clause: str) -> str:
    """The verb two counted clauses open with alike (覆盖乡镇（街道）10个 / 覆盖村（居）委会74个), or ""."""
    for verb in ("覆盖", "涉及", *_LABEL_ACTIONS):
        if len(verb) >= 2 and before.startswith(verb) and clause.startswith(verb) and len(clause) > len(verb) + 2:
            rest = clause[len(verb) :]
            if re.match(r"[^\d，、]{2,}\d", rest):  # what follows is a thing counted, not another verb
                return verb
    return ""


#: A counted activity standing with no verb of its own (便民服务及睦邻活动1400余次).
_ACTIVITY = re.compile(r"^[^\d，、]{2,}活动\d[\d.]*[万]?[余多]?(?:次|场|场次|期|轮)$")


def _meeting(clause: str) -> bool:
    """A counted meeting (党员大会27次, 学习研讨会7场次) standing with no verb of its own."""
    m = re.match(r"^([^\d，、]{2,})\d", clause)
    return m is not None and m.group(1).endswith(("会", "会议")) and not m.group(1).startswith(_ACTIONS)


#: Openings of a title that says an action, after which a figure's clause should name what the
#: action did (`_clause_kind`).
_ACTIONS = GOVERNORS + _VERBS + _MEETING_VERBS + _NEXT_VERBS + _LABEL_VERBS
#: Openings of labels that say an action of their own (发现问题, 栽种风景树, 已整改问题): their
#: clause reads as a second action (…督查8次，发现问题23个), not as a noun stitched on.
_LABEL_ACTIONS = _VERB_OPENINGS + _ACTIONS + _AFTER_VERBS + (
    "发现", "交流", "排查", "查摆", "查处", "查找", "涵盖", "督促", "督办", "通报", "收录", "评出", "评为",
    "入库", "立案", "解答", "攻克", "结业", "明确", "细化", "取消", "整改", "已", "新增", "现有", "栽种",
    "种植", "配备", "试点", "占地", "签订", "化解", "调解", "处置", "获", "荣获", "入选", "涌现", "带动",
    "督导", "督查", "检查", "查扣", "查获", "缴获", "破获", "查办", *PREPOSITIONS,
)  # fmt: skip
#: Endings of labels that say an action (班子成员发言, 集中学习): a clause, not a thing counted.
_LABEL_ACTION_ENDINGS = ("发言", "研讨", "学习", "参训", "参学", "参赛", "结业", "交流", "服务")


def says_action(label: str) -> bool:
    """Whether a metric's label says an action of its own (查扣…制品, 班子成员发言): its clause is a
    second action after the title's, not a noun stitched on."""
    return label.startswith(_LABEL_ACTIONS) or label.endswith(_LABEL_ACTION_ENDINGS)


def _clause_kind(title: str, m: MetricLike, restating: str | None, noun: bool, k: int, clauses: list[tuple[str, bool]]) -> str:
    """How a figure written as a clause of its own reads (see `PLACEMENTS`): "restated" for 共计…/
    涉及…; "stitched" for the first clause after an action that names a thing the action does not
    (形成《制度汇编》，规章制度35项), unless a list of such things follows (金奖2项、铜奖2项) or it is
    an amount (投资30万元); else "clause"."""
    if restating is not None:
        return "restated" if restating.startswith(("共计", "涉及")) else "clause"
    enumerated = len(clauses) > k + 1 and clauses[k + 1][1]
    adverb, label = _label_parts(m)
    after_action = noun and not adverb and k == 0 and not enumerated and title.startswith(_ACTIONS)
    action_label = says_action(label)
    return "stitched" if after_action and not _is_measure(m) and not action_label else "clause"


def _into_detail(rest: list[str], m: MetricLike) -> bool:
    """Put the figure into the detail clause that says what the label says (行业工会开展技能大赛
    4场 / 发动行业工会开展快递、家政等技能大赛 -> …等技能大赛4场); False when none does."""
    label = _label_parts(m)[1]
    for k, clause in enumerate(rest):
        if not label or re.search(r"\d", clause) or not restates(label, clause):
            continue
        placed = place_in_title(clause, m)
        if placed is not None:
            rest[k] = placed
            return True
    return False


# --------------------------------------------------------------------------- totals


def _scaled_unit(unit: str) -> tuple[int, str]:
    unit = normalize_unit(unit)
    for word, factor in (("亿", 100_000_000), ("万", 10_000)):
        if unit.startswith(word) and len(unit) > len(word):
            return factor, unit[len(word) :]
    return 1, unit


_LOWER = {"余", "多", "超", "逾", "至少", "超过", "不少于", "以上"}


@dataclass(frozen=True)
class Total:
    """A sum of figures: its value, unit and the qualifier the parts justify."""

    value: Number
    unit: str
    qualifier: str = ""

    def text(self) -> str:
        return format_number(self.value, self.unit, self.qualifier)


def total_of(achievements: Iterable[AchievementLike], unit: str) -> Total:
    """Sum of the metrics whose unit is `unit` (万元 counts toward 元 ×10000).

    Exact parts give an exact total; parts that are all "at least" (余/多…) give 余;
    anything approximate (约/近/左右) makes the total 约.
    """
    factor_wanted, base_wanted = _scaled_unit(unit)
    total = Decimal(0)
    kinds: set[str] = set()
    for a in achievements:
        for m in a.metrics:
            factor, base = _scaled_unit(getattr(m, "unit", ""))
            if base != base_wanted:
                continue
            value = Decimal(repr(m.value)) if isinstance(m.value, float) else Decimal(m.value)
            total += value * factor / factor_wanted
            q = getattr(m, "qualifier", "")
            kinds.add("" if not q or q in ADVERBS else ("lower" if q in _LOWER else "approx"))
    qualifier = ""
    if "approx" in kinds:
        qualifier = "约"
    elif "lower" in kinds:
        qualifier = "余"
    result: Number = int(total) if total == total.to_integral_value() else float(total)
    return Total(result, normalize_unit(unit), qualifier)


def total(achievements: Iterable[AchievementLike], unit: str) -> str:
    """Formatted sum of the metrics with that unit: total(achs, "人次") -> "1449人次"."""
    return total_of(achievements, unit).text()


# --------------------------------------------------------------------------- numbers in text

#: An Arabic number in running text, with an optional 万/亿 scale.
NUMBER_RE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(万|亿)?")


@dataclass(frozen=True)
class NumberToken:
    """A number found in text: where, how written, and its value."""

    start: int
    end: int
    text: str
    value: Decimal


def scan_numbers(text: str) -> list[NumberToken]:
    """Every Arabic number in `text` (2万 read as 20000)."""
    out = []
    for m in NUMBER_RE.finditer(text):
        value = Decimal(m.group(1))
        if m.group(2) == "万":
            value *= 10_000
        elif m.group(2) == "亿":
            value *= 100_000_000
        out.append(NumberToken(m.start(), m.end(), m.group(0), value.normalize()))
    return out
