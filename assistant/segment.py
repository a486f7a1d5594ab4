"""jieba for short texts (titles) without loading its whole dictionary.

jieba's full dictionary (349,000 words) takes about 0.6 s to load, longer than the rest of a
render. Breaking a title only needs the words that occur in that title. So we keep a compact
word list once (words jieba has seen at least `MIN_FREQ` times, about 24,000, plus the 公文 words
in DOMAIN_WORDS) in the user cache folder, and for each text give jieba a prefix dictionary of
just the words found in it, with the full dictionary's total frequency, so jieba's route
scores are the ones it would compute itself. jieba's DAG and HMM then cut as usual.
If the cache cannot be written, the list is built each time from jieba's dictionary.

Matching needs jieba's exact cuts with every rare word: `exact_jieba()` gives them while loading
only the dictionary blocks of the characters in the texts it is asked to cut (see _ExactJieba).
"""

from __future__ import annotations

import contextlib
from functools import lru_cache
from pathlib import Path
from typing import Any

MIN_FREQ = 200
#: Words of 公文 titles that jieba's dictionary lacks or ranks too low to keep.
DOMAIN_WORDS = (
    "实施方案 工作方案 活动方案 整改方案 工作总结 工作报告 经验材料 宣传报道 调研报告 述职报告 讲话稿 "
    "会议纪要 考核细则 计划表 工作配档表 配档表 工作要点 主题党日 民主生活会 组织生活会 三会一课 第一议题 "
    "理论学习中心组 中心组 党风廉政 廉政建设 警示教育 一岗双责 主体责任 志愿服务 乡村振兴 双报到 党建品牌 "
    "工作作风 作风建设 纪律建设 政治建设 思想建设 组织建设 意识形态 党支部 党总支 星级党支部 标准化规范化 "
    "发展党员 换届选举 青年理论学习小组 统战部 党群工作部 我为群众办实事 形式主义 官僚主义 问题整改 "
    "全面从严治党 从严治党 党的建设 基层党建 党建工作 年度 两个维护 四个意识 中央八项规定 主题教育 理论学习 "
    "专题学习 党员领导干部 领导班子 领导干部"
).split()
_NAME = f"jieba-words-v5-{MIN_FREQ}-{len(DOMAIN_WORDS)}.txt"


def _cache_dir() -> Path:
    import os

    env = os.environ.get("WENMI_HOME")
    if env:
        return Path(env) / "cache"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("wenmi", appauthor=False))


def _jieba_dict() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("jieba")
    assert spec is not None and spec.origin is not None
    return Path(spec.origin).with_name("dict.txt")


def _build_list() -> str:
    """The compact list as text: a header with jieba's total and longest word, then one
    `word frequency` line each."""
    total = 0
    kept: list[str] = []
    longest = 1
    for line in _jieba_dict().read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 2 or not parts[1].isdigit():
            continue
        count = int(parts[1])
        total += count
        if count >= MIN_FREQ:
            kept.append(f"{parts[0]} {count}")
            longest = max(longest, len(parts[0]))
    known = {line.split(" ", 1)[0] for line in kept}
    kept += [f"{w} {MIN_FREQ * 50}" for w in DOMAIN_WORDS if w not in known]
    longest = max([longest, *map(len, DOMAIN_WORDS)])
    kept.sort(key=lambda line: line.split(" ", 1)[0])
    return f"#{total} {longest}\n" + "\n".join(kept) + "\n"


class _WordList:
    """A sorted `word frequency` list searched in place by bisection: building a 24,000-entry
    dict would cost more than everything a title needs (a hundred lookups)."""

    def __init__(self, text: str, total: int, longest: int) -> None:
        import re

        self.text = text
        self.total = total
        self.longest = longest
        #: Offsets of the first character of every line.
        self.starts = [m.end() for m in re.finditer("\n", text)][:-1]
        #: Fragments looked up before (titles of a batch share most of theirs), and where.
        self._found: dict[str, int] = {}

    def _word_at(self, offset: int) -> str:
        return self.text[offset : self.text.index(" ", offset)]

    def _first_at_or_after(self, frag: str) -> int:
        import bisect

        found = self._found.get(frag)
        if found is None:
            if len(self._found) > 100_000:
                self._found.clear()
            found = self._found[frag] = bisect.bisect_left(self.starts, frag, key=self._word_at)
        return found

    def has_prefix(self, frag: str) -> bool:
        """Whether some word starts with `frag` (so longer fragments are worth looking up)."""
        i = self._first_at_or_after(frag)
        return i < len(self.starts) and self._word_at(self.starts[i]).startswith(frag)

    def freq(self, word: str) -> int | None:
        i = self._first_at_or_after(word)
        if i >= len(self.starts) or self._word_at(self.starts[i]) != word:
            return None
        offset = self.starts[i] + len(word) + 1
        return int(self.text[offset : self.text.index("\n", offset)])


@lru_cache(maxsize=1)
def _words() -> _WordList | None:
    """The compact word list from the user cache (built there on first use); None when
    jieba's dictionary cannot be read."""
    target = _cache_dir() / _NAME
    try:
        text = target.read_text(encoding="utf-8")
    except OSError:
        try:
            text = _build_list()
        except OSError:
            return None
        try:
            from assistant.atomic import write_text_atomic

            target.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(target, text)
        except OSError:
            pass  # no cache: build again next time
    head, _, _ = text.partition("\n")
    total, _, longest = head.lstrip("#").partition(" ")
    return _WordList("\n" + text.split("\n", 1)[1], int(total), int(longest))


def import_jieba() -> Any:
    """`import jieba`, without letting it pull in setuptools' slow, deprecated pkg_resources.

    jieba only uses pkg_resources to locate its own data files and falls back to a plain path
    when the import fails; the import alone costs about 70 ms of every start-up.
    """
    import sys

    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    block = "pkg_resources" not in sys.modules
    if block:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba
    finally:
        if block:
            del sys.modules["pkg_resources"]
    return jieba


def _prefix_dict(text: str, words: _WordList) -> dict[str, int]:
    """jieba's FREQ for `text`: the words occurring in it, and their prefixes at 0."""
    out: dict[str, int] = {}
    for start in range(len(text)):
        for end in range(start + 1, min(len(text), start + words.longest) + 1):
            frag = text[start:end]
            if not words.has_prefix(frag):
                break
            count = words.freq(frag)
            if count is not None:
                out[frag] = count
                for cut in range(start + 1, end):
                    out.setdefault(text[start:cut], 0)
    return out


def cut(text: str) -> list[str]:
    """jieba's segmentation of a short text (DAG over the known words, HMM for the rest)."""
    jieba = import_jieba()
    loaded = _words()
    if loaded is None:
        return list(full_jieba().lcut(text, HMM=True))
    tk = jieba.Tokenizer()
    tk.FREQ = _prefix_dict(text, loaded)
    tk.total = loaded.total
    tk.initialized = True
    return list(tk.lcut(text, HMM=True))


#: Layout of the partitioned dictionary file below; raise it when the layout changes.
_BLOCKS_FORMAT = 1


class _ExactJieba:
    """jieba's full dictionary, loaded a block at a time: `lcut(text)` cuts exactly as
    `jieba.lcut(text)` would with the whole dictionary loaded.

    jieba reads its prefix dictionary only at substrings of the text it cuts (the DAG, the
    route scores, the HMM's unknown stretches), and each such substring is a character of that
    text, or begins with two adjacent ones. So the dictionary is kept on disk in blocks by first
    character, each cut by second character (the word of one character alone under ""), and a
    text loads the blocks of its own characters and character pairs, with the full dictionary's
    total, so route scores are jieba's own. 2,000 titles and template names load about 10,000
    of the 500,000 entries.
    """

    def __init__(self, jieba: Any, total: int, blocks: dict[str, bytes], path: Path | None = None) -> None:
        self._blocks = blocks
        #: The cache file, removed when a block in it turns out unreadable (rebuilt next time).
        self._path = path
        #: jieba with its whole dictionary, once a block could not be read.
        self._full: Any = None
        #: Blocks opened so far: first character -> {second character or "": marshalled words}.
        self._opened: dict[str, dict[str, bytes]] = {}
        #: Characters and character pairs whose words are in the prefix dictionary.
        self._loaded: set[str] = set()
        self._tk = jieba.Tokenizer()
        self._tk.FREQ = {}
        self._tk.total = total
        self._tk.initialized = True

    def lcut(self, text: str) -> list[str]:
        if self._full is not None:
            return self._full.lcut(text)  # type: ignore[no-any-return]
        loaded = self._loaded
        try:
            for k in range(len(text)):
                pair = text[k : k + 2]
                if pair not in loaded:
                    self._load(pair[0])
                    if len(pair) == 2:
                        self._load(pair)
        except (ValueError, EOFError, TypeError, AttributeError):
            # a damaged block (a cache from another version, a bad disk): cut with the whole
            # dictionary from now on, and let the next run build the cache again
            if self._path is not None:
                with contextlib.suppress(OSError):
                    self._path.unlink()
            self._full = full_jieba()
            return self._full.lcut(text)  # type: ignore[no-any-return]
        return self._tk.lcut(text)  # type: ignore[no-any-return]

    def _load(self, key: str) -> None:
        """Add the words that start with `key` (one character: that character as a word)."""
        if key in self._loaded:
            return
        import marshal

        first = self._opened.get(key[0])
        if first is None:
            block = self._blocks.get(key[0])
            first = self._opened[key[0]] = marshal.loads(block) if block is not None else {}
        part = first.get(key[1:])
        if part is not None:
            self._tk.FREQ.update(marshal.loads(part))
        self._loaded.add(key)  # after the update: a reader that sees the key finds its words


def _blocks_file(jieba: Any) -> Path:
    """The partitioned dictionary's cache file, named after what it was built from."""
    import sys

    size = _jieba_dict().stat().st_size
    py = f"{sys.version_info[0]}{sys.version_info[1]}"
    return _cache_dir() / f"jieba-blocks-v{_BLOCKS_FORMAT}-{jieba.__version__}-{size}-py{py}.marshal"


def _read_blocks(path: Path) -> tuple[int, dict[str, bytes]] | None:
    """(total, blocks) from the cache file; None when it is missing or not what we wrote."""
    import marshal

    try:
        loaded = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not (isinstance(loaded, tuple) and len(loaded) == 3 and loaded[0] == _BLOCKS_FORMAT):
        return None
    _, total, blocks = loaded
    if not isinstance(total, int) or not isinstance(blocks, dict):
        return None
    return total, blocks


def _write_blocks(path: Path, jieba: Any) -> None:
    """Partition the loaded full dictionary by first and second character (see _ExactJieba)
    and cache it (best effort)."""
    import marshal

    groups: dict[str, dict[str, dict[str, int]]] = {}
    for word, count in jieba.dt.FREQ.items():
        groups.setdefault(word[0], {}).setdefault(word[1:2], {})[word] = count
    blocks = {ch: marshal.dumps({second: marshal.dumps(words) for second, words in parts.items()})
              for ch, parts in groups.items()}
    try:
        from assistant.atomic import write_bytes_atomic

        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(path, marshal.dumps((_BLOCKS_FORMAT, jieba.dt.total, blocks)))
    except OSError:
        pass  # no cache: the full dictionary is loaded again next time


@lru_cache(maxsize=1)
def exact_jieba() -> Any:
    """An object whose `lcut(text)` is `jieba.lcut(text)` with the full dictionary, loading only
    the part of it that the texts cut so far need (see _ExactJieba). The first use builds the
    cache file from jieba's dictionary and cuts with the full dictionary meanwhile."""
    jieba = import_jieba()
    try:
        path = _blocks_file(jieba)
    except OSError:
        return full_jieba()
    cached = _read_blocks(path)
    if cached is not None:
        return _ExactJieba(jieba, *cached, path=path)
    full = full_jieba()
    _write_blocks(path, full)
    return full


@lru_cache(maxsize=1)
def full_jieba() -> Any:
    """jieba with its full dictionary loaded (matching and search need the rare words too)."""
    import logging

    jieba = import_jieba()
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba
