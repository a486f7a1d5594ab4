"""Benchmark: composed section headings on the evaluation workbooks (benchmarks/compose_eval).

For every workbook, the first three suggested templates whose headings are composed (not written
in the template) are rendered, and every heading is read against the achievements under it:

- claims: headings naming a practice, a thing or people the section never mentions
  (“用好学习强国平台” over sessions that never used it) — `assistant.compose.claims`;
- vacuous: headings that name nothing the section says (“创新方法　多举措激发工作活力”);
- rows undescribed: achievements whose own words say nothing their heading names (a mixed
  section: “服务党员” over “机关党总支负总责”);
- reused: headings that recur in more than a third of the workbooks' documents — one set for
  every unit reads as a form, not as this unit's work.

`--show` prints each set with the achievements under each heading, for an editor's reading.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from assistant.compose.claims import claims, group_text, named, supported  # noqa: E402
from assistant.compose.pipeline import compose_markup  # noqa: E402
from assistant.compose.recommend import recommend as suggest  # noqa: E402
from assistant.ledger.files import load_workbook  # noqa: E402
from assistant.templating.catalog import load_catalog  # noqa: E402
from benchmarks.bench_compose import case_paths  # noqa: E402

EVAL = HERE / "compose_eval"
PER_WORKBOOK = 3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--show", action="store_true", help="print every set with its sections")
    parser.add_argument(
        "--skip-batch", type=int, action="append", default=[], help="leave out the cases whose key says batch: N"
    )
    args = parser.parse_args(argv)
    catalog = load_catalog()
    sets: list[dict] = []
    for path in case_paths(args.skip_batch):
        workbook = load_workbook(path)
        shown = 0
        for s in suggest(workbook, catalog.all()):
            template = catalog.get(s.id)
            plan = template.sections
            if plan is None or plan.pattern == "none" or plan.headings:
                continue
            result = compose_markup(template, workbook)
            rows = []
            for section in result.sections:
                group = [workbook.achievements[i] for i in section.indices]
                text = group_text(group)
                rows.append(
                    {
                        "heading": section.heading,
                        "claims": list(claims(section.heading, group, text)),
                        "vacuous": not supported(section.heading, group, text),
                        "items": [a.title for a in group],
                        # rows the heading says nothing of (a mixed section under one heading)
                        "undescribed": [a.title for a in group if not named(section.heading, [a])],
                    }
                )
            sets.append({"case": path.stem, "template": template.id, "sections": rows})
            shown += 1
            if shown == PER_WORKBOOK:
                break
    headings = [r for s in sets for r in s["sections"]]
    per_doc = Counter(h for s in sets for h in {r["heading"] for r in s["sections"]})
    cases = len({s["case"] for s in sets})
    by_case = Counter()
    for s in sets:
        for h in {r["heading"] for r in s["sections"]}:
            by_case[(s["case"], h)] = 1
    case_count = Counter(h for (_c, h) in by_case)
    reused = sorted(h for h, n in case_count.items() if n * 3 > cases)
    summary = {
        "sets": len(sets),
        "headings": len(headings),
        "with_claims": sum(bool(r["claims"]) for r in headings),
        "vacuous": sum(r["vacuous"] for r in headings),
        "sets_clean": sum(all(not r["claims"] and not r["vacuous"] for r in s["sections"]) for s in sets),
        "rows": sum(len(r["items"]) for r in headings),
        "rows_undescribed": sum(len(r["undescribed"]) for r in headings),
        "reused_across_workbooks": len(reused),
        "distinct_headings": len(per_doc),
    }
    if args.json:
        print(json.dumps({"summary": summary, "reused": reused, "sets": sets}, ensure_ascii=False, indent=1))
        return 0
    if args.show:
        for n, s in enumerate(sets, start=1):
            print(f"== {n}. {s['case']} / {s['template']}")
            for r in s["sections"]:
                mark = "  声称：" + "、".join(r["claims"]) if r["claims"] else ("  空泛" if r["vacuous"] else "")
                print(f"   {r['heading']}{mark}")
                for title in r["items"]:
                    print(f"        {'x' if title in r['undescribed'] else '-'} {title[:40]}")
        print()
    for key, value in summary.items():
        print(f"{key:28} {value}")
    if reused:
        print("reused: " + "；".join(reused))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
