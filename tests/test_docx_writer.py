"""The Word writer: open the .docx we wrote and check the XML GB/T 9704 depends on."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from assistant.document import gbt9704 as G
from assistant.document.docx_writer import write_docx_bytes
from assistant.document.markup import parse_markup

from .test_markup import FULL

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def data() -> bytes:
    return write_docx_bytes(parse_markup(FULL))


@pytest.fixture(scope="module")
def document(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def _xml(data: bytes, part: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(part).decode("utf-8")


def test_page_is_a4_with_the_standard_margins_and_a_22_line_grid(document: docx.document.Document) -> None:
    s = document.sections[0]
    assert abs(s.page_width - Mm(210)) < Mm(0.1) and abs(s.page_height - Mm(297)) < Mm(0.1)
    assert abs(s.top_margin - Mm(37)) < Mm(0.1)
    assert abs(s.left_margin - Mm(28)) < Mm(0.1)
    assert abs(s.right_margin - Mm(26)) < Mm(0.1)
    assert abs(s.bottom_margin - Mm(35)) < Mm(0.1)
    grid = s._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"
    assert 22 * 579 <= Mm(225).twips < 23 * 579


def test_no_style_uses_theme_fonts_and_east_asian_fonts_are_explicit(data: bytes) -> None:
    styles = _xml(data, "word/styles.xml")
    assert "asciiTheme" not in styles and "eastAsiaTheme" not in styles and "hAnsiTheme" not in styles
    document = docx.Document(io.BytesIO(data))
    expected = {
        "公文正文": ("仿宋_GB2312", 32),
        "公文标题": ("方正小标宋简体", 44),
        "公文一级标题": ("黑体", 32),
        "公文二级标题": ("楷体_GB2312", 32),
        "公文三级标题": ("仿宋_GB2312", 32),
        "公文四级标题": ("仿宋_GB2312", 32),
        "公文页码": ("宋体", 28),
    }
    for name, (font, half_points) in expected.items():
        rpr = document.styles[name].element.find(qn("w:rPr"))
        assert rpr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == font, name
        assert rpr.find(qn("w:sz")).get(qn("w:val")) == str(half_points), name
    assert 'w:eastAsia="zh-CN"' in styles


def test_every_run_names_its_east_asian_font(document: docx.document.Document) -> None:
    runs = [r for p in document.paragraphs for r in p.runs if r.text.strip()]
    assert runs
    for r in runs:
        fonts = r._r.rPr.find(qn("w:rFonts"))
        assert fonts is not None and fonts.get(qn("w:eastAsia")), r.text


def test_body_is_justified_with_two_character_indent_and_fixed_pitch(document: docx.document.Document) -> None:
    body = [p for p in document.paragraphs if p.text.startswith("为深入贯彻")][0]
    style_ppr = body.style.element.find(qn("w:pPr"))
    assert style_ppr.find(qn("w:jc")).get(qn("w:val")) == "both"
    ind = style_ppr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"
    spacing = style_ppr.find(qn("w:spacing"))
    assert (spacing.get(qn("w:line")), spacing.get(qn("w:lineRule"))) == ("579", "exact")
    assert style_ppr.find(qn("w:widowControl")).get(qn("w:val")) == "0"


def test_headings_carry_their_numbers_and_fonts(document: docx.document.Document) -> None:
    texts = [p.text for p in document.paragraphs]
    assert "一、指导思想" in texts
    assert "（一）提高站位" in texts
    assert "1.以“实施方案”定方向。收到上级有关文件后，迅速起草实施方案。" in texts
    run_in = next(p for p in document.paragraphs if p.text.startswith("1.以"))
    head, rest = run_in.runs[0], run_in.runs[1]
    assert head.text == "1.以“实施方案”定方向。" and head.bold
    assert not rest.bold
    assert rest._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_title_is_centred_and_followed_by_an_empty_line(document: docx.document.Document) -> None:
    paras = document.paragraphs
    i = next(i for i, p in enumerate(paras) if p.style.name == "公文标题" and "实施方案" in p.text)
    assert paras[i].style.element.find(qn("w:pPr")).find(qn("w:jc")).get(qn("w:val")) == "center"
    assert paras[i + 1].text == ""
    assert paras[i + 2].text == "各党支部："


def test_page_numbers_are_page_fields_in_odd_and_even_footers(data: bytes, document: docx.document.Document) -> None:
    settings = _xml(data, "word/settings.xml")
    assert "w:evenAndOddHeaders" in settings
    s = document.sections[0]
    for footer, align, side in ((s.footer, "right", "w:right"), (s.even_page_footer, "left", "w:left")):
        p = footer.paragraphs[0]
        xml = p._p.xml
        assert "PAGE" in "".join(t.text or "" for t in p._p.iter(qn("w:instrText")))
        assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        assert p.text.startswith("— ") and p.text.endswith(" —")
        ppr = p._p.pPr
        assert ppr.find(qn("w:jc")).get(qn("w:val")) == align
        assert ppr.find(qn("w:ind")).get(qn(side)) == "280"  # one 4号 character
        size = p.runs[0]._r.rPr.find(qn("w:sz")).get(qn("w:val"))
        assert size == "28"


def test_tables_have_explicit_widths_repeated_header_and_unsplit_rows(document: docx.document.Document) -> None:
    (table,) = [t for t in document.tables if len(t.columns) == 3]
    tbl = table._tbl
    total = int(tbl.tblPr.find(qn("w:tblW")).get(qn("w:w")))
    assert total == Mm(156).twips or abs(total - G.text_width_twips()) <= 1
    cols = [int(g.get(qn("w:w"))) for g in tbl.tblGrid.findall(qn("w:gridCol"))]
    assert sum(cols) == total
    assert cols[1] > cols[0]  # widths follow the dashes: | -- | -------- | ---- |
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
    # Row heights do not depend on the reader's fonts: an exact cell line, and each row a minimum
    # height of whole grid lines (the header gives the borders back), so text after a table
    # stays on the 22-line grid in every suite.
    cell_spacing = table.rows[1].cells[1].paragraphs[0].style.element.find(qn("w:pPr")).find(qn("w:spacing"))
    assert cell_spacing.get(qn("w:lineRule")) == "exact"
    assert int(cell_spacing.get(qn("w:line"))) == G.TABLE_LINE_TWIPS
    heights = [r._tr.trPr.find(qn("w:trHeight")) for r in table.rows]
    assert all(h.get(qn("w:hRule")) == "atLeast" for h in heights)
    values = [int(h.get(qn("w:val"))) for h in heights]
    assert values[0] % G.LINE_PITCH_TWIPS == G.LINE_PITCH_TWIPS - G.TABLE_BORDER_ALLOWANCE_TWIPS
    assert all(v % G.LINE_PITCH_TWIPS == 0 for v in values[1:])


def test_red_header_and_record_block(document: docx.document.Document, data: bytes) -> None:
    body = _xml(data, "word/document.xml")
    organ = next(p for p in document.paragraphs if p.text == "中共示例公司委员会文件")
    assert organ.runs[0]._r.rPr.find(qn("w:color")).get(qn("w:val")) == "FF0000"
    number = next(p for p in document.paragraphs if p.text == "示党发〔2023〕5号")
    bottom = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert bottom.get(qn("w:color")) == "FF0000"
    record = document.tables[-1]
    assert "抄送：公司纪委，各部室。" in record.rows[0].cells[0].text
    assert "2023年1月12日印发" in record.rows[1].cells[0].text
    assert "<w:tblpPr " in body  # floated to the foot of the last page


def test_attachments_signature_and_date(document: docx.document.Document) -> None:
    texts = [p.text for p in document.paragraphs]
    assert "附件：1.工作配档表" in texts and "2.践行举措清单" in texts
    sig = next(p for p in document.paragraphs if p.text == "中共示例公司委员会")
    date = next(p for p in document.paragraphs if p.text == "2023年1月11日")
    assert sig._p.pPr.find(qn("w:jc")).get(qn("w:val")) == "right"
    sig_right = int(sig._p.pPr.find(qn("w:ind")).get(qn("w:rightChars")))
    date_right = int(date._p.pPr.find(qn("w:ind")).get(qn("w:rightChars")))
    # 7.3.5.2: the date starts 2 characters right of the signature; the date (6.5 characters plus
    # five Chinese/digit autospaces of 0.22, as LibreOffice sets it) would then pass the signature's
    # right end, so it is right-indented 2 and the 9-character signature moves left.
    assert date_right == 200
    assert sig_right == round((2 + 2 + 6.5 + 5 * 0.22 - 9) * 100)


def test_short_signature_moves_left_so_the_date_keeps_two_characters() -> None:
    d = docx.Document(io.BytesIO(write_docx_bytes(parse_markup("正文。\n落款：党委\n日期：2023年12月31日\n"))))
    sig = next(p for p in d.paragraphs if p.text == "党委")
    date = next(p for p in d.paragraphs if p.text.startswith("2023"))
    assert int(date._p.pPr.find(qn("w:ind")).get(qn("w:rightChars"))) == 200
    sig_r = int(sig._p.pPr.find(qn("w:ind")).get(qn("w:rightChars")))
    assert sig_r == round((2 + 2 + (7 + 5 * 0.22) - 2) * 100)  # 7 characters plus five autospaces


def test_long_title_breaks_into_lines_inside_one_paragraph() -> None:
    title = "中共示例公司委员会关于印发基层党组织标准化规范化建设指导意见的通知"
    d = docx.Document(io.BytesIO(write_docx_bytes(parse_markup(f"# {title}\n正文。\n"))))
    p = d.paragraphs[0]
    assert p.text.replace("\n", "") == title
    lines = p.text.split("\n")
    assert len(lines) == 2 and all(len(line) <= 20 for line in lines)


def test_page_break_starts_the_next_paragraph_on_a_new_page() -> None:
    d = docx.Document(io.BytesIO(write_docx_bytes(parse_markup("甲。\n[分页]\n乙。\n"))))
    yi = next(p for p in d.paragraphs if p.text == "乙。")
    assert yi._p.pPr.find(qn("w:pageBreakBefore")) is not None


def test_output_is_deterministic_in_text() -> None:
    a = docx.Document(io.BytesIO(write_docx_bytes(parse_markup(FULL))))
    b = docx.Document(io.BytesIO(write_docx_bytes(parse_markup(FULL))))
    assert [p.text for p in a.paragraphs] == [p.text for p in b.paragraphs]


def test_document_xml_is_well_formed_for_word(data: bytes) -> None:
    """Children of w:rPr / w:pPr must be in schema order or Word refuses the file."""
    from lxml import etree

    root = etree.fromstring(_xml(data, "word/document.xml").encode())
    order_rpr = ["rFonts", "b", "bCs", "color", "spacing", "kern", "sz", "szCs", "lang"]
    for rpr in root.iter(f"{W}rPr"):
        names = [c.tag.replace(W, "") for c in rpr if c.tag.replace(W, "") in order_rpr]
        assert names == sorted(names, key=order_rpr.index)
    order_ppr = ["pStyle", "pageBreakBefore", "widowControl", "pBdr", "tabs", "autoSpaceDE", "autoSpaceDN",
                 "snapToGrid", "spacing", "ind", "jc", "outlineLvl"]  # fmt: skip
    for ppr in root.iter(f"{W}pPr"):
        names = [c.tag.replace(W, "") for c in ppr if c.tag.replace(W, "") in order_ppr]
        assert names == sorted(names, key=order_ppr.index)
