"""Numbers, quantities and dates written the way GB/T 15835-2011 and 公文 practice want them.

- Figures use Arabic digits with their unit: 8条, 318人次, 100%, 3.5亿元.
- Large round numbers use 万/亿: 20000斤 -> 2万斤; a number that is not round stays as is
  (12345人) unless it is qualified (余/多/近/约…), which makes it approximate anyway.
- Approximation words keep their place: 余/多 follow the number (600余条, 2万余斤, 42万余元),
  近/约/超/逾/至少 precede it (近100人), 左右/以上 follow the unit (100人左右).
- Dates: 2023年1月11日, 2022年3月 — no zero padding.
- Fixed expressions count in Chinese numerals: cn_numeral(3) -> 三, cn_ordinal(2) -> 两 (两个意识).

This module is pure: no I/O, no heavy imports.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation

from assistant.numerals import BIG_UNITS, DIGITS, SMALL_UNITS, cn_integer

Number = int | float

#: Qualifiers written before the number: 近100人, 约3.5亿元, 至少1名.
QUALIFIERS_BEFORE: tuple[str, ...] = ("近", "约", "超", "逾", "至少", "超过", "不少于", "将近")
#: Qualifiers written right after the number (and after 万/亿): 600余条, 2万余斤, 300多人.
QUALIFIERS_AFTER_NUMBER: tuple[str, ...] = ("余", "多")
#: Qualifiers written after the unit: 100人左右, 500人以上.
QUALIFIERS_AFTER_UNIT: tuple[str, ...] = ("左右", "以上")
#: Adverbs that belong before the metric's label, not to the figure: 累计参与1131人次.
ADVERBS: tuple[str, ...] = ("累计", "共", "共计", "合计", "总计")
#: Every accepted value of Metric.qualifier (besides "").
QUALIFIERS: tuple[str, ...] = (*QUALIFIERS_AFTER_NUMBER, *QUALIFIERS_BEFORE, *QUALIFIERS_AFTER_UNIT, *ADVERBS)

#: Qualifiers meaning "at least": rounding them down keeps the statement true.
_LOWER_BOUND = frozenset({"余", "多", "超", "逾", "至少", "超过", "不少于", "以上"})
#: Qualifiers meaning "approaching": rounding up keeps it true (近1.3万人 for 12800).
_UPPER_BOUND = frozenset({"近", "将近"})
_APPROX = frozenset({"约", "左右"})

_SCALES: tuple[tuple[str, int], ...] = (("亿", 100_000_000), ("万", 10_000))
_PERCENT_UNITS = {"%": "%", "％": "%", "百分比": "%"}


# --------------------------------------------------------------------------- formatting numbers


def _decimal(value: Number) -> Decimal:
    if isinstance(value, bool):
        raise TypeError("布尔值不是数字")
    if isinstance(value, int):
        return Decimal(value)
    if not math.isfinite(value):
        raise ValueError(f"不是有限的数：{value!r}")
    return Decimal(repr(value))


def _plain(d: Decimal) -> str:
    """Digits without exponent or trailing zeros: 3.50 -> 3.5, 2E+1 -> 20."""
    if d == d.to_integral_value():
        return str(int(d))
    text = format(d.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_value(value: Number) -> str:
    """The bare number as digits: 35, 3.5, 12345 (no grouping separators, no exponent)."""
    return _plain(_decimal(value))


def _round_places(d: Decimal, places: int, qualifier: str) -> Decimal | None:
    """`d` with at most `places` decimals; None when that would change an exact figure."""
    step = Decimal(1).scaleb(-places)
    exact = d.quantize(step, rounding=ROUND_HALF_UP)
    if exact == d:
        return exact
    if qualifier in _LOWER_BOUND:
        return d.quantize(step, rounding=ROUND_FLOOR)
    if qualifier in _UPPER_BOUND:
        return d.quantize(step, rounding=ROUND_CEILING)
    if qualifier in _APPROX:
        return exact
    return None


def scale_number(value: Number, qualifier: str = "") -> tuple[str, str]:
    """Digits and scale word for `value`: (\"2\", \"万\") for 20000, (\"12345\", \"\") for 12345.

    万/亿 are used when the scaled number needs at most two decimals, or when the figure is
    qualified (余/多/近/约…) and so may be rounded in the direction that keeps it true.
    """
    d = _decimal(value)
    for word, factor in _SCALES:
        if abs(d) >= factor:
            scaled = _round_places(d / factor, 2, qualifier)
            if scaled is not None and scaled != 0:
                return _plain(scaled), word
    return _plain(d), ""


def normalize_unit(unit: str) -> str:
    """Trim the unit and write percent signs as the half-width %."""
    unit = (unit or "").strip()
    return _PERCENT_UNITS.get(unit, unit)


def _scale_prefix(unit: str) -> tuple[str, str]:
    """Split a unit that already carries 万/亿 (万元 -> (\"万\", \"元\"))."""
    for word, _ in _SCALES:
        if unit.startswith(word):
            return word, unit[len(word) :]
    return "", unit


def format_number(value: Number, unit: str = "", qualifier: str = "") -> str:
    """A figure in GB/T 15835 form.

    >>> format_number(20000, "斤", "余")
    '2万余斤'
    >>> format_number(420000, "元", "余")
    '42万余元'
    >>> format_number(90, "万元", "多")
    '90多万元'
    >>> format_number(100, "人", "近")
    '近100人'
    >>> format_number(100, "%")
    '100%'

    Adverbs (累计/共…) are not part of the figure and are ignored here.
    """
    unit = normalize_unit(unit)
    qualifier = (qualifier or "").strip()
    if qualifier in ADVERBS:
        qualifier = ""
    scale_in_unit, base_unit = _scale_prefix(unit)
    if scale_in_unit:
        digits, scale = format_value(value), scale_in_unit
    elif unit == "%":
        digits, scale, base_unit = format_value(value), "", "%"
    else:
        digits, scale = scale_number(value, qualifier)
    before = qualifier if qualifier in QUALIFIERS_BEFORE else ""
    after_number = qualifier if qualifier in QUALIFIERS_AFTER_NUMBER else ""
    after_unit = qualifier if qualifier in QUALIFIERS_AFTER_UNIT else ""
    if scale_in_unit and after_number == "多" and digits.isdigit():
        # counted in 万元 by the drafter: 90多万元 (between 90 and 100 万), never 90万多元
        # (a little over 900,000, and not how anyone writes it); 余 stays where usage puts
        # it (42万余元), and so does a decimal (3.5万多元)
        return f"{before}{digits}{after_number}{scale}{base_unit}{after_unit}"
    return f"{before}{digits}{scale}{after_number}{base_unit}{after_unit}"


# --------------------------------------------------------------------------- parsing numbers

_CN_DIGITS = DIGITS
_CN_SMALL_UNITS = SMALL_UNITS
_CN_BIG_UNITS = BIG_UNITS
_CN_CHARS = set(_CN_DIGITS) | set(_CN_SMALL_UNITS) | set(_CN_BIG_UNITS) | {"点"}

_ARABIC = re.compile(r"[-+]?(?:\d+(?:[,_\s]\d{3})*(?:\.\d+)?|\.\d+)")


_cn_integer = cn_integer


def chinese_to_number(text: str) -> Number:
    """三十五 -> 35, 一千二百 -> 1200, 两万 -> 20000, 三点五 -> 3.5, 二〇二二 -> 2022."""
    text = text.strip()
    if not text or any(ch not in _CN_CHARS for ch in text):
        raise ValueError(f"不是中文数字：{text!r}")
    if "点" in text:
        whole, _, frac = text.partition("点")
        if not frac or any(ch not in _CN_DIGITS for ch in frac):
            raise ValueError(f"不是中文数字：{text!r}")
        digits = "".join(str(_CN_DIGITS[ch]) for ch in frac)
        return float(f"{_cn_integer(whole) if whole else 0}.{digits}")
    return _cn_integer(text)


def _tidy(value: Number) -> Number:
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 2**53:
            return int(value)
        return float(f"{value:.12g}")
    return value


def parse_number(text: str | Number) -> Number:
    """Read a number as a person wrote it; raises ValueError if it is not one.

    Accepts 35, "35", "3.5", "1,200", "１２", "08", "三十五", "一千二百", "1.5万", "2亿".
    """
    if isinstance(text, bool):
        raise ValueError("是/否不是数字")
    if isinstance(text, int | float):
        if isinstance(text, float) and not math.isfinite(text):
            raise ValueError("不是有限的数")
        return _tidy(text)
    s = unicodedata.normalize("NFKC", str(text)).strip()
    if not s:
        raise ValueError("空值")
    factor = 1
    if len(s) > 1 and s[-1] in _CN_BIG_UNITS and not all(ch in _CN_CHARS for ch in s):
        factor = _CN_BIG_UNITS[s[-1]]
        s = s[:-1].strip()
    m = _ARABIC.fullmatch(s)
    if m:
        cleaned = re.sub(r"[,_\s]", "", s)
        try:
            d = Decimal(cleaned) * factor
        except InvalidOperation as exc:  # pragma: no cover - the regex already checked
            raise ValueError(s) from exc
        return int(d) if d == d.to_integral_value() else _tidy(float(d))
    value = chinese_to_number(s)
    return _tidy(value * factor)


@dataclass(frozen=True)
class Quantity:
    """A figure read from text: value plus whatever unit and qualifier came with it."""

    value: Number
    unit: str = ""
    qualifier: str = ""


_QTY = re.compile(
    r"^(?P<before>近|约|超过|超|逾|至少|不少于|将近|累计|共计|合计|总计|共)?"
    r"(?P<num>[-+]?[\d.,_ ]*\d[\d.,_]*|[零〇○一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]+)"
    r"(?P<scale>万|亿)?(?P<after>余|多)?(?P<unit>.*?)(?P<tail>左右|以上)?$"
)


def parse_quantity(text: str | Number) -> Quantity:
    """Split "2万余斤" into Quantity(20000, "斤", "余"); "近100人" -> (100, "人", "近").

    Also reads "百分之九十" (90, "%"), "600余", "三十五", plain numbers. Raises ValueError.
    """
    if not isinstance(text, str):
        return Quantity(parse_number(text))
    s = unicodedata.normalize("NFKC", text).strip()
    if s.startswith("百分之"):
        return Quantity(parse_number(s[3:]), "%")
    m = _QTY.match(s)
    if not m:
        raise ValueError(f"不是数量：{text!r}")
    num = m.group("num").strip()
    scale = m.group("scale") or ""
    unit = m.group("unit").strip()
    if re.fullmatch(r"[零〇○一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]+", num) and scale:
        num, scale = num + scale, ""
    value = parse_number(num + scale)
    if unit and (re.search(r"\d", unit) or len(unit) > 6):
        raise ValueError(f"不是数量：{text!r}")
    qualifier = m.group("before") or m.group("after") or m.group("tail") or ""
    return Quantity(value, normalize_unit(unit), qualifier)


# --------------------------------------------------------------------------- Chinese numerals

_NUMERALS = "零一二三四五六七八九"


def _cn_under_10000(n: int) -> str:
    parts: list[str] = []
    zero = False
    for factor, word in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // factor % 10
        if digit == 0:
            zero = bool(parts)
            continue
        if zero:
            parts.append("零")
            zero = False
        parts.append(_NUMERALS[digit] + word)
    return "".join(parts)


def cn_numeral(n: int) -> str:
    """Chinese numeral for a whole number: 1 -> 一, 10 -> 十, 12 -> 十二, 1200 -> 一千二百."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError("cn_numeral 只接受整数")
    if n < 0:
        return "负" + cn_numeral(-n)
    if n == 0:
        return "零"
    groups: list[tuple[int, str]] = []
    rest = n
    for word in ("", "万", "亿", "万亿"):
        groups.append((rest % 10_000, word))
        rest //= 10_000
        if not rest:
            break
    out = ""
    need_zero = False
    for value, word in reversed(groups):
        if value == 0:
            need_zero = bool(out)
            continue
        if out and (need_zero or value < 1000):
            out += "零"
        out += _cn_under_10000(value) + word
        need_zero = False
    if out.startswith("一十"):
        out = out[1:]  # 十二, 十万, not 一十二
    return out


def cn_ordinal(n: int) -> str:
    """The numeral used before a measure word: 1 -> 一, 2 -> 两 (两个意识), 200 -> 两百, 12 -> 十二."""
    text = cn_numeral(n)
    if n == 2:
        return "两"
    if text.startswith("二") and len(text) > 1 and text[1] in "百千万亿":
        return "两" + text[1:]
    return text


# --------------------------------------------------------------------------- dates

_DATE_PATTERNS = (
    re.compile(
        r"(?P<y>\d{4})(?:[-/.](?P<m>\d{1,2})(?:[-/.](?P<d>\d{1,2}))?)?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
    ),
    re.compile(r"(?P<y>\d{4})年(?:(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号])?)?"),
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})"),
)
#: Period words that are valid dates as written (kept verbatim): 2022年上半年, 2022年第一季度.
_PERIOD = re.compile(r"\d{4}年(?:度|上半年|下半年|全年|第[一二三四1-4]季度|[一二三四1-4]季度|以来)")


def parse_date(text: str | _dt.date) -> tuple[int, int | None, int | None] | None:
    """(year, month or None, day or None) for a date as people write it; None if not a date."""
    if isinstance(text, _dt.datetime):
        return text.year, text.month, text.day
    if isinstance(text, _dt.date):
        return text.year, text.month, text.day
    s = unicodedata.normalize("NFKC", str(text)).strip()
    for pattern in _DATE_PATTERNS:
        m = pattern.fullmatch(s)
        if not m:
            continue
        year = int(m.group("y"))
        month = int(m.group("m")) if m.group("m") else None
        day = int(m.group("d")) if m.group("d") else None
        if not 1 <= year <= 9999:
            return None
        if month is not None and not 1 <= month <= 12:
            return None
        if day is not None and (month is None or not 1 <= day <= calendar.monthrange(year, month)[1]):
            return None
        return year, month, day
    return None


def is_period_text(text: str) -> bool:
    """True for period words such as 2022年上半年 or 2022年第一季度 (valid, kept as written)."""
    return bool(_PERIOD.fullmatch(unicodedata.normalize("NFKC", text).strip()))


def iso_date(text: str | _dt.date) -> str | None:
    """2023-01-11 / 2022-03 / 2022 for any accepted date form; None if not a date."""
    parts = parse_date(text)
    if parts is None:
        return None
    y, m, d = parts
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def cn_date(value: str | _dt.date | None) -> str:
    """2023-01-11 -> 2023年1月11日, 2022-03 -> 2022年3月, 2022 -> 2022年.

    Text that is not a date (2022年上半年, "") comes back unchanged.
    """
    if value is None:
        return ""
    parts = parse_date(value)
    if parts is None:
        return str(value).strip()
    y, m, d = parts
    out = f"{y}年"
    if m is not None:
        out += f"{m}月"
    if d is not None:
        out += f"{d}日"
    return out
