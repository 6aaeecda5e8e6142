"""Facts of NHS Lincolnshire Integrated Care Board's Board and its two statutory committees
(tests/data/real/nhs/lincs-icb-committees.yaml), read off the ICB's "Committees" and "ICB Board Meetings" pages by
hand.

The sources (tests/data/README.md): the committees page names who chairs the Audit and Remuneration Committees and
that each is accountable to the Board; the Board meetings page says the Board meets "a minimum of six" times a
year. Neither gives a committee's members, quorum or meetings, nor who chairs the Board. Every command runs on the
model in tests/test_real_models.py; here are the answers a governance lead would check against the pages.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import support
from govgraph.loading import load

LINCS = support.TESTS / "data" / "real" / "nhs" / "lincs-icb-committees.yaml"

ask = functools.partial(support.ask, model=LINCS)


def test_the_model_checks_clean() -> None:
    # The one gap the checks see (who chairs the Board) is silenced on the Board with the reason.
    result = support.govgraph("check", LINCS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems found" in result.stdout


def test_both_committees_are_accountable_to_the_board_and_chaired_as_the_page_says() -> None:
    under = ask("under", "ICB Board")
    assert "Audit Committee (reports to ICB Board)" in under
    assert "Remuneration Committee (reports to ICB Board)" in under
    assert len(load(LINCS).bodies) == 3
    assert "chair:\n  - independent board member\n" in ask("show", "Audit Committee")
    assert "chair:\n  - Non-Executive Member\n" in ask("show", "Remuneration Committee")
    # Who chairs the Board is on neither page: a board has a chair, so the card says it is not recorded.
    assert "\nchair: not recorded\n" in ask("show", "ICB Board")


def test_no_quorum_is_recorded_so_none_is_answered() -> None:
    for name in ("ICB Board", "Audit Committee", "Remuneration Committee"):
        assert ask("quorum", name).startswith(f"Could {name} be quorate? Cannot tell.")
    away = ask("quorum", "Remuneration Committee", "--absent", "Non-Executive Member")
    assert "Cannot tell." in away.splitlines()[0]


def test_the_board_meets_at_least_six_times_a_year_in_every_answer(tmp_path: Path) -> None:
    # "a minimum of six meetings held per year": six is the least, not the number; every answer keeps the
    # "at least" (reports-into and the forward plan said "meets 6 times a year").
    assert "meets: at least 6 times a year\n" in ask("show", "ICB Board")
    into = ask("reports-into", "ICB Board")
    assert "ICB Board meets at least 6 times a year.\n" in into
    data = json.loads(ask("reports-into", "ICB Board", "--format", "json"))
    assert data["meets_per_year"] == 6
    assert data["meets_at_least"] is True
    site = tmp_path / "site"
    assert support.govgraph("build", LINCS, "-o", site).returncode == 0
    assert "- ICB Board meets at least 6 times a year.\n" in (site / "forward-plan.md").read_text(encoding="utf-8")


def test_a_body_page_with_no_members_in_its_terms_says_so_instead_of_an_empty_table(tmp_path: Path) -> None:
    # The Board's terms record its meetings, not its members: the page drew a table heading with no rows.
    site = tmp_path / "site"
    assert support.govgraph("build", LINCS, "-o", site).returncode == 0
    board = (site / "bodies" / "lincs-icb-board.md").read_text(encoding="utf-8")
    terms = board.split("## Terms of reference", 1)[1].split("## Sources", 1)[0]
    assert "| Member |" not in terms
    assert "No members or chair are recorded in its terms." in terms
    remuneration = (site / "bodies" / "lincs-icb-remuneration-committee.md").read_text(encoding="utf-8")
    assert "| Non-Executive Member | chair |" in remuneration


def test_the_workbook_round_trip_has_no_changes(tmp_path: Path) -> None:
    workbook, back = tmp_path / "lincs.xlsx", tmp_path / "back.yaml"
    assert support.govgraph("export", "-m", LINCS, "--format", "xlsx", "-o", workbook).returncode == 0
    imported = support.govgraph("import", "xlsx", workbook, "-o", back)
    assert imported.returncode == 0, imported.stderr
    assert "(3 bodies, 2 posts, 1 organisation)" in imported.stderr
    diff = support.govgraph("diff", LINCS, back)
    assert diff.stdout.rstrip().endswith("No changes.")


def test_the_checks_page_keeps_the_file_name_as_written(tmp_path: Path) -> None:
    # The summary was capitalised: "Lincs-icb-committees.yaml: no problems found", a file that does not exist
    # (and any capital later in a file's name was lowered).
    site = tmp_path / "site"
    assert support.govgraph("build", LINCS, "-o", site).returncode == 0
    checks = (site / "checks.md").read_text(encoding="utf-8")
    assert "\nlincs-icb-committees.yaml: no problems found.\n" in checks
    assert "Lincs-icb-committees.yaml" not in checks
