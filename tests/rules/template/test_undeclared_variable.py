from __future__ import annotations

from tests.rules.template.helpers import (
    ANSWER_LINE,
    BLOCK_FIRST_LINE,
    BLOCK_INDENT,
    block,
    plain,
)


def test_typo_suggests_registered_name_by_last_segment(lint_snippet):
    text = block(
        """\
        您好，
        单号 {{ order.tracking }}。
        """
    )
    [finding] = lint_snippet(text, "T002")
    assert "order.tracking" in finding.message_zh
    assert "shipment.tracking_no" in finding.message_zh
    assert finding.evidence == "order.tracking"
    assert (finding.line, finding.column) == (BLOCK_FIRST_LINE + 1, BLOCK_INDENT + 7)


def test_plain_scalar_column_is_value_column_plus_offset(lint_snippet):
    [finding] = lint_snippet(plain("亲，{{ agent.nme }}为您服务"), "T002")
    # "answer: " starts the value at column 13 (4 spaces + "answer: "); "{{ " is 5 chars in
    assert (finding.line, finding.column) == (ANSWER_LINE, 13 + 5)
    assert "agent.name" in finding.message_zh


def test_undeclared_fact_is_reported(lint_snippet):
    [finding] = lint_snippet(plain("支持{{ facts.return_day }}天无理由退货"), "T002")
    assert "facts.return_day" in finding.message_zh
    assert "facts.return_days" in finding.message_zh


def test_locals_namespaces_and_facts_are_fine(lint_snippet):
    text = block(
        """\
        {% set who = agent.name %}{{ who }}为您服务，支持{{ facts.return_days }}天无理由。
        {% for ch in order.id %}{{ ch }}{{ loop.index }}{% endfor %}
        {% if shipment %}{{ shipment.carrier | default('快递') }}{% endif %}
        {{ order.id.upper() }}
        """
    )
    assert lint_snippet(text, "T002") == []


def test_zendesk_roots_are_left_to_t007(lint_snippet):
    assert lint_snippet(plain("您好{{ticket.requester.name}}"), "T002") == []


def test_each_name_reported_once_per_text(lint_snippet):
    findings = lint_snippet(plain('"{{ order.nope }}{{ order.nope }}"'), "T002")
    assert len(findings) == 1


def test_template_file_is_checked_at_its_own_line_and_column(lint_snippet):
    files = {
        "scripts/a.yaml": plain("您好"),
        "templates/notice.j2": "{# 通知 #}\n订单 {{ order.id }}，快递 {{ shipment.tracking }}\n",
    }
    [finding] = lint_snippet(files, "T002")
    assert finding.file.endswith("templates/notice.j2") and finding.entry_id is None
    assert (finding.line, finding.column) == (2, 25)
    assert "shipment.tracking_no" in finding.message_zh


def test_linting_only_a_template_file_reports_it(make_library, cli, monkeypatch):
    lib = make_library(
        {"scripts/a.yaml": plain('"{{ order.nope }}"'), "templates/n.j2": "{{ order.bad }}\n"}
    )
    monkeypatch.chdir(lib)
    result = cli("lint", "templates/n.j2", "--library", ".", "--select", "T002")
    assert result.exit_code == 1
    assert "templates/n.j2:1:4: T002" in result.stdout and "order.nope" not in result.stdout
