"""The duplicate and conflict finder behind D001–D004 and ``cskit dupes``.

``find_dupes(library, settings)`` compares every active entry with every other one and
returns **clusters**, not pair lists:

- *answer clusters*: answers identical after :func:`cskit.canon.canon` (D001), nearly
  identical with a harmless difference (D002), or nearly identical with a substantive one:
  a number, a negation, an opposite (D004, see :mod:`cskit.dupediff`);
- *question clusters*: the same customer question (after canon, particle stripping and fuzzy
  matching) in several entries (D003), or with answers whose numbers contradict (D004).

Clusters are built by complete linkage: a group joins a cluster only if every member pair
is linked, so a chain A≈B≈C with A≉C never puts A and C together. The representative is the
first member in library order; every other member carries its label, score and diff against
it, and is reported once. Drafts and archived entries are not compared (docs/duplicates.md).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from rapidfuzz import fuzz

from cskit.canon import canon, canon_question
from cskit.config import Config
from cskit.dupediff import (
    DEFAULT_OPPOSITES,
    Verdict,
    classify,
    is_conflict,
    keyed_conflicts,
    render_diff,
)
from cskit.errors import ConfigError
from cskit.library import Entry, Library
from cskit.nearpairs import near_pairs

T = TypeVar("T")

NEAR_THRESHOLD = 90.0  # D002: harmless variants measured at 94+ after canon
CONFLICT_THRESHOLD = 85.0  # D004: number/negation/party conflicts measured at 86–98
QUESTION_THRESHOLD = 92.0  # D003: short strings swing more; 92 allows about one edit

CODES = {"duplicate": "D001", "variant": "D002", "shared_question": "D003", "conflict": "D004"}
LABEL_ZH = {"duplicate": "重复", "variant": "近似", "shared_question": "同问", "conflict": "冲突"}
LABEL_EN = {
    "duplicate": "duplicate",
    "variant": "near-duplicate",
    "shared_question": "shared question",
    "conflict": "conflict",
}
_RANK = {"conflict": 3, "duplicate": 2, "variant": 1, "shared_question": 0}


@dataclass(frozen=True)
class Settings:
    """Thresholds and word lists, from ``lint.rules.D00x`` in cskit.yaml."""

    near: float = NEAR_THRESHOLD
    conflict: float = CONFLICT_THRESHOLD
    question: float = QUESTION_THRESHOLD
    opposites: tuple[tuple[str, str], ...] = DEFAULT_OPPOSITES
    workers: int = -1

    @classmethod
    def from_config(cls, config: Config, workers: int | None = None) -> Settings:
        rules = {str(k): v for k, v in config.lint.rules.items() if isinstance(v, dict)}

        def option(code: str, name: str, key: str, default: Any) -> tuple[Any, tuple[Any, ...]]:
            for token, raw in rules.items():
                if (token.upper() == code or token == name) and key in raw:
                    return raw[key], ("lint", "rules", token, key)
            return default, ()

        values: dict[str, Any] = {}
        for field_name, code, name, default in (
            ("near", "D002", "near-duplicate-answer", NEAR_THRESHOLD),
            ("question", "D003", "shared-question", QUESTION_THRESHOLD),
            ("conflict", "D004", "conflicting-answers", CONFLICT_THRESHOLD),
        ):
            value, where = option(code, name, "threshold", default)
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not 50 <= value <= 100
            ):
                raise ConfigError(
                    f"{code}.threshold must be a number from 50 to 100, not {value!r}",
                    where=config.where(*where) if where else None,
                    hint="see docs/duplicates.md for the defaults and why",
                )
            values[field_name] = float(value)
        raw_pairs, where = option("D004", "conflicting-answers", "opposites", None)
        opposites = DEFAULT_OPPOSITES if raw_pairs is None else _opposites(raw_pairs, config, where)
        env = os.environ.get("CSKIT_WORKERS", "")
        count = workers if workers is not None else int(env) if env.lstrip("-").isdigit() else -1
        return cls(opposites=opposites, workers=count, **values)


def _opposites(raw: Any, config: Config, where: tuple[Any, ...]) -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    for item in raw if isinstance(raw, list) else [raw]:
        if isinstance(item, str) and "/" in item:
            item = item.split("/", 1)
        if not (isinstance(item, list | tuple) and len(item) == 2 and all(item)):
            raise ConfigError(
                f"D004.opposites: {item!r} is not a pair of words",
                where=config.where(*where),
                hint="write pairs like [买家, 卖家] or 买家/卖家",
            )
        pairs.append((str(item[0]), str(item[1])))
    return tuple(pairs)


@dataclass
class Member:
    """One non-representative member of a cluster, compared with the representative."""

    entry: Entry
    label: str  # duplicate | variant | conflict | shared_question
    score: float
    diff: str = ""
    reasons: list[str] = field(default_factory=list)
    question: str = ""  # the shared question, for question clusters
    key: tuple[str | int, ...] = ("answer",)

    @property
    def code(self) -> str:
        return CODES[self.label]


@dataclass
class Cluster:
    kind: str  # answer | question
    representative: Entry
    members: list[Member]

    @property
    def label(self) -> str:
        return max((m.label for m in self.members), key=_RANK.__getitem__)

    @property
    def entries(self) -> list[Entry]:
        return [self.representative, *(m.entry for m in self.members)]

    def others(self, entry: Entry) -> list[Entry]:
        return [e for e in self.entries if e is not entry]


@dataclass
class DupeResult:
    clusters: list[Cluster]
    compared: int  # active entries compared
    stats: dict[str, float] = field(default_factory=dict)


def disjoint(a: Entry, b: Entry) -> bool:
    """True if some condition key is set on both entries with no value in common."""
    ca, cb = a.conditions, b.conditions
    return any(key in cb and not set(ca[key]) & set(cb[key]) for key in ca)


def find_dupes(
    library: Library, settings: Settings | None = None, changed: set[int] | None = None
) -> DupeResult:
    """All clusters; with ``changed`` (``id()`` of entries) only clusters touching them."""
    settings = settings or Settings.from_config(library.config)
    started = time.perf_counter()
    order = {id(e): k for k, e in enumerate(library.entries)}
    pool = [e for e in library.entries if e.active]
    stats: dict[str, float] = {}
    answers, in_cluster = _answer_clusters(pool, settings, changed, order, stats)
    stats["answers_s"] = time.perf_counter() - started
    questions = _question_clusters(pool, settings, changed, order, in_cluster, stats)
    stats["seconds"] = time.perf_counter() - started
    clusters = sorted(answers + questions, key=lambda c: (order[id(c.representative)], c.kind))
    if changed is not None:
        clusters = [c for c in clusters if any(id(e) in changed for e in c.entries)]
    return DupeResult(clusters=clusters, compared=len(pool), stats=stats)


def complete_linkage(
    groups: Sequence[Sequence[T]],
    edges: Iterable[tuple[int, int]],
    linked: Callable[[T, T], bool],
) -> list[list[T]]:
    """Merge ``groups`` along ``edges`` (in priority order) only when every cross pair is
    ``linked``: clusters never chain unrelated members together."""
    parent = list(range(len(groups)))
    members = [list(g) for g in groups]

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for g1, g2 in edges:
        r1, r2 = find(g1), find(g2)
        if r1 == r2:
            continue
        if all(linked(x, y) for x in members[r1] for y in members[r2]):
            if r2 < r1:
                r1, r2 = r2, r1
            parent[r2] = r1
            members[r1].extend(members[r2])
            members[r2] = []
    return [m for m in members if m]


def _search(
    texts: list[str], threshold: float, queries: list[int] | None, workers: int
) -> list[tuple[int, int, float]]:
    """Near pairs; in changed-only runs also every pair among the neighbours found, so
    complete linkage sees the same links it would in a full run."""
    if queries is None:
        return near_pairs(texts, threshold, workers=workers)
    first = near_pairs(texts, threshold, queries=queries, workers=workers)
    hood = sorted(set(queries) | {i for p in first for i in p[:2]})
    sub = near_pairs([texts[u] for u in hood], threshold, workers=workers)
    return [(hood[i], hood[j], s) for i, j, s in sub]


def _answer_clusters(
    pool: list[Entry],
    settings: Settings,
    changed: set[int] | None,
    order: dict[int, int],
    stats: dict[str, float],
) -> tuple[list[Cluster], dict[int, int]]:
    texts: list[str] = []
    units: list[list[Entry]] = []
    index: dict[str, int] = {}
    for entry in pool:
        text = canon(entry.answer) if entry.answer else ""
        if not text:
            continue
        unit = index.setdefault(text, len(texts))
        if unit == len(texts):
            texts.append(text)
            units.append([])
        units[unit].append(entry)
    unit_of = {id(e): u for u, members in enumerate(units) for e in members}
    queries = None
    if changed is not None:
        queries = sorted({unit_of[k] for k in changed if k in unit_of})
    pairs = _search(texts, min(settings.near, settings.conflict), queries, settings.workers)
    stats["unique_answers"] = len(texts)
    stats["near_pairs"] = len(pairs)
    edges: dict[tuple[int, int], tuple[str, float]] = {}
    for u, v, score in pairs:
        conflict = is_conflict(texts[u], texts[v], settings.opposites)
        if conflict and score >= settings.conflict:
            edges[(u, v)] = ("conflict", score)
        elif not conflict and score >= settings.near:
            edges[(u, v)] = ("variant", score)

    conditioned = {id(e) for e in pool if e.conditions}

    def link(x: Entry, y: Entry) -> tuple[str, float] | None:
        ux, uy = unit_of[id(x)], unit_of[id(y)]
        if ux == uy:
            return ("duplicate", 100.0)
        edge = edges.get((ux, uy) if ux < uy else (uy, ux))
        if edge is None:
            return None
        if edge[0] == "conflict" and id(x) in conditioned and id(y) in conditioned:
            return None if disjoint(x, y) else edge
        return edge

    def unit_link(u: int, v: int) -> bool:
        edge = edges.get((u, v) if u < v else (v, u))
        if edge is None:
            return False
        if edge[0] == "conflict":  # disjoint conditions break a conflict link
            xs = [x for x in units[u] if id(x) in conditioned]
            ys = [y for y in units[v] if id(y) in conditioned]
            return not any(disjoint(x, y) for x in xs for y in ys)
        return True

    touched = sorted(
        {u for pair in edges for u in pair} | {u for u, m in enumerate(units) if len(m) > 1}
    )
    local = {u: k for k, u in enumerate(touched)}
    ranked = sorted(edges.items(), key=lambda item: (-item[1][1], item[0]))
    merged = complete_linkage(
        [[u] for u in touched], ((local[u], local[v]) for (u, v), _ in ranked), unit_link
    )
    groups = [[e for u in group for e in units[u]] for group in merged]
    clusters: list[Cluster] = []
    in_cluster: dict[int, int] = {}
    for group in groups:
        if len(group) < 2:
            continue
        group.sort(key=lambda e: order[id(e)])
        rep = group[0]
        members = []
        for entry in group[1:]:
            label, score = link(rep, entry) or ("duplicate", 100.0)
            members.append(_answer_member(rep, entry, label, score, settings))
        for entry in group:
            in_cluster[id(entry)] = len(clusters)
        clusters.append(Cluster("answer", rep, members))
    return clusters, in_cluster


def _answer_member(
    rep: Entry, entry: Entry, label: str, score: float, settings: Settings
) -> Member:
    a, b = canon(rep.answer), canon(entry.answer)
    if label == "duplicate":
        return Member(entry, label, 100.0)
    verdict: Verdict = classify(a, b, settings.opposites)
    focus = settings.opposites if label == "conflict" else None
    diff = render_diff(a, b, opposites=focus)
    return Member(entry, label, round(score, 1), diff, verdict.reasons)


def _question_clusters(
    pool: list[Entry],
    settings: Settings,
    changed: set[int] | None,
    order: dict[int, int],
    in_cluster: dict[int, int],
    stats: dict[str, float],
) -> list[Cluster]:
    texts: list[str] = []
    owners: list[list[tuple[Entry, int]]] = []
    index: dict[str, int] = {}
    for entry in pool:
        seen: set[str] = set()
        for k, question in enumerate(entry.questions):
            text = canon_question(question)
            if not text or text in seen:
                continue
            seen.add(text)
            q = index.setdefault(text, len(texts))
            if q == len(texts):
                texts.append(text)
                owners.append([])
            owners[q].append((entry, k))
    queries = None
    if changed is not None:
        queries = sorted(
            {q for q, own in enumerate(owners) if any(id(e) in changed for e, _ in own)}
        )
    pairs = _search(texts, settings.question, queries, settings.workers)
    stats["unique_questions"] = len(texts)
    stats["question_pairs"] = len(pairs)
    fuzzy = {(u, v) for u, v, _ in pairs}
    touched = sorted(
        {u for pair in fuzzy for u in pair} | {q for q, o in enumerate(owners) if len(o) > 1}
    )
    local = {u: k for k, u in enumerate(touched)}
    ranked = sorted(pairs, key=lambda p: (-p[2], p[0], p[1]))
    groups = complete_linkage(
        [[u] for u in touched],
        ((local[u], local[v]) for u, v, _ in ranked),
        lambda x, y: (min(x, y), max(x, y)) in fuzzy,
    )
    clusters: list[Cluster] = []
    for group in groups:
        asked: dict[int, tuple[Entry, int]] = {}
        for q in group:
            for entry, k in owners[q]:
                asked.setdefault(id(entry), (entry, k))
        if len(asked) < 2:
            continue
        entries = sorted((e for e, _ in asked.values()), key=lambda e: order[id(e)])
        if not any(e.conditions for e in entries):
            parts = [entries]  # nothing can be disjoint: skip the pairwise linkage
        else:
            parts = complete_linkage(
                [[e] for e in entries],
                ((i, j) for i in range(len(entries)) for j in range(i + 1, len(entries))),
                lambda x, y: not disjoint(x, y),
            )
        for part in parts:
            cluster = _question_cluster(part, asked, in_cluster, order)
            if cluster is not None:
                clusters.append(cluster)
    return clusters


def _question_cluster(
    part: list[Entry],
    asked: dict[int, tuple[Entry, int]],
    in_cluster: dict[int, int],
    order: dict[int, int],
) -> Cluster | None:
    if len(part) < 2:
        return None
    part.sort(key=lambda e: order[id(e)])
    rep = part[0]
    members = []
    for entry in part[1:]:
        same = in_cluster.get(id(entry))
        if same is not None and same == in_cluster.get(id(rep)):
            continue  # already one answer cluster: merging it settles the question too
        k = asked[id(entry)][1]
        question = entry.questions[k]
        a, b = canon(rep.answer), canon(entry.answer)
        score = round(
            fuzz.ratio(canon_question(rep.questions[asked[id(rep)][1]]), canon_question(question)),
            1,
        )
        contradictions = keyed_conflicts(a, b)
        label = "conflict" if contradictions else "shared_question"
        members.append(Member(entry, label, score, "", contradictions, question, ("questions", k)))
    return Cluster("question", rep, members) if members else None


@dataclass
class Explanation:
    """``cskit dupes --explain A B``: everything that decides how two entries relate."""

    a: Entry
    b: Entry
    canon_a: str
    canon_b: str
    score: float
    diff: str
    verdict: Verdict
    disjoint: bool
    shared_questions: list[str]
    label: str  # duplicate | variant | conflict | shared_question | none


def explain(a: Entry, b: Entry, settings: Settings) -> Explanation:
    ca, cb = canon(a.answer), canon(b.answer)
    score = round(float(fuzz.ratio(ca, cb)), 1)
    verdict = classify(ca, cb, settings.opposites)
    shared = sorted(
        {canon_question(q) for q in a.questions} & {canon_question(q) for q in b.questions}
    )
    apart = disjoint(a, b)
    label = "none"
    if ca == cb:
        label = "duplicate"
    elif verdict.conflict and score >= settings.conflict and not apart:
        label = "conflict"
    elif not verdict.conflict and score >= settings.near:
        label = "variant"
    elif shared and not apart:
        label = "conflict" if keyed_conflicts(ca, cb) else "shared_question"
    return Explanation(
        a, b, ca, cb, score, render_diff(ca, cb, limit=8), verdict, apart, shared, label
    )
