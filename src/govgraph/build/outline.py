"""What comparing a build with its folder needs of the build's plan, and that outline kept between runs.

A build works out every file it would write (`govgraph.build.plan_build`: the pages, the DOT and Mermaid of every
diagram, and the key of each file to draw) and then compares that with the folder. With nothing to write, the
planning was most of the work left: 0.20-0.29 s of a no-change build of the London model, which took 0.68 s in all
(issue 20 asks for under 0.5 s). The comparison needs only each file's size and SHA-256, each drawn file's key and
the build's settings (`PlanOutline`), so that is kept, in `govgraph.kept`'s folder.

It is kept by everything the plan is made from, and used only when all of it is the same:
- the model and its check result, as pickled (a rule set changed on disk changes the findings, so the key);
- the build's options (whether PDFs are drawn, the date built for, whether errors are allowed, the page links);
- the day: a model that records no `as_of` has its statuses and its forward plan worked out for today;
- govgraph's files and vocabulary, the Python, and the libraries that write the pages and the DOT (jinja2 with
  markupsafe, pydot with pyparsing, networkx), each by where it is installed and its first file's size and time of
  change (an upgrade rewrites it).

The folder itself is still read and compared file by file, so a page edited, added or removed by hand is found as
it was before; and whenever the outline is not kept (or was kept for other inputs), or the folder differs from it,
the build plans in full. A no-change build of the London model, whole command, 21 runs in turns with the code
before: 0.35 s (0.27-0.40) against 0.71 s (0.53-0.81), ratio 0.50; the pages, diagrams and data it no longer plans
are no longer imported either (`govgraph.build.plan_build`).
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import io
import json
import pickle
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from govgraph import kept, time, vocabulary
from govgraph.build.folder import MARKER_VERSION, Manifest, Written
from govgraph.checks import CheckResult
from govgraph.model import Model, PartialDate

#: Changes when what is kept, or how it is keyed, changes shape.
_FORMAT = b"govgraph-plan-outline-1\n"
#: The libraries whose output a plan holds: the page templates' and the DOT's.
_LIBRARIES = ("jinja2", "markupsafe", "pydot", "pyparsing", "networkx")


@dataclass(frozen=True)
class Drawn:
    """A file of the build that the Graphviz engine draws: where, in what format, and the key it is drawn for (a
    hash of all it is made from but the engine: see `govgraph.build`)."""

    path: str
    fmt: str
    key: str


@dataclass(frozen=True)
class PlanOutline:
    """What a build writes, as comparing it with a folder needs it: each written file's size and SHA-256 by path,
    each drawn file, and the build's settings (recorded in the folder's marker)."""

    files: Mapping[str, tuple[int, str]]
    drawn: tuple[Drawn, ...]
    settings: Mapping[str, object]

    @property
    def paths(self) -> set[str]:
        """Every file of the build but the marker."""
        return {*self.files, *(d.path for d in self.drawn)}

    def manifest(self, rendered: Mapping[str, str]) -> Manifest:
        """The marker's content, given the SHA-256 of each drawn file."""
        files = {path: Written(digest) for path, (_, digest) in self.files.items()}
        files.update({d.path: Written(rendered[d.path], d.key) for d in self.drawn})
        return Manifest(MARKER_VERSION, self.settings, files)


@dataclass(frozen=True)
class Inputs:
    """Everything a build's plan is made from but whether it draws PDFs (see the module's notes)."""

    model: Model
    result: CheckResult
    as_of: PartialDate | None
    allow_errors: bool
    page_links: str


@dataclass(frozen=True)
class Kept:
    """Where the outlines of builds of some inputs into one folder are kept (one with PDFs, one without: a machine
    with graphviz-pure alone plans both ways, see `govgraph.build`), and the hash of those inputs.

    Made before anything is planned: planning fills what a model works out once and keeps (its graph, say), which
    changes its pickle, and so would change the hash."""

    where: str
    inputs: bytes | None

    @classmethod
    def of(cls, inputs: Inputs, target: Path) -> Kept:
        """Where the outlines of builds of `inputs` into `target` are kept; no hash when keeping is off or the
        model cannot be pickled (nothing is then kept)."""
        where = f"{inputs.model.file}\0{target.resolve()}".encode("utf-8", "surrogatepass")
        return cls(hashlib.sha256(where).hexdigest()[:32], _digest(inputs) if kept.folder() is not None else None)

    def recall(self, pdf: bool) -> PlanOutline | None:
        """The outline kept for a build of these inputs (with PDFs or not), or None."""
        if self.inputs is None:
            return None
        found = kept.read(self._entry(pdf))
        head = _head(self.inputs, pdf)
        if found is None or not found.startswith(head):
            return None
        try:
            # A file this user's govgraph wrote, in a folder only they can write to (see `govgraph.kept`).
            outline = pickle.loads(found[len(head) :])
        except Exception:
            return None  # anything that cannot be read back is planned again
        return outline if isinstance(outline, PlanOutline) else None

    def keep(self, pdf: bool, outline: PlanOutline) -> None:
        """Keep `outline`, planned from these inputs (with PDFs or not), for the next build; silently not, if it
        cannot be."""
        if self.inputs is not None:
            kept.write(self._entry(pdf), _head(self.inputs, pdf) + pickle.dumps(outline, pickle.HIGHEST_PROTOCOL))

    def _entry(self, pdf: bool) -> str:
        return self.where + (".plan" if pdf else ".plan-nopdf")


def _head(inputs: bytes, pdf: bool) -> bytes:
    """What a kept outline starts with: the format and the key of the inputs and the choice of PDFs it was planned
    for."""
    return _FORMAT + hashlib.sha256(inputs + (b" pdf" if pdf else b" no pdf")).hexdigest().encode() + b"\n"


def _digest(inputs: Inputs) -> bytes | None:
    """The hash of everything a plan is made from but whether it draws PDFs; None when the model cannot be pickled."""
    try:
        model, result = _pickled(inputs.model), _pickled(inputs.result)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return None
    options = [
        str(inputs.as_of) if inputs.as_of is not None else None,
        inputs.allow_errors,
        inputs.page_links,
        time.today().isoformat(),
    ]
    digest = hashlib.sha256()
    parts: Sequence[bytes] = (
        _FORMAT,
        kept.code(),
        vocabulary.fingerprint(),
        sys.version.encode(),
        _libraries(),
        model,
        result,
        json.dumps(options).encode(),
    )
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.digest()


def _pickled(value: object) -> bytes:
    """`value` pickled the same way however its parts are shared: with pickle's memo off (its `fast` mode), an
    object met twice is written twice. With it on, a model read from its file and the same model read back from
    where it was kept (`govgraph.loading.cache`) pickled differently, by a few bytes, and the outline kept by the
    first build after an edit was never used. (A model holds no cycle, which this mode cannot write: it would stop
    with a RecursionError, and nothing would be kept.)"""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(value)
    return out.getvalue()


def _libraries() -> bytes:
    """Which versions of the libraries a plan's files are written with, cheaply: where each is installed and its
    first file's size and time of change (an upgrade rewrites it). Importing `importlib.metadata` to ask their
    versions took 77 ms, a fifth of a build with nothing to do."""
    found = []
    for name in _LIBRARIES:
        # Looked for on the path, not in `sys.modules`: asking a module imported lazily (networkx) for its spec
        # imports it, 0.28 s.
        spec = importlib.machinery.PathFinder.find_spec(name)
        origin = spec.origin if spec is not None else None
        if origin is None:
            found.append(f"{name}:-")
            continue
        info = Path(origin).stat()
        found.append(f"{name}:{origin}:{info.st_size}:{info.st_mtime_ns}")
    return "\n".join(found).encode()
