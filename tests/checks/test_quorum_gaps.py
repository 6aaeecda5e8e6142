"""A quorum judged only on what is recorded, as real terms of reference leave it: a chair the terms do not name,
"at least two Non-Executive Directors" (a count of one post's seats), and "all Non-Executive Directors" (a post
held by several people, its number of seats not given). Found on North West Ambulance Service's committees."""

from __future__ import annotations

import textwrap
from pathlib import Path

import support
from govgraph.checks import run
from govgraph.loading import load_bytes
from govgraph.model import Model
from govgraph.render.terms import quorum_words
from govgraph.terms import quorum_answer

BASE = """\
govgraph: 1
title: t
roles:
  ned: {title: Non-Executive Director}
  chair: {title: Chair of the Board}
  ceo: {title: Chief Executive}
bodies:
  board: {name: Board, kind: board, chairs: [chair]}
  audit:
    name: Audit
    kind: committee
    reports_to: [board]
    members:
      - {role: ned, standing: voting_member, seats: 4}
"""


def model(extra: str) -> Model:
    return load_bytes((BASE + textwrap.indent(textwrap.dedent(extra), "  ")).encode(), "terms.yaml")


def gg701(m: Model) -> list[str]:
    return [f.message for f in run(m) if f.code == "GG701"]


def test_a_quorum_asking_for_a_chair_the_terms_do_not_name_cannot_be_judged() -> None:
    m = model("""\
        narc:
          name: NARC
          kind: committee
          reports_to: [board]
          members: [{role: ned, standing: voting_member, seats: 3}]
          terms: {quorum: {count: 3, present: [chair]}}
        """)
    assert gg701(m) == []  # the missing chair is GG401's finding, not an impossible quorum
    answer = quorum_answer(m, m.bodies["narc"])
    assert answer.quorate is None
    assert [(n.met, n.reason) for n in answer.needs] == [(None, "chair_not_recorded")]
    # A vice-chair alone is recorded: the chair itself is then known to be missing.
    vice = model("""\
        narc:
          name: NARC
          kind: committee
          reports_to: [board]
          chairs: [{role: ceo, capacity: vice_chair}]
          members: [{role: ned, standing: voting_member, seats: 3}]
          terms: {quorum: {count: 3, present: [chair]}}
        """)
    assert gg701(vice) == ["the quorum of 'narc' needs its chair present, but no one chairs it"]


def test_at_least_two_of_one_post_counts_the_posts_seats() -> None:
    two = """\
        qp:
          name: Q and P
          kind: committee
          reports_to: [board]
          members: [{role: ned, standing: voting_member, seats: SEATS}, {role: ceo, standing: voting_member}]
          terms: {quorum: {count: 2, present: [{role: ned, count: 2}]}}
        """
    one_seat = model(two.replace("SEATS", "1"))
    assert gg701(one_seat) == [
        "the quorum of 'qp' needs 2 voting members who are 'ned' present, but the post has only 1 seat there"
    ]
    assert quorum_answer(one_seat, one_seat.bodies["qp"]).quorate is False
    three_seats = model(two.replace("SEATS", "3"))
    assert gg701(three_seats) == []
    assert quorum_answer(three_seats, three_seats.bodies["qp"]).quorate is True
    quorum = three_seats.bodies["qp"].terms
    assert quorum is not None
    assert quorum.quorum is not None
    assert quorum_words(three_seats, quorum.quorum) == (
        "2 voting members, including 2 voting members who are Non-Executive Director"
    )


def test_all_of_a_post_held_by_several_is_not_counted_as_one_seat() -> None:
    # "The members ... will comprise the Chair of the Trust and all Non-Executive Directors": how many is not given.
    m = model("""\
        narc:
          name: NARC
          kind: committee
          reports_to: [board]
          chairs: [ned]
          members:
            - {role: chair, standing: voting_member}
            - {role: ned, standing: voting_member}
          terms: {quorum: {count: 3, present: [chair, {role: ned, count: 2}]}}
        """)
    assert gg701(m) == []
    answer = quorum_answer(m, m.bodies["narc"])
    assert answer.open_seats == ("ned",)
    assert answer.count_met is None
    assert [(n.met, n.reason) for n in answer.needs] == [(True, "present"), (None, "seats_not_recorded")]
    # A post recorded as one person's (no seats above one anywhere, no shared holders) is one seat, as before.
    single = load_bytes(
        textwrap.dedent("""\
            govgraph: 1
            title: t
            roles:
              ned: {title: NED}
            bodies:
              narc:
                name: NARC
                kind: committee
                chairs: [ned]
                members: [{role: ned, standing: voting_member}]
                terms: {quorum: {count: 3}}
            """).encode(),
        "one.yaml",
    )
    assert gg701(single) == ["the quorum of 'narc' needs 3 voting members, but it has 1 seat that may vote"]


def test_the_quorum_question_says_what_is_not_recorded(tmp_path: Path) -> None:
    # The words `govgraph quorum` gives each gap: a shared post's seats, and a vice-chair with no chair.
    path = tmp_path / "gaps.yaml"
    path.write_text(
        BASE
        + textwrap.indent(
            textwrap.dedent("""\
                narc:
                  name: NARC
                  kind: committee
                  chairs: [ned]
                  members:
                    - {role: chair, standing: voting_member}
                    - {role: ned, standing: voting_member}
                  terms: {quorum: {count: 3, present: [chair, {role: ned, count: 2}]}}
                vice:
                  name: Vice
                  kind: committee
                  chairs: [{role: ceo, capacity: vice_chair}]
                  members: [{role: ned, standing: voting_member, seats: 3}]
                  terms: {quorum: {count: 3, present: [chair]}}
                """),
            "  ",
        ),
        encoding="utf-8",
    )
    narc = support.ask("quorum", str(path), "narc")
    assert narc.startswith("Could NARC be quorate? Cannot tell.")
    assert (
        "Voting members recorded: 2 (Non-Executive Director: how many seats is not recorded, counted as one)." in narc
    )
    assert "- 2 voting members who are Non-Executive Director: how many seats it has is not recorded (1 seat)" in narc
    vice = support.ask("quorum", str(path), "vice")
    assert vice.startswith("Could Vice be quorate? No.")
    assert "- the chair: no chair is recorded, only a vice or deputy chair" in vice


GROUP = """\
govgraph: 1
title: t
roles:
  ned: {title: Non-Executive Director}
  chair: {title: Chair of the Trust}
groups:
  neds: {name: Non-Executive Directors, members: [ned]}
bodies:
  board:
    name: Board
    kind: board
    chairs: [chair]
    members: [{role: ned, standing: voting_member, seats: NED_SEATS}]
  narc:
    name: NARC
    kind: committee
    reports_to: [board]
    chairs: [chair]
    members:
      - {role: chair, standing: voting_member}
      - {role: ned, standing: voting_member}
    terms: {quorum: {count: 3, present: [{group: neds, count: 2}]}}
"""


def test_a_group_the_quorum_needs_from_a_post_held_by_several_cannot_be_judged() -> None:
    # "Two of whom must be Non-Executive Directors", the committee's seat being "all Non-Executive Directors": the
    # board seats the post several times, so its seat here is for several people, how many not recorded.
    shared = load_bytes(GROUP.replace("NED_SEATS", "5").encode(), "group.yaml")
    answer = quorum_answer(shared, shared.bodies["narc"])
    assert answer.open_seats == ("ned",)
    assert [(n.met, n.reason) for n in answer.needs] == [(None, "seats_not_recorded")]
    assert answer.quorate is None
    assert gg701(shared) == []
    # One person's post (seated once everywhere) is one seat: two of the group cannot be present.
    single = load_bytes(GROUP.replace("NED_SEATS", "1").encode(), "group.yaml")
    answer = quorum_answer(single, single.bodies["narc"])
    assert [(n.met, n.reason) for n in answer.needs] == [(False, "too_few")]
    assert answer.quorate is False
    assert gg701(single) == [
        "the quorum of 'narc' needs 3 voting members, but it has 2 seats that may vote",
        "the quorum of 'narc' needs 2 voting members of 'neds' present, but only 1 sit there",
    ]
