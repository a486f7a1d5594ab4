"""Title breaking (word boundaries, balanced shapes) and the plain-text preview."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.document.markup import parse_markup
from assistant.document.preview import cell_width, preview_text
from assistant.document.titlebreak import MAX_TITLE_CHARS, break_title


def test_a_short_title_stays_on_one_line() -> None:
    assert break_title("2022年度党风廉政建设工作总结") == ["2022年度党风廉政建设工作总结"]


def test_twenty_two_point_lines_hold_twenty_characters() -> None:
    assert MAX_TITLE_CHARS == 20


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        ("关于进一步加强党支部标准化规范化建设的通知", ["关于进一步加强党支部", "标准化规范化建设的通知"]),
        (
            "关于开展2023年度“作风建设见行动”系列宣传报道工作的通知",
            ["关于开展2023年度“作风建设见行动”", "系列宣传报道工作的通知"],
        ),
    ],
)
def test_long_titles_break_at_words_into_a_trapezoid(title: str, lines: list[str]) -> None:
    assert break_title(title) == lines


def test_book_titles_are_never_split() -> None:
    title = "中共示例集团有限公司委员会关于印发《基层党组织标准化规范化建设指导意见》的通知"
    lines = break_title(title)
    assert "".join(lines) == title
    assert any(line.startswith("《") and line.endswith("》") for line in lines) or any(
        "《基层党组织标准化规范化建设指导意见》" in line for line in lines
    )


def test_no_line_starts_with_a_particle_or_closing_mark_when_avoidable() -> None:
    for title in ("关于印发作风建设专项整治工作实施方案的通知", "关于做好2023年度党员发展和教育管理工作的通知"):
        for line in break_title(title)[1:]:
            assert line[0] not in "的和与及、，。）》”"


_han = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=1, max_size=70)


@settings(max_examples=60, deadline=None)
@given(_han)
def test_breaking_never_loses_or_reorders_characters(title: str) -> None:
    lines = break_title(title)
    assert "".join(lines) == title.strip()
    assert all(0 < len(line) <= MAX_TITLE_CHARS for line in lines)


def test_preview_applies_numbering_and_lays_out_the_document() -> None:
    doc = parse_markup(
        "# 关于开展主题党日活动的通知\n主送：各党支部\n## 活动主题\n### 学习内容\n#### 以学促干。正文。\n"
        "| 序号 | 内容 |\n| -- | ---- |\n| 1 | 学习党章 |\n附件：活动安排表\n落款：党委办公室\n日期：2023-05-04\n"
    )
    text = preview_text(doc)
    lines = text.splitlines()
    assert lines[0].strip() == "关于开展主题党日活动的通知"
    assert "各党支部：" in lines
    assert "\u3000\u3000一、活动主题" in lines
    assert "\u3000\u3000（一）学习内容" in lines
    assert "\u3000\u30001.以学促干。正文。" in lines
    assert any("学习党章" in line and line.startswith("│") for line in lines)
    assert "\u3000\u3000附件：活动安排表" in lines
    sig = next(line for line in lines if line.strip() == "党委办公室")
    date = next(line for line in lines if line.strip() == "2023年5月4日")
    assert cell_width(sig) <= 56 and cell_width(date) <= 56


def test_preview_table_columns_line_up_with_wide_characters() -> None:
    doc = parse_markup("| 序号 | 工作任务 |\n| -- | ---- |\n| 1 | 起草方案 |\n| 12 | 调度 |\n")
    rows = [line for line in preview_text(doc).splitlines() if line.startswith("│")]
    assert len({cell_width(r) for r in rows}) == 1


def test_a_figure_stays_with_its_unit() -> None:
    lines = break_title("在纪念五四运动104周年青年座谈会上的讲话", width=12)
    assert "".join(lines) == "在纪念五四运动104周年青年座谈会上的讲话"
    assert not any(line[-1].isdigit() for line in lines[:-1])


def test_title_segmentation_matches_jieba_on_its_known_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The per-title prefix dictionary gives jieba's own cut (built fresh in an empty cache)."""
    from assistant import segment

    monkeypatch.setenv("WENMI_HOME", str(tmp_path))
    segment._words.cache_clear()
    try:
        text = "中共示例集团有限公司委员会关于印发指导意见的通知"
        assert segment.cut(text) == list(segment.full_jieba().lcut(text, HMM=True))
        # 公文 terms jieba does not know as words are kept whole.
        assert "警示教育" in segment.cut("关于开展警示教育月活动的通知")
        assert segment.cut("关于召开2022年度党员领导干部民主生活会的实施方案")[-3:] == ["民主生活会", "的", "实施方案"]
        assert any(p.name.startswith("jieba-words") for p in (tmp_path / "cache").iterdir())
    finally:
        segment._words.cache_clear()


def test_wrapping_keeps_punctuation_off_line_starts() -> None:
    from assistant.document.preview import wrap_cells, wrap_text

    line = "\u3000\u3000" + "党建引领发展" * 3 + "，持续推进作风建设。"
    for width in range(8, 40):
        parts = wrap_cells(line, width)
        assert "".join(parts) == line
        assert all(p[0] not in "，。、；：" for p in parts[1:])
        assert all(cell_width(p) <= width for p in parts)
    assert wrap_text("短行\n" + line, 20).split("\n")[0] == "短行"
    parts = wrap_cells("开展员工思想状况调查，累计参与1131人次。", 30)
    assert any("1131" in p for p in parts)


def test_a_wide_preview_breaks_paragraphs_where_the_document_does() -> None:
    from assistant.document.linebreak import wrap_lines
    from assistant.document.preview import PRINT_CELLS, wrap_text

    text = "开展员工思想状况调查，累计参与1131人次，形成分析报告3份，提出改进建议12条，全部落实到位。" * 2
    folded = wrap_text("\u3000\u3000" + text, PRINT_CELLS).split("\n")
    assert [line.lstrip("\u3000") for line in folded] == [line for line in wrap_lines(text)]
    # A full first line (26 characters after the indent) takes its comma in, as print does (推入).
    hanging = "坚持党建引领发展" * 3 + "推动，持续推进作风建设。"
    first = wrap_text("\u3000\u3000" + hanging, PRINT_CELLS).split("\n")[0]
    assert first.endswith("推动，") and cell_width(first) == PRINT_CELLS
    # A narrower pane folds to its width, the comma going down with the character before it.
    narrow = wrap_text("\u3000\u3000" + hanging, PRINT_CELLS - 1).split("\n")
    assert narrow[0].endswith("推") and narrow[1].startswith("动，")
