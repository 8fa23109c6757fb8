from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cskit.library.yamlwrite import FileEdit, WriteError, apply_edits, plan_text
from cskit.yamlread import parse

# These tests read the English error texts (Chinese is the default).
pytestmark = pytest.mark.usefixtures("english_errors")

SOURCE = """\
# header comment
defaults:
  owner: 客服一组   # team
entries:
  - id: a-one
    title: 第一条
    questions:
      - 在吗
      - 有人吗
    answer: |-
      您好，
      欢迎光临。
    reviewed: 2026-11-01   # keep me

  # between
  - id: b-two
    title: "第二条"
    answer: 'x'
    tags: [a, b]

  - id: c-three
    title: 第三条
    answer: 好的
"""


@pytest.fixture
def path(tmp_path: Path) -> Path:
    p = tmp_path / "a.yaml"
    p.write_text(SOURCE, encoding="utf-8")
    return p


def _lines(text: str, first: int, last: int) -> list[str]:
    return text.splitlines()[first - 1 : last]


def test_update_touches_only_that_entry(path):
    old, new = plan_text(
        FileEdit(path, updates={1: {"answer": "新的回复\n第二行", "title": "改过"}})
    )
    assert _lines(new, 1, 15) == _lines(old, 1, 15)  # header, entry a, the comment between
    assert new.endswith(SOURCE.split("  - id: c-three")[1])
    entry = parse(new).data["entries"][1]
    assert entry == {
        "id": "b-two",
        "title": "改过",
        "answer": "新的回复\n第二行",
        "tags": ["a", "b"],
    }
    assert '    title: "改过"' in new and "    answer: |-\n      新的回复\n      第二行" in new


def test_append_and_delete_field(path):
    new_entry = {
        "id": "d-four",
        "title": "新",
        "answer": "=1+1",
        "reviewed": dt.date(2026, 11, 2),
        "x": "no",
    }
    _, new = plan_text(FileEdit(path, updates={0: {"reviewed": None}}, appends=[new_entry]))
    data = parse(new).data
    assert "reviewed" not in data["entries"][0]
    assert data["entries"][3] == new_entry
    assert "x: 'no'" in new  # quoted so YAML 1.1 readers keep it a string


def test_apply_writes_atomically_and_untouched_files_stay(path, tmp_path):
    other = tmp_path / "b.yaml"
    other.write_text(SOURCE)
    written = apply_edits([FileEdit(path, updates={2: {"answer": "好的呀"}}), FileEdit(other)])
    assert written == [path]
    assert other.read_text() == SOURCE
    assert parse(path.read_text()).data["entries"][2]["answer"] == "好的呀"
    assert not list(tmp_path.glob(".*.tmp"))


def test_unsafe_characters_are_double_quoted(path):
    _, new = plan_text(FileEdit(path, updates={2: {"answer": "第一行\u2028第二行 \n"}}))
    assert parse(new).data["entries"][2]["answer"] == "第一行\u2028第二行 \n"


def test_failure_writes_nothing(path, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("entries: [\n")
    with pytest.raises(WriteError):
        apply_edits(
            [
                FileEdit(path, updates={0: {"title": "变"}}),
                FileEdit(broken, updates={0: {"title": "x"}}),
            ]
        )
    assert path.read_text() == SOURCE


def test_append_to_empty_file(tmp_path):
    p = tmp_path / "new.yaml"
    p.write_text("# 新文件\n")
    _, new = plan_text(FileEdit(p, appends=[{"id": "n-1", "title": "新", "answer": "多行\n文本"}]))
    assert new.startswith("# 新文件\n") and parse(new).data["entries"][0]["answer"] == "多行\n文本"


def test_append_creates_a_missing_file_and_its_folder(tmp_path):
    p = tmp_path / "new" / "promotion.yaml"
    old, _new = plan_text(FileEdit(p, appends=[{"id": "p-1", "title": "新", "answer": "好"}]))
    assert old == "" and not p.exists()  # planning writes nothing
    assert apply_edits([FileEdit(p, appends=[{"id": "p-1", "title": "新", "answer": "好"}])]) == [p]
    assert parse(p.read_text()).data == {"entries": [{"id": "p-1", "title": "新", "answer": "好"}]}


def test_update_of_a_missing_file_is_refused(tmp_path):
    with pytest.raises(WriteError):
        plan_text(FileEdit(tmp_path / "gone.yaml", updates={0: {"title": "x"}}))


def test_leading_tab_in_a_former_literal_block_is_double_quoted(path):
    _, new = plan_text(FileEdit(path, updates={0: {"answer": "\t缩进\n\t第二行"}}))
    assert parse(new).data["entries"][0]["answer"] == "\t缩进\n\t第二行"


def test_rewriting_an_entry_that_defines_an_anchor_is_refused(tmp_path):
    p = tmp_path / "a.yaml"
    p.write_text("entries:\n  - id: a\n    reviewed: &d 2026-01-01\n  - id: b\n    reviewed: *d\n")
    with pytest.raises(WriteError, match="anchor &d"):
        plan_text(FileEdit(p, updates={0: {"title": "x"}}))
    with pytest.raises(WriteError, match="undefined alias"):
        plan_text(FileEdit(p, updates={1: {"title": "x"}}))
    _, new = plan_text(FileEdit(p, appends=[{"id": "c", "title": "x"}]))  # appending is fine
    assert parse(new).data["entries"][2] == {"id": "c", "title": "x"}


def test_end_of_line_comments_keep_their_column(tmp_path):
    p = tmp_path / "a.yaml"
    p.write_text("entries:\n  - id: a-1        # 取消\n    title: 旧   # 标题\n")
    _, new = plan_text(FileEdit(p, updates={0: {"title": "新"}}))
    assert new.startswith("entries:\n  - id: a-1        # 取消\n")
