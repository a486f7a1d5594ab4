"""Jinja2 filters a template body may use: figures, dates and Chinese numerals.

Figures follow GB/T 15835-2011 through `assistant.ledger.numfmt` (imported when first used).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from jinja2 import pass_context

from assistant.errors import WenmiError


def _numfmt() -> Any:
    from assistant.ledger import numfmt

    return numfmt


def _as_number(value: Any) -> int | float:
    try:
        return _numfmt().parse_number(value)  # type: ignore[no-any-return]
    except (TypeError, ValueError):
        raise WenmiError(f"“{value}”不是数字") from None


def num(value: Any, unit: str = "", qualifier: str = "") -> str:
    """A figure in GB/T 15835 form: `{{ 20000|num('斤', '余') }}` -> "2万余斤".

    A metric (anything with `.text`) prints as its own formatted text.
    """
    text = getattr(value, "text", None)
    if isinstance(text, str) and not unit and not qualifier:
        return text
    return str(_numfmt().format_number(_as_number(value), unit, qualifier))


def cnjoin(items: Iterable[Any], sep: str = "、") -> str:
    """Join with the Chinese enumeration comma: [a, b, c] -> "a、b、c"."""
    if isinstance(items, str):
        return items
    return sep.join(str(x) for x in items if x is not None and str(x) != "")


def cndate(value: Any) -> str:
    """A date in Chinese form: "2023-01-11" -> "2023年1月11日"; "" stays ""."""
    if value is None or value == "":
        return ""
    if isinstance(value, date):
        return str(_numfmt().cn_date(value))
    return str(_numfmt().cn_date(str(value)))


def ordinal(n: Any) -> str:
    """The count word for 一个/两个/三个: 2 -> "两"."""
    return str(_numfmt().cn_ordinal(int(_as_number(n))))


def cnnum(n: Any) -> str:
    """A Chinese numeral: 2 -> "二"."""
    return str(_numfmt().cn_numeral(int(_as_number(n))))


def _achievements_of(items: Any) -> list[Any]:
    """Achievements from an achievement, a list of them, a section or a list of sections."""
    if hasattr(items, "metrics"):
        return [items]
    if hasattr(items, "achievements"):
        return list(items.achievements)
    out: list[Any] = []
    for item in items:
        out.extend(_achievements_of(item))
    return out


def total(achievements: Any, unit: str, qualifier: str | None = None) -> str:
    """The sum of every metric with `unit`, formatted: `{{ achievements|total('人次') }}` -> "1449人次".

    The qualifier is what the parts justify (all exact: none; some "at least": 余; some
    approximate: 约) unless `qualifier` is given.
    """
    from assistant.ledger.figures import total_of

    result = total_of(_achievements_of(achievements), unit)
    if qualifier is None:
        return str(result.text())
    return str(_numfmt().format_number(result.value, result.unit, qualifier))


def _sentences_run_on(items: list[Any], sentences: list[str], **_: Any) -> str:
    """The mentions joined as they are: what `mentions` writes until composition supplies its
    joiner (`set_mentions_joiner`)."""
    return "".join(sentences)


#: How `mentions` joins the achievements into clauses: `assistant.compose.paragraphs.join_mentions`
#: once the composition engine is loaded (it sits above this layer and registers itself).
_MENTIONS_JOINER: list[Callable[..., str]] = [_sentences_run_on]


def set_mentions_joiner(joiner: Callable[..., str]) -> None:
    """Let composition supply how `mentions` joins achievements into clauses."""
    _MENTIONS_JOINER[0] = joiner


@pass_context
def mentions(context: Any, achievements: Any, numbered: bool = False) -> str:
    """Work done before, told in a forward-looking document: `{{ achievements|mentions }}` writes
    the achievements as clauses of a few sentences (“、” between short actions, “；” between
    groups), never one title per sentence; `mentions(true)` counts the groups (一是…；二是…) after
    “主要工作有：”. Every figure, date and owner is kept (`assistant.compose.paragraphs.join_mentions`,
    registered by the composition engine)."""
    items = _achievements_of(achievements)
    sentences = [str(getattr(a, "sentence", "") or getattr(a, "title", "")) for a in items]
    unit, period = context.get("unit") or "", context.get("period") or ""
    return _MENTIONS_JOINER[0](items, sentences, numbered=bool(numbered), unit=str(unit), period=str(period))


def task(achievement: Any) -> str:
    """A task of a plan as one item: its sentence, then when and who is responsible, in brackets,
    unless the sentence says them (举办首届妇女儿童摄影书画展，3月1日至8日，地点县委大门口。
    （时间：2010年3月1日；责任单位：县妇联、县妇儿工委）). Nothing of the row is left out."""
    sentence = str(getattr(achievement, "sentence", "") or getattr(achievement, "title", ""))
    when, owner = str(getattr(achievement, "date", "") or ""), str(getattr(achievement, "owner", "") or "")
    day = when.split("年", 1)[-1]
    parts = [f"时间：{when}"] if when and day not in sentence else []
    if owner and owner not in sentence:
        parts.append(f"责任单位：{owner}")
    return sentence + (f"（{'；'.join(parts)}）" if parts else "")


def grip(theme: Any, word: str = "抓手") -> str:
    """The workbook's 主题 as the opening's frame, with its comma: 以“三个五”党建为抓手，(`word`
    for a sentence that says 抓手 itself: 以…为牵引，); a clause (学习贯彻党的二十大精神，扎实推动…)
    as the theme it is: 围绕“…”，; "" when there is none."""
    text = str(theme or "").strip().rstrip("。；，")
    if not text:
        return ""
    if len(text) <= 20 and not re.search(r"[，,；;]", text):
        return f"以{text}为{word}，"
    return "围绕“" + text.replace("“", "‘").replace("”", "’") + "”，"


#: Verbs a section head may have after a subject (业务检验党建, 党建引领发展): such a head is a
#: clause, which cannot stand as the object of 在…上下功夫 or 从…等方面.
_PREDICATES = ("检验", "引领", "带动", "赋能", "护航", "助力", "融入", "促进", "领航", "聚力", "带头", "当先", "先行")


def phrases(items: Iterable[Any]) -> list[str]:
    """Section heads that can be listed as the objects of one verb (在A、B、C上下功夫; 从A、B等方面):
    all of them, or [] when one is a clause of its own (业务检验党建), so that the template leaves the
    list out instead of writing a broken sentence."""
    from assistant.ledger.weave import GOVERNORS

    heads = [str(x) for x in items if x is not None and str(x) != ""]
    for h in heads:
        if len(h) > 4 and h[2:4] in _PREDICATES and not h.startswith((*GOVERNORS, *_HEAD_VERBS)):
            return []
    return heads


#: Verbs that open a head (强化引领作用): the head is then a verb phrase, whatever follows.
_HEAD_VERBS = ("加强", "强化", "提升", "推进", "推动", "深化", "健全", "完善", "落实", "发挥", "坚持", "突出")


FILTERS: dict[str, Callable[..., Any]] = {
    "num": num,
    "cnjoin": cnjoin,
    "cndate": cndate,
    "ordinal": ordinal,
    "cnnum": cnnum,
    "total": total,
    "mentions": mentions,
    "phrases": phrases,
    "task": task,
    "grip": grip,
}
