"""Which entries agents actually send: agent turns matched to entry answers (``cskit stale
--usage``).

Agents paste the canned reply, filled in and sometimes trimmed or extended. An agent turn
uses an entry when, after both are cleaned (numbers and template variables as ``#``), at
least ``min_overlap`` of the shorter text's character pairs occur in the other, and at least
``min_pairs`` pairs are shared. Answers and channel texts (sms…) both count. A reply seen
before is not matched again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from cskit.coverage.chatlog import ReadStats, Turn, read_turns
from cskit.coverage.logcolumns import AGENT, Mapping_
from cskit.coverage.tally import day_of
from cskit.intent.clean import NUMBER, clean, compact
from cskit.text.normalise import mask_placeholders

MIN_OVERLAP = 0.7
MIN_PAIRS = 6


def _pairs(text: str) -> set[str]:
    flat = compact(clean(mask_placeholders(text).replace("\ue000", NUMBER)))
    return {flat[i : i + 2] for i in range(len(flat) - 1) if NUMBER not in flat[i : i + 2]}


@dataclass
class AnswerIndex:
    """Every entry text's character pairs, inverted (pair → the texts holding it)."""

    owners: list[int]  # text → entry index
    sizes: np.ndarray  # text → number of distinct pairs
    postings: dict[str, np.ndarray]
    memo: dict[str, int] = field(default_factory=dict)

    @classmethod
    def build(cls, texts_per_entry: Sequence[Sequence[str]]) -> AnswerIndex:
        owners: list[int] = []
        sizes: list[int] = []
        lists: dict[str, list[int]] = {}
        for entry, texts in enumerate(texts_per_entry):
            for text in texts:
                pairs = _pairs(text)
                if len(pairs) < MIN_PAIRS:
                    continue
                t = len(owners)
                owners.append(entry)
                sizes.append(len(pairs))
                for p in pairs:
                    lists.setdefault(p, []).append(t)
        postings = {p: np.array(v, dtype=np.int32) for p, v in lists.items()}
        return cls(owners, np.array(sizes, dtype=np.int64), postings)

    def match(self, reply: str) -> int:
        """The entry an agent's reply sends, or -1."""
        key = clean(reply)
        found = self.memo.get(key)
        if found is not None:
            return found
        pairs = _pairs(reply)
        found = -1
        hits = [self.postings[p] for p in pairs if p in self.postings]
        if len(pairs) >= MIN_PAIRS and hits:
            shared = np.bincount(np.concatenate(hits), minlength=len(self.owners))
            overlap = shared / np.minimum(self.sizes, len(pairs))
            best = int(np.argmax(np.where(shared >= MIN_PAIRS, overlap, 0.0)))
            if shared[best] >= MIN_PAIRS and overlap[best] >= MIN_OVERLAP:
                found = self.owners[best]
        if len(self.memo) < 500_000:
            self.memo[key] = found
        return found


@dataclass
class Usage:
    """Last day each entry was sent, and the period the logs cover."""

    last_used: dict[str, dt.date | None]
    uses: dict[str, int]
    first_day: dt.date | None
    last_day: dt.date | None
    agent_turns: int = 0
    matched: int = 0


def agent_usage(
    entries: Sequence[tuple[str, Sequence[str]]],
    paths: Iterable[Path],
    mapping: Mapping_ | None = None,
) -> Usage:
    """Match every agent turn of ``paths`` to ``entries`` (id, [answer, channel texts…])."""
    index = AnswerIndex.build([texts for _, texts in entries])
    ids = [entry_id for entry_id, _ in entries]
    last: dict[str, dt.date | None] = dict.fromkeys(ids)
    uses = dict.fromkeys(ids, 0)
    usage = Usage(last, uses, None, None)
    stats = ReadStats()
    for path in paths:
        for turn in read_turns(path, mapping, stats):
            _count(index, ids, usage, turn)
    return usage


def _count(index: AnswerIndex, ids: list[str], usage: Usage, turn: Turn) -> None:
    day_text = day_of(turn.time)
    day = dt.date.fromisoformat(day_text) if day_text else None
    if day is not None:
        usage.first_day = day if usage.first_day is None else min(usage.first_day, day)
        usage.last_day = day if usage.last_day is None else max(usage.last_day, day)
    if turn.role != AGENT:
        return
    usage.agent_turns += 1
    entry = index.match(turn.text)
    if entry < 0:
        return
    usage.matched += 1
    entry_id = ids[entry]
    usage.uses[entry_id] += 1
    seen = usage.last_used[entry_id]
    if day is not None and (seen is None or day > seen):
        usage.last_used[entry_id] = day
