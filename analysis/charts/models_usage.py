"""Chart of the "Models" chapter about usage: shares of tokens, spend and firms, side by side.

Pure factory (no data loading): :func:`analysis.models.usage.latest_by_measure`
output in, one dot per (segment, measure, publisher) out. Shares are fractions
(drawn as percent); the three measures keep their own colour and are never
summed or averaged.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from analysis.models.usage import MEASURES

MEASURE_COLORS: dict[str, str] = {
    "share of tokens": "#E69F00",
    "share of spend": "#0072B2",
    "share of firms paying": "#009E73",
}
"""Okabe-Ito colours, one per measure (colour-blind safe)."""


def usage_measures(latest: pd.DataFrame, segments: Sequence[str]) -> alt.Chart:
    """Latest share of each segment on each measure and publisher, one dot each.

    ``latest`` has ``segment, measure, publisher, date, share, scope`` (and
    ``source_id``); ``segments`` gives the rows' order. A segment with no
    figure on a measure simply has no dot: nothing is filled in.
    """
    frame = latest[latest["segment"].isin(list(segments))].assign(
        measure_label=lambda d: d["measure"].map(MEASURES),
        label=lambda d: d["publisher"] + ", " + d["date"].dt.strftime("%b %Y"),
    )
    color = alt.Color(
        "measure_label:N",
        title="What is counted",
        legend=alt.Legend(columns=1),
        scale=alt.Scale(domain=list(MEASURE_COLORS), range=list(MEASURE_COLORS.values())),
    )
    y = alt.Y("segment:N", sort=list(segments), title=None)
    x = alt.X(
        "share:Q",
        title="Share (%) of tokens, spend or paying firms, as the colour says",
        scale=alt.Scale(domain=[0, 1]),
        axis=alt.Axis(format="%"),
    )
    tooltip = [
        alt.Tooltip("segment:N", title="Who"),
        alt.Tooltip("measure_label:N", title="Measure"),
        alt.Tooltip("share:Q", title="Share", format=".1%"),
        alt.Tooltip("label:N", title="Publisher, date"),
        alt.Tooltip("scope:N", title="What it covers"),
        alt.Tooltip("source_id:N", title="Source"),
    ]
    dots = (
        alt.Chart(frame)
        .mark_point(filled=True, size=120, opacity=0.9)
        .encode(
            x=x,
            y=y,
            color=color,
            shape=alt.Shape("publisher:N", title="Publisher", legend=alt.Legend(columns=1)),
            yOffset=alt.YOffset("measure_label:N", sort=list(MEASURE_COLORS)),
            tooltip=tooltip,
        )
    )
    return dots.properties(width=560, height=alt.Step(16))


def usage_title(spread: pd.DataFrame) -> str:
    """A title stating the widest disagreement (:func:`analysis.models.usage.disagreement`)."""
    row = spread.sort_values(["spread", "segment"], ascending=[False, True]).iloc[0]
    return (
        f"{row['segment']}'s share runs from {row['low']:.0%} to {row['high']:.0%}, "
        "depending on what is counted"
    )


def usage_alt_text(latest: pd.DataFrame, segments: Sequence[str]) -> str:
    """Text alternative of :func:`usage_measures`, computed from its data."""
    shown = latest[latest["segment"].isin(list(segments))]
    return (
        f"Dot chart of {len(shown)} market shares of {', '.join(segments)}: one dot per "
        "measure (share of tokens, of spend, of firms paying) and publisher, on a 0 to 100 "
        "percent axis. The same provider's dots lie far apart."
    )
