"""Templates recommended for a workbook: `matching.suggest`, with each leading candidate tried on
the workbook's rows, so that a template whose own headings would stand over rows that never speak
of them (品牌 headings over a 党史学习教育 台账) ranks below one that fits."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from assistant.compose.matching import Suggestion, Tense, suggest

#: Beyond this many rows, trying templates on the rows costs more than it tells: a long 台账
#: fills any template's parts with something.
FIT_ROWS = 300


def recommend(
    workbook: Any,
    templates: Iterable[Any],
    limit: int | None = None,
    tense: Tense | None = None,
) -> list[Suggestion]:
    """`suggest(workbook, templates, limit, tense=tense)`, with the fixed headings of the first
    candidates checked against the rows they would head."""
    achievements = list(getattr(workbook, "achievements", None) or ())
    if not achievements or len(achievements) > FIT_ROWS:
        return suggest(workbook, templates, limit=limit, tense=tense)
    from assistant.compose.sections import fixed_heading_fit

    def fixed_fit(template: Any) -> tuple[int, int] | None:
        if not hasattr(template, "sections"):
            template = _loaded(template)  # the metadata `wenmi suggest` ranks: the template itself
        if getattr(template, "sections", None) is None:
            return None  # a bare TemplateLike: nothing to try
        return fixed_heading_fit(template, achievements)

    return suggest(workbook, templates, limit=limit, tense=tense, fixed_fit=fixed_fit)


def _loaded(info: Any) -> Any:
    """The whole template of a catalog entry read for its metadata only (`TemplateInfo`, which has
    a path), or None for anything else or a template that does not load."""
    if getattr(info, "path", None) is None:
        return None
    from assistant.errors import WenmiError
    from assistant.templating import load_catalog

    try:
        return load_catalog().get(str(info.id))
    except WenmiError:
        return None
