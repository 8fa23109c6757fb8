"""The findings cache: warm runs reuse work, and nothing a finding depends on is missed."""

from __future__ import annotations

import datetime as dt
import os
import pickle
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

import cskit
import cskit.lint.cache as lintcache
from cskit.findings import Finding
from cskit.library.load import load_library
from cskit.library.model import Entry
from cskit.lint.engine import lint
from cskit.lint.selection import select_rules
from cskit.rules.base import Context, Rule
from tests.conftest import AS_OF, CONFIG, GOOD_ENTRY, entry_file

CALLS: list[str] = []


class EchoFact(Rule):
    """Test rule: reports the return_days fact, an option and the date on every entry."""

    code = "X901"
    name = "echo-fact"
    severity = "warning"
    options: ClassVar[dict[str, Any]] = {"word": "默认"}

    def check_entry(self, entry: Entry, ctx: Context) -> Iterator[Finding]:
        CALLS.append(entry.id)
        days = ctx.config.facts["return_days"].value
        text = f"{days}/{self.opts['word']}/{ctx.as_of}"
        yield self.report(entry, ("answer",), text, text, evidence=text)


class CountIds(Rule):
    """Test rule (library scope): one finding naming how many entries exist."""

    code = "X902"
    name = "count-ids"
    scope = "library"

    def check_library(self, ctx: Context) -> Iterator[Finding]:
        CALLS.append("library")
        first = ctx.library.entries[0]
        n = str(len(ctx.library.entries))
        yield self.report(first, ("id",), n, n, evidence=n)


def entries(*ids: str) -> str:
    return entry_file(*(GOOD_ENTRY.replace("greet-hello", i) for i in ids))


@pytest.fixture
def lib(make_library: Callable[..., Path]) -> Path:
    return make_library({"a.yaml": entries("a-one", "a-two"), "b.yaml": entries("b-one")})


def echo(findings: list[tuple[str, str, str | None, int]]) -> str:
    """The message of the first X901 finding."""
    return next(f[1] for f in findings if f[0] == "X901")


def run(
    root: Path,
    *,
    options: dict[str, str] | None = None,
    as_of: dt.date = AS_OF,
    cache: bool = True,
    changed_file: str | None = None,
) -> list[tuple[str, str, str | None, int]]:
    CALLS.clear()
    library = load_library(root, use_cache=cache)
    rules: list[Rule] = [EchoFact(options), CountIds()]
    changed = None
    if changed_file:
        changed = {id(e) for e in library.entries if e.file.path.name == changed_file}
    result = lint(library, as_of=as_of, rules=rules, cache=cache, changed=changed)
    assert all(f.entry is not None for f in result.findings)  # re-attached to live entries
    return [(f.code, f.message_zh, f.entry_id, f.line) for f in result.findings]


def test_warm_run_reuses_everything_and_matches_cold(lib: Path) -> None:
    cold = run(lib)
    assert sorted(CALLS) == ["a-one", "a-two", "b-one", "library"]
    warm = run(lib)
    assert CALLS == []
    assert warm == cold == run(lib, cache=False)


def test_one_file_changed_runs_entry_rules_on_that_file_only(lib: Path) -> None:
    run(lib)
    (lib / "b.yaml").write_text(entries("b-one", "b-two"), encoding="utf-8")
    warm = run(lib)
    assert sorted(CALLS) == ["b-one", "b-two", "library"]
    assert warm == run(lib, cache=False)
    assert ("X902", "4", "a-one", 2) in warm  # the library rule saw the new entry


def test_moving_an_entry_between_files_updates_positions(lib: Path) -> None:
    run(lib)
    (lib / "a.yaml").write_text(entries("a-two"), encoding="utf-8")
    (lib / "b.yaml").write_text(entries("b-one", "a-one"), encoding="utf-8")
    assert run(lib) == run(lib, cache=False)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda root: _edit_config(root, "value: 7", "value: 15"), id="fact"),
        pytest.param(
            lambda root: _edit_config(root, "select: [ALL]", "select: [ALL]\n  ignore: []"),
            id="config-bytes",
        ),
    ],
)
def test_config_changes_are_never_served_stale(lib: Path, change: Callable[[Path], None]) -> None:
    run(lib)
    change(lib)
    warm = run(lib)
    assert sorted(CALLS) == ["a-one", "a-two", "b-one", "library"]
    assert warm == run(lib, cache=False)


def test_fact_change_shows_new_value(lib: Path) -> None:
    assert echo(run(lib)).startswith("7/")
    _edit_config(lib, "value: 7", "value: 15")
    assert echo(run(lib)).startswith("15/")


def test_rule_option_date_and_version_changes_miss(
    lib: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert echo(run(lib)) == "7/默认/2026-11-22"
    assert echo(run(lib, options={"word": "新"})) == "7/新/2026-11-22"
    assert echo(run(lib, as_of=dt.date(2027, 1, 1))) == "7/默认/2027-01-01"
    run(lib)
    run(lib)
    assert CALLS == []
    monkeypatch.setattr(lintcache, "__version__", "99.0.0")
    run(lib)
    assert "library" in CALLS


def test_package_files_and_custom_packs_are_part_of_the_key(
    lib: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a stand-in package folder: a built-in pack edited in place must invalidate the cache
    fake = tmp_path / "pkg"
    (fake / "packs").mkdir(parents=True)
    pack = fake / "packs" / "ad-law.yaml"
    pack.write_text("terms: [最好]\n", encoding="utf-8")
    monkeypatch.setattr(cskit, "__file__", str(fake / "__init__.py"))
    before = lintcache.package_digest()
    pack.write_text("terms: [最好, 第一]\n", encoding="utf-8")
    os.utime(pack, ns=(1, 1))
    assert lintcache.package_digest() != before

    _edit_config(lib, "fail_on: error", "fail_on: error\n  wordlists: [ours.yaml]")
    (lib / "ours.yaml").write_text("terms: [a]\n", encoding="utf-8")
    library = load_library(lib, use_cache=False)
    rules = select_rules(library.config)
    key = lintcache.run_key(library.config, rules, AS_OF)
    (lib / "ours.yaml").write_text("terms: [b]\n", encoding="utf-8")
    assert lintcache.run_key(library.config, rules, AS_OF) != key


def test_template_change_misses(lib: Path, make_library: Callable[..., Path]) -> None:
    config = CONFIG.replace("version: 1", "version: 1\ntemplates: tpl")
    root = make_library({"a.yaml": entries("a-one"), "tpl/x.j2": "{{ shop.name }}"}, config)
    run(root)
    run(root)
    assert CALLS == []
    (root / "tpl" / "x.j2").write_text("{{ shop.name }}！", encoding="utf-8")
    run(root)
    assert "library" in CALLS


def test_changed_only_run_filters_a_cached_full_run(lib: Path) -> None:
    full = run(lib)
    only_b = run(lib, changed_file="b.yaml")
    assert CALLS == []  # served from the full run's cache
    assert [f for f in full if f[2] == "b-one"] == only_b


def test_changed_only_run_does_not_poison_the_cache(lib: Path) -> None:
    partial = run(lib, changed_file="b.yaml")
    assert {f[2] for f in partial} == {"b-one"}
    full = run(lib)
    assert {f[2] for f in full} == {"a-one", "a-two", "b-one"}


def test_display_path_is_part_of_the_key(lib: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(lib)
    library = load_library(Path("."), use_cache=True)
    first = lint(library, as_of=AS_OF, rules=[EchoFact()], cache=True).findings
    monkeypatch.chdir(lib.parent)
    library = load_library(Path("lib"), use_cache=True)
    second = lint(library, as_of=AS_OF, rules=[EchoFact()], cache=True).findings
    assert {f.file for f in first} == {"a.yaml", "b.yaml"}
    assert {f.file for f in second} == {"lib/a.yaml", "lib/b.yaml"}


def test_suppressions_apply_to_cached_entry_results(lib: Path) -> None:
    suppressed = GOOD_ENTRY.replace("greet-hello", "b-one") + (
        "suppress:\n  - {rule: X901, reason: 测试}\n  - {rule: E003, reason: 没用}\n"
    )
    (lib / "b.yaml").write_text(entry_file(suppressed), encoding="utf-8")
    library = load_library(lib)
    rules = [EchoFact(), *select_rules(library.config, ["E003", "C001"])]
    first = lint(library, as_of=AS_OF, rules=rules, cache=True).findings
    # a.yaml changes: the whole run misses, b.yaml's entry results come from the cache
    (lib / "a.yaml").write_text(entries("a-one"), encoding="utf-8")
    CALLS.clear()
    second = lint(load_library(lib), as_of=AS_OF, rules=rules, cache=True).findings
    assert CALLS == ["a-one"]
    for findings in (first, second):
        assert [(f.code, f.entry_id) for f in findings if f.entry_id == "b-one"] == [
            ("C001", "b-one")
        ]


def test_no_cache_writes_nothing_and_clean_removes(lib: Path) -> None:
    run(lib, cache=False)
    assert not (lib / ".cskit_cache").exists()
    run(lib)
    assert (lib / ".cskit_cache" / "lint.pickle").is_file()
    assert lintcache.clean(lib) == [lib / ".cskit_cache"]
    assert lintcache.clean(lib) == []


def test_damaged_cache_is_a_cold_run(lib: Path) -> None:
    cold = run(lib)
    (lib / ".cskit_cache" / "lint.pickle").write_bytes(b"not a pickle")
    assert run(lib) == cold
    assert "library" in CALLS


def test_a_cache_from_the_previous_format_is_a_cold_run(
    lib: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """lint-1 caches were written before the modules moved into one folder per domain."""
    with monkeypatch.context() as m:
        m.setattr(lintcache, "_FORMAT", "lint-1")
        cold = run(lib)
        assert run(lib) == cold and CALLS == []  # warm under the old format
    assert lintcache._FORMAT != "lint-1"
    assert run(lib) == cold
    assert "library" in CALLS and "a-one" in CALLS  # everything ran again


def test_a_cache_naming_classes_that_moved_is_a_cold_run(lib: Path) -> None:
    cold = run(lib)
    # a pickle of the old layout's class path cskit.linter.LintResult, which no longer imports
    old = b"\x80\x04\x95\x1f" + bytes(7) + b"\x8c\x0ccskit.linter\x94\x8c\nLintResult\x94\x93\x94."
    with pytest.raises(ModuleNotFoundError):
        pickle.loads(old)
    (lib / ".cskit_cache" / "lint.pickle").write_bytes(old)
    assert run(lib) == cold
    assert "library" in CALLS


def _edit_config(root: Path, old: str, new: str) -> None:
    path = root / "cskit.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_option_values_give_a_stable_key() -> None:
    assert lintcache._canon({"b": {3, 1, 2}, "a": [1, "x"]}) == lintcache._canon(
        {"a": [1, "x"], "b": {2, 3, 1}}
    )
    assert lintcache._canon({"a": [1, 2]}) != lintcache._canon({"a": [2, 1]})
