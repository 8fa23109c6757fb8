"""Every built-in pack item's examples, and loading/validating custom packs."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from cskit.config.load import load_config
from cskit.errors import ConfigError
from cskit.rules.registry import PACK_RULES
from cskit.wording.index import resolve_packs
from cskit.wording.packs import builtin_names, builtin_pack, load_pack
from tests.conftest import CONFIG

# These tests read the English error texts (Chinese is the default).
pytestmark = pytest.mark.usefixtures("english_errors")

ITEMS = [(name, item) for name in builtin_names() for item in builtin_pack(name, PACK_RULES).items]


def test_the_built_in_packs_are_there() -> None:
    assert builtin_names() == [
        "ad-law",
        "blame",
        "cliche",
        "guarantee",
        "off-platform",
        "platform-douyin",
        "platform-jd",
        "platform-pdd",
        "platform-taobao",
        "privacy",
        "pronoun",
        "refusal",
        "review-reward",
    ]


@pytest.mark.parametrize(("pack", "item"), ITEMS, ids=[i.id for _, i in ITEMS])
def test_every_item_matches_its_must_match_examples(pack: str, item: object) -> None:
    from cskit.wording.packitem import PackItem

    assert isinstance(item, PackItem)
    assert item.match, f"{item.id} has no must-match example"
    missed = [t for t in item.match if not item.matches(t)]
    assert not missed, f"{item.where}: {item.id} should match {missed}"


@pytest.mark.parametrize(("pack", "item"), ITEMS, ids=[i.id for _, i in ITEMS])
def test_no_item_matches_its_must_not_match_examples(pack: str, item: object) -> None:
    from cskit.wording.packitem import PackItem

    assert isinstance(item, PackItem)
    wrong = [t for t in item.no_match if item.matches(t)]
    assert not wrong, f"{item.where}: {item.id} should not match {wrong}"


def test_every_item_explains_itself() -> None:
    for _, item in ITEMS:
        assert item.message_zh and item.message_en and item.suggestion, item.id


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


GOOD_PACK = """\
    pack: brand
    rule: W003
    items:
      - id: brand.cheapest
        patterns: ['白菜价']
        message_zh: 不要说白菜价
        message_en: do not say 白菜价
        suggestion: 说具体的价格
        examples:
          match: [这是白菜价]
          no_match: [这是活动价]
"""


def test_a_custom_pack_loads(tmp_path: Path) -> None:
    pack = load_pack(_write(tmp_path, "brand.yaml", GOOD_PACK), PACK_RULES)
    assert pack.rule == "W003" and pack.items[0].matches("這是白菜價")


@pytest.mark.parametrize(
    ("change", "line", "words"),
    [
        (("rule: W003", "rule: X999"), 2, "not fed by packs"),
        (("patterns: ['白菜价']", "patterns: ['白菜(价']"), 5, "bad regex"),
        (("match: [这是白菜价]", "match: [这是活动价]"), 10, "should match but does not"),
        (("no_match: [这是活动价]", "no_match: [白菜价]"), 11, "should not match but does"),
        (("    suggestion: 说具体的价格\n", ""), 4, "suggestion"),
        (("    message_en:", "    colour: red\n    message_en:"), 7, "unknown item key"),
    ],
)
def test_a_bad_custom_pack_is_one_config_error_with_file_and_line(
    tmp_path: Path, change: tuple[str, str], line: int, words: str
) -> None:
    text = textwrap.dedent(GOOD_PACK).replace(*change)
    path = tmp_path / "brand.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_pack(path, PACK_RULES)
    assert words in str(err.value)
    assert err.value.where == f"{path}:{line}"


def _config(make_library: Callable[..., Path], wordlists: str, files: dict[str, str]) -> object:
    root = make_library(
        files, CONFIG.replace("  fail_on: error\n", f"  fail_on: error\n  wordlists: {wordlists}\n")
    )
    return load_config(root / "cskit.yaml", root)


def test_wordlists_default_all_built_ins_but_the_per_platform_ones(
    make_library: Callable[..., Path],
) -> None:
    root = make_library({})
    config = load_config(root / "cskit.yaml", root)
    names = sorted(p.name for p in resolve_packs(config, PACK_RULES))
    assert names == [n for n in builtin_names() if not n.startswith("platform-")]
    assert all(
        builtin_pack(n, PACK_RULES).opt_in for n in builtin_names() if n.startswith("platform-")
    )


def test_a_shop_names_its_platform_pack(make_library: Callable[..., Path]) -> None:
    config = _config(make_library, "[default, platform-jd]", {})
    names = [p.name for p in resolve_packs(config, PACK_RULES)]  # type: ignore[arg-type]
    assert "platform-jd" in names and "platform-taobao" not in names and "refusal" in names


def test_the_platform_pack_flags_other_platforms_only(lint_snippet: Callable[..., list]) -> None:
    config = CONFIG.replace(
        "  fail_on: error\n", "  fail_on: error\n  wordlists: [default, platform-jd]\n"
    )
    text = (
        "id: a-1\ntitle: 测试\ncategory: general\nstage: resolve\nowner: 客服一组\n"
        "reviewed: 2026-11-01\nanswer: 京东自营发货，淘宝那家不是我们的店\n"
    )
    from tests.conftest import entry_file

    [f] = lint_snippet(entry_file(text), "W004", config=config)
    assert "「淘宝」" in f.message_zh and "其他平台" in f.message_zh
    assert lint_snippet(entry_file(text), "W004") == []  # not enabled: nothing


def test_wordlists_names_custom_files_and_removals(make_library: Callable[..., Path]) -> None:
    config = _config(
        make_library, "[default, -pronoun, packs/brand.yaml]", {"packs/brand.yaml": GOOD_PACK}
    )
    names = [p.name for p in resolve_packs(config, PACK_RULES)]  # type: ignore[arg-type]
    assert "pronoun" not in names and "brand" in names and "ad-law" in names
    only = _config(make_library, "[ad-law]", {})
    assert [p.name for p in resolve_packs(only, PACK_RULES)] == ["ad-law"]  # type: ignore[arg-type]


def test_wordlists_unknown_name_points_at_the_config_line(
    make_library: Callable[..., Path],
) -> None:
    config = _config(make_library, "[ad-law, adlaw]", {})
    with pytest.raises(ConfigError) as err:
        resolve_packs(config, PACK_RULES)  # type: ignore[arg-type]
    assert "adlaw" in str(err.value) and "cskit.yaml:" in str(err.value)


def test_a_custom_pack_feeds_its_rule(
    lint_snippet: Callable[..., list], make_library: Callable[..., Path]
) -> None:
    config = CONFIG.replace(
        "  fail_on: error\n", "  fail_on: error\n  wordlists: [ad-law, ../brand.yaml]\n"
    )
    files = {
        "scripts/a.yaml": "entries:\n  - {id: a-1, title: t, category: general, stage: greet, owner: 客服一组, reviewed: 2026-11-01, answer: 这是白菜价}\n",
        "../brand.yaml": GOOD_PACK,
    }
    findings = lint_snippet(files, "W003", config=config)
    assert [f.evidence for f in findings] == ["brand.cheapest:白菜价"]


def test_a_bad_custom_pack_stops_lint_with_one_line_and_exit_2(
    make_library: Callable[..., Path], cli: Callable[..., object]
) -> None:
    config = CONFIG.replace(
        "  fail_on: error\n", "  fail_on: error\n  wordlists: [default, packs/brand.yaml]\n"
    )
    bad = GOOD_PACK.replace("match: [这是白菜价]", "match: [这是活动价]")
    root = make_library({"packs/brand.yaml": bad}, config)
    result = cli("lint", "--library", root, "--as-of", "2026-11-22", "--lang", "en")
    assert result.exit_code == 2  # type: ignore[attr-defined]
    err = result.stderr.strip()  # type: ignore[attr-defined]
    assert "packs/brand.yaml:10:" in err and "should match but does not" in err
    assert len(err.splitlines()) == 1 and "Traceback" not in err


def test_a_pack_inside_the_library_folder_is_not_an_entry_file(
    make_library: Callable[..., Path], cli: Callable[..., object]
) -> None:
    config = CONFIG.replace(
        "  fail_on: error\n", "  fail_on: error\n  wordlists: [default, packs/brand.yaml]\n"
    )
    entry = (
        "entries:\n  - {id: a-1, title: t, category: general, stage: greet, owner: 客服一组,"
        " reviewed: 2026-11-01, answer: 这是白菜价}\n"
    )
    root = make_library({"packs/brand.yaml": GOOD_PACK, "scripts/a.yaml": entry}, config)
    result = cli("lint", "--library", root, "--as-of", "2026-11-22")
    out = result.stdout  # type: ignore[attr-defined]
    assert "brand.yaml" not in out and "W003" in out and "白菜价" in out


def test_every_pack_rule_gets_words_from_a_built_in_pack() -> None:
    fed = {item.rule for name in builtin_names() for item in builtin_pack(name, PACK_RULES).items}
    assert fed == set(PACK_RULES)
