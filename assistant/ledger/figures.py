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

from assistant.ledger.numfmt import ADVERBS, QUALIFIERS_BEFORE, Number, format_number, normalize_unit


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
    "组织", "落实", "宣讲", "慰问", "帮助", "服务", "调研", "走访", "征集", "收集", "发放", "评选",
)  # fmt: skip
# Verbs that open a label rather than a title: 选派劳模和先进工作者, 选送制茶能手.
_LABEL_VERBS = ("选派", "选送", "推荐", "表彰", "培训", "发放", "救助", "资助", "帮扶")
# A figure after a label in the middle of a title needs a clause boundary behind it.
_BOUNDARY = "，、；,;（("
# A figure written into a title by the drafter: 修订完善规章制度{规章制度}，形成《制度汇编》.
_SLOT = re.compile(r"\{([^{}]+)\}")
_FREQUENCY = re.compile(r"^(每半年|每[年月周季天日次名个人])(.*)$")
_QUOTES = {"“": "”", "《": "》", "‘": "’", "「": "」"}
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
    return title.endswith(label)


def metric_phrase(m: MetricLike, *, first: bool = False) -> str:
    """A clause for one metric: "累计参与1131人次", "覆盖率达100%", "参训318人次"."""
    text = m.text()
    adverb, label = _label_parts(m)
    if not label or label in COUNT_LABELS:
        return f"{adverb or ('' if first else '共')}{text}"
    if label.endswith(_RATE_ENDINGS):
        verb = "" if m.qualifier in QUALIFIERS_BEFORE else "达"
        return f"{adverb}{label}{verb}{text}"
    for ending in _MEASURE_ENDINGS:
        if label.endswith(ending) and len(label) > len(ending):
            return f"{adverb}{label[: -len(ending)]}{text}"
    if label.endswith(_AMOUNT_ENDINGS) and m.qualifier not in QUALIFIERS_BEFORE:
        return f"{adverb}{label}达{text}"
    return f"{adverb}{label}{text}"


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every quotation or book title, where no figure may be inserted."""
    spans, stack = [], []
    for i, ch in enumerate(text):
        if ch in _QUOTES:
            stack.append((ch, i))
        elif stack and ch == _QUOTES[stack[-1][0]]:
            spans.append((stack.pop()[1], i + 1))
    return spans


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
    """A metric seen under a shorter label (its leading verb left out)."""

    label: str
    value: Any
    unit: str
    qualifier: str
    metric: MetricLike

    def text(self) -> str:
        return self.metric.text()


def place_in_title(title: str, m: MetricLike) -> str | None:
    """See `_place_in_title`; a label that opens with its own verb (选派劳模和先进工作者) is also
    tried without it against the title's verb (组织5名劳模和先进工作者开展事迹宣讲)."""
    placed = _place_in_title(title, m)
    label = (m.label or "").strip()
    if placed is None and len(label) >= 4 and label.startswith(_VERBS + _MEETING_VERBS + _NEXT_VERBS + _LABEL_VERBS):
        rest = label[2:]
        if rest in title:
            placed = _place_in_title(
                title, _Relabelled(rest, m.value, getattr(m, "unit", "") or "", m.qualifier or "", m)
            )
    return placed


def _place_in_title(title: str, m: MetricLike) -> str | None:
    """The title with the figure where the counted thing stands, or None when it has no place.

    After the label when the title names it at a clause end (制定践行举措600余条, 修订完善规章制度
    35项，形成…); before it for classifiers that precede their noun (组建5个重点项目团队); after
    the title's last word when the label ends with it (…美食节活动7次). Never inside quotes.
    """
    adverb, label = _label_parts(m)
    if adverb or not label or label in COUNT_LABELS or label.endswith(_RATE_ENDINGS):
        return None
    text = m.text()
    freq = _FREQUENCY.match(label)
    if freq and (not freq.group(2) or freq.group(2)[-2:] in title) and not title.startswith("每"):
        # 每月主题党日 1次: 每月组织党员开展主题党日服务1次
        return f"{freq.group(1)}{_clean_end(title)}{text}{title[len(_clean_end(title)) :]}"
    unit = normalize_unit(getattr(m, "unit", "") or "")
    core = label
    for ending in _MEASURE_ENDINGS:
        if label.endswith(ending) and len(label) > len(ending):
            return None  # 参训人数: a verb, its own clause
    p = _find_outside_quotes(title, core)
    if p > 0 and unit.startswith(_PRE_CLASSIFIERS) and m.qualifier not in ADVERBS:
        # before the whole noun phrase: right after the verb that governs it (新建12个非公企业
        #及社会组织团支部), else right before the label
        clause_start = max(title.rfind(c, 0, p) for c in "，、；,;") + 1
        verbs = [(title.rfind(v, clause_start, p), v) for v in _VERBS + _MEETING_VERBS]
        # 组织 after a noun is a noun (社会组织, 党组织), not the verb
        verbs = [(at, v) for at, v in verbs if not (v == "组织" and at > clause_start and title[at - 1] not in "积广")]
        at, verb = max(verbs)
        q = at + len(verb)
        if at >= 0 and not title[q : q + 1].isdigit():  # one figure per noun phrase
            return title[:q] + text + title[q:]
    if p >= 0:
        end = p + len(core)
        if end == len(title) or title[end] in _BOUNDARY:
            return title[:end] + text + title[end:]
        if p == 0 and len(core) >= 3:
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
    # the label ends with the title's last word (展销及美食节活动 / …美食节活动)
    tail = _clean_end(title)
    for size in (4, 3, 2):
        shared = len(label) >= size and len(tail) >= size and label[-size:] == tail[-size:]
        if shared and size == 2 and len(label) > 2:
            # two shared characters (成果, 活动) only when the rest of the label is in the title
            # too: QC成果 is not the 技术成果 of the title
            rest = label[:-2]
            shared = sum(ch in tail for ch in rest) * 3 >= len(rest) * 2
        if shared and not any(s <= len(tail) - size < e for s, e in _quoted_spans(tail)):
            return tail + text + title[len(tail) :]
    return None


def _split_detail(detail: str) -> tuple[str, bool]:
    """The detail without trailing punctuation, and whether it reads as its own sentence."""
    core = _clean_end(detail)
    own_sentence = bool(re.search(r"[。！？!?]", core)) or len(core) > 60
    return core, own_sentence


def figure_sentence(a: AchievementLike) -> str:
    """One 公文 sentence, ending in "。", with the title, every figure and the detail.

    >>> from assistant.ledger.workbook import Achievement, Metric
    >>> figure_sentence(Achievement("开展员工思想状况调查", metrics=[
    ...     Metric("次数", 2, "次"), Metric("参与", 1131, "人次", "累计")]))
    '开展员工思想状况调查2次，累计参与1131人次。'

    A figure already written in the title or the detail (as a whole figure) is not repeated.
    """
    title, _ = fill_title(_clean_end(a.title or ""), a.metrics)
    detail, own_sentence = _split_detail(a.detail or "")
    written = f"{title}\n{detail}"
    pending = [m for m in a.metrics if not contains_figure(written, m.text())]
    head = title
    clauses: list[str] = []
    for n, m in enumerate(pending):
        placed = place_in_title(head, m) if head else None
        if placed is not None:
            head = placed
        elif n == 0 and head and _attaches(head, m):
            head += m.text()
        else:
            clauses.append(metric_phrase(m, first=not head and n == 0))
    sentence = "，".join(part for part in (head, *clauses) if part)
    if detail:
        joiner = "。" if own_sentence else "，"
        sentence = f"{sentence}{joiner}{detail}" if sentence else detail
    missing = [m for m in a.metrics if m.text() not in sentence]
    if missing:  # only for odd titles/details that hide a figure; keep the promise anyway
        sentence += "，" + "，".join(metric_phrase(m) for m in missing)
    return sentence + "。" if sentence else ""


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
