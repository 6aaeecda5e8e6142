"""`govgraph diff` reports every change, correctly (issue 18 item 4): seats told apart by what their members sit
as, what added and removed members sat as in every format, and changes to what the file says about checking and
drawing the structure (`ignore:`, `checks:`, `views:`, the title)."""

from __future__ import annotations

import io
import textwrap

import pytest
from docx import Document

from govgraph.changes import ModelDiff, diff
from govgraph.loading import load_bytes
from govgraph.model import Model
from govgraph.render.changelog import diff_data, diff_markdown, diff_text
from govgraph.render.paper import diff_docx

BASE = textwrap.dedent(
    """\
    govgraph: 1
    title: Seats
    roles:
      tl: {title: Technical Lead}
      other: {title: Other Post}
    bodies:
      sig: {name: SIG Auth, kind: forum, chairs: [other], members: [{role: tl, as: technical lead}]}
    """
)


def model(text: str, name: str = "m.yaml") -> Model:
    return load_bytes(text.encode(), name)


def compare(before: str, after: str) -> ModelDiff:
    return diff(model(before, "old.yaml"), model(after, "new.yaml"))


def test_a_second_seat_of_one_post_is_a_seat_added_not_a_change_of_dates() -> None:
    after = BASE.replace(
        "[{role: tl, as: technical lead}]", "[{role: tl, as: technical lead}, {role: tl, as: liaison}]"
    )
    d = compare(BASE, after)
    assert [(c.change, c.other, c.seat) for c in d.changes] == [("member_added", "tl", "liaison")]
    text = diff_text(d)
    assert "Technical Lead now also sits on it as liaison" in text
    assert "dates" not in text
    back = diff(d.new, d.old)
    assert [(c.change, c.other, c.seat) for c in back.changes] == [("member_removed", "tl", "liaison")]
    assert "Technical Lead no longer sits on it as liaison" in diff_text(back)


def test_the_dates_of_one_seat_are_told_apart_from_the_others() -> None:
    before = BASE.replace(
        "[{role: tl, as: technical lead}]", "[{role: tl, as: technical lead}, {role: tl, as: liaison}]"
    )
    after = before.replace("{role: tl, as: liaison}", "{role: tl, as: liaison, from: 2024}")
    d = compare(before, after)
    assert [(c.change, c.other, c.seat, c.old, c.new) for c in d.changes] == [
        ("dates", "tl", "liaison", "../..", "2024/..")
    ]
    assert "dates of Technical Lead as member (as liaison) changed: were no dates; now from 2024" in diff_text(d)


@pytest.mark.parametrize("direction", ["added", "removed"])
def test_a_member_added_or_removed_keeps_what_it_sits_as_in_every_format(direction: str) -> None:
    without = BASE.replace("members: [{role: tl, as: technical lead}]", "members: []")
    d = compare(without, BASE) if direction == "added" else compare(BASE, without)
    (change,) = d.changes
    assert (change.change, change.other, change.seat) == (f"member_{direction}", "tl", "technical lead")
    said = (
        "new member: Technical Lead, as technical lead"
        if direction == "added"
        else ("no longer a member: Technical Lead, as technical lead")
    )
    assert said in diff_text(d)
    assert said in diff_markdown(d)
    (data,) = diff_data(d)["changes"]
    assert data["seat"] == "technical lead"


TERMS = textwrap.dedent(
    """\
    govgraph: 1
    title: Terms
    as_of: 2026-12
    roles:
      tl: {title: Technical Lead}
      other: {title: Other Post}
      lead: {title: Lead}
    bodies:
      top: {name: Top Board, kind: board, chairs: [other]}
      sig: {name: SIG Auth, kind: forum, chairs: [other], reports_to: [top]}
    """
)

#: A chair, a seat, a holder and a line added to TERMS, each written with dates, and the phrase that says each with
#: its dates, as a card would.
DATED = [
    (
        "sig: {name: SIG Auth, kind: forum, chairs: [other]",
        "sig: {name: SIG Auth, kind: forum, chairs: [other, {role: tl, from: 2026-07-01, until: 2028-06-30}]",
        "new chair: Technical Lead (1 July 2026 to 30 June 2028)",
        "no longer chaired by Technical Lead (1 July 2026 to 30 June 2028)",
        "2026-07-01/2028-06-30",
    ),
    (
        "chairs: [other], reports_to: [top]}",
        "chairs: [other], reports_to: [top], members: [{role: tl, as: tech lead, from: 2026-07, until: 2028-06}]}",
        "new member: Technical Lead, as tech lead (July 2026 to June 2028)",
        "no longer a member: Technical Lead, as tech lead (July 2026 to June 2028)",
        "2026-07/2028-06",
    ),
    (
        "lead: {title: Lead}",
        "lead: {title: Lead, holders: [{name: Ann Smith, from: 2025-04}]}",
        "Ann Smith now recorded as holding the post (from April 2025)",
        "Ann Smith no longer recorded as holding the post (from April 2025)",
        "2025-04/..",
    ),
    (
        "reports_to: [top]}",
        "reports_to: [top], dotted_to: [{body: top, from: 2026-09}]}",
        "new line: dotted line to Top Board (from September 2026)",
        "line gone: dotted line to Top Board (from September 2026)",
        "2026-09/..",
    ),
]


def _docx_text(d: ModelDiff) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(diff_docx(d))).paragraphs)


@pytest.mark.parametrize(
    ("before", "after", "added", "removed", "period"), DATED, ids=["chair", "seat", "holder", "line"]
)
def test_what_is_added_or_removed_says_its_dates_in_every_format(
    before: str, after: str, added: str, removed: str, period: str
) -> None:
    # A governance lead reading the change log needs to know from when a new chair or member serves, and until when.
    dated = TERMS.replace(before, after)
    assert dated != TERMS
    for d, said in ((compare(TERMS, dated), added), (compare(dated, TERMS), removed)):
        assert said in diff_text(d)
        assert said in diff_markdown(d)
        assert said in _docx_text(d)
        assert [c["period"] for c in diff_data(d)["changes"]] == [period]


@pytest.mark.parametrize(
    ("before", "after", "added", "removed", "period"), DATED, ids=["chair", "seat", "holder", "line"]
)
def test_what_is_added_or_removed_without_dates_says_none(
    before: str, after: str, added: str, removed: str, period: str
) -> None:
    # The same chair, seat, holder and line written with no dates: no dates are invented, none are said.
    undated = TERMS.replace(before, _undated(after))
    d = compare(TERMS, undated)
    (change,) = d.changes
    assert change.period is None
    phrase = added.split(" (")[0]
    assert f"{phrase}\n" in diff_text(d)
    assert diff_data(d)["changes"][0]["period"] is None


def _undated(text: str) -> str:
    for dates in (
        ", from: 2026-07-01, until: 2028-06-30",
        ", from: 2026-07, until: 2028-06",
        ", from: 2025-04",
        ", from: 2026-09",
    ):
        text = text.replace(dates, "")
    return text


def test_a_removed_seat_whose_term_had_run_out_says_so() -> None:
    # On the old side's date (its as_of, December 2026) the seat's term to June 2026 had ended.
    seated = TERMS.replace(
        "chairs: [other], reports_to: [top]}",
        "chairs: [other], reports_to: [top], members: [{role: tl, as: tech lead, from: 2024-07, until: 2026-06}]}",
    )
    said = diff_text(compare(seated, TERMS))
    assert "no longer a member: Technical Lead, as tech lead (July 2024 to June 2026, ended)" in said


SETTINGS = textwrap.dedent(
    """\
    govgraph: 1
    title: Settings
    bodies:
      board:
        name: Board
        kind: board
        ignore: [{code: GG401, reason: chair not recorded}]
    views:
      overview: {title: Overview}
    checks:
      review_months: 12
      ignore: [{code: GG305, reason: several tops}]
    """
)

#: One edit of each part of the file that says how to check or draw the structure, and how `diff` words it.
EDITS = [
    ("title: Settings", "title: Settings, revised", "title changed from “Settings” to “Settings, revised”"),
    ("reason: chair not recorded", "reason: the source is silent", "reason for silencing GG401 changed"),
    ("ignore: [{code: GG401, reason: chair not recorded}]", "matrix: true", "no longer silences GG401"),
    ("review_months: 12", "review_months: 24", "check setting review_months changed from 12 to 24"),
    ("{code: GG305, reason: several tops}", "{code: GG305}", "reason for silencing GG305 (in checks.ignore) changed"),
    (
        "  ignore: [{code: GG305, reason: several tops}]",
        "  ignore: [GG305, {code: GG401, body: board}]",
        "now silences GG401 (in checks.ignore) (no reason given)",
    ),
    (
        "{title: Overview}",
        "{title: Overview, relations: [reports_to]}",
        "settings changed: was the defaults; now relations: reports_to",
    ),
    (
        "  overview: {title: Overview}",
        "  overview: {title: Overview}\n  second: {title: Second}",
        "Second (second) added",
    ),
]


@pytest.mark.parametrize(("before", "after", "said"), EDITS)
def test_a_change_only_to_how_the_structure_is_checked_or_drawn_is_reported(before: str, after: str, said: str) -> None:
    assert before in SETTINGS
    d = compare(SETTINGS, SETTINGS.replace(before, after))
    assert not d.empty
    text = diff_text(d)
    assert "No changes." not in text
    assert said in text
    assert "No changes." not in diff_markdown(d)
    assert diff_data(d)["changes"]


def test_two_dates_of_one_model_are_not_a_change_of_its_as_of() -> None:
    from govgraph.changes import diff_dates
    from govgraph.model import PartialDate

    d = diff_dates(model(SETTINGS), PartialDate.parse("2020"), PartialDate.parse("2021"))
    assert d.empty


def test_a_second_seat_with_no_role_given_is_said_in_one_sentence_with_its_dates() -> None:
    after = BASE.replace("[{role: tl, as: technical lead}]", "[{role: tl, as: technical lead}, {role: tl, from: 2026}]")
    d = compare(BASE, after)
    assert [(c.change, c.other, c.seat, c.period) for c in d.changes] == [("member_added", "tl", None, "2026/..")]
    assert "Technical Lead now also sits on it, with no role given (from 2026)" in diff_text(d)
    assert "Technical Lead no longer sits on it, with no role given (from 2026" in diff_text(diff(d.new, d.old))


def test_a_line_moved_and_a_body_added_or_removed_say_their_dates_in_every_format() -> None:
    # Where the Audit Committee reports from April 2026, and while a new forum runs, are what a reader asks next.
    before = TERMS.replace(
        "  sig: {name: SIG Auth, kind: forum, chairs: [other], reports_to: [top]}\n",
        "  sig: {name: SIG Auth, kind: forum, chairs: [other], reports_to: [top]}\n"
        "  exec: {name: Exec, kind: executive}\n"
        "  audit: {name: Audit, kind: committee, chairs: [other], reports_to: [top]}\n",
    )
    after = before.replace(
        "audit: {name: Audit, kind: committee, chairs: [other], reports_to: [top]}",
        "audit: {name: Audit, kind: committee, chairs: [other], reports_to: [{body: exec, from: 2026-04}]}\n"
        "  new: {name: New Forum, kind: forum, reports_to: [exec], from: 2026-05, until: 2027-03}",
    )
    assert before != after != TERMS
    forward, back = compare(before, after), compare(after, before)
    moved = "reports to moved from Top Board to Exec (from April 2026)"
    added = "added (forum, May 2026 to March 2027): reports to Exec"
    removed = "removed (forum, May 2026 to March 2027): reports to Exec"
    for said in (diff_text(forward), diff_markdown(forward), _docx_text(forward)):
        assert moved in said
        assert added in said
    for said in (diff_text(back), diff_markdown(back), _docx_text(back)):
        assert "reports to moved from Exec to Top Board\n" in said + "\n"
        assert removed in said
    periods = {(c["id"], c["change"]): c["period"] for c in diff_data(forward)["changes"]}
    assert periods == {("audit", "line_moved"): "2026-04/..", ("new", "added"): "2026-05/2027-03"}
    assert {(c["id"], c["change"]): c["period"] for c in diff_data(back)["changes"]} == {
        ("audit", "line_moved"): None,
        ("new", "removed"): "2026-05/2027-03",
    }
