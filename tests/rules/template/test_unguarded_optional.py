from __future__ import annotations

from tests.rules.template.helpers import BLOCK_FIRST_LINE, BLOCK_INDENT, block


def test_optional_without_guard_is_reported_at_its_position(lint_snippet):
    text = block(
        """\
        您的包裹已发出，
        运单号 {{ shipment.tracking_no }}。
        """
    )
    [finding] = lint_snippet(text, "T004")
    assert finding.severity == "warning"
    assert "shipment.tracking_no" in finding.message_zh
    assert (finding.line, finding.column) == (BLOCK_FIRST_LINE + 1, BLOCK_INDENT + 8)


def test_comparison_and_else_branch_are_not_guards(lint_snippet):
    text = block(
        """\
        {% if shipment.tracking_no %}有单号{% else %}{{ shipment.tracking_no }}{% endif %}
        {% if shipment.eta > 3 %}慢{% endif %}
        """
    )
    assert sorted(f.evidence for f in lint_snippet(text, "T004")) == [
        "shipment.eta",
        "shipment.tracking_no",
    ]


def test_guards_pass(lint_snippet):
    text = block(
        """\
        {% if shipment.tracking_no %}运单号 {{ shipment.tracking_no }}{% endif %}
        {{ shipment.carrier | default('快递公司') }}
        {% if not shipment.eta %}尽快{% else %}{{ shipment.eta | date }}{% endif %}
        {% if shipment.carrier and shipment.eta %}{{ shipment.eta | date }}{% endif %}
        {{ shipment.tracking_no if shipment.tracking_no else '暂无' }}
        {% if shipment.carrier is defined %}{{ shipment.carrier }}{% endif %}
        {% if shipment.carrier == '顺丰' %}顺丰{% endif %}
        {{ order.id }}
        """
    )
    assert lint_snippet(text, "T004") == []
