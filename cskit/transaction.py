"""Writes to a library: serialised, checked and all or nothing, even under ``kill -9``.

Every command that writes library files (``cskit import``, ``lint --fix``, ``baseline write``,
and any later writer) goes through :func:`commit`:

1. **One writer at a time.** The library's write lock (:mod:`cskit.writelock`), which a
   crashed run never keeps.
2. **Nothing changed underneath.** Each file must still hold the bytes the run planned its
   edit against (a content hash); if another run or an editor changed it meanwhile, the run
   refuses and writes nothing (:class:`StaleFile`), so no edit is silently lost.
3. **All or nothing.** A journal (``.cskit_cache/journal.json``) first names the temporary
   files, which are then written and fsynced beside their targets; the journal is then
   marked *commit* and fsynced (the commit point), the temporary files are renamed over the
   targets, and the journal is removed. The next cskit command that finds a journal
   (:func:`recover`, called whenever a library is opened) rolls back a write that had not
   reached the commit point (deletes its temporary files) and completes one that had
   (renames the rest). After any crash every file is old or every file is new, and no
   temporary file is left.

A journal is trusted only if this user's cskit wrote it: it is sealed with the cache key
(:mod:`cskit.cachefile`) and may name only files inside the library folder, so a journal
planted in a repository cannot move files anywhere.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cskit import cachefile
from cskit.errors import StaleFile, WriteError
from cskit.writelock import locked

CACHE_DIR = cachefile.CACHE_DIR
JOURNAL_FILE = "journal.json"
ABSENT = "absent"  # the expected digest of a file that must not exist yet


@dataclass
class Change:
    """One file to write: its new text, and the digest of the content the change was
    planned against (:data:`ABSENT` for a new file, None for no check)."""

    path: Path
    text: str
    expect: str | None = None
    keep_newlines: bool = True  # a CRLF file stays CRLF


def digest(data: bytes) -> str:
    """The content hash used everywhere a file's content is compared (as in SourceFile)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def current_digest(path: Path) -> str:
    """The digest of a file's content now, or :data:`ABSENT`."""
    data = _read(path)
    return ABSENT if data is None else digest(data)


def _read(path: Path) -> bytes | None:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise WriteError(
            f"无法读取 {path}：{exc.strerror}",
            hint="检查文件权限",
            en=f"cannot read {path}: {exc.strerror}",
            hint_en="check the file's permissions",
        ) from None


# --- commit ------------------------------------------------------------------------------------


def commit(root: Path, changes: list[Change]) -> list[Path]:
    """Write every change or none (see the module docstring). Returns the files written.
    Raises :class:`StaleFile` when a file is no longer what the change expects."""
    root = Path(root)
    with locked(root):
        _recover_locked(root)
        work: list[tuple[Path, bytes, str, str]] = []  # (path, data, old digest, new digest)
        for change in changes:
            old = _read(change.path)
            now = ABSENT if old is None else digest(old)
            if change.expect is not None and now != change.expect:
                raise StaleFile(
                    "这个文件在本次运行读取之后被改动过（另一个 cskit 进程或编辑器？）；什么都没有写入",
                    str(change.path),
                    "重新运行这条命令，它会基于最新的内容",
                    en="this file changed after this run read it (another cskit run or an "
                    "editor?); nothing was written",
                    hint_en="run the command again: it will work on the current content",
                )
            data = _encode(change, old)
            if data != old:
                work.append((change.path, data, now, digest(data)))
        if work:
            try:
                _write_all(root, work)
            except OSError as exc:
                raise WriteError(
                    f"写入失败：{exc.strerror}；文件保持原样（或由下一条 cskit 命令补完）",
                    exc.filename,
                    "检查磁盘空间和文件权限",
                    en=f"the write failed: {exc.strerror}; the files are as they were (or the "
                    "next cskit command completes the write)",
                    hint_en="check free disk space and file permissions",
                ) from None
        return [path for path, _data, _old, _new in work]


def _encode(change: Change, old: bytes | None) -> bytes:
    text = change.text
    crlf = old is not None and b"\r\n" in old[:65536]
    if change.keep_newlines and crlf and "\r\n" not in text:
        text = text.replace("\n", "\r\n")
    return text.encode("utf-8")


def _write_all(root: Path, work: list[tuple[Path, bytes, str, str]]) -> None:
    import secrets  # (json, secrets: only when writing; every command opens a library)

    tx = secrets.token_hex(6)
    if not all(_inside(root, path) for path, _data, _old, _new in work):
        # a file outside the library (a baseline elsewhere): one file, renamed atomically
        for path, data, _old, _new in work:
            tmp = _temp_name(path, tx)
            try:
                _write_temp(tmp, data, path)
                os.replace(tmp, path)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
        return
    files = [
        {
            "path": str(path.absolute()),
            "tmp": str(_temp_name(path, tx).absolute()),
            "old": old,
            "new": new,
        }
        for path, _data, old, new in work
    ]
    journal = {"tx": tx, "state": "prepare", "files": files}
    _write_journal(root, journal)  # from here on, a crash is rolled back
    try:
        for (path, data, _old, _new), item in zip(work, files, strict=True):
            _write_temp(Path(item["tmp"]), data, path)
        _sync_folders(Path(item["tmp"]).parent for item in files)
    except BaseException:
        _roll_back(root, journal)
        raise
    journal["state"] = "commit"
    _write_journal(root, journal)  # the commit point: from here on, a crash is completed
    for item in files:
        os.replace(item["tmp"], item["path"])
    _sync_folders(Path(item["path"]).parent for item in files)
    _remove_journal(root)


def _inside(root: Path, path: Path) -> bool:
    inside = os.path.realpath(root)
    return os.path.commonpath([inside, os.path.realpath(path.parent)]) == inside


def _temp_name(path: Path, tx: str) -> Path:
    return path.with_name(f".{path.name}.cskit-{tx}.tmp")


def _write_temp(tmp: Path, data: bytes, target: Path) -> None:
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mode = 0o666 & ~_umask()
    tmp.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(tmp, flags, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
        with contextlib.suppress(OSError):
            os.fchmod(fd, mode)
    finally:
        os.close(fd)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _sync_folders(folders: Iterator[Path] | Any) -> None:
    """fsync each folder, so the renames and new names in it survive a power cut."""
    for folder in {str(f) for f in folders}:
        with contextlib.suppress(OSError):
            fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


# --- the journal ---------------------------------------------------------------------------------


def _journal_path(root: Path) -> Path:
    return Path(root) / CACHE_DIR / JOURNAL_FILE


def _seal(body: bytes) -> str:
    """The journal's HMAC with this user's key ("" without one: then the checks on what a
    journal may name are what protect the library)."""
    key = cachefile.cache_key()
    if key is None:
        return ""
    return hmac.new(key, b"journal\0" + body, hashlib.sha256).hexdigest()


def _write_journal(root: Path, journal: dict[str, Any]) -> None:
    import json

    body = json.dumps(journal, ensure_ascii=False, sort_keys=True).encode()
    blob = json.dumps({"seal": _seal(body), "journal": body.decode()}).encode()
    path = _journal_path(root)
    tmp = path.with_name(JOURNAL_FILE + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        os.write(fd, blob)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    _sync_folders([path.parent])


def _remove_journal(root: Path) -> None:
    path = _journal_path(root)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    _sync_folders([path.parent])


def recover(root: Path) -> None:
    """Finish or undo a write a crashed run left behind (cheap when there is none)."""
    path = _journal_path(root)
    if not os.path.lexists(path) and not os.path.lexists(path.with_name(JOURNAL_FILE + ".tmp")):
        return
    try:
        with locked(root, wait=0):  # a live writer holds the lock: the journal is its own
            _recover_locked(root)
    except (WriteError, OSError):
        return  # busy, or a read-only folder: reading the library still works


def _recover_locked(root: Path) -> None:
    path = _journal_path(root)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path.with_name(JOURNAL_FILE + ".tmp"))  # a journal never finished
    journal = _load_journal(root)
    if journal is None:
        return
    files = journal["files"]
    if journal["state"] == "commit":
        done = kept = 0
        for item in files:
            tmp, target = item["tmp"], item["path"]
            if not os.path.lexists(tmp):
                continue  # renamed before the crash
            if current_digest(Path(target)) in (item["old"], item["new"]):
                os.replace(tmp, target)
                done += 1
            else:  # an editor saved the file after the crash: theirs is newer, keep it
                os.unlink(tmp)
                kept += 1
        _sync_folders(Path(item["path"]).parent for item in files)
        _say(
            f"已完成上次中断的写入（{len(files)} 个文件）"
            + (f"；{kept} 个文件在中断后被改过，保留了改过的版本" if kept else ""),
            f"completed an interrupted write ({len(files)} files)"
            + (f"; {kept} changed since were kept as they are" if kept else ""),
        )
    else:
        _roll_back(root, journal)
        _say(
            "上次写入在提交前中断，已撤销：文件保持原样",
            "an interrupted write had not been committed; it was undone and the files are as before",
        )
    _remove_journal(root)


def _roll_back(root: Path, journal: dict[str, Any]) -> None:
    for item in journal["files"]:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(item["tmp"])
    _remove_journal(root)


def _load_journal(root: Path) -> dict[str, Any] | None:
    """The journal if this user's cskit wrote it and it names only files of this library."""
    import json

    path = _journal_path(root)
    try:
        outer = json.loads(path.read_bytes())
        body = outer["journal"].encode()
        if not hmac.compare_digest(str(outer["seal"]), _seal(body)):
            raise ValueError("seal")
        journal = json.loads(body)
        state, tx, files = journal["state"], journal["tx"], journal["files"]
        if state not in ("prepare", "commit") or not isinstance(tx, str) or not tx.isalnum():
            raise ValueError("state")
        for item in files:
            target = Path(item["path"])
            if not target.is_absolute() or not _inside(root, target):
                raise ValueError("outside")
            if Path(item["tmp"]) != _temp_name(target, tx).absolute():
                raise ValueError("tmp")
            if not isinstance(item["old"], str) or not isinstance(item["new"], str):
                raise ValueError("digest")
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        _say(
            f"忽略了不是本机 cskit 写的写入日志 {path}，已删除",
            f"ignored and removed a write journal this user's cskit did not write: {path}",
        )
        with contextlib.suppress(OSError):
            os.unlink(path)
        return None
    return journal


def _say(zh: str, en: str) -> None:
    from cskit.errors import language

    print(f"note: {en if language() == 'en' else zh}", file=sys.stderr)
