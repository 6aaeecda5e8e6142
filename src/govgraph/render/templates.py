"""Page templates compiled once and kept between runs (jinja's bytecode cache, in `govgraph.kept`'s folder).

Compiling the seven templates of the documentation pages and the interactive page took 0.10-0.14 s of a
`govgraph build` of the London docs with nothing to write (about a sixth of it), where reading them back takes a
few milliseconds. A kept template is used only for the same template text, jinja version and govgraph code (so an
environment set up differently never runs another's compiled code), and only from the user's own folder.
"""

from __future__ import annotations

import hashlib

import jinja2
from jinja2.bccache import Bucket

from govgraph import kept


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
