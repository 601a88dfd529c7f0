"""Charts of the "Models" chapter: analysis outputs in, Altair charts out.

Size: over 400 lines because the funding and concentration charts share the chapter's
colours, width and labels.

Pure factories (no data loading, no file I/O). Money is drawn in USD
billions (inputs in USD millions), shares and concentration indices as
fractions 0-1, benchmark scores in the benchmark's own points, prices in
USD per million tokens (blended). Layers use the book's layer colours,
open vs closed weights :data:`OPEN_CLOSED_COLORS`; estimates are lighter or
dashed, reported figures filled or solid, and a figure resting on an aggregator or
blog hollow.
"""

from __future__ import annotations

import json

import altair as alt
import numpy as np
import pandas as pd

from analysis.charts import layer_color_scale
from analysis.charts.palette import LAYER_COLORS, LAYER_LABELS, NEUTRAL, OPEN_CLOSED_COLORS

SOME_COLOR = "#56B4E9"
"""Companies releasing some open weights but not their best models (sky blue)."""
WEIGHTS_LABELS = {"closed": "Closed weights", "some": "Some open weights", "open": "Open weights"}
WEIGHTS_COLORS = {
    "Closed weights": OPEN_CLOSED_COLORS["closed"],
    "Some open weights": SOME_COLOR,
    "Open weights": OPEN_CLOSED_COLORS["open"],
}
METRIC_LABELS: dict[str, str] = {
    "top1_share": "Share of the largest company",
    "top3_share": "Share of the three largest",
    "hhi": "Herfindahl-Hirschman index (0-1)",
    "gini": "Gini coefficient (0-1)",
}
"""The concentration metrics the selector offers, with reader-facing names."""
METRIC_AXES: dict[str, str] = {
    "top1_share": "Largest company's share of funding (%)",
    "top3_share": "Three largest companies' share of funding (%)",
    "hhi": "Herfindahl-Hirschman index (0 to 1 = one company)",
    "gini": "Gini coefficient (0 = equal, 1 = one company)",
}
"""The y-axis title of each metric: what it measures, in its unit."""
PERCENT_METRICS: tuple[str, ...] = ("top1_share", "top3_share")
"""Metrics that are shares, labelled in percent on the axis (the indices stay 0-1)."""
COMPANY_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#999999")
"""Categorical colours for companies (Okabe-Ito; grey for "Others")."""
WIDTH = 560


def year_label(year_end: pd.Timestamp, as_of: pd.Timestamp) -> str:
    """'2024', or '2026 (to date)' for a year end after ``as_of``."""
    return f"{year_end.year} (to date)" if year_end > as_of else str(year_end.year)


# ---------------------------------------------------------------------------
# 1. where the money went
# ---------------------------------------------------------------------------


def money_by_layer(
    by_layer: pd.DataFrame,
    by_company: pd.DataFrame,
    marks: pd.DataFrame,
    *,
    as_of: object,
    top_n: int = 5,
) -> alt.HConcatChart:
    """Left: each layer's share of cumulative funding at each year end, with the
    essays' and trackers' model-layer shares as marks. Right: model-layer
    cumulative funding by company (the ``top_n`` largest at the last year end,
    the rest as "Others"), USD billions.

    ``by_layer`` / ``by_company`` are :func:`analysis.models.concentration.cumulative_funding`
    outputs (``by="layer"``; ``by="company", layer="models"``). ``marks`` has
    ``year``, ``share`` (0-1), ``label``, ``basis`` (``reported`` | ``estimated``)
    and ``source_id``.
    """
    cutoff = pd.Timestamp(as_of)
    layers = by_layer.assign(
        year=by_layer["year_end"].map(lambda d: year_label(d, cutoff)),
        layer_label=by_layer["layer"].map(LAYER_LABELS),
        usd_bn=by_layer["cumulative_usd_m"] / 1000,
        order=by_layer["layer"].map({"models": 0, "infrastructure": 1, "apps": 2}),
    )
    years = list(dict.fromkeys(layers.sort_values("year_end")["year"]))
    left_bars = (
        alt.Chart(layers)
        .mark_bar()
        .encode(
            x=alt.X("year:O", sort=years, title="Year end", axis=alt.Axis(labelAngle=-45)),
            y=alt.Y(
                "share:Q",
                stack="normalize",
                title="Share of cumulative funding",
                axis=alt.Axis(format="%"),
            ),
            color=alt.Color(
                "layer:N",
                scale=layer_color_scale(["models", "infrastructure", "apps"]),
                legend=alt.Legend(
                    title="Layer",
                    labelExpr="{'apps':'Apps','models':'Models','infrastructure':'Infrastructure'}"
                    "[datum.label]",
                ),
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("year:O", title="Year end"),
                alt.Tooltip("layer_label:N", title="Layer"),
                alt.Tooltip("usd_bn:Q", title="Cumulative, USD bn", format=",.1f"),
                alt.Tooltip("share:Q", title="Share", format=".1%"),
            ],
        )
    )
    mark_data = marks.assign(year=marks["year"].astype(str))
    left_marks = (
        alt.Chart(mark_data)
        .mark_point(size=110, strokeWidth=2, color="#000000")
        .encode(
            x=alt.X("year:O", sort=years),
            xOffset=alt.XOffset("label:N"),
            y=alt.Y("share:Q"),
            shape=alt.Shape(
                "label:N",
                title="Model-layer share, as stated",
                legend=alt.Legend(
                    orient="bottom", direction="vertical", labelLimit=320, titleLimit=320
                ),
            ),
            fill=alt.condition(
                "datum.basis === 'reported'", alt.value("#000000"), alt.value("white")
            ),
            tooltip=[
                alt.Tooltip("label:N", title="Figure"),
                alt.Tooltip("share:Q", title="Model-layer share", format=".0%"),
                alt.Tooltip("basis:N", title="Basis"),
                alt.Tooltip("source_id:N", title="Source"),
            ],
        )
    )
    left = (left_bars + left_marks).properties(
        width=260, height=300, title="Share by layer (our rounds)"
    )

    last = by_company["year_end"].max()
    leaders = list(
        by_company[by_company["year_end"] == last]
        .sort_values("cumulative_usd_m", ascending=False)["company"]
        .head(top_n)
    )
    comp = by_company.assign(
        company=np.where(by_company["company"].isin(leaders), by_company["company"], "Others")
    )
    comp = comp.groupby(["year_end", "company"], as_index=False)["cumulative_usd_m"].sum()
    comp["year"] = comp["year_end"].map(lambda d: year_label(d, cutoff))
    comp["usd_bn"] = comp["cumulative_usd_m"] / 1000
    domain = [*leaders, "Others"]
    right = (
        alt.Chart(comp)
        .mark_bar()
        .encode(
            x=alt.X("year:O", sort=years, title="Year end", axis=alt.Axis(labelAngle=-45)),
            y=alt.Y("usd_bn:Q", title="Cumulative model-layer funding (USD bn)"),
            color=alt.Color(
                "company:N",
                scale=alt.Scale(domain=domain, range=list(COMPANY_COLORS[: len(domain)])),
                legend=alt.Legend(title="Company", orient="bottom", columns=3),
            ),
            order=alt.Order("usd_bn:Q", sort="descending"),
            tooltip=[
                alt.Tooltip("year:O", title="Year end"),
                alt.Tooltip("company:N", title="Company"),
                alt.Tooltip("usd_bn:Q", title="Cumulative, USD bn", format=",.2f"),
            ],
        )
        .properties(width=260, height=300, title="Model layer by company")
    )
    return alt.hconcat(left, right).resolve_scale(color="independent", shape="independent")


# ---------------------------------------------------------------------------
# 2. concentration, with a metric selector
# ---------------------------------------------------------------------------


def concentration_selector(
    metrics: pd.DataFrame, *, as_of: object, default: str = "top1_share"
) -> alt.LayerChart:
    """Concentration of cumulative funding at each year end, metric chosen by a dropdown.

    ``metrics`` is :func:`analysis.models.concentration.concentration_metrics` output
    for several scopes stacked, with columns ``scope`` (label), ``year_end``,
    ``metric``, ``value`` and optionally ``leader``, ``n_companies``,
    ``total_usd_m`` (repeated per row, for the tooltip). Only the metrics in
    :data:`METRIC_LABELS` are offered (all in 0-1).
    """
    cutoff = pd.Timestamp(as_of)
    data = metrics[metrics["metric"].isin(list(METRIC_LABELS))].copy()
    data["metric_label"] = data["metric"].map(METRIC_LABELS)
    data["year"] = data["year_end"].map(lambda d: year_label(d, cutoff))
    data["total_usd_bn"] = data.get("total_usd_m", np.nan) / 1000
    years = list(dict.fromkeys(data.sort_values("year_end")["year"]))
    options = list(METRIC_LABELS)
    metric = alt.param(
        name="models_metric",
        value=default,
        bind=alt.binding_select(
            options=options, labels=[METRIC_LABELS[m] for m in options], name="Metric: "
        ),
    )
    scopes = list(dict.fromkeys(data["scope"]))
    colors = [LAYER_COLORS["models"] if "odel" in s else NEUTRAL for s in scopes]
    base = (
        alt.Chart(data)
        .transform_filter(alt.datum.metric == metric)
        .encode(
            x=alt.X("year:O", sort=years, title="Year end", axis=alt.Axis(labelAngle=0)),
            y=alt.Y(
                "value:Q",
                title=None,  # drawn by the axis-title layer below, one per metric
                scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(labelExpr=_metric_label_expr(metric.name)),
            ),
            color=alt.Color(
                "scope:N",
                scale=alt.Scale(domain=scopes, range=colors),
                legend=alt.Legend(title="Companies counted"),
            ),
        )
    )
    tooltip = [
        alt.Tooltip("scope:N", title="Companies counted"),
        alt.Tooltip("year:N", title="Year end"),
        alt.Tooltip("metric_label:N", title="Metric"),
        alt.Tooltip("value:Q", title="Value", format=".3f"),
        alt.Tooltip("leader:N", title="Largest company"),
        alt.Tooltip("n_companies:Q", title="Funded companies"),
        alt.Tooltip("total_usd_bn:Q", title="Total raised, USD bn", format=",.1f"),
    ]
    lines = base.mark_line(strokeWidth=2.5)
    points = base.mark_point(size=70, filled=True).encode(tooltip=tooltip)
    axis_title = metric_axis_title(metric.name, height=300)
    return (lines + points + axis_title).add_params(metric).properties(width=WIDTH, height=300)


def _metric_label_expr(param: str) -> str:
    """Vega expression: a tick label in percent for a share metric, else to two decimals."""
    shares = " || ".join(f"{param} === '{m}'" for m in PERCENT_METRICS)
    return f"({shares}) ? format(datum.value, '.0%') : format(datum.value, '.2f')"


def metric_axis_title(param: str, *, height: int) -> alt.Chart:
    """The y-axis title of the metric chosen by ``param``, as a rotated text layer.

    Vega-Lite's axis title cannot follow a parameter, so the title is a text
    mark left of the axis whose text is :data:`METRIC_AXES` of the chosen metric.
    """
    cases = " : ".join(
        f"{param} === {json.dumps(m)} ? {json.dumps(t)}" for m, t in METRIC_AXES.items()
    )
    return (
        alt.Chart(pd.DataFrame({"anchor": [0]}))
        .transform_calculate(axis_title=f"{cases} : ''")
        .mark_text(angle=270, fontSize=11, fontWeight="bold", align="center", baseline="bottom")
        .encode(x=alt.value(-38), y=alt.value(height / 2), text="axis_title:N")
    )


# ---------------------------------------------------------------------------
# 3. Lorenz curves, year on a slider
# ---------------------------------------------------------------------------


def lorenz_points_named(cumulative: pd.DataFrame) -> pd.DataFrame:
    """Lorenz points per year end with the company each step adds.

    ``cumulative`` is :func:`analysis.models.concentration.cumulative_funding` output
    (``by="company"``). Companies are sorted smallest first; point ``k``
    (1..n) adds the k-th company. Columns ``year``, ``point``, ``company``,
    ``amount_usd_m``, ``company_share``, ``funding_share`` (0-1).
    """
    frames = []
    for year_end, group in cumulative.groupby("year_end", sort=True):
        g = group.sort_values(["cumulative_usd_m", "company"]).reset_index(drop=True)
        n, total = len(g), g["cumulative_usd_m"].sum()
        start = pd.DataFrame({"point": [0], "company": [""], "amount_usd_m": [0.0]}).assign(
            company_share=0.0, funding_share=0.0
        )
        steps = pd.DataFrame(
            {
                "point": np.arange(1, n + 1),
                "company": g["company"],
                "amount_usd_m": g["cumulative_usd_m"],
                "company_share": np.arange(1, n + 1) / n,
                "funding_share": g["cumulative_usd_m"].cumsum() / total,
            }
        )
        frames.append(pd.concat([start, steps]).assign(year=int(year_end.year)))
    return pd.concat(frames, ignore_index=True)


def lorenz_slider(
    points: pd.DataFrame, gini: pd.DataFrame, through: object = None
) -> alt.LayerChart:
    """Lorenz curve of model-layer funding for the year chosen on a slider.

    ``points`` from :func:`lorenz_points_named`; ``gini`` has ``year`` and
    ``gini`` (0-1). The chosen year is drawn in the models colour with its
    Gini coefficient; the other years stay faint for comparison; the diagonal
    is perfect equality. ``through``: the date of the last round in the data;
    a year it falls in is labelled "through <date>", never "at end of" a year
    not yet over.
    """
    gini = gini.assign(when=["at end of " + str(y) for y in gini["year"]])
    if through is not None:
        last = pd.Timestamp(through)
        gini.loc[gini["year"] == last.year, "when"] = f"through {last.date().isoformat()}"
    years = sorted(points["year"].unique())
    year = alt.param(
        name="models_lorenz_year",
        value=int(years[-1]),
        bind=alt.binding_range(min=int(years[0]), max=int(years[-1]), step=1, name="Year end: "),
    )
    x = alt.X(
        "company_share:Q",
        title="Share of funded companies (smallest first)",
        axis=alt.Axis(format="%"),
        scale=alt.Scale(domain=[0, 1]),
    )
    y = alt.Y(
        "funding_share:Q",
        title="Share of cumulative funding",
        axis=alt.Axis(format="%"),
        scale=alt.Scale(domain=[0, 1]),
    )
    diagonal = (
        alt.Chart(pd.DataFrame({"company_share": [0, 1], "funding_share": [0, 1]}))
        .mark_line(color=NEUTRAL, strokeDash=[4, 4])
        .encode(x=x, y=y)
    )
    others = (
        alt.Chart(points)
        .transform_filter(alt.datum.year != year)
        .mark_line(color="#cccccc", strokeWidth=1)
        .encode(x=x, y=y, detail="year:O", order="point:Q")
    )
    chosen = alt.Chart(points).transform_filter(alt.datum.year == year)
    line = chosen.mark_line(color=LAYER_COLORS["models"], strokeWidth=3).encode(
        x=x, y=y, order="point:Q"
    )
    dots = chosen.mark_point(color=LAYER_COLORS["models"], filled=True, size=60).encode(
        x=x,
        y=y,
        tooltip=[
            alt.Tooltip("year:O", title="Year end"),
            alt.Tooltip("company:N", title="Company added"),
            alt.Tooltip("amount_usd_m:Q", title="Its funding, USD m", format=",.0f"),
            alt.Tooltip("company_share:Q", title="Companies so far", format=".0%"),
            alt.Tooltip("funding_share:Q", title="Funding so far", format=".1%"),
        ],
    )
    label = (
        alt.Chart(gini)
        .transform_filter(alt.datum.year == year)
        .transform_calculate(text="'Gini ' + format(datum.gini, '.2f') + ' ' + datum.when")
        .mark_text(align="left", fontSize=14, fontWeight="bold", color=LAYER_COLORS["models"])
        .encode(x=alt.value(12), y=alt.value(16), text="text:N")
    )
    return (
        (diagonal + others + line + dots + label).add_params(year).properties(width=420, height=360)
    )


# ---------------------------------------------------------------------------
# 4. open vs closed weights
# ---------------------------------------------------------------------------


def open_closed_funding(shares: pd.DataFrame, *, as_of: object) -> alt.Chart:
    """Share of cumulative model-layer funding by weights policy, per year end.

    ``shares`` is :func:`analysis.models.concentration.open_weights_funding_share`
    output with ``some_as="separate"`` (classes open, some, closed).
    """
    cutoff = pd.Timestamp(as_of)
    data = shares.assign(
        year=shares["year_end"].map(lambda d: year_label(d, cutoff)),
        weights_label=shares["weights"].map(WEIGHTS_LABELS),
        usd_bn=shares["cumulative_usd_m"] / 1000,
        order=shares["weights"].map({"closed": 0, "some": 1, "open": 2}),
    )
    years = list(dict.fromkeys(data.sort_values("year_end")["year"]))
    domain = list(WEIGHTS_COLORS)
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("year:O", sort=years, title="Year end", axis=alt.Axis(labelAngle=0)),
            y=alt.Y(
                "share:Q",
                stack="normalize",
                title="Share of model-layer funding to date",
                axis=alt.Axis(format="%"),
            ),
            color=alt.Color(
                "weights_label:N",
                scale=alt.Scale(domain=domain, range=[WEIGHTS_COLORS[d] for d in domain]),
                legend=alt.Legend(title="Company releases"),
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("year:O", title="Year end"),
                alt.Tooltip("weights_label:N", title="Company releases"),
                alt.Tooltip("usd_bn:Q", title="Cumulative, USD bn", format=",.2f"),
                alt.Tooltip("share:Q", title="Share", format=".1%"),
            ],
        )
        .properties(width=WIDTH, height=280)
    )
