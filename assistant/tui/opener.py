"""Open a file, or the folder that holds it, in the desktop's own program.

Windows: `os.startfile` (the folder through Explorer, with the file selected); macOS: `open`
(`open -R` shows the file in Finder); elsewhere `xdg-open`. The program is started and left to
run: nothing here waits for it, and its output never reaches the terminal the TUI draws on.
Plain Python (no textual).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

#: Seconds to wait, in a worker thread, for the opener to say that it failed.
CHECK_SECONDS = 5.0


def open_command(path: Path, *, folder: bool = False, platform: str | None = None) -> list[str] | None:
    """The command that opens `path` (or, with `folder`, shows it in its folder); None on
    Windows, where `os.startfile` does it."""
    platform = platform or sys.platform
    if platform == "win32":
        return ["explorer", f"/select,{path}"] if folder else None
    if platform == "darwin":
        return ["open", "-R", str(path)] if folder else ["open", str(path)]
    return ["xdg-open", str(path.parent if folder else path)]


def launch(path: Path, *, folder: bool = False) -> subprocess.Popen[bytes] | None:
    """Start the program that opens `path`; returns the process (None when Windows opened it).

    Raises OSError when there is no such program or it cannot be started."""
    command = open_command(path, folder=folder)
    if command is None:
        os.startfile(path)  # type: ignore[attr-defined]  # Windows only
        return None
    if shutil.which(command[0]) is None:
        raise FileNotFoundError(2, f"没有找到 {command[0]}", command[0])
    options: dict[str, object] = {}
    if sys.platform != "win32":
        options["start_new_session"] = True  # not killed with the TUI, not reading its keys
    return subprocess.Popen(  # noqa: S603 - a fixed program and a path
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        **options,  # type: ignore[arg-type]
    )


def open_path(path: Path, *, folder: bool = False) -> str | None:
    """Open `path` (or its folder); what went wrong, in Chinese, or None. Waits at most
    `CHECK_SECONDS` for the opener's answer, so call it from a worker thread."""
    what = "文件夹" if folder else "文件"
    if not (path.parent if folder else path).exists():
        return f"{what}已不存在：{path.parent if folder else path}"
    try:
        process = launch(path, folder=folder)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return f"无法打开{what}（{reason}）。请在文件管理器中打开：{path.parent if folder else path}"
    if process is None:
        return None
    try:
        code = process.wait(timeout=CHECK_SECONDS)
    except subprocess.TimeoutExpired:
        return None  # still running: it has the file open
    # explorer /select returns 1 even when it worked
    if code != 0 and not (sys.platform == "win32" and folder):
        return f"系统没有打开{what}的程序（退出码 {code}）。请在文件管理器中打开：{path.parent if folder else path}"
    return None
