"""`wenmi render` and friends: outputs, batches, formats, refusals, and errors without tracebacks."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import docx
import pytest

from assistant import __version__
from assistant.cli import main

NOTICE = "# 关于开展作风建设专项督查的通知\n主送：各党支部\n## 督查内容\n重点督查作风建设任务落实情况。\n落款：党群工作部\n日期：2023-03-01\n"


@pytest.fixture
def notice(tmp_path: Path) -> Path:
    p = tmp_path / "通知.md"
    p.write_text(NOTICE, encoding="utf-8")
    return p


def _texts(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_render_markup_to_docx(notice: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "通知.docx"
    assert main(["render", str(notice), "-o", str(out)]) == 0
    texts = _texts(out)
    assert "一、督查内容" in texts and "2023年3月1日" in texts
    assert "已生成" in capsys.readouterr().out


def test_default_output_sits_beside_the_input(notice: Path) -> None:
    assert main(["render", str(notice)]) == 0
    assert notice.with_suffix(".docx").exists()


@pytest.mark.parametrize(("fmt", "needle"), [("md", "## 督查内容"), ("txt", "一、督查内容")])
def test_other_formats(notice: Path, tmp_path: Path, fmt: str, needle: str) -> None:
    out = tmp_path / f"out.{fmt}"
    assert main(["render", str(notice), "-o", str(out)]) == 0
    assert needle in out.read_text(encoding="utf-8")


def test_format_option_overrides_the_suffix(notice: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    assert main(["render", str(notice), "-o", str(out), "--format", "txt"]) == 0
    assert out.read_text(encoding="utf-8").lstrip().startswith("关于")


def test_never_overwrites_without_force(notice: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "keep.docx"
    out.write_bytes(b"my work")
    assert main(["render", str(notice), "-o", str(out)]) == 1
    assert out.read_bytes() == b"my work"
    err = capsys.readouterr().err
    assert "已存在" in err and "--force" in err
    assert main(["render", str(notice), "-o", str(out), "--force"]) == 0
    assert "一、督查内容" in _texts(out)


def test_batch_renders_every_input_into_a_folder(tmp_path: Path) -> None:
    inputs = []
    for name in ("一支部", "二支部", "三支部"):
        p = tmp_path / f"{name}.md"
        p.write_text(f"# {name}工作总结\n正文。\n", encoding="utf-8")
        inputs.append(str(p))
    out = tmp_path / "输出"
    assert main(["render", *inputs, "-o", f"{out}/"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["一支部.docx", "三支部.docx", "二支部.docx"]
    assert _texts(out / "二支部.docx")[0] == "二支部工作总结"


def test_batch_reports_bad_inputs_and_renders_the_rest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "好.md"
    good.write_text("# 标题\n正文。\n", encoding="utf-8")
    bad = tmp_path / "坏.md"
    bad.write_text("# 标题\n| a | b |\n| - | - |\n| 1 |\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["render", str(good), str(bad), "-o", f"{out}/"]) == 1
    assert (out / "好.docx").exists() and not (out / "坏.docx").exists()
    err = capsys.readouterr().err
    assert "坏.md" in err and "第4行" in err


def _batch(tmp_path: Path, names: tuple[str, ...] = ("一支部", "二支部", "三支部")) -> list[str]:
    inputs = []
    for name in names:
        p = tmp_path / f"{name}.md"
        p.write_text(f"# {name}工作总结\n正文。\n", encoding="utf-8")
        inputs.append(str(p))
    return inputs


def test_batch_renders_the_next_file_while_the_last_is_written_and_reports_it_once_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The disk syncs one file while the next is rendered; 已生成 comes only once the file is
    synced and in place, in the order of the inputs."""
    import threading

    import assistant.cli.render as cli_render
    import assistant.render as render
    from assistant import atomic

    events: list[tuple[str, str]] = []
    second_rendering = threading.Event()
    real_bytes, real_write, real_report = render.document_bytes, atomic.write_bytes_atomic, cli_render._report

    def document_bytes(doc: Any, *args: Any) -> bytes:
        if doc.title.startswith("二支部"):
            second_rendering.set()
        return real_bytes(doc, *args)

    def write_bytes_atomic(path: Path, data: bytes, *, replace: bool = True) -> None:
        if path.stem == "一支部":  # a slow disk: the first file is still being written...
            events.append(("overlapped", str(second_rendering.wait(timeout=10))))
        real_write(path, data, replace=replace)
        events.append(("written", path.stem))

    def report(dst: Path, warnings: list[Any]) -> None:
        assert dst.read_bytes()[:2] == b"PK"
        events.append(("reported", dst.stem))
        real_report(dst, warnings)

    monkeypatch.setattr(render, "document_bytes", document_bytes)
    monkeypatch.setattr(atomic, "write_bytes_atomic", write_bytes_atomic)
    monkeypatch.setattr(cli_render, "_report", report)
    out = tmp_path / "输出"
    assert main(["render", *_batch(tmp_path), "-o", f"{out}/"]) == 0
    assert ("overlapped", "True") in events  # ...while the second was rendered
    reported = [name for kind, name in events if kind == "reported"]
    assert reported == ["一支部", "二支部", "三支部"]
    assert all(events.index(("written", n)) < events.index(("reported", n)) for n in reported)
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("/")[-1] for line in lines[:3]] == ["一支部.docx", "二支部.docx", "三支部.docx"]


def test_a_file_the_batch_cannot_write_is_reported_and_the_rest_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import errno

    from assistant import atomic

    real_write = atomic.write_bytes_atomic

    def write_bytes_atomic(path: Path, data: bytes, *, replace: bool = True) -> None:
        if path.stem == "二支部":
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(path, data, replace=replace)

    monkeypatch.setattr(atomic, "write_bytes_atomic", write_bytes_atomic)
    out = tmp_path / "输出"
    assert main(["render", *_batch(tmp_path), "-o", f"{out}/"]) == 1
    assert sorted(p.name for p in out.iterdir()) == ["一支部.docx", "三支部.docx"]
    captured = capsys.readouterr()
    assert "二支部.docx" in captured.err and "磁盘空间不足" in captured.err and "Traceback" not in captured.err
    assert "已生成" in captured.out and "二支部" not in captured.out
    assert "成功 2 个，失败 1 个" in captured.out


@pytest.mark.parametrize(
    ("content", "args", "needle"),
    [
        (None, [], "不存在"),
        ("| a | b |\n| - | - |\n| 1 |\n", [], "第3行"),
        ("#\n", [], "标题为空"),
        ("# 题\n", ["--set", "主题"], "格式不对"),
        ("# 题\n", ["--template", "zz-x"], "只用于台账"),
    ],
)
def test_bad_input_is_one_chinese_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, args: list[str], needle: str
) -> None:
    src = tmp_path / "in.md"
    if content is not None:
        src.write_text(content, encoding="utf-8")
    out = tmp_path / "out.docx"
    assert main(["render", str(src), "-o", str(out), *args]) == 1
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err
    assert not out.exists()


def test_unwritable_output_folder(notice: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(notice), "-o", str(tmp_path / "没有这个文件夹" / "x.docx")]) == 1
    assert "输出文件夹不存在" in capsys.readouterr().err


def test_gbk_input_gets_a_clear_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "gbk.md"
    src.write_bytes("# 标题\n正文。\n".encode("gbk"))
    assert main(["render", str(src), "-o", str(tmp_path / "o.docx")]) == 1
    assert "UTF-8" in capsys.readouterr().err


def test_version_and_chinese_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert __version__ in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["render", "--help"])
    help_text = capsys.readouterr().out
    assert help_text.startswith("用法：") and "用法：用法" not in help_text
    assert "输出格式" in help_text and "批量" in help_text


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["render"])
    assert info.value.code == 2
    assert "缺少必需的参数" in capsys.readouterr().err


def test_python_dash_m_runs_the_same_command(notice: Path, tmp_path: Path) -> None:
    out = tmp_path / "m.docx"
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "render", str(notice), "-o", str(out)],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert out.exists()


def test_render_module_does_not_import_heavy_libraries_at_start() -> None:
    """Start-up stays light: importing the CLI does not load docx, jinja2, jieba or textual."""
    code = (
        "import sys, assistant.cli, assistant.cli.render, assistant.render, assistant.document.markup;"
        "print(sorted(m for m in ('docx','jinja2','jieba','textual','openpyxl') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60).stdout
    assert out.strip() == "[]"


def test_written_docx_opens_from_bytes(notice: Path, tmp_path: Path) -> None:
    out = tmp_path / "b.docx"
    assert main(["render", str(notice), "-o", str(out)]) == 0
    assert docx.Document(io.BytesIO(out.read_bytes())).paragraphs[0].text == "关于开展作风建设专项督查的通知"
