"""`wenmi phrases`: compose heading sets, search, list, check, validate and add phrases."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from assistant.categories import THEMES
from assistant.cli.common import ChineseParser, add_format_option, print_json
from assistant.errors import Diagnostic

_PATTERNS = ("phrase", "pair", "framework")
_KINDS = ("phrase", "pair", "set", "framework")
_STRUCTURES = ("动宾", "并列", "偏正", "主谓", "动补")
_THEME_HELP = f"主题：{'、'.join(THEMES)}（也可写简称，如 作风、zuofeng）"


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "phrases",
        help="标题短语库：组标题、搜索、列出、检查对仗",
        description="标题短语库：四字短语、成套短语、数字框架和对仗标题。"
        "内置词库之外，用户文件夹 phrasebank/ 下的 YAML 文件和 WENMI_PATH 中的词库一并载入。",
    )
    sub = p.add_subparsers(
        dest="phrases_command", title="子命令", metavar="子命令", parser_class=ChineseParser
    )

    cp = sub.add_parser(
        "compose",
        help="组一套排比标题",
        description="从词库中组出 N 个成套的标题：字数和结构一致、开头不重复、同一位置不重字、切合主题。"
        "同样的参数总是得到同样的结果，换 --seed 得到另一组。",
    )
    cp.add_argument("--count", "-n", type=int, required=True, metavar="N", help="标题个数")
    cp.add_argument("--theme", "-t", metavar="主题", help=_THEME_HELP)
    cp.add_argument(
        "--pattern",
        choices=_PATTERNS,
        default="phrase",
        help="标题样式：phrase（四字短语）、pair（对仗标题）、framework（数字框架，一、两、三……）",
    )
    cp.add_argument("--style", choices=("space", "comma"), help="对仗样式：space（空格＋高X）、comma（逗号）")
    cp.add_argument("--seed", type=int, default=0, metavar="K", help="换一组：0、1、2……（默认 0）")
    add_format_option(cp)
    cp.set_defaults(func=cmd_compose)

    sp = sub.add_parser(
        "search",
        help="搜索短语",
        description="按文字、按意思（词语、主题、角色）或按拼音首字母搜索，最相关的在前。"
        "例：wenmi phrases search 站位；wenmi phrases search tgzw（提高站位）。",
    )
    sp.add_argument("query", nargs="+", metavar="查询", help="文字、词语或拼音首字母")
    sp.add_argument("--limit", type=int, default=20, metavar="N", help="最多列出几条（默认 20）")
    add_format_option(sp)
    sp.set_defaults(func=cmd_search)

    lp = sub.add_parser("list", help="列出词库条目", description="按类别和主题列出词库中的条目。")
    lp.add_argument(
        "--kind",
        choices=_KINDS,
        help="条目类别：phrase（短语）、pair（对仗）、set（成套）、framework（框架）",
    )
    lp.add_argument("--theme", metavar="主题", help=_THEME_HELP)
    add_format_option(lp)
    lp.set_defaults(func=cmd_list)

    kp = sub.add_parser(
        "check",
        help="检查几个标题是否成套",
        description="检查给出的标题是否构成排比：字数、结构（按词性）、开头词、重复用词和同位重字。"
        "成套时退出码为 0，否则列出原因，退出码为 1。",
    )
    kp.add_argument(
        "headings", nargs="+", metavar="标题", help="两个或更多标题；对仗标题用全角空格或逗号分隔前后半句"
    )
    add_format_option(kp)
    kp.set_defaults(func=cmd_check)

    vp = sub.add_parser(
        "validate",
        help="校验词库文件",
        description="检查词库 YAML 的格式、四字短语、主题和角色、成套短语字数、框架序数、重复条目，"
        "逐条给出文件和行号。不给路径时校验全部词库（内置、用户、WENMI_PATH）。发现错误时退出码为 1。",
    )
    vp.add_argument("paths", nargs="*", metavar="路径", help="词库文件或文件夹（可多个）")
    add_format_option(vp)
    vp.set_defaults(func=cmd_validate)

    ap = sub.add_parser(
        "add",
        help="把一个短语加入用户词库",
        description="把一个四字短语写进用户文件夹的 phrasebank/my-phrases.yaml，之后组标题和搜索都会用到它。"
        "词库中已有的不会重复添加。",
    )
    ap.add_argument("text", metavar="短语", help="四个汉字，如 提质增效")
    ap.add_argument("--theme", "-t", required=True, metavar="主题", help=_THEME_HELP)
    ap.add_argument("--role", "-r", required=True, metavar="角色", help="角色，如 站位、责任、落实、成效")
    ap.add_argument("--structure", "-s", choices=_STRUCTURES, help="结构：动宾、并列、偏正、主谓、动补")
    ap.set_defaults(func=cmd_add)


def _source_label(source: str) -> str:
    return {"packaged": "内置", "user": "用户"}.get(source, source)


def _describe(entry: Any) -> str:
    from assistant.phrasebank.model import KIND_LABELS

    tags = "·".join(t for t in (entry.theme, entry.role, entry.structure) if t)
    extra = f"  {entry.name}" if entry.name else f"  组：{entry.group}" if entry.group else ""
    mark = "" if entry.source == "packaged" else f"  [{_source_label(entry.source)}]"
    return f"{entry.text}  （{KIND_LABELS.get(entry.kind, entry.kind)}：{tags}）{extra}{mark}"


def cmd_compose(args: argparse.Namespace) -> int:
    from assistant.phrasebank import load_bank

    headings = load_bank().compose(
        args.count, theme=args.theme, pattern=args.pattern, seed=args.seed, style=args.style
    )
    if args.format == "json":
        print_json(headings)
    else:
        print("\n".join(headings))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from assistant.phrasebank import load_bank

    query = " ".join(args.query)
    found = load_bank().search(query, limit=args.limit)
    if args.format == "json":
        print_json([e.to_dict() for e in found])
        return 0
    if not found:
        print(f"没有找到与“{query}”相关的条目。可以换个词，或用拼音首字母（如 tgzw）。")
        return 0
    for entry in found:
        print(_describe(entry))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from assistant.phrasebank import load_bank

    bank = load_bank()
    entries = bank.entries(kind=args.kind, theme=args.theme)
    if args.format == "json":
        print_json([e.to_dict() for e in entries])
        return 0
    if not entries:
        print("没有符合条件的条目。")
    for entry in entries:
        print(_describe(entry))
    counts = "，".join(f"{n}{_KIND_WORDS[k]}" for k in _KINDS if (n := sum(e.kind == k for e in entries)))
    if entries:
        print(f"\n共 {len(entries)} 条（{counts}）。")
    for problem in bank.problems:
        print(f"注意：{problem}")
    return 0


_KIND_WORDS = {"phrase": "个短语", "pair": "个对仗标题", "set": "组成套短语", "framework": "个框架"}


def cmd_check(args: argparse.Namespace) -> int:
    from assistant.phrasebank import load_bank

    reasons = load_bank().check(args.headings)
    if args.format == "json":
        print_json({"ok": not reasons, "headings": list(args.headings), "reasons": reasons})
        return 0 if not reasons else 1
    if len(args.headings) < 2:
        print("只给了一个标题，无从比较；请给出两个或更多标题。")
        return 0
    if not reasons:
        print(f"这{len(args.headings)}个标题成套：字数、结构一致，没有重复。")
        return 0
    print("这几个标题还不成套：")
    for reason in reasons:
        print(f"  - {reason}")
    return 1


def _shown_path(file: str | None) -> str:
    if not file:
        return "<词库>"
    try:
        rel = os.path.relpath(file)
    except ValueError:
        return file
    return file if rel.startswith("..") else rel


def format_diagnostic(d: Diagnostic) -> str:
    where = _shown_path(d.location.file)
    if d.location.line is not None:
        where += f":第{d.location.line}行"
    return f"{where}: {'' if d.severity == 'error' else '警告：'}{d.message}"


def cmd_validate(args: argparse.Namespace) -> int:
    from assistant.phrasebank import validate_paths

    files, problems = validate_paths([Path(p) for p in args.paths] if args.paths else None)
    errors = [d for d in problems if d.severity == "error"]
    warnings = [d for d in problems if d.severity != "error"]
    if args.format == "json":
        print_json(
            {
                "checked": [str(f) for f in files],
                "ok": not errors,
                "diagnostics": [
                    {
                        "severity": d.severity,
                        "rule": d.rule,
                        "file": d.location.file,
                        "line": d.location.line,
                        "field": d.location.field,
                        "message": d.message,
                    }
                    for d in problems
                ],
            }
        )
        return 1 if errors else 0
    for d in errors + warnings:
        print(format_diagnostic(d))
    if not files:
        print("没有找到词库文件（*.yaml）。")
        return 1 if args.paths else 0
    if errors:
        print(f"共校验 {len(files)} 个文件，发现错误 {len(errors)} 处。")
    else:
        print(f"共校验 {len(files)} 个文件，全部通过。")
    if warnings:
        print(f"另有警告 {len(warnings)} 处。")
    return 1 if errors else 0


def cmd_add(args: argparse.Namespace) -> int:
    from assistant.phrasebank.userfile import add_user_phrase

    entry, path = add_user_phrase(args.text, args.theme, args.role, args.structure)
    tags = "·".join(t for t in (entry.theme, entry.role, entry.structure) if t)
    print(f"已加入用户词库：{entry.text}（{tags}）→ {path}")
    return 0
