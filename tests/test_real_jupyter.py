"""Facts of Project Jupyter's governance bodies (tests/data/real/jupyter-governance.yaml), read off the
jupyter/governance repository by hand.

The sources (tests/data/README.md): executive_council.md says the SSC, the Software Subprojects, the Standing
Committees and the Working Groups "will report to the EC"; the Leadership Directory's tables name the EC's six
members with their terms and the SSC's members with the Subproject, or Standing Committee, each represents; the
list of Standing Committees and Working Groups names seven of them. No file says who chairs the EC or the SSC.
Every command runs on the model in tests/test_real_models.py; here are the answers a governance lead would check.
"""

from __future__ import annotations

import functools
from pathlib import Path

import support
from govgraph.loading import load

JUPYTER = support.TESTS / "data" / "real" / "jupyter-governance.yaml"

ask = functools.partial(support.ask, model=JUPYTER)


def _dated_copy(tmp_path: Path, as_of: str) -> Path:
    return support.dated_copy(JUPYTER, tmp_path, as_of)


def test_the_model_checks_clean() -> None:
    result = support.govgraph("check", JUPYTER)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems found" in result.stdout


def test_every_other_body_reports_to_the_executive_council() -> None:
    under = ask("under", "EC")
    assert "18 bodies under EC." in under
    for name in ("SSC", "Voilà", "Jupyter Security", "DEI Standing Committee", "Trademark and Branding Working Group"):
        assert f"{name} (reports to EC)" in under
    assert len(load(JUPYTER).bodies) == 19


def test_each_ssc_member_represents_a_subproject_or_standing_committee() -> None:
    ssc = ask("show", "SSC")
    assert "  - Martin Renou, as representative of Voilà\n" in ssc
    assert "  - Martha Cryan, as representative of DEI Standing Committee\n" in ssc
    # The table names Jupyter Security's representative by the post only.
    assert "  - Jupyter Security Representative, as representative of Jupyter Security\n" in ssc
    assert "Voilà has a liaison to this (through Martin Renou)" in ssc
    # A Subproject does not answer to the SSC: its line is to the EC.
    assert "No route from Voilà up to SSC" in ask("path", "Voilà", "SSC")


def test_ec_terms_that_ran_out_in_2025_are_ended_at_the_end_of_2026(tmp_path: Path) -> None:
    card = support.ask("show", "EC", model=_dated_copy(tmp_path, "2026-12-08"))
    assert "  - Jason Grout (2023 to 2025, ended)\n" in card
    assert "  - Afshin Darian (2023 to 2026)\n" in card


def test_a_committee_whose_chair_the_sources_do_not_name_says_so_on_its_card() -> None:
    # The body page and the paper say "not recorded" for the EC's and SSC's chair; the card said nothing at all,
    # as if a committee had no chair. A Subproject (a project) has none by its kind, and its card says nothing.
    for name in ("EC", "SSC", "Conflict of Interest Standing Committee"):
        assert "\nchair: not recorded\n" in ask("show", name), name
    assert "chair" not in ask("show", "Voilà")
