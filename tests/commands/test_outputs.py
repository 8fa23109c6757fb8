"""Output paths: ``--output``, ``baseline write``, ``import --annotate``, ``export`` and
``render --out`` write regular files only, atomically, never over a FIFO, a device node,
through a symlink, into a missing folder, or over the library, cskit.yaml or the input
workbook. Each refusal is one ``error:`` line, exit 2, and the target is untouched."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

CSKIT = Path(sys.executable).parent / "cskit"


def special_targets(tmp_path: Path) -> dict[str, Path]:
    """A FIFO, a symlink to a file, a device node, a folder, a path in a missing folder."""
    out = tmp_path / "targets"
    out.mkdir(parents=True)
    os.mkfifo(out / "fifo")
    (out / "victim.txt").write_text("keep me\n")
    (out / "link").symlink_to(out / "victim.txt")
    (out / "folder").mkdir()
    targets = {
        "fifo": out / "fifo",
        "symlink": out / "link",
        "folder": out / "folder",
        "missing folder": out / "nowhere" / "report.txt",
    }
    try:  # a character device of our own (the null device's numbers), never /dev/null itself
        os.mknod(out / "device", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        targets["device"] = out / "device"
    except PermissionError:  # not root: the real device, which cskit cannot replace anyway
        targets["device"] = Path("/dev/null")
    return targets


def kind(path: Path) -> str:
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return "absent"
    for name, test in (
        ("fifo", stat.S_ISFIFO),
        ("link", stat.S_ISLNK),
        ("char", stat.S_ISCHR),
        ("dir", stat.S_ISDIR),
    ):
        if test(st.st_mode):
            return name
    return f"file:{path.read_bytes()!r}"


def refused(result: object) -> None:
    code = result.exit_code  # type: ignore[attr-defined]
    err = result.stderr  # type: ignore[attr-defined]
    assert code == 2, err
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err


@pytest.fixture
def lib(sample_library: Path) -> Path:
    return sample_library


def commands(lib: Path, book: Path) -> dict[str, Callable[[Path], list[str | Path]]]:
    return {
        "lint --output": lambda t: ["lint", "--library", lib, "--as-of", "2026-11-22", "-o", t],
        "dupes --output": lambda t: ["dupes", "--library", lib, "-o", t],
        "baseline write": lambda t: ["baseline", "write", t, "--library", lib],
        "import --annotate": lambda t: ["import", book, "--library", lib, "-n", "--annotate", t],
        "import --output": lambda t: ["import", book, "--library", lib, "-n", "-o", t],
    }


def test_special_files_are_never_replaced(lib: Path, tmp_path: Path, cli: Callable) -> None:
    book = tmp_path / "book.xlsx"
    assert cli("export", book, "--library", lib).exit_code == 0
    for name, make in commands(lib, book).items():
        targets = special_targets(tmp_path / name.replace(" ", "_"))
        for what, target in targets.items():
            before = kind(target)
            refused(cli(*make(target)))
            assert kind(target) == before, (name, what)
        assert (targets["symlink"].parent / "victim.txt").read_text() == "keep me\n"


def test_library_files_config_and_input_are_never_overwritten(
    lib: Path, tmp_path: Path, cli: Callable
) -> None:
    book = tmp_path / "book.xlsx"
    assert cli("export", book, "--library", lib).exit_code == 0
    template = next((lib.parent / "templates").glob("*.j2"))
    protected = {
        "entry file": lib / "scripts" / "order.yaml",
        "cskit.yaml": lib / "cskit.yaml",
        "new yaml in the library": lib / "scripts" / "report.yaml",
        "template": template,
        "input workbook": book,
    }
    for name, make in commands(lib, book).items():
        for what, target in protected.items():
            if what == "input workbook" and not name.startswith("import"):
                continue  # only import reads it
            before = kind(target)
            result = cli(*make(target))
            assert result.exit_code == 2, (name, what)
            refused(result)
            assert kind(target) == before, (name, what)
    # export: over an entry file through another name (a hard link) or cskit.yaml
    alias = tmp_path / "alias.xlsx"
    os.link(lib / "scripts" / "order.yaml", alias)
    before = kind(alias)
    refused(cli("export", alias, "--library", lib))
    assert kind(alias) == before


def test_render_out_refuses_the_batch_input_and_special_files(
    lib: Path, tmp_path: Path, cli: Callable
) -> None:
    batch = tmp_path / "orders.csv"
    batch.write_text("order.id,order.amount,order.status,agent.name,shop.name\n1,9.9,paid,a,b\n")
    target = "logistics-where-is-parcel"
    base = ["render", target, "--library", lib, "--batch", batch, "--out"]
    refused(cli(*base, tmp_path / "nowhere" / "out.csv"))
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    refused(cli(*base, fifo))
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_good_output_is_written_atomically(lib: Path, tmp_path: Path, cli: Callable) -> None:
    out = tmp_path / "report.txt"
    out.write_text("old report\n")
    out.chmod(0o640)
    result = cli("lint", "--library", lib, "--as-of", "2026-11-22", "-o", out)
    assert result.exit_code in (0, 1) and result.stdout == ""
    assert out.read_text() != "old report\n" and stat.S_IMODE(out.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_refused_before_the_library_is_written(lib: Path, tmp_path: Path) -> None:
    """A bad --annotate must not leave an import half done: checked before writing."""
    book = tmp_path / "book.xlsx"
    subprocess.run([CSKIT, "export", book, "--library", lib], check=True, capture_output=True)
    import openpyxl

    wb = openpyxl.load_workbook(book)
    ws = wb["话术库"]
    ws.cell(2, 3).value = "导入前不应写入的标题"
    wb.save(book)
    before = {p: p.read_bytes() for p in lib.rglob("*.yaml")}
    run = subprocess.run(
        [CSKIT, "import", book, "--library", lib, "--annotate", tmp_path / "no" / "a.xlsx"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert {p: p.read_bytes() for p in lib.rglob("*.yaml")} == before
