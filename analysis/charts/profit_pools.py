"""Charts of the "Who keeps the money" chapter: profit pools by layer and the margin ladder.

Pure factories: analysis outputs in, Altair charts out. The four pool layers
(semiconductors, cloud, models, apps) take the book's layer colours; the two
infrastructure layers are two greens. Shares are fractions; margins are
fractions (may be negative); money in USD billions.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from analysis import formatting
from analysis.charts.palette import LAYER_COLORS

POOL_LAYERS = ("semiconductors", "cloud", "models", "apps")
POOL_COLORS = {
    "semiconductors": "#00563F",
    "cloud": LAYER_COLORS["infrastructure"],
    "models": LAYER_COLORS["models"],
    "apps": LAYER_COLORS["apps"],
}
POOL_LABELS = {
    "semiconductors": "Semiconductors",
    "cloud": "Cloud",
    "models": "Models",
    "apps": "Apps",
}
VIEW_A = "(a) As reported: revenue and gross profit"
VIEW_B = "(b) Value added: revenue minus payments to the layer below"


def year_label(year: int, current_year: int) -> str:
    """'2025', or '2026 annualised' for the current year."""
    return f"{year} annualised" if year == current_year else str(year)


def pool_frame(
    layer_years: pd.DataFrame,
    value_added: pd.DataFrame,
    altimeter: dict[str, dict[str, float]],
    current_year: int,
) -> pd.DataFrame:
    """Long data for :func:`pool_chart`.

    ``layer_years``: :func:`analysis.infrastructure.profit_pools.layer_years`;
    ``value_added``: :func:`analysis.infrastructure.profit_pools.value_added`;
    ``altimeter``: measure (``revenue`` | ``gross profit``) -> layer -> its
    published share (Altimeter's apps layer holds the models; it is drawn as
    apps). Columns: ``view, row, order, layer, share, value_usd_bn, note``.
    """
    rows = []
    for r in layer_years.itertuples():
        y = year_label(int(r.calendar_year), current_year)
        for measure, share, value, note in (
            ("revenue", r.revenue_share, r.revenue_usd_bn, ""),
            (
                "gross profit",
                r.gp_share_filled,
                r.gross_profit_filled_usd_bn,
                f"{formatting.pct(r.gp_coverage)} of the layer's revenue has a stated gross profit",
            ),
        ):
            rows.append((VIEW_A, f"{y}: {measure}", r.calendar_year, r.layer, share, value, note))
    for measure, shares in altimeter.items():
        for layer, share in shares.items():
            note = "Altimeter's apps layer includes the model companies" if layer == "apps" else ""
            rows.append(
                (VIEW_A, f"Altimeter 2026: {measure}", 9999, layer, share, float("nan"), note)
            )
    for r in value_added.itertuples():
        y = year_label(int(r.calendar_year), current_year)
        note = f"paid to the layer below: USD {r.paid_measured_usd_bn:.1f} bn measured, "
        note += f"{r.paid_assumed_usd_bn:.1f} bn assumed"
        rows.append((VIEW_B, y, r.calendar_year, r.layer, r.va_share, r.value_added_usd_bn, note))
    cols = ["view", "row", "order", "layer", "share", "value_usd_bn", "note"]
    out = pd.DataFrame(rows, columns=cols)
    out["layer_order"] = out["layer"].map({k: i for i, k in enumerate(POOL_LAYERS)})
    return out


def _panel(data: pd.DataFrame, title: str) -> alt.Chart:
    rows = list(dict.fromkeys(data.sort_values(["order", "row"])["row"]))
    head, _, rest = title.partition(": ")
    return (
        alt.Chart(
            data,
            title=alt.TitleParams([f"{head}:", *_wrapped(rest, 30)], fontSize=13, anchor="start"),
        )
        .mark_bar(stroke="white", strokeWidth=0.5)
        .encode(
            y=alt.Y("row:N", sort=rows, title=None, axis=alt.Axis(labelLimit=200)),
            x=alt.X(
                "share:Q",
                title="Share of the year's pool (%)",
                axis=alt.Axis(format="%", values=[0, 0.25, 0.5, 0.75, 1]),
            ),
            color=alt.Color(
                "layer:N",
                scale=alt.Scale(
                    domain=list(POOL_LAYERS), range=[POOL_COLORS[k] for k in POOL_LAYERS]
                ),
                legend=alt.Legend(
                    title="Layer",
                    labelExpr="{"
                    + ",".join(f"'{k}':'{v}'" for k, v in POOL_LABELS.items())
                    + "}[datum.label]",
                ),
            ),
            order=alt.Order("layer_order:Q"),
            tooltip=[
                alt.Tooltip("row:N", title="Year and measure"),
                alt.Tooltip("layer:N", title="Layer"),
                alt.Tooltip("share:Q", title="Share", format=".1%"),
                alt.Tooltip("value_usd_bn:Q", title="USD billions", format=",.1f"),
                alt.Tooltip("note:N", title="Note"),
            ],
        )
        .properties(width=170)
    )


def pool_chart(frame: pd.DataFrame) -> alt.HConcatChart:
    """Two panels side by side: view (a) with Altimeter's shares under it, view (b)."""
    data = frame[frame["share"].notna()]
    a = _panel(data[data["view"] == VIEW_A], VIEW_A)
    b = _panel(data[data["view"] == VIEW_B], VIEW_B)
    return alt.hconcat(a, b, spacing=20).resolve_scale(y="independent")


def pool_title(semis_gp: dict[int, float], first: int, last: int) -> str:
    """The pool chart's finding: the chip layer's gross-profit share, first and last year."""
    return (
        f"Semiconductors took {formatting.pct(semis_gp[first])} of the traced gross profit in "
        f"{first} and {formatting.pct(semis_gp[last])} in {last} (annualised)"
    )


MEASURE_LABELS = {
    "gross_margin": "gross margin",
    "operating_margin": "operating margin",
    "compute_margin": "compute margin",
}
MEASURE_DASH = {"gross_margin": [1, 0], "operating_margin": [6, 3], "compute_margin": [2, 2]}


SHORT_NAMES = {
    "Microsoft Intelligent Cloud": "Microsoft IC",
    "Alphabet Google Cloud": "Google Cloud",
    "Amazon AWS": "AWS",
    "Anysphere (Cursor)": "Cursor",
}
"""Company names as the ladder's end labels print them (the tooltip keeps the full name)."""
MEASURE_SHORT = {
    "gross_margin": "gross",
    "operating_margin": "operating",
    "compute_margin": "compute",
}


def wrap_title(chart: alt.TopLevelMixin, title_chars: int = 64, subtitle_chars: int = 100):
    """``chart`` (from :func:`analysis.charts.finish`) with its title and subtitle broken into
    lines of at most about ``title_chars`` / ``subtitle_chars`` characters, so a long finding
    fits the page's column instead of running past it. The spec's ``usermeta`` title (the
    one exports and citations use) is left whole."""
    title = chart.title
    title.text = _lines(str(title.text), title_chars)
    if isinstance(title.subtitle, str):
        title.subtitle = _lines(title.subtitle, subtitle_chars)
    return chart


def finish_wrapped(chart: alt.TopLevelMixin, **kwargs) -> alt.TopLevelMixin:
    """:func:`analysis.charts.finish` then :func:`wrap_title`: the chapter's charts, whose
    computed titles can be longer than the column is wide."""
    from analysis.charts import finish

    return wrap_title(finish(chart, **kwargs))


def _lines(text: str, width: int) -> str | list[str]:
    """Greedy word wrap: one string if it fits, else a list of lines."""
    out = _wrapped(text, width)
    return out[0] if len(out) == 1 else out


def _wrapped(text: str, width: int) -> list[str]:
    """Greedy word wrap into lines of at most ``width`` characters (a longer word alone)."""
    out, cur = [], ""
    for word in text.split():
        if cur and len(cur) + 1 + len(word) > width:
            out.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}" if cur else word
    out.append(cur)
    return out


def spread_labels(values: list[float], gap: float, low: float, high: float) -> list[float]:
    """Label positions for points at ``values``: each as near its value as it can be, every
    two at least ``gap`` apart, all within [``low``, ``high``], the order kept.

    Push down from the top, then up from the bottom (the classic two-pass de-collision of
    direct labels). Same units as ``values``; positions returned in the input order.
    """
    if not values:
        return []
    if gap * (len(values) - 1) > high - low:
        raise ValueError(f"{len(values)} labels {gap} apart do not fit in [{low}, {high}]")
    order = sorted(range(len(values)), key=lambda i: -values[i])
    pos = [min(values[i], high) for i in order]
    for k in range(1, len(pos)):
        pos[k] = min(pos[k], pos[k - 1] - gap)
    pos[-1] = max(pos[-1], low)
    for k in range(len(pos) - 2, -1, -1):
        pos[k] = max(pos[k], pos[k + 1] + gap)
    out = [0.0] * len(values)
    for k, i in enumerate(order):
        out[i] = pos[k]
    return out


LADDER_HEIGHT = 400
"""Pixels of the ladder's plot; labels are spaced :data:`LABEL_GAP_PX` apart in it."""
LABEL_GAP_PX = 13


def ladder_domain(values: pd.Series) -> tuple[float, float]:
    """The ladder's margin axis: the data's range widened to whole tenths (fractions)."""
    return float(np.floor(values.min() * 10) / 10), float(np.ceil(values.max() * 10) / 10)


def ladder_frame(ladder: pd.DataFrame) -> pd.DataFrame:
    """:func:`analysis.infrastructure.margins.margin_ladder` ready to draw: a series per
    (company, measure), dates as ISO strings. Each series' last row carries its
    ``end_label`` ("NVIDIA, gross margin, to Apr 2026": where its data end) and the
    label's place right of the plot (``label_date``, ``label_y``), spread by
    :func:`spread_labels` so no two labels overlap."""
    d = ladder.copy()
    d["measure_label"] = d["measure"].map(MEASURE_LABELS)
    d["series"] = d["company"] + ", " + d["measure_label"]
    d["date"] = pd.to_datetime(d["date"])
    d = d.sort_values(["series", "date"])
    last = d.groupby("series").cumcount(ascending=False) == 0  # one label, even on a tie
    short = (
        d["company"].map(SHORT_NAMES).fillna(d["company"]) + " " + d["measure"].map(MEASURE_SHORT)
    )
    d["end_label"] = np.where(last, short + ", to " + d["date"].dt.strftime("%b %Y"), "")
    low, high = ladder_domain(d["value"])
    gap = LABEL_GAP_PX / LADDER_HEIGHT * (high - low)
    ends = d[last]
    d["label_y"] = np.nan
    d.loc[ends.index, "label_y"] = spread_labels(list(ends["value"]), gap, low, high)
    d["label_date"] = (d["date"].max() + pd.Timedelta(days=45)).strftime("%Y-%m-%d")
    d["date"] = d["date"].dt.strftime("%Y-%m-%d")
    return d


def ladder_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Margins by layer over time: a line per company and measure, a dot per figure.

    Colour is the layer; the dash says the measure (gross solid, operating
    dashed, compute dotted). Lines stop at each series' last figure; each
    series is named right of the plot at its spread label place, joined to its
    last point by a thin rule.
    """
    scale = alt.Scale(domain=list(POOL_LAYERS), range=[POOL_COLORS[k] for k in POOL_LAYERS])
    legend = alt.Legend(title="Layer", orient="bottom")
    color = alt.Color("layer:N", scale=scale, legend=legend)
    dash = alt.StrokeDash(
        "measure_label:N",
        scale=alt.Scale(
            domain=[MEASURE_LABELS[k] for k in MEASURE_DASH], range=list(MEASURE_DASH.values())
        ),
        legend=alt.Legend(title="Measure", orient="bottom", columns=1),
    )
    x = alt.X("date:T", title="End of the period the margin covers")
    low, high = ladder_domain(frame["value"])
    y = alt.Y(
        "value:Q",
        title="Margin (% of revenue)",
        axis=alt.Axis(format="%"),
        scale=alt.Scale(domain=[low, high], nice=False),
    )
    base = alt.Chart(frame)
    lines = base.mark_line(strokeWidth=1.8).encode(
        x=x, y=y, color=color, strokeDash=dash, detail="series:N"
    )
    dots = base.mark_point(filled=True, size=40).encode(
        x=x,
        y=y,
        color=color,
        tooltip=[
            alt.Tooltip("company:N", title="Company"),
            alt.Tooltip("measure_label:N", title="Measure"),
            alt.Tooltip("period:N", title="Period"),
            alt.Tooltip("value:Q", title="Margin", format=".1%"),
            alt.Tooltip("basis:N", title="Basis"),
        ],
    )
    ends = base.transform_filter("datum.end_label !== ''")
    links = ends.mark_rule(strokeWidth=0.6, opacity=0.6).encode(
        x=x, y=y, x2="label_date:T", y2="label_y:Q", color=color
    )
    labels = ends.mark_text(align="left", dx=3, fontSize=10).encode(
        x="label_date:T", y="label_y:Q", text="end_label:N", color=color
    )
    return (lines + dots + links + labels).properties(width=330, height=LADDER_HEIGHT)


def ladder_title(latest: pd.DataFrame) -> str:
    """The ladder's finding from :func:`analysis.infrastructure.margins.latest_by_layer`."""
    g = latest[latest["measure"] == "gross_margin"].set_index("company")["value"]
    nv = formatting.pct(float(g["NVIDIA"]))
    labs = latest[(latest["layer"] == "models") & (latest["measure"] == "gross_margin")]
    apps = latest[(latest["layer"] == "apps") & (latest["measure"] == "gross_margin")]
    text = f"NVIDIA's gross margin is {nv}; the labs' latest stated gross margins are "
    text += formatting.pct_range(float(labs["value"].min()), float(labs["value"].max()))
    if len(apps):
        text += f", an app's as low as {formatting.pct(float(apps['value'].min()))}"
    return text
