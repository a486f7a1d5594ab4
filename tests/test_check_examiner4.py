"""What the fourth, unseen examiner corpus (benchmarks/check_eval4) showed, each on a document made
by hand with other words than the corpus's: a heading that is a sentence among phrase headings
(a request, a report of what was done, a subject doing something, a long paired heading, a set of
two); a 主送 without its colon; corner quotes 「」; a year-month written 2023.12; an exact count in
Chinese numerals among Arabic ones; a level-3 number with a full-width dot. And two false alarms
on clean documents: a 排比 of two headings opening alike, and a 成文日期 placed by a left indent."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.shared import Pt

from assistant.document.check import check_docx
from assistant.document.fix import fix_docx
from assistant.document.heading_shape import odd_sentence
from tests.fakes import (
    HEITI,
    KAITI,
    XBS,
    check_findings,
    gbt_document,
    hand_paragraph,
    outline_document,
    saved,
)

Doc = docx.document.Document






def _outline(headings: list[tuple[str, str]]) -> Doc:
    """A 方案 with the given headings (face, text), each followed by a body paragraph."""
    return outline_document(headings)


# --- parallelism: a sentence among phrase headings ----------------------------------------------------

#: (headings, index of the sentence): a request, a report of what was done, a subject with an
#: adverb, a paired heading far longer than single phrases, a set of two.
SENTENCE_SETS = [
    (["落实防汛物资", "开展应急演练", "请各乡镇在汛前完成隐患排查"], 2),
    (["水库除险加固", "我们已经组织开展了堤防巡查", "河道清障"], 1),
    (["健全预警体系", "市防汛抗旱指挥部办公室每日会商研判雨情水情"], 1),
    (["完善应急预案", "加快推进山洪灾害监测预警系统建设，全面提升预警能力", "强化物资储备", "加强队伍培训"], 1),
    (["提升排涝能力", "我局将进一步加大城区易涝点改造力度"], 1),
]
#: Sets that are parallel, or whose odd heading is not a sentence among phrases.
PHRASE_SETS = [
    ["项目建设背景", "资金缺口情况", "我局已采取的措施"],  # a noun phrase built on a clause
    ["坚持问题导向", "坚持系统推进"],
    ["抓基层党建工作情况", "落实党风廉政建设和廉洁自律情况", "下一步努力方向"],
    ["从党的百年奋斗中汲取坚定理想信念的力量", "在对照检视中认清我们肩负的责任", "以实干担当践行初心使命"],
    ["青年是事业发展的生力军，大家的奋斗有目共睹", "对广大青年的几点希望", "各级党组织要关心关爱青年成长"],
    ["总则", "申报条件", "评审内容与评分标准", "评审程序", "命名与管理"],
    ["请示事项", "基本情况"],
    ["了解群众需求", "为了群众利益", "除了日常巡查"],
]


@pytest.mark.parametrize(("names", "index"), SENTENCE_SETS)
def test_a_sentence_among_phrase_headings_is_found(names: list[str], index: int) -> None:
    odd = odd_sentence(names)
    assert odd is not None and odd.index == index


@pytest.mark.parametrize("names", PHRASE_SETS)
def test_phrase_headings_and_sets_of_sentences_are_left_alone(names: list[str]) -> None:
    assert odd_sentence(names) is None


def test_a_request_among_level_one_phrases_is_reported_at_its_paragraph(tmp_path: Path) -> None:
    d = _outline([(HEITI, "一、落实防汛物资"), (HEITI, "二、开展应急演练"), (HEITI, "三、请各乡镇在汛前完成隐患排查整改")])
    assert check_findings(d, tmp_path, "parallelism") == [("parallel-shape", 8)]


def test_a_long_paired_heading_among_single_phrases_is_reported(tmp_path: Path) -> None:
    d = _outline([(HEITI, "一、主要任务"), (KAITI, "（一）完善应急预案"),
                  (KAITI, "（二）加快推进山洪灾害监测预警系统建设，全面提升预警能力"), (KAITI, "（三）强化物资储备"),
                  (KAITI, "（四）加强队伍培训")])  # fmt: skip
    assert check_findings(d, tmp_path, "parallelism") == [("parallel-shape", 8)]


def test_a_sentence_in_a_set_of_two_is_reported(tmp_path: Path) -> None:
    d = _outline([(HEITI, "一、主要任务"), (KAITI, "（一）健全预警体系"), (KAITI, "（二）市防汛抗旱指挥部办公室每日会商研判雨情水情")])
    assert check_findings(d, tmp_path, "parallelism") == [("parallel-shape", 8)]


def test_two_headings_opening_alike_are_a_parallel_pair(tmp_path: Path) -> None:
    """坚持…/坚持… is a 排比 of two: GB/T 9704 says nothing of openings, and every heading of the set
    shares it. A repetition some headings share and another breaks is still marked."""
    d = _outline([(HEITI, "一、主要做法"), (KAITI, "（一）坚持问题导向"), (KAITI, "（二）坚持系统推进")])
    assert check_findings(d, tmp_path, "parallelism") == []
    d = _outline([(HEITI, "一、主要做法"), (KAITI, "（一）加强理论学习"), (KAITI, "（二）加强基层基础"), (KAITI, "（三）深化作风建设")])
    assert check_findings(d, tmp_path, "parallelism") == [("parallel-head", 8)]


# --- the 落款 placed by a left indent ------------------------------------------------------------------


def _request(date_first: str = "", date_left: float = 0.0) -> Doc:
    d = gbt_document()
    hand_paragraph(d, "关于申请防汛物资补助资金的请示", XBS, 22, "center", 0)
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "临江市人民政府：", first=0)
    hand_paragraph(d, "今年入汛以来，我市降雨偏多，防汛物资消耗较大。为保障后期防汛需要，恳请市政府给予补助。")
    hand_paragraph(d, "妥否，请批示。")
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "临江市水务局", align="right", first=0, right=4)
    date = hand_paragraph(d, date_first + "2024年7月8日", align="left", first=0)
    date.paragraph_format.left_indent = Pt(date_left * 16)
    return d


def test_a_date_placed_by_a_left_indent_where_7352_puts_it_is_left_alone(tmp_path: Path) -> None:
    """署名 临江市水务局 and the date 2024年7月8日 are both 6 characters wide (digits count half):
    7.3.5.2 wants the date right 2 and the 署名 right 4, the date's first character two right of
    the 署名's. The date stands there by a left indent of 28 − 6 − 2 = 20 characters: indents are
    as good as right alignment; only typed spaces are the trap (they move with the face or size)."""
    d = _request(date_left=28 - 6 - 2)
    assert check_findings(d, tmp_path, "alignment", "indent") == []
    fixed = fix_docx(tmp_path / "d.docx")
    assert [str(c) for c in fixed.changes if c.category in ("alignment", "indent")] == []
    assert docx.Document(io.BytesIO(fixed.data)).paragraphs[7].paragraph_format.left_indent == Pt(20 * 16)


def test_a_date_pushed_right_with_spaces_is_still_reported(tmp_path: Path) -> None:
    d = _request(date_first="\u3000" * 20)
    assert ("tail-spaces", 8) in check_findings(d, tmp_path, "alignment")


# --- punctuation ----------------------------------------------------------------------------------------


def _reply(recipient: str, recipient_align: str = "both") -> Doc:
    d = gbt_document()
    hand_paragraph(d, "临江市人民政府关于同意设立临江市防汛物资储备中心的批复", XBS, 22, "center", 0)
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, recipient, align=recipient_align, first=0)
    hand_paragraph(d, "你局《关于设立临江市防汛物资储备中心的请示》收悉。经研究，同意设立临江市防汛物资储备中心。")
    hand_paragraph(d, "此复。")
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "临江市人民政府", align="right", first=0, right=4)
    hand_paragraph(d, "2024年3月5日", align="right", first=0, right=2)
    return d


def test_a_recipient_without_its_colon_is_found_and_fix_adds_it(tmp_path: Path) -> None:
    """7.3.2: a full-width colon after the last name. Without it the line was taken for body text
    and told to indent by two characters."""
    found = check_findings(_reply("市水务局，市财政局"), tmp_path, "punctuation", "indent")
    assert found == [("recipients-colon", 3)]
    path = tmp_path / "d.docx"
    _reply("市水务局，市财政局").save(str(path))
    fixed = fix_docx(path)
    assert docx.Document(io.BytesIO(fixed.data)).paragraphs[2].text == "市水务局，市财政局："
    assert not [f for f in fixed.left if f.category in ("punctuation", "indent")]


@pytest.mark.parametrize(("line", "align"), [("（2024年3月5日）", "center"), ("市水务局", "center"),
                                             ("防汛物资储备情况", "both")])  # fmt: skip
def test_a_line_under_the_title_that_is_no_recipient_is_not_told_to_take_a_colon(line: str, align: str,
                                                                                tmp_path: Path) -> None:  # fmt: skip
    assert ("recipients-colon", 3) not in check_findings(_reply(line, align), tmp_path)


def test_corner_quotes_are_an_error_and_fix_makes_them_quotes(tmp_path: Path) -> None:
    """GB/T 15834 4.8: horizontal text quotes with “” and ‘’; 「」 are the marks of vertical text."""
    d = _reply("市水务局：")
    d.paragraphs[4].runs[0].text = "请按「早发现、早处置」的要求做好“汛前检查”。"
    assert check_findings(d, tmp_path, "punctuation") == [("corner-quotes", 5)]
    fixed = fix_docx(tmp_path / "d.docx")
    assert docx.Document(io.BytesIO(fixed.data)).paragraphs[4].text == "请按“早发现、早处置”的要求做好“汛前检查”。"
    assert not [f for f in fixed.left if f.category == "punctuation"]


# --- numbers --------------------------------------------------------------------------------------------


def test_a_year_month_with_a_dot_is_found_and_fix_writes_it_out(tmp_path: Path) -> None:
    d = _reply("市水务局：")
    d.paragraphs[4].runs[0].text = "项目于2024.3至2024.11实施，总投资2024.35万元。"
    assert check_findings(d, tmp_path, "numbers") == [("date-form", 5)]
    fixed = fix_docx(tmp_path / "d.docx")
    assert docx.Document(io.BytesIO(fixed.data)).paragraphs[4].text == "项目于2024年3月至2024年11月实施，总投资2024.35万元。"
    assert not [f for f in fixed.left if f.category == "numbers"]


def test_an_exact_count_in_chinese_numerals_among_arabic_counts_is_found(tmp_path: Path) -> None:
    """GB/T 15835: counts in Arabic digits, the same kind of number in the same form throughout."""
    d = _reply("市水务局：")
    d.paragraphs[4].runs[0].text = "储备中心核定编制12名，服务全市6个乡镇，辐射人口约32万人，配备抢险队员一百二十五名。"
    found = [(f.rule, f.paragraph, f.severity, f.expected) for f in check_docx(saved(d, tmp_path)) if f.category == "numbers"]
    assert found == [("count-form", 5, "warning", "125")]


@pytest.mark.parametrize("text", [
    "学习贯彻党的十九大精神，第十二个工作日前报送，参加人员3名。",
    "每组三四十人，共5组。",
    "落实发展党员“二十五个步骤”，本次发展党员4名。",
    "队员平均年龄不到三十岁，连续奋战23天。",
    "共计一百二十五人参加，其中女职工六十二人。",
])  # fmt: skip
def test_fixed_phrases_ordinals_approximations_and_chinese_documents_are_left_alone(text: str, tmp_path: Path) -> None:
    d = _reply("市水务局：")
    d.paragraphs[4].runs[0].text = text
    assert check_findings(d, tmp_path, "numbers") == []




# --- numbering ------------------------------------------------------------------------------------------


def test_a_level_three_number_with_a_full_width_dot_is_a_numbering_fault(tmp_path: Path) -> None:
    """GB/T 9704 7.3.3 writes the third level 1. (a full stop on the line); `fix` already made 1．
    into 1., the check now says so."""
    d = _outline([(HEITI, "一、主要任务"), (KAITI, "（一）完善应急预案"), ("仿宋_GB2312", "1．修订防汛应急预案"),
                  ("仿宋_GB2312", "2.开展应急演练")])  # fmt: skip
    found = [(f.rule, f.paragraph, f.expected) for f in check_docx(saved(d, tmp_path)) if f.category == "numbering"]
    assert found == [("numbering-form", 8, "1.")]
