"""Checking an Office file (.docx, .xlsx — a zip of XML parts) before any XML parser sees it.

A few megabytes of zip can hold gigabytes of XML (a "zip bomb"), a damaged file fails deep
inside zlib, and an XML part can declare entities that expand without bound or fetch other
files. `check_office_zip` looks at every part first, within fixed limits:

- at most `MAX_MEMBERS` parts and `MAX_TOTAL_BYTES` uncompressed in all;
- no XML part over the size the caller allows (`max_xml_bytes`), and no part over 1 MB that
  unpacks more than `MAX_RATIO` times its packed size (real Office files stay under 30);
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

from assistant.errors import WenmiError

#: Parts a zip may have (a large .docx has a few hundred).
MAX_MEMBERS = 5_000
#: Uncompressed bytes of all parts together.
MAX_TOTAL_BYTES = 256 * 1024 * 1024
#: Largest ratio of unpacked to packed size for a part over `RATIO_FROM_BYTES`.
MAX_RATIO = 200
RATIO_FROM_BYTES = 1024 * 1024
#: Default largest XML part (the caller may allow more for parts it streams).
MAX_XML_BYTES = 64 * 1024 * 1024

_CHUNK = 1024 * 1024
#: How far into an XML part its prolog may reach before the root element starts.
_PROLOG_BYTES = 64 * 1024
_XML_NAME = re.compile(r"\.(xml|rels|vml)$", re.IGNORECASE)
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


def _check_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path, kind: str, max_xml_bytes: int, hint: str
) -> None:
    name = info.filename
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
            if _is_xml(name, head):
                if info.file_size > max_xml_bytes:
                    raise WenmiError(
                        f"{kind} 文件的部件“{name}”解压后有 {_mb(info.file_size)}，"
                        f"超过上限 {_mb(max_xml_bytes)}，已拒绝读取",
                        file=path,
                        hint="文件过大或是恶意构造的压缩包；请拆分后再试",
                    )
                _check_prolog(head, name, path, kind)
            while member.read(_CHUNK):
                pass
    except WenmiError:
        raise
    # zipfile raises NotImplementedError for a compression method it lacks (deflate64, PPMd…)
    # and RuntimeError for an encrypted part: both mean the part cannot be read here
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError) as exc:
        raise WenmiError(
            f"{kind} 文件已损坏：部件“{name}”无法解压（{_reason(exc)}）", file=path, hint=hint
        ) from None


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
    if isinstance(exc, NotImplementedError) or "compression" in text:  # zipfile's own exception
        return "不支持的压缩方式"
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
