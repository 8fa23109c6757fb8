"""Guard tests: every rule module registered, documented and tested (one obvious place)."""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest

from cskit.rules import RULES
from cskit.rules.base import FAMILIES, Rule, doc_sections

RULES_DIR = Path(__file__).resolve().parents[2] / "cskit" / "rules"
TESTS_DIR = Path(__file__).resolve().parent
NOT_RULES = {"__init__", "base"}


def _modules() -> list[str]:
    return sorted(p.stem for p in RULES_DIR.glob("*.py") if p.stem not in NOT_RULES)


def test_every_rule_module_is_registered_once():
    registered = [r.__module__.rsplit(".", 1)[-1] for r in RULES]
    helpers = [m for m in _modules() if not _defines_rule(m)]
    assert sorted(set(registered)) == sorted(set(_modules()) - set(helpers))
    assert len(registered) == len(set(r.code for r in RULES))


def _defines_rule(module: str) -> bool:
    mod = importlib.import_module(f"cskit.rules.{module}")
    return any(
        inspect.isclass(v)
        and issubclass(v, Rule)
        and v is not Rule
        and v.__module__ == mod.__name__
        for v in vars(mod).values()
    )


def test_codes_names_and_order():
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))
    assert len({r.name for r in RULES}) == len(RULES)
    for r in RULES:
        assert re.fullmatch(r"[A-Z]\d{3}", r.code), r.code
        assert r.code[0] in FAMILIES
        assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", r.name), r.name
        assert r.severity in ("error", "warning", "info")
        assert r.scope in ("entry", "library")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_documented_with_bad_and_good(rule: type[Rule]):
    doc = doc_sections(rule)
    assert doc["summary"], "first docstring line says what it catches"
    assert doc.get("bad", "").strip(), "a Bad: example"
    assert doc.get("good", "").strip(), "a Good: example"
    assert rule.summary_zh and rule.summary_en


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_has_its_own_test_module(rule: type[Rule]):
    stem = rule.__module__.rsplit(".", 1)[-1]
    assert (TESTS_DIR / f"test_{stem}.py").is_file(), f"tests/rules/test_{stem}.py"
