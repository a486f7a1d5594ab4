"""The faces a 公文 names, what a reader's machine may use instead, and which it has.

GB/T 9704 names 仿宋_GB2312, 楷体_GB2312 and 方正小标宋简体; a stock Windows 10/11 has 仿宋, 楷体, 黑体
and 宋体 but not the _GB2312 or 方正 faces. The writer names the standard faces and, in
fontTable.xml, gives each its Windows fallback (`w:altName`), its PANOSE class and the GB2312
character set, so that Word and WPS substitute a face of the same kind rather than guess.

A font profile (`PROFILES`) names other faces instead, for readers whose machines lack the
standard ones: `windows` names the faces every Chinese Windows has (仿宋, 楷体, 黑体, 宋体), `gbk`
the 方正 GBK faces many units install. The writer names the standard faces and the package applies
the profile to every `w:rFonts` (`apply_profile`); `wenmi render --fonts P` chooses one for a
render, `wenmi fonts --use P` makes one the default (kept in the user folder's config.yaml).
`wenmi fonts` lists the faces a document or profile needs and whether this machine has them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from assistant.document import gbt9704 as G


@dataclass(frozen=True)
class Face:
    """A face as fontTable.xml describes it."""

    name: str
    #: What Word and WPS use when `name` is missing (None: no fallback needed).
    alt: str | None
    #: PANOSE-1 class, ten bytes in hex: lets a suite substitute a face of the same design.
    panose: str
    #: Windows character set: 86 is GB2312 (simplified Chinese), 00 ANSI.
    charset: str
    family: str
    pitch: str
    #: Other names the same face goes by on other systems (fontconfig, macOS), for `wenmi fonts`.
    aliases: tuple[str, ...] = ()
    #: Where to get it, for `wenmi fonts`.
    source: str = ""
    #: Faces of the same metrics that stand in for it (Liberation Serif for Times New Roman).
    substitutes: tuple[str, ...] = ()


_GB2312 = "86"
FACES: dict[str, Face] = {
    f.name: f
    for f in (
        Face(G.FONT_FANGSONG, "仿宋", "02010609030101010101", _GB2312, "modern", "fixed",
             ("FangSong_GB2312",), "Windows XP 字体或单位统一配发的字体包；缺少时用系统自带的“仿宋”，或改用 --fonts windows"),
        Face(G.FONT_KAITI, "楷体", "02010609030101010101", _GB2312, "modern", "fixed",
             ("KaiTi_GB2312",), "Windows XP 字体或单位统一配发的字体包；缺少时用系统自带的“楷体”，或改用 --fonts windows"),
        Face(G.FONT_XIAOBIAOSONG, "宋体", "02000000000000000000", _GB2312, "script", "variable",
             ("FZXiaoBiaoSong-B05S",), "方正字库（需授权）；缺少时用“宋体”排标题，或改用 --fonts windows"),
        Face(G.FONT_HEITI, "SimHei", "02010609060101010101", _GB2312, "modern", "fixed",
             ("SimHei",), "Windows 自带"),
        Face(G.FONT_SONGTI, "SimSun", "02010600030101010101", _GB2312, "auto", "variable",
             ("SimSun", "NSimSun"), "Windows 自带"),
        Face(G.FONT_LATIN, None, "02020603050405020304", "00", "roman", "variable",
             ("TimesNewRoman",), "Windows、macOS 自带；Linux 可装 fonts-liberation2（Liberation Serif，字宽相同）",
             ("Liberation Serif", "Tinos")),
        # The fallbacks themselves, so that `wenmi fonts` can say whether a machine has them.
        Face("仿宋", None, "02010609060101010101", _GB2312, "modern", "fixed", ("FangSong", "STFangsong"), "Windows 自带"),
        Face("楷体", None, "02010609060101010101", _GB2312, "modern", "fixed", ("KaiTi", "STKaiti"), "Windows 自带"),
        # The 方正 GBK faces of the `gbk` profile, each with its Windows fallback.
        Face("方正仿宋_GBK", "仿宋", "02000000000000000000", _GB2312, "modern", "fixed",
             ("FZFangSong-Z02", "FZFangSong-Z02S"), "方正字库（需授权）；缺少时用系统自带的“仿宋”"),
        Face("方正楷体_GBK", "楷体", "02000000000000000000", _GB2312, "modern", "fixed",
             ("FZKai-Z03", "FZKai-Z03S"), "方正字库（需授权）；缺少时用系统自带的“楷体”"),
        Face("方正小标宋_GBK", "宋体", "02000000000000000000", _GB2312, "script", "variable",
             ("FZXiaoBiaoSong-B05",), "方正字库（需授权）；缺少时用“宋体”排标题"),
        Face("方正黑体_GBK", "黑体", "02000000000000000000", _GB2312, "modern", "fixed",
             ("FZHei-B01", "FZHei-B01S"), "方正字库（需授权）；缺少时用系统自带的“黑体”"),
    )  # fmt: skip
}


@dataclass(frozen=True)
class Profile:
    """Which face a document names for each of the standard ones (absent: the standard face)."""

    name: str
    label: str
    faces: dict[str, str]

    def face(self, standard: str) -> str:
        return self.faces.get(standard, standard)


DEFAULT_PROFILE = "gb2312"
PROFILES: dict[str, Profile] = {
    p.name: p
    for p in (
        Profile("gb2312", "国标字体名：仿宋_GB2312、楷体_GB2312、方正小标宋简体、黑体（GB/T 9704 所写，默认）", {}),
        Profile("windows", "Windows 自带字体：仿宋、楷体、宋体（排标题）、黑体（不另装字体的电脑也能正确显示）",
                {G.FONT_FANGSONG: "仿宋", G.FONT_KAITI: "楷体", G.FONT_XIAOBIAOSONG: "宋体"}),
        Profile("gbk", "方正 GBK 字体：方正仿宋_GBK、方正楷体_GBK、方正小标宋_GBK、方正黑体_GBK",
                {G.FONT_FANGSONG: "方正仿宋_GBK", G.FONT_KAITI: "方正楷体_GBK",
                 G.FONT_XIAOBIAOSONG: "方正小标宋_GBK", G.FONT_HEITI: "方正黑体_GBK"}),
    )  # fmt: skip
}


def profile_named(name: str, *, where: str | None = None, field: str | None = None) -> Profile:
    """The profile `name` (case and spaces ignored); a `WenmiError` naming `where` otherwise."""
    found = PROFILES.get(name.strip().lower())
    if found is None:
        from assistant.errors import WenmiError

        raise WenmiError(
            f"字体方案“{name}”无法识别", file=where, field=field, hint="可选 " + "、".join(PROFILES)
        )
    return found


_FACE_ATTR = re.compile(rb'(\bw:(?:ascii|hAnsi|eastAsia|cs)=")([^"]+)(")')


def apply_profile(xml: bytes, profile: Profile) -> bytes:
    """`xml` with every face `w:rFonts` names replaced by the profile's."""
    if not profile.faces:
        return xml
    table = {k.encode("utf-8"): v.encode("utf-8") for k, v in profile.faces.items()}

    def face(m: re.Match[bytes]) -> bytes:
        return m[1] + table.get(m[2], m[2]) + m[3]

    return _RFONTS.sub(lambda m: _FACE_ATTR.sub(face, m[0]), xml)


CONFIG_NAME = "config.yaml"
#: The key of the font profile in config.yaml.
CONFIG_KEY = "fonts"


def config_file() -> Path:
    from assistant.paths import user_dir

    return user_dir() / CONFIG_NAME


def configured_profile() -> Profile:
    """The profile set with `wenmi fonts --use` (the user folder's config.yaml), else gb2312."""
    path = config_file()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return PROFILES[DEFAULT_PROFILE]
    import yaml

    from assistant.errors import WenmiError

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise WenmiError(
            "设置文件不是有效的 YAML", file=str(path), line=None if line is None else line + 1,
            hint=f"改正或删除该文件；或运行 wenmi fonts --use {DEFAULT_PROFILE} 重写",
        ) from exc
    value = data.get(CONFIG_KEY) if isinstance(data, dict) else None
    if value is None:
        return PROFILES[DEFAULT_PROFILE]
    return profile_named(str(value), where=str(path), field=CONFIG_KEY)


def save_profile(profile: Profile) -> Path:
    """Make `profile` the default: write it into config.yaml, keeping the file's other keys."""
    from assistant.atomic import write_text_atomic

    path = config_file()
    try:
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not re.match(rf"{CONFIG_KEY}\s*:", ln)]
    except OSError:
        lines = ["# wenmi 的设置（可手工编辑）"]
    lines.append(f"{CONFIG_KEY}: {profile.name}   # 字体方案：{'、'.join(PROFILES)}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(path, "\n".join(lines) + "\n")
    except OSError as exc:
        from assistant.errors import WenmiError

        raise WenmiError(
            f"无法写入设置文件：{exc.strerror or exc}", file=str(path), hint="检查该文件夹是否可写，或用 WENMI_HOME 指定别处"
        ) from exc
    return path


def font_table_xml(names: Iterable[str]) -> bytes:
    """word/fontTable.xml describing the faces in `names` (unknown names get a bare entry)."""
    out = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
        '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">',
    ]
    for name in sorted(set(names), key=_table_order):
        face = FACES.get(name)
        out.append(f'<w:font w:name="{_attr(name)}">')
        if face is not None:
            if face.alt:
                out.append(f'<w:altName w:val="{_attr(face.alt)}"/>')
            out.append(f'<w:panose1 w:val="{face.panose}"/><w:charset w:val="{face.charset}"/>')
            out.append(f'<w:family w:val="{face.family}"/><w:pitch w:val="{face.pitch}"/>')
        out.append("</w:font>")
    out.append("</w:fonts>")
    return "".join(out).encode("utf-8")


def _table_order(name: str) -> tuple[int, str]:
    order = list(FACES)
    return (order.index(name) if name in order else len(order), name)


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


_RFONTS = re.compile(rb"<w:rFonts\b([^>]*)>")
_FONT_ATTR = re.compile(rb'\bw:(?:ascii|hAnsi|eastAsia|cs)="([^"]+)"')


def faces_named(xml_parts: Iterable[bytes]) -> list[str]:
    """The faces named by `w:rFonts` in the given XML, in FACES order then by name."""
    names: set[str] = set()
    for xml in xml_parts:
        for attrs in _RFONTS.findall(xml):
            names.update(m.decode("utf-8") for m in _FONT_ATTR.findall(attrs))
    return sorted(names, key=_table_order)


def faces_in_docx(path: Path) -> list[str]:
    """The faces a .docx names in its text, styles, headers and footers."""
    with zipfile.ZipFile(path) as z:
        parts = [n for n in z.namelist() if n.startswith("word/") and n.endswith(".xml") and "fontTable" not in n]
        return faces_named(z.read(n) for n in parts)


def installed_families() -> set[str]:
    """Family names of the faces this machine has (fontconfig on Linux, font folders elsewhere).
    Empty when none can be found out."""
    names: set[str] = set()
    if shutil.which("fc-list"):
        try:
            proc = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.SubprocessError):
            proc = None
        if proc is not None and proc.returncode == 0:
            for line in proc.stdout.splitlines():
                names.update(n.strip() for n in line.split(",") if n.strip())
    for folder in _font_folders():
        if folder.is_dir():
            for file in folder.rglob("*"):
                if file.suffix.lower() in (".ttf", ".ttc", ".otf", ".otc"):
                    names.add(file.stem)
    return names


def _font_folders() -> list[Path]:
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        return [windir / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library" / "Fonts"]
    return []


#: File names (without suffix) of the Windows and macOS files that hold each face.
_FILES = {
    G.FONT_FANGSONG: ("FS_GB2312", "仿宋_GB2312", "SIMFANG_GB2312"),
    G.FONT_KAITI: ("KAITI_GB2312", "楷体_GB2312"),
    G.FONT_XIAOBIAOSONG: ("FZXBSJW", "方正小标宋简体", "FZXiaoBiaoSong-B05S"),
    G.FONT_HEITI: ("simhei", "SIMHEI"),
    G.FONT_SONGTI: ("simsun", "SIMSUN", "Songti"),
    G.FONT_LATIN: ("times", "TIMES", "Times New Roman"),
    "仿宋": ("simfang", "SIMFANG", "STFangsong"),
    "楷体": ("simkai", "SIMKAI", "STKaiti"),
    "方正仿宋_GBK": ("FZFSK",),
    "方正楷体_GBK": ("FZKTK",),
    "方正小标宋_GBK": ("FZXBSK",),
    "方正黑体_GBK": ("FZHTK",),
}


def find_face(name: str, installed: set[str]) -> tuple[str, bool] | None:
    """The installed family that provides `name` and whether it is the face itself (False: a
    face of the same metrics stands in); None when the machine has neither."""
    folded = {n.casefold(): n for n in installed}
    face = FACES.get(name)
    for candidate in (name, *(face.aliases if face else ()), *_FILES.get(name, ())):
        if candidate.casefold() in folded:
            return folded[candidate.casefold()], True
    for candidate in face.substitutes if face else ():
        if candidate.casefold() in folded:
            return folded[candidate.casefold()], False
    return None


#: The faces every wenmi document names (GB/T 9704: body, title, headings, page numbers).
STANDARD_FACES = (G.FONT_FANGSONG, G.FONT_XIAOBIAOSONG, G.FONT_HEITI, G.FONT_KAITI, G.FONT_SONGTI, G.FONT_LATIN)


def profile_faces(profile: Profile) -> list[str]:
    """The faces a wenmi document names under `profile`, each once."""
    return list(dict.fromkeys(profile.face(f) for f in STANDARD_FACES))
