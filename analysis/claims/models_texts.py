"""The Models chapter's glued numbers that read the essays' claims: ``{glue name: text}``.

Companion of :mod:`analysis.models.chapter_texts` for the sections that
compare a figure with what an essay claimed (the claim's number is read from
``seed_claims`` by :mod:`analysis.claims.claim_text`, never typed in) and for
one claim's verdict (the counts are
:func:`analysis.claims.scorecard.layer_verdict_texts`). Units: shares 0-1 printed as
percent, money in USD.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from analysis.claims import claim_text
from analysis.claims.models_quality import relative_scores
from analysis.formatting import count, pct


def vicuna_texts(
    vicuna: Mapping[str, object],
    scored: pd.DataFrame,
    quality: pd.DataFrame,
    measures: Iterable[str],
) -> dict[str, str]:
    """The Vicuna claim beside the measures it can be read on.

    ``vicuna`` is :func:`analysis.models.open_closed.vicuna_claim_point`
    output (``relative_quality`` 0-1, ``training_cost_usd`` USD,
    ``n_questions``, ``judge``, ``model``, ``reference_model``); ``scored``
    :func:`analysis.models.open_closed.scored_models` of every measure;
    ``quality`` the picked ``model_quality`` rows (for the GPT-4-judged
    percentage, 0-100). Vicuna's MMLU and MT-bench scores are printed as a
    share of the reference model's.
    """
    model, reference = str(vicuna["model"]), str(vicuna["reference_model"])
    ratios = relative_scores(scored, model, reference, measures).set_index("benchmark")
    judged = quality[quality["benchmark"] == "gpt4_judged_relative_chatgpt"].iloc[0]
    return {
        "models_vicuna_claim": pct(float(vicuna["relative_quality"])),  # type: ignore[arg-type]
        "models_vicuna_cost": f"${float(vicuna['training_cost_usd']):,.0f}",  # type: ignore[arg-type]
        "models_vicuna_questions": count(vicuna["n_questions"]),  # type: ignore[arg-type]
        "models_vicuna_judge": str(vicuna["judge"]),
        "models_vicuna_mmlu": pct(float(ratios.loc["mmlu_5shot", "ratio"])),
        "models_vicuna_mtbench": pct(float(ratios.loc["mt_bench", "ratio"])),
        "models_vicuna_judged": pct(float(judged["score"]) / 100),
    }


def verdict_of(table: pd.DataFrame, claim_id: str) -> str:
    """The scorecard's verdict on one claim (``table`` as in :func:`verdict_counts`)."""
    rows = table.loc[table["claim_id"] == claim_id, "verdict"]
    if len(rows) != 1:
        raise KeyError(f"expected one scorecard row for {claim_id!r}, found {len(rows)}")
    return str(rows.iloc[0])


def claim_share_text(claims: pd.DataFrame, claim_id: str) -> str:
    """The share a claim states, as printed (``"50%"``), read from its own text."""
    return pct(claim_text.claim_share(claim_text.claim_row(claims, claim_id)["claim"]))
