"""`govgraph serve`: build the section, serve the folder on this computer, and build again when the model changes.

For looking at the pages while editing the YAML. Only this computer can connect (127.0.0.1 unless told
otherwise). The model file is checked once a second; a change is built as `govgraph build` builds (whole or not
at all), so a reader never sees half a build. A model with errors is reported and the previous build stays
served until the errors are fixed.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from govgraph.errors import GovGraphError

#: Seconds between looks at the model file.
INTERVAL = 1.0


_TYPES = {**SimpleHTTPRequestHandler.extensions_map, ".md": "text/plain; charset=utf-8"}


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves the output folder; Markdown as text, so a browser shows it rather than downloading it."""

    extensions_map = _TYPES

    def log_message(self, format: str, *args: Any) -> None:
        return


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def serve(
    model_file: Path,
    target: Path,
    rebuild: Callable[[], str],
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    say: Callable[[str], None],
    ready: Callable[[ThreadingHTTPServer], None] | None = None,
    interval: float = INTERVAL,
) -> None:
    """Serve `target` over HTTP and call `rebuild` whenever `model_file` changes, until interrupted.

    Args:
        rebuild: builds the section into `target` and returns a line to report; a `GovGraphError` it raises is
            reported with `say` and the previous build stays served.
        port: 0 for any free port (the address is reported with `say`).
        ready: called with the running server (for tests and callers that need its port).

    Raises:
        OSError: the address is in use or cannot be bound.
    """
    handler = functools.partial(_QuietHandler, directory=str(target))
    server = ThreadingHTTPServer((host, port), handler)
    stop = threading.Event()

    def watch() -> None:
        seen = _stamp(model_file)
        while not stop.wait(interval):
            now = _stamp(model_file)
            if now == seen:
                continue
            seen = now
            try:
                say(rebuild())
            except GovGraphError as error:
                say(f"not rebuilt: {error.message}")

    watcher = threading.Thread(target=watch, name="govgraph-watch", daemon=True)
    watcher.start()
    address = f"http://{host}:{server.server_address[1]}/"
    say(f"serving {target}/ at {address} (open {address}explore.html); rebuilding when {model_file} changes")
    say("press Ctrl-C to stop")
    if ready is not None:
        ready(server)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        stop.set()
        server.server_close()
