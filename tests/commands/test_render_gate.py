"""Render is a gate too: an entry (or what a template pulls in) with error-level findings
that leak data or mislead (T, W004, W005, P) is not rendered unless --force is given, one
message or a whole batch. Run as a user runs it: the installed executable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CONFIG, entry_file

CSKIT = Path(sys.executable).parent / "cskit"
COMMON = "category: general\nstage: resolve\nowner: 客服一组\nreviewed: 2026-11-01\n"


def entry(entry_id: str, answer: str) -> str:
    return f"id: {entry_id}\ntitle: 测试\nanswer: {answer}\n" + COMMON


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    (root / "scripts").mkdir(parents=True)
    (root / "templates").mkdir()
    (root / "cskit.yaml").write_text(CONFIG, encoding="utf-8")
    text = entry_file(
        entry("clean", "您好，订单 {{ order.id }} 已为您加急处理。"),
        entry("phone", "有问题请拨打13812345678联系我们。"),
        entry("wechat", "售后问题加我薇信详聊哦。"),
        entry("bracket", "您的订单[订单号]已发货。"),
    )
    (root / "scripts" / "a.yaml").write_text(text, encoding="utf-8")
    (root / "templates" / "notice.j2").write_text("{{ reply('wechat') }}\n", encoding="utf-8")
    (root / "rows.csv").write_text("order.id\n1001\n1002\n", encoding="utf-8")
    return root


def render(lib: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CI": "1"}
    return subprocess.run(
        [str(CSKIT), "render", *args, "--sample", "shipped", "--library", str(lib)],
        capture_output=True,
        text=True,
        env=env,
    )


@pytest.mark.parametrize(
    ("entry_id", "code"), [("phone", "P001"), ("wechat", "W004"), ("bracket", "T007")]
)
def test_a_leaking_or_misleading_entry_is_refused_naming_the_finding(lib, entry_id, code):
    run = render(lib, entry_id)
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr.startswith("错误：条目 " + entry_id) and f"{code} " in run.stderr
    assert "a.yaml:" in run.stderr and "--force" in run.stderr
    assert run.stderr.count("\n") == 1


def test_force_renders_with_a_warning(lib: Path) -> None:
    run = render(lib, "phone", "--force")
    assert run.returncode == 0 and run.stdout == "有问题请拨打13812345678联系我们。\n"
    assert run.stderr.startswith("警告：条目 phone") and "P001" in run.stderr
    quiet = render(lib, "phone", "--force", "--quiet")
    assert "P001" in quiet.stderr  # an override is never silent
    english = render(lib, "phone", "--force", "--lang", "en")
    assert english.stderr.startswith("warning: entry 'phone' rendered despite")


def test_a_clean_entry_renders(lib: Path) -> None:
    run = render(lib, "clean")
    assert run.returncode == 0 and "3412345678901234567" in run.stdout and run.stderr == ""


def test_a_template_is_refused_for_what_it_pulls_in(lib: Path) -> None:
    run = render(lib, "notice")
    assert run.returncode == 1 and "W004" in run.stderr and run.stdout == ""
    assert render(lib, "notice", "--force").returncode == 0


def test_a_batch_is_refused_before_anything_is_written(lib: Path) -> None:
    out = lib / "out.csv"
    run = render(lib, "phone", "--batch", str(lib / "rows.csv"), "--output", str(out))
    assert run.returncode == 1 and "P001" in run.stderr and not out.exists()
    forced = render(lib, "phone", "--batch", str(lib / "rows.csv"), "--output", str(out), "--force")
    assert forced.returncode == 0 and out.exists() and "警告" in forced.stderr


def test_the_teams_lint_settings_apply(lib: Path) -> None:
    config = lib / "cskit.yaml"
    text = config.read_text(encoding="utf-8").replace(
        "  fail_on: error", "  fail_on: error\n  ignore: [W004]"
    )
    config.write_text(text, encoding="utf-8")
    assert render(lib, "wechat").returncode == 0
