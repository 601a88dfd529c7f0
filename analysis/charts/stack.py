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
            y=alt.Y("sub_category:N", sort=order, title=None, axis=alt.Axis(labelLimit=220)),
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
        .properties(width=WIDTH, height=22 * len(data))
    )


WIDTH = 380
"""Plot width (px): with the sub-category labels the chart stays inside the page's text
column (about 690 px beside the contents), so no bar runs past the drawn axis."""

LAYER_NOUNS: dict[str, str] = {"apps": "app", "models": "model", "infrastructure": "infrastructure"}


def stack_title(per_layer: pd.Series) -> str:
    """The figure's title, from the distinct companies named per layer, most first.

    ``per_layer`` is :func:`analysis.stack.companies_per_layer`'s output.
    """
    parts = [
        f"{n} {LAYER_NOUNS[layer]}" for layer, n in per_layer.sort_values(ascending=False).items()
    ]
    return f"The essays name {', '.join(parts[:-1])} and {parts[-1]} companies"


def stack_alt(table: pd.DataFrame, per_layer: pd.Series) -> str:
    """The figure's text alternative, with the counts it draws."""
    most = int(table["companies"].max())
    top = " and ".join(table.loc[table["companies"] == most, "sub_category"])
    return (
        "Horizontal bar chart of the number of companies the two essays name in each "
        "sub-category of the stack, coloured by layer. "
        + stack_title(per_layer).replace("The essays name", "In all they name")
        + f"; the most names in one sub-category: {most} ({top})."
    )
