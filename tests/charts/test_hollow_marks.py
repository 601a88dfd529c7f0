"""A figure resting on an aggregator or blog is drawn hollow (issue 17), in every
financial chart: the grade comes from provenance.row_grades, the encoding from
theme.hollow_weak, and finish() says in the subtitle what hollow means.

Each case builds a chart on rows of which exactly one cites an aggregator, renders it
with vl-convert (as the book's PNG/SVG downloads are) and finds exactly that mark with
a zero fill opacity.
"""

from __future__ import annotations

import re

import altair as alt
import pandas as pd
import pytest
import vl_convert

from analysis.charts import finish, theme
from analysis.charts.apps import margin_slider_chart, revenue_chart
from analysis.charts.apps_prices import price_decline_chart
from analysis.charts.infrastructure_data import capex_chart, nvidia_quarterly_chart
from analysis.charts.models_quality import price_comparison
from analysis.charts.models_valuation import valuation_multiples

SOURCES = pd.DataFrame(
    {
        "source_id": ["co", "news", "blog"],
        "publisher": ["Company", "Reuters", "A blog"],
        "grade": ["primary", "outlet", "aggregator"],
    }
)
MARK = re.compile(r'<path [^>]*aria-roledescription="(?:bar|point)"[^>]*>')


def marks(chart) -> list[tuple[str, str]]:
    """(aria-label, fill-opacity) of every bar or point the chart draws."""
    svg = vl_convert.vegalite_to_svg(chart.to_dict())
    out = []
    for tag in MARK.findall(svg):
        label = re.search(r'aria-label="([^"]*)"', tag)
        opacity = re.search(r'fill-opacity="([^"]*)"', tag)
        out.append((label.group(1) if label else "", opacity.group(1) if opacity else "1"))
    return out


def hollow(chart) -> list[str]:
    return [label for label, opacity in marks(chart) if float(opacity) == 0]


def nvidia_rows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "fiscal_year": [2024, 2024],
            "fiscal_quarter": [1, 2],
            "period_end": ["2023-04-30", "2023-07-30"],
            "total_revenue_usd_m": [7192.0, 13507.0],
            "data_center_revenue_usd_m": [4284.0, None],
            "total_yoy_growth": [0.1, 0.2],
            "data_center_yoy_growth": [0.1, None],
            "total_source_id": ["co", "blog"],
            "data_center_source_id": ["news", ""],
        }
    )


def test_nvidia_bar_from_an_aggregator_is_the_one_hollow_bar():
    chart = nvidia_quarterly_chart(nvidia_rows(), SOURCES)
    drawn = marks(chart)
    assert len(drawn) == 3  # two totals, one Data Center figure
    (only,) = hollow(chart)
    assert "13.507" in only and "Total revenue" in only
    assert hollow(nvidia_quarterly_chart(nvidia_rows())) == []  # no sources: all filled


def test_capex_bar_resting_partly_on_an_aggregator_is_hollow():
    years = pd.DataFrame(
        {
            "company": ["Amazon", "Alphabet", "Microsoft", "Meta"],
            "year": [2024] * 4,
            "year_type": ["calendar", "calendar", "fiscal", "calendar"],
            "capex_usd_bn": [83.0, 52.5, 44.5, 39.2],
            "definition": ["ppe_purchases"] * 4,
            "basis": ["reported"] * 4,
            "source_id": ["co", "news;co", "co;blog", "co"],  # a year summed from quarters
        }
    )
    nv = pd.DataFrame(
        {"calendar_year": [2024], "data_center_revenue_usd_m": [115_000.0], "quarters": ["4"]}
    )
    (only,) = hollow(capex_chart(years, nv, 2024, 50.0, SOURCES))
    assert "Microsoft" in only


def test_revenue_point_from_a_blog_is_hollow_and_an_estimate_lighter():
    points = pd.DataFrame(
        {
            "date": pd.to_datetime(["2023-01-01", "2024-01-01", "2025-01-01"]),
            "company": ["A", "A", "B"],
            "layer": "apps",
            "metric": "annualized_run_rate",
            "value_usd_m": [50.0, 150.0, 300.0],
            "basis": ["reported", "estimated", "reported"],
            "source_id": ["co", "news", "blog"],
        }
    )
    chart = revenue_chart(points, ["A"], 100.0, "2023-01-19", SOURCES)
    opacities = sorted(float(o) for _, o in marks(chart))
    assert opacities == [0.0, theme.SOURCING_OPACITY[theme.LIGHT], 1.0]
    (only,) = hollow(chart)
    assert "300" in only


def test_price_change_from_an_aggregator_is_a_hollow_point():
    series = pd.DataFrame(
        {
            "threshold": [70.0, 70.0],
            "month": pd.to_datetime(["2024-01-01", "2024-02-01"]),
            "model": ["m1", "m2"],
            "provider": ["P", "Q"],
            "blended_usd_per_mtok": [10.0, 2.5],
            "input_usd_per_mtok": [5.0, 1.0],
            "output_usd_per_mtok": [25.0, 7.0],
            "source_id": ["co", "blog"],
        }
    )
    trend = pd.DataFrame(
        {
            "threshold": [70.0],
            "month": pd.to_datetime(["2024-01-01"]),
            "fitted_usd_per_mtok": [9.0],
        }
    )
    (only,) = hollow(price_decline_chart(series, trend, "MMLU", sources=SOURCES))
    assert "m2" in only


def test_valuation_point_is_hollow_when_its_valuation_or_revenue_rests_on_a_blog():
    multiples = pd.DataFrame(
        {
            "company": ["A", "A", "B"],
            "date": pd.to_datetime(["2023-01-01", "2024-01-01", "2024-06-01"]),
            "round_type": ["series_a"] * 3,
            "post_money_valuation_usd_m": [1000.0, 3000.0, 2000.0],
            "revenue_usd_m": [100.0, 200.0, 100.0],
            "revenue_metric": ["annualized_run_rate"] * 3,
            "revenue_date": pd.to_datetime(["2023-01-01", "2024-01-01", "2024-06-01"]),
            "revenue_basis": ["reported", "reported", "estimated"],
            "days_offset": [0, 0, 0],
            "multiple": [10.0, 15.0, 20.0],
            "round_valuation_source_id": ["news", "news", "blog"],
            "revenue_source_id": ["co", "blog", "news"],
        }
    )
    found = hollow(valuation_multiples(multiples, SOURCES))
    assert len(found) == 2
    assert sorted(re.search(r"Multiple \(×\): ([\d.]+)", f).group(1) for f in found) == [
        "15.0",
        "20.0",
    ]


def test_reference_price_from_an_aggregator_is_a_hollow_marker_on_the_margin_slider():
    refs = pd.DataFrame(
        {
            "label": ["first: $2.00", "last: $0.13"],
            "capability": ["MMLU ≥ 70", "MMLU ≥ 70"],
            "when": ["first month", "last month"],
            "token_price": [2.0, 0.13125],
            "model": ["m-first", "m-last"],
            "source_id": ["co", "blog"],
        }
    )
    chart = margin_slider_chart(
        refs, price_per_user_usd_month=20.0, mtok_per_user_month=3.0, other_cost_share=0.15,
        target_margin=0.55, margin_band=(0.5, 0.6), sources=SOURCES,
    )  # fmt: skip
    (only,) = hollow(chart)
    assert "m-last" in only


def test_priced_model_from_an_aggregator_is_the_hollow_background_point():
    comparison = pd.DataFrame(
        {
            "month": pd.to_datetime(["2024-01-01"]),
            "closed_model": ["c"], "closed_provider": ["C"], "closed_score": [80.0],
            "closed_usd_per_mtok": [10.0], "open_model": ["o"], "open_provider": ["O"],
            "open_score": [79.0], "open_usd_per_mtok": [1.0], "price_ratio": [10.0],
        }
    )  # fmt: skip
    priced = pd.DataFrame(
        {
            "model": ["c", "o"], "provider": ["C", "O"],
            "effective_date": pd.to_datetime(["2024-01-01", "2024-01-01"]),
            "blended": [10.0, 1.0], "open_weights": [False, True], "score": [80.0, 79.0],
            "source_id": ["news", "blog"],
        }
    )  # fmt: skip
    (only,) = hollow(price_comparison(comparison, priced, SOURCES))
    assert "Open weights" in only


@pytest.mark.parametrize(
    ("grades", "estimated", "key"),
    [
        (["primary", "outlet"], None, None),
        (
            ["primary", "aggregator"],
            None,
            "Hollow: from an aggregator or blog (no stronger source stored)",
        ),
        (
            ["outlet", "aggregator"],
            [True, False],
            "Lighter: an estimate; hollow: from an aggregator",
        ),
    ],
)
def test_finish_says_what_hollow_means_only_when_a_chart_draws_one(grades, estimated, key):
    frame = pd.DataFrame({"x": [1, 2], "y": [1, 2]})
    est = pd.Series(estimated) if estimated is not None else None
    frame["sourcing"] = theme.sourcing(pd.Series(grades), est)
    chart = alt.Chart(frame).mark_point(filled=True).encode(x="x:Q", y="y:Q")
    chart = chart.encode(**theme.hollow_weak(frame))
    out = finish(
        chart, chart_id="t", title="T", alt_text="a", source="s", data_as_of="2026-01-01",
        subtitle="First line",
    )  # fmt: skip
    subtitle = out.to_dict()["title"]["subtitle"]
    if key is None:
        assert subtitle == "First line"
    else:
        assert subtitle[0] == "First line" and subtitle[1].startswith(key)


def test_encodings_the_browser_accepts_without_a_warning():
    # Chromium's Vega-Lite warns on an unsorted discrete fillOpacity, and on a stroke
    # legend=None beside the colour's legend on the same field (DEVELOPING.md, Charts).
    frame = pd.DataFrame({"k": ["a", "b"], "sourcing": [theme.HOLLOW, theme.FILLED]})
    color = alt.Color("k:N", legend=alt.Legend(title="K"))
    enc = {k: v.to_dict() for k, v in theme.hollow_weak(frame, color).items()}
    assert enc["fillOpacity"]["sort"] == enc["fillOpacity"]["scale"]["domain"]
    assert enc["fillOpacity"]["scale"] == {
        "type": "ordinal", "domain": [theme.FILLED, theme.HOLLOW], "range": [1.0, 0.0]
    }  # fmt: skip
    assert enc["stroke"] == color.to_dict()
