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

INDEX_VERSION = "dupeindex-2"  # bump whenever a record or a remap table changes shape
INDEX_FILE = "dupeindex.pickle"

# One pooled entry of a file: its position in ``SourceFile.entries``, its canonical answer
# and that answer remapped below U+0100 (:mod:`cskit.nearpairs`), and its distinct canonical
# questions as ``(canon question, index in questions, remapped question)``.
Question = tuple[str, int, str]
Record = tuple[int, str, str, tuple[Question, ...]]
Tables = tuple[dict[int, int], dict[int, int]]  # remap tables: answers, questions


@dataclass
class DupeIndex:
    """Pooled entries (active, with a non-blank answer) in library order, with their texts."""

    pool: list[Entry] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)  # canon(answer), parallel to pool
    mapped: list[str] = field(default_factory=list)  # remapped answers, parallel to pool
    questions: list[tuple[Question, ...]] = field(default_factory=list)
    reused: int = 0  # files read from the cache


def pooled(entry: Entry) -> bool:
    """Drafts, archived entries and entries without an answer (E004) are not compared."""
    answer = entry.data.get("answer")
    return entry.active and isinstance(answer, str) and bool(answer.strip())


def _canon_records(source: SourceFile) -> list[tuple[int, str, list[tuple[str, int]]]]:
    out: list[tuple[int, str, list[tuple[str, int]]]] = []
    for position, entry in enumerate(source.entries):
        if not pooled(entry):
            continue
        asked = entry.data.get("questions")
        seen: dict[str, int] = {}
        if isinstance(asked, list):
            for k, question in enumerate(asked):
                if isinstance(question, str):
                    text = canon_question(question)
                    if text and text not in seen:
                        seen[text] = k
        out.append((position, canon(entry.data["answer"]), list(seen.items())))
    return out


def build_index(library: Library, use_cache: bool) -> DupeIndex:
    """The index of ``library``; with ``use_cache`` read and refresh the per-file cache.

    The remap tables are kept with the records: any table keeps the near-pair search exact
    (a many-to-one map can only raise scores), so a table built once is reused, and only
    a cold run (no usable cache) builds new ones from the library's texts."""
    path = library.config.root / CACHE_DIR / INDEX_FILE
    tables, cached = _read(path) if use_cache else (None, {})
    by_file: list[tuple[SourceFile, list[Record] | None]] = []
    raw: dict[str, list[tuple[int, str, list[tuple[str, int]]]]] = {}
    reused = 0
    for source in library.files:
        if not source.entries:
            continue
        hit = cached.get(str(source.path))
        if tables is not None and hit is not None and hit[0] == source.digest:
            by_file.append((source, hit[1]))
            reused += 1
        else:
            by_file.append((source, None))
            raw[str(source.path)] = _canon_records(source)
    if tables is None:
        answers = [a for records in raw.values() for _p, a, _q in records]
        asked = [q for records in raw.values() for _p, _a, qs in records for q, _k in qs]
        tables = (remap_table(answers), remap_table(asked))
    answer_table, question_table = tables
    fresh: dict[str, tuple[str, list[Record]]] = {}
    index = DupeIndex(reused=reused)
    for source, records in by_file:
        if records is None:
            records = [
                (
                    p,
                    a,
                    a.translate(answer_table),
                    tuple((q, k, q.translate(question_table)) for q, k in qs),
                )
                for p, a, qs in raw[str(source.path)]
            ]
        fresh[str(source.path)] = (source.digest, records)
        entries = source.entries
        for position, answer, mapped, questions in records:
            index.pool.append(entries[position])
            index.answers.append(answer)
            index.mapped.append(mapped)
            index.questions.append(questions)
    if use_cache and (raw or len(cached) != len(fresh)):
        _write(path, tables, fresh)
    return index


def _read(path: Path) -> tuple[Tables | None, dict[str, tuple[str, list[Record]]]]:
    try:
        with path.open("rb") as fh:
            version, tables, files = pickle.load(fh)
    except Exception:  # a missing or damaged cache only means a cold run
        return None, {}
    if version != (INDEX_VERSION, CANON_VERSION) or not isinstance(files, dict):
        return None, {}
    return tables, files


def _write(path: Path, tables: Tables, files: dict[str, tuple[str, list[Record]]]) -> None:
    try:
        path.parent.mkdir(exist_ok=True)
        blob = pickle.dumps(((INDEX_VERSION, CANON_VERSION), tables, files), protocol=5)
        atomic_write_bytes(path, blob)
    except OSError:
        return  # a read-only checkout still works, just without the cache
