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
from cskit.findings import Finding

if TYPE_CHECKING:
    # the rule registry loads only for SARIF (its rule metadata): a cold `cskit lint` imports
    # the rules while a forked child parses (cskit.commands.lint_cmd)
    from cskit.lint.result import LintResult

_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
INFO_URI = "https://github.com/cskit/cskit"


def render(result: LintResult, fmt: str, *, quiet: bool = False) -> str:
    """``result`` in output format ``fmt`` (one of :data:`FORMATS`)."""
    return WRITERS[fmt](result, quiet)


def summary_line(result: LintResult) -> str:
    c = result.counts()
    total = len(result.findings)
    if result.lang == "en":
        if not total:
            return f"All clean: {result.entries} entries in {result.files} files."
        return (
            f"Found {total} problem{'s' if total != 1 else ''} "
            f"({c['error']} error, {c['warning']} warning, {c['info']} info) "
            f"in {result.entries} entries, {result.files} files."
        )
    if not total:
        return f"全部通过：{result.files} 个文件，{result.entries} 个条目。"
    return (
        f"发现 {total} 个问题（错误 {c['error']}，警告 {c['warning']}，提示 {c['info']}），"
        f"共检查 {result.files} 个文件、{result.entries} 个条目。"
    )


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


def to_json(result: LintResult) -> dict[str, Any]:
    return {
        "version": 1,
        "cskit": __version__,
        "findings": [f.to_json(result.lang) for f in result.findings],
        "summary": {"files": result.files, "entries": result.entries, **result.counts()},
    }


def _json(result: LintResult, quiet: bool) -> str:
    return json.dumps(to_json(result), ensure_ascii=False, indent=2) + "\n"


def _jsonl(result: LintResult, quiet: bool) -> str:
    return "".join(
        json.dumps(f.to_json(result.lang), ensure_ascii=False) + "\n" for f in result.findings
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


def _junit(result: LintResult, quiet: bool) -> str:
    from xml.sax.saxutils import escape, quoteattr  # pulls in urllib: only for junit

    by_file: dict[str, list[Finding]] = {}
    for f in result.findings:
        by_file.setdefault(f.file, []).append(f)
    failures = len(result.findings)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuites name="cskit" tests="{max(failures, 1)}" failures="{failures}">',
    ]
    if not by_file:
        out.append('  <testsuite name="cskit lint" tests="1" failures="0">')
        out.append('    <testcase name="library" classname="cskit"/>')
        out.append("  </testsuite>")
    for file, items in by_file.items():
        out.append(
            f'  <testsuite name={quoteattr(file)} tests="{len(items)}" failures="{len(items)}">'
        )
        for f in items:
            name = f"{f.code} {f.entry_id or ''} line {f.line}".replace("  ", " ")
            msg = f.message(result.lang)
            out.append(f"    <testcase name={quoteattr(name)} classname={quoteattr(file)}>")
            out.append(
                f"      <failure type={quoteattr(f.severity)} message={quoteattr(msg)}>"
                f"{escape(f'{f.file}:{f.line}:{f.column}: {f.code} {msg}')}</failure>"
            )
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
