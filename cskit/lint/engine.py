"""Run the selected rules over a library: selection, severities, suppressions, ignores.

``lint(library, ...)`` is the library API behind ``cskit lint``; everything else (reports,
exit codes) happens in ``cskit.lint.report`` and ``cskit.cli``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator, Sequence

from cskit import parallel
from cskit.findings import Finding
from cskit.library.model import Entry, Library, SourceFile
from cskit.lint import plan as lintplan
from cskit.lint.cache import LintCache, Stored, attach, detach, entry_index
from cskit.lint.result import LintResult
from cskit.lint.selection import select_rules
from cskit.lint.suppressions import apply_file_ignores, apply_suppressions
from cskit.progress import progress
from cskit.rules.base import Context, Rule
from cskit.rules.registry import RULES


def lint(
    library: Library,
    *,
    as_of: dt.date,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    lang: str | None = None,
    changed: set[int] | None = None,
    changed_files: set[str] | None = None,
    rules: list[Rule] | None = None,
    show_progress: bool = False,
    cache: bool = False,
) -> LintResult:
    """Run the rules. ``changed`` (``id()`` of changed entries) and ``changed_files`` (display
    paths) limit what is reported, for hooks and changed-only runs; cross-entry rules still
    see the whole library and report groups with a changed member. ``cache`` reads and
    writes the findings cache (``cskit.lint.cache``) next to the parse cache."""
    config = library.config
    rules = rules if rules is not None else select_rules(config, select, ignore)
    ctx = Context(
        library=library,
        as_of=as_of,
        lang=lang or config.language,
        changed=changed,
        catalogue=RULES,
    )
    store = LintCache.open(library, rules, as_of) if cache else None
    findings = store.whole_run() if store else None
    if findings is None:
        main = [r for r in rules if r.phase == "main"]
        post = [r for r in rules if r.phase == "post"]
        # Per-file entry results are only reusable (and only complete) in a full run.
        per_file = store if changed is None else None
        findings = _run(main, ctx, show_progress, per_file)
        findings = apply_suppressions(findings, rules, ctx)
        findings += _run(post, ctx, False)
        findings = apply_file_ignores(findings, config)
        if per_file is not None:
            per_file.save(findings)
    if changed is not None:
        changed_ids = {e.id for e in library.entries if id(e) in changed}
        findings = [f for f in findings if _touches_changed(f, changed, changed_ids, changed_files)]
    findings.sort(key=Finding.sort_key)
    return LintResult(
        findings=findings,
        files=len(library.files),
        entries=len(library.entries),
        lang=ctx.lang,
        rules=rules,
    )


def _run(
    rules: list[Rule], ctx: Context, show_progress: bool, store: LintCache | None = None
) -> list[Finding]:
    """Entry rules and library rules; on a large run, part of both in a forked child
    (:mod:`cskit.parallel`), balanced so both processes finish together."""
    findings: list[Finding] = []
    entry_rules = [r for r in rules if r.scope == "entry"]
    library_rules = [r for r in rules if r.scope == "library"]
    plan = lintplan.plan(library_rules, bool(entry_rules), ctx, store)
    files = ctx.library.files
    tickets = parallel.tickets(len(files)) if plan.shared and entry_rules else None
    if plan.shared and entry_rules and tickets is None:  # no pipe for them: all here
        plan = lintplan.Plan(library_rules, [])
    if tickets is not None:  # each side: its library rules, then files until none is left
        mine: Iterable[SourceFile] = _taken(files, tickets)
        theirs: Iterable[SourceFile] = _taken(files, tickets)
    else:
        mine, theirs = files, []
    join: Callable[[], tuple[Stored, dict[str, Stored]]] | None = None
    child: list[tuple[Stored, dict[str, Stored]]] = []
    threads = ctx.threads
    ok = False
    try:
        if plan.there or tickets is not None:
            for rule in rules:
                rule.prepare(ctx)  # once, before the fork: both processes inherit it
            ctx.threads = max(1, (os.cpu_count() or 2) - 1)  # the child keeps one core busy
            join = parallel.in_child(
                lambda: _child_part(plan.there, entry_rules, theirs, ctx, store)
            )
        if tickets is not None:
            for rule in plan.here:
                findings.extend(rule.check_library(ctx))
        if entry_rules:
            found, fresh = _run_entry_rules(entry_rules, ctx, show_progress, store, mine)
            findings.extend(found)
            findings.extend(f for per_file in fresh.values() for f in per_file)
            _keep(store, fresh, files)
        if tickets is None:
            for rule in plan.here:
                findings.extend(rule.check_library(ctx))
        ok = True
    finally:
        ctx.threads = threads
        waits = [lambda: child.append(join())] if join is not None else []
        closes = [tickets.close] if tickets is not None else []
        parallel.finish(*waits, *closes, quiet=not ok)  # never leave the child behind
    if child:
        stored, stored_fresh = child[0]
        index = entry_index(ctx.library)
        findings.extend(attach(stored, index))
        fresh = {display: attach(item, index) for display, item in stored_fresh.items()}
        findings.extend(f for per_file in fresh.values() for f in per_file)
        _keep(store, fresh, files)
    for rule in rules:  # cskit.yaml itself: once, here
        findings.extend(rule.check_config(ctx))
    return findings


def _taken(files: list[SourceFile], tickets: parallel.Tickets) -> Iterator[SourceFile]:
    """The files this process takes, one at a time, until the other has the rest."""
    while (i := tickets.take()) is not None:
        yield files[i]


def _child_part(
    library_rules: list[Rule],
    entry_rules: list[Rule],
    sources: Iterable[SourceFile],
    ctx: Context,
    store: LintCache | None,
) -> tuple[Stored, dict[str, Stored]]:
    """The child's share: (its findings, fresh entry-rule findings per file for the cache)."""
    os.environ["CSKIT_QUIET"] = "1"  # one progress bar at a time: the parent's
    findings: list[Finding] = []
    for rule in library_rules:
        findings.extend(rule.check_library(ctx))
    fresh: dict[str, list[Finding]] = {}
    if entry_rules:
        found, fresh = _run_entry_rules(entry_rules, ctx, False, store, sources)
        findings.extend(found)
    return detach(findings), {display: detach(found) for display, found in fresh.items()}


def _keep(
    store: LintCache | None, fresh: dict[str, list[Finding]], files: list[SourceFile]
) -> None:
    if store is None or not fresh:
        return
    for source in files:
        if source.display in fresh:
            store.put_file(source, fresh[source.display])


def _run_entry_rules(
    rules: list[Rule],
    ctx: Context,
    show_progress: bool,
    store: LintCache | None,
    sources: Iterable[SourceFile],
) -> tuple[list[Finding], dict[str, list[Finding]]]:
    """Entry rules over the (changed) entries of ``sources``, file by file. With a cache,
    files whose entry results are cached for this content are skipped. Returns (the
    findings except the fresh cacheable ones, the fresh cacheable ones by file for the
    cache)."""
    cacheable = [r for r in rules if store is not None and getattr(r, "cacheable", True)]
    always = [r for r in rules if r not in cacheable]
    findings: list[Finding] = []
    fresh: dict[str, list[Finding]] = {}  # display path → cacheable rules' findings

    def entries() -> Iterator[tuple[Entry, list[Finding] | None]]:
        for source in sources:
            bucket = None
            if store is not None and cacheable:
                hit = store.file_findings(source)
                if hit is None:
                    bucket = fresh[source.display] = []
                else:
                    findings.extend(hit)
            for entry in source.entries:
                yield entry, bucket

    total = sum(len(s.entries) for s in sources) if isinstance(sources, list) else None
    for entry, bucket in progress(entries(), "检查条目", enabled=show_progress, total=total):
        if not ctx.is_changed(entry):
            continue
        for rule in always:
            findings.extend(rule.check_entry(entry, ctx))
        if bucket is not None:
            for rule in cacheable:
                bucket.extend(rule.check_entry(entry, ctx))
    return findings, fresh


def _touches_changed(
    finding: Finding, changed: set[int], changed_ids: set[str], changed_files: set[str] | None
) -> bool:
    if finding.entry is not None:
        if id(finding.entry) in changed:
            return True
        return any(r.entry_id in changed_ids for r in finding.related)
    # file-level (syntax errors, file keys, templates): keep for files that changed
    return changed_files is None or finding.file in changed_files
