"""Verdicts on the seed essays' claims about the model layer.

One row per claim of ``seed_claims`` with ``layer == "models"``. Where a
claim has a testable form, a small predicate computes the verdict from the
data (:mod:`~analysis.claims.models_revenue`, :mod:`~analysis.claims.models_funding`,
:mod:`~analysis.claims.models_quality`, with the parameters and deduplicated
inputs of :mod:`~analysis.claims.models_inputs`); framing claims and claims
no dataset can check get ``"not testable"`` with the reason. Verdicts:

* ``held``: the data agree with the claim's testable form;
* ``failed``: the data contradict it;
* ``mixed``: one part of the claim holds, another fails or cannot be checked;
* ``still open``: a prediction the data cannot settle yet;
* ``not testable``: no dataset here can check it (or it is framing).

The numbers a claim states (a share, an amount, a valuation) are read from
the claim's own text in ``seed_claims``
(:mod:`analysis.claims.claim_text`), never typed in here. Rows cited to the essays
themselves (``fund-essay-teng`` and the like: any source whose address is an
essay's) are left out when a claim is checked against "independent" data.

Units: money in USD millions (``_usd_m``), shares as fractions 0-1, benchmark
gaps in the benchmark's points, durations in months.
"""

from __future__ import annotations

import pandas as pd

from analysis.claims.models_funding import testable_funding
from analysis.claims.models_inputs import COLUMNS, FIGURES, Params, Prepared, prepare, result_row
from analysis.claims.models_quality import testable_quality
from analysis.claims.models_revenue import testable_revenue


def verdicts(
    claims: pd.DataFrame,
    sources: pd.DataFrame,
    funding_rounds: pd.DataFrame,
    genai_funding_totals: pd.DataFrame,
    revenue_points: pd.DataFrame,
    models: pd.DataFrame,
    model_quality: pd.DataFrame,
    api_prices: pd.DataFrame | None = None,
    **params: object,
) -> pd.DataFrame:
    """One verdict per model-layer claim of ``claims``.

    Takes the datasets as loaded (deduplication happens here, by the book's
    rules: :func:`prepare`) and keyword parameters overriding :class:`Params`.
    Returns ``claim_id, verdict, evidence, figure_id, reasoning``, one row per
    claim with ``layer == "models"``, in claim order.
    """
    p = Params(**params)  # type: ignore[arg-type]
    d = prepare(
        claims,
        sources,
        funding_rounds,
        genai_funding_totals,
        revenue_points,
        models,
        model_quality,
        api_prices,
        p,
    )
    return verdicts_prepared(d, p)


def verdicts_prepared(d: Prepared, p: Params) -> pd.DataFrame:
    """:func:`verdicts` from inputs already deduplicated by :func:`prepare` (run it once)."""
    claims = d.claims
    rows = {r["claim_id"]: r for r in _testable(d, p)}
    out = []
    for claim in claims[claims["layer"] == "models"].sort_values("claim_id").itertuples():
        if claim.claim_id in rows:
            out.append(rows[claim.claim_id])
        else:
            reason = NOT_TESTABLE.get(claim.claim_id) or _default_reason(claim.kind)
            figure = NOT_TESTABLE_FIGURE.get(claim.claim_id, "")
            out.append(result_row(claim.claim_id, "not testable", "", figure, reason))
    return pd.DataFrame(out, columns=list(COLUMNS))


def _default_reason(kind: str) -> str:
    if kind == "framing":
        return "Framing: a way of seeing the market, not a measurable statement."
    return "No dataset in this book measures it."


NOT_TESTABLE: dict[str, str] = {
    "a16z-02": "Judged on the verdict page from user_milestones (proxies_evidence.py).",
    "a16z-04": "Framing; no human-versus-model task comparisons in the data.",
    "a16z-18": "Framing about Stability's strategy; its image models are not in the models data.",
    "a16z-20": "No API price before January 2023 could be sourced (see api_prices notes).",
    "a16z-23": "Judged on the verdict page from training_costs (proxies_evidence.py).",
    "a16z-26": "Judged on the verdict page from revenue_mix (proxies_evidence.py).",
    "a16z-30": "Customer-level revenue is not public.",
    "a16z-31": "Framing; the data do not record corporate structures.",
    "a16z-35": "Model providers' cloud costs are not in the data.",
    "teng-04": "Judged on the verdict page from round_participants (proxies_evidence.py).",
    "teng-13": "Framing; the price chart shows how fast frontier prices fell.",
    "teng-17": "Framing about stage of the market.",
    "teng-25": "Framing about who built early open models.",
    "teng-28": (
        "The memo's figures are rhetorical (the copy even garbles $10M as '$10') and the "
        "models data hold no MMLU score for PaLM 540B to compare a 13B model with."
    ),
    "teng-30": "Judged on the verdict page from training_costs (proxies_evidence.py).",
    "teng-32": "Framing; the price chart shows the price gap it points to.",
}
NOT_TESTABLE_FIGURE: dict[str, str] = {
    "teng-13": FIGURES["prices"],
    "teng-32": FIGURES["prices"],
    "teng-30": FIGURES["gap"],
}


def _testable(d: Prepared, p: Params) -> list[dict[str, str]]:
    return [*testable_revenue(d, p), *testable_funding(d, p), *testable_quality(d, p)]


def display_table(table: pd.DataFrame, claims: pd.DataFrame):
    """The chapter's verdict table, in the book's one verdict-table style
    (:func:`analysis.claims.verdict_table.display_table`; ``.frame`` is indexed by claim id).

    ``table`` is the scorecard's models rows (``pipeline.layer_scorecard``) or
    :func:`verdicts`' output; ``claims`` the ``seed_claims`` dataset.
    """
    from analysis.claims import verdict_table

    return verdict_table.display_table(table, claims, "Each model-layer claim with its verdict")
