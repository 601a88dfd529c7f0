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


def credit_lines(*, source: str, data_through: str, number: str, url: str) -> list[str]:
    """What every exported chart carries under the drawing (as Our World in Data's do)."""
    return [
        f"Source: {source}".strip(),
        f"Data through {data_through}. Figure {number}: {url}",
        f"{BOOK_TITLE}. Licence: {LICENCE} ({LICENCE_URL})",
    ]


def _wrap(line: str, width: int) -> list[str]:
    words, out, cur = line.split(), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            out.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    return out + ([cur] if cur else [])


def stamp_svg(svg: str, *, title: str, lines: list[str]) -> str:
    """The chart's SVG with its title and credits as text under the drawing, and as
    the SVG's own ``<title>``, ``<desc>`` and Dublin Core ``<metadata>``."""
    match = re.match(
        r'(<svg[^>]*?)width="([\d.]+)" height="([\d.]+)" viewBox="0 0 [\d.]+ [\d.]+"', svg
    )
    if not match:
        raise ValueError("unexpected SVG header from vl-convert")
    width, height = float(match.group(2)), float(match.group(3))
    size, step = 11, 15
    wrapped = [part for line in lines for part in _wrap(line, max(40, int(width / (size * 0.55))))]
    new_height = height + 10 + step * len(wrapped)
    esc = html.escape
    head = (
        f'{match.group(1)}width="{width:g}" height="{new_height:g}" '
        f'viewBox="0 0 {width:g} {new_height:g}"'
    )
    body = svg[match.end() :]
    body = body.replace(
        f'<rect width="{width:g}" height="{height:g}" fill="white"/>',
        f'<rect width="{width:g}" height="{new_height:g}" fill="white"/>',
        1,
    )
    meta = (
        f"<title>{esc(title)}</title><desc>{esc(' '.join(lines))}</desc>"
        '<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:cc="http://creativecommons.org/ns#">'
        f'<cc:Work rdf:about=""><dc:title>{esc(title)}</dc:title>'
        f"<dc:source>{esc(lines[0])}</dc:source><dc:description>{esc(lines[1])}</dc:description>"
        f'<cc:license rdf:resource="{LICENCE_URL}"/></cc:Work></rdf:RDF></metadata>'
    )
    texts = "".join(
        f'<text x="8" y="{height + 6 + step * (i + 1):g}" font-family="sans-serif" '
        f'font-size="{size}" fill="#444">{esc(t)}</text>'
        for i, t in enumerate(wrapped)
    )
    tag_end = body.index(">") + 1
    body = body[:tag_end] + meta + body[tag_end:]
    return head + body.replace("</svg>", f'<g class="gai-credits">{texts}</g></svg>', 1)


def png_with_text(png: bytes, fields: dict[str, str]) -> bytes:
    """``png`` with ``iTXt`` chunks (UTF-8 keyword/text pairs) after its header."""
    import struct
    import zlib

    chunks = b""
    for key, value in fields.items():
        data = key.encode("latin-1") + b"\0\0\0\0\0" + value.encode("utf-8")
        chunks += struct.pack(">I", len(data)) + b"iTXt" + data
        chunks += struct.pack(">I", zlib.crc32(b"iTXt" + data) & 0xFFFFFFFF)
    end_of_header = 8 + 8 + 13 + 4  # signature, IHDR length/type, IHDR data, CRC
    return png[:end_of_header] + chunks + png[end_of_header:]


def render_static(
    spec: dict[str, Any],
    png: Path,
    svg: Path,
    cache: Path,
    *,
    title: str = "",
    lines: list[str] | None = None,
) -> None:
    """PNG (2x) and SVG of a spec with vl-convert, stamped with ``title`` and the
    credit ``lines`` (drawn under the chart and kept as metadata), cached by hash."""
    import vl_convert

    lines = lines or []
    key = hashlib.sha256(
        json.dumps([spec, title, lines], sort_keys=True).encode() + vl_convert.__version__.encode()
    ).hexdigest()[:20]
    cache.mkdir(parents=True, exist_ok=True)
    c_png, c_svg = cache / f"{key}.png", cache / f"{key}.svg"
    if not (c_png.exists() and c_svg.exists()):
        drawn = vl_convert.vegalite_to_svg(spec)
        stamped = stamp_svg(drawn, title=title, lines=lines) if lines else drawn
        c_svg.write_text(stamped, encoding="utf-8")
        image = vl_convert.svg_to_png(stamped, scale=2)
        fields = {"Title": title, "Source": lines[0], "Description": " ".join(lines[1:]),
                  "Copyright": f"{LICENCE} ({LICENCE_URL})"} if lines else {}  # fmt: skip
        c_png.write_bytes(png_with_text(image, fields) if fields else image)
    shutil.copyfile(c_png, png)
    shutil.copyfile(c_svg, svg)


def figure_metadata(
    *,
    title: str,
    description: str,
    rows: list[dict[str, Any]],
    units: dict[str, str] | None,
    source: str,
    data_through: str,
    citation: str,
    url: str,
) -> dict[str, Any]:
    """A CSV's sidecar, as Our World in Data's downloads carry one: what the file is,
    each column with its unit (from the chart's ``usermeta.gai.units`` where given;
    otherwise the column's type), where the data come from and how to cite it."""
    columns: list[str] = []
    for row in rows:
        columns += [k for k in row if k not in columns]
    units = units or {}

    def kind(col: str) -> str:
        values = [r[col] for r in rows if r.get(col) not in (None, "")]
        if values and all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
            return "number"
        return "text"

    return {
        "title": title,
        "description": description,
        "columns": [
            {"name": c, "type": kind(c), "unit": units.get(c, "not stated")} for c in columns
        ],
        "rows": len(rows),
        "sources": source,
        "sources_table": "data/sources.csv",
        "data_through": data_through,
        "licence": {"name": LICENCE, "url": LICENCE_URL},
        "citation": citation,
        "url": url,
    }


def write_sidecar(csv_path: Path, metadata: dict[str, Any]) -> Path:
    """``<name>.csv`` -> ``<name>.metadata.json`` beside it."""
    path = csv_path.with_name(csv_path.stem + ".metadata.json")
    text = json.dumps(metadata, indent=1, ensure_ascii=False, sort_keys=False) + "\n"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


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


def export_figure(
    spec: dict[str, Any],
    fig_dir: Path,
    cache: Path,
    *,
    chart_id: str,
    number: str,
    url: str,
    text: str,
    as_of: str,
) -> None:
    """Write ``<chart_id>.csv`` (the rows drawn) with its metadata sidecar, and the PNG
    and SVG stamped with the title, source line, data-through date, URL and licence.
    The data-through date is the one :func:`analysis.charts.finish` recorded (the latest
    observation drawn); a chart whose data carry no date falls back to ``as_of``."""
    meta = (spec.get("usermeta") or {}).get("gai") or {}
    title = meta.get("title") or chart_id
    data_through = meta.get("data_through") or as_of
    source = meta.get("source") or ""
    rows = spec_rows(spec)
    write_csv(rows, fig_dir / f"{chart_id}.csv")
    write_sidecar(
        fig_dir / f"{chart_id}.csv",
        figure_metadata(
            title=title,
            description=meta.get("alt") or "",
            rows=rows,
            units=meta.get("units"),
            source=source,
            data_through=data_through,
            citation=text,
            url=url,
        ),
    )
    render_static(
        spec,
        fig_dir / f"{chart_id}.png",
        fig_dir / f"{chart_id}.svg",
        cache,
        title=f"Figure {number}: {title}",
        lines=credit_lines(source=source, data_through=data_through, number=number, url=url),
    )


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
            export_figure(
                spec, fig_dir, cache, chart_id=chart_id, number=number, url=url, text=text,
                as_of=as_of,
            )  # fmt: skip
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
