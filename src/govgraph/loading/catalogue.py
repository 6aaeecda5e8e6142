"""The rules applied while reading a model file (GG1xx, GG2xx, GG501, GG601), in the registry of every rule.

Their findings come from `govgraph.loading`, which asks the registry (`govgraph.rules.finding`) for each code's
severity; this module records what each code means, for `govgraph rules` and `govgraph explain`. Importing
`govgraph.loading` registers them. Most stop the file being read (`ModelError`): what makes the model unreadable.
Two (GG122, GG203) are kept with the model instead (`Model.reading_findings`) and reported by `govgraph check`
like the rules over the model, with the severity the file gives them, so that neither stops every command.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from govgraph.findings import Severity
from govgraph.rules import Found, Rule, RuleFunction, register

E = Severity.ERROR

for _code, _name, _summary, _explanation, _example in [
    (
        "GG101",
        "yaml-syntax",
        "The file is not valid YAML.",
        "The file could not be parsed as YAML. The message says what the parser expected; the most common causes "
        "are tabs used for indentation, a value containing ': ' that is not quoted, and a quote never closed.",
        'note: Status: under review      # quote it: note: "Status: under review"',
    ),
    (
        "GG102",
        "duplicate-key",
        "The same key appears twice in one mapping.",
        "YAML keeps only one of two equal keys, so one of the two values would be lost without a word. "
        "govgraph refuses the file and names the line of the first.",
        "pcag:\n  name: PCAG\n  name: Personalised Care Advisory Group",
    ),
    (
        "GG103",
        "anchor-alias",
        "Anchors and aliases (&name, *name) are not supported.",
        "Anchors and aliases let one value stand for another, which makes a hand-kept file hard to review and "
        "allows exponentially large documents. Write values out in full.",
        "chairs: *pcag-chairs",
    ),
    (
        "GG104",
        "explicit-tag",
        "Explicit YAML tags are not supported.",
        "Tags such as !!python/object or !include ask a YAML reader to do more than read text. govgraph reads "
        "text only.",
        "name: !!python/object:os.system x",
    ),
    (
        "GG105",
        "several-documents",
        "The file holds several YAML documents.",
        "A model is one YAML document. A `---` line in the middle of the file starts a second one.",
        "---",
    ),
    (
        "GG106",
        "too-deep",
        "The file nests deeper than 50 levels.",
        "No governance model needs more than a handful of levels; very deep nesting is refused before it can "
        "exhaust the reader.",
        "a: [[[[[[ ... ]]]]]]",
    ),
    (
        "GG107",
        "not-utf8",
        "The file is not UTF-8 text.",
        "govgraph reads UTF-8 (a byte-order mark is allowed). Save the file as UTF-8.",
        "",
    ),
    ("GG108", "empty", "The file is empty.", "There is nothing in the file but perhaps comments.", ""),
    (
        "GG109",
        "not-a-mapping",
        "The top level of the file is not a mapping.",
        "A model file is a mapping of sections: `govgraph: 1`, `title`, `bodies` and the optional others.",
        "- pcag\n- lceg",
    ),
    (
        "GG110",
        "too-large",
        "The file is over the size limit.",
        "Files over 100 MB (or GOVGRAPH_MAX_BYTES) are refused before they are read.",
        "",
    ),
    (
        "GG111",
        "unknown-key",
        "A key that the format does not have.",
        "Nothing in a model file is silently ignored: a misspelt key is an error, with the closest valid key.",
        "reprots_to: [lceg]      # did you mean reports_to?",
    ),
    (
        "GG112",
        "wrong-type",
        "A value of the wrong type.",
        "Each key expects text, a list or a mapping; this one holds something else.",
        "chairs: {pc-sro: yes}",
    ),
    (
        "GG113",
        "missing-key",
        "A required key is missing.",
        "Every body needs a `name` and a `kind`; the file needs `govgraph`, `title` and `bodies`.",
        "pcag: {name: PCAG}      # no kind",
    ),
    (
        "GG114",
        "unknown-value",
        "A value outside the vocabulary.",
        "Kinds, statuses, relation names and other fixed values must be one of the documented words.",
        "kind: borad      # did you mean board?",
    ),
    (
        "GG115",
        "invalid-id",
        "An id that is not lower-case letters, digits and hyphens.",
        "Ids are used in file names and links, so they are limited to a-z, 0-9 and '-', at most 64 characters.",
        "Finance_Board:      # use finance-board",
    ),
    (
        "GG116",
        "invalid-date",
        "A date that is not YYYY, YYYY-MM or YYYY-MM-DD, or not a real day.",
        "Dates may be partial: 2024 means the whole year, 2024-03 the whole of March.",
        "from: 2024-02-30",
    ),
    (
        "GG117",
        "format-version",
        "An unknown format version.",
        "The first line of a model says which version of the format it uses: `govgraph: 1`.",
        "govgraph: 2",
    ),
    (
        "GG118",
        "out-of-range",
        "A number outside the range its key allows.",
        "Every number in a model file has a range: `checks.review_months` from 0 to 1200 (a century), a view's "
        "`up` and `down` from 0 to 1000. To never be warned of an overdue review, leave `review_months` out and "
        "ignore GG504; to take every level of a view, leave `up` or `down` out.",
        "checks: {review_months: 100000}      # ignore GG504 instead",
    ),
    (
        "GG119",
        "member-entry",
        "A member entry names no member, or several.",
        "Each entry of `members` names exactly one of `role`, `organisation` or `group`.",
        "members:\n  - {role: pc-sro, organisation: nhse-london}",
    ),
    (
        "GG123",
        "conflicting-keys",
        "Two keys that cannot be written together, or neither of two of which one is needed.",
        "Some facts are said one way or another, not both: a history entry has a `date` or, when the date is not "
        "known, `by` (the latest it can have happened), never both; a holder known on one date only has `on` "
        "instead of `from` and `until`; a past holder or member (`past: true`) whose end is known has `until` "
        "instead; a quorum is a `count` or a `fraction`.",
        "history:\n  - {date: 2025-03, by: 2025-06, status: closed}      # one or the other",
    ),
    (
        "GG201",
        "unknown-reference",
        "A reference to an id that does not exist.",
        "References are by id. The message suggests the closest ids, and the id to use when a name was written.",
        "reports_to: [PCAG]      # write the id: pcag",
    ),
    (
        "GG202",
        "wrong-kind-reference",
        "A reference to the wrong kind of thing.",
        "For example a role in `reports_to` (lines join bodies) or a body in `chairs` (chairs are roles).",
        "reports_to: [pc-sro]",
    ),
    (
        "GG204",
        "duplicate-id",
        "One id used in two sections.",
        "Ids are unique across the whole file, so a reference always means one thing.",
        "",
    ),
    (
        "GG501",
        "until-before-from",
        "`until` is before `from`.",
        "A period must end on or after the day it starts.",
        "{from: 2025, until: 2024}",
    ),
    (
        "GG601",
        "unknown-source",
        "A `source` that is not in the `sources` section.",
        "Every cited source must be described once in `sources`, with at least a title.",
        "source: programme-backgroud",
    ),
]:
    register(Rule(_code, _name, _summary, E, _explanation, _example))


def _reported(code: str) -> RuleFunction:
    """The check of a rule found while reading: what reading found of `code`, kept with the model, reported again
    (and stamped with the rule's severity, as every rule's findings are)."""

    def reported(context: Any) -> Iterator[Found]:
        for found in context.model.reading_findings:
            if found.code == code:
                yield Found(found.message, found.location, found.hint)

    return reported


register(
    Rule(
        "GG122",
        "bad-url",
        "A `url` that is not a web address a reader can follow.",
        Severity.ERROR,
        "A `url` of a body, organisation or source is a link on its page and in its diagrams, so it must be a full "
        "web address (`https://...`, or `mailto:`) written as a browser writes it: a relative address means nothing "
        "outside the folder it was written in, `javascript:` would run in the reader's browser, and a space or a "
        "character such as `<` or `|` must be written `%20`, `%3C`, `%7C`. The address is left out of every output "
        "until it is corrected; every other command answers as usual.",
        "url: docs/board.md      # write https://example.org/docs/board.md",
        _reported("GG122"),
    )
)
register(
    Rule(
        "GG203",
        "ambiguous-name",
        "Two things of one section are known by one name at the same time.",
        Severity.ERROR,
        "Commands accept names as well as ids, so within a section a name should lead to one thing. A name may be "
        "used again over time: two bodies whose lifetimes do not overlap (the first ended, by `until` or a closing "
        "`history` entry, before the second's `from`), and a body's former name (`formerly:`) that another body "
        "has, are not reported; a command given such a name lists the bodies it could mean, with their dates.",
        "data-team: {name: Data Team, kind: team, until: 2019}\n"
        "data-team-2020: {name: Data Team, kind: team, from: 2020}      # fine: one after the other",
        _reported("GG203"),
    )
)
# Read from a workbook (`govgraph import xlsx`) only: a sheet someone added for their own notes is left as it is,
# and said, rather than refusing the whole workbook.
register(
    Rule(
        "GG130",
        "unknown-sheet",
        "A sheet of a workbook that is not part of a govgraph workbook.",
        Severity.WARNING,
        "`govgraph import xlsx` reads the sheets `govgraph export --format xlsx` writes. Another sheet (notes, a "
        "pivot table) is not read; the message names it, with the closest sheet name in case it was renamed.",
        "a sheet named 'Bodys'      # did you mean 'Bodies'?",
    )
)
