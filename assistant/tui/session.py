"""What the user is working on: the workbook, where it saves, and the composing choices.

Plain Python (no textual) so it can be tested on its own. Screens change the workbook through
`Session.touch()`, which marks it unsaved and bumps `revision`; the app watches that to autosave
and to refresh the other screens.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.tui.history import History

if TYPE_CHECKING:
    from assistant.compose.matching import Suggestion
    from assistant.ledger.workbook import Workbook
    from assistant.templating import Template

#: Recovery key of the bundled sample workbook (it has no user path of its own).
SAMPLE_KEY = "sample"


@dataclass
class TemplateEntry:
    """A template with what the filter matches it on (name, id, pinyin initials, keywords)."""

    template: Template
    initials: str
    haystack: str

    def matches(self, query: str) -> bool:
        """Every space-separated part is in the text, or is pinyin initials: of one word, or of
        words apart in it (`xxtz` finds 关于开展党史学习教育的通知: 学习 xx, 通知 tz)."""
        q = query.strip().lower()
        if not q:
            return True
        return all(part in self.haystack or self._initials_match(part) for part in q.split())

    def _initials_match(self, part: str) -> bool:
        """`part` split into pieces of two or more letters found in this order, apart, in the
        initials of one word (the name, a keyword…)."""
        if not part.isascii() or not part.isalpha():
            return False
        return any(_pieces_in_order(part, word) for word in self.initials.split())


def _pieces_in_order(part: str, word: str) -> bool:
    """True when `part` = p1 + p2 + … (each two letters or more) with p1, p2, … in `word` in order."""
    if part in word:
        return True
    for cut in range(2, len(part) - 1):
        at = word.find(part[:cut])
        if at >= 0 and _pieces_in_order(part[cut:], word[at + cut :]):
            return True
    return False


@dataclass
class Session:
    """The open workbook and the state of composing it."""

    workbook: Workbook
    #: Where ctrl+s writes; None when a "save as" must ask (the bundled sample).
    save_path: Path | None
    #: The file it was opened from (the sample, a .yaml, an imported .xlsx…).
    source_path: Path | None = None
    is_sample: bool = False
    #: Unsaved changes since the last load or save.
    dirty: bool = False
    revision: int = 0
    #: The section that "insert into heading" writes to (1-based).
    current_section: int = 1
    #: Loaded in the background after the first paint.
    templates: list[TemplateEntry] | None = None
    suggestions: list[Suggestion] = field(default_factory=list)
    template_errors: list[str] = field(default_factory=list)
    #: The states the workbook went through (undo and redo).
    history: History = field(init=False)

    def __post_init__(self) -> None:
        self.history = History(self.workbook)

    # -- composing choices (kept in the workbook, so they are saved with it) ------------------

    @property
    def seed(self) -> int:
        """Cycle index of the composed heading set (0 = the first set the phrase bank offers)."""
        return self.workbook.seed

    @seed.setter
    def seed(self, value: int) -> None:
        self.workbook.seed = value

    @property
    def headings(self) -> dict[int, str]:
        """Headings the user picked, by 1-based section index; they replace the composed ones."""
        return self.workbook.headings

    @property
    def fonts(self) -> str | None:
        """The font profile chosen for this workbook (`fonts:`); None: the user's default."""
        return self.workbook.fonts

    def choose_fonts(self, profile: str) -> bool:
        """Keep `profile` in the workbook, so it is saved with it; True when that is a change
        (the caller records it, as for any edit)."""
        if self.workbook.fonts == profile:
            return False
        self.workbook.fonts = profile
        return True

    # -- identity -------------------------------------------------------------------------

    @property
    def recovery_key(self) -> str:
        """Which recovery file belongs to this workbook."""
        if self.is_sample or self.source_path is None:
            return SAMPLE_KEY
        return str(self.source_path.resolve())

    @property
    def display_name(self) -> str:
        if self.is_sample:
            return "示例台账"
        path = self.source_path or self.save_path
        return path.name if path else "未命名台账"

    # -- changes --------------------------------------------------------------------------

    def touch(self) -> None:
        """Record a change to the workbook (or to the composing choices)."""
        self.dirty = True
        self.revision += 1

    def saved(self, path: Path) -> None:
        self.save_path = path
        self.source_path = path
        self.is_sample = False
        self.dirty = False
        self.history.mark_saved()

    def record(self, label: str, group: object = None) -> None:
        """Keep the state after a change for undo (`group`: see `History.record`)."""
        self.history.record(self.workbook, label, group)

    def undo(self) -> str | None:
        """Undo the last change; its label, or None when there is nothing to undo."""
        return self._moved(self.history.undo(self.workbook))

    def redo(self) -> str | None:
        """Redo the change undone last; its label, or None when there is nothing to redo."""
        return self._moved(self.history.redo(self.workbook))

    def _moved(self, label: str | None) -> str | None:
        if label is not None:
            self.revision += 1
            self.dirty = not self.history.at_saved
        return label

    # -- templates ------------------------------------------------------------------------

    @property
    def template_id(self) -> str | None:
        """The template chosen for this workbook (saved in it as `template:`)."""
        return self.workbook.template

    def choose_template(self, template_id: str) -> None:
        if self.workbook.template != template_id:
            self.workbook.template = template_id
            self.headings.clear()
            self.seed = 0
            self.current_section = 1
            self.touch()

    def template_by_id(self, template_id: str | None) -> Template | None:
        for entry in self.templates or ():
            if entry.template.id == template_id:
                return entry.template
        return None

    def effective_template(self) -> tuple[Template | None, bool]:
        """(template, suggested): the chosen template, else the top suggestion."""
        chosen = self.template_by_id(self.template_id)
        if chosen is not None:
            return chosen, False
        for s in self.suggestions:
            t = self.template_by_id(s.id)
            if t is not None:
                return t, True
        entries = self.templates or []
        return (entries[0].template, True) if entries else (None, True)

    # -- headings -------------------------------------------------------------------------

    def _keep_template(self) -> None:
        """Headings are chosen for a template: a suggested one becomes the workbook's `template:`."""
        if self.workbook.template is None:
            template, _ = self.effective_template()
            if template is not None:
                self.workbook.template = template.id

    def cycle_headings(self, step: int = 1) -> None:
        """The next (or previous) composed heading set; headings the user picked are kept."""
        self._keep_template()
        self.seed = max(0, self.seed + step)
        self.touch()

    def set_heading(self, index: int, text: str) -> None:
        self._keep_template()
        self.headings[index] = text
        self.current_section = index
        self.touch()

    # -- recovery -------------------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        """The composing state that is not part of the workbook file (for the recovery file)."""
        return {"current_section": self.current_section}

    def restore_state(self, data: dict[str, Any]) -> None:
        # Recovery files from before `seed:`/`headings:` were workbook keys carry them here.
        if "seed" in data:
            self.seed = max(0, int(data.get("seed", 0) or 0))
        raw = data.get("headings")
        if isinstance(raw, dict) and raw:
            self.headings.clear()
            self.headings.update({int(k): str(v) for k, v in raw.items() if str(k).isdigit() and int(k) > 0})
        self.current_section = int(data.get("current_section", 1) or 1)
