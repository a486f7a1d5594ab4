"""Break a long 公文 title into balanced lines at word boundaries (GB/T 9704 7.3.1).

A title that does not fit on one line is split where jieba sees a word boundary, never inside
a word or a 《书名》, into lines that form a trapezoid (lengths rising or falling) or a diamond
(the middle line longest), never an hourglass or a ragged last word. Lines are returned
without trailing spaces; the writer centres each one.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

from assistant.document import gbt9704

#: Characters of 2号 type that fit in the 156 mm text block.
MAX_TITLE_CHARS = int(
    gbt9704.TEXT_WIDTH_MM / gbt9704.MM_PER_PT / gbt9704.char_pitch_pt(gbt9704.TITLE.size_pt)
)
_NO_LINE_START = set("的和与及等之、，。；：？！”’）》〕】")
#: Openers and one-character prepositions that must not end a line (以|“四高”, 对|标).
_NO_LINE_END = set("“‘（《〔【以对在把将为从向和与及")


def _boundaries(title: str) -> list[int]:
    """Offsets where a line may break: jieba word edges outside 《》 and quotes."""
    from assistant.segment import cut

    cuts: list[int] = []
    pos = 0
    for word in cut(title):
        pos += len(word)
        cuts.append(pos)
    depth = 0
    inside: set[int] = set()
    for i, ch in enumerate(title):
        if ch in "《“（【〔":
            depth += 1
        elif ch in "》”）】〕" and depth:
            depth -= 1
        if depth:
            inside.add(i + 1)
    # Never split a figure from its unit or its digits from each other (104|周年, 20|23年).
    return [c for c in cuts[:-1] if c not in inside and not title[c - 1].isdigit()]


def _shape_cost(lengths: list[int]) -> float:
    """Lower is better: balanced, trapezoid or diamond, no hourglass."""
    n = len(lengths)
    spread = max(lengths) - min(lengths)
    mean = sum(lengths) / n
    cost = float(spread) + 0.5 * sum(abs(x - mean) for x in lengths) / n
    if n >= 3:
        mid = lengths[1:-1]
        if min(mid) < min(lengths[0], lengths[-1]):
            cost += 20  # hourglass
        monotonic = all(a <= b for a, b in itertools.pairwise(lengths)) or all(
            a >= b for a, b in itertools.pairwise(lengths)
        )
        diamond = max(mid) >= max(lengths[0], lengths[-1])
        if not (monotonic or diamond):
            cost += 10
    if lengths[-1] <= 2:
        cost += 30  # a widow word alone on the last line
    return cost


@lru_cache(maxsize=256)
def _break(title: str, width: int) -> tuple[str, ...]:
    if len(title) <= width:
        return (title,)
    cuts = _boundaries(title) or list(range(1, len(title)))
    best: tuple[float, tuple[str, ...]] | None = None
    min_lines = -(-len(title) // width)
    if min_lines > 4:  # not a title any more; avoid a combinatorial search
        return tuple(title[i : i + width] for i in range(0, len(title), width))
    for n in range(min_lines, min_lines + 2):
        for combo in itertools.combinations(cuts, n - 1):
            edges = [0, *combo, len(title)]
            lines = [title[a:b] for a, b in itertools.pairwise(edges)]
            if any(len(line) > width for line in lines):
                continue
            cost = _shape_cost([len(line) for line in lines]) + 8 * (n - min_lines)
            for line in lines[1:]:
                if line[0] in _NO_LINE_START:
                    cost += 25
            for line in lines[:-1]:
                if line[-1] in _NO_LINE_END:
                    cost += 25
            if best is None or cost < best[0]:
                best = (cost, tuple(lines))
        if best is not None and n > min_lines:
            break
    if best is None:  # no boundary fits: cut by width
        return tuple(title[i : i + width] for i in range(0, len(title), width))
    return best[1]


def break_title(title: str, width: int = MAX_TITLE_CHARS) -> list[str]:
    """The title's lines; a title that fits stays on one line."""
    return list(_break(title.strip(), width))
