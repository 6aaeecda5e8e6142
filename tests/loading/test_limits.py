"""What comes in is read safely: files that never end, names no file can have, numbers and dates out of range,
other tools' files with the loader's limits."""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pytest

import support
from govgraph.cli import main

REPO = support.REPO
LONDON = str(REPO / "data" / "governance.yaml")
GOVGRAPH = str(Path(sys.executable).with_name("govgraph"))
#: Memory a govgraph process may take in these tests: reading a file that never ends runs into it at once.
MEMORY_CAP = 1024 * 1024 * 1024


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def _run(args: list[str], stdin: IO[bytes] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GOVGRAPH_MAX_BYTES": "100000"}
    return subprocess.run(
        [GOVGRAPH, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        preexec_fn=_capped,
        check=False,
        stdin=stdin,
    )


def run_main(args: list[str]) -> int:
    with pytest.raises(SystemExit) as stopped:
        main(args)
    code = stopped.value.code
    assert isinstance(code, int)
    return code


# A file that never ends ---------------------------------------------------------------------------------


def test_a_device_that_never_ends_is_read_only_to_the_limit() -> None:
    done = _run(["check", "/dev/zero"])
    assert done.returncode == 1, done.stderr
    assert "/dev/zero:1:1: error GG110 the file is longer than the limit of 100,000 bytes" in done.stdout
    assert "Traceback" not in done.stderr


def test_a_pipe_that_never_ends_is_read_only_to_the_limit() -> None:
    with subprocess.Popen(["yes"], stdout=subprocess.PIPE) as endless:
        try:
            done = _run(["check", "/dev/stdin"], stdin=endless.stdout)
        finally:
            endless.kill()
    assert done.returncode == 1, done.stderr
    assert "/dev/stdin:1:1: error GG110 the file is longer than the limit of 100,000 bytes" in done.stdout


def test_a_pipe_within_the_limit_is_read_whole() -> None:
    with open(LONDON, "rb") as model:
        done = subprocess.run(
            [GOVGRAPH, "check", "/dev/stdin"], stdin=model, capture_output=True, text=True, timeout=120, check=False
        )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "/dev/stdin" in done.stdout


def test_an_import_of_a_file_that_never_ends_is_refused(tmp_path: Path) -> None:
    for kind in ("json", "organogram"):
        done = _run(["import", kind, "/dev/zero", "-o", str(tmp_path / "out.yaml")])
        assert done.returncode == 1, (kind, done.stderr)
        assert "GG110" in done.stderr, kind
        assert not (tmp_path / "out.yaml").exists()


# Names no file can have ---------------------------------------------------------------------------------

LONG = "a" * 300


@pytest.mark.parametrize(
    "args",
    [
        ["check", f"{LONG}.yaml"],
        ["show", "pcag", "-m", f"{LONG}.yaml"],
        ["chain", "pcag", "-m", f"{LONG}.yaml"],
        ["diff", f"{LONG}.yaml", LONDON],
        ["diff", LONDON, f"{LONG}.yaml"],
        ["timeline", f"{LONG}.yaml"],
        ["render", f"{LONG}.yaml", "--format", "dot"],
        ["import", "json", f"{LONG}.json"],
        ["import", "organogram", f"{LONG}.csv"],
        ["import", "backstage", LONG],
    ],
    ids=lambda args: " ".join(a if len(a) < 40 else "LONG" for a in args),
)
def test_a_file_name_too_long_for_the_file_system_is_a_clear_error(
    args: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run_main(args) == 2
    err = capsys.readouterr().err
    assert f"{LONG}" in err
    assert "a part of its name is 30" in err
    assert "file systems allow at most 255" in err
    assert "internal error" not in err


def test_a_folder_too_deep_to_search_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    deep = "/".join(["b" * 250] * 20)  # longer than any path the system allows, each part allowed
    assert run_main(["check", f"{deep}.yaml"]) == 2
    assert "the path is longer than the system allows" in capsys.readouterr().err


# Numbers and dates at the ends of their ranges ------------------------------------------------------------

REVIEW_AT_THE_END_OF_TIME = """\
govgraph: 1
title: Reviews at the end of the calendar
as_of: 9999-12-31
roles:
  chair: {title: Chair}
bodies:
  board:
    name: Board
    kind: board
    chairs: [chair]
    history: [{date: 9999-01, status: under_review}]
  committee:
    name: Committee
    kind: committee
    chairs: [chair]
    reports_to: [board]
    history: [{date: 2000, status: under_review}]
checks:
  review_months: 1200
"""


def test_date_arithmetic_past_the_last_day_of_the_calendar_saturates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = tmp_path / "end.yaml"
    model.write_text(REVIEW_AT_THE_END_OF_TIME, encoding="utf-8")
    # A review from 9999 plus 1,200 months runs past 31 December 9999: it is not overdue on that day.
    assert run_main(["check", str(model)]) == 0
    out = capsys.readouterr().out
    assert "'committee' has been under review since 2000: 95999 months by 9999-12-31" in out
    assert "'board' has been under review" not in out
    assert run_main(["check", str(model), "--as-of", "9999"]) == 0
    assert run_main(["build", str(model), "-o", str(tmp_path / "site")]) == 0
    assert "internal error" not in capsys.readouterr().err


def test_the_schema_gives_every_number_its_range() -> None:
    from govgraph.loading import json_schema

    schema = json.dumps(json_schema())
    assert '"maximum": 1200' in schema
    assert '"maximum": 1000' in schema


# Lines as an editor counts them ------------------------------------------------------------------------

UNUSUAL_BREAKS = (
    "govgraph: 1\n"
    'title: "Pasted\u2028from a page"\n'
    "bodies:\n"
    "  board: {name: Board\u0085of the trust, kind: board, description: 'one\u2029two'}\n"
    "  committee: {name: Committee, kind: comittee}\n"
)


def test_unusual_line_breaks_are_text_and_move_no_location() -> None:
    from govgraph.errors import ModelError
    from govgraph.loading import load_bytes
    from govgraph.loading.reader import read_bytes, read_documents

    document = read_bytes(UNUSUAL_BREAKS.encode("utf-8"), "m.yaml")
    # As YAML 1.2 and every editor read them: characters of the text, not line breaks folded to spaces.
    assert document.root["title"] == "Pasted\u2028from a page"
    assert document.root["bodies"]["board"]["name"] == "Board\u0085of the trust"
    assert document.root["bodies"]["board"]["description"] == "one\u2029two"
    assert document.location(("bodies", "committee", "kind")).line == 5
    with pytest.raises(ModelError) as raised:
        load_bytes(UNUSUAL_BREAKS.encode("utf-8"), "m.yaml")
    assert [(f.code, f.location.line, f.location.column) for f in raised.value.findings if f.location] == [
        ("GG114", 5, 38)
    ]
    ((root, _),) = read_documents(UNUSUAL_BREAKS.encode("utf-8"), "catalog.yaml")
    assert isinstance(root, dict)
    assert root["title"] == "Pasted\u2028from a page"


def test_a_syntax_error_after_an_unusual_line_break_quotes_the_right_line() -> None:
    from govgraph.errors import ModelError
    from govgraph.loading.reader import read_bytes

    text = "govgraph: 1\ntitle: 'a\u2028b'\nbodies:\n  board: {name: B\tkind: board\n"
    with pytest.raises(ModelError) as raised:
        read_bytes(text.encode("utf-8"), "m.yaml")
    (finding,) = raised.value.findings
    assert finding.location is not None
    assert finding.location.line == 4


# Other tools' files get the reader's limits ----------------------------------------------------------------


@pytest.fixture(scope="module")
def exported() -> str:
    """The London model exported as JSON, once for the module: the files the imports below read are made from it."""
    done = support.govgraph("export", LONDON, "--format", "json")
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda text: "[" * 40_000 + "]" * 40_000, "in.json:1:51: error GG106 the file nests deeper than 50 levels"),
        (
            lambda text: text.replace('"graph": {', '"graph": {"x": ' + "[" * 60 + "]" * 60 + ",", 1),
            "error GG106 the file nests deeper than 50 levels",
        ),
        (
            lambda text: text.replace('"version": 1', '"version": ' + "9" * 5000, 1),
            "error GG118 a number of 5,000 characters: numbers in a model have at most 20 digits",
        ),
        (
            lambda text: text.replace('"title": "', '"title": "\\ud800', 1),
            "error GG107 `\\ud800` is half of a character (a lone surrogate), which text cannot hold",
        ),
        (
            lambda text: text.replace('"title": "', '"title": "\\udc00', 1),
            "error GG107 `\\udc00` is half of a character",
        ),
    ],
    ids=["deep", "deep-inside", "long-number", "high-surrogate", "low-surrogate"],
)
def test_json_import_has_the_readers_limits_and_located_errors(
    tmp_path: Path, exported: str, change: Callable[[str], str], expected: str
) -> None:
    path = tmp_path / "in.json"
    path.write_text(change(exported), encoding="utf-8")
    done = _run(["import", "json", str(path), "-o", str(tmp_path / "out.yaml")])
    assert done.returncode == 1, done.stderr
    assert expected in done.stderr
    assert re.search(r"in\.json:\d+:\d+: error GG1\d\d ", done.stderr)
    assert "internal error" not in done.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_json_import_keeps_what_only_looks_like_a_half_character(tmp_path: Path, exported: str) -> None:
    path = tmp_path / "in.json"
    text = exported.replace('"title": "', '"title": "\\\\ud800 \\ud83d\\ude00 ', 1)
    path.write_text(text, encoding="utf-8")
    done = _run(["import", "json", str(path), "-o", str(tmp_path / "out.yaml")])
    assert done.returncode == 0, done.stderr
    from govgraph.loading import load

    assert load(tmp_path / "out.yaml").title.startswith("\\ud800 \U0001f600 ")


def test_backstage_import_has_the_readers_limits_and_located_errors(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    catalog.mkdir()
    deep = "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: team-a}\nspec: " + "[" * 60 + "]" * 60
    (catalog / "deep.yaml").write_text(deep + "\n", encoding="utf-8")
    (catalog / "big.yaml").write_text("# " + "x" * 200_000 + "\n", encoding="utf-8")
    (catalog / "latin1.yaml").write_bytes(b"kind: Group\nmetadata: {name: caf\xe9}\n")
    done = _run(["import", "backstage", str(catalog), "-o", str(tmp_path / "out.yaml")])
    assert done.returncode == 1, done.stderr
    assert re.search(r"deep\.yaml:4:\d+: error GG106 the file nests deeper than 50 levels", done.stderr)
    assert "big.yaml:1:1: error GG110 the file is 200,003 bytes, over the limit of 100,000" in done.stderr
    assert "latin1.yaml:2:21: error GG107 the file is not UTF-8 text" in done.stderr
    assert "internal error" not in done.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_an_organogram_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    senior = tmp_path / "senior.csv"
    senior.write_text("Post Unique Reference,Name,Job Title,Unit,Reports to Senior Post\n" + "1,A,B,C,XX\n" * 20_000)
    done = _run(["import", "organogram", str(senior), "-o", str(tmp_path / "out.yaml")])
    assert done.returncode == 1
    assert "senior.csv:1:1: error GG110 the file is 220,065 bytes, over the limit of 100,000" in done.stderr
