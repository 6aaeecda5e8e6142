"""The roles rules (GG401, GG402, GG403, GG405) say what to do, in words that name the file's own keys, and hold
only where their facts held at the same time."""

from __future__ import annotations

import textwrap

from govgraph.checks import run
from govgraph.findings import Finding
from govgraph.loading import load_bytes
from govgraph.model import PartialDate


def found(text: str, code: str, as_of: str | None = None) -> list[Finding]:
    model = load_bytes(textwrap.dedent(text).encode(), "roles.yaml")
    return [f for f in run(model, as_of=PartialDate.parse(as_of) if as_of else None) if f.code == code]


def test_a_board_without_a_chair_is_told_how_to_add_one_or_say_why_not() -> None:
    text = """\
    govgraph: 1
    title: No chair
    bodies:
      board: {name: Board, kind: board}
    """
    assert [f.hint for f in found(text, "GG401")] == [
        "add `chairs: [role-id]`, or, if the chair is not known, `ignore: [{code: GG401, reason: ...}]` on the body"
    ]


INDEPENDENCE = """\
govgraph: 1
title: Independence
roles:
  sro: {title: SRO}
bodies:
  top: {name: Top, kind: board, chairs: [sro]}
  group:
    name: Group
    kind: advisory_group
    chairs: [sro]
    reports_to: [top]
"""


def test_one_post_chairing_a_body_and_its_parent_is_told_what_to_do() -> None:
    assert [f.hint for f in found(INDEPENDENCE, "GG402")] == [
        "give 'group' or 'top' an independent chair, or record why not with `ignore: [{code: GG402, reason: ...}]`"
    ]


def test_the_same_chairs_are_independent_when_the_line_between_them_had_ended() -> None:
    ended = INDEPENDENCE.replace("reports_to: [top]", "reports_to: [{body: top, until: 2019}]").replace(
        "chairs: [sro]", "chairs: [{role: sro, from: 2020}]"
    )
    assert found(ended, "GG402") == []
    # With the line still in force the same chairs are not independent.
    held = ended.replace("{body: top, until: 2019}", "{body: top, until: 2021}")
    assert len(found(held, "GG402")) == 1


def test_a_body_whose_parent_has_no_chair_is_checked_as_the_other_bodies_are() -> None:
    text = INDEPENDENCE.replace(
        "  group:\n", "  middle: {name: Middle, kind: committee, reports_to: [top]}\n  group:\n", 1
    ).replace("reports_to: [top]\n", "reports_to: [middle, top]\n")
    # 'middle' has no chair, and comes first among the group's parents: 'top' is still looked at.
    assert [f.message for f in found(text, "GG402")] == [
        "'sro' chairs both 'group' and 'top', which 'group' reports to"
    ]


REPRESENTATION = """\
govgraph: 1
title: Representation
organisations:
  council: {name: Council}
roles:
  a-lead: {title: A lead}
groups:
  partners: {name: Partners, members: [a-lead, council]}
bodies:
  forum:
    name: Forum
    kind: forum
    members: [{role: a-lead}]
    requires: {represented: [partners]}
"""


def test_a_missing_organisation_is_named_as_an_organisation_in_the_hint() -> None:
    assert [f.hint for f in found(REPRESENTATION, "GG403")] == [
        "add the missing members (`- {organisation: council}`), or the whole group (`- {group: partners}`), "
        "to the body's `members`"
    ]


def test_a_missing_post_is_named_as_a_role_in_the_hint() -> None:
    text = REPRESENTATION.replace("members: [{role: a-lead}]", "members: [{organisation: council}]")
    assert [f.hint for f in found(text, "GG403")] == [
        "add the missing members (`- {role: a-lead}`), or the whole group (`- {group: partners}`), "
        "to the body's `members`"
    ]


def test_a_body_that_has_closed_need_not_represent_anyone() -> None:
    closed = REPRESENTATION.replace(
        "    requires: {represented: [partners]}\n",
        "    requires: {represented: [partners]}\n    history: [{date: 2020, status: closed}]\n",
    )
    assert found(closed, "GG403", as_of="2021") == []
    assert len(found(closed, "GG403", as_of="2019")) == 1


VACANT = """\
govgraph: 1
title: Vacant
roles:
  chair:
    title: Chair
    holders: []
bodies:
  board: {name: Board, kind: board, chairs: [chair]}
"""


def test_a_post_held_by_no_one_is_dated_only_when_a_date_was_asked() -> None:
    findings = found(VACANT, "GG405")
    assert [f.message for f in findings] == ["role 'chair' is held by no one"]
    assert [f.hint for f in findings] == [
        "add who holds it to `holders` (`- {name: ..., from: ...}`), or leave `holders` out if you do not track "
        "who holds the post"
    ]
    assert [f.message for f in found(VACANT, "GG405", as_of="2021")] == ["role 'chair' is held by no one on 2021"]
