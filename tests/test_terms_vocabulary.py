"""The vocabulary of real terms of reference (issue 21 item 1): each word read from the file, in force on a date,
said on the card, drawn in the diagram, compared by diff, exported as JSON-LD, and in the JSON Schema; and
whether `part_of` counts as accountability (decided by the whole: a partnership holds no part to account)."""

from __future__ import annotations

import json
import textwrap

import pytest

from govgraph import queries
from govgraph.changes import diff
from govgraph.checks import run
from govgraph.errors import ModelError
from govgraph.exchange.jsonld import jsonld_data
from govgraph.graph import snapshot
from govgraph.loading import json_schema, load_bytes
from govgraph.model import Model, PartialDate
from govgraph.render.changelog import diff_text
from govgraph.render.dot import diagram_dot
from govgraph.render.text import card_text, roles_text
from govgraph.views import ViewSelection, select_view
from support import DATA

MODEL = (DATA / "terms" / "words.yaml").read_text(encoding="utf-8")


def model(text: str = MODEL) -> Model:
    return load_bytes(textwrap.dedent(text).encode(), "words.yaml")


def test_a_partnership_is_not_the_top_of_the_line_of_its_parts() -> None:
    m = model()
    line = m.bodies["board"].relations[0]
    assert (line.kind, line.accountable) == ("part_of", False)
    assert queries.chain(m, "board").tops == ("board",)
    # The ICS is no chain end, and the board is a top: no GG304.
    assert [f for f in run(m) if f.code == "GG304"] == []
    # A body may say otherwise, whatever its kind.
    held = model(MODEL.replace("kind: partnership}", "kind: partnership, holds_parts_to_account: true}"))
    assert queries.chain(held, "board").tops == ("ics",)


def test_a_programme_still_holds_its_parts_to_account() -> None:
    text = """\
    govgraph: 1
    title: t
    bodies:
      programme: {name: Programme, kind: programme}
      capability: {name: Capability, kind: capability, part_of: [programme]}
    """
    assert queries.chain(model(text), "capability").tops == ("programme",)


def test_top_by_design_is_not_reported_as_a_chain_end() -> None:
    text = MODEL.replace("    top: true\n    chairs: [{role: acting", "    chairs: [{role: acting")
    ends = [f for f in run(model()) if f.code in ("GG304",)]
    assert ends == []
    tops = [f.message for f in run(model(text)) if f.code == "GG305"]
    assert tops
    assert "'network'" not in tops[0]


def test_chair_capacities_are_labelled_on_the_card_and_in_the_diagram() -> None:
    m = model()
    card = card_text(queries.show(m, "board"))
    assert "chair:\n  - Chair (appointed by The Council)\n" in card
    assert "vice-chair:\n  - Vice-chair (elected)\n" in card
    assert "co-chairs" not in card
    assert "acting chair:\n  - Interim lead" in card_text(queries.show(m, "network"))
    dot = diagram_dot(select_view(m, ViewSelection()))
    # Under the board's name: its chair, then its vice-chair, each title said once; never counted co-chairs.
    small = '<font point-size="9" color="#3D3D3D">{}</font>'
    assert small.format("Chair") + "<br/>" + small.format("Vice-chair") in dot
    assert "Acting chair: Interim lead" in dot
    assert "Co-chairs" not in dot
    # A vice-chair alone is no chair (GG401); an acting chair is one.
    vice_only = model(MODEL.replace("      - {role: chair, selection: appointed, selected_by: council}\n", ""))
    no_chair = [f.message for f in run(vice_only) if f.code == "GG401" and "'board'" in f.message]
    assert no_chair == ["'board' is a board with no chair (only a vice or deputy chair)"]
    assert not [f for f in run(m) if f.code == "GG401" and "network" in f.message]


def test_seats_standing_and_the_organisation_a_seat_is_held_for() -> None:
    card = card_text(queries.show(model(), "board"))
    assert "  - Councillor (2 seats, voting member; for The Trust)" in card
    assert "  - SIG lead (observer; past member, end not recorded)" in card


def test_holders_known_on_one_date_and_past_holders_as_of_a_date() -> None:
    m = model()
    said = roles_text(queries.roles(m, "lead"))
    assert "Old Lead (past holder, dates not recorded)" in said
    assert "Known Once (known to hold it on 12 May 2024)" in said
    on_the_day = snapshot(m, PartialDate.parse("2024-05-12")).roles["lead"].holders
    assert [h.name for h in on_the_day or ()] == ["Known Once", "Old Lead"]  # known first, then "may have"
    at_the_models_date = snapshot(m, PartialDate.parse("2025-07-31")).roles["lead"].holders
    assert [h.name for h in at_the_models_date or ()] == ["Known Once"]  # a past holder no longer holds
    # A past membership is gone at the model's date, and may have held before it.
    assert [x.member for x in snapshot(m, PartialDate.parse("2025-07-31")).bodies["board"].members] == ["councillor"]
    assert len(snapshot(m, PartialDate.parse("2023")).bodies["board"].members) == 2


def test_a_closure_whose_date_is_unknown() -> None:
    m = model()
    card = card_text(queries.show(m, "old-forum"))
    assert "  - by June 2024 (date not recorded): closed" in card
    assert queries.show(m, "old-forum").status == "closed"
    # From the last dated entry to `by` it may have closed or not: the status is not known, and said so; after
    # `by`, closed.
    then = queries.show(m, "old-forum", as_of=PartialDate.parse("2023"))
    assert then.status is None
    assert "status not recorded" in card_text(then)
    assert queries.show(m, "old-forum", as_of=PartialDate.parse("2024-07")).status == "closed"


def test_an_entry_with_both_a_date_and_by_is_refused_with_its_place() -> None:
    with pytest.raises(ModelError) as caught:
        model(MODEL.replace("{by: 2024-06, status: closed}", "{date: 2024, by: 2024-06, status: closed}"))
    (finding,) = caught.value.findings
    assert (finding.code, finding.location.line, finding.location.column) == ("GG123", 42, 58)  # type: ignore[union-attr]


def test_the_new_lines_are_drawn_in_their_own_styles() -> None:
    dot = diagram_dot(select_view(model(), ViewSelection()))
    assert 'class="relation-scrutinises"' in dot
    assert "odiamond" in dot
    assert 'class="relation-liaison_to"' in dot
    assert 'class="relation-works_with"' in dot


def test_the_json_schema_knows_the_new_words() -> None:
    schema = json.dumps(json_schema())
    for word in ("vice_chair", "acting_chair", "voting_member", "observer", "quarterly", "scrutinises", "liaison_to"):
        assert word in schema
    assert '"holds_parts_to_account"' in schema
    assert '"top"' in schema


def test_the_json_ld_export_gives_roles_and_standings() -> None:
    graph = jsonld_data(model())["@graph"]
    roles = {n["org:role"]["@id"] for n in graph if n.get("@type") == "org:Membership"}
    assert {"gg:Chair", "gg:ViceChair", "gg:ActingChair", "gg:VotingMember", "gg:Observer"} <= roles
    seat = next(n for n in graph if n.get("org:member", {}).get("@id") == "urn:govgraph:councillor")
    assert seat["gg:seats"] == 2
    assert seat["gg:forOrganization"] == {"@id": "urn:govgraph:trust"}
    assert "org:memberDuring" in seat
    line = next(n for n in graph if n.get("gg:relation") == "part_of")
    assert line["gg:accountable"] is False
    closure = next(n for n in graph if n.get("@type") == "org:ChangeEvent" and n.get("gg:status") == "closed")
    assert "dct:date" not in closure
    assert closure["gg:notAfter"]["@value"] == "2024-06"


def test_diff_says_what_changed_in_each_new_word() -> None:
    before = model()
    after = model(
        MODEL.replace("{role: vice, capacity: vice_chair, selection: elected}", "{role: vice, capacity: deputy_chair}")
        .replace("seats: 2, standing: voting_member", "seats: 4, standing: non_voting_member")
        .replace("    top: true\n    chairs: [{role: acting", "    chairs: [{role: acting")
    )
    text = diff_text(diff(before, after))
    assert "Vice-chair chairs it in another capacity: was vice-chair, elected; now deputy chair" in text
    assert (
        "Councillor sits with another standing and number of seats: was voting member; 2 seats; for trust; "
        "now non-voting member; 4 seats; for trust"
    ) in text
    assert "no longer marked as a top by design" in text


def test_a_seat_held_for_another_organisation_represents_that_organisation() -> None:
    text = """\
    govgraph: 1
    title: t
    organisations:
      council: {name: Council}
      trust: {name: Trust}
    groups:
      partners: {name: Partners, members: [trust]}
    roles:
      councillor: {title: Councillor, organisation: council}
    bodies:
      board:
        name: Board
        kind: board
        chairs: [councillor]
        members: [{role: councillor, for: trust}]
        requires: {represented: [partners]}
    """
    assert [f for f in run(model(text)) if f.code == "GG403"] == []
    without = model(text.replace(", for: trust}", "}"))
    assert [f.message for f in run(without) if f.code == "GG403"] == [
        "'board' must represent every member of 'partners', but 'trust' is not represented"
    ]


def test_the_timeline_says_a_closure_whose_date_is_unknown_happened_by_its_date() -> None:
    from govgraph.render.changelog import timeline_data, timeline_text

    m = model()
    assert "by June 2024  Old Forum closed" in timeline_text(m, "old-forum")
    closed = [e for e in timeline_data(m, "old-forum")["events"] if e["status"] == "closed"]
    assert [(e["date"], e["date_known"]) for e in closed] == [("2024-06", False)]
