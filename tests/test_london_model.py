"""The London model says what its source document says, and cites it.

Each test states one governance fact of `programme-governance-background.txt` (source id
`programme-background`) and checks it through the loaded model, never by reading the YAML text, together
with the fact's citation: a fact cites the source itself or through the body it is written on.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Mapping

import pytest

from govgraph import time
from govgraph.model import Body, Model, PartialDate, Relation

SOURCE = "programme-background"

EXPECTED_BODY_IDS = frozenset(
    {
        # Line of accountability and the decision to close.
        "lceg",
        "pcag",
        "clp",
        "lret",
        # Bodies that steered the programme's activity.
        "clinical-leadership-group",
        "senior-management-team",
        "knowledge-sharing-forum",
        "sp-advisory-group",
        # Projects and the boards of their dotted lines.
        "community-chest",
        "social-welfare-legal-advice",
        "health-equity-group-support",
        "london-leaders-group",
        "london-health-equity-group",
        "london-health-board",
        # Capabilities, the collaborative one of them leads, and the ecosystem it belongs to.
        "strategy-and-system-support",
        "workforce-support",
        "vcse-partnerships",
        "co-production",
        "programme-development-and-delivery",
        "london-health-equity-capacity",
        "hec",
        "health-equity-ecosystem",
        # Initiatives the team delivered.
        "pan-london-partnership",
        "innovators-programme",
        # Platforms the team created.
        "sp-managers-network",
        "sp-evaluation-cop",
        "secondary-care-cop",
        "patient-voices",
        "partnerships-group",
    }
)

STEERING_BODIES = (
    "clinical-leadership-group",
    "senior-management-team",
    "knowledge-sharing-forum",
    "sp-advisory-group",
)

CAPABILITIES = {
    "strategy-and-system-support": "Strategy and System Support",
    "workforce-support": "Workforce Support",
    "vcse-partnerships": "VCSE Partnerships",
    "co-production": "Co-production",
    "programme-development-and-delivery": "Programme Development and Delivery",
    "london-health-equity-capacity": "London Health Equity Capacity",
}

PLATFORMS = {
    "sp-managers-network": "SP Managers' Network",
    "sp-evaluation-cop": "SP Evaluation CoP",
    "secondary-care-cop": "Secondary Care CoP",
    "patient-voices": "Patient Voices programme",
    "partnerships-group": "Partnerships Group",
}

PROJECT_DOTTED_LINES = {
    "community-chest": ("Community Chest", {"london-leaders-group"}),
    "social-welfare-legal-advice": (
        "Social Welfare and Legal Advice",
        {"london-health-equity-group", "london-health-board"},
    ),
    "health-equity-group-support": ("Health Equity Group Support", {"london-health-equity-group"}),
}

LONDON_ICBS = ("ncl-icb", "nel-icb", "nwl-icb", "sel-icb", "swl-icb")


# Helpers ----------------------------------------------------------------------------------------------


def assert_cites(model: Model, cited: str | None, body: Body | None = None) -> None:
    """The fact cites `programme-background`, itself or through `body`, and that source exists."""
    effective = cited or (body.source if body is not None else None)
    assert effective == SOURCE
    assert effective in model.sources


def lines(model: Model, body_id: str, kind: str) -> tuple[Relation, ...]:
    return model.bodies[body_id].lines(kind)


def targets(model: Model, body_id: str, kind: str) -> set[str]:
    return {r.target for r in lines(model, body_id, kind)}


def assert_lines_cited(model: Model, body_id: str, kind: str) -> None:
    body = model.bodies[body_id]
    for rel in body.lines(kind):
        assert_cites(model, rel.source, body)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def strings_in(value: object) -> Iterator[str]:
    """Every string held anywhere in a model object (dataclass fields, mappings, tuples)."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from strings_in(getattr(value, f.name))
    elif isinstance(value, Mapping):
        for k, v in value.items():
            yield from strings_in(k)
            yield from strings_in(v)
    elif isinstance(value, tuple | list | set | frozenset):
        for item in value:
            yield from strings_in(item)


# The source and the set of bodies ---------------------------------------------------------------------


def test_source_is_the_programme_background_page(london: Model) -> None:
    source = london.sources[SOURCE]
    assert source.title == "Programme background and Methodology"
    assert source.publisher == "TPHC"


def test_body_ids_are_exactly_the_expected_set(london: Model) -> None:
    assert set(london.bodies) == EXPECTED_BODY_IDS


def test_every_fact_cites_a_source_that_exists(london: Model) -> None:
    missing: list[str] = []

    def need(what: str, cited: str | None) -> None:
        if cited is None or cited not in london.sources:
            missing.append(f"{what}: {cited!r}")

    for body in london.bodies.values():
        need(f"body {body.id}", body.source)
        for rel in body.relations:
            need(f"{body.id} {rel.kind} {rel.target}", rel.source)
        for chair in body.chairs:
            need(f"{body.id} chair {chair.role}", chair.source)
        for member in body.members:
            need(f"{body.id} member {member.member}", member.source)
        for entry in body.history:
            need(f"{body.id} history {entry.date}", entry.source)
        for managed in body.managed_by:
            need(f"{body.id} managed by {managed.organisation}", managed.source)
    for role in london.roles.values():
        need(f"role {role.id}", role.source)
    for org in london.organisations.values():
        need(f"organisation {org.id}", org.source)
    for group in london.groups.values():
        need(f"group {group.id}", group.source)
    assert missing == []


# PCAG and LCEG -----------------------------------------------------------------------------------------


def test_pcag_is_londons_personalised_care_advisory_group_hosted_by_nhse_london(london: Model) -> None:
    pcag = london.bodies["pcag"]
    assert pcag.name == "Personalised Care Advisory Group"
    assert pcag.short == "PCAG"
    assert pcag.kind == "advisory_group"
    assert pcag.organisation == "nhse-london"
    assert london.resolve("PCAG") == "pcag"
    assert_cites(london, pcag.source)


def test_pcag_is_co_chaired_by_the_sro_and_the_clinical_director(london: Model) -> None:
    pcag = london.bodies["pcag"]
    assert sorted(c.role for c in pcag.chairs) == ["pc-clinical-director", "pc-sro"]
    assert london.roles["pc-sro"].title == "NHSE London Personalised Care SRO"
    assert london.roles["pc-clinical-director"].title == "NHSE London Personalised Care Clinical Director"
    for chair in pcag.chairs:
        assert chair.period.start is None
        assert chair.period.end is None
        assert_cites(london, chair.source, pcag)


def test_pcag_reports_into_nhse_lceg(london: Model) -> None:
    assert targets(london, "pcag", "reports_to") == {"lceg"}
    assert_lines_cited(london, "pcag", "reports_to")


def test_lceg_is_named_as_written_and_never_expanded(london: Model) -> None:
    lceg = london.bodies["lceg"]
    assert lceg.name == "NHSE LCEG"
    assert lceg.short == "LCEG"
    assert lceg.aliases == ()
    assert_cites(london, lceg.source)
    # The page never expands LCEG; nothing in the model may guess at it.
    invented = [s for s in strings_in(london) if "clinical executive" in s.casefold()]
    assert invented == []


def test_pcag_governance_under_review_from_march_2024(london: Model) -> None:
    pcag = london.bodies["pcag"]
    entries = [h for h in pcag.history if h.status == "under_review"]
    assert len(entries) == 1
    entry = entries[0]
    assert entry.date == PartialDate(2024, 3)
    assert time.status_on(pcag, day("2024-03-01")) == "under_review"
    assert time.status_on(pcag, None) == "under_review"
    assert_cites(london, entry.source, pcag)


# The programme ----------------------------------------------------------------------------------------


def test_clp_is_the_community_led_prevention_programme_formerly_personalised_care(london: Model) -> None:
    clp = london.bodies["clp"]
    assert clp.name == "Community Led Prevention programme"
    assert clp.short == "CLP"
    assert clp.formerly == ("Personalised Care programme",)
    assert clp.kind == "programme"
    assert london.resolve("Personalised Care programme") == "clp"
    assert_cites(london, clp.source)


def test_clp_was_managed_by_tphc_from_2017_until_mid_2025(london: Model) -> None:
    clp = london.bodies["clp"]
    assert [m.organisation for m in clp.managed_by] == ["tphc"]
    managed = clp.managed_by[0]
    assert managed.period.start == PartialDate(2017)
    assert managed.period.end == PartialDate(2025, 6)
    assert_cites(london, managed.source, clp)


def test_clp_reports_into_pcag(london: Model) -> None:
    assert targets(london, "clp", "reports_to") == {"pcag"}
    assert_lines_cited(london, "clp", "reports_to")


def test_clp_closed_in_march_2025_by_decision_of_lret(london: Model) -> None:
    clp = london.bodies["clp"]
    closure = time.closure(clp)
    assert closure is not None
    assert closure.date == PartialDate(2025, 3)
    assert closure.status == "closed"
    assert closure.decided_by == "lret"
    assert time.status_on(clp, day("2025-02-28")) is None  # nothing records it as active
    assert time.status_on(clp, day("2025-03-01")) == "closed"
    assert_cites(london, closure.source, clp)


def test_lret_is_the_london_regional_exec_team(london: Model) -> None:
    lret = london.bodies["lret"]
    assert lret.name == "London Regional Exec Team"
    assert lret.short == "LRET"
    assert london.resolve("London Regional Exec Team") == "lret"
    assert_cites(london, lret.source)


# Bodies that steered the programme --------------------------------------------------------------------


@pytest.mark.parametrize("body_id", STEERING_BODIES)
def test_steering_body_steers_clp(london: Model, body_id: str) -> None:
    assert targets(london, body_id, "steers") == {"clp"}
    assert_lines_cited(london, body_id, "steers")


def test_clinical_leadership_group_chaired_by_the_clinical_director_with_icb_representation(london: Model) -> None:
    clg = london.bodies["clinical-leadership-group"]
    assert clg.name == "Personalised Care London Clinical Leadership Group"
    assert [c.role for c in clg.chairs] == ["pc-clinical-director"]
    assert [(m.member_kind, m.member, m.as_) for m in clg.members] == [
        ("group", "london-icbs", "clinical leadership representation")
    ]
    assert clg.represented == ("london-icbs",)
    assert_cites(london, clg.source)
    for chair in clg.chairs:
        assert_cites(london, chair.source, clg)
    for member in clg.members:
        assert_cites(london, member.source, clg)


def test_senior_management_team_is_the_three_named_posts(london: Model) -> None:
    smt = london.bodies["senior-management-team"]
    assert smt.name == "Personalised Care Senior Management Team for London"
    assert sorted((m.member_kind, m.member) for m in smt.members) == [
        ("role", "pc-clinical-director"),
        ("role", "pc-head-of-expansion"),
        ("role", "pc-sro"),
    ]
    assert london.roles["pc-head-of-expansion"].title == "NHSE London head of personalised care expansion"
    assert_cites(london, smt.source)
    for member in smt.members:
        assert_cites(london, member.source, smt)


def test_knowledge_sharing_forum_has_the_icbs_operational_leads(london: Model) -> None:
    ksf = london.bodies["knowledge-sharing-forum"]
    assert ksf.name == "Knowledge Sharing Forum"
    assert [(m.member_kind, m.member, m.as_) for m in ksf.members] == [
        ("group", "london-icbs", "personalised care operational leads")
    ]
    assert ksf.represented == ("london-icbs",)
    assert_cites(london, ksf.source)
    for member in ksf.members:
        assert_cites(london, member.source, ksf)


def test_social_prescribing_advisory_group_has_cross_partnership_representation(london: Model) -> None:
    spag = london.bodies["sp-advisory-group"]
    assert spag.name == "Social Prescribing Advisory Group"
    assert {(m.member_kind, m.member) for m in spag.members} == {
        ("organisation", "nhse-london"),
        ("organisation", "gla"),
        ("group", "london-icbs"),
        ("organisation", "vcfse"),
        ("organisation", "ohid"),
        ("organisation", "london-councils"),
    }
    assert len(spag.members) == 6
    assert_cites(london, spag.source)
    for member in spag.members:
        assert_cites(london, member.source, spag)


# Projects and their dotted lines ----------------------------------------------------------------------


@pytest.mark.parametrize("project_id", sorted(PROJECT_DOTTED_LINES))
def test_project_has_its_dotted_lines(london: Model, project_id: str) -> None:
    name, boards = PROJECT_DOTTED_LINES[project_id]
    project = london.bodies[project_id]
    assert project.name == name
    assert project.kind == "project"
    assert targets(london, project_id, "dotted_to") == boards
    assert_cites(london, project.source)
    assert_lines_cited(london, project_id, "dotted_to")


@pytest.mark.parametrize("project_id", sorted(PROJECT_DOTTED_LINES))
def test_project_reports_into_clp(london: Model, project_id: str) -> None:
    assert targets(london, project_id, "reports_to") == {"clp"}
    assert_lines_cited(london, project_id, "reports_to")


def test_dotted_line_boards_are_named_as_written(london: Model) -> None:
    names = {
        bid: london.bodies[bid].name
        for bid in ("london-leaders-group", "london-health-equity-group", "london-health-board")
    }
    assert names == {
        "london-leaders-group": "London Leaders Group",
        "london-health-equity-group": "London Health Equity Group",
        "london-health-board": "London Health Board",
    }
    for bid in names:
        assert_cites(london, london.bodies[bid].source)


# Capabilities and the Health Equity Collaborative ----------------------------------------------------


def test_the_six_capabilities_are_part_of_clp(london: Model) -> None:
    capabilities = {bid: b.name for bid, b in london.bodies.items() if b.kind == "capability"}
    assert capabilities == CAPABILITIES
    for bid in CAPABILITIES:
        assert targets(london, bid, "part_of") == {"clp"}
        assert_cites(london, london.bodies[bid].source)
        assert_lines_cited(london, bid, "part_of")


def test_health_equity_collaborative_is_part_of_the_ecosystem_and_led_by_the_capacity_capability(
    london: Model,
) -> None:
    hec = london.bodies["hec"]
    assert hec.name == "Health Equity Collaborative"
    assert hec.short == "HEC"
    assert targets(london, "hec", "part_of") == {"health-equity-ecosystem"}
    assert london.bodies["health-equity-ecosystem"].name == "London Region's Health Equity Ecosystem"
    # The vocabulary has no "leads"; leading the collaborative's work is drawn as steering it.
    assert "hec" in targets(london, "london-health-equity-capacity", "steers")
    assert_cites(london, hec.source)
    assert_cites(london, london.bodies["health-equity-ecosystem"].source)
    assert_lines_cited(london, "hec", "part_of")
    assert_lines_cited(london, "london-health-equity-capacity", "steers")


# Initiatives and platforms ----------------------------------------------------------------------------


def test_the_five_platforms_the_team_created(london: Model) -> None:
    for bid, name in PLATFORMS.items():
        platform = london.bodies[bid]
        assert platform.name == name
        assert [m.organisation for m in platform.managed_by] == ["tphc"]
        assert_cites(london, platform.source)
        for managed in platform.managed_by:
            assert_cites(london, managed.source, platform)


def test_initiatives_the_team_delivered(london: Model) -> None:
    assert london.bodies["innovators-programme"].name == "Innovators Programme"
    assert london.bodies["pan-london-partnership"].kind == "partnership"
    for bid in ("innovators-programme", "pan-london-partnership"):
        body = london.bodies[bid]
        assert [m.organisation for m in body.managed_by] == ["tphc"]
        assert_cites(london, body.source)


# Organisations, groups and roles ----------------------------------------------------------------------


def test_organisations_named_by_the_page(london: Model) -> None:
    expected = {
        "nhse-london": "NHSE London",
        "tphc": "TPHC",
        "gla": "GLA",
        "ohid": "OHID",
        "london-councils": "London Councils",
        "vcfse": "VCFSE",
    }
    for oid, label in expected.items():
        assert london.name_of(oid) == label
        assert london.resolve(label, kinds=["organisation"]) == oid
        assert_cites(london, london.organisations[oid].source)
    assert set(london.organisations) == set(expected) | set(LONDON_ICBS)


@pytest.mark.parametrize("wording", ["VCFSE", "VCSFE", "VCSE"])
def test_the_voluntary_sector_is_one_organisation_in_all_its_spellings(london: Model, wording: str) -> None:
    assert london.resolve(wording, kinds=["organisation"]) == "vcfse"


def test_londons_five_icbs_are_one_group(london: Model) -> None:
    group = london.groups["london-icbs"]
    assert group.members == LONDON_ICBS
    for oid in group.members:
        assert oid in london.organisations
        assert london.organisations[oid].name.endswith(" ICB")
        assert_cites(london, london.organisations[oid].source)
    assert london.resolve("ICBs", kinds=["group"]) == "london-icbs"
    assert_cites(london, group.source)


@pytest.mark.parametrize(
    "wording",
    [
        "NHSE London Personalised Care Clinical Director",
        "NHSE London clinical director for Personalised Care",
        "clinical director for personalised care",
        "CLINICAL DIRECTOR FOR PERSONALISED CARE",
        "nhse london personalised care clinical director",
    ],
)
def test_the_clinical_director_is_one_post_under_three_wordings(london: Model, wording: str) -> None:
    assert london.resolve(wording, kinds=["role"]) == "pc-clinical-director"
    director_posts = [
        r.id
        for r in london.roles.values()
        if any("clinical director" in label.casefold() for label in (r.title, *r.aliases))
    ]
    assert director_posts == ["pc-clinical-director"]
    assert london.roles["pc-clinical-director"].organisation == "nhse-london"
    assert_cites(london, london.roles["pc-clinical-director"].source)


@pytest.mark.parametrize("wording", ["NHSE London Personalised Care SRO", "NHSE London personalised Care SRO"])
def test_the_sro_is_one_post(london: Model, wording: str) -> None:
    assert london.resolve(wording, kinds=["role"]) == "pc-sro"
    assert london.roles["pc-sro"].organisation == "nhse-london"
    assert_cites(london, london.roles["pc-sro"].source)


def test_roles_are_exactly_the_three_named_posts(london: Model) -> None:
    assert set(london.roles) == {"pc-sro", "pc-clinical-director", "pc-head-of-expansion"}
    for role in london.roles.values():
        assert role.organisation == "nhse-london"
        assert_cites(london, role.source)


def test_names_pasted_with_typographic_quotes_resolve(london: Model) -> None:
    # The source page writes the apostrophe of "SP Managers' Network" as a curly one (U+2019).
    assert london.resolve("SP Managers\u2019 Network") == "sp-managers-network"
