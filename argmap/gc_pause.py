"""Pausing Python's cyclic garbage collector while argmap builds large structures."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused"]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the duration (usable as a decorator).

    Why: loading, graph building and DOT writing allocate hundreds of thousands of objects that
    all stay alive, and CPython's collector rescans the growing heap again and again: with it
    running, a 50,000-statement dispute loads three times slower and building its graph five
    times slower (measured by benchmarks/run.py). Nothing built here forms reference cycles
    that need collecting, and the collector's previous state is restored on exit.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
