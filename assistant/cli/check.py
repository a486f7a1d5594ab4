"""`wenmi check FILE.docx [--workbook W]`: GB/T 9704 and figure checks on a finished document."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.cli.common import add_format_option, print_json

if TYPE_CHECKING:
    from assistant.document.check import Finding, TextCheck
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
    p.add_argument("--tui", action="store_true", help="在终端界面中按页查看问题，可一键修正后另存")
    add_format_option(p)
    p.set_defaults(func=cmd_check)


def cmd_check(args: argparse.Namespace) -> int:
    from assistant.document.check import check_docx

    if args.tui:
        if args.workbook or args.format != "text":
            import sys

            print("wenmi：用法错误：--tui 不能与 --workbook 或 --format 同用", file=sys.stderr)
            return 2
        from assistant.cli.tui import run_check_tui

        return run_check_tui(Path(args.file))
    checks: list[TextCheck] = []
    if args.workbook:
        from assistant.ledger.files import load_workbook

        checks.append(figure_check(load_workbook(Path(args.workbook))))
    findings = check_docx(Path(args.file), checks)
    if args.format == "json":
        print_json([f.as_dict() for f in findings])
    else:
        print(format_findings(findings, args.file))
    return 1 if any(f.severity == "error" for f in findings) else 0


def format_findings(findings: list[Finding], name: str) -> str:
    """Findings as an examiner's notes: those of the whole document first, then page by page,
    each with its paragraph, a quote, and what it should be."""
    from assistant.document.check import CATEGORY_NAMES

    if not findings:
        return f"{name}：未发现问题。"
    lines: list[str] = []
    by_page: dict[int, list[Finding]] = {}
    for f in findings:
        by_page.setdefault(f.page or 0, []).append(f)
    for page in sorted(by_page):
        lines.append("全文" if page == 0 else f"第{page}页（估计）")
        for f in sorted(by_page[page], key=lambda x: (x.paragraph or 0, x.severity != "error")):
            label = "错误" if f.severity == "error" else "警告"
            cat = CATEGORY_NAMES.get(f.category, "")
            lines.append(f"  {label}【{cat}】{f.where}：{f.message}" if cat else f"  {label}：{f.where}：{f.message}")
    errors = sum(f.severity == "error" for f in findings)
    lines.append(f"{name}：{errors} 个错误，{len(findings) - errors} 个警告。")
    return "\n".join(lines)


def figure_check(workbook: Workbook) -> TextCheck:
    """A text check that reports every figure of `workbook` missing from the document (an error)."""
    from assistant.document.check import Finding, Where
    from assistant.ledger.figcheck import missing_figures

    def check(text: str) -> list[Finding]:
        return [
            Finding("figure-missing", "error", Where(part=where), msg, category="figures")
            for where, msg in missing_figures(workbook, text)
        ]

    return check
