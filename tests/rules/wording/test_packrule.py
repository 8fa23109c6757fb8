"""The pack rules' shared engine: which codes packs may feed, wherever a run's Context is made."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cskit.library.load import load_library
from cskit.lint.engine import lint
from cskit.rules.base import Context
from cskit.rules.registry import PACK_RULES, RULES
from cskit.rules.wording.absolute_claim import AbsoluteClaim
from cskit.rules.wording.packrule import pack_rules
from tests.conftest import AS_OF
from tests.rules.textcases import one


def test_the_pack_rules_are_the_registry_s_pack_rule_subclasses() -> None:
    assert pack_rules(RULES) == PACK_RULES == pack_rules()


def test_a_context_made_by_hand_still_loads_the_packs(make_library: Callable[..., Path]) -> None:
    """``cskit lint --fix`` and the bench's per-rule profile build a Context without the
    registry's catalogue; the packs must load there as in a lint run."""
    library = load_library(make_library({"scripts/a.yaml": one("这是全网最好的杯子")}))
    by_hand = list(AbsoluteClaim().check_entry(library.entries[0], Context(library, AS_OF)))
    linted = lint(library, as_of=AS_OF, select=["W003"]).findings
    assert [f.message_zh for f in by_hand] == [f.message_zh for f in linted] != []
