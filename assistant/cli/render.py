"""`wenmi render`: 公文 markup or a workbook to .docx / .md / .txt, one file or a batch."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from assistant.errors import Diagnostic, WenmiError
from assistant.render import FORMATS, MARKUP_SUFFIXES, WORKBOOK_SUFFIXES


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "render",
        help="把公文标记或台账生成 Word 文档",
        description="把公文标记文件（.md）或成效台账（.yaml/.xlsx/.csv）生成符合 GB/T 9704-2012 的文档。\n"
        "多个输入配合“-o 文件夹/”一次批量生成，每个输入一个同名文件。不会覆盖已有文件，除非加 --force。\n\n"
        "示例：\n"
        "  wenmi render 通知.md -o 通知.docx\n"
        "  wenmi render 台账.yaml --template zf-jyjl-4gao -o 经验材料.docx\n"
        "  wenmi render 一支部.yaml 二支部.yaml --template zs-zhibu-zongjie -o 输出/",
    )
    p.add_argument("inputs", nargs="+", metavar="输入", help="公文标记文件或台账文件（可多个）")
    p.add_argument("-o", "--output", metavar="输出", help="输出文件；多个输入时为以 / 结尾的文件夹（默认与输入同名同目录）")
    p.add_argument("--template", metavar="编号", help="台账使用的模板编号（默认取台账中的 template:）")
    p.add_argument("--set", dest="sets", action="append", default=[], metavar="名称=值", help="填写模板槽位，可多次使用")
    p.add_argument("--format", choices=FORMATS, default=None, help="输出格式：docx、md、txt（默认按输出扩展名，否则 docx）")
    p.add_argument(
        "--seed", type=int, default=None, metavar="序号", help="标题组合的序号（换一组标题；默认取台账中的 seed:）"
    )
    p.add_argument("--force", action="store_true", help="覆盖已存在的输出文件")
    p.add_argument("--strict", action="store_true", help="指标缺失、出现台账外数字或采用了示例内容时报错，不写出文档")
    p.add_argument(
        "--examples",
        action="store_true",
        help="台账没写的问题、措施等采用模板示例；文档中以黄色底纹和批注标出，须逐条核实",
    )
    p.set_defaults(func=cmd_render)


def parse_sets(items: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise WenmiError(f"--set 的值“{item}”格式不对", hint="写成 --set 名称=值，如 --set 主题=作风建设")
        out[name.strip()] = value.strip()
    return out


def _plan(inputs: list[Path], output: str | None, fmt: str | None) -> tuple[list[tuple[Path, Path]], str]:
    """(input, output) pairs and the format."""
    if output is None:
        f = fmt or "docx"
        return [(i, i.with_suffix(f".{f}")) for i in inputs], f
    out = Path(output)
    is_dir = output.endswith(("/", "\\")) or out.is_dir() or len(inputs) > 1
    if is_dir:
        if not output.endswith(("/", "\\")) and not out.is_dir():
            raise WenmiError(
                "多个输入需要输出到文件夹", file=output, hint=f"在路径末尾加 /，如 -o {output}/"
            )
        f = fmt or "docx"
        stems = [i.stem for i in inputs]
        dup = {s for s in stems if stems.count(s) > 1}
        if dup:
            raise WenmiError(
                f"多个输入同名（{'、'.join(sorted(dup))}），输出会相互覆盖", hint="改名后再批量生成，或分别生成"
            )
        return [(i, out / f"{i.stem}.{f}") for i in inputs], f
    suffix = out.suffix.lower().lstrip(".")
    f = fmt or (suffix if suffix in FORMATS else "docx")
    return [(inputs[0], out)], f


def cmd_render(args: argparse.Namespace) -> int:
    inputs = [Path(i) for i in args.inputs]
    overrides = parse_sets(args.sets)
    pairs, fmt = _plan(inputs, args.output, args.format)
    if len(pairs) > 1 and args.output:
        Path(args.output).mkdir(parents=True, exist_ok=True)
    failures = 0
    for src, dst in pairs:
        try:
            warnings = render_one(src, dst, fmt, args, overrides)
        except WenmiError as err:
            if len(pairs) == 1:
                raise
            failures += 1
            print(f"wenmi：{err}", file=sys.stderr)
            continue
        for w in warnings:
            print(f"警告：{w}", file=sys.stderr)
        print(f"已生成 {dst}")
    if len(pairs) > 1:
        print(f"共 {len(pairs)} 个输入，成功 {len(pairs) - failures} 个，失败 {failures} 个。")
    return 1 if failures else 0


def render_one(src: Path, dst: Path, fmt: str, args: argparse.Namespace, overrides: dict[str, str]) -> list[Diagnostic]:
    if not src.exists():
        raise WenmiError("输入文件不存在", file=str(src), hint="检查文件名和路径")
    if src.is_dir():
        raise WenmiError("输入是一个文件夹", file=str(src), hint="给出文件，如 通知.md 或 台账.yaml")
    if dst.resolve() == src.resolve():
        raise WenmiError("输出文件与输入文件相同", file=str(dst), hint="换一个输出文件名")
    suffix = src.suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:
        from assistant.ledger.files import load_workbook
        from assistant.render import export_workbook

        wb = load_workbook(src)
        result = export_workbook(
            wb, args.template, dst, overrides=overrides, seed=args.seed, force=args.force, strict=args.strict, fmt=fmt,
            examples=args.examples,
        )
        return result.diagnostics
    if suffix in MARKUP_SUFFIXES or not suffix:
        if args.template or overrides:
            raise WenmiError("--template 和 --set 只用于台账输入", file=str(src), hint="公文标记文件直接生成即可")
        from assistant.document.markup import parse_markup
        from assistant.render import write_output

        try:
            text = src.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise WenmiError(
                "文件不是 UTF-8 编码", file=str(src), hint="用记事本“另存为”并选择 UTF-8 编码后再试"
            ) from exc
        doc = parse_markup(text, source=str(src))
        return write_output(doc, dst, fmt, args.force)
    raise WenmiError(
        f"无法识别的输入类型“{suffix}”",
        file=str(src),
        hint="公文标记用 .md；台账用 .yaml、.xlsx 或 .csv",
    )
