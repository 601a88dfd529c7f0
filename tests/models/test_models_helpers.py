"""Tests for the helpers added for the Models chapter.

``valuation.valuation_multiples(revenue_columns=, round_columns=)`` and, in
``analysis.models.open_closed``, ``one_source_per_benchmark``, ``gap_at`` and
``developer_gap``.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.models import gap_trends
from analysis.models import open_closed as oc
from analysis.models import valuation as v


def test_valuation_carries_revenue_and_round_columns() -> None:
    rounds = pd.DataFrame(
        {
            "date": ["2024-01-01", "2024-06-01"],
            "company": ["A", "B"],
            "layer": ["models", "models"],
            "round_type": ["series_a", "seed"],
            "post_money_valuation_usd_m": [1000.0, 500.0],
            "valuation_source_id": ["r1", "r2"],
        }
    )
    revenue = pd.DataFrame(
        {
            "date": ["2024-02-01"],
            "company": ["A"],
            "metric": ["annualized_run_rate"],
            "value_usd_m": [40.0],
            "basis": ["estimated"],
            "source_id": ["x1"],
        }
    )
    out = v.valuation_multiples(
        rounds,
        revenue,
        revenue_columns=("basis", "source_id"),
        round_columns=("valuation_source_id",),
    )
    assert list(out.columns[-3:]) == [
        "revenue_basis",
        "revenue_source_id",
        "round_valuation_source_id",
    ]
    a, b = out.iloc[0], out.iloc[1]
    assert a["multiple"] == 25.0  # 1000 / 40
    assert (a["revenue_basis"], a["revenue_source_id"]) == ("estimated", "x1")
    assert a["round_valuation_source_id"] == "r1"
    # B has no revenue: carried revenue columns are empty, round column is kept
    assert pd.isna(b["revenue_basis"]) and b["round_valuation_source_id"] == "r2"
    with pytest.raises(ValueError, match="repeats"):
        v.valuation_multiples(rounds, revenue, revenue_columns=("date",))
    with pytest.raises(ValueError, match="missing"):
        v.valuation_multiples(rounds, revenue, revenue_columns=("nope",))


def _catalogue() -> tuple[pd.DataFrame, pd.DataFrame]:
    models = pd.DataFrame(
        {
            "model": ["C1", "C2", "O1", "O2", "R1"],
            "developer": ["Big", "Big", "Lab", "Lab", "Rival"],
            "release_date": ["2023-01-10", "2023-06-10", "2023-03-10", "2023-08-10", "2023-02-10"],
            "open_weights": [False, False, True, True, False],
        }
    )
    quality = pd.DataFrame(
        {
            "model": ["C1", "C2", "O1", "O2", "R1"],
            "benchmark": ["mmlu_5shot"] * 5,
            "score": [70.0, 80.0, 50.0, 78.0, 60.0],
        }
    )
    return models, quality


def test_one_source_per_benchmark_keeps_the_widest_snapshot() -> None:
    q = pd.DataFrame(
        {
            "model": ["A", "B", "C", "A", "B", "A"],
            "benchmark": ["arena_elo"] * 5 + ["mmlu_5shot"],
            "score": [1100.0, 1200.0, 1000.0, 1150.0, 1180.0, 70.0],
            "source_id": ["big", "big", "big", "small", "small", "m1"],
        }
    )
    out = oc.one_source_per_benchmark(q, ["arena_elo"])
    # "big" rates 3 models, "small" 2: only big's arena rows stay; MMLU passes through
    assert sorted(out["source_id"]) == ["big", "big", "big", "m1"]
    # a tie goes to the lowest source_id
    tie = q[q["model"] != "C"]
    assert set(oc.one_source_per_benchmark(tie, ["arena_elo"])["source_id"]) == {"big", "m1"}
    with pytest.raises(ValueError, match="gpqa"):
        oc.one_source_per_benchmark(q, ["gpqa_diamond"])


def test_gap_at_takes_first_month_with_both_kinds() -> None:
    models, quality = _catalogue()
    frontier = oc.frontier_by_month(models, quality)
    # January 2023 has no open model yet; first month with both is March: 70 - 50
    row = gap_trends.gap_at(frontier, "mmlu_5shot", "2023-01-15")
    assert row is not None
    assert row["month"] == pd.Timestamp("2023-03-01") and row["gap"] == 20.0
    # August 2023: closed 80 (C2), open 78 (O2)
    assert gap_trends.gap_at(frontier, "mmlu_5shot", "2023-08-31")["gap"] == 2.0
    assert gap_trends.gap_at(frontier, "mmlu_5shot", "2024-01-01") is None


def test_developer_gap_hand_computed() -> None:
    models, quality = _catalogue()
    out = gap_trends.developer_gap(
        models, quality, developer="Rival", reference="Big", benchmark="mmlu_5shot"
    ).set_index("month")
    # starts when both have a model (Feb 2023): Big 70 vs Rival 60
    assert out.index[0] == pd.Timestamp("2023-02-01")
    assert out.loc["2023-02-01", "gap"] == 10.0
    # June 2023: C2 (80) released -> gap 20
    assert out.loc["2023-06-01", "gap"] == 20.0
    assert out.index[-1] == pd.Timestamp("2023-08-01")
    empty = gap_trends.developer_gap(
        models, quality, developer="Nobody", reference="Big", benchmark="mmlu_5shot"
    )
    assert empty.empty and list(empty.columns) == [
        "month",
        "reference_best",
        "developer_best",
        "gap",
    ]


def test_step_changes_keeps_each_change_and_the_last_row():
    from analysis.charts.models_quality import step_changes

    frame = pd.DataFrame(
        {
            "g": ["a"] * 5 + ["b"] * 2,
            "month": pd.to_datetime(
                ["2023-01-01", "2023-02-01", "2023-03-01", "2023-04-01", "2023-05-01"]
                + ["2023-01-01", "2023-02-01"]
            ),
            "score": [1.0, 1.0, 2.0, 2.0, 2.0, 5.0, 5.0],
        }
    )
    out = step_changes(frame.sample(frac=1, random_state=0), ["g"], order="month", value="score")
    assert list(zip(out["g"], out["month"].dt.month, out["score"], strict=True)) == [
        ("a", 1, 1.0),
        ("a", 3, 2.0),
        ("a", 5, 2.0),
        ("b", 1, 5.0),
        ("b", 2, 5.0),
    ]
