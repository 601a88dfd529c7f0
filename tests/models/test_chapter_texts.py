"""The Models chapter's glued texts, computed by hand on small frames."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.models import chapter_texts, headline


def test_funding_texts_counts_and_shares() -> None:
    funding = pd.DataFrame({"company": ["A", "A", "B", "C"]})  # 4 raw rows
    rounds = pd.DataFrame({"company": ["A", "B", "C"], "layer": ["models", "models", "apps"]})
    by_layer = pd.DataFrame(
        {
            "layer": ["models", "apps"] * 3,
            "year_end": pd.to_datetime(
                ["2023-12-31"] * 2 + ["2024-12-31"] * 2 + ["2025-12-31"] * 2
            ),
            "share": [0.6, 0.4, 0.55, 0.45, 0.7, 0.3],
        }
    )
    t = chapter_texts.funding_texts(funding, rounds, by_layer)
    assert (t["models_n_rows"], t["models_n_rounds"], t["models_n_companies"]) == ("4", "3", "3")
    assert t["models_n_model_companies"] == "2"
    assert (t["models_layer_share_2023"], t["models_layer_share_2024"]) == ("60%", "55%")
    assert (t["models_layer_share_last"], t["models_last_year"]) == ("70%", "2025")


def test_catch_up_texts_lists_unscored_models_by_release() -> None:
    models = pd.DataFrame(
        {
            "model": ["m1", "m2", "m3"],
            "release_date": pd.to_datetime(["2024-05-01", "2023-01-01", "2024-01-01"]),
        }
    )
    scored = pd.DataFrame({"model": ["m1", "m1"], "benchmark": ["a", "b"]})
    t = chapter_texts.catch_up_texts(models, scored, pd.Timestamp("2025-11-30"))
    assert t == {
        "models_data_end": "November 2025",
        "models_unscored": "m2, m3",  # release order, not table order
        "models_n_scored": "1",
        "models_n_scores": "2",
    }


def test_gap_texts_from_the_headline() -> None:
    h = {
        "first_gap": 16.04,
        "first_month": pd.Timestamp("2024-07-01"),
        "last_gap": 11.2,
        "last_month": pd.Timestamp("2025-11-01"),
        "last_open_model": "Open-1",
        "open_end": pd.Timestamp("2025-09-01"),
        "open_end_model": "Open-2",
    }
    t = chapter_texts.gap_texts("gpqa_diamond", h, -3.4)
    assert t["models_gpqa_diamond_gap_first"] == "16.0 points"
    assert t["models_gpqa_diamond_gap_first_month"] == "July 2024"
    assert t["models_gpqa_diamond_gap_last"] == "11.2 points"
    assert t["models_gpqa_diamond_gap_open_end"] == "September 2025"
    assert t["models_gpqa_diamond_gap_open_end_model"] == "Open-2"
    assert t["models_gpqa_diamond_slope"] == "3 points"  # a narrowing of 3.4 a year


def _lags() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "benchmark": ["mmlu_5shot", "mmlu_5shot", "gpqa"],
            "closed_model": ["GPT-4", "C2", "C3"],
            "lag_months": [21.0, 5.0, None],
            "censored": [False, False, True],
            "matched_by": ["Llama 3 70B", "O2", None],
            "matched_date": pd.to_datetime(["2024-12-06", "2024-06-01", None]),
        }
    )


def test_lag_texts_median_of_matched_and_trend_range() -> None:
    trends = pd.DataFrame(
        {
            "benchmark": ["mmlu_5shot", "mmlu_5shot", "gpqa", "gpqa"],
            "quantity": ["lag", "gap", "lag", "gap"],
            "slope_per_year": [-2.0, -5.0, 3.5, -1.0],
            "n_points": [2, 5, 1, 4],
        }
    ).set_index(["benchmark", "quantity"])
    t = chapter_texts.lag_texts(_lags(), trends, 2)
    assert t["models_lag_median"] == "13 months"  # median of 21 and 5; the censored one left out
    assert (t["models_n_lags"], t["models_n_censored"]) == ("3", "1")
    assert (t["models_lag_slope_lo"], t["models_lag_slope_hi"]) == ("-2.0", "+3.5")
    assert (t["models_lag_n_shorter"], t["models_lag_points_max"]) == ("1", "2")
    assert t["models_gpt4_lag"] == "21 months"
    assert t["models_gpt4_matched_by"] == "Llama 3 70B, December 2024"


def test_open_developers_text_says_who_is_funded() -> None:
    frontier = pd.DataFrame({"best_open_model": [None, "o1", "o2", "o1"]})
    models = pd.DataFrame({"model": ["o1", "o2"], "developer": ["Meta", "Mistral"]})
    assert chapter_texts.open_developers_text(frontier, models, ["Mistral", "OpenAI"]) == (
        "Meta, Mistral; of these only Mistral has venture rounds in the funding data"
    )
    assert chapter_texts.open_developers_text(frontier, models, ["OpenAI"]) == (
        "Meta, Mistral, none of which has a venture round in the funding data"
    )


def test_epoch_texts_and_the_book_range_at_the_first_date() -> None:
    published = pd.DataFrame(
        {
            "date": pd.to_datetime(["2025-10-30", "2024-11-01"]),
            "value": [3.5, 12.0],
            "low": [1.1, None],
            "high": [5.3, None],
        }
    )
    lag_rows = pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-11-01", "2024-11-01", "2025-10-30"]),
            "lag_behind_months": [1.14, 18.2, 9.9],
        }
    )
    t = chapter_texts.epoch_texts(published, lag_rows)
    assert (t["models_epoch_0_date"], t["models_epoch_0_value"]) == ("November 2024", "12 months")
    assert (t["models_epoch_1_date"], t["models_epoch_1_value"]) == ("October 2025", "3.5 months")
    assert t["models_epoch_interval"] == "1.1–5.3 months" and t["models_n_epoch"] == "2"
    assert (t["models_lag_first_lo"], t["models_lag_first_hi"]) == ("1.1 months", "18.2 months")


def test_price_texts() -> None:
    fall = {
        "first": {"closed_model": "GPT-4", "closed_usd_per_mtok": 37.5},
        "last": {
            "closed_model": "G3",
            "closed_usd_per_mtok": 4.5,
            "month": pd.Timestamp("2025-11-01"),
        },
        "fall": 37.5 / 4.5,
        "n_months": 30,
        "n_with_open": 2,
    }
    t = chapter_texts.price_texts(fall, "gpqa_diamond", 2.0)
    assert (t["models_price_first"], t["models_price_last"]) == ("$37.50", "$4.50")
    assert t["models_price_fall"] == "8.3×"
    assert (t["models_price_n_with_open"], t["models_price_n_months"]) == ("2", "30")
    assert (t["models_price_tolerance"], t["models_price_bench"]) == ("2 points", "GPQA Diamond")
    assert t["models_price_last_month"] == "November 2025"


def test_lag_bench_texts_reads_the_latest_epoch_date() -> None:
    lag_rows = pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-11-01", "2025-10-30"]),
            "benchmark": ["gpqa", "gpqa"],
            "lag_behind": ["1.0 months", "5.2 months"],
            "lag_behind_interval": ["", "0.0–5.5 months"],
            "time_to_match": ["", "not matched yet"],
            "best_open_model": ["old", "new"],
        }
    )
    ends = pd.Series({"gpqa": pd.Timestamp("2025-11-18")})
    open_ends = pd.Series({"gpqa": pd.Timestamp("2025-09-29"), "hle": pd.Timestamp("2025-07-11")})
    t = chapter_texts.lag_bench_texts(lag_rows, ends, open_ends, "gpqa")
    assert (t["models_lag_bench_lag"], t["models_lag_bench_open"]) == ("5.2 months", "new")
    assert t["models_lag_bench_end"] == "November 2025"
    assert t["models_lag_open_end_latest"] == "September 2025"


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (16.0, 11.2, "closed part of the gap"),
        (16.0, 1.5, "drew level"),  # within the 2-point parity
        (10.0, 12.0, "fell further behind"),
        (10.0, 10.0, "fell further behind"),  # no smaller is not progress
    ],
)
def test_gap_direction(first: float, last: float, expected: str) -> None:
    assert headline.gap_direction(first, last, 2.0) == expected
