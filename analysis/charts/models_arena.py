"""Chart of the "Models" chapter: best closed vs best open-weights model per LMArena snapshot.

Pure factory (no data loading): :func:`analysis.models.arena.frontier` output in,
one dot per (snapshot, side) with LMArena's 95% interval as a bar. Snapshots are
placed in order on a category axis, labelled with the date they were taken at the
earliest: the files carry no date, so a time axis would claim more than is known.
Dots of different snapshots are not joined: each snapshot is its own fit.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.charts.palette import OPEN_CLOSED_COLORS

SIDE_LABELS: dict[str, str] = {"closed": "best closed model", "open": "best open-weights model"}


def snapshot_label(snapshot: str, no_earlier_than: pd.Timestamp) -> str:
    """Axis label of a snapshot: its earliest date and commit id."""
    return f"≥ {no_earlier_than:%d %b %Y} ({snapshot})"


def frontier_long(frontier: pd.DataFrame) -> pd.DataFrame:
    """One row per (snapshot, side) with ``label``, ``side``, ``key``, ``rating``,
    ``q025``, ``q975`` (Elo points) and ``gap_elo``; sides with no model are dropped."""
    rows = []
    for r in frontier.sort_values("no_earlier_than").itertuples():
        for side in ("closed", "open"):
            key = getattr(r, f"{side}_key")
            if pd.isna(key):
                continue
            rows.append(
                {
                    "snapshot": r.snapshot,
                    "label": snapshot_label(r.snapshot, r.no_earlier_than),
                    "side": SIDE_LABELS[side],
                    "key": key,
                    "rating": float(getattr(r, f"{side}_rating")),
                    "q025": float(getattr(r, f"{side}_q025")),
                    "q975": float(getattr(r, f"{side}_q975")),
                    "gap_elo": None if pd.isna(r.gap_elo) else float(r.gap_elo),
                }
            )
    return pd.DataFrame(rows)


def data_through(frontier: pd.DataFrame) -> str:
    """The "data through" label: the latest snapshot's earliest date."""
    last = frontier.sort_values("no_earlier_than").iloc[-1]
    when = f"{last['no_earlier_than']:%d %b %Y}"
    return f"data through: snapshot {last['snapshot']}, taken no earlier than {when}"


def arena_frontier(frontier: pd.DataFrame) -> alt.LayerChart:
    """Best closed and best open-weights rating per snapshot, each with its 95% interval."""
    frame = frontier_long(frontier)
    order = list(dict.fromkeys(frame["label"]))
    sides = list(SIDE_LABELS.values())
    color = alt.Color(
        "side:N",
        title=None,
        scale=alt.Scale(
            domain=sides, range=[OPEN_CLOSED_COLORS["closed"], OPEN_CLOSED_COLORS["open"]]
        ),
        legend=alt.Legend(orient="top"),
    )
    x = alt.X(
        "label:N",
        sort=order,
        title="LMArena snapshot (taken no earlier than)",
        axis=alt.Axis(labelAngle=0),
    )
    offset = alt.XOffset("side:N", sort=sides)
    y_domain = [float(frame["q025"].min()) - 20, float(frame["q975"].max()) + 25]
    scale = alt.Scale(domain=y_domain, zero=False)
    title = "Arena rating (Elo points)"
    tooltip = [
        alt.Tooltip("label:N", title="Snapshot"),
        alt.Tooltip("side:N", title="Which"),
        alt.Tooltip("key:N", title="Model key"),
        alt.Tooltip("rating:Q", title="Rating", format=".1f"),
        alt.Tooltip("q025:Q", title="95% interval from", format=".1f"),
        alt.Tooltip("q975:Q", title="95% interval to", format=".1f"),
        alt.Tooltip("gap_elo:Q", title="Gap, closed minus open", format=".1f"),
    ]
    base = alt.Chart(frame).encode(x=x, xOffset=offset, color=color, tooltip=tooltip)
    bars = base.mark_rule(strokeWidth=2).encode(
        y=alt.Y("q025:Q", title=title, scale=scale), y2="q975:Q"
    )
    dots = base.mark_point(filled=True, size=80, opacity=1).encode(
        y=alt.Y("rating:Q", title=title, scale=scale)
    )
    keys = base.mark_text(dy=-8, fontSize=10, baseline="bottom").encode(
        y=alt.Y("q975:Q", title=title, scale=scale), text="key:N"
    )
    last = pd.DataFrame({"label": [order[-1]], "note": [data_through(frontier)]})
    note = (
        alt.Chart(last)
        .mark_text(align="right", baseline="top", dy=4, fontSize=11, color="#555555")
        .encode(x=alt.X("label:N", sort=order), y=alt.value(0), text="note:N")
    )
    return alt.layer(bars, dots, keys, note).properties(width=620, height=320)


def arena_title(frontier: pd.DataFrame) -> str:
    """A title stating the latest snapshot's gap (computed, so it cannot contradict the chart)."""
    last = frontier.sort_values("no_earlier_than").iloc[-1]
    if pd.isna(last["gap_elo"]):
        return (
            f"LMArena's latest snapshot has no open-weights model to compare ({last['snapshot']})"
        )
    apart = (
        "their 95% intervals overlap"
        if bool(last["overlap"])
        else "their 95% intervals do not overlap"
    )
    return (
        f"In LMArena's latest snapshot the best open-weights model trails the best closed "
        f"one by {last['gap_elo']:.0f} Elo points; {apart}"
    )


def arena_alt_text(frontier: pd.DataFrame) -> str:
    """The chart in words: each snapshot's two models, ratings and gap."""
    parts = []
    for r in frontier.sort_values("no_earlier_than").itertuples():
        if pd.isna(r.gap_elo):
            parts.append(
                f"snapshot {r.snapshot}: best closed {r.closed_key} "
                f"{r.closed_rating:.0f}, no open model"
            )
            continue
        parts.append(
            f"snapshot {r.snapshot} (no earlier than {r.no_earlier_than:%b %Y}): best closed "
            f"{r.closed_key} {r.closed_rating:.0f}, best open {r.open_key} {r.open_rating:.0f}, "
            f"gap {r.gap_elo:.0f} Elo"
        )
    return "Dot chart with 95% interval bars of LMArena overall ratings. " + "; ".join(parts) + "."
