"""Reporting-path questions: `paths`, `chain`, `under`, `show` and `roles`, on the London model, through the
command line, and on generated structures (hypothesis) against a brute-force enumeration."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govgraph
import support
from govgraph.errors import InvalidOption, NameNotFound
from govgraph.loading import load_bytes
from govgraph.model import Model, PartialDate
from govgraph.queries import ChainAnswer, PathAnswer, UnderAnswer, chain, paths, roles, show, under
from govgraph.render.data import chain_data, path_data, roles_data, under_data
from govgraph.render.mermaid import escape, path_mermaid
from govgraph.render.text import card_text, chain_text, path_text, roles_text, route_text, under_text

REPO = support.REPO
LONDON = REPO / "data" / "governance.yaml"
GOVGRAPH = shutil.which("govgraph", path=os.path.dirname(sys.executable))

SOLID = "Community Chest --reports to--> CLP --reports to--> PCAG --reports to--> LCEG"
CLOSED_BY_LRET = "CLP closed in March 2025 by decision of LRET."
UNDER_CLP = {
    "co-production",
    "community-chest",
    "health-equity-group-support",
    "london-health-equity-capacity",
    "programme-development-and-delivery",
    "social-welfare-legal-advice",
    "strategy-and-system-support",
    "vcse-partnerships",
    "workforce-support",
}


def p(text: str) -> PartialDate:
    return PartialDate.parse(text)


def ids(answer: PathAnswer) -> list[tuple[str, ...]]:
    return [route.bodies for route in answer.routes]


# The London model: how does the Community Chest reach LCEG? ----------------------------------------------


def test_community_chest_reaches_lceg_by_one_solid_route(london: Model) -> None:
    answer = paths(london, "Community Chest", "LCEG")
    assert ids(answer) == [("community-chest", "clp", "pcag", "lceg")]
    route = answer.routes[0]
    assert [step.kind for step in route.steps] == ["reports_to"] * 3
    assert route_text(london, route) == SOLID
    assert not route.dotted
    assert not answer.more


def test_whole_history_marks_the_ended_lines_and_the_closed_programme(london: Model) -> None:
    # Without a date the route is shown as recorded, with what has since ended (judged at the model's as_of).
    answer = paths(london, "community-chest", "lceg")
    route = answer.routes[0]
    assert [(s.source_body, s.target) for s in route.lapsed] == [("community-chest", "clp"), ("clp", "pcag")]
    # The project ended with the programme (the file records that it ended, not how).
    assert route.closed == ("community-chest", "clp")
    clp, chest = answer.closures  # by id
    assert (clp.body, clp.status, clp.date, clp.decided_by) == ("clp", "closed", p("2025-03"), "lret")
    assert (chest.body, chest.status, chest.date, chest.decided_by) == ("community-chest", "ended", p("2025-03"), None)
    text = path_text(answer)
    assert SOLID in text
    assert "   ended: Community Chest to CLP (March 2025); CLP to PCAG (March 2025)" in text
    assert "   Community Chest ended, CLP closed" in text  # each by what its record says
    assert CLOSED_BY_LRET in text
    assert "Community Chest ended in March 2025." in text


def test_the_dotted_line_adds_no_route_to_lceg(london: Model) -> None:
    # The Community Chest's dotted line goes to the London Leaders Group, which reports to nothing: widening the
    # question to dotted lines finds the same single solid route to LCEG.
    solid = paths(london, "Community Chest", "LCEG")
    widened = paths(london, "Community Chest", "LCEG", include=("dotted_to",))
    assert widened.relations == ("reports_to", "part_of", "dotted_to")
    assert ids(widened) == ids(solid) == [("community-chest", "clp", "pcag", "lceg")]
    assert "(dotted line)" not in path_text(widened)


def test_the_dotted_line_is_the_only_route_to_the_london_leaders_group(london: Model) -> None:
    solid = paths(london, "Community Chest", "London Leaders Group")
    assert not solid.found
    assert solid.nearest is None  # the Leaders Group reaches nothing, and nothing the project reaches reaches it
    assert "No route from Community Chest up to London Leaders Group" in path_text(solid)
    assert "reach no body in common" in path_text(solid)

    dotted = paths(london, "Community Chest", "London Leaders Group", include=("dotted",))
    assert ids(dotted) == [("community-chest", "london-leaders-group")]
    assert dotted.routes[0].dotted
    assert "Community Chest --dotted line to--> London Leaders Group  (dotted line)" in path_text(dotted)


def test_as_of_june_2024_the_route_stands_with_nothing_ended(london: Model) -> None:
    answer = paths(london, "Community Chest", "LCEG", as_of=p("2024-06"))
    assert ids(answer) == [("community-chest", "clp", "pcag", "lceg")]
    assert answer.routes[0].lapsed == ()
    assert answer.closures == ()
    text = path_text(answer)
    assert "as of 30 June 2024" in text
    assert SOLID in text
    assert "ended" not in text
    assert "closed" not in text


def test_as_of_april_2025_the_route_is_gone_because_the_programme_closed(london: Model) -> None:
    answer = paths(london, "Community Chest", "LCEG", as_of=p("2025-04"))
    assert not answer.found
    assert answer.nearest is None
    # What the route was, and what had ended by then: the project's line into CLP, and CLP itself.
    [former] = answer.former
    assert former.bodies == ("community-chest", "clp", "pcag", "lceg")
    assert ("community-chest", "clp") in [(s.source_body, s.target) for s in former.lapsed]
    assert "not in force then: Community Chest to CLP (ended March 2025)" in path_text(answer)
    clp, chest = answer.closures  # by id
    assert (clp.body, clp.date, clp.decided_by) == ("clp", p("2025-03"), "lret")
    assert (chest.body, chest.status) == ("community-chest", "ended")
    text = path_text(answer)
    assert text.startswith("No route from Community Chest up to LCEG")
    assert "as of 30 April 2025" in text
    assert CLOSED_BY_LRET in text
    data = path_data(answer)
    assert data["found"] is False
    assert data["closures"][0]["decided_by"] == "lret"


def test_via_and_avoid(london: Model) -> None:
    assert ids(paths(london, "community-chest", "lceg", via="PCAG")) == [("community-chest", "clp", "pcag", "lceg")]
    avoided = paths(london, "community-chest", "lceg", avoid="pcag")
    assert not avoided.found
    assert "avoiding PCAG" in path_text(avoided)
    assert not paths(london, "community-chest", "lceg", via="London Leaders Group", include=["dotted"]).found
    with pytest.raises(InvalidOption):
        paths(london, "community-chest", "lceg", avoid="lceg")


def test_a_route_asked_downwards_says_it_runs_the_other_way(london: Model) -> None:
    answer = paths(london, "LCEG", "Community Chest")
    assert not answer.found
    assert answer.nearest is not None
    assert (answer.nearest.body, answer.nearest.from_steps, answer.nearest.to_steps) == ("lceg", 0, 3)
    assert "The route runs the other way: Community Chest reaches LCEG in 3 steps." in path_text(answer)


def test_nearest_body_both_reach(london: Model) -> None:
    # Two projects of the programme both reach CLP in one step.
    answer = paths(london, "Community Chest", "Social Welfare and Legal Advice")
    assert answer.nearest is not None
    assert answer.nearest.body == "clp"
    assert "The nearest body both reach is CLP" in path_text(answer)


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda m: paths(m, "community chst", "lceg"), NameNotFound),
        (lambda m: paths(m, "community-chest", "lceg", include=["sideways"]), InvalidOption),
        (lambda m: paths(m, "community-chest", "lceg", max_routes=0), InvalidOption),
        (lambda m: chain(m, "no such body"), NameNotFound),
        (lambda m: under(m, "pcag", depth=0), InvalidOption),
        (lambda m: roles(m, "chief dragon officer"), NameNotFound),
    ],
)
def test_bad_questions_raise_usage_errors(london: Model, call: object, error: type[Exception]) -> None:
    assert callable(call)
    with pytest.raises(error):
        call(london)


def test_unknown_name_suggests_the_closest(london: Model) -> None:
    with pytest.raises(NameNotFound) as caught:
        paths(london, "Comunity Chest", "lceg")
    assert any("Community Chest" in s for s in caught.value.suggestions)


# chain and under -----------------------------------------------------------------------------------------


def test_chain_of_the_community_chest(london: Model) -> None:
    answer = chain(london, "community chest")
    assert [(r.depth, r.body) for r in answer.rows] == [(0, "community-chest"), (1, "clp"), (2, "pcag"), (3, "lceg")]
    assert answer.tops == ("lceg",)
    assert not answer.branched
    text = chain_text(answer)
    assert "└── reports to CLP [closed March 2025] (until March 2025, ended)" in text
    assert "Top: LCEG." in text


def test_chain_as_of_april_2025_stops_at_the_project(london: Model) -> None:
    answer = chain(london, "community chest", as_of=p("2025-04"))
    assert [r.body for r in answer.rows] == ["community-chest"]
    assert [(r.source_body, r.target) for r in answer.lapsed] == [("community-chest", "clp")]
    text = chain_text(answer)
    assert "Community Chest accounts to no other body." in text
    assert CLOSED_BY_LRET in text


def test_chain_follows_part_of(london: Model) -> None:
    answer = chain(london, "HEC")
    assert [(r.body, r.line.kind if r.line else None) for r in answer.rows] == [
        ("hec", None),
        ("health-equity-ecosystem", "part_of"),
    ]
    assert answer.tops == ("health-equity-ecosystem",)


def test_what_reports_into_pcag(london: Model) -> None:
    answer = under(london, "PCAG")
    assert answer.bodies == tuple(sorted(UNDER_CLP | {"clp"}))
    assert [r.body for r in answer.rows if r.depth == 1] == ["clp"]
    assert {r.body for r in answer.rows if r.depth == 2} == UNDER_CLP
    text = under_text(answer)
    assert text.splitlines()[2] == "PCAG"
    assert "└── CLP (reports to PCAG) [closed March 2025] (until March 2025, ended)" in text
    assert "10 bodies under PCAG." in text


def test_what_reports_into_pcag_with_a_depth(london: Model) -> None:
    answer = under(london, "pcag", depth=1)
    assert [r.body for r in answer.rows] == ["pcag", "clp"]
    assert answer.rows[1].hidden == len(UNDER_CLP)
    assert "9 more lines below" in under_text(answer)
    assert "1 body shown under PCAG; more lie deeper" in under_text(answer)


def test_what_reported_into_pcag_by_date(london: Model) -> None:
    before = under(london, "pcag", as_of=p("2024-06"))
    assert before.bodies == tuple(sorted(UNDER_CLP | {"clp"}))
    assert before.closures == ()
    after = under(london, "pcag", as_of=p("2025-04"))
    assert after.bodies == ()
    assert [(r.source_body, r.target) for r in after.lapsed] == [("clp", "pcag")]
    text = under_text(after)
    assert "Nothing reports into PCAG." in text
    assert CLOSED_BY_LRET in text


# show and roles ------------------------------------------------------------------------------------------


def test_who_co_chairs_pcag(london: Model) -> None:
    card = show(london, "PCAG")
    assert card.co_chaired
    assert {c.role for c in card.chairs} == {"pc-sro", "pc-clinical-director"}
    co_chairing = {load.role.id for load in roles(london) if "pcag" in load.co_chaired}
    assert co_chairing == {"pc-sro", "pc-clinical-director"}


def test_what_the_clinical_directors_post_chairs_and_sits_on(london: Model) -> None:
    [load] = roles(london, "clinical director for personalised care")
    assert load.role.id == "pc-clinical-director"
    assert [c.body for c in load.chairs] == ["clinical-leadership-group", "pcag"]
    assert [s.body for s in load.seats] == ["senior-management-team"]
    assert load.holders is None
    assert not load.flagged  # the Clinical Leadership Group steers the programme; it does not report to PCAG
    text = roles_text([load])
    assert "  - PCAG (co-chair)" in text
    assert "  - Clinical Leadership Group" in text
    assert "sits on:\n  - Senior Management Team" in text
    assert "held by: not recorded" in text
    assert roles_data([load])[0]["chairs"][1] == {
        "body": "pcag",
        "capacity": "chair",
        "co_chair": True,
        "from": None,
        "until": None,
    }


VICE_AND_SHARED = """\
govgraph: 1
title: Vice-chairs and a shared post
roles:
  leader: {title: Leader}
  deputy: {title: Deputy}
  councillor: {title: Councillor}
bodies:
  council:
    name: Council
    kind: board
    chairs: [leader, {role: deputy, capacity: vice_chair}]
    members: [{role: councillor, seats: 9}]
  committee:
    name: Committee
    kind: committee
    reports_to: [council]
    chairs: [councillor, {role: deputy, capacity: vice_chair}]
  panel:
    name: Panel
    kind: committee
    reports_to: [committee]
    chairs: [councillor]
"""


def test_roles_names_a_vice_chair_as_such_never_as_a_co_chair() -> None:
    # A vice-chair stands in for the chair: `show` and the paper never count one a co-chair, nor may `roles`.
    model = load_bytes(VICE_AND_SHARED.encode(), "fixture.yaml")
    [deputy] = roles(model, "deputy")
    assert deputy.co_chaired == ()
    assert not deputy.flagged  # a vice-chair of two levels does not chair either
    text = roles_text([deputy])
    assert "chairs:\n  - Committee (vice-chair)\n  - Council (vice-chair)\n" in text
    assert [c["capacity"] for c in roles_data([deputy])[0]["chairs"]] == ["vice_chair", "vice_chair"]
    assert not any(c["co_chair"] for c in roles_data([deputy])[0]["chairs"])
    [leader] = roles(model, "leader")
    assert "chairs:\n  - Council\n" in roles_text([leader])


def test_roles_does_not_flag_a_post_held_by_several_as_chairing_two_levels() -> None:
    # Nine councillors sit on the Council: the Committee's chair and the Panel's are not known to be one person.
    model = load_bytes(VICE_AND_SHARED.encode(), "fixture.yaml")
    [councillor] = roles(model, "councillor")
    assert not councillor.flagged
    assert "!" not in roles_text([councillor])
    # One holder's post chairing both is flagged, as before.
    single = load_bytes(VICE_AND_SHARED.replace("seats: 9", "seats: 1").encode(), "fixture.yaml")
    [one] = roles(single, "councillor")
    assert one.stacked == (("panel", "committee"),)


def test_roles_lists_every_post_in_id_order(london: Model) -> None:
    assert [load.role.id for load in roles(london)] == sorted(london.roles)


def test_card_lines_by_relation_representation_and_ended_lines(london: Model) -> None:
    card = show(london, "clp")
    kinds = [r.kind for r in card.lines_in]
    assert kinds == sorted(kinds, key=["reports_to", "dotted_to", "steers", "part_of", "succeeded_by"].index)
    text = card_text(card)
    # The projects and capabilities ended with the programme; the card says so beside each of their lines.
    assert "  - Community Chest reports to this (until March 2025, ended; Community Chest ended March 2025)" in text
    assert "  - Co-production is part of this (until March 2025, ended; Co-production ended March 2025)" in text
    forum = show(london, "knowledge sharing forum")
    [rep] = forum.representation
    assert (rep.group, len(rep.represented), rep.missing) == ("london-icbs", 5, ())
    assert "  - London's five ICBs: all 5 represented" in card_text(forum)


STACKED = b"""\
govgraph: 1
title: A post chairing two levels
roles:
  director: {title: Director, holders: [{name: A. Person, from: 2023}]}
  deputy: {title: Deputy, holders: []}
bodies:
  board: {name: Board, kind: board, chairs: [director]}
  committee: {name: Committee, kind: committee, chairs: [director], reports_to: [board],
              members: [{role: deputy, as: secretary}]}
"""


def test_a_post_chairing_two_levels_of_one_line_is_flagged() -> None:
    model = load_bytes(STACKED, "stacked.yaml")
    director, deputy = sorted(roles(model), key=lambda r: r.role.id, reverse=True)
    assert director.stacked == (("committee", "board"),)
    assert director.flagged
    assert [h.name for h in director.holders or ()] == ["A. Person"]
    text = roles_text([director, deputy])
    assert "! chairs both Committee and Board, and Committee accounts to Board" in text
    assert "  - A. Person (from 2023)" in text
    assert "held by: no one" in text
    assert "  - Committee, as secretary" in text
    assert roles(model, "deputy", as_of=p("2022"))[0].holders == ()


BRANCHES = b"""\
govgraph: 1
title: Branches and a cycle
bodies:
  top: {name: Top, kind: board}
  left: {name: Left, kind: committee, reports_to: [top]}
  right: {name: Right, kind: committee, reports_to: [top]}
  team: {name: Team, kind: team, reports_to: [left, right], matrix: true}
  loop-a: {name: Loop A, kind: committee, reports_to: [loop-b]}
  loop-b: {name: Loop B, kind: committee, reports_to: [loop-a]}
"""


def test_chain_shows_every_branch_and_each_body_once() -> None:
    model = load_bytes(BRANCHES, "branches.yaml")
    answer = chain(model, "team")
    assert answer.branched
    assert [(r.body, r.repeat) for r in answer.rows] == [
        ("team", False),
        ("left", False),
        ("top", False),
        ("right", False),
        ("top", True),
    ]
    assert answer.tops == ("top",)
    text = chain_text(answer)
    assert "├── reports to Left" in text
    assert "reports to Top (shown above)" in text
    assert "every branch is shown" in text
    assert ids(paths(model, "team", "top")) == [("team", "left", "top"), ("team", "right", "top")]


def test_cycles_are_cut_where_they_close() -> None:
    model = load_bytes(BRANCHES, "branches.yaml")
    answer = chain(model, "loop-a")
    assert [(r.body, r.cycle) for r in answer.rows] == [("loop-a", False), ("loop-b", False), ("loop-a", True)]
    assert answer.tops == ()
    assert "goes round in a cycle" in chain_text(answer)
    assert under(model, "loop-a").bodies == ("loop-b",)
    assert ids(paths(model, "loop-a", "loop-b")) == [("loop-a", "loop-b")]


# Mermaid -------------------------------------------------------------------------------------------------

HOSTILE = """\
govgraph: 1
title: 'Hostile "names" %%{init: {"theme": "dark"}}%%'
bodies:
  top: {name: 'Top"] --> x; click top href "javascript:alert(1)"', kind: board}
  low:
    name: "Low <b>#1</b> & %%{init}%% | `x`"
    kind: committee
    reports_to: [top]
"""

MERMAID_LINE = re.compile(
    r'^(flowchart BT|  acc(Title|Descr): [^\n]*|  n\d+\["[^"]*"\]|  n\d+\(\["[^"]*"\]\)'
    r'|  n\d+ (-->|-\.->|==>)(\|"[^"|]*"\|)? n\d+|  classDef [a-z]+ [^\n]*|  class n\d+(,n\d+)* [a-z]+)$'
)


def test_escape_uses_mermaid_entity_codes() -> None:
    assert escape('say "hi" #1 <b> & more') == "say #quot;hi#quot; #35;1 #lt;b#gt; #amp; more"
    assert escape("two\nlines\tand\x00control") == "two lines and control"
    assert "%" not in escape("%%{init}%%")


def test_hostile_names_stay_inside_their_labels() -> None:
    model = load_bytes(HOSTILE.encode(), "hostile.yaml")
    text = path_mermaid(paths(model, "low", "top"))
    assert text.startswith("flowchart BT\n")
    for line in text.splitlines():
        assert MERMAID_LINE.match(line), line
    assert "%%" not in text
    assert not any(line.lstrip().startswith(("click", "%%")) for line in text.splitlines())


# The command line ----------------------------------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return support.govgraph(*args, "-m", LONDON)


COMMANDS = {
    "path": ["path", "Community Chest", "LCEG"],
    "chain": ["chain", "community chest"],
    "under": ["under", "PCAG", "--depth", "2"],
    "show": ["show", "pcag"],
    "roles": ["roles"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("fmt", ["text", "json", "mermaid"])
def test_every_query_command_in_every_format(command: str, fmt: str) -> None:
    result = run(*COMMANDS[command], "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    if fmt == "json":
        json.loads(result.stdout)
    elif fmt == "mermaid":
        assert result.stdout.startswith("flowchart")
        assert "accTitle: " in result.stdout
    else:
        assert result.stdout.strip()


def test_path_command_prints_the_route() -> None:
    result = run("path", "Community Chest", "LCEG", "--as-of", "2024-06")
    assert result.returncode == 0, result.stderr
    assert SOLID in result.stdout


def test_path_command_no_route_is_an_answer() -> None:
    result = run("path", "community-chest", "lceg", "--as-of", "2025-04")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("No route")
    assert CLOSED_BY_LRET in result.stdout


def test_path_command_options() -> None:
    result = run("path", "community-chest", "london-leaders-group", "--include", "dotted,steers", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["relations"] == ["reports_to", "part_of", "dotted_to", "steers"]
    assert [r["bodies"] for r in data["routes"]] == [["community-chest", "london-leaders-group"]]
    assert data["routes"][0]["steps"][0]["relation"] == "dotted_to"
    avoided = run("path", "community-chest", "lceg", "--avoid", "clp", "--via", "pcag")
    assert avoided.returncode == 0, avoided.stderr
    assert "No route" in avoided.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["path", "community chst", "lceg"],
        ["chain", "pcga"],
        ["under", "pcga"],
        ["roles", "chief dragon officer"],
        ["path", "community-chest", "lceg", "--max", "0"],
        ["path", "community-chest", "lceg", "--include", "sideways"],
        ["under", "pcag", "--depth", "0"],
    ],
)
def test_query_commands_usage_errors_exit_2(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_name_on_the_command_line_gets_the_closest_matches() -> None:
    result = run("chain", "pcga")
    assert "did you mean" in result.stderr
    assert "pcag" in result.stderr.lower()


@pytest.mark.parametrize("command", ["path", "chain", "under", "show", "roles"])
def test_query_command_help_has_examples(command: str) -> None:
    assert GOVGRAPH is not None
    result = support.govgraph(command, "--help")
    assert result.returncode == 0
    assert "Examples:" in result.stdout
    assert "--as-of" in result.stdout
    assert "--format" in result.stdout


# The library API -----------------------------------------------------------------------------------------


def test_queries_are_exported_from_the_package(london: Model) -> None:
    assert govgraph.paths(london, "community-chest", "lceg").found
    assert govgraph.chain(london, "pcag").tops == ("lceg",)
    assert "clp" in govgraph.under(london, "pcag").bodies
    assert govgraph.roles(london, "pc-sro")[0].role.id == "pc-sro"
    assert govgraph.show(london, "pcag").body.id == "pcag"


# Generated structures ------------------------------------------------------------------------------------

RELATIONS = ("reports_to", "part_of", "dotted_to", "steers")


def model_yaml(n: int, edges: Iterable[tuple[int, int, str]], *, reverse: bool = False) -> bytes:
    """A model of bodies b0..b{n-1} with the given lines; `reverse` writes the bodies in the opposite order."""
    lines: dict[int, dict[str, list[str]]] = {i: {} for i in range(n)}
    for u, v, relation in sorted(set(edges)):
        lines[u].setdefault(relation, []).append(f"b{v}")
    out = ["govgraph: 1", "title: Generated", "bodies:"]
    for i in sorted(lines, reverse=reverse):
        out.append(f"  b{i}:")
        out.append(f"    name: Body {i}")
        out.append("    kind: committee")
        for relation in sorted(lines[i], reverse=reverse):
            targets = lines[i][relation]
            out.append(f"    {relation}: [{', '.join(reversed(targets) if reverse else targets)}]")
    return ("\n".join(out) + "\n").encode()


@st.composite
def structures(draw: st.DrawFn) -> tuple[int, list[tuple[int, int, str]]]:
    n = draw(st.integers(min_value=2, max_value=8))
    edge = st.tuples(
        st.integers(min_value=0, max_value=n - 1), st.integers(min_value=0, max_value=n - 1), st.sampled_from(RELATIONS)
    )
    edges = [(u, v, r) for u, v, r in draw(st.lists(edge, max_size=24)) if u != v]
    return n, edges


def brute_force(model: Model, start: str, end: str, relations: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Every simple route, the slow way, shortest first then by ids."""
    graph = nx.DiGraph()
    graph.add_nodes_from(model.bodies)
    graph.add_edges_from((r.source_body, r.target) for r in model.relations() if r.kind in relations)
    if start == end:
        return [(start,)]
    found = (tuple(route) for route in nx.all_simple_paths(graph, start, end))
    return sorted(found, key=lambda route: (len(route), route))


def assert_real_routes(model: Model, answer: PathAnswer) -> None:
    lines = {(r.source_body, r.kind, r.target) for r in model.relations()}
    seen: set[tuple[str, ...]] = set()
    for route in answer.routes:
        assert route.bodies[0] == answer.start
        assert route.bodies[-1] == answer.end
        assert len(set(route.bodies)) == len(route.bodies), "a route passes a body twice"
        assert route.bodies not in seen, "a route is reported twice"
        seen.add(route.bodies)
        for step, (u, v) in zip(route.steps, zip(route.bodies, route.bodies[1:], strict=False), strict=True):
            assert (step.source_body, step.target) == (u, v)
            assert step.kind in answer.relations
            assert (step.source_body, step.kind, step.target) in lines
    lengths = [route.length for route in answer.routes]
    assert lengths == sorted(lengths), "routes are not shortest first"
    assert len(answer.routes) <= answer.max_routes


GENERATED = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@GENERATED
@given(
    structures(),
    st.integers(min_value=0, max_value=7),
    st.integers(min_value=0, max_value=7),
    st.sets(st.sampled_from(["dotted", "steers"])),
    st.integers(min_value=1, max_value=6),
)
def test_generated_routes_are_real_unique_sorted_and_bounded(
    structure: tuple[int, list[tuple[int, int, str]]], a: int, b: int, include: set[str], max_routes: int
) -> None:
    n, edges = structure
    model = load_bytes(model_yaml(n, edges), "generated.yaml")
    start, end = f"b{a % n}", f"b{b % n}"
    answer = paths(model, start, end, include=sorted(include), max_routes=max_routes)
    assert_real_routes(model, answer)
    expected = brute_force(model, start, end, answer.relations)
    assert ids(answer) == expected[:max_routes]
    assert answer.more == (len(expected) > max_routes)
    if not answer.found:
        # The nearest body both reach is reached by both, and none is nearer.
        up = nx.DiGraph()
        up.add_nodes_from(model.bodies)
        up.add_edges_from((r.source_body, r.target) for r in model.relations() if r.kind in answer.relations)
        common = (nx.descendants(up, start) | {start}) & (nx.descendants(up, end) | {end})
        if not common:
            assert answer.nearest is None
        else:
            assert answer.nearest is not None
            assert answer.nearest.body in common
            best = min(nx.shortest_path_length(up, start, c) + nx.shortest_path_length(up, end, c) for c in common)
            assert answer.nearest.from_steps + answer.nearest.to_steps == best


@GENERATED
@given(structures(), st.integers(min_value=0, max_value=7), st.integers(min_value=0, max_value=7))
def test_generated_via_and_avoid(structure: tuple[int, list[tuple[int, int, str]]], a: int, c: int) -> None:
    n, edges = structure
    model = load_bytes(model_yaml(n, edges), "generated.yaml")
    start, end, middle = "b0", f"b{n - 1}", f"b{c % n}"
    if middle in (start, end):
        return
    everything = brute_force(model, start, end, ("reports_to", "part_of", "dotted_to"))
    via = paths(model, start, end, via=middle, include=["dotted"], max_routes=50)
    assert_real_routes(model, via)
    assert ids(via) == [r for r in everything if middle in r][:50]
    avoid = paths(model, start, end, avoid=middle, include=["dotted"], max_routes=50)
    assert_real_routes(model, avoid)
    assert ids(avoid) == [r for r in everything if middle not in r][:50]
    del a


@GENERATED
@given(structures(), st.integers(min_value=0, max_value=7))
def test_generated_chain_and_under_cover_exactly_what_is_reachable(
    structure: tuple[int, list[tuple[int, int, str]]], a: int
) -> None:
    n, edges = structure
    model = load_bytes(model_yaml(n, edges), "generated.yaml")
    body = f"b{a % n}"
    up = nx.DiGraph()
    up.add_nodes_from(model.bodies)
    up.add_edges_from((r.source_body, r.target) for r in model.relations() if r.kind in ("reports_to", "part_of"))
    lines = {(r.source_body, r.kind, r.target) for r in model.relations()}

    def check_tree(answer: ChainAnswer | UnderAnswer, expected: set[str]) -> None:
        assert {row.body for row in answer.rows} == expected | {body}
        expanded = [row.body for row in answer.rows if not row.repeat and not row.cycle]
        assert len(expanded) == len(set(expanded)), "a body is expanded twice"
        for row in answer.rows[1:]:
            assert row.line is not None
            assert (row.line.source_body, row.line.kind, row.line.target) in lines
            assert answer.rows[row.parent].depth == row.depth - 1

    check_tree(chain(model, body), nx.descendants(up, body))
    check_tree(under(model, body), nx.ancestors(up, body))


@GENERATED
@given(structures(), st.integers(min_value=0, max_value=7), st.integers(min_value=0, max_value=7))
def test_generated_answers_do_not_depend_on_the_order_of_the_file(
    structure: tuple[int, list[tuple[int, int, str]]], a: int, b: int
) -> None:
    n, edges = structure
    one = load_bytes(model_yaml(n, edges), "generated.yaml")
    other = load_bytes(model_yaml(n, edges, reverse=True), "generated.yaml")
    start, end = f"b{a % n}", f"b{b % n}"

    def strip(data: object) -> object:
        return json.loads(re.sub(r'"location": \{[^}]*\}', '"location": null', json.dumps(data)))

    assert path_data(paths(one, start, end, include=["dotted", "steers"])) == path_data(
        paths(other, start, end, include=["dotted", "steers"])
    )
    assert chain_data(chain(one, start)) == chain_data(chain(other, start))
    assert under_data(under(one, end)) == under_data(under(other, end))
    assert strip(path_data(paths(one, start, end))) == strip(path_data(paths(other, start, end)))


def ladder(rungs: int) -> bytes:
    """A ladder of diamonds: s0 -> (a0 | b0) -> s1 -> ... -> s{rungs}, with 2**rungs routes from s0 to the top."""
    out = ["govgraph: 1", "title: Ladder", "bodies:", f"  s{rungs}: {{name: S{rungs}, kind: board}}"]
    for i in range(rungs):
        out.append(f"  s{i}: {{name: S{i}, kind: committee, reports_to: [a{i}, b{i}], matrix: true}}")
        out.append(f"  a{i}: {{name: A{i}, kind: committee, reports_to: [s{i + 1}]}}")
        out.append(f"  b{i}: {{name: B{i}, kind: committee, reports_to: [s{i + 1}]}}")
    return ("\n".join(out) + "\n").encode()


def test_exponentially_many_routes_answer_at_once(tmp_path: Path) -> None:
    model = load_bytes(ladder(40), "ladder.yaml")
    answer = paths(model, "s0", "s40", max_routes=5)
    assert len(answer.routes) == 5
    assert answer.more
    assert_real_routes(model, answer)
    # Shortest first, then by ids: the first route takes every `a` side, the next changes only the last rung.
    assert answer.routes[0].bodies[:3] == ("s0", "a0", "s1")
    assert answer.routes[1].bodies[-2] == "b39"
    # The trees stay linear in the size of the structure: each body is expanded once, so there is one row per
    # line (4 a rung) and one for the root, where a full tree would have 2**40 rows.
    assert len(chain(model, "s0").rows) == 1 + 4 * 40
    assert len(under(model, "s40").rows) == 1 + 4 * 40

    file = tmp_path / "ladder.yaml"
    file.write_bytes(ladder(40))
    assert GOVGRAPH is not None
    result = support.govgraph("path", "s0", "s40", "--max", "5", "-m", str(file), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["routes"]) == 5
    assert data["more"] is True


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9)), max_size=25))
def test_cyclic_groups_are_the_strongly_connected_components_of_two_or_more(pairs: list[tuple[int, int]]) -> None:
    # `cyclic_groups` answers "no cycle" with its own depth-first walk and only then asks networkx: the two must
    # agree on every graph, self-lines left out.
    from govgraph.graph import cyclic_groups

    edges = [(f"b{u}", f"b{v}") for u, v in pairs]
    graph = nx.DiGraph()
    graph.add_edges_from((u, v) for u, v in edges if u != v)
    expected = sorted(sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1)
    assert cyclic_groups(edges) == expected


def test_a_chain_that_stops_at_a_body_that_is_no_top_says_so() -> None:
    # Found on the Rust teams: `chain book` said "Top: Language team." where `check` (GG304) said the line stops
    # at a body that is not a top.
    from govgraph.loading import load_bytes
    from govgraph.queries import chain
    from govgraph.render.text import chain_text

    model = load_bytes(
        b"govgraph: 1\ntitle: T\nbodies:\n"
        b"  board: {name: Board, kind: board}\n"
        b"  forum: {name: Forum, kind: forum, top: true}\n"
        b"  team: {name: Team, kind: team}\n"
        b"  p: {name: P, kind: project, reports_to: [board, team, forum]}\n",
        "t.yaml",
    )
    text = chain_text(chain(model, "p"))
    assert "Tops: Board and Forum." in text
    assert "The line stops at Team, which is not a top: not a board or executive, nor written `top: true`." in text
    # The JSON says the same as the text: the rule lives on the answer, not in one renderer.
    from govgraph.render.data import chain_data

    assert chain_data(chain(model, "p"))["stops_short"] == ["team"]
    assert chain_data(chain(model, "board"))["stops_short"] == []
