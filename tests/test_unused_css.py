"""book/_ext/unused_css.py: rules nothing can match are dropped, and nothing else.

The unit tests pin the rule; the browser test checks the result where it
matters, in Chromium: each page looks the same, pixel for pixel, with the
pruned bundle the site ships (and the icon font subsets it names,
book/_ext/icon_fonts.py) and with the full bundle rebuilt from the theme's
stylesheets (which names the theme's full fonts), in light and dark mode, on
a phone, and with the search dialog, a tooltip, a dropdown and the mobile
navigation open.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lean_pages import (
    MANIFEST,
    bundled_css,
    pruned_bundle,
    site_vocabulary,
)
from unused_css import Vocabulary, needed_words, prune, vocabulary

from tests.conftest import wait_until_settled
from tests.site_pages import content_pages


def vocab(*words: str, prefixes: tuple[str, ...] = ()) -> Vocabulary:
    return Vocabulary(frozenset(words), prefixes)


def selectors(css: str) -> list[str]:
    """The selectors of the style rules in ``css`` (flat, at-rules opened)."""
    return [s.strip() for s in re.findall(r"([^{}@;]+)\{[^{}]*\}", css)]


def test_a_rule_is_kept_only_when_the_site_has_every_class_it_needs():
    css = ".used{color:red}.unused{color:blue}.used .unused{x:1}.used>.also{x:2}"
    out = prune(css, vocab("used", "also"))
    assert selectors(out) == [".used", ".used>.also"]


def test_a_selector_list_keeps_only_its_usable_selectors():
    out = prune(".a,.gone,#b,p.gone{color:red}", vocab("a", "b", "p"))
    assert selectors(out) == [".a,#b"]


def test_element_names_ids_and_case_count():
    assert needed_words("div#main > UL.nav-link:hover::before") == {"div", "main", "ul", "nav-link"}
    assert selectors(prune("kbd{x:1}table td{x:2}", vocab("table", "td"))) == ["table td"]
    assert selectors(prune("#Top{x:1}", vocab("top"))) == ["#Top"]  # HTML ids, case-folded


def test_what_the_rule_cannot_judge_is_kept():
    css = (
        ".a:not(.gone){x:1}"  # inside a functional pseudo-class
        ":is(.gone,.also-gone){x:2}"
        "[data-theme=dark] .a{x:3}"  # attribute selectors
        ".sm\\:flex{x:4}"  # escapes
        "html,body,:root{x:5}"
    )
    kept = selectors(prune(css, vocab("a")))
    assert kept == [
        ".a:not(.gone)",
        ":is(.gone,.also-gone)",
        "[data-theme=dark] .a",
        ".sm\\:flex",
    ] + ["html,body,:root"]


def test_classes_a_script_builds_from_a_prefix_are_kept():
    scripts = ["t.classList.add(`bs-${this.name}-auto`)", 'el.className = "mark-" + type;']
    v = vocabulary(pages=["<p class='x'>"], scripts=scripts)
    assert "bs-" in v.prefixes and "mark-" in v.prefixes
    out = prune(".bs-tooltip-auto{x:1}.mark-rect{x:2}.bs{x:3}.other-auto{x:4}", v)
    assert selectors(out) == [".bs-tooltip-auto", ".mark-rect"]


def test_words_come_from_pages_and_scripts():
    v = vocabulary(pages=['<div class="card-body" id="top">'], scripts=['x.classList.add("show")'])
    assert {"card-body", "top", "div", "show"} <= v.words


def test_grouping_rules_are_opened_and_dropped_when_empty_others_kept_whole():
    css = (
        "@media (min-width:960px){.gone{x:1}}"
        "@media print{.a{x:2}.gone{x:3}}"
        "@supports (display:grid){.gone{x:4}}"
        "@font-face{font-family:F;src:url(f.woff2)}"
        "@keyframes spin{from{x:0}to{x:1}}"
    )
    out = prune(css, vocab("a"))
    assert "960px" not in out and "@supports" not in out
    assert re.search(r"@media print\s*\{\.a\{x:2\}\}", out), out
    assert "@font-face" in out and "@keyframes spin" in out and "from{x:0}" in out


def test_css_that_does_not_parse_is_returned_whole():
    css = ".a{x:1} .gone"  # a selector with no block: a parse error
    assert prune(css, vocab("a")) == css


def test_comments_are_dropped_and_declarations_unchanged():
    out = prune("/* note */ .a { color : red ; margin:0 auto !important }", vocab("a"))
    assert "note" not in out
    assert out.strip() == ".a{ color : red ; margin:0 auto !important }"


NAMES = st.sampled_from(["a", "b", "c", "d", "nav", "btn", "card", "show"])


@settings(max_examples=200, deadline=None)
@given(
    rules=st.lists(st.lists(NAMES, min_size=1, max_size=3), min_size=1, max_size=8),
    words=st.sets(NAMES),
)
def test_a_rule_survives_exactly_when_all_its_classes_are_words(rules, words):
    css = "".join(
        f"{' '.join('.' + n for n in rule)}{{z-index:{i}}}" for i, rule in enumerate(rules)
    )
    out = prune(css, vocab(*words))
    kept = {int(i) for i in re.findall(r"z-index:(\d+)", out)}
    assert kept == {i for i, rule in enumerate(rules) if set(rule) <= words}


def test_the_bundle_is_pruned_once_for_the_same_inputs():
    full = '@charset "utf-8";\n.a{x:1}.b{x:2}'
    first = pruned_bundle(full, vocab("a"), current="")
    assert first.splitlines()[0] == '@charset "utf-8";'
    assert first.splitlines()[1].startswith("/* gai-styles inputs ")
    assert ".b" not in first and ".a{x:1}" in first
    assert pruned_bundle(full, vocab("a"), current=first) is first  # stamp matches: kept as is
    again = pruned_bundle(full, vocab("a", "b"), current=first)  # a new word: pruned again
    assert ".b{x:2}" in again and again.splitlines()[1] != first.splitlines()[1]


def test_the_vocabulary_ignores_stylesheet_links_and_version_strings(tmp_path: Path):
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "s.js").write_text('el.classList.add("shown")')
    page = '<link rel="stylesheet" href="_static/{}.css?v={}" />\n<p class="x">'
    (tmp_path / "a.html").write_text(page.format("gai-styles-0123456789ab", "deadbeef"))
    first = site_vocabulary(tmp_path)
    (tmp_path / "a.html").write_text(page.format("pydata-sphinx-theme", "0badcafe"))
    assert site_vocabulary(tmp_path) == first
    assert {"p", "x", "shown"} <= first.words and "deadbeef" not in first.words


def test_the_shipped_bundle_is_pruned_and_smaller(site: Path):
    static = site / "_static"
    manifest = json.loads((static / MANIFEST).read_text())
    for name, files in manifest.items():
        shipped = (static / name).read_text(encoding="utf-8")
        full = bundled_css(static, files)
        assert shipped.splitlines()[1].startswith("/* gai-styles inputs "), name
        assert len(shipped) < len(full) / 2, (name, len(shipped), len(full))


# ---------------------------------------------------------------- in Chromium

STATES = {
    # state: (viewport, pages it is checked on)
    "light": ((1280, 900), "all"),
    "dark": ((1280, 900), ["book/models.html", "book/verdict.html", "book/data.html"]),
    "phone": ((400, 800), ["book/models.html", "book/verdict.html", "book/cite.html"]),
    "phone-navigation": ((400, 800), ["book/infrastructure.html"]),
    "search-dialog": ((1280, 900), ["book/apps.html"]),
    "tooltip": ((1280, 900), ["book/apps.html"]),
    "dropdown": ((1280, 900), ["book/models.html"]),
}


def _screenshot(browser, site_url: str, rel: str, state: str, css: bytes | None) -> bytes:
    (width, height), _ = STATES[state]
    context = browser.new_context(viewport={"width": width, "height": height})
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith((site_url, "data:"))
            else route.abort()
        ),
    )
    if css is not None:
        context.route(
            re.compile(r".*/_static/gai-styles-[0-9a-f]+\.css.*"),
            lambda route: route.fulfill(body=css, content_type="text/css"),
        )
    if state == "dark":
        context.add_init_script(
            "localStorage.setItem('mode','dark');localStorage.setItem('theme','dark')"
        )
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{rel}", wait_until="load")
        wait_until_settled(page)
        # draw what content-visibility: auto skips (the scorecard), so it is compared too
        page.add_style_tag(content="*{content-visibility:visible!important}")
        page.evaluate("document.fonts.ready")
        if state == "search-dialog":
            page.keyboard.press("Control+k")
        elif state == "tooltip":
            page.locator("button.theme-switch-button:visible").first.hover()
        elif state == "dropdown":
            page.locator("button.dropdown-toggle:visible").first.click()
        elif state == "phone-navigation":
            page.locator("button.primary-toggle:visible").first.click()
        page.wait_for_timeout(500)  # transitions end
        if state == "search-dialog":
            # the dialog alone: behind its backdrop the sidebar's search field is
            # caught mid-transition now and then, with either stylesheet
            return page.locator("#pst-search-dialog").screenshot(animations="disabled")
        return page.screenshot(full_page=state == "light", animations="disabled")
    finally:
        context.close()


@pytest.mark.browser
def test_pages_look_the_same_with_the_shipped_and_the_full_stylesheet_and_fonts(
    browser, site_url: str, site: Path
):
    static = site / "_static"
    manifest = json.loads((static / MANIFEST).read_text())
    assert len(manifest) == 1, manifest  # one bundle for the whole site
    full = bundled_css(static, next(iter(manifest.values()))).encode()
    pages = [*content_pages(site), "search.html", "genindex.html"]
    differ = []
    for state, (_, where) in STATES.items():
        for rel in pages if where == "all" else where:
            shipped = _screenshot(browser, site_url, rel, state, None)
            if shipped != _screenshot(browser, site_url, rel, state, full):
                differ.append((rel, state))
    assert not differ, differ
