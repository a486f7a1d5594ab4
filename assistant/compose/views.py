"""What a template body sees of the workbook: dataclass views of achievements, metrics and sections."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.compose.paragraphs import ParagraphView
    from assistant.ledger.figures import FigurePlacement
from assistant.ledger.workbook import Achievement


@dataclass(frozen=True)
class MetricView:
    """One figure as the body sees it: `.text` is its GB/T 15835 form ("600余条")."""

    label: str
    text: str
    value: int | float
    unit: str
    qualifier: str


@dataclass(frozen=True)
class AchievementView:
    """An achievement as the body sees it; missing parts are "" (never None)."""

    title: str
    category: str
    detail: str
    owner: str
    date: str
    tags: tuple[str, ...]
    metrics: tuple[MetricView, ...]
    #: Every metric text joined with "，".
    figures: str
    #: A 公文 sentence ending in "。" that contains every figure.
    sentence: str
    section: str = ""


@dataclass(frozen=True)
class SectionView:
    """One section of the plan: its heading and the achievements under it."""

    index: int
    heading: str
    head: str
    tail: str
    achievements: tuple[AchievementView, ...]
    #: Where `achievements` are in the workbook's `achievements` (0-based), in the same order.
    indices: tuple[int, ...] = ()
    #: The achievements as paragraphs of like actions, each with a lead where one fits
    #: (`assistant.compose.paragraphs`); `{{ p }}` writes the lead in bold and the text.
    paragraphs: tuple[ParagraphView, ...] = ()


def date_text(value: Any) -> str:
    from assistant.ledger.numfmt import cn_date

    if isinstance(value, datetime):
        value = value.date()
    return str(cn_date(value))


def achievement_view(a: Achievement, placements: list[FigurePlacement] | None = None) -> AchievementView:
    """The view of an achievement the body sees (figures formatted, sentence written); how each
    metric got into the sentence is added to `placements` when given."""
    from assistant.ledger.figures import fill_title, write_figure_sentence

    written = write_figure_sentence(a)
    if placements is not None:
        placements.extend(written.placements)
    title, placed = fill_title(a.title, a.metrics)
    metrics = tuple(
        MetricView(
            label=m.label, text=m.text(), value=m.value, unit=m.unit or "", qualifier=m.qualifier or ""
        )
        for m in a.metrics
    )
    return AchievementView(
        title=title,
        category=a.category or "",
        detail=a.detail or "",
        owner=a.owner or "",
        date=date_text(a.date) if a.date else "",
        tags=tuple(a.tags or ()),
        metrics=metrics,
        # the figures the title does not already carry
        figures="，".join(v.text for v, m in zip(metrics, a.metrics, strict=True) if not any(m is p for p in placed)),
        sentence=written.text,
        section=a.section or "",
    )
