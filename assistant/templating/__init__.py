"""The template engine: discovery, schema, the Jinja2 sandbox and validation.

Public API:
- `load_catalog() -> Catalog` (`get(id)`, `all()`, `by_category()`, `infos()`)
- `load_template_file(path, source) -> Template`
- `render_template(template, context) -> str`
- `ValidationReport`; the checks of a template file live in `templating.validate`, and the full
  validation with the rendered sample in `assistant.compose.samples` (it needs composition).
Composition with a workbook is `assistant.compose.compose_markup`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assistant.templating.catalog import Catalog, clear_catalog_cache, iter_template_files, load_catalog
from assistant.templating.loader import load_template_file, load_template_text
from assistant.templating.model import (
    DOCTYPES,
    SLOT_TYPES,
    SectionPlan,
    Slot,
    Template,
    TemplateInfo,
)
from assistant.templating.validate import ValidationReport


def render_template(
    template: Template, context: Mapping[str, Any], measured: tuple[int, int] | None = None
) -> str:
    """Render the template's body with `context` in the sandbox; errors are located WenmiErrors.
    `measured`: the context's `sandbox.measure_input`, when the caller knows it."""
    from assistant.templating.sandbox import render_body

    return render_body(template, context, measured)


__all__ = [
    "DOCTYPES",
    "SLOT_TYPES",
    "Catalog",
    "SectionPlan",
    "Slot",
    "Template",
    "TemplateInfo",
    "clear_catalog_cache",
    "iter_template_files",
    "load_catalog",
    "load_template_file",
    "load_template_text",
    "render_template",
    "ValidationReport",
]
