"""Grouping achievements by what they say, so that each section holds work of one kind.

Every achievement becomes a weighted bag of features:

- its content words (jieba): title and tags count fully, metric labels a little less, the detail
  a quarter (details tell the story of one row, rarely what kind of work it is);
- the kinds of work of the Party-building lexicon its title, tags and labels point to
  (`lexicon.concepts_in`: 党课 and 自学 are both 理论学习);
- its category, when the drafter wrote it (a category the loader inferred from the same words
  adds nothing to them).

Features that most achievements share tell little and weigh less (inverse document frequency).
Two achievements are as alike as the cosine of their vectors; two that share a tag (one that
not most of the workbook carries) are at least `TAG_FLOOR` alike, since a drafter's own tag is
the surest sign of what goes together.

Achievements are then joined bottom-up by what each join gains: the sum, over the pairs it puts
together, of how much more alike they are than `RELATED`. Pairs at least that alike are more
often in the same section of a real document than not, so joins stop when none gains anything,
which chooses the number of sections from the workbook itself (at most the planned number; past
it the join that costs least is made). Unrelated work is not forced together while the plan has
room, and a section of one achievement stays when nothing fits it.

Sections come in the order documents of the genre use: political and theoretical work first,
then organisation, style, discipline, publicity and service (the order of `CATEGORIES`), the
workbook's order breaking ties. Same input, same output.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache, partial
from typing import Any, Generic, TypeVar

from assistant.categories import CATEGORIES
from assistant.compose.cache import stop_point
from assistant.compose.lexicon import concepts_in
from assistant.ledger.categorize import words

#: How much each part of an achievement says about what it is.
TITLE_WEIGHT = 1.0
TAG_WEIGHT = 1.0
LABEL_WEIGHT = 0.6
DETAIL_WEIGHT = 0.25
CONCEPT_WEIGHT = 1.5
CATEGORY_WEIGHT = 0.8

#: Pairs at least this alike are more often in one section than apart (measured on the articles
#: of benchmarks/compose_eval); joins that bring less alike work together cost.
RELATED = 0.1
#: Two achievements that share a tag are at least this alike.
TAG_FLOOR = 0.3
#: Past this many achievements the quadratic clustering gives way to grouping by category.
MAX_CLUSTERED = 240

Features = dict[str, float]
T = TypeVar("T")


def _features(a: Any) -> Features:
    """The raw (unweighted by frequency) features of one achievement."""
    category = getattr(a, "category", None)
    inferred = bool(getattr(a, "category_inferred", False))
    return dict(
        _cached_features(
            str(getattr(a, "title", "") or ""),
            tuple(str(t) for t in (getattr(a, "tags", None) or ())),
            str(getattr(a, "detail", "") or ""),
            tuple(str(getattr(m, "label", "") or "") for m in (getattr(a, "metrics", None) or ())),
            str(category) if category and not inferred else "",
        )
    )


@lru_cache(maxsize=65536)
def _cached_features(
    title: str, tags: tuple[str, ...], detail: str, labels: tuple[str, ...], category: str
) -> tuple[tuple[str, float], ...]:
    out: dict[str, float] = {}
    fields = [(title, TITLE_WEIGHT), (detail, DETAIL_WEIGHT)]
    fields += [(t, TAG_WEIGHT) for t in tags] + [(label, LABEL_WEIGHT) for label in labels if label]
    for text, weight in fields:
        for w in words(text):
            out[w] = max(out.get(w, 0.0), weight)
    for concept in concepts_in(" ".join([title, *tags, *labels])):
        out[f"@{concept}"] = CONCEPT_WEIGHT
    if category:
        out[f"#{category}"] = CATEGORY_WEIGHT
    return tuple(out.items())


def vectors(items: Sequence[Any]) -> list[Features]:
    """Each achievement's features, weighted by how rare each is in `items`, normalised."""
    return _vectors(items)


def _vectors(items: Sequence[Any]) -> list[Features]:
    raw = [_features(a) for a in items]
    df: Counter[str] = Counter(f for r in raw for f in r)
    n = len(items)
    out = []
    for r in raw:
        v = {f: w * math.log(1 + n / df[f]) for f, w in r.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        out.append({f: x / norm for f, x in v.items()})
    return out


def _cosine(a: Features, b: Features) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(f, 0.0) for f, x in a.items())


#: The last few similarity matrices, by the identity of the achievements they were made for: a
#: section's paragraphs, its lone actions and its loners each ask for the same one, and at a
#: thousand rows each matrix costs a second. The items are kept with it, so no id is reused.
class _ByRows(Generic[T]):
    """The last `kept` results made for a sequence of rows, found again by the rows' identity (the
    rows are kept with the result, so no id is reused). Results are shared: do not change them."""

    def __init__(self, kept: int) -> None:
        self.kept = kept
        self.entries: list[tuple[tuple[Any, ...], T]] = []

    def get(self, items: Sequence[Any], make: Callable[[], T]) -> T:
        key = tuple(items)
        for rows, made in self.entries:
            if len(rows) == len(key) and all(a is b for a, b in zip(rows, key, strict=True)):
                return made
        made = make()
        self.entries.insert(0, (key, made))
        del self.entries[self.kept :]
        return made


_SIMILARITY: _ByRows[list[list[float]]] = _ByRows(8)


def similarity(items: Sequence[Any]) -> list[list[float]]:
    """How alike every pair of achievements is (1.0 on the diagonal): the cosine of their vectors,
    at least `TAG_FLOOR` for two that share a tag carried by at most half of `items`. The result
    is shared between callers asking for the same achievements: do not change it."""
    return _SIMILARITY.get(items, partial(_similarity, items))


def _similarity(items: Sequence[Any]) -> list[list[float]]:
    vectors = _vectors(items)
    n = len(vectors)
    tags = [{str(t).strip() for t in (getattr(a, "tags", None) or ()) if str(t).strip()} for a in items]
    carried = Counter(t for ts in tags for t in ts)
    tags = [{t for t in ts if carried[t] * 2 <= n} for ts in tags]
    sim = _cosines(vectors)
    for i in range(n):
        sim[i][i] = 1.0
    carriers: dict[str, list[int]] = {}
    for i, ts in enumerate(tags):
        for t in ts:
            carriers.setdefault(t, []).append(i)
    for rows in carriers.values():  # pairs that share a tag (once or more: the floor is the same)
        for k, i in enumerate(rows):
            for j in rows[k + 1 :]:
                sim[i][j] = sim[j][i] = max(sim[i][j], TAG_FLOOR)
    return sim


def _cosines(vectors: Sequence[Features]) -> list[list[float]]:
    """`_cosine` of every pair (i < j), both ways, 0.0 on the diagonal: the same floats, made
    only for pairs that share a feature (the others are 0.0). Each pair's products are summed as
    `_cosine` sums them, in the order of the shorter vector (the first on a tie); the 0.0 terms it
    adds for the other features change no float sum, naive or compensated (Python 3.12)."""
    n = len(vectors)
    sim = [[0.0] * n for _ in range(n)]
    # the vector each pair is summed over comes first: by length, then position
    order = sorted(range(n), key=lambda i: (len(vectors[i]), i))
    rows: dict[str, list[int]] = {}
    values: dict[str, list[float]] = {}
    for i in order:
        for f, x in vectors[i].items():
            rows.setdefault(f, []).append(i)
            values.setdefault(f, []).append(x)
    done = dict.fromkeys(rows, 0)  # per feature, how many of its rows have been the shorter one
    for count, d in enumerate(order):
        if not count % 4:
            stop_point()  # the TUI arranging a move ahead: the user went elsewhere, or presses a key
        terms: dict[int, list[float]] = {}
        for f, x in vectors[d].items():
            k = done[f] + 1
            done[f] = k
            for o, y in zip(rows[f][k:], values[f][k:], strict=True):
                t = terms.get(o)
                if t is None:
                    terms[o] = [x * y]
                else:
                    t.append(x * y)
        row = sim[d]
        for o, t in terms.items():
            row[o] = sim[o][d] = sum(t)
    return sim


def cluster(items: Sequence[Any], count: int) -> list[list[int]]:
    """Indexes of `items` in at most `count` groups of like achievements, in document order."""
    n = len(items)
    if n == 0 or count <= 0:
        return []
    limit = min(count, n)
    sim = similarity(items)
    groups: dict[int, list[int]] = {i: [i] for i in range(n)}
    # what joining two groups gains: over the pairs it brings together, how much more alike than RELATED
    gain = {(i, j): sim[i][j] - RELATED for i in range(n) for j in range(i + 1, n)}
    while len(groups) > 1:
        # the best join first; among equals the smallest union (unrelated leftovers spread out
        # instead of piling onto one section), then the earliest
        (a, b), best = max(
            gain.items(),
            key=lambda kv: (round(kv[1], 9), -len(groups[kv[0][0]]) - len(groups[kv[0][1]]), -kv[0][0], -kv[0][1]),
        )
        if best < 0 and len(groups) <= limit:
            break  # nothing left gains from a join, and the plan has room
        groups[a] = sorted(groups[a] + groups.pop(b))
        for c in groups:
            if c != a:
                key = (min(a, c), max(a, c))
                gain[key] = gain.get(key, 0.0) + gain.pop((min(b, c), max(b, c)), 0.0)
        gain.pop((a, b), None)
    return sorted(groups.values(), key=lambda g: (_topic_rank(items, g), g[0]))


def _topic_rank(items: Sequence[Any], group: Sequence[int]) -> float:
    """Where a group stands in the genre's order: the mean rank of its achievements' categories."""
    ranks = []
    for i in group:
        category = getattr(items[i], "category", None)
        ranks.append(CATEGORIES.index(category) if category in CATEGORIES else len(CATEGORIES))
    return sum(ranks) / len(ranks)


class _Text:
    """A heading seen as an achievement, so that it has features like one."""

    def __init__(self, text: str) -> None:
        self.title, self.tags, self.detail, self.metrics, self.category = text, (), "", (), None


def heading_fit(group: Sequence[Any], heading: str) -> float:
    """How well `heading` describes the achievements of `group` (mean cosine, 0 to 1): the cosine
    of each row with the heading, the vectors weighted by frequency in the rows and the heading.

    Computed as `_vectors([*group, _Text(heading)])` would, float for float, but only for the
    rows that share a feature with the heading (the others' cosine is 0.0, which changes no sum);
    the group's features are kept for the next heading weighed against the same group."""
    if not group:
        return 0.0
    raws, rows_with, df = _group_features(group)
    head = _features(_Text(heading))
    n = len(group) + 1
    counts = {f: df.get(f, 0) + 1 for f in head}  # in how many of the rows and the heading

    def weighed(raw: Features) -> Features:
        v = {f: w * math.log(1 + n / (counts.get(f) or df[f])) for f, w in raw.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        return {f: x / norm for f, x in v.items()}

    mine = weighed(head)
    sharing = sorted({i for f in head for i in rows_with.get(f, ())})
    return sum(_cosine(mine, weighed(raws[i])) for i in sharing) / len(group)


#: The features of the last few groups weighed against headings, by the identity of their rows
#: (kept with them, so no id is reused): `_set_fit` weighs a dozen sets against the same groups.
_GROUP_FEATURES: _ByRows[tuple[list[Features], dict[str, list[int]], dict[str, int]]] = _ByRows(16)


def _group_features(group: Sequence[Any]) -> tuple[list[Features], dict[str, list[int]], dict[str, int]]:
    """(each row's raw features, the rows having each feature, in how many rows each is)."""
    return _GROUP_FEATURES.get(group, partial(_make_group_features, group))


def _make_group_features(group: Sequence[Any]) -> tuple[list[Features], dict[str, list[int]], dict[str, int]]:
    raws = [_features(a) for a in group]
    rows_with: dict[str, list[int]] = {}
    for i, raw in enumerate(raws):
        for f in raw:
            rows_with.setdefault(f, []).append(i)
    return raws, rows_with, {f: len(rows) for f, rows in rows_with.items()}


def assign(groups: Sequence[Sequence[Any]], headings: Sequence[str]) -> list[int]:
    """For each group, the index of the heading it goes under: each heading at most once while
    there are headings left, the sum of fits as high as it can be (ties: the given order).
    Groups past the number of headings go under the heading that fits them best."""
    from assistant.compose.cache import kept_alike

    n, m = len(groups), len(headings)
    # kept for the groups the last edit left as they were (`compose.cache`)
    fits = [[kept_alike("heading_fit", g, partial(heading_fit, g, h), h) for h in headings] for g in groups]
    k = min(n, m)
    best: tuple[float, tuple[int, ...]] = (-1.0, tuple(range(k)))
    if k <= 7:
        for perm in itertools.permutations(range(m), k):
            score = sum(fits[i][perm[i]] for i in range(k))
            if score > best[0] + 1e-9:
                best = (score, perm)
    else:
        best = (0.0, tuple(range(k)))
    out = list(best[1])
    for i in range(k, n):
        out.append(max(range(m), key=lambda j: (fits[i][j], -j)))
    return out


#: Verbs every heading and title uses: they say how, not what, so a heading is not matched by them.
COMMON_VERBS = frozenset(
    {"打造", "开展", "推进", "加强", "建设", "提升", "强化", "推动", "落实", "深化", "做好", "建立", "健全",
     "完善", "实施", "组织", "举办", "持续", "不断", "全面", "扎实", "积极", "工作", "提高", "创新", "发展"}
)  # fmt: skip


@lru_cache(maxsize=16384)
def text_features(text: str) -> tuple[tuple[str, float], ...]:
    """A heading's features as an achievement's (no frequency weighting, common verbs left out),
    normalised; cached."""
    from assistant.compose.lexicon import heading_concepts

    named = heading_concepts(text)
    raw = {
        f: x
        for f, x in _features(_Text(text)).items()
        if f not in COMMON_VERBS and (not f.startswith("@") or f[1:] in named)
    }
    norm = math.sqrt(sum(x * x for x in raw.values())) or 1.0
    return tuple((f, x / norm) for f, x in raw.items())


def group_profile(group: Sequence[Any], items: Sequence[Any]) -> Features:
    """What a group is about: the mean of its members' vectors, weighted by frequency in `items`
    (the whole workbook), normalised."""
    vectors, index = _items_vectors(items)
    total: dict[str, float] = {}
    for a in group:
        for f, x in vectors[index[id(a)]].items():
            total[f] = total.get(f, 0.0) + x
    norm = math.sqrt(sum(x * x for x in total.values())) or 1.0
    return {f: x / norm for f, x in total.items()}


#: The vectors of the last few workbooks' rows, by the identity of the rows (kept with them): the
#: profile of each section is weighed against the same rows, set after set of headings.
_ITEMS_VECTORS: _ByRows[tuple[list[Features], dict[int, int]]] = _ByRows(4)


def _items_vectors(items: Sequence[Any]) -> tuple[list[Features], dict[int, int]]:
    """(`_vectors(items)`, the position of each row by identity); do not change them."""
    return _ITEMS_VECTORS.get(items, lambda: (_vectors(list(items)), {id(a): i for i, a in enumerate(items)}))


def profile_fit(profile: Features, text: str) -> float:
    """Cosine between a group's profile and a heading."""
    return sum(x * profile.get(f, 0.0) for f, x in text_features(text))
