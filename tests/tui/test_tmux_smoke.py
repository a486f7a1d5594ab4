"""The real command in a real terminal: `python -m assistant` in tmux, export with Ctrl+E and Enter.

Uses the packaged templates, phrase bank and sample workbook (not the test data), so it checks
the whole installed path a new user takes. Skipped when tmux is not installed.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

ROOT = Path(__file__).resolve().parents[2]


def _tmux(*args: str) -> str:
    out = subprocess.run(["tmux", *args], capture_output=True, text=True, check=False)
    return out.stdout


def _wait(what: str, check: Callable[[], bool], timeout: float) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def session(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    name = f"wenmi-smoke-{uuid.uuid4().hex[:8]}"
    exit_file = tmp_path / "exit-code"
    env = {"WENMI_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)}
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    command = (
        f"cd {shlex.quote(str(tmp_path))} && env -u WENMI_PATH {exports} "
        f"{shlex.quote(sys.executable)} -m assistant; echo $? > {shlex.quote(str(exit_file))}"
    )
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", name, "-x", "80", "-y", "24", command],
        check=True,
        env={**os.environ, "TERM": os.environ.get("TERM", "xterm-256color")},
    )
    try:
        yield name, exit_file
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True, check=False)


def test_export_with_ctrl_e_enter_then_quit(session: tuple[str, Path], tmp_path: Path) -> None:
    name, exit_file = session

    def screen() -> str:
        return _tmux("capture-pane", "-t", name, "-p")

    _wait("the first screen", lambda: "成效台账" in screen() and "项成效" in screen(), 60)
    _tmux("send-keys", "-t", name, "C-e")
    _wait("the export dialog", lambda: "导出 Word 公文" in screen() and ".docx" in screen(), 60)
    _tmux("send-keys", "-t", name, "Enter")
    _wait("the .docx", lambda: any(tmp_path.glob("*.docx")) and "导出完成" in screen(), 90)
    written = next(tmp_path.glob("*.docx"))
    assert written.read_bytes()[:2] == b"PK"
    _tmux("send-keys", "-t", name, "Enter")
    _wait("the result to close", lambda: "导出完成" not in screen(), 10)
    _tmux("send-keys", "-t", name, "C-q")
    _wait("the app to exit", exit_file.exists, 20)
    assert exit_file.read_text().strip() == "0"
