"""Tests for analysis.models.lag: lag behind, time to match (censored), gap, bootstrap."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.models import lag

MONTH = 365.25 / 12


def _scored(rows: list[tuple], benchmark: str = "b") -> pd.DataFrame:
    """Rows of (model, release_date, open_weights, score)."""
    frame = pd.DataFrame(rows, columns=["model", "release_date", "open_weights", "score"])
    frame["release_date"] = pd.to_datetime(frame["release_date"])
    frame["benchmark"] = benchmark
    return frame


# Closed reaches 70 on 2024-01-01 and 80 on 2024-07-01; open reaches 70 on
# 2024-04-01 (91 days later) and 80 on 2025-01-01 (184 days after 2024-07-01).
CATCHES_UP = _scored(
    [
        ("c70", "2024-01-01", False, 70.0),
        ("o60", "2024-02-01", True, 60.0),
        ("o70", "2024-04-01", True, 70.0),
        ("c80", "2024-07-01", False, 80.0),
        ("o80", "2025-01-01", True, 80.0),
    ]
)

# Open never reaches the closed 90 released 2024-03-01; last observation 2024-12-01.
NEVER = _scored(
    [
        ("c90", "2024-03-01", False, 90.0),
        ("o50", "2024-01-01", True, 50.0),
        ("o60", "2024-12-01", True, 60.0),
    ]
)


def test_lag_behind_and_gap_by_hand() -> None:
    out = lag.measures_at(CATCHES_UP, ["2024-05-15", "2024-08-01", "2025-01-01"]).set_index("date")
    may = out.loc[pd.Timestamp("2024-05-15")]
    assert may["best_closed"] == 70 and may["best_open"] == 70 and may["gap"] == 0
    assert may["best_open_model"] == "o70" and may["matched_by_closed"] == "c70"
    assert may["lag_behind_months"] == pytest.approx(91 / MONTH)
    # the closed best c70 was matched by o70 after 91 days
    assert may["time_to_match_months"] == pytest.approx(91 / MONTH)
    assert not may["match_censored"] and may["matched_by_open"] == "o70"
    aug = out.loc[pd.Timestamp("2024-08-01")]
    assert aug["gap"] == 10 and aug["best_closed_model"] == "c80"
    # c80 (2024-07-01) matched by o80 (2025-01-01): 184 days, known from later data
    assert aug["time_to_match_months"] == pytest.approx(184 / MONTH)
    jan = out.loc[pd.Timestamp("2025-01-01")]
    assert jan["gap"] == 0 and jan["lag_behind_months"] == pytest.approx(184 / MONTH)


def test_open_never_catches_up_is_censored_never_a_number() -> None:
    out = lag.measures_at(NEVER, ["2024-06-01"]).iloc[0]
    assert bool(out["match_censored"])
    # a lower bound: from c90's release to the last observation (2024-12-01), 275 days
    assert out["time_to_match_months"] == pytest.approx(275 / MONTH)
    assert out["matched_by_open"] is None
    text = lag.lag_text(out["time_to_match_months"], out["match_censored"])
    assert text.startswith("at least ") and "not matched yet" in text
    assert out["gap"] == 40  # best open at 2024-06-01 is o50
    # o50 came before any closed model at 50 or more: open was level or ahead there
    assert out["lag_behind_months"] == 0


def test_open_ahead_gives_zero_lag() -> None:
    scored = _scored([("o", "2024-01-01", True, 80.0), ("c", "2024-06-01", False, 75.0)])
    out = lag.measures_at(scored, ["2024-06-01"]).iloc[0]
    assert out["lag_behind_months"] == 0 and out["gap"] == -5
    assert out["time_to_match_months"] == 0 and not out["match_censored"]


def test_tolerance_counts_a_near_miss_as_a_match() -> None:
    out = lag.measures_at(NEVER, ["2024-12-01"], tolerance=30.0).iloc[0]
    assert not out["match_censored"] and out["matched_by_open"] == "o60"
    assert out["time_to_match_months"] == pytest.approx(275 / MONTH)


def test_no_carry_forward_past_last_observation() -> None:
    out = lag.measures_at(NEVER, ["2024-12-01", "2025-06-01"])
    assert list(out["date"]) == [pd.Timestamp("2024-12-01")]  # 2025-06 is past the data
    clamped = lag.measures_at(NEVER, ["2025-06-01"], clamp=True).iloc[0]
    assert clamped["evaluated_at"] == pd.Timestamp("2024-12-01")
    assert clamped["date"] == pd.Timestamp("2025-06-01")


def test_each_benchmark_ends_at_its_own_last_observation() -> None:
    both = pd.concat([CATCHES_UP, _scored(NEVER.values[:, :4].tolist(), "other")])
    ends = lag.last_observation(both)
    assert ends["b"] == pd.Timestamp("2025-01-01") and ends["other"] == pd.Timestamp("2024-12-01")
    out = lag.measures_at(both, ["2025-01-01"])
    assert list(out["benchmark"]) == ["b"]


def test_bootstrap_interval_brackets_point_and_is_reproducible() -> None:
    a = lag.bootstrap_intervals(CATCHES_UP, ["2024-08-01"], n_boot=300, seed=1).iloc[0]
    b = lag.bootstrap_intervals(CATCHES_UP, ["2024-08-01"], n_boot=300, seed=1).iloc[0]
    pd.testing.assert_series_equal(a, b)
    point = lag.measures_at(CATCHES_UP, ["2024-08-01"]).iloc[0]
    assert a["gap_low"] <= point["gap"] <= a["gap_high"]
    assert a["lag_behind_months_low"] <= point["lag_behind_months"]
    assert point["lag_behind_months"] <= a["lag_behind_months_high"]


def test_bootstrap_of_a_censored_lag_is_open_at_the_top() -> None:
    out = lag.bootstrap_intervals(NEVER, ["2024-06-01"], n_boot=200, seed=0).iloc[0]
    assert np.isinf(out["time_to_match_months_high"])
    assert "or more" in lag.interval_text(
        out["time_to_match_months_low"], out["time_to_match_months_high"]
    )


def test_bad_inputs() -> None:
    with pytest.raises(ValueError, match="tolerance"):
        lag.measures_at(NEVER, ["2024-06-01"], tolerance=-1)
    with pytest.raises(ValueError, match="confidence"):
        lag.bootstrap_intervals(NEVER, ["2024-06-01"], confidence=1.5)
    with pytest.raises(ValueError, match="missing"):
        lag.measures_at(NEVER.drop(columns="score"), ["2024-06-01"])


def test_table_beside_published_estimates() -> None:
    reference = pd.DataFrame(
        [
            ("Epoch AI", "2024-06-01", "open_closed_lag_months", 3.5, "months", 1.1, 5.3),
            ("Epoch AI", "2024-06-01", "price_decline", 10, "x per year", None, None),
            ("Other", "2024-06-01", "open_closed_lag_months", 9, "months", None, None),
        ],
        columns=list(lag.REFERENCE_COLUMNS),
    )
    published = lag.published_lags(reference)
    assert len(published) == 1
    dates = published["date"]
    measures = lag.measures_at(NEVER, dates, clamp=True)
    intervals = lag.bootstrap_intervals(NEVER, dates, n_boot=50, clamp=True)
    table = lag.lag_table(measures, intervals, published)
    row = table.iloc[0]
    assert row["published"] == "3.5 months (1.1–5.3)"
    assert row["time_to_match"].startswith("at least")
    assert "not matched" in row["why"]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 900), st.booleans(), st.floats(0, 100, allow_nan=False)),
        min_size=2,
        max_size=12,
    )
)
def test_properties(rows: list[tuple[int, bool, float]]) -> None:
    start = pd.Timestamp("2023-01-01")
    scored = _scored(
        [(f"m{i}", start + pd.Timedelta(days=d), o, s) for i, (d, o, s) in enumerate(rows)]
    )
    end = scored["release_date"].max()
    out = lag.measures_at(scored, [end])
    for _, r in out.iterrows():
        assert r["lag_behind_months"] >= 0 or np.isnan(r["lag_behind_months"])
        assert r["time_to_match_months"] >= 0 or np.isnan(r["time_to_match_months"])
        if not np.isnan(r["gap"]) and r["gap"] <= 0:
            assert not r["match_censored"]  # open at or above closed has matched it


def test_lag_text_of_a_censored_zero_says_why() -> None:
    assert lag.lag_text(0.0, True).startswith("not matched yet")
    assert lag.lag_text(7.0, True) == "at least 7.0 months (not matched yet)"
    assert lag.lag_text(4.2, False) == "4.2 months"
