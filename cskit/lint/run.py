"""One ``cskit lint`` run, from options to a result: the library API behind the command.

:func:`run` finds and loads the library, narrows the report to the given paths and to what
git says changed, serves an unchanged library's findings from the cache, applies fixes,
filters through a baseline, and returns the result with the notes for stderr. The command
(``cskit.commands.lint_cmd``) only parses options, prints and exits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cskit.errors import LibraryNotFound

if TYPE_CHECKING:
    from cskit.config.model import Config
    from cskit.library.model import Library
    from cskit.library.paths import PathSelection
    from cskit.lint.result import LintResult

# The heavy modules are imported in the functions, and only on the path that needs them: a
# warm run served from the findings cache never loads the parser's callers, git or the fixer.


@dataclass
class LintOptions:
    """What ``cskit lint`` was asked to do (already parsed and checked)."""

    as_of: dt.date
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    lang: str | None = None  # None: the config's language
    fail_on: str | None = None  # None: the config's lint.fail_on
    paths: Sequence[Path] = ()
    skip_outside: bool = False
    staged: bool = False
    changed_since: str | None = None
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    baseline: Path | None = None
    use_cache: bool = True
    show_progress: bool = False
    outputs: Sequence[Path] = ()  # where the report goes: refused before a fix writes anything


@dataclass
class LintOutcome:
    """The result to report, the notes for stderr, and the exit code. With ``--diff``,
    ``diff`` holds the patch, which is printed instead of the findings."""

    result: LintResult
    fail_on: str  # the gate: the option, else the config's lint.fail_on
    notes: list[str] = field(default_factory=list)
    diff: str | None = None

    @property
    def exit_code(self) -> int:
        if self.diff is not None:
            return 1 if self.diff else 0  # like `ruff --diff`: 1 when something would change
        return self.result.exit_code(self.fail_on)


def run(library: Path | None, options: LintOptions) -> LintOutcome:
    """Lint the library at ``library`` (None: found from the paths or the current folder)."""
    from cskit.config.load import load_config
    from cskit.library.paths import discover_for

    notes: list[str] = []
    try:
        config = load_config(*discover_for(library, options.paths))
    except LibraryNotFound:
        if not (options.skip_outside and options.paths):
            raise
        # a hook passed only files that belong to no library (a CI config and the like)
        return _nothing(options, [_skipped_note(p, options.lang) for p in options.paths])
    from cskit.fileio import check_output

    for output in options.outputs:
        check_output(output)  # after load_config: the library's files are protected by then
    lang = options.lang or config.language
    selection = _select(config, options.paths) if options.paths else None
    if selection is not None:
        if selection.outside and not options.skip_outside:
            from cskit.library.paths import outside_error

            raise outside_error(selection.outside[0], config)
        notes += [_skipped_note(p, lang) for p in selection.outside]
        if selection.empty:
            return _nothing(options, notes, lang)
        if selection.everything:
            selection = None
    limited = bool(selection or options.staged or options.changed_since)
    fail_on = options.fail_on or config.lint.fail_on
    result = None
    if not (limited or options.fix or options.diff) and options.use_cache:
        result = _from_cache(config, options, lang)
    if result is None:
        lib, result, changed = _lint(config, options, selection)
        if options.fix or options.diff:
            from cskit.lint.fix import fix_summary, plan_fixes
            from cskit.rules.base import Context

            ctx = Context(library=lib, as_of=options.as_of)
            plan = plan_fixes(result.findings, result.rules, ctx, unsafe=options.unsafe_fixes)
            notes += fix_summary(plan, written=not options.diff, lang=lang)
            if options.diff:
                return LintOutcome(result, fail_on, notes, plan.diff())
            plan.write()
            if plan.files:
                lib, result, changed = _lint(config, options, selection)
        full_run = changed is None
    else:
        full_run = True
    if options.baseline is not None:
        notes += _apply_baseline(result, config, options.baseline, full_run=full_run)
    return LintOutcome(result, fail_on, notes)


def _select(config: Config, paths: Sequence[Path]) -> PathSelection:
    from cskit.library.load import custom_pack_paths, library_paths, template_paths
    from cskit.library.paths import select

    return select(
        config, library_paths(config), template_paths(config), custom_pack_paths(config), paths
    )


def _from_cache(config: Config, options: LintOptions, lang: str) -> LintResult | None:
    """Nothing changed since the last full run: its findings straight from the cache."""
    from cskit.library.model import CACHE_DIR, LINT_CACHE_FILE

    if not (config.root / CACHE_DIR / LINT_CACHE_FILE).is_file():
        return None
    from cskit.lint.cache import cached_result
    from cskit.lint.selection import select_rules

    rules = select_rules(config, options.select, options.ignore)
    return cached_result(config, rules, options.as_of, lang)


def _lint(
    config: Config, options: LintOptions, selection: PathSelection | None
) -> tuple[Library, LintResult, set[int] | None]:
    """Load and lint; returns the library, the result and the entries reported on (None:
    all)."""
    from cskit.library import changes as gitdiff
    from cskit.library.load import load_entries
    from cskit.lint.engine import lint
    from cskit.lint.selection import select_rules

    # the rules are imported while a forked child parses part of the files
    lib = load_entries(
        config,
        use_cache=options.use_cache,
        meanwhile=lambda: _import_linter(config, options.select, options.ignore),
    )
    rules = select_rules(config, options.select, options.ignore)
    limit, limit_files = _limit_to(lib, selection) if selection else (None, None)
    changes = gitdiff.from_options(lib, staged_=options.staged, since=options.changed_since)
    if changes is not None:
        from cskit.library.paths import narrow

        limit, limit_files = narrow(changes.as_lint_args(), (limit, limit_files))
    result = lint(
        lib,
        as_of=options.as_of,
        rules=rules,
        lang=options.lang,
        changed=limit,
        changed_files=limit_files,
        show_progress=options.show_progress,
        cache=options.use_cache,
    )
    if limit is not None:
        files = (
            limit_files
            if limit_files is not None
            else {e.file.display for e in lib.entries if id(e) in limit}
        )
        result.scope = (len(files), len(limit))
    return lib, result, limit


def _import_linter(config: Config, select: list[str] | None, ignore: list[str]) -> None:
    """The rule registry and every rule module, and numpy/rapidfuzz when the D rules run
    (a forked lint child inherits them): work for this process while a child parses."""
    from cskit.lint.selection import select_rules

    if any(rule.code.startswith("D") for rule in select_rules(config, select, ignore)):
        import cskit.dupes.finder  # noqa: F401


def _limit_to(lib: Library, selection: PathSelection) -> tuple[set[int], set[str]]:
    """Entries and display paths (files and templates) the selection names."""
    from cskit.library.model import display_path

    sources = [s for s in lib.files if s.path.resolve() in selection.files]
    changed = {id(e) for s in sources for e in s.entries}
    displays = {s.display for s in sources} | {display_path(t) for t in selection.templates}
    return changed, displays


def _nothing(options: LintOptions, notes: list[str], lang: str | None = None) -> LintOutcome:
    """No library file among the paths: nothing was checked, and the run says so."""
    from cskit.lint.result import LintResult

    result = LintResult([], 0, 0, lang=lang or options.lang or "zh-Hans", scope=(0, 0))
    return LintOutcome(result, options.fail_on or "error", notes)


def _skipped_note(path: Path, lang: str | None) -> str:
    if lang == "en":
        return f"note: {path} is not part of the library; skipped"
    return f"注意：{path} 不属于这个库，已跳过"


def _apply_baseline(result: LintResult, config: Config, path: Path, *, full_run: bool) -> list[str]:
    from cskit.lint import baseline as baselines

    if not path.exists() and not path.is_absolute():
        # `cskit baseline write` puts it next to cskit.yaml: look there too
        beside = config.root / path
        path = beside if beside.exists() else path
    filtered = baselines.apply(result.findings, baselines.load(path))
    result.findings = filtered.findings
    en = result.lang == "en"
    notes = []
    if filtered.hidden:
        notes.append(
            f"The baseline {path} hid {filtered.hidden} known finding(s)."
            if en
            else f"基线 {path} 隐藏了 {filtered.hidden} 个已知问题。"
        )
    if full_run and filtered.stale:
        notes.append(
            f"{filtered.stale} baseline item(s) no longer occur; "
            "run `cskit baseline prune` to drop them."
            if en
            else f"基线中有 {filtered.stale} 项已不再出现，可用 `cskit baseline prune` 清理。"
        )
    return notes
