"""What duplicate detection needs from each entry, cached per file.

Before any comparison, :func:`cskit.dupes.find_dupes` needs, for every active entry with an
answer, the canonical answer and the distinct canonical questions (with their positions).
On a 100,000-entry library that is 300,000 canon look-ups and as many Python objects,
seconds of work that a git hook changing one file should not repeat. :func:`build_index`
keeps it in ``.cskit_cache/dupeindex.pickle``, one record per file keyed by the file's
content hash: a run re-derives only the files whose content changed and reads the others
with one ``pickle.load``.

The record depends only on the file's bytes and on :data:`cskit.canon.CANON_VERSION`
(thresholds, opposites and the rest of cskit.yaml are applied later, to the texts), so
:data:`INDEX_VERSION` and ``CANON_VERSION`` key the whole file. A missing, damaged or
foreign cache file only means a cold run.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from pathlib import Path

from cskit.canon import CANON_VERSION, canon, canon_question
from cskit.fileio import atomic_write_bytes
from cskit.library import CACHE_DIR, Entry, Library, SourceFile
from cskit.nearpairs import remap_table

INDEX_VERSION = "dupeindex-3"  # bump whenever a record or a remap table changes shape
INDEX_FILE = "dupeindex.pickle"


@dataclass
class FileIndex:
    """One file's part, in columns (few objects: one ``pickle.load`` of 100 files of 1,000
    entries takes a tenth of a second). Answers are per pooled entry; questions are the
    distinct canonical questions of each, flattened, with the pooled entry they belong to."""

    positions: list[int] = field(default_factory=list)  # in SourceFile.entries
    answers: list[str] = field(default_factory=list)  # canon(answer)
    mapped: list[str] = field(default_factory=list)  # remapped below U+0100 (nearpairs)
    q_owner: list[int] = field(default_factory=list)  # index into this file's pooled entries
    q_texts: list[str] = field(default_factory=list)  # canon_question(question)
    q_keys: list[int] = field(default_factory=list)  # index in the entry's questions
    q_mapped: list[str] = field(default_factory=list)


Tables = tuple[dict[int, int], dict[int, int]]  # remap tables: answers, questions


@dataclass
class DupeIndex:
    """Pooled entries (active, with a non-blank answer) in library order, with their texts,
    and the flattened questions (``q_owner`` indexes ``pool``)."""

    pool: list[Entry] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)  # canon(answer), parallel to pool
    mapped: list[str] = field(default_factory=list)  # remapped answers, parallel to pool
    q_owner: list[int] = field(default_factory=list)
    q_texts: list[str] = field(default_factory=list)
    q_keys: list[int] = field(default_factory=list)
    q_mapped: list[str] = field(default_factory=list)
    reused: int = 0  # files read from the cache


def pooled(entry: Entry) -> bool:
    """Drafts, archived entries and entries without an answer (E004) are not compared."""
    answer = entry.data.get("answer")
    return entry.active and isinstance(answer, str) and bool(answer.strip())


def _canon_part(source: SourceFile) -> FileIndex:
    part = FileIndex()
    for position, entry in enumerate(source.entries):
        if not pooled(entry):
            continue
        owner = len(part.positions)
        part.positions.append(position)
        part.answers.append(canon(entry.data["answer"]))
        asked = entry.data.get("questions")
        seen: set[str] = set()
        for k, question in enumerate(asked if isinstance(asked, list) else ()):
            if isinstance(question, str):
                text = canon_question(question)
                if text and text not in seen:
                    seen.add(text)
                    part.q_owner.append(owner)
                    part.q_texts.append(text)
                    part.q_keys.append(k)
    return part


def build_index(library: Library, use_cache: bool) -> DupeIndex:
    """The index of ``library``; with ``use_cache`` read and refresh the per-file cache.

    The remap tables are kept with the records: any table keeps the near-pair search exact
    (a many-to-one map can only raise scores), so a table built once is reused, and only
    a cold run (no usable cache) builds new ones from the library's texts."""
    path = library.config.root / CACHE_DIR / INDEX_FILE
    tables, cached = _read(path) if use_cache else (None, {})
    parts: list[tuple[SourceFile, FileIndex]] = []
    built: list[FileIndex] = []
    for source in library.files:
        if not source.entries:
            continue
        hit = cached.get(str(source.path))
        if tables is not None and hit is not None and hit[0] == source.digest:
            parts.append((source, hit[1]))
        else:
            part = _canon_part(source)
            built.append(part)
            parts.append((source, part))
    if tables is None:
        answers = [a for part in built for a in part.answers]
        asked = [q for part in built for q in part.q_texts]
        tables = (remap_table(answers), remap_table(asked))
    for part in built:
        part.mapped = [a.translate(tables[0]) for a in part.answers]
        part.q_mapped = [q.translate(tables[1]) for q in part.q_texts]
    index = DupeIndex(reused=len(parts) - len(built))
    for source, part in parts:
        entries, base = source.entries, len(index.pool)
        index.pool.extend([entries[p] for p in part.positions])
        index.answers.extend(part.answers)
        index.mapped.extend(part.mapped)
        index.q_owner.extend([base + o for o in part.q_owner])
        index.q_texts.extend(part.q_texts)
        index.q_keys.extend(part.q_keys)
        index.q_mapped.extend(part.q_mapped)
    if use_cache and (built or len(cached) != len(parts)):
        fresh = {str(source.path): (source.digest, part) for source, part in parts}
        _write(path, tables, fresh)
    return index


def _read(path: Path) -> tuple[Tables | None, dict[str, tuple[str, FileIndex]]]:
    try:
        with path.open("rb") as fh:
            version, tables, files = pickle.load(fh)
    except Exception:  # a missing or damaged cache only means a cold run
        return None, {}
    if version != (INDEX_VERSION, CANON_VERSION) or not isinstance(files, dict):
        return None, {}
    return tables, files


def _write(path: Path, tables: Tables, files: dict[str, tuple[str, FileIndex]]) -> None:
    try:
        path.parent.mkdir(exist_ok=True)
        blob = pickle.dumps(((INDEX_VERSION, CANON_VERSION), tables, files), protocol=5)
        atomic_write_bytes(path, blob)
    except OSError:
        return  # a read-only checkout still works, just without the cache
