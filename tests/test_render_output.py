"""`wenmi render -o`: the extension decides the format (.pdf through LibreOffice), an unknown one is
refused, none gets .docx added, and `-o -` writes text to standard output (Word and PDF never)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from assistant.cli import main
from assistant.document import pdf

ROOT = Path(__file__).resolve().parents[1]
NOTICE = "# 关于开展作风建设专项督查的通知\n主送：各党支部\n## 督查内容\n重点督查作风建设任务落实情况。\n落款：党群工作部\n日期：2023-03-01\n"


@pytest.fixture
def notice(tmp_path: Path) -> Path:
    p = tmp_path / "通知.md"
    p.write_text(NOTICE, encoding="utf-8")
    return p


@pytest.mark.parametrize("name", ["通知.doc", "通知.wps", "通知.html"])
def test_unknown_extension_is_refused(
    notice: Path, tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", str(notice), "-o", str(tmp_path / name)]) == 1
    err = capsys.readouterr().err
    assert "不支持的输出格式" in err and ".docx" in err and ".pdf" in err
    assert not (tmp_path / name).exists()


def test_no_extension_gets_docx(notice: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(notice), "-o", str(tmp_path / "督查通知")]) == 0
    out = tmp_path / "督查通知.docx"
    assert "一、督查内容" in [p.text for p in docx.Document(str(out)).paragraphs]
    assert not (tmp_path / "督查通知").exists()
    assert "督查通知.docx" in capsys.readouterr().out


def test_text_to_stdout(notice: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(notice), "--format", "txt", "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert "关于开展作风建设专项督查的通知" in out and "已生成" not in out
    assert not (tmp_path / "-").exists() and not Path("-").exists()


def test_word_to_a_terminal_is_refused(
    notice: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["render", str(notice), "-o", "-"]) == 1
    captured = capsys.readouterr()
    assert "不能输出到标准输出" in captured.err and "-o 通知.docx" in captured.err
    assert captured.out == ""
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize(("fmt", "named"), [("docx", "-o 通知.docx"), ("pdf", "-o 通知.pdf")])
def test_word_and_pdf_into_a_pipe_are_refused(notice: Path, tmp_path: Path, fmt: str, named: str) -> None:
    """Into a pipe too: the message names the file to write instead, and nothing is written."""
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "render", str(notice), "--format", fmt, "-o", "-"],
        capture_output=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout == b""
    err = done.stderr.decode("utf-8")
    assert "不能输出到标准输出" in err and named in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["通知.md"]


def test_markdown_into_a_pipe(notice: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "render", str(notice), "--format", "md", "-o", "-"],
        capture_output=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert "关于开展作风建设专项督查的通知" in done.stdout.decode("utf-8")
    assert not (tmp_path / "-").exists()


def test_pdf_without_libreoffice_says_what_to_install(
    notice: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(pdf, "office_program", lambda: None)
    out = tmp_path / "通知.pdf"
    assert main(["render", str(notice), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "LibreOffice" in err and "安装" in err
    assert not out.exists()


@pytest.mark.office
def test_pdf_through_libreoffice(notice: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if pdf.office_program() is None:
        pytest.skip("LibreOffice is not installed")
    out = tmp_path / "通知.pdf"
    assert main(["render", str(notice), "-o", str(out)]) == 0
    assert out.read_bytes()[:5] == b"%PDF-"
    assert "已生成" in capsys.readouterr().out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["通知.md", "通知.pdf"]  # no .docx left over
    import pdfplumber

    with pdfplumber.open(out) as document:
        text = "".join(page.extract_text() or "" for page in document.pages)
    assert "督查内容" in text
