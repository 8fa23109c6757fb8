"""Changed-only runs with real git: which entries count as changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from cskit.errors import GitError
from cskit.library.changes import ChangeSet, changed_since, staged
from cskit.library.load import load_library
from cskit.library.model import Library
from tests.conftest import CONFIG, entry_file
from tests.gitutil import Repo

# These tests read the English error texts (Chinese is the default).
pytestmark = pytest.mark.usefixtures("english_errors")


def entry(entry_id: str, answer: str = "您好，请问有什么可以帮您？", extra: str = "") -> str:
    return (
        f"id: {entry_id}\ntitle: 标题{entry_id}\ncategory: general\nstage: greet\n"
        f"answer: {answer}\nowner: 客服一组\nreviewed: 2026-11-01\n{extra}"
    )


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    r = Repo(tmp_path / "repo")
    r.write("cskit.yaml", CONFIG)
    r.write("library/a.yaml", entry_file(entry("a-one"), entry("a-two"), entry("a-three")))
    r.write("library/b.yaml", entry_file(entry("b-one"), entry("b-two")))
    r.commit("base")
    return r


def load(repo: Repo, folder: str = "library") -> Library:
    return load_library(repo.root / folder, use_cache=False)


def changed_ids(lib: Library, changes: ChangeSet) -> set[str]:
    assert not changes.everything
    return {e.id for e in lib.entries if id(e) in changes.entries}


def test_edited_field_marks_only_that_entry(repo: Repo) -> None:
    repo.write(
        "library/a.yaml", entry_file(entry("a-one"), entry("a-two", "改过的答复"), entry("a-three"))
    )
    repo.git("add", "-A")
    lib = load(repo)
    changes = staged(lib)
    assert changed_ids(lib, changes) == {"a-two"}
    assert changes.files == {lib.files[0].display}


def test_unstaged_edit_is_not_staged_but_is_changed_since(repo: Repo) -> None:
    repo.write("library/b.yaml", entry_file(entry("b-one", "只在工作区改"), entry("b-two")))
    lib = load(repo)
    assert changed_ids(lib, staged(lib)) == set()
    assert changed_ids(lib, changed_since(lib, "HEAD")) == {"b-one"}
    # a partly staged file: the index decides, not the further edit in the work tree
    repo.write(
        "library/a.yaml", entry_file(entry("a-one"), entry("a-two", "已暂存"), entry("a-three"))
    )
    repo.git("add", "library/a.yaml")
    repo.write(
        "library/a.yaml",
        entry_file(entry("a-one", "未暂存"), entry("a-two", "已暂存"), entry("a-three")),
    )
    lib = load(repo)
    assert changed_ids(lib, staged(lib)) == {"a-two"}
    assert changed_ids(lib, changed_since(lib, "HEAD")) == {"a-one", "a-two", "b-one"}


def test_reformatting_and_reordering_change_nothing(repo: Repo) -> None:
    reformatted = "# a comment added\nentries:\n" + "".join(
        f"- {{id: '{i}', title: \"标题{i}\", owner: 客服一组, category: general,\n"
        f'   stage: greet, reviewed: 2026-11-01, answer: "您好，请问有什么可以帮您？"}}\n'
        for i in ("a-three", "a-one", "a-two")
    )
    repo.write("library/a.yaml", reformatted, dedent=False)
    repo.git("add", "-A")
    lib = load(repo)
    changes = staged(lib)
    assert changed_ids(lib, changes) == set()
    assert len(changes.files) == 1  # file-level findings of a.yaml are still reported


def test_entry_moved_to_another_file_and_file_renamed_is_unchanged(repo: Repo) -> None:
    repo.write("library/a.yaml", entry_file(entry("a-one"), entry("a-three")))
    repo.write("library/b.yaml", entry_file(entry("b-one"), entry("b-two"), entry("a-two")))
    repo.git("add", "-A")
    repo.git("mv", "library/b.yaml", "library/renamed.yaml")
    lib = load(repo)
    assert changed_ids(lib, staged(lib)) == set()


def test_moved_into_a_new_file_is_unchanged_but_an_extra_copy_is_changed(repo: Repo) -> None:
    repo.write("library/a.yaml", entry_file(entry("a-one"), entry("a-three")))
    repo.write("library/new/c.yaml", entry_file(entry("a-two"), entry("c-new")))
    repo.git("add", "-A")
    lib = load(repo)
    assert changed_ids(lib, staged(lib)) == {"c-new"}
    # copying b-one (same id, same content) into a second file: one copy counts as changed
    repo.write("library/d.yaml", entry_file(entry("b-one")))
    repo.git("add", "-A")
    lib = load(repo)
    ids = [e.id for e in lib.entries if id(e) in staged(lib).entries]
    assert sorted(ids) == ["b-one", "c-new"]


def test_renamed_id_is_changed(repo: Repo) -> None:
    repo.write("library/b.yaml", entry_file(entry("b-one-renamed"), entry("b-two")))
    repo.git("add", "-A")
    lib = load(repo)
    changes = staged(lib)
    assert changed_ids(lib, changes) == {"b-one-renamed"}
    assert changes.removed_ids == {"b-one"}


def test_deleting_an_entry_marks_the_entries_that_point_at_it(repo: Repo) -> None:
    repo.write(
        "library/a.yaml",
        entry_file(
            entry("a-one", extra="status: archived\nreplaced_by: b-one\n"),
            entry("a-two"),
            entry("a-three"),
        ),
    )
    repo.commit("a-one replaced by b-one")
    (repo.root / "library/b.yaml").unlink()
    repo.git("add", "-A")
    lib = load(repo)
    changes = staged(lib)
    assert changed_ids(lib, changes) == {"a-one"}
    assert changes.removed_ids == {"b-one", "b-two"}
    assert changes.files == set()  # the deleted file has nothing left to report


def test_defaults_change_marks_the_entries_that_inherit(repo: Repo) -> None:
    body = entry_file(
        entry("b-one"),
        "id: b-two\ntitle: t\nanswer: 好的\nreviewed: 2026-11-01\n",
        defaults="category: general\nowner: 客服一组\n",
    )
    repo.write("library/b.yaml", body)
    repo.commit()
    repo.write("library/b.yaml", body.replace("owner: 客服一组", "owner: 售后组", 1))
    repo.git("add", "-A")
    lib = load(repo)
    # b-one sets its own owner; b-two inherits the new one
    assert changed_ids(lib, staged(lib)) == {"b-two"}


def test_file_unparsable_at_base_counts_all_entries(repo: Repo) -> None:
    repo.write("library/a.yaml", "entries:\n  - id: [broken\n", dedent=False)
    repo.commit("broken")
    repo.write("library/a.yaml", entry_file(entry("a-one"), entry("a-two")))
    repo.git("add", "-A")
    lib = load(repo)
    assert changed_ids(lib, staged(lib)) == {"a-one", "a-two"}


def test_config_change_means_everything(repo: Repo) -> None:
    repo.write("cskit.yaml", CONFIG.replace("fail_on: error", "fail_on: warning"))
    repo.git("add", "-A")
    lib = load(repo)
    assert staged(lib).everything
    assert staged(lib).as_lint_args() == (None, None)


def test_changed_since_branch_merge_base_with_untracked_files(repo: Repo) -> None:
    repo.git("checkout", "-q", "-b", "feature")
    repo.write(
        "library/a.yaml", entry_file(entry("a-one", "分支上改的"), entry("a-two"), entry("a-three"))
    )
    repo.commit("on feature")
    repo.git("checkout", "-q", "main")
    repo.write("library/b.yaml", entry_file(entry("b-one", "主干上改的"), entry("b-two")))
    repo.commit("on main")
    repo.git("checkout", "-q", "feature")
    repo.write("library/untracked.yaml", entry_file(entry("u-new")))
    lib = load(repo)
    # main's own later change (b-one) is not the branch's: merge-base semantics
    assert changed_ids(lib, changed_since(lib, "main")) == {"a-one", "u-new"}


def test_library_in_a_subfolder_and_cwd_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    r = Repo(tmp_path / "mono")
    r.write("content/cs/cskit.yaml", CONFIG)
    r.write("content/cs/lib/x.yaml", entry_file(entry("x-one"), entry("x-two")))
    r.write("src/app.py", "print('hi')\n")
    r.commit()
    r.write("content/cs/lib/x.yaml", entry_file(entry("x-one"), entry("x-two", "新答复")))
    r.write("src/app.py", "print('changed')\n")
    r.git("add", "-A")
    monkeypatch.chdir(tmp_path)
    lib = load_library(Path("mono/content/cs/lib"), use_cache=False)
    changes = staged(lib)
    assert changed_ids(lib, changes) == {"x-two"}
    assert changes.files == {"mono/content/cs/lib/x.yaml"}


def test_first_commit_has_no_head(tmp_path: Path) -> None:
    r = Repo(tmp_path / "fresh")
    r.write("cskit.yaml", CONFIG)
    r.write("library/a.yaml", entry_file(entry("a-one")))
    r.git("add", "-A")
    lib = load_library(r.root / "library", use_cache=False)
    assert staged(lib).everything  # the config itself is new


def test_not_a_repository_and_bad_ref(tmp_path: Path, repo: Repo) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "cskit.yaml").write_text(CONFIG, encoding="utf-8")
    with pytest.raises(GitError, match="not inside a git repository"):
        staged(load_library(plain, use_cache=False))
    with pytest.raises(GitError, match="no-such-branch"):
        changed_since(load(repo), "no-such-branch")


def test_custom_word_pack_change_means_everything(repo: Repo) -> None:
    repo.write(
        "cskit.yaml",
        CONFIG.replace("fail_on: error", "fail_on: error\n  wordlists: [default, packs/ours.yaml]"),
    )
    repo.write("packs/ours.yaml", "name: ours\n")
    repo.commit("pack")
    repo.write("packs/ours.yaml", "name: ours\n# changed\n")
    repo.git("add", "-A")
    lib = load(repo)
    assert staged(lib).everything
