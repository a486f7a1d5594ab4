"""The TUI's own settings (autosave on or off), kept in `<user dir>/tui.json`."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass
class Settings:
    #: Write a recovery file within a second of every change.
    autosave: bool = True


def settings_file() -> Path:
    from assistant.paths import user_dir

    return user_dir() / "tui.json"


def load_settings() -> Settings:
    try:
        data = json.loads(settings_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    return Settings(autosave=bool(data.get("autosave", True)))


def save_settings(settings: Settings) -> None:
    from assistant.atomic import write_text_atomic

    path = settings_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(path, json.dumps(asdict(settings), ensure_ascii=False))
    except OSError:
        pass  # a read-only home only loses the preference, not work
