"""Every layer's verdicts from the datasets, for the scorecard and the front page.

Each function repeats, with the same functions, what its chapter does before
its "Verdicts" section, using the chapter's own parameters cell
(:func:`analysis.data.chapter_params.chapter_params`). ``load`` is
:func:`analysis.data.datasets.load` or a stand-in that reads another directory (the
tests use one to show that changing a data row flips a verdict).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from analysis.apps import decline_fit
from analysis.apps import price_decline as pdl
from analysis.apps import unit_economics as ue
from analysis.claims import apps as claims_apps
from analysis.claims import cross as claims_cross
from analysis.claims import infrastructure as claims_infrastructure
from analysis.claims import models as claims_models
from analysis.claims import models_inputs, scorecard
from analysis.data import provenance
from analysis.data.chapter_params import chapter_params
from analysis.infrastructure import capex as inf
from analysis.infrastructure import flow_uncertainty, layer_revenues, nvidia
from analysis.infrastructure import value_flow as vf

Loader = Callable[[str], pd.DataFrame]


def _preferred(load: Loader, name: str, key: list[str]) -> pd.DataFrame:
    return provenance.pick_preferred(load(name), key, load("sources"))


def apps_fits(load: Loader, p: dict[str, Any] | None = None) -> pd.DataFrame:
    """The fitted annual price decline at each capability level (chapter ``apps``)."""
    p = p or chapter_params("apps")
    prices = _preferred(load, "api_prices", ["provider", "model", "effective_date"])
    quality = _preferred(load, "model_quality", ["model", "benchmark"])
    bench = p["BENCHMARK"]
    fit_end = (
        pdl.last_scored_price_date(prices, quality, bench)
        if p["FIT_END"] == "auto"
        else p["FIT_END"]
    )
    w_in, w_out = p["INPUT_OUTPUT_WEIGHTS"]
    window = {"input_weight": w_in, "output_weight": w_out, "end": fit_end}
    return decline_fit.fit_decline_by_threshold(
        prices,
        quality,
        bench,
        p["THRESHOLDS"],
        load("models"),
        confidence=p["CONFIDENCE"],
        **window,
    )


def apps_verdicts(load: Loader, p: dict[str, Any] | None = None) -> pd.DataFrame:
    """Verdicts on the apps claims (chapter ``apps``)."""
    p = p or chapter_params("apps")
    revenue = _preferred(load, "revenue_points", ["company", "date", "metric"])
    fits = apps_fits(load, p)
    return claims_apps.verdicts(
        load("seed_claims"),
        revenue,
        fits,
        load("funding_rounds"),
        essay_date=p["ESSAY_DATE"],
        revenue_threshold_usd_m=p["REVENUE_THRESHOLD_USD_M"],
        climb_from_usd_m=p["CLIMB_FROM_USD_M"],
        fast_climb_months=p["FAST_CLIMB_MONTHS"],
        several=p["SEVERAL"],
        fast_growth_multiple=p["FAST_GROWTH_MULTIPLE"],
        category_companies=p["CATEGORY_COMPANIES"],
        other_cost_shares=ue.OTHER_COST_SHARE_ASSUMPTION,
        funding_base_year=p["FUNDING_YEARS"][0],
        funding_last_year=p["FUNDING_YEARS"][1],
        benchmark_name=p["BENCHMARK_NAME"],
    )


def infrastructure_inputs(load: Loader, p: dict[str, Any] | None = None) -> dict[str, Any]:
    """The frames the infrastructure verdicts need (also used for cross-layer claims)."""
    p = p or chapter_params("infrastructure")
    sources = load("sources")
    capex = _preferred(
        load, "hyperscaler_capex", ["company", "period_type", "period", "definition"]
    )
    revenue = _preferred(load, "revenue_points", ["company", "date", "metric"])
    quarters = nvidia.nvidia_quarters(load("nvidia_quarterly"), sources)
    nvidia_cy = nvidia.nvidia_calendar_years(quarters, p["NVIDIA_ASSIGN"])
    capex_years = pd.concat(
        [inf.microsoft_calendar_years(capex, company=c) for c in (*p["CAPEX_COMPANIES"], "Oracle")],
        ignore_index=True,
    )
    capex_years["source_id"] = inf.capex_year_sources(capex, capex_years)
    assumptions = vf.assumptions_from(
        {
            "app_inference_share": p["APP_INFERENCE_SHARE"],
            "via_model_share": p["VIA_MODEL_SHARE"],
            "model_cloud_share": p["MODEL_CLOUD_SHARE"],
            "cloud_hardware_share": p["CLOUD_HARDWARE_SHARE"],
        }
    )
    mc = flow_uncertainty.simulate(assumptions, n_draws=p["N_DRAWS"], seed=p["SEED"])
    return {
        "quarters": quarters,
        "nvidia_cy": nvidia_cy,
        "capex_years": capex_years,
        "figures": layer_revenues.company_year_revenue(
            revenue, p["RUN_RATE_RULE"], p["START_YEAR"]
        ),
        "layers": layer_revenues.layer_revenues(
            revenue, nvidia_cy, p["RUN_RATE_RULE"], p["START_YEAR"]
        ),
        "cloud_draws": mc.takes["to_clouds"],
    }


def infrastructure_verdicts(
    load: Loader, p: dict[str, Any] | None = None, inputs: dict[str, Any] | None = None
) -> pd.DataFrame:
    """Verdicts on the infrastructure claims (chapter ``infrastructure``)."""
    p = p or chapter_params("infrastructure")
    inputs = inputs or infrastructure_inputs(load, p)
    return claims_infrastructure.verdicts(
        load("seed_claims"),
        **inputs,
        essay_cloud_share=p["ESSAY_CLOUD_SHARE"],
        interval=p["INTERVAL"],
        majority_threshold=p["MAJORITY_THRESHOLD"],
        capex_year=p["CAPEX_CLAIM_YEAR"],
        capex_threshold_usd_bn=p["CAPEX_THRESHOLD_USD_BN"],
        nvidia_claim_usd_m=p["NVIDIA_CLAIM_USD_M"],
        nvidia_tolerance=p["NVIDIA_TOLERANCE"],
        growth_min=p["GROWTH_MIN"],
    )


def models_verdicts(load: Loader, p: dict[str, Any] | None = None) -> pd.DataFrame:
    """Verdicts on the model-layer claims (chapter ``models``)."""
    p = p or chapter_params("models")
    frames = [
        load(name)
        for name in (
            "seed_claims",
            "sources",
            "funding_rounds",
            "genai_funding_totals",
            "revenue_points",
            "models",
            "model_quality",
            "api_prices",
        )
    ]
    single = ("arena_elo",) if p["ARENA_ONE_SNAPSHOT"] else ()
    params = models_inputs.params_from(p)
    return claims_models.verdicts(*frames, **params, single_snapshot_benchmarks=single)


def cross_verdicts(load: Loader, layers: pd.DataFrame) -> pd.DataFrame:
    """Verdicts on the claims about the whole stack."""
    rounds = load("funding_rounds")
    latest_year = int(pd.to_datetime(rounds["date"]).dt.year.max()) - 1  # last full year
    return claims_cross.verdicts(load("seed_claims"), layers, rounds, latest_year)


def build_scorecard(load: Loader) -> pd.DataFrame:
    """Every seed claim with its verdict (see :func:`analysis.claims.scorecard.combine`)."""
    infra_inputs = infrastructure_inputs(load)
    parts = [
        apps_verdicts(load),
        models_verdicts(load),
        infrastructure_verdicts(load, inputs=infra_inputs),
        cross_verdicts(load, infra_inputs["layers"]),
    ]
    return scorecard.combine(load("seed_claims"), *parts)
