"""What goes out cannot act on the reader: a model's names reach a terminal or a pipe with their control
characters shown (`\\u001b`), never obeyed, through a real pseudo-terminal as well as a pipe."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from govgraph.render.terminal import VisibleStream, visible
from support import in_a_terminal

GOVGRAPH = str(Path(sys.executable).with_name("govgraph"))

# Every way a name could act on a terminal: clear the screen (CSI 2J, and the one-character C1 CSI U+009B), set
# the window title (OSC 0), write the clipboard (OSC 52), hide text (SGR 8), ring the bell, and a carriage return
# that sends the cursor back to overwrite the line.
HOSTILE = """\
govgraph: 1
title: "Board papers \\e]0;owned\\a"
roles:
  chair:
    title: "Chair \\e[2J\\e[H"
    holders: [{name: "Ann \\e]52;c;cm0gLXJmIH4=\\a"}]
bodies:
  board:
    name: "Bo\\u00e4rd \\e[31mred\\x9b2J\\r over"
    kind: board
    chairs: [chair]
  sub:
    name: "Sub \\acommittee"
    kind: committee
    chairs: [chair]
    reports_to: [board]
    history: [{date: 2024, note: "secret \\e[8m hidden"}]
"""

COMMANDS = [
    ["show", "board"],
    ["chain", "sub"],
    ["path", "sub", "board"],
    ["under", "board"],
    ["roles"],
    ["roles", "chair"],
    ["timeline"],
    ["check", "--fail-on", "error"],
    ["show", "sub", "--format", "json"],
    ["export", "--format", "csv", "--table", "bodies"],
]

#: A control character written as itself: C0 but the newline and the tab, DEL, C1 (UTF-8 0xc2 0x80-0x9f), and a
#: carriage return that does not end a line.
OBEYED = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\r(?!\n)")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "governance.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


def _args(command: list[str], model: Path) -> list[str]:
    if command[0] in ("check", "export"):
        return [command[0], str(model), *command[1:]]
    return [*command, "-m", str(model)]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_names_reach_a_pipe_with_their_control_characters_shown(command: list[str], hostile: Path) -> None:
    done = subprocess.run([GOVGRAPH, *_args(command, hostile)], capture_output=True, check=False, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    for stream in (done.stdout, done.stderr):
        assert not OBEYED.search(stream), stream
    assert b"\\u001b" in done.stdout or command[0] == "check"


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_names_reach_a_terminal_with_their_control_characters_shown(command: list[str], hostile: Path) -> None:
    code, shown, _ = in_a_terminal(*_args(command, hostile), errors_too=True)
    assert code in (0, 1), shown
    assert shown
    # The terminal writes each line end as CRLF (its own translation); a CSV line end then arrives as CR CR LF.
    assert not OBEYED.search(shown.replace(b"\r\n", b"\n")), shown


def test_what_each_command_shows_is_the_escaped_text(hostile: Path) -> None:
    def out(*args: str) -> str:
        done = subprocess.run([GOVGRAPH, *args, "-m", str(hostile)], capture_output=True, check=False, timeout=120)
        return done.stdout.decode("utf-8")

    # Shown, not deleted: a colour code is as visible as the rest (click would otherwise drop it in a pipe).
    assert "Boärd \\u001b[31mred\\u009b2J\\u000d over" in out("show", "board")
    assert "Ann \\u001b]52;c;cm0gLXJmIH4=\\u0007" in out("roles", "chair")
    assert "Timeline of Board papers \\u001b]0;owned\\u0007" in out("timeline")
    assert "secret \\u001b[8m hidden" in out("timeline")


def test_json_on_standard_output_stays_json_with_the_same_text(hostile: Path) -> None:
    done = subprocess.run(
        [GOVGRAPH, "show", "board", "--format", "json", "-m", str(hostile)], capture_output=True, check=True
    )
    assert json.loads(done.stdout)["name"] == "Boärd \x1b[31mred\x9b2J\r over"


def test_an_ascii_only_terminal_gets_escapes_for_what_it_cannot_show(hostile: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run(
        [GOVGRAPH, "show", "board", "-m", str(hostile)], capture_output=True, check=False, timeout=120, env=env
    )
    assert done.returncode == 0, done.stderr
    assert b"Bo\\xe4rd \\u001b[31mred" in done.stdout
    assert not OBEYED.search(done.stdout)


def test_a_csv_line_end_is_kept_and_a_lone_carriage_return_is_shown() -> None:
    assert visible("a,b\r\nc\rd\n\te") == "a,b\r\nc\\u000dd\n\te"
    assert visible("\x1b\x7f\x85\x9f\xa0") == "\\u001b\\u007f\\u0085\\u009f\xa0"


def test_the_stream_writes_bytes_refusal_through_as_the_stream_would(capsys: pytest.CaptureFixture[str]) -> None:
    stream = VisibleStream(sys.stdout)
    assert stream.write("x\x1by") == 3
    with pytest.raises(TypeError):
        stream.write(b"bytes")  # type: ignore[arg-type]
    stream.flush()
    assert capsys.readouterr().out == "x\\u001by"
