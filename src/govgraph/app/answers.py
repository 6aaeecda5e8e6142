"""The questions a person asks of a model (`show`, `path`, `chain`, `under`, `roles`, `quorum`, `reports_into`,
`timeline`): the model
found and read as for every command, the dates read, and the answer as a typed value (or, for a timeline, as
text in the format asked for)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from govgraph.app.models import read_model
from govgraph.app.options import listed, parse_date
from govgraph.app.outcome import Outcome
from govgraph.errors import ParameterError
from govgraph.model import PartialDate

if TYPE_CHECKING:
    from govgraph.queries import Card, ChainAnswer, PathAnswer, QuorumQuestion, ReportsIntoAnswer, RoleLoad, UnderAnswer

#: The formats of `govgraph timeline`.
TIMELINE_FORMATS: tuple[str, ...] = ("text", "markdown", "json")


def show(model_file: str | None, name: str, *, as_of: str | PartialDate | None = None) -> Outcome[Card]:
    """One body's card (`queries.show`); errors as there, and as `app.models.read_model`."""
    from govgraph import queries

    opened = read_model(model_file)
    return Outcome(queries.show(opened.value, name, as_of=parse_date(as_of, "as_of")), opened.notes)


def chain(model_file: str | None, name: str, *, as_of: str | PartialDate | None = None) -> Outcome[ChainAnswer]:
    """A body's line of accountability (`queries.chain`); errors as there, and as `app.models.read_model`."""
    from govgraph import queries

    opened = read_model(model_file)
    return Outcome(queries.chain(opened.value, name, as_of=parse_date(as_of, "as_of")), opened.notes)


def under(
    model_file: str | None, name: str, *, depth: int | None = None, as_of: str | PartialDate | None = None
) -> Outcome[UnderAnswer]:
    """What reports into a body (`queries.under`); errors as there, and as `app.models.read_model`."""
    from govgraph import queries

    opened = read_model(model_file)
    return Outcome(queries.under(opened.value, name, depth=depth, as_of=parse_date(as_of, "as_of")), opened.notes)


def roles(
    model_file: str | None, role: str | None = None, *, as_of: str | PartialDate | None = None
) -> Outcome[list[RoleLoad]]:
    """What each post chairs and sits on (`queries.roles`); errors as there, and as `app.models.read_model`."""
    from govgraph import queries

    opened = read_model(model_file)
    return Outcome(queries.roles(opened.value, role, as_of=parse_date(as_of, "as_of")), opened.notes)


def quorum(
    model_file: str | None,
    name: str,
    *,
    absent: Iterable[str] = (),
    as_of: str | PartialDate | None = None,
) -> Outcome[QuorumQuestion]:
    """Could a body be quorate with some posts absent (`queries.quorum`; a post's title may hold a comma, so each
    absent post is one name). Errors as there, and as `app.models.read_model`."""
    from govgraph import queries

    opened = read_model(model_file)
    answer = queries.quorum(opened.value, name, absent=tuple(absent), as_of=parse_date(as_of, "as_of"))
    return Outcome(answer, opened.notes)


def reports_into(
    model_file: str | None, name: str, *, as_of: str | PartialDate | None = None
) -> Outcome[ReportsIntoAnswer]:
    """What a body receives in a year, and from whom (`queries.reports_into`); errors as there, and as
    `app.models.read_model`."""
    from govgraph import queries

    opened = read_model(model_file)
    return Outcome(queries.reports_into(opened.value, name, as_of=parse_date(as_of, "as_of")), opened.notes)


def path(
    model_file: str | None,
    from_: str,
    to: str,
    *,
    include: str | Iterable[str] | None = None,
    via: str | None = None,
    avoid: Iterable[str] = (),
    max_routes: int = 20,
    as_of: str | PartialDate | None = None,
) -> Outcome[PathAnswer]:
    """Every route from one body up to another (`queries.paths`); `include` may be comma-separated words.
    Errors as there, and as `app.models.read_model`."""
    from govgraph import queries

    opened = read_model(model_file)
    answer = queries.paths(
        opened.value,
        from_,
        to,
        include=listed(include),
        via=via,
        avoid=tuple(avoid),
        max_routes=max_routes,
        as_of=parse_date(as_of, "as_of"),
    )
    return Outcome(answer, opened.notes)


def timeline(
    model_file: str | None,
    name: str | None = None,
    *,
    since: str | PartialDate | None = None,
    until: str | PartialDate | None = None,
    as_of: str | PartialDate | None = None,
    fmt: str = "text",
) -> Outcome[str]:
    """The dated events of the model, or of the body `name`, between `since` and `until` (or up to `as_of`, the
    same thing said as for every other command), as text, markdown or json.

    Raises:
        ParameterError: both `until` and `as_of`.
        InvalidOption: a date that is not one (naming which), or an unknown format.
        NameNotFound, AmbiguousName: `name` names no body, or several.
        And as `app.models.read_model`.
    """
    import json

    from govgraph.errors import InvalidOption
    from govgraph.render import changelog as report

    if as_of is not None and until is not None:
        raise ParameterError(
            "give {as_of} or {until}, not both: each says up to which date", parameters=("as_of", "until")
        )
    if fmt not in TIMELINE_FORMATS:
        raise InvalidOption(option="fmt", value=fmt, reason=f"choose from {', '.join(TIMELINE_FORMATS)}")
    start = parse_date(since, "since")
    asked = parse_date(as_of, "as_of")
    end = parse_date(until, "until") if until is not None else asked
    opened = read_model(model_file)
    model = opened.value
    # What is still to come is judged at the date asked about; `until` only ends the window.
    if fmt == "json":
        data = report.timeline_data(model, name, since=start, until=end, as_of=asked)
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    elif fmt == "markdown":
        text = report.timeline_markdown(model, name, since=start, until=end, as_of=asked, level=1)
    else:
        text = report.timeline_text(model, name, since=start, until=end, as_of=asked)
    return Outcome(text, opened.notes)
