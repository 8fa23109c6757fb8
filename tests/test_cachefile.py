"""Sealed, plain-data cache files: what another machine wrote, or anything damaged, is not
read; what passes the seal still cannot build anything but data."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import pickle
import stat
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from cskit import cachefile
from cskit.findings import Finding


class Evil:
    """A pickle that runs a shell command when loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.system, (f"touch {self.marker}",)


@pytest.fixture
def key_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh key folder for this test (and no key remembered from an earlier one)."""
    home = tmp_path / "keyhome"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.setattr(cachefile, "_key_memo", [])
    yield home / "cskit"


def sealed_with(key: bytes, purpose: str, payload: bytes) -> bytes:
    mac = hmac.new(key, purpose.encode() + b"\0" + payload, hashlib.sha256).digest()
    return cachefile.MAGIC + mac + payload


def test_round_trip_and_the_key_is_private(key_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "c" / "x.pickle"
    value = {"d": dt.date(2026, 1, 2), "m": Decimal("1.50"), "s": {1, 2}, "a": np.arange(4)}
    assert cachefile.write(path, "x.pickle", value)
    back = cachefile.read(path, "x.pickle")
    assert back["d"] == value["d"] and back["m"] == value["m"] and back["s"] == {1, 2}
    assert back["a"].tolist() == [0, 1, 2, 3]
    key = key_home / "cache.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and key.stat().st_size == 32
    assert (path.parent / ".gitignore").read_text() == "*\n"


def test_another_machines_file_is_not_read(key_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "x.pickle"
    cachefile.write(path, "x.pickle", {"findings": []})  # creates this user's key
    payload = pickle.dumps({"findings": []}, protocol=5)
    path.write_bytes(sealed_with(os.urandom(32), "x.pickle", payload))
    assert cachefile.read(path, "x.pickle") is None
    path.write_bytes(payload)  # the old, unsealed format
    assert cachefile.read(path, "x.pickle") is None


@pytest.mark.parametrize("damage", ["truncate", "flip", "other-purpose", "empty"])
def test_damaged_or_misplaced_files_are_not_read(
    key_home: Path, tmp_path: Path, damage: str
) -> None:
    path = tmp_path / "x.pickle"
    cachefile.write(path, "x.pickle", list(range(1000)))
    data = bytearray(path.read_bytes())
    purpose = "x.pickle"
    if damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "flip":
        data[-10] ^= 0x40
    elif damage == "other-purpose":
        purpose = "lint.pickle"  # a sealed parse cache renamed to another cache's name
    else:
        data = bytearray()
    path.write_bytes(bytes(data))
    assert cachefile.read(path, purpose) is None


def test_sealed_code_still_does_not_run(key_home: Path, tmp_path: Path) -> None:
    """Even with the right key (stolen, or a bug), only data classes are built."""
    marker = tmp_path / "pwned"
    path = tmp_path / "x.pickle"
    assert cachefile.write(path, "x.pickle", Evil(marker))
    assert cachefile.read(path, "x.pickle") is None
    assert not marker.exists()
    # allowed classes come back, others are refused even when picklable
    cachefile.write(path, "x.pickle", Finding("E001", "n", "error", "z", "e", "f", 1, 1))
    assert cachefile.read(path, "x.pickle") is None
    assert isinstance(cachefile.read(path, "x.pickle", (Finding,)), Finding)


def test_object_arrays_are_refused(key_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "x.pickle"
    cachefile.write(path, "x.pickle", np.array([Evil(tmp_path / "p")], dtype=object))
    assert cachefile.read(path, "x.pickle") is None
    assert not (tmp_path / "p").exists()


def test_a_key_others_can_read_is_not_used(key_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "x.pickle"
    assert cachefile.write(path, "x.pickle", 1)
    (key_home / "cache.key").chmod(0o644)
    cachefile._key_memo.clear()
    other = tmp_path / "tmpdir"
    other.mkdir()
    os.environ["TMPDIR"] = str(other)
    try:
        import tempfile

        tempfile.tempdir = None
        # the fallback folder under the temporary folder gets a key of its own
        assert cachefile.read(path, "x.pickle") is None
        assert cachefile.cache_key() is not None
        assert (other / f"cskit-{os.geteuid()}" / "cache.key").is_file()
    finally:
        del os.environ["TMPDIR"]
        tempfile.tempdir = None


def test_a_fifo_or_huge_file_is_not_read(key_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "x.pickle"
    os.mkfifo(path)
    assert cachefile.read(path, "x.pickle") is None  # no hang: opened without blocking
