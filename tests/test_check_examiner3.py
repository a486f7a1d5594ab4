"""What the third, unseen examiner corpus (benchmarks/check_eval3) showed, each on a document
made by hand with other words than the corpus's: a 函's single 主送 taken for body text; bracketed
dates read as a length fault; `fix` moving a clean second attachment line; headings of another
grammatical shape among their siblings; and the misses GB/T 9704 / 15835 back (punctuation after
attachment names, a 版记 in mid-page, years in two forms, a template placeholder)."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from assistant.document.check import check_docx
from assistant.document.docxread import read_docx
from assistant.document.fix import fix_docx
from assistant.document.heading_shape import odd_shapes
from assistant.document.roles import assign_roles
from tests.fakes import (
    HEITI,
    KAITI,
    MENDABLE,
    XBS,
    check_findings,
    docx_text,
    gbt_document,
    hand_paragraph,
    outline_document,
)

Doc = docx.document.Document





def _letter(recipient: str, first: float = 0) -> Doc:
    d = gbt_document()
    hand_paragraph(d, "关于商请支持开展职业技能培训的函", XBS, 22, "center", 0)
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, recipient, first=first)
    hand_paragraph(d, "为提升一线职工技能水平，我会拟于6月在贵单位开展职业技能培训。现将有关事项函告如下。")
    hand_paragraph(d, "一、培训内容", HEITI)
    hand_paragraph(d, "电工、焊工等工种的实操训练。")
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "临江市总工会", align="right", first=0, right=4)  # 7.3.5.2: the date is the longer
    hand_paragraph(d, "2024年5月6日", align="right", first=0, right=2)
    return d




def _roles(d: Doc) -> dict[str, str]:
    info = read_docx(d)
    assign_roles(info)
    return {p.text: p.role for p in info.paragraphs if p.text}


# --- 1. false alarms -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["临江大学：", "临江海关：", "临江大学:"])
def test_a_letter_s_single_recipient_is_the_recipient_line(name: str, tmp_path: Path) -> None:
    """7.3.2: the 主送 under the title is flush left. “临江大学：” was read as body text, drew a
    first-line-indent error, and `fix` indented it by two characters."""
    assert _roles(_letter(name))[name] == "recipients"
    assert check_findings(_letter(name), tmp_path, "indent") == []
    path = tmp_path / "letter.docx"
    _letter(name).save(str(path))
    fixed = fix_docx(path)
    assert not [c for c in fixed.changes if c.category == "indent"], [str(c) for c in fixed.changes]
    ind = docx.Document(io.BytesIO(fixed.data)).paragraphs[2].paragraph_format.first_line_indent
    assert not ind
    # the same line indented two characters is a 主送 set wrong, not a body paragraph set right
    assert check_findings(_letter(name, first=2), tmp_path, "indent") == [("recipients-indent", 3)]


@pytest.mark.parametrize("line", ["现将有关事项函告如下：", "同志们："])
def test_a_lead_in_or_a_salutation_under_the_title_is_not_a_recipient(line: str) -> None:
    assert _roles(_letter(line))[line] == "body"


def _outline(headings: list[tuple[str, str]]) -> Doc:
    return outline_document(headings, "临江市交通运输局2024年工作方案", "为做好今年交通运输工作，制定本方案。")


def test_headings_that_differ_only_in_a_bracketed_date_are_parallel(tmp_path: Path) -> None:
    d = _outline([(HEITI, "一、实施步骤"), (KAITI, "（一）动员部署（6月10日前）"), (KAITI, "（二）集中整治（6月11日至25日）"),
                  (KAITI, "（三）总结验收（6月26日至30日）")])  # fmt: skip
    assert check_findings(d, tmp_path, "parallelism") == []


def _notice_with_attachments(first_line: str, second: str, second_first: float) -> Doc:
    d = gbt_document()
    hand_paragraph(d, "关于做好防汛物资储备工作的通知", XBS, 22, "center", 0)
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "各乡镇人民政府：", first=0)
    hand_paragraph(d, "为做好今年防汛工作，现就防汛物资储备有关事项通知如下，请认真贯彻执行。")
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, first_line)
    hand_paragraph(d, second, first=second_first)
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "临江市水利局", align="right", first=0, right=4)
    hand_paragraph(d, "2024年5月6日", align="right", first=0, right=2)
    return d


def test_fix_leaves_a_clean_second_attachment_line_alone(tmp_path: Path) -> None:
    """The second name under “附件：1.” set with a first-line indent of 5 characters is where
    7.3.4 puts it; `fix` rewrote it as a left indent of 5 (no visible change, a needless edit)."""
    path = tmp_path / "notice.docx"
    _notice_with_attachments("附件：1.防汛物资储备清单", "2.防汛物资调拨流程", 5).save(str(path))
    assert [f for f in check_docx(path) if f.category not in ("header_footer",)] == []
    fixed = fix_docx(path)
    assert [c for c in fixed.changes if c.category != "header_footer"] == [], [str(c) for c in fixed.changes]
    second = docx.Document(io.BytesIO(fixed.data)).paragraphs[6].paragraph_format
    assert second.first_line_indent == Pt(5 * 16) and not second.left_indent


def test_fix_adds_no_line_grid_to_a_document_without_one(tmp_path: Path) -> None:
    """Every line gets a fixed 28.95 pt; a grid of lines added behind the user's back moved a 版记
    in 4号 onto the grid's lines in LibreOffice, and off the foot of its page."""
    path = tmp_path / "notice.docx"
    _notice_with_attachments("附件：1.防汛物资储备清单", "2.防汛物资调拨流程", 5).save(str(path))
    grid = docx.Document(io.BytesIO(fix_docx(path).data)).sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid is None or grid.get(qn("w:type")) is None


# --- 2. parallelism ------------------------------------------------------------------------------


ODD_SETS = [
    (["健全工作机制", "关于人员培训的问题", "强化督导考核"], 1, "about"),
    (["宣传范围", "宣传重点", "全体干部职工必须提高认识"], 2, "clause"),
    (["压实工作责任", "强化过程管理", "宣传工作开展得比较到位", "深化成果运用"], 2, "clause"),
    (["加强队伍建设", "资金方面", "严格考核奖惩"], 1, "topic"),
    (["持续优化营商环境", "全面推进项目建设", "安全生产问题"], 2, "topic"),
]
#: Sets from wenmi's catalogue and the clean documents of the three corpora, and sets written
#: the way real ones are: one shape throughout, or shapes the text cannot tell apart.
PARALLEL_SETS = [
    ["精简会议", "开展评比", "走访调研"],
    ["健全制度", "服务群众", "完善设施", "认领实事项目"],
    ["修订制度", "锤炼作风", "发挥优势", "解决问题"],
    ["强化组织领导", "严格督办销号", "公开整改情况"],
    ["压实整改责任", "健全长效机制", "认领群众反映的问题"],
    ["严守廉洁纪律", "加强监督检查", "倡导清廉节风", "落实工作责任", "及时报送情况"],
    ["安全生产责任落实情况", "重大风险管控情况", "隐患排查治理情况"],
    ["安全生产形势", "事故发生情况", "隐患排查整治"],
    ["部分党支部“三会一课”记录不规范", "公务接待审批手续不全", "廉洁风险排查不够深入"],
    ["技能成长需求迫切", "身心健康服务需求增加"],
    ["青年是事业发展的生力军，大家的奋斗有目共睹", "对广大青年的几点希望", "各级党组织要关心关爱青年成长"],
    ["排查范围", "排查重点"],
    ["活动内容", "需协助事项"],
]


@pytest.mark.parametrize(("names", "index", "shape"), ODD_SETS)
def test_the_heading_of_another_shape_is_found(names: list[str], index: int, shape: str) -> None:
    assert [(o.index, o.shape) for o in odd_shapes(names)] == [(index, shape)]


@pytest.mark.parametrize("names", PARALLEL_SETS)
def test_parallel_sets_and_sets_of_one_shape_are_left_alone(names: list[str]) -> None:
    assert odd_shapes(names) == []


def test_a_non_parallel_heading_is_reported_at_its_paragraph(tmp_path: Path) -> None:
    d = _outline([(HEITI, "一、主要任务"), (KAITI, "（一）加强队伍建设"), (KAITI, "（二）资金方面"), (KAITI, "（三）严格考核奖惩"),
                  (HEITI, "二、工作要求"), (HEITI, "三、全体干部职工必须提高思想认识")])  # fmt: skip
    # level 1: 主要任务 and 工作要求 are frames; a sentence among them is still one of another shape
    # (check_eval5: a 30-character heading among 时间安排/工作要求 was marked by the examiner)
    assert sorted(check_findings(d, tmp_path, "parallelism")) == [("parallel-shape", 8), ("parallel-shape", 14)]
    d = _outline([(HEITI, "一、宣传范围"), (HEITI, "二、宣传重点"), (HEITI, "三、全体干部职工必须提高思想认识")])
    assert check_findings(d, tmp_path, "parallelism") == [("parallel-shape", 8)]


# --- 3. the other misses ---------------------------------------------------------------------------


def test_a_mark_after_an_attachment_name_is_an_error_and_fix_deletes_it(tmp_path: Path) -> None:
    """GB/T 9704 7.3.4: 附件名称后不加标点. “2.名称。” was read as a level-3 heading."""
    path = tmp_path / "notice.docx"
    _notice_with_attachments("附件：1.防汛物资储备清单；", "2.防汛物资调拨流程。", 5).save(str(path))
    found = [(f.rule, f.paragraph, f.severity, f.actual) for f in check_docx(path) if f.category == "punctuation"]
    assert found == [("attach-punctuation", 6, "error", "；"), ("attach-punctuation", 7, "error", "。")]
    fixed = fix_docx(path)
    out = tmp_path / "fixed.docx"
    out.write_bytes(fixed.data)
    assert [p.text for p in docx.Document(str(out)).paragraphs[5:7]] == ["附件：1.防汛物资储备清单", "2.防汛物资调拨流程"]
    assert [f for f in fixed.left if f.category in ("punctuation", "numbering")] == []
    assert MENDABLE.sub("", docx_text(path)) == MENDABLE.sub("", docx_text(out))


def _report_with_record(body_lines: int, frame: bool = False) -> Doc:
    """Title, a blank line, `body_lines` one-line paragraphs, the 落款, and a 版记 of two ruled
    paragraphs in 4号 at 25 pt, typed right under the date (or set in a frame at the foot)."""
    d = gbt_document()
    hand_paragraph(d, "关于2024年上半年安全生产工作的报告", XBS, 22, "center", 0)
    hand_paragraph(d, "", first=0)
    for i in range(body_lines):
        hand_paragraph(d, f"第{i + 1}项工作已按计划完成。")
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "临江市应急管理局", align="right", first=0, right=3)
    hand_paragraph(d, "2024年7月5日", align="right", first=0, right=2)
    for text in ("抄送：市安委会各成员单位。", "临江市应急管理局办公室\t2024年7月5日印发"):
        p = hand_paragraph(d, text, size=14, first=0, line=25, align="left")
        p.paragraph_format.left_indent = p.paragraph_format.right_indent = Pt(14)  # one character in (7.4.2)
        ppr = p._p.get_or_add_pPr()
        bdr = OxmlElement("w:pBdr")
        for side in ("top", "bottom"):
            el = OxmlElement(f"w:{side}")
            el.set(qn("w:val"), "single")
            el.set(qn("w:sz"), "8")
            bdr.append(el)
        ppr.insert(0, bdr)
        if frame:
            fr = OxmlElement("w:framePr")
            for k, v in (("w:w", "8844"), ("w:vAnchor", "margin"), ("w:hAnchor", "margin"), ("w:yAlign", "bottom")):
                fr.set(qn(k), v)
            ppr.insert(0, fr)
    return d


def test_a_record_block_in_mid_page_is_an_error_and_fix_moves_it_down(tmp_path: Path) -> None:
    """GB/T 9704 7.4.1: the last rule of the 版记 lies on the bottom edge of the last page's
    text block. Typed right under the date it stands in mid-page."""
    assert check_findings(_report_with_record(4), tmp_path, "pagination", "structure") == [("record-position", 10)]
    # 20 lines of 28.95 pt and the 版记's 2 × 25 pt fill the page: it closes the page
    assert check_findings(_report_with_record(15), tmp_path, "pagination", "structure") == []
    # in a frame at the foot of the page, it stands where the frame puts it
    assert check_findings(_report_with_record(4, frame=True), tmp_path, "pagination", "structure") == []
    path = tmp_path / "report.docx"
    _report_with_record(4).save(str(path))
    fixed = fix_docx(path)
    assert [c.category for c in fixed.changes if "版记" in c.what] == ["pagination"]
    assert [f for f in fixed.left if f.category in ("pagination", "structure")] == []
    out = tmp_path / "fixed.docx"
    out.write_bytes(fixed.data)
    assert MENDABLE.sub("", docx_text(path)) == MENDABLE.sub("", docx_text(out))


def _summary(year_in_body: str, date: str = "2024年12月20日") -> Doc:
    d = gbt_document()
    hand_paragraph(d, "临江市档案馆2024年工作总结", XBS, 22, "center", 0)
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, f"{year_in_body}，我馆围绕中心工作，完成档案接收12万卷。")
    hand_paragraph(d, "2024年，我馆完成数字化扫描300万页。")
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "临江市档案馆", align="right", first=0, right=4)
    hand_paragraph(d, date, align="right", first=0, right=2)
    return d


def test_years_in_two_forms_are_a_warning_and_fix_follows_the_usual_one(tmp_path: Path) -> None:
    """GB/T 15835-2011 allows either form for a year; one document keeps one (同类别同形式)."""
    path = tmp_path / "summary.docx"
    _summary("二〇二四年").save(str(path))
    found = [(f.rule, f.paragraph, f.severity, f.actual) for f in check_docx(path) if f.category == "numbers"]
    assert found == [("year-form", 3, "warning", "二〇二四年")]
    fixed = fix_docx(path)
    assert docx.Document(io.BytesIO(fixed.data)).paragraphs[2].text.startswith("2024年，我馆")
    assert [f for f in fixed.left if f.category == "numbers"] == []
    # one form throughout is right; a 成文日期 in Chinese numerals is its own error (7.3.5.4)
    assert check_findings(_summary("2024年"), tmp_path, "numbers") == []
    assert check_findings(_summary("2024年", "二〇二四年十二月二十日"), tmp_path, "numbers") == [("date-chinese-numerals", 7)]


def test_a_template_placeholder_is_a_structure_warning(tmp_path: Path) -> None:
    d = _letter("临江大学：")
    d.paragraphs[5].runs[0].text = "联系人：XXX，联系电话：XXXXXXXX。"
    assert check_findings(d, tmp_path, "structure") == [("placeholder", 6)]
    # “××” for a withheld name (××集团有限公司), as GB/T 9704's own examples write organs, is not one
    d.paragraphs[5].runs[0].text = "请××集团有限公司予以支持。"
    assert check_findings(d, tmp_path, "structure") == []
