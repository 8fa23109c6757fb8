"""Which entries changed, according to git: ``--staged`` and ``--changed-since REF``.

"Changed" is decided per entry, not per line or file (so moving or reformatting is no change): the entries
of every file git reports as changed are parsed at the base revision and compared by id
with the entries on disk. An entry is changed when any of its fields (with the file's
``defaults`` applied) differs, or when it is new. Moving an entry to another file, renaming
the file or reformatting it changes nothing. A file that did not parse at the base counts
all its entries as changed; a changed ``cskit.yaml`` means everything changed.

Entries that still name an entry which no longer exists (``replaced_by``, ``reply('id')``)
count as changed too, so deleting an entry that others point at is caught by the hook.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cskit.errors import GitError, UsageError
from cskit.library.load import _entries, custom_pack_paths, template_paths
from cskit.library.model import Entry, Library, SourceFile, display_path
from cskit.library.parsecache import parse_bytes

_EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"


@dataclass
class ChangeSet:
    """What changed: ``entries`` holds ``id()`` of changed entries, ``files`` display paths
    of changed library and template files. ``everything`` means the config changed."""

    entries: set[int] = field(default_factory=set)
    files: set[str] = field(default_factory=set)
    everything: bool = False
    removed_ids: set[str] = field(default_factory=set)

    def as_lint_args(self) -> tuple[set[int] | None, set[str] | None]:
        """``(changed, changed_files)`` for :func:`cskit.lint.engine.lint` (None: everything)."""
        if self.everything:
            return None, None
        return self.entries, self.files


def staged(library: Library) -> ChangeSet:
    """Entries changed between ``HEAD`` and the index (what ``git commit`` would record)."""
    top = repo_root(library.root)
    base = "HEAD" if _has_head(top) else None
    paths = _z(
        run_git(["diff", "--cached", "--name-only", "--no-renames", "-z", base or _EMPTY_TREE], top)
    )
    return _compare(library, top, base, paths, new_rev=":")


def changed_since(library: Library, ref: str) -> ChangeSet:
    """Entries changed since the merge base of ``ref`` and ``HEAD``, including uncommitted
    and untracked files (what a pull request or branch would bring in)."""
    top = repo_root(library.root)
    if not ref or ref.startswith("-"):
        raise GitError(
            f"--changed-since {ref!r} 不是 git 版本",
            en=f"--changed-since {ref!r} is not a git revision",
        )
    try:
        run_git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], top)
    except GitError:
        raise GitError(
            f"--changed-since {ref!r}：git 不认识这个版本（分支、标签或提交）",
            hint="检查拼写；只在远程的分支先取回（CI 里：`git fetch origin main`，或 checkout 设 fetch-depth: 0）",
            en=f"--changed-since {ref!r}: git does not know this revision (branch, tag or commit)",
            hint_en="check the spelling; fetch a branch that exists only on the remote "
            "(CI: `git fetch origin main`, checkout fetch-depth: 0)",
        ) from None
    try:
        base = run_git(["merge-base", ref, "HEAD"], top).decode().strip()
    except GitError:
        raise GitError(
            f"--changed-since {ref!r}：与 HEAD 没有共同祖先",
            hint="先取回该分支（CI 里：`git fetch origin main`，或 checkout 设 fetch-depth: 0）",
            en=f"--changed-since {ref!r}: no common ancestor with HEAD",
            hint_en="fetch the branch first (CI: `git fetch origin main`, checkout fetch-depth: 0)",
        ) from None
    paths = _z(run_git(["diff", "--name-only", "--no-renames", "-z", base], top))
    paths += _z(run_git(["ls-files", "--others", "--exclude-standard", "-z"], top))
    return _compare(library, top, base, paths, new_rev=None)


def repo_root(folder: Path) -> Path:
    """The top of the git work tree that holds ``folder``."""
    out = run_git(["rev-parse", "--show-toplevel"], folder)
    return Path(out.decode().strip()).resolve()


# --- comparison --------------------------------------------------------------------------


def _compare(
    library: Library, top: Path, base: str | None, paths: list[str], new_rev: str | None
) -> ChangeSet:
    changes = ChangeSet()
    changed_abs = {(top / p).resolve(): p for p in dict.fromkeys(paths)}
    config = library.config
    # cskit.yaml and custom word packs apply to every entry.
    shared = custom_pack_paths(config) | ({config.path.resolve()} if config.path else set())
    if shared & set(changed_abs):
        changes.everything = True
        return changes
    for tpl in template_paths(config):
        if tpl.resolve() in changed_abs:
            changes.files.add(display_path(tpl))
    lib_dir = library.root.resolve()
    library_paths = {
        p: rel
        for p, rel in changed_abs.items()
        if p.suffix in (".yaml", ".yml") and _inside(p, lib_dir)
    }
    if not library_paths:
        return changes
    old_blobs = _read_blobs(top, base, list(library_paths.values()))
    # The pool of entries as they were at the base, by id, across every changed file:
    # an entry that moved from one changed file to another still finds its old self.
    pool: dict[str, list[dict[str, Any]]] = {}
    unparsable: set[Path] = set()
    for path, rel in library_paths.items():
        blob = old_blobs.get(rel)
        if blob is None:
            continue  # new at the base: its entries are matched against the pool only
        old_entries = _parse_entries(path, blob)
        if old_entries is None:
            unparsable.add(path)
            continue
        for entry in old_entries:
            pool.setdefault(entry.id, []).append(entry.data)
    old_ids = set(pool)
    current = [s for s in library.files if s.path.resolve() in library_paths]
    new_blobs = _read_blobs(top, new_rev, [library_paths[s.path.resolve()] for s in current])
    for source in current:
        changes.files.add(source.display)
        entries = _staged_entries(source, new_blobs.get(library_paths[source.path.resolve()]))
        for entry, data in entries:
            if source.path.resolve() in unparsable or not _take(pool, entry.id, data):
                changes.entries.add(id(entry))
    present = {e.id for e in library.entries}
    changes.removed_ids = {i for i in old_ids - present if i}
    changes.entries |= _referrers(library.entries, changes.removed_ids)
    return changes


def _staged_entries(source: SourceFile, blob: bytes | None) -> list[tuple[Entry, dict[str, Any]]]:
    """Entries of a file on disk, each with the data to compare. With the index as the new
    side, the staged content decides; an entry edited only in the work tree keeps its staged
    data (matched by id)."""
    if blob is None:
        return [(e, e.data) for e in source.entries]
    staged_entries = _parse_entries(source.path, blob)
    if staged_entries is None:
        return [(e, e.data) for e in source.entries]
    by_id: dict[str, list[dict[str, Any]]] = {}
    for e in staged_entries:
        by_id.setdefault(e.id, []).append(e.data)
    out: list[tuple[Entry, dict[str, Any]]] = []
    for entry in source.entries:
        candidates = by_id.get(entry.id)
        out.append((entry, candidates.pop(0) if candidates else entry.data))
    return out


def _take(pool: dict[str, list[dict[str, Any]]], entry_id: str, data: dict[str, Any]) -> bool:
    """Consume an identical old entry with this id from the pool; False when none is left
    (new, edited, or a second copy of an unchanged entry)."""
    olds = pool.get(entry_id)
    if not olds:
        return False
    for i, old in enumerate(olds):
        if old == data:
            del olds[i]
            return True
    return False


def _referrers(entries: Iterable[Entry], removed: set[str]) -> set[int]:
    """Entries whose ``replaced_by`` or text still names a removed entry id."""
    if not removed:
        return set()
    out: set[int] = set()
    for entry in entries:
        target = entry.data.get("replaced_by")
        texts = [text for _, text in entry.texts()]
        if target in removed or any(f"'{i}'" in t or f'"{i}"' in t for t in texts for i in removed):
            out.add(id(entry))
    return out


def _parse_entries(path: Path, blob: bytes) -> list[Entry] | None:
    doc, error = parse_bytes(blob)
    if error is not None:
        return None
    return list(_entries([SourceFile(path, str(path), "", doc)]))


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


# --- git plumbing ------------------------------------------------------------------------


def _read_blobs(top: Path, rev: str | None, paths: list[str]) -> dict[str, bytes | None]:
    """``{path: content at rev}`` (None where the path does not exist there) in one
    ``git cat-file --batch`` call. ``rev`` ``":"`` means the index; None the work tree."""
    if rev is None:
        return {}
    if not paths:
        return {}
    names = [f"{rev}{p}" if rev == ":" else f"{rev}:{p}" for p in paths]
    found = read_batch(top, names)
    return {path: found[name] for path, name in zip(paths, names, strict=True)}


def read_batch(cwd: Path, names: list[str]) -> dict[str, bytes | None]:
    """``{name: content}`` for object names (``HEAD:path``, ``:path``, blob ids) in one
    ``git cat-file --batch`` call; None where git has no such blob."""
    if any("\n" in n for n in names):
        raise GitError(
            "有文件名含换行符，cskit 无法用 git 比较它",
            en="a file name contains a line break; cskit cannot compare it with git",
        )
    out = run_git(["cat-file", "--batch"], cwd, stdin="".join(n + "\n" for n in names).encode())
    blobs: dict[str, bytes | None] = {}
    pos = 0
    for name in names:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            blobs[name] = out[pos : pos + size]
            pos += size + 1
        else:
            blobs[name] = None  # "missing" (a new file) or not a blob
    return blobs


def _has_head(top: Path) -> bool:
    try:
        run_git(["rev-parse", "--verify", "--quiet", "HEAD"], top)
    except GitError:
        return False
    return True


def _z(out: bytes) -> list[str]:
    return [p for p in out.decode("utf-8", "surrogateescape").split("\0") if p]


def run_git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    """``git ARGS`` in ``cwd``: its output, or one :class:`GitError` line for the user."""
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    # GIT_INDEX_FILE (set by git for hooks) is kept: it is the index the commit records.
    try:
        proc = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            env=env,
            check=False,
        )
    except FileNotFoundError:
        raise GitError(
            "没有安装 git",
            hint="安装 git，或去掉 --staged / --changed-since",
            en="git is not installed",
            hint_en="install git or drop --staged / --changed-since",
        ) from None
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        first = message[0] if message else f"git {args[0]} failed"
        if "not a git repository" in first:
            raise GitError(
                f"{cwd} 不在 git 仓库里",
                hint="--staged 和 --changed-since 需要 git 仓库；请去掉它们再运行",
                en=f"{cwd} is not inside a git repository",
                hint_en="--staged and --changed-since need a git repository; run without them",
            )
        raise GitError(f"git {args[0]} 失败：{first}", en=f"git {args[0]}: {first}")
    return proc.stdout


def from_options(library: Library, *, staged_: bool, since: str | None) -> ChangeSet | None:
    """The change set the ``--staged`` / ``--changed-since`` options ask for (None: all)."""
    if staged_ and since:
        raise UsageError(
            "--staged 和 --changed-since 不能同时使用",
            en="--staged and --changed-since cannot be combined",
        )
    if staged_:
        return staged(library)
    if since:
        return changed_since(library, since)
    return None


def git_path(top: Path, name: str) -> Path:
    """``git rev-parse --git-path NAME`` as an absolute path (honours ``core.hooksPath``)."""
    out = run_git(["rev-parse", "--git-path", name], top).decode().strip()
    return (top / out).resolve()
