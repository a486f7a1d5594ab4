"""The autosave (recovery) file: unsaved work survives a killed terminal.

One JSON file per workbook in `<user dir>/recovery/`, written atomically: the workbook as YAML
(with the chosen headings, its `seed:` and `headings:`), the composing state that is not in the
workbook (the current section) and the achievement form being typed, if any. Saving the
workbook removes it; opening the workbook again offers to restore it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

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

    def to_json(self) -> str:
        data = {
            "version": FORMAT_VERSION,
            "source": self.source,
            "saved_at": self.saved_at or datetime.now().isoformat(timespec="seconds"),
            "workbook": self.workbook_yaml,
            "state": self.state,
            "draft": self.draft,
        }
        return json.dumps(data, ensure_ascii=False, indent=1)


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


def read_recovery(key: str) -> Recovery | None:
    """The recovery file for `key`, or None when there is none (or it is unreadable)."""
    path = recovery_file(key)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("source") != key or not isinstance(data.get("workbook"), str):
        return None
    state = data.get("state") if isinstance(data.get("state"), dict) else {}
    draft = data.get("draft") if isinstance(data.get("draft"), dict) else None
    return Recovery(key, data["workbook"], state, draft, str(data.get("saved_at", "")))


def discard_recovery(key: str) -> None:
    with contextlib.suppress(OSError):
        recovery_file(key).unlink()
