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


PHONE = {"width": 390, "height": 844}
"""A phone's viewport (CSS px), as a reader holds it."""

WIDE_THINGS = """() => {
  const W = document.documentElement.clientWidth;
  const root = document.querySelector('.bd-article-container') || document.body;
  const offenders = [];
  for (const el of root.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (!r.width || r.right <= W + 1) continue;
    // a table or chart may be wider than the screen inside a box that scrolls sideways
    let p = el.parentElement, scrolls = false;
    while (p && p !== root.parentElement) {
      const s = getComputedStyle(p).overflowX;
      if ((s === 'auto' || s === 'scroll') && p.getBoundingClientRect().right <= W + 1) {
        scrolls = true;
        break;
      }
      p = p.parentElement;
    }
    const name = `${el.tagName.toLowerCase()}.${el.className}`;
    if (!scrolls) offenders.push(`${name} ends at ${Math.round(r.right)}`);
  }
  return [document.documentElement.scrollWidth, W, offenders.slice(0, 5)];
}"""


@pytest.mark.parametrize("rel", PAGES)
def test_page_reads_at_a_phone_width_without_sideways_scrolling(browser, site_url, rel: str):
    """Issue 21: readable at 390 px. The page body never scrolls sideways and nothing in the
    article runs past the screen's edge unless it sits in its own scrolling box."""
    assert rel != "<no site built>", "no built book: run `make test`"
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{rel}", wait_until="load")
        wait_until_settled(page)
        scroll_width, width, offenders = page.evaluate(WIDE_THINGS)
    finally:
        context.close()
    assert scroll_width <= width, f"{rel}: the page is {scroll_width} px wide at {width} px"
    assert not offenders, f"{rel}: runs past the screen at {width} px: {offenders}"


@pytest.mark.parametrize("rel", ["book/verdict.html", "book/infrastructure.html", "book/data.html"])
def test_verdict_tables_and_the_catalogue_fit_their_column(browser, site_url, site, rel: str):
    """Issue 21: at a desktop width the verdict tables and the Data page's catalogue are
    whole inside the text column: no sideways scrolling, no cell text running over."""
    if not (site / rel).exists():
        pytest.skip(f"{rel} is not in this build")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{rel}", wait_until="load")
        wait_until_settled(page)
        found = page.evaluate(
            """() => {
              const out = [];
              for (const t of document.querySelectorAll('table.gai-verdicts, table.gai-catalog')) {
                // a full_width cell (the scorecard) may use the contents' margin, no more
                const wide = t.closest('.tag_full_width') ? 'main' : '.bd-article-container';
                const col = document.querySelector(wide).getBoundingClientRect().right;
                const box = t.closest('.gai-table-scroll') || t;
                const over = [...t.querySelectorAll('th, td')]
                  .filter(c => c.scrollWidth > c.clientWidth + 1).length;
                out.push([t.className, Math.round(box.getBoundingClientRect().right - col),
                          box.scrollWidth - box.clientWidth, over]);
              }
              return out;
            }"""
        )
    finally:
        context.close()
    assert found, f"{rel}: no verdict table or catalogue"
    for name, past, scroll, over in found:
        assert past <= 1 and scroll <= 1, f"{rel}: {name} runs {past} px past its column"
        assert over == 0, f"{rel}: {name} has {over} cells whose text runs over"
