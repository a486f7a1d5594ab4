"""`wenmi fonts`: the faces a document needs, and whether this machine has them; font profiles
(`--fonts`, `wenmi fonts --use`) that name faces a reader's machine has."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.document import fonts
from assistant.document import gbt9704 as G
from assistant.document.markup import parse_markup
from assistant.render import write_output


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user folder of its own, so that no saved font profile leaks in or out."""
    monkeypatch.setenv("WENMI_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def machine(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """A stock Windows 10: 仿宋, 楷体, 黑体, 宋体 and Times New Roman, none of the _GB2312 or 方正 faces."""
    names = {"FangSong", "仿宋", "KaiTi", "楷体", "SimHei", "黑体", "SimSun", "宋体", "Times New Roman"}
    monkeypatch.setattr(fonts, "installed_families", lambda: names)
    return names


def test_the_standard_faces_and_their_fallbacks(machine: set[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fonts"]) == 0
    out = capsys.readouterr().out
    assert "wenmi 生成的公文（字体方案 gb2312）用到 6 种字体" in out
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


def _faces(docx: Path) -> tuple[set[str], dict[str, str | None]]:
    """The East Asian faces the text names, and the font table's names with their altName."""
    import re
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(docx) as z:
        named = {f for n in z.namelist() if n.startswith("word/") and "fontTable" not in n and n.endswith(".xml")
                 for f in re.findall(r'<w:rFonts [^>]*w:eastAsia="([^"]+)"', z.read(n).decode())}
        table = etree.fromstring(z.read("word/fontTable.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    alts = {}
    for font in table.iter(f"{w}font"):
        alt = font.find(f"{w}altName")
        alts[str(font.get(f"{w}name"))] = None if alt is None else alt.get(f"{w}val")
    return named, alts


MARKUP = "# 关于开展作风建设的通知\n## 要求\n### 分工\n正文。\n| 序号 | 事项 |\n| -- | -- |\n| 1 | 甲 |\n"


def test_the_windows_profile_names_only_faces_every_chinese_windows_has(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "通知.md"
    src.write_text(MARKUP, encoding="utf-8")
    assert main(["render", str(src), "-o", str(tmp_path / "通知.docx"), "--fonts", "windows"]) == 0
    named, alts = _faces(tmp_path / "通知.docx")
    assert named == {"仿宋", "黑体", "楷体", "宋体"}  # body, level 1, level 2, title and page numbers
    assert not any(f.endswith("_GB2312") or f.startswith("方正") for f in alts)
    assert set(alts) == {"仿宋", "黑体", "楷体", "宋体", G.FONT_LATIN}
    # The standard profile still names the standard faces, each with its Windows fallback.
    assert main(["render", str(src), "-o", str(tmp_path / "国标.docx")]) == 0
    named, alts = _faces(tmp_path / "国标.docx")
    assert {G.FONT_FANGSONG, G.FONT_KAITI, G.FONT_XIAOBIAOSONG} <= named
    assert alts[G.FONT_FANGSONG] == "仿宋" and alts[G.FONT_KAITI] == "楷体" and alts[G.FONT_XIAOBIAOSONG] == "宋体"


def test_the_gbk_profile_names_the_fangzheng_faces_with_their_fallbacks(tmp_path: Path) -> None:
    write_output(parse_markup(MARKUP), tmp_path / "通知.docx", fonts="gbk")
    named, alts = _faces(tmp_path / "通知.docx")
    assert named == {"方正仿宋_GBK", "方正黑体_GBK", "方正楷体_GBK", "方正小标宋_GBK", G.FONT_SONGTI}
    assert alts["方正仿宋_GBK"] == "仿宋" and alts["方正小标宋_GBK"] == "宋体" and alts["方正黑体_GBK"] == "黑体"


def test_a_profile_saved_with_use_is_every_render_s_default(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["fonts", "--use", "Windows"]) == 0
    out = capsys.readouterr().out
    assert "已把字体方案设为 windows" in out and "字体方案 windows）用到 5 种字体" in out
    assert "fonts: windows" in (home / "config.yaml").read_text(encoding="utf-8")
    write_output(parse_markup(MARKUP), tmp_path / "默认.docx")
    assert _faces(tmp_path / "默认.docx")[0] == {"仿宋", "黑体", "楷体", "宋体"}
    # --fonts still wins for one render; --use gb2312 goes back, keeping the file's other lines.
    write_output(parse_markup(MARKUP), tmp_path / "国标.docx", fonts="gb2312")
    assert G.FONT_FANGSONG in _faces(tmp_path / "国标.docx")[0]
    (home / "config.yaml").write_text("# 我的设置\nfonts: windows\n", encoding="utf-8")
    assert main(["fonts", "--use", "gb2312"]) == 0
    assert (home / "config.yaml").read_text(encoding="utf-8").startswith("# 我的设置\nfonts: gb2312")


def test_a_profile_lists_its_faces(machine: set[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fonts", "--profile", "windows", "--format", "json"]) == 0
    rows = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert set(rows) == {"仿宋", "楷体", "黑体", "宋体", G.FONT_LATIN}
    assert all(r["installed"] for r in rows.values())  # a stock Windows has every one
    assert main(["fonts", "--profile", "gbk"]) == 0
    out = capsys.readouterr().out
    assert "方正仿宋_GBK：未安装，Word/WPS 将用“仿宋”代替（本机有）" in out


def test_unknown_profiles_and_bad_settings_are_located_errors(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "通知.md"
    src.write_text(MARKUP, encoding="utf-8")
    assert main(["render", str(src), "--fonts", "mac"]) == 1
    assert "字段“--fonts”：字体方案“mac”无法识别（可选 gb2312、windows、gbk）" in capsys.readouterr().err
    assert main(["fonts", "通知.docx", "--profile", "windows"]) == 1
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.yaml").write_text("fonts: 方正\n", encoding="utf-8")
    assert main(["render", str(src), "-o", str(tmp_path / "a.docx")]) == 1
    err = capsys.readouterr().err
    assert f"{home / 'config.yaml'}，字段“字体方案”：字体方案“方正”无法识别" in err
    (home / "config.yaml").write_text("fonts: [\n", encoding="utf-8")
    assert main(["fonts"]) == 1
    assert "设置文件不是有效的 YAML" in capsys.readouterr().err
