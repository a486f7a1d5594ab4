"""Bad input for print (issue 17): a title that is one 200-character word, a table cell holding
one 60-character word, a document that is only a heading. Each is written, never a crash, and
the user is told in Chinese where the problem is and what to do."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.document.markup import parse_markup
from assistant.document.printcheck import print_warnings


def _render(tmp_path: Path, markup: str, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    src = tmp_path / "公文.md"
    src.write_text(markup, encoding="utf-8")
    out = tmp_path / "公文.docx"
    assert main(["render", str(src), "-o", str(out), "--force"]) == 0
    assert zipfile.is_zipfile(out)
    return src, capsys.readouterr().err


def test_a_title_that_is_one_long_word(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, err = _render(tmp_path, "# " + "党" * 200 + "\n正文。\n", capsys)
    assert f"警告：{src}，字段“标题”：标题“党党党党党党党党党党党党…”有 200 字，要排 10 行" in err
    assert "请压缩到 3 行以内" in err
    # Within three lines, but one run of letters with no word boundary in it.
    src, err = _render(tmp_path, "# 关于" + "A" * 40 + "的通知\n正文。\n", capsys)
    assert f"{src}，字段“标题”：" in err and "找不到能断行的词语边界" in err and "漏写了标点、空格" in err


def test_a_title_too_long_for_three_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    title = "关于" + "进一步加强党支部标准化规范化建设" * 4 + "的通知"
    src, err = _render(tmp_path, f"# {title}\n正文。\n", capsys)
    assert f"{src}，字段“标题”：" in err and "要排 4 行" in err and "请压缩到 3 行以内" in err


def test_a_table_cell_holding_one_long_word(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    number = "1" * 60
    markup = f"正文。\n表：台账\n| 序号 | 编号 | 备注 |\n| -- | -- | -- |\n| 1 | 甲 | 乙 |\n| 2 | {number} | 丙 |\n"
    src, err = _render(tmp_path, markup, capsys)
    # The header is line 3 of the markup, the separator 4, the body rows 5 and 6.
    assert f"警告：{src}，第6行：表格第2行第2列的“{number[:16]}…”有 60 个字符" in err
    assert "不能断开" in err and "加空格或缩短" in err


def test_a_document_that_is_only_a_heading(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, err = _render(tmp_path, "## 主要任务\n", capsys)
    assert f"警告：{src}，第1行：文档只有标题，没有正文" in err and "请在标题下面写正文" in err
    src, err = _render(tmp_path, "# 关于开展作风建设的通知\n", capsys)
    assert f"{src}，字段“正文”：文档只有标题，没有正文" in err


def test_a_heading_with_nothing_after_it_is_named() -> None:
    doc = parse_markup("# 通知\n正文。\n## 主要任务\n", source="通知.md")
    (warning,) = print_warnings(doc)
    assert str(warning) == "通知.md，第3行：标题“一、主要任务”后面没有正文，打印出来是一个孤零零的标题：请在标题下面写正文，或删去该标题"


def test_a_very_long_organ_mark_is_named() -> None:
    organ = "中共某市疾病预防控制中心第一支部委员会与某某有限公司委员会联合文件"
    (warning,) = print_warnings(parse_markup(f"---\n发文机关标志: {organ}\n---\n# 通知\n正文。\n", source="a.md"))
    assert warning.location.field == "发文机关标志" and "分两行" in warning.message and "18 磅" in warning.message


def test_a_sound_document_gets_no_print_warning() -> None:
    markup = (
        "---\n发文机关标志: 中共××委员会文件\n---\n# 关于进一步加强党支部标准化规范化建设的通知\n正文。\n"
        "## 主要任务\n正文。\n| 序号 | 内容 |\n| -- | -- |\n| 1 | 2023年 |\n"
    )
    assert print_warnings(parse_markup(markup)) == []


def test_a_workbook_export_carries_the_print_warnings(tmp_path: Path) -> None:
    from assistant.compose import sample_workbook
    from assistant.render import export_workbook
    from assistant.templating import load_catalog

    template = load_catalog().get("zf-ssfa-zuofeng")
    result = export_workbook(sample_workbook(template), template.id, tmp_path / "方案.docx", overrides={"主题": "党" * 200})
    (title,) = [d for d in result.diagnostics if d.rule == "title-long"]
    assert title.location.field == "标题" and "请压缩到 3 行以内" in title.message
