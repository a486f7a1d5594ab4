"""Where a line of 公文 text breaks, the same in Word, WPS and LibreOffice (避头尾).

A closing mark (，。、；：？！”）》…) never starts a line and an opening one (“（《…) never ends
one. When a closing mark would fall just past the end of a full line, the office suites differ:
Word and WPS let it hang in the margin, LibreOffice either pushes the character before it down
or hangs it and then does not print it (LibreOffice reads `w:overflowPunct` inverted, and
does not paint a hanging mark on the second and later lines of an indented paragraph). So the
writer leaves nothing to the suites: such a line is set a little tighter (推入), at most
`MAX_TIGHTEN_TWIPS` from each character's advance, so that the mark fits inside the text
block. Only where that is not enough (two closing marks, ”。) does the character before them go
down with them (推出), which every suite does by itself.

A paragraph's last line never holds a single character (孤字, 事。): the line before gives it its
last character, set a little looser so that every suite breaks before that character.

`break_lines` returns each line with the character spacing the writer gives it; the paginator
counts the lines and the preview prints them.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress

from assistant.document import gbt9704 as G

#: Marks that never begin a line: the character before them goes down with them. (—— and ……
#: may: LibreOffice lets them, though Word keeps …… off a line start.)
NO_LINE_START = set("，。、．；：？！”’）》〕】〉」』〗·～")
#: Marks that never end a line: they go down with the character after them.
NO_LINE_END = set("“‘（《〔【〈「『〖")
#: Closing marks that LibreOffice does not break after when a Latin letter or digit follows
#: (，2023 stays whole: Unicode line-breaking classes CL and QU); ；：？！ it does.
_GLUED_TO_LATIN = set("，。、．”’）》〕】〉」』〗")
#: Advance of the printable ASCII characters (space to ~) in Times New Roman, in thousandths of
#: an em. Liberation Serif, LibreOffice's stand-in, has the same metrics.
_LATIN_WIDTHS = (
    "250,333,408,500,500,833,778,180,333,333,500,564,250,333,250,278,500,500,500,500,500,500,500,500,"
    "500,500,278,278,564,564,564,444,921,722,667,667,722,611,556,722,722,333,389,722,611,889,722,722,"
    "556,722,667,556,611,722,722,944,722,722,611,333,278,333,469,500,333,444,500,444,500,444,333,500,"
    "500,278,278,500,278,778,500,500,500,500,333,389,278,500,500,722,500,500,444,480,200,480,541"
)
_LATIN_EM = {chr(32 + i): int(w) / 1000 for i, w in enumerate(_LATIN_WIDTHS.split(","))}
#: Space both suites add between a Chinese character and a Latin letter or digit: 0.2 em, and
#: LibreOffice does not condense it with the rest.
AUTOSPACE_EM = 0.2

#: Twips a line keeps in hand: the suites round each advance, and a line that fills the block to
#: within a few twips breaks early in LibreOffice; a first line, after its indent, 4 twips more.
_SLACK = 4
_FIRST_LINE_SLACK = 4
#: A tightened line keeps as much in hand as a full line of 28 characters does (8,844 − 28 × 315),
#: so that a suite that counts the first-line indent a little wider still fits it.
TIGHT_SPARE_TWIPS = 24
#: 推入 takes at most 0.8 pt from each character of the line: enough for one mark (a 28-character
#: line and its 。 need 11 twips each), never so much that the line looks crowded.
MAX_TIGHTEN_TWIPS = 16
#: Mending a 孤字 adds at most 1 pt to each character of the line before (a 28-character line
#: needs 2 twips for its last character to go down with a margin).
MAX_LOOSEN_TWIPS = 20


@dataclass(frozen=True)
class Line:
    """One printed line and the character spacing (twips) of its characters."""

    text: str
    spacing: int = G.CHAR_SPACING_TWIPS

    @property
    def tight(self) -> bool:
        """Set tighter than the body's spacing, to keep a closing mark inside the block (推入)."""
        return self.spacing < G.CHAR_SPACING_TWIPS

    @property
    def loose(self) -> bool:
        """Set looser than the body's spacing, to give the last line a character (no 孤字)."""
        return self.spacing > G.CHAR_SPACING_TWIPS


def _is_han(ch: str) -> bool:
    return unicodedata.category(ch) == "Lo" and not ch.isascii()


#: Characters set in the Latin face although they are not ASCII (LibreOffice's script rules).
_LATIN_EXTRA_EM = {"·": 1 / 3}
#: Quotation marks take the script of the text before them (“ABC” is Latin, “青春” Chinese) and,
#: set in the Latin face, the width of Times New Roman's.
_WEAK_EM = {"“": 0.444, "”": 0.444, "‘": 0.333, "’": 0.333}


def _scripts(text: str) -> list[bool]:
    """For each character of `text`, whether the suites set it in the Latin face."""
    out = [False] * len(text)
    for m in _LATIN_RUN.finditer(text):  # runs of ASCII: a Chinese text has few
        out[m.start() : m.end()] = [True] * (m.end() - m.start())
    weak = [m.start() for m in _WEAK.finditer(text)]
    if weak:  # weak: the script before it, else the first one after it
        first = next((out[i] for i, c in enumerate(text) if c not in _WEAK_EM), False)
        for i in weak:
            out[i] = out[i - 1] if i else first
    return out


_WEAK = re.compile(f"[{''.join(_WEAK_EM)}]")
_LATIN_RUN = re.compile(f"[\x00-\x7f{''.join(_LATIN_EXTRA_EM)}]+")


@lru_cache(maxsize=16)
def _latin_advances(size: int) -> dict[str, int]:
    """Advance (twips) at `size` of each character with a width of its own in the Latin face."""
    return {c: round(em * size) for c, em in {**_WEAK_EM, **_LATIN_EXTRA_EM, **_LATIN_EM}.items()}


_ASCII_ALNUM = re.compile("[0-9A-Za-z]")


def _autospaced(a: str, b: str) -> bool:
    """Whether the suites put extra space between `a` and `b` (Chinese next to Latin or digits)."""
    return (b.isascii() and b.isalnum() and _is_han(a)) or (a.isascii() and a.isalnum() and _is_han(b))


def units_of(text: str) -> list[str]:
    """`text` as the pieces a line may break between: single Chinese characters and marks, and
    whole runs of Latin letters, digits and their punctuation (3.5, 2023, GB/T, ab@163.com),
    which break only after a hyphen; —— and …… are one piece, and so is a closing mark with the
    number after it (，2023)."""
    return _UNIT.findall(text)


#: ASCII that is not white space (as str.isspace sees it) nor a hyphen.
_LATIN_CHAR = "[\x00-\x08\x0e-\x1b\x21-\x2c\x2e-\x7f]"
#: The pieces of `units_of`: a Latin run ends after a hyphen; a closing mark takes the Latin run
#: after it when that begins with a letter or digit; —— and …… are one piece each.
_UNIT = re.compile(
    f"—+|…+|[{''.join(sorted(_GLUED_TO_LATIN))}][0-9A-Za-z]{_LATIN_CHAR}*-?|{_LATIN_CHAR}+-?|-|.",
    re.DOTALL,
)


class TextMetrics:
    """Advances of the characters of one text at one type size, as LibreOffice sets them: every
    character takes the spacing, except the last before a change between Latin and Chinese
    script; between a Chinese character and a Latin letter or digit comes 0.2 em more."""

    def __init__(self, text: str, size_pt: float) -> None:
        self.size = size = round(size_pt * G.TWIPS_PER_PT)
        latin = _scripts(text)
        advances, half = _latin_advances(size), round(0.5 * size)
        self.base: list[int] = [size] * len(text)
        for i in compress(range(len(text)), latin):
            self.base[i] = advances.get(text[i], half)
        #: For character i ≥ 1: whether the script changes between i − 1 and i.
        self.change = [False, *map(operator.ne, latin, latin[1:])]
        auto = round(AUTOSPACE_EM * size)
        #: For character i ≥ 1: the autospace between i − 1 and i (`_autospaced`), looked for only
        #: around Latin letters and digits.
        self.auto = [0] * max(1, len(text))
        for m in _ASCII_ALNUM.finditer(text):
            i = m.start()
            if i and _is_han(text[i - 1]):
                self.auto[i] = auto
            if i + 1 < len(text) and _is_han(text[i + 1]):
                self.auto[i + 1] = auto
        # Running sums: `width` is asked once for every piece of every line (break_lines).
        self._base_sum = list(accumulate(self.base, initial=0))
        self._auto_sum = list(accumulate(self.auto, initial=0))
        self._change_sum = list(accumulate(map(int, self.change), initial=0))

    def width(self, a: int, b: int, spacing: int) -> int:
        """Width of characters a..b−1 set on one line with `spacing`."""
        b = min(b, len(self.base))
        if b <= a:
            return 0
        w = self._base_sum[b] - self._base_sum[a] + (b - a) * spacing
        # characters a+1..b−1: the autospace before each, less the spacing of the last before a change
        return w + self._auto_sum[b] - self._auto_sum[a + 1] - spacing * (self._change_sum[b] - self._change_sum[a + 1])


def break_lines(
    text: str,
    first_indent: int = G.INDENT_CHARS,
    width: int = G.mm_to_twips(G.TEXT_WIDTH_MM),
    size_pt: float = G.BODY_SIZE_PT,
    spacing: int = G.CHAR_SPACING_TWIPS,
    tighten: bool = True,
) -> list[Line]:
    """`text` broken into lines: a block `width` twips wide, type of `size_pt` with `spacing`
    twips added to each character, the first line indented `first_indent` characters. Numbers
    and Latin words stay whole; no line starts with a closing mark nor ends with an opening one.
    With `tighten`, a closing mark that would start a line is taken into the line before, set
    tighter (推入); otherwise (table cells) the character before it goes down with it (推出)."""
    return list(_break_lines(text, first_indent, width, size_pt, spacing, tighten))


@lru_cache(maxsize=4096)
def _break_lines(text: str, first_indent: int, width: int, size_pt: float, spacing: int, tighten: bool) -> tuple[Line, ...]:
    """`break_lines`, remembered: the paginator and the writer both break every paragraph."""
    m = TextMetrics(text, size_pt)
    ends = list(accumulate(map(len, units_of(text))))
    pieces = list(zip([0, *ends], ends, strict=False))
    lines: list[Line] = []
    line: list[tuple[int, int]] = []  # pieces of the line being set
    first_room = room = width - first_indent * (m.size + spacing) - (_FIRST_LINE_SLACK if first_indent else 0)
    tight: int | None = None  # the spacing a closing mark taken into the line needs
    # Where every character advance is positive, the pieces that still fit a line are found by
    # bisection over the line's running width, not piece by piece.
    base, auto, change = m._base_sum, m._auto_sum, m._change_sum
    fast = min(m.base, default=0) + spacing >= 0
    i = 0
    while i < len(pieces):
        a, b = pieces[i]
        i += 1
        head = text[a]
        if tight is None and line and fast:
            # m.width(a0, end) is the key of `end` less the same sums taken at a0 (a0 + 1 for the
            # autospace and script changes, which count between characters)
            a0 = line[0][0]
            limit = room - _SLACK + base[a0] + a0 * spacing + auto[a0 + 1] - spacing * change[a0 + 1]
            last = bisect_right(
                ends, limit, i - 1, key=lambda end: base[end] + end * spacing + auto[end] - spacing * change[end]
            )
            if last >= i:
                line += pieces[i - 1 : last]
                i = last
                continue
        elif tight is None and (not line or m.width(line[0][0], b, spacing) <= room - _SLACK):
            line.append((a, b))
            continue
        if tighten and line and b - a == 1 and head in NO_LINE_START:  # one mark: 推入
            fit = _tightened(m, line[0][0], b, room, spacing)
            if fit is not None:
                line.append((a, b))
                tight = fit
                continue
        # A closing mark takes the piece before it down; an opening mark goes down with what follows.
        carry: list[tuple[int, int]] = []
        if head in NO_LINE_START:
            while len(line) > 1:
                carry.insert(0, line.pop())
                if text[carry[0][0]] not in NO_LINE_START:
                    break
        while len(line) > 1 and text[line[-1][0] : line[-1][1]] in NO_LINE_END:
            carry.insert(0, line.pop())
        lines.append(Line(text[line[0][0] : line[-1][1]], spacing if carry or tight is None else tight))
        line, tight, room = [*carry, (a, b)], None, width
    if line:
        lines.append(Line(text[line[0][0] : line[-1][1]], spacing if tight is None else tight))
    if tighten and len(lines) >= 2:
        lines = _mend_lone_character(m, lines, first_room if len(lines) == 2 else width, spacing)
    return tuple(lines or [Line("")])


def _is_lone(line: str) -> bool:
    """Whether a last line holds one character and nothing but its closing marks (事。, 导。”)."""
    return bool(line) and _is_han(line[0]) and all(c in NO_LINE_START for c in line[1:])


def _mend_lone_character(m: TextMetrics, lines: list[Line], room: int, spacing: int) -> list[Line]:
    """No 孤字: when the last line would hold one character (and its mark), the line before gives
    it its last character, set a little looser so that the suites break before that character
    (at most `MAX_LOOSEN_TWIPS` a character). The paragraph keeps its number of lines."""
    last, prev = lines[-1], lines[-2]
    if not _is_lone(last.text) or prev.spacing != spacing:
        return lines
    given = units_of(prev.text)[-1]  # a character, or a number (26部。)
    kept = prev.text[: -len(given)]
    if not kept or given[0] in NO_LINE_START or given in NO_LINE_END or kept[-1] in NO_LINE_END:
        return lines
    end = len(m.base) - len(last.text)
    start = end - len(prev.text)
    for s in range(spacing + 1, spacing + MAX_LOOSEN_TWIPS + 1):
        # The shortened line fits with room to spare; the whole one clearly does not.
        if m.width(start, end, s) >= room + TIGHT_SPARE_TWIPS and m.width(start, start + len(kept), s) <= room - TIGHT_SPARE_TWIPS:
            return [*lines[:-2], Line(kept, s), Line(given + last.text, spacing)]
    return lines


def _tightened(m: TextMetrics, a: int, b: int, room: int, spacing: int) -> int | None:
    """The widest spacing, at most `MAX_TIGHTEN_TWIPS` under `spacing`, at which characters
    a..b−1 fit in `room` twips with `TIGHT_SPARE_TWIPS` to spare; None if none does."""
    for s in range(spacing - 1, spacing - MAX_TIGHTEN_TWIPS - 1, -1):
        if m.width(a, b, s) <= room - TIGHT_SPARE_TWIPS:
            return s
    return None


def wrap_lines(
    text: str,
    first_indent: int = G.INDENT_CHARS,
    width: int = G.mm_to_twips(G.TEXT_WIDTH_MM),
    size_pt: float = G.BODY_SIZE_PT,
    spacing: int = G.CHAR_SPACING_TWIPS,
    tighten: bool = True,
) -> list[str]:
    """The text of each line `break_lines` gives."""
    return [line.text for line in break_lines(text, first_indent, width, size_pt, spacing, tighten)]


def count_lines(text: str, first_indent: int = G.INDENT_CHARS, width: int = G.mm_to_twips(G.TEXT_WIDTH_MM)) -> int:
    """How many lines body text takes."""
    return len(break_lines(text, first_indent, width))


def spacing_spans(text: str, first_indent: int = G.INDENT_CHARS, width: int = G.mm_to_twips(G.TEXT_WIDTH_MM)) -> list[tuple[int, int, int]]:
    """(start, end, spacing) of the lines of `text` the writer sets tighter or looser than the body."""
    out: list[tuple[int, int, int]] = []
    pos = 0
    for line in break_lines(text, first_indent, width):
        if line.tight or line.loose:
            out.append((pos, pos + len(line.text), line.spacing))
        pos += len(line.text)
    return out
