"""Running Graphviz: DOT text in, SVG, PNG or PDF bytes out.

The engine is chosen in this order: `engine` (the command line's `--engine`), `$GOVGRAPH_DOT`, the system's
`dot`, then `graphviz-pure` (a pip-installable build of Graphviz, found on PATH or next to the running Python,
so a virtual environment's copy is found even when the environment is not activated). Both take the same
arguments (`-Tsvg`, DOT on standard input). The engine runs with a timeout; what it writes to standard error is
passed on as `EngineWarning`s, and a failure raises `EngineFailed` with its message.

An engine can be started before its DOT is ready (`start_engine`, then `EngineRun.finish`), and govgraph builds
the DOT meanwhile (`govgraph.render.diagram.render_diagram`), while the engine starts up: Graphviz 2.43 takes a few
milliseconds to load before it reads its input. For that to overlap, the engine is kept off govgraph's processor
until its DOT is ready (`_keep_apart`). Its output can be taken as it is written (`finish(..., into=...)`), to be
worked on while the engine writes the rest, and finished with while it exits (`done`).
"""

from __future__ import annotations

import contextlib
import os
import re
import selectors
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

from govgraph.errors import EngineFailed, EngineNotFound

#: Output formats an engine is asked for; `json` is the layout itself (positions and drawing operations), which
#: the editable formats (`govgraph.render.engine_layout`) are made from.
ENGINE_FORMATS: tuple[str, ...] = ("svg", "png", "pdf", "json")
PURE = "graphviz-pure"
DEFAULT_TIMEOUT = 120.0


class EngineWarning(UserWarning):
    """Something the Graphviz engine reported on standard error without failing."""


def _which(command: str) -> str | None:
    found = shutil.which(command)
    if found:
        return found
    # A virtual environment's scripts folder is not on PATH unless the environment is activated.
    for folder in {sysconfig.get_path("scripts"), str(Path(sys.executable).parent)}:
        candidate = shutil.which(command, path=folder)
        if candidate:
            return candidate
    return None


def find_engine(engine: str | None = None) -> str:
    """The path of the Graphviz command to run.

    Args:
        engine: a command name (`dot`, `graphviz-pure`) or a path; default `$GOVGRAPH_DOT`, then `dot`, then
            `graphviz-pure`.

    Raises:
        EngineNotFound: the engine asked for, or any engine, is not installed; the message says how to get one.
    """
    asked = engine or os.environ.get("GOVGRAPH_DOT") or None
    if asked:
        found = _which(asked)
        if found is None:
            raise EngineNotFound(asked=asked)
        return found
    for command in ("dot", PURE):
        found = _which(command)
        if found:
            return found
    raise EngineNotFound()


class EngineRun:
    """A Graphviz engine that has been started and waits for its DOT on standard input.

    Use it as a context manager: an engine that is not given its DOT (the DOT could not be built) is stopped on
    leaving the block. What it writes on standard error goes to a temporary file, read when it has finished: a
    pipe would need reading all along, or the engine could stop, its pipe full.
    """

    def __init__(
        self, command: str, process: subprocess.Popen[bytes], errors: IO[bytes], *, release_to: set[int] | None = None
    ) -> None:
        self.command = command
        self.process = process
        self.errors = errors
        #: While the engine is kept off govgraph's processor (`_keep_apart`), the processors it may use again once
        #: its DOT is built (`release`); None when it was not moved, or has been let go.
        self.release_to = release_to

    def release(self) -> None:
        """Let the engine run on every processor govgraph may use again (see `_keep_apart`)."""
        if self.release_to is not None:
            with contextlib.suppress(OSError):
                os.sched_setaffinity(self.process.pid, self.release_to)
            self.release_to = None

    def __enter__(self) -> EngineRun:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop the engine if it has not finished, wait for it and close its pipes."""
        process = self.process
        if process.returncode is None:
            process.kill()
            process.wait()
        for stream in (process.stdin, process.stdout, self.errors):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()

    def finish(
        self,
        dot: str,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        into: Callable[[bytes], object] | None = None,
        done: Callable[[], object] | None = None,
    ) -> bytes:
        """Give the engine the DOT text `dot` and return what it writes. From here the engine may run on any of
        govgraph's processors again (`release`).

        Args:
            timeout: seconds the engine may take from here.
            into: given each piece of the output as the engine writes it (and then nothing is returned), so that
                the output is read while the engine is still writing it.
            done: called once the engine has closed its output, before it is waited for, so that work on the
                output can be finished while the engine exits. What `into` and `done` raise is raised once the
                engine has finished, unless the engine failed.

        Raises:
            EngineFailed: the engine exited non-zero or took longer than `timeout` seconds.
        """
        self.release()
        process = self.process
        deadline = time.monotonic() + timeout
        chunks: list[bytes] = []
        failures: list[Exception] = []

        def take(chunk: bytes) -> None:
            if into is None:
                chunks.append(chunk)
            elif not failures:
                try:
                    into(chunk)
                except Exception as exc:
                    failures.append(exc)  # raised below, once the engine has finished

        def finished() -> None:
            if done is not None and not failures:
                try:
                    done()
                except Exception as exc:
                    failures.append(exc)

        try:
            answered = _exchange(process, dot.encode("utf-8"), deadline, take)
            if answered:
                finished()
                process.wait(max(deadline - time.monotonic(), 0))
        except subprocess.TimeoutExpired:
            answered = False
        if not answered:
            self.stop()
            raise EngineFailed(
                engine=self.command,
                reason=f"no answer after {timeout:g} seconds (draw a smaller view: --focus, --kinds)",
            )
        self.errors.seek(0)
        message = self.errors.read().decode("utf-8", "replace").strip()
        self.stop()
        if process.returncode != 0:
            raise EngineFailed(engine=self.command, reason=message or f"exit status {process.returncode}")
        if failures:
            raise failures[0]
        for said in dict.fromkeys(worded(line, self.command) for line in message.splitlines() if line.strip()):
            warnings.warn(said, EngineWarning, stacklevel=2)
        return b"".join(chunks)


#: graphviz-pure's word that it has no measurements for a character (a byte of its UTF-8, in fact).
_NO_WIDTH = re.compile(r"no value for width of non-ASCII character")
_WARNING_PREFIX = re.compile(r"^(?:\s*(?:Warning|Error)\s*:\s*)+", re.IGNORECASE)


def worded(line: str, command: str) -> str:
    """A line the engine `command` wrote on standard error, as a warning for a person: what Graphviz says about
    characters it cannot measure in a sentence that says what it means, anything else with its repeated
    `Warning: Warning:` taken off and the engine named."""
    name = Path(command).name
    if _NO_WIDTH.search(line):
        return (
            f"{name} measures only plain ASCII characters: names with others (é, Ж, 東) are laid out with estimated "
            "widths, so their boxes may be too narrow or too wide; the system Graphviz (apt-get install graphviz) "
            "measures them with the installed fonts"
        )
    return f"the Graphviz engine ({name}) says: {_WARNING_PREFIX.sub('', line.strip())}"


def _exchange(process: subprocess.Popen[bytes], data: bytes, deadline: float, take: Callable[[bytes], None]) -> bool:
    """Write `data` to the engine's standard input while giving `take` its output as it comes, until the engine
    closes its output (True) or `deadline` passes (False). One thread, waiting on both pipes at once, as
    `subprocess` does: the engine may write before it has read everything, and neither side then waits on the
    other. (Where pipes cannot be waited on, on Windows, the output is taken whole when the engine is done.)"""
    stdin, stdout = process.stdin, process.stdout
    assert stdin is not None
    assert stdout is not None
    if not hasattr(selectors, "PollSelector"):
        out, _ = process.communicate(data, timeout=max(deadline - time.monotonic(), 0))
        take(out)
        return True
    view, written = memoryview(data), 0
    os.set_blocking(stdin.fileno(), False)
    with selectors.PollSelector() as selector:
        selector.register(stdout, selectors.EVENT_READ)
        if view:
            selector.register(stdin, selectors.EVENT_WRITE)
        else:
            stdin.close()
        while selector.get_map():
            remaining = deadline - time.monotonic()
            ready = selector.select(remaining) if remaining > 0 else []
            if not ready:
                return False
            for key, _ in ready:
                if key.fileobj is stdout:
                    chunk = os.read(stdout.fileno(), 1 << 16)
                    if chunk:
                        take(chunk)
                    else:
                        selector.unregister(stdout)
                    continue
                try:
                    written += os.write(stdin.fileno(), view[written : written + (1 << 16)])
                except BlockingIOError:
                    continue
                except BrokenPipeError:
                    written = len(view)  # the engine stopped reading: its exit status says why
                if written >= len(view):
                    selector.unregister(stdin)
                    with contextlib.suppress(BrokenPipeError):
                        stdin.close()
    return True


def start_engine(fmt: str, *, engine: str | None = None, arguments: Sequence[str] = ()) -> EngineRun:
    """Start the engine that will write format `fmt` (svg, png, pdf or json); give it its DOT with `EngineRun.finish`.

    Args:
        arguments: more command-line arguments for the engine (`-Gdpi=192` for a sharper PNG).

    Raises:
        ValueError: `fmt` is not an engine format.
        EngineNotFound: see `find_engine`.
        EngineFailed: the engine cannot write `fmt`, or cannot be started.
    """
    if fmt not in ENGINE_FORMATS:
        raise ValueError(f"an engine writes {', '.join(ENGINE_FORMATS)}, not {fmt!r}")
    command = find_engine(engine)
    if fmt == "pdf" and Path(command).name.startswith(PURE):
        raise EngineFailed(
            engine=command,
            reason="graphviz-pure writes SVG and PNG but not PDF; for PDF install the system Graphviz "
            "(apt-get install graphviz) or convert the SVG",
        )
    errors = tempfile.TemporaryFile()  # noqa: SIM115 - the run's to close (EngineRun.stop)
    try:
        process = subprocess.Popen(
            [command, f"-T{fmt}", *arguments], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors
        )
    except OSError as exc:
        errors.close()
        raise EngineFailed(engine=command, reason=str(exc)) from None
    return EngineRun(command, process, errors, release_to=_keep_apart(process.pid))


def _processor() -> int | None:
    """The processor this process runs on (Linux's /proc), or None where that cannot be told."""
    try:
        with open("/proc/self/stat", "rb") as stat:
            # Field 39 ("processor"): what follows the command's name, which ends with the last ")", is field 3 on.
            return int(stat.read().rsplit(b")", 1)[1].split()[36])
    except (OSError, ValueError, IndexError):
        return None


def _keep_apart(pid: int) -> set[int] | None:
    """Keep the engine `pid`, just started, off the processor govgraph runs on while govgraph builds its DOT;
    return the processors it may use again afterwards, or None when it was not moved (one processor, or not Linux).

    Linux starts a child on its parent's processor and leaves it there for milliseconds while the parent keeps
    working (seen in nine starts out of ten): the engine's start-up and the building of its DOT then take turns on
    one processor while the other idles, and the DOT is waited for almost whole. Moved, the engine starts while
    the DOT is built: 2 ms of building went from costing 1.4-1.9 ms of waiting to 0.1-0.3 ms, measured in
    alternation (benchmarks/bench_render.py).
    """
    if not hasattr(os, "sched_setaffinity"):
        return None
    allowed = os.sched_getaffinity(0)
    here = _processor()
    if here is None or here not in allowed or len(allowed) < 2:
        return None
    try:
        os.sched_setaffinity(pid, allowed - {here})
    except OSError:
        return None
    return allowed


def run_engine(
    dot: str, fmt: str, *, engine: str | None = None, timeout: float = DEFAULT_TIMEOUT, arguments: Sequence[str] = ()
) -> bytes:
    """Lay out the DOT text `dot` and return the engine's output in format `fmt` (svg, png, pdf or json).

    Raises:
        ValueError: `fmt` is not an engine format.
        EngineNotFound: see `find_engine`.
        EngineFailed: the engine exited non-zero or took longer than `timeout` seconds.
    """
    with start_engine(fmt, engine=engine, arguments=arguments) as run:
        return run.finish(dot, timeout=timeout)
