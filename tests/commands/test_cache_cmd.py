"""`cskit cache clean` and `--no-cache` through the CLI."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.conftest import GOOD_ENTRY, entry_file


def test_clean_removes_the_cache_and_no_cache_writes_none(
    cli: Callable[..., Any], make_library: Callable[..., Path]
) -> None:
    lib = make_library({"a.yaml": entry_file(GOOD_ENTRY)})
    assert cli("lint", "--library", lib, "--no-cache").exit_code == 0
    assert not (lib / ".cskit_cache").exists()
    assert cli("lint", "--library", lib).exit_code == 0
    names = {p.name for p in (lib / ".cskit_cache").iterdir()}
    assert {".gitignore", "parsed.pickle", "lint.pickle"} <= names
    result = cli("cache", "clean", "--library", lib)
    assert result.exit_code == 0
    assert "已删除" in result.stdout
    assert not (lib / ".cskit_cache").exists()
    assert "没有缓存" in cli("cache", "clean", "--library", lib).stdout


def test_warm_cli_run_sees_a_config_edit(
    cli: Callable[..., Any], make_library: Callable[..., Path]
) -> None:
    lib = make_library({"a.yaml": entry_file(GOOD_ENTRY + "note2: x\n")})
    assert "E003" in cli("lint", "--library", lib).stdout
    assert "E003" in cli("lint", "--library", lib).stdout
    config = lib / "cskit.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + "extra_fields: [note2]\n", encoding="utf-8"
    )
    result = cli("lint", "--library", lib)
    assert result.exit_code == 0, result.stdout


def test_warm_output_is_identical_and_edits_are_seen(
    cli: Callable[..., Any], make_library: Callable[..., Path]
) -> None:
    bad = GOOD_ENTRY.replace("greet-hello", "b-typo") + "anwser: x\n"
    lib = make_library({"a.yaml": entry_file(GOOD_ENTRY), "b.yaml": entry_file(bad)})
    args = ("lint", "--library", lib, "--format", "json", "--as-of", "2026-11-22")
    uncached = cli(*args, "--no-cache").stdout
    cold = cli(*args).stdout
    warm = cli(*args).stdout
    assert uncached == cold == warm
    assert '"entries": 2' in warm and "E003" in warm
    # a new file, an edit and a deletion after a warm run are all seen
    (lib / "c.yaml").write_text(entry_file(bad.replace("b-typo", "c-typo")), encoding="utf-8")
    assert "c-typo" in cli(*args).stdout
    (lib / "b.yaml").write_text(entry_file(bad.replace("anwser", "anwsr")), encoding="utf-8")
    assert "anwsr" in cli(*args).stdout
    (lib / "c.yaml").unlink()
    (lib / "b.yaml").unlink()
    final = cli(*args)
    assert final.exit_code == 0 and '"entries": 1' in final.stdout


def test_fact_edit_flips_a_real_rule_on_a_warm_cache(
    cli: Callable[..., Any], make_library: Callable[..., Path]
) -> None:
    text = GOOD_ENTRY.replace(
        "answer: 您好，我是客服{{ agent.name }}，请问有什么可以帮您？",
        "answer: 本店支持15天无理由退货。",
    )
    lib = make_library({"a.yaml": entry_file(text)})
    args = ("lint", "--library", lib, "--select", "S004", "--as-of", "2026-11-22")
    assert cli(*args).exit_code == 1
    warm = cli(*args)
    assert warm.exit_code == 1 and "S004" in warm.stdout and "= 7 不一致" in warm.stdout
    config = lib / "cskit.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "return_days: {value: 7", "return_days: {value: 15"
        ),
        encoding="utf-8",
    )
    result = cli(*args)
    # now the hard-coded 15 agrees with the fact: no error, only the "use the fact" hint
    assert result.exit_code == 0 and "= 15 一致" in result.stdout
