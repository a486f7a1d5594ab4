"""Claims are sourced: a template's example claims appear only when the drafter accepts them,
and then marked for review in the .docx, reported by `check`, refused by `--strict`."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.compose import compose_markup
from assistant.document.markup import parse_markup, to_markup
from assistant.errors import WenmiError
from assistant.ledger.yamlfile import loads_workbook
from assistant.templating import clear_catalog_cache, load_template_file

TEMPLATE = """\
id: zf-test-shili
name: 示例内容测试
category: 作风建设
doctype: 工作总结
keywords: [作风建设]
description: 用于测试示例内容。
slots:
  - name: 存在问题
    label: 存在的问题
    type: list
    default: []
    examples: [理论学习的深度还不够, 组织生活的形式还不够丰富]
sample:
  unit: 党群工作部
  achievements:
    - {title: 开展廉洁警示教育, metrics: [{label: 警示教育, value: 4, unit: 场}]}
body: |
  # {{ unit }}工作总结
  {% for a in achievements %}
  {{ a.sentence }}
  {% endfor %}
  {% if 存在问题 %}
  ## 存在的问题
  {% for p in 存在问题 %}
  {{ loop.index|cnnum }}是{{ p }}。
  {% endfor %}
  {% endif %}
"""
WORKBOOK = "unit: 党群工作部\nachievements:\n  - {title: 开展廉洁警示教育, metrics: [{label: 警示教育, value: 4, unit: 场}]}\n"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "tpl" / "templates" / "zuofeng"
    root.mkdir(parents=True)
    (root / "zf-test-shili.yaml").write_text(TEMPLATE, encoding="utf-8")
    monkeypatch.setenv("WENMI_PATH", str(tmp_path / "tpl"))
    monkeypatch.setenv("WENMI_HOME", str(tmp_path / "home"))
    clear_catalog_cache()
    yield root / "zf-test-shili.yaml"
    clear_catalog_cache()


def test_examples_are_left_out_unless_accepted(folder: Path) -> None:
    template, wb = load_template_file(folder), loads_workbook(WORKBOOK)
    plain = compose_markup(template, wb)
    assert "存在的问题" not in plain.markup and "理论学习" not in plain.markup
    assert any(d.rule == "examples-offered" and "--examples" in d.message for d in plain.diagnostics)
    accepted = compose_markup(template, wb, examples=True)
    assert "一是[示例]理论学习的深度还不够[/示例]。" in accepted.markup
    assert any(d.rule == "examples-used" for d in accepted.diagnostics)


def test_what_the_drafter_wrote_is_never_marked(folder: Path) -> None:
    wb = loads_workbook(WORKBOOK + "fields: {存在问题: [台账写的问题]}\n")
    result = compose_markup(load_template_file(folder), wb, examples=True)
    assert "台账写的问题" in result.markup and "[示例]" not in result.markup


def test_review_marks_survive_markup_and_reach_the_docx(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "总结.docx"
    wb = tmp_path / "台账.yaml"
    wb.write_text(WORKBOOK, encoding="utf-8")
    assert main(["render", str(wb), "--template", "zf-test-shili", "--examples", "-o", str(out)]) == 0
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert xml.count('w:highlight w:val="yellow"') == 2 and xml.count("w:commentReference") == 2
    comments = zipfile.ZipFile(out).read("word/comments.xml").decode()
    assert comments.count("示例内容，请核实或替换") == 2 and "w:date" not in comments
    # check reports each marked paragraph as an error, so the document cannot go up unnoticed
    assert main(["check", str(out)]) == 1


def test_strict_refuses_unsourced_claims(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "总结.docx"
    wb = tmp_path / "台账.yaml"
    wb.write_text(WORKBOOK, encoding="utf-8")
    assert main(["render", str(wb), "--template", "zf-test-shili", "--examples", "--strict", "-o", str(out)]) == 1
    assert not out.exists()
    assert "未经核实的示例内容" in capsys.readouterr().err


def test_a_required_claim_is_asked_for_not_invented(folder: Path) -> None:
    src = TEMPLATE.replace("    default: []\n", "    default: []\n    required: true\n")
    path = folder.with_name("zf-test-shili.yaml")
    path.write_text(src, encoding="utf-8")
    with pytest.raises(WenmiError) as info:
        compose_markup(load_template_file(path), loads_workbook(WORKBOOK))
    assert "不能代为编写" in info.value.message and "--examples" in (info.value.hint or "")


def test_review_marks_in_markup() -> None:
    doc = parse_markup("# 标题\n正文[示例]示例句[/示例]。\n| 序号 | 措施 |\n| -- | ---- |\n| 1 | [示例]措施[/示例] |\n")
    para = doc.blocks[0]
    assert [(r.text, r.review) for r in para.runs] == [("正文", False), ("示例句", True), ("。", False)]
    assert doc.blocks[1].review == {(0, 1)} and doc.blocks[1].rows == [["1", "措施"]]
    assert "正文[示例]示例句[/示例]。" in to_markup(doc) and "[示例]措施[/示例]" in to_markup(doc)
    with pytest.raises(WenmiError) as info:
        parse_markup("正文[示例]没有闭合。\n")
    assert info.value.location.line == 1 and "没有闭合" in info.value.message
