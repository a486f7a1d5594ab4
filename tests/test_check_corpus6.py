"""The sixth examiner corpus (benchmarks/check_eval6): built in a temporary folder, its key complete and
consistent with the documents. Not the checker's recall: the lead measures that with bench_check.py."""

from __future__ import annotations

import importlib.util
import sys
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml

from tests.fakes import CHECK_CORPORA, committed_key, corpus_generator

NAME = "check_eval6"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("corpus6")
    return out, corpus_generator(NAME).make(out, office=False)


def _word_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as z:
        return b"".join(z.read(n) for n in sorted(z.namelist()) if n.startswith("word/") and n.endswith(".xml"))


def _without_office_flags(key: dict[str, Any]) -> dict[str, Any]:
    return {part: [{k: v for k, v in e.items() if k != "libreoffice"} for e in entries] for part, entries in key.items()}


def test_every_listed_document_is_written_and_opens(built: tuple[Path, dict[str, Any]]) -> None:
    out, key = built
    files = [e["file"] for e in key["defective"] + key["clean"]]
    assert len(files) == len(set(files))
    assert sorted(p.name for p in out.glob("*.docx")) == sorted(files)
    assert yaml.safe_load((out / "key.yaml").read_text(encoding="utf-8")) == key  # what bench_check.py reads
    for name in files:
        d = docx.Document(str(out / name))
        assert any(p.text.strip() for p in d.paragraphs), name


def test_the_committed_key_is_the_generated_one(built: tuple[Path, dict[str, Any]]) -> None:
    _, key = built
    assert _without_office_flags(committed_key(NAME)) == _without_office_flags(key)
    assert any(e["libreoffice"] for e in committed_key(NAME)["clean"])  # the committed run had office


def test_each_category_has_seven_defects_over_three_kinds(built: tuple[Path, dict[str, Any]]) -> None:
    _, key = built
    gen = corpus_generator(NAME)
    count: dict[str, int] = defaultdict(int)
    kinds: dict[str, set[str]] = defaultdict(set)
    for entry in key["defective"]:
        assert entry["defects"], entry["file"]
        for d in entry["defects"]:
            assert d["category"] in gen.CATEGORIES
            assert d["note"]
            count[d["category"]] += 1
            kinds[d["category"]].add(entry["kind"])
    for category in gen.CATEGORIES:
        assert count[category] >= 7, category
        assert len(kinds[category]) >= 3, category
    assert len({e["kind"] for e in key["defective"]}) == 10


def test_key_paragraphs_hold_the_quoted_text(built: tuple[Path, dict[str, Any]]) -> None:
    out, key = built
    for entry in key["defective"]:
        paras = [p.text for p in docx.Document(str(out / entry["file"])).paragraphs]
        for d in entry["defects"]:
            if d["paragraph"] is None:
                assert d["quote"] is None
                continue
            assert 1 <= d["paragraph"] <= len(paras), entry["file"]
            assert paras[d["paragraph"] - 1].startswith(d["quote"]), (entry["file"], d)


def test_each_defective_document_differs_from_its_clean_twin(built: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    out, key = built
    gen = corpus_generator(NAME)
    for entry in key["defective"]:
        twin = tmp_path / entry["file"]
        gen.write_docx(gen.twin(entry["file"][:-5]), twin)
        assert _word_xml(out / entry["file"]) != _word_xml(twin), entry["file"]


def test_clean_documents_are_many_and_made_several_ways(built: tuple[Path, dict[str, Any]]) -> None:
    out, key = built
    assert len(key["clean"]) >= 8
    assert {e["profile"] for e in key["clean"]} == {"direct", "styles", "renamed", "wps"}
    fangan = docx.Document(str(out / "clean_fangan.docx"))
    assert fangan.tables and "配档表" in "".join(p.text for p in fangan.paragraphs)
    section = docx.Document(str(out / "clean_tongzhi.docx")).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.top_margin.mm), round(section.left_margin.mm)) == (37, 28)
    assert section.even_page_footer.paragraphs[0].text.startswith("— ")


def _validator() -> Any:
    spec = importlib.util.spec_from_file_location("validate_check_eval6", CHECK_CORPORA / NAME / "validate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.office
def test_office_round_trip_stays_clean_and_pagination_defects_show(tmp_path: Path) -> None:
    from tests.office import require_office

    require_office()
    v = _validator()
    gen = v.M
    clean = gen.build("clean_pifu_lo", "pifu", "direct", None)
    gen.write_docx(clean, tmp_path / "clean_pifu_lo.docx")
    gen.roundtrip(tmp_path / "clean_pifu_lo.docx")
    stem, kind, profile, variant, _ = next(d for d in gen.DEFECTIVE if d[0] == "zongjie_p1")
    orphan = gen.build(stem, kind, profile, variant)
    gen.write_docx(orphan, tmp_path / f"{stem}.docx")
    v.to_pdfs([tmp_path / "clean_pifu_lo.docx", tmp_path / f"{stem}.docx"], tmp_path)
    assert v.check_clean("clean_pifu_lo", v.rows_of(tmp_path / "clean_pifu_lo.pdf"), clean) == []
    entry = gen.key_entry(orphan)
    assert v.check_pagination(stem, v.rows_of(tmp_path / f"{stem}.pdf"), entry, orphan) == []
    # the same check sees the 背题 once it is there, and not in the clean twin
    twin = gen.twin(stem)
    gen.write_docx(twin, tmp_path / "twin.docx")
    v.to_pdfs([tmp_path / "twin.docx"], tmp_path)
    heading = next(i for i, p in enumerate(twin.paras, 1) if p.text == "二、存在的主要问题")
    twin_entry = {"defects": [{**entry["defects"][0], "paragraph": heading}]}
    assert v.check_pagination(stem, v.rows_of(tmp_path / "twin.pdf"), twin_entry, twin) != []
