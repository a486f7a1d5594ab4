"""The .docx package: only the parts a document uses, XML in schema order, docProps that say
wenmi, the same bytes every time, fonts described for the reader's machine, files a colleague
can open."""

from __future__ import annotations

import io
import os
import re
import stat
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from assistant.document import gbt9704 as G
from assistant.document.docx_writer import _PPR_ORDER, _RPR_ORDER, write_docx_bytes
from assistant.document.markup import parse_markup
from assistant.document.paginate import paginate
from assistant.render import write_output

from .test_markup import FULL

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REVIEW = "正文[示例]有待核实的示例内容[/示例]。\n"


@pytest.fixture(scope="module")
def data() -> bytes:
    return write_docx_bytes(parse_markup(FULL))


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_the_package_holds_only_the_parts_the_document_uses(data: bytes) -> None:
    assert sorted(_parts(data)) == sorted([
        "[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml", "word/document.xml",
        "word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml", "word/fontTable.xml",
        "word/footer1.xml", "word/footer2.xml",
    ])  # fmt: skip
    assert len(data) < 20_000  # python-docx's template alone was 41 KB compressed
    # Example content brings its comments part along.
    assert "word/comments.xml" in _parts(write_docx_bytes(parse_markup(REVIEW)))


def test_every_relationship_and_content_type_points_at_a_part(data: bytes) -> None:
    for doc in (data, write_docx_bytes(parse_markup(REVIEW))):
        parts = _parts(doc)
        for rels, base in (("_rels/.rels", ""), ("word/_rels/document.xml.rels", "word/")):
            for target in re.findall(rb'Target="([^"]+)"', parts[rels]):
                assert (base + target.decode()) in parts, target
        for name in re.findall(rb'PartName="/([^"]+)"', parts["[Content_Types].xml"]):
            assert name.decode() in parts, name
        assert b"stylesWithEffects" not in b"".join(parts.values())


def _order_ok(parent: etree._Element, order: list[str]) -> bool:
    names = [c.tag.replace(W, "") for c in parent if c.tag.startswith(W)]
    known = [n for n in names if n in order]
    return known == sorted(known, key=order.index)


def test_styles_name_only_what_is_used_in_schema_order(data: bytes) -> None:
    styles = etree.fromstring(_parts(data)["word/styles.xml"])
    assert styles.find(f"{W}latentStyles") is None
    ids = [s.get(f"{W}styleId") for s in styles.iter(f"{W}style")]
    assert set(ids) == {
        "Normal", "DefaultParagraphFont", "TableNormal", "NoList", "公文正文", "公文标题", "公文一级标题",
        "公文二级标题", "公文三级标题", "公文四级标题", "公文表格", "公文页码", "公文版记",
    }  # fmt: skip
    style_order = ["name", "basedOn", "next", "link", "uiPriority", "semiHidden", "unhideWhenUsed", "qFormat", "pPr", "rPr", "tblPr"]
    for style in styles.iter(f"{W}style"):
        assert _order_ok(style, style_order), style.get(f"{W}styleId")  # Normal: pPr before rPr
    assert "theme" not in _parts(data)["word/styles.xml"].decode().lower()


def test_paragraph_run_and_table_properties_are_in_schema_order(data: bytes) -> None:
    borders = ["top", "left", "bottom", "right", "insideH", "insideV"]
    for name in ("word/document.xml", "word/styles.xml", "word/footer1.xml"):
        root = etree.fromstring(_parts(data)[name])
        for ppr in root.iter(f"{W}pPr"):
            assert _order_ok(ppr, _PPR_ORDER), name
        for rpr in root.iter(f"{W}rPr"):
            assert _order_ok(rpr, _RPR_ORDER), name
        for tbl_borders in root.iter(f"{W}tblBorders"):
            assert [c.tag.replace(W, "") for c in tbl_borders] == borders  # the 版记's too


def test_doc_props_say_wenmi_dated_by_the_document(data: bytes) -> None:
    app = _parts(data)["docProps/app.xml"].decode()
    assert "<Application>wenmi</Application>" in app and "Microsoft" not in app
    assert f"<Pages>{paginate(parse_markup(FULL)).pages}</Pages>" in app
    core = _parts(data)["docProps/core.xml"].decode()
    assert core.count("2023-01-11T00:00:00Z") == 2  # created and modified: the 成文日期
    undated = _parts(write_docx_bytes(parse_markup("# 通知\n正文。\n")))["docProps/core.xml"].decode()
    assert undated.count("2012-07-01T00:00:00Z") == 2  # GB/T 9704-2012's date, not the clock


def test_the_same_document_gives_the_same_bytes(data: bytes) -> None:
    assert write_docx_bytes(parse_markup(FULL)) == data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {i.date_time for i in z.infolist()} == {(2023, 1, 11, 0, 0, 0)}


def test_font_table_describes_every_face_with_its_fallback(data: bytes) -> None:
    fonts = etree.fromstring(_parts(data)["word/fontTable.xml"])
    entries = {f.get(f"{W}name"): f for f in fonts.iter(f"{W}font")}
    named = set(re.findall(r'w:eastAsia="([^"]+)"', re.sub(r"<w:lang [^>]*>", "", _parts(data)["word/document.xml"].decode())))
    assert named <= set(entries)
    assert set(entries) == {G.FONT_FANGSONG, G.FONT_KAITI, G.FONT_XIAOBIAOSONG, G.FONT_HEITI, G.FONT_SONGTI, G.FONT_LATIN}

    def val(face: str, tag: str) -> str | None:
        el = entries[face].find(f"{W}{tag}")
        return None if el is None else el.get(f"{W}val")

    assert val(G.FONT_FANGSONG, "altName") == "仿宋"
    assert val(G.FONT_KAITI, "altName") == "楷体"
    assert val(G.FONT_XIAOBIAOSONG, "altName") == "宋体"
    for face in (G.FONT_FANGSONG, G.FONT_KAITI, G.FONT_XIAOBIAOSONG, G.FONT_HEITI, G.FONT_SONGTI):
        assert val(face, "charset") == "86"  # GB2312
        assert re.fullmatch(r"[0-9A-F]{20}", val(face, "panose1") or "")
        # CT_Font order: altName, panose1, charset, family, pitch
        assert [c.tag.replace(W, "") for c in entries[face]] == ["altName", "panose1", "charset", "family", "pitch"]


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_new_file_honours_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    old = os.umask(umask)
    try:
        write_output(parse_markup("# 通知\n正文。\n"), tmp_path / "通知.docx")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "通知.docx").stat().st_mode) == mode
    assert [p.name for p in tmp_path.iterdir()] == ["通知.docx"]  # no temporary file left


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    out = tmp_path / "通知.docx"
    out.write_bytes(b"old")
    out.chmod(0o640)
    write_output(parse_markup("# 通知\n正文。\n"), out, force=True)
    assert stat.S_IMODE(out.stat().st_mode) == 0o640 and out.read_bytes()[:2] == b"PK"
