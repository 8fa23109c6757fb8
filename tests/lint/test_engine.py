from __future__ import annotations

import pytest

from cskit.errors import ConfigError, UsageError
from cskit.library.load import load_library
from cskit.lint.engine import lint
from cskit.lint.selection import rule_matches, select_rules
from cskit.rules.registry import BY_CODE
from tests.conftest import AS_OF, CONFIG, GOOD_ENTRY, entry_file

# These tests read the English error texts (Chinese is the default).
pytestmark = pytest.mark.usefixtures("english_errors")

TYPO = entry_file(GOOD_ENTRY.replace("answer:", "anwser:"))  # E003 + E004


@pytest.mark.parametrize(
    ("token", "hits"),
    [
        ("E003", True),
        ("E0", True),
        ("E", True),
        ("unknown-field", True),
        ("schema", True),
        ("ALL", True),
        ("all", True),
        ("E004", False),
        ("C", False),
        ("3", False),
        ("", False),
    ],
)
def test_rule_matches(token, hits):
    assert rule_matches(BY_CODE["E003"], token) is hits


def test_select_and_ignore(make_library):
    lib = load_library(make_library({"a.yaml": TYPO}), use_cache=False)
    codes = lambda **kw: sorted({f.code for f in lint(lib, as_of=AS_OF, **kw).findings})  # noqa: E731
    assert codes() == ["E003", "E004"]
    assert codes(select=["E003"]) == ["E003"]
    assert codes(ignore=["missing-field"]) == ["E003"]
    assert codes(select=["schema"], ignore=["E00"]) == []


def test_unknown_selector_is_a_usage_error(make_library):
    lib = load_library(make_library({"a.yaml": TYPO}), use_cache=False)
    with pytest.raises(UsageError, match="selects no rule"):
        lint(lib, as_of=AS_OF, select=["Q123"])


def test_config_select_and_severity_override(make_library):
    config = CONFIG.replace("select: [ALL]", "select: [E003]\n  rules: {E003: {severity: warning}}")
    lib = load_library(make_library({"a.yaml": TYPO}, config), use_cache=False)
    result = lint(lib, as_of=AS_OF)
    assert [(f.code, f.severity) for f in result.findings] == [("E003", "warning")]
    assert result.exit_code("error") == 0 and result.exit_code("warning") == 1


def test_bad_config_selector_and_option_name_their_line(make_library):
    config = CONFIG.replace("select: [ALL]", "select: [ALL, Q9]")
    lib = load_library(make_library({"a.yaml": TYPO}, config), use_cache=False)
    with pytest.raises(ConfigError) as err:
        select_rules(lib.config)
    assert "cskit.yaml:" in str(err.value) and "'Q9'" in str(err.value)
    config = CONFIG.replace("select: [ALL]", "select: [ALL]\n  rules: {E003: {threshold: 3}}")
    lib = load_library(make_library({"a.yaml": TYPO}, config), use_cache=False)
    with pytest.raises(ConfigError, match="no option 'threshold'"):
        select_rules(lib.config)


def test_per_file_ignores(make_library):
    config = CONFIG.replace(
        "fail_on: error", 'fail_on: error\n  per_file_ignores: {"legacy/**": [E003]}'
    )
    root = make_library(
        {"legacy/old/a.yaml": TYPO, "new/b.yaml": TYPO.replace("greet-hello", "greet-b")}, config
    )
    findings = lint(load_library(root, use_cache=False), as_of=AS_OF, select=["E003"]).findings
    assert [f.file.rsplit("lib/", 1)[-1] for f in findings] == ["new/b.yaml"]


@pytest.mark.parametrize(
    ("fail_on", "code"), [("error", 1), ("warning", 1), ("info", 1), ("never", 0)]
)
def test_fail_on(make_library, fail_on, code):
    lib = load_library(make_library({"a.yaml": TYPO}), use_cache=False)
    assert lint(lib, as_of=AS_OF).exit_code(fail_on) == code


def test_changed_limits_what_is_reported(make_library):
    two = entry_file(
        GOOD_ENTRY.replace("answer:", "anwser:"),
        GOOD_ENTRY.replace("greet-hello", "x-2").replace("answer:", "anwser:"),
    )
    lib = load_library(make_library({"a.yaml": two}), use_cache=False)
    second = lib.entries[1]
    findings = lint(lib, as_of=AS_OF, select=["E003"], changed={id(second)}).findings
    assert [f.entry_id for f in findings] == ["x-2"]


def test_findings_sorted_by_file_and_line(make_library):
    lib = load_library(
        make_library({"b.yaml": TYPO, "a.yaml": TYPO.replace("greet-hello", "a-1")}),
        use_cache=False,
    )
    findings = lint(lib, as_of=AS_OF).findings
    assert findings == sorted(findings, key=lambda f: (f.file, f.line, f.column, f.code))
