"""Benchmark: what `wenmi check` finds on documents with planted defects, and what it says about
clean ones; with --fix, what `wenmi fix` repairs.

    python benchmarks/bench_check.py [--json] [--fix] [--corpus DIR] [--no-office]

The corpus is written by `benchmarks/check_eval/make_corpus.py` (into a temporary folder unless
--corpus names one that already holds a key.yaml). `--corpus benchmarks/check_eval2` (a folder with
a make_corpus.py of its own and no documents) writes that corpus into a temporary folder.
A planted defect counts as found when a finding of its category is reported, on its paragraph
when the key names one. Reported:

- recall per category, and overall;
- defective documents that exit 1 (an error was found);
- findings on clean documents (errors and warnings): every one is a false alarm;
- findings on defective documents that match no planted defect (not all are wrong: a defect
  often shows in more than one way);
- time per document;
- with --fix: per defective document, the errors left after `wenmi fix` and whether the text
  was kept apart from the mended characters.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks" / "check_eval"))

#: Categories of the rules of the first `wenmi check`, which had none.
LEGACY = {
    "page-size": "layout", "margins": "layout", "body-font": "font", "heading-font": "font",
    "theme-font": "font", "body-size": "size", "title-size": "size", "numbering": "numbering",
    "punctuation": "punctuation", "date": "numbers", "page-number": "header_footer",  # kept as ids
    "figure-missing": "figures", "review-mark": "structure",
}  # fmt: skip
_LEGACY_WHERE = re.compile(r"第(\d+)段")


def run_cli(argv: list[str]) -> tuple[int, str]:
    from assistant.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue()


def findings_of(path: Path, workbook: Path | None) -> tuple[int, list[dict[str, Any]], float]:
    argv = ["check", str(path), "--format", "json"] + (["--workbook", str(workbook)] if workbook else [])
    t = time.perf_counter()
    code, out = run_cli(argv)
    elapsed = time.perf_counter() - t
    try:
        raw = json.loads(out) if out.strip() else []
    except json.JSONDecodeError:
        raw = []
    if isinstance(raw, dict):
        raw = raw.get("findings", [])
    return code, [normalise(f) for f in raw], elapsed


def normalise(f: dict[str, Any]) -> dict[str, Any]:
    """category, paragraph and severity of a finding, from either JSON form."""
    category = f.get("category") or LEGACY.get(f.get("rule", ""), "?")
    where = f.get("where")
    paragraph = f.get("paragraph")
    if paragraph is not None:
        pass
    elif isinstance(where, dict):
        paragraph = where.get("paragraph")
    elif isinstance(where, str):
        m = _LEGACY_WHERE.search(where)
        paragraph = int(m.group(1)) if m else None
    return {"rule": f.get("rule"), "category": category, "paragraph": paragraph, "severity": f.get("severity"),
            "message": f.get("message", "")}


def match(defects: list[dict[str, Any]], findings: list[dict[str, Any]]) -> tuple[list[bool], list[dict[str, Any]]]:
    """Which defects were found (each finding accounts for one defect), and the findings left over."""
    free = list(findings)
    found = [False] * len(defects)
    order = sorted(range(len(defects)), key=lambda i: defects[i]["paragraph"] is None)
    for i in order:
        d = defects[i]
        for f in free:
            if f["category"] == d["category"] and (d["paragraph"] is None or f["paragraph"] == d["paragraph"]):
                found[i] = True
                free.remove(f)
                break
    return found, free


def text_of(path: Path) -> str:
    import docx

    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        parts += [c.text for row in t.rows for c in row.cells]
    return "\n".join(parts)


#: What `fix` may change: punctuation (half-width, full-width dots, 「」 quotes), digits and dates.
_MENDABLE = re.compile(r"[\s,.;:?!()\"'，。；：？！（）“”‘’「」『』．、…—\-/0-9０-９〇零一二三四五六七八九十年月日<>《》«»‹›]")


def fix_document(src: Path, dest: Path, workbook: Path | None) -> dict[str, Any]:
    """`wenmi fix` on `src`; then what the check says of the result. A category of change that
    fix claims is repaired when no finding of that category is left."""
    t = time.perf_counter()
    code, out = run_cli(["fix", str(src), "-o", str(dest), "--force", "--format", "json"])
    fix_time = time.perf_counter() - t
    if code not in (0, 1) or not dest.exists():
        return {"fixed": False, "fix_time": fix_time}
    claimed = {c["category"] for c in json.loads(out)["changes"]}
    _, after, _ = findings_of(dest, workbook)
    kept = _MENDABLE.sub("", text_of(src)) == _MENDABLE.sub("", text_of(dest))
    left_cats = {f["category"] for f in after}
    return {
        "fixed": True, "fix_time": fix_time, "errors_after": sum(f["severity"] == "error" for f in after),
        "warnings_after": sum(f["severity"] == "warning" for f in after), "text_kept": kept,
        "left": [f"{f['category']}/{f['rule']}" for f in after if f["severity"] == "error"],
        "claimed": len(claimed), "repaired": len(claimed - left_cats),
        "claimed_not_repaired": sorted(claimed & left_cats),
    }  # fmt: skip


def evaluate(corpus: Path, with_fix: bool) -> dict[str, Any]:
    import yaml

    key = yaml.safe_load((corpus / "key.yaml").read_text(encoding="utf-8"))
    per_cat: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    missed: list[str] = []
    unmatched: Counter[str] = Counter()
    exit1 = 0
    times: list[float] = []
    fixes: list[dict[str, Any]] = []
    fix_dir = Path(tempfile.mkdtemp(prefix="wenmi-fix-"))
    for entry in key["defective"]:
        path = corpus / entry["file"]
        wb = corpus / entry["workbook"] if entry.get("workbook") else None
        code, findings, elapsed = findings_of(path, wb)
        times.append(elapsed)
        exit1 += code == 1
        found, free = match(entry["defects"], findings)
        for d, ok in zip(entry["defects"], found, strict=True):
            per_cat[d["category"]][1] += 1
            per_cat[d["category"]][0] += ok
            if not ok:
                missed.append(f"{entry['file']}: {d['category']} ({d['note']})")
        for f in free:
            unmatched[f"{f['category']}/{f['rule']}"] += 1
        if with_fix:
            fixes.append({"file": entry["file"], **fix_document(path, fix_dir / entry["file"], wb)})
    clean: list[dict[str, Any]] = []
    clean_fix_changes: dict[str, list[str]] = {}
    for entry in key["clean"]:
        path = corpus / entry["file"]
        wb = corpus / entry["workbook"] if entry.get("workbook") else None
        code, findings, elapsed = findings_of(path, wb)
        times.append(elapsed)
        if with_fix:
            _, out = run_cli(["fix", str(path), "--dry-run", "--format", "json"])
            changes = [c["what"] for c in json.loads(out)["changes"]] if out.strip() else ["(fix failed)"]
            if changes:
                clean_fix_changes[entry["file"]] = changes
        clean.append({
            "file": entry["file"], "exit": code,
            "errors": sum(f["severity"] == "error" for f in findings),
            "warnings": sum(f["severity"] != "error" for f in findings),
            "findings": [f"{f['severity']} {f['category']}/{f['rule']} ¶{f['paragraph']}: {f['message']}" for f in findings],
        })  # fmt: skip
    total_found = sum(v[0] for v in per_cat.values())
    total = sum(v[1] for v in per_cat.values())
    result: dict[str, Any] = {
        "documents": {"defective": len(key["defective"]), "clean": len(key["clean"])},
        "recall": {c: {"found": v[0], "planted": v[1], "recall": round(v[0] / v[1], 2)} for c, v in sorted(per_cat.items())},
        "recall_overall": {"found": total_found, "planted": total, "recall": round(total_found / total, 2)},
        "defective_exit_1": exit1,
        "clean_errors": sum(c["errors"] for c in clean),
        "clean_warnings": sum(c["warnings"] for c in clean),
        "clean_exit_0": sum(c["exit"] == 0 for c in clean),
        "clean": clean,
        "missed": missed,
        "unmatched_findings": dict(unmatched.most_common()),
        "seconds_per_document": {"mean": round(sum(times) / len(times), 3), "max": round(max(times), 3)},
    }  # fmt: skip
    if with_fix:
        done = [f for f in fixes if f.get("fixed")]
        result["fix"] = {
            "fixed_documents": len(done),
            "no_error_after_fix": sum(f["errors_after"] == 0 for f in done),
            "text_kept": sum(f["text_kept"] for f in done),
            "seconds_per_document": round(sum(f["fix_time"] for f in fixes) / max(1, len(fixes)), 3),
            "errors_left": {f["file"]: f["left"] for f in done if f["errors_after"]},
            "text_changed": [f["file"] for f in done if not f["text_kept"]],
            "claimed_categories": sum(f["claimed"] for f in done),
            "repaired_categories": sum(f["repaired"] for f in done),
            "claimed_not_repaired": {f["file"]: f["claimed_not_repaired"] for f in done if f["claimed_not_repaired"]},
            "changes_on_clean_documents": clean_fix_changes,
        }  # fmt: skip
    return result


def report(r: dict[str, Any]) -> str:
    lines = [f"语料：{r['documents']['defective']} 份有缺陷的文档，{r['documents']['clean']} 份合格文档", "", "检出率（按类别）："]
    for cat, v in r["recall"].items():
        lines.append(f"  {cat:<14}{v['found']:>3}/{v['planted']:<3} {v['recall']:.2f}")
    o = r["recall_overall"]
    lines += [
        f"  {'合计':<12}{o['found']:>3}/{o['planted']:<3} {o['recall']:.2f}",
        "",
        f"有缺陷文档退出码为 1：{r['defective_exit_1']}/{r['documents']['defective']}",
        f"合格文档：错误 {r['clean_errors']} 个，警告 {r['clean_warnings']} 个，退出码为 0 的 {r['clean_exit_0']}/{r['documents']['clean']}",
    ]
    for c in r["clean"]:
        for f in c["findings"]:
            lines.append(f"  {c['file']}: {f}")
    lines += ["", f"每份文档检查用时：平均 {r['seconds_per_document']['mean']} 秒，最长 {r['seconds_per_document']['max']} 秒"]
    if r["missed"]:
        lines += ["", "漏检："] + [f"  {m}" for m in r["missed"]]
    if r["unmatched_findings"]:
        lines += ["", "有缺陷文档中与预置缺陷对不上的发现（类别/规则：次数）："]
        lines += [f"  {k}: {v}" for k, v in r["unmatched_findings"].items()]
    if "fix" in r:
        f = r["fix"]
        lines += [
            "",
            f"修复：{f['fixed_documents']} 份写出，修复后无错误 {f['no_error_after_fix']} 份，正文保持不变 {f['text_kept']} 份，"
            f"平均用时 {f['seconds_per_document']} 秒",
        ]
        lines.append(f"  声称修复的类别 {f['claimed_categories']} 个，修复后该类别无发现的 {f['repaired_categories']} 个")
        lines += [f"  声称修复但仍有发现 {k}: {', '.join(v)}" for k, v in f["claimed_not_repaired"].items()]
        lines.append(f"  对合格文档做的修改：{sum(len(v) for v in f['changes_on_clean_documents'].values())} 项")
        lines += [f"    {k}: {'；'.join(v)}" for k, v in f["changes_on_clean_documents"].items()]
        lines += [f"  仍有错误 {k}: {', '.join(v)}" for k, v in f["errors_left"].items()]
        lines += [f"  正文被改动：{k}" for k in f["text_changed"]]
    return "\n".join(lines)


def _documents_present(corpus: Path) -> bool:
    import yaml

    if not (corpus / "key.yaml").exists():
        return False
    key = yaml.safe_load((corpus / "key.yaml").read_text(encoding="utf-8"))
    return all((corpus / e["file"]).exists() for e in key["defective"] + key["clean"])


def _generator(path: Path) -> Any:
    import importlib.util

    name = f"make_corpus_{path.parent.name}"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--fix", action="store_true", help="also run `wenmi fix` on every defective document")
    ap.add_argument("--corpus", type=Path, help="folder of the corpus (made there when it has no key.yaml; a folder with its own "
                    "make_corpus.py is made into a temporary folder)")
    ap.add_argument("--no-office", action="store_true", help="no LibreOffice round trips in a new corpus")
    args = ap.parse_args()
    corpus = args.corpus or Path(tempfile.mkdtemp(prefix="wenmi-check-eval-"))
    if (corpus / "make_corpus.py").exists() and not _documents_present(corpus):
        # a corpus folder such as benchmarks/check_eval2: its own generator writes the documents
        out = Path(tempfile.mkdtemp(prefix=f"wenmi-{corpus.name}-"))
        _generator(corpus / "make_corpus.py").make(out, office=not args.no_office)
        corpus = out
    elif not (corpus / "key.yaml").exists():
        from make_corpus import make  # benchmarks/check_eval

        make(corpus, office=not args.no_office)
    result = evaluate(corpus, args.fix)
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else report(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
