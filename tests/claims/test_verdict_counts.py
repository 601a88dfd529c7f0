"""The one tally of the claims (pipeline.verdict_counts) that the front page and the
verdict page both glue: its parts add up, and a still-open verdict that would flip is
not counted among the fragile held/failed/mixed ones (the 13-vs-14 of issue 21)."""

from __future__ import annotations

import pandas as pd

from analysis.claims.pipeline import verdict_counts


def test_counts_by_hand_and_the_parts_add_up():
    card = pd.DataFrame(
        {
            "verdict": ["held", "held", "failed", "mixed", "still open", "not testable"],
            "robustness": ["robust", "fragile", "robust", "fragile", "fragile", ""],
        }
    )
    c = verdict_counts(card)
    assert (c["held"], c["failed"], c["mixed"], c["decided"]) == (2, 1, 1, 4)
    assert (c["settled"], c["settled_held"], c["settled_failed"], c["settled_mixed"]) == (
        2, 1, 1, 0
    )  # fmt: skip
    assert (c["fragile"], c["still_open"], c["not_testable"], c["total"]) == (2, 1, 1, 6)
    assert c["settled"] + c["fragile"] + c["still_open"] + c["not_testable"] == c["total"]
