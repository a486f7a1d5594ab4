"""Atomic file writes: a temp file in the same folder, then os.replace.

A crash or error leaves either the old file or the new one, never half of one. A new file gets
the permissions the user's umask gives any new file (0644 under the usual 022, so colleagues on a
shared folder can open it); a replaced file keeps its own.

With `replace=False` the write never overwrites: the finished temp file is hard-linked to the
target name, which fails if that name exists, so of several processes writing the same new file
exactly one succeeds and the others get FileExistsError (checking first and replacing later
would let them overwrite each other). Where hard links are not available (FAT, some network
shares) the name is reserved with an exclusive create before the replace.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO


def _create_temp(path: Path) -> tuple[int, Path]:
    """A new, empty file beside `path`, created with mode 0666 so that the umask applies (as it
    does to any file a program creates), unlike tempfile.mkstemp's fixed 0600."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


def _publish_new(tmp: Path, path: Path) -> None:
    """Give the finished `tmp` the name `path` only if no file has it; FileExistsError if one has."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:  # no hard links on this file system: reserve the name, then replace it
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        os.close(fd)
        os.replace(tmp, path)
        return
    with contextlib.suppress(OSError):
        os.unlink(tmp)


@contextlib.contextmanager
def atomic_open(
    path: Path, mode: str = "wb", encoding: str | None = None, *, replace: bool = True
) -> Iterator[IO[bytes]]:
    """Open a temp file beside `path`; on success replace `path` with it (with `replace=False`:
    give it the name only if `path` does not exist, else FileExistsError), on error delete it."""
    path = Path(path)
    fd, tmp = _create_temp(path)
    try:
        with os.fdopen(fd, mode, encoding=encoding) as fh:
            yield fh
            fh.flush()
            with contextlib.suppress(OSError):
                os.fsync(fh.fileno())
        if not replace:
            _publish_new(tmp, path)
            return
        with contextlib.suppress(OSError):  # replacing a file: keep its permissions
            os.chmod(tmp, stat.S_IMODE(os.stat(path).st_mode))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_bytes_atomic(path: Path, data: bytes, *, replace: bool = True) -> None:
    with atomic_open(path, "wb", replace=replace) as fh:
        fh.write(data)


def write_text_atomic(path: Path, text: str, *, replace: bool = True) -> None:
    # Encode ourselves: newline translation would turn "\n" into "\r\n" on Windows otherwise.
    write_bytes_atomic(path, text.encode("utf-8"), replace=replace)


#: Chinese words for the system errors a user can meet when saving (errno names; Windows maps
#: its own codes onto these too).
_OS_ERRORS = {
    "ENOSPC": "磁盘空间不足",
    "EDQUOT": "磁盘配额已用完",
    "EROFS": "所在磁盘或文件夹是只读的",
    "EACCES": "没有权限",
    "EPERM": "没有权限",
    "ENOENT": "文件或文件夹不存在",
    "ENOTDIR": "路径中有一段不是文件夹",
    "EISDIR": "这是一个文件夹",
    "EEXIST": "文件已存在",
    "ENAMETOOLONG": "文件名过长",
    "EBUSY": "文件正被其他程序占用",
    "EMFILE": "打开的文件过多",
    "EIO": "磁盘读写出错",
    "EINVAL": "文件名不合法",
}


def describe_os_error(exc: OSError) -> str:
    """What went wrong, in Chinese, for an OSError (the system's own words are English)."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    if getattr(exc, "winerror", None) == 32:  # ERROR_SHARING_VIOLATION: open in Word/WPS
        return "文件正被其他程序（如 Word、WPS）打开"
    return _OS_ERRORS.get(name, f"系统错误（{exc.strerror or exc}）")
