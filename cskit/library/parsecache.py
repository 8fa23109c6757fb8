"""Parsing entry files and the parse cache in ``.cskit_cache/parsed.pickle``.

The cache holds one pickled parse result per file, keyed by path and content hash, so a warm
run does no YAML work and a run that re-parses one file copies the other files' bytes
instead of pickling them again. The file is sealed and read as plain data only
(:mod:`cskit.cachefile`): a planted or damaged cache is a cold run. On a cold run of a big library a forked child
(:mod:`cskit.parallel`) and this process take files to parse one by one until none is left;
the child hands its share back already pickled for the cache.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from cskit import __version__, cachefile, parallel
from cskit.yamlread import Document, YamlError, parse

CACHE_FILE = "parsed.pickle"
CACHE_VERSION = f"{__version__}/parse-4"  # parse-4: the modules moved into one folder per domain
CLASSES = (Document, YamlError)  # what a cached parse result may hold besides plain data

Parsed = tuple[Document | None, YamlError | None]


def parse_many(
    misses: list[tuple[int, str, bytes]],
    meanwhile: Callable[[], object] | None = None,
    for_cache: bool = True,
    jobs: int = 2,
) -> list[tuple[Any, Parsed]]:
    """Parse files; on a cold run of a big library, part of them in a forked child (which
    returns them pickled, ready for the cache). Each result is (cache item, parsed).

    ``meanwhile`` is work this process does while the child parses (``cskit lint`` imports
    the rules then); both then take the files left one by one until none is left, and this
    side unpickles the child's results as they come, between its own files. With
    ``for_cache`` this side pickles its results as it goes too, so writing the cache after
    the parse only copies bytes."""
    size = sum(len(blob) for _, _, blob in misses)
    small = len(misses) < 8 or size < 1_000_000
    if jobs == 1 or small or not parallel.worth_it(parallel.MIN_ENTRIES):
        if meanwhile is not None:
            meanwhile()
        return [(parsed, parsed) for parsed in (parse_bytes(b) for _, _, b in misses)]
    tickets = parallel.tickets(len(misses))  # both sides parse until no file is left
    if tickets is None:  # the system would not give us a pipe for them
        return parse_many(misses, meanwhile, for_cache, jobs=1)
    box = parallel.Outbox()  # the child's results, unpickled here between our own files

    def theirs() -> None:
        try:
            while (i := tickets.take()) is not None:
                box.send(i, pickle.dumps(parse_bytes(misses[i][2]), protocol=5))
        finally:
            box.close_sender()

    results: dict[int, tuple[Any, Parsed]] = {}

    def collect(wait: bool = False) -> None:
        # from our own forked child through a pipe, never from disk: plain pickle is fine
        results.update((i, (blob, pickle.loads(blob))) for i, blob in box.received(wait))

    forked = ok = False
    try:
        join = parallel.in_child(theirs)
        forked = True
        box.opened()
        if meanwhile is not None:
            meanwhile()
        while (i := tickets.take()) is not None:
            parsed = parse_bytes(misses[i][2])
            results[i] = (
                (pickle.dumps(parsed, protocol=5), parsed) if for_cache else (parsed, parsed)
            )
            collect()
        ok = True
    finally:
        # every announced result (the child ends once they are read), then the child, then
        # the pipes: each even if another step failed, none hiding a failure of this side
        waits = [lambda: collect(wait=True), join] if forked else []
        parallel.finish(*waits, tickets.close, box.close, quiet=not ok)
    return [results[i] for i in range(len(misses))]


def parse_bytes(blob: bytes) -> Parsed:
    try:
        text = blob.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = blob[: exc.start].count(b"\n") + 1
        return None, YamlError("file is not UTF-8 text (save it as UTF-8)", line, 1)
    try:
        return parse(text), None
    except YamlError as exc:
        return None, exc


def read_cache(path: Path) -> dict[str, tuple[str, bytes]]:
    """``{file: (content digest, pickled parse)}``: a version record, then one record per
    file (streamed, so writing does not hold a second copy of it all). Each pickled parse
    is read later with :func:`load_item`."""
    out: dict[str, tuple[str, bytes]] = {}
    data = cachefile.read_sealed(path, CACHE_FILE)
    if data is None:
        return {}
    try:
        items = cachefile.records(data)
        if next(items) != CACHE_VERSION:
            return {}
        for key, digest, blob in items:
            if isinstance(key, str) and isinstance(digest, str) and isinstance(blob, bytes):
                out[key] = (digest, blob)
    except Exception:  # an old or damaged cache is just a cold run
        return {}
    return out


def load_item(blob: bytes) -> Parsed | None:
    """One file's cached parse result, or None (then the file is parsed again)."""
    try:
        doc, error = cachefile.loads(blob, CLASSES)
    except Exception:
        return None
    if not isinstance(doc, Document | None) or not isinstance(error, YamlError | None):
        return None
    return doc, error


def write_cache(path: Path, data: dict[str, tuple[str, Any]]) -> None:
    def write(fh: BinaryIO) -> None:
        records = pickle.Pickler(fh, protocol=5)
        records.dump(CACHE_VERSION)
        for key, (digest, item) in data.items():
            blob = item if isinstance(item, bytes) else pickle.dumps(item, protocol=5)
            records.dump((key, digest, blob))
            records.clear_memo()

    cachefile.write_sealed(path, CACHE_FILE, write)
