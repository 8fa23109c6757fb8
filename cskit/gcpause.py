"""The cyclic garbage collector while a library is loaded.

Loading builds millions of dicts, lists and tuples that all stay alive, and Python's
collector keeps scanning them: every time the heap grows by a quarter it walks all of it
again. At 10,000 entries that was 0.8 s of CPU in a cold lint (parse, unpickling the forked
parser's half, then each rule's allocations re-scanning the loaded library), ~15 % of it.

- :func:`loading` pauses the collector while a library is read (nothing in it is garbage;
  reference counting still frees everything acyclic at once).
- In the ``cskit`` executable (:func:`freeze_loaded`, called by ``cli.main``) the loaded
  objects are then moved out of the collector's sight with ``gc.freeze()``, so a rule's
  allocations no longer pay for re-scanning them. A second load in the same run (``lint
  --fix`` reads the library again) first lets the earlier one go: unfreeze and collect.
  Library users (tests, scripts) keep the default: nothing frozen, nothing leaked.
- Forked workers (:mod:`cskit.parallel`) run without the collector: they live for one
  piece of work and leave with ``os._exit``.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_freeze = False  # set by the executable: this process exits after one command
_frozen = False


def freeze_loaded() -> None:
    """Freeze what each later load builds (the ``cskit`` executable only)."""
    global _freeze
    _freeze = True


@contextmanager
def loading() -> Iterator[None]:
    """Pause the collector while a library is loaded; in the executable, freeze it after."""
    global _frozen
    if _frozen:  # an earlier library may be garbage by now: let the collector see it
        gc.unfreeze()
        gc.collect()
        _frozen = False
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if _freeze:
            gc.freeze()
            _frozen = True
        if enabled:
            gc.enable()
