"""Charts of the "Who keeps the money" chapter: the capex–revenue gap and the lab race.

Pure factories: analysis outputs in, Altair charts out. The gap chart
recomputes Sequoia's chain in the browser from two sliders (the data-centre
and end-user multipliers) and a menu (depreciation life), so it works in the
static book with no kernel. The race chart draws every stored run-rate with
its accounting basis: gross figures hollow, net figures as filled squares.
Money in USD billions.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from analysis import formatting
from analysis.charts.palette import LAYER_COLORS, NEUTRAL

GAP_PARAMS = ("gap_dc_multiplier", "gap_margin_multiplier", "gap_life")
REQUIRED = "Revenue required (Sequoia chain)"
TRACED = "Traced AI revenue: labs, apps and Microsoft AI run-rate"
TRACED_NARROW = "Traced AI revenue: labs and apps only"
GAP_SERIES = (REQUIRED, TRACED, TRACED_NARROW)
LIFE_LABELS = {1: "1 year (Sequoia: quarter x 4)", 3: "3 years", 5: "5 years", 6: "6 years"}


def gap_frame(base: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """Long data for :func:`gap_chart`: the required-revenue base per life, and the traces.

    ``base``: :func:`analysis.infrastructure.capex_gap.depreciation_base`;
    ``table``: :func:`analysis.infrastructure.capex_gap.gap_table`. Traced
    rows stop where the trace has no figure (nothing is carried forward).
    Columns: ``series, period_end, life_years, gpu_base_usd_bn, value_usd_bn,
    complete, window`` (``value_usd_bn`` is empty on required rows: the chart
    computes it from the sliders) plus ``traced_usd_bn`` on every row.
    """
    traced = table.set_index("period_end")["traced_labs_apps_clouds_usd_bn"]
    req = base.assign(series=REQUIRED, value_usd_bn=np.nan)
    req["window"] = [
        "one quarter" if n == 1 else f"{i} of {n} quarters" + ("" if c else " (lower bound)")
        for i, n, c in zip(req["in_window"], req["needed"], req["complete"], strict=True)
    ]
    req["traced_usd_bn"] = req["period_end"].map(traced)
    req["is_last"] = req["period_end"] == req["period_end"].max()
    parts = [req]
    for series, col in (
        (TRACED, "traced_labs_apps_clouds_usd_bn"),
        (TRACED_NARROW, "traced_labs_apps_usd_bn"),
    ):
        t = table[table[col].notna() & (table[col] > 0)]
        parts.append(
            pd.DataFrame(
                {
                    "series": series,
                    "period_end": t["period_end"],
                    "life_years": 0,
                    "gpu_base_usd_bn": np.nan,
                    "value_usd_bn": t[col],
                    "complete": True,
                    "window": "",
                    "traced_usd_bn": t[col],
                    "is_last": False,
                }
            )
        )
    out = pd.concat(parts, ignore_index=True)
    out["period_end"] = pd.to_datetime(out["period_end"]).dt.strftime("%Y-%m-%d")
    return out[
        ["series", "period_end", "life_years", "gpu_base_usd_bn", "value_usd_bn", "complete"]
        + ["window", "traced_usd_bn", "is_last"]
    ]


def bain_frame(bain: dict[str, object], last_quarter: str) -> pd.DataFrame:
    """Bain's 2030 need as a dashed level from its publication date to the last quarter
    drawn, with its label (USD billions a year). ``bain``:
    :func:`analysis.infrastructure.capex_gap.bain_2030`."""
    need = float(bain["revenue_needed_usd_bn"])
    published = pd.Timestamp(bain["date"])
    return pd.DataFrame(
        {
            "start": [published.strftime("%Y-%m-%d")],
            "end": [max(pd.Timestamp(last_quarter), published).strftime("%Y-%m-%d")],
            "value": [need],
            "label": [
                f"Bain ({published:%b %Y}): {formatting.money_usd_bn(need)} a year needed "
                f"by {bain['target_year']}"
            ],
        }
    )


def gap_chart(
    frame: pd.DataFrame,
    published: pd.DataFrame,
    dc_multiplier: float = 2.0,
    margin_multiplier: float = 2.0,
    life: int = 1,
    bain: dict[str, object] | None = None,
) -> alt.LayerChart:
    """Required revenue (from the sliders) against traced AI revenue, quarter by quarter.

    ``frame``: :func:`gap_frame`; ``published``: Sequoia's own results
    (``date``, ``published_usd_bn``) drawn as black diamonds that do not move.
    A required point whose depreciation window reaches before the data is
    hollow (a lower bound). The last quarter is labelled with its gap.
    ``bain``: Bain's 2025 estimate of the revenue needed by 2030
    (:func:`analysis.infrastructure.capex_gap.bain_2030`), drawn as a dashed
    level beside the gap, from the date Bain published it.
    """
    dc = alt.param(
        name=GAP_PARAMS[0],
        value=float(dc_multiplier),
        bind=alt.binding_range(min=1, max=3, step=0.1, name="Data-centre multiplier (x GPUs) "),
    )
    margin = alt.param(
        name=GAP_PARAMS[1],
        value=float(margin_multiplier),
        bind=alt.binding_range(min=1, max=4, step=0.1, name="End user's margin multiplier "),
    )
    lives = sorted(int(v) for v in set(frame["life_years"]) if v > 0)
    life_p = alt.param(
        name=GAP_PARAMS[2],
        value=int(life),
        bind=alt.binding_select(
            options=lives,
            labels=[LIFE_LABELS.get(v, f"{v} years") for v in lives],
            name="Depreciation life ",
        ),
    )
    keep = f"datum.series !== '{REQUIRED}' || datum.life_years == {GAP_PARAMS[2]}"
    value = (
        f"datum.series === '{REQUIRED}' ? datum.gpu_base_usd_bn * {GAP_PARAMS[0]} * "
        f"{GAP_PARAMS[1]} : datum.value_usd_bn"
    )
    scale = alt.Scale(
        domain=list(GAP_SERIES), range=[NEUTRAL, LAYER_COLORS["apps"], LAYER_COLORS["models"]]
    )
    color = alt.Color(
        "series:N",
        scale=scale,
        legend=alt.Legend(title=None, orient="top", direction="vertical", labelLimit=400),
    )
    x = alt.X("period_end:T", title="End of NVIDIA fiscal quarter")
    y = alt.Y("value:Q", title="Revenue (USD billions a year)")
    base = alt.Chart(frame).transform_filter(keep).transform_calculate(value=value)
    tips = [
        alt.Tooltip("series:N", title="Series"),
        alt.Tooltip("period_end:T", title="Quarter ended"),
        alt.Tooltip("value:Q", title="USD bn a year", format=",.1f"),
        alt.Tooltip("window:N", title="Depreciation window in the data"),
    ]
    lines = base.mark_line(strokeWidth=2).encode(x=x, y=y, color=color)
    # hollow where the window reaches before the data: two layers that always hold rows
    # (opacity hides the other kind), so no layer is ever empty and one legend serves all
    points = [
        base.mark_point(size=45, strokeWidth=1.5, filled=filled).encode(
            x=x,
            y=y,
            color=color,
            opacity=alt.condition(test, alt.value(1), alt.value(0)),
            tooltip=tips,
        )
        for filled, test in ((True, "datum.complete"), (False, "!datum.complete"))
    ]
    label = (
        base.transform_filter("datum.is_last")
        .transform_calculate(
            gap="'gap ' + format(datum.value - datum.traced_usd_bn, '$,.0f') + 'B'"
        )
        .mark_text(align="right", dx=-8, dy=-10, fontWeight=600, color=NEUTRAL)
        .encode(x=x, y=y, text="gap:N")
    )
    pub = published[["date", "published_usd_bn"]].copy()
    pub["date"] = pd.to_datetime(pub["date"]).dt.strftime("%Y-%m-%d")
    diamonds = (
        alt.Chart(pub)
        .mark_point(shape="diamond", size=110, filled=True, color="black")
        .encode(
            x=alt.X("date:T"),
            y=alt.Y("published_usd_bn:Q"),
            tooltip=[
                alt.Tooltip("date:T", title="Sequoia, published"),
                alt.Tooltip("published_usd_bn:Q", title="Revenue required, USD bn", format=",.0f"),
            ],
        )
    )
    extra = []
    if bain is not None:
        b = bain_frame(bain, str(frame["period_end"].max()))
        tip = [
            alt.Tooltip("label:N", title="Estimate"),
            alt.Tooltip("value:Q", title="USD bn a year", format=",.0f"),
        ]
        level = alt.Chart(b).mark_rule(strokeDash=[6, 4], strokeWidth=1.5, color="black")
        extra.append(level.encode(x=alt.X("start:T"), x2="end:T", y="value:Q", tooltip=tip))
        text = alt.Chart(b).mark_text(align="right", dy=-8, fontSize=11, color="black")
        extra.append(text.encode(x=alt.X("end:T"), y="value:Q", text="label:N"))
    layers = alt.layer(lines, *points, label, diamonds, *extra)
    return layers.add_params(dc, margin, life_p).properties(width=520, height=340)


def gap_note(frame: pd.DataFrame, published: pd.DataFrame, bain: dict[str, object]) -> str:
    """Where each series of the gap chart ends ("Data through ..."), from :func:`gap_frame`,
    Sequoia's published results and Bain's estimate."""
    names = {
        REQUIRED: "revenue required, NVIDIA quarter to",
        TRACED: "traced revenue with Microsoft's AI run-rate, to",
        TRACED_NARROW: "labs and apps only, to",
    }
    ends = []
    for series in GAP_SERIES:
        got = frame.loc[frame["series"] == series, "period_end"]
        if len(got):
            ends.append(f"{names[series]} {formatting.date(got.max())}")
    seq = " and ".join(f"{pd.Timestamp(d):%b %Y}" for d in published["date"])
    ends.append(f"Sequoia's results {seq}; Bain's estimate {pd.Timestamp(bain['date']):%b %Y}")
    return "Data through: " + "; ".join(ends) + "."


def gap_alt(latest: dict[str, object], bain: dict[str, object]) -> str:
    """The gap chart's text alternative, its comparison computed like its title."""
    covered = float(latest["covered_share"])
    where = "far above" if covered < 0.5 else "above" if covered < 1 else "below"
    return (
        "By NVIDIA quarter: the revenue Sequoia's chain requires (grey, from the sliders and "
        f"menu) {where} the AI revenue the data trace (orange, blue). A dashed level marks "
        f"Bain's {formatting.money_usd_bn(float(bain['revenue_needed_usd_bn']))} a year "
        f"needed by {bain['target_year']}."
    )


def gap_title(latest: dict[str, object]) -> str:
    """The gap chart's finding, from :func:`analysis.infrastructure.capex_gap.latest_gap`."""
    return (
        f"Traced AI revenue covers {formatting.pct(float(latest['covered_share']))} of the "
        f"{formatting.money_usd_bn(float(latest['required_usd_bn']))} a year NVIDIA's "
        "sales call for"
    )


RACE_SHAPES = {"gross": "circle", "net": "square", "not_stated": "circle"}
ACCOUNTING_LABELS = {
    "gross": "gross of partners' share (hollow)",
    "net": "net of partners' share (square)",
    "not_stated": "basis not stated",
}


def race_frame(points: pd.DataFrame, series: pd.DataFrame) -> pd.DataFrame:
    """Long data for :func:`race_chart`: every point, the line per company, the end labels.

    ``points``: :func:`analysis.infrastructure.lab_race.race_points` (every
    stored row); ``series``: one row per (company, date), the book's
    preferred figure (the same frame deduped with
    :func:`analysis.data.provenance.pick_preferred`). The line runs through
    the headline figures (net-basis ones are drawn as points beside it, not
    joined, so a change of basis never reads as a fall). Each line ends at
    its company's last point; ``end_label`` is set on that point only.
    """
    p = points.copy()
    p["kind"] = "point"
    p["accounting_label"] = p["accounting"].map(ACCOUNTING_LABELS)
    line = series[series["accounting"] != "net"].sort_values(["company", "date"]).copy()
    line["kind"] = "line"
    last = line.groupby("company")["date"].transform("max")
    line["end_label"] = np.where(
        line["date"] == last,
        line["company"] + ": data through " + line["date"].dt.strftime("%b %Y"),
        "",
    )
    out = pd.concat([p, line], ignore_index=True)
    out["date"] = pd.to_datetime(out["date"]).dt.strftime("%Y-%m-%d")
    out["end_label"] = out["end_label"].fillna("")
    cols = ["kind", "date", "company", "group", "value_usd_bn", "accounting"]
    cols += ["accounting_label", "basis", "grade", "source_id", "end_label"]
    return out[cols]


RACE_COLORS = {"OpenAI": "#000000", "Anthropic": "#CC79A7", "other labs": LAYER_COLORS["models"]}


def race_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Run-rates by lab over time: lines through the preferred figures, every point shown.

    Gross-basis points are hollow, net-basis points filled squares, the rest
    filled circles. Each company's line and label stop at its last point.
    """
    groups = list(RACE_COLORS)
    scale = alt.Scale(domain=groups, range=[RACE_COLORS[g] for g in groups])
    color = alt.Color(
        "group:N", scale=scale, legend=alt.Legend(title="Lab", orient="bottom", columns=1)
    )
    x = alt.X("date:T", title="Date of the run-rate")
    y = alt.Y(
        "value_usd_bn:Q",
        title="Annualised revenue run-rate (USD billions, log scale)",
        scale=alt.Scale(type="log"),
    )
    lines = (
        alt.Chart(frame)
        .transform_filter("datum.kind === 'line'")
        .mark_line(strokeWidth=1.5, opacity=0.7)
        .encode(x=x, y=y, color=color, detail="company:N")
    )
    domain = list(ACCOUNTING_LABELS.values())
    shape = alt.Shape(
        "accounting_label:N",
        scale=alt.Scale(domain=domain, range=[RACE_SHAPES[k] for k in ACCOUNTING_LABELS]),
        legend=alt.Legend(
            title="Accounting basis",
            symbolStrokeColor="#222222",
            orient="bottom",
            columns=1,
            labelLimit=300,
        ),
    )
    tips = [
        alt.Tooltip("company:N", title="Lab"),
        alt.Tooltip("date:T", title="Date"),
        alt.Tooltip("value_usd_bn:Q", title="Run-rate, USD bn", format=",.2f"),
        alt.Tooltip("accounting_label:N", title="Accounting"),
        alt.Tooltip("basis:N", title="Reported or estimated"),
        alt.Tooltip("grade:N", title="Source grade"),
        alt.Tooltip("source_id:N", title="Source"),
    ]
    # gross-basis points hollow, the rest filled: two layers over the same rows, the
    # other kind hidden by opacity (no layer is ever empty)
    pts = [
        alt.Chart(frame)
        .transform_filter("datum.kind === 'point'")
        .mark_point(size=70, strokeWidth=2, filled=filled)
        .encode(
            x=x,
            y=y,
            color=color,
            shape=shape,
            opacity=alt.condition(test, alt.value(1), alt.value(0)),
            tooltip=tips,
        )
        for filled, test in (
            (False, "datum.accounting === 'gross'"),
            (True, "datum.accounting !== 'gross'"),
        )
    ]
    labels = (
        alt.Chart(frame)
        .transform_filter("datum.kind === 'line' && datum.end_label !== ''")
        .mark_text(align="left", dx=8, fontSize=11)
        .encode(x=x, y=y, text="end_label:N", color=color)
    )
    return alt.layer(lines, *pts, labels).properties(width=400, height=360)


def race_title(leader: dict[str, object]) -> str:
    """The race chart's finding, from :func:`analysis.infrastructure.lab_race.leader_now`."""
    lead, other = leader["leader"], leader["other"]
    return (
        f"{lead}'s latest run-rate, {formatting.money_usd_bn(float(leader['leader_usd_bn']))}, "
        f"is above {other}'s {formatting.money_usd_bn(float(leader['other_usd_bn']))}"
    )
