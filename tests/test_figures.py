"""Every figure on every built page is citable (book/_ext/citable.py).

For each ``<figure class="gai-chart">``: a stable id, a number, a "Cite this
figure" block naming the book, the version, the figure, the data-as-of date and
the URL with its anchor (plain text and BibTeX), a source line linking to the
sources table, and downloads that exist: a CSV with a header and exactly the
rows the spec draws, a PNG that decodes and an SVG that parses. Chapter pages
offer their notebook; every page shows the version and the data-as-of date.
"""

from __future__ import annotations

import csv
import json
import re
import struct
import zlib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin
from xml.etree import ElementTree

import pytest

from analysis import __version__
from analysis.charts.payload import read_payload
from tests.site_pages import content_pages

pytestmark = pytest.mark.book
BOOK_TITLE = "Who Owns the Generative AI Platform? A data-driven re-examination"
FIGURE_RE = re.compile(r'<figure class="gai-chart"(.*?)</figure>', re.DOTALL)


class _Figure(HTMLParser):
    """The parts of one figure the test checks."""

    def __init__(self) -> None:
        super().__init__()
        self.attrs: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.source_href = ""
        self.spec = ""
        self.cite_text = ""
        self.bibtex = ""
        self._in: str | None = None
        self._in_source = False

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "figure" and not self.attrs:
            self.attrs = a
        cls = a.get("class", "")
        if tag == "a" and cls.startswith("gai-dl-"):
            self.links[cls.removeprefix("gai-dl-")] = a.get("href", "")
        if tag == "span" and cls == "gai-chart-source":
            self._in_source = True
        if tag == "a" and self._in_source and not self.source_href:
            self.source_href = a.get("href", "")
        if tag == "script" and cls == "gai-spec":
            self._in = "spec"
        elif tag == "p" and cls == "gai-cite-text":
            self._in = "cite_text"
        elif tag == "pre" and cls == "gai-cite-bibtex":
            self._in = "bibtex"

    def handle_endtag(self, tag):
        if tag in ("script", "p", "pre"):
            self._in = None
        if tag == "span":
            self._in_source = False

    def handle_data(self, data):
        if self._in:
            setattr(self, self._in, getattr(self, self._in) + data)


def _figures(site: Path) -> list[tuple[str, _Figure]]:
    found = []
    for rel in content_pages(site):
        text = (site / rel).read_text(encoding="utf-8")
        for match in FIGURE_RE.finditer(text):
            fig = _Figure()
            fig.feed(match.group(0))
            found.append((rel, fig))
    return found


def spec_row_count(spec: dict) -> int:
    """Rows of inline data in a spec: named datasets plus any ``data.values``."""
    n = sum(len(v) for v in (spec.get("datasets") or {}).values())

    def walk(node) -> int:
        if isinstance(node, dict):
            data = node.get("data")
            here = len(data["values"]) if isinstance(data, dict) and "values" in data else 0
            return here + sum(walk(v) for k, v in node.items() if k not in ("data", "datasets"))
        if isinstance(node, list):
            return sum(walk(v) for v in node)
        return 0

    return n + walk(spec)


def png_size(data: bytes) -> tuple[int, int]:
    """Decode a PNG enough to trust it: signature, chunk CRCs, IDAT inflates to its size."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height, depth_bytes = 8, b"", 0, 0, 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert zlib.crc32(kind + body) == crc, f"bad CRC in {kind!r}"
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[colour]
            depth_bytes = max(1, depth * channels // 8)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    assert len(raw) == height * (1 + width * depth_bytes), "image data does not match its size"
    return width, height


def test_the_book_has_figures(site: Path):
    assert _figures(site), "no figure found in the built book"


def test_every_figure_is_numbered_citable_and_downloadable(site: Path):
    problems: list[str] = []
    ids: dict[str, str] = {}
    numbers: dict[str, str] = {}
    for rel, fig in _figures(site):
        fid = fig.attrs.get("id", "")
        where = f"{rel}#{fid or '?'}"
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", fid):
            problems.append(f"{where}: no stable id")
            continue
        if fid in ids:
            problems.append(f"{where}: id also used on {ids[fid]}")
        ids[fid] = rel
        number = fig.attrs.get("data-figure-number", "")
        if not re.fullmatch(r"\d+(\.\d+)?", number):
            problems.append(f"{where}: no figure number")
        elif number in numbers:
            problems.append(f"{where}: number {number} also used by {numbers[number]}")
        numbers[number] = where
        spec = read_payload(fig.spec)
        meta = spec["usermeta"]["gai"]
        url_tail = f"{rel}#{fid}"
        text = fig.cite_text
        for needle in (BOOK_TITLE, f"version {__version__}", f"Figure {number}", meta["title"]):
            if needle not in text:
                problems.append(f"{where}: citation lacks {needle!r}")
        if f"Data as of {meta['data_as_of']}" not in text:
            problems.append(f"{where}: citation lacks the data-as-of date")
        if not re.search(r"https?://\S+" + re.escape(url_tail), text):
            problems.append(f"{where}: citation lacks the URL with its anchor")
        if not re.search(r"@\w+\{gai-" + re.escape(fid), fig.bibtex) or url_tail not in fig.bibtex:
            problems.append(f"{where}: no BibTeX entry with the URL")
        if not (fig.source_href.endswith("sources.csv") or "data.html" in fig.source_href):
            problems.append(f"{where}: source line does not link to the sources table")
        page_url = f"http://book/{rel}"
        files = {}
        for kind in ("csv", "png", "svg"):
            href = fig.links.get(kind, "")
            path = site / urljoin(page_url, href).removeprefix("http://book/")
            if not href or not path.is_file() or path.stat().st_size == 0:
                problems.append(f"{where}: {kind.upper()} download missing ({href!r})")
            files[kind] = path
        if problems:
            continue
        with files["csv"].open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        if not rows or not rows[0]:
            problems.append(f"{where}: CSV has no header")
        elif len(rows) - 1 != spec_row_count(spec):
            problems.append(
                f"{where}: CSV has {len(rows) - 1} rows, the chart {spec_row_count(spec)}"
            )
        width, height = png_size(files["png"].read_bytes())
        if width < 100 or height < 100:
            problems.append(f"{where}: PNG is only {width}x{height}")
        root = ElementTree.parse(files["svg"]).getroot()
        if not root.tag.endswith("svg") or len(list(root.iter())) < 10:
            problems.append(f"{where}: SVG does not hold a chart")
    assert not problems, "\n".join(problems)


def test_every_page_shows_version_and_data_as_of(site: Path):
    missing = []
    for rel in content_pages(site):
        text = (site / rel).read_text(encoding="utf-8")
        if not re.search(
            rf"version {re.escape(__version__)}\. Data as of \d{{4}}-\d{{2}}-\d{{2}}", text
        ):
            missing.append(rel)
    assert not missing, f"pages without version and data-as-of: {missing}"


def test_chapter_pages_offer_their_notebook_and_launch_links(site: Path):
    chapters = [
        rel
        for rel in content_pages(site)
        if (site.parents[2] / rel).with_suffix(".ipynb").exists()
        or Path(__file__).resolve().parents[1].joinpath(rel).with_suffix(".ipynb").exists()
    ]
    chapters = [rel for rel in chapters if not rel.endswith("index.html")]
    assert chapters, "no chapter page with a paired notebook"
    for rel in chapters:
        text = (site / rel).read_text(encoding="utf-8")
        match = re.search(r'class="gai-ipynb" href="([^"]+)"', text)
        assert match, f"{rel}: no notebook download"
        target = site / urljoin(f"http://book/{rel}", match.group(1)).removeprefix("http://book/")
        nb = json.loads(target.read_text(encoding="utf-8"))
        assert nb["cells"], f"{rel}: empty notebook"
        assert "mybinder.org" in text and "colab.research.google.com" in text, rel


def test_opengraph_and_sitemap(site: Path):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for rel in content_pages(site):
        text = (site / rel).read_text(encoding="utf-8")
        for prop in ("og:title", "og:url", "og:description"):
            assert f'property="{prop}"' in text, f"{rel}: no {prop}"
        assert rel in sitemap, f"{rel} is not in sitemap.xml"
