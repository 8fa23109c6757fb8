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

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cskit import gcpause, parallel
from cskit.coverage.chatlog import ReadStats, Turn, read_turns
from cskit.coverage.logcolumns import CUSTOMER, Mapping_
from cskit.coverage.logformats import Segment
from cskit.coverage.logsplit import split
from cskit.coverage.matcher import Decision, EntryText, Matcher
from cskit.coverage.tally import Tally
from cskit.errors import CskitError
from cskit.progress import bars_allowed

if TYPE_CHECKING:
    import pandas as pd

    from cskit.coverage.cluster import Cluster
    from cskit.library.model import Entry, Library


def entry_texts(lib: Library) -> tuple[list[EntryText], list[Entry]]:
    """The active entries with an id, as the matcher sees them (and the entries themselves)."""
    entries = [e for e in lib.entries if e.id and e.active]
    texts = [EntryText(e.id, e.title, tuple(e.questions), e.answer, e.category) for e in entries]
    return texts, entries


def build_matcher(
    lib: Library, lexicon_files: Sequence[Path] = (), embeddings: Path | None = None
) -> Matcher:
    from cskit.intent.lexiconload import load_lexicon

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
class CoverageResult:
    """A run's :class:`Tally` with the entries it counted and the unanswered clusters."""

    entries: list[EntryText]
    library_entries: list[Entry]
    tally: Tally
    clusters: list[Cluster]
    files: list[str]

    # the tally's figures, by name
    hits = property(lambda self: self.tally.hits)
    last_seen = property(lambda self: self.tally.last_seen)
    turns = property(lambda self: self.tally.turns)
    unanswered = property(lambda self: self.tally.unanswered)
    stats = property(lambda self: self.tally.stats)
    customer_turns = property(lambda self: self.tally.customer_turns)
    chitchat = property(lambda self: self.tally.chitchat)
    answered = property(lambda self: self.tally.answered)
    via_context = property(lambda self: self.tally.via_context)
    first_day = property(lambda self: self.tally.first_day)
    last_day = property(lambda self: self.tally.last_day)

    @property
    def sessions(self) -> int:
        return len(self.tally.sessions)

    @property
    def unanswered_turns(self) -> int:
        t = self.tally
        return t.customer_turns - t.chitchat - t.answered

    @property
    def questions(self) -> int:
        return self.tally.answered + self.unanswered_turns

    @property
    def coverage(self) -> float | None:
        return self.tally.answered / self.questions if self.questions else None

    def never_hit(self) -> list[int]:
        return [n for n, h in enumerate(self.tally.hits) if h == 0]


PARALLEL_BYTES = 8 << 20  # logs smaller than this are read in one process


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
    """Read ``paths``, classify every customer turn, count hits and cluster the rest.

    A large csv or jsonl log is cut in two at a session boundary and the second half is
    counted by a forked worker on the other core (``CSKIT_JOBS=1``: one process)."""
    from cskit.coverage.cluster import cluster_unanswered

    matcher = matcher or build_matcher(lib)
    _, library_entries = entry_texts(lib)
    work = _plan(paths, mapping)
    with gcpause.loading():  # millions of small objects, none of them cyclic garbage
        tally = _count_all(matcher, work, mapping, keep_turns, show_progress)
    result = CoverageResult(matcher.entries, library_entries, tally, [], [str(p) for p in paths])
    result.clusters = cluster_unanswered(tally.unanswered, matcher, lib.config, top=top)
    return result


Work = list[tuple[Path, Segment]]


def _plan(paths: Sequence[Path], mapping: Mapping_ | None) -> list[Work]:
    """The pieces of work: one, or two (this process's and a worker's) for a large log."""
    whole: Work = [(p, Segment()) for p in paths]
    jobs = parallel.jobs() if hasattr(os, "fork") else 1
    sizes = [p.stat().st_size if p.is_file() else 0 for p in paths]
    if jobs < 2 or sum(sizes) < PARALLEL_BYTES:
        return [whole]
    if len(paths) > 1:  # whole files, about half the bytes each way
        first: Work = []
        total = 0
        for (path, seg), size in zip(whole, sizes, strict=True):
            if total < sum(sizes) / 2:
                first.append((path, seg))
                total += size
        rest = whole[len(first) :]
        return [first, rest] if rest else [whole]
    halves = split(paths[0], mapping, 2)
    return [[(paths[0], seg)] for seg in halves]


def _count_all(
    matcher: Matcher, work: list[Work], mapping: Mapping_ | None, keep: bool, progress_: bool
) -> Tally:
    if len(work) == 1:
        return _count(matcher, work[0], mapping, keep, progress_, 1.0)
    share = 1.0 / len(work)
    later = [parallel.in_child(_guarded(matcher, w, mapping, keep)) for w in work[1:]]
    tally = _count(matcher, work[0], mapping, keep, progress_, share)
    sessions = set(tally.sessions)
    for join in later:
        outcome = join()
        if isinstance(outcome, tuple):  # the worker met bad input: the same one-line error
            raise _rebuild(outcome)
        if not sessions.isdisjoint(outcome.sessions):  # a session's rows were apart: redo
            paths = list(dict.fromkeys(path for ws in work for path, _ in ws))
            whole = [(path, Segment()) for path in paths]
            return _count(matcher, whole, mapping, keep, progress_, 1.0)
        sessions |= outcome.sessions
        tally.merge(outcome)
    return tally


def _guarded(
    matcher: Matcher, work: Work, mapping: Mapping_ | None, keep: bool
) -> Callable[[], Tally | tuple[str, ...]]:
    def run() -> Tally | tuple[str, ...]:
        try:
            return _count(matcher, work, mapping, keep, False, 1.0)
        except CskitError as exc:
            return (
                type(exc).__name__,
                exc.message,
                exc.where or "",
                exc.hint or "",
                exc.en or "",
                exc.hint_en or "",
            )

    return run


def _rebuild(outcome: tuple[str, ...]) -> CskitError:
    from cskit import errors

    kind, message, where, hint, en, hint_en = outcome
    cls = getattr(errors, kind, CskitError)
    error: CskitError = cls(
        message, where or None, hint or None, en=en or None, hint_en=hint_en or None
    )
    return error


def _count(
    matcher: Matcher,
    work: Work,
    mapping: Mapping_ | None,
    keep: bool,
    show_progress: bool,
    share: float,
) -> Tally:
    tally = Tally.empty(len(matcher.entries), keep)
    turns = _stream(work, mapping, tally.stats, show_progress, share)
    lexicon = matcher.lexicon
    for turn, d in classify(matcher, turns):
        tally.add(turn, d, lexicon)
    return tally


def _stream(
    work: Work, mapping: Mapping_ | None, stats: ReadStats, show_progress: bool, share: float
) -> Iterator[Turn]:
    """The turns of ``work``; a bar over the rows when the run is long and on a terminal."""
    if not (show_progress and bars_allowed()):
        for path, seg in work:
            yield from read_turns(path, mapping, stats, seg)
        return
    from cskit.progress import progress

    total = int(sum(_lines(p) for p, _ in work) * share)
    done = iter(progress(range(total), "匹配聊天记录", total=total))
    for path, seg in work:
        for turn in read_turns(path, mapping, stats, seg):
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
