"""The real command in a real terminal, keyboard only, at 80×24 and 120×36: `python -m assistant` on
the bundled sample in tmux. Add an achievement with two metrics, undo and redo it, move it to another
section, pick a heading and undo that, export, save into a new folder, quit; reopen and find
everything as left (the achievement, and the section it was moved to).

Uses the packaged templates and phrase bank (the path a new user takes). Skipped without tmux.
"""

from __future__ import annotations

import os
import re
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
TITLE = "开展青年理论学习"


class Terminal:
    """One tmux session running wenmi; keys in, screen text out."""

    def __init__(self, name: str, folder: Path, size: tuple[int, int]) -> None:
        self.name = name
        self.folder = folder
        self.size = size
        self.exit_file = folder / f"exit-{name}"

    def start(self, *args: str) -> None:
        env = {"WENMI_HOME": str(self.folder / "home"), "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8"}
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        argv = " ".join(shlex.quote(a) for a in args)
        command = (
            f"cd {shlex.quote(str(self.folder))} && env -u WENMI_PATH {exports} "
            f"{shlex.quote(sys.executable)} -m assistant {argv}; echo $? > {shlex.quote(str(self.exit_file))}"
        )
        width, height = self.size
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), command],
            check=True,
            env={**os.environ, "TERM": os.environ.get("TERM", "xterm-256color")},
        )

    def screen(self) -> str:
        out = subprocess.run(["tmux", "capture-pane", "-t", self.name, "-p"], capture_output=True, text=True)
        return out.stdout

    def keys(self, *keys: str) -> None:
        for key in keys:
            subprocess.run(["tmux", "send-keys", "-t", self.name, key], check=True)
            time.sleep(0.15)

    def type(self, text: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, "-l", text], check=True)
        time.sleep(0.2)

    def tab_type(self, text: str) -> None:
        """Tab and the text in one write, as a fast typist or a paste sends them: the text must
        land in the next field, not in the one being left."""
        subprocess.run(["tmux", "send-keys", "-t", self.name, "Tab", *text], check=True)
        time.sleep(0.2)

    def wait(self, what: str, check: Callable[[str], bool], timeout: float = 60) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            text = self.screen()
            if check(text):
                return text
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}; the screen shows:\n{self.screen()}")

    def tree_to(self, title: str, limit: int = 40) -> int:
        """With the sections focused, press ↓ until the line under the fields says the cursor is on
        `title`; the section it is in."""
        for _ in range(limit):
            found = re.search(rf"第(\d+)部分 · {re.escape(title)}：", self.screen())
            if found:
                return int(found.group(1))
            self.keys("Down")
        raise AssertionError(f"{title} not reached in the sections; the screen shows:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True, check=False)


@pytest.fixture(params=[(80, 24), (120, 36)], ids=["80x24", "120x36"])
def terminal(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Terminal]:
    term = Terminal(f"wenmi-e2e-{uuid.uuid4().hex[:8]}", tmp_path, request.param)
    try:
        yield term
    finally:
        term.close()


def test_keyboard_only_session(terminal: Terminal, tmp_path: Path) -> None:
    t = terminal
    t.start()
    first = t.wait("the sample", lambda s: "共 14 项成效" in s)
    for column in ("日期", "责任单位"):  # also at 80 columns
        assert column in first

    # a new achievement with two metrics, by keyboard
    t.keys("C-n")
    t.wait("the form", lambda s: "新增成效事项" in s)
    t.type(TITLE)
    t.keys(*["Tab"] * 5)  # 类别 日期 责任单位 标签 章节
    t.tab_type("参学")  # the first metric's name
    t.tab_type("45")
    t.tab_type("人次")
    t.keys("Tab", "Tab", "Tab", "Enter")  # 修饰, ✕, ＋ 添加指标
    t.wait("a second metric row", lambda s: s.count("✕") == 2)
    t.type("活动")
    t.tab_type("12")
    t.tab_type("场")
    t.keys("C-s")
    added = t.wait("the new row", lambda s: "共 15 项成效" in s and "新增成效事项" not in s)
    assert "45人次，12场" in added or "45人次" in added

    # undo and redo it
    t.keys("C-z")
    t.wait("the undo", lambda s: "共 14 项成效" in s and "已撤销" in s)
    t.keys("C-y")
    t.wait("the redo", lambda s: "共 15 项成效" in s and "已重做" in s)

    # move it to another section: to the sections (Shift+Tab twice), ↓ to it, M, a section, Enter
    t.keys("F4")
    t.wait("the compose page", lambda s: "分节与成效" in s and "提高站位" in s, timeout=90)
    t.keys("BTab", "BTab")
    section = t.tree_to(TITLE)
    t.keys("m")
    picker = t.wait("the section picker", lambda s: "移到哪一部分" in s and "（当前）" in s)
    count = max(int(n) for n in re.findall(r"(\d+)\. \S", picker.split("移到哪一部分", 1)[1]))
    target = section + 1 if section < count else section - 1
    t.keys("Down" if target > section else "Up", "Enter")
    t.wait("the move", lambda s: f"移到第{target}部分" in s and f"第{target}部分 · {TITLE}" in s)
    t.keys("Home")  # the first section: the heading is picked for it

    # pick a heading on the compose page, then take it back (the move stays)
    t.keys("C-t")
    t.wait("the phrase picker", lambda s: "第1部分标题" in s)
    t.type("szcx")
    t.wait("守正创新 found", lambda s: "守正创新" in s)
    t.keys("Enter")
    t.wait("the new heading", lambda s: "守正创新" in s and "第1部分标题" not in s)
    t.keys("C-z")
    t.wait("the heading taken back", lambda s: "1. 提高站位" in s and "已撤销" in s)

    # export with Ctrl+E, Enter; the result offers to open it
    t.keys("C-e")
    t.wait("the export dialog", lambda s: "导出 Word 公文" in s and ".docx" in s)
    t.keys("Enter")
    t.wait(
        "the result, with 打开文件 and 打开所在文件夹",
        lambda s: "导出完成" in s and "打开所在文件夹" in s,
        timeout=90,
    )
    written = list(tmp_path.glob("*.docx"))
    assert len(written) == 1 and written[0].read_bytes()[:2] == b"PK"
    t.keys("Enter")
    t.wait("the result to close", lambda s: "导出完成" not in s)

    # save the sample into a folder that does not exist yet, then quit
    t.keys("C-s")
    t.wait("the save dialog", lambda s: "保存台账" in s)
    t.type(str(tmp_path / "新文件夹" / "台账.yaml"))
    t.keys("Enter")
    t.wait("the save", lambda s: "已保存" in s and "未保存" not in s)
    t.keys("C-q")
    t.wait("the app to exit", lambda s: t.exit_file.exists(), timeout=20)
    assert t.exit_file.read_text().strip() == "0"
    saved = tmp_path / "新文件夹" / "台账.yaml"
    text = saved.read_text(encoding="utf-8")
    assert TITLE in text
    item = text[text.index(TITLE) :].split("- title:", 1)[0]
    assert re.search(rf"section: ['\"]?{target}['\"]?\s", item), item  # the move is in the workbook

    # reopen: everything as left
    t.close()
    t.exit_file.unlink()
    t.start(str(saved))
    again = t.wait("the saved workbook", lambda s: "共 15 项成效" in s)
    assert "台账.yaml" in again and "已保存" in again
    assert "恢复" not in again  # nothing unsaved was left behind
    t.keys("F4")
    t.wait("the compose page", lambda s: "分节与成效" in s, timeout=90)
    t.keys("BTab", "BTab")
    assert t.tree_to(TITLE) == target  # still in the section it was moved to
    t.keys("C-q")
    t.wait("the app to exit", lambda s: t.exit_file.exists(), timeout=20)
