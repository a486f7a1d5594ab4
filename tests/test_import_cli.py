"""`wenmi import FILE -o WORKBOOK.yaml`: converts, asks nothing, never overwrites by surprise."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.ledger.files import load_workbook

CSV = "党群工作部2022年成效台账\n事项,类别,指标,数量,单位,修饰\n开展员工思想状况调查,思想建设,次数,2,次,\n,,参与,1131,人次,累计\n开展调研,,,7,次,\n"


@pytest.fixture
def csv_file(tmp_path: Path) -> Path:
    path = tmp_path / "台账.csv"
    path.write_bytes(CSV.encode("gbk"))
    return path


def test_import_writes_a_valid_workbook(
    csv_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "台账.yaml"
    assert main(["import", str(csv_file), "-o", str(target)]) == 0
    out = capsys.readouterr()
    assert "已导入2项成效、3个数据" in out.out and "其中1项的类别是按内容推断的" in out.out
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# 成效台账：由 wenmi 从“台账.csv”导入。")
    assert "unit: 党群工作部" in text  # Chinese as Chinese
    wb = load_workbook(target)
    assert [m.text() for m in wb.achievements[0].metrics] == ["2次", "1131人次"]
    # the inferred category is written, marked for review
    assert "    category: 作风建设  # 按内容推断，请核对\n" in text
    assert wb.achievements[1].category == "作风建设" and not wb.achievements[1].category_inferred


def test_default_output_name(csv_file: Path) -> None:
    assert main(["import", str(csv_file)]) == 0
    assert csv_file.with_suffix(".yaml").exists()


def test_refuses_to_overwrite(csv_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "台账.yaml"
    target.write_text("unit: 原有内容\n", encoding="utf-8")
    assert main(["import", str(csv_file), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert "目标文件已存在" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "unit: 原有内容\n"
    assert main(["import", str(csv_file), "-o", str(target), "--force"]) == 0
    assert load_workbook(target).unit == "党群工作部"


def test_bad_cell_is_reported_without_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "坏.csv"
    src.write_text("事项,数量\n开展调研,很多\n", encoding="utf-8")
    target = tmp_path / "out.yaml"
    assert main(["import", str(src), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert "第2行第B列" in err and "“很多”不是数字" in err
    assert "Traceback" not in err
    assert not target.exists()


def test_unit_and_period_options(csv_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "o.yaml"
    assert main(["import", str(csv_file), "-o", str(target), "--unit", "工会", "--period", "2023年"]) == 0
    wb = load_workbook(target)
    assert (wb.unit, wb.period) == ("工会", "2023年")


def test_output_must_be_yaml(csv_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(csv_file), "-o", str(tmp_path / "a.txt")]) == 1
    assert ".yaml" in capsys.readouterr().err


def test_warnings_go_to_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "a.csv"
    src.write_text("事项,数量,单位\n开展调研,7,次\n", encoding="utf-8")
    assert main(["import", str(src), "-o", str(tmp_path / "a.yaml")]) == 0
    assert "请填写单位" in capsys.readouterr().err


def test_help_is_chinese() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "import", "--help"],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert proc.returncode == 0
    assert "用法：" in proc.stdout and "--force" in proc.stdout and "目标文件已存在时覆盖" in proc.stdout
