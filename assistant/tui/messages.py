"""Messages screens send to the app. Small dataclasses, one line of docs each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.message import Message


@dataclass
class WorkbookChanged(Message):
    """The workbook or the composing choices changed; autosave and refresh the other screens."""

    reason: str = ""


@dataclass
class TemplatesLoaded(Message):
    """The template catalogue and the suggestions for this workbook are ready."""


@dataclass
class PhraseBankLoaded(Message):
    """The phrase bank is loaded (searches are instant from now on)."""

    error: str | None = None


@dataclass
class TemplateChosen(Message):
    """The user chose a template to compose with."""

    template_id: str


@dataclass
class HeadingPicked(Message):
    """A phrase should become the heading of a section (1-based index; None = current)."""

    text: str
    section: int | None = None


@dataclass
class FormDraft(Message):
    """The achievement form's content changed (kept in the recovery file while it is open)."""

    index: int | None
    data: dict[str, Any] | None
