"""The .docx package around the document: only the parts it uses, in schema order, the same
bytes for the same document.

python-docx starts every document from its sample template: 350 KB of styles (and a
stylesWithEffects copy that disagrees with them), a thumbnail, customXml, a theme, and
docProps that claim "Microsoft Macintosh Word" in 2013. `finish_package` keeps what the
document uses: the styles it names (and their defaults), settings for GB/T 9704 layout, a font
table of the faces it names (`assistant.document.fonts`), and docProps that say wenmi, dated by
the 成文日期. Zip entries carry that date too, so the bytes do not depend on the clock.

The pruning is done twice, cheaply: `lean_base` once per process on the writer's prepared
template (styles, page, footers, settings), which every document then starts from, and
`finish_package` on each document, over the dozen styles left. Parts are serialized by
python-docx straight into a dict and zipped once. A document whose writing changed nothing but
its body is packed by `finish_lean` from parts serialized once per process (`LeanParts`), and
what documents share is compressed once (`_zip`): the same bytes as `finish_package` gives.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from assistant.document.fonts import Profile, apply_profile, faces_named, font_table_xml

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"

#: The date of a document without a 成文日期: GB/T 9704-2012 took effect on 1 July 2012.
FIXED_DATE = datetime(2012, 7, 1, tzinfo=UTC)

#: Parts of python-docx's template that no wenmi document uses.
_DROPPED = (
    "customXml/",
    "docProps/thumbnail.jpeg",
    "word/stylesWithEffects.xml",
    "word/webSettings.xml",
    "word/theme/theme1.xml",
    "word/numbering.xml",
)

#: CT_Style's children in schema order (ECMA-376 17.7.4.17).
_STYLE_ORDER = [
    "name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority", "semiHidden",
    "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose", "personalReply", "rsid", "pPr",
    "rPr", "tblPr", "trPr", "tcPr", "tblStylePr",
]  # fmt: skip


def document_date(text: str) -> datetime:
    """The 成文日期 (2023年1月11日) as a UTC midnight; FIXED_DATE when there is none."""
    m = re.fullmatch(r"\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*", text or "")
    if m:
        try:
            return datetime(int(m[1]), int(m[2]), int(m[3]), tzinfo=UTC)
        except ValueError:
            pass
    return FIXED_DATE


def bare_styles(out: DocxDocument) -> None:
    """python-docx's template with only each type's default style, before the writer adds its
    own (adding a style scans every style by name)."""
    _prune_styles(out, set())


def lean_base(out: DocxDocument, keep: set[str]) -> bytes:
    """`out` (python-docx's template, prepared by the writer) without the parts and styles no
    document uses, with our settings: the package every document starts from. `keep` names
    the styles documents may use, besides each type's default. An uncompressed zip: it is
    only read back in this process."""
    _prune_styles(out, keep)
    _settings(out)
    parts = _drop_unused(_serialize(out))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as dst:
        for name, blob in parts.items():
            dst.writestr(name, blob)
    return buf.getvalue()


def finish_package(
    out: DocxDocument, *, title: str, when: datetime, pages: int, fonts: Profile | None = None
) -> bytes:
    """`out` (opened from `lean_base`) saved as a lean, schema-ordered, reproducible .docx, naming
    the faces of the font profile `fonts` (None: the standard faces)."""
    _prune_styles(out)
    _set_core(out.core_properties, title, when)
    return _repack(_serialize(out), when, pages, fonts)


def _set_core(props: Any, title: str, when: datetime) -> None:
    """docProps/core.xml: wenmi's, dated by the 成文日期."""
    props.title = title
    props.author = "wenmi"
    props.last_modified_by = "wenmi"
    props.language = "zh-CN"
    props.comments = "由文秘（wenmi）按 GB/T 9704-2012 生成"
    props.created = props.modified = when.replace(tzinfo=None)
    props.revision = 1


class LeanParts:
    """The parts of the base package as `finish_package` serializes them, made once per process,
    so that a document whose writing touched nothing but word/document.xml is packed without
    python-docx (`finish_lean`): its styles pruned from a cached copy, its core properties set
    on a copy, every other part as it is here."""

    def __init__(self, data: bytes) -> None:
        import docx

        out = docx.Document(io.BytesIO(data))
        out.core_properties  # noqa: B018 (python-docx adds the part where a package lacks it)
        self.parts = _serialize(out)
        self.document_xml = self.parts["word/document.xml"]
        head, body, rest = self.document_xml.partition(b"<w:body>")
        #: word/document.xml before and after its body's blocks (the body holds only its section
        #: properties here); None if it is not so.
        self.body_split = (head + body, rest) if body and rest.startswith(b"<w:sectPr") else None
        self._styles = self.parts["word/styles.xml"]
        self._core = self.parts["docProps/core.xml"]
        #: Style ids the parts other than the document name (the footers' page-number style).
        skip = (out.element, out.styles.element)
        self.shared_styles = frozenset(
            used
            for part in out.part.package.iter_parts()
            if getattr(part, "_element", None) not in skip
            for used in _styles_named(getattr(part, "_element", None), str(part.partname))
        )
        self._pruned: dict[frozenset[str], bytes] = {}

    def styles(self, used: frozenset[str]) -> bytes:
        """word/styles.xml keeping the styles `used` (and what they are based on, and defaults)."""
        blob = self._pruned.get(used)
        if blob is None:
            from docx.opc.oxml import serialize_part_xml
            from docx.oxml.parser import parse_xml

            styles = parse_xml(self._styles)
            _prune_style_element(styles, set(used))
            blob = self._pruned[used] = serialize_part_xml(styles)
        return blob

    def core(self, title: str, when: datetime) -> bytes:
        from docx.opc.coreprops import CoreProperties
        from docx.opc.oxml import serialize_part_xml
        from docx.oxml.parser import parse_xml

        core = parse_xml(self._core)
        _set_core(CoreProperties(core), title, when)
        return bytes(serialize_part_xml(core))


@lru_cache(maxsize=2)
def lean_parts(data: bytes) -> LeanParts:
    """The `LeanParts` of the base package `data` (`lean_base`'s bytes)."""
    return LeanParts(data)


def finish_lean(
    lean: LeanParts, document: bytes, *, title: str, when: datetime, pages: int, fonts: Profile | None = None
) -> bytes:
    """What `finish_package` gives for a document opened from `lean`'s package whose writing
    changed only its word/document.xml, now `document`, without python-docx's package."""
    named = frozenset(_unescape(m.decode("utf-8")) for m in _STYLE_REF.findall(document))
    parts = dict(lean.parts)
    parts["word/document.xml"] = document
    parts["word/styles.xml"] = lean.styles(lean.shared_styles | named)
    parts["docProps/core.xml"] = lean.core(title, when)
    return _repack(parts, when, pages, fonts)


class _PartsWriter:
    """Stands in for python-docx's zip writer: keeps each serialized part, in writing order."""

    def __init__(self) -> None:
        self.parts: dict[str, bytes] = {}

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.parts[pack_uri.membername] = blob


def _serialize(out: DocxDocument) -> dict[str, bytes]:
    """Every part of `out` as python-docx saves it ({zip member name: bytes}), without a zip
    to write and read back."""
    from docx.opc.pkgwriter import PackageWriter

    package = out.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    writer = _PartsWriter()
    pw: Any = PackageWriter  # its steps, given our writer instead of a zip file
    pw._write_content_types_stream(writer, parts)
    pw._write_pkg_rels(writer, package.rels)
    pw._write_parts(writer, parts)
    return writer.parts


def _prune_styles(out: DocxDocument, used: set[str] | None = None) -> None:
    """Keep the styles the document names (or `used`), the styles they are based on, and each
    type's default; drop the latent-style table and the template's revision ids."""
    styles = out.styles.element
    if used is None:
        used = set()
        for part in out.part.package.iter_parts():
            element = getattr(part, "_element", None)
            if element is not styles:
                used |= _styles_named(element, str(part.partname))
    _prune_style_element(styles, used)


#: A style named in serialized WordprocessingML (`_styles_named` on the text).
_STYLE_REF = re.compile(rb'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]*)"')


def _unescape(value: str) -> str:
    """An attribute value as lxml serializes it, read back."""
    return value.replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _styles_named(element: Any, partname: str) -> frozenset[str]:
    """The style ids the part `element` (named `partname`) names; none for a part we drop."""
    if element is None or partname.lstrip("/").startswith(_DROPPED):
        return frozenset()
    return frozenset(
        str(el.get(f"{_W}val")) for tag in ("pStyle", "rStyle", "tblStyle") for el in element.iter(f"{_W}{tag}")
    )


def _prune_style_element(styles: Any, used: set[str]) -> None:
    """`_prune_styles` on the `w:styles` element `styles`."""
    for latent in styles.findall(f"{_W}latentStyles"):
        styles.remove(latent)
    by_id = {str(s.get(f"{_W}styleId")): s for s in styles.findall(f"{_W}style")}
    keep = {sid for sid, s in by_id.items() if s.get(f"{_W}default") == "1"}
    todo = [sid for sid in used if sid in by_id]
    while todo:
        sid = todo.pop()
        keep.add(sid)
        based = by_id[sid].find(f"{_W}basedOn")
        if based is not None and based.get(f"{_W}val") in by_id and based.get(f"{_W}val") not in keep:
            todo.append(str(based.get(f"{_W}val")))
    for sid, style in by_id.items():
        if sid not in keep:
            styles.remove(style)
            continue
        for child in style.findall(f"{_W}rsid"):
            style.remove(child)
        for tag in ("next", "link"):  # pointing at a style we dropped
            ref = style.find(f"{_W}{tag}")
            if ref is not None and ref.get(f"{_W}val") not in keep:
                style.remove(ref)
        _order(style, _STYLE_ORDER)


def _order(parent: Any, names: list[str]) -> None:
    rank = {f"{_W}{n}": i for i, n in enumerate(names)}
    children = sorted(parent, key=lambda c: rank.get(c.tag, len(rank)))
    for child in children:
        parent.remove(child)
        parent.append(child)


def _settings(out: DocxDocument) -> None:
    """settings.xml with what GB/T 9704 layout needs, in CT_Settings order: odd and even footers,
    no punctuation compression (28 characters a line), Word 2010 layout of East Asian text."""
    settings = out.settings.element
    for child in list(settings):
        settings.remove(child)
    xml = (
        f'<w:settings xmlns:w="{W}">'
        '<w:zoom w:percent="100"/>'
        '<w:defaultTabStop w:val="420"/>'
        "<w:evenAndOddHeaders/>"
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        "<w:compat><w:useFELayout/>"
        '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="14"/>'
        '<w:compatSetting w:name="overrideTableStyleFontSizeAndJustification" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
        '<w:compatSetting w:name="enableOpenTypeFeatures" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
        '<w:compatSetting w:name="doNotFlipMirrorIndents" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
        "</w:compat>"
        '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
        '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
        "</w:settings>"
    )
    from docx.oxml import parse_xml

    for child in parse_xml(xml):
        settings.append(child)


def _app_xml(pages: int) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        f"<Application>wenmi</Application><Pages>{pages}</Pages><DocSecurity>0</DocSecurity>"
        "</Properties>"
    ).encode()


_DROPPED_TARGETS = "|".join(re.escape(d.split("/", 1)[1] if d.startswith("word/") else d) for d in _DROPPED)
_DROPPED_REL = re.compile(rb'<Relationship [^>]*Target="(?:\.\./)?(?:' + _DROPPED_TARGETS.encode() + rb')[^"]*"[^>]*/>')


def _drop_unused(parts: dict[str, bytes]) -> dict[str, bytes]:
    """`parts` without the template's leftovers (_DROPPED) and the references to them."""
    parts = {n: blob for n, blob in parts.items() if not n.startswith(_DROPPED)}
    for name in ("_rels/.rels", "word/_rels/document.xml.rels"):
        parts[name] = _DROPPED_REL.sub(b"", parts[name])
    parts["[Content_Types].xml"] = _content_types(parts)
    return parts


def _repack(parts: dict[str, bytes], when: datetime, pages: int, fonts: Profile | None = None) -> bytes:
    """The package without the template's leftovers, with our docProps and font table, every
    entry dated `when`."""
    stamp = (max(1980, when.year), when.month, when.day, 0, 0, 0)
    parts = _drop_unused(parts)
    parts["docProps/app.xml"] = _app_xml(pages)
    if fonts is not None and fonts.faces:  # the reader's faces (assistant.document.fonts.PROFILES)
        for k in [k for k in parts if k.startswith("word/") and k.endswith(".xml")]:
            parts[k] = _shared(k, parts[k], ("profile", fonts.name), lambda blob: apply_profile(blob, fonts))
    tags = [
        tag
        for k, v in parts.items()
        if k.startswith("word/") and k.endswith(".xml") and "fontTable" not in k
        for tag in _shared(k, v, "rFonts", lambda blob: frozenset(_RFONTS_TAG.findall(blob)))
    ]
    parts["word/fontTable.xml"] = font_table_xml(faces_named(tags))
    return _zip(parts, stamp)


#: A whole `w:rFonts` start tag: the faces are read from each distinct one once.
_RFONTS_TAG = re.compile(rb"<w:rFonts\b[^>]*>")

#: What was computed from a part that most documents share (styles, settings, footers…),
#: by (kind, bytes); parts that are each document's own are not kept.
_SHARED: dict[tuple[Any, bytes], Any] = {}
_OWN_PARTS = ("word/document.xml", "word/comments.xml", "docProps/core.xml")


def _shared(name: str, blob: bytes, kind: Any, compute: Any) -> Any:
    """`compute(blob)`, remembered for a part documents share."""
    if name in _OWN_PARTS:
        return compute(blob)
    key = (kind, blob)
    value = _SHARED.get(key)
    if value is None:
        value = compute(blob)
        if len(_SHARED) > 256:
            _SHARED.clear()
        _SHARED[key] = value
    return value


def _deflate(blob: bytes) -> tuple[int, bytes]:
    """CRC-32 and raw deflate of `blob`, as zipfile writes a ZIP_DEFLATED member."""
    import zlib

    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return zlib.crc32(blob), compressor.compress(blob) + compressor.flush()


def _zip(parts: dict[str, bytes], stamp: tuple[int, int, int, int, int, int]) -> bytes:
    """`parts` as a zip, each member deflated and dated `stamp`: the bytes zipfile.ZipFile writes
    with `writestr`, but a part documents share is compressed once per process."""
    import struct

    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, blob in parts.items():
        info = zipfile.ZipInfo(name, date_time=stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        info.file_size = len(blob)
        info.CRC, data = _shared(name, blob, "deflate", _deflate)
        info.compress_size = len(data)
        info.header_offset = offset
        header = info.FileHeader(False)
        out += (header, data)
        offset += len(header) + len(data)
        filename = header[30 : 30 + len(name.encode("utf-8"))]
        flags, dostime, dosdate = struct.unpack("<H2xHH", header[6:14])
        central.append(
            struct.pack(
                "<4s4B4HL2L5H2L", b"PK\x01\x02", info.create_version, info.create_system, info.extract_version,
                info.reserved, flags, info.compress_type, dostime, dosdate, info.CRC, info.compress_size,
                info.file_size, len(filename), 0, 0, 0, info.internal_attr, info.external_attr, offset - len(header) - len(data),
            )
            + filename
        )  # fmt: skip
    directory = b"".join(central)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), offset, 0)
    return b"".join(out) + directory + end


def _content_types(parts: dict[str, bytes]) -> bytes:
    """[Content_Types].xml without the entries of dropped parts."""
    xml = parts["[Content_Types].xml"]
    for override in re.findall(rb'<Override [^>]*PartName="/([^"]+)"[^>]*/>', xml):
        if override.decode("utf-8") not in parts:
            xml = re.sub(rb'<Override [^>]*PartName="/' + re.escape(override) + rb'"[^>]*/>', b"", xml)
    for ext in re.findall(rb'<Default [^>]*Extension="([^"]+)"[^>]*/>', xml):
        if ext not in (b"rels", b"xml") and not any(n.endswith("." + ext.decode()) for n in parts):
            xml = re.sub(rb'<Default [^>]*Extension="' + re.escape(ext) + rb'"[^>]*/>', b"", xml)
    return xml

