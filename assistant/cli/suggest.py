"""`wenmi suggest WORKBOOK`: templates ranked for a workbook, with scores and reasons."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from assistant.cli.common import add_format_option, print_json
from assistant.errors import WenmiError


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "suggest",
        help="按台账内容推荐模板",
        description="读取台账，先判断它记的是已做的工作还是要做的工作（看标题或文件名、成文日期、"
        "数字是结果还是目标、有无“完成”“须”“…前”等字样），再按文种、类别分布、关键词和标签"
        "给模板打分排序，并说明推荐理由。",
    )
    p.add_argument("workbook", metavar="台账", help="台账文件（.yaml、.xlsx、.csv）")
    p.add_argument(
        "-n", "--limit", type=int, default=10, metavar="数量", help="最多列出几个模板（默认 10；0 为全部）"
    )
    add_format_option(p)
    p.set_defaults(func=run)


def _catalog() -> list[Any]:
    try:
        from assistant.templating import load_catalog
    except ImportError:
        raise WenmiError("模板库暂不可用", hint="请确认 wenmi 安装完整") from None
    catalog = load_catalog()
    # a Catalog iterates its templates' metadata (id, name, category, doctype, keywords, description)
    templates = getattr(catalog, "templates", catalog)
    if isinstance(templates, dict):
        templates = list(templates.values())
    return list(templates)


def _tense_line(tense: Any) -> str:
    """How the workbook was read (results or tasks) and the signal that decided, in one line."""
    if not tense.certainty:
        return f"文种判断：{tense.reason}，两类文种都列出"
    kind = "已做的工作" if tense.kind == "retrospective" else "要做的工作"
    unsure = "；依据不多，另一类文种也列出" if tense.certainty < 0.5 else ""
    return f"文种判断：{kind}（{tense.reason}）{unsure}"


def run(args: argparse.Namespace) -> int:
    from assistant.safeyaml import gc_paused

    # One workbook read once and ranked: its objects are freed by reference counting (they hold
    # no cycles), and the cycle collector would only rescan its 100,000 objects again and again
    # (a twentieth of the time on 10,000 rows). It is back on when we are done.
    with gc_paused():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from assistant.compose.matching import workbook_tense
    from assistant.compose.recommend import recommend
    from assistant.ledger.files import load_workbook

    wb = load_workbook(Path(args.workbook), layout=False)  # read only: no comments to keep
    for w in wb.warnings:
        print(f"wenmi：警告：{w}", file=sys.stderr)
    limit = args.limit if args.limit and args.limit > 0 else None
    tense = workbook_tense(wb)
    ranked = recommend(wb, _catalog(), limit=limit, tense=tense)
    if args.format == "json":
        print_json([s.to_dict() for s in ranked])
        return 0
    if not ranked:
        print("模板库里没有模板。")
        return 0
    print(f"为“{wb.unit}”{wb.period}台账（{len(wb.achievements)}项成效）推荐的模板：")
    print(_tense_line(tense))
    for n, s in enumerate(ranked, start=1):
        print(f"{n:>2}. {s.id}  {s.name}（{s.category}·{s.doctype}）  得分 {s.score:.2f}")
        for reason in s.reasons:
            print(f"      · {reason}")
    return 0
