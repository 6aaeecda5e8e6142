"""The interactive page of a large structure (600 bodies) in a real browser, at laptop sizes.

It opens on something a person can read (the top levels, names at least `READABLE_PX` pixels high, at 1280x800
and 1024x700), a box standing for more opens its branch and the path above the diagram goes back, and a search
goes to the body, wherever it is drawn, at a size that can be read. Needs Chromium, Playwright and a Graphviz
engine, as tests/render/test_html_browser.py does; screenshots are kept with its.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from govgraph.loading import load_bytes
from govgraph.render.html import html_page
from support import REPO as ROOT
from support import Session, artifacts, engine_or_none

# One test process runs this file's tests (`--dist loadgroup`): its page of 600 bodies takes 3 s to write, and a
# browser starts per file, which each process running one of them would do again.
pytestmark = pytest.mark.xdist_group("html-large")

#: Names on screen at least this many pixels high: the page's own aim is 12.
READABLE_PX = 11.5
SIZES = [(1280, 800), (1024, 700)]


@pytest.fixture(scope="module")
def large_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The page of the benchmark generator's deep structure of 600 bodies."""
    if engine_or_none() is None:
        pytest.skip("no Graphviz engine (install graphviz or graphviz-pure)")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from shapes import shape_model
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    model = load_bytes(shape_model("deep", 600).encode("utf-8"), "deep-600.yaml")
    path = tmp_path_factory.mktemp("html") / "deep-600.html"
    path.write_text(html_page(model, doc_links="bodies/{id}/"), encoding="utf-8")
    return path


def shown(page: Any) -> str:
    found: str = page.eval_on_selector(".gg-sheet:not([hidden])", "e => e.dataset.sheet")
    return found


def name_px(page: Any) -> float:
    """How many pixels high a body's name is drawn on the sheet shown (names are 12 units of its drawing)."""
    found: float = page.evaluate("() => 12 * document.querySelector('.gg-sheet:not([hidden]) svg').getScreenCTM().a")
    return found


def on_screen(page: Any, selector: str) -> bool:
    """Whether the element is drawn within the diagram's viewport (not clipped off it)."""
    inside: bool = page.evaluate(
        """s => { const e = document.querySelector(s).getBoundingClientRect();
                  const v = document.getElementById('gg-viewport').getBoundingClientRect();
                  return e.width > 0 && e.left >= v.left - 1 && e.right <= v.right + 1 &&
                         e.top >= v.top - 1 && e.bottom <= v.bottom + 1; }""",
        selector,
    )
    return inside


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_it_opens_on_the_top_levels_readably(browser: Any, large_page: Path, width: int, height: int) -> None:
    session = Session(browser, large_page, viewport={"width": width, "height": height})
    page = session.page
    data = session.data()
    first = data["sheets"][0]
    assert len(data["sheets"]) > 1
    assert shown(page) == first["id"]
    assert name_px(page) >= READABLE_PX
    assert on_screen(page, f'.gg-sheet:not([hidden]) g.node[data-id="{first["start"]}"]')
    # The page's title is clear of its controls: their boxes do not overlap.
    title = page.locator(".gg-header h1").bounding_box()
    controls = page.locator(".gg-controls").bounding_box()
    assert title is not None
    assert controls is not None
    apart = (
        title["x"] + title["width"] <= controls["x"]
        or controls["x"] + controls["width"] <= title["x"]
        or title["y"] + title["height"] <= controls["y"]
        or controls["y"] + controls["height"] <= title["y"]
    )
    assert apart, (title, controls)
    page.screenshot(path=str(artifacts() / f"html-600-open-{width}.png"))
    session.assert_clean()
    session.context.close()


def test_a_branch_opens_and_the_path_goes_back(browser: Any, large_page: Path) -> None:
    session = Session(browser, large_page, viewport={"width": 1280, "height": 800})
    page = session.page
    overview = shown(page)
    box = page.locator(".gg-sheet:not([hidden]) g.node[data-opens][data-id]").first
    body = box.get_attribute("data-id")
    target = box.get_attribute("data-opens")
    box.click()
    assert shown(page) == target
    # The body is selected and drawn as itself there, with its card.
    assert page.locator("#gg-card h2").inner_text() == session.data()["nodes"][body]["name"]
    assert on_screen(page, f'.gg-sheet:not([hidden]) g.node[data-id="{body}"]:not([data-context])')
    assert name_px(page) >= READABLE_PX
    page.screenshot(path=str(artifacts() / "html-600-branch.png"))
    page.locator("#gg-path button").first.click()
    assert shown(page) == overview
    session.assert_clean()
    session.context.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_search_goes_to_the_body_wherever_it_is_drawn(browser: Any, large_page: Path, width: int, height: int) -> None:
    session = Session(browser, large_page, viewport={"width": width, "height": height})
    page = session.page
    data = session.data()
    # A body drawn only on a later sheet: the deepest of the last sheet.
    home = data["home"]
    body = sorted(b for b, sheet in home.items() if sheet == data["sheets"][-1]["id"])[-1]
    page.fill("#gg-search", data["nodes"][body]["name"])
    page.keyboard.press("Enter")
    assert shown(page) == home[body]
    selector = f'.gg-sheet:not([hidden]) g.node[data-id="{body}"]:not([data-context])'
    assert on_screen(page, selector)
    assert "gg-selected" in (page.get_attribute(selector, "class") or "")
    assert name_px(page) >= READABLE_PX
    page.screenshot(path=str(artifacts() / f"html-600-search-{width}.png"))
    session.assert_clean()
    session.context.close()


def test_an_ended_reporting_line_is_grey_and_solid_not_dotted(browser: Any, london_page: Path) -> None:
    session = Session(browser, london_page)
    page = session.page
    page.fill("#gg-date", "2025-04")  # the programme closed in March 2025: its line to PCAG had ended
    line = "g.edge[data-edge].relation-reports_to.gg-ended path"
    assert page.locator(line).count() > 0
    dashes = page.eval_on_selector_all(line, "els => els.map(e => getComputedStyle(e).strokeDasharray)")
    assert set(dashes) == {"none"}  # a steering line is dotted; an ended reporting line is not
    steering = "g.edge[data-edge].relation-steers.gg-ended path"
    assert set(page.eval_on_selector_all(steering, "els => els.map(e => getComputedStyle(e).strokeDasharray)")) != {
        "none"
    }
    session.assert_clean()
    session.context.close()


def test_a_status_in_the_list_stays_inside_its_card_on_a_small_screen(browser: Any, large_page: Path) -> None:
    # "status not recorded" beside "advisory group" was cut off at the sidebar's edge at 1024x700.
    session = Session(browser, large_page, viewport={"width": 1024, "height": 700})
    outside: list[str] = session.page.evaluate(
        """() => [...document.querySelectorAll('.gg-item')].slice(0, 40).flatMap(item => {
                 const box = item.getBoundingClientRect();
                 return [...item.querySelectorAll('.gg-badge')]
                   .filter(b => b.getBoundingClientRect().right > box.right + 0.5)
                   .map(b => b.textContent); })"""
    )
    assert outside == []
    session.assert_clean()
