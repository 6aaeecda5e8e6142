"""`govgraph serve`: build the section, serve the folder on this computer, and build again when the model changes.

For looking at the pages while editing the YAML. Only this computer can connect (127.0.0.1 unless told
otherwise). The model file is checked once a second; a change is built as `govgraph build` builds (whole or not
at all), so a reader never sees half a build. A rebuild that fails, for whatever reason, is reported and the
previous build stays served; the next save is built again.

What is served, and to whom:
- only regular files inside the folder: a path through a symbolic link, a folder, a device or a name holding a
  NUL byte is answered "not found" (the folder's root leads to the interactive page);
- only requests addressed to this computer by a loopback name (`localhost`, `127.0.0.1`, `[::1]`): a web page
  elsewhere that rebinds its own name to 127.0.0.1 cannot read the pages through the reader's browser. With
  `--bind` on another address, requests by an IP address or this computer's own name are answered too;
- by a fixed number of workers (`WORKERS`), each connection given `IDLE` seconds to send its request, with at
  most `WAITING` connections queued for a worker; others are closed at once. A failed connection (a client that
  resets it, a timeout) is one line on standard error, never a traceback.
"""

from __future__ import annotations

import contextlib
import functools
import ipaddress
import os
import queue
import socket
import stat
import sys
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import HTTPServer, SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any

from govgraph.errors import GovGraphError

#: Seconds between looks at the model file.
INTERVAL = 1.0
#: Requests answered at once.
WORKERS = 16
#: Connections that may wait for a worker; more are closed at once.
WAITING = 64
#: Seconds a connection may take to send its request before it is closed.
IDLE = 5.0
#: Where the folder's root leads.
START = "explore.html"

_TYPES = {**SimpleHTTPRequestHandler.extensions_map, ".md": "text/plain; charset=utf-8"}


def _is_loopback(name: str) -> bool:
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _host_name(header: str) -> str:
    """The name in a `Host` header, without its port, in lower case (`[::1]:8000` -> `::1`)."""
    host = header.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return (host.rsplit(":", 1)[0] if host.count(":") == 1 else host).rstrip(".")


def host_check(bind: str) -> Callable[[str | None], bool]:
    """Which `Host` headers a server listening on `bind` answers (see the module docstring)."""
    if _is_loopback(bind):
        return lambda header: header is not None and _is_loopback(_host_name(header))
    names = {bind.lower(), "localhost", socket.gethostname().lower(), socket.getfqdn().lower()}

    def allowed(header: str | None) -> bool:
        if header is None:
            return False
        name = _host_name(header)
        if name in names:
            return True
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return False
        return True

    return allowed


class _Handler(SimpleHTTPRequestHandler):
    """Serves the output folder's regular files; Markdown as text, so a browser shows it rather than downloading."""

    extensions_map = _TYPES
    timeout = IDLE
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        return

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        if not self.server.allowed(self.headers.get("Host")):
            self.send_error(HTTPStatus.FORBIDDEN, "govgraph serve answers only to the names of this computer")
            return False
        return True

    def send_head(self) -> Any:
        # What the parent class would open, checked one folder at a time.
        path = Path(self.translate_path(self.path))
        parts = path.relative_to(self.directory).parts
        if not parts:
            self.send_response(HTTPStatus.FOUND)
            self.send_header("Location", f"/{START}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if not self._regular_file(parts):
            self.send_error(HTTPStatus.NOT_FOUND, "No such page")
            return None
        return super().send_head()

    def _regular_file(self, parts: tuple[str, ...]) -> bool:
        """Whether `parts` name a regular file inside the folder, reached through no link."""
        path = Path(self.directory)
        found = None
        for part in parts:
            path = path / part
            try:
                found = path.lstat()
            except (OSError, ValueError):  # ValueError: a NUL in the name
                return False
            if stat.S_ISLNK(found.st_mode):
                return False
        return found is not None and stat.S_ISREG(found.st_mode)


class _Server(HTTPServer):
    """An HTTP server with a fixed pool of workers and a bounded queue of connections waiting for one."""

    #: Connections the system holds for the server to accept (socketserver's default is 5). A browser opening a
    #: page asks for its pictures and scripts at once, and every connection past this many waits a second or more
    #: for its turn to be accepted: two hundred at once took 26 s to be let in with 5, a fraction of a second now.
    request_queue_size = WAITING

    def __init__(
        self,
        address: tuple[str, int],
        handler: Callable[..., _Handler],
        *,
        allowed: Callable[[str | None], bool],
        complain: Callable[[str], None],
    ) -> None:
        self.allowed = allowed
        self.complain = complain
        self.waiting: queue.Queue[tuple[Any, Any] | None] = queue.Queue(maxsize=WAITING)
        self.workers: list[threading.Thread] = []
        super().__init__(address, handler)  # closes the server again if the address cannot be bound
        self.workers = [
            threading.Thread(target=self._work, name=f"govgraph-serve-{i}", daemon=True) for i in range(WORKERS)
        ]
        for worker in self.workers:
            worker.start()

    def process_request(self, request: Any, client_address: Any) -> None:
        try:
            self.waiting.put_nowait((request, client_address))
        except queue.Full:
            self.shutdown_request(request)

    def _work(self) -> None:
        while (item := self.waiting.get()) is not None:
            request, client_address = item
            try:
                self.finish_request(request, client_address)
            except Exception:
                self.handle_error(request, client_address)
            finally:
                self.shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        error = sys.exc_info()[1]
        who = client_address[0] if isinstance(client_address, tuple) and client_address else "a client"
        self.complain(f"govgraph serve: a request from {who} failed: {type(error).__name__}: {error}")

    def server_close(self) -> None:
        super().server_close()
        while True:
            try:
                item = self.waiting.get_nowait()
            except queue.Empty:
                break
            if item is not None:
                self.shutdown_request(item[0])
        for _ in self.workers:
            with contextlib.suppress(queue.Full):
                self.waiting.put_nowait(None)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return (found.st_mtime_ns, found.st_size)


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def serve(
    model_file: Path,
    target: Path,
    rebuild: Callable[[], str],
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    say: Callable[[str], None],
    ready: Callable[[HTTPServer], None] | None = None,
    interval: float = INTERVAL,
    complain: Callable[[str], None] = _stderr,
) -> None:
    """Serve `target` over HTTP and call `rebuild` whenever `model_file` changes, until interrupted.

    Args:
        rebuild: builds the section into `target` and returns a line to report; whatever it raises is reported
            with `say` (a `GovGraphError` by its message, anything else as an internal error) and the previous
            build stays served.
        host: the address to listen on; which names requests may be addressed to follows from it (see the module
            docstring).
        port: 0 for any free port (the address is reported with `say`).
        ready: called with the running server (for tests and callers that need its port).
        complain: where a failed request is reported, one line each (default: standard error).

    Raises:
        OSError: the address is in use or cannot be bound.
    """
    handler = functools.partial(_Handler, directory=os.fspath(target))
    server = _Server((host, port), handler, allowed=host_check(host), complain=complain)
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
            except Exception as error:
                say(
                    f"not rebuilt: internal error: {type(error).__name__}: {error}. This is a bug in govgraph: "
                    "please report it. The previous build is still served; the next save is built again."
                )

    watcher = threading.Thread(target=watch, name="govgraph-watch", daemon=True)
    watcher.start()
    address = f"http://{host}:{server.server_address[1]}/"
    say(f"serving {target}/ at {address} (open {address}{START}); rebuilding when {model_file} changes")
    say("press Ctrl-C to stop")
    if ready is not None:
        ready(server)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        stop.set()
        server.server_close()
