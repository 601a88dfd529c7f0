"""Chart factories: analysis outputs in, Altair charts out (no data loading)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.charts import layer_color_scale
from analysis.charts.palette import LAYER_LABELS


def stack_map(table: pd.DataFrame) -> alt.Chart:
    """Bars of companies named per sub-category, coloured by layer.

    ``table`` is :func:`analysis.stack.companies_by_sub_category`'s output.
    """
    data = table.assign(layer_label=table["layer"].map(LAYER_LABELS))
    order = data["sub_category"].tolist()
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("sub_category:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)),
            x=alt.X("companies:Q", title="Companies named (count)", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "layer:N",
                scale=layer_color_scale(),
                legend=alt.Legend(
                    title="Layer",
                    labelExpr="{'apps':'Apps','models':'Models','infrastructure':'Infrastructure'}[datum.label]",
                ),
            ),
            tooltip=[
                alt.Tooltip("layer_label:N", title="Layer"),
                alt.Tooltip("sub_category:N", title="Sub-category"),
                alt.Tooltip("companies:Q", title="Companies"),
                alt.Tooltip("names:N", title="Named"),
                alt.Tooltip("essays:N", title="Essay(s)"),
            ],
        )
        .properties(width=560, height=22 * len(data))
    )
