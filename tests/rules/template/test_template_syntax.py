from __future__ import annotations

from tests.rules.template.helpers import BLOCK_FIRST_LINE, BLOCK_INDENT, block, plain


def test_unclosed_if_reported_on_the_file_line_of_the_error(lint_snippet):
    text = block(
        """\
        您好。
        {% if shipment.tracking_no %}运单号 {{ shipment.tracking_no }}
        请留意查收。
        """
    )
    findings = lint_snippet(text, "T001")
    assert [(f.code, f.entry_id) for f in findings] == [("T001", "t-entry")]
    # Jinja stops at the last token it read: the line of the unclosed {% if %}
    assert findings[0].line == BLOCK_FIRST_LINE + 1
    assert findings[0].column == BLOCK_INDENT + 1
    assert "endif" in findings[0].message_zh


def test_bad_expression_line_is_exact(lint_snippet):
    text = block(
        """\
        第一行
        第二行 {{ order.id | }}
        第三行
        """
    )
    [finding] = lint_snippet(text, "T001")
    assert finding.line == BLOCK_FIRST_LINE + 1


def test_include_is_refused(lint_snippet):
    [finding] = lint_snippet(plain("\"{% include 'x.j2' %}\""), "T001")
    assert "reply" in finding.message_zh


def test_valid_templates_and_plain_text_pass(lint_snippet):
    text = block(
        """\
        {% if shipment.tracking_no %}运单号 {{ shipment.tracking_no }}{% endif %}
        价格{99}元起？不是模板，只是文字 {单花括号} 也不是 Jinja。
        """
    )
    assert lint_snippet(text, "T001") == []


def test_broken_template_file_reported_at_its_line(lint_snippet, make_library):
    files = {
        "scripts/a.yaml": plain("您好"),
        "templates/bad.j2": "第一行\n{{ order.id \n",
    }
    findings = lint_snippet(files, "T001")
    assert [(f.file.endswith("bad.j2"), f.line) for f in findings] == [(True, 2)]
