"""Running Graphviz: DOT text in, SVG, PNG or PDF bytes out.

The engine is chosen in this order: `engine` (the command line's `--engine`), `$GOVGRAPH_DOT`, the system's
`dot`, then `graphviz-pure` (a pip-installable build of Graphviz, found on PATH or next to the running Python,
so a virtual environment's copy is found even when the environment is not activated). Both take the same
arguments (`-Tsvg`, DOT on standard input). The engine runs with a timeout; what it writes to standard error is
passed on as `EngineWarning`s, and a failure raises `EngineFailed` with its message.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import warnings
from pathlib import Path

from govgraph.errors import EngineFailed, EngineNotFound

#: Output formats an engine is asked for.
ENGINE_FORMATS: tuple[str, ...] = ("svg", "png", "pdf")
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


def run_engine(dot: str, fmt: str, *, engine: str | None = None, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """Lay out the DOT text `dot` and return the engine's output in format `fmt` (svg, png or pdf).

    Raises:
        ValueError: `fmt` is not an engine format.
        EngineNotFound: see `find_engine`.
        EngineFailed: the engine exited non-zero or took longer than `timeout` seconds.
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
    try:
        done = subprocess.run(
            [command, f"-T{fmt}"], input=dot.encode("utf-8"), capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        raise EngineFailed(
            engine=command, reason=f"no answer after {timeout:g} seconds (draw a smaller view: --focus, --kinds)"
        ) from None
    except OSError as exc:
        raise EngineFailed(engine=command, reason=str(exc)) from None
    message = done.stderr.decode("utf-8", "replace").strip()
    if done.returncode != 0:
        raise EngineFailed(engine=command, reason=message or f"exit status {done.returncode}")
    for line in message.splitlines():
        warnings.warn(f"{Path(command).name}: {line}", EngineWarning, stacklevel=2)
    return done.stdout
