"""Reading a model file: hardened YAML, schema validation, and building the typed model.

`load(path)` is the one entry point; it raises `ModelError` carrying every finding of the file, sorted by
position, or `ModelFileNotFound`.
"""

from __future__ import annotations

from pathlib import Path

from govgraph.errors import ModelFileNotFound
from govgraph.loading.build import build_model
from govgraph.loading.reader import DEFAULT_MAX_BYTES, Document, check_size, read_bytes
from govgraph.loading.schema import json_schema
from govgraph.loading.validate import validate
from govgraph.memory import collector_paused
from govgraph.model import Model

__all__ = ["DEFAULT_MAX_BYTES", "Document", "json_schema", "load", "load_bytes", "load_document", "locate_model"]


def load_bytes(data: bytes, file: str, *, max_bytes: int | None = None) -> Model:
    """Read, validate and build a model from a file's bytes; `file` is the name used in locations.

    Raises:
        ModelError: anything wrong with the file, every problem at once.
    """
    with collector_paused():
        document = read_bytes(data, file, max_bytes=max_bytes)
        spec = validate(document)
        return build_model(document, spec)


def load_document(document: Document) -> Model:
    """Validate and build a model from a located tree that was read from something other than YAML (a
    workbook's cells): the same checks, codes and messages as for a file, located wherever `document` says.

    Raises:
        ModelError: everything wrong with the tree, every problem at once.
    """
    with collector_paused():
        return build_model(document, validate(document))


def load(path: str | Path, *, max_bytes: int | None = None) -> Model:
    """Load the model file at `path`.

    Args:
        path: the YAML file.
        max_bytes: refuse larger files (default `GOVGRAPH_MAX_BYTES` or 100 MB); checked before reading.

    Raises:
        ModelFileNotFound: there is no such file.
        ModelError: the file cannot be read or is not a valid model; carries every finding.
    """
    p = Path(path)
    try:
        # The size is checked before reading, so an oversized file is never read into memory.
        check_size(p.stat().st_size, str(path), max_bytes)
        data = p.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        raise ModelFileNotFound(path=str(path)) from None
    except IsADirectoryError:
        raise ModelFileNotFound(
            path=str(path), reason="is a folder, not a model file", hint="give the YAML file inside it"
        ) from None
    except PermissionError:
        raise ModelFileNotFound(path=str(path), reason="cannot be read (permission denied)") from None
    return load_bytes(data, str(path), max_bytes=max_bytes)


MODEL_ENV = "GOVGRAPH_MODEL"
DEFAULT_MODEL = Path("data") / "governance.yaml"


def locate_model(given: str | Path | None = None) -> Path:
    """Find the model file a command should read.

    In order: `given` if not None; else `$GOVGRAPH_MODEL`; else `./data/governance.yaml`; else the London
    model shipped inside the package, so that govgraph answers from any folder.

    Raises:
        ModelFileNotFound: `given` or `$GOVGRAPH_MODEL` names a file that does not exist.
    """
    import os
    from importlib.resources import files

    if given is not None:
        path = Path(given)
        if not path.exists():
            raise ModelFileNotFound(path=str(given))
        return path
    env = os.environ.get(MODEL_ENV, "").strip()
    if env:
        path = Path(env)
        if not path.exists():
            raise ModelFileNotFound(path=env, hint=f"it is named by ${MODEL_ENV}")
        return path
    if DEFAULT_MODEL.is_file():
        return DEFAULT_MODEL
    bundled = files("govgraph") / "data" / "governance.yaml"
    return Path(str(bundled))
