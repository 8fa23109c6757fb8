"""Default thresholds and opposites of the duplicate finder (D001–D004).

Kept apart from the finder itself so the rule registry can show and validate the options
without importing numpy and rapidfuzz: a run that takes its findings from the cache, or runs
the D rules in another process, never loads them here.
"""

from __future__ import annotations

from cskit.dupes.lexicon import DEFAULT_OPPOSITES as DEFAULT_OPPOSITES

NEAR_THRESHOLD = 85.0  # D002, on the comparison form (courtesy, formulas and notices gone)
CONFLICT_THRESHOLD = 85.0  # D004: number/negation/party conflicts measured at 86–98
QUESTION_THRESHOLD = 92.0  # D003: short strings swing more; 92 allows about one edit
