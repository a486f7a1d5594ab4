"""Golden test: the two published reference articles, written as 公文 markup, render cleanly.

The articles (in tests/fixtures/reference/, from ../shared/reference/) were scraped from web
pages and use half-width commas and brackets: those, and only those, are reported.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest

from assistant.document.docx_writer import write_docx_bytes
from assistant.document.markup import parse_markup

REFERENCE = Path(__file__).parent / "fixtures" / "reference"
ARTICLES = sorted(REFERENCE.glob("*.md"))


def test_both_reference_articles_are_present() -> None:
    assert [p.name for p in ARTICLES] == ["qilu-1234.md", "shangao-4gao.md"]


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_reference_renders_with_only_punctuation_warnings(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    doc = parse_markup(text, source=path.name)
    assert doc.diagnostics, "the scraped text's half-width commas are reported"
    assert {d.rule for d in doc.diagnostics} == {"punctuation"}
    assert all(d.location.line for d in doc.diagnostics)
    rendered = docx.Document(io.BytesIO(write_docx_bytes(doc)))
    out = "\n".join(p.text for p in rendered.paragraphs)
    # Every figure of the article reaches the document.
    for figure in re.findall(r"\d+(?:\.\d+)?(?:万余|余)?[\u4e00-\u9fff%]", text):
        assert figure in out, figure


def test_four_gao_headings_are_numbered_as_level_one() -> None:
    doc = parse_markup((REFERENCE / "shangao-4gao.md").read_text(encoding="utf-8"))
    assert [h.label for h in doc.headings] == [
        "一、提高站位\u3000高标准制定工作措施",
        "二、倒排工期\u3000高质量抓好整改提升",
        "三、压实责任\u3000高规格加强组织领导",
        "四、贯通结合,高效率建立长效机制",
    ]


def test_framework_article_keeps_its_numbered_framework() -> None:
    doc = parse_markup((REFERENCE / "qilu-1234.md").read_text(encoding="utf-8"))
    heads = [h.text for h in doc.headings]
    assert [h[:8] for h in heads] == ["凝聚“一个合力”", "树牢“两个意识”", "依托“三个载体”", "彰显“四个成效”"]
    bold = [r.text for b in doc.blocks for r in getattr(b, "runs", []) if r.bold]
    assert "聚焦教育培训,提升能力本领。" in bold
