"""Reading a model file: hardened YAML, schema validation, and building the typed model.

`load(path)` is the one entry point; it raises `ModelError` carrying every finding of the file, sorted by
position, or `ModelFileNotFound`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from govgraph.errors import ModelError

if TYPE_CHECKING:
    from govgraph.findings import Finding
    from govgraph.loading.reader import Document
from govgraph.loading import catalogue  # noqa: F401  (registers the codes of the rules applied while reading)
from govgraph.loading.files import DEFAULT_MAX_BYTES
from govgraph.memory import collector_paused
from govgraph.model import Model

__all__ = ["DEFAULT_MAX_BYTES", "json_schema", "load", "load_bytes", "load_document"]


def load_bytes(data: bytes, file: str, *, max_bytes: int | None = None) -> Model:
    """Read, validate and build a model from a file's bytes; `file` is the name used in locations.

    Raises:
        ModelError: anything wrong with the file, every problem at once.
    """
    # The reader (YAML), pydantic and the file's schema are imported here, when a file is first read, not when
    # govgraph or its rules are: `govgraph rules`, `explain` and `--help` need none of them.
    from govgraph.loading.build import build_model
    from govgraph.loading.reader import read_bytes
    from govgraph.loading.validate import validate

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
    from govgraph.loading.build import build_model
    from govgraph.loading.validate import without_errors

    spec = without_errors(document)
    if spec is None:
        return []
    try:
        build_model(document, spec, defined=document.root)
    except ModelError as references:
        return list(references.findings)
    return []


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the model file, for editors and other tools."""
    from govgraph.loading.schema import json_schema as schema

    return schema()


def load_document(document: Document) -> Model:
    """Validate and build a model from a located tree that was read from something other than YAML (a
    workbook's cells): the same checks, codes and messages as for a file, located wherever `document` says.

    Raises:
        ModelError: everything wrong with the tree, every problem at once.
    """
    from govgraph.loading.build import build_model
    from govgraph.loading.validate import validate

    with collector_paused():
        return build_model(document, validate(document))


def load(path: str | Path, *, max_bytes: int | None = None) -> Model:
    """Load the model file at `path` (a file read before and unchanged since is read back from where govgraph
    keeps what it read: see `loading.cache`, and `GOVGRAPH_CACHE=off` to turn it off).

    Args:
        path: the YAML file.
        max_bytes: refuse larger files (default `GOVGRAPH_MAX_BYTES` or 100 MB); a larger regular file is refused
            before reading, and no more than one byte over the limit is ever read (see `files.read_limited`).

    Raises:
        ModelFileNotFound: there is no such file, or it cannot be opened (the message says why).
        ModelError: the file cannot be read or is not a valid model; carries every finding.
    """
    from govgraph.loading import cache
    from govgraph.loading.files import read_limited

    data = read_limited(path, max_bytes=max_bytes)
    # A file read before, unchanged, is not read again (see `loading.cache`).
    model = cache.recall(data, str(path))
    if model is None:
        model = load_bytes(data, str(path), max_bytes=max_bytes)
        cache.keep(data, str(path), model)
    return model
