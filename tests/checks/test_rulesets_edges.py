"""A rule set of the user's own at the edges of GG707, GG710 and GG711: parts the rule set lacks or of the wrong
kind, posts kept apart, the clause quoted or not, members who do not vote, and a model built without the
places of its parts."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from govgraph.checks import run
from govgraph.findings import Finding
from govgraph.loading import load
from govgraph.model import Model, PartialDate

RULES = """\
govgraph_ruleset: 1
title: Our standing orders
sources:
  so: {title: Standing orders, publisher: Our trust}
parts:
  board: body
  secretary: role
  treasurer: role
rules:
  - id: secretary-is-not-treasurer
    keep_apart: [{post: secretary}, {post: treasurer}]
    cites: {source: so, clause: "SO 1.1", quote: "The Secretary shall not be the Treasurer."}
  - id: vice-is-not-secretary
    keep_apart: [{vice_chair_of: board}, {post: secretary}]
    cites: {source: so, clause: "SO 1.2"}
  - id: board-has-two-members
    members_at_least: {body: board, count: 2}
    cites: {source: so, clause: "SO 2.1"}
"""

MODEL = """\
govgraph: 1
title: t
roles:
  chair: {title: Chair}
  vice: {title: Vice-Chair, holders: [{name: Ann Bell}]}
  sec: {title: Secretary, holders: [{name: Ann Bell}]}
  tre: {title: Treasurer, holders: [{name: Ann Bell}]}
  guest: {title: Guest}
bodies:
  board:
    name: Board
    kind: board
    chairs: [chair, {role: vice, capacity: vice_chair}]
    members: [{role: vice, standing: non_voting_member}, {role: guest, standing: attendee}]
checks:
  rulesets:
    - use: rules/ours.yaml
      parts:
        board: board
        secretary: sec
        treasurer: tre
"""

CITED = " (Our standing orders, rule {}: Standing orders, SO {})"


def checked(tmp_path: Path, rules: str = RULES, text: str = MODEL) -> Model:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "ours.yaml").write_text(rules, encoding="utf-8")
    path = tmp_path / "governance.yaml"
    path.write_text(text, encoding="utf-8")
    return load(path)


def found(model: Model, code: str) -> list[Finding]:
    return [f for f in run(model) if f.code == code]


def told(findings: list[Finding]) -> list[tuple[str, tuple[int, int], str | None]]:
    return [(f.message, (f.location.line, f.location.column) if f.location else (0, 0), f.hint) for f in findings]


def test_one_person_holding_two_posts_kept_apart_is_told_with_the_clause(tmp_path: Path) -> None:
    assert told(found(checked(tmp_path), "GG707")) == [
        (
            "Ann Bell (holding 'vice' and 'sec') is both vice or deputy chair of 'board' and 'sec'"
            + CITED.format("vice-is-not-secretary", "1.2"),
            (20, 20),
            "give one of the posts to someone else.",
        ),
        (
            "Ann Bell (holding 'sec' and 'tre') is both 'sec' and 'tre'"
            + CITED.format("secretary-is-not-treasurer", "1.1"),
            (21, 20),
            'give one of the posts to someone else. The clause: "The Secretary shall not be the Treasurer."',
        ),
    ]


def test_a_member_who_does_not_vote_counts_and_an_attendee_does_not(tmp_path: Path) -> None:
    # The chair holds no membership and counts as a seat; the vice-chair is a non-voting member.
    assert told(found(checked(tmp_path, RULES.replace("count: 2", "count: 3")), "GG710")) == [
        (
            "'board' has 2 recorded member seats, fewer than 3" + CITED.format("board-has-two-members", "2.1"),
            (10, 3),
            "record its members (and `seats:` for several), or the least number its terms set.",
        )
    ]
    (tmp_path / "two").mkdir()
    assert found(checked(tmp_path / "two", RULES), "GG710") == []


def test_one_recorded_seat_is_said_in_the_singular(tmp_path: Path) -> None:
    text = MODEL.replace("chairs: [chair, {role: vice, capacity: vice_chair}]", "chairs: []").replace(
        "{role: guest, standing: attendee}", "{role: guest, standing: observer}"
    )
    [finding] = found(checked(tmp_path, text=text), "GG710")
    assert finding.message.startswith("'board' has 1 recorded member seat, fewer than 2 (")


def test_parts_the_rule_set_lacks_are_each_named_with_the_parts_it_has(tmp_path: Path) -> None:
    text = MODEL.replace("        treasurer: tre\n", "        treasurer: tre\n        zzz: tre\n        qqq: sec\n")
    assert told(found(checked(tmp_path, text=text), "GG711")) == [
        ("Our standing orders has no part 'zzz'; it names board, secretary, treasurer", (22, 14), None),
        ("Our standing orders has no part 'qqq'; it names board, secretary, treasurer", (23, 14), None),
    ]


def test_a_part_bound_to_the_wrong_kind_of_thing_is_told_where_it_is_bound_and_its_rules_not_judged(
    tmp_path: Path,
) -> None:
    # Before, the rule on the board's members stopped the whole check with an internal error (KeyError).
    text = MODEL.replace("board: board\n", "board: sec\n").replace("secretary: sec", "secretary: board")
    model = checked(tmp_path, text=text)
    assert told(found(model, "GG711")) == [
        ("part 'board' of Our standing orders is a body, and 'sec' is not one", (19, 16), None),
        ("part 'secretary' of Our standing orders is a role, and 'board' is not one", (20, 20), None),
    ]
    # Each rule names a part bound wrongly: none is judged, nor listed as not applied.
    assert [f.code for f in run(model) if f.code in ("GG702", "GG707", "GG710", "GG712")] == []


def test_a_rule_on_a_body_not_yet_begun_on_the_day_checked_is_not_judged(tmp_path: Path) -> None:
    # Before, a check as of a day before the board began stopped with an internal error (KeyError).
    text = MODEL.replace("    kind: board\n", "    kind: board\n    from: 2026\n")
    model = checked(tmp_path, RULES.replace("count: 2", "count: 3"), text)
    on_the_day = [f for f in run(model, as_of=PartialDate.parse("2024")) if f.code in ("GG707", "GG710", "GG711")]
    assert [f.message.split(" is both")[0] for f in on_the_day] == ["Ann Bell (holding 'sec' and 'tre')"]
    assert len(found(model, "GG710")) == 1


def test_a_post_kept_apart_from_the_chair_of_a_part_that_is_no_body_is_passed_over(tmp_path: Path) -> None:
    rules = RULES.split("  - id: board-has-two-members")[0]
    text = MODEL.replace("board: board\n", "board: tre\n")
    model = checked(tmp_path, rules, text)
    assert [f.message for f in found(model, "GG711")] == [
        "part 'board' of Our standing orders is a body, and 'tre' is not one"
    ]
    assert [f.message.split(" is both")[0] for f in found(model, "GG707")] == ["Ann Bell (holding 'sec' and 'tre')"]


def test_without_the_places_of_its_parts_a_finding_is_placed_at_the_rule_sets_use(tmp_path: Path) -> None:
    # A model built by a program, not read from a file, may carry no place for each part.
    model = checked(tmp_path, text=MODEL.replace("treasurer: tre\n", "treasurer: tre\n        zzz: tre\n"))
    use = dataclasses.replace(model.checks.rulesets[0], part_locations={})
    bare = dataclasses.replace(model, checks=dataclasses.replace(model.checks, rulesets=(use,)))
    at_use = (use.location.line, use.location.column)
    assert at_use == (17, 7)
    assert [where for _, where, _ in told(found(bare, "GG711"))] == [at_use]
    assert [where for _, where, _ in told(found(bare, "GG707"))] == [at_use, at_use]


def test_one_post_given_both_parts_kept_apart_is_told_unless_several_hold_it(tmp_path: Path) -> None:
    rules = RULES.split("  - id: vice-is-not-secretary")[0]
    text = MODEL.replace("treasurer: tre", "treasurer: sec")
    assert [f.message.split(" (")[0] for f in found(checked(tmp_path, rules, text), "GG707")] == [
        "'sec' is both 'sec' and 'sec'"
    ]
    shared = text.replace(
        "holders: [{name: Ann Bell}]}\n  tre", "holders: [{name: Ann Bell}, {name: Raj Shah}]}\n  tre"
    )
    (tmp_path / "shared").mkdir()
    assert found(checked(tmp_path / "shared", rules, shared), "GG707") == []


def test_each_chair_of_a_body_is_compared_with_the_post_kept_apart_from_it(tmp_path: Path) -> None:
    # The board's first chair is someone else; its second holds the secretary's post.
    rules = RULES.replace("[{vice_chair_of: board}, {post: secretary}]", "[{post: secretary}, {chair_of: board}]")
    rules = rules.split("  - id: board-has-two-members")[0].replace(
        "  - id: secretary-is-not-treasurer\n    keep_apart: [{post: secretary}, {post: treasurer}]\n"
        '    cites: {source: so, clause: "SO 1.1", quote: "The Secretary shall not be the Treasurer."}\n',
        "",
    )
    text = MODEL.replace("chairs: [chair, {role: vice, capacity: vice_chair}]", "chairs: [chair, sec]")
    assert told(found(checked(tmp_path, rules, text), "GG707")) == [
        (
            "'sec' is both 'sec' and chair of 'board'" + CITED.format("vice-is-not-secretary", "1.2"),
            (13, 21),
            "give one of the posts to someone else.",
        )
    ]


MEETS = """\
govgraph_ruleset: 1
title: Our standing orders
sources:
  so: {title: Standing orders, publisher: Our trust}
parts:
  board: body
rules:
  - id: board-meets-without-chair
    meets_without_chair: board
    cites: {source: so, clause: "SO 3.2", quote: "If the Chair is absent the Vice-Chair shall preside."}
  - id: board-has-four-members
    members_at_least: {body: board, count: 4}
    cites: {source: so, clause: "SO 2.1"}
"""

BOARD = """\
govgraph: 1
title: t
roles:
  chair: {title: Chair}
  vice: {title: Vice-Chair}
  ceo: {title: Chief Executive}
bodies:
  board:
    name: Board
    kind: board
    chairs: [chair, {role: vice, capacity: vice_chair, from: 2025}]
    members: [{role: vice, standing: voting_member}, {role: ceo, standing: voting_member}]
    history: [{date: 2026, status: closed}]
    terms:
      quorum: {count: 2, present: [chair_or_vice]}
checks:
  rulesets:
    - {use: rules/ours.yaml, parts: {board: board}}
"""


def test_a_body_is_judged_as_it_stood_on_the_day_checked(tmp_path: Path) -> None:
    model = checked(tmp_path, MEETS, BOARD)

    def on(day: str) -> list[tuple[str, str]]:
        findings = run(model, as_of=PartialDate.parse(day))
        return [(f.code, f.message.split(" (")[0]) for f in findings if f.code in ("GG702", "GG710")]

    # In 2024 the vice-chair was not yet in post: the board could not meet with its chair away.
    assert on("2024") == [
        ("GG710", "'board' has 3 recorded member seats, fewer than 4"),
        ("GG702", "'board' must be able to meet without its chair, but its quorum cannot be met with the chair away"),
    ]
    [cannot] = [f for f in run(model, as_of=PartialDate.parse("2024")) if f.code == "GG702"]
    assert cannot.hint == (
        "let a vice or deputy chair stand in (`present: [chair_or_vice]`), or lower the count. The clause: "
        '"If the Chair is absent the Vice-Chair shall preside."'
    )
    assert on("2025") == [("GG710", "'board' has 3 recorded member seats, fewer than 4")]
    # Once the board has closed, its rules are not judged.
    assert on("2027") == []
    # Over the whole record the vice-chair is there.
    assert [f.code for f in found(model, "GG702")] == []


SEATS = """\
govgraph_ruleset: 1
title: Our standing orders
sources:
  so: {title: Standing orders, publisher: Our trust}
parts:
  board: body
  secretary: role
rules:
  - id: secretary-sits-on-board
    requires_member: {body: board, post: secretary}
    cites: {source: so, clause: "SO 4.1"}
  - id: secretary-chairs-board
    chair_holds: {body: board, post: secretary}
    cites: {source: so, clause: "SO 4.2"}
"""

CHAIRED = """\
govgraph: 1
title: t
roles:
  chair: {title: Chair, holders: [{name: CHAIR-HOLDER}]}
  vice: {title: Vice-Chair}
  sec: {title: Secretary, holders: [{name: Ann Bell}]}
bodies:
  board:
    name: Board
    kind: board
    chairs: [{role: vice, capacity: vice_chair}, chair]
checks:
  rulesets:
    - {use: rules/ours.yaml, parts: {board: board, secretary: sec}}
"""


def test_a_post_that_must_sit_on_and_chair_a_body_is_told_what_to_record(tmp_path: Path) -> None:
    # The vice-chair, listed first, does not preside: the chair after it is the one compared with the post.
    model = checked(tmp_path, SEATS, CHAIRED.replace("CHAIR-HOLDER", "Raj Shah"))
    assert told(found(model, "GG710")) == [
        (
            "'sec' neither chairs nor sits on 'board'" + CITED.format("secretary-sits-on-board", "4.1"),
            (8, 3),
            "add `- {role: sec}` to its members.",
        ),
        (
            "'board' is chaired by 'chair', which is not 'sec'" + CITED.format("secretary-chairs-board", "4.2"),
            (11, 50),
            "the chair must be 'sec': record the holder of both, or correct the chair.",
        ),
    ]


def test_a_chair_held_by_the_one_person_who_holds_the_post_meets_the_rule(tmp_path: Path) -> None:
    model = checked(tmp_path, SEATS, CHAIRED.replace("CHAIR-HOLDER", "Ann Bell"))
    assert [f.message.split(" (")[0] for f in found(model, "GG710")] == ["'sec' neither chairs nor sits on 'board'"]


def test_a_rule_on_meeting_without_the_chair_is_not_applied_before_the_terms_were_approved(tmp_path: Path) -> None:
    text = BOARD.replace("    terms:\n", "    terms:\n      approved: 2025\n")
    model = checked(tmp_path, MEETS.split("  - id: board-has-four-members")[0], text)
    findings = [f for f in run(model, as_of=PartialDate.parse("2024")) if f.code in ("GG702", "GG712")]
    assert told(findings) == [
        (
            "rule 'board-meets-without-chair' of Our standing orders is not applied: 'board' records no chair or no "
            "quorum to judge it by",
            (8, 3),
            "record its chair and its quorum (`terms: {quorum: ...}`)",
        )
    ]


def test_a_part_that_must_be_a_body_bound_to_a_group_is_told(tmp_path: Path) -> None:
    text = MODEL.replace("roles:\n", "groups:\n  officers: {name: Officers, members: [sec, tre]}\nroles:\n", 1)
    model = checked(tmp_path, RULES, text.replace("board: board\n", "board: officers\n"))
    assert [f.message for f in found(model, "GG711")] == [
        "part 'board' of Our standing orders is a body, and 'officers' is not one"
    ]


def test_members_not_recorded_are_allowed_for_where_the_terms_set_enough(tmp_path: Path) -> None:
    # Three seats are recorded (the chair's, the vice-chair's and the chief executive's); the rule asks for four.
    rules = MEETS.replace("  - id: board-meets-without-chair\n    meets_without_chair: board\n", "").replace(
        '    cites: {source: so, clause: "SO 3.2", quote: "If the Chair is absent the Vice-Chair shall preside."}\n',
        "",
    )

    def unmet(least: str, day: str | None = None) -> list[str]:
        text = BOARD.replace("      quorum:", f"      {least}\n      quorum:")
        folder = tmp_path / str(len(list(tmp_path.iterdir())))
        folder.mkdir()
        model = checked(folder, rules, text)
        findings = run(model, as_of=PartialDate.parse(day) if day else None)
        return [f.message.split(" (")[0] for f in findings if f.code == "GG710"]

    short = "'board' has 3 recorded member seats, fewer than 4"
    assert unmet("members_at_least: 4") == []
    assert unmet("members_at_least: 5") == []
    assert unmet("members_at_least: 3") == [short]
    # Terms approved in 2025 set nothing in 2024.
    assert unmet("members_at_least: 5\n      approved: 2025") == []
    assert unmet("members_at_least: 5\n      approved: 2025", "2024") == [short]


def test_each_rule_set_a_model_uses_is_told_of_whatever_happens_to_the_one_before(tmp_path: Path) -> None:
    # Uses in turn: a rule set govgraph does not ship, a file that is not there, a file with a mistake, and a
    # file whose rules name parts the model leaves out or binds wrongly before a rule it can apply.
    rules = RULES.replace("  treasurer: role\n", "  treasurer: role\n  clerk: role\n  warden: role\n  hall: body\n")
    rules = rules.replace("[{post: secretary}, {post: treasurer}]", "[{post: clerk}, {post: warden}]").replace(
        "  - id: board-has-two-members\n",
        "  - id: hall-has-two-members\n    members_at_least: {body: hall, count: 2}\n"
        '    cites: {source: so, clause: "SO 2.0"}\n  - id: board-has-two-members\n',
    )
    rules = rules.replace("{body: board, count: 2}", "{body: board, count: 3}")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "broken.yaml").write_text(RULES.replace("{post: treasurer}", "{pots: treasurer}"), "utf-8")
    (tmp_path / "rules" / "ours.yaml").write_text(rules, "utf-8")
    text = MODEL.replace(
        "    - use: rules/ours.yaml\n",
        "    - use: nhs-icbs\n    - use: rules/missing.yaml\n"
        "    - use: rules/broken.yaml\n    - use: rules/ours.yaml\n",
    ).replace("        treasurer: tre\n", "        treasurer: tre\n        hall: sec\n")
    (tmp_path / "governance.yaml").write_text(text, "utf-8")
    found = [(f.code, f.message, f.hint) for f in run(load(tmp_path / "governance.yaml"))]
    assert [x for x in found if x[0] == "GG711"][:2] == [
        (
            "GG711",
            "no rule set is called 'nhs-icbs'; did you mean 'nhs-icb'? (a file of your own is named by its path)",
            None,
        ),
        (
            "GG711",
            "the rule set file 'rules/missing.yaml' cannot be read",
            "name it by its path from the model's folder, or a rule set govgraph ships (nhs-icb)",
        ),
    ]
    assert [m for _, m, _ in found if m.startswith("GG111")] == ["GG111 unknown key 'pots'; did you mean 'post'?"]
    assert (
        "GG712",
        "rule 'secretary-is-not-treasurer' of Our standing orders is not applied: the model does not say which role "
        "is 'clerk' or which role is 'warden'",
        "name them under `parts:` (clerk: <id>), or record why not with an `ignore` of GG712",
    ) in found
    assert ("GG711", "part 'hall' of Our standing orders is a body, and 'sec' is not one", None) in found
    assert [m.split(" (")[0] for c, m, _ in found if c == "GG710"] == [
        "'board' has 2 recorded member seats, fewer than 3"
    ]
