"""Opt-in embeddings: a model the user keeps in a folder (``--embeddings DIR``), never downloaded.

The folder holds ``cskit-embedding.yaml``::

    kind: vectors              # or: sentence-transformers
    file: vectors.txt          # kind vectors: word2vec text format ("token v1 v2 …" per line,
                               # an optional "count dims" first line), or a .npy matrix with
                               # tokens one per line in `vocab` (vocab.txt)
    unit: char                 # char: a text is the mean of its characters' vectors;
                               # word: of the longest vocabulary words found left to right

``kind: sentence-transformers`` loads the folder with the ``sentence-transformers`` package
(installed separately; ``local_files_only``, never ``trust_remote_code``). Nothing in the
folder is executed and no pickle is loaded. The matcher uses the model for turns the lexicon
finds no intent in: the nearest entry by cosine answers them when it reaches
``embedding_similarity`` (0.8).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from cskit.errors import InputError
from cskit.intent.clean import compact
from cskit.yamlread import YamlError, parse

CONFIG = "cskit-embedding.yaml"


class Encoder(Protocol):
    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def _bad(folder: Path, zh: str, en: str) -> InputError:
    return InputError(
        zh,
        str(folder / CONFIG),
        f"格式见 cskit coverage 文档（{CONFIG}）",
        en=en,
        hint_en=f"see the coverage docs for {CONFIG}",
    )


class VectorEncoder:
    """Mean of character (or greedy longest-word) vectors, L2-normalised."""

    def __init__(self, vocab: dict[str, int], matrix: np.ndarray, unit: str) -> None:
        self.vocab = vocab
        self.matrix = matrix.astype(np.float32)
        self.unit = unit
        self.longest = max((len(w) for w in vocab), default=1) if unit == "word" else 1

    def tokens(self, text: str) -> list[int]:
        flat = compact(text)
        if self.unit == "char":
            return [self.vocab[ch] for ch in flat if ch in self.vocab]
        out, i = [], 0
        while i < len(flat):
            for size in range(min(self.longest, len(flat) - i), 0, -1):
                hit = self.vocab.get(flat[i : i + size])
                if hit is not None:
                    out.append(hit)
                    i += size
                    break
            else:
                i += 1
        return out

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.matrix.shape[1]), dtype=np.float32)
        for n, text in enumerate(texts):
            ids = self.tokens(text)
            if ids:
                out[n] = self.matrix[ids].mean(axis=0)
        return _unit(out)


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


def load_encoder(folder: Path) -> Encoder:
    """The model described by ``folder/cskit-embedding.yaml``; every problem is one error."""
    try:
        raw = parse((folder / CONFIG).read_text(encoding="utf-8")).data
    except (OSError, UnicodeDecodeError):
        raise _bad(folder, f"读不到 {CONFIG}", f"cannot read {CONFIG}") from None
    except YamlError as exc:
        raise _bad(
            folder, f"不是有效的 YAML：{exc.message}", f"not valid YAML: {exc.message}"
        ) from None
    if not isinstance(raw, dict):
        raise _bad(folder, "应为映射（kind / file / unit）", "must be a mapping (kind/file/unit)")
    kind = raw.get("kind")
    if kind == "sentence-transformers":
        return _sentence_transformers(folder)
    if kind != "vectors":
        raise _bad(
            folder,
            f"kind 应为 vectors 或 sentence-transformers，而不是 {kind!r}",
            f"kind must be vectors or sentence-transformers, not {kind!r}",
        )
    unit = raw.get("unit", "char")
    if unit not in ("char", "word"):
        raise _bad(
            folder,
            f"unit 应为 char 或 word，而不是 {unit!r}",
            f"unit must be char or word, not {unit!r}",
        )
    name = str(raw.get("file", "vectors.txt"))
    path = (folder / name).resolve()
    if folder.resolve() not in path.parents:
        raise _bad(folder, "file 必须在模型文件夹之内", "file must be inside the model folder")
    if path.suffix == ".npy":
        vocab_file = (folder / str(raw.get("vocab", "vocab.txt"))).resolve()
        try:
            matrix = np.load(path, allow_pickle=False)
            words = vocab_file.read_text(encoding="utf-8").splitlines()
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            raise _bad(folder, f"读不出向量：{exc}", f"cannot read the vectors: {exc}") from None
        if matrix.ndim != 2 or matrix.shape[0] != len(words):
            raise _bad(folder, "向量矩阵的行数和词表不一致", "matrix rows and vocab lines differ")
        return VectorEncoder({w: i for i, w in enumerate(words)}, matrix, unit)
    return _word2vec_text(folder, path, unit)


def _word2vec_text(folder: Path, path: Path, unit: str) -> VectorEncoder:
    vocab: dict[str, int] = {}
    rows: list[list[float]] = []
    try:
        with path.open(encoding="utf-8") as fh:
            for number, line in enumerate(fh, start=1):
                parts = line.rstrip("\n").split(" ")
                if number == 1 and len(parts) == 2 and all(p.isdigit() for p in parts):
                    continue  # "count dims" header
                if len(parts) < 2:
                    continue
                try:
                    values = [float(v) for v in parts[1:] if v]
                except ValueError:
                    raise InputError(
                        "这一行的向量不是数字",
                        f"{path}:{number}",
                        "每行：词 数字 数字 …",
                        en="this line's vector is not numbers",
                        hint_en="each line: token number number …",
                    ) from None
                if rows and len(values) != len(rows[0]):
                    raise InputError(
                        "向量维数前后不一致",
                        f"{path}:{number}",
                        "每行的数字个数要相同",
                        en="vector dimensions differ",
                        hint_en="every line needs as many numbers",
                    )
                vocab.setdefault(parts[0], len(rows))
                rows.append(values)
    except (OSError, UnicodeDecodeError) as exc:
        raise _bad(
            folder, f"读不出向量文件：{exc}", f"cannot read the vectors file: {exc}"
        ) from None
    if not rows:
        raise _bad(folder, "向量文件是空的", "the vectors file is empty")
    return VectorEncoder(vocab, np.array(rows, dtype=np.float32), unit)


def _sentence_transformers(folder: Path) -> Encoder:
    try:
        from sentence_transformers import SentenceTransformer  # type: ignore[import-not-found]
    except ImportError:
        raise _bad(
            folder,
            "kind: sentence-transformers 需要先安装 sentence-transformers 包",
            "kind: sentence-transformers needs the sentence-transformers package installed",
        ) from None
    model: Any = SentenceTransformer(
        str(folder), local_files_only=True, trust_remote_code=False, device="cpu"
    )

    class _ST:
        def encode(self, texts: Sequence[str]) -> np.ndarray:
            return _unit(np.asarray(model.encode(list(texts)), dtype=np.float32))

    return _ST()


@dataclass
class EntryEmbeddings:
    """Each entry's vector (mean of its questions and title) and the encoder for queries."""

    encoder: Encoder
    vectors: np.ndarray

    @classmethod
    def build(cls, encoder: Encoder, texts: Sequence[Sequence[str]]) -> EntryEmbeddings:
        rows = []
        for group in texts:
            vecs = encoder.encode(list(group)) if group else np.zeros((1, 1), dtype=np.float32)
            rows.append(vecs.mean(axis=0))
        width = max((len(r) for r in rows), default=1)
        matrix = np.zeros((len(rows), width), dtype=np.float32)
        for n, r in enumerate(rows):
            matrix[n, : len(r)] = r
        return cls(encoder, _unit(matrix))

    def similarities(self, text: str) -> np.ndarray:
        """Cosine of ``text`` with every entry."""
        return self.vectors @ self.encoder.encode([text])[0]
