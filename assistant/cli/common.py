"""Shared pieces for subcommands: a Chinese argparse, output helpers."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sys
from typing import Any, NoReturn

_TRANSLATIONS = [
    (r"the following arguments are required: (.*)", r"缺少必需的参数：\1"),
    (r"unrecognized arguments: (.*)", r"无法识别的参数：\1"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", r"参数 \1：无效的选项 \2（可选：\3）"),
    (r"argument (\S+): expected one argument", r"参数 \1 需要一个值"),
    (r"argument (\S+): invalid (\w+) value: (.*)", r"参数 \1：\3 不是有效的数值"),
    (r"argument (\S+): expected at least one argument", r"参数 \1 至少需要一个值"),
    (r"argument (\S+): not allowed with argument (\S+)", r"参数 \1 不能与 \2 同时使用"),
    (r"ambiguous option: (.*)", r"选项有歧义：\1"),
]


def translate_argparse(message: str) -> str:
    for pattern, repl in _TRANSLATIONS:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, repl, message)
    return message


class ChineseHelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        # argparse passes its own prefix for nested usage lines; only replace the default one.
        super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)


class ChineseParser(argparse.ArgumentParser):
    """argparse with Chinese section titles, help text and error messages (exit 2)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出")
        self.set_defaults(_parser=self)

    def format_help(self) -> str:
        """argparse's help with full-width colons after section titles and without the
        subcommand metavar repeated as the first line of its own section."""
        lines = super().format_help().split("\n")
        out: list[str] = []
        for i, line in enumerate(lines):
            if line and not line[0].isspace() and line.endswith(":") and not line.startswith("用法"):
                line = line[:-1] + "："
            if i > 0 and out and out[-1] == "子命令：" and line.strip() == "子命令":
                continue
            out.append(line)
        return "\n".join(out)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：用法错误：{translate_argparse(message)}\n（用 {self.prog} --help 查看帮助）\n")


def configure_stdio() -> None:
    """Make stdout/stderr UTF-8 so Chinese prints on Windows consoles and pipes, and end quietly
    when the reader of a pipe goes away (`wenmi templates list | head`)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(encoding="utf-8", errors="replace")
    if not getattr(sys.excepthook, "quiet_broken_pipe", False):
        sys.excepthook = _quiet_on_broken_pipe(sys.excepthook)


def _quiet_on_broken_pipe(previous: Any) -> Any:
    """An excepthook that ends without a traceback when stdout's reader has closed the pipe,
    for every command at once (the usual Unix behaviour; `head` has all it wanted)."""

    def hook(kind: type[BaseException], value: BaseException, tb: Any) -> None:
        if issubclass(kind, BrokenPipeError):
            # Python flushes stdout again on the way out: point it at devnull so that flush
            # does not complain either.
            with contextlib.suppress(OSError, ValueError, AttributeError):
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
            return
        previous(kind, value, tb)

    hook.quiet_broken_pipe = True  # type: ignore[attr-defined]
    return hook


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def add_format_option(parser: argparse.ArgumentParser, choices: tuple[str, ...] = ("text", "json")) -> None:
    parser.add_argument("--format", choices=choices, default=choices[0], help=f"输出格式：{'、'.join(choices)}")
