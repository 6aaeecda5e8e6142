"""`govgraph serve` as a user runs it, against what could go wrong: a rebuild that fails for an unforeseen reason,
links out of the folder, requests addressed to another name (DNS rebinding), odd URLs, clients that reset or
hold connections. Real processes and real sockets throughout."""

from __future__ import annotations

import contextlib
import http.client
import re
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from govgraph.build.serve import WORKERS
from support import CHANGED, SMALL, ctrl_c_as_at_a_terminal, small_model


def _wait_for(predicate: Callable[[], bool], seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


@dataclass
class Served:
    """A running `govgraph serve`: its process, its address, and what it has said on each stream."""

    process: subprocess.Popen[str]
    port: int = 0
    out: list[str] = field(default_factory=list)
    err: list[str] = field(default_factory=list)

    def get(self, path: str, host: str | None = None) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.putrequest("GET", path, skip_host=True)
            connection.putheader("Host", host or f"127.0.0.1:{self.port}")
            connection.endheaders()
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def threads(self) -> int:
        status = Path(f"/proc/{self.process.pid}/status").read_text(encoding="utf-8")
        found = re.search(r"^Threads:\s+(\d+)$", status, re.MULTILINE)
        assert found is not None
        return int(found.group(1))


@contextlib.contextmanager
def _serve(command: list[str], cwd: Path) -> Iterator[Served]:
    with ctrl_c_as_at_a_terminal():
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd)
    served = Served(process)
    assert process.stdout is not None
    assert process.stderr is not None
    readers = [
        threading.Thread(target=lambda s=stream, into=lines: into.extend(iter(s.readline, "")), daemon=True)
        for stream, lines in ((process.stdout, served.out), (process.stderr, served.err))
    ]
    for reader in readers:
        reader.start()
    try:
        assert _wait_for(lambda: any("serving" in line for line in served.out)), served.out + served.err
        found = re.search(r"at http://127\.0\.0\.1:(\d+)/", "".join(served.out))
        assert found, served.out
        served.port = int(found.group(1))
        yield served
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
        for reader in readers:
            reader.join(timeout=10)


@pytest.fixture
def served(tmp_path: Path, engine: str) -> Iterator[Served]:
    """`govgraph serve` of a small model into `tmp_path/out`."""
    small_model(tmp_path / "model")
    command = [str(Path(sys.executable).with_name("govgraph")), "serve", "model/governance.yaml"]
    with _serve([*command, "-o", "out", "--port", "0"], tmp_path) as running:
        yield running


# What is served -------------------------------------------------------------------------------------------------


def test_only_regular_files_inside_the_folder_are_served(served: Served, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the web\n", encoding="utf-8")
    (tmp_path / "out" / "leak.txt").symlink_to(secret)
    (tmp_path / "out" / "outside").symlink_to(tmp_path)
    assert served.get("/index.md")[0] == 200
    assert served.get("/leak.txt") == (404, served.get("/leak.txt")[1])
    assert b"not for the web" not in served.get("/leak.txt")[1]
    assert served.get("/outside/secret.txt")[0] == 404
    assert served.get("/bodies/")[0] == 404  # a folder: no listing
    assert served.get("/../secret.txt")[0] == 404
    status, _ = served.get("/")
    assert status == 302  # the root leads to the interactive page


def test_requests_addressed_to_another_name_are_refused(served: Served) -> None:
    # A page on evil.example that rebinds its name to 127.0.0.1 sends this Host header.
    assert served.get("/index.md", host="evil.example")[0] == 403
    assert served.get("/index.md", host=f"evil.example:{served.port}")[0] == 403
    assert served.get("/index.md", host=f"localhost:{served.port}")[0] == 200
    assert served.get("/index.md", host=f"127.0.0.1:{served.port}")[0] == 200
    assert served.get("/index.md", host=f"[::1]:{served.port}")[0] == 200


def test_a_nul_in_a_url_is_not_found_and_no_traceback(served: Served) -> None:
    assert served.get("/index.md%00")[0] == 404
    assert served.get("/index.md%00.html")[0] == 404
    assert served.get("/%ff%fe")[0] == 404
    time.sleep(0.5)
    assert served.err == []


def test_a_client_that_resets_its_connection_is_one_line(served: Served) -> None:
    for _ in range(3):
        with socket.create_connection(("127.0.0.1", served.port)) as client:
            client.sendall(b"GET /index.md HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            time.sleep(0.2)
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close with a reset
    assert _wait_for(lambda: len(served.err) >= 3, 10), served.err
    time.sleep(0.5)
    assert len(served.err) == 3, served.err
    assert all("ConnectionResetError" in line for line in served.err)
    assert not any("Traceback" in line for line in served.err)
    assert served.get("/index.md")[0] == 200


def test_two_hundred_half_open_requests_do_not_make_two_hundred_threads(served: Served) -> None:
    before = served.threads()
    clients = []
    try:
        for _ in range(200):
            client = socket.create_connection(("127.0.0.1", served.port))
            client.sendall(b"GET /index.md HTTP/1.1\r\n")  # and never the rest
            clients.append(client)
        time.sleep(1)
        assert served.threads() <= max(before, WORKERS + 3), served.threads()
    finally:
        for client in clients:
            client.close()
    # Once they are gone (or timed out), the server answers again.
    assert _wait_for(lambda: _answers(served), 30)
    assert not any("Traceback" in line for line in served.err)


def _answers(served: Served) -> bool:
    try:
        return served.get("/index.md")[0] == 200
    except OSError:
        return False


# Rebuilds -----------------------------------------------------------------------------------------------------

#: `govgraph serve` with a build that fails once, unforeseen (not a GovGraphError), on the first save.
_FLAKY = """
import sys
import govgraph.build

real = govgraph.build.build
calls = []


def flaky(*args, **kwargs):
    calls.append(1)
    if len(calls) == 2:
        raise RuntimeError("something unforeseen")
    return real(*args, **kwargs)


govgraph.build.build = flaky
from govgraph.cli import main

main(sys.argv[1:])
"""


def test_a_rebuild_that_fails_unforeseen_is_reported_and_the_next_save_is_built(tmp_path: Path, engine: str) -> None:
    model = small_model(tmp_path / "model")
    command = [sys.executable, "-c", _FLAKY, "serve", "model/governance.yaml", "-o", "out", "--port", "0"]
    with _serve(command, tmp_path) as served:
        model.write_text(SMALL.replace("The Board", "The First Board"), encoding="utf-8")
        assert _wait_for(lambda: any("not rebuilt" in line for line in served.out)), served.out + served.err
        said = "".join(served.out)
        assert "not rebuilt: internal error: RuntimeError: something unforeseen" in said
        assert "The previous build is still served" in said
        assert "Traceback" not in "".join(served.err)
        assert b"The Board" in served.get("/bodies/board.md")[1]
        model.write_text(CHANGED, encoding="utf-8")
        assert _wait_for(lambda: b"The Renamed Project" in served.get("/bodies/project.md")[1]), served.out
