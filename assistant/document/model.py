"""The document model: what a 公文 is made of, independent of markup and of Word.

`assistant.document.markup` builds it from text; `assistant.document.docx_writer` and `assistant.document.preview` read it.
Heading numbers (一、（一）1.（1）) are not stored by the author: `number_headings` assigns them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.errors import Diagnostic


@dataclass(frozen=True)
class Run:
    """A stretch of text with one emphasis."""

    text: str
    bold: bool = False
    #: Example content nobody has vouched for: highlighted, with a comment asking for review.
    review: bool = False


@dataclass
class Paragraph:
    """A body paragraph: first line indented two characters, justified."""

    runs: list[Run]
    line: int = 0

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class Heading:
    """A structural heading, level 1–4 (一、 / （一） / 1. / （1））.

    `runin` is body text that continues in the same paragraph after the heading's lead
    sentence (`#### 以“实施方案”定方向。收到文件后……`). `number` is filled in by
    `number_headings` and is "" until then.
    """

    level: int
    text: str
    runin: list[Run] = field(default_factory=list)
    line: int = 0
    number: str = ""
    #: (start, end) offsets into `text` of example content to review (markup `[示例]…[/示例]`);
    #: `text` itself never holds the marks.
    review: list[tuple[int, int]] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The heading as printed: number and text."""
        return f"{self.number}{self.text}"

    @property
    def label_runs(self) -> list[Run]:
        """`label` as runs: the number and the text, the parts under review marked."""
        shift = len(self.number)
        return review_runs(self.label, [(a + shift, b + shift) for a, b in self.review])


@dataclass
class Table:
    """A full-width table; `header` is repeated on every page it spans."""

    header: list[str]
    rows: list[list[str]]
    #: Relative column widths (from the markup separator row); same length as `header`.
    widths: list[int]
    caption: str = ""
    line: int = 0
    #: (row, column) of body cells that hold example content to review (row 0 = first body row).
    review: set[tuple[int, int]] = field(default_factory=set)


@dataclass
class PageBreak:
    line: int = 0


Block = Paragraph | Heading | Table | PageBreak


@dataclass
class RedHeader:
    """版头: the issuing organ's mark in red and the document number (发文字号)."""

    organ: str
    number: str = ""


@dataclass
class Record:
    """版记: 抄送, 印发机关 and 印发日期 at the foot of the last page."""

    cc: str = ""
    printer: str = ""
    printed: str = ""


@dataclass
class Document:
    title: str = ""
    #: 主送机关, ending with a full-width colon.
    recipients: str = ""
    blocks: list[Block] = field(default_factory=list)
    #: 附件说明: the attachments' names, in order, without their numbers.
    attachments: list[str] = field(default_factory=list)
    signature: str = ""
    #: 成文日期 in Chinese form (2023年1月11日).
    date: str = ""
    header: RedHeader | None = None
    record: Record | None = None
    #: (start, end) offsets into `title` of example content to review, as `Heading.review`.
    title_review: list[tuple[int, int]] = field(default_factory=list)
    #: False when the author asked for unnumbered headings (front matter `编号: 无`).
    numbered: bool = True
    #: Warnings found while building the document (e.g. characters XML cannot hold).
    diagnostics: list[Diagnostic] = field(default_factory=list)
    source: str = ""

    @property
    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]


def review_runs(text: str, spans: list[tuple[int, int]]) -> list[Run]:
    """`text` cut into runs where `spans` ((start, end) offsets) begin and end, the runs inside a
    span marked for review; one run when there is no span."""
    cuts = sorted({0, len(text), *(max(0, min(len(text), x)) for span in spans for x in span)})
    runs = [
        Run(text[a:b], review=any(x <= a and b <= y for x, y in spans))
        for a, b in zip(cuts, cuts[1:], strict=False)
    ]
    return runs or [Run(text)]


def review_spans(runs: list[Run]) -> list[tuple[int, int]]:
    """The (start, end) offsets of the review-marked stretches of `runs`, joined where they touch."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for r in runs:
        end = pos + len(r.text)
        if r.review and r.text:
            if spans and spans[-1][1] == pos:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((pos, end))
        pos = end
    return spans


_LEVEL_COUNTERS = 4
_CN_DIGITS = "零一二三四五六七八九"


def cn_count(n: int) -> str:
    """一, 二 … 十, 十一 … 九十九, 一百, 一百零一, 一百一十 … 一千零一 … 一万: the numerals of
    heading numbers (any count a document may reach)."""
    if n < 10:
        return _CN_DIGITS[max(n, 0)]
    if n < 100:
        tens, ones = divmod(n, 10)
        head = "" if tens == 1 else _CN_DIGITS[tens]
        return f"{head}十{_CN_DIGITS[ones] if ones else ''}"
    if n >= 10_000:
        high, low = divmod(n, 10_000)
        rest = ("零" if low < 1000 else "") + _cn_below_10000(low) if low else ""
        return f"{cn_count(high)}万{rest}"
    return _cn_below_10000(n)


def _cn_below_10000(n: int) -> str:
    """100 … 9999 (and 1 … 99 after a 万) with 千/百/十 and 零 for every run of zeros."""
    out = ""
    gap = False
    for value, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit == 0:
            gap = gap or bool(out)
            continue
        out += ("零" if gap else "") + _CN_DIGITS[digit] + name
        gap = False
    return out


def heading_number(level: int, n: int) -> str:
    """The GB/T 9704 (7.3.3) number of the n-th heading of `level`: 一、 （一） 1. （1）."""
    if level == 1:
        return f"{cn_count(n)}、"
    if level == 2:
        return f"（{cn_count(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


def number_headings(blocks: list[Block]) -> None:
    """Assign numbers in document order; a heading restarts the count of every deeper level."""
    counters = [0] * (_LEVEL_COUNTERS + 1)
    for block in blocks:
        if isinstance(block, Heading):
            counters[block.level] += 1
            for deeper in range(block.level + 1, _LEVEL_COUNTERS + 1):
                counters[deeper] = 0
            block.number = heading_number(block.level, counters[block.level])
