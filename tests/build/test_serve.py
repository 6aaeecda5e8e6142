"""`govgraph serve`, run as a user runs it: it builds, serves the folder on this computer, and builds again when
the model file changes; a model with errors is reported and the previous build stays served."""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

import support
from support import engine_or_none

REPO = support.REPO
GOVGRAPH = str(Path(sys.executable).with_name("govgraph"))


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode("utf-8"))


def _wait_for(predicate: Callable[[], bool], seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_serve_builds_serves_and_rebuilds_on_save(tmp_path: Path) -> None:
    if engine_or_none() is None:
        pytest.skip("no Graphviz engine")
    (tmp_path / "model").mkdir()
    model = tmp_path / "model" / "governance.yaml"
    shutil.copy(REPO / "data" / "governance.yaml", model)
    with support.ctrl_c_as_at_a_terminal():
        process = subprocess.Popen(
            [GOVGRAPH, "serve", str(model), "-o", str(tmp_path / "out"), "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    said: list[str] = []
    stdout = process.stdout
    assert stdout is not None
    reader = threading.Thread(target=lambda: said.extend(iter(stdout.readline, "")), daemon=True)
    reader.start()
    try:
        assert _wait_for(lambda: any("serving" in line for line in said)), said
        found = re.search(r"at (http://127\.0\.0\.1:\d+/)", "".join(said))
        assert found, said
        base = found.group(1)
        assert _get(base + "index.md").startswith("# London Personalised Care governance\n")
        assert "Content-Security-Policy" in _get(base + "explore.html")
        # A save with an error is reported; the previous build is still served.
        good = model.read_text(encoding="utf-8")
        model.write_text(good.replace("reports_to:", "reprots_to:", 1), encoding="utf-8")
        assert _wait_for(lambda: any("not rebuilt" in line for line in said)), said
        assert _get(base + "index.md").startswith("# London Personalised Care governance\n")
        # A good save is built and served.
        model.write_text(good.replace("short: LCEG", "short: LCEG Board"), encoding="utf-8")
        assert _wait_for(lambda: "LCEG Board" in _get(base + "bodies/lceg.md"))
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
        reader.join(timeout=10)
    assert process.returncode == 0
    assert "stopped" in "".join(said)


def test_serve_on_a_port_in_use_is_a_usage_error(tmp_path: Path) -> None:
    if engine_or_none() is None:
        pytest.skip("no Graphviz engine")
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [
                GOVGRAPH,
                "serve",
                str(REPO / "data" / "governance.yaml"),
                "-o",
                str(tmp_path / "out"),
                "--port",
                str(port),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == 2
    assert f"cannot serve on 127.0.0.1:{port}" in done.stderr
    assert "Traceback" not in done.stderr
