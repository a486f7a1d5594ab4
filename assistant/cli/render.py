"""`wenmi render`: 公文 markup or a workbook to .docx / .md / .txt, one file or a batch."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.errors import Diagnostic, WenmiError
from assistant.render import FORMATS, MARKUP_SUFFIXES, WORKBOOK_SUFFIXES

if TYPE_CHECKING:
    from assistant.render import BackgroundWrites


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "render",
        help="把公文标记或台账生成 Word 文档",
        description="把公文标记文件（.md）或成效台账（.yaml/.xlsx/.csv）生成符合 GB/T 9704-2012 的文档。\n"
        "多个输入配合“-o 文件夹/”一次批量生成，每个输入一个同名文件。不会覆盖已有文件，除非加 --force。\n\n"
        "示例：\n"
        "  wenmi render 通知.md -o 通知.docx\n"
        "  wenmi render 台账.yaml --template zf-jyjl-4gao -o 经验材料.docx\n"
        "  wenmi render 一支部.yaml 二支部.yaml --template zs-zhibu-zongjie -o 输出/\n"
        "  wenmi render 台账.yaml -o 通知.pdf          （PDF 需要安装 LibreOffice）\n"
        "  wenmi render 通知.md --format txt -o -      （“-”表示输出到标准输出，只用于 txt、md；Word、PDF 请写文件名）",
    )
    p.add_argument("inputs", nargs="+", metavar="输入", help="公文标记文件或台账文件（可多个）")
    p.add_argument(
        "-o",
        "--output",
        metavar="输出",
        help="输出文件（.docx、.pdf、.md、.txt；“-”为标准输出，仅限 --format txt 或 md）；多个输入时为以 / 结尾的文件夹"
        "（默认与输入同名同目录）",
    )
    p.add_argument("--template", metavar="编号", help="台账使用的模板编号（默认取台账中的 template:）")
    p.add_argument("--set", dest="sets", action="append", default=[], metavar="名称=值", help="填写模板槽位，可多次使用")
    p.add_argument(
        "--format", choices=(*FORMATS, "pdf"), default=None, help="输出格式：docx、pdf、md、txt（默认按输出扩展名，否则 docx）"
    )
    p.add_argument(
        "--seed", type=int, default=None, metavar="序号", help="标题组合的序号（换一组标题；默认取台账中的 seed:）"
    )
    p.add_argument(
        "--fonts",
        metavar="方案",
        default=None,
        help="字体方案：gb2312（国标字体名，默认）、windows（Windows 自带的仿宋、楷体、黑体、宋体）、"
        "gbk（方正 GBK 字体）；不写时用台账中的 fonts:，再没有则用 wenmi fonts --use 设定的方案",
    )
    p.add_argument("--force", action="store_true", help="覆盖已存在的输出文件")
    p.add_argument("--strict", action="store_true", help="指标缺失、出现台账外数字或采用了示例内容时报错，不写出文档")
    p.add_argument(
        "--examples",
        action="store_true",
        help="台账没写的问题、措施等采用模板示例；文档中以黄色底纹和批注标出，须逐条核实",
    )
    p.set_defaults(func=cmd_render)


#: Output extensions that mean a format of another name.
OUTPUT_SUFFIXES = {"markdown": "md", "text": "txt"}


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
    if not suffix:  # 通知 -> 通知.docx: a file without an extension opens in nothing
        f = fmt or "docx"
        return [(inputs[0], out.with_name(f"{out.name}.{f}"))], f
    suffix = OUTPUT_SUFFIXES.get(suffix, suffix)
    if suffix not in (*FORMATS, "pdf"):
        raise WenmiError(
            f"不支持的输出格式“{out.suffix}”",
            file=output,
            hint="输出文件以 .docx、.pdf、.md 或 .txt 结尾"
            + ("；要 .doc 请生成 .docx 后在 Word/WPS 中另存为" if suffix in ("doc", "wps", "rtf") else ""),
        )
    f = fmt or suffix
    return [(inputs[0], out)], f


def cmd_render(args: argparse.Namespace) -> int:
    inputs = [Path(i) for i in args.inputs]
    overrides = parse_sets(args.sets)
    if args.fonts is not None:
        from assistant.document.fonts import profile_named

        args.fonts = profile_named(args.fonts, field="--fonts").name
    if args.output == "-":
        return _render_to_stdout(inputs, args, overrides)
    pairs, fmt = _plan(inputs, args.output, args.format)
    if len(pairs) > 1 and args.output:
        Path(args.output).mkdir(parents=True, exist_ok=True)
    failures = 0
    # A batch writes each file in a worker thread while it renders the next one; a file is
    # reported (warnings, 已生成) once it is synced and in place, in the order of the inputs.
    from assistant.render import BackgroundWrites

    writes = BackgroundWrites() if len(pairs) > 1 and fmt != "pdf" else None
    pending: tuple[Path, list[Diagnostic]] | None = None

    def settle() -> None:
        nonlocal pending, failures
        if pending is None or writes is None:
            return
        dst, warnings = pending
        pending = None
        try:
            writes.wait(dst)
        except WenmiError as err:
            failures += 1
            print(f"wenmi：{err}", file=sys.stderr)
            return
        _report(dst, warnings)

    try:
        for src, dst in pairs:
            try:
                if fmt == "pdf":
                    warnings = _render_pdf(src, dst, args, overrides)
                else:
                    warnings = render_one(src, dst, fmt, args, overrides, writes=writes)
            except WenmiError as err:
                settle()
                if len(pairs) == 1:
                    raise
                failures += 1
                print(f"wenmi：{err}", file=sys.stderr)
                continue
            settle()
            if writes is None:
                _report(dst, warnings)
            else:
                pending = (dst, warnings)
        settle()
    finally:
        if writes is not None:
            writes.close()
    if len(pairs) > 1:
        print(f"共 {len(pairs)} 个输入，成功 {len(pairs) - failures} 个，失败 {failures} 个。")
    return 1 if failures else 0


def _report(dst: Path, warnings: list[Diagnostic]) -> None:
    for w in warnings:
        print(f"警告：{w}", file=sys.stderr)
    print(f"已生成 {dst}")


def render_one(
    src: Path, dst: Path, fmt: str, args: argparse.Namespace, overrides: dict[str, str], *, writes: BackgroundWrites | None = None
) -> list[Diagnostic]:
    """Render `src` into `dst`. With `writes`, the file is written by its worker thread (see
    `assistant.render.write_output`)."""
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
            examples=args.examples, fonts=args.fonts, writes=writes,
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
        if args.strict:  # claims are sourced: marked example content does not go out
            from assistant.document.markup import review_marks

            if marks := review_marks(doc):
                raise WenmiError(
                    "文档中有未经核实的示例内容（--strict），未写出文档：\n" + "\n".join(f"  {d}" for d in marks),
                    file=str(src),
                    hint="核实或改写这些内容，再删去 [示例]、[/示例] 标记",
                )
        return write_output(doc, dst, fmt, args.force, fonts=args.fonts, writes=writes)
    raise WenmiError(
        f"无法识别的输入类型“{suffix}”",
        file=str(src),
        hint="公文标记用 .md；台账用 .yaml、.xlsx 或 .csv",
    )


def _render_pdf(src: Path, dst: Path, args: argparse.Namespace, overrides: dict[str, str]) -> list[Diagnostic]:
    """A PDF: the .docx rendered in a temporary folder, then converted by LibreOffice."""
    import tempfile

    from assistant.document.pdf import docx_to_pdf, install_hint, office_program

    if dst.exists() and not args.force:
        raise WenmiError("输出文件已存在，未覆盖", file=str(dst), hint="加 --force 覆盖，或换一个文件名")
    if office_program() is None:
        raise WenmiError("没有找到 LibreOffice，无法生成 PDF", file=str(dst), hint=install_hint() + "；或改为 -o 文件名.docx")
    if not dst.parent.is_dir():
        raise WenmiError("输出文件夹不存在", file=str(dst.parent), hint="先创建该文件夹，或换一个输出路径")
    with tempfile.TemporaryDirectory(prefix="wenmi-") as tmp:
        docx = Path(tmp) / f"{dst.stem}.docx"
        warnings = render_one(src, docx, "docx", args, overrides)
        if args.force:
            docx_to_pdf(docx, dst)
        else:  # the last step refuses atomically if the file appeared meanwhile
            from assistant.atomic import describe_os_error, write_bytes_atomic

            pdf = docx_to_pdf(docx, Path(tmp) / f"{dst.stem}.pdf")
            try:
                write_bytes_atomic(dst, pdf.read_bytes(), replace=False)
            except FileExistsError:
                raise WenmiError("输出文件已存在，未覆盖", file=str(dst), hint="加 --force 覆盖，或换一个文件名") from None
            except OSError as exc:
                raise WenmiError(f"无法写入 PDF 文件：{describe_os_error(exc)}", file=str(dst)) from None
    return warnings


def _render_to_stdout(inputs: list[Path], args: argparse.Namespace, overrides: dict[str, str]) -> int:
    """`-o -`: a text document (--format txt or md) on standard output. Word and PDF are files:
    refused, whether standard output is a terminal or a pipe; the message says to name one."""
    import tempfile

    if len(inputs) > 1:
        raise WenmiError("多个输入不能都输出到标准输出（-o -）", hint="分别生成，或用 -o 文件夹/ 批量生成")
    fmt = args.format or "docx"
    if fmt in ("docx", "pdf"):
        kind, suffix = ("Word", "docx") if fmt == "docx" else ("PDF", "pdf")
        raise WenmiError(
            f"{kind} 文档不能输出到标准输出（-o -），只有 --format txt 或 md 的文本可以",
            hint=f"请给出文件名，如 -o {inputs[0].stem or '通知'}.{suffix}；要在终端查看内容，请加 --format txt",
        )
    args.force = True  # the temporary file is ours
    with tempfile.TemporaryDirectory(prefix="wenmi-") as tmp:
        out = Path(tmp) / f"{inputs[0].stem or '文档'}.{fmt}"
        warnings = render_one(inputs[0], out, fmt, args, overrides)
        data = out.read_bytes()
    for w in warnings:
        print(f"警告：{w}", file=sys.stderr)
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0
