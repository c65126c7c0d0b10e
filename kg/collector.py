"""When Python's cyclic garbage collector may run.

Kg makes millions of objects that all stay alive (a graph being built or read back, the rows of a
large answer) and no reference cycles among them. Each collection walks every tracked object made
since the last, for nothing: with the collector on, building a big graph or reading one back took
several times longer, and so did a question answering hundreds of thousands of rows.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")


@contextmanager
def paused() -> Iterator[None]:
    """No cyclic collection inside the block (objects are still freed as their last reference goes)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def kept(value: T) -> T:
    """``value``, with every object alive now moved out of the collector's sight for good.

    A graph's objects live as long as the process; without this, a collection during a question
    walks the whole graph (a second at a million people).
    """
    gc.freeze()
    return value
