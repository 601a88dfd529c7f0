"""Charts of the "Apps" chapter about the price of capability.

The cheapest price of each capability level month by month with its fitted
decline, the fits beside published estimates, and the margin they project for
the essay's typical app. Pure factories (no data loading, no file I/O); token
prices in USD per million tokens, margins as fractions (drawn as percent).
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from analysis.charts import data_end
from analysis.charts.apps import APPS, capability_label, capability_scale, shaded_band
from analysis.charts.palette import NEUTRAL
from analysis.charts.theme import FILLED, hollow_weak, sourcing
from analysis.data.provenance import row_grades


def price_decline_chart(
    series: pd.DataFrame,
    trend: pd.DataFrame,
    benchmark_name: str,
    essay_date: str | None = None,
    sources: pd.DataFrame | None = None,
) -> alt.LayerChart:
    """Cheapest blended price per month at each capability level, log scale, with fits.

    ``series``: :func:`analysis.apps.price_decline.cheapest_price_by_month` output
    (with ``source_id``); ``trend``: :func:`analysis.apps.decline_fit.fitted_trend`.
    Steps are the observed cheapest price; dashed lines the log-linear fits. With
    ``sources``, a price change resting on an aggregator or blog is a hollow point.
    """
    s = series.assign(capability=[capability_label(benchmark_name, t) for t in series["threshold"]])
    t = trend.assign(capability=[capability_label(benchmark_name, v) for v in trend["threshold"]])
    order = [capability_label(benchmark_name, v) for v in sorted(series["threshold"].unique())]
    color = alt.Color(
        "capability:N",
        title="Cheapest model at",
        scale=capability_scale(order),
        legend=alt.Legend(orient="top", direction="horizontal"),  # the column has no room right
    )
    y = alt.Y(
        "blended_usd_per_mtok:Q",
        title="Blended price (USD per million tokens, log scale)",
        scale=alt.Scale(type="log"),
        axis=alt.Axis(format="$,~g"),
    )
    x = alt.X(
        "month:T",
        title="Month the list price applied",
        axis=alt.Axis(format="%b %Y", tickCount={"interval": "month", "step": 6}),
    )
    steps = (
        alt.Chart(s)
        .mark_line(interpolate="step-after", strokeWidth=2.5)
        .encode(
            x=x,
            y=y,
            color=color,
            tooltip=[
                alt.Tooltip("capability:N", title="Capability"),
                alt.Tooltip("month:T", title="Month", format="%B %Y"),
                alt.Tooltip("model:N", title="Cheapest model"),
                alt.Tooltip("provider:N", title="Provider"),
                alt.Tooltip("blended_usd_per_mtok:Q", title="USD/M tokens (3:1)", format=",.4~f"),
                alt.Tooltip("input_usd_per_mtok:Q", title="Input USD/M", format=",.3~f"),
                alt.Tooltip("output_usd_per_mtok:Q", title="Output USD/M", format=",.3~f"),
                alt.Tooltip("source_id:N", title="Source"),
            ],
        )
    )
    changes = s.sort_values("month").drop_duplicates(
        ["capability", "model", "blended_usd_per_mtok"]
    )
    changes["sourcing"] = sourcing(row_grades(changes, sources)) if sources is not None else FILLED
    dots = (
        alt.Chart(changes)
        .mark_point(filled=True, size=40, strokeWidth=1.5)
        .encode(
            x=x, y=y, color=color, **hollow_weak(changes, color), tooltip=steps.encoding.tooltip
        )
    )
    fits = (
        alt.Chart(t)
        .mark_line(strokeDash=[5, 4], strokeWidth=1.5, opacity=0.9)
        .encode(
            x=x,
            y=alt.Y("fitted_usd_per_mtok:Q", scale=alt.Scale(type="log")),
            color=color,
            tooltip=[
                alt.Tooltip("capability:N", title="Capability"),
                alt.Tooltip("month:T", title="Month", format="%B %Y"),
                alt.Tooltip("fitted_usd_per_mtok:Q", title="Fitted USD/M tokens", format=",.3~f"),
            ],
        )
    )
    last = s.sort_values("month").groupby("capability").tail(1)
    ends = (
        alt.Chart(last.assign(end_label=[f"through {m:%b %Y}" for m in last["month"]]))
        .mark_text(align="left", dx=6, fontSize=10)
        .encode(x=x, y=y, color=color, text="end_label:N")
    )
    layers = [steps, dots, fits, ends]
    return alt.layer(*layers).properties(width=520, height=320)


COMPARE_CAP = 10_000.0
"""Right edge of :func:`decline_compare_chart` (times cheaper per year): wider
intervals are drawn to the edge; tooltips keep the values."""

COMPARE_NOTE = (
    "Intervals wider than 10,000× a year stop at the chart's edge, marked ▶; hover for values."
)


def compare_through(
    table: pd.DataFrame, fit_rows: pd.DataFrame, published: pd.DataFrame
) -> dict[str, str]:
    """Each side's end for :func:`analysis.charts.finish`: the last price behind this book's
    fits, and the latest publication among the published estimates ``table`` draws
    (:func:`decline_compare_chart`'s table; ``published``: reference_estimates rows)."""
    drawn = published[published["label"].isin(table["label"])]
    return {
        "this book's fits": data_end(fit_rows["effective_date"]),
        "published estimates (latest published)": data_end(drawn["date_published"]),
    }


def decline_compare_chart(table: pd.DataFrame) -> alt.LayerChart:
    """Times cheaper per year: this book's fits against published estimates.

    ``table`` is :func:`analysis.apps.published_declines.comparison_table` output:
    ``label, fold, fold_low, fold_high, source, kind`` (``kind`` "this book"
    or "published"; ``fold`` NaN when a source gives only a range). Folds are
    "times cheaper per year" (log scale). Ours are filled, with their 95 %
    interval; published estimates hollow, with their stated range.
    """
    both = table.assign(
        kind=table["kind"].map({"this book": "This book (95% interval)", "published": "Published"})
    )
    order = list(both["label"])
    y = alt.Y(
        "label:N",
        sort=order,
        title=None,
        axis=alt.Axis(labelLimit=330),
    )
    # 1-3-10 steps: 1-2-5 put "1×" and "2×" on top of each other at this width
    ticks_at = [1, 3, 10, 30, 100, 300, 1000, 3000, 10_000]
    top = float(np.nanmax(both[["fold", "fold_low", "fold_high"]].to_numpy()))
    domain = [1, min(COMPARE_CAP, max(10.0, 10 ** np.ceil(np.log10(top))))]
    scale = alt.Scale(type="log", domain=domain, clamp=True)
    x = alt.X(
        "fold_low:Q",
        title="Times cheaper per year at a fixed capability (log scale)",
        scale=scale,
        axis=alt.Axis(
            values=[t for t in ticks_at if t <= domain[1]], labelExpr="datum.value + '×'"
        ),
    )
    kind_color = alt.Color(
        "kind:N",
        title=None,
        scale=alt.Scale(domain=["This book (95% interval)", "Published"], range=[APPS, NEUTRAL]),
    )
    tooltip = [
        alt.Tooltip("label:N", title="Estimate"),
        alt.Tooltip("fold:Q", title="Times cheaper / year", format=",.1f"),
        alt.Tooltip("fold_low:Q", title="Low", format=",.1f"),
        alt.Tooltip("fold_high:Q", title="High", format=",.1f"),
        alt.Tooltip("source:N", title="Source"),
    ]
    bars = (
        alt.Chart(both)
        .mark_rule(strokeWidth=3)
        .encode(y=y, x=x, x2="fold_high:Q", color=kind_color, tooltip=tooltip)
    )
    ticks = (
        alt.Chart(both)
        .mark_tick(thickness=2, size=12)
        .encode(y=y, x=alt.X("fold_low:Q", scale=scale), color=kind_color)
    )
    ticks_hi = (
        alt.Chart(both)
        .mark_tick(thickness=2, size=12)
        .encode(y=y, x=alt.X("fold_high:Q", scale=scale), color=kind_color)
    )
    dots = (
        alt.Chart(both.dropna(subset=["fold"]))
        .mark_point(size=110, strokeWidth=2)
        .encode(
            y=y,
            x=alt.X("fold:Q", scale=scale),
            color=kind_color,
            fill=alt.Fill(
                "kind:N",
                scale=alt.Scale(
                    domain=["This book (95% interval)", "Published"], range=[APPS, "white"]
                ),
                legend=None,
            ),
            shape=alt.value("circle"),
            tooltip=tooltip,
        )
    )
    beyond = both[both["fold_high"] > domain[1]].assign(edge=domain[1])
    arrows = (
        alt.Chart(beyond)
        .mark_point(shape="triangle-right", size=70, filled=True, opacity=1)
        .encode(y=y, x=alt.X("edge:Q", scale=scale), color=kind_color, tooltip=tooltip)
    )
    return alt.layer(bars, ticks, ticks_hi, dots, arrows).properties(
        width=310, height=30 * len(both)
    )


def margin_projection_chart(
    projection: pd.DataFrame,
    margin_band: tuple[float, float],
    ceiling: float,
    capability_order: Sequence[str],
    data_through: str | None = None,
) -> alt.LayerChart:
    """Projected gross margin by year, one band (interval) and line per capability level.

    ``projection``: rows of :func:`analysis.apps.margin_projection.project_margin`
    stacked, with a ``capability`` column. The essay's band is shaded and the
    ceiling ``1 - other_cost_share`` (free tokens) drawn as a rule.
    ``data_through`` ("Feb 2025"), the last month of prices behind the fits,
    goes in the x axis title: later years are projected.
    """
    color = alt.Color(
        "capability:N",
        title="Prices falling as at",
        scale=capability_scale(capability_order),
        legend=alt.Legend(symbolOpacity=1, symbolType="stroke", symbolStrokeWidth=3),
    )
    x = alt.X(
        "year:O",
        title=f"Calendar year (prices observed through {data_through}, projected after)"
        if data_through
        else "Calendar year (projected from the fitted declines)",
        axis=alt.Axis(labelAngle=0),
    )
    y_scale = alt.Scale(domain=[0, 1])
    tooltip = [
        alt.Tooltip("capability:N", title="Decline as at"),
        alt.Tooltip("year:O", title="Year"),
        alt.Tooltip("margin_central:Q", title="Margin (central)", format=".1%"),
        alt.Tooltip("margin_low:Q", title="Slowest decline", format=".1%"),
        alt.Tooltip("margin_high:Q", title="Fastest decline", format=".1%"),
        alt.Tooltip("inference_share_central:Q", title="Inference share", format=".1%"),
    ]
    band = shaded_band(*margin_band)
    ceil = (
        alt.Chart(
            pd.DataFrame({"y": [ceiling], "text": [f"ceiling with free tokens: {ceiling:.0%}"]})
        )
        .mark_rule(color=NEUTRAL, strokeDash=[2, 2])
        .encode(y=alt.Y("y:Q", scale=y_scale))
    )
    ceil_text = (
        alt.Chart(
            pd.DataFrame({"y": [ceiling], "text": [f"ceiling with free tokens: {ceiling:.0%}"]})
        )
        .mark_text(align="left", baseline="bottom", dy=-3, dx=4, color=NEUTRAL, fontSize=11)
        .encode(y=alt.Y("y:Q", scale=y_scale), x=alt.value(0), text="text:N")
    )
    area = (
        alt.Chart(projection)
        .mark_area(opacity=0.18)
        .encode(
            x=x,
            y=alt.Y(
                "margin_low:Q",
                scale=y_scale,
                title="Gross margin (share of revenue)",
                axis=alt.Axis(format="%"),
            ),
            y2="margin_high:Q",
            color=color,
        )
    )
    # one layer per level, widest first, so equal trajectories stay visible
    widths = [6.0, 3.5, 2.0]
    lines = [
        alt.Chart(projection)
        .transform_filter(alt.datum.capability == cap)
        .mark_line(point=True, strokeWidth=widths[min(i, len(widths) - 1)])
        .encode(x=x, y=alt.Y("margin_central:Q", scale=y_scale), color=color, tooltip=tooltip)
        for i, cap in enumerate(capability_order)
    ]
    return alt.layer(band, ceil, ceil_text, area, *lines).properties(width=520, height=300)


def decline_title(fits: pd.DataFrame, benchmark_name: str) -> str:
    """A title stating the finding of a fit table (fastest and slowest fall per year).

    ``fits`` is :func:`analysis.apps.decline_fit.fit_decline_by_threshold`
    output; thresholds without a fit are ignored.
    """
    f = fits.dropna(subset=["fold_decline_per_year"])
    if f.empty:
        return f"Cheapest price of each {benchmark_name} level"
    lo, hi = f["fold_decline_per_year"].min(), f["fold_decline_per_year"].max()
    if lo <= 1:
        return f"On {benchmark_name}, not every level got cheaper"
    return (
        f"On {benchmark_name}, each level got {lo:,.0f}× to {hi:,.0f}× cheaper a year"
        if round(lo) != round(hi)
        else f"On {benchmark_name}, each level got about {lo:,.0f}× cheaper a year"
    )


def decline_alt_text(series: pd.DataFrame, benchmark_name: str) -> str:
    """Text alternative of :func:`price_decline_chart`, computed from its data."""
    levels = ", ".join(f"{t:g}" for t in sorted(series["threshold"].unique()))
    return (
        "Step lines of the cheapest blended API price per million tokens, on a log scale, "
        f"for models scoring at least {levels} on {benchmark_name}, from "
        f"{series['month'].min():%B %Y} to {series['month'].max():%B %Y}, with dashed fitted "
        "trend lines; each line ends at its last observation, labelled."
    )


def compare_title(inside: int, n_ours: int) -> str:
    """Title of :func:`decline_compare_chart`: how many of our rates sit in the published spread."""
    if inside == n_ours:
        return "Our yearly declines sit inside the published estimates"
    return f"{inside} of our {n_ours} yearly declines sit inside the published estimates"


def compare_alt_text(table: pd.DataFrame) -> str:
    """Text alternative of :func:`decline_compare_chart`, computed from its table."""
    ours = int((table["kind"] == "this book").sum())
    pub = int((table["kind"] == "published").sum())
    return (
        "Dot and range chart on a log scale of how many times cheaper a fixed capability "
        f"gets per year: this book's {ours} fits with 95 percent intervals, and {pub} "
        "published estimates (a16z, Epoch AI, Gundlach et al.) shown as points with "
        "intervals or as ranges."
    )
