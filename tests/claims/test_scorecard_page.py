"""The verdict page's counts and chart title come from the scorecard (verdict_page.py)."""

from __future__ import annotations

import pandas as pd

from analysis.claims import verdict_page


def _card(verdicts: list[str], robust: list[str]) -> pd.DataFrame:
    n = len(verdicts)
    return pd.DataFrame(
        {
            "claim_id": [f"a16z-{i:02d}" for i in range(n)],
            "essay": ["a16z"] * (n - 1) + ["teng"],
            "verdict": verdicts,
            "robustness": robust,
            "proxy": pd.array([pd.NA] * (n - 1) + ["a proxy"], dtype="string"),
        }
    )


CARD = _card(
    ["held", "held", "held", "failed", "mixed", "still open", "not testable", "not testable"],
    ["robust", "fragile", "robust", "robust", "fragile", "robust", "", ""],
)


def test_the_title_follows_the_tally():
    assert verdict_page.tally_title(CARD) == (
        "3 of the 5 claims the data decide held; 2 of 8 cannot be tested"
    )
    # the title that was fixed text said "most claims are not testable": now it cannot
    flipped = _card(["not testable"] * 6 + ["held", "failed"], [""] * 6 + ["robust"] * 2)
    assert verdict_page.tally_title(flipped) == (
        "1 of the 2 claims the data decide held; 6 of 8 cannot be tested"
    )


def test_glued_texts_add_up_under_the_shared_names():
    texts = verdict_page.glue_texts(CARD, 0.1, 2.0, 0.25)
    assert texts["claims_total"] == "8" and texts["verdict_n_decided"] == "5"
    assert texts["claims_not_testable"] == "2" and texts["claims_still_open"] == "1"
    assert texts["verdict_held_share"] == "60%"  # 3 of 5
    assert texts["claims_settled"] == "3"  # held/failed/mixed and robust: 2 held + 1 failed
    assert texts["claims_fragile"] == "2"  # decided but flipping: 1 held + 1 mixed
    assert texts["claims_a16z"] == "7" and texts["claims_teng"] == "1"
    assert texts["verdict_n_proxy"] == "1" and texts["verdict_band"] == "25%"
    parts = ("claims_settled", "claims_fragile", "claims_still_open", "claims_not_testable")
    assert sum(int(texts[k]) for k in parts) == 8
    assert "10%" in texts["verdict_rules"]
