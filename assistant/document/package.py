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
python-docx straight into a dict and zipped once.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime
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
    props = out.core_properties
    props.title = title
    props.author = "wenmi"
    props.last_modified_by = "wenmi"
    props.language = "zh-CN"
    props.comments = "由文秘（wenmi）按 GB/T 9704-2012 生成"
    props.created = props.modified = when.replace(tzinfo=None)
    props.revision = 1
    return _repack(_serialize(out), when, pages, fonts)


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
    for latent in styles.findall(f"{_W}latentStyles"):
        styles.remove(latent)
    if used is None:
        used = set()
        for part in out.part.package.iter_parts():
            element = getattr(part, "_element", None)
            kept = not str(part.partname).lstrip("/").startswith(_DROPPED)
            if element is not None and element is not styles and kept:
                for tag in ("pStyle", "rStyle", "tblStyle"):
                    used.update(str(el.get(f"{_W}val")) for el in element.iter(f"{_W}{tag}"))
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
            parts[k] = apply_profile(parts[k], fonts)
    xml = [v for k, v in parts.items() if k.startswith("word/") and k.endswith(".xml") and "fontTable" not in k]
    parts["word/fontTable.xml"] = font_table_xml(faces_named(xml))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, blob in parts.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, blob)
    return out.getvalue()


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

