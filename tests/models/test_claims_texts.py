"""The Models chapter's claim-reading texts and its verdict table (analysis.claims)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.claims import models as claims_models
from analysis.claims import models_texts


def _card() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "claim_id": ["teng-01", "teng-22", "a16z-02", "teng-15"],
            "verdict": ["failed", "held", "not testable", "still open"],
            "evidence": ["49% at most", "42%", "", "over 70%"],
            "figure_id": ["fig-a", "", "", "fig-b"],
            "reasoning": ["r1", "r2", "r3", "r4"],
            "robustness": ["fragile", "robust", "", "robust"],
            "grade": ["primary", "outlet", None, "aggregator"],
            "checked": ["2026-11-23", "2026-12-04", "", "2026-12-04"],
        }
    )


def test_verdict_of_reads_one_row() -> None:
    assert models_texts.verdict_of(_card(), "teng-01") == "failed"
    with pytest.raises(KeyError):
        models_texts.verdict_of(_card(), "teng-99")


def test_display_table_shows_the_scorecard_columns_in_the_book_style() -> None:
    """The chapter's table is the book's one verdict-table renderer
    (analysis/claims/verdict_table.py): robustness, grade and date shown, none as "None"."""
    claims = pd.DataFrame({"claim_id": ["teng-01", "teng-22"], "claim": ["A few...", "OpenAI..."]})
    card = _card().assign(figure_id=["fig-models-a", "", "", "fig-models-b"])
    out = claims_models.display_table(card, claims)
    assert list(out.frame.index) == list(card["claim_id"])
    assert out.frame.loc["teng-01", "claim"] == "A few..."
    html = out._repr_html_()
    assert "Tested as: A few..." in html and "None" not in html
    assert "fragile" in html and "checked 2026-11-23" in html and "outlet" in html
    assert 'href="models.html#fig-models-a"' in html
    plain = claims_models.display_table(
        card.drop(columns=["robustness", "grade", "checked"]), claims
    )._repr_html_()
    assert "gai-robustness" not in plain and "checked" not in plain


def test_vicuna_texts_by_hand() -> None:
    vicuna = {
        "relative_quality": 0.9,
        "training_cost_usd": 300.0,
        "n_questions": 80,
        "judge": "GPT-4",
        "model": "Vicuna-13B",
        "reference_model": "GPT-3.5 Turbo",
    }
    scored = pd.DataFrame(
        {
            "model": ["Vicuna-13B", "GPT-3.5 Turbo", "Vicuna-13B", "GPT-3.5 Turbo"],
            "benchmark": ["mmlu_5shot", "mmlu_5shot", "mt_bench", "mt_bench"],
            "score": [52.1, 70.0, 6.39, 7.94],
        }
    )
    quality = pd.DataFrame({"benchmark": ["gpt4_judged_relative_chatgpt"], "score": [92.0]})
    t = models_texts.vicuna_texts(vicuna, scored, quality, ["mmlu_5shot", "mt_bench"])
    assert (t["models_vicuna_claim"], t["models_vicuna_cost"]) == ("90%", "$300")
    assert (t["models_vicuna_questions"], t["models_vicuna_judge"]) == ("80", "GPT-4")
    assert t["models_vicuna_mmlu"] == "74%"  # 52.1 / 70
    assert t["models_vicuna_mtbench"] == "80%"  # 6.39 / 7.94
    assert t["models_vicuna_judged"] == "92%"
