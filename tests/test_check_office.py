"""Documents saved again by LibreOffice (`soffice --convert-to docx`) are read as they were: a
clean document stays clean, a defect is still found."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

from assistant.document.check import check_docx

from .office import require_office

pytestmark = pytest.mark.office
ROOT = Path(__file__).resolve().parents[1]


def _corpus() -> Any:
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "benchmarks" / "check_eval" / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_corpus"] = module
    spec.loader.exec_module(module)
    return module


def test_libreoffice_round_trips(tmp_path: Path) -> None:
    require_office()
    corpus = _corpus()
    notice = tmp_path / "notice.docx"
    corpus.write(corpus.notice(), notice)
    song = corpus.notice()
    for it in song.items:
        if it.role == "body":
            it.font = corpus.SONG
    defective = tmp_path / "song.docx"
    corpus.write(song, defective)
    for src in (notice, defective):
        assert corpus._roundtrip(src, tmp_path / f"lo-{src.name}")
    assert check_docx(tmp_path / "lo-notice.docx") == []
    found = check_docx(tmp_path / "lo-song.docx")
    assert [(f.category, f.rule) for f in found] == [("font", "font-face")]
