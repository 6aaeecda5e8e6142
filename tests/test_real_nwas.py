"""Facts of North West Ambulance Service NHS Trust's Board committees (tests/data/real/nhs/nwas-board-committees.yaml),
read off the four terms of reference pages by hand.

The sources (tests/data/README.md): the Audit, Quality and Performance, Charitable Funds, and Nominations and
Remuneration Committees' terms of reference, each stored from its start and stopping part way. Every command runs
on the model in tests/test_real_models.py; here are the answers a governance lead would check against the pages.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import support
from govgraph.loading import load

NWAS = support.TESTS / "data" / "real" / "nhs" / "nwas-board-committees.yaml"

ask = functools.partial(support.ask, model=NWAS)

COMMITTEES = (
    "Audit Committee",
    "Charitable Funds Committee",
    "NARC",
    "Quality and Performance Committee",
)


def test_the_model_checks_clean() -> None:
    # The one gap the checks see (who chairs NARC) is silenced on NARC with the reason; its quorum, which asks for
    # that chair, is not reported as impossible for want of a chair the page does not name.
    result = support.govgraph("check", NWAS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems found" in result.stdout


def test_the_four_committees_report_to_the_board_of_directors() -> None:
    under = ask("under", "Board of Directors")
    for name in COMMITTEES:
        assert f"{name} (reports to Board of Directors)" in under
    assert "4 bodies under Board of Directors." in under
    for name in COMMITTEES:
        assert "Top: Board of Directors." in ask("chain", name)
    assert len(load(NWAS).bodies) == 5


def test_a_non_executive_director_chairs_three_committees_and_narcs_chair_is_a_gap() -> None:
    # Audit: "One of the members shall be appointed as Chair ... by the Board of Directors"; Q&P and Charitable
    # Funds: three NEDs, "one of whom shall be" the Chair. NARC's page names no chair.
    assert "chair:\n  - Non-Executive Director (appointed by Board of Directors)\n" in ask("show", "Audit Committee")
    ned = ask("roles", "Non-Executive Director")
    chairs = ned.split("chairs:\n", 1)[1].split("sits on:", 1)[0]
    assert chairs == "  - Audit Committee\n  - Charitable Funds Committee\n  - Quality and Performance Committee\n"
    # NARC's chair is a gap, said as one: no one is named, and the card says it is not recorded.
    narc = ask("show", "NARC").split("members:", 1)[0]
    assert narc.count("chair") == 1
    assert "\nchair: not recorded\n" in narc


def test_the_chair_of_the_board_may_not_sit_on_the_audit_committee_but_sits_on_narc() -> None:
    audit = ask("show", "Audit Committee")
    assert "may not sit on it: Chair of the Board of Directors" in audit
    assert "membership: at least 4 members" in audit
    assert "NARC, as member" in ask("roles", "Chair of the Board of Directors")


def test_quality_and_performance_quorum_is_five_with_two_neds_and_the_quality_director_or_medical_director() -> None:
    card = ask("show", "Quality and Performance Committee")
    assert (
        "quorum: 5 voting members, including 2 voting members who are Non-Executive Director and 1 voting member "
        "of Director of Quality, Innovation and Improvement or Medical Director"
    ) in card
    # The page's three Executive Directors are not written as a need (which members are Executive Directors is
    # not said): the card says so under the quorum.
    assert "on the quorum:" in card
    assert "Which members are Executive Directors the page does not say" in card
    assert "meets: every two months" in card
    assert "report based on the 3A model, after each meeting (6 times a year)" in card


def test_quorum_answers_say_what_the_pages_leave_open() -> None:
    # No member's vote is recorded on the pages: the answer is "cannot tell", never a guess.
    qp = ask("quorum", "Quality and Performance Committee")
    assert qp.startswith("Could Quality and Performance Committee be quorate? Cannot tell.")
    both_away = ask(
        "quorum",
        "Quality and Performance Committee",
        "--absent",
        "Medical Director",
        "--absent",
        "Director of Quality, Innovation and Improvement",
    )
    assert "? No." in both_away.splitlines()[0]  # one of the two must be there
    narc = ask("quorum", "NARC")
    assert narc.startswith("Could NARC be quorate? Cannot tell.")
    assert "- the chair: who chairs it is not recorded" in narc
    assert "Non-Executive Director: how many seats is not recorded" in narc  # "all Non-Executive Directors"
    data = json.loads(ask("quorum", "NARC", "--format", "json"))
    assert data["quorate"] is None
    assert data["required"] == 3


def test_narc_meets_every_two_months_or_as_required_and_the_charitable_funds_quorum_is_four() -> None:
    narc = ask("show", "NARC")
    assert "meets: every two months\n" in narc
    assert 'on meetings: "on a bi-monthly basis or as required"' in narc
    assert 'on the quorum: "the Chair and at least two members"' in narc
    cf = ask("show", "Charitable Funds Committee")
    assert "quorum: 4 voting members\n" in cf
    # The stored page stops before any meeting frequency: the gap is said, not left out.
    assert "meets: not recorded\n" in cf


def test_the_board_receives_six_reports_from_quality_and_performance_and_the_rest_is_not_known() -> None:
    into = ask("reports-into", "Board of Directors")
    assert "- Quality and Performance Committee: report based on the 3A model, 6 times a year" in into
    assert "In all: not known" in into
    # Its terms say after each meeting, and not how often it meets: both are said, neither is guessed.
    assert (
        "- Charitable Funds Committee: 3A assurance report to the Board of Directors/Corporate Trustee, after each "
        "meeting (how often Charitable Funds Committee meets is not recorded)\n"
    ) in into
    assert "- NARC: accountable to it; its terms record no report\n" in into


def test_the_workbook_round_trip_says_one_organisation_in_the_singular(tmp_path: Path) -> None:
    workbook, back = tmp_path / "nwas.xlsx", tmp_path / "back.yaml"
    assert support.govgraph("export", "-m", NWAS, "--format", "xlsx", "-o", workbook).returncode == 0
    imported = support.govgraph("import", "xlsx", workbook, "-o", back)
    assert imported.returncode == 0, imported.stderr
    assert "(5 bodies, 18 posts, 1 organisation)" in imported.stderr
    diff = support.govgraph("diff", NWAS, back)
    assert diff.stdout.rstrip().endswith("No changes.")
