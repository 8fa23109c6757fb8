"""A second core for cold runs: run one piece of work in a forked child.

A cold lint of 10,000 entries is CPU-bound Python; a fork shares the loaded library with
the child for free, and only the child's result (pickled) comes back through a pipe.
Where ``fork`` is missing (Windows), with ``CSKIT_JOBS=1``, on one core, or for small work,
everything runs in this process as before.
"""

from __future__ import annotations

import gc
import os
import pickle
import traceback
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

MIN_ENTRIES = 2000  # below this the fork costs more than it saves


def jobs() -> int:
    """How many processes a run may use (``CSKIT_JOBS``, default: up to 2 cores)."""
    env = os.environ.get("CSKIT_JOBS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    return min(2, os.cpu_count() or 1)


def worth_it(size: int) -> bool:
    return hasattr(os, "fork") and jobs() > 1 and size >= MIN_ENTRIES


def in_child(work: Callable[[], T]) -> Callable[[], T]:
    """Start ``work`` in a forked child now; the returned function waits for its result.

    A failure in the child is raised again here as a RuntimeError with its traceback, so a
    bug is never silent. The child exits with ``os._exit``: no atexit handlers, no flushing
    of the parent's buffered output.
    """
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        gc.disable()  # one piece of work, then os._exit: nothing for the collector to gain
        os.close(read_fd)
        try:
            payload = pickle.dumps((True, work()), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:
            payload = pickle.dumps((False, traceback.format_exc()))
        try:
            with os.fdopen(write_fd, "wb") as out:
                out.write(payload)
        finally:
            os._exit(0)
    os.close(write_fd)

    def join() -> T:
        with os.fdopen(read_fd, "rb") as source:
            payload = source.read()
        os.waitpid(pid, 0)
        if not payload:
            raise RuntimeError("parallel worker died without a result")
        ok, value = pickle.loads(payload)
        if not ok:
            raise RuntimeError(f"parallel worker failed:\n{value}")
        return value

    return join


class Tickets:
    """The numbers ``0 … n−1``, each handed to whichever process asks first, across a fork:
    both sides take work until none is left, so they finish together however long the
    other side's other work takes (``parse_many``: the main process imports the rules
    first). A pipe filled before the fork, one 4-byte record per ticket: a pipe read is
    atomic, and every record is in the pipe before anyone reads."""

    CAPACITY = 16 << 10  # bytes every pipe holds without a reader (macOS: 16 KiB)

    def __init__(self, n: int) -> None:
        self.n = n
        self.per = max(1, -(-n * 4 // self.CAPACITY))  # numbers per ticket
        self._read, write = os.pipe()
        count = -(-n // self.per)
        os.write(write, b"".join(i.to_bytes(4, "little") for i in range(count)))
        os.close(write)  # an empty pipe then reads as the end, never blocks
        self._left: list[int] = []

    def take(self) -> int | None:
        """The next number, or None when all are taken (here or in the other process)."""
        if not self._left:
            record = os.read(self._read, 4)
            if len(record) < 4:
                return None
            first = int.from_bytes(record, "little") * self.per
            self._left = list(range(min(first + self.per, self.n) - 1, first - 1, -1))
        return self._left.pop()

    def close(self) -> None:
        os.close(self._read)
