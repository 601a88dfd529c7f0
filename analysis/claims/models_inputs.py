"""The model-layer verdicts' parameters and inputs, deduplicated once.

:class:`Params` holds every threshold the predicates use (the Models chapter's
parameters cell sets them); :func:`prepare` deduplicates the datasets by the
book's rules into a :class:`Prepared`; :func:`result_row` is the one way a
predicate states its verdict. Money in USD millions, shares and tolerances as
fractions, months as months, parity tolerances in benchmark points.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from analysis import formatting
from analysis.claims.claim_text import essay_source_ids
from analysis.claims.scorecard import VERDICTS
from analysis.data import provenance
from analysis.models import funding_rounds as fr
from analysis.models import open_closed

COLUMNS = ("claim_id", "verdict", "evidence", "figure_id", "reasoning", "sources")


FIGURES = {
    "money": "fig-models-where-money-went",
    "concentration": "fig-models-concentration",
    "lorenz": "fig-models-lorenz",
    "open_funding": "fig-models-open-closed-funding",
    "valuation": "fig-models-valuation",
    "gap": "fig-models-gap-lag",
    "prices": "fig-models-prices",
}
"""Chart anchors of the Models chapter, by role."""


PERCENT_BENCHMARKS: tuple[str, ...] = ("mmlu_5shot", "mmlu_pro", "gpqa_diamond", "humaneval")
"""Benchmarks scored in percent (a ratio of two scores means something)."""


DEFAULT_PARITY: dict[str, float] = {
    "mmlu_5shot": 2.0,
    "mmlu_pro": 2.0,
    "gpqa_diamond": 2.0,
    "humaneval": 2.0,
    "arena_elo": 25.0,
}
"""Gap (benchmark points) at or under which open and closed count as on par."""


@dataclass(frozen=True)
class Params:
    """Every threshold the verdicts use (the chapter's parameters cell sets them).

    Money in USD millions, shares and tolerances as fractions, months as
    months, parity tolerances in benchmark points.
    """

    round_window_days: int = 92
    some_as: str = "closed"
    top_k: int = 3
    vast_majority: float = 0.75
    large_scale_usd_m: float = 1_000.0
    massive_usd_m: float = 10_000.0
    significant_share: float = 0.25
    soon_months: float = 24.0
    horizon_months: int = 12
    early_months: int = 3
    lasting_months: int = 12
    parity: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_PARITY))
    single_snapshot_benchmarks: tuple[str, ...] = ("arena_elo",)
    rival_benchmark: str = "arena_elo"
    rivals: tuple[str, ...] = ("Anthropic", "Cohere", "Character.AI")
    leader: str = "OpenAI"
    vicuna_model: str = "Vicuna-13B"
    vicuna_reference: str = "GPT-3.5 Turbo"
    vicuna_judge: str = "GPT-4"
    vicuna_questions: int = 80


def params_from(namespace: Mapping[str, object]) -> dict[str, object]:
    """The :class:`Params` fields set in a chapter's parameters cell.

    Picks the upper-case names of ``namespace`` (e.g. ``globals()``) whose
    lower-case form is a field of :class:`Params`: ``TOP_K = 3`` -> ``top_k=3``.
    """
    fields = set(Params.__dataclass_fields__)
    return {k.lower(): v for k, v in namespace.items() if k.isupper() and k.lower() in fields}


@dataclass
class Prepared:
    """Inputs deduplicated once, shared by the predicates."""

    claims: pd.DataFrame
    sources: pd.DataFrame
    essays: set[str]
    rounds: pd.DataFrame  # consolidated, all sources
    independent: pd.DataFrame  # consolidated, essay rows left out
    totals: pd.DataFrame
    revenue: pd.DataFrame
    models: pd.DataFrame
    quality: pd.DataFrame
    scored: pd.DataFrame
    frontier: pd.DataFrame
    prices: pd.DataFrame | None
    measured: pd.DataFrame | None = None  # one score per (model, measure), every measure


def prepare(
    claims: pd.DataFrame,
    sources: pd.DataFrame,
    funding_rounds: pd.DataFrame,
    genai_funding_totals: pd.DataFrame,
    revenue_points: pd.DataFrame,
    models: pd.DataFrame,
    model_quality: pd.DataFrame,
    api_prices: pd.DataFrame | None = None,
    params: Params | None = None,
) -> Prepared:
    """Deduplicate the datasets the way the chapter does (one rule, see module docs)."""
    p = params or Params()
    essays = essay_source_ids(claims, sources)
    rounds = fr.consolidate_rounds(funding_rounds, sources, window_days=p.round_window_days)
    independent = fr.consolidate_rounds(
        funding_rounds[~funding_rounds["source_id"].isin(essays)],
        sources,
        window_days=p.round_window_days,
    )
    revenue = provenance.pick_preferred(
        revenue_points[~revenue_points["source_id"].isin(essays)],
        ["company", "date", "metric"],
        sources,
    )
    measured = quality_for_frontier(model_quality, sources, p.single_snapshot_benchmarks)
    quality = measured[measured["benchmark"].isin(p.parity)]  # judged where a parity rule exists
    scored = open_closed.scored_models(models, quality)
    frontier = open_closed.frontier_by_month(models, quality)
    prices = (
        provenance.pick_preferred(api_prices, ["provider", "model", "effective_date"], sources)
        if api_prices is not None
        else None
    )
    return Prepared(
        claims=claims,
        sources=sources,
        essays=essays,
        rounds=rounds,
        independent=independent,
        totals=genai_funding_totals,
        revenue=revenue,
        models=models,
        quality=quality,
        scored=scored,
        frontier=frontier,
        prices=prices,
        measured=measured,
    )


def quality_for_frontier(
    model_quality: pd.DataFrame, sources: pd.DataFrame, single_snapshot: Iterable[str]
) -> pd.DataFrame:
    """One score per (model, benchmark): one rating pool for ``single_snapshot``
    benchmarks (:func:`analysis.models.open_closed.one_source_per_benchmark`), then the
    book's conflict rule."""
    present = set(model_quality["benchmark"])
    pool = open_closed.one_source_per_benchmark(
        model_quality, [b for b in single_snapshot if b in present]
    )
    return provenance.pick_preferred(pool, ["model", "benchmark"], sources)


fmt_m = formatting.money_usd_m


pct = formatting.pct


def points(share: float) -> str:
    return f"{share * 100:g} percentage points"


def bench_label(name: str) -> str:
    return open_closed.BENCHMARK_LABELS.get(name, name)


def result_row(
    claim_id: str,
    verdict: str,
    evidence: str,
    figure: str,
    reasoning: str,
    sources: Iterable[object] | None = None,
) -> dict[str, str]:
    """One verdict row; ``sources`` are the source ids its evidence rests on (if known)."""
    if verdict not in VERDICTS:
        raise ValueError(f"{claim_id}: unknown verdict {verdict!r}")
    return {
        "claim_id": claim_id,
        "verdict": verdict,
        "evidence": evidence,
        "figure_id": FIGURES.get(figure, figure),
        "reasoning": reasoning,
        "sources": join_sources(sources),
    }


def join_sources(sources: Iterable[object] | None) -> str:
    """Source ids as the ``sources`` column holds them: sorted, unique, ``;``-separated."""
    if sources is None:
        return ""
    return ";".join(sorted({str(s) for s in sources if isinstance(s, str) and s}))


def publisher_of(d: Prepared, source_id: str) -> str:
    hit = d.sources.loc[d.sources["source_id"] == source_id, "publisher"]
    return str(hit.iloc[0]) if len(hit) else source_id


def model_companies(d: Prepared) -> set[str]:
    return set(d.rounds.loc[d.rounds["layer"] == "models", "company"])
