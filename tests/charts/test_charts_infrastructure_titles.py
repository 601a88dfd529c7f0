"""Titles of the Infrastructure chapter's charts follow the numbers (issue 20, item 6):
each says today's finding at the book's values and turns around when the data or a
parameter turns it around."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.charts import infrastructure_texts as texts
from analysis.infrastructure import flow_uncertainty
from analysis.infrastructure import value_flow as vf

CENTRAL = {
    "app_inference_share": 0.3,
    "via_model_share": 0.7,
    "model_cloud_share": 0.5,
    "cloud_hardware_share": 0.45,
}


def test_flow_title_at_the_books_values():
    assert (
        texts.flow_title(CENTRAL) == "Most of an end-user dollar stays with the app that earned it"
    )


def test_flow_title_flips_when_apps_spend_nearly_everything_on_inference():
    # s = 0.9 straight to clouds, clouds pay 90% on: hardware 0.81 of the dollar
    extreme = {**CENTRAL, "app_inference_share": 0.9, "via_model_share": 0.0}
    extreme["cloud_hardware_share"] = 0.9
    assert texts.flow_title(extreme) == "Most of an end-user dollar ends with hardware vendors"


def test_flow_title_names_the_largest_take_when_none_is_most():
    # s = 0.6 all via models, c = 0.2: models keep 0.48, apps 0.40
    mid = {**CENTRAL, "app_inference_share": 0.6, "via_model_share": 1.0, "model_cloud_share": 0.2}
    assert texts.flow_title(mid) == (
        "The largest part of an end-user dollar, 48%, ends with model providers"
    )


def _summary(p5: float, p50: float, p95: float) -> pd.DataFrame:
    return pd.DataFrame({"p5": [p5], "p50": [p50], "p95": [p95]}, index=["to_clouds"])


def test_monte_carlo_title_at_the_books_values_and_flipped():
    mc = flow_uncertainty.simulate(vf.FlowAssumptions(), n_draws=20_000, seed=1)
    assert texts.monte_carlo_title(mc.summary) == (
        "Under the essay's own ranges, clouds get a fifth of the dollar, not most"
    )
    assert texts.monte_carlo_title(_summary(0.6, 0.7, 0.8)) == (
        "Under the essay's own ranges, clouds get most of the dollar (70% median)"
    )
    assert texts.monte_carlo_title(_summary(0.3, 0.45, 0.6)).endswith("most of it in some draws")


@pytest.mark.parametrize(
    ("share", "words"), [(0.197, "a fifth"), (0.25, "a quarter"), (0.5, "half"), (0.23, "23%")]
)
def test_share_words(share, words):
    assert texts.share_words(share) == words


def test_tornado_title_follows_the_ranking():
    torn = flow_uncertainty.tornado(vf.FlowAssumptions())
    assert texts.tornado_title(torn) == (
        "Apps' inference spend and the route it takes move the cloud share most"
    )
    # a wide model-cloud range ranks it first
    wide = vf.assumptions_from(
        {
            "app_inference_share": (0.29, 0.30, 0.31),
            "via_model_share": (0.30, 0.70, 1.00),
            "model_cloud_share": (0.0, 0.5, 1.0),
            "cloud_hardware_share": (0.30, 0.45, 0.60),
        }
    )
    assert texts.tornado_title(flow_uncertainty.tornado(wide)) == (
        "Model providers' cloud spend and the share bought via model providers move the cloud "
        "share most"
    )


def _layers(shares: list[float], apps: list[float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "calendar_year": [2024, 2025],
            "infrastructure_share": shares,
            "apps_usd_bn": apps,
            "total_usd_bn": [100.0, 100.0],
        }
    )


def test_layer_title_flips_with_the_shares():
    book = texts.layer_figure(_layers([0.88, 0.9], [1.0, 2.0]))
    assert book["title"] == "Infrastructure took nearly all the revenue the book can track"
    assert "apps are a sliver" in book["alt_text"]
    assert "calendar 2025" in book["note"]
    low = texts.layer_figure(_layers([0.3, 0.4], [40.0, 30.0]))
    assert low["title"] == "Infrastructure took less than half of the revenue the book can track"
    assert "apps are at most 40%" in low["alt_text"]


def test_nvidia_title_counts_years_and_flips_on_a_fall():
    g = pd.DataFrame(
        {
            "fiscal_year": [2023, 2027],
            "fiscal_quarter": [1, 1],
            "period_end": pd.to_datetime(["2022-05-01", "2026-04-26"]),
            "total_revenue_usd_m": [8000.0, 80000.0],
            "data_center_revenue_usd_m": [4000.0, 80000.0],
        }
    )
    up = texts.nvidia_figure(g)
    assert up["title"] == "Nvidia's Data Center revenue grew 20-fold in four years"
    assert "Data Center Q1 FY2027 (quarter ended 26 Apr 2026)" in up["note"]
    down = texts.nvidia_figure(g.assign(data_center_revenue_usd_m=[4000.0, 2000.0]))
    assert down["title"] == "Nvidia's Data Center revenue shrank to 50% of its level in four years"


def test_capex_title_flips_when_capex_falls():
    years = pd.DataFrame(
        {"company": ["A"], "year": [2025], "year_type": ["fiscal"], "capex_usd_bn": [1.0]}
    )
    ratio = pd.DataFrame({"calendar_year": [2025], "ratio": [0.52]})
    full = pd.DataFrame({"sum": [100.0, 260.0]}, index=[2023, 2025])
    up = texts.capex_figure(years, full, ratio, ("A",), 2020, 100.0)
    assert up["title"] == "Big-tech capex grew 2.6× in 2023–2025; Nvidia DC is 52% of it"
    assert up["note"] == "Data through: A 2025 (fiscal year); Nvidia Data Center calendar 2025."
    down = texts.capex_figure(years, full.assign(sum=[260.0, 100.0]), ratio, ("A",), 2020, 100.0)
    assert down["title"].startswith("Big-tech capex fell by 62% in 2023–2025")
