"""Titles and organ marks broken at word boundaries (GB/T 9704 7.2.1, 7.3.1 词意完整): names,
fixed terms and bound words stay whole, lines form a trapezoid or a diamond, and every line fits
the text block at its real width. tests/test_print_titles_office.py checks the same in LibreOffice."""

from __future__ import annotations

import io
import itertools
import re

import docx
import pytest
from docx.oxml.ns import qn

from assistant.document import gbt9704 as G
from assistant.document.docx_writer import write_docx_bytes
from assistant.document.markup import parse_markup
from assistant.document.paginate import paginate
from assistant.document.titlebreak import (
    MAX_TITLE_LINES,
    ORGAN_MARK_MIN_PT,
    break_title,
    fit_organ_mark,
    text_width_twips,
)

BLOCK = G.text_width_twips()


def _kept_whole(lines: list[str], phrase: str) -> bool:
    """Whether `phrase` sits on one line (a line break never falls inside it)."""
    return any(phrase in line for line in lines)


@pytest.mark.parametrize(
    ("title", "whole"),
    [
        # The cases: a term with a bound word, a method's name, an organ's name.
        ("共青团某市供电公司委员会关于开展“青春光明行”青年突击队和青年文明号创建活动的实施方案",
         ["青年文明号", "共青团某市供电公司委员会"]),
        ("中共某省直机关后勤服务保障中心委员会以“1234”党建工作法推动党建与业务同频共振", ["党建工作法", "以“1234”"]),
        ("以“1234”党建工作法推动党建与后勤业务同频共振的经验做法", ["党建工作法"]),
        ("中共某市疾病预防控制中心第三支部委员会2023年工作总结", ["中共某市疾病预防控制中心第三支部委员会"]),
        ("中共某中学第一党支部委员会换届选举工作方案", ["中共某中学第一党支部委员会"]),
        ("中共烟台海洋渔业集团有限公司委员会关于2022年落实全面从严治党主体责任情况的报告",
         ["中共烟台海洋渔业集团有限公司委员会", "全面从严治党"]),
        ("关于山东高速工程咨询集团有限公司员工思想状况的调研报告", ["山东高速工程咨询集团有限公司"]),
        # Fixed expressions jieba's short word list cuts (习近/平新) or splits (党风廉政|建设).
        ("中共聊城市供销合作社委员会关于开展学习贯彻习近平新时代中国特色社会主义思想主题教育的实施方案",
         ["习近平新时代中国特色社会主义思想", "中共聊城市供销合作社委员会"]),
        ("关于做好2024年党风廉政建设和反腐败工作的通知", ["党风廉政建设"]),
        ("关于强化政治监督推动决策部署落地见效的调研报告", ["决策部署"]),
        ("关于做好2023年元旦、春节期间困难职工帮扶慰问工作的通知", ["春节期间"]),
        # A name ends with its first Party organisation: what follows is the subject.
        ("中共某县人民医院委员会星级党支部创建实施方案", ["中共某县人民医院委员会", "星级党支部"]),
        ("红星领航丨市机关事务服务中心党委：以“红色管家”党建工作法推动党建与机关后勤服务同频共振",
         ["市机关事务服务中心党委", "党建工作法"]),
    ],
)  # fmt: skip
def test_names_terms_and_bound_words_stay_on_one_line(title: str, whole: list[str]) -> None:
    lines = break_title(title)
    assert "".join(lines) == title
    assert len(lines) > 1
    for phrase in whole:
        assert _kept_whole(lines, phrase), (phrase, lines)


def test_a_name_too_long_for_a_line_breaks_after_a_whole_organisation_in_it() -> None:
    # 21 characters: it cannot stay whole; never …有限公司|委员会, the issue's …|委员会 split.
    title = "中共威海国际经济技术合作集团有限公司委员会关于开展2023年形势任务教育宣讲活动的通知"
    lines = break_title(title)
    assert "".join(lines) == title
    assert lines[0] == "中共威海国际经济技术合作集团"
    assert not any(line.startswith("委员会") for line in lines)


def test_a_colon_or_a_series_label_is_where_a_title_breaks() -> None:
    assert break_title("国网某县供电公司：点亮“光明驿站”　温暖万家灯火") == ["国网某县供电公司：", "点亮“光明驿站”　温暖万家灯火"]
    lines = break_title("【“作风建设见行动”系列报道之八】公司工程管理部党支部：跑出项目建设“加速度”")
    assert lines[0] == "【“作风建设见行动”系列报道之八】" and "公司工程管理部党支部：" in lines[1]


def test_a_line_never_ends_with_a_one_character_verb_or_preposition() -> None:
    lines = break_title("【“理论宣讲进基层”系列报道之三】中共德州市陵城区委宣传部：让党的创新理论“飞入寻常百姓家”")
    assert not any(line.endswith(("让", "的", "以")) for line in lines[:-1]), lines
    assert _kept_whole(lines, "党的创新理论")


def _shape_ok(widths: list[float]) -> bool:
    """A trapezoid (rising or falling) or a diamond (the middle longest); no hourglass deeper
    than three characters (a shallow one is the price of a whole phrase)."""
    if len(widths) < 3:
        return True
    waist = min(widths[0], widths[-1]) - min(widths[1:-1])
    return waist <= 3


def _catalogue_titles() -> list[str]:
    from .test_catalogue import catalogue, render

    return [render(t.id)[1].title for t in catalogue()]


#: Words a line never starts with (they belong to the word before them), and endings a line
#: never has (an ordinal belongs to what follows: 第三|支部).
BOUND = ("委员会", "党支部", "支部委员会", "党委", "党组", "文明号", "工作法", "期间")
ORDINAL_END = re.compile(r"第[一二三四五六七八九十\d]+$")


def test_every_catalogue_title_breaks_between_words_in_a_good_shape() -> None:
    pitch = round(G.TITLE.size_pt * G.TWIPS_PER_PT) + G.CHAR_SPACING_TWIPS
    bad = []
    for title in _catalogue_titles():
        lines = break_title(title)
        assert "".join(lines).replace("\u3000", "") == title.replace("\u3000", "")
        widths = [text_width_twips(line, G.TITLE.size_pt) for line in lines]
        if max(widths) > BLOCK or len(lines) > MAX_TITLE_LINES:
            bad.append(f"too wide or long: {lines}")
        for a, b in itertools.pairwise(lines):
            if b.startswith(BOUND) or ORDINAL_END.search(a) or b[0] in "的、，。；：？！”）》" or a[-1] in "“（《以对":
                bad.append(f"bad break: {a}|{b}")
        if not _shape_ok([w / pitch for w in widths]):
            bad.append(f"hourglass: {lines}")
    assert not bad, "\n".join(bad)


def test_digits_are_measured_at_their_width() -> None:
    # 21 characters, four of them digits: narrower than 20 Chinese ones, so one line.
    title = "2023年度党风廉政建设工作总结会议纪要稿"
    assert len(title) > 20 and text_width_twips(title, G.TITLE.size_pt) <= BLOCK
    assert break_title(title) == [title]


# --- the organ mark (7.2.1) -------------------------------------------------------------------


def test_an_organ_mark_with_crosses_fits_one_line_at_its_real_width() -> None:
    # “×” is set full width in the mark's face: measured as half, this name got 30 pt and its
    # last character, 件, wrapped onto a second line.
    organ = "中共××集团有限公司委员会文件"
    mark = fit_organ_mark(organ)
    assert mark.lines == (organ,)
    assert text_width_twips(organ, mark.size_pt) <= BLOCK
    assert 28 <= mark.size_pt < 30
    assert mark.line_twips == G.ORGAN_MARK_LINE_TWIPS
    d = docx.Document(io.BytesIO(write_docx_bytes(parse_markup(f"---\n发文机关标志: {organ}\n---\n# 通知\n正文。\n"))))
    para = next(p for p in d.paragraphs if "××" in p.text)
    sizes = {r._r.rPr.find(qn("w:sz")).get(qn("w:val")) for r in para.runs if r.text}
    assert sizes == {str(round(mark.size_pt * 2))}
    assert not para._p.findall(".//" + qn("w:br"))


def test_a_short_organ_mark_keeps_the_default_size() -> None:
    assert fit_organ_mark("中共××委员会文件").size_pt == G.ORGAN_MARK.size_pt


def test_a_very_long_organ_mark_takes_two_lines_in_the_height_of_one() -> None:
    organ = "中共某市疾病预防控制中心第一支部委员会与某某有限公司委员会联合文件"
    mark = fit_organ_mark(organ)
    assert len(mark.lines) == 2 and "".join(mark.lines) == organ
    assert mark.lines[0] == "中共某市疾病预防控制中心第一支部委员会"  # broken after a whole name
    # On one line it would need type smaller than the two lines get.
    assert text_width_twips(organ, mark.size_pt) > BLOCK and mark.size_pt < ORGAN_MARK_MIN_PT
    assert all(text_width_twips(line, mark.size_pt) <= BLOCK for line in mark.lines)
    assert 2 * mark.line_twips == G.ORGAN_MARK_LINE_TWIPS  # the 版头 keeps its height on the grid
    markup = f"---\n发文机关标志: {organ}\n---\n# 通知\n正文。\n"
    d = docx.Document(io.BytesIO(write_docx_bytes(parse_markup(markup))))
    para = next(p for p in d.paragraphs if organ[:6] in p.text)
    assert len(para._p.findall(".//" + qn("w:br"))) == 1
    spacing = para._p.pPr.find(qn("w:spacing"))
    assert spacing.get(qn("w:line")) == str(mark.line_twips) and spacing.get(qn("w:lineRule")) == "exact"
    short = paginate(parse_markup("---\n发文机关标志: 中共××委员会文件\n---\n# 通知\n正文。\n"))
    assert paginate(parse_markup(markup)).used == short.used


def test_a_break_at_a_space_keeps_the_space_in_the_text_but_not_in_the_line() -> None:
    title = "市自来水公司党委：擦亮“清泉先锋”党建品牌　激发高质量发展动能"
    lines = break_title(title)
    assert "激发高质量发展动能" in lines and not any(line.startswith("\u3000") or line.endswith("\u3000") for line in lines)
    d = docx.Document(io.BytesIO(write_docx_bytes(parse_markup(f"# {title}\n正文。\n"))))
    para = d.paragraphs[0]
    assert para.text.replace("\n", "") == title  # copied from Word, the title reads the same
    (space,) = [r for r in para.runs if r.text == "\u3000"]
    assert space._r.rPr.find(qn("w:sz")).get(qn("w:val")) == "2"  # 1 pt: it does not move the centred line
