"""The paginator: line breaks, page breaks and the 版记's page, without an office suite.

tests/test_layout_office.py checks the same numbers against LibreOffice on every catalogue sample.
"""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.document import gbt9704 as G
from assistant.document.docx_writer import write_docx_bytes
from assistant.document.linebreak import Line, break_lines
from assistant.document.markup import parse_markup
from assistant.document.model import Document, Paragraph, Record, Run, Table
from assistant.document.paginate import count_lines, paginate, table_geometry, wrap_lines

LINE = G.LINE_PITCH_TWIPS
HAN = "党建工作责任制考核细则"  # 11 characters, no marks


def _han(n: int) -> str:
    return (HAN * 10)[:n]


def test_a_body_line_holds_28_characters_and_the_first_26() -> None:
    lines = wrap_lines(_han(26 + 28 + 5))
    assert [len(x) for x in lines] == [26, 28, 5]
    assert [len(x) for x in wrap_lines(_han(30), first_indent=0)] == [28, 2]


def test_a_mark_that_would_start_a_line_is_taken_into_the_full_line_set_tighter() -> None:
    # 推入: the line keeps its 26 characters and takes the comma in, never hanging it past the edge.
    lines = break_lines(_han(26) + "，" + _han(10))
    assert lines[0].text == _han(26) + "，" and lines[0].tight
    assert lines[1].text == _han(10) and not lines[1].tight
    # Tighter by as little as fits: 27 advances of at most 8,186 twips (the indent and 24 in hand).
    assert lines[0].spacing == G.CHAR_SPACING_TWIPS - 12
    assert 27 * (320 + lines[0].spacing) <= G.text_width_twips() - 2 * 315 - 24
    assert break_lines(_han(26) + "。") == [Line(_han(26) + "。", G.CHAR_SPACING_TWIPS - 12)]
    # A later line: 28 characters and the mark.
    (first, second, *_) = break_lines(_han(26 + 28) + "、" + _han(3))
    assert second.text == _han(26 + 28)[26:] + "、" and 29 * (320 + second.spacing) <= G.text_width_twips() - 24


def test_no_line_starts_with_a_closing_quote_and_none_ends_with_an_opening_one() -> None:
    lines = wrap_lines(_han(26) + "”" + _han(5))
    assert lines[0] == _han(26) + "”" and lines[1] == _han(5)
    lines = wrap_lines(_han(25) + "“" + _han(5) + "”")
    assert lines[0] == _han(25) and lines[1].startswith("“")


def test_two_marks_past_the_edge_go_down_with_the_character_before_them() -> None:
    # 推出 where 推入 would need more than MAX_TIGHTEN_TWIPS a character.
    lines = break_lines(_han(26) + "。”" + _han(3))
    assert [line.text for line in lines] == [_han(25), _han(26)[-1] + "。”" + _han(3)]
    assert not any(line.tight for line in lines)


def test_a_mark_before_a_number_stays_with_the_number() -> None:
    # LibreOffice does not break between ， and the digits after it: 工，2023 goes down whole.
    lines = wrap_lines(_han(25) + "，2023年" + _han(5))
    assert lines[0] == _han(24) and lines[1].startswith(_han(25)[-1] + "，2023年")
    # ；：？！ it does break after.
    assert wrap_lines(_han(25) + "；2023年")[0] == _han(25) + "；"


def test_numbers_and_addresses_stay_whole_but_may_break_after_a_hyphen() -> None:
    lines = wrap_lines(_han(24) + "1131人次")
    assert lines[1].startswith("1131")
    lines = wrap_lines(_han(20) + "ganghangxc@163.com邮箱")
    assert "ganghangxc@163.com" in lines[1]
    lines = wrap_lines(_han(21) + "0531-81234567")
    assert lines == [_han(21) + "0531-", "81234567"]


def test_digits_next_to_chinese_take_extra_space() -> None:
    # 24 characters and four half-width digits fill a first line to 8,810 of its 8,844 twips; the
    # 0.2 em gaps on either side of the number push the number down.
    lines = wrap_lines(_han(24) + "2023" + _han(5))
    assert lines[0] == _han(24) and lines[1].startswith("2023")


def _doc(lines: int, record: bool = True) -> Document:
    """A document whose body is `lines` single-line paragraphs, then the 落款 (three lines)."""
    blocks: list[Paragraph | Table] = [Paragraph([Run(_han(20))]) for _ in range(lines)]
    return Document(
        blocks=list(blocks),
        signature="中共示例委员会",
        date="2023年1月11日",
        record=Record(cc="各部室", printer="办公室", printed="2023年1月12日") if record else None,
    )


@pytest.mark.parametrize(
    ("lines", "placement", "pages"),
    [
        (5, "next", 2),  # ends on page 1: the 版记 takes page 2
        (19, "next", 2),  # page 1 exactly full
        (22 + 10, "same", 2),  # page 2, with room for a gap and two rows
        (22 + 16, "same", 2),  # 19 lines used: the last that leaves room
        (22 + 17, "blank", 4),  # 20 lines: a blank page 3, the 版记 on page 4
        (22 + 19, "blank", 4),  # page 2 exactly full
        (44 + 1, "next", 4),
    ],
)
def test_the_record_block_goes_on_the_last_even_page(lines: int, placement: str, pages: int) -> None:
    plan = paginate(_doc(lines))
    assert (plan.record, plan.pages) == (placement, pages)
    assert plan.pages % 2 == 0


def test_without_a_record_block_the_pages_are_the_body_s() -> None:
    plan = paginate(_doc(20, record=False))
    assert (plan.record, plan.pages, plan.body_pages) == (None, 2, 2)
    # 20 + 3 lines: the 日期 would open page 2 alone; the 署名, the empty line and the last body
    # line go with it.
    assert plan.used == 4 * LINE


def test_a_page_break_starts_a_new_page() -> None:
    doc = parse_markup("# 标题\n正文。\n[分页]\n正文。\n")
    plan = paginate(doc)
    assert (plan.pages, plan.used) == (2, LINE)


def test_table_rows_are_whole_grid_lines_and_split_between_rows_with_the_header_repeated() -> None:
    header = ["序号", "工作任务", "责任单位"]
    rows = [[str(i), _han(30), "党群工作部"] for i in range(1, 13)]
    table = Table(header=header, rows=rows, widths=[2, 10, 4])
    geo = table_geometry(table)
    assert sum(geo.columns) == G.text_width_twips()
    assert geo.rows[0] == LINE - G.TABLE_BORDER_ALLOWANCE_TWIPS
    assert all(h % LINE == 0 for h in geo.rows[1:])
    # 30 characters in a column of about 97 mm (19 characters of 4号 text) take two lines.
    assert geo.rows[1] == 2 * LINE
    plan = paginate(Document(blocks=[table]))
    # 1 header line + 12 rows of 2 lines = 25 lines: 21 on page 1 (header + 10 rows), then the
    # header again and two rows.
    assert (plan.pages, plan.used) == (2, 5 * LINE)


def test_a_long_cell_makes_its_row_taller() -> None:
    short = table_geometry(Table(header=["事项", "说明"], rows=[["一", "短"]], widths=[1, 1]))
    long = table_geometry(Table(header=["事项", "说明"], rows=[["一", _han(60)]], widths=[1, 1]))
    assert long.rows[1] > short.rows[1]
    assert count_lines(_han(60), 0) == 3


def _xml(doc: Document) -> tuple[docx.document.Document, str]:
    data = write_docx_bytes(doc)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = z.read("word/document.xml").decode("utf-8")
    return docx.Document(io.BytesIO(data)), body


def _record_table(out: docx.document.Document) -> object:
    return out.tables[-1]._tbl


def test_the_record_block_floats_to_the_foot_of_the_text_block() -> None:
    out, _ = _xml(_doc(30))
    tbl = _record_table(out)
    pos = tbl.tblPr.find(qn("w:tblpPr"))  # type: ignore[attr-defined]
    # Page-relative across (LibreOffice floats only such full-width tables), margin-relative down.
    assert pos.get(qn("w:horzAnchor")) == "page" and pos.get(qn("w:vertAnchor")) == "margin"
    assert int(pos.get(qn("w:tblpX"))) == G.mm_to_twips(G.MARGIN_LEFT_MM)
    assert int(pos.get(qn("w:tblpY"))) + 2 * LINE == G.mm_to_twips(G.TEXT_HEIGHT_MM)


def test_same_page_record_block_follows_the_body_directly() -> None:
    out, body = _xml(_doc(22 + 10))
    assert body.count("<w:sectPr") == 1
    before = out.tables[-1]._tbl.getprevious()
    assert before.pPr is None or before.pPr.find(qn("w:pageBreakBefore")) is None


def test_next_page_record_block_is_preceded_by_a_page_break() -> None:
    out, body = _xml(_doc(5))
    assert body.count("<w:sectPr") == 1
    before = out.tables[-1]._tbl.getprevious()
    assert before.pPr.find(qn("w:pageBreakBefore")) is not None


def test_after_a_blank_page_the_record_block_is_in_an_unnumbered_section() -> None:
    out, body = _xml(_doc(22 + 18))
    assert body.count("<w:sectPr") == 2
    first, final = out.sections[0], out.sections[-1]
    # The body's section keeps its PAGE fields; the final one (blank page, 版记 page) has none.
    assert "PAGE" in first.footer._element.xml and "PAGE" in first.even_page_footer._element.xml
    assert not final.footer.is_linked_to_previous and not final.even_page_footer.is_linked_to_previous
    assert "PAGE" not in final.footer._element.xml and "PAGE" not in final.even_page_footer._element.xml
    # The body's section ends with the date; the blank page's paragraph, then a page break.
    date = next(p for p in out.paragraphs if p.text == "2023年1月11日")
    assert date._p.pPr.find(qn("w:sectPr")) is not None
    before = out.tables[-1]._tbl.getprevious()
    assert before.pPr.find(qn("w:pageBreakBefore")) is not None


def test_a_closing_quote_after_a_mark_that_filled_the_line_is_taken_in() -> None:
    # 。 fills the line; ” may not start the next: the line takes it in.
    lines = break_lines(_han(25) + "。”" + _han(3))
    assert [line.text for line in lines] == [_han(25) + "。”", _han(3)] and lines[0].tight


def test_dashes_and_ellipses_stay_whole() -> None:
    for text in (_han(25) + "——" + _han(3), _han(26) + "……" + _han(3)):
        lines = wrap_lines(text)
        assert "".join(lines) == text
        assert not any(line.count("—") == 1 or line.count("…") == 1 for line in lines), lines


_PIECES = [*"党建工作，。、；：“”（）《》12.5%ABab@-/ 　", "——", "……", "2023年", "GB/T 9704"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=120).map("".join))
def test_wrapping_loses_nothing_and_leaves_no_empty_line(text: str) -> None:
    from assistant.document.linebreak import NO_LINE_START

    lines = wrap_lines(text)
    assert "".join(lines) == text
    assert all(lines[:-1]) and (lines[-1] or not text)
    # A closing mark starts a line only when the line before could not give up a character.
    for before, line in zip(lines, lines[1:], strict=False):
        if line[0] in NO_LINE_START:
            assert len(before) <= 2 or all(c in NO_LINE_START for c in before[-2:]), (before, line)


def test_a_comma_after_a_number_is_taken_in_with_it() -> None:
    lines = break_lines(_han(24) + "12，" + _han(5))
    assert [line.text for line in lines] == [_han(24) + "12，", _han(5)] and lines[0].tight


def test_latin_widths_follow_libreoffice_s_script_rules() -> None:
    # Measured in LibreOffice (left-aligned, 16 pt, −5 twips): a Chinese mark before a digit keeps
    # its full advance; “” next to Latin text are set in the Latin face; · is a Latin character.
    from assistant.document.linebreak import TextMetrics

    for text, libreoffice in (
        ("集中推进（2023年4月下旬至8月）。统筹推进", 6639),
        ("以“青春向党·奋斗强国”为主题", 4525),
        ("成果12篇。在此，2023年度", 3980),
        ("“ABC”与（DEF）及《GHI》", 3980),
        ("0531-86001234电话", 2664),
    ):
        # LibreOffice's width runs to the last glyph's edge, without its spacing.
        assert abs(TextMetrics(text, 16).width(0, len(text), -5) + 5 - libreoffice) <= 3, text


def test_a_body_ending_in_a_table_still_closes_its_section_before_the_blank_page() -> None:
    rows = [[str(i), _han(12)] for i in range(1, 21)]
    doc = Document(
        blocks=[Table(header=["序号", "事项"], rows=rows, widths=[1, 6])],
        record=Record(cc="各部室", printer="办公室", printed="2023年1月12日"),
    )
    doc.blocks[:0] = [Paragraph([Run(_han(20))]) for _ in range(22)]
    assert paginate(doc).record == "blank"
    out, body = _xml(doc)
    assert body.count("<w:sectPr") == 2
    holder = next(p for p in out.paragraphs if p._p.pPr is not None and p._p.pPr.find(qn("w:sectPr")) is not None)
    assert holder.text == "" and holder._p.getprevious().tag == qn("w:tbl")
