"""`wenmi fonts`: the faces a document needs, and whether this machine has them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.document import fonts
from assistant.document import gbt9704 as G
from assistant.document.markup import parse_markup
from assistant.render import write_output


@pytest.fixture
def machine(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """A stock Windows 10: 仿宋, 楷体, 黑体, 宋体 and Times New Roman, none of the _GB2312 or 方正 faces."""
    names = {"FangSong", "仿宋", "KaiTi", "楷体", "SimHei", "黑体", "SimSun", "宋体", "Times New Roman"}
    monkeypatch.setattr(fonts, "installed_families", lambda: names)
    return names


def test_the_standard_faces_and_their_fallbacks(machine: set[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fonts"]) == 0
    out = capsys.readouterr().out
    assert "wenmi 生成的公文用到 6 种字体" in out
    assert "仿宋_GB2312：未安装，Word/WPS 将用“仿宋”代替（本机有）" in out
    assert "楷体_GB2312：未安装，Word/WPS 将用“楷体”代替（本机有）" in out
    assert "方正小标宋简体：未安装，Word/WPS 将用“宋体”代替（本机有）" in out
    assert "黑体：已安装" in out and "Times New Roman：已安装" in out
    assert "缺少的字体可以这样获得" in out


def test_a_document_s_faces_as_json(machine: set[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docx = tmp_path / "通知.docx"
    write_output(parse_markup("# 通知\n## 要求\n正文。\n"), docx)
    assert main(["fonts", str(docx), "--format", "json"]) == 0
    rows = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    # Title, body, a level-1 heading, page numbers, Latin text: no 楷体 in this one.
    assert set(rows) == {G.FONT_XIAOBIAOSONG, G.FONT_FANGSONG, G.FONT_HEITI, G.FONT_SONGTI, G.FONT_LATIN}
    assert rows[G.FONT_HEITI]["installed"] and not rows[G.FONT_FANGSONG]["installed"]
    assert rows[G.FONT_FANGSONG]["fallback"] == "仿宋" and rows[G.FONT_FANGSONG]["fallback_installed"]


def test_a_metric_twin_stands_in_for_times_new_roman() -> None:
    assert fonts.find_face(G.FONT_LATIN, {"Liberation Serif"}) == ("Liberation Serif", False)
    assert fonts.find_face(G.FONT_LATIN, {"Times New Roman"}) == ("Times New Roman", True)
    assert fonts.find_face(G.FONT_FANGSONG, {"FangSong_GB2312"}) == ("FangSong_GB2312", True)
    assert fonts.find_face(G.FONT_FANGSONG, {"仿宋"}) is None  # that is the fallback, not the face


def test_bad_files_are_errors_not_crashes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fonts", str(tmp_path / "无此文件.docx")]) == 1
    bad = tmp_path / "坏.docx"
    bad.write_text("不是压缩包", encoding="utf-8")
    assert main(["fonts", str(bad)]) == 1
    assert "不是有效的 Word 文档" in capsys.readouterr().err


def test_the_machine_s_faces_are_listed_without_failing() -> None:
    assert isinstance(fonts.installed_families(), set)
