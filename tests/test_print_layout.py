"""Print fidelity in the .docx: marks kept inside the block (推入), keep-together, and the
paginator that models both. tests/test_layout_office.py checks the same in LibreOffice."""

from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn

from assistant.document import gbt9704 as G
from assistant.document.docx_writer import write_docx_bytes
from assistant.document.linebreak import break_lines
from assistant.document.markup import parse_markup
from assistant.document.paginate import paginate, tail_keeps

LINE = G.LINE_PITCH_TWIPS
HAN = "党建工作责任制考核细则" * 20
FILLER = "各级党组织要把作风建设摆在突出位置。"  # one line


def _open(markup: str) -> docx.document.Document:
    return docx.Document(io.BytesIO(write_docx_bytes(parse_markup(markup))))


def _spacing(run: object) -> str | None:
    el = run._r.rPr.find(qn("w:spacing"))  # type: ignore[attr-defined]
    return None if el is None else str(el.get(qn("w:val")))


def test_no_suite_is_asked_to_hang_a_mark() -> None:
    # Written as Word's default; LibreOffice reads it inverted, and then pushes instead of hanging.
    d = _open("正文。\n")
    ppr = d.styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    assert ppr.find(qn("w:overflowPunct")).get(qn("w:val")) == "1"


def test_the_line_that_takes_a_mark_in_is_a_run_of_its_own_set_tighter() -> None:
    text = HAN[:26] + "，" + HAN[:40] + "。"
    (para,) = [p for p in _open(text + "\n").paragraphs if p.text]
    assert para.text == text
    first, rest = para.runs
    assert first.text == HAN[:26] + "，" and rest.text == HAN[:40] + "。"
    assert _spacing(first) == str(break_lines(text)[0].spacing) and int(_spacing(first) or 0) < G.CHAR_SPACING_TWIPS
    assert _spacing(rest) is None  # the style's −5 twips


def test_a_tight_line_inside_a_bold_lead_and_a_review_run_keeps_their_emphasis() -> None:
    lead = "以“实施方案”定方向。"
    text = lead + HAN[: 26 - len(lead)] + "，" + HAN[:10]
    d = _open(f"**{lead}**{text[len(lead):]}\n")
    (para,) = [p for p in d.paragraphs if p.text]
    assert para.text == text
    assert [bool(r.bold) for r in para.runs] == [True, False, False]
    assert para.runs[0].text == lead and para.runs[0].bold and _spacing(para.runs[0]) == _spacing(para.runs[1])
    d = _open(f"[示例]{HAN[:26]}，{HAN[:10]}[/示例]\n")
    (para,) = [p for p in d.paragraphs if p.text]
    pieces = [r for r in para.runs if r.text]  # (and the comment's reference mark)
    assert len(pieces) == 2 and all(r._r.rPr.find(qn("w:highlight")) is not None for r in pieces)
    assert len(d.comments) == 1  # one comment over both pieces


def _keeps(para: object) -> tuple[bool, bool]:
    ppr = para._p.pPr  # type: ignore[attr-defined]
    style = para.style.element.find(qn("w:pPr"))  # type: ignore[attr-defined]

    def on(tag: str) -> bool:
        for where in (ppr, style):
            el = where.find(qn(tag)) if where is not None else None
            if el is not None:
                return el.get(qn("w:val")) not in ("0", "false")
        return False

    return on("w:keepNext"), on("w:keepLines")


def test_headings_and_table_titles_keep_with_what_follows() -> None:
    d = _open("## 主要任务\n### 压实工作责任\n#### 以“实施方案”定方向。收到文件后迅速起草。\n正文。\n表：工作配档表\n| 序号 | 事项 |\n| -- | -- |\n| 1 | 甲 |\n")
    by_text = {p.text: p for p in d.paragraphs if p.text}
    assert _keeps(by_text["一、主要任务"]) == (True, True)
    assert _keeps(by_text["（一）压实工作责任"]) == (True, True)
    # A heading with run-in text is a paragraph like any other.
    assert _keeps(by_text["1.以“实施方案”定方向。收到文件后迅速起草。"]) == (False, False)
    assert _keeps(by_text["工作配档表"]) == (True, True)
    assert _keeps(by_text["正文。"]) == (False, False)


def test_signature_keeps_with_the_date_and_a_short_last_paragraph_with_both() -> None:
    d = _open("正文。\n落款：中共示例委员会\n日期：2023-01-11\n")
    paras = d.paragraphs
    i = next(i for i, p in enumerate(paras) if p.text == "中共示例委员会")
    assert _keeps(paras[i]) == (True, False) and _keeps(paras[i + 1]) == (False, False)
    assert paras[i - 1].text == "" and _keeps(paras[i - 1])[0]
    assert paras[i - 2].text == "正文。" and _keeps(paras[i - 2]) == (True, True)
    # A long last paragraph is not moved: the 署名 may open a page, the date still with it.
    long = HAN[:200] + "。"
    d = _open(f"{long}\n落款：中共示例委员会\n日期：2023-01-11\n")
    paras = d.paragraphs
    i = next(i for i, p in enumerate(paras) if p.text == "中共示例委员会")
    assert _keeps(paras[i])[0] and not _keeps(paras[i - 1])[0] and not _keeps(paras[i - 2])[0]


def test_attachment_lines_keep_together() -> None:
    d = _open("正文。\n附件：1.甲表\n2.乙表\n3.丙表\n")
    lines = [p for p in d.paragraphs if p.text.startswith(("附件：", "2.", "3."))]
    assert [_keeps(p)[0] for p in lines] == [True, True, False]


def test_the_paginator_moves_a_heading_at_a_page_foot_to_the_next_page() -> None:
    for n in range(22):
        doc = parse_markup("---\n编号: 无\n---\n" + "\n".join([FILLER] * n) + f"\n## 标题\n{FILLER}\n")
        plan = paginate(doc)
        if n == 21:  # the heading would be line 22, its text on page 2: both go to page 2
            assert (plan.pages, plan.used) == (2, 2 * LINE)
        else:
            assert (plan.pages, plan.used) == (1, (n + 2) * LINE), n


def test_the_paginator_keeps_heading_chains_and_table_titles_together() -> None:
    body = "\n".join([FILLER] * 20)
    plan = paginate(parse_markup(f"{body}\n## 甲\n### 乙\n{FILLER}\n"))
    assert (plan.pages, plan.used) == (2, 3 * LINE)
    table = "表：工作配档表\n| 序号 | 事项 |\n| -- | -- |\n| 1 | 甲 |\n"
    plan = paginate(parse_markup(f"{body}\n{FILLER}\n{table}"))
    assert (plan.pages, plan.used) == (2, 3 * LINE)  # title, header, one row


def test_the_paginator_keeps_the_signature_and_date_together() -> None:
    tail = "落款：中共示例委员会\n日期：2023-01-11\n"
    for n in range(17, 23):
        doc = parse_markup("\n".join([FILLER] * n) + "\n" + tail)
        assert tail_keeps(doc)
        plan = paginate(doc)
        # n lines, an empty one, 署名, 日期: when they do not fit, the last body line goes along.
        assert (plan.pages, plan.used // LINE) == ((1, n + 3) if n + 3 <= 22 else (2, 4)), n
    long = HAN[:200] + "。"  # 8 lines: moved only when the 落款 would stand alone (GB/T 9704 7.3.5)
    doc = parse_markup("\n".join([FILLER] * 11) + f"\n{long}\n{tail}")
    assert not tail_keeps(doc)
    assert (paginate(doc).pages, paginate(doc).used) == (1, 22 * LINE)
    for n in (12, 13, 14):  # the 署名 would open page 2: the whole paragraph goes along
        doc = parse_markup("\n".join([FILLER] * n) + f"\n{long}\n{tail}")
        assert tail_keeps(doc)
        assert (paginate(doc).pages, paginate(doc).used) == (2, 11 * LINE), n
        paras = _open("\n".join([FILLER] * n) + f"\n{long}\n{tail}").paragraphs
        last = next(p for p in paras if p.text == long)
        assert _keeps(last) == (True, True), n


def test_no_paragraph_ends_with_a_lone_character() -> None:
    # 孤字: the line before gives the last line its last character, set a little looser.
    for text, n in ((HAN[:26] + "事。", 2), (HAN[: 26 + 28] + "事。", 3), (HAN[: 26 + 26] + "94项。", 3)):
        lines = break_lines(text)
        assert "".join(line.text for line in lines) == text
        assert len(lines) == n and len(lines[-1].text) >= 3, lines  # the paragraph keeps its lines
        assert lines[-2].loose and lines[-2].spacing - G.CHAR_SPACING_TWIPS <= 20
    # A lone character after a line that took a mark in is left alone (no line may do both).
    lines = break_lines(HAN[:26] + "，事。")
    assert lines[-1].text == "事。" and lines[-2].tight


def test_the_looser_line_is_a_run_of_its_own() -> None:
    text = HAN[: 26 + 28] + "事。"
    (para,) = [p for p in _open(text + "\n").paragraphs if p.text]
    lines = break_lines(text)
    assert [r.text for r in para.runs] == [lines[0].text, lines[1].text, lines[2].text]
    assert _spacing(para.runs[1]) == str(lines[1].spacing) and int(_spacing(para.runs[1]) or 0) > G.CHAR_SPACING_TWIPS
