"""Time the duplicate stage (D001–D004) against plain ``rapidfuzz.process.cdist``.

Usage::

    python benchmarks/bench_dupes.py [--entries 10000 100000] [--baseline-max 10000]
                                     [--changed 100] [--work DIR]

For each size it generates a library with ``benchmarks/genlib.py`` (planted duplicates,
variants, conflicts, disjoint-condition pairs and shared questions, with a ``.truth.json``),
loads it once, then measures in fresh processes (so peak memory is per method):

* ``cskit``: ``find_dupes`` on the whole library (canon, exact groups, near pairs, conflict
  classification, clusters, questions): seconds and peak RSS;
* ``changed``: the same with ``--changed`` entries marked changed (the git-hook case);
* ``cdist``: plain ``process.cdist(x, x, scorer=fuzz.ratio, score_cutoff=T, dtype=uint8,
  workers=-1)`` over the same canonical answers (sizes up to ``--baseline-max``), and whether
  it finds exactly the same answer pairs as cskit's filtered search at the same threshold.

Recall is measured against the truth file: a planted duplicate, variant or conflict pair
must end up in one answer cluster, a shared question in one cluster, and a disjoint pair
must never be reported as a conflict. Peak memory is ``ru_maxrss`` of the child process,
including the loaded library.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _child(mode: str, folder: Path, changed: int) -> dict[str, Any]:
    import numpy as np
    from rapidfuzz import fuzz, process

    from cskit.dupes.canon import canon
    from cskit.dupes.finder import Settings, find_dupes
    from cskit.dupes.nearpairs import near_pairs
    from cskit.library.load import load_library

    library = load_library(folder, use_cache=True)
    settings = Settings.from_config(library.config)
    threshold = min(settings.near, settings.conflict)
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out: dict[str, Any] = {"mode": mode, "base_rss_mb": round(base_rss, 1)}
    texts = sorted({canon(e.answer) for e in library.entries if e.active and e.answer})
    cpu = time.process_time()
    if mode == "cskit":  # cold: no index cache
        started = time.perf_counter()
        result = find_dupes(library, settings, cache=False)
        out["seconds"] = time.perf_counter() - started
        out["stats"] = result.stats
        out["recall"] = _recall(result, folder, {e.id for e in library.entries})
    elif mode == "prime":  # a full run that leaves the index cache behind
        find_dupes(library, settings, cache=True)
    elif mode in ("changed", "changed-cold"):
        rng = random.Random(7)
        picked = rng.sample(library.entries, min(changed, len(library.entries)))
        started = time.perf_counter()
        result = find_dupes(library, settings, {id(e) for e in picked}, cache=mode == "changed")
        out["seconds"] = time.perf_counter() - started
        out["clusters"] = len(result.clusters)
    elif mode == "pairs":  # cskit's filtered answer search alone, for the exactness check
        started = time.perf_counter()
        pairs = near_pairs(texts, threshold)
        out["seconds"] = time.perf_counter() - started
        out["pairs"] = [[texts[i], texts[j]] for i, j, _ in pairs]
    else:  # plain cdist, all pairs
        started = time.perf_counter()
        matrix = process.cdist(
            texts, texts, scorer=fuzz.ratio, score_cutoff=threshold, dtype=np.uint8, workers=-1
        )
        rows, cols = np.nonzero(matrix)
        pairs = zip(rows.tolist(), cols.tolist(), strict=True)
        found = [[texts[i], texts[j]] for i, j in pairs if i < j]
        out["seconds"] = time.perf_counter() - started
        out["pairs"] = found
    out["cpu_seconds"] = round(time.process_time() - cpu, 2)
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    out["threshold"] = threshold
    return out


def _recall(result: Any, folder: Path, loaded: set[str]) -> dict[str, str]:
    truth = json.loads((folder / ".truth.json").read_text(encoding="utf-8"))
    cluster_of: dict[tuple[str, str], set[int]] = {}  # an entry can be in two clusters
    conflict_pairs: set[frozenset[str]] = set()
    for k, cluster in enumerate(result.clusters):
        for entry in cluster.entries:
            cluster_of.setdefault((cluster.kind, entry.id), set()).add(k)
        for m in cluster.members:
            if m.label == "conflict":
                conflict_pairs.add(frozenset((cluster.representative.id, m.entry.id)))
    hits: dict[str, list[int]] = {}
    skipped = 0
    for pair in truth["pairs"]:
        a, b, label = pair["a"], pair["b"], pair["label"]
        if a not in loaded or b not in loaded:  # in a file that does not parse (E001)
            skipped += 1
            continue
        if label == "disjoint":
            ok = frozenset((a, b)) not in conflict_pairs
        else:
            kinds = ("question", "answer") if label == "shared_question" else ("answer",)
            ok = any(
                bool(cluster_of.get((kind, a), set()) & cluster_of.get((kind, b), set()))
                for kind in kinds
            )
        tally = hits.setdefault(label, [0, 0])
        tally[0] += ok
        tally[1] += 1
    out = {label: f"{ok}/{n}" for label, (ok, n) in hits.items()}
    if skipped:
        out["pairs in unparsable files"] = str(skipped)
    return out


def _run(mode: str, folder: Path, changed: int) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", mode, str(folder), "--changed", str(changed)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{mode} on {folder} failed:\n{done.stderr}")
    return json.loads(done.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, nargs="+", default=[10_000])
    parser.add_argument("--baseline-max", type=int, default=10_000)
    parser.add_argument("--changed", type=int, default=100)
    parser.add_argument("--work", type=Path, default=Path("/tmp/cskit-bench-dupes"))
    parser.add_argument("--child", nargs=2, metavar=("MODE", "DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(args.child[0], Path(args.child[1]), args.changed)))
        return 0
    import genlib

    for n in args.entries:
        folder = args.work / f"lib{n}"
        if not (folder / ".truth.json").exists():
            genlib.generate(folder, n)
        from cskit.library.load import load_library

        load_library(folder, use_cache=True)  # warm the parse cache: only the D stage is timed
        print(f"\n== {n:,} entries ({folder}) ==")
        ours = _run("cskit", folder, args.changed)
        stats = ours["stats"]
        print(
            f"cskit D stage     {ours['seconds']:7.2f} s  (CPU {ours['cpu_seconds']:.2f} s)  "
            f"peak {ours['peak_rss_mb']:6.0f} MB "
            f"(library loaded: {ours['base_rss_mb']:.0f} MB)  unique answers "
            f"{stats['unique_answers']:.0f}, near pairs {stats['near_pairs']:.0f}, "
            f"questions {stats['unique_questions']:.0f}"
        )
        print(f"  recall vs truth: {ours['recall']}")
        cold = _run("changed-cold", folder, args.changed)
        _run("prime", folder, args.changed)
        hook = _run("changed", folder, args.changed)
        for name, run in (("cold", cold), ("warm index cache", hook)):
            print(
                f"changed-only ({args.changed}, {name})  {run['seconds']:6.2f} s  "
                f"(CPU {run['cpu_seconds']:.2f} s)  peak {run['peak_rss_mb']:6.0f} MB"
            )
        if n <= args.baseline_max:
            mine = _run("pairs", folder, args.changed)
            plain = _run("cdist", folder, args.changed)
            same = sorted(map(tuple, mine["pairs"])) == sorted(map(tuple, plain["pairs"]))
            print(
                f"answer pairs ≥ {mine['threshold']:g}: cskit {mine['seconds']:.2f} s "
                f"(CPU {mine['cpu_seconds']:.2f} s) "
                f"(peak {mine['peak_rss_mb']:.0f} MB) vs plain cdist {plain['seconds']:.2f} s "
                f"(CPU {plain['cpu_seconds']:.2f} s) "
                f"(peak {plain['peak_rss_mb']:.0f} MB): {plain['seconds'] / mine['seconds']:.1f}× "
                f"faster, {len(mine['pairs'])} vs {len(plain['pairs'])} pairs, identical: {same}"
            )
            print(
                f"whole D stage vs plain cdist alone: "
                f"{plain['seconds'] / ours['seconds']:.1f}× faster"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
