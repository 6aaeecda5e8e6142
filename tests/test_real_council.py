"""Facts of Lancaster City Council's Council, Cabinet and committees
(tests/data/real/council/lancaster-committees.yaml), read off the council's pages by hand.

The sources (tests/data/README.md): the council's "Council structure" page (two stored copies), the Cabinet's,
the Overview and Scrutiny, Audit, Council Business and Licensing Sub-Committees' pages on its committee site, and
the minutes of three meetings. Here each command a governance officer would run is run on the model, and the
answers are checked against the pages.
"""

from __future__ import annotations

import functools
import io
import json
from pathlib import Path
from typing import Any

import pytest
from docx import Document

import support
from govgraph.build import plan_build
from govgraph.loading import load
from govgraph.render.html import html_page
from govgraph.render.paper import paper_docx

COUNCIL = support.TESTS / "data" / "real" / "council" / "lancaster-committees.yaml"

ask = functools.partial(support.ask, model=COUNCIL)

UNDER_COUNCIL = ("Audit Committee", "Cabinet", "Council Business Committee", "Overview and Scrutiny Committee")


def test_the_model_checks_clean() -> None:
    # The gaps the checks see (who chairs Council, Cabinet, the Standards Committee; to whom the Licensing
    # Committee answers) are silenced with their reasons. "Councillor" chairing the Licensing Committee and its
    # Sub-Committee is two of 61 councillors, or one: the pages do not say, so independence is not reported broken.
    result = support.govgraph("check", COUNCIL)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems found" in result.stdout


def test_the_cabinet_and_three_committees_account_to_council() -> None:
    under = ask("under", "Full Council")
    for name in UNDER_COUNCIL:
        assert f"{name} (reports to Council)" in under
    assert "4 bodies under Council." in under
    assert "Top: Council." in ask("chain", "Overview and Scrutiny Committee")
    # The Licensing Committee's own page is not stored: its Sub-Committee's line stops there, and says so.
    chain = ask("chain", "Licensing Sub-Committee")
    assert "The line stops at Licensing Committee, which is not a top" in chain


def test_overview_and_scrutiny_scrutinises_the_cabinet_from_outside_its_line() -> None:
    # "To consider and Call-in decisions relating to the discharge of Cabinet functions"; the Budget and
    # Performance Panel's minutes: "the scrutiny of Cabinet decisions".
    assert "No route from Overview and Scrutiny Committee up to Cabinet" in ask(
        "path", "Overview and Scrutiny Committee", "Cabinet"
    )
    routes = ask("path", "Overview and Scrutiny Committee", "Cabinet", "--include", "scrutiny")
    assert "Overview and Scrutiny Committee --scrutinises--> Cabinet  (scrutiny line)" in routes
    cabinet = ask("show", "Cabinet")
    assert (
        "  - Budget and Performance Panel scrutinises this\n  - Overview and Scrutiny Committee scrutinises this"
        in (cabinet)
    )


def test_seats_and_exclusions_as_the_pages_give_them() -> None:
    scrutiny = ask("show", "Overview and Scrutiny Committee")
    assert "  - Councillor, as member (9 seats): in political balance" in scrutiny  # "Nine Councillors"
    assert (
        "may not sit on it: Leader of the Council; Cabinet Member" in scrutiny
    )  # "shall not be members of the Cabinet"
    assert "  - Councillor (appointed by Council)" in scrutiny  # "Chair appointed by Council annually"
    assert "(7 seats)" in ask("show", "Audit Committee")  # "Seven Councillors in political balance"
    assert "(61 seats)" in ask("show", "Council")  # "made up of 61 democratically elected councillors"
    cabinet = ask("show", "Cabinet")
    assert "membership: at least 3 members" in cabinet  # "2 or more to a maximum of 9 plus the Leader"
    assert "meets: monthly" in cabinet  # "Cabinet meets monthly"


def test_a_councillor_chairs_and_vice_chairs_and_each_is_named_as_such() -> None:
    roles = ask("roles", "Councillor")
    chairs = roles.split("chairs:\n", 1)[1].split("sits on:", 1)[0]
    assert "  - Audit Committee\n  - Audit Committee (vice-chair)\n" in chairs
    assert "  - Standards Committee (vice-chair)\n" in chairs  # the minutes name its Vice-Chair, not its Chair
    assert "co-chair" not in chairs
    assert "!" not in roles  # two councillors' posts, not one person chairing two levels


def test_no_quorum_is_recorded_so_none_is_answered() -> None:
    # No stored page gives a quorum: the answer says so rather than guess.
    answer = ask("quorum", "Audit Committee")
    assert "Cannot tell." in answer
    assert "record no quorum" in answer
    data = json.loads(ask("quorum", "Audit Committee", "--format", "json"))
    assert data["quorate"] is None
    assert data["quorum"] is None


def test_the_index_and_the_paper_tell_the_top_from_a_gap() -> None:
    # Council is the top: accountable to no body by design. The Budget and Performance Panel's line up is not in
    # the stored pages: a gap, shown as one (the index used to leave the cell empty, the paper to call the top's
    # line "none recorded").
    index = plan_build(load(COUNCIL), pdf=False).files["index.md"].decode()
    assert "| [Council](bodies/council.md) | not recorded | not recorded | top of the structure |" in index
    assert "| [Budget and Performance Panel](bodies/budget-and-performance-panel.md) |" in index
    panel = next(line for line in index.splitlines() if "[Budget and Performance Panel]" in line)
    assert panel.endswith("| not recorded |")
    document = Document(io.BytesIO(paper_docx(load(COUNCIL))))
    rows = {row.cells[0].text: row.cells[-1].text for table in document.tables for row in table.rows}
    assert rows["Council"] == "top of the structure"
    assert rows["Budget and Performance Panel"] == "not recorded"
    assert rows["Cabinet"] == "Council"


def test_the_workbook_comes_back_unchanged(tmp_path: Path) -> None:
    workbook = tmp_path / "council.xlsx"
    assert support.govgraph("export", COUNCIL, "-o", workbook).returncode == 0
    back = tmp_path / "back.yaml"
    assert support.govgraph("import", "xlsx", workbook, "-o", back).returncode == 0
    diff = support.govgraph("diff", COUNCIL, back)
    assert diff.returncode == 0, diff.stdout + diff.stderr
    assert "No changes." in diff.stdout


def test_a_committee_with_no_line_recorded_is_not_called_a_top() -> None:
    # The Budget and Performance Panel's line up is not in the stored pages. Its page said "it is a top of the
    # structure", a fact no page gives; `chain` said only that it accounts to no other body.
    pages = plan_build(load(COUNCIL), pdf=False).files
    panel = pages["bodies/budget-and-performance-panel.md"].decode()
    assert "it is a top of the structure" not in panel
    assert (
        "is not a top of the structure (it is not a board or executive): the line up from it is not recorded" in panel
    )
    assert "Council is accountable to no other body: it is a top of the structure." in (
        pages["bodies/council.md"].decode()
    )
    chain = ask("chain", "Budget and Performance Panel")
    assert "Budget and Performance Panel is not a top: not a board or executive" in chain
    assert "is not a top" not in ask("chain", "Council")


def test_a_body_page_does_not_call_scrutiny_a_dotted_line_or_steering() -> None:
    page = plan_build(load(COUNCIL), pdf=False).files["bodies/overview-and-scrutiny-committee.md"].decode()
    assert "Dotted lines and steering" not in page
    assert "## Other lines from Overview and Scrutiny Committee\n\n- scrutinises [Cabinet]" in page


def test_the_interactive_pages_switch_names_the_scrutiny_lines_it_hides(tmp_path: Path) -> None:
    # The switch hides every line outside the line of accountability, the Overview and Scrutiny Committee's
    # scrutiny of the Cabinet among them; it was labelled "Dotted lines and steering".
    page = tmp_path / "council.html"
    assert support.govgraph("render", COUNCIL, "-o", page).returncode == 0
    html = page.read_text(encoding="utf-8")
    assert "Dotted lines and steering" not in html
    assert "Dotted, steering, scrutiny and other lines</label>" in html
    assert ".relation-scrutinises" in html.split("body.gg-no-dotted .govgraph g.edge:is(", 1)[1].split(")", 1)[0]


def test_a_committee_grown_by_two_seats_is_said_to_have_more_seats_not_another_standing(tmp_path: Path) -> None:
    grown = tmp_path / "grown.yaml"
    grown.write_text(
        COUNCIL.read_text(encoding="utf-8").replace("seats: 9, note: in political balance", "seats: 11"),
        encoding="utf-8",
    )
    text = support.govgraph("diff", COUNCIL, grown).stdout
    assert "Councillor sits with another number of seats: was 9 seats; now 11 seats" in text
    assert "another standing" not in text


def test_a_post_many_councillors_hold_is_asked_away_whole() -> None:
    # `--absent Councillor` takes every councillor's seat away, not one councillor's: the question says so.
    answer = ask("quorum", "Licensing Sub-Committee", "--absent", "Councillor")
    assert answer.startswith("Could Licensing Sub-Committee be quorate with every Councillor absent?")
    assert ask("quorum", "Cabinet", "--absent", "Leader").startswith(
        "Could Cabinet be quorate with Leader of the Council absent?"
    )


def test_a_source_cited_only_by_a_line_into_council_is_said_to_be_for_that_line() -> None:
    # The Audit Committee's page says it reports to Council; it says nothing of Council itself. Council's card
    # listed it among Council's sources as if it did.
    text = ask("show", "Council")
    assert "  - Council structure (Lancaster City Council)\n" in text
    assert (
        "  - Audit Committee - committee details (Lancaster City Council): for the line from Audit Committee\n" in text
    )
    card = json.loads(ask("show", "Council", "--format", "json"))
    assert card["sources_for_lines_in"]["lancaster-audit"] == ["audit-committee"]
    assert set(card["sources_for_lines_in"]) < set(card["sources"])
    page = plan_build(load(COUNCIL), pdf=False).files["bodies/council.md"].decode()
    assert ": for the line from Audit Committee" in page.split("## Sources", 1)[1]
    document = Document(io.BytesIO(paper_docx(load(COUNCIL), bodies=["Council"])))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert any(
        "Audit Committee - committee details: for the line from Audit Committee" in text.split("\n") for text in cells
    )
    # The Audit Committee's own card cites its page for itself.
    assert "for the line from" not in ask("show", "Audit Committee")


@pytest.mark.xdist_group("html-browser")
def test_the_interactive_pages_card_says_which_sources_are_for_lines_in(browser: Any, tmp_path: Path) -> None:
    support.engine()
    page_file = tmp_path / "council.html"
    page_file.write_text(html_page(load(COUNCIL)), encoding="utf-8")
    session = support.Session(browser, page_file)
    session.page.click('g.node[data-id="council"]')
    card = session.page.locator("#gg-card").inner_text()
    assert "Audit Committee - committee details (Lancaster City Council): for the line from Audit Committee" in card
    assert "Council structure (Lancaster City Council)\n" in card
    session.assert_clean()
    session.context.close()
