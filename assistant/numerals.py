"""Chinese numerals: the digits and units, and the value of an integer written with them.

Below both the ledger (reading a figure a person typed: 三十五, 一千二百) and the examiner (judging
a numeral in a document: 一百八十 where GB/T 15835 wants 180), which may not import each other.
"""

from __future__ import annotations

DIGITS = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "两": 2, "贰": 2, "俩": 2,
    "三": 3, "叁": 3, "四": 4, "肆": 4, "五": 5, "伍": 5,
    "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}


def cn_integer(text: str) -> int:
    """三十五 -> 35, 三千零五 -> 3005, 两万 -> 20000, 二〇二二 -> 2022 (digit by digit); raises
    ValueError for what is not a whole Chinese numeral (百五, 万)."""
    if not text or text[0] in BIG_UNITS or text[0] in "百佰千仟":
        raise ValueError("不是完整的中文数字")
    if all(ch in DIGITS for ch in text) and len(text) > 1:
        # 二〇二二: digit by digit
        return int("".join(str(DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            section += (1 if digit is None else digit) * SMALL_UNITS[ch]
            digit = None
        elif ch in BIG_UNITS:
            factor = BIG_UNITS[ch]
            section += digit or 0
            total = (total + section) * factor if factor > 10_000 else total + section * factor
            section, digit = 0, None
        else:
            raise ValueError(f"不是中文数字：{ch}")
    return total + section + (digit or 0)
