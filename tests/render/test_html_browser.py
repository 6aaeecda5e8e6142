"""The interactive page in a real browser: Playwright driving the system Chromium, with the network blocked.

Needs Chromium (`apt-get install chromium`), Playwright for Python and a Graphviz engine. Without them the test
skips, and fails instead when GOVGRAPH_REQUIRE_ENGINES=1 (as in CI). Playwright's own browser download does not
work here, so the system's executable is launched. Screenshots are kept under $GOVGRAPH_ARTIFACTS (default
tests/artifacts/, which git ignores).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from govgraph.model import Model, PartialDate
from govgraph.queries import chain, under
from support import Session, artifacts, chromium_path

# One test process runs this file's tests (`--dist loadgroup`): a browser starts per file, which each process running
# one of them would do again.
pytestmark = pytest.mark.xdist_group("html-browser")


def test_missing_chromium_fails_when_engines_are_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVGRAPH_CHROMIUM", "")
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setenv("GOVGRAPH_REQUIRE_ENGINES", "1")
    with pytest.raises(pytest.fail.Exception, match="GOVGRAPH_REQUIRE_ENGINES=1"):
        chromium_path()
    monkeypatch.setenv("GOVGRAPH_REQUIRE_ENGINES", "0")
    with pytest.raises(pytest.skip.Exception):
        chromium_path()


def expected(model: Model, body: str, as_of: PartialDate | None = None) -> set[str]:
    """What selecting `body` must highlight: its line of accountability and what reports into it, as govgraph's
    own `chain` and `under` answer."""
    up = chain(model, body, as_of=as_of)
    down = under(model, body, as_of=as_of)
    return {row.body for row in up.rows} | set(down.bodies) | {body}


def test_search_click_date_in_the_browser(browser: Any, london_page: Path, london: Model) -> None:
    session = Session(browser, london_page)
    page = session.page

    page.fill("#gg-search", "PCAG")
    first = page.locator(".gg-entry:not([hidden])").first
    assert first.get_attribute("data-id") == "pcag"
    assert page.locator(".gg-entry:not([hidden])").count() < len(london.bodies)
    assert "pcag" in page.eval_on_selector_all("g.node.gg-match", "els => els.map(e => e.dataset.id)")

    page.click("#gg-fit")  # the page opens on the top levels, at a size that can be read: all of it, to click
    page.click('g.node[data-id="community-chest"]')
    wanted = expected(london, "community-chest")
    assert len(wanted) > 2
    assert session.highlighted() == wanted
    assert page.locator("#gg-card h2").inner_text() == london.bodies["community-chest"].name
    # The body's page is Markdown, which a browser shows as raw text: it is named, not linked; the card is it.
    assert page.locator("#gg-card a.gg-doc").count() == 0
    assert "bodies/community-chest.md" in page.locator("#gg-card").inner_text()
    page.screenshot(path=str(artifacts() / "html-london-selected.png"))

    page.fill("#gg-date", "2024-06")
    # The file records no status for the programme before it closed: the page makes none up.
    assert page.get_attribute('g.node[data-id="clp"]', "data-status") == "not_recorded"
    assert page.locator('.gg-entry[data-id="clp"] [data-status]').inner_text() == "status not recorded"
    page.fill("#gg-date", "2025-04")
    clp = page.locator('g.node[data-id="clp"]')
    assert clp.get_attribute("data-status") == "closed"
    assert "closed" in clp.locator("text.gg-kind").text_content()
    assert page.locator('.gg-entry[data-id="clp"] [data-status]').inner_text() == "closed"
    april = PartialDate.parse("2025-04")
    assert session.highlighted() == expected(london, "community-chest", april)
    page.screenshot(path=str(artifacts() / "html-london-april-2025.png"))

    page.click("#gg-record")
    assert session.highlighted() == wanted
    page.uncheck("#gg-dotted")
    assert page.locator("g.edge.relation-dotted_to").first.is_hidden()
    page.check("#gg-dotted")
    assert page.locator("g.edge.relation-dotted_to").first.is_visible()

    before = page.get_attribute("#gg-svg", "viewBox")
    page.click("#gg-zoom-in")
    assert page.get_attribute("#gg-svg", "viewBox") != before
    session.assert_clean()
    session.context.close()


def test_keyboard_only(browser: Any, london_page: Path, london: Model) -> None:
    session = Session(browser, london_page)
    page = session.page
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "gg-search":
            break
    assert page.evaluate("document.activeElement.id") == "gg-search"
    page.keyboard.type("community chest")
    page.keyboard.press("Enter")
    assert session.highlighted() == expected(london, "community-chest")

    page.keyboard.press("Escape")  # clears the search box
    page.keyboard.type("lceg")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("[document.activeElement.className, document.activeElement.dataset.id]")
    assert focused == ["gg-item", "lceg"]
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focus is visible
    page.keyboard.press("Enter")
    assert session.highlighted() == expected(london, "lceg")

    # A body in the diagram itself, reached with Tab and opened with Enter.
    page.focus('g.node[data-id="pcag"]')
    page.keyboard.press("Tab")
    focused_id = page.evaluate("document.activeElement.dataset.id")
    assert focused_id in london.bodies
    page.keyboard.press("Enter")
    assert session.highlighted() == expected(london, focused_id)
    page.screenshot(path=str(artifacts() / "html-london-keyboard.png"))
    session.assert_clean()
    session.context.close()


def test_dark_mode_and_the_policy_is_enforced(browser: Any, london_page: Path) -> None:
    session = Session(browser, london_page, color_scheme="dark")
    page = session.page
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(15, 20, 25)"  # --gg-bg of the dark palette
    page.click('g.node[data-id="pcag"]')
    page.screenshot(path=str(artifacts() / "html-london-dark.png"))
    session.assert_clean()
    # The policy is live: a script added to the page does not run, and the browser reports why.
    ran = page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
        " document.body.appendChild(s); return window.__ran === 1; }"
    )
    assert ran is False
    assert any("script-src" in v for v in session.violations())
    session.context.close()
