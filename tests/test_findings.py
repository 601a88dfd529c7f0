from __future__ import annotations

import pandas as pd
import pytest

from analysis import findings


def test_infrastructure_share_uses_the_latest_year_with_shares():
    layers = pd.DataFrame(
        {"calendar_year": [2024, 2025, 2026], "infrastructure_share": [0.9, 0.876, None]}
    )
    f = findings.infrastructure_share(layers)
    assert f.values == {"share": "88%", "year": "2025"}
    assert f.figure_id == "fig-infrastructure-layers"


def test_nvidia_growth_is_latest_complete_year_over_the_essays_quarter():
    cy = pd.DataFrame(
        {"calendar_year": [2024, 2025, 2026], "data_center_revenue_usd_m": [100.0, 190000.0, None]}
    )
    f = findings.nvidia_growth(cy, 3800.0)
    # 190000 / 3800 = 50
    assert f.values["quarters"] == "50×"
    assert f.values["value"] == "$190 billion" and f.values["year"] == "2025"


def test_open_closed_gap_first_and_last_month():
    frontier = pd.DataFrame(
        {
            "benchmark": ["mmlu_5shot"] * 3 + ["arena_elo"],
            "month": pd.to_datetime(["2023-05-01", "2023-06-01", "2025-04-01", "2023-06-01"]),
            "gap": [None, 27.24, 1.6, 99.0],
        }
    )
    f = findings.open_closed_gap(frontier)
    assert f.values == {
        "first": "27.2 points",
        "first_month": "June 2023",
        "last": "1.6 points",
        "last_month": "April 2025",
        "benchmark": "MMLU (5-shot)",
    }


def test_price_decline_picks_the_threshold():
    fits = pd.DataFrame({"threshold": [70.0, 80.0], "fold_decline_per_year": [5.91, 30.9]})
    assert findings.price_decline(fits, 70.0).values == {"fold": "5.9×", "threshold": "70"}
    with pytest.raises(KeyError):
        findings.price_decline(fits, 90.0)


def test_model_layer_funding_shares():
    rounds = pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-01-10", "2024-02-01", "2024-03-01"]),
            "company": ["A", "B", "C"],
            "layer": ["models", "models", "apps"],
            "round_type": ["series_a"] * 3,
            "amount_usd_m": [60.0, 20.0, 20.0],
        }
    )
    f = findings.model_layer_funding(rounds)
    # models 80 of 100; A holds 60 of the model layer's 80 = 75%
    assert f.values == {"models_share": "80%", "top1_share": "75%", "leader": "A", "year": "2024"}
