"""Reading and validating the workbook: schema, located Chinese messages, YAML 1.1 traps."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import WenmiError, WenmiErrors
from assistant.ledger.files import load_workbook
from assistant.ledger.validate import workbook_from_dict
from assistant.ledger.workbook import Achievement, Metric, Workbook
from assistant.ledger.yamlfile import loads_workbook, resolve_plain
from assistant.paths import sample_workbook

MINIMAL = """\
unit: 党群工作部
achievements:
  - title: 开展员工思想状况调查
    category: 思想建设
    metrics:
      - {label: 次数, value: 2, unit: 次}
"""


def errors_of(text: str) -> list[WenmiError]:
    with pytest.raises(WenmiError) as info:
        loads_workbook(text, "台账.yaml")
    err = info.value
    return err.errors if isinstance(err, WenmiErrors) else [err]


def one_error(text: str) -> WenmiError:
    errs = errors_of(text)
    assert len(errs) == 1, [str(e) for e in errs]
    return errs[0]


class TestModel:
    def test_metric_text(self) -> None:
        assert Metric("践行举措", 600, "条", "余").text() == "600余条"
        assert Metric("蔬菜", 20000, "斤", "余").text() == "2万余斤"

    def test_to_dict_keeps_schema_order_and_drops_empties(self) -> None:
        wb = Workbook(
            unit="党群工作部",
            period="2022年",
            achievements=[Achievement("开展调查", "思想建设", [Metric("次数", 2, "次")], tags=["问计于民"])],
        )
        d = wb.to_dict()
        assert list(d) == ["unit", "period", "achievements"]
        assert d["achievements"][0] == {
            "title": "开展调查",
            "category": "思想建设",
            "metrics": [{"label": "次数", "value": 2, "unit": "次"}],
            "tags": ["问计于民"],
        }

    def test_inferred_category_left_out_unless_asked(self) -> None:
        a = Achievement("开展廉洁警示教育", "纪律建设", category_inferred=True)
        assert "category" not in a.to_dict()
        assert a.to_dict(inferred=True)["category"] == "纪律建设"

    def test_to_dict_round_trips_through_validation(self) -> None:
        wb = load_workbook(sample_workbook())
        again = workbook_from_dict(wb.to_dict())
        assert again.achievements == wb.achievements
        assert again.fields == wb.fields and again.unit == wb.unit


class TestSample:
    def test_sample_loads_cleanly(self) -> None:
        wb = load_workbook(sample_workbook())
        assert wb.unit == "党群工作部（党委统战部）"
        assert wb.period == "2022年"
        assert 12 <= len(wb.achievements) <= 16
        assert len({a.category for a in wb.achievements}) >= 5
        assert wb.warnings == []
        assert wb.path == sample_workbook()
        texts = [m.text() for a in wb.achievements for m in a.metrics]
        for figure in ("600余条", "1131人次", "318人次", "100%", "2万余斤", "42万余元"):
            assert figure in texts


class TestYamlTraps:
    """YAML 1.1 would turn these into bools, octals, sexagesimals and dates; we keep what was typed."""

    def test_plain_scalar_resolution(self) -> None:
        assert resolve_plain("no") == "no"
        assert resolve_plain("yes") == "yes"
        assert resolve_plain("on") == "on"
        assert resolve_plain("08") == "08"
        assert resolve_plain("012") == "012"
        assert resolve_plain("12:30") == "12:30"
        assert resolve_plain("2023-01-11") == "2023-01-11"
        assert resolve_plain("1_000") == "1_000"
        assert resolve_plain("35") == 35
        assert resolve_plain("3.5") == 3.5
        assert resolve_plain("true") is True
        assert resolve_plain("~") is None

    def test_text_fields_keep_what_was_typed(self) -> None:
        wb = loads_workbook(
            "unit: no\nperiod: 2022\ntemplate: 012\nachievements:\n"
            "  - title: 08\n    owner: on\n    detail: 3.50\n    tags: [yes, 2022, 12:30]\n    date: 2022-03\n"
        )
        a = wb.achievements[0]
        assert wb.unit == "no" and wb.period == "2022" and wb.template == "012"
        assert a.title == "08" and a.owner == "on" and a.detail == "3.50"
        assert a.tags == ["yes", "2022", "12:30"]
        assert a.date == "2022-03"

    def test_numbers_read_as_meant(self) -> None:
        wb = loads_workbook(
            "unit: x\nachievements:\n  - title: t\n    metrics:\n"
            "      - {label: a, value: 08}\n"
            "      - {label: b, value: 三十五, unit: 项}\n"
            "      - {label: c, value: 一千二百}\n"
            "      - {label: d, value: '1,200'}\n"
            "      - {label: e, value: 600余, unit: 条}\n"
            "      - {label: f, value: 3.50}\n"
        )
        values = [m.value for m in wb.achievements[0].metrics]
        assert values == [8, 35, 1200, 1200, 600, 3.5]
        assert wb.achievements[0].metrics[4].qualifier == "余"
        assert wb.achievements[0].metrics[4].text() == "600余条"

    def test_dates_stay_strings_in_fields(self) -> None:
        wb = loads_workbook(
            "unit: x\nfields: {日期: 2023-01-11, 编号: 08, 人数: 35, 公开: no, 时间: 12:30}\n"
        )
        assert wb.fields == {"日期": "2023-01-11", "编号": "08", "人数": 35, "公开": "no", "时间": "12:30"}

    def test_time_is_not_a_date(self) -> None:
        err = one_error("unit: x\nachievements:\n  - title: t\n    date: 12:30\n")
        assert err.location.line == 4
        assert "日期“12:30”无法识别" in str(err)

    def test_duplicate_key_names_both_lines(self) -> None:
        err = one_error("unit: a\nperiod: 2022年\nunit: b\n")
        assert "键“unit”重复出现：第1行和第3行" in str(err)
        assert err.location.line == 3

    def test_duplicate_key_inside_achievement(self) -> None:
        err = one_error("unit: a\nachievements:\n  - title: x\n    title: y\n")
        assert "第3行和第4行" in err.message

    def test_explicit_str_tag_is_honoured(self) -> None:
        wb = loads_workbook("unit: !!str 2022\nfields: {n: !!int '5'}\n")
        assert wb.unit == "2022" and wb.fields == {"n": 5}

    def test_unknown_tag_is_an_error(self) -> None:
        err = one_error("unit: !python/name:os.system x\n")
        assert "不支持 YAML 标签" in err.message


class TestSyntaxErrors:
    def test_tab_indentation(self) -> None:
        err = one_error("unit: x\nachievements:\n\t- title: t\n")
        assert "制表符" in err.message and err.location.line == 3

    def test_chinese_colon_at_top(self) -> None:
        err = one_error("unit：党群工作部\nperiod：2022年\n")
        assert "中文冒号" in str(err)

    def test_chinese_colon_in_achievement(self) -> None:
        err = one_error("unit: x\nachievements:\n  - title：开展调研\n")
        assert "中文冒号" in str(err) and err.location.line == 3

    def test_missing_space_after_colon(self) -> None:
        err = one_error("unit: x\nachievements:\n  - title:开展调研\n")
        assert "冒号后面要加一个空格" in str(err)

    def test_unbalanced_quote(self) -> None:
        err = one_error('unit: "党群工作部\nperiod: 2022年\n')
        assert err.location.line is not None
        assert "引号" in str(err)

    def test_quote_at_start_of_text(self) -> None:
        err = one_error('unit: x\nachievements:\n  - title: "党旗"系列报道\n')
        assert err.location.line == 3
        assert "引号" in str(err)

    def test_empty_file(self) -> None:
        err = one_error("# 只有注释\n")
        assert "空的" in err.message

    def test_not_a_mapping(self) -> None:
        err = one_error("- a\n- b\n")
        assert "现在是一个列表" in err.message

    def test_two_documents(self) -> None:
        err = one_error("unit: a\n---\nunit: b\n")
        assert "多个" in err.message


class TestValidationMessages:
    """Every message names the file, the line and the field, in Chinese."""

    def test_unknown_key_with_did_you_mean(self) -> None:
        err = one_error("unit: x\nachievements:\n  - titel: 开展调研\n    title: 开展调研\n")
        assert "未知的键“titel”，是否想写“title”（事项）？" in err.message
        assert err.location.file == "台账.yaml" and err.location.line == 3
        assert err.location.field == "achievements[1].titel"

    def test_chinese_key_alias(self) -> None:
        err = one_error("unit: x\nachievements:\n  - title: t\n    类别: 作风建设\n")
        assert "未知的键“类别”，应写作“category”（类别）" in err.message

    def test_unknown_top_level_key(self) -> None:
        err = one_error("unit: x\nperoid: 2022年\n")
        assert "是否想写“period”" in err.message and err.location.line == 2

    def test_thousands_separator_in_flow_mapping(self) -> None:
        errs = errors_of(
            "unit: x\nachievements:\n  - title: t\n    metrics:\n      - {label: a, value: 1,200}\n"
        )
        assert any("逗号分隔千位" in (e.hint or "") for e in errs)

    def test_missing_unit(self) -> None:
        err = one_error("period: 2022年\n")
        assert "缺少必填项“unit”" in err.message

    def test_missing_title(self) -> None:
        err = one_error("unit: x\nachievements:\n  - category: 作风建设\n")
        assert "第1项成效缺少必填项“title”（事项）" in err.message
        assert err.location.line == 3

    def test_missing_value(self) -> None:
        err = one_error(
            "unit: x\nachievements:\n  - title: t\n    metrics:\n      - {label: 参训, unit: 人次}\n"
        )
        assert "“参训”缺少数量（value）" in err.message and err.location.line == 5

    def test_non_numeric_value(self) -> None:
        err = one_error(
            "unit: x\nachievements:\n  - title: 开展调研\n    metrics:\n      - {label: 参训, value: 若干}\n"
        )
        assert "数量“若干”不是数字" in err.message
        assert "第1项成效“开展调研”的第1个指标“参训”" in err.message
        assert err.location.field == "achievements[1].metrics[1].value"
        assert err.location.line == 5 and err.location.column is not None
        assert "三十五" in (err.hint or "")

    def test_bool_value(self) -> None:
        err = one_error(
            "unit: x\nachievements:\n  - title: t\n    metrics:\n      - {label: a, value: true}\n"
        )
        assert "应是数字，现在是是/否" in err.message

    def test_value_unit_conflict(self) -> None:
        err = one_error(
            "unit: x\nachievements:\n  - title: t\n    metrics:\n      - {label: a, value: 318人, unit: 人次}\n"
        )
        assert "单位“人”与 unit“人次”不一致" in err.message

    def test_bad_qualifier_suggests(self) -> None:
        err = one_error(
            "unit: x\nachievements:\n  - title: t\n    metrics:\n      - {label: a, value: 3, qualifier: 大约}\n"
        )
        assert "修饰词“大约”不可用，是否想写“约”？" in err.message

    def test_category_outside_the_seven(self) -> None:
        err = one_error("unit: x\nachievements:\n  - title: t\n    category: 作风\n")
        assert "类别“作风”不在七类之中，是否想写“作风建设”？" in err.message
        assert "政治建设" in (err.hint or "") and err.location.line == 4

    def test_metric_written_as_text(self) -> None:
        err = one_error("unit: x\nachievements:\n  - title: t\n    metrics:\n      - 参训318人次\n")
        assert "应写作 {label: 参训, value: 318, unit: 人次}" in (err.hint or "")

    def test_achievements_not_a_list(self) -> None:
        err = one_error("unit: x\nachievements:\n  title: t\n")
        assert "应是列表" in err.message and "- " in (err.hint or "")

    def test_title_is_a_mapping(self) -> None:
        err = one_error("unit: x\nachievements:\n  - title: {a: b}\n")
        assert "应是一段文字，现在是一组“键: 值”" in err.message

    def test_section_validation(self) -> None:
        err = one_error("unit: x\nachievements:\n  - title: t\n    section: 0\n")
        assert "章节" in err.message
        wb = loads_workbook(
            "unit: x\nachievements:\n  - title: t\n    section: 02\n  - title: u\n    section: 提高站位\n"
        )
        assert [a.section for a in wb.achievements] == ["2", "提高站位"]

    def test_fields_must_be_mapping(self) -> None:
        err = one_error("unit: x\nfields: [a, b]\n")
        assert "填写项（fields）应是一组“键: 值”" in err.message

    def test_all_errors_reported_at_once(self) -> None:
        errs = errors_of(
            "unit: x\nachievements:\n  - title: a\n    category: 作风\n  - titel: b\n"
            "  - title: c\n    metrics:\n      - {label: q, value: 若干}\n"
        )
        assert len(errs) >= 4
        lines = sorted(e.location.line for e in errs if e.location.line)
        assert lines[0] == 4 and 8 in lines
        assert all(str(e).startswith("台账.yaml，第") for e in errs)

    def test_tags_as_text_are_split(self) -> None:
        wb = loads_workbook("unit: x\nachievements:\n  - title: t\n    tags: 整改、调度，督导\n")
        assert wb.achievements[0].tags == ["整改", "调度", "督导"]


class TestCategoryInference:
    def test_absent_category_is_inferred(self) -> None:
        wb = loads_workbook(
            "unit: x\nachievements:\n"
            "  - title: 开展廉洁警示教育\n"
            "  - title: 推出系列报道\n    tags: [宣传]\n"
            "  - title: 深化双联共建\n    detail: 协助销售滞销蔬菜，助力乡村振兴\n"
            "  - title: 对照检查反馈问题抓整改\n"
            "  - title: 做点事情\n    tags: [作风]\n"
        )
        cats = [a.category for a in wb.achievements]
        assert cats == ["纪律建设", "宣传与品牌", "群团与服务", "作风建设", "作风建设"]
        assert all(a.category_inferred for a in wb.achievements)

    def test_uninferable_category_warns(self) -> None:
        wb = loads_workbook("unit: x\nachievements:\n  - title: 其他事项\n")
        assert wb.achievements[0].category is None
        assert [w.rule for w in wb.warnings] == ["category-unknown"]
        assert wb.warnings[0].location.line == 3


class TestControlCharacters:
    def test_vertical_tab_from_word_is_removed_with_warning(self) -> None:
        wb = loads_workbook(
            "unit: 党群\x0b工作部\nachievements:\n  - title: 开展\x0b调研\n    category: 作风建设\n"
        )
        assert wb.unit == "党群工作部"
        assert wb.achievements[0].title == "开展调研"
        assert [(w.rule, w.location.line) for w in wb.warnings] == [
            ("control-character", 1),
            ("control-character", 3),
        ]

    def test_escaped_control_character(self) -> None:
        wb = loads_workbook('unit: "党群\\v工作部"\n')
        assert wb.unit == "党群工作部"
        assert wb.warnings and wb.warnings[0].rule == "control-character"

    def test_dict_input_is_cleaned_too(self) -> None:
        wb = workbook_from_dict(
            {"unit": "a\x0bb", "achievements": [{"title": "t\x0c", "category": "作风建设"}]}
        )
        assert wb.unit == "ab" and wb.achievements[0].title == "t"
        assert len(wb.warnings) == 2


class TestFromDict:
    def test_plain_safe_load_values(self) -> None:
        import datetime as dt

        wb = workbook_from_dict(
            {
                "unit": "x",
                "period": 2022,
                "fields": {"日期": dt.date(2023, 1, 11)},
                "achievements": [{"title": "t", "category": "作风建设", "date": dt.date(2022, 3, 1),
                                  "metrics": [{"label": "a", "value": 15, "unit": "个"}]}],
            }
        )  # fmt: skip
        assert wb.period == "2022"
        assert wb.fields == {"日期": "2023-01-11"}
        assert wb.achievements[0].date == "2022-03-01"

    def test_errors_have_field_paths(self) -> None:
        with pytest.raises(WenmiError) as info:
            workbook_from_dict(
                {"unit": "x", "achievements": [{"title": "t", "metrics": [{"label": "a", "value": "若干"}]}]},
                "模板样例",
            )
        err = info.value
        assert err.location.field == "achievements[1].metrics[1].value"
        assert str(err).startswith("模板样例，字段“成效事项第1项·指标第1项·数量”：")


class TestFiles:
    def test_dispatch_rejects_unknown_suffix(self, tmp_path: Path) -> None:
        with pytest.raises(WenmiError) as info:
            load_workbook(tmp_path / "台账.xls")
        assert "另存为 .xlsx" in (info.value.hint or "")

    def test_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(WenmiError) as info:
            load_workbook(tmp_path / "无此文件.yaml")
        assert "找不到台账文件" in str(info.value)

    def test_gbk_yaml_is_read_with_warning(self, tmp_path: Path) -> None:
        path = tmp_path / "gbk.yaml"
        path.write_bytes(MINIMAL.encode("gbk"))
        wb = load_workbook(path)
        assert wb.unit == "党群工作部"
        assert wb.warnings[0].rule == "encoding"

    def test_bom_is_ignored(self, tmp_path: Path) -> None:
        path = tmp_path / "bom.yml"
        path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode("utf-8"))
        assert load_workbook(path).unit == "党群工作部"

    def test_error_names_the_file(self, tmp_path: Path) -> None:
        path = tmp_path / "坏.yaml"
        path.write_text("unit: x\nachievements:\n  - title: t\n    category: 作风\n", encoding="utf-8")
        with pytest.raises(WenmiError) as info:
            load_workbook(path)
        assert str(info.value).startswith(f"{path}，第4行")


def test_a_figure_slot_in_a_title_must_name_a_metric() -> None:
    text = (
        "unit: 党委\nachievements:\n"
        "  - title: 修订完善规章制度{规章制}，形成《制度汇编》\n"
        "    metrics:\n      - {label: 规章制度, value: 35, unit: 项}\n"
    )
    with pytest.raises(WenmiError) as info:
        loads_workbook(text, "台账.yaml")
    err = info.value
    assert err.location.line == 3 and err.location.field == "achievements[1].title"
    assert "“{规章制}”" in err.message and "“规章制度”" in (err.hint or "")
    ok = loads_workbook(text.replace("{规章制}", "{规章制度}"), "台账.yaml")
    assert ok.achievements[0].title == "修订完善规章制度{规章制度}，形成《制度汇编》"
