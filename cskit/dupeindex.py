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

INDEX_VERSION = "dupeindex-1"
INDEX_FILE = "dupeindex.pickle"

# One pooled entry of a file: its position in ``SourceFile.entries``, its canonical answer,
# and its distinct canonical questions as ``(canon question, index in questions)``.
Record = tuple[int, str, tuple[tuple[str, int], ...]]


@dataclass
class DupeIndex:
    """Pooled entries (active, with a non-blank answer) in library order, with their texts."""

    pool: list[Entry] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)  # canon(answer), parallel to pool
    questions: list[tuple[tuple[str, int], ...]] = field(default_factory=list)
    reused: int = 0  # files read from the cache


def pooled(entry: Entry) -> bool:
    """Drafts, archived entries and entries without an answer (E004) are not compared."""
    answer = entry.data.get("answer")
    return entry.active and isinstance(answer, str) and bool(answer.strip())


def file_records(source: SourceFile) -> list[Record]:
    out: list[Record] = []
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
        out.append((position, canon(entry.data["answer"]), tuple(seen.items())))
    return out


def build_index(library: Library, use_cache: bool) -> DupeIndex:
    """The index of ``library``; with ``use_cache`` read and refresh the per-file cache."""
    path = library.config.root / CACHE_DIR / INDEX_FILE
    cached = _read(path) if use_cache else {}
    fresh: dict[str, tuple[str, list[Record]]] = {}
    index = DupeIndex()
    pool, answers, questions = index.pool, index.answers, index.questions
    for source in library.files:
        if not source.entries:
            continue
        key = str(source.path)
        hit = cached.get(key)
        if hit is not None and hit[0] == source.digest:
            records = hit[1]
            index.reused += 1
        else:
            records = file_records(source)
        fresh[key] = (source.digest, records)
        entries = source.entries
        for position, answer, asked in records:
            pool.append(entries[position])
            answers.append(answer)
            questions.append(asked)
    if use_cache and (index.reused != len(fresh) or len(cached) != len(fresh)):
        _write(path, fresh)
    return index


def _read(path: Path) -> dict[str, tuple[str, list[Record]]]:
    try:
        with path.open("rb") as fh:
            version, files = pickle.load(fh)
    except Exception:  # a missing or damaged cache only means a cold run
        return {}
    if version != (INDEX_VERSION, CANON_VERSION) or not isinstance(files, dict):
        return {}
    return files


def _write(path: Path, files: dict[str, tuple[str, list[Record]]]) -> None:
    try:
        path.parent.mkdir(exist_ok=True)
        blob = pickle.dumps(((INDEX_VERSION, CANON_VERSION), files), protocol=5)
        atomic_write_bytes(path, blob)
    except OSError:
        return  # a read-only checkout still works, just without the cache
