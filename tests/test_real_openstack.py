"""Facts of the OpenStack governance model (tests/data/real/openstack-2020.yaml), read off its sources by hand.

The sources (tests/data/README.md): the governance repository's projects.yaml at b853a4ba (late 2020),
members.yaml at 60268b85 and sigs.yaml at 1555895e, with the TC charter and the comparison of group structures
for the lines of accountability. Every command runs on the model in tests/test_real_models.py; here are the
answers a governance lead would check against the files.
"""

from __future__ import annotations

import functools
import json
import re

import yaml
from click.testing import CliRunner

import support
from govgraph.cli import cli
from govgraph.loading import load

OPENSTACK = support.TESTS / "data" / "real" / "openstack-2020.yaml"
SOURCE = support.TESTS / "data" / "real" / "source"


ask = functools.partial(support.ask, model=OPENSTACK)


def test_the_model_has_the_fifty_project_teams_and_twenty_one_sigs_the_files_list() -> None:
    # Counted by hand in projects.yaml (adjutant to zun) and sigs.yaml (Ansible to Testing and Collaboration Tools).
    model = load(OPENSTACK)
    teams = [b for b in model.bodies if b.startswith("team-")]
    sigs = [b for b in model.bodies if b.startswith("sig-")]
    assert len(teams) == 50
    assert len(sigs) == 21
    assert len(model.bodies) == 50 + 21 + 2  # and the TC and the UC
    assert len(yaml.safe_load((SOURCE / "openstack-projects-2020.yaml").read_text(encoding="utf-8"))) == 50


def test_the_model_checks_clean() -> None:
    # The gaps the files leave (the UC's chair and what it answers to) are silenced on the UC, with the reason.
    result = CliRunner().invoke(cli, ["check", str(OPENSTACK)])
    assert result.exit_code == 0, result.output
    assert "no problems found" in result.output


def test_the_tc_is_chaired_by_mohammed_naser_with_kendall_nelson_vice_chair_and_nine_voting_members() -> None:
    card = ask("show", "Technical Committee")
    assert "chair:\n  - Mohammed Naser\nvice-chair:\n  - Kendall Nelson\n" in card
    members = card.split("members:\n", 1)[1].split("lines out:", 1)[0]
    assert len(re.findall(r"\(voting member\)", members)) == 9
    assert "quorum" in card.lower()


def test_nova_reports_to_the_tc_and_its_ptl_chairs_it() -> None:
    card = ask("show", "nova")
    assert "chair:\n  - Balazs Gibizer\n" in card
    assert "reports to TC" in card
    assert "Top: TC." in ask("chain", "nova")


def test_oslo_under_distributed_leadership_has_no_chair_and_its_liaisons_sit_on_it() -> None:
    card = ask("show", "oslo")
    assert "chair" not in card.split("members:", 1)[0]  # a gap stays a gap: no PTL, no chair
    for seat in (
        "Hervé Beraud, as release liaison",
        "Daniel Bengtsson, as release liaison",
        "Moisés Guimarães, as tact-sig liaison",
        "Sébastien Boyron, as tact-sig liaison",
        "Ben Nemec, as security liaison",
    ):
        assert seat in card
    assert "TC has a liaison to this (through Rico Lin)" in card
    assert "TC has a liaison to this (through Kristi Nikolla)" in card


def test_the_large_scale_sig_has_three_co_chairs() -> None:
    card = ask("show", "Large Scale SIG")
    chairs = card.split("co-chairs:\n", 1)[1].split("lines out:", 1)[0]
    assert re.findall(r"- (.+)", chairs) == ["Belmiro Moreira", "Pengju Jiao", "Thierry Carrez"]


def test_a_sig_is_governed_by_both_the_tc_and_the_uc_but_the_edge_computing_group_by_neither() -> None:
    chain = ask("chain", "Security SIG")
    assert "reports to TC" in chain
    assert "reports to UC" in chain
    edge = json.loads(ask("chain", "Edge Computing SIG", "--format", "json"))
    assert '"tc"' not in json.dumps(edge)
    assert '"uc"' not in json.dumps(edge)
    assert "Edge Computing SIG accounts to no other body." in ask("chain", "Edge Computing SIG")


def test_rong_zhu_leads_two_teams_and_rico_lin_sits_on_the_tc_and_chairs_heat() -> None:
    rong = ask("roles", "zhurong")
    assert "murano" in rong
    assert "solum" in rong
    rico = ask("roles", "Rico Lin")
    assert "heat" in rico
    assert "sits on:\n  - TC" in rico


def test_a_sig_whose_status_is_not_active_has_no_status_recorded() -> None:
    # sigs.yaml says "advisory" of the API SIG: not a govgraph status, so none is recorded, and it is said in words.
    card = ask("show", "API SIG")
    assert "status not recorded" in card
    assert "“advisory”" in card
    assert "status: active" in ask("show", "Ansible SIG")
