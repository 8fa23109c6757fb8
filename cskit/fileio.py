"""Atomic writes: a temporary file in the same folder, fsync, then rename, so a crash or a
full disk never leaves a half-written file behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so readers see the old file or the new one, never half."""
    atomic_write_stream(path, lambda fh: fh.write(data))


def atomic_write_stream(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Like :func:`atomic_write_bytes`, with ``write(fh)`` producing the content, so big
    data (the caches) is streamed to disk instead of first built in memory."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            mode = path.stat().st_mode & 0o7777  # replacing: keep the file's mode
        except OSError:
            mode = 0o666 & ~_umask()  # new: what open() would have given it, not mkstemp's 0600
        with contextlib.suppress(OSError):
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def replace_text(path: Path, text: str) -> None:
    """Write ``text`` over an existing file, keeping its line endings: a file saved with
    Windows CRLF stays CRLF (Python reads both as ``\\n``), so untouched lines keep every
    byte."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(65536)
    except OSError:
        head = b""
    if b"\r\n" in head and "\r\n" not in text:
        text = text.replace("\n", "\r\n")
    atomic_write_text(path, text)
