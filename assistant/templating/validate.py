"""`templates validate`: check template files completely, with located messages.

Per file: the YAML schema (keys, types, slot types, category, doctype, id format), the folder
and file name, the Jinja2 syntax, variables the body uses but nobody defines, then the sample:
it must render, produce markup that `parse_markup` accepts, keep every sample figure, and leave
no placeholder behind (and type no figure of its own into the body); that check is composition's
(`assistant.compose.samples.check_sample`) and is handed in by the caller. Across files: ids must
be unique within a folder.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.categories import CATEGORY_FOLDERS
from assistant.errors import Diagnostic, WenmiError, WenmiErrors
from assistant.templating.catalog import Catalog, iter_template_files
from assistant.templating.loader import YamlDoc, did_you_mean, parse_template, parse_yaml, read_text
from assistant.templating.model import CONTEXT_NAMES, Template

#: A check of a template's rendered sample (`assistant.compose.samples.check_sample`), handed in by
#: the caller so that validation does not depend on composition.
SampleCheck = Callable[[Template], list[Diagnostic]]


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


def diagnostics_from_error(
    err: WenmiError, severity: str = "error", rule: str = "template"
) -> list[Diagnostic]:
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


def validate_template_file(
    path: Path, source: str | None = None, *, samples: SampleCheck | None
) -> list[Diagnostic]:
    """Every problem of one template file, as located diagnostics ([] = valid).

    `samples` renders and checks the template's sample once the file itself is sound; None
    checks the file alone (schema, place, Jinja2 syntax, names).
    """
    from assistant.paths import packaged_dir

    path = Path(path)
    packaged = _is_under(path, packaged_dir("templates"))
    source = source or ("packaged" if packaged else str(path.parent))
    try:
        doc = parse_yaml(read_text(path), str(path))
        template = parse_template(doc, path, source)
    except WenmiError as err:
        return diagnostics_from_error(err, rule="schema")
    diagnostics = _check_place(template, doc, path, packaged)
    static = _check_body(template)
    diagnostics += static
    if samples is not None and not any(d.severity == "error" for d in static):
        diagnostics += samples(template)
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
        return diagnostics_from_error(err, rule="syntax")
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


def validate_files(entries: list[tuple[str, Path]], *, samples: SampleCheck | None) -> ValidationReport:
    """Validate (source, path) pairs and check ids are unique per source."""
    report = ValidationReport(files=[p for _, p in entries])
    for source, path in entries:
        report.diagnostics += validate_template_file(path, source, samples=samples)
    report.diagnostics += _duplicates(entries)
    return report


def validate_paths(paths: Iterable[Path], *, samples: SampleCheck | None) -> ValidationReport:
    """Validate files and folders given on the command line."""
    entries: list[tuple[str, Path]] = []
    for p in paths:
        p = Path(p)
        if not p.exists():
            raise WenmiError("找不到要校验的文件或文件夹", file=str(p))
        entries += [(str(p), f) for f in iter_template_files(p)]
    return validate_files(entries, samples=samples)


def validate_catalog(catalog: Catalog | None = None, *, samples: SampleCheck | None) -> ValidationReport:
    """Validate every template file the catalogue finds (overridden ones too)."""
    from assistant.templating.catalog import load_catalog

    catalog = catalog or load_catalog()
    return validate_files(catalog.files, samples=samples)
