"""``cskit export``: the library (or a selection) as a workbook editors can safely edit.

One data sheet (``话术库``), an instructions sheet (``说明``), a hidden ``_lists`` sheet for the
dropdowns and a hidden ``_cskit`` sheet with the base for the three-way import. Every cell is
a string with the Text number format — the columns too, so rows an editor adds stay text —
and no cell is ever a formula (see :func:`cskit.excel.base.encode_cell`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cskit import __version__
from cskit.config.schema import FIELDS
from cskit.errors import UsageError
from cskit.excel.base import (
    Meta,
    blob_id,
    compact,
    encode_cell,
    git_head,
    rel_path,
    row_hash,
    row_values,
)
from cskit.excel.filters import ExportFilters, checked, select
from cskit.excel.flagged import row_problems
from cskit.excel.helpsheet import write_help
from cskit.excel.layout import COLUMNS, DATA_SHEET, LISTS_SHEET, MAX_CELL, META_SHEET, PROBLEMS
from cskit.library.model import Entry, Library
from cskit.progress import progress

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class ExportResult:
    path: Path
    rows: int
    skipped: list[tuple[str, str, str]]  # (id or file:line, zh reason, en reason)
    revision: str


def export_workbook(
    lib: Library,
    out: Path,
    filters: ExportFilters,
    *,
    as_of: dt.date | None = None,
    problems: bool = True,
    lang: str = "zh-Hans",
    show_progress: bool = False,
) -> ExportResult:
    """Write the workbook atomically; entries that cannot be a row are listed in ``skipped``.

    Filter values are checked first (:func:`cskit.excel.filters.checked`). With
    ``problems`` the 问题 column lists each row's findings as of ``as_of`` (today)."""
    import openpyxl

    chosen = select(lib, checked(lib, filters))
    root = lib.root.resolve()
    meta = Meta(
        cskit=__version__,
        revision=git_head(root),
        exported_at=dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
    skipped: list[tuple[str, str, str]] = []
    seen = _id_counts(lib)
    rows: list[tuple[dict[str, str], str]] = []
    exported: list[Entry] = []
    rels: dict[Path, str] = {}
    for entry in progress(chosen, "导出条目", total=len(chosen)):
        reason = _unexportable(entry, seen)
        values = row_values(entry.data)
        reason = reason or _unrepresentable(values)
        if reason:
            skipped.append((entry.id or f"{entry.file.display}:{entry.line}", *reason))
            continue
        rel = rels.get(entry.file.path)
        if rel is None:
            rel = rels[entry.file.path] = rel_path(entry.file.path, root)
            meta.files[rel] = blob_id(entry.file.path.read_bytes())
        meta.rows[entry.id] = {"f": rel, "h": row_hash(values), "v": compact(values)}
        rows.append((values, rel))
        exported.append(entry)
    if problems and exported:
        numbers = {e.id: r for r, e in enumerate(exported, 2)}
        day = as_of or dt.date.today()
        flagged = row_problems(
            lib, exported, numbers, as_of=day, lang=lang, show_progress=show_progress
        )
        for (values, _rel), entry in zip(rows, exported, strict=True):
            values[PROBLEMS] = flagged.get(entry.id, "")

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    _data_sheet(ws, rows, lib)
    write_help(wb.create_sheet(), lib, meta, len(rows))
    _lists_sheet(wb, lib)
    _meta_sheet(wb.create_sheet(META_SHEET), meta)
    wb.active = 0
    _save(wb, out)
    return ExportResult(out, len(rows), skipped, meta.revision)


def _id_counts(lib: Library) -> dict[str, int]:
    counts: dict[str, int] = {}
    for e in lib.entries:
        counts[e.id] = counts.get(e.id, 0) + 1
    return counts


def _unexportable(entry: Entry, seen: dict[str, int]) -> tuple[str, str] | None:
    if not entry.id:
        return (
            "没有编号（id），表格按编号对应条目，请先在 YAML 里补上",
            "has no id; add one in the YAML",
        )
    if seen.get(entry.id, 0) > 1:
        return ("编号重复（E007），请先在 YAML 里改正", "duplicate id (E007); fix the YAML first")
    return None


def _unrepresentable(values: dict[str, str]) -> tuple[str, str] | None:
    for key, text in values.items():
        if len(encode_cell(text)) > MAX_CELL:
            return (
                f"{key} 超过单元格上限 {MAX_CELL} 个字符",
                f"{key} is longer than a cell can hold ({MAX_CELL} characters)",
            )
        found = _ILLEGAL.search(text)
        if found is not None:
            bad = found.group()
            return (
                f"{key} 含控制字符 U+{ord(bad):04X}，表格无法保存，请先在 YAML 里删除",
                f"{key} contains control character U+{ord(bad):04X}; remove it in the YAML",
            )
    return None


# --- sheets ------------------------------------------------------------------------------------


def _data_sheet(ws: Any, rows: list[tuple[dict[str, str], str]], lib: Library) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter

    header_font = Font(bold=True)
    editable_fill = PatternFill("solid", fgColor="FFF2CC")
    locked_fill = PatternFill("solid", fgColor="D9D9D9")
    for i, col in enumerate(COLUMNS, 1):
        letter = get_column_letter(i)
        dim = ws.column_dimensions[letter]
        dim.width = col.width
        # Column-level style: cells an editor adds later are Text, wrapped and (un)locked too.
        dim.number_format = "@"
        dim.alignment = Alignment(wrap_text=col.wrap, vertical="top")
        # 编号 of an exported row is locked (its cells are); a row an editor adds may get a
        # readable id typed in, so the column's own style is unlocked
        dim.protection = Protection(locked=col.locked and col.key != "id")
        cell = ws.cell(1, i, col.header)
        cell.font = header_font
        cell.fill = locked_fill if col.locked else editable_fill
        cell.protection = Protection(locked=True)
        cell.number_format = "@"
    template = _templates(ws)
    for r, (values, rel) in enumerate(rows, 2):
        for i, col in enumerate(COLUMNS, 1):
            text = rel if col.key == "file" else values.get(col.key, "")
            if text == "":
                continue
            cell = ws.cell(r, i)
            cell.value = encode_cell(text)
            cell.data_type = "s"  # after the value: openpyxl would take '#N/A' for an error
            cell._style = template[i - 1]._style  # one copied style array, not 5 look-ups
    last = get_column_letter(len(COLUMNS))
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{last}{max(len(rows) + 1, 2)}"
    _dropdowns(ws, lib)
    p = ws.protection
    p.sheet = True
    # openpyxl's flags say what is *prohibited*: False allows it.
    p.sort = p.autoFilter = p.insertRows = p.formatColumns = p.formatRows = False
    p.deleteRows = True


def _templates(ws: Any) -> list[Any]:
    from openpyxl.cell import Cell
    from openpyxl.styles import Alignment, Protection

    out = []
    for col in COLUMNS:
        cell = Cell(ws)
        cell.number_format = "@"
        cell.alignment = Alignment(wrap_text=col.wrap, vertical="top")
        cell.protection = Protection(locked=col.locked)
        out.append(cell)
    return out


def _enum_lists(lib: Library) -> dict[str, list[str]]:
    # the fields' own choices (kinds, stages, statuses), then the config's registries
    lists = {
        c.dropdown: list(FIELDS[c.key].choices)
        for c in COLUMNS
        if c.dropdown and FIELDS[c.key].choices
    }
    lists["categories"] = list(lib.config.categories)
    if lib.config.owners:
        lists["owners"] = list(lib.config.owners)
    return {k: v for k, v in lists.items() if v}


def _lists_sheet(wb: Any, lib: Library) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.workbook.defined_name import DefinedName

    ws = wb.create_sheet(LISTS_SHEET)
    for i, (name, items) in enumerate(_enum_lists(lib).items(), 1):
        letter = get_column_letter(i)
        ws.cell(1, i, name).data_type = "s"
        for r, item in enumerate(items, 2):
            cell = ws.cell(r, i)
            cell.value = encode_cell(item)
            cell.data_type = "s"
        ref = f"'{LISTS_SHEET}'!${letter}$2:${letter}${len(items) + 1}"
        wb.defined_names[f"cskit_{name}"] = DefinedName(f"cskit_{name}", attr_text=ref)
    ws.sheet_state = "hidden"
    ws.protection.sheet = True


def _dropdowns(ws: Any, lib: Library) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    lists = _enum_lists(lib)
    for i, col in enumerate(COLUMNS, 1):
        if not col.dropdown or col.dropdown not in lists:
            continue
        letter = get_column_letter(i)
        dv = DataValidation(
            type="list",
            formula1=f"cskit_{col.dropdown}",
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle="不在可选值里",
            error="请从下拉列表中选择；导入时仍会再检查一遍。",
        )
        dv.add(f"{letter}2:{letter}1048576")
        ws.add_data_validation(dv)


def _meta_sheet(ws: Any, meta: Meta) -> None:
    for r, (key, value) in enumerate(meta.to_cells(), 1):
        ws.cell(r, 1, key).data_type = "s"
        cell = ws.cell(r, 2)
        cell.value = encode_cell(value)
        cell.data_type = "s"
        cell.number_format = "@"
    ws.sheet_state = "hidden"
    ws.protection.sheet = True


def _save(wb: Any, out: Path) -> None:
    import io

    from cskit.fileio import write_output

    if out.suffix.lower() != ".xlsx":
        raise UsageError(f"{out}: the workbook must end in .xlsx")
    buf = io.BytesIO()
    wb.save(buf)
    write_output(out, buf.getvalue())  # a regular file, never a library file or an input
