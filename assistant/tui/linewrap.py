"""Wrapping text on screen by the rules of print (避头尾), for every widget of the app.

Textual wraps text at spaces and folds a run without spaces (all of a Chinese sentence) at
whatever cell the line is full: a line may then start with “，” or “？”, an id or a path is cut
mid-word, and a “ · ” before a long Chinese run is left alone on its line. `divide_line` breaks
instead between Chinese characters, keeps runs of Latin letters, digits and their punctuation
whole (zf-jyjl-4gao, 2022-03, --help), never starts a line with a closing mark nor ends one with
an opening mark (the marks of `assistant.document.linebreak`, the rules the printed document
follows), taking the character before a closing mark down with it. `install()` puts it in
place of the function Textual's `Content` wraps with (textual pinned in pyproject.toml; the
snapshot tests show if a new version changes that).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len

from assistant.document.linebreak import NO_LINE_END, NO_LINE_START

#: Where a run of Latin text wider than a line may break (after these characters).
_SOFT_BREAKS = "/\\-_.,;:"


@dataclass
class _Unit:
    """A piece no line breaks inside: one Chinese character or mark, or a Latin run."""

    start: int
    #: End of the piece itself, and after the spaces that follow it.
    end: int
    stop: int
    width: int
    space: int


def _units(text: str) -> list[_Unit]:
    out: list[_Unit] = []
    n = len(text)
    i = 0
    lead = 0
    while i < n and text[i] == " ":  # leading spaces belong to the first piece
        i += 1
    lead = i
    while i < n:
        start = i
        ch = text[i]
        if ch.isascii():
            while i < n and text[i].isascii() and text[i] != " ":
                i += 1
        elif ch in "—…" and i + 1 < n and text[i + 1] == ch:  # —— and …… are one mark
            i += 2
        else:
            i += 1
        end = i
        while i < n and text[i] == " ":
            i += 1
        first = 0 if out else lead
        out.append(_Unit(start - first, end, i, cell_len(text[start - first : end]), i - end))
    if not out and n:
        out.append(_Unit(0, n, n, cell_len(text), 0))
    return out


def _fold(text: str, unit: _Unit, width: int) -> list[int]:
    """Where a piece wider than a line breaks: after a / - _ . where one is in reach, else at the cell."""
    breaks: list[int] = []
    start = unit.start
    while cell_len(text[start : unit.end]) > width:
        cut = start
        used = 0
        while cut < unit.end and used + cell_len(text[cut]) <= width:
            used += cell_len(text[cut])
            cut += 1
        cut = max(cut, start + 1)
        soft = max((k + 1 for k in range(start, cut) if text[k] in _SOFT_BREAKS), default=0)
        if soft > start + (cut - start) // 3 and soft < unit.end:
            cut = soft
        breaks.append(cut)
        start = cut
    return breaks


def divide_line(text: str, width: int, fold: bool = True) -> list[int]:
    """Offsets (characters) at which to break `text` into lines of at most `width` cells.

    Same contract as `rich._wrap.divide_line`: the spaces at a break stay at the end of the
    line before it (the caller strips them), and a piece wider than `width` is folded when
    `fold`, else left whole for the caller to crop.
    """
    if width <= 0:
        return []
    units = _units(text)
    breaks: list[int] = []
    line: list[int] = []  # indexes of the units on the current line
    used = 0  # cells of the current line, with the spaces after its last unit

    def start_line(indexes: list[int]) -> None:
        nonlocal line, used
        line = indexes
        used = sum(units[k].width + units[k].space for k in indexes)

    for index, unit in enumerate(units):
        if line and used + unit.width <= width:
            line.append(index)
            used += unit.width + unit.space
            continue
        if line:
            carry: list[int] = []
            if text[unit.start] in NO_LINE_START:  # a closing mark takes the piece before it down
                while len(line) > 1:
                    carry.insert(0, line.pop())
                    if text[units[carry[0]].start] not in NO_LINE_START:
                        break
            while (
                len(line) > 1
                and units[line[-1]].end - units[line[-1]].start == 1
                and (text[units[line[-1]].start] in NO_LINE_END)
            ):  # an opening mark goes down with what follows it
                carry.insert(0, line.pop())
            moved = sum(units[k].width + units[k].space for k in carry)
            if moved + unit.width > width:  # too narrow to keep the rule: break where it is full
                line.extend(carry)
                carry = []
            breaks.append(units[carry[0]].start if carry else unit.start)
            start_line([*carry, index])
        else:
            start_line([index])
        if unit.width > width and fold and len(line) == 1:
            folds = _fold(text, unit, width)
            breaks.extend(folds)
            last = folds[-1] if folds else unit.start
            used = cell_len(text[last : unit.end]) + unit.space
    return breaks


def install() -> None:
    """Make Textual wrap all text of the app with `divide_line`."""
    import textual.content

    textual.content.divide_line = divide_line  # type: ignore[attr-defined]
