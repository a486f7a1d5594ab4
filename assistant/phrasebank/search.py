"""Search over the bank: by characters, by meaning (jieba words against tags) and by pinyin.

Everything is looked up in posting lists built once per bank, so a query touches only the
entries that share something with it:
- Chinese queries: character and character-bigram postings over each entry's text (phrase,
  set/framework name and items, pair head and tail); a substring is verified on the candidates.
- Meaning: the query's jieba words matched against role, theme and structure tags (and as
  substrings); jieba is loaded on the first query that needs it.
- Latin queries: pinyin initials (`tgzw` -> 提高站位) and full pinyin (`tigao`), via bigram and
  trigram postings over the pinyin strings; pypinyin runs once, on the first Latin query.
"""

from __future__ import annotations

import heapq
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from assistant.phrasebank.model import KINDS, Entry, resolve_theme

_LATIN = re.compile(r"[a-z]+")
#: A query splits into Latin runs (pinyin) and runs of anything else, at separators too:
#: "tg 站位" and "tg站位" are both a pinyin part and a text part.
_PARTS = re.compile(r"[A-Za-z]+|[^A-Za-z\s,，、;；/|]+")
_KIND_RANK = {k: i for i, k in enumerate(KINDS)}
#: Scores are packed above an entry's tie-break position in one integer sort key.
_SCORE_UNIT = 1 << 32

#: Score of each way an entry can match (higher first).
EXACT, PREFIX, CONTAINS, IN_ITEMS = 100, 80, 60, 45
INITIALS_EXACT, INITIALS_PREFIX, INITIALS_CONTAINS, PINYIN = 90, 70, 50, 65
ROLE_TAG, THEME_TAG, STRUCTURE_TAG, GROUP_TAG = 30, 22, 10, 35
WORD_IN_TEXT, WORD_IN_ITEMS, CHAR_OVERLAP = 20, 12, 3


def _jieba() -> Any:
    from assistant.segment import full_jieba

    return full_jieba()


@lru_cache(maxsize=1024)
def query_words(text: str) -> tuple[str, ...]:
    """The words of a Chinese query (jieba's search mode, so 加强纪律 also gives 加强 and 纪律),
    single characters dropped unless nothing else is left."""
    words = [w.strip() for w in _jieba().lcut_for_search(text) if w.strip()]
    longer = [w for w in words if len(w) > 1]
    return tuple(dict.fromkeys(longer or words))


@lru_cache(maxsize=8192)
def _char_pinyin(ch: str) -> tuple[str, str]:
    from pypinyin import Style, lazy_pinyin

    full = lazy_pinyin(ch, style=Style.NORMAL, errors="ignore")
    return (full[0], full[0][:1]) if full else ("", "")


@lru_cache(maxsize=8192)
def _heteronym(ch: str) -> bool:
    from pypinyin.pinyin_dict import pinyin_dict

    return "," in pinyin_dict.get(ord(ch), "")


def _in_phrase_dict(text: str) -> bool:
    """Whether some word of two or more characters in `text` has its own reading in pypinyin."""
    from pypinyin.constants import PHRASES_DICT

    return any(text[i:j] in PHRASES_DICT for i in range(len(text) - 1) for j in range(i + 2, len(text) + 1))


def pinyin_of(text: str) -> tuple[str, str]:
    """(full pinyin, initials) of the Chinese characters in `text`: ("tigaozhanwei", "tgzw").

    Characters come from a per-character cache; only a text with a character of several
    readings (重, 行, 长 …) inside a word pypinyin knows goes through its phrase dictionary, so
    重温初心 reads chong-wen."""
    chars = "".join(ch for ch in text if "\u3400" <= ch <= "\u9fff")
    if any(_heteronym(ch) for ch in chars) and _in_phrase_dict(chars):
        from pypinyin import Style, lazy_pinyin

        full = lazy_pinyin(chars, style=Style.NORMAL, errors="ignore")
        return "".join(full), "".join(p[:1] for p in full)
    parts = [_char_pinyin(ch) for ch in chars]
    return "".join(p[0] for p in parts), "".join(p[1] for p in parts)


def pinyin_initials(text: str) -> str:
    """Pinyin initials of the Chinese characters in `text`, as search matches them: 提高站位 -> tgzw.

    Other characters (Latin, digits, punctuation) are left out.
    """
    return pinyin_of(text)[1]


def _grams(text: str, n: int) -> set[str]:
    return {text[i : i + n] for i in range(len(text) - n + 1)}


class SearchIndex:
    """Posting lists over a fixed list of entries; `search` returns the best `limit` entries."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = list(entries)
        self.primary = [e.head or e.text for e in self.entries]
        self.haystack = [_haystack(e) for e in self.entries]
        self.chars: dict[str, list[int]] = defaultdict(list)
        self.bigrams: dict[str, list[int]] = defaultdict(list)
        tags: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
        for i, (entry, hay) in enumerate(zip(self.entries, self.haystack, strict=True)):
            for ch in set(hay):
                self.chars[ch].append(i)
            for gram in _grams(hay, 2):
                self.bigrams[gram].append(i)
            for tag, weight in _entry_tags(entry):
                tags[tag][weight].append(i)
        #: tag -> [(weight, entry indices)]: role, theme, structure, pair group, set/framework name.
        self.tags: dict[str, list[tuple[int, list[int]]]] = {
            t: list(by_w.items()) for t, by_w in tags.items()
        }
        # Ties in score: phrases before pairs, sets, frameworks; shorter first; then bank order.
        # One integer per entry, below _SCORE_UNIT, so ranking needs no Python key function.
        self.by_position = sorted(
            range(len(self.entries)),
            key=lambda i: (_KIND_RANK.get(self.entries[i].kind, 9), len(self.primary[i]), i),
        )
        self.order = [0] * len(self.entries)
        for position, i in enumerate(self.by_position):
            self.order[i] = position
        self._pinyin: tuple[list[str], list[str], dict[str, list[int]], dict[str, list[int]]] | None = None

    # --- public ------------------------------------------------------------------------------

    def search(self, query: str, limit: int = 20) -> list[Entry]:
        q = query.strip()
        if not q or limit <= 0:
            return []
        scores: dict[int, int] = defaultdict(int)
        tags: dict[tuple[str, int], int] = defaultdict(int)
        for part in _PARTS.findall(q):
            if _LATIN.fullmatch(part.lower()):
                self._score_pinyin(part.lower(), scores)
            else:
                self._score_text(part, scores, tags)
        keys = self._tag_only_keys(tags, scores, limit)
        for i in scores:
            entry = self.entries[i]
            scores[i] += sum(w * mult for (tag, w), mult in tags.items() if _has_tag(entry, tag, w))
        order = self.order
        keys += [order[i] - score * _SCORE_UNIT for i, score in scores.items()]
        return [self.entries[self.by_position[k % _SCORE_UNIT]] for k in heapq.nsmallest(limit, keys)]

    # --- scoring -----------------------------------------------------------------------------

    def _tag_only_keys(
        self, tags: dict[tuple[str, int], int], scored: dict[int, int], limit: int
    ) -> list[int]:
        """Sort keys of the best `limit` entries matched by tags alone (not in `scored`).

        An entry's tag score is the sum of the weights of the tag lists it is in; the lists
        are combined with set algebra per subset of lists, so a tag matching a tenth of a large
        bank costs set operations, not a Python loop over its entries."""
        lists = [(w * mult, ids) for (tag, w), mult in tags.items() if (ids := self._ids(tag, w))]
        if not lists:
            return []
        order = self.order
        if len(lists) > 4:  # rare: many tags; plain accumulation
            acc: dict[int, int] = defaultdict(int)
            for weight, ids in lists:
                for i in ids:
                    acc[i] += weight
            return [order[i] - score * _SCORE_UNIT for i, score in acc.items() if i not in scored]
        sets = [set(ids) for _, ids in lists]
        exclude = set(scored)
        keys: list[int] = []
        for mask in range(1, 1 << len(lists)):
            inside = [k for k in range(len(lists)) if mask >> k & 1]
            members = set.intersection(*(sets[k] for k in inside))
            for k in range(len(lists)):
                if not mask >> k & 1 and members:
                    members -= sets[k]
            members -= exclude
            if not members:
                continue
            score = sum(lists[k][0] for k in inside)
            best = heapq.nsmallest(limit, members, key=order.__getitem__)
            keys += [order[i] - score * _SCORE_UNIT for i in best]
        return keys

    def _ids(self, tag: str, weight: int) -> list[int]:
        return next((ids for w, ids in self.tags.get(tag, ()) if w == weight), [])

    def _match_tags(self, word: str, tags: dict[tuple[str, int], int]) -> int:
        """Record the tags `word` names; how many entries they cover."""
        n = 0
        for tag, mult in _tag_words(word):
            for weight, ids in self.tags.get(tag, ()):
                tags[(tag, weight)] += mult
                n += len(ids)
        return n

    def _score_text(self, q: str, scores: dict[int, int], tags: dict[tuple[str, int], int]) -> None:
        found = self._substring(q, scores) + self._match_tags(q, tags)
        if found or len(q) < 3:
            if not found and len(q) == 2:
                self._overlap(q, scores)
            return
        # Not a substring of anything: match its words (meaning) and, failing that, its characters.
        hits = 0
        for word in query_words(q):
            hits += self._match_tags(word, tags)
            hits += self._substring(word, scores, WORD_IN_TEXT, WORD_IN_ITEMS)
        if not hits:
            self._overlap(q, scores)

    def _substring(self, q: str, scores: dict[int, int], in_text: int = 0, in_items: int = IN_ITEMS) -> int:
        """Score entries containing `q`; the number of them."""
        if len(q) == 1:
            candidates: Iterable[int] = self.chars.get(q, ())
        else:
            lists = [self.bigrams.get(g) for g in _grams(q, 2)]
            if not all(lists):
                return 0
            candidates = _intersect([lst for lst in lists if lst])
        n = 0
        for i in candidates:
            primary = self.primary[i]
            if in_text:
                score = in_text if q in primary else in_items if q in self.haystack[i] else 0
            elif primary == q or self.entries[i].text == q:
                score = EXACT
            elif primary.startswith(q):
                score = PREFIX
            elif q in primary:
                score = CONTAINS
            elif q in self.haystack[i]:
                score = in_items
            else:
                score = 0
            if score:
                scores[i] += score
                n += 1
        return n

    def _overlap(self, q: str, scores: dict[int, int]) -> None:
        counts: dict[int, int] = defaultdict(int)
        for ch in set(q):
            for i in self.chars.get(ch, ()):
                counts[i] += 1
        need = 2 if len(set(q)) > 2 else 1
        for i, c in counts.items():
            if c >= need:
                scores[i] += CHAR_OVERLAP * c

    def _score_pinyin(self, q: str, scores: dict[int, int]) -> None:
        full, initials, ini_grams, full_grams = self._pinyin_index()
        if len(q) == 1:
            candidates: Iterable[int] = (i for i, s in enumerate(initials) if s.startswith(q))
        else:
            lists = [ini_grams.get(g) for g in _grams(q, 2)]
            candidates = _intersect([lst for lst in lists if lst]) if all(lists) else ()
        for i in candidates:
            s = initials[i]
            if s == q:
                scores[i] += INITIALS_EXACT
            elif s.startswith(q):
                scores[i] += INITIALS_PREFIX
            elif q in s:
                scores[i] += INITIALS_CONTAINS
        if len(q) >= 3:
            lists = [full_grams.get(g) for g in _grams(q, 3)]
            if all(lists):
                for i in _intersect([lst for lst in lists if lst]):
                    if full[i].startswith(q):
                        scores[i] += PINYIN
                    elif q in full[i]:
                        scores[i] += PINYIN // 2

    def _pinyin_index(self) -> tuple[list[str], list[str], dict[str, list[int]], dict[str, list[int]]]:
        if self._pinyin is None:
            full: list[str] = []
            initials: list[str] = []
            ini_grams: dict[str, list[int]] = defaultdict(list)
            full_grams: dict[str, list[int]] = defaultdict(list)
            for i, text in enumerate(self.primary):
                f, s = pinyin_of(text)
                full.append(f)
                initials.append(s)
                for g in _grams(s, 2):
                    ini_grams[g].append(i)
                for g in _grams(f, 3):
                    full_grams[g].append(i)
            self._pinyin = (full, initials, dict(ini_grams), dict(full_grams))
        return self._pinyin


def _entry_tags(entry: Entry) -> list[tuple[str, int]]:
    out = [(entry.role, ROLE_TAG), (entry.theme, THEME_TAG)]
    if entry.structure:
        out.append((entry.structure, STRUCTURE_TAG))
    for name in dict.fromkeys(n for n in (entry.group, entry.name) if n):
        out.append((name, GROUP_TAG))
    return out


def _has_tag(entry: Entry, tag: str, weight: int) -> bool:
    if weight == ROLE_TAG:
        return entry.role == tag
    if weight == THEME_TAG:
        return entry.theme == tag
    if weight == STRUCTURE_TAG:
        return entry.structure == tag
    return tag in (entry.group, entry.name)


def _haystack(entry: Entry) -> str:
    parts = [entry.head or entry.text, entry.tail, entry.name, *entry.items]
    return "\x00".join(p for p in parts if p)


def _intersect(lists: list[list[int]]) -> Iterable[int]:
    if not lists:
        return ()
    lists = sorted(lists, key=len)
    result = set(lists[0])
    for other in lists[1:]:
        result.intersection_update(other)
        if not result:
            break
    return sorted(result)


def _tag_words(word: str) -> list[tuple[str, int]]:
    """Tags a query word may name, with a weight: itself (a role, theme, structure, pair group or
    set name) and the theme it abbreviates (作风 -> 作风建设)."""
    out: list[tuple[str, int]] = [(word, 1)]
    theme = resolve_theme(word)
    if theme and theme != word:
        out.append((theme, 1))
    return out
