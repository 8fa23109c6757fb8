"""The coverage run as a plain library API: chat logs in, a :class:`CoverageResult` out.

- :func:`entry_texts` / :func:`build_matcher`: the matcher for a library's active entries;
- :func:`classify`: every customer turn of a stream with its :class:`Decision`, each session's
  earlier turns serving follow-ups;
- :func:`coverage`: the whole run (read, classify, count, cluster) that ``cskit coverage``
  reports;
- :func:`match_frame`: the same classification for a pandas DataFrame of turns, the unit of
  work of the Dask path (``ddf.map_partitions(match_frame, matcher)``, see docs/coverage.md).
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cskit.coverage.chatlog import CUSTOMER, Mapping_, ReadStats, Turn, read_turns
from cskit.coverage.matcher import Decision, EntryText, Matcher
from cskit.progress import bars_allowed

if TYPE_CHECKING:
    import pandas as pd

    from cskit.coverage.cluster import Cluster
    from cskit.library.model import Entry, Library

_DAY = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")


def entry_texts(lib: Library) -> tuple[list[EntryText], list[Entry]]:
    """The active entries with an id, as the matcher sees them (and the entries themselves)."""
    entries = [e for e in lib.entries if e.id and e.active]
    texts = [EntryText(e.id, e.title, tuple(e.questions), e.answer, e.category) for e in entries]
    return texts, entries


def build_matcher(
    lib: Library, lexicon_files: Sequence[Path] = (), embeddings: Path | None = None
) -> Matcher:
    from cskit.coverage.lexicon import load_lexicon

    texts, _ = entry_texts(lib)
    matcher = Matcher.build(texts, load_lexicon(tuple(lexicon_files)))
    if embeddings is not None:
        from cskit.coverage.embed import EntryEmbeddings, load_encoder

        encoder = load_encoder(embeddings)
        groups = [[*t.questions, t.title] for t in texts]
        matcher.with_embeddings(EntryEmbeddings.build(encoder, groups))
    return matcher


class SessionMemory:
    """What a follow-up may borrow: per session, the library intents of the last two customer
    questions (one answered through its context passes the borrowed intents on), and whether
    the last question went unanswered."""

    def __init__(self) -> None:
        self.recent: dict[str, tuple[tuple[str, ...], tuple[str, ...], bool]] = {}

    def borrowed(self, session: str) -> tuple[tuple[str, ...], bool]:
        last, before, still_open = self.recent.get(session, ((), (), False))
        return last or before, still_open

    def remember(self, session: str, intents: tuple[str, ...], unanswered: bool) -> None:
        last, _, _ = self.recent.get(session, ((), (), False))
        self.recent[session] = (intents, last, unanswered)


def classify(matcher: Matcher, turns: Iterable[Turn]) -> Iterator[tuple[Turn, Decision]]:
    """Each customer turn with the matcher's verdict; agent turns are passed over."""
    memory = SessionMemory()
    lexicon = matcher.lexicon
    for turn in turns:
        if turn.role != CUSTOMER:
            continue
        a = lexicon.analyse(turn.text)
        borrowed, still_open = memory.borrowed(turn.session)
        decision = matcher.decide_analysis(a, borrowed, still_open)
        if not decision.chitchat:
            own = matcher.known(a)
            carried = own or (decision.intents if decision.answered else ())
            memory.remember(turn.session, carried, not decision.answered)
        yield turn, decision


@dataclass
class TurnTable:
    """Every customer turn's verdict, column by column (a million turns stay compact)."""

    session: list[str] = field(default_factory=list)
    index: array[int] = field(default_factory=lambda: array("i"))
    time: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    entry: array[int] = field(default_factory=lambda: array("i"))  # -1: none
    score: array[float] = field(default_factory=lambda: array("f"))
    chitchat: bytearray = field(default_factory=bytearray)

    def __len__(self) -> int:
        return len(self.entry)


@dataclass
class Unanswered:
    """One distinct unanswered question (numbers masked) and how often it was asked."""

    text: str  # the first wording seen
    cleaned: str
    intents: tuple[str, ...]
    count: int = 0
    sessions: list[str] = field(default_factory=list)  # asked in (repeats in a row dropped)


@dataclass
class CoverageResult:
    entries: list[EntryText]
    library_entries: list[Entry]
    hits: array[int]
    last_seen: list[str | None]
    turns: TurnTable | None
    unanswered: dict[str, Unanswered]
    clusters: list[Cluster]
    files: list[str]
    stats: ReadStats
    sessions: int = 0
    customer_turns: int = 0
    chitchat: int = 0
    answered: int = 0
    via_context: int = 0
    first_day: str | None = None
    last_day: str | None = None

    @property
    def questions(self) -> int:
        return self.answered + self.unanswered_turns

    @property
    def unanswered_turns(self) -> int:
        return self.customer_turns - self.chitchat - self.answered

    @property
    def coverage(self) -> float | None:
        return self.answered / self.questions if self.questions else None

    def never_hit(self) -> list[int]:
        return [n for n, h in enumerate(self.hits) if h == 0]


def day_of(time: str) -> str | None:
    """``YYYY-MM-DD`` of a time cell (``2026/11/20 9:02``, ISO, epoch seconds or ms)."""
    if not time:
        return None
    if len(time) >= 10 and time[4] == "-" and time[7] == "-" and time[:4].isdigit():
        return time[:10]  # 2026-11-20 09:02:33, the usual export
    m = _DAY.match(time)
    if m:
        return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    if time.isdigit() and len(time) in (10, 13):
        import datetime as dt

        seconds = int(time) / (1000 if len(time) == 13 else 1)
        return dt.datetime.fromtimestamp(seconds, dt.UTC).date().isoformat()
    return None


def coverage(
    lib: Library,
    paths: Sequence[Path],
    *,
    matcher: Matcher | None = None,
    mapping: Mapping_ | None = None,
    keep_turns: bool = True,
    top: int = 10,
    show_progress: bool = False,
) -> CoverageResult:
    """Read ``paths``, classify every customer turn, count hits and cluster the rest."""
    from cskit.coverage.cluster import cluster_unanswered

    matcher = matcher or build_matcher(lib)
    _, library_entries = entry_texts(lib)
    stats = ReadStats()
    result = CoverageResult(
        entries=matcher.entries,
        library_entries=library_entries,
        hits=array("i", bytes(4 * len(matcher.entries))),
        last_seen=[None] * len(matcher.entries),
        turns=TurnTable() if keep_turns else None,
        unanswered={},
        clusters=[],
        files=[str(p) for p in paths],
        stats=stats,
    )
    sessions: set[str] = set()
    turns = _stream(paths, mapping, stats, show_progress)
    for turn, d in classify(matcher, turns):
        _count(result, turn, d, matcher)
        sessions.add(turn.session)
    result.sessions = len(sessions)
    result.clusters = cluster_unanswered(result, matcher, lib.config, top=top)
    return result


def _count(result: CoverageResult, turn: Turn, d: Decision, matcher: Matcher) -> None:
    result.customer_turns += 1
    day = day_of(turn.time)
    if day is not None:
        if result.first_day is None or day < result.first_day:
            result.first_day = day
        if result.last_day is None or day > result.last_day:
            result.last_day = day
    if d.chitchat:
        result.chitchat += 1
    elif d.entry is not None:
        result.answered += 1
        result.via_context += d.via_context
        result.hits[d.entry] += 1
        seen = result.last_seen[d.entry]
        if day is not None and (seen is None or day > seen):
            result.last_seen[d.entry] = day
    else:
        a = matcher.lexicon.analyse(turn.text)
        item = result.unanswered.get(a.cleaned)
        if item is None:
            item = result.unanswered[a.cleaned] = Unanswered(turn.text, a.cleaned, a.intents)
        item.count += 1
        if not item.sessions or item.sessions[-1] != turn.session:
            item.sessions.append(turn.session)
    table = result.turns
    if table is not None:
        table.session.append(turn.session)
        table.index.append(turn.index)
        table.time.append(turn.time)
        table.text.append(turn.text)
        table.entry.append(-1 if d.entry is None else d.entry)
        table.score.append(round(max(d.score, 0.0), 3))
        table.chitchat.append(1 if d.chitchat else 0)


def _stream(
    paths: Sequence[Path], mapping: Mapping_ | None, stats: ReadStats, show_progress: bool
) -> Iterator[Turn]:
    """Every file's turns; a bar over the bytes read when the run is long and on a terminal."""
    if not (show_progress and bars_allowed()):
        for path in paths:
            yield from read_turns(path, mapping, stats)
        return
    from cskit.progress import progress

    total = sum(_lines(p) for p in paths)
    done = iter(progress(range(total), "匹配聊天记录", total=total))
    for path in paths:
        for turn in read_turns(path, mapping, stats):
            next(done, None)
            yield turn
    for _ in done:  # finish the bar
        pass


def _lines(path: Path) -> int:
    try:
        with path.open("rb") as fh:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
    except OSError:
        return 0


# -- Dask / pandas -----------------------------------------------------------------------------
FRAME_COLUMNS = ("session", "role", "text")


def match_frame(frame: pd.DataFrame, matcher: Matcher) -> pd.DataFrame:
    """Classify a DataFrame of turns (columns ``session``, ``role`` = customer/agent,
    ``text``; rows of a session in order). Adds ``entry_id`` (None when unanswered),
    ``chitchat`` and ``score``; agent rows get None/False/0. A session's rows must sit in one
    partition for its follow-ups to see their context."""
    import pandas as pd

    missing = [c for c in FRAME_COLUMNS if c not in frame.columns]
    if missing:
        raise KeyError(f"match_frame needs columns {missing}")
    stream = (
        Turn(str(s), n, "", str(r), str(t) if isinstance(t, str) else "", "")
        for n, (s, r, t) in enumerate(
            zip(frame["session"], frame["role"], frame["text"], strict=True)
        )
    )
    by_row: dict[int, Decision] = {t.index: d for t, d in classify(matcher, stream)}
    ids: list[Any] = []
    chit: list[bool] = []
    scores: list[float] = []
    for n in range(len(frame)):
        d = by_row.get(n)
        ids.append(matcher.entries[d.entry].id if d is not None and d.entry is not None else None)
        chit.append(bool(d is not None and d.chitchat))
        scores.append(round(max(d.score, 0.0), 3) if d is not None else 0.0)
    out = frame.copy()
    out["entry_id"] = pd.Series(ids, index=frame.index, dtype=object)
    out["chitchat"] = pd.Series(chit, index=frame.index, dtype=bool)
    out["score"] = pd.Series(scores, index=frame.index, dtype="float64")
    return out
