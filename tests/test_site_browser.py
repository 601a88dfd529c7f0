"""Every page of the built book in a real Chromium (Playwright + Debian chromium).

For each page: it loads; no request leaves 127.0.0.1 (such requests are
blocked and recorded); no console error and no page error; every chart draws
its marks; a screenshot is saved to ``_build/screenshots``.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.conftest import ROOT, site_dir, wait_until_settled
from tests.site_pages import content_pages

SCREENSHOTS = ROOT / "_build" / "screenshots"
PAGES = content_pages(site_dir()) if (site_dir() / "index.html").exists() else ["<no site built>"]
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _open(browser, url: str):
    """Open ``url``; return (page, outside requests, console errors, page errors)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    console: list[str] = []
    errors: list[str] = []

    def route(route):
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    # errors, and warnings too: Vega-Lite warns in the console about a spec it had to guess at
    page.on(
        "console",
        lambda m: console.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None,
    )
    page.on("pageerror", lambda e: errors.append(str(e)))
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, f"{url} answered {response and response.status}"
    return page, outside, console, errors


def _wait_for_charts(page) -> int:
    n = page.locator("figure.gai-chart").count()
    wait_until_settled(page)
    return n


@pytest.mark.parametrize("rel", PAGES)
def test_page_loads_offline_without_errors_and_draws_charts(browser, site_url, rel: str):
    assert rel != "<no site built>", "no built book: run `make test`"
    page, outside, console, errors = _open(browser, f"{site_url}/{rel}")
    try:
        n_charts = _wait_for_charts(page)
        page.wait_for_load_state("networkidle")
        failed = page.eval_on_selector_all(
            "figure.gai-chart[data-error]", "fs => fs.map(f => f.id + ': ' + f.dataset.error)"
        )
        assert not failed, f"charts failed to draw: {failed}"
        marks = page.eval_on_selector_all(
            "figure.gai-chart",
            "fs => fs.map(f => [f.id, f.querySelectorAll("
            '\'svg g[class*="mark-"] > path, svg g[class*="mark-"] > rect, '
            'svg g[class*="mark-"] > circle, svg g[class*="mark-"] > line, '
            'svg g[class*="mark-"] > g > path, svg g[class*="mark-"] > g > rect\').length])',
        )
        empty = [cid for cid, count in marks if count == 0]
        assert not empty, f"charts with no marks drawn: {empty}"
        assert len(marks) == n_charts
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / (rel.replace("/", "__") + ".png")), full_page=True)
    finally:
        page.context.close()
    assert not outside, f"requests left 127.0.0.1: {outside}"
    assert not errors, f"page errors: {errors}"
    assert not console, f"console errors or warnings: {console}"


def test_chart_pages_load_the_runtime_once_and_plain_pages_not_at_all(site: Path):
    for rel in content_pages(site):
        html = (site / rel).read_text(encoding="utf-8")
        has_chart = 'class="gai-chart"' in html
        loads = html.count("vega-runtime.js")
        assert loads == (1 if has_chart else 0), f"{rel}: vega-runtime.js included {loads} times"
