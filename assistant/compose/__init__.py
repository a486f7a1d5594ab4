"""Composition: a template and a workbook become 公文 markup.

- `pipeline`: `compose_markup` and its shortcuts, the one entry point.
- `slots`: slot values merged and coerced to their types.
- `views`: the dataclass views a template body sees.
- `sections`: achievements grouped into sections, headings from the phrase bank.
- `matching`: templates suggested for a workbook; the grouping algorithm.
- `samples`: a template's sample rendered and checked (what `templates validate` runs).

Composition reads the ledger (`assistant.ledger`) and the templates and phrase bank, and writes
markup for `assistant.document`; nothing below it imports it.
"""

from assistant.compose.pipeline import (
    ComposeResult,
    compose_for,
    compose_markup,
    compose_sample,
    sample_workbook,
)
from assistant.compose.sections import (
    build_sections,
    compose_headings,
    group_achievements,
    match_headings,
    replace_head,
    replace_headings,
    section_hints,
    split_heading,
)
from assistant.compose.slots import coerce_slot_value, merge_slot_values
from assistant.compose.views import AchievementView, MetricView, SectionView, achievement_view

__all__ = [
    "AchievementView",
    "ComposeResult",
    "MetricView",
    "SectionView",
    "achievement_view",
    "build_sections",
    "coerce_slot_value",
    "compose_for",
    "compose_headings",
    "compose_markup",
    "compose_sample",
    "group_achievements",
    "match_headings",
    "merge_slot_values",
    "replace_head",
    "replace_headings",
    "sample_workbook",
    "section_hints",
    "split_heading",
]
