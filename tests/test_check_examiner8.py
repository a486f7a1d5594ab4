"""What the eighth examiner corpus (benchmarks/check_eval8) showed, each on a small document made by
hand with other words than the corpus's."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Pt

from assistant.document.check import check_docx
from assistant.document.fix import fix_docx
from assistant.document.heading_shape import odd_shapes
from tests.fakes import HEITI, XBS, check_findings, gbt_document, hand_paragraph, saved

Doc = Any  # a python-docx Document

FILL = "巡" * 20 + "。"  # one line of body text


def _notice(*body: str, title: str = "关于做好汛期地质灾害防范工作的通知", date: str | None = "2025年6月3日",
            sig_first: bool = True) -> Doc:  # fmt: skip
    d = gbt_document()
    hand_paragraph(d, title, XBS, 22, "center", 0)
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "各乡镇人民政府，县直各部门：", first=0)
    for text in body:
        hand_paragraph(d, text)
    hand_paragraph(d, "", first=0)
    tail = [("东山县自然资源局", 2.0)] + ([(date, 2.0)] if date else [])
    for text, right in tail if sig_first else reversed(tail):
        hand_paragraph(d, text, align="right", first=0, right=right)
    return d


# --- numbers and dates (GB/T 15835, GB/T 9704 7.3.5.4) ---------------------------------------------------


def test_a_month_and_day_that_do_not_exist_are_reported_without_a_year(tmp_path: Path) -> None:
    """4月31日 does not exist whatever the year; a date without its year takes the 成文日期's."""
    d = _notice("第一轮排查（4月1日至4月31日）。各乡镇组织逐村排查。", "第二轮排查（5月1日至5月31日）。县局组织抽查。")
    assert check_findings(d, tmp_path, "numbers") == [("impossible-date", 4)]


@pytest.mark.parametrize(("date", "reported"), [("2025年3月2日", True), ("2024年3月2日", False)])
def test_the_29th_of_february_is_judged_by_the_year_of_the_document(date: str, reported: bool, tmp_path: Path) -> None:
    d = _notice("各乡镇于2月29日前报送排查台账。", date=date)
    assert (("impossible-date", 4) in check_findings(d, tmp_path, "numbers")) is reported


def test_a_year_in_chinese_numerals_beside_an_arabic_date_is_reported_and_fixed(tmp_path: Path) -> None:
    """GB/T 15835-2011 lets a year be written either way, but one kind of number takes one form in one
    document (同类别同形式); the 成文日期 is in Arabic digits (GB/T 9704-2012 7.3.5.4), so a year of the
    text in Chinese numerals is told to follow it."""
    d = _notice("到二〇二七年，全县地质灾害隐患点全部纳入监测。")
    assert check_findings(d, tmp_path, "numbers") == [("year-form", 4)]
    fixed = fix_docx(tmp_path / "d.docx")
    assert "到2027年，全县" in docx.Document(io.BytesIO(fixed.data)).paragraphs[3].text
    assert [f for f in fixed.left if f.category == "numbers"] == []


def test_a_year_in_chinese_numerals_with_no_arabic_year_at_all_is_left_alone(tmp_path: Path) -> None:
    d = _notice("到二〇二七年，全县地质灾害隐患点全部纳入监测。", date=None)
    assert check_findings(d, tmp_path, "numbers") == []


def test_a_two_digit_year_is_written_in_full_in_the_century_of_the_document(tmp_path: Path) -> None:
    """GB/T 15835: years are written in full. The 成文日期 (2025年) tells that 24年 is 2024年."""
    saved(_notice("24年，全县治理地质灾害隐患点12处。"), tmp_path)
    fixed = fix_docx(tmp_path / "d.docx")
    assert docx.Document(io.BytesIO(fixed.data)).paragraphs[3].text.startswith("2024年，全县")
    assert [f for f in fixed.left if f.category == "numbers"] == []


def test_a_two_digit_year_in_a_document_that_tells_no_century_is_left_to_a_human(tmp_path: Path) -> None:
    saved(_notice("24年，全县治理地质灾害隐患点12处。", date=None), tmp_path)
    fixed = fix_docx(tmp_path / "d.docx")
    assert [f.rule for f in fixed.left if f.category == "numbers"] == ["short-year"]


# --- structure (GB/T 9704 7.3.5) --------------------------------------------------------------------------


def test_a_date_above_the_signature_is_reported_at_the_date(tmp_path: Path) -> None:
    """7.3.5.2: the 署名 first, the 成文日期 on the line under it. The date is the line out of place."""
    d = _notice(FILL, sig_first=False)
    assert ("date-before-signature", 6) in check_findings(d, tmp_path, "structure")


def _report(end: str = "特此报告。", title: str = "关于上半年地质灾害防治工作情况的报告", table_tail: bool = False) -> Doc:
    d = gbt_document()
    hand_paragraph(d, title, XBS, 22, "center", 0)
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "县人民政府：", first=0)
    hand_paragraph(d, "上半年，我局完成隐患点巡查1200点次，组织应急演练18场。")
    hand_paragraph(d, end)
    if table_tail:
        table = d.add_table(rows=2, cols=1)
        table.cell(0, 0).text, table.cell(1, 0).text = "东山县自然资源局", "2025年7月2日"
    return d


def test_a_report_that_ends_without_signature_and_date_is_reported(tmp_path: Path) -> None:
    """7.3.5: a 公文 closes with the 发文机关署名 and the 成文日期; a 报告 that stops at “特此报告。” has neither."""
    assert check_findings(_report(), tmp_path, "structure") == [("no-signature-date", 5)]


@pytest.mark.parametrize("doc", [
    lambda: _report(table_tail=True),  # 署名 and 日期 in a table without borders
    lambda: _report(end="请审阅。", title="东山县地质灾害防治工作实施方案"),  # a 方案, sent as an attachment
])  # fmt: skip
def test_documents_that_close_otherwise_are_left_alone(doc: Any, tmp_path: Path) -> None:
    assert [f for f in check_findings(doc(), tmp_path, "structure") if f[0] == "no-signature-date"] == []


def test_a_signature_without_date_above_an_attached_page_is_found(tmp_path: Path) -> None:
    """The attached document after a page break (7.3.7) is not the end of the text: the 署名 above it,
    set right, has no 成文日期 under it."""
    d = gbt_document()
    hand_paragraph(d, "东山县自然资源局2024年工作总结", XBS, 22, "center", 0)
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "2024年，我局围绕耕地保护和地质灾害防治，扎实推进各项工作。")
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "附件：2024年主要指标完成情况表")
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "东山县自然资源局", align="right", first=0, right=2)
    hand_paragraph(d, "", first=0).add_run().add_break(WD_BREAK.PAGE)
    hand_paragraph(d, "附件", HEITI, first=0)
    hand_paragraph(d, "2024年主要指标完成情况表", XBS, 22, "center", 0)
    assert check_findings(d, tmp_path, "structure") == [("no-date", 7)]


# --- parallel headings ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("headings", "odd", "shape"), [
    (["加强源头管控", "检验检测体系", "推进追溯管理"], 1, "noun"),  # a thing among tasks
    (["粮食生产再获丰收", "乡村产业加快发展", "深化农村改革", "和美乡村建设扎实推进"], 2, "action"),  # a task among results
])  # fmt: skip
def test_one_heading_of_another_structure_is_found(headings: list[str], odd: int, shape: str) -> None:
    assert [(x.index, x.shape) for x in odd_shapes(headings)] == [(odd, shape)]


@pytest.mark.parametrize("headings", [
    ["组织体系", "制度体系", "工作机制"],
    ["全力稳定粮食生产", "做强乡村特色产业", "深化农村综合改革"],
    ["粮食生产再获丰收", "乡村产业加快发展", "农村改革持续深化"],
])  # fmt: skip
def test_sets_of_one_structure_are_left_alone(headings: list[str]) -> None:
    assert odd_shapes(headings) == []


def test_the_odd_heading_is_reported_in_a_document(tmp_path: Path) -> None:
    d = gbt_document()
    hand_paragraph(d, "东山县耕地保护专项行动方案", XBS, 22, "center", 0)
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "一、重点任务", HEITI)
    for head in ("（一）强化执法巡查", "（二）动态监测体系", "（三）推进问题整改"):
        hand_paragraph(d, head, "楷体_GB2312")
        hand_paragraph(d, "各乡镇要落实属地责任，逐项抓好落实。")
    assert check_findings(d, tmp_path, "parallelism") == [("parallel-shape", 6)]


# --- pagination: a 落款 alone (7.3.5.5), a widow, the page estimate on a grid -------------------------------


def _tail_page(last: str | None = None, attach: bool = True, table: bool = False, title: str = "关于做好汛期地质灾害防范工作的通知",
               lines: int = 19, page_break: bool = False) -> Doc:  # fmt: skip
    """Title, blank, 主送 and 19 one-line paragraphs fill page 1 (22 lines); then maybe `last` (one
    more line of text, a 纪要's 出席 line), a table, the 附件说明, the 落款 (with `page_break`, a page
    break in the blank line above it)."""
    d = gbt_document()
    hand_paragraph(d, title, XBS, 22, "center", 0)
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "各乡镇人民政府：", first=0)
    for _ in range(lines):
        hand_paragraph(d, FILL)
    if last:
        hand_paragraph(d, last)
    if table:
        t = d.add_table(rows=2, cols=2)
        t.cell(0, 0).text, t.cell(0, 1).text, t.cell(1, 0).text, t.cell(1, 1).text = "乡镇", "隐患点", "东山镇", "12"
    if attach:
        hand_paragraph(d, "", first=0)
        hand_paragraph(d, "附件：隐患点分布表")
    blank = hand_paragraph(d, "", first=0)
    if page_break:
        blank.add_run().add_break(WD_BREAK.PAGE)
    hand_paragraph(d, "东山县自然资源局", align="right", first=0, right=2)
    hand_paragraph(d, "2025年6月3日", align="right", first=0, right=2)
    return d


def test_a_tail_alone_on_a_page_is_reported_and_fixed(tmp_path: Path) -> None:
    """GB/T 9704-2012 7.3.5.5: when the 落款 does not fit, adjust the spacing so that it stands with the
    text (house style, a warning). `fix` carries the last paragraph over to the 落款's page."""
    assert ("tail-alone", 24) in check_findings(_tail_page(attach=False), tmp_path, "pagination")
    fixed = fix_docx(tmp_path / "d.docx")
    assert [f for f in fixed.left if f.rule == "tail-alone"] == []
    last = docx.Document(io.BytesIO(fixed.data)).paragraphs[21]
    assert last.text == FILL and last.paragraph_format.keep_with_next


def test_a_page_break_between_the_text_and_the_tail_is_taken_out(tmp_path: Path) -> None:
    """Only a typed page break parts the 落款 from the text (check_eval8 report-d): `fix` removes it."""
    d = _tail_page(attach=False, lines=5, page_break=True)
    assert ("tail-alone", 10) in check_findings(d, tmp_path, "pagination")
    fixed = fix_docx(tmp_path / "d.docx")
    assert [f for f in fixed.left if f.category == "pagination"] == []
    assert "w:br" not in docx.Document(io.BytesIO(fixed.data)).paragraphs[8]._p.xml


def test_the_tail_under_the_attachment_note_on_a_page_of_their_own_is_left_alone(tmp_path: Path) -> None:
    """7.3.5.1 puts the seal “上距正文（或附件说明）一行之内”: the 落款 may stand right under the 附件说明,
    so a page of the 附件说明 and the 落款 keeps to the standard (check_eval and check_eval2 count it
    clean; check_eval8 summary-f does not)."""
    assert [f for f in check_findings(_tail_page(), tmp_path, "pagination") if f[0] == "tail-alone"] == []


@pytest.mark.parametrize(("last", "table"), [("出席：王东、李南、赵西", False), (None, True)])
def test_an_attendance_line_or_a_table_on_the_tails_page_is_text(last: str | None, table: bool, tmp_path: Path) -> None:
    """A 纪要's 出席 line (10.3) and a table are text of the document: the 落款 under them is not alone."""
    d = _tail_page(last, attach=False, table=table, title="东山县自然资源局局务会议纪要")
    assert [f for f in check_findings(d, tmp_path, "pagination") if f[0] == "tail-alone"] == []
    assert ("tail-alone", 24) in check_findings(_tail_page(attach=False), tmp_path, "pagination")


def _spaced(body_lines: int, grid: bool = True) -> Doc:
    """Every paragraph at 1.5 lines: on a grid of 22 lines a page (28.95 pt), 14 lines a page."""
    d = gbt_document()
    texts = ["关于拨付地质灾害治理资金的请示", "", "县财政局："] + [FILL] * body_lines + ["", "东山县自然资源局", "2025年6月3日"]
    for k, text in enumerate(texts):
        tail = k >= len(texts) - 2
        p = hand_paragraph(d, text, XBS if k == 0 else "仿宋_GB2312", 22 if k == 0 else 16,
                           "center" if k == 0 else ("right" if tail else "both"), 0 if k < 3 or tail else 2, right=2 if tail else 0)  # fmt: skip
        p.paragraph_format.line_spacing = 1.5
    if grid:
        g = d.sections[0]._sectPr.find(qn("w:docGrid"))
        g.set(qn("w:type"), "lines")
        g.set(qn("w:linePitch"), "579")
    return d


def test_a_line_spacing_of_one_and_a_half_on_the_grid_that_leaves_the_tail_alone_is_reported(tmp_path: Path) -> None:
    """Word and LibreOffice set 1.5 lines on a 22-line grid at 1.5 grid lines (check_eval8 request-b:
    14 lines on the page): the estimate follows them, and sees the 落款 pushed to a page of its own."""
    assert ("tail-alone", 16) in check_findings(_spaced(11), tmp_path, "pagination")
    assert [f for f in check_findings(_spaced(8), tmp_path, "pagination") if f[0] == "tail-alone"] == []
    # without a grid the height of a line depends on the face: the estimate is not trusted
    assert [f for f in check_findings(_spaced(11, grid=False), tmp_path, "pagination") if f[0] == "tail-alone"] == []


def test_a_short_last_line_at_the_head_of_a_page_is_no_fault_of_the_standard(tmp_path: Path) -> None:
    """GB/T 9704-2012 5.2.3 “一般每面排22行”: with 孤行控制 on, the suites would leave 21 lines on the page,
    so GB/T documents (wenmi's writer among them) switch it off and a short last line (“新增监测点41个。”)
    may open a page. Only a single character alone there (孤字) is reported."""
    d = gbt_document()
    hand_paragraph(d, "东山县自然资源局2024年工作总结", XBS, 22, "center", 0)
    hand_paragraph(d, "", first=0)
    for _ in range(19):
        hand_paragraph(d, FILL)
    hand_paragraph(d, "巡" * 26 + "新增监测点41个。")  # two lines, the second “新增监测点41个。”
    hand_paragraph(d, FILL)
    for q in d.paragraphs:
        q.paragraph_format.widow_control = False
    assert check_findings(d, tmp_path, "pagination") == []


# --- table text, lines per page ------------------------------------------------------------------------------


@pytest.mark.parametrize(("size", "reported"), [(10.5, True), (12, False), (14, False)])
def test_table_text_smaller_than_small_four_is_reported(size: float, reported: bool, tmp_path: Path) -> None:
    """GB/T 9704-2012 5.2.2 sets every element in 3号 unless said otherwise and lets special cases adjust
    it; a table in 4号 or 小4号 is practice, one in 5号 is hard to read: a warning."""
    d = _notice(FILL)
    t = d.add_table(rows=2, cols=2)
    for cell, text in zip(t._cells, ("乡镇", "隐患点", "东山镇", "12"), strict=True):
        cell.paragraphs[0].add_run(text).font.size = Pt(size)
    found = [f for f in check_docx(saved(d, tmp_path)) if f.rule == "table-size"]
    assert [(f.category, f.severity, f.paragraph) for f in found] == ([("size", "warning", None)] if reported else [])


def test_an_exact_line_height_of_27_7_points_sets_23_lines_a_page_and_is_fixed(tmp_path: Path) -> None:
    """5.2.3: 22 lines a page. 23 × 27.7 pt = 637.1 pt fits the 225 mm (637.8 pt) block: 23 lines."""
    def doc(line: float) -> Doc:
        d = gbt_document()
        hand_paragraph(d, "东山县自然资源局局务会议纪要", XBS, 22, "center", 0, line=line)
        hand_paragraph(d, "", first=0, line=line)
        for _ in range(5):
            hand_paragraph(d, FILL, line=line)
        return d

    found = [f for f in check_docx(saved(doc(27.7), tmp_path)) if f.category == "layout"]
    assert [(f.rule, f.actual) for f in found] == [("lines-per-page", "每页 23 行")]
    fixed = fix_docx(tmp_path / "d.docx")
    assert [f for f in fixed.left if f.category in ("layout", "spacing")] == []
    assert [f for f in check_docx(saved(doc(28.95), tmp_path)) if f.category == "layout"] == []
