"""What the tests share: where things are, the command line run in this process or as its own process, the real
parts a test needs (Graphviz, Chromium, LibreOffice), and the hand-made models several test files use.

This is the one helper module: test files import from here, never from each other. The real parts are looked
for, and a test that needs one that is missing skips, or fails instead when GOVGRAPH_REQUIRE_ENGINES=1 (as in CI).
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib.util
import json
import os
import pty
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any, NoReturn

import pytest
import yaml
from click.testing import CliRunner

from govgraph.errors import EngineNotFound
from govgraph.findings import Location
from govgraph.loading import load_bytes
from govgraph.model import Model
from govgraph.render.engine import find_engine

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
DATA = TESTS / "data"
LONDON = REPO / "data" / "governance.yaml"
GOVGRAPH = str(Path(sys.executable).with_name("govgraph"))
"""The installed `govgraph` command, next to the Python running the tests."""

# Variables of the environment the tests' commands run without unless a test sets them: the model a user named
# once, and GitHub's marker that makes `check` write annotations.
_UNSET = ("GOVGRAPH_MODEL", "GITHUB_ACTIONS")


# The command line ----------------------------------------------------------------------------------------------


def govgraph(
    *args: str | Path, cwd: Path | None = None, env: Mapping[str, str | None] | None = None, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `govgraph ARGS...` in this process (click's test runner), as a user types it, from `cwd`.

    Standard output and error are kept apart and the exit code is the one the command sets, as from a process of
    its own, at a tenth of the cost. `env` adds to the environment (a value of None removes a variable); $GOVGRAPH_MODEL
    and $GITHUB_ACTIONS are removed unless `env` sets them. Use `command` where the test is about the process
    itself: the terminal, signals, what Python prints before govgraph starts.
    """
    from govgraph.cli import main

    overlay: dict[str, str | None] = dict.fromkeys(_UNSET)
    overlay.update(env or {})
    here = os.getcwd()
    code: int = 0
    # The entry point itself (with its streams that show control characters, and color=True), in click's test
    # runner's isolation: its standard streams and environment are the runner's while the command runs.
    with CliRunner().isolation(input=input, env=overlay, color=True) as (out, err, _):
        if cwd is not None:
            os.chdir(cwd)
        try:
            main([str(a) for a in args])
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 0 if exit.code is None else 1
        finally:
            os.chdir(here)
        stdout = out.getvalue().decode("utf-8", "replace")
        stderr = err.getvalue().decode("utf-8", "replace")
    return subprocess.CompletedProcess(["govgraph", *map(str, args)], code, stdout, stderr)


def command(
    *args: str | Path,
    cwd: Path | None = None,
    env: Mapping[str, str | None] | None = None,
    input: str | None = None,
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    """Run the installed `govgraph ARGS...` as a process of its own, with `env` as in `govgraph`."""
    environment = {k: v for k, v in os.environ.items() if k not in _UNSET}
    for name, value in (env or {}).items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    return subprocess.run(
        [GOVGRAPH, *map(str, args)],
        cwd=cwd,
        env=environment,
        input=input,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        check=False,
    )


def in_a_terminal(*args: str, errors_too: bool = False) -> tuple[int, bytes, str]:
    """Run the installed `govgraph ARGS...` with its standard output on a real pseudo-terminal (and its standard
    error too when `errors_too`, else kept apart): its exit code, what reached the terminal, and its standard error
    ("" when it went to the terminal). The terminal is read while the command runs, so a command that writes to it
    cannot stall on a full terminal."""
    main_end, terminal = pty.openpty()
    shown: list[bytes] = []

    def read() -> None:
        while True:
            try:
                chunk = os.read(main_end, 65536)
            except OSError:  # the terminal's other end is closed: all has been read
                return
            if not chunk:
                return
            shown.append(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        done = subprocess.run(
            [GOVGRAPH, *args],
            stdout=terminal,
            stderr=terminal if errors_too else subprocess.PIPE,
            check=False,
            timeout=120,
        )
    finally:
        os.close(terminal)
        reader.join(timeout=10)
        os.close(main_end)
    said = done.stderr.decode("utf-8", "replace") if done.stderr is not None else ""
    return done.returncode, b"".join(shown), said


# Real parts -----------------------------------------------------------------------------------------------------


def missing(what: str) -> NoReturn:
    """Skip the test for want of `what`, or fail it when GOVGRAPH_REQUIRE_ENGINES=1."""
    if os.environ.get("GOVGRAPH_REQUIRE_ENGINES") == "1":
        pytest.fail(f"GOVGRAPH_REQUIRE_ENGINES=1 but {what}")
    pytest.skip(what)


def engine_or_none() -> str | None:
    """The Graphviz engine, or None; fails rather than returns None when GOVGRAPH_REQUIRE_ENGINES=1."""
    try:
        return find_engine()
    except EngineNotFound as exc:
        if os.environ.get("GOVGRAPH_REQUIRE_ENGINES") == "1":
            pytest.fail(f"GOVGRAPH_REQUIRE_ENGINES=1 but {exc.message}")
        return None


def engine() -> str:
    """The Graphviz engine, or skip (fail when GOVGRAPH_REQUIRE_ENGINES=1)."""
    found = engine_or_none()
    if found is None:
        missing("no Graphviz engine (install graphviz or graphviz-pure)")
    return found


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    """The system Chromium, or skip (fail when GOVGRAPH_REQUIRE_ENGINES=1)."""
    found = os.environ.get("GOVGRAPH_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        missing("no Chromium (apt-get install chromium)")
    return found


OFFICE_TIMEOUT = 300


def soffice() -> str:
    """The LibreOffice command, or skip (fail when GOVGRAPH_REQUIRE_ENGINES=1)."""
    found = os.environ.get("GOVGRAPH_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        missing("no LibreOffice (apt-get install libreoffice-calc libreoffice-writer libreoffice-impress)")
    return found


def convert(path: Path, to: str, folder: Path) -> Path:
    """Open `path` in LibreOffice headless and save it into `folder` as `to` (`pdf`, `xlsx`, `docx`, `pptx`).

    Each conversion runs with a LibreOffice profile of its own, so that conversions running at once (or a
    LibreOffice open on the desktop) do not share one. Fails the test with LibreOffice's own words when it cannot
    open or convert the file.
    """
    (converted,) = convert_all([path], to, folder)
    return converted


def convert_all(paths: list[Path], to: str, folder: Path) -> list[Path]:
    """`convert` for several files at once, in one start of LibreOffice (a start costs 2 to 3 s here): each of
    `paths` saved into `folder` as `to`, in the same order. Their names (without the suffix) must differ."""
    office = soffice()
    assert len({path.stem for path in paths}) == len(paths), paths
    folder.mkdir(parents=True, exist_ok=True)
    results = [folder / f"{path.stem}.{to.split(':')[0]}" for path in paths]
    for result in results:  # a file left by an earlier run must not pass for this run's
        result.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="govgraph-lo-") as profile:
        done = subprocess.run(
            [
                office,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                to,
                "--outdir",
                str(folder),
                *map(str, paths),
            ],
            capture_output=True,
            text=True,
            timeout=OFFICE_TIMEOUT,
            check=False,
        )
    for path, result in zip(paths, results, strict=True):
        if done.returncode != 0 or not result.is_file() or result.stat().st_size == 0:
            pytest.fail(f"LibreOffice could not convert {path.name} to {to}: {done.stdout}\n{done.stderr}")
    return results


def pdf_pages(pdf: Path) -> int:
    """How many pages a PDF has (its page objects, counted in the file; no tool needed)."""
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF"), f"{pdf.name} is not a PDF"
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


def pdf_page_text(pdf: Path, page: int) -> str:
    """The text of one page (from 1) of a PDF, as poppler's `pdftotext` reads it in reading order; skips (fails
    when GOVGRAPH_REQUIRE_ENGINES=1) without it."""
    found = shutil.which("pdftotext")
    if not found:
        missing("no pdftotext (apt-get install poppler-utils)")
    done = subprocess.run(
        [found, "-f", str(page), "-l", str(page), "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


class Session:
    """A page opened from a file URL with every request that is not that file recorded and refused, and every
    console error, page error and CSP violation recorded."""

    def __init__(self, browser: Any, path: Path, **options: Any) -> None:
        self.url = path.resolve().as_uri()
        viewport = options.pop("viewport", {"width": 1440, "height": 900})
        self.context = browser.new_context(viewport=viewport, **options)
        self.requests: list[str] = []
        self.refused: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.add_init_script(
            "window.__violations = [];"
            "document.addEventListener('securitypolicyviolation',"
            " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        self.page.goto(self.url)
        self.page.wait_for_selector("html[data-ready=true]", timeout=10_000)

    def _route(self, route: Any) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.refused.append(route.request.url)
            route.abort()

    def data(self) -> Any:
        """The page's own data (its `gg-data` script), read as text and parsed here: Playwright hands a large
        object over far more slowly than its JSON text (2.3 s against 0.1 s for a page of 600 bodies)."""
        return json.loads(self.page.evaluate("document.getElementById('gg-data').textContent"))

    def highlighted(self) -> set[str]:
        ids: list[str] = self.page.eval_on_selector_all("g.node.gg-hl", "els => els.map(e => e.dataset.id)")
        return set(ids)

    def violations(self) -> list[str]:
        found: list[str] = self.page.evaluate("window.__violations")
        return found

    def assert_clean(self) -> None:
        """No request left the page, nothing was logged as an error, and the policy blocked nothing."""
        assert self.refused == []
        assert set(self.requests) <= {self.url}, self.requests
        assert self.errors == []
        assert self.violations() == []


def artifacts() -> Path:
    """Where tests keep files worth looking at: $GOVGRAPH_ARTIFACTS, else tests/artifacts/ (ignored by git)."""
    folder = Path(os.environ.get("GOVGRAPH_ARTIFACTS") or TESTS / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def stand_in(folder: Path, name: str, body: str) -> str:
    """A shell script named `name` in `folder` running `body`: a stand-in for an engine that misbehaves."""
    script = folder / name
    script.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


# Models ---------------------------------------------------------------------------------------------------------

HOSTILE = (
    'Board "Finance", URL="javascript:alert(1)"',
    "Trailing backslash \\",
    "<script>alert('x')</script> & friends",
    "Edge ] [label=owned] -> x",
    "%%{init: {'theme': 'dark'}}%% click n1 call alert()",
    "javascript:alert(document.cookie)",
    "Board:Finance port #1; 50% | `code` {braces}",
    "Comité régional de santé publique d'Île-de-France " * 4,
    "مجلس الصحة الإقليمي",  # right-to-left
    "ועדת היגוי \u202e reversed",
    "東京都保健医療委員会",
    "Line one\nline two\ttabbed",
)
"""Names that try to break out of every output format, and names in scripts other than Latin."""


def hostile_model(names: tuple[str, ...] = HOSTILE) -> Model:
    """A model whose body names, short names, role titles and view title are the hostile texts."""
    bodies: dict[str, Any] = {
        "top": {"name": "Top board", "kind": "board", "chairs": ["r0", "r1"], "organisation": "o1"}
    }
    roles = {f"r{i}": {"title": text} for i, text in enumerate(names)}
    for i, text in enumerate(names):
        bodies[f"b{i}"] = {"name": text, "kind": "project", "reports_to": ["top"], "steers": ["top"]}
    document = {
        "govgraph": 1,
        "title": names[4],
        "organisations": {"o1": {"name": names[3]}},
        "roles": roles,
        "bodies": bodies,
        "views": {"all": {"title": names[2]}},
    }
    return load_bytes(yaml.safe_dump(document, allow_unicode=True).encode("utf-8"), "hostile.yaml")


def shuffled_document(data: Any, rng: Any) -> Any:
    """`data` (a parsed YAML document) with the keys of every mapping in an order `rng` chose."""
    if isinstance(data, dict):
        items = list(data.items())
        rng.shuffle(items)
        return {k: shuffled_document(v, rng) for k, v in items}
    return data


def shuffled(text: str) -> Model:
    """The model in `text` with every section's entries written in reverse order."""
    document = yaml.safe_load(text)
    for section in ("sources", "organisations", "groups", "roles", "bodies", "views"):
        if section in document:
            document[section] = dict(reversed(list(document[section].items())))
    return load_bytes(yaml.safe_dump(document, sort_keys=False, allow_unicode=True).encode(), "shuffled.yaml")


def comparable(value: Any) -> Any:
    """A model value with file locations taken out, so two loads of the same content compare equal."""
    if isinstance(value, Location):
        return None
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        skip = {"file", "last_line", "severity_locations"}
        fields = dataclasses.fields(value)
        return (
            type(value).__name__,
            *((f.name, comparable(getattr(value, f.name))) for f in fields if f.name not in skip),
        )
    if hasattr(value, "items"):
        return tuple(sorted((k, comparable(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(comparable(v) for v in value)
    return value


SMALL = """\
govgraph: 1
title: Small
bodies:
  board:
    name: The Board
    kind: board
  committee:
    name: The Committee
    kind: committee
    reports_to: [board]
  project:
    name: The Project
    kind: project
    reports_to: [committee]
"""
"""Three bodies in a line: the smallest model a build makes pages and diagrams of."""

CHANGED = SMALL.replace("name: The Project", "name: The Renamed Project")


def small_model(folder: Path, text: str = SMALL) -> Path:
    """`text` (by default `SMALL`) written as `folder`/governance.yaml."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "governance.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def dated_copy(model: Path, folder: Path, as_of: str) -> Path:
    """A copy of the model file `model` in `folder`, as if written on `as_of` (its `as_of` set): what has ended is
    judged at that day, not at whatever day the test runs."""
    text = model.read_text(encoding="utf-8").replace("govgraph: 1\n", f"govgraph: 1\nas_of: {as_of}\n", 1)
    assert "as_of: " + as_of in text, f"{model} does not start `govgraph: 1`"
    copy = folder / model.name
    copy.write_text(text, encoding="utf-8")
    return copy


@contextlib.contextmanager
def ctrl_c_as_at_a_terminal() -> Iterator[None]:
    """A process started in the block takes Ctrl-C (SIGINT) as one started at a terminal does.

    A program started in the background from a script (`nohup`, `&`) has SIGINT ignored, and its children inherit
    that: a `govgraph serve` started by these tests there would never stop when sent it. A signal with a handler is
    reset to its default in a new program, so the handler set here for the moment of starting it (where the test
    runs in the main thread) gives the child Python's own: Ctrl-C stops it with KeyboardInterrupt.
    """
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGINT) != signal.SIG_IGN:
        yield
        return
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def benchmark_module(name: str) -> ModuleType:
    """The module `name` of benchmarks/ (a folder of scripts, not a package), imported as they import each other."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def synthetic(bodies: int, *, terms: bool = False) -> Model:
    """The benchmark generator's synthetic model of `bodies` bodies (benchmarks/generate.py), with terms of
    reference on every body when `terms`."""
    generate = benchmark_module("generate")
    return load_bytes(generate.generate(bodies, terms=terms).encode("utf-8"), f"synthetic-{bodies}.yaml")


def ask(*args: str, model: Path | None = None) -> str:
    """A question command run in-process as a user types it (with `model`, given as `-m` after the command's name);
    its standard output, after checking it ran cleanly: exit 0, no traceback, and something said."""
    from govgraph.cli import cli

    given = [args[0], "-m", str(model), *args[1:]] if model is not None else list(args)
    result = CliRunner().invoke(cli, given, catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0, (given, result.output)
    assert "Traceback" not in result.output
    assert result.stdout.strip(), given
    return result.stdout
