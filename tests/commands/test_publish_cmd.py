"""``cskit publish`` and ``cskit adopt`` on the command line: exit codes, reports in both
languages, JSON, and one-line errors for what a user can get wrong."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT
from tests.publish.util import empty_like, read_csv

CSKIT = Path(sys.executable).parent / "cskit"
AS_OF = "2026-11-22"


def test_publish_the_sample_library_as_a_subprocess(tmp_path: Path) -> None:
    out = tmp_path / "qn.csv"
    proc = subprocess.run(
        [str(CSKIT), "publish", "qianniu-csv", str(out), "--library", str(ROOT / "library"),
         "--as-of", AS_OF],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "千牛快捷短语（CSV）" in proc.stdout and "已写入" in proc.stdout
    assert "需要订单数据" in proc.stdout and "logistics-where-is-parcel" in proc.stdout
    assert read_csv(out)[0] == ["分组", "快捷编码", "快捷短语"]


def test_publish_english_json_and_list(cli, tmp_path: Path) -> None:
    lib = ROOT / "library"
    out = tmp_path / "qa.xlsx"
    result = cli("publish", "dianxiaomi", out, "--library", lib, "--as-of", AS_OF, "--lang", "en")
    assert result.exit_code == 0
    assert "Bot Q&A sheet" in result.stdout and "published" in result.stdout
    result = cli("publish", "dianxiaomi", out, "--library", lib, "--as-of", AS_OF, "-f", "json")
    payload = json.loads(result.stdout)
    assert payload["version"] == 1 and payload["written"] and payload["profile"] == "dianxiaomi"
    assert payload["summary"]["published"] == len(payload["published"]) > 10
    assert {"id", "file", "line", "reason", "message"} <= set(payload["skipped"][0])
    listing = cli("publish", "--list", "--library", lib)
    assert listing.exit_code == 0
    assert [ln.split()[0] for ln in listing.stdout.splitlines()] == [
        "dianxiaomi",
        "phrases",
        "qianniu-csv",
        "qianniu-xlsx",
    ]


def test_set_overrides_the_context(cli, tmp_path: Path) -> None:
    out = tmp_path / "mine.csv"
    result = cli(
        "publish", "qianniu-csv", out, "--library", ROOT / "library", "--as-of", AS_OF,
        "--set", "agent.name=小安", "-q",
    )  # fmt: skip
    assert result.exit_code == 0 and result.stdout == ""
    greet = {r[1]: r[2] for r in read_csv(out)}["greet-first-contact"]
    assert "小安" in greet and "小禾" not in greet


def test_usage_errors_are_one_line_exit_2(cli, tmp_path: Path) -> None:
    lib = ROOT / "library"
    result = cli("publish", "qianniu-cvs", tmp_path / "a.csv", "--library", lib)
    assert result.exit_code == 2 and "是不是 qianniu-csv" in result.stderr
    result = cli("publish", "qianniu-csv", tmp_path / "a.xlsx", "--library", lib, "--lang", "en")
    assert result.exit_code == 2 and "writes .csv files" in result.stderr
    result = cli("publish", "qianniu-csv", "--library", lib)
    assert result.exit_code == 2 and "cskit publish PROFILE FILE" in result.stderr
    result = cli("publish", "phrases", tmp_path / "no" / "a.csv", "--library", lib)
    assert result.exit_code == 2 and "不存在" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_never_writes_through_a_link_to_a_library_file_or_a_fifo(
    cli, sample_library: Path, tmp_path: Path
) -> None:
    config = sample_library / "cskit.yaml"
    entries = sample_library / "scripts" / "greet.yaml"
    before = (config.read_bytes(), entries.read_bytes())
    for target in (config, entries):
        link = tmp_path / f"to-{target.stem}.csv"
        link.symlink_to(target)
        result = cli("publish", "phrases", link, "--library", sample_library, "--lang", "en")
        assert result.exit_code == 2 and "library's own files" in result.stderr
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    result = cli("publish", "phrases", fifo, "--library", sample_library)
    assert result.exit_code == 2 and "不是普通文件" in result.stderr
    assert (config.read_bytes(), entries.read_bytes()) == before


def test_held_entries_exit_1_and_are_named(cli, sample_library: Path, tmp_path: Path) -> None:
    (sample_library / "scripts" / "bad.yaml").write_text(
        "defaults: {kind: script, stage: resolve, category: general, owner: 客服一组}\n"
        "entries:\n  - id: chat-wechat\n    title: 加微信\n"
        "    answer: 您加一下微信，我们私下聊。\n    reviewed: 2026-11-01\n",
        encoding="utf-8",
    )
    out = tmp_path / "qn.csv"
    result = cli("publish", "qianniu-csv", out, "--library", sample_library, "--as-of", AS_OF)
    assert result.exit_code == 1 and out.exists()
    assert "拦下（需要处理，退出码 1）" in result.stdout
    assert "chat-wechat: 被 W004 拦下" in result.stdout
    assert "chat-wechat" not in out.read_text(encoding="utf-8-sig")


def test_bad_context_value_is_located(cli, sample_library: Path, tmp_path: Path) -> None:
    config = sample_library / "cskit.yaml"
    text = config.read_text(encoding="utf-8").replace(
        "agent: {name: 小禾}", "agent: {name: [1, 2]}"
    )
    config.write_text(text, encoding="utf-8")
    result = cli("publish", "qianniu-csv", tmp_path / "a.csv", "--library", sample_library)
    assert result.exit_code == 2
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "agent: {name: [1, 2]}" in ln)
    assert f"cskit.yaml:{line}: publish.context" in result.stderr


def test_adopt_on_the_command_line(cli, tmp_path: Path) -> None:
    out = tmp_path / "qn.csv"
    cli("publish", "qianniu-csv", out, "--library", ROOT / "library", "--as-of", AS_OF, "-q")
    empty = empty_like(ROOT / "library", tmp_path / "empty")
    args = ["adopt", out, "--library", empty, "--profile", "qianniu-csv", "--as-of", AS_OF]
    result = cli(*args, "--owner", "客服一组")
    assert result.exit_code == 1 and "已写出" in result.stdout  # stages: the mapping file
    mapping = tmp_path / "qn.groups.yaml"
    assert mapping.exists() and not list(empty.glob("*/*.yaml"))
    result = cli(*args, "--owner", "客服一组", "--groups", mapping, "--lang", "en")
    assert result.exit_code == 0, result.stdout
    assert "Written:" in result.stdout and "created 60" in result.stdout
    result = cli(*args, "--owner", "客服一组", "--groups", mapping, "-f", "json")
    payload = json.loads(result.stdout)
    assert result.exit_code == 0 and payload["summary"]["skipped"] == 60
    assert not payload["written"] and payload["version"] == 1
    result = cli(*args, "--owner", "nobody")
    assert result.exit_code == 2 and "owners" in result.stderr
