"""Hostile and unlucky input through the real ``cskit`` executable: each case ends in one
located error line (exit 2) or a finding, in bounded time, and never in a traceback."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import CONFIG, GOOD_ENTRY, ROOT, entry_file

CSKIT = Path(sys.executable).parent / "cskit"


def run(*args: str | Path, timeout: float = 120, user: str | None = None) -> tuple[int, str, str]:
    cmd = [str(CSKIT), *map(str, args)]
    if user is not None:
        cmd = ["setpriv", f"--reuid={user}", "--regid=nogroup", "--clear-groups", *cmd]
    start = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    took = time.monotonic() - start
    assert "Traceback" not in proc.stderr, proc.stderr
    assert took < timeout, f"{args}: {took:.0f} s"
    return proc.returncode, proc.stdout, proc.stderr


def one_error_line(err: str) -> None:
    assert err.startswith(("错误：", "error: ")) and err.count("\n") == 1, err


def lint(root: Path) -> tuple[int, str, str]:
    return run("lint", "--library", root, "--as-of", "2026-11-22", "--no-cache")


def entry_with(**fields: str) -> str:
    text = GOOD_ENTRY
    for key, value in fields.items():
        text += f"{key}: {value}\n"
    return text


# --- YAML: entries and cskit.yaml ----------------------------------------------------------------

ENTRY_CASES = {
    "recursive alias": "entries:\n  - &a [1, *a]\n",
    "deep nesting": "entries:\n  - " + "[" * 900 + "]" * 900 + "\n",
    "5,000-digit hex int": entry_file(entry_with(notes="0x" + "f" * 5000)),
    "huge duration": entry_file(entry_with(review_every="999999999999d")),
    "reviewed 9999-12-31": entry_file(GOOD_ENTRY.replace("2026-11-01", "9999-12-31")),
}


@pytest.mark.parametrize("case", list(ENTRY_CASES))
def test_bad_entry_files_are_findings(make_library, case: str) -> None:
    root = make_library({"scripts/a.yaml": ENTRY_CASES[case]})
    code, out, _err = lint(root)
    assert code == 1 and ("E001" in out or "E005" in out), out
    code, _out, _err = run("stale", "--library", root, "--as-of", "2026-11-22")
    assert code in (0, 1)


CONFIG_CASES = {
    "recursive alias": CONFIG + "extra: &a [1, *a]\n",
    "5,000-digit int": CONFIG.replace("version: 1", "version: 0x" + "f" * 5000),
    "huge duration": CONFIG.replace("policy: 30d", "policy: 999999999999d"),
}


@pytest.mark.parametrize("case", list(CONFIG_CASES))
def test_bad_config_is_one_located_error(make_library, case: str) -> None:
    root = make_library({"scripts/a.yaml": entry_file(GOOD_ENTRY)}, CONFIG_CASES[case])
    for command in ("lint", "stale", "dupes"):
        code, _out, err = run(command, "--library", root)
        assert code == 2 and "cskit.yaml:" in err
        one_error_line(err)


def test_special_files_in_the_library(make_library, tmp_path: Path) -> None:
    root = make_library({"scripts/a.yaml": entry_file(GOOD_ENTRY)})
    scripts = root / "scripts"
    (scripts / "loop.yaml").symlink_to(scripts / "loop.yaml")
    (scripts / "zero.yaml").symlink_to("/dev/zero")
    os.mkfifo(scripts / "x.yaml")
    big = scripts / "big.yaml"
    with big.open("w", encoding="utf-8") as fh:  # 50 MB of plausible entries
        fh.write("entries:\n")
        chunk = "".join(
            f"  - id: big-{i:06d}\n    title: 标题\n    answer: {'您好' * 200}\n"
            for i in range(2000)
        )
        while fh.tell() < 50_000_000:
            fh.write(chunk)
    for _ in range(2):  # cold, then with the caches in place
        code, out, _err = lint(root)
        assert code == 1
        for name in ("loop.yaml", "zero.yaml", "x.yaml", "big.yaml"):
            line = next(ln for ln in out.splitlines() if name in ln)
            assert "E001" in line
        assert "符号链接循环" in out and "不是普通文件" in out and "超过 16 MiB" in out
    _code, out, _err = run("lint", "--library", root, "--as-of", "2026-11-22", "--lang", "en")
    assert "symbolic link loop" in out and "not a regular file" in out and "MiB" in out


def test_many_entries_sharing_one_id_finish_quickly(make_library) -> None:
    entries = [
        GOOD_ENTRY.replace("首次问候", f"问候{i}").replace("请问有什么", f"第{i}号，请问有什么")
        for i in range(2000)
    ]
    root = make_library({"scripts/a.yaml": entry_file(*entries)})
    code, out, _err = run("lint", "--library", root, "--select", "E007", "--format", "json")
    assert code == 1 and out.count('"E007"') == 1999
    assert len(out) < 20_000_000  # related lists are capped: not 4 million records


def test_an_unreadable_folder_is_exit_2_not_zero_files(make_library, tmp_path: Path) -> None:
    base = Path(os.environ.get("TMPDIR", "/tmp")) / f"cskit-unreadable-{os.getpid()}"
    shutil.rmtree(base, ignore_errors=True)
    root = base / "lib"
    shutil.copytree(make_library({"scripts/a.yaml": entry_file(GOOD_ENTRY)}), root)
    try:
        os.chmod(base, 0o755)
        for folder in [root, *[p for p in root.rglob("*") if p.is_dir()]]:
            os.chmod(folder, 0o755)
        for file in root.rglob("*.yaml"):
            os.chmod(file, 0o644)
        os.chmod(root / "scripts", 0o000)
        user = "nobody" if os.geteuid() == 0 else None  # root reads everything
        code, _out, err = run("lint", "--library", root, "--no-cache", user=user)
        assert code == 2 and "scripts" in err, err
        one_error_line(err)
    finally:
        os.chmod(root / "scripts", 0o755)
        shutil.rmtree(base, ignore_errors=True)


# --- workbooks ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("intake")
    lib = base / "repo" / "library"
    shutil.copytree(ROOT / "library", lib, ignore=shutil.ignore_patterns(".*"))
    book = base / "book.xlsx"
    subprocess.run([CSKIT, "export", book, "--library", lib], check=True, capture_output=True)
    return lib, book


def rewrite(src: Path, dst: Path, change, compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", compression) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, change(info.filename, zin.read(info.filename)))
    return dst


def with_shared_strings(src: Path, dst: Path, index: str) -> Path:
    """The export with the title cell of row 3 (column D, 标题) as a shared-string reference."""
    import re

    def change(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            return re.sub(
                rb'<c r="D3" ([^>]*)t="inlineStr"([^>]*)><is><t>[^<]*</t></is></c>',
                rb'<c r="D3" \1t="s"\2><v>' + index.encode() + rb"</v></c>",
                data,
                count=1,
            )
        if name == "[Content_Types].xml":
            return data.replace(
                b"</Types>",
                b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
            )
        return data

    rewrite(src, dst, change)
    with zipfile.ZipFile(dst, "a") as z:
        z.writestr(
            "xl/sharedStrings.xml",
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" '
            'uniqueCount="2"><si><t>第一个</t></si><si><t>最后一个</t></si></sst>',
        )
    return dst


def patch_central(src: Path, dst: Path, member: bytes, offset: int, value: int) -> Path:
    """Change one field of ``member``'s central directory record (and local header)."""
    data = bytearray(src.read_bytes())
    i = 0
    while (i := data.find(b"PK\x01\x02", i)) >= 0:
        size = struct.unpack_from("<H", data, i + 28)[0]
        if bytes(data[i + 46 : i + 46 + size]) == member:
            struct.pack_into("<I" if offset != 10 else "<H", data, i + offset, value)
            if offset == 10:  # the compression method is in the local header too
                local = struct.unpack_from("<I", data, i + 42)[0]
                struct.pack_into("<H", data, local + 8, value)
        i += 4
    dst.write_bytes(bytes(data))
    return dst


def huge_sheet(src: Path, dst: Path) -> Path:
    def rows() -> bytes:
        body = b"".join(
            b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>' % (r, r)
            for r in range(2, 1_048_577)
        )
        return body

    def change(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            return data.replace(b"</sheetData>", rows() + b"</sheetData>")
        return data

    return rewrite(src, dst, change)


def intake_cases(book: Path, tmp: Path) -> dict[str, Path]:
    sheet = b"xl/worksheets/sheet1.xml"
    cases = {
        "bad CRC": patch_central(book, tmp / "crc.xlsx", sheet, 16, 0x12345678),
        "understated size": patch_central(book, tmp / "size.xlsx", sheet, 24, 1000),
        "unsupported method": patch_central(book, tmp / "method.xlsx", sheet, 10, 99),
        "LZMA": rewrite(book, tmp / "lzma.xlsx", lambda n, d: d, zipfile.ZIP_LZMA),
        "row r=abc": rewrite(
            book,
            tmp / "row.xlsx",
            lambda n, d: (
                d.replace(b'<row r="3"', b'<row r="abc"', 1) if n.endswith("sheet1.xml") else d
            ),
        ),
        "shared string -1": with_shared_strings(book, tmp / "neg.xlsx", "-1"),
        "shared string past the end": with_shared_strings(book, tmp / "past.xlsx", "7"),
        "1,048,576 rows": huge_sheet(book, tmp / "huge.xlsx"),
    }
    fifo = tmp / "fifo.xlsx"
    os.mkfifo(fifo)
    cases["FIFO"] = fifo
    return cases


@pytest.mark.slow
def test_workbook_intake_refuses_damage_with_one_line(workbook, tmp_path: Path) -> None:
    lib, book = workbook
    for case, path in intake_cases(book, tmp_path).items():
        code, _out, err = run("import", path, "--library", lib, "--dry-run", timeout=60)
        assert code == 2, (case, err)
        one_error_line(err)
    # the control: the same edit through a valid shared string goes through
    ok = with_shared_strings(book, tmp_path / "ok.xlsx", "0")
    code, out, _err = run("import", ok, "--library", lib, "--dry-run")
    assert code == 0 and "更新 1" in out


def test_a_nan_number_cell_is_a_cell_problem(workbook, tmp_path: Path) -> None:
    import re

    lib, book = workbook

    def change(name: str, data: bytes) -> bytes:
        if name != "xl/worksheets/sheet1.xml":
            return data
        return re.sub(rb'<c r="C3"[^>]*>.*?</c>', b'<c r="C3"><v>NaN</v></c>', data, count=1)

    nan = rewrite(book, tmp_path / "nan.xlsx", change)
    code, out, _err = run("import", nan, "--library", lib, "--dry-run")
    assert code == 1 and "C3" in out


@pytest.mark.slow
def test_random_byte_flips_never_crash(workbook, tmp_path: Path) -> None:
    import random

    lib, book = workbook
    data = book.read_bytes()
    rng = random.Random(14)
    for i in range(25):
        flipped = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            flipped[rng.randrange(len(flipped))] ^= 1 << rng.randrange(8)
        path = tmp_path / f"flip{i}.xlsx"
        path.write_bytes(bytes(flipped))
        code, _out, err = run("import", path, "--library", lib, "--dry-run", timeout=60)
        assert code in (0, 1, 2), err
        if code == 2:
            one_error_line(err)


def test_annotate_into_a_missing_folder(workbook, tmp_path: Path) -> None:
    lib, book = workbook
    code, _out, err = run(
        "import", book, "--library", lib, "--dry-run", "--annotate", tmp_path / "no" / "a.xlsx"
    )
    assert code == 2 and "no" in err
    assert "先建好这个文件夹" in err  # the hint fits: create the folder
    one_error_line(err)


def test_import_cells_with_huge_durations_and_dates_are_refused(workbook, tmp_path: Path) -> None:
    lib, book = workbook
    wb = openpyxl.load_workbook(book)
    ws = wb["话术库"]
    headers = {str(ws.cell(1, c).value): c for c in range(1, ws.max_column + 1)}
    every = next(c for h, c in headers.items() if h.startswith("审核周期"))
    reviewed = next(c for h, c in headers.items() if h.startswith("审核日期"))
    ws.cell(2, every).value = "999999999999d"
    ws.cell(3, reviewed).value = "9999-12-31"
    wb.save(tmp_path / "cells.xlsx")
    before = {p: p.read_bytes() for p in lib.rglob("*.yaml")}
    code, out, _err = run("import", tmp_path / "cells.xlsx", "--library", lib)
    assert code == 1, out
    assert {p: p.read_bytes() for p in lib.rglob("*.yaml")} == before
