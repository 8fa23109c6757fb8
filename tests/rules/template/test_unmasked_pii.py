from __future__ import annotations

from tests.rules.template.helpers import BLOCK_FIRST_LINE, BLOCK_INDENT, block


def test_pii_printed_raw_is_reported(lint_snippet):
    text = block(
        """\
        {% if customer.phone %}
        请确认电话 {{ customer.phone }}
        {% endif %}
        """
    )
    [finding] = lint_snippet(text, "T005")
    assert "customer.phone" in finding.message_zh and "mask_phone" in finding.message_zh
    assert (finding.line, finding.column) == (BLOCK_FIRST_LINE + 1, BLOCK_INDENT + 10)


def test_pii_through_set_without_mask_is_reported(lint_snippet):
    text = block("{% set n = customer.nick | default('亲') %}{{ n }}")
    assert [f.evidence for f in lint_snippet(text, "T005")] == ["customer.nick"]


def test_masked_or_only_tested_pii_passes(lint_snippet):
    text = block(
        """\
        {% if customer.phone %}{{ customer.phone | mask_phone }}{% endif %}
        {{ customer.nick | default('亲') | mask_name }}
        {{ customer.nick | mask_name | default('') }}
        {% if customer.nick is defined %}欢迎回来{% endif %}
        """
    )
    assert lint_snippet(text, "T005") == []


def test_or_fallback_still_prints_the_raw_value(lint_snippet):
    text = block("亲爱的{{ customer.nick or '亲' }}")
    assert [f.evidence for f in lint_snippet(text, "T005")] == ["customer.nick"]
    assert lint_snippet(text, "T004") == []  # but it is guarded
