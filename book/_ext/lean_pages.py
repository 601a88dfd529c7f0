"""Sphinx extension: lighter pages. One stylesheet per page and no indentation.

1. **One stylesheet instead of a dozen.** The theme and its extensions link
   eleven stylesheets (and one ``@import``). Served over HTTP/1.1 they take
   the browser's six connections per host, and the Vega runtime, which every
   chart waits for, queues behind them (issue 9, measured with ``make bench``).
   After the build has written its pages and copied the static files, a
   page's local stylesheets are concatenated, in the page's order, into
   ``_static/gai-styles-<list digest>.css`` (``@import`` inlined, relative
   ``url()`` references rewritten to stay correct from ``_static/``, source map
   comments dropped), and the page's ``<link>`` elements become one (``?v=``
   names the bundle's content, so caches refresh). Bundles are named by the
   list of files they hold, recorded in ``_static/gai-styles.json`` and
   rebuilt at the end of every build, so a no-change rebuild still picks up
   an edited stylesheet. Links with a ``media`` attribute, remote links and
   files outside ``_static`` stay as they are.
2. **No indentation.** The theme's templates indent every line; outside
   ``<pre>``, ``<textarea>``, ``<script>`` and ``<style>`` each run of
   whitespace that holds a line break becomes one line break, which HTML
   renders exactly as it rendered the run.

Both apply to the pages written in this build; the bundles are made again at the
end of every build and written only when their content changed.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

MANIFEST = "gai-styles.json"
PREFIX = "gai-styles-"
STYLESHEET_LINK = re.compile(r"[ \t]*<link\b(?=[^>]*\brel=\"stylesheet\")[^>]*>\n?")
_HREF = re.compile(r'\bhref="([^"]+)"')
_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*["']?([^"')]+)["']?\s*\)?\s*;""")
_SOURCE_MAP = re.compile(r"/\*[#@]\s*sourceMappingURL=[^*]*\*/")
_CHARSET = re.compile(r"""@charset\s+["'][^"']*["']\s*;""")
CSS_URL = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)""")


def ref_path(ref: str) -> str:
    """A reference's path: without its ``?query`` and ``#fragment``."""
    return re.match(r"[^?#]*", ref).group(0)


def is_local(ref: str) -> bool:
    """Whether a reference is a relative path (no scheme, no //host, no /root, no #)."""
    return not re.match(r"^(?:[a-z][a-z0-9+.-]*:|//|/|#)", ref, re.I)


_KEEP_WHITESPACE = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
_BREAK_RUN = re.compile(r"[ \t]*\n\s*")


def collapse_whitespace(html: str) -> str:
    """Each whitespace run holding a line break -> one line break, outside pre,
    textarea, script and style elements (their whitespace is content)."""
    out, last = [], 0
    for match in _KEEP_WHITESPACE.finditer(html):
        out.append(_BREAK_RUN.sub("\n", html[last : match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(_BREAK_RUN.sub("\n", html[last:]))
    return "".join(out)


class StyleBundleError(RuntimeError):
    """A stylesheet the bundle needs is missing or imports itself."""


def bundled_css(static: Path, files: list[str]) -> str:
    """The stylesheets ``files`` (paths under ``static``), as one stylesheet in ``static``."""

    def read(rel: str, seen: tuple[str, ...]) -> str:
        if rel in seen:
            raise StyleBundleError(f"stylesheet {rel} imports itself (via {' > '.join(seen)})")
        path = static / rel
        if not path.is_file():
            raise StyleBundleError(f"stylesheet {rel} is missing from {static}")
        text = _CHARSET.sub("", _SOURCE_MAP.sub("", path.read_text(encoding="utf-8")))
        folder = posixpath.dirname(rel)

        def rebase(ref: str) -> str:  # relative to rel's folder -> relative to static
            target, rest = re.match(r"([^?#]*)(.*)", ref).groups()
            return posixpath.normpath(posixpath.join(folder, target)) + rest

        def inline(match: re.Match) -> str:
            ref = match.group(1).strip()
            if not is_local(ref):
                raise StyleBundleError(f"stylesheet {rel} imports a remote file: {ref}")
            return read(ref_path(rebase(ref)), (*seen, rel))

        def url(match: re.Match) -> str:
            quote, ref = match.group(1), match.group(2).strip()
            return f"url({quote}{rebase(ref)}{quote})" if is_local(ref) else match.group(0)

        text = CSS_URL.sub(url, text)
        return _IMPORT.sub(inline, text)

    parts = [f"/* {rel} */\n{read(rel, ())}".rstrip() + "\n" for rel in files]
    return '@charset "utf-8";\n' + "".join(parts)


def bundle_name(files: list[str]) -> str:
    """The bundle's file name: a digest of the list of stylesheets it holds."""
    return PREFIX + hashlib.sha256("\n".join(files).encode()).hexdigest()[:12] + ".css"


def page_stylesheets(html: str, page_dir: str) -> list[tuple[str, str]]:
    """The page's bundleable ``<link>`` tags as (tag, path under ``_static``).

    ``page_dir`` is the page's folder relative to the site root (posix, "" at the root).
    """
    out = []
    for match in STYLESHEET_LINK.finditer(html):
        tag = match.group(0)
        href = _HREF.search(tag)
        if href is None or " media=" in tag or not is_local(href.group(1)):
            continue
        path = posixpath.normpath(posixpath.join(page_dir, href.group(1).split("?")[0]))
        if path.startswith("_static/"):
            out.append((tag, path[len("_static/") :]))
    return out


def rewrite_page(html: str, page_dir: str, link_for) -> tuple[str, list[str]]:
    """Replace the page's bundleable links by one; return the page and the bundled list.

    ``link_for(files, root)`` returns the bundle's ``<link>`` tag, given the
    site root relative to the page ("" or "../", "../../", ...).
    """
    found = page_stylesheets(html, page_dir)
    if len(found) < 2:
        return html, []
    files = [rel for _, rel in found]
    root = "../" * len(page_dir.split("/")) if page_dir else ""
    replacement = link_for(files, root)
    for i, (tag, _) in enumerate(found):
        html = html.replace(tag, replacement if i == 0 else "", 1)
    return html, files


def _read_manifest(static: Path) -> dict[str, list[str]]:
    path = static / MANIFEST
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _page_written(app: Sphinx, pagename: str, *args: Any) -> None:
    app._gai_written_pages.append(pagename)  # type: ignore[attr-defined]


def _builder_inited(app: Sphinx) -> None:
    app._gai_written_pages = []  # type: ignore[attr-defined]


def _build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    static = outdir / "_static"
    manifest = _read_manifest(static)
    versions: dict[str, str] = {}

    def write_bundle(files: list[str]) -> str:
        name = bundle_name(files)
        if name not in versions:
            target = static / name
            current = target.read_text(encoding="utf-8") if target.exists() else ""
            text = bundled_css(static, files)
            if text != current:
                target.write_text(text, encoding="utf-8")
            versions[name] = hashlib.sha256(text.encode()).hexdigest()[:8]
            manifest[name] = files
        return name

    for files in list(manifest.values()):  # bundles named by earlier builds' pages
        if all((static / f).is_file() for f in files):
            write_bundle(files)

    def link_for(files: list[str], root: str) -> str:
        name = write_bundle(files)
        return f'<link rel="stylesheet" href="{root}_static/{name}?v={versions[name]}" />\n'

    suffix = app.builder.out_suffix  # type: ignore[attr-defined]
    for pagename in app._gai_written_pages:  # type: ignore[attr-defined]
        path = outdir / f"{pagename}{suffix}"
        if not path.is_file():
            continue
        html = path.read_text(encoding="utf-8")
        page_dir = posixpath.dirname(pagename)
        new, _ = rewrite_page(html, page_dir, link_for)
        new = collapse_whitespace(new)
        if new != html:
            path.write_text(new, encoding="utf-8")
    (static / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _builder_inited)
    app.connect("html-page-context", _page_written)
    # after the other build-finished handlers (they may write static files)
    app.connect("build-finished", _build_finished, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": False, "version": "1"}
