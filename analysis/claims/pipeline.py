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
from analysis.claims import (
    evidence,
    models_inputs,
    proxies_evidence,
    proxies_market,
    rules,
    scorecard,
)
from analysis.claims import infrastructure as claims_infrastructure
from analysis.claims import models as claims_models
from analysis.claims import proxies_money as claims_proxies
from analysis.claims.params import validate
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
    return _apps_from_fits(load, p, apps_fits(load, p))


def _apps_from_fits(load: Loader, p: dict[str, Any], fits: pd.DataFrame) -> pd.DataFrame:
    revenue = _preferred(load, "revenue_points", ["company", "date", "metric"])
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
    )


def models_prepared(load: Loader, p: dict[str, Any] | None = None) -> tuple[Any, Any]:
    """The model-layer inputs deduplicated once, and the chapter's :class:`Params`."""
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
    params = models_inputs.Params(**models_inputs.params_from(p), single_snapshot_benchmarks=single)
    return models_inputs.prepare(*frames, params), params


def models_verdicts(load: Loader, p: dict[str, Any] | None = None) -> pd.DataFrame:
    """Verdicts on the model-layer claims (chapter ``models``; proxies are in the scorecard)."""
    prepared, params = models_prepared(load, p)
    return claims_models.verdicts_prepared(prepared, params)


def cross_verdicts(load: Loader, layers: pd.DataFrame) -> pd.DataFrame:
    """Verdicts on the claims about the whole stack."""
    rounds = load("funding_rounds")
    latest_year = int(pd.to_datetime(rounds["date"]).dt.year.max()) - 1  # last full year
    return claims_cross.verdicts(load("seed_claims"), layers, rounds, latest_year)


def all_params(overrides: dict[str, dict[str, Any]] | None = None) -> dict[str, dict[str, Any]]:
    """Every page's parameters the scorecard uses, validated (:mod:`analysis.claims.params`).

    Read from each page's parameters cell; ``overrides`` (page -> values)
    replace them, so a page run by papermill with other values uses those.
    """
    out = {c: chapter_params(c) for c in ("apps", "models", "infrastructure", "verdict")}
    for page, values in (overrides or {}).items():
        out[page] = {**out[page], **{k: v for k, v in values.items() if k in out[page]}}
    for chapter, values in out.items():
        validate(values, chapter)
    return out


def _inputs(load: Loader, params: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Everything the verdicts read, computed once (the sensitivity run reuses it)."""
    infra = infrastructure_inputs(load, params["infrastructure"])
    fits = apps_fits(load, params["apps"])
    prepared, models_params = models_prepared(load, params["models"])
    return {"infra": infra, "fits": fits, "models": (prepared, models_params)}


def _verdicts_once(
    load: Loader, params: dict[str, dict[str, Any]], inputs: dict[str, Any]
) -> pd.DataFrame:
    """Every claim's verdict row with the boundaries as they stand (one sensitivity point)."""
    infra = inputs["infra"]
    prepared, models_params = inputs["models"]
    proxy_rows = claims_proxies.verdicts(
        load,
        layers=infra["layers"],
        nvidia_cy=infra["nvidia_cy"],
        fits=inputs["fits"],
        rounds=prepared.rounds,
        as_of=str(params["models"].get("AS_OF", "2100-01-01")),
    )
    market_rows = proxies_market.verdicts(
        load,
        revenue=_preferred(load, "revenue_points", ["company", "date", "metric"]),
        financials=_preferred(
            load, "company_financials", ["company", "segment", "period_type", "period", "metric"]
        ),
        quarters=infra["quarters"],
        fits=inputs["fits"],
        rounds=prepared.rounds,
        as_of=str(params["models"].get("AS_OF", "2100-01-01")),
    )
    proxy_rows = pd.concat(
        [proxy_rows, market_rows, proxies_evidence.verdicts(load)], ignore_index=True
    )
    parts = [
        _apps_from_fits(load, params["apps"], inputs["fits"]),
        claims_models.verdicts_prepared(prepared, models_params),
        infrastructure_verdicts(load, params["infrastructure"], inputs=infra),
        cross_verdicts(load, infra["layers"]),
    ]
    judged = pd.concat(parts, ignore_index=True)
    judged = judged[~judged["claim_id"].isin(proxy_rows["claim_id"])]
    return pd.concat([judged, proxy_rows], ignore_index=True)


def build_scorecard(load: Loader, params: dict[str, dict[str, Any]] | None = None) -> pd.DataFrame:
    """Every seed claim with its verdict, robustness, evidence grade and date.

    The verdicts are computed with the rule set of the verdict page's
    parameters (:mod:`analysis.claims.rules`), then again with every decision
    boundary moved across the sensitivity band; a verdict the same at every
    point is ``robust``, else ``fragile`` (see :func:`settled_count`).
    """
    params = params or all_params()
    load = cached(load)
    rule = params["verdict"]
    inputs = _inputs(load, params)
    by_scale: dict[float, pd.DataFrame] = {}
    with rules.rule_set(rule["ABOUT_TOLERANCE"], rule["RAPID_GROWTH_MULTIPLE"]):
        for factor in rules.scales(rule["SENSITIVITY_BAND"]):
            with rules.scaled(factor):
                by_scale[factor] = _verdicts_once(load, params, inputs)
    base = by_scale[1.0].copy()
    verdict_sets = pd.concat(
        [v.set_index("claim_id")["verdict"] for v in by_scale.values()], axis=1
    )
    robust = verdict_sets.apply(lambda r: rules.robustness(list(r)), axis=1)
    base["robustness"] = base["claim_id"].map(robust)
    untested = base["verdict"] == "not testable"
    base.loc[untested, "robustness"] = ""
    card = scorecard.combine(load("seed_claims"), base)
    return evidence.add_grade_and_date(card, load)


def cached(load: Loader) -> Loader:
    """``load`` reading each dataset once (callers must not modify the frames they get)."""
    frames: dict[str, pd.DataFrame] = {}

    def once(name: str) -> pd.DataFrame:
        if name not in frames:
            frames[name] = load(name)
        return frames[name]

    return once


def settled_count(card: pd.DataFrame) -> int:
    """Claims the data settle: held, failed or mixed, and robust (the front page's count)."""
    settled = card["verdict"].isin(rules.SETTLED) & (card["robustness"] == "robust")
    return int(settled.sum())


def verdict_counts(card: pd.DataFrame) -> dict[str, int]:
    """The one tally of the claims every page quotes, its parts adding up to the total.

    ``total`` = ``settled`` + ``fragile`` + ``still_open`` + ``not_testable``, where
    ``settled`` (:func:`settled_count`) is held, failed or mixed and robust, split into
    ``settled_held``, ``settled_failed`` and ``settled_mixed``; ``fragile`` is held,
    failed or mixed but flipping when a decision boundary moves. ``held``, ``failed`` and
    ``mixed`` count every such verdict, robust or not (``decided`` their sum).
    """
    robust = card["robustness"] == "robust"
    decided = card["verdict"].isin(rules.SETTLED)
    out = {v: int((card["verdict"] == v).sum()) for v in rules.SETTLED}
    out |= {f"settled_{v}": int(((card["verdict"] == v) & robust).sum()) for v in rules.SETTLED}
    out |= {
        "total": len(card),
        "decided": int(decided.sum()),
        "settled": settled_count(card),
        "fragile": int((decided & ~robust).sum()),
        "still_open": int((card["verdict"] == "still open").sum()),
        "not_testable": int((card["verdict"] == "not testable").sum()),
    }
    parts = ("settled", "fragile", "still_open", "not_testable")
    if sum(out[k] for k in parts) != len(card):
        raise ValueError(f"verdict counts {out} do not add up to {len(card)} claims")
    return out


def layer_scorecard(
    load: Loader, layer: str, overrides: dict[str, dict[str, Any]] | None = None
) -> pd.DataFrame:
    """The scorecard's rows for one layer, so a chapter's verdict table says what the verdict
    page says (proxy verdicts included). ``overrides`` as in :func:`all_params`."""
    card = build_scorecard(load, all_params(overrides))
    return card[card["layer"] == layer].reset_index(drop=True)
