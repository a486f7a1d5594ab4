"""Checking an Office file (.docx, .xlsx — a zip of XML parts) before any XML parser sees it.

A few megabytes of zip can hold gigabytes of XML (a "zip bomb"), a damaged file fails deep
inside zlib, and an XML part can declare entities that expand without bound or fetch other
files. `check_office_zip` looks at every part first, within fixed limits:

- at most `MAX_MEMBERS` parts and `MAX_TOTAL_BYTES` uncompressed in all;
- no XML part over the size the caller allows (`max_xml_bytes`);
- no XML part with more elements than its kind allows (`MAX_XML_ELEMENTS`), and no part of a
  .docx with more than `MAX_PARAGRAPHS` paragraphs, counted while unpacking: what a reader costs
  grows with the elements it builds (an empty <w:p/> costs `check` as much as a full one), not
  with the bytes or the ratio, so these caps are what bound the work for any packing;
- no part over 1 MB that unpacks more than `MAX_RATIO` times its packed size: the early,
  cheap refusal of an obvious bomb. Deflate packs a repeated unit of ≥ 300 bytes (a paragraph,
  a row) at most ~230 times whatever the count — a genuine 10,000-paragraph document of one
  repeated sentence is ~220 — while passing 300 takes a unit under ~100 bytes (a bare tag);
- every part unpacks cleanly (reading in chunks, so memory stays small): the declared sizes are
  then the real ones, since Python's zipfile never returns more than the declared size and
  checks the CRC at the end;
- no XML part has a document type declaration (<!DOCTYPE …>): Office never writes one, and it
  is what entity bombs and external entities (XXE) need.

Every failure is a `WenmiError` naming the file and the part, in Chinese.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path
from typing import IO

from assistant.errors import WenmiError

#: Parts a zip may have (a large .docx has a few hundred).
MAX_MEMBERS = 5_000
#: Uncompressed bytes of all parts together.
MAX_TOTAL_BYTES = 256 * 1024 * 1024
#: Largest ratio of unpacked to packed size for a part over `RATIO_FROM_BYTES` (see above).
MAX_RATIO = 300
RATIO_FROM_BYTES = 1024 * 1024
#: Default largest XML part (the caller may allow more for parts it streams).
MAX_XML_BYTES = 64 * 1024 * 1024
#: Most elements in one XML part, by kind. A 10,000-paragraph .docx has ~120,000; a heavily
#: fragmented 2,000-paragraph one (40 runs each) ~570,000, checked in ~11 s and 300 MB. A 10,000-row
#: .xlsx worksheet has ~290,000, and worksheets are streamed (the reader caps the cells).
MAX_XML_ELEMENTS = {".docx": 1_000_000, ".xlsx": 8_000_000}
#: Most paragraphs in one part of a .docx (the costliest element: ~135 µs and 1.7 KB each in
#: `check`, so the cap bounds a part to ~15 s and ~200 MB).
MAX_PARAGRAPHS = 100_000

_CHUNK = 1024 * 1024
#: How far into an XML part its prolog may reach before the root element starts.
_PROLOG_BYTES = 64 * 1024
_XML_NAME = re.compile(r"\.(xml|rels|vml)$", re.IGNORECASE)
#: A paragraph start tag under any namespace prefix (<w:p>, <w:p/>, <a:p …>; not <w:pPr>).
_PARAGRAPH = re.compile(rb"<(?:[^\s<>/:!?]{1,64}:)?p[\s/>]")
#: Bytes kept from the end of one chunk so a tag cut by the chunk boundary is still seen.
_OVERLAP = 72
_PROLOG_SKIP = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->)", re.DOTALL)


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


def check_office_zip(
    path: Path, kind: str, *, max_xml_bytes: int = MAX_XML_BYTES, not_zip: tuple[str, str] | None = None
) -> None:
    """Raise WenmiError unless the zip at `path` is safe to hand to openpyxl or python-docx.

    `kind` (".docx", ".xlsx") words the messages; `not_zip` is the (message, hint) for a file
    that is no zip at all (a .doc, a text file), when the caller words that itself.
    """
    app = "Excel/WPS" if kind == ".xlsx" else "Word/WPS"
    hint = f"请用 {app} 打开后另存为 {kind}，或换一个文件"
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        message, why = not_zip or (f"不是有效的 {kind} 文件（无法按压缩包读取）", hint)
        raise WenmiError(message, file=path, hint=why) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise WenmiError(f"{kind} 文件内含 {len(infos)} 个部件，超过上限 {MAX_MEMBERS}，已拒绝读取", file=path)
        total = sum(info.file_size for info in infos)
        if total > MAX_TOTAL_BYTES:
            raise WenmiError(
                f"{kind} 文件解压后有 {_mb(total)}，超过上限 {_mb(MAX_TOTAL_BYTES)}，已拒绝读取",
                file=path,
                hint="文件过大或是恶意构造的压缩包；请拆分后再试",
            )
        for info in infos:
            _check_member(archive, info, path, kind, max_xml_bytes, hint)


#: The compression methods zipfile can read (stored, deflate, bzip2, lzma).
_READABLE_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA})


def _check_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path, kind: str, max_xml_bytes: int, hint: str
) -> None:
    name = info.filename
    if info.compress_type not in _READABLE_METHODS:  # deflate64, PPMd…: zipfile cannot read them
        raise WenmiError(f"{kind} 文件已损坏：部件“{name}”无法解压（不支持的压缩方式）", file=path, hint=hint)
    if info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        ratio = info.file_size // max(info.compress_size, 1)
        raise WenmiError(
            f"{kind} 文件的部件“{name}”压缩比异常（{ratio} 倍，上限 {MAX_RATIO} 倍），疑似压缩炸弹，已拒绝读取",
            file=path,
            hint=hint,
        )
    try:
        with archive.open(info) as member:
            head = member.read(_PROLOG_BYTES)
            if not _is_xml(name, head):
                while member.read(_CHUNK):
                    pass
                return
            if info.file_size > max_xml_bytes:
                raise WenmiError(
                    f"{kind} 文件的部件“{name}”解压后有 {_mb(info.file_size)}，"
                    f"超过上限 {_mb(max_xml_bytes)}，已拒绝读取",
                    file=path,
                    hint="文件过大或是恶意构造的压缩包；请拆分后再试",
                )
            _check_prolog(head, name, path, kind)
            _count_elements(member, head, name, path, kind)
    except WenmiError:
        raise
    # zipfile raises RuntimeError for an encrypted part: it cannot be read here
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError) as exc:
        raise WenmiError(
            f"{kind} 文件已损坏：部件“{name}”无法解压（{_reason(exc)}）", file=path, hint=hint
        ) from None


def _count_elements(member: IO[bytes], head: bytes, name: str, path: Path, kind: str) -> None:
    """Read the rest of an XML part (its first bytes are `head`), refusing it as soon as it has
    more elements, or (.docx) paragraphs, than its kind allows. XML text cannot hold a bare "<",
    so counting "<" but not "</" counts start tags (a comment or CDATA counts too: on the safe side)."""
    max_elements = MAX_XML_ELEMENTS.get(kind, min(MAX_XML_ELEMENTS.values()))
    max_paragraphs = MAX_PARAGRAPHS if kind == ".docx" else None
    codec = _utf16(head)
    elements = paragraphs = 0
    tail = b""
    chunk = head
    while chunk:
        if codec:  # counted as UTF-8 (chunks have even lengths, so no code unit is cut)
            chunk = chunk.decode(codec, errors="ignore").encode("utf-8")
        elements += chunk.count(b"<") - chunk.count(b"</")
        if max_paragraphs is not None:
            # a tag cut by the boundary is found in `tail + chunk`; one wholly inside `tail` was counted before
            window = tail + chunk
            paragraphs += sum(1 for m in _PARAGRAPH.finditer(window) if m.end() > len(tail))
            tail = window[-_OVERLAP:]
        if elements > max_elements or (max_paragraphs is not None and paragraphs > max_paragraphs):
            what, count, cap = (
                ("段落", paragraphs, max_paragraphs) if elements <= max_elements else (" XML 元素", elements, max_elements)
            )
            raise WenmiError(
                f"{kind} 文件的部件“{name}”含有超过 {cap:,} 个{what}（已数到 {count:,} 个），"
                "读取它会耗费过多时间和内存，已拒绝读取",
                file=path,
                hint="文件过大或是恶意构造的；请拆分成几个文件后再试",
            )
        chunk = member.read(_CHUNK)


def _utf16(head: bytes) -> str | None:
    """The codec of an XML part written in UTF-16 (by its byte order mark or its first "<"), else None."""
    if head.startswith((b"\xff\xfe", b"<\x00")):
        return "utf-16-le"
    if head.startswith((b"\xfe\xff", b"\x00<")):
        return "utf-16-be"
    return None


def _is_xml(name: str, head: bytes) -> bool:
    """Whether a part is XML that a reader may parse: by its name, or by its first bytes (a
    part's content type, not its name, decides how readers treat it). SVG images are not parsed."""
    if _XML_NAME.search(name):
        return True
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()[:1]
    return (start == b"<" or head.startswith((b"\xff\xfe", b"\xfe\xff"))) and not name.lower().endswith(".svg")


def _reason(exc: BaseException) -> str:
    text = str(exc)
    if isinstance(exc, zlib.error) or "decompress" in text:
        return "压缩数据损坏"
    if "CRC" in text:
        return "校验和不符"
    if "encrypted" in text or "password" in text:
        return "文件已加密"
    return "数据不完整"


def _check_prolog(head: bytes, name: str, path: Path, kind: str) -> None:
    """Refuse a document type declaration (or a prolog too long to see past) before the root
    element of an XML part; `head` is the part's first `_PROLOG_BYTES` bytes."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore").encode("utf-8")
    else:
        text = head.removeprefix(b"\xef\xbb\xbf")
    pos = 0
    while (m := _PROLOG_SKIP.match(text, pos)) is not None and m.end() > pos:
        pos = m.end()
    rest = text[pos:].lstrip()
    if not rest or (rest[:1] == b"<" and rest[1:2] not in (b"!", b"?")):
        return  # an empty part (the parser words that), or the root element
    declared = rest[:9].upper() == b"<!DOCTYPE"
    raise WenmiError(
        f"{kind} 文件的部件“{name}”"
        + ("含有 XML 文档类型声明（<!DOCTYPE>，实体声明要用它）" if declared else "的 XML 开头异常")
        + "，Office 软件不会生成这样的文件，已拒绝读取",
        file=path,
        hint="文件可能被篡改或是恶意构造的；请用 Word/WPS/Excel 重新保存后再试",
    )
