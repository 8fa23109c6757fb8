"""``cskit publish PROFILE FILE``: the library as one workbench file, exactly what agents may
send as of a day.

Per entry, in this order: selection and validity window (:mod:`cskit.publish.select`:
skipped, by design), the text (:mod:`cskit.publish.texts`: order data without a platform
placeholder is left out and listed), the gate for every other entry (error-level T, W004,
W005, P findings under the team's lint settings: held, with the findings named), a render
failure (held), the cells and the profile's limits, the shortcut code and its uniqueness. What remains is written in
library order; everything left out is reported with its reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cskit.errors import UsageError
from cskit.library.model import Entry, Library
from cskit.lint.gate import blocking_findings
from cskit.progress import progress
from cskit.publish.cells import group_of, row_cells
from cskit.publish.codes import duplicates, entry_code
from cskit.publish.profile import Profile
from cskit.publish.select import Skip, select_entries
from cskit.publish.texts import ORDER_DATA, Texts
from cskit.publish.writers import check_output, csv_bytes, write_file
from cskit.publish.xlsxwrite import UNSTORABLE, xlsx_bytes

# Held reasons (problems to fix; exit 1) and left-out reasons (by design; exit 0).
HELD = (
    "blocked",
    "render-failed",
    "empty",
    "bad-date",
    "code-invalid",
    "code-duplicate",
    "required",
    "too-long",
    "too-many",
    "unstorable",
)


@dataclass
class Row:
    entry: Entry
    code: str
    group: str
    cells: list[str]


@dataclass
class Left:
    """An entry that was not published: ``reason`` says why (a HELD reason, an order-data
    reason, or a skip reason); ``findings`` lists the gate's codes for ``blocked``."""

    entry: Entry
    reason: str
    zh: str
    en: str
    findings: list[str] = field(default_factory=list)

    @property
    def held(self) -> bool:
        return self.reason in HELD


@dataclass
class PublishResult:
    profile: Profile
    path: Path
    format: str
    as_of: dt.date
    rows: list[Row] = field(default_factory=list)
    left: list[Left] = field(default_factory=list)
    written: bool = False

    @property
    def held(self) -> list[Left]:
        return [x for x in self.left if x.held]

    @property
    def order_data(self) -> list[Left]:
        return [x for x in self.left if x.reason in ORDER_DATA]

    @property
    def skipped(self) -> list[Left]:
        return [x for x in self.left if not x.held and x.reason not in ORDER_DATA]


def output_format(profile: Profile, path: Path) -> str:
    fmt = profile.file_format(path.suffix)
    if fmt is None:
        wanted = ".csv 或 .xlsx" if profile.format == "auto" else f".{profile.format}"
        wanted_en = ".csv or .xlsx" if profile.format == "auto" else f".{profile.format}"
        raise UsageError(
            f"{profile.name} 写的是 {wanted} 文件，{path.name} 的后缀不对",
            en=f"{profile.name} writes {wanted_en} files, not {path.name}",
            hint=f"文件名以 {wanted} 结尾",
            hint_en=f"name the file …{wanted_en}",
        )
    return fmt


def publish(
    library: Library,
    profile: Profile,
    path: Path,
    *,
    as_of: dt.date,
    overrides: Mapping[str, Any] | None = None,
    dry_run: bool = False,
    show_progress: bool = False,
) -> PublishResult:
    """Select, gate, render, check and write (unless ``dry_run``). Returns the report."""
    fmt = output_format(profile, path)
    if not dry_run:
        check_output(path, library.config, [f.path for f in library.files])
    result = PublishResult(profile, path, fmt, as_of)
    entries, skips = select_entries(library, profile, as_of)
    result.left.extend(_left(s) for s in skips)
    texts = Texts(library, profile, overrides)
    rendered = [(e, *texts.text(e)) for e in progress(entries, "发布", enabled=show_progress)]
    # entries left out for order data never reach a customer: the gate need not look at them
    gated = [e.id for e, _t, p in rendered if p is None or p.kind not in ORDER_DATA]
    blocked = blocking_findings(library, as_of=as_of, entry_ids=gated) if gated else {}
    config = library.config
    extra_date = as_of.strftime(profile.date_format)
    candidates: list[Row] = []
    for entry, text, problem in rendered:
        findings = blocked.get(entry.id)
        if findings:
            codes = sorted({f.code for f in findings})
            first = findings[0]
            result.left.append(
                Left(
                    entry,
                    "blocked",
                    f"被 {'、'.join(codes)} 拦下：{first.message_zh}",
                    f"blocked by {', '.join(codes)}: {first.message_en}",
                    codes,
                )
            )
            continue
        if problem is not None:
            result.left.append(Left(entry, problem.kind, problem.zh, problem.en))
            continue
        code, code_problem = entry_code(entry, profile.code)
        group = group_of(entry, profile.group, config)
        extra = {"text": text, "code": code, "group": group, "date": extra_date}
        cells, problems = row_cells(entry, profile, config, extra)
        if code_problem is not None and "code" in profile.values():
            problems.insert(0, ("code-invalid", *code_problem))
        if fmt == "xlsx":
            problems.extend(_unstorable(profile, cells))
        if problems:
            kind, zh, en = problems[0]
            more_zh = f"（另有 {len(problems) - 1} 处）" if len(problems) > 1 else ""
            more_en = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            result.left.append(Left(entry, kind, zh + more_zh, en + more_en))
            continue
        candidates.append(Row(entry, code, group, cells))
    clashes = duplicates({i: r.code for i, r in enumerate(candidates) if r.code})
    if "code" not in profile.values():
        clashes = {}
    for i, row in enumerate(candidates):
        others = clashes.get(i)
        if others is None:
            result.rows.append(row)
            continue
        names = "、".join(candidates[o].entry.id for o in others)
        result.left.append(
            Left(
                row.entry,
                "code-duplicate",
                f"快捷编码 {row.code} 与 {names} 重复",
                f"code {row.code} is also the code of {', '.join(candidates[o].entry.id for o in others)}",
            )
        )
    order = {id(e): i for i, e in enumerate(library.entries)}
    result.left.sort(key=lambda x: order[id(x.entry)])
    if not dry_run:
        header = [c.header for c in profile.columns]
        body = [r.cells for r in result.rows]
        if fmt == "csv":
            data = csv_bytes(header, body, profile.encoding)
        else:
            data = xlsx_bytes(profile.sheet, header, body)
        write_file(path, data)
        result.written = True
    return result


def _left(skip: Skip) -> Left:
    return Left(skip.entry, skip.reason, skip.zh, skip.en)


def _unstorable(profile: Profile, cells: list[str]) -> list[tuple[str, str, str]]:
    for column, cell in zip(profile.columns, cells, strict=True):
        if UNSTORABLE.search(cell):
            return [
                (
                    "unstorable",
                    f"「{column.header}」含有 Excel 无法保存的控制字符",
                    f"{column.header!r} holds control characters a workbook cannot store",
                )
            ]
    return []
