"""Reading a model file: hardened YAML, schema validation, and building the typed model.

`load(path)` is the one entry point; it raises `ModelError` carrying every finding of the file, sorted by
position, or `ModelFileNotFound`.
"""

from __future__ import annotations

from pathlib import Path

from govgraph.errors import ModelError
from govgraph.findings import Finding
from govgraph.loading.build import build_model
from govgraph.loading.files import read_limited
from govgraph.loading.reader import DEFAULT_MAX_BYTES, Document, read_bytes
from govgraph.loading.schema import json_schema
from govgraph.loading.validate import validate, without_errors
from govgraph.memory import collector_paused
from govgraph.model import Model

__all__ = ["DEFAULT_MAX_BYTES", "json_schema", "load", "load_bytes"]


def load_bytes(data: bytes, file: str, *, max_bytes: int | None = None) -> Model:
    """Read, validate and build a model from a file's bytes; `file` is the name used in locations.

    Raises:
        ModelError: anything wrong with the file, every problem at once.
    """
    with collector_paused():
        document = read_bytes(data, file, max_bytes=max_bytes)
        try:
            spec = validate(document)
        except ModelError as schema:
            # The references of what is valid are checked too, so that every error of the file is in one report.
            raise ModelError(findings=[*schema.findings, *reference_errors(document)]) from None
        return build_model(document, spec)


def reference_errors(document: Document) -> list[Finding]:
    """The reference errors (GG2xx and their kin) of a file that has schema errors, found in what is valid of it
    (see `validate.without_errors`); an id the file defines counts as defined even where its entry is not valid."""
    spec = without_errors(document)
    if spec is None:
        return []
    try:
        build_model(document, spec, defined=document.root)
    except ModelError as references:
        return list(references.findings)
    return []


def load(path: str | Path, *, max_bytes: int | None = None) -> Model:
    """Load the model file at `path`.

    Args:
        path: the YAML file.
        max_bytes: refuse larger files (default `GOVGRAPH_MAX_BYTES` or 100 MB); a larger regular file is refused
            before reading, and no more than one byte over the limit is ever read (see `files.read_limited`).

    Raises:
        ModelFileNotFound: there is no such file, or it cannot be opened (the message says why).
        ModelError: the file cannot be read or is not a valid model; carries every finding.
    """
    data = read_limited(path, max_bytes=max_bytes)
    return load_bytes(data, str(path), max_bytes=max_bytes)
