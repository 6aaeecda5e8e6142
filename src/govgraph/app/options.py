"""Options as people write them (a date as text, `dotted,steers`, a list of rule codes) turned into values.

Each error names the parameter whose value it refuses (`since`, not a guess at which option it came from), so
the command line, the Sphinx directive and the MkDocs plugin each say it with their own name for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from govgraph.errors import InvalidOption
from govgraph.model import PartialDate

if TYPE_CHECKING:
    from govgraph.views import ViewSelection


def parse_date(value: str | PartialDate | None, parameter: str) -> PartialDate | None:
    """`value` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or a date already) as a date; None stays None.

    Raises:
        InvalidOption: not a date; names `parameter`.
    """
    if value is None or isinstance(value, PartialDate):
        return value
    try:
        return PartialDate.parse(str(value))
    except ValueError as exc:
        raise InvalidOption(option=parameter, value=str(value), reason=str(exc)) from None


def listed(values: str | Iterable[str] | None) -> tuple[str, ...]:
    """Values given as a list, as comma-separated words, or both (`("reports_to,dotted_to", "steers")`), in order,
    blanks left out."""
    if values is None:
        return ()
    items = [values] if isinstance(values, str) else list(values)
    return tuple(part.strip() for item in items for part in item.split(",") if part.strip())


def rule_codes(values: str | Iterable[str] | None, parameter: str) -> tuple[str, ...]:
    """Rule codes or prefixes (`GG4,GG501`), upper-cased.

    Raises:
        InvalidOption: a code no rule has; names `parameter`.
    """
    from govgraph.checks.policy import known_pattern

    codes = tuple(code.upper() for code in listed(values))
    for code in codes:
        if not known_pattern(code):
            raise InvalidOption(option=parameter, value=code, reason="no rule has this code (see `govgraph rules`)")
    return codes


def view_selection(
    view: str | None = None,
    *,
    focus: str | None = None,
    up: int | None = None,
    down: int | None = None,
    relations: str | Iterable[str] | None = None,
    kinds: str | Iterable[str] | None = None,
    organisations: Iterable[str] = (),
    as_of: str | PartialDate | None = None,
    full_history: bool = False,
) -> ViewSelection:
    """A view selection from options as written: relations and kinds as lists or comma-separated words, the date
    as text. Organisations are a list only: their names may hold commas.

    Raises:
        InvalidOption: `as_of` is not a date.
    """
    from govgraph.views import ViewSelection

    return ViewSelection(
        view=view,
        focus=focus,
        up=up,
        down=down,
        relations=listed(relations),
        kinds=listed(kinds),
        organisations=tuple(organisations),
        as_of=parse_date(as_of, "as_of"),
        full_history=full_history,
    )
