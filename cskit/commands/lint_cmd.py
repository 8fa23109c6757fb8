"""``cskit lint``: run the rules and report."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cskit.commands.common import check_outputs, choice, emit, narrow
from cskit.commands.options import (
    AsOfOpt,
    ChangedSinceOpt,
    FailOnOpt,
    FormatOpt,
    IgnoreOpt,
    LangOpt,
    LibraryOpt,
    NoCacheOpt,
    OutputOpt,
    QuietOpt,
    SelectOpt,
    StagedOpt,
    normalise_lang,
    split_list,
)

if TYPE_CHECKING:
    from cskit.config.model import Config
    from cskit.library.model import Library
    from cskit.lint.result import LintResult

# The heavy modules are imported in the function, and only on the path that needs them: a
# warm run served from the findings cache never loads the parser's callers, git or the fixer.


def lint(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Report only findings touching these files (the whole library is still loaded).",
            show_default=False,
        ),
    ] = None,
    library: LibraryOpt = None,
    format: FormatOpt = "text",
    output: OutputOpt = None,
    quiet: QuietOpt = False,
    no_cache: NoCacheOpt = False,
    as_of: AsOfOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    fail_on: FailOnOpt = None,
    lang: LangOpt = None,
    fix: Annotated[
        bool, typer.Option("--fix", help="Apply safe fixes (typography), then report what remains.")
    ] = False,
    diff: Annotated[
        bool,
        typer.Option("--diff", help="Show the safe fixes as a unified diff; write nothing."),
    ] = False,
    # -- changed-only runs and baselines (cskit.library.changes, cskit.lint.baseline) --
    staged: StagedOpt = False,
    changed_since: ChangedSinceOpt = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            metavar="FILE",
            help="Report only findings not in this baseline (see `cskit baseline write`).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check the library: schema, templates, duplicates, staleness, wording, typography."""
    from cskit.config.load import discover, load_config
    from cskit.config.model import FAIL_ON
    from cskit.dates import parse_as_of
    from cskit.library.model import CACHE_DIR, LINT_CACHE_FILE
    from cskit.lint.report import FORMATS, render

    fmt = choice(format, FORMATS, "--format")
    if fail_on is not None:
        choice(fail_on, FAIL_ON, "--fail-on")
    for path in files or ():
        if not path.exists():
            from cskit.errors import UsageError

            raise UsageError(
                f"{path} does not exist", hint="pass files of the library, as pre-commit does"
            )
    config = load_config(*discover(library))
    check_outputs(output)  # a bad --output is refused before --fix writes anything
    select_list, ignore_list = split_list(select) or None, split_list(ignore)
    day, language = parse_as_of(as_of), normalise_lang(lang)
    limited = bool(files or staged or changed_since or fix or diff)
    result = None
    if not (no_cache or limited) and (config.root / CACHE_DIR / LINT_CACHE_FILE).is_file():
        # Nothing changed since the last full run: findings straight from the cache.
        from cskit.lint.cache import cached_result
        from cskit.lint.selection import select_rules

        rules = select_rules(config, select_list, ignore_list)
        result = cached_result(config, rules, day, language)
    changed: set[int] | None = None
    if result is None:
        from cskit.library import changes as gitdiff
        from cskit.library.load import load_entries

        def run() -> tuple[Library, LintResult, set[int] | None]:
            # the rules are imported while a forked child parses part of the files
            lib = load_entries(
                config,
                use_cache=not no_cache,
                meanwhile=lambda: _import_linter(config, select_list, ignore_list),
            )
            from cskit.lint.engine import lint as run_lint
            from cskit.lint.selection import select_rules

            chosen = select_rules(config, select_list, ignore_list)
            limit, limit_files = _limit_to(lib, files) if files else (None, None)
            changes = gitdiff.from_options(lib, staged_=staged, since=changed_since)
            if changes is not None:
                limit, limit_files = narrow(changes.as_lint_args(), (limit, limit_files))
            found = run_lint(
                lib,
                as_of=day,
                rules=chosen,
                lang=language,
                changed=limit,
                changed_files=limit_files,
                show_progress=not quiet,
                cache=not no_cache,
            )
            return lib, found, limit

        lib, result, changed = run()
        if diff or fix:
            from cskit.lint.fix import fix_summary, plan_fixes
            from cskit.rules.base import Context

            plan = plan_fixes(result.findings, result.rules, Context(library=lib, as_of=day))
            if diff:
                emit(plan.diff(), output)
                _say(fix_summary(plan, written=False), quiet)
                raise typer.Exit(1 if plan.files else 0)
            plan.write()
            _say(fix_summary(plan, written=True), quiet)
            if plan.files:
                lib, result, changed = run()
    if baseline is not None:
        if not baseline.exists() and not baseline.is_absolute():
            # `cskit baseline write` puts it next to cskit.yaml: look there too
            beside = config.root / baseline
            baseline = beside if beside.exists() else baseline
        _apply_baseline(result, baseline, full_run=changed is None, quiet=quiet)
    emit(render(result, fmt, quiet=quiet), output)
    raise typer.Exit(result.exit_code(fail_on or config.lint.fail_on))


def _import_linter(config: Config, select: list[str] | None, ignore: list[str]) -> None:
    """The rule registry and every rule module, and numpy/rapidfuzz when the D rules run
    (a forked lint child inherits them): work for this process while a child parses."""
    from cskit.lint.selection import select_rules

    if any(rule.code.startswith("D") for rule in select_rules(config, select, ignore)):
        import cskit.dupes.finder  # noqa: F401


def _say(text: str, quiet: bool) -> None:
    if text and not quiet:
        typer.echo(text, err=True)


def _limit_to(lib: Library, files: list[Path]) -> tuple[set[int] | None, set[str] | None]:
    """Entries and display paths of the given files; a changed cskit.yaml means everything."""
    from cskit.config.model import CONFIG_NAME

    wanted = {p.resolve() for p in files}
    if any(p.name == CONFIG_NAME for p in wanted):
        return None, None
    sources = [s for s in lib.files if s.path.resolve() in wanted]
    known = {s.path.resolve() for s in sources}
    if lib.config.templates_dir is not None:
        known |= {p for p in wanted if lib.config.templates_dir.resolve() in p.parents}
    for path in sorted(wanted - known):
        # pre-commit passes every staged YAML file; ones outside the library are not ours
        typer.echo(f"note: {path} is not part of the library; skipped", err=True)
    changed = {id(e) for s in sources for e in s.entries}
    return changed, {s.display for s in sources} | {str(p) for p in files}


def _apply_baseline(result: LintResult, path: Path, *, full_run: bool, quiet: bool) -> None:
    from cskit.lint import baseline as baselines

    filtered = baselines.apply(result.findings, baselines.load(path))
    result.findings = filtered.findings
    if quiet:
        return
    zh = result.lang != "en"
    if filtered.hidden:
        typer.echo(
            f"基线 {path} 隐藏了 {filtered.hidden} 个已知问题。"
            if zh
            else f"The baseline {path} hid {filtered.hidden} known finding(s).",
            err=True,
        )
    if full_run and filtered.stale:
        typer.echo(
            f"基线中有 {filtered.stale} 项已不再出现，可用 `cskit baseline prune` 清理。"
            if zh
            else f"{filtered.stale} baseline item(s) no longer occur; "
            "run `cskit baseline prune` to drop them.",
            err=True,
        )
