"""The terms of reference rules (GG701-GG709) as a user reads them: every kind of finding with its whole message,
its place and what to do, the singular and plural of a count, and the day each is judged on."""

from __future__ import annotations

import textwrap
from pathlib import Path

import support
from govgraph.checks import run
from govgraph.findings import Finding
from govgraph.loading import load_bytes
from govgraph.model import PartialDate

Told = tuple[str, tuple[int, int], str, str | None]


def told(text: str, as_of: str | None = None) -> list[Told]:
    """Each terms of reference finding: code, place, message and hint."""
    model = load_bytes(textwrap.dedent(text).encode(), "terms.yaml")
    findings: list[Finding] = run(model, as_of=PartialDate.parse(as_of) if as_of else None)
    return [
        (f.code, (f.location.line, f.location.column) if f.location else (0, 0), f.message, f.hint)
        for f in findings
        if f.code.startswith("GG70")
    ]


QUORUM = """\
govgraph: 1
title: t
organisations:
  a: {name: A}
  b: {name: B}
groups:
  trusts: {name: Trusts, members: [a, b]}
roles:
  ned: {title: NED}
  cfo: {title: CFO}
  sec: {title: Secretary}
bodies:
  audit:
    name: Audit
    kind: committee
    members:
      - {role: ned, standing: voting_member}
      - {role: cfo, standing: attendee}
      - {organisation: a, standing: voting_member}
    terms:
      quorum: {count: 4, present: [{role: cfo}, {role: sec}, {group: trusts, count: 2}, chair]}
"""

VOTING_HINT = "record the voting members (`standing: voting_member`, `seats: N`), or correct the quorum"


def test_every_way_a_quorum_cannot_be_met_is_told_with_what_to_do() -> None:
    assert told(QUORUM) == [
        (
            "GG701",
            (21, 15),
            "the quorum of 'audit' needs 4 voting members, but it has 2 seats that may vote",
            VOTING_HINT,
        ),
        (
            "GG701",
            (21, 36),
            "the quorum of 'audit' needs 'cfo' present, which does not vote there",
            "a quorum counts voting members: make the post a voting member, or drop it from `present`",
        ),
        (
            "GG701",
            (21, 49),
            "the quorum of 'audit' needs 'sec' present, which neither chairs nor sits on it",
            "add `- {role: sec, standing: voting_member}` to its members, or correct the quorum",
        ),
        (
            "GG701",
            (21, 62),
            "the quorum of 'audit' needs 2 voting members of 'trusts' present, but only 1 sit there",
            "record the group's voting seats, or correct the quorum",
        ),
    ]


def test_a_quorum_count_is_said_in_the_singular_where_it_is_one() -> None:
    one_seat = QUORUM.replace("      - {organisation: a, standing: voting_member}\n", "").replace(
        "count: 4", "count: 2"
    )
    assert told(one_seat)[0][2] == "the quorum of 'audit' needs 2 voting members, but it has 1 seat that may vote"
    no_seat = one_seat.replace("{role: ned, standing: voting_member}", "{role: ned, standing: observer}")
    only_count = no_seat.replace(
        "count: 2, present: [{role: cfo}, {role: sec}, {group: trusts, count: 2}, chair]", "count: 1"
    )
    assert told(only_count) == [
        (
            "GG701",
            (20, 15),
            "the quorum of 'audit' needs 1 voting member, but it has 0 seats that may vote",
            VOTING_HINT,
        )
    ]


REPORTS = """\
govgraph: 1
title: t
as_of: 2025-07
roles:
  cfo: {title: CFO, holders: [{name: Ann, until: 2024}]}
  chair: {title: Chair, holders: [{name: Pat}]}
  ned: {title: NED, holders: [{name: Pat}]}
bodies:
  board:
    name: Board
    kind: board
    chairs: [chair]
    terms:
      meets: quarterly
      expects: [{per_year: 4}]
      review_by: 2025-01
  committee:
    name: Committee
    kind: committee
    chairs: [ned]
    reports_to: [board]
    members: [{role: cfo, standing: voting_member}, {role: chair}]
    terms:
      meets: monthly
      reports: [{after_each_meeting: true, to: board}]
      quorum: {count: 1, present: [{role: cfo}]}
      excludes: [chair]
  silent:
    name: Silent
    kind: committee
    reports_to: [board]
  panel:
    name: Panel
    kind: committee
    reports_to: [committee]
    scrutinises: [board]
    liaison_to: [{body: old, until: 2025-06}, gone]
  old: {name: Old, kind: forum, history: [{date: 2025-03, status: closed}]}
  gone: {name: Gone, kind: forum, status: closed}
"""


def test_every_other_terms_finding_is_told_with_what_to_do() -> None:
    assert told(REPORTS) == [
        (
            "GG705",
            (14, 7),
            "the terms of reference of 'board' were due for review in 2025-01 and are still the ones recorded "
            "(judged at 2025-07-31)",
            "record the review: a new `approved` date (and `review_months` or `review_by`)",
        ),
        (
            "GG704",
            (15, 17),
            "'board' asks for 4 reports a year from 'silent', whose terms record none",
            "record the reports in 'silent''s `terms: {reports: ...}`, or correct what is asked for",
        ),
        (
            "GG707",
            (20, 14),
            "Pat holds 'ned', which chairs 'committee', and 'chair', which its terms exclude",
            "one person may not hold both: record who else holds one of them",
        ),
        ("GG707", (22, 53), "'chair' sits on 'committee', whose terms exclude it", "remove it, or the exclusion"),
        (
            "GG703",
            (25, 17),
            "'committee' reports to 'board' 12 times a year, but 'board' meets 4 times a year",
            "correct how often one of them meets or reports",
        ),
        (
            "GG706",
            (26, 36),
            "'cfo' must be present for 'committee' to be quorate, but no one held it on 2025-07-31",
            "record who holds 'cfo' (`holders:`), or correct the quorum",
        ),
        (
            "GG708",
            (36, 19),
            "'panel' scrutinises 'board', which it is part of or accountable to",
            "scrutiny comes from outside a body's own line: point the line at the body meant, or make it another "
            "relation",
        ),
        (
            "GG709",
            (37, 18),
            "'panel' has a liaison to 'old', which ended in 2025-03; the liaison runs until 2025-06",
            "end the liaison when 'old' ended (`until: 2025-03`)",
        ),
        (
            "GG709",
            (37, 47),
            "'panel' has a liaison to 'gone', which ended; the liaison has no end date",
            "end the liaison when 'gone' ended",
        ),
    ]


def codes_and_messages(text: str, as_of: str | None = None) -> list[tuple[str, str]]:
    return [(code, message) for code, _, message, _ in told(text, as_of)]


def test_the_terms_rules_judge_the_as_of_day() -> None:
    silent_closed = REPORTS.replace(
        "  silent:\n    name: Silent\n", "  silent:\n    name: Silent\n    history: [{date: 2025-01, status: closed}]\n"
    )
    silent = ("GG704", "'board' asks for 4 reports a year from 'silent', whose terms record none")
    old = ("GG709", "'panel' has a liaison to 'old', which ended in 2025-03; the liaison runs until 2025-06")
    assert silent in codes_and_messages(silent_closed)
    in_february = codes_and_messages(silent_closed, as_of="2025-02")
    # 'silent' had closed by then, and 'old' had not.
    assert silent not in in_february
    assert old not in in_february
    assert (
        "GG706",
        "'cfo' must be present for 'committee' to be quorate, but no one held it on 2025-02-28",
    ) in in_february
    # In June 2023 the finance post was held and the board's terms were not yet due for review.
    assert {code for code, _ in codes_and_messages(silent_closed, as_of="2023-06")} == {
        "GG703",
        "GG704",
        "GG707",
        "GG708",
        "GG709",
    }


def test_terms_approved_on_a_date_are_named_and_a_report_of_no_recorded_frequency_is_passed_over() -> None:
    text = REPORTS.replace("review_by: 2025-01", "approved: 2023-05\n      review_months: 12").replace(
        "reports: [{after_each_meeting: true, to: board}]", "reports: [{what: minutes, to: board}]"
    )
    found = codes_and_messages(text)
    assert found[0] == (
        "GG705",
        "the terms of reference of 'board' were due for review in 2024-05 and are still the ones approved in 2023-05 "
        "(judged at 2025-07-31)",
    )
    # How often 'committee' reports is not recorded: neither GG703 nor GG704 can say it falls short.
    assert [m for c, m in found if c in ("GG703", "GG704")] == [
        "'board' asks for 4 reports a year from 'silent', whose terms record none"
    ]


PAST_MEMBER = """\
govgraph: 1
title: t
as_of: 2024
roles:
  ned: {title: NED}
  cfo: {title: CFO}
bodies:
  audit:
    name: Audit
    kind: committee
    chairs: [ned]
    members:
      - {role: ned, standing: voting_member}
      - {role: cfo, standing: voting_member, past: true}
    terms:
      quorum: {count: 2}
"""


def test_a_past_member_may_have_sat_on_a_day_before_the_models_date_and_did_not_after_it() -> None:
    # Before, as of 2020 the past member was judged again at 2020 itself, left out, and the quorum reported as
    # certainly unreachable.
    assert told(PAST_MEMBER) == []
    assert told(PAST_MEMBER, as_of="2020") == []
    assert [message for _, _, message, _ in told(PAST_MEMBER, as_of="2025")] == [
        "the quorum of 'audit' needs 2 voting members, but it has 1 seat that may vote"
    ]


def test_the_quorum_question_counts_a_past_member_who_may_have_sat_then(tmp_path: Path) -> None:
    path = tmp_path / "governance.yaml"
    path.write_text(PAST_MEMBER, encoding="utf-8")
    answer = support.govgraph("quorum", path, "audit", "--as-of", "2020")
    assert answer.returncode == 0
    assert answer.stdout.startswith("Could Audit be quorate (as of 31 December 2020)? Yes.")
    assert "Voting members recorded: 2." in answer.stdout


def test_a_body_closed_or_whose_terms_were_not_yet_approved_on_the_day_is_passed_over() -> None:
    count = "the quorum of 'audit' needs 4 voting members, but it has 2 seats that may vote"
    closed = QUORUM.replace(
        "    kind: committee\n", "    kind: committee\n    history: [{date: 2024, status: closed}]\n"
    )
    assert count in [message for _, _, message, _ in told(closed)]
    assert told(closed, as_of="2025") == []
    assert count in [message for _, _, message, _ in told(closed, as_of="2023")]
    later = QUORUM.replace("    terms:\n", "    terms:\n      approved: 2025\n")
    assert count in [message for _, _, message, _ in told(later)]
    assert told(later, as_of="2024") == []


def test_each_body_is_looked_at_after_one_whose_quorum_is_met() -> None:
    board = "  a-board:\n    name: Board\n    kind: board\n    members: [{role: ned, standing: voting_member}]\n"
    text = QUORUM.replace("bodies:\n", "bodies:\n" + board + "    terms: {quorum: {count: 1}}\n")
    # The chair the fixture does not record is GG401's finding, not GG701's.
    assert [code for code, *_ in told(text)] == ["GG701"] * 4


def test_a_need_that_is_met_does_not_hide_one_that_is_not() -> None:
    text = QUORUM.replace(
        "present: [{role: cfo}, {role: sec}, {group: trusts, count: 2}, chair]", "present: [{role: ned}, {role: cfo}]"
    )
    assert [message for _, _, message, _ in told(text)] == [
        "the quorum of 'audit' needs 4 voting members, but it has 2 seats that may vote",
        "the quorum of 'audit' needs 'cfo' present, which does not vote there",
    ]


def test_seats_whose_standing_is_not_recorded_are_counted_as_seats_that_may_vote() -> None:
    text = QUORUM.replace("{role: cfo, standing: attendee}", "{role: cfo}").replace(
        "count: 4, present: [{role: cfo}, {role: sec}, {group: trusts, count: 2}, chair]", "count: 5"
    )
    assert [message for _, _, message, _ in told(text)] == [
        "the quorum of 'audit' needs 5 voting members, but it has 3 seats that may vote"
    ]


WITHOUT_CHAIR = """\
govgraph: 1
title: t
roles:
  chair: {title: Chair}
  vice: {title: Vice-chair}
  ceo: {title: Chief Executive}
bodies:
  a-forum: {name: Forum, kind: forum, chairs: [chair], terms: {quorum: {count: 1}}}
  board:
    name: Board
    kind: board
    chairs: [chair, {role: vice, capacity: vice_chair}]
    members: [{role: ceo, standing: voting_member}, {role: vice, standing: voting_member}]
    terms:
      quorum: {count: 2, present: [chair], without_chair: true}
"""


def test_a_body_that_may_meet_without_its_chair_but_cannot_is_told_what_to_do() -> None:
    # 'a-forum', looked at first, says nothing of meeting without its chair.
    assert [t for t in told(WITHOUT_CHAIR) if t[0] == "GG702"] == [
        (
            "GG702",
            (15, 15),
            "'board' may meet without its chair, but its quorum cannot be met with the chair away",
            "let a vice or deputy chair stand in (`present: [chair_or_vice]`, and record one), or lower the count",
        )
    ]
    assert [
        t for t in told(WITHOUT_CHAIR.replace("[chair], without", "[chair_or_vice], without")) if t[0] == "GG702"
    ] == []


def test_a_liaison_from_a_body_that_had_ended_by_the_day_asked_about_is_not_told() -> None:
    # 'panel' itself closed in 2025-05: in June 2025 its liaisons are not a thing to mend, and in April they are.
    text = REPORTS.replace(
        "    liaison_to: [{body: old, until: 2025-06}, gone]\n",
        "    liaison_to: [{body: old, until: 2025-06}, gone]\n    history: [{date: 2025-05, status: closed}]\n",
    )
    assert text != REPORTS
    gone = ("GG709", "'panel' has a liaison to 'gone', which ended; the liaison has no end date")
    assert gone in codes_and_messages(text, as_of="2025-04")
    assert [code for code, _ in codes_and_messages(text, as_of="2025-06") if code == "GG709"] == []
