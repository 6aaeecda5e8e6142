"""Facts of the CNCF Technical Oversight Committee's TAGs and subprojects (tests/data/real/cncf-tags-2025.yaml),
read off cncf/toc's tags.yaml and tags/README.md by hand.

The sources (tests/data/README.md): tags.yaml names each TAG's three chairs and its tech leads with their terms
(from July 2025), its TOC liaisons and its subprojects, and the TOC's own subprojects; tags/README.md says that
TAGs "report to the Technical Oversight Committee" and that a TOC liaison is "a voting member of the TOC". Every
command runs on the model in tests/test_real_models.py; here are the answers a governance lead would check.
"""

from __future__ import annotations

import functools
import io
import json
import re
from pathlib import Path

from docx import Document

import support
from govgraph.build.pages import body_timeline, timeline_page
from govgraph.loading import load
from govgraph.model import PartialDate
from govgraph.render.paper import paper_docx
from govgraph.views import ViewSelection, select_view

CNCF = support.TESTS / "data" / "real" / "cncf-tags-2025.yaml"

ask = functools.partial(support.ask, model=CNCF)

TAGS = (
    "TAG Developer Experience",
    "TAG Infrastructure",
    "TAG Operational Resilience",
    "TAG Security and Compliance",
    "TAG Workloads Foundation",
)


def _dated_copy(tmp_path: Path, as_of: str) -> Path:
    return support.dated_copy(CNCF, tmp_path, as_of)


def test_the_model_checks_clean() -> None:
    # Who chairs the TOC and to whom it answers are not in the files: silenced on the TOC with that reason.
    result = support.govgraph("check", CNCF)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems found" in result.stdout


def test_the_five_tags_report_to_the_toc_and_their_subprojects_are_part_of_them() -> None:
    under = ask("under", "TOC")
    for name in TAGS:
        assert f"{name} (reports to TOC)" in under
    assert "Batch (part of TAG Workloads Foundation)" in under
    assert "Green Reviews (part of TAG Operational Resilience)" in under
    assert "Security Assessments (part of TAG Security and Compliance)" in under
    assert "11 bodies under TOC." in under
    assert len(load(CNCF).bodies) == 12


def test_each_tag_has_three_co_chairs_with_their_terms() -> None:
    # tags/README.md: "TAG has three co-chairs"; tags.yaml gives each one's term.
    model = load(CNCF)
    for name in TAGS:
        body = next(b for b in model.bodies.values() if b.name == name)
        assert len(body.chairs) == 3, name
    security = ask("show", "TAG Security and Compliance")
    assert "  - John Kjell (2 July 2025 to 30 June 2027" in security
    assert "  - Evan Anderson (1 July 2025 to 30 June 2026" in security


def test_the_toc_liaisons_run_from_the_toc_through_the_named_members() -> None:
    toc = ask("show", "TOC")
    assert "liaison to Batch (through Ricardo Rocha)" in toc
    assert "liaison to TAG Infrastructure (through Ricardo Rocha)" in toc
    assert "liaison to TAG Workloads Foundation (through Kevin Wang)" in toc
    rickard = ask("roles", "Jeremy Rickard")
    assert "TOC has a liaison to TAG Operational Resilience" in rickard
    assert "TOC has a liaison to TAG Security and Compliance" in rickard


def test_a_chair_whose_term_has_run_out_is_marked_ended(tmp_path: Path) -> None:
    # Evan Anderson's term as a chair of TAG Security and Compliance ran to 30 June 2026 (tags.yaml); on a model
    # written in December 2026 the card, like a line's dates, says it has ended, and John Kjell's has not.
    model = _dated_copy(tmp_path, "2026-12")
    card = support.ask("show", "TAG Security and Compliance", model=model)
    assert "  - Evan Anderson (1 July 2025 to 30 June 2026, ended)\n" in card
    assert "  - John Kjell (2 July 2025 to 30 June 2027)\n" in card
    assert "  - Brandt Keller, as tech lead (2 July 2025 to 30 June 2026, ended)\n" in card
    roles = support.ask("roles", "Evan Anderson", model=model)
    assert "TAG Security and Compliance (co-chair) (1 July 2025 to 30 June 2026, ended)" in roles
    # Before the term ran out, nothing is marked.
    earlier = support.ask("show", "TAG Security and Compliance", model=_dated_copy(tmp_path, "2026-03"))
    assert "ended" not in earlier


def test_a_tech_lead_leaving_says_in_what_capacity_in_one_sentence(tmp_path: Path) -> None:
    # Dated, so that the width of the date column (wider where events are marked "to come") is not today's.
    timeline = support.ask("timeline", "TAG Infrastructure", model=_dated_copy(tmp_path, "2026-12-08"))
    assert re.search(r"^30 June 2026 +Bruno Schaatsbergen leaves TAG Infrastructure as tech lead$", timeline, re.M)
    assert "\n                tech lead\n" not in timeline


def test_the_paper_on_a_date_counts_its_bodies_as_of_that_date_in_plain_words(tmp_path: Path) -> None:
    # "none of them with a status recorded on December 2026" is not English: a month is not a day.
    out = tmp_path / "paper.docx"
    done = support.govgraph("paper", CNCF, "--as-of", "2026-12", "-o", out)
    assert done.returncode == 0, done.stderr
    opening = next(p.text for p in Document(str(out)).paragraphs if p.text.startswith("The model records"))
    assert opening == (
        "The model records 12 bodies, none of them with a status recorded as of December 2026, and cites 2 sources."
    )
    rows = [[c.text for c in row.cells] for table in Document(str(out)).tables for row in table.rows]
    # On that day Xing Yang's term as a chair of TAG Infrastructure had run out (30 June 2026).
    infrastructure = next(r[:3] for r in rows if r[0] == "TAG Infrastructure")
    assert infrastructure == ["TAG Infrastructure", "advisory group", "co-chairs: Dylan Page; Kashif Khan"]


def test_the_papers_detail_of_a_tag_says_which_terms_have_run_out(tmp_path: Path) -> None:
    # As `show` does: on a model written in December 2026, Evan Anderson's and Brandt Keller's terms (to 30 June
    # 2026) have ended, John Kjell's (to 30 June 2027) has not.
    out = tmp_path / "paper.docx"
    done = support.govgraph(
        "paper", _dated_copy(tmp_path, "2026-12"), "--body", "TAG Security and Compliance", "-o", out
    )
    assert done.returncode == 0, done.stderr
    cells = [c.text for table in Document(str(out)).tables for row in table.rows for c in row.cells]
    chairs = next(c for c in cells if c.startswith("Evan Anderson"))
    assert chairs.splitlines()[:2] == [
        "Evan Anderson (1 July 2025 to 30 June 2026, ended)",
        "John Kjell (2 July 2025 to 30 June 2027)",
    ]
    members = next(c for c in cells if c.startswith("Brandt Keller"))
    assert members.splitlines()[0] == "Brandt Keller, as tech lead (2 July 2025 to 30 June 2026, ended)"


def test_a_tags_documentation_page_says_which_terms_have_run_out(tmp_path: Path) -> None:
    done = support.govgraph("build", _dated_copy(tmp_path, "2026-12"), "-o", tmp_path / "docs")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "docs" / "bodies" / "tag-infrastructure.md").read_text(encoding="utf-8")
    assert "Xing Yang (1 July 2025 to 30 June 2026, ended)" in page
    assert "Kashif Khan (1 July 2025 to 30 June 2027);" in page
    assert "- Nicholas Jackson, as tech lead (2 July 2025 to 30 June 2026, ended)\n" in page
    assert "- Zhonghu Xu, as tech lead (2 July 2025 to 30 June 2027)\n" in page


def test_checking_on_a_date_does_not_call_a_chair_whose_term_had_ended_a_left_over_post() -> None:
    # On 31 December 2026 Xing Yang's term as a chair of TAG Infrastructure (to 30 June 2026) had ended; her post
    # is still written in the file, as a chair: "chairs nothing ... or remove it" (GG404) would have the history
    # deleted.
    result = support.govgraph("check", CNCF, "--as-of", "2026-12")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "GG404" not in result.stdout
    assert "no problems found" in result.stdout


def test_the_papers_bodies_table_leaves_a_projects_chair_blank_and_says_the_tocs_is_not_recorded() -> None:
    # A subproject (a project) has no chair by its kind: nothing is missing, as the documentation index shows it.
    # The TOC, a committee, has one the files do not name: a gap, said so.
    document = Document(io.BytesIO(paper_docx(load(CNCF))))
    rows = {
        cells[0]: cells
        for table in document.tables
        for cells in ([cell.text for cell in row.cells] for row in table.rows)
        if len(cells) == 5
    }
    assert rows["Project Reviews SubProject"][2] == ""
    assert rows["Contributor Strategy and Advocacy SubProject"][2] == ""
    toc = next(cells for name, cells in rows.items() if name.startswith("Technical Oversight Committee"))
    assert toc[2] == "not recorded"


def test_a_change_log_says_from_when_and_until_when_a_new_chair_or_tech_lead_serves(tmp_path: Path) -> None:
    # The next tech lead and co-chair of TAG Infrastructure, terms as tags.yaml writes them (July to June), and a
    # new line from September: the change log said "new member: New Person, as tech lead", without the seat's term.
    old = _dated_copy(tmp_path, "2026-03")
    text = old.read_text(encoding="utf-8")
    lead = "    - role: gh-hzxuzhonghu\n      as: tech lead\n      from: '2025-07-02'\n      until: '2027-06-30'\n"
    chair = "    - role: gh-xing-yang\n      from: '2025-07-01'\n      until: '2026-06-30'\n"
    line = "    - body: toc\n      source: tags-readme\n    source: tags-yaml\n  tag-operational-resilience:"
    assert text.count(lead) == text.count(chair) == text.count(line) == 1
    text = text.replace("roles:\n", "roles:\n  new-person:\n    title: New Person\n", 1)
    text = text.replace(
        lead,
        lead + "    - role: new-person\n      as: tech lead\n      from: '2026-07-01'\n      until: '2028-06-30'\n",
    )
    text = text.replace(chair, chair + "    - role: gh-aojea\n      from: '2026-07-01'\n      until: '2028-06-30'\n")
    text = text.replace(
        line,
        line.replace(
            "    source: tags-yaml\n",
            "    dotted_to:\n    - body: tag-developer-experience\n      from: 2026-09\n    source: tags-yaml\n",
        ),
    )
    new = tmp_path / "cncf-new.yaml"
    new.write_text(text, encoding="utf-8")
    said = [
        "new chair: Antonio Ojea (1 July 2026 to 30 June 2028)",
        "new member: New Person, as tech lead (1 July 2026 to 30 June 2028)",
        "new line: dotted line to TAG Developer Experience (from September 2026)",
    ]
    shown = support.govgraph("diff", old, new)
    assert shown.returncode == 0, shown.stderr
    for phrase in said:
        assert f"      - {phrase}\n" in shown.stdout
    data = support.govgraph("diff", old, new, "--format", "json")
    periods = {(c["change"], c["other"]): c["period"] for c in json.loads(data.stdout)["changes"]}
    assert periods[("chair_added", "gh-aojea")] == "2026-07-01/2028-06-30"
    assert periods[("member_added", "new-person")] == "2026-07-01/2028-06-30"
    assert periods[("line_added", "tag-developer-experience")] == "2026-09/.."
    assert periods[("added", None)] is None  # the post New Person: a post has no dates
    out = tmp_path / "changes.docx"
    done = support.govgraph("diff", old, new, "-o", out)
    assert done.returncode == 0, done.stderr
    bullets = [p.text for p in Document(str(out)).paragraphs if p.style is not None and p.style.name == "List Bullet"]
    assert all(phrase in bullets for phrase in said), bullets


def test_show_on_a_date_says_the_date_in_words() -> None:
    # Every other answer writes its dates in words; the card's header wrote `as of 2026-12-31`.
    header = ask("show", "TAG Infrastructure", "--as-of", "2026-12").splitlines()[2]
    assert header.endswith("| as of 31 December 2026"), header


def test_a_timeline_marks_the_terms_that_end_after_the_models_date_as_to_come(tmp_path: Path) -> None:
    # As if written in December 2026: the terms ending on 30 June 2026 had ended, those ending 30 June 2027 are to
    # come, and the timeline does not say the latter in the same words as the former.
    copy = _dated_copy(tmp_path, "2026-12-08")
    text = support.ask("timeline", "TAG Infrastructure", model=copy)
    assert re.search(r"^30 June 2026 +Xing Yang stops chairing TAG Infrastructure$", text, re.M), text
    assert re.search(r"^30 June 2027 \(to come\) +Dylan Page stops chairing TAG Infrastructure$", text, re.M), text
    assert "marked “to come”" in text
    data = json.loads(support.ask("timeline", "TAG Infrastructure", "--format", "json", model=copy))
    assert data["reference_day"] == "2026-12-08"
    ends = {(e["other"], e["date"]): e["to_come"] for e in data["events"] if e["event"] == "chair_until"}
    assert ends == {
        ("gh-xing-yang", "2026-06-30"): False,
        ("gh-genpage", "2027-06-30"): True,
        ("gh-kashifest", "2027-06-30"): True,
    }
    # The documentation's pages say the same: the TAG's own timeline and the model's.
    model = load(copy)
    page = str(body_timeline(model, "tag-infrastructure", as_of=None))
    assert "- **30 June 2027** (to come): Kashif Khan stops chairing TAG Infrastructure." in page
    assert "- **30 June 2026**: Xing Yang stops chairing TAG Infrastructure." in page
    assert "- **30 June 2027** (to come): Kashif Khan stops chairing TAG Infrastructure." in timeline_page(
        model, as_of=None
    )


def test_a_diagram_of_the_whole_record_marks_the_chairs_whose_terms_had_ended(tmp_path: Path) -> None:
    # As if written in December 2026: Xing Yang's term as co-chair of TAG Infrastructure ran out on 30 June 2026.
    model = load(_dated_copy(tmp_path, "2026-12-08"))
    nodes = {n.id: n for n in select_view(model, ViewSelection(full_history=True)).nodes}
    assert nodes["tag-infrastructure"].chairs == ("Dylan Page", "Kashif Khan", "Xing Yang (ended)")
    # Drawn for a date, the box names the chairs of that date, unmarked: as of 2026-12, two; as of 2026-01, three.
    on = {n.id: n for n in select_view(model, ViewSelection(as_of=PartialDate.parse("2026-12"))).nodes}
    assert on["tag-infrastructure"].chairs == ("Dylan Page", "Kashif Khan")
    before = {n.id: n for n in select_view(model, ViewSelection(as_of=PartialDate.parse("2026-01"))).nodes}
    assert before["tag-infrastructure"].chairs == ("Dylan Page", "Kashif Khan", "Xing Yang")
