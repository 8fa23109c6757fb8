"""D003 shared-question: the same customer question in several active entries."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from cskit.dupes.defaults import QUESTION_THRESHOLD
from cskit.findings import Finding
from cskit.rules.base import Context, Rule
from cskit.rules.duplicates.common import cluster_findings


class SharedQuestion(Rule):
    """The same customer question is listed by several active entries, so a matcher (or an
    agent searching the library) cannot tell which answer to use.

    Questions are compared after normalisation and after dropping courtesy words and
    particles (亲, 请问, 您好, 嗯呢, trailing 呢/吗/啊…), then fuzzily (``fuzz.ratio`` ≥
    ``threshold``, default 92: about one character of difference on a typical 12-character
    question); a short question with one filler word more (``几天发货`` / ``几天能发货``) is the
    same question. A number, a negation, an opposite word or a Latin letter makes two
    questions different (``L码`` / ``XL码``). Entries whose ``conditions`` or validity windows
    are disjoint may share a question. Entries already reported as duplicate answers are not
    reported again here. If the answers contradict in a value, it is D004 instead.

    Bad:
        - id: refund-time
          questions: [退款多久到账]
        - id: refund-arrival
          questions: [请问退款多久到账呢？]

    Good:
        - id: refund-time
          questions: [退款多久到账]
          conditions: {order_status: refunding}
        - id: refund-arrival
          questions: [请问退款多久到账呢？]
          conditions: {order_status: closed}
    """

    code = "D003"
    name = "shared-question"
    scope = "library"
    severity = "warning"
    options: ClassVar[dict[str, Any]] = {"threshold": QUESTION_THRESHOLD}
    summary_zh = "同一问题出现在多条启用条目中"
    summary_en = "same customer question in several active entries"
    explain_zh = (
        "同一个买家问法出现在多条启用条目里，匹配器（或查库的客服）不知道该用哪条回答。"
        "问法在规范化、去掉客套词和语气词（亲、请问、呢、吗……）"
        "后模糊比较（默认 threshold 92，约一个字的差别）。"
        "conditions 互斥的条目可以共用问法；回答里数字矛盾的算 D004。"
    )
    fix_zh = "把这个问法只留在最合适的那条里，或用 conditions 区分适用场景。"
    fix_en = (
        "Keep the question in the one entry that fits best, "
        "or tell the entries apart with conditions."
    )

    def check_library(self, ctx: Context) -> Iterator[Finding]:
        yield from cluster_findings(self, ctx)
