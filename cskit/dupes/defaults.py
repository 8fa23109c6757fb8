"""Default thresholds and opposites of the duplicate finder (D001–D004).

Kept apart from the finder itself so the rule registry can show and validate the options
without importing numpy and rapidfuzz: a run that takes its findings from the cache, or runs
the D rules in another process, never loads them here.
"""

from __future__ import annotations

NEAR_THRESHOLD = 90.0  # D002: harmless variants measured at 94+ after canon
CONFLICT_THRESHOLD = 85.0  # D004: number/negation/party conflicts measured at 86–98
QUESTION_THRESHOLD = 92.0  # D003: short strings swing more; 92 allows about one edit

# D004: a difference that is one word of a pair against the other is a contradiction
DEFAULT_OPPOSITES: tuple[tuple[str, str], ...] = (
    ("买家", "卖家"),
    ("包邮", "不包邮"),
    ("支持", "不支持"),
    ("可以", "不可以"),
    ("需要", "不需要"),
    ("退货", "换货"),
    ("有货", "缺货"),
    ("之前", "之后"),
    ("以上", "以下"),
    ("工作日", "自然日"),
)
