"""Cutting a csv or jsonl chat log into segments that can be read side by side.

Each cut falls where a new session starts, so a session's rows stay in one segment and the
turns read segment by segment are exactly those of the whole file. When no safe cut is found
(a quoted line break near it, an unreadable header) the file stays one segment.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from cskit.coverage.logcolumns import Mapping_, find_columns
from cskit.coverage.logformats import Segment, detect_encoding
from cskit.errors import InputError


def split(path: Path, mapping: Mapping_ | None, parts: int) -> list[Segment]:
    """Up to ``parts`` segments of about equal size, each starting where a new session does
    (outside any quoted field: an even number of quotes before it). One segment when the file
    is an xlsx or cannot be cut."""
    quoted = path.suffix.lower() == ".csv"
    if (not quoted and path.suffix.lower() != ".jsonl") or parts < 2:
        return [Segment()]
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            header = fh.readline()
            encoding = detect_encoding(path)
            first = header.decode(encoding)
            names = next(csv.reader([first])) if quoted else list(json.loads(first))
            at = find_columns(names, mapping or Mapping_(), str(path)).index["session"]
            cuts, lines, quotes, pos, breaks = [0], [1], 0, 0, 0
            fh.seek(0)
            for n in range(1, parts):
                near = size * n // parts
                while pos < near:  # count line breaks and quotes up to ``near``, 4 MB at a time
                    chunk = fh.read(min(1 << 22, near - pos))
                    if not chunk:
                        break
                    quotes += chunk.count(b'"')
                    breaks += chunk.count(b"\n")
                    pos += len(chunk)
                window = fh.read(1 << 20)
                fh.seek(pos)
                found = _cut(window, quotes, at, names, encoding, quoted)
                if found is None:
                    return [Segment()]
                offset, extra_lines = found
                cuts.append(pos + offset)
                lines.append(breaks + extra_lines + 1)
    except (OSError, InputError, ValueError, StopIteration, csv.Error, UnicodeDecodeError):
        return [Segment()]
    cuts.append(size)
    return [
        Segment(a, b if b < size else None, line)
        for a, b, line in zip(cuts, cuts[1:], lines, strict=False)
    ]


def _cut(
    window: bytes, quotes: int, at: int, names: list[str], encoding: str, quoted: bool
) -> tuple[int, int] | None:
    """(offset in ``window``, line breaks before it) of the first line start where the
    session changes, outside quotes (``quotes``: how many came before the window)."""
    pos = window.find(b"\n")
    while pos >= 0 and quoted and (quotes + window.count(b'"', 0, pos)) % 2:
        pos = window.find(b"\n", pos + 1)  # inside a quoted field: the next line break
    previous = None
    while pos >= 0:
        start = pos + 1
        nxt = window.find(b"\n", start)
        if nxt < 0:
            return None
        line = window[start : nxt + 1].decode(encoding, "replace")
        if quoted and line.count('"') % 2:
            return None  # a quoted line break here: read the file in one piece
        try:
            if quoted:
                cells = next(csv.reader([line]))
                session = cells[at] if at < len(cells) else ""
            else:
                row = json.loads(line)
                session = str(row.get(names[at])) if isinstance(row, dict) else ""
        except (csv.Error, StopIteration, ValueError):
            return None
        if previous is not None and session != previous:
            return start, window.count(b"\n", 0, start)
        previous = session
        pos = nxt
    return None
