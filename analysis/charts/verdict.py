"""Charts for the scorecard chapter and the front page."""

from __future__ import annotations

import altair as alt
import pandas as pd

VERDICT_COLORS: dict[str, str] = {
    "held": "#009E73",
    "failed": "#D55E00",
    "mixed": "#E69F00",
    "still open": "#56B4E9",
    "not testable": "#BBBBBB",
}
"""One colour per verdict, in the scorecard's order (``analysis.claims.scorecard.VERDICTS``;
a test holds the two equal, so charts need not import the claims)."""

VERDICTS: tuple[str, ...] = tuple(VERDICT_COLORS)

TALLY_ALT = (
    "Stacked horizontal bars, one per essay, counting its claims by verdict: held, "
    "failed, mixed, still open and not testable."
)
"""The text alternative of :func:`verdict_bars`."""


def verdict_bars(scorecard: pd.DataFrame) -> alt.Chart:
    """Stacked bars: how many claims of each essay got each verdict."""
    counts = scorecard.groupby(["essay", "verdict"]).size().rename("claims").reset_index()
    counts["order"] = counts["verdict"].map({v: i for i, v in enumerate(VERDICTS)})
    counts["essay_label"] = counts["essay"].map(
        {"a16z": "a16z (Jan 2023)", "teng": "Teng (Jun 2023)"}
    )
    return (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            y=alt.Y("essay_label:N", title=None),
            x=alt.X("claims:Q", title="Claims (count)", stack="zero"),
            color=alt.Color(
                "verdict:N",
                title="Verdict",
                scale=alt.Scale(domain=list(VERDICTS), range=[VERDICT_COLORS[v] for v in VERDICTS]),
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("essay_label:N", title="Essay"),
                alt.Tooltip("verdict:N", title="Verdict"),
                alt.Tooltip("claims:Q", title="Claims"),
            ],
        )
        .properties(width=560, height=120)
    )
