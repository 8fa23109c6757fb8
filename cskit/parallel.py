"""A second core for cold runs: run one piece of work in a forked child.

A cold lint of 10,000 entries is CPU-bound Python; a fork shares the loaded library with
the child for free, and only the child's result (pickled) comes back through a pipe.
Where ``fork`` is missing (Windows), with ``CSKIT_JOBS=1``, on one core, or for small work,
everything runs in this process as before.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import struct
import traceback
from collections.abc import Callable
from typing import TypeVar

from cskit.errors import CskitError

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
        except CskitError as exc:  # a user's problem found there: the same one line here
            payload = pickle.dumps((None, exc))
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
        if ok is None:
            raise value
        if not ok:
            raise RuntimeError(f"parallel worker failed:\n{value}")
        return value

    return join


class Tickets:
    """The numbers ``0 … n−1``, each handed to whichever process asks first, across a fork:
    both sides take work until none is left, so they finish together however long the
    other side's other work takes (``parse_many``: the main process imports the rules
    first). A pipe filled before the fork, one 4-byte record per ticket: a pipe read is
    atomic, and every record is in the pipe before anyone reads. Make them with
    :func:`tickets`, which says when a pipe cannot hold them."""

    PAGE = 4096  # what every pipe holds, even one made over the user's pipe-memory limit

    def __init__(self, n: int, per: int, read_fd: int) -> None:
        self.n, self.per, self._read = n, per, read_fd
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


def tickets(n: int) -> Tickets | None:
    """:class:`Tickets` for ``n`` numbers (consecutive numbers share a ticket so that all
    fit in one page of pipe), or None if the pipe would not take them: run in one process."""
    per = max(1, -(-n * 4 // Tickets.PAGE))
    data = b"".join(i.to_bytes(4, "little") for i in range(-(-n // per)))
    read_fd, write_fd = os.pipe()
    try:
        os.set_blocking(write_fd, False)  # a full pipe must not hang us: no reader yet
        written = os.write(write_fd, data)
    except BlockingIOError:
        written = 0
    finally:
        os.close(write_fd)  # an empty pipe then reads as the end, never blocks
    if written != len(data):
        os.close(read_fd)
        return None
    return Tickets(n, per, read_fd)


def finish(*steps: Callable[[], object], quiet: bool = False) -> None:
    """Run every step (join a child, close its pipes) even when one fails, then raise the
    first failure. ``quiet``: another exception is already on its way (the caller's own
    failure, Ctrl-C), which a failing step must not replace: the child usually failed
    *because* of it."""
    failure: BaseException | None = None
    for step in steps:
        try:
            step()
        except BaseException as exc:
            failure = failure or exc
    if failure is not None and not quiet:
        raise failure


class Outbox:
    """Results a forked child hands over one at a time, for this process to take while it
    works (``parse_many``: the main process unpickles the child's files between its own).

    Each result is appended to an unlinked temporary file and announced through a pipe as
    (number, offset, size). The child never waits for this process: announcements the pipe
    cannot take yet stay queued in the child until its next send, and are written for good
    when it closes its side. Create it before the fork, call :meth:`opened` in this process
    right after, :meth:`send` and :meth:`close_sender` in the child."""

    _RECORD = struct.Struct("<IQQ")

    def __init__(self) -> None:
        import tempfile

        self._fd, name = tempfile.mkstemp(prefix="cskit-")
        os.unlink(name)  # gone with the last descriptor, whatever happens
        self._read, self._write = os.pipe()
        self._offset = 0  # the child's: where its next result goes
        self._queued = b""  # the child's: announcements the pipe has not taken yet
        self._pending = b""  # this side's: a partial announcement read so far

    def opened(self) -> None:
        """This process's side, after the fork: it only reads."""
        if self._write >= 0:
            os.close(self._write)
            self._write = -1
        os.set_blocking(self._read, False)

    def send(self, number: int, blob: bytes) -> None:
        """The child's side: hand over one result."""
        view = memoryview(blob)
        done = 0
        while done < len(blob):  # a write to a file may be short (a signal, a full disk)
            done += os.pwrite(self._fd, view[done:], self._offset + done)
        self._queued += self._RECORD.pack(number, self._offset, len(blob))
        self._offset += len(blob)
        os.set_blocking(self._write, False)
        # the pipe may be full while the reader is busy: keep the rest for later
        with contextlib.suppress(BlockingIOError):
            self._queued = self._queued[os.write(self._write, self._queued) :]

    def close_sender(self) -> None:
        """The child's side, when it has sent everything: the rest of the announcements,
        then the end."""
        os.set_blocking(self._write, True)
        try:
            while self._queued:
                self._queued = self._queued[os.write(self._write, self._queued) :]
        finally:
            os.close(self._write)

    def received(self, wait: bool = False) -> list[tuple[int, bytes]]:
        """The results announced so far (with ``wait``: all of them, until the child's
        side is closed)."""
        if wait:  # the end comes only once no write end is open here
            self.opened()
            os.set_blocking(self._read, True)
        data = [self._pending]
        while True:
            try:
                chunk = os.read(self._read, 1 << 16)
            except BlockingIOError:
                break
            if not chunk:
                break
            data.append(chunk)
        raw = b"".join(data)
        whole = len(raw) - len(raw) % self._RECORD.size
        self._pending = raw[whole:]
        return [
            (number, self._read_at(offset, size))
            for number, offset, size in self._RECORD.iter_unpack(raw[:whole])
        ]

    def _read_at(self, offset: int, size: int) -> bytes:
        parts: list[bytes] = []
        while size > 0:  # a read may be short
            part = os.pread(self._fd, size, offset)
            if not part:
                raise OSError(f"parallel worker's result is cut short at byte {offset}")
            parts.append(part)
            offset += len(part)
            size -= len(part)
        return b"".join(parts)

    def close(self) -> None:
        os.close(self._read)
        os.close(self._fd)
