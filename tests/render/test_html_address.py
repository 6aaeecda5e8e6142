"""The interactive page opened at an address that names a body, or that is not valid percent-encoding, in real
headless Chromium (the browser and the page are fixtures of tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

# One test process runs this file's tests (`--dist loadgroup`): a browser starts per file, which each process running
# one of them would do again.
pytestmark = pytest.mark.xdist_group("html-address")


def _open(browser: Any, page_file: Path, fragment: str) -> tuple[Any, list[str], Any]:
    """The page opened at `page_file#fragment`, ready; its errors; its context (to close)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(page_file.resolve().as_uri() + "#" + fragment)
    page.wait_for_selector("html[data-ready=true]", timeout=10_000)
    return page, errors, context


@pytest.mark.parametrize("fragment", ["%", "%E0%A4%A", "pc%ag", "%%pcag", "constructor", "__proto__", "toString"])
def test_an_address_that_names_no_body_opens_the_page_ready_with_nothing_selected(
    browser: Any,
    london_page: Path,
    fragment: str,
) -> None:
    page, errors, context = _open(browser, london_page, fragment)
    try:
        assert page.evaluate("location.hash") == "#" + fragment
        assert errors == []
        assert page.eval_on_selector_all("g.node.gg-hl", "els => els.length") == 0
        assert page.locator("#gg-search").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("fragment", ["pcag", "community-chest"])
def test_an_address_that_names_a_body_opens_with_it_selected(
    browser: Any,
    london_page: Path,
    fragment: str,
) -> None:
    page, errors, context = _open(browser, london_page, fragment)
    try:
        assert errors == []
        selected = page.eval_on_selector_all("g.node.gg-hl", "els => els.map(e => e.dataset.id)")
        assert fragment in selected
    finally:
        context.close()
