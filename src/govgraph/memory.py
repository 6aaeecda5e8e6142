"""Keeping Python's cyclic garbage collector out of bulk work.

A model is a large tree of small objects with no reference cycles, freed by reference counting alone. While it
is built (and while rules walk it), the cyclic collector would otherwise run over and over on the growing
heap: a third of the load time of a 10,000-body model, and seconds on 100,000 bodies.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector for the block; on the way out, file what was allocated as long-lived.

    Allocations are counted while the collector is off, so the first allocation after it is back on would start
    a collection that walks everything new. Moving every tracked object to the oldest generation (freeze, then
    unfreeze) files them as long-lived without walking them; nothing is lost, they are only examined at the
    next full collection.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if was_enabled:
            gc.enable()
