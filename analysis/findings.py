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
    and last year (the last annualised), from :func:`profit_inputs.profit_inputs`, with
    the chapter's headline (``pool_lead``) and the front page's opening sentence."""
    t = profit_inputs.pool_texts(x)
    keep = ["first", "last", "last_quarters", "semis_gp_first", "semis_gp_last"]
    keep += ["semis_va_first", "semis_va_last", "infra_gp_first", "infra_gp_last"]
    keep += ["semis_rev_first", "semis_rev_last", "pool_lead"]
    values = {k: t[k] for k in keep}
    first, last = int(t["first"]), int(t["last"])
    ly = x["layer_years"]
    infra = profit_inputs.share_by_year(ly, ("semiconductors", "cloud"), "gp_share_filled")
    semis = profit_inputs.share_by_year(ly, ("semiconductors",), "gp_share_filled")
    rev = ly.pivot_table(index="calendar_year", columns="layer", values="revenue_usd_bn")
    growth = {k: float(rev.loc[last, k] / rev.loc[first, k]) for k in ("models", "semiconductors")}
    values["answer"] = answer_lead(infra[last], semis[last], growth, first, last)
    values["a16z"] = "as" if infra[first] > 0.5 else "unlike what"
    return Finding("pool", values, "fig-profit-pools")


def answer_lead(
    infra_gp: float, semis_gp: float, growth: Mapping[str, float], first: int, last: int
) -> str:
    """The front page's first sentence: whether infrastructure (chips and clouds) and the
    chips alone keep most of the last year's gross profit (shares 0-1), and whether the
    labs' revenue grew faster than the chip layer's from ``first`` to ``last``
    (``growth``: layer -> multiple, keys ``models`` and ``semiconductors``)."""
    infra = "keeps most of the money" if infra_gp > 0.5 else "no longer keeps most of the money"
    chips = "chips keep most of it" if semis_gp > 0.5 else "chips keep less than half of it"
    labs, chip = growth["models"], growth["semiconductors"]
    pace = "but the labs are catching up" if labs > chip else "and the labs are not catching up"
    return (
        f"Infrastructure {infra}, and {chips}, {pace}: their revenue grew "
        f"{formatting.multiple(labs, 1)} from {first} to {last}, the chip makers' "
        f"{formatting.multiple(chip, 1)}."
    )


def capex_gap(x: dict[str, Any]) -> Finding:
    """The capex–revenue gap at the latest NVIDIA quarter, the chapter's assumptions."""
    t = profit_inputs.gap_texts(x)
    keep = ("quarter_end", "required", "traced", "gap", "covered", "life", "gap_lead")
    return Finding("gap_now", {k: t[k] for k in keep}, "fig-profit-gap")


def lab_race(x: dict[str, Any]) -> Finding:
    """Who leads the labs' revenue race now, on headline and on net figures: the texts of
    :func:`profit_inputs.race_texts`, the ones the profit-pools chapter glues, including
    how each lab counts revenue (``basis_sentence``) and who led on net figures
    (``net_sentence``), so both pages say it once from the data."""
    t = profit_inputs.race_texts(x)
    keep = ["leader", "leader_value", "leader_date", "leader_source", "other", "other_value"]
    keep += ["other_date", "other_source", "basis_sentence", "net_sentence"]
    values = {k: t[k] for k in keep}
    values["head"] = (
        f"{t['leader']} leads {t['other']} in the lab race"
        if t["crossover"] == "never"
        else f"{t['leader']} passed {t['other']} in the lab race on {t['crossover']}"
    )
    return Finding("race", values, "fig-profit-race")


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


def model_layer_funding(rounds: pd.DataFrame, hhi_high: float) -> Finding:
    """The model layer's share of cumulative funding, its largest company's share, and
    whether the layer's funding is still highly concentrated: its latest HHI (0-1) above
    ``hhi_high`` (the Models chapter's ``HHI_HIGH``)."""
    by_layer = concentration.cumulative_funding(rounds, by="layer")
    last = by_layer[by_layer["year_end"] == by_layer["year_end"].max()]
    models_share = float(last.set_index("layer").loc["models", "share"])
    metrics = concentration.concentration_metrics(rounds, layer="models")
    top = metrics[metrics["metric"] == "top1_share"].sort_values("year_end").iloc[-1]
    hhi = float(metrics[metrics["metric"] == "hhi"].sort_values("year_end").iloc[-1]["value"])
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
            "hhi": f"{hhi:.2f}",
            "hhi_high": f"{hhi_high:.2f}",
            "concentrated": "stayed highly concentrated"
            if hhi > hhi_high
            else "is no longer highly concentrated",
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
    values["open_end_sentence"] = (
        f"No open-weights model released after {values['open_end']} "
        f"({values['open_end_model']}) has a score on it in the data, so the latest gap sets "
        "newer closed models against older open ones."
        if pd.Timestamp(h["open_end"]) < pd.Timestamp(h["last_month"])  # type: ignore[arg-type]
        else f"Both sides have a model scored in {values['last_month']}, the benchmark's "
        "latest month in the data."
    )
    return Finding("gap", values, "fig-models-gap-lag")


def price_decline(fits: pd.DataFrame, threshold: float, bench_name: str) -> Finding:
    """How many times cheaper (or dearer) a fixed capability got per year (fitted): a score
    of at least ``threshold`` on the Apps chapter's benchmark (``bench_name``)."""
    fold = float(fits.set_index("threshold").loc[threshold, "fold_decline_per_year"])
    change = (
        f"{formatting.multiple(fold, 1)} cheaper"
        if fold >= 1
        else f"{formatting.multiple(1 / fold, 1)} dearer"
    )
    return Finding(
        "price",
        {"change": change, "threshold": f"{threshold:g}", "bench": bench_name},
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
        model_layer_funding(rounds, models_p["HHI_HIGH"]),
        open_closed_gap(frontier, scored, models_p["LAG_BENCHMARKS"], models_p["PARITY"]),
        price_decline(
            apps_fits(load, apps_p), apps_p["HEADLINE_THRESHOLD"], apps_p["BENCHMARK_NAME"]
        ),
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
    # stacked and narrow, the title in short lines: the figure fits the column from 1280 px
    # down to a 390 px phone (side by side it ran past the column's right edge)
    chart = finish(
        pool_charts.pool_chart(frame, stacked=True, width=150),
        chart_id="fig-index-pools",
        data_through=pool_charts.pool_through(x["lines"], load, last),
        title=pool_charts.pool_title(semis, first, last),
        subtitle="Shares of the pool the book can trace, two views; Altimeter's 2026 split below",
        alt_text="Two panels of stacked bars by layer: revenue and gross-profit shares per year "
        "with Altimeter's 2026 split, and value added per year. " + profit_inputs.pool_lead(semis),
        **profit_inputs.chart_meta(load, *names),  # the chapter figure's source line
    )
    return pool_charts.wrap_title(chart, title_chars=34, subtitle_chars=52)
