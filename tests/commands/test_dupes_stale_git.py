"""`cskit dupes` and `cskit stale` with `--staged` / `--changed-since`, in real git repositories.

"Changed" is decided per entry by cskit.library.changes (tested in tests/test_gitdiff.py); these tests
check what each command makes of it: dupes shows clusters holding a changed entry (compared
with the whole library), stale queues changed entries only.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CONFIG, FIXTURES, ROOT, entry_file
from tests.gitutil import Repo
from tests.rules.duplicates.helpers import entry

CSKIT = ROOT / ".venv" / "bin" / "cskit"

# --- dupes ---------------------------------------------------------------------------------

RETURNS = "本店支持7天无理由退货，退回运费由买家承担，请保持商品完好，谢谢理解。"
SHIP = "付款后仓库会尽快为您安排发货，发货后物流信息一般在2小时内更新，请耐心等待。"
SHIP_VARIANT = "付款后仓库会马上为您安排发货，发货后物流信息一般在2小时内更新，请您耐心等待哦。"
CARE = "天气转凉，洗涤羊毛衫请用冷水手洗，平铺晾干，避免暴晒和机洗，以免变形缩水。"


def returns_file(title_15: str = "测试条目") -> str:
    """A conflict cluster (D004): the same answer with 7 and 15 days."""
    return entry_file(
        entry("return-7", RETURNS, ["七天能退吗"]),
        entry("return-15", RETURNS.replace("7天", "15天"), ["十五天能退吗"]).replace(
            "title: 测试条目", f"title: {title_15}"
        ),
    )


def ship_file(title_b: str = "测试条目") -> str:
    """A near-duplicate cluster (D002)."""
    return entry_file(
        entry("ship-a", SHIP, ["什么时候发货"]),
        entry("ship-b", SHIP_VARIANT, ["多久能发货"]).replace(
            "title: 测试条目", f"title: {title_b}"
        ),
    )


def care_file(title: str = "测试条目") -> str:
    """One entry like no other."""
    return entry_file(entry("care-wool", CARE, ["羊毛衫怎么洗"]).replace("测试条目", title))


@pytest.fixture
def shop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    r = Repo(tmp_path / "shop")
    r.write("library/cskit.yaml", CONFIG)
    r.write("library/scripts/returns.yaml", returns_file())
    r.write("library/scripts/ship.yaml", ship_file())
    r.write("library/scripts/care.yaml", care_file())
    r.write(".gitignore", ".cskit_cache/\n")
    r.commit("base")
    monkeypatch.chdir(r.root)
    return r


def dupes_json(cli: Callable[..., Any], *args: str) -> tuple[int, list[set[str]]]:
    """Exit code and the entry ids of each reported cluster (representative and members)."""
    result = cli("dupes", "--format", "json", "--quiet", *args)
    data = json.loads(result.stdout)
    assert data["summary"]["clusters"] == len(data["clusters"])
    clusters = [
        {c["representative"]["entry_id"], *(m["entry_id"] for m in c["members"])}
        for c in data["clusters"]
    ]
    return result.exit_code, clusters


def test_dupes_full_run_sees_both_clusters(shop: Repo, cli: Callable[..., Any]) -> None:
    # the baseline the other dupes tests narrow down from
    code, clusters = dupes_json(cli)
    assert code == 1
    assert sorted(map(sorted, clusters)) == [["return-15", "return-7"], ["ship-a", "ship-b"]]


def test_dupes_staged_change_to_one_twin_reports_its_cluster(
    shop: Repo, cli: Callable[..., Any]
) -> None:
    assert dupes_json(cli, "--staged") == (0, [])  # nothing staged yet
    shop.write("library/scripts/ship.yaml", ship_file(title_b="发货时间"))
    shop.git("add", "-A")
    # ship-a did not change, but it is ship-b's twin: the cluster is whole
    assert dupes_json(cli, "--staged") == (0, [{"ship-a", "ship-b"}])  # D002 is a warning
    text = cli("dupes", "--staged")
    assert "近似 D002 · 2 条" in text.stdout and "D004" not in text.stdout
    assert text.exit_code == 0


def test_dupes_staged_ignores_unstaged_edits(shop: Repo, cli: Callable[..., Any]) -> None:
    shop.write("library/scripts/returns.yaml", returns_file(title_15="十五天"))
    assert dupes_json(cli, "--staged") == (0, [])
    shop.git("add", "-A")
    assert dupes_json(cli, "--staged") == (1, [{"return-7", "return-15"}])


def test_dupes_staged_change_elsewhere_reports_nothing(shop: Repo, cli: Callable[..., Any]) -> None:
    shop.write("library/scripts/care.yaml", care_file(title="羊毛衫洗涤"))
    shop.git("add", "-A")
    result = cli("dupes", "--staged")
    assert result.exit_code == 0
    assert "没有发现重复或冲突" in result.stdout


def test_dupes_reformat_only_reports_nothing(shop: Repo, cli: Callable[..., Any]) -> None:
    # same fields, other YAML: block lists, quoted scalars, a comment, entries swapped
    returns = entry_file(
        entry("return-15", RETURNS.replace("7天", "15天"), ["十五天能退吗"]),
        entry("return-7", f'"{RETURNS}"', ["七天能退吗"]),
    )
    shop.write("library/scripts/returns.yaml", "# 退货\n" + returns)
    shop.git("add", "-A")
    assert dupes_json(cli, "--staged") == (0, [])
    shop.commit("reformat")
    assert dupes_json(cli, "--changed-since", "HEAD~1") == (0, [])
    assert dupes_json(cli) == (1, [{"return-7", "return-15"}, {"ship-a", "ship-b"}])


def test_dupes_changed_since_a_branch(shop: Repo, cli: Callable[..., Any]) -> None:
    shop.git("checkout", "-q", "-b", "feature")
    shop.write("library/scripts/returns.yaml", returns_file(title_15="十五天"))
    shop.commit("feature work")
    assert dupes_json(cli, "--changed-since", "main") == (1, [{"return-7", "return-15"}])
    # uncommitted work counts too (what the pull request will bring)
    shop.write("library/scripts/ship.yaml", ship_file(title_b="发货时间"))
    code, clusters = dupes_json(cli, "--changed-since", "main")
    assert code == 1 and len(clusters) == 2
    shop.git("checkout", "-q", "--", "library/scripts/ship.yaml")
    # a change elsewhere on a branch reports nothing
    shop.git("checkout", "-q", "main")
    shop.git("checkout", "-q", "-b", "other")
    shop.write("library/scripts/care.yaml", care_file(title="羊毛衫洗涤"))
    shop.commit("care")
    assert dupes_json(cli, "--changed-since", "main") == (0, [])


def test_dupes_new_entry_copying_an_old_one(shop: Repo, cli: Callable[..., Any]) -> None:
    shop.write(
        "library/scripts/care.yaml",
        entry_file(
            entry("care-wool", CARE, ["羊毛衫怎么洗"]),
            entry("ship-copy", SHIP, ["发货要多久"]),
        ),
    )
    shop.git("add", "-A")
    code, clusters = dupes_json(cli, "--staged")
    assert code == 1  # an exact duplicate (D001) is an error
    assert clusters == [{"ship-a", "ship-b", "ship-copy"}]


def test_dupes_staged_with_files_is_the_intersection(shop: Repo, cli: Callable[..., Any]) -> None:
    shop.write("library/scripts/returns.yaml", returns_file(title_15="十五天"))
    shop.write("library/scripts/ship.yaml", ship_file(title_b="发货时间"))
    shop.git("add", "-A")
    assert len(dupes_json(cli, "--staged")[1]) == 2
    ship = "library/scripts/ship.yaml"
    assert dupes_json(cli, "--staged", ship) == (0, [{"ship-a", "ship-b"}])
    # a file with no staged change: nothing, though it holds a cluster
    shop.git("reset", "-q", "--", ship)
    assert dupes_json(cli, "--staged", ship) == (0, [])


def test_dupes_changed_config_means_everything(shop: Repo, cli: Callable[..., Any]) -> None:
    shop.write("library/cskit.yaml", CONFIG.replace("fail_on: error", "fail_on: warning"))
    shop.git("add", "-A")
    code, clusters = dupes_json(cli, "--staged")
    assert code == 1 and len(clusters) == 2


def test_dupes_git_errors_are_one_line_exit_2(
    shop: Repo, cli: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    both = cli("dupes", "--staged", "--changed-since", "main", "--lang", "en")
    assert both.exit_code == 2
    assert both.output.splitlines()[0] == "error: --staged and --changed-since cannot be combined"
    bad_ref = cli("dupes", "--changed-since", "nope")
    assert bad_ref.exit_code == 2 and "'nope'" in bad_ref.output
    explain = cli("dupes", "--staged", "--explain", "ship-a", "ship-b")
    assert explain.exit_code == 2 and "--explain" in explain.output
    plain = tmp_path / "plain"
    shutil.copytree(shop.root / "library", plain, ignore=shutil.ignore_patterns(".cskit_cache"))
    monkeypatch.chdir(plain)
    outside = cli("dupes", "--staged")
    assert outside.exit_code == 2
    assert outside.output.startswith("错误：") and "不在 git 仓库里" in outside.output
    assert "Traceback" not in outside.output
    assert cli("dupes").exit_code == 1  # without the options git is not needed


def test_dupes_subprocess(shop: Repo) -> None:
    shop.write("library/scripts/ship.yaml", ship_file(title_b="发货时间"))
    shop.git("add", "-A")
    proc = run(shop.root, "dupes", "--staged", "-f", "json", "--fail-on", "warning")
    assert proc.returncode == 1, proc.stderr
    (cluster,) = json.loads(proc.stdout)["clusters"]
    assert cluster["label"] == "variant"
    assert [m["entry_id"] for m in cluster["members"]] == ["ship-b"]
    both = run(shop.root, "dupes", "--staged", "--changed-since", "HEAD")
    assert both.returncode == 2 and both.stdout == ""
    assert both.stderr.count("\n") <= 2 and "Traceback" not in both.stderr  # message + hint


# --- stale ---------------------------------------------------------------------------------

# In the stale fixture on this day, review is overdue for greet-return-hint, return-exchange,
# refund-arrival, policy-return and policy-refund; greet-hello comes due on 2027-04-30.
DAY = ("--as-of", "2027-03-01")


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    r = Repo(tmp_path / "desk")
    shutil.copytree(FIXTURES / "stale" / "lib", r.root / "library")
    r.write(".gitignore", ".cskit_cache/\n")
    r.commit("base")
    monkeypatch.chdir(r.root)
    return r


def edit(repo: Repo, rel: str, old: str, new: str) -> None:
    path = repo.root / "library" / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def stale_json(cli: Callable[..., Any], *args: str) -> tuple[int, dict[str, list[str]]]:
    """Exit code and ``{owner: [entry ids]}`` of the queue."""
    result = cli("stale", *DAY, "--format", "json", "--quiet", *args)
    data = json.loads(result.stdout)
    assert data["version"] == 1 and data["as_of"] == "2027-03-01"
    owners = {g["owner"]: [e["entry_id"] for e in g["entries"]] for g in data["owners"]}
    return result.exit_code, owners


def test_stale_full_run_queues_five(desk: Repo, cli: Callable[..., Any]) -> None:
    code, owners = stale_json(cli)
    assert code == 1
    assert sum(len(ids) for ids in owners.values()) == 5


def test_stale_staged_queues_only_the_changed_stale_entry(
    desk: Repo, cli: Callable[..., Any]
) -> None:
    assert stale_json(cli, "--staged") == (0, {})
    edit(desk, "scripts/after-sales.yaml", "title: 退换货说明", "title: 退换货须知")
    desk.git("add", "-A")
    assert stale_json(cli, "--staged") == (0, {"售后组": ["return-exchange"]})  # a warning
    text = cli("stale", *DAY, "--staged")
    assert "return-exchange" in text.stdout and "[复核逾期]" in text.stdout
    assert "refund-arrival" not in text.stdout and "policy-" not in text.stdout


def test_stale_change_elsewhere_reports_nothing(desk: Repo, cli: Callable[..., Any]) -> None:
    edit(desk, "scripts/greet.yaml", "title: 首次问候", "title: 问候")  # fresh, not due
    desk.git("add", "-A")
    result = cli("stale", *DAY, "--staged")
    assert result.exit_code == 0
    assert result.stdout.startswith("截至 2027-03-01 没有过时内容")
    # --within adds what comes due, for changed entries only
    assert stale_json(cli, "--staged", "--within", "60d") == (0, {"客服一组": ["greet-hello"]})
    full = stale_json(cli, "--within", "60d")[1]
    assert "return-how" in full["售后组"]  # due in 29 days, but unchanged


def test_stale_reformat_only_reports_nothing(desk: Repo, cli: Callable[..., Any]) -> None:
    edit(desk, "scripts/after-sales.yaml", "questions: [能换货吗]", "questions:\n      - 能换货吗")
    edit(desk, "scripts/after-sales.yaml", "reviewed: 2026-09-01", "reviewed: 2026-09-01  # 旧")
    edit(desk, "kb/policies.yaml", "title: 退款到账时效", 'title: "退款到账时效"')
    desk.git("add", "-A")
    assert stale_json(cli, "--staged") == (0, {})
    desk.commit("reformat")
    assert stale_json(cli, "--changed-since", "HEAD~1") == (0, {})


def test_stale_changed_since_with_owner(desk: Repo, cli: Callable[..., Any]) -> None:
    desk.git("checkout", "-q", "-b", "feature")
    edit(desk, "scripts/after-sales.yaml", "title: 退款到账提醒", "title: 退款到账")
    edit(desk, "kb/policies.yaml", "title: 退款到账时效", "title: 退款时效")
    desk.commit("feature work")
    code, owners = stale_json(cli, "--changed-since", "main")
    assert code == 1  # policy-refund is more than two periods overdue: an error
    assert owners == {"售后组": ["refund-arrival"], "运营组": ["policy-refund"]}
    assert stale_json(cli, "--changed-since", "main", "--owner", "售后组") == (
        0,
        {"售后组": ["refund-arrival"]},
    )


def test_stale_review_that_clears_the_entry_leaves_nothing(
    desk: Repo, cli: Callable[..., Any]
) -> None:
    # the point of the hook: review the entry, and it leaves the queue
    edit(desk, "scripts/after-sales.yaml", "reviewed: 2026-09-01", "reviewed: 2027-02-27")
    desk.git("add", "-A")
    assert stale_json(cli, "--staged") == (0, {})
    assert "return-exchange" not in stale_json(cli)[1]["售后组"]


def test_stale_archiving_an_entry_queues_what_still_points_at_it(
    desk: Repo, cli: Callable[..., Any]
) -> None:
    old_policy = (
        "\n  - id: policy-return-2025\n    title: 旧退货政策\n    status: archived\n"
        "    replaced_by: policy-return\n    questions: [去年能退货吗]\n"
        "    answer: 旧政策已停用。\n    reviewed: 2025-11-01\n"
    )
    path = desk.root / "library" / "kb" / "policies.yaml"
    path.write_text(path.read_text(encoding="utf-8") + old_policy, encoding="utf-8")
    desk.commit("keep the old policy, archived")
    edit(
        desk,
        "kb/policies.yaml",
        "title: 无理由退货政策",
        "title: 无理由退货政策\n    status: archived",
    )
    desk.git("add", "-A")
    # policy-return-2025 did not change, but its replaced_by now leads to an archived entry;
    # policy-return itself is archived, so its overdue review no longer counts
    result = cli("stale", *DAY, "--staged", "--format", "json")
    (group,) = json.loads(result.stdout)["owners"]
    assert [(e["entry_id"], e["reasons"][0]["code"]) for e in group["entries"]] == [
        ("policy-return-2025", "S006")
    ]


def test_stale_git_errors_are_one_line_exit_2(
    desk: Repo, cli: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    both = cli("stale", *DAY, "--staged", "--changed-since", "main", "--lang", "en")
    assert both.exit_code == 2
    assert both.output.splitlines()[0] == "error: --staged and --changed-since cannot be combined"
    bad_ref = cli("stale", *DAY, "--changed-since", "nope")
    assert bad_ref.exit_code == 2 and "'nope'" in bad_ref.output
    plain = tmp_path / "plain"
    shutil.copytree(FIXTURES / "stale" / "lib", plain)
    monkeypatch.chdir(plain)
    outside = cli("stale", *DAY, "--changed-since", "main")
    assert outside.exit_code == 2
    assert outside.output.startswith("错误：") and "不在 git 仓库里" in outside.output
    assert "Traceback" not in outside.output


def test_stale_subprocess(desk: Repo, tmp_path: Path) -> None:
    edit(desk, "kb/policies.yaml", "title: 无理由退货政策", "title: 退货政策")
    proc = run(desk.root, "stale", *DAY, "--changed-since", "HEAD", "-f", "json")
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert [(g["owner"], [e["entry_id"] for e in g["entries"]]) for g in data["owners"]] == [
        ("运营组", ["policy-return"])
    ]
    plain = tmp_path / "plain"  # (the fixture itself lies inside cskit's own repository)
    shutil.copytree(FIXTURES / "stale" / "lib", plain)
    outside = run(tmp_path, "stale", "-L", str(plain), "--staged")
    assert outside.returncode == 2 and outside.stdout == ""
    assert "不在 git 仓库里" in outside.stderr and "Traceback" not in outside.stderr


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CSKIT), *args], cwd=cwd, capture_output=True, text=True, check=False)
