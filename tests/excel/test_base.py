"""The export base: metadata cells, hashes, git blob ids."""

from __future__ import annotations

import subprocess

from cskit.excel.base import CHUNK, Meta, blob_id, compact, expand, git_blobs, row_hash, row_values


def test_row_values_render_every_field_with_defaults():
    values = row_values({"id": "a-1", "title": "标题", "questions": ["在吗", "有人吗"]})
    assert values["kind"] == "script" and values["status"] == "active"
    assert values["questions"] == "在吗\n有人吗" and values["answer"] == ""
    assert expand(compact(values)) == values
    assert set(compact(values)) == {"id", "title", "questions"}


def test_meta_round_trips_through_cells_in_chunks():
    rows = {
        f"e-{i}": {
            "f": "a.yaml",
            "h": row_hash(row_values({"id": f"e-{i}", "answer": "长" * 500})),
            "v": compact(row_values({"id": f"e-{i}", "answer": "长" * 500})),
        }
        for i in range(200)
    }
    meta = Meta(cskit="0.1.0", revision="abc", files={"a.yaml": "f" * 40}, rows=rows)
    cells = meta.to_cells()
    assert cells[0][0] == "header" and all(len(v) <= CHUNK for _k, v in cells)
    assert len(cells) > 3
    back = Meta.from_cells(cells)
    assert back.rows == rows and back.files == meta.files and back.revision == "abc"
    assert all(back.trusted.values())
    assert back.base_values("e-3")["answer"] == "长" * 500


def test_a_row_edited_in_the_hidden_sheet_is_not_trusted():
    values = row_values({"id": "a-1", "title": "原来的"})
    meta = Meta(rows={"a-1": {"f": "a.yaml", "h": row_hash(values), "v": compact(values)}})
    cells = [(k, v.replace("原来的", "改过的")) for k, v in meta.to_cells()]
    assert Meta.from_cells(cells).trusted == {"a-1": False}


def test_blob_id_is_what_git_computes(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_bytes("entries:\n  - id: 中文\n".encode())
    out = subprocess.run(
        ["git", "hash-object", str(path)], capture_output=True, text=True, check=True
    )
    assert blob_id(path.read_bytes()) == out.stdout.strip()


def test_git_blobs_returns_what_git_has_and_skips_the_rest(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    path = tmp_path / "a.yaml"
    path.write_bytes(b"x: 1\n")
    sha = subprocess.run(
        ["git", "-C", str(tmp_path), "hash-object", "-w", "a.yaml"], capture_output=True, text=True
    ).stdout.strip()
    assert git_blobs(tmp_path, [sha, "0" * 40]) == {sha: b"x: 1\n"}
    assert git_blobs(tmp_path / "nope", [sha]) == {}
