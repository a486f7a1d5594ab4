"""Corpus 8 (benchmarks/check_eval8): an examiner's corpus written without looking at the checker.

These tests check the corpus itself, not `wenmi check`'s recall on it (the lead measures that once):
it builds, its key is complete and consistent, every defect is really in its file, and, in
LibreOffice, the clean documents lay out by GB/T 9704 and the pagination defects show."""

from __future__ import annotations

import importlib.util
import sys
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.fakes import CHECK_CORPORA, committed_key, corpus_generator

CATEGORIES = {"layout", "font", "size", "indent", "spacing", "alignment", "numbering", "punctuation", "numbers",
              "parallelism", "structure", "header_footer", "pagination"}  # fmt: skip
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _validator() -> Any:
    path = CHECK_CORPORA / "check_eval8" / "validate.py"
    spec = importlib.util.spec_from_file_location("check_eval8_validate", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("eval8")
    key = corpus_generator("check_eval8").make(out, office=False)
    return out, key


def _xml(path: Path, part: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(part).decode("utf-8")


def test_every_file_of_the_key_is_written_and_the_key_is_saved(built: tuple[Path, dict[str, Any]]) -> None:
    out, key = built
    assert yaml.safe_load((out / "key.yaml").read_text(encoding="utf-8")) == key
    files = [e["file"] for e in key["defective"] + key["clean"]]
    assert len(files) == len(set(files))
    assert all((out / f).is_file() for f in files)
    assert sorted(p.name for p in out.glob("*.docx")) == sorted(files)


def test_each_category_has_seven_defects_over_three_kinds(built: tuple[Path, dict[str, Any]]) -> None:
    _, key = built
    count: dict[str, int] = defaultdict(int)
    kinds: dict[str, set[str]] = defaultdict(set)
    for e in key["defective"]:
        assert e["defects"], e["file"]
        for d in e["defects"]:
            assert d["category"] in CATEGORIES, d
            assert d["note"].strip()
            count[d["category"]] += 1
            kinds[d["category"]].add(e["kind"])
    assert set(count) == CATEGORIES
    assert all(n >= 7 for n in count.values()), dict(count)
    assert all(len(k) >= 3 for k in kinds.values()), {c: sorted(k) for c, k in kinds.items()}
    assert len({e["kind"] for e in key["defective"]}) == 10
    assert len({e["author"] for e in key["defective"]}) >= 4


def test_key_paragraphs_hold_the_text_they_quote(built: tuple[Path, dict[str, Any]]) -> None:
    import docx

    out, key = built
    for e in key["defective"]:
        paras = [p.text for p in docx.Document(str(out / e["file"])).paragraphs]
        for d in e["defects"]:
            if d["paragraph"] is None:
                assert d["quote"] is None, d
                continue
            assert 1 <= d["paragraph"] <= len(paras), (e["file"], d)
            assert d["quote"] in paras[d["paragraph"] - 1], (e["file"], d, paras[d["paragraph"] - 1])
            # the quote names one paragraph only
            assert sum(d["quote"] in t for t in paras) == 1 or paras.count(d["quote"]) == 1, (e["file"], d)


def test_every_defective_file_differs_from_its_clean_twin(built: tuple[Path, dict[str, Any]]) -> None:
    out, key = built
    validate = _validator()
    clean = {e["file"] for e in key["clean"]}
    for e in key["defective"]:
        assert e["twin"] in clean, e
        assert validate.differs(out / e["file"], out / e["twin"]), e["file"]


def test_the_committed_key_is_the_generators(built: tuple[Path, dict[str, Any]]) -> None:
    _, key = built
    committed = committed_key("check_eval8")
    for part in ("defective", "clean"):
        assert [e for e in committed[part] if not e["author"].startswith("lo_")] == key[part]
    assert any(e["author"].startswith("lo_") for e in committed["clean"])
    assert any(e["author"].startswith("lo_") for e in committed["defective"])


def test_clean_documents_carry_the_standard_settings(built: tuple[Path, dict[str, Any]]) -> None:
    """A4, 37/35/28/26 mm, odd and even footers with "— PAGE —" in 4号 宋体, the title in 小标宋 22 pt."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    out, key = built
    assert len(key["clean"]) >= 8
    for e in key["clean"]:
        d = docx.Document(str(out / e["file"]))
        s = d.sections[0]
        mm = [round(x / 36000, 1) for x in (s.page_width, s.page_height, s.top_margin, s.bottom_margin, s.left_margin,
                                            s.right_margin)]  # fmt: skip
        assert mm == [210, 297, 37, 35, 28, 26], (e["file"], mm)
        assert d.settings.odd_and_even_pages_header_footer, e["file"]
        for footer, jc in ((s.footer, "right"), (s.even_page_footer, "left")):
            p = footer.paragraphs[0]
            assert p.text == "— 1 —" and "PAGE" in p._p.xml, (e["file"], p.text)
            assert f'w:jc w:val="{jc}"' in p._p.xml
            assert 'w:sz w:val="28"' in p._p.xml and 'w:eastAsia="宋体"' in p._p.xml
        title = d.paragraphs[0]
        assert (title.alignment or title.style.paragraph_format.alignment) == WD_ALIGN_PARAGRAPH.CENTER, e["file"]
        styles = _xml(out / e["file"], "word/styles.xml")
        assert "方正小标宋简体" in title._p.xml + styles
        assert "　" not in "".join(p.text for p in d.paragraphs)  # no indent by spaces


def test_planted_defects_are_in_the_xml(built: tuple[Path, dict[str, Any]]) -> None:
    """A sample of the formatting defects, read back from what was written."""
    import docx

    out, _ = built
    s = docx.Document(str(out / "notice-a.docx")).sections[0]
    assert round(s.top_margin / 36000) == 30
    s = docx.Document(str(out / "opinion-a.docx")).sections[0]
    assert round(s.page_width / 36000, 1) == 215.9 and "minorEastAsia" in _xml(out / "opinion-a.docx", "word/styles.xml")
    assert 'w:eastAsia="宋体"' in _xml(out / "request-a.docx", "word/styles.xml").split("</w:docDefaults>")[0]
    assert 'w:type="linesAndChars"' in _xml(out / "reply-e.docx", "word/document.xml")
    assert "orient" in _xml(out / "reply-a.docx", "word/document.xml")
    footers = "".join(_xml(out / "summary-a.docx", n) for n in ("word/footer1.xml", "word/footer2.xml"))
    assert ">第<" in footers and ">页<" in footers
    names = zipfile.ZipFile(out / "plan-b.docx").namelist()
    assert "NUMPAGES" in "".join(_xml(out / "plan-b.docx", n) for n in names if n.startswith("word/footer"))
    header = "".join(_xml(out / "letter-c.docx", n) for n in zipfile.ZipFile(out / "letter-c.docx").namelist()
                     if n.startswith("word/header"))
    assert "PAGE" in header
    doc = docx.Document(str(out / "summary-g.docx"))
    assert all('w:widowControl w:val="0"' in p._p.xml for p in doc.paragraphs if p.text)
    texts = [p.text for p in docx.Document(str(out / "letter-b.docx")).paragraphs]
    assert "青州市农业农村局" not in texts and "2025年05月06日" in texts


def test_the_documents_are_made_several_ways(built: tuple[Path, dict[str, Any]]) -> None:
    """Direct formatting (word), faces only in docDefaults and styles (wps), wrong built-in styles
    formatted over by hand (word_s), python-docx's template styles (gen), 落款 in a table (wps_t)."""
    import docx

    out, _ = built
    word = docx.Document(str(out / "clean-notice-word.docx"))
    body = next(p for p in word.paragraphs if p.text.startswith("当前正值"))
    assert body.style.name == "Normal" and 'w:eastAsia="仿宋_GB2312"' in body._p.xml
    wps = docx.Document(str(out / "clean-request-wps.docx"))
    body = next(p for p in wps.paragraphs if p.text.startswith("根据省农业农村厅"))
    assert "w:rFonts" not in body._p.xml and "w:ind" not in body._p.xml
    defaults = _xml(out / "clean-request-wps.docx", "word/styles.xml").split("</w:docDefaults>")[0]
    assert 'w:eastAsia="仿宋_GB2312"' in defaults
    styled = docx.Document(str(out / "clean-report-word_s.docx"))
    assert [p.style.name for p in styled.paragraphs[:1]] == ["Heading 1"]
    assert next(p for p in styled.paragraphs if p.text == "一、主要工作").style.name == "Heading 2"
    gen = docx.Document(str(out / "clean-opinion-gen.docx"))
    assert next(p for p in gen.paragraphs if p.text == "一、总体要求").style.name == "Heading 1"
    table = docx.Document(str(out / "clean-reply-wps_t.docx"))
    assert "青州市机构编制委员会" not in [p.text for p in table.paragraphs]
    assert table.tables and table.tables[-1].cell(0, 0).text == "青州市机构编制委员会"


@pytest.mark.office
def test_in_libreoffice_clean_documents_lay_out_by_the_standard_and_pagination_defects_show(tmp_path: Path) -> None:
    validate = _validator()
    key = corpus_generator("check_eval8").make(tmp_path, office=True)
    assert any(e["author"].startswith("lo_") for e in key["clean"])
    assert validate.main([str(tmp_path)]) == 0
