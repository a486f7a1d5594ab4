"""`wenmi fix`: repairs a Word draft to GB/T 9704 without touching its words, reports what it
changed and what it left, never overwrites without --force, and writes atomically."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from docx.shared import Pt

from assistant.cli import main

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = [
    "关于开展作风建设专项督查的通知",
    "各党支部:",
    "为深入贯彻公司党委部署要求,推动作风建设走深走实,决定于2023.7.15前开展专项督查。",
    "一.督查内容",
    "督查作风建设任务落实情况，开展检查１２次，完成整改8项...",
    "三、工作要求",
    "各支部要高度重视，认真组织自查。",
    "党群工作部",
    "2023年03月01日",
]


def _draft(path: Path) -> Path:
    """A draft as Word makes it: US Letter, 宋体 12 pt from the theme, 1.15 lines, no page number."""
    d = docx.Document()
    for text in TEXT:
        run = d.add_paragraph().add_run(text)
        run.font.size = Pt(12)
    d.save(str(path))
    return path


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_fix_repairs_a_word_draft_and_keeps_its_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _draft(tmp_path / "draft.docx")
    out = tmp_path / "fixed.docx"
    code, text, _ = _run(["fix", str(src), "-o", str(out)], capsys)
    assert code == 0, text
    assert "已做的修改" in text and "字号" in text and "页码" in text
    fixed = docx.Document(str(out))
    paras = [p.text for p in fixed.paragraphs if p.text.strip()]
    assert paras == [
        "关于开展作风建设专项督查的通知",
        "各党支部：",
        "为深入贯彻公司党委部署要求，推动作风建设走深走实，决定于2023年7月15日前开展专项督查。",
        "一、督查内容",
        "督查作风建设任务落实情况，开展检查12次，完成整改8项……",
        "二、工作要求",
        "各支部要高度重视，认真组织自查。",
        "党群工作部",
        "2023年3月1日",
    ]
    s = fixed.sections[0]
    assert round(s.page_width.mm) == 210 and round(s.page_height.mm) == 297 and round(s.top_margin.mm) == 37
    title, body, heading = (next(p for p in fixed.paragraphs if p.text.startswith(t)) for t in ("关于", "为深入", "一、"))
    assert title.runs[0]._r.rPr.find(f"{W}rFonts").get(f"{W}eastAsia") == "方正小标宋简体"
    assert title.runs[0].font.size == Pt(22) and title._p.pPr.find(f"{W}jc").get(f"{W}val") == "center"
    assert body.runs[0]._r.rPr.find(f"{W}rFonts").get(f"{W}eastAsia") == "仿宋_GB2312"
    assert body._p.pPr.find(f"{W}ind").get(f"{W}firstLineChars") == "200"
    assert body._p.pPr.find(f"{W}spacing").get(f"{W}lineRule") == "exact"
    assert heading.runs[0]._r.rPr.find(f"{W}rFonts").get(f"{W}eastAsia") == "黑体"
    assert "PAGE" in s.footer._element.xml and "PAGE" in s.even_page_footer._element.xml
    assert fixed.settings.element.find(f"{W}evenAndOddHeaders") is not None
    # and the check agrees
    code, text, _ = _run(["check", str(out), "--format", "json"], capsys)
    assert code == 0 and [f for f in json.loads(text) if f["severity"] == "error"] == []


def test_what_needs_a_human_is_left_and_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = docx.Document()
    for text in ("关于开展作风建设专项督查的通知", "各支部要在2023年13月5日前完成自查。", "2023年3月1日"):
        d.add_paragraph(text)
    src = tmp_path / "d.docx"
    d.save(str(src))
    code, text, _ = _run(["fix", str(src), "-o", str(tmp_path / "o.docx"), "--format", "json"], capsys)
    report = json.loads(text)
    assert code == 1
    left = {f["rule"] for f in report["left"]}
    assert {"impossible-date", "no-signature"} <= left
    assert report["changes"] and report["output"] == str(tmp_path / "o.docx")


def test_fix_never_overwrites_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _draft(tmp_path / "draft.docx")
    before = src.read_bytes()
    code, _, err = _run(["fix", str(src), "-o", str(src)], capsys)
    assert code == 1 and "已存在" in err and "--force" in err and "Traceback" not in err
    assert src.read_bytes() == before
    other = tmp_path / "other.docx"
    other.write_bytes(b"keep")
    assert _run(["fix", str(src), "-o", str(other)], capsys)[0] == 1
    assert other.read_bytes() == b"keep"
    assert _run(["fix", str(src), "-o", str(other), "--force"], capsys)[0] == 0
    assert other.read_bytes() != b"keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.docx", "other.docx"]  # no temporary file left


def test_dry_run_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _draft(tmp_path / "draft.docx")
    before = src.read_bytes()
    code, text, _ = _run(["fix", str(src), "--dry-run"], capsys)
    assert "将要做的修改" in text and "未写文件" in text
    assert src.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["draft.docx"]
    assert code == 0


def test_bad_input_is_refused_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["fix", str(tmp_path / "none.docx"), "-o", str(tmp_path / "o.docx")], capsys)
    assert code == 1 and "不存在" in err
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    code, _, err = _run(["fix", str(bad), "-o", str(tmp_path / "o.docx")], capsys)
    assert code == 1 and "Word" in err and "Traceback" not in err
    code, _, err = _run(["fix", str(bad)], capsys)
    assert code == 1 and "-o" in err
    src = _draft(tmp_path / "draft.docx")
    code, _, err = _run(["fix", str(src), "-o", str(tmp_path / "out.pdf")], capsys)
    assert code == 1 and ".docx" in err
