"""Running Graphviz: DOT text in, SVG, PNG or PDF bytes out.

The engine is chosen in this order: `engine` (the command line's `--engine`), `$GOVGRAPH_DOT`, the system's
`dot`, then `graphviz-pure` (a pip-installable build of Graphviz, found on PATH or next to the running Python,
so a virtual environment's copy is found even when the environment is not activated). Both take the same
arguments (`-Tsvg`, DOT on standard input). The engine runs with a timeout; what it writes to standard error is
passed on as `EngineWarning`s, and a failure raises `EngineFailed` with its message.

The engine is started once its DOT is built, and given it whole. (It used to be started first and kept off
govgraph's processor while the DOT was built, to hide the engine's start-up of a few milliseconds: a gain no one
could see, since retired with the target it met; benchmarks/bench_render.py gives the target that replaced it.)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import warnings
from collections.abc import Sequence
from pathlib import Path

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


def run_engine(
    dot: str, fmt: str, *, engine: str | None = None, timeout: float = DEFAULT_TIMEOUT, arguments: Sequence[str] = ()
) -> bytes:
    """Lay out the DOT text `dot` and return the engine's output in format `fmt` (svg, png, pdf or json).

    Args:
        engine: the Graphviz command (see `find_engine`).
        timeout: seconds the engine may take; it is stopped after that.
        arguments: more command-line arguments for the engine (`-Gdpi=192` for a sharper PNG).

    Raises:
        ValueError: `fmt` is not an engine format.
        EngineNotFound: see `find_engine`.
        EngineFailed: the engine cannot write `fmt`, cannot be started, exited non-zero or took longer than
            `timeout` seconds.
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
        # `subprocess` writes the DOT and reads both outputs at once, so no pipe fills while another is waited on.
        done = subprocess.run(
            [command, f"-T{fmt}", *arguments],
            input=dot.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
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
    for said in dict.fromkeys(worded(line, command) for line in message.splitlines() if line.strip()):
        warnings.warn(said, EngineWarning, stacklevel=2)
    return done.stdout
