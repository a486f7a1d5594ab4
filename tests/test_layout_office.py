"""Real-office layout: LibreOffice lays out what we wrote, and we measure it against GB/T 9704.

These run in CI (`.ci/run` installs LibreOffice and the CJK fonts and sets WENMI_REQUIRE_OFFICE).
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest

from assistant.document import gbt9704 as G
from assistant.document.markup import parse_markup
from assistant.document.model import Document
from assistant.render import write_output

from .office import Row, measure, require_office, to_pdf

pytestmark = pytest.mark.office

PARA = (
    "各级党组织要把作风建设摆在突出位置，坚持以上率下、以身作则，切实担负起主体责任，"
    "推动各项任务落地见效。要坚持问题导向，聚焦群众反映强烈的突出问题，逐项建立台账，"
    "明确责任单位和完成时限，做到问题不解决不松劲、整改不到位不收兵。要健全长效机制，"
    "把好经验好做法固化为制度成果，推动作风建设常态化长效化。"
)
SENTINEL = "本节内容到此结束。"

MARKUP = f"""---
发文机关标志: 中共示例集团有限公司委员会文件
发文字号: 示党发〔2023〕5号
抄送: 集团公司纪委，各部室
印发机关: 中共示例集团有限公司委员会办公室
印发日期: 2023年1月12日
---
# 关于全面践行“严、真、细、实、快”工作作风建设的实施方案
主送：各党总支、党支部
{PARA}
## 指导思想
{PARA}
### 提高政治站位
{PARA}
#### 以实施方案定方向。{PARA}
##### 细化工作举措
{PARA}
{PARA}
## 主要任务
### 压实工作责任
{PARA}
{PARA}
{PARA}
{PARA}
{PARA}
{PARA}
{PARA}
{PARA}
{SENTINEL}
[分页]
表：工作配档表
| 序号 | 工作任务 | 责任单位 | 完成时限 |
| -- | ---------- | ---- | ---- |
| 1 | 起草全面践行工作作风的实施方案 | 党群工作部 | 2023年3月 |
| 2 | 调度各单位制定践行举措 | 各党支部 | 2023年6月 |
附件：1.工作配档表
2.践行举措清单
落款：中共示例集团有限公司委员会
日期：2023年1月11日
"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[list[Row]]:
    require_office()
    work = tmp_path_factory.mktemp("office")
    docx = work / "layout.docx"
    write_output(parse_markup(MARKUP), docx)
    return measure(to_pdf(docx, work))


def _body(rows: list[Row]) -> list[Row]:
    return [r for r in rows if abs(r.size - G.BODY_SIZE_PT) < 0.6]


def _full_pages(pages: list[list[Row]]) -> list[list[Row]]:
    """Pages 2.. that the text runs through (page 1 has the red header and title)."""
    last = next(i for i, rows in enumerate(pages) if any(SENTINEL in r.text for r in rows))
    return pages[1:last]


def test_paper_is_a4(tmp_path: Path) -> None:
    require_office()
    docx = tmp_path / "a4.docx"
    write_output(parse_markup("# 标题\n正文。\n"), docx)
    import pdfplumber

    with pdfplumber.open(to_pdf(docx, tmp_path)) as pdf:
        page = pdf.pages[0]
        assert round(page.width * 25.4 / 72) == 210 and round(page.height * 25.4 / 72) == 297


def test_every_full_page_has_22_lines_at_the_grid_pitch(pages: list[list[Row]]) -> None:
    full = _full_pages(pages)
    assert len(full) >= 2, "the test document should run over several full pages"
    for rows in full:
        body = _body(rows)
        assert len(body) == G.LINES_PER_PAGE, [r.text[:10] for r in body]
        pitches = [b.bottom - a.bottom for a, b in zip(body, body[1:], strict=False)]
        assert statistics.median(pitches) == pytest.approx(G.TEXT_HEIGHT_MM / G.LINES_PER_PAGE, abs=0.15)


def test_full_lines_hold_28_characters(pages: list[list[Row]]) -> None:
    lines = [r for rows in _full_pages(pages) for r in _body(rows) if r.han >= 20 and r.x0 < G.MARGIN_LEFT_MM + 1]
    counts = Counter(len(r.text) for r in lines)
    assert counts.most_common(1)[0][0] == G.CHARS_PER_LINE
    # Justified: a full line reaches the right edge of the 156 mm block and never passes it.
    full = [r for r in lines if len(r.text) == G.CHARS_PER_LINE]
    right = G.MARGIN_LEFT_MM + G.TEXT_WIDTH_MM
    assert all(right - 1.2 <= r.x1 <= right + 0.3 for r in full), sorted({round(r.x1, 1) for r in full})


def test_text_block_starts_28mm_from_the_left_and_37mm_from_the_top(pages: list[list[Row]]) -> None:
    for rows in _full_pages(pages):
        body = _body(rows)
        assert min(r.x0 for r in body) == pytest.approx(G.MARGIN_LEFT_MM, abs=0.5)
        first, last = body[0], body[-1]
        # The first line's glyphs sit inside the first grid line of the 225 mm block…
        pitch = G.TEXT_HEIGHT_MM / G.LINES_PER_PAGE
        assert G.MARGIN_TOP_MM - 0.3 <= first.top <= G.MARGIN_TOP_MM + pitch - 4
        # …and the 22nd line ends inside the block.
        assert last.bottom <= G.MARGIN_TOP_MM + G.TEXT_HEIGHT_MM + 0.3


def test_body_paragraphs_are_indented_two_characters(pages: list[list[Row]]) -> None:
    starts = [r for rows in _full_pages(pages) for r in _body(rows) if r.text.startswith("各级党组织")]
    assert starts
    two_chars = 2 * G.char_pitch_pt() * G.MM_PER_PT
    for r in starts:
        assert r.x0 == pytest.approx(G.MARGIN_LEFT_MM + two_chars, abs=0.5)


def test_title_is_22pt_centred_in_the_title_face(pages: list[list[Row]]) -> None:
    title = [r for r in pages[0] if abs(r.size - G.TITLE.size_pt) < 0.6]
    assert len(title) == 2, "the long title breaks into two lines"
    assert "".join(r.text for r in title) == "关于全面践行“严、真、细、实、快”工作作风建设的实施方案"
    centre = G.MARGIN_LEFT_MM + G.TEXT_WIDTH_MM / 2
    for r in title:
        assert (r.x0 + r.x1) / 2 == pytest.approx(centre, abs=2.5)
        assert any("Serif" in f for f in r.fonts)


def test_headings_use_their_faces(pages: list[list[Row]]) -> None:
    rows = [r for p in pages for r in p]
    level1 = next(r for r in rows if r.text.startswith("一、指导思想"))
    level2 = next(r for r in rows if r.text.startswith("（一）提高政治站位"))
    body = next(r for r in rows if r.text.startswith("各级党组织"))
    assert any("Sans" in f for f in level1.fonts)  # 黑体
    assert any("Kai" in f for f in level2.fonts)  # 楷体
    assert any("Serif" in f for f in body.fonts) and not any("Sans" in f for f in body.fonts)  # 仿宋


def test_red_header_is_red_and_centred(tmp_path: Path) -> None:
    require_office()
    docx = tmp_path / "red.docx"
    write_output(parse_markup("---\n发文机关标志: 中共示例委员会文件\n发文字号: 示党发〔2023〕5号\n---\n# 通知\n正文。\n"), docx)
    import pdfplumber

    with pdfplumber.open(to_pdf(docx, tmp_path)) as pdf:
        chars = [c for c in pdf.pages[0].chars if c["size"] > 24]
        assert "".join(c["text"] for c in chars) == "中共示例委员会文件"
        assert chars and all(tuple(round(v, 2) for v in c["non_stroking_color"]) == (1, 0, 0) for c in chars)
        top = min(c["top"] for c in chars) * 25.4 / 72
        # 7.2.1: the mark's top edge 35 mm under the top of the text block (glyph bounds vary by face).
        assert top == pytest.approx(G.MARGIN_TOP_MM + G.ORGAN_MARK_TOP_MM, abs=4)
        # The 版头 is whole grid lines high, so the title (two lines under the red rule) and the
        # body after it sit on the grid in every suite, and the paginator knows where.
        from assistant.document.paginate import paginate, red_header_twips

        lines = red_header_twips("中共示例委员会文件") // G.LINE_PITCH_TWIPS
        title = [c for c in pdf.pages[0].chars if c["text"] == "通"][0]
        pitch = G.TEXT_HEIGHT_MM / G.LINES_PER_PAGE
        assert G.MARGIN_TOP_MM + lines * pitch < title["top"] * 25.4 / 72 < G.MARGIN_TOP_MM + (lines + 1) * pitch
        body = [c for c in pdf.pages[0].chars if c["text"] == "正"][0]
        assert body["top"] * 25.4 / 72 > G.MARGIN_TOP_MM + (lines + 2) * pitch
        assert paginate(parse_markup("---\n发文机关标志: 中共示例委员会文件\n---\n# 通知\n正文。\n")).used == (lines + 3) * G.LINE_PITCH_TWIPS


def test_page_numbers_sit_under_the_block_on_alternating_sides(pages: list[list[Row]]) -> None:
    dash = G.PAGE_NUMBER_DASH
    inset = G.PAGE_NUMBER.size_pt * G.MM_PER_PT
    for number, rows in enumerate(pages, start=1):
        (num,) = [r for r in rows if r.text == f"{dash}{number}{dash}"]
        assert num.size == G.PAGE_NUMBER.size_pt
        # 7.5: top 7 mm under the text block.
        assert num.top == pytest.approx(G.MARGIN_TOP_MM + G.TEXT_HEIGHT_MM + G.PAGE_NUMBER_GAP_MM, abs=1.0)
        if number % 2:
            assert num.x1 == pytest.approx(G.MARGIN_LEFT_MM + G.TEXT_WIDTH_MM - inset, abs=0.8)
        else:
            assert num.x0 == pytest.approx(G.MARGIN_LEFT_MM + inset, abs=0.8)


def test_table_fills_the_text_width_and_record_block_ends_the_last_page(pages: list[list[Row]]) -> None:
    last = pages[-1]
    header = next(r for r in last if r.text.startswith("序号"))
    assert header.size == G.TABLE_HEADER.size_pt
    cells = [r for r in last if abs(r.size - G.TABLE_CELL.size_pt) < 0.6 and "印发" not in r.text]
    assert min(r.x0 for r in cells) < G.MARGIN_LEFT_MM + 10
    assert max(r.x1 for r in cells) > G.MARGIN_LEFT_MM + G.TEXT_WIDTH_MM - 12
    # 版记 closes the last page, after the date, inside the text block. (Word and WPS float it to
    # the foot of the page via w:tblpPr; LibreOffice 7.4 places floating tables inline.)
    printed = next(r for r in last if r.text.endswith("印发"))
    cc = next(r for r in last if r.text.startswith("抄送"))
    date = next(r for r in last if r.text == "2023年1月11日")
    assert date.bottom < cc.top < printed.top
    assert printed.bottom <= G.MARGIN_TOP_MM + G.TEXT_HEIGHT_MM + 0.3
    assert printed.x1 == pytest.approx(G.MARGIN_LEFT_MM + G.TEXT_WIDTH_MM - G.RECORD.size_pt * G.MM_PER_PT, abs=3)


# --- 版记 on the last even page (7.4), and the page breaks that decide it ----------------------

RECORD_PARA = "各级党组织要把作风建设摆在突出位置，坚持以上率下、以身作则，切实担负起主体责任，推动各项任务落地见效。"


def _record_markup(paragraphs: int) -> str:
    body = "\n".join([RECORD_PARA] * paragraphs)
    return (
        "---\n抄送: 集团公司纪委，各部室\n印发机关: 中共示例集团有限公司委员会办公室\n印发日期: 2023年1月12日\n---\n"
        f"# 关于开展作风建设的通知\n主送：各党支部\n{body}\n落款：中共示例集团有限公司委员会\n日期：2023年1月11日\n"
    )


def _record_cases() -> dict[str, str]:
    """For each placement, the shortest and the longest body that gets it (the second fills its
    page to the last line), found by the paginator and checked below."""
    from assistant.document.paginate import paginate

    runs: list[tuple[str, list[str]]] = []
    for n in range(1, 30):
        text = _record_markup(n)
        placement = paginate(parse_markup(text)).record
        assert placement is not None
        if runs and runs[-1][0] == placement:
            runs[-1][1].append(text)
        else:
            runs.append((placement, [text]))
    cases: dict[str, str] = {}
    for placement, texts in runs[:3]:
        cases[f"{placement}-first"], cases[f"{placement}-last"] = texts[0], texts[-1]
    assert [p for p, _ in runs[:3]] == ["next", "same", "blank"]
    return cases


@pytest.fixture(scope="module")
def record_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, object]]:
    require_office()
    from .office import to_pdfs

    work = tmp_path_factory.mktemp("record")
    docs = {name: parse_markup(text) for name, text in _record_cases().items()}
    for name, doc in docs.items():
        write_output(doc, work / f"{name}.docx")
    pdfs = to_pdfs([work / f"{name}.docx" for name in docs], work)
    return {name: (pdf, docs[name]) for name, pdf in zip(docs, pdfs, strict=True)}


@pytest.mark.parametrize("placement", ["next", "same", "blank"])
@pytest.mark.parametrize("body", ["first", "last"])
def test_record_block_closes_the_last_even_page(
    record_pdfs: dict[str, tuple[Path, object]], placement: str, body: str
) -> None:
    from assistant.document.paginate import paginate

    from .office import rules

    pdf, doc = record_pdfs[f"{placement}-{body}"]
    plan = paginate(doc)  # type: ignore[arg-type]
    pages, lines = measure(pdf), rules(pdf)
    assert len(pages) == plan.pages and len(pages) % 2 == 0
    last = pages[-1]
    cc = next(r for r in last if r.text.startswith("抄送"))
    printed = next(r for r in last if r.text.endswith("印发"))
    # Three rules: over 抄送, between the rows, and the last on the block's bottom edge.
    block_bottom = G.MARGIN_TOP_MM + G.TEXT_HEIGHT_MM
    assert len(lines[-1]) == 3
    assert lines[-1][-1] == pytest.approx(block_bottom, abs=0.5)
    assert lines[-1][0] < cc.top < lines[-1][1] < printed.top < block_bottom
    numbers = [[r.text for r in rows if r.text.startswith(G.PAGE_NUMBER_DASH)] for rows in pages]
    date = next(r for rows in pages for r in rows if r.text == "2023年1月11日")
    if placement == "same":
        # The body ends on an even page with room: the 版记 closes that page, which keeps its number.
        assert date.page == len(pages) and date.bottom < cc.top
        assert numbers[-1] == [f"{G.PAGE_NUMBER_DASH}{len(pages)}{G.PAGE_NUMBER_DASH}"]
    elif placement == "next":
        # The body ends on an odd page: the 版记 takes the next page alone, numbered in sequence.
        assert date.page == len(pages) - 1
        assert [r.text for r in last if not r.text.startswith(G.PAGE_NUMBER_DASH)] == [cc.text, printed.text]
        assert numbers[-1] == [f"{G.PAGE_NUMBER_DASH}{len(pages)}{G.PAGE_NUMBER_DASH}"]
    else:
        # The body fills an even page: a blank page, then the 版记 page, neither numbered (7.5).
        assert date.page == len(pages) - 2
        assert pages[-2] == [] and numbers[-1] == []
        assert numbers[-3] == [f"{G.PAGE_NUMBER_DASH}{len(pages) - 2}{G.PAGE_NUMBER_DASH}"]


def _lines_down_to(glyph_bottom_mm: float) -> int:
    """Grid lines from the top of the block through the line whose glyphs end at `glyph_bottom_mm`
    (glyphs end about 0.3 of a line above the line's foot)."""
    pitch = G.TEXT_HEIGHT_MM / G.LINES_PER_PAGE
    return round((glyph_bottom_mm - G.MARGIN_TOP_MM) / pitch + 0.3)


# --- The whole catalogue and the stress documents, in one LibreOffice run -----------------------

FILLER = "各级党组织要把作风建设摆在突出位置。"  # one line
LONG = "各级党组织要把作风建设摆在突出位置，坚持以上率下、以身作则，切实担负起主体责任，推动各项任务落地见效。"


def _stress_documents() -> dict[str, str]:
    """Markup that puts headings, table titles, 附件说明 and the 落款 at every line near a page's
    end, so that keeping them together is tested where it matters."""
    head = "---\n编号: 无\n---\n"
    docs: dict[str, str] = {}
    for n in range(17, 23):
        body = "\n".join([FILLER] * n)
        docs[f"heading-{n}"] = f"{head}{body}\n## 主要任务\n### 压实工作责任\n{LONG}\n{FILLER}\n"
        docs[f"caption-{n}"] = (
            f"{head}{body}\n表：工作配档表\n| 序号 | 工作任务 | 完成时限 |\n| -- | -------- | ---- |\n"
            f"| 1 | 起草实施方案 | 2023年3月 |\n| 2 | 调度各单位制定践行举措 | 2023年6月 |\n{FILLER}\n"
        )
        docs[f"signature-{n}"] = f"{head}{body}\n落款：中共示例集团有限公司委员会\n日期：2023-01-11\n"
        docs[f"long-tail-{n}"] = f"{head}{body}\n{LONG * 2}\n落款：中共示例集团有限公司委员会\n日期：2023-01-11\n"
        docs[f"attachments-{n}"] = (
            f"{head}{body}\n附件：1.工作配档表\n2.践行举措清单\n3.考核评分表\n落款：中共示例委员会\n日期：2023-01-11\n"
        )
    docs["table-headers"] = (
        f"{head}表：考核评分表\n| 序号 | 考核内容 | 责任单位 | 时间安排 | 分值 | 整改完成时限 |\n| - | ------------ | - | - | - | - |\n"
        "| 1 | 线上学习、线下研讨相结合，每月开展集中学习不少于2次 | 党群工作部 | 2023年3月 | 10 | 2023年6月30日前 |\n"
        "| 2 | 建立问题台账，逐项销号 | 各党支部 | 全年 | 5 | 长期坚持 |\n"
    )
    han = "党建工作责任制考核细则" * 10
    lone = [han[:26] + "事。", han[:54] + "事。", han[:52] + "94项。", han[:54] + "导。”"]
    docs["lone-characters"] = head + "\n".join(lone * 3) + "\n"
    return docs


@dataclass
class Printed:
    doc: Document
    docx: Path
    pdf: Path

    @cached_property
    def pages(self) -> list[list[Row]]:
        return measure(self.pdf)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Printed]:
    """Every catalogue sample and every stress document, laid out by one LibreOffice process."""
    require_office()
    from .office import to_pdfs
    from .test_catalogue import catalogue, render

    work = tmp_path_factory.mktemp("printed")
    docs = {t.id: render(t.id)[1] for t in catalogue()}
    docs |= {name: parse_markup(text) for name, text in _stress_documents().items()}
    for name, doc in docs.items():
        write_output(doc, work / f"{name}.docx")
    pdfs = to_pdfs([work / f"{name}.docx" for name in docs], work)
    return {name: Printed(doc, work / f"{name}.docx", pdf) for (name, doc), pdf in zip(docs.items(), pdfs, strict=True)}


def test_paginator_agrees_with_libreoffice_on_every_catalogue_sample(printed: dict[str, Printed]) -> None:
    """The 版记's page depends on where the body ends, so the paginator must know it to the line."""
    from assistant.document.paginate import paginate

    wrong = []
    for name, p in printed.items():
        plan, pages = paginate(p.doc), p.pages
        text = [r for r in pages[-1] if not r.text.startswith(G.PAGE_NUMBER_DASH)]
        lines = _lines_down_to(max(r.bottom for r in text))
        if (len(pages), lines) != (plan.pages, plan.used // G.LINE_PITCH_TWIPS):
            wrong.append(f"{name}: LibreOffice {len(pages)} pages, {lines} lines; paginator {plan.pages}, {plan.used // G.LINE_PITCH_TWIPS}")
    assert not wrong, "\n".join(wrong)


#: Marks a reader must see: every one in the .docx is printed.
MARKS = set("，。、；：？！“”‘’（）《》〔〕")


def _docx_text(docx: Path) -> str:
    import re
    import zipfile

    with zipfile.ZipFile(docx) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def test_every_punctuation_mark_is_printed(printed: dict[str, Printed]) -> None:
    """No mark hangs past the edge (where LibreOffice does not draw it): the marks of the PDF's
    text are the .docx's, mark for mark."""
    lost = {}
    for name, p in printed.items():
        written = Counter(c for c in _docx_text(p.docx) if c in MARKS)
        shown = Counter(c for rows in p.pages for r in rows for c in r.text if c in MARKS)
        if written != shown:
            lost[name] = dict((written - shown) + (shown - written))
    assert not lost, lost


def _body_rows(rows: list[Row]) -> list[Row]:
    return [r for r in rows if not r.text.startswith(G.PAGE_NUMBER_DASH)]


def test_no_heading_or_table_title_is_the_last_line_of_a_page(printed: dict[str, Printed]) -> None:
    """背题: a heading on its own line, or a table's title, never ends a page its text does not."""
    from assistant.document.model import Heading, Table
    from assistant.document.paginate import keeps_with_next

    found = []
    for name, p in printed.items():
        titles = [b.label for b in p.doc.blocks if isinstance(b, Heading) and keeps_with_next(b)]
        titles += [b.caption for b in p.doc.blocks if isinstance(b, Table) and b.caption]
        for number, rows in enumerate(p.pages[:-1], start=1):
            body = _body_rows(rows)
            if body and any(t.replace("\u3000", "").endswith(body[-1].text) for t in titles):
                found.append(f"{name} p.{number}: {body[-1].text}")
    assert not found, found
    assert len([n for n in printed if n.startswith(("heading-", "caption-"))]) == 12


def test_no_paragraph_ends_with_a_lone_character(printed: dict[str, Printed]) -> None:
    """孤字: no body line holds one character and its marks (事。)."""
    import re

    lone = re.compile(r"[\u4e00-\u9fff][，。、；：？！”’）》]*")
    found = [
        f"{name}: {r.text}"
        for name, p in printed.items()
        for rows in p.pages
        for r in rows
        if abs(r.size - G.BODY_SIZE_PT) < 0.6 and lone.fullmatch(r.text)
    ]
    assert not found, found
    assert "lone-characters" in printed


def test_table_headers_are_never_broken_inside_a_word(printed: dict[str, Printed]) -> None:
    """A header of up to six characters stays on one line (序号, not 序/号)."""
    from assistant.document.model import Table
    from assistant.document.paginate import HEADER_WHOLE_CHARS

    broken = []
    for name, p in printed.items():
        rows = [r.text for page in p.pages for r in page if abs(r.size - G.TABLE_HEADER.size_pt) < 0.6]
        for table in (b for b in p.doc.blocks if isinstance(b, Table)):
            for header in table.header:
                if len(header) <= HEADER_WHOLE_CHARS and not any(header in r for r in rows):
                    broken.append(f"{name}: {header}")
    assert not broken, broken
    assert "table-headers" in printed


def test_signature_and_date_share_a_page_with_the_body(printed: dict[str, Printed]) -> None:
    """7.3.5: the 署名 and the 成文日期 on one page, which also holds the line before them when it
    is a short paragraph (paginate.TAIL_KEEP_LINES), and a longer one when the 署名 would
    otherwise open a page (paginate.tail_keeps); the 附件说明 lines together."""
    apart = []
    for name, p in printed.items():
        d = p.doc
        if not (d.signature and d.date):
            continue
        where = {r.text: r.page for rows in p.pages for r in rows}
        sig, date = where.get(d.signature.replace("\u3000", "")), where.get(d.date)
        if sig is None or sig != date:
            apart.append(f"{name}: 署名 p.{sig}, 日期 p.{date}")
        lines = _body_rows(p.pages[date - 1]) if date else []
        if lines and lines[0].text == d.signature.replace("\u3000", ""):
            apart.append(f"{name}: the 署名 opens page {date}")
        if d.attachments:
            names = [f"{n}.{a}" for n, a in enumerate(d.attachments[1:], start=2)]
            pages = {r.page for rows in p.pages for r in rows if r.text.startswith("附件：") or r.text in names}
            if len(pages) != 1:
                apart.append(f"{name}: 附件说明 on pages {sorted(pages)}")
    assert not apart, apart


def test_paginator_knows_where_the_full_document_ends(pages: list[list[Row]]) -> None:
    """Red header, title, headings, a page break, a table, attachments, 落款 and 版记 together."""
    from assistant.document.paginate import paginate

    plan = paginate(parse_markup(MARKUP))
    assert len(pages) == plan.pages
    date = next(r for rows in pages for r in rows if r.text == "2023年1月11日")
    assert date.page == plan.body_pages
    assert _lines_down_to(date.bottom) == plan.used // G.LINE_PITCH_TWIPS
