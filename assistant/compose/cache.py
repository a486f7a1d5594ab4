"""Work kept between compositions of one workbook while it is edited (the TUI's `Composer`).

After one achievement of a thousand is moved, most of what `pipeline.arrange` makes is as it was:
the views of the other rows, the paragraphs of the sections the move left alone, the leads that
fit each paragraph, the rows that stand apart in each section. Inside `keeping(memo)` those steps
look such work up in `memo`; outside, nothing is kept and every step computes afresh, as the CLI
does. Two kinds of key:

- `kept`: the identities of the rows the work was made from (and whatever else it depends on).
  This holds because the TUI never changes an achievement in place: an edited or moved one is a
  new object (as `Composer.fits` already relies on). Each entry holds its rows, so no id is reused
  while the entry lives.
- `kept_alike`: what the rows say, all but the section they name (`row_content`), for work that
  never reads the section: how alike rows are, the paragraphs they make, the leads that fit them.
  A row moved back, or pinned where it already was, finds that work again.

What is kept: the views (`achievement_view`), the paragraphs a section's rows make (so how alike
they are is not weighed again), the leads that fit them, a section's paragraphs as written after
the same leads and headings (`kept_paragraphs`), headings composed from the sections
(`kept_headings`) and the sandbox's measure of each view and paragraph (`measure_arrangement`).
A move thus recomputes the two sections it changed, their likeness in full: a row's weight depends
on every row of its section (`grouping._cosines` computes only the pairs that share a word).

Entries not used by the last `Memo.GENERATIONS` compositions are dropped. A composition with a
memo is the same, byte for byte, as one without: only pure functions of their key are kept
(tests/test_compose_cache.py compares the two on random moves, edits and undos, and checks that
`row_content` tells apart rows that differ in any field but the section).

The TUI also arranges ahead, in a thread, the moves the row under the cursor may be given
(`engine.Composer.foresee`): `keeping(memo, advance=False, stop=…)` fills the memo without
starting a generation, and stops (`Interrupted`, at the next look-up) when `stop()` says the
user went elsewhere. The memo is then shared by two threads, one arranging at a time (the
composer's lock); the look-ups that come between (a row's content) are single dict operations.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from assistant.compose.views import AchievementView
    from assistant.ledger.figures import FigurePlacement
    from assistant.ledger.workbook import Achievement

T = TypeVar("T")


class Interrupted(Exception):
    """Arranging ahead was stopped (`keeping(…, stop=…)`): what it made so far is kept."""


class Memo:
    """What the compositions of one workbook made, by key; used by one thread at a time."""

    #: Compositions an entry outlives without being used (a move and its undo find theirs).
    GENERATIONS = 4

    def __init__(self) -> None:
        #: key -> (generation last used, the objects the key names by identity, value)
        self._entries: dict[Hashable, tuple[int, object, Any]] = {}
        self.generation = 0
        #: Look-ups answered from the memo and made afresh, since it was made (for tests).
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable, keep: object, make: Callable[[], T]) -> T:
        """The value kept under `key`, else `make()` kept with `keep` (what `key` names by id)."""
        stop_point()
        entry = self._entries.get(key)
        if entry is not None:
            self.hits += 1
            if entry[0] != self.generation:
                self._entries[key] = (self.generation, entry[1], entry[2])
            value: T = entry[2]
            return value
        self.misses += 1
        value = make()
        self._entries[key] = (self.generation, keep, value)
        return value

    def next_generation(self) -> None:
        """A new composition begins: forget what the last `GENERATIONS` ones did not use."""
        self.generation += 1
        oldest = self.generation - self.GENERATIONS
        # a copy made at once (another thread may add a row's content meanwhile)
        stale = [key for key, (used, _, _) in list(self._entries.items()) if used < oldest]
        for key in stale:
            self._entries.pop(key, None)


_ACTIVE: ContextVar[Memo | None] = ContextVar("wenmi_compose_memo", default=None)
#: When arranging ahead: whether to stop (checked at each look-up of the memo, in this thread).
_STOP: ContextVar[Callable[[], bool] | None] = ContextVar("wenmi_compose_stop", default=None)


def stop_point() -> None:
    """Where arranging ahead may stop (`keeping(…, stop=…)`): raises `Interrupted` once `stop()`
    says so. Each look-up of the memo is one; long work between look-ups (how alike the rows of a
    section are) calls it now and then. Arranging ahead runs in a thread beside the UI: here it
    also lets the UI thread take the interpreter at once if it waits for it (not after the
    interpreter's switch interval, several milliseconds, again and again for one key)."""
    stop = _STOP.get()
    if stop is not None:
        now = time.perf_counter()
        if now - _YIELDED[0] > _YIELD_EVERY:
            time.sleep(0)
            _YIELDED[0] = now
        if stop():
            raise Interrupted


#: When arranging ahead last let another thread take the interpreter, and how often it does
#: (one thread arranges ahead at a time: the composer's lock).
_YIELDED = [0.0]
_YIELD_EVERY = 0.001


@contextmanager
def keeping(memo: Memo, *, advance: bool = True, stop: Callable[[], bool] | None = None) -> Iterator[Memo]:
    """Compose with `memo` (in this thread, until the block ends): a new generation of it, or
    (`advance=False`: arranging ahead, reading rows) the current one. `stop`: raise `Interrupted`
    at the next look-up once it returns True."""
    if advance:
        memo.next_generation()
    token = _ACTIVE.set(memo)
    stopping = _STOP.set(stop)
    try:
        yield memo
    finally:
        _STOP.reset(stopping)
        _ACTIVE.reset(token)


def kept(kind: str, rows: Sequence[Any], make: Callable[[], T], key: Hashable = (), keep: object = None) -> T:
    """`make()`, or what it gave before for the same `rows` (the same objects, in the same order)
    and the same `key`, when a memo is active. `keep`: objects `key` names by id, kept alive."""
    memo = _ACTIVE.get()
    if memo is None:
        return make()
    rows = tuple(rows)
    return memo.get((kind, tuple(map(id, rows)), key), (rows, keep), make)


def kept_alike(
    kind: str, rows: Sequence[Any], make: Callable[[], T], key: Hashable = (), keep: object = None
) -> T:
    """`kept`, for work that reads what the rows say but not which section they name (how alike
    they are, the paragraphs they make, the leads that fit them): rows that say the same are the
    same to it, so rows a move pinned to where they were (new objects) find it again, and so does
    a row moved back."""
    memo = _ACTIVE.get()
    if memo is None:
        return make()
    return memo.get((kind, tuple(map(row_content, rows)), key), keep, make)


def row_content(a: Any) -> Hashable:
    """All an achievement says but its `section` (and its file layout); kept by identity."""
    return kept("content", (a,), lambda: _content(a))


def rows_said(rows: Sequence[Any]) -> tuple[Hashable, ...]:
    """What each row says, its section included (`row_content`, kept by identity in the active
    memo): rows that say the same are arranged the same, so `engine.Composer` finds an arrangement
    made for them again by it (a move foreseen, a row moved back)."""
    return tuple((row_content(a), getattr(a, "section", None)) for a in rows)


def _content(a: Any) -> Hashable:
    metrics = tuple(
        (m.label, type(m.value).__name__, m.value, m.unit, m.qualifier) for m in getattr(a, "metrics", None) or ()
    )
    said = tuple(str(getattr(a, k, "") or "") for k in ("title", "category", "date", "owner", "detail"))
    inferred = bool(getattr(a, "category_inferred", False))
    return (*said, inferred, tuple(getattr(a, "tags", None) or ()), metrics)


def achievement_view(a: Achievement, placements: list[FigurePlacement]) -> AchievementView:
    """`views.achievement_view(a, placements)`, kept for the same achievement."""
    from assistant.compose.views import achievement_view as make_view

    def make() -> tuple[AchievementView, tuple[FigurePlacement, ...]]:
        placed: list[FigurePlacement] = []
        return make_view(a, placed), tuple(placed)

    view, placed = kept("view", (a,), make)
    placements.extend(placed)
    return view


def kept_paragraphs(
    build: Callable[..., T], items: Sequence[Any], sentences: Sequence[str], bank: Any, theme: str,
    used: set[str], unit: str, period: str,
) -> T:
    """`build(items, sentences, bank, theme, used, unit, period)` (`paragraphs.build_paragraphs`),
    kept for a section whose rows say what they said, with the same sentences, and after the same
    leads and headings (`used`, to which the leads it chose are added, as `build` adds them)."""
    memo = _ACTIVE.get()
    if memo is None:
        return build(items, sentences, bank, theme, used, unit, period)
    before = frozenset(used)

    def make() -> tuple[T, frozenset[str]]:
        mine = set(before)
        return build(items, sentences, bank, theme, mine, unit, period), frozenset(mine - before)

    key = (tuple(sentences), before, unit, period, id(bank), theme)
    out, added = kept_alike("section-paragraphs", items, make, key, bank)
    used |= added
    return out


def kept_headings(
    compose: Callable[[Any, Any, Sequence[Sequence[Any]], int], list[str]],
    plan: Any,
    template: Any,
    groups: Sequence[Sequence[Any]],
    seed: int,
) -> list[str]:
    """`compose(plan, template, groups, seed)` (`sections.compose_headings`), kept while the groups
    say what they said (row by row, in the same groups) for the same template, seed and phrase
    bank: a move that leaves the sections as they were, or moves a row back, composes no headings."""
    memo = _ACTIVE.get()
    if memo is None:
        return compose(plan, template, groups, seed)
    from assistant.errors import WenmiError
    from assistant.phrasebank import load_bank

    try:
        bank: Any = load_bank()
    except WenmiError:
        bank = None
    rows = [a for g in groups for a in g]
    key = (tuple(len(g) for g in groups), seed, id(plan), id(template), id(bank))
    found = kept_alike("headings", rows, lambda: list(compose(plan, template, groups, seed)), key, (plan, template, bank))
    return list(found)


def measure_arrangement(views: Sequence[Any], sections: Sequence[Any]) -> tuple[int, int] | None:
    """`sandbox.measure_input({"achievements": views, "sections": sections})`, walking again only
    the views and paragraphs not measured before (each by identity, kept with the memo; a
    section's other fields each time). None outside a memo, or
    when the walk would be long enough for `measure_input` to stop early (it then measures)."""
    memo = _ACTIVE.get()
    if memo is None:
        return None
    longest, visits = 0, 3  # the context's two values and the list of views
    for v in views:
        most, seen = kept("measure", (v,), partial(_measure, v))
        longest, visits = max(longest, most), visits + seen
    for s in sections:
        # its paragraphs as kept with the section's (`kept_paragraphs`), its views as above
        paragraphs = getattr(s, "paragraphs", ())
        most, seen = kept("measure", (paragraphs,), partial(_measure, paragraphs))
        longest, visits = max(longest, most), visits + seen
        most, seen = _measure(s, skip=frozenset((id(paragraphs), *map(id, getattr(s, "achievements", ())))))
        longest, visits = max(longest, most), visits + seen
    if visits >= _MEASURE_SAFE:
        return None
    return len(views), longest


#: A walk this long measures the whole context at once (`measure_input` stops at 2,000,000 values).
_MEASURE_SAFE = 1_000_000


def _measure(item: Any, skip: frozenset[int] = frozenset()) -> tuple[int, int]:
    """(longest text, values visited) under `item`, walked as `sandbox._input_measure` walks a
    context; the objects in `skip` (views measured on their own) are visited, not walked."""
    from assistant.templating.sandbox import walk_values

    return walk_values([item], set(skip))
