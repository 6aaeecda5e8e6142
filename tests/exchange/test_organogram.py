"""`govgraph import organogram`: the organograms' ways of saying that no one is in a post are vacancies, and a post
no one is in does not co-chair a unit beside the post someone is in."""

from __future__ import annotations

from pathlib import Path

import pytest

import support
from govgraph.exchange.organogram import import_organogram
from govgraph.loading import load_bytes
from govgraph.model import Model

ORGANOGRAMS = support.TESTS / "data" / "external" / "uk_organograms"
CO_SENIOR = ORGANOGRAMS / "cabinet_office-2011-09-30-senior.csv"
CO_JUNIOR = ORGANOGRAMS / "cabinet_office-2011-09-30-junior.csv"
HSE_SENIOR = ORGANOGRAMS / "hse-2013-09-30-raw-senior.csv"
HSE_JUNIOR = ORGANOGRAMS / "hse-2013-09-30-raw-junior.csv"

HEADER = "Post Unique Reference,Name,Job Title,Job/Team Function,Unit,Reports to Senior Post\n"


def imported(tmp_path: Path, rows: str) -> tuple[Model, str]:
    senior = tmp_path / "senior.csv"
    senior.write_text(HEADER + rows, encoding="utf-8")
    result = import_organogram(senior)
    return load_bytes(result.text.encode("utf-8"), "imported.yaml"), result.text


@pytest.mark.parametrize("wording", ["Not in post", "VACANT", "Vacancy", "post vacant", "Currently vacant"])
def test_a_vacancy_wording_is_a_post_held_by_no_one_not_a_co_chair(tmp_path: Path, wording: str) -> None:
    model, text = imported(
        tmp_path,
        f"D1,Ann Smith,Director,Runs it,Directorate,XX\nD2,{wording},Co-director,Runs it too,Directorate,XX\n",
    )
    assert model.roles["post-d2"].holders == ()
    assert "Not in post" not in {h.name for role in model.roles.values() for h in role.holders or ()}
    directorate = model.bodies["directorate"]
    assert [c.role for c in directorate.chairs] == ["post-d1"]
    (member,) = directorate.members
    assert (member.member, member.as_, member.note) == ("post-d2", "Runs it too", "a head post of the unit, vacant")
    if wording.lower() != "vacant":
        assert f"# vacant (the organogram says {wording!r})" in text


def test_a_unit_whose_only_head_is_vacant_keeps_it_as_its_chair(tmp_path: Path) -> None:
    model, _ = imported(tmp_path, "D1,Ann Smith,Director,,Top,XX\nH1,Not in post,Head,,Team,D1\n")
    assert [c.role for c in model.bodies["team"].chairs] == ["post-h1"]
    assert model.roles["post-h1"].holders == ()


def test_the_eliminated_head_post_of_a_real_directorate_is_not_a_co_chair() -> None:
    # HSE 2013, rows 49-50: `Eliminated` (an interim post) and the director of the same directorate.
    model = load_bytes(import_organogram(HSE_SENIOR, HSE_JUNIOR).text.encode("utf-8"), "hse.yaml")
    directorate = model.bodies["planning-finance-and-procurement-directorate"]
    assert [c.role for c in directorate.chairs] == ["post-pfpddirb201"]
    assert model.roles["post-pfpddirb201"].holders is not None
    assert [h.name for h in model.roles["post-pfpddirb201"].holders] == ["Murray, David"]
    eliminated = [m for m in directorate.members if m.member == "post-pfpddirb101"]
    assert [m.note for m in eliminated] == ["a head post of the unit, post eliminated"]


def test_a_real_junior_row_not_in_post_is_a_vacant_post_not_a_job_title() -> None:
    # Cabinet Office 2011, junior row 272: `Not in post` as the generic job title of one C/BAND C post.
    result = import_organogram(CO_SENIOR, CO_JUNIOR)
    model = load_bytes(result.text.encode("utf-8"), "co.yaml")
    titles = {role.title for role in model.roles.values()}
    assert not [t for t in titles if "not in post" in t.lower()]
    assert "Vacant post (C/BAND C), Prime Minister's Office" in titles
    seats = [m for body in model.bodies.values() for m in body.members if m.member == "junior-vacant-post"]
    assert [m.as_ for m in seats] == ["1 FTE, vacant"]
    assert "# vacant (the organogram says 'Not in post')" in result.text
