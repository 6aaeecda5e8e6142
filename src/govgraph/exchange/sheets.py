"""The workbook's sheets as data: which part of the model file each sheet holds, and what each column means.

`govgraph.exchange.xlsx` writes and reads a workbook from this table alone, so a new part of the model is a new
`Sheet` here (and, where it has new fixed words, a new list in `vocabulary`), not new reading or writing code.

A sheet's `path` says where its rows live in the model file, one step at a time:

- a literal key (`"bodies"`, `"chairs"`);
- `"{key}"`: the text of the column whose key is `key` is the next key. Right after a section it names an entry:
  the sheet whose path ends there (the section's *entries* sheet, one row per id) makes the entry; any other
  sheet's rows belong to an entry that must exist (`Chairs` rows name their body);
- `"*"`: the section is the one holding the id in the next step's column (`Other names` serve bodies, posts,
  organisations and groups alike);
- `"[]"`: each row is a new item of the list there.

A row's other columns are the keys of the entry or item (a dotted key reaches into a mapping:
`requires.represented`); with `value`, the item is that one column's text (`Group members`: a list of ids).
`short` names the key of an item that the file may write as a bare value (a chair as its post's id), which the
workbook writes in full. A `settings` sheet is a two-column table of the model's top-level settings instead.

Cells hold what the file holds, by `Cell` kind: text as written; ids, words and whole numbers; dates (a full date
as a date, a month or a year alone as text, so that `2024-03` is never stored as 1 March); yes/no as true and
false; lists of ids or words separated by commas; a mapping of words to ids as `word = id` pairs.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from govgraph import vocabulary as terms
from govgraph.findings import Severity


def vocabulary() -> Mapping[str, tuple[str, ...]]:
    """The fixed words a cell may hold, by the name of their drop-down list.

    The one place the workbook reads the model's vocabulary (kinds, statuses, relations).
    """
    return {
        "kinds": terms.kind_names(),
        "statuses": terms.status_names(),
        "relations": terms.body_relations(),
        "capacities": terms.capacity_names(),
        "selections": terms.selection_names(),
        "standings": terms.standing_names(),
        "frequencies": terms.frequency_names(),
        "severities": tuple(str(s) for s in sorted(Severity, reverse=True)),
        "directions": ("TB", "LR", "BT", "RL"),
        "names": tuple(NAME_KINDS),
        "yes/no": ("true", "false"),
    }


#: The `Other names` sheet's words for the two lists of names an entry may have.
NAME_KINDS: Mapping[str, str] = {"alias": "aliases", "former name": "formerly"}


class Cell(enum.Enum):
    """How a column's cells are written and read."""

    TEXT = "text"  #: as written, spaces and line breaks kept
    WORD = "word"  #: an id or a word from a list: surrounding spaces dropped
    DATE = "date"  #: YYYY, YYYY-MM or YYYY-MM-DD
    WHOLE = "whole"  #: a whole number
    YESNO = "yes/no"  #: true or false
    WORDS = "words"  #: ids or words separated by commas
    PRESENT = "present"  #: true when the entry has the key at all (a post whose holders are tracked)
    PAIRS = "pairs"  #: a mapping written `key = id`, pairs separated by commas (a rule set's parts)


#: The sections whose entries are keyed by id, in the order the workbook lists them; `"*"` steps look in these.
ID_SECTIONS: tuple[str, ...] = ("bodies", "roles", "organisations", "groups", "sources", "views")


@dataclass(frozen=True)
class Column:
    """One column: its header, the key it fills, how its cells read, and its drop-down list.

    `choices` names a list of `vocabulary()` or a section whose ids the cell may hold (`"bodies"`); `words` maps
    the words a person picks to the keys the file uses, where they differ.
    """

    header: str
    key: str
    cell: Cell = Cell.TEXT
    choices: str | None = None
    help: str = ""
    width: int = 16
    words: Mapping[str, str] | None = None


@dataclass(frozen=True)
class Sheet:
    """One sheet of the workbook (see the module docstring)."""

    name: str
    help: str
    path: tuple[str, ...]
    columns: tuple[Column, ...]
    settings: bool = False
    value: str | None = None
    short: str | None = None
    #: Every entry of the section gets the list of `path`, even with no row: the file requires it (a group's
    #: members), and a group without any is written as an empty list.
    always: bool = False


def _id(what: str) -> Column:
    return Column("Id", "id", Cell.WORD, help=f"The {what}'s id: lower-case letters, digits and hyphens.", width=22)


def _owner(header: str, section: str, what: str) -> Column:
    return Column(header, "owner", Cell.WORD, section, f"The id of the {what} this row belongs to.", width=22)


_FROM = Column("From", "from", Cell.DATE, help="First date it held: 2024, 2024-03 or 2024-03-15.", width=12)
_UNTIL = Column("Until", "until", Cell.DATE, help="Last date it held (2025-03 holds through 31 March).", width=12)
_SOURCE = Column(
    "Source", "source", Cell.WORD, "sources", "A source id (Sources sheet); blank: the body's own source.", width=22
)
_NOTE = Column("Note", "note", help="Anything a reader should know.", width=30)
_CODE = Column("Check", "code", Cell.WORD, help="A check's code (GG401) or family (GG4).", width=10)

_TERMS_OWNER = _owner("Body", "bodies", "body whose terms of reference these are")
_TERMS_SOURCE = Column("Source", "source", Cell.WORD, "sources", "A source id; blank: the terms' document.", width=22)

#: A body's terms of reference: the terms themselves (one row a body), who must be present for a quorum, and
#: the reports the body makes and asks to receive.
TERMS_SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "Terms of reference",
        "A body's terms of reference: approval and review, quorum, meetings. One row per body that has them.",
        ("bodies", "{owner}", "terms"),
        (
            _TERMS_OWNER,
            Column(
                "Document", "source", Cell.WORD, "sources", "The terms of reference document (a source id).", width=22
            ),
            Column("Approved", "approved", Cell.DATE, help="When the terms were approved.", width=12),
            Column(
                "Approved by",
                "approved_by",
                Cell.WORD,
                help="The body or organisation that approved them (id).",
                width=20,
            ),
            Column(
                "Review after (months)",
                "review_months",
                Cell.WHOLE,
                help="How many months after approval the terms are due for review.",
                width=10,
            ),
            Column("Review by", "review_by", Cell.DATE, help="Or: the date they are due for review.", width=12),
            Column("Members at least", "members_at_least", Cell.WHOLE, help="The least number of members.", width=10),
            Column(
                "Quorum (members)", "quorum.count", Cell.WHOLE, help="How many voting members make a quorum.", width=10
            ),
            Column(
                "Quorum (share)",
                "quorum.fraction",
                Cell.WORD,
                help="Or: a share of the voting members, as 1/3, 1/2, 2/3 or majority.",
                width=10,
            ),
            Column(
                "May meet without chair",
                "quorum.without_chair",
                Cell.YESNO,
                "yes/no",
                "true or false as the terms say; blank: they do not say.",
                width=12,
            ),
            Column("Quorum source", "quorum.source", Cell.WORD, "sources", "A source id for the quorum.", width=18),
            Column("Quorum note", "quorum.note", help="Anything a reader should know of the quorum.", width=30),
            Column(
                "Meets",
                "meets.frequency",
                Cell.WORD,
                "frequencies",
                "How often it meets: monthly, quarterly... (or give Meetings a year).",
                width=14,
            ),
            Column("Meetings a year", "meets.per_year", Cell.WHOLE, help="How many meetings a year.", width=10),
            Column(
                "Meeting months",
                "meets.months",
                Cell.WORDS,
                help="The months it meets in, 1 to 12: 3, 6, 9, 12.",
                width=16,
            ),
            Column(
                "Meetings at least",
                "meets.at_least",
                Cell.YESNO,
                "yes/no",
                "true: the number of meetings is a minimum.",
                width=10,
            ),
            Column("Meetings source", "meets.source", Cell.WORD, "sources", "A source id for the meetings.", width=18),
            Column("Meetings note", "meets.note", help="Anything a reader should know of its meetings.", width=30),
            Column(
                "Excluded posts",
                "excludes",
                Cell.WORDS,
                help="Posts that may not sit on it (ids, comma between).",
                width=20,
            ),
            _NOTE,
        ),
    ),
    Sheet(
        "Quorum must include",
        "Who must be among those present for a quorum: the chair, the chair or a vice-chair, a post, or members of "
        "a group.",
        ("bodies", "{owner}", "terms", "quorum", "present", "[]"),
        (
            _TERMS_OWNER,
            Column("Chair", "chair", Cell.YESNO, "yes/no", "true: the chair must be present.", width=8),
            Column(
                "Chair or vice-chair",
                "chair_or_vice",
                Cell.YESNO,
                "yes/no",
                "true: the chair, or a vice or deputy chair, must be present.",
                width=10,
            ),
            Column("Post", "role", Cell.WORD, "roles", "This post must be present (id).", width=22),
            Column("Group", "group", Cell.WORD, "groups", "Voting members from this group (id).", width=18),
            Column("How many", "count", Cell.WHOLE, help="How many from the group (blank: one).", width=8),
        ),
    ),
    Sheet(
        "Reports made",
        "Reports a body's terms say it makes: to whom (blank: the body it reports to), what and how often.",
        ("bodies", "{owner}", "terms", "reports", "[]"),
        (
            _TERMS_OWNER,
            Column("To", "to", Cell.WORD, "bodies", "The body reported to (blank: the body it reports to).", width=22),
            Column("What", "what", help="What the report is.", width=30),
            Column(
                "How often", "frequency", Cell.WORD, "frequencies", "monthly, quarterly... (or Times a year).", width=14
            ),
            Column("Times a year", "per_year", Cell.WHOLE, help="How many reports a year.", width=10),
            Column(
                "After each meeting",
                "after_each_meeting",
                Cell.YESNO,
                "yes/no",
                "true: a report after each of its meetings.",
                width=10,
            ),
            Column("Months", "months", Cell.WORDS, help="The months it reports in, 1 to 12.", width=14),
            _TERMS_SOURCE,
        ),
    ),
    Sheet(
        "Reports expected",
        "Reports a body's terms ask to receive: from one body, or (From blank) from each body reporting to it.",
        ("bodies", "{owner}", "terms", "expects", "[]"),
        (
            _TERMS_OWNER,
            Column("From", "from", Cell.WORD, "bodies", "The body (blank: each body reporting to it).", width=22),
            Column(
                "Times a year", "per_year", Cell.WHOLE, help="At least how many reports a year (required).", width=10
            ),
            Column("What", "what", help="What the reports are.", width=30),
            _TERMS_SOURCE,
        ),
    ),
)

#: Every sheet, in the workbook's order. The entries sheet of a section comes before the sheets that add to it.
SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "Model",
        "The model's title, date and check settings.",
        (),
        (
            Column("Title", "title", help="What the model describes.", width=60),
            Column("Description", "description", help="A paragraph about it.", width=60),
            Column("As of", "as_of", Cell.DATE, help="The date the description is true to.", width=60),
            Column("Format version", "govgraph", Cell.WHOLE, help="The model file's format version: 1.", width=60),
            Column(
                "Review months",
                "checks.review_months",
                Cell.WHOLE,
                help="How long a review may stay open before a warning (default 12).",
                width=60,
            ),
            Column(
                "Require sources",
                "checks.require_sources",
                Cell.YESNO,
                "yes/no",
                "true: report facts that cite no source.",
                width=60,
            ),
        ),
        settings=True,
    ),
    Sheet(
        "Bodies",
        "One row per board, committee, group, programme, project or team.",
        ("bodies", "{id}"),
        (
            _id("body"),
            Column("Name", "name", help="The body's full name (required).", width=40),
            Column("Short name", "short", help="What people call it: PCAG.", width=14),
            Column("Kind", "kind", Cell.WORD, "kinds", "What sort of body it is (required).", width=20),
            Column("Status", "status", Cell.WORD, "statuses", "Its status where History says nothing.", width=14),
            Column("Host organisation", "organisation", Cell.WORD, "organisations", "Its host (id).", width=20),
            _FROM,
            _UNTIL,
            Column("Description", "description", help="A paragraph about it.", width=40),
            Column("Web page", "url", help="Its page on the web.", width=24),
            Column(
                "Must represent",
                "requires.represented",
                Cell.WORDS,
                help="Groups (ids, comma between) every member of which must sit on it.",
                width=20,
            ),
            Column(
                "Several parents on purpose",
                "matrix",
                Cell.YESNO,
                "yes/no",
                "true when it reports to several bodies by design.",
                width=14,
            ),
            Column("Source", "source", Cell.WORD, "sources", "Where its facts come from (a source id).", width=22),
            Column(
                "Top by design",
                "top",
                Cell.YESNO,
                "yes/no",
                "true: the top of its own structure on purpose, whatever its kind.",
                width=12,
            ),
            Column(
                "Parts accountable to it",
                "holds_parts_to_account",
                Cell.YESNO,
                "yes/no",
                "Whether bodies that are part_of it account to it (blank: as its kind says; a partnership does not).",
                width=14,
            ),
        ),
    ),
    Sheet(
        "Lines",
        "Lines from one body to another: reports_to (solid), dotted_to, steers, part_of, succeeded_by.",
        ("bodies", "{owner}", "{relation}", "[]"),
        (
            _owner("Body", "bodies", "body the line starts from"),
            Column("Line", "relation", Cell.WORD, "relations", "What the line means.", width=14),
            Column("To", "body", Cell.WORD, "bodies", "The body it goes to (id).", width=22),
            _FROM,
            _UNTIL,
            _SOURCE,
            _NOTE,
            Column("Through post", "by", Cell.WORD, "roles", "The post the line runs through (a liaison's).", width=22),
        ),
        short="body",
    ),
    Sheet(
        "Chairs",
        "Posts that chair a body; two or more are co-chairs.",
        ("bodies", "{owner}", "chairs", "[]"),
        (
            _owner("Body", "bodies", "body"),
            Column("Post", "role", Cell.WORD, "roles", "The post that chairs it (id, Posts sheet).", width=26),
            _FROM,
            _UNTIL,
            _SOURCE,
            Column(
                "Capacity",
                "capacity",
                Cell.WORD,
                "capacities",
                "chair (blank), acting_chair, interim_chair, vice_chair or deputy_chair.",
                width=14,
            ),
            Column("Appointed or elected", "selection", Cell.WORD, "selections", "How the chair was chosen.", width=14),
            Column("Chosen by", "selected_by", Cell.WORD, help="The body or organisation that chose (id).", width=20),
        ),
        short="role",
    ),
    Sheet(
        "Members",
        "Who sits on a body: a post, an organisation or a group (fill one of the three) and what they represent.",
        ("bodies", "{owner}", "members", "[]"),
        (
            _owner("Body", "bodies", "body"),
            Column("Post", "role", Cell.WORD, "roles", "A post (id); or an organisation; or a group.", width=22),
            Column("Organisation", "organisation", Cell.WORD, "organisations", "An organisation (id).", width=20),
            Column("Group", "group", Cell.WORD, "groups", "A group (id).", width=18),
            Column("As", "as", help="What they represent or do there.", width=26),
            _FROM,
            _UNTIL,
            _SOURCE,
            _NOTE,
            Column(
                "Standing",
                "standing",
                Cell.WORD,
                "standings",
                "voting_member, non_voting_member, attendee or observer (blank: not recorded).",
                width=16,
            ),
            Column("Seats", "seats", Cell.WHOLE, help='How many seats this row stands for ("four co-opted").', width=8),
            Column(
                "Seat of",
                "for",
                Cell.WORD,
                "organisations",
                "The organisation whose seat it is, when not the post's own (id).",
                width=20,
            ),
            Column("Past", "past", Cell.YESNO, "yes/no", "true: sat there once, end not recorded.", width=8),
        ),
    ),
    Sheet(
        "History",
        "What happened to a body and when, oldest first: status changes, renames, decisions.",
        ("bodies", "{owner}", "history", "[]"),
        (
            _owner("Body", "bodies", "body"),
            Column(
                "Date",
                "date",
                Cell.DATE,
                help="When: 2024, 2024-03 or 2024-03-15 (or, if not known, fill Happened by).",
                width=12,
            ),
            Column("Status", "status", Cell.WORD, "statuses", "Its status from that date.", width=14),
            Column("New name", "name", help="Its name from that date.", width=26),
            Column("Decided by", "decided_by", Cell.WORD, "bodies", "The body whose decision it was.", width=20),
            _NOTE,
            _SOURCE,
            Column(
                "Happened by",
                "by",
                Cell.DATE,
                help="Instead of Date, when the date is not known: the latest it can have happened.",
                width=12,
            ),
        ),
    ),
    Sheet(
        "Managed by",
        "Organisations that ran a body over time (its host is on the Bodies sheet).",
        ("bodies", "{owner}", "managed_by", "[]"),
        (
            _owner("Body", "bodies", "body"),
            Column("Organisation", "organisation", Cell.WORD, "organisations", "The organisation (id).", width=20),
            _FROM,
            _UNTIL,
            _SOURCE,
            _NOTE,
        ),
    ),
    Sheet(
        "Silenced on a body",
        "Checks silenced on one body, with the reason (the reason is part of the record).",
        ("bodies", "{owner}", "ignore", "[]"),
        (
            _owner("Body", "bodies", "body"),
            _CODE,
            Column("Reason", "reason", help="Why (required).", width=60),
        ),
    ),
    *TERMS_SHEETS,
    Sheet(
        "Posts",
        "Posts (roles), independent of who holds them.",
        ("roles", "{id}"),
        (
            _id("post"),
            Column("Title", "title", help="The post's title (required).", width=40),
            Column("Organisation", "organisation", Cell.WORD, "organisations", "Its organisation (id).", width=20),
            Column(
                "Holders tracked",
                "holders",
                Cell.PRESENT,
                "yes/no",
                "true: who holds it is recorded (Holders sheet), even when no one does.",
                width=12,
            ),
            Column("Source", "source", Cell.WORD, "sources", "Where its facts come from (a source id).", width=22),
        ),
    ),
    Sheet(
        "Holders",
        "Who held a post, and when.",
        ("roles", "{owner}", "holders", "[]"),
        (
            _owner("Post", "roles", "post"),
            Column("Name", "name", help="The holder's name (required).", width=26),
            _FROM,
            _UNTIL,
            Column("Source", "source", Cell.WORD, "sources", "A source id; blank: the post's own.", width=18),
            Column("Known on", "on", Cell.DATE, help="Known to hold it on this date, and no more.", width=12),
            Column("Past", "past", Cell.YESNO, "yes/no", "true: held it once, end not recorded.", width=8),
        ),
    ),
    Sheet(
        "Organisations",
        "Organisations: hosts of bodies, members of them, employers of posts.",
        ("organisations", "{id}"),
        (
            _id("organisation"),
            Column("Name", "name", help="Its full name (required).", width=40),
            Column("Short name", "short", help="What people call it.", width=16),
            Column("Web page", "url", help="Its page on the web.", width=24),
            Column("Source", "source", Cell.WORD, "sources", "Where its facts come from (a source id).", width=22),
        ),
    ),
    Sheet(
        "Groups",
        "Named sets of organisations, posts or groups, used by representation requirements.",
        ("groups", "{id}"),
        (
            _id("group"),
            Column("Name", "name", help="The group's name (required).", width=40),
            Column("Short name", "short", help="What people call it.", width=16),
            Column("Source", "source", Cell.WORD, "sources", "Where its facts come from (a source id).", width=22),
        ),
    ),
    Sheet(
        "Group members",
        "The organisations, posts and groups in each group, one per row.",
        ("groups", "{owner}", "members", "[]"),
        (
            _owner("Group", "groups", "group"),
            Column("Member", "member", Cell.WORD, help="An organisation, post or group (id).", width=24),
        ),
        value="member",
        always=True,
    ),
    Sheet(
        "Other names",
        "Other names of a body, post, organisation or group: aliases, and a body's former names (oldest first).",
        ("*", "{owner}", "{names}", "[]"),
        (
            Column("Of", "owner", Cell.WORD, help="The id of the body, post, organisation or group.", width=22),
            Column("Kind of name", "names", Cell.WORD, "names", "alias, or a body's former name.", words=NAME_KINDS),
            Column("Name", "name", help="The name, as people write it.", width=40),
        ),
        value="name",
    ),
    Sheet(
        "Sources",
        "Documents that facts are taken from; cited by id in the Source columns.",
        ("sources", "{id}"),
        (
            _id("source"),
            Column("Title", "title", help="The document's title (required).", width=40),
            Column("Publisher", "publisher", help="Who published it.", width=20),
            Column("Date", "date", Cell.DATE, help="When it was published.", width=12),
            Column("Web page", "url", help="Where to find it.", width=30),
            _NOTE,
        ),
    ),
    Sheet(
        "Views",
        "Named diagrams: which lines, kinds and organisations to draw.",
        ("views", "{id}"),
        (
            _id("view"),
            Column("Title", "title", help="The diagram's title (required).", width=30),
            Column("Description", "description", help="What it shows.", width=30),
            Column("Lines", "relations", Cell.WORDS, help="Lines to draw, comma between (blank: all).", width=20),
            Column("Kinds", "kinds", Cell.WORDS, help="Kinds of body to draw, comma between (blank: all).", width=20),
            Column("Organisations", "organisations", Cell.WORDS, help="Only bodies these host (ids).", width=18),
            Column("Focus", "focus", Cell.WORD, "bodies", "Draw around this body (id).", width=18),
            Column("Up", "up", Cell.WHOLE, help="With a focus: levels up.", width=6),
            Column("Down", "down", Cell.WHOLE, help="With a focus: levels down.", width=6),
            Column("Direction", "direction", Cell.WORD, "directions", "TB (top down, the default), LR, BT, RL."),
            Column("Clusters", "clusters", Cell.YESNO, "yes/no", "true: box bodies by organisation.", width=10),
            Column("As of", "as_of", Cell.DATE, help="Draw as things stood on this date.", width=12),
        ),
    ),
    Sheet(
        "Silenced in the model",
        "Checks silenced for the whole model, or for one body, with the reason.",
        ("checks", "ignore", "[]"),
        (
            _CODE,
            Column("Body", "body", Cell.WORD, "bodies", "Only findings about this body (blank: everywhere).", width=22),
            Column("Reason", "reason", help="Why.", width=60),
        ),
        short="code",
    ),
    Sheet(
        "Rule sets",
        "Rule sets the model opts into, and the model's id for each part their rules name.",
        ("checks", "rulesets", "[]"),
        (
            Column("Rule set", "use", help="One shipped with govgraph (nhs-icb), or a file from the model's folder."),
            Column(
                "Parts",
                "parts",
                Cell.PAIRS,
                help="Each part the rules name and the model's id for it: board = icb-board, audit-committee = ...",
                width=60,
            ),
        ),
    ),
    Sheet(
        "Check severity",
        "Checks made stricter or milder.",
        ("checks", "severity", "{code}"),
        (
            _CODE,
            Column("Severity", "severity", Cell.WORD, "severities", "error, warning or info.", width=12),
        ),
        value="severity",
    ),
)

#: Sheets govgraph writes that hold no part of the model: the reader skips them.
ABOUT = "About"
LISTS = "Lists"
