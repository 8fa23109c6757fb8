"""Command-line options every command shares (docs/cli.md), declared once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cskit.lint.report import FORMATS

LibraryOpt = Annotated[
    Path | None,
    typer.Option(
        "--library", "-L", help="Library folder (default: nearest cskit.yaml).", show_default=False
    ),
]
FormatOpt = Annotated[
    str,
    typer.Option("--format", "-f", help=f"Output format: {', '.join(FORMATS)}."),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Write the report to FILE instead of stdout.", show_default=False
    ),
]
ReportFormatOpt = Annotated[str, typer.Option("--format", "-f", help="Report: text or json.")]
DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", "-n", help="Check and report; write nothing.")
]
QuietOpt = Annotated[
    bool, typer.Option("--quiet", "-q", help="Only the findings; no summary or progress.")
]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Neither read nor write .cskit_cache/.")
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Judge dates as of this day (YYYY-MM-DD; default today).",
        show_default=False,
    ),
]
SelectOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--select",
        "-s",
        help="Rules to run: codes, prefixes, names or families (comma-separated).",
        show_default=False,
    ),
]
IgnoreOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--ignore",
        "-i",
        help="Rules to skip, added to the config's ignore list.",
        show_default=False,
    ),
]
FailOnOpt = Annotated[
    str | None,
    typer.Option(
        "--fail-on",
        help="Exit 1 on findings at or above: error, warning, info, never.",
        show_default=False,
    ),
]
LangOpt = Annotated[
    str | None,
    typer.Option("--lang", help="Message language: zh (default) or en.", show_default=False),
]


def split_list(values: list[str] | None) -> list[str]:
    """``--select D,S0 --select W`` → ``['D', 'S0', 'W']``."""
    out: list[str] = []
    for value in values or []:
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return out


def normalise_lang(lang: str | None) -> str | None:
    if lang is None:
        return None
    low = lang.lower()
    if low in ("en", "en-us", "english"):
        return "en"
    if low in ("zh", "zh-hans", "zh-cn", "cn", "中文"):
        return "zh-Hans"
    from cskit.errors import UsageError

    raise UsageError(
        f"不支持 --lang {lang!r}",
        hint="请用 zh 或 en",
        en=f"--lang {lang!r} is not supported",
        hint_en="use zh or en",
    )


StagedOpt = Annotated[
    bool,
    typer.Option(
        "--staged",
        help="Only entries changed in the git index (the pre-commit case); cross-entry "
        "rules still see the whole library.",
    ),
]
ChangedSinceOpt = Annotated[
    str | None,
    typer.Option(
        "--changed-since",
        metavar="REF",
        help="Only entries changed since the merge base of REF and HEAD (e.g. origin/main).",
        show_default=False,
    ),
]
