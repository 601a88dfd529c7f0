"""One quantity, one value, on every page (issue 21).

Glue names are the book's quantities: a page's own carry its prefix, and a
quantity shown on more than one page is glued under one name of
:data:`analysis.publish.SHARED` on each of them, computed by the same function.
These tests read what the build glued (myst-nb's ``<page>.glue.json`` beside the
HTML) and the pages as rendered, and fail when one quantity reads two ways.
The static tests need no build: they read the chapters' Markdown.
"""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
from myst_nb.core.variables import format_plain_text

from analysis.charts.payload import SPEC_ELEMENT, read_payload
from analysis.publish import SHARED

BOOK = Path(__file__).resolve().parents[1] / "book"
GLUE_USE = re.compile(r"\{glue(?::[a-z]+)?\}`([^`]+)`")
GLUE_SET = re.compile(r"""glue_text\(\s*f?["']([^"'{]+)["']""")

SHARED_PAGES: dict[str, set[str]] = {
    "nv_q3fy23_dc": {"book/index", "book/infrastructure"},
    "claims_total": {"book/index", "book/stack-2023", "book/verdict"},
    "claims_a16z": {"book/stack-2023", "book/verdict"},
    "claims_teng": {"book/stack-2023", "book/verdict"},
    "claims_settled": {"book/index", "book/verdict"},
    "claims_fragile": {"book/index", "book/verdict"},
    "claims_still_open": {"book/index", "book/verdict"},
    "claims_not_testable": {"book/index", "book/verdict"},
    "rev_estimated_share": {"book/methods"},
}
"""The known shared quantities and the pages that show each (the NVIDIA quarter the
essay cited, the claims tally, the share of revenue points that are estimates)."""

TWIN_FIGURES = {
    ("book/index.html", "fig-index-pools"): ("book/profit-pools.html", "fig-profit-pools")
}
"""A front-page figure and the chapter figure it repeats: they credit the same sources."""


def _pages_using() -> dict[str, set[str]]:
    """Glue name -> the chapters (``book/<name>``) whose prose shows it."""
    used: dict[str, set[str]] = defaultdict(set)
    for md in sorted(BOOK.glob("*.md")):
        for name in GLUE_USE.findall(md.read_text(encoding="utf-8")):
            used[name.split("::")[-1]].add(f"book/{md.stem}")
    return used


# ------------------------------------------------------------------ no build needed
def test_every_shared_quantity_is_registered_and_shown_where_listed():
    assert set(SHARED_PAGES) == set(SHARED), "SHARED and the pages that show them disagree"
    used = _pages_using()
    for name, pages in SHARED_PAGES.items():
        assert used.get(name) == pages, f"{name} is shown on {sorted(used.get(name, []))}"


def test_only_registered_names_appear_on_two_pages():
    twice = {name: pages for name, pages in _pages_using().items() if len(pages) > 1}
    assert set(twice) <= set(SHARED), (
        f"shared but not registered: {sorted(set(twice) - set(SHARED))}"
    )


# ------------------------------------------------------------------ over the build
def glued(site: Path) -> dict[str, dict[str, str]]:
    """Glue name -> {page: text} over every executed page of the build."""
    execute = site.parent / "jupyter_execute"
    values: dict[str, dict[str, str]] = defaultdict(dict)
    for path in sorted(execute.rglob("*.glue.json")):
        page = path.relative_to(execute).as_posix().removesuffix(".glue.json")
        for name, output in json.loads(path.read_text(encoding="utf-8")).items():
            plain = output.get("data", {}).get("text/plain")
            if plain is not None:
                values[name][page] = format_plain_text(plain, "")
    return values


def page_text(site: Path, page: str) -> str:
    raw = (site / f"{page}.html").read_text(encoding="utf-8")
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.DOTALL)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw)).split())


@pytest.mark.book
def test_a_name_glued_on_several_pages_reads_the_same_on_each(site: Path):
    values = glued(site)
    assert values, f"no glue data beside {site}"
    differ = {n: v for n, v in values.items() if len(v) > 1 and len(set(v.values())) > 1}
    assert not differ, f"one quantity, several values: {differ}"


@pytest.mark.book
def test_each_shared_quantity_has_one_value_site_wide(site: Path):
    values = glued(site)
    problems = []
    for name, pages in SHARED_PAGES.items():
        found = values.get(name, {})
        if set(found) != pages:
            problems.append(f"{name}: glued on {sorted(found)}, shown on {sorted(pages)}")
            continue
        (text,) = set(found.values()) or {""}
        problems += [
            f"{name}: {page} does not show {text!r}"
            for page in sorted(pages)
            if " ".join(text.split()) not in page_text(site, page)
        ]
    assert not problems, "\n".join(problems)


def _figure_source(site: Path, page: str, figure_id: str) -> str:
    raw = (site / page).read_text(encoding="utf-8")
    match = re.search(rf'<figure class="gai-chart" id="{figure_id}"(.*?)</figure>', raw, re.S)
    assert match, f"{page} has no figure {figure_id}"
    spec = read_payload(SPEC_ELEMENT.search(match.group(1)).group(1))
    return spec["usermeta"]["gai"]["source"]


@pytest.mark.book
def test_a_front_page_figure_credits_what_its_chapter_figure_credits(site: Path):
    for (page, fig), (twin_page, twin) in TWIN_FIGURES.items():
        ours, theirs = _figure_source(site, page, fig), _figure_source(site, twin_page, twin)
        count = re.compile(r"\((\d+) sources?")
        assert count.search(ours).group(1) == count.search(theirs).group(1), (ours, theirs)
        assert ours == theirs


def test_the_check_fails_on_a_quantity_that_reads_two_ways(tmp_path: Path):
    execute, site = tmp_path / "jupyter_execute" / "book", tmp_path / "html"
    execute.mkdir(parents=True)
    site.mkdir()
    for page, text in (("index", "'13'"), ("verdict", "'14'")):
        out = {"claims_fragile": {"data": {"text/plain": text}}}
        (execute / f"{page}.glue.json").write_text(json.dumps(out), encoding="utf-8")
    assert glued(site) == {"claims_fragile": {"book/index": "13", "book/verdict": "14"}}
    with pytest.raises(AssertionError, match="claims_fragile"):
        test_a_name_glued_on_several_pages_reads_the_same_on_each(site)
