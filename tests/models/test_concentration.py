"""Tests for analysis.models.concentration: hand-computed cases, properties, bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.models import concentration as c


def _rounds(rows: list[tuple]) -> pd.DataFrame:
    """Rows of (date, company, layer, round_type, amount_usd_m, open_weights)."""
    df = pd.DataFrame(
        rows,
        columns=["date", "company", "layer", "round_type", "amount_usd_m", "open_weights"],
    )
    df["post_money_valuation_usd_m"] = np.nan
    return df


@pytest.fixture
def rounds() -> pd.DataFrame:
    return _rounds(
        [
            ("2021-03-01", "A", "models", "series_a", 100.0, "no"),
            ("2021-07-01", "B", "apps", "seed", 300.0, None),
            ("2022-02-01", "A", "models", "series_b", 200.0, "no"),
            ("2022-05-01", "C", "models", "series_a", 400.0, "yes"),
            ("2022-06-01", "D", "models", "tender", 1000.0, "no"),  # tender: excluded
            ("2022-08-01", "E", "apps", "seed", None, None),  # amount not reported
        ]
    )


# ---------------------------------------------------------------------------
# Hand-computed cases
# ---------------------------------------------------------------------------


def test_cumulative_by_company(rounds: pd.DataFrame) -> None:
    out = cumulative_by_year(c.cumulative_funding(rounds, "company"), "company")
    # 2021: A 100, B 300 -> total 400 -> shares .25, .75
    assert out[2021] == {"B": (300.0, 0.75), "A": (100.0, 0.25)}
    # 2022: A 100+200=300, B 300, C 400 (D tender out, E no amount) -> total 1000
    assert out[2022] == {"C": (400.0, 0.4), "A": (300.0, 0.3), "B": (300.0, 0.3)}


def cumulative_by_year(frame: pd.DataFrame, by: str) -> dict[int, dict[str, tuple]]:
    result: dict[int, dict[str, tuple]] = {}
    for row in frame.itertuples(index=False):
        year = row.year_end.year
        result.setdefault(year, {})[getattr(row, by)] = (
            round(row.cumulative_usd_m, 9),
            round(row.share, 9),
        )
    return result


def test_cumulative_sorted_largest_first_and_dated_31_december(rounds: pd.DataFrame) -> None:
    out = c.cumulative_funding(rounds)
    assert list(out.columns) == ["year_end", "company", "cumulative_usd_m", "share"]
    assert list(out["year_end"].unique()) == [
        pd.Timestamp("2021-12-31"),
        pd.Timestamp("2022-12-31"),
    ]
    # 2022: C 400 first, then the A/B tie at 300 in name order
    assert list(out.loc[out["year_end"].dt.year == 2022, "company"]) == ["C", "A", "B"]


def test_cumulative_by_layer(rounds: pd.DataFrame) -> None:
    out = cumulative_by_year(c.cumulative_funding(rounds, "layer"), "layer")
    # 2021: models 100 (A), apps 300 (B) -> .25 / .75
    assert out[2021] == {"apps": (300.0, 0.75), "models": (100.0, 0.25)}
    # 2022: models 100+200+400 = 700, apps 300 -> .7 / .3
    assert out[2022] == {"models": (700.0, 0.7), "apps": (300.0, 0.3)}


def test_layer_filter(rounds: pd.DataFrame) -> None:
    out = cumulative_by_year(c.cumulative_funding(rounds, layer="models"), "company")
    assert out[2021] == {"A": (100.0, 1.0)}
    # 2022: A 300, C 400 -> 300/700, 400/700
    assert out[2022] == {"C": (400.0, round(4 / 7, 9)), "A": (300.0, round(3 / 7, 9))}


def test_tender_counts_when_not_excluded(rounds: pd.DataFrame) -> None:
    out = cumulative_by_year(c.cumulative_funding(rounds, exclude_round_types=()), "company")
    # 2022 total 1000 + D's 1000 = 2000; D share .5
    assert out[2022]["D"] == (1000.0, 0.5)


def test_years_without_funding_produce_no_rows(rounds: pd.DataFrame) -> None:
    out = c.cumulative_funding(rounds, years=[2020, 2021, 2023])
    assert sorted(out["year_end"].dt.year.unique()) == [2021, 2023]
    # 2023 = 2022 totals (no new rounds)
    assert out.loc[out["year_end"].dt.year == 2023, "cumulative_usd_m"].sum() == 1000.0


def test_round_on_31_december_counts_that_year() -> None:
    df = _rounds(
        [
            ("2021-12-31", "A", "models", "seed", 10.0, "no"),
            ("2022-01-01", "B", "models", "seed", 30.0, "no"),
        ]
    )
    out = c.cumulative_funding(df)
    # 2021 holds A only (dated on the year end); B starts in 2022
    assert list(out.loc[out["year_end"].dt.year == 2021, "company"]) == ["A"]


def test_zero_amount_company_is_not_in_the_population() -> None:
    df = _rounds(
        [
            ("2021-03-01", "A", "models", "seed", 10.0, "no"),
            ("2021-04-01", "B", "models", "seed", 30.0, "no"),
            ("2021-05-01", "Z", "models", "seed", 0.0, "no"),  # reported as zero
        ]
    )
    got = c.concentration_metrics(df).set_index("metric")["value"]
    # population A, B only: Gini = 2*(1*10 + 2*30)/(2*40) - 3/2 = 1.75 - 1.5 = 0.25
    assert got["n_companies"] == 2
    assert got["gini"] == pytest.approx(0.25)


def test_concentration_metrics_hand_computed(rounds: pd.DataFrame) -> None:
    out = c.concentration_metrics(rounds)
    assert list(out.columns) == ["year_end", "metric", "value"]
    assert list(out["metric"].iloc[:6]) == list(c.METRICS)
    got = {(r.year_end.year, r.metric): r.value for r in out.itertuples()}
    # 2021 amounts 100, 300 (total 400): shares .25, .75
    assert got[(2021, "top1_share")] == pytest.approx(0.75)
    assert got[(2021, "top3_share")] == pytest.approx(1.0)
    assert got[(2021, "hhi")] == pytest.approx(0.0625 + 0.5625)  # .25^2 + .75^2 = .625
    # Gini: sorted 100, 300; sum(i*x) = 1*100 + 2*300 = 700;
    # 2*700 / (2*400) - 3/2 = 1.75 - 1.5 = 0.25
    assert got[(2021, "gini")] == pytest.approx(0.25)
    assert got[(2021, "n_companies")] == 2
    assert got[(2021, "total_usd_m")] == 400
    # 2022 amounts 300, 300, 400 (total 1000): shares .3, .3, .4
    assert got[(2022, "top1_share")] == pytest.approx(0.4)
    assert got[(2022, "top3_share")] == pytest.approx(1.0)
    assert got[(2022, "hhi")] == pytest.approx(0.09 + 0.09 + 0.16)  # = .34
    # Gini: sum(i*x) = 300 + 600 + 1200 = 2100; 2*2100/(3*1000) - 4/3 = 1.4 - 1.3333 = 1/15
    assert got[(2022, "gini")] == pytest.approx(1 / 15)
    assert got[(2022, "n_companies")] == 3
    assert got[(2022, "total_usd_m")] == 1000


def test_lorenz_curves_hand_computed(rounds: pd.DataFrame) -> None:
    out = c.lorenz_curves(rounds)
    y2021 = out[out["year_end"].dt.year == 2021]
    # sorted 100, 300: (0,0), (1/2, 100/400), (1, 1)
    assert list(y2021["point"]) == [0, 1, 2]
    assert list(y2021["company_share"]) == pytest.approx([0.0, 0.5, 1.0])
    assert list(y2021["funding_share"]) == pytest.approx([0.0, 0.25, 1.0])
    y2022 = out[out["year_end"].dt.year == 2022]
    # sorted 300, 300, 400: cumulative 300, 600, 1000 of 1000
    assert list(y2022["funding_share"]) == pytest.approx([0.0, 0.3, 0.6, 1.0])


def test_metric_helpers_hand_computed() -> None:
    assert c.hhi([1, 1, 1, 1]) == pytest.approx(0.25)  # 4 * (1/4)^2
    assert c.hhi([5]) == 1.0
    # one of four holds all: sorted 0,0,0,1; sum(i*x) = 4; 2*4/(4*1) - 5/4 = 0.75
    assert c.gini([0, 0, 0, 1]) == pytest.approx(0.75)
    assert c.gini([2, 2, 2]) == pytest.approx(0.0)
    assert c.top_k_share([1, 2, 3, 4], 1) == pytest.approx(0.4)  # 4/10
    assert c.top_k_share([1, 2, 3, 4], 3) == pytest.approx(0.9)  # (4+3+2)/10
    assert c.top_k_share([1, 2], 3) == 1.0
    assert list(c.shares([1, 3])) == pytest.approx([0.25, 0.75])


def test_open_weights_share_some_counted_three_ways() -> None:
    df = _rounds(
        [
            ("2023-01-01", "M1", "models", "series_a", 600.0, "no"),
            ("2023-02-01", "M2", "models", "seed", 100.0, "yes"),
            ("2023-03-01", "M3", "models", "series_b", 300.0, "some"),
            ("2023-04-01", "X", "apps", "seed", 5000.0, None),  # not model layer
        ]
    )

    def shares_of(some_as: str) -> dict[str, float]:
        out = c.open_weights_funding_share(df, some_as=some_as)
        return dict(zip(out["weights"], out["share"], strict=True))

    # total 600 + 100 + 300 = 1000
    assert shares_of("separate") == pytest.approx({"open": 0.1, "some": 0.3, "closed": 0.6})
    assert shares_of("open") == pytest.approx({"open": 0.4, "closed": 0.6})  # 100 + 300
    assert shares_of("closed") == pytest.approx({"open": 0.1, "closed": 0.9})  # 600 + 300


def test_open_weights_share_lists_zero_classes(rounds: pd.DataFrame) -> None:
    out = c.open_weights_funding_share(rounds)
    y2021 = out[out["year_end"].dt.year == 2021]
    # 2021: only A (closed, 100) -> open 0, some 0, closed 1
    assert list(y2021["weights"]) == ["open", "some", "closed"]
    assert list(y2021["cumulative_usd_m"]) == [0.0, 0.0, 100.0]
    assert list(y2021["share"]) == [0.0, 0.0, 1.0]


# ---------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------


def test_missing_column_is_named(rounds: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match=r"missing column\(s\) \['amount_usd_m'\]"):
        c.cumulative_funding(rounds.drop(columns="amount_usd_m"))


def test_negative_amount_rejected(rounds: pd.DataFrame) -> None:
    bad = rounds.copy()
    bad.loc[1, "amount_usd_m"] = -5.0
    with pytest.raises(ValueError, match=r"negative amount in row\(s\) \[1\]"):
        c.concentration_metrics(bad)


def test_non_numeric_amount_rejected(rounds: pd.DataFrame) -> None:
    bad = rounds.astype({"amount_usd_m": object})
    bad.loc[0, "amount_usd_m"] = "lots"
    with pytest.raises(ValueError, match="not a number"):
        c.cumulative_funding(bad)


def test_bad_date_rejected(rounds: pd.DataFrame) -> None:
    bad = rounds.copy()
    bad.loc[0, "date"] = "not a date"
    with pytest.raises(ValueError, match="could not parse dates"):
        c.cumulative_funding(bad)


def test_unknown_layer_lists_layers_present(rounds: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match=r"layer 'model'.*\['apps', 'models'\]"):
        c.concentration_metrics(rounds, layer="model")


def test_bad_by_and_some_as(rounds: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="by must be"):
        c.cumulative_funding(rounds, "investor")
    with pytest.raises(ValueError, match="some_as must be one of"):
        c.open_weights_funding_share(rounds, some_as="half")


def test_model_round_without_open_weights_rejected(rounds: pd.DataFrame) -> None:
    bad = rounds.copy()
    bad.loc[3, "open_weights"] = None
    with pytest.raises(ValueError, match=r"missing or invalid for \['C'\]"):
        c.open_weights_funding_share(bad)


def test_metric_helpers_reject_bad_amounts() -> None:
    with pytest.raises(ValueError, match="at least one"):
        c.hhi([])
    with pytest.raises(ValueError, match="not all be zero"):
        c.gini([0, 0])
    with pytest.raises(ValueError, match="negative"):
        c.shares([1, -1])
    with pytest.raises(ValueError, match="finite"):
        c.lorenz_points([1, np.nan])
    with pytest.raises(ValueError, match="k must be at least 1"):
        c.top_k_share([1, 2], 0)


def test_no_countable_rounds_rejected(rounds: pd.DataFrame) -> None:
    only_tender = rounds[rounds["round_type"] == "tender"]
    with pytest.raises(ValueError, match="no funding rounds"):
        c.cumulative_funding(only_tender)


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

amounts_st = st.lists(
    st.floats(min_value=0.0, max_value=1e6, allow_nan=False, allow_infinity=False),
    min_size=1,
    max_size=30,
).filter(lambda xs: sum(xs) > 0)


@given(amounts_st)
def test_shares_sum_to_one_and_hhi_bounded(amounts: list[float]) -> None:
    s = c.shares(amounts)
    n = len(amounts)
    assert s.sum() == pytest.approx(1.0)
    assert 1 / n - 1e-12 <= c.hhi(amounts) <= 1.0
    assert c.top_k_share(amounts, 1) <= c.top_k_share(amounts, 3) <= 1.0


@given(amounts_st)
def test_gini_in_unit_interval_and_equals_lorenz_area(amounts: list[float]) -> None:
    g = c.gini(amounts)
    assert 0.0 <= g < 1.0
    points = c.lorenz_points(amounts)
    x, y = points["company_share"].to_numpy(), points["funding_share"].to_numpy()
    area = float(np.sum((x[1:] - x[:-1]) * (y[1:] + y[:-1]) / 2))
    assert g == pytest.approx(1 - 2 * area, abs=1e-9)
    # Lorenz curve: from (0,0) to (1,1), never decreasing, never above the diagonal
    assert (x[0], y[0], x[-1], y[-1]) == (0.0, 0.0, 1.0, 1.0)
    assert np.all(np.diff(y) >= -1e-12)
    assert np.all(y <= x + 1e-9)


round_st = st.tuples(
    st.dates(
        min_value=pd.Timestamp("2019-01-01").date(), max_value=pd.Timestamp("2024-12-31").date()
    ),
    st.sampled_from(["A", "B", "C", "D", "E"]),
    st.sampled_from(["apps", "models", "infrastructure"]),
    st.sampled_from(["seed", "series_a", "tender", "debt"]),
    st.one_of(st.none(), st.floats(min_value=0.5, max_value=1e5)),
    st.sampled_from(["yes", "no", "some"]),
)


def _frame(rows: list[tuple]) -> pd.DataFrame:
    return _rounds([(d.isoformat(), co, la, rt, am, ow) for d, co, la, rt, am, ow in rows])


@settings(max_examples=60, deadline=None)
@given(st.lists(round_st, min_size=1, max_size=25))
def test_year_end_shares_sum_to_one_and_totals_never_fall(rows: list[tuple]) -> None:
    df = _frame(rows)
    countable = df["amount_usd_m"].notna() & (df["round_type"] != "tender")
    if not countable.any():
        with pytest.raises(ValueError):
            c.cumulative_funding(df)
        return
    out = c.cumulative_funding(df)
    sums = out.groupby("year_end")["share"].sum()
    assert np.allclose(sums, 1.0)
    # cumulative amounts never fall from one year end to the next
    wide = out.pivot(index="year_end", columns="company", values="cumulative_usd_m").fillna(0)
    assert (wide.diff().dropna() >= -1e-9).all().all()
    # nothing is lost: the last year end holds every countable dollar
    last = out[out["year_end"] == out["year_end"].max()]
    assert last["cumulative_usd_m"].sum() == pytest.approx(df.loc[countable, "amount_usd_m"].sum())
    metrics = c.concentration_metrics(df).pivot(index="year_end", columns="metric", values="value")
    assert ((metrics["hhi"] >= 1 / metrics["n_companies"] - 1e-12) & (metrics["hhi"] <= 1)).all()
    assert ((metrics["gini"] >= 0) & (metrics["gini"] < 1)).all()


@settings(max_examples=60, deadline=None)
@given(st.lists(round_st, min_size=1, max_size=25), st.sampled_from(c.SOME_AS_CHOICES))
def test_open_weights_shares_sum_to_one(rows: list[tuple], some_as: str) -> None:
    df = _frame(rows)
    countable = (
        df["amount_usd_m"].notna() & (df["round_type"] != "tender") & (df["layer"] == "models")
    )
    if not countable.any():
        return
    out = c.open_weights_funding_share(df, some_as=some_as)
    assert np.allclose(out.groupby("year_end")["share"].sum(), 1.0)
    assert (out["share"] >= 0).all()
