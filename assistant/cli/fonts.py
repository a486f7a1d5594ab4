"""`wenmi fonts [FILE.docx]`: the faces a document (or any wenmi document) names, and whether
this machine has them or what Word and WPS will use instead."""

from __future__ import annotations

import argparse
import zipfile
from pathlib import Path
from typing import Any

from assistant.cli.common import add_format_option, print_json
from assistant.errors import WenmiError


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "fonts",
        help="列出公文用到的字体及本机是否安装",
        description="列出文档（不指定文件时为 wenmi 生成的公文）用到的字体，说明本机是否安装；"
        "缺少的字体给出 Word/WPS 的替代字体和获取途径。",
    )
    p.add_argument("file", nargs="?", metavar="文件", help="要检查的 .docx 文件（可省略）")
    add_format_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from assistant.document.fonts import FACES, STANDARD_FACES, faces_in_docx, find_face, installed_families

    if args.file:
        path = Path(args.file)
        if not path.is_file():
            raise WenmiError("找不到文件", file=str(path), hint="检查路径，或省略文件名查看 wenmi 公文用到的字体")
        try:
            names = faces_in_docx(path)
        except (zipfile.BadZipFile, KeyError) as exc:
            raise WenmiError("不是有效的 Word 文档（.docx）", file=str(path), hint="用 Word/WPS 另存为 .docx 后再试") from exc
    else:
        names = list(STANDARD_FACES)
    installed = installed_families()
    rows = []
    for name in names:
        face = FACES.get(name)
        found = find_face(name, installed)
        alt = find_face(face.alt, installed) if face and face.alt and not found else None
        rows.append({
            "name": name,
            "installed": bool(found and found[1]),
            "provided_by": found[0] if found else None,
            "fallback": face.alt if face else None,
            "fallback_installed": bool(alt),
            "source": face.source if face else "",
        })  # fmt: skip
    if args.format == "json":
        print_json(rows)
        return 0
    where = f"“{args.file}”" if args.file else "wenmi 生成的公文"
    print(f"{where}用到 {len(rows)} 种字体：")
    if not installed:
        print("（无法列出本机字体：未找到 fc-list，也没有可读的字体文件夹）")
    for row in rows:
        print(f"  {row['name']}：{_state(row, bool(installed))}")
    missing = [r for r in rows if not r["installed"] and r["source"]]
    if missing:
        print("缺少的字体可以这样获得：")
        for row in missing:
            print(f"  {row['name']}：{row['source']}")
    return 0


def _state(row: dict[str, Any], known: bool) -> str:
    if row["installed"]:
        return "已安装"
    if row["provided_by"]:
        return f"未安装，由字宽相同的“{row['provided_by']}”代替"
    if not known:
        return "不确定"
    if row["fallback"]:
        there = "本机有" if row["fallback_installed"] else "本机也没有"
        return f"未安装，Word/WPS 将用“{row['fallback']}”代替（{there}）"
    return "未安装"
