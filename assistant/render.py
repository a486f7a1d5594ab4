"""Rendering: markup or a workbook in, a .docx / .md / .txt out.

One engine path for the CLI and the TUI:
- `write_output(doc, out, fmt, force)` writes a parsed `Document` atomically;
- `compose_document(workbook, template_id, ...)` composes a template with a workbook, checks that
  every figure reached the text (GB/T 15835; "figures are sacred") and parses the markup;
- `export_workbook(...)` does both, for `wenmi render WORKBOOK --template ID` and the TUI's export.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.errors import Diagnostic, WenmiError

if TYPE_CHECKING:
    from assistant.compose import ComposeResult
    from assistant.document.model import Document
    from assistant.ledger.workbook import Workbook

FORMATS = ("docx", "md", "txt")
MARKUP_SUFFIXES = (".md", ".txt", ".markdown")
WORKBOOK_SUFFIXES = (".yaml", ".yml", ".xlsx", ".csv")


def document_bytes(doc: Document, fmt: str, fonts: str | None = None) -> bytes:
    """`doc` as `fmt`; a .docx names the faces of the font profile `fonts` (None: the user's)."""
    if fmt == "docx":
        from assistant.document.docx_writer import write_docx_bytes

        return write_docx_bytes(doc, fonts)
    if fmt == "md":
        from assistant.document.markup import to_markup

        return to_markup(doc).encode("utf-8")
    if fmt == "txt":
        from assistant.document.preview import preview_text

        return preview_text(doc).encode("utf-8")
    raise WenmiError(f"不支持的输出格式“{fmt}”", hint="可选 " + "、".join(FORMATS))


def write_output(
    doc: Document,
    out: Path | str,
    fmt: str = "docx",
    force: bool = False,
    fonts: str | None = None,
    *,
    writes: BackgroundWrites | None = None,
) -> list[Diagnostic]:
    """Write `doc` to `out` atomically; refuse to overwrite unless `force`. Returns warnings:
    the document's own and what print cannot give as written (document.printcheck).

    With `writes`, the file is written (synced and published) by its worker thread while the
    caller goes on: it is written only once `writes.wait(out)` has returned."""
    out = Path(out)
    if out.exists() and not force:
        raise WenmiError("输出文件已存在，未覆盖", file=str(out), hint="加 --force 覆盖，或换一个文件名")
    if out.exists() and out.is_dir():
        raise WenmiError("输出路径是一个文件夹", file=str(out), hint="在路径末尾写上文件名，或以 / 结尾表示输出到该文件夹")
    data = document_bytes(doc, fmt, fonts)
    if not out.parent.exists():
        raise WenmiError("输出文件夹不存在", file=str(out.parent), hint="先创建该文件夹，或换一个输出路径")
    if writes is None:
        _write_file(out, data, force)
    else:
        writes.submit(out, data, force)
    from assistant.document.printcheck import print_warnings

    return [*doc.diagnostics, *print_warnings(doc)]


def _write_file(out: Path, data: bytes, force: bool) -> None:
    """`data` into `out`, atomically; without `force`, refused if `out` exists by then."""
    from assistant.atomic import describe_os_error, write_bytes_atomic

    try:
        write_bytes_atomic(out, data, replace=force)  # without force, refuses atomically
    except FileExistsError:
        raise WenmiError("输出文件已存在，未覆盖", file=str(out), hint="加 --force 覆盖，或换一个文件名") from None
    except PermissionError as exc:
        raise WenmiError("没有权限写入输出文件", file=str(out), hint="换一个可写的位置，或关闭正在打开该文件的 Word/WPS") from exc
    except OSError as exc:
        raise WenmiError(f"无法写入输出文件：{describe_os_error(exc)}", file=str(out), hint="检查路径和磁盘空间") from exc


class BackgroundWrites:
    """The file writes of a batch, done one after another by a worker thread, so that the next
    document is rendered while the disk syncs the last one (the sync waits on the disk, not on
    the processor). Each write is the same atomic, no-clobber write as `write_output`'s own;
    a file counts as written only once `wait` has returned for it."""

    def __init__(self) -> None:
        from concurrent.futures import Future, ThreadPoolExecutor

        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wenmi-write")
        self._pending: dict[Path, Future[None]] = {}

    def submit(self, out: Path, data: bytes, force: bool) -> None:
        self._pending[out] = self._pool.submit(_write_file, out, data, force)

    def wait(self, out: Path) -> None:
        """Return once `out` is written, synced and in place; its `WenmiError` if it could not be."""
        future = self._pending.pop(Path(out), None)
        if future is not None:
            future.result()

    def close(self) -> None:
        """Wait for every write still under way."""
        self._pool.shutdown(wait=True)

    def __enter__(self) -> BackgroundWrites:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass
class ComposedDocument:
    document: Document
    compose: ComposeResult
    #: Compose warnings plus figure findings (errors when a figure is missing).
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _check_length(workbook: Workbook, template: Any) -> None:
    """Refuse, before composing, a 台账 with more achievements than one document holds (the
    sandbox's limits grow with the achievements up to that many); the template is not at fault."""
    from assistant.templating.sandbox import MAX_SCALED_ACHIEVEMENTS, body_names

    count = len(workbook.achievements)
    if count > MAX_SCALED_ACHIEVEMENTS and {"achievements", "sections"} & body_names(template):
        raise WenmiError(
            f"台账有 {count} 项成效，超出了一份文档能容纳的篇幅（上限 {MAX_SCALED_ACHIEVEMENTS} 项）",
            file=str(workbook.path) if workbook.path else None,
            field="achievements",
            hint="请按类别（category）或责任单位（owner）把台账拆成几份，分别生成文档",
        )


def compose_document(
    workbook: Workbook,
    template_id: str | None = None,
    *,
    overrides: dict[str, Any] | None = None,
    seed: int | None = None,
    headings: Mapping[int, str] | None = None,
    examples: bool = False,
) -> ComposedDocument:
    """Compose `template_id` (or the workbook's own `template:`) with `workbook` and parse it.

    `seed` (the set of composed headings) and `headings` ({section number: text}, replacing
    single headings) default to the workbook's `seed:` and `headings:`, which were chosen for
    the workbook's own template: with another template they are not used (with a warning).
    """
    from assistant.compose import compose_markup
    from assistant.document.markup import parse_markup
    from assistant.ledger.figcheck import check_figures
    from assistant.templating import load_catalog

    tid = template_id or workbook.template
    if not tid:
        raise WenmiError(
            "没有指定模板",
            file=str(workbook.path) if workbook.path else None,
            hint="用 --template 模板编号 指定，或在台账中写 template: 模板编号（wenmi suggest 台账 可推荐模板）",
        )
    template = load_catalog().get(tid)
    _check_length(workbook, template)
    notes: list[Diagnostic] = []
    seed, headings = _chosen_headings(workbook, template.id, seed, headings, notes)
    result = compose_markup(template, workbook, overrides, seed=seed, headings=headings, examples=examples)
    source = f"模板“{template.id}”的输出"
    doc = parse_markup(result.markup, source=source)
    diagnostics = notes + list(result.diagnostics)
    consumed = workbook.achievements if result.consumes_achievements else []
    # (compose_markup itself warns when the template does not use the achievements.)
    diagnostics += check_figures(consumed, result.markup, result.values, source=source)
    diagnostics += doc.diagnostics
    return ComposedDocument(doc, result, diagnostics)


def _chosen_headings(
    workbook: Workbook,
    template_id: str,
    seed: int | None,
    headings: Mapping[int, str] | None,
    notes: list[Diagnostic],
) -> tuple[int, Mapping[int, str] | None]:
    """The seed and heading overrides to compose with: the arguments, else the workbook's own."""
    own = workbook.template is None or workbook.template == template_id
    if seed is None:
        seed = workbook.seed if own else 0
    if headings is None:
        headings = workbook.headings if own else None
        if not own and workbook.headings:
            notes.append(
                Diagnostic.at(
                    f"台账中的分节标题（headings）是为模板“{workbook.template}”选定的，"
                    f"模板“{template_id}”未使用",
                    rule="headings-other-template",
                    file=str(workbook.path) if workbook.path else None,
                    field="headings",
                )
            )
    return seed, headings


@dataclass
class ExportResult:
    path: Path
    #: Pages as the writer lays them out (assistant.document.paginate), blank and 版记 pages included.
    pages: int
    diagnostics: list[Diagnostic]


def export_workbook(
    workbook: Workbook,
    template_id: str | None,
    out: Path | str,
    *,
    overrides: dict[str, Any] | None = None,
    seed: int | None = None,
    headings: Mapping[int, str] | None = None,
    force: bool = False,
    strict: bool = False,
    fmt: str = "docx",
    examples: bool = False,
    fonts: str | None = None,
    writes: BackgroundWrites | None = None,
) -> ExportResult:
    """Compose and write one document. With `strict`, a missing or unknown figure, or example
    content nobody has vouched for (`examples`), stops the write.

    `seed` and `headings` default to the workbook's (see `compose_document`); `fonts` names a
    font profile (assistant.document.fonts.PROFILES). Without it: the workbook's `fonts:`, else
    the one set with `wenmi fonts --use`, else gb2312. `writes`: as for `write_output`.
    """
    out = Path(out)
    if out.exists() and not force:
        raise WenmiError("输出文件已存在，未覆盖", file=str(out), hint="加 --force 覆盖，或换一个文件名")
    composed = compose_document(
        workbook, template_id, overrides=overrides, seed=seed, headings=headings, examples=examples
    )
    # Figures are sacred: a dropped or unknown figure is a warning, and stops the write with --strict.
    blocking = [d for d in composed.diagnostics if d.rule.startswith("figure")] if strict else []
    if blocking:
        raise WenmiError(
            "数字核对未通过（--strict），未写出文档：\n" + "\n".join(f"  {d}" for d in blocking),
            file=str(workbook.path) if workbook.path else None,
            hint="让模板写出全部指标、删去台账中没有的数字，或去掉 --strict 只给出警告",
        )
    # Claims are sourced: example content is for a draft, never for a document sent up.
    unsourced = [d for d in composed.diagnostics if d.rule == "examples-used"] if strict else []
    if strict and not unsourced:  # marks kept in the workbook's fields (accepted in the TUI)
        from assistant.document.markup import review_marks

        unsourced = review_marks(composed.document)
    if unsourced:
        raise WenmiError(
            "文档中有未经核实的示例内容（--strict），未写出文档：\n" + "\n".join(f"  {d}" for d in unsourced),
            file=str(workbook.path) if workbook.path else None,
            hint="把这些内容写进台账的 fields，或去掉 --examples"
            if examples
            else "核实或改写这些内容，再删去台账 fields 中的 [示例]、[/示例] 标记",
        )
    write_output(composed.document, out, fmt, force=force, fonts=fonts or workbook.fonts, writes=writes)
    from assistant.document.paginate import paginate
    from assistant.document.printcheck import print_warnings

    printing = print_warnings(composed.document)  # what print cannot give as written
    return ExportResult(out, paginate(composed.document).pages, [*composed.diagnostics, *printing])
