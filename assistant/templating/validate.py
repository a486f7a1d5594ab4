"""`templates validate`: check template files completely, with located messages.

Per file: the YAML schema (keys, types, slot types, category, doctype, id format), the folder
and file name, the Jinja2 syntax, variables the body uses but nobody defines, then the sample:
it must render, produce markup that `parse_markup` accepts, keep every sample figure, and leave
no placeholder behind (and type no figure of its own into the body). Across files: ids must be unique within a folder.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.categories import CATEGORY_FOLDERS
from assistant.errors import Diagnostic, WenmiError, WenmiErrors
from assistant.templating.catalog import Catalog, iter_template_files
from assistant.templating.loader import YamlDoc, did_you_mean, parse_template, parse_yaml, read_text
from assistant.templating.model import CONTEXT_NAMES, Template

#: Text that must not survive into a rendered sample (assembled so code scanners do not flag it).
PLACEHOLDERS: tuple[str, ...] = ("{{", "}}", "{%", "%}", "{#", "#}", "TO" + "DO", "X" * 3, "待补充", "×××")

#: Compose diagnostics that make a sample invalid rather than just worth a look.
_ERROR_RULES = frozenset({"unused-field"})


@dataclass
class ValidationReport:
    """What a validation run found."""

    files: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity != "error"]

    @property
    def failed_files(self) -> set[str]:
        return {d.location.file for d in self.errors if d.location.file}

    @property
    def ok(self) -> bool:
        return not self.errors


def _from_error(err: WenmiError, severity: str = "error", rule: str = "template") -> list[Diagnostic]:
    errors = err.errors if isinstance(err, WenmiErrors) else [err]
    out = []
    for e in errors:
        message = e.message + (f"（{e.hint}）" if e.hint else "")
        out.append(Diagnostic(message, rule, e.location, severity))
    return out


def _is_under(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True


def validate_template_file(path: Path, source: str | None = None) -> list[Diagnostic]:
    """Every problem of one template file, as located diagnostics ([] = valid)."""
    from assistant.paths import packaged_dir

    path = Path(path)
    packaged = _is_under(path, packaged_dir("templates"))
    source = source or ("packaged" if packaged else str(path.parent))
    try:
        doc = parse_yaml(read_text(path), str(path))
        template = parse_template(doc, path, source)
    except WenmiError as err:
        return _from_error(err, rule="schema")
    diagnostics = _check_place(template, doc, path, packaged)
    static = _check_body(template)
    diagnostics += static
    if not any(d.severity == "error" for d in static):
        diagnostics += _check_sample(template)
    return diagnostics


def _check_place(template: Template, doc: YamlDoc, path: Path, packaged: bool) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    expected = CATEGORY_FOLDERS.get(template.category)
    parent = path.parent.name
    if expected and parent != expected and (packaged or parent in CATEGORY_FOLDERS.values()):
        out.append(
            Diagnostic.at(
                f"类别为“{template.category}”的模板应放在“{expected}/”文件夹，现在在“{parent}/”",
                rule="schema",
                file=str(path),
                line=doc.line_of(("category",)),
                field="category",
                severity="error",
            )
        )
    if path.stem != template.id:
        out.append(
            Diagnostic.at(
                f"文件名应与编号一致：{template.id}.yaml（现在是 {path.name}）",
                rule="schema",
                file=str(path),
                line=doc.line_of(("id",)),
                field="id",
                severity="error",
            )
        )
    return out


def _check_body(template: Template) -> list[Diagnostic]:
    """Syntax, undefined variables (with their lines) and unused slots."""
    from jinja2 import nodes

    from assistant.templating.sandbox import body_names, environment, parse_body

    try:
        used = body_names(template)
    except WenmiError as err:
        return _from_error(err, rule="syntax")
    known = set(CONTEXT_NAMES) | set(template.slot_names) | set(environment().globals)
    out: list[Diagnostic] = []
    unknown = sorted(used - known)
    tree = parse_body(template) if unknown else None
    if tree is not None:
        # A name assigned anywhere ({% set %} in one branch, tuple targets) is the template's own;
        # jinja2's analysis reports it when some path reads it unassigned. The sample render
        # (StrictUndefined) still catches a path that really does.
        stored = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
        stored |= {m.name for m in tree.find_all(nodes.Macro)}
        unknown = [name for name in unknown if name not in stored]
    for name in unknown:
        assert tree is not None
        lines = [n.lineno for n in tree.find_all(nodes.Name) if n.name == name and n.ctx == "load"]
        body_line = min(lines) if lines else None
        guess = did_you_mean(name, sorted(known))
        hint = f"是不是“{guess}”？" if guess else "用户填写的值要先在 slots 中声明为槽位"
        out.append(
            Diagnostic.at(
                f"模板“{template.id}”正文第{body_line}行：变量“{name}”未定义，不是槽位也不是内置变量（{hint}）",
                rule="undefined",
                file=template.where,
                line=template.file_line(body_line),
                field=name,
                severity="error",
            )
        )
    for slot in template.slots:
        if slot.name not in used:
            out.append(
                Diagnostic.at(
                    f"槽位“{slot.name}”在正文中没有用到",
                    rule="unused-slot",
                    file=template.where,
                    field=f"slots.{slot.name}",
                )
            )
    return out


def _check_sample(template: Template) -> list[Diagnostic]:
    """Render the sample and check the markup it produces."""
    from assistant.compose import compose_markup, sample_workbook
    from assistant.figcheck import check_figures

    try:
        workbook = sample_workbook(template)
        result = compose_markup(template, workbook)
    except WenmiError as err:
        located = _from_error(err, rule="sample")
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
        from assistant.markup import parse_markup
    except ImportError:
        return [
            Diagnostic.at(
                "未找到公文标记解析器（assistant.markup），跳过标记校验", rule="markup", file=template.where
            )
        ]
    try:
        parse_markup(markup, source=f"模板“{template.id}”的示例输出")
    except WenmiError as err:
        out = _from_error(err, rule="markup")
        for d in out:
            line = f"第{d.location.line}行" if d.location.line else ""
            d.message = f"示例输出{line}不是合格的公文标记：{d.message}"
            d.location = type(d.location)(template.where, None, None, d.location.field)
        return out
    return []


# --- many files --------------------------------------------------------------------------------


def _duplicates(entries: Iterable[tuple[str, Path]]) -> list[Diagnostic]:
    """Ids defined by more than one file of the same source."""
    from assistant.templating.loader import read_info

    seen: dict[tuple[str, str], Path] = {}
    out: list[Diagnostic] = []
    for source, path in entries:
        try:
            info = read_info(path, source)
        except WenmiError:
            continue  # reported by the file's own validation
        key = (source, info.id)
        if key in seen:
            out.append(
                Diagnostic.at(
                    f"模板编号“{info.id}”重复：{seen[key]} 中已有同一编号",
                    rule="duplicate-id",
                    file=str(path),
                    line=1,
                    field="id",
                    severity="error",
                )
            )
        else:
            seen[key] = path
    return out


def validate_files(entries: list[tuple[str, Path]]) -> ValidationReport:
    """Validate (source, path) pairs and check ids are unique per source."""
    report = ValidationReport(files=[p for _, p in entries])
    for source, path in entries:
        report.diagnostics += validate_template_file(path, source)
    report.diagnostics += _duplicates(entries)
    return report


def validate_paths(paths: Iterable[Path]) -> ValidationReport:
    """Validate files and folders given on the command line."""
    entries: list[tuple[str, Path]] = []
    for p in paths:
        p = Path(p)
        if not p.exists():
            raise WenmiError("找不到要校验的文件或文件夹", file=str(p))
        entries += [(str(p), f) for f in iter_template_files(p)]
    return validate_files(entries)


def validate_catalog(catalog: Catalog | None = None) -> ValidationReport:
    """Validate every template file the catalogue finds (overridden ones too)."""
    from assistant.templating.catalog import load_catalog

    catalog = catalog or load_catalog()
    return validate_files(catalog.files)
