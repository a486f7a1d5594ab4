"""Number, quantity and date formatting (GB/T 15835-2011 as 公文 use it)."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.ledger.numfmt import (
    QUALIFIERS,
    Quantity,
    chinese_to_number,
    cn_date,
    cn_numeral,
    cn_ordinal,
    format_number,
    format_value,
    is_period_text,
    iso_date,
    parse_date,
    parse_number,
    parse_quantity,
    scale_number,
)


class TestFormatNumber:
    """Figures as the reference articles write them."""

    @pytest.mark.parametrize(
        ("value", "unit", "qualifier", "expected"),
        [
            (8, "条", "", "8条"),
            (318, "人次", "", "318人次"),
            (20000, "斤", "余", "2万余斤"),
            (420000, "元", "余", "42万余元"),
            (600, "条", "余", "600余条"),
            (300, "人", "多", "300多人"),
            (100, "%", "", "100%"),
            (100, "％", "", "100%"),
            (100, "人", "近", "近100人"),
            (3.5, "亿元", "", "3.5亿元"),
            (350_000_000, "元", "", "3.5亿元"),
            (42, "万元", "余", "42万余元"),
            (90, "万元", "多", "90多万元"),  # never 90万多元
            (3.5, "万元", "多", "3.5万多元"),
            (12345, "人", "", "12345人"),
            (10000, "元", "", "1万元"),
            (15000, "人", "", "1.5万人"),
            (12345, "人", "余", "1.23万余人"),  # qualified: rounded down, still true
            (12800, "人", "近", "近1.28万人"),
            (12355, "人", "近", "近1.24万人"),  # 近 rounds up
            (12355, "人", "约", "约1.24万人"),
            (100, "人", "左右", "100人左右"),
            (500, "人", "以上", "500人以上"),
            (1131, "人次", "累计", "1131人次"),  # adverbs are not part of the figure
            (35.0, "项", "", "35项"),
            (0.5, "个百分点", "", "0.5个百分点"),
            (2, "", "", "2"),
            (-5, "%", "", "-5%"),
            (1, "名", "至少", "至少1名"),
        ],
    )
    def test_cases(self, value: float, unit: str, qualifier: str, expected: str) -> None:
        assert format_number(value, unit, qualifier) == expected

    def test_decimals_kept_as_given(self) -> None:
        assert format_value(3.5) == "3.5"
        assert format_value(0.1) == "0.1"
        assert format_value(2.25) == "2.25"
        assert format_value(1e16) == "10000000000000000"

    def test_unqualified_inexact_large_number_is_not_rounded(self) -> None:
        assert scale_number(123456) == ("123456", "")
        assert scale_number(120000) == ("12", "万")

    def test_bool_is_not_a_number(self) -> None:
        with pytest.raises(TypeError):
            format_number(True)  # type: ignore[arg-type]

    def test_every_qualifier_formats(self) -> None:
        for q in QUALIFIERS:
            assert "5" in format_number(5, "次", q)


class TestParse:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("三十五", 35),
            ("一千二百", 1200),
            ("两万", 20000),
            ("十", 10),
            ("十二", 12),
            ("一百零一", 101),
            ("一万二千", 12000),
            ("三千万", 30_000_000),
            ("一亿二千万", 120_000_000),
            ("二〇二二", 2022),
            ("三点五", 3.5),
            ("壹佰", 100),
        ],
    )
    def test_chinese_numerals(self, text: str, expected: float) -> None:
        assert chinese_to_number(text) == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [("35", 35), ("08", 8), ("1,200", 1200), ("1_000", 1000), ("１２", 12), ("3.50", 3.5), ("1.5万", 15000),
         ("2亿", 200_000_000), ("三十五", 35), (" 7 ", 7), (12.0, 12), (0.30000000000000004, 0.3)],
    )  # fmt: skip
    def test_parse_number(self, text: str | float, expected: float) -> None:
        value = parse_number(text)
        assert value == expected
        assert type(value) is type(expected)

    @pytest.mark.parametrize("bad", ["若干", "", "12:30", "1,2", "万", "百", "abc", "3.5.1"])
    def test_parse_number_rejects(self, bad: str) -> None:
        with pytest.raises(ValueError):
            parse_number(bad)

    def test_parse_number_rejects_bool(self) -> None:
        with pytest.raises(ValueError):
            parse_number(True)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2万余斤", Quantity(20000, "斤", "余")),
            ("两万余斤", Quantity(20000, "斤", "余")),
            ("近100人", Quantity(100, "人", "近")),
            ("600余", Quantity(600, "", "余")),
            ("100%", Quantity(100, "%", "")),
            ("百分之九十", Quantity(90, "%", "")),
            ("100人左右", Quantity(100, "人", "左右")),
            ("累计1131人次", Quantity(1131, "人次", "累计")),
            ("三十五", Quantity(35, "", "")),
            (35, Quantity(35, "", "")),
        ],
    )
    def test_parse_quantity(self, text: str | int, expected: Quantity) -> None:
        assert parse_quantity(text) == expected

    def test_quantity_round_trips_through_format(self) -> None:
        for text in ("2万余斤", "42万余元", "近100人", "318人次", "100%", "3.5亿元"):
            q = parse_quantity(text)
            assert format_number(q.value, q.unit, q.qualifier) == text


class TestChineseNumerals:
    @pytest.mark.parametrize(
        ("n", "expected"),
        [(0, "零"), (1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (101, "一百零一"), (110, "一百一十"),
         (1001, "一千零一"), (1200, "一千二百"), (10000, "一万"), (10001, "一万零一"), (12000, "一万二千"),
         (100000, "十万"), (100_000_000, "一亿")],
    )  # fmt: skip
    def test_cn_numeral(self, n: int, expected: str) -> None:
        assert cn_numeral(n) == expected

    @pytest.mark.parametrize(
        ("n", "expected"),
        [
            (1, "一"),
            (2, "两"),
            (3, "三"),
            (12, "十二"),
            (20, "二十"),
            (22, "二十二"),
            (200, "两百"),
            (2000, "两千"),
        ],
    )
    def test_cn_ordinal(self, n: int, expected: str) -> None:
        assert cn_ordinal(n) == expected

    def test_round_trip(self) -> None:
        for n in [*range(0, 130), 999, 1000, 1010, 9999, 10010, 123456, 100_010_000]:
            assert chinese_to_number(cn_numeral(n)) == n

    def test_only_integers(self) -> None:
        with pytest.raises(TypeError):
            cn_numeral(1.5)  # type: ignore[arg-type]


class TestDates:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("2023-01-11", "2023年1月11日"),
            ("2022-03", "2022年3月"),
            ("2022", "2022年"),
            ("2023/1/11", "2023年1月11日"),
            ("2023.1.11", "2023年1月11日"),
            ("2023年01月05日", "2023年1月5日"),
            ("2022年3月", "2022年3月"),
            ("20230111", "2023年1月11日"),
            ("2023-01-11 10:30", "2023年1月11日"),
            (dt.date(2023, 1, 11), "2023年1月11日"),
            (dt.datetime(2022, 3, 1, 8, 0), "2022年3月1日"),
            ("2022年上半年", "2022年上半年"),
            ("", ""),
            (None, ""),
        ],
    )
    def test_cn_date(self, value: object, expected: str) -> None:
        assert cn_date(value) == expected  # type: ignore[arg-type]

    @pytest.mark.parametrize("bad", ["2022-13", "2023-02-30", "12:30", "明年", "2022-3-"])
    def test_parse_date_rejects(self, bad: str) -> None:
        assert parse_date(bad) is None

    def test_iso_and_periods(self) -> None:
        assert iso_date("2022年3月") == "2022-03"
        assert iso_date("2023/1/5") == "2023-01-05"
        assert is_period_text("2022年第一季度")
        assert is_period_text("2022年上半年")
        assert not is_period_text("上半年")
