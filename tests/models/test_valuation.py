"""Tests for analysis.models.valuation: matching rule by hand, properties, bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.models import valuation as v


def _rounds(rows: list[tuple]) -> pd.DataFrame:
    """Rows of (date, company, layer, round_type, post_money_valuation_usd_m)."""
    df = pd.DataFrame(
        rows,
        columns=["date", "company", "layer", "round_type", "post_money_valuation_usd_m"],
    )
    df["amount_usd_m"] = 1.0
    return df


def _revenue(rows: list[tuple]) -> pd.DataFrame:
    """Rows of (date, company, metric, value_usd_m)."""
    return pd.DataFrame(rows, columns=["date", "company", "metric", "value_usd_m"])


@pytest.fixture
def rounds() -> pd.DataFrame:
    return _rounds(
        [
            ("2023-01-01", "A", "models", "series_a", 1000.0),
            ("2023-06-01", "A", "models", "series_b", 3000.0),
            ("2023-03-01", "B", "models", "seed", 500.0),
            ("2023-04-01", "C", "models", "seed", None),  # no valuation: not listed
            ("2023-04-01", "D", "apps", "seed", 100.0),  # other layer
            ("2023-05-01", "E", "models", "series_a", 800.0),  # no revenue points
        ]
    )


@pytest.fixture
def revenue() -> pd.DataFrame:
    return _revenue(
        [
            ("2022-12-01", "A", "annualized_run_rate", 20.0),
            ("2023-01-10", "A", "annual_revenue", 50.0),
            ("2023-07-01", "A", "annualized_run_rate", 100.0),
            ("2023-02-01", "B", "annual_revenue", 25.0),
            ("2023-03-01", "B", "annual_revenue_forecast", 1.0),  # never used
        ]
    )


def _by_key(out: pd.DataFrame) -> dict[tuple[str, str], pd.Series]:
    return {(r["company"], r["date"].strftime("%Y-%m-%d")): r for _, r in out.iterrows()}


def test_hand_computed_multiples(rounds: pd.DataFrame, revenue: pd.DataFrame) -> None:
    out = v.valuation_multiples(rounds, revenue, window_days=183)
    assert list(out.columns) == list(v.OUTPUT_COLUMNS)
    # A, B and E: model rounds with a valuation, sorted by date
    assert list(out["company"]) == ["A", "B", "E", "A"]
    got = _by_key(out)

    a1 = got[("A", "2023-01-01")]
    # run rate 2022-12-01 (31 days before) beats annual revenue 2023-01-10 (9 days after)
    assert a1["revenue_metric"] == "annualized_run_rate"
    assert a1["days_offset"] == -31
    assert a1["multiple"] == pytest.approx(1000 / 20)  # = 50x
    assert pd.isna(a1["reason"])

    a2 = got[("A", "2023-06-01")]
    # 2022-12-01 is 182 days before, 2023-07-01 is 30 days after: nearer wins
    assert a2["revenue_date"] == pd.Timestamp("2023-07-01")
    assert a2["days_offset"] == 30
    assert a2["multiple"] == pytest.approx(3000 / 100)  # = 30x

    b = got[("B", "2023-03-01")]
    # only annual revenue (28 days before); the forecast is ignored
    assert b["revenue_metric"] == "annual_revenue"
    assert b["days_offset"] == -28
    assert b["multiple"] == pytest.approx(500 / 25)  # = 20x

    e = got[("E", "2023-05-01")]
    assert np.isnan(e["multiple"])
    assert e["reason"] == v.REASON_NO_COMPANY


def test_annual_revenue_can_be_refused(rounds: pd.DataFrame, revenue: pd.DataFrame) -> None:
    out = _by_key(v.valuation_multiples(rounds, revenue, allow_annual_revenue=False))
    assert np.isnan(out[("B", "2023-03-01")]["multiple"])
    assert out[("B", "2023-03-01")]["reason"] == v.REASON_NO_COMPANY


def test_outside_window_keeps_the_round(rounds: pd.DataFrame, revenue: pd.DataFrame) -> None:
    # B's only point is 28 days away: a 27-day window misses it
    out = _by_key(v.valuation_multiples(rounds, revenue, window_days=27))
    b = out[("B", "2023-03-01")]
    assert np.isnan(b["multiple"])
    assert b["reason"] == "no revenue point within +/-27 days"
    # the window is inclusive: 28 days is in
    out = _by_key(v.valuation_multiples(rounds, revenue, window_days=28))
    assert out[("B", "2023-03-01")]["multiple"] == pytest.approx(20.0)


def test_all_layers(rounds: pd.DataFrame, revenue: pd.DataFrame) -> None:
    out = v.valuation_multiples(rounds, revenue, layer=None)
    assert sorted(out["company"]) == ["A", "A", "B", "D", "E"]


def test_equal_distance_prefers_the_earlier_point() -> None:
    rounds = _rounds([("2023-03-01", "A", "models", "seed", 600.0)])
    revenue = _revenue(
        [
            ("2023-03-11", "A", "annualized_run_rate", 30.0),  # 10 days after
            ("2023-02-19", "A", "annualized_run_rate", 20.0),  # 10 days before: wins
        ]
    )
    out = v.valuation_multiples(rounds, revenue)
    assert out.loc[0, "multiple"] == pytest.approx(600 / 20)  # = 30x
    assert out.loc[0, "days_offset"] == -10


def test_zero_revenue_gives_nan_with_reason() -> None:
    rounds = _rounds([("2023-03-01", "A", "models", "seed", 600.0)])
    revenue = _revenue([("2023-03-01", "A", "annualized_run_rate", 0.0)])
    out = v.valuation_multiples(rounds, revenue)
    assert np.isnan(out.loc[0, "multiple"])
    assert out.loc[0, "reason"] == v.REASON_ZERO
    assert out.loc[0, "revenue_usd_m"] == 0.0


def test_no_valued_rounds_gives_empty_frame_with_columns() -> None:
    rounds = _rounds([("2023-03-01", "A", "models", "seed", None)])
    out = v.valuation_multiples(rounds, _revenue([]))
    assert out.empty
    assert list(out.columns) == list(v.OUTPUT_COLUMNS)


@pytest.mark.parametrize("window", [-1, 1.5, "30", True])
def test_bad_window_rejected(rounds: pd.DataFrame, revenue: pd.DataFrame, window: object) -> None:
    with pytest.raises(ValueError, match="window_days"):
        v.valuation_multiples(rounds, revenue, window_days=window)  # type: ignore[arg-type]


def test_missing_columns_named(rounds: pd.DataFrame, revenue: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match=r"funding_rounds is missing.*post_money"):
        v.valuation_multiples(rounds.drop(columns="post_money_valuation_usd_m"), revenue)
    with pytest.raises(ValueError, match=r"revenue_points is missing.*metric"):
        v.valuation_multiples(rounds, revenue.drop(columns="metric"))


def test_negative_values_rejected(rounds: pd.DataFrame, revenue: pd.DataFrame) -> None:
    bad_rounds = rounds.copy()
    bad_rounds.loc[2, "post_money_valuation_usd_m"] = -1.0
    with pytest.raises(
        ValueError, match=r"post_money_valuation_usd_m: negative value in row\(s\) \[2\]"
    ):
        v.valuation_multiples(bad_rounds, revenue)
    bad_revenue = revenue.copy()
    bad_revenue.loc[0, "value_usd_m"] = -3.0
    with pytest.raises(ValueError, match=r"value_usd_m: negative value in row\(s\) \[0\]"):
        v.valuation_multiples(rounds, bad_revenue)


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

day_st = st.integers(min_value=0, max_value=1500)
company_st = st.sampled_from(["A", "B", "C"])


def _day(n: int) -> str:
    return (pd.Timestamp("2021-01-01") + pd.Timedelta(days=n)).strftime("%Y-%m-%d")


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(day_st, company_st, st.one_of(st.none(), st.floats(0, 1e6))),
        min_size=1,
        max_size=12,
    ),
    st.lists(
        st.tuples(
            day_st,
            company_st,
            st.sampled_from(["annualized_run_rate", "annual_revenue", "annual_revenue_forecast"]),
            st.floats(0, 1e5),
        ),
        max_size=12,
    ),
    st.integers(min_value=0, max_value=400),
)
def test_every_valued_round_kept_and_multiples_consistent(
    round_rows: list[tuple], revenue_rows: list[tuple], window: int
) -> None:
    rounds = _rounds([(_day(d), co, "models", "seed", val) for d, co, val in round_rows])
    revenue = _revenue([(_day(d), co, m, val) for d, co, m, val in revenue_rows])
    out = v.valuation_multiples(rounds, revenue, window_days=window)
    assert len(out) == rounds["post_money_valuation_usd_m"].notna().sum()
    has = out["multiple"].notna()
    # a multiple, or a reason: never both, never neither
    assert (has != out["reason"].notna()).all()
    assert np.allclose(
        out.loc[has, "multiple"],
        out.loc[has, "post_money_valuation_usd_m"] / out.loc[has, "revenue_usd_m"],
    )
    matched = out["revenue_date"].notna()
    assert (out.loc[matched, "days_offset"].abs() <= window).all()
    assert out.loc[matched, "revenue_metric"].isin(["annualized_run_rate", "annual_revenue"]).all()
    # a run rate in the window is always preferred over annual revenue
    for _, row in out[out["revenue_metric"] == "annual_revenue"].iterrows():
        run_rates = revenue[
            (revenue["company"] == row["company"]) & (revenue["metric"] == "annualized_run_rate")
        ]
        gaps = (pd.to_datetime(run_rates["date"]) - row["date"]).dt.days.abs()
        assert not (gaps <= window).any()
