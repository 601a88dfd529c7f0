"""The book's Altair theme: readable type, light grid, no chart border; and how a mark
shows the strength of its source (:func:`hollow_weak`)."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from analysis.charts.palette import GRID, NEUTRAL, TEXT

THEME_NAME = "gai_report"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
WIDTH = 620
HEIGHT = 320


@alt.theme.register(THEME_NAME, enable=False)
def gai_theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": WIDTH, "continuousHeight": HEIGHT, "stroke": None},
            "title": {
                "anchor": "start",
                "fontSize": 16,
                "fontWeight": 600,
                "color": TEXT,
                "subtitleColor": NEUTRAL,
                "subtitleFontSize": 12,
                "offset": 12,
            },
            "axis": {
                "labelColor": TEXT,
                "titleColor": TEXT,
                "labelFontSize": 11,
                "titleFontSize": 12,
                "titleFontWeight": 500,
                "gridColor": GRID,
                "domainColor": NEUTRAL,
                "tickColor": NEUTRAL,
            },
            "legend": {"labelFontSize": 11, "titleFontSize": 12, "orient": "top"},
            "range": {
                "category": [
                    "#0072B2",
                    "#D55E00",
                    "#009E73",
                    "#E69F00",
                    "#56B4E9",
                    "#CC79A7",
                    "#F0E442",
                    "#000000",
                ]
            },
        }
    }


def enable() -> None:
    """Enable the book's theme for every chart made afterwards."""
    alt.theme.enable(THEME_NAME)


SOURCING_FIELD = "sourcing"
FILLED = "reported"
LIGHT = "estimate"
HOLLOW = "aggregator or blog only"
SOURCING_OPACITY = {FILLED: 1.0, LIGHT: 0.35, HOLLOW: 0.0}
"""A mark's fill by the strength of what it rests on: filled, lighter for an estimate,
hollow (outline only) for a figure resting on an aggregator or blog (issue 17)."""


def sourcing(grades: pd.Series, estimated: pd.Series | None = None) -> pd.Series:
    """Each row's :data:`SOURCING_FIELD` value: :data:`HOLLOW` where its weakest source grade
    (:func:`analysis.data.provenance.row_grades`) is ``aggregator``, else :data:`LIGHT` where
    ``estimated`` is true, else :data:`FILLED`."""
    weak = grades.eq("aggregator").to_numpy()
    light = (
        estimated.fillna(False).astype(bool).to_numpy()
        if estimated is not None
        else [False] * len(grades)
    )
    out = [HOLLOW if w else LIGHT if e else FILLED for w, e in zip(weak, light, strict=True)]
    return pd.Series(out, index=grades.index, name=SOURCING_FIELD, dtype=object)


def hollow_weak(data: pd.DataFrame, color: alt.Color | None = None) -> dict[str, Any]:
    """Encodings that draw a mark hollow when its row rests on an aggregator or blog.

    ``data`` carries :data:`SOURCING_FIELD` (from :func:`sourcing`). Gives ``fillOpacity``
    and, when ``color`` is the mark's colour encoding, a ``stroke`` of the same colour so
    a hollow mark keeps its outline (give the mark a ``strokeWidth``); it repeats the
    colour's legend settings, as a ``legend=None`` beside a legend on the same field makes
    the browser warn of a conflict. Vega-Lite draws no
    legend for ``fillOpacity``: :func:`analysis.charts.finish` adds :func:`sourcing_key`
    to the chart's subtitle instead.
    """
    present = [k for k in SOURCING_OPACITY if (data[SOURCING_FIELD] == k).any()]
    scale = alt.Scale(type="ordinal", domain=present, range=[SOURCING_OPACITY[k] for k in present])
    enc: dict[str, Any] = {
        "fillOpacity": alt.FillOpacity(
            f"{SOURCING_FIELD}:N", sort=present, scale=scale, legend=None
        )
    }
    if color is not None:  # the colour's own legend: Vega-Lite merges the two
        enc["stroke"] = alt.Stroke(**color.to_dict())
    return enc


SOURCING_KEY = {
    LIGHT: "lighter: an estimate",
    HOLLOW: "hollow: from an aggregator or blog (no stronger source stored)",
}


def chart_frames(chart: Any) -> list[pd.DataFrame]:
    """Every DataFrame a chart (layered, concatenated or faceted) draws."""
    found = [chart.data] if isinstance(getattr(chart, "data", None), pd.DataFrame) else []
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for part in getattr(chart, key, None) or []:
            found += chart_frames(part)
    inner = getattr(chart, "spec", None)
    return found + (chart_frames(inner) if isinstance(inner, alt.TopLevelMixin | alt.Chart) else [])


def sourcing_key(chart: Any) -> str | None:
    """What a chart's lighter and hollow marks mean, for the kinds it draws (None if all
    its marks are filled or it does not use :func:`hollow_weak`)."""
    kinds: set[str] = set()
    for frame in chart_frames(chart):
        if SOURCING_FIELD in frame.columns:
            kinds |= set(frame[SOURCING_FIELD].dropna())
    parts = [text for kind, text in SOURCING_KEY.items() if kind in kinds]
    return "; ".join(parts).capitalize() if parts else None
