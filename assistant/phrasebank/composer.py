"""Composing a parallel set of headings from the bank.

A set is good when its headings have the same length and structure, do not repeat a head word
(the first two characters), do not put the same character in the same position, and cover
different roles (站位, 责任, 落实 …) of one theme. Choice is deterministic: candidates are ranked
by theme (the theme's own entries, then 通用, then other themes as a last resort), by overlap
with the caller's hints, and then by a key from `random.Random` seeded with the arguments, so
the same arguments always give the same set and another `seed` gives an alternative.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.categories import THEMES
from assistant.errors import WenmiError
from assistant.phrasebank.model import (
    GENERAL_THEME,
    PAIR_SEPARATORS,
    PATTERN_LABELS,
    PATTERNS,
    ROLES,
    Entry,
    resolve_theme,
)

_ROLE_ORDER = {role: i for i, role in enumerate(ROLES)}
#: How well each structure reads as a section heading: 动宾 (提高站位, 压实责任) is the norm.
_STRUCTURE_PREFERENCE = {"动宾": 0, "并列": 1, "动补": 2, "主谓": 3, "偏正": 4}


@dataclass(frozen=True)
class Request:
    count: int
    theme: str | None
    pattern: str
    seed: int
    hints: tuple[str, ...]
    style: str | None
    family: str | None = None

    def rng(self) -> random.Random:
        # A str seed is hashed with SHA-512 by `random`, so this is stable across runs and
        # PYTHONHASHSEED values.
        return random.Random(f"{self.pattern}|{self.theme}|{self.count}|{self.style}|{self.seed}")

    def tier(self, theme: str) -> int:
        """0 for the requested theme (or any when none is asked), 1 for 通用, 2 for the others."""
        if self.theme is None or theme == self.theme:
            return 0
        return 1 if theme == GENERAL_THEME else 2


def make_request(count: int, theme: str | None, pattern: str, seed: int, hints: Sequence[str],
                 style: str | None, family: str | None = None) -> Request:  # fmt: skip
    """Checked arguments (WenmiError saying what is allowed otherwise)."""
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise WenmiError(f"标题个数应是正整数，不是“{count}”", field="count")
    if pattern not in PATTERNS:
        options = "、".join(f"{p}（{PATTERN_LABELS[p]}）" for p in PATTERNS)
        raise WenmiError(f"没有“{pattern}”这种标题样式", field="pattern", hint=f"可选：{options}")
    resolved = None
    if theme is not None and str(theme).strip():
        resolved = resolve_theme(str(theme))
        if resolved is None:
            raise WenmiError(f"没有名为“{theme}”的主题", field="theme", hint=f"可选：{'、'.join(THEMES)}")
    if style is not None and style not in PAIR_SEPARATORS:
        raise WenmiError(
            f"没有“{style}”这种对仗样式", field="style", hint="可选：space（空格）、comma（逗号）"
        )
    words = tuple(dict.fromkeys(h.strip() for h in hints if h and len(h.strip()) >= 2))
    return Request(count, resolved, pattern, int(seed), words, style, family or None)


def hint_score(entry: Entry, hints: Sequence[str]) -> int:
    """How well an entry fits the sections' words: a word in its text, or naming its role."""
    if not hints:
        return 0
    hay = entry.text + entry.name
    score = sum(2 for h in hints if h in hay) + sum(2 for h in hints if h == entry.role)
    return min(score, 6)


def compose(entries: Sequence[Entry], request: Request) -> list[str]:
    if request.pattern == "framework":
        return _framework(entries, request)
    if request.pattern == "pair":
        return _pairs(entries, request)
    return _phrases(entries, request)


# --- phrases ---------------------------------------------------------------------------------


def _phrases(entries: Sequence[Entry], req: Request) -> list[str]:
    rng = req.rng()
    pool = [e for e in entries if e.kind == "phrase"]
    key = {id(e): (req.tier(e.theme), -hint_score(e, req.hints), rng.random()) for e in pool}
    by_structure: dict[str, list[Entry]] = defaultdict(list)
    for e in sorted(pool, key=lambda e: key[id(e)]):
        by_structure[e.structure].append(e)
    viable = []
    for structure, group in by_structure.items():
        picked = _pick(group, req.count, _phrase_checks(), lambda e: req.tier(e.theme))
        if picked is not None:
            chosen, relaxed = picked
            reach = max(req.tier(e.theme) for e in chosen)
            own = sum(1 for e in group if req.tier(e.theme) == 0)
            viable.append((reach, relaxed, _STRUCTURE_PREFERENCE.get(structure, 9), -own, structure, chosen))
    if not viable:
        raise _impossible(req, _max_phrase_set(by_structure), "四字短语")
    # The structure whose set stays closest to the theme, breaks fewest soft rules and reads
    # most like a heading (动宾 first); another seed sometimes takes 并列 instead when that does
    # as well on theme and rules, more likely the larger pool.
    viable.sort(key=lambda v: v[:5])
    best = viable[0]
    near = [v for v in viable if v[:2] == best[:2] and v[2] <= 1]
    if req.seed and len(near) > 1 and rng.random() < 0.25:
        best = rng.choices(near, weights=[max(-v[3], 1) for v in near])[0]
    chosen = sorted(best[5], key=lambda e: _ROLE_ORDER.get(e.role, len(_ROLE_ORDER)))
    return [e.text for e in chosen]


def _max_phrase_set(by_structure: dict[str, list[Entry]]) -> int:
    return max((len({e.headword for e in g}) for g in by_structure.values()), default=0)


# A check says whether a candidate may join the chosen ones; `_pick` drops the soft checks one
# by one (last first) until the set can be completed. The first check is never dropped.
Check = Callable[[Entry, list[Entry]], bool]


def _phrase_checks() -> list[Check]:
    def distinct_head(e: Entry, chosen: list[Entry]) -> bool:
        return all(e.headword != c.headword for c in chosen)

    def distinct_positions(e: Entry, chosen: list[Entry]) -> bool:
        return all(not _same_position(e.text, c.text) for c in chosen)

    def distinct_role(e: Entry, chosen: list[Entry]) -> bool:
        return all(e.role != c.role for c in chosen)

    def distinct_tail(e: Entry, chosen: list[Entry]) -> bool:
        return all(e.text[2:] != c.text[2:] for c in chosen)

    return [distinct_head, distinct_tail, distinct_positions, distinct_role]


def _same_position(a: str, b: str) -> bool:
    return any(x == y for x, y in zip(a, b, strict=False))


def _pick(ranked: Sequence[Entry], count: int, checks: list[Check],
          tier: Callable[[Entry], int] = lambda e: 0) -> tuple[list[Entry], int] | None:  # fmt: skip
    """`count` entries in rank order passing the checks, and how many soft checks were dropped;
    None if even the first check cannot be met.

    Tries the requested theme alone and then with 通用 under all checks, then relaxes the soft
    checks (last first) before reaching into other themes."""
    strict = len(checks)
    attempts = [(0, strict), (1, strict)]
    attempts += [(1, n) for n in range(strict - 1, 0, -1)]
    attempts += [(2, n) for n in range(strict, 0, -1)]
    for max_tier, strictness in attempts:
        active = checks[:strictness]
        chosen: list[Entry] = []
        for e in ranked:
            if tier(e) > max_tier or not all(check(e, chosen) for check in active):
                continue
            chosen.append(e)
            if len(chosen) == count:
                return chosen, strict - strictness
    return None


# --- pairs -----------------------------------------------------------------------------------


def _pairs(entries: Sequence[Entry], req: Request) -> list[str]:
    rng = req.rng()
    groups: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for e in entries:
        style_ok = req.style is None or e.style == req.style
        if e.kind == "pair" and style_ok and (req.family is None or e.group == req.family):
            groups[(e.group, e.style)].append(e)
    if req.family is not None and not groups:
        raise _unknown_family(req, entries, "pair")
    if req.family is not None:
        # A named family has a canonical order (高标准, 高质量, 高规格, 高效率): take its first members.
        members = next(iter(groups.values()))
        if len(members) < req.count:
            raise _impossible(req, len(members), "对仗标题（同一组）")
        return [e.text for e in members[: req.count]]
    options = []
    largest = 0
    for (name, style), members in groups.items():
        tier = min(req.tier(e.theme) for e in members)
        score = sum(hint_score(e, req.hints) for e in members)
        ranked = sorted(members, key=lambda e: (req.tier(e.theme), -hint_score(e, req.hints), rng.random()))
        picked = _pick_pairs(ranked, req.count)
        if picked is None:
            largest = max(largest, len(members))
            continue
        chosen, relaxed = picked
        options.append((tier, relaxed, -min(score, 6), rng.random(), name, style, chosen))
    if not options:
        raise _impossible(req, largest, "对仗标题（同一组）")
    # The group nearest the theme that keeps most rules and fits the hints best; the seed
    # decides among equals.
    chosen = min(options, key=lambda o: o[:4])[6]
    order = {id(e): i for i, e in enumerate(entries)}
    return [e.text for e in sorted(chosen, key=lambda e: order[id(e)])]


def _pick_pairs(ranked: Sequence[Entry], count: int) -> tuple[list[Entry], int] | None:
    """Pairs of one group: distinct head words and tail words after what the whole group shares
    (聚焦… / 高…), heads of one length, tails of one length when possible."""
    if len(ranked) < count:
        return None
    head_skip = len(_common_prefix([e.head for e in ranked]))
    tail_skip = len(_common_prefix([e.tail for e in ranked]))

    def distinct_head(e: Entry, chosen: list[Entry]) -> bool:
        word = e.head[head_skip : head_skip + 2]
        return all(len(e.head) == len(c.head) and word != c.head[head_skip : head_skip + 2] for c in chosen)

    def distinct_tail(e: Entry, chosen: list[Entry]) -> bool:
        word = e.tail[tail_skip : tail_skip + 2]
        return all(word != c.tail[tail_skip : tail_skip + 2] for c in chosen)

    def distinct_words(e: Entry, chosen: list[Entry]) -> bool:
        mine = _words(e.head[head_skip:])
        return all(not mine & _words(c.head[head_skip:]) for c in chosen)

    def tail_length(e: Entry, chosen: list[Entry]) -> bool:
        return all(len(e.tail) == len(c.tail) for c in chosen)

    def distinct_positions(e: Entry, chosen: list[Entry]) -> bool:
        return all(not _same_position(e.head[head_skip:], c.head[head_skip:]) for c in chosen)

    # Heads of one length may start anywhere in the ranking: try each length, best ranked
    # first, and keep the set that breaks fewest soft rules.
    checks: list[Check] = [distinct_head, distinct_tail, distinct_words, tail_length, distinct_positions]
    best: tuple[list[Entry], int] | None = None
    for length in dict.fromkeys(len(e.head) for e in ranked):
        picked = _pick([e for e in ranked if len(e.head) == length], count, checks)
        if picked is not None and (best is None or picked[1] < best[1]):
            best = picked
    return best


def _words(text: str) -> set[str]:
    """The two-character words of a heading read in pairs (抓实党员教育 -> 抓实, 党员, 教育)."""
    return {text[i : i + 2] for i in range(0, len(text) - 1, 2)}


def _common_prefix(texts: Sequence[str]) -> str:
    if len(texts) < 2:
        return ""
    first, last = min(texts), max(texts)
    n = 0
    while n < min(len(first), len(last)) and first[n] == last[n]:
        n += 1
    return first[:n]


# --- frameworks ------------------------------------------------------------------------------


def _framework(entries: Sequence[Entry], req: Request) -> list[str]:
    rng = req.rng()
    pool = [e for e in entries if e.kind == "framework" and (req.family is None or e.name == req.family)]
    if req.family is not None and not pool:
        raise _unknown_family(req, entries, "framework")
    fits = [e for e in pool if len(e.items) >= req.count]
    if not fits:
        raise _impossible(req, max((len(e.items) for e in pool), default=0), "数字框架的项")
    ranked = sorted(
        fits,
        key=lambda e: (req.tier(e.theme), len(e.items) != req.count, -hint_score(e, req.hints), rng.random()),
    )
    return list(ranked[0].items[: req.count])


def _unknown_family(req: Request, entries: Sequence[Entry], kind: str) -> WenmiError:
    import difflib

    names = sorted({e.group if kind == "pair" else e.name for e in entries if e.kind == kind} - {""})
    close = difflib.get_close_matches(req.family or "", names, n=3, cutoff=0.3)
    what = "对仗标题组" if kind == "pair" else "数字框架"
    hint = f"是否要写：{'、'.join(close)}？" if close else f"可用 wenmi phrases list --kind {kind} 查看"
    return WenmiError(f"短语库中没有名为“{req.family}”的{what}", field="family", hint=hint)


def _impossible(req: Request, most: int, what: str) -> WenmiError:
    where = f"主题“{req.theme}”及通用词库" if req.theme else "词库"
    style = f"（{req.style}样式）" if req.style else ""
    return WenmiError(
        f"{where}凑不出{req.count}个成套的{PATTERN_LABELS[req.pattern]}{style}：最多{most}个{what}",
        field="count",
        hint=f"把个数减到{most}个以内，换一种标题样式，或在用户词库中补充短语"
        if most
        else "在用户词库中补充短语",
    )
