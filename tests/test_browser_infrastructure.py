"""The value-flow chart's sliders work in the static book (Chromium, no kernel).

Moves each slider of ``fig-infrastructure-flow`` and checks that the drawn
bars and their percentage labels change, and that the labels show the split
:func:`analysis.infrastructure.value_flow.split_dollar` computes for the new values.
"""

from __future__ import annotations

import pytest

from analysis.infrastructure import value_flow as vf
from tests.conftest import opened_page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PAGE = "book/infrastructure.html"
FIG = "#fig-infrastructure-flow"


@pytest.fixture()
def page(browser, site_url):
    with opened_page(browser, site_url, PAGE) as p:
        yield p


def _drawn(page) -> tuple[list[str], list[str]]:
    """(bar path shapes, label texts) of the flow chart, in drawing order."""
    paths = page.eval_on_selector_all(
        f"{FIG} svg g.mark-rect path", "ps => ps.map(p => p.getAttribute('d'))"
    )
    texts = page.eval_on_selector_all(
        f"{FIG} svg g.mark-text text", "ts => ts.map(t => t.textContent)"
    )
    return paths, texts


def _set(page, label: str, value: float) -> None:
    slider = page.locator(f"{FIG} .vega-bindings label", has_text=label).locator(
        "input[type=range]"
    )
    slider.fill(str(value))
    slider.dispatch_event("input")
    slider.dispatch_event("change")
    page.wait_for_timeout(150)


def test_flow_chart_has_four_named_sliders(page):
    names = page.eval_on_selector_all(
        f"{FIG} .vega-bindings .vega-bind-name", "ns => ns.map(n => n.textContent.trim())"
    )
    assert len(names) == 4
    assert any("inference share" in n for n in names)
    assert page.locator(f"{FIG} input[type=range]").count() == 4


def test_each_slider_changes_the_drawn_flow(page):
    before = _drawn(page)
    assert before[0] and before[1], "the flow chart drew no bars or labels"
    labels = ["Apps' inference share", "via model providers", "Model providers' cloud share"]
    for label, value in zip(labels, (0.5, 0.2, 0.8), strict=True):
        prev = _drawn(page)
        _set(page, label, value)
        after = _drawn(page)
        assert after[0] != prev[0], f"moving {label!r} did not change the bars"
    # the hardware slider changes the split between clouds and hardware only
    prev = _drawn(page)
    _set(page, "hardware share", 0.9)
    assert _drawn(page)[0] != prev[0]


def test_labels_follow_the_model(page):
    _set(page, "Apps' inference share", 0.4)
    _set(page, "via model providers", 1.0)
    _set(page, "Model providers' cloud share", 0.5)
    split = vf.split_dollar(0.4, 1.0, 0.5, 0.45)
    texts = _drawn(page)[1]
    assert f"{split['apps']:.0%}" in texts  # 60%
    assert f"{split['models']:.0%}" in texts  # 20%
    # the essay's upper end: all inference via model providers, s = 40% -> 20% to clouds
    assert any(t.startswith(f"{split['to_clouds']:.0%} to clouds") for t in texts)
    _set(page, "via model providers", 0.0)
    texts = _drawn(page)[1]
    assert any(t.startswith("40% to clouds") for t in texts)


# ---------------------------------------------------------------- issue 21: nothing clipped

_BOXES = """fig => [...fig.querySelectorAll('svg g.mark-text text')]
  .filter(t => t.textContent.trim() && t.getAttribute('opacity') !== '0')
  .map(t => { const r = t.getBoundingClientRect();
              return [t.textContent, r.left, r.top, r.right, r.bottom]; })"""


@pytest.mark.parametrize(
    ("rel", "fig"),
    [
        ("book/profit-pools.html", "fig-profit-margins"),
        ("book/profit-pools.html", "fig-profit-race"),
    ],
)
def test_direct_labels_do_not_collide(browser, site_url, rel, fig):
    """The margin ladder's and the lab race's end labels ("... to Apr 2026") never overlap."""
    with opened_page(browser, site_url, rel) as p:
        boxes = p.eval_on_selector(f"#{fig}", _BOXES)
    labels = [b for b in boxes if " to " in b[0] or "data through" in b[0]]
    assert len(labels) >= 4, f"{fig}: expected its end labels, found {labels}"
    hits = [
        (a[0], b[0])
        for i, a in enumerate(labels)
        for b in labels[i + 1 :]
        if a[1] < b[3] - 1 and b[1] < a[3] - 1 and a[2] < b[4] - 1 and b[2] < a[4] - 1
    ]
    assert not hits, f"{fig}: colliding labels {hits}"
