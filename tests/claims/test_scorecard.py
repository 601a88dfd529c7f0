from __future__ import annotations

import pandas as pd
import pytest

from analysis.claims import cross as claims_cross
from analysis.claims import scorecard

CLAIMS = pd.DataFrame(
    {
        "claim_id": ["a16z-08", "a16z-56", "teng-21"],
        "essay": ["a16z", "a16z", "teng"],
        "layer": ["cross", "cross", "cross"],
        "kind": ["framing", "prediction", "figure"],
        "quote": ["q1", "q2", "q3"],
        "claim": ["c1", "c2", "c3"],
    }
)


def _layer_rev(share_2025: float | None) -> pd.DataFrame:
    return pd.DataFrame({"calendar_year": [2024, 2025], "infrastructure_share": [0.9, share_2025]})


def _rounds(n_per_layer: int, year: int = 2025) -> pd.DataFrame:
    rows = []
    for layer in ("apps", "models", "infrastructure"):
        for i in range(n_per_layer):
            rows.append(
                {
                    "date": f"{year}-03-01",
                    "company": f"{layer}{i}",
                    "layer": layer,
                    "amount_usd_m": 150.0,
                }
            )
    rows.append(
        {"date": f"{year}-03-01", "company": "small", "layer": "apps", "amount_usd_m": 99.9}
    )
    return pd.DataFrame(rows)


def test_infrastructure_majority_verdict_flips_with_the_data():
    held = claims_cross.verdicts(CLAIMS, _layer_rev(0.62), _rounds(5), 2025)
    assert held.set_index("claim_id").loc["a16z-08", "verdict"] == "held"
    assert "62%" in held.set_index("claim_id").loc["a16z-08", "evidence"]
    failed = claims_cross.verdicts(CLAIMS, _layer_rev(0.41), _rounds(5), 2025)
    assert failed.set_index("claim_id").loc["a16z-08", "verdict"] == "failed"


def test_latest_year_with_a_share_is_used():
    # 2025 unknown -> falls back to 2024's 0.9
    assert claims_cross.latest_infrastructure_share(_layer_rev(None)) == (2024, 0.9)
    empty = pd.DataFrame({"calendar_year": [2025], "infrastructure_share": [None]})
    assert claims_cross.latest_infrastructure_share(empty) is None


def test_many_players_counts_only_large_rounds_in_the_year():
    counts = claims_cross.companies_with_large_rounds(_rounds(5), 2025, 100.0)
    assert counts.to_dict() == {"apps": 5, "models": 5, "infrastructure": 5}  # 99.9 excluded
    assert claims_cross.many_players(counts)
    four = claims_cross.companies_with_large_rounds(_rounds(4), 2025, 100.0)
    assert not claims_cross.many_players(four)
    v = claims_cross.verdicts(CLAIMS, _layer_rev(0.6), _rounds(4), 2025)
    assert v.set_index("claim_id").loc["a16z-56", "verdict"] == "mixed"


def test_combine_requires_exactly_one_verdict_per_claim():
    v = claims_cross.verdicts(CLAIMS, _layer_rev(0.6), _rounds(5), 2025)
    card = scorecard.combine(CLAIMS, v)
    assert list(card["claim_id"]) == list(CLAIMS["claim_id"])
    with pytest.raises(ValueError, match="no verdict"):
        scorecard.combine(CLAIMS, v.iloc[:2])
    with pytest.raises(ValueError, match="more than once"):
        scorecard.combine(CLAIMS, v, v.iloc[:1])
    with pytest.raises(ValueError, match="not in seed_claims"):
        scorecard.combine(CLAIMS.iloc[:2], v)


def test_verdict_row_refuses_unknown_words_and_empty_reasoning():
    with pytest.raises(ValueError):
        scorecard.verdict_row("x", "true", reasoning="r")
    with pytest.raises(ValueError):
        scorecard.verdict_row("x", "held", reasoning=" ")


def test_tally_and_held_share():
    card = pd.DataFrame(
        {
            "essay": ["a16z", "a16z", "teng", "teng"],
            "verdict": ["held", "failed", "held", "not testable"],
        }
    )
    t = scorecard.tally(card)
    assert list(t.columns) == list(scorecard.VERDICTS)
    assert t.loc["a16z", "held"] == 1 and t.loc["teng", "not testable"] == 1
    assert scorecard.testable_share_held(card) == pytest.approx(2 / 3)


def _card() -> pd.DataFrame:
    v = claims_cross.verdicts(CLAIMS, _layer_rev(0.6), _rounds(5), 2025)
    return scorecard.combine(CLAIMS, v)


def test_scorecard_html_has_filters_rows_links_and_csv():
    card = _card()
    html = scorecard.scorecard_html(card, "../data/scorecard.csv")
    assert html.count("<tr data-essay=") == 3
    assert 'data-verdict="held"' in html and 'id="claim-a16z-08"' in html
    assert 'href="infrastructure.html#fig-infrastructure-layers"' in html
    for col in ("essay", "layer", "verdict"):
        assert f'data-filter="{col}"' in html
    assert 'download href="../data/scorecard.csv"' in html
    text = scorecard.to_csv_text(card)
    assert text.splitlines()[0].startswith("claim_id,essay,layer,kind,quote,claim,verdict")
    assert len(text.strip().splitlines()) == 4


def test_figure_href_needs_a_known_prefix():
    assert scorecard.figure_href("fig-models-hhi") == "models.html#fig-models-hhi"
    with pytest.raises(ValueError):
        scorecard.figure_href("figure-1")


def test_a_claim_without_a_proxy_shows_no_proxy_text():
    card = _card()
    card["proxy"] = pd.array([pd.NA, "NVIDIA gross margin", pd.NA], dtype="string")
    card["proxy_reason"] = pd.array([pd.NA, "pricing power", pd.NA], dtype="string")
    html = scorecard.scorecard_html(card, "../data/scorecard.csv")
    assert "&lt;NA&gt;" not in html and "<NA>" not in html
    assert html.count("<strong>Proxy:</strong>") == 1
    assert "NVIDIA gross margin (pricing power)" in html


def test_layer_verdict_texts_count_every_verdict_zero_included() -> None:
    """The one counter behind the three layer chapters' verdict sentences."""
    table = pd.DataFrame({"verdict": ["held", "held", "failed", "not testable"]})
    assert scorecard.layer_verdict_texts(table, "infra") == {
        "infra_n_held": "2",
        "infra_n_failed": "1",
        "infra_n_mixed": "0",
        "infra_n_still_open": "0",
        "infra_n_not_testable": "1",
        "infra_n_judged": "4",
    }
    with pytest.raises(ValueError, match="maybe"):
        scorecard.layer_verdict_texts(
            table.assign(verdict=["held", "maybe", "held", "held"]), "apps"
        )
