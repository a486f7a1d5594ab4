"""Atomic file writes: a temp file in the same folder, then os.replace.

A crash or error leaves either the old file or the new one, never half of one. A new file gets
the permissions the user's umask gives any new file (0644 under the usual 022, so colleagues on a
shared folder can open it); a replaced file keeps its own.
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


@contextlib.contextmanager
def atomic_open(path: Path, mode: str = "wb", encoding: str | None = None) -> Iterator[IO[bytes]]:
    """Open a temp file beside `path`; on success replace `path` with it, on error delete it."""
    path = Path(path)
    fd, tmp = _create_temp(path)
    try:
        with os.fdopen(fd, mode, encoding=encoding) as fh:
            yield fh
            fh.flush()
            with contextlib.suppress(OSError):
                os.fsync(fh.fileno())
        with contextlib.suppress(OSError):  # replacing a file: keep its permissions
            os.chmod(tmp, stat.S_IMODE(os.stat(path).st_mode))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_bytes_atomic(path: Path, data: bytes) -> None:
    with atomic_open(path, "wb") as fh:
        fh.write(data)


def write_text_atomic(path: Path, text: str) -> None:
    # Encode ourselves: newline translation would turn "\n" into "\r\n" on Windows otherwise.
    write_bytes_atomic(path, text.encode("utf-8"))
