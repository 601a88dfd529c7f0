"""The front page's key findings, each a number computed from the datasets.

Every finding uses the same functions and chapter parameters as the chapter
that shows it in full, and names the figure a reader can follow.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis import formatting
from analysis.claims import models_inputs, scorecard
from analysis.claims.pipeline import Loader, apps_fits, build_scorecard, infrastructure_inputs
from analysis.data.chapter_params import chapter_params
from analysis.models import concentration, funding_rounds
from analysis.models import open_closed as oc


@dataclass(frozen=True)
class Finding:
    """One key finding: glue names and texts, and the figure that shows it."""

    key: str
    values: dict[str, str]
    figure_id: str


def infrastructure_share(layers: pd.DataFrame) -> Finding:
    """Infrastructure's share of the revenue the book tracks, latest year with shares."""
    row = layers[layers["infrastructure_share"].notna()].sort_values("calendar_year").iloc[-1]
    return Finding(
        "infra_share",
        {
            "share": formatting.pct(float(row["infrastructure_share"])),
            "year": str(int(row["calendar_year"])),
        },
        "fig-infrastructure-layers",
    )


def nvidia_growth(nvidia_cy: pd.DataFrame, essay_quarter_usd_m: float) -> Finding:
    """NVIDIA Data Center revenue in the latest complete calendar year."""
    known = nvidia_cy[nvidia_cy["data_center_revenue_usd_m"].notna()]
    row = known.sort_values("calendar_year").iloc[-1]
    value = float(row["data_center_revenue_usd_m"])
    return Finding(
        "nvidia",
        {
            "value": formatting.money_usd_m(value),
            "year": str(int(row["calendar_year"])),
            "essay": formatting.money_usd_m(essay_quarter_usd_m),
            "quarters": formatting.multiple(value / essay_quarter_usd_m),
        },
        "fig-infrastructure-nvidia",
    )


def model_layer_funding(rounds: pd.DataFrame) -> Finding:
    """The model layer's share of cumulative funding, and its largest company's share."""
    by_layer = concentration.cumulative_funding(rounds, by="layer")
    last = by_layer[by_layer["year_end"] == by_layer["year_end"].max()]
    models_share = float(last.set_index("layer").loc["models", "share"])
    metrics = concentration.concentration_metrics(rounds, layer="models")
    top = metrics[metrics["metric"] == "top1_share"].sort_values("year_end").iloc[-1]
    by_company = concentration.cumulative_funding(rounds, by="company", layer="models")
    leader = by_company[by_company["year_end"] == by_company["year_end"].max()]
    leader = leader.sort_values("cumulative_usd_m").iloc[-1]["company"]
    return Finding(
        "funding",
        {
            "models_share": formatting.pct(models_share),
            "top1_share": formatting.pct(float(top["value"])),
            "leader": str(leader),
            "year": str(pd.Timestamp(top["year_end"]).year),
        },
        "fig-models-concentration",
    )


FRONT_PAGE_GAP_BENCHMARK = "mmlu_5shot"
"""The benchmark the front page's gap finding names ("caught up on MMLU"); its
scores stop in April 2025 and ``last_month`` says so. The Models chapter opens
on GPQA Diamond, whose open-weights scores stop in July 2025 (see issue 19)."""


def open_closed_gap(frontier: pd.DataFrame, benchmark: str = "mmlu_5shot") -> Finding:
    """The best-closed minus best-open gap, first month with both and last.

    The frontier stops at the benchmark's last scored release (nothing is
    carried forward), so ``last_month`` says plainly where the data stop;
    ``benchmark`` is the reader-facing name of the benchmark.
    """
    rows = frontier[(frontier["benchmark"] == benchmark) & frontier["gap"].notna()]
    rows = rows.sort_values("month")
    first, last = rows.iloc[0], rows.iloc[-1]
    return Finding(
        "gap",
        {
            "first": formatting.pct_points(float(first["gap"])),
            "first_month": formatting.month(first["month"]),
            "last": formatting.pct_points(float(last["gap"])),
            "last_month": formatting.month(last["month"]),
            "benchmark": oc.BENCHMARK_LABELS.get(benchmark, benchmark),
        },
        "fig-models-gap-lag",
    )


def price_decline(fits: pd.DataFrame, threshold: float) -> Finding:
    """How many times cheaper a fixed capability got per year (fitted)."""
    row = fits.set_index("threshold").loc[threshold]
    return Finding(
        "price",
        {
            "fold": formatting.multiple(float(row["fold_decline_per_year"]), 1),
            "threshold": f"{threshold:g}",
        },
        "fig-apps-price-decline",
    )


def verdict_summary(card: pd.DataFrame) -> Finding:
    """How the essays' claims fared."""
    counts = card["verdict"].value_counts()
    return Finding(
        "verdict",
        {
            "claims": formatting.count(len(card)),
            "held": formatting.count(int(counts.get("held", 0))),
            "failed": formatting.count(int(counts.get("failed", 0))),
            "mixed": formatting.count(int(counts.get("mixed", 0))),
            "not_testable": formatting.count(int(counts.get("not testable", 0))),
            "held_share": formatting.pct(scorecard.testable_share_held(card)),
        },
        "fig-verdict-tally",
    )


def key_findings(load: Loader) -> list[Finding]:
    """The front page's findings, computed with each chapter's own parameters."""
    infra_p, apps_p, models_p = (chapter_params(c) for c in ("infrastructure", "apps", "models"))
    infra = infrastructure_inputs(load, infra_p)
    sources = load("sources")
    rounds = funding_rounds.consolidate_rounds(
        load("funding_rounds"), sources, window_days=models_p["ROUND_WINDOW_DAYS"]
    )
    single = ("arena_elo",) if models_p["ARENA_ONE_SNAPSHOT"] else ()
    quality = models_inputs.quality_for_frontier(load("model_quality"), sources, single)
    frontier = oc.frontier_by_month(load("models"), quality)
    return [
        infrastructure_share(infra["layers"]),
        nvidia_growth(infra["nvidia_cy"], infra_p["NVIDIA_CLAIM_USD_M"]),
        model_layer_funding(rounds),
        open_closed_gap(frontier, FRONT_PAGE_GAP_BENCHMARK),
        price_decline(apps_fits(load, apps_p), apps_p["HEADLINE_THRESHOLD"]),
        verdict_summary(build_scorecard(load)),
    ]
