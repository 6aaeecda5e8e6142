"""The terms of reference rules (GG701-GG712): for every rule a fixture that passes and one that fails, with the
exact code, line and column of each finding; rule sets, shipped and of the user's own."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from govgraph.checks import check, get_rule, run
from govgraph.findings import Finding, Severity
from govgraph.loading import load, load_bytes
from govgraph.model import Model, PartialDate

FILE = "fixture.yaml"


def model(text: str) -> Model:
    return load_bytes(textwrap.dedent(text).encode(), FILE)


def found(text: str, code: str, as_of: str | None = None) -> list[Finding]:
    when = PartialDate.parse(as_of) if as_of else None
    return [f for f in run(model(text), as_of=when) if f.code == code]


def where(findings: list[Finding]) -> list[tuple[int, int]]:
    places = []
    for f in findings:
        assert f.location is not None
        places.append((f.location.line, f.location.column))
    return places


NEW_RULES = ["GG701", "GG702", "GG703", "GG704", "GG705", "GG706", "GG707", "GG708", "GG709", "GG710", "GG711", "GG712"]


@pytest.mark.parametrize("code", NEW_RULES)
def test_every_terms_rule_is_registered_with_its_explanation_and_example(code: str) -> None:
    rule = get_rule(code)
    assert rule is not None
    assert rule.function is not None
    assert rule.family == "terms of reference"
    assert rule.summary.endswith(".")
    assert len(rule.explanation) > 80
    assert rule.example


# GG701 quorum cannot be met -------------------------------------------------------------------------------

AUDIT = """\
govgraph: 1
title: t
roles:
  ned: {title: Non-Executive Director}
  cfo: {title: Director of Finance}
bodies:
  audit:
    name: Audit Committee
    kind: committee
    chairs: [ned]
    members:
      - {role: ned, standing: voting_member, seats: 3}
      - {role: cfo, standing: attendee}
    terms:
      quorum:
        count: {count}
        present: [{present}]
"""


def audit(count: int, present: str = "chair") -> str:
    return AUDIT.replace("{count}", str(count)).replace("{present}", present)


def test_gg701_passes_when_the_voting_members_can_make_the_quorum() -> None:
    assert found(audit(2), "GG701") == []


def test_gg701_more_required_than_voting_seats() -> None:
    findings = found(audit(4), "GG701")
    assert where(findings) == [(16, 9)]
    assert "needs 4 voting members, but it has 3 seats that may vote" in findings[0].message


def test_gg701_a_required_post_that_does_not_vote() -> None:
    findings = found(audit(2, "{role: cfo}"), "GG701")
    assert where(findings) == [(17, 19)]
    assert "'cfo' present, which does not vote there" in findings[0].message


def test_gg701_a_required_group_with_too_few_members() -> None:
    text = """\
    govgraph: 1
    title: t
    organisations:
      a: {name: A}
      b: {name: B}
      c: {name: C}
    groups:
      trusts: {name: Trusts, members: [a, b]}
    bodies:
      board:
        name: Board
        kind: board
        members:
          - {organisation: a, standing: voting_member}
          - {organisation: c, standing: voting_member}
        terms:
          quorum: {count: 2, present: [{group: trusts, count: 2}]}
    """
    findings = found(text, "GG701")
    assert where(findings) == [(17, 36)]
    assert "needs 2 voting members of 'trusts' present, but only 1 sit there" in findings[0].message


def test_gg701_says_nothing_where_standing_is_not_recorded() -> None:
    text = audit(3).replace("standing: voting_member, ", "")
    assert found(text, "GG701") == []


# GG702 cannot meet without the chair --------------------------------------------------------------------

BOARD = """\
govgraph: 1
title: t
roles:
  chair: {title: Chair}
  vice: {title: Vice-chair}
  ceo: {title: Chief Executive}
bodies:
  board:
    name: Board
    kind: board
    chairs: [chair{vice}]
    members: [{role: ceo, standing: voting_member}, {role: vice, standing: voting_member}]
    terms:
      quorum: {count: 2, present: [{present}], without_chair: true}
"""


def test_gg702_passes_when_a_vice_chair_can_stand_in() -> None:
    text = BOARD.replace("{vice}", ", {role: vice, capacity: vice_chair}").replace("{present}", "chair_or_vice")
    assert found(text, "GG702") == []


def test_gg702_fails_when_the_quorum_asks_for_the_chair_itself() -> None:
    text = BOARD.replace("{vice}", ", {role: vice, capacity: vice_chair}").replace("{present}", "chair")
    findings = found(text, "GG702")
    assert where(findings) == [(14, 15)]
    assert "may meet without its chair, but its quorum cannot be met with the chair away" in findings[0].message


# GG703 / GG704 reports and meetings ---------------------------------------------------------------------

REPORTING = """\
govgraph: 1
title: t
bodies:
  board:
    name: Board
    kind: board
    terms:
      meets: quarterly
      expects: [{from: committee, per_year: 4}]
  committee:
    name: Committee
    kind: committee
    reports_to: [board]
    terms:
      meets: {meets}
      reports:
        - {what: assurance report, after_each_meeting: true}
"""


def test_gg703_and_gg704_pass_when_reports_match_meetings() -> None:
    text = REPORTING.replace("{meets}", "quarterly")
    assert found(text, "GG703") == []
    assert found(text, "GG704") == []


def test_gg703_reports_more_often_than_the_parent_meets() -> None:
    findings = found(REPORTING.replace("{meets}", "monthly"), "GG703")
    assert where(findings) == [(17, 11)]
    assert "reports to 'board' 12 times a year, but 'board' meets 4 times a year" in findings[0].message


def test_gg704_the_parent_receives_fewer_reports_than_it_asks_for() -> None:
    findings = found(REPORTING.replace("{meets}", "twice_yearly"), "GG704")
    assert where(findings) == [(9, 17)]
    assert "asks for 4 reports a year from 'committee', whose terms record 2 a year" in findings[0].message


# GG705 review overdue -----------------------------------------------------------------------------------

REVIEW = """\
govgraph: 1
title: t
as_of: 2025-07
bodies:
  audit:
    name: Audit
    kind: committee
    terms: {approved: {approved}, review_months: 12}
"""


def test_gg705_passes_within_the_review_interval() -> None:
    assert found(REVIEW.replace("{approved}", "2024-09"), "GG705") == []


def test_gg705_terms_overdue_for_review_at_the_models_date() -> None:
    findings = found(REVIEW.replace("{approved}", "2023-05"), "GG705")
    assert where(findings) == [(8, 12)]
    assert "were due for review in 2024-05" in findings[0].message
    # As of a date before it was due, it was not overdue.
    assert found(REVIEW.replace("{approved}", "2023-05"), "GG705", as_of="2024-04") == []


# GG706 a required seat vacant ---------------------------------------------------------------------------

VACANT = """\
govgraph: 1
title: t
as_of: 2025-07
roles:
  cfo:
    title: Director of Finance
    holders: [{holders}]
bodies:
  audit:
    name: Audit
    kind: committee
    members: [{role: cfo, standing: voting_member}]
    terms:
      quorum: {count: 1, present: [{role: cfo}]}
"""


def test_gg706_passes_when_the_post_is_held() -> None:
    assert found(VACANT.replace("{holders}", "{name: A. Person, from: 2024}"), "GG706") == []


def test_gg706_a_required_post_held_by_no_one() -> None:
    findings = found(VACANT.replace("{holders}", "{name: A. Person, until: 2024}"), "GG706")
    assert where(findings) == [(14, 36)]
    assert "'cfo' must be present for 'audit' to be quorate, but no one held it on 2025-07-31" in findings[0].message


# GG707 posts kept apart ---------------------------------------------------------------------------------

APART = """\
govgraph: 1
title: t
roles:
  trust-chair: {title: Chairman, holders: [{name: Pat Lee}]}
  ned: {title: Non-Executive Director, holders: [{name: {ned}}]}
bodies:
  audit:
    name: Audit Committee
    kind: committee
    chairs: [ned]
    members: [{member}]
    terms: {excludes: [trust-chair]}
"""


def test_gg707_passes_when_the_excluded_post_does_not_sit() -> None:
    assert found(APART.replace("{ned}", "Sam Roe").replace("{member}", "{role: ned}"), "GG707") == []


def test_gg707_an_excluded_post_sits_on_the_body() -> None:
    findings = found(APART.replace("{ned}", "Sam Roe").replace("{member}", "{role: trust-chair}"), "GG707")
    assert where(findings) == [(11, 15)]
    assert "'trust-chair' sits on 'audit', whose terms exclude it" in findings[0].message


def test_gg707_one_person_holding_an_excluded_post_and_one_that_sits() -> None:
    findings = found(APART.replace("{ned}", "Pat Lee").replace("{member}", "{role: ned}"), "GG707")
    assert where(findings) == [(10, 14), (11, 15)]
    assert findings[0].message.startswith("Pat Lee holds 'ned', which chairs 'audit', and 'trust-chair'")


# GG708 scrutiny / GG709 liaison -------------------------------------------------------------------------

SCRUTINY = """\
govgraph: 1
title: t
bodies:
  ics: {name: ICS, kind: partnership, top: true}
  icb: {name: ICB Board, kind: board, part_of: [ics]}
  joint-scrutiny:
    name: Joint Scrutiny Committee
    kind: committee
    {line}
    scrutinises: [ics]
"""


def test_gg708_passes_for_scrutiny_from_outside() -> None:
    assert found(SCRUTINY.replace("{line}", "top: true"), "GG708") == []


def test_gg708_scrutiny_of_a_body_it_is_part_of() -> None:
    findings = found(SCRUTINY.replace("{line}", "part_of: [ics]"), "GG708")
    assert where(findings) == [(10, 19)]
    assert "'joint-scrutiny' scrutinises 'ics', which it is part of or accountable to" in findings[0].message


LIAISON = """\
govgraph: 1
title: t
as_of: 2025-07
roles:
  lead: {title: Liaison lead}
bodies:
  forum:
    name: Old Forum
    kind: forum
    history: [{date: 2024-03, status: closed}]
    ignore: [{code: GG401, reason: not recorded}]
  board:
    name: Board
    kind: board
    ignore: [{code: GG401, reason: not recorded}]
    liaison_to: [{line}]
"""


def test_gg709_passes_for_a_liaison_that_ended_with_the_body() -> None:
    assert found(LIAISON.replace("{line}", "{body: forum, by: lead, until: 2024-03}"), "GG709") == []


def test_gg709_a_liaison_to_a_closed_body() -> None:
    findings = found(LIAISON.replace("{line}", "{body: forum, by: lead}"), "GG709")
    assert where(findings) == [(16, 18)]
    assert (
        "'board' has a liaison to 'forum', which ended in 2024-03; the liaison has no end date" in findings[0].message
    )


# Rule sets (GG710-GG712, and their share of GG702 and GG707) ---------------------------------------------

ICB = """\
govgraph: 1
title: t
roles:
  icb-chair: {title: Chair, holders: [{name: Ann Bell}]}
  audit-chair: {title: Chair of the audit committee, holders: [{name: AUDIT-HOLDER}]}
  ned: {title: Non-executive member, holders: [{name: Ann Bell}, {name: Raj Shah}]}
  ceo: {title: Chief executive}
bodies:
  icb-board:
    name: Board
    kind: board
    chairs: [icb-chair]
    members: [MEMBERS]
  audit:
    name: Audit Committee
    kind: committee
    chairs: [audit-chair]
    reports_to: [icb-board]
  remuneration:
    name: Remuneration Committee
    kind: committee
    chairs: [REM-CHAIR]
    reports_to: [icb-board]
checks:
  rulesets:
    - use: nhs-icb
      parts:
        board: icb-board
        audit-committee: audit
        remuneration-committee: remuneration
        chief-executive: ceo
        non-executive-member: ned
"""


def icb(members: str, rem_chair: str, audit_holder: str = "Raj Shah") -> str:
    return ICB.replace("MEMBERS", members).replace("REM-CHAIR", rem_chair).replace("AUDIT-HOLDER", audit_holder)


def test_the_nhs_rule_set_runs_clean_on_a_board_that_meets_it() -> None:
    # The remuneration committee is chaired by a non-executive member; the post has two holders, so which of them
    # chairs it is not recorded, and it is not taken to be the board's chair, who also holds the post.
    text = icb("{role: ceo}, {role: ned, seats: 4}", "ned")
    assert [f for f in run(model(text)) if f.code in ("GG707", "GG710", "GG711")] == []
    # What the model does not name is listed, not taken for a pass.
    not_applied = found(text, "GG712")
    assert {f.message.split("'")[1] for f in not_applied} == {
        "board-has-a-chief-finance-officer",
        "board-has-a-medical-director",
        "board-has-a-director-of-nursing",
    }
    assert all(f.severity == Severity.INFO for f in not_applied)
    assert set(where(not_applied)) == {(26, 7)}


def test_the_nhs_rule_set_finds_each_unmet_rule_with_its_clause() -> None:
    text = icb("{role: ned}", "icb-chair", audit_holder="Ann Bell")
    unmet = found(text, "GG710")
    assert where(unmet) == [(9, 3), (9, 3), (22, 14)]
    messages = [f.message for f in unmet]
    assert (
        "'ceo' neither chairs nor sits on 'icb-board' (NHS integrated care board, rule board-has-a-chief-executive"
        in (messages[0])
    )
    assert "Schedule 1B, paragraph 3(1)(b))" in messages[0]
    assert "has 2 recorded member seats, fewer than 5" in messages[1]
    assert "'remuneration' is chaired by 'icb-chair', which is not 'ned'" in messages[2]
    apart = found(text, "GG707")
    assert where(apart) == [(12, 14), (17, 14)]
    assert apart[0].message.startswith(
        "'icb-chair' is both chair of 'remuneration' and chair of 'icb-board' (NHS integrated care board"
    )
    assert apart[1].message.startswith(
        "Ann Bell (holding 'icb-chair' and 'audit-chair') is both chair of 'remuneration' and chair of 'audit'"
    )
    assert "The Remuneration Committee will be chaired by a Non-Executive Member" in (apart[0].hint or "")


def test_a_rule_set_finding_is_silenced_by_an_ignore_on_the_body() -> None:
    text = icb("{role: ned}", "icb-chair", audit_holder="Ann Bell")
    silenced = text.replace(
        "    chairs: [audit-chair]\n", "    chairs: [audit-chair]\n    ignore: [{code: GG707, reason: agreed}]\n"
    )
    reported = [f for f in check(model(silenced)).findings if f.code == "GG707"]
    assert where(reported) == [(12, 14)]


def test_an_unknown_rule_set_and_a_wrong_part_are_reported_where_written() -> None:
    text = icb("{role: ceo}", "ned").replace("use: nhs-icb", "use: nhs-icbs")
    problems = found(text, "GG711")
    assert where(problems) == [(26, 7)]
    assert "no rule set is called 'nhs-icbs'; did you mean 'nhs-icb'?" in problems[0].message
    text = icb("{role: ceo}", "ned").replace("chief-executive: ceo", "chief-exec: ceo")
    problems = found(text, "GG711")
    assert where(problems) == [(31, 21)]
    assert "has no part 'chief-exec'; did you mean 'chief-executive'?" in problems[0].message


OWN_RULES = """\
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
"""

OWN_MODEL = """\
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
    chairs: [chair, {role: vice, capacity: vice_chair}]
    members: [{role: vice, standing: voting_member}, {role: ceo, standing: voting_member}]
    terms:
      quorum: {count: 2, present: [PRESENT]}
checks:
  rulesets:
    - {use: rules/ours.yaml, parts: {board: board}}
"""


def _own(tmp_path: Path, rules: str, present: str) -> Path:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "ours.yaml").write_text(rules, encoding="utf-8")
    path = tmp_path / "governance.yaml"
    path.write_text(OWN_MODEL.replace("PRESENT", present), encoding="utf-8")
    return path


def test_a_rule_set_of_the_users_own_passes(tmp_path: Path) -> None:
    path = _own(tmp_path, OWN_RULES, "chair_or_vice")
    assert [f for f in run(load(path)) if f.code.startswith("GG7")] == []


def test_a_rule_set_of_the_users_own_finds_a_board_that_cannot_meet_without_its_chair(tmp_path: Path) -> None:
    path = _own(tmp_path, OWN_RULES, "chair")
    findings = [f for f in run(load(path)) if f.code == "GG702"]
    assert where(findings) == [(14, 15)]
    assert "must be able to meet without its chair" in findings[0].message
    assert "(Our standing orders, rule board-meets-without-chair: Standing orders, SO 3.2)" in findings[0].message


def test_a_broken_rule_set_file_is_reported_in_its_own_file(tmp_path: Path) -> None:
    path = _own(tmp_path, OWN_RULES.replace("meets_without_chair: board", "meets_without_chiar: board"), "chair")
    findings = [f for f in run(load(path)) if f.code == "GG711"]
    assert findings
    assert all(f.location is not None and f.location.file.endswith("ours.yaml") for f in findings)
    unknown = [f for f in findings if "unknown key" in f.message]
    assert where(unknown) == [(9, 5)]
    assert "unknown key 'meets_without_chiar'; did you mean 'meets_without_chair'?" in unknown[0].message


def test_a_missing_rule_set_file_is_reported_at_its_use(tmp_path: Path) -> None:
    path = tmp_path / "governance.yaml"
    path.write_text(OWN_MODEL.replace("PRESENT", "chair"), encoding="utf-8")
    findings = [f for f in run(load(path)) if f.code == "GG711"]
    assert where(findings) == [(17, 7)]
    assert "the rule set file 'rules/ours.yaml' cannot be read" in findings[0].message


# Problems in the terms as written: located errors (GG116, GG112, GG123, GG201) ----------------------------

BAD = """\
govgraph: 1
title: t
roles:
  r: {title: R, holders: [HOLDER]}
bodies:
  b:
    name: B
    kind: team
    members: [MEMBER]
    terms: TERMS
"""


@pytest.mark.parametrize(
    ("holder", "member", "terms", "code", "line", "column", "said"),
    [
        ("{name: A, on: 2024, from: 2023}", "{role: r}", "{}", "GG123", 4, 37, "known on one date only"),
        ("{name: A}", "{role: r, past: true, until: 2024}", "{}", "GG123", 9, 25, "`past: true` is for a member"),
        ("{name: A}", "{role: r}", "{quorum: {count: 2, fraction: 1/2}}", "GG123", 10, 32, "a `count` or a `fraction`"),
        ("{name: A}", "{role: r}", "{quorum: {fraction: 3/2}}", "GG114", 10, 32, "is not a fraction"),
        ("{name: A}", "{role: r}", "{meets: {months: [0]}}", "GG116", 10, 30, "there is no month 0"),
        ("{name: A}", "{role: r}", "{reports: [{per_year: 2, frequency: monthly}]}", "GG123", 10, 23, "said once"),
        ("{name: A}", "{role: r}", "{quorum: {present: [vice]}}", "GG114", 10, 32, "unknown presence 'vice'"),
        ("{name: A}", "{role: r}", "{excludes: [nobody]}", "GG201", 10, 24, "unknown role 'nobody'"),
        ("{name: A}", "{role: r}", "{meets: fortnighty}", "GG114", 10, 20, "did you mean 'fortnightly'?"),
    ],
)
def test_problems_in_terms_are_located(
    holder: str, member: str, terms: str, code: str, line: int, column: int, said: str
) -> None:
    from govgraph.errors import ModelError

    text = BAD.replace("HOLDER", holder).replace("MEMBER", member).replace("TERMS", terms)
    with pytest.raises(ModelError) as caught:
        load_bytes(text.encode(), FILE)
    (problem,) = caught.value.findings
    assert problem.location is not None
    assert (problem.code, problem.location.line, problem.location.column) == (code, line, column)
    assert said in problem.message
