"""Saving the workbook: atomic, key order and comments kept, Chinese written as Chinese."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from assistant.errors import WenmiError
from assistant.ledger.files import load_workbook, save_workbook
from assistant.ledger.workbook import Achievement, Metric, Workbook
from assistant.ledger.yamlfile import dumps_workbook, loads_workbook, yaml_scalar
from assistant.paths import sample_workbook

COMMENTED = """\
# 头部注释
# 第二行

unit: 党群工作部   # 单位
period: 2022年

# 填写项
fields:
  主题: 作风建设  # 主题注释
  日期: 2023-01-11

achievements:
  # 第一项之前
  - title: 开展员工思想状况调查  # 标题注释
    # 类别之前
    category: 思想建设
    metrics:
      # 指标之前
      - {label: 次数, value: 2, unit: 次}   # 两次
      - {label: 参与, value: 1131, unit: 人次, qualifier: 累计}
    detail: |
      凝聚共识
      # 这一行是正文，不是注释

  # 第二项之前
  - category: 纪律建设
    title: 开展廉洁警示教育
    metrics:
      - label: 警示教育
        value: 4   # 块状写法
        unit: 场
# 文件结尾注释
"""


class TestRoundTrip:
    def test_sample_round_trips_byte_for_byte(self) -> None:
        text = sample_workbook().read_text(encoding="utf-8")
        assert dumps_workbook(loads_workbook(text)) == text

    def test_commented_file_round_trips(self) -> None:
        wb = loads_workbook(COMMENTED)
        assert wb.achievements[0].detail == "凝聚共识\n# 这一行是正文，不是注释"
        assert dumps_workbook(wb) == COMMENTED

    def test_reloaded_equals_original(self) -> None:
        wb = loads_workbook(COMMENTED)
        again = loads_workbook(dumps_workbook(wb))
        assert again.achievements == wb.achievements
        assert again.fields == wb.fields

    def test_comments_travel_with_their_achievement(self) -> None:
        wb = loads_workbook(COMMENTED)
        wb.achievements.reverse()
        out = dumps_workbook(wb)
        assert out.index("# 第二项之前") < out.index("开展廉洁警示教育") < out.index("# 第一项之前")
        assert "# 标题注释" in out and "# 两次" in out
        assert loads_workbook(out).achievements[1].title == "开展员工思想状况调查"

    def test_deleting_an_achievement_drops_only_its_comments(self) -> None:
        wb = loads_workbook(COMMENTED)
        del wb.achievements[0]
        out = dumps_workbook(wb)
        assert "# 第一项之前" not in out and "# 两次" not in out
        assert "# 头部注释" in out and "# 第二项之前" in out and "# 文件结尾注释" in out

    def test_user_key_order_is_kept(self) -> None:
        out = dumps_workbook(loads_workbook(COMMENTED))
        assert "  - category: 纪律建设\n    title: 开展廉洁警示教育" in out

    def test_edits_are_written(self) -> None:
        wb = loads_workbook(COMMENTED)
        wb.achievements[0].metrics[1].value = 1200
        wb.achievements.append(
            Achievement("新增事项", "作风建设", [Metric("举措", 600, "条", "余")], tags=["整改"])
        )
        out = dumps_workbook(wb)
        assert "{label: 参与, value: 1200, unit: 人次, qualifier: 累计}" in out
        assert (
            "  - title: 新增事项\n    category: 作风建设\n    metrics:\n      - {label: 举措, value: 600, unit: 条, qualifier: 余}"
            in out
        )
        assert loads_workbook(out).achievements[-1].metrics[0].text() == "600余条"


class TestFreshWorkbook:
    def test_layout_of_a_new_workbook(self) -> None:
        wb = Workbook(
            unit="党群工作部（党委统战部）",
            period="2022年",
            fields={"主题": "作风建设", "人数": 35},
            achievements=[
                Achievement(
                    "开展调查", "思想建设", [Metric("次数", 2, "次")], date="2022-03", tags=["问计于民"]
                ),
                Achievement("开展培训", "组织建设", [Metric("覆盖率", 100, "%")]),
            ],
        )
        assert dumps_workbook(wb, header=["由 wenmi 生成"]) == (
            "# 由 wenmi 生成\n"
            "unit: 党群工作部（党委统战部）\n"
            "period: 2022年\n"
            "fields:\n"
            "  主题: 作风建设\n"
            "  人数: 35\n"
            "achievements:\n"
            "  - title: 开展调查\n"
            "    category: 思想建设\n"
            "    metrics:\n"
            "      - {label: 次数, value: 2, unit: 次}\n"
            "    date: 2022-03\n"
            "    tags: [问计于民]\n"
            "\n"
            "  - title: 开展培训\n"
            "    category: 组织建设\n"
            "    metrics:\n"
            "      - {label: 覆盖率, value: 100, unit: '%'}\n"
        )

    @pytest.mark.parametrize(
        "text",
        ["no", "yes", "08", "012", "12:30", "1_000", "35", "3.5", "true", "null", "~", "", " 前导空格", "a: b",
         "- 列表", "#井号", "a, b", "[x]", "{x}", "“引号”开头", "'单引号'", '"双引号"', "多行\n文字", "tab\there",
         "%", "@", "*", "&", "!", "|", ">", "?", "2023-01-11", "中文：冒号", "x #y"],
    )  # fmt: skip
    def test_any_text_survives(self, text: str) -> None:
        wb = Workbook(
            unit="单位",
            fields={"值": text},
            achievements=[Achievement(text or "空", tags=[text or "x"], owner=text or None)],
        )
        again = loads_workbook(dumps_workbook(wb))
        assert again.fields["值"] == (text.strip() if text.strip() else text)
        assert again.achievements[0].title == ((text or "空").strip())

    def test_scalars_quoted_only_when_needed(self) -> None:
        assert yaml_scalar("党群工作部（党委统战部）") == "党群工作部（党委统战部）"
        assert yaml_scalar("2023-01-11") == "2023-01-11"
        assert yaml_scalar("no") == "'no'"
        assert yaml_scalar("08") == "08"  # read back as text "08" (a number where one is expected)
        assert yaml_scalar("012") == "'012'"  # YAML 1.1 readers would see octal 10
        assert yaml_scalar("12:30") == "'12:30'"
        assert yaml_scalar("35") == "'35'"
        assert yaml_scalar(35) == "35"
        assert yaml_scalar(3.5) == "3.5"
        assert yaml_scalar("%", '"') == '"%"'


class TestSaveFiles:
    def test_save_and_reload(self, tmp_path: Path) -> None:
        wb = load_workbook(sample_workbook())
        target = tmp_path / "台账.yaml"
        assert save_workbook(wb, target) == target
        raw = target.read_bytes()
        assert "党群工作部（党委统战部）".encode() in raw  # Chinese as Chinese, not \u escapes
        assert load_workbook(target).achievements == wb.achievements

    def test_save_defaults_to_wb_path(self, tmp_path: Path) -> None:
        target = tmp_path / "a.yaml"
        target.write_text("unit: x  # 注释\n", encoding="utf-8")
        wb = load_workbook(target)
        wb.period = "2023年"
        save_workbook(wb)
        assert target.read_text(encoding="utf-8") == "unit: x  # 注释\nperiod: 2023年\n"

    def test_no_path(self) -> None:
        with pytest.raises(WenmiError):
            save_workbook(Workbook(unit="x"))

    def test_failure_at_replace_keeps_old_file(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        target = tmp_path / "台账.yaml"
        target.write_text("unit: 旧内容\n", encoding="utf-8")

        def broken_replace(src: Any, dst: Any) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr("assistant.atomic.os.replace", broken_replace)
        with pytest.raises(WenmiError) as info:
            save_workbook(Workbook(unit="新内容"), target)
        assert "保存失败" in str(info.value)
        assert target.read_text(encoding="utf-8") == "unit: 旧内容\n"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["台账.yaml"]

    def test_failure_mid_write_keeps_old_file(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        target = tmp_path / "台账.yaml"
        target.write_text("unit: 旧内容\n", encoding="utf-8")
        real_fdopen = os.fdopen

        class HalfWriter:
            def __init__(self, fh: Any) -> None:
                self.fh = fh

            def __enter__(self) -> HalfWriter:
                return self

            def __exit__(self, *exc: object) -> None:
                self.fh.close()

            def write(self, text: str) -> int:
                self.fh.write(text[: len(text) // 2])
                self.fh.flush()
                raise KeyboardInterrupt  # power cut, Ctrl+C…

            def __getattr__(self, name: str) -> Any:
                return getattr(self.fh, name)

        monkeypatch.setattr("assistant.atomic.os.fdopen", lambda *a, **k: HalfWriter(real_fdopen(*a, **k)))
        with pytest.raises(KeyboardInterrupt):
            save_workbook(load_workbook(sample_workbook()), target)
        assert target.read_text(encoding="utf-8") == "unit: 旧内容\n"
        assert [p.name for p in tmp_path.iterdir()] == ["台账.yaml"]

    def test_unsupported_target(self, tmp_path: Path) -> None:
        with pytest.raises(WenmiError) as info:
            save_workbook(Workbook(unit="x"), tmp_path / "a.docx")
        assert "不支持" in str(info.value)

    def test_missing_folder_is_created(self, tmp_path: Path) -> None:
        target = tmp_path / "没有" / "下一层" / "a.yaml"
        assert save_workbook(Workbook(unit="x"), target) == target
        assert load_workbook(target).unit == "x"
        assert [p.name for p in target.parent.iterdir()] == ["a.yaml"]  # no temp file left

    def test_failed_save_removes_the_folders_it_created(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def broken_replace(src: Any, dst: Any) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr("assistant.atomic.os.replace", broken_replace)
        with pytest.raises(WenmiError) as info:
            save_workbook(Workbook(unit="x"), tmp_path / "新" / "a.yaml")
        assert "保存失败" in str(info.value)
        assert list(tmp_path.iterdir()) == []

    def test_parent_that_is_a_file(self, tmp_path: Path) -> None:
        (tmp_path / "文件").write_text("", encoding="utf-8")
        with pytest.raises(WenmiError) as info:
            save_workbook(Workbook(unit="x"), tmp_path / "文件" / "a.yaml")
        assert "不是文件夹" in str(info.value)

    @pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
    def test_table_export_round_trips(self, tmp_path: Path, suffix: str) -> None:
        wb = load_workbook(sample_workbook())
        target = tmp_path / f"台账{suffix}"
        save_workbook(wb, target)
        again = load_workbook(target)
        assert again.unit == wb.unit and again.period == wb.period
        assert [a.title for a in again.achievements] == [a.title for a in wb.achievements]
        assert [[m.text() for m in a.metrics] for a in again.achievements] == [
            [m.text() for m in a.metrics] for a in wb.achievements
        ]
        assert [a.category for a in again.achievements] == [a.category for a in wb.achievements]
        assert [a.tags for a in again.achievements] == [a.tags for a in wb.achievements]
