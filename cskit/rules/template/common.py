"""What the T rules share: the texts to check, their analysis (parsed once per run) and the
mapping from a line/column inside a template to the line/column of the YAML file.

Targets are the customer-visible texts of every changed, non-archived entry (the answer and
each ``channels`` override) and every ``templates/*.j2`` file.

Position mapping (``entry.value_mark``): a literal block (``|``, ``|-``) maps exactly — the
template's line k is file line ``value line + k`` and the column adds the block's
indentation. A single-line plain or quoted scalar maps to the value's line and column plus
the offset (and the opening quote). Folded blocks (``>``) and multi-line flow scalars join
lines, so their line is an approximation (the template line counted from the block start).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from cskit import __version__, cachefile
from cskit.findings import Finding
from cskit.library.load import template_paths
from cskit.library.model import CACHE_DIR, Entry, display_path
from cskit.library.positions import _read_lines, entry_text_position
from cskit.rules.base import Context, Rule

if TYPE_CHECKING:
    from cskit.render.analysis import Analysis
    from cskit.render.renderer import Renderer

_CACHE_VERSION = f"{__version__}/templates-2"
# The modules whose behaviour the cache stores: a change to the content of any of them
# invalidates the cache. Named as modules, so a moved or renamed one fails loudly.
_CACHED_CODE = (
    "cskit.render.analysis",
    "cskit.render.quickanalysis",
    "cskit.render.environment",
    "cskit.render.limits",
    "cskit.render.scopes",
    "cskit.render.filters",
    "cskit.render.values",
    "cskit.render.renderer",
)
_CACHE_LIMIT = 500_000
_CACHE_NAME = "templates.pickle"
JINJA_SPAN = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


@dataclass
class Target:
    """One text the T rules check: an entry's answer/channel text or a template file."""

    text: str
    entry: Entry | None = None
    key: tuple[str | int, ...] = ()
    path: Path | None = None
    error: str | None = None  # a template file that could not be read

    @property
    def display(self) -> str:
        if self.entry is not None:
            return f"{self.entry.id}:{'.'.join(map(str, self.key))}"
        return display_path(self.path) if self.path else "?"


def targets(ctx: Context) -> list[Target]:
    """The texts to check in this run (memoised: seven rules share one list)."""
    memo = ctx.memo.get("t:targets")
    if memo is not None:
        return memo
    found: list[Target] = []
    for entry in ctx.library.entries:
        if entry.status == "archived" or not ctx.is_changed(entry):
            continue
        for key, text in entry.texts():
            found.append(Target(text, entry, key))
    # Templates are few and always checked; on changed-only runs the linter keeps the
    # findings of the files that changed (``cskit lint templates/x.j2`` in a hook).
    for path in template_paths(ctx.config):
        try:
            found.append(Target(path.read_text(encoding="utf-8"), path=path))
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or "not UTF-8 text"
            found.append(Target("", path=path, error=str(reason)))
    ctx.memo["t:targets"] = found
    return found


def analysis(ctx: Context, text: str) -> Analysis:
    """The AST analysis of a text, once per run. Simple shapes are read directly
    (:mod:`cskit.render.quickanalysis`); what Jinja must parse is kept in ``.cskit_cache/`` so a
    warm run parses nothing."""
    seen: dict[str, Analysis] = ctx.memo.setdefault("t:analysis", {})
    result = seen.get(text)  # seven rules ask about each text: hash it once
    if result is not None:
        return result
    from cskit.render.quickanalysis import quick_analyse

    result = quick_analyse(text)  # simple shapes: cheaper than a cache look-up
    if result is None:
        store = disk_cache(ctx)
        key = _digest(text)
        result = store.ast.get(key)
        if result is None:
            from cskit.render.analysis import analyse  # Jinja's parser for all other shapes

            result = store.ast[key] = analyse(text, ctx.memo.setdefault("t:trees", {}))
            store.dirty = True
    seen[text] = result
    return result


@dataclass
class DiskCache:
    """Template analyses and T006 outcomes by content hash (``.cskit_cache/templates.pickle``).

    T006 keys include the config digest, so a changed registry or sample re-renders
    everything; texts that call ``reply()`` are never cached (they depend on other entries).
    Sealed and read as plain data only (:mod:`cskit.cachefile`).
    """

    path: Path | None
    ast: dict[str, Analysis] = field(default_factory=dict)
    renders: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)
    dirty: bool = False

    def flush(self) -> None:
        if not self.dirty or self.path is None:
            return
        self.dirty = False
        if len(self.ast) > _CACHE_LIMIT or len(self.renders) > _CACHE_LIMIT:
            return  # a runaway cache is not worth writing; the next cold run rebuilds it
        cachefile.write(self.path, _CACHE_NAME, (_cache_version(), self.ast, self.renders))


def disk_cache(ctx: Context) -> DiskCache:
    existing = ctx.memo.get("t:cache")
    if existing is not None:
        return existing
    path = None
    if ctx.library.use_cache:
        path = ctx.config.root / CACHE_DIR / _CACHE_NAME
    store = DiskCache(path)
    if path is not None:
        from cskit.render.analysis import Analysis, FilterUse, Use

        data = cachefile.read(path, _CACHE_NAME, (Analysis, FilterUse, Use))
        if isinstance(data, tuple) and len(data) == 3 and data[0] == _cache_version():
            _version, ast, renders = data
            if isinstance(ast, dict) and isinstance(renders, dict):
                store.ast, store.renders = ast, renders
    ctx.memo["t:cache"] = store
    return store


def _digest(*parts: str) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()


def render_key(ctx: Context, target: Target) -> str | None:
    """The T006 cache key of a target, or None when its outcome depends on other entries."""
    if "reply" in target.text:
        return None
    entry = target.entry
    extra = ""
    if entry is not None:
        extra = repr((entry.data.get("samples"), entry.data.get("conditions")))
    return _digest(_cache_version(), ctx.config.digest, target.text, extra)


@functools.lru_cache(maxsize=1)
def _cache_version() -> str:
    """cskit's version plus a digest of the analysing and rendering code."""
    h = hashlib.blake2b(_CACHE_VERSION.encode(), digest_size=8)
    for name in _CACHED_CODE:
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            raise ModuleNotFoundError(name)  # moved or renamed: fail, never cache stale code
        with contextlib.suppress(OSError):  # a zipped install: the version alone decides
            h.update(Path(spec.origin).read_bytes())
    return h.hexdigest()


def renderer(ctx: Context) -> Renderer:
    from cskit.render.renderer import Renderer

    existing = ctx.memo.get("t:renderer")
    if existing is None:
        existing = ctx.memo["t:renderer"] = Renderer(ctx.config, ctx.library)
    return existing


def _file_lines(ctx: Context, entry: Entry) -> list[str]:
    cache: dict[str, list[str]] = ctx.memo.setdefault("t:lines", {})
    key = str(entry.file.path)
    if key not in cache:
        cache[key] = _read_lines(entry.file.path)
    return cache[key]


def file_position(ctx: Context, target: Target, line: int, col: int) -> tuple[int, int]:
    """Map (1-based line, 0-based column) inside the template to the file (both 1-based)."""
    entry = target.entry
    if entry is None:
        return line, col + 1
    return entry_text_position(entry, target.key, line, col, lambda: _file_lines(ctx, entry))


def report(
    rule: Rule,
    ctx: Context,
    target: Target,
    line: int,
    col: int,
    zh: str,
    en: str,
    evidence: str,
) -> Finding:
    """A finding at a line/column inside ``target``'s text, placed in the right file."""
    file_line, file_col = file_position(ctx, target, line, col)
    if target.entry is not None:
        return rule.report(
            target.entry, target.key, zh, en, position=(file_line, file_col), evidence=evidence
        )
    return rule.report_file(
        display_path(target.path) if target.path else "?",
        file_line,
        file_col,
        zh,
        en,
        evidence=evidence,
    )


class TemplateRule(Rule):
    """Base of the T rules that check every template text (answers, channel texts,
    ``templates/*.j2``): subclasses write :meth:`check_targets`; the parse cache they share
    (``cskit.rules.template.common``) is saved once they are done."""

    scope: ClassVar[str] = "library"

    def check_library(self, ctx: Context) -> Iterable[Finding]:
        from cskit.rules.template.common import disk_cache

        yield from self.check_targets(ctx)
        disk_cache(ctx).flush()

    def check_targets(self, ctx: Context) -> Iterator[Finding]:
        raise NotImplementedError
