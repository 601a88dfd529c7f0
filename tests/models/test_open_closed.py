"""Tests for analysis.models.open_closed: frontier, gap, lag, trends, the Vicuna point."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.models import gap_trends
from analysis.models import open_closed as oc

MONTH = 365.25 / 12  # days per month, as in the module


def _models(rows: list[tuple]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows of (model, release_date, open_weights, score); one benchmark 'mmlu'."""
    models = pd.DataFrame(
        [(m, f"dev-{m}", d, ow, np.nan) for m, d, ow, _ in rows],
        columns=["model", "developer", "release_date", "open_weights", "params_b"],
    )
    quality = pd.DataFrame(
        [(m, "mmlu", s) for m, _, _, s in rows], columns=["model", "benchmark", "score"]
    )
    return models, quality


@pytest.fixture
def data() -> tuple[pd.DataFrame, pd.DataFrame]:
    return _models(
        [
            ("c1", "2023-01-15", False, 70.0),
            ("o1", "2023-03-01", True, 65.0),
            ("c2", "2023-06-01", False, 80.0),
            ("c3", "2023-08-01", "false", 75.0),  # text flag; below the frontier
            ("o2", "2024-01-01", "true", 81.0),
        ]
    )


# ---------------------------------------------------------------------------
# Frontier and gap
# ---------------------------------------------------------------------------


def test_frontier_hand_computed(data: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    out = oc.frontier_by_month(*data)
    assert list(out.columns) == list(oc.FRONTIER_COLUMNS)
    # 2023-01 .. 2024-01 = 13 months
    assert len(out) == 13
    by_month = out.set_index(out["month"].dt.strftime("%Y-%m"))
    feb = by_month.loc["2023-02"]
    assert (feb["best_closed"], feb["best_closed_model"]) == (70.0, "c1")
    assert np.isnan(feb["best_open"]) and np.isnan(feb["gap"])
    assert by_month.loc["2023-03", "gap"] == 5.0  # 70 - 65
    assert by_month.loc["2023-06", "gap"] == 15.0  # 80 - 65
    # c3 (75) does not lower the closed frontier
    assert by_month.loc["2023-08", "best_closed_model"] == "c2"
    assert by_month.loc["2024-01", "gap"] == -1.0  # 80 - 81: open ahead


def test_frontier_is_never_carried_past_its_last_observation(
    data: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    # the last scored release is o2 (2024-01-01): a later end does not extend the series
    out = oc.frontier_by_month(*data, end="2024-03-15")
    assert out["month"].max() == pd.Timestamp("2024-01-01")
    # each benchmark stops at its own last scored release
    models, quality = data
    extra = pd.DataFrame(
        [("c1", "other", 50.0), ("o1", "other", 40.0)], columns=["model", "benchmark", "score"]
    )
    both = oc.frontier_by_month(models, pd.concat([quality, extra], ignore_index=True))
    assert both.groupby("benchmark")["month"].max().to_dict() == {
        "mmlu": pd.Timestamp("2024-01-01"),
        "other": pd.Timestamp("2023-03-01"),
    }


def test_frontier_end_truncates(data: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    short = oc.frontier_by_month(*data, end="2023-06-30")
    assert short["month"].max() == pd.Timestamp("2023-06-01")
    assert short["best_open"].max() == 65.0  # o2 not yet released


def test_release_on_last_day_counts_in_that_month() -> None:
    models, quality = _models([("c", "2023-01-31", False, 50.0), ("o", "2023-02-28", True, 40.0)])
    out = oc.frontier_by_month(models, quality)
    assert out.loc[0, "best_closed"] == 50.0
    assert out.loc[1, "gap"] == 10.0


# ---------------------------------------------------------------------------
# Lag
# ---------------------------------------------------------------------------


def test_lags_hand_computed(data: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    out = oc.catch_up_lags(*data, as_of="2024-06-01")
    assert list(out.columns) == list(oc.LAG_COLUMNS)
    # c1 (70) and c2 (80) raised the closed frontier; c3 (75 < 80) did not
    assert list(out["closed_model"]) == ["c1", "c2"]
    assert list(out["matched_by"]) == ["o2", "o2"]  # o1's 65 < 70
    # c1: 2023-01-15 -> 2024-01-01 = 351 days; c2: 2023-06-01 -> 2024-01-01 = 214 days
    assert list(out["lag_months"]) == pytest.approx([351 / MONTH, 214 / MONTH])
    assert not out["censored"].any()
    assert out["months_so_far"].isna().all()


def test_unmatched_models_are_censored(data: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    out = oc.catch_up_lags(*data, as_of="2023-12-01")  # before o2
    assert out["censored"].all()
    assert out["lag_months"].isna().all()
    # c1: 2023-01-15 -> 2023-12-01 = 320 days; c2: 2023-06-01 -> 2023-12-01 = 183 days
    assert list(out["months_so_far"]) == pytest.approx([320 / MONTH, 183 / MONTH])


def test_tolerance_lets_a_near_miss_match(data: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    out = oc.catch_up_lags(*data, as_of="2024-06-01", tolerance=5.0)
    c1 = out.iloc[0]
    # o1 scores 65 >= 70 - 5; 2023-01-15 -> 2023-03-01 = 45 days
    assert c1["matched_by"] == "o1"
    assert c1["lag_months"] == pytest.approx(45 / MONTH)


def test_open_model_already_ahead_gives_zero_lag() -> None:
    models, quality = _models([("o0", "2022-12-01", True, 72.0), ("c1", "2023-01-15", False, 70.0)])
    out = oc.catch_up_lags(models, quality, as_of="2023-06-01")
    assert out.loc[0, "matched_by"] == "o0"
    assert out.loc[0, "lag_months"] == 0.0
    assert out.loc[0, "matched_date"] == pd.Timestamp("2023-01-15")


def test_frontier_setters_same_day() -> None:
    closed = pd.DataFrame(
        {
            "model": ["a", "b", "c", "d"],
            "release_date": pd.to_datetime(
                ["2023-01-01", "2023-01-01", "2023-02-01", "2023-03-01"]
            ),
            "score": [60.0, 65.0, 65.0, 66.0],
        }
    )
    # b (65) beats a (60) on the same day; c only ties b; d beats 65
    assert list(oc.frontier_setters(closed)["model"]) == ["b", "d"]


# ---------------------------------------------------------------------------
# Trends
# ---------------------------------------------------------------------------


def test_linear_trend_exact_line() -> None:
    dates = pd.to_datetime(["2020-01-01", "2021-01-01", "2022-07-01", "2023-01-01"])
    years = (dates - dates[0]).days / 365.25
    values = 10 - 2 * years  # exactly -2 per year
    slope, n = gap_trends.linear_trend(dates, values)
    assert slope == pytest.approx(-2.0)
    assert n == 4


def test_linear_trend_skips_nan_and_needs_two_points() -> None:
    assert gap_trends.linear_trend(["2020-01-01", "2021-01-01"], [1.0, np.nan]) == (
        pytest.approx(np.nan, nan_ok=True),
        1,
    )
    slope, n = gap_trends.linear_trend(["2020-01-01", "2020-01-01"], [1.0, 2.0])
    assert np.isnan(slope) and n == 2
    with pytest.raises(ValueError, match="differ in length"):
        gap_trends.linear_trend(["2020-01-01"], [1.0, 2.0])


def test_gap_lag_trends_hand_computed(data: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    frontier = oc.frontier_by_month(*data)
    lags = oc.catch_up_lags(*data, as_of="2024-06-01")
    out = gap_trends.gap_lag_trends(frontier, lags)
    assert list(out.columns) == list(gap_trends.TREND_COLUMNS)
    lag = out[out["quantity"] == "lag"].iloc[0]
    # both matched on 2024-01-01: lag falls by (351-214)/MONTH months over
    # 137 days (2023-01-15 -> 2023-06-01), i.e. -12 months per year exactly
    assert lag["slope_per_year"] == pytest.approx(-12.0)
    assert lag["n_points"] == 2
    gap = out[out["quantity"] == "gap"].iloc[0]
    assert gap["n_points"] == 11  # 2023-03 .. 2024-01 have an open model
    assert gap["unit"] == "score points per year"


# ---------------------------------------------------------------------------
# Vicuna claim
# ---------------------------------------------------------------------------


def test_vicuna_point_passes_numbers_through() -> None:
    # arbitrary test values: the chapter passes the real ones from seed_claims
    point = oc.vicuna_claim_point(
        relative_quality=0.85,
        training_cost_usd=1234.0,
        n_questions=50,
        judge="judge-model",
        claim_date="2023-04-01",
        claim_id="teng-99",
    )
    assert point["relative_quality_pct"] == pytest.approx(85.0)
    assert point["training_cost_usd"] == 1234.0
    assert point["n_questions"] == 50
    assert point["claim_date"] == pd.Timestamp("2023-04-01")
    assert point["claim_id"] == "teng-99"
    assert point["label"] == "Vicuna-13B: ~85% of ChatGPT's quality for ~$1,234 of training"
    assert "judge-model on 50 questions" in point["caveat"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"relative_quality": 90}, "fraction"),
        ({"relative_quality": 0}, "fraction"),
        ({"training_cost_usd": -1}, "training_cost_usd"),
        ({"n_questions": 0}, "n_questions"),
        ({"n_questions": 2.5}, "n_questions"),
        ({"judge": ""}, "judge"),
        ({"claim_date": "someday"}, "claim_date"),
    ],
)
def test_vicuna_point_rejects_bad_values(kwargs: dict, message: str) -> None:
    args = {"relative_quality": 0.9, "training_cost_usd": 1.0, "n_questions": 3, "judge": "j"}
    with pytest.raises(ValueError, match=message):
        oc.vicuna_claim_point(**(args | kwargs))


# ---------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------


def test_duplicate_score_rejected(data: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    models, quality = data
    quality = pd.concat([quality, quality.iloc[[0]]], ignore_index=True)
    with pytest.raises(ValueError, match=r"more than one score.*'c1', 'mmlu'"):
        oc.frontier_by_month(models, quality)


def test_unknown_model_and_benchmark_rejected(data: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    models, quality = data
    with pytest.raises(ValueError, match=r"not in models: \['c2'\]"):
        oc.frontier_by_month(models[models["model"] != "c2"], quality)
    with pytest.raises(ValueError, match=r"no scores for benchmark\(s\) \['arena_elo'\]"):
        oc.frontier_by_month(models, quality, benchmarks=["arena_elo"])


def test_bad_open_weights_and_release_date(data: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    models, quality = data
    bad = models.astype({"open_weights": object})
    bad.loc[1, "open_weights"] = "maybe"
    with pytest.raises(ValueError, match=r"open_weights must be true or false.*'maybe'"):
        oc.frontier_by_month(bad, quality)
    bad = models.copy()
    bad.loc[0, "release_date"] = None
    with pytest.raises(ValueError, match=r"release_date missing for \['c1'\]"):
        oc.catch_up_lags(bad, quality, as_of="2024-01-01")


def test_bad_as_of_and_tolerance(data: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    with pytest.raises(ValueError, match="as_of"):
        oc.catch_up_lags(*data, as_of="soon")
    with pytest.raises(ValueError, match="tolerance"):
        oc.catch_up_lags(*data, as_of="2024-01-01", tolerance=-1)


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

model_st = st.tuples(
    st.integers(min_value=0, max_value=900),  # release day offset
    st.booleans(),
    st.floats(min_value=20, max_value=95, allow_nan=False),
)


def _random(rows: list[tuple]) -> tuple[pd.DataFrame, pd.DataFrame]:
    start = pd.Timestamp("2022-01-01")
    return _models(
        [
            (f"m{i}", (start + pd.Timedelta(days=d)).strftime("%Y-%m-%d"), ow, s)
            for i, (d, ow, s) in enumerate(rows)
        ]
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(model_st, min_size=1, max_size=15))
def test_frontier_never_falls_and_gap_is_difference(rows: list[tuple]) -> None:
    out = oc.frontier_by_month(*_random(rows))
    for col in ("best_closed", "best_open"):
        series = out[col].dropna()
        assert (series.diff().dropna() >= 0).all()
    assert np.allclose(out["gap"], out["best_closed"] - out["best_open"], equal_nan=True)
    # months are consecutive month starts
    assert (out["month"].dt.day == 1).all()
    assert out["month"].is_monotonic_increasing and out["month"].is_unique


@settings(max_examples=60, deadline=None)
@given(
    st.lists(model_st, min_size=1, max_size=15),
    st.integers(min_value=0, max_value=1000),
    st.floats(min_value=0, max_value=10),
)
def test_lag_non_negative_and_censoring_consistent(
    rows: list[tuple], as_of_day: int, tolerance: float
) -> None:
    as_of = pd.Timestamp("2022-01-01") + pd.Timedelta(days=as_of_day)
    out = oc.catch_up_lags(*_random(rows), as_of=as_of, tolerance=tolerance)
    assert (out["lag_months"].dropna() >= 0).all()
    assert (out["censored"] == out["lag_months"].isna()).all()
    assert (out["months_so_far"].dropna() >= 0).all()
    assert (out["censored"] == out["months_so_far"].notna()).all()
    assert (out["release_date"] <= as_of).all()
    # setters' scores strictly rise with release date
    assert (out["score"].diff().dropna() > 0).all()


def test_benchmark_with_one_kind_only_is_left_out(data: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    models, quality = data
    extra = pd.DataFrame([("o1", "judged", 92.0)], columns=["model", "benchmark", "score"])
    out = oc.frontier_by_month(models, pd.concat([quality, extra], ignore_index=True))
    assert set(out["benchmark"]) == {"mmlu"}
