"""Words for people: the one place that turns ids, kinds, statuses and relations into words, and dates into
words, for every renderer (text, Markdown, diagrams, pages, reports).

Kinds, statuses and relations are said as the vocabulary (`govgraph.vocabulary`) labels them; any other word of
the file (a change code, `managed_by`) has its underscores made spaces. A date is said as its period
(`March 2024`, `15 March 2024`, `2024`), a span as `from March 2024`, `2017 to June 2025` or `until 2025`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from govgraph import time, vocabulary
from govgraph.model import Body, Chair, HistoryEntry, Holder, Membership, PartialDate, Period

if TYPE_CHECKING:
    from govgraph.queries import Card

#: What a fact the file does not give reads, where it has a place (a gap, shown as one).
NOT_RECORDED = "not recorded"
#: What a body with no status recorded shows instead of one (never a status it may not have).
STATUS_NOT_RECORDED = "status not recorded"
#: What a post holder with no dates recorded shows instead of them.
DATES_NOT_RECORDED = "dates not recorded"


def words(name: str) -> str:
    """A word of the file as words: `managed_by` -> `managed by`."""
    return vocabulary.words(name)


def kind_words(kind: str) -> str:
    """A body kind in words: `advisory group`."""
    return vocabulary.kind(kind).label


def kind_title(kind: str) -> str:
    """Bodies of a kind as a heading: `Advisory groups`."""
    plural = vocabulary.kind(kind).plural
    return plural[:1].upper() + plural[1:]


def status_words(status: str | None) -> str:
    """A status in words (`under review`), or that none is recorded."""
    return vocabulary.status(status).label if status is not None else STATUS_NOT_RECORDED


def says_kind(name: str, kind: str) -> bool:
    """Whether `name` already says the kind `kind` ("Innovators Programme" is a programme): a word of the name, or
    a run of its words, is one of the words the vocabulary says name the kind (`KindTerm.named_by`, else its
    label)."""
    term = vocabulary.kind(kind)
    said = [w.strip("()[],.:;'\"").casefold() for w in name.split()]
    for phrase in term.named_by or (term.label,):
        wanted = phrase.casefold().split()
        if any(said[i : i + len(wanted)] == wanted for i in range(len(said) - len(wanted) + 1)):
            return True
    return False


def chair_gap(kind: str) -> str:
    """What a body's chair reads where none is recorded: `not recorded` for a kind that has a chair (a board, a
    committee: a gap, shown as one), nothing for a kind that has none (a project)."""
    return NOT_RECORDED if kind in vocabulary.chaired_kinds() else ""


def no_line_up(body: Body) -> str:
    """What a body's "accountable to" reads where it has no line up: `top of the structure` for a top (a board,
    an executive, `top: true`: none by design), else `not recorded` (a gap, shown as one)."""
    return "top of the structure" if body.can_be_top else NOT_RECORDED


def top_kind_words() -> str:
    """The kinds of body that are a top of the structure by their kind, as words: `a board or executive`."""
    return vocabulary.a(" or ".join(vocabulary.kind(k).label for k in sorted(vocabulary.top_kinds())))


def kind_line(kind: str, status: str | None, name: str = "") -> str:
    """The small line of a body's box under its name: its kind, unless `name` says it already, and its status
    where that is worth a mark: `programme (closed)`, `advisory group (under review)`, `closed`; "" for none. A
    status not recorded is no mark (the box claims none)."""
    said = "" if name and says_kind(name, kind) else kind_words(kind)
    marked = status is not None and (status in vocabulary.ended_statuses() or status == "under_review")
    mark = status_words(status) if marked else ""
    if said and mark:
        return f"{said} ({mark})"
    return said or mark


#: The first word of a post's title that says it chairs ("Chair, NHS North Central London ICB").
_CHAIR_WORDS = ("chair", "co-chair", "chairman", "chairwoman", "chairperson", "joint chair")


def chair_words(chairs: Sequence[str]) -> str:
    """A body's chairs as its box names them, in the file's order: `Chair: X`, `Co-chairs: X; Y`; a post whose
    title says it chairs is named by its title alone ("Chair, NHS North Central London ICB"); "" for none."""
    if not chairs:
        return ""
    if len(chairs) == 1:
        title = chairs[0]
        first = title.split(",")[0].split(" of ")[0].strip().casefold()
        return title if first in _CHAIR_WORDS else f"Chair: {title}"
    return "Co-chairs: " + "; ".join(chairs)


def other_chair_words(title: str, holder: str) -> str:
    """A chair in another capacity as its box names it: `Vice-chair: X`, `Acting chair: Y`; a post whose title
    already says that capacity is named by its title alone ("Vice-chair", not "Vice-chair: Vice-chair")."""
    return holder if holder.casefold().startswith(title.casefold()) else f"{title}: {holder}"


def relation_words(relation: str) -> str:
    """A relation as a list or a legend says it (`dotted line to`); another word of the file as words."""
    try:
        return vocabulary.relation(relation).label
    except KeyError:
        return words(relation)


def relation_verb(relation: str) -> str:
    """A relation in a sentence between two names (`has a dotted line to`)."""
    try:
        return vocabulary.relation(relation).verb
    except KeyError:
        return "has a line to"


def source_use(card: Card, source_id: str) -> str:
    """`: for the line from Audit Committee`, after a source of a body's card cited only by other bodies' lines into
    it (`Card.lines_in_sources`), so that it is not read as a source about the body itself; else nothing."""
    through = card.lines_in_sources.get(source_id)
    if not through:
        return ""
    names = [card.model.name_of(b) for b in through]
    return (": for the line from " if len(names) == 1 else ": for the lines from ") + vocabulary.listing(names)


def date_words(date: PartialDate) -> str:
    """A date as words: `March 2024`, `15 March 2024`, `2024`."""
    return date.describe()


def day_words(day: dt.date) -> str:
    """A day as words: `15 March 2024`."""
    return PartialDate.from_date(day).describe()


def period_words(period: Period) -> str:
    """A span as words: `from March 2024`, `until 2025`, `2017 to June 2025`; empty when open at both ends."""
    return period.describe()


def term_words(period: Period, reference: dt.date | None) -> str:
    """A chair's, seat's or line's dates as words, with `, ended` where they had run out by `reference` (the day
    asked about, else the model's `as_of`, else today): `1 July 2025 to 30 June 2026, ended`, so that a term that
    has run out is not read as running; empty when open at both ends."""
    said = period_words(period)
    return f"{said}, ended" if said and time.ended_by(period, reference) else said


def dated(period: Period, reference: dt.date | None = None) -> str:
    """`term_words` in brackets after what it dates, with the space before them: ` (1 July 2025 to 30 June 2026,
    ended)`; empty where the period has no dates."""
    said = term_words(period, reference)
    return f" ({said})" if said else ""


def when_words(date: PartialDate | None) -> str:
    """` in March 2025`, ` on 15 March 2025`; empty for no date."""
    if date is None:
        return ""
    return f" on {date.describe()}" if date.day is not None else f" in {date.describe()}"


def entry_date_words(entry: HistoryEntry) -> str:
    """When a history entry happened: `March 2025`, or `by June 2025 (date not recorded)` for one written
    with `by`."""
    if entry.date_known:
        return entry.date.describe()
    return f"by {entry.date.describe()} (date not recorded)"


def holder_dates(holder: Holder) -> str:
    """What is recorded of when a holder held a post: `from 2023`, `known to hold it in May 2024`, `past holder,
    dates not recorded`, `dates not recorded`."""
    if holder.on is not None:
        return f"known to hold it {'on' if holder.on.day else 'in'} {holder.on.describe()}"
    dates = period_words(holder.period)
    if holder.past and holder.period.end is None:
        return f"past holder, {dates}, end not recorded" if dates else f"past holder, {DATES_NOT_RECORDED}"
    return dates or DATES_NOT_RECORDED


def capacity_words(capacity: str) -> str:
    """A chair capacity in words: `vice-chair`, `acting chair`."""
    return vocabulary.capacity(capacity).label


def chair_groups(chairs: Sequence[Chair]) -> list[tuple[str, tuple[Chair, ...]]]:
    """A body's chairs grouped by capacity, in the vocabulary's order, each with its heading: `chair`,
    `co-chairs` (two or more presiding chairs), `acting chair`, `vice-chair`, `deputy chairs`..."""
    groups: list[tuple[str, tuple[Chair, ...]]] = []
    for name in vocabulary.capacity_names() + tuple(
        sorted({c.capacity for c in chairs} - set(vocabulary.capacity_names()))
    ):
        these = tuple(c for c in chairs if c.capacity == name)
        if these:
            term = vocabulary.capacity(name)
            groups.append((term.plural if len(these) > 1 else term.label, these))
    return groups


def chair_selection(chair: Chair, name_of: Callable[[str], str]) -> str:
    """How a chair was chosen, as recorded: `appointed by the Board`, `elected`; empty when not recorded."""
    parts = [vocabulary.selection(chair.selection).label] if chair.selection else []
    if chair.selected_by:
        parts.append(f"{'' if parts else 'chosen '}by {name_of(chair.selected_by)}")
    return " ".join(parts)


def standing_words(member: Membership) -> str:
    """A seat's standing and count as recorded: `voting member`, `2 seats, attendee`; empty when neither is."""
    parts = []
    if member.seats is not None:
        parts.append(vocabulary.count(member.seats, "seat"))
    if member.standing is not None:
        parts.append(vocabulary.standing(member.standing).label)
    return ", ".join(parts)


def seat_notes(member: Membership, name_of: Callable[[str], str], reference: dt.date | None = None) -> list[str]:
    """What is said in brackets after a seat, in order: its count and standing, whom it sits for, a past member
    whose end is not recorded, and its dates (`term_words`: `, ended` where they had run out by `reference`)."""
    notes = [said for said in (standing_words(member),) if said]
    if member.for_:
        notes.append(f"for {name_of(member.for_)}")
    if member.past and member.period.end is None:
        notes.append("past member, end not recorded")
    dates = term_words(member.period, reference)
    if dates:
        notes.append(dates)
    return notes


def fraction_words(fraction: tuple[int, int]) -> str:
    """`a half`, `a third`, `two thirds`, `3/5`."""
    names = {(1, 2): "half", (1, 3): "a third", (2, 3): "two thirds", (1, 4): "a quarter", (3, 4): "three quarters"}
    return names.get(fraction, f"{fraction[0]}/{fraction[1]}")


def times_a_year(n: int, *, at_least: bool = False) -> str:
    """`once a year`, `twice a year`, `4 times a year`; `at least 6 times a year` where the terms set the number as
    a minimum (`Meetings.at_least`)."""
    said = {1: "once a year", 2: "twice a year"}.get(n, f"{n} times a year")
    return f"at least {said}" if at_least else said
