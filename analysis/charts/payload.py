"""The form in which a chart's spec travels inside a page.

A Vega-Lite dataset is a list of row objects that repeat every column name
in every row. In the page each such dataset is written once as columns
(``{"columns": [...], "rows": [[...], ...]}``) and expanded back, unchanged,
before drawing: by ``book/_ext/draw_charts.js`` in the browser and by
:func:`read_payload` for the figure downloads, the PDF and the tests. Only
datasets whose rows all hold the same columns in the same order are packed, so
expanding gives back exactly the spec Altair wrote.

The book's theme config (:mod:`analysis.charts.theme`), the same in every
chart, travels once per site instead of once per chart: a spec whose
``config`` is exactly the theme's carries the mark ``"config": "gai-theme"``,
and the shared runtime (``book/_ext/offline_charts.py`` writes the mark and
the config into it as ``window.gaiTheme``) and :func:`unpack` put the config back.
A chart that changes the config keeps its whole config.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from analysis.charts.theme import gai_theme

# In a <script> element "</" would end it: escaped, as JSON allows.
_CLOSE, _CLOSE_ESCAPED = "</", "<\\/"
_OPEN_TAG = '<script type="application/json" class="gai-spec">'
# The element that holds a chart's spec in a page; group 1 is its payload.
SPEC_ELEMENT = re.compile(re.escape(_OPEN_TAG) + r"(.*?)</script>", re.S)


THEME_MARK = "gai-theme"


def theme_config() -> dict[str, Any]:
    """The book's chart config, as every themed spec carries it (a fresh copy)."""
    return copy.deepcopy(gai_theme()["config"])


def _packable(rows: Any) -> bool:
    if not isinstance(rows, list) or not rows or not all(isinstance(r, dict) for r in rows):
        return False
    columns = list(rows[0])
    return all(list(r) == columns for r in rows)


def pack(spec: dict[str, Any]) -> dict[str, Any]:
    """``spec`` with each packable dataset written as columns and rows, and
    the theme's config as its mark."""
    if spec.get("config") == theme_config():
        spec = {**spec, "config": THEME_MARK}
    datasets = spec.get("datasets")
    if not datasets:
        return spec
    packed = {
        name: {"columns": list(rows[0]), "rows": [list(r.values()) for r in rows]}
        if _packable(rows)
        else rows
        for name, rows in datasets.items()
    }
    return {**spec, "datasets": packed}


def unpack(spec: dict[str, Any]) -> dict[str, Any]:
    """The inverse of :func:`pack`: row objects and the theme's config again."""
    if spec.get("config") == THEME_MARK:
        spec = {**spec, "config": theme_config()}
    datasets = spec.get("datasets")
    if not datasets:
        return spec
    rows = {
        name: [dict(zip(d["columns"], r, strict=True)) for r in d["rows"]]
        if isinstance(d, dict) and "columns" in d
        else d
        for name, d in datasets.items()
    }
    return {**spec, "datasets": rows}


def to_payload(spec: dict[str, Any]) -> str:
    """The text of a page's ``<script type="application/json" class="gai-spec">``."""
    text = json.dumps(pack(spec), separators=(",", ":"), sort_keys=True)
    return text.replace(_CLOSE, _CLOSE_ESCAPED)


def spec_element(spec: dict[str, Any]) -> str:
    """The ``<script>`` element that carries ``spec`` in a page."""
    return f"{_OPEN_TAG}{to_payload(spec)}</script>"


def read_payload(text: str) -> dict[str, Any]:
    """The spec (row objects) from a page's spec element text."""
    return unpack(json.loads(text.replace(_CLOSE_ESCAPED, _CLOSE)))


def spec_bytes(spec: dict[str, Any]) -> int:
    """Bytes of the spec and its data as Vega-Lite takes them (rows, compact JSON):
    the floor ``make bench`` compares a page's HTML with."""
    return len(json.dumps(unpack(spec), separators=(",", ":"), sort_keys=True).encode("utf-8"))
