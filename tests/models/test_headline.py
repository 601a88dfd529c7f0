"""The front page's open-closed finding: which benchmark, its gap, where open scores stop."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.models import headline
from analysis.models import open_closed as oc

MODELS = pd.DataFrame(
    {
        "model": ["c1", "o1", "c2", "o2", "c3"],
        "developer": ["A", "B", "A", "B", "A"],
        "release_date": ["2024-01-10", "2024-03-05", "2024-06-01", "2024-09-20", "2025-02-01"],
        "open_weights": ["false", "true", "false", "true", "false"],
    }
)
QUALITY = pd.DataFrame(
    {
        "model": ["c1", "o1", "c2", "o2", "c3", "c1", "o1"],
        "benchmark": ["gpqa_diamond"] * 5 + ["mmlu_5shot"] * 2,
        "score": [50.0, 40.0, 60.0, 58.0, 80.0, 80.0, 70.0],
    }
)


def _inputs():
    scored = oc.scored_models(MODELS, QUALITY)
    return oc.frontier_by_month(MODELS, QUALITY), scored


def test_headline_by_hand() -> None:
    frontier, scored = _inputs()
    h = headline.open_closed_headline(frontier, scored, "gpqa_diamond")
    assert set(h) == set(headline.HEADLINE_KEYS)
    assert h["benchmark_name"] == "GPQA Diamond"
    # first month with both: Mar 2024 (c1 50 vs o1 40); last: Feb 2025 (c3 80 vs o2 58)
    assert (h["first_month"], h["first_gap"]) == (pd.Timestamp("2024-03-01"), 10.0)
    assert (h["last_month"], h["last_gap"]) == (pd.Timestamp("2025-02-01"), 22.0)
    assert (h["last_closed_model"], h["last_open_model"]) == ("c3", "o2")
    # open scores stop at o2 (Sep 2024) although the frontier runs to Feb 2025
    assert (h["open_end"], h["open_end_model"]) == (pd.Timestamp("2024-09-01"), "o2")
    assert h["data_end"] == pd.Timestamp("2025-02-01")


def test_latest_open_benchmark_and_errors() -> None:
    _, scored = _inputs()
    assert headline.latest_open_benchmark(scored, ["mmlu_5shot", "gpqa_diamond"]) == "gpqa_diamond"
    assert headline.latest_open_benchmark(scored, ["hle", "mmlu_5shot"]) == "mmlu_5shot"
    with pytest.raises(ValueError, match="no candidate"):
        headline.latest_open_benchmark(scored, ["hle"])
    closed_only = scored[~scored["open_weights"]]
    with pytest.raises(ValueError, match="no open-weights model"):
        headline.open_scores_end(closed_only, "gpqa_diamond")
