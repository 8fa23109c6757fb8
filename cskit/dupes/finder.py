"""The duplicate and conflict finder behind D001–D004 and ``cskit dupes``.

``find_dupes(library, settings)`` compares every active entry with every other one and
returns **clusters**, not pair lists:

- *answer clusters*: answers identical after :func:`cskit.dupes.canon.canon` (D001), the same
  reply with harmless differences (D002: courtesy, formulas, a lead-in, swapped sentences,
  see :mod:`cskit.dupes.content` and :mod:`cskit.dupes.relate`), or replies that contradict
  each other in a number with its unit, a negated word or an opposing concept (D004, see
  :mod:`cskit.dupes.judge`);
- *question clusters*: the same customer question (after canon, particle stripping and fuzzy
  matching) in several entries (D003), or with answers whose numbers contradict (D004).

Clusters are built by complete linkage: a group joins a cluster only if every member pair
is linked, so a chain A≈B≈C with A≉C never puts A and C together. The representative is the
first member in library order; every other member carries its label, score and diff against
it, and is reported once. Drafts and archived entries are not compared (docs/duplicates.md).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

from rapidfuzz import fuzz

from cskit.dupes.answers import answer_clusters
from cskit.dupes.canon import canon, canon_question
from cskit.dupes.content import content
from cskit.dupes.diff import render_diff
from cskit.dupes.index import DupeIndex, build_index
from cskit.dupes.judge import Verdict, judge, keyed_conflicts
from cskit.dupes.model import (
    CODES,
    CONFLICT_THRESHOLD,
    LABEL_EN,
    LABEL_ZH,
    NEAR_THRESHOLD,
    QUESTION_THRESHOLD,
    Cluster,
    DupeResult,
    Member,
    Settings,
    complete_linkage,
    disjoint,
)
from cskit.dupes.questions import QuestionIndex, question_clusters, question_index, question_pairs
from cskit.dupes.relate import relate
from cskit.dupes.subjects import apart, different_subjects, stage_class
from cskit.library.model import Entry, Library

__all__ = [
    "CODES",
    "CONFLICT_THRESHOLD",
    "LABEL_EN",
    "LABEL_ZH",
    "NEAR_THRESHOLD",
    "QUESTION_THRESHOLD",
    "Cluster",
    "DupeResult",
    "Explanation",
    "Member",
    "Settings",
    "complete_linkage",
    "disjoint",
    "explain",
    "find_dupes",
]


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """A run builds hundreds of thousands of small lists and tuples, none of them cyclic
    garbage; each collection they trigger would rescan the whole parsed library (measured:
    a third of a changed-only run at 100,000 entries). Reference counting still frees."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def find_dupes(
    library: Library,
    settings: Settings | None = None,
    changed: set[int] | None = None,
    *,
    cache: bool | None = None,
) -> DupeResult:
    """All clusters; with ``changed`` (``id()`` of entries) only clusters touching them.

    ``cache``: keep each file's canonical texts in ``.cskit_cache/dupeindex.pickle``,
    keyed by its content hash, between runs (default: when the library uses the cache, i.e.
    not ``--no-cache``); a run then re-derives only the files that changed, so the hook run
    after a cold full run starts from the index the full run built."""
    with _no_cyclic_gc():
        return _find_dupes(library, settings, changed, cache)


def _find_dupes(
    library: Library,
    settings: Settings | None,
    changed: set[int] | None,
    cache: bool | None,
) -> DupeResult:
    settings = settings or Settings.from_config(library.config)
    started = time.perf_counter()
    use_cache = library.use_cache if cache is None else cache
    order = {id(e): k for k, e in enumerate(library.entries)}
    index = build_index(library, use_cache)
    pool = index.pool
    stats: dict[str, float] = {"index_s": time.perf_counter() - started}
    stats["index_files_reused"] = index.reused
    # the question search runs in C without the GIL: overlap it with the answer work
    with ThreadPoolExecutor(max_workers=1) as background:
        pending = background.submit(_questions, index, settings, changed)
        answers, in_cluster = answer_clusters(pool, index, settings, changed, order, stats)
        stats["answers_s"] = time.perf_counter() - started
        questions_asked, pairs = pending.result()
    said = dict(zip(map(id, pool), index.contents, strict=True))
    questions = question_clusters(questions_asked, pairs, order, in_cluster, stats, changed, said)
    stats["seconds"] = time.perf_counter() - started
    clusters = sorted(answers + questions, key=lambda c: (order[id(c.representative)], c.kind))
    if changed is not None:
        clusters = [c for c in clusters if any(id(e) in changed for e in c.entries)]
    return DupeResult(clusters=clusters, compared=len(pool), stats=stats)


def _questions(
    index: DupeIndex, settings: Settings, changed: set[int] | None
) -> tuple[QuestionIndex, list[tuple[int, int, float]]]:
    asked = question_index(index)
    return asked, question_pairs(asked, settings, changed)


@dataclass
class Explanation:
    """``cskit dupes --explain A B``: everything that decides how two entries relate."""

    a: Entry
    b: Entry
    canon_a: str
    canon_b: str
    content_a: str  # the comparison forms (content.py)
    content_b: str
    score: float  # fuzz.ratio of the comparison forms
    diff: str
    verdict: Verdict
    disjoint: bool
    shared_questions: list[str]
    label: str  # duplicate | variant | conflict | shared_question | none
    how: str = ""  # similar | short | contained | reordered | frame
    apart: str = ""  # conditions | valid: the entries never apply together
    other_subject: bool = False  # titles or questions name different things
    stages: bool = True  # False for an opening and a closing


def explain(a: Entry, b: Entry, settings: Settings) -> Explanation:
    """Everything that decides how ``a`` and ``b`` relate, and the label they would get."""
    facts = dict(settings.facts)
    ca, cb = canon(a.answer), canon(b.answer)
    xa, xb = content(a.answer, facts).text, content(b.answer, facts).text
    score = round(float(fuzz.ratio(xa, xb)), 1)
    reordered = content(a.answer, facts).order_free == content(b.answer, facts).order_free
    rel = relate(xa, xb, settings.near, settings.conflict, settings.opposites, reordered=reordered)
    verdict = rel.verdict if rel is not None else judge(xa, xb, settings.opposites)
    shared = sorted(
        {canon_question(q) for q in a.questions} & {canon_question(q) for q in b.questions}
    )
    never = apart(a, b)
    other = different_subjects(a, b, verdict)
    stages = {stage_class(a), stage_class(b)} != {"opening", "closing"}
    label = "none"
    if ca == cb:
        label = "duplicate"
    elif not stages:
        label = "none"
    elif xa == xb:
        label = "variant"
    elif rel is not None and rel.label == "conflict":
        label = "conflict" if not never and not other else "none"
    elif rel is not None:
        label = "variant"
    if label == "none" and shared and not never:
        label = "conflict" if keyed_conflicts(xa, xb) else "shared_question"
    return Explanation(
        a,
        b,
        ca,
        cb,
        xa,
        xb,
        score,
        render_diff(ca, cb, limit=8),
        verdict,
        never == "conditions",
        shared,
        label,
        how=rel.how if rel is not None else "",
        apart=never,
        other_subject=other,
        stages=stages,
    )
