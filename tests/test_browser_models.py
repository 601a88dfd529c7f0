"""The Models chapter's interactive charts respond to their controls, in Chromium.

Opens the built ``book/models.html`` (``GAI_SITE`` or ``_build/html``), moves
each bound control and checks that the drawn SVG changes.
"""

from __future__ import annotations

import pytest

from tests.conftest import opened_page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PAGE = "book/models.html"


@pytest.fixture()
def page(browser, site_url):
    with opened_page(browser, site_url, PAGE) as p:
        yield p


def _svg(page, figure_id: str) -> str:
    return page.inner_html(f"#{figure_id} svg")


def _texts(page, figure_id: str) -> list[str]:
    return page.eval_on_selector_all(f"#{figure_id} svg text", "ts => ts.map(t => t.textContent)")


def test_every_models_chart_drew(page) -> None:
    ids = page.eval_on_selector_all("figure.gai-chart", "fs => fs.map(f => f.id)")
    assert {
        "fig-models-where-money-went",
        "fig-models-concentration",
        "fig-models-lorenz",
        "fig-models-open-closed-funding",
        "fig-models-valuation",
        "fig-models-gap-lag",
        "fig-models-prices",
        "fig-models-arena",
    } <= set(ids)
    failed = page.eval_on_selector_all(
        "figure.gai-chart[data-error]", "fs => fs.map(f => f.id + ': ' + f.dataset.error)"
    )
    assert not failed


def test_metric_menu_redraws_concentration_lines(page) -> None:
    fig = "fig-models-concentration"
    before = _svg(page, fig)
    page.select_option(f"#{fig} select", "gini")
    page.wait_for_timeout(300)
    after = _svg(page, fig)
    assert after != before
    page.select_option(f"#{fig} select", "top1_share")
    page.wait_for_timeout(300)
    assert _svg(page, fig) == before  # back to the first measure, same drawing


def test_year_slider_moves_the_lorenz_curve_and_gini(page) -> None:
    fig = "fig-models-lorenz"
    slider = page.locator(f"#{fig} input[type=range]")
    label_before = [t for t in _texts(page, fig) if t.startswith("Gini")]
    first_year = slider.get_attribute("min")
    slider.fill(first_year)
    slider.dispatch_event("input")
    slider.dispatch_event("change")
    page.wait_for_timeout(300)
    label_after = [t for t in _texts(page, fig) if t.startswith("Gini")]
    assert label_after and label_after != label_before
    assert label_after[0].endswith(first_year)


def test_benchmark_menu_switches_the_gap_chart(page) -> None:
    fig = "fig-models-gap-lag"
    before = set(_texts(page, fig))
    page.select_option(f"#{fig} select", "arena_elo")
    page.wait_for_timeout(300)
    after = set(_texts(page, fig))
    assert after != before
    # the Arena view has Elo-scale tick labels (four digits) that the MMLU view lacks
    assert any(
        t.replace(",", "").isdigit() and len(t.replace(",", "")) == 4 for t in after - before
    )


CLIPPED = """(fig) => {
  const svg = fig.querySelector('.gai-chart-view svg');
  const box = svg.getBoundingClientRect();
  const column = fig.getBoundingClientRect();
  const cut = [];
  for (const t of svg.querySelectorAll('text')) {
    const r = t.getBoundingClientRect();
    if (!t.textContent.trim() || r.width === 0) continue;
    if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1
        || r.bottom > box.bottom + 1 || r.right > column.right + 1 || r.left < column.left - 1)
      cut.push(t.textContent);
    if (t.textContent.endsWith('…')) cut.push(t.textContent);
  }
  return cut;
}"""


def test_gap_chart_cuts_no_label_for_any_benchmark(page) -> None:
    """Issue 21: after switching benchmark, Figure 3.6's labels were cut on both sides."""
    fig = "fig-models-gap-lag"
    options = page.eval_on_selector_all(f"#{fig} select option", "os => os.map(o => o.value)")
    assert len(options) >= 5
    for option in options:
        page.select_option(f"#{fig} select", option)
        page.wait_for_timeout(300)
        assert page.eval_on_selector(f"#{fig}", CLIPPED) == [], option
        assert any(t.startswith("data through") for t in _texts(page, fig)), option


def test_concentration_axis_title_follows_the_metric(page) -> None:
    """Issue 21: Figure 3.2's axis read "Value (0-1)" for every measure."""
    fig = "fig-models-concentration"
    seen = {}
    for metric in ("top1_share", "top3_share", "hhi", "gini"):
        page.select_option(f"#{fig} select", metric)
        page.wait_for_timeout(300)
        seen[metric] = _texts(page, fig)
        assert "Value (0-1)" not in seen[metric]
        assert page.eval_on_selector(f"#{fig}", CLIPPED) == [], metric
    assert "Largest company's share of funding (%)" in seen["top1_share"]
    assert "Gini coefficient (0 = equal, 1 = one company)" in seen["gini"]
    assert "50%" in seen["top1_share"] and "0.50" not in seen["top1_share"]  # shares in percent
    assert "0.50" in seen["gini"] and "50%" not in seen["gini"]  # indices on 0-1


def test_arena_chart_drew_with_a_data_through_label(page) -> None:
    fig = "fig-models-arena"
    assert page.eval_on_selector(f"#{fig}", "f => !f.dataset.error")
    texts = _texts(page, fig)
    assert any(t.startswith("data through: snapshot") for t in texts)
    assert page.eval_on_selector(f"#{fig}", CLIPPED) == []


def test_front_page_figure_fits_a_phone_column(browser, site_url) -> None:
    """At 390 px (issue 21: readable on a phone) Figure 1 stacks its two panels, so its
    drawing still fits the column."""
    with opened_page(browser, site_url, "book/index.html") as p:
        p.set_viewport_size({"width": 390, "height": 900})
        p.wait_for_timeout(300)
        fig, svg = p.eval_on_selector(
            "#fig-index-pools",
            "f => [f.getBoundingClientRect().width,"
            " f.querySelector('svg').getBoundingClientRect().width]",
        )
    assert svg <= fig + 1, f"Figure 1 is {svg:.0f} px wide in a {fig:.0f} px column"
