"""Whether headings read as a parallel set, and in Chinese why not.

Checked: the same number of parts (a pair has a head and a tail), the same length part by part,
the same structure of single headings (verb-first or noun-first, from the bank's structure tag
when the bank knows the heading, else jieba's part of speech when it is sure; a pair set's
parallelism is carried by its tails, so its heads are not held to one structure), no repeated
head word, no word used twice, and no character repeated in the same position.

What every heading of a set of three or more shares
is the frame of the 排比 (高标准/高质量/高规格, 坚持X导向), and a pair set's shared opening
(聚焦…, 高…) and a framework's numbers are devices too: none of these is a repetition.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from functools import lru_cache

from assistant.phrasebank.loader import number_word

_SEPARATORS = ("\u3000", "，", " ")
#: Verbs jieba tags as nouns but 公文 uses as verbs at the head of a heading.
_VERBS = frozenset(
    "压实 夯实 筑牢 做实 抓实 扛牢 织密 擦亮 锻造 锤炼 赋能 聚力 提质 增效 强基 固本 铸魂 守正 "
    "深耕 厚植 激活 凝心 筑基 补短 攻坚 统筹 倒排 挂图 清单 对标 靶向 兜底 护航 领航".split()
)  # fmt: skip
_VERB_FLAGS = frozenset({"v", "vd", "vi", "vg", "vq"})
_NOUN_FLAGS = frozenset({"n", "ng", "nz", "nt", "ns", "j"})
_STRUCTURE_FAMILY = {"动宾": "动", "动补": "动", "主谓": "名", "偏正": "名"}
_FAMILY_LABELS = {"动": "动词开头", "名": "名词或修饰语开头"}


def split_parts(heading: str) -> list[str]:
    """["提高站位", "高标准制定工作措施"] for a pair, [heading] otherwise."""
    for sep in _SEPARATORS:
        if sep in heading:
            head, tail = heading.split(sep, 1)
            return [head.strip(), tail.strip("\u3000 ")]
    return [heading]


def check_parallel(headings: Sequence[str], structures: Mapping[str, str] | None = None) -> list[str]:
    """Reasons, in Chinese, why `headings` are not a parallel set; [] when they are.

    `structures` maps known phrases to their structure tag (动宾, 主谓 …)."""
    hs = [h.strip() for h in headings if h and h.strip()]
    if len(hs) < 2:
        return []
    reasons: list[str] = []
    parts = [split_parts(h) for h in hs]
    if len({len(p) for p in parts}) > 1:
        with_tail = [h for h, p in zip(hs, parts, strict=True) if len(p) > 1]
        return [f"有的标题有后半句（{_list(with_tail)}），有的没有，不成对仗"] + _lengths(hs, "标题")
    pair = len(parts[0]) > 1
    numbers = [number_word(p[0]) for p in parts]
    # 一个…/两个…/三个… is a framework; 一体谋划/一体部署/一体推进 is a frame of one number.
    framework = None not in numbers and len(set(numbers)) > 1
    for index in range(len(parts[0])):
        column = [p[index] for p in parts]
        label = ("前半句" if index == 0 else "后半句") if pair else "标题"
        length_reasons = _lengths(column, label)
        reasons += length_reasons
        if framework:
            reasons += _numbering(column)
        # A prefix every heading shares (聚焦…, 高…) is a device, not a repeat; a longer one is a repeat.
        shared = len(_common_prefix(column)) if pair or framework else 0
        shared = shared if shared <= 2 else 0
        reasons += _repeats(column, label, shared, positions=not framework and (index == 0 or not pair))
        if index == 0 and not length_reasons and not framework and not pair:
            reasons += _structures(column, structures or {})
    return reasons


def repeated_openings(headings: Sequence[str]) -> list[str]:
    """Reasons, in Chinese, for head words (the first two characters of each heading, or of each
    pair's first half) that more than one heading opens with.

    Stricter than `check_parallel`: a shared opening is never excused as a frame (聚焦…/聚焦…,
    坚持问题导向/坚持目标导向). Composed sets must pass this too: the composer's help promises
    “开头不重复”."""
    users: dict[str, list[str]] = defaultdict(list)
    for h in headings:
        head = split_parts(h.strip())[0] if h and h.strip() else ""
        if len(head) >= 2:
            users[head[:2]].append(h.strip())
    return [f"开头重复“{word}”：{_list(hs)}" for word, hs in users.items() if len(hs) > 1]


def _list(texts: Sequence[str]) -> str:
    return "、".join(f"“{t}”" for t in texts)


def _lengths(texts: Sequence[str], label: str) -> list[str]:
    if len({len(t) for t in texts}) <= 1:
        return []
    detail = "、".join(f"“{t}”{len(t)}字" for t in texts)
    return [f"{label}字数不一：{detail}"]


def _numbering(texts: Sequence[str]) -> list[str]:
    numbers = [number_word(t) for t in texts]
    if numbers != list(range(1, len(texts) + 1)):
        return [f"序数没有从一起依次排列：{_list(texts)}"]
    return []


def _common_prefix(texts: Sequence[str]) -> str:
    first, last = min(texts), max(texts)
    n = 0
    while n < min(len(first), len(last)) and first[n] == last[n]:
        n += 1
    return first[:n]


def _repeats(texts: Sequence[str], label: str, shared: int, *, positions: bool) -> list[str]:
    """Repeated head words, repeated two-character words and same-position characters.

    What every one of three or more headings repeats is the frame of the 排比 (高标准/高质量/
    高规格, 坚持问题导向/坚持目标导向/坚持结果导向), not a fault; what only some repeat, or
    both of two, is."""
    reasons: list[str] = []
    frame = len(texts) >= 3

    def repeated(users: list[str]) -> bool:
        return len(users) > 1 and not (frame and len(users) == len(texts))

    heads: dict[str, list[str]] = defaultdict(list)
    for t in texts:
        if len(t) >= shared + 2:
            heads[t[shared : shared + 2]].append(t)
    reported: set[str] = set()
    for word, users in heads.items():
        if repeated(users):
            reasons.append(f"{label}开头重复“{word}”：{_list(users)}")
            reported.add(word)
    if not positions:
        return reasons
    words: dict[str, list[str]] = defaultdict(list)
    for t in texts:
        for w in dict.fromkeys(t[i : i + 2] for i in range(shared, len(t) - 1, 2)):
            words[w].append(t)
    for word, users in words.items():
        if repeated(users) and word not in reported:
            reasons.append(f"词语“{word}”重复出现：{_list(users)}")
            reported.add(word)
    covered = {ch for w in reported for ch in w}
    for pos in range(shared, max(len(t) for t in texts)):
        by_char: dict[str, list[str]] = defaultdict(list)
        for t in texts:
            if pos < len(t):
                by_char[t[pos]].append(t)
        for ch, users in by_char.items():
            if repeated(users) and ch not in covered:
                reasons.append(f"第{pos + 1}字都是“{ch}”：{_list(users)}")
    return reasons


def _structures(texts: Sequence[str], known: Mapping[str, str]) -> list[str]:
    tags = {known.get(t) for t in texts}
    if len(tags) == 1 and None not in tags:  # bank phrases of one structure
        return []
    families = {t: _family(t, known) for t in texts}
    found = {f for f in families.values() if f}
    if len(found) <= 1:
        return []
    detail = "；".join(
        f"{_FAMILY_LABELS[f]}：{_list([t for t in texts if families[t] == f])}" for f in sorted(found)
    )
    return [f"结构不一（{detail}）"]


def _family(text: str, known: Mapping[str, str]) -> str | None:
    """“动” for verb-first headings, “名” for noun- or modifier-first ones, None if unsure."""
    tag = known.get(text)
    if tag in _STRUCTURE_FAMILY:
        return _STRUCTURE_FAMILY[tag]
    first = text[:2]
    if first in _VERBS:
        return "动"
    flag = _first_flag(text)
    if flag is None:
        return None
    # Only confident readings count: jieba tags many heading verbs vn (分析, 调度) or ad (明确),
    # and an unsure reading must not produce a false "结构不一".
    if flag in _VERB_FLAGS:
        return "动"
    if flag in _NOUN_FLAGS:
        return "名"
    return None


@lru_cache(maxsize=4096)
def _first_flag(text: str) -> str | None:
    """jieba's part of speech for the heading's first word (its first two characters when jieba
    reads a four-character heading as one idiom)."""
    from assistant.phrasebank.search import _jieba

    _jieba()
    import jieba.posseg as pseg

    pairs = list(pseg.cut(text))
    if not pairs:
        return None
    word, flag = pairs[0].word, pairs[0].flag
    if len(word) > 2 and len(text) >= 4:
        sub = list(pseg.cut(text[:2]))
        if len(sub) == 1:
            return str(sub[0].flag)
        return None
    return str(flag)
