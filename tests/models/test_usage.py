"""Tests for analysis.models.usage: the measures side by side, never mixed."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.models import usage

ROWS = pd.DataFrame(
    [
        ("2025-12-01", "Menlo", "spend", "Anthropic", 0.40, "s"),
        ("2025-12-01", "Menlo", "spend", "OpenAI", 0.27, "s"),
        ("2025-07-01", "Menlo", "spend", "Anthropic", 0.32, "s"),
        ("2026-04-01", "Ramp", "firms", "Anthropic", 0.344, "f"),
        ("2026-04-01", "Ramp", "firms", "OpenAI", 0.323, "f"),
        ("2026-04-01", "Ramp", "firms", "any AI", 0.506, "f"),
        ("2026-02-02", "a16z", "spend", "OpenAI", 0.56, "c"),
        ("2026-12-31", "a16z", "spend", "OpenAI", 0.53, "forecast"),
        ("2025-11-30", "OpenRouter", "tokens", "open weights", 0.30, "t"),
    ],
    columns=["date", "publisher", "measure", "segment", "share", "scope"],
)


def test_latest_by_measure_skips_later_rows_and_keeps_each_publisher() -> None:
    out = usage.latest_by_measure(ROWS, ["OpenAI", "Anthropic"], as_of="2026-12-04")
    anth = out[out["segment"] == "Anthropic"].set_index("publisher")
    assert anth.loc["Menlo", "share"] == 0.40  # Dec 2025 beats Jul 2025
    openai = out[out["segment"] == "OpenAI"].set_index("publisher")
    assert openai.loc["a16z", "share"] == 0.56  # the Dec 2026 forecast is after as_of


def test_disagreement_by_hand() -> None:
    latest = usage.latest_by_measure(ROWS, ["OpenAI"], as_of="2026-12-04")
    row = usage.disagreement(latest).iloc[0]
    # OpenAI: 27% of spend (Menlo), 32.3% of firms (Ramp), 56% of spend (a16z)
    assert row["low"] == 0.27 and row["high"] == 0.56
    assert row["spread"] == pytest.approx(0.29)
    assert (row["low_publisher"], row["high_publisher"]) == ("Menlo", "a16z")


def test_leader_by_measure_ignores_groupings() -> None:
    out = usage.leader_by_measure(ROWS, as_of="2026-12-04").set_index(["publisher", "date"])
    ramp = out.loc[("Ramp", pd.Timestamp("2026-04-01"))]
    assert ramp["leader"] == "Anthropic" and ramp["runner_up"] == "OpenAI"
    assert "OpenRouter" not in set(out.index.get_level_values(0))


def test_unknown_measure_is_refused() -> None:
    bad = ROWS.assign(measure="revenue")
    with pytest.raises(ValueError, match="unknown measure"):
        usage.latest_by_measure(bad, ["OpenAI"])


def test_spread_text_by_hand() -> None:
    from analysis.models import usage as u

    spread = pd.DataFrame(
        {
            "segment": ["OpenAI"],
            "low": [0.27],
            "low_measure": ["spend"],
            "low_publisher": ["Menlo Ventures"],
            "high": [0.78],
            "high_measure": ["firms"],
            "high_publisher": ["a16z"],
        }
    )
    assert u.spread_text(spread, "OpenAI") == (
        "from 27% (share of spend, Menlo Ventures) to 78% (share of firms paying, a16z)"
    )
