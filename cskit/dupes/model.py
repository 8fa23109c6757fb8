"""The data of duplicate detection: settings, clusters and their members, and the two
helpers both halves use (complete-linkage clustering, the near-pair search)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from cskit.config.model import Config
from cskit.dupes.content import fact_values
from cskit.dupes.defaults import CONFLICT_THRESHOLD as CONFLICT_THRESHOLD
from cskit.dupes.defaults import NEAR_THRESHOLD as NEAR_THRESHOLD
from cskit.dupes.defaults import QUESTION_THRESHOLD as QUESTION_THRESHOLD
from cskit.dupes.lexicon import DEFAULT_OPPOSITES
from cskit.dupes.nearpairs import near_pairs, score_pairs
from cskit.dupes.subjects import disjoint as disjoint
from cskit.errors import ConfigError
from cskit.library.model import Entry

T = TypeVar("T")


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
    facts: tuple[tuple[str, str], ...] = ()  # key → the value {{ facts.KEY }} reads as

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
                    f"{code}.threshold 应为 50 到 100 之间的数，而不是 {value!r}",
                    where=config.where(*where) if where else None,
                    hint="默认值及理由见 docs/duplicates.md",
                    en=f"{code}.threshold must be a number from 50 to 100, not {value!r}",
                    hint_en="see docs/duplicates.md for the defaults and why",
                )
            values[field_name] = float(value)
        raw_pairs, where = option("D004", "conflicting-answers", "opposites", None)
        opposites = DEFAULT_OPPOSITES if raw_pairs is None else _opposites(raw_pairs, config, where)
        env = os.environ.get("CSKIT_WORKERS", "")
        count = workers if workers is not None else int(env) if env.lstrip("-").isdigit() else -1
        facts = tuple(sorted(fact_values(config).items()))
        return cls(opposites=opposites, workers=count, facts=facts, **values)


def _opposites(raw: Any, config: Config, where: tuple[Any, ...]) -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    for item in raw if isinstance(raw, list) else [raw]:
        if isinstance(item, str) and "/" in item:
            item = item.split("/", 1)
        if not (
            isinstance(item, list | tuple)
            and len(item) == 2
            and all(isinstance(side, str) and all(side.split("|")) for side in item)
        ):
            raise ConfigError(
                f"D004.opposites：{item!r} 不是一对词",
                where=config.where(*where),
                hint="写成 [买家, 卖家] 或 买家/卖家；几种说法用 | 隔开：买家承担|自行承担",
                en=f"D004.opposites: {item!r} is not a pair of words",
                hint_en="write pairs like [买家, 卖家] or 买家/卖家; alternatives as 买家承担|自行承担",
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
    how: str = ""  # what makes a copy: similar | short | contained | reordered | same | frame
    notes: list[str] = field(default_factory=list)  # harmless details worth naming
    related: list[Entry] | None = None  # the entries this member relates to by its label

    @property
    def code(self) -> str:
        return CODES[self.label]


@dataclass
class Cluster:
    kind: str  # answer | question
    representative: Entry
    members: list[Member]
    question: str = ""  # question clusters: the representative's wording

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


def search(
    texts: list[str],
    threshold: float,
    queries: list[int] | None,
    workers: int,
    mapped: list[str] | None = None,
) -> list[tuple[int, int, float]]:
    """Near pairs. In changed-only runs: every pair with a changed member, plus every pair
    among the partners of one changed text, which is all complete linkage needs to build
    the clusters that contain a changed entry."""
    if queries is None:
        return near_pairs(texts, threshold, workers=workers, mapped=mapped)
    first = near_pairs(texts, threshold, queries=queries, workers=workers, mapped=mapped)
    partners: dict[int, set[int]] = {}
    for i, j, _ in first:
        partners.setdefault(i, set()).add(j)
        partners.setdefault(j, set()).add(i)
    known = {(i, j) for i, j, _ in first}
    extra = sorted(
        {
            (a, b)
            for q in queries
            for a in partners.get(q, ())
            for b in partners.get(q, ())
            if a < b and (a, b) not in known
        }
    )
    if not extra:
        return first
    scores = score_pairs([texts[a] for a, _ in extra], [texts[b] for _, b in extra], workers)
    more = [(a, b, x) for (a, b), x in zip(extra, scores, strict=True)]
    return sorted(first + [p for p in more if p[2] >= threshold])
