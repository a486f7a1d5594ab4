"""The achievements workbook (成效台账): the model.

A workbook is what a unit did in a period: achievements with their figures (metrics), plus the
unit's name and the values a template's slots need. Reading and checking it live beside this
module: `yamlfile` (YAML text), `validate` (one pass that names every problem), `files` (by
file type, with `importers` for Excel, CSV and .docx). The model imports none of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.errors import KEY_NAMES as KEY_NAMES  # re-exported: the names of this model's keys
from assistant.errors import Diagnostic
from assistant.ledger.numfmt import (
    Number,
    format_number,
)

PathKey = tuple[str | int, ...]


@dataclass
class Layout:
    """How an object looked in its YAML file, so a save can keep it.

    Keys are tuples: `()` is the object itself (the line of its `- ` item), `("title",)` one of
    its keys, `("fields", "主题")` a slot value of the workbook. `before` holds the full-line
    comments (and blank lines, as "") that preceded it, `trailing` the comment at the end of
    its line, `order` the keys in file order, `flow` which collections were written `{...}`/`[...]`.
    """

    before: dict[tuple[str, ...], list[str]] = field(default_factory=dict)
    trailing: dict[tuple[str, ...], str] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    flow: dict[tuple[str, ...], bool] = field(default_factory=dict)
    #: Quote style (\' or ") of values the user wrote quoted; kept on save.
    quotes: dict[tuple[str, ...], str] = field(default_factory=dict)


@dataclass
class Metric:
    """One figure of an achievement: 参训 318 人次, 践行举措 600 条 (余)."""

    label: str
    value: Number
    unit: str = ""
    #: 余/多 (after the number), 近/约/超/逾/至少… (before), 左右/以上 (after the unit),
    #: or an adverb for the label (累计/共…) that is not part of the figure.
    qualifier: str = ""
    layout: Layout | None = field(default=None, repr=False, compare=False)

    def text(self) -> str:
        """The figure in GB/T 15835 form: "600余条", "2万余斤", "318人次", "100%"."""
        return format_number(self.value, self.unit, self.qualifier)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"label": self.label, "value": self.value}
        if self.unit:
            out["unit"] = self.unit
        if self.qualifier:
            out["qualifier"] = self.qualifier
        return out


@dataclass
class Achievement:
    """One line of the 台账: what was done, in which category, with which figures."""

    title: str
    #: One of the seven categories; None when not given and not inferable.
    category: str | None = None
    metrics: list[Metric] = field(default_factory=list)
    #: As the user wrote it (2022-03, 2023-01-11, 2022年上半年); format with numfmt.cn_date.
    date: str | None = None
    owner: str | None = None
    detail: str | None = None
    tags: list[str] = field(default_factory=list)
    #: User override of the section it goes to: "2" (section index, 1-based) or heading text.
    section: str | None = None
    #: True when `category` was inferred from the text rather than written by the user.
    category_inferred: bool = field(default=False, compare=False)
    layout: Layout | None = field(default=None, repr=False, compare=False)

    def to_dict(self, *, inferred: bool = False) -> dict[str, Any]:
        """Workbook-format mapping; an inferred category is left out unless `inferred`."""
        out: dict[str, Any] = {"title": self.title}
        if self.category and (inferred or not self.category_inferred):
            out["category"] = self.category
        if self.metrics:
            out["metrics"] = [m.to_dict() for m in self.metrics]
        for key in ("date", "owner", "detail"):
            value = getattr(self, key)
            if value:
                out[key] = value
        if self.tags:
            out["tags"] = list(self.tags)
        if self.section:
            out["section"] = self.section
        return out


@dataclass
class Workbook:
    """A unit's 成效台账: facts, slot values and achievements."""

    unit: str
    period: str = ""
    template: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    achievements: list[Achievement] = field(default_factory=list)
    #: Headings the user chose, by section number (1-based); they replace the composed ones.
    headings: dict[int, str] = field(default_factory=dict)
    #: Which set of composed headings the user chose (0 = the phrase bank's first set).
    seed: int = 0
    #: The font profile the document names (assistant.document.fonts.PROFILES; None: the
    #: user's default, set with `wenmi fonts --use`). `wenmi render --fonts` overrides it.
    fonts: str | None = None
    #: The file it was read from (None when built in memory).
    path: Path | None = None
    #: Problems that did not stop loading (removed control characters, guessed encodings…).
    warnings: list[Diagnostic] = field(default_factory=list, repr=False, compare=False)
    layout: Layout | None = field(default=None, repr=False, compare=False)

    def to_dict(self, *, inferred: bool = False) -> dict[str, Any]:
        """Workbook-format mapping (key order as in SPEC.md); empty optional parts left out."""
        out: dict[str, Any] = {"unit": self.unit}
        if self.period:
            out["period"] = self.period
        if self.template:
            out["template"] = self.template
        if self.fonts:
            out["fonts"] = self.fonts
        if self.seed:
            out["seed"] = self.seed
        if self.headings:
            out["headings"] = dict(sorted(self.headings.items()))
        if self.fields:
            out["fields"] = dict(self.fields)
        out["achievements"] = [a.to_dict(inferred=inferred) for a in self.achievements]
        return out

    def metric_count(self) -> int:
        return sum(len(a.metrics) for a in self.achievements)


TOP_KEYS: tuple[str, ...] = ("unit", "period", "template", "fonts", "seed", "headings", "fields", "achievements")


ACHIEVEMENT_KEYS: tuple[str, ...] = (
    "title",
    "category",
    "metrics",
    "date",
    "owner",
    "detail",
    "tags",
    "section",
)


METRIC_KEYS: tuple[str, ...] = ("label", "value", "unit", "qualifier")


def iter_metrics(achievements: Iterable[Achievement]) -> Iterator[tuple[int, Achievement, int, Metric]]:
    """(achievement index, achievement, metric index, metric) for every metric, in order."""
    for i, a in enumerate(achievements):
        for j, m in enumerate(a.metrics):
            yield i, a, j, m
