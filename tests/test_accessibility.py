"""Accessibility of every built page: axe-core, injected by Playwright into Chromium.

* no serious or critical axe-core violation on any page (the charts drawn
  first, so their SVGs and sliders are checked too);
* every chart has a text alternative, the ``aria-label`` on its figure, which
  a screen reader meets once: the drawing itself (whose SVG would read as a
  jumble of tick labels) and Vega's second label are hidden from it;
* every chart slider has an accessible name and is reachable with the keyboard.

axe-core comes from npm (``benchmarks/package.json``, pinned by its lock file;
``make test`` runs ``npm ci`` there). Nothing here times anything.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import ROOT, site_dir, wait_until_settled
from tests.site_pages import content_pages

AXE = ROOT / "benchmarks" / "node_modules" / "axe-core" / "axe.min.js"
PAGES = content_pages(site_dir()) if (site_dir() / "index.html").exists() else ["<no site built>"]
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
BLOCKING = ("serious", "critical")


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci --prefix benchmarks` (make test does)")
    return AXE.read_text(encoding="utf-8")


def _open_drawn(browser, url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route(
        "**/*",
        lambda r: (
            r.continue_()
            if r.request.url.startswith(("data:", "blob:", "http://127.0.0.1"))
            else r.abort()
        ),
    )
    page = context.new_page()
    page.goto(url, wait_until="load")
    wait_until_settled(page)
    return context, page


def _describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = [" ".join(map(str, n.get("target", []))) for n in v["nodes"][:3]]
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])}x) e.g. {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("rel", PAGES)
def test_no_serious_axe_violations(browser, site_url, axe_source, rel: str):
    assert rel != "<no site built>", "no built book: run `make test`"
    context, page = _open_drawn(browser, f"{site_url}/{rel}")
    try:
        page.add_script_tag(content=axe_source)
        result = page.evaluate(
            "async () => JSON.stringify(await axe.run(document, {resultTypes: ['violations']}))"
        )
        violations = [v for v in json.loads(result)["violations"] if v["impact"] in BLOCKING]
        assert not violations, f"{rel}:\n{_describe(violations)}"
    finally:
        context.close()


@pytest.mark.parametrize("rel", PAGES)
def test_every_chart_has_a_text_alternative_and_keyboard_sliders(browser, site_url, rel: str):
    assert rel != "<no site built>", "no built book: run `make test`"
    context, page = _open_drawn(browser, f"{site_url}/{rel}")
    try:
        charts = page.eval_on_selector_all(
            "figure.gai-chart",
            "fs => fs.map(f => ({id: f.id, label: (f.getAttribute('aria-label') || '').trim()}))",
        )
        for chart in charts:
            where = f"{rel}#{chart['id']}"
            assert chart["label"] and chart["label"] != "Chart", f"{where}: no aria-label"
            assert len(chart["label"]) >= 20, f"{where}: alt text too short"
            # what a screen reader is given: the figure named once, no drawing read out
            tree = page.locator(f"figure#{chart['id']}").aria_snapshot().replace("''", "'")
            assert tree.count(chart["label"][:60]) == 1, f"{where}: alt text read twice\n{tree}"
            assert "- img" not in tree and "graphics" not in tree, f"{where}: drawing exposed"
        sliders = page.eval_on_selector_all(
            "figure.gai-chart input, figure.gai-chart select",
            "els => els.map(e => ({name: (e.labels && e.labels[0] ? e.labels[0].textContent : "
            "e.getAttribute('aria-label') || '').trim(), tab: e.tabIndex, "
            "disabled: e.disabled}))",
        )
        for s in sliders:
            assert s["name"], f"{rel}: a chart control has no accessible name"
            assert s["tab"] >= 0 and not s["disabled"], f"{rel}: a chart control is not focusable"
    finally:
        context.close()
