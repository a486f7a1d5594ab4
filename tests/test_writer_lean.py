"""The lean writer path: the base package is made once and kept in the user cache, line breaks
are remembered; none of it may change what a user gets."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

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


# --- packing without python-docx's package (docx_writer._LazyDocument, package.finish_lean) ----

#: Documents that touch each part of the writer: red header and 版记, tables, a run-in heading,
#: tabs and line breaks in a run, XML's special characters, spaces at a run's ends.
LEAN_CASES = {
    "full": FULL,
    "table-and-runin": (
        "# 关于“A&B<c>”的通知\n各党支部：\n## 一、要求。 正文 接着写，  \n"
        "表：任务配档表\n| 序号 | 任务 | 时限 |\n| -- | ---- | -- |\n| 1 | 开展“两学一做”学习教育，2023年3月底前完成 | 3月 |\n"
        "正文有\t制表符。\n落款：党群工作部\n日期：2023年1月11日\n"
    ),
    "record": "---\n抄送: 公司纪委\n印发机关: 公司党委办公室\n印发日期: 2023年1月12日\n---\n# 通知\n正文。\n",
}


@pytest.mark.parametrize("name", sorted(LEAN_CASES))
@pytest.mark.parametrize("fonts", ["gb2312", "windows"])
def test_a_document_packed_without_python_docx_is_the_one_python_docx_packs(name: str, fonts: str) -> None:
    from assistant.document.fonts import profile_named
    from assistant.document.package import document_date

    doc = parse_markup(LEAN_CASES[name])
    lean = write_docx_bytes(doc, fonts)
    writer = W.DocxWriter(doc)
    out = writer.build()
    out.open()  # python-docx's document, as the writer opens it for comments and sections
    packed = out.finish(title=doc.title, when=document_date(doc.date), pages=writer.plan.pages, fonts=profile_named(fonts))
    assert lean == packed
    assert docx.Document(io.BytesIO(lean)).paragraphs[0].text  # and python-docx reads it


def test_example_content_is_commented_through_python_docx() -> None:
    """A comment needs a comments part: the writer opens python-docx's document, and what it
    wrote before is in it."""
    markup = "# 标题\n正文[示例]待核实[/示例]。\n"
    assert W.DocxWriter(parse_markup(markup)).build().opened is not None
    data = write_docx_bytes(parse_markup(markup))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert "word/comments.xml" in z.namelist()
        assert "待核实" in z.read("word/document.xml").decode("utf-8")
        assert "示例内容，请核实或替换" in z.read("word/comments.xml").decode("utf-8")


def test_members_are_zipped_as_zipfile_zips_them() -> None:
    from assistant.document.package import _zip

    parts = {"[Content_Types].xml": b"<a/>" * 50, "word/document.xml": "正文".encode() * 999, "empty.xml": b""}
    stamp = (2023, 1, 11, 0, 0, 0)
    expected = io.BytesIO()
    with zipfile.ZipFile(expected, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, blob in parts.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, blob)
    assert _zip(parts, stamp) == _zip(parts, stamp) == expected.getvalue()


@given(st.text(alphabet="作风，。”）《—…-a1 .@\t“", max_size=40))
def test_units_of_joins_exactly_the_pairs_its_rule_joins(text: str) -> None:
    """A Latin run breaks only after a hyphen, a closing mark keeps the number after it, ——
    and …… stay whole; everything else is a piece of its own."""
    from assistant.document.linebreak import _GLUED_TO_LATIN, units_of

    def joined(last: str, ch: str) -> bool:
        latin = last != "-" and last.isascii() and not last.isspace() and ch.isascii() and not ch.isspace()
        glued = last in _GLUED_TO_LATIN and ch.isascii() and ch.isalnum()
        return latin or glued or (ch == last and ch in "—…")

    units = units_of(text)
    assert "".join(units) == text
    assert all(joined(u[i - 1], u[i]) for u in units for i in range(1, len(u)))
    assert all(not joined(a[-1], b[0]) for a, b in zip(units, units[1:], strict=False))
