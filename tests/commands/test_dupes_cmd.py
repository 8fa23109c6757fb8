from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.rules.duplicates.helpers import entry, library, line_of

RETURNS = "本店支持7天无理由退货，退回运费由买家承担，请保持商品完好，谢谢理解。"
SHIP = "付款后仓库会尽快为您安排发货，发货后物流信息一般在2小时内更新，请耐心等待。"
SHIP_VARIANT = "付款后仓库会马上为您安排发货，发货后物流信息一般在2小时内更新，请您耐心等待哦。"


def _library(make_library, extra: str = "") -> tuple[Path, str]:
    text = library(
        entry("return-7", RETURNS),
        entry("return-15", RETURNS.replace("7天", "15天") + extra),
        entry("ship-a", SHIP),
        entry("ship-b", SHIP_VARIANT),
    )
    return make_library({"scripts/policy.yaml": text}), text


def test_text_blocks_name_files_lines_diff_and_what_to_decide(cli, make_library):
    root, text = _library(make_library)
    result = cli("dupes", "--library", root)
    assert result.exit_code == 1  # D004 is an error
    out = result.output
    assert "冲突 D004 · 2 条" in out and "近似 D002 · 2 条" in out
    assert f"policy.yaml:{line_of(text, 'id: return-15')}" in out
    assert "本店支持[7→15]天无理由" in out
    assert "→ 请确认 7天 还是 15天" in out
    assert "→ 合并到 ship-a" in out
    assert "共 2 组：冲突 1，重复 0，近似 1，同问 0" in out


def test_json_is_versioned_and_complete(cli, make_library):
    root, _ = _library(make_library)
    result = cli("dupes", "--library", root, "--format", "json", "--quiet")
    data = json.loads(result.output)
    assert data["version"] == 1 and data["summary"]["clusters"] == 2
    conflict = data["clusters"][0]
    assert conflict["label"] == "conflict"
    assert conflict["representative"]["entry_id"] == "return-7"
    (member,) = conflict["members"]
    assert member["code"] == "D004" and member["severity"] == "error"
    assert member["reasons"] == ["7天 → 15天"] and member["key"] == "entries[1].answer"
    assert member["hint"] == "请确认 7天 还是 15天，统一后保留一条"


def test_select_fail_on_and_english(cli, make_library):
    root, _ = _library(make_library)
    result = cli("dupes", "--library", root, "--select", "D002", "--lang", "en")
    assert result.exit_code == 0  # only a warning is left
    assert "near-duplicate D002" in result.output and "D004" not in result.output
    assert "merge into ship-a" in result.output
    strict = cli("dupes", "--library", root, "--select", "D002", "--fail-on", "warning")
    assert strict.exit_code == 1


def test_suppressed_members_are_left_out(cli, make_library):
    suppress = "\n".join(["", "suppress:", "  - {rule: D004, reason: 会员专享政策，运营已确认}"])
    text = library(
        entry("return-7", RETURNS),
        entry("return-15", RETURNS.replace("7天", "15天"), extra=suppress),
    )
    root = make_library({"scripts/policy.yaml": text})
    result = cli("dupes", "--library", root)
    assert result.exit_code == 0 and "没有发现重复或冲突" in result.output


def test_files_limit_to_clusters_touching_them(cli, make_library):
    root = make_library(
        {
            "scripts/a.yaml": library(
                entry("return-7", RETURNS), entry("return-15", RETURNS.replace("7", "15"))
            ),
            "scripts/b.yaml": library(entry("ship-a", SHIP), entry("ship-b", SHIP_VARIANT)),
        }
    )
    result = cli("dupes", "--library", root, root / "scripts" / "b.yaml", "--fail-on", "never")
    assert "ship-b" in result.output and "return-15" not in result.output
    assert result.exit_code == 0


def test_paths_outside_the_library_and_missing_ones_are_errors(cli, make_library, tmp_path):
    root = make_library({"scripts/b.yaml": library(entry("ship-a", SHIP), entry("ship-b", SHIP))})
    outside = tmp_path / "notes.yaml"
    outside.write_text("x: 1\n", encoding="utf-8")
    result = cli("dupes", "--library", root, outside, "--fail-on", "never", "--lang", "en")
    assert result.exit_code == 2
    assert "notes.yaml is not part of the library" in result.stderr
    missing = cli("dupes", "--library", root, tmp_path / "gone.yaml", "--lang", "en")
    assert missing.exit_code == 2
    assert "does not exist" in missing.output and "Traceback" not in missing.output


def test_a_folder_selects_the_clusters_of_its_files(cli, make_library):
    root = make_library(
        {
            "scripts/b.yaml": library(entry("ship-a", SHIP), entry("ship-b", SHIP)),
            "kb/c.yaml": library(entry("ret-a", RETURNS), entry("ret-b", RETURNS)),
        }
    )
    only_kb = cli("dupes", "--library", root, root / "kb", "-f", "json", "-q")
    ids = {m["entry_id"] for c in json.loads(only_kb.stdout)["clusters"] for m in c["members"]}
    assert ids == {"ret-b"}
    everything = cli("dupes", root, "-f", "json", "-q")  # a folder holding cskit.yaml
    assert len(json.loads(everything.stdout)["clusters"]) == 2


def test_explain_two_entries(cli, make_library):
    root, _ = _library(make_library)
    result = cli("dupes", "--library", root, "--explain", "return-7", "return-15")
    assert result.exit_code == 0
    assert "本店支持7天无理由退货退回运费由买家承担请保持商品完好谢谢理解" in result.output
    assert "本店支持[7→15]天" in result.output and "冲突 (D004)" in result.output
    assert "canon" not in result.output and "fuzz.ratio" not in result.output  # Chinese labels
    data = json.loads(
        cli("dupes", "--library", root, "--explain", "ship-a", "ship-b", "-f", "json").output
    )
    assert data["label"] == "variant" and data["code"] == "D002" and data["score"] > 90


def test_unknown_id_and_bad_format_are_one_line_errors(cli, make_library):
    root, _ = _library(make_library)
    result = cli("dupes", "--library", root, "--explain", "return-7", "nope")
    assert result.exit_code == 2 and "没有 id 为 'nope' 的条目" in result.output
    english = cli("dupes", "--library", root, "--explain", "return-7", "nope", "--lang", "en")
    assert english.exit_code == 2 and "no entry has id 'nope'" in english.output
    assert cli("dupes", "--library", root, "--format", "sarif").exit_code == 2


def test_real_executable(make_library, tmp_path):
    root, _ = _library(make_library)
    exe = Path(sys.executable).parent / "cskit"
    out = tmp_path / "dupes.json"
    done = subprocess.run(
        [str(exe), "dupes", "--library", str(root), "-f", "json", "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["conflict"] == 1


def test_index_cache_is_written_unless_no_cache(cli, make_library):
    root, _ = _library(make_library)
    cli("dupes", "--library", root, "--no-cache")
    assert not (root / ".cskit_cache" / "dupeindex.pickle").exists()
    cli("dupes", "--library", root, "--workers", "1")
    assert (root / ".cskit_cache" / "dupeindex.pickle").exists()
    assert cli("dupes", "--library", root, "--workers", "0").exit_code == 2
