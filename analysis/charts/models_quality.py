"""Charts of the "Models" chapter about quality and price: the open-closed gap, prices.

Size: over 400 lines because the gap and price charts share the series-end and step
helpers.

Pure factories (no data loading, no file I/O): the quality gap between closed
and open models with the catch-up lag, and frontier prices against open-weights
hosts. Benchmark scores in the benchmark's own points, prices in USD per million
tokens (blended).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import numpy as np
import pandas as pd

from analysis.charts.models import WIDTH
from analysis.charts.palette import NEUTRAL, OPEN_CLOSED_COLORS
from analysis.charts.theme import FILLED, hollow_weak, sourcing
from analysis.data.provenance import row_grades
from analysis.models.open_closed import BENCHMARK_LABELS, BENCHMARK_UNITS

GAP_WIDTH = 400
"""Plot width of the gap-lag chart (px): with :data:`GAP_AXIS_EXTENT` on the left and the
"data through" labels on the right it fits the book's text column for every benchmark."""
GAP_AXIS_EXTENT = 130
"""Room (px) for the y-axis labels of both panels, the same for every benchmark: the
longest closed-model name is cut at this width rather than pushing the chart sideways."""
DAYS_PER_MONTH = 365.25 / 12


def step_changes(frame: pd.DataFrame, groups: list[str], *, order: str, value: str) -> pd.DataFrame:
    """The rows of each group where ``value`` changes, plus the group's last row.

    A line drawn with ``interpolate="step-after"`` through these rows is the
    same line as through every row, with a fraction of the rows in the page.
    """
    ordered = frame.sort_values([*groups, order])
    grouped = ordered.groupby(groups, sort=False)[value]
    changed = ordered[value].ne(grouped.shift())
    last = ordered.index.isin(grouped.tail(1).index)
    return ordered[changed | last].reset_index(drop=True)


def series_ends(frame: pd.DataFrame, groups: list[str], *, date: str) -> pd.DataFrame:
    """The last row of each series, with ``end_label`` "data through Mon YYYY".

    Every chart marks where each of its series stops, so a reader never takes
    a flat line after the last observation for data.
    """
    last = frame.sort_values([*groups, date]).groupby(groups, sort=False).tail(1).copy()
    last["end_label"] = [f"data through {pd.Timestamp(d):%b %Y}" for d in last[date]]
    return last.reset_index(drop=True)


def stop_at_own_data(steps: pd.DataFrame, scored: pd.DataFrame) -> pd.DataFrame:
    """Each side's best-so-far line cut at the month of its own last scored release.

    ``steps`` has ``benchmark``, ``month``, ``weights`` (``closed`` | ``open``);
    ``scored`` every scored model (``benchmark``, ``release_date``,
    ``open_weights``). A benchmark's frontier runs to its last scored release
    of either kind; after its own last one a side is not measured (new models
    of that kind have no score), so its line and "data through" label stop there.
    """
    kind = np.where(scored["open_weights"].astype(bool), "open", "closed")
    last = scored.assign(weights=kind).groupby(["benchmark", "weights"])["release_date"].max()
    ends = last.dt.to_period("M").dt.to_timestamp()
    keys = pd.MultiIndex.from_frame(steps[["benchmark", "weights"]])
    own_end = pd.Series(ends.reindex(keys).to_numpy(), index=steps.index)
    return steps[own_end.isna() | (steps["month"] <= own_end)]


def with_anchors(
    claim_points: pd.DataFrame, steps: pd.DataFrame, benchmarks: list[str]
) -> pd.DataFrame:
    """``claim_points`` plus an invisible ``anchor`` row for each benchmark without a claim.

    A layer whose filtered data is empty makes Vega warn of an infinite
    extent; the anchor sits on the benchmark's first frontier point (so it
    changes no axis), with no text and size 0.
    """
    have = set(claim_points.loc[claim_points["kind"] == "claim", "benchmark"])
    first = steps.sort_values("month").drop_duplicates("benchmark")
    rows = [
        {"benchmark": r.benchmark, "date": r.month, "score": r.score, "kind": "anchor", "short": ""}
        for r in first.itertuples()
        if r.benchmark in benchmarks and r.benchmark not in have
    ]
    return pd.concat([claim_points, pd.DataFrame(rows)], ignore_index=True)


def gap_lag(
    frontier: pd.DataFrame,
    scored: pd.DataFrame,
    lags: pd.DataFrame,
    claim_points: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    units: Mapping[str, str] | None = None,
    as_of: object,
    default: str = "mmlu_5shot",
) -> alt.VConcatChart:
    """Top: best closed and best open score month by month (steps) and every
    scored model (points, hover for details), with the essay's Vicuna claim
    placed as it was stated (hollow diamond). Bottom: for each closed model
    that set a new closed frontier, the months until an open model matched it
    (bars; hollow to ``as_of`` when not matched yet). A dropdown picks the
    benchmark for both panels.

    ``frontier``: :func:`analysis.models.open_closed.frontier_by_month`; ``scored``:
    :func:`analysis.models.open_closed.scored_models` plus ``source_id``; ``lags``:
    :func:`analysis.models.open_closed.catch_up_lags`; ``claim_points``: ``benchmark``,
    ``date``, ``score``, ``kind`` (``claim`` | ``measured``), ``label``,
    ``short``, ``caveat``, ``reference`` (may be empty): diamonds for claims,
    a bold text label for both. ``labels`` / ``units`` (benchmark -> name / unit)
    default to :data:`analysis.models.open_closed.BENCHMARK_LABELS` / ``BENCHMARK_UNITS``;
    only benchmarks in ``frontier`` are offered.
    """
    labels = BENCHMARK_LABELS if labels is None else labels
    units = BENCHMARK_UNITS if units is None else units
    benchmarks = [b for b in labels if b in set(frontier["benchmark"])]
    pick = alt.param(
        name="models_benchmark",
        value=default,
        bind=alt.binding_select(
            options=benchmarks, labels=[labels[b] for b in benchmarks], name="Benchmark: "
        ),
    )
    cutoff = pd.Timestamp(as_of)
    steps = frontier.melt(
        id_vars=["benchmark", "month"],
        value_vars=["best_closed", "best_open"],
        var_name="kind",
        value_name="score",
    ).dropna(subset=["score"])
    steps["weights"] = steps["kind"].map({"best_closed": "closed", "best_open": "open"})
    steps = stop_at_own_data(steps, scored)
    steps = step_changes(steps, ["benchmark", "kind"], order="month", value="score")
    models = scored.assign(
        weights=np.where(scored["open_weights"], "open", "closed"),
        unit=scored["benchmark"].map(units),
    )
    color = alt.Color(
        "weights:N",
        scale=alt.Scale(
            domain=["closed", "open"],
            range=[OPEN_CLOSED_COLORS["closed"], OPEN_CLOSED_COLORS["open"]],
        ),
        legend=alt.Legend(title="Weights", labelExpr="datum.label === 'open' ? 'Open' : 'Closed'"),
    )
    x = alt.X(
        "month:T",
        title="Month (models released so far)",
        axis=alt.Axis(format="%Y", tickCount="year"),
    )
    y = alt.Y(
        "score:Q",
        title="Score (benchmark's own points)",
        scale=alt.Scale(zero=False),
        axis=alt.Axis(minExtent=GAP_AXIS_EXTENT - 20),
    )
    frontier_lines = (
        alt.Chart(steps)
        .transform_filter(alt.datum.benchmark == pick)
        .mark_line(interpolate="step-after", strokeWidth=2.5)
        .encode(x=x, y=y, color=color)
    )
    model_points = (
        alt.Chart(models)
        .transform_filter(alt.datum.benchmark == pick)
        .mark_point(size=55, filled=True, opacity=0.8)
        .encode(
            x=alt.X("release_date:T"),
            y=alt.Y("score:Q"),
            color=color,
            tooltip=[
                alt.Tooltip("model:N", title="Model"),
                alt.Tooltip("developer:N", title="Developer"),
                alt.Tooltip("release_date:T", title="Released", format="%d %b %Y"),
                alt.Tooltip("score:Q", title="Score", format=",.1f"),
                alt.Tooltip("unit:N", title="Unit"),
                alt.Tooltip("weights:N", title="Weights"),
                alt.Tooltip("source_id:N", title="Source"),
            ],
        )
    )
    ends = series_ends(steps, ["benchmark", "kind"], date="month")
    end_marks = (
        alt.Chart(ends)
        .transform_filter(alt.datum.benchmark == pick)
        .mark_text(align="left", dx=6, fontSize=10)
        .encode(x=x, y=y, text="end_label:N", color=color)
    )
    top_layers = [frontier_lines, model_points, end_marks]
    if len(claim_points):
        claim_points = with_anchors(claim_points, steps, benchmarks)
        claim = (
            alt.Chart(claim_points)
            .transform_filter(alt.datum.benchmark == pick)
            .transform_filter(alt.datum.kind != "measured")
            .mark_point(shape="diamond", strokeWidth=2.5, color="#000000", fill="white")
            .encode(
                x=alt.X("date:T"),
                y=alt.Y("score:Q"),
                size=alt.condition(alt.datum.kind == "claim", alt.value(220), alt.value(0)),
                tooltip=[
                    alt.Tooltip("label:N", title="Claim"),
                    alt.Tooltip("score:Q", title="Where the claim would put it", format=",.1f"),
                    alt.Tooltip("reference:N", title="Compared with"),
                    alt.Tooltip("caveat:N", title="Caveat"),
                ],
            )
        )
        claim_text = (
            alt.Chart(claim_points)
            .transform_filter(alt.datum.benchmark == pick)
            .mark_text(align="left", dx=10, dy=-8, fontSize=11, fontWeight="bold")
            .encode(x=alt.X("date:T"), y=alt.Y("score:Q"), text="short:N")
        )
        top_layers += [claim, claim_text]
    top = alt.layer(*top_layers).properties(width=GAP_WIDTH, height=300)

    lag = censor_at_data_end(lags, scored, cutoff)
    bars = (
        alt.Chart(lag)
        .transform_filter(alt.datum.benchmark == pick)
        .mark_bar(height=10, stroke=OPEN_CLOSED_COLORS["closed"], strokeWidth=1.5)
        .encode(
            x=alt.X(
                "release_date:T",
                title="Closed model's release → first open match",
                axis=alt.Axis(format="%Y", tickCount="year"),
            ),
            x2="end:T",
            y=alt.Y(
                "closed_model:N",
                title=None,
                sort=alt.EncodingSortField("release_date"),
                axis=alt.Axis(minExtent=GAP_AXIS_EXTENT, labelLimit=GAP_AXIS_EXTENT - 10),
            ),
            fill=alt.condition(
                "datum.censored", alt.value("white"), alt.value(OPEN_CLOSED_COLORS["open"])
            ),
            tooltip=[
                alt.Tooltip("closed_model:N", title="Closed model"),
                alt.Tooltip("developer:N", title="Developer"),
                alt.Tooltip("release_date:T", title="Released", format="%d %b %Y"),
                alt.Tooltip("score:Q", title="Score", format=",.1f"),
                alt.Tooltip("matched_by:N", title="First open model at least as good"),
                alt.Tooltip("matched_date:T", title="Open release", format="%d %b %Y"),
                alt.Tooltip("months:Q", title="Months", format=",.1f"),
                alt.Tooltip("status:N", title="Status"),
            ],
        )
    )
    months_text = (
        alt.Chart(lag)
        .transform_filter(alt.datum.benchmark == pick)
        .transform_calculate(
            text="(datum.censored ? '≥' : '') + format(datum.months, '.0f') + ' mo'"
            " + (datum.censored ? ', none yet' : '')"
        )
        .mark_text(align="left", dx=4, fontSize=11)
        .encode(
            x="end:T",
            y=alt.Y("closed_model:N", sort=alt.EncodingSortField("release_date")),
            text="text:N",
        )
    )
    lower = (bars + months_text).properties(width=GAP_WIDTH, height=170)
    chart = alt.vconcat(top, lower).add_params(pick).resolve_scale(x="shared")
    # re-lay out after each benchmark switch, so labels of the new benchmark are not cut
    return chart.properties(autosize=alt.AutoSizeParams(type="pad", resize=True))


def censor_at_data_end(lags: pd.DataFrame, scored: pd.DataFrame, cutoff: object) -> pd.DataFrame:
    """The lag bars' ends: the open match's release, or for a closed model not matched
    yet, the benchmark's last scored release (never ``cutoff`` past its data).

    ``lags``: :func:`analysis.models.open_closed.catch_up_lags`; ``scored``: every
    scored model (``benchmark``, ``release_date``). Adds ``end`` (date),
    ``months`` (months to ``end``, 365.25 / 12 days), ``status`` and fills
    ``matched_by``. A benchmark with no scored model ends at ``cutoff``.
    """
    ends = scored.groupby("benchmark")["release_date"].max()
    lag = lags.copy()
    data_end = lag["benchmark"].map(ends).fillna(pd.Timestamp(cutoff))
    lag["end"] = lag["matched_date"].where(~lag["censored"], data_end)
    so_far = (data_end - lag["release_date"]).dt.days / DAYS_PER_MONTH
    lag["months"] = lag["lag_months"].where(~lag["censored"], so_far.clip(lower=0))
    lag["status"] = np.where(lag["censored"], "not matched by the data's end", "matched")
    lag["matched_by"] = lag["matched_by"].fillna("none yet")
    return lag


def price_comparison(
    comparison: pd.DataFrame, priced: pd.DataFrame, sources: pd.DataFrame | None = None
) -> alt.LayerChart:
    """Blended price (USD per million tokens, log) of the frontier closed model
    and of the cheapest open-weights model of similar quality, month by month,
    over every priced model (faint points).

    ``comparison`` is :func:`analysis.models.commoditization.frontier_vs_open_prices`
    output; ``priced`` has ``model``, ``provider``, ``effective_date``,
    ``blended``, ``open_weights`` (bool), ``score`` (may be NaN) and
    ``source_id``. With ``sources``, a price resting on an aggregator or blog is a
    hollow point, the others filled.
    """
    lines = pd.concat(
        [
            comparison.assign(
                series="Frontier closed model",
                model=comparison["closed_model"],
                provider=comparison["closed_provider"],
                score=comparison["closed_score"],
                price=comparison["closed_usd_per_mtok"],
            ),
            comparison.assign(
                series="Cheapest open model of similar score",
                model=comparison["open_model"],
                provider=comparison["open_provider"],
                score=comparison["open_score"],
                price=comparison["open_usd_per_mtok"],
            ),
        ],
        ignore_index=True,
    ).dropna(subset=["price"])
    lines = lines[["series", "month", "model", "provider", "score", "price", "price_ratio"]]
    series = ["Frontier closed model", "Cheapest open model of similar score"]
    color = alt.Color(
        "series:N",
        scale=alt.Scale(
            domain=series, range=[OPEN_CLOSED_COLORS["closed"], OPEN_CLOSED_COLORS["open"]]
        ),
        legend=alt.Legend(title=None, orient="top", labelLimit=320),
    )
    y = alt.Y(
        "price:Q", title="Blended price (USD per million tokens, log)", scale=alt.Scale(type="log")
    )
    x = alt.X(
        "month:T", title="Month (price in effect)", axis=alt.Axis(format="%Y", tickCount="year")
    )
    step = (
        alt.Chart(lines)
        .mark_line(interpolate="step-after", strokeWidth=3)
        .encode(x=x, y=y, color=color, detail="series:N")
    )
    hover = (
        alt.Chart(lines)
        .mark_point(size=40, filled=True, opacity=0.001)
        .encode(
            x=x,
            y=y,
            tooltip=[
                alt.Tooltip("series:N", title="Series"),
                alt.Tooltip("month:T", title="Month", format="%b %Y"),
                alt.Tooltip("model:N", title="Model"),
                alt.Tooltip("provider:N", title="Provider"),
                alt.Tooltip("score:Q", title="Score", format=",.1f"),
                alt.Tooltip("price:Q", title="USD per M tokens", format="$,.3f"),
                alt.Tooltip("price_ratio:Q", title="Closed / open (×)", format=",.1f"),
            ],
        )
    )
    dots = priced.assign(
        weights=np.where(priced["open_weights"], "Open weights", "Closed weights"),
        sourcing=sourcing(row_grades(priced, sources)) if sources is not None else FILLED,
    )
    background = (
        alt.Chart(dots)
        .mark_point(size=45, strokeWidth=1.2, opacity=0.55, filled=True, stroke=NEUTRAL)
        .encode(
            **hollow_weak(dots),
            x=alt.X("effective_date:T"),
            y=alt.Y("blended:Q"),
            shape=alt.Shape(
                "weights:N", legend=alt.Legend(title="Every priced model", orient="bottom")
            ),
            color=alt.value(NEUTRAL),
            tooltip=[
                alt.Tooltip("model:N", title="Model"),
                alt.Tooltip("provider:N", title="Provider"),
                alt.Tooltip("effective_date:T", title="Price from", format="%d %b %Y"),
                alt.Tooltip("blended:Q", title="USD per M tokens", format="$,.3f"),
                alt.Tooltip("score:Q", title="Score", format=",.1f"),
                alt.Tooltip("weights:N", title="Weights"),
                alt.Tooltip("source_id:N", title="Source"),
            ],
        )
    )
    ends = series_ends(lines, ["series"], date="month")
    end_marks = (
        alt.Chart(ends)
        .mark_text(align="right", dx=-4, dy=-8, fontSize=10)  # inside the plot: no overflow
        .encode(x=x, y=y, text="end_label:N", color=color)
    )
    return (background + step + hover + end_marks).properties(width=WIDTH, height=320)


def claim_marks(rows: Sequence[dict[str, object]]) -> pd.DataFrame:
    """A frame of essay/tracker marks for :func:`money_by_layer` from dicts."""
    return pd.DataFrame(list(rows), columns=["year", "share", "label", "basis", "source_id"])
