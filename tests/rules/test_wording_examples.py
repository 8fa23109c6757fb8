"""The Bad/Good examples in the W, P, M and Z rule docstrings behave as documented."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import pytest

from cskit.rules.base import Rule, doc_sections
from cskit.rules.registry import RULES
from tests.conftest import entry_file
from tests.rules.textcases import HEAD

# M002's bad example describes a 600-character reply instead of printing one.
CHECKED = [r for r in RULES if r.code[0] in "WPMZ" and r.code != "M002"]


def as_file(example: str) -> str:
    body = textwrap.dedent(example).strip("\n")
    if "answer:" not in body:
        body = "answer: 您好\n" + body
    return entry_file(HEAD.format(id="doc-1") + body + "\n")


@pytest.mark.parametrize("rule", CHECKED, ids=lambda r: r.code)
def test_bad_example_is_reported_and_good_is_clean(
    rule: type[Rule], lint_snippet: Callable[..., list]
) -> None:
    sections = doc_sections(rule)
    bad = lint_snippet(as_file(sections["bad"]), rule.code)
    good = lint_snippet(as_file(sections["good"]), rule.code)
    assert bad and {f.code for f in bad} == {rule.code}
    assert good == [], [f.message_zh for f in good]


@pytest.mark.parametrize("rule", CHECKED, ids=lambda r: r.code)
def test_good_example_is_clean_under_every_rule(
    rule: type[Rule], lint_snippet: Callable[..., list]
) -> None:
    findings = lint_snippet(as_file(doc_sections(rule)["good"]), "ALL")
    assert findings == [], [(f.code, f.message_zh) for f in findings]
