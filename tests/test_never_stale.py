"""Never stale (issue 20, item 5): after an edit, `make book` gives what a clean build gives.

The slow test builds a copy of the repository, edits a data row and rebuilds,
edits a parameter in each layer chapter and rebuilds, then builds the same
sources from scratch and compares the two sites file by file (every page, the
verdict page and the front page included, every download and every notebook
offered for download), as ``benchmarks/repro.py`` compares two clean builds.
Each edit must change what the site shows, so the comparison cannot pass
because nothing changed. The fast tests check that the pages which read other
pages' parameters declare them (``gai_page_inputs``) so they re-run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, site_dir

sys.path.insert(0, str(ROOT / "benchmarks"))
import repro  # noqa: E402

JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")
IGNORE = shutil.ignore_patterns(
    "_build", ".venv", ".git", "node_modules", "__pycache__", ".pytest_cache",
    ".hypothesis", ".ruff_cache", ".ipynb_checkpoints", "*.egg-info",
)  # fmt: skip

# chapter -> (file edited, text before, text after). Each changes a number the book
# shows: apps and models move a verdict's evidence, infrastructure flips a verdict,
# profit-pools moves the front page's required revenue. Profit-pools is edited on
# its .ipynb side, the other way a reader may edit a chapter (README).
PARAMETER_EDITS = {
    "apps": ("book/apps.md", "REVENUE_THRESHOLD_USD_M = 100.0", "REVENUE_THRESHOLD_USD_M = 150.0"),
    "models": ("book/models.md", "TOP_K = 3 ", "TOP_K = 2 "),
    "infrastructure": (
        "book/infrastructure.md",
        "CAPEX_THRESHOLD_USD_BN = 100.0",
        "CAPEX_THRESHOLD_USD_BN = 120.0",
    ),
    "profit-pools": ("book/profit-pools.ipynb", "DC_MULTIPLIER = 2.0", "DC_MULTIPLIER = 2.5"),
}
# Microsoft's FY2021 capex, drawn in the infrastructure chapter's capex chart.
DATA_EDIT = (
    "analysis/data/hyperscaler_capex.csv",
    "Microsoft,fiscal_year,FY2021,2021-06-30,20.622,",
    "Microsoft,fiscal_year,FY2021,2021-06-30,20.722,",
)


def _config_inputs() -> dict[str, list[str]]:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return config["sphinx"]["config"]["gai_page_inputs"]


def _reads(monkeypatch, module, call) -> set[str]:
    """The chapters whose parameters cell ``call()`` reads (through ``module.chapter_params``)."""
    from analysis.data.chapter_params import chapter_params

    seen: set[str] = set()

    def spy(chapter: str, book_dir: Path | None = None):
        seen.add(chapter)
        return chapter_params(chapter, book_dir)

    monkeypatch.setattr(module, "chapter_params", spy)
    call()
    return seen


def _declared(page: str) -> set[str]:
    return {
        p.removeprefix("book/").removesuffix(".md#parameters")
        for p in _config_inputs().get(f"book/{page}", [])
        if p.endswith(".md#parameters")
    }


SCORECARD_CALLS = ("pipeline.all_params(", "pipeline.layer_scorecard(", "build_scorecard(")


def test_every_page_declares_the_parameters_cells_it_reads(monkeypatch):
    """A page that builds the scorecard reads every page's parameters cell that
    ``all_params`` reads; one that calls ``chapter_params("x")`` reads x's; one that
    calls ``findings`` reads what the front page's findings read. Each must list
    them (its own cell excepted), or an edit there leaves it stale."""
    import re

    import data_downloads

    from analysis import findings
    from analysis.claims import pipeline
    from analysis.data import datasets

    scorecard = _reads(monkeypatch, pipeline, lambda: pipeline.all_params({"verdict": {}}))
    assert scorecard == {"apps", "models", "infrastructure", "verdict"}
    front = _reads(monkeypatch, findings, lambda: findings.key_findings(datasets.load))
    checked = 0
    for path in sorted((ROOT / "book").glob("*.md")):
        source = path.read_text(encoding="utf-8")
        read = set(re.findall(r'chapter_params\("([\w-]+)"\)', source))
        if any(call in source for call in SCORECARD_CALLS):
            read |= scorecard
        if re.search(r"\bfindings\.\w+\(", source):  # a call, not a comment naming the file
            read |= front | scorecard
        missing = read - {path.stem} - _declared(path.stem)
        assert not missing, f"book/{path.stem}.md reads {sorted(missing)}: list in gai_page_inputs"
        checked += bool(read - {path.stem})
    assert checked >= 4  # the verdict, front, infrastructure and methods pages at least
    assert {p.removeprefix("book/").removesuffix(".md#parameters") for p in
            data_downloads.SCORECARD_PARAMETERS} == scorecard  # fmt: skip


def test_a_moved_checkout_still_drops_its_cache_records():
    from analysis_cache import cached_docname

    pages = ["book/verdict", "book/index"]
    assert cached_docname("/other/clone/book/verdict.md", pages) == "book/verdict"
    assert cached_docname("/work/x/book/index.ipynb", pages) == "book/index"
    assert cached_docname("/work/x/book/apps.md", pages) is None
    assert cached_docname("/work/x/notbook/verdict.md", pages) is None


def test_the_scorecard_csv_stamp_follows_the_parameters():
    import data_downloads

    a = data_downloads.inputs_stamp("d", True, "p1")
    assert a != data_downloads.inputs_stamp("d", True, "p2")


# ----------------------------------------------------------------- the slow one


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{rel}: expected one {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _build(src: Path, out: Path | None = None) -> str:
    """``make book``'s build of ``src`` (into ``out``, else ``src/_build``); its log."""
    cmd = [str(JUPYTER_BOOK), "build", str(src), "--keep-going"]
    if out is not None:
        cmd += ["--path-output", str(out)]
    # the copy's analysis package, not the one installed from the repository
    env = {**os.environ, "PYTHONPATH": str(src)}
    proc = subprocess.run(cmd, cwd=src, env=env, capture_output=True, text=True, timeout=1800)
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log[-4000:]
    return log


def _snapshot(build: Path) -> dict[str, str]:
    return repro.site_files(build / "html")


def _changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {k for k in after if before.get(k) != after[k]}


@pytest.mark.slow
@pytest.mark.xdist_group("rebuild")
def test_an_incremental_build_after_edits_equals_a_clean_build(tmp_path: Path):
    src = tmp_path / "book"
    shutil.copytree(ROOT, src, ignore=IGNORE)
    # Start from the execution cache of the book already built, when there is one (the
    # test build of `make test`): unchanged pages then need not run again here.
    cache = site_dir().parent / ".jupyter_cache"
    if cache.is_dir():
        shutil.copytree(cache, src / "_build" / ".jupyter_cache")
    _build(src)
    build = src / "_build"
    before = _snapshot(build)

    _edit(src, *DATA_EDIT)
    _build(src)
    after_data = _snapshot(build)
    changed = _changed(before, after_data)
    assert {"data/hyperscaler_capex.csv", "book/infrastructure.html"} <= changed

    for rel, old, new in PARAMETER_EDITS.values():
        _edit(src, rel, old, new)
    log = _build(src)
    incremental = _snapshot(build)
    changed = _changed(after_data, incremental)
    for chapter in PARAMETER_EDITS:
        assert {f"book/{chapter}.html", f"_sources/book/{chapter}.ipynb"} <= changed, chapter
    assert {"book/verdict.html", "book/index.html", "data/scorecard.csv"} <= changed
    assert "stack-2023.md: Executing" not in log  # only what read an edited cell re-ran
    _build(src)  # and a rebuild with nothing changed leaves the site as it is (seconds)
    assert _snapshot(build) == incremental

    clean = tmp_path / "clean"
    _build(src, clean)
    result = repro.compare(build, clean / "_build")
    assert result["identical"], "\n".join(result["differences"][:40])


def test_search_terms_no_page_holds_are_dropped():
    from analysis_cache import prune_search_terms

    mapping = {"kept": {"book/apps"}, "gone": set(), "also": {"book/index", "book/apps"}}
    assert prune_search_terms(mapping) == ["gone"]
    assert mapping == {"kept": {"book/apps"}, "also": {"book/index", "book/apps"}}


def test_the_sitemap_lists_every_page_in_a_clean_builds_order():
    from analysis_cache import sitemap_order

    written = [("book/verdict.html", None), ("genindex.html", None), ("search.html", None)]
    docs = ["book/verdict", "book/apps", "book/index"]
    links = [link for link, _ in sitemap_order(written, docs, ".html")]
    assert links == [
        "book/apps.html",
        "book/index.html",
        "book/verdict.html",
        "genindex.html",
        "search.html",
    ]
    clean = [(f"{d}.html", None) for d in sorted(docs)] + written[1:]
    assert sitemap_order(clean, docs, ".html") == clean  # a clean build's list is unchanged


def test_a_rebuild_that_writes_nothing_leaves_the_sitemap_alone():
    """Found by `make bench`: a no-change rebuild writes no page, and listing the documents
    then wrote a sitemap without genindex and search, unlike a clean build's."""
    import queue
    from types import SimpleNamespace

    from analysis_cache import _complete_sitemap

    links: queue.Queue = queue.Queue()
    app = SimpleNamespace(
        sitemap_links=links,
        builder=SimpleNamespace(format="html"),
        config=SimpleNamespace(html_file_suffix=None, sitemap_excludes=[]),
        env=SimpleNamespace(found_docs={"book/apps"}),
    )
    _complete_sitemap(app, None)
    assert links.empty()  # sphinx-sitemap then leaves the last build's file as it is
    links.put(("search.html", None))
    _complete_sitemap(app, None)
    assert [links.get_nowait()[0] for _ in range(2)] == ["book/apps.html", "search.html"]
