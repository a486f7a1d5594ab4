"""Paragraphs like the reference articles': related actions together, under a lead that says
what they are.

Within a section, achievements that are alike (the grouping's similarity) share a paragraph of
two or three; one that is like nothing else stands alone. Each paragraph gets a lead from the
phrase bank — a comma pair (聚焦教育培训，提升能力本领) — chosen for what the paragraph says: among the entries of the paragraph's role (学习, 服务,
监督…), the one whose words best fit its achievements. No lead is used twice in a document, and
none repeats a heading. A lead that fits nothing is no lead: the paragraph then opens with its
first action.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from assistant.compose.cache import kept_alike
from assistant.compose.grouping import heading_fit, similarity
from assistant.compose.lexicon import CONCEPTS, concepts_in
from assistant.ledger.weave import quoted_spans

#: The phrase-bank role that leads a paragraph about each concept.
CONCEPT_ROLES: dict[str, str] = {
    "理论学习": "学习", "党课": "学习", "教育培训": "队伍", "组织生活": "组织", "党员队伍": "队伍",
    "组织体系": "组织", "制度机制": "制度", "政治责任": "责任", "督导考评": "监督", "整改落实": "整改",
    "调查研究": "作风", "纪律廉洁": "廉洁", "宣传报道": "宣传", "品牌示范": "品牌", "评优表彰": "成效", "文化活动": "氛围", "体育健身": "氛围",
    "志愿服务": "服务", "服务群众": "服务", "乡村振兴": "服务", "职工工会": "服务", "青年工作": "队伍",
    "安全应急": "保障", "中心工作": "融合", "创新数字": "创新", "统一战线": "融合", "文明创建": "氛围",
    "共建融合": "融合", "意识形态": "思想", "干部人才": "队伍",
    "帮扶关爱": "服务", "作风效能": "作风", "阵地载体": "组织", "劳动竞赛": "队伍", "基础设施": "服务",
}  # fmt: skip

#: Items that are at least this alike share a paragraph.
TOGETHER = 0.1
#: At most this many actions in one paragraph.
MAX_ACTIONS = 3
#: A lead must fit its paragraph at least this well.
MIN_LEAD_FIT = 0.1


@dataclass(frozen=True)
class ParagraphView:
    """One paragraph: an optional lead (no final 。) and the text of its actions."""

    lead: str
    text: str
    #: Positions of its achievements in the section's `achievements`.
    members: tuple[int, ...]
    #: The units responsible (责任单位) named by its achievements, in order, no repeats.
    owners: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"**{self.lead}。**{self.text}" if self.lead else self.text


def split_paragraphs(items: Sequence[Any]) -> list[list[int]]:
    """Positions of `items` in paragraphs of like actions (workbook order inside and between)."""
    n = len(items)
    if n <= 1:
        return [list(range(n))]
    sim = similarity(items)
    para_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    # the most alike first; only pairs at least TOGETHER alike join, so the others are not sorted
    pairs: list[tuple[float, int, int]] = []
    for i, row in enumerate(sim):
        pairs += [(-row[j], i, j) for j in range(i + 1, n) if row[j] >= TOGETHER]
    pairs.sort()
    for _, i, j in pairs:
        a, b = para_of[i], para_of[j]
        if a == b or len(members[a]) + len(members[b]) > MAX_ACTIONS:
            continue
        for k in members[b]:
            para_of[k] = a
        members[a] = sorted(members[a] + members.pop(b))
    # an action left alone beside a full paragraph of its kind takes the member closest to it:
    # two paragraphs of two read better than three actions and a one-sentence paragraph
    for i in range(n):
        if len(members.get(para_of[i], ())) != 1:
            continue
        best, fit = -1, TOGETHER
        for j in range(n):
            if para_of[j] != para_of[i] and len(members[para_of[j]]) == MAX_ACTIONS and sim[i][j] >= fit:
                best, fit = j, sim[i][j]
        if best >= 0:
            full = para_of[best]
            members[full] = [k for k in members[full] if k != best]
            para_of[best] = para_of[i]
            members[para_of[i]] = sorted([i, best])
    return sorted(members.values(), key=lambda m: m[0])


#: A paragraph of actions joined this way stays under about this many characters.
PARAGRAPH_CHARS = 220


def merge_single_actions(items: Sequence[Any], parts: list[list[int]], sentences: Sequence[str] = ()) -> list[list[int]]:
    """Paragraphs of one section without one-sentence paragraphs where two actions can share one.

    A section's actions are all about its heading, so an action alike to nothing else still
    belongs beside others: it joins the paragraph of two it is most like (when it is like it at
    all), else the next action left alone; the reference articles never set one short action
    apart while others follow. A paragraph stays under `PARAGRAPH_CHARS` characters and
    `MAX_ACTIONS` actions; a lone action with nothing left to join stays alone."""
    if len(parts) <= 1:
        return parts
    size = [len(sentences[i]) if i < len(sentences) else 0 for i in range(len(items))]
    sim = similarity(items)
    parts = [list(p) for p in parts]

    def fits(p: list[int], i: int) -> bool:
        return len(p) < MAX_ACTIONS and sum(size[k] for k in p) + size[i] <= PARAGRAPH_CHARS

    for i in sorted(k for p in parts if len(p) == 1 for k in p):
        own = next(p for p in parts if i in p)
        if len(own) != 1:
            continue  # another lone action has joined it
        pairs = [p for p in parts if p is not own and len(p) == 2 and fits(p, i)]
        best = max(pairs, key=lambda p: max(sim[i][k] for k in p), default=None)
        target: list[int] | None = best
        if best is None or max(sim[i][k] for k in best) <= 0.05:
            # another lone action: the section's heading is what they share. A pair of like
            # actions under its lead is not diluted with an unlike one.
            target = next((p for p in parts if p is not own and len(p) == 1 and fits(p, i)), None)
        if target is None:
            continue
        target.append(i)
        target.sort()
        parts.remove(own)
    return sorted(parts, key=lambda m: m[0])


def join_sentences(sentences: Sequence[str]) -> str:
    """Sentences of one paragraph: short plain ones run on with “，”, the rest follow each other."""
    out = ""
    for s in sentences:
        s = s.strip()
        if not s:
            continue
        short = len(s) <= 24 and "，" not in s
        if out.endswith("。") and short and len(out.rsplit("。", 2)[-2]) <= 24 and "，" not in out.rsplit("。", 2)[-2]:
            out = out[:-1] + "，" + s
        else:
            out += s
    return out


def _concept_role(items: Sequence[Any]) -> str | None:
    counts: dict[str, int] = {}
    for a in items:
        text = " ".join([str(getattr(a, "title", "")), *map(str, getattr(a, "tags", ()) or ())])
        for concept, triggers in CONCEPTS.items():
            if any(t in text for t in triggers):
                role = CONCEPT_ROLES.get(concept)
                if role:
                    counts[role] = counts.get(role, 0) + 1
    return max(counts, key=lambda r: (counts[r], -list(CONCEPT_ROLES.values()).index(r))) if counts else None


def _lead_candidates(bank: Any, role: str, theme: str) -> list[str]:
    """Comma pairs of the role (聚焦教育培训，提升能力本领): a lead is a sentence, not a noun."""
    entries = getattr(bank, "entries", None)  # a bank that offers no pairs offers no leads
    if entries is None:
        return []
    # an exhortation (要围绕中心工作，选准工作结合点) tells the reader what to do: it cannot lead
    # what the unit did
    return [
        e.text for e in entries("pair") if e.role == role and e.style == "comma" and not e.text.startswith(_EXHORTING)
    ]


#: Openings of a pair that exhort rather than tell.
_EXHORTING = ("要", "必须", "务必", "应当", "一定要")


#: Openings of a lead that say how, not what (聚焦…, 强化…): they need no support in the text.
_HOW = (
    "聚焦", "坚持", "强化", "加强", "深化", "突出", "注重", "创新", "推动", "提升", "健全", "建好", "打造",
    "抓实", "抓好", "落实", "完善", "规范", "拓展", "丰富", "做实", "夯实", "用好", "发挥", "搭建", "建强",
    "建立", "激发", "擦亮", "深入", "狠抓", "扎实", "持续", "全面", "着力", "紧扣", "立足", "围绕",
)  # fmt: skip
#: Words too common in Party-building text to show that a lead is about this paragraph.
_EVERYWHERE = frozenset({"党员", "党建", "工作", "青年", "职工", "群众", "组织", "支部", "党组", "活动", "服务"})


def lead_is_supported(lead: str, items: Sequence[Any]) -> bool:
    """Whether the lead's own words (after a 聚焦/强化… opening) are in what the paragraph says.

    A lead from the bank may name a practice (坚持第一议题, 专家导学, 建好党员之家, 导师帮带) that
    the workbook never mentions; written over other work it is a claim nobody made. The first
    half of the lead must share a word (two characters, not one every text has) with the
    paragraph's titles, details and tags."""
    head = lead.split("，", 1)[0]
    if head.startswith(_HOW):
        head = head[2:]
    said = " ".join(
        " ".join([str(getattr(a, "title", "")), str(getattr(a, "detail", "") or ""), *map(str, getattr(a, "tags", ()) or ())])
        for a in items
    )
    words = {head[k : k + 2] for k in range(len(head) - 1)} - _EVERYWHERE
    if any(w in said for w in words if re.fullmatch(r"[\u4e00-\u9fff]{2}", w)):
        return True
    # a lead that names the kind of work (文体活动，丰富职工生活) claims no practice
    named = [c for c in CONCEPTS if c in head] + [c for word, kinds in _KIND_WORDS.items() if word in head for c in kinds]
    return bool(named) and bool(set(named) & set(concepts_in(said)))


#: Words that name several concepts of `lexicon.CONCEPTS` at once (文体 is culture and sport).
_KIND_WORDS: dict[str, tuple[str, ...]] = {"文体活动": ("文化活动", "体育健身")}


#: Two leads sharing this part of their two-character words say the same thing twice.
ECHO = 0.4


def echoes(lead: str, other: str) -> bool:
    """Whether `lead` says again what `other` (a lead or pair heading of the document) said:
    加强理论学习，提升思想认识 and 抓理论学习，强思想认识到位 share 理论学习 and 思想认识."""
    if "，" not in lead or "，" not in other:
        return False
    a, b = _bigrams(lead), _bigrams(other)
    return bool(a and b) and len(a & b) >= ECHO * min(len(a), len(b))


@lru_cache(maxsize=65536)
def _bigrams(text: str) -> frozenset[str]:
    """The two-character runs of a text's Chinese characters (a long document asks for the same
    leads' and headings' runs hundreds of thousands of times)."""
    h = "".join(_HAN_CHARS.findall(text))
    return frozenset(h[k : k + 2] for k in range(len(h) - 1))


_HAN_CHARS = re.compile(r"[\u4e00-\u9fff]")


def choose_lead(items: Sequence[Any], bank: Any, theme: str, used: set[str]) -> str:
    """The best-fitting unused lead for a paragraph of `items`, or "" when none fits."""
    if bank is None:
        return ""
    best, best_fit = "", MIN_LEAD_FIT
    fitting = kept_alike("leads", items, lambda: fitting_leads(items, bank, theme), (id(bank), theme), bank)
    for text, fit in fitting:
        if text in used or any(text[:4] in u or u[:4] in text or echoes(text, u) for u in used if len(u) >= 4):
            continue
        if fit > best_fit + 1e-9:
            best, best_fit = text, fit
    if best:
        used.add(best)
    return best


def fitting_leads(items: Sequence[Any], bank: Any, theme: str) -> list[tuple[str, float]]:
    """The leads a paragraph of `items` could take, whatever the document has said already: those
    of its role that its words support and that fit it better than `MIN_LEAD_FIT`, in the bank's
    order, with their fit (`choose_lead` takes the best one not said yet)."""
    role = _concept_role(items)
    if role is None:
        return []
    out = []
    for text in _lead_candidates(bank, role, theme):
        if not lead_is_supported(text, items):
            continue
        fit = heading_fit(items, text)
        if fit > MIN_LEAD_FIT + 1e-9:  # a lead that fits no better is never chosen
            out.append((text, fit))
    return out


def voiced(a: Any, sentence: str, unit: str = "", period: str = "", *, run_in: bool = False) -> str:
    """The figure sentence as a report tells it: when it happened (3月，…) and who did it when
    that is not the writer itself (党群工作部起草…). Months of the period's own year drop the year;
    a year alone is said when the period does not say it (2009年，…). `run_in`: the sentence is one
    clause of a list (一是4月13日召开…), so the date runs straight into it."""
    from assistant.ledger.numfmt import parse_date

    prefix = ""
    parsed = parse_date(str(a.date)) if getattr(a, "date", None) else None
    if re.match(r"(?:截至|截止|到)?(?:(?:\d{4}年)?\d{1,2}月|\d{4}年)", sentence):
        parsed = None  # the sentence opens with its own, more exact date (8月14日至17日，截至2024年底，…)
    comma = "" if run_in else "，"
    if parsed is not None and parsed[1] is not None:
        year, month, day = parsed
        same_year = str(year) in (period or "") and str(year + 1) not in (period or "")
        when = f"{month}月" + (f"{day}日" if day else "")
        if when not in sentence:  # …5月20日前交至…: the sentence says its date itself
            prefix = (when if same_year else f"{year}年{when}") + comma
    elif parsed is not None and str(parsed[0]) not in (period or ""):
        prefix = f"{parsed[0]}年" + comma
    owner = str(getattr(a, "owner", "") or "").strip()
    plain = re.sub(r"[（(][^）)]*[）)]", "", unit or "")
    own = not owner or owner in (unit, plain) or owner.startswith(("本", "各")) and len(owner) <= 3
    # the doer only when the sentence does not name it already (督导各级党组织… is not done by them)
    # …党组织 + 组织机关党员干部…: a doer ending in the verb's own word would read it twice
    if not own and owner not in sentence and re.match(_OWNER_VERB, sentence) and not sentence.startswith(owner[-2:]):
        prefix += owner
    elif sentence.startswith("被") and unit:
        # a passive needs its subject: 6月，被…命名为 reads as a fragment; the writer is it
        from assistant.compose.wording import org_kind, self_reference

        prefix += (owner if not own else "") or self_reference(plain or unit, org_kind(unit))
    return prefix + sentence


#: A sentence that opens with a verb, or a preposition that frames one (在…中建立), can take its
#: doer in front.
_OWNER_VERB = r"^(?:在|围绕|针对|通过|依托|结合|按照|以|为|向|开展|组织|召开|举办|举行|起草|制定|修订|完成|推出|推行|推进|推动|建立|成立|打造|创建|落实|深化|实施|编印|发布|印发|对照|调度|督导|协助|走访|慰问|选派|筹集|参加|承办|配合|牵头|规范|加强|健全|完善|开设|建设|指导|督促|检查|抽查|提高|提升|引导|做好|抓好|坚持|强化|设立|评选|表彰|发放|投入)"


def build_paragraphs(
    items: Sequence[Any],
    sentences: Sequence[str],
    bank: Any,
    theme: str,
    used: set[str],
    unit: str = "",
    period: str = "",
) -> tuple[ParagraphView, ...]:
    """The paragraphs of one section: `items` are its achievements, `sentences` their figure
    sentences; `used` collects the leads (and headings) the document has already said. Each
    sentence says when (from the achievement's date) and who (its owner, when not the writer)."""
    out = []
    # like actions together (kept for rows that say what they said last time: `compose.cache`)
    grouped = kept_alike(
        "paragraphs", items, lambda: merge_single_actions(items, split_paragraphs(items), sentences), tuple(sentences)
    )
    # a report tells dated work in the order it happened: within a paragraph and between them
    parts = [sorted(m, key=lambda i: (_when(items[i]), i)) for m in grouped]
    for members in sorted(parts, key=lambda m: (_when(items[m[0]]), m[0])):
        lead = choose_lead([items[i] for i in members], bank, theme, used) if len(members) > 1 else ""
        if lead and len({_when(items[i]) for i in members}) == 1:
            # no date to keep in order: the action the lead names opens the paragraph (a lead
            # “加强理论学习” over 行风测评 first, 中心组学习 second read as a lead over 行风测评)
            members = sorted(members, key=lambda i: -heading_fit([items[i]], lead))
        text = join_sentences([voiced(items[i], sentences[i], unit, period) for i in members])
        owners = tuple(dict.fromkeys(o for i in members if (o := str(getattr(items[i], "owner", "") or ""))))
        out.append(ParagraphView(lead, text, tuple(members), owners))
    return tuple(out)


def _when(a: Any) -> tuple[int, int, int]:
    """(year, month, day) of an achievement's date for ordering; undated work keeps its place
    after dated work of the same section (9999)."""
    from assistant.ledger.numfmt import parse_date

    parsed = parse_date(str(a.date)) if getattr(a, "date", None) else None
    if parsed is None:
        return (9999, 0, 0)
    return (parsed[0], parsed[1] or 0, parsed[2] or 0)


# --------------------------------------------------------------------------- mentions

#: Longest action (in characters) that joins others with “、”: a longer one reads as a clause.
BARE_CHARS = 22
#: A run of mentions is cut into sentences of about this many characters (at a group's end).
MENTION_SENTENCE = 110
_ORDINALS = "一二三四五六七八九十"


def _bare(text: str) -> bool:
    """An action said in a few words with no clause of its own (落实“第一议题”制度): it joins
    the next one with “、”. Quotations may hold any punctuation (“分类指导、争先进位”)."""
    plain = text
    for start, end in reversed(quoted_spans(text)):
        plain = plain[:start] + "“”" + plain[end:]
    return len(text) <= BARE_CHARS and not re.search(r"[，；、：,;:]", plain)


def _as_clause(sentence: str) -> str:
    """A sentence as one clause of a list: no final stop, inner stops become commas."""
    text = sentence.strip().rstrip("。；;，,")
    return re.sub(r"[。；;]", "，", text)


def join_mentions(
    items: Sequence[Any],
    sentences: Sequence[str],
    *,
    numbered: bool = False,
    unit: str = "",
    period: str = "",
) -> str:
    """Work done before, told inside a forward-looking document (前期工作, 工作基础): the
    achievements as clauses of grammatical sentences, not as one title per sentence.

    Like actions stay together (`split_paragraphs`). Short actions join with “、” (落实“第一议题”
    制度、开展党员示范岗创建); an action with a clause of its own (figures, a detail) is set off
    with “；”. `numbered`: when the run falls into three to ten points, they are counted
    (一是…；二是…), as a 通知 or 方案 lists them after “主要工作有：”, and inside a point actions
    join with “，”. Otherwise groups follow each other in sentences of about `MENTION_SENTENCE`
    characters. Each action says when and who (`voiced`), and every figure of its sentence is kept."""
    if not items:
        return ""
    clauses = [_as_clause(voiced(a, s, unit, period, run_in=True)) for a, s in zip(items, sentences, strict=True)]
    groups = [[clauses[i] for i in members] for members in split_paragraphs(items)]
    if numbered:
        # more points than ordinals: like actions share a point, up to twice and four times as long
        for limit in (POINT_CHARS, 2 * POINT_CHARS, 4 * POINT_CHARS):
            points = [p for g in groups for p in _points(g, limit)]
            if len(points) <= len(_ORDINALS):
                break
        if 3 <= len(points) <= len(_ORDINALS):
            return "；".join(f"{_ORDINALS[k]}是{p}" for k, p in enumerate(points)) + "。"
    out, current = "", ""
    for g in groups:
        text = _join_group(g, "；")
        if current and len(current) + len(text) > MENTION_SENTENCE:
            out += current + "。"
            current = ""
        current += ("；" if current else "") + text
    return out + current + "。"


def _join_group(clauses: Sequence[str], heavy: str) -> str:
    """Clauses of one group: “、” between two short actions, `heavy` after or before one with a
    clause of its own, “，” otherwise."""
    text = ""
    for k, c in enumerate(clauses):
        if k:
            prev = clauses[k - 1]
            if _bare(prev) and _bare(c):
                text += "、"
            elif "，" in prev or "，" in c:
                text += heavy
            else:
                text += "，"
        text += c
    return text


#: A counted point (一是…) longer than this is cut at an action's end.
POINT_CHARS = 90


def _points(clauses: Sequence[str], limit: int = POINT_CHARS) -> list[str]:
    """A group's actions as counted points: together while the point stays within `limit`."""
    points: list[list[str]] = []
    for c in clauses:
        if points and len(_join_group([*points[-1], c], "，")) <= limit:
            points[-1].append(c)
        else:
            points.append([c])
    return [_join_group(p, "，") for p in points]


def _register() -> None:
    """Templates' `mentions` filter joins with `join_mentions` (the filter's layer is below this one)."""
    from assistant.templating.filters import set_mentions_joiner

    set_mentions_joiner(join_mentions)


_register()
