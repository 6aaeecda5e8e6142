"""Page templates: the one place govgraph sets up jinja (`environment`), with every template compiled once and
kept between runs (jinja's bytecode cache, in `govgraph.kept`'s folder).

Compiling the seven templates of the documentation pages and the interactive page took 0.10-0.14 s of a
`govgraph build` of the London docs with nothing to write (about a sixth of it), where reading them back takes a
few milliseconds. A kept template is used only for the same template text, jinja version and govgraph code (so an
environment set up differently never runs another's compiled code), and only from the user's own folder.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket

from govgraph import kept

#: A set of templates made by `environment`.
Environment = jinja2.Environment


def environment(folder: Path, *, finalize: Callable[[Any], Any] | None = None) -> Environment:
    """The templates in `folder`, as every page of govgraph's is made from them: values escaped (by `finalize`
    where given, else as HTML), a name the template does not get an error rather than empty text, blocks without
    the blank lines their tags leave, and each template compiled once and kept (`KeptTemplates`)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=True,
        finalize=finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=KeptTemplates(),
    )


class KeptTemplates(jinja2.BytecodeCache):
    """jinja's bytecode cache over `govgraph.kept`: one file per template, replaced when it changes."""

    def get_source_checksum(self, source: str) -> str:
        digest = hashlib.sha256()
        for part in (source.encode("utf-8", "surrogatepass"), jinja2.__version__.encode(), kept.code()):
            digest.update(hashlib.sha256(part).digest())
        return digest.hexdigest()

    def load_bytecode(self, bucket: Bucket) -> None:
        data = kept.read(_name(bucket))
        if data is not None:
            # A kept template for other text, another jinja or damaged is set aside by the bucket and compiled anew.
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        kept.write(_name(bucket), bucket.bytecode_to_string())


def _name(bucket: Bucket) -> str:
    return f"{bucket.key}.template"
