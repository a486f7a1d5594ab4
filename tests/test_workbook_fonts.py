"""A workbook's `fonts:` (the font profile its documents name): read, checked, saved, and used by
`wenmi render` with the precedence --fonts > `fonts:` > `wenmi fonts --use` > gb2312."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.document import gbt9704 as G
from assistant.errors import WenmiError, WenmiErrors
from assistant.ledger.files import load_workbook, save_workbook
from assistant.ledger.yamlfile import dumps_workbook, loads_workbook

FIXTURES = Path(__file__).parent / "fixtures"

WORKBOOK = """\
# 作风建设台账
unit: 党群工作部
period: 2022年
template: zf-test-4gao
fonts: windows   # 对方电脑没有国标字体
fields: {主题: 作风建设, 落款: 党群工作部, 日期: 2023-01-11}
achievements:
  - title: 起草全面践行工作作风的实施方案
    category: 作风建设
    metrics: [{label: 工作目标, value: 15, unit: 个}]
"""


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Test templates, and a user folder of its own (no saved font profile leaks in or out)."""
    monkeypatch.setenv("WENMI_PATH", str(FIXTURES))
    monkeypatch.setenv("WENMI_HOME", str(tmp_path / "home"))
    from assistant.templating import clear_catalog_cache

    clear_catalog_cache()
    return tmp_path / "home"


def _body_faces(docx: Path) -> set[str]:
    """The East Asian faces word/document.xml names."""
    with zipfile.ZipFile(docx) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    return set(re.findall(r'<w:rFonts [^>]*w:eastAsia="([^"]+)"', xml))


def _table_faces(docx: Path) -> set[str]:
    with zipfile.ZipFile(docx) as z:
        xml = z.read("word/fontTable.xml").decode("utf-8")
    return set(re.findall(r'<w:font w:name="([^"]+)"', xml))


def _write(tmp_path: Path, text: str, name: str = "台账.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


class TestRead:
    def test_the_profile_is_read_and_its_case_forgiven(self) -> None:
        assert loads_workbook(WORKBOOK, "台账.yaml").fonts == "windows"
        assert loads_workbook(WORKBOOK.replace("fonts: windows", "fonts: GBK"), "台账.yaml").fonts == "gbk"
        assert loads_workbook(WORKBOOK.replace("fonts: windows", "fonts: "), "台账.yaml").fonts is None
        assert loads_workbook(WORKBOOK.replace("fonts: windows", ""), "台账.yaml").fonts is None

    def test_an_unknown_profile_is_a_located_error_listing_the_profiles(self) -> None:
        with pytest.raises(WenmiError) as info:
            loads_workbook(WORKBOOK.replace("fonts: windows", "fonts: 微软雅黑"), "台账.yaml")
        err = info.value
        assert not isinstance(err, WenmiErrors)
        assert err.location.file == "台账.yaml" and err.location.line == 5 and err.location.field == "fonts"
        text = str(err)
        assert "字体方案" in text and "微软雅黑" in text
        for name in ("gb2312", "windows", "gbk"):
            assert name in text

    def test_a_chinese_key_is_named_for_what_it_should_be(self) -> None:
        with pytest.raises(WenmiError) as info:
            loads_workbook(WORKBOOK.replace("fonts: windows", "字体方案: windows"), "台账.yaml")
        assert "应写作“fonts”（字体方案）" in str(info.value)


class TestSave:
    def test_saving_keeps_the_profile_and_its_comment(self, tmp_path: Path) -> None:
        path = _write(tmp_path, WORKBOOK)
        wb = load_workbook(path)
        save_workbook(wb, path)
        text = path.read_text(encoding="utf-8")
        assert "template: zf-test-4gao\nfonts: windows   # 对方电脑没有国标字体\nfields:" in text
        assert load_workbook(path).fonts == "windows"

    def test_a_profile_chosen_later_is_written_after_the_template(self) -> None:
        wb = loads_workbook(WORKBOOK.replace("fonts: windows   # 对方电脑没有国标字体\n", ""), "台账.yaml")
        wb.fonts = "gbk"
        text = dumps_workbook(wb)
        assert "template: zf-test-4gao\nfonts: gbk\nfields:" in text
        assert loads_workbook(text, "台账.yaml").fonts == "gbk"
        wb.fonts = None
        assert "fonts" not in dumps_workbook(wb)


class TestPrecedence:
    """--fonts > the workbook's fonts: > `wenmi fonts --use` > gb2312, in the .docx written."""

    WINDOWS = {"仿宋", "黑体"}  # body text and the level-1 heading of the test template

    def test_the_workbook_s_profile_is_used_by_render(self, tmp_path: Path) -> None:
        path = _write(tmp_path, WORKBOOK)
        out = tmp_path / "经验材料.docx"
        assert main(["render", str(path), "-o", str(out)]) == 0
        faces = _body_faces(out)
        assert "仿宋" in faces and G.FONT_FANGSONG not in faces and G.FONT_XIAOBIAOSONG not in faces
        assert not any(f.endswith("_GB2312") or f.startswith("方正") for f in _table_faces(out))

    def test_without_it_the_standard_faces(self, tmp_path: Path) -> None:
        path = _write(tmp_path, WORKBOOK.replace("fonts: windows   # 对方电脑没有国标字体\n", ""))
        out = tmp_path / "经验材料.docx"
        assert main(["render", str(path), "-o", str(out)]) == 0
        faces = _body_faces(out)
        assert G.FONT_FANGSONG in faces and "仿宋" not in faces

    def test_fonts_option_wins_over_the_workbook(self, tmp_path: Path) -> None:
        path = _write(tmp_path, WORKBOOK)
        out = tmp_path / "经验材料.docx"
        assert main(["render", str(path), "-o", str(out), "--fonts", "gbk"]) == 0
        faces = _body_faces(out)
        assert "方正仿宋_GBK" in faces and "仿宋" not in faces
        assert main(["render", str(path), "-o", str(out), "--fonts", "gb2312", "--force"]) == 0
        assert G.FONT_FANGSONG in _body_faces(out)

    def test_the_workbook_wins_over_the_user_default(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["fonts", "--use", "gbk"]) == 0
        with_profile = _write(tmp_path, WORKBOOK)
        without = _write(tmp_path, WORKBOOK.replace("fonts: windows   # 对方电脑没有国标字体\n", ""), "无方案.yaml")
        assert main(["render", str(with_profile), "-o", str(tmp_path / "甲.docx")]) == 0
        assert main(["render", str(without), "-o", str(tmp_path / "乙.docx")]) == 0
        assert "仿宋" in _body_faces(tmp_path / "甲.docx")
        assert "方正仿宋_GBK" in _body_faces(tmp_path / "乙.docx")

    def test_a_bad_profile_stops_the_render_with_its_line(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = _write(tmp_path, WORKBOOK.replace("fonts: windows", "fonts: 宋体"))
        assert main(["render", str(path), "-o", str(tmp_path / "x.docx")]) == 1
        err = capsys.readouterr().err
        assert "台账.yaml" in err and "5" in err and "fonts" in err and "windows" in err
        assert "Traceback" not in err
        assert not (tmp_path / "x.docx").exists()
