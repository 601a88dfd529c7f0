"""What keeps the built pages fast (issue 9; the timings are in `make bench`).

Nothing here times anything: these check the page structure that the
measurements showed matters. No Font Awesome script, no search index outside
the search page, no script that blocks the parser before the content, figures
without scripts of their own; and that search and the theme's icons still work.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import opened_page
from tests.site_pages import content_pages

pytestmark = pytest.mark.book


class _Scripts(HTMLParser):
    """Every <script> of a page: its attributes, whether it sits in <head>, and
    whether it comes before the page's article."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict] = []
        self._in_head = False
        self._article_seen = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "head":
            self._in_head = True
        elif tag == "body":
            self._in_head = False
        elif tag == "article":
            self._article_seen = True
        elif tag == "script":
            self.scripts.append(
                {**a, "_head": self._in_head, "_before_article": not self._article_seen}
            )


def _scripts(path: Path) -> list[dict]:
    parser = _Scripts()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.scripts


def _blocks_parser(script: dict) -> bool:
    """A classic script without async or defer (inline or not) stops the parser."""
    if script.get("type") in ("application/json", "application/ld+json"):
        return False
    return "async" not in script and "defer" not in script


def test_no_page_loads_font_awesome_or_the_search_index_outside_search(site: Path):
    offenders = []
    for rel in content_pages(site):
        for s in _scripts(site / rel):
            src = s.get("src") or ""
            if re.search(r"fontawesome\.js|searchtools\.js|searchindex\.js|language_data\.js", src):
                offenders.append(f"{rel}: {src}")
    assert not offenders, offenders


def test_no_script_blocks_the_parser_before_the_content(site: Path):
    """Only the theme's tiny colour-mode snippet (it must run before the first
    paint, and sits before every stylesheet) may block the parser above the article."""
    offenders = []
    for rel in content_pages(site):
        for s in _scripts(site / rel):
            if s["_before_article"] and _blocks_parser(s) and "data-cfasync" not in s:
                offenders.append(f"{rel}: {s.get('src') or 'inline script'}")
    assert not offenders, offenders


def test_figures_carry_no_script_of_their_own(site: Path):
    """Each chart's spec is data; the shared runtime draws it (book/_ext/draw_charts.js)."""
    figure = re.compile(r'<figure class="gai-chart".*?</figure>', re.S)
    checked = 0
    for rel in content_pages(site):
        for fig in figure.findall((site / rel).read_text(encoding="utf-8")):
            checked += 1
            scripts = re.findall(r"<script([^>]*)>", fig)
            assert scripts == [' type="application/json" class="gai-spec"'], (rel, scripts)
    assert checked >= 20


def test_runtime_is_async_and_only_on_chart_pages(site: Path):
    for rel in content_pages(site):
        html = (site / rel).read_text(encoding="utf-8")
        runtime = [s for s in _scripts(site / rel) if "vega-runtime.js" in (s.get("src") or "")]
        if 'class="gai-chart"' in html:
            assert len(runtime) == 1 and "async" in runtime[0] and runtime[0]["_head"], rel
        else:
            assert not runtime, rel


@pytest.mark.browser
def test_search_page_finds_a_chapter(browser, site_url: str):
    """The search page keeps its scripts in order: a query returns results."""
    with opened_page(browser, site_url, "search.html?q=nvidia") as page:
        page.wait_for_function(
            "() => document.querySelectorAll('#search-results li').length > 0", timeout=15_000
        )
        titles = page.locator("#search-results li a").all_inner_texts()
    assert any("Infrastructure" in t for t in titles), titles


@pytest.mark.browser
def test_theme_icons_draw_from_the_webfont(browser, site_url: str):
    """Without the Font Awesome script the icons are CSS glyphs of its webfont."""
    with opened_page(browser, site_url, "book/models.html") as page:
        page.wait_for_function("() => document.fonts.status === 'loaded'")
        result = page.evaluate(
            """() => {
              const icon = [...document.querySelectorAll('.fa-solid.fa-bars')]
                .find(i => i.getBoundingClientRect().width > 0);
              if (!icon) return {family: '', content: '', width: 0, loaded: false};
              const style = getComputedStyle(icon, '::before');
              return {family: style.fontFamily, content: style.content,
                      width: icon.getBoundingClientRect().width,
                      loaded: document.fonts.check('900 16px "Font Awesome 6 Free"')};
            }"""
        )
    assert "Font Awesome" in result["family"], result
    assert result["content"] not in ("", "none", "normal"), result
    assert result["width"] > 0 and result["loaded"], result


def test_every_page_names_a_favicon_that_exists(site: Path):
    for rel in content_pages(site):
        html = (site / rel).read_text(encoding="utf-8")
        match = re.search(r'<link rel="icon" href="([^"]+)"', html)
        assert match, rel
        assert ((site / rel).parent / match.group(1)).resolve().is_file(), rel


def test_every_page_loads_one_stylesheet_whose_references_exist(site: Path):
    """The theme's stylesheets are one bundle (book/_ext/lean_pages.py)."""
    bundles = set()
    for rel in [*content_pages(site), "search.html", "genindex.html"]:
        html = (site / rel).read_text(encoding="utf-8")
        links = re.findall(r'<link\b[^>]*rel="stylesheet"[^>]*>', html)
        assert len(links) == 1, (rel, links)
        href = re.search(r'href="([^"?]+)\?v=[0-9a-f]{8}"', links[0])
        assert href, links[0]
        bundle = ((site / rel).parent / href.group(1)).resolve()
        assert bundle.is_file() and bundle.parent == (site / "_static").resolve(), rel
        bundles.add(bundle)
    assert len(bundles) == 1, bundles
    css = bundles.pop().read_text(encoding="utf-8")
    assert "@import" not in css and "sourceMappingURL" not in css
    refs = re.findall(r"""url\(\s*["']?([^"')]+)""", css)
    local = {r.split("?")[0].split("#")[0] for r in refs if not r.startswith("data:")}
    assert any(re.search(r"fa-solid-900\.woff2$", r) for r in local), local
    missing = sorted(r for r in local if not (site / "_static" / r).is_file() and r != "file.png")
    assert not missing, missing  # (basic.css names a file.png that Sphinx never ships)


def test_theme_scripts_wait_in_a_template_on_chart_pages_only(site: Path):
    for rel in content_pages(site):
        html = (site / rel).read_text(encoding="utf-8")
        held = re.search(r'<template id="gai-after-charts">(.*?)</template>', html, re.S)
        if 'class="gai-chart"' in html:
            assert held and "pydata-sphinx-theme.js" in held.group(1), rel
            # the accessibility fixes do not wait for the charts
            assert "gai-a11y.js" not in held.group(1) and "gai-a11y.js" in html, rel
            outside = html.replace(held.group(0), "")
            assert "pydata-sphinx-theme.js" not in outside and "doctools.js" not in outside, rel
        else:
            assert held is None and "pydata-sphinx-theme.js" in html, rel


@pytest.mark.browser
def test_theme_scripts_run_after_the_last_chart_has_drawn(browser, site_url: str):
    """Charts first, then the theme's scripts, all of which still work."""
    with opened_page(browser, site_url, "book/models.html") as page:
        timing = page.evaluate(
            """() => ({charts: window.__chartsWhenThemeScriptsCame,
                      pagename: DOCUMENTATION_OPTIONS.pagename,
                      figures: document.querySelectorAll('figure.gai-chart').length,
                      copyButtons: document.querySelectorAll('button.copybtn').length})"""
        )
        mode = page.evaluate("document.documentElement.dataset.mode")
        page.locator("button.theme-switch-button").first.click()
        switched = page.evaluate("document.documentElement.dataset.mode")
    drawn, charts = timing["charts"]  # when the first theme script was added
    assert timing["figures"] >= 8, timing  # the Models chapter draws at least 8 charts
    assert drawn == charts == timing["figures"], timing  # all of them before the theme
    assert timing["pagename"] == "book/models", timing  # inline scripts ran, in order
    assert timing["copyButtons"] > 0, timing  # copybutton.js ran once the DOM was ready
    assert switched != mode, (mode, switched)  # pydata-sphinx-theme.js wired its button
