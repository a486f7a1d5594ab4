"""The lean writer path: the base package is made once and kept in the user cache, line breaks
are remembered; none of it may change what a user gets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.document import docx_writer as W
from assistant.document.docx_writer import write_docx_bytes
from assistant.document.linebreak import break_lines
from assistant.document.markup import parse_markup

from .test_markup import FULL


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh user folder, and no base package made yet in this process."""
    monkeypatch.setenv("WENMI_HOME", str(tmp_path))
    W._base_package.cache_clear()
    yield tmp_path
    W._base_package.cache_clear()


def _cached(home: Path) -> list[Path]:
    return sorted((home / "cache").glob("docx-base-*.bin"))


def test_the_base_read_from_the_cache_writes_the_same_bytes_as_one_just_built(home: Path) -> None:
    built = write_docx_bytes(parse_markup(FULL))
    assert len(_cached(home)) == 1
    W._base_package.cache_clear()  # as a new process: the base comes from the cache file
    assert write_docx_bytes(parse_markup(FULL)) == built


def test_a_damaged_cache_is_rebuilt_and_the_document_is_unchanged(home: Path) -> None:
    good = write_docx_bytes(parse_markup(FULL))
    (cache,) = _cached(home)
    blob = cache.read_bytes()
    cache.write_bytes(blob[:-200] + b"\0" * 200)  # a torn write: header intact, package not
    W._base_package.cache_clear()
    assert write_docx_bytes(parse_markup(FULL)) == good
    assert cache.read_bytes() == blob


def test_a_cache_of_other_sources_is_replaced(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_docx_bytes(parse_markup(FULL))
    (old,) = _cached(home)
    W._base_package.cache_clear()
    monkeypatch.setattr(W, "_base_key", lambda: "f" * 64)  # the writer's sources changed
    write_docx_bytes(parse_markup(FULL))
    assert [p.name for p in _cached(home)] == ["docx-base-" + "f" * 20 + ".bin"]
    assert not old.exists()


def test_a_user_folder_that_cannot_hold_a_cache_still_renders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    W._base_package.cache_clear()
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("WENMI_HOME", str(blocker))
    try:
        data = write_docx_bytes(parse_markup(FULL))
    finally:
        W._base_package.cache_clear()
    monkeypatch.setenv("WENMI_HOME", str(tmp_path / "home"))
    assert data == write_docx_bytes(parse_markup(FULL))
    W._base_package.cache_clear()


def test_remembered_line_breaks_cannot_be_changed_by_a_caller() -> None:
    text = "坚持以党建引领发展，把作风建设贯穿工作全过程、各环节。" * 3
    lines = break_lines(text)
    assert len(lines) == 3
    lines.clear()
    assert [line.text for line in break_lines(text)] == [line.text for line in break_lines(text, 2)]
    assert len(break_lines(text)) == 3
