"""The Models chapter's glued numbers, one section at a time: ``{glue name: text}``.

Each function takes the analysis outputs a section of ``book/models.md``
already computed and returns the texts its prose glues, so a chapter cell is
a call and a loop (``for k, v in texts.items(): glue_text(k, v)``). Units:
shares 0-1 (printed as percent), benchmark gaps in the benchmark's points,
lags in months (365.25 / 12 days), money in USD millions, prices in USD per
million tokens (blended).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from analysis.formatting import count, month, multiple, pct, pct_points
from analysis.models.open_closed import BENCHMARK_LABELS


def funding_texts(
    funding: pd.DataFrame, rounds: pd.DataFrame, by_layer: pd.DataFrame
) -> dict[str, str]:
    """Rows, rounds and companies in the funding data, and the model layer's share of
    cumulative funding at the end of 2023, 2024 and the last year (to date).

    ``funding`` is the raw ``funding_rounds`` dataset, ``rounds`` its
    consolidation, ``by_layer`` :func:`analysis.models.concentration.cumulative_funding`
    by layer (``share`` 0-1 at each ``year_end``).
    """
    rows = by_layer[by_layer["layer"] == "models"]
    share_of = rows.set_index(rows["year_end"].dt.year)["share"]
    last = int(share_of.index.max())
    out = {
        "models_n_rows": count(len(funding)),
        "models_n_rounds": count(len(rounds)),
        "models_n_companies": count(rounds["company"].nunique()),
        "models_n_model_companies": count(
            rounds.loc[rounds["layer"] == "models", "company"].nunique()
        ),
        "models_last_year": str(last),
    }
    for name, year in (("2023", 2023), ("2024", 2024), ("last", last)):
        out[f"models_layer_share_{name}"] = pct(float(share_of[year]))
    return out


def catch_up_texts(
    models: pd.DataFrame, scored: pd.DataFrame, data_end: pd.Timestamp
) -> dict[str, str]:
    """How many models and scores the catch-up section rests on, the models with no
    score, and the month the frontier data end.

    ``scored`` is :func:`analysis.models.open_closed.scored_models` output (one
    row per model and benchmark); ``models`` the ``models`` dataset.
    """
    unscored = models[~models["model"].isin(set(scored["model"]))].sort_values("release_date")
    return {
        "models_data_end": month(data_end),
        "models_unscored": ", ".join(unscored["model"]),
        "models_n_scored": count(scored["model"].nunique()),
        "models_n_scores": count(len(scored)),
    }


def gap_texts(bench: str, headline: Mapping[str, object], slope_per_year: float) -> dict[str, str]:
    """The gap on ``bench`` at its first and last month with both sides scored.

    ``headline`` is :func:`analysis.models.headline.open_closed_headline` for
    ``bench`` (the function the front page uses too, so both pages give the
    same numbers); ``slope_per_year`` the fitted change of the gap (points a
    year, negative = narrowing), printed as the narrowing per year.
    """
    h = headline
    return {
        f"models_{bench}_gap_first": pct_points(float(h["first_gap"])),  # type: ignore[arg-type]
        f"models_{bench}_gap_first_month": month(h["first_month"]),  # type: ignore[arg-type]
        f"models_{bench}_gap_last": pct_points(float(h["last_gap"])),  # type: ignore[arg-type]
        f"models_{bench}_gap_last_open": str(h["last_open_model"]),
        f"models_{bench}_gap_last_month": month(h["last_month"]),  # type: ignore[arg-type]
        f"models_{bench}_gap_open_end": month(h["open_end"]),  # type: ignore[arg-type]
        f"models_{bench}_gap_open_end_model": str(h["open_end_model"]),
        f"models_{bench}_slope": f"{-slope_per_year:.0f} points",
    }


def lag_texts(lags: pd.DataFrame, trends: pd.DataFrame, n_benchmarks: int) -> dict[str, str]:
    """The catch-up lags: median of the matched (months), how many records and how many
    still unmatched, and the fitted trend of the lag per benchmark.

    ``lags`` is :func:`analysis.models.open_closed.catch_up_lags` output;
    ``trends`` :func:`analysis.models.gap_trends.gap_lag_trends` indexed by
    ``(benchmark, quantity)`` (``slope_per_year`` in months a year,
    ``n_points`` matched records). GPT-4's MMLU lag is the chapter's example.
    """
    matched = lags[~lags["censored"]]
    slopes = trends.xs("lag", level="quantity")
    gpt4 = lags[(lags["benchmark"] == "mmlu_5shot") & (lags["closed_model"] == "GPT-4")].iloc[0]
    return {
        "models_lag_median": f"{matched['lag_months'].median():.0f} months",
        "models_n_lags": count(len(lags)),
        "models_n_censored": count(int(lags["censored"].sum())),
        "models_n_benchmarks": count(n_benchmarks),
        "models_lag_slope_lo": f"{slopes['slope_per_year'].min():+.1f}",
        "models_lag_slope_hi": f"{slopes['slope_per_year'].max():+.1f}",
        "models_lag_points_max": count(slopes["n_points"].max()),
        "models_lag_n_shorter": count((slopes["slope_per_year"] < 0).sum()),
        "models_gpt4_lag": f"{gpt4['lag_months']:.0f} months",
        "models_gpt4_matched_by": f"{gpt4['matched_by']}, {month(gpt4['matched_date'])}",
    }


def open_developers_text(
    frontier: pd.DataFrame, models: pd.DataFrame, funded_companies: Iterable[str]
) -> str:
    """The developers of the open models that led the open side of the frontier, in
    order of first appearance, and which of them has a venture round in the data."""
    developer = models.set_index("model")["developer"]
    pace = list(dict.fromkeys(frontier["best_open_model"].dropna().map(developer)))
    companies = set(funded_companies)
    funded = [d for d in pace if d in companies]
    tail = (
        f"; of these only {', '.join(funded)} has venture rounds in the funding data"
        if funded
        else ", none of which has a venture round in the funding data"
    )
    return ", ".join(pace) + tail


def epoch_texts(published: pd.DataFrame, lag_rows: pd.DataFrame) -> dict[str, str]:
    """Epoch AI's published lags (months, with the one interval it gives) and the book's
    range of lags at Epoch's first date.

    ``published`` is :func:`analysis.models.lag.published_lags` (``date``,
    ``value``, ``low``, ``high`` in months); ``lag_rows``
    :func:`analysis.models.lag.lag_table` (``date``, ``lag_behind_months``).
    """
    epoch = published.sort_values("date").set_index("date")
    out: dict[str, str] = {}
    for i, (when, row) in enumerate(epoch.iterrows()):
        out[f"models_epoch_{i}_date"] = month(when)  # type: ignore[arg-type]
        out[f"models_epoch_{i}_value"] = f"{row['value']:g} months"
    span = epoch.dropna(subset=["low", "high"]).iloc[0]
    out["models_epoch_interval"] = f"{span['low']:g}–{span['high']:g} months"
    out["models_n_epoch"] = count(len(epoch))
    first = lag_rows[lag_rows["date"] == lag_rows["date"].min()]["lag_behind_months"]
    out["models_lag_first_lo"] = f"{first.min():.1f} months"
    out["models_lag_first_hi"] = f"{first.max():.1f} months"
    return out


def lag_bench_texts(
    lag_rows: pd.DataFrame, ends: pd.Series, open_ends: pd.Series, bench: str
) -> dict[str, str]:
    """The book's lags on ``bench`` at Epoch's latest date, and where the scores end.

    ``lag_rows`` is :func:`analysis.models.lag.lag_table` output (texts in
    ``lag_behind``, ``lag_behind_interval``, ``time_to_match``); ``ends`` and
    ``open_ends`` :func:`analysis.models.lag.last_observation` of all models and
    of open-weights models only (benchmark -> last release date).
    """
    latest = lag_rows[lag_rows["date"] == lag_rows["date"].max()].set_index("benchmark")
    head = latest.loc[bench]
    return {
        "models_lag_bench_lag": str(head["lag_behind"]),
        "models_lag_bench_interval": str(head["lag_behind_interval"]),
        "models_lag_bench_match": str(head["time_to_match"]),
        "models_lag_bench_open": str(head["best_open_model"]),
        "models_lag_bench_end": month(ends[bench]),
        "models_lag_bench_open_end": month(open_ends[bench]),
        "models_lag_open_end_latest": month(open_ends.max()),
    }


def price_texts(fall: Mapping[str, object], benchmark: str, tolerance: float) -> dict[str, str]:
    """The frontier's price at its first and last month, the fall between (×), and how
    often an open model of similar quality is priced.

    ``fall`` is :func:`analysis.models.model_layer.price_fall` output (prices in
    USD per million tokens, blended); ``tolerance`` in benchmark points.
    """
    out: dict[str, str] = {}
    for key in ("first", "last"):
        row = fall[key]
        out[f"models_price_{key}_model"] = str(row["closed_model"])  # type: ignore[index]
        out[f"models_price_{key}"] = f"${row['closed_usd_per_mtok']:,.2f}"  # type: ignore[index]
    out["models_price_fall"] = multiple(float(fall["fall"]), 1)  # type: ignore[arg-type]
    out["models_price_n_with_open"] = count(fall["n_with_open"])  # type: ignore[arg-type]
    out["models_price_n_months"] = count(fall["n_months"])  # type: ignore[arg-type]
    out["models_price_tolerance"] = f"{tolerance:g} points"
    out["models_price_bench"] = BENCHMARK_LABELS.get(benchmark, benchmark)
    out["models_price_last_month"] = month(fall["last"]["month"])  # type: ignore[index]
    return out
