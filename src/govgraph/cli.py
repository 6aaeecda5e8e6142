"""The `govgraph` command line. Each command parses its options, calls one function of `govgraph.app` and prints
what it answers; every decision is the app's, so the Sphinx directive, the MkDocs plugin and `serve` make the same.

Errors about how a function was called name its parameters (`max_routes`); this module words them with the
command's own flags (`--max`), read from the command's click parameters. `--debug` is accepted before or after
the command's name.

Exit codes: 0 clean; 1 findings at or above the failing severity (a model that cannot be read included);
2 usage errors (unknown option, missing file, a name that matches no body); 3 internal error, with a
traceback only under `--debug`.
"""

from __future__ import annotations

import atexit
import functools
import gc
import json
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

import click

from govgraph._version import __version__
from govgraph.app.answers import TIMELINE_FORMATS
from govgraph.app.checking import CHECK_FORMATS
from govgraph.app.comparing import DIFF_FORMATS
from govgraph.app.drawing import RENDER_FORMATS
from govgraph.app.exchanging import SCHEMAS
from govgraph.errors import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, GovGraphError, ModelError, ParameterError
from govgraph.exchange.export import EXPORT_FORMATS
from govgraph.vocabulary import count, section

if TYPE_CHECKING:
    from govgraph.app import Note, Outcome
    from govgraph.app.outcome import Written

FORMATS_ANSWERS = ("text", "json", "mermaid")
_ENGINE_HELP = "The Graphviz command [default: $GOVGRAPH_DOT, dot, graphviz-pure]."


def _flag_names(command: click.Command) -> Callable[[str], str]:
    """How `command` names each parameter of the library: its option as declared first (`max_routes` -> `--max`,
    `output` -> `-o`) or its argument's name (`model_file` -> `MODEL`); a parameter it does not have is named as
    a flag would be."""
    names: dict[str, str] = {}
    for param in command.params:
        if param.name is None:
            continue
        if isinstance(param, click.Option):
            names[param.name] = param.opts[0]
        else:
            names[param.name] = param.human_readable_name.strip("[].")
    return lambda name: names.get(name, "--" + name.replace("_", "-"))


def _debug(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.find_root().ensure_object(dict)["debug"] = True


class _Command(click.Command):
    """A command that also takes `--debug`, and words a `ParameterError` with its own flags."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(
            click.Option(
                ["--debug"],
                is_flag=True,
                expose_value=False,
                callback=_debug,
                help="Show a traceback for internal errors.",
            )
        )

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ParameterError as error:
            raise error.named(_flag_names(self)) from None


class _Group(click.Group):
    """The `govgraph` group: its commands are `_Command`s, and it turns an error into its message and exit code
    (here rather than in `main`, so that a program running the group, such as click's test runner, sees the same)."""

    command_class = _Command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except (KeyboardInterrupt, BrokenPipeError):
            raise
        except GovGraphError as error:
            _fail(error)
        except Exception as exc:
            if (ctx.obj or {}).get("debug"):
                traceback.print_exc()
            else:
                click.echo(
                    f"govgraph: internal error: {type(exc).__name__}: {exc}\n"
                    "This is a bug in govgraph. Run the command again with --debug for the details, and report them.",
                    err=True,
                )
            sys.exit(EXIT_INTERNAL)


_Group.group_class = _Group


def _say(notes: Sequence[Note]) -> None:
    """Print notes on standard error, each parameter named by the running command's flag."""
    if not notes:
        return
    name = _flag_names(click.get_current_context().command)
    for note in notes:
        click.echo(f"govgraph: {'warning' if note.warning else 'note'}: {note.words(name)}", err=True)


def _answered(outcome: Outcome[Any]) -> Any:
    """The value of a use case's outcome, its notes printed."""
    _say(outcome.notes)
    return outcome.value


def _print(written: Written, *, binary: str = "") -> None:
    """Print what a command produced when no file was asked for (binary output only when not to a terminal, else
    the advice `binary`); when it wrote several files, name them."""
    from govgraph.errors import UsageError

    content = written.content
    if content is None:
        if len(written.files) > 1:
            for path in written.files:
                click.echo(f"wrote {path}")
        return
    if isinstance(content, bytes):
        if sys.stdout.isatty():
            raise UsageError(binary)
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
    else:
        click.echo(content, nl=False)


def _model_option(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "-m",
        "--model",
        "model",
        metavar="FILE",
        help="Model file [default: $GOVGRAPH_MODEL, else governance.yaml or data/governance.yaml here or in a folder "
        "above, up to the repository's root].",
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


def _emit(fmt: str, outcome: Outcome[Any], subject: str) -> None:
    """Print an answer with `govgraph.render.<module>.<subject>_<format>`; only the module asked for is imported,
    since every module imported is start-up time."""
    import importlib

    answer = _answered(outcome)
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


def _output_option(what: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="FILE", help=what)


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="""\b
Examples:
  govgraph check                         check ./governance.yaml or ./data/governance.yaml
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
@click.option("--debug", is_flag=True, help="Show a traceback for internal errors (also after the command's name).")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """govgraph: governance structures (boards, groups, programmes, chairs, reporting and dotted lines)
    as a checked graph, diagrams and documentation."""
    ctx.ensure_object(dict)["debug"] = debug


@cli.command()
@click.argument("model_files", nargs=-1, metavar="[MODEL]...")
@_model_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(CHECK_FORMATS),
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
    model_files: tuple[str, ...],
    model: str | None,
    fmt: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str,
    as_of: str | None,
) -> None:
    """Check each MODEL (or the one given with -m) for errors and inconsistencies (default: the model found as
    for every command).

    \b
    Prints `file:line:col: severity CODE message` for each finding and a summary, and exits 1 when a finding
    is at least as severe as --fail-on. `govgraph rules` lists the checks; `govgraph explain CODE` explains one.
    Examples:
      govgraph check
      govgraph check data/governance.yaml --fail-on warning
      govgraph check -m board.yaml --select GG4 --format json
    """
    from govgraph.app.checking import check_files

    checked = _answered(
        check_files(model_files, model, fmt=fmt, select=select, ignore=ignore, fail_on=fail_on, as_of=as_of)
    )
    click.echo(checked.report, nl=False)
    sys.exit(EXIT_FINDINGS if checked.failed else EXIT_OK)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(fmt: str) -> None:
    """List every check: code, default severity, name and what it finds.

    \b
    Example: govgraph rules
    """
    from govgraph.checks import all_rules
    from govgraph.render.checks import rules_data, rules_text

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
    from govgraph.render.checks import rule_text

    click.echo(rule_text(find_rule(code)), nl=False)


def _named(arguments: tuple[str, ...], model: str | None, **how: Any) -> tuple[str | None, tuple[str, ...]]:
    from govgraph.app.models import model_and_names

    return model_and_names(arguments, model, **how)


@cli.command()
@click.argument("arguments", nargs=-1, metavar="[MODEL] NAME")
@_model_option
@_as_of_option
@_format_option
def show(arguments: tuple[str, ...], model: str | None, as_of: str | None, fmt: str) -> None:
    """Show the card of one body: NAME is its id, name, short name or alias (any case). A MODEL file may come
    before NAME, or be given with -m.

    \b
    The card gives its names, kind, status and history (with when and by whose decision it closed), chairs,
    members and what they represent, lines out and in by relation, and sources.
    Examples:
      govgraph show pcag
      govgraph show "Personalised Care Advisory Group" --as-of 2024-06
      govgraph show clp --as-of 2025-04           closed: says when and by whose decision
      govgraph show board.yaml finance-board
      govgraph show pcag --format mermaid
    """
    from govgraph.app import answers

    file, (name,) = _named(arguments, model, names=1)
    _emit(fmt, answers.show(file, name, as_of=as_of), "card")


@cli.command()
@click.argument("arguments", nargs=-1, metavar="[MODEL] FROM TO")
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
    help="Give at most N routes, up to 1000 (the search stops there, however many there are).",
)
@_model_option
@_as_of_option
@_format_option
def path(
    arguments: tuple[str, ...],
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
    from govgraph.app import answers

    file, (from_, to) = _named(arguments, model, names=2, called="FROM and TO")
    outcome = answers.path(file, from_, to, include=include, via=via, avoid=avoid, max_routes=max_routes, as_of=as_of)
    _emit(fmt, outcome, "path")


@cli.command()
@click.argument("arguments", nargs=-1, metavar="[MODEL] NAME")
@_model_option
@_as_of_option
@_format_option
def chain(arguments: tuple[str, ...], model: str | None, as_of: str | None, fmt: str) -> None:
    """The line of accountability of the body NAME up to the top, with every branch where it has several parents.

    \b
    Follows reports_to and part_of. Without --as-of, lines that have ended are marked.
    Examples:
      govgraph chain "Community Chest"
      govgraph chain hec
      govgraph chain community-chest --as-of 2024-06 --format mermaid
    """
    from govgraph.app import answers

    file, (name,) = _named(arguments, model, names=1)
    _emit(fmt, answers.chain(file, name, as_of=as_of), "chain")


@cli.command()
@click.argument("arguments", nargs=-1, metavar="[MODEL] NAME")
@click.option("--depth", type=click.IntRange(min=1), metavar="N", help="Show N levels below NAME [default: all].")
@_model_option
@_as_of_option
@_format_option
def under(arguments: tuple[str, ...], depth: int | None, model: str | None, as_of: str | None, fmt: str) -> None:
    """Everything that reports into the body NAME (reports_to and part_of), as a tree.

    \b
    Examples:
      govgraph under PCAG
      govgraph under clp --depth 1
      govgraph under pcag --as-of 2025-04          after the programme closed
    """
    from govgraph.app import answers

    file, (name,) = _named(arguments, model, names=1)
    _emit(fmt, answers.under(file, name, depth=depth, as_of=as_of), "under")


@cli.command()
@click.argument("arguments", nargs=-1, metavar="[MODEL] [ROLE]")
@_model_option
@_as_of_option
@_format_option
def roles(arguments: tuple[str, ...], model: str | None, as_of: str | None, fmt: str) -> None:
    """What each post chairs and sits on, and who holds it; or only the post ROLE (id, title or alias).

    \b
    Flags a post that chairs several bodies in one line of accountability.
    Examples:
      govgraph roles
      govgraph roles "clinical director for personalised care"
      govgraph roles pc-sro --as-of 2024-06 --format json
    """
    from govgraph.app import answers

    file, names = _named(arguments, model, names=1, called="a ROLE", optional=True)
    _emit(fmt, answers.roles(file, names[0] if names else None, as_of=as_of), "roles")


def _text_or_json(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help="text to read, json for programs.",
    )(function)


@cli.command()
@click.argument("arguments", nargs=-1, metavar="[MODEL] BODY")
@click.option(
    "--absent", multiple=True, metavar="POST", help="A post that is away (id, title or alias; may be repeated)."
)
@_model_option
@_as_of_option
@_text_or_json
def quorum(arguments: tuple[str, ...], absent: tuple[str, ...], model: str | None, as_of: str | None, fmt: str) -> None:
    """Could the body BODY be quorate, with the posts given with --absent away? Judged from its terms of
    reference: the quorum, and who sits there with a vote.

    \b
    Answers yes, no, or cannot tell (when the record leaves it open, it says what is missing).
    Examples:
      govgraph quorum PCAG --absent "Personalised Care SRO"
      govgraph quorum audit-committee --absent nth-director-of-finance --as-of 2025-03
      govgraph quorum board.yaml finance-board --format json
    """
    from govgraph.app import answers

    file, (name,) = _named(arguments, model, names=1, called="BODY")
    _emit(fmt, answers.quorum(file, name, absent=absent, as_of=as_of), "quorum")


@cli.command("reports-into")
@click.argument("arguments", nargs=-1, metavar="[MODEL] BODY")
@_model_option
@_as_of_option
@_text_or_json
def reports_into(arguments: tuple[str, ...], model: str | None, as_of: str | None, fmt: str) -> None:
    """What the body BODY receives in a year, and from whom: the reports other bodies' terms of reference send it,
    how often, and the bodies accountable to it whose terms record no report.

    \b
    Examples:
      govgraph reports-into "Audit Committee"
      govgraph reports-into board --as-of 2025-06 --format json
    """
    from govgraph.app import answers

    file, (name,) = _named(arguments, model, names=1, called="BODY")
    _emit(fmt, answers.reports_into(file, name, as_of=as_of), "reports_into")


#: The options of a view selection, in the order `app.options.view_selection` takes them.
_VIEW_FIELDS = ("view", "focus", "up", "down", "relations", "kinds", "organisations", "as_of", "full_history")


def _view_options(verb: str, *, dated: bool = True) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The view selection options that `render`, `export` and `diff` share, handed to the command as one
    `selection` (a `views.ViewSelection`); `verb` is what the command does with it (Draw, Export). Without
    `dated` there is no `--as-of` or `--full-history`: `diff` has dates of its own."""
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
    ]
    if dated:
        options += [
            _as_of_option,
            click.option(
                "--full-history",
                is_flag=True,
                help=f"With --as-of: also {verb.lower()} what had closed by then"
                + (", greyed." if verb == "Draw" else "."),
            ),
        ]
    fields = _VIEW_FIELDS if dated else tuple(f for f in _VIEW_FIELDS if f not in ("as_of", "full_history"))

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def selected(**kwargs: Any) -> Any:
            from govgraph.app.options import view_selection

            chosen = {name: kwargs.pop(name) for name in fields}
            return function(selection=view_selection(chosen.pop("view"), **chosen), **kwargs)

        for option in reversed(options):
            selected = option(selected)
        return selected

    return decorate


@cli.command()
@click.argument("model_file", metavar="[MODEL]", required=False)
@_model_option
@_view_options("Draw")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(RENDER_FORMATS),
    default=None,
    help="svg, png, pdf, html, drawio and pptx need a Graphviz engine; dot and mermaid do not. html is an "
    "interactive page (search, click a body for its line of accountability, a date control) that works offline; "
    "drawio (diagrams.net) and pptx (a PowerPoint slide) are drawings to edit, with native boxes and lines "
    "[default: as the -o FILE's name says (.svg, .png, .pdf, .dot, .mmd, .html, .drawio, .pptx), else svg].",
)
@click.option("--engine", metavar="COMMAND", help=_ENGINE_HELP)
@_output_option("Write to FILE [default: standard output]; its name gives the format (chart.png: PNG).")
@click.option(
    "--split",
    is_flag=True,
    help="Mermaid only: a diagram too large for GitHub is written as one diagram per branch (FILE-1.mmd, ...).",
)
@click.option("--full", is_flag=True, help="Draw every body even of a very large structure (see below).")
def render(
    model_file: str | None,
    model: str | None,
    selection: Any,
    fmt: str | None,
    engine: str | None,
    output: str | None,
    split: bool,
    full: bool,
) -> None:
    """Draw the model, or one view of it, as DOT, SVG, PNG, PDF, Mermaid, an interactive HTML page, a diagrams.net
    file or a PowerPoint slide.

    A structure too large for one diagram readable on A4 (body names at 7 pt) is drawn as a linked set: an
    overview of its top levels, each box at the edge saying how many bodies are below it and opening its branch's
    diagram (written beside -o FILE as FILE-<branch>). --full draws it all in one; --focus one part.

    \b
    Examples:
      govgraph render --view overview -o overview.svg
      govgraph render -o governance.html
      govgraph render --view accountability --format mermaid
      govgraph render --focus PCAG --up 1 --down 2 -o pcag.png
      govgraph render --as-of 2024-06 --full-history --format dot
      govgraph render --format mermaid --split -o overview.mmd
      govgraph render --view overview --format drawio -o overview.drawio
      govgraph render --focus PCAG --up 1 --down 1 --format pptx -o pcag.pptx
    """
    from govgraph.app.drawing import render as draw
    from govgraph.app.models import one_model

    outcome = draw(one_model(model_file, model), selection, fmt, output=output, engine=engine, split=split, full=full)
    _print(_answered(outcome), binary=f"--format {fmt or 'svg'} is binary: write it to a file with -o FILE")


_clean_option = click.option(
    "--clean",
    is_flag=True,
    help="Remove from FOLDER the files govgraph did not write (put there or edited by hand); without it, the build "
    "refuses and names them.",
)


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
@click.option("--engine", metavar="COMMAND", help=_ENGINE_HELP)
@_clean_option
def build(
    model_file: str | None,
    model: str | None,
    output: str | None,
    check_only: bool,
    allow_errors: bool,
    as_of: str | None,
    engine: str | None,
    clean: bool,
) -> None:
    """Write the documentation section: Markdown pages, diagrams and data, for a docs site or for GitHub.

    The folder is written whole or not at all: the previous build stays as it was if anything fails. Only files
    that changed are rewritten, and only diagrams that changed are drawn again. The model is never the example
    that ships with govgraph: without a model file here, name one.

    \b
    Examples:
      govgraph build                         build ./data/governance.yaml into output/
      govgraph build my-board.yaml -o docs/governance
      govgraph build --check                 in CI: fail when output/ is not the build of the model
      govgraph build --as-of 2024-06         the structure in June 2024, into output-2024-06/
    """
    import os

    from govgraph.app import documentation
    from govgraph.app.models import one_model

    file = one_model(model_file, model)
    if check_only:
        stale = _answered(documentation.check_docs(file, output, as_of=as_of, allow_errors=allow_errors))
        target = stale.target
        if not stale.differences:
            click.echo(f"{target}/ is up to date.")
            return
        click.echo(f"{target}/ is not the build of {stale.model_file} ({len(stale.differences)} differences):")
        for difference in stale.differences:
            click.echo(f"  {difference}")
        click.echo(f"Run `govgraph build{' -o ' + str(target) if output else ''}` and commit the result.")
        sys.exit(EXIT_FINDINGS)
    show_progress = sys.stderr.isatty() and not os.environ.get("CI")
    with _Progress(show_progress) as progress:
        built = documentation.build_docs(
            file, output, as_of=as_of, allow_errors=allow_errors, engine=engine, progress=progress, clean=clean
        )
    result = _answered(built)
    target = result.target
    if not result.changed:
        click.echo(f"{target}/ is up to date: nothing written.")
        return
    click.echo(f"built {target}/: {documentation.built_words(result)}. Start at {target / 'index.md'}.")


@cli.command()
@click.argument("model_file", metavar="[MODEL]", required=False)
@_model_option
@click.option("-o", "--output", metavar="FOLDER", help="The folder to build [default: output].")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="0: any free port.")
@click.option("--bind", "host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--engine", metavar="COMMAND", help=_ENGINE_HELP)
@_clean_option
def serve(
    model_file: str | None,
    model: str | None,
    output: str | None,
    port: int,
    host: str,
    engine: str | None,
    clean: bool,
) -> None:
    """Build the documentation section, show it at http://127.0.0.1:8000/, and build again on every save.

    \b
    Examples:
      govgraph serve                          then open http://127.0.0.1:8000/explore.html
      govgraph serve my-board.yaml -o site --port 8080
    """
    from govgraph.app import documentation
    from govgraph.app.models import one_model

    try:
        documentation.serve(
            one_model(model_file, model), output, host=host, port=port, engine=engine, clean=clean, say=click.echo
        )
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
            from govgraph.render.terminal import unescaped

            # The bar redraws itself with a carriage return: govgraph's own control of the terminal.
            self.bar = click.progressbar(length=total, label="drawing diagrams", file=unescaped(sys.stderr))
            self.bar.__enter__()
            self.bar.update(done - 1)
        self.bar.update(1)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@cli.command()
@click.argument("sides", nargs=-1, metavar="OLD NEW")
@_model_option
@click.option(
    "--as-of",
    "dates",
    multiple=True,
    metavar="DATE",
    help="Twice: compare one model (MODEL, -m or the default) on two dates. Once: compare OLD and NEW as they "
    "both stood on DATE.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(DIFF_FORMATS),
    default=None,
    help="text, markdown (a change log to paste into a paper), docx (the change log as a Word document) or json; "
    "dot, mermaid, svg, png or pdf for a diagram of both with the changes coloured (svg, png and pdf need a "
    "Graphviz engine) [default: as the -o FILE's name says (.txt, .md, .docx, .json, .dot, .mmd, .svg, .png, "
    ".pdf), else text].",
)
@click.option("--engine", metavar="COMMAND", help=_ENGINE_HELP)
@_output_option("Write to FILE [default: standard output]; its name gives the format (changes.md: Markdown).")
@_view_options("Draw", dated=False)
@click.option(
    "--split",
    is_flag=True,
    help="Mermaid only: a diagram too large for GitHub is written as one diagram per branch (FILE-1.mmd, ...).",
)
@click.option("--full", is_flag=True, help="Draw every body even of a very large structure (see below).")
def diff(
    sides: tuple[str, ...],
    model: str | None,
    dates: tuple[str, ...],
    fmt: str | None,
    engine: str | None,
    output: str | None,
    selection: Any,
    split: bool,
    full: bool,
) -> None:
    """What changed between two versions of a model, body by body. OLD and NEW are files, or git revisions of one
    written REV:path (read with `git show`; nothing is checked out).

    \b
    Lists bodies added and removed, renamed or replaced, kinds, statuses, chairs, members, lines added, removed,
    moved or changed between solid and dotted (a branch that moved is reported once, at its top), dates and
    sources; and posts, organisations, groups, sources, views and settings that changed.

    The diagram formats draw both versions together, with the options of `govgraph render` (--view, --focus,
    --up, --down, --relations, --kinds, --organisation); a structure too large for one diagram readable on A4 is
    drawn as a linked set (its overview to -o FILE, its branches beside it) unless --full.

    \b
    Examples:
      govgraph diff old.yaml data/governance.yaml
      govgraph diff HEAD~1:data/governance.yaml data/governance.yaml
      govgraph diff main:data/governance.yaml HEAD:data/governance.yaml -o changes.md
      govgraph diff --as-of 2024-06 --as-of 2025-04           the default model, June 2024 against April 2025
      govgraph diff v1.yaml v2.yaml -o changes.svg
      govgraph diff v1.yaml v2.yaml --focus PCAG --down 1 -o pcag-changes.svg
    """
    from govgraph.app.comparing import diff as compare

    outcome = compare(
        sides, dates, model=model, fmt=fmt, output=output, engine=engine, selection=selection, full=full, split=split
    )
    _print(_answered(outcome), binary=f"--format {fmt} is binary: write it to a file with -o FILE")


@cli.command()
@click.argument("model_file", metavar="[MODEL]", required=False)
@_model_option
@click.option("--view", metavar="VIEW", help="The diagram: a named view [default: the view `overview`, else all].")
@click.option("--body", "bodies", multiple=True, metavar="NAME", help="Describe this body in detail (repeatable).")
@click.option(
    "--terms", "terms", multiple=True, metavar="NAME", help="Give this body's terms of reference (repeatable)."
)
@click.option(
    "--changes", "since", metavar="OLD", help="Add the change log since OLD: a file, or a git revision as REV:path."
)
@_as_of_option
@click.option("--template", type=click.Path(dir_okay=False), help="A Word document whose styles and page to use.")
@click.option("--engine", metavar="COMMAND", help=_ENGINE_HELP)
@_output_option("Write to FILE.docx [default: standard output].")
def paper(
    model_file: str | None,
    model: str | None,
    view: str | None,
    bodies: tuple[str, ...],
    terms: tuple[str, ...],
    since: str | None,
    as_of: str | None,
    template: str | None,
    engine: str | None,
    output: str | None,
) -> None:
    """Write a board paper on the governance structure as a Word document (.docx).

    \b
    The structure diagram, every body with its chairs, status and what it is accountable to, then (when asked) chosen
    bodies in detail, the terms of reference of chosen bodies and the changes since an earlier version, and the
    sources. Set in Word's own styles, so
    --template applies an organisation's look.
    Examples:
      govgraph paper -o governance.docx
      govgraph paper --view programme-2024 --body PCAG --body CLP -o paper.docx
      govgraph paper --terms "Audit Committee" -o audit-terms.docx
      govgraph paper --changes HEAD~1:data/governance.yaml --template our-paper.docx -o paper.docx
    """
    from govgraph.app.models import one_model
    from govgraph.app.papers import paper as write_paper

    outcome = write_paper(
        one_model(model_file, model),
        view=view,
        bodies=bodies,
        terms=terms,
        since=since,
        as_of=as_of,
        template=template,
        engine=engine,
        output=output,
    )
    _print(_answered(outcome), binary="a paper is a Word document: write it with -o FILE.docx")


@cli.command()
@click.argument("arguments", nargs=-1, metavar="[MODEL] [NAME]")
@_model_option
@click.option("--since", metavar="DATE", help="Only events on or after DATE.")
@click.option("--until", metavar="DATE", help="Only events up to DATE.")
@_as_of_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(TIMELINE_FORMATS),
    default="text",
    show_default=True,
    help="text to read, markdown for a page, json for programs.",
)
def timeline(
    arguments: tuple[str, ...],
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
    gives the events up to DATE. Events dated after DATE (else the model's as_of, else today), such as a term's
    end written ahead of time, are marked "to come". A MODEL file may come before NAME, or be given with -m.
    Examples:
      govgraph timeline
      govgraph timeline clp                      the programme, and its closure by LRET's decision
      govgraph timeline data/governance.yaml PCAG --format markdown
      govgraph timeline --since 2025 --format json
    """
    from govgraph.app import answers

    file, names = _named(arguments, model, names=1, optional=True)
    outcome = answers.timeline(file, names[0] if names else None, since=since, until=until, as_of=as_of, fmt=fmt)
    click.echo(_answered(outcome), nl=False)


@cli.command()
@_output_option("Write to FILE.")
@click.option(
    "--of",
    "which",
    type=click.Choice(SCHEMAS),
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
    from govgraph.app.exchanging import schema as schema_of

    _print(_answered(schema_of(which, output=output)))


@cli.command()
@click.argument("model_file", metavar="[MODEL]", required=False)
@_model_option
@_view_options("Export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    default=None,
    help="graphml for yEd, gexf for Gephi, json for programs (and `govgraph import json`), jsonld for linked "
    "data, csv for Excel (a zip of three tables), cypher for Neo4j, Memgraph or FalkorDB, xlsx for a workbook to "
    "edit in Excel and read back with `govgraph import xlsx` [default: as the -o FILE's name says (.graphml, "
    ".gexf, .json, .jsonld, .zip, .csv, .cypher, .xlsx)].",
)
@click.option(
    "--table",
    type=click.Choice(["bodies", "relations", "membership"]),
    help="With --format csv: write this one table as a .csv file instead of a zip of all three.",
)
@_output_option("Write to FILE [default: standard output]; its name gives the format (governance.graphml).")
def export(
    model_file: str | None,
    model: str | None,
    selection: Any,
    fmt: str | None,
    table: str | None,
    output: str | None,
) -> None:
    """Write the model, or one view of it, for another tool: yEd, Gephi, Excel, a graph database, linked data.

    \b
    Choose what to export as for `govgraph render` (--view, --focus, --as-of...); without any of them the whole
    model is written. --format csv writes a zip holding bodies.csv, relations.csv and membership.csv (UTF-8,
    opens in Excel); --table picks one of them as a plain .csv file.
    Examples:
      govgraph export -o governance.graphml
      govgraph export -o governance.zip
      govgraph export --table membership -o membership.csv
      govgraph export -o governance.xlsx
      govgraph export --format json -o governance.json
      govgraph export --format cypher --as-of 2024-06 -o governance.cypher
      govgraph export --format jsonld --focus PCAG --down 1
    """
    from govgraph.app.exchanging import export as export_model
    from govgraph.app.models import one_model

    outcome = export_model(one_model(model_file, model), selection, fmt, table=table, output=output)
    advice = (
        "--format xlsx is a workbook: write it with -o FILE.xlsx"
        if fmt == "xlsx"
        else f"--format {fmt} is a zip file: write it with -o FILE.zip, or pick one --table"
    )
    _print(_answered(outcome), binary=advice)


@cli.group("import")
def import_() -> None:
    """Make a model file from data you already have: an organogram, a Backstage catalog, an exported JSON file.

    \b
    The new model is written as YAML to edit by hand; problems found in the data are listed with their place
    (CSV row and column, or file line and column), and `govgraph check` then explains what the structure shows.
    """


def _imported(outcome: Outcome[Any]) -> None:
    """Report what an importer found in the input, then print the model or say where it was written."""
    imported = _answered(outcome)
    if imported.report:
        click.echo(imported.report.rstrip("\n"), err=True)
    if imported.written.files:
        (written,) = imported.written.files
        # Counted by section (`roles`), said in the vocabulary's words for people ("1 post", "3 bodies").
        terms = [(section(name), n) for name, n in imported.counts.items()]
        counts = ", ".join(count(n, term.noun, term.plural) for term, n in terms)
        click.echo(f"wrote {written} ({counts}); next: govgraph check {written}", err=True)
    else:
        _print(imported.written)


_IMPORT_OUTPUT = _output_option("Write the model to FILE [default: standard output].")


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
    from govgraph.app import exchanging

    _imported(exchanging.import_organogram(senior, junior, output=output))


@import_.command("backstage")
@click.argument("folder", type=click.Path(file_okay=True))
@_IMPORT_OUTPUT
def import_backstage(folder: str, output: str | None) -> None:
    """The Group and User entities of a Backstage software catalog (every .yaml file under FOLDER).

    \b
    Groups become bodies reporting to their parent; users become roles that sit on their groups. Example:
      govgraph import backstage catalog/ -o model.yaml
    """
    from govgraph.app import exchanging

    _imported(exchanging.import_backstage(folder, output=output))


@import_.command("json")
@click.argument("file", type=click.Path(dir_okay=False))
@_IMPORT_OUTPUT
def import_json(file: str, output: str | None) -> None:
    """A file written by `govgraph export --format json`, back into a model file.

    \b
    Example:
      govgraph import json governance.json -o model.yaml
    """
    from govgraph.app import exchanging

    _imported(exchanging.import_json(file, output=output))


@import_.command("xlsx")
@click.argument("file", type=click.Path(dir_okay=False))
@_IMPORT_OUTPUT
def import_xlsx(file: str, output: str | None) -> None:
    """A workbook written by `govgraph export --format xlsx` (and edited in Excel or LibreOffice), back into a
    model file.

    \b
    Every problem is listed at its sheet and cell (Bodies!D7), with the checks' codes. Example:
      govgraph import xlsx governance.xlsx -o governance.yaml
    """
    from govgraph.app import exchanging

    _imported(exchanging.import_xlsx(file, output=output))


def _fail(error: GovGraphError) -> NoReturn:
    if isinstance(error, ModelError):
        from govgraph.render.checks import format_text

        file = error.findings[0].location.file if error.findings and error.findings[0].location else "model"
        click.echo(format_text(error.findings, file), nl=False, err=True)
        if type(error) is not ModelError:  # a refusal because of the findings says what was not done
            click.echo(f"govgraph: {error.message}", err=True)
    else:
        click.echo(f"govgraph: {error.message}", err=True)
    sys.exit(error.exit_code)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `govgraph` command.

    Everything it writes to standard output and standard error, answers and messages alike, shows control
    characters as `\\uXXXX` instead of sending them to the terminal (see `render.terminal`): a model's names must
    not be able to clear the screen or write to the clipboard of whoever reads them, even through a pipe.
    """
    from govgraph.render.terminal import VisibleStream

    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = VisibleStream(sys.stdout), VisibleStream(sys.stderr)
    try:
        _main(argv)
    finally:
        sys.stdout, sys.stderr = streams


def _main(argv: list[str] | None) -> None:
    if argv is None:
        # The process ends when the command does. Python's shutdown runs a full cyclic collection first, which on
        # a large model walks millions of objects for nothing (0.3 s for two 10,000-body models in `diff`);
        # frozen objects are left out of it. Called from a program (`argv` given), nothing is frozen.
        atexit.register(gc.freeze)
    try:
        # color=True: click would delete what looks like a colour code from output that is not a terminal, hiding
        # it; the streams show every control character instead (govgraph writes no colour of its own).
        cli.main(args=argv, prog_name="govgraph", standalone_mode=False, color=True)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("govgraph: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(EXIT_OK)
    sys.exit(EXIT_OK)
