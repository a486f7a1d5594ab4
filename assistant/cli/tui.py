"""`wenmi` and `wenmi WORKBOOK`: open the terminal interface.

Kept tiny: only a path check happens before the app starts; the app itself paints first and
loads the workbook, templates and phrase bank in the background.
"""

from __future__ import annotations

import sys
from pathlib import Path


def run_tui(argv: list[str]) -> int:
    """Run the TUI on the workbook named in `argv` (none: the bundled sample). Returns the exit code."""
    args = list(argv)
    if len(args) > 1:
        print(
            f"wenmi：用法错误：界面一次只能打开一个台账，收到 {len(args)} 个参数"
            "（批量生成请用 wenmi render 台账… -o 文件夹/）",
            file=sys.stderr,
        )
        return 2
    path = Path(args[0]).expanduser() if args else None
    if path is not None and not path.exists():
        print(
            f"wenmi：找不到台账文件：{path}（检查路径；不带参数运行 wenmi 可先打开示例台账）",
            file=sys.stderr,
        )
        return 1
    if path is not None and path.is_dir():
        print(f"wenmi：{path} 是一个文件夹，请给出台账文件（.yaml、.xlsx 或 .csv）", file=sys.stderr)
        return 1

    from assistant.tui.app import WenmiApp

    app = WenmiApp(path)
    app.run()
    return app.return_code or 0


def run_check_tui(path: Path) -> int:
    """`wenmi check --tui FILE`: FILE's findings in the terminal interface, 修正 and save there.
    Exit code as `wenmi check`: 1 when the document shown last has errors."""
    path = path.expanduser()
    if not path.is_file():
        what = "是一个文件夹，请给出 .docx 文件" if path.is_dir() else "：找不到文件（检查文件名和路径）"
        print(f"wenmi：{path}{what}", file=sys.stderr)
        return 1

    from assistant.tui.check_app import CheckApp

    app = CheckApp(path)
    app.run()
    return app.return_code or 0
