"""Damaged and hostile Office files and CSVs: refused with a located Chinese message before any
parser sees them, never a traceback, never gigabytes.

The files are built at test time from a small real one: a part made of repeated XML (packing far
more than 200:1), a part whose deflate data is flipped, a part with a DTD, a sheet a crafted row
makes 16,384 columns wide.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from assistant import safezip
from assistant.cli import main
from assistant.document.check import check_docx
from assistant.document.markup import parse_markup
from assistant.errors import WenmiError
from assistant.ledger import importers
from assistant.ledger.importers import export_table, import_csv, import_docx, import_xlsx
from assistant.ledger.workbook import Achievement, Metric, Workbook
from assistant.render import document_bytes

SHEET = "xl/worksheets/sheet1.xml"
BODY = "word/document.xml"
DTD = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'


@pytest.fixture
def xlsx(tmp_path: Path) -> Path:
    wb = Workbook(unit="党群工作部", period="2023年", achievements=[
        Achievement(title=f"开展学习{i}", metrics=[Metric(label="次数", value=i + 1, unit="次")]) for i in range(5)
    ])  # fmt: skip
    path = tmp_path / "台账.xlsx"
    export_table(wb, path)
    return path


@pytest.fixture
def docx(tmp_path: Path) -> Path:
    path = tmp_path / "总结.docx"
    text = "# 关于开展学习的总结\n今年以来，开展学习教育12次，参训318人次。\n## 主要做法\n组织专题培训5场。\n"
    path.write_bytes(document_bytes(parse_markup(text), "docx"))
    return path


def rewrite(src: Path, dst: Path, parts: dict[str, bytes]) -> Path:
    """A copy of the zip `src` with some parts' content replaced (or added)."""
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as new:
        names = [info.filename for info in old.infolist()]
        for name in names:
            new.writestr(name, parts.get(name, old.read(name)))
        for name, data in parts.items():
            if name not in names:
                new.writestr(name, data)
    return dst


def padded(src: Path, dst: Path, part: str, filler: bytes, before: bytes) -> Path:
    """`part` with `filler` repeated to ~2 MB inserted before `before` (a zip bomb in small)."""
    xml = zipfile.ZipFile(src).read(part)
    return rewrite(src, dst, {part: xml.replace(before, filler * (2_000_000 // len(filler)) + before, 1)})


def corrupted(src: Path, dst: Path, part: str) -> Path:
    """A copy of `src` whose packed data for `part` is flipped (zlib cannot unpack it)."""
    data = bytearray(src.read_bytes())
    info = zipfile.ZipFile(src).getinfo(part)
    start = info.header_offset + 30 + int.from_bytes(data[info.header_offset + 26 : info.header_offset + 28], "little")
    start += int.from_bytes(data[info.header_offset + 28 : info.header_offset + 30], "little")
    for i in range(start + 2, start + min(info.compress_size, 120)):
        data[i] ^= 0x5A
    dst.write_bytes(bytes(data))
    return dst


def with_dtd(src: Path, dst: Path, part: str, root: bytes) -> Path:
    xml = zipfile.ZipFile(src).read(part)
    return rewrite(src, dst, {part: DTD + xml[xml.index(root) :]})


@pytest.fixture
def no_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if openpyxl or python-docx is asked to open the file."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the parser must not see this file")

    import docx as python_docx
    import openpyxl

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)
    monkeypatch.setattr(python_docx, "Document", refuse)


class TestXlsx:
    def test_the_small_file_imports(self, xlsx: Path) -> None:
        assert len(import_xlsx(xlsx).achievements) == 5

    def test_zip_bomb_is_refused_before_parsing(self, xlsx: Path, tmp_path: Path, no_parser: None) -> None:
        bomb = padded(xlsx, tmp_path / "bomb.xlsx", SHEET, b"<row><c><v>1</v></c></row>", b"</sheetData>")
        with pytest.raises(WenmiError, match="压缩比异常") as info:
            import_xlsx(bomb)
        assert info.value.location.file == str(bomb) and SHEET in info.value.message

    def test_corrupt_deflate_data_is_named(self, xlsx: Path, tmp_path: Path, no_parser: None) -> None:
        with pytest.raises(WenmiError, match=f"已损坏：部件“{SHEET}”无法解压"):
            import_xlsx(corrupted(xlsx, tmp_path / "bad.xlsx", SHEET))

    def test_entity_declarations_are_refused(self, xlsx: Path, tmp_path: Path, no_parser: None) -> None:
        with pytest.raises(WenmiError, match="DOCTYPE"):
            import_xlsx(with_dtd(xlsx, tmp_path / "dtd.xlsx", SHEET, b"<worksheet"))

    def test_a_prolog_too_long_to_see_past_is_refused(self, xlsx: Path, tmp_path: Path, no_parser: None) -> None:
        xml = zipfile.ZipFile(xlsx).read(SHEET)
        hidden = b"<!--" + b" " * 70_000 + b"-->" + DTD[DTD.index(b"<!DOCTYPE") :] + xml[xml.index(b"<worksheet") :]
        with pytest.raises(WenmiError, match="开头异常"):
            import_xlsx(rewrite(xlsx, tmp_path / "hidden.xlsx", {SHEET: hidden}))

    def test_too_many_parts(self, xlsx: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(safezip, "MAX_MEMBERS", 20)
        many = rewrite(xlsx, tmp_path / "many.xlsx", {f"x/{i}.bin": b"" for i in range(30)})
        with pytest.raises(WenmiError, match="超过上限 20"):
            import_xlsx(many)

    def test_too_big_in_total(self, xlsx: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(safezip, "MAX_TOTAL_BYTES", 10_000)
        with pytest.raises(WenmiError, match="解压后有"):
            import_xlsx(xlsx)

    def test_a_cell_in_the_last_column_is_refused_at_once(self, xlsx: Path, tmp_path: Path) -> None:
        far = b'<row r="20"><c r="XFD20" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
        xml = zipfile.ZipFile(xlsx).read(SHEET).replace(b"</sheetData>", far)
        with pytest.raises(WenmiError, match="16384 列") as info:
            import_xlsx(rewrite(xlsx, tmp_path / "wide.xlsx", {SHEET: xml}))
        assert info.value.location.line == 20

    def test_merged_range_over_the_whole_sheet_stays_small(self) -> None:
        ws = SimpleNamespace(
            iter_rows=lambda values_only: iter([("事项", "数量"), ("开展学习", 3), ("组织培训", 2)]),
            merged_cells=SimpleNamespace(ranges=["A1:XFD1048576"]),
        )
        rows = importers._sheet_rows(ws, "台账.xlsx")
        assert len(rows) == 3 and all(len(cells) == 2 for _, cells in rows)

    def test_cli_import_of_a_bomb_exits_1(self, xlsx: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        bomb = padded(xlsx, tmp_path / "bomb.xlsx", SHEET, b"<row><c><v>1</v></c></row>", b"</sheetData>")
        assert main(["import", str(bomb), "-o", str(tmp_path / "out.yaml")]) == 1
        err = capsys.readouterr().err
        assert "压缩炸弹" in err and "Traceback" not in err and not (tmp_path / "out.yaml").exists()


class TestDocx:
    def test_zip_bomb_is_refused_by_import_and_check(self, docx: Path, tmp_path: Path, no_parser: None) -> None:
        bomb = padded(docx, tmp_path / "bomb.docx", BODY, b"<w:p/>", b"</w:body>")
        for reader in (import_docx, check_docx):
            with pytest.raises(WenmiError, match="压缩比异常"):
                reader(bomb)

    def test_corrupt_deflate_data_is_named(self, docx: Path, tmp_path: Path, no_parser: None) -> None:
        bad = corrupted(docx, tmp_path / "bad.docx", BODY)
        for reader in (import_docx, check_docx):
            with pytest.raises(WenmiError, match=f"已损坏：部件“{BODY}”"):
                reader(bad)

    def test_a_compression_method_zipfile_cannot_read_is_named(self, docx: Path, tmp_path: Path, no_parser: None) -> None:
        """A part packed with deflate64 (method 9, as some archivers write): a located message."""
        data = bytearray(docx.read_bytes())
        info = zipfile.ZipFile(docx).getinfo(BODY)
        data[info.header_offset + 8 : info.header_offset + 10] = (9).to_bytes(2, "little")  # local header
        at = data.find(b"PK\x01\x02")
        while data[at + 46 : at + 46 + len(BODY)] != BODY.encode():  # the part's central record
            at = data.find(b"PK\x01\x02", at + 4)
        data[at + 10 : at + 12] = (9).to_bytes(2, "little")
        bad = tmp_path / "deflate64.docx"
        bad.write_bytes(bytes(data))
        for reader in (import_docx, check_docx):
            with pytest.raises(WenmiError, match=f"部件“{BODY}”无法解压（不支持的压缩方式）"):
                reader(bad)

    def test_entity_bomb_and_xxe_are_refused(self, docx: Path, tmp_path: Path, no_parser: None) -> None:
        bad = with_dtd(docx, tmp_path / "dtd.docx", BODY, b"<w:document")
        for reader in (import_docx, check_docx):
            with pytest.raises(WenmiError, match="DOCTYPE"):
                reader(bad)

    def test_xml_under_another_name_is_still_checked(self, docx: Path, tmp_path: Path, no_parser: None) -> None:
        bad = rewrite(docx, tmp_path / "renamed.docx", {"word/payload.dat": DTD + b"<x/>"})
        with pytest.raises(WenmiError, match="payload.dat"):
            check_docx(bad)

    def test_check_cli_on_a_damaged_file(self, docx: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["check", str(corrupted(docx, tmp_path / "bad.docx", BODY))]) == 1
        err = capsys.readouterr().err
        assert "bad.docx" in err and "无法解压" in err and "Traceback" not in err

    def test_a_real_document_still_checks(self, docx: Path) -> None:
        assert isinstance(check_docx(docx), list)

    def test_paragraphs_past_the_cap_are_refused_whatever_the_ratio(
        self, docx: Path, tmp_path: Path, no_parser: None
    ) -> None:
        """150,000 empty paragraphs in 900 KB: under the size the ratio is looked at, and two
        minutes of `check` if parsed."""
        bomb = rewrite(docx, tmp_path / "many.docx", {BODY: zipfile.ZipFile(docx).read(BODY).replace(
            b"</w:body>", b"<w:p/>" * 150_000 + b"</w:body>", 1)})  # fmt: skip
        for reader in (import_docx, check_docx):
            with pytest.raises(WenmiError, match="超过 100,000 个段落"):
                reader(bomb)

    @pytest.mark.parametrize("chunk", [7, 100, 65_536])
    def test_paragraphs_are_counted_once_across_chunk_boundaries(
        self, docx: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
    ) -> None:
        xml = zipfile.ZipFile(docx).read(BODY)
        more = b'<w:p w:rsidR="00A1"><w:pPr><w:jc w:val="both"/></w:pPr></w:p><w:p/>' * 3_000  # ~190 KB
        doc = rewrite(docx, tmp_path / "many.docx", {BODY: xml.replace(b"</w:body>", more + b"</w:body>", 1)})
        total = len(safezip._PARAGRAPH.findall(xml)) + 6_000
        monkeypatch.setattr(safezip, "_CHUNK", chunk)
        monkeypatch.setattr(safezip, "MAX_PARAGRAPHS", total)
        safezip.check_office_zip(doc, ".docx")
        monkeypatch.setattr(safezip, "MAX_PARAGRAPHS", total - 1)
        with pytest.raises(WenmiError, match=f"超过 {total - 1:,} 个段落"):
            safezip.check_office_zip(doc, ".docx")

    def test_elements_past_the_cap_are_refused(self, xlsx: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setitem(safezip.MAX_XML_ELEMENTS, ".xlsx", 50)
        with pytest.raises(WenmiError, match="XML 元素") as info:
            import_xlsx(xlsx)
        assert "台账.xlsx" in str(info.value)


class TestCsv:
    HEADER = "事项,数量,单位\n"

    def rows(self, n: int) -> str:
        return "".join(f"开展学习{i},{i + 1},次\n" for i in range(n))

    def write(self, tmp_path: Path, text: str) -> Path:
        path = tmp_path / "台账.csv"
        path.write_text(text, encoding="utf-8")
        return path

    def test_field_over_the_limit_is_located(self, tmp_path: Path) -> None:
        path = self.write(tmp_path, self.HEADER + self.rows(3) + "开" * 140_000 + ",1,次\n")
        with pytest.raises(WenmiError, match="131072") as info:
            import_csv(path)
        assert info.value.location.line == 5

    def test_stray_quote_in_a_big_csv_is_located(self, tmp_path: Path) -> None:
        text = self.HEADER + self.rows(10) + '"开展调研,2,次\n' + self.rows(10_000)
        with pytest.raises(WenmiError, match="双引号") as info:
            import_csv(self.write(tmp_path, text))
        assert info.value.location.line == 12

    def test_stray_quote_in_a_small_csv_does_not_merge_rows(self, tmp_path: Path) -> None:
        text = self.HEADER + self.rows(3) + '"开展调研,2,次\n' + self.rows(5)
        with pytest.raises(WenmiError, match="没有配对") as info:
            import_csv(self.write(tmp_path, text))
        assert info.value.location.line == 5

    def test_quoted_line_breaks_still_read(self, tmp_path: Path) -> None:
        text = "事项,数量,单位,说明\n" + '开展学习,3,次,"第一行\n第二行"\n组织培训,2,场,"x"\n'
        wb = import_csv(self.write(tmp_path, text))
        assert [a.title for a in wb.achievements] == ["开展学习", "组织培训"]
        assert wb.achievements[0].detail == "第一行\n第二行"

    def test_too_many_rows(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(importers, "MAX_ROWS", 50)
        with pytest.raises(WenmiError, match="超过 50 行"):
            import_csv(self.write(tmp_path, self.HEADER + self.rows(100)))


class TestExportedFormulas:
    """Text that starts like a formula is exported as text and reads back unchanged."""

    TITLE = '=HYPERLINK("http://example.com")开展学习'

    @pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
    def test_round_trip_as_text(self, tmp_path: Path, suffix: str) -> None:
        wb = Workbook(unit="党群工作部", period="2023年", achievements=[
            Achievement(title=self.TITLE, detail="+1 说明", metrics=[Metric(label="次数", value=-3, unit="次")])
        ])  # fmt: skip
        path = tmp_path / f"台账{suffix}"
        export_table(wb, path)
        if suffix == ".xlsx":
            assert b"<f>" not in zipfile.ZipFile(path).read(SHEET)
        else:
            assert "'=HYPERLINK" in path.read_text(encoding="utf-8-sig")
        back = (import_xlsx if suffix == ".xlsx" else import_csv)(path).achievements[0]
        assert (back.title, back.detail, back.metrics[0].value) == (self.TITLE, "+1 说明", -3)


class TestFormulaCells:
    def test_formula_without_a_saved_result_is_reported_not_merged(self, xlsx: Path, tmp_path: Path) -> None:
        xml = zipfile.ZipFile(xlsx).read(SHEET)
        row4 = xml[xml.index(b'<row r="4"') : xml.index(b"</row>", xml.index(b'<row r="4"')) + 6]
        title = row4[row4.index(b"<c ") : row4.index(b"</c>") + 4]  # A4, the 事项 of the 2nd achievement
        formula = b'<c r="A4"><f>CONCATENATE(B4,C4)</f></c>'
        bad = rewrite(xlsx, tmp_path / "formula.xlsx", {SHEET: xml.replace(title, formula, 1)})
        with pytest.raises(WenmiError, match="公式") as info:
            import_xlsx(bad)
        assert info.value.location.line == 4 and info.value.location.column == 1
