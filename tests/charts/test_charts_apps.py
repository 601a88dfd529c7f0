"""The Apps chapter's chart factories: specs a reader and the browser test rely on."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from analysis.apps import published_declines
from analysis.apps import unit_economics as ue
from analysis.charts import apps as ch
from analysis.charts import apps_prices
from analysis.data import datasets

REFS = pd.DataFrame(
    {
        "label": ["MMLU ≥ 70, Mar 2023: $2.00", "MMLU ≥ 70, Feb 2025: $0.13"],
        "capability": ["MMLU ≥ 70", "MMLU ≥ 70"],
        "when": ["first month (Mar 2023)", "last month (Feb 2025)"],
        "token_price": [2.0, 0.13125],
        "model": ["GPT-3.5 Turbo", "Gemini 1.5 Flash"],
        "source_id": ["s1", "s2"],
    }
)


def _slider():
    return ch.margin_slider_chart(
        REFS,
        price_per_user_usd_month=20.0,
        mtok_per_user_month=3.0,
        other_cost_share=0.15,
        target_margin=0.55,
        margin_band=(0.5, 0.6),
    ).to_dict()


def test_slider_chart_binds_three_named_range_inputs_at_the_given_values():
    spec = _slider()
    params = {p["name"]: p for p in spec["params"]}
    assert set(params) == {"price_per_user", "mtok_per_user", "other_cost_share"}
    assert all(p["bind"]["input"] == "range" and p["bind"]["name"] for p in params.values())
    assert params["price_per_user"]["value"] == 20.0
    assert params["mtok_per_user"]["value"] == 3.0
    assert params["other_cost_share"]["value"] == 0.15


def test_slider_chart_computes_the_unit_economics_formula():
    text = json.dumps(_slider())
    formula = "1 - mtok_per_user * datum.token_price / price_per_user - other_cost_share"
    assert formula in text
    # the in-browser formula is gross_margin with all tokens at one blended price:
    # at the defaults and $2 per M tokens: 1 - 3 * 2 / 20 - 0.15 = 0.55
    assert ue.gross_margin(20.0, 3.0, 0.0, 2.0, 0.0, 0.15) == pytest.approx(0.55)
    # the break-even marker is blended_price_for_margin: 20 * (1 - 0.15 - 0.55) / 3 = 2.0
    assert "price_per_user * (1 - other_cost_share - 0.55) / mtok_per_user" in text
    assert ue.blended_price_for_margin(0.55, 20.0, 3.0, 0.15) == pytest.approx(2.0)


def test_slider_chart_names_the_readout_marks_for_the_browser_test():
    text = json.dumps(_slider())
    assert '"name": "apps_margin_readout"' in text
    assert '"name": "apps_margin_breakeven"' in text


def test_capability_scale_limits_and_order():
    scale = ch.capability_scale(["MMLU ≥ 70", "MMLU ≥ 80"]).to_dict()
    assert scale["domain"] == ["MMLU ≥ 70", "MMLU ≥ 80"]
    assert scale["range"] == list(ch.CAPABILITY_COLORS[:2])
    with pytest.raises(ValueError):
        ch.capability_scale(["a", "b", "c", "d"])
    assert ch.capability_label("MMLU", 70.0) == "MMLU ≥ 70"


def test_essay_chart_draws_one_line_per_other_cost_share():
    table = ue.margin_table(np.linspace(0, 0.6, 7), [0.1, 0.15, 0.2])
    spec = ch.essay_margin_chart(table, (0.2, 0.4), (0.5, 0.6)).to_dict()
    dumped = json.dumps(spec)
    for label in ("10% other costs", "15% other costs", "20% other costs"):
        assert label in dumped


def test_compare_chart_keeps_every_estimate_and_a_log_axis():
    fits = pd.DataFrame(
        {
            "threshold": [70.0],
            "first_month": [pd.Timestamp("2023-03-01")],
            "last_month": [pd.Timestamp("2025-02-01")],
            "annual_factor": [0.2],
            "annual_factor_low": [0.1],
            "annual_factor_high": [0.25],
        }
    )
    published = published_declines.published_estimates(datasets.load("reference_estimates"))
    table = published_declines.comparison_table(fits, published, "MMLU")
    spec = apps_prices.decline_compare_chart(table).to_dict()
    dumped = json.dumps(spec)
    assert '"type": "log"' in dumped
    for label in table["label"]:
        assert json.dumps(label)[1:-1] in dumped


def test_revenue_chart_marks_estimates_lighter_and_shortens_names():
    points = pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-04-30", "2025-01-31"]),
            "company": ["Anysphere (Cursor)", "Anysphere (Cursor)"],
            "metric": ["annualized_run_rate", "annualized_run_rate"],
            "value_usd_m": [4.0, 100.0],
            "basis": ["estimated", "reported"],
            "source_id": ["a", "b"],
        }
    )
    spec = ch.revenue_chart(points, ["Anysphere (Cursor)"], 100.0, "2023-01-19").to_dict()
    dumped = json.dumps(spec)
    assert '"sourcing": "estimate"' in dumped and '"sourcing": "reported"' in dumped
    assert '"short": "Cursor"' in dumped
