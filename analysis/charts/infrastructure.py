"""Charts for the "Infrastructure" chapter: the value-flow model and the infrastructure data.

Pure factories: analysis outputs (DataFrames, dicts) in, Altair charts out.
Layer colours come from :mod:`analysis.charts.palette`; hardware vendors, the
fourth place a dollar can end in the value-flow model, are drawn in the
neutral grey. Shares are fractions (0-1); money in USD billions unless a
column says millions.
"""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd

from analysis.charts.palette import LAYER_COLORS, NEUTRAL
from analysis.infrastructure.value_flow import PARAM_LABELS

HOLDERS: tuple[str, ...] = ("apps", "models", "clouds", "hardware")
HOLDER_LABELS: dict[str, str] = {
    "apps": "Apps",
    "models": "Model providers",
    "clouds": "Clouds",
    "hardware": "Hardware vendors",
}
HOLDER_COLORS: dict[str, str] = {
    "apps": LAYER_COLORS["apps"],
    "models": LAYER_COLORS["models"],
    "clouds": LAYER_COLORS["infrastructure"],
    "hardware": NEUTRAL,
}
METRIC_LABELS: dict[str, str] = {
    **HOLDER_LABELS,
    "to_clouds": "Cloud receipts (clouds + hardware)",
}


def _holder_scale() -> alt.Scale:
    return alt.Scale(domain=list(HOLDERS), range=[HOLDER_COLORS[h] for h in HOLDERS])


def _holder_legend() -> alt.Legend:
    mapping = ",".join(f"'{k}':'{v}'" for k, v in HOLDER_LABELS.items())
    return alt.Legend(title="Ends with", labelExpr=f"{{{mapping}}}[datum.label]")


# ---------------------------------------------------------------- the flow with sliders

_STAGES = (
    "1. The app pays for inference",
    "2. Model providers pay clouds",
    "3. Clouds pay for hardware",
)
_RECEIPTS_ROW = "Clouds' receipts vs the essay"

_SEGMENTS: tuple[tuple[int, int, str, str, str], ...] = (
    # stage index, order in the bar, segment, holder, description
    (0, 0, "apps_keep", "apps", "kept by the app"),
    (0, 1, "to_models", "models", "paid to model providers"),
    (0, 2, "to_clouds_direct", "clouds", "paid to clouds directly"),
    (1, 0, "apps_keep", "apps", "kept by the app"),
    (1, 1, "models_keep", "models", "kept by model providers"),
    (1, 2, "cloud_receipts", "clouds", "received by clouds"),
    (2, 0, "apps_keep", "apps", "kept by the app"),
    (2, 1, "models_keep", "models", "kept by model providers"),
    (2, 2, "clouds_keep", "clouds", "kept by clouds"),
    (2, 3, "hardware", "hardware", "paid to hardware vendors"),
)

FLOW_PARAM_NAMES: tuple[str, ...] = (
    "app_inference_share",
    "via_model_share",
    "model_cloud_share",
    "cloud_hardware_share",
)

_VALUE_EXPR = (
    "datum.segment === 'apps_keep' ? 1 - app_inference_share"
    " : datum.segment === 'to_models' ? app_inference_share * via_model_share"
    " : datum.segment === 'to_clouds_direct' ? app_inference_share * (1 - via_model_share)"
    " : datum.segment === 'models_keep'"
    " ? app_inference_share * via_model_share * (1 - model_cloud_share)"
    " : datum.segment === 'cloud_receipts'"
    " ? app_inference_share * (1 - via_model_share + via_model_share * model_cloud_share)"
    " : datum.segment === 'clouds_keep'"
    " ? app_inference_share * (1 - via_model_share + via_model_share * model_cloud_share)"
    " * (1 - cloud_hardware_share)"
    " : app_inference_share * (1 - via_model_share + via_model_share * model_cloud_share)"
    " * cloud_hardware_share"
)
"""The chain of :mod:`analysis.infrastructure.value_flow` as a Vega expression over the
slider params."""


def flow_segments() -> pd.DataFrame:
    """The fixed skeleton of the flow diagram: one row per bar segment (no values)."""
    return pd.DataFrame(
        [
            {
                "stage": _STAGES[i],
                "order": order,
                "segment": seg,
                "holder": holder,
                "description": desc,
            }
            for i, order, seg, holder, desc in _SEGMENTS
        ]
    )


def flow_sliders(
    central: Mapping[str, float],
    essay_range: tuple[float, float] = (0.10, 0.20),
    step: float = 0.01,
) -> alt.LayerChart:
    """Where one end-user dollar ends up, recomputed in the browser from four sliders.

    ``central``: the starting value (fraction) of each parameter of
    :data:`analysis.infrastructure.value_flow.PARAMETERS`. Each bar is one step of the chain;
    segment lengths are computed by a Vega-Lite ``calculate`` transform from the
    bound params (the same formulas as :func:`analysis.infrastructure.value_flow.split_dollar`),
    so the sliders work in the static book. A last row compares the clouds'
    receipts with the essay's range (shaded).
    """
    missing = [p for p in FLOW_PARAM_NAMES if p not in central]
    if missing:
        raise ValueError(f"central is missing parameter(s) {missing}")
    params = [
        alt.param(
            name=p,
            value=float(central[p]),
            bind=alt.binding_range(min=0, max=1, step=step, name=PARAM_LABELS[p] + " "),
        )
        for p in FLOW_PARAM_NAMES
    ]
    rows = [*_STAGES, _RECEIPTS_ROW]
    y = alt.Y("stage:N", sort=rows, title=None, axis=alt.Axis(labelLimit=240, labelFontSize=12))
    x_axis = alt.Axis(format="%", title="Share of one end-user dollar")
    base = (
        alt.Chart(flow_segments())
        .transform_calculate(value=_VALUE_EXPR)
        .transform_stack(
            stack="value", groupby=["stage"], sort=[alt.SortField("order")], as_=["x0", "x1"]
        )
        .transform_calculate(mid="(datum.x0 + datum.x1) / 2")
    )
    bars = base.mark_bar(stroke="white", strokeWidth=1).encode(
        y=y,
        x=alt.X("x0:Q", axis=x_axis, scale=alt.Scale(domain=[0, 1])),
        x2="x1:Q",
        color=alt.Color("holder:N", scale=_holder_scale(), legend=_holder_legend()),
        tooltip=[
            alt.Tooltip("stage:N", title="Step"),
            alt.Tooltip("description:N", title="Part of the dollar"),
            alt.Tooltip("value:Q", title="Share of the dollar", format=".1%"),
        ],
    )
    labels = (
        base.transform_filter("datum.value >= 0.035")
        .mark_text(color="white", fontWeight=600, fontSize=12)
        .encode(y=y, x="mid:Q", text=alt.Text("value:Q", format=".0%"))
    )
    receipts = pd.DataFrame({"stage": [_RECEIPTS_ROW]})
    band = (
        alt.Chart(
            pd.DataFrame({"stage": [_RECEIPTS_ROW], "lo": [essay_range[0]], "hi": [essay_range[1]]})
        )
        .mark_rect(color="#cccccc", opacity=0.7)
        .encode(
            y=y,
            x="lo:Q",
            x2="hi:Q",
            tooltip=[
                alt.Tooltip("lo:Q", title="Essay's range from", format=".0%"),
                alt.Tooltip("hi:Q", title="to", format=".0%"),
            ],
        )
    )
    receipt_expr = (
        "app_inference_share * (1 - via_model_share + via_model_share * model_cloud_share)"
    )
    receipt_base = alt.Chart(receipts).transform_calculate(
        value=receipt_expr,
        holder="'clouds'",
        label="format(datum.value, '.0%') + ' to clouds and hardware'",
    )
    receipt_bar = receipt_base.mark_bar(height=12).encode(
        y=y,
        x=alt.X("value:Q"),
        x2=alt.datum(0),
        # the same legend as the bars' (one legend; "clouds" is in it already):
        # legend=None here would conflict with it (Vega-Lite warns in the console)
        color=alt.Color("holder:N", scale=_holder_scale(), legend=_holder_legend()),
        tooltip=[alt.Tooltip("value:Q", title="Clouds' receipts", format=".1%")],
    )
    receipt_text = receipt_base.mark_text(align="left", dx=6, fontSize=12).encode(
        y=y, x="value:Q", text="label:N"
    )
    essay_text = (
        alt.Chart(pd.DataFrame({"stage": [_RECEIPTS_ROW], "x": [essay_range[1]], "t": ["essay"]}))
        .mark_text(align="center", dy=-16, fontSize=10, color=NEUTRAL)
        .encode(y=y, x=alt.X("x:Q"), text="t:N")
    )
    return (
        alt.layer(band, bars, labels, receipt_bar, receipt_text, essay_text)
        .add_params(*params)
        .properties(width=430, height=230)
    )


# ---------------------------------------------------------------- Monte Carlo, tornado


def monte_carlo_intervals(
    summary: pd.DataFrame, essay_range: tuple[float, float]
) -> alt.LayerChart:
    """The 5th-95th percentile range and median of each layer's take (fractions of a dollar).

    ``summary`` is :attr:`analysis.infrastructure.flow_uncertainty.MonteCarloResult.summary`
    (index: metric; columns ``mean``, ``p5``, ``p50``, ``p95``). The essay's
    range for the clouds' receipts is shaded on that row.
    """
    data = summary.reset_index().rename(columns={"index": "metric"})
    data["label"] = data["metric"].map(METRIC_LABELS)
    data["holder"] = data["metric"].replace({"to_clouds": "clouds"})
    order = [METRIC_LABELS[m] for m in data["metric"]]
    y = alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=240))
    band = (
        alt.Chart(
            pd.DataFrame(
                {
                    "label": [METRIC_LABELS["to_clouds"]],
                    "lo": [essay_range[0]],
                    "hi": [essay_range[1]],
                }
            )
        )
        .mark_rect(color="#cccccc", opacity=0.7)
        .encode(
            y=y,
            x="lo:Q",
            x2="hi:Q",
            tooltip=[
                alt.Tooltip("lo:Q", title="Essay from", format=".0%"),
                alt.Tooltip("hi:Q", title="Essay to", format=".0%"),
            ],
        )
    )
    color = alt.Color("holder:N", scale=_holder_scale(), legend=None)
    tooltip = [
        alt.Tooltip("label:N", title="Ends with"),
        alt.Tooltip("p5:Q", title="5th percentile", format=".1%"),
        alt.Tooltip("p50:Q", title="Median", format=".1%"),
        alt.Tooltip("p95:Q", title="95th percentile", format=".1%"),
        alt.Tooltip("mean:Q", title="Mean", format=".1%"),
    ]
    base = alt.Chart(data)
    rule = base.mark_rule(strokeWidth=8, opacity=0.45).encode(
        y=y,
        x=alt.X(
            "p5:Q",
            title="Share of one end-user dollar",
            axis=alt.Axis(format="%"),
            scale=alt.Scale(domain=[0, 1]),
        ),
        x2="p95:Q",
        color=color,
        tooltip=tooltip,
    )
    point = base.mark_point(filled=True, size=90, shape="diamond").encode(
        y=y, x="p50:Q", color=color, tooltip=tooltip
    )
    text = (
        base.mark_text(align="left", dx=8, dy=-10, fontSize=11)
        .encode(
            y=y,
            x="p95:Q",
            text=alt.Text("range:N"),
        )
        .transform_calculate(range="format(datum.p5, '.0%') + '–' + format(datum.p95, '.0%')")
    )
    return alt.layer(band, rule, point, text).properties(width=420, height=44 * len(data))


def tornado_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """One-at-a-time sensitivity of the clouds' receipts (fractions of a dollar).

    ``frame`` is :func:`analysis.infrastructure.flow_uncertainty.tornado`'s output. Bars span the
    metric at each parameter's low and high value; essay-given ranges are
    solid, our own assumptions hollow; the rule marks the central split.
    """
    data = frame.copy()
    data["label"] = data["parameter"].map(PARAM_LABELS)
    data["lo_x"] = data[["metric_at_low", "metric_at_high"]].min(axis=1)
    data["hi_x"] = data[["metric_at_low", "metric_at_high"]].max(axis=1)
    data["range_text"] = [
        f"{lo:.0%}–{hi:.0%}" for lo, hi in zip(data["low"], data["high"], strict=True)
    ]
    data["origin_label"] = data["origin"].map(
        {"essay": "the essay's range", "ours": "our assumption"}
    )
    order = list(data["label"])
    y = alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=280))
    tooltip = [
        alt.Tooltip("label:N", title="Parameter"),
        alt.Tooltip("range_text:N", title="Varied over"),
        alt.Tooltip("origin_label:N", title="Range is"),
        alt.Tooltip("metric_at_low:Q", title="Receipts at low", format=".1%"),
        alt.Tooltip("metric_at_high:Q", title="Receipts at high", format=".1%"),
        alt.Tooltip("swing:Q", title="Swing", format=".1%"),
    ]
    infra = LAYER_COLORS["infrastructure"]
    bars = (
        alt.Chart(data)
        .mark_bar(height=22, stroke=infra, strokeWidth=2)
        .encode(
            y=y,
            x=alt.X(
                "lo_x:Q",
                title="Clouds' receipts, share of one end-user dollar",
                axis=alt.Axis(format="%"),
                scale=alt.Scale(zero=False, padding=10),
            ),
            x2="hi_x:Q",
            fill=alt.Fill(
                "origin_label:N",
                scale=alt.Scale(
                    domain=["the essay's range", "our assumption"], range=[infra, "white"]
                ),
                legend=alt.Legend(title="Range is"),
            ),
            tooltip=tooltip,
        )
    )
    tick = (
        alt.Chart(data)
        .mark_tick(thickness=2, size=26, color=infra)
        .encode(y=y, x="lo_x:Q", tooltip=tooltip)
    )
    central = (
        alt.Chart(data.head(1))
        .mark_rule(color=NEUTRAL, strokeDash=[4, 3])
        .encode(
            x="metric_at_central:Q",
            tooltip=[alt.Tooltip("metric_at_central:Q", title="Central split", format=".1%")],
        )
    )
    text = (
        alt.Chart(data)
        .mark_text(align="left", dx=6, fontSize=11)
        .encode(y=y, x="hi_x:Q", text="range_text:N")
    )
    return alt.layer(bars, tick, central, text).properties(width=360, height=56 * len(data))
