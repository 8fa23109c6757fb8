"""Guard tests: every rule module registered, in its family's folder, documented and tested."""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest

from cskit.rules.base import FAMILIES, Rule, doc_sections
from cskit.rules.registry import RULES

ROOT = Path(__file__).resolve().parents[2]
RULES_DIR = ROOT / "cskit" / "rules"
TESTS_DIR = Path(__file__).resolve().parent


def _rule_modules() -> dict[str, list[type[Rule]]]:
    """Every module in a family folder → the rules it defines (none for a family helper)."""
    found: dict[str, list[type[Rule]]] = {}
    for path in sorted(RULES_DIR.glob("*/*.py")):
        if path.stem == "__init__":
            continue
        name = "cskit.rules." + ".".join(path.relative_to(RULES_DIR).with_suffix("").parts)
        mod = importlib.import_module(name)
        found[name] = [
            v
            for v in vars(mod).values()
            if inspect.isclass(v)
            and issubclass(v, Rule)
            and v.__module__ == name
            and getattr(v, "code", None)
        ]
    return found


def test_every_rule_module_is_registered_once():
    modules = _rule_modules()
    defined = [rule for rules in modules.values() for rule in rules]
    assert all(len(rules) <= 1 for rules in modules.values()), "one rule per module"
    assert sorted(r.code for r in defined) == sorted(r.code for r in RULES)
    assert {r.__module__ for r in RULES} == {m for m, rules in modules.items() if rules}


def test_the_top_of_rules_holds_only_the_registry_and_the_base():
    assert sorted(p.stem for p in RULES_DIR.glob("*.py")) == ["__init__", "base", "registry"]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_lives_in_its_family_folder(rule: type[Rule]):
    assert rule.__module__.split(".")[2] == FAMILIES[rule.code[0]]


def test_codes_names_and_order():
    codes = [r.code for r in RULES]
    assert codes == sorted(codes, key=lambda c: (list(FAMILIES).index(c[0]), c))
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
    family, stem = rule.__module__.split(".")[2:]
    path = TESTS_DIR / family / f"test_{stem}.py"
    assert path.is_file(), str(path.relative_to(ROOT))
