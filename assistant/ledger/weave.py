"""Details woven into a figure sentence where a drafter would put them.

A workbook's `detail` is free text: a time ("国庆节、元旦等节日期间"), a frame ("以“双报到”为
契机"), the items of the title's noun ("温福福厦铁路电力工程、新农村电气化建设等工程"), a fuller
form of the title ("以张诗平为代表的村民成立种植专业合作社"), or a purpose or outcome. Appended
as it stands after the figures, the first four read as fragments; the reference articles write
them into the action instead:

- a time becomes the sentence's time adverbial: “七一”前夕召开支部大会…;
- a frame opens the sentence: 以“双报到”为契机，组织在职党员开展小区环境整治…;
- items join the title's noun phrase: 在温福福厦铁路电力工程…等重大工程中设立临时党支部;
- a fuller or more exact form of the title replaces it, and an elliptic one (…打造全省首个)
  takes the title's object;
- whatever is left stays a purpose or outcome clause after the figures.

Nothing is dropped: a clause leaves the detail only when its words are written elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: A time phrase that opens a detail: up to 16 characters ending in a time word.
_TIME = re.compile(
    r"^([^，。；：;:]{0,16}?(?:期间|前夕|之际|时节|时期|佳节|前后|当天|之初|年初|年底|年末|月初|月底|月中|日时|节时|之时|节日|启动以来|开展以来|实施以来|成立以来))"
)
#: A clause that is only a date or a span of dates: 8月14日至17日, 2022年3月.
_DATES = re.compile(
    r"^(?:(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?(?:[、至到—-](?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日?)*(?:前|后|期间|以来|起)?"
    r"(?:[两二三四五六七八九十]天|上午|下午|晚上?)?|\d{4}年度?|全年|上半年|下半年|年内|当年|[\u4e00-\u9fff]{1,3}(?<![之以])[前后]|[\u4e00-\u9fff]{2,3}(?<![其之])中)$"
)
#: A date that opens a clause, with what a ledger puts around it: 截至6月6日, 于3月, 10月底前.
_DATED = re.compile(
    r"^((?:截至|截止|截止到|至|于)?(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日|底|初|中旬|上旬|下旬)?(?:前|后|以来|起)?"
    r"|(?:截至|截止|截止到)\d{4}年(?:底|末|年底|年末)?|\d{4}年(?:以)?来|(?:[一两三几多]|近[一两三几]|近)年来)"
)
#: How often, opening a clause whose rest is the title's own verb (每年开展 after 开展…专题研讨).
HOW_OFTEN = re.compile(r"^(每(?:年|月|周|季度|个季度|半年|学期|半月)|定期)(?=[\u4e00-\u9fff]{2}$|$)")
#: A clause that only frames the action (以…为契机, 围绕…, 结合…).
_FRAME = re.compile(
    r"^(?:以[^，]{1,20}?为(?:契机|抓手|载体|依托|纽带|平台|牵引|引领|核心|重点|主线|阵地|目标|导向)"
    r"|(?:围绕|结合|按照|依据|根据|依托|借助|立足|针对|聚焦|紧扣|紧紧围绕)[^，]{1,32}"
    r"|在[^，]{2,24}(?:活动中|工作中|过程中|期间|之际|指导下|领导下|带领下|帮助下|支持下|推动下|期限内|时限内)"
    r"|经[^，]{2,20}(?:批准|同意|研究|审议|审定|推荐)"
    r"|坚持[^，]{2,16}(?:标准|原则|方针|导向)"
    r"|(?:积极)?响应[^，]{2,24}(?:号召|部署|倡议)"
    r"|(?:运用|利用|借助|依靠)[^，]{2,30}(?:载体|平台|形式|方式|渠道|阵地))$"
)
#: Who led the action (医院副院长宋荣峰带领…医疗专家团队): it opens the sentence, as the subject.
_LED = re.compile(r"^(?!在)[^，“”]{2,24}(?:带领|率领|带队)(?!下)[^，]{2,40}$")
#: A frame that ends in the title's own verb (在团市委的指导下完成, after 完成…换届选举): the
#: verb is said once, by the title.
_FRAMED_VERB = re.compile(r"^(在[^，]{2,24}?(?:下|内))(完成|开展|进行|实施|召开|举办|组织|落实)$")
#: Where what the action chose was drawn from (从后备干部和致富能手中选任), after a title or a
#: figure that opens with the same verb (选任村干部5名): the source goes before it, the verb said once.
_SOURCE = re.compile(r"^(从[^，]{2,24}?中)([\u4e00-\u9fff]{2})$")
#: A title that states a result (…活动场所实现全覆盖): an action the detail gives is how it was
#: reached, and opens the sentence (`_means`).
_RESULT = re.compile(r"实现|达到|达成|全覆盖")
_MEANS = ("加强", "强化", "完善", "健全", "加大", "深化")
#: An enumeration that ends in the noun it lists: 采茶、制茶、陶艺等技能比赛.
_ENUMERATION = re.compile(r"^([^，；。]*?、[^，；。]*?等)([\u4e00-\u9fff]{2,8})$")
#: The end of an elliptic clause whose noun is the title's object: …打造全省首个.
_ELLIPTIC = ("首个", "首家", "第一个", "第一家", "首批", "唯一一个")
#: Words that open a verb phrase (or a prepositional phrase) in a title; a noun phrase starts
#: after the nearest of them.
GOVERNORS = (
    "新建", "组建", "制定", "培养", "建立", "成立", "打造", "创建", "发展", "选树", "培育", "表彰", "评选",
    "征集", "修订", "出台", "形成", "推出", "编印", "设立", "选派", "选拔", "招募", "慰问", "走访", "帮扶",
    "开设", "建成", "命名", "认定", "吸收", "确定", "评定", "挂牌", "授予", "召开", "举办", "举行", "开展",
    "组织", "参加", "参与", "完成", "讲授", "接待", "号召", "动员", "安排", "带领", "引导", "发动", "邀请",
    "吸纳", "资助", "救助", "帮助", "指导", "推荐", "选送", "划分", "投放", "发放", "建设", "硬化", "修建",
    "引进", "招聘", "聘请", "整治", "清理", "设置", "深入", "下派", "派驻", "选配", "下沉",
)  # fmt: skip
#: Prepositions a counted noun may follow directly (为4户困难职工), and that open a place (在…中).
PREPOSITIONS = ("为", "向", "对", "给", "在", "与", "同")
_VERB_LIKE = GOVERNORS + (
    "提供", "解决", "推进", "推动", "落实", "加强", "实现", "开通", "上线", "协助", "激励", "参与", "投放",
)  # fmt: skip
#: Words of rank or kind that may stand before a title's object (全市首个社区少工委).
_RANKS = ("首", "第一", "唯一", "级", "示范", "标杆", "样板", "品牌", "一流", "全国", "全省", "全市")


def han(text: str) -> list[str]:
    return re.findall(r"[\u4e00-\u9fff]", text)


def share(words: str, text: str) -> float:
    """The part of `words`' Chinese characters that occur in `text`."""
    chars = han(words)
    return sum(ch in text for ch in chars) / len(chars) if chars else 0.0


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every quotation or book title, where no figure may be inserted."""
    pairs = {"“": "”", "《": "》", "‘": "’", "「": "」"}
    spans, stack = [], []
    for i, ch in enumerate(text):
        if ch in pairs:
            stack.append((ch, i))
        elif stack and ch == pairs[stack[-1][0]]:
            spans.append((stack.pop()[1], i + 1))
    return spans


def in_quotes(text: str, at: int) -> bool:
    return any(s <= at < e for s, e in quoted_spans(text))


def split_clauses(text: str) -> list[str]:
    """`text` cut at “，” outside quotation marks ("“浪漫春天，幸福有约”" stays whole)."""
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch == "，" and not in_quotes(text, i):
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:])
    return [c.strip() for c in out if c.strip()]


def governor_before(text: str, end: int, start: int = 0) -> tuple[int, str]:
    """(position, word) of the nearest governing verb or preposition in text[start:end], or (-1, "").

    组织 after a noun is a noun (社会组织, 党组织), not the verb; a preposition counts only at the
    start of its clause or right after a time word (春节期间为…).
    """
    best = (-1, "")
    for word in GOVERNORS + PREPOSITIONS:
        at = text.rfind(word, start, end)
        while at >= start:
            ok = not in_quotes(text, at)
            if word == "组织" and at > start and text[at - 1] not in "积广":
                ok = False
            if word in PREPOSITIONS and at > start and not text[:at].endswith(("期间", "时", "节", "前", "后", "，")):
                ok = False
            if ok:
                break
            at = text.rfind(word, start, at)
        if at >= start and (at, len(word)) > (best[0], len(best[1])):
            best = (at, word)
    return best


def clause_start(text: str, at: int) -> int:
    return max(text.rfind(c, 0, at) for c in "，；,;") + 1


@dataclass
class Woven:
    """A title with its detail woven in: what opens the sentence, the head, the clauses left."""

    front: str
    head: str
    rest: list[str] = field(default_factory=list)

    def prefix(self, body: str) -> str:
        if not self.front:
            return body
        # a short frame runs into the action (围绕乡村振兴开展…); a span of time is set off (一年来，)
        short = len(self.front) <= 10 and "，" not in self.front and not re.search(r"\d|年来$|^在.+下$", self.front)
        glue = "" if self.front.endswith("，") or short else "，"
        return f"{self.front}{glue}{body}"


def weave(title: str, detail: str) -> Woven:
    """The title and one sentence of detail (no final punctuation) as front, head and rest."""
    # a time set off by “；” (全年；认真落实…) is a time like any other
    clauses = split_clauses(re.sub(r"^(全年|上半年|下半年|年内|当年|\d{4}年度?)；", r"\1，", detail))
    front = ""
    head = title
    if clauses:
        time, head, clauses = _time(head, clauses)
        front = time
    clauses = [_unsaid_verb(c, head) for c in clauses]
    drawn = drawn_from(clauses[0], head) if clauses else None
    if drawn is not None:
        head, clauses = drawn, clauses[1:]
    moved = 0
    means = False
    while clauses and (
        _FRAME.match(clauses[0]) or _LED.match(clauses[0]) or _before(clauses[0], head) or _means(clauses[0], head)
    ):
        means = means or _means(clauses[0], head)
        if len(clauses) >= 2:
            # 以社区党支部为核心，辖区成员单位…为辅助: a frame in a parallel pair stays where it is
            if re.search(r"为[\u4e00-\u9fff]{1,3}$", clauses[1]):
                break
        elif front and not moved:
            break  # a time and one frame: the frame stays after the action
        # frames (根据…，在…的指导下) open the sentence, before the action, not after it
        opening = _before(clauses[0], head) or clauses[0]
        front = f"{front}，{opening}" if front else opening
        clauses = clauses[1:]
        moved += 1
    if moved and (clauses or moved > 1 or "，" in front or means):
        front += "，"  # an action before the result is its own clause (加强…建设，…实现全覆盖)
    rest: list[str] = []
    for clause in clauses:
        woven = _into_title(head, clause)
        if woven is None:
            rest.append(_examples(clause))
        else:
            head = woven
    return Woven(front, head, rest)


#: Verbs whose object is an activity (开展…慰问, 进行…调研): the title's verb after them is no
#: second action.
_LIGHT_VERBS = ("开展", "进行", "组织", "实施", "推进", "推动", "加强", "做好", "落实", "参与", "参加")


def _before(clause: str, title: str) -> str | None:
    """举行党员大会选举 before 选举产生…: an action that ends in the title's first verb comes before
    it (举行党员大会，选举产生…); the verb is said once. None for any other clause."""
    verb = title[:2]
    if len(clause) < len(verb) + 4 or not clause.endswith(verb) or re.search(r"[\d“”]", clause):
        return None
    action = clause[: -len(verb)]
    # an action of its own (举行党员大会, 通过团员大会), not the title's verb as the object of a
    # light verb (开展劳动模范关爱慰问) nor a place (十组新湾…门前全面清理)
    if action.startswith(_LIGHT_VERBS) or not action.startswith(GOVERNORS + _VERB_LIKE + ("通过", "经")):
        return None
    return action


def drawn_from(clause: str, action: str) -> str | None:
    """从后备干部和致富能手中选任 + 选任村干部5名 -> 从后备干部和致富能手中选任村干部5名: the
    action with where it drew from before it; None when the clause says no such source."""
    m = _SOURCE.match(clause)
    return m.group(1) + action if m and action.startswith(m.group(2)) else None


def _means(clause: str, title: str) -> bool:
    """加强村（居）组织活动场所建设 after …活动场所实现全覆盖: the action by which the title's result
    was reached, which a drafter writes first."""
    return bool(
        _RESULT.search(title) and clause.startswith(_MEANS) and len(clause) <= 30 and not re.search(r"[\d“”]", clause)
    )


def _unsaid_verb(clause: str, title: str) -> str:
    """在…指导下完成 after a title that says 完成: the frame without the verb."""
    m = _FRAMED_VERB.match(clause)
    return m.group(1) if m and m.group(2) in title[:6] else clause


def _examples(clause: str) -> str:
    """乒乓球、羽毛球、网球等 after an action is a list of examples: 如乒乓球、羽毛球、网球等; a
    whole list of things (责任清单、任务清单、台账清单) is what the action comprised: 包括…"""
    if clause.startswith(PREPOSITIONS + _VERB_LIKE + ("如", "包括")) or re.search(r"[\d“”《》]", clause):
        return clause
    if re.fullmatch(r"[^，；。]+、[^，；。]+等", clause):
        items = re.split("[、和及]", clause[:-1])
        if all(len(item) <= 5 for item in items):  # names of things, not actions (学习党的理论…)
            return "如" + clause
    elif re.fullmatch(r"[^，；。、]{2,6}(?:、[^，；。、]{2,6})+", clause):
        items = clause.split("、")
        # things of one kind (…清单, …室) or short names (拔河、跳绳), not actions (查摆问题、抓好整改)
        if len({i[-1] for i in items}) == 1 or all(len(i) <= 3 for i in items):
            return "包括" + clause
    return clause


def _time(title: str, clauses: list[str]) -> tuple[str, str, list[str]]:
    """A time phrase that opens the detail, taken out as the sentence's time adverbial."""
    if _DATES.match(clauses[0]):
        # 11月10日至20日，集中开展调研; 奥运后，9月6日、7日两天: all of the time, before the action
        k = 1
        while k < len(clauses) and _DATES.match(clauses[k]):
            k += 1
        return "，".join(clauses[:k]), title, clauses[k:]
    m = _DATED.match(clauses[0]) or HOW_OFTEN.match(clauses[0])
    if m and (not clauses[0][m.end() :] or title.startswith(clauses[0][m.end() :].strip())):
        # 截至6月6日 / 5月5日召开 / 每年开展 (the title says 召开, 开展): when, before the action
        return m.group(1), title, clauses[1:]
    m = _TIME.match(clauses[0])
    if not m or re.search(r"\d", m.group(1)) and not re.search(r"[月日节]", m.group(1)):
        return "", title, clauses
    if re.search(r"代表|表达|带领|率领|组织|开展|举办|举行|召开|参加", m.group(1)):
        return "", title, clauses  # 代表医院表达节日问候: an action, not 节日 as a time
    time = m.group(1)
    left = clauses[0][m.end() :].strip()
    # the title's own time word, said more exactly by the detail: 节日期间 -> 国庆节、元旦等节日期间
    for size in range(min(len(time), 6), 1, -1):
        if title.startswith(time[-size:]) and not in_quotes(time, len(time) - size):
            title = title[size:]
            break
    if left and (title.startswith(left) or left in title[: len(left) + 4] and len(left) <= 4):
        left = ""  # “七一”前夕召开: the title says 召开 already
    return time, title, ([left] if left else []) + clauses[1:]


def _into_title(title: str, clause: str) -> str | None:
    """The title with `clause` written into it, or None when the clause stays a clause."""
    if re.fullmatch(r"《[^《》]+》", clause) and not title.endswith("》"):
        return title + clause  # 讲专题党课《解读“七一讲话”精神》: the name of what the title names
    if re.search(r"\d", clause):
        return None
    return (
        _said(title, clause)
        or _participants(title, clause)
        or _manner(title, clause)
        or _restated(title, clause)
        or _merged(title, clause)
        or _extends(title, clause)
        or _elliptic(title, clause)
        or _modifier(title, clause)
        or _enumeration(title, clause)
        or _spelled_out(title, clause)
        or _narrowed(title, clause)
    )


#: Verbs of taking part that follow 组织 in a title (组织参加…培训班).
_TAKING_PART = ("参加", "参与", "观看", "收看", "聆听")


def _participants(title: str, clause: str) -> str | None:
    """组织参加…培训班 + 单位中层以上领导干部和接待科全体人员参加: who took part, between 组织 and
    the verb (组织单位中层以上领导干部和接待科全体人员参加…培训班)."""
    verb = title[2:4]
    if not title.startswith("组织") or verb not in _TAKING_PART or not clause.endswith(verb):
        return None
    who = clause[: -len(verb)]
    if len(who) < 2 or len(who) > 30 or who.startswith(GOVERNORS + _VERB_LIKE + PREPOSITIONS) or re.search(r"[，“”\d]", who):
        return None
    return title[:2] + who + title[2:]


def _narrowed(title: str, clause: str) -> str | None:
    """The title's verb and object said again with a modifier (选拔党员 + 选拔政治素质高…的党员):
    the modified object takes the place of the bare one, the verb said once."""
    m = re.fullmatch(r"([\u4e00-\u9fff]{2})([^，；。]+的)([\u4e00-\u9fff]{1,4})", clause)
    if not m:
        return None
    verb, _modifier, noun = m.groups()
    at = title.find(verb + noun)
    if at < 0 or in_quotes(title, at):
        return None
    return title[:at] + clause + title[at + len(verb + noun) :]


_COUNTED = re.compile(r"“([一二两三四五六七八九十])[^“”]{1,6}”")


def _spelled_out(title: str, clause: str) -> str | None:
    """The items of a counted name in quotes (“四张清单”: 责任清单、任务清单、台账清单、制度清单)
    after it, in brackets, when the clause lists exactly that many."""
    from assistant.ledger.numfmt import chinese_to_number

    items = clause.split("、")
    for m in _COUNTED.finditer(title):
        name = m.group(0)[1:-1]
        # each item says the name's kind (四强: …强; 四张清单: …清单); 三会一课 is a name, not a count;
        # 按有场所、有设施… is how something was done, not the list itself
        if len(re.findall("[一二两三四五六七八九十]", name)) != 1 or not all(name[-1] in i for i in items):
            continue
        if clause.startswith((*PREPOSITIONS, "按", "依", "以", "经", "通过")):
            continue
        if len(items) >= 2 and chinese_to_number(m.group(1)) == len(items) and all(1 < len(i) <= 10 for i in items):
            return f"{title[: m.end()]}（{clause}）{title[m.end() :]}"
    return None


def _said(title: str, clause: str) -> str | None:
    """A clause the title says already, word for word (开展调研 after 赴永州开展调研): it adds
    nothing and is left out. Only a clause of words: a quotation or a name may mean more."""
    core = clause.strip()
    if len(han(core)) < 2 or re.search(r"[“”《》‘’\d]", core):
        return None
    return title if core in title else None


#: Words of manner or time that may stand before a title's verb (按期完成…, 全面完成…).
_MANNER = (
    "按期", "如期", "按时", "提前", "顺利", "圆满", "全面", "高质量", "高标准", "超额", "率先", "及时",
    "全部", "基本", "首次", "再次", "集中", "认真", "扎实", "有序", "规范", "依规", "依法",
)  # fmt: skip


def _manner(title: str, clause: str) -> str | None:
    """A clause that is only a word of manner and the title's own verb (按期完成 after 完成…换届
    选举) says how the action was done: the word goes before the title's verb."""
    for word in _MANNER:
        if clause.startswith(word):
            verb = clause[len(word) :]
            if 2 <= len(verb) <= 4 and title.startswith(verb) and not title.startswith(word):
                return word + title
    return None


def _merged(title: str, clause: str) -> str | None:
    """A clause that tells the title's action again with other words in it (完成帮助非公企业采购
    滞销农副产品任务 / 完成镇党委、政府交办的采购因疫情影响滞销的农副产品任务): one action that
    keeps the words of both, in their order (完成镇党委、政府交办的帮助非公企业采购因疫情影响滞销
    的农副产品任务). Only when both open with the same word and end with the same word, they share
    most of the title's words, and every place where both add words is an attribute (…的) of the
    clause; otherwise the clause stays a clause."""
    if len(clause) < 6 or clause[:2] != title[:2] or clause[-2:] != title[-2:] or in_quotes(title, 0):
        return None
    from assistant.segment import cut

    t, c = cut(title), cut(clause)
    if len(t) < 3 or t[0] != c[0] or t[-1] != c[-1]:
        return None
    common = _lcs(t, c)
    if len(common) < 3 or sum(len(w) for w in common) * 2 < len(title):
        return None
    out, i, j = [], 0, 0
    for word in common:
        gap_t, gap_c = [], []
        while t[i] != word:
            gap_t.append(t[i])
            i += 1
        while c[j] != word:
            gap_c.append(c[j])
            j += 1
        if gap_t and gap_c and gap_c[-1] != "的":
            return None
        out += gap_c + gap_t + [word]
        i, j = i + 1, j + 1
    if i < len(t) or j < len(c):
        return None  # words after the last shared one: no single order is safe
    merged = "".join(out)
    return merged if merged != title and len(merged) <= len(title) + len(clause) else None


def _lcs(a: list[str], b: list[str]) -> list[str]:
    """The longest common subsequence of two word lists."""
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for x in range(len(a) - 1, -1, -1):
        for y in range(len(b) - 1, -1, -1):
            table[x][y] = table[x + 1][y + 1] + 1 if a[x] == b[y] else max(table[x + 1][y], table[x][y + 1])
    out, x, y = [], 0, 0
    while x < len(a) and y < len(b):
        if a[x] == b[y]:
            out.append(a[x])
            x, y = x + 1, y + 1
        elif table[x + 1][y] >= table[x][y + 1]:
            x += 1
        else:
            y += 1
    return out


def _restated(title: str, clause: str) -> str | None:
    """A clause that says the title, or its last action, more exactly replaces it: the same
    opening verb and nearly all the title's words (组织返乡农民工参加现场招聘会 + 参加县总工会在
    服务中心举办的现场招聘会 -> 组织返乡农民工参加县总工会在服务中心举办的现场招聘会), or the
    whole title said again at a place (在主城区小区电梯投放…公益广告)."""
    if len(clause) <= 4:
        return None
    if clause.startswith("在") and title[:2] in clause and len(clause) > len(title) and share(title, clause) >= 0.9:
        return clause
    at = title.find(clause[:2])
    while at >= 0:
        said = title[at:]
        if len(clause) > len(said) and not in_quotes(title, at) and share(said, clause) >= 0.9 and clause[-2:] == said[-2:]:
            return title[:at] + clause
        at = title.find(clause[:2], at + 1)
    return None


def _extends(title: str, clause: str) -> str | None:
    """A clause that ends with the title's opening words says who or how: it takes their place
    (以张诗平为代表的村民成立种植专业合作社 + …流转土地)."""
    for size in range(len(title), 5, -1):
        opening = title[:size]
        if clause.endswith(opening) and len(clause) > size and len(han(opening)) >= 6:
            return clause + title[size:]
    return None


def _elliptic(title: str, clause: str) -> str | None:
    """…联合某公司打造全省首个 + 打造青少年绿色教育实践基地: the clause takes the title's object."""
    if not clause.endswith(_ELLIPTIC):
        return None
    for verb in GOVERNORS:
        if title.startswith(verb) and verb in clause:
            return clause + title[len(verb) :]
    return None


def _modifier(title: str, clause: str) -> str | None:
    """全市首个社区少工委 + 建立社区少工委: the clause's modifier goes before the title's object.
    Only modifiers of rank or kind (首个, 第一, 省级, 示范): 下午 + 集体学习讨论 is a time of its own."""
    for size in range(min(len(title), len(clause) - 1), 2, -1):
        obj = title[-size:]
        if clause.endswith(obj) and len(han(obj)) >= 3:
            mod = clause[:-size]
            if len(mod) <= 8 and any(w in mod for w in _RANKS) and not any(v in mod for v in _VERB_LIKE):
                return title[:-size] + mod + obj
            return None
    return None


def _enumeration(title: str, clause: str) -> str | None:
    """采茶、制茶、陶艺等技能比赛 + 举办职工技能比赛 -> 举办采茶、制茶、陶艺等职工技能比赛."""
    m = _ENUMERATION.match(clause)
    if not m:
        return None
    items, noun = m.group(1), m.group(2)
    key = noun[-2:]
    at = title.rfind(key)
    while at >= 0 and in_quotes(title, at):
        at = title.rfind(key, 0, at)
    if at < 0:
        return None
    end = at + len(key)
    if end < len(title) and title[end] not in "中里内上，、；等" and not title[end:].startswith(_VERB_LIKE):
        return None  # 便民工具借用点: the noun modifies another
    start = clause_start(title, at)
    gov_at, gov = governor_before(title, at, start)
    np_start = gov_at + len(gov) if gov_at >= 0 else start
    # the list told with its own manner and the title's verb (严格落实“三会一课”、主题党日等制度 +
    # 从严落实党内政治生活基本制度): the title's verb and manner stay, the list goes after the verb
    said = re.match(r"[\u4e00-\u9fff]{2}(" + "|".join(_VERB_LIKE) + ")", items)
    if said and said.group(1) in title[start:at]:
        verb_at = title.rfind(said.group(1), start, at)
        return title[: verb_at + len(said.group(1))] + items[said.end() :] + title[verb_at + len(said.group(1)) :]
    for verb in _VERB_LIKE:
        if items.startswith(verb):
            if verb != gov:
                return None  # the clause is an action of its own
            items = items[len(verb) :]
            break
    if items.startswith(PREPOSITIONS + _VERB_LIKE):
        return None  # 在主城区小区电梯投放…等: an action, not a list of things
    return title[:np_start] + items + title[np_start:]
