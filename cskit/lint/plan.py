"""Who does what in a large lint run: the rule families and the entry rules, split between
this process and one forked child (:mod:`cskit.parallel`) so both finish together.
"""

from __future__ import annotations

from dataclasses import dataclass

from cskit import parallel
from cskit.lint.cache import LintCache
from cskit.rules.base import Context, Rule

# Seconds at 10k entries, as measured inside a two-process run (``make bench``; the
# per-family times of benchmarks/bench.py, then calibrated so both processes end together):
# each family's library-scope rules, and all entry rules over every entry. Only the balance
# matters. D's search runs partly on a second thread. Everything grows linearly with the
# library except the near-pair search behind D (about n^1.7 between 10k and 100k).
_FAMILY_COST = {"D": 1.85, "T": 0.4, "E": 0.1, "S": 0.05}
_FAMILY_GROWTH = {"D": 1.7}
_ENTRY_RULES_COST = 1.0


def _family_cost(family: str, entries: int) -> float:
    scale = max(entries, 1) / 10_000
    return _FAMILY_COST.get(family, 0.05) * scale ** _FAMILY_GROWTH.get(family, 1.0)


@dataclass
class Plan:
    here: list[Rule]  # library rules run in this process
    there: list[Rule]  # library rules run in the forked child
    # Full runs: both take entry files one by one after their library rules; otherwise
    # this process checks the (few, or all when alone) entries itself.
    shared: bool = False


def plan(rules: list[Rule], entry_rules: bool, ctx: Context, store: LintCache | None) -> Plan:
    """Who does what. A family of library rules stays in one process, so rules that share
    work through ``ctx.memo`` still share it. On a full run each process then checks the
    entries of files it takes one by one (:class:`cskit.parallel.Tickets`) until none is
    left, which evens out whatever the families leave uneven, however the machine runs."""
    library = ctx.library
    if not parallel.worth_it(len(library.entries)):
        return Plan(rules, [])
    if ctx.changed is not None:  # a hook run: the few changed entries are checked here
        todo = None
        share = len(ctx.changed) / max(len(library.entries), 1)
    else:
        todo = [
            0 if store is not None and store.has_file(s) else len(s.entries) for s in library.files
        ]
        share = sum(todo) / max(len(library.entries), 1)
    scale = len(library.entries) / 10_000
    entry_cost = _ENTRY_RULES_COST * scale * share if entry_rules else 0.0
    families: dict[str, list[Rule]] = {}
    for rule in rules:
        families.setdefault(rule.code[0], []).append(rule)
    here: list[Rule] = []
    there: list[Rule] = []
    load = [entry_cost if todo is None else 0.0, 0.0]  # this process, the child
    costs = {f: _family_cost(f, len(library.entries)) for f in families}
    for family in sorted(families, key=lambda f: -costs[f]):
        side = 0 if load[0] <= load[1] else 1
        (here if side == 0 else there).extend(families[family])
        load[side] += costs[family]
    return Plan(here, there, shared=todo is not None and entry_cost > 0)
