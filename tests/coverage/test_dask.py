"""The Dask path: map_partitions of the matcher over a dataframe of turns, on a local cluster."""

from __future__ import annotations

from pathlib import Path

import pytest

from cskit.coverage.chatlog import read_turns
from cskit.coverage.run import build_matcher, classify, match_frame
from cskit.library.load import load_library
from tests.coverage.conftest import LIB, ROWS, write_csv

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")


@pytest.mark.slow
def test_map_partitions_on_a_local_cluster_matches_the_single_process_run(tmp_path: Path) -> None:
    rows = [(f"{s}-{n}", role, text) for n in range(6) for s, role, text in ROWS]
    log = write_csv(tmp_path / "log.csv", rows)
    matcher = build_matcher(load_library(LIB))
    expected = {
        (t.session, t.index): (
            "chitchat"
            if d.chitchat
            else matcher.entries[d.entry].id
            if d.entry is not None
            else None
        )
        for t, d in classify(matcher, read_turns(log))
    }
    turns = list(read_turns(log))
    frame = pd.DataFrame(
        {
            "session": [t.session for t in turns],
            "index": [t.index for t in turns],
            "role": [t.role for t in turns],
            "text": [t.text for t in turns],
        }
    )
    meta = frame.assign(
        entry_id=pd.Series(dtype=object),
        chitchat=pd.Series(dtype=bool),
        score=pd.Series(dtype=float),
    )
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        # whole sessions per partition: follow-ups see their session's earlier turns
        ddf = dd.from_pandas(frame.set_index("session", drop=False), npartitions=3, sort=True)
        future = client.scatter(matcher, broadcast=True)
        done = ddf.map_partitions(match_frame, future, meta=meta).compute()
    assert len(done) == len(frame)
    customer = done[done["role"] == "customer"]
    got = {
        (s, i): ("chitchat" if c else e)
        for s, i, c, e in zip(
            customer["session"],
            customer["index"],
            customer["chitchat"],
            customer["entry_id"],
            strict=True,
        )
    }
    assert got == expected
    assert done[done["role"] == "agent"]["entry_id"].isna().all()
