"""Chart of the "Models" chapter's valuations against revenue: one point per priced round.

Multiples are valuation / revenue (×, log scale); money in USD billions (inputs in
USD millions). Reported revenue filled, estimated lighter; a figure resting on an
aggregator or blog hollow (:func:`analysis.charts.theme.hollow_weak`).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.charts.models import COMPANY_COLORS, WIDTH
from analysis.charts.theme import hollow_weak, sourcing
from analysis.data.provenance import row_grades


def valuation_multiples(
    multiples: pd.DataFrame, sources: pd.DataFrame | None = None
) -> alt.LayerChart:
    """Post-money valuation / revenue at each priced round, log scale.

    ``multiples`` is :func:`analysis.models.valuation.valuation_multiples` output
    with ``revenue_columns=("basis", "source_id")`` and
    ``round_columns=("valuation_source_id",)``; rows without a multiple are
    dropped here (the chapter lists them). Filled = reported revenue, lighter =
    estimated; square = a year's revenue rather than a run-rate. With ``sources``, a
    point whose valuation or revenue rests on an aggregator or blog is hollow.
    """
    data = multiples[multiples["multiple"].notna()].copy()
    ids = data["round_valuation_source_id"].fillna("") + ";" + data["revenue_source_id"].fillna("")
    grades = (
        row_grades(data.assign(ids=ids), sources, "ids")
        if sources is not None
        else pd.Series(None, index=data.index, dtype=object)
    )
    data["sourcing"] = sourcing(grades, data["revenue_basis"] != "reported")
    data["valuation_usd_bn"] = data["post_money_valuation_usd_m"] / 1000
    data["revenue_usd_bn"] = data["revenue_usd_m"] / 1000
    data["metric_label"] = data["revenue_metric"].map(
        {"annualized_run_rate": "Run-rate", "annual_revenue": "A year's revenue"}
    )
    companies = list(dict.fromkeys(data.sort_values("date")["company"]))
    color = alt.Color(
        "company:N",
        scale=alt.Scale(domain=companies, range=list(COMPANY_COLORS[: len(companies)])),
        legend=alt.Legend(title="Company"),
    )
    x = alt.X("date:T", title="Round date", axis=alt.Axis(format="%Y", tickCount="year"))
    y = alt.Y(
        "multiple:Q",
        title="Valuation / revenue (×, log scale)",
        scale=alt.Scale(type="log", domain=[5, 100]),
    )
    points = (
        alt.Chart(data)
        .mark_point(size=120, strokeWidth=2.5, filled=True)
        .encode(
            x=x,
            y=y,
            color=color,
            **hollow_weak(data, color),
            shape=alt.Shape(
                "metric_label:N",
                scale=alt.Scale(
                    domain=["Run-rate", "A year's revenue"], range=["circle", "square"]
                ),
                legend=None,  # explained in the subtitle
            ),
            tooltip=[
                alt.Tooltip("company:N", title="Company"),
                alt.Tooltip("date:T", title="Round", format="%d %b %Y"),
                alt.Tooltip("round_type:N", title="Round type"),
                alt.Tooltip("valuation_usd_bn:Q", title="Post-money, USD bn", format=",.1f"),
                alt.Tooltip("metric_label:N", title="Revenue measure"),
                alt.Tooltip("revenue_date:T", title="Revenue as of", format="%d %b %Y"),
                alt.Tooltip("revenue_usd_bn:Q", title="Revenue, USD bn", format=",.2f"),
                alt.Tooltip("revenue_basis:N", title="Revenue basis"),
                alt.Tooltip("days_offset:Q", title="Days from round", format="+,.0f"),
                alt.Tooltip("multiple:Q", title="Multiple (×)", format=",.1f"),
                alt.Tooltip("round_valuation_source_id:N", title="Valuation source"),
                alt.Tooltip("revenue_source_id:N", title="Revenue source"),
            ],
        )
    )
    lines = (
        alt.Chart(data)
        .mark_line(strokeWidth=1, opacity=0.5)
        .encode(x=x, y=y, color=color, detail="company:N")
    )
    return (lines + points).properties(width=WIDTH, height=320)
