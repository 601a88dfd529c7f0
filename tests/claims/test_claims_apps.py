"""Tests for analysis.claims.apps: each predicate by hand, and verdicts that flip."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.claims import apps as ca
from analysis.claims import rules
from analysis.data import datasets

RUN = "annualized_run_rate"


def _points(rows):
    """rows: (date, company, metric, value_usd_m, basis); all apps."""
    df = pd.DataFrame(rows, columns=["date", "company", "metric", "value_usd_m", "basis"])
    df["layer"] = "apps"
    df["source_id"] = [f"rev-{i}" for i in range(len(df))]
    df["locator"] = "loc"
    return df


REV = _points(
    [
        ("2022-12-31", "Jasper", RUN, 80.0, "estimated"),
        ("2023-12-31", "Midjourney", "annual_revenue", 200.0, "estimated"),
        ("2024-04-30", "Cursor", RUN, 4.0, "estimated"),
        ("2025-01-31", "Cursor", RUN, 100.0, "estimated"),
        ("2024-04-30", "Replit", RUN, 2.7, "estimated"),
        ("2025-09-30", "Replit", RUN, 150.0, "reported"),
    ]
)
CATS = {"image": ("Midjourney",), "copy": ("Jasper",), "code": ("Cursor", "Replit")}

FITS = pd.DataFrame(
    {
        "threshold": [70.0, 86.0],
        "annual_factor": [0.2, 0.1],
        "annual_factor_low": [0.15, 0.05],
        "annual_factor_high": [0.3, 0.2],
        "fold_decline_per_year": [5.0, 10.0],
    }
)


def _funding(rows):
    """rows: (date, layer, amount_usd_m)."""
    return pd.DataFrame(rows, columns=["date", "layer", "amount_usd_m"])


FUNDING = _funding(
    [
        ("2023-04-01", "apps", 21.0),
        ("2023-12-01", "apps", 80.0),
        ("2025-06-05", "apps", 900.0),
        ("2025-03-01", "models", 10_000.0),
    ]
)


# --------------------------------------------------------------------------
# a16z-11: categories over $100M by the essay's date
# --------------------------------------------------------------------------


def test_categories_by_hand():
    out = ca.categories_over_threshold(REV, CATS, "2023-01-19").set_index("category")
    # only Jasper has a figure by the essay date: $80M < $100M
    assert out.loc["copy", "total_usd_m"] == 80.0
    # a lower bound under the threshold cannot decide a claim about the whole category
    assert out.loc["copy", "verdict"] == "still open"
    assert math.isnan(out.loc["image", "total_usd_m"])
    assert out.loc["image", "companies_with_data"] == ""
    assert ca.verdict_categories(out.reset_index()) == "still open"


def test_categories_sum_companies_and_flip_to_mixed_then_held():
    # add a Midjourney figure before the essay: image generation confirmed -> mixed
    extra = _points([("2022-12-31", "Midjourney", RUN, 120.0, "estimated")])
    out = ca.categories_over_threshold(pd.concat([REV, extra]), CATS, "2023-01-19")
    assert ca.verdict_categories(out) == "mixed"
    # copywriting confirmed by a second company summing with Jasper: 80 + 30 = 110
    cats = {**CATS, "copy": ("Jasper", "Copyco")}
    more = _points(
        [
            ("2022-11-30", "Copyco", RUN, 30.0, "estimated"),
            ("2022-12-31", "Cursor", RUN, 100.0, "estimated"),
        ]
    )
    out = ca.categories_over_threshold(pd.concat([REV, extra, more]), cats, "2023-01-19")
    assert out.set_index("category").loc["copy", "total_usd_m"] == 110.0
    assert ca.verdict_categories(out) == "held"


def test_categories_use_latest_figure_before_the_date_and_ignore_forecasts():
    pts = _points(
        [
            ("2022-06-30", "Jasper", RUN, 150.0, "estimated"),
            ("2022-12-31", "Jasper", RUN, 80.0, "estimated"),
            ("2022-12-31", "Midjourney", "annual_revenue_forecast", 500.0, "estimated"),
        ]
    )
    out = ca.categories_over_threshold(pts, CATS, "2023-01-19").set_index("category")
    assert out.loc["copy", "total_usd_m"] == 80.0  # latest, not the maximum
    assert out.loc["image", "companies_with_data"] == ""


# --------------------------------------------------------------------------
# a16z-03: several apps within a year
# --------------------------------------------------------------------------


def test_fast_climbs_by_hand():
    from analysis.apps.app_revenue import climb_months

    climbs = climb_months(REV, 10.0, 100.0)
    # Cursor: 2024-04-30 -> 2025-01-31 = 276 days = 9.07 months; Replit 518 days = 17.0
    assert ca.verdict_fast_climbs(climbs, 12, several=3) == "mixed"
    assert ca.verdict_fast_climbs(climbs, 12, several=1) == "held"
    # allow 18 months: both count, 2 < 3 still mixed; 2 >= 2 held
    assert ca.verdict_fast_climbs(climbs, 18, several=2) == "held"
    # 6 months: nobody, but bounds exist -> failed
    assert ca.verdict_fast_climbs(climbs, 6, several=3) == "failed"
    # no early figure anywhere -> not testable
    no_low = climbs.assign(months_at_most=np.nan)
    assert ca.verdict_fast_climbs(no_low, 12, several=3) == "not testable"


# --------------------------------------------------------------------------
# a16z-06: fast growth (plus untestable parts)
# --------------------------------------------------------------------------


def test_fast_growth_by_hand():
    growth = pd.DataFrame({"growth_multiple_per_year": [1.5, 3.0, 30.0]})
    # median 3.0 >= 2 (the rule set's "grew rapidly") -> growth holds, rest untestable -> mixed
    assert ca.verdict_fast_growth(growth) == "mixed"
    # a rule set demanding 4x a year: median 3 falls short -> failed
    with rules.rule_set(rapid_growth=4.0):
        assert ca.verdict_fast_growth(growth) == "failed"
    assert ca.verdict_fast_growth(growth.iloc[0:0]) == "not testable"


# --------------------------------------------------------------------------
# a16z-12 / a16z-34: consistency of the essay's figures
# --------------------------------------------------------------------------


def test_consistency_verdicts():
    from analysis.apps.unit_economics import essay_band_consistency

    assert ca.verdict_consistency(essay_band_consistency()) == "not testable"
    # margins of 90-95 % cannot go with 20-40 % inference: the figures contradict
    assert ca.verdict_consistency(essay_band_consistency(margin_band=(0.9, 0.95))) == "failed"


# --------------------------------------------------------------------------
# a16z-15: the price mechanism
# --------------------------------------------------------------------------


def test_price_mechanism_by_hand():
    assert ca.verdict_price_mechanism(FITS) == "mixed"
    # one level's interval reaches above 1 (no clear fall): still open
    one_flat = FITS.assign(annual_factor_high=[0.3, 1.2])
    assert ca.verdict_price_mechanism(one_flat) == "still open"
    # no level fell
    rising = FITS.assign(annual_factor_high=[1.1, 1.2])
    assert ca.verdict_price_mechanism(rising) == "failed"
    assert ca.verdict_price_mechanism(FITS.assign(annual_factor_high=np.nan)) == "not testable"


# --------------------------------------------------------------------------
# teng-18: app funding grows
# --------------------------------------------------------------------------


def test_app_funding_by_year_by_hand():
    by_year = ca.app_funding_by_year(FUNDING)
    # 2023: 21 + 80 = 101 ; 2025: 900 ; model rounds excluded
    assert by_year.to_dict() == {2023: 101.0, 2025: 900.0}
    assert ca.verdict_funding_growth(by_year, 2023, 2025) == "held"
    # flip: remove the 2025 app round and add a small one
    smaller = _funding([("2023-04-01", "apps", 21.0), ("2025-01-01", "apps", 5.0)])
    assert ca.verdict_funding_growth(ca.app_funding_by_year(smaller), 2023, 2025) == "failed"
    assert ca.verdict_funding_growth(by_year, 2023, 2024) == "not testable"


# --------------------------------------------------------------------------
# the table on the real claims
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def claims():
    return datasets.load("seed_claims")


def test_one_row_per_apps_claim_with_valid_verdicts(claims):
    out = ca.verdicts(claims, REV, FITS, FUNDING, category_companies=CATS)
    expected = sorted(claims.loc[claims["layer"] == "apps", "claim_id"])
    assert out["claim_id"].tolist() == expected
    assert list(out.columns) == list(ca.COLUMNS)
    assert out["verdict"].isin(ca.VERDICTS).all()
    assert out["figure_id"].isin([*ca.FIGURES.values(), ""]).all()
    assert (out["reasoning"].str.len() > 0).all()


def test_changing_input_rows_flips_the_verdicts_they_should(claims):
    base = ca.verdicts(claims, REV, FITS, FUNDING, category_companies=CATS).set_index("claim_id")
    assert base.loc["a16z-03", "verdict"] == "mixed"
    assert base.loc["a16z-11", "verdict"] == "still open"
    assert base.loc["teng-18", "verdict"] == "held"
    assert base.loc["a16z-15", "verdict"] == "mixed"
    # two more apps that climbed from under $10M to $100M within a year -> a16z-03 held
    more = _points(
        [
            ("2024-01-31", "A", RUN, 1.0, "estimated"),
            ("2024-09-30", "A", RUN, 120.0, "estimated"),
            ("2024-01-31", "B", RUN, 5.0, "estimated"),
            ("2024-12-31", "B", RUN, 100.0, "estimated"),
        ]
    )
    out = ca.verdicts(
        claims, pd.concat([REV, more]), FITS, FUNDING, category_companies=CATS
    ).set_index("claim_id")
    assert out.loc["a16z-03", "verdict"] == "held"
    assert "A: under $10 million" in out.loc["a16z-03", "evidence"]
    # a Midjourney figure over $100M before the essay -> a16z-11 mixed
    mj = _points([("2022-12-31", "Midjourney", RUN, 120.0, "estimated")])
    out = ca.verdicts(
        claims, pd.concat([REV, mj]), FITS, FUNDING, category_companies=CATS
    ).set_index("claim_id")
    assert out.loc["a16z-11", "verdict"] == "mixed"
    # app funding that shrank -> teng-18 failed
    shrank = _funding([("2023-04-01", "apps", 500.0), ("2025-06-05", "apps", 100.0)])
    out = ca.verdicts(claims, REV, FITS, shrank, category_companies=CATS).set_index("claim_id")
    assert out.loc["teng-18", "verdict"] == "failed"
    # prices that did not fall -> a16z-15 failed
    flat = FITS.assign(annual_factor_high=[1.1, 1.3])
    out = ca.verdicts(claims, REV, flat, FUNDING, category_companies=CATS).set_index("claim_id")
    assert out.loc["a16z-15", "verdict"] == "failed"
