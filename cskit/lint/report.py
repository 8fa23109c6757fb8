"""Findings as text, json, jsonl, github, sarif or junit (docs/cli.md).

Every formatter takes the same :class:`LintResult` and returns a string; where it goes
(stdout or ``--output``) never changes the exit code.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cskit import __version__
from cskit.findings import SEVERITY_RANK, Finding

if TYPE_CHECKING:
    # the rule registry loads only for SARIF (its rule metadata): a cold `cskit lint` imports
    # the rules while a forked child parses (cskit.commands.lint_cmd)
    from cskit.lint.result import LintResult

_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
INFO_URI = "https://github.com/cskit/cskit"


def render(result: LintResult, fmt: str, *, quiet: bool = False, fail_on: str = "error") -> str:
    """``result`` in output format ``fmt`` (one of :data:`FORMATS`). ``fail_on`` is the run's
    gate: JUnit counts only findings at or above it as failures."""
    if fmt == "junit":
        return _junit(result, quiet, fail_on)
    return WRITERS[fmt](result, quiet)


_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def summary_line(result: LintResult) -> str:
    """The last line of the text report. A run limited to some files or changed entries says
    how much it checked; one that checked nothing never says "all clean"."""
    c = result.counts()
    total = len(result.findings)
    en = result.lang == "en"
    if result.scope is not None and result.scope == (0, 0):
        if en:
            return "Nothing checked: no library file and no changed entry among what was given."
        return "没有检查任何内容：所给的路径里没有库文件，也没有改动的条目。"
    if result.scope is None:
        files, entries = result.files, result.entries
        checked_en = f"{entries} entries in {files} files"
        checked_zh = f"{files} 个文件，{entries} 个条目"
        found_zh = f"共检查 {files} 个文件、{entries} 个条目"
    else:
        files, entries = result.scope
        whole_en = f"the library has {result.entries} entries in {result.files} files"
        checked_en = f"{entries} entries in {files} files checked ({whole_en})"
        checked_zh = found_zh = (
            f"检查了 {files} 个文件、{entries} 个条目"
            f"（全库 {result.files} 个文件、{result.entries} 个条目）"
        )
    if en:
        if not total:
            return f"All clean: {checked_en}."
        return (
            f"Found {total} problem{'s' if total != 1 else ''} "
            f"({c['error']} error, {c['warning']} warning, {c['info']} info) in {checked_en}."
        )
    if not total:
        return f"全部通过：{checked_zh}。"
    return f"发现 {total} 个问题（错误 {c['error']}，警告 {c['warning']}，提示 {c['info']}），{found_zh}。"


def _text(result: LintResult, quiet: bool) -> str:
    lines: list[str] = []
    related_label = "related" if result.lang == "en" else "相关"
    for f in result.findings:
        tail = f" [{f.entry_id}]" if f.entry_id else ""
        lines.append(f"{f.file}:{f.line}:{f.column}: {f.code} {f.message(result.lang)}{tail}")
        for r in f.related:
            lines.append(f"    {related_label}: {r.entry_id} ({r.file}:{r.line})")
    if not quiet:
        lines.append(summary_line(result))
    return "\n".join(lines) + ("\n" if lines else "")


def finding_json(finding: Finding, lang: str) -> dict[str, Any]:
    """One finding as JSON (version 1), with its rule family after the name."""
    from cskit.rules.base import FAMILIES

    data = finding.to_json(lang)
    ordered = {k: data.pop(k) for k in ("code", "name")}
    ordered["family"] = FAMILIES.get(finding.code[:1], "")
    return {**ordered, **data}


def to_json(result: LintResult) -> dict[str, Any]:
    return {
        "version": 1,
        "cskit": __version__,
        "findings": [finding_json(f, result.lang) for f in result.findings],
        "summary": {"files": result.files, "entries": result.entries, **result.counts()},
    }


def _json(result: LintResult, quiet: bool) -> str:
    return json.dumps(to_json(result), ensure_ascii=False, indent=2) + "\n"


def _jsonl(result: LintResult, quiet: bool) -> str:
    return "".join(
        json.dumps(finding_json(f, result.lang), ensure_ascii=False) + "\n" for f in result.findings
    )


def _github(result: LintResult, quiet: bool) -> str:
    """Workflow commands, errors first (GitHub shows only the first few per step), plus a
    step summary with every finding when ``GITHUB_STEP_SUMMARY`` is set."""
    ordered = sorted(result.findings, key=lambda f: (-f.rank, f.sort_key()))
    lines = []
    for f in ordered:
        title = _gh_escape(f"{f.code} {f.name}", prop=True)
        msg = f.message(result.lang) + (f" [{f.entry_id}]" if f.entry_id else "")
        lines.append(
            f"::{_GITHUB_LEVEL[f.severity]} file={_gh_escape(f.file, prop=True)},"
            f"line={f.line},col={f.column},title={title}::{_gh_escape(msg)}"
        )
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_path:
        with open(summary_path, "a", encoding="utf-8") as fh:
            fh.write(step_summary(result))
    if not quiet:
        lines.append(summary_line(result))
    return "\n".join(lines) + "\n"


def step_summary(result: LintResult) -> str:
    """A Markdown table of every finding, for ``$GITHUB_STEP_SUMMARY``."""
    out = ["## cskit lint", "", summary_line(result), ""]
    if result.findings:
        out += ["| | code | location | entry | message |", "|---|---|---|---|---|"]
        icon = {"error": "❌", "warning": "⚠️", "info": "ℹ️"}
        for f in result.findings:
            msg = f.message(result.lang).replace("|", "\\|")
            out.append(
                f"| {icon[f.severity]} | `{f.code}` | `{f.file}:{f.line}` | "
                f"{f.entry_id or ''} | {msg} |"
            )
    return "\n".join(out) + "\n\n"


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def _sarif(result: LintResult, quiet: bool) -> str:
    from cskit.rules.base import doc_sections
    from cskit.rules.registry import BY_CODE

    rule_classes = [r.__class__ for r in result.rules] or [
        BY_CODE[c] for c in sorted({f.code for f in result.findings}) if c in BY_CODE
    ]
    index = {cls.code: i for i, cls in enumerate(rule_classes)}
    rules = []
    for cls in rule_classes:
        doc = doc_sections(cls)
        help_text = doc["summary"]
        if doc.get("bad"):
            help_text += f"\n\nBad:\n{doc['bad']}\n\nGood:\n{doc.get('good', '')}"
        rules.append(
            {
                "id": cls.code,
                "name": cls.name,
                "shortDescription": {"text": cls.summary_en or doc["summary"]},
                "fullDescription": {
                    "text": doc["summary"] + ("\n" + doc["body"] if doc["body"] else "")
                },
                "help": {"text": help_text},
                "defaultConfiguration": {"level": _SARIF_LEVEL[cls.severity]},
                "properties": {"family": cls.family(), "zh": cls.summary_zh},
            }
        )
    results = []
    for f in result.findings:
        item: dict[str, Any] = {
            "ruleId": f.code,
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f.message(result.lang)},
            "locations": [_location(f.file, f.line, f.column)],
            "partialFingerprints": {"cskit/v1": f.fingerprint()},
            "properties": {"entry_id": f.entry_id, "key": f.key},
        }
        if f.code in index:
            item["ruleIndex"] = index[f.code]
        if f.related:
            item["relatedLocations"] = [
                {**_location(r.file, r.line, 1), "id": i, "message": {"text": r.entry_id}}
                for i, r in enumerate(f.related)
            ]
        results.append(item)
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "cskit",
                        "version": __version__,
                        "informationUri": INFO_URI,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"


def _location(file: str, line: int, column: int) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": file.replace(os.sep, "/")},
            "region": {"startLine": line, "startColumn": column},
        }
    }


def _junit(result: LintResult, quiet: bool, fail_on: str = "error") -> str:
    """One test suite per file, one test case per finding. Only findings at or above the
    gate (``--fail-on``) are ``<failure>``s; the others pass and carry their text in
    ``<system-out>``, so a CI test widget counts what the exit code counts."""
    from xml.sax.saxutils import escape, quoteattr  # pulls in urllib: only for junit

    floor = SEVERITY_RANK.get(fail_on, 99)  # "never": nothing fails
    by_file: dict[str, list[Finding]] = {}
    for f in result.findings:
        by_file.setdefault(f.file, []).append(f)
    failures = sum(1 for f in result.findings if f.rank >= floor)
    tests = max(len(result.findings), 1)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuites name="cskit" tests="{tests}" failures="{failures}">',
    ]
    if not by_file:
        out.append('  <testsuite name="cskit lint" tests="1" failures="0">')
        out.append('    <testcase name="library" classname="cskit"/>')
        out.append("  </testsuite>")
    for file, items in by_file.items():
        failed = sum(1 for f in items if f.rank >= floor)
        out.append(f'  <testsuite name={quoteattr(file)} tests="{len(items)}" failures="{failed}">')
        for f in items:
            name = f"{f.code} {f.entry_id or ''} line {f.line}".replace("  ", " ")
            msg = f.message(result.lang)
            text = escape(f"{f.file}:{f.line}:{f.column}: {f.code} {msg}")
            out.append(f"    <testcase name={quoteattr(name)} classname={quoteattr(file)}>")
            if f.rank >= floor:
                out.append(
                    f"      <failure type={quoteattr(f.severity)} message={quoteattr(msg)}>"
                    f"{text}</failure>"
                )
            else:
                label = f.severity if result.lang == "en" else _SEVERITY_ZH[f.severity]
                out.append(f"      <system-out>{label}: {text}</system-out>")
            out.append("    </testcase>")
        out.append("  </testsuite>")
    out.append("</testsuites>")
    return "\n".join(out) + "\n"


# The output formats of ``cskit lint``, in the order ``--format`` lists them. The option's help
# (cskit.commands.options) and docs/cli.md (a test compares) follow this table.
WRITERS: dict[str, Callable[[LintResult, bool], str]] = {
    "text": _text,
    "json": _json,
    "jsonl": _jsonl,
    "github": _github,
    "sarif": _sarif,
    "junit": _junit,
}
FORMATS = tuple(WRITERS)
