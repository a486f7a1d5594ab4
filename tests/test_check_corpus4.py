"""The fourth examiner corpus (benchmarks/check_eval4) builds, and its key is complete and consistent.

These tests check the corpus, not `wenmi check`: the measured recall is in the corpus's README.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pytest
import yaml

from tests.fakes import corpus_generator

CORPUS = Path(__file__).resolve().parent.parent / "benchmarks" / "check_eval4"
CATEGORIES = {"layout", "font", "size", "indent", "spacing", "alignment", "numbering", "punctuation", "numbers",
              "parallelism", "structure", "header_footer", "pagination"}  # fmt: skip




@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("eval4")
    key = corpus_generator("check_eval4").make(out, office=False)
    return out, key


def _committed() -> dict:
    return yaml.safe_load((CORPUS / "key.yaml").read_text(encoding="utf-8"))


def test_every_document_in_the_key_is_written_and_opens(built: tuple[Path, dict]) -> None:
    import docx

    out, key = built
    written = yaml.safe_load((out / "key.yaml").read_text(encoding="utf-8"))
    assert written == key
    for entry in key["defective"] + key["clean"]:
        path = out / entry["file"]
        assert path.exists(), entry["file"]
        paras = docx.Document(str(path)).paragraphs
        for d in entry.get("defects", []):
            if d["paragraph"] is not None:
                # paragraph numbers count the body's paragraphs from 1, as `wenmi check` reports them
                assert 1 <= d["paragraph"] <= len(paras), (entry["file"], d)
                assert paras[d["paragraph"] - 1].text.strip(), (entry["file"], d)


def test_each_category_has_six_defects_in_three_kinds_of_document(built: tuple[Path, dict]) -> None:
    _, key = built
    count: Counter[str] = Counter()
    kinds: dict[str, set[str]] = defaultdict(set)
    for entry in key["defective"]:
        assert entry["defects"], entry["file"]
        for d in entry["defects"]:
            assert d["category"] in CATEGORIES, (entry["file"], d["category"])
            assert d["note"].strip()
            count[d["category"]] += 1
            kinds[d["category"]].add(entry["kind"])
    assert set(count) == CATEGORIES
    assert all(n >= 6 for n in count.values()), count
    assert all(len(k) >= 3 for k in kinds.values()), kinds
    several = [e for e in key["defective"] if 2 <= len(e["defects"]) <= 4]
    assert len(several) >= 10
    assert len({e["kind"] for e in key["defective"]}) == 8


def test_the_committed_key_is_the_one_the_generator_writes(built: tuple[Path, dict]) -> None:
    _, key = built
    committed = _committed()
    assert key["defective"] == committed["defective"]
    # without LibreOffice and pandoc the round-tripped clean documents are left out, the others agree
    assert key["clean"] == [e for e in committed["clean"] if e["flavour"] not in ("lo", "odt", "pandoc")]
    assert len(committed["clean"]) >= 15
    names = [e["file"] for e in committed["defective"] + committed["clean"]]
    assert len(names) == len(set(names))


def test_defective_documents_differ_from_their_clean_text(built: tuple[Path, dict]) -> None:
    """Every planted defect changed the document: no defective file equals the clean one of its text."""
    import docx

    out, key = built
    gen = corpus_generator("check_eval4")
    cases = {c.file: c for c in gen.cases()}
    for entry in key["defective"]:
        case = cases[entry["file"]]
        plain = gen.build_doc(gen.Case("x.docx", case.base, case.flavour))
        clean = out / "_clean.docx"
        gen.ed.write(plain, clean)
        a, b = docx.Document(str(clean)), docx.Document(str(out / entry["file"]))
        xml_a = a.element.xml + a.styles.element.xml + a.sections[0].footer._element.xml
        xml_b = b.element.xml + b.styles.element.xml + b.sections[0].footer._element.xml
        assert xml_a != xml_b, entry["file"]


@pytest.mark.office
def test_with_libreoffice_and_pandoc_the_full_key_is_written(tmp_path: Path) -> None:
    from tests.office import require_office

    require_office()
    import shutil

    if not shutil.which("pandoc"):
        pytest.skip("pandoc is not installed")
    key = corpus_generator("check_eval4").make(tmp_path, office=True)
    assert key == _committed()
    for entry in key["clean"]:
        assert (tmp_path / entry["file"]).exists()
