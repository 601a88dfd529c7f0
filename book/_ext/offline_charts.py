"""Sphinx extension: charts that draw offline, and a quiet theme.

* Writes ONE copy of the Vega runtime (vega + vega-lite + vega-embed, from
  ``vl_convert.javascript_bundle()``) to ``_static/vega-runtime.js``, wrapped in
  an IIFE so its top-level names cannot clash with Sphinx's globals; the
  bundle itself assigns ``window.vegaEmbed``.
* Appends the book's chart config and the mark that stands for it in a
  page's specs as ``window.gaiTheme`` (:mod:`analysis.charts.payload`), then
  ``draw_charts.js`` (beside this file), which draws every
  ``<figure class="gai-chart">`` (emitted by :mod:`analysis.charts.renderer`)
  as the parser adds it: figures carry no script of their own.
* Adds that script, async, only to pages whose body holds a chart.
* Removes the theme's console noise measured in GUIDE §5: the sphinx-thebe
  script that jupyter-book 1.0.4 injects twice although thebe is off.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

RUNTIME_NAME = "vega-runtime.js"
DRAW_CHARTS = Path(__file__).with_name("draw_charts.js")
CHART_MARKER = 'class="gai-chart'


def runtime_tail(draw_charts: bytes) -> bytes:
    """What follows the Vega bundle: the theme config and the mark that stands
    for it in a page's specs, then the drawing script."""
    from analysis.charts.payload import THEME_MARK, theme_config

    theme = {"mark": THEME_MARK, "config": theme_config()}
    return (
        f"window.gaiTheme = {json.dumps(theme, separators=(',', ':'), sort_keys=True)};\n".encode()
        + draw_charts
    )


def runtime_header(vega: str, vega_embed: str, tail: bytes) -> str:
    """The runtime file's first line: it names everything the file is made of.

    ``tail`` is :func:`runtime_tail`. A rebuild whose header matches the file
    on disk skips bundling (about a second in ``vl_convert.javascript_bundle``).
    """
    digest = hashlib.sha256(tail).hexdigest()[:16]
    return (
        f"/* Vega runtime (vega {vega}, vega-embed {vega_embed}), bundled by vl-convert;"
        f" theme and draw_charts.js {digest} */\n"
    )


def _write_runtime(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    import vl_convert

    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    target = static / RUNTIME_NAME
    draw = runtime_tail(DRAW_CHARTS.read_bytes())
    header = runtime_header(
        vl_convert.get_vega_version(), vl_convert.get_vega_embed_version(), draw
    )
    if target.exists():
        with target.open(encoding="utf-8") as fh:
            if fh.readline() == header:
                return
    body = vl_convert.javascript_bundle()
    text = header + f"(function(){{\n{body}\n}})();\n" + draw.decode("utf-8")
    target.write_text(text, encoding="utf-8")


def _write_runtime_first(app: Sphinx) -> None:
    """Write the runtime before any page: Sphinx adds ``?v=<checksum>`` to a script that
    exists when a page is written, so a clean and an incremental build then agree."""
    _write_runtime(app, None)


def _is_thebe(asset: Any) -> bool:
    filename = str(getattr(asset, "filename", asset) or "")
    body = str(getattr(asset, "attributes", {}).get("body", ""))
    return "thebe" in filename or "thebe" in body.lower()


def _drop_thebe(app: Sphinx) -> None:
    """Disconnect sphinx-thebe: thebe is off, yet jb 1.0.4 injects it (twice).

    Its handlers add a script naming a CDN and a config block to every page.
    """
    for listeners in app.events.listeners.values():
        listeners[:] = [
            lsn for lsn in listeners if getattr(lsn.handler, "__module__", "") != "sphinx_thebe"
        ]


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree
) -> None:
    # Lists are shared with the builder: edit them in place.
    for key in ("script_files", "css_files"):
        assets = context.get(key)
        if assets is not None:
            assets[:] = [a for a in assets if not _is_thebe(a)]
    if CHART_MARKER in context.get("body", ""):
        app.add_js_file(RUNTIME_NAME, loading_method="async")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _drop_thebe)
    app.connect("html-page-context", _page_context)
    app.connect("builder-inited", _write_runtime_first)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
