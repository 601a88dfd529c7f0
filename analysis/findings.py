"""The front page's key findings, each a number computed from the datasets.

Every finding uses the same functions and chapter parameters as the chapter
that shows it in full, and names the figure a reader can follow.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis import formatting
from analysis.charts import finish
from analysis.charts import profit_pools as pool_charts
from analysis.claims import models_inputs
from analysis.claims.pipeline import (
    Loader,
    apps_fits,
    build_scorecard,
    infrastructure_inputs,
    verdict_counts,
)
from analysis.data.chapter_params import chapter_params
from analysis.infrastructure import nvidia, profit_inputs
from analysis.models import chapter_texts, concentration, funding_rounds, headline
from analysis.models import open_closed as oc


@dataclass(frozen=True)
class Finding:
    """One key finding: glue names and texts, and the figure that shows it."""

    key: str
    values: dict[str, str]
    figure_id: str

    def glued(self) -> dict[str, str]:
        """Glue name -> text: ``idx_<key>_<name>``, except a quantity other pages show
        too, which keeps its one name of :data:`analysis.publish.SHARED`."""
        return {
            SHARED_AS.get((self.key, k), f"idx_{self.key}_{k}"): v for k, v in self.values.items()
        }


SHARED_AS: dict[tuple[str, str], str] = {
    ("nvidia", "essay"): "nv_q3fy23_dc",
    ("verdict", "claims"): "claims_total",
    ("verdict", "settled"): "claims_settled",
    ("verdict", "fragile"): "claims_fragile",
    ("verdict", "still_open"): "claims_still_open",
    ("verdict", "not_testable"): "claims_not_testable",
}
"""(finding, value) -> its name in :data:`analysis.publish.SHARED`."""


def profit_pool(x: dict[str, Any]) -> Finding:
    """Who keeps the money: the chip layer's gross-profit and value-added shares, first
    and last year (the last annualised), from :func:`profit_inputs.profit_inputs`."""
    t = profit_inputs.pool_texts(x)
    keep = ["first", "last", "last_quarters", "semis_gp_first", "semis_gp_last"]
    keep += ["semis_va_first", "semis_va_last", "infra_gp_first", "infra_gp_last"]
    keep += ["semis_rev_first", "semis_rev_last"]
    return Finding("pool", {k: t[k] for k in keep}, "fig-profit-pools")


def capex_gap(x: dict[str, Any]) -> Finding:
    """The capex–revenue gap at the latest NVIDIA quarter, the chapter's assumptions."""
    t = profit_inputs.gap_texts(x)
    keep = ("quarter_end", "required", "traced", "gap", "covered", "life")
    return Finding("gap_now", {k: t[k] for k in keep}, "fig-profit-gap")


def lab_race(x: dict[str, Any]) -> Finding:
    """Who leads the labs' revenue race now, on headline and on net figures."""
    t = profit_inputs.race_texts(x)
    keep = ["leader", "leader_value", "leader_date", "leader_grade", "other", "other_value"]
    keep += ["other_date", "net_leader", "net_openai", "net_anthropic", "crossover"]
    keep += ["adjusted", "adjusted_leader"]
    return Finding("race", {k: t[k] for k in keep}, "fig-profit-race")


def nvidia_growth(quarters: pd.DataFrame) -> Finding:
    """NVIDIA's latest Data Center quarter against the essay's quarter: a quarter against a
    quarter, both as stored (the Infrastructure chapter shows the same two figures)."""
    c = nvidia.essay_quarter_comparison(quarters)
    return Finding(
        "nvidia",
        {
            "value": formatting.money_usd_m(float(c["latest_usd_m"])),
            "quarter": str(c["latest_label"]),
            "quarter_end": formatting.date(c["latest_end"]),
            "essay": formatting.money_usd_m(float(c["essay_usd_m"])),
            "essay_quarter": str(c["essay_label"]),
            "multiple": formatting.multiple(float(c["multiple"])),
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
            "through": formatting.date(pd.to_datetime(rounds["date"]).max()),
        },
        "fig-models-where-money-went",
    )


def open_closed_gap(
    frontier: pd.DataFrame,
    scored: pd.DataFrame,
    candidates: Iterable[str],
    parity: Mapping[str, float],
) -> Finding:
    """The best-closed minus best-open gap on the benchmark whose open-weights scores run
    latest, at its first and last month, and where those open scores stop.

    The numbers are :func:`analysis.models.headline.open_closed_headline` and
    :func:`analysis.models.chapter_texts.gap_texts`, the functions the Models
    chapter glues its own gap sentence with, so the two pages cannot disagree.
    ``candidates`` is the chapter's ``LAG_BENCHMARKS``, ``parity`` its
    ``PARITY`` (points at which open and closed are on par, per benchmark);
    the frontier stops at the benchmark's last scored release (nothing is
    carried forward).
    """
    bench = headline.latest_open_benchmark(scored, candidates)
    h = headline.open_closed_headline(frontier, scored, bench)
    t = chapter_texts.gap_texts(bench, h, 0.0)
    names = ("first", "first_month", "last", "last_month", "last_open", "open_end")
    values = {n: t[f"models_{bench}_gap_{n}"] for n in names}
    values["open_end_model"] = t[f"models_{bench}_gap_open_end_model"]
    values["bench"] = str(h["benchmark_name"])
    values["last_closed"] = str(h["last_closed_model"])
    first, last = float(h["first_gap"]), float(h["last_gap"])  # type: ignore[arg-type]
    values["direction"] = headline.gap_direction(first, last, float(parity[bench]))
    return Finding("gap", values, "fig-models-gap-lag")


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
    """How the essays' claims fared, every category named, the counts adding to the total.

    The counts are :func:`analysis.claims.pipeline.verdict_counts` (the verdict page
    glues the same): "settled" is held, failed or mixed under every moved boundary
    (robust); a decided verdict that flips when a boundary moves is fragile.
    """
    c = verdict_counts(card)
    counts = {
        "held": c["settled_held"],
        "failed": c["settled_failed"],
        "mixed": c["settled_mixed"],
        **{k: c[k] for k in ("settled", "fragile", "still_open", "not_testable")},
    }
    values = {k: formatting.count(v) for k, v in counts.items()}
    values["claims"] = formatting.count(c["total"])
    values["held_share"] = formatting.pct(c["settled_held"] / c["settled"])
    return Finding("verdict", values, "fig-verdict-tally")


def key_findings(load: Loader) -> list[Finding]:
    """The front page's findings, computed with each chapter's own parameters."""
    infra_p, apps_p, models_p = (chapter_params(c) for c in ("infrastructure", "apps", "models"))
    infra = infrastructure_inputs(load, infra_p)
    sources = load("sources")
    rounds = funding_rounds.consolidate_rounds(
        load("funding_rounds"), sources, window_days=models_p["ROUND_WINDOW_DAYS"]
    )
    frontier, scored = open_closed_inputs(load, models_p)
    profit = profit_inputs.profit_inputs(load, chapter_params("profit-pools"))
    return [
        profit_pool(profit),
        capex_gap(profit),
        lab_race(profit),
        nvidia_growth(infra["quarters"]),
        model_layer_funding(rounds),
        open_closed_gap(frontier, scored, models_p["LAG_BENCHMARKS"], models_p["PARITY"]),
        price_decline(apps_fits(load, apps_p), apps_p["HEADLINE_THRESHOLD"]),
        verdict_summary(build_scorecard(load)),
    ]


def open_closed_inputs(load: Loader, p: dict[str, Any]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The monthly frontier and the scored models, built as the Models chapter builds them
    (its parameters ``p``: one Arena snapshot or not, judged measures left out)."""
    single = ("arena_elo",) if p["ARENA_ONE_SNAPSHOT"] else ()
    quality = models_inputs.quality_for_frontier(load("model_quality"), load("sources"), single)
    benchmarked = quality[~quality["benchmark"].isin(p["JUDGED_MEASURES"])]
    models = load("models")
    return oc.frontier_by_month(models, benchmarked), oc.scored_models(models, benchmarked)


def pool_figure(load: Loader) -> Any:
    """The front page's figure: the profit pool in both views (as in the chapter)."""
    x = profit_inputs.profit_inputs(load, chapter_params("profit-pools"))
    first, last = int(x["params"]["START_YEAR"]), int(x["params"]["CURRENT_YEAR"])
    semis = profit_inputs.share_by_year(x["layer_years"], ("semiconductors",), "gp_share_filled")
    frame = pool_charts.pool_frame(x["layer_years"], x["value_added"], x["altimeter"], last)
    names = ("company_financials", "revenue_points", "ai_economics")  # as the chapter's
    return finish(
        pool_charts.pool_chart(frame),
        chart_id="fig-index-pools",
        title=pool_charts.pool_title(semis, first, last),
        subtitle="Shares of the pool the book can trace, two views; Altimeter's 2026 split below",
        alt_text="Two panels of stacked bars by layer: revenue and gross-profit shares per year "
        "with Altimeter's 2026 split, and value added per year. Semiconductors fill most of each.",
        **profit_inputs.chart_meta(load, *names),  # the chapter figure's source line
    )
