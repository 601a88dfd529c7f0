"""Frames the Models chapter draws and quotes, built from the analysis modules.

Small glue between :mod:`analysis.models.concentration`, :mod:`analysis.models.open_closed`,
:mod:`analysis.models.commoditization` and the chart factories in
:mod:`analysis.charts.models`, kept here (tested) so the chapter's cells stay
short. Money in USD millions, shares 0-1, prices USD per million tokens.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from analysis.models import commoditization, concentration, open_closed

ESSAY_LABELS: dict[str, str] = {
    "Morgan Stanley (via Teng)": "Morgan Stanley, per Teng",
    "NFX market map (Teng analysis)": "NFX map, Teng's count",
}


def share_marks(totals: pd.DataFrame, essay_sources: Iterable[str]) -> pd.DataFrame:
    """Model-layer shares of generative-AI funding stated by the essays and trackers.

    Rows of ``genai_funding_totals`` with ``layer == "models"`` and a share,
    leaving out shares of *all* AI funding (another denominator). Columns
    ``year``, ``share``, ``label`` (publisher; "over" for a lower bound;
    "(essay)" for the essays' own figures), ``basis`` (``estimated`` for the
    essays' figures, else the row's basis) and ``source_id``.
    """

    essays = set(essay_sources)
    ours = tracker_shares(totals, "models", set())
    rows = []
    for r in ours.itertuples():
        essay = r.source_id in essays
        name = ESSAY_LABELS.get(r.publisher, r.publisher)
        label = f"{name} (essay)" if essay else f"{name}{', over' if r.lower_bound else ''}"
        rows.append(
            {
                "year": int(r.year),
                "share": float(r.share),
                "label": label,
                "basis": "estimated" if essay else r.basis,
                "source_id": r.source_id,
            }
        )
    return pd.DataFrame(rows, columns=["year", "share", "label", "basis", "source_id"])


def concentration_by_scope(
    rounds: pd.DataFrame, scopes: Mapping[str, str | None], **kwargs: object
) -> pd.DataFrame:
    """:func:`analysis.models.concentration.concentration_metrics` for several scopes.

    ``scopes`` maps a label to a layer (``None`` = all layers). Adds the
    tooltip columns ``leader`` (largest company), ``n_companies`` and
    ``total_usd_m`` to every metric row of the same year end and scope.
    """
    frames = []
    for label, layer in scopes.items():
        metrics = concentration.concentration_metrics(rounds, layer=layer, **kwargs)  # type: ignore[arg-type]
        cum = concentration.cumulative_funding(rounds, "company", layer=layer, **kwargs)  # type: ignore[arg-type]
        leader = cum.groupby("year_end").first()["company"]
        wide = metrics.pivot(index="year_end", columns="metric", values="value")
        metrics = metrics.assign(
            scope=label,
            leader=metrics["year_end"].map(leader),
            n_companies=metrics["year_end"].map(wide["n_companies"]).astype(int),
            total_usd_m=metrics["year_end"].map(wide["total_usd_m"]),
        )
        frames.append(metrics)
    return pd.concat(frames, ignore_index=True)


def metric_at(metrics: pd.DataFrame, scope: str, metric: str, year: int) -> float:
    """One value of :func:`concentration_by_scope` output."""
    rows = metrics[
        (metrics["scope"] == scope)
        & (metrics["metric"] == metric)
        & (metrics["year_end"].dt.year == year)
    ]
    if len(rows) != 1:
        raise ValueError(f"no single {metric} for {scope} in {year}")
    return float(rows["value"].iloc[0])


OVERLAY_COLUMNS: tuple[str, ...] = (
    "benchmark",
    "date",
    "score",
    "kind",
    "label",
    "short",
    "caveat",
    "reference",
)


def claim_overlay(
    point: Mapping[str, object],
    scored: pd.DataFrame,
    *,
    benchmarks: Iterable[str],
    date: object,
) -> pd.DataFrame:
    """Where a "X% of model R's quality" claim would sit on each percent benchmark.

    ``point`` is :func:`analysis.models.open_closed.vicuna_claim_point` output
    (``relative_quality``, ``reference_model`` and ``model`` as named in
    ``models.csv``, ``label``, ``caveat``). For each of ``benchmarks`` on
    which the reference model has a score, the claim sits at
    ``relative_quality * reference score`` on ``date`` (``kind == "claim"``),
    and the model's own measured score, if any, at its release date
    (``kind == "measured"``). Columns :data:`OVERLAY_COLUMNS`.
    """
    ref = scored[scored["model"] == point["reference_model"]].set_index("benchmark")["score"]
    own = scored[scored["model"] == point["model"]].set_index("benchmark")
    rows = []
    for benchmark in benchmarks:
        if benchmark not in ref:
            continue
        reference = f"{point['reference_model']} ({float(ref[benchmark]):,.1f})"
        rows.append(
            {
                "benchmark": benchmark,
                "date": pd.Timestamp(date),
                "score": float(point["relative_quality"]) * float(ref[benchmark]),
                "kind": "claim",
                "label": point["label"],
                "short": f"{point['model']} as claimed: "
                f"{point['relative_quality_pct']:.0f}% of {point['reference_model']}",
                "caveat": point["caveat"],
                "reference": reference,
            }
        )
        if benchmark in own.index:
            score = float(own.loc[benchmark, "score"])
            rows.append(
                {
                    "benchmark": benchmark,
                    "date": pd.Timestamp(own.loc[benchmark, "release_date"]),
                    "score": score,
                    "kind": "measured",
                    "label": f"{point['model']} measured",
                    "short": f"{point['model']} measured: "
                    f"{score / float(ref[benchmark]):.0%} of {point['reference_model']}",
                    "caveat": "",
                    "reference": reference,
                }
            )
    return pd.DataFrame(rows, columns=list(OVERLAY_COLUMNS))


def priced_models(
    api_prices: pd.DataFrame,
    models: pd.DataFrame,
    quality: pd.DataFrame,
    *,
    benchmark: str,
    input_weight: float,
    output_weight: float,
) -> pd.DataFrame:
    """Every price row of a model in ``models``, blended, with its score if any.

    Columns ``provider``, ``model``, ``effective_date``, ``blended`` (USD per
    million tokens at ``input_weight:output_weight``), ``open_weights``
    (bool), ``score`` (``benchmark``, NaN if unscored) and ``source_id``.
    Price rows of models not in ``models`` are left out.
    """
    flags = models.set_index("model")["open_weights"]
    scores = quality[quality["benchmark"] == benchmark].set_index("model")["score"]
    p = api_prices[api_prices["model"].isin(flags.index)].copy()
    p["blended"] = commoditization.blended_price(
        p["input_usd_per_mtok"].astype(float),
        p["output_usd_per_mtok"].astype(float),
        input_weight=input_weight,
        output_weight=output_weight,
    )
    p["open_weights"] = open_closed.parse_open_weights(p["model"].map(flags)).to_numpy()
    p["score"] = p["model"].map(scores).astype(float)
    p["effective_date"] = pd.to_datetime(p["effective_date"])
    cols = ["provider", "model", "effective_date", "blended", "open_weights", "score", "source_id"]
    return p.loc[p["blended"].notna(), cols].reset_index(drop=True)


def price_fall(comparison: pd.DataFrame) -> dict[str, object]:
    """The frontier closed price at the first and last month, and the open comparison.

    From :func:`analysis.models.commoditization.frontier_vs_open_prices` output:
    ``first`` / ``last`` rows (with a closed price), ``fall`` (first / last
    price, x), ``n_months``, ``n_with_open`` (months with an open model of
    similar quality) and ``latest_open`` (last row with one, or None).
    """
    closed = comparison[comparison["closed_usd_per_mtok"].notna()].sort_values("month")
    if closed.empty:
        raise ValueError("no month with a priced closed model")
    first, last = closed.iloc[0], closed.iloc[-1]
    with_open = comparison[comparison["price_ratio"].notna()].sort_values("month")
    return {
        "first": first,
        "last": last,
        "fall": float(first["closed_usd_per_mtok"] / last["closed_usd_per_mtok"]),
        "n_months": len(comparison),
        "n_with_open": len(with_open),
        "latest_open": None if with_open.empty else with_open.iloc[-1],
    }


def valued_round_summary(multiples: pd.DataFrame) -> dict[str, object]:
    """Counts and range of :func:`analysis.models.valuation.valuation_multiples` output.

    ``n_valued`` rounds with a valuation, ``n_matched`` with a multiple,
    ``low`` / ``median`` / ``high`` multiple (x) and ``left_out`` (companies
    of the rounds without one, in date order, de-duplicated).
    """
    matched = multiples[multiples["multiple"].notna()]
    if matched.empty:
        raise ValueError("no round has a multiple")
    left = multiples[multiples["multiple"].isna()]
    return {
        "n_valued": len(multiples),
        "n_matched": len(matched),
        "low": float(matched["multiple"].min()),
        "median": float(np.median(matched["multiple"])),
        "high": float(matched["multiple"].max()),
        "low_row": matched.loc[matched["multiple"].idxmin()],
        "high_row": matched.loc[matched["multiple"].idxmax()],
        "left_out": list(dict.fromkeys(left["company"])),
    }


def claims_table(claims: pd.DataFrame, claim_ids: Iterable[str]) -> pd.DataFrame:
    """The listed claims as the chapter shows them: id, essay, kind, quote."""
    ids = list(claim_ids)
    rows = claims.set_index("claim_id").reindex(ids)
    missing = [i for i in ids if pd.isna(rows.loc[i, "quote"])]
    if missing:
        raise ValueError(f"claims not in seed_claims: {missing}")
    essay = rows["essay"].map({"a16z": "a16z (Jan 2023)", "teng": "Teng (Jun 2023)"})
    return pd.DataFrame(
        {
            "Claim": ids,
            "Essay": essay.to_numpy(),
            "Layer": rows["layer"].to_numpy(),
            "What the essay says": rows["quote"].to_numpy(),
        }
    )


_ALL_AI = re.compile(r"\ball\s+(?:global\s+)?ai\b", re.IGNORECASE)


def tracker_shares(
    totals: pd.DataFrame, layer: str, exclude_sources: Iterable[str]
) -> pd.DataFrame:
    """Independent tracker rows giving ``layer``'s share of generative-AI funding.

    Rows of ``genai_funding_totals`` with a ``share``, not from
    ``exclude_sources`` (the essays), and whose ``scope`` is not a share of
    *all* AI funding (a different denominator). Adds ``lower_bound`` (the
    scope says the figure is a lower bound).
    """
    rows = totals[
        (totals["layer"] == layer)
        & totals["share"].notna()
        & ~totals["source_id"].isin(set(exclude_sources))
        & ~totals["scope"].str.contains(_ALL_AI)
    ].copy()
    rows["lower_bound"] = rows["scope"].str.contains("lower bound", case=False)
    return rows


def open_price_sentence(latest_open: pd.Series | None) -> str:
    """The chapter's sentence on the cheapest open model of similar score, or its absence.

    ``latest_open`` is :func:`price_fall`'s ``latest_open`` (None when no month
    had a priced open model within tolerance).
    """
    if latest_open is None:
        return (
            "No open-weights model within that tolerance has both a price and a score "
            "on this benchmark in the data, so the comparison is empty here"
        )
    return (
        f"Where one exists, {latest_open['open_model']} at "
        f"${latest_open['open_usd_per_mtok']:,.2f}, the closed frontier costs "
        f"{latest_open['price_ratio']:.1f}× as much"
    )


def price_title(fall: dict[str, object]) -> str:
    """The price chart's title, stating what the data show (from :func:`price_fall`)."""
    cheaper = fall["fall"] > 1
    head = "The frontier got cheaper" if cheaper else "The frontier did not get cheaper"
    if fall["latest_open"] is None:
        return f"{head}; no open model of similar score is priced"
    return f"{head}; open models of similar score are cheaper still"
