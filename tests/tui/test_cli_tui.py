"""`wenmi` / `wenmi WORKBOOK`: argument checks before the app starts; a broken workbook."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from assistant.cli import main
from assistant.tui.app import WenmiApp
from assistant.tui.dialogs.message import MessageDialog
from tests.tui.conftest import wait_for


class TestArguments:
    """Mistakes on the command line are reported in Chinese without starting the app."""

    def test_missing_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        assert main([str(tmp_path / "没有.yaml")]) == 1
        err = capsys.readouterr().err
        assert "找不到台账文件" in err and "没有.yaml" in err

    def test_folder(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        from assistant.cli.tui import run_tui

        assert run_tui([str(tmp_path)]) == 1
        assert "文件夹" in capsys.readouterr().err

    def test_two_workbooks(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        from assistant.cli.tui import run_tui

        a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
        a.write_text("unit: 甲\n", encoding="utf-8")
        b.write_text("unit: 乙\n", encoding="utf-8")
        assert run_tui([str(a), str(b)]) == 2
        assert "一次只能打开一个台账" in capsys.readouterr().err


class TestBrokenWorkbook:
    """A workbook with errors is explained (file, line, field) and left untouched; exit code 1."""

    async def test_errors_are_listed_then_exit(self, tmp_path: Path) -> None:
        path = tmp_path / "坏台账.yaml"
        text = "unit: 党群工作部\nachievements:\n  - title: 开展调查\n    category: 作风\n"
        path.write_text(text, encoding="utf-8")
        app = WenmiApp(path)
        async with app.run_test(size=(120, 36)) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, MessageDialog))
            body = " ".join(str(s.content) for s in app.screen.query(Static).results(Static))
            assert "坏台账.yaml" in body and "第4行" in body and "作风建设" in body
            await pilot.press("enter")
            await pilot.pause()
        assert app.return_code == 1
        assert path.read_text(encoding="utf-8") == text


class TestPipes:
    """The commands behave in a pipe: `| head` ends quietly; `templates show` stays readable."""

    def test_closed_pipe_ends_without_a_traceback(self) -> None:
        import subprocess
        import sys

        code = "import sys; from assistant.cli import main; sys.exit(main())"
        proc = subprocess.Popen(
            [sys.executable, "-c", code, "templates", "list"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()  # the reader is gone before anything is written, as `head` is soon
        err = proc.stderr.read().decode("utf-8", "replace")
        proc.wait(timeout=60)
        assert "Traceback" not in err and "BrokenPipe" not in err, err

    def test_show_keeps_table_defaults_short(self, user_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["templates", "show", "zf-tui-peidang"]) == 0
        out = capsys.readouterr().out
        line = next(x for x in out.splitlines() if x.strip().startswith("配档表"))
        assert "表格" in line and "行：" in line
        assert len(line) < 120
