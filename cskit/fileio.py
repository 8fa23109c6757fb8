"""Reading and writing files safely.

- Atomic writes: a temporary file in the same folder, fsync, then rename.
- Reading input (:func:`read_input`): regular files only, opened without blocking, so a FIFO
  or ``/dev/zero`` named ``x.yaml`` is an error instead of a hang, and a size limit.
- Writing output (:func:`write_output`): ``--output``, baselines, annotated and exported
  workbooks go to regular files only (never over a FIFO, a device or through a symlink),
  into an existing folder, and never over a file of the library or an input of the run
  (:func:`protect`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from cskit.errors import InputError, OutputError


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


# --- reading input -------------------------------------------------------------------------


class NotRegular(OSError):
    """The path is a FIFO, a device, a socket or a folder: cskit reads regular files only."""


def read_input(path: Path, limit: int | None = None) -> bytes:
    """A regular file's bytes. Raises :class:`NotRegular` for anything else (without
    blocking on a FIFO), ``OSError`` (``EFBIG``) past ``limit`` bytes, and the usual
    ``OSError`` for a missing or unreadable file or a symlink loop."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file"
            raise NotRegular(errno.EINVAL, kind, str(path))
        if limit is not None and st.st_size > limit:
            raise OSError(errno.EFBIG, f"larger than {limit >> 20} MiB", str(path))
        chunks = []
        while chunk := os.read(fd, max(st.st_size + 1, 65536)):
            chunks.append(chunk)
            if limit is not None and sum(map(len, chunks)) > limit:
                raise OSError(errno.EFBIG, f"larger than {limit >> 20} MiB", str(path))
        return b"".join(chunks)
    finally:
        os.close(fd)


def reason(exc: OSError) -> str:
    """A short English reason for an OSError from :func:`read_input` (for messages)."""
    if isinstance(exc, NotRegular):
        return str(exc.strerror)
    if exc.errno == errno.ELOOP:
        return "a symbolic link loop"
    return exc.strerror or str(exc)


def _reason_zh(exc: OSError) -> str:
    if isinstance(exc, NotRegular):
        return "是文件夹" if exc.strerror == "a folder" else "不是普通文件（管道、设备或套接字）"
    if exc.errno == errno.ELOOP:
        return "符号链接循环"
    if exc.errno == errno.EFBIG:
        return f"文件太大（{exc.strerror}）"
    return exc.strerror or str(exc)


def input_error(path: Path, exc: OSError, what: str = "file") -> InputError:
    """The one-line error for an input file cskit cannot read."""
    why = reason(exc)
    return InputError(
        f"无法读取{_ZH_WHAT.get(what, what)}：{_reason_zh(exc)}",
        str(path),
        "cskit 只读取普通文件" if isinstance(exc, NotRegular) else None,
        en=f"cannot read the {what}: {why}",
        hint_en="cskit reads regular files only" if isinstance(exc, NotRegular) else None,
    )


_ZH_WHAT = {"file": "文件", "workbook": "表格", "data file": "数据文件", "baseline": "基线文件"}


# --- writing output ------------------------------------------------------------------------

_protected_files: dict[str, tuple[int, int] | None] = {}  # resolved path → (dev, inode)
_protected_trees: list[tuple[str, tuple[str, ...]]] = []  # (resolved folder, suffixes)


def protect(files: Iterable[Path] = (), trees: Iterable[tuple[Path, tuple[str, ...]]] = ()) -> None:
    """Never write output over these files (the config, the input workbook…) or over a file
    with one of these suffixes under these folders (the library's ``*.yaml``)."""
    for path in files:
        resolved = os.path.realpath(path)
        try:
            st = os.stat(resolved)
            _protected_files[resolved] = (st.st_dev, st.st_ino)
        except OSError:
            _protected_files[resolved] = None
    for folder, suffixes in trees:
        item = (os.path.realpath(folder), suffixes)
        if item not in _protected_trees:
            _protected_trees.append(item)


def check_output(path: Path) -> None:
    """Raise :class:`OutputError` unless ``path`` may receive cskit's output."""
    path = Path(path)
    try:
        st: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _refuse(path, exc.strerror or str(exc), str(exc.strerror or exc)) from None
    if st is not None:
        if stat.S_ISLNK(st.st_mode):
            raise _refuse(path, "是符号链接", "it is a symbolic link")
        if stat.S_ISDIR(st.st_mode):
            raise _refuse(path, "是文件夹", "it is a folder")
        if not stat.S_ISREG(st.st_mode):
            raise _refuse(
                path,
                "不是普通文件（管道、设备或套接字）",
                "it is not a regular file (a FIFO, device or socket)",
            )
    parent = path.parent
    if not parent.is_dir():
        raise _refuse(
            path,
            f"文件夹 {parent} 不存在",
            f"its folder {parent} does not exist",
            hint=(
                "先建好这个文件夹，或换一个已有文件夹里的路径",
                "create the folder first, or name a path in an existing one",
            ),
        )
    resolved = os.path.join(os.path.realpath(parent), path.name)
    ident = (st.st_dev, st.st_ino) if st is not None else None
    for protected, known in _protected_files.items():
        if resolved == protected or (ident is not None and ident == known):
            raise _refuse(
                path,
                "是本次运行读取的文件（话术库配置或输入文件）",
                "it is a file this run reads (the config or an input)",
            )
    if st is not None and st.st_nlink > 1 and _linked_into_trees(st):
        raise _refuse(path, "是话术库文件的硬链接", "it is a hard link to a file of the library")
    for folder, suffixes in _protected_trees:
        if resolved.startswith(folder + os.sep) and resolved.lower().endswith(suffixes):
            raise _refuse(
                path,
                "在话术库里，会被当成条目文件",
                "it is inside the library, where it would be read as an entry file",
            )


def _linked_into_trees(st: os.stat_result) -> bool:
    """Is this file (with more than one name) also a protected file of a library?"""
    for folder, suffixes in _protected_trees:
        for base, _dirs, names in os.walk(folder):
            for name in names:
                if name.lower().endswith(suffixes):
                    with contextlib.suppress(OSError):
                        other = os.stat(os.path.join(base, name))
                        if (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino):
                            return True
    return False


_REGULAR = (
    "换一个普通文件作为输出；要丢弃或转给其他程序，去掉这个选项并重定向标准输出",
    "name a regular file; to discard or pipe the report, leave the option out "
    "and redirect standard output",
)


def _refuse(path: Path, zh: str, en: str, hint: tuple[str, str] = _REGULAR) -> OutputError:
    return OutputError(
        f"不能写入 {path}：{zh}；什么都没有写入",
        hint=hint[0],
        en=f"will not write {path}: {en}; nothing was written",
        hint_en=hint[1],
    )


def write_output(path: Path, data: bytes) -> None:
    """Write a report or workbook atomically to ``path``, after :func:`check_output`."""
    check_output(path)
    try:
        atomic_write_bytes(Path(path), data)
    except OSError as exc:
        raise OutputError(
            f"无法写入 {path}：{exc.strerror}",
            en=f"cannot write {path}: {exc.strerror}",
        ) from None
