"""The opt-in embedding plug-in: a model from a folder the user supplies, never downloaded."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from cskit.coverage.embed import EntryEmbeddings, load_encoder
from cskit.coverage.matcher import EntryText, Matcher
from cskit.errors import InputError

ENTRIES = [
    EntryText("tent", "帐篷搭建", ("帐篷如何搭起来",), "先铺地布，再穿杆。"),
    EntryText("stove", "炉头点火", ("炉子怎样点着",), "先开气阀，再按点火器。"),
]


def _folder(tmp_path: Path, config: str, vectors: str) -> Path:
    (tmp_path / "cskit-embedding.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "vectors.txt").write_text(vectors, encoding="utf-8")
    return tmp_path


def _camping(tmp_path: Path) -> Path:
    tent = "帐篷搭支起开来如何咋建"
    stove = "炉头点火着怎样灶燃"
    lines = [f"{ch} 1 0 0" for ch in tent] + [f"{ch} 0 1 0" for ch in stove]
    return _folder(
        tmp_path,
        "kind: vectors\nfile: vectors.txt\nunit: char\n",
        f"{len(lines)} 3\n" + "\n".join(lines) + "\n",
    )


def test_a_paraphrase_no_lexicon_knows_is_answered_with_embeddings(tmp_path: Path) -> None:
    plain = Matcher.build(ENTRIES)
    assert plain.decide("篷子咋支开").entry is None
    encoder = load_encoder(_camping(tmp_path))
    embedded = Matcher.build(ENTRIES).with_embeddings(
        EntryEmbeddings.build(encoder, [[*e.questions, e.title] for e in ENTRIES])
    )
    assert embedded.decide("篷子咋支开").entry == 0
    assert embedded.decide("灶怎样燃").entry == 1


def test_word_units_take_the_longest_vocabulary_word(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "kind: vectors\nunit: word\n", "帐篷 1 0\n帐 0 1\n篷 0 1\n")
    vec = load_encoder(folder).encode(["帐篷"])[0]
    assert np.allclose(vec, [1, 0])


def test_a_numpy_matrix_with_a_vocabulary(tmp_path: Path) -> None:
    np.save(tmp_path / "m.npy", np.eye(2, dtype=np.float32))
    (tmp_path / "vocab.txt").write_text("快\n慢\n", encoding="utf-8")
    (tmp_path / "cskit-embedding.yaml").write_text("kind: vectors\nfile: m.npy\n", encoding="utf-8")
    assert np.allclose(load_encoder(tmp_path).encode(["慢"])[0], [0, 1])


@pytest.mark.parametrize(
    ("config", "vectors", "needle"),
    [
        (None, "", "cskit-embedding.yaml"),
        ("kind: magic\n", "", "kind"),
        ("kind: vectors\nunit: syllable\n", "", "unit"),
        ("kind: vectors\nfile: ../outside.txt\n", "", "文件夹之内"),
        ("kind: vectors\n", "快 1 x\n", "不是数字"),
        ("kind: vectors\n", "快 1 0\n慢 1\n", "维数"),
        ("kind: vectors\n", "", "空的"),
    ],
)
def test_a_bad_model_folder_is_one_error(
    tmp_path: Path, config: str | None, vectors: str, needle: str
) -> None:
    if config is not None:
        _folder(tmp_path, config, vectors)
    with pytest.raises(InputError) as info:
        load_encoder(tmp_path)
    assert needle in str(info.value)


def test_sentence_transformers_needs_its_package(tmp_path: Path) -> None:
    try:
        import sentence_transformers  # noqa: F401
    except ImportError:
        (tmp_path / "cskit-embedding.yaml").write_text(
            "kind: sentence-transformers\n", encoding="utf-8"
        )
        with pytest.raises(InputError, match="sentence-transformers"):
            load_encoder(tmp_path)
    else:
        pytest.skip("sentence-transformers is installed here")


def test_the_commands_take_an_embeddings_folder(tmp_path: Path) -> None:
    import json
    import shutil
    import subprocess
    import sys

    from tests.coverage.conftest import LIB

    lib = tmp_path / "lib"
    (lib / "entries").mkdir(parents=True)
    shutil.copy(LIB / "cskit.yaml", lib / "cskit.yaml")
    (lib / "entries" / "camping.yaml").write_text(
        "defaults: {kind: faq, owner: 客服一组, reviewed: 2026-11-01, category: product}\n"
        "entries:\n"
        "  - id: tent\n    title: 帐篷搭建\n    questions: [帐篷如何搭起来]\n"
        "    answer: 先铺地布，再穿杆。\n",
        encoding="utf-8",
    )
    (tmp_path / "model").mkdir()
    model = _camping(tmp_path / "model")
    run = [sys.executable, "-m", "cskit", "match", "篷子咋支开", "-L", str(lib), "-f", "json"]
    plain = json.loads(subprocess.run(run, capture_output=True, text=True, check=True).stdout)
    assert plain["verdict"] != "tent"
    with_model = subprocess.run(
        [*run, "--embeddings", str(model)], capture_output=True, text=True, check=True
    )
    assert json.loads(with_model.stdout)["verdict"] == "tent"
