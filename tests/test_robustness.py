"""Whatever a user types, wenmi answers with a document or a located Chinese message: never a crash."""

from __future__ import annotations

import io

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.document.docx_writer import write_docx_bytes
from assistant.document.markup import parse_markup
from assistant.document.preview import preview_text
from assistant.errors import WenmiError

_pieces = st.sampled_from(
    [
        "# ", "## ", "### ", "#### ", "##### ", "###### ", "---", "主送：", "附件：", "落款：", "日期：", "表：",
        "[分页]", "| ", " |", "|---|", "| -- | --- |", "**", "\\", "一、", "（一）", "1.", "。", "，", ",",
        "\n", "\n", "\n", "\x0b", "\x00", "\t", "发文机关标志: 甲", "编号: 无", "2023-01-11", "{{", "- ",
        "党建引领", "提高站位", "高标准制定工作措施", "600余条", "ABC", "😀", "\u3000", " ",
    ]  # fmt: skip
)
_markup = st.lists(_pieces, min_size=0, max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_markup)
def test_any_markup_parses_or_fails_with_a_located_message(text: str) -> None:
    try:
        doc = parse_markup(text, source="x.md")
    except WenmiError as err:
        assert err.location.file == "x.md" and err.location.line is not None
        assert str(err).strip()
        return
    preview_text(doc)
    data = write_docx_bytes(doc)
    reopened = docx.Document(io.BytesIO(data))
    assert reopened.sections[0].page_width is not None


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_unicode_never_crashes_the_writer(text: str) -> None:
    try:
        doc = parse_markup(text)
    except WenmiError:
        return
    docx.Document(io.BytesIO(write_docx_bytes(doc)))


_yaml_pieces = st.sampled_from(
    [
        "unit: 党群工作部\n", "period: 2022年\n", "template: zf-jyjl-4gao\n", "achievements:\n", "  - title: 开展学习\n",
        "    metrics:\n", "      - {label: 次数, value: 3, unit: 次}\n", "      - {label: 人数, value: 三十五, unit: 人}\n",
        "      - {label: x, value: abc}\n", "    category: 作风\n", "    date: 2022-13-45\n", "fields: {主题: 作风}\n",
        "headings: {1: 提高站位}\n", "seed: -1\n", "no: yes\n", "unit: 08\n", "  -\n", "- \n", ": :\n", "\t", "'",
        "\x0b", "{", "[", "]", "achievments: []\n", "unit:\n", "unit: 甲\nunit: 乙\n",
    ]  # fmt: skip
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_yaml_pieces, max_size=15).map("".join))
def test_any_workbook_text_loads_or_fails_with_a_located_message(text: str) -> None:
    from assistant.ledger.yamlfile import loads_workbook

    try:
        wb = loads_workbook(text, source="台账.yaml")
    except WenmiError as err:
        assert "台账.yaml" in str(err)
        return
    assert wb.unit
