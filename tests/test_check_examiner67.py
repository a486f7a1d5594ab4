"""What the sixth and seventh examiner corpora (benchmarks/check_eval6, check_eval7) showed, each on
a small document made by hand with other words than the corpora's."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
from docx.shared import Pt

from assistant.document.check import check_docx
from assistant.document.fix import fix_docx
from tests.fakes import HEITI, XBS, check_findings, gbt_document, hand_paragraph, saved

Doc = Any  # a python-docx Document




def _hang(p: Any, left: float, first: float, size: float = 16) -> None:
    p.paragraph_format.left_indent = Pt(left * size)
    p.paragraph_format.first_line_indent = Pt(first * size)


# --- 附件说明 with a hanging indent (GB/T 9704-2012 7.3.4) ------------------------------------------


def _notice(attach_left: float, attach_first: float, more_left: float = 5) -> Doc:
    d = gbt_document()
    hand_paragraph(d, "关于组织开展冬季消防安全检查的通知", XBS, 22, "center", 0)
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "各街道办事处，区直各部门：", first=0)
    hand_paragraph(d, "为做好冬季火灾防控工作，经研究，决定在全区组织开展冬季消防安全检查，请各单位认真组织实施。")
    hand_paragraph(d, "", first=0)
    _hang(hand_paragraph(d, "附件：1.冬季消防安全检查重点单位和重点部位清单及检查责任分工表"), attach_left, attach_first)
    _hang(hand_paragraph(d, "2.冬季消防安全检查情况汇总表"), more_left, 0)
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "东湖区应急管理局", align="right", first=0, right=2)
    hand_paragraph(d, "2024年11月20日", align="right", first=0, right=2 + 2 + 7.6 - 8)
    return d


def test_an_attachment_note_with_a_hanging_indent_is_the_standards_layout_and_fix_keeps_it(tmp_path: Path) -> None:
    """GB/T 9704-2012 7.3.4: “如有附件，在正文下空一行左空二字编排“附件”二字，后标全角冒号和附件名称。如有
    多个附件，使用阿拉伯数字标注附件顺序号……附件名称较长需回行时，应当与上一行附件名称的首字对齐。”
    Left indent 5, first line −3: the first line starts two characters in and a wrapped line starts
    under the first character after “附件：”, where the further names (2.…) stand too."""
    d = _notice(5, -3)
    assert check_findings(d, tmp_path, "indent") == []
    fixed = fix_docx(tmp_path / "d.docx")
    assert [str(c) for c in fixed.changes if c.category == "indent"] == []
    note = docx.Document(io.BytesIO(fixed.data)).paragraphs[5]
    assert note.paragraph_format.left_indent.pt / 16 == 5
    assert note.paragraph_format.first_line_indent.pt / 16 == -3


def test_a_hanging_indent_aligned_after_the_number_is_also_right(tmp_path: Path) -> None:
    """7.3.4, “与上一行附件名称的首字对齐”: aligned after “附件：1.” (left 6, first −4) is as right."""
    assert check_findings(_notice(6, -4), tmp_path, "indent") == []


def test_an_attachment_note_indented_as_a_whole_is_still_reported(tmp_path: Path) -> None:
    """Left 5 and no hanging first line: the note starts five characters in, not 左空二字 (7.3.4)."""
    assert ("left-indent", 6) in check_findings(_notice(5, 0), tmp_path, "indent")


def test_a_hanging_indent_that_misses_the_name_is_still_reported(tmp_path: Path) -> None:
    """Left 8, first −6: the first line starts two in, but wrapped lines stand three characters right
    of the name's first character — neither 7.3.4's alignment nor flush left."""
    assert ("left-indent", 6) in check_findings(_notice(8, -6), tmp_path, "indent")


# --- numbered items of a 函 or 批复 are body text, not level-1 headings (7.3.3) ----------------------


def _reply(face: str = "仿宋_GB2312", texts: tuple[str, ...] = ()) -> Doc:
    d = gbt_document()
    hand_paragraph(d, "关于同意设立东湖社区老年食堂的批复", XBS, 22, "center", 0)
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "东湖街道办事处：", first=0)
    hand_paragraph(d, "你办《关于设立东湖社区老年食堂的请示》收悉。经区政府研究，现批复如下：")
    for text in texts or (
        "一、同意设立东湖社区老年食堂，食堂由街道办事处委托具备资质的餐饮企业运营管理。",
        "二、食堂改造所需资金由街道办事处从公用经费中统筹解决，区财政给予适当补助。",
        "三、你办要加强食品安全管理，落实进货查验和留样制度，确保老年人用餐安全。",
    ):
        hand_paragraph(d, text, face)
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "东湖区人民政府", align="right", first=0, right=2 + 2 + 7.6 - 7)
    hand_paragraph(d, "2024年11月20日", align="right", first=0, right=2)
    return d


def test_numbered_sentences_of_a_reply_in_the_body_face_are_not_headings(tmp_path: Path) -> None:
    """GB/T 9704-2012 7.3.3: “文中结构层次序数依次可以用“一、”“（一）”“1.”“（1）”标注；一般第一层用黑体字”.
    The points of a 批复 (一、同意设立……，……。) are sentences of the text set in its face, not the
    first level of its structure: no “一级标题字体为仿宋” on them."""
    assert check_findings(_reply(), tmp_path, "font") == []


def test_short_level_one_headings_in_fangsong_are_still_reported(tmp_path: Path) -> None:
    """The same document whose 一、 lines are headings (工作要求, no sentence): 仿宋 is wrong (7.3.3)."""
    d = _reply(texts=("一、总体要求", "食堂由街道办事处委托具备资质的餐饮企业运营管理，确保老年人用餐安全。",
                      "二、保障措施", "食堂改造所需资金由街道办事处从公用经费中统筹解决，区财政给予适当补助。"))
    assert ("font-face", 5) in check_findings(d, tmp_path, "font")


def test_one_numbered_sentence_set_in_heiti_keeps_them_headings(tmp_path: Path) -> None:
    """When some 一、 paragraphs are set in 黑体, the author meant headings: one in 仿宋 is a slip."""
    d = _reply()
    for run in d.paragraphs[4].runs:
        run._r.get_or_add_rPr().get_or_add_rFonts().set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", HEITI)
    assert ("font-face", 6) in check_findings(d, tmp_path, "font")


def test_numbered_items_keep_their_number_checks_and_fix_leaves_their_face(tmp_path: Path) -> None:
    """Items are still numbered (7.3.3: 一、 not 一.), and `fix` does not set them in 黑体."""
    d = _reply(texts=("一、同意设立东湖社区老年食堂，食堂由街道办事处委托具备资质的餐饮企业运营管理。",
                      "二.食堂改造所需资金由街道办事处从公用经费中统筹解决，区财政给予适当补助。"))
    found = check_findings(d, tmp_path)
    assert ("numbering-form", 6) in found
    assert not [f for f in found if f[0] == "font-face"]
    fixed = fix_docx(tmp_path / "d.docx")
    assert [str(c) for c in fixed.changes if c.category == "font"] == []
    assert docx.Document(io.BytesIO(fixed.data)).paragraphs[5].text.startswith("二、食堂")


# --- structure: a 版记 before the 落款 (7.4), a 请示 without its 主送 (7.3.2) --------------------------------


def _letter(recipients: bool = True, record_first: bool = False, kind: str = "请示") -> Doc:
    d = gbt_document()
    hand_paragraph(d, f"关于拨付东湖小学校舍维修资金的{kind}", XBS, 22, "center", 0)
    hand_paragraph(d, "", first=0)
    if recipients:
        hand_paragraph(d, "区人民政府：", first=0)
    hand_paragraph(d, "东湖小学教学楼屋面渗漏严重，经第三方机构测算，维修资金共需38万元，恳请区政府予以支持。")
    hand_paragraph(d, "妥否，请批示。")
    if record_first:
        hand_paragraph(d, "抄送：区财政局。", size=14, first=0)
        hand_paragraph(d, "东湖区教育局办公室\t2024年5月6日印发", size=14, first=0)
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "东湖区教育局", align="right", first=0, right=2 + 2 + 7.6 - 6)
    hand_paragraph(d, "2024年5月6日", align="right", first=0, right=2)
    return d


def test_a_record_block_before_the_signature_is_reported_at_the_record(tmp_path: Path) -> None:
    """GB/T 9704-2012 7.4: the 版记 stands at the foot of the last page, after everything else. A 抄送
    line put between the text and the 落款 is the 版记 out of place, reported where it stands."""
    assert ("record-not-last", 6) in check_findings(_letter(record_first=True), tmp_path, "structure")
    assert check_findings(_letter(), tmp_path, "structure") == []


def test_a_request_without_recipients_is_reported(tmp_path: Path) -> None:
    """7.3.2 puts the 主送 under the title; a 请示 has one (《党政机关公文处理工作条例》第十五条), a 批复
    answers the organ that asked. A 报告 without one is left alone here."""
    assert ("no-recipients", 1) in check_findings(_letter(recipients=False), tmp_path, "structure")
    assert ("no-recipients", 1) in check_findings(_letter(recipients=False, kind="批复"), tmp_path, "structure")
    assert check_findings(_letter(recipients=False, kind="报告"), tmp_path, "structure") == []


# --- digits in a sans-serif face ------------------------------------------------------------------


def test_digits_in_calibri_are_a_warning_and_fix_sets_times_new_roman(tmp_path: Path) -> None:
    """5.2.2 sets the text in 3号仿宋 and names no Latin face: Calibri digits are house style (a warning)."""
    d = _letter()
    run = d.paragraphs[3].runs[0]
    run.font.name = "Calibri"
    run._r.get_or_add_rPr().get_or_add_rFonts().set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", "仿宋_GB2312")
    found = [f for f in check_docx(saved(d, tmp_path)) if f.rule == "latin-face"]
    assert [(f.paragraph, f.severity) for f in found] == [(4, "warning")]
    fixed = fix_docx(tmp_path / "d.docx")
    assert docx.Document(io.BytesIO(fixed.data)).paragraphs[3].runs[0].font.name == "Times New Roman"
    assert not [f for f in fixed.left if f.rule == "latin-face"]
    assert ("latin-face", 4) not in check_findings(_letter(), tmp_path)


# --- pagination: widow control, 孤字, a last line alone, crowded pages ----------------------------------


FILL = "测" * 20 + "。"


def _page(lines_before: int, last: str, widow: bool = True, heading: bool = False, line: float = 28.95) -> Doc:
    """Title, blank, 主送, one-line paragraphs down to line `lines_before`, maybe a heading, then `last`."""
    d = gbt_document()
    hand_paragraph(d, "关于做好春季防火工作的通知", XBS, 22, "center", 0, line=line)
    hand_paragraph(d, "", first=0, line=line)
    hand_paragraph(d, "各村委会：", first=0, line=line)
    for _ in range(lines_before - 3):
        hand_paragraph(d, FILL, line=line)
    if heading:
        hand_paragraph(d, "一、加强巡查", HEITI, line=line)
    p = hand_paragraph(d, last, line=line)
    if not widow:
        p.paragraph_format.widow_control = False
    return d


def test_a_three_line_paragraph_with_room_for_two_goes_whole_under_widow_control(tmp_path: Path) -> None:
    """LibreOffice (and Word's Normal style) keep two lines at least on each side of a page break: a
    heading on line 20 over a three-line paragraph is left alone at the page's foot (背题, check_eval6
    zongjie_p1). With widow control off, two lines stay with the heading."""
    three = "测" * 26 + "测" * 28 + "测" * 10 + "。"
    assert ("heading-at-page-foot", 20) in check_findings(_page(19, three, heading=True), tmp_path, "pagination")
    assert ("heading-at-page-foot", 20) not in check_findings(_page(19, three, widow=False, heading=True), tmp_path, "pagination")


def test_a_single_character_alone_at_the_head_of_a_page_is_reported(tmp_path: Path) -> None:
    """孤字: a paragraph's last line of one character carried to the next page (widow control off)."""
    lone = "测" * 26 + "测" * 28 + "事。"
    assert ("lone-character", 21) in check_findings(_page(20, lone, widow=False), tmp_path, "pagination")
    assert ("lone-character", 21) not in check_findings(_page(20, lone), tmp_path, "pagination")  # moved whole


def test_the_last_line_alone_on_the_last_page_is_reported(tmp_path: Path) -> None:
    tail = "测" * 26 + "测" * 28 + "测测测测测测。"
    assert ("lone-last-line", 21) in check_findings(_page(20, tail, widow=False), tmp_path, "pagination")
    assert check_findings(_page(18, tail, widow=False), tmp_path, "pagination") == []


def test_a_page_of_more_than_22_lines_is_reported(tmp_path: Path) -> None:
    """5.2.3: “一般每面排22行”. Lines pressed to 22 pt put 28 on the first page."""
    assert ("crowded-page", 1) in check_findings(_page(30, FILL, line=22), tmp_path, "pagination")
    assert [f for f in check_findings(_page(30, FILL), tmp_path, "pagination") if f[0] == "crowded-page"] == []


# --- the document grid (5.2.3) ----------------------------------------------------------------------


def _grid(kind: str, pitch: int, char_space: int | None = None) -> Doc:
    from docx.oxml.ns import qn

    d = gbt_document()
    styles = d.styles.element
    sz = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:sz"))
    sz.set(qn("w:val"), "32")  # the default style in 3号, as WPS documents have it
    hand_paragraph(d, "关于做好春季防火工作的通知", XBS, 22, "center", 0)
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "各村委会：", first=0)
    for _ in range(3):
        p = hand_paragraph(d, FILL * 2, condense=0)
        p.paragraph_format.line_spacing_rule = None
        p.paragraph_format.line_spacing = 1.0
    grid = d.sections[0]._sectPr.find(qn("w:docGrid"))
    grid.set(qn("w:type"), kind)
    grid.set(qn("w:linePitch"), str(pitch))
    if char_space is not None:
        grid.set(qn("w:charSpace"), str(char_space))
    return d


def test_a_grid_of_21_or_23_lines_is_reported_and_fixed(tmp_path: Path) -> None:
    """5.2.3: 22 lines a page. Body text in single spacing follows the grid: linePitch 607 twips gives
    21 lines, 554 gives 23 (27.7 pt, which a line spacing check alone lets pass)."""
    for pitch, lines in ((607, 21), (554, 23)):
        found = [f for f in check_docx(saved(_grid("lines", pitch), tmp_path)) if f.rule == "grid-lines"]
        assert [f.actual for f in found] == [f"每页 {lines} 行"]
        fixed = fix_docx(tmp_path / "d.docx")
        assert not [f for f in fixed.left if f.rule == "grid-lines"]
    assert not [f for f in check_docx(saved(_grid("lines", 579), tmp_path)) if f.rule == "grid-lines"]


def test_a_character_grid_of_27_a_line_is_reported_and_fixed(tmp_path: Path) -> None:
    """A line-and-character grid sets each character's pitch: the default style's size (16 pt) plus
    w:charSpace (ECMA-376 17.6.5). charSpace 0: 156 mm / 16 pt = 27 a line, not 28 (5.2.3)."""
    found = [f for f in check_docx(saved(_grid("linesAndChars", 579, 0), tmp_path)) if f.rule == "grid-chars"]
    assert [f.actual for f in found] == ["每行 27 字"]
    fixed = fix_docx(tmp_path / "d.docx")
    assert not [f for f in fixed.left if f.category == "layout"]
    assert not [f for f in check_docx(saved(_grid("linesAndChars", 579, -848), tmp_path)) if f.rule == "grid-chars"]


# --- numbers, punctuation, numbering, parallelism -------------------------------------------------------


def _body(*texts: str) -> Doc:
    d = gbt_document()
    hand_paragraph(d, "东湖区2024年工作总结", XBS, 22, "center", 0)
    hand_paragraph(d, "", first=0)
    for t in texts:
        hand_paragraph(d, t)
    return d


def test_a_two_digit_year_opening_a_sentence_is_reported_but_a_span_of_years_is_not(tmp_path: Path) -> None:
    """GB/T 15835: years are written in full (2025年, not 25年)."""
    found = check_findings(_body("25年，我们将继续抓好各项工作。", "用3年时间完成改造。到27年，全面建成。", "他在基层工作20年，经验丰富。"),
                      tmp_path, "numbers")
    assert found == [("short-year", 3), ("short-year", 4)]


def test_ascii_angle_marks_for_a_book_title_are_reported_and_fixed(tmp_path: Path) -> None:
    """GB/T 15834-2011 4.15: the title of a work in 书名号 《》, not <<>>."""
    assert ("book-marks", 3) in check_findings(_body("根据<<财政票据管理办法>>，现通告如下。"), tmp_path, "punctuation")
    fixed = fix_docx(tmp_path / "d.docx")
    assert docx.Document(io.BytesIO(fixed.data)).paragraphs[2].text == "根据《财政票据管理办法》，现通告如下。"
    assert check_findings(_body("当x<5且y>3时不计入。"), tmp_path, "punctuation") == []


def test_numbers_run_into_a_paragraph_follow_the_levels(tmp_path: Path) -> None:
    """7.3.3: 一、（一） 1. （1） — within a paragraph too: “（1）” not “1)”, and no level back up."""
    found = check_findings(_body("会议决定：1)由社会事业股牵头开展检查；2)发现问题及时整改。",
                            "排查情况如下：（一）屋面渗漏的9栋；（二）墙体开裂的7栋；一、门窗老化的5栋。",
                            "主要任务：（一）抓好宣传；1.印发手册；2.举办讲座；（二）抓好培训。"), tmp_path, "numbering")
    assert found == [("numbering-form", 3), ("numbering-order", 4)]
    fixed = fix_docx(tmp_path / "d.docx")
    assert docx.Document(io.BytesIO(fixed.data)).paragraphs[2].text.startswith("会议决定：（1）由")


def test_a_heading_of_another_shape_breaks_the_set() -> None:
    """The examiner's 不对仗: a bare noun among 关于… topics, a …方面 label among action phrases (three
    of the same length), a short noun among four action phrases."""
    from assistant.document.heading_shape import odd_shapes

    assert [o.index for o in odd_shapes(["关于秋收秋种工作", "森林防火", "关于村庄清洁行动工作"])] == [1]
    assert [o.index for o in odd_shapes(["加强队伍建设", "夯实基层基础", "制度建设方面"])] == [2]
    assert [o.index for o in odd_shapes(["全力稳定和扩大就业", "持续扩大社保覆盖面", "构建和谐劳动关系", "技能人才"])] == [3]
    assert odd_shapes(["加强队伍建设", "夯实基层基础", "强化制度保障"]) == []
    assert odd_shapes(["关于秋收秋种工作", "关于森林防火工作"]) == []


# --- page numbers on even pages (7.5) --------------------------------------------------------------------


def test_an_empty_even_footer_on_a_two_page_document_is_reported(tmp_path: Path) -> None:
    """7.5: odd pages right, even pages left — every page of the text carries its number."""
    d = gbt_document(page_numbers=True)
    hand_paragraph(d, "关于做好春季防火工作的通知", XBS, 22, "center", 0)
    for _ in range(30):
        hand_paragraph(d, FILL)
    path = saved(d, tmp_path)
    assert not [f for f in check_docx(path) if f.rule == "page-number-even"]
    even = d.sections[0].even_page_footer.paragraphs[0]
    for r in list(even._p):
        if r.tag.endswith("}r"):
            even._p.remove(r)
    assert [f.rule for f in check_docx(saved(d, tmp_path)) if f.category == "header_footer"] == ["page-number-even"]
    fixed = fix_docx(tmp_path / "d.docx")
    assert not [f for f in fixed.left if f.category == "header_footer"]
    assert "PAGE" in docx.Document(io.BytesIO(fixed.data)).sections[0].even_page_footer._element.xml


# --- 附件 (7.3.7) ----------------------------------------------------------------------------------------


def test_an_attachments_label_and_title_are_set_as_7_3_7_says_and_fix_sets_them(tmp_path: Path) -> None:
    """7.3.7: “‘附件’二字及附件顺序号用3号黑体字顶格编排在版心左上角第一行。附件标题居中编排在版心第三行”;
    the title is set as a document's title (2号)."""
    d = _letter()
    hand_paragraph(d, "附件", HEITI, align="center", first=0).paragraph_format.page_break_before = True
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "东湖小学教学楼维修项目预算表", XBS, 18, "center", 0)
    hand_paragraph(d, "屋面防水改造费用28万元，外墙修缮费用10万元。")
    found = check_findings(d, tmp_path)
    assert ("annex-label-align", 9) in found and ("annex-title-size", 11) in found
    fixed = fix_docx(tmp_path / "d.docx")
    assert not [f for f in fixed.left if f.rule.startswith("annex")]
    out = docx.Document(io.BytesIO(fixed.data)).paragraphs
    size = out[10].runs[0].font.size
    assert size is not None and size.pt == 22
    assert out[8].alignment is not None and out[8].alignment != 1  # no longer centred


def test_a_pressed_line_spacing_is_reported_for_the_body_apart_from_the_headings(tmp_path: Path) -> None:
    """The body's wrong spacing is said of the body (its first paragraph), not folded into a heading's."""
    d = _body("一、基本情况", "全年完成各项任务。", "二、存在问题", "部分单位整改不及时。")
    for p in d.paragraphs[2:]:
        p.paragraph_format.line_spacing = Pt(22)
    found = [(f.rule, f.paragraph, f.message[:4]) for f in check_docx(saved(d, tmp_path)) if f.category == "spacing"]
    assert found == [("line-spacing", 3, "一级标题"), ("line-spacing", 4, "正文行距")]
