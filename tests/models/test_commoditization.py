"""Tests for analysis.models.commoditization: blended prices, price periods, comparison."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.models import commoditization as cm
from analysis.models import open_closed as oc


def _prices(rows: list[tuple]) -> pd.DataFrame:
    """Rows of (provider, model, effective_date, input_usd_per_mtok, output_usd_per_mtok)."""
    return pd.DataFrame(rows, columns=list(cm.PRICE_COLUMNS))


def _catalogue() -> tuple[pd.DataFrame, pd.DataFrame]:
    models = pd.DataFrame(
        {
            "model": ["c1", "c2", "o1", "o2"],
            "developer": ["X", "X", "Y", "Y"],
            "release_date": ["2023-01-15", "2023-06-01", "2023-03-01", "2023-07-01"],
            "open_weights": [False, False, True, True],
        }
    )
    quality = pd.DataFrame(
        {"model": ["c1", "c2", "o1", "o2"], "benchmark": "mmlu", "score": [70.0, 80.0, 65.0, 78.0]}
    )
    return models, quality


@pytest.fixture
def catalogue() -> tuple[pd.DataFrame, pd.DataFrame]:
    return _catalogue()


@pytest.fixture
def prices() -> pd.DataFrame:
    return _prices(
        [
            ("X", "c1", "2023-01-15", 10.0, 30.0),  # blended (3*10 + 30)/4 = 15
            ("Azure", "c1", "2023-01-15", 12.0, 36.0),  # dearer host: 18
            ("X", "c1", "2023-05-01", 5.0, 15.0),  # price cut: 7.5
            ("H", "o1", "2023-03-10", 1.0, 1.0),  # 1
            ("H2", "o1", "2023-04-01", 0.5, 0.5),  # 0.5
            ("X", "c2", "2023-06-01", 20.0, 60.0),  # 30
            ("H", "o2", "2023-07-01", 0.8, 1.6),  # (2.4 + 1.6)/4 = 1.0
            ("H", "mystery", "2023-01-01", 0.01, 0.01),  # not in models: ignored
        ]
    )


def test_blended_price_hand_computed() -> None:
    assert cm.blended_price(3.0, 15.0) == pytest.approx(6.0)  # (3*3 + 15)/4
    assert cm.blended_price(3.0, 15.0, input_weight=1, output_weight=1) == pytest.approx(9.0)
    assert cm.blended_price(3.0, 15.0, input_weight=0, output_weight=1) == pytest.approx(15.0)
    series = cm.blended_price(pd.Series([1.0, 2.0]), pd.Series([5.0, 6.0]))
    assert list(series) == pytest.approx([2.0, 3.0])  # (3+5)/4, (6+6)/4


def test_prices_in_effect(prices: pd.DataFrame) -> None:
    out = cm.prices_in_effect(prices, ["2022-12-01", "2023-01-01", "2023-05-20"])
    assert out[out["month"] == pd.Timestamp("2022-12-01")].empty  # nothing priced yet
    jan = out[(out["month"] == pd.Timestamp("2023-01-01")) & (out["provider"] == "X")]
    assert list(jan["input_usd_per_mtok"]) == [10.0]
    may = out[(out["month"] == pd.Timestamp("2023-05-01")) & (out["provider"] == "X")]
    assert list(may["input_usd_per_mtok"]) == [5.0]  # the 2023-05-01 cut applies
    # one row per (provider, model) per month
    assert not out.duplicated(["month", "provider", "model"]).any()


def test_comparison_hand_computed(
    prices: pd.DataFrame, catalogue: tuple[pd.DataFrame, pd.DataFrame]
) -> None:
    out = cm.frontier_vs_open_prices(prices, *catalogue, benchmark="mmlu", tolerance=5.0)
    assert list(out.columns) == list(cm.COMPARISON_COLUMNS)
    # months from the first effective date (2023-01) to the last (2023-07)
    assert len(out) == 7
    got = out.set_index(out["month"].dt.strftime("%Y-%m"))

    jan = got.loc["2023-01"]
    assert (jan["closed_model"], jan["closed_provider"]) == ("c1", "X")  # cheaper than Azure
    assert jan["closed_usd_per_mtok"] == pytest.approx(15.0)
    assert jan["n_open_candidates"] == 0 and np.isnan(jan["price_ratio"])

    # March: o1 (65 >= 70 - 5) at H, 1.0 -> 15 / 1 = 15x
    assert got.loc["2023-03", "open_model"] == "o1"
    assert got.loc["2023-03", "price_ratio"] == pytest.approx(15.0)
    # April: H2 hosts o1 at 0.5 -> 15 / 0.5 = 30x
    assert got.loc["2023-04", "open_provider"] == "H2"
    assert got.loc["2023-04", "price_ratio"] == pytest.approx(30.0)
    # May: c1 cut to 7.5 -> 7.5 / 0.5 = 15x
    assert got.loc["2023-05", "price_ratio"] == pytest.approx(15.0)
    # June: c2 (80, 30) is the frontier; o1's 65 < 80 - 5: no comparison
    assert got.loc["2023-06", "closed_model"] == "c2"
    assert got.loc["2023-06", "n_open_candidates"] == 0
    assert np.isnan(got.loc["2023-06", "price_ratio"])
    # July: o2 (78 >= 75) at 1.0 -> 30 / 1 = 30x
    jul = got.loc["2023-07"]
    assert (jul["open_model"], jul["open_score"]) == ("o2", 78.0)
    assert jul["price_ratio"] == pytest.approx(30.0)


def test_weights_and_tolerance_change_the_answer(
    prices: pd.DataFrame, catalogue: tuple[pd.DataFrame, pd.DataFrame]
) -> None:
    even = cm.frontier_vs_open_prices(
        prices, *catalogue, benchmark="mmlu", tolerance=5.0, input_weight=1, output_weight=1
    )
    # July at 1:1: c2 (20 + 60)/2 = 40, o2 (0.8 + 1.6)/2 = 1.2 -> 33.33x
    assert even.iloc[-1]["price_ratio"] == pytest.approx(40 / 1.2)
    strict = cm.frontier_vs_open_prices(prices, *catalogue, benchmark="mmlu", tolerance=0.0)
    assert strict["n_open_candidates"].sum() == 0  # no open model reaches 70 or 80


def test_start_and_end(prices: pd.DataFrame, catalogue: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    out = cm.frontier_vs_open_prices(
        prices, *catalogue, benchmark="mmlu", tolerance=5.0, start="2022-11-05", end="2023-09-30"
    )
    assert out["month"].min() == pd.Timestamp("2022-11-01")
    # no carry-forward: the last price row of a scored model is July 2023, so the
    # series stops there even though end asks for September
    assert out["month"].max() == pd.Timestamp("2023-07-01")
    assert cm.last_observation(prices, oc.scored_models(*catalogue, ["mmlu"])) == pd.Timestamp(
        "2023-07-01"
    )
    assert pd.isna(out.iloc[0]["closed_model"])  # nothing priced yet
    assert out.iloc[-1]["price_ratio"] == pytest.approx(30.0)
    short = cm.frontier_vs_open_prices(
        prices, *catalogue, benchmark="mmlu", tolerance=5.0, end="2023-03-31"
    )
    assert short["month"].max() == pd.Timestamp("2023-03-01")  # end can cut it shorter


def test_missing_price_side_is_not_used(catalogue: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    prices = _prices(
        [
            ("X", "c1", "2023-01-15", 10.0, 30.0),
            ("H", "o1", "2023-01-15", 1.0, None),  # output price not reported
        ]
    )
    out = cm.frontier_vs_open_prices(prices, *catalogue, benchmark="mmlu", tolerance=10.0)
    assert out.loc[0, "n_open_candidates"] == 0


def test_free_open_model_gives_no_ratio(catalogue: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    prices = _prices([("X", "c1", "2023-01-15", 10.0, 30.0), ("H", "o1", "2023-01-15", 0.0, 0.0)])
    out = cm.frontier_vs_open_prices(prices, *catalogue, benchmark="mmlu", tolerance=10.0)
    # o1 (65 >= 70 - 10) qualifies at $0: a ratio would be infinite, so NaN
    assert out.loc[0, "n_open_candidates"] == 1
    assert out.loc[0, "open_usd_per_mtok"] == 0.0
    assert np.isnan(out.loc[0, "price_ratio"])


# ---------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------


def test_bad_inputs(prices: pd.DataFrame, catalogue: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    neg = prices.copy()
    neg.loc[2, "output_usd_per_mtok"] = -1.0
    with pytest.raises(ValueError, match=r"output_usd_per_mtok: negative price in row\(s\) \[2\]"):
        cm.frontier_vs_open_prices(neg, *catalogue, benchmark="mmlu", tolerance=1.0)
    dup = pd.concat([prices, prices.iloc[[0]]], ignore_index=True)
    with pytest.raises(ValueError, match=r"more than one row per \(provider, model"):
        cm.frontier_vs_open_prices(dup, *catalogue, benchmark="mmlu", tolerance=1.0)
    with pytest.raises(ValueError, match="tolerance"):
        cm.frontier_vs_open_prices(prices, *catalogue, benchmark="mmlu", tolerance=-1.0)
    with pytest.raises(ValueError, match="no scores for benchmark"):
        cm.frontier_vs_open_prices(prices, *catalogue, benchmark="gpqa_diamond", tolerance=1.0)
    with pytest.raises(ValueError, match="is before start"):
        cm.frontier_vs_open_prices(
            prices,
            *catalogue,
            benchmark="mmlu",
            tolerance=1.0,
            start="2024-01-01",
            end="2023-01-01",
        )
    with pytest.raises(ValueError, match=r"missing column\(s\) \['effective_date'\]"):
        cm.prices_in_effect(prices.drop(columns="effective_date"), ["2023-01-01"])
    with pytest.raises(ValueError, match="not both zero"):
        cm.blended_price(1.0, 2.0, input_weight=0, output_weight=0)
    with pytest.raises(ValueError, match="non-negative"):
        cm.blended_price(1.0, 2.0, input_weight=-1, output_weight=2)


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

price_st = st.floats(min_value=0.01, max_value=100, allow_nan=False)
weight_st = st.floats(min_value=0, max_value=10, allow_nan=False)


@given(price_st, price_st, weight_st, weight_st)
def test_blended_lies_between_input_and_output(
    p_in: float, p_out: float, w_in: float, w_out: float
) -> None:
    if w_in + w_out == 0:
        return
    b = cm.blended_price(p_in, p_out, input_weight=w_in, output_weight=w_out)
    assert min(p_in, p_out) - 1e-9 <= b <= max(p_in, p_out) + 1e-9


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["P1", "P2"]),
            st.sampled_from(["c1", "c2", "o1", "o2"]),
            st.integers(min_value=0, max_value=300),
            price_st,
            price_st,
        ),
        min_size=1,
        max_size=15,
        unique_by=lambda r: (r[0], r[1], r[2]),
    ),
    st.floats(min_value=0, max_value=20),
)
def test_comparison_invariants(rows: list[tuple], tolerance: float) -> None:
    catalogue = _catalogue()
    start = pd.Timestamp("2023-01-01")
    prices = _prices(
        [
            (p, m, (start + pd.Timedelta(days=d)).strftime("%Y-%m-%d"), i, o)
            for p, m, d, i, o in rows
        ]
    )
    out = cm.frontier_vs_open_prices(prices, *catalogue, benchmark="mmlu", tolerance=tolerance)
    has = out["price_ratio"].notna()
    assert np.allclose(
        out.loc[has, "price_ratio"],
        out.loc[has, "closed_usd_per_mtok"] / out.loc[has, "open_usd_per_mtok"],
    )
    assert (out.loc[has, "open_score"] >= out.loc[has, "closed_score"] - tolerance).all()
    assert (has == (out["n_open_candidates"] > 0)).all()
    # the frontier closed score never falls: prices only ever start, never stop
    assert (out["closed_score"].dropna().diff().dropna() >= 0).all()
