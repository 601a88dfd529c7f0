"""Shared fixtures: the built site (served on 127.0.0.1) and a browser."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The book's Sphinx extensions (book/_ext) import one another by name, as Sphinx
# loads them; the tests import them the same way.
sys.path.insert(0, str(ROOT / "book" / "_ext"))


def site_dir() -> Path:
    """The built HTML book the site tests read (GAI_SITE, else _build/html)."""
    return Path(os.environ.get("GAI_SITE", ROOT / "_build" / "html")).resolve()


@pytest.fixture(scope="session")
def site() -> Path:
    path = site_dir()
    if not (path / "index.html").exists():
        pytest.fail(f"no built book at {path}: run `make test` (it builds the book first)")
    return path


@pytest.fixture(scope="session")
def site_url(site: Path):
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output readable
        pass


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not Path(executable).exists():
        pytest.fail(f"{executable} is missing: `make test` installs Debian's chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def wait_until_settled(page) -> None:
    """Wait until every chart has drawn (or failed) and, on chart pages, the
    theme's scripts, which load after the charts (book/_templates/layout.html), have run."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('figure.gai-chart')]"
        ".every(f => f.dataset.rendered === 'true' || f.dataset.error)",
        timeout=20_000,
    )
    page.wait_for_function(
        "() => !document.getElementById('gai-after-charts')"
        " || document.documentElement.dataset.gaiThemeScripts === 'ran'",
        timeout=20_000,
    )


@contextlib.contextmanager
def opened_page(browser, site_url: str, rel: str):
    """Open built page ``rel`` offline (outside requests aborted), wait until every
    chart has drawn, and fail the test on any page error."""
    if not (site_dir() / re.split(r"[?#]", rel)[0]).exists():
        pytest.fail(f"{rel} is not built in {site_dir()}: run `make test`")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith((site_url, "data:", "blob:"))
            else route.abort()
        ),
    )
    # window.__chartsWhenThemeScriptsCame: [drawn, all] charts when the first
    # theme script was added to the page (layout.html holds them back on chart pages)
    context.add_init_script(
        "new MutationObserver((records) => { if (window.__chartsWhenThemeScriptsCame) return;"
        " if (records.some(r => [...r.addedNodes].some(n => n.tagName === 'SCRIPT'"
        " && /documentation_options\\.js/.test(n.src || '')))) {"
        " const f = document.querySelectorAll('figure.gai-chart');"
        " window.__chartsWhenThemeScriptsCame = [[...f].filter(x => x.dataset.rendered)"
        ".length, f.length]; } }).observe(document, {childList: true, subtree: true});"
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    response = page.goto(f"{site_url}/{rel}", wait_until="load")
    assert response is not None and response.ok, f"{rel} answered {response and response.status}"
    wait_until_settled(page)
    try:
        yield page
    finally:
        context.close()
    assert not errors, f"page errors on {rel}: {errors}"
