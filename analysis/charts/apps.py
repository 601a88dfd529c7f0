"""Charts of the "Apps" chapter: analysis outputs in, Altair charts out.

Size: over 400 lines because the margin and revenue charts share their bands and scales.

Pure factories (no data loading, no file I/O). Shares and margins are
fractions (drawn as percent), token prices USD per million tokens, revenue
USD millions. Apps use the apps-layer colour; the capability levels of the
price series use three colours outside the layer palette (sky blue, reddish
purple, black, from the same Okabe-Ito set), the same in every chart of the
chapter. Estimates are drawn lighter or dashed, reported figures filled or
solid; a figure resting on an aggregator or blog is hollow (:func:`theme.hollow_weak`).
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from analysis.apps.price_decline import capability_label as capability_label  # re-export
from analysis.charts.apps_labels import end_labels, log_domain
from analysis.charts.palette import BASIS_STROKE_DASH, LAYER_COLORS, NEUTRAL
from analysis.charts.theme import FILLED, hollow_weak, sourcing
from analysis.data.provenance import row_grades

APPS = LAYER_COLORS["apps"]
BAND_COLOR = "#E69F00"
"""Shading of the essay's 50-60 % gross-margin band (Okabe-Ito orange)."""


def shaded_band(lo: float, hi: float, axis: str = "y") -> alt.Chart:
    data = pd.DataFrame({"lo": [lo], "hi": [hi]})
    enc = {axis: alt.Y("lo:Q") if axis == "y" else alt.X("lo:Q"), f"{axis}2": "hi:Q"}
    return alt.Chart(data).mark_rect(color=BAND_COLOR, opacity=0.18).encode(**enc)


# --------------------------------------------------------------------------
# 1. the essay's arithmetic
# --------------------------------------------------------------------------


def essay_margin_chart(
    table: pd.DataFrame,
    inference_band: tuple[float, float],
    margin_band: tuple[float, float],
) -> alt.LayerChart:
    """Gross margin against inference share, one line per other-cost share.

    ``table`` is :func:`analysis.apps.unit_economics.margin_table` output
    (``inference_share, other_cost_share, gross_margin``). The essay's
    inference range is shaded vertically, its margin band horizontally; where
    the lines cross the overlap, both of the essay's figures hold.
    """
    data = table.assign(
        other_label=(table["other_cost_share"] * 100).round(0).astype(int).astype(str)
        + "% other costs"
    )
    x_max = float(table["inference_share"].max())
    x = alt.X(
        "inference_share:Q",
        title="Inference cost (share of revenue)",
        axis=alt.Axis(format="%"),
        scale=alt.Scale(domain=[0, x_max]),
    )
    y = alt.Y(
        "gross_margin:Q",
        title="Gross margin (share of revenue)",
        axis=alt.Axis(format="%"),
        scale=alt.Scale(domain=[0, 1]),
    )
    inf = pd.DataFrame({"lo": [inference_band[0]], "hi": [inference_band[1]]})
    inf_band = (
        alt.Chart(inf)
        .mark_rect(color=APPS, opacity=0.10)
        .encode(x=alt.X("lo:Q", scale=alt.Scale(domain=[0, x_max])), x2="hi:Q")
    )
    mar_band = shaded_band(*margin_band)
    labels = pd.DataFrame(
        {
            "x": [sum(inference_band) / 2, x_max],
            "y": [0.97, sum(margin_band) / 2],
            "text": [
                f"essay: inference {inference_band[0]:.0%}–{inference_band[1]:.0%}",
                f"essay: margin {margin_band[0]:.0%}–{margin_band[1]:.0%}",
            ],
        }
    )
    text_inf = (
        alt.Chart(labels.iloc[[0]])
        .mark_text(color=APPS, fontSize=11, align="center", baseline="top")
        .encode(x="x:Q", y="y:Q", text="text:N")
    )
    text_mar = (
        alt.Chart(labels.iloc[[1]])
        .mark_text(color="#8a5a00", fontSize=11, align="right", baseline="middle", dx=-4)
        .encode(x="x:Q", y="y:Q", text="text:N")
    )
    order = sorted(data["other_label"].unique(), key=lambda s: int(s.split("%")[0]))
    lines = (
        alt.Chart(data)
        .mark_line(strokeWidth=2)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "other_label:N",
                title="Other cost of revenue",
                sort=order,
                scale=alt.Scale(
                    domain=order, range=["#555555", "#000000", "#999999"][: len(order)]
                ),
            ),
            strokeDash=alt.StrokeDash(
                "other_label:N",
                sort=order,
                title="Other cost of revenue",
                scale=alt.Scale(domain=order, range=[[6, 3], [1, 0], [2, 2]][: len(order)]),
            ),
            tooltip=[
                alt.Tooltip("inference_share:Q", title="Inference share", format=".0%"),
                alt.Tooltip("other_cost_share:Q", title="Other costs", format=".0%"),
                alt.Tooltip("gross_margin:Q", title="Gross margin", format=".0%"),
            ],
        )
    )
    return alt.layer(inf_band, mar_band, lines, text_inf, text_mar).properties(
        width=560, height=300
    )


# --------------------------------------------------------------------------
# 2. the interactive margin model
# --------------------------------------------------------------------------


def margin_slider_chart(
    refs: pd.DataFrame,
    *,
    price_per_user_usd_month: float,
    mtok_per_user_month: float,
    other_cost_share: float,
    target_margin: float,
    margin_band: tuple[float, float],
    price_domain: tuple[float, float] = (0.01, 100.0),
    n_points: int = 161,
    capability_order: Sequence[str] | None = None,
    floor: float = -1.0,
    sources: pd.DataFrame | None = None,
) -> alt.VConcatChart:
    """Gross margin against the token price, driven by three sliders (no kernel).

    The margin is ``1 - tokens * token_price / price_per_user - other_share``
    computed in the browser from Vega-Lite params bound to range inputs:
    ``price_per_user`` (USD per user per month), ``mtok_per_user`` (millions
    of tokens per user per month, at one blended price) and
    ``other_cost_share`` (share of revenue). The y axis stops at ``floor``
    (a margin, default -100 %): the curve runs off the bottom edge, and a
    marked price whose margin is lower is drawn on the floor with a "▼" and its
    true margin written beside it, so the chart says what the readout says.

    ``refs`` marks real prices on the curve: ``label, capability, when,
    token_price`` (USD per million tokens), ``model``, ``source_id``. A
    readout under the chart lists the margin at each of them, and a marker
    shows the token price that gives ``target_margin`` (the inverse of the
    model: ``price * (1 - other - target) / tokens``). With ``sources``, a price
    resting on an aggregator or blog is a hollow marker, the others filled.
    """
    lo, hi = price_domain
    grid = pd.DataFrame({"token_price": np.geomspace(lo, hi, n_points)})
    p_price = alt.param(
        name="price_per_user",
        value=float(price_per_user_usd_month),
        bind=alt.binding_range(min=1, max=100, step=1, name="Price per user (USD/month) "),
    )
    p_tok = alt.param(
        name="mtok_per_user",
        value=float(mtok_per_user_month),
        bind=alt.binding_range(
            min=0.05, max=20, step=0.05, name="Tokens per user (million/month) "
        ),
    )
    p_other = alt.param(
        name="other_cost_share",
        value=float(other_cost_share),
        bind=alt.binding_range(
            min=0, max=0.6, step=0.01, name="Other cost of revenue (share of revenue) "
        ),
    )
    margin = "1 - mtok_per_user * datum.token_price / price_per_user - other_cost_share"
    x = alt.X(
        "token_price:Q",
        title="Blended token price (USD per million tokens, log scale)",
        scale=alt.Scale(type="log", domain=[lo, hi]),
        axis=alt.Axis(format="$,~g"),
    )
    y_scale = alt.Scale(domain=[floor, 1])
    y_title, y_axis = "Gross margin (share of revenue)", alt.Axis(format="%")
    y = alt.Y("margin_shown:Q", title=y_title, axis=y_axis, scale=y_scale)
    band = shaded_band(*margin_band)
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color=NEUTRAL).encode(y="y:Q")
    curve = (
        alt.Chart(grid)
        .transform_calculate(margin=margin)
        .mark_line(color=APPS, strokeWidth=2.5, clip=True)
        .encode(
            x=x,
            y=alt.Y("margin:Q", title=y_title, axis=y_axis, scale=y_scale),
            tooltip=[
                alt.Tooltip("token_price:Q", title="Token price (USD/M tokens)", format=",.3f"),
                alt.Tooltip("margin:Q", title="Gross margin", format=".1%"),
            ],
        )
    )
    order = list(capability_order or dict.fromkeys(refs["capability"]))
    refs = refs.assign(
        sourcing=sourcing(row_grades(refs, sources)) if sources is not None else FILLED
    )
    ref_color = alt.Color("capability:N", title="Cheapest model at", scale=capability_scale(order))
    points = (
        alt.Chart(refs)
        .transform_calculate(margin=margin)
        .transform_calculate(margin_shown=f"max(datum.margin, {floor})")
        .mark_point(size=90, strokeWidth=2, filled=True)
        .encode(
            x=x,
            y=y,
            color=ref_color,
            **hollow_weak(refs, ref_color),
            shape=alt.Shape(
                "when:N",
                title="Price in",
                scale=alt.Scale(range=["circle", "diamond"]),
                legend=alt.Legend(symbolStrokeColor=NEUTRAL, symbolStrokeWidth=2),
            ),
            opacity=alt.value(1),
            tooltip=[
                alt.Tooltip("label:N", title="Reference"),
                alt.Tooltip("model:N", title="Model"),
                alt.Tooltip("token_price:Q", title="Price (USD/M tokens)", format=",.3f"),
                alt.Tooltip("margin:Q", title="Gross margin", format=".1%"),
                alt.Tooltip("source_id:N", title="Source"),
            ],
        )
    )
    clipped = (
        alt.Chart(refs)
        .transform_calculate(margin=margin)
        .transform_filter(f"datum.margin < {floor}")
        .transform_calculate(clip_text="'▼ ' + format(datum.margin, '.0%')")
        .mark_text(align="left", dx=9, dy=-9, fontSize=11, fontWeight=600, color=NEUTRAL)
        .encode(
            x=x,
            y=alt.Y("floor:Q", scale=y_scale),
            text="clip_text:N",
        )
        .transform_calculate(floor=str(floor))
    )
    target = pd.DataFrame({"target": [float(target_margin)]})
    be = f"price_per_user * (1 - other_cost_share - {float(target_margin)}) / mtok_per_user"
    target_rule = (
        alt.Chart(target)
        .mark_rule(color=NEUTRAL, strokeDash=[4, 3])
        .encode(y=alt.Y("target:Q", scale=y_scale))
    )
    target_point = (
        alt.Chart(target)
        .transform_calculate(token_price=be)
        .transform_filter(f"datum.token_price >= {lo} && datum.token_price <= {hi}")
        .mark_point(shape="triangle-down", size=120, color=NEUTRAL, filled=True)
        .encode(
            x=x,
            y=alt.Y("target:Q", scale=y_scale),
            tooltip=[
                alt.Tooltip("token_price:Q", title="Price for target margin", format=",.3f"),
                alt.Tooltip("target:Q", title="Target margin", format=".0%"),
            ],
        )
    )
    main = alt.layer(band, zero, target_rule, curve, points, clipped, target_point).properties(
        width=520, height=320
    )
    when_order = list(dict.fromkeys(refs["when"]))
    readout = (
        alt.Chart(refs)
        .transform_calculate(margin=margin)
        .transform_calculate(
            margin_text="datum.margin < -9.995 ? '< −999%' : format(datum.margin, '.0%')"
        )
        .mark_text(fontSize=13, fontWeight=600, color=APPS)
        .encode(
            y=alt.Y(
                "capability:N",
                sort=order,
                title=None,
                axis=alt.Axis(domain=False, ticks=False, labelFontSize=12),
            ),
            x=alt.X(
                "when:N",
                sort=when_order,
                title="Margin with the cheapest model's price in the",
                axis=alt.Axis(
                    orient="top", domain=False, ticks=False, labelAngle=0, labelFontSize=12
                ),
            ),
            text=alt.Text("margin_text:N"),
            tooltip=[
                alt.Tooltip("label:N", title="Reference"),
                alt.Tooltip("model:N", title="Model"),
                alt.Tooltip("margin:Q", title="Gross margin", format=".1%"),
                alt.Tooltip("source_id:N", title="Source"),
            ],
        )
        .properties(width=330, height=26 * len(order), name="apps_margin_readout")
    )
    be_text = (
        alt.Chart(target)
        .transform_calculate(token_price=be)
        .transform_calculate(
            text=(
                f"'For a {target_margin:.0%} margin: ' + (datum.token_price > 0 ? "
                "'≤ $' + format(datum.token_price, ',.3~f') + ' per M tokens' : 'out of reach')"
            )
        )
        .mark_text(align="left", fontSize=12, color=NEUTRAL)
        .encode(x=alt.value(0), y=alt.value(8), text="text:N")
        .properties(width=330, height=16, name="apps_margin_breakeven")
    )
    side = alt.vconcat(readout, be_text, spacing=10)
    return alt.vconcat(main, side, spacing=18).add_params(p_price, p_tok, p_other)


# --------------------------------------------------------------------------
# 3. the decline of token prices
# --------------------------------------------------------------------------


# --------------------------------------------------------------------------
# 4. the margin projection
# --------------------------------------------------------------------------


# --------------------------------------------------------------------------
# 5. app revenues
# --------------------------------------------------------------------------


def revenue_chart(
    points: pd.DataFrame,
    reached: Sequence[str],
    threshold_usd_m: float,
    essay_date: str,
    sources: pd.DataFrame | None = None,
) -> alt.LayerChart:
    """Apps' run-rates and annual revenues over time (log scale), $100M line, essay date.

    ``points``: ``date, company, metric, value_usd_m, basis, source_id``
    (deduplicated). Companies in ``reached`` (those that reached the
    threshold) are drawn in the apps colour, the others grey; estimated
    figures lighter, reported ones filled, joined by dashed lines; with ``sources``,
    a figure resting on an aggregator or blog is hollow.
    """
    grades = (
        row_grades(points, sources)
        if sources is not None
        else pd.Series(None, index=points.index, dtype=object)
    )
    data = points.assign(
        sourcing=sourcing(grades, points["basis"] != "reported"),
        group=np.where(points["company"].isin(list(reached)), "reached", "not yet"),
        short=points["company"].str.extract(r"\((.+)\)$")[0].fillna(points["company"]),
        metric_label=points["metric"].map(
            {"annualized_run_rate": "run-rate", "annual_revenue": "annual revenue"}
        ),
    )
    x = alt.X(
        "date:T",
        title="Date of the revenue figure (year)",
        axis=alt.Axis(format="%Y", tickCount={"interval": "year", "step": 1}),
    )
    domain = log_domain(data["value_usd_m"])
    y_scale = alt.Scale(type="log", domain=list(domain))
    y = alt.Y(
        "value_usd_m:Q",
        title="Annualized or annual revenue (USD millions, log scale)",
        scale=y_scale,
        axis=alt.Axis(format="$,~g"),
    )
    group_scale = alt.Scale(domain=["reached", "not yet"], range=[APPS, "#9a9a9a"])
    color = alt.Color("group:N", title=f"Reached ${threshold_usd_m:,.0f}M", scale=group_scale)
    tooltip = [
        alt.Tooltip("company:N", title="Company"),
        alt.Tooltip("date:T", title="Date", format="%d %B %Y"),
        alt.Tooltip("value_usd_m:Q", title="USD millions", format=",.1f"),
        alt.Tooltip("metric_label:N", title="Metric"),
        alt.Tooltip("basis:N", title="Basis"),
        alt.Tooltip("source_id:N", title="Source"),
    ]
    lines = (
        alt.Chart(data)
        .mark_line(strokeWidth=1.5, strokeDash=BASIS_STROKE_DASH["estimated"])
        .encode(x=x, y=y, color=color, detail="company:N")
    )
    pts = (
        alt.Chart(data)
        .mark_point(size=55, strokeWidth=1.8, shape="circle", filled=True)
        .encode(x=x, y=y, color=color, **hollow_weak(data, color), tooltip=tooltip)
    )
    last = end_labels(data, width=WIDTH, height=HEIGHT, domain=domain)
    labels = (
        alt.Chart(last)
        .mark_text(align="left", dx=7, fontSize=11)
        .encode(
            x=x,
            y=alt.Y("label_y:Q", scale=y_scale),
            text="end_label:N",
            color=alt.Color("group:N", scale=group_scale, legend=None),
        )
    )
    moved = last[last["label_y"] != last["value_usd_m"]]
    leaders = (
        alt.Chart(moved)
        .mark_rule(strokeWidth=0.8, opacity=0.7)
        .encode(
            x=x,
            y=alt.Y("value_usd_m:Q", scale=y_scale),
            y2="label_y:Q",
            color=alt.Color("group:N", scale=group_scale, legend=None),
        )
    )
    thr = pd.DataFrame({"y": [threshold_usd_m], "text": [f"${threshold_usd_m:,.0f}M"]})
    rule = (
        alt.Chart(thr)
        .mark_rule(color=NEUTRAL, strokeDash=[4, 3])
        .encode(y=alt.Y("y:Q", scale=y_scale))
    )
    essay = pd.DataFrame({"date": [pd.Timestamp(essay_date)], "text": ["a16z essay"]})
    essay_rule = alt.Chart(essay).mark_rule(color=NEUTRAL).encode(x="date:T")
    essay_text = (
        alt.Chart(essay)
        .mark_text(align="left", baseline="top", dx=4, color=NEUTRAL, fontSize=11)
        .encode(x="date:T", y=alt.value(4), text="text:N")
    )
    return alt.layer(rule, essay_rule, essay_text, lines, pts, leaders, labels).properties(
        width=WIDTH, height=HEIGHT
    )


WIDTH, HEIGHT = 440, 340
"""Plot size of :func:`revenue_chart`, pixels (room on the right for the end labels)."""

CAPABILITY_COLORS = ("#56B4E9", "#CC79A7", "#000000")
"""Colours of the capability levels, lowest threshold first."""


def capability_scale(labels: Sequence[str]) -> alt.Scale:
    """Colour scale for capability levels, in the order given (lowest first)."""
    labels = list(labels)
    if len(labels) > len(CAPABILITY_COLORS):
        raise ValueError(f"at most {len(CAPABILITY_COLORS)} capability levels per chart")
    return alt.Scale(domain=labels, range=list(CAPABILITY_COLORS[: len(labels)]))
