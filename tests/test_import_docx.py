"""Drafting a workbook from last year's .docx: headings become sections, figure sentences achievements."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import WenmiError
from assistant.ledger.figures import figure_sentence
from assistant.ledger.files import load_workbook
from assistant.ledger.importers import (
    find_figures,
    fullwidth_punctuation,
    import_docx,
    sentence_achievement,
    split_outside_quotes,
)


def make_docx(path: Path, *, table: bool = False) -> Path:
    from docx import Document

    doc = Document()
    doc.add_paragraph("党群工作部（党委统战部）：以“四高”落实工作作风建设")
    doc.add_paragraph("2022年以来，党群工作部（党委统战部）深入贯彻公司党委部署要求，聚力提升工作作风。")
    doc.add_heading("提高站位　高标准制定工作措施", level=1)
    doc.add_paragraph(
        "以“实施方案”定方向。收到上级文件后，迅速起草实施方案，提出“标准严格、程序严谨；认真负责”等15个工作目标，"
        "指导各级党组织完成方案制定。"
    )
    doc.add_paragraph(
        "以“责任清单”促落实。累计调度各单位、各部室制定践行举措600余条，形成层层抓落实的工作格局。"
    )
    doc.add_paragraph("二、压实责任　高规格加强组织领导")
    doc.add_paragraph(
        "思想引领，推动知责于心。2022年度开展员工思想状况调查2次，累计参与1131人次，凝聚共识。"
        "完成党务工作能力提升专项培训2次、党员发展对象考试1次，参训318人次，实现组工干部100%覆盖。"
    )
    doc.add_paragraph("疫情期间，协助销售滞销蔬菜2万余斤，精准服务乡村振兴战略。")
    doc.add_paragraph("没有数字的段落不会成为成效。")
    if table:
        t = doc.add_table(rows=2, cols=3)
        for cell, text in zip(t.rows[0].cells, ["事项", "数量", "单位"], strict=True):
            cell.text = text
        for cell, text in zip(t.rows[1].cells, ["开展廉洁警示教育", "4", "场"], strict=True):
            cell.text = text
    doc.save(str(path))
    return path


class TestSentences:
    def test_figures_in_running_text(self) -> None:
        figs = find_figures(
            "2022年度开展调查2次，累计参与1131人次，协助销售2万余斤，每月25日前调度，第3期，近100人"
        )
        assert [(f.value, f.unit, f.qualifier) for f in figs] == [
            (2, "次", ""), (1131, "人次", ""), (20000, "斤", "余"), (100, "人", "近")
        ]  # fmt: skip

    def test_split_respects_quotes(self) -> None:
        parts = split_outside_quotes("提出“严格、严谨，负责”等15个目标，指导制定", "，")
        assert parts == [("提出“严格、严谨，负责”等15个目标", "，"), ("指导制定", "")]

    def test_reference_pattern(self) -> None:
        a = sentence_achievement("2022年度开展员工思想状况调查2次，累计参与1131人次，凝聚共识、集聚智慧。")
        assert a is not None
        assert a.title == "开展员工思想状况调查"
        assert [(m.label, m.value, m.unit, m.qualifier) for m in a.metrics] == [
            ("调查", 2, "次", ""),
            ("参与", 1131, "人次", "累计"),
        ]
        assert a.detail == "凝聚共识、集聚智慧"
        assert figure_sentence(a) == "开展员工思想状况调查2次，累计参与1131人次，凝聚共识、集聚智慧。"

    def test_enumerated_figures(self) -> None:
        a = sentence_achievement("完成专项培训2次、党员发展对象考试1次，参训318人次，实现组工干部100%覆盖。")
        assert a is not None
        assert [m.text() for m in a.metrics] == ["2次", "1次", "318人次", "100%"]
        assert a.title == "完成专项培训"
        sentence = figure_sentence(a)
        for figure in ("2次", "1次", "318人次", "100%"):
            assert figure in sentence

    def test_figure_inside_clause_keeps_the_clause(self) -> None:
        a = sentence_achievement("针对7方面党建工作，制定85个工作模板。")
        assert a is not None
        assert [(m.label, m.text()) for m in a.metrics] == [("党建工作", "7方面"), ("工作模板", "85个")]
        assert figure_sentence(a) == "针对7方面党建工作，制定85个工作模板。"

    def test_qualified_figure_with_adverb(self) -> None:
        a = sentence_achievement("研究制定具体措施，累计调度各部室制定践行举措600余条。")
        assert a is not None
        assert a.metrics[0].text() == "600余条"
        assert "600余条" in figure_sentence(a)

    def test_web_copy_punctuation_made_full_width(self) -> None:
        text = "党群工作部(党委统战部)深入贯彻,聚力提升;发布时间:2023-01-11, see (a, b)"
        assert (
            fullwidth_punctuation(text)
            == "党群工作部（党委统战部）深入贯彻，聚力提升；发布时间:2023-01-11, see (a, b)"
        )

    def test_no_figures(self) -> None:
        assert sentence_achievement("以“实施方案”定方向。") is None
        assert sentence_achievement("2022年10月14日召开发布会。") is None


class TestDocx:
    def test_draft_from_document(self, tmp_path: Path) -> None:
        wb = import_docx(make_docx(tmp_path / "去年总结.docx"))
        assert wb.unit == "党群工作部（党委统战部）"
        assert wb.period == "2022年"
        titles = [a.title for a in wb.achievements]
        assert titles == [
            "收到上级文件后，迅速起草实施方案，提出“标准严格、程序严谨；认真负责”等15个工作目标",
            "累计调度各单位、各部室制定践行举措",  # kept as written: the sentence reads back unchanged
            "开展员工思想状况调查",
            "完成党务工作能力提升专项培训",
            "疫情期间，协助销售滞销蔬菜",
        ]
        sections = [a.section for a in wb.achievements]
        assert sections == ["提高站位　高标准制定工作措施"] * 2 + ["压实责任　高规格加强组织领导"] * 3
        assert wb.achievements[4].metrics[0].text() == "2万余斤"
        assert all(a.category for a in wb.achievements)
        assert any(w.rule == "docx-draft" for w in wb.warnings)
        for a in wb.achievements:
            sentence = figure_sentence(a)
            assert all(m.text() in sentence for m in a.metrics)
        assert (
            figure_sentence(wb.achievements[1])
            == "累计调度各单位、各部室制定践行举措600余条，形成层层抓落实的工作格局。"
        )

    def test_tables_in_the_document_are_read(self, tmp_path: Path) -> None:
        wb = import_docx(make_docx(tmp_path / "a.docx", table=True))
        assert wb.achievements[-1].title == "开展廉洁警示教育"
        assert wb.achievements[-1].metrics[0].text() == "4场"

    def test_load_workbook_dispatches(self, tmp_path: Path) -> None:
        wb = load_workbook(make_docx(tmp_path / "a.docx"))
        assert len(wb.achievements) == 5

    def test_unit_option_wins(self, tmp_path: Path) -> None:
        wb = import_docx(make_docx(tmp_path / "a.docx"), unit="工会", period="2023年")
        assert (wb.unit, wb.period) == ("工会", "2023年")

    def test_document_without_figures(self, tmp_path: Path) -> None:
        from docx import Document

        doc = Document()
        doc.add_paragraph("通知")
        doc.add_paragraph("请各单位认真落实。")
        doc.save(str(tmp_path / "a.docx"))
        with pytest.raises(WenmiError) as info:
            import_docx(tmp_path / "a.docx")
        assert "没有找到带数字的段落" in str(info.value)

    def test_not_a_docx(self, tmp_path: Path) -> None:
        path = tmp_path / "a.docx"
        path.write_bytes(b"PK\x03\x04garbage")
        with pytest.raises(WenmiError) as info:
            import_docx(path)
        assert "不是有效的 .docx 文件" in str(info.value)
