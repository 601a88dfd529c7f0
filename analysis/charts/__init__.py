"""Chart layer: one theme, one palette, and :func:`finish` for every chart.

Chapters call :func:`setup` once, build a chart with a factory, and pass it
through :func:`finish`, which gives it its finding-title, text alternative,
source line and "data as of" date (kept in the spec's ``usermeta`` and drawn
under the chart by the renderer).
"""

from __future__ import annotations

import re

import altair as alt
import pandas as pd

from analysis.charts import renderer, theme
from analysis.charts.palette import (
    BASIS_STROKE_DASH,
    LAYER_COLORS,
    LAYER_LABELS,
    OPEN_CLOSED_COLORS,
)

__all__ = [
    "BASIS_STROKE_DASH",
    "LAYER_COLORS",
    "LAYER_LABELS",
    "OPEN_CLOSED_COLORS",
    "finish",
    "layer_color_scale",
    "setup",
]


def setup() -> None:
    """Enable the book's theme and offline renderer (call once per notebook)."""
    theme.enable()
    renderer.enable()
    alt.data_transformers.disable_max_rows()


def layer_color_scale(layers: list[str] | None = None) -> alt.Scale:
    """The colour scale for stack layers (same colours in every chapter)."""
    layers = layers or list(LAYER_COLORS)
    return alt.Scale(domain=layers, range=[LAYER_COLORS[layer] for layer in layers])


DATE_COLUMNS = ("period_end", "date", "effective_date", "release_date", "month")
"""Columns of a chart's data that date an observation (the datasets' date columns and
the monthly series built from them). A year-end label is not one: a year in progress
carries its December date."""


def latest_observation(chart: alt.TopLevelMixin, data_as_of: str) -> str | None:
    """The latest observation date (ISO) among the data a chart draws, not after
    ``data_as_of`` (a forecast's date is not data); None when its data carry no date."""
    cap, latest = pd.Timestamp(data_as_of), None
    for frame in theme.chart_frames(chart):
        for col in DATE_COLUMNS:
            if col in frame.columns:
                dates = pd.to_datetime(frame[col], errors="coerce").dropna()
                dates = dates[dates <= cap]
                if len(dates) and (latest is None or dates.max() > latest):
                    latest = dates.max()
    return None if latest is None else latest.date().isoformat()


def finish(
    chart: alt.TopLevelMixin,
    *,
    chart_id: str,
    title: str,
    alt_text: str,
    source: str,
    data_as_of: str,
    subtitle: str | list[str] | None = None,
    note: str | None = None,
    data_through: str | None = None,
) -> alt.TopLevelMixin:
    """Give a chart everything a reader and a citer need.

    ``chart_id`` is the stable anchor (``[a-z0-9-]+``); ``title`` states the
    finding; ``alt_text`` says in words what the chart shows; ``source`` and
    ``data_as_of`` (ISO date: when the sources were last read) are drawn under it, with
    ``data_through`` (ISO date: the latest observation drawn; by default found in the
    chart's data by :func:`latest_observation`), which the figure's downloads also carry.
    """
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", chart_id):
        raise ValueError(f"chart_id {chart_id!r} must be lowercase letters, digits, hyphens")
    for name, value in (("title", title), ("alt_text", alt_text), ("source", source)):
        if not value.strip():
            raise ValueError(f"a chart needs a non-empty {name}")
    meta = {
        "id": chart_id,
        "alt": alt_text,
        "source": source,
        "data_as_of": data_as_of,
        "title": title,
    }
    through = data_through or latest_observation(chart, data_as_of)
    if through:
        meta["data_through"] = through
    if note:
        meta["note"] = note
    params = {"text": title}
    lines = [subtitle] if isinstance(subtitle, str) else list(subtitle or [])
    key = theme.sourcing_key(chart)  # what its lighter and hollow marks mean
    if key and key not in lines:
        lines.append(key)
    if lines:
        params["subtitle"] = lines[0] if len(lines) == 1 else lines
    return chart.properties(
        title=alt.TitleParams(**params), description=alt_text, usermeta={"gai": meta}
    )
