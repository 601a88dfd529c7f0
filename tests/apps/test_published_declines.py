"""Published declines read from reference_estimates, and the comparison table."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.apps import published_declines as pdc
from analysis.data import datasets

Q = "price_decline_per_year_at_constant_capability"


def _ref(rows: list[dict]) -> pd.DataFrame:
    base = {
        "publisher": "P",
        "date": "2024-01-01",
        "quantity": Q,
        "value": None,
        "low": None,
        "high": None,
        "scope": "c",
        "source_id": "ref-x",
        "locator": "l",
    }
    return pd.DataFrame([{**base, **r} for r in rows])


def test_rows_become_rates_ranges_and_intervals_by_hand() -> None:
    ref = _ref(
        [
            {"value": 10.0, "scope": "cheapest LLM, MMLU >= 42 (OpenAI)"},
            {
                "value": 12.0,
                "low": 8.0,
                "high": 16.0,
                "scope": "MMLU at or above GPT-3 level (score range [43.9, 100]), n=9",
            },
            {"quantity": Q + "_frontier_models", "low": 5.0, "high": 10.0, "source_id": "ref-y"},
            {"quantity": "open_closed_lag", "value": 3.5},  # not a decline: left out
        ]
    )
    out = pdc.published_estimates(ref)
    assert len(out) == 3
    stated = out[out["basis"] == "stated"].iloc[0]
    assert (stated["fold_per_year"], stated["fold_per_year_low"]) == (10.0, 10.0)
    assert stated["label"] == "P (2024): cheapest LLM"
    fit = out[out["basis"] == "stated with interval"].iloc[0]
    assert (fit["benchmark"], fit["threshold_score"]) == ("MMLU", 43.9)
    assert fit["label"] == "P (2024): MMLU ≥ 43.9 (GPT-3 level)"
    assert (fit["fold_per_year_low"], fit["fold_per_year_high"]) == (8.0, 16.0)
    rng = pdc.pick(out, "ref-y")
    assert math.isnan(rng["fold_per_year"]) and rng["basis"] == "stated range"


def test_bad_rows_fail_with_the_source_named() -> None:
    with pytest.raises(ValueError, match="ref-x.*low <= high"):
        pdc.published_estimates(_ref([{"low": 20.0, "high": 10.0}]))
    with pytest.raises(ValueError, match="no rate and no range"):
        pdc.published_estimates(_ref([{"scope": "nothing"}]))
    two = _ref([{"value": 10.0}, {"value": 11.0}])
    with pytest.raises(ValueError, match="more than one"):
        pdc.published_estimates(two)


def test_pick_and_for_benchmarks() -> None:
    ref = _ref(
        [
            {"value": 10.0},
            {
                "value": 40.0,
                "low": 4.0,
                "high": 400.0,
                "scope": "GPQA Diamond at or above GPT-4 level (score range [33.0, 100])",
            },
            {
                "value": 9.0,
                "low": 5.0,
                "high": 18.0,
                "scope": "HumanEval at or above GPT-4 level (score range [67.0, 100])",
            },
        ]
    )
    out = pdc.published_estimates(ref)
    kept = pdc.for_benchmarks(out, ["GPQA Diamond"])
    assert sorted(kept["benchmark"].fillna("-")) == ["-", "GPQA Diamond"]
    assert pdc.pick(out, "ref-x")["fold_per_year"] == 10.0
    with pytest.raises(ValueError, match="found 0"):
        pdc.pick(out, "ref-x", "stated range")


def test_the_books_reference_rows_give_a16z_and_epoch() -> None:
    out = pdc.published_estimates(datasets.load("reference_estimates"))
    assert pdc.pick(out, "ref-a16z-llmflation")["fold_per_year"] == 10.0
    epoch = pdc.pick(out, "ref-epoch-llm-price-trends", "stated range")
    assert (epoch["fold_per_year_low"], epoch["fold_per_year_high"]) == (9.0, 900.0)
    assert {"MMLU", "GPQA Diamond"} <= set(out["benchmark"].dropna())


def test_comparison_table_inverts_factors() -> None:
    fits = pd.DataFrame(
        {
            "benchmark": ["mmlu_5shot", "gpqa_diamond"],
            "threshold": [70.0, 50.0],
            "first_month": pd.to_datetime(["2023-03-01", "2024-03-01"]),
            "last_month": pd.to_datetime(["2025-02-01", "2025-11-01"]),
            "annual_factor": [0.2, 0.1],
            "annual_factor_low": [0.1, 0.05],
            "annual_factor_high": [0.25, 0.2],
        }
    )
    pub = pdc.published_estimates(_ref([{"value": 10.0}]))
    out = pdc.comparison_table(fits, pub, {"mmlu_5shot": "MMLU", "gpqa_diamond": "GPQA"})
    ours = out.iloc[0]
    assert ours["label"] == "This book: MMLU ≥ 70 (Mar 2023–Feb 2025)"
    # 1 / 0.2 = 5 ; interval 1 / 0.25 = 4 .. 1 / 0.1 = 10
    assert (ours["fold"], ours["fold_low"], ours["fold_high"]) == pytest.approx((5, 4, 10))
    assert out.iloc[1]["label"].startswith("This book: GPQA ≥ 50")
    assert (out["kind"] == "published").sum() == 1
    one_name = pdc.comparison_table(fits.iloc[:1], pub, "MMLU")
    assert one_name.iloc[0]["label"] == ours["label"]


def test_spread_counts_rates_by_their_centre_and_ranges_by_their_ends() -> None:
    ref = _ref(
        [
            {"value": 42.0, "low": 4.0, "high": 401.0, "source_id": "ref-a"},
            {"low": 9.0, "high": 900.0, "source_id": "ref-b"},
            {"value": 10.0, "source_id": "ref-c"},
        ]
    )
    assert pdc.published_spread(pdc.published_estimates(ref)) == (9.0, 900.0)
    with pytest.raises(ValueError, match="no published"):
        pdc.published_spread(pdc.published_estimates(ref).iloc[0:0])
