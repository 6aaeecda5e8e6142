"""The documentation build as `govgraph build`, the MkDocs plugin and `govgraph serve` run it: one function each
for building, checking and serving, so that all three read the model, name the folder and report the same way.

A build writes, so it never falls back to the bundled example (see `app.models`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from govgraph.app.models import find_model
from govgraph.app.options import parse_date
from govgraph.app.outcome import Note, Outcome, warnings_as_notes
from govgraph.errors import ParameterError
from govgraph.model import PartialDate

if TYPE_CHECKING:
    from http.server import HTTPServer

    from govgraph.build import BuildResult, Difference

#: How the interactive page links each body's page in a plain build (a docs site may serve them elsewhere).
PAGE_LINKS = "bodies/{id}.md"


def default_folder(as_of: PartialDate | None = None) -> Path:
    """The folder a build writes when none is given: `output`, or `output-DATE` for the structure on a date."""
    return Path(f"output-{as_of}" if as_of else "output")


def build_docs(
    model_file: str | Path | None,
    output: str | Path | None = None,
    *,
    as_of: str | PartialDate | None = None,
    allow_errors: bool = False,
    engine: str | None = None,
    page_links: str = PAGE_LINKS,
    progress: Callable[[int, int], None] | None = None,
    clean: bool = False,
) -> Outcome[BuildResult]:
    """Build the documentation section of the model into `output` (default: `default_folder`).

    Args:
        model_file: the model (None: find it; never the bundled example).
        as_of: build the structure as it stood on this date.
        allow_errors: build even when the model has errors (the pages say so).
        engine: the Graphviz command.
        page_links: how the interactive page links each body's page (see `build.plan_build`).
        progress: called with (done, total) as diagrams are drawn.
        clean: remove from `output` the files govgraph did not write instead of refusing to build.

    Raises:
        InvalidOption: `as_of` is not a date.
        ModelFileNotFound, ModelNotFound, ModelError: see `app.models.read_model`.
        And as `build.build`: OutputRefused, BuildRefused, EngineNotFound, EngineFailed.
    """
    from govgraph.build import build
    from govgraph.loading import load

    date = parse_date(as_of, "as_of")
    found = find_model(model_file, writes=True)
    target = Path(output) if output is not None else default_folder(date)
    model = load(found.path)
    with warnings_as_notes() as caught:
        result = build(
            model,
            target,
            as_of=date,
            allow_errors=allow_errors,
            engine=engine,
            progress=progress,
            page_links=page_links,
            clean=clean,
        )
    return Outcome(result, (*caught, *(Note.plain(note) for note in result.warnings)))


@dataclass(frozen=True)
class Staleness:
    """How a built folder differs from the build of its model now (no differences: it is up to date)."""

    target: Path
    model_file: str
    differences: tuple[Difference, ...]


def check_docs(
    model_file: str | Path | None,
    output: str | Path | None = None,
    *,
    as_of: str | PartialDate | None = None,
    allow_errors: bool = False,
    page_links: str = PAGE_LINKS,
) -> Outcome[Staleness]:
    """`govgraph build --check`: how `output` differs from what a build would write now. Writes nothing and
    needs no Graphviz engine.

    Raises:
        As `build_docs`, except that nothing is written.
    """
    from govgraph.build import check_output
    from govgraph.loading import load

    date = parse_date(as_of, "as_of")
    found = find_model(model_file, writes=True)
    target = Path(output) if output is not None else default_folder(date)
    model = load(found.path)
    differences = check_output(model, target, as_of=date, allow_errors=allow_errors, page_links=page_links)
    return Outcome(Staleness(target, model.file, tuple(differences)))


def built_words(result: BuildResult) -> str:
    """What a build did, in words: `3 files written, 1 diagram drawn, 120 unchanged, 2 removed`."""
    from govgraph.vocabulary import count

    removed = f", {len(result.removed)} removed" if result.removed else ""
    return (
        f"{count(len(result.written), 'file')} written, {count(len(result.rendered), 'diagram')} drawn, "
        f"{len(result.kept)} unchanged{removed}"
    )


def rebuild(model_file: str | Path, output: str | Path, *, engine: str | None = None, clean: bool = False) -> str:
    """Build again as `build_docs` does, for `govgraph serve` after each save: one line saying what happened,
    then its notes, one a line.

    Raises:
        As `build_docs`.
    """
    built = build_docs(model_file, output, engine=engine, clean=clean)
    result = built.value
    line = f"rebuilt {result.target}/: {built_words(result)}" if result.changed else f"{result.target}/ is up to date"
    return "\n".join([line, *(note.words() for note in built.notes)])


def serve(
    model_file: str | Path | None,
    output: str | Path | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    engine: str | None = None,
    clean: bool = False,
    say: Callable[[str], None],
    ready: Callable[[HTTPServer], None] | None = None,
) -> None:
    """`govgraph serve`: build the section, serve it on this computer, and build again (`rebuild`) on every save
    of the model file, until interrupted.

    Raises:
        ParameterError: the address cannot be served (in use, not this computer's).
        And as `build_docs` for the first build.
    """
    from govgraph.build.serve import serve as serve_folder

    found = find_model(model_file, writes=True)
    target = Path(output) if output is not None else default_folder()
    say(rebuild(found.path, target, engine=engine, clean=clean))
    try:
        serve_folder(
            found.path,
            target,
            lambda: rebuild(found.path, target, engine=engine, clean=clean),
            host=host,
            port=port,
            say=say,
            ready=ready,
        )
    except OSError as exc:
        raise ParameterError(
            "cannot serve on {address}: {reason} (try another {port})",
            parameters=("port",),
            values={"address": f"{host}:{port}", "reason": str(exc.strerror or exc)},
        ) from None
