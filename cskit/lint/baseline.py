"""Baselines: accept the findings a library has today, fail only on new ones.

A baseline file (``.cskit-baseline.json`` next to cskit.yaml by default) lists findings by
rule + entry id + fingerprint of the offending content (:meth:`Finding.fingerprint`), with a
count. Line numbers and file names play no part, so moving an entry to another file,
reordering or reformatting keeps it baselined; editing the offending text makes it new.
Counts let two identical findings on one entry be baselined as two: a third one is new.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cskit import __version__, transaction
from cskit.config.model import Config
from cskit.errors import InputError
from cskit.fileio import check_output, input_error, read_input
from cskit.findings import Finding

DEFAULT_NAME = ".cskit-baseline.json"
FORMAT_VERSION = 1

Key = tuple[str, str, str]  # (rule code, entry id or file, fingerprint)


def key_of(finding: Finding) -> Key:
    return (finding.code, finding.entry_id or finding.file, finding.fingerprint())


@dataclass
class Baseline:
    """Accepted findings: key → count, plus what a reader sees in the file."""

    counts: Counter[Key] = field(default_factory=Counter)
    info: dict[Key, dict[str, Any]] = field(default_factory=dict)
    digest: str | None = None  # of the file it was loaded from (a prune rewrites only that)

    @classmethod
    def from_findings(cls, findings: Iterable[Finding]) -> Baseline:
        out = cls()
        for f in findings:
            key = key_of(f)
            out.counts[key] += 1
            out.info.setdefault(key, {"file": f.file, "message": f.message_zh})
        return out

    def __len__(self) -> int:
        return sum(self.counts.values())

    def to_json(self) -> dict[str, Any]:
        items = []
        for key in sorted(self.counts):
            code, owner, fingerprint = key
            items.append(
                {
                    "code": code,
                    "entry_id": owner,
                    "fingerprint": fingerprint,
                    "count": self.counts[key],
                    **self.info.get(key, {}),
                }
            )
        return {"version": FORMAT_VERSION, "cskit": __version__, "findings": items}


@dataclass
class Filtered:
    findings: list[Finding]  # not in the baseline: report these
    hidden: int  # findings the baseline accepted
    stale: int  # baseline items that no longer occur (``cskit baseline prune`` drops them)


def default_path(config: Config) -> Path:
    """``.cskit-baseline.json`` in the folder of cskit.yaml (the library folder without one)."""
    return config.root / DEFAULT_NAME


def load(path: Path) -> Baseline:
    """Read a baseline file; a missing or damaged file is an :class:`InputError`."""
    try:
        blob = read_input(path, limit=256 << 20)
        data = json.loads(blob.decode("utf-8"))
    except FileNotFoundError:
        raise InputError(
            f"baseline {path} does not exist", hint="create it with `cskit baseline write`"
        ) from None
    except OSError as exc:
        raise input_error(path, exc, "baseline") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"cannot read baseline {path}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise InputError(
            f"baseline is not valid JSON: {exc.msg}",
            where=f"{path}:{exc.lineno}",
            hint="rewrite it with `cskit baseline write`",
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise InputError(f"{path} is not a cskit baseline (no findings list)")
    if data.get("version") != FORMAT_VERSION:
        raise InputError(
            f"baseline {path} has version {data.get('version')!r}; this cskit reads version 1"
        )
    out = Baseline(digest=transaction.digest(blob))
    for i, item in enumerate(data["findings"]):
        try:
            key = (str(item["code"]), str(item["entry_id"]), str(item["fingerprint"]))
            count = int(item.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise InputError(
                f"baseline item {i} needs code, entry_id, fingerprint and count",
                where=str(path),
            ) from None
        out.counts[key] += max(count, 0)
        out.info[key] = {k: item[k] for k in ("file", "message") if k in item}
    return out


def save(path: Path, baseline: Baseline, root: Path, expect: str | None = None) -> None:
    """Write the baseline file: a regular file, never a library file or cskit.yaml, under
    the library's write lock (``root``), atomically; with ``expect`` (a prune), only if the
    file still holds what was loaded."""
    check_output(path)
    text = json.dumps(baseline.to_json(), ensure_ascii=False, indent=2) + "\n"
    transaction.commit(root, [transaction.Change(path, text, expect, keep_newlines=False)])


def apply(findings: list[Finding], baseline: Baseline) -> Filtered:
    """Drop findings the baseline accepts (up to each item's count)."""
    left = Counter(baseline.counts)
    kept: list[Finding] = []
    for f in findings:
        key = key_of(f)
        if left[key] > 0:
            left[key] -= 1
        else:
            kept.append(f)
    hidden = len(findings) - len(kept)
    return Filtered(kept, hidden, sum(left.values()))


def prune(baseline: Baseline, findings: Iterable[Finding]) -> tuple[Baseline, int]:
    """The baseline without items that no longer occur; never adds. Returns (new, removed)."""
    now = Counter(key_of(f) for f in findings)
    out = Baseline()
    for key, count in baseline.counts.items():
        keep = min(count, now[key])
        if keep:
            out.counts[key] = keep
            if key in baseline.info:
                out.info[key] = baseline.info[key]
    return out, len(baseline) - len(out)
