"""`wenmi check FILE.docx [--workbook W]`: GB/T 9704 and figure checks on a finished document."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.cli.common import add_format_option, print_json

if TYPE_CHECKING:
    from assistant.document.check import TextCheck
    from assistant.ledger.workbook import Workbook


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "check",
        help="检查 Word 文档是否符合公文格式",
        description="检查 .docx 的纸张、页边距、字体字号、标题序号、标点、日期写法和页码；"
        "给出台账时，同时核对每个指标是否写进了文档。发现错误时退出码为 1。",
    )
    p.add_argument("file", metavar="文档", help="要检查的 .docx 文件")
    p.add_argument("--workbook", metavar="台账", help="核对数字用的台账（.yaml/.xlsx/.csv）")
    add_format_option(p)
    p.set_defaults(func=cmd_check)


def cmd_check(args: argparse.Namespace) -> int:
    from assistant.document.check import check_docx

    checks: list[TextCheck] = []
    if args.workbook:
        from assistant.ledger.files import load_workbook

        checks.append(figure_check(load_workbook(Path(args.workbook))))
    findings = check_docx(Path(args.file), checks)
    if args.format == "json":
        print_json([f.as_dict() for f in findings])
    else:
        for f in findings:
            print(f)
        errors = sum(f.severity == "error" for f in findings)
        warnings = len(findings) - errors
        print(f"{args.file}：{errors} 个错误，{warnings} 个警告。" if findings else f"{args.file}：未发现问题。")
    return 1 if any(f.severity == "error" for f in findings) else 0


def figure_check(workbook: Workbook) -> TextCheck:
    """A text check that reports every figure of `workbook` missing from the document (an error)."""
    from assistant.document.check import Finding
    from assistant.ledger.figcheck import missing_figures

    def check(text: str) -> list[Finding]:
        return [
            Finding("figure-missing", "error", where, msg) for where, msg in missing_figures(workbook, text)
        ]

    return check
