"""A line that runs through a post (a liaison) is told apart by that post wherever lines are listed.

The OpenStack TC has two liaisons to each team, each through a TC member's post. The body pages said "TC has a
liaison to this" twice, `show --format json` gave two identical entries, and a paper's "Lines in" listed "TC has
a liaison to it" twice: nothing said who either was.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document

import support
from govgraph.build.pages import DiagramLinks, body_page
from govgraph.loading import load_bytes
from govgraph.model import Model
from govgraph.render.html import html_page
from govgraph.render.paper import paper_docx

_AROUND = DiagramLinks(title="Around", image="around.svg", files=())


def _model(tmp_path: Path) -> tuple[Model, Path]:
    document = {
        "govgraph": 1,
        "title": "Liaisons",
        "roles": {"amy": {"title": "Amy Ash"}, "bo": {"title": "Bo Birch"}},
        "bodies": {
            "tc": {
                "name": "Technical Committee",
                "short": "TC",
                "kind": "committee",
                "top": True,
                "liaison_to": [{"body": "nova", "by": "amy"}, {"body": "nova", "by": "bo"}],
            },
            "nova": {"name": "Nova", "kind": "team", "reports_to": ["tc"]},
        },
    }
    text = yaml.safe_dump(document, sort_keys=False)
    path = tmp_path / "liaisons.yaml"
    path.write_text(text, encoding="utf-8")
    return load_bytes(text.encode(), str(path)), path


def test_a_body_page_names_the_post_each_liaison_runs_through(tmp_path: Path) -> None:
    model, _ = _model(tmp_path)
    page = body_page(model, "nova", diagram=_AROUND, as_of=None)
    assert "has a liaison to this (through Amy Ash)" in page
    assert "has a liaison to this (through Bo Birch)" in page
    tc = body_page(model, "tc", diagram=_AROUND, as_of=None)
    assert "(through Amy Ash)" in tc
    assert "(through Bo Birch)" in tc


def test_show_as_json_gives_each_liaisons_post(tmp_path: Path) -> None:
    _, path = _model(tmp_path)
    card = json.loads(support.ask("show", str(path), "nova", "--format", "json"))
    assert sorted((line["body"], line["by"]) for line in card["lines_in"]) == [("tc", "amy"), ("tc", "bo")]
    out = json.loads(support.ask("show", str(path), "tc", "--format", "json"))
    assert {line["by"] for line in out["lines_out"] if line["relation"] == "liaison_to"} == {"amy", "bo"}
    assert [line["by"] for line in out["lines_out"] if line["relation"] == "reports_to"] == []


def test_a_papers_lines_in_name_each_liaisons_post(tmp_path: Path) -> None:
    model, _ = _model(tmp_path)
    document = Document(io.BytesIO(paper_docx(model, bodies=["Nova"])))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    lines_in = next(text for text in cells if "liaison" in text)
    assert "TC (through Amy Ash) has a liaison to it" in lines_in
    assert "TC (through Bo Birch) has a liaison to it" in lines_in


@pytest.mark.xdist_group("html-browser")
def test_the_interactive_pages_card_names_each_liaisons_post(browser: Any, tmp_path: Path) -> None:
    model, _ = _model(tmp_path)
    support.engine()
    page_file = tmp_path / "liaisons.html"
    page_file.write_text(html_page(model), encoding="utf-8")
    session = support.Session(browser, page_file)
    session.page.click('g.node[data-id="nova"]')
    card = session.page.locator("#gg-card").inner_text()
    assert "TC (through Amy Ash) liaison to it" in card
    assert "TC (through Bo Birch) liaison to it" in card
    session.assert_clean()
    session.context.close()
