"""Figures are sacred: missing figures are errors, invented numbers are warnings."""

from __future__ import annotations

import datetime as dt

from assistant.ledger.figcheck import check_figures, has_errors, known_numbers
from assistant.ledger.figures import figure_sentence
from assistant.ledger.files import load_workbook
from assistant.ledger.workbook import Achievement, Metric
from assistant.paths import sample_workbook

ACHS = [
    Achievement(
        "开展员工思想状况调查", metrics=[Metric("次数", 2, "次"), Metric("参与", 1131, "人次", "累计")]
    ),
    Achievement(
        "深化双联共建", metrics=[Metric("协助销售滞销蔬菜", 20000, "斤", "余")], detail="覆盖7方面工作"
    ),
]


def rules(diags: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [(d.rule, d.severity) for d in diags]


def test_all_present_is_clean() -> None:
    text = "# 标题\n## 思想建设\n开展员工思想状况调查2次，累计参与1131人次。\n协助销售滞销蔬菜2万余斤，覆盖7方面工作。\n"
    assert check_figures(ACHS, text) == []


def test_missing_figure_is_an_error_naming_achievement_and_metric() -> None:
    text = "开展员工思想状况调查2次。协助销售滞销蔬菜2万斤。"
    diags = check_figures(ACHS, text, source="out.md")
    missing = [d for d in diags if d.rule == "figure-missing"]
    assert [d.severity for d in missing] == ["error", "error"]
    assert missing[0].message == "成效“开展员工思想状况调查”的指标“参与”（1131人次）没有出现在文中"
    assert missing[0].location.field == "achievements[1].metrics[2]"
    assert missing[1].message == "成效“深化双联共建”的指标“协助销售滞销蔬菜”（2万余斤）没有出现在文中"
    assert str(missing[0]).startswith("out.md，字段“成效事项第1项·指标第2项”：")
    assert has_errors(diags)


def test_partial_figure_does_not_count() -> None:
    achs = [Achievement("制定模板", metrics=[Metric("模板", 5, "个")])]
    diags = check_figures(achs, "制定工作模板15个。")
    assert rules(diags) == [("figure-missing", "error"), ("figure-unknown", "warning")]


def test_unknown_number_is_a_warning_with_line_and_column() -> None:
    text = "开展员工思想状况调查2次，累计参与1131人次。\n协助销售滞销蔬菜2万余斤，覆盖7方面工作，培训85人。"
    diags = check_figures(ACHS, text)
    assert rules(diags) == [("figure-unknown", "warning")]
    d = diags[0]
    assert "“85”" in d.message and "培训85人" in d.message
    assert d.location.line == 2 and d.location.column == text.split("\n")[1].index("85") + 1
    assert not has_errors(diags)


def test_slot_values_are_known() -> None:
    text = "开展员工思想状况调查2次，累计参与1131人次，协助销售滞销蔬菜2万余斤，覆盖7方面。共有35个支部，编号08。"
    assert rules(check_figures(ACHS, text)) == [("figure-unknown", "warning")] * 2
    assert check_figures(ACHS, text, {"支部数": 35, "编号": "08"}) == []
    assert check_figures(ACHS, text, ["共35个", 8]) == []


def test_dates_numbering_and_document_numbers_are_not_figures() -> None:
    text = (
        "---\n发文字号: ×党发〔2023〕5号\n---\n"
        "# 关于2022年工作的总结\n"
        "2022年以来，每月25日前调度，10月14日召开发布会，推出第3期。\n"
        "1. 开展员工思想状况调查2次，累计参与1131人次。\n"
        "（2）协助销售滞销蔬菜2万余斤，覆盖7方面。\n"
        "| 序号 | 任务 |\n|---|---|\n| 1 | 整改 |\n"
        "印发〔2023〕12号文件，会议于9:30开始。\n"
        "日期：2023年1月11日\n"
    )
    assert check_figures(ACHS, text) == []


def test_scaled_forms_match_values() -> None:
    achs = [Achievement("采购扶贫产品", metrics=[Metric("", 420000, "元", "余")])]
    assert check_figures(achs, "采购扶贫产品42万余元，合计420000元。") == []


def test_date_slot_objects() -> None:
    assert known_numbers([], {"日期": dt.date(2023, 1, 11)}) >= {2023, 1, 11}


def test_sample_figure_sentences_pass() -> None:
    wb = load_workbook(sample_workbook())
    text = "\n".join(figure_sentence(a) for a in wb.achievements)
    assert [d for d in check_figures(wb.achievements, text, wb.fields) if d.severity == "error"] == []
    assert check_figures(wb.achievements, text, wb.fields) == []


def test_numbers_written_in_a_metric_label_are_known() -> None:
    from assistant.ledger.figcheck import check_figures
    from assistant.ledger.workbook import Achievement, Metric

    a = Achievement("发展党员", metrics=[Metric("其中35岁以下", 6, "名")])
    text = "发展党员，其中35岁以下6名。"
    assert [d for d in check_figures([a], text) if d.rule == "figure-unknown"] == []


def test_a_field_is_named_as_the_user_knows_it() -> None:
    """The workbook's keys by their Chinese names (an Excel user never sees `achievements`);
    options and keys without a Chinese name stay as they are."""
    from assistant.errors import Diagnostic, field_text

    assert field_text("achievements[2].metrics[1].value") == "成效事项第2项·指标第1项·数量"
    assert field_text("fields.主题") == "填写项·主题"
    assert field_text("headings.3") == "分节标题第3项"
    assert field_text("--fonts") == "--fonts"
    warning = Diagnostic.at("第3部分的标题与其下的成效事项不相干", field="achievements", file="台账.xlsx")
    assert str(warning) == "台账.xlsx，字段“成效事项”：第3部分的标题与其下的成效事项不相干"
