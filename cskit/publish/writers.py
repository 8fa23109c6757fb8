"""Writing the published file: CSV in the profile's encoding (UTF-8 with BOM, UTF-8, or
GB18030; the .xlsx is :mod:`cskit.publish.xlsxwrite`'s). The file is written atomically and
never over the library's own files."""

from __future__ import annotations

import csv
import io
import os
import stat
from pathlib import Path

from cskit.config.model import Config
from cskit.errors import UsageError
from cskit.fileio import write_output
from cskit.publish.profile import ENCODINGS


def check_output(path: Path, config: Config, library_files: list[Path]) -> None:
    """Refuse what must not be written over: a library file, cskit.yaml, a folder, a FIFO,
    a device; and a path whose folder does not exist."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise UsageError(
            f"无法写入 {path}：{exc.strerror}", en=f"cannot write {path}: {exc.strerror}"
        ) from None
    if mode is not None and not stat.S_ISREG(mode):
        raise UsageError(
            f"{path} 不是普通文件，不能写入",
            en=f"{path} is not a regular file; not writing to it",
            hint="换一个文件名",
            hint_en="choose another file name",
        )
    if not path.parent.is_dir():
        raise UsageError(
            f"文件夹 {path.parent} 不存在",
            en=f"folder {path.parent} does not exist",
            hint="先建好文件夹",
            hint_en="create the folder first",
        )
    target = path.resolve()
    protected = {p.resolve() for p in library_files}
    if config.path is not None:
        protected.add(config.path.resolve())
    if target in protected:
        raise UsageError(
            f"{path} 是话术库自己的文件，不能被发布文件覆盖",
            en=f"{path} is one of the library's own files; publishing never writes over it",
            hint="换一个文件名",
            hint_en="choose another file name",
        )


def csv_bytes(header: list[str], rows: list[list[str]], encoding: str) -> bytes:
    """The CSV file: every cell quoted where needed, CRLF line ends (what Excel writes)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(ENCODINGS[encoding])


def write_file(path: Path, data: bytes) -> None:
    """A regular file, atomically, never over the library or an input (fileio.write_output)."""
    write_output(path, data)
