"""Where wenmi finds its data: packaged, then the user folder, then WENMI_PATH folders.

Packaged data lives at the repository root (`templates/`, `phrasebank/`) in a source checkout
and under `assistant/_data/` in an installed wheel; both are looked for.
Environment:
- `WENMI_HOME`: overrides the user folder (tests point it at a temp dir).
- `WENMI_PATH`: extra folders (os.pathsep-separated), each may hold `templates/` and `phrasebank/`
  or be itself a folder of template/phrase files; later ones override earlier ones by id.
"""

from __future__ import annotations

import os
from pathlib import Path

_PKG = Path(__file__).resolve().parent


def packaged_dir(name: str) -> Path:
    """The packaged data folder `name` ("templates" or "phrasebank")."""
    wheel = _PKG / "_data" / name
    if wheel.is_dir():
        return wheel
    return _PKG.parent / name


def user_dir() -> Path:
    """The user's wenmi folder (templates/, phrasebank/, autosave, config)."""
    env = os.environ.get("WENMI_HOME")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("wenmi", appauthor=False))


def extra_dirs() -> list[Path]:
    """Folders named in WENMI_PATH, in order."""
    raw = os.environ.get("WENMI_PATH", "")
    return [Path(p) for p in raw.split(os.pathsep) if p.strip()]


def search_dirs(name: str) -> list[tuple[str, Path]]:
    """(source, folder) pairs for data `name`, lowest priority first.

    source is "packaged", "user", or the WENMI_PATH folder as a string.
    """
    out: list[tuple[str, Path]] = [("packaged", packaged_dir(name)), ("user", user_dir() / name)]
    for d in extra_dirs():
        sub = d / name
        out.append((str(d), sub if sub.is_dir() else d))
    return out


def sample_workbook() -> Path:
    """The bundled sample workbook opened by `wenmi` with no arguments."""
    return _PKG / "samples" / "workbook.yaml"
