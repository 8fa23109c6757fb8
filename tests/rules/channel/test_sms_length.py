from __future__ import annotations

import json
from collections.abc import Callable

from tests.conftest import CONFIG
from tests.rules.textcases import LINE, one

Lint = Callable[..., list]


def _sms(body: str) -> str:
    return one("您好", extra=f"channels:\n  sms: {json.dumps(body, ensure_ascii=False)}\n")


def test_rendered_worst_case_over_samples_with_signature(lint_snippet: Lint) -> None:
    # 【示例旗舰店】 = 7; fixed text 120 ⇒ 127 + order.id (19) = 146 > 134 (2 × 67)
    body = "您的订单{{ order.id }}" + "好" * 116
    [f] = lint_snippet(_sms(body), "M001")
    assert f.line == LINE + 2 and f.key.endswith("channels.sms")
    assert "146 字" in f.message_zh and "3 条" in f.message_zh and "样例 shipped" in f.message_zh


def test_exactly_two_segments_passes(lint_snippet: Lint) -> None:
    body = "您的订单{{ order.id }}" + "好" * 104  # 7 + 4 + 19 + 104 = 134 = 2 × 67
    assert lint_snippet(_sms(body), "M001") == []


def test_one_segment_limit_is_70(lint_snippet: Lint) -> None:
    config = CONFIG.replace("max_segments: 2", "max_segments: 1")
    assert lint_snippet(_sms("好" * 63), "M001", config=config) == []  # 7 + 63 = 70
    [f] = lint_snippet(_sms("好" * 64), "M001", config=config)
    assert "71 字" in f.message_zh


def test_unrenderable_text_is_estimated_from_the_longest_values(lint_snippet: Lint) -> None:
    body = "{{ order.id | nosuchfilter }}" + "好" * 110  # 7 + 19 + 110 = 136
    [f] = lint_snippet(_sms(body), "M001")
    assert "136 字" in f.message_zh and "估算" in f.message_zh


def test_entries_without_sms_text_are_not_measured(lint_snippet: Lint) -> None:
    assert lint_snippet(one("好" * 300), "M001") == []
