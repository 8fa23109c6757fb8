"""Score `cskit coverage` on the labelled coverage set (`make eval`).

    python benchmarks/coverage_eval.py [--split dev] [--data DIR] [--keep FILE]

``DIR`` is the labelled coverage set (default: ``shared/coverage`` in the folder that holds this
repository).

Runs ``cskit coverage CHATLOG --format json`` on ``DATA/SPLIT/chatlog.csv`` against the
set's fixed library ``DATA/lib`` as a child process, turns its ``turns`` into the scorer's
prediction format (``"<session>#<index>": entry id | null | "chitchat"``) and runs
``DATA/score.py``. Prints the scorer's report and the wall time of the cskit run; exits 1 when
a target of the coverage issue is missed (top-1 on answerable ≥ 0.60, unanswered F1 ≥ 0.60,
coverage within 0.10 of the labelled one, chitchat precision and recall ≥ 0.90).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TARGETS = {
    "top1_accuracy_answerable": 0.60,
    "none_f1": 0.60,
    "chitchat_precision": 0.90,
    "chitchat_recall": 0.90,
}
COVERAGE_GAP = 0.10


def predictions(report: dict) -> dict[str, str | None]:
    """The scorer's format from a coverage report's turns."""
    out: dict[str, str | None] = {}
    for turn in report["turns"]:
        key = f"{turn['session']}#{turn['index']}"
        out[key] = "chitchat" if turn["chitchat"] else turn["entry_id"]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev")
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "coverage")
    ap.add_argument("--keep", type=Path, help="also write the predictions to this file")
    a = ap.parse_args()
    chatlog = a.data / a.split / "chatlog.csv"
    if not chatlog.is_file():
        print(f"no labelled chat log at {chatlog}; skipped", file=sys.stderr)
        return 0
    cmd = [str(BIN / "cskit"), "coverage", str(chatlog), "--library", str(a.data / "lib")]
    start = time.perf_counter()
    proc = subprocess.run([*cmd, "--format", "json", "-q"], capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        print(proc.stderr, file=sys.stderr)
        return 2
    pred = predictions(json.loads(proc.stdout))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pred.json"
        path.write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
        if a.keep:
            a.keep.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        score = [sys.executable, str(a.data / "score.py"), str(path), "--split", a.split]
        subprocess.run(score, check=False)
        metrics = json.loads(
            subprocess.run([*score, "--json"], capture_output=True, text=True).stdout
        )
    print(f"\ncskit coverage on {a.split}: {wall:.2f} s ({' '.join(cmd[1:])})")
    missed = [f"{k} {metrics[k]:.3f} < {v}" for k, v in TARGETS.items() if metrics[k] < v]
    gap = abs(metrics["coverage_pred"] - metrics["coverage_gold"])
    if gap > COVERAGE_GAP:
        missed.append(f"coverage off by {gap:.3f} > {COVERAGE_GAP}")
    print("targets missed: " + "; ".join(missed) if missed else "all coverage targets met")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
