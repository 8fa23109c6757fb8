"""The fast reader must read exactly what ruamel's round-trip loader reads (YAML 1.2, docs/configuration.md)."""

from __future__ import annotations

import math
import time
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from cskit.yamlread import YamlError, parse

ROOT = Path(__file__).resolve().parents[1]


def _all_fixture_files() -> list[Path]:
    """Every YAML file the project ships or tests with that is meant to parse."""
    found = []
    for base in ("library", "tests/fixtures", "cskit/scaffold", "cskit/packs"):
        folder = ROOT / base
        if folder.is_dir():
            found += sorted(folder.rglob("*.yaml")) + sorted(folder.rglob("*.yml"))
    return [p for p in found if "broken" not in p.parts and "bad" not in p.stem]


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(map(_same, a, b))
    if isinstance(a, dict):
        return (
            isinstance(b, dict)
            and list(a.keys()) == list(b.keys())
            and all(_same(a[k], b[k]) for k in a)
        )
    if type(b).__name__ == "TaggedScalar":  # ruamel keeps `!!str 123` as a tagged wrapper
        b = b.value
    if type(a) is bool or type(b) is bool:
        return type(a) is type(b) and a == b
    return bool(a == b) and isinstance(a, str) == isinstance(b, str)


def _ruamel(text: str) -> Any:
    return YAML(typ="rt").load(text)


FILES = _all_fixture_files()


def test_fixture_set_is_not_empty():
    assert len(FILES) >= 15, FILES


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_values_equal_ruamel_round_trip(path: Path):
    text = path.read_text(encoding="utf-8")
    ours = parse(text)
    assert not ours.duplicate_keys
    assert _same(ours.data, _ruamel(text))


def test_tricky_scalars_read_as_yaml_1_2():
    data = parse((ROOT / "tests/fixtures/yaml/scalars.yaml").read_text()).data
    assert data["bools_and_nulls"][:6] == ["yes", "no", "on", "off", "y", "n"]
    assert data["ints"][0] == 17 and data["ints"][1] == 15 and data["ints"][7] == 12
    assert data["anchors"]["derived"] == {"owner": "客服一组", "kind": "faq"}
    assert data["dates"][5] == 20261122 and data["dates"][6] == "2026-11-22"


def test_duplicate_key_is_reported_with_its_line_and_first_value_kept():
    doc = parse("entries:\n  - id: a\n    answer: 一\n    answer: 二\n")
    assert doc.duplicate_keys == [(("entries", 0), "answer", 4, 5)]
    assert doc.data["entries"][0]["answer"] == "一"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: [1, 2\nb: 3\n", 2),
        ('entries:\n  - id: a\n    answer: "未闭合\n    title: x\n', 5),
        ("a: 1\n b: 2\n", 2),
        ("key: value\n\t- tab\n", 2),
    ],
)
def test_syntax_error_line_matches_ruamel(text: str, line: int):
    with pytest.raises(YamlError) as ours:
        parse(text)
    assert ours.value.line == line
    from ruamel.yaml.error import MarkedYAMLError

    with pytest.raises(MarkedYAMLError) as theirs:
        _ruamel(text)
    assert theirs.value.problem_mark.line + 1 == line


def test_billion_laughs_is_refused_quickly():
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    start = time.perf_counter()
    with pytest.raises(YamlError, match="YAML bomb"):
        parse("\n".join(lines))
    assert time.perf_counter() - start < 5


def test_marks_give_key_and_value_positions():
    doc = parse("entries:\n  - id: a\n    answer: |-\n      第一行\n")
    key_line, key_col, value_line, value_col, style = doc.marks[("entries", 0, "answer")]
    assert (key_line, key_col, style) == (3, 5, "|")
    assert value_line == 3 and value_col == 13
    assert doc.marks[("entries", 0)][:2] == (2, 5)


def test_empty_document_is_none():
    assert parse("# only a comment\n").data is None


def test_large_document_without_aliases_is_not_limited():
    items = "".join(f"  - {{id: e{i}, a: [x, y], b: {{c: d}}}}\n" for i in range(25_000))
    doc = parse("entries:\n" + items)
    assert len(doc.data["entries"]) == 25_000


def test_legit_aliases_still_work():
    assert parse("a: &x {k: [1, 2]}\nb: *x\nc: *x\n").data["c"] == {"k": [1, 2]}
