"""The seventh examiner corpus (benchmarks/check_eval7) is what its key says: every file written,
every keyed paragraph the one it quotes, every defective document different from its clean twin,
enough defects of every category over several kinds of document, and clean documents that follow
GB/T 9704 in their XML. Not the tool's recall: the lead measures that once, with bench_check.py."""

from __future__ import annotations

import shutil
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from tests.fakes import committed_key, corpus_generator

CATEGORIES = ("layout", "font", "size", "indent", "spacing", "alignment", "numbering", "punctuation", "numbers",
              "parallelism", "structure", "header_footer", "pagination")  # fmt: skip


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("eval7")
    key = corpus_generator("check_eval7").make(out, office=False)
    return out, key


def _paragraphs(path: Path) -> list[str]:
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_every_keyed_file_is_written_and_each_paragraph_is_the_one_quoted(built: tuple[Path, dict[str, Any]]) -> None:
    out, key = built
    assert key["defective"] and key["clean"]
    for entry in key["clean"] + key["defective"]:
        assert (out / entry["file"]).exists(), entry["file"]
    for entry in key["defective"]:
        texts = _paragraphs(out / entry["file"])
        assert entry["defects"], entry["file"]
        for d in entry["defects"]:
            assert d["category"] in CATEGORIES and d["note"], (entry["file"], d)
            if d["paragraph"] is not None:
                assert 1 <= d["paragraph"] <= len(texts), (entry["file"], d)
                assert texts[d["paragraph"] - 1].strip().startswith(d["quote"]), (entry["file"], d, texts[d["paragraph"] - 1])


def test_the_key_written_without_office_is_the_committed_key_less_its_office_documents(built: tuple[Path, dict[str, Any]]) -> None:
    out, key = built
    committed = committed_key("check_eval7")
    for part in ("defective", "clean"):
        assert key[part] == [e for e in committed[part] if not e["office"]]
    import yaml

    assert yaml.safe_load((out / "key.yaml").read_text(encoding="utf-8")) == key


def _xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as z:
        return b"".join(z.read(n) for n in sorted(z.namelist()) if n.startswith("word/") and n.endswith(".xml"))


def test_every_defective_document_differs_from_its_clean_twin(built: tuple[Path, dict[str, Any]]) -> None:
    out, key = built
    clean = {e["file"] for e in committed_key("check_eval7")["clean"]}
    for entry in key["defective"]:
        assert entry["twin"] in clean, entry
        twin = out / entry["twin"]
        if twin.exists():
            assert _xml(out / entry["file"]) != _xml(twin), entry["file"]


def test_every_category_has_seven_defects_over_three_kinds_of_document() -> None:
    key = committed_key("check_eval7")
    planted: dict[str, int] = defaultdict(int)
    kinds: dict[str, set[str]] = defaultdict(set)
    for entry in key["defective"]:
        for d in entry["defects"]:
            planted[d["category"]] += 1
            kinds[d["category"]].add(entry["kind"])
    for cat in CATEGORIES:
        assert planted[cat] >= 7, (cat, planted[cat])
        assert len(kinds[cat]) >= 3, (cat, kinds[cat])
    assert all(d.get("shows") for e in key["defective"] for d in e["defects"] if d["category"] == "pagination")


def test_clean_documents_are_made_several_ways_and_cover_every_kind() -> None:
    key = committed_key("check_eval7")
    assert len(key["clean"]) >= 8
    assert len({e["way"] for e in key["clean"]}) >= 4
    assert {e["kind"] for e in key["defective"]} <= {e["kind"] for e in key["clean"]}
    assert len({e["way"] for e in key["defective"]}) >= 6  # direct, styles, cnstyles, wps, pandoc, odt, html


def test_clean_documents_follow_gbt9704_in_their_xml(built: tuple[Path, dict[str, Any]]) -> None:
    """A4, the margins of 5.2, odd and even footers with “— PAGE —” in 4号 宋体, 3号 仿宋 text."""
    import docx
    from docx.shared import Mm

    out, key = built
    for entry in key["clean"]:
        d = docx.Document(str(out / entry["file"]))
        s = d.sections[0]
        assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297), entry["file"]
        assert [round(x / Mm(1)) for x in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)] == [37, 35, 28, 26]
        assert d.settings.odd_and_even_pages_header_footer
        for footer, side in ((s.footer, "right"), (s.even_page_footer, "left")):
            xml = footer._element.xml
            assert "PAGE" in xml and xml.count("—") == 2 and 'w:val="28"' in xml and "宋体" in xml, entry["file"]
            assert f'w:val="{side}"' in xml, (entry["file"], side)
        faces = "".join(p._p.xml for p in d.paragraphs) + d.styles.element.xml  # direct formatting or styles
        assert "仿宋_GB2312" in faces and "方正小标宋简体" in faces, entry["file"]


@pytest.mark.office
def test_office_part_renders_as_the_key_says(tmp_path: Path) -> None:
    """With LibreOffice and pandoc: the whole corpus is the committed key, the clean documents lay
    out by GB/T 9704 in LibreOffice, and every pagination defect shows on the page."""
    if not (shutil.which("soffice") and shutil.which("pandoc")):
        pytest.skip("需要 LibreOffice（soffice）和 pandoc")
    gen = corpus_generator("check_eval7")
    key = gen.make(tmp_path, office=True)
    assert key == committed_key("check_eval7")
    assert gen._verifier().verify(tmp_path, key) == []
