"""Reading and saving a workbook by file type: YAML here, Excel, CSV and .docx through
`assistant.ledger.importers`. Saves are atomic.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path

from assistant.errors import WenmiError
from assistant.ledger.workbook import Workbook
from assistant.ledger.yamlfile import _read_text, dumps_workbook, loads_workbook

YAML_SUFFIXES = (".yaml", ".yml")


TABLE_SUFFIXES = (".xlsx", ".xlsm", ".csv")


SUFFIXES = (*YAML_SUFFIXES, *TABLE_SUFFIXES, ".docx")


def _check_suffix(path: Path, allowed: Sequence[str]) -> str:
    suffix = path.suffix.lower()
    if suffix in allowed:
        return suffix
    hint = "支持的格式：" + "、".join(allowed)
    if suffix in (".xls", ".et"):
        hint = "请在 Excel/WPS 中另存为 .xlsx 后再导入"
    elif suffix in (".doc", ".wps"):
        hint = "请在 Word/WPS 中另存为 .docx 后再导入"
    raise WenmiError(f"不支持的台账格式“{suffix or '（无扩展名）'}”", file=path, hint=hint)


def load_workbook(path: Path | str, *, layout: bool = True) -> Workbook:
    """Read a workbook from .yaml/.yml, .xlsx, .csv or (as a draft) last year's .docx.

    `layout=False`: a YAML file's comments and key order are not kept (nothing will be saved).
    """
    path = Path(path)
    suffix = _check_suffix(path, SUFFIXES)
    if suffix in YAML_SUFFIXES:
        text, warnings = _read_text(path)
        wb = loads_workbook(text, str(path), layout=layout)
        wb.warnings[:0] = warnings
    else:
        wb = import_file(path)
    wb.path = path
    return wb


def save_workbook(wb: Workbook, path: Path | str | None = None, *, header: Sequence[str] = ()) -> Path:
    """Write the workbook atomically (YAML keeps comments and order; .csv/.xlsx export a table).

    `path` defaults to `wb.path`. A folder that does not exist yet is created (as batch render
    does), and removed again if the write fails. Returns the path written.
    """
    target = Path(path) if path is not None else wb.path
    if target is None:
        raise WenmiError("没有指定保存位置", hint="请给出文件名，如 台账.yaml")
    suffix = _check_suffix(target, (*YAML_SUFFIXES, *TABLE_SUFFIXES))
    from assistant.atomic import write_text_atomic

    created = _make_folders(target.parent)
    try:
        if suffix in YAML_SUFFIXES:
            write_text_atomic(target, dumps_workbook(wb, header=header))
        else:
            from assistant.ledger import importers

            importers.export_table(wb, target)
    except BaseException as exc:
        for folder in reversed(created):  # leave no empty folders behind a failed save
            with contextlib.suppress(OSError):
                folder.rmdir()
        if isinstance(exc, PermissionError):
            raise WenmiError("没有权限写入，或文件正被其他程序（如 Excel、WPS）打开", file=target) from None
        if isinstance(exc, FileNotFoundError):
            raise WenmiError("保存位置所在的文件夹不存在", file=target) from None
        if isinstance(exc, OSError):
            raise WenmiError(f"保存失败：{exc.strerror or exc}", file=target) from None
        raise
    return target


def _make_folders(folder: Path) -> list[Path]:
    """Create `folder` and any missing parents; the ones created, outermost first."""
    missing: list[Path] = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.insert(0, probe)
        probe = probe.parent
    if probe.exists() and not probe.is_dir():
        raise WenmiError("保存位置的上级路径是一个文件，不是文件夹", file=probe, hint="换一个保存位置")
    if not missing:
        return []
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WenmiError(f"无法新建文件夹：{exc.strerror or exc}", file=folder) from None
    return missing


def import_file(
    path: Path | str, *, sheet: str | None = None, unit: str | None = None, period: str | None = None
) -> Workbook:
    """Import .xlsx/.xlsm, .csv or .docx by suffix."""
    from assistant.ledger import importers

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        wb = importers.import_xlsx(path, sheet=sheet, unit=unit, period=period)
    elif suffix == ".csv":
        wb = importers.import_csv(path, unit=unit, period=period)
    elif suffix == ".docx":
        wb = importers.import_docx(path, unit=unit, period=period)
    elif suffix in (".yaml", ".yml"):
        wb = load_workbook(path)
    else:
        hint = "支持 .xlsx、.csv、.docx"
        if suffix in (".xls", ".et"):
            hint = "请在 Excel/WPS 中另存为 .xlsx 后再导入"
        elif suffix in (".doc", ".wps"):
            hint = "请在 Word/WPS 中另存为 .docx 后再导入"
        raise WenmiError(f"不支持导入“{suffix or '（无扩展名）'}”文件", file=path, hint=hint)
    wb.path = path
    return wb
