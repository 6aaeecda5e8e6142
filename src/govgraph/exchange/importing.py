"""What every importer shares: the result, the error for unreadable input, ids, findings and the last step.

An importer reads another tool's data and returns `Imported`: the YAML text of a new model file (written by
`govgraph.loading.writer`, checked by loading it back, so it never has schema or reference errors) and
findings about the input, located at the CSV row and column or the YAML line and column they are about. The
findings are warnings about the data (a duplicated post, a parent that does not list its child); the model
still holds everything that could be kept, and `govgraph check` explains what the structure then shows.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govgraph.errors import EXIT_FINDINGS, GovGraphError, ModelError
from govgraph.findings import Finding, Location, Severity
from govgraph.loading import load_bytes
from govgraph.loading.files import read_limited
from govgraph.model import fold

#: Codes of the findings importers report (`govgraph import` prints them as `file:row:col: warning CODE ...`).
IMPORT_CODES: Mapping[str, str] = {
    "GGI01": "a post is listed twice; the first row is kept",
    "GGI02": "a post reports to a post that is not in the file",
    "GGI03": "several top posts (marked XX)",
    "GGI04": "broken characters (from a bad conversion) were replaced",
    "GGI05": "a Backstage parent and its children disagree",
    "GGI06": "a Backstage reference names nothing in the catalog",
    "GGI07": "a Backstage entity is not a Group or a User and is left out",
    "GGI08": "a Backstage entity is missing its name or is written twice",
}


class ImportFileError(GovGraphError):
    """A file given to `govgraph import` cannot be read as the format it should be in (exit code 1)."""

    exit_code = EXIT_FINDINGS

    def __init__(self, *, file: str, where: str, problem: str, hint: str = "") -> None:
        self.file = file
        self.where = where
        self.problem = problem
        super().__init__(f"{file}: {where}: {problem}" + (f" ({hint})" if hint else ""))


def read_bytes(path: Path, what: str) -> bytes:
    """The bytes of the file at `path`, which `govgraph import` was given as a `what` file (`CSV`, `JSON`), with
    the size limit of model files.

    Raises:
        ModelFileNotFound: the file cannot be opened (missing, a folder, not readable); the message says why.
        ModelError: GG110, the file is larger than the limit (`GOVGRAPH_MAX_BYTES`, else 100 MB).
    """
    return read_limited(path, what=f"{what} file")


@dataclass(frozen=True)
class Imported:
    """A new model file as YAML text, and what the importer found wrong with its input (sorted by place)."""

    text: str
    findings: tuple[Finding, ...] = ()
    #: How many bodies, roles and organisations the model holds, for the message after writing it.
    counts: Mapping[str, int] = field(default_factory=dict)


def warning(code: str, message: str, file: str, line: int, column: int, hint: str | None = None) -> Finding:
    """An importer's finding about its input at `file` `line` (CSV: row) and `column`."""
    return Finding(code, Severity.WARNING, message, Location(file, line, column), hint)


class Ids:
    """Model ids made from other tools' names: lower-case words joined by hyphens, unique across the model."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, text: str, *, prefix: str = "", fallback: str = "item") -> str:
        """A new id for `text` (`Office for Nuclear Regulation` -> `office-for-nuclear-regulation`);
        `-2`, `-3`... when it is taken."""
        folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
        words = re.sub(r"[^a-z0-9]+", " ", folded).split()
        stem = "-".join(([prefix] if prefix else []) + words) or fallback
        stem = stem[:56].rstrip("-") or fallback
        candidate, n = stem, 1
        while candidate in self.used:
            n += 1
            candidate = f"{stem}-{n}"
        self.used.add(candidate)
        return candidate


_NAMED_SECTIONS = ("organisations", "groups", "roles", "bodies")


def distinct(section: Mapping[str, Any]) -> dict[str, Any]:
    """A section's entries with every name telling one entry apart, as the model requires (GG203): a name or
    title used by an earlier entry (in id order) gets the entry's id added, `Guest User (user-dev-guest)`; an
    alias or short name used by an earlier entry is dropped."""
    taken: set[str] = set()
    out: dict[str, Any] = {}
    for entry_id, entry in sorted(section.items()):
        if not isinstance(entry, dict):
            out[entry_id] = entry
            continue
        entry = dict(entry)
        label = "title" if "title" in entry else "name"
        if isinstance(entry.get(label), str) and fold(entry[label]) in taken:
            entry[label] = f"{entry[label]} ({entry_id})"
        names = [entry.get(label)]
        if isinstance(entry.get("short"), str):
            if fold(entry["short"]) in taken | {fold(str(entry.get(label)))}:
                del entry["short"]
            else:
                names.append(entry["short"])
        if isinstance(entry.get("aliases"), list):
            kept = [
                a for a in entry["aliases"] if fold(a) not in taken and fold(a) not in {fold(str(n)) for n in names}
            ]
            if kept:
                entry["aliases"] = kept
            else:
                del entry["aliases"]
            names += kept
        taken.update(fold(str(n)) for n in names if n)
        out[entry_id] = entry
    return out


def finish(
    document: Mapping[str, Any],
    *,
    header: Sequence[str],
    comments: Mapping[str, str] | None = None,
    findings: Sequence[Finding] = (),
) -> Imported:
    """Write the document as YAML and check that it loads as a model.

    Raises:
        ModelError: the document does not load (when the input itself describes a model with broken
            references, as a hand-edited JSON file may); the findings point into the YAML text.
    """
    # The YAML writer (and PyYAML) is imported when something is imported, not by every command that exports.
    from govgraph.loading.writer import dump_document

    document = {k: distinct(v) if k in _NAMED_SECTIONS else v for k, v in document.items()}
    text = dump_document(document, header=header, comments=comments)
    try:
        model = load_bytes(text.encode("utf-8"), "imported model")
    except ModelError as exc:
        raise ModelError(findings=exc.findings) from None
    counts = {"bodies": len(model.bodies), "roles": len(model.roles), "organisations": len(model.organisations)}
    ordered = tuple(sorted(set(findings), key=Finding.sort_key))
    return Imported(text, ordered, counts)
