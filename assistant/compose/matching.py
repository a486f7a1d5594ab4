"""Matching a workbook to templates and grouping achievements into sections.

- `suggest(workbook, templates)`: templates ranked for the workbook, each with reasons in Chinese
  ("台账中作风建设事项占60%").
- `group_achievements(...)`: achievements split into at most N balanced, non-empty sections,
  honouring each achievement's `section` override; deterministic.
- `keywords(achievements)`: content words, for choosing headings that fit a section.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any, Protocol

from assistant.compose.grouping import MAX_CLUSTERED, cluster
from assistant.errors import WenmiError
from assistant.ledger.categorize import AchievementLike, words
from assistant.ledger.numfmt import chinese_to_number

#: Document types that report what was done (a workbook full of figures fits them).
REPORTING_DOCTYPES = frozenset({"工作总结", "工作报告", "经验材料", "宣传报道", "述职报告", "调研报告"})


#: Document types that plan what to do (fit a workbook with few or no achievements).
PLANNING_DOCTYPES = frozenset({"实施方案", "工作方案", "活动方案", "通知", "整改方案", "计划表", "考核细则"})


class TemplateLike(Protocol):
    """What suggest() needs of a template (assistant.templating.Template has these)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def doctype(self) -> str: ...
    @property
    def keywords(self) -> Sequence[str]: ...
    @property
    def description(self) -> str: ...


def _achievement_text(a: AchievementLike) -> str:
    return " ".join([a.title or "", " ".join(a.tags or ()), a.detail or ""])


@dataclass
class Suggestion:
    """A template proposed for a workbook, with a score in [0, 1] and the reasons, in Chinese."""

    id: str
    name: str
    category: str
    doctype: str
    score: float
    reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


#: Evidence that a row is a planned task rather than a result: a frequency or a floor in its figures
#: (每月1次, 至少1篇), or a verb of intention.
_PLANNED = re.compile(r"每[年月周季天日名人个]|至少|不少于|不低于|力争|争取|拟|计划|将要|筹备|谋划|启动|部署")
#: Evidence of a result: a verb of completion or recognition.
_DONE = re.compile(r"完成|获评|荣获|获得|入选|建成|累计|共计|已|实现|取得|开展了|受到|表彰")
#: A row with neither figures nor a date that opens with one of these is a task still to do.
_PLAN_VERB = re.compile(r"^(?:深化|持续|探索|倡导|培育|打造|健全|完善|推动|推进|加强|坚持|强化|做好|大兴|经常性|进一步|着力|积极)")
#: Words of a method or mechanism, what an experience article is written about.
_METHOD = re.compile(r"机制|工作法|模式|品牌|体系|路径|“[一二三四五六七八九十\d]")
#: How often each genre is what a workbook of results is written up as (a prior, not a rule).
GENRE_PRIOR: dict[str, float] = {
    "工作总结": 1.0, "经验材料": 1.0, "宣传报道": 1.0, "工作报告": 0.8, "调研报告": 0.5, "述职报告": 0.5,
    "实施方案": 1.0, "工作方案": 1.0, "活动方案": 0.9, "通知": 0.9, "计划表": 0.7, "考核细则": 0.5,
}  # fmt: skip
#: Problems to correct: a workbook of these calls for a rectification plan.
_PROBLEM = re.compile(r"问题|不足|短板|差距|整改|薄弱|不到位|不够")

#: Document types for each tense; the rest (讲话稿, 会议纪要…) fit either.
RETROSPECTIVE_DOCTYPES = REPORTING_DOCTYPES
FORWARD_DOCTYPES = PLANNING_DOCTYPES - {"整改方案"}


@dataclass(frozen=True)
class Tense:
    """Whether a workbook records what was done (retrospective) or what is to be done (forward)."""

    kind: str
    reason: str
    problems: bool


def workbook_tense(workbook: Any) -> Tense:
    """Retrospective when most rows read as results (figures, dates, verbs of completion);
    forward when they read as planned tasks (frequencies, floors, intentions) or the workbook is
    empty. `problems` when most rows name problems to correct."""
    rows = list(getattr(workbook, "achievements", []))
    if not rows:
        return Tense("forward", "台账还没有成效事项", False)
    planned = done = problems = 0
    for a in rows:
        labels = " ".join(f"{getattr(m, 'label', '') or ''}{getattr(m, 'qualifier', '') or ''}" for m in a.metrics)
        text = f"{a.title} {a.detail or ''}"
        plan_hit = bool(_PLANNED.search(labels) or _PLANNED.search(a.title))
        if not a.metrics and not getattr(a, "date", None) and _PLAN_VERB.search(a.title):
            plan_hit = True
        done_hit = bool(_DONE.search(text)) or (bool(a.metrics) and not plan_hit) or bool(getattr(a, "date", None))
        planned += plan_hit and not done_hit
        done += done_hit and not plan_hit
        problems += bool(_PROBLEM.search(a.title))
    has_problems = problems * 2 > len(rows)
    if planned > done and planned * 3 >= len(rows):
        return Tense("forward", f"台账{len(rows)}项中{planned}项是计划任务（频次、底线或打算）", has_problems)
    if done * 2 >= len(rows):
        return Tense("retrospective", f"台账{len(rows)}项中{done}项是已取得的成效", has_problems)
    return Tense("retrospective", f"台账记的是已做的工作（{len(rows)}项中计划任务{planned}项）", has_problems)


@dataclass(frozen=True)
class _Profile:
    """What suggest() needs to know about a workbook, computed once."""

    total: int
    metric_count: int
    shares: Mapping[str, int]
    text: str
    tokens: frozenset[str]
    tags: Counter[str]
    template: str | None
    field_names: frozenset[str]
    tense: Tense
    theme: str
    methods: int


def _profile(workbook: Any) -> _Profile:
    achievements = list(getattr(workbook, "achievements", []))
    shares = Counter(a.category for a in achievements if a.category)
    texts = [_achievement_text(a) for a in achievements]
    fields = getattr(workbook, "fields", {}) or {}
    texts.extend(str(v) for v in fields.values() if isinstance(v, str))
    tokens: set[str] = set()
    for a in achievements:
        tokens.update(words(a.title or ""))
        tokens.update(words(a.detail or ""))
        tokens.update(t for t in a.tags or () if len(t) >= 2)
    for v in fields.values():
        if isinstance(v, str):
            tokens.update(words(v))
    tags = Counter(t for a in achievements for t in (a.tags or ()))
    return _Profile(
        total=len(achievements),
        metric_count=sum(len(a.metrics) for a in achievements),
        shares=shares,
        text="\n".join(texts),
        tokens=frozenset(tokens),
        tags=tags,
        template=getattr(workbook, "template", None),
        field_names=frozenset(str(k) for k in fields),
        tense=workbook_tense(workbook),
        theme=str(fields.get("主题") or ""),
        methods=sum(1 for a in achievements if _METHOD.search(f"{a.title}{a.detail or ''}{''.join(a.tags or ())}")),
    )


@lru_cache(maxsize=1024)
def _template_terms(name: str, description: str, keywords: tuple[str, ...]) -> frozenset[str]:
    return (
        frozenset(words(name)) | frozenset(words(description)) | frozenset(k for k in keywords if len(k) >= 2)
    )


#: Words in template names that say the genre or the field in general, not a kind of work.
_GENERIC_NAME_WORDS = frozenset(
    {"工作", "党建", "党支部", "支部", "党委", "年度", "专项", "活动", "实施", "方案", "总结", "报告", "通知",
     "经验", "材料", "宣传", "报道", "计划", "细则", "讲话", "纪要", "会议", "建设", "主题", "开展", "推进",
     "关于", "情况", "系列", "典型", "考核"}
)  # fmt: skip


def _theme_words(name: str, doctype: str, common: frozenset[str]) -> list[str]:
    """The words of a template's name that say what work it is about (志愿, 意识形态): not the
    genre's words, and not words that many templates' names share (`common`)."""
    return [
        w
        for w in words(name)
        if w not in _GENERIC_NAME_WORDS and w not in common and w not in doctype and len(w) >= 2
    ]


def _common_name_words(templates: Sequence[Any]) -> frozenset[str]:
    """Words in the names of three or more templates: they tell no template's theme apart."""
    counts: Counter[str] = Counter()
    for t in templates:
        counts.update(set(words(str(getattr(t, "name", "") or ""))))
    return frozenset(w for w, n in counts.items() if n >= 3)


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "0%"


def _score_template(t: Any, p: _Profile, common: frozenset[str] = frozenset()) -> Suggestion:
    tid = str(getattr(t, "id", ""))
    name = str(getattr(t, "name", tid))
    category = str(getattr(t, "category", ""))
    doctype = str(getattr(t, "doctype", ""))
    keywords = tuple(str(k) for k in (getattr(t, "keywords", None) or ()))
    description = str(getattr(t, "description", "") or "")
    reasons: list[str] = []

    # 1. category share
    n_cat = p.shares.get(category, 0)
    cat_score = n_cat / p.total if p.total else 0.0
    if n_cat:
        reasons.append(f"台账中{category}事项占{_percent(n_cat, p.total)}（{n_cat}/{p.total}项）")

    # 2. keywords: the template's own keywords found in the workbook, then words of its name/description
    hits = [k for k in keywords if k and k in p.text]
    extra = sorted(
        w
        for w in (_template_terms(name, description, keywords) & p.tokens) - set(hits) - {category, doctype}
        if not any(w in h for h in hits)
    )
    kw_weight = len(hits) + 0.5 * len(extra)
    kw_score = min(1.0, kw_weight / 3)
    matched = hits + extra
    if matched:
        reasons.append("关键词吻合：" + "、".join(matched[:6]))

    # 3. tags naming the doctype, the category or a keyword
    tag_hits = sorted(
        tag
        for tag in p.tags
        if tag in (doctype, category) or tag in keywords or (len(tag) >= 2 and tag in name)
    )
    tag_score = min(1.0, sum(p.tags[t] for t in tag_hits) / max(1, p.total) * 2)
    if tag_hits:
        reasons.append("标签吻合：" + "、".join(tag_hits[:4]))

    # 4. genre: results call for a report, planned tasks (or none) for a plan, problems for 整改方案
    fit = _genre_fit(doctype, p)
    if doctype == "整改方案" and p.tense.problems:
        reasons.append("台账所列多为待整改的问题，适合起草整改方案")
    elif doctype == "整改方案" and p.total == 0:
        reasons.append(f"台账还没有成效事项，适合起草{doctype}")
    if doctype == "经验材料" and fit > GENRE_PRIOR["经验材料"]:
        reasons.append("台账写了机制、方法或品牌，适合提炼成经验材料")
    if fit >= 0.8 and doctype != "整改方案":
        reasons.append(f"{p.tense.reason}，适合写成{doctype}")

    # 4b. the workbook's theme (主题) named in the template
    theme_hit = bool(p.theme) and any(k and (k in p.theme or p.theme in k) for k in (*keywords, name))
    if theme_hit:
        reasons.append(f"台账主题“{p.theme}”与模板吻合")

    # 5. slot values already filled for this template
    slots = getattr(t, "slots", None) or ()
    slot_names = {str(getattr(s, "name", s.get("name") if isinstance(s, Mapping) else "")) for s in slots}
    filled = sorted(slot_names & p.field_names)
    fill_score = len(filled) / len(slot_names) if slot_names else 0.0
    if filled:
        reasons.append("台账已填写该模板的填写项：" + "、".join(filled[:5]))

    score = 0.35 * fit + 0.3 * cat_score + 0.15 * kw_score + 0.05 * tag_score + 0.1 * theme_hit
    score += 0.05 * fill_score

    # 6. a template about one kind of work (志愿服务, 意识形态…) for a workbook that never mentions it
    own = _theme_words(name, doctype, common)
    if own and p.total and not any(w in p.text for w in own):
        score *= 0.85
        reasons.append(f"台账没有提到模板的主题“{'、'.join(own[:2])}”")
    if p.template and p.template == tid:
        score = 1.0
        reasons.insert(0, "台账指定了此模板（template）")
    if not reasons:
        reasons.append("与台账内容关联不大")
    return Suggestion(tid, name, category, doctype, round(min(score, 1.0), 3), reasons)


def _genre_fit(doctype: str, p: _Profile) -> float:
    """How well a document type suits the workbook: its tense, problems, methods (0 to 1)."""
    if doctype == "整改方案":
        return 1.0 if p.tense.problems or p.total == 0 else 0.0
    if doctype in RETROSPECTIVE_DOCTYPES:
        if p.tense.kind != "retrospective":
            return 0.0
        fit = GENRE_PRIOR.get(doctype, 0.5)
        if doctype == "经验材料" and p.methods * 4 >= p.total:
            fit = min(1.0, fit + 0.2)
        return fit
    if doctype in FORWARD_DOCTYPES:
        return GENRE_PRIOR.get(doctype, 0.5) if p.tense.kind == "forward" else 0.0
    return 0.4


def suggest(workbook: Any, templates: Iterable[Any], limit: int | None = None) -> list[Suggestion]:
    """Templates ranked for the workbook, best first (ties by id, so the order is stable).

    `templates` is any sequence of objects with id, name, category, doctype, keywords, description
    (and optionally slots). `limit` keeps the first N.
    """
    profile = _profile(workbook)
    templates = list(templates)
    common = _common_name_words(templates)
    ranked = sorted((_score_template(t, profile, common) for t in templates), key=lambda s: (-s.score, s.id))
    ranked = _by_genre_first(ranked, profile)
    return ranked[:limit] if limit is not None else ranked


#: How many of the first suggestions show different document types.
DIVERSE_TOP = 3


def _by_genre_first(ranked: list[Suggestion], p: _Profile) -> list[Suggestion]:
    """The best template of each of the `DIVERSE_TOP` document types that suit the workbook best,
    then the rest in order.

    A workbook of results fits a summary, an experience article and a news report alike; showing
    one of each first lets the drafter choose the genre, not three variants of one. The genres
    are ordered by how well they suit the workbook, then by their best template. A template the
    workbook names stays first.
    """
    named = [s for s in ranked if p.template and s.id == p.template]
    best: dict[str, Suggestion] = {}
    for s in ranked:
        best.setdefault(s.doctype, s)
    genres = sorted(best.values(), key=lambda s: (-round(s.score + 0.2 * _genre_fit(s.doctype, p), 3), s.id))
    top = named + [s for s in genres if not any(s is n for n in named)]
    top = top[:DIVERSE_TOP]
    rest = [s for s in ranked if not any(s is t for t in top)]
    return top + rest


def keywords(achievements: Iterable[AchievementLike], limit: int = 8) -> list[str]:
    """The most frequent content words of the achievements (titles count double), for heading hints."""
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for a in achievements:
        for weight, text in ((2, a.title or ""), (1, a.detail or ""), (2, " ".join(a.tags or ()))):
            for w in words(text):
                counts[w] += weight
                first_seen.setdefault(w, len(first_seen))
    ranked = sorted(counts, key=lambda w: (-counts[w], first_seen[w]))
    return ranked[:limit]


#: "meaning" (what the achievements say; "category" is its old name, the category being one of
#: the features), the first "tag", or "order" (runs of the list).
GROUP_BY = ("meaning", "category", "tag", "order")


def section_index(section: str | None, count: int, hints: Sequence[str] | None = None) -> int | None:
    """The 0-based section an override points to, or None for none/unknown text.

    "2", "第二部分", "二" -> 1; heading text matched against `hints` (equal, or one contains the
    other). Indexes past `count` go to the last section.
    """
    if not section:
        return None
    text = section.strip()
    m = re.fullmatch(r"第?\s*([0-9]+|[一二两三四五六七八九十]+)\s*(?:部分|节|章|项|个)?", text)
    if m:
        raw = m.group(1)
        n = int(raw) if raw.isdigit() else int(chinese_to_number(raw))
        return min(max(n, 1), count) - 1 if count > 0 else None
    for i, hint in enumerate(hints or ()):
        if i >= count:
            break
        if hint and (hint == text or text in hint or hint in text):
            return i
    return None


@dataclass
class _Piece:
    """Achievements that stay together (a category, a tag, a run of the list, a named section)."""

    items: list[int]
    key: str
    splittable: bool = True

    @property
    def first(self) -> int:
        return self.items[0]


def _chunks(items: list[int], parts: int) -> list[list[int]]:
    """`items` cut into `parts` contiguous runs of near-equal size (earlier runs one longer)."""
    parts = max(1, min(parts, len(items)))
    size, extra = divmod(len(items), parts)
    out, start = [], 0
    for k in range(parts):
        end = start + size + (1 if k < extra else 0)
        out.append(items[start:end])
        start = end
    return out


def _group_key(a: AchievementLike, group_by: str) -> str:
    if group_by == "category":
        return a.category or ""
    if group_by == "tag":
        return a.tags[0] if a.tags else ""
    return ""


def _pieces(free: list[int], items: Sequence[AchievementLike], group_by: str, slots: int) -> list[_Piece]:
    if not free:
        return []
    if group_by == "order":
        return [_Piece(run, "") for run in _chunks(free, max(1, slots))]
    by_key: dict[str, list[int]] = {}
    for i in free:
        by_key.setdefault(_group_key(items[i], group_by), []).append(i)
    return [_Piece(idx, key) for key, idx in by_key.items()]


def _balance(pieces: list[_Piece], total: int, slots: int) -> list[_Piece]:
    """Split oversized pieces, then keep splitting the largest until every slot can be filled."""
    if slots <= 0:
        return pieces
    target = max(1, math.ceil(total / slots))
    cap = target + max(1, target // 2)
    out: list[_Piece] = []
    for p in pieces:
        if p.splittable and len(p.items) > cap:
            out.extend(_Piece(run, p.key) for run in _chunks(p.items, math.ceil(len(p.items) / target)))
        else:
            out.append(p)
    while len(out) < slots:
        candidates = [p for p in out if p.splittable and len(p.items) >= 2]
        if not candidates:
            break
        big = max(candidates, key=lambda p: (len(p.items), -p.first))
        k = out.index(big)
        halves = _chunks(big.items, 2)
        out[k : k + 1] = [_Piece(halves[0], big.key), _Piece(halves[1], big.key)]
    return sorted(out, key=lambda p: p.first)


def group_achievements(
    achievements: Sequence[AchievementLike],
    count: int,
    group_by: str = "category",
    hints: Sequence[str] | None = None,
) -> list[list[Any]]:
    """Split achievements into at most `count` non-empty sections.

    1. An achievement's `section` override wins: an index ("2") puts it in that section, heading
       text goes to the section whose hint (`hints`, the planned headings) matches it; text that
       matches no hint keeps those achievements together as one section.
    2. The rest are grouped by `group_by` ("category", first "tag", or "order" = runs of the
       list), large groups split and small ones merged so sections are balanced.
    Within a section the workbook order is kept; sections are ordered by their first achievement
    (overridden indexes stay where the user put them). Same input, same output.
    """
    if group_by not in GROUP_BY:
        raise WenmiError(
            f"未知的分组方式“{group_by}”", hint="可选：meaning（按内容）、tag（按标签）、order（按顺序）"
        )
    items = list(achievements)
    if not items or count <= 0:
        return []
    slots = min(count, len(items))
    pinned: dict[int, list[int]] = {}
    named: dict[str, list[int]] = {}
    free: list[int] = []
    for i, a in enumerate(items):
        idx = section_index(getattr(a, "section", None), slots, hints)
        if idx is not None:
            pinned.setdefault(idx, []).append(i)
        elif getattr(a, "section", None):
            named.setdefault(str(a.section).strip(), []).append(i)
        else:
            free.append(i)
    open_slots = [s for s in range(slots) if s not in pinned]
    if group_by in ("meaning", "category") and len(free) <= MAX_CLUSTERED:
        wanted = max(1, len(open_slots) - len(named))
        clusters = cluster([items[i] for i in free], wanted)
        pieces = [_Piece([free[j] for j in c], f"~{k}", splittable=False) for k, c in enumerate(clusters)]
        if not pinned and not named:
            return [[items[i] for i in p.items] for p in pieces]
    else:
        pieces = _pieces(free, items, "category" if group_by == "meaning" else group_by, len(open_slots) - len(named))
    pieces += [_Piece(idx, f"#{name}", splittable=False) for name, idx in named.items()]
    pieces = _balance(
        sorted(pieces, key=lambda p: p.first), len(free) + sum(map(len, named.values())), len(open_slots)
    )
    groups: dict[int, list[int]] = {s: list(v) for s, v in pinned.items()}
    keys: dict[int, set[str]] = {s: {_group_key(items[i], group_by) for i in v} for s, v in pinned.items()}
    seeds = sorted(
        sorted(pieces, key=lambda p: (-len(p.items), p.first))[: len(open_slots)], key=lambda p: p.first
    )
    for slot, piece in zip(open_slots, seeds, strict=False):
        groups[slot] = list(piece.items)
        keys[slot] = {piece.key}
    rest = [p for p in pieces if not any(p is s for s in seeds)]
    for piece in sorted(rest, key=lambda p: (-len(p.items), p.first)):
        target = _place(piece, groups, keys, slots)
        groups.setdefault(target, []).extend(piece.items)
        keys.setdefault(target, set()).add(piece.key)
    return [[items[i] for i in sorted(groups[s])] for s in range(slots) if groups.get(s)]


def _place(piece: _Piece, groups: Mapping[int, list[int]], keys: Mapping[int, set[str]], slots: int) -> int:
    """Where a leftover piece goes: the smallest section sharing its key if that stays balanced,
    else the smallest section (lowest index on ties)."""
    sizes = {s: len(groups.get(s, [])) for s in range(slots)}
    smallest = min(sizes, key=lambda s: (sizes[s], s))
    kin = [s for s in range(slots) if piece.key and piece.key in keys.get(s, set())]
    if kin:
        best = min(kin, key=lambda s: (sizes[s], s))
        if sizes[best] <= sizes[smallest] + 1:
            return best
    return smallest
