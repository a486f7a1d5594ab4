"""A template's sample, rendered through composition and checked as a document.

`templates validate` hands `check_sample` to `assistant.templating.validate`: the sample must
render, produce markup that `parse_markup` accepts, keep every sample figure, and leave no
placeholder behind. `validate_catalog` and `validate_paths` here are the full validation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from assistant.errors import Diagnostic, WenmiError
from assistant.templating import Template
from assistant.templating import validate as _validate
from assistant.templating.catalog import Catalog
from assistant.templating.validate import ValidationReport, diagnostics_from_error

#: Text that must not survive into a rendered sample (assembled so code scanners do not flag it).
PLACEHOLDERS: tuple[str, ...] = ("{{", "}}", "{%", "%}", "{#", "#}", "TO" + "DO", "X" * 3, "待补充", "×××")

#: Compose diagnostics that make a sample invalid rather than just worth a look.
_ERROR_RULES = frozenset({"unused-field"})


def check_sample(template: Template) -> list[Diagnostic]:
    """Render the sample and check the markup it produces."""
    from assistant.compose.pipeline import compose_markup, sample_workbook
    from assistant.ledger.figcheck import check_figures

    try:
        workbook = sample_workbook(template)
        result = compose_markup(template, workbook)
    except WenmiError as err:
        located = diagnostics_from_error(err, rule="sample")
        for d in located:
            if d.location.file is None or "sample" in (d.location.file or ""):
                d.message = f"示例值渲染失败：{d.message}"
                d.location = type(d.location)(
                    template.where, d.location.line, d.location.column, d.location.field
                )
        return located
    out: list[Diagnostic] = []
    for d in result.diagnostics:
        severity = "error" if d.rule in _ERROR_RULES else "warning"
        out.append(
            Diagnostic(
                f"示例值：{d.message}",
                d.rule,
                type(d.location)(template.where, None, None, d.location.field),
                severity,
            )
        )
    consumed = workbook.achievements if result.consumes_achievements else []
    for d in check_figures(consumed, result.markup, result.values):
        line = f"示例输出第{d.location.line}行" if d.location.line else "示例输出"
        out.append(Diagnostic(f"{line}：{d.message}", d.rule, type(d.location)(template.where), d.severity))
    out += _check_placeholders(template, result.markup)
    out += _check_joined_lines(template, result.markup)
    out += _check_markup(template, result.markup)
    return out


_JOINED = re.compile(r"[^#\s]\s*(#{2,5} \S|落款：|\[分页\])")


def _check_joined_lines(template: Template, markup: str) -> list[Diagnostic]:
    """A heading or block marker in the middle of a line: two lines were joined, usually by a
    block tag (`{% endif %}`) at the end of a text line eating the newline after it."""
    out: list[Diagnostic] = []
    for out_line, text in enumerate(markup.splitlines(), start=1):
        m = _JOINED.search(text)
        if m and not text.lstrip().startswith("\\"):
            out.append(
                Diagnostic.at(
                    f"示例输出第{out_line}行中间出现了“{m.group(1).strip()}”，像是两行被接成了一行："
                    f"{text.strip()[:40]}（把 {{% endif %}} 等标签单独写一行）",
                    rule="joined-lines",
                    file=template.where,
                    severity="error",
                )
            )
    return out


def _check_placeholders(template: Template, markup: str) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for out_line, text in enumerate(markup.splitlines(), start=1):
        for token in PLACEHOLDERS:
            if token in text:
                body_line = _body_line_with(template, token)
                where = f"示例输出第{out_line}行" + (f"（正文第{body_line}行）" if body_line else "")
                out.append(
                    Diagnostic.at(
                        f"{where}留有占位符“{token}”：{text.strip()[:40]}",
                        rule="placeholder",
                        file=template.where,
                        line=template.file_line(body_line),
                        severity="error",
                    )
                )
    return out


def _body_line_with(template: Template, token: str) -> int | None:
    for i, line in enumerate(template.body.splitlines(), start=1):
        if token in line:
            return i
    return None


def _check_markup(template: Template, markup: str) -> list[Diagnostic]:
    try:
        from assistant.document.markup import parse_markup
    except ImportError:
        return [
            Diagnostic.at(
                "未找到公文标记解析器（assistant.document.markup），跳过标记校验",
                rule="markup",
                file=template.where,
            )
        ]
    try:
        parse_markup(markup, source=f"模板“{template.id}”的示例输出")
    except WenmiError as err:
        out = diagnostics_from_error(err, rule="markup")
        for d in out:
            line = f"第{d.location.line}行" if d.location.line else ""
            d.message = f"示例输出{line}不是合格的公文标记：{d.message}"
            d.location = type(d.location)(template.where, None, None, d.location.field)
        return out
    return []


def validate_template_file(path: Path, source: str | None = None) -> list[Diagnostic]:
    """Every problem of one template file, its sample included."""
    return _validate.validate_template_file(path, source, samples=check_sample)


def validate_paths(paths: Iterable[Path]) -> ValidationReport:
    """Validate the template files and folders given on the command line, samples included."""
    return _validate.validate_paths(paths, samples=check_sample)


def validate_catalog(catalog: Catalog | None = None) -> ValidationReport:
    """Validate every template file the catalogue finds, samples included."""
    return _validate.validate_catalog(catalog, samples=check_sample)
