"""Documents saved again by LibreOffice (`soffice --convert-to docx`) are read as they were: a
clean document stays clean, a defect is still found."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.document.check import check_docx
from tests.fakes import corpus_generator

from .office import require_office

pytestmark = pytest.mark.office


def test_libreoffice_round_trips(tmp_path: Path) -> None:
    require_office()
    corpus = corpus_generator("check_eval")
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
