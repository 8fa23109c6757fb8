"""Helpers for the publishing tests: the sample library, an empty library with its config,
and reading published files back as a workbench would (csv module, openpyxl)."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import openpyxl

from cskit.library.load import load_library
from cskit.publish.profiles import load_profile
from cskit.publish.publisher import PublishResult, publish

AS_OF = dt.date(2026, 11, 22)


def run_publish(root: Path, profile: str, out: Path, **kwargs: object) -> PublishResult:
    lib = load_library(root, use_cache=False)
    return publish(lib, load_profile(lib.config, profile), out, as_of=AS_OF, **kwargs)  # type: ignore[arg-type]


def empty_like(library: Path, dest: Path) -> Path:
    """An empty library with the same cskit.yaml (categories, variables, facts)."""
    dest.mkdir(parents=True)
    text = (library / "cskit.yaml").read_text(encoding="utf-8")
    (dest / "cskit.yaml").write_text(text.replace("templates: ../templates", ""), "utf-8")
    return dest


def read_csv(path: Path, encoding: str = "utf-8-sig") -> list[list[str]]:
    with path.open(encoding=encoding, newline="") as fh:
        return list(csv.reader(fh))


def read_xlsx(path: Path, sheet: str | None = None) -> list[list[str]]:
    book = openpyxl.load_workbook(path)
    ws = book[sheet] if sheet else book.active
    rows = []
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type == "s" or cell.value is None, (cell.coordinate, cell.value)
        rows.append(["" if c.value is None else str(c.value) for c in row])
    return rows


def read_back(path: Path) -> list[list[str]]:
    return read_xlsx(path) if path.suffix == ".xlsx" else read_csv(path)


def csv_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")


def copy_sample(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns(".cskit_cache"))
    return dest


def rows_by(rows: list[list[str]], header: str) -> dict[str, list[str]]:
    at = rows[0].index(header)
    return {r[at]: r for r in rows[1:]}
