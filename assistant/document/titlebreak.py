"""Break a long 公文 title, or a long 发文机关标志, into lines at word boundaries (GB/T 9704 7.3.1).

7.3.1 asks that a title broken over lines keep its words whole (词意完整) and stand as a
trapezoid or a diamond (梯形或菱形). So a line may end only where jieba sees a word end, never
inside a 《书名》 or quotation, a figure and its unit, a fixed expression (习近平新时代中国特色社会
主义思想, 党风廉政建设) or a term made with a bound word (青年|文明号, 党建|工作法, 第三|支部委员会);
and an organisation's name (中共××集团有限公司委员会) that fits on one line stays on one. Among
the breaks that remain, the one chosen gives the fewest lines in a balanced shape: lengths
rising or falling (梯形) or the middle longest (菱形), never an hourglass or a word left alone.

Widths are measured as the suites set the type (`assistant.document.linebreak.TextMetrics`):
digits and Latin letters at their width in the title's face (`LATIN_MIN_EM`), “×” and other
non-ASCII marks a full em, so that no suite breaks again a line the writer ended. The writer
centres each line. `fit_organ_mark` sizes the red organ mark to one line, or, when one line would
need type under 二号, sets it in two lines in the height of one, so the 版头 keeps its place on
the grid.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Container
from dataclasses import dataclass
from functools import lru_cache

from assistant.document import gbt9704 as G

#: Characters of 2号 type that fit in the 156 mm text block.
MAX_TITLE_CHARS = int(G.TEXT_WIDTH_MM / G.MM_PER_PT / G.char_pitch_pt(G.TITLE.size_pt))
#: Twips a title line keeps in hand, so that no suite rounds it onto a second line.
_SLACK_TWIPS = 40

_NO_LINE_START = set("的和与及等之、，。；：？！”’）》〕】")
#: Openers and one-character prepositions that must not end a line (以|“四高”, 对|标).
_NO_LINE_END = set("“‘（《〔【以对在把将为从向和与及让使被给按")
_OPENERS = "《“‘（【〔("
_CLOSERS = "》”’）】〕)"

#: Fixed expressions and names a title never breaks inside (jieba's short word list does not
#: know all of them, or cuts them where HMM guesses: 习近/平新).
TERMS = (
    "习近平新时代中国特色社会主义思想", "中国特色社会主义", "习近平", "党风廉政建设", "全面从严治党",
    "反腐败", "决策部署", "主体责任", "一岗双责", "形式主义", "官僚主义", "民主生活会", "组织生活会",
    "三会一课", "第一议题", "主题党日", "主题教育", "理论学习中心组", "集中整治", "专项整治", "调查研究",
    "乡村振兴", "志愿服务", "党建品牌", "党建工作", "工作作风", "作风建设", "警示教育", "结对帮扶",
    "标准化规范化", "劳动竞赛", "同频共振", "落地见效", "困难职工", "维修职工", "一线职工", "学习贯彻",
    "党的创新理论", "创新理论", "高质量发展", "新时代",
)  # fmt: skip
#: Words bound to the word before them: a title never breaks just before one (青年|文明号,
#: 党建|工作法, …公司|委员会, 春节|期间).
BOUND_LEFT = (
    "支部委员会", "总支部委员会", "委员会", "党委", "党组", "党总支", "党支部", "总支", "支部", "纪委",
    "工委", "团委", "工会", "有限公司", "分公司", "公司", "集团", "局", "宣传部", "组织部", "统战部",
    "工作部", "办公室", "文明号", "工作法", "工作室", "突击队", "先锋队", "服务队", "示范岗", "责任区",
    "示范点", "期间", "以来", "之际",
)  # fmt: skip
#: How an organisation's name ends (中共××集团有限公司委员会, ××局机关党委, ××中心第三支部委员会).
ORG_SUFFIXES = (
    "委员会", "党委", "党组", "党总支", "党支部", "总支", "支部", "纪委", "工委", "团委", "工会",
    "有限公司", "分公司", "公司", "集团", "局", "宣传部", "组织部", "统战部", "工作部", "办公室", "中心",
    "学院", "医院", "中学", "小学", "法院", "检察院", "政府", "合作社", "科学院", "研究院",
)  # fmt: skip
#: Party and mass organisations: a name ends with the first of them (中共××医院委员会|星级党支部…).
_TOP_SUFFIXES = ("委员会", "党委", "党组", "党总支", "党支部", "总支", "支部", "纪委", "工委", "团委", "工会")
#: What may follow one in the same name (党委宣传部, 工会委员会, 第一党支部委员会).
_AFTER_TOP = ("委员会", "宣传部", "组织部", "统战部", "办公室", "工作部")
#: What ends the run of text an organisation's name can belong to.
_NAME_STOP = re.compile(r"关于|[\d０-９]|[：:，,、。；！？“”‘’《》【】〔〕（）()丨|\s\u3000]|的|在|以|对")
#: 第一, 第三: an ordinal belongs to the word after it (第三|支部委员会).
_ORDINAL = re.compile(r"第[一二三四五六七八九十百\d]+$")

#: Costs of a break (lower is better); shape costs are counted in characters.
INSIDE_TERM = 50.0
BEFORE_BOUND = 45.0
INSIDE_NAME = 40.0
INSIDE_LONG_NAME = 12.0
AFTER_ORDINAL = 40.0
BAD_LINE_EDGE = 25.0
AFTER_DE = 8.0
AFTER_QUOTE = 3.0
BEFORE_QUOTE = 2.0
STRONG_BREAK = -5.0
EXTRA_LINE = 12.0


@dataclass(frozen=True)
class OrganMark:
    """How the red 发文机关标志 is set: its lines, type size and exact line height."""

    lines: tuple[str, ...]
    size_pt: float
    line_twips: int


#: Titles and the organ mark set Latin letters and digits in their Chinese face (小标宋), whose
#: digits are wider than Times New Roman's: up to 0.56 em in the faces LibreOffice substitutes.
#: Each is measured at least this wide, so that no suite breaks a line the writer ended.
LATIN_MIN_EM = 0.6


class _Widths:
    """Widths of stretches of one text at one size, as the suites set it: `TextMetrics` (digits
    at their width, “×” and other non-ASCII characters a full em), with Latin characters at
    least `LATIN_MIN_EM`."""

    def __init__(self, text: str, size_pt: float) -> None:
        from assistant.document.linebreak import TextMetrics

        self.m = TextMetrics(text, size_pt)
        floor = round(LATIN_MIN_EM * size_pt * G.TWIPS_PER_PT)
        extra = [max(0, floor - base) if c.isascii() and c.isalnum() else 0 for c, base in zip(text, self.m.base, strict=True)]
        self.extra = [0, *itertools.accumulate(extra)]

    def __call__(self, a: int, b: int) -> int:
        if b <= a:
            return 0
        return self.m.width(a, b, G.CHAR_SPACING_TWIPS) + self.extra[b] - self.extra[a]


def text_width_twips(text: str, size_pt: float) -> int:
    """Width of `text` on one line at `size_pt` in the title's face (see `_Widths`)."""
    return _Widths(text, size_pt)(0, len(text))


def _protected(title: str, words: list[str]) -> dict[int, float]:
    """The cost of breaking at each offset that jieba's words allow (offsets absent: never)."""
    ends: list[int] = []
    pos = 0
    for word in words:
        pos += len(word)
        ends.append(pos)
    starts = {e: w for e, w in zip([0, *ends], [*words, ""], strict=True)}  # offset -> word there
    cost = {e: 0.0 for e in ends[:-1]}
    # Never inside 《》, quotes or brackets, nor between a figure and what follows it (104|周年).
    depth = 0
    for i, ch in enumerate(title):
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS and depth:
            depth -= 1
        if depth or ch.isdigit():
            cost.pop(i + 1, None)
    for term in (*TERMS, *(b for b in BOUND_LEFT if len(b) > 1)):
        if term not in title:  # (most are not: skip the pattern)
            continue
        for m in re.finditer(re.escape(term), title):
            for i in range(m.start() + 1, m.end()):
                if i in cost:
                    cost[i] += INSIDE_TERM
    for i in list(cost):
        follows = title[i:]
        bound = starts.get(i) in BOUND_LEFT or any(len(b) > 1 and follows.startswith(b) for b in BOUND_LEFT)
        if bound and title[i - 1] not in _CLOSERS and title[i - 1] not in "：:】丨|　 ":
            cost[i] += BEFORE_BOUND
        if _ORDINAL.search(title[:i]):
            cost[i] += AFTER_ORDINAL
        if title[i - 1] == "的":
            cost[i] += AFTER_DE
        if title[i - 1] in "”’" and "\u4e00" <= title[i] <= "\u9fff":
            cost[i] += AFTER_QUOTE  # the quoted term names what follows (“第一议题”|制度)
        if title[i] in "“‘" and "\u4e00" <= title[i - 1] <= "\u9fff":
            cost[i] += BEFORE_QUOTE  # …and is what the verb before it acts on (擦亮|“清泉先锋”)
        if title[i - 1] in "：:】丨|　 " or title[i] in "　 ":
            cost[i] += STRONG_BREAK
    for a, b in _names(title, ends):
        long = text_width_twips(title[a:b], G.TITLE.size_pt) > G.text_width_twips() - _SLACK_TWIPS
        for i in range(a + 1, b):
            if i not in cost:
                continue
            if not long:
                cost[i] += INSIDE_NAME
            elif title[:i].endswith(ORG_SUFFIXES) and b - i >= 4:
                # A name too long for a line breaks after a whole organisation in it, leaving
                # more than the last word (…合作集团|有限公司委员会, never …有限公司|委员会).
                cost[i] = min(cost[i], 0.0) + INSIDE_LONG_NAME / 3
            else:
                cost[i] += INSIDE_LONG_NAME
    return cost


def _names(title: str, word_ends: list[int]) -> list[tuple[int, int]]:
    """Spans of organisation names. In each run of text between stops (关于, digits, marks, 的…)
    a name runs from the start to its first Party or mass organisation (委员会, 党委, 党支部, 工会…),
    with a department or committee after it (党委宣传部, 工会委员会); without one, to the last
    organisation suffix (山东高速工程咨询集团有限公司). Suffixes count where a jieba word ends."""
    spans = []
    ends = set(word_ends)
    pos = 0
    for m in [*_NAME_STOP.finditer(title), None]:
        stop = m.start() if m else len(title)
        found = sorted(e for e in ends if pos < e <= stop and title[:e].endswith(ORG_SUFFIXES))
        top = next((e for e in found if title[:e].endswith(_TOP_SUFFIXES)), None)
        last = found[-1] if found else None
        if top is not None:
            last = top
            while tail := next((t for t in _AFTER_TOP if title.startswith(t, last) and last + len(t) <= stop), None):
                last += len(tail)
        if last is not None and last - pos >= 4:
            spans.append((pos, last))
        pos = m.end() if m else len(title)
    return spans


def _shape_cost(lengths: list[float]) -> float:
    """Lower is better: balanced, trapezoid or diamond, no hourglass, no word alone."""
    n = len(lengths)
    spread = max(lengths) - min(lengths)
    mean = sum(lengths) / n
    cost = spread + 0.5 * sum(abs(x - mean) for x in lengths) / n
    if n >= 3:
        mid = lengths[1:-1]
        waist = min(lengths[0], lengths[-1]) - min(mid)
        monotonic = all(a <= b + 0.5 for a, b in itertools.pairwise(lengths)) or all(
            a + 0.5 >= b for a, b in itertools.pairwise(lengths)
        )
        diamond = max(mid) + 0.5 >= max(lengths[0], lengths[-1])
        if waist > 0.5:
            cost += 6 + 3 * waist  # an hourglass: the deeper its waist, the worse
        elif not (monotonic or diamond):
            cost += 10
    if lengths[-1] <= 2:
        cost += 30  # a widow word alone on the last line
    return cost


@lru_cache(maxsize=512)
def _break(title: str, limit: int, size_pt: float, lines_wanted: int = 0) -> tuple[str, ...]:
    """`title` in lines no wider than `limit` twips at `size_pt`; `lines_wanted` fixes the count."""
    width = _Widths(title, size_pt)
    full = width(0, len(title))
    if not lines_wanted and full <= limit:
        return (title,)
    from assistant.segment import cut

    cost = _protected(title, cut(title)) if len(title) <= 120 else {}
    min_lines = lines_wanted or max(2, -(-full // limit))
    if min_lines > 4 or not cost:  # not a title any more, or one word: cut by width
        return _by_width(title, limit, size_pt)
    pitch = round(size_pt * G.TWIPS_PER_PT) + G.CHAR_SPACING_TWIPS
    edges = [0, *sorted(cost), len(title)]
    # Every line a break may give: (edge index, edge index) -> (text, width in characters, cost
    # of its edges). Lines lose the spaces at their ends (a break at 　 replaces it).
    lines: dict[tuple[int, int], tuple[str, float, float]] = {}
    for i, a in enumerate(edges):
        for j in range(i + 1, len(edges)):
            b = edges[j]
            while a < b and title[a] in " \u3000":
                a += 1
            end = b
            while end > a and title[end - 1] in " \u3000":
                end -= 1
            w = width(a, end)
            if w > limit:
                break
            if end > a:
                text = title[a:end]
                edge = (BAD_LINE_EDGE if i and text[0] in _NO_LINE_START else 0.0) + (
                    BAD_LINE_EDGE if j < len(edges) - 1 and text[-1] in _NO_LINE_END else 0.0
                ) + (cost[b] if j < len(edges) - 1 else 0.0)
                lines[i, j] = (text, w / pitch, edge)
    best: tuple[float, tuple[str, ...]] | None = None
    last = len(edges) - 1
    for n in [lines_wanted] if lines_wanted else [min_lines, min_lines + 1]:
        for combo in _paths(lines, last, n):
            parts = [lines[k] for k in itertools.pairwise((0, *combo, last))]
            total = _shape_cost([w for _, w, _ in parts]) + EXTRA_LINE * (n - min_lines) + sum(c for _, _, c in parts)
            if best is None or total < best[0]:
                best = (total, tuple(t for t, _, _ in parts))
    if best is None:  # no word boundary fits: cut by width
        return _by_width(title, limit, size_pt)
    return best[1]


def _paths(lines: Container[tuple[int, int]], last: int, n: int) -> list[tuple[int, ...]]:
    """The inner edges of every way to cover edges 0..`last` with `n` of `lines`."""
    out: list[tuple[int, ...]] = []

    def walk(at: int, left: int, inner: tuple[int, ...]) -> None:
        if left == 1:
            if (at, last) in lines:
                out.append(inner)
            return
        for nxt in range(at + 1, last):
            if (at, nxt) not in lines:
                if nxt > at + 1 and all((at, k) not in lines for k in range(nxt, last + 1)):
                    break  # every longer line is too wide as well
                continue
            walk(nxt, left - 1, (*inner, nxt))

    walk(0, n, ())
    return out


def _by_width(text: str, limit: int, size_pt: float) -> tuple[str, ...]:
    """`text` cut into full lines, wherever they end (for text with no usable word boundary)."""
    width = _Widths(text, size_pt)
    lines: list[str] = []
    start = 0
    for end in range(1, len(text) + 1):
        if end - start > 1 and width(start, end) > limit:
            lines.append(text[start : end - 1])
            start = end - 1
    lines.append(text[start:])
    return tuple(lines)


def _limit(width_chars: int, size_pt: float) -> int:
    """Twips a line may take: the text block for the full width, else `width_chars` characters."""
    if width_chars >= MAX_TITLE_CHARS:
        return G.text_width_twips() - _SLACK_TWIPS
    return width_chars * (round(size_pt * G.TWIPS_PER_PT) + G.CHAR_SPACING_TWIPS)


def break_title(title: str, width: int = MAX_TITLE_CHARS) -> list[str]:
    """The title's lines (at most `width` 2号 characters each); a title that fits stays whole.
    A break at a space (党建品牌　激发…) takes the space's place: see `title_lines`."""
    text = title.strip()
    return list(_break(text, _limit(width, G.TITLE.size_pt), G.TITLE.size_pt)) if text else [""]


def title_lines(title: str) -> list[tuple[str, str]]:
    """Each line of `break_title` with the spaces the break after it replaced ("" for none), so
    that the writer can keep them in the text (the title reads the same when copied) without
    letting them move a centred line."""
    text = title.strip()
    lines = break_title(text)
    out: list[tuple[str, str]] = []
    pos = 0
    for i, line in enumerate(lines):
        start = text.index(line, pos)
        end = start + len(line)
        nxt = text.index(lines[i + 1], end) if i + 1 < len(lines) else len(text)
        out.append((line, text[end:nxt]))
        pos = nxt
    return out


#: The organ mark is never set smaller than this on one line; below it, two lines (7.2.1 leaves
#: the size free, asking only that the mark be 醒目、美观、庄重).
ORGAN_MARK_MIN_PT = 22.0
#: Two lines of the mark share the height of one (`G.ORGAN_MARK_LINE_TWIPS`), so each is set at
#: most this size (the line height over 1.25, as for one line).
ORGAN_MARK_TWO_LINE_PT = G.ORGAN_MARK_LINE_TWIPS / 2 / G.TWIPS_PER_PT / 1.25


def _largest_size(lines: tuple[str, ...], ceiling: float) -> float:
    """The largest size, in half points up to `ceiling`, at which every line fits the block."""
    limit = G.text_width_twips() - _SLACK_TWIPS
    size = ceiling
    while size > 6 and any(text_width_twips(line, size) > limit for line in lines):
        size -= 0.5
    return size


@lru_cache(maxsize=64)
def fit_organ_mark(organ: str) -> OrganMark:
    """The 发文机关标志 on one line, as large as the writer's default (`G.ORGAN_MARK`) allows and
    shrunk to fit the text block; when that would be under `ORGAN_MARK_MIN_PT`, two lines broken
    at a word boundary, together as high as one, so the 版头 stays on the grid."""
    text = organ.strip()
    one = _largest_size((text,), G.ORGAN_MARK.size_pt)
    if one >= ORGAN_MARK_MIN_PT or len(text) < 4:
        return OrganMark((text,), one, G.ORGAN_MARK_LINE_TWIPS)
    wide = G.text_width_twips() * 2  # any two-line split; then the size that fits both lines
    lines = _break(text, wide, ORGAN_MARK_TWO_LINE_PT, 2)
    two = _largest_size(lines, ORGAN_MARK_TWO_LINE_PT)
    if two <= one:
        return OrganMark((text,), one, G.ORGAN_MARK_LINE_TWIPS)
    return OrganMark(lines, two, G.ORGAN_MARK_LINE_TWIPS // 2)


#: A title of more lines than this is too long for a 公文 (7.3.1 asks for 长短适宜).
MAX_TITLE_LINES = 3


def title_warning(title: str) -> str | None:
    """What is wrong with how `title` must be broken, in Chinese; None when nothing is."""
    text = title.strip()
    lines = break_title(text)
    if len(lines) <= 1:
        return None
    snippet = text[:12] + ("…" if len(text) > 12 else "")
    if len(lines) > MAX_TITLE_LINES:
        return (
            f"标题“{snippet}”有 {len(text)} 字，要排 {len(lines)} 行（一行约 {MAX_TITLE_CHARS} 字），过长："
            f"请压缩到 {MAX_TITLE_LINES} 行以内"
        )
    from assistant.segment import cut

    allowed = _protected(text, cut(text))
    offsets = []  # where each line after the first starts in the title (a break at a space drops it)
    pos = len(lines[0])
    for line in lines[1:]:
        start = text.index(line, pos)
        offsets.append(start)
        pos = start + len(line)
    if any(o not in allowed and not (text[o - 1] in " \u3000" and o - 1 in allowed) for o in offsets):
        return (
            f"标题“{snippet}”中有一串字找不到能断行的词语边界，只能按字数断成 {len(lines)} 行："
            "请检查是否漏写了标点、空格，或改写标题"
        )
    return None


def organ_mark_warning(organ: str) -> str | None:
    """What is wrong with how the 发文机关标志 must be set, in Chinese; None when nothing is."""
    mark = fit_organ_mark(organ)
    if len(mark.lines) == 1 and mark.size_pt >= ORGAN_MARK_TWO_LINE_PT:
        return None
    shape = "分两行" if len(mark.lines) > 1 else "排成一行"
    return (
        f"发文机关标志“{organ.strip()}”有 {len(organ.strip())} 字，{shape}只能用 {mark.size_pt:g} 磅字："
        "请用规范简称；联合行文时可只标主办机关名称"
    )
