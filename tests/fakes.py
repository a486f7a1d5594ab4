"""Test doubles and helpers shared by test modules."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import types
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml


def install_fake_bank(monkeypatch: pytest.MonkeyPatch, fake: Any) -> Any:
    """Make `assistant.phrasebank.load_bank()` return `fake` for the rest of the test."""
    module = types.ModuleType("assistant.phrasebank")
    module.load_bank = lambda *a, **k: fake  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "assistant.phrasebank", module)
    return fake


@dataclass
class FakeTemplate:
    """What `suggest` reads of a catalogue template: id, name, category, document type, keywords."""

    id: str
    name: str
    category: str
    doctype: str
    keywords: list[str] = field(default_factory=list)
    description: str = ""


def install_fake_catalog(monkeypatch: pytest.MonkeyPatch, templates: list[Any]) -> None:
    """Make `assistant.templating.load_catalog()` (what `wenmi suggest` ranks) return `templates`
    for the rest of the test."""
    module = types.ModuleType("assistant.templating")
    module.load_catalog = lambda: list(templates)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "assistant.templating", module)


def texts_of(value: Any) -> list[str]:
    """Every piece of text in a slot value (a string, a list, a table of rows, a mapping)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [t for v in value for t in texts_of(v)]
    if isinstance(value, dict):
        return [t for v in value.values() for t in texts_of(v)]
    return []


# --- the check corpora (benchmarks/check_eval, benchmarks/check_eval2) --------------------------------

CHECK_CORPORA = Path(__file__).resolve().parents[1] / "benchmarks"


@cache
def corpus_generator(name: str) -> Any:
    """The module `benchmarks/NAME/make_corpus.py` (check_eval … check_eval5), loaded once."""
    path = CHECK_CORPORA / name / "make_corpus.py"
    spec = importlib.util.spec_from_file_location(f"make_corpus_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


def committed_key(name: str) -> dict[str, Any]:
    """The answer key kept beside a corpus's generator."""
    key: dict[str, Any] = yaml.safe_load((CHECK_CORPORA / name / "key.yaml").read_text(encoding="utf-8"))
    return key


def check_json(path: Path, workbook: Path | None, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, Any]]]:
    """`wenmi check PATH [--workbook W] --format json`: the exit code and the findings."""
    from assistant.cli import main

    argv = ["check", str(path), "--format", "json"] + (["--workbook", str(workbook)] if workbook else [])
    code = main(argv)
    return code, json.loads(capsys.readouterr().out)


def assert_planted_defects_found(out: Path, key: dict[str, Any], name: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`wenmi check` on the corpus document `name` finds each defect the key plants in it: one
    finding of that category (at that paragraph, when the key names one) per defect."""
    entry = next(e for e in key["defective"] if e["file"] == f"{name}.docx")
    wb = out / entry["workbook"] if entry.get("workbook") else None
    _, findings = check_json(out / entry["file"], wb, capsys)
    free = list(findings)
    for d in sorted(entry["defects"], key=lambda d: d["paragraph"] is None):
        hit = next((f for f in free if f["category"] == d["category"] and d["paragraph"] in (None, f["paragraph"])), None)
        assert hit is not None, (d, [(f["category"], f["rule"], f["paragraph"]) for f in findings])
        free.remove(hit)
        assert hit["message"] and hit["rule"] and hit["severity"] in ("error", "warning")


#: The standard faces as a hand-made document names them.
FANGSONG, HEITI, KAITI, XBS = "仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体"


def hand_paragraph(d: Any, text: str, font: str = FANGSONG, size: float = 16, align: str = "both", first: float = 2,
                   right: float = 0, after: float = 0, line: float = 28.95, condense: int = -5) -> Any:  # fmt: skip
    """A paragraph of python-docx document `d` formatted by hand, as most offices do: no style,
    exact line spacing, characters condensed 0.25 pt so that 28 fit a line (`condense=0`: not)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    p = d.add_paragraph()
    pf = p.paragraph_format
    pf.alignment = {"both": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
                    "right": WD_ALIGN_PARAGRAPH.RIGHT, "left": WD_ALIGN_PARAGRAPH.LEFT}[align]  # fmt: skip
    pf.first_line_indent = Pt(first * size)
    pf.right_indent = Pt(right * size)
    pf.space_before, pf.space_after = Pt(0), Pt(after)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(line)
    if text:
        run = p.add_run(text)
        run.font.size = Pt(size)
        run.font.name = "Times New Roman"
        rpr = run._r.get_or_add_rPr()
        rpr.find(qn("w:rFonts")).set(qn("w:eastAsia"), font)
        if condense:
            spacing = OxmlElement("w:spacing")
            spacing.set(qn("w:val"), str(condense))
            rpr.append(spacing)
    return p


def docx_text(path: Path) -> str:
    """Every paragraph's text, then every table cell's, one a line."""
    import docx

    d = docx.Document(str(path))
    return "\n".join([p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells])


#: What `wenmi fix` may change in the text: whitespace, punctuation, digits, date characters.
MENDABLE = re.compile(r"[\s,.;:?!()\"'，。；：？！（）“”‘’「」『』．、…—\-/0-9０-９〇零一二三四五六七八九十年月日]")


def gbt_document(page_numbers: bool = False) -> Any:
    """A blank A4 .docx with the GB/T 9704 margins (5.2.2); with `page_numbers`, “— N —” 4号 page
    numbers, odd pages right and even pages left, one character in (7.5)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    d = docx.Document()
    s = d.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)
    if not page_numbers:
        return d
    d.settings.odd_and_even_pages_header_footer = True
    for footer, align, side in ((s.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"), (s.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left")):
        para = footer.paragraphs[0]
        para.alignment = align
        setattr(para.paragraph_format, f"{side}_indent", Pt(14))
        for kind, text in (("t", "\u2014 "), ("begin", None), ("instr", " PAGE "), ("end", None), ("t", " \u2014")):
            run = para.add_run()
            run.font.size = Pt(14)
            if kind == "t":
                run.text = text
            elif kind == "instr":
                instr = OxmlElement("w:instrText")
                instr.text = text
                run._r.append(instr)
            else:
                fld = OxmlElement("w:fldChar")
                fld.set(qn("w:fldCharType"), kind)
                run._r.append(fld)
    return d


def saved(d: Any, tmp: Path) -> Path:
    """A python-docx document written to `tmp`/d.docx."""
    path = tmp / "d.docx"
    d.save(str(path))
    return path


def check_findings(d: Any, tmp: Path, *categories: str) -> list[tuple[str, int | None]]:
    """(rule, paragraph) of what `wenmi check` finds in `d`, of these categories (all without)."""
    from assistant.document.check import check_docx

    return [(f.rule, f.paragraph) for f in check_docx(saved(d, tmp)) if not categories or f.category in categories]


def outline_document(
    headings: list[tuple[str, str]],
    title: str = "临江市水务局2024年防汛工作方案",
    intro: str = "为做好今年防汛工作，确保安全度汛，制定本方案。",
    body: str = "各科室要按照职责分工抓好落实，确保各项任务按期完成。",
    page_numbers: bool = False,
) -> Any:
    """A GB/T document: a title, a blank line, an opening paragraph (none when `intro` is ""), and
    each heading (face, text) followed by one body paragraph."""
    d = gbt_document(page_numbers=page_numbers)
    hand_paragraph(d, title, XBS, 22, "center", 0)
    hand_paragraph(d, "", first=0)
    if intro:
        hand_paragraph(d, intro)
    for face, text in headings:
        hand_paragraph(d, text, face)
        hand_paragraph(d, body)
    return d
