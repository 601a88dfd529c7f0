"""Sphinx extension: every figure citable, every page versioned, every chapter re-runnable.

Works on ANY chart the renderer (:mod:`analysis.charts.renderer`) emits, so the
chapters do nothing extra. At HTML write time, for each page:

* each ``<figure class="gai-chart" id="...">`` gets a number, "Figure C.N"
  (C: the page's position in the table of contents, N: the chart's order in
  the page), shown as a link to its stable anchor (the ``chart_id`` given to
  ``finish()``, unchanged when chapters are added);
* its source line links to the sources table;
* a "Cite this figure" block: a plain-text citation (book, version, figure
  number and title, data-as-of date, URL with anchor) and a BibTeX entry;
* download links to ``data/<chart_id>.csv`` (exactly the inline rows the
  spec draws), ``.png`` and ``.svg`` (rendered here with vl-convert, no
  browser);
* chapter pages built from a notebook get a link to their ``.ipynb`` (copied
  to ``notebooks/``) and Binder / Colab links built from the repository
  settings in ``_config.yml``.

The site's base URL is ``html_baseurl`` (``sphinx.config`` in ``_config.yml``);
the version is :data:`analysis.__version__`; the book's data-as-of date is the
latest ``date_accessed`` of the sources table. Both are also written into the
footer of every page.
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import re
import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

BOOK_TITLE = "Who Owns the Generative AI Platform? A data-driven re-examination"
FIG_DIR = "data"  # figure files sit beside the datasets: data/<chart_id>.{csv,png,svg}
NOTEBOOK_DIR = "notebooks"
FIGURE_RE = re.compile(r'<figure class="gai-chart" id="([^"]+)"(.*?)</figure>', re.DOTALL)
ROOT = Path(__file__).resolve().parents[2]
# The repository's LICENSE: text, data and charts under CC BY 4.0, code under MIT.
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_NOTE = f"Text, data and charts: {LICENCE} ({LICENCE_URL}); code: MIT"


# ---------------------------------------------------------------- helpers
def version() -> str:
    from analysis import __version__

    return __version__


def book_data_as_of(root: Path = ROOT) -> str:
    """Latest ``date_accessed`` in the sources table (read raw, no validation)."""
    dates = []
    for path in sorted((root / "analysis" / "data" / "sources").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            dates += [r.get("date_accessed") or "" for r in csv.DictReader(fh)]
    dates = [d for d in dates if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d)]
    return max(dates) if dates else "unknown"


def spec_rows(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows a spec draws: its named ``datasets`` plus any inline ``data.values``.

    With more than one data block each row gets a ``dataset`` column naming it.
    """
    blocks: list[tuple[str, list]] = list((spec.get("datasets") or {}).items())

    def walk(node: Any, path: str) -> None:
        if isinstance(node, dict):
            data = node.get("data")
            if isinstance(data, dict) and isinstance(data.get("values"), list):
                blocks.append((data.get("name") or path or "data", data["values"]))
            for key, value in node.items():
                if key not in ("datasets", "data"):
                    walk(value, f"{path}/{key}" if path else key)
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{path}/{i}")

    walk(spec, "")
    rows: list[dict[str, Any]] = []
    for name, values in blocks:
        for value in values:
            row = dict(value) if isinstance(value, dict) else {"value": value}
            if len(blocks) > 1:
                row = {"dataset": name, **row}
            rows.append(row)
    return rows


def write_csv(rows: list[dict[str, Any]], path: Path) -> None:
    fields: list[str] = []
    for row in rows:
        fields += [k for k in row if k not in fields]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields or ["value"])
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {k: json.dumps(v) if isinstance(v, dict | list) else v for k, v in row.items()}
            )


def render_static(spec: dict[str, Any], png: Path, svg: Path, cache: Path) -> None:
    """PNG (2x) and SVG of a spec with vl-convert, cached by the spec's hash."""
    import vl_convert

    key = hashlib.sha256(
        json.dumps(spec, sort_keys=True).encode() + vl_convert.__version__.encode()
    ).hexdigest()[:20]
    cache.mkdir(parents=True, exist_ok=True)
    c_png, c_svg = cache / f"{key}.png", cache / f"{key}.svg"
    if not (c_png.exists() and c_svg.exists()):
        c_svg.write_text(vl_convert.vegalite_to_svg(spec), encoding="utf-8")
        c_png.write_bytes(vl_convert.vegalite_to_png(spec, scale=2))
    shutil.copyfile(c_png, png)
    shutil.copyfile(c_svg, svg)


def _bib_escape(text: str) -> str:
    return re.sub(r"([&%#_$])", r"\\\1", text)


def citation(
    *, number: str, title: str, as_of: str, url: str, year: str, author: str, key: str
) -> tuple[str, str]:
    """(plain-text citation, BibTeX entry) for one figure."""
    ver = version()
    text = (
        f"{author} ({year}). Figure {number}: {title}. In: {BOOK_TITLE}, version {ver}. "
        f"Data as of {as_of}. {url}. Licence: {LICENCE}."
    )
    bib = (
        f"@misc{{{key},\n"
        f"  author = {{{{{_bib_escape(author)}}}}},\n"
        f"  title = {{Figure {number}: {_bib_escape(title)}}},\n"
        f"  howpublished = {{In: {_bib_escape(BOOK_TITLE)}}},\n"
        f"  year = {{{year}}},\n"
        f"  version = {{{ver}}},\n"
        f"  note = {{Data as of {as_of}. Licence: {LICENCE}}},\n"
        f"  url = {{{url}}},\n"
        f"}}"
    )
    return text, bib


# ---------------------------------------------------------------- Sphinx hooks
def _doc_order(app: Sphinx) -> list[str]:
    """Documents in table-of-contents order, the root first."""
    env = app.env
    order: list[str] = []

    def visit(doc: str) -> None:
        if doc in order:
            return
        order.append(doc)
        for child in env.toctree_includes.get(doc, []):
            visit(child)

    visit(app.config.root_doc)
    return order


def _relroot(pagename: str) -> str:
    return "../" * pagename.count("/")


def _config_inited(app: Sphinx, config: Any) -> None:
    as_of = book_data_as_of()
    config.gai_data_as_of = as_of
    options = dict(config.html_theme_options or {})
    note = (
        f'<p class="gai-version">{html.escape(BOOK_TITLE)}, version {html.escape(version())}. '
        f"Data as of {html.escape(as_of)}. Text, data and charts under "
        f'<a href="{LICENCE_URL}" rel="license">{LICENCE}</a>, code under MIT '
        "(the repository's LICENSE).</p>"
    )
    options["extra_footer"] = (options.get("extra_footer") or "") + note
    config.html_theme_options = options
    # The same facts for OpenGraph previews (sphinxext-opengraph, when loaded).
    if "ogp_site_url" in config and not config.ogp_site_url:
        config.ogp_site_url = config.html_baseurl


def _launch_links(app: Sphinx, pagename: str, relroot: str, nb_name: str) -> str:
    opts = app.config.html_theme_options or {}
    repo = (opts.get("repository_url") or "").rstrip("/")
    branch = opts.get("repository_branch") or "main"
    launch = opts.get("launch_buttons") or {}
    links = [
        f'<a class="gai-ipynb" href="{relroot}{NOTEBOOK_DIR}/{nb_name}" download>{nb_name}</a>'
    ]
    match = re.match(r"https://github\.com/([^/]+)/([^/]+)", repo)
    if match:
        org, name = match.groups()
        path = f"{pagename}.ipynb"
        if launch.get("binderhub_url"):
            binder = launch["binderhub_url"].rstrip("/")
            links.append(
                f'<a class="gai-binder" href="{binder}/v2/gh/{org}/{name}/{branch}'
                f'?urlpath=lab/tree/{path}">Binder</a>'
            )
        if launch.get("colab_url"):
            colab = launch["colab_url"].rstrip("/")
            links.append(
                f'<a class="gai-colab" href="{colab}/github/{org}/{name}/blob/{branch}/{path}">'
                "Colab</a>"
            )
    return '<p class="gai-reexec">Run this chapter yourself: ' + " · ".join(links) + "</p>"


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree
) -> None:
    body = context.get("body")
    if not body or app.builder.format != "html":
        return
    relroot = _relroot(pagename)
    outdir = Path(app.outdir)

    # Re-execution: the paired notebook of a chapter, and launch links.
    source = Path(app.srcdir) / f"{pagename}.ipynb"
    if source.exists() and pagename != app.config.root_doc:
        target = outdir / NOTEBOOK_DIR / f"{Path(pagename).name}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        bar = _launch_links(app, pagename, relroot, target.name)
        body = body.replace("</h1>", "</h1>" + bar, 1)

    if 'class="gai-chart"' in body:
        body = _cite_figures(app, pagename, body, relroot, outdir)
    context["body"] = body


def _cite_figures(app: Sphinx, pagename: str, body: str, relroot: str, outdir: Path) -> str:
    # imported here: analysis.charts loads altair, which a no-change rebuild never needs
    from analysis.charts.payload import SPEC_ELEMENT, read_payload

    order = [d for d in _doc_order(app) if d != app.config.root_doc]
    chapter = str(order.index(pagename) + 1) if pagename in order else ""
    base = (app.config.html_baseurl or "").rstrip("/") + "/"
    page_url = f"{base}{pagename}.html"
    year = str(app.config.copyright or "").strip()[:4] or "n.d."
    author = app.config.author or "The GenAI Platform Report team"
    sources_href = (
        f"{relroot}book/data.html#the-datasets"
        if "book/data" in app.env.found_docs
        else f"{relroot}{FIG_DIR}/sources.csv"
    )
    fig_dir = outdir / FIG_DIR
    fig_dir.mkdir(parents=True, exist_ok=True)
    cache = Path(app.doctreedir) / "gai-figures"
    seen: dict[str, str] = app.env.__dict__.setdefault("gai_figure_pages", {})
    count = {"n": 0}

    def one(match: re.Match) -> str:
        chart_id, inner = match.group(1), match.group(2)
        count["n"] += 1
        number = f"{chapter}.{count['n']}" if chapter else str(count["n"])
        if seen.get(chart_id, pagename) != pagename:
            logger.warning(
                "figure id %r is used on %s and %s: ids must be unique",
                chart_id,
                seen[chart_id],
                pagename,
            )
        seen[chart_id] = pagename
        spec_match = SPEC_ELEMENT.search(inner)
        spec = read_payload(spec_match.group(1)) if spec_match else {}
        meta = (spec.get("usermeta") or {}).get("gai") or {}
        title = meta.get("title") or chart_id
        as_of = meta.get("data_as_of") or app.config.gai_data_as_of
        url = f"{page_url}#{chart_id}"
        text, bib = citation(
            number=number,
            title=title,
            as_of=as_of,
            url=url,
            year=year,
            author=author,
            key=f"gai-{chart_id}",
        )
        try:
            write_csv(spec_rows(spec), fig_dir / f"{chart_id}.csv")
            render_static(spec, fig_dir / f"{chart_id}.png", fig_dir / f"{chart_id}.svg", cache)
        except Exception as exc:  # a chart that cannot be rendered is a build error
            logger.warning(
                "figure %s on %s: could not write its files: %s", chart_id, pagename, exc
            )
        href = f"{relroot}{FIG_DIR}/{chart_id}"
        label = (
            f'<p class="gai-fig-number"><a class="gai-fig-anchor" href="#{chart_id}">'
            f"Figure {number}</a></p>"
        )
        inner = inner.replace(
            '<span class="gai-chart-source">Source: ',
            f'<span class="gai-chart-source"><a href="{sources_href}">Source</a>: ',
            1,
        )
        tools = (
            f'<div class="gai-fig-tools" data-figure-number="{number}">'
            f"<span>Download:</span> "
            f'<a class="gai-dl-csv" href="{href}.csv" download>data (CSV)</a> · '
            f'<a class="gai-dl-png" href="{href}.png" download>chart (PNG)</a> · '
            f'<a class="gai-dl-svg" href="{href}.svg" download>chart (SVG)</a>'
            f'<details class="gai-cite"><summary>Cite this figure</summary>'
            f'<p class="gai-cite-text">{html.escape(text)}</p>'
            f'<pre class="gai-cite-bibtex">{html.escape(bib)}</pre></details></div>'
        )
        # The number goes first, the tools after the caption (inside the figure).
        head, sep, rest = inner.partition(">")
        inner = head + sep + label + rest.replace("</figcaption>", "</figcaption>" + tools, 1)
        return (
            f'<figure class="gai-chart" id="{chart_id}" data-figure-number="{number}"'
            f"{inner}</figure>"
        )

    return FIGURE_RE.sub(one, body)


def _env_purge(app: Sphinx, env: Any, docname: str) -> None:
    pages = env.__dict__.get("gai_figure_pages", {})
    for key in [k for k, v in pages.items() if v == docname]:
        del pages[key]


def chapters(confdir: Path) -> list[tuple[str, str]]:
    """(docname, title) of the root and every chapter, in ``_toc.yml`` order."""
    import yaml

    toc = yaml.safe_load((confdir / "_toc.yml").read_text(encoding="utf-8"))
    docs = [toc["root"]]

    def walk(items: list[dict[str, Any]]) -> None:
        for item in items:
            if "file" in item:
                docs.append(item["file"])
            for key in ("chapters", "sections"):
                walk(item.get(key) or [])
            for part in item.get("parts") or []:
                walk(part.get("chapters") or [])

    walk(toc.get("chapters") or [])
    for part in toc.get("parts") or []:
        walk(part.get("chapters") or [])
    out = []
    for doc in docs:
        doc = re.sub(r"\.(md|ipynb)$", "", doc)
        path = confdir / f"{doc}.md"
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        match = re.search(r"^# (.+)$", text, re.MULTILINE)
        out.append((doc, match.group(1).strip() if match else doc))
    return out


def book_bibtex(confdir: Path, config: Any) -> list[tuple[str, str]]:
    """(label, BibTeX) for the book and for each chapter."""
    base = (config.html_baseurl or "").rstrip("/") + "/"
    year = str(config.copyright or "").strip()[:4] or "n.d."
    author = _bib_escape(config.author or "The GenAI Platform Report team")
    ver = version()
    as_of = config.gai_data_as_of or book_data_as_of()
    docs = chapters(confdir)
    entries = [
        (
            "The book",
            f"@book{{gai-book,\n  author = {{{{{author}}}}},\n"
            f"  title = {{{_bib_escape(BOOK_TITLE)}}},\n  year = {{{year}}},\n"
            f"  version = {{{ver}}},\n  note = {{Data as of {as_of}. Licence: {LICENCE}}},\n"
            f"  url = {{{base}}},\n}}",
        )
    ]
    for n, (doc, title) in enumerate(docs[1:], start=1):
        key = "gai-" + re.sub(r"[^a-z0-9]+", "-", Path(doc).name.lower())
        entries.append(
            (
                f"Chapter {n}: {title}",
                f"@incollection{{{key},\n  author = {{{{{author}}}}},\n"
                f"  title = {{{_bib_escape(title)}}},\n"
                f"  booktitle = {{{_bib_escape(BOOK_TITLE)}}},\n  chapter = {{{n}}},\n"
                f"  year = {{{year}}},\n  version = {{{ver}}},\n"
                f"  note = {{Data as of {as_of}. Licence: {LICENCE}}},\n"
                f"  url = {{{base}{doc}.html}},\n}}",
            )
        )
    return entries


class CiteBookDirective(SphinxDirective):
    """``{gai-cite-book}``: BibTeX for the book and each chapter, from ``_toc.yml``."""

    def run(self) -> list[nodes.Node]:
        config = self.env.config
        confdir = Path(self.env.app.confdir)
        self.env.note_dependency(str(confdir / "_toc.yml"))
        out: list[nodes.Node] = []
        ver, as_of = version(), config.gai_data_as_of or book_data_as_of()
        para = nodes.paragraph()
        para += nodes.Text(
            f"{config.author} ({str(config.copyright)[:4]}). {BOOK_TITLE}, version {ver}. "
            f"Data as of {as_of}. {config.html_baseurl}. Licence: {LICENCE_NOTE}."
        )
        out.append(para)
        for label, bib in book_bibtex(confdir, config):
            title = nodes.paragraph()
            title += nodes.strong(text=label)
            block = nodes.literal_block(bib, bib)
            block["language"] = "bibtex"
            out += [title, block]
        return out


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("gai-cite-book", CiteBookDirective)
    app.add_config_value("gai_data_as_of", "", "html")
    app.connect("config-inited", _config_inited)
    app.connect("html-page-context", _page_context)
    app.connect("env-purge-doc", _env_purge)
    app.add_css_file("gai-citable.css")
    return {"parallel_read_safe": True, "parallel_write_safe": False, "version": "1"}
