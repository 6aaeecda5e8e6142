"""`govgraph timeline`: the dated events of a model or one body; and `--as-of` with the same meaning in every
command (check, path, chain, under, show, roles, render)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]  # no stubs installed (types-jsonschema)
import pytest
from click.testing import CliRunner

import govgraph
import support
from govgraph.changes import EVENTS, timeline
from govgraph.cli import cli, main
from govgraph.errors import NameNotFound
from govgraph.loading import load
from govgraph.model import Model, PartialDate
from govgraph.render.changelog import timeline_data, timeline_markdown, timeline_text
from govgraph.render.schemas import timeline_schema

GOVGRAPH = str(Path(sys.executable).parent / "govgraph")

EVERY_EVENT = """\
govgraph: 1
title: Every event
as_of: 2025-06
organisations:
  org: {name: The Org}
roles:
  chair:
    title: The Chair
    holders: [{name: Ann Smith, from: 2020, until: 2022-03}, {name: Bob Jones, from: 2022-04}]
bodies:
  top: {name: Top Board, kind: board}
  prog:
    name: The Programme
    kind: programme
    formerly: [Old Programme]
    from: 2019-01
    until: 2025-05
    managed_by: [{organisation: org, from: 2019, until: 2024}]
    chairs: [{role: chair, from: 2019-02, until: 2024-12}]
    members: [{organisation: org, as: host, from: 2019-03, until: 2023}]
    reports_to: [{body: top, from: 2019-04, until: 2025-03}]
    history:
      - {date: 2021-06, name: The Programme, note: Renamed at the annual review.}
      - {date: 2023-09, status: under_review, note: Scope questioned.}
      - {date: 2024-01, note: Interim report published.}
      - {date: 2025-03, status: closed, decided_by: top}
  sibling:
    name: Sibling
    kind: project
    reports_to: [prog]
    history: [{date: 2025-03, status: transitioned, decided_by: top}]
"""


@pytest.fixture(scope="module")
def every(tmp_path_factory: pytest.TempPathFactory) -> Model:
    path = tmp_path_factory.mktemp("timeline") / "every.yaml"
    path.write_text(EVERY_EVENT)
    return load(path)


def test_every_event_code_is_produced(every: Model) -> None:
    assert {e.event for e in timeline(every)} == set(EVENTS)


def test_events_are_sorted_by_date_with_a_partial_date_before_the_dates_inside_it(every: Model) -> None:
    events = timeline(every)
    assert [e.date.first for e in events] == sorted(e.date.first for e in events)
    first = [(str(e.date), e.event) for e in events[:3]]
    # 2019 (the managing organisation's start, a whole year) comes before January 2019 (set up).
    assert first[:2] == [("2019", "managed_from"), ("2019-01", "set_up")]
    assert [e.event for e in events if str(e.date) == "2025-03"] == ["line_until", "closed", "transitioned"]


def test_a_rename_names_the_name_before_it(every: Model) -> None:
    rename = next(e for e in timeline(every) if e.event == "renamed")
    assert (rename.previous, rename.name, rename.note) == (
        "Old Programme",
        "The Programme",
        "Renamed at the annual review.",
    )
    assert "The Programme renamed from “Old Programme” to “The Programme”" in timeline_text(every)


def test_a_body_timeline_has_the_lines_into_it_its_decisions_and_its_chairs_holders(every: Model) -> None:
    top = {(e.id, e.event) for e in timeline(every, "top")}
    assert ("prog", "line_from") in top  # a line into it
    assert ("prog", "closed") in top
    assert ("sibling", "transitioned") in top
    prog = {(e.id, e.event, e.other) for e in timeline(every, "The Programme")}
    assert ("chair", "holder_from", "Bob Jones") in prog  # the holders of the post that chairs it
    assert ("sibling", "line_from", "prog") not in prog  # the sibling's line has no dates
    assert all(e.id in ("prog", "chair") or e.other == "prog" for e in timeline(every, "prog"))


def test_since_and_until_keep_the_events_that_overlap(every: Model) -> None:
    window = timeline(every, since=PartialDate.parse("2022"), until=PartialDate.parse("2023-09"))
    assert {str(e.date) for e in window} == {"2022-03", "2022-04", "2023", "2023-09"}


def test_an_unknown_body_gets_the_closest_names(every: Model) -> None:
    with pytest.raises(NameNotFound) as caught:
        timeline(every, "programe")
    assert any("The Programme" in s for s in caught.value.suggestions)


def test_london_programme_closed_by_the_regional_exec_teams_decision(london: Model) -> None:
    closed = [e for e in timeline(london, "clp") if e.event == "closed"]
    assert [(str(e.date), e.decided_by) for e in closed] == [("2025-03", "lret")]
    assert "March 2025  CLP closed by decision of LRET" in timeline_text(london, "clp")
    # The decision is in the Regional Exec Team's own timeline too.
    assert [(e.id, e.event) for e in timeline(london, "LRET")] == [("clp", "closed")]


def test_london_june_2024_pcag_line_into_lceg_under_review(london: Model) -> None:
    events = timeline(london, "pcag", until=PartialDate.parse("2024-06"))
    assert [(str(e.date), e.event, e.status) for e in events] == [("2024-03", "status", "under_review")]
    assert events[0].note is not None
    assert "line into NHSE LCEG is under review" in events[0].note


def test_markdown_for_pages_is_a_plain_list_with_model_text_escaped(every: Model) -> None:
    page = timeline_markdown(every, "prog")
    assert page.startswith("- **2019**: The Org starts running The Programme.")
    assert "- **March 2025**: The Programme closed by decision of Top Board." in page
    assert "*Scope questioned.*" in page
    assert timeline_markdown(every, level=2).startswith("## Timeline of Every event: ")
    hostile = govgraph.load(_write_hostile())
    text = timeline_markdown(hostile)
    assert not re.search(r"(?<!\\)[<\[\]`*]", text.replace("**", ""))
    assert "&lt;script\\>" in text


def _write_hostile() -> Path:
    import tempfile

    folder = Path(tempfile.mkdtemp())
    path = folder / "hostile.yaml"
    path.write_text(
        "govgraph: 1\ntitle: H\nbodies:\n"
        "  b: {name: '<script>x</script> [a](javascript:1) `c`', kind: board,"
        " history: [{date: 2024, note: '# not a heading | not a cell'}]}\n"
    )
    return path


def test_no_events_is_said_plainly(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("govgraph: 1\ntitle: T\nbodies:\n  b: {name: B, kind: board}\n")
    model = load(path)
    assert timeline(model) == []
    assert "No dated events are recorded." in timeline_text(model)
    assert timeline_markdown(model) == "No dated events are recorded.\n"


def test_json_follows_its_schema(every: Model, london: Model) -> None:
    for model, body in ((every, None), (london, "clp")):
        data = timeline_data(model, body)
        jsonschema.validate(data, timeline_schema())
    assert timeline_data(london, "CLP")["body"] == "clp"


def test_the_same_model_gives_the_same_timeline(every: Model) -> None:
    assert timeline_text(every) == timeline_text(every)
    assert timeline(every) == sorted(timeline(every), key=lambda e: e.sort_key())


def test_the_public_api_exports_the_timeline(london: Model) -> None:
    assert govgraph.timeline(london, "clp") == timeline(london, "clp")
    assert govgraph.timeline_markdown(london, "pcag") == timeline_markdown(london, "pcag")


# The command ------------------------------------------------------------------------------------------------


def test_cli_timeline_of_one_body_as_a_user_runs_it(repo_root: Path) -> None:
    done = support.govgraph("timeline", "clp", cwd=repo_root)
    assert done.returncode == 0, done.stderr
    assert done.stdout == timeline_text(load(repo_root / "data" / "governance.yaml"), "clp")


def test_cli_model_then_name_or_a_model_alone(repo_root: Path, every: Model) -> None:
    runner = CliRunner()
    both = runner.invoke(cli, ["timeline", every.file, "prog", "--format", "json"])
    assert both.exit_code == 0, both.output
    assert json.loads(both.output)["body"] == "prog"
    alone = runner.invoke(cli, ["timeline", every.file])
    assert alone.exit_code == 0
    assert alone.output == timeline_text(every)
    option = runner.invoke(cli, ["timeline", "prog", "-m", every.file, "--format", "markdown"])
    assert option.output.startswith("# Timeline of The Programme")


def test_cli_as_of_gives_the_events_up_to_that_date(every: Model) -> None:
    result = CliRunner().invoke(cli, ["timeline", every.file, "--as-of", "2019-02", "--format", "json"])
    assert {e["date"] for e in json.loads(result.output)["events"]} == {"2019", "2019-01", "2019-02"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["timeline", "no-such-body"], "no body is called 'no-such-body'"),
        (["timeline", "a.yaml", "b", "c"], "give at most a MODEL and a NAME"),
        (["timeline", "missing.yaml"], "missing.yaml: no such model file"),
        (["timeline", "--as-of", "2024", "--until", "2025"], "give --as-of or --until, not both"),
        (["timeline", "--since", "2024-13"], "no month 13"),
    ],
)
def test_cli_timeline_errors_are_usage_errors(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, repo_root: Path
) -> None:
    monkeypatch.chdir(repo_root)
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


# --as-of in every command: one meaning (the structure as it stood at the end of the date's period) ---------------

AS_OF = """\
govgraph: 1
title: As of
as_of: 2025-06
roles:
  chair: {title: The Chair, holders: [{name: Ann Smith, until: 2023}, {name: Bob Jones, from: 2024}]}
bodies:
  top: {name: Top Board, kind: board, chairs: [chair]}
  mid: {name: Middle, kind: committee, chairs: [{role: chair, until: 2023-12}], reports_to: [top]}
  late: {name: Late Group, kind: project, from: 2025-01, reports_to: [mid]}
  early: {name: Early Group, kind: project, reports_to: [{body: mid, until: 2023-06}]}
"""


@pytest.fixture
def as_of_model(tmp_path: Path) -> str:
    path = tmp_path / "as-of.yaml"
    path.write_text(AS_OF)
    return str(path)


def _cli(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code in (0, 1), result.output
    return result.output


def test_as_of_check(as_of_model: str) -> None:
    # In 2024 the middle committee had no chair (its chair's term ended in December 2023); in 2023 it had one.
    assert "'mid' is a committee with no chair" in _cli("check", as_of_model, "--as-of", "2024-06")
    assert "'mid' is a committee with no chair" not in _cli("check", as_of_model, "--as-of", "2023-06")


def test_as_of_path(as_of_model: str) -> None:
    assert "Early Group --reports to--> Middle" in _cli("path", "early", "top", "-m", as_of_model, "--as-of", "2023-06")
    assert "No route from Early Group" in _cli("path", "early", "top", "-m", as_of_model, "--as-of", "2023-07")


def test_as_of_chain(as_of_model: str) -> None:
    assert "Top: Top Board." in _cli("chain", "late", "-m", as_of_model, "--as-of", "2025-02")
    assert "did not exist yet on 31 December 2024" in _cli("chain", "late", "-m", as_of_model, "--as-of", "2024")


def test_as_of_under(as_of_model: str) -> None:
    in_2024 = json.loads(_cli("under", "mid", "-m", as_of_model, "--as-of", "2024", "--format", "json"))
    in_2023 = json.loads(_cli("under", "mid", "-m", as_of_model, "--as-of", "2023-06", "--format", "json"))
    in_2025 = json.loads(_cli("under", "mid", "-m", as_of_model, "--as-of", "2025-02", "--format", "json"))
    assert (in_2023["bodies"], in_2024["bodies"], in_2025["bodies"]) == (["early"], [], ["late"])


def test_as_of_show(as_of_model: str) -> None:
    card = _cli("show", "late", "-m", as_of_model, "--as-of", "2024-06")
    assert "status: not yet set up" in card
    assert "Late Group did not exist yet on 30 June 2024 (from January 2025)." in card
    assert json.loads(_cli("show", "late", "-m", as_of_model, "--as-of", "2024-06", "--format", "json"))["not_yet"]
    # Set up by then, with no status recorded: none is made up.
    assert "status not recorded" in _cli("show", "late", "-m", as_of_model, "--as-of", "2025-02")


def test_as_of_roles(as_of_model: str) -> None:
    in_2022 = _cli("roles", "chair", "-m", as_of_model, "--as-of", "2022-06")
    in_2024 = _cli("roles", "chair", "-m", as_of_model, "--as-of", "2024-06")
    assert "Middle" in in_2022
    assert "Ann Smith" in in_2022
    assert "Bob Jones" not in in_2022
    assert "Middle" not in in_2024
    assert "Bob Jones" in in_2024
    assert "Ann Smith" not in in_2024


def test_as_of_render(as_of_model: str) -> None:
    before = _cli("render", as_of_model, "--as-of", "2024-06", "--format", "mermaid")
    after = _cli("render", as_of_model, "--as-of", "2025-02", "--format", "mermaid")
    assert "Late Group" not in before
    assert "Late Group" in after
    assert "Early Group" in before  # still a body; its line had ended
    assert "as of 30 June 2024" in before


def test_as_of_diff_and_timeline_agree_with_the_other_commands(as_of_model: str) -> None:
    changes = json.loads(
        _cli("diff", "--as-of", "2024-06", "--as-of", "2025-02", "-m", as_of_model, "--format", "json")
    )
    assert {(c["id"], c["change"]) for c in changes["changes"]} == {("late", "added")}
    events = json.loads(_cli("timeline", as_of_model, "--as-of", "2024-06", "--format", "json"))["events"]
    assert "2025-01" not in {e["date"] for e in events}


TERMS_AHEAD = """\
govgraph: 1
title: Terms ahead
as_of: 2026-12-08
roles:
  ann: {title: Ann Smith}
  bob: {title: Bob Jones}
bodies:
  tag:
    name: The TAG
    kind: advisory_group
    chairs:
      - {role: ann, from: 2025-07-01, until: 2026-06-30}
      - {role: bob, from: 2025-07-01, until: 2027-06-30}
    history:
      - {date: 2026, note: Charter revised.}
"""


@pytest.fixture(scope="module")
def ahead(tmp_path_factory: pytest.TempPathFactory) -> Model:
    path = tmp_path_factory.mktemp("ahead") / "ahead.yaml"
    path.write_text(TERMS_AHEAD)
    return load(path)


def test_an_event_after_the_reference_day_is_to_come_and_one_on_or_before_it_is_not(ahead: Model) -> None:
    day = PartialDate.parse("2026-12-08").first
    found = {(e.event, e.other or e.note): e.to_come(day) for e in timeline(ahead)}
    assert found[("chair_until", "bob")] is True  # 30 June 2027
    assert found[("chair_until", "ann")] is False  # 30 June 2026
    assert found[("chair_from", "bob")] is False
    # A note dated 2026 only: the reference day falls in that year, so whether it had happened is not known.
    assert found[("note", "Charter revised.")] is None
    assert (
        next(e for e in timeline(ahead) if e.event == "chair_until" and e.other == "bob").to_come(
            PartialDate.parse("2027-06-30").first
        )
        is False
    )


def test_text_and_markdown_mark_the_events_to_come_and_keep_their_order(ahead: Model) -> None:
    text = timeline_text(ahead)
    assert "Events dated after the date the model is true to (8 December 2026) are marked “to come”" in text
    assert re.search(r"^30 June 2027 \(to come\) +Bob Jones stops chairing The TAG$", text, re.M)
    assert re.search(r"^30 June 2026 +Ann Smith stops chairing The TAG$", text, re.M)
    assert re.search(r"^2026 \(may be to come\) +The TAG: Charter revised\.$", text, re.M)
    markdown = timeline_markdown(ahead)
    assert "- **30 June 2027** (to come): Bob Jones stops chairing The TAG." in markdown
    assert "- **30 June 2026**: Ann Smith stops chairing The TAG." in markdown
    lines = [line for line in markdown.splitlines() if line.startswith("- ")]
    assert len(lines) == len(timeline(ahead))
    assert lines[-1].startswith("- **30 June 2027** (to come)")


def test_the_date_asked_about_is_the_day_judged_at(ahead: Model) -> None:
    # As of the end of June 2027, the term had run out: nothing is to come, and nothing says so.
    text = timeline_text(ahead, until=PartialDate.parse("2027-06"), as_of=PartialDate.parse("2027-06"))
    assert "to come" not in text
    # `until` alone only ends the window: what is to come is still judged at the model's as_of.
    assert "30 June 2027 (to come)" in timeline_text(ahead, until=PartialDate.parse("2027-06"))


def test_json_says_the_day_judged_at_and_which_events_are_to_come(ahead: Model) -> None:
    data = timeline_data(ahead)
    jsonschema.validate(data, timeline_schema())
    assert data["reference_day"] == "2026-12-08"
    marks = {(e["event"], e["other"]): e["to_come"] for e in data["events"]}
    assert marks[("chair_until", "bob")] is True
    assert marks[("chair_until", "ann")] is False
    assert marks[("note", None)] is None
    assert [e["date"] for e in data["events"]] == [str(e.date) for e in timeline(ahead)]
    asked = timeline_data(ahead, as_of=PartialDate.parse("2027-07"))
    assert asked["reference_day"] == "2027-07-31"
    assert not any(e["to_come"] for e in asked["events"])


def test_cli_timeline_marks_a_term_ending_ahead(tmp_path: Path) -> None:
    path = tmp_path / "ahead.yaml"
    path.write_text(TERMS_AHEAD)
    out = CliRunner().invoke(cli, ["timeline", str(path), "The TAG"]).output
    assert "30 June 2027 (to come)  Bob Jones stops chairing The TAG" in out
    asked = CliRunner().invoke(cli, ["timeline", str(path), "--as-of", "2027-12", "--format", "json"]).output
    assert json.loads(asked)["reference_day"] == "2027-12-31"
