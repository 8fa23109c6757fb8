from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from cskit import gcpause


class Node:
    """A reference cycle: only the cyclic collector can free it."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture()
def executable_mode(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(gcpause, "_freeze", False)
    monkeypatch.setattr(gcpause, "_frozen", False)
    gcpause.freeze_loaded()
    try:
        yield
    finally:
        gc.unfreeze()


def test_collector_is_paused_while_loading_and_restored_after() -> None:
    assert gc.isenabled()
    with gcpause.loading():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with gcpause.loading():
            pass
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()


def test_collector_comes_back_when_loading_fails() -> None:
    with pytest.raises(ValueError), gcpause.loading():
        raise ValueError("bad file")
    assert gc.isenabled()


def test_library_use_freezes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gcpause, "_freeze", False)
    before = gc.get_freeze_count()
    with gcpause.loading():
        kept = [Node() for _ in range(100)]
    assert gc.get_freeze_count() == before
    assert kept


def test_executable_freezes_the_loaded_objects(executable_mode: None) -> None:
    with gcpause.loading():
        kept = [Node() for _ in range(1000)]
    assert gc.get_freeze_count() >= 1000
    assert kept


def test_a_second_load_lets_the_first_library_go(executable_mode: None) -> None:
    with gcpause.loading():
        first = Node()
    gone = weakref.ref(first)
    del first
    gc.collect()
    assert gone() is not None  # frozen: the collector does not see it
    with gcpause.loading():
        assert gone() is None  # the second load unfroze and collected it first
