"""`wenmi fix` and the page: a heading stranded at the foot of a page (背题) is kept with what
follows it, so that LibreOffice carries it over and `wenmi check` is clean; a 版记 that cannot
stand with the text is not left alone on an odd page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import docx
import pytest

from assistant.cli import main
from tests.fakes import HEITI, KAITI, XBS, check_json, gbt_document, hand_paragraph

from .office import measure, require_office, to_pdfs

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: One line each (at most 26 characters after the two-character indent).
LINES = [
    "全面排查辖区内各类风险隐患。", "建立隐患清单和整改台账。", "明确整改责任人和完成时限。", "做到发现一处、整改一处。",
    "对重大隐患实行挂牌督办。", "按月报送排查整治进展情况。", "加强值班值守和信息报送。", "确保汛期各项工作有序开展。",
]  # fmt: skip




def _stranded(heading: str, font: str) -> Any:
    """A notice whose `heading` falls on the 22nd (last) line of page 1: title, empty line, 主送,
    一、 with eight one-line paragraphs, 二、 with eight, then `heading` and its text."""
    d = gbt_document(page_numbers=True)
    hand_paragraph(d, "关于开展汛前安全隐患排查整治工作的通知", XBS, 22, "center", 0)
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "各区水务局，局属各单位：", first=0)
    for title in ("一、工作目标", "二、主要任务"):
        hand_paragraph(d, title, HEITI)
        for line in LINES:
            hand_paragraph(d, line)
    hand_paragraph(d, heading, font)
    hand_paragraph(d, "各单位要高度重视，主要负责同志亲自部署，分管负责同志具体抓，确保排查整治不走过场、不留死角。")
    hand_paragraph(d, "请于2024年5月20日前将排查整治情况报市防汛办。")
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "临江市防汛抗旱指挥部办公室", align="right", first=0, right=2)
    hand_paragraph(d, "2024年4月28日", align="right", first=0, right=6.5)
    return d


def _fix(src: Path, dest: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(["fix", str(src), "-o", str(dest), "--format", "json"]) == 0
    report: dict[str, Any] = json.loads(capsys.readouterr().out)
    return report


@pytest.mark.parametrize(("heading", "font", "index"), [("三、工作要求", HEITI, 22), ("（一）工作要求", KAITI, 22),
                                                       ("1.工作要求", "仿宋_GB2312", 22)])  # fmt: skip
def test_fix_keeps_a_stranded_heading_with_its_text(heading: str, font: str, index: int, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    """Every level: the check reports the 背题, fix keeps the heading with the next paragraph and
    says so, and the check of the result is clean."""
    src, dest = tmp_path / "notice.docx", tmp_path / "fixed.docx"
    _stranded(heading, font).save(str(src))
    code, before = check_json(src, None, capsys)
    assert [(f["rule"], f["paragraph"], f["page"]) for f in before] == [("heading-at-page-foot", index, 1)]
    report = _fix(src, dest, capsys)
    assert [(c["category"], c["paragraphs"]) for c in report["changes"]] == [("pagination", [index])]
    assert "背题" in report["changes"][0]["what"]
    kept = docx.Document(str(dest)).paragraphs[index - 1]
    assert kept.text == heading
    assert kept._p.pPr.find(f"{W}keepNext") is not None and kept._p.pPr.find(f"{W}keepLines") is not None
    assert check_json(dest, None, capsys) == (0, [])
    # a heading that ends no page is left as it is: fix changes nothing in the result
    assert main(["fix", str(dest), "--dry-run", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["changes"] == []


@pytest.mark.office
def test_libreoffice_no_longer_strands_the_heading(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Rendered by LibreOffice: before fix the heading is the last line of page 1; after it, the
    first line of page 2, with its text under it."""
    require_office()
    src, dest = tmp_path / "notice.docx", tmp_path / "fixed.docx"
    _stranded("三、工作要求", HEITI).save(str(src))
    _fix(src, dest, capsys)
    before, after = (measure(pdf) for pdf in to_pdfs([src, dest], tmp_path))

    def body(rows: list[Any]) -> list[str]:
        return [r.text for r in rows if r.size >= 15.5]  # not the page number

    # the 22nd line: its foot within the last grid line of the 225 mm block (37 + 225 = 262 mm)
    foot = [r for r in before[0] if r.size >= 15.5][-1]
    assert foot.text == "三、工作要求" and 262 - 10.2 < foot.bottom <= 262
    assert body(after[0])[-1] == LINES[-1] and "三、工作要求" not in "".join(body(after[0]))
    assert body(after[1])[0] == "三、工作要求" and body(after[1])[1].startswith("各单位要高度重视")


def _with_record(lines: int, pad: int = 1) -> Any:
    """A notice of `lines` one-line paragraphs whose 成文日期 falls on the last line of a page,
    then `pad` empty lines and a 版记 typed as paragraphs (抄送, 印发) that no longer fits on that
    page."""
    d = gbt_document(page_numbers=True)
    hand_paragraph(d, "关于开展汛前安全隐患排查整治工作的通知", XBS, 22, "center", 0)
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "各区水务局，局属各单位：", first=0)
    for n in range(lines):
        hand_paragraph(d, LINES[n % len(LINES)])
    hand_paragraph(d, "", first=0)
    hand_paragraph(d, "临江市防汛抗旱指挥部办公室", align="right", first=0, right=2)
    hand_paragraph(d, "2024年4月28日", align="right", first=0, right=6.5)
    for _ in range(pad):
        hand_paragraph(d, "", first=0)
    hand_paragraph(d, "抄送：市应急管理局，市气象局。", size=14, first=1, line=25)
    hand_paragraph(d, "临江市防汛抗旱指挥部办公室　　　　　　　2024年4月28日印发", size=14, first=1, line=25)
    return d


def _has_page_number(footer: Any) -> bool:
    return "PAGE" in footer._element.xml


def test_a_record_alone_on_an_odd_page_goes_to_the_next_even_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The text ends on the last line of page 2: the 版记 would stand alone on page 3. The check
    says so; fix puts a blank page before it and the 版记 at the foot of page 4, in a section of
    their own without page numbers (GB/T 9704 7.4, 7.5), and the result is clean."""
    src, dest = tmp_path / "notice.docx", tmp_path / "fixed.docx"
    _with_record(38).save(str(src))
    _, before = check_json(src, None, capsys)
    assert [(f["rule"], f["severity"], f["page"]) for f in before] == [("record-position", "error", 3)]
    assert "空白页" in before[0]["message"] and "第4页" in before[0]["message"]
    report = _fix(src, dest, capsys)
    assert [c["category"] for c in report["changes"]] == ["pagination"]
    assert "空白页" in report["changes"][0]["what"] and "第4页" in report["changes"][0]["what"]
    fixed = docx.Document(str(dest))
    assert len(fixed.sections) == 2
    numbered, record = fixed.sections
    assert _has_page_number(numbered.footer) and _has_page_number(numbered.even_page_footer)
    assert not any(_has_page_number(f) for f in (record.footer, record.even_page_footer, record.first_page_footer))
    paras = fixed.paragraphs
    ends = next(i for i, p in enumerate(paras) if p._p.find(f"{W}pPr/{W}sectPr") is not None)
    assert paras[ends].text == "2024年4月28日"
    after = paras[ends + 1:]
    assert [p.text for p in after if p.text] == ["抄送：市应急管理局，市气象局。", "临江市防汛抗旱指挥部办公室　　　　　　　2024年4月28日印发"]
    assert any(p._p.find(f"{W}pPr/{W}pageBreakBefore") is not None for p in after)
    assert check_json(dest, None, capsys) == (0, [])
    assert main(["fix", str(dest), "--dry-run", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["changes"] == []


def test_a_record_at_the_foot_of_an_odd_page_of_its_own_is_reported(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """What fix used to make of it: the 版记 at the foot of page 3, which holds nothing else and
    carries a page number. The check now says where it belongs, and fix moves it there."""
    src, dest = tmp_path / "notice.docx", tmp_path / "fixed.docx"
    _with_record(38, pad=19).save(str(src))
    _, before = check_json(src, None, capsys)
    assert [(f["rule"], f["severity"], f["page"]) for f in before] == [("record-alone", "warning", 3)]
    report = _fix(src, dest, capsys)
    assert "空白页" in report["changes"][0]["what"]
    assert len(docx.Document(str(dest)).sections) == 2
    assert check_json(dest, None, capsys) == (0, [])


def test_a_record_alone_on_an_even_page_is_moved_to_its_foot(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The text ends on the last line of page 1: the 版记 on page 2 is on the last even page, as
    7.4 wants; it only goes down to the foot, and page 2 keeps its number."""
    src, dest = tmp_path / "notice.docx", tmp_path / "fixed.docx"
    _with_record(16).save(str(src))
    _, before = check_json(src, None, capsys)
    assert {(f["rule"], f["page"]) for f in before} == {("record-position", 2)}
    report = _fix(src, dest, capsys)
    assert [c["category"] for c in report["changes"]] == ["pagination"] and "空白页" not in report["changes"][0]["what"]
    assert len(docx.Document(str(dest)).sections) == 1
    assert check_json(dest, None, capsys) == (0, [])


@pytest.mark.office
def test_libreoffice_prints_the_record_on_page_4_without_numbers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Rendered by LibreOffice after fix: page 2 ends with the 成文日期, page 3 is blank (no page
    number), page 4 holds the 版记 alone at the foot of the text block (no page number)."""
    require_office()
    src, dest = tmp_path / "notice.docx", tmp_path / "fixed.docx"
    _with_record(38).save(str(src))
    _fix(src, dest, capsys)
    (pages,) = (measure(pdf) for pdf in to_pdfs([dest], tmp_path))
    assert len(pages) == 4
    assert [r.text for r in pages[1] if r.size >= 15.5][-1] == "2024年4月28日"
    assert pages[2] == []
    assert [r.text[:3] for r in pages[3]] == ["抄送：", "临江市"]
    assert 262 - 10.2 < pages[3][-1].bottom <= 262
