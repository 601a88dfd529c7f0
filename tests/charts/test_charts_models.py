"""Tests for the Models chapter's chart helpers: every series shows where it stops."""

from __future__ import annotations

import pandas as pd

from analysis.charts import models_quality


def test_series_ends_marks_the_last_observation_of_each_series() -> None:
    frame = pd.DataFrame(
        {
            "kind": ["closed", "closed", "open", "open"],
            "month": pd.to_datetime(["2025-01-01", "2025-11-01", "2024-05-01", "2025-07-01"]),
            "score": [80.0, 91.9, 60.0, 75.1],
        }
    )
    ends = models_quality.series_ends(frame, ["kind"], date="month").set_index("kind")
    assert ends.loc["closed", "end_label"] == "data through Nov 2025"
    assert ends.loc["open", "end_label"] == "data through Jul 2025"
    assert ends.loc["open", "score"] == 75.1


def test_every_benchmark_gets_a_claim_row_so_no_layer_is_empty() -> None:
    claims = pd.DataFrame(
        [
            {
                "benchmark": "mmlu",
                "date": pd.Timestamp("2023-03-30"),
                "score": 63.0,
                "kind": "claim",
                "short": "Vicuna",
            }
        ]
    )
    steps = pd.DataFrame(
        {
            "benchmark": ["mmlu", "gpqa", "gpqa"],
            "month": pd.to_datetime(["2023-03-01", "2024-07-01", "2024-08-01"]),
            "score": [70.0, 49.0, 51.0],
        }
    )
    out = models_quality.with_anchors(claims, steps, ["mmlu", "gpqa"])
    anchor = out[out["kind"] == "anchor"].iloc[0]
    assert len(out) == 2 and anchor["benchmark"] == "gpqa"
    assert (anchor["score"], anchor["short"]) == (49.0, "")  # on the first frontier point
