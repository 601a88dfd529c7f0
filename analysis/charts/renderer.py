"""An Altair renderer that works offline, inside Sphinx pages.

Altair's default HTML loads vega from a CDN; the inline template breaks inside
Sphinx (GUIDE §5). This renderer emits only:

* a ``<figure class="gai-chart">`` container whose height is reserved (so
  the page does not jump) and whose ``aria-label`` is the chart's text
  alternative;
* the spec as JSON in a ``<script type="application/json">``, its datasets
  written as columns (:mod:`analysis.charts.payload`);
* no script of its own: the shared runtime (``_static/vega-runtime.js``,
  added async by ``book/_ext/offline_charts.py`` only to pages with charts)
  finds each figure and draws it. An inline loader would wait for every
  stylesheet above it before the parser could go on (measured by
  ``make bench``: it cost the single-chart pages about twice the floor);
* a source line, the date of the latest observation drawn ("data through")
  and the "data as of" date under the chart, from the spec's ``usermeta``.

It also returns the Vega-Lite MIME bundle so JupyterLab draws charts natively
when a reader re-executes a notebook.
"""

from __future__ import annotations

import html
import json
from typing import Any

import altair as alt

from analysis.charts.payload import spec_element

RENDERER_NAME = "gai_offline"
_counter = {"n": 0}


def _reserved_height(spec: dict[str, Any]) -> int:
    """Pixels to reserve for a chart: its height plus title, axes and legend room."""

    def heights(s: dict[str, Any]) -> int:
        for key in ("vconcat",):
            if key in s:
                return sum(heights(c) for c in s[key]) + 20 * len(s[key])
        for key in ("hconcat", "layer", "concat"):
            if key in s:
                return max((heights(c) for c in s[key]), default=0)
        h = s.get("height")
        return h if isinstance(h, int) else 320

    base = heights(spec)
    if "facet" in spec or "spec" in spec:
        base = heights(spec.get("spec", {})) * 2
    extra = 110 if spec.get("title") else 60
    if spec.get("params") and any("bind" in p for p in spec["params"]):
        extra += 40 * sum(1 for p in spec["params"] if "bind" in p)
    return int(base + extra)


def through_words(meta: dict) -> str:
    """The caption's data-end sentence from :func:`finish`'s metadata: "Data through
    <date>.", each series' end when they differ, or a timeless chart's label and date."""
    through, ends = meta.get("data_through"), meta.get("series_through") or {}
    if not through:
        return ""
    if meta.get("data_through_label"):
        return f"{meta['data_through_label']} {through}."
    if len(set(ends.values())) > 1:  # series sharing an end are named together
        by_end: dict[str, list[str]] = {}
        for name, end in ends.items():
            by_end.setdefault(end, []).append(name)  # sorted: a spec's JSON may reorder keys
        parts = [
            f"{', '.join(n[:-1]) + ' and ' + n[-1] if len(n) > 1 else n[0]} {end}"
            for end, n in ((e, sorted(names)) for e, names in sorted(by_end.items()))
        ]
        return "Data through: " + "; ".join(parts) + "."
    return f"Data through {through}."


def chart_html(spec: dict[str, Any]) -> str:
    """The HTML fragment for one chart spec (see module docstring)."""
    meta = spec.get("usermeta", {}).get("gai", {})
    _counter["n"] += 1
    chart_id = meta.get("id") or f"chart-{_counter['n']}"
    alt_text = html.escape(meta.get("alt", "Chart"), quote=True)
    # The $schema URL is dropped (nothing on the page names a third-party
    # address); vega-embed is told the mode instead.
    body = {k: v for k, v in spec.items() if k != "$schema"}
    foot = ""
    if meta.get("source"):
        foot += f'<span class="gai-chart-source">Source: {html.escape(meta["source"])}</span>'
    if meta.get("data_through"):
        words = html.escape(through_words(meta))
        foot += f' <span class="gai-chart-through">{words}</span>'
    if meta.get("data_as_of"):
        foot += (
            f' <span class="gai-chart-asof">Data as of {html.escape(meta["data_as_of"])}.</span>'
        )
    if meta.get("note"):
        foot += f' <span class="gai-chart-note">{html.escape(meta["note"])}</span>'
    return (
        f'<figure class="gai-chart" id="{html.escape(chart_id)}" role="figure" '
        f'aria-label="{alt_text}">'
        f'<div class="gai-chart-view" style="min-height:{_reserved_height(spec)}px"></div>'
        f"{spec_element(body)}"
        f'<figcaption class="gai-chart-foot">{foot}</figcaption>'
        "</figure>"
    )


def drawn_columns_only(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with each named dataset cut to the columns the chart uses.

    A column stays when its name appears anywhere in the spec outside
    ``datasets`` (an encoding, a tooltip, a transform, an expression such as
    ``datum.x``, even the text alternative): a test that may keep a column the
    chart ignores but never drops one it uses. Rows are untouched, so the
    figure's CSV download (``book/_ext/citable.py``) is still exactly the data
    the chart draws. Chart factories pass whole frames; this keeps the page
    weight down in one place (``make bench`` measures it).
    """
    datasets = spec.get("datasets")
    if not datasets:
        return spec
    rest = json.dumps({k: v for k, v in spec.items() if k != "datasets"}, sort_keys=True)

    def used(column: str) -> bool:
        return json.dumps(column)[1:-1] in rest

    kept = {
        name: [
            {k: v for k, v in row.items() if used(k)} if isinstance(row, dict) else row
            for row in rows
        ]
        if isinstance(rows, list)
        else rows
        for name, rows in datasets.items()
    }
    return {**spec, "datasets": kept}


def render(spec: dict[str, Any], **_: Any) -> dict[str, Any]:
    """Altair renderer entry point: an HTML fragment plus the Vega-Lite bundle."""
    spec = drawn_columns_only(spec)
    schema = spec.get("$schema", "")
    mime = (
        "application/vnd.vegalite.v6+json"
        if "/v6" in schema
        else "application/vnd.vegalite.v5+json"
    )
    return {"text/html": chart_html(spec), mime: spec}


def enable() -> None:
    alt.renderers.register(RENDERER_NAME, render)
    alt.renderers.enable(RENDERER_NAME)
