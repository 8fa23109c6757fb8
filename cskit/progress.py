"""Progress bars on a terminal, silence in CI, pipes and ``--quiet``."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sized
from typing import TypeVar

T = TypeVar("T")

MIN_ITEMS = 2000  # below this the work is too quick for a bar to help


def bars_allowed() -> bool:
    """True on an interactive terminal outside CI (``CI`` set) and without ``CSKIT_QUIET``."""
    if os.environ.get("CI") or os.environ.get("CSKIT_QUIET"):
        return False
    return sys.stderr.isatty()


def progress(
    items: Iterable[T], label: str, *, enabled: bool = True, total: int | None = None
) -> Iterator[T]:
    """Yield ``items``; draw a bar on stderr when allowed and the work is big enough."""
    if total is None and isinstance(items, Sized):
        total = len(items)
    if not enabled or not bars_allowed() or (total is not None and total < MIN_ITEMS):
        yield from items
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
        redirect_stdout=False,
        redirect_stderr=False,
    ) as bar:
        task = bar.add_task(label, total=total)
        for item in items:
            yield item
            bar.advance(task)
