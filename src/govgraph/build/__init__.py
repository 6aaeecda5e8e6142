"""The documentation build: `governance.yaml` in, a folder of Markdown pages, diagrams and data out.

What it writes (paths relative to the output folder):

- `index.md`: title and date, the overview diagram, the bodies by kind with chairs and status, the check summary;
- `bodies/<id>.md`: one page per body (card, local diagram, route to the top, lines, members and representation,
  status history, sources);
- `paths.md`: every project's route to the top, solid and dotted; `checks.md`: what `govgraph check` reports;
  `forward-plan.md` and `forward-plan.ics`: the cycle of business of the year, as a page and as a calendar (only
  where some body's terms of reference record when or how often it meets or reports);
  `timeline.md`: every dated event; `explore.html`: the interactive page; `governance.json`: the model as data
  (the node-link JSON of `govgraph export --format json`, documented in `govgraph.exchange.node_link`);
- `diagrams/model.*` (the whole model), `diagrams/views/<id>.*` (each named view) as SVG, PNG, PDF, DOT and
  Mermaid, and `diagrams/bodies/<id>.*` (each body's local diagram) as SVG, DOT and Mermaid;
- `.govgraph-build.json`: the marker that makes the folder govgraph's: every file the build wrote, with its
  SHA-256, and the key of every drawn one (see `govgraph.build.folder`).

Decisions where DESIGN.md is silent:
- A file govgraph writes itself (pages, DOT, Mermaid, data) is current when its bytes are those the build would
  write. A drawn file (SVG, PNG, PDF, and the interactive page) is current when its key is: a hash of all it is
  made from but the engine. For a diagram: its DOT, format, title and description, govgraph's version and (for
  SVG) the version of govgraph's cleaning of it, `govgraph.render.svg.CLEANER_VERSION`; for the page, the page
  itself with its data, script and style, less the diagram (`govgraph.render.html.PagePlan.key`). The key, not
  the engine's bytes, decides whether it is current: the same DOT gives different bytes from different Graphviz
  versions, and `--check` in CI must not fail because CI has another version than the person who built it (nor
  need an engine at all). An unchanged diagram is never re-rendered, and an unchanged file is never rewritten:
  it is carried over (hard-linked) with its time.
- A build replaces or removes only what its manifest says it wrote: anything else in the folder makes it
  refuse, naming the files, unless `clean` is given; the files it removed are then listed in its notes.
- PDF needs the system Graphviz; with only graphviz-pure the build leaves PDFs out and says so.
- A model with errors builds nothing unless `allow_errors`; the pages then say so at the top.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from govgraph import vocabulary
from govgraph._version import __version__
from govgraph.build.folder import (
    MARKER,
    Existing,
    Manifest,
    Unowned,
    check_target,
    check_writable,
    describe,
    keep_file,
    locked,
    planned_folders,
    read_marker,
    recover,
    refuse_unowned,
    sha256,
    staging,
    swap_in,
    write_file,
    writing,
)
from govgraph.build.outline import Drawn, Inputs, Kept, PlanOutline
from govgraph.checks import CheckResult, check
from govgraph.errors import BuildRefused
from govgraph.findings import Severity
from govgraph.model import Model, PartialDate
from govgraph.views import ViewSelection

if TYPE_CHECKING:
    from govgraph.build.pages import DiagramLinks
    from govgraph.views import Diagram

__all__ = ["BuildPlan", "BuildResult", "Difference", "build", "check_output", "differences", "plan_build"]

#: The interactive page. Not `index.html`: every docs tool turns `index.md` into that already.
PAGE = "explore.html"
#: Bumped when the way keys are made changes, so old diagrams are re-rendered.
_KEY_VERSION = 1
#: Formats each kind of diagram is written in (the engine's, then the text ones).
_FULL = ("svg", "png", "pdf")
_LOCAL = ("svg",)


@dataclass(frozen=True)
class RenderJob(Drawn):
    """One file that needs the Graphviz engine: `make(engine)` draws it; `key` says when it must be redrawn."""

    make: Callable[[str], str | bytes] = field(compare=False)


def _diagram_job(path: str, fmt: str, diagram: Diagram, dot: str) -> RenderJob:
    from govgraph.render.diagram import render_diagram

    return RenderJob(
        path, fmt, _key(fmt, diagram, dot), lambda engine: render_diagram(diagram, fmt, engine=engine, dot=dot)
    )


def _page_job(model: Model, as_of: PartialDate | None, links: str) -> RenderJob:
    """The interactive page (`explore.html`), keyed by all it is made from but the engine (see `PagePlan.key`):
    any edit of the model, the page's script or style, or the way it is drawn, redraws it, and a redrawn page with
    the same bytes is still not rewritten."""
    from govgraph.render.html import plan_page

    page = plan_page(model, ViewSelection(as_of=as_of), doc_links=links)
    key = sha256(json.dumps([_KEY_VERSION, "html", page.key, __version__]).encode("utf-8"))
    return RenderJob(PAGE, "html", key, lambda engine: page.render(engine=engine))


@dataclass(frozen=True)
class BuildPlan:
    """Everything a build writes: finished files by path, and the diagrams still to render."""

    files: dict[str, bytes]
    jobs: tuple[RenderJob, ...]
    settings: dict[str, object]

    @property
    def paths(self) -> set[str]:
        """Every file of the build but the marker."""
        return {*self.files, *(job.path for job in self.jobs)}

    def outline(self) -> PlanOutline:
        """What comparing the build with a folder needs of it (kept between runs: `govgraph.build.outline`)."""
        files = {path: (len(data), sha256(data)) for path, data in self.files.items()}
        drawn = tuple(Drawn(job.path, job.fmt, job.key) for job in self.jobs)
        return PlanOutline(files, drawn, self.settings)

    def manifest(self, rendered: Mapping[str, str]) -> Manifest:
        """The marker's content, given the SHA-256 of each rendered file."""
        return self.outline().manifest(rendered)


@dataclass(frozen=True)
class Difference:
    """One way an output folder differs from what a build would write: `missing`, `changed` or `extra`."""

    state: str
    path: str

    def __str__(self) -> str:
        return f"{self.state}: {self.path}"


@dataclass(frozen=True)
class BuildResult:
    """What a build did: files written anew (the marker among them when it changed), rendered diagrams, files
    carried over unchanged, and files removed (those of the previous build it no longer writes, and with `clean`
    those govgraph did not write, which `warnings` also names)."""

    target: Path
    written: tuple[str, ...]
    rendered: tuple[str, ...]
    kept: tuple[str, ...]
    warnings: tuple[str, ...] = field(default=())
    removed: tuple[str, ...] = field(default=())

    @property
    def changed(self) -> bool:
        """Whether the build changed anything in the folder."""
        return bool(self.written or self.rendered or self.removed)


def _key(fmt: str, diagram: Diagram, dot: str) -> str:
    from govgraph.render.svg import CLEANER_VERSION, id_prefix

    payload = [_KEY_VERSION, fmt, dot, diagram.title, diagram.describe(), id_prefix(diagram.id), __version__]
    if fmt == "svg":
        payload.append(CLEANER_VERSION)
    return sha256(json.dumps(payload, ensure_ascii=False).encode("utf-8"))


def _diagram_files(
    name: str, sheets: Sequence[Diagram], formats: Sequence[str], files: dict[str, bytes], jobs: list[RenderJob]
) -> DiagramLinks:
    """Plan the files of one diagram, drawn as one or more linked sheets (`render.diagram.diagram_sheets`); return
    how the pages link to them. The first sheet is `diagrams/<name>.*`, the others `diagrams/<name>-<part>.*`
    beside it, so each sheet's SVG and PDF link to the others by file name."""
    from govgraph.build.pages import FORMAT_NAMES, DiagramLinks
    from govgraph.render.dot import diagram_dot
    from govgraph.render.mermaid import diagram_mermaid_parts

    first = sheets[0].id
    stems = {sheet.id: f"diagrams/{name}{sheet.id[len(first) :]}" for sheet in sheets}
    links: list[DiagramLinks] = []
    for sheet in sheets:
        base = stems[sheet.id]
        found: list[tuple[str, str]] = []
        # A branch's sheet is drawn as SVG and PDF (to read and to print, each linking to the others), not as PNG,
        # an image for a page that shows the overview: a third fewer drawings for a large structure.
        wanted = formats if sheet.id == first else [f for f in formats if f != "png"]
        # The DOT links each box to the sheet it opens as a file of the same format: SVG (the PNG and the DOT file
        # too) or PDF. One sheet alone has no links: one DOT serves every format.
        extensions = sorted({"pdf" if fmt == "pdf" else "svg" for fmt in wanted} | {"svg"})
        if len(sheets) == 1:
            dots = dict.fromkeys(extensions, diagram_dot(sheet))
        else:
            dots = {
                ext: diagram_dot(
                    sheet, links={other: stem.rsplit("/", 1)[-1] + f".{ext}" for other, stem in stems.items()}
                )
                for ext in extensions
            }
        for fmt in wanted:
            jobs.append(_diagram_job(f"{base}.{fmt}", fmt, sheet, dots["pdf" if fmt == "pdf" else "svg"]))
            found.append((FORMAT_NAMES[fmt], f"{base}.{fmt}"))
        files[f"{base}.dot"] = dots["svg"].encode("utf-8")
        found.append((FORMAT_NAMES["dot"], f"{base}.dot"))
        parts = diagram_mermaid_parts(sheet)
        if len(parts) == 1:
            files[f"{base}.mmd"] = parts[0].encode("utf-8")
            found.append((FORMAT_NAMES["mmd"], f"{base}.mmd"))
        else:
            # Too large for GitHub's Mermaid: one file per part.
            for number, text in enumerate(parts, start=1):
                files[f"{base}-{number}.mmd"] = text.encode("utf-8")
                found.append((f"Mermaid, part {number}", f"{base}-{number}.mmd"))
        links.append(DiagramLinks(title=sheet.title, image=f"{base}.svg", files=tuple(found)))
    return replace(links[0], parts=tuple(links[1:]))


def _sheet_of(sheets: Sequence[Diagram], name: str) -> dict[str, tuple[str, str]]:
    """For each body, the sheet that draws it with what hangs below it: (its title, its SVG's path)."""
    first = sheets[0].id
    found: dict[str, tuple[str, str]] = {}
    for sheet in sheets:
        for node in sheet.nodes:
            if not node.group and (node.link is None or node.below):
                found[node.id] = (sheet.title, f"diagrams/{name}{sheet.id[len(first) :]}.svg")
    return found


def plan_build(
    model: Model,
    *,
    result: CheckResult | None = None,
    as_of: PartialDate | None = None,
    allow_errors: bool = False,
    pdf: bool = True,
    page_links: str = "bodies/{id}.md",
) -> BuildPlan:
    """Work out every file of the build without rendering anything (fast: this is what `--check` compares).

    Args:
        result: the model's check result (computed when not given).
        as_of: build the section as the structure stood on this date.
        allow_errors: the model has errors and the pages must say so.
        pdf: write PDFs of the overview and named views (they need the system Graphviz).
        page_links: where the interactive page links each body's page, with `{id}` (a docs site that serves
            `bodies/pcag.md` as `bodies/pcag/` wants `bodies/{id}/`).
    """
    # The pages, diagrams and data are imported when a build plans, not by one whose outline was kept
    # (`govgraph.build.outline`): a fifth of a build with nothing to do.
    from govgraph.build.pages import body_page, body_timeline, checks_page, index_page, paths_page, timeline_page
    from govgraph.exchange.export import export
    from govgraph.queries import tops_above
    from govgraph.render.diagram import diagram_sheets
    from govgraph.views import select_view

    result = result if result is not None else check(model, as_of=as_of)
    full = _FULL if pdf else tuple(f for f in _FULL if f != "pdf")
    files: dict[str, bytes] = {}
    jobs: list[RenderJob] = []
    # A structure too large to read in one diagram is drawn as a linked set of sheets, each readable on A4
    # (see render.diagram.diagram_sheets).
    model_sheets = diagram_sheets(select_view(model, ViewSelection(as_of=as_of)))
    whole = _diagram_files("model", model_sheets, full, files, jobs)
    views = [
        _diagram_files(
            f"views/{view_id}",
            diagram_sheets(select_view(model, ViewSelection(view_id, as_of=as_of))),
            full,
            files,
            jobs,
        )
        for view_id in sorted(model.views)
    ]
    overview = views[sorted(model.views).index("overview")] if "overview" in model.views else whole
    # Where each body is drawn with its branch, when the whole structure takes several sheets.
    placed = _sheet_of(model_sheets, "model") if len(model_sheets) > 1 else {}
    tops = tops_above(model, as_of=as_of)
    for body_id in sorted(model.bodies):
        local = diagram_sheets(select_view(model, ViewSelection(focus=body_id, up=1, down=1, as_of=as_of)))
        links = _diagram_files(f"bodies/{body_id}", local, _LOCAL, files, jobs)
        timeline = [body_timeline(model, body_id, as_of=as_of)]
        page = body_page(
            model, body_id, diagram=links, as_of=as_of, extras=timeline, tops=tops, sheet=placed.get(body_id)
        )
        files[f"bodies/{body_id}.md"] = page.encode("utf-8")
    plan_files = _forward_plan(model, as_of)
    shown_views = [v for v in views if v is not overview]
    if overview is not whole:
        shown_views.insert(0, whole)
    files["index.md"] = index_page(
        model,
        overview=overview,
        views=shown_views,
        result=result,
        as_of=as_of,
        allow_errors=allow_errors,
        extras=[
            *([("Forward plan: the cycle of business, month by month", "forward-plan.md")] if plan_files else []),
            ("Timeline: every dated change", "timeline.md"),
            ("The model as data (JSON, node-link; see `govgraph export --help`)", "governance.json"),
            ("The interactive diagram: search, click a body for its card and route, change the date", PAGE),
        ],
    ).encode("utf-8")
    files["paths.md"] = paths_page(model, as_of=as_of).encode("utf-8")
    files["checks.md"] = checks_page(model, result).encode("utf-8")
    files["timeline.md"] = timeline_page(model, as_of=as_of).encode("utf-8")
    files.update(plan_files)
    files["governance.json"] = _as_bytes(export(model, "json", ViewSelection(as_of=as_of)))
    jobs.append(_page_job(model, as_of, page_links))
    settings: dict[str, object] = {
        "model": Path(model.file).name,
        "as_of": str(as_of) if as_of else None,
        "allow_errors": allow_errors,
        "page_links": page_links,
    }
    return BuildPlan(files=files, jobs=tuple(sorted(jobs, key=lambda j: j.path)), settings=settings)


def _forward_plan(model: Model, as_of: PartialDate | None) -> dict[str, bytes]:
    """The forward plan's page and calendar, for the year of the build; none where no body's terms record when
    or how often it meets or reports."""
    from govgraph.graph import snapshot
    from govgraph.render.plan import plan_ics, plan_markdown, plan_year
    from govgraph.terms import forward_plan

    day = as_of.last if as_of else None
    view = snapshot(model, as_of)
    plan = forward_plan(view, plan_year(model, day))
    if plan.empty:
        return {}
    return {
        "forward-plan.md": plan_markdown(view, plan).encode("utf-8"),
        "forward-plan.ics": plan_ics(view, plan, day),
    }


def _as_bytes(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def _reusable(job: Drawn, existing: Existing) -> str | None:
    """The SHA-256 of the previous build's file for `job` when it is current and intact, else None."""
    if existing.manifest is None or job.path not in existing.files:
        return None
    entry = existing.manifest.files.get(job.path)
    if entry is None or entry.key != job.key or entry.sha256 is None:
        return None
    return entry.sha256 if existing.digest(job.path) == entry.sha256 else None


def differences(plan: BuildPlan, target: str | Path) -> list[Difference]:
    """How the folder `target` differs from what `plan` would write (empty when it is current).

    Rendered diagrams are compared by key, so no engine is needed and another Graphviz version does not count
    as a difference; a diagram file changed by hand does.
    """
    return _differences(plan.outline(), Existing.read(Path(target)))


def _differences(outline: PlanOutline, existing: Existing) -> list[Difference]:
    out: list[Difference] = []
    for path, (size, digest) in outline.files.items():
        if path not in existing.files:
            out.append(Difference("missing", path))
        elif not existing.has(path, size, digest):
            out.append(Difference("changed", path))
    rendered: dict[str, str] = {}
    for job in outline.drawn:
        reusable = _reusable(job, existing)
        if job.path not in existing.files:
            out.append(Difference("missing", job.path))
        elif reusable is None:
            out.append(Difference("changed", job.path))
        else:
            rendered[job.path] = reusable
    if existing.manifest is None:
        out.append(Difference("missing", MARKER))
    elif not out and not existing.holds(MARKER, outline.manifest(rendered).to_bytes()):
        out.append(Difference("changed", MARKER))
    planned = {*outline.paths, MARKER}
    out.extend(Difference("extra", path) for path in existing.files if path not in planned)
    folders = planned_folders(planned)
    out.extend(Difference("extra", f"{folder}/") for folder in existing.folders if folder not in folders)
    return sorted(out, key=lambda d: (d.path, d.state))


def check_output(
    model: Model,
    target: str | Path,
    *,
    as_of: PartialDate | None = None,
    allow_errors: bool = False,
    page_links: str = "bodies/{id}.md",
) -> list[Difference]:
    """What `govgraph build --check` reports: how `target` differs from what a build would write now.

    Needs no Graphviz engine: rendered diagrams are compared by key. Whether PDFs belong is read from the
    folder's marker (they are left out where the build had only graphviz-pure).

    Raises:
        BuildRefused: the model has errors and `allow_errors` is not set (a build would write nothing).
    """
    result = _checked(model, as_of, allow_errors)
    target = Path(target)
    marker = read_marker(target)
    pdf = marker is None or any(path.endswith(".pdf") for path in marker.files)
    inputs = Inputs(model, result, as_of, allow_errors, page_links)
    place = Kept.of(inputs, target)
    outline = place.recall(pdf) or _planned(inputs, pdf, place).outline()
    return _differences(outline, Existing.read(target))


def _checked(model: Model, as_of: PartialDate | None, allow_errors: bool) -> CheckResult:
    result = check(model, as_of=as_of)
    errors = [f for f in result.findings if f.severity >= Severity.ERROR]
    if errors and not allow_errors:
        raise BuildRefused(findings=errors)
    return result


def build(
    model: Model,
    target: str | Path,
    *,
    as_of: PartialDate | None = None,
    allow_errors: bool = False,
    engine: str | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    page_links: str = "bodies/{id}.md",
    clean: bool = False,
) -> BuildResult:
    """Build the documentation section of `model` into the folder `target`, whole or not at all.

    Builds of one folder take turns: a second one waits for the first to finish (see `govgraph.build.folder`).

    Args:
        as_of: build the section as the structure stood on this date.
        allow_errors: build even when the model has errors (the pages say so).
        engine: the Graphviz command (see `govgraph.render.engine.find_engine`).
        workers: diagrams rendered at once (default: one per processor).
        progress: called with (done, total) as diagrams are rendered.
        page_links: how the interactive page links each body's page (see `plan_build`).
        clean: remove what govgraph did not write from `target` (files put there or edited by hand) instead of
            refusing to build.

    Returns:
        What was written, rendered, kept and removed. When nothing would change, nothing is written at all.

    Raises:
        OutputRefused: `target` is not a folder govgraph may write (see `govgraph.build.folder`), or it holds
            files govgraph did not write and `clean` is not set.
        OutputNotWritable: the folder, or the one holding it, cannot be written (read-only, full, a name too long).
        OutputBusy: another build of `target` did not finish in `govgraph.build.folder.LOCK_TIMEOUT` seconds.
        BuildRefused: the model has errors and `allow_errors` is not set.
        EngineNotFound, EngineFailed: the Graphviz engine is missing or failed; the previous output stays.
    """
    from govgraph.render.engine import find_engine

    target = Path(target)
    check_target(target, Path(model.file) if model.file else None)
    result = _checked(model, as_of, allow_errors)
    command = find_engine(engine)
    with writing(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        with locked(target):
            recover(target)
            existing = Existing.read(target)
            check_writable(target)
            unowned = existing.unowned()
            if not clean:
                refuse_unowned(target, unowned)
            removing: tuple[str, ...] = ()
            if unowned:
                count = vocabulary.count(len(unowned), "file")
                removing = (f"removed or replaced {count} govgraph did not write (--clean): {describe(unowned)}",)
            inputs = Inputs(model, result, as_of, allow_errors, page_links)
            place = Kept.of(inputs, target)
            # With nothing to write, the outline kept from the last build of these inputs is all that is needed.
            recalled = _recalled(place, command, existing)
            if recalled is not None and not _differences(recalled[0], existing):
                return BuildResult(target, (), (), tuple(sorted(recalled[0].paths)), recalled[1] + removing)
            plan, notes = _plan_for(inputs, place, command, existing)
            notes += removing
            if not _differences(plan.outline(), existing):
                return BuildResult(target, (), (), tuple(sorted(plan.paths)), notes)
            return _build_into(plan, target, existing, command, workers, progress, notes, clean)


_NO_PDF = "PDFs left out: graphviz-pure does not write PDF (install the system Graphviz for them)"


def _plan_for(inputs: Inputs, place: Kept, command: str, existing: Existing) -> tuple[BuildPlan, tuple[str, ...]]:
    """The plan of a build of `inputs` with the engine `command`, and what the build must say about it; each plan
    made is kept in outline at `place` for the next build (`govgraph.build.outline`)."""
    plan = _planned(inputs, True, place)
    if _leave_out_pdfs(plan.jobs, command, existing):
        return _planned(inputs, False, place), (_NO_PDF,)
    return plan, ()


def _recalled(place: Kept, command: str, existing: Existing) -> tuple[PlanOutline, tuple[str, ...]] | None:
    """`_plan_for` in outline, from what the last build of the same inputs kept; None where it kept nothing."""
    outline = place.recall(True)
    if outline is not None and _leave_out_pdfs(outline.drawn, command, existing):
        lean = place.recall(False)
        return (lean, (_NO_PDF,)) if lean is not None else None
    return (outline, ()) if outline is not None else None


def _leave_out_pdfs(drawn: Sequence[Drawn], command: str, existing: Existing) -> bool:
    """graphviz-pure writes no PDF. PDFs of an earlier build with the system Graphviz are kept while they are
    current (so a machine without it does not undo them); once one would have to be drawn, all are left out."""
    from govgraph.render.engine import PURE

    return Path(command).name.startswith(PURE) and any(d.fmt == "pdf" and _reusable(d, existing) is None for d in drawn)


def _planned(inputs: Inputs, pdf: bool, place: Kept) -> BuildPlan:
    plan = plan_build(
        inputs.model,
        result=inputs.result,
        as_of=inputs.as_of,
        allow_errors=inputs.allow_errors,
        pdf=pdf,
        page_links=inputs.page_links,
    )
    place.keep(pdf, plan.outline())
    return plan


def _build_into(
    plan: BuildPlan,
    target: Path,
    existing: Existing,
    command: str,
    workers: int | None,
    progress: Callable[[int, int], None] | None,
    notes: tuple[str, ...],
    clean: bool,
) -> BuildResult:
    """Write `plan` into a staging folder and swap it in for `target` (whose lock the caller holds)."""
    written: list[str] = []
    kept: list[str] = []
    previous = target if target.is_dir() else None
    with staging(target) as staged:
        for path, data in sorted(plan.files.items()):
            if existing.holds(path, data):
                keep_file(staged, path, existing.files[path], previous)
                kept.append(path)
            else:
                write_file(staged, path, data, previous)
                written.append(path)
        digests: dict[str, str] = {}
        todo: list[RenderJob] = []
        for job in plan.jobs:
            digest = _reusable(job, existing)
            if digest is None:
                todo.append(job)
            else:
                keep_file(staged, job.path, existing.files[job.path], previous)
                digests[job.path] = digest
                kept.append(job.path)
        digests.update(_render_all(todo, staged, existing, command, workers, progress))
        marker = plan.manifest(digests).to_bytes()
        if existing.holds(MARKER, marker):
            keep_file(staged, MARKER, existing.files[MARKER], previous)
        else:
            write_file(staged, MARKER, marker, previous)
            written.append(MARKER)
        # Anything put into the folder while this build was drawing would be lost with the swap: look again.
        if not clean:
            again = Existing.read(target)
            refuse_unowned(
                target,
                [Unowned(path, "put there during the build") for path in sorted(set(again.files) - set(existing.files))]
                + [Unowned(f"{path}/", "made during the build") for path in sorted(again.folders - existing.folders)],
            )
        swap_in(staged, target)
    removed = sorted(path for path in existing.files if path not in plan.paths and path != MARKER)
    return BuildResult(target, tuple(written), tuple(j.path for j in todo), tuple(sorted(kept)), notes, tuple(removed))


def _render_all(
    jobs: Sequence[RenderJob],
    root: Path,
    existing: Existing,
    engine: str,
    workers: int | None,
    progress: Callable[[int, int], None] | None,
) -> dict[str, str]:
    """Render `jobs` into `root`, several at once (each is its own engine process); their SHA-256 by path.
    `existing` are the previous build's files: one drawn again with the same bytes is carried over."""

    def one(job: RenderJob) -> tuple[str, str]:
        output = job.make(engine)
        data = output.encode("utf-8") if isinstance(output, str) else output
        if existing.holds(job.path, data):
            keep_file(root, job.path, existing.files[job.path], existing.root)  # drawn again, the same
        else:
            write_file(root, job.path, data, existing.root if existing.root.is_dir() else None)
        return job.path, sha256(data)

    digests: dict[str, str] = {}
    if not jobs:
        return digests
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        for done, (path, digest) in enumerate(pool.map(one, jobs), start=1):
            digests[path] = digest
            if progress is not None:
                progress(done, len(jobs))
    return digests
