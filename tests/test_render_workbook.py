"""`wenmi render WORKBOOK --template ID`: composition, figure checks and --strict, end to end."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from assistant.cli import main

FIXTURES = Path(__file__).parent / "fixtures"

WORKBOOK = """unit: 党群工作部
period: 2022年
fields: {主题: 作风建设, 落款: 党群工作部, 日期: 2023-01-11}
achievements:
  - title: 起草全面践行工作作风的实施方案
    category: 作风建设
    metrics: [{label: 工作目标, value: 15, unit: 个}]
  - title: 调度各单位制定践行举措
    category: 组织建设
    metrics: [{label: 践行举措, value: 600, unit: 条, qualifier: 余}, {label: 销售, value: 20000, unit: 斤, qualifier: 余}]
"""


@pytest.fixture(autouse=True)
def fixture_templates(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("WENMI_PATH", str(FIXTURES))
    monkeypatch.setenv("WENMI_HOME", str(tmp_path / "home"))
    from assistant.templating import clear_catalog_cache

    clear_catalog_cache()


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    p = tmp_path / "台账.yaml"
    p.write_text(WORKBOOK, encoding="utf-8")
    return p


def _text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_every_figure_reaches_the_document(workbook: Path, tmp_path: Path) -> None:
    out = tmp_path / "经验材料.docx"
    assert main(["render", str(workbook), "--template", "zf-test-4gao", "-o", str(out)]) == 0
    text = _text(out)
    for figure in ("15个", "600余条", "2万余斤"):
        assert figure in text
    assert "一、提高站位" in text and "二、压实责任" in text
    assert "2023年1月11日" in text


def test_template_from_the_workbook_and_set_overrides(workbook: Path, tmp_path: Path) -> None:
    workbook.write_text("template: zf-test-4gao\n" + WORKBOOK, encoding="utf-8")
    out = tmp_path / "o.docx"
    assert main(["render", str(workbook), "-o", str(out), "--set", "主题=纪律建设"]) == 0
    assert "纪律建设" in _text(out)


def test_missing_template_says_how_to_choose_one(workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(workbook), "-o", str(tmp_path / "o.docx")]) == 1
    err = capsys.readouterr().err
    assert "没有指定模板" in err and "wenmi suggest" in err


def test_template_that_ignores_achievements_says_so(workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "通知.docx"
    assert main(["render", str(workbook), "--template", "zz-test-tongzhi", "-o", str(out)]) == 0
    assert "不使用成效事项" in capsys.readouterr().err


def test_strict_stops_a_document_that_drops_a_figure(tmp_path: Path, workbook: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lossy = tmp_path / "lossy" / "templates" / "zuofeng"
    lossy.mkdir(parents=True)
    src = (FIXTURES / "templates" / "zuofeng" / "zf-test-4gao.yaml").read_text(encoding="utf-8")
    lossy_src = src.replace("id: zf-test-4gao", "id: zf-test-lossy").replace("{{ a.sentence }}", "{{ a.title }}。")
    (lossy / "zf-test-lossy.yaml").write_text(lossy_src, encoding="utf-8")
    import os

    os.environ["WENMI_PATH"] = f"{FIXTURES}{os.pathsep}{tmp_path / 'lossy'}"
    from assistant.templating import clear_catalog_cache

    clear_catalog_cache()
    out = tmp_path / "lossy.docx"
    assert main(["render", str(workbook), "--template", "zf-test-lossy", "-o", str(out)]) == 0
    assert "600余条" in capsys.readouterr().err  # warned
    out.unlink()
    assert main(["render", str(workbook), "--template", "zf-test-lossy", "-o", str(out), "--strict"]) == 1
    assert not out.exists()
    assert "数字核对未通过" in capsys.readouterr().err


def test_bad_workbook_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("unit: 党群工作部\nachievments: []\n", encoding="utf-8")
    out = tmp_path / "o.docx"
    assert main(["render", str(bad), "--template", "zf-test-4gao", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "bad.yaml" in err and "achievements" in err
    assert not out.exists()


def test_batch_of_workbooks(tmp_path: Path) -> None:
    paths = []
    for unit in ("一支部", "二支部"):
        p = tmp_path / f"{unit}.yaml"
        p.write_text(WORKBOOK.replace("党群工作部", unit), encoding="utf-8")
        paths.append(str(p))
    out = tmp_path / "out"
    assert main(["render", *paths, "--template", "zf-test-4gao", "-o", f"{out}/"]) == 0
    assert "一支部" in _text(out / "一支部.docx") and "二支部" in _text(out / "二支部.docx")
