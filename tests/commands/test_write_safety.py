"""``cskit import`` on a generated library of a few thousand entries, as a real process:
killed with SIGKILL at several moments, and run twice at the same time.

After a kill, the next cskit command must leave every entry file as it was or every entry
file as the uninterrupted import writes it, and no temporary file. Two imports at once must
never lose an edit: each either writes all of its edits or refuses and writes none.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import ROOT
from tests.excel.util import edit

CSKIT = Path(sys.executable).parent / "cskit"
ENTRIES, FILES = 2000, 20
AS_OF = "2026-11-22"

# Runs the real command line with a SIGKILL at one step of the write (the crash is real;
# only its moment is chosen), or at none.
KILLER = """\
import os, signal, sys
from cskit import transaction as tx
step = os.environ.get("KILL_AT", "")
count = {"temp": 0, "rename": 0}
armed = []
real_journal, real_temp, real_remove, real_replace = (
    tx._write_journal, tx._write_temp, tx._remove_journal, os.replace)
def die():
    os.kill(os.getpid(), signal.SIGKILL)
def journal(root, j):
    real_journal(root, j)
    if step == j["state"]:
        die()
    if j["state"] == "commit":
        armed.append(len(j["files"]))
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
from cskit.cli import main
sys.argv = ["cskit", *sys.argv[1:]]
main()
"""


def files_of(lib: Path) -> dict[str, bytes]:
    return {str(p.relative_to(lib)): p.read_bytes() for p in sorted(lib.rglob("*.yaml"))}


def leftovers(lib: Path) -> list[str]:
    return [str(p) for p in lib.rglob("*") if p.name.endswith(".tmp") or p.name == "journal.json"]


def ids_by_file(book: Path) -> dict[str, list[str]]:
    """Row ids of the exported sheet, grouped by the file (export order = file order)."""
    ws = openpyxl.load_workbook(book, read_only=True)["话术库"]
    ids = [row[0] for row in ws.iter_rows(min_row=2, max_col=1, values_only=True) if row[0]]
    per = ENTRIES // FILES
    return {f"part-{i:03d}": ids[i * per : (i + 1) * per] for i in range(FILES)}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from genlib import generate

    base = tmp_path_factory.mktemp("write-safety")
    lib = base / "lib"
    generate(lib, ENTRIES, files=FILES)
    book = base / "book.xlsx"
    subprocess.run([str(CSKIT), "export", str(book), "--library", str(lib)], check=True)
    groups = ids_by_file(book)
    # A: 6 titles in every file (120); B: 3 other titles in the same files (60)
    a = {rid: {"title": f"甲改的标题{rid}"} for ids in groups.values() for rid in ids[:6]}
    b = {rid: {"title": f"乙改的标题{rid}"} for ids in groups.values() for rid in ids[6:9]}
    edit(book, base / "a.xlsx", a)
    edit(book, base / "b.xlsx", b)
    reference = base / "reference"
    shutil.copytree(lib, reference)
    start = time.monotonic()
    done = import_(reference, base / "a.xlsx")
    took = time.monotonic() - start
    assert done.returncode == 0 and "已写入" in done.stdout, done.stdout + done.stderr
    old, new = files_of(lib), files_of(reference)
    assert sum(old[k] != new[k] for k in old) == FILES  # the import writes every file
    return {"base": base, "lib": lib, "old": old, "new": new, "took": took, "a": a, "b": b}


def import_(
    lib: Path, book: Path, kill_at: str = "", wait: bool = True
) -> subprocess.CompletedProcess[str] | subprocess.Popen[str]:
    args = [sys.executable, "-c", KILLER, "import", str(book), "--library", str(lib)]
    args += ["--as-of", AS_OF]
    env = {**os.environ, "KILL_AT": kill_at}
    if not wait:
        return subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=600)


def next_command(lib: Path) -> subprocess.CompletedProcess[str]:
    """Any command that opens the library; here, rendering one entry."""
    return subprocess.run(
        [str(CSKIT), "render", "e000000", "--sample", "shipped", "--library", str(lib)],
        capture_output=True,
        text=True,
        timeout=600,
    )


MOMENTS = ["prepare", "temp:10", "commit", "rename:10", "done"]


@pytest.mark.slow
def test_kill_9_during_a_real_import_leaves_all_old_or_all_new(
    world: dict[str, object], tmp_path: Path
) -> None:
    base, old, new = Path(str(world["base"])), world["old"], world["new"]
    took = float(str(world["took"]))
    outcomes = []
    # chosen steps of the write, then kills at moments of the run chosen by the clock
    runs: list[tuple[str, float | None]] = [(m, None) for m in MOMENTS]
    runs += [("", took * f) for f in (0.5, 0.95)]
    for i, (step, after) in enumerate(runs):
        lib = tmp_path / f"lib{i}"
        shutil.copytree(Path(str(world["lib"])), lib, ignore=shutil.ignore_patterns(".cskit*"))
        if after is None:
            run = import_(lib, base / "a.xlsx", kill_at=step)
            assert isinstance(run, subprocess.CompletedProcess)
            assert run.returncode == -signal.SIGKILL, (step, run.stdout, run.stderr)
        else:
            proc = import_(lib, base / "a.xlsx", wait=False)
            assert isinstance(proc, subprocess.Popen)
            time.sleep(after)
            proc.send_signal(signal.SIGKILL)
            proc.communicate()
        after_next = next_command(lib)
        assert after_next.returncode == 0, after_next.stderr
        now = files_of(lib)
        assert now in (old, new), f"{step or after}: some files old, some new"
        assert leftovers(lib) == [], step
        outcomes.append("new" if now == new else "old")
    committed = ["commit", "rename:10", "done"]
    assert outcomes[: len(MOMENTS)] == ["new" if m in committed else "old" for m in MOMENTS]


@pytest.mark.slow
def test_two_imports_at_once_lose_no_edit(world: dict[str, object], tmp_path: Path) -> None:
    base = Path(str(world["base"]))
    edits: dict[str, dict[str, dict[str, str]]] = {"a": world["a"], "b": world["b"]}  # type: ignore[dict-item]
    lib = tmp_path / "lib"
    shutil.copytree(Path(str(world["lib"])), lib, ignore=shutil.ignore_patterns(".cskit*"))
    procs = {name: import_(lib, base / f"{name}.xlsx", wait=False) for name in edits}
    results = {}
    for name, proc in procs.items():
        assert isinstance(proc, subprocess.Popen)
        out, err = proc.communicate(timeout=600)
        results[name] = (proc.returncode, out.decode(), err.decode())
    library_text = b"".join(files_of(lib).values()).decode()

    def applied(name: str) -> int:
        return sum(fields["title"] in library_text for fields in edits[name].values())

    assert any(code == 0 for code, _out, _err in results.values()), results
    for name, (code, out, err) in results.items():
        if code == 0:
            assert applied(name) == len(edits[name]), (name, out)  # every edit, none lost
        else:  # refused as a whole, with one clear line, nothing of it written
            assert code == 2 and applied(name) == 0, (name, out, err)
            assert err.count("error:") == 1 and "Traceback" not in err
            assert "读取之后被改动过" in err or "正在写入" in err
    for name, (code, _out, _err) in results.items():
        if code != 0:  # the refused one, run again, goes through
            again = import_(lib, base / f"{name}.xlsx")
            assert isinstance(again, subprocess.CompletedProcess)
            assert again.returncode == 0, again.stdout + again.stderr
            library_text = b"".join(files_of(lib).values()).decode()
    assert applied("a") == 120 and applied("b") == 60
    assert leftovers(lib) == []


FIXABLE = """\
entries:
  - id: {name}-a
    title: 排版
    category: general
    stage: greet
    owner: 客服一组
    reviewed: 2026-11-01
    answer: 您好,订单已经发出啦!!满９９元包邮
"""


@pytest.mark.parametrize("step", ["temp:2", "commit", "rename:1", "rename:2", "done"])
def test_kill_9_during_lint_fix_leaves_all_old_or_all_new(
    make_library, tmp_path: Path, step: str
) -> None:
    names = ["a", "b", "c", "d"]
    root = make_library({f"scripts/{n}.yaml": FIXABLE.format(name=n) for n in names})
    old = files_of(root)
    args = [sys.executable, "-c", KILLER, "lint", "--library", str(root), "--fix"]
    args += ["--select", "Z", "--as-of", AS_OF, "--no-cache"]
    run = subprocess.run(args, env={**os.environ, "KILL_AT": step}, capture_output=True, text=True)
    assert run.returncode == -signal.SIGKILL, run.stderr
    subprocess.run([str(CSKIT), "stale", "--library", str(root)], capture_output=True, check=False)
    now = files_of(root)
    fixed = {k: v for k, v in now.items() if v != old[k]}
    assert len(fixed) in (0, len(names)), f"{step}: {sorted(fixed)} fixed, the rest not"
    assert bool(fixed) == (step in ("commit", "rename:1", "rename:2", "done"))
    assert leftovers(root) == []
