"""Every .docx wenmi writes is valid against the Office schemas (issue 17: "Word found unreadable
content" comes from out-of-order or unknown elements, which Word does not forgive).

openxml-audit (a test dependency) ports the Open XML SDK's validator: the ECMA-376 schemas with
Office's extensions, element order included, and the SDK's semantic checks (relationships, ids,
content types). The whole catalogue, the stress documents of the LibreOffice tests and the font
profiles are validated for Office 2016, the oldest Word the issue names: later versions' schemas
only add elements, so what Office 2016 accepts they accept too.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from openxml_audit import FileFormat, OpenXmlValidator

from assistant.document.docx_writer import write_docx_bytes
from assistant.document.markup import parse_markup

from .test_markup import FULL

#: openxml-audit's strict mode also asks for what Word itself writes: a theme part. The Open XML
#: SDK does not (its MainDocumentPart constraint for ThemePart has minOccurs 0), Word opens a
#: document without one, and wenmi's lean package leaves it out on purpose (no theme fonts).
OPTIONAL_THEME = "A required relationship type 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme' is missing."

def _stress() -> dict[str, bytes]:
    """Documents that exercise every part of the writer: red header (a long two-line organ mark
    too), 版记 on each placement, tables, comments, keeps, bad input, every font profile."""
    from .test_layout_office import MARKUP, _record_cases, _stress_documents

    docs = {name: write_docx_bytes(parse_markup(text), "gb2312") for name, text in _stress_documents().items()}
    docs |= {f"record-{name}": write_docx_bytes(parse_markup(text), "gb2312") for name, text in _record_cases().items()}
    docs["full"] = write_docx_bytes(parse_markup(FULL), "gb2312")
    docs["layout"] = write_docx_bytes(parse_markup(MARKUP), "gb2312")
    docs["review"] = write_docx_bytes(parse_markup("正文[示例]有待核实的示例内容[/示例]。\n| 甲 | 乙 |\n| - | - |\n| [示例]丙[/示例] | 丁 |\n"), "gb2312")
    long_organ = "中共某市疾病预防控制中心第一支部委员会与某某有限公司委员会联合文件"
    bad = (
        f"---\n发文机关标志: {long_organ}\n发文字号: 示党发〔2023〕5号\n---\n# {'党' * 200}\n"
        f"| 序号 | 编号 |\n| -- | -- |\n| 1 | {'1' * 60} |\n## 主要任务\n"
    )
    docs["bad-input"] = write_docx_bytes(parse_markup(bad), "gb2312")
    for profile in ("windows", "gbk"):
        docs[f"fonts-{profile}"] = write_docx_bytes(parse_markup(FULL), profile)
    return docs


def _catalogue() -> dict[str, bytes]:
    from .test_catalogue import catalogue, render

    return {t.id: write_docx_bytes(render(t.id)[1], "gb2312") for t in catalogue()}


def _findings(validator: OpenXmlValidator, path: Path) -> list[str]:
    result = validator.validate(path)
    return [str(e) for e in result.errors if e.description != OPTIONAL_THEME]


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("schema")
    out = {}
    for name, data in {**_catalogue(), **_stress()}.items():
        out[name] = work / f"{name}.docx"
        out[name].write_bytes(data)
    return out


def test_every_written_document_is_schema_valid(written: dict[str, Path]) -> None:
    validator = OpenXmlValidator(file_format=FileFormat.OFFICE_2016)
    invalid = {name: found for name, path in written.items() if (found := _findings(validator, path))}
    assert not invalid, "\n".join(f"{name}: {found[:3]}" for name, found in invalid.items())
    assert len(written) >= 85 + 40  # the catalogue and the stress documents


def _repacked(path: Path, part: str, change: bytes, into: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            dst.writestr(name, re.sub(change, into, data, count=1) if name == part else data)
    return out.getvalue()


def test_the_validator_sees_the_order_of_elements(written: dict[str, Path], tmp_path: Path) -> None:
    """The two orders the issue found broken (styles: rPr before pPr; borders: bottom before
    left) are reported, so a pass above means the order is right."""
    validator = OpenXmlValidator(file_format=FileFormat.OFFICE_2016)
    source = written["full"]
    cases = {
        "styles": ("word/styles.xml", rb"(<w:pPr>.*?</w:pPr>)(<w:rPr>.*?</w:rPr>)", rb"\2\1"),
        "borders": ("word/document.xml", rb"(<w:left [^>]*/>)(<w:bottom [^>]*/>)", rb"\2\1"),
    }
    for name, (part, change, into) in cases.items():
        broken = tmp_path / f"{name}.docx"
        broken.write_bytes(_repacked(source, part, change, into))
        assert broken.read_bytes() != source.read_bytes()
        assert any("Unexpected element" in f for f in _findings(validator, broken)), name
