"""Tests for analysis.apps.app_revenue: time from launch to $100 m of revenue."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.apps import app_revenue as ar


def _points(rows):
    """rows: (date, company, layer, metric, value_usd_m, basis)."""
    df = pd.DataFrame(rows, columns=["date", "company", "layer", "metric", "value_usd_m", "basis"])
    df["source_id"] = [f"rev-{i}" for i in range(len(df))]
    df["locator"] = "loc"
    return df


RUN = "annualized_run_rate"
POINTS = _points(
    [
        ("2022-06-30", "Jasperish", "apps", RUN, 50.0, "estimated"),
        ("2022-12-31", "Jasperish", "apps", RUN, 120.0, "reported"),
        ("2023-06-30", "Jasperish", "apps", RUN, 80.0, "estimated"),
        ("2023-03-01", "Slowco", "apps", RUN, 10.0, "reported"),
        ("2023-09-01", "Slowco", "apps", RUN, 60.0, "reported"),
        ("2023-12-31", "Slowco", "apps", "annual_revenue_forecast", 500.0, "estimated"),
        ("2023-06-30", "Annualco", "apps", "annual_revenue", 100.0, "reported"),
        ("2023-01-01", "ModelLab", "models", RUN, 1_000.0, "reported"),
    ]
)
LAUNCHES = {"Jasperish": "2022-01-01", "Slowco": "2022-06-01", "Ghost": "2022-01-01"}


def _by_company(out):
    return out.set_index("company")


def test_hand_case_reached():
    out = _by_company(ar.time_to_revenue_threshold(POINTS, LAUNCHES))
    j = out.loc["Jasperish"]
    assert bool(j["reached"])
    assert j["first_date_reached"] == pd.Timestamp("2022-12-31")
    assert (j["metric"], j["value_usd_m"], j["basis"], j["source_id"]) == (
        RUN,
        120.0,
        "reported",
        "rev-1",
    )
    # 2022-01-01 -> 2022-12-31 = 364 days; 364 / 30.436875 = 11.959 months
    assert j["months_to_threshold"] == pytest.approx(364 / 30.436875)
    assert j["months_to_threshold"] == pytest.approx(11.959, abs=1e-3)
    # last figure below $100 m before that: 2022-06-30, 180 days -> 5.914 months
    assert j["last_date_below"] == pd.Timestamp("2022-06-30")
    assert j["months_to_last_below"] == pytest.approx(180 / 30.436875)
    # later dip to 80 does not undo the first crossing; max is 120
    assert j["max_value_usd_m"] == 120.0
    assert j["last_observed_date"] == pd.Timestamp("2023-06-30")
    assert j["n_points"] == 3


def test_never_reached_is_reported_not_dropped():
    out = _by_company(ar.time_to_revenue_threshold(POINTS, LAUNCHES))
    s = out.loc["Slowco"]
    assert not bool(s["reached"])
    assert pd.isna(s["first_date_reached"]) and math.isnan(s["months_to_threshold"])
    # the $500 m forecast does not count; max of actuals is 60
    assert s["max_value_usd_m"] == 60.0
    assert s["n_points"] == 2
    # last figure below: 2023-09-01; 2022-06-01 -> 2023-09-01 = 457 days
    assert s["months_to_last_below"] == pytest.approx(457 / 30.436875)


def test_company_only_in_launch_dates_is_kept_with_no_points():
    out = _by_company(ar.time_to_revenue_threshold(POINTS, LAUNCHES))
    g = out.loc["Ghost"]
    assert g["n_points"] == 0 and not bool(g["reached"])


def test_annual_revenue_counts_and_threshold_is_inclusive():
    out = _by_company(ar.time_to_revenue_threshold(POINTS, LAUNCHES))
    a = out.loc["Annualco"]
    # exactly 100.0 reaches a 100.0 threshold; no launch date -> NaN months
    assert bool(a["reached"]) and a["metric"] == "annual_revenue"
    assert math.isnan(a["months_to_threshold"])


def test_other_layers_excluded_by_default_and_included_on_request():
    out = ar.time_to_revenue_threshold(POINTS, LAUNCHES)
    assert "ModelLab" not in set(out["company"])
    assert set(out["company"]) == {"Jasperish", "Slowco", "Annualco", "Ghost"}
    every = ar.time_to_revenue_threshold(POINTS, LAUNCHES, layer=None)
    assert "ModelLab" in set(every["company"])


def test_sorted_reached_first_fastest_first():
    out = ar.time_to_revenue_threshold(POINTS, LAUNCHES)
    # Jasperish (reached, 12 months), Annualco (reached, no launch),
    # then the two that did not reach it, by company name
    assert out["company"].tolist() == ["Jasperish", "Annualco", "Ghost", "Slowco"]


def test_lower_threshold_by_hand():
    out = _by_company(ar.time_to_revenue_threshold(POINTS, LAUNCHES, threshold_usd_m=50))
    # Jasperish's first figure, 50 on 2022-06-30, now counts: 180 days
    assert out.loc["Jasperish", "months_to_threshold"] == pytest.approx(180 / 30.436875)
    assert pd.isna(out.loc["Jasperish", "last_date_below"])
    # Slowco: 60 on 2023-09-01 counts; last below: 10 on 2023-03-01
    assert out.loc["Slowco", "first_date_reached"] == pd.Timestamp("2023-09-01")
    assert out.loc["Slowco", "last_date_below"] == pd.Timestamp("2023-03-01")


def test_months_between_by_hand():
    # 2023-01-01 -> 2024-01-01 = 365 days = 365 / 30.436875 = 11.992 months
    assert ar.months_between("2023-01-01", "2024-01-01") == pytest.approx(365 / 30.436875)
    assert ar.months_between("2023-02-01", "2023-01-01") < 0
    arr = ar.months_between(pd.Series(["2023-01-01"] * 2), pd.Series(["2023-01-31", "2023-03-02"]))
    np.testing.assert_allclose(arr, [30 / 30.436875, 60 / 30.436875])


def test_empty_values_are_ignored():
    pts = pd.concat(
        [POINTS, _points([("2022-03-01", "Jasperish", "apps", RUN, np.nan, "reported")])],
        ignore_index=True,
    )
    pts["source_id"] = [f"s{i}" for i in range(len(pts))]
    out = _by_company(ar.time_to_revenue_threshold(pts, LAUNCHES))
    assert out.loc["Jasperish", "n_points"] == 3


# --------------------------------------------------------------------------
# bad inputs
# --------------------------------------------------------------------------


def test_empty_frame_raises():
    with pytest.raises(ValueError, match="empty"):
        ar.time_to_revenue_threshold(POINTS.iloc[0:0], LAUNCHES)


def test_missing_column_raises():
    with pytest.raises(ValueError, match="missing column"):
        ar.time_to_revenue_threshold(POINTS.drop(columns="metric"), LAUNCHES)


def test_negative_value_raises():
    bad = POINTS.copy()
    bad.loc[0, "value_usd_m"] = -5.0
    with pytest.raises(ValueError, match="negative"):
        ar.time_to_revenue_threshold(bad, LAUNCHES)


@pytest.mark.parametrize("threshold", [0.0, -100.0, float("nan")])
def test_bad_threshold_raises(threshold):
    with pytest.raises(ValueError, match="threshold_usd_m"):
        ar.time_to_revenue_threshold(POINTS, LAUNCHES, threshold_usd_m=threshold)


def test_duplicate_key_raises():
    dup = pd.concat([POINTS, POINTS.iloc[[1]].assign(source_id="other")], ignore_index=True)
    with pytest.raises(ValueError, match="pick_preferred"):
        ar.time_to_revenue_threshold(dup, LAUNCHES)


# --------------------------------------------------------------------------
# properties
# --------------------------------------------------------------------------


@st.composite
def revenue_books(draw):
    rows = []
    for company in draw(st.sets(st.sampled_from(["A", "B", "C", "D"]), min_size=1)):
        days = draw(st.sets(st.integers(0, 1500), min_size=1, max_size=6))
        for d in days:
            rows.append(
                (
                    pd.Timestamp("2021-01-01") + pd.Timedelta(days=d),
                    company,
                    "apps",
                    draw(st.sampled_from(["annualized_run_rate", "annual_revenue"])),
                    draw(st.floats(0.0, 500.0)),
                    "reported",
                )
            )
    return _points(rows)


@settings(max_examples=60, deadline=None)
@given(revenue_books(), st.floats(1.0, 400.0), st.floats(0.0, 100.0))
def test_higher_threshold_is_never_reached_earlier(points, threshold, extra):
    launches = {c: "2021-01-01" for c in points["company"].unique()}
    low = _by_company(ar.time_to_revenue_threshold(points, launches, threshold))
    high = _by_company(ar.time_to_revenue_threshold(points, launches, threshold + extra))
    assert set(low.index) == set(high.index) == set(points["company"])
    for c in low.index:
        if bool(high.loc[c, "reached"]):
            assert bool(low.loc[c, "reached"])
            assert low.loc[c, "first_date_reached"] <= high.loc[c, "first_date_reached"]


@settings(max_examples=60, deadline=None)
@given(revenue_books(), st.floats(1.0, 400.0))
def test_reached_iff_max_at_or_above_threshold(points, threshold):
    out = ar.time_to_revenue_threshold(points, None, threshold)
    for _, row in out.iterrows():
        assert bool(row["reached"]) == (row["max_value_usd_m"] >= threshold)
        if row["reached"]:
            assert row["value_usd_m"] >= threshold
            # nothing earlier for the company was at or above the threshold
            mine = points[points["company"] == row["company"]]
            earlier = mine[pd.to_datetime(mine["date"]) < row["first_date_reached"]]
            assert (earlier["value_usd_m"] < threshold).all()


# --------------------------------------------------------------------------
# climb from under $low to $high, no launch date needed
# --------------------------------------------------------------------------

CLIMB = _points(
    [
        ("2023-12-31", "Fastco", "apps", RUN, 1.0, "estimated"),
        ("2024-04-30", "Fastco", "apps", RUN, 4.0, "estimated"),
        ("2024-10-31", "Fastco", "apps", RUN, 48.0, "estimated"),
        ("2025-01-31", "Fastco", "apps", RUN, 100.0, "estimated"),
        ("2025-06-30", "Fastco", "apps", RUN, 500.0, "estimated"),
        ("2024-04-30", "Slowco", "apps", RUN, 2.7, "estimated"),
        ("2025-09-30", "Slowco", "apps", RUN, 150.0, "reported"),
        ("2025-06-30", "Nolow", "apps", RUN, 100.0, "reported"),
        ("2025-06-30", "Small", "apps", RUN, 73.0, "estimated"),
        ("2024-01-31", "Lab", "models", RUN, 1.0, "reported"),
        ("2024-06-30", "Lab", "models", RUN, 200.0, "reported"),
    ]
)


def test_climb_months_by_hand():
    out = ar.climb_months(CLIMB, 10.0, 100.0).set_index("company")
    # Small never reaches 100; Lab is a model company
    assert list(out.index) == ["Fastco", "Slowco", "Nolow"]
    # Fastco: last figure under 10 is 2024-04-30 ($4M), first >= 100 is 2025-01-31:
    # 276 days / 30.436875 = 9.068 months
    assert out.loc["Fastco", "date_below"] == pd.Timestamp("2024-04-30")
    assert out.loc["Fastco", "value_below_usd_m"] == 4.0
    assert out.loc["Fastco", "months_at_most"] == pytest.approx(276 / 30.436875)
    # Slowco: 2024-04-30 -> 2025-09-30 = 518 days = 17.02 months
    assert out.loc["Slowco", "months_at_most"] == pytest.approx(518 / 30.436875)
    assert out.loc["Slowco", "source_id_reached"] == "rev-6"
    # Nolow reached 100 but was never seen under 10: no bound
    assert math.isnan(out.loc["Nolow", "months_at_most"])


def test_climb_months_lower_low_threshold_uses_an_earlier_date():
    # under $2M: Fastco's last such figure is 2023-12-31 ($1M): 397 days to 2025-01-31
    out = ar.climb_months(CLIMB, 2.0, 100.0).set_index("company")
    assert out.loc["Fastco", "months_at_most"] == pytest.approx(397 / 30.436875)
    # Slowco's only low figure is $2.7M, not under $2M
    assert math.isnan(out.loc["Slowco", "months_at_most"])


def test_climb_months_other_layer_on_request():
    out = ar.climb_months(CLIMB, 10.0, 100.0, layer="models").set_index("company")
    # 2024-01-31 -> 2024-06-30 = 151 days
    assert out.loc["Lab", "months_at_most"] == pytest.approx(151 / 30.436875)


@pytest.mark.parametrize("low, high", [(0.0, 100.0), (100.0, 100.0), (200.0, 100.0)])
def test_climb_months_bad_thresholds(low, high):
    with pytest.raises(ValueError):
        ar.climb_months(CLIMB, low, high)


@settings(deadline=None, max_examples=50)
@given(st.floats(0.5, 50.0), st.floats(1.0, 10.0))
def test_climb_never_longer_with_a_higher_low_threshold(low, extra):
    # raising the low bar can only move date_below later (or keep it): never a longer bound
    a = ar.climb_months(CLIMB, low, 100.0).set_index("company")["months_at_most"]
    b = ar.climb_months(CLIMB, min(low + extra, 99.0), 100.0).set_index("company")["months_at_most"]
    for company in a.index:
        if not math.isnan(a[company]):
            assert b[company] <= a[company] + 1e-9


def test_annual_growth_multiples_by_hand():
    out = ar.annual_growth_multiples(CLIMB).set_index("company")
    # Fastco: $1M on 2023-12-31 to $500M on 2025-06-30: 547 days = 1.4976 years
    years = 547 / 365.25
    assert out.loc["Fastco", "years"] == pytest.approx(years)
    assert out.loc["Fastco", "growth_multiple_per_year"] == pytest.approx(500 ** (1 / years))
    # Slowco: 2.7 -> 150 over 518 days
    assert out.loc["Slowco", "growth_multiple_per_year"] == pytest.approx(
        (150 / 2.7) ** (365.25 / 518)
    )
    # Nolow and Small have one figure each: no span, left out; Lab is not an app
    assert set(out.index) == {"Fastco", "Slowco"}
    assert out.index[0] == "Fastco"  # fastest first


def test_annual_growth_multiples_min_years_excludes_short_spans():
    pts = _points(
        [
            ("2024-01-31", "Quick", "apps", RUN, 10.0, "estimated"),
            ("2024-04-30", "Quick", "apps", RUN, 20.0, "estimated"),
        ]
    )
    assert ar.annual_growth_multiples(pts, min_years=0.5).empty
    # 90 days: (20 / 10) ** (365.25 / 90)
    out = ar.annual_growth_multiples(pts, min_years=0.2)
    assert out.loc[0, "growth_multiple_per_year"] == pytest.approx(2 ** (365.25 / 90))
    with pytest.raises(ValueError):
        ar.annual_growth_multiples(pts, min_years=0)
