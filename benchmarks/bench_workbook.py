"""Benchmark: suggest + group for a large workbook, against the cost of just loading it.

Target (issue "Achievements workbook"): suggest() + group_achievements() on a 500-achievement
workbook in under 1 s once jieba is loaded. Run:

    python benchmarks/bench_workbook.py [--n 500] [--repeat 5] [--templates 85]

It writes a realistic workbook to a temp folder, then times (best of --repeat):
load (the baseline), jieba's one-off start-up, suggest, group (category/tag/order),
figure sentences and the figure check. Uses the real template catalogue when
assistant.templating is available, else --templates fake ones.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.categories import CATEGORIES, CATEGORY_PREFIXES  # noqa: E402
from assistant.ledger.files import load_workbook, save_workbook
from assistant.ledger.workbook import Achievement, Metric, Workbook

TITLES = [
    "开展员工思想状况调查", "完成党务工作能力提升专项培训", "督导各级党组织开展党建座谈会交流会",
    "对照检查反馈问题形成工作配档表", "调度各单位制定践行举措", "推出“党旗在一线高高飘扬”系列报道",
    "创建党建主品牌", "开展廉洁警示教育", "落实“第一议题”制度", "深化“双联共建”助力乡村振兴",
    "推动“我为群众办实事”常态化", "制定基层党组织标准化规范化建设工作模板", "组织统战对象座谈会",
    "开展“书记讲党课”活动", "举办岗位技能竞赛", "开展志愿服务活动", "发展党员", "开展主题党日活动",
]  # fmt: skip
LABELS = [
    ("次数", "次"),
    ("参训", "人次"),
    ("条目", "条"),
    ("项目", "项"),
    ("报道", "期"),
    ("金额", "元"),
    ("覆盖率", "%"),
]
DOCTYPES = [
    "实施方案",
    "工作方案",
    "工作总结",
    "工作报告",
    "经验材料",
    "宣传报道",
    "整改方案",
    "通知",
    "讲话稿",
]


@dataclass
class FakeTemplate:
    id: str
    name: str
    category: str
    doctype: str
    keywords: list[str] = field(default_factory=list)
    description: str = ""


def make_workbook(n: int, seed: int = 7) -> Workbook:
    rng = random.Random(seed)
    achievements = []
    for i in range(n):
        title = f"{rng.choice(TITLES)}（第{i + 1}项）"
        metrics = []
        for _ in range(rng.randint(1, 3)):
            label, unit = rng.choice(LABELS)
            value = rng.choice([rng.randint(1, 50), rng.randint(100, 2000), rng.randint(1, 60) * 10000])
            metrics.append(
                Metric(
                    label,
                    value if unit != "%" else rng.randint(50, 100),
                    unit,
                    rng.choice(["", "", "余", "累计"]),
                )
            )
        achievements.append(
            Achievement(
                title=title,
                category=rng.choice(CATEGORIES),
                metrics=metrics,
                date=f"2022-{rng.randint(1, 12):02d}",
                owner=rng.choice(["党群工作部", "各党总支", "工会", None]),
                detail=rng.choice(
                    ["凝聚共识、集聚智慧", "形成层层抓落实的工作格局", "切实促进农民增收", None]
                ),
                tags=rng.sample(
                    ["整改", "宣传", "培训", "品牌", "乡村振兴", "调研", "廉洁"], rng.randint(0, 2)
                ),
            )
        )
    return Workbook(
        unit="党群工作部（党委统战部）",
        period="2022年",
        fields={"主题": "作风建设"},
        achievements=achievements,
    )


def fake_templates(count: int) -> list[Any]:
    rng = random.Random(11)
    out = []
    for i in range(count):
        cat = CATEGORIES[i % 7]
        doctype = DOCTYPES[i % len(DOCTYPES)]
        words = rng.sample(
            ["整改", "宣传", "培训", "品牌", "乡村振兴", "调研", "廉洁", "第一议题", "支部", "作风"], 3
        )
        out.append(
            FakeTemplate(
                f"{CATEGORY_PREFIXES[cat]}-t{i:02d}",
                f"{cat}{doctype}",
                cat,
                doctype,
                words,
                f"用于{cat}的{doctype}",
            )
        )
    return out


def catalog(count: int) -> tuple[list[Any], str]:
    try:
        from assistant.templating import load_catalog

        loaded = load_catalog()
        templates = list(getattr(loaded, "templates", loaded))
        if templates:
            return templates, "模板库"
    except Exception:  # noqa: BLE001 - the catalogue may not be built yet; fall back to fakes
        pass
    return fake_templates(count), "虚拟模板"


def best_of(repeat: int, fn: Callable[[], Any]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="台账引擎性能测试")
    parser.add_argument("--n", type=int, default=500, help="成效事项数（默认 500）")
    parser.add_argument("--repeat", type=int, default=5, help="每项重复次数，取最好成绩（默认 5）")
    parser.add_argument("--templates", type=int, default=85, help="没有模板库时生成的虚拟模板数（默认 85）")
    args = parser.parse_args(argv)

    from assistant.compose.matching import group_achievements, suggest
    from assistant.ledger.categorize import _jieba, words
    from assistant.ledger.figcheck import check_figures
    from assistant.ledger.figures import figure_sentence

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.yaml"
        save_workbook(make_workbook(args.n), path)
        wb = load_workbook(path)
        n_metrics = wb.metric_count()
        t_load = best_of(args.repeat, lambda: load_workbook(path))
        t_save = best_of(args.repeat, lambda: save_workbook(wb, path))

    start = time.perf_counter()
    _jieba()
    t_jieba = time.perf_counter() - start

    templates, kind = catalog(args.templates)

    def cold_suggest() -> None:
        words.cache_clear()  # measure tokenising too, not only the cache
        suggest(wb, templates)

    t_suggest = best_of(args.repeat, cold_suggest)
    t_group = best_of(
        args.repeat, lambda: [group_achievements(wb.achievements, 4, g) for g in ("category", "tag", "order")]
    )
    sentences: list[str] = []
    t_sentences = best_of(
        args.repeat, lambda: sentences.__setitem__(slice(None), [figure_sentence(a) for a in wb.achievements])
    )
    text = "\n".join(sentences)
    t_check = best_of(args.repeat, lambda: check_figures(wb.achievements, text, wb.fields))

    total = t_suggest + t_group
    print(
        f"台账：{len(wb.achievements)}项成效、{n_metrics}个数据；{kind}{len(templates)}个；每项取{args.repeat}次最好成绩"
    )
    rows = [
        ("载入台账（基线）", t_load),
        ("保存台账", t_save),
        ("jieba 首次载入（一次性）", t_jieba),
        ("推荐模板 suggest", t_suggest),
        ("分组 group ×3 种方式", t_group),
        ("成效句 figure_sentence", t_sentences),
        ("数据核对 check_figures", t_check),
    ]
    for name, seconds in rows:
        print(f"  {name:<24}{seconds * 1000:9.1f} 毫秒   {seconds / t_load:6.2f}×基线")
    verdict = "达标" if total < 1.0 else "未达标"
    print(f"推荐 + 分组 合计 {total * 1000:.1f} 毫秒（目标 < 1000 毫秒，jieba 已载入）：{verdict}")
    return 0 if total < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
