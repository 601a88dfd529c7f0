"""Charts of the "Infrastructure" chapter's data: Nvidia, hyperscaler capex, layer revenues.

Pure factories: analysis outputs in, Altair charts out. Money in USD billions
unless a name says otherwise; growth rates and shares are fractions.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.charts.palette import LAYER_COLORS, NEUTRAL
from analysis.charts.theme import FILLED, hollow_weak, sourcing
from analysis.data.provenance import row_grades

COMPANY_SHADES: dict[str, str] = {
    "Amazon": "#00563F",
    "Alphabet": "#009E73",
    "Microsoft": "#7FCEB9",
    "Meta": "#BBBBBB",
}
"""Capex by company: shades of the infrastructure colour for the Big 3, grey for Meta."""


def nvidia_quarterly_chart(
    growth: pd.DataFrame, sources: pd.DataFrame | None = None
) -> alt.LayerChart:
    """Nvidia total and Data Center revenue by fiscal quarter, USD billions; gaps marked.

    ``growth`` is :func:`analysis.infrastructure.nvidia.nvidia_growth`'s output over
    :func:`analysis.infrastructure.nvidia.nvidia_quarters` (so it carries
    ``total_source_id`` and ``data_center_source_id``). A quarter with no Data
    Center figure shows "n/a" where its bar would be. With ``sources`` (the sources
    table), a bar resting on an aggregator or blog is drawn hollow.
    """
    g = growth.copy()
    g["quarter"] = (
        "FY"
        + (g["fiscal_year"] % 100).astype(str).str.zfill(2)
        + " Q"
        + g["fiscal_quarter"].astype(str)
    )
    order = list(g["quarter"])
    long = pd.concat(
        [
            g.assign(
                series="Total revenue",
                value_usd_bn=g["total_revenue_usd_m"] / 1000,
                growth=g["total_yoy_growth"],
                src=g["total_source_id"],
            ),
            g.assign(
                series="Data Center revenue",
                value_usd_bn=g["data_center_revenue_usd_m"] / 1000,
                growth=g["data_center_yoy_growth"],
                src=g["data_center_source_id"],
            ),
        ],
        ignore_index=True,
    )
    long["period_end"] = pd.to_datetime(long["period_end"]).dt.strftime("%Y-%m-%d")
    long["sourcing"] = sourcing(row_grades(long, sources, "src")) if sources is not None else FILLED
    series = ["Total revenue", "Data Center revenue"]
    x = alt.X(
        "quarter:N",
        sort=order,
        title="Nvidia fiscal quarter (FY ends late January)",
        axis=alt.Axis(labelAngle=-45),
    )
    xoff = alt.XOffset("series:N", sort=series)
    color = alt.Color(
        "series:N",
        sort=series,
        scale=alt.Scale(domain=series, range=["#B9B9B9", LAYER_COLORS["infrastructure"]]),
        legend=alt.Legend(title=None),
    )
    drawn = long[long["value_usd_bn"].notna()]
    bars = (
        alt.Chart(drawn)
        .mark_bar(strokeWidth=1.5)
        .encode(
            x=x,
            xOffset=xoff,
            y=alt.Y("value_usd_bn:Q", title="Revenue per quarter (USD billions)"),
            color=color,
            **hollow_weak(drawn, color),
            tooltip=[
                alt.Tooltip("quarter:N", title="Quarter"),
                alt.Tooltip("period_end:N", title="Quarter ended"),
                alt.Tooltip("series:N", title="Series"),
                alt.Tooltip("value_usd_bn:Q", title="USD billions", format=",.3f"),
                alt.Tooltip("growth:Q", title="Year-on-year growth", format="+.0%"),
                alt.Tooltip("src:N", title="source_id"),
            ],
        )
    )
    missing = long[long["value_usd_bn"].isna()]
    if missing.empty:  # an empty layer gives Vega an infinite extent: a console warning
        return alt.layer(bars).properties(width=620, height=320)
    gaps = (
        alt.Chart(missing.assign(t="n/a", y=0.0))
        .mark_text(
            angle=270, align="left", dy=0, dx=-2, fontSize=10, color=LAYER_COLORS["infrastructure"]
        )
        .encode(
            x=x,
            xOffset=xoff,
            y=alt.Y("y:Q"),
            text="t:N",
            tooltip=[
                alt.Tooltip("quarter:N", title="Quarter"),
                alt.Tooltip("series:N", title="No figure in millions for"),
            ],
        )
    )
    return alt.layer(bars, gaps).properties(width=620, height=320)


def capex_chart(
    capex_years: pd.DataFrame,
    nvidia_cy: pd.DataFrame,
    first_year: int,
    threshold_usd_bn: float,
    sources: pd.DataFrame | None = None,
) -> alt.LayerChart:
    """Hyperscaler capex by year, stacked by company, with Nvidia Data Center revenue.

    ``capex_years``: per-company rows of
    :func:`analysis.infrastructure.capex.microsoft_calendar_years`
    (``company``, ``year``, ``year_type``, ``capex_usd_bn``, ``definition``, ``basis``, and
    ``source_id``). Fiscal-year figures are drawn lighter. ``nvidia_cy``:
    :func:`analysis.infrastructure.nvidia.nvidia_calendar_years` output; complete
    years are drawn as points labelled with their ratio to the year's capex.
    The dashed rule is the essay's threshold for the Big 3. With ``sources``, a bar
    resting on an aggregator or blog is drawn hollow.
    """
    companies = list(COMPANY_SHADES)
    c = capex_years[capex_years["company"].isin(companies) & capex_years["capex_usd_bn"].notna()]
    c = c[c["year"] >= first_year].copy()
    c["order"] = c["company"].map({k: i for i, k in enumerate(companies)})
    c["sourcing"] = sourcing(row_grades(c, sources)) if sources is not None else FILLED
    c["year_label"] = c["year"].astype(str)
    c["year_type_label"] = c["year_type"].map(
        {"calendar": "calendar year", "fiscal": "fiscal year (Microsoft: to June)"}
    )
    years = sorted(c["year_label"].unique())
    x = alt.X("year_label:N", sort=years, title="Calendar year", axis=alt.Axis(labelAngle=0))
    color = alt.Color(
        "company:N",
        sort=companies,
        scale=alt.Scale(domain=companies, range=list(COMPANY_SHADES.values())),
        legend=alt.Legend(title="Capex of"),
    )
    bars = (
        alt.Chart(c)
        .mark_bar(strokeWidth=1.5)
        .encode(
            x=x,
            y=alt.Y(
                "sum(capex_usd_bn):Q", title="Capital expenditure (USD billions)", stack="zero"
            ),
            color=color,
            **hollow_weak(c, color),
            order=alt.Order("order:Q"),
            opacity=alt.condition("datum.year_type === 'fiscal'", alt.value(0.55), alt.value(1.0)),
            tooltip=[
                alt.Tooltip("company:N", title="Company"),
                alt.Tooltip("year_label:N", title="Year"),
                alt.Tooltip("year_type_label:N", title="Period"),
                alt.Tooltip("capex_usd_bn:Q", title="Capex, USD bn", format=",.1f"),
                alt.Tooltip("definition:N", title="Definition"),
                alt.Tooltip("source_id:N", title="source_id"),
            ],
        )
    )
    total = c.groupby("year_label", as_index=False)["capex_usd_bn"].sum()
    nv = nvidia_cy[nvidia_cy["data_center_revenue_usd_m"].notna()].copy()
    nv["year_label"] = nv["calendar_year"].astype(str)
    nv = nv.merge(total, on="year_label", how="inner")
    nv["value_usd_bn"] = nv["data_center_revenue_usd_m"] / 1000
    nv["ratio"] = nv["value_usd_bn"] / nv["capex_usd_bn"]
    nv["label"] = [f"Nvidia DC = {r:.0%} of capex" for r in nv["ratio"]]
    nv["series"] = "Nvidia Data Center revenue"
    nv_tooltip = [
        alt.Tooltip("year_label:N", title="Year"),
        alt.Tooltip("value_usd_bn:Q", title="Nvidia Data Center, USD bn", format=",.1f"),
        alt.Tooltip("capex_usd_bn:Q", title="Capex of the four, USD bn", format=",.1f"),
        alt.Tooltip("ratio:Q", title="Ratio", format=".0%"),
        alt.Tooltip("quarters:N", title="Nvidia quarters"),
    ]
    points = (
        alt.Chart(nv)
        .mark_point(shape="diamond", size=160, filled=True, color="black")
        .encode(
            x=x,
            y="value_usd_bn:Q",
            shape=alt.Shape(
                "series:N", scale=alt.Scale(range=["diamond"]), legend=alt.Legend(title=None)
            ),
            tooltip=nv_tooltip,
        )
    )
    labels = (
        alt.Chart(nv)
        .mark_text(align="right", dx=-10, fontSize=11)
        .encode(x=x, y="value_usd_bn:Q", text="label:N")
    )
    rule = (
        alt.Chart(
            pd.DataFrame(
                {"y": [threshold_usd_bn], "t": [f"essay: Big 3 > ${threshold_usd_bn:.0f}B"]}
            )
        )
        .mark_rule(strokeDash=[5, 4], color=NEUTRAL)
        .encode(y="y:Q")
    )
    rule_text = (
        alt.Chart(
            pd.DataFrame(
                {
                    "y": [threshold_usd_bn],
                    "t": [f"essay: Big 3 > ${threshold_usd_bn:.0f}B a year"],
                    "year_label": [years[0]],  # the bars' field: one sorted x domain
                }
            )
        )
        .mark_text(align="left", dy=-6, dx=-20, fontSize=11, color=NEUTRAL)
        .encode(y="y:Q", x=x, text="t:N")
    )
    return alt.layer(bars, rule, rule_text, points, labels).properties(width=560, height=340)


_LAYER_PARTS = ("Nvidia Data Center", "GPU clouds", "Model providers", "Apps")


def layer_revenue_chart(layers: pd.DataFrame, nvidia_cy: pd.DataFrame) -> alt.LayerChart:
    """Share of the tracked revenue each layer earned, per calendar year with shares.

    ``layers``: :func:`analysis.infrastructure.layer_revenues.layer_revenues`; ``nvidia_cy``:
    :func:`analysis.infrastructure.nvidia.nvidia_calendar_years`. Infrastructure is
    split into Nvidia Data Center (solid) and GPU clouds (lighter). Only years
    with computed shares are drawn.
    """
    ok = layers[layers["infrastructure_share"].notna()]
    nv = nvidia_cy.set_index("calendar_year")["data_center_revenue_usd_m"] / 1000
    rows = []
    for r in ok.itertuples():
        nvidia = float(nv[r.calendar_year])
        clouds = [
            n for n in str(r.infrastructure_companies).split(";") if n and n != "NVIDIA Data Center"
        ]
        parts = {
            "Nvidia Data Center": (nvidia, "Nvidia", "infrastructure"),
            "GPU clouds": (r.infrastructure_usd_bn - nvidia, ", ".join(clouds), "infrastructure"),
            "Model providers": (
                r.models_usd_bn,
                str(r.models_companies).replace(";", ", "),
                "models",
            ),
            "Apps": (r.apps_usd_bn, str(r.apps_companies).replace(";", ", "), "apps"),
        }
        for i, (part, (value, names, layer)) in enumerate(parts.items()):
            rows.append(
                {
                    "year": str(r.calendar_year),
                    "part": part,
                    "order": i,
                    "layer": layer,
                    "value_usd_bn": value,
                    "share": value / r.total_usd_bn,
                    "companies": names,
                }
            )
    data = pd.DataFrame(rows)
    colors = [
        LAYER_COLORS["infrastructure"],
        "#8FD3BD",
        LAYER_COLORS["models"],
        LAYER_COLORS["apps"],
    ]
    y = alt.Y(
        "year:N", title="Calendar year", sort=sorted(data["year"].unique()) if len(data) else None
    )
    base = alt.Chart(data).transform_stack(
        stack="share", groupby=["year"], sort=[alt.SortField("order")], as_=["x0", "x1"]
    )
    bars = base.mark_bar(stroke="white", strokeWidth=1, height=40).encode(
        y=y,
        x=alt.X(
            "x0:Q",
            title="Share of the revenue the book tracks",
            axis=alt.Axis(format="%"),
            scale=alt.Scale(domain=[0, 1]),
        ),
        x2="x1:Q",
        color=alt.Color(
            "part:N",
            sort=list(_LAYER_PARTS),
            scale=alt.Scale(domain=list(_LAYER_PARTS), range=colors),
            legend=alt.Legend(title=None),
        ),
        tooltip=[
            alt.Tooltip("year:N", title="Year"),
            alt.Tooltip("part:N", title="Part"),
            alt.Tooltip("value_usd_bn:Q", title="USD billions", format=",.2f"),
            alt.Tooltip("share:Q", title="Share", format=".1%"),
            alt.Tooltip("companies:N", title="Companies counted"),
        ],
    )
    labels = (
        base.transform_filter("datum.share >= 0.05")
        .transform_calculate(mid="(datum.x0 + datum.x1) / 2")
        .mark_text(color="white", fontWeight=600)
        .encode(y=y, x="mid:Q", text=alt.Text("share:Q", format=".0%"))
    )
    return alt.layer(bars, labels).properties(width=560, height=70 * max(len(ok), 1))
