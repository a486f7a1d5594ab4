#!/usr/bin/env python3
"""Check the answer keys of the compose evaluation set.

For every ``*.key.yaml`` beside this script:

* the matching workbook ``<slug>.yaml`` exists and has an ``achievements`` list;
* ``genre`` is one of the allowed genres and ``tense`` is retrospective/forward;
* every section has a heading and a non-empty list of 1-based item indexes;
* every index is in range and every achievement is used exactly once.

Plain Python (stdlib + PyYAML). Exit status 1 when any key has a problem.

    python benchmarks/compose_eval/check_keys.py [DIR]
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

GENRES = {
    "实施方案", "工作方案", "活动方案", "通知", "工作总结", "工作报告",
    "经验材料", "宣传报道", "整改方案", "调研报告", "述职报告", "讲话稿", "计划表",
}
TENSES = {"retrospective", "forward"}
REQUIRED = ("source", "article_title", "genre", "tense", "unit_kind", "sections")
OPTIONAL = ("published", "notes", "heldout", "batch")


def load(path: Path):
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def check_key(key_path: Path) -> list[str]:
    problems: list[str] = []
    slug = key_path.name[: -len(".key.yaml")]
    wb_path = key_path.with_name(slug + ".yaml")
    try:
        key = load(key_path)
    except yaml.YAMLError as exc:
        return [f"YAML 错误：{exc}"]
    if not isinstance(key, dict):
        return ["答案文件应是一组“键: 值”"]
    for name in REQUIRED:
        if name not in key or key[name] in (None, "", []):
            problems.append(f"缺少 {name}")
    for name in key:
        if name not in REQUIRED and name not in OPTIONAL:
            problems.append(f"未知的键 {name}")
    if key.get("genre") not in GENRES:
        problems.append(f"genre“{key.get('genre')}”不在允许范围内")
    if key.get("tense") not in TENSES:
        problems.append(f"tense“{key.get('tense')}”应是 retrospective 或 forward")
    source = str(key.get("source") or "")
    if not source.startswith(("http://", "https://")):
        problems.append("source 应是网址")

    if not wb_path.exists():
        problems.append(f"找不到台账 {wb_path.name}")
        return problems
    try:
        wb = load(wb_path)
    except yaml.YAMLError as exc:
        problems.append(f"台账 YAML 错误：{exc}")
        return problems
    achievements = (wb or {}).get("achievements") or []
    n = len(achievements)
    if n == 0:
        problems.append("台账没有成效事项")

    used: Counter[int] = Counter()
    sections = key.get("sections") or []
    if not isinstance(sections, list):
        problems.append("sections 应是列表")
        sections = []
    for s, section in enumerate(sections, 1):
        if not isinstance(section, dict):
            problems.append(f"第{s}节应是一组“键: 值”")
            continue
        if not str(section.get("heading") or "").strip():
            problems.append(f"第{s}节缺少 heading")
        items = section.get("items")
        if not isinstance(items, list) or not items:
            problems.append(f"第{s}节的 items 应是非空列表")
            continue
        for i in items:
            if isinstance(i, bool) or not isinstance(i, int):
                problems.append(f"第{s}节的序号“{i}”不是整数")
            elif not 1 <= i <= n:
                problems.append(f"第{s}节的序号 {i} 超出范围 1–{n}")
            else:
                used[i] += 1
    for i in range(1, n + 1):
        if used[i] == 0:
            title = achievements[i - 1].get("title") if isinstance(achievements[i - 1], dict) else "?"
            problems.append(f"第{i}项（{title}）没有放进任何一节")
        elif used[i] > 1:
            problems.append(f"第{i}项被放进了{used[i]}个节")
    return problems


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    keys = sorted(folder.glob("*.key.yaml"))
    if not keys:
        print(f"{folder} 下没有 *.key.yaml")
        return 1
    bad = 0
    for key_path in keys:
        problems = check_key(key_path)
        if problems:
            bad += 1
            print(f"✗ {key_path.name}")
            for p in problems:
                print(f"    {p}")
        else:
            print(f"✓ {key_path.name}")
    print(f"{len(keys) - bad} ok, {bad} with problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
