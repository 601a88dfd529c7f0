"""Charts for the "Data and sources" page."""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.data.schemas import GRADE_LABELS, GRADES

# Okabe-Ito, strongest grade darkest blue; the weak grades in warm colours.
GRADE_COLORS = dict(
    zip(
        (GRADE_LABELS[g] for g in GRADES),
        ("#0072B2", "#56B4E9", "#CC79A7", "#D55E00", "#E69F00"),
        strict=True,
    )
)


GRADE_BARS_ALT = (
    "Stacked horizontal bars, one per dataset, splitting its rows by source grade: "
    "primary, reputable outlet, report of internal documents, aggregator/blog, estimate."
)
"""The text alternative of :func:`source_grade_bars`."""


def source_grade_bars(summary: pd.DataFrame) -> alt.Chart:
    """Stacked bars of each dataset's rows by source grade (shares 0-1).

    ``summary`` is :func:`analysis.data.catalog.summary`'s output.
    """
    long = summary.melt(
        id_vars=["dataset", "rows"],
        value_vars=[f"{g}_share" for g in GRADES],
        var_name="grade",
        value_name="share",
    )
    long["grade_order"] = long["grade"].map({f"{g}_share": i for i, g in enumerate(GRADES)})
    long["grade"] = long["grade"].map({f"{g}_share": GRADE_LABELS[g] for g in GRADES})
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y("dataset:N", title=None, sort=list(summary["dataset"])),
            x=alt.X("share:Q", title="Share of rows", axis=alt.Axis(format="%"), stack="normalize"),
            color=alt.Color(
                "grade:N",
                title="Source grade",
                scale=alt.Scale(domain=list(GRADE_COLORS), range=list(GRADE_COLORS.values())),
                legend=alt.Legend(orient="bottom", columns=3),  # no room right of the bars
            ),
            order=alt.Order("grade_order:Q"),
            tooltip=[
                alt.Tooltip("dataset:N", title="Dataset"),
                alt.Tooltip("grade:N", title="Source grade"),
                alt.Tooltip("share:Q", title="Share of rows", format=".1%"),
                alt.Tooltip("rows:Q", title="Rows in dataset"),
            ],
        )
        .properties(width=490, height=26 * len(summary))
    )
