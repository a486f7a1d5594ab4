"""Titles and organ marks as LibreOffice prints them: every line breaks where the writer broke
it (at a word boundary, tests/test_titlebreak.py) and no suite breaks it again; the organ mark
with ×× stays on one line, a very long one takes two lines in the height of one. All documents
are laid out by one LibreOffice process."""

from __future__ import annotations

import pytest

from assistant.document import gbt9704 as G
from assistant.document.markup import parse_markup
from assistant.document.titlebreak import break_title, fit_organ_mark
from assistant.render import write_output

from .office import Row, measure, require_office, to_pdfs

pytestmark = pytest.mark.office

CROSSES = "中共××集团有限公司委员会文件"
JOINT = "中共某市疾病预防控制中心第一支部委员会与某某有限公司委员会联合文件"
STRESS_TITLES = [
    "共青团某市供电公司委员会关于开展“青春光明行”青年突击队和青年文明号创建活动的实施方案",
    "中共某省直机关后勤服务保障中心委员会以“1234”党建工作法推动党建与业务同频共振",
    "中共威海国际经济技术合作集团有限公司委员会关于开展2023年形势任务教育宣讲活动的通知",
    "国网某县供电公司：点亮“光明驿站”　温暖万家灯火",
]


def _titles() -> list[str]:
    from .test_catalogue import catalogue, render

    return [render(t.id)[1].title for t in catalogue()] + STRESS_TITLES


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[list[Row]]]:
    require_office()
    work = tmp_path_factory.mktemp("titles")
    docs = {f"title-{i}": f"# {title}\n正文。\n" for i, title in enumerate(_titles())}
    for name, organ in (("crosses", CROSSES), ("joint", JOINT), ("short", "中共××委员会文件")):
        docs[f"organ-{name}"] = f"---\n发文机关标志: {organ}\n发文字号: 示党发〔2023〕5号\n---\n# 关于开展作风建设的通知\n正文。\n"
    for name, text in docs.items():
        write_output(parse_markup(text), work / f"{name}.docx", fonts="gb2312")
    pdfs = to_pdfs([work / f"{name}.docx" for name in docs], work)
    return {name: measure(pdf) for name, pdf in zip(docs, pdfs, strict=True)}


def _title_rows(pages: list[list[Row]]) -> list[str]:
    return [r.text for r in pages[0] if abs(r.size - G.TITLE.size_pt) < 0.6]


def test_titles_print_in_the_lines_the_writer_broke_them_into(printed: dict[str, list[list[Row]]]) -> None:
    wrong = []
    for i, title in enumerate(_titles()):
        want = [line.replace("\u3000", "").replace(" ", "") for line in break_title(title)]
        got = _title_rows(printed[f"title-{i}"])
        if got != want:
            wrong.append(f"{title}: printed {got}, written {want}")
    assert not wrong, "\n".join(wrong)
    assert len(_titles()) >= 85 + len(STRESS_TITLES)


def _red_rows(pages: list[list[Row]]) -> list[Row]:
    return [r for r in pages[0] if r.size > G.BODY_SIZE_PT + 1 and r.size != G.TITLE.size_pt]


def test_an_organ_mark_with_crosses_stays_on_one_line(printed: dict[str, list[list[Row]]]) -> None:
    (row,) = _red_rows(printed["organ-crosses"])
    assert row.text == CROSSES
    assert row.x0 >= G.MARGIN_LEFT_MM - 0.5 and row.x1 <= G.MARGIN_LEFT_MM + G.TEXT_WIDTH_MM + 0.5
    assert row.size == pytest.approx(fit_organ_mark(CROSSES).size_pt, abs=0.3)


def test_a_very_long_organ_mark_takes_two_lines_and_the_title_keeps_its_place(
    printed: dict[str, list[list[Row]]],
) -> None:
    rows = _red_rows(printed["organ-joint"])
    assert [r.text for r in rows] == list(fit_organ_mark(JOINT).lines)
    # The 版头 is as high as with a one-line mark: the title sits on the same grid line.
    titles = {name: next(r for r in printed[name][0] if r.size == G.TITLE.size_pt) for name in ("organ-joint", "organ-short")}
    assert titles["organ-joint"].top == pytest.approx(titles["organ-short"].top, abs=0.5)
