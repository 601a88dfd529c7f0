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
from analysis.charts.renderer import through_words
from analysis.data import provenance

__all__ = [
    "BASIS_STROKE_DASH",
    "LAYER_COLORS",
    "LAYER_LABELS",
    "OPEN_CLOSED_COLORS",
    "as_of",
    "data_end",
    "finish",
    "layer_color_scale",
    "published",
    "series_ends",
    "setup",
    "through_words",
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


def data_end(*dates: object, as_of: object = None) -> str | None:
    """The latest of ``dates`` (scalars or series of dates) as an ISO date, none after
    ``as_of`` (a forecast's date is not data); None when there is none."""
    found = pd.concat(
        [pd.Series(pd.to_datetime(pd.Series(d).explode(), errors="coerce")) for d in dates]
        or [pd.Series(dtype="datetime64[ns]")]
    ).dropna()
    if as_of is not None:
        found = found[found <= pd.Timestamp(as_of)]
    return None if found.empty else found.max().date().isoformat()


def series_ends(
    frame: pd.DataFrame, by: str, date: str = "date", as_of: object = None
) -> dict[str, str]:
    """Each series' last date (ISO) in ``frame``: ``{value of by: data_end}``, for
    :func:`finish`'s ``data_through`` when a chart's series end on different dates."""
    ends = {str(k): data_end(g[date], as_of=as_of) for k, g in frame.groupby(by, sort=True)}
    return {k: v for k, v in ends.items() if v}


def as_of(label: str, *dates: object) -> dict[str, str | None]:
    """:func:`finish`'s arguments for a chart with no time axis: ``label`` says what its date
    means ("Verdicts as of"), the date is the latest of ``dates``."""
    return {"data_through": data_end(*dates), "timeless": label}


def published(label: str, rows: pd.DataFrame, sources: pd.DataFrame) -> dict[str, str | None]:
    """:func:`as_of` dated by the latest publication among the sources behind ``rows`` (a
    chart of an essay's own assumptions: "The essay's assumptions, published")."""
    return as_of(label, provenance.sources_used(rows, sources)["date_published"])


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
    data_through: str | dict[str, str] | None = None,
    timeless: str | None = None,
) -> alt.TopLevelMixin:
    """Give a chart everything a reader and a citer need.

    ``chart_id`` is the stable anchor (``[a-z0-9-]+``); ``title`` states the
    finding; ``alt_text`` says in words what the chart shows; ``source`` and
    ``data_as_of`` (ISO date: when the sources were last read) are drawn under it, with
    ``data_through`` (ISO date: the latest observation drawn; by default found in the
    chart's data by :func:`latest_observation`), which the figure's downloads also carry.
    A dict ``{series: ISO date}`` gives each series' end (see :func:`series_ends`); the
    caption then names each end when they differ. ``timeless`` declares a chart with no
    time axis and says what its date means ("Verdicts as of"): the caption reads
    "<timeless> <data_through>." (a timeless chart must pass ``data_through``).
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
    if timeless is not None and not (timeless.strip() and isinstance(data_through, str)):
        raise ValueError("a timeless chart needs a label and its data_through date")
    if isinstance(data_through, dict):
        meta["series_through"] = dict(data_through)
        data_through = max(data_through.values(), default=None)
    through = data_through or latest_observation(chart, data_as_of)
    if through:
        meta["data_through"] = through
    if timeless:
        meta["data_through_label"] = timeless
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
