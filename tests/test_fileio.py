"""Atomic writes: a failure while writing leaves the old file and no temporary file."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

import pytest

from cskit.fileio import atomic_write_bytes, atomic_write_stream, atomic_write_text, replace_text


def test_stream_writes_and_replaces(tmp_path: Path) -> None:
    path = tmp_path / "cache.bin"
    atomic_write_bytes(path, b"old")
    atomic_write_stream(path, lambda fh: fh.write(b"new" * 3))
    assert path.read_bytes() == b"newnewnew"


def test_failure_midway_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "cache.bin"
    atomic_write_bytes(path, b"old")

    def half(fh: BinaryIO) -> None:
        fh.write(b"half of the new")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_write_stream(path, half)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["cache.bin"]


def test_new_file_gets_umask_mode_and_replaced_file_keeps_its_mode(tmp_path):
    old = os.umask(0o022)
    try:
        new = tmp_path / "new.txt"
        atomic_write_text(new, "x")
        assert stat.S_IMODE(new.stat().st_mode) == 0o644
        os.chmod(new, 0o600)
        atomic_write_text(new, "y")
        assert stat.S_IMODE(new.stat().st_mode) == 0o600 and new.read_text() == "y"
    finally:
        os.umask(old)


def test_replace_text_keeps_crlf(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_bytes(b"a: 1\r\nb: 2\r\n")
    replace_text(path, path.read_text().replace("2", "3"))
    assert path.read_bytes() == b"a: 1\r\nb: 3\r\n"
    lf = tmp_path / "b.yaml"
    lf.write_bytes(b"a: 1\n")
    replace_text(lf, "a: 2\n")
    assert lf.read_bytes() == b"a: 2\n"
