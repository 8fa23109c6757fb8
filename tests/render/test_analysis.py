from __future__ import annotations

from cskit.render.analysis import analyse, find_column


def test_locals_replies_and_filters_are_collected():
    result = analyse(
        "{% set n = 1 %}{% for g in order.gifts | default([]) %}{{ g }}{% endfor %}"
        "{{ reply('greet-hello') }}{{ order.amount | yuan }}"
    )
    assert {"n", "g"} <= result.locals
    assert result.replies == [("greet-hello", 1)]
    assert {f.name for f in result.filters} == {"default", "yuan"}
    gifts = next(u for u in result.uses if u.name == "order.gifts")
    assert gifts.guarded


def test_elif_branches_know_earlier_tests_failed():
    result = analyse(
        "{% if not a.x %}无{% elif a.y %}{{ a.x }}{{ a.y }}{% else %}{{ a.y }}{% endif %}"
    )
    rendered = [(u.name, u.guarded) for u in result.uses if u.rendered]
    assert rendered == [("a.x", True), ("a.y", True), ("a.y", False)]


def test_plain_text_is_not_parsed():
    result = analyse("纯文本，价格{99}元")
    assert result.uses == [] and result.syntax_error is None


def test_find_column_counts_occurrences():
    line = "{{ a.b }} 和 {{ a . b }}"
    assert find_column(line, "a.b") == 3
    assert find_column(line, "a.b", 1) == 15


def test_or_default_is_a_guard_but_still_printed():
    [use] = analyse("{{ customer.nick or '亲' }}").uses
    assert use.guarded and use.rendered and not use.masked


def test_and_guards_its_right_side_only_in_tests():
    uses = analyse("{% if a.x and a.x > 1 %}{% endif %}{{ b.y and b.y | upper }}").uses
    assert [(u.name, u.guarded) for u in uses] == [
        ("a.x", True),
        ("a.x", True),
        ("b.y", False),
        ("b.y", True),
    ]
