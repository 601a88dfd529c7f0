"""Measurements of the built site: page weight, time to charts, axe-core, Lighthouse.

The site is served on 127.0.0.1 by :class:`Server`, which gzips text files as
GitHub Pages does, so page loads measure what a reader downloads. Nothing here
asserts a time: the numbers go to ``benchmarks/results.json``.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SKIP = {"genindex.html", "search.html", "index.html"}  # index.html only redirects
_FIGURE = re.compile(r'<figure class="gai-chart".*?</figure>', re.S)
_RUNTIME = re.compile(r'<script async(?:="async")? src="[^"]*vega-runtime\.js[^"]*"></script>')
_ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
_GZIP_TYPES = {".html", ".js", ".css", ".json", ".svg", ".txt", ".xml", ".csv"}
# Every chart's "drawn" moment, recorded in the page by the same observer on the
# book's page and on the bare floor page.
_CHARTS_DONE = """
(() => {
  // Time of the last chart drawn, once every chart of the (fully parsed) page has drawn.
  // Charts may finish before parsing ends (the runtime loads async), so the check also
  // runs at DOMContentLoaded, keeping the time the last chart was drawn.
  let last;
  const check = () => {
    const figs = document.querySelectorAll('figure.gai-chart');
    if (document.readyState !== 'loading' && figs.length &&
        [...figs].every(f => f.dataset.rendered === 'true' || f.dataset.error)) {
      if (window.__chartsDone === undefined) window.__chartsDone = last ?? performance.now();
    }
  };
  new MutationObserver(() => { last = performance.now(); check(); }).observe(document,
    {attributes: true, subtree: true, attributeFilter: ['data-rendered', 'data-error']});
  document.addEventListener('DOMContentLoaded', check);
})();
"""


def content_pages(site: Path) -> list[str]:
    """Every page a reader opens (as tests/site_pages.py lists them)."""
    out = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(("_static/", "_sources/", "reports/", "_bench/")) or rel in SKIP:
            continue
        out.append(rel)
    return out


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; text files gzipped when the client accepts it (as Pages does)."""

    _cache: dict[Path, bytes] = {}

    def log_message(self, *args) -> None:
        pass

    def send_head(self):  # noqa: D102 - SimpleHTTPRequestHandler hook
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in _GZIP_TYPES and path.is_file()):
            return super().send_head()
        body = self._cache.get(path)
        if body is None:
            body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
            self._cache[path] = body
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        from io import BytesIO

        return BytesIO(body)


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A page closed while a file was still being sent (a font, say) is not an
        error of the site: without this, each one printed a traceback into the bench log."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class Server:
    """Serve ``root`` on 127.0.0.1 (a free port) in a thread, as a context manager."""

    def __init__(self, root: Path):
        handler = functools.partial(_GzipHandler, directory=str(root))
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> Server:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# ------------------------------------------------------------------ page weight


def without_charts(html: str) -> str:
    """The page with its charts removed: every ``<figure class="gai-chart">`` (view, spec,
    caption, citation, downloads) and the Vega runtime's script tag."""
    return _RUNTIME.sub("", _FIGURE.sub("", html))


def page_weight(site: Path) -> list[dict]:
    """HTML bytes of each page against the bytes of the chart specs it embeds.

    ``spec_bytes`` is each spec with its data as Vega-Lite takes them (row
    objects, compact JSON: :func:`analysis.charts.payload.spec_bytes`), the
    floor; ``payload_bytes`` is what the page holds for them (datasets written
    as columns), part of ``html_bytes``. ``frame_bytes`` is what lies outside
    the page's ``<article>``: the theme's head, navigation, table of contents,
    footer and scripts, about the same on every page, which no floor counts.
    ``no_chart_bytes`` is the page with its charts removed (:func:`without_charts`):
    with ``spec_bytes``, the floor of a one-chart page (what its chart adds is judged).
    """
    from analysis.charts.payload import SPEC_ELEMENT, read_payload, spec_bytes

    rows = []
    for rel in content_pages(site):
        raw = (site / rel).read_bytes()
        text = raw.decode("utf-8")
        specs = SPEC_ELEMENT.findall(text)
        rows.append(
            {
                "page": rel,
                "charts": len(specs),
                "html_bytes": len(raw),
                "html_gzip_bytes": len(gzip.compress(raw, mtime=0)),
                "spec_bytes": sum(spec_bytes(read_payload(s)) for s in specs),
                "payload_bytes": sum(len(s.encode("utf-8")) for s in specs),
                "no_chart_bytes": len(without_charts(text).encode("utf-8")),
                "frame_bytes": len(raw) - len(_ARTICLE.search(text).group(0).encode("utf-8"))
                if _ARTICLE.search(text)
                else None,
            }
        )
    return rows


def write_bare_pages(site: Path, pages: list[str]) -> dict[str, str]:
    """For each chart page, the floor: a bare page with the same runtime and specs.

    It holds only the page's ``<figure class="gai-chart">`` fragments (spec,
    loader and all) and the same ``_static/vega-runtime.js``, loaded async as in the book.
    """
    bare_dir = site / "_bench"
    shutil.rmtree(bare_dir, ignore_errors=True)
    bare_dir.mkdir()
    out = {}
    for i, rel in enumerate(pages):
        figures = _FIGURE.findall((site / rel).read_text(encoding="utf-8"))
        if not figures:
            continue
        name = f"_bench/bare-{i}.html"
        (site / name).write_text(
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            "<title>bare</title>"
            '<script async src="../_static/vega-runtime.js"></script></head><body>'
            + "\n".join(figures)
            + "</body></html>\n",
            encoding="utf-8",
        )
        out[rel] = name
    return out


def write_no_chart_pages(site: Path, pages: list[str]) -> dict[str, str]:
    """For each page, the same page with its charts removed (:func:`without_charts`),
    in ``_bench/`` (one folder deep, as the book's pages, so its links resolve alike).
    Call after :func:`write_bare_pages`, which empties ``_bench/``."""
    out = {}
    for i, rel in enumerate(pages):
        name = f"_bench/no-charts-{i}.html"
        html = without_charts((site / rel).read_text(encoding="utf-8"))
        (site / name).write_text(html, encoding="utf-8")
        out[rel] = name
    return out


# -------------------------------------------------------------- time to charts


def _new_context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route(
        "**/*",
        lambda r: (
            r.continue_()
            if urlparse(r.request.url).hostname == "127.0.0.1" or r.request.url.startswith("data:")
            else r.abort()
        ),
    )
    context.add_init_script(_CHARTS_DONE)
    return context


def _time_to_charts(browser, url: str) -> float:
    context = _new_context(browser)
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        page.wait_for_function("() => window.__chartsDone !== undefined", timeout=30_000)
        failed = page.eval_on_selector_all("figure.gai-chart[data-error]", "fs => fs.length")
        if failed:
            raise RuntimeError(f"{url}: {failed} charts failed to draw")
        return float(page.evaluate("window.__chartsDone"))
    finally:
        context.close()


_READY = """() => new Promise(resolve => {
  // The page parsed and first painted: the later of DOMContentLoaded and first contentful paint.
  const done = () => {
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    if (nav && nav.domContentLoadedEventEnd > 0 && fcp)
      resolve(Math.max(nav.domContentLoadedEventEnd, fcp.startTime));
    else setTimeout(done, 10);
  };
  done();
})"""


def _time_to_ready(browser, url: str) -> float:
    context = _new_context(browser)
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        return float(page.evaluate(_READY))
    finally:
        context.close()


def time_to_charts(
    browser, base: str, bare: dict[str, str], runs: int, no_charts: dict[str, str] | None = None
) -> dict[str, dict]:
    """Median ms until every chart has drawn, the book's page against its bare floor.

    ``floor_ms`` is the bare page (the charts alone). For a page in ``no_charts``,
    ``no_charts_ms`` is that page without its charts, parsed and first painted:
    the floor of a one-chart page is the two added (the page, then its chart).
    Runs alternate page and floors, each in a fresh browser context (cold cache).
    """
    no_charts = no_charts or {}
    out = {}
    for rel, bare_rel in bare.items():
        real, floor, plain = [], [], []
        _time_to_charts(browser, f"{base}/{rel}")  # warm the server's gzip cache
        _time_to_charts(browser, f"{base}/{bare_rel}")
        if rel in no_charts:
            _time_to_ready(browser, f"{base}/{no_charts[rel]}")
        for _ in range(runs):
            real.append(_time_to_charts(browser, f"{base}/{rel}"))
            floor.append(_time_to_charts(browser, f"{base}/{bare_rel}"))
            if rel in no_charts:
                plain.append(_time_to_ready(browser, f"{base}/{no_charts[rel]}"))
        out[rel] = {
            "time_ms": statistics.median(real),
            "floor_ms": statistics.median(floor),
            "time_runs_ms": [round(x, 1) for x in real],
            "floor_runs_ms": [round(x, 1) for x in floor],
        }
        if plain:
            out[rel]["no_charts_ms"] = statistics.median(plain)
            out[rel]["no_charts_runs_ms"] = [round(x, 1) for x in plain]
    return out


# ------------------------------------------------------------------------ axe


def axe(browser, base: str, pages: list[str]) -> dict[str, dict]:
    """axe-core violations per page, by impact, after the charts have drawn."""
    source = AXE.read_text(encoding="utf-8")
    out = {}
    for rel in pages:
        context = _new_context(browser)
        try:
            page = context.new_page()
            page.goto(f"{base}/{rel}", wait_until="load")
            if page.locator("figure.gai-chart").count():
                page.wait_for_function("() => window.__chartsDone !== undefined", timeout=30_000)
                # then the theme's scripts, which chart pages load after the charts
                page.wait_for_function(
                    "() => document.documentElement.dataset.gaiThemeScripts === 'ran'",
                    timeout=30_000,
                )
            page.wait_for_timeout(200)  # the theme's icon fix-ups run on the next frame
            page.add_script_tag(content=source)
            result = json.loads(
                page.evaluate(
                    "async () => JSON.stringify(await axe.run(document, "
                    "{resultTypes: ['violations']}))"
                )
            )
        finally:
            context.close()
        counts = {k: 0 for k in ("minor", "moderate", "serious", "critical")}
        rules = []
        for v in result["violations"]:
            counts[v["impact"]] = counts.get(v["impact"], 0) + len(v["nodes"])
            rules.append(f"{v['impact']}:{v['id']}")
        out[rel] = {**counts, "rules": sorted(rules)}
    return out


# ----------------------------------------------------------------- Lighthouse


def lighthouse(base: str, pages: list[str], out_dir: Path) -> dict[str, dict]:
    """Lighthouse (desktop preset) scores per page, from Debian's chromium."""
    out_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    flags = "--headless=new " + " ".join(CHROMIUM_ARGS)
    out = {}
    for i, rel in enumerate(pages):
        report = out_dir / f"lighthouse-{i}.json"
        proc = subprocess.run(
            [
                str(LIGHTHOUSE),
                f"{base}/{rel}",
                "--preset=desktop",
                "--only-categories=performance,accessibility,best-practices",
                "--output=json",
                f"--output-path={report}",
                f"--chrome-flags={flags}",
                "--quiet",
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if proc.returncode != 0 or not report.exists():
            out[rel] = {"error": (proc.stderr or proc.stdout)[-500:]}
            continue
        data = json.loads(report.read_text())
        cats = data["categories"]
        scores = {k: cats[k]["score"] for k in ("performance", "accessibility", "best-practices")}
        failing = []
        for key in ("accessibility", "best-practices"):
            for ref in cats[key]["auditRefs"]:
                audit = data["audits"][ref["id"]]
                if ref.get("weight", 0) > 0 and audit.get("score") not in (None, 1):
                    failing.append(f"{key}:{ref['id']}")
        metrics = data["audits"]
        scores["failing_audits"] = failing
        scores["lcp_ms"] = metrics.get("largest-contentful-paint", {}).get("numericValue")
        scores["tbt_ms"] = metrics.get("total-blocking-time", {}).get("numericValue")
        out[rel] = scores
    return out
