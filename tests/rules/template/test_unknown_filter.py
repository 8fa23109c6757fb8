from __future__ import annotations

from tests.rules.template.helpers import BLOCK_FIRST_LINE, BLOCK_INDENT, block, plain


def test_unknown_filter_with_suggestion_and_position(lint_snippet):
    text = block(
        """\
        实付
        {{ order.amount | yaun }}
        """
    )
    [finding] = lint_snippet(text, "T003")
    assert "yaun" in finding.message_zh and "yuan" in finding.message_zh
    assert (finding.line, finding.column) == (BLOCK_FIRST_LINE + 1, BLOCK_INDENT + 17)


def test_attr_and_map_are_not_available(lint_snippet):
    findings = lint_snippet(plain("\"{{ order.id | attr('x') }}\""), "T003")
    assert [f.evidence for f in findings] == ["attr"]


def test_cskit_and_kept_builtin_filters_pass(lint_snippet):
    text = block(
        """\
        {{ order.amount | yuan }} {{ order.amount | yuan('元') }}
        {{ shipment.eta | default('') }} {{ customer.phone | default('') | mask_phone }}
        {{ agent.name | upper | truncate(10) }} {{ order.id | length }}
        """
    )
    assert lint_snippet(text, "T003") == []
