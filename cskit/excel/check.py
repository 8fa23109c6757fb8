"""Checking an import before anything is written: the planned YAML edits are re-read and
compared with the sheet, and the would-be library is linted for the rows the editor changed.

Whose finding is it? Only what the editor did may block the import:

- a finding on a changed row is that row's (an error blocks);
- a cross-entry finding that lands on a row the editor did not touch (an answer copied into
  a new row makes the *old* row a D001) is moved to the changed row it involves, and worded
  from that side;
- a finding the library already had before the import (same rule, same entry, same content)
  never blocks: it is a warning marked 导入前已存在, whatever its severity — errors and
  warnings alike;
- a row missing from the sheet stays 缺失; nothing is reported on a row the editor cannot see.

Template and file-level findings count only when this import newly causes them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from cskit.excel.base import row_values
from cskit.excel.phrasing import (
    columns_en,
    columns_zh,
    has_template,
    located,
    moved,
    speak,
    text_of,
)
from cskit.excel.plan import EntryReport, ImportResult, Plan, finish, has_errors
from cskit.excel.read import Problem
from cskit.findings import Finding
from cskit.library.load import with_texts
from cskit.library.model import Entry, Library
from cskit.library.yamlwrite import WriteError, plan_text

BEFORE = ("（导入前已存在）", " (there before this import)")


def plan_and_check(
    lib: Library, plan: Plan, result: ImportResult, as_of: dt.date, lang: str | None
) -> None:
    from cskit.lint.engine import lint

    by_id = {e.id: e for e in result.entries if e.id}
    texts: dict[Path, str] = {}
    for path, edit in plan.edits.items():
        try:
            old, new = plan_text(edit)
        except WriteError as exc:
            result.sheet_problems.append(
                Problem("error", f"无法写入：{exc}", f"cannot write: {exc}")
            )
            return
        if old != new:
            texts[path] = new
    result.files = sorted(str(p) for p in texts)
    after = with_texts(lib, texts)
    touched = [e for e in after.entries if e.id in plan.changed]
    _read_back(touched, plan, by_id)
    linted = lint(after, as_of=as_of, changed={id(e) for e in touched}, lang=lang)
    findings = linted.findings
    if not any(f.severity != "info" for f in findings):
        return
    # What was there before, for the same entries: only the rules that found something now
    # (all of them when a suppression rule did, since those judge the other rules' results)
    codes = {f.code for f in findings}
    rules = [r for r in linted.rules if r.code in codes]
    if any(code.startswith("C") for code in codes):
        rules = linted.rules
    before_ids = {id(e) for e in lib.entries if e.id in plan.changed}
    before = lint(lib, as_of=as_of, changed=before_ids, lang=lang, rules=rules).findings
    rows = {e.id: e.row for e in result.entries if e.id and e.row}
    _file_level(findings, before, plan, by_id, result, rows)
    known = Counter(_mark(f) for f in before if f.entry is not None)
    for f in findings:
        if f.entry is None or f.severity == "info":
            continue
        report, other = _owner(f, by_id, plan)
        if report is None:
            continue
        template = has_template(text_of(f.entry, f.key))
        zh, en = speak(f, after.config, rows, template=template)
        if other:
            zh, en = moved(
                zh, en, (report.id, report.row), (other, rows.get(other, 0)), new_row=report.new
            )
        mark = _mark(f)
        severity = "error" if f.severity == "error" else "warning"
        if known[mark] > 0:
            known[mark] -= 1
            severity = "warning"
            zh, en = zh + BEFORE[0], en + BEFORE[1]
        key = _field(f) if not other else ""
        if key not in report.row_cells and f.code == "E004":
            key = f.evidence  # a missing field: point at its (empty) cell
        if other and f.code.startswith("D"):
            key = "answer" if "answer" in report.row_cells else ""
        cell = report.row_cells.get(key, "")
        report.problems.append(Problem(severity, zh, en, cell=cell, field=key))
    for report in by_id.values():
        if report.action != "missing":
            finish(report)


def _mark(f: Finding) -> tuple[str, str, str]:
    return (f.code, f.entry_id or "", f.fingerprint())


def _owner(f: Finding, by_id: dict[str, EntryReport], plan: Plan) -> tuple[EntryReport | None, str]:
    """The row a finding is reported on, and the untouched entry it was moved from."""
    assert f.entry is not None
    own = by_id.get(f.entry.id)
    if own is not None and own.action == "missing":
        own = None  # not on the sheet: the editor cannot fix it there
    if own is not None and f.entry.id in plan.changed:
        return own, ""
    for related in f.related:
        target = by_id.get(related.entry_id)
        if related.entry_id in plan.changed and target is not None:
            return target, f.entry.id
    return own, ""


def _field(f: Finding) -> str:
    return (f.key or "").split(".")[-1].split("[")[0] if f.key else ""


def _read_back(touched: list[Entry], plan: Plan, by_id: dict[str, EntryReport]) -> None:
    """The files read back as exactly what the sheet said."""
    for entry in touched:
        report = by_id.get(entry.id)
        if report is None or has_errors(report):
            continue  # a refused row's edits are not written: nothing to read back
        now = row_values(entry.data)
        for key, text in plan.changed[entry.id].items():
            if now[key] != text:
                by_id[entry.id].problems.append(
                    Problem(
                        "error",
                        f"写入后读回的值与表格不一致：{now[key]!r}",
                        f"reads back as {now[key]!r}, not what the sheet says",
                        field=key,
                        hint_zh="这是 cskit 的错误，请附上表格报告给维护者",
                        hint_en="report this as a cskit bug",
                    )
                )


def _file_level(
    findings: list[Finding],
    before: list[Finding],
    plan: Plan,
    by_id: dict[str, EntryReport],
    result: ImportResult,
    rows: dict[str, int],
) -> None:
    """Templates and the like: only what this import would newly break counts, reported
    on the row whose change breaks it (a template calling an entry that was retired)."""
    known = {(f.code, f.file, f.message_en) for f in before if f.entry is None}
    for f in findings:
        if f.entry is not None or f.severity == "info" or (f.code, f.file, f.message_en) in known:
            continue
        zh, en = located(f.message_zh, f.message_en, rows)
        zh = f"{f.code} {f.file}:{f.line}: {columns_zh(zh)}"
        en = f"{f.code} {f.file}:{f.line}: {columns_en(en)}"
        owner = by_id.get(f.evidence or "")
        fields = plan.changed.get(owner.id, {}) if owner else {}
        cell = (
            next((owner.row_cells[k] for k in fields if k in owner.row_cells), "") if owner else ""
        )
        hint_zh = hint_en = ""
        if owner is not None and f.code == "T006" and f"reply('{owner.id}')" in f.message_en:
            # said without Jinja: a template includes this entry and the change breaks it
            zh = f"T006 模板 {f.file}（第 {f.line} 行）会引用这一条，这样改了以后它就生成不了消息"
            en = (
                f"T006 template {f.file} (line {f.line}) includes this entry and cannot "
                "render after this change"
            )
            hint_zh = "请维护人员先修改这个模板，再停用或修改这一条"
            hint_en = "have a maintainer change the template first"
        problem = Problem(
            "error" if f.severity == "error" else "warning",
            zh,
            en,
            cell=cell,
            hint_zh=hint_zh,
            hint_en=hint_en,
        )
        (owner.problems if owner else result.sheet_problems).append(problem)
