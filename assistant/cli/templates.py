"""`wenmi templates`: list, show, validate, render samples of, and copy templates."""

from __future__ import annotations

import argparse
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

from assistant.categories import CATEGORIES, CATEGORY_FOLDERS, CATEGORY_PREFIXES, nearest_category
from assistant.cli.common import ChineseParser, add_format_option, print_json
from assistant.errors import Diagnostic, WenmiError

OUTPUT_FORMATS = ("docx", "md", "txt")


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "templates",
        help="查看、校验、试写和新建模板",
        description="模板目录：内置模板、用户文件夹中的模板和 WENMI_PATH 中的模板（后者覆盖前者）。",
    )
    sub = p.add_subparsers(
        dest="templates_command", title="子命令", metavar="子命令", parser_class=ChineseParser
    )

    lp = sub.add_parser("list", help="列出全部模板", description="按类别列出模板的编号、名称、文种和来源。")
    lp.add_argument("--category", metavar="类别", help="只列出一个类别，如 作风建设（也可写 zuofeng 或 zf）")
    add_format_option(lp)
    lp.set_defaults(func=cmd_list)

    sp = sub.add_parser(
        "show", help="显示一个模板的详情", description="显示模板的说明、槽位、分节计划和关键词。"
    )
    sp.add_argument("id", metavar="编号", help="模板编号，如 zf-jyjl-4gao")
    add_format_option(sp)
    sp.set_defaults(func=cmd_show)

    vp = sub.add_parser(
        "validate",
        help="校验模板",
        description="检查模板的结构、Jinja2 语法和变量，并用示例值试写，确认生成合格的公文标记。"
        "不给路径时校验整个模板目录。发现错误时退出码为 1。",
    )
    vp.add_argument("paths", nargs="*", metavar="路径", help="模板文件或文件夹（可多个）")
    add_format_option(vp)
    vp.set_defaults(func=cmd_validate)

    smp = sub.add_parser(
        "sample",
        help="用示例值生成文档",
        description="用模板自带的示例值生成文档。单个模板写到 -o 指定的文件；--all 时写到 -o 指定的文件夹，"
        "每个模板一个文件（文件夹/编号.docx）。",
    )
    smp.add_argument("id", nargs="?", metavar="编号", help="模板编号")
    smp.add_argument("--all", action="store_true", help="为全部模板生成示例")
    smp.add_argument("-o", "--output", required=True, metavar="输出", help="输出文件，或以 / 结尾的文件夹")
    smp.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    smp.add_argument(
        "--format",
        choices=OUTPUT_FORMATS,
        default=None,
        help="输出格式：docx、md、txt（默认按扩展名，否则 docx）",
    )
    smp.add_argument("--seed", type=int, default=0, metavar="序号", help="标题组合的序号（换一组标题）")
    smp.set_defaults(func=cmd_sample)

    np_ = sub.add_parser(
        "new",
        help="复制一个模板作为新模板",
        description="把已有模板复制到用户文件夹的 templates/ 下并改用新编号，之后可以自行修改。不会覆盖已有文件。",
    )
    np_.add_argument("id", metavar="新编号", help="新模板的编号，如 zf-jyjl-mybm")
    np_.add_argument("--from", dest="source", required=True, metavar="编号", help="作为底稿的模板编号")
    np_.set_defaults(func=cmd_new)


# --- list ---------------------------------------------------------------------------------


def _resolve_category(text: str) -> str:
    text = text.strip()
    if text in CATEGORIES:
        return text
    for category in CATEGORIES:
        if text.lower() in (CATEGORY_FOLDERS[category], CATEGORY_PREFIXES[category]):
            return category
    guess = nearest_category(text)
    raise WenmiError(
        f"没有名为“{text}”的类别",
        field="--category",
        hint=f"是不是“{guess}”？" if guess else f"可选：{'、'.join(CATEGORIES)}",
    )


def _source_label(source: str) -> str:
    return {"packaged": "内置", "user": "用户"}.get(source, source)


def cmd_list(args: argparse.Namespace) -> int:
    from assistant.templating import load_catalog

    catalog = load_catalog()
    infos = catalog.infos()
    if args.category:
        category = _resolve_category(args.category)
        infos = [i for i in infos if i.category == category]
    if args.format == "json":
        print_json(
            [
                {
                    "id": i.id,
                    "name": i.name,
                    "category": i.category,
                    "doctype": i.doctype,
                    "source": i.source,
                    "keywords": list(i.keywords),
                    "description": i.description,
                    "path": str(i.path) if i.path else None,
                }
                for i in infos
            ]
        )
        return 0
    if not infos:
        print("没有找到模板。" if not args.category else "该类别下没有模板。")
        return 0
    rows = [
        [i.id, i.name, i.doctype, "" if i.source == "packaged" else f"[{_source_label(i.source)}]"]
        for i in infos
    ]
    widths = [max(display_width(r[c]) for r in rows) for c in range(4)]
    current = None
    for info, row in zip(infos, rows, strict=True):
        if info.category != current:
            current = info.category
            count = sum(1 for i in infos if i.category == current)
            print(f"{'' if info is infos[0] else chr(10)}{current or '（未分类）'}（{count} 个）")
        print("  " + "  ".join(pad(cell, widths[c]) for c, cell in enumerate(row)).rstrip())
    print(f"\n共 {len(infos)} 个模板。用 wenmi templates show 编号 查看详情。")
    for err in catalog.problems:
        print(f"注意：{err}")
    return 0


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal: wide (CJK) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


# --- show ------------------------------------------------------------------------------------


def cmd_show(args: argparse.Namespace) -> int:
    from assistant.templating import load_catalog
    from assistant.templating.model import GROUP_BY_LABELS, PATTERN_LABELS, SLOT_TYPE_LABELS

    catalog = load_catalog()
    t = catalog.get(args.id)
    if args.format == "json":
        print_json(_template_json(t))
        return 0
    print(f"{t.id}  {t.name}")
    print(f"类别：{t.category}    文种：{t.doctype}    来源：{_source_label(t.source)}（{t.path}）")
    if t.keywords:
        print(f"关键词：{'、'.join(t.keywords)}")
    print(f"说明：{t.description}")
    print()
    if t.slots:
        print("槽位（用 --set 名称=值 或台账的 fields 填写）：")
        rows = [["名称", "标签", "类型", "必填", "默认值", "说明"]]
        for s in t.slots:
            default = _default_text(s.default)
            rows.append(
                [
                    s.name,
                    s.label,
                    SLOT_TYPE_LABELS.get(s.type, s.type),
                    "是" if s.required else "否",
                    default,
                    s.help,
                ]
            )
        widths = [max(display_width(r[c]) for r in rows) for c in range(6)]
        for row in rows:
            print("  " + "  ".join(pad(cell, widths[c]) for c, cell in enumerate(row)).rstrip())
    else:
        print("槽位：无")
    print()
    plan = t.sections
    if plan is None:
        print("分节计划：无（正文自行组织）")
    else:
        style = f"（{plan.style}）" if plan.style else ""
        print(
            f"分节计划：{plan.count} 节，标题样式：{PATTERN_LABELS.get(plan.pattern, plan.pattern)}{style}，"
            f"主题：{plan.theme or t.category}，分组：{GROUP_BY_LABELS.get(plan.group_by, plan.group_by)}"
        )
        if plan.headings:
            print(f"  固定标题：{'；'.join(plan.headings)}")
    sample = t.sample
    n = len(sample.get("achievements") or [])
    who = "".join(str(sample.get(k) or "") for k in ("unit", "period"))
    print(f"示例：{who}，成效 {n} 项（wenmi templates sample {t.id} -o 文件 生成）")
    shadowed = catalog.shadowed.get(t.id)
    if shadowed:
        print(f"注意：它覆盖了{'、'.join(_source_label(s.source) for s in shadowed)}中的同名模板。")
    return 0


#: The widest a default value is shown in the slot table (display columns); the whole value is
#: in `--format json` and in `wenmi templates sample`.
DEFAULT_WIDTH = 30


def _default_text(value: Any) -> str:
    """A slot's default as one short cell: a table as its size and first cells, a list joined
    with “、” (with “；” when its items hold “、” themselves), long text cut with “…”."""
    if value is None or value == "":
        return ""
    if isinstance(value, list) and value and all(isinstance(v, list) for v in value):
        heads = "、".join(str(row[0]) for row in value if row)
        text = f"表格 {len(value)} 行：{heads}"
    elif isinstance(value, list):
        items = [str(v) for v in value]
        text = ("；" if any("、" in v for v in items) else "、").join(items)
    else:
        text = str(value)
    return _shorten(text, DEFAULT_WIDTH)


def _shorten(text: str, width: int) -> str:
    if display_width(text) <= width:
        return text
    out = ""
    for ch in text:
        if display_width(out + ch + "…") > width:
            break
        out += ch
    return out + "…"


def _template_json(t: Any) -> dict[str, Any]:
    plan = t.sections
    return {
        "id": t.id,
        "name": t.name,
        "category": t.category,
        "doctype": t.doctype,
        "source": t.source,
        "path": str(t.path) if t.path else None,
        "keywords": list(t.keywords),
        "description": t.description,
        "slots": [
            {
                "name": s.name,
                "label": s.label,
                "type": s.type,
                "required": s.required,
                "default": s.default
                if isinstance(s.default, str | int | float | list | type(None))
                else str(s.default),
                "help": s.help,
            }
            for s in t.slots
        ],
        "sections": None
        if plan is None
        else {
            "count": plan.count,
            "pattern": plan.pattern,
            "theme": plan.theme,
            "style": plan.style,
            "group_by": plan.group_by,
            "headings": list(plan.headings),
        },
    }


# --- validate ------------------------------------------------------------------------------------


def _shown_path(file: str | None) -> str:
    if not file:
        return "<模板>"
    try:
        rel = os.path.relpath(file)
    except ValueError:
        return file
    return file if rel.startswith("..") else rel


def format_diagnostic(d: Diagnostic) -> str:
    """`文件:第N行: 消息` (warnings marked), as `templates validate` prints them."""
    where = _shown_path(d.location.file)
    if d.location.line is not None:
        where += f":第{d.location.line}行"
    prefix = "" if d.severity == "error" else "警告："
    return f"{where}: {prefix}{d.message}"


def cmd_validate(args: argparse.Namespace) -> int:
    from assistant.compose.samples import validate_catalog, validate_paths

    report = validate_paths([Path(p) for p in args.paths]) if args.paths else validate_catalog()
    if args.format == "json":
        print_json(
            {
                "checked": len(report.files),
                "ok": report.ok,
                "diagnostics": [
                    {
                        "severity": d.severity,
                        "rule": d.rule,
                        "file": d.location.file,
                        "line": d.location.line,
                        "field": d.location.field,
                        "message": d.message,
                    }
                    for d in report.diagnostics
                ],
            }
        )
        return 0 if report.ok else 1
    for d in report.errors + report.warnings:
        print(format_diagnostic(d))
    n = len(report.files)
    if report.ok:
        print(f"共校验 {n} 个模板，全部通过")
    else:
        print(f"共校验 {n} 个模板，{len(report.failed_files)} 个未通过（错误 {len(report.errors)} 处）")
    if report.warnings:
        print(f"另有警告 {len(report.warnings)} 处。")
    return 0 if report.ok else 1


# --- sample -------------------------------------------------------------------------------------


def _output_plan(output: str, many: bool, fmt: str | None) -> tuple[Path, bool, str]:
    """(path, is_folder, format) for `-o`."""
    out = Path(output)
    is_dir = many or output.endswith(("/", os.sep)) or out.is_dir()
    suffix = out.suffix.lower().lstrip(".")
    if not is_dir and suffix in OUTPUT_FORMATS:
        if fmt and fmt != suffix:
            raise WenmiError(f"输出文件的扩展名 .{suffix} 与 --format {fmt} 不一致", field="-o")
        fmt = suffix
    return out, is_dir, fmt or "docx"


def cmd_sample(args: argparse.Namespace) -> int:
    from assistant.templating import load_catalog

    if args.all == bool(args.id):
        raise WenmiError(
            "请给出一个模板编号，或用 --all 生成全部模板的示例（二者选一）",
            hint="如 wenmi templates sample zf-jyjl-4gao -o 示例.docx",
        )
    catalog = load_catalog()
    templates = catalog.all() if args.all else [catalog.get(args.id)]
    out, is_dir, fmt = _output_plan(args.output, args.all, args.format)
    if is_dir:
        out.mkdir(parents=True, exist_ok=True)
    failures: list[str] = [str(e) for e in catalog.load_errors] if args.all else []
    written = 0
    for template in templates:
        target = out / f"{template.id}.{fmt}" if is_dir else out
        try:
            _write_sample(template, target, fmt, args.force, args.seed)
        except WenmiError as err:
            if not args.all:
                raise
            failures.append(str(err))
            continue
        written += 1
        print(f"已生成 {target}")
    for failure in failures:
        print(f"wenmi：{failure}", file=_stderr())
    if args.all:
        print(f"共 {written + len(failures)} 个模板，成功 {written} 个，失败 {len(failures)} 个。")
    return 1 if failures else 0


def _stderr() -> Any:
    import sys

    return sys.stderr


def _write_sample(template: Any, target: Path, fmt: str, force: bool, seed: int) -> None:
    from assistant.compose import compose_markup, sample_workbook
    from assistant.document.markup import parse_markup
    from assistant.render import write_output

    if target.exists() and not force:
        raise WenmiError("输出文件已存在", file=str(target), hint="加 --force 覆盖，或换一个文件名")
    result = compose_markup(template, sample_workbook(template), seed=seed)
    doc = parse_markup(result.markup, source=f"模板“{template.id}”的示例输出")
    diagnostics = list(result.diagnostics) + list(write_output(doc, target, fmt, force))
    for d in diagnostics:
        print(f"警告：{template.id}：{d}", file=_stderr())


# --- new ---------------------------------------------------------------------------------------------

_ID_LINE = re.compile(r"^id[ \t]*:[^\n]*$", re.MULTILINE)


def cmd_new(args: argparse.Namespace) -> int:
    from assistant.paths import user_dir
    from assistant.templating import clear_catalog_cache, load_catalog, load_template_file
    from assistant.templating.loader import read_text
    from assistant.templating.model import ID_PATTERN

    catalog = load_catalog()
    source = catalog.get(args.source)
    new_id = args.id.strip()
    prefix = CATEGORY_PREFIXES[source.category]
    if not ID_PATTERN.match(new_id) or not new_id.startswith(prefix + "-"):
        raise WenmiError(
            f"新编号“{new_id}”不合格式",
            field="id",
            hint=f"{source.category}类模板的编号以“{prefix}-”开头，后接小写英文或数字，用连字符连接，如 {prefix}-wode-fangan",
        )
    target = user_dir() / "templates" / CATEGORY_FOLDERS[source.category] / f"{new_id}.yaml"
    if target.exists():
        raise WenmiError("该文件已存在，不会覆盖", file=str(target), hint="换一个编号，或先删除这个文件")
    assert source.path is not None
    text = _with_id(read_text(source.path), new_id)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8", newline="") as fh:
            fh.write(text)
    except FileExistsError:
        raise WenmiError("该文件已存在，不会覆盖", file=str(target)) from None
    try:
        load_template_file(target, "user")
    except WenmiError:
        target.unlink()
        raise
    clear_catalog_cache()
    print(f"已新建模板 {new_id}（复制自 {source.id}）：{target}")
    if new_id in catalog:
        print(f"注意：它将覆盖来源为“{_source_label(catalog.info(new_id).source)}”的同名模板。")
    print(f"修改 name、description 和正文后，用 wenmi templates validate {target} 校验。")
    return 0


def _with_id(text: str, new_id: str) -> str:
    """The template text with its top-level `id:` changed, comments and layout kept."""
    if _ID_LINE.search(text):
        return _ID_LINE.sub(f"id: {new_id}", text, count=1)
    import yaml

    data = yaml.safe_load(text)
    data["id"] = new_id

    class _Dumper(yaml.SafeDumper):
        pass

    def _str(dumper: yaml.SafeDumper, value: str) -> Any:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    _Dumper.add_representer(str, _str)
    return str(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False))
