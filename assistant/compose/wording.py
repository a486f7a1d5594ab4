"""Wording that depends on the workbook: its period (一年来 / 半年来 / 一季度以来) and the kind of
organisation that writes (党委 / 党支部 / 机关工委 / 团委 / 工会; enterprise, agency…).

Templates never hard-code these: `words_for(unit, period, fields)` gives every template the same
names (`since`, `span`, `next_span`, `self_ref`, `org_kind`, `sector`…), so a half-year summary
does not say “一年来” and a 党委 is not called “支部委员会”.

The kind of organisation is read from the unit's name; the workbook can set it with the fields
`组织类型` (党委、党总支、党支部、党组、机关工委、团委、工会、部门) and `单位性质` (企业、机关、事业单位、村社区).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

#: Fields of the workbook that set the wording rather than a template slot.
ORG_FIELD = "组织类型"
SECTOR_FIELD = "单位性质"
WORDING_FIELDS = (ORG_FIELD, SECTOR_FIELD)

ORG_KINDS = ("党委", "党总支", "党支部", "党组", "机关工委", "纪委", "团委", "工会", "部门")
SECTORS = ("企业", "机关", "事业单位", "村社区")

_CN_DIGITS = "〇一二三四五六七八九"
_QUARTER = re.compile(r"(?:第)?([一二三四1-4])季度")
_MONTHS = re.compile(r"(\d{1,2})\s*[-—~至到]\s*(\d{1,2})月")
_YEAR = re.compile(r"(\d{4})\s*年?")


@dataclass(frozen=True)
class Period:
    """What a period string says: its year, and which part of it."""

    text: str
    year: int | None
    #: "year", "half1", "half2", "quarter" (with `quarter`), "months", or "" when unknown.
    kind: str
    quarter: int = 0

    @property
    def since(self) -> str:
        """How a retrospective document opens: 一年来、半年来、一季度以来."""
        return {
            "year": "一年来",
            "half1": "半年来",
            "half2": "半年来",
            "quarter": f"{_CN_DIGITS[self.quarter]}季度以来",
            "months": "今年以来",
        }.get(self.kind, "近期")

    @property
    def span(self) -> str:
        """The period as a whole: 全年、上半年、一季度 (现将上半年工作总结如下)."""
        return {
            "year": "全年",
            "half1": "上半年",
            "half2": "下半年",
            "quarter": f"{_CN_DIGITS[self.quarter]}季度",
            "months": "前一阶段",
        }.get(self.kind, "前一阶段")

    @property
    def next_span(self) -> str:
        """The period after it: 新的一年、下半年、下一季度."""
        if self.kind in ("year", "half2") or (self.kind == "quarter" and self.quarter == 4):
            return "新的一年"
        if self.kind == "half1":
            return "下半年"
        if self.kind == "quarter":
            return "下一季度"
        return "下一步"

    @property
    def end(self) -> tuple[int, int] | None:
        """(year, month) of the period's last month, or None when it is not known."""
        if self.year is None:
            return None
        last = {"year": 12, "half1": 6, "half2": 12}.get(self.kind)
        if self.kind == "quarter":
            last = 3 * self.quarter
        if self.kind == "months":
            m = _MONTHS.search(self.text)
            last = int(m.group(2)) if m else None
        return (self.year, last) if last else None

    @property
    def next_text(self) -> str:
        """The next period by name (2023年, 2023年下半年), or "" when the period is not known."""
        if self.year is None:
            return ""
        if self.kind in ("year", "half2") or (self.kind == "quarter" and self.quarter == 4):
            return f"{self.year + 1}年"
        if self.kind == "half1":
            return f"{self.year}年下半年"
        if self.kind == "quarter":
            return f"{self.year}年第{_CN_DIGITS[self.quarter + 1]}季度"
        return ""


def parse_period(text: str | None) -> Period:
    """2022年 / 2022年度 / 2022年上半年 / 2023年第一季度 / 2023年1-6月 / 2021—2022年."""
    text = (text or "").strip()
    years = [int(y) for y in _YEAR.findall(text)]
    year = years[-1] if years else None
    if "上半年" in text:
        return Period(text, year, "half1")
    if "下半年" in text:
        return Period(text, year, "half2")
    q = _QUARTER.search(text)
    if q:
        raw = q.group(1)
        n = int(raw) if raw.isdigit() else _CN_DIGITS.index(raw)
        return Period(text, year, "quarter", n)
    m = _MONTHS.search(text)
    if m:
        first, last = int(m.group(1)), int(m.group(2))
        if (first, last) == (1, 6):
            return Period(text, year, "half1")
        if (first, last) == (7, 12):
            return Period(text, year, "half2")
        if (first, last) == (1, 12):
            return Period(text, year, "year")
        return Period(text, year, "months")
    if year is not None and re.fullmatch(r"\d{4}\s*年?度?", text):
        return Period(text, year, "year")
    return Period(text, year, "")


def org_kind(unit: str) -> str:
    """The kind of organisation a unit's name says it is (部门 when it names no Party or mass body)."""
    name = re.sub(r"[（(][^）)]*[）)]", "", unit or "")
    if "机关工委" in name or "机关工作委员会" in name:
        return "机关工委"
    if "纪律检查委员会" in name or re.search(r"纪委|纪工委", name):
        return "纪委"
    # 团委, but not the 团委 inside 集团委员会
    if re.search(r"(?<!集)团委|共青团|团总支|团支部|团工委|^团[省市区县州旗镇乡][委]", name):
        return "团委"
    if "工会" in name:
        return "工会"
    if "党总支" in name or "总支部" in name:
        return "党总支"
    if "支部" in name:
        return "党支部"
    if name.endswith("党组") or "党组" in name and "党组织" not in name:
        return "党组"
    if "党委" in name or (name.startswith("中共") and name.endswith("委员会")):
        return "党委"
    if name.endswith("委员会") and "党" in name:
        return "党委"
    return "部门"


_SECTOR_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("村社区", ("社区", "居委会", "嘎查", "村党", "村委", "村民", "行政村")),
    ("企业", ("公司", "集团", "有限", "股份", "企业", "工厂", "银行", "电业局", "供电", "矿", "厂")),
    ("事业单位", ("学校", "学院", "大学", "中学", "小学", "幼儿园", "医院", "卫生院", "研究所", "研究院", "科学院",
                 "中心", "图书馆", "博物馆", "文化馆", "研究室", "疾病预防控制", "出版社", "电视台")),
    ("机关", ("机关", "厅", "局", "委员会办公室", "办公室", "政府", "法院", "检察院", "税务", "人大", "政协",
              "街道", "乡", "镇", "工委")),
)  # fmt: skip


def sector(unit: str) -> str:
    """企业、机关、事业单位、村社区 as the unit's name says, or "" when it does not say."""
    name = unit or ""
    if re.search(r"(?<![农乡])村", name) and "村镇银行" not in name:
        return "村社区"  # 某某村, not the 村 of 农村 or 乡村
    for kind, words in _SECTOR_WORDS:
        if any(w in name for w in words):
            return kind
    return ""


def self_reference(unit: str, kind: str) -> str:
    """How the document names its writer after the first mention: 党委、支部、机关工委……"""
    if kind == "党支部":
        return "支部"
    if kind == "部门":
        short = re.sub(r"[（(][^）)]*[）)]", "", unit or "").strip()
        return short or "本单位"
    return kind


@dataclass(frozen=True)
class Wording:
    """The names every template body gets (see the module docstring)."""

    since: str
    span: str
    next_span: str
    next_period: str
    org_kind: str
    sector: str
    self_ref: str

    def as_context(self) -> dict[str, Any]:
        return asdict(self)


def words_for(unit: str, period: str | None, fields: Mapping[str, Any] | None = None) -> Wording:
    """The wording for this unit and period; `fields` may set 组织类型 and 单位性质."""
    fields = fields or {}
    p = parse_period(period)
    kind = str(fields.get(ORG_FIELD) or "").strip() or org_kind(unit)
    where = str(fields.get(SECTOR_FIELD) or "").strip() or sector(unit)
    if where not in SECTORS:
        where = ""  # a 单位性质 outside the four: no sector wording
    if not fields.get(SECTOR_FIELD) and kind in ("工会", "团委") and where == "机关" and not re.search(
        r"机关|政府|局|厅|委员会办公室", unit
    ):
        where = ""  # a township 工会 or 团委 (烟墩镇工会) is no government agency
    return Wording(
        since=p.since,
        span=p.span,
        next_span=p.next_span,
        next_period=p.next_text,
        org_kind=kind,
        sector=where,
        self_ref=self_reference(unit, kind),
    )


#: Names the wording adds to every template's context.
CONTEXT_NAMES: tuple[str, ...] = tuple(Wording.__dataclass_fields__)


def date_check(date_value: str, period: str | None, retrospective: bool) -> str | None:
    """A warning when a 成文日期 does not fit the period: a summary dated before its period ends
    (it would report what has not happened yet); a plan dated after even the period that follows
    the workbook's has ended (a plan drawn from a year's results covers the next year)."""
    from assistant.ledger.numfmt import parse_date

    parsed = parse_date(date_value) if date_value else None
    end = parse_period(period).end
    if parsed is None or end is None:
        return None
    import calendar

    year, month = parsed[0], parsed[1] or 12
    day = parsed[2] or calendar.monthrange(year, month)[1]
    last_day = calendar.monthrange(*end)[1]
    if retrospective and (year, month, day) < (*end, last_day):
        return f"成文日期{date_value}早于时期“{period}”结束，总结的是尚未过完的时期；请核对日期或时期"
    # a plan drawn from this period's results covers the next one: late only past that
    if not retrospective and (year, month) > (end[0] + 1, end[1]):
        return f"成文日期{date_value}晚于时期“{period}”之后的一个时期，部署的工作已经过期；请核对日期或时期"
    return None


#: Formulations a template writes that were first used in a given year (党的十九大, 2017年10月):
#: a document about a period before it cannot have used them.
FORMULATIONS: tuple[tuple[str, int], ...] = (
    ("习近平新时代中国特色社会主义思想", 2017),
    ("党的二十大", 2022),
    ("二十届", 2022),
)


def anachronisms(text: str, period: str | None) -> list[str]:
    """A warning for each formulation in `text` younger than the period (a 2011 plan “以习近平新时代
    中国特色社会主义思想为指导”)."""
    year = parse_period(period).year
    if year is None:
        return []
    return [
        f"文稿写了“{words}”（{since}年起的提法），台账时期是{period}：请按当时的提法改写，或核对时期"
        for words, since in FORMULATIONS
        if year < since and words in text
    ]
