"""Doing two independent pieces of bulk work on two processor cores at once.

`both(first, second)` runs `first` in a forked child process while this process runs `second`, and returns both
results; the child's result comes back pickled through a pipe. It is for work that is pure Python, where threads
would take turns on one core: reading two large model files for `govgraph diff` takes half the time this way on a
machine with two cores.

It falls back to running both here, one after the other, whenever forking is not safe or not worth it: no `fork`
(Windows), a single usable core, or other threads running (a forked child gets copies of their locks, which may
be held). If the child fails in any way (an exception, a result that cannot be pickled, being killed), `first` is
run again here, so that its error reaches the caller exactly as it would have without a child.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from govgraph.memory import collector_paused

First = TypeVar("First")
Second = TypeVar("Second")


def can_fork() -> bool:
    """Whether `both` would use a child process here and now."""
    if not hasattr(os, "fork"):
        return False
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores > 1 and threading.active_count() == 1


def both(first: Callable[[], First], second: Callable[[], Second]) -> tuple[First, Second]:
    """`(first(), second())`, the two run at the same time where that is possible (see the module's notes).

    Exceptions are those of running `first()` and then `second()` one after the other: `first`'s if it fails,
    else `second`'s.
    """
    if not can_fork():
        return first(), second()
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns, whatever happens
        _child(first, reading, writing)
    os.close(writing)
    try:
        result_of_second = second()
    except Exception:
        if _collect(pid, reading) is None:
            first()  # raises `first`'s error, as running the two in order would have
        raise
    except BaseException:  # interrupted: stop the child too
        os.kill(pid, signal.SIGKILL)
        _collect(pid, reading)
        raise
    received = _collect(pid, reading)
    if received is None:
        return first(), result_of_second
    with collector_paused():  # unpickling a model makes a million objects: see govgraph.memory
        return pickle.loads(received), result_of_second


def _child(first: Callable[[], Any], reading: int, writing: int) -> None:
    status = 1
    try:
        os.close(reading)
        data = pickle.dumps(first(), protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:
            view = view[os.write(writing, view) :]
        status = 0
    except BaseException:  # the parent runs `first` itself and meets the error there
        pass
    finally:
        # No clean-up of the parent's state (atexit handlers, buffered output, temporary files): it is the parent's.
        os._exit(status)


def _collect(pid: int, fd: int) -> bytes | None:
    """Everything the child wrote, once it has exited; None unless it finished its work."""
    chunks = []
    try:
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
    finally:
        os.close(fd)
        _, status = os.waitpid(pid, 0)
    return b"".join(chunks) if status == 0 else None
