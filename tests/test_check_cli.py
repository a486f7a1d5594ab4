"""`wenmi check`: our own output passes; common format faults in other documents are found."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from docx.shared import Mm, Pt

from assistant.cli import main
from assistant.document.markup import parse_markup
from assistant.render import write_output

GOOD = "# 关于开展作风建设专项督查的通知\n主送：各党支部\n## 督查内容\n督查作风建设任务落实情况，开展检查12次。\n## 工作要求\n### 压实责任\n各支部要高度重视。\n落款：党群工作部\n日期：2023-03-01\n"


@pytest.fixture
def good(tmp_path: Path) -> Path:
    out = tmp_path / "good.docx"
    write_output(parse_markup(GOOD), out)
    return out


def test_our_documents_pass(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(good), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def _letter_document(path: Path) -> Path:
    d = docx.Document()  # python-docx's default: US Letter, 1-inch margins, theme fonts
    d.add_paragraph("一、总体情况")
    d.add_paragraph("三、存在问题")
    d.add_paragraph("今年以来,我们开展检查12次,完成整改8项,时间为2023年01月09日。" * 2)
    d.save(str(path))
    return path


def test_faults_of_a_plain_word_document_are_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _letter_document(tmp_path / "letter.docx")
    assert main(["check", str(path), "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    assert all(set(f) >= {"rule", "severity", "where", "message"} for f in findings)
    rules = {f["rule"] for f in findings}
    assert {"page-size", "margins", "numbering", "punctuation", "date", "page-number"} <= rules
    numbering = next(f for f in findings if f["rule"] == "numbering")
    assert "应为“二”" in numbering["message"] and "三、存在问题" in numbering["where"]


def test_wrong_body_size_is_an_error_of_the_body(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """GB/T 9704 sets the body in 3号: 12 pt is an error (exit 1), reported as the body's size."""
    d = docx.Document()
    s = d.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)
    run = d.add_paragraph().add_run("各级党组织要把作风建设摆在突出位置，坚持以上率下、以身作则，切实担负起主体责任。")
    run.font.size = Pt(12)
    path = tmp_path / "small.docx"
    d.save(str(path))
    assert main(["check", str(path), "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    size = next(f for f in findings if f["category"] == "size")
    assert size["severity"] == "error" and size["paragraph"] == 1
    assert size["expected"].startswith("3号") and "12" in size["actual"] and "正文" in size["message"]
    rules = {f["rule"] for f in findings}
    assert "page-size" not in rules and "margins" not in rules


def test_workbook_figures_must_all_appear(good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wb = tmp_path / "wb.yaml"
    wb.write_text(
        "unit: 党群工作部\nachievements:\n"
        "  - title: 开展专项检查\n    metrics: [{label: 检查, value: 12, unit: 次}]\n"
        "  - title: 完成整改\n    metrics: [{label: 整改, value: 600, unit: 条, qualifier: 余}]\n",
        encoding="utf-8",
    )
    assert main(["check", str(good), "--workbook", str(wb)]) == 1
    out = capsys.readouterr().out
    assert "600余条" in out and "12次" not in out.split("错误")[-1]


def test_missing_or_broken_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "none.docx")]) == 1
    assert "不存在" in capsys.readouterr().err
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    assert main(["check", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "无法作为 Word 文档打开" in err and "Traceback" not in err
