"""The model file format (version 1) as pydantic dataclasses: validation and the JSON Schema editors use.

The schema checks shape and vocabulary only: keys, types, ids, dates, kinds, statuses and relation names.
Whether a reference points at something that exists is checked when the model is built (`loading.build`),
where every section is known.

Short forms: a line may be written as a bare id (`reports_to: [clp]`) and a chair as a bare role id
(`chairs: [pc-sro]`); both are read as their long forms (`{body: clp}`, `{role: pc-sro}`).

Errors raised here carry a govgraph code as their pydantic error type (`GG114`...), so that
`loading.validate` can report them with the right code and location.

The vocabulary (`govgraph.vocabulary`) decides part of the format: a body's relation keys (`reports_to`...), its
kinds and statuses, a view's relations. The sections that hold those (`BodySpec`, `HistorySpec`, `ViewSpec`,
`ModelSpec`) are therefore built from the vocabulary by `model_spec`, again whenever it changes; the classes
written out below (`BodyFields`...) are what they add those fields to, and what the rest of the loader is typed
against. The module, and pydantic with it, is imported only when a file is read (see `govgraph.loading`).
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    StrictStr,
    StringConstraints,
    TypeAdapter,
    WithJsonSchema,
    field_validator,
)
from pydantic.dataclasses import dataclass as pydantic_dataclass
from pydantic_core import PydanticCustomError

from govgraph import vocabulary
from govgraph.model import ID_PATTERN, ID_RE, PartialDate

FORMAT_VERSION = 1
SCHEMA_ID = "https://govgraph.invalid/schema/v1/governance.schema.json"


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """`; did you mean 'x'?` for the closest choice, or the list of choices when none is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if close:
        return f"; did you mean {close[0]!r}?"
    return "; use one of: " + ", ".join(choices)


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    raise PydanticCustomError("GG112", f"expected text, found {describe_value(value)}")


def describe_value(value: Any) -> str:
    """How an error message names what was found: `nothing`, `a mapping`, `a list`, or the (short) text."""
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"the text {value!r}" if len(str(value)) < 40 else "text"


def not_an_id(text: str) -> str:
    """The GG115 message for `text`, which is not a valid id, with an id it could be."""
    suggestion = "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())[:64]
    hint = f" (for example {suggestion!r})" if suggestion and ID_RE.match(suggestion) else ""
    return (
        f"{text!r} is not a valid id: use lower-case letters, digits and hyphens, "
        f"starting with a letter or digit, at most 64 characters{hint}"
    )


def _date(value: Any) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    text = _text(value)
    try:
        return _parse_date(text)
    except ValueError as exc:
        raise PydanticCustomError("GG116", str(exc)) from None


# A model writes the same few hundred dates many times over (a large one, tens of thousands of times); a date is
# immutable, so one parse of each text is shared.
_parse_date = functools.lru_cache(maxsize=4096)(PartialDate.parse)


def not_a_choice(what: str, choices: tuple[str, ...], text: str) -> str:
    """The GG114 message for `text`, which is not one of `choices`: `unknown kind 'bord'; did you mean 'board'?`"""
    return f"unknown {what} {text!r}" + did_you_mean(text, choices)


def _choice(what: str, choices: tuple[str, ...]) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        text = _text(value)
        if text not in choices:
            raise PydanticCustomError("GG114", not_a_choice(what, choices, text))
        return text

    return check


def _bool(value: Any) -> bool:
    # Only true/false: YAML 1.1's yes/no/on/off are exactly the surprises the reader avoids.
    if isinstance(value, bool):
        return value
    text = _text(value)
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    raise PydanticCustomError("GG112", f"expected true or false, found {text!r}")


#: The key of a PydanticCustomError's context that carries a hint for the finding (see `loading.validate`).
HINT = "govgraph_hint"


def _count(key: str, maximum: int, hint: str) -> Callable[[Any], int]:
    """A check of a whole number from 0 to `maximum`; above it, GG118 with `hint`.

    Every number in a file has a range: an unbounded one (`review_months: 100000` as "never", a number too
    large for the machine) would reach date arithmetic and fail there, far from the file.
    """

    def check(value: Any) -> int:
        text = (_text(value) if not isinstance(value, int) else str(value)).strip()
        # ASCII digits only: `str.isdigit` also accepts `²` and other digits `int` cannot read.
        if not (text.isascii() and text.isdigit()):
            raise PydanticCustomError("GG112", f"expected a whole number, found {text!r}")
        # The length first: Python refuses to read an integer of more than 4,300 digits.
        if len(text) > len(str(maximum)) or int(text) > maximum:
            shown = text if len(text) <= 12 else f"{text[:12]}... ({len(text)} digits)"
            raise PydanticCustomError(
                "GG118", f"`{key}: {shown}` is too large: it must be a whole number from 0 to {maximum:,}", {HINT: hint}
            )
        return int(text)

    return check


def _url(value: Any) -> str:
    # Whether it is a web address a reader can follow is checked when the model is built (GG122): a wrong one is
    # a finding, which does not stop the model being used, and the address is left out of it.
    return _text(value).strip()


def _short_form(key: str) -> Callable[[Any], Any]:
    def expand(value: Any) -> Any:
        return {key: value} if isinstance(value, str) else value

    return expand


def _listed(value: Any) -> Any:
    # `reports_to: clp` (one id, no list) is the natural way to write a single line.
    return [value] if isinstance(value, str) else value


# Plain text is checked by pydantic's own strict `str` (no Python call per value: there are about ten per body);
# anything else is a `string_type` error, reported as GG112 "must be text".
Text = StrictStr
# References are read as text and resolved when the model is built, so that `reports_to: [PCAG]` can be
# answered with "'PCAG' is the name of 'pcag'" rather than a bare "not a valid id".
Ref = Annotated[StrictStr, WithJsonSchema({"type": "string", "pattern": ID_PATTERN})]
RefList = Annotated[list[Ref], BeforeValidator(_listed, json_schema_input_type=Ref | list[Ref])]
Date = Annotated[
    PartialDate,
    PlainValidator(_date),
    WithJsonSchema(
        {
            "type": ["string", "integer"],
            "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
            "minimum": 1000,
            "maximum": 9999,
            "description": "YYYY, YYYY-MM or YYYY-MM-DD; a partial date means the whole period",
        }
    ),
]
# A body's kind and status, and every id, are checked by pydantic-core itself (a Literal, a pattern) rather than by
# a Python function: there are tens of thousands in a large model. `loading.validate` words their errors
# (GG114, GG115) as `choice` and `_id` word the rarer ones. Kinds and statuses are the vocabulary's, so their
# types are made by `_kind` and `_status` when the sections are built (`model_spec`).
if TYPE_CHECKING:
    Id = str
else:
    Id = Annotated[str, StringConstraints(strict=True, pattern=ID_PATTERN)]


def _kind() -> Any:
    kinds = vocabulary.kind_names()
    return Annotated[Literal[kinds], WithJsonSchema({"enum": list(kinds)})]


def _status() -> Any:
    statuses = vocabulary.status_names()
    return Annotated[Literal[statuses], WithJsonSchema({"enum": list(statuses)})]


def _relation_name() -> Any:
    names = vocabulary.relation_names()
    return Annotated[str, PlainValidator(_choice("relation", names)), WithJsonSchema({"enum": list(names)})]


# govgraph reads every scalar as text, editors read YAML 1.2 (`true` a boolean, `12` and `2025` numbers):
# the schema accepts both readings of a value govgraph accepts.
Bool = Annotated[bool, PlainValidator(_bool), WithJsonSchema({"enum": [True, False, "true", "false"]})]


def _bounded(key: str, maximum: int, hint: str) -> Any:
    """A whole number from 0 to `maximum`, written as YAML reads it (text) or as an editor does (a number)."""
    return Annotated[
        int,
        PlainValidator(_count(key, maximum, hint)),
        WithJsonSchema(
            {
                "type": ["integer", "string"],
                "minimum": 0,
                "maximum": maximum,
                "pattern": rf"^\d{{1,{len(str(maximum))}}}$",
            }
        ),
    ]


#: The longest a review may be allowed to run (a century): longer is "never", which `checks.ignore` says.
MAX_REVIEW_MONTHS = 1200
#: The most levels a view may reach up or down from its focus: deeper than any governance structure.
MAX_LEVELS = 1000
if TYPE_CHECKING:
    ReviewMonths = int
    Up = int
    Down = int
else:
    ReviewMonths = _bounded(
        "review_months",
        MAX_REVIEW_MONTHS,
        "to never be warned of an overdue review, leave `review_months` out and add GG504 to `checks.ignore`",
    )
    Up = _bounded("up", MAX_LEVELS, "leave `up` out to take every level above the focus")
    Down = _bounded("down", MAX_LEVELS, "leave `down` out to take every level below the focus")
#: The most members, seats or voting members a terms of reference may count: more than any governance body has.
MAX_MEMBERS = 10_000
#: The most meetings or reports a year: one a day.
MAX_PER_YEAR = 366
if TYPE_CHECKING:
    Seats = int
    Members = int
    MembersAtLeast = int
    PerYear = int
    TermsReview = int
else:
    Seats = _bounded("seats", MAX_MEMBERS, "write the number of seats this entry stands for")
    Members = _bounded("count", MAX_MEMBERS, "write how many voting members")
    MembersAtLeast = _bounded("members_at_least", MAX_MEMBERS, "write the least number of members the terms set")
    PerYear = _bounded(
        "per_year", MAX_PER_YEAR, "write how many times a year (at most once a day), or use `frequency: weekly`"
    )
    TermsReview = _bounded(
        "review_months",
        MAX_REVIEW_MONTHS,
        "to record no review date, leave `review_months` out",
    )
Url = Annotated[
    str,
    PlainValidator(_url),
    WithJsonSchema(
        {
            "type": "string",
            "format": "uri",
            "pattern": r"^([hH][tT][tT][pP][sS]?://|[mM][aA][iI][lL][tT][oO]:)[^\s<>\"{}|\\^`]+$",
        }
    ),
]
TextList = Annotated[list[Text], BeforeValidator(_listed, json_schema_input_type=Text | list[Text])]


# Every section is a frozen pydantic dataclass: unknown keys are errors, nothing is silently ignored. Dataclasses
# rather than `BaseModel`s because pydantic-core builds a dataclass instance two to three times faster (a large
# model has tens of thousands of entries); keyword-only, so that a section's required keys may follow the
# optional ones it inherits (`LineSpec.body` after `Dated.from_`). With `__slots__` (here, in `_derived` and on
# `ModelFields`), so that an entry holds its fields in slots rather than in a dictionary of its own: pydantic gives
# each instance a whole dictionary, not one sharing its keys with the others, and the validated file of 10,000
# bodies took 31.8 MB that way, 15.4 MB with slots (tracemalloc), while the load and all checks of that file took
# the same time within this machine's spread (ratio 0.98 of the time before, median of 30 turns in alternation).
_STRICT = ConfigDict(extra="forbid", populate_by_name=True)
section = pydantic_dataclass(frozen=True, kw_only=True, config=_STRICT, slots=True)


@section
class Dated:
    from_: Date | None = Field(None, alias="from", description="first date it held (inclusive)")
    until: Date | None = Field(None, description="last date it held (inclusive)")


@section
class SourceSpec:
    title: Text
    publisher: Text | None = None
    date: Date | None = None
    url: Url | None = None
    note: Text | None = None


@section
class OrganisationSpec:
    name: Text
    short: Text | None = None
    aliases: TextList = Field(default_factory=list)
    url: Url | None = None
    source: Ref | None = None


@section
class GroupSpec:
    name: Text
    members: RefList
    short: Text | None = None
    aliases: TextList = Field(default_factory=list)
    source: Ref | None = None


@section
class HolderSpec(Dated):
    name: Text
    source: Ref | None = None
    on: Date | None = Field(None, description="a date they are known to have held the post on, and nothing more")
    past: Bool = Field(False, description="held it once and no longer does; when it ended is not recorded")


@section
class RoleSpec:
    title: Text
    organisation: Ref | None = None
    aliases: TextList = Field(default_factory=list)
    holders: list[HolderSpec] | None = Field(
        None, description="who held the post; leave out when holders are not tracked"
    )
    source: Ref | None = None


@section
class LineSpec(Dated):
    body: Ref
    source: Ref | None = None
    note: Text | None = None
    by: Ref | None = Field(None, description="the post through which the line runs (a liaison's)")


@section
class ChairSpec(Dated):
    role: Ref
    source: Ref | None = None
    # The vocabulary's capacities and selections: see `_chair_spec`.
    capacity: str = Field("chair", description="chair, acting_chair, interim_chair, vice_chair or deputy_chair")
    selection: str | None = Field(None, description="appointed or elected")
    selected_by: Ref | None = Field(None, description="the body or organisation that appointed or elected the chair")


@section
class MemberSpec(Dated):
    role: Ref | None = None
    organisation: Ref | None = None
    group: Ref | None = None
    as_: Text | None = Field(None, alias="as", description="what the member represents or does there")
    source: Ref | None = None
    note: Text | None = None
    # The vocabulary's standings: see `_member_spec`.
    standing: str | None = Field(None, description="voting_member, non_voting_member, attendee or observer")
    seats: Seats | None = Field(None, description='how many seats this entry stands for ("four co-opted members")')
    for_: Ref | None = Field(None, alias="for", description="the organisation whose seat it is, if not the post's")
    past: Bool = Field(False, description="sat there once and no longer does; when it ended is not recorded")


@section
class HistoryFields:
    date: Date | None = Field(None, description="when it happened")
    by: Date | None = Field(
        None, description="instead of `date`: it happened at an unrecorded date, no later than this"
    )
    status: str | None = None  # the vocabulary's statuses: see `_history_spec`
    name: Text | None = None
    decided_by: Ref | None = None
    note: Text | None = None
    source: Ref | None = None


@section
class ManagedBySpec(Dated):
    organisation: Ref
    source: Ref | None = None
    note: Text | None = None


@section
class RequiresSpec:
    represented: RefList = Field(
        default_factory=list, description="groups every member of which must be represented on the body"
    )


@section
class IgnoreSpec:
    """On a body: silence one check for the findings located in this body's entry."""

    code: Text = Field(description="a rule code (GG401) or a family prefix (GG4)")
    reason: Text = Field(description="why: readers of the report will want to know")


@section
class ProjectIgnoreSpec:
    """In `checks.ignore`: silence a check everywhere, or for one body."""

    code: Text = Field(description="a rule code (GG401) or a family prefix (GG4)")
    reason: Text | None = None
    body: Ref | None = None


def _fraction(value: Any) -> str:
    text = _text(value).strip().lower()
    if text == "majority":
        return text
    top, _, bottom = text.partition("/")
    if top.strip().isdigit() and bottom.strip().isdigit() and 0 < int(top) <= int(bottom):
        return f"{int(top)}/{int(bottom)}"
    raise PydanticCustomError(
        "GG114", f"{text!r} is not a fraction of the voting members: write 1/3, 1/2, 2/3 or majority"
    )


Fraction = Annotated[
    str, PlainValidator(_fraction), WithJsonSchema({"type": "string", "pattern": r"^(\d+/\d+|majority)$"})
]
_PRESENCE_WORDS = ("chair", "chair_or_vice")


def _presence(value: Any) -> Any:
    if isinstance(value, str):
        if value not in _PRESENCE_WORDS:
            raise PydanticCustomError("GG114", not_a_choice("presence", _PRESENCE_WORDS, value))
        return {value: "true"}
    return value


@section
class PresentSpec:
    """One who must be present for the quorum: `chair`, `chair_or_vice`, a post, or members of a group."""

    chair: Bool = Field(False, description="the chair must be present")
    chair_or_vice: Bool = Field(False, description="the chair, or a vice or deputy chair, must be present")
    role: Ref | None = Field(None, description="this post must be present")
    group: Ref | None = Field(None, description="voting members from this group must be present")
    count: Members = Field(1, description="how many from the group")


Present = Annotated[
    PresentSpec,
    BeforeValidator(_presence, json_schema_input_type=Literal["chair", "chair_or_vice"] | PresentSpec),
]


@section
class QuorumSpec:
    count: Members | None = Field(None, description="voting members present")
    fraction: Fraction | None = Field(None, description="of the voting members: 1/3, 1/2, 2/3 or majority")
    present: list[Present] = Field(default_factory=list, description="who must be among them")
    without_chair: Bool | None = Field(None, description="the body may meet without its chair")
    source: Ref | None = None
    note: Text | None = None


# A month is read by pydantic-core itself (a number written as text is an int there): every body of a large
# model with terms of reference lists its meeting months, and a Python call per month cost more than the rest of
# its terms.
Month = Annotated[int, Field(ge=1, le=12), WithJsonSchema({"type": ["integer", "string"], "minimum": 1, "maximum": 12})]
MonthList = Annotated[list[Month], BeforeValidator(_listed, json_schema_input_type=Month | list[Month])]


@section
class MeetingsFields:
    frequency: str | None = None  # the vocabulary's frequencies: see `_terms_spec`
    per_year: PerYear | None = Field(None, description="meetings a year")
    months: MonthList = Field(default_factory=list, description="the months it meets in, 1 to 12")
    at_least: Bool = Field(False, description="the number is a minimum")
    source: Ref | None = None
    note: Text | None = None


@section
class ReportFields:
    to: Ref | None = Field(None, description="the body reported to (default: the body it reports to)")
    what: Text | None = None
    frequency: str | None = None  # the vocabulary's frequencies: see `_terms_spec`
    per_year: PerYear | None = Field(None, description="reports a year")
    after_each_meeting: Bool = Field(False, description="a report after each meeting")
    months: MonthList = Field(default_factory=list, description="the months it reports in, 1 to 12")
    source: Ref | None = None


@section
class ExpectedSpec:
    from_: Ref | None = Field(None, alias="from", description="the body (default: each body reporting to this one)")
    per_year: PerYear = Field(description="reports a year, at least")
    what: Text | None = None
    source: Ref | None = None


@section
class TermsFields:
    """A body's terms of reference (every part optional)."""

    source: Ref | None = Field(None, description="the terms of reference document")
    approved: Date | None = None
    approved_by: Ref | None = None
    review_months: TermsReview | None = Field(
        None, description="months after approval when the terms are due for review"
    )
    review_by: Date | None = Field(None, description="the date the terms are due for review")
    members_at_least: MembersAtLeast | None = Field(None, description="the least number of members the terms set")
    quorum: QuorumSpec | None = None
    meets: MeetingsFields | None = None  # see `_terms_spec`
    reports: list[ReportFields] = Field(default_factory=list)  # see `_terms_spec`
    expects: list[ExpectedSpec] = Field(default_factory=list, description="reports the body asks to receive")
    excludes: RefList = Field(default_factory=list, description="posts that may not sit on the body")
    note: Text | None = None


Line = Annotated[LineSpec, BeforeValidator(_short_form("body"), json_schema_input_type=Ref | LineSpec)]
ChairEntry = Annotated[ChairSpec, BeforeValidator(_short_form("role"), json_schema_input_type=Ref | ChairSpec)]
Lines = Annotated[list[Line], BeforeValidator(_listed, json_schema_input_type=Ref | list[Line])]


@section
class BodyFields(Dated):
    """A body's keys other than its lines (`_body_spec` adds one key for each relation between bodies)."""

    name: Text
    kind: str  # the vocabulary's kinds: see `_body_spec`
    short: Text | None = None
    aliases: TextList = Field(default_factory=list)
    formerly: TextList = Field(default_factory=list, description="earlier names whose date is unknown, oldest first")
    description: Text | None = None
    url: Url | None = None
    organisation: Ref | None = Field(None, description="the host organisation")
    managed_by: list[ManagedBySpec] = Field(default_factory=list)
    status: str | None = Field(None, description="status when no history entry says otherwise")
    chairs: Annotated[list[ChairEntry], BeforeValidator(_listed, json_schema_input_type=Ref | list[ChairEntry])] = (
        Field(default_factory=list)
    )
    members: list[MemberSpec] = Field(default_factory=list)
    history: list[HistoryFields] = Field(default_factory=list)
    requires: RequiresSpec | None = None
    matrix: Bool = Field(False, description="several solid parents are deliberate")
    ignore: list[IgnoreSpec] = Field(default_factory=list)
    source: Ref | None = Field(None, description="the source of this body's facts, unless a fact names its own")
    terms: TermsFields | None = Field(None, description="its terms of reference")  # see `_body_spec`
    top: Bool = Field(False, description="the top of its own structure by design, whatever its kind")
    holds_parts_to_account: Bool | None = Field(
        None, description="whether bodies part_of it account to it (default: as its kind says)"
    )


@section
class ViewFields:
    title: Text
    description: Text | None = None
    # The vocabulary's relations and kinds: see `_view_spec`.
    relations: list[str] = Field(default_factory=lambda: list(vocabulary.body_relations()))
    kinds: list[str] = Field(default_factory=list)
    organisations: RefList = Field(default_factory=list)
    focus: Ref | None = None
    up: Up | None = None
    down: Down | None = None
    direction: Annotated[
        str,
        PlainValidator(_choice("direction", ("TB", "LR", "BT", "RL"))),
        WithJsonSchema({"enum": ["TB", "LR", "BT", "RL"]}),
    ] = "TB"
    clusters: Bool = False
    as_of: Date | None = None


@section
class RulesetUseSpec:
    use: Text = Field(description="a rule set shipped with govgraph (nhs-icb), or a file, from the model's folder")
    parts: dict[Text, Ref] = Field(default_factory=dict, description="the model's id for each part the rules name")


@section
class ChecksSpec:
    ignore: list[
        Annotated[
            ProjectIgnoreSpec, BeforeValidator(_short_form("code"), json_schema_input_type=Text | ProjectIgnoreSpec)
        ]
    ] = Field(default_factory=list)
    severity: dict[Text, Annotated[str, PlainValidator(_choice("severity", ("error", "warning", "info")))]] = Field(
        default_factory=dict
    )
    review_months: ReviewMonths = Field(
        12, description="how long a body may stay under review before GG504 warns (months, at most 1200)"
    )
    require_sources: Bool = Field(False, description="report facts that cite no source")
    rulesets: list[
        Annotated[RulesetUseSpec, BeforeValidator(_short_form("use"), json_schema_input_type=Text | RulesetUseSpec)]
    ] = Field(default_factory=list, description="rule sets the model opts into")


def _version(value: Any) -> int:
    text = _text(value) if not isinstance(value, int) else str(value)
    if text.strip() != str(FORMAT_VERSION):
        raise PydanticCustomError(
            "GG117",
            f"unsupported format version {text!r}: this govgraph reads version {FORMAT_VERSION}",
        )
    return FORMAT_VERSION


_FILE = ConfigDict(
    extra="forbid",
    populate_by_name=True,
    title="govgraph model",
    json_schema_extra={"$id": SCHEMA_ID},
)


@pydantic_dataclass(frozen=True, kw_only=True, config=_FILE, slots=True)
class ModelFields:
    """A govgraph model file, format version 1 (`_model_spec` makes its bodies and views the vocabulary's)."""

    govgraph: Annotated[
        int, PlainValidator(_version), WithJsonSchema({"enum": [FORMAT_VERSION, str(FORMAT_VERSION)]})
    ] = Field(description="format version: 1")
    title: Text
    description: Text | None = None
    as_of: Date | None = Field(None, description="the date the description is true to")
    sources: dict[Id, SourceSpec] = Field(default_factory=dict)
    organisations: dict[Id, OrganisationSpec] = Field(default_factory=dict)
    groups: dict[Id, GroupSpec] = Field(default_factory=dict)
    roles: dict[Id, RoleSpec] = Field(default_factory=dict)
    bodies: dict[Id, BodyFields]
    views: dict[Id, ViewFields] = Field(default_factory=dict)
    checks: ChecksSpec = Field(default_factory=ChecksSpec)

    @field_validator("bodies")
    @classmethod
    def _some_bodies(cls, value: dict[str, BodyFields]) -> dict[str, BodyFields]:
        if not value:
            raise PydanticCustomError("GG113", "`bodies` is empty: a model needs at least one body")
        return value


MemberKindName = Literal["role", "organisation", "group"]


# The sections the vocabulary decides -----------------------------------------------------------------------


def _derived(name: str, base: type[Any], fields: list[tuple[str, Any, Any]], config: ConfigDict = _STRICT) -> Any:
    """A section named `name`: `base` with `fields` (name, type, default) added, or redefined in their place."""
    namespace: dict[str, Any] = {
        "__annotations__": {key: kind for key, kind, _ in fields},
        "__module__": __name__,
        "__qualname__": name,
        "__doc__": base.__doc__,
    }
    namespace.update({key: default for key, _, default in fields if default is not dataclasses.MISSING})
    return pydantic_dataclass(type(name, (base,), namespace), frozen=True, kw_only=True, config=config, slots=True)


def _history_spec() -> Any:
    return _derived("HistorySpec", HistoryFields, [("status", _status() | None, None)])


def _vocabulary_choice(what: str, names: tuple[str, ...]) -> Any:
    return Annotated[str, PlainValidator(_choice(what, names)), WithJsonSchema({"enum": list(names)})]


def _chair_spec() -> Any:
    capacity = _vocabulary_choice("chair capacity", vocabulary.capacity_names())
    selection = _vocabulary_choice("selection", vocabulary.selection_names())
    return _derived(
        "ChairSpec",
        ChairSpec,
        [
            ("capacity", capacity, Field("chair", description="how the post chairs the body")),
            ("selection", selection | None, Field(None, description="how the chair is chosen")),
        ],
    )


def _member_spec() -> Any:
    standing = _vocabulary_choice("standing", vocabulary.standing_names())
    return _derived("MemberSpec", MemberSpec, [("standing", standing | None, Field(None, description="standing"))])


def _terms_spec() -> Any:
    frequency = _vocabulary_choice("frequency", vocabulary.frequency_names())
    meets = _derived("MeetingsSpec", MeetingsFields, [("frequency", frequency | None, None)])
    report = _derived("ReportSpec", ReportFields, [("frequency", frequency | None, None)])
    meets_entry = Annotated[meets, BeforeValidator(_short_form("frequency"), json_schema_input_type=frequency | meets)]  # type: ignore[valid-type]
    return _derived(
        "TermsSpec",
        TermsFields,
        [
            ("meets", meets_entry | None, Field(None, description="how often the body meets")),
            ("reports", list[report], Field(default_factory=list, description="reports the body makes")),  # type: ignore[valid-type]
        ],
    )


def _body_spec(history: Any) -> Any:
    kind, status = _kind(), _status()
    chair = _chair_spec()
    chair_entry = Annotated[chair, BeforeValidator(_short_form("role"), json_schema_input_type=Ref | chair)]  # type: ignore[valid-type]
    chairs = Annotated[list[chair_entry], BeforeValidator(_listed, json_schema_input_type=Ref | list[chair_entry])]
    fields: list[tuple[str, Any, Any]] = [
        ("kind", kind, dataclasses.MISSING),
        ("status", status | None, Field(None, description="status when no history entry says otherwise")),
        ("history", list[history], Field(default_factory=list)),
        ("chairs", chairs, Field(default_factory=list)),
        ("members", list[_member_spec()], Field(default_factory=list)),  # type: ignore[misc]
        ("terms", _terms_spec() | None, Field(None, description="its terms of reference")),
    ]
    fields += [(name, Lines, Field(default_factory=list)) for name in vocabulary.body_relations()]
    return _derived("BodySpec", BodyFields, fields)


def _view_spec() -> Any:
    name, kind = _relation_name(), _kind()
    relations = Annotated[list[name], BeforeValidator(_listed, json_schema_input_type=name | list[name])]  # type: ignore[valid-type]
    kinds = Annotated[list[kind], BeforeValidator(_listed, json_schema_input_type=kind | list[kind])]  # type: ignore[valid-type]
    return _derived(
        "ViewSpec",
        ViewFields,
        [
            ("relations", relations, Field(default_factory=lambda: list(vocabulary.body_relations()))),
            ("kinds", kinds, Field(default_factory=list)),
        ],
    )


@functools.lru_cache(maxsize=4)
def _model_spec(version: int) -> tuple[type[ModelFields], TypeAdapter[ModelFields]]:
    # `version` is the vocabulary's: a new version (a relation registered) builds the sections again.
    del version
    body = _body_spec(_history_spec())
    fields: list[tuple[str, Any, Any]] = [
        ("bodies", dict[Id, body], dataclasses.MISSING),  # type: ignore[valid-type]
        ("views", dict[Id, _view_spec()], Field(default_factory=dict)),  # type: ignore[misc]
    ]
    spec: type[ModelFields] = _derived("ModelSpec", ModelFields, fields, _FILE)
    return spec, TypeAdapter(spec)


def model_spec() -> type[ModelFields]:
    """The class of a whole model file, for the vocabulary as it is now."""
    return _model_spec(vocabulary.version())[0]


def spec_adapter() -> TypeAdapter[ModelFields]:
    """What validates a file's tree (`spec_adapter().validate_python(tree)`) and writes its JSON Schema."""
    return _model_spec(vocabulary.version())[1]


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the model file, for editors and other tools."""
    schema = spec_adapter().json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
