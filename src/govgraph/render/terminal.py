"""Text for a terminal or a pipe: control characters shown, never obeyed.

A model file is text someone else may have written, and its names reach standard output in `show`, `chain`,
`path`, `under`, `roles`, `timeline`, findings and error messages. A name holding ESC (`\\x1b[2J`, `\\x1b]0;...`,
`\\x1b]52;c;...`) or a C1 control (U+009B is a one-character CSI) would clear the screen, retitle the window or
write the clipboard of whoever reads the answer, and a pipe (`| less -R`, `| tee`) passes them on. So every
character written to standard output or standard error goes through `VisibleStream`, which writes each control
character (Unicode category Cc: C0, DEL and C1) as `\\uXXXX`, except the newline and the tab that text is laid
out with, and the carriage return of a CRLF line end. `\\uXXXX` is also how JSON writes such a character, so
JSON output stays valid JSON with the same value. Files written with `-o` are left exactly as rendered.
"""

from __future__ import annotations

import re
from typing import Any, TextIO

#: Every control character but the newline, the tab and the carriage return of a CRLF line end (CSV's): on its own,
#: a carriage return sends the cursor back to overwrite the line.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match[0]):04x}"


def visible(text: str) -> str:
    """`text` with each control character but the newline, the tab and CRLF written as `\\uXXXX`.

    It costs 25-35 ms a megabyte (measured on 3 and 32 MB of the London model's text; a search alone costs as much,
    so there is no cheaper test first): nothing for an answer of a few kilobytes. A large export meant as data is
    written with `-o FILE`, which is not escaped.
    """
    return _CONTROL.sub(_escape, text)


class VisibleStream:
    """A text stream that writes through to `stream` with control characters made visible (see `visible`).

    Everything else (isatty, fileno, flush, the binary `buffer` for binary output) is the stream's own. It
    reports its encoding as UTF-8 and writes what the stream's own encoding cannot hold as backslash escapes, so
    that click, which writes past a stream it thinks is ASCII-only, always writes through this one.
    """

    encoding = "utf-8"
    errors = "strict"

    def __init__(self, stream: TextIO) -> None:
        self.original = stream

    def write(self, text: str) -> int:
        """Write `text` with its control characters made visible; returns the length of `text`."""
        if not isinstance(text, str):
            # Bytes are not text: the stream refuses them as it would (click probes streams this way).
            return int(self.original.write(text))
        shown = visible(text)
        try:
            self.original.write(shown)
        except UnicodeEncodeError:
            encoding = getattr(self.original, "encoding", None) or "ascii"
            self.original.write(shown.encode(encoding, "backslashreplace").decode(encoding))
        return len(text)

    def writelines(self, lines: Any) -> None:
        """Write each of `lines` (see `write`)."""
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.original, name)


def unescaped(stream: TextIO | VisibleStream) -> TextIO:
    """The stream under a `VisibleStream` (for govgraph's own terminal control, as a progress bar's redraw)."""
    return stream.original if isinstance(stream, VisibleStream) else stream
