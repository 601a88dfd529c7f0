"""Tests for analysis.apps.price_decline: monthly cheapest price, fit, projection."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.apps import decline_fit, margin_projection, published_declines
from analysis.apps import price_decline as pdl
from analysis.apps.unit_economics import ESSAY_TYPICAL_APP, TypicalApp

BENCH = "mmlu_5shot"


def _prices(rows):
    return pd.DataFrame(
        rows,
        columns=[
            "provider",
            "model",
            "effective_date",
            "input_usd_per_mtok",
            "output_usd_per_mtok",
        ],
    ).assign(source_id="src", locator="loc")


def _quality(scores):
    return pd.DataFrame({"model": list(scores), "benchmark": BENCH, "score": list(scores.values())})


# Hand example. Blended 3:1 prices:
#   m1 (score 80): from 2023-01-15 (3*10 + 30)/4 = 15 ; from 2023-06-01 (3*5 + 15)/4 = 7.5
#   m2 (score 70): from 2023-03-10 (3*2 + 6)/4 = 3
PRICES = _prices(
    [
        ("a", "m1", "2023-01-15", 10.0, 30.0),
        ("a", "m1", "2023-06-01", 5.0, 15.0),
        ("b", "m2", "2023-03-10", 2.0, 6.0),
    ]
)
QUALITY = _quality({"m1": 80.0, "m2": 70.0})


def _series(df, threshold):
    s = df[df["threshold"] == threshold].sort_values("month")
    return dict(zip(s["month"].dt.strftime("%Y-%m"), s["blended_usd_per_mtok"], strict=True))


# --------------------------------------------------------------------------
# monthly cheapest price: hand cases
# --------------------------------------------------------------------------


def test_cheapest_price_by_month_by_hand():
    out = pdl.cheapest_price_by_month(PRICES, QUALITY, BENCH, [60, 75], end="2023-08-20")
    # threshold 60: both models qualify. Jan-Feb only m1 (15); from March m2 (3).
    # No carry-forward: the last qualifying price row is m1's of June, so the
    # series stops in June although end asks for August
    assert _series(out, 60) == {
        "2023-01": 15.0,
        "2023-02": 15.0,
        "2023-03": 3.0,
        "2023-04": 3.0,
        "2023-05": 3.0,
        "2023-06": 3.0,
    }
    # threshold 75: only m1. 15 until May, 7.5 from June (its last observation)
    assert _series(out, 75) == {
        "2023-01": 15.0,
        "2023-02": 15.0,
        "2023-03": 15.0,
        "2023-04": 15.0,
        "2023-05": 15.0,
        "2023-06": 7.5,
    }
    row = out[(out["threshold"] == 60) & (out["month"] == "2023-04-01")].iloc[0]
    assert (row["provider"], row["model"]) == ("b", "m2")
    assert (row["input_usd_per_mtok"], row["output_usd_per_mtok"]) == (2.0, 6.0)


def test_series_carries_the_price_rows_source_and_date():
    prices = PRICES.assign(source_id=["s-m1-jan", "s-m1-jun", "s-m2"])
    out = pdl.cheapest_price_by_month(prices, QUALITY, BENCH, [75], end="2023-07-20")
    row = out[out["month"] == pd.Timestamp("2023-06-01")].iloc[0]
    # June: m1's second price (7.5) took effect 2023-06-01
    assert row["source_id"] == "s-m1-jun"
    assert row["effective_date"] == pd.Timestamp("2023-06-01")
    assert out[out["month"] == pd.Timestamp("2023-02-01")].iloc[0]["source_id"] == "s-m1-jan"


def test_threshold_nobody_meets_gives_no_rows():
    out = pdl.cheapest_price_by_month(PRICES, QUALITY, BENCH, 95)
    assert out.empty


def test_default_end_is_latest_effective_date():
    out = pdl.cheapest_price_by_month(PRICES, QUALITY, BENCH, 75)
    # latest effective date 2023-06-01 -> months Jan..Jun
    assert out["month"].max() == pd.Timestamp("2023-06-01")
    assert len(out) == 6


def test_month_is_evaluated_at_its_last_day():
    # a price effective on 31 January counts for January
    p = _prices([("a", "m1", "2023-01-31", 4.0, 4.0)])
    out = pdl.cheapest_price_by_month(p, _quality({"m1": 80}), BENCH, 50, end="2023-02-01")
    assert _series(out, 50) == {"2023-01": 4.0}  # and nothing carried into February


def test_each_threshold_stops_at_its_own_last_observation():
    # m2 (70) has no price row after March; m1 (80) is re-priced in June
    out = pdl.cheapest_price_by_month(PRICES, QUALITY, BENCH, [60, 75], end="2024-12-31")
    last = out.groupby("threshold")["month"].max()
    assert last[60.0] == pd.Timestamp("2023-06-01") and last[75.0] == pd.Timestamp("2023-06-01")
    only_m2 = pdl.cheapest_price_by_month(
        PRICES[PRICES["model"] == "m2"], QUALITY, BENCH, 60, end="2024-12-31"
    )
    assert only_m2["month"].max() == pd.Timestamp("2023-03-01")


def test_release_date_delays_a_model():
    # m2 is priced from 10 March but released 20 May: it counts from May (May 31 >= May 20)
    models = pd.DataFrame(
        {
            "model": ["m1", "m2"],
            "release_date": ["2023-01-01", "2023-05-20"],
            "open_weights": [False, True],
        }
    )
    out = pdl.cheapest_price_by_month(PRICES, QUALITY, BENCH, 60, models, end="2023-06-30")
    assert _series(out, 60) == {
        "2023-01": 15.0,
        "2023-02": 15.0,
        "2023-03": 15.0,
        "2023-04": 15.0,
        "2023-05": 3.0,
        "2023-06": 3.0,
    }


def test_open_weights_filter():
    models = pd.DataFrame(
        {
            "model": ["m1", "m2"],
            "release_date": ["2023-01-01", "2023-01-01"],
            "open_weights": ["false", "true"],
        }
    )
    open_ = pdl.cheapest_price_by_month(
        PRICES, QUALITY, BENCH, 60, models, open_weights=True, end="2023-04-01"
    )
    closed = pdl.cheapest_price_by_month(
        PRICES, QUALITY, BENCH, 60, models, open_weights=False, end="2023-04-01"
    )
    assert set(open_["model"]) == {"m2"}
    assert set(closed["model"]) == {"m1"}


def test_blend_weights_are_a_parameter():
    # 1:1 weighting of m1's first price: (10 + 30) / 2 = 20
    out = pdl.cheapest_price_by_month(
        PRICES, QUALITY, BENCH, 75, input_weight=1, output_weight=1, end="2023-01-31"
    )
    assert _series(out, 75) == {"2023-01": 20.0}


def test_ties_go_to_alphabetical_provider():
    p = _prices([("z", "m1", "2023-01-01", 1.0, 1.0), ("a", "m1", "2023-01-01", 1.0, 1.0)])
    out = pdl.cheapest_price_by_month(p, _quality({"m1": 80}), BENCH, 50)
    assert out["provider"].tolist() == ["a"]


def test_same_model_from_two_providers_uses_each_providers_own_schedule():
    # provider a cuts m1 to 1.0 in Feb; provider b keeps 2.0 -> cheapest is a's
    p = _prices(
        [
            ("a", "m1", "2023-01-01", 3.0, 3.0),
            ("a", "m1", "2023-02-01", 1.0, 1.0),
            ("b", "m1", "2023-01-01", 2.0, 2.0),
        ]
    )
    out = pdl.cheapest_price_by_month(p, _quality({"m1": 80}), BENCH, 50)
    assert _series(out, 50) == {"2023-01": 2.0, "2023-02": 1.0}


# --------------------------------------------------------------------------
# bad inputs
# --------------------------------------------------------------------------


def test_empty_frames_raise():
    with pytest.raises(ValueError, match="api_prices is empty"):
        pdl.cheapest_price_by_month(PRICES.iloc[0:0], QUALITY, BENCH, 60)
    with pytest.raises(ValueError, match="model_quality is empty"):
        pdl.cheapest_price_by_month(PRICES, QUALITY.iloc[0:0], BENCH, 60)


def test_missing_column_raises():
    with pytest.raises(ValueError, match="missing column"):
        pdl.cheapest_price_by_month(PRICES.drop(columns="effective_date"), QUALITY, BENCH, 60)


def test_negative_price_raises():
    bad = PRICES.copy()
    bad.loc[0, "output_usd_per_mtok"] = -1.0
    with pytest.raises(ValueError, match="negative"):
        pdl.cheapest_price_by_month(bad, QUALITY, BENCH, 60)


def test_duplicate_price_rows_raise():
    dup = pd.concat([PRICES, PRICES.iloc[[0]]], ignore_index=True)
    with pytest.raises(ValueError, match="pick_preferred"):
        pdl.cheapest_price_by_month(dup, QUALITY, BENCH, 60)


def test_duplicate_quality_rows_raise():
    dup = pd.concat([QUALITY, QUALITY.iloc[[0]]], ignore_index=True)
    with pytest.raises(ValueError, match="model_quality"):
        pdl.cheapest_price_by_month(PRICES, dup, BENCH, 60)


def test_open_weights_without_models_raises():
    with pytest.raises(ValueError, match="models"):
        pdl.cheapest_price_by_month(PRICES, QUALITY, BENCH, 60, open_weights=True)


# --------------------------------------------------------------------------
# monthly cheapest price: properties
# --------------------------------------------------------------------------

MODELS = ["m0", "m1", "m2", "m3"]


@st.composite
def falling_price_books(draw):
    """Price rows where no (provider, model) ever raises its price."""
    rows = []
    for model in MODELS:
        for provider in draw(st.lists(st.sampled_from(["p", "q"]), min_size=1, unique=True)):
            days = sorted(draw(st.sets(st.integers(0, 700), min_size=1, max_size=4)))
            price = draw(st.floats(0.1, 100.0))
            for d in days:
                rows.append(
                    (
                        provider,
                        model,
                        pd.Timestamp("2022-01-01") + pd.Timedelta(days=d),
                        price,
                        price * 3,
                    )
                )
                price *= draw(st.floats(0.1, 1.0))
    scores = {m: draw(st.floats(0.0, 100.0)) for m in MODELS}
    return _prices(rows), _quality(scores)


def _oracle(prices, quality, threshold, month):
    """Brute force: cheapest blended price in effect on the month's last day."""
    as_of = month + pd.offsets.MonthEnd(0)
    good = set(quality.loc[quality["score"] >= threshold, "model"])
    best = math.inf
    for (_, model), grp in prices.groupby(["provider", "model"]):
        live = grp[pd.to_datetime(grp["effective_date"]) <= as_of]
        if model in good and len(live):
            r = live.sort_values("effective_date").iloc[-1]
            best = min(best, (3 * r["input_usd_per_mtok"] + r["output_usd_per_mtok"]) / 4)
    return best


@settings(max_examples=40, deadline=None)
@given(falling_price_books(), st.floats(0.0, 100.0))
def test_cheapest_price_non_increasing_when_no_price_rises(book, threshold):
    prices, quality = book
    out = pdl.cheapest_price_by_month(prices, quality, BENCH, threshold, end="2024-01-01")
    series = out.sort_values("month")["blended_usd_per_mtok"].to_numpy()
    assert (np.diff(series) <= 1e-12).all()


@settings(max_examples=30, deadline=None)
@given(falling_price_books(), st.floats(0.0, 100.0))
def test_cheapest_price_matches_brute_force(book, threshold):
    prices, quality = book
    out = pdl.cheapest_price_by_month(prices, quality, BENCH, threshold, end="2024-01-01")
    for month, value in zip(out["month"], out["blended_usd_per_mtok"], strict=True):
        assert value == pytest.approx(_oracle(prices, quality, threshold, month))
    # and no month with a qualifying model is missing, up to the last observation
    good = set(quality.loc[quality["score"] >= threshold, "model"])
    dates = pd.to_datetime(prices.loc[prices["model"].isin(good), "effective_date"])
    stop = min(pd.Timestamp("2024-01-01"), dates.max()) if len(dates) else pd.Timestamp(0)
    months = pd.date_range("2022-01-01", stop, freq="MS")
    expected = [m for m in months if math.isfinite(_oracle(prices, quality, threshold, m))]
    assert list(out["month"]) == expected


@settings(max_examples=30, deadline=None)
@given(falling_price_books(), st.floats(0.0, 50.0), st.floats(0.0, 50.0))
def test_higher_threshold_never_cheaper(book, t_low, extra):
    prices, quality = book
    t_high = t_low + extra
    out = pdl.cheapest_price_by_month(prices, quality, BENCH, [t_low, t_high], end="2024-01-01")
    low = out[out["threshold"] == t_low].set_index("month")["blended_usd_per_mtok"]
    high = out[out["threshold"] == t_high].set_index("month")["blended_usd_per_mtok"]
    assert set(high.index) <= set(low.index)
    assert (high >= low.loc[high.index] - 1e-12).all()


# --------------------------------------------------------------------------
# Student-t quantile
# --------------------------------------------------------------------------


def test_t_quantile_known_values():
    # df=1 (Cauchy): tan(pi * (0.975 - 0.5)) = 12.7062047...
    assert decline_fit.student_t_quantile(0.975, 1) == pytest.approx(12.7062047362, rel=1e-9)
    # df=2: t = (2p - 1) / sqrt(2 p (1 - p)) = 0.95 / sqrt(0.04875) = 4.30265...
    assert decline_fit.student_t_quantile(0.975, 2) == pytest.approx(4.3026527297, rel=1e-9)
    # table value for df=10: 2.228
    assert decline_fit.student_t_quantile(0.975, 10) == pytest.approx(2.228, abs=5e-4)
    # large df tends to the normal quantile 1.959964
    assert decline_fit.student_t_quantile(0.975, 1e7) == pytest.approx(1.959964, abs=1e-5)
    assert decline_fit.student_t_quantile(0.5, 5) == 0.0


@settings(deadline=None)
@given(st.floats(0.001, 0.999), st.sampled_from([1, 2]))
def test_t_quantile_matches_closed_forms(p, df):
    if df == 1:
        expected = math.tan(math.pi * (p - 0.5))
    else:
        expected = (2 * p - 1) / math.sqrt(2 * p * (1 - p))
    assert decline_fit.student_t_quantile(p, df) == pytest.approx(expected, rel=1e-8, abs=1e-9)


@settings(deadline=None)
@given(st.floats(-20, 20), st.integers(1, 200))
def test_t_cdf_quantile_round_trip(t, df):
    p = decline_fit.student_t_cdf(t, df)
    if 1e-9 < p < 1 - 1e-9:
        assert decline_fit.student_t_quantile(p, df) == pytest.approx(t, rel=1e-6, abs=1e-6)


def test_t_quantile_bad_inputs():
    with pytest.raises(ValueError):
        decline_fit.student_t_quantile(1.0, 3)
    with pytest.raises(ValueError):
        decline_fit.student_t_quantile(0.9, 0)


# --------------------------------------------------------------------------
# log-linear fit
# --------------------------------------------------------------------------


def test_fit_by_hand():
    # x = 0, 4, 8 years (0, 1461, 2922 days = 4 * 365.25 steps); ln y = 0, -2, -6
    # mean x = 4, mean ln y = -8/3; Sxx = 16 + 0 + 16 = 32
    # Sxy = (-4)(8/3) + 0 + 4(-10/3) = -72/3 = -24  -> slope = -24/32 = -0.75
    # fitted: 1/3, -8/3, -17/3; residuals -1/3, 2/3, -1/3; SSR = 6/9 = 2/3
    # se = sqrt((2/3) / (n - 2) / Sxx) = sqrt(2/3 / 32) = sqrt(1/48) = 0.1443376
    # t(0.975, df=1) = 12.7062047 -> slope CI -0.75 -/+ 1.8339599
    start = pd.Timestamp("2000-01-01")
    dates = [start, start + pd.Timedelta(days=1461), start + pd.Timedelta(days=2922)]
    fit = decline_fit.fit_annual_decline(dates, np.exp([0.0, -2.0, -6.0]))
    assert fit.slope_log_per_year == pytest.approx(-0.75)
    assert fit.slope_se == pytest.approx(math.sqrt(1 / 48))
    assert fit.n == 3
    assert fit.annual_factor == pytest.approx(math.exp(-0.75))  # 0.4723666
    half = 12.7062047362 * math.sqrt(1 / 48)
    assert fit.annual_factor_low == pytest.approx(math.exp(-0.75 - half))
    assert fit.annual_factor_high == pytest.approx(math.exp(-0.75 + half))
    # percent decline 100 * (1 - 0.4723666) = 52.76 %
    assert fit.decline_pct_per_year == pytest.approx(100 * (1 - math.exp(-0.75)))
    assert fit.fold_decline_per_year == pytest.approx(math.exp(0.75))
    assert fit.decline_pct_low < fit.decline_pct_per_year < fit.decline_pct_high


@settings(deadline=None)
@given(
    st.floats(0.01, 3.0),
    st.floats(0.01, 1_000.0),
    st.sets(st.integers(0, 3_000), min_size=3, max_size=30),
)
def test_fit_recovers_known_rate_on_noiseless_data(factor, p0, days):
    days = sorted(days)
    dates = [pd.Timestamp("2022-01-01") + pd.Timedelta(days=d) for d in days]
    prices = [p0 * factor ** (d / 365.25) for d in days]
    fit = decline_fit.fit_annual_decline(dates, prices)
    assert fit.annual_factor == pytest.approx(factor, rel=1e-9)
    # no noise: the interval collapses onto the estimate
    assert fit.annual_factor_low == pytest.approx(factor, rel=1e-6)
    assert fit.annual_factor_high == pytest.approx(factor, rel=1e-6)


@settings(deadline=None)
@given(st.integers(0, 10_000))
def test_fit_interval_contains_estimate_on_noisy_data(seed):
    rng = np.random.default_rng(seed)
    days = np.arange(0, 36) * 30
    prices = 10 * 0.2 ** (days / 365.25) * np.exp(rng.normal(0, 0.3, days.size))
    dates = pd.Timestamp("2023-01-01") + pd.to_timedelta(days, unit="D")
    fit = decline_fit.fit_annual_decline(dates, prices, confidence=0.9)
    assert fit.annual_factor_low < fit.annual_factor < fit.annual_factor_high
    wider = decline_fit.fit_annual_decline(dates, prices, confidence=0.99)
    assert wider.annual_factor_low < fit.annual_factor_low
    assert wider.annual_factor_high > fit.annual_factor_high


def test_fit_bad_inputs():
    d = ["2023-01-01", "2023-02-01", "2023-03-01"]
    with pytest.raises(ValueError, match="at least 3"):
        decline_fit.fit_annual_decline(d[:2], [1.0, 0.5])
    with pytest.raises(ValueError, match="> 0"):
        decline_fit.fit_annual_decline(d, [1.0, 0.0, 0.5])
    with pytest.raises(ValueError, match="same length"):
        decline_fit.fit_annual_decline(d, [1.0, 0.5])
    with pytest.raises(ValueError, match="one date"):
        decline_fit.fit_annual_decline(["2023-01-01"] * 3, [1.0, 0.5, 0.2])
    with pytest.raises(ValueError, match="confidence"):
        decline_fit.fit_annual_decline(d, [1.0, 0.5, 0.2], confidence=1.0)


# --------------------------------------------------------------------------
# fit for several thresholds
# --------------------------------------------------------------------------


def _exact_decline_book(factor, p0=20.0, n_months=24):
    """Model m_hi re-priced at each month start to p0 * factor ** years exactly."""
    months = pd.date_range("2023-01-01", periods=n_months, freq="MS")
    years = (months - months[0]).days / 365.25
    rows = [
        ("p", "m_hi", m, p0 * factor**y, p0 * factor**y) for m, y in zip(months, years, strict=True)
    ]
    # a weaker, cheaper model that only qualifies at low thresholds
    rows.append(("p", "m_lo", months[0], 0.01, 0.01))
    return _prices(rows), _quality({"m_hi": 85.0, "m_lo": 40.0})


def test_fit_by_threshold_recovers_known_rate_and_keeps_empty_thresholds():
    prices, quality = _exact_decline_book(0.1)
    out = decline_fit.fit_decline_by_threshold(prices, quality, BENCH, [30, 80, 90])
    assert list(out.columns) == list(decline_fit.FIT_COLUMNS)
    assert out["threshold"].tolist() == [30.0, 80.0, 90.0]
    hi = out.set_index("threshold").loc[80.0]
    assert hi["n_months"] == 24
    assert hi["annual_factor"] == pytest.approx(0.1, rel=1e-9)
    assert hi["decline_pct_per_year"] == pytest.approx(90.0)
    assert hi["fold_decline_per_year"] == pytest.approx(10.0)
    # threshold 30: the flat 0.01 model is cheapest every month -> no decline
    lo = out.set_index("threshold").loc[30.0]
    assert lo["annual_factor"] == pytest.approx(1.0)
    # threshold 90: nobody qualifies -> kept, with NaN fit
    none = out.set_index("threshold").loc[90.0]
    assert none["n_months"] == 0 and math.isnan(none["annual_factor"])


def test_fit_by_threshold_too_few_months_gives_nan():
    out = decline_fit.fit_decline_by_threshold(PRICES, QUALITY, BENCH, [75], end="2023-02-01")
    assert out.loc[0, "n_months"] == 2
    assert math.isnan(out.loc[0, "annual_factor"])
    assert out.loc[0, "first_price_usd_per_mtok"] == 15.0


def test_implied_fold_per_year_by_hand():
    # 100x over exactly two Julian years (730.5 days) -> 10x a year
    start = pd.Timestamp("2020-01-01")
    end = start + pd.Timedelta(days=730.5)
    assert published_declines.implied_fold_per_year(100.0, start, end) == pytest.approx(10.0)
    # 8x over 3 years -> 2x a year (3 * 365.25 = 1095.75 days)
    assert published_declines.implied_fold_per_year(
        8.0, start, start + pd.Timedelta(days=1095.75)
    ) == pytest.approx(2.0)
    with pytest.raises(ValueError, match="after"):
        published_declines.implied_fold_per_year(10.0, "2024-01-01", "2023-01-01")
    with pytest.raises(ValueError, match="> 0"):
        published_declines.implied_fold_per_year(0.0, "2023-01-01", "2024-01-01")


# --------------------------------------------------------------------------
# margin projection
# --------------------------------------------------------------------------

FIT = {"annual_factor": 0.5, "annual_factor_low": 0.25, "annual_factor_high": 0.8}


def test_project_margin_by_hand():
    out = margin_projection.project_margin(ESSAY_TYPICAL_APP, FIT).set_index("year")
    assert list(out.index) == [2023, 2024, 2025, 2026, 2027]
    # 2023: 1 - 0.30 - 0.15 = 0.55 in every scenario
    assert out.loc[2023, ["margin_central", "margin_low", "margin_high"]].tolist() == (
        pytest.approx([0.55, 0.55, 0.55])
    )
    # 2024 central: share 0.30 * 0.5 = 0.15 -> 1 - 0.15 - 0.15 = 0.70
    assert out.loc[2024, "margin_central"] == pytest.approx(0.70)
    # 2024 low (slow decline 0.8): share 0.24 -> 0.61 ; high (0.25): 0.075 -> 0.775
    assert out.loc[2024, "margin_low"] == pytest.approx(0.61)
    assert out.loc[2024, "margin_high"] == pytest.approx(0.775)
    # 2025 central: 0.30 * 0.25 = 0.075 -> 0.775
    assert out.loc[2025, "margin_central"] == pytest.approx(0.775)
    assert out.loc[2024, "inference_share_slow_decline"] == pytest.approx(0.24)


def test_project_margin_usage_growth_can_offset_price_cuts():
    # prices halve each year, tokens per user double: share stays 0.30, margin 0.55
    out = margin_projection.project_margin(ESSAY_TYPICAL_APP, FIT, usage_growth_per_year=2.0)
    np.testing.assert_allclose(out["margin_central"], 0.55)


def test_project_margin_accepts_a_decline_fit():
    start = pd.Timestamp("2000-01-01")
    dates = [start + pd.Timedelta(days=d) for d in (0, 1461, 2922)]
    fit = decline_fit.fit_annual_decline(dates, np.exp([0.0, -2.0, -6.0]))
    out = margin_projection.project_margin(TypicalApp(0.4, 0.1), fit, years=[2024], base_year=2023)
    # 1 - 0.1 - 0.4 * exp(-0.75)
    assert out.loc[0, "margin_central"] == pytest.approx(0.9 - 0.4 * math.exp(-0.75))


def test_project_margin_bad_inputs():
    with pytest.raises(ValueError, match="low"):
        margin_projection.project_margin(
            ESSAY_TYPICAL_APP,
            {"annual_factor": 0.5, "annual_factor_low": 0.6, "annual_factor_high": 0.8},
        )
    with pytest.raises(ValueError, match="> 0"):
        margin_projection.project_margin(
            ESSAY_TYPICAL_APP,
            {"annual_factor": 0.5, "annual_factor_low": 0.0, "annual_factor_high": 0.8},
        )
    with pytest.raises(ValueError, match="usage_growth"):
        margin_projection.project_margin(ESSAY_TYPICAL_APP, FIT, usage_growth_per_year=0)
    with pytest.raises(ValueError, match="empty"):
        margin_projection.project_margin(ESSAY_TYPICAL_APP, FIT, years=[])


@settings(deadline=None)
@given(
    st.floats(0.0, 1.0),
    st.floats(0.0, 0.5),
    st.floats(0.05, 1.0),
    st.floats(1.0, 3.0),
    st.floats(1.0, 3.0),
)
def test_projection_ordering_and_ceiling(inference, other, central, up, down):
    fit = {
        "annual_factor": central,
        "annual_factor_low": central / down,
        "annual_factor_high": min(central * up, 1.0),
    }
    if fit["annual_factor_high"] < central:
        return
    out = margin_projection.project_margin(TypicalApp(inference, other), fit)
    tol = 1e-12
    assert (out["margin_low"] <= out["margin_central"] + tol).all()
    assert (out["margin_central"] <= out["margin_high"] + tol).all()
    assert (out["margin_high"] <= 1 - other + tol).all()
    # factors <= 1 and flat usage: margins never fall from year to year
    assert (np.diff(out["margin_central"]) >= -tol).all()


def test_fitted_trend_matches_noiseless_series():
    months = pd.date_range("2023-01-01", periods=13, freq="MS")
    x = (months - months[0]).days / pdl.DAYS_PER_YEAR
    prices = 20.0 * 0.1 ** np.asarray(x)  # 10x cheaper per year, exactly
    series = pd.DataFrame(
        {"benchmark": BENCH, "threshold": 70.0, "month": months, "blended_usd_per_mtok": prices}
    )
    out = decline_fit.fitted_trend(series)
    np.testing.assert_allclose(out["fitted_usd_per_mtok"], prices, rtol=1e-10)
    # a threshold with two months is skipped, not fitted
    short = series.head(2).assign(threshold=80.0)
    out = decline_fit.fitted_trend(pd.concat([series, short]))
    assert set(out["threshold"]) == {70.0}


def test_fitted_trend_is_the_fit_of_fit_annual_decline():
    months = pd.date_range("2023-01-01", periods=6, freq="MS")
    prices = np.array([10.0, 8.0, 8.0, 2.0, 2.0, 1.0])
    series = pd.DataFrame(
        {"benchmark": BENCH, "threshold": 70.0, "month": months, "blended_usd_per_mtok": prices}
    )
    trend = decline_fit.fitted_trend(series)["fitted_usd_per_mtok"].to_numpy()
    fit = decline_fit.fit_annual_decline(months, prices)
    years = (months[-1] - months[0]).days / pdl.DAYS_PER_YEAR
    # the fitted line falls by annual_factor ** years from first to last month
    assert trend[-1] / trend[0] == pytest.approx(fit.annual_factor**years)
    # and its geometric mean equals the data's
    assert np.log(trend).mean() == pytest.approx(np.log(prices).mean())


def test_offsetting_usage_growth_by_hand():
    # prices 10x cheaper a year: usage must grow 10x a year to keep the share
    assert margin_projection.offsetting_usage_growth(0.1) == pytest.approx(10.0)
    out = margin_projection.project_margin(
        ESSAY_TYPICAL_APP,
        {"annual_factor": 0.1, "annual_factor_low": 0.05, "annual_factor_high": 0.2},
        usage_growth_per_year=margin_projection.offsetting_usage_growth(0.1),
    )
    np.testing.assert_allclose(out["margin_central"], 0.55)
    with pytest.raises(ValueError):
        margin_projection.offsetting_usage_growth(0.0)


def test_last_scored_price_date_by_hand():
    # m1 (scored) last re-priced 2023-06-01; an unscored model priced later does not count
    prices = pd.concat(
        [PRICES, _prices([("c", "unscored", "2024-01-01", 0.1, 0.1)])], ignore_index=True
    )
    assert pdl.last_scored_price_date(prices, QUALITY, BENCH) == pd.Timestamp("2023-06-01")
    with pytest.raises(ValueError, match="no priced model"):
        pdl.last_scored_price_date(prices, QUALITY, "gpqa_diamond")


def test_endpoint_prices_by_hand():
    out = pdl.cheapest_price_by_month(PRICES, QUALITY, BENCH, [60, 75], end="2023-08-20")
    ends = pdl.endpoint_prices(out)
    # first months: 60 -> Jan 2023 (m1, 15), 75 -> Jan 2023 (m1, 15); last: Aug 2023
    assert ends["when"].tolist() == ["first", "first", "last", "last"]
    assert ends["threshold"].tolist() == [60.0, 75.0, 60.0, 75.0]
    assert ends.loc[0, "blended_usd_per_mtok"] == 15.0
    # August: threshold 60 -> m2 at 3.0 ; threshold 75 -> m1 at 7.5
    assert ends.loc[2, "blended_usd_per_mtok"] == 3.0
    assert ends.loc[3, "blended_usd_per_mtok"] == 7.5


def test_project_margin_by_threshold_stacks_and_skips_unfitted():
    fits = pd.DataFrame(
        {
            "threshold": [70.0, 80.0, 90.0],
            "annual_factor": [0.5, 0.25, np.nan],
            "annual_factor_low": [0.25, 0.2, np.nan],
            "annual_factor_high": [0.8, 0.3, np.nan],
        }
    )
    out = margin_projection.project_margin_by_threshold(ESSAY_TYPICAL_APP, fits, years=[2023, 2024])
    assert sorted(out["threshold"].unique()) == [70.0, 80.0]
    # 2024 at 0.25: 1 - 0.15 - 0.30 * 0.25 = 0.775
    row = out[(out["threshold"] == 80.0) & (out["year"] == 2024)].iloc[0]
    assert row["margin_central"] == pytest.approx(0.775)
    with pytest.raises(ValueError, match="no threshold"):
        margin_projection.project_margin_by_threshold(ESSAY_TYPICAL_APP, fits.iloc[[2]])


def test_largest_step_down_by_hand():
    out = pdl.cheapest_price_by_month(PRICES, QUALITY, BENCH, [60, 75], end="2023-08-20")
    # threshold 60: 15 (Jan, Feb) -> 3 (Mar, m2): 5x ; threshold 75: 15 -> 7.5 in June: 2x
    step = pdl.largest_step_down(out, 60)
    assert step["month"] == pd.Timestamp("2023-03-01")
    assert step["model"] == "m2"
    assert step["fold"] == pytest.approx(5.0)
    assert pdl.largest_step_down(out, 75)["fold"] == pytest.approx(2.0)
    flat = out[(out["threshold"] == 60) & (out["month"] >= "2023-03-01")]
    with pytest.raises(ValueError, match="never falls"):
        pdl.largest_step_down(flat, 60)
