"""Fixtures for the TUI tests: hermetic data, a temp user folder, no cursor blink.

The app runs on the test data in `tests/tui/data/` (three templates, a small phrase bank, a
five-item workbook) instead of the packaged catalogue, so snapshots do not change when the
packaged templates or phrases are edited.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from assistant import paths
from assistant.phrasebank import clear_bank_cache
from assistant.templating import clear_catalog_cache
from assistant.tui.app import WenmiApp

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """User folder in tmp, test templates and phrases, cwd in tmp, cursor not blinking."""
    monkeypatch.setenv("WENMI_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("WENMI_PATH", raising=False)
    monkeypatch.setattr(paths, "packaged_dir", lambda name: DATA / name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(Input.cursor_blink, "_default", False)
    monkeypatch.setattr(TextArea.cursor_blink, "_default", False)
    clear_catalog_cache()
    clear_bank_cache()
    yield
    clear_catalog_cache()
    clear_bank_cache()


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    """A copy of the test workbook in tmp (the app may save over it)."""
    target = tmp_path / "work" / "台账.yaml"
    target.parent.mkdir()
    shutil.copy(DATA / "workbook.yaml", target)
    return target


@pytest.fixture
def user_data(tmp_path: Path) -> Path:
    """The user folder with two more templates (a table slot; pair headings) and a pair group.

    Kept out of `data/` so the catalogue and the phrase bank the snapshots show stay the same.
    """
    home = tmp_path / "home"
    shutil.copytree(DATA / "user", home, dirs_exist_ok=True)
    return home


async def settle(pilot: Pilot[None], timeout: float = 20.0) -> None:
    """Wait until the workbook, templates and phrase bank are loaded and no worker is busy."""
    app = pilot.app
    assert isinstance(app, WenmiApp)
    waited = 0.0
    while waited < timeout:
        await pilot.pause(0.05)
        waited += 0.05
        busy = [w for w in app.workers if w.is_running]
        if app.session is not None and app.templates_ready.is_set() and app.bank_ready.is_set() and not busy:
            await pilot.pause()
            return
    raise AssertionError("the app did not finish loading in time")


def screen_text(app: WenmiApp) -> str:
    """The text on the terminal right now (from a screenshot), to check what is really visible."""
    import html
    import re

    svg = app.export_screenshot()
    body = svg[svg.find("</style>") :]
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", body)))


def screen_lines(app: WenmiApp) -> list[str]:
    """The terminal's rows as text (wide characters take two cells), from a screenshot."""
    import html
    import re

    from rich.cells import cell_len

    svg = app.export_screenshot()
    rows: dict[int, dict[int, str]] = {}
    pattern = r'<text class="[^"]*-r\d+"[^>]*x="([\d.]+)"[^>]*clip-path="url\(#[^)]*line-(\d+)\)">([^<]*)</text>'
    for m in re.finditer(pattern, svg):
        column, row = round(float(m.group(1)) / 12.2), int(m.group(2))
        cells = rows.setdefault(row, {})
        for ch in html.unescape(m.group(3)).replace("\xa0", " "):
            cells[column] = ch
            column += cell_len(ch)
            if cell_len(ch) == 2:
                cells[column - 1] = ""
    return [
        "".join(cells.get(i, " ") for i in range(max(cells) + 1 if cells else 0)).rstrip()
        for _, cells in sorted(rows.items())
    ]


async def wait_for(pilot: Pilot[None], predicate, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    """Pause until `predicate()` is true (workers finish, previews update…)."""
    waited = 0.0
    while not predicate():
        if waited >= timeout:
            raise AssertionError("condition not reached in time")
        await pilot.pause(0.05)
        waited += 0.05
    await pilot.pause()
