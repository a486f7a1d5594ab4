"""The `wenmi` command: a thin shell over the engine.

Each subcommand lives in its own module here and exposes `register(subparsers)`, which adds
its parser and sets `func` to a handler `(args) -> int`. Handlers raise `WenmiError` for user
errors; `main` prints them in Chinese and exits 1. Bad usage exits 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from assistant import __version__
from assistant.cli.common import ChineseParser, configure_stdio
from assistant.errors import WenmiError

#: Subcommand modules, in the order `--help` lists them. A missing module is skipped.
SUBCOMMANDS = ("render", "templates", "phrases", "importer", "suggest", "check", "fix", "fonts")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser; with `only`, just that subcommand is imported (faster start-up)."""
    parser = ChineseParser(
        prog="wenmi",
        description="文秘：把成效台账写成符合 GB/T 9704-2012 的公文。"
        "不带参数运行打开界面（载入示例台账）；“wenmi 台账文件”打开指定台账。",
    )
    parser.add_argument("--version", action="version", version=f"wenmi {__version__}", help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", title="子命令", metavar="子命令", parser_class=ChineseParser)
    for name in SUBCOMMANDS:
        if only is not None and name != only:
            continue
        try:
            mod = importlib.import_module(f"assistant.cli.{name}")
        except ModuleNotFoundError as exc:  # a subcommand not built yet
            if exc.name != f"assistant.cli.{name}":
                raise
            continue
        mod.register(sub)
    return parser


def _open_tui(argv: Sequence[str]) -> int:
    from assistant.cli.tui import run_tui  # type: ignore[import-untyped,unused-ignore]

    return int(run_tui(list(argv)))


def main(argv: Sequence[str] | None = None) -> int:
    configure_stdio()
    args_list = list(sys.argv[1:] if argv is None else argv)
    first = args_list[0] if args_list else None
    known = set(SUBCOMMANDS) | {"templates", "phrases", "import"}
    if first is None or (not first.startswith("-") and first not in known):
        # `wenmi` or `wenmi WORKBOOK`: the TUI.
        try:
            return _open_tui(args_list)
        except WenmiError as err:
            print(f"wenmi：{err}", file=sys.stderr)
            return 1
    # `wenmi render …` needs only the render module; `wenmi --help` gets the whole parser.
    module = "importer" if first == "import" else first
    only = module if module in SUBCOMMANDS else None
    parser = build_parser(only)
    args = parser.parse_args(args_list)
    func = getattr(args, "func", None)
    if func is None:
        sub_parser = getattr(args, "_parser", parser)
        sub_parser.print_help()
        return 2
    try:
        return int(func(args))
    except WenmiError as err:
        print(f"wenmi：{err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("wenmi：已中断。", file=sys.stderr)
        return 130
