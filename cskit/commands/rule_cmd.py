"""``cskit rule [CODE]``: list every rule, or explain one with its examples (in Chinese by
default; ``--lang en`` or ``language: en`` in cskit.yaml for English). The texts live on
each rule: ``explain_zh``, ``fix_zh``, ``fix_en`` and the docstring."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cskit.commands.common import choice
from cskit.commands.options import LangOpt, normalise_lang
from cskit.errors import UsageError

if TYPE_CHECKING:
    from cskit.rules.base import Rule


def rule(
    code: Annotated[
        str | None,
        typer.Argument(
            help="A code (W003) or name (absolute-claim).",
            show_default=False,
            autocompletion=lambda incomplete: complete(incomplete),
        ),
    ] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    lang: LangOpt = None,
) -> None:
    """List the rules, or explain one: what it catches, why, how to fix it, a bad and a good
    example."""
    from cskit import errors
    from cskit.rules.registry import RULES, find_rule

    choice(format, ("text", "json"), "--format")
    language = normalise_lang(lang) or errors.language()
    if code is None:
        if format == "json":
            typer.echo(json.dumps([as_json(r) for r in RULES], ensure_ascii=False, indent=2))
            return
        for r in RULES:
            summary = r.summary_en if language == "en" else r.summary_zh
            typer.echo(f"{r.code}  {r.name:<28} {r.family():<12} {r.severity:<8} {summary}")
        return
    found = find_rule(code)
    if found is None:
        raise _unknown(code, [(r.code, r.name) for r in RULES])
    if format == "json":
        typer.echo(json.dumps(as_json(found), ensure_ascii=False, indent=2))
        return
    typer.echo(explain(found, language))


def complete(incomplete: str) -> list[str]:
    """Shell completion for the rule argument: codes and names that start with it."""
    from cskit.rules.registry import RULES

    codes = [r.code for r in RULES if r.code.startswith(incomplete.upper())]
    return codes + [r.name for r in RULES if r.name.startswith(incomplete.lower())]


def explain(r: type[Rule], lang: str = "zh-Hans") -> str:
    """The text of ``cskit rule CODE``."""
    from cskit.rules.base import doc_sections

    doc = doc_sections(r)
    if lang == "en":
        out = [
            f"{r.code} {r.name}  ({r.family()}, default {r.severity})",
            r.summary_en or plain(doc["summary"]),
            "",
            plain(doc["summary"]),
        ]
        if doc.get("body"):
            out += ["", plain(doc["body"])]
        if r.options:
            out += ["", f"Options (cskit.yaml → lint.rules.{r.code}):"]
            out += [f"  {k}: {v!r}" for k, v in r.options.items()]
        out += ["", f"How to fix: {r.fix_en}"]
        labels = (("Bad", "bad"), ("Good", "good"))
    else:
        out = [
            f"{r.code} {r.name}（{r.family()} 规则族，默认级别 {r.severity}）",
            r.summary_zh,
            "",
            r.explain_zh,
        ]
        if r.options:
            out += ["", f"选项（cskit.yaml → lint.rules.{r.code}）："]
            out += [f"  {k}: {v!r}" for k, v in r.options.items()]
        out += ["", f"怎么改：{r.fix_zh}"]
        labels = (("反例", "bad"), ("正例", "good"))
    for label, key in labels:
        if doc.get(key):
            out += ["", f"{label}:" if lang == "en" else f"{label}：", _indent(doc[key])]
    return "\n".join(out)


def plain(text: str) -> str:
    """Docstring markup as plain text: ``x`` → `x`."""
    return re.sub(r"``(.+?)``", r"`\1`", text, flags=re.DOTALL)


def _indent(text: str) -> str:
    return "\n".join("    " + line if line.strip() else line for line in text.splitlines())


def _unknown(token: str, rules: list[tuple[str, str]]) -> UsageError:
    """No such rule: the closest code or name, in the process language."""
    import difflib

    names = [n for pair in rules for n in pair]
    close = difflib.get_close_matches(token.strip(), names, n=1, cutoff=0.6)
    if not close:
        close = difflib.get_close_matches(token.strip().upper(), names, n=1, cutoff=0.6)
    suggestion = next((f"{c} {n}" for c, n in rules if close and close[0] in (c, n)), None)
    return UsageError(
        f"没有规则 {token!r}",
        hint=f"是不是想找 {suggestion}？" if suggestion else "`cskit rule` 列出全部规则",
        en=f"no rule {token!r}",
        hint_en=f"did you mean {suggestion}?" if suggestion else "`cskit rule` lists them all",
    )


def as_json(r: type[Rule]) -> dict[str, Any]:
    from cskit.rules.base import doc_sections

    doc = doc_sections(r)
    return {
        "code": r.code,
        "name": r.name,
        "family": r.family(),
        "severity": r.severity,
        "summary": {"zh-Hans": r.summary_zh, "en": r.summary_en or plain(doc["summary"])},
        "explanation": {
            "zh-Hans": r.explain_zh,
            "en": plain(doc["summary"] + ("\n\n" + doc["body"] if doc.get("body") else "")),
        },
        "fix": {"zh-Hans": r.fix_zh, "en": r.fix_en},
        "options": r.options,
        "bad": doc.get("bad", ""),
        "good": doc.get("good", ""),
    }
