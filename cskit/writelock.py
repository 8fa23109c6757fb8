"""The library's write lock: one cskit writer at a time, never held by a dead process.

An exclusive ``flock`` on ``.cskit_cache/write.lock`` beside cskit.yaml. The kernel drops it
when the process dies, so a crashed run never blocks the next one. Re-entrant within one
process, so a command that writes through several steps takes it once.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from cskit import cachefile
from cskit.errors import Busy, WriteError

LOCK_FILE = "write.lock"
LOCK_WAIT = 60.0  # seconds to wait for another writer before giving up

_held: dict[str, tuple[int, int]] = {}  # lock path → (fd, depth): re-entrant in one process


@contextlib.contextmanager
def locked(root: Path, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold the library's write lock (re-entrant within one process). Where ``flock`` does
    not exist (Windows), writes are not serialised; the unchanged-since-read check remains."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        yield
        return

    folder = Path(root) / cachefile.CACHE_DIR
    path = str((folder / LOCK_FILE).absolute())
    held = _held.get(path)
    if held is not None:
        _held[path] = (held[0], held[1] + 1)
        try:
            yield
        finally:
            fd, depth = _held[path]
            _held[path] = (fd, depth - 1)
        return
    try:
        cachefile.prepare_folder(folder)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except OSError as exc:
        raise WriteError(
            f"无法创建写入锁 {path}：{exc.strerror}",
            hint="检查话术库文件夹是否可写",
            en=f"cannot create the write lock {path}: {exc.strerror}",
            hint_en="check that the library folder is writable",
        ) from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise Busy(
                        f"另一个 cskit 进程（{_holder(fd)}）正在写入这个话术库，等待 {wait:.0f} 秒后放弃；"
                        "什么都没有写入",
                        path,
                        "等它结束后再运行",
                        en=f"another cskit run ({_holder(fd)}) has been writing this library "
                        f"for {wait:.0f} s; nothing was written",
                        hint_en="run again when it has finished",
                    ) from None
                time.sleep(0.05)
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        _held[path] = (fd, 1)
        try:
            yield
        finally:
            del _held[path]
    finally:
        os.close(fd)  # closing drops the flock


def _holder(fd: int) -> str:
    with contextlib.suppress(OSError, ValueError):
        pid = int(os.pread(fd, 32, 0).decode().strip())
        return f"pid {pid}"
    return "pid ?"
