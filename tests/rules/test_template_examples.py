"""The Bad/Good examples in each T rule's docstring behave as documented."""

from __future__ import annotations

import textwrap

import pytest

from cskit.rules.base import doc_sections
from cskit.rules.registry import RULES

T_RULES = [r for r in RULES if r.code.startswith("T")]
FILLER = "title: 示例\ncategory: general\nstage: greet\nowner: 客服一组\nreviewed: 2026-11-01\n"


def as_file(example: str) -> str:
    body = textwrap.dedent(example)
    first, _, rest = body.partition("\n")
    filler = textwrap.indent(FILLER, "  ")
    return "entries:\n" + first + "\n" + filler + rest + "\n"


@pytest.mark.parametrize("rule", T_RULES, ids=lambda r: r.code)
def test_bad_example_is_reported_and_good_is_clean(rule, lint_snippet):
    sections = doc_sections(rule)
    bad = lint_snippet(as_file(sections["bad"]), rule.code)
    good = lint_snippet(as_file(sections["good"]), rule.code)
    assert [f.code for f in bad] and {f.code for f in bad} == {rule.code}
    assert good == []
