"""Check a Word file against GB/T 9704-2012 before it is sent up (`wenmi check`).

Works on any .docx, not only ours. `assistant.document.docxread` reads the effective formatting
of every paragraph (run, styles, document defaults), `assistant.document.roles` tells what each
paragraph is without trusting its size, and `assistant.document.rules` holds the examiner's
rules. Checks of what the document should say (the figures of a workbook) are handed in by the
caller as text checks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from assistant.document.findings import CATEGORIES, CATEGORY_NAMES, Finding, Where
from assistant.errors import WenmiError

__all__ = ["CATEGORIES", "CATEGORY_NAMES", "Finding", "TextCheck", "Where", "check_docx", "check_document",
           "document_text", "open_docx"]  # fmt: skip

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


#: A check of the document's whole text (`document_text`), such as the figures of a workbook:
#: the caller brings what this stack does not know.
TextCheck = Callable[[str], list[Finding]]


def check_docx(path: Path | str, text_checks: Sequence[TextCheck] = ()) -> list[Finding]:
    """Every finding of the .docx at `path`, then those of each of `text_checks` on its text."""
    return check_document(open_docx(path), text_checks)


def open_docx(path: Path | str) -> Any:
    """The python-docx document at `path`; a WenmiError (in Chinese) when it cannot be read."""
    import zipfile
    import zlib

    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import LxmlError  # type: ignore[import-untyped,unused-ignore]

    from assistant.safezip import check_office_zip

    path = Path(path)
    if not path.exists():
        raise WenmiError("文件不存在", file=str(path), hint="检查文件名和路径")
    not_docx = ("无法作为 Word 文档打开", "确认是 .docx 格式（不是 .doc 或 .wps）")
    check_office_zip(path, ".docx", not_zip=not_docx)  # zip bombs, damaged parts, DTDs: refused first
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError, zipfile.BadZipFile, zlib.error, LxmlError) as exc:
        raise WenmiError(not_docx[0], file=str(path), hint=not_docx[1]) from exc
    return document


def check_document(document: Any, text_checks: Sequence[TextCheck] = ()) -> list[Finding]:
    """The findings of an open python-docx `document` (see `check_docx`)."""
    from assistant.document.docxread import read_docx
    from assistant.document.roles import assign_roles, estimate_pages
    from assistant.document.rules import run_rules

    info = read_docx(document)
    assign_roles(info)
    estimate_pages(info)
    findings = run_rules(info)
    findings += _review_marks(document)
    if text_checks:
        text = document_text(document)
        for check in text_checks:
            findings += check(text)
    return findings


def document_text(document: Any) -> str:
    """The text of every body paragraph, then every table cell, one per line."""
    text = "\n".join(p.text for p in document.paragraphs)
    for table in document.tables:
        text += "\n" + "\n".join(c.text for row in table.rows for c in row.cells)
    return text


def _review_marks(document: Any) -> list[Finding]:
    """Example content still waiting for review: runs that carry wenmi's comment
    (示例内容，请核实或替换), in the body and in tables; one finding per paragraph or cell."""
    from assistant.document.docx_writer import REVIEW_COMMENT

    try:
        texts = {str(c.comment_id): c.text for c in document.comments}
    except (AttributeError, KeyError, ValueError):
        return []
    out: list[Finding] = []
    seen: set[Any] = set()  # the elements themselves: lxml may reuse the id of a freed proxy
    numbers = {p: i for i, p in enumerate(document.element.body.iterchildren(f"{_W}p"), start=1)}
    for ref in document.part.element.iter(f"{_W}commentReference"):
        if REVIEW_COMMENT not in texts.get(str(ref.get(f"{_W}id")), ""):
            continue
        para = ref.getparent()
        while para is not None and para.tag != f"{_W}p":
            para = para.getparent()
        if para is None or para in seen:
            continue
        seen.add(para)
        quote = "".join(t.text or "" for t in para.iter(f"{_W}t"))
        out.append(
            Finding(
                "review-mark",
                "error",
                Where(paragraph=numbers.get(para), quote=quote[:20], part="" if para in numbers else "表格"),
                "这里有模板的示例内容（黄色底纹、批注“示例内容，请核实或替换”）：核实或改写后删去批注和底纹再报送",
                category="structure",
            )
        )
    return out
