from __future__ import annotations

import pandas as pd
import pytest

from analysis import findings


def test_nvidia_compares_a_quarter_with_a_quarter():
    quarters = pd.DataFrame(
        {
            "fiscal_year": [2023, 2023, 2027, 2027],
            "fiscal_quarter": [3, 4, 1, 2],
            "period_end": pd.to_datetime(["2022-10-30", "2023-01-29", "2026-04-26", "2026-07-26"]),
            "data_center_revenue_usd_m": [3830.0, 3620.0, 76600.0, None],
        }
    )
    f = findings.nvidia_growth(quarters)
    # the latest quarter WITH a Data Center figure: 76600 / 3830 = 20
    assert f.values["multiple"] == "20×"
    assert f.values["essay"] == "$3.83 billion" and f.values["essay_quarter"] == "Q3 FY2023"
    assert f.values["quarter"] == "Q1 FY2027" and f.values["value"] == "$76.6 billion"


def test_verdict_counts_add_up_and_settled_means_robust():
    card = pd.DataFrame(
        {
            "verdict": ["held", "held", "failed", "mixed", "still open", "not testable", "held"],
            "robustness": ["robust", "fragile", "robust", "robust", "robust", "", "robust"],
        }
    )
    v = findings.verdict_summary(card).values
    assert (v["settled"], v["held"], v["failed"], v["mixed"]) == ("4", "2", "1", "1")
    assert (v["fragile"], v["still_open"], v["not_testable"], v["claims"]) == ("1", "1", "1", "7")
    assert v["held_share"] == "50%"


def test_front_page_findings_from_the_book_data():
    from analysis.data import datasets

    found = {f.key: f for f in findings.key_findings(datasets.load)}
    assert found["funding"].figure_id == "fig-models-where-money-went"
    assert found["race"].figure_id == "fig-profit-race"
    assert found["pool"].values["last"] == "2026"
    v = found["verdict"].values
    parts = ("settled", "fragile", "still_open", "not_testable")
    assert sum(int(v[k]) for k in parts) == int(v["claims"])


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
    assert f.values == {
        "models_share": "80%",
        "top1_share": "75%",
        "leader": "A",
        "through": "1 March 2024",
    }
    assert f.figure_id == "fig-models-where-money-went"
