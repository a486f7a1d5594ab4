"""Review marks (`[示例]…[/示例]`) in the title and in heading lines: the heading keeps its style
and number, the marked words are highlighted with the comment “示例内容，请核实或替换”, `check`
reports them, `--strict` refuses them, and the preview and paginator never see the marks."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.compose import compose_markup, sample_workbook
from assistant.document.docx_writer import write_docx_bytes
from assistant.document.markup import parse_markup, review_marks, to_markup
from assistant.document.model import Heading
from assistant.document.paginate import paginate
from assistant.document.preview import preview_text
from assistant.templating import load_catalog

MARKED = """\
# [示例]关于开展专项整治[/示例]的通知
## [示例]提高政治站位[/示例]
正文。
### 一是[示例]健全机制。结合实际制定办法[/示例]，抓好落实。
#### [示例]一、强化督导。定期检查[/示例]。
"""

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraphs(data: bytes) -> list[str]:
    """The XML of each body paragraph of a written .docx."""
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    return re.findall(r"<w:p>.*?</w:p>|<w:p [^>]*>.*?</w:p>", xml)


def _highlighted(paragraph_xml: str) -> str:
    runs = re.findall(r"<w:r>(.*?)</w:r>", paragraph_xml)
    return "".join("".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", r)) for r in runs if "w:highlight" in r)


def _text(paragraph_xml: str) -> str:
    return "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", paragraph_xml))


def test_marks_in_headings_and_title_are_parsed_not_kept_as_text() -> None:
    doc = parse_markup(MARKED)
    assert doc.title == "关于开展专项整治的通知" and doc.title_review == [(0, 8)]
    h1, _, h2, h3 = doc.blocks
    assert isinstance(h1, Heading) and (h1.label, h1.review) == ("一、提高政治站位", [(0, 6)])
    # a mark may run across the 。 that ends a run-in heading: both parts stay marked
    assert isinstance(h2, Heading) and (h2.text, h2.review) == ("一是健全机制。", [(2, 7)])
    assert [(r.text, r.review) for r in h2.runin] == [("结合实际制定办法", True), ("，抓好落实。", False)]
    # a number typed inside the mark is removed like any typed number
    assert isinstance(h3, Heading) and (h3.label, h3.review) == ("1.强化督导。", [(0, 5)])
    assert "[示例]" not in preview_text(doc)


def test_marks_in_headings_survive_the_round_trip() -> None:
    doc = parse_markup(MARKED)
    again = parse_markup(to_markup(doc))
    assert (again.title, again.title_review) == (doc.title, doc.title_review)
    assert again.blocks == doc.blocks
    assert "# [示例]关于开展专项整治[/示例]的通知" in to_markup(doc)


def test_the_paginator_ignores_the_marks() -> None:
    # 26 characters and a number fill one line; with the marks' 9 characters counted it would be two
    long = "加强组织领导压实工作责任确保各项任务落到实处取得实效"[:26]
    marked = parse_markup(f"# [示例]关于开展专项整治工作的通知[/示例]\n## [示例]{long}[/示例]\n正文。\n")
    plain = parse_markup(f"# 关于开展专项整治工作的通知\n## {long}\n正文。\n")
    assert paginate(marked) == paginate(plain)


def test_a_marked_heading_keeps_its_style_and_number_and_gets_highlight_and_comment() -> None:
    data = write_docx_bytes(parse_markup(MARKED))
    paras = _paragraphs(data)
    title, _, h1, _, h2, h3 = paras[:6]
    assert "公文标题" in title and _highlighted(title) == "关于开展专项整治" and _text(title) == "关于开展专项整治的通知"
    assert 'w:val="公文一级标题"' in h1 and _text(h1) == "一、提高政治站位"
    assert _highlighted(h1) == "提高政治站位"  # the number is not example content
    assert 'w:val="公文二级标题"' in h2 and _highlighted(h2) == "健全机制。结合实际制定办法"
    assert h2.count("w:commentReference") == 1  # one stretch, one comment, across the heading's 。
    assert 'w:val="公文三级标题"' in h3 and _highlighted(h3) == "强化督导。定期检查"
    assert all("[示例]" not in _text(p) for p in paras)
    comments = zipfile.ZipFile(io.BytesIO(data)).read("word/comments.xml").decode()
    assert comments.count("示例内容，请核实或替换") == 4
    assert write_docx_bytes(parse_markup(MARKED)) == data  # byte-identical across runs


def test_check_reports_marks_in_title_and_headings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "通知.md"
    src.write_text(MARKED, encoding="utf-8")
    out = tmp_path / "通知.docx"
    assert main(["render", str(src), "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["check", str(out)]) == 1
    text = capsys.readouterr().out
    for quote in ("关于开展专项整治的通知", "一、提高政治站位", "（一）一是健全机制。", "1.强化督导。定期检查"):
        assert re.search(rf"第\d+段“{re.escape(quote)}[^”]*”：这里有模板的示例内容", text), quote


def test_strict_refuses_marked_markup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "通知.md"
    src.write_text(MARKED, encoding="utf-8")
    out = tmp_path / "通知.docx"
    assert main(["render", str(src), "--strict", "-o", str(out)]) == 1
    assert not out.exists()
    err = capsys.readouterr().err
    assert "未经核实的示例内容" in err and "第2行" in err and "标题“关于开展专项整治的通知”" in err
    assert [d.location.line for d in review_marks(parse_markup(MARKED))] == [None, 2, 4, 5]


def test_strict_refuses_marks_kept_in_the_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # what the TUI saves when the drafter accepts a template's examples: the marks in the fields
    wb = tmp_path / "台账.yaml"
    wb.write_text(
        "unit: 某公司工会\nperiod: 2023年\nfields: {竞赛目标: ['[示例]安全生产形势持续稳定[/示例]']}\n"
        "achievements:\n  - {title: 开展劳动竞赛, metrics: [{label: 参赛职工, value: 300, unit: 人}]}\n",
        encoding="utf-8",
    )
    out = tmp_path / "方案.docx"
    assert main(["render", str(wb), "--template", "qt-laodong-jingsai", "--strict", "-o", str(out)]) == 1
    assert not out.exists()
    assert "安全生产形势持续稳定" in capsys.readouterr().err
    assert main(["render", str(wb), "--template", "qt-laodong-jingsai", "-o", str(out)]) == 0
    heading = next(p for p in _paragraphs(out.read_bytes()) if "安全生产" in p)
    assert "公文三级标题" in heading and _highlighted(heading) == "安全生产形势持续稳定"


def test_templates_put_accepted_examples_in_their_headings() -> None:
    # 调研报告: “小标题：情况” becomes a heading and a paragraph, accepted examples too
    template = load_catalog().get("qt-qunzhong-diaoyan")
    wb = dataclasses.replace(sample_workbook(template), fields={})
    markup = compose_markup(template, wb, examples=True).markup
    assert "### [示例]技能成长需求迫切[/示例]\n[示例]职工对技能提升" in markup
    doc = parse_markup(markup)
    assert any(isinstance(b, Heading) and b.text == "技能成长需求迫切" and b.review for b in doc.blocks)
