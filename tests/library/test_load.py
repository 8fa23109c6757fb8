from __future__ import annotations

from cskit import cachefile
from cskit.library.load import entry_files, load_library
from cskit.library.model import CACHE_DIR
from tests.conftest import GOOD_ENTRY, entry_file


def test_defaults_merge_and_positions(make_library):
    text = entry_file(
        GOOD_ENTRY.replace("owner: 客服一组\n", ""), defaults="owner: 售后组\nkind: faq"
    )
    lib = load_library(make_library({"kb/a.yaml": text}), use_cache=False)
    (entry,) = lib.entries
    assert entry.owner == "售后组" and entry.kind == "faq" and "owner" not in entry.raw
    assert entry.key_path("owner") == "defaults.owner" and entry.position("owner") == (2, 3)
    assert entry.key_path("answer") == "entries[0].answer" and entry.position("answer") == (10, 5)
    assert (entry.line, entry.column) == (5, 5)  # the "- " item


def test_entry_files_skip_config_hidden_and_cache(make_library):
    root = make_library(
        {"a.yaml": entry_file(GOOD_ENTRY), ".hidden/b.yaml": "x: 1\n", "c.yml": "entries: []\n"}
    )
    (root / CACHE_DIR).mkdir()
    (root / CACHE_DIR / "d.yaml").write_text("x")
    names = [p.name for p in entry_files(root, root / "cskit.yaml")]
    assert names == ["a.yaml", "c.yml"]


def test_cache_hits_and_invalidation(make_library):
    root = make_library(
        {
            "a.yaml": entry_file(GOOD_ENTRY),
            "b.yaml": entry_file(GOOD_ENTRY.replace("greet-hello", "b-1")),
        }
    )
    assert load_library(root).cache_hits == 0
    assert load_library(root).cache_hits == 2
    (root / "b.yaml").write_text(
        entry_file(GOOD_ENTRY.replace("greet-hello", "b-2")), encoding="utf-8"
    )
    lib = load_library(root)
    assert lib.cache_hits == 1 and [e.id for e in lib.entries] == ["greet-hello", "b-2"]
    assert (root / CACHE_DIR / ".gitignore").read_text() == "*\n"


def test_damaged_cache_is_a_cold_run(make_library):
    root = make_library({"a.yaml": entry_file(GOOD_ENTRY)})
    load_library(root)
    (root / CACHE_DIR / "parsed.pickle").write_bytes(b"garbage")
    assert load_library(root).entries[0].id == "greet-hello"
    data = cachefile.read_sealed(root / CACHE_DIR / "parsed.pickle", "parsed.pickle")
    assert data is not None  # rewritten, sealed again
    assert next(cachefile.records(data)).endswith("parse-4")  # a version record, then files


def test_bom_is_accepted(make_library):
    root = make_library({})
    (root / "a.yaml").write_bytes("\ufeff".encode() + entry_file(GOOD_ENTRY).encode())
    assert load_library(root, use_cache=False).entries[0].id == "greet-hello"


def test_no_cache_writes_nothing(make_library):
    root = make_library({"a.yaml": entry_file(GOOD_ENTRY)})
    load_library(root, use_cache=False)
    assert not (root / CACHE_DIR).exists()


def test_with_texts_replaces_and_adds_files_without_touching_the_original(make_library):
    from cskit.library.load import load_library, with_texts

    root = make_library({"a.yaml": "entries:\n  - id: a-1\n    title: 旧\n"})
    lib = load_library(root, use_cache=False)
    new_file = root / "b.yaml"
    after = with_texts(
        lib,
        {
            root / "a.yaml": "entries:\n  - id: a-1\n    title: 新\n",
            new_file: "entries:\n  - id: b-1\n",
        },
    )
    assert [e.data.get("title") for e in after.entries] == ["新", None]
    assert [e.id for e in after.entries] == ["a-1", "b-1"]
    assert lib.entries[0].data["title"] == "旧" and len(lib.entries) == 1
    assert not new_file.exists()
