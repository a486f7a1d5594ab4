"""`wenmi check` and `wenmi fix` on the evaluation corpus (benchmarks/check_eval/make_corpus.py).

Each defective document has its planted defects in the key; every one must be found, in its
category and on its paragraph. Clean documents (made by hand with direct formatting, with a
document grid, with styles of their own, and by wenmi) must give no finding at all. `fix` must
leave no finding in any category it says it repaired, keep the text apart from the mended
characters, and change nothing in a clean document.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assistant.cli import main
from tests.fakes import (
    MENDABLE,
    assert_planted_defects_found,
    check_json,
    committed_key,
    corpus_generator,
    docx_text,
)

CORPUS = "check_eval"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("check-eval")
    key = corpus_generator(CORPUS).make(out, office=False)
    return out, key


def _cases() -> list[str]:
    return [c.name for c in corpus_generator(CORPUS).CASES]


def test_the_corpus_is_as_large_as_the_issue_asks(corpus: tuple[Path, dict[str, Any]]) -> None:
    _, key = corpus
    defects = [d for e in key["defective"] for d in e["defects"]]
    assert len(key["defective"]) >= 60 and len(defects) >= 90
    assert len({d["category"] for d in defects}) == 13
    assert len(key["clean"]) >= 9


@pytest.mark.parametrize("name", _cases())
def test_every_planted_defect_is_found(name: str, corpus: tuple[Path, dict[str, Any]], capsys: pytest.CaptureFixture[str]) -> None:
    out, key = corpus
    assert_planted_defects_found(out, key, name, capsys)


def test_clean_documents_have_no_finding(corpus: tuple[Path, dict[str, Any]], capsys: pytest.CaptureFixture[str]) -> None:
    out, key = corpus
    for entry in key["clean"]:
        wb = out / entry["workbook"] if entry.get("workbook") else None
        code, findings = check_json(out / entry["file"], wb, capsys)
        assert (code, findings) == (0, []), entry["file"]


def test_fix_repairs_what_it_claims_and_keeps_the_text(
    corpus: tuple[Path, dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, key = corpus
    claimed_total = repaired = 0
    for entry in key["defective"]:
        src = out / entry["file"]
        dest = tmp_path / entry["file"]
        assert main(["fix", str(src), "-o", str(dest), "--format", "json"]) in (0, 1)
        report = json.loads(capsys.readouterr().out)
        claimed = {c["category"] for c in report["changes"]}
        wb = out / entry["workbook"] if entry.get("workbook") else None
        _, after = check_json(dest, wb, capsys)
        left = {f["category"] for f in after}
        claimed_total += len(claimed)
        repaired += len(claimed - left)
        assert claimed & left == set(), (entry["file"], [f for f in after if f["category"] in claimed])
        assert MENDABLE.sub("", docx_text(src)) == MENDABLE.sub("", docx_text(dest)), entry["file"]
        # what fix may not mend is still reported: structure, figures, impossible dates
        needs_human = {d["category"] for d in entry["defects"]} & {"structure", "figures", "parallelism"}
        assert needs_human <= left, entry["file"]
    assert claimed_total >= 80 and repaired == claimed_total


def test_fix_changes_nothing_in_a_clean_document(corpus: tuple[Path, dict[str, Any]], capsys: pytest.CaptureFixture[str]) -> None:
    out, key = corpus
    for entry in key["clean"]:
        assert main(["fix", str(out / entry["file"]), "--dry-run", "--format", "json"]) == 0
        assert json.loads(capsys.readouterr().out)["changes"] == [], entry["file"]


def test_the_key_is_the_committed_one(corpus: tuple[Path, dict[str, Any]]) -> None:
    """The generator is deterministic: it writes the key that is kept beside it."""
    _, key = corpus
    committed = committed_key(CORPUS)
    offline = [e for e in committed["clean"] if not e.get("roundtrip")]
    assert key["defective"] == committed["defective"] and key["clean"] == offline
