"""Tests for the Arena frontier chart: what it draws, its title and its "data through" label."""

from __future__ import annotations

import pandas as pd

from analysis.charts import models_arena

FRONTIER = pd.DataFrame(
    {
        "snapshot": ["bbbbbbb", "aaaaaaa"],  # out of order on purpose
        "no_earlier_than": pd.to_datetime(["2025-12-02", "2025-03-26"]),
        "closed_key": ["gemini-3-pro", "gemini-2.5-pro-exp-03-25"],
        "closed_rating": [1486.6, 1440.1],
        "closed_q025": [1480.4, 1432.1],
        "closed_q975": [1492.8, 1447.7],
        "open_key": ["glm-4.6", pd.NA],
        "open_rating": [1441.2, pd.NA],
        "open_q025": [1436.4, pd.NA],
        "open_q975": [1445.9, pd.NA],
        "gap_elo": [45.4, pd.NA],
        "overlap": [False, pd.NA],
    }
)


def test_long_frame_has_one_row_per_side_drawn_oldest_first() -> None:
    long = models_arena.frontier_long(FRONTIER)
    assert list(long["snapshot"]) == ["aaaaaaa", "bbbbbbb", "bbbbbbb"]  # no open model in aaaaaaa
    open_row = long[long["key"] == "glm-4.6"].iloc[0]
    assert (open_row["q025"], open_row["rating"], open_row["q975"]) == (1436.4, 1441.2, 1445.9)
    assert open_row["label"] == "≥ 02 Dec 2025 (bbbbbbb)"


def test_title_and_data_through_come_from_the_latest_snapshot() -> None:
    title = models_arena.arena_title(FRONTIER)
    assert "45 Elo points" in title and "do not overlap" in title
    assert models_arena.data_through(FRONTIER) == (
        "data through: snapshot bbbbbbb, taken no earlier than 02 Dec 2025"
    )
    overlapping = FRONTIER.assign(overlap=[True, pd.NA])
    assert "intervals overlap" in models_arena.arena_title(overlapping)


def test_chart_draws_interval_bars_dots_and_the_data_through_note() -> None:
    spec = models_arena.arena_frontier(FRONTIER).to_dict()
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["rule", "point", "text", "text"]
    assert spec["layer"][0]["encoding"]["y2"]["field"] == "q975"
    datasets = list(spec["datasets"].values())
    assert any(
        row.get("note", "").startswith("data through: snapshot bbbbbbb")
        for d in datasets
        for row in d
    )


def test_alt_text_names_every_snapshot() -> None:
    text = models_arena.arena_alt_text(FRONTIER)
    assert "snapshot aaaaaaa" in text and "no open model" in text
    assert "best open glm-4.6 1441, gap 45 Elo" in text
