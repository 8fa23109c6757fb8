"""Parsing many files: the forked child's share, and work done meanwhile."""

from __future__ import annotations

import os
import pickle

import pytest

from cskit import parallel
from cskit.library.parsecache import parse_bytes, parse_many


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
