"""The typed governance model: bodies, roles, organisations, groups, sources and the lines between them.

Everything here is plain frozen data with no I/O; `govgraph.loading` builds it from a file and `govgraph.graph`
turns it into a networkx graph. Every object keeps the `Location` it was written at, so any later finding can
point at the YAML.

Dates are `PartialDate`s: `2024`, `2024-03` or `2024-03-15`. A partial date means its whole period: a line
valid `until: 2025-03` holds through 31 March 2025. A moment asked about with a partial date (`--as-of 2024-06`)
is the last day of that period, so "as of June 2024" describes the structure at the end of June.

The records (everything but a date and a period) are made with keywords only (`kw_only`): a body has six text
fields that may be None side by side, a history entry five, and a call by position would put one into another
without a word if their order changed. Keywords cost little: the 43,659 records of a 10,000-body model took 25 ms
more to make by keyword than by position (the median of 21 turns in alternation; -12 to +56 ms), about 1% of
loading and checking that model.

Records keep their fields in `__slots__`: a 10,000-body model took 12.5 MB instead of 16.3 MB (tracemalloc) once
the small records (a line, a chair, a seat, a history entry, a period, and `Location`) did. `Body` and
`PartialDate` do too, and have an instance dictionary besides (from `_KeepsCache`) for what they cache
(`functools.cached_property`): a field in a slot is read from the object itself, not from a table beside it, and
the rules read every body's fields many times over. That made one load and check of 10,000 bodies run 2.3% fewer
instructions with 3.5% fewer first-level cache misses (cachegrind), and take 0.95 of the time (30 turns in
alternation). `Model` keeps a plain dictionary.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import functools
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from govgraph import vocabulary
from govgraph.errors import AmbiguousName, NameNotFound
from govgraph.findings import Finding, Location
from govgraph.vocabulary import accountability, body_relations, ended_statuses, section_of

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
ID_RE = re.compile(ID_PATTERN)

MemberKind = Literal["role", "organisation", "group"]

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class _KeepsCache:
    """A base that gives a slotted record an instance dictionary, for `functools.cached_property` alone."""


@functools.total_ordering
@dataclass(frozen=True, slots=True)
class PartialDate(_KeepsCache):
    """A calendar date known to the year, the month or the day.

    Compared and sorted by the first day of its period; `first` and `last` give the period's bounds.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.

        Raises:
            ValueError: with a message a person can act on (`2024-02-30`: February 2024 has 29 days).
        """
        m = _DATE_RE.match(text.strip())
        if not m:
            raise ValueError(f"{text!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, for example 2024-03")
        year = int(m[1])
        month = int(m[2]) if m[2] else None
        day = int(m[3]) if m[3] else None
        if year < 1000:
            raise ValueError(f"{text!r} is not a date: the year must be 1000 or later")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"{text!r} is not a date: there is no month {month}")
        if month is not None and day is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"{text!r} is not a date: {calendar.month_name[month]} {year} has {last} days")
        return cls(year, month, day)

    def __lt__(self, other: object) -> bool:
        # By period, not field by field: 2024 (all of it) sorts before 2024-03, and None is never compared.
        if not isinstance(other, PartialDate):
            return NotImplemented
        return (self.first, self.last) < (other.first, other.last)

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        """The full date `value`."""
        return cls(value.year, value.month, value.day)

    # Cached (in the instance's __dict__, which a frozen dataclass allows): the time rules compare dates of every
    # line and membership, and one date is shared by every fact that writes the same text.
    @functools.cached_property
    def first(self) -> dt.date:
        """The first day of the period."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @functools.cached_property
    def last(self) -> dt.date:
        """The last day of the period."""
        if self.month is None:
            return dt.date(self.year, 12, 31)
        if self.day is None:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, self.month, self.day)

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def describe(self) -> str:
        """The date as words: `March 2024`, `15 March 2024`, `2024`."""
        if self.month is None:
            return str(self.year)
        month = calendar.month_name[self.month]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"


@dataclass(frozen=True, slots=True)
class Period:
    """When something held: from the first day of `start` to the last day of `end`; open where None."""

    start: PartialDate | None = None
    end: PartialDate | None = None

    def describe(self) -> str:
        """`from March 2024`, `until 2025`, `2017 to mid 2025`; empty when open at both ends."""
        if self.start and self.end:
            return f"{self.start.describe()} to {self.end.describe()}"
        if self.start:
            return f"from {self.start.describe()}"
        if self.end:
            return f"until {self.end.describe()}"
        return ""


ALWAYS = Period()


@dataclass(frozen=True, kw_only=True, slots=True)
class Source:
    """A document that facts are taken from, cited by id."""

    id: str
    title: str
    location: Location
    publisher: str | None = None
    date: PartialDate | None = None
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Organisation:
    """An organisation: a host of bodies, a member of them, or the employer of a post."""

    id: str
    name: str
    location: Location
    short: str | None = None
    aliases: tuple[str, ...] = ()
    url: str | None = None
    source: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Group:
    """A named set of organisations, roles or other groups, used by representation requirements."""

    id: str
    name: str
    members: tuple[str, ...]
    location: Location
    short: str | None = None
    aliases: tuple[str, ...] = ()
    source: str | None = None
    #: Where each of `members` is written, in the same order (empty where the group was not read from a file).
    member_locations: tuple[Location, ...] = ()

    def member_location(self, index: int) -> Location:
        """Where member `index` is written: its own place, else the group's."""
        return self.member_locations[index] if index < len(self.member_locations) else self.location


@dataclass(frozen=True, kw_only=True, slots=True)
class Holder:
    """A person holding a role over a period.

    `on`: a date on which they are known to have held it, and nothing more (`from` and `until` unknown). `past`:
    they held it once and no longer do, when it ended not recorded (an emeritus lead, an alumnus).
    """

    name: str
    period: Period
    location: Location
    source: str | None = None
    on: PartialDate | None = None
    past: bool = False


@dataclass(frozen=True, kw_only=True, slots=True)
class Role:
    """A post, independent of who holds it. `holders` is None when holders are not tracked."""

    id: str
    title: str
    location: Location
    organisation: str | None = None
    aliases: tuple[str, ...] = ()
    holders: tuple[Holder, ...] | None = None
    source: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Relation:
    """A line from one body to another (`reports_to`, `dotted_to`, `steers`, `part_of`, `succeeded_by`...).

    `by`: the post through which the line runs (a liaison's). `accountable`: whether the line counts towards the
    line of accountability: true for every line of an accountability relation except a `part_of` line into a
    whole that does not hold its parts to account (a partnership: see `vocabulary.KindTerm.parts_account`).
    """

    kind: str
    source_body: str
    target: str
    period: Period
    location: Location
    source: str | None = None
    note: str | None = None
    by: str | None = None
    accountable: bool = True


@dataclass(frozen=True, kw_only=True, slots=True)
class Chair:
    """A role chairing a body; a body with two or more presiding chairs has co-chairs.

    `capacity`: `chair` unless an acting, interim, vice or deputy chair (`vocabulary.CapacityTerm`).
    `selection`: appointed or elected, where recorded, and `selected_by` the body or organisation that chose.
    """

    body: str
    role: str
    period: Period
    location: Location
    source: str | None = None
    capacity: str = "chair"
    selection: str | None = None
    selected_by: str | None = None

    @property
    def presides(self) -> bool:
        """Whether this chair is the body's chair (not a vice or deputy standing in)."""
        return vocabulary.capacity(self.capacity).presides


@dataclass(frozen=True, kw_only=True, slots=True)
class Membership:
    """A role, organisation or group sitting on a body, optionally `as` what (representation).

    `standing`: voting or non-voting member, attendee or observer (None where not recorded). `seats`: how many
    seats it stands for ("four co-opted members"), None where not recorded. `for_`: the organisation whose seat
    it is, when not the post's own. `past`: it sat there once and no longer does, when it ended not recorded.
    """

    body: str
    member_kind: MemberKind
    member: str
    period: Period
    location: Location
    as_: str | None = None
    source: str | None = None
    note: str | None = None
    standing: str | None = None
    seats: int | None = None
    for_: str | None = None
    past: bool = False


@dataclass(frozen=True, kw_only=True, slots=True)
class HistoryEntry:
    """Something that happened to a body on a date: a status change, a rename, a decision.

    `date_known` is false for an entry written with `by:` instead of `date:`: it happened at a date not recorded,
    no later than `date` (a closure whose date is unknown).
    """

    date: PartialDate
    location: Location
    status: str | None = None
    name: str | None = None
    decided_by: str | None = None
    note: str | None = None
    source: str | None = None
    date_known: bool = True


@dataclass(frozen=True, kw_only=True, slots=True)
class ManagedBy:
    """An organisation that ran a body over a period (as opposed to its host organisation)."""

    organisation: str
    period: Period
    location: Location
    source: str | None = None
    note: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Suppression:
    """Findings deliberately silenced: those of rule `code` (or a code prefix such as `GG4`), anywhere or, with
    `body`, in that body's entry only; `reason` is what a reader of the report will want to know."""

    code: str
    reason: str | None
    location: Location
    body: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class QuorumNeed:
    """Who must be present for a quorum, beyond the count: the chair (`chair`), the chair or a vice or deputy
    chair (`chair_or_vice`), a post (`role`), or `count` voting members from a group (`group`)."""

    location: Location
    chair: bool = False
    chair_or_vice: bool = False
    role: str | None = None
    group: str | None = None
    count: int = 1


@dataclass(frozen=True, kw_only=True, slots=True)
class Quorum:
    """How many voting members must be present (a `count`, or a `fraction` of the voting members, such as (1, 2)
    for a half; `majority` for more than half), who must be among them, and whether the body may meet without
    its chair (`without_chair`: None where its terms do not say)."""

    location: Location
    count: int | None = None
    fraction: tuple[int, int] | None = None
    majority: bool = False
    needs: tuple[QuorumNeed, ...] = ()
    without_chair: bool | None = None
    source: str | None = None
    note: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Meetings:
    """How often a body meets: `frequency` (a word of the vocabulary) or `per_year`, and the `months` it meets in
    (1-12) where recorded; `at_least`: the terms set a minimum, not a fixed number."""

    location: Location
    per_year: int | None = None
    frequency: str | None = None
    months: tuple[int, ...] = ()
    at_least: bool = False
    source: str | None = None
    note: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Report:
    """A report a body makes to another (its parent unless `to` says otherwise): `what`, and how often
    (`per_year`, a `frequency` word, or `after_each_meeting`), in which `months` where recorded."""

    location: Location
    to: str | None = None
    what: str | None = None
    per_year: int | None = None
    frequency: str | None = None
    after_each_meeting: bool = False
    months: tuple[int, ...] = ()
    source: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Expected:
    """Reports a body's terms ask to receive: from one body (`from_`), or from each body reporting to it (None),
    at least `per_year` times a year."""

    location: Location
    per_year: int
    from_: str | None = None
    what: str | None = None
    source: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Terms:
    """A body's terms of reference, as far as its file records them (every part optional).

    `approved` (and by whom), the review (`review_months` after approval, or `review_by`), the least number of
    members the terms set, the quorum, meetings, reports made and expected, and the posts the terms exclude
    from sitting on the body. `source` is the terms' document; each part may cite its own.
    """

    location: Location
    source: str | None = None
    approved: PartialDate | None = None
    approved_by: str | None = None
    review_months: int | None = None
    review_by: PartialDate | None = None
    members_at_least: int | None = None
    quorum: Quorum | None = None
    meets: Meetings | None = None
    reports: tuple[Report, ...] = ()
    expects: tuple[Expected, ...] = ()
    excludes: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Body(_KeepsCache):
    """A board, group, programme, project or other governance body."""

    id: str
    name: str
    kind: str
    location: Location
    short: str | None = None
    aliases: tuple[str, ...] = ()
    formerly: tuple[str, ...] = ()
    description: str | None = None
    url: str | None = None
    organisation: str | None = None
    managed_by: tuple[ManagedBy, ...] = ()
    status: str | None = None
    period: Period = ALWAYS
    chairs: tuple[Chair, ...] = ()
    members: tuple[Membership, ...] = ()
    relations: tuple[Relation, ...] = ()
    history: tuple[HistoryEntry, ...] = ()
    represented: tuple[str, ...] = ()
    matrix: bool = False
    ignore: tuple[Suppression, ...] = ()
    source: str | None = None
    #: The last line of the body's entry in the file (its first is `location.line`).
    last_line: int = 0
    #: Its terms of reference, where recorded.
    terms: Terms | None = None
    #: The top of its own structure by design, whatever its kind (GG304, GG305).
    top: bool = False
    #: Whether bodies `part_of` it account to it; None: as its kind says (`vocabulary.KindTerm.parts_account`).
    holds_parts_to_account: bool | None = None

    @property
    def display_name(self) -> str:
        """The short name where there is one (how people say it), else the name."""
        return self.short or self.name

    def lines(self, kind: str) -> tuple[Relation, ...]:
        """This body's outgoing lines of one relation kind."""
        return tuple(r for r in self.relations if r.kind == kind)

    @property
    def can_be_top(self) -> bool:
        """Whether the body counts as a top when it accounts to no other body: its kind is a top kind
        (`vocabulary.top_kinds`: a board, an executive) or it is written `top: true`. The one rule `check` (GG304,
        GG305) and `chain` both go by."""
        return self.top or self.kind in vocabulary.top_kinds()

    @functools.cached_property
    def accountability(self) -> tuple[Relation, ...]:
        """The lines of accountability (`reports_to`, `part_of`: see `vocabulary.accountability`) to other bodies,
        in the order written.

        Cached: several checks and every route walk ask for them.
        """
        wanted = accountability()
        return tuple(r for r in self.relations if r.kind in wanted and r.accountable and r.target != self.id)


@dataclass(frozen=True, kw_only=True)
class View:
    """A named diagram: which relations, kinds and organisations to draw, and how."""

    id: str
    title: str
    location: Location
    relations: tuple[str, ...] = field(default_factory=body_relations)
    kinds: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    focus: str | None = None
    up: int | None = None
    down: int | None = None
    direction: Literal["TB", "LR", "BT", "RL"] = "TB"
    clusters: bool = False
    as_of: PartialDate | None = None
    description: str | None = None


@dataclass(frozen=True, kw_only=True)
class CheckSettings:
    """Project-wide check settings from the file's `checks:` section."""

    ignore: tuple[Suppression, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    #: Where each `severity` override is written.
    severity_locations: Mapping[str, Location] = field(default_factory=dict)
    review_months: int = 12
    require_sources: bool = False
    #: The rule sets the model opts into (`checks: {rulesets: [...]}`).
    rulesets: tuple[RulesetUse, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Citation:
    """The clause of a document that a rule of a rule set enforces."""

    title: str
    clause: str
    publisher: str | None = None
    url: str | None = None
    quote: str | None = None

    def describe(self) -> str:
        """`NHS Act 2006, Schedule 1B, paragraph 3(1)`."""
        return f"{self.title}, {self.clause}"


@dataclass(frozen=True, kw_only=True)
class PostRef:
    """A post a rule names: a part of the rule set that is a post (`post`), or the chair (`chair_of`) or a vice
    or deputy chair (`vice_chair_of`) of a part that is a body."""

    part: str
    of: Literal["post", "chair_of", "vice_chair_of"] = "post"


@dataclass(frozen=True, kw_only=True)
class RulesetRule:
    """One rule of a rule set: its `kind` (`keep_apart`, `meets_without_chair`, `requires_member`,
    `chair_holds`, `members_at_least`), the parts it names, and the clause it enforces."""

    id: str
    kind: str
    location: Location
    cites: Citation
    title: str | None = None
    body: str | None = None
    post: str | None = None
    posts: tuple[PostRef, ...] = ()
    count: int | None = None

    @property
    def parts(self) -> tuple[str, ...]:
        """Every part the rule names."""
        named = [p for p in (self.body, self.post) if p] + [p.part for p in self.posts]
        return tuple(dict.fromkeys(named))


@dataclass(frozen=True, kw_only=True)
class Ruleset:
    """A rule set: organisation-specific rules over named parts (`board`, `audit-committee`), which a model
    binds to its own ids when it opts in (`RulesetUse`)."""

    name: str
    title: str
    file: str
    parts: Mapping[str, str]
    rules: tuple[RulesetRule, ...]


@dataclass(frozen=True, kw_only=True)
class RulesetUse:
    """A rule set a model opts into: `use` (one shipped with govgraph, by name, or a file, by path from the
    model's folder) and `parts`, the model's ids for the parts the rule set names (`board: swl-icb-board`)."""

    use: str
    location: Location
    parts: Mapping[str, str] = field(default_factory=dict)
    part_locations: Mapping[str, Location] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class Model:
    """A whole governance model as read from one file."""

    file: str
    format_version: int
    title: str
    location: Location
    as_of: PartialDate | None = None
    description: str | None = None
    sources: Mapping[str, Source] = field(default_factory=dict)
    organisations: Mapping[str, Organisation] = field(default_factory=dict)
    groups: Mapping[str, Group] = field(default_factory=dict)
    roles: Mapping[str, Role] = field(default_factory=dict)
    bodies: Mapping[str, Body] = field(default_factory=dict)
    views: Mapping[str, View] = field(default_factory=dict)
    checks: CheckSettings = field(default_factory=CheckSettings)
    #: What reading the file found that does not stop the model being used (a web address that is not one, a
    #: name two bodies share at once): `govgraph check` reports it under its rule, with the severity the file
    #: gives that rule; every other command answers from the model as it stands.
    reading_findings: tuple[Finding, ...] = ()

    def relations(self) -> Iterator[Relation]:
        """Every body-to-body line, in body id order then file order."""
        for body_id in sorted(self.bodies):
            yield from self.bodies[body_id].relations

    def lines_into(self, body_id: str) -> tuple[Relation, ...]:
        """Other bodies' lines that end at `body_id`, in body id order then file order.

        The index of every body's incoming lines is built on first use and kept, so asking about many bodies of a
        large model costs one pass over its lines.
        """
        return self._lines_by_target.get(body_id, ())

    def lines_of(self, kind: str) -> tuple[Relation, ...]:
        """Every line of one relation kind, in body id order then file order (as `relations` gives them).

        Indexed once, as `lines_into` is: a rule about the lines of one kind (`dotted_to`, `scrutinises`,
        `liaison_to`) goes through those lines, not through every body.
        """
        return self._lines_by_kind.get(kind, ())

    # The indexes below are kept in the instance's __dict__ (`functools.cached_property` writes there, which a frozen
    # dataclass allows) and are no fields: the model is frozen, so they cannot go stale.

    @functools.cached_property
    def _lines_by_target(self) -> dict[str, tuple[Relation, ...]]:
        return _grouped(self.relations(), operator.attrgetter("target"))

    @functools.cached_property
    def _lines_by_kind(self) -> dict[str, tuple[Relation, ...]]:
        return _grouped(self.relations(), operator.attrgetter("kind"))

    @functools.cached_property
    def multi_seat_posts(self) -> frozenset[str]:
        """The posts some body seats several times over (a membership with `seats` above one).

        Found in one pass over every body's members the first time it is asked, and kept: the quorum of each body
        asks it of each of its posts, which on 10,000 bodies with terms of reference was a pass over every
        membership per seat, 25 s of the check.
        """
        return frozenset(
            m.member
            for body in self.bodies.values()
            for m in body.members
            if m.member_kind == "role" and m.seats is not None and m.seats > 1
        )

    def group_members(self, group_id: str) -> set[str]:
        """The organisations and roles in a group, through nested groups; a group listed again inside itself adds
        nothing (check GG205 reports it)."""
        found: set[str] = set()
        seen = {group_id}
        stack = [group_id]
        while stack:
            group = self.groups.get(stack.pop())
            for member in group.members if group is not None else ():
                if member in self.groups:
                    if member not in seen:
                        seen.add(member)
                        stack.append(member)
                else:
                    found.add(member)
        return found

    def represented_on(self, body: Body) -> set[str]:
        """The organisations and roles represented on a body: its members (groups expanded), its chairs, and
        the organisation of every post among them; a seat held for another organisation (`for`) represents
        that organisation rather than the post's own."""
        covered: set[str] = set()
        seated_for: set[str] = set()
        for member in body.members:
            if member.member_kind == "group":
                covered.update(self.group_members(member.member))
            elif member.for_ is not None:
                covered.update((member.member, member.for_))
                seated_for.add(member.member)
            else:
                covered.add(member.member)
        people = [c.role for c in body.chairs] + [m for m in covered if m in self.roles and m not in seated_for]
        for role_id in people:
            covered.add(role_id)
            role = self.roles.get(role_id)
            if role is not None and role.organisation is not None:
                covered.add(role.organisation)
        return covered

    def entries(self, kind: str) -> Mapping[str, Source | Organisation | Group | Role | Body | View]:
        """The entries of the section holding things of `kind` (`body`: `bodies`), by id.

        Raises:
            KeyError: no section holds that kind of thing.
        """
        entries: Mapping[str, Source | Organisation | Group | Role | Body | View] = getattr(self, section_of(kind).name)
        return entries

    def name_of(self, node_id: str) -> str:
        """A readable name for any id: a body's or organisation's short name, a role's title."""
        if node_id in self.bodies:
            return self.bodies[node_id].display_name
        if node_id in self.roles:
            return self.roles[node_id].title
        if node_id in self.organisations:
            org = self.organisations[node_id]
            return org.short or org.name
        if node_id in self.groups:
            return self.groups[node_id].name
        if node_id in self.sources:
            return self.sources[node_id].title
        return node_id

    def resolve(self, name: str, *, kinds: Iterable[str] = ("body",)) -> str:
        """Find the id meant by `name`: an id, a name, a short name or an alias, in any case.

        Args:
            name: what the user typed.
            kinds: which sections to look in (`body`, `role`, `organisation`, `group`).

        Raises:
            NameNotFound: nothing matches; carries the closest names.
            AmbiguousName: several things match `name` equally well.
        """
        wanted = tuple(kinds)
        key = fold(name)
        if any(key in self.entries(kind) for kind in wanted):
            return key  # an id always wins (see `name_index`), and needs no index of every name
        index = self._name_index(wanted)
        matches = index.get(key, ())
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            ordered = sorted(matches)
            raise AmbiguousName(name=name, matches=ordered, described=[self._described(i) for i in ordered])
        close = difflib.get_close_matches(key, list(index), n=5, cutoff=0.6)
        # Substring matches help with long names ("community chest" -> "Community Chest project").
        close += [k for k in sorted(index) if key and key in k and k not in close][:3]
        suggestions: list[str] = []
        for k in close:
            for node_id in index[k]:
                label = self.name_of(node_id)
                text = label if label == node_id else f"{label} ({node_id})"
                if text not in suggestions:
                    suggestions.append(text)
        what = wanted[0] if len(wanted) == 1 else "body, role or organisation"
        # A person is often a post of their own: asked about as a body, it is named as what it is.
        if "role" not in wanted and (key in self.roles or key in self._name_index(("role",))):
            raise NameNotFound(name=name, what=what, post=True)
        raise NameNotFound(name=name, what=what, suggestions=suggestions[:5])

    def _described(self, node_id: str) -> str:
        """What a name that means several things could mean: `Data Team (team), 2015 to 2019, closed March 2019`;
        a body's dates are what tells bodies that share a name over time apart."""
        body = self.bodies.get(node_id)
        if body is None:
            return self.name_of(node_id)
        parts = [f"{body.name} ({body.kind.replace('_', ' ')})"]
        when = body.period.describe()
        if when:
            parts.append(when)
        # The record as written: its latest status, when that is one of a body that no longer operates.
        latest = next((entry for entry in reversed(body.history) if entry.status is not None), None)
        ended = latest is not None and latest.status in ended_statuses()
        if latest is not None and ended:
            parts.append(f"{str(latest.status).replace('_', ' ')} {latest.date.describe()}")
        if not when and not ended:
            parts.append("dates not recorded")
        return ", ".join(parts)

    def _name_index(self, kinds: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
        # Built once per model and kinds: folding every name of a 10,000-body model takes far longer than any
        # question asked of it. The model is frozen, so the index cannot go stale; the cache lives in the
        # instance's __dict__ (written directly, as functools.cached_property does) and is no field.
        cache: dict[tuple[str, ...], dict[str, tuple[str, ...]]] = self.__dict__.setdefault("_name_indexes", {})
        if kinds not in cache:
            cache[kinds] = name_index(self, kinds)
        return cache[kinds]


def _grouped(relations: Iterable[Relation], key: Callable[[Relation], str]) -> dict[str, tuple[Relation, ...]]:
    """`relations` grouped by `key`, each group in the order given."""
    groups: dict[str, list[Relation]] = {}
    for relation in relations:
        groups.setdefault(key(relation), []).append(relation)
    return {name: tuple(lines) for name, lines in groups.items()}


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


def fold(text: str) -> str:
    """The form names are compared in: case-folded, runs of white space made one space, and typographic quotes
    and dashes made plain (a name pasted from a web page or a Word document still matches)."""
    if text.isascii():  # most names: nothing to translate, and lower() is casefold() there
        return " ".join(text.lower().split())
    return " ".join(text.translate(_QUOTES).casefold().split())


def entity_names(entity: Body | Role | Organisation | Group) -> tuple[str, ...]:
    """Every name a body, role, organisation or group is known by, after its id: name or title, short
    name, aliases, and (for a body) former names."""
    if isinstance(entity, Role):
        return (entity.id, entity.title, *entity.aliases)
    short = (entity.short,) if entity.short else ()
    former = entity.formerly if isinstance(entity, Body) else ()
    return (entity.id, entity.name, *short, *entity.aliases, *former)


def names_of(model: Model, node_id: str) -> tuple[str, ...]:
    """Every name an id is known by: the id itself, name, short name, aliases and former names."""
    for section in (model.bodies, model.roles, model.organisations, model.groups):
        if node_id in section:
            return entity_names(section[node_id])
    return (node_id,)


def name_index(model: Model, kinds: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Map each folded name to the ids it may mean, over the sections named by `kinds`.

    An id always wins over a name: if `x` is some body's id, `x` means that body even when another body
    has `x` as an alias.
    """
    ids: dict[str, str] = {}
    names: dict[str, set[str]] = {}
    for kind in kinds:
        for node_id in model.entries(kind):
            ids[node_id] = node_id
            for label in names_of(model, node_id):
                names.setdefault(fold(label), set()).add(node_id)
    index = {k: tuple(sorted(v)) for k, v in names.items()}
    for node_id in ids:
        index[node_id] = (node_id,)
    return index
