"""A .docx to PDF through LibreOffice, when it is installed (the CLI's `-o 通知.pdf`, the TUI's
导出 PDF).

LibreOffice runs headless with a profile of its own in a temporary folder: a LibreOffice the user
has open would otherwise take the job and convert nothing. The PDF is written atomically.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from assistant.errors import WenmiError

#: Seconds LibreOffice gets for one document (its start-up takes most of them).
TIMEOUT = 180

#: Where LibreOffice installs itself when it is not on PATH.
_KNOWN_PLACES = {
    "win32": (
        r"C:\Program Files\LibreOffice\program\soffice.exe",
        r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    ),
    "darwin": ("/Applications/LibreOffice.app/Contents/MacOS/soffice",),
}


def office_program() -> str | None:
    """The LibreOffice program (soffice), or None when it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for place in _KNOWN_PLACES.get(sys.platform, ()):
        if Path(place).is_file():
            return place
    return None


def install_hint() -> str:
    """What to install for PDF export, for this system."""
    if sys.platform == "win32" or sys.platform == "darwin":
        return "请安装 LibreOffice（https://zh-cn.libreoffice.org 免费下载）后重试"
    return "请安装 LibreOffice 后重试，如 Debian/Ubuntu：sudo apt install libreoffice-writer"


def docx_to_pdf(docx: Path, pdf: Path, *, timeout: float = TIMEOUT) -> Path:
    """Convert `docx` to `pdf` (replacing it, atomically). WenmiError when LibreOffice is not
    installed or does not convert the document."""
    office = office_program()
    if office is None:
        raise WenmiError("没有找到 LibreOffice，无法导出 PDF", file=str(pdf), hint=install_hint())
    from assistant.atomic import write_bytes_atomic

    with tempfile.TemporaryDirectory(prefix="wenmi-pdf-") as tmp:
        work = Path(tmp)
        source = work / "文档.docx"
        shutil.copyfile(docx, source)
        command = [
            office,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                timeout=timeout,
                stdin=subprocess.DEVNULL,
                env={**os.environ, "HOME": os.environ.get("HOME", tmp)},
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise WenmiError(
                f"LibreOffice 在 {int(timeout)} 秒内没有完成转换",
                file=str(pdf),
                hint="关闭其他大型程序后重试",
            ) from None
        except OSError as exc:
            raise WenmiError(
                f"无法启动 LibreOffice：{exc.strerror or exc}", file=str(pdf), hint=install_hint()
            ) from None
        produced = work / "文档.pdf"
        if not produced.is_file():
            said = (done.stderr or b"").decode("utf-8", "replace").strip().splitlines()
            raise WenmiError(
                "LibreOffice 没有生成 PDF" + (f"：{said[-1]}" if said else ""),
                file=str(pdf),
                hint="用 Word 或 WPS 打开 .docx 后另存为 PDF",
            )
        try:
            write_bytes_atomic(pdf, produced.read_bytes())
        except PermissionError as exc:
            raise WenmiError(
                "没有权限写入 PDF 文件", file=str(pdf), hint="关闭正在打开该文件的程序，或换一个位置"
            ) from exc
        except OSError as exc:
            raise WenmiError(f"无法写入 PDF 文件：{exc.strerror or exc}", file=str(pdf)) from exc
    return pdf
