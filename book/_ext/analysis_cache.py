"""Sphinx extension: chapters re-execute when ``analysis/`` changes.

myst-nb's execution cache hashes a notebook's code cells only (GUIDE §5), so
after a change to the analysis package or its data a second ``make book``
would reuse outputs computed with the old code and the old rows. This
extension keeps a digest of every file under ``analysis/`` beside the cache;
when the digest differs, it empties the cache and marks every page outdated,
so each chapter runs again. Editing one chapter still re-executes only it.

A page may also read files outside ``analysis/`` (the Colophon reads
``benchmarks/results.json``). ``gai_page_inputs`` in the Sphinx config names
them, by page; when one of them changes, only that page's cached outputs are
dropped and only that page re-runs. An entry ``book/<page>.md#parameters``
stands for that page's parameters cell only: the verdict page and the front
page re-derive every layer's verdicts with the layer chapters' parameters, so
editing a parameter there re-runs them too, while editing a chapter's prose
does not.

The downloadable ``.ipynb`` of a chapter is its paired notebook; a reader who
edits the ``.md`` (or the ``.ipynb``) and runs ``make book`` would otherwise
download the old cells. :func:`sync_pairs` rewrites the side that differs from
the newer one before the build reads either.

An incremental build must also write the files a clean build writes. Two
site-wide files did not: sphinx-sitemap lists only the pages written in this
build (:func:`_complete_sitemap` lists them all), and Sphinx's search index
kept each word no page holds any more, with no page (:func:`prune_search_terms`).
``tests/test_never_stale.py`` compares the two builds file by file.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)
DIGEST_NAME = "analysis.sha256"
PAGE_INPUTS_NAME = "page-inputs.json"


PARAMETERS_SUFFIX = "#parameters"


def parameters_source(path: Path) -> bytes:
    """The source of the cell tagged ``parameters`` in a MyST notebook (empty if none)."""
    import jupytext

    notebook = jupytext.read(path)
    cells = [c for c in notebook.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    return "\n".join(c.source for c in cells).encode()


def files_digest(root: Path, paths: list[str]) -> str:
    """SHA-256 over the names and bytes of ``paths`` (relative to ``root``; absent ones count).

    ``<file>#parameters`` digests only that notebook's parameters cell.
    """
    digest = hashlib.sha256()
    for rel in sorted(paths):
        cell = rel.endswith(PARAMETERS_SUFFIX)
        path = root / (rel[: -len(PARAMETERS_SUFFIX)] if cell else rel)
        digest.update(rel.encode() + b"\0")
        if not path.is_file():
            digest.update(b"\0absent\0")
        else:
            digest.update(parameters_source(path) if cell else path.read_bytes())
    return digest.hexdigest()


def sync_pairs(book: Path) -> list[str]:
    """Make each chapter's ``.md`` and ``.ipynb`` hold the same cells; return those rewritten.

    When the two differ, the more recently modified side wins and the other
    is rewritten from it (outputs are never written into the ``.ipynb``).
    """
    import jupytext
    from jupytext.compare import compare_cells

    rewritten = []
    for md in sorted(book.glob("*.md")):
        ipynb = md.with_suffix(".ipynb")
        head = md.read_text(encoding="utf-8")[:400]
        if not ipynb.exists() or "jupytext:" not in head:
            continue
        a, b = jupytext.read(md), jupytext.read(ipynb)
        try:
            compare_cells(b.cells, a.cells, compare_ids=False)
            continue
        except Exception:  # noqa: BLE001 - jupytext raises NotebookDifference
            pass
        if md.stat().st_mtime >= ipynb.stat().st_mtime:
            for cell in a.cells:
                if cell.cell_type == "code":
                    cell.outputs, cell.execution_count = [], None
            jupytext.write(a, ipynb, fmt="ipynb")
            rewritten.append(ipynb.name)
        else:
            jupytext.write(b, md, fmt="md:myst")
            rewritten.append(md.name)
    return rewritten


def page_digests(root: Path, page_inputs: dict[str, list[str]]) -> dict[str, str]:
    """Each page's digest of the extra files it reads."""
    return {page: files_digest(root, list(paths)) for page, paths in page_inputs.items()}


def changed_pages(before: dict[str, str], now: dict[str, str]) -> list[str]:
    """Pages whose extra inputs differ from the last build's (a page new to the list counts)."""
    return sorted(page for page, digest in now.items() if before.get(page) != digest)


def cached_docname(uri: str, pages: list[str]) -> str | None:
    """The page of ``pages`` (docnames) a cache record's notebook path stands for, if any.

    Matched on the path's tail, not relative to the book's root: a record made
    in another checkout of the book (a moved or copied tree) still names the
    page, and must leave the cache with it, or the page would reuse its old
    outputs (jupyter-cache matches a notebook by its code cells, not its path).
    """
    path = Path(uri).with_suffix("").as_posix()
    for page in pages:
        if path == page or path.endswith("/" + page):
            return page
    return None


def _drop_cached(cache: Path, root: Path, pages: list[str]) -> None:
    """Remove the execution-cache records of ``pages`` (docnames)."""
    from jupyter_cache import get_cache

    store = get_cache(str(cache))
    for record in store.list_cache_records():
        if cached_docname(record.uri, pages) is not None:
            store.remove_cache(record.pk)


def analysis_digest(root: Path) -> str:
    """SHA-256 over the names and bytes of every file under ``root/analysis``."""
    digest = hashlib.sha256()
    for path in sorted((root / "analysis").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def app_digest(app: Sphinx) -> str:
    """This build's digest of ``analysis/`` (computed once per build)."""
    digest = getattr(app, "_gai_analysis_digest", None)
    if digest is None:
        digest = analysis_digest(Path(app.confdir))
        app._gai_analysis_digest = digest  # type: ignore[attr-defined]
    return digest


def _cache_dir(app: Sphinx) -> Path | None:
    config = getattr(app.env, "mystnb_config", None)
    path = getattr(config, "execution_cache_path", None)
    return Path(path) if path else None


def _builder_inited(app: Sphinx) -> None:
    synced = sync_pairs(Path(app.confdir) / "book")
    if synced:
        LOGGER.info(f"re-paired from the newer side: {', '.join(synced)}")
    app._gai_analysis_digest = None  # type: ignore[attr-defined]
    digest = app_digest(app)
    app._gai_rerun = False  # type: ignore[attr-defined]
    root = Path(app.confdir)
    app._gai_page_digests = page_digests(root, app.config.gai_page_inputs)  # type: ignore[attr-defined]
    app._gai_rerun_pages = []  # type: ignore[attr-defined]
    cache = _cache_dir(app)
    if cache is None or not cache.exists():
        return
    stamp = cache / PAGE_INPUTS_NAME
    before = json.loads(stamp.read_text()) if stamp.exists() else {}
    pages = changed_pages(before, app._gai_page_digests)  # type: ignore[attr-defined]
    if pages:
        LOGGER.info(f"inputs read by {', '.join(pages)} changed: re-running only those")
        _drop_cached(cache, root, pages)
        app._gai_rerun_pages = pages  # type: ignore[attr-defined]
    stamp = cache / DIGEST_NAME
    if stamp.exists() and stamp.read_text().strip() == digest:
        return
    LOGGER.info("analysis/ changed since the execution cache was filled: every chapter re-runs")
    shutil.rmtree(cache)
    app._gai_rerun = True  # type: ignore[attr-defined]


def _outdated(app: Sphinx, env: Any, added: set, changed: set, removed: set) -> list[str]:
    if getattr(app, "_gai_rerun", False):
        return sorted(env.found_docs - added - changed)
    pages = set(getattr(app, "_gai_rerun_pages", [])) & env.found_docs
    return sorted(pages - added - changed)


def _build_finished(app: Sphinx, exception: Exception | None) -> None:
    cache = _cache_dir(app)
    if exception is None and cache is not None and cache.exists():
        (cache / DIGEST_NAME).write_text(app_digest(app) + "\n")
        (cache / PAGE_INPUTS_NAME).write_text(
            json.dumps(app._gai_page_digests, indent=1, sort_keys=True) + "\n"  # type: ignore[attr-defined]
        )


def prune_search_terms(mapping: dict[str, set[str]]) -> list[str]:
    """Drop the words no page holds (left behind when a re-written page lost them)."""
    empty = [word for word, docs in mapping.items() if not docs]
    for word in empty:
        del mapping[word]
    return empty


def _prune_search_index(app: Sphinx) -> list:
    """``html-collect-pages`` runs before Sphinx writes the search index."""
    indexer = getattr(app.builder, "indexer", None)
    for name in ("_mapping", "_title_mapping"):
        mapping = getattr(indexer, name, None)
        if isinstance(mapping, dict):
            prune_search_terms(mapping)
    return []


def sitemap_order(written: list[tuple[str, Any]], docs: list[str], suffix: str) -> list:
    """Every document's link in a clean build's order (documents sorted, then the pages
    written besides them), keeping what was recorded for the pages written now."""
    recorded = dict(written)
    links = [f"{doc}{suffix}" for doc in sorted(docs)]
    links += [link for link, _ in written if link not in links]
    return [(link, recorded.get(link)) for link in links]


def _complete_sitemap(app: Sphinx, exception: Exception | None) -> None:
    """Before sphinx-sitemap writes ``sitemap.xml``: list every page, not only those
    written by this build."""
    import queue

    links = getattr(app, "sitemap_links", None)
    if exception is not None or links is None or app.builder.format != "html":
        return
    written = []
    while True:
        try:
            written.append(links.get_nowait())
        except queue.Empty:
            break
    if not written:  # nothing written (a no-change rebuild): sphinx-sitemap keeps the file
        return
    try:
        from sphinx_sitemap import is_excluded
    except ImportError:  # pragma: no cover - the book always loads it
        return
    suffix = app.config.html_file_suffix or ".html"
    docs = [
        d for d in app.env.found_docs if not is_excluded(d + suffix, app.config.sitemap_excludes)
    ]
    for item in sitemap_order(written, docs, suffix):
        links.put(item)


def setup(app: Sphinx) -> dict[str, Any]:
    # {docname: [paths relative to the book's root]}: files a page reads outside analysis/
    app.add_config_value("gai_page_inputs", {}, "env", types=[dict])
    # priority 600: after myst-nb's handler has set the cache path
    app.connect("builder-inited", _builder_inited, priority=600)
    app.connect("env-get-outdated", _outdated)
    app.connect("build-finished", _build_finished)
    app.connect("html-collect-pages", _prune_search_index)
    app.connect("build-finished", _complete_sitemap, priority=400)  # before sphinx-sitemap
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
