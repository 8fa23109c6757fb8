"""Atomic writes: a failure while writing leaves the old file and no temporary file."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import pytest

from cskit.fileio import atomic_write_bytes, atomic_write_stream


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
