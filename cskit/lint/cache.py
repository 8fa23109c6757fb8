"""The findings cache behind fast warm runs (docs/ci.md), kept next to the parse cache.

Two layers, both valid only for one *run key*: the cskit version and the installed package's
files (code and built-in word packs), cskit.yaml's bytes (facts, variables, rule options…),
custom pack files named in ``lint.wordlists``, the templates, the selected rules with their
options and severities, and ``--as-of``. Any change there throws the whole cache away.

* **Whole run**: the final findings of a full run, keyed by the library digest (every file's
  display path and content hash). Nothing changed → the findings come straight back.
* **Per file**: the findings of entry-scope rules for each file, keyed by display path and
  content hash. With one file changed, entry rules run on that file only; library-scope
  rules (duplicates, ids, references) always run over the whole library.

Entry-scope rules must depend only on the entry, the config, packs, templates and the date
(the rule contract in ``cskit.rules.base``); a rule that looks further sets
``cacheable = False`` and then always runs. Findings are stored without their ``Entry``
objects and re-attached by (file, entry index) on the way out.

The file is sealed with this user's cache key and read as plain data only
(:mod:`cskit.cachefile`): a lint cache planted in the repository (say, one that says "no
findings") or damaged on disk is ignored, and the run lints for real.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import cskit
from cskit import __version__, cachefile
from cskit.config.model import Config
from cskit.findings import Finding, Fix, Related
from cskit.library.load import custom_pack_paths, library_paths, template_paths
from cskit.library.model import CACHE_DIR, LINT_CACHE_FILE, Entry, Library, SourceFile, display_path
from cskit.rules.base import Rule

if TYPE_CHECKING:
    from cskit.lint.result import LintResult

CACHE_FILE = LINT_CACHE_FILE
_FORMAT = "lint-2"  # lint-2: the modules moved into one folder per domain

Locator = tuple[str, int] | None  # (file display path, entry index) of a finding's entry
Stored = tuple[list[Finding], list[Locator]]


def package_digest() -> str:
    """Changes whenever cskit itself changes: version, code or built-in packs (by path, size
    and modification time, which a reinstall or an edit always touches)."""
    root = Path(cskit.__file__).parent
    h = hashlib.blake2b(f"{__version__}/{_FORMAT}".encode(), digest_size=16)
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = os.path.join(folder, name)
            try:
                st = os.stat(path)
            except OSError:
                continue
            h.update(f"{os.path.relpath(path, root)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def run_key(config: Config, rules: Iterable[Rule], as_of: dt.date) -> str:
    """Everything besides the entry files that the findings depend on."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{package_digest()}\0{config.digest}\0{as_of.isoformat()}\0".encode())
    h.update(str(config.root.resolve()).encode())
    for rule in rules:
        cls = type(rule)
        h.update(f"\n{cls.__module__}.{cls.__qualname__}\0{rule.code}\0{rule.level}\0".encode())
        h.update(_canon(rule.opts).encode())
    for path in [*template_paths(config), *sorted(custom_pack_paths(config))]:
        h.update(f"\n{path}\0".encode())
        h.update(_file_digest(path).encode())
    return h.hexdigest()


def _canon(value: Any) -> str:
    """A stable text for option values (sets and dict order must not change the key)."""
    if isinstance(value, dict):
        items = sorted((_canon(k), _canon(v)) for k, v in value.items())
        return "{" + ",".join(f"{k}:{v}" for k, v in items) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(_canon(v) for v in value) + "]"
    if isinstance(value, set | frozenset):
        return "{" + ",".join(sorted(_canon(v) for v in value)) + "}"
    return repr(value)


def library_digest(library: Library) -> str:
    """Every entry file's display path and content hash (a parse result, errors included,
    follows from the content)."""
    return _digest_pairs((s.display, s.digest) for s in library.files)


def _digest_pairs(pairs: Iterable[tuple[str, str]]) -> str:
    h = hashlib.blake2b(digest_size=16)
    for display, digest in pairs:
        h.update(f"{display}\0{digest}\n".encode())
    return h.hexdigest()


def quick_result(
    config: Config, rules: Iterable[Rule], as_of: dt.date
) -> tuple[list[Finding], int, int] | None:
    """``(findings, files, entries)`` of the last full run when nothing has changed since,
    without loading the parse cache: only the entry files are read and hashed. Findings
    come back without their ``Entry`` (enough for reports and baselines)."""
    pairs: list[tuple[str, str]] = []
    from cskit.fileio import read_input
    from cskit.library.load import MAX_FILE_BYTES

    for path in library_paths(config):
        try:
            digest = hashlib.blake2b(read_input(path, MAX_FILE_BYTES), digest_size=16).hexdigest()
        except OSError:
            return None  # the full run reports it
        pairs.append((display_path(path), digest))
    data = _read(config.root / CACHE_DIR / CACHE_FILE)
    whole = data.get("whole")
    if data.get("key") != run_key(config, rules, as_of) or not whole:
        return None
    if whole[0] != _digest_pairs(pairs):
        return None
    findings, _locators = whole[1]
    return list(findings), len(pairs), whole[2]


def cached_result(
    config: Config, rules: list[Rule], as_of: dt.date, lang: str | None
) -> LintResult | None:
    """A full run's :class:`LintResult` straight from the cache, or None (then lint)."""
    from cskit.lint.result import LintResult

    quick = quick_result(config, rules, as_of)
    if quick is None:
        return None
    findings, files, entries = quick
    findings.sort(key=Finding.sort_key)
    return LintResult(findings, files, entries, lang=lang or config.language, rules=rules)


def _file_digest(path: Path) -> str:
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return "unreadable"


@dataclass
class LintCache:
    """One run's view of ``.cskit_cache/lint.pickle``."""

    path: Path
    key: str
    library: Library
    whole: tuple[str, Stored, int] | None = None
    files: dict[tuple[str, str], Stored] = field(default_factory=dict)
    new_files: dict[tuple[str, str], Stored] = field(default_factory=dict)
    _entries: dict[tuple[str, int], Entry] | None = None

    @classmethod
    def open(cls, library: Library, rules: Iterable[Rule], as_of: dt.date) -> LintCache:
        path = library.config.root / CACHE_DIR / CACHE_FILE
        store = cls(path=path, key=run_key(library.config, rules, as_of), library=library)
        data = _read(path)
        if data.get("key") == store.key:
            store.whole = data.get("whole")
            store.files = data.get("files") or {}
        return store

    # -- whole run --------------------------------------------------------------------
    def whole_run(self) -> list[Finding] | None:
        """The findings of the last full run if nothing at all has changed since."""
        if self.whole is None or self.whole[0] != library_digest(self.library):
            return None
        return self._attach(self.whole[1])

    def save(self, findings: list[Finding]) -> None:
        """Remember a full run (and the per-file entry results gathered during it)."""
        files = {k: v for k, v in self.files.items() if k in self._live_keys()}
        files.update(self.new_files)
        data = {
            "key": self.key,
            "whole": (library_digest(self.library), detach(findings), len(self.library.entries)),
            "files": files,
        }
        cachefile.write(self.path, CACHE_FILE, data)  # read-only checkout: no cache

    # -- per file (entry-scope rules) ----------------------------------------------------
    def file_findings(self, source: SourceFile) -> list[Finding] | None:
        stored = self.files.get((source.display, source.digest))
        return None if stored is None else self._attach(stored)

    def has_file(self, source: SourceFile) -> bool:
        return (source.display, source.digest) in self.files

    def put_file(self, source: SourceFile, findings: list[Finding]) -> None:
        self.new_files[(source.display, source.digest)] = detach(findings)

    def _live_keys(self) -> set[tuple[str, str]]:
        return {(s.display, s.digest) for s in self.library.files}

    def _attach(self, stored: Stored) -> list[Finding]:
        if self._entries is None:
            self._entries = entry_index(self.library)
        return attach(stored, self._entries)


def entry_index(library: Library) -> dict[tuple[str, int], Entry]:
    return {(e.file.display, e.index): e for e in library.entries}


def attach(stored: Stored, entries: dict[tuple[str, int], Entry]) -> list[Finding]:
    """Findings stored by :func:`detach`, with their entries back."""
    findings, locators = stored
    out: list[Finding] = []
    for finding, loc in zip(findings, locators, strict=True):
        entry = entries.get(loc) if loc is not None else None
        out.append(replace(finding, entry=entry))
    return out


def detach(findings: list[Finding]) -> Stored:
    """Findings without their ``Entry`` objects (picklable), plus where each entry was."""
    locators: list[Locator] = [
        (f.entry.file.display, f.entry.index) if f.entry is not None else None for f in findings
    ]
    return [replace(f, entry=None) for f in findings], locators


def _read(path: Path) -> dict[str, Any]:
    """The cache's content, or ``{}`` (missing, foreign, old or damaged: a cold run)."""
    data = cachefile.read(path, CACHE_FILE, (Finding, Fix, Related))
    return data if isinstance(data, dict) else {}


def clean(library_root: Path) -> list[Path]:
    """Remove ``.cskit_cache/`` under ``library_root``; return what was removed. The write
    lock and a pending write journal are not caches: while they exist, they stay."""
    import shutil

    from cskit import transaction, writelock

    folder = library_root / CACHE_DIR
    if not folder.is_dir():
        return []
    keep = {writelock.LOCK_FILE, transaction.JOURNAL_FILE}
    if not any((folder / name).exists() for name in keep):
        shutil.rmtree(folder)
        return [folder]
    with writelock.locked(library_root):  # not while a write is under way
        for item in folder.iterdir():
            if item.name in keep or item.name == ".gitignore":
                continue
            if item.is_dir() and not item.is_symlink():
                shutil.rmtree(item)
            else:
                item.unlink()
    return [folder]
