"""`make pdf`: the whole built book as one PDF, with static charts.

Serves the built HTML on 127.0.0.1, opens every page of ``_toc.yml`` in order
in Debian's Chromium (Playwright; nothing may leave 127.0.0.1), replaces each
interactive chart by its build-time SVG (``data/<chart_id>.svg``, written by
``citable.py`` with vl-convert), prints the page to PDF and joins the pages
with ``pdfunite`` (Debian poppler-utils).

Usage: python book/_ext/book_pdf.py [SITE_DIR] [OUT_PDF]
"""

from __future__ import annotations

import functools
import http.server
import os
import posixpath
import re
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from citable import chapters  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
FIT_SVG = """(text) => {
  // An SVG whose viewBox holds every mark and label it draws: vl-convert sizes the
  // image to the plot, and a long subtitle or axis label can run past its edge, where
  // print would cut it. Measured inline (getBBox ignores clipping), then removed.
  const box = document.createElement('div');
  box.style.cssText = 'position:absolute;left:-10000px;top:0;visibility:hidden';
  box.innerHTML = text;
  document.body.appendChild(box);
  const svg = box.querySelector('svg');
  let fitted = text, overflow = 0;
  if (svg) {
    const vb = svg.viewBox.baseVal, bb = svg.getBBox();
    const x0 = Math.floor(Math.min(vb.x, bb.x)), y0 = Math.floor(Math.min(vb.y, bb.y));
    const x1 = Math.ceil(Math.max(vb.x + vb.width, bb.x + bb.width));
    const y1 = Math.ceil(Math.max(vb.y + vb.height, bb.y + bb.height));
    overflow = Math.max(vb.x - x0, vb.y - y0, x1 - vb.x - vb.width, y1 - vb.y - vb.height);
    svg.setAttribute('viewBox', `${x0} ${y0} ${x1 - x0} ${y1 - y0}`);
    svg.setAttribute('width', x1 - x0);
    svg.setAttribute('height', y1 - y0);
    fitted = new XMLSerializer().serializeToString(svg);
  }
  box.remove();
  return {svg: fitted, overflow: overflow};
}"""

STATIC_CHARTS = (
    """async () => {
  const fit = """
    + FIT_SVG
    + """;
  const figs = [...document.querySelectorAll('figure.gai-chart')];
  for (const f of figs) {
    const view = f.querySelector('.gai-chart-view');
    const link = f.querySelector('a.gai-dl-svg');
    if (!view || !link) continue;
    const text = await (await fetch(link.href)).text();
    const img = document.createElement('img');
    img.className = 'gai-chart-static';
    img.alt = f.getAttribute('aria-label') || '';
    img.style.maxWidth = '100%';
    await new Promise(done => {
      img.onload = img.onerror = () => done();
      img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(fit(text).svg);
    });
    view.replaceChildren(img);
    view.style.minHeight = '0';
    // the SVG carries the figure's title, source line, data-through date, URL and licence
    // (citable.py stamps them): the page's own source line under it would print them twice
    f.querySelectorAll('.gai-chart-foot').forEach(c => c.remove());
  }
  // closed, except the assumptions (parameters cells), which print in full
  document.querySelectorAll('details').forEach(d => d.open = d.matches('.above-input'));
}"""
)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def page_paths(site: Path, confdir: Path = ROOT) -> list[str]:
    """The built book's pages in reading order, as paths inside ``site``.

    Follows Sphinx's ``<link rel="next">`` from the root page, so the order is
    the one of the table of contents the site was built with.
    """
    redirect = re.search(r"url=([^\"]+)\"", (site / "index.html").read_text(encoding="utf-8"))
    start = redirect.group(1) if redirect else f"{chapters(confdir)[0][0]}.html"
    pages: list[str] = []
    current: str | None = posixpath.normpath(start)
    while current and current not in pages and (site / current).exists():
        pages.append(current)
        html = (site / current).read_text(encoding="utf-8")
        nxt = re.search(r'<link rel="next"[^>]*href="([^"]+)"', html)
        current = (
            posixpath.normpath(posixpath.join(posixpath.dirname(current), nxt.group(1)))
            if nxt
            else None
        )
    return pages


def build_pdf(site: Path, out: Path, chromium: str | None = None) -> Path:
    from playwright.sync_api import sync_playwright

    site, out = site.resolve(), out.resolve()
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=chromium or os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                args=CHROMIUM_ARGS,
            )
            context = browser.new_context()
            context.route(
                "**/*",
                lambda route: (
                    route.continue_()
                    if urlparse(route.request.url).hostname == "127.0.0.1"
                    or route.request.url.startswith(("data:", "blob:"))
                    else route.abort()
                ),
            )
            parts = []
            for i, rel in enumerate(page_paths(site)):
                page = context.new_page()
                page.goto(f"{base}/{rel}", wait_until="load")
                page.evaluate(STATIC_CHARTS)
                page.emulate_media(media="print")
                part = Path(tmp) / f"{i:03d}.pdf"
                page.pdf(path=str(part), format="A4", print_background=True, outline=True)
                parts.append(str(part))
                page.close()
            browser.close()
            if not parts:
                raise SystemExit(f"no pages of the book found in {site}")
            subprocess.run(["pdfunite", *parts, str(out)], check=True)
    finally:
        server.shutdown()
    return out


if __name__ == "__main__":
    site = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "_build" / "html")
    out = Path(sys.argv[2] if len(sys.argv) > 2 else ROOT / "_build" / "pdf" / "book.pdf")
    print("PDF written:", build_pdf(site, out))
