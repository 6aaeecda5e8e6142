"""`govgraph.parallel.both`: two pieces of work at once in a forked child, with the errors of running them in order."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator

import pytest

from govgraph import parallel
from govgraph.errors import ModelFileNotFound, UsageError


@pytest.fixture
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let `both` fork on any machine, as it does on one with two cores or more."""
    if not hasattr(os, "fork"):
        pytest.skip("no fork on this platform: `both` always runs in order there (tested below)")
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)


def test_the_first_piece_runs_in_a_child_and_its_result_comes_back(two_cores: None) -> None:
    assert parallel.can_fork()
    child_pid, parent_pid = parallel.both(os.getpid, os.getpid)
    assert parent_pid == os.getpid()
    assert child_pid != os.getpid()


def test_a_large_result_comes_back_whole_through_the_pipe(two_cores: None) -> None:
    big = {f"body-{i}": ("x" * 50, i) for i in range(100_000)}  # several megabytes: many pipe buffers
    first, second = parallel.both(lambda: big, lambda: "done")
    assert first == big
    assert second == "done"


def test_an_error_in_the_child_is_raised_here_as_running_in_order_would(two_cores: None) -> None:
    calls: list[int] = []

    def first() -> str:
        calls.append(os.getpid())
        raise ModelFileNotFound(path="old.yaml")

    with pytest.raises(ModelFileNotFound, match=r"old\.yaml"):
        parallel.both(first, lambda: "new")
    # The parent ran `first` again itself, to raise its error: govgraph's errors need not survive pickling.
    assert calls == [os.getpid()]


def test_when_only_the_second_fails_its_error_is_raised(two_cores: None) -> None:
    def second() -> str:
        raise UsageError("second failed")

    with pytest.raises(UsageError, match="second failed"):
        parallel.both(lambda: "old", second)


def test_when_both_fail_the_first_ones_error_is_raised(two_cores: None) -> None:
    def first() -> str:
        raise ModelFileNotFound(path="old.yaml")

    def second() -> str:
        raise UsageError("second failed")

    with pytest.raises(ModelFileNotFound, match=r"old\.yaml"):
        parallel.both(first, second)


def test_a_result_that_cannot_be_pickled_is_made_here_instead(two_cores: None) -> None:
    made_in: list[int] = []

    def first() -> Iterator[int]:
        made_in.append(os.getpid())
        return (n for n in (1, 2, 3))  # a generator cannot be pickled

    result, _ = parallel.both(first, lambda: None)
    assert list(result) == [1, 2, 3]
    assert made_in == [os.getpid()]


def test_with_other_threads_running_nothing_is_forked(two_cores: None) -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not parallel.can_fork()
        first, second = parallel.both(os.getpid, os.getpid)
    finally:
        stop.set()
        thread.join()
    assert first == second == os.getpid()


def test_with_one_core_the_two_run_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    order: list[str] = []

    def run(name: str, value: int) -> int:
        order.append(name)
        return value

    assert not parallel.can_fork()
    assert parallel.both(lambda: run("first", 1), lambda: run("second", 2)) == (1, 2)
    assert order == ["first", "second"]


def test_an_interruption_here_stops_the_child_and_is_raised(two_cores: None) -> None:
    def second() -> str:
        raise KeyboardInterrupt

    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        parallel.both(lambda: time.sleep(60), second)
    # The child, still sleeping, was killed rather than waited for, and `first` was not run again here.
    assert time.monotonic() - started < 10
