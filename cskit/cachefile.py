"""Cache files that cannot run code or change a result.

Everything in ``.cskit_cache/`` lives in the repository's folder, where anyone who can open
a pull request can put a file (``git add -f``). So a cache file is trusted only when this
user's machine wrote it:

* **Sealed.** Each file starts with a magic line and an HMAC-SHA256 of its purpose and
  content, keyed with a random key kept *outside* the repository: ``cskit/cache.key`` in the
  user's cache folder (``$XDG_CACHE_HOME``, else ``~/.cache``; a private folder under the
  system's temporary folder when that is not writable), created on first use with mode 0600.
  A file written elsewhere, copied from another machine, truncated, flipped or renamed from
  another cache's name fails the check and is not read at all: a cold run.
* **Plain data only.** What passes the check is read with a restricted unpickler that builds
  only the classes a cache stores (cskit's own records, dates, decimals, numpy arrays) and
  refuses every other global, so even a file sealed with a stolen key cannot call
  ``os.system``.

Without a usable key (a foreign-owned or world-readable key file) cskit neither reads nor
writes caches; it stays correct, only slower.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import io
import os
import pickle
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from cskit.fileio import atomic_write_stream

CACHE_DIR = ".cskit_cache"  # beside cskit.yaml
MAGIC = b"cskit-cache 1\n"
_MAC_SIZE = 32
_KEY_SIZE = 32
_KEY_NAME = "cache.key"
MAX_CACHE_BYTES = 2 << 30  # a cache file larger than this is not read (a cold run)

# Globals any cache may hold, besides the classes each cache names itself.
_BASE_GLOBALS = frozenset(
    {
        ("datetime", "date"),
        ("datetime", "datetime"),
        ("datetime", "time"),
        ("datetime", "timedelta"),
        ("datetime", "timezone"),
        ("decimal", "Decimal"),
        ("builtins", "set"),
        ("builtins", "frozenset"),
        # numpy arrays (the duplicate index): rebuilt from raw bytes, never object arrays
        ("numpy", "dtype"),
        ("numpy", "ndarray"),
        ("numpy.core.numeric", "_frombuffer"),
        ("numpy._core.numeric", "_frombuffer"),
        ("numpy.core.multiarray", "_reconstruct"),
        ("numpy._core.multiarray", "_reconstruct"),
    }
)

_key_memo: list[bytes | None] = []


def key_folder() -> Path:
    """Where the cache key lives (outside every repository)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA")
    return (Path(base) if base else Path.home() / ".cache") / "cskit"


def cache_key() -> bytes | None:
    """This user's cache key, created on first use; None when none can be had safely."""
    if not _key_memo:
        key = None
        for folder in (key_folder(), Path(tempfile.gettempdir()) / f"cskit-{_uid()}"):
            key = _key_in(folder)
            if key is not None:
                break
        _key_memo.append(key)
    return _key_memo[0]


def _uid() -> str:
    return str(os.geteuid()) if hasattr(os, "geteuid") else "user"


def _key_in(folder: Path) -> bytes | None:
    path = folder / _KEY_NAME
    key = _read_key(path)
    if key is not None:
        return key
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private_folder(folder):
            return None
        fd, tmp = tempfile.mkstemp(prefix=".key.", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(os.urandom(_KEY_SIZE))
                fh.flush()
                os.fsync(fh.fileno())
            with contextlib.suppress(FileExistsError):
                os.link(tmp, path)  # create-if-absent with the whole key: a racing run wins
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    except OSError:
        return None
    return _read_key(path)


def _private_folder(folder: Path) -> bool:
    """Ours, and nobody else may write in it (or a key could be swapped)."""
    try:
        st = os.lstat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(st.st_mode):
        return False
    return not hasattr(os, "geteuid") or (st.st_uid == os.geteuid() and not st.st_mode & 0o022)


def _read_key(path: Path) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size != _KEY_SIZE:
            return None
        if hasattr(os, "geteuid") and (st.st_uid != os.geteuid() or st.st_mode & 0o077):
            return None  # someone else's, or readable by others: not a secret
        key = os.read(fd, _KEY_SIZE + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return key if len(key) == _KEY_SIZE else None


def _mac(key: bytes, purpose: str) -> Any:
    return hmac.new(key, purpose.encode() + b"\0", hashlib.sha256)


class _Sealing:
    """A file object that feeds everything written through it to the MAC too."""

    def __init__(self, fh: BinaryIO, mac: Any) -> None:
        self.fh, self.mac = fh, mac

    def write(self, data: Any) -> int:
        self.mac.update(data)
        return self.fh.write(data)


def prepare_folder(folder: Path) -> None:
    """Create ``.cskit_cache/`` with a ``.gitignore`` that keeps it out of commits."""
    folder.mkdir(exist_ok=True)
    gitignore = folder / ".gitignore"
    if not gitignore.exists():
        gitignore.write_text("*\n")


def write_sealed(path: Path, purpose: str, write: Callable[[Any], object]) -> bool:
    """Write a cache file atomically, sealed for ``purpose``; ``write(fh)`` makes the content.
    Returns False (writing nothing) when there is no key or the folder is read-only."""
    key = cache_key()
    if key is None:
        return False

    def sealed(fh: BinaryIO) -> None:
        fh.write(MAGIC + bytes(_MAC_SIZE))
        mac = _mac(key, purpose)
        write(_Sealing(fh, mac))
        fh.seek(len(MAGIC))
        fh.write(mac.digest())
        fh.seek(0, os.SEEK_END)

    try:
        prepare_folder(path.parent)
        atomic_write_stream(path, sealed)
    except OSError:
        return False  # a read-only checkout still works, just without a cache
    return True


def read_sealed(path: Path, purpose: str) -> memoryview | None:
    """The content of a cache file this user's cskit wrote for ``purpose``, else None."""
    key = cache_key()
    if key is None:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_CACHE_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read()
    except OSError:
        return None
    finally:
        os.close(fd)
    head = len(MAGIC) + _MAC_SIZE
    if len(data) < head or not data.startswith(MAGIC):
        return None
    view = memoryview(data)[head:]
    mac = _mac(key, purpose)
    mac.update(view)
    if not hmac.compare_digest(mac.digest(), data[len(MAGIC) : head]):
        return None
    return view


class SafeUnpickler(pickle.Unpickler):
    """Builds only allowed classes; any other global (``os.system``…) is refused."""

    def __init__(self, file: Any, classes: Iterable[type] = ()) -> None:
        super().__init__(file)
        self.allowed = _BASE_GLOBALS | {(c.__module__, c.__qualname__) for c in classes}

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in self.allowed:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache")
        return super().find_class(module, name)


def loads(data: bytes | memoryview, classes: Iterable[type] = ()) -> Any:
    """Unpickle one record with :class:`SafeUnpickler`."""
    return SafeUnpickler(io.BytesIO(data), classes).load()


def records(data: bytes | memoryview, classes: Iterable[type] = ()) -> Iterator[Any]:
    """Unpickle a stream of records written one after another."""
    unpickler = SafeUnpickler(io.BytesIO(data), classes)
    while True:
        try:
            yield unpickler.load()
        except EOFError:
            return


def read(path: Path, purpose: str, classes: Iterable[type] = ()) -> Any:
    """A whole sealed cache file as one record, or None for a cold run (missing, foreign,
    damaged or holding anything but allowed data)."""
    data = read_sealed(path, purpose)
    if data is None:
        return None
    try:
        return loads(data, classes)
    except Exception:  # damaged inside a valid seal (a bug, a disk error): a cold run
        return None


def write(path: Path, purpose: str, value: Any) -> bool:
    """Seal and write one record (see :func:`write_sealed`)."""
    return write_sealed(path, purpose, lambda fh: pickle.dump(value, fh, protocol=5))
