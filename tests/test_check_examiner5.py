"""What the fifth, unseen examiner corpus (benchmarks/check_eval5) showed, each on a document made
by hand with other words than the corpus's."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from assistant.document import gbt9704 as G
from assistant.document.fix import fix_docx
from tests.fakes import FANGSONG, HEITI, KAITI, XBS, check_findings, gbt_document, hand_paragraph, saved

Doc = docx.document.Document






# --- 署名 and 日期: the date's width as the suites set it ---------------------------------------------


@pytest.mark.parametrize(("text", "width"), [
    ("2024年9月16日", 6.5 + 5 * G.AUTOSPACE_CHARS),  # 2024|年|9|月|16|日: five boundaries
    ("二〇二四年九月十六日", 10.0),  # no Latin, no autospace
    ("东湖区市场监督管理局", 10.0),
    ("（2024年）", 5.0 + G.AUTOSPACE_CHARS),  # none between a bracket and a digit
])  # fmt: skip
def test_a_dates_width_counts_the_autospace_between_digits_and_chinese(text: str, width: float) -> None:
    assert G.rendered_width_chars(text) == pytest.approx(width)


def _letter(sig_right: float, date_right: float) -> Doc:
    d = gbt_document()
    hand_paragraph(d, "关于开展秋季食品安全专项检查的函", XBS, 22, "center", 0)
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "区教育局：", first=0)
    hand_paragraph(d, "为保障秋季开学后校园食品安全，我局拟于九月下旬会同你局对辖区学校食堂开展专项检查。")
    hand_paragraph(d, "特此函告。")
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "东湖区市场监督管理局", align="right", first=0, right=sig_right)
    hand_paragraph(d, "2024年9月16日", align="right", first=0, right=date_right)
    return d


def test_a_date_two_characters_right_of_the_signature_as_rendered_is_left_alone(tmp_path: Path) -> None:
    """署名 10 characters, right 2: its first character is 12 from the right edge. The date is 6.5
    characters plus five autospaces (LibreOffice puts about 3.5 pt between 年 and 9): right-indented
    10 − 7.6 = 2.4 its first character is 10 from the edge, two right of the 署名's, as on the page."""
    d = _letter(2, 10 - G.rendered_width_chars("2024年9月16日"))
    assert check_findings(d, tmp_path, "alignment") == []
    fixed = fix_docx(tmp_path / "d.docx")
    assert [str(c) for c in fixed.changes if c.category == "alignment"] == []


def test_a_date_one_character_off_is_still_reported_and_fix_moves_it_where_the_page_wants_it(tmp_path: Path) -> None:
    d = _letter(2, 1.0)
    assert ("tail-placement", 8) in check_findings(d, tmp_path, "alignment")
    fixed = fix_docx(tmp_path / "d.docx")
    date = docx.Document(io.BytesIO(fixed.data)).paragraphs[7]
    assert date.paragraph_format.right_indent.pt / 16 == pytest.approx(10 - 7.6, abs=0.05)


# --- 纪要: 出席 and 列席 lines (GB/T 9704 10.3) -------------------------------------------------------


def _minutes(label_face: str = HEITI, left: float = 5, first: float = -3) -> Doc:
    d = gbt_document()
    hand_paragraph(d, "东湖区防汛工作专题会议纪要", XBS, 22, "center", 0)
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "6月3日，副区长周立新主持召开专题会议，研究部署今年汛期防汛工作。现将会议议定事项纪要如下。")
    hand_paragraph(d, "会议要求，各街道要在6月10日前完成辖区内危旧房屋、地下空间等重点部位的排查。")
    hand_paragraph(d, "", first=0)
    for word, names in (("出席：", "周立新、何丽萍、马建军、沈晓东、钱国强、孔令辉、曹明远、蒋春燕、韩冬梅、杨帆、秦学文"),
                        ("列席：", "区应急管理局、区水务局、区住房城乡建设局")):  # fmt: skip
        p = hand_paragraph(d, "", first=first)
        p.paragraph_format.left_indent = Pt(left * 16)
        for text, face in ((word, label_face), (names, FANGSONG)):
            run = p.add_run(text)
            run.font.size, run.font.name = Pt(16), "Times New Roman"
            run._r.get_or_add_rPr().find(qn("w:rFonts")).set(qn("w:eastAsia"), face)
    return d


def test_attendance_lines_with_a_hanging_indent_are_not_body_paragraphs(tmp_path: Path) -> None:
    """出席 left two characters, its wrapped lines under the first name (left 5, hanging 3)."""
    assert [f for f in check_findings(_minutes(), tmp_path) if f[1] is not None] == []
    fixed = fix_docx(tmp_path / "d.docx")
    assert [str(c) for c in fixed.changes if c.category != "header_footer"] == []


def test_the_word_attendance_not_in_heiti_is_an_error(tmp_path: Path) -> None:
    assert ("attendance-face", 6) in check_findings(_minutes(label_face=FANGSONG), tmp_path, "font")


def test_an_attendance_line_flush_left_is_an_indent_error(tmp_path: Path) -> None:
    assert ("attendance-indent", 7) in check_findings(_minutes(left=0, first=0), tmp_path, "indent")


# --- a speech: the speaker and the date under the title ---------------------------------------------------


def test_speaker_and_date_centred_right_under_a_speechs_title_are_not_headings(tmp_path: Path) -> None:
    d = gbt_document()
    hand_paragraph(d, "在全区安全生产工作会议上的讲话", XBS, 22, "center", 0)
    hand_paragraph(d, "区长\u3000周立新", KAITI, align="center", first=0)
    hand_paragraph(d, "（2024年6月3日）", KAITI, align="center", first=0)
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "同志们：今天召开全区安全生产工作会议，主要任务是分析当前形势，部署下一阶段工作。")
    hand_paragraph(d, "一、认清形势")
    hand_paragraph(d, "今年以来，全区安全生产形势总体平稳，但部分行业领域风险隐患依然突出，不容忽视。")
    assert [f for f in check_findings(d, tmp_path) if f[1] in (2, 3)] == []
    fixed = fix_docx(tmp_path / "d.docx")
    assert [str(c) for c in fixed.changes if c.category in ("alignment", "indent", "structure")] == []


# --- 版记: face and the one-character gaps (7.4.2, 7.4.3) ---------------------------------------------


def _bulletin(face: str = FANGSONG, left: float = 1) -> Doc:
    d = gbt_document()
    hand_paragraph(d, "关于第二季度河湖巡查情况的通报", XBS, 22, "center", 0)
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "各乡镇人民政府：", first=0)
    hand_paragraph(d, "第二季度，各乡镇共开展河湖巡查一千二百余次，发现并整改问题八十六个，河湖面貌持续改善。")
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "东湖区河长制办公室", align="right", first=0, right=2)
    hand_paragraph(d, "2024年7月2日", align="right", first=0, right=10 - G.rendered_width_chars("2024年7月2日") - 1)
    for text in ("抄送：区委办公室，区人大常委会办公室。", "东湖区河长制办公室\t2024年7月2日印发"):
        p = hand_paragraph(d, text, face, 14, "left", 0, after=0)
        p.paragraph_format.left_indent = p.paragraph_format.right_indent = Pt(left * 14)
    return d


def _recordcheck_findings(d: Doc, tmp: Path) -> list[tuple[str, int | None]]:
    return [f for f in check_findings(d, tmp) if f[0] in ("record-face", "record-indent")]


def _copy_to(data: bytes) -> Any:
    return next(p for p in docx.Document(io.BytesIO(data)).paragraphs if p.text.startswith("抄送"))


def test_a_record_in_heiti_is_an_error_and_fix_sets_fangsong(tmp_path: Path) -> None:
    assert _recordcheck_findings(_bulletin(), tmp_path) == []
    assert ("record-face", 8) in _recordcheck_findings(_bulletin(face=HEITI), tmp_path)
    fixed = fix_docx(tmp_path / "d.docx")
    assert [f.rule for f in fixed.left if f.rule in ("record-face", "record-indent")] == []
    run = _copy_to(fixed.data).runs[0]
    assert run._r.rPr.rFonts.get(qn("w:eastAsia")) == G.FONT_FANGSONG


def test_a_copy_to_line_flush_left_is_an_indent_error_and_fix_gives_it_its_gaps(tmp_path: Path) -> None:
    assert ("record-indent", 8) in _recordcheck_findings(_bulletin(left=0), tmp_path)
    fixed = fix_docx(tmp_path / "d.docx")
    assert [f.rule for f in fixed.left if f.rule in ("record-face", "record-indent")] == []
    pf = _copy_to(fixed.data).paragraph_format
    assert pf.left_indent == pf.right_indent == Pt(14)


# --- punctuation, numbers, alignment ---------------------------------------------------------------------


def _notice(*body: str, attach_align: str = "both") -> Doc:
    d = gbt_document()
    hand_paragraph(d, "关于做好夏季防暑降温工作的通知", XBS, 22, "center", 0)
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "各科室：", first=0)
    for text in body or ("入夏以来气温持续偏高，各科室要合理安排户外作业时间，做好防暑物资储备。",):
        hand_paragraph(d, text)
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "附件：防暑降温物资清单", align=attach_align, first=0 if attach_align == "center" else 2)
    return d


def test_a_space_before_a_mark_is_found_and_fix_deletes_it(tmp_path: Path) -> None:
    d = _notice("各科室要合理安排户外作业时间 ，做好防暑物资储备。")
    assert ("space-before-mark", 4) in check_findings(d, tmp_path, "punctuation")
    fixed = fix_docx(tmp_path / "d.docx")
    assert docx.Document(io.BytesIO(fixed.data)).paragraphs[3].text == "各科室要合理安排户外作业时间，做好防暑物资储备。"


def test_a_year_month_with_a_hyphen_is_found_and_fix_writes_it_out(tmp_path: Path) -> None:
    d = _notice("全市2023-11启动老旧管网改造，2024-2025年继续推进。")
    assert [f for f in check_findings(d, tmp_path, "numbers")] == [("date-form", 4)]
    fixed = fix_docx(tmp_path / "d.docx")
    assert docx.Document(io.BytesIO(fixed.data)).paragraphs[3].text == "全市2023年11月启动老旧管网改造，2024-2025年继续推进。"


def test_an_attachment_note_centred_is_an_alignment_error(tmp_path: Path) -> None:
    assert ("attach-align", 6) in check_findings(_notice(attach_align="center"), tmp_path, "alignment")
    assert check_findings(_notice(), tmp_path, "alignment") == []


def test_a_page_number_in_heiti_is_an_error(tmp_path: Path) -> None:
    from assistant.document.docx_writer import write_docx_bytes
    from assistant.document.markup import parse_markup

    d = docx.Document(io.BytesIO(write_docx_bytes(parse_markup("# 关于做好夏季防暑降温工作的通知\n各科室要做好防暑物资储备。\n"))))
    assert [f for f in check_findings(d, tmp_path, "header_footer")] == []
    for section in d.sections:
        for footer in (section.footer, section.even_page_footer):
            for r in footer._element.iter(qn("w:r")):
                r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:ascii"), "黑体")
    assert ("page-number-face", None) in check_findings(d, tmp_path, "header_footer")


# --- structure: what stands where ----------------------------------------------------------------------------


def _request(*, recipients_first: bool = False, note_first: str = "", attach_note_top: bool = False,
             date: bool = True, sig_align: str = "right", tail_note: str = "") -> Doc:  # fmt: skip
    d = gbt_document()
    if note_first:
        hand_paragraph(d, note_first, first=2)
    if recipients_first:
        hand_paragraph(d, "市财政局：", first=0)
    hand_paragraph(d, "关于申请追加社区养老服务补贴资金的请示", XBS, 22, "center", 0)
    hand_paragraph(d, "", first=0)
    if attach_note_top:
        hand_paragraph(d, "（联系人：孙敏，电话：3318206）")
    if not recipients_first:
        hand_paragraph(d, "市财政局：", first=0)
    hand_paragraph(d, "今年我区新增社区养老服务站十二个，原定补贴资金不足。妥否，请批示。")
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "东湖区民政局", align=sig_align, first=0, right=3.6 if sig_align == "right" else 0)
    if date:
        hand_paragraph(d, "2024年8月9日", align="right", first=0, right=2)
    if tail_note:
        hand_paragraph(d, tail_note)
    return d


def _structure(d: Doc, tmp: Path) -> list[tuple[str, int | None]]:
    return check_findings(d, tmp, "structure")


def test_the_recipients_above_the_title_are_reported_where_they_stand(tmp_path: Path) -> None:
    assert _structure(_request(), tmp_path) == []
    assert _structure(_request(recipients_first=True), tmp_path) == [("recipients-before-title", 1)]


def test_a_note_in_brackets_above_the_title_is_reported_and_the_title_still_found(tmp_path: Path) -> None:
    d = _request(note_first="（征求意见稿）")
    assert _structure(d, tmp_path) == [("note-before-title", 1)]
    assert ("title-align", 2) not in check_findings(d, tmp_path)


def test_a_contact_note_under_the_title_is_misplaced_and_the_recipients_below_it_are_still_found(tmp_path: Path) -> None:
    d = _request(attach_note_top=True)
    assert _structure(d, tmp_path) == [("note-position", 3)]
    assert _structure(_request(tail_note="（联系人：孙敏，电话：3318206）"), tmp_path) == []


def test_a_signature_set_flush_left_without_a_date_is_found_as_a_signature(tmp_path: Path) -> None:
    d = _request(date=False, sig_align="left", tail_note="（联系人：孙敏，电话：3318206）")
    found = check_findings(d, tmp_path)
    assert ("no-date", 6) in found and ("signature-align", 6) in found


def test_a_prompt_left_from_a_template_is_found(tmp_path: Path) -> None:
    d = _request(tail_note="【此处请填写联系人和电话】")
    assert ("placeholder", 8) in _structure(d, tmp_path)
    assert _structure(_request(tail_note="（联系人：孙敏，电话：3318206）"), tmp_path) == []


def test_fix_adds_no_blank_line_under_a_title_that_text_stands_above(tmp_path: Path) -> None:
    d = gbt_document()
    hand_paragraph(d, "8月9日上午，区政府召开常务会议，研究社区养老服务补贴事项。")
    hand_paragraph(d, "区政府常务会议纪要", XBS, 22, "center", 0)
    hand_paragraph(d, "一、关于社区养老服务补贴", HEITI)
    hand_paragraph(d, "会议同意追加补贴资金，由区民政局会同区财政局抓好落实。")
    saved(d, tmp_path)
    fixed = fix_docx(tmp_path / "d.docx")
    assert [str(c) for c in fixed.changes if c.category == "structure"] == []
    assert ("title-not-first", 2) in [(f.rule, f.paragraph) for f in fixed.left]


# --- pagination: a paragraph kept with the 落款 moves whole -----------------------------------------------


def test_a_paragraph_kept_with_the_next_is_moved_whole_as_libreoffice_does() -> None:
    """20 lines used; a heading, a three-line paragraph, the 署名 and the date, each kept with the
    next: LibreOffice moves the heading and the whole paragraph to page 2 (check_eval5's 通报 had
    its 版记 estimated three lines too high because the paragraph was taken as split)."""
    from assistant.document.docxread import read_docx
    from assistant.document.roles import assign_roles, estimate_pages

    d = gbt_document()
    hand_paragraph(d, "关于第二季度河湖巡查情况的通报", XBS, 22, "center", 0)
    for _ in range(19):
        hand_paragraph(d, "各乡镇要落实河长巡河制度。")
    heading = hand_paragraph(d, "四、工作要求", HEITI)
    text = hand_paragraph(d, "各乡镇要对照通报问题认真整改，建立问题发现、交办、整改、销号闭环机制，确保件件有回应、"
                             "事事有着落，区河长办将每季度通报。")  # fmt: skip
    sig = hand_paragraph(d, "东湖区河长制办公室", align="right", first=0, right=2)
    hand_paragraph(d, "2024年7月2日", align="right", first=0, right=2.5)
    for p in (heading, text, sig):
        p.paragraph_format.keep_with_next = True
    info = read_docx(d)
    assign_roles(info)
    estimate_pages(info)
    pages = {p.text[:5]: (p.page, p.extras["end_page"]) for p in info.paragraphs}
    assert pages["四、工作要"] == (2, 2) and pages["各乡镇要对"] == (2, 2)


# --- parallelism -------------------------------------------------------------------------------------------


def _plan(level: int, headings: list[str]) -> Doc:
    d = gbt_document()
    hand_paragraph(d, "东湖区2024年社区治理提升行动方案", XBS, 22, "center", 0)
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "为提升社区治理水平，制定本方案。")
    if level == 2:
        hand_paragraph(d, "一、重点任务", HEITI)
    numbers = "一二三四五六"
    for k, text in enumerate(headings):
        label = f"{numbers[k]}、" if level == 1 else f"（{numbers[k]}）"
        hand_paragraph(d, label + text, HEITI if level == 1 else KAITI)
        hand_paragraph(d, "各街道要按照职责分工抓好落实，确保各项任务按期完成。")
    return d


def _parallel(d: Doc, tmp: Path) -> list[int | None]:
    return [n for rule, n in check_findings(d, tmp, "parallelism")]


@pytest.mark.parametrize(("level", "headings", "odd"), [
    (1, ["基本情况", "主要做法", "社区治理往后怎么抓"], 8),  # a question among frames
    (2, ["建强网格队伍", "社区服务如何提质增效？", "规范议事程序"], 7),
    (2, ["健全议事机制", "壮大志愿队伍", "居民参与更加广泛"], 9),  # a subject and what it becomes
    (2, ["完善网格管理", "做强志愿服务", "深化居民自治", "物业管理纠纷问题"], 11),  # a topic of the same length
    (1, ["工作目标", "各街道要在六月底前全面完成社区网格划分和专职网格员配备工作", "工作要求"], 6),  # a sentence among frames
])  # fmt: skip
def test_one_heading_of_another_shape_in_a_set_is_reported(level: int, headings: list[str], odd: int, tmp_path: Path) -> None:
    assert _parallel(_plan(level, headings), tmp_path) == [odd]


@pytest.mark.parametrize(("level", "headings"), [
    (2, ["社区服务如何提质", "网格管理如何做实", "居民自治如何深化"]),  # all questions: a speech's style
    (2, ["服务效能明显提升", "议事机制更加健全", "居民参与更加广泛"]),  # all subject-predicate: a report
    (1, ["基本情况", "主要做法", "存在问题", "下一步打算"]),
])  # fmt: skip
def test_sets_of_one_shape_are_left_alone(level: int, headings: list[str], tmp_path: Path) -> None:
    assert _parallel(_plan(level, headings), tmp_path) == []


def test_a_tail_alone_on_a_page_is_found_off_the_grid_when_every_line_is_exact(tmp_path: Path) -> None:
    """Lines of exactly 20 pt (a wrong spacing, reported as such): 31 to a page. The text fills page
    1 and the 落款 stands alone on page 2; the estimate follows exact heights as LibreOffice does."""
    def letter(lines: int) -> Doc:
        d = gbt_document()
        hand_paragraph(d, "关于商请协助开展汛期水文监测的函", XBS, 22, "center", 0, line=20)
        hand_paragraph(d, "", first=0, line=20)
        hand_paragraph(d, "市水文局：", first=0, line=20)
        for k in range(lines):
            hand_paragraph(d, f"第{k + 1}个监测点位已完成设备检修。", line=20)
        hand_paragraph(d, "", first=0, line=20)
        hand_paragraph(d, "东湖区水务局", align="right", first=0, right=3.6, line=20)
        hand_paragraph(d, "2024年6月3日", align="right", first=0, right=2, line=20)
        return d

    assert ("tail-alone", 33) in check_findings(letter(28), tmp_path, "pagination")
    assert [f for f in check_findings(letter(25), tmp_path, "pagination") if f[0] != "crowded-page"] == []  # 31 lines a page


def test_wenmi_writes_the_word_attendance_in_heiti_and_passes_its_own_check(tmp_path: Path) -> None:
    from assistant.document.docx_writer import write_docx_bytes
    from assistant.document.markup import parse_markup

    data = write_docx_bytes(parse_markup("# 区政府常务会议纪要\n会议研究了社区养老服务补贴事项。\n出席：周立新、何丽萍、马建军\n"))
    d = docx.Document(io.BytesIO(data))
    line = next(p for p in d.paragraphs if p.text.startswith("出席"))
    assert [(r.text, r._r.rPr.rFonts.get(qn("w:eastAsia"))) for r in line.runs][:2] == [
        ("出席", G.FONT_HEITI), ("：周立新、何丽萍、马建军", G.FONT_FANGSONG)]  # fmt: skip
    assert [f for f in check_findings(d, tmp_path) if f[0].startswith("attendance")] == []
