"""Two clean builds of the same commit give byte-identical HTML (issue 21).

Three things in a build were random:

- pandas' ``Styler`` names each table ``T_`` plus five random hex digits
  (``uuid4``) and repeats the name in the table's CSS. ``stable_styler_ids``
  renames each such table, on its page, to a name derived from the page and
  the table's place on it.
- jupytext gives each cell it reads a random ``id``; the executed notebook
  (offered as the page's ``.ipynb`` download in ``_sources/``) carries them.
  ``stable_cell_ids`` replaces each with a hash of the cell's position and source.
- an object's ``repr`` (``<... at 0x7f...>``) names a memory address;
  ``strip_addresses`` removes it from any output that leaks one.

No maintained package does this: Sphinx and myst-nb pass outputs through as
the kernel wrote them.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

_STYLER_TABLE = re.compile(r'<table id="T_([0-9a-f]{5})"')
_ADDRESS = re.compile(r" at 0x[0-9a-f]{6,}")


def _digest(text: str, n: int) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:n]


def stable_styler_ids(html: str, page: str, start: int = 0) -> tuple[str, int]:
    """Rename each pandas Styler table ``T_<random>`` after ``page`` and its order.

    Returns the new HTML and the next free table number (a page's tables may
    sit in several output nodes, numbered in document order).
    """
    n = start
    for uid in dict.fromkeys(_STYLER_TABLE.findall(html)):
        new = f"gai{_digest(f'{page}#{n}', 6)}"
        html = re.sub(rf"T_{uid}(?![0-9a-f])", f"T_{new}", html)
        n += 1
    return html, n


def strip_addresses(text: str) -> str:
    """``<Foo object at 0x7f3a...>`` -> ``<Foo object>``: an address differs every run."""
    return _ADDRESS.sub("", text)


def stable_cell_ids(notebook: dict, page: str = "") -> dict:
    """Give every cell an id derived from its position and source (nbformat: 1-64 of
    [a-zA-Z0-9-_]), and its Styler tables the names the page gives them."""
    n = 0
    for i, cell in enumerate(notebook.get("cells", [])):
        source = cell.get("source", "")
        if isinstance(source, list):
            source = "".join(source)
        if "id" in cell:
            cell["id"] = _digest(f"{i}\n{source}", 8)
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html")
            if html is None:
                continue
            text = "".join(html) if isinstance(html, list) else html
            new, n = stable_styler_ids(text, page, n)
            if new != text:
                output["data"]["text/html"] = new.splitlines(keepends=True)
    return notebook


def _doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    n = 0
    for node in doctree.findall(nodes.raw):
        if "html" not in node.get("format", "").split():
            continue
        text = node.astext()
        new, n = stable_styler_ids(text, docname, n)
        new = strip_addresses(new)
        if new != text:
            node.children = [nodes.Text(new)]
    for node in doctree.findall(nodes.literal_block):
        text = node.astext()
        new = strip_addresses(text)
        if new != text:
            node.children = [nodes.Text(new)]


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    source = context.get("ipynb_source")  # set by sphinx-book-theme after copying the notebook
    if not source:
        return
    path = Path(app.outdir) / "_sources" / source
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    notebook = stable_cell_ids(json.loads(text), pagename)
    new = strip_addresses(json.dumps(notebook, indent=1, ensure_ascii=False, sort_keys=True) + "\n")
    if new != text:
        path.write_text(new, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-resolved", _doctree_resolved)
    # after sphinx-book-theme's handler (priority 500), which copies the notebook
    app.connect("html-page-context", _page_context, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
