"""Tests for the round-level helpers in analysis.models.concentration.

``consolidate_rounds`` (one row per round from several sources' rows),
``rounds_at_least`` (round-size counts) and ``funding_to_date``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.models import funding_rounds

SOURCES = pd.DataFrame(
    {
        "source_id": ["p1", "s1", "s2", "e1"],
        "grade": ["primary", "outlet", "outlet", "estimate"],
        "date_published": ["2023-01-01", "2023-02-01", "2023-03-01", "2023-04-01"],
    }
)


def _rows(rows: list[tuple]) -> pd.DataFrame:
    """(date, company, round_type, amount, valuation, leads, source_id) rows."""
    df = pd.DataFrame(
        rows,
        columns=[
            "date",
            "company",
            "round_type",
            "amount_usd_m",
            "post_money_valuation_usd_m",
            "lead_investors",
            "source_id",
        ],
    )
    df["layer"] = "models"
    df["open_weights"] = "no"
    return df


def test_two_sources_of_one_round_become_one_row() -> None:
    df = _rows(
        [
            ("2023-03-01", "A", "series_c", 300.0, 4100.0, "Spark", "e1"),
            ("2023-05-23", "A", "series_c", 450.0, None, None, "p1"),
        ]
    )
    out = funding_rounds.consolidate_rounds(df, SOURCES)
    assert len(out) == 1
    row = out.iloc[0]
    # amount: primary p1 beats estimate e1; the valuation only e1 reports
    assert row["amount_usd_m"] == 450.0
    assert row["post_money_valuation_usd_m"] == 4100.0
    assert row["amount_source_id"] == "p1"
    assert row["valuation_source_id"] == "e1"
    assert row["date"] == pd.Timestamp("2023-05-23")  # date of the preferred row
    assert row["n_sources"] == 2
    assert (row["amount_low_usd_m"], row["amount_high_usd_m"]) == (300.0, 450.0)


def test_rows_further_apart_than_the_window_are_two_rounds() -> None:
    df = _rows(
        [
            ("2023-01-01", "A", "growth", 100.0, None, None, "s1"),
            ("2023-04-03", "A", "growth", 200.0, None, None, "s2"),  # 92 days later
        ]
    )
    assert len(funding_rounds.consolidate_rounds(df, SOURCES, window_days=92)) == 1
    assert len(funding_rounds.consolidate_rounds(df, SOURCES, window_days=91)) == 2


def test_same_source_and_different_leads_keep_rounds_apart() -> None:
    df = _rows(
        [
            # one source, two rows a month apart: a round and its extension
            ("2025-08-01", "A", "growth", 500.0, None, None, "s1"),
            ("2025-09-01", "A", "growth", 100.0, None, None, "s1"),
            # different sources, both name leads, none shared: two deals
            ("2024-11-22", "A", "corporate", 4000.0, None, "Amazon", "s1"),
            ("2025-01-01", "A", "corporate", 1000.0, None, "Google", "s2"),
            # one names no lead: merged with the Amazon row? no: Google row is nearer
        ]
    )
    out = funding_rounds.consolidate_rounds(df, SOURCES)
    assert sorted(out["amount_usd_m"]) == [100.0, 500.0, 1000.0, 4000.0]
    assert out["amount_usd_m"].sum() == 5600.0


def test_shared_lead_merges_and_later_restatement_wins() -> None:
    df = _rows(
        [
            ("2026-02-27", "A", "growth", 110.0, 840.0, "X;Y", "s1"),
            ("2026-03-31", "A", "growth", 122.0, 852.0, "Y;Z", "s2"),
        ]
    )
    out = funding_rounds.consolidate_rounds(df, SOURCES)
    # both reputable outlets: s2 published later wins every figure
    assert out[["amount_usd_m", "post_money_valuation_usd_m"]].iloc[0].tolist() == [122.0, 852.0]


def test_round_types_and_companies_never_merge() -> None:
    df = _rows(
        [
            ("2023-01-01", "A", "series_a", 10.0, None, None, "s1"),
            ("2023-01-01", "A", "series_b", 20.0, None, None, "s2"),
            ("2023-01-01", "B", "series_a", 30.0, None, None, "p1"),
        ]
    )
    assert len(funding_rounds.consolidate_rounds(df, SOURCES)) == 3


def test_round_without_any_amount_keeps_nan() -> None:
    df = _rows([("2023-01-01", "A", "series_e", None, 61500.0, None, "p1")])
    out = funding_rounds.consolidate_rounds(df, SOURCES)
    assert np.isnan(out.iloc[0]["amount_usd_m"])
    assert out.iloc[0]["post_money_valuation_usd_m"] == 61500.0


def test_consolidate_rejects_bad_window_and_columns() -> None:
    df = _rows([("2023-01-01", "A", "seed", 1.0, None, None, "s1")])
    with pytest.raises(ValueError, match="window_days"):
        funding_rounds.consolidate_rounds(df, SOURCES, window_days=-1)
    with pytest.raises(ValueError, match="window_days"):
        funding_rounds.consolidate_rounds(df, SOURCES, window_days=1.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="source_id"):
        funding_rounds.consolidate_rounds(df.drop(columns="source_id"), SOURCES)
    with pytest.raises(KeyError, match="zz"):
        funding_rounds.consolidate_rounds(df.assign(source_id="zz"), SOURCES)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 400),  # day offset
            st.sampled_from(["A", "B"]),
            st.sampled_from(["seed", "growth"]),
            st.one_of(st.none(), st.floats(1, 1000)),
            st.sampled_from(["p1", "s1", "s2", "e1"]),
        ),
        min_size=1,
        max_size=12,
    ),
    st.integers(0, 200),
)
def test_consolidation_invariants(rows: list[tuple], window: int) -> None:
    base = pd.Timestamp("2023-01-01")
    df = _rows(
        [
            ((base + pd.Timedelta(days=d)).date().isoformat(), co, rt, amt, None, None, src)
            for d, co, rt, amt, src in rows
        ]
    )
    out = funding_rounds.consolidate_rounds(df, SOURCES, window_days=window)
    # never more rounds than rows, and every row belongs to exactly one round
    assert 1 <= len(out) <= len(df)
    assert out["n_sources"].sum() == len(df)
    # a round's amount is one of its reported amounts, inside the spread
    has = out["amount_usd_m"].notna()
    assert (out.loc[has, "amount_usd_m"] >= out.loc[has, "amount_low_usd_m"]).all()
    assert (out.loc[has, "amount_usd_m"] <= out.loc[has, "amount_high_usd_m"]).all()
    # rows of one source are never merged: a round has at most one row per source
    assert (out["n_sources"] <= df["source_id"].nunique()).all()
    # a window of zero days merges only same-day rows
    if window == 0:
        assert len(out) >= df[["date", "company", "round_type"]].drop_duplicates().shape[0]


def test_rounds_at_least_hand_computed() -> None:
    df = _rows(
        [
            ("2023-01-01", "A", "seed", 5.0, None, None, "s1"),
            ("2023-02-01", "B", "series_a", 100.0, None, None, "s1"),
            ("2023-03-01", "C", "series_b", 300.0, None, None, "s1"),
            ("2023-04-01", "D", "tender", 900.0, None, None, "s1"),  # excluded
            ("2024-01-01", "A", "series_a", 50.0, None, None, "s1"),
        ]
    )
    out = funding_rounds.rounds_at_least(df, 100).set_index("year")
    assert out.loc[2023, "n_rounds"] == 3
    assert out.loc[2023, "n_large"] == 2  # 100 counts (>=), 300
    assert out.loc[2023, "large_share"] == pytest.approx(2 / 3)
    assert out.loc[2023, "median_usd_m"] == 100.0
    assert out.loc[2024, "n_large"] == 0
    with pytest.raises(ValueError, match="threshold"):
        funding_rounds.rounds_at_least(df, -1)


def test_funding_to_date_hand_computed() -> None:
    df = _rows(
        [
            ("2023-01-01", "A", "seed", 5.0, None, None, "s1"),
            ("2023-02-01", "B", "series_a", 100.0, None, None, "s1"),
            ("2023-03-01", "A", "series_b", 300.0, None, None, "s1"),
        ]
    )
    got = funding_rounds.funding_to_date(df, "2023-02-28")
    assert got.to_dict() == {"B": 100.0, "A": 5.0}
    assert list(funding_rounds.funding_to_date(df, "2023-03-01").index) == ["A", "B"]  # 305 > 100
    assert funding_rounds.funding_to_date(df, "2022-01-01").empty
    assert funding_rounds.funding_to_date(df, "2024-01-01", by="layer").to_dict() == {
        "models": 405.0
    }
