"""Importing 台账 tables: Excel (title rows, merged cells, date cells) and CSV (UTF-8, BOM, GBK)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from assistant.errors import WenmiError, WenmiErrors
from assistant.ledger.files import import_file, load_workbook
from assistant.ledger.importers import (
    UNIT_PLACEHOLDER,
    CellError,
    column_letter,
    decode_bytes,
    import_csv,
    import_xlsx,
    match_header,
    title_facts,
)

HEADER = ["序号", "事项", "类别", "指标", "数量", "单位", "修饰", "日期", "责任单位", "说明", "标签"]


def make_xlsx(
    path: Path,
    rows: list[list[Any]],
    merges: tuple[str, ...] = (),
    sheet: str = "成效台账",
    extra_sheets: dict[str, list[list[Any]]] | None = None,
) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    for ref in merges:
        ws.merge_cells(ref)
    for name, extra in (extra_sheets or {}).items():
        other = book.create_sheet(name, 0)
        for row in extra:
            other.append(row)
    book.save(path)
    return path


def real_looking_xlsx(path: Path) -> Path:
    """A 台账 as people keep them: merged title, header on row 2, 事项 merged over its metric rows."""
    rows = [
        [
            "党群工作部（党委统战部）2022年成效台账",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ],
        HEADER,
        [
            1,
            "开展员工思想状况调查",
            "思想建设",
            "次数",
            2,
            "次",
            None,
            dt.datetime(2022, 11, 5),
            "党群工作部",
            "凝聚共识",
            "问计于民",
        ],
        [None, None, None, "参与", 1131, "人次", "累计", None, None, None, None],
        [
            2,
            "深化“双联共建”",
            "群团与服务",
            "协助销售滞销蔬菜",
            20000,
            "斤",
            "余",
            "2022-05",
            None,
            None,
            "乡村振兴、消费扶贫",
        ],
        [None, None, None, "采购扶贫产品", "42万", "元", "余", None, None, None, None],
        [None, None, None, None, None, None, None, None, None, None, None],
        [
            3,
            "完成党务工作能力提升专项培训",
            "组织建设",
            "参训",
            "三百一十八",
            "人次",
            None,
            dt.date(2022, 8, 1),
            None,
            None,
            None,
        ],
        [4, "完成党务工作能力提升专项培训", None, "覆盖率", 1.0 * 100, "%", None, None, None, None, None],
        [
            5,
            "调度各单位制定践行举措",
            None,
            "践行举措",
            "600余",
            "条",
            None,
            None,
            None,
            "形成层层抓落实的工作格局",
            None,
        ],
    ]
    return make_xlsx(path, rows, merges=("A1:K1", "B3:B4", "C3:C4", "H3:H4", "I3:I4", "B5:B6", "C5:C6"))


class TestHeaders:
    @pytest.mark.parametrize(
        ("header", "field", "unit"),
        [("事项", "title", ""), ("工作内容", "title", ""), ("项目", "title", ""), ("工作事项", "title", ""),
         ("数值", "value", ""), ("数目", "value", ""), ("数据", "value", ""), ("数量（人次）", "value", "人次"),
         ("数量(个)", "value", "个"), ("部门", "owner", ""), ("责任部门", "owner", ""), ("备注", "detail", ""),
         ("具体内容", "detail", ""), ("分类", "category", ""), ("修饰", "qualifier", ""), ("*事项", "title", ""),
         (" 日 期 ", "date", ""), ("标签", "tags", ""), ("不知道", None, "")],
    )  # fmt: skip
    def test_synonyms(self, header: str, field: str | None, unit: str) -> None:
        assert match_header(header) == (field, unit)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("党群工作部（党委统战部）2022年成效台账", ("党群工作部（党委统战部）", "2022年")),
            ("2022年度党群工作部工作台账", ("党群工作部", "2022年")),
            ("党群工作部2023年上半年成效统计表", ("党群工作部", "2023年上半年")),
            ("单位：工会", ("工会", "")),
            ("时期：2022年", ("", "2022年")),
            ("成效台账", ("", "")),
        ],
    )
    def test_title_facts(self, text: str, expected: tuple[str, str]) -> None:
        assert title_facts(text) == expected

    def test_column_letters(self) -> None:
        assert [column_letter(n) for n in (1, 3, 26, 27, 52)] == ["A", "C", "Z", "AA", "AZ"]


class TestXlsx:
    def test_real_looking_sheet(self, tmp_path: Path) -> None:
        wb = import_xlsx(real_looking_xlsx(tmp_path / "台账.xlsx"))
        assert wb.unit == "党群工作部（党委统战部）" and wb.period == "2022年"
        titles = [a.title for a in wb.achievements]
        assert titles == [
            "开展员工思想状况调查",
            "深化“双联共建”",
            "完成党务工作能力提升专项培训",
            "调度各单位制定践行举措",
        ]
        survey, coop, training, measures = wb.achievements
        assert [m.text() for m in survey.metrics] == ["2次", "1131人次"]
        assert survey.metrics[1].qualifier == "累计"
        assert survey.date == "2022-11-05" and survey.owner == "党群工作部" and survey.tags == ["问计于民"]
        assert [m.text() for m in coop.metrics] == ["2万余斤", "42万余元"]
        assert coop.tags == ["乡村振兴", "消费扶贫"] and coop.date == "2022-05"
        assert [m.text() for m in training.metrics] == ["318人次", "100%"]  # same 事项 on two rows -> merged
        assert training.category == "组织建设" and not training.category_inferred
        assert training.date == "2022-08-01"
        assert measures.metrics[0].text() == "600余条"
        assert measures.category == "作风建设" and measures.category_inferred
        assert wb.warnings == []

    def test_header_on_first_row_and_other_synonyms(self, tmp_path: Path) -> None:
        rows = [
            ["工作内容", "分类", "数值", "计量单位", "责任部门", "备注"],
            ["开展廉洁警示教育", "纪律建设", 4, "场", "纪委办", "以案促改"],
        ]
        wb = import_xlsx(make_xlsx(tmp_path / "a.xlsx", rows), unit="纪委办")
        a = wb.achievements[0]
        assert (a.title, a.category, a.owner, a.detail) == (
            "开展廉洁警示教育",
            "纪律建设",
            "纪委办",
            "以案促改",
        )
        assert a.metrics[0].text() == "4场" and a.metrics[0].label == ""
        assert wb.unit == "纪委办"

    def test_unit_placeholder_and_unknown_header_warnings(self, tmp_path: Path) -> None:
        rows = [["事项", "数量", "单位", "奇怪的列"], ["开展调研", 7, "次", "x"]]
        wb = import_xlsx(make_xlsx(tmp_path / "a.xlsx", rows))
        assert wb.unit == UNIT_PLACEHOLDER
        rules = sorted(w.rule for w in wb.warnings)
        assert rules == ["header-unknown", "unit-missing"]
        unknown = next(w for w in wb.warnings if w.rule == "header-unknown")
        assert "第1行第D列" in str(unknown) and "奇怪的列" in str(unknown)
        assert str(unknown).count("第1行") == 1

    def test_cell_errors_name_row_and_column(self, tmp_path: Path) -> None:
        rows = [
            ["党群工作部2022年成效台账"],
            ["事项", "类别", "数量", "单位", "修饰", "日期"],
            ["开展调研", "作风", 7, "次", None, None],
            ["开展培训", "组织建设", "若干", "次", None, None],
            [None, None, 3, "次", "大约", None],
            ["开展宣讲", None, 5, "场", None, "明年"],
        ]
        with pytest.raises(WenmiErrors) as info:
            import_xlsx(make_xlsx(tmp_path / "坏.xlsx", rows))
        messages = [str(e) for e in info.value.errors]
        assert len(messages) == 4
        assert messages[0].startswith(
            f"{tmp_path / '坏.xlsx'}，第3行第B列，字段“类别”：类别“作风”不在七类之中，是否想写“作风建设”？"
        )
        assert "第4行第C列，字段“数量”：数量“若干”不是数字" in messages[1]
        assert "第5行第E列，字段“修饰”：修饰词“大约”不可用，是否想写“约”？" in messages[2]
        assert "第6行第F列，字段“日期”：日期“明年”无法识别" in messages[3]
        assert all(isinstance(e, CellError) for e in info.value.errors)

    def test_row_without_title_at_top(self, tmp_path: Path) -> None:
        rows = [["事项", "数量"], [None, 3]]
        with pytest.raises(CellError) as info:
            import_xlsx(make_xlsx(tmp_path / "a.xlsx", rows))
        assert "第2行第A列" in str(info.value) and "没有填写事项" in str(info.value)

    def test_metric_without_value(self, tmp_path: Path) -> None:
        rows = [["事项", "指标", "数量"], ["开展调研", "走访", None]]
        with pytest.raises(CellError) as info:
            import_xlsx(make_xlsx(tmp_path / "a.xlsx", rows))
        assert "第2行第B列" in str(info.value) and "没有填写数量" in str(info.value)

    def test_value_with_unit_conflict(self, tmp_path: Path) -> None:
        rows = [["事项", "数量", "单位"], ["开展调研", "7场", "次"]]
        with pytest.raises(CellError) as info:
            import_xlsx(make_xlsx(tmp_path / "a.xlsx", rows))
        assert "第2行第B列" in str(info.value) and "不一致" in str(info.value)

    def test_no_header(self, tmp_path: Path) -> None:
        with pytest.raises(WenmiError) as info:
            import_xlsx(make_xlsx(tmp_path / "a.xlsx", [["甲", "乙"], [1, 2]]))
        assert "找不到表头行" in str(info.value) and "事项" in (info.value.hint or "")

    def test_sheet_choice(self, tmp_path: Path) -> None:
        path = make_xlsx(
            tmp_path / "a.xlsx",
            [["事项", "数量", "单位"], ["开展调研", 7, "次"]],
            sheet="二季度",
            extra_sheets={"说明": [["这是说明页"]]},
        )
        wb = import_xlsx(path)
        assert [a.title for a in wb.achievements] == ["开展调研"]
        with pytest.raises(WenmiError) as info:
            import_xlsx(path, sheet="三季度")
        assert "二季度" in (info.value.hint or "")
        with pytest.raises(WenmiError):
            import_xlsx(path, sheet="说明")

    def test_excel_serial_and_number_dates(self, tmp_path: Path) -> None:
        rows = [["事项", "数量", "日期"], ["甲事项", 1, 44927], ["乙事项", 1, 2022], ["丙事项", 1, 2022.03]]
        wb = import_xlsx(make_xlsx(tmp_path / "a.xlsx", rows), unit="x")
        assert [a.date for a in wb.achievements] == ["2023-01-01", "2022", "2022-03"]

    def test_control_characters_removed_with_warning(self, tmp_path: Path) -> None:
        # Excel writes a vertical tab pasted from Word as _x000B_ inside the XML
        rows = [["事项", "数量", "单位"], ["开展_x000B_调研", 7, "次"]]
        wb = import_xlsx(make_xlsx(tmp_path / "a.xlsx", rows), unit="x")
        assert wb.achievements[0].title == "开展调研"
        warning = next(w for w in wb.warnings if w.rule == "control-character")
        assert "第2行第A列" in str(warning)

    def test_not_an_xlsx(self, tmp_path: Path) -> None:
        path = tmp_path / "假.xlsx"
        path.write_text("不是表格", encoding="utf-8")
        with pytest.raises(WenmiError) as info:
            import_xlsx(path)
        assert "不是有效的 .xlsx 文件" in str(info.value)

    def test_load_workbook_dispatches(self, tmp_path: Path) -> None:
        wb = load_workbook(real_looking_xlsx(tmp_path / "台账.xlsx"))
        assert wb.path == tmp_path / "台账.xlsx" and len(wb.achievements) == 4


CSV_TEXT = (
    "党群工作部2022年成效台账,,,,\n"
    "事项,类别,指标,数量,单位,修饰\n"
    "开展员工思想状况调查,思想建设,次数,2,次,\n"
    ",,参与,1131,人次,累计\n"
    "协助销售滞销蔬菜,群团与服务,,20000,斤,余\n"
)


class TestCsv:
    @pytest.mark.parametrize(
        ("encoding", "bom", "name"),
        [("utf-8", b"", "UTF-8"), ("utf-8", b"\xef\xbb\xbf", "UTF-8（带 BOM）"), ("gbk", b"", "GBK")],
    )
    def test_encodings(self, tmp_path: Path, encoding: str, bom: bytes, name: str) -> None:
        path = tmp_path / "台账.csv"
        path.write_bytes(bom + CSV_TEXT.encode(encoding))
        assert decode_bytes(path.read_bytes())[1] == name
        wb = import_csv(path)
        assert wb.unit == "党群工作部" and wb.period == "2022年"
        assert [[m.text() for m in a.metrics] for a in wb.achievements] == [["2次", "1131人次"], ["2万余斤"]]
        assert wb.achievements[0].metrics[1].qualifier == "累计"

    def test_control_characters_in_csv(self, tmp_path: Path) -> None:
        path = tmp_path / "台账.csv"
        path.write_text("事项,数量,说明\n开展调研,7,第一段\x0b第二段\n", encoding="utf-8")
        wb = import_csv(path, unit="x")
        assert wb.achievements[0].detail == "第一段第二段"
        assert any(w.rule == "control-character" and "第2行第C列" in str(w) for w in wb.warnings)

    def test_tab_separated(self, tmp_path: Path) -> None:
        path = tmp_path / "台账.csv"
        path.write_text("事项\t数量\t单位\n开展调研\t7\t次\n", encoding="utf-8")
        assert import_csv(path, unit="x").achievements[0].metrics[0].text() == "7次"

    def test_quoted_commas_and_newlines(self, tmp_path: Path) -> None:
        path = tmp_path / "台账.csv"
        path.write_text('事项,数量,说明\n"开展调研,走访",7,"第一行\n第二行"\n', encoding="utf-8")
        a = import_csv(path, unit="x").achievements[0]
        assert a.title == "开展调研,走访" and a.detail == "第一行\n第二行"

    def test_gbk_cell_error_location(self, tmp_path: Path) -> None:
        path = tmp_path / "台账.csv"
        path.write_bytes("事项,类别,数量\n开展调研,作风建设,7\n开展培训,组织建设,很多\n".encode("gbk"))
        with pytest.raises(CellError) as info:
            import_csv(path)
        assert "第3行第C列" in str(info.value) and "“很多”不是数字" in str(info.value)

    def test_undecodable(self, tmp_path: Path) -> None:
        path = tmp_path / "台账.csv"
        path.write_bytes(b"\xff\xfe\x00\x81\xff")
        with pytest.raises(WenmiError):
            import_csv(path)

    def test_import_file_dispatch(self, tmp_path: Path) -> None:
        with pytest.raises(WenmiError) as info:
            import_file(tmp_path / "a.xls")
        assert "另存为 .xlsx" in (info.value.hint or "")
        with pytest.raises(WenmiError) as info:
            import_file(tmp_path / "a.doc")
        assert "另存为 .docx" in (info.value.hint or "")
