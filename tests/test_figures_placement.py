"""How each figure reached its sentence (`write_figure_sentence`), and the warning a drafter gets
when a figure could only be stitched on after the action (issue “Composition II”, bad input: a
metric whose label is not in the title)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.cli import main
from assistant.compose import compose_markup
from assistant.ledger.figures import figure_sentence, write_figure_sentence
from assistant.ledger.workbook import Achievement, Metric, Workbook
from assistant.templating import load_catalog

STITCHED = Achievement("形成《制度汇编》", "组织建设", [Metric("规章制度", 35, "项")])
RESTATED = Achievement("开展结对共建", "组织建设", [Metric("共建对子", 2, "个")])
#: Rows whose figures stand where the counted thing stands, or read as clauses of their own.
CLEAN = [
    Achievement("修订完善规章制度，形成《制度汇编》", "组织建设", [Metric("规章制度", 35, "项")]),
    Achievement("修订完善中心层面规章制度{规章制度}，形成《制度汇编》", "组织建设", [Metric("规章制度", 35, "项")]),
    Achievement("开展作风建设专项督查", "作风建设", [Metric("督查", 8, "次"), Metric("发现问题", 23, "个")]),
    Achievement("组织党员干部开展志愿服务", "群团与服务", [Metric("志愿服务", 36, "次"), Metric("参与党员", 420, "人次")]),
    Achievement("参加省青年志愿服务项目大赛", "群团与服务", [Metric("金奖", 2, "项"), Metric("铜奖", 2, "项")]),
    Achievement("打造青少年绿色教育实践基地", "群团与服务", [Metric("投资", 30, "万元")]),
    Achievement("推动“我为群众办实事”常态化", "作风建设", [Metric("为民办实事", 44, "项", "累计")]),
    Achievement("建设光伏项目", "组织建设", [Metric("项目规模", 150, "万千瓦")]),
]


def _hows(a: Achievement) -> list[tuple[str, str]]:
    return [(p.label, p.how) for p in write_figure_sentence(a).placements]


def test_each_metric_reports_how_it_was_placed() -> None:
    assert _hows(CLEAN[0]) == [("规章制度", "woven")]
    assert _hows(CLEAN[1]) == [("规章制度", "slot")]
    assert _hows(CLEAN[2]) == [("督查", "woven"), ("发现问题", "clause")]
    assert _hows(STITCHED) == [("规章制度", "stitched")]
    assert _hows(RESTATED) == [("共建对子", "restated")]
    stitched = write_figure_sentence(STITCHED).placements[0]
    assert stitched.fallback and stitched.clause == "规章制度35项" and stitched.figure == "35项"
    written = Achievement("开展廉洁警示教育4场", metrics=[Metric("警示教育", 4, "场")])
    assert _hows(written) == [("警示教育", "written")]


@pytest.mark.parametrize("a", [*CLEAN, STITCHED, RESTATED], ids=lambda a: a.title[:12])
def test_the_report_does_not_change_the_sentence(a: Achievement) -> None:
    assert write_figure_sentence(a).text == figure_sentence(a)


@pytest.mark.parametrize("a", CLEAN, ids=lambda a: a.title[:12])
def test_rows_that_read_well_are_not_fallbacks(a: Achievement) -> None:
    # a list of things (金奖2项、铜奖2项), an amount (投资30万元), an action's own clause
    # (发现问题23个, 累计为民办实事44项) read as the reference articles write them
    assert [p for p in write_figure_sentence(a).placements if p.fallback] == []


def _warnings(rows: list[Achievement], tid: str = "zs-zhibu-zongjie") -> list[tuple[str | None, str]]:
    wb = Workbook(unit="中共某某集团有限公司委员会", period="2023年", achievements=rows)
    result = compose_markup(load_catalog().get(tid), wb)
    return [(d.location.field, d.message) for d in result.diagnostics if d.rule == "rephrase-figure"]


def test_the_drafter_is_told_which_row_to_rephrase_and_how() -> None:
    found = _warnings([CLEAN[0], STITCHED, CLEAN[2], RESTATED])
    assert [where for where, _ in found] == ["achievements[2].title", "achievements[4].title"]
    stitched, restated = (message for _, message in found)
    assert "第2项成效“形成《制度汇编》”" in stitched and "“规章制度35项”" in stitched
    assert "把指标名称写进事项" in stitched and "{规章制度}" in stitched
    assert "第4项成效“开展结对共建”" in restated and "“共计2个”" in restated and "{共建对子}" in restated


def test_rows_that_weave_cleanly_get_no_warning() -> None:
    assert _warnings(CLEAN) == []


def test_no_warning_where_the_template_writes_no_figure_sentence() -> None:
    # a 学习计划 lists the titles in a table: how a figure would have been woven does not matter
    assert _warnings([STITCHED], "zs-zhibu-zongjie") != []
    assert _warnings([STITCHED], "sx-xuexi-jihua") == []


def test_the_warning_does_not_stop_a_strict_render(tmp_path: Path) -> None:
    # a style warning: the figure is in the document, so --strict (figures are sacred) writes it
    wb = tmp_path / "台账.yaml"
    wb.write_text(
        "unit: 某公司党委\nperiod: 2023年\nachievements:\n"
        "  - {title: 形成《制度汇编》, metrics: [{label: 规章制度, value: 35, unit: 项}]}\n",
        encoding="utf-8",
    )
    out = tmp_path / "总结.md"
    assert main(["render", str(wb), "--template", "zs-zhibu-zongjie", "--strict", "-o", str(out)]) == 0
    assert "规章制度35项" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("title", "label", "value", "unit", "expected"),
    [
        # the label is the money, the title goes on to what it paid for (furong: 捐资走访帮扶群众，
        # 捐资1.68万元 said 捐资 twice)
        ("捐资走访帮扶群众", "捐资", 16800, "元", "捐资1.68万元，走访帮扶群众。"),
        ("投入资金改造党群服务中心", "投入资金", 30, "万元", "投入资金30万元，改造党群服务中心。"),
        # the verb's object is the money itself: the sum closes it (was 发放2万元，慰问金)
        ("发放慰问金", "发放", 2, "万元", "发放慰问金2万元。"),
        ("发放慰问金慰问困难职工", "发放", 2, "万元", "发放慰问金2万元，慰问困难职工。"),
        ("发放金融知识手册", "发放", 200, "元", "发放金融知识手册200元。"),
        ("捐资助学", "捐资", 3000, "元", "捐资助学3000元。"),
    ],
)
def test_a_sum_stands_by_the_money_it_counts(title: str, label: str, value: int, unit: str, expected: str) -> None:
    assert figure_sentence(Achievement(title, "群团与服务", [Metric(label, value, unit)])) == expected
