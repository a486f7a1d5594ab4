"""The third examiner corpus (benchmarks/check_eval3): its answer key is complete and consistent.

This checks the corpus, not `wenmi check`: every document the key names is written and opens, every
category of issue 13 has at least 6 planted defects over at least 3 kinds of document, a keyed
paragraph is the one the defect was planted in, the committed key.yaml is the one the generator
writes, and the clean documents carry the GB/T 9704 page the key says they have.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pytest
import yaml

from tests.fakes import corpus_generator

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "benchmarks" / "check_eval3"
CATEGORIES = {"layout", "font", "size", "indent", "spacing", "alignment", "numbering", "punctuation", "numbers",
              "parallelism", "structure", "header_footer", "pagination"}  # fmt: skip
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"




@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("check_eval3")
    key = corpus_generator("check_eval3").make(out, office=False)
    return out, key


def test_every_document_in_the_key_is_written_and_nothing_else(built: tuple[Path, dict]) -> None:
    import docx

    out, key = built
    files = [e["file"] for e in key["defective"] + key["clean"]]
    assert len(files) == len(set(files))
    assert sorted(p.name for p in out.glob("*.docx")) == sorted(files)
    for name in files:
        assert docx.Document(str(out / name)).paragraphs, name
    assert key == yaml.safe_load((out / "key.yaml").read_text(encoding="utf-8"))


def test_every_category_has_six_defects_over_three_kinds(built: tuple[Path, dict]) -> None:
    _, key = built
    count: Counter[str] = Counter()
    kinds: dict[str, set[str]] = defaultdict(set)
    for entry in key["defective"]:
        assert entry["defects"], entry["file"]
        for d in entry["defects"]:
            assert set(d) == {"category", "paragraph", "note"}
            assert d["note"].strip()
            count[d["category"]] += 1
            kinds[d["category"]].add(entry["kind"])
    assert set(count) == CATEGORIES
    assert all(n >= 6 for n in count.values()), count
    assert all(len(k) >= 3 for k in kinds.values()), kinds
    several = [e for e in key["defective"] if 2 <= len(e["defects"]) <= 4]
    assert len(several) >= 10
    assert len(key["clean"]) >= 15
    assert len({e["made"] for e in key["clean"]}) >= 5


def test_a_keyed_paragraph_is_where_the_defect_was_planted(built: tuple[Path, dict]) -> None:
    import docx

    gen = corpus_generator("check_eval3")
    planted = {d.file: d for d in gen.defective()}
    out, key = built
    for entry in key["defective"]:
        paragraphs = [p.text for p in docx.Document(str(out / entry["file"])).paragraphs]
        for d, spec in zip(entry["defects"], planted[entry["file"]].defects, strict=True):
            if d["paragraph"] is None:
                assert spec["at"] is None
                continue
            assert 1 <= d["paragraph"] <= len(paragraphs)
            text = paragraphs[d["paragraph"] - 1]
            assert text.startswith(spec["at"]), (entry["file"], d)
            assert [t for t in paragraphs if t.startswith(spec["at"])] == [text]


def test_the_committed_key_is_the_generated_one(built: tuple[Path, dict]) -> None:
    """benchmarks/check_eval3/key.yaml documents the corpus; bench_check.py reads the one written with
    the documents. They differ only in how a document was made when LibreOffice is not used."""
    _, key = built
    committed = yaml.safe_load((CORPUS / "key.yaml").read_text(encoding="utf-8"))

    def strip(k: dict) -> dict:
        return {part: [{x: v for x, v in e.items() if x != "made"} for e in k[part]] for part in ("defective", "clean")}

    assert strip(committed) == strip(key)


def test_clean_documents_have_the_gbt_page_and_page_numbers(built: tuple[Path, dict]) -> None:
    import zipfile

    from lxml import etree

    out, key = built
    for entry in key["clean"]:
        with zipfile.ZipFile(out / entry["file"]) as z:
            body = etree.fromstring(z.read("word/document.xml"))
            settings = z.read("word/settings.xml").decode("utf-8")
            footers = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("word/footer")]
        sect = body.find(f"{W}body/{W}sectPr")
        size = sect.find(f"{W}pgSz")
        margins = sect.find(f"{W}pgMar")
        assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838"), entry["file"]
        assert [margins.get(f"{W}{k}") for k in ("top", "bottom", "left", "right")] == ["2098", "1984", "1588", "1474"]
        assert "evenAndOddHeaders" in settings
        assert len(footers) == 2 and all("PAGE" in f and "— " in f for f in footers), entry["file"]


def test_defective_documents_differ_from_the_clean_ones_where_keyed(built: tuple[Path, dict]) -> None:
    """A planted text defect is really in the text (the generator did not silently skip an edit)."""
    import docx

    out, key = built
    clean_text = {"\n".join(p.text for p in docx.Document(str(out / e["file"])).paragraphs) for e in key["clean"]}
    for entry in key["defective"]:
        text = "\n".join(p.text for p in docx.Document(str(out / entry["file"])).paragraphs)
        cats = {d["category"] for d in entry["defects"]}
        if cats & {"punctuation", "numbers", "numbering", "parallelism"}:
            assert text not in clean_text, entry["file"]
