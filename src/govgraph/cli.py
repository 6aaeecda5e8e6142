"""The `govgraph` command line. Each command parses its options, calls one library function and prints.

Exit codes: 0 clean; 1 findings at or above the failing severity (a model that cannot be read included);
2 usage errors (unknown option, missing file, a name that matches no body); 3 internal error, with a
traceback only under `--debug`.
"""

from __future__ import annotations

import atexit
import gc
import json
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click

from govgraph import __version__
from govgraph.errors import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, GovGraphError, InvalidOption, ModelError
from govgraph.exchange.export import EXPORT_FORMATS
from govgraph.model import Model, PartialDate

FORMATS_FINDINGS = ("text", "json", "github", "sarif")
FORMATS_ANSWERS = ("text", "json", "mermaid")


def _as_of(value: str | None) -> PartialDate | None:
    if value is None:
        return None
    try:
        return PartialDate.parse(value)
    except ValueError as exc:
        raise InvalidOption(option="--as-of", value=value, reason=str(exc)) from None


def _load(model: str | None) -> Model:
    from govgraph.loading import load, locate_model

    return load(locate_model(model))


def _model_option(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "-m",
        "--model",
        "model",
        metavar="FILE",
        help="Model file (default: $GOVGRAPH_MODEL, else ./data/governance.yaml, else the bundled London model).",
    )(function)


def _format_option(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS_ANSWERS),
        default="text",
        show_default=True,
        help="text to read, json for programs, mermaid for a flowchart to paste into Markdown.",
    )(function)


def _emit(fmt: str, answer: Any, subject: str) -> None:
    """Print `answer` with `govgraph.render.<module>.<subject>_<format>`; only the module asked for is imported,
    since every module imported is start-up time."""
    import importlib

    module = {"text": "text", "json": "data", "mermaid": "mermaid"}[fmt]
    suffix = "data" if fmt == "json" else fmt
    render = getattr(importlib.import_module(f"govgraph.render.{module}"), f"{subject}_{suffix}")
    if fmt == "json":
        click.echo(json.dumps(render(answer), indent=2, ensure_ascii=False))
    else:
        click.echo(render(answer), nl=False)


def _as_of_option(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--as-of",
        metavar="DATE",
        help="Answer as things stood on DATE (YYYY, YYYY-MM or YYYY-MM-DD; a partial date means its last day).",
    )(function)


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="""\b
Examples:
  govgraph check                         check ./data/governance.yaml
  govgraph check my-board.yaml           check another model
  govgraph show PCAG                     the card of the Personalised Care Advisory Group
  govgraph show "community chest" --as-of 2024-06
  govgraph path "Community Chest" LCEG   every route from the project up to the board
  govgraph chain "Community Chest"       its line of accountability to the top
  govgraph under PCAG                    everything that reports into PCAG
  govgraph roles "clinical director for personalised care"
  govgraph render --view overview -o overview.svg
  govgraph schema -o governance.schema.json

Run `govgraph COMMAND --help` for a command's options.""",
)
@click.version_option(__version__, "-V", "--version", prog_name="govgraph")
@click.option("--debug", is_flag=True, help="Show a traceback for internal errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """govgraph: governance structures (boards, groups, programmes, chairs, reporting and dotted lines)
    as a checked graph, diagrams and documentation."""
    ctx.obj = {"debug": debug}


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    codes = tuple(c.strip().upper() for v in values for c in v.split(",") if c.strip())
    from govgraph.checks.policy import known_pattern

    for code in codes:
        if not known_pattern(code):
            raise InvalidOption(
                option="--select/--ignore", value=code, reason="no rule has this code (see `govgraph rules`)"
            )
    return codes


@cli.command()
@click.argument("models", nargs=-1, metavar="[MODEL]...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS_FINDINGS),
    default=None,
    help="Report format [default: github under GitHub Actions, else text].",
)
@click.option(
    "--select", multiple=True, metavar="CODES", help="Report only these rules (codes or prefixes: GG4,GG501)."
)
@click.option("--ignore", multiple=True, metavar="CODES", help="Do not report these rules (codes or prefixes).")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default="error",
    show_default=True,
    help="Exit 1 when a finding is at least this severe.",
)
@_as_of_option
def check(
    models: tuple[str, ...],
    fmt: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str,
    as_of: str | None,
) -> None:
    """Check each MODEL for errors and inconsistencies (default: the model found as for every command).

    \b
    Prints `file:line:col: severity CODE message` for each finding and a summary, and exits 1 when a finding
    is at least as severe as --fail-on. `govgraph rules` lists the checks; `govgraph explain CODE` explains one.
    Examples:
      govgraph check
      govgraph check data/governance.yaml --fail-on warning
      govgraph check --select GG4 --format json
    """
    import os

    from govgraph.checks import check as run_checks
    from govgraph.checks.report import render_reports
    from govgraph.findings import Finding, Severity
    from govgraph.loading import load, locate_model

    when = _as_of(as_of)
    chosen = fmt or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    selected, ignored = _codes(select), _codes(ignore)
    threshold = Severity.parse(fail_on)
    paths = [locate_model(m) for m in models] if models else [locate_model(None)]
    failed = False
    reports: list[tuple[str, list[Finding]]] = []
    for path in paths:
        try:
            result = run_checks(load(path), as_of=when, select=selected, ignore=ignored)
            findings = list(result.findings)
            failed |= result.fails(threshold)
        except ModelError as exc:
            findings = exc.findings
            failed = True
        reports.append((str(path), findings))
    click.echo(render_reports(chosen, reports, version=__version__), nl=False)
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(fmt: str) -> None:
    """List every check: code, default severity, name and what it finds.

    \b
    Example: govgraph rules
    """
    from govgraph.checks import all_rules
    from govgraph.checks.report import rules_data, rules_text

    listed = list(all_rules())
    if fmt == "json":
        click.echo(json.dumps(rules_data(listed), indent=2, ensure_ascii=False))
    else:
        click.echo(rules_text(listed), nl=False)


@cli.command()
@click.argument("code")
def explain(code: str) -> None:
    """Explain one check: what it finds, why it matters, an example and how to silence it.

    \b
    Example: govgraph explain GG401
    """
    from govgraph.checks import find_rule
    from govgraph.checks.report import rule_text

    found = find_rule(code)
    click.echo(rule_text(found), nl=False)


@cli.command()
@click.argument("name")
@_model_option
@_as_of_option
@_format_option
def show(name: str, model: str | None, as_of: str | None, fmt: str) -> None:
    """Show the card of one body: NAME is its id, name, short name or alias (any case).

    \b
    The card gives its names, kind, status and history (with when and by whose decision it closed), chairs,
    members and what they represent, lines out and in by relation, and sources.
    Examples:
      govgraph show pcag
      govgraph show "Personalised Care Advisory Group" --as-of 2024-06
      govgraph show clp --as-of 2025-04           closed: says when and by whose decision
      govgraph show pcag --format mermaid
    """
    from govgraph.queries import show as show_card

    _emit(fmt, show_card(_load(model), name, as_of=_as_of(as_of)), "card")


def _selection(
    focus: str | None,
    up: int | None,
    down: int | None,
    relations: tuple[str, ...],
    kinds: tuple[str, ...],
    organisations: tuple[str, ...],
    as_of: str | None,
    full_history: bool,
) -> dict[str, Any]:
    """The view options of render and export as `views.select_view`'s keyword arguments."""
    return {
        "focus": focus,
        "up": up,
        "down": down,
        "relations": _include(relations) or None,
        "kinds": _include(kinds) or None,
        "organisations": organisations or None,
        "as_of": _as_of(as_of),
        "full_history": full_history,
    }


def _include(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


@cli.command()
@click.argument("from_", metavar="FROM")
@click.argument("to", metavar="TO")
@click.option(
    "--include",
    multiple=True,
    metavar="dotted,steers",
    help="Also follow dotted lines and/or steering lines (reports_to and part_of are always followed).",
)
@click.option("--via", metavar="BODY", help="Only routes through BODY.")
@click.option("--avoid", multiple=True, metavar="BODY", help="No route through BODY (may be repeated).")
@click.option(
    "--max",
    "max_routes",
    type=click.IntRange(min=1),
    metavar="N",
    default=20,
    show_default=True,
    help="Give at most N routes (the search stops there, however many there are).",
)
@_model_option
@_as_of_option
@_format_option
def path(
    from_: str,
    to: str,
    include: tuple[str, ...],
    via: str | None,
    avoid: tuple[str, ...],
    max_routes: int,
    model: str | None,
    as_of: str | None,
    fmt: str,
) -> None:
    """Every route from the body FROM up to the body TO, shortest first, each step naming its relation.

    \b
    "No route" is an answer too (exit 0): it names the nearest body both reach, and with --as-of what had
    ended by then. Without --as-of, lines that have ended and bodies that have closed are marked.
    Examples:
      govgraph path "Community Chest" LCEG
      govgraph path "Community Chest" "London Leaders Group" --include dotted
      govgraph path community-chest lceg --as-of 2025-04     the programme had closed
      govgraph path community-chest lceg --via pcag --max 5 --format json
    """
    from govgraph.queries import paths

    answer = paths(
        _load(model),
        from_,
        to,
        include=_include(include),
        via=via,
        avoid=avoid,
        max_routes=max_routes,
        as_of=_as_of(as_of),
    )
    _emit(fmt, answer, "path")


@cli.command()
@click.argument("name")
@_model_option
@_as_of_option
@_format_option
def chain(name: str, model: str | None, as_of: str | None, fmt: str) -> None:
    """The line of accountability of the body NAME up to the top, with every branch where it has several parents.

    \b
    Follows reports_to and part_of. Without --as-of, lines that have ended are marked.
    Examples:
      govgraph chain "Community Chest"
      govgraph chain hec
      govgraph chain community-chest --as-of 2024-06 --format mermaid
    """
    from govgraph.queries import chain as chain_of

    _emit(fmt, chain_of(_load(model), name, as_of=_as_of(as_of)), "chain")


@cli.command()
@click.argument("name")
@click.option("--depth", type=click.IntRange(min=1), metavar="N", help="Show N levels below NAME [default: all].")
@_model_option
@_as_of_option
@_format_option
def under(name: str, depth: int | None, model: str | None, as_of: str | None, fmt: str) -> None:
    """Everything that reports into the body NAME (reports_to and part_of), as a tree.

    \b
    Examples:
      govgraph under PCAG
      govgraph under clp --depth 1
      govgraph under pcag --as-of 2025-04          after the programme closed
    """
    from govgraph.queries import under as under_of

    answer = under_of(_load(model), name, depth=depth, as_of=_as_of(as_of))
    _emit(fmt, answer, "under")


@cli.command()
@click.argument("role", required=False)
@_model_option
@_as_of_option
@_format_option
def roles(role: str | None, model: str | None, as_of: str | None, fmt: str) -> None:
    """What each post chairs and sits on, and who holds it; or only the post ROLE (id, title or alias).

    \b
    Flags a post that chairs several bodies in one line of accountability.
    Examples:
      govgraph roles
      govgraph roles "clinical director for personalised care"
      govgraph roles pc-sro --as-of 2024-06 --format json
    """
    from govgraph.queries import roles as role_loads

    _emit(fmt, role_loads(_load(model), role, as_of=_as_of(as_of)), "roles")


def _view_options(verb: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The view selection options that `render` and `export` share (`views.select_view`'s arguments);
    `verb` is what the command does with the selection (Draw, Export)."""
    options: list[Callable[[Callable[..., Any]], Callable[..., Any]]] = [
        click.option(
            "--view", metavar="VIEW", help="A named entry of the model's `views:` [default: the whole model]."
        ),
        click.option("--focus", metavar="BODY", help=f"{verb} only what BODY reaches up and down (id, name or alias)."),
        click.option("--up", type=click.IntRange(min=0), metavar="N", help="With --focus: N levels up [default: all]."),
        click.option(
            "--down", type=click.IntRange(min=0), metavar="N", help="With --focus: N levels down [default: all]."
        ),
        click.option(
            "--relations", multiple=True, metavar="R,R", help=f"{verb} only these relations (reports_to,dotted_to,...)."
        ),
        click.option(
            "--kinds", multiple=True, metavar="K,K", help=f"{verb} only bodies of these kinds (board,programme,...)."
        ),
        click.option(
            "--organisation", "organisations", multiple=True, metavar="ORG", help=f"{verb} only bodies ORG hosts."
        ),
        _as_of_option,
        click.option(
            "--full-history",
            is_flag=True,
            help=f"With --as-of: also {verb.lower()} what had closed by then"
            + (", greyed." if verb == "Draw" else "."),
        ),
    ]

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(options):
            function = option(function)
        return function

    return decorate


@cli.command()
@click.argument("model_file", metavar="[MODEL]", required=False)
@_model_option
@_view_options("Draw")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["dot", "svg", "png", "pdf", "mermaid", "html"]),
    default="svg",
    show_default=True,
    help="svg, png, pdf and html need a Graphviz engine; dot and mermaid do not. html is an interactive page "
    "(search, click a body for its line of accountability, a date control) that works offline.",
)
@click.option("--engine", metavar="COMMAND", help="The Graphviz command [default: $GOVGRAPH_DOT, dot, graphviz-pure].")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE [default: standard output].")
@click.option(
    "--split",
    is_flag=True,
    help="Mermaid only: a diagram too large for GitHub is written as one diagram per branch (FILE-1.mmd, ...).",
)
@click.option("--full", is_flag=True, help="Draw every body even of a very large structure (see below).")
def render(
    model_file: str | None,
    model: str | None,
    view: str | None,
    focus: str | None,
    up: int | None,
    down: int | None,
    relations: tuple[str, ...],
    kinds: tuple[str, ...],
    organisations: tuple[str, ...],
    as_of: str | None,
    full_history: bool,
    fmt: str,
    engine: str | None,
    output: str | None,
    split: bool,
    full: bool,
) -> None:
    """Draw the model, or one view of it, as DOT, SVG, PNG, PDF, Mermaid or an interactive HTML page.

    A structure too large for one diagram readable on A4 (body names at 7 pt) is drawn as a linked set: an
    overview of its top levels, each box at the edge saying how many bodies are below it and opening its branch's
    diagram (written beside -o FILE as FILE-<branch>). --full draws it all in one; --focus one part.

    \b
    Examples:
      govgraph render --view overview -o overview.svg
      govgraph render --format html -o governance.html
      govgraph render --view accountability --format mermaid
      govgraph render --focus PCAG --up 1 --down 2 --format png -o pcag.png
      govgraph render --as-of 2024-06 --full-history --format dot
      govgraph render --format mermaid --split -o overview.mmd
    """
    from govgraph.errors import UsageError
    from govgraph.views import select_view

    if model_file and model:
        raise UsageError("give the model once: as MODEL or with --model")
    if fmt == "html":
        _render_html(
            _load(model_file or model),
            view,
            **_selection(focus, up, down, relations, kinds, organisations, as_of, full_history),
            split=split,
            engine=engine,
            output=output,
        )
        return
    diagram = select_view(
        _load(model_file or model),
        view,
        **_selection(focus, up, down, relations, kinds, organisations, as_of, full_history),
    )
    if split:
        _write_split(diagram, fmt, output)
        return
    sheets = [diagram] if full or fmt == "mermaid" else None
    if sheets is None:
        from govgraph.render.diagram import diagram_sheets

        sheets = diagram_sheets(diagram, fmt)
    _write_sheets(
        sheets, fmt, output, engine=engine, more="--full draws every body in one diagram; --focus BODY draws one part"
    )


def _write_sheets(sheets: list[Any], fmt: str, output: str | None, *, engine: str | None, more: str = "") -> None:
    """Write a diagram drawn as `sheets` (one, or an overview and the sheets it links to): the overview to `output`
    (or standard output), the others beside it as OUTPUT-<part>.<ext>, each SVG and PDF linking to the others.
    `more` is advice on the command's own options, added to the note that says so."""
    import warnings

    from govgraph.render.diagram import render_diagram

    target = Path(output) if output else None
    first = sheets[0].id
    names = {
        s.id: f"{target.stem if target else first}{s.id[len(first) :]}{target.suffix if target else ''}" for s in sheets
    }
    if len(sheets) > 1:
        bodies = len({n.id for s in sheets for n in s.nodes if not n.group})
        readable = "GitHub draws" if fmt == "mermaid" else "readable on A4"
        action = "the others beside it" if target else "give -o FILE to write all of them"
        click.echo(
            f"govgraph: note: {bodies:,} bodies are too many for one diagram {readable}: drawn as {len(sheets)} "
            f"linked diagrams, the overview first; {action}" + (f" ({more})" if more else ""),
            err=True,
        )
    for sheet in sheets if target else sheets[:1]:
        links = {s.id: names[s.id] for s in sheets} if target and len(sheets) > 1 else None
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = render_diagram(sheet, fmt, engine=engine, links=links)
        for warning in caught:
            click.echo(f"govgraph: warning: {warning.message}", err=True)
        path = str(target.with_name(names[sheet.id])) if target and sheet.id != first else output
        _put(result, path, fmt)
        if target and len(sheets) > 1:
            click.echo(f"wrote {path}")


def _render_html(
    model: Model, view: str | None, *, full_history: bool, split: bool, output: str | None, **options: Any
) -> None:
    import warnings

    from govgraph.errors import UsageError
    from govgraph.render.html import html_page

    if full_history or split:
        raise UsageError(
            f"{'--full-history' if full_history else '--split'} is not for --format html: the page has a date "
            "control, greys what had closed by the date chosen, and draws any size"
        )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        page = html_page(model, view, **options)
    for warning in caught:
        click.echo(f"govgraph: warning: {warning.message}", err=True)
    _put(page, output, "html")


def _write(path: Path, content: str | bytes) -> None:
    """Write one output file whole or not at all (a temporary file beside it, then renamed over it), or say
    plainly why it cannot be written; an earlier version of the file is never left half-overwritten."""
    import os
    import tempfile

    from govgraph.errors import UsageError

    data = content if isinstance(content, bytes) else content.encode("utf-8")
    temporary = None
    try:
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", delete=False) as handle:
            temporary = handle.name
            handle.write(data)
        os.replace(temporary, path)
    except OSError as exc:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


def _write_split(diagram: Any, fmt: str, output: str | None) -> None:
    from pathlib import Path

    from govgraph.errors import UsageError
    from govgraph.render.mermaid import diagram_mermaid_parts

    if fmt != "mermaid":
        raise UsageError(
            "--split is for --format mermaid (GitHub's Mermaid limits); the other formats draw a large structure as "
            "linked diagrams by themselves (give -o FILE)"
        )
    parts = diagram_mermaid_parts(diagram)
    if len(parts) == 1:
        _put(parts[0], output, fmt)
        return
    if not output:
        raise UsageError(
            f"the diagram is drawn as {len(parts)} parts: give -o FILE to write FILE-1 to FILE-{len(parts)}"
        )
    target = Path(output)
    for i, text in enumerate(parts, start=1):
        path = target.with_name(f"{target.stem}-{i}{target.suffix}")
        _write(path, text)
        click.echo(f"wrote {path}")


@cli.command()
@click.argument("model_file", metavar="[MODEL]", required=False)
@_model_option
@click.option(
    "-o",
    "--output",
    metavar="FOLDER",
    help="The folder to build [default: output, or output-DATE with --as-of].",
)
@click.option(
    "--check", "check_only", is_flag=True, help="Write nothing; exit 1 and list what differs if FOLDER is stale."
)
@click.option("--allow-errors", is_flag=True, help="Build even if the model has errors (the pages say so).")
@_as_of_option
@click.option("--engine", metavar="COMMAND", help="The Graphviz command [default: $GOVGRAPH_DOT, dot, graphviz-pure].")
def build(
    model_file: str | None,
    model: str | None,
    output: str | None,
    check_only: bool,
    allow_errors: bool,
    as_of: str | None,
    engine: str | None,
) -> None:
    """Write the documentation section: Markdown pages, diagrams and data, for a docs site or for GitHub.

    The folder is written whole or not at all: the previous build stays as it was if anything fails. Only files
    that changed are rewritten, and only diagrams that changed are drawn again.

    \b
    Examples:
      govgraph build                         build ./data/governance.yaml into output/
      govgraph build my-board.yaml -o docs/governance
      govgraph build --check                 in CI: fail when output/ is not the build of the model
      govgraph build --as-of 2024-06         the structure in June 2024, into output-2024-06/
    """
    import os
    from pathlib import Path

    from govgraph.build import build as build_section
    from govgraph.build import check_output
    from govgraph.errors import UsageError

    if model_file and model:
        raise UsageError("give the model once: as MODEL or with --model")
    loaded = _load(model_file or model)
    date = _as_of(as_of)
    target = Path(output or (f"output-{date}" if date else "output"))
    if check_only:
        differences = check_output(loaded, target, as_of=date, allow_errors=allow_errors)
        if not differences:
            click.echo(f"{target}/ is up to date.")
            return
        click.echo(f"{target}/ is not the build of {loaded.file} ({len(differences)} differences):")
        for difference in differences:
            click.echo(f"  {difference}")
        click.echo(f"Run `govgraph build{' -o ' + str(target) if output else ''}` and commit the result.")
        sys.exit(EXIT_FINDINGS)
    import warnings

    show_progress = sys.stderr.isatty() and not os.environ.get("CI")
    with warnings.catch_warnings(record=True) as caught, _Progress(show_progress) as progress:
        warnings.simplefilter("always")
        result = build_section(loaded, target, as_of=date, allow_errors=allow_errors, engine=engine, progress=progress)
    for warning in sorted({str(w.message) for w in caught}):
        click.echo(f"govgraph: warning: {warning}", err=True)
    for note in result.warnings:
        click.echo(f"govgraph: note: {note}", err=True)
    if not result.changed:
        click.echo(f"{target}/ is up to date: nothing written.")
        return
    click.echo(
        f"built {target}/: {len(result.written)} files written, {len(result.rendered)} diagrams drawn, "
        f"{len(result.kept)} unchanged. Start at {target / 'index.md'}."
    )


@cli.command()
@click.argument("model_file", metavar="[MODEL]", required=False)
@_model_option
@click.option("-o", "--output", metavar="FOLDER", default="output", show_default=True, help="The folder to build.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="0: any free port.")
@click.option("--bind", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--engine", metavar="COMMAND", help="The Graphviz command [default: $GOVGRAPH_DOT, dot, graphviz-pure].")
def serve(model_file: str | None, model: str | None, output: str, port: int, bind: str, engine: str | None) -> None:
    """Build the documentation section, show it at http://127.0.0.1:8000/, and build again on every save.

    \b
    Examples:
      govgraph serve                          then open http://127.0.0.1:8000/explore.html
      govgraph serve my-board.yaml -o site --port 8080
    """
    from pathlib import Path

    from govgraph.build import build as build_section
    from govgraph.build.serve import serve as serve_folder
    from govgraph.errors import UsageError
    from govgraph.loading import load, locate_model

    if model_file and model:
        raise UsageError("give the model once: as MODEL or with --model")
    path = locate_model(model_file or model)
    target = Path(output)

    def rebuild() -> str:
        result = build_section(load(path), target, engine=engine)
        if not result.changed:
            return f"{target}/ is up to date"
        return f"rebuilt {target}/: {len(result.written)} files written, {len(result.rendered)} diagrams drawn"

    click.echo(rebuild())
    try:
        serve_folder(path, target, rebuild, host=bind, port=port, say=click.echo)
    except OSError as exc:
        raise UsageError(f"cannot serve on {bind}:{port}: {exc.strerror or exc} (try another --port)") from None
    except KeyboardInterrupt:
        click.echo("stopped")


class _Progress:
    """A progress bar on standard error for diagrams being drawn, shown only on a terminal (quiet in CI) and only
    once drawing has taken more than a moment."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None
        self.started = 0.0

    def __enter__(self) -> Callable[[int, int], None]:
        import time

        self.started = time.monotonic()
        return self.update

    def update(self, done: int, total: int) -> None:
        import time

        if not self.enabled:
            return
        if self.bar is None:
            if time.monotonic() - self.started < 1.0:
                return
            self.bar = click.progressbar(length=total, label="drawing diagrams", file=sys.stderr)
            self.bar.__enter__()
            self.bar.update(done - 1)
        self.bar.update(1)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


DIFF_FORMATS = ("text", "markdown", "json", "dot", "mermaid", "svg", "png", "pdf")


@cli.command()
@click.argument("sides", nargs=-1, metavar="OLD NEW")
@_model_option
@click.option(
    "--as-of",
    "as_of",
    multiple=True,
    metavar="DATE",
    help="Twice: compare one model (MODEL, -m or the default) on two dates. Once: compare OLD and NEW as they "
    "both stood on DATE.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(DIFF_FORMATS),
    default="text",
    show_default=True,
    help="text, markdown (a change log to paste into a paper) or json; dot, mermaid, svg, png or pdf for a diagram "
    "of both with the changes coloured (svg, png and pdf need a Graphviz engine).",
)
@click.option("--engine", metavar="COMMAND", help="The Graphviz command [default: $GOVGRAPH_DOT, dot, graphviz-pure].")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE [default: standard output].")
def diff(
    sides: tuple[str, ...], model: str | None, as_of: tuple[str, ...], fmt: str, engine: str | None, output: str | None
) -> None:
    """What changed between two versions of a model, body by body. OLD and NEW are files, or git revisions of one
    written REV:path (read with `git show`; nothing is checked out).

    \b
    Lists bodies added and removed, renamed or replaced, kinds, statuses, chairs, members, lines added, removed,
    moved or changed between solid and dotted (a branch that moved is reported once, at its top), dates and
    sources; and posts, organisations, groups and sources that changed.
    Examples:
      govgraph diff old.yaml data/governance.yaml
      govgraph diff HEAD~1:data/governance.yaml data/governance.yaml
      govgraph diff main:data/governance.yaml HEAD:data/governance.yaml --format markdown -o changes.md
      govgraph diff --as-of 2024-06 --as-of 2025-04           the default model, June 2024 against April 2025
      govgraph diff v1.yaml v2.yaml --format svg -o changes.svg
    """
    from govgraph.changes import compare

    compared = compare(sides, [d for d in (_as_of(v) for v in as_of) if d is not None], model=model)
    if fmt in ("text", "markdown", "json"):
        from govgraph.changes import report

        if fmt == "json":
            result: str | bytes = json.dumps(report.diff_data(compared), indent=2, ensure_ascii=False) + "\n"
        else:
            result = report.diff_text(compared) if fmt == "text" else report.diff_markdown(compared)
    else:
        from govgraph.render.changes import diff_sheets

        # A large diff is divided as any large diagram is: an overview, and its branches beside it.
        _write_sheets(diff_sheets(compared, fmt), fmt, output, engine=engine)
        return
    _put(result, output, fmt)


def _put(result: str | bytes, output: str | None, fmt: str, *, binary: str = "") -> None:
    """Write `result` to the file `output`, or print it (binary output only when not to a terminal, else the
    advice `binary`, by default to write it to a file)."""
    from govgraph.errors import UsageError

    if output:
        _write(Path(output), result)
    elif isinstance(result, bytes):
        if sys.stdout.isatty():
            raise UsageError(binary or f"--format {fmt} is binary: write it to a file with -o FILE")
        sys.stdout.buffer.write(result)
        sys.stdout.flush()
    else:
        click.echo(result, nl=False)


@cli.command()
@click.argument("args", nargs=-1, metavar="[MODEL] [NAME]")
@_model_option
@click.option("--since", metavar="DATE", help="Only events on or after DATE.")
@click.option("--until", metavar="DATE", help="Only events up to DATE.")
@_as_of_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="text to read, markdown for a page, json for programs.",
)
def timeline(
    args: tuple[str, ...],
    model: str | None,
    since: str | None,
    until: str | None,
    as_of: str | None,
    fmt: str,
) -> None:
    """The dated events of the model, or of the body NAME (id, name, short name or alias), oldest first.

    \b
    Set up, status changes and renames, closures and whose decision they were, chairs, post holders and members
    coming and going, lines starting and ending. A body's timeline includes the lines into it. --as-of DATE
    gives the events up to DATE. A MODEL file may come before NAME, or be given with -m.
    Examples:
      govgraph timeline
      govgraph timeline clp                      the programme, and its closure by LRET's decision
      govgraph timeline data/governance.yaml PCAG --format markdown
      govgraph timeline --since 2025 --format json
    """
    from govgraph.changes import report
    from govgraph.errors import UsageError

    file, name = _model_and_name(args, model)
    if as_of and until:
        raise UsageError("give --as-of or --until, not both: each says up to which date")
    loaded = _load(file)
    start, end = _as_of(since), _as_of(until or as_of)
    if fmt == "json":
        data = report.timeline_data(loaded, name, since=start, until=end)
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    elif fmt == "markdown":
        click.echo(report.timeline_markdown(loaded, name, since=start, until=end, level=1), nl=False)
    else:
        click.echo(report.timeline_text(loaded, name, since=start, until=end), nl=False)


def _model_and_name(args: tuple[str, ...], model: str | None) -> tuple[str | None, str | None]:
    """The model file and the body name of `[MODEL] [NAME]`: one argument is the model when it is a file (or
    names a YAML file), else the name."""
    from govgraph.errors import UsageError

    if len(args) > 2 or (len(args) == 2 and model):
        raise UsageError("give at most a MODEL and a NAME (the model once: as MODEL or with --model)")
    if len(args) == 2:
        return args[0], args[1]
    if len(args) == 1 and not model and (Path(args[0]).is_file() or args[0].endswith((".yaml", ".yml"))):
        return args[0], None
    return model, args[0] if args else None


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to FILE.")
@click.option(
    "--of",
    "which",
    type=click.Choice(["model", "report", "diff", "timeline"]),
    default="model",
    show_default=True,
    help="The model file format, or the JSON of `govgraph check`, `govgraph diff` or `govgraph timeline`.",
)
def schema(output: str | None, which: str) -> None:
    """Print the JSON Schema of the model file format (for editors such as VS Code's YAML extension).

    \b
    Example, in VS Code's settings.json:
      "yaml.schemas": {"./governance.schema.json": "data/governance.yaml"}
    """
    if which == "report":
        from govgraph.checks.report import REPORT_SCHEMA

        document = REPORT_SCHEMA
    elif which in ("diff", "timeline"):
        from govgraph.changes.report import DIFF_SCHEMA, TIMELINE_SCHEMA

        document = DIFF_SCHEMA if which == "diff" else TIMELINE_SCHEMA
    else:
        from govgraph.loading import json_schema

        document = json_schema()
    text = json.dumps(document, indent=2, sort_keys=True) + "\n"
    if output:
        from pathlib import Path

        _write(Path(output), text)
    else:
        click.echo(text, nl=False)


@cli.command()
@click.argument("model_file", metavar="[MODEL]", required=False)
@_model_option
@_view_options("Export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    required=True,
    help="graphml for yEd, gexf for Gephi, json for programs (and `govgraph import json`), jsonld for linked "
    "data, csv for Excel (a zip of three tables), cypher for Neo4j, Memgraph or FalkorDB.",
)
@click.option(
    "--table",
    type=click.Choice(["bodies", "relations", "membership"]),
    help="With --format csv: write this one table as a .csv file instead of a zip of all three.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE [default: standard output].")
def export(
    model_file: str | None,
    model: str | None,
    view: str | None,
    focus: str | None,
    up: int | None,
    down: int | None,
    relations: tuple[str, ...],
    kinds: tuple[str, ...],
    organisations: tuple[str, ...],
    as_of: str | None,
    full_history: bool,
    fmt: str,
    table: str | None,
    output: str | None,
) -> None:
    """Write the model, or one view of it, for another tool: yEd, Gephi, Excel, a graph database, linked data.

    \b
    Choose what to export as for `govgraph render` (--view, --focus, --as-of...); without any of them the whole
    model is written. --format csv writes a zip holding bodies.csv, relations.csv and membership.csv (UTF-8,
    opens in Excel); --table picks one of them as a plain .csv file.
    Examples:
      govgraph export --format graphml -o governance.graphml
      govgraph export --format csv -o governance.zip
      govgraph export --format csv --table membership -o membership.csv
      govgraph export --format json -o governance.json
      govgraph export --format cypher --as-of 2024-06 -o governance.cypher
      govgraph export --format jsonld --focus PCAG --down 1
    """
    from govgraph.errors import UsageError
    from govgraph.exchange.export import export as export_model

    if model_file and model:
        raise UsageError("give the model once: as MODEL or with --model")
    result = export_model(
        _load(model_file or model),
        fmt,
        view=view,
        **_selection(focus, up, down, relations, kinds, organisations, as_of, full_history),
        table=table,
    )
    _put(result, output, fmt, binary=f"--format {fmt} is a zip file: write it with -o FILE.zip, or pick one --table")


@cli.group("import")
def import_() -> None:
    """Make a model file from data you already have: an organogram, a Backstage catalog, an exported JSON file.

    \b
    The new model is written as YAML to edit by hand; problems found in the data are listed with their place
    (CSV row and column, or file line and column), and `govgraph check` then explains what the structure shows.
    """


def _imported(result: Any, output: str | None) -> None:
    """Write an importer's model (to -o, else standard output) and report what it found in the input."""
    from govgraph.checks.report import format_text

    if result.findings:
        click.echo(format_text(result.findings, "the input").rstrip("\n"), err=True)
    if output:
        _write(Path(output), result.text)
        counts = ", ".join(f"{n} {what}" for what, n in result.counts.items())
        click.echo(f"wrote {output} ({counts}); next: govgraph check {output}", err=True)
    else:
        click.echo(result.text, nl=False)


_IMPORT_OUTPUT = click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write the model to FILE [default: standard output]."
)


@import_.command("organogram")
@click.argument("senior", type=click.Path(dir_okay=False))
@click.argument("junior", type=click.Path(dir_okay=False), required=False)
@_IMPORT_OUTPUT
def import_organogram(senior: str, junior: str | None, output: str | None) -> None:
    """A UK government organogram: SENIOR posts CSV and, if you have it, the JUNIOR posts CSV.

    \b
    Units become bodies reporting to the unit their head reports to; posts become roles, held by the person
    named (N/D: not disclosed; Vacant and Eliminated: held by no one). Example:
      govgraph import organogram senior.csv junior.csv -o model.yaml
    """
    from govgraph.exchange.organogram import import_organogram as read_organogram

    _imported(read_organogram(senior, junior), output)


@import_.command("backstage")
@click.argument("folder", type=click.Path(file_okay=True))
@_IMPORT_OUTPUT
def import_backstage(folder: str, output: str | None) -> None:
    """The Group and User entities of a Backstage software catalog (every .yaml file under FOLDER).

    \b
    Groups become bodies reporting to their parent; users become roles that sit on their groups. Example:
      govgraph import backstage catalog/ -o model.yaml
    """
    from govgraph.exchange.backstage import import_backstage as read_backstage

    _imported(read_backstage(folder), output)


@import_.command("json")
@click.argument("file", type=click.Path(dir_okay=False))
@_IMPORT_OUTPUT
def import_json(file: str, output: str | None) -> None:
    """A file written by `govgraph export --format json`, back into a model file.

    \b
    Example:
      govgraph import json governance.json -o model.yaml
    """
    from govgraph.exchange.node_link import read_node_link

    _imported(read_node_link(file), output)


def _fail(error: GovGraphError) -> NoReturn:
    if isinstance(error, ModelError):
        from govgraph.checks.report import format_text

        file = error.findings[0].location.file if error.findings and error.findings[0].location else "model"
        click.echo(format_text(error.findings, file), nl=False, err=True)
        if type(error) is not ModelError:  # a refusal because of the findings says what was not done
            click.echo(f"govgraph: {error.message}", err=True)
    else:
        click.echo(f"govgraph: {error.message}", err=True)
    sys.exit(error.exit_code)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `govgraph` command."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    if argv is None:
        # The process ends when the command does. Python's shutdown runs a full cyclic collection first, which on
        # a large model walks millions of objects for nothing (0.3 s for two 10,000-body models in `diff`);
        # frozen objects are left out of it. Called from a program (`argv` given), nothing is frozen.
        atexit.register(gc.freeze)
    try:
        cli.main(args=argv, prog_name="govgraph", standalone_mode=False)
    except GovGraphError as error:
        _fail(error)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("govgraph: interrupted", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        click.echo("govgraph: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(EXIT_OK)
    except Exception as exc:
        if debug:
            traceback.print_exc()
        else:
            click.echo(
                f"govgraph: internal error: {type(exc).__name__}: {exc}\n"
                "This is a bug in govgraph. Run the command again with --debug for the details, and report them.",
                err=True,
            )
        sys.exit(EXIT_INTERNAL)
    sys.exit(EXIT_OK)
