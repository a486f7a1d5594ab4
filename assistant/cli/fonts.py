"""`wenmi fonts [FILE.docx | --profile P] [--use P]`: the faces a document (or a wenmi document
under a font profile) names, and whether this machine has them or what Word and WPS will use
instead; `--use` makes a profile the default of every render."""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path
from typing import Any

from assistant.cli.common import add_format_option, print_json
from assistant.errors import WenmiError


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "fonts",
        help="列出公文用到的字体及本机是否安装",
        description="列出文档（不指定文件时为 wenmi 按字体方案生成的公文）用到的字体，说明本机是否安装；"
        "缺少的字体给出 Word/WPS 的替代字体和获取途径。\n\n"
        "字体方案：gb2312 写国标字体名（仿宋_GB2312、楷体_GB2312、方正小标宋简体，默认）；"
        "windows 写 Windows 自带字体（仿宋、楷体、黑体、宋体），对方电脑不另装字体也能正确显示；"
        "gbk 写方正 GBK 字体。\n\n"
        "示例：\n"
        "  wenmi fonts 通知.docx\n"
        "  wenmi fonts --profile windows\n"
        "  wenmi fonts --use windows      以后生成的公文都用 Windows 自带字体",
    )
    p.add_argument("file", nargs="?", metavar="文件", help="要检查的 .docx 文件（可省略）")
    p.add_argument("--profile", metavar="方案", help="列出该字体方案用到的字体：gb2312、windows、gbk")
    p.add_argument("--use", metavar="方案", help="把该字体方案设为默认（wenmi render 和界面导出都按它写字体）")
    add_format_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from assistant.document import fonts as F

    if args.file and (args.profile or args.use):
        raise WenmiError("指定了文件就不能再用 --profile 或 --use", hint="分开运行：wenmi fonts 文件.docx；wenmi fonts --use 方案")
    if args.profile and args.use and args.profile.strip().lower() != args.use.strip().lower():
        raise WenmiError("--profile 和 --use 指定了不同的字体方案", hint="只写一个")
    profile = None
    if args.use:
        profile = F.profile_named(args.use, field="--use")
        saved = F.save_profile(profile)
        note = f"已把字体方案设为 {profile.name}（{profile.label}），写入 {saved}"
        print(note, file=sys.stderr if args.format == "json" else sys.stdout)
    elif args.profile:
        profile = F.profile_named(args.profile, field="--profile")
    if args.file:
        path = Path(args.file)
        if not path.is_file():
            raise WenmiError("找不到文件", file=str(path), hint="检查路径，或省略文件名查看 wenmi 公文用到的字体")
        try:
            names = F.faces_in_docx(path)
        except (zipfile.BadZipFile, KeyError) as exc:
            raise WenmiError("不是有效的 Word 文档（.docx）", file=str(path), hint="用 Word/WPS 另存为 .docx 后再试") from exc
    else:
        profile = profile or F.configured_profile()
        names = F.profile_faces(profile)
    installed = F.installed_families()
    rows = []
    for name in names:
        face = F.FACES.get(name)
        found = F.find_face(name, installed)
        alt = F.find_face(face.alt, installed) if face and face.alt and not found else None
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
    where = f"“{args.file}”" if args.file or profile is None else f"wenmi 生成的公文（字体方案 {profile.name}）"
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
        builtin = set(F.profile_faces(F.PROFILES["windows"]))
        if installed and any(row["name"] not in builtin for row in missing):
            print("对方电脑也缺这些字体时，可用 --fonts windows 生成只用 Windows 自带字体的公文。")
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
