"""公文 markup: the grammar, automatic numbering, located errors and the round trip."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.document.markup import normalize_date, parse_markup, to_markup
from assistant.document.model import Heading, PageBreak, Paragraph, Run, Table, cn_count, heading_number
from assistant.errors import WenmiError

FULL = """---
发文机关标志: 中共示例公司委员会文件
发文字号: 示党发〔2023〕5号
抄送: 公司纪委，各部室
印发机关: 中共示例公司委员会办公室
印发日期: 2023-01-12
---
# 关于全面践行工作作风建设的实施方案
主送：各党支部
为深入贯彻公司党委部署，制定本方案。
## 指导思想
坚持以党建引领发展。
## 主要任务
### 提高站位
#### 以“实施方案”定方向。收到上级有关文件后，迅速起草实施方案。
##### 细化举措
**以“问题导向”抓整改。**形成工作配档表15份。
表：工作配档表
| 序号 | 工作任务 | 完成时限 |
| -- | -------- | ---- |
| 1 | 起草实施方案 | 2022年3月 |
[分页]
## 保障措施
附件：1.工作配档表
2.践行举措清单
落款：中共示例公司委员会
日期：2023-01-11
"""


def test_full_document_parses_into_every_element() -> None:
    doc = parse_markup(FULL, source="方案.md")
    assert doc.header is not None and doc.header.organ == "中共示例公司委员会文件"
    assert doc.header.number == "示党发〔2023〕5号"
    assert doc.record is not None
    assert doc.record.cc == "公司纪委，各部室"
    assert doc.record.printed == "2023年1月12日"
    assert doc.title == "关于全面践行工作作风建设的实施方案"
    assert doc.recipients == "各党支部："
    assert doc.attachments == ["工作配档表", "践行举措清单"]
    assert doc.signature == "中共示例公司委员会"
    assert doc.date == "2023年1月11日"
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == [
        "Paragraph", "Heading", "Paragraph", "Heading", "Heading", "Heading", "Heading",
        "Paragraph", "Table", "PageBreak", "Heading",
    ]  # fmt: skip


def test_headings_are_numbered_per_gbt9704_and_restart_under_a_new_parent() -> None:
    text = "# 题\n## 甲\n### 子\n### 子\n#### 孙\n##### 曾孙\n##### 曾孙\n#### 孙\n## 乙\n### 子\n"
    doc = parse_markup(text)
    labels = [h.number for h in doc.headings]
    assert labels == ["一、", "（一）", "（二）", "1.", "（1）", "（2）", "2.", "二、", "（一）"]


def test_typed_numbers_are_replaced_by_the_right_ones() -> None:
    doc = parse_markup("## 三、指导思想\n## （二）工作目标\n## 1.主要任务\n## (4) 保障措施\n")
    assert [h.label for h in doc.headings] == ["一、指导思想", "二、工作目标", "三、主要任务", "四、保障措施"]


def test_run_in_heading_splits_at_the_first_full_stop() -> None:
    doc = parse_markup("#### 以“实施方案”定方向。收到文件后，迅速起草方案。\n")
    h = doc.headings[0]
    assert h.text == "以“实施方案”定方向。"
    assert h.runin == [Run("收到文件后，迅速起草方案。")]
    assert h.label == "1.以“实施方案”定方向。"


def test_inline_bold_and_literal_lines() -> None:
    doc = parse_markup("**加粗引导句。**正文。\n\\## 不是标题\n")
    p0, p1 = doc.blocks
    assert isinstance(p0, Paragraph) and p0.runs == [Run("加粗引导句。", bold=True), Run("正文。")]
    assert isinstance(p1, Paragraph) and p1.text == "## 不是标题"


def test_table_widths_come_from_the_separator_dashes() -> None:
    doc = parse_markup("| a | b |\n| -- | ------ |\n| 1 | x\\|y |\n")
    (table,) = doc.blocks
    assert isinstance(table, Table)
    assert table.widths == [2, 6]
    assert table.rows == [["1", "x|y"]]


@pytest.mark.parametrize(
    ("text", "line", "needle"),
    [
        ("# 题\n正文\n| a | b |\n| - | - |\n| 1 |\n", 5, "列"),
        ("# 题\n| a | b |\n| 1 | 2 |\n", 2, "分隔行"),
        ("#\n", 1, "标题为空"),
        ("# 甲\n# 乙\n", 2, "只能有一个标题"),
        ("正文\n- 列表项\n", 2, "列表"),
        ("####### 太深\n", 1, "四级"),
        ("**没闭合\n", 1, "闭合"),
        ("---\n文号: 1\n---\n", 2, "未知的文件头信息"),
        ("---\n发文字号: 1\n", 1, "结束行"),
        ("表：配档表\n正文\n", 1, "表格"),
        ("附件：1.甲\n3.乙\n", 2, "序号"),
        ("正文{{ 主题 }}\n", 1, "占位符"),
        ("落款：\n", 1, "没有内容"),
    ],
)
def test_bad_markup_names_the_line_and_what_is_wrong(text: str, line: int, needle: str) -> None:
    with pytest.raises(WenmiError) as info:
        parse_markup(text, source="x.md")
    err = info.value
    assert err.location.file == "x.md"
    assert err.location.line == line
    assert needle in str(err)
    assert "x.md" in str(err) and f"第{line}行" in str(err)


def test_control_characters_from_word_are_removed_with_a_warning() -> None:
    doc = parse_markup("# 题\n第一句\x0b第二句。\n")
    assert doc.blocks[0] == Paragraph([Run("第一句第二句。")], 2)
    assert [d.rule for d in doc.diagnostics] == ["xml-chars"]


def test_dates_are_written_without_zero_padding() -> None:
    assert normalize_date("2023-01-11") == "2023年1月11日"
    assert normalize_date("2023年01月09日") == "2023年1月9日"
    assert normalize_date("二〇二三年一月") == "二〇二三年一月"


def test_heading_numbers() -> None:
    assert [cn_count(n) for n in (1, 9, 10, 11, 20, 21, 99)] == ["一", "九", "十", "十一", "二十", "二十一", "九十九"]
    assert heading_number(1, 12) == "十二、"
    assert heading_number(2, 3) == "（三）"
    assert heading_number(3, 10) == "10."
    assert heading_number(4, 2) == "（2）"


def test_full_document_round_trips_through_markup() -> None:
    doc = parse_markup(FULL)
    again = parse_markup(to_markup(doc))
    assert again.blocks == doc.blocks
    assert (again.title, again.recipients, again.attachments, again.signature, again.date) == (
        doc.title, doc.recipients, doc.attachments, doc.signature, doc.date,
    )  # fmt: skip
    assert again.header == doc.header and again.record == doc.record


_cjk = st.text(alphabet=st.sampled_from(list("党建引领作风提高站位落实责任，。、“”《》（）1234567890ab#|*-")), min_size=1, max_size=30)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["p", "h1", "h2", "h3", "h4", "br"]), _cjk), min_size=1, max_size=12))
def test_any_paragraph_text_survives_the_round_trip(items: list[tuple[str, str]]) -> None:
    """Whatever a paragraph says (even '#', '|' or '**'), writing it back as markup keeps it."""
    from assistant.document.model import Document

    blocks: list[Paragraph | Heading | PageBreak] = []
    for kind, text in items:
        text = text.strip().replace("**", "")
        if not text:
            continue
        if kind == "p":
            blocks.append(Paragraph([Run(text)]))
        elif kind == "br":
            blocks.append(PageBreak())
    doc = Document(title="标题", blocks=list(blocks))
    again = parse_markup(to_markup(doc))
    assert [getattr(b, "text", None) for b in again.blocks] == [getattr(b, "text", None) for b in blocks]


def test_headings_can_go_unnumbered_as_in_publicity_articles() -> None:
    doc = parse_markup("---\n编号: 无\n---\n# 题\n## 提高站位　高标准制定工作措施\n## 二、倒排工期\n")
    assert [h.label for h in doc.headings] == ["提高站位　高标准制定工作措施", "倒排工期"]
    again = parse_markup(to_markup(doc))
    assert not again.numbered and [h.label for h in again.headings] == [h.label for h in doc.headings]
    with pytest.raises(WenmiError, match="编号"):
        parse_markup("---\n编号: 也许\n---\n")
