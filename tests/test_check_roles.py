"""Role detection that does not trust sizes, findings located as an examiner's notes are, and
effective formatting read the way the office suites resolve it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from assistant.cli import main
from assistant.document.docxread import read_docx
from assistant.document.roles import assign_roles
from tests.fakes import FANGSONG, HEITI, XBS, gbt_document, hand_paragraph


def _notice(title_size: float = 22) -> docx.document.Document:
    d = gbt_document()
    hand_paragraph(d, "关于开展作风建设专项督查的通知", XBS, title_size, "center", 0)
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "各党支部：", first=0)
    hand_paragraph(d, "为推动作风建设走深走实，决定开展专项督查。")
    hand_paragraph(d, "一、督查内容", HEITI)
    hand_paragraph(d, "督查作风建设任务落实情况，开展检查12次。")
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "党群工作部", align="right", first=0, right=5)  # 7.3.5.2
    hand_paragraph(d, "2023年3月1日", align="right", first=0, right=2)
    return d


def _roles(d: docx.document.Document) -> list[tuple[str, str]]:
    info = read_docx(d)
    assign_roles(info)
    return [(p.role, p.text) for p in info.paragraphs if p.role != "blank"]


def test_roles_come_from_position_and_text_not_size() -> None:
    for size in (22, 16, 12):
        assert [r for r, _ in _roles(_notice(size))] == ["title", "recipients", "body", "heading", "body", "signature", "date"]


def _check(d: docx.document.Document, tmp: Path, capsys: pytest.CaptureFixture[str], fmt: str = "json") -> tuple[int, str]:
    path = tmp / "d.docx"
    d.save(str(path))
    code = main(["check", str(path), "--format", fmt])
    return code, capsys.readouterr().out


def test_a_small_title_is_reported_as_the_title(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The issue's complaint: a 16 pt title was taken for body text."""
    code, out = _check(_notice(16), tmp_path, capsys)
    findings = [f for f in json.loads(out) if f["category"] != "header_footer"]
    assert code == 1
    assert [(f["rule"], f["paragraph"], f["expected"]) for f in findings] == [("font-size", 1, "2号（22 磅）")]
    f = findings[0]
    assert "标题字号为3号" in f["message"] and f["actual"] == "3号（16 磅）" and f["page"] == 1
    assert f["severity"] == "error" and f["quote"].startswith("关于开展")


def test_text_output_is_grouped_by_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = _notice()
    d.paragraphs[3].runs[0].text = "为推动作风建设走深走实,决定开展专项督查。"
    code, out = _check(d, tmp_path, capsys, "text")
    lines = out.splitlines()
    assert code == 1
    assert lines[0] == "全文" and "【页码】" in lines[1]
    page = lines.index("第1页（估计）")
    assert "  错误【标点】第4段“为推动作风建设走深走实,决定开展…”：中文中用了 1 处半角标点" in lines[page + 1]
    assert lines[-1].endswith("2 个错误，0 个警告。")


def test_unnumbered_headings_are_headings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = _notice()
    body = d.paragraphs[5]._p
    for text in ("提高站位　高标准制定措施", "压实责任　高质量抓好整改"):
        head = hand_paragraph(d, text, HEITI)
        body.addnext(head._p)
        text_para = hand_paragraph(d, "各支部要高度重视，认真组织自查，按时报送材料。")
        head._p.addnext(text_para._p)
        body = text_para._p
    assert [r for r, t in _roles(d) if t.startswith(("提高", "压实"))] == ["heading", "heading"]
    code, out = _check(d, tmp_path, capsys)
    assert [f for f in json.loads(out) if f["category"] in ("font", "numbering")] == []


def test_an_explicit_zero_indent_wins_over_the_style(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """LibreOffice writes `w:ind w:hanging="0"` on a paragraph whose style indents 2 characters:
    the paragraph is flush left, as LibreOffice and Word show it."""
    d = _notice()
    style = d.styles["Normal"].element
    ppr = style.get_or_add_pPr()
    ind = OxmlElement("w:ind")
    ind.set(qn("w:firstLineChars"), "200")
    ppr.append(ind)
    recipients = d.paragraphs[2]._p.pPr
    recipients.remove(recipients.find(qn("w:ind")))
    zero = OxmlElement("w:ind")
    zero.set(qn("w:hanging"), "0")
    recipients.append(zero)
    code, out = _check(d, tmp_path, capsys)
    assert [f for f in json.loads(out) if f["category"] == "indent"] == []


def test_the_theme_face_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = _notice()
    d.paragraphs[3].runs[0]._r.rPr.find(qn("w:rFonts")).attrib.pop(qn("w:eastAsia"))
    code, out = _check(d, tmp_path, capsys)
    face = next(f for f in json.loads(out) if f["rule"] == "font-face")
    assert face["paragraph"] == 4 and "主题字体" in face["actual"] and face["expected"] == FANGSONG


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__]))


def _heading_at_foot(keep: bool) -> docx.document.Document:
    """Title, an empty line, 19 one-line paragraphs: the heading falls on the page's 22nd line."""
    d = gbt_document()
    hand_paragraph(d, "关于开展作风建设专项督查的通知", XBS, 22, "center", 0)
    hand_paragraph(d, "", first=0)
    for i in range(19):
        hand_paragraph(d, f"督查第{i + 1}项任务的落实情况。")
    head = hand_paragraph(d, "一、督查内容", HEITI)
    head.paragraph_format.keep_with_next = keep
    hand_paragraph(d, "督查作风建设任务落实情况，开展检查12次。")
    return d


def test_a_heading_alone_at_the_foot_of_a_page_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _check(_heading_at_foot(False), tmp_path, capsys)
    found = [f for f in json.loads(out) if f["category"] == "pagination"]
    assert [(f["rule"], f["paragraph"], f["page"]) for f in found] == [("heading-at-page-foot", 22, 1)]
    code, out = _check(_heading_at_foot(True), tmp_path, capsys)
    assert [f for f in json.loads(out) if f["category"] == "pagination"] == []
