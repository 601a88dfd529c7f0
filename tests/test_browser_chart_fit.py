"""Every chart on every page fits its column at 1280 px (issue 21: "Nothing is clipped").

The one fit check of the book at desktop width: it walks every page with a chart, so a
chart widened later (a longer end label, a legend on the right) fails here instead of
running past the column unnoticed. (The phone-width checks live beside their pages.)
"""

from __future__ import annotations

import pytest

from tests.conftest import opened_page

CHART_PAGES = (
    "book/index.html",
    "book/stack-2023.html",
    "book/apps.html",
    "book/models.html",
    "book/infrastructure.html",
    "book/profit-pools.html",
    "book/verdict.html",
    "book/data.html",
)


@pytest.mark.parametrize("rel", CHART_PAGES)
def test_every_chart_fits_its_column(browser, site_url, rel: str) -> None:
    with opened_page(browser, site_url, rel) as p:
        sizes = p.eval_on_selector_all(
            "figure.gai-chart",
            "fs => fs.map(f => [f.id, f.getBoundingClientRect().width,"
            " (f.querySelector('svg') || f).getBoundingClientRect().width])",
        )
    assert sizes, f"{rel} drew no chart"
    wide = [(fid, round(svg), round(fig)) for fid, fig, svg in sizes if svg > fig + 1]
    assert not wide, f"charts wider than their column (id, drawing, column): {wide}"
