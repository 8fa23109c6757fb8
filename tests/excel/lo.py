"""LibreOffice in the loop: find ``soffice``, re-save a workbook (xlsx → xlsx / ods), and
type into cells as an editor does (:mod:`tests.excel.lo_typing`, through the UNO bridge).
Without LibreOffice these fail with what to install; they never skip."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from cskit.excel.layout import DATA_SHEET
from tests.excel.util import column

TIMEOUT = 180
TYPING = Path(__file__).with_name("lo_typing.py")


def find_soffice(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.fail(
            "LibreOffice (soffice) is not installed: these tests need it. "
            "apt-get install libreoffice-calc-nogui python3-uno (.ci/run does this)"
        )
    profile = tmp_path_factory.mktemp("lo-profile")
    return exe, profile.as_uri()


def convert(soffice: tuple[str, str], src: Path, target: str, outdir: Path) -> Path:
    exe, profile = soffice
    outdir.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(
        [exe, f"-env:UserInstallation={profile}", "--headless", "--norestore",
         "--convert-to", target, "--outdir", str(outdir), str(src)],
        capture_output=True, text=True, timeout=TIMEOUT, check=False,
    )  # fmt: skip
    out = outdir / (src.stem + "." + target.split(":")[0])
    assert proc.returncode == 0 and out.exists(), f"soffice failed: {proc.stdout} {proc.stderr}"
    return out


def uno_python() -> str:
    """A Python that can ``import uno`` (Debian's python3 with python3-uno)."""
    for exe in ("/usr/bin/python3", shutil.which("python3") or ""):
        if exe and subprocess.run([exe, "-c", "import uno"], capture_output=True).returncode == 0:
            return exe
    pytest.fail("no Python with LibreOffice's UNO bridge: apt-get install python3-uno")


def type_into(
    soffice: tuple[str, str],
    src: Path,
    dst: Path,
    edits: list[tuple[str, str]],
    sheet: str = DATA_SHEET,
) -> Path:
    """Open ``src`` in LibreOffice, type each ``(cell, text)`` on ``sheet``, save ``dst``."""
    exe, profile = soffice
    spec = dst.with_suffix(".edits.json")
    spec.write_text(
        json.dumps([{"sheet": sheet, "cell": c, "text": t} for c, t in edits]),
        encoding="utf-8",
    )
    proc = subprocess.run(
        [uno_python(), str(TYPING), exe, profile, str(src), str(dst), str(spec)],
        capture_output=True, text=True, timeout=TIMEOUT, check=False,
    )  # fmt: skip
    assert proc.returncode == 0 and dst.exists(), f"typing failed: {proc.stdout} {proc.stderr}"
    return dst


def cell_of(ws: object, key: str, row: int) -> str:
    """``H92``: the cell of column ``key`` in ``row`` of an openpyxl data sheet."""
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(column(ws, key))}{row}"
