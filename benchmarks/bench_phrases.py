"""Benchmark: phrase-bank search on the real bank and on a synthetic 100,000-entry bank, against
a naive linear scan over the same entries (the peer baseline, measured in the same run).

Targets (issue "Phrase bank and heading composer"): a search answers in under 10 ms in-process
on the whole bank, and under 50 ms on a bank grown to 100,000 entries. Run:

    python benchmarks/bench_phrases.py [--n 100000] [--repeat 5]

Each query is timed best-of --repeat after one warm-up run (jieba, pypinyin and the indexes are
built on first use and reported separately). The baseline scans every entry per query: substring
on the text, tag equality, and pinyin initials precomputed per entry, which is the cheapest a
scan can be; it shows what the posting-list index buys.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.categories import THEMES  # noqa: E402
from assistant.phrasebank import Entry, PhraseBank, load_bank  # noqa: E402
from assistant.phrasebank.model import ROLES, STRUCTURES  # noqa: E402
from assistant.phrasebank.search import SearchIndex, pinyin_of  # noqa: E402

#: Queries of every kind a writer types: text, words, tags, pinyin initials and full pinyin.
QUERIES: tuple[tuple[str, str], ...] = (
    ("提高站位", "整句"),
    ("责任", "词"),
    ("高", "单字"),
    ("作风", "标签＋词"),
    ("纪律建设", "主题名"),
    ("加强纪律监督", "按意思（jieba）"),
    ("tgzw", "拼音首字母"),
    ("ys", "首字母前缀"),
    ("tigao", "全拼"),
    ("高质量", "成套/对仗中的词"),
)


def synthetic_bank(n: int, real: Sequence[Entry], seed: int = 3) -> list[Entry]:
    """`n` four-character phrases built from the real bank's characters (so postings are as
    skewed as in real text), tagged with random themes, roles and structures."""
    rng = random.Random(seed)
    chars = [ch for e in real if e.kind == "phrase" for ch in e.text] or list(
        "提高站位压实责任倒排工期贯通结合"
    )
    out: list[Entry] = [e for e in real]
    seen = {e.text for e in out}
    while len(out) < n:
        text = "".join(rng.choice(chars) for _ in range(4))
        if text in seen:
            continue
        seen.add(text)
        out.append(Entry("phrase", text, rng.choice(THEMES), rng.choice(ROLES), rng.choice(STRUCTURES)))
    return out


class LinearScan:
    """The baseline: every entry examined per query (pinyin precomputed, like the index)."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = list(entries)
        self.pinyin = [pinyin_of(e.head or e.text) for e in self.entries]

    def search(self, query: str, limit: int = 20) -> list[Entry]:
        q = query.strip()
        latin = q.isascii()
        scored: list[tuple[int, int]] = []
        for i, e in enumerate(self.entries):
            score = 0
            if latin:
                full, initials = self.pinyin[i]
                if initials.startswith(q):
                    score = 90 if initials == q else 70
                elif full.startswith(q):
                    score = 65
            else:
                hay = e.text + e.name + "".join(e.items)
                if e.text == q:
                    score = 100
                elif q in hay:
                    score = 60
                if q in (e.role, e.theme, e.structure):
                    score += 30
            if score:
                scored.append((-score, i))
        scored.sort()
        return [self.entries[i] for _, i in scored[:limit]]


def best_of(repeat: int, fn: Callable[[], Any]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def run(label: str, entries: Sequence[Entry], repeat: int, target_ms: float) -> bool:
    index_holder: list[SearchIndex] = []
    build = timed(lambda: index_holder.append(SearchIndex(entries)))
    index = index_holder[0]
    pinyin = timed(lambda: index.search("tgzw"))  # builds the pinyin postings
    scan_holder: list[LinearScan] = []
    scan_build = timed(lambda: scan_holder.append(LinearScan(entries)))
    scan = scan_holder[0]
    print(f"\n{label}：{len(entries)} 条；建索引 {build * 1000:.0f} 毫秒，拼音索引 {pinyin * 1000:.0f} 毫秒，"
          f"基线预计算拼音 {scan_build * 1000:.0f} 毫秒")  # fmt: skip
    print(f"  {'查询':<14}{'类型':<16}{'索引（毫秒）':>12}{'线性扫描（毫秒）':>18}{'倍数':>8}  命中首条")
    worst = 0.0
    for query, kind in QUERIES:
        index.search(query)  # warm-up (jieba on the first meaning query)
        t_index = best_of(repeat, lambda q=query: index.search(q))  # type: ignore[misc]
        t_scan = best_of(max(1, repeat // 2), lambda q=query: scan.search(q))  # type: ignore[misc]
        worst = max(worst, t_index)
        top = index.search(query, 1)
        first = top[0].text[:14] if top else "—"
        print(
            f"  {query:<14}{kind:<16}{t_index * 1000:12.2f}{t_scan * 1000:18.2f}{t_scan / max(t_index, 1e-9):8.1f}×  {first}"
        )
    ok = worst * 1000 < target_ms
    print(f"  最慢查询 {worst * 1000:.2f} 毫秒（目标 < {target_ms:.0f} 毫秒）：{'达标' if ok else '未达标'}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="短语库搜索性能测试")
    parser.add_argument("--n", type=int, default=100_000, help="合成词库的条目数（默认 100000）")
    parser.add_argument("--repeat", type=int, default=5, help="每个查询重复次数，取最好成绩（默认 5）")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    bank: PhraseBank = load_bank()
    t_load = time.perf_counter() - start
    from assistant.phrasebank.search import _jieba

    t_jieba = timed(_jieba)
    counts = bank.counts()
    print(f"载入词库 {t_load * 1000:.0f} 毫秒（{len(bank)} 条："
          f"短语 {counts['phrase']}，对仗 {counts['pair']}，成套 {counts['set']}，框架 {counts['framework']}）；"
          f"jieba 首次载入 {t_jieba * 1000:.0f} 毫秒（一次性）")  # fmt: skip
    t_compose = best_of(args.repeat, lambda: bank.compose(4, theme="作风建设", seed=7))
    print(f"组标题 compose(4, 作风建设) {t_compose * 1000:.2f} 毫秒")
    ok_real = run("内置词库", bank.all_entries, args.repeat, 10)
    ok_big = run("合成词库", synthetic_bank(args.n, bank.all_entries), args.repeat, 50)
    return 0 if ok_real and ok_big else 1


if __name__ == "__main__":
    sys.exit(main())
