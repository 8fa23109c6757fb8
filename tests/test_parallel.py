"""The second core must change nothing but the time."""

from __future__ import annotations

import os
import sys

import pytest

from cskit import parallel
from cskit.library.load import load_library
from cskit.lint.engine import lint
from tests.conftest import AS_OF, ROOT


def test_child_works_without_the_cyclic_collector_and_leaves_ours_alone():
    import gc

    assert parallel.in_child(gc.isenabled)() is False
    assert gc.isenabled()


@pytest.mark.parametrize("n", [0, 1, 100, 10_000])
def test_tickets_are_each_taken_once_by_one_of_the_two_processes(n: int) -> None:
    tickets = parallel.tickets(n)
    assert tickets is not None

    def take_all() -> list[int]:
        taken = []
        while (i := tickets.take()) is not None:
            taken.append(i)
        return taken

    join = parallel.in_child(take_all)
    mine = take_all()
    theirs = join()
    tickets.close()
    assert sorted(mine + theirs) == list(range(n))
    assert mine == sorted(mine) and theirs == sorted(theirs)  # each side in file order


def test_child_result_and_failure():
    assert parallel.in_child(lambda: {"x": [1, 2]})() == {"x": [1, 2]}

    def boom() -> None:
        raise ValueError("in the child")

    with pytest.raises(RuntimeError, match="ValueError: in the child"):
        parallel.in_child(boom)()


def test_jobs_setting(monkeypatch):
    monkeypatch.setenv("CSKIT_JOBS", "1")
    assert parallel.jobs() == 1 and not parallel.worth_it(10**6)
    monkeypatch.setenv("CSKIT_JOBS", "2")
    assert parallel.jobs() == 2 and parallel.worth_it(parallel.MIN_ENTRIES)
    assert not parallel.worth_it(parallel.MIN_ENTRIES - 1)


def test_two_processes_give_the_same_findings(tmp_path, monkeypatch):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from genlib import generate

    generate(tmp_path / "gen", 2500, files=10)
    runs = {}
    for jobs in ("1", "2"):
        monkeypatch.setenv("CSKIT_JOBS", jobs)
        library = load_library(tmp_path / "gen", use_cache=False)
        result = lint(library, as_of=AS_OF)
        runs[jobs] = [
            (f.code, f.file, f.line, f.column, f.entry_id, f.message_zh, f.entry is not None)
            for f in result.findings
        ]
    assert runs["1"] == runs["2"]
    assert len(runs["2"]) > 100  # the generated library has planted problems
    assert os.environ["CSKIT_JOBS"] == "2"


def test_the_child_checks_some_files_and_the_cache_gets_them(tmp_path, monkeypatch):
    from cskit.lint.plan import plan as make_plan
    from cskit.lint.selection import select_rules
    from cskit.rules.base import Context

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from genlib import generate

    generate(tmp_path / "gen", 2500, files=10)
    monkeypatch.setenv("CSKIT_JOBS", "2")
    library = load_library(tmp_path / "gen", use_cache=False)
    rules = select_rules(library.config)
    plan = make_plan(
        [r for r in rules if r.scope == "library"], True, Context(library, AS_OF), None
    )
    assert plan.shared  # both sides take files for the entry rules
    assert plan.here and plan.there

    def findings(cache: bool) -> list[tuple[object, ...]]:
        lib = load_library(tmp_path / "gen", use_cache=cache)
        return [
            (f.code, f.file, f.line, f.entry_id, f.message_zh, f.entry is not None)
            for f in lint(lib, as_of=AS_OF, cache=cache).findings
        ]

    assert findings(False) == findings(True)
    from cskit.lint.cache import LintCache

    store = LintCache.open(load_library(tmp_path / "gen"), rules, AS_OF)
    assert all(store.file_findings(s) is not None for s in library.files)  # both halves
    first = library.files[0].path
    first.write_text(first.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    monkeypatch.setenv("CSKIT_JOBS", "1")
    # one file changed: the others' entry findings come from what both processes cached
    assert findings(True) == findings(False)


def test_the_d_search_leaves_the_childs_core_alone(tmp_path, monkeypatch):
    """In a two-process run the duplicate search starts one thread fewer than the machine
    has cores (the child keeps one busy); alone it may use them all."""
    import cskit.dupes.finder

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from genlib import generate

    generate(tmp_path / "gen", 2500, files=10)
    log = tmp_path / "workers.log"  # the D rules may run in the forked child
    real = cskit.dupes.finder.find_dupes

    def spy(library, settings=None, changed=None, **kw):  # type: ignore[no-untyped-def]
        with log.open("a") as fh:
            fh.write(f"{settings.workers}\n")
        return real(library, settings, changed, **kw)

    monkeypatch.setattr(cskit.dupes.finder, "find_dupes", spy)
    library = load_library(tmp_path / "gen", use_cache=False)
    monkeypatch.setenv("CSKIT_JOBS", "2")
    lint(library, as_of=AS_OF, select=["D"])  # D alone: no child, every core
    lint(library, as_of=AS_OF)  # D here, the other families in the child
    seen = [int(n) for n in log.read_text().split()]
    assert seen == [-1, max(1, (os.cpu_count() or 2) - 1)]


def test_config_samples_are_checked_once_in_a_two_process_run(tmp_path, monkeypatch):
    """P001/P002 read entry texts and inline samples as entry rules (in whichever process
    takes the file) and cskit.yaml's samples once, in the main process."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from genlib import generate

    generate(tmp_path / "gen", 2500, files=10)
    config = tmp_path / "gen" / "cskit.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("customer: {nick: 张**}", "customer: {nick: 张**, phone: '13812345678'}"),
        encoding="utf-8",
    )
    runs = {}
    for jobs in ("1", "2"):
        monkeypatch.setenv("CSKIT_JOBS", jobs)
        found = lint(load_library(tmp_path / "gen", use_cache=False), as_of=AS_OF).findings
        runs[jobs] = [(f.code, f.file, f.line) for f in found if f.code == "P001"]
    on_config = [r for r in runs["2"] if r[1].endswith("cskit.yaml")]
    assert len(on_config) == 1
    assert runs["1"] == runs["2"]


def test_word_packs_are_compiled_once_before_the_fork(tmp_path, monkeypatch):
    import cskit.rules.wording.packrule

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from genlib import generate

    generate(tmp_path / "gen", 2500, files=10)
    log = tmp_path / "calls.log"  # written by whichever process compiles them
    real = cskit.rules.wording.packrule.pack_index

    def counted(packs):  # type: ignore[no-untyped-def]
        with log.open("a") as fh:
            fh.write(f"{os.getpid()}\n")
        return real(packs)

    monkeypatch.setattr(cskit.rules.wording.packrule, "pack_index", counted)
    monkeypatch.setenv("CSKIT_JOBS", "2")
    lint(load_library(tmp_path / "gen", use_cache=False), as_of=AS_OF)
    assert log.read_text().split() == [str(os.getpid())]


def test_outbox_hands_over_results_while_this_side_is_busy():
    """Results far larger than a pipe holds, sent while this process does something else,
    arrive whole; what has arrived can be taken without waiting, the rest at the end."""
    import time

    box = parallel.Outbox()
    blobs = {n: bytes([n % 251]) * (n * 7919) for n in range(60)}  # up to ~470 KB each

    def send_all() -> None:
        try:
            for n, blob in blobs.items():
                box.send(n, blob)
        finally:
            box.close_sender()

    join = parallel.in_child(send_all)
    box.opened()
    time.sleep(0.3)  # busy here: the child must not stall on a full pipe
    early = box.received()
    rest = box.received(wait=True)
    join()
    box.close()
    got = dict(early + rest)
    assert got == blobs
    assert early  # some were there already, taken without waiting


def test_outbox_ends_when_the_child_dies_and_join_says_why():
    box = parallel.Outbox()

    def fail_half_way() -> None:
        try:
            box.send(0, b"one")
            raise ValueError("parser crashed")
        finally:
            box.close_sender()

    join = parallel.in_child(fail_half_way)
    box.opened()
    assert box.received(wait=True) == [(0, b"one")]
    with pytest.raises(RuntimeError, match="parser crashed"):
        join()
    box.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="F_SETPIPE_SZ is Linux's")
def test_tickets_that_a_small_pipe_cannot_hold_mean_one_process(monkeypatch):
    """Over the user's pipe-memory limit Linux gives new pipes one page: tickets() must say
    so instead of blocking on a write nobody reads."""
    import fcntl

    real = os.pipe

    def one_page():  # type: ignore[no-untyped-def]
        r, w = real()
        fcntl.fcntl(w, 1031, 4096)  # F_SETPIPE_SZ
        return r, w

    monkeypatch.setattr(parallel.os, "pipe", one_page)
    assert parallel.tickets(1024) is not None  # one page of 4-byte records
    big = parallel.tickets(5000)  # consecutive numbers share a ticket: still one page
    assert big is not None and big.per == 5
    big.close()
    monkeypatch.setattr(parallel.Tickets, "PAGE", 8192)  # more than the pipe holds
    assert parallel.tickets(5000) is None


def test_parse_and_lint_fall_back_to_one_process_without_tickets(tmp_path, monkeypatch):
    from cskit.library.parsecache import parse_bytes, parse_many

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from genlib import generate

    generate(tmp_path / "gen", 2500, files=10)
    monkeypatch.setenv("CSKIT_JOBS", "2")
    expected = [
        (f.code, f.file, f.line)
        for f in lint(load_library(tmp_path / "gen", use_cache=False), as_of=AS_OF).findings
    ]
    forks: list[int] = []
    real_fork = os.fork
    monkeypatch.setattr(parallel.os, "fork", lambda: forks.append(1) or real_fork())
    monkeypatch.setattr(parallel, "tickets", lambda n: None)
    found = lint(load_library(tmp_path / "gen", use_cache=False), as_of=AS_OF).findings
    assert [(f.code, f.file, f.line) for f in found] == expected
    files = [(i, f"f{i}", b"entries:\n" + b"  - id: x\n    answer: hi\n" * 9000) for i in range(10)]
    assert [p for _item, p in parse_many(files)] == [parse_bytes(b) for _i, _k, b in files]
    assert forks == []  # neither forked


def test_a_failing_child_leaves_no_descriptor_behind(monkeypatch):
    from cskit.library import parsecache

    monkeypatch.setenv("CSKIT_JOBS", "2")
    parent = os.getpid()
    real = parsecache.parse_bytes

    def fails_in_child(blob):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            raise ValueError("child bug")
        return real(blob)

    monkeypatch.setattr(parsecache, "parse_bytes", fails_in_child)
    files = [(i, str(i), b"- id: x\n" + b"#" * 200_000) for i in range(10)]
    before = sorted(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else None
    with pytest.raises(RuntimeError, match="child bug"):
        parsecache.parse_many(files)
    if before is not None:
        assert sorted(os.listdir("/proc/self/fd")) == before


def test_outbox_sender_never_waits_for_a_busy_reader(tmp_path):
    """Thousands of announcements (more than a pipe holds) while this side sleeps: the
    child gets through all its sends before anything is read."""
    import time

    box = parallel.Outbox()
    marker = tmp_path / "sent"

    def send_many() -> None:
        try:
            for n in range(20_000):
                box.send(n, b"x")
            marker.write_text("done")
        finally:
            box.close_sender()

    join = parallel.in_child(send_many)
    box.opened()
    for _ in range(100):
        if marker.exists():
            break
        time.sleep(0.05)
    sent_unread = marker.exists()
    got = box.received(wait=True)  # (also frees a child stuck on a full pipe)
    join()
    box.close()
    assert sent_unread  # all sent while nothing was read
    assert sorted(n for n, _ in got) == list(range(20_000))
