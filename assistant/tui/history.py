"""Undo and redo: the states the workbook went through, and which one is shown.

Plain Python (no textual). Every change the user makes (app `changed()`) records the state after
it; typing in one field is one step, not one per key. A state copies what the screens change in
place (the fields, the headings) and shares the achievements, which the screens replace rather
than change, so a step costs a list copy even for a thousand achievements.

The recovery file keeps the history: the state shown is the recovery file's workbook, and every
other state is written as the lines that differ from its neighbour (`to_data`/`from_data`).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.ledger.workbook import Achievement, Workbook

#: States kept: the present one and up to this many steps back.
MAX_STEPS = 200
#: Most characters of workbook text a recovery file's history may rebuild (all states together);
#: a longer history (a huge 台账 with many steps) is dropped rather than rebuilt.
MAX_HISTORY_CHARS = 100_000_000


@dataclass
class State:
    """The workbook as it was after one change; `label` says what that change was."""

    label: str
    unit: str
    period: str
    template: str | None
    seed: int
    headings: dict[int, str]
    fields: dict[str, Any]
    achievements: tuple[Achievement, ...]
    #: The font profile chosen for the workbook (`fonts:`; None: the user's default).
    fonts: str | None = None
    #: The state as workbook YAML (for the recovery file), made when first needed.
    yaml: str | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, wb: Workbook, label: str = "") -> State:
        return cls(
            label,
            wb.unit,
            wb.period,
            wb.template,
            wb.seed,
            dict(wb.headings),
            copy.deepcopy(wb.fields),
            tuple(wb.achievements),
            wb.fonts,
        )

    def same_as(self, wb: Workbook) -> bool:
        return (
            self.unit == wb.unit
            and self.period == wb.period
            and self.template == wb.template
            and self.seed == wb.seed
            and self.fonts == wb.fonts
            and self.headings == wb.headings
            and self.fields == wb.fields
            and len(self.achievements) == len(wb.achievements)
            and all(a is b for a, b in zip(self.achievements, wb.achievements, strict=True))
        )

    def apply(self, wb: Workbook) -> None:
        """Put this state into `wb` (copies, so later edits of `wb` leave the state as it is)."""
        wb.unit = self.unit
        wb.period = self.period
        wb.template = self.template
        wb.seed = self.seed
        wb.fonts = self.fonts
        wb.headings.clear()
        wb.headings.update(self.headings)
        wb.fields = copy.deepcopy(self.fields)
        wb.achievements = list(self.achievements)

    def workbook(self, like: Workbook) -> Workbook:
        """This state as a workbook with the layout (comments, key order) of `like`."""
        return replace(
            like,
            unit=self.unit,
            period=self.period,
            template=self.template,
            seed=self.seed,
            fonts=self.fonts,
            headings=dict(self.headings),
            fields=copy.deepcopy(self.fields),
            achievements=list(self.achievements),
            warnings=[],
        )


class History:
    """The states of one workbook, oldest first, and the index of the one shown."""

    def __init__(self, wb: Workbook) -> None:
        self.states: list[State] = [State.of(wb)]
        self.index = 0
        #: The index of the state last saved to the workbook file (None: none of those kept).
        self.saved_index: int | None = 0
        #: What the last step was (typing in one field again extends it instead of adding one).
        self._group: object = None
        #: Patches written to the recovery file last time: (neighbour, state, patch) by their ids.
        self._patches: dict[tuple[int, int], tuple[State, State, list[Any]]] = {}

    # -- recording ----------------------------------------------------------------------

    def record(self, wb: Workbook, label: str, group: object = None) -> bool:
        """Record the state of `wb` after a change; True when it is a new step.

        With the same `group` as the step before (not None), the step is extended: typing a
        word in a field is undone at once. Steps that had been undone are dropped.
        """
        current = self.states[self.index]
        if current.same_as(wb):
            return False
        extend = (
            group is not None
            and group == self._group
            and self.index == len(self.states) - 1
            and self.index > 0
        )
        self._group = group
        del self.states[self.index + 1 :]
        if self.saved_index is not None and self.saved_index > self.index:
            self.saved_index = None
        state = State.of(wb, label)
        if extend:
            self.states[self.index] = state
            if self.saved_index == self.index:
                self.saved_index = None
            return False
        self.states.append(state)
        self.index += 1
        if len(self.states) > MAX_STEPS + 1:
            drop = len(self.states) - MAX_STEPS - 1
            del self.states[:drop]
            self.index -= drop
            if self.saved_index is not None:
                self.saved_index = self.saved_index - drop if self.saved_index >= drop else None
        return True

    def revert_last(self, wb: Workbook) -> bool:
        """Forget the last step when `wb` is back to the state before it (a change taken back
        at once by the app, such as a set of headings no different from the last)."""
        if 0 < self.index == len(self.states) - 1 and self.states[self.index - 1].same_as(wb):
            self.states.pop()
            self.index -= 1
            self._group = None
            return True
        return False

    def break_group(self) -> None:
        """The next change is a step of its own (focus moved to another field, say)."""
        self._group = None

    # -- moving -------------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return self.index > 0

    @property
    def can_redo(self) -> bool:
        return self.index < len(self.states) - 1

    def undo(self, wb: Workbook) -> str | None:
        """Go one step back; returns the label of the change undone (None: nothing to undo)."""
        if not self.can_undo:
            return None
        label = self.states[self.index].label
        self.index -= 1
        self.states[self.index].apply(wb)
        self._group = None
        return label

    def redo(self, wb: Workbook) -> str | None:
        """Go one step forward again; returns the label of the change redone."""
        if not self.can_redo:
            return None
        self.index += 1
        self.states[self.index].apply(wb)
        self._group = None
        return self.states[self.index].label

    def mark_saved(self) -> None:
        self.saved_index = self.index

    @property
    def at_saved(self) -> bool:
        """True when the state shown is the one in the workbook file."""
        return self.saved_index == self.index

    # -- the recovery file --------------------------------------------------------------

    def frozen(self) -> History:
        """A copy of this history as it is now, for writing the recovery file in another thread
        (`to_data`) while this one goes on recording; `adopt` takes back what that worked out."""
        twin = History.__new__(History)
        twin.__dict__.update(self.__dict__)
        twin.states = list(self.states)
        twin._patches = dict(self._patches)
        return twin

    def adopt(self, twin: History) -> None:
        """Keep the patches `twin` (a `frozen` copy) worked out, so the next write reuses them."""
        self._patches = twin._patches

    def to_data(self, wb: Workbook, dump: Callable[[Workbook], str], shown: str) -> dict[str, Any]:
        """The history as JSON data around `shown`, the YAML of the state shown (the recovery
        file's workbook); `dump` writes the others (each once: the text is kept)."""
        if self.states[self.index].yaml is None:
            self.states[self.index].yaml = shown
        texts = [self._text(i, wb, dump) for i in range(len(self.states))]
        patches: list[list[Any]] = []
        known, self._patches = self._patches, {}
        for i in range(len(texts)):
            if i == self.index:
                patches.append([])
                continue
            near = i + 1 if i < self.index else i - 1  # the neighbour on the side of the present
            pair = (self.states[near], self.states[i])
            # each autosave adds a step or two: the other patches are the ones written last time
            old = known.get((id(pair[0]), id(pair[1])))
            patch = old[2] if old is not None and old[0] is pair[0] and old[1] is pair[1] else None
            if patch is None:
                patch = _diff(texts[near], texts[i])
            self._patches[(id(pair[0]), id(pair[1]))] = (*pair, patch)
            patches.append(patch)
        return {
            "index": self.index,
            "saved": self.saved_index,
            "labels": [s.label for s in self.states],
            "patches": patches,
        }

    def _text(self, i: int, wb: Workbook, dump: Callable[[Workbook], str]) -> str:
        state = self.states[i]
        if state.yaml is None:
            state.yaml = dump(state.workbook(wb))
        return state.yaml

    @classmethod
    def from_data(cls, data: Any, wb: Workbook, shown: str, load: Callable[[str], Workbook]) -> History:
        """The history of a recovery file, around `wb` (its workbook, read from `shown`).

        Anything that does not fit (an older or damaged file) gives a history of `wb` alone."""
        history = cls(wb)
        history.saved_index = None
        try:
            index = int(data["index"])
            labels = [str(x) for x in data["labels"]]
            patches = list(data["patches"])
            if not 0 <= index < len(labels) == len(patches) <= MAX_STEPS + 1:
                raise ValueError
            texts: list[str] = [""] * len(labels)
            texts[index] = shown
            size = len(shown)
            back = [(i, i + 1) for i in range(index - 1, -1, -1)]  # each state from its neighbour
            for i, near in back + [(i, i - 1) for i in range(index + 1, len(labels))]:
                texts[i] = _patch(texts[near], patches[i])
                size += len(texts[i])
                if size > MAX_HISTORY_CHARS:
                    raise ValueError("history too long")
            states = []
            for i, text in enumerate(texts):
                state = State.of(wb if i == index else load(text), labels[i])
                state.yaml = text
                states.append(state)
        except Exception:  # noqa: BLE001 - a history that does not read is only a history lost
            return history
        history.states = states
        history.index = index
        saved = data.get("saved")
        history.saved_index = saved if isinstance(saved, int) and 0 <= saved < len(states) else None
        return history


def _diff(a: str, b: str) -> list[Any]:
    """How to turn text `a` into `b`: [lines kept at the start, lines of `a` replaced, new lines]."""
    x, y = a.split("\n"), b.split("\n")
    start = _same_run(x, y, min(len(x), len(y)))
    end = _same_run(x[::-1], y[::-1], min(len(x), len(y)) - start)
    return [start, len(x) - start - end, y[start : len(y) - end]]


#: Lines compared at once (as lists) before the line that differs is looked for one by one.
_BLOCK = 256


def _same_run(x: list[str], y: list[str], limit: int) -> int:
    """How many lines `x` and `y` share at their start, at most `limit`: whole blocks compared as
    lists first (a thousand-row workbook has ten thousand lines, and the autosave diffs each new
    undo step with its neighbour while the screen waits for the interpreter)."""
    n = 0
    while n + _BLOCK <= limit and x[n : n + _BLOCK] == y[n : n + _BLOCK]:
        n += _BLOCK
    while n < limit and x[n] == y[n]:
        n += 1
    return n


def _patch(a: str, patch: list[Any]) -> str:
    start, removed, lines = int(patch[0]), int(patch[1]), [str(s) for s in patch[2]]
    x = a.split("\n")
    # negative numbers would count from the end: [-1, -10**6] keeps all lines but the last,
    # then all of them again, doubling the text at every step
    if start < 0 or removed < 0 or start + removed > len(x):
        raise ValueError("patch does not fit")
    return "\n".join([*x[:start], *lines, *x[start + removed :]])
