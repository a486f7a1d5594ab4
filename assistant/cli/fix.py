"""`wenmi fix IN.docx -o OUT.docx [--dry-run] [--force]`: repair a Word document to GB/T 9704."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from assistant.cli.common import add_format_option, print_json
from assistant.errors import WenmiError


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "fix",
        help="把 Word 文档改成符合公文格式",
        description="读入任意 .docx，识别标题、主送、各级标题、正文、附件说明、落款和日期，"
        "按 GB/T 9704-2012 修正页面设置、字体字号、缩进、行距、对齐、标题序号、标点、数字日期和页码，"
        "不改动文字内容（修正的标点、数字和日期除外）。列出改了什么，再检查一遍，"
        "列出仍需人工处理的问题（结构、标题对仗、数字核对等）。修正后仍有错误时退出码为 1。",
    )
    p.add_argument("file", metavar="文档", help="要修正的 .docx 文件")
    p.add_argument("-o", "--output", metavar="输出", help="修正后的 .docx（不会覆盖已有文件，除非加 --force）")
    p.add_argument("--dry-run", action="store_true", help="只列出要做的修改，不写文件")
    p.add_argument("--force", action="store_true", help="输出文件已存在时覆盖")
    add_format_option(p)
    p.set_defaults(func=cmd_fix)


def cmd_fix(args: argparse.Namespace) -> int:
    from assistant.atomic import write_bytes_atomic
    from assistant.cli.check import format_findings
    from assistant.document.fix import fix_docx

    src = Path(args.file)
    out = Path(args.output) if args.output else None
    if out is None and not args.dry_run:
        raise WenmiError("没有指定输出文件", hint="用 -o 修正后.docx 指定输出；只想看要改什么，加 --dry-run")
    if out is not None and not args.dry_run:
        if out.suffix.lower() != ".docx":
            raise WenmiError("输出文件应以 .docx 结尾", file=str(out), hint="例如 -o 修正后.docx")
        if out.exists() and not args.force:
            same = src.exists() and out.resolve() == src.resolve()
            raise WenmiError(
                "输出文件已存在" + ("，且就是输入文件" if same else ""),
                file=str(out),
                hint="换一个文件名，或加 --force 覆盖",
            )
        if not out.parent.exists():
            raise WenmiError("输出文件夹不存在", file=str(out.parent), hint="先建好文件夹，或换一个输出路径")
    fixed = fix_docx(src)
    changes, data, left = fixed.changes, fixed.data, fixed.left
    if not args.dry_run and out is not None:
        try:
            write_bytes_atomic(out, data)
        except OSError as exc:
            raise WenmiError(f"无法写入：{exc.strerror or exc}", file=str(out), hint="检查文件夹权限和磁盘空间") from exc
    if args.format == "json":
        print_json({
            "file": str(src), "output": None if args.dry_run or out is None else str(out), "dry_run": bool(args.dry_run),
            "changes": [c.as_dict() for c in changes], "left": [f.as_dict() for f in left],
        })  # fmt: skip
    else:
        target = "将要做的修改" if args.dry_run else "已做的修改"
        if changes:
            print(f"{target}（{len(changes)} 项）：")
            for c in changes:
                print(f"  · {c}")
        else:
            print("格式无需修改。")
        if left:
            print("仍需人工处理：")
            print(format_findings(left, str(out if out is not None and not args.dry_run else src)))
        elif not args.dry_run and out is not None:
            print(f"{out}：已写出，检查未发现问题。")
        if args.dry_run:
            print("（--dry-run：未写文件）")
    return 1 if any(f.severity == "error" for f in left) else 0
