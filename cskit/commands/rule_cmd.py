"""``cskit rule [CODE]``: list every rule, or explain one with its examples."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cskit.commands.common import choice
from cskit.errors import UsageError

if TYPE_CHECKING:
    from cskit.rules.base import Rule


def rule(
    code: Annotated[
        str | None,
        typer.Argument(help="A code (W003) or name (absolute-claim).", show_default=False),
    ] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """List the rules, or explain one: what it catches, why, a bad and a good example."""
    from cskit.rules.registry import RULES, find_rule

    choice(format, ("text", "json"), "--format")
    if code is None:
        if format == "json":
            typer.echo(json.dumps([_as_json(r) for r in RULES], ensure_ascii=False, indent=2))
            return
        for r in RULES:
            typer.echo(f"{r.code}  {r.name:<28} {r.family():<12} {r.severity:<8} {r.summary_zh}")
        return
    found = find_rule(code)
    if found is None:
        raise UsageError(f"no rule {code!r}", hint="`cskit rule` lists them all")
    if format == "json":
        typer.echo(json.dumps(_as_json(found), ensure_ascii=False, indent=2))
        return
    typer.echo(explain(found))


def explain(r: type[Rule]) -> str:
    from cskit.rules.base import doc_sections

    doc = doc_sections(r)
    out = [
        f"{r.code} {r.name}  ({r.family()}, default {r.severity})",
        f"{r.summary_zh}" + (f" / {r.summary_en}" if r.summary_en else ""),
        "",
        doc["summary"],
    ]
    if doc.get("body"):
        out += ["", doc["body"]]
    if r.options:
        out += ["", "Options (cskit.yaml → lint.rules." + r.code + "):"]
        out += [f"  {k}: {v!r}" for k, v in r.options.items()]
    for label, key in (("Bad", "bad"), ("Good", "good")):
        if doc.get(key):
            out += ["", f"{label}:", _indent(doc[key])]
    return "\n".join(out)


def _indent(text: str) -> str:
    return "\n".join("    " + line if line.strip() else line for line in text.splitlines())


def _as_json(r: type[Rule]) -> dict[str, Any]:
    from cskit.rules.base import doc_sections

    doc = doc_sections(r)
    return {
        "code": r.code,
        "name": r.name,
        "family": r.family(),
        "severity": r.severity,
        "summary": {"zh-Hans": r.summary_zh, "en": r.summary_en or doc["summary"]},
        "options": r.options,
        "bad": doc.get("bad", ""),
        "good": doc.get("good", ""),
    }
