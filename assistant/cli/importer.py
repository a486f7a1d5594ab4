"""`wenmi import FILE -o WORKBOOK.yaml`: convert an Excel/CSV 台账 or last year's .docx to YAML."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.ledger.workbook import Workbook

import argparse
import sys
from pathlib import Path
from typing import Any

from assistant.errors import WenmiError


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "import",
        help="把 Excel/CSV 台账或去年的 Word 文档转换为台账 YAML",
        description="把 Excel（.xlsx）、CSV 台账转换为台账 YAML；也可以从去年的 Word 文档（.docx）"
        "提取标题和带数字的句子，生成待核对的台账草稿。不会询问任何问题；目标文件已存在时需加 --force。",
    )
    p.add_argument("file", metavar="文件", help="要导入的 .xlsx、.csv 或 .docx 文件")
    p.add_argument("-o", "--output", metavar="台账", help="输出的台账 YAML（默认与输入同名，扩展名 .yaml）")
    p.add_argument("--force", action="store_true", help="目标文件已存在时覆盖")
    p.add_argument("--sheet", metavar="工作表", help="Excel 中要导入的工作表（默认第一个有表头的）")
    p.add_argument("--unit", metavar="单位", help="单位名称（文件中没有写明时使用）")
    p.add_argument("--period", metavar="时期", help="时期，如 2022年")
    p.set_defaults(func=run)


def mark_inferred(wb: Workbook) -> int:
    """Write inferred categories into the file, each with a comment asking to check it."""
    count = 0
    for a in wb.achievements:
        if a.category_inferred:
            a.category_inferred = False
            from assistant.ledger.workbook import Layout

            a.layout = a.layout or Layout()
            a.layout.trailing[("category",)] = "  # 按内容推断，请核对"
            count += 1
    return count


def run(args: argparse.Namespace) -> int:
    from assistant.ledger.files import import_file, save_workbook

    source = Path(args.file)
    target = Path(args.output) if args.output else source.with_suffix(".yaml")
    if target.suffix.lower() not in (".yaml", ".yml"):
        raise WenmiError("输出文件的扩展名应为 .yaml", file=target, hint="如 -o 台账.yaml")
    if target.resolve() == source.resolve():
        raise WenmiError("输出文件不能与输入文件相同", file=target)
    if target.exists() and not args.force:
        raise WenmiError("目标文件已存在，未覆盖", file=target, hint="换一个文件名，或加 --force 覆盖")
    wb = import_file(source, sheet=args.sheet, unit=args.unit, period=args.period)
    inferred = mark_inferred(wb)
    header = [
        f"成效台账：由 wenmi 从“{source.name}”导入。",
        "请核对单位（unit）、时期（period）、各项成效的类别和数据后再使用。",
        "",
    ]
    save_workbook(wb, target, header=header)
    for w in wb.warnings:
        print(f"wenmi：提示：{w}" if w.severity == "info" else f"wenmi：警告：{w}", file=sys.stderr)
    note = f"（其中{inferred}项的类别是按内容推断的，已在文件中注明，请核对）" if inferred else ""
    print(f"已导入{len(wb.achievements)}项成效、{wb.metric_count()}个数据{note}，写入 {target}")
    return 0
