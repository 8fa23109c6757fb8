"""Parsing many files: the forked child's share, and work done meanwhile."""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import types
from typing import Any

import pytest

from cskit import cachefile, parallel
from cskit.library.load import load_library
from cskit.library.model import CACHE_DIR
from cskit.library.parsecache import CACHE_FILE, CACHE_VERSION, parse_bytes, parse_many, read_cache


def _files(n: int, size: int) -> list[tuple[int, str, bytes]]:
    body = "entries:\n" + "".join(f"  - id: e{k}\n    answer: 好的{k}\n" for k in range(size))
    return [(i, f"f{i}", body.replace("id: e", f"id: f{i}-e").encode()) for i in range(n)]


@pytest.mark.parametrize("big", [False, True])
def test_results_keep_their_order_and_meanwhile_runs_once_here(
    big: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CSKIT_JOBS", "2")
    files = _files(10, 4000 if big else 5)
    assert parallel.worth_it(parallel.MIN_ENTRIES)
    calls: list[int] = []
    out = parse_many(files, meanwhile=lambda: calls.append(os.getpid()))
    assert calls == [os.getpid()]  # in this process, not the child
    if big:  # the cache items: both sides' results already pickled
        assert all(pickle.loads(item) == parsed for item, parsed in out)
    assert [doc.data for (doc, _err) in (parsed for _item, parsed in out)] == [
        parse_bytes(blob)[0].data
        for _, _, blob in files  # type: ignore[union-attr]
    ]


def test_a_failure_meanwhile_still_waits_for_the_child(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CSKIT_JOBS", "2")
    waited: list[bool] = []
    real = parallel.in_child

    def tracked(work):  # type: ignore[no-untyped-def]
        join = real(work)

        def wait():  # type: ignore[no-untyped-def]
            waited.append(True)
            return join()

        return wait

    monkeypatch.setattr(parallel, "in_child", tracked)

    def boom() -> None:
        raise RuntimeError("meanwhile failed")

    with pytest.raises(RuntimeError, match="meanwhile failed"):
        parse_many(_files(10, 4000), meanwhile=boom)
    assert waited == [True]


def _gone_object() -> bytes:
    """A pickle of an object whose class lived in a module that no longer exists (as a cache
    written before the modules moved into one folder per domain refers to them)."""
    module = types.ModuleType("cskit.old_layout")

    class Document:  # the class's home module is gone by the time the cache is read
        pass

    Document.__module__ = module.__name__
    Document.__qualname__ = "Document"
    module.Document = Document  # type: ignore[attr-defined]
    sys.modules[module.__name__] = module
    try:
        return pickle.dumps(Document(), protocol=5)
    finally:
        del sys.modules[module.__name__]


@pytest.mark.parametrize(
    ("version", "record"),
    [("0.1.0/parse-3", "gone"), ("0.1.0/parse-3", "valid"), (CACHE_VERSION, "gone")],
)
def test_a_cache_written_before_the_move_is_a_cold_run(
    version: str, record: str, make_library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The previous version's cache is never read, even where its records would load; today's
    version with records of classes that moved is read and parsed again file by file."""
    from cskit.library import load

    root = make_library({"a.yaml": "entries:\n  - id: a\n    answer: 好的\n"})
    expected = [e.data for e in load_library(root, use_cache=False).entries]
    cache = root / CACHE_DIR / CACHE_FILE
    digest = hashlib.blake2b((root / "a.yaml").read_bytes(), digest_size=16).hexdigest()
    cache.parent.mkdir()
    blob = _gone_object() if record == "gone" else pickle.dumps(parse_bytes(b"entries: []\n"))

    def write(fh: Any) -> None:  # sealed with this machine's key: only the version decides
        records = pickle.Pickler(fh, protocol=5)
        records.dump(version)  # an older cache version, or today's with old class paths
        records.dump((str((root / "a.yaml").resolve()), digest, blob))

    assert cachefile.write_sealed(cache, CACHE_FILE, write)
    parsed: list[int] = []
    real = load.parse_many

    def counting(misses, *args, **kwargs):  # type: ignore[no-untyped-def]
        parsed.append(len(misses))
        return real(misses, *args, **kwargs)

    monkeypatch.setattr(load, "parse_many", counting)
    assert [e.data for e in load_library(root, use_cache=True).entries] == expected
    assert parsed == [1]  # the file was parsed again, nothing came from the old cache
    data = cachefile.read_sealed(cache, CACHE_FILE)
    assert read_cache(cache) and data is not None
    assert next(cachefile.records(data)) == CACHE_VERSION
