"""The fifth examiner corpus (benchmarks/check_eval5): its key is complete and consistent with what it
writes. This tests the corpus, not the checker's recall (bench_check.py measures that)."""

from __future__ import annotations

import copy
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from tests.fakes import corpus_generator

ROOT = Path(__file__).resolve().parent.parent
DIR = ROOT / "benchmarks" / "check_eval5"
CATEGORIES = {"layout", "font", "size", "indent", "spacing", "alignment", "numbering", "punctuation", "numbers",
              "parallelism", "structure", "header_footer", "pagination"}  # fmt: skip


def _paragraphs(path: Path) -> list[str]:
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_declared_defects_cover_every_category_eleven_times_over_four_kinds():
    gen = corpus_generator("check_eval5")
    count: Counter[str] = Counter()
    kinds: dict[str, set[str]] = defaultdict(set)
    for _, kind, _, defects in gen.DEFECTIVE:
        for cat, note, _, _ in defects:
            assert cat in CATEGORIES and note
            count[cat] += 1
            kinds[cat].add(kind)
    assert set(count) == CATEGORIES
    assert all(n >= 11 for n in count.values()), count
    assert all(len(k) >= 4 for k in kinds.values()), kinds
    assert len(gen.CLEAN) >= 15


def test_defective_models_differ_from_their_clean_twin():
    gen = corpus_generator("check_eval5")
    for stem, *_ in gen.DEFECTIVE:
        model, planted = gen.defective_model(stem)
        twin = gen.twin_model(stem)
        strip = lambda m: ([(b["role"], b["text"], b["fmt"]) for b in m["blocks"]], m["page"], m["footer"])  # noqa: E731
        assert strip(model) != strip(twin), stem
        for cat, _, block in planted:
            assert block is None or str(block["text"]).strip(), (stem, cat)


@pytest.mark.office
def test_written_corpus_matches_its_key(tmp_path):
    import yaml

    gen = corpus_generator("check_eval5")
    if not gen.shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed")
    key = gen.make(tmp_path)
    assert key == yaml.safe_load((DIR / "key.yaml").read_text(encoding="utf-8")), "committed key.yaml is stale"
    assert len(key["clean"]) >= 15
    per_cat: Counter[str] = Counter()
    kinds: dict[str, set[str]] = defaultdict(set)
    for entry in key["defective"]:
        path = tmp_path / entry["file"]
        paras = _paragraphs(path)
        seen = set()
        for d in entry["defects"]:
            per_cat[d["category"]] += 1
            kinds[d["category"]].add(entry["kind"])
            if d["paragraph"] is not None:
                assert 1 <= d["paragraph"] <= len(paras) and paras[d["paragraph"] - 1].strip(), (entry["file"], d)
                # two defects of one category in one document must sit on different paragraphs
                assert (d["category"], d["paragraph"]) not in seen, (entry["file"], d)
                seen.add((d["category"], d["paragraph"]))
        # the defective file differs from its clean twin as written
        twin = tmp_path / "twin.docx"
        gen.write_doc(gen.twin_model(entry["file"][:-5]), twin)
        assert path.read_bytes() != twin.read_bytes()
    assert all(per_cat[c] >= 11 for c in CATEGORIES), per_cat
    assert all(len(kinds[c]) >= 4 for c in CATEGORIES), kinds
    # pagination defects show in LibreOffice's layout
    for stem, *_ in gen.DEFECTIVE:
        model, _ = gen.defective_model(stem)
        if not model["pagination"]:
            continue
        pad_model = copy.deepcopy(model)
        pages = gen.rows_of(tmp_path / f"{stem}.docx")
        kind, quote = pad_model["pagination"]
        texts = [p for p in _paragraphs(tmp_path / f"{stem}.docx") if p.strip()]
        target = gen.blk(pad_model, quote)["text"]
        assert target in texts
        ok, _ = gen.pagination_state(pages, pad_model, kind, quote)
        assert ok, (stem, kind)
    # every clean document lays out by GB/T 9704 in LibreOffice
    problems = {k: v for k, v in gen.verify(tmp_path).items() if v}
    assert not problems, problems
