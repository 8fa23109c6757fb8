"""``cskit publish PROFILE FILE``: write a workbench file (quick phrases, bot Q&A) from the
entries agents may send today."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cskit.commands.common import choice, emit
from cskit.commands.options import (
    AsOfOpt,
    DryRunOpt,
    LangOpt,
    LibraryOpt,
    NoCacheOpt,
    OutputOpt,
    ReportFormatOpt,
    normalise_lang,
)
from cskit.errors import UsageError, set_language

if TYPE_CHECKING:
    from cskit.config.model import Config

ORIGIN_ZH = {
    "shipped": "内置",
    "cskit.yaml": "cskit.yaml",
    "shipped + cskit.yaml": "内置 + cskit.yaml",
}


def publish(
    profile: Annotated[
        str | None, typer.Argument(help="A profile: qianniu-csv, qianniu-xlsx, phrases, …")
    ] = None,
    file: Annotated[Path | None, typer.Argument(help="The file to write (.csv or .xlsx).")] = None,
    list_: Annotated[
        bool, typer.Option("--list", help="List the profiles (shipped and cskit.yaml's).")
    ] = False,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help="Override one publish.context value: agent.name=小安 (repeatable).",
            show_default=False,
        ),
    ] = None,
    dry_run: DryRunOpt = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List out-of-scope entries one by one.")
    ] = False,
    as_of: AsOfOpt = None,
    library: LibraryOpt = None,
    format: ReportFormatOpt = "text",
    output: OutputOpt = None,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q", help="Print the report only when entries are held back; no progress."
        ),
    ] = False,
    no_cache: NoCacheOpt = False,
    lang: LangOpt = None,
) -> None:
    """Publish active, currently valid entries to a workbench file through a profile.

    Exit codes: 0 written, nothing held back; 1 written, but entries were held back for
    problems to fix (blocking findings, codes, limits); 2 bad options, config or profile.
    """
    from cskit.dates import parse_as_of
    from cskit.library.load import load_library
    from cskit.publish.profiles import load_profile, profile_names
    from cskit.publish.publisher import publish as run
    from cskit.publish.report import render_json, render_text
    from cskit.render.inputs import set_values

    set_language(normalise_lang(lang))
    fmt = choice(format, ("text", "json"), "--format")
    lib = load_library(library, use_cache=not no_cache)
    language = normalise_lang(lang) or lib.config.language
    set_language(language)
    if list_:
        emit(_listing(lib.config, profile_names(lib.config), language), output)
        return
    if profile is None or file is None:
        names = "、".join(profile_names(lib.config))
        raise UsageError(
            "用法：cskit publish PROFILE FILE",
            hint=f"可用的配置：{names}；cskit publish --list 看说明",
            en="usage: cskit publish PROFILE FILE",
            hint_en=f"profiles: {names.replace('、', ', ')}; cskit publish --list describes them",
        )
    chosen = load_profile(lib.config, profile)
    overrides = set_values(set_, lib.config) if set_ else None
    result = run(
        lib,
        chosen,
        file,
        as_of=parse_as_of(as_of),
        overrides=overrides,
        dry_run=dry_run,
        show_progress=not quiet,
    )
    if fmt == "json":
        emit(render_json(result, language), output)
    elif not quiet or result.held:
        emit(render_text(result, language, verbose=verbose), output)
    raise typer.Exit(1 if result.held else 0)


def _listing(config: Config, names: list[str], language: str) -> str:
    """One line per profile; loading each one checks its settings."""
    from cskit.publish.profiles import load_profile

    lines = []
    for name in names:
        p = load_profile(config, name)
        where = p.origin if language == "en" else ORIGIN_ZH.get(p.origin, p.origin)
        fmt = "csv/xlsx" if p.format == "auto" else p.format
        docs = f"  {p.docs}" if p.docs else ""
        lines.append(f"{name:<16}{fmt:<10}{p.label(language)}  [{where}]{docs}")
    return "\n".join(lines) + "\n"
