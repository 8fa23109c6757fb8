"""``cskit lint --fix`` / ``--diff``: apply the safe fixes findings carry.

A :class:`~cskit.findings.Fix` is ``(key, old, new)`` inside one entry value: ``old`` is the
value as the rule saw it (or a part of it that occurs exactly once) and ``new`` its
replacement. Several rules may fix the same value (Z001 and Z003 on one answer), so fixes are
applied one at a time to an in-memory copy of the entry and the fixing rules are re-run on
the result until nothing changes. Only entries, rules and keys that had a reported
(unsuppressed, selected) fixable finding are touched; values inherited from ``defaults`` are
left alone. The result is written through ``cskit.library.yamlwrite``, which splices only the changed
entries and verifies the file; all files are then written as one transaction
(:func:`cskit.transaction.commit`: locked, checked unchanged since the library was read, all or
nothing).
"""

from __future__ import annotations

import copy
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cskit import transaction
from cskit.findings import Finding, Fix
from cskit.library.model import Entry, display_path
from cskit.library.yamlwrite import FileEdit, plan_text
from cskit.lint.splice import ValueChange, splice
from cskit.rules.base import Context, Rule

MAX_PASSES = 10


@dataclass
class FilePlan:
    """One file's planned text; ``edit`` is set when the round-trip writer does the write."""

    path: Path
    old: str
    new: str
    edit: FileEdit | None = None
    expect: str | None = None  # the file's digest when the library was read


@dataclass
class FixPlan:
    files: list[FilePlan] = field(default_factory=list)
    changes: list[ValueChange] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    fixed: int = 0  # reported findings whose fix is in the plan
    root: Path | None = None  # the library's root (its write lock and journal)

    def diff(self) -> str:
        """A unified diff of every planned file change (nothing is written)."""
        out: list[str] = []
        for fp in self.files:
            name = display_path(fp.path)
            a, b = (name, name) if name.startswith("/") else (f"a/{name}", f"b/{name}")
            out += difflib.unified_diff(fp.old.splitlines(True), fp.new.splitlines(True), a, b)
        return "".join(out)

    def write(self) -> list[Path]:
        """Write every planned file, all or none (the plans were verified when made)."""
        changes = [transaction.Change(fp.path, fp.new, fp.expect) for fp in self.files]
        if not changes:
            return []
        root = self.root or changes[0].path.parent
        return transaction.commit(root, changes)


def _get(data: dict[str, Any], key: tuple[str | int, ...]) -> Any:
    value: Any = data
    for part in key:
        in_dict = isinstance(value, dict) and part in value
        in_list = isinstance(value, list) and isinstance(part, int) and part < len(value)
        if in_dict or in_list:
            value = value[part]
        else:
            return None
    return value


def _set(data: dict[str, Any], key: tuple[str | int, ...], new: str) -> None:
    target: Any = data
    for part in key[:-1]:
        target = target[part]
    target[key[-1]] = new


def _apply(current: str, fix: Fix) -> str | None:
    if fix.old == current:
        return fix.new
    if fix.old and current.count(fix.old) == 1:
        return current.replace(fix.old, fix.new)
    return None  # the value moved on since the rule looked: ambiguous, skip


def plan_fixes(findings: list[Finding], rules: list[Rule], ctx: Context) -> FixPlan:
    """Work out every safe fix for the reported findings, without writing."""
    wanted: dict[int, tuple[Entry, set[str]]] = {}
    counts: dict[int, int] = {}
    for f in findings:
        if f.fixes and f.entry is not None:
            wanted.setdefault(id(f.entry), (f.entry, set()))[1].add(f.code)
            counts[id(f.entry)] = counts.get(id(f.entry), 0) + 1
    by_code = {r.code: r for r in rules if r.scope == "entry"}
    plan = FixPlan(root=ctx.library.config.root)
    per_file: dict[Path, list[tuple[Entry, dict[str, Any], set[tuple[str | int, ...]]]]] = {}
    for entry, codes in wanted.values():
        fixers = [by_code[c] for c in sorted(codes) if c in by_code]
        raw = copy.deepcopy(entry.raw)
        changed_keys: set[tuple[str | int, ...]] = set()
        for _ in range(MAX_PASSES):
            shadow = Entry(file=entry.file, index=entry.index, raw=raw, data={**entry.data, **raw})
            progress = False
            for rule in fixers:
                for finding in rule.check_entry(shadow, ctx):
                    for fix in finding.fixes:
                        if fix.key[0] not in raw:
                            note = f"{entry.file.display}: {entry.id} {'.'.join(map(str, fix.key))}"
                            if note not in plan.skipped:
                                plan.skipped.append(note)
                            continue
                        current = _get(raw, fix.key)
                        new = _apply(current, fix) if isinstance(current, str) else None
                        if new is not None and new != current:
                            _set(raw, fix.key, new)
                            changed_keys.add(fix.key)
                            progress = True
                if progress:
                    break  # re-run from the first rule on the new text
            if not progress:
                break
        if not changed_keys:
            continue
        plan.fixed += counts[id(entry)]
        for key in sorted(changed_keys, key=str):
            plan.changes.append(
                ValueChange(entry, key, str(_get(entry.raw, key)), str(_get(raw, key)))
            )
        per_file.setdefault(entry.file.path, []).append((entry, raw, changed_keys))
    for path, items in per_file.items():
        expect = items[0][0].file.digest
        old = path.read_text(encoding="utf-8")
        mine = [c for c in plan.changes if c.entry.file.path == path]
        new = splice(old, mine)
        if new is not None:
            plan.files.append(FilePlan(path, old, new, expect=expect))
            continue
        edit = FileEdit(path, expect=expect)
        for entry, raw, keys in items:
            edit.updates[entry.index] = {str(k[0]): raw[str(k[0])] for k in keys}
        before, after = plan_text(edit)
        plan.files.append(FilePlan(path, before, after, edit, expect=expect))
    return plan


def fix_summary(plan: FixPlan, *, written: bool) -> str:
    """One or two lines for stderr: what was (or would be) fixed, and what was left."""
    lines: list[str] = []
    files = len(plan.files)
    if plan.changes:
        verb = "已修复" if written else "可自动修复"
        lines.append(f"{verb} {plan.fixed} 个问题：{len(plan.changes)} 处文本，{files} 个文件")
    elif written:
        lines.append("没有可自动修复的问题")
    if plan.skipped:
        lines.append(
            "未修复（值继承自 defaults，请在文件的 defaults 里修改）：" + "；".join(plan.skipped)
        )
    return "\n".join(lines)
