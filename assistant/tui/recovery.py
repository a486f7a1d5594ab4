"""The autosave (recovery) file: unsaved work survives a killed terminal.

One JSON file per workbook in `<user dir>/recovery/`, written atomically: the workbook as YAML
(with the chosen headings, its `seed:` and `headings:`), the composing state that is not in the
workbook (the current section), the achievement form being typed, if any, and the undo history. Saving the
workbook removes it; opening the workbook again offers to restore it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

from assistant.errors import WenmiError

if TYPE_CHECKING:
    from assistant.ledger.workbook import Workbook
    from assistant.ledger.yamlfile import RowLines
    from assistant.tui.session import Session

FORMAT_VERSION = 1


@dataclass
class Recovery:
    """What the recovery file holds."""

    source: str
    workbook_yaml: str
    state: dict[str, Any] = field(default_factory=dict)
    #: The achievement form open at the time: {"index": int | None, "data": {...}}.
    draft: dict[str, Any] | None = None
    saved_at: str = ""
    #: Undo and redo (`History.to_data`); None in files written before there was undo.
    history: dict[str, Any] | None = None

    def to_json(self) -> str:
        data = {
            "version": FORMAT_VERSION,
            "source": self.source,
            "saved_at": self.saved_at or datetime.now().isoformat(timespec="seconds"),
            "workbook": self.workbook_yaml,
            "state": self.state,
            "draft": self.draft,
            "history": self.history,
        }
        return json.dumps(data, ensure_ascii=False, indent=1)


class RowCache:
    """The YAML of the achievements the autosave has written, row by row, by identity: the TUI
    replaces an achievement it changes and never changes one in place, so a backup after one edit
    of a thousand-row workbook writes one row anew, not a thousand (the thread writing the file
    holds the interpreter while it works, and the screen waits for it)."""

    #: Rows kept beyond twice the workbook's (those of undo steps and of rows deleted).
    SPARE = 256

    def __init__(self) -> None:
        self.rows: dict[int, RowLines] = {}

    def dump(self, wb: Workbook) -> str:
        """`wb` as workbook YAML, exactly `engine.workbook_yaml(wb)`; any thread."""
        from assistant.tui import engine

        rows = self.rows
        text = engine.workbook_yaml(wb, rows=rows)
        if len(rows) > 2 * len(wb.achievements) + self.SPARE:
            keep = {id(a) for a in wb.achievements}
            self.rows = {k: v for k, v in list(rows.items()) if k in keep}
        return text


def recovery_dir() -> Path:
    from assistant.paths import user_dir

    return user_dir() / "recovery"


def recovery_file(key: str) -> Path:
    """The recovery file of the workbook identified by `key` (a resolved path, or "sample")."""
    name = key if key.isidentifier() else hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
    return recovery_dir() / f"{name}.json"


def write_recovery(key: str, recovery: Recovery) -> Path:
    from assistant.atomic import write_text_atomic

    path = recovery_file(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, recovery.to_json())
    return path


#: Largest recovery file read (a 10,000-achievement workbook is about 2 MB of YAML).
MAX_RECOVERY_BYTES = 64 * 1024 * 1024
#: Keys of the achievement form's draft (assistant.tui.engine.FORM_KEYS) and of its metrics.
_FORM_KEYS = frozenset(("title", "category", "date", "owner", "tags", "section", "detail"))
_METRIC_KEYS = frozenset(("label", "value", "unit", "qualifier"))


class RecoveryError(WenmiError):
    """A recovery file that could not be used (and has been set aside): what is wrong, in Chinese."""


def read_recovery(key: str) -> Recovery | None:
    """The recovery file for `key`, or None when there is none.

    A file that cannot be read, or whose content is not what this module writes (wrong types,
    deep nesting, a workbook that does not load), is set aside — renamed with a timestamp, so
    nothing is lost — and RecoveryError says so, naming the new file.
    """
    path = recovery_file(key)
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_RECOVERY_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        from assistant.atomic import describe_os_error

        raise RecoveryError(f"恢复文件无法读取：{describe_os_error(exc)}", file=path) from None
    try:
        return _parse(key, raw, path)
    except ValueError as exc:
        kept = _set_aside(path)
        where = f"已改名保存为 {kept}" if kept else "未能改名，请手工删除"
        raise RecoveryError(f"恢复文件已损坏（{exc}），{where}；本次不恢复", file=path) from None


def _parse(key: str, raw: bytes, path: Path) -> Recovery:
    """The Recovery in `raw`; ValueError (in Chinese) for anything not as written."""
    if len(raw) > MAX_RECOVERY_BYTES:
        raise ValueError(f"超过 {MAX_RECOVERY_BYTES // 1024 // 1024} MB")
    try:
        data = json.loads(raw.decode("utf-8"))
    except RecursionError:  # the C parser counts its depth and stops cleanly
        raise ValueError("嵌套层级过深") from None
    except (UnicodeDecodeError, ValueError):
        raise ValueError("不是合格的 JSON") from None
    if not isinstance(data, dict):
        raise ValueError("内容应是一个对象")
    if data.get("source") != key:
        raise ValueError("不属于这个台账")
    workbook = data.get("workbook")
    if not isinstance(workbook, str):
        raise ValueError("缺少台账内容")
    _check_workbook(workbook, path)
    state = _state(data.get("state"))
    draft = _draft(data.get("draft"))
    history = _history(data.get("history"))
    saved_at = data.get("saved_at", "")
    if not isinstance(saved_at, str):
        raise ValueError("保存时间（saved_at）应是文字")
    return Recovery(key, workbook, state, draft, saved_at, history)


def _check_workbook(text: str, path: Path) -> None:
    from assistant.ledger.yamlfile import loads_workbook

    try:
        loads_workbook(text, f"{path} 中的台账")
    except WenmiError as err:
        first = str(err).splitlines()[0]
        raise ValueError(f"其中的台账无法读取：{first}") from None


def _state(value: Any) -> dict[str, Any]:
    """The composing state, checked key by key (unknown keys are ignored)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError("状态（state）应是对象")
    out: dict[str, Any] = {}
    for name in ("current_section", "seed"):
        if name in value:
            number = value[name]
            if not isinstance(number, int) or isinstance(number, bool) or not 0 <= number <= 10_000:
                raise ValueError(f"状态中的 {name} 应是 0 到 10000 的整数")
            out[name] = number
    if "headings" in value:
        headings = value["headings"]
        if not isinstance(headings, dict) or not all(
            isinstance(k, str) and k.isdigit() and isinstance(v, str) for k, v in headings.items()
        ):
            raise ValueError("状态中的 headings 应是“序号: 标题”")
        out["headings"] = headings
    return out


def _draft(value: Any) -> dict[str, Any] | None:
    """The achievement form's draft: {"index": int | None, "data": {field: text, "metrics": […]}}."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueError("表单草稿（draft）应是对象")
    index = value.get("index")
    if index is not None and (not isinstance(index, int) or isinstance(index, bool) or index < 0):
        raise ValueError("表单草稿的 index 应是非负整数")
    data = value.get("data")
    if not isinstance(data, dict):
        raise ValueError("表单草稿的 data 应是对象")
    for name, text in data.items():
        if name == "metrics":
            if not isinstance(text, list) or not all(
                isinstance(row, dict) and all(k in _METRIC_KEYS and isinstance(v, str) for k, v in row.items())
                for row in text
            ):
                raise ValueError("表单草稿的 metrics 应是数据项列表")
        elif name not in _FORM_KEYS or not isinstance(text, str):
            raise ValueError(f"表单草稿的字段“{name}”不认识或不是文字")
    return {"index": index, "data": data}


def _history(value: Any) -> dict[str, Any] | None:
    """The undo history as `History.to_data` writes it: {"index": i, "saved": j | None,
    "labels": [text…], "patches": [[start, removed, [line…]] …]}, with `[]` at the index."""
    from assistant.tui.history import MAX_STEPS

    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueError("撤销记录（history）应是对象")
    labels, patches, index, saved = (value.get(k) for k in ("labels", "patches", "index", "saved"))
    if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
        raise ValueError("撤销记录的 labels 应是文字列表")
    if not isinstance(patches, list) or len(patches) != len(labels) or len(labels) > MAX_STEPS + 1:
        raise ValueError(f"撤销记录的 patches 应与 labels 一样多，且不超过 {MAX_STEPS + 1} 步")
    if not _count(index) or not index < len(labels):
        raise ValueError("撤销记录的 index 应是步骤的序号")
    if saved is not None and (not _count(saved) or not saved < len(labels)):
        raise ValueError("撤销记录的 saved 应是步骤的序号或空")
    for i, patch in enumerate(patches):
        shape = patch == [] if i == index else (
            isinstance(patch, list) and len(patch) == 3 and _count(patch[0]) and _count(patch[1])
            and isinstance(patch[2], list) and all(isinstance(line, str) for line in patch[2])
        )  # fmt: skip
        if not shape:
            raise ValueError(f"撤销记录的第 {i + 1} 步不是“起始行, 删去行数, 新行”")
    return value


def _count(value: Any) -> TypeGuard[int]:
    """A non-negative integer (not a bool)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def restore_session(session: Session, recovery: Recovery) -> None:
    """Put what `recovery` holds into `session` (恢复): its workbook, undo history and composing
    state; opening the form `recovery.draft` holds is the caller's. No app needed. WenmiError
    when the workbook does not load (`read_recovery` has already checked that it does)."""
    from assistant.tui import engine
    from assistant.tui.history import History

    path = session.workbook.path
    wb = engine.workbook_from_yaml(recovery.workbook_yaml, path)
    session.workbook = wb
    session.history = History.from_data(
        recovery.history, wb, recovery.workbook_yaml, lambda text: engine.workbook_from_yaml(text, path)
    )
    session.restore_state(recovery.state)
    session.touch()


def _set_aside(path: Path) -> Path | None:
    """Rename a bad recovery file out of the way (timestamped); its new path, or None."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for n in range(100):
        target = path.with_name(f"{path.stem}.损坏-{stamp}{f'-{n}' if n else ''}.json.bak")
        if target.exists():
            continue
        try:
            path.rename(target)
        except OSError:
            return None
        return target
    return None


def discard_recovery(key: str) -> None:
    with contextlib.suppress(OSError):
        recovery_file(key).unlink()
