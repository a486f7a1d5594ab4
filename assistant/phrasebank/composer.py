"""Composing a parallel set of headings from the bank.

A set is good when its headings have the same length and structure, never repeat a head word
(the first two characters: two headings opening with 聚焦 are not a set, whichever group they
come from), repeat no other word and put no character twice in one position (a frame every
heading of three or more shares, as 高标准/高质量/高规格 after “提高站位　” or 政治引领/理论
引领/组织引领, is the 排比's device, not a repeat), and cover different roles (站位, 责任, 落实 …)
of one theme. Those rules never give way: when the bank cannot meet them the request fails
naming the largest count it can meet. Only different roles may be given up, and reaching into
other themes comes last.

Choice is deterministic. Candidates are ranked by theme (the theme's own entries, then 通用, then
other themes as a last resort), by overlap with the caller's hints, and then by a key from
`random.Random` seeded with the arguments. Seeds come in blocks of `BLOCK` sharing one ranking:
the first seed of a block takes the best set, and each next seed the best set that leaves out
the first choice of every earlier set of the block and prefers headings, groups and structures
those did not use. So seeds 0, 1, 2 … give pairwise different sets for as long as the bank has
material, and then cycle through the sets found.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

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
from assistant.phrasebank.parallel import check_parallel, repeated_openings

_ROLE_ORDER = {role: i for i, role in enumerate(ROLES)}
#: How well each structure reads as a section heading: 动宾 (提高站位, 压实责任) is the norm.
_STRUCTURE_PREFERENCE = {"动宾": 0, "并列": 1, "动补": 2, "主谓": 3, "偏正": 4}
#: Seeds per ranking: seeds 0-7 (8-15, …) share one ranking and are pairwise different sets.
BLOCK = 8
#: Backtracking steps one search may take before giving up on a source.
_SEARCH_BUDGET = 4000

#: Whether a whole set of headings reads as parallel.
Accept = Callable[[Sequence[str]], bool]
#: Whether an entry may join the entries already chosen.
Compatible = Callable[[Entry, list[Entry]], bool]


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
        """The ranking's random source: one per block of `BLOCK` seeds."""
        # A str seed is hashed with SHA-512 by `random`, so this is stable across runs and
        # PYTHONHASHSEED values.
        block = self.seed // BLOCK
        return random.Random(f"{self.pattern}|{self.theme}|{self.count}|{self.style}|{block}")

    @property
    def turn(self) -> int:
        """Which set of its block the seed asks for (0 the best)."""
        return self.seed % BLOCK

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


def compose(entries: Sequence[Entry], request: Request, accept: Accept | None = None) -> list[str]:
    """The set `request` asks for. `accept` says whether a whole set reads as parallel (the bank
    passes its `check` plus `repeated_openings`); the composer's own rules already imply it for
    tagged phrases, so it matters for frames, pairs and untagged user phrases."""
    if accept is None:
        accept = _default_accept(entries)
    if request.pattern == "framework":
        return _framework(entries, request, accept)
    if request.pattern == "pair":
        return _pairs(entries, request, accept)
    return _phrases(entries, request, accept)


def _default_accept(entries: Sequence[Entry]) -> Accept:
    structures = {e.text: e.structure for e in entries if e.kind == "phrase" and e.structure}

    def accept(headings: Sequence[str]) -> bool:
        return not check_parallel(headings, structures) and not repeated_openings(headings)

    return accept


# --- alternatives ----------------------------------------------------------------------------


@dataclass
class _Turns:
    """What the earlier sets of a seed block chose: their first choices (left out from now on),
    all their headings (ranked after fresh ones), the sets themselves, and how often each source
    (a structure, a pair group) gave the set."""

    excluded: set[int] = field(default_factory=set)
    used: set[int] = field(default_factory=set)
    seen: set[frozenset[int]] = field(default_factory=set)
    usage: Counter[str] = field(default_factory=Counter)

    def search(self, ranked: Sequence[Entry], count: int, tier: Callable[[Entry], int],
               compatible: Compatible, accept: Callable[[list[Entry]], bool]) -> list[Entry] | None:  # fmt: skip
        """The first set in `ranked` without the earlier first choices, fresh headings of a tier
        before used ones; failing that, the first set not found before."""

        def rank(exclude: bool) -> list[Entry]:
            kept = [e for e in ranked if not (exclude and id(e) in self.excluded)]
            return sorted(kept, key=lambda e: (tier(e), id(e) in self.used))

        found = _first_set(rank(True), count, compatible, accept)
        if found is not None or not self.excluded:
            return found

        def novel(chosen: list[Entry]) -> bool:
            return frozenset(id(e) for e in chosen) not in self.seen and accept(chosen)

        return _first_set(rank(False), count, compatible, novel)

    def record(self, chosen: Sequence[Entry], source: str) -> None:
        self.excluded.add(id(chosen[0]))
        self.used.update(id(e) for e in chosen)
        self.seen.add(frozenset(id(e) for e in chosen))
        self.usage[source] += 1


#: One turn: the best set left given what earlier turns chose, and the source it came from.
Turn = Callable[[_Turns], "tuple[list[Entry], str] | None"]


def _alternative(turn: int, best: Turn) -> list[Entry] | None:
    """The set for position `turn` of a seed block.

    Set j is the best set that leaves out the first choice of every set before it, so sets
    0 … j are pairwise different (set i holds its first choice, set j does not); where no such
    set is left, the best set not found before. When the bank runs out of material before
    `turn`, the sets found are cycled through."""
    state = _Turns()
    found: list[list[Entry]] = []
    for _ in range(turn + 1):
        got = best(state)
        if got is None:
            break
        chosen, source = got
        found.append(chosen)
        state.record(chosen, source)
    return found[turn % len(found)] if found else None


def _first_set(ranked: Sequence[Entry], count: int, compatible: Compatible,
               accept: Callable[[list[Entry]], bool]) -> list[Entry] | None:  # fmt: skip
    """The first `count` entries in rank order (best-ranked first, then backtracking) that are
    pairwise `compatible` and that `accept` takes as a whole; None if there are none, or none
    within `_SEARCH_BUDGET` steps."""
    chosen: list[Entry] = []
    budget = [_SEARCH_BUDGET]

    def extend(start: int) -> bool:
        if len(chosen) == count:
            return accept(chosen)
        for i in range(start, len(ranked) - (count - len(chosen)) + 1):
            budget[0] -= 1
            if budget[0] < 0:
                return False
            if compatible(ranked[i], chosen):
                chosen.append(ranked[i])
                if extend(i + 1):
                    return True
                chosen.pop()
        return False

    return list(chosen) if extend(0) else None


def _greedy_size(ranked: Sequence[Entry], compatible: Compatible) -> int:
    """How many entries a greedy pass in rank order can take (for “最多N个”)."""
    chosen: list[Entry] = []
    for e in ranked:
        if compatible(e, chosen):
            chosen.append(e)
    return len(chosen)


def _words(text: str, start: int = 0) -> set[str]:
    """The two-character words of a heading read in pairs from `start` (抓实党员教育 -> 抓实,
    党员, 教育)."""
    return {text[i : i + 2] for i in range(start, len(text) - 1, 2)}


def _common_prefix(texts: Sequence[str]) -> str:
    if len(texts) < 2:
        return ""
    first, last = min(texts), max(texts)
    n = 0
    while n < min(len(first), len(last)) and first[n] == last[n]:
        n += 1
    return first[:n]


# --- phrases ---------------------------------------------------------------------------------


def _phrase_distinct(e: Entry, chosen: list[Entry]) -> bool:
    """Same length, no character in the same position (so no shared head word or object, as in
    提高站位/提升站位) and no two-character word twice (压实责任/责任落实)."""
    mine = _words(e.text)
    for c in chosen:
        if len(e.text) != len(c.text) or mine & _words(c.text):
            return False
        if any(x == y for x, y in zip(e.text, c.text, strict=True)):
            return False
    return True


def _distinct_role(e: Entry, chosen: list[Entry]) -> bool:
    return all(e.role != c.role for c in chosen)


def _phrases(entries: Sequence[Entry], req: Request, accept: Accept) -> list[str]:
    rng = req.rng()
    pool = [e for e in entries if e.kind == "phrase"]
    noise = {id(e): rng.random() for e in pool}
    by_structure: dict[str, list[Entry]] = defaultdict(list)
    for e in sorted(pool, key=lambda e: (req.tier(e.theme), -hint_score(e, req.hints), noise[id(e)])):
        by_structure[e.structure].append(e)
    own = {s: sum(1 for e in g if req.tier(e.theme) == 0) for s, g in by_structure.items()}

    def tier(e: Entry) -> int:
        return req.tier(e.theme)

    def accept_entries(chosen: list[Entry]) -> bool:
        return accept([e.text for e in chosen])

    def best(state: _Turns) -> tuple[list[Entry], str] | None:
        options = []
        for structure, group in by_structure.items():
            picked = _pick_phrases(group, req.count, tier, accept_entries, state)
            if picked is None:
                continue
            chosen, relaxed = picked
            reach = max(tier(e) for e in chosen)
            pref = _STRUCTURE_PREFERENCE.get(structure, 9)
            # The set closest to the theme that breaks fewest soft rules; then 动宾 and 并列 (the
            # structures that read most like headings) take turns, the others only when needed.
            key = (reach, relaxed, pref > 1, state.usage[structure], pref, -own[structure], structure)
            options.append((key, chosen, structure))
        if not options:
            return None
        _, chosen, structure = min(options, key=lambda o: o[0])
        return chosen, structure

    chosen = _alternative(req.turn, best)
    if chosen is None:
        most = max((_greedy_size(g, _phrase_distinct) for g in by_structure.values()), default=0)
        raise _impossible(req, most, "四字短语")
    order = {id(e): i for i, e in enumerate(chosen)}
    chosen.sort(key=lambda e: (_ROLE_ORDER.get(e.role, len(_ROLE_ORDER)), order[id(e)]))
    return [e.text for e in chosen]


def _pick_phrases(ranked: Sequence[Entry], count: int, tier: Callable[[Entry], int],
                  accept: Callable[[list[Entry]], bool], state: _Turns) -> tuple[list[Entry], int] | None:  # fmt: skip
    """`count` phrases in rank order that pass the rules, and whether different roles had to be
    given up; None if they cannot be found even reaching into other themes.

    Tries the requested theme alone and then with 通用 under all rules, then lets roles repeat,
    before reaching into other themes. The other rules never give way."""
    tried: set[tuple[int, bool]] = set()
    for max_tier, with_role in ((0, True), (1, True), (1, False), (2, True), (2, False)):
        candidates = [e for e in ranked if tier(e) <= max_tier]
        if (len(candidates), with_role) in tried:
            continue
        tried.add((len(candidates), with_role))

        def compatible(e: Entry, chosen: list[Entry], with_role: bool = with_role) -> bool:
            return _phrase_distinct(e, chosen) and (not with_role or _distinct_role(e, chosen))

        found = state.search(candidates, count, tier, compatible, accept)
        if found is not None:
            return found, 0 if with_role else 1
    return None


# --- pairs -----------------------------------------------------------------------------------


@dataclass
class _PairSource:
    """Pairs a set may come from: one group (四高, 引领 …), or, for comma pairs, every pair of one
    theme, or of one theme and 通用 (a set mixing groups, so that groups whose members all open
    alike, 聚焦… or 以学…, can give one heading each). Only pairs of one shape (head and tail
    lengths) make a set, so a source holds one shape."""

    name: str
    ranked: list[Entry]
    mixed: bool
    noise: float
    compatible: Compatible
    #: The nearest tier any of its sets can reach.
    floor: int = 0


def _pair_rules(members: Sequence[Entry], frames: bool) -> Compatible:
    """Whether a pair may join the chosen ones: heads of one length and tails of one length; head
    words (the first two characters) never repeat; no other word of the head repeats, no
    character of the head repeats in its position and no tail opens like another, except in a
    frame the whole group shares (政治引领/理论引领/组织引领, 高标准/高质量 after a shared 高)."""
    skip = len(_common_prefix([e.tail for e in members])) if frames else 0
    skip = skip if skip <= 2 else 0
    head_frame: set[str] = set()
    tail_frame: set[str] = set()
    char_frame: set[tuple[int, str]] = set()
    if frames and len(members) >= 3:
        head_frame = set.intersection(*(_words(e.head) for e in members))
        tail_frame = set.intersection(*(_words(e.tail, skip) for e in members))
        char_frame = set.intersection(*({(i, ch) for i, ch in enumerate(e.head)} for e in members))
    # What each member brings, worked out once: shape, head word, tail opening (unless a frame),
    # head words and positioned characters outside the frame.
    features = {
        id(e): (
            (len(e.head), len(e.tail)),
            e.head[:2],
            "" if e.tail[skip : skip + 2] in tail_frame else e.tail[skip : skip + 2],
            frozenset(_words(e.head) - head_frame),
            frozenset({(i, ch) for i, ch in enumerate(e.head)} - char_frame),
        )
        for e in members
    }

    def compatible(e: Entry, chosen: list[Entry]) -> bool:
        shape, head, opening, words, chars = features[id(e)]
        for c in chosen:
            other = features[id(c)]
            if shape != other[0] or head == other[1] or (opening and opening == other[2]):
                return False
            if words & other[3] or chars & other[4]:
                return False
        return True

    return compatible


def _pair_sources(groups: dict[tuple[str, str], list[Entry]], req: Request, rng: random.Random,
                  tier: Callable[[Entry], int]) -> list[_PairSource]:  # fmt: skip
    """The groups, and for comma pairs the mixes of a theme's groups, split by shape."""
    sources: list[_PairSource] = []

    def add(name: str, members: list[Entry], ranked: list[Entry], mixed: bool) -> None:
        noise = rng.random()
        rules = _pair_rules(members, frames=not mixed)
        shapes: dict[tuple[int, int], list[Entry]] = defaultdict(list)
        for e in ranked:
            shapes[(len(e.head), len(e.tail))].append(e)
        for shape in shapes.values():
            if len(shape) >= req.count:
                sources.append(_PairSource(name, shape, mixed, noise, rules, min(tier(e) for e in shape)))

    for (name, _style), members in groups.items():
        if req.family is None:
            ranked = sorted(members, key=lambda e: (tier(e), -hint_score(e, req.hints), rng.random()))
        else:
            ranked = list(members)
        add(name, members, ranked, False)
    if req.family is None and req.style in (None, "comma"):
        # Comma pairs of one theme, and of one theme with 通用, may mix groups.
        by_theme: dict[str, list[Entry]] = defaultdict(list)
        for (_name, style), members in groups.items():
            if style == "comma":
                by_theme[members[0].theme] += members
        general = by_theme.get(GENERAL_THEME, [])
        mixes = list(by_theme.items())
        mixes += [(f"{theme}+{GENERAL_THEME}", members + general) for theme, members in by_theme.items()
                  if theme != GENERAL_THEME and general]  # fmt: skip
        for name, members in mixes:
            if len({e.group for e in members}) > 1:
                ranked = sorted(members, key=lambda e: (tier(e), -hint_score(e, req.hints), rng.random()))
                add(f"{name}|mixed", members, ranked, True)
    return sources


def _pairs(entries: Sequence[Entry], req: Request, accept: Accept) -> list[str]:
    rng = req.rng()
    groups: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for e in entries:
        style_ok = req.style is None or e.style == req.style
        if e.kind == "pair" and style_ok and (req.family is None or e.group == req.family):
            groups[(e.group, e.style)].append(e)
    if req.family is not None and not groups:
        raise _unknown_family(req, entries, "pair")

    def tier(e: Entry) -> int:
        # A named family keeps its own order (高标准, 高质量, 高规格, 高效率).
        return 0 if req.family is not None else req.tier(e.theme)

    sources = _pair_sources(groups, req, rng, tier)

    def accepts(src: _PairSource) -> Callable[[list[Entry]], bool]:
        def accept_entries(chosen: list[Entry]) -> bool:
            texts = [e.text for e in chosen]
            if accept(texts):
                return True
            # Two of a named family whose every member shares a frame (点面结合/上下结合)
            # repeat only the frame (the rules let nothing else repeat): they are parallel when
            # a third member completes them. Unnamed, two such headings are not a set.
            return len(chosen) == 2 and req.family is not None and any(
                accept([*texts, w.text]) for w in src.ranked if w not in chosen and src.compatible(w, chosen)
            )

        return accept_entries

    best_score = -6 if req.hints else 0
    dead: set[int] = set()

    def best(state: _Turns) -> tuple[list[Entry], str] | None:
        # Nearest the theme; a group not used yet in this block; one group before a mix; the
        # hints; then the seed. Sources are tried best bound first, until none can do better.
        def bound(src: _PairSource) -> tuple[int, int, bool, int, float]:
            return (src.floor, state.usage[src.name], src.mixed, best_score, src.noise)

        chosen: tuple[tuple[int, int, bool, int, float], list[Entry], _PairSource] | None = None
        for src in sorted((s for s in sources if id(s) not in dead), key=bound):
            if chosen is not None and bound(src) >= chosen[0]:
                break
            found = state.search(src.ranked, req.count, tier, src.compatible, accepts(src))
            if found is None:
                dead.add(id(src))  # later turns only ask for more
                continue
            reach = max(tier(e) for e in found)
            score = min(sum(hint_score(e, req.hints) for e in found), 6)
            key = (reach, state.usage[src.name], src.mixed, -score, src.noise)
            if chosen is None or key < chosen[0]:
                chosen = (key, found, src)
        return None if chosen is None else (chosen[1], chosen[2].name)

    chosen = _alternative(req.turn, best)
    if chosen is None:
        # Sources smaller than `count` were left out: measure every one.
        every = _pair_sources(groups, replace(req, count=1), random.Random(0), tier)
        most = max((_greedy_size(s.ranked, s.compatible) for s in every), default=0)
        raise _impossible(req, most, "对仗标题")
    order = {id(e): i for i, e in enumerate(entries)}
    if len({e.group for e in chosen}) > 1:
        chosen.sort(key=lambda e: (_ROLE_ORDER.get(e.role, len(_ROLE_ORDER)), order[id(e)]))
    else:
        chosen.sort(key=lambda e: order[id(e)])
    return [e.text for e in chosen]


# --- frameworks ------------------------------------------------------------------------------


def _framework(entries: Sequence[Entry], req: Request, accept: Accept) -> list[str]:
    rng = req.rng()
    pool = [e for e in entries if e.kind == "framework" and (req.family is None or e.name == req.family)]
    if req.family is not None and not pool:
        raise _unknown_family(req, entries, "framework")
    fits = [e for e in pool if len(e.items) >= req.count]
    ranked = sorted(
        fits,
        key=lambda e: (req.tier(e.theme), len(e.items) != req.count, -hint_score(e, req.hints), rng.random()),
    )
    # Each framework gives one set (its first `count` items); seed j of a block takes the j-th.
    found: list[tuple[str, ...]] = []
    for e in ranked:
        items = e.items[: req.count]
        if items not in found and accept(items):
            found.append(items)
            if len(found) > req.turn:
                break
    if not found:
        most = max((len(e.items) for e in pool if accept(e.items)), default=0)
        raise _impossible(req, most, "数字框架的项")
    return list(found[req.turn % len(found)])


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
