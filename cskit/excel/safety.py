"""Intake checks for a workbook handed to ``cskit import``, before any XML is parsed.

A 300 KB zip can inflate to gigabytes and openpyxl would allocate all of it; old ``.xls``,
``.ods``, CSV and password-protected files fail deep inside the parser with messages no editor
understands. ``check_workbook`` looks at the bytes and the zip directory only, and turns each
case into one clear :class:`~cskit.errors.InputError` (exit 2) or a warning.
"""

from __future__ import annotations

import errno
import zipfile
from pathlib import Path
from typing import Any

from cskit.errors import InputError
from cskit.fileio import NotRegular, input_error

MAX_MEMBERS = 5_000
MAX_TOTAL = 1 << 30  # 1 GiB uncompressed: about 2 million rows of sheet XML
MAX_RATIO = 100  # per member, once it inflates past RATIO_FLOOR
RATIO_FLOOR = 8 << 20
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_SAVE_AS = "open it in Excel, WPS or LibreOffice and save it as Excel workbook (.xlsx)"


def check_workbook(path: Path) -> list[tuple[str, str]]:
    """Refuse what cannot be an honest ``.xlsx``; return warnings as (zh, en) pairs."""
    where = str(path)
    try:
        head = _head(path)  # a FIFO or device named .xlsx is refused, never waited on
    except FileNotFoundError:
        raise InputError("no such file", where=where) from None
    except OSError as exc:
        raise input_error(path, exc, "workbook") from None
    warnings: list[tuple[str, str]] = []
    lock = path.with_name("~$" + path.name)
    if lock.exists():
        warnings.append(
            (
                f"旁边有 {lock.name}：这个表格可能还在 Excel/WPS 里打开着，请先保存并关闭再导入",
                f"{lock.name} exists: the workbook may still be open; save and close it first",
            )
        )
    if head.startswith(OLE2):
        if path.suffix.lower() == ".xls" or b"E\x00n\x00c\x00r\x00y\x00p\x00t" not in _peek(path):
            raise InputError(
                "this is an old Excel 97-2003 (.xls) file, not .xlsx", where=where, hint=_SAVE_AS
            )
        raise InputError(
            "the workbook is password-protected (encrypted); cskit cannot read it",
            where=where,
            hint="remove the password (File → Info → Protect Workbook) and save again",
        )
    if not head.startswith(ZIP):
        kind = "a CSV or text file" if _looks_text(path) else "not an Excel workbook"
        raise InputError(f"{kind}, not .xlsx", where=where, hint=_SAVE_AS)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"the workbook is damaged: {exc}", where=where, hint=_SAVE_AS) from None
    with zf:
        infos = zf.infolist()
        names = {i.filename for i in infos}
        if "mimetype" in names and zf.read("mimetype").strip() == ODS_MIME:
            raise InputError(
                "this is an OpenDocument spreadsheet (.ods), not .xlsx", where=where, hint=_SAVE_AS
            )
        _check_sizes(infos, where)
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            raise InputError("this zip file is not an Excel workbook", where=where, hint=_SAVE_AS)
        warnings += _odd_parts(names)
    return warnings


def _check_sizes(infos: list[zipfile.ZipInfo], where: str) -> None:
    if len(infos) > MAX_MEMBERS:
        raise InputError(
            f"the workbook has {len(infos)} parts (at most {MAX_MEMBERS}); refused before reading",
            where=where,
        )
    total = 0
    for info in infos:
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise InputError(
                f"{info.filename} uses a compression method Excel does not write "
                f"({info.compress_type}); refused before reading",
                where=where,
                hint=_SAVE_AS,
            )
        if info.flag_bits & 0x1:
            raise InputError(
                "the workbook is encrypted; cskit cannot read it",
                where=where,
                hint="remove the password and save again",
            )
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise InputError(
                f"{info.filename} would inflate {ratio:.0f}-fold to {info.file_size >> 20} MiB "
                "(a zip bomb?); refused before reading",
                where=where,
            )
    if total > MAX_TOTAL:
        raise InputError(
            f"the workbook would inflate to {total >> 20} MiB (at most {MAX_TOTAL >> 20} MiB); "
            "refused before reading",
            where=where,
            hint="export a smaller selection (--category, --ids)",
        )


def _odd_parts(names: set[str]) -> list[tuple[str, str]]:
    out = []
    if any(n.endswith("vbaProject.bin") for n in names):
        out.append(
            (
                "表格里带有宏，宏不会被运行，也不会被导入",
                "the workbook has macros; they are ignored",
            )
        )
    if any(n.startswith("xl/externalLinks/") for n in names):
        out.append(
            ("表格引用了外部文件，外部链接会被忽略", "the workbook links to other files; ignored")
        )
    if "xl/cellimages.xml" in names:
        out.append(
            (
                "表格里有嵌入单元格的图片（WPS），图片不会被导入，请改用图片链接",
                "pictures embedded in cells (WPS) are not imported; use an image link instead",
            )
        )
    return out


def _head(path: Path) -> bytes:
    import os
    import stat

    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegular(errno.EINVAL, "not a regular file", str(path))
        return os.read(fd, 8)
    finally:
        os.close(fd)


def _peek(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(1 << 20)


def _looks_text(path: Path) -> bool:
    sample = _peek(path)[:4096]
    if path.suffix.lower() in (".csv", ".txt", ".tsv"):
        return True
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\x00" not in sample


def load(path: Path, *, rich_text: bool = True) -> Any:
    """Open a checked workbook with openpyxl (for the annotated copy): formulas as formulas."""
    import openpyxl
    from openpyxl import xml as oxml

    if not getattr(oxml, "DEFUSEDXML", False):  # pragma: no cover - a packaging error
        raise InputError("defusedxml is not installed; refusing to parse an untrusted workbook")
    try:
        return openpyxl.load_workbook(path, data_only=False, rich_text=rich_text, keep_links=False)
    except Exception as exc:  # openpyxl raises anything from KeyError to ValueError
        raise InputError(
            f"cannot read the workbook: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}",
            where=str(path),
            hint=_SAVE_AS,
        ) from None
