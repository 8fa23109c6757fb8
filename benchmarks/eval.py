"""`make eval`: how cskit's rules do on a labelled corpus of real replies.

A benchmark, not a test: it measures recall and false positives per rule on text nobody on
the team wrote. The corpus is a folder (``CSKIT_REALTEXT=DIR``; ``make eval`` passes its default)
holding:

* ``lib/``: a cskit library (``cskit.yaml`` and entry files), one entry per labelled reply;
* ``labels.jsonl``: one JSON object per line, either an entry
  ``{"id": ..., "expect": ["W001", ...]}`` (every code that should fire on it; an entry
  with ``[]`` is a negative for every rule) or a pair
  ``{"pair": [id_a, id_b], "expect": "D002"}`` for the duplicate rules.

Usage::

    python benchmarks/eval.py [--show CODE ...] [--json]

For an entry rule a finding on an entry is a hit when the entry expects the rule, else a
false positive; recall is hits over the entries that expect it. For a pair rule (D002,
D003, D004) each finding yields (entry, related entry) pairs; a pair is a hit when the
labels list it with that code. The table has a row for every code the corpus labels, a
line with the false positives of the W, T and P rules together (a W/T/P rule that fires
without being labelled gets a row too), and, for D002, how many
labelled pairs came back as D001 (identical after normalisation). ``--show CODE`` lists the
misses and false positives of a rule with the start of each text. Exit status 2 when there
is no corpus to read.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 22)
PAIR_RULES = ("D002", "D003", "D004")


def corpus_dir() -> Path | None:
    """The folder ``CSKIT_REALTEXT`` names, when it holds labels."""
    given = os.environ.get("CSKIT_REALTEXT")
    return Path(given) if given and (Path(given) / "labels.jsonl").is_file() else None


def read_labels(path: Path) -> tuple[dict[str, dict[str, Any]], dict[str, set[frozenset[str]]]]:
    entries: dict[str, dict[str, Any]] = {}
    pairs: dict[str, set[frozenset[str]]] = collections.defaultdict(set)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if "pair" in row:
            pairs[row["expect"]].add(frozenset(row["pair"]))
        else:
            entries[row["id"]] = row
    return entries, pairs


def run_lint(lib: Path) -> list[Any]:
    sys.path.insert(0, str(ROOT))
    from cskit.library.load import load_library
    from cskit.lint.engine import lint

    library = load_library(lib, use_cache=False)
    return lint(library, as_of=AS_OF).findings


def score(
    findings: list[Any],
    entries: dict[str, dict[str, Any]],
    pairs: dict[str, set[frozenset[str]]],
) -> list[dict[str, Any]]:
    fired: dict[str, set[str]] = collections.defaultdict(set)
    fired_pairs: dict[str, set[frozenset[str]]] = collections.defaultdict(set)
    for f in findings:
        if f.code.startswith("D"):
            for rel in f.related or []:
                if rel.entry_id and f.entry_id:
                    fired_pairs[f.code].add(frozenset((f.entry_id, rel.entry_id)))
        elif f.entry_id:
            fired[f.code].add(f.entry_id)
    # every rule the corpus labels, and every W/T/P rule that fired (its false positives count)
    codes = {c for e in entries.values() for c in e.get("expect", [])} | {
        c for c in fired if c[0] in "WTP"
    }
    rows = []
    for code in sorted(codes - set(PAIR_RULES), key=lambda c: ("WPTD".find(c[0]), c)):
        positives = {i for i, e in entries.items() if code in e.get("expect", [])}
        hits = fired[code] & positives
        rows.append(
            {
                "rule": code,
                "expected": len(positives),
                "found": len(hits),
                "fp": len(fired[code] - positives),
                "miss": sorted(positives - hits),
                "fp_ids": sorted(fired[code] - positives),
            }
        )
    for code in PAIR_RULES:
        if code not in pairs:
            continue
        positives = pairs[code]
        hits = fired_pairs[code] & positives
        rows.append(
            {
                "rule": code,
                "expected": len(positives),
                "found": len(hits),
                "fp": len(fired_pairs[code] - positives),
                "as_d001": len(fired_pairs["D001"] & positives) if code == "D002" else 0,
                "miss": sorted(sorted(p) for p in positives - hits),
                "fp_ids": sorted(sorted(p) for p in fired_pairs[code] - positives),
            }
        )
    return rows


def table(rows: list[dict[str, Any]]) -> list[str]:
    out = [f"{'rule':6}{'expected':>9}{'found':>7}{'recall':>8}{'false pos':>11}  note"]
    for r in rows:
        recall = f"{r['found'] / r['expected']:.0%}" if r["expected"] else "-"
        note = f"{r['as_d001']} labelled pairs came back as D001" if r.get("as_d001") else ""
        out.append(
            f"{r['rule']:6}{r['expected']:>9}{r['found']:>7}{recall:>8}{r['fp']:>11}  {note}"
        )
    wording = sum(r["fp"] for r in rows if r["rule"][0] in "WTP")
    out.append(f"false positives of the W, T and P rules together: {wording}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", nargs="*", default=[], metavar="CODE")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    corpus = corpus_dir()
    if corpus is None or not (corpus / "labels.jsonl").is_file():
        print(
            "no labelled corpus: set CSKIT_REALTEXT=DIR (a folder with lib/ and labels.jsonl)",
            file=sys.stderr,
        )
        return 2
    entries, pairs = read_labels(corpus / "labels.jsonl")
    rows = score(run_lint(corpus / "lib"), entries, pairs)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    print(f"corpus: {corpus}  entries: {len(entries)}  pairs: {sum(map(len, pairs.values()))}")
    print("\n".join(table(rows)))
    for r in rows:
        if r["rule"] not in args.show:
            continue
        for title, ids in (("missed", r["miss"]), ("false positives", r["fp_ids"])):
            print(f"\n{r['rule']} {title} ({len(ids)})")
            for item in ids:
                if isinstance(item, list):
                    print("  ", " | ".join(entries.get(i, {}).get("text", "")[:40] for i in item))
                else:
                    print(f"   {item}: {entries[item].get('text', '')[:80]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
