"""Reading JSON given to govgraph (`govgraph import json`) with the limits and located errors of the YAML reader.

Python's `json` module has none of the reader's limits: a deeply nested document exhausts its recursion
(`RecursionError`), a number of more than 4,300 digits is refused by `int` (`ValueError`), and an escaped lone
surrogate (`"\\ud800"`) is read into a string that cannot be written out again (`UnicodeEncodeError`, later and
far away). So before `json` reads the text, one pass over its tokens refuses, at their line and column:
- nesting deeper than `govgraph.loading.files.MAX_DEPTH` (GG106),
- a number longer than any a model holds (GG118),
- an escaped lone surrogate, half of a character that UTF-8 text cannot hold (GG107);
and the bytes get the reader's size limit (GG110) and UTF-8 decoding (GG107) first.
"""

from __future__ import annotations

import json
import re
from typing import Any

from govgraph.errors import ModelError
from govgraph.findings import Finding, Location, Severity
from govgraph.loading.files import MAX_DEPTH, check_size, decode

#: The most digits a number in a document may have (a year has 4; a count of anything in a model, a few more).
MAX_DIGITS = 20

# A string (the unrolled form: linear, whatever its backslashes), an opening quote that no string closes (the text
# is not JSON: `json` says where), a bracket, or a number.
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|"|[\[{]|[\]}]|-?[0-9][0-9.eE+-]*', re.DOTALL)
_SURROGATE = re.compile(
    r"(\\+)u([dD][89abAB][0-9a-fA-F]{2})(?:\\u([dD][c-fC-F][0-9a-fA-F]{2}))?|(\\+)u([dD][c-fC-F][0-9a-fA-F]{2})"
)


def read_json(data: bytes, file: str, *, max_bytes: int | None = None) -> Any:
    """Read the bytes of a JSON document, with the size limit, UTF-8 decoding and the refusals of the module
    docstring.

    Raises:
        ModelError: GG106, GG107, GG110 or GG118, located.
        json.JSONDecodeError: the text is not JSON (with its line and column).
    """
    check_size(len(data), file, max_bytes)
    return read_json_text(decode(data, file), file)


def read_json_text(text: str, file: str) -> Any:
    """Read JSON text (see `read_json`).

    Raises:
        ModelError: GG106, GG107 or GG118, located.
        json.JSONDecodeError: the text is not JSON (with its line and column).
    """
    findings = _refusals(text, file)
    if findings:
        raise ModelError(findings=findings)
    return json.loads(text)


def _refusals(text: str, file: str) -> list[Finding]:
    findings: list[Finding] = []
    depth = 0
    for token in _TOKEN.finditer(text):
        first = token[0][0]
        if first in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                findings.append(
                    _finding(
                        "GG106",
                        f"the file nests deeper than {MAX_DEPTH} levels",
                        text,
                        token.start(),
                        file,
                        "a governance model needs a handful of levels; check for runaway brackets",
                    )
                )
                break
        elif first in "]}":
            depth -= 1
        elif first == '"':
            if len(token[0]) == 1:
                break  # an unclosed string: not JSON, which `json` reports
            if "\\" in token[0]:
                findings += _lone_surrogates(token[0], token.start(), text, file)
        elif len(token[0]) > MAX_DIGITS:
            findings.append(
                _finding(
                    "GG118",
                    f"a number of {len(token[0].lstrip('-')):,} characters: numbers in a model have at most "
                    f"{MAX_DIGITS} digits",
                    text,
                    token.start(),
                    file,
                    "check the file: no count or year in a model is this long",
                )
            )
    return findings


def _lone_surrogates(string: str, at: int, text: str, file: str) -> list[Finding]:
    found = []
    for escape in _SURROGATE.finditer(string):
        slashes = escape[1] or escape[4]
        if len(slashes) % 2 == 0:
            continue  # `\\ud800` is a backslash and the text `ud800`, not an escape
        if escape[2] and escape[3]:
            continue  # a high and a low surrogate: together, one character
        half = escape[2] or escape[5]
        found.append(
            _finding(
                "GG107",
                f"`\\u{half}` is half of a character (a lone surrogate), which text cannot hold",
                text,
                at + escape.start() + len(slashes) - 1,
                file,
                "write the character itself, or both halves of it (`\\ud83d\\ude00`)",
            )
        )
    return found


def _finding(code: str, message: str, text: str, offset: int, file: str, hint: str) -> Finding:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Finding(code, Severity.ERROR, message, Location(file, line, column), hint)
