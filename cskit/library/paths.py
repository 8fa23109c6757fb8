"""Which library a command's path arguments belong to, and which of its files they name.

``cskit lint PATH…`` and ``cskit dupes PATH…`` take files and folders:

- a file of the library (an entry file, a template) selects that file;
- a folder selects the library files below it; a folder holding ``cskit.yaml`` (or the
  library's own folder, or one above it) selects the whole library, as do ``cskit.yaml``
  and the custom word packs it names (a changed setting can affect any entry);
- anything else is *outside* the library: the command stops (exit 2), unless told to skip
  such paths (``--skip-outside``, what the pre-commit hook passes: every staged YAML file).

Without ``--library``, the library is the one whose ``cskit.yaml`` is nearest above the
paths (so a hook run from the repository root finds ``lib/cskit.yaml`` from ``lib/a.yaml``),
else the one found from the current folder.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cskit.config.load import discover
from cskit.config.model import Config
from cskit.errors import LibraryNotFound, UsageError


def discover_for(library: Path | None, paths: Sequence[Path]) -> tuple[Path | None, Path]:
    """``(cskit.yaml or None, library folder)`` for a command given ``paths``: ``--library``,
    else the nearest library above the paths (they must agree), else from the current folder."""
    if library is not None or not paths:
        return discover(library)
    found: dict[Path, tuple[Path | None, Path]] = {}
    starts = dict.fromkeys(path if path.is_dir() else path.parent for path in paths)
    for start in starts:  # a hook passes many files of few folders
        try:
            config, folder = discover(None, start=start)
        except LibraryNotFound:
            continue
        key = (config or folder).resolve()
        found.setdefault(key, (config, folder))
    if len(found) > 1:
        names = ", ".join(str(c) for c, _ in found.values())
        raise UsageError(
            f"这些路径分属 {len(found)} 个库（{names}）",
            hint="每个库单独运行一次，并用 --library 指明",
            en=f"the paths belong to {len(found)} libraries ({names})",
            hint_en="run once per library, with --library DIR",
        )
    if found:
        return next(iter(found.values()))
    return discover(None)


@dataclass
class PathSelection:
    """What the paths name. ``files`` and ``templates`` are resolved paths; ``everything``
    means the whole library; ``outside`` lists the paths that are not part of it."""

    files: set[Path] = field(default_factory=set)
    templates: set[Path] = field(default_factory=set)
    everything: bool = False
    outside: list[Path] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.everything or self.files or self.templates)


def select(
    config: Config,
    entry_paths: Sequence[Path],
    template_paths: Sequence[Path],
    pack_paths: set[Path],
    paths: Sequence[Path],
) -> PathSelection:
    """Sort ``paths`` into library files, templates, the whole library and the rest."""
    entries = {p.resolve() for p in entry_paths}
    templates = {p.resolve() for p in template_paths}
    config_file = config.path.resolve() if config.path else None
    library_dir = config.library_dir.resolve()
    templates_dir = config.templates_dir.resolve() if config.templates_dir else None
    sel = PathSelection()
    for path in paths:
        if not path.exists():
            raise UsageError(
                f"{path} 不存在",
                hint="请传入库里的文件或文件夹",
                en=f"{path} does not exist",
                hint_en="pass files or folders of the library",
            )
        real = path.resolve()
        if path.is_dir():
            holds_config = config_file is not None and real in config_file.parents
            if holds_config or real == library_dir or real in library_dir.parents:
                sel.everything = True
                continue
            below = {f for f in entries if real in f.parents}
            below_t = {t for t in templates if real in t.parents}
            inside = library_dir in real.parents or (
                templates_dir is not None
                and (real == templates_dir or templates_dir in real.parents)
            )
            if below or below_t or inside:
                sel.files |= below
                sel.templates |= below_t
            else:
                sel.outside.append(path)
        elif real == config_file or real in pack_paths:
            sel.everything = True
        elif real in entries:
            sel.files.add(real)
        elif real in templates:
            sel.templates.add(real)
        else:
            sel.outside.append(path)
    return sel


def outside_error(path: Path, config: Config) -> UsageError:
    """The error for a path that is not part of the library (exit 2)."""
    where = config.path or config.library_dir
    return UsageError(
        f"{path} 不属于 {where} 所在的库",
        hint="请传入库里的条目文件、模板或文件夹；pre-commit 钩子会传入所有暂存的 YAML 文件，"
        "请在钩子里使用 `cskit lint --skip-outside`",
        en=f"{path} is not part of the library of {where}",
        hint_en="pass entry files, templates or folders of the library; a pre-commit hook "
        "passes every staged YAML file: use `cskit lint --skip-outside` there",
    )


Limit = tuple[set[int] | None, set[str] | None]
"""``(entries, files)`` a run reports on: ``id()`` of entries and display paths; None is all."""


def narrow(a: Limit, b: Limit) -> Limit:
    """Both limits at once (``--staged`` with the files pre-commit passes): None is "all"."""
    entries = a[0] if b[0] is None else b[0] if a[0] is None else a[0] & b[0]
    files = a[1] if b[1] is None else b[1] if a[1] is None else a[1] & b[1]
    return entries, files
