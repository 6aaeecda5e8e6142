"""The vocabulary of a model: relations, body kinds, statuses and sections, one table each.

Every table that maps a relation, a kind or a status to something (a label, a verb, a line style, an export
type, whether a rule follows it) is derived from the entries here, so adding a relation to govgraph is one
`RelationTerm` below, plus its words in the README. The tables can be extended while govgraph runs
(`register`, undone by `unregister`, or both around a block with `extended`): the file format's schema, the
checks, the queries, every renderer and every export then know the new word. `version()` changes with every
registration, so whatever is built from the vocabulary (the schema of the file) can tell when to build again.

Answers are tuples and frozensets built once per version of the vocabulary: the loader and the rules ask for
them once per body.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

#: The colours of a line in the interactive page, light and dark; None: the page's ordinary line colour.
Colours = tuple[str, str] | None


@dataclass(frozen=True, kw_only=True)
class RelationTerm:
    """A kind of line between two things of a model.

    Attributes:
        name: the key written in the file (`reports_to`), and the relation's id everywhere.
        label: the relation in a list or a legend (`reports to`, `dotted line to`).
        verb: the relation in a sentence, between two names (`CLP reports to PCAG`).
        past_verb: the same, for something that happened (`LCEG was succeeded by ...`).
        between_bodies: written on a body towards another body (False for `chairs` and `member_of`, which come
            from a body's `chairs` and `members`).
        accountability: part of the line of accountability (routes, `chain`, `under`, tops and cycles).
        include: the words `path --include` accepts to add it to the lines a route follows (none: it cannot be).
        strength: where two bodies are joined by several lines, a route's step names the one with the lowest.
        reports_into: a line through which one body reports into another (GG503: into a closed body).
        secondary: hidden by the interactive page's "dotted, steering, scrutiny and other lines" switch.
        succession: records one body taking over from another: an event, told in the past tense, reported by
            `diff` as `replaced` and exported as a change event.
        dot: the Graphviz edge attributes of its line (`constraint: false` keeps it out of the ranking); a line
            says its relation by its style alone, which the diagram's legend names (`govgraph.render.legend`).
        mermaid_arrow, mermaid_label: its arrow in Mermaid, and the words on it (None: none).
        page_colours: its colour in the interactive page, light and dark (None: the ordinary line colour).
        cypher_type: its relationship type in Cypher.
        jsonld: the JSON-LD properties a line of it gives its body (W3C ORG where it has one, else `gg:`).
        diff_moves: one line of it replaced by one to another body is reported by `diff` as a move.
        restyles_to: a relation a line of it may become between the same two bodies, reported by `diff` as the
            line changing style (a solid line becoming dotted).
        route_word: how a route that uses it is marked (`dotted line`); None: not marked.
        composition: a line of it joins a part to its whole, and counts as accountability only where the whole
            holds its parts to account (its `holds_parts_to_account`, else its kind's `parts_account`).
        symmetric: it joins two bodies as equals (peers): drawn without an arrowhead, said both ways.
        by_role: a line of it may name the post through which it runs (`by: role-id`: a liaison).
    """

    name: str
    label: str
    verb: str
    past_verb: str
    between_bodies: bool = True
    accountability: bool = False
    include: tuple[str, ...] = ()
    strength: int = 100
    reports_into: bool = False
    secondary: bool = False
    succession: bool = False
    dot: Mapping[str, str] = field(default_factory=dict)
    mermaid_arrow: str = "-->"
    mermaid_label: str | None = None
    page_colours: Colours = None
    cypher_type: str = ""
    jsonld: tuple[str, ...] = ()
    diff_moves: bool = False
    restyles_to: str | None = None
    route_word: str | None = None
    composition: bool = False
    symmetric: bool = False
    by_role: bool = False


@dataclass(frozen=True, kw_only=True)
class KindTerm:
    """A kind of body.

    Attributes:
        name: the word written in the file (`advisory_group`).
        label: the kind in words (`advisory group`); plural: several of them (`advisory groups`).
        shape, fill: its box in a diagram (a Graphviz shape, and a `#RRGGBB` tint). govgraph's own kinds share one
            box (an org chart's rounded box): the kind is told by the fill and by a small line under the name, not
            by a dozen shapes a reader has to learn.
        named_by: words that, in a body's name, already say its kind ("Innovators Programme", "SP Evaluation
            CoP"), so its box does not say it again; none: its label.
        chaired: a body of this kind normally has a chair (GG401 says when one has none).
        top: a body of this kind may stand at the top of a structure (GG304, GG305).
        parts_account: bodies `part_of` one of this kind account to it (a programme's capabilities do; the
            members of a partnership keep their own lines of accountability). A body may say otherwise with
            `holds_parts_to_account`.
    """

    name: str
    label: str
    plural: str
    shape: str = "box"
    fill: str = "#FFFFFF"
    named_by: tuple[str, ...] = ()
    chaired: bool = False
    top: bool = False
    parts_account: bool = True


@dataclass(frozen=True, kw_only=True)
class StatusTerm:
    """A status a body can have.

    Attributes:
        name: the word written in the file (`under_review`).
        label: the status in words (`under review`).
        ended: a body with it no longer operates (greyed, left out of a dated diagram, not expected to have a
            chair or lines).
    """

    name: str
    label: str
    ended: bool = False


@dataclass(frozen=True, kw_only=True)
class CapacityTerm:
    """The capacity in which a post chairs a body (`chairs: [{role: x, capacity: vice_chair}]`).

    Attributes:
        name: the word written in the file (`vice_chair`).
        label: the capacity in words (`vice-chair`); title: at the start of a line (`Vice-chair`).
        presides: a holder of it is the body's chair, for as long as it holds (an acting or interim chair is);
            a vice or deputy chair stands in for the chair and is not one (a body with only a vice-chair has
            no chair: GG401).
        plural: two or more presiding chairs of this capacity (`co-chairs`, `acting co-chairs`).
        jsonld: the `org:role` of its membership in JSON-LD (`gg:ViceChair`).
    """

    name: str
    label: str
    title: str
    presides: bool
    plural: str
    jsonld: str


@dataclass(frozen=True, kw_only=True)
class StandingTerm:
    """The standing of a seat on a body (`members: [{role: x, standing: attendee}]`).

    Attributes:
        name: the word written in the file (`non_voting_member`).
        label: the standing in words (`non-voting member`); plural: several (`non-voting members`).
        member: a holder of it is a member of the body (an attendee or an observer is not).
        votes: it counts towards the body's voting membership and its quorum.
        jsonld: the `org:role` of its membership in JSON-LD.
    """

    name: str
    label: str
    plural: str
    member: bool
    votes: bool
    jsonld: str


@dataclass(frozen=True, kw_only=True)
class FrequencyTerm:
    """How often a body meets or reports (`meets: quarterly`).

    Attributes:
        name: the word written in the file (`quarterly`).
        label: in words (`quarterly`); per_year: how many times a year it comes to.
    """

    name: str
    label: str
    per_year: int


@dataclass(frozen=True, kw_only=True)
class SelectionTerm:
    """How a chair comes to hold the chair (`chairs: [{role: x, selection: elected}]`)."""

    name: str
    label: str


@dataclass(frozen=True, kw_only=True)
class SectionTerm:
    """A section of the model file and the kind of thing its entries are.

    Attributes:
        name: the section's key in the file (`bodies`).
        kind: what one entry is (`body`): the word references, names and messages use.
        noun, plural: one and several entries in words for people (a role is a `post`).
    """

    name: str
    kind: str
    noun: str
    plural: str


Term = RelationTerm | KindTerm | StatusTerm | CapacityTerm | StandingTerm | FrequencyTerm | SelectionTerm

RELATIONS: tuple[RelationTerm, ...] = (
    RelationTerm(
        name="reports_to",
        label="reports to",
        verb="reports to",
        past_verb="reported to",
        accountability=True,
        strength=0,
        reports_into=True,
        dot={"style": "solid", "color": "#000000", "arrowhead": "normal"},
        mermaid_arrow="-->",
        cypher_type="REPORTS_TO",
        jsonld=("org:subOrganizationOf", "gg:reportsTo"),
        diff_moves=True,
        restyles_to="dotted_to",
    ),
    RelationTerm(
        name="dotted_to",
        label="dotted line to",
        verb="has a dotted line to",
        past_verb="had a dotted line to",
        include=("dotted", "dotted_to"),
        strength=2,
        reports_into=True,
        secondary=True,
        dot={"style": "dashed", "color": "#0072B2", "arrowhead": "normal", "constraint": "false"},
        mermaid_arrow="-.->",
        page_colours=("#0072b2", "#56b4e9"),
        cypher_type="DOTTED_TO",
        jsonld=("gg:dottedLineTo",),
        diff_moves=True,
        restyles_to="reports_to",
        route_word="dotted line",
    ),
    RelationTerm(
        name="steers",
        label="steers",
        verb="steers",
        past_verb="steered",
        include=("steers",),
        strength=3,
        secondary=True,
        dot={"style": "dotted", "color": "#009E73", "arrowhead": "empty", "penwidth": "1.5"},
        mermaid_arrow="-.->",
        mermaid_label="steers",
        page_colours=("#00795c", "#3ccfa0"),
        cypher_type="STEERS",
        jsonld=("gg:steers",),
        diff_moves=True,
        route_word="steering line",
    ),
    RelationTerm(
        name="part_of",
        label="part of",
        verb="is part of",
        past_verb="was part of",
        accountability=True,
        strength=1,
        reports_into=True,
        # Pink and a little heavier: with no words on the lines, a part is told from a report by its line alone.
        dot={"style": "solid", "color": "#CC79A7", "arrowhead": "none", "penwidth": "1.5"},
        mermaid_arrow="-->",
        mermaid_label="part of",
        # The DOT's pink, darkened on the light page to keep 3:1 against it.
        page_colours=("#b5588d", "#cc79a7"),
        cypher_type="PART_OF",
        jsonld=("org:subOrganizationOf", "gg:partOf"),
        diff_moves=True,
        composition=True,
    ),
    RelationTerm(
        name="succeeded_by",
        label="succeeded by",
        verb="is succeeded by",
        past_verb="was succeeded by",
        strength=4,
        succession=True,
        dot={"style": "solid", "color": "#999999", "arrowhead": "normal"},
        mermaid_arrow="-->",
        mermaid_label="succeeded by",
        page_colours=("#6f7780", "#8b949e"),
        cypher_type="SUCCEEDED_BY",
        jsonld=("gg:succeededBy",),
    ),
    # Scrutiny holds a body to account from outside its line (a joint scrutiny committee scrutinises a
    # partnership): not a line of accountability of the body scrutinised, and drawn in a style of its own.
    RelationTerm(
        name="scrutinises",
        label="scrutinises",
        verb="scrutinises",
        past_verb="scrutinised",
        include=("scrutiny", "scrutinises"),
        strength=5,
        secondary=True,
        dot={"style": "dashed", "color": "#CC79A7", "arrowhead": "odiamond", "penwidth": "1.5", "constraint": "false"},
        mermaid_arrow="-.->",
        mermaid_label="scrutinises",
        page_colours=("#a34f85", "#e3a8cd"),
        cypher_type="SCRUTINISES",
        jsonld=("org:linkedTo", "gg:scrutinises"),
        diff_moves=True,
        route_word="scrutiny line",
    ),
    # A liaison represents one body on another (`by` names the post that does it).
    RelationTerm(
        name="liaison_to",
        label="liaison to",
        verb="has a liaison to",
        past_verb="had a liaison to",
        include=("liaison", "liaison_to"),
        strength=6,
        secondary=True,
        dot={"style": "dotted", "color": "#56B4E9", "arrowhead": "dot", "penwidth": "1.5", "constraint": "false"},
        mermaid_arrow="-.->",
        mermaid_label="liaison to",
        page_colours=("#2b7fb0", "#8fd0f2"),
        cypher_type="LIAISON_TO",
        jsonld=("org:linkedTo", "gg:liaisonTo"),
        by_role=True,
    ),
    # Peers that work alongside each other, neither accountable to the other.
    RelationTerm(
        name="works_with",
        label="works with",
        verb="works with",
        past_verb="worked with",
        include=("peers", "works_with"),
        strength=7,
        secondary=True,
        dot={"style": "solid", "color": "#999999", "arrowhead": "none", "penwidth": "1.5", "constraint": "false"},
        mermaid_arrow="---",
        mermaid_label="works with",
        page_colours=("#6f7780", "#8b949e"),
        cypher_type="WORKS_WITH",
        jsonld=("org:linkedTo", "gg:worksWith"),
        symmetric=True,
    ),
    RelationTerm(
        name="chairs",
        label="chairs",
        verb="chairs",
        past_verb="chaired",
        between_bodies=False,
        mermaid_arrow="==>",
        mermaid_label="chairs",
        cypher_type="CHAIRS",
    ),
    RelationTerm(
        name="member_of",
        label="member of",
        verb="is a member of",
        past_verb="was a member of",
        between_bodies=False,
        mermaid_arrow="-.->",
        mermaid_label="sits on",
        cypher_type="MEMBER_OF",
    ),
)

#: Fills are tints of the Okabe-Ito colours (told apart with the common colour-vision deficiencies), grouped by
#: family, light enough for black text; every box also says its kind in words (its small line, or its name), so
#: nothing depends on colour alone.
KINDS: tuple[KindTerm, ...] = (
    KindTerm(
        name="executive",
        label="executive",
        plural="executives",
        fill="#99C7E0",
        named_by=("executive", "exec"),
        chaired=True,
        top=True,
    ),
    KindTerm(name="board", label="board", plural="boards", fill="#CCE3F0", chaired=True, top=True),
    KindTerm(name="committee", label="committee", plural="committees", fill="#E6F1F8", chaired=True),
    KindTerm(name="advisory_group", label="advisory group", plural="advisory groups", fill="#F5CF80", chaired=True),
    KindTerm(
        name="steering_group",
        label="steering group",
        plural="steering groups",
        fill="#FBE7BF",
        named_by=("steering group", "steering committee"),
        chaired=True,
    ),
    KindTerm(name="forum", label="forum", plural="forums", fill="#99D8C7", chaired=True),
    KindTerm(name="network", label="network", plural="networks", fill="#CCECE3"),
    KindTerm(
        name="community_of_practice",
        label="community of practice",
        plural="communities of practice",
        fill="#E6F5F1",
        named_by=("community of practice", "cop"),
    ),
    # A partnership is made up of its members, who keep their own lines of accountability ("the ICB is part of
    # the ICS" does not make the ICS the top of the ICB's).
    KindTerm(name="partnership", label="partnership", plural="partnerships", fill="#F5E4EE", parts_account=False),
    KindTerm(
        name="programme", label="programme", plural="programmes", fill="#F7EF91", named_by=("programme", "program")
    ),
    KindTerm(name="project", label="project", plural="projects", fill="#FBF7C8"),
    KindTerm(name="workstream", label="workstream", plural="workstreams", fill="#FDFBE4"),
    KindTerm(name="capability", label="capability", plural="capabilities", fill="#DDF0FB"),
    KindTerm(name="team", label="team", plural="teams", fill="#F7D9C6"),
)

STATUSES: tuple[StatusTerm, ...] = (
    StatusTerm(name="proposed", label="proposed"),
    StatusTerm(name="active", label="active"),
    StatusTerm(name="under_review", label="under review"),
    StatusTerm(name="closed", label="closed", ended=True),
    StatusTerm(name="transitioned", label="transitioned", ended=True),
    # What a record says when a body stopped but not how: neither "closed" nor "transitioned" is known.
    StatusTerm(name="ended", label="ended", ended=True),
)

CAPACITIES: tuple[CapacityTerm, ...] = (
    CapacityTerm(name="chair", label="chair", title="Chair", presides=True, plural="co-chairs", jsonld="gg:Chair"),
    CapacityTerm(
        name="acting_chair",
        label="acting chair",
        title="Acting chair",
        presides=True,
        plural="acting co-chairs",
        jsonld="gg:ActingChair",
    ),
    CapacityTerm(
        name="interim_chair",
        label="interim chair",
        title="Interim chair",
        presides=True,
        plural="interim co-chairs",
        jsonld="gg:InterimChair",
    ),
    CapacityTerm(
        name="vice_chair",
        label="vice-chair",
        title="Vice-chair",
        presides=False,
        plural="vice-chairs",
        jsonld="gg:ViceChair",
    ),
    CapacityTerm(
        name="deputy_chair",
        label="deputy chair",
        title="Deputy chair",
        presides=False,
        plural="deputy chairs",
        jsonld="gg:DeputyChair",
    ),
)

STANDINGS: tuple[StandingTerm, ...] = (
    StandingTerm(
        name="voting_member",
        label="voting member",
        plural="voting members",
        member=True,
        votes=True,
        jsonld="gg:VotingMember",
    ),
    StandingTerm(
        name="non_voting_member",
        label="non-voting member",
        plural="non-voting members",
        member=True,
        votes=False,
        jsonld="gg:NonVotingMember",
    ),
    StandingTerm(
        name="attendee", label="attendee", plural="attendees", member=False, votes=False, jsonld="gg:Attendee"
    ),
    StandingTerm(
        name="observer", label="observer", plural="observers", member=False, votes=False, jsonld="gg:Observer"
    ),
)

FREQUENCIES: tuple[FrequencyTerm, ...] = (
    FrequencyTerm(name="weekly", label="weekly", per_year=52),
    FrequencyTerm(name="fortnightly", label="fortnightly", per_year=26),
    FrequencyTerm(name="monthly", label="monthly", per_year=12),
    FrequencyTerm(name="bimonthly", label="every two months", per_year=6),
    FrequencyTerm(name="quarterly", label="quarterly", per_year=4),
    FrequencyTerm(name="twice_yearly", label="twice a year", per_year=2),
    FrequencyTerm(name="yearly", label="once a year", per_year=1),
)

SELECTIONS: tuple[SelectionTerm, ...] = (
    SelectionTerm(name="appointed", label="appointed"),
    SelectionTerm(name="elected", label="elected"),
)

#: The model file's sections of named entries, in the order a file lists them.
SECTIONS: tuple[SectionTerm, ...] = (
    SectionTerm(name="sources", kind="source", noun="source", plural="sources"),
    SectionTerm(name="organisations", kind="organisation", noun="organisation", plural="organisations"),
    SectionTerm(name="groups", kind="group", noun="group", plural="groups"),
    SectionTerm(name="roles", kind="role", noun="post", plural="posts"),
    SectionTerm(name="bodies", kind="body", noun="body", plural="bodies"),
    SectionTerm(name="views", kind="view", noun="view", plural="views"),
)

# The registered entries, in order. Module state on purpose: the vocabulary is one per process, as a plugin
# registry is; `version` tells derived tables when to be rebuilt.
_relations: dict[str, RelationTerm] = {t.name: t for t in RELATIONS}
_kinds: dict[str, KindTerm] = {t.name: t for t in KINDS}
_statuses: dict[str, StatusTerm] = {t.name: t for t in STATUSES}
_capacities: dict[str, CapacityTerm] = {t.name: t for t in CAPACITIES}
_standings: dict[str, StandingTerm] = {t.name: t for t in STANDINGS}
_frequencies: dict[str, FrequencyTerm] = {t.name: t for t in FREQUENCIES}
_selections: dict[str, SelectionTerm] = {t.name: t for t in SELECTIONS}
#: How many times the vocabulary has changed (one mutable cell, rather than a global rebound).
_version = [0]

T = TypeVar("T")


def _derived(build: Callable[[], T]) -> Callable[[], T]:
    """`build()`, computed once per version of the vocabulary (registering clears every such cache)."""
    cached = functools.cache(build)
    _caches.append(cached.cache_clear)
    return cached


_caches: list[Callable[[], None]] = []


def version() -> int:
    """A number that changes whenever the vocabulary does: what is built from it may be kept until then."""
    return _version[0]


def _changed() -> None:
    _version[0] += 1
    for clear in _caches:
        clear()


# Registering -------------------------------------------------------------------------------------------------


def register(term: Term) -> None:
    """Add a relation, a body kind or a status to the vocabulary, after those already there.

    Raises:
        ValueError: a term of that name is already registered.
    """
    table = _table(term)
    if term.name in table:
        raise ValueError(f"{type(term).__name__} {term.name!r} is registered already")
    if isinstance(term, RelationTerm):
        _check_relation(term)
    table[term.name] = term
    _changed()


def _check_relation(term: RelationTerm) -> None:
    """What every relation must say, so that no table derived from it has a gap."""
    if term.name in _words_taken():
        raise ValueError(f"{term.name!r} is already a key of a body in the file format")
    # Every line style sets these: a line that left one out would take it from the edge defaults (reports_to's).
    missing = {"style", "color", "arrowhead"} - set(term.dot)
    if term.between_bodies and missing:
        raise ValueError(f"relation {term.name!r} needs a DOT style with {', '.join(sorted(missing))}")
    if not term.cypher_type or not term.cypher_type.replace("_", "").isalnum() or not term.cypher_type.isupper():
        raise ValueError(f"relation {term.name!r} needs a Cypher type in capitals, such as ADVISES")
    if term.between_bodies and not term.jsonld:
        raise ValueError(f"relation {term.name!r} needs the JSON-LD properties of its lines, such as gg:advises")
    taken = includable()
    if any(word in taken for word in term.include):
        raise ValueError(f"relation {term.name!r} uses an --include word another relation has")


def unregister(term: Term) -> None:
    """Remove a term added with `register` (govgraph's own terms cannot be removed).

    Raises:
        ValueError: it is one of govgraph's own terms, or not registered.
    """
    table = _table(term)
    if table.get(term.name) != term:
        raise ValueError(f"{type(term).__name__} {term.name!r} is not registered")
    if term in (*RELATIONS, *KINDS, *STATUSES, *CAPACITIES, *STANDINGS, *FREQUENCIES, *SELECTIONS):
        raise ValueError(f"{term.name!r} is one of govgraph's own terms and cannot be removed")
    del table[term.name]
    _changed()


@contextmanager
def extended(*terms: Term) -> Iterator[None]:
    """Register `terms` for the duration of a `with` block (a test fixture's), then remove them again."""
    done: list[Term] = []
    try:
        for term in terms:
            register(term)
            done.append(term)
        yield
    finally:
        for term in reversed(done):
            unregister(term)


def _table(term: Term) -> dict[str, Any]:
    tables: dict[type, dict[str, Any]] = {
        RelationTerm: _relations,
        KindTerm: _kinds,
        StatusTerm: _statuses,
        CapacityTerm: _capacities,
        StandingTerm: _standings,
        FrequencyTerm: _frequencies,
        SelectionTerm: _selections,
    }
    return tables[type(term)]


def _words_taken() -> frozenset[str]:
    # A relation between bodies is written as a key of the body; it must not collide with the body's other keys.
    return frozenset(
        {"name", "kind", "short", "aliases", "formerly", "description", "url", "organisation", "managed_by"}
        | {"status", "from", "until", "chairs", "members", "history", "requires", "matrix", "ignore", "source"}
        | {"terms", "top", "holds_parts_to_account"}
    )


# Looking up ------------------------------------------------------------------------------------------------


def relation(name: str) -> RelationTerm:
    """The relation called `name`.

    Raises:
        KeyError: no such relation is registered.
    """
    return _relations[name]


def kind(name: str) -> KindTerm:
    """The body kind called `name`; a kind not registered gets a plain box and its name as words."""
    found = _kinds.get(name)
    return found if found is not None else KindTerm(name=name, label=words(name), plural=plural(words(name)))


def status(name: str) -> StatusTerm:
    """The status called `name`; one not registered is taken as in operation, its name as words."""
    found = _statuses.get(name)
    return found if found is not None else StatusTerm(name=name, label=words(name))


def words(name: str) -> str:
    """A word of the file as words for people: `advisory_group` -> `advisory group`."""
    return name.replace("_", " ")


def count(n: int, noun: str, nouns: str | None = None) -> str:
    """`1 line`, `3 lines`; `1 body`, `3 bodies` (the plural is `nouns` where given, else `plural(noun)`)."""
    return f"{n} {noun if n == 1 else (nouns or plural(noun))}"


def listing(items: Sequence[str], conjunction: str = "and") -> str:
    """`a`, `a and b`, `a, b and c`."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def a(noun: str) -> str:
    """`a board`, `an advisory group`."""
    return f"an {noun}" if noun[:1] in ("a", "e", "i", "o", "u") else f"a {noun}"


def plural(label: str) -> str:
    """Several of what `label` names, for a term the vocabulary does not register (a registered one says its own):
    the regular English ending on its head word (`citizens jury` -> `citizens juries`, `task force` -> `task
    forces`, `council of governors` -> `councils of governors`)."""
    head, of, rest = label.partition(" of ")
    if re.search(r"[^aeiou]y$", head):
        head = head[:-1] + "ies"
    elif re.search(r"(s|x|z|ch|sh)$", head):
        head += "es"
    else:
        head += "s"
    return head + of + rest


@_derived
def fingerprint() -> bytes:
    """Every registered term, as bytes that differ whenever the vocabulary does (across processes too, unlike
    `version`): what a model read under this vocabulary may be kept by."""
    terms = (
        *_relations.values(),
        *_kinds.values(),
        *_statuses.values(),
        *_capacities.values(),
        *_standings.values(),
        *_frequencies.values(),
        *_selections.values(),
    )
    return repr(terms).encode("utf-8")


@_derived
def relations() -> tuple[RelationTerm, ...]:
    """Every relation, in drawing and reporting order (lines between bodies first)."""
    terms = list(_relations.values())
    return tuple([t for t in terms if t.between_bodies] + [t for t in terms if not t.between_bodies])


@_derived
def relation_names() -> tuple[str, ...]:
    """Every relation's name, in the order of `relations`."""
    return tuple(t.name for t in relations())


@_derived
def body_relations() -> tuple[str, ...]:
    """The relations written on a body towards another body, in drawing and reporting order."""
    return tuple(t.name for t in relations() if t.between_bodies)


@_derived
def accountability() -> tuple[str, ...]:
    """The relations that make up the line of accountability, in drawing order."""
    return tuple(t.name for t in relations() if t.accountability)


@_derived
def by_strength() -> tuple[str, ...]:
    """The relations between bodies, strongest first (the line a route's step names)."""
    terms = [t for t in relations() if t.between_bodies]
    return tuple(t.name for t in sorted(terms, key=lambda t: t.strength))


@_derived
def includable() -> Mapping[str, str]:
    """The words `--include` accepts, each with the relation it adds."""
    return {word: t.name for t in relations() for word in t.include}


@_derived
def kind_names() -> tuple[str, ...]:
    """Every body kind, in the order a legend lists them."""
    return tuple(_kinds)


@_derived
def chaired_kinds() -> frozenset[str]:
    """The kinds of body that normally have a chair."""
    return frozenset(t.name for t in _kinds.values() if t.chaired)


@_derived
def top_kinds() -> frozenset[str]:
    """The kinds of body that may stand at the top of a structure."""
    return frozenset(t.name for t in _kinds.values() if t.top)


@_derived
def status_names() -> tuple[str, ...]:
    """Every status, in the order of a body's life."""
    return tuple(_statuses)


@_derived
def ended_statuses() -> frozenset[str]:
    """The statuses of a body that no longer operates."""
    return frozenset(t.name for t in _statuses.values() if t.ended)


def capacity(name: str) -> CapacityTerm:
    """The chair capacity called `name`; one not registered is taken as a presiding chair, its name as words."""
    found = _capacities.get(name)
    if found is not None:
        return found
    label = words(name)
    return CapacityTerm(
        name=name, label=label, title=label.capitalize(), presides=True, plural=plural(label), jsonld="gg:Chair"
    )


def standing(name: str) -> StandingTerm:
    """The standing called `name`; one not registered is taken as a voting member's, its name as words."""
    found = _standings.get(name)
    if found is not None:
        return found
    return StandingTerm(
        name=name, label=words(name), plural=plural(words(name)), member=True, votes=True, jsonld="gg:Member"
    )


def frequency(name: str) -> FrequencyTerm:
    """The frequency called `name`.

    Raises:
        KeyError: no such frequency is registered.
    """
    return _frequencies[name]


def selection(name: str) -> SelectionTerm:
    """How a chair is chosen, called `name` (a name not registered is its own words)."""
    return _selections.get(name) or SelectionTerm(name=name, label=words(name))


@_derived
def capacity_names() -> tuple[str, ...]:
    """Every chair capacity, the presiding ones first."""
    terms = list(_capacities.values())
    return tuple([t.name for t in terms if t.presides] + [t.name for t in terms if not t.presides])


@_derived
def standing_names() -> tuple[str, ...]:
    """Every standing, in the order a membership table lists them."""
    return tuple(_standings)


@_derived
def frequency_names() -> tuple[str, ...]:
    """Every frequency, most often first."""
    return tuple(t.name for t in sorted(_frequencies.values(), key=lambda t: -t.per_year))


@_derived
def selection_names() -> tuple[str, ...]:
    """Every way a chair may be chosen."""
    return tuple(_selections)


def section(name: str) -> SectionTerm:
    """The section called `name` (`bodies`).

    Raises:
        KeyError: the file format has no such section.
    """
    return _SECTIONS[name]


def section_of(kind_of_thing: str) -> SectionTerm:
    """The section whose entries are of `kind_of_thing` (`body` -> `bodies`).

    Raises:
        KeyError: no section holds that kind of thing.
    """
    return _SECTION_OF_KIND[kind_of_thing]


_SECTIONS: Mapping[str, SectionTerm] = {s.name: s for s in SECTIONS}
_SECTION_OF_KIND: Mapping[str, SectionTerm] = {s.kind: s for s in SECTIONS}

#: The kinds of thing a name or reference can lead to, as `Model.resolve` takes them.
NodeKind = Literal["body", "role", "organisation", "group"]
