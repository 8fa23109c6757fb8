"""Chinese everywhere a Chinese user looks, English with ``--lang en`` or ``language: en``:
error lines and hints, the YAML parser's messages inside E001, ``baseline write``, and
``cskit rule``. Run as a user runs it: the installed executable in a real library."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cskit.rules.registry import RULES
from tests.conftest import CONFIG, GOOD_ENTRY, ROOT, entry_file

CSKIT = Path(sys.executable).parent / "cskit"
HAN = re.compile(r"[\u4e00-\u9fff]")


def cskit(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CI": "1"}
    return subprocess.run([str(CSKIT), *args], cwd=cwd, capture_output=True, text=True, env=env)


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    (root / "scripts").mkdir(parents=True)
    (root / "cskit.yaml").write_text(CONFIG, encoding="utf-8")
    (root / "scripts" / "a.yaml").write_text(entry_file(GOOD_ENTRY), encoding="utf-8")
    return root


def english(lib: Path) -> None:
    config = lib / "cskit.yaml"
    text = config.read_text(encoding="utf-8").replace("language: zh-Hans", "language: en")
    config.write_text(text, encoding="utf-8")


# (command line, what the Chinese line says, what the English one says)
ERRORS = [
    (["stale", "--owner", "售后"], "没有条目的负责人是它", "no entry has this owner"),
    (["stale", "--as-of", "明天"], "--as-of '明天' 不是日期", "is not a date"),
    (
        ["render", "greet-hello", "--sample", "shipped", "--set", "shipment.eta=明天"],
        "“明天” 不是日期",
        "is not a date",
    ),
    (["import", "notes.xlsx"], "这是 CSV 或文本文件，不是 .xlsx", "a CSV or text file, not .xlsx"),
    (["lint", "--select", "Q9"], "没有选中任何规则", "selects no rule"),
    (["dupes", "--explain", "greet-hello", "nope"], "没有 id 为 'nope' 的条目", "no entry has id"),
]


@pytest.mark.parametrize(("args", "zh", "en"), ERRORS, ids=[" ".join(e[0][:2]) for e in ERRORS])
def test_error_lines_follow_the_configured_language(lib: Path, args: list[str], zh: str, en: str):
    (lib / "notes.xlsx").write_text("编号,回复\nx,y\n", encoding="utf-8")  # a CSV in disguise
    chinese = cskit(lib, *args)
    assert chinese.returncode == 2, chinese.stderr
    assert chinese.stderr.startswith("错误：") and zh in chinese.stderr, chinese.stderr
    assert chinese.stderr.count("\n") == 1 and "Traceback" not in chinese.stderr
    english(lib)
    other = cskit(lib, *args)
    assert other.returncode == 2
    assert other.stderr.startswith("error: ") and en in other.stderr, other.stderr
    words = re.sub(r"'[^']*'|“[^”]*”|\S+\.xlsx|=\S+", "", other.stderr)  # the user's data
    assert not HAN.search(words), other.stderr


def test_errors_while_the_config_loads_speak_its_language(lib: Path) -> None:
    config = lib / "cskit.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "owner: x\n", encoding="utf-8")
    run = cskit(lib, "lint")
    assert run.returncode == 2 and run.stderr.startswith("错误：") and "未知设置" in run.stderr
    english(lib)
    run = cskit(lib, "lint")
    assert (
        run.returncode == 2 and run.stderr.startswith("error: ") and "unknown setting" in run.stderr
    )
    assert cskit(lib, "lint", "--lang", "zh").stderr.startswith("错误：")  # --lang wins


def test_yaml_parser_messages_are_explained_in_chinese(lib: Path) -> None:
    (lib / "scripts" / "tab.yaml").write_text("entries:\n\t- id: x\n", encoding="utf-8")
    (lib / "scripts" / "brace.yaml").write_text(
        "entries:\n  - id: y\n    answer: {{ order.id }} 已发货\n", encoding="utf-8"
    )
    out = cskit(lib, "lint", "--select", "E001").stdout
    assert "tab.yaml:2:1: E001 YAML 语法错误：用了 Tab 缩进" in out
    assert "brace.yaml:3:" in out and "以 {{ 或 { 开头的值会被当成 YAML 映射" in out
    en = cskit(lib, "lint", "--select", "E001", "--lang", "en").stdout
    assert "a tab character" in en and "starts with '{'" in en


def test_baseline_write_and_prune_speak_chinese(lib: Path) -> None:
    (lib / "scripts" / "b.yaml").write_text(
        entry_file(GOOD_ENTRY.replace("greet-hello", "b-1").replace("answer:", "anwser:")),
        encoding="utf-8",
    )
    wrote = cskit(lib, "baseline", "write")
    assert wrote.returncode == 0 and re.match(r"已把 \d+ 个问题写入基线 ", wrote.stdout)
    pruned = cskit(lib, "baseline", "prune")
    assert "已从基线" in pruned.stdout and "删除 0 项" in pruned.stdout
    english(lib)
    assert cskit(lib, "baseline", "write").stdout.startswith("wrote ")


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_every_rule_is_explained_in_chinese_without_markup(rule: type) -> None:
    from cskit.commands.rule_cmd import explain

    zh = explain(rule)
    assert "``" not in zh
    assert HAN.search(rule.explain_zh) and HAN.search(rule.fix_zh) and rule.fix_en
    assert "怎么改：" in zh and "反例：" in zh and "正例：" in zh
    en = explain(rule, "en")
    assert "``" not in en and "How to fix:" in en and "Bad:" in en
    # the Chinese text is not the English one with Chinese labels
    assert rule.explain_zh in zh and rule.explain_zh not in en


def test_cskit_rule_follows_lang_and_the_config(lib: Path, tmp_path: Path) -> None:
    out = cskit(tmp_path, "rule", "W004").stdout
    assert out.startswith("W004 off-platform（wording 规则族") and "怎么改：" in out
    out_en = cskit(tmp_path, "rule", "W004", "--lang", "en").stdout
    assert "How to fix:" in out_en and "怎么改" not in out_en
    english(lib)
    assert "How to fix:" in cskit(lib, "rule", "W004").stdout  # language: en in cskit.yaml
    listing = cskit(tmp_path, "rule", "--lang", "en").stdout.splitlines()
    assert listing[0].endswith("file does not parse as YAML")


def test_suggestions_follow_the_language(tmp_path: Path) -> None:
    zh = cskit(tmp_path, "rule", "absolut-claim")
    assert zh.returncode == 2 and "是不是想找 W003 absolute-claim？" in zh.stderr
    en = cskit(tmp_path, "rule", "absolut-claim", "--lang", "en")
    assert "did you mean W003 absolute-claim?" in en.stderr and not HAN.search(en.stderr)


def test_the_error_prefix_is_documented() -> None:
    cli = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert "错误：" in cli and "^(错误：|error: )" in cli
