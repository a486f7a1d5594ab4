"""Screenshots of F6 检查 Word 文档 at 80×24 and 120×36: the findings by page, and 修正's list
of changes before saving.

Regenerate after an intended change with
`pytest tests/tui/test_tui_check_snapshots.py --snapshot-update` and look at the SVGs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from assistant.tui.app import WenmiApp
from assistant.tui.dialogs.fix_preview import FixPreviewDialog
from tests.tui.conftest import settle, wait_for
from tests.tui.test_tui_check import make_draft, open_check

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]


def run(path: Path, *keys: str) -> Any:
    """Open `path` with F6, then press `keys` (修正: wait for its list of changes)."""

    async def before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await open_check(pilot, path)
        for key in keys:
            await pilot.press(key)
        if "f" in keys:
            await wait_for(pilot, lambda: isinstance(pilot.app.screen, FixPreviewDialog), timeout=30)
        await pilot.pause(0.2)

    return before


@pytest.mark.parametrize("size", SIZES)
class TestCheckSnapshots:
    """A Word draft's findings: summary, 全文 then 第1页, each with 应为/实为; then 修正."""

    def test_findings(self, snap_compare: Any, workbook: Path, tmp_path: Path, size: tuple[int, int]) -> None:
        path = make_draft(tmp_path / "docs" / "通知.docx")
        assert snap_compare(WenmiApp(workbook), terminal_size=size, run_before=run(path))

    def test_fix_preview(self, snap_compare: Any, workbook: Path, tmp_path: Path, size: tuple[int, int]) -> None:
        path = make_draft(tmp_path / "docs" / "通知.docx")
        assert snap_compare(WenmiApp(workbook), terminal_size=size, run_before=run(path, "f"))
