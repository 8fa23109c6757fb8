"""Multi-file writes: one writer at a time (a lock a dead process does not keep), nothing
written over a file that changed since it was read, and all or nothing across ``kill -9``.

Crashes are real: a child process writes through :func:`cskit.transaction.commit` and is
killed with SIGKILL at a chosen step; the next :func:`recover` must leave every file old or
every file new, and no temporary file.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cskit import transaction
from cskit.errors import Busy, StaleFile
from cskit.transaction import ABSENT, Change, commit, digest, recover
from cskit.writelock import locked

N = 6


def library(tmp_path: Path) -> tuple[Path, dict[Path, bytes]]:
    root = tmp_path / "lib"
    (root / "scripts").mkdir(parents=True)
    (root / "cskit.yaml").write_text("version: 1\n")
    old = {}
    for i in range(N):
        path = root / "scripts" / f"f{i}.yaml"
        path.write_bytes(f"entries: []  # old {i}\n".encode())
        old[path] = path.read_bytes()
    return root, old


def new_text(i: int) -> str:
    return f"entries: []  # new {i}\n"


def leftovers(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.name.endswith(".tmp") or p.name == "journal.json"]


def test_commit_writes_every_file_and_leaves_nothing_behind(tmp_path: Path) -> None:
    root, old = library(tmp_path)
    changes = [Change(p, new_text(i), digest(old[p])) for i, p in enumerate(old)]
    created = root / "scripts" / "new.yaml"
    changes.append(Change(created, "entries: []\n", ABSENT))
    assert set(commit(root, changes)) == {*old, created}
    assert [p.read_text() for p in old] == [new_text(i) for i in range(N)]
    assert leftovers(root) == []


def test_a_file_changed_since_it_was_read_refuses_everything(tmp_path: Path) -> None:
    root, old = library(tmp_path)
    paths = list(old)
    changes = [Change(p, new_text(i), digest(old[p])) for i, p in enumerate(paths)]
    paths[3].write_text("entries: []  # someone else's edit\n")
    with pytest.raises(StaleFile) as caught:
        commit(root, changes)
    assert str(paths[3]) in str(caught.value)
    assert [p.read_bytes() for p in paths[:3]] == [old[p] for p in paths[:3]]
    assert paths[3].read_text() == "entries: []  # someone else's edit\n"
    # a new file that appeared meanwhile is not overwritten either
    (root / "late.yaml").write_text("theirs\n")
    with pytest.raises(StaleFile):
        commit(root, [Change(root / "late.yaml", "ours\n", ABSENT)])
    assert leftovers(root) == []


def test_crlf_files_stay_crlf(tmp_path: Path) -> None:
    root, _old = library(tmp_path)
    path = root / "scripts" / "crlf.yaml"
    path.write_bytes(b"entries:\r\n  - id: a\r\n")
    commit(root, [Change(path, "entries:\n  - id: b\n")])
    assert path.read_bytes() == b"entries:\r\n  - id: b\r\n"


HOLDER = """\
import sys, time
from pathlib import Path
from cskit.writelock import locked
with locked(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(600)
"""


def test_the_lock_serialises_writers_and_dies_with_its_holder(tmp_path: Path) -> None:
    root, old = library(tmp_path)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(root)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        path = next(iter(old))
        with pytest.raises(Busy) as caught, locked(root, wait=0.3):
            pass
        assert f"pid {holder.pid}" in str(caught.value)
        holder.send_signal(signal.SIGKILL)  # a crashed writer…
        holder.wait()
        start = time.monotonic()
        commit(root, [Change(path, "entries: []\n", digest(old[path]))])  # …holds nothing
        assert time.monotonic() - start < 5
    finally:
        holder.kill()
        holder.wait()


WRITER = """\
import os, signal, sys
from pathlib import Path
from cskit import transaction as tx

root, step = Path(sys.argv[1]), sys.argv[2]
paths = sorted((root / "scripts").glob("f*.yaml"))
count = {"temp": 0, "rename": 0}
armed = []
real_journal, real_temp, real_replace, real_remove = (
    tx._write_journal, tx._write_temp, os.replace, tx._remove_journal)

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def journal(root, j):
    real_journal(root, j)
    if step == j["state"]:
        die()
    if j["state"] == "commit":
        armed.append(1)

def temp(tmp, data, target):
    real_temp(tmp, data, target)
    count["temp"] += 1
    if step == f"temp:{count['temp']}":
        die()

def replace(a, b, **kw):
    real_replace(a, b, **kw)
    if armed:
        count["rename"] += 1
        if step == f"rename:{count['rename']}":
            die()

def remove(root):
    if step == "done":
        die()
    real_remove(root)

tx._write_journal, tx._write_temp, tx._remove_journal = journal, temp, remove
os.replace = replace
changes = [tx.Change(p, f"entries: []  # new {i}\\n", tx.digest(p.read_bytes()))
           for i, p in enumerate(paths)]
tx.commit(root, changes)
print("finished")
"""

STEPS = ["prepare", "temp:1", "temp:3", f"temp:{N}", "commit", "rename:1", "rename:3", "done"]


@pytest.mark.parametrize("step", STEPS)
def test_kill_at_any_step_leaves_all_old_or_all_new(tmp_path: Path, step: str) -> None:
    root, old = library(tmp_path)
    run = subprocess.run(
        [sys.executable, "-c", WRITER, str(root), step], capture_output=True, text=True
    )
    assert run.returncode == -signal.SIGKILL, run.stderr  # really killed, at that step
    before = [p.read_bytes() == old[p] for p in sorted(old)]
    assert len(set(before)) == (2 if step.startswith("rename") else 1)  # half new: mid-way
    recover(root)
    now = [p.read_text() for p in sorted(old)]
    committed = step in ("commit", "done") or step.startswith("rename")
    expected = [new_text(i) if committed else old[p].decode() for i, p in enumerate(sorted(old))]
    assert now == expected
    assert leftovers(root) == []


def test_recovery_runs_when_a_library_is_opened(tmp_path: Path) -> None:
    from cskit.config.load import load_config

    root, old = library(tmp_path)
    subprocess.run([sys.executable, "-c", WRITER, str(root), "rename:2"], check=False)
    load_config(root / "cskit.yaml", root)
    assert [p.read_text() for p in sorted(old)] == [new_text(i) for i in range(N)]
    assert leftovers(root) == []


def test_a_journal_this_user_did_not_write_moves_nothing(tmp_path: Path) -> None:
    root, old = library(tmp_path)
    outside = tmp_path / "outside.txt"
    outside.write_text("keep\n")
    victim = next(iter(old))
    planted_tmp = victim.with_name(f".{victim.name}.cskit-abc123.tmp")
    planted_tmp.write_text("planted\n")
    body = {
        "tx": "abc123",
        "state": "commit",
        "files": [
            {"path": str(victim), "tmp": str(planted_tmp), "old": digest(old[victim]), "new": "x"}
        ],
    }
    journal = root / ".cskit_cache" / "journal.json"
    journal.parent.mkdir()
    journal.write_text(json.dumps({"seal": "0" * 64, "journal": json.dumps(body)}))
    recover(root)
    assert victim.read_bytes() == old[victim] and not journal.exists()
    # sealed with the right key but naming a file outside the library: refused too
    body["files"][0]["path"] = str(outside)
    body["files"][0]["tmp"] = str(outside.with_name(".outside.txt.cskit-abc123.tmp"))
    text = json.dumps(body, ensure_ascii=False, sort_keys=True)
    journal.write_text(json.dumps({"seal": transaction._seal(text.encode()), "journal": text}))
    Path(body["files"][0]["tmp"]).write_text("planted\n")
    recover(root)
    assert outside.read_text() == "keep\n" and not journal.exists()


def test_output_written_outside_the_library_is_still_atomic(tmp_path: Path) -> None:
    root, _old = library(tmp_path)
    elsewhere = tmp_path / "baseline.json"
    commit(root, [Change(elsewhere, "{}\n")])
    assert elsewhere.read_text() == "{}\n" and leftovers(tmp_path) == []
