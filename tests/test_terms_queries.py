"""Terms of reference answered and published: `govgraph quorum`, `govgraph reports-into` (library, command line,
text and JSON, `--as-of`), `show`'s terms, the body page's section, and the forward plan as a page and as an
iCalendar file that a calendar library reads back."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner

from govgraph import queries
from govgraph.build import plan_build
from govgraph.cli import cli
from govgraph.loading import load_bytes
from govgraph.model import Model, PartialDate
from govgraph.render.plan import fold, plan_ics
from govgraph.render.terms import quorum_text, reports_into_text
from govgraph.terms import forward_plan
from support import REPO

MODEL = """\
govgraph: 1
title: Trust board and committees
as_of: 2025-07
roles:
  chair: {title: Trust Chair}
  vice: {title: Vice Chair}
  ned: {title: Non-Executive Director}
  cfo: {title: Director of Finance, holders: [{name: A. Person, from: 2024}]}
  ceo: {title: Chief Executive}
bodies:
  board:
    name: Trust Board
    kind: board
    chairs: [chair, {role: vice, capacity: vice_chair}]
    members:
      - {role: vice, standing: voting_member}
      - {role: ceo, standing: voting_member}
      - {role: ned, standing: voting_member, seats: 3}
    terms:
      approved: 2025-01
      review_months: 12
      quorum: {count: 3, present: [chair_or_vice]}
      meets: {frequency: quarterly, months: [1, 4, 7, 10]}
      expects: [{from: audit, per_year: 4}]
  audit:
    name: Audit Committee
    kind: committee
    reports_to: [board]
    chairs: [ned]
    members:
      - {role: ned, standing: voting_member, seats: 3}
      - {role: cfo, standing: attendee}
    terms:
      quorum: {count: 2, present: [{role: ned}]}
      meets: {frequency: quarterly, months: [3, 6, 9, 12]}
      reports:
        - {what: "minutes; assurance report, and escalations", after_each_meeting: true}
  quality:
    name: Quality Committee
    kind: committee
    reports_to: [{body: board, from: 2025-06}]
    chairs: [ned]
    terms:
      meets: monthly
"""


def model() -> Model:
    return load_bytes(textwrap.dedent(MODEL).encode(), "trust.yaml")


@pytest.fixture
def model_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "governance.yaml"
    path.write_text(MODEL, encoding="utf-8")
    monkeypatch.setenv("GOVGRAPH_MODEL", str(path))
    monkeypatch.setenv("GOVGRAPH_CACHE", "off")
    return path


def test_the_board_is_quorate_without_its_chair_when_the_vice_chair_is_there() -> None:
    m = model()
    assert queries.quorum(m, "board").quorate is True
    without_chair = queries.quorum(m, "board", absent=["Trust Chair"])
    assert without_chair.quorate is True
    assert without_chair.absent == ("chair",)
    both = queries.quorum(m, "board", absent=["Trust Chair", "vice"])
    assert both.quorate is False
    assert [n.reason for n in both.answer.needs] == ["absent"]


def test_the_count_fails_when_too_many_voting_members_are_away() -> None:
    answer = queries.quorum(model(), "Audit Committee", absent=["ned"]).answer
    assert (answer.required, answer.voting, answer.present, answer.count_met, answer.quorate) == (2, 3, 0, False, False)


def test_quorum_and_reports_into_on_the_command_line(model_file: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["quorum", "board", "--absent", "Trust Chair"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Could Trust Board be quorate with Trust Chair absent? Yes.\n")
    assert "- the chair or a vice or deputy chair: present" in result.output
    data = json.loads(runner.invoke(cli, ["quorum", "audit", "--absent", "ned", "--format", "json"]).output)
    assert data["quorate"] is False
    assert data["required"] == 2
    assert data["present"] == 0
    text = runner.invoke(cli, ["reports-into", "board"]).output
    assert "- Audit Committee: minutes; assurance report, and escalations, 4 times a year, in March, June" in text
    assert "- Quality Committee: accountable to it; its terms record no report" in text
    assert "Trust Board meets 4 times a year." in text
    # Before the Quality Committee's line began, only the Audit Committee reports into the board.
    data = json.loads(runner.invoke(cli, ["reports-into", "board", "--as-of", "2025-03", "--format", "json"]).output)
    assert [i["from"] for i in data["incoming"]] == ["audit"]
    assert data["per_year"] == 4
    unknown = runner.invoke(cli, ["quorum", "board", "--absent", "nobody-at-all"])
    assert unknown.exit_code == 2


def test_show_prints_the_terms(model_file: Path) -> None:
    text = CliRunner().invoke(cli, ["show", "board"]).output
    assert "terms of reference:\n  quorum: 3 voting members, including the chair or a vice or deputy chair\n" in text
    assert "  meets: quarterly (January, April, July and October)\n" in text
    assert "  asks for: reports from Audit Committee, at least 4 times a year\n" in text
    assert "  approved: January 2025\n  review due: January 2026\n" in text


def test_the_forward_plan_places_what_the_terms_record() -> None:
    plan = forward_plan(model(), 2025)
    march = plan.months[2]
    assert march.meetings == ("audit",)
    april = plan.months[3]
    assert april.meetings == ("board",)
    # The audit committee's March report goes to the board's April meeting.
    assert [(r.source_body, r.target, r.made) for r in april.reports] == [("audit", "board", 3)]
    # A report made after the board's last meeting of the year is left for next year.
    assert plan.months[11].reports == ()
    assert plan.unplaced_meetings == (("quality", 12),)


def test_the_calendar_is_rfc_5545_that_a_calendar_library_reads_back() -> None:
    m = model()
    data = plan_ics(m, forward_plan(m, 2025))
    assert data == plan_ics(model(), forward_plan(model(), 2025))  # same model, same bytes
    assert b"\r\n" in data
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    summaries = sorted(str(e["SUMMARY"]) for e in events)
    assert summaries.count("Trust Board meets") == 4
    assert summaries.count("Audit Committee meets") == 4
    report = next(e for e in events if str(e["UID"]) == "2025-04-report-audit-to-board-1@govgraph.invalid")
    assert str(report["DESCRIPTION"]).startswith(
        "Audit Committee reports to Trust Board (minutes; assurance report, and escalations) in April 2025"
    )
    assert report.decoded("DTSTART").isoformat() == "2025-04-01"
    assert report.decoded("DTEND").isoformat() == "2025-05-01"
    assert str(events[0].decoded("DTSTAMP")) == "2025-07-31 00:00:00+00:00"
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_folding_never_splits_a_character() -> None:
    line = "SUMMARY:" + "é" * 80
    folded = fold(line).encode("utf-8")
    parts = folded.split(b"\r\n")
    assert all(len(p) <= 75 for p in parts)
    assert "".join(p.decode("utf-8")[1:] if i else p.decode("utf-8") for i, p in enumerate(parts[:-1])) == line


def test_the_build_writes_the_plan_and_the_terms_section() -> None:
    files = plan_build(model(), pdf=False).files
    plan = files["forward-plan.md"].decode()
    row = "| April | Trust Board | Audit Committee to Trust Board: minutes; assurance report, and escalations "
    assert row + "(made in March) |" in plan
    assert "\n- Quality Committee meets 12 times a year.\n" in plan
    assert "forward-plan.ics" in files
    assert "[Forward plan: the cycle of business, month by month](forward-plan.md)" in files["index.md"].decode()
    page = files["bodies/audit.md"].decode()
    assert "## Terms of reference\n\n| Member | Standing | Seats | As |\n|---|---|---|---|\n" in page
    assert "| Non-Executive Director | chair |  |  |" in page
    assert "| Director of Finance | attendee |  |  |" in page
    assert "- **Quorum:** 2 voting members, including Non-Executive Director" in page


def test_a_model_without_terms_builds_as_before() -> None:
    from govgraph.loading import load

    files = plan_build(load(REPO / "data" / "governance.yaml"), pdf=False).files
    assert "forward-plan.md" not in files
    assert "forward-plan.ics" not in files
    assert all("Terms of reference" not in data.decode() for path, data in files.items() if path.endswith(".md"))


def test_the_real_audit_committee_is_quorate_without_its_attendees() -> None:
    from govgraph.loading import load

    nth = load(REPO / "tests" / "data" / "real" / "nhs" / "nth-audit-committee.yaml")
    assert queries.quorum(nth, "Audit Committee", absent=["Director of Finance"]).quorate is True
    # With the NEDs away, no recorded member is left; the terms set only a least number of members, so there may
    # be members not recorded: the answer cannot tell.
    assert queries.quorum(nth, "Audit Committee", absent=["Non-Executive Director"]).quorate is None
    assert queries.quorum(nth, "Audit Committee", as_of=PartialDate.parse("2025")).quorate is True


@pytest.mark.parametrize("command", ["quorum", "reports-into"])
def test_the_readme_shows_what_the_command_prints(command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import re
    import shlex

    monkeypatch.chdir(REPO)
    monkeypatch.setenv("GOVGRAPH_CACHE", "off")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(rf"```console\n\$ govgraph ({command} [^\n]+)\n(.*?)```", readme, re.S)
    assert block is not None
    result = CliRunner().invoke(cli, shlex.split(block.group(1)))
    assert result.exit_code == 0, result.output
    assert result.output == block.group(2)


def test_the_real_nhs_models_record_their_terms_and_check_clean() -> None:
    from govgraph.checks import run
    from govgraph.loading import load

    nhs = REPO / "tests" / "data" / "real" / "nhs"
    nth = load(nhs / "nth-audit-committee.yaml")
    terms = nth.bodies["nth-audit-committee"].terms
    assert terms is not None
    assert terms.quorum is not None
    assert (terms.quorum.count, terms.members_at_least, terms.excludes) == (2, 3, ("nth-chairman",))
    attendees = {m.member for m in nth.bodies["nth-audit-committee"].members if m.standing == "attendee"}
    assert attendees == {
        "nth-director-of-finance",
        "internal-audit",
        "external-audit",
        "counter-fraud",
        "nth-assurance-director",
        "nth-chief-executive",
        "nth-executive-director",
    }
    lsc = load(nhs / "lsc-icb-engagement-committee.yaml")
    pieac = lsc.bodies["lsc-pieac"].terms
    assert pieac is not None
    assert pieac.members_at_least == 7
    assert [(r.to, r.per_year) for r in pieac.reports] == [("lsc-icb-board", None)]
    swl = load(nhs / "swl-icb.yaml")
    assert [u.use for u in swl.checks.rulesets] == ["nhs-icb"]
    for model in (nth, lsc, swl):
        assert [f for f in run(model) if f.code.startswith("GG7")] == [], model.file


# --as-of: judged from the terms and seats in force on the date asked ------------------------------------
def test_before_its_terms_were_approved_the_body_has_no_quorum_to_judge() -> None:
    question = queries.quorum(model(), "board", absent=["Trust Chair"], as_of=PartialDate.parse("2024-06"))
    assert question.quorate is None
    assert quorum_text(question) == (
        "Could Trust Board be quorate with Trust Chair absent (as of 30 June 2024)? Cannot tell.\n"
        "Trust Board's terms of reference were approved in January 2025, after that date.\n"
    )
    after = queries.quorum(model(), "board", absent=["Trust Chair"], as_of=PartialDate.parse("2025-03"))
    assert after.quorate is True


def test_terms_without_a_quorum_say_so() -> None:
    question = queries.quorum(model(), "quality")
    assert question.quorate is None
    assert quorum_text(question).endswith("Quality Committee's terms of reference record no quorum.\n")


REPORTS_TOTAL = """\
govgraph: 1
title: t
bodies:
  board: {name: Board, kind: board}
  audit: {name: Audit, kind: committee, reports_to: [board]}
  quality: {name: Quality, kind: committee, reports_to: [board]QUALITY}
"""


@pytest.mark.parametrize(
    ("quality", "why"),
    [
        ("", "the bodies accountable to it record no report"),
        (", terms: {reports: [{to: board, per_year: 4}]}", "some bodies accountable to it record no report"),
        (
            ", terms: {reports: [{to: board, what: assurance}]}",
            "how often some bodies report is not recorded and some bodies accountable to it record no report",
        ),
    ],
)
def test_reports_into_says_why_its_total_is_not_known(quality: str, why: str) -> None:
    # Audit's terms record no report at all: not a report whose frequency is missing, which is all it used to say.
    model = load_bytes(REPORTS_TOTAL.replace("QUALITY", quality).encode(), "t.yaml")
    text = reports_into_text(queries.reports_into(model, "board"))
    assert f"In all: not known, as {why}.\n" in text


def test_a_page_says_what_the_terms_do_not_record() -> None:
    text = (
        b"govgraph: 1\ntitle: t\nroles:\n  ned: {title: NED}\n  cfo: {title: CFO}\nbodies:\n"
        b"  board: {name: Board, kind: board, chairs: [ned]}\n"
        # Terms that give the quorum only: the meetings and the reports are gaps, said as gaps.
        b"  audit:\n    name: Audit\n    kind: committee\n    reports_to: [board]\n    chairs: [ned]\n"
        b"    terms: {quorum: {count: 2}}\n"
        # No terms at all, only a member's standing: the page says the rest is not recorded.
        b"  remco:\n    name: Remco\n    kind: committee\n    reports_to: [board]\n    chairs: [ned]\n"
        b"    members: [{role: cfo, standing: attendee}]\n"
    )
    files = plan_build(load_bytes(text, "t.yaml"), pdf=False).files
    audit = files["bodies/audit.md"].decode()
    assert "- **Quorum:** 2 voting members\n" in audit
    assert "- **Meets:** not recorded\n" in audit
    assert "- **Reports:** not recorded\n" in audit
    remco = files["bodies/remco.md"].decode()
    assert "| CFO | attendee |  |  |" in remco
    assert "Its quorum, meetings, reporting and review are not recorded." in remco
    assert "Terms of reference" not in files["bodies/board.md"].decode()
