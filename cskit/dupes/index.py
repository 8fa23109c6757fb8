"""What duplicate detection needs from each entry, cached per file.

Before any comparison, :func:`cskit.dupes.finder.find_dupes` needs, for every active entry with an
answer, the canonical answer (D001), the answer's comparison form (:mod:`cskit.dupes.content`:
D002 and D004) and the distinct canonical questions (with their positions).
On a 100,000-entry library that is 300,000 canon look-ups and as many Python objects,
seconds of work that a git hook changing one file should not repeat. :func:`build_index`
keeps it in ``.cskit_cache/dupeindex.pickle``, one record per file keyed by the file's
content hash: a run re-derives only the files whose content changed and reads the others
with one read of a sealed, plain-data file (:mod:`cskit.cachefile`).

The record depends only on the file's bytes, on :data:`cskit.dupes.canon.CANON_VERSION`
and :data:`cskit.dupes.content.CONTENT_VERSION`, and on the values of cskit.yaml's
``facts`` (the comparison form reads ``{{ facts.KEY }}`` as its value); thresholds,
opposites and the rest of cskit.yaml are applied later, to the texts. Those versions and a
digest of the facts key the whole file. A missing, damaged or foreign cache file only means
a cold run.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from cskit import cachefile
from cskit.dupes.canon import CANON_VERSION, canon_question
from cskit.dupes.content import CONTENT_VERSION, fact_values, forms_once
from cskit.dupes.nearpairs import FoldTable, remap_table
from cskit.dupes.subjects import own_title
from cskit.library.model import CACHE_DIR, Entry, Library, SourceFile

INDEX_VERSION = "dupeindex-9"  # bump whenever a record, a remap table or a class path changes
INDEX_FILE = "dupeindex.pickle"
SEP = "\x00"  # canon() drops control characters and the remap never yields U+0000


@dataclass
class FileIndex:
    """One file's part, in columns of few objects: texts joined by :data:`SEP` (one
    ``str.split`` rebuilds them, several times faster than unpickling each string), the
    remapped ones as Latin-1 bytes, numbers as numpy arrays. Answers are per pooled
    entry; questions are the distinct canonical questions of each, flattened, with the
    pooled entry they belong to. Digests (stable 64-bit BLAKE2b) let a run group equal
    texts without hashing every string again."""

    count: int = 0  # pooled entries
    positions: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    answers: str = ""  # canon(answer), joined
    a_digest: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))
    contents: str = ""  # content(answer).text, joined
    mapped: bytes = b""  # contents remapped below U+0100 (nearpairs), joined
    c_digest: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))
    o_digest: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))  # order-free
    titled: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))  # own title
    q_count: int = 0
    q_owner: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))  # pooled
    q_keys: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))  # in questions
    q_texts: str = ""  # canon_question(question), joined
    q_mapped: bytes = b""
    q_digest: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))


Tables = tuple[FoldTable, FoldTable]  # remap tables: contents, questions


@dataclass
class DupeIndex:
    """Pooled entries (active, with a non-blank answer) in library order, with their texts,
    and the flattened questions (``q_owner`` indexes ``pool``)."""

    pool: list[Entry] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)  # canon(answer), parallel to pool
    a_digest: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))
    contents: list[str] = field(default_factory=list)  # content(answer).text, parallel
    mapped: list[str] = field(default_factory=list)  # remapped contents, parallel to pool
    c_digest: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))
    o_digest: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))
    titled: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))  # own title
    q_owner: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    q_texts: list[str] = field(default_factory=list)
    q_keys: list[int] = field(default_factory=list)
    q_mapped: list[str] = field(default_factory=list)
    q_digest: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))
    reused: int = 0  # files read from the cache


def pooled(entry: Entry) -> bool:
    """Drafts, archived entries and entries without an answer (E004) are not compared."""
    answer = entry.data.get("answer")
    return entry.active and isinstance(answer, str) and bool(answer.strip())


def digests(texts: list[str]) -> np.ndarray:
    """Stable 64-bit digests (the same in every process, unlike ``hash()``)."""
    blake = hashlib.blake2b
    raw = b"".join(blake(t.encode("utf-8", "surrogatepass"), digest_size=8).digest() for t in texts)
    return np.frombuffer(raw, dtype="<u8").astype(np.uint64)


def distinct(texts: list[str], digest: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(ids, first)``: the distinct text of each position, numbered by first occurrence
    (as a dict would), and the first position of each. Equal digests are checked against
    the texts themselves, so a digest collision can never merge two different texts."""
    if not len(texts):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    _uniq, first, inverse = np.unique(digest, return_index=True, return_inverse=True)
    rank = np.argsort(first, kind="stable")
    renumber = np.empty_like(rank)
    renumber[rank] = np.arange(len(rank))
    ids, first = renumber[inverse.reshape(-1)], first[rank]
    copies = np.nonzero(first[ids] != np.arange(len(ids)))[0].tolist()
    heads = first[ids[copies]].tolist()
    if any(texts[c] != texts[h] for c, h in zip(copies, heads, strict=True)):
        position: dict[str, int] = {}  # a collision: group by the texts themselves
        plain = np.asarray([position.setdefault(t, len(position)) for t in texts], np.int64)
        return plain, np.unique(plain, return_index=True)[1]
    return ids.astype(np.int64), first.astype(np.int64)


def _joined(texts: list[str]) -> str:
    joined = SEP.join(texts)
    if joined.count(SEP) != max(0, len(texts) - 1):  # not after canon(); never split wrongly
        joined = SEP.join(t.replace(SEP, "") for t in texts)
    return joined


def _question_part(source: SourceFile) -> tuple[FileIndex, list[str]]:
    """A file's record with its pooled entries and their questions (answers come later)."""
    positions: list[int] = []
    q_owner: list[int] = []
    q_texts: list[str] = []
    q_keys: list[int] = []
    for position, entry in enumerate(source.entries):
        if not pooled(entry):
            continue
        owner = len(positions)
        positions.append(position)
        asked = entry.data.get("questions")
        seen: set[str] = set()
        for k, question in enumerate(asked if isinstance(asked, list) else ()):
            if isinstance(question, str):
                text = canon_question(question)
                if text and text not in seen:
                    seen.add(text)
                    q_owner.append(owner)
                    q_texts.append(text)
                    q_keys.append(k)
    part = FileIndex(
        count=len(positions),
        positions=np.asarray(positions, np.int32),
        q_count=len(q_texts),
        q_owner=np.asarray(q_owner, np.int32),
        q_keys=np.asarray(q_keys, np.int32),
        q_texts=_joined(q_texts),
        q_digest=digests(q_texts),
    )
    return part, q_texts


AnswerFields = tuple[str, np.ndarray, str, np.ndarray, np.ndarray, np.ndarray]


def _answer_fields(source: SourceFile, part: FileIndex, facts: dict[str, str]) -> AnswerFields:
    """A record's answer columns (:func:`_question_part` made the rest): canon answers and
    their digests, comparison forms with theirs, the order-free digests, and whether each
    entry has a title of its own (:func:`cskit.dupes.subjects.own_title`)."""
    answers: list[str] = []
    contents: list[str] = []
    order_free: list[str] = []
    titled: list[bool] = []
    for position in part.positions.tolist():
        entry = source.entries[position]
        written, said = forms_once(entry.data["answer"], facts)
        answers.append(written)
        contents.append(said.text)
        order_free.append(said.order_free)
        titled.append(bool(own_title(entry, written)))
    c_digest = digests(contents)
    o_digest = c_digest.copy()  # one clause, or in order: the same text
    moved = [k for k, (a, b) in enumerate(zip(contents, order_free, strict=True)) if a != b]
    if moved:
        o_digest[moved] = digests([order_free[k] for k in moved])
    flags = np.asarray(titled, dtype=bool)
    return _joined(answers), digests(answers), _joined(contents), c_digest, o_digest, flags


def _fill(part: FileIndex, fields: AnswerFields) -> None:
    part.answers, part.a_digest, part.contents, part.c_digest, part.o_digest, part.titled = fields


def _answer_parts(
    built: list[tuple[SourceFile, FileIndex, list[str]]], facts: dict[str, str]
) -> None:
    """Fill in the answers of every built record."""
    for source, part, _q in built:
        _fill(part, _answer_fields(source, part, facts))


def _remap(joined: str, lut: np.ndarray) -> bytes:
    """Each character's byte under a remap table's :meth:`~cskit.dupes.nearpairs.FoldTable.lookup`
    (the separator stays 0): one numpy lookup instead of a dict look-up per character."""
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    return lut[codes].tobytes()


def _split(parts: list[str], counts: list[int]) -> list[str]:
    """The texts of all parts, in order (parts without texts are skipped)."""
    kept = [p for p, n in zip(parts, counts, strict=True) if n]
    return SEP.join(kept).split(SEP) if kept else []


def build_index(library: Library, use_cache: bool) -> DupeIndex:
    """The index of ``library``; with ``use_cache`` read and refresh the per-file cache.

    The remap tables are kept with the records: any table keeps the near-pair search exact
    (a many-to-one map can only raise scores), so a table built once is reused, and only
    a cold run (no usable cache) builds new ones from the library's texts."""
    path = library.config.root / CACHE_DIR / INDEX_FILE
    facts = fact_values(library.config)
    version = _version(facts)
    tables, cached = _read(path, version) if use_cache else (None, {})
    parts: list[tuple[SourceFile, FileIndex]] = []
    built: list[tuple[SourceFile, FileIndex, list[str]]] = []
    for source in library.files:
        if not source.entries:
            continue
        hit = cached.get(str(source.path))
        if tables is not None and hit is not None and hit[0] == source.digest:
            parts.append((source, hit[1]))
        else:
            part, asked = _question_part(source)
            built.append((source, part, asked))
            parts.append((source, part))
    q_table = tables[1] if tables is not None else remap_table([q for *_, qs in built for q in qs])
    if built:
        q_lut = q_table.lookup()
    for _source, part, _q in built:
        part.q_mapped = _remap(part.q_texts, q_lut)
    index = DupeIndex(reused=len(parts) - len(built))
    files = [part for _source, part in parts]
    counts = [part.count for part in files]
    q_counts = [part.q_count for part in files]
    for source, part in parts:
        entries = source.entries
        index.pool.extend([entries[p] for p in part.positions.tolist()])
    index.q_texts = _split([part.q_texts for part in files], q_counts)
    index.q_mapped = _split([part.q_mapped.decode("latin-1") for part in files], q_counts)
    if files:
        bases = np.cumsum([0, *counts[:-1]])
        index.q_digest = np.concatenate([part.q_digest for part in files])
        index.q_owner = np.concatenate(
            [part.q_owner.astype(np.int64) + base for part, base in zip(files, bases, strict=True)]
        )
        index.q_keys = np.concatenate([part.q_keys for part in files]).tolist()
    _answer_parts(built, facts)
    a_table = (
        tables[0]
        if tables is not None
        else remap_table(
            [a for _s, part, _q in built for a in _split([part.contents], [part.count])]
        )
    )
    if built:
        a_lut = a_table.lookup()
    for _source, part, _q in built:
        part.mapped = _remap(part.contents, a_lut)
    index.answers = _split([part.answers for part in files], counts)
    index.contents = _split([part.contents for part in files], counts)
    index.mapped = _split([part.mapped.decode("latin-1") for part in files], counts)
    if files:
        index.a_digest = np.concatenate([part.a_digest for part in files])
        index.c_digest = np.concatenate([part.c_digest for part in files])
        index.o_digest = np.concatenate([part.o_digest for part in files])
        index.titled = np.concatenate([part.titled for part in files])
    if use_cache and (built or len(cached) != len(parts)):
        fresh = {str(source.path): (source.digest, part) for source, part in parts}
        _write(path, version, (a_table, q_table), fresh)
    return index


def _version(facts: dict[str, str]) -> tuple[str, ...]:
    """What the records depend on besides the files' bytes."""
    blob = "\x00".join(f"{k}={v}" for k, v in sorted(facts.items())).encode("utf-8")
    digest = hashlib.blake2b(blob, digest_size=8).hexdigest()
    return (INDEX_VERSION, CANON_VERSION, CONTENT_VERSION, digest)


def _read(
    path: Path, expected: tuple[str, ...] | None = None
) -> tuple[Tables | None, dict[str, tuple[str, FileIndex]]]:
    """The cached tables and file records; ``expected``: the versions they must have been
    written with (None: any, to inspect a cache)."""
    data = cachefile.read(path, INDEX_FILE, (FileIndex, FoldTable))
    if not isinstance(data, tuple) or len(data) != 3:
        return None, {}  # a missing, foreign or damaged cache only means a cold run
    version, tables, files = data
    if (expected is not None and version != expected) or not isinstance(files, dict):
        return None, {}
    return tables, files


def _write(
    path: Path,
    version: tuple[str, ...],
    tables: Tables,
    files: dict[str, tuple[str, FileIndex]],
) -> None:
    # a read-only checkout still works, just without the cache
    cachefile.write(path, INDEX_FILE, (version, tables, files))
