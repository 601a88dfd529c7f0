"""`make pdf`: the whole book as one PDF with static charts (book/_ext/book_pdf.py).

Builds the PDF from the built site (GAI_SITE), then checks with Debian's
poppler-utils that it holds every chapter's title and every figure's number
and title, and that a few pages rendered to images are not blank.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.charts.payload import read_payload
from tests.conftest import ROOT
from tests.site_pages import content_pages

pytestmark = [pytest.mark.book, pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture(scope="module")
def pdf(site: Path, tmp_path_factory) -> Path:
    for tool in ("pdfunite", "pdftotext", "pdftoppm"):
        if not shutil.which(tool):
            pytest.fail(f"{tool} is missing: `make test` installs Debian's poppler-utils")
    out = tmp_path_factory.mktemp("pdf") / "book.pdf"
    # In a subprocess: the browser tests' sync Playwright may already run in this one.
    script = ROOT / "book" / "_ext" / "book_pdf.py"
    subprocess.run([sys.executable, str(script), str(site), str(out)], check=True, timeout=600)
    return out


def _text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True)
    return re.sub(r"\s+", " ", out.stdout)


def test_pdf_has_every_chapter_and_figure(site: Path, pdf: Path):
    text = _text(pdf)
    for rel in content_pages(site):
        html = (site / rel).read_text(encoding="utf-8")
        h1 = re.search(r"<h1>((?:(?!</h1>).)*?)<a class=\"headerlink\"", html, re.DOTALL)
        assert h1, f"{rel}: no title"
        title = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", h1.group(1))).strip()
        assert title in text, f"chapter {title!r} is not in the PDF"
        for number, spec in re.findall(
            r'data-figure-number="([\d.]+)".*?class="gai-spec">(.*?)</script>', html, re.DOTALL
        ):
            assert f"Figure {number}" in text, f"Figure {number} is not in the PDF"
            title = read_payload(spec)["usermeta"]["gai"]["title"]
            # The chart is printed as its SVG: its title is real text in the PDF.
            assert title[:40] in text, f"figure {number} ({title!r}) is not drawn in the PDF"


def test_pdf_pages_are_not_blank(pdf: Path, tmp_path: Path):
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))
    for n in sorted({1, 2, (pages + 1) // 2, pages}):
        prefix = tmp_path / f"p{n}"
        subprocess.run(
            ["pdftoppm", "-r", "30", "-gray", "-f", str(n), "-l", str(n), str(pdf), str(prefix)],
            check=True,
        )
        (image,) = tmp_path.glob(f"p{n}*.pgm")
        data = image.read_bytes()
        # Binary PGM: "P5\n<w> <h>\n<max>\n" then one byte per pixel.
        header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
        assert header, f"page {n}: not a PGM image"
        pixels = data[header.end() :]
        dark = sum(1 for b in pixels if b < 200)
        assert dark / len(pixels) > 0.005, f"page {n} of {pages} is blank"


def test_pdf_scorecard_prints_every_claim_with_its_verdict_and_reason(pdf: Path):
    """Issue 21: the scorecard prints every column (none clipped at the page edge).
    Table cells come out of pdftotext interleaved, so each claim's verdict and the
    words of its reason are looked up as words, not as one run of text."""
    import re

    from analysis.claims.pipeline import build_scorecard
    from analysis.data import datasets

    text = _text(pdf)
    tokens = set(re.findall(r"[A-Za-z0-9$%]+", text.replace("-\n", "")))
    # pdftotext drops the hyphen of a compound broken at a line end ("human-" /
    # "versus") and glues the word to whatever it reads next from an interleaved cell,
    # so the first part of a hyphenated compound may stand as a token's beginning
    card = build_scorecard(datasets.load)
    for row in card.itertuples():
        assert all(w in tokens for w in row.verdict.split()), row.claim_id
        reason = row.reasoning if isinstance(row.reasoning, str) else ""
        words = re.findall(r"[A-Za-z]{4,}", reason)[:12]
        broken = set(re.findall(r"([A-Za-z]{4,})-[A-Za-z]", reason))
        missing = [
            w
            for w in words
            if w not in tokens and not (w in broken and any(t.startswith(w) for t in tokens))
        ]
        assert not missing, (row.claim_id, missing)
    assert "\u2195" not in text  # no sort arrows in print


def _figures(site: Path) -> list[dict]:
    """Every figure's metadata (``usermeta.gai``: title, source, ...) across the book."""
    out = []
    for rel in content_pages(site):
        html = (site / rel).read_text(encoding="utf-8")
        for spec in re.findall(r'class="gai-spec">(.*?)</script>', html, re.DOTALL):
            out.append(read_payload(spec)["usermeta"]["gai"])
    return out


def test_pdf_prints_each_figure_credit_once(site: Path, pdf: Path):
    """Issue 21: the static SVG carries the figure's source line, data-through date, URL and
    licence; the page's own source line under it is not printed a second time."""
    text = _text(pdf)
    figures = _figures(site)
    lines = [re.sub(r"\s+", " ", f["source"]).strip() for f in figures]
    for line in set(lines):
        assert text.count(line) == lines.count(line), (line, text.count(line))


def _printed(browser, site_url: str, rel: str):
    import book_pdf

    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{site_url}/{rel}", wait_until="load")
    page.evaluate(book_pdf.STATIC_CHARTS)
    page.emulate_media(media="print")
    return page


@pytest.mark.parametrize("rel", ["book/index.html", "book/apps.html", "book/profit-pools.html"])
def test_printed_charts_hold_every_label(browser, site_url, site: Path, rel: str):
    """Issue 21: no chart label cut at the image's edge in print. Each printed SVG's
    drawing (text included) lies inside its viewBox."""
    import book_pdf

    if not (site / rel).exists():
        pytest.skip(f"{rel} is not in this build")
    page = _printed(browser, site_url, rel)
    try:
        overflow = page.evaluate(
            "async (fit) => { fit = eval(fit); const out = [];"
            " for (const img of document.querySelectorAll('img.gai-chart-static')) {"
            "  const svg = decodeURIComponent(img.src.split(',').slice(1).join(','));"
            "  out.push([img.closest('figure').id, fit(svg).overflow]); } return out; }",
            book_pdf.FIT_SVG,
        )
    finally:
        page.context.close()
    assert overflow, f"{rel}: no chart printed"
    assert all(px <= 1 for _, px in overflow), overflow


@pytest.mark.parametrize("rel", ["book/apps.html", "book/verdict.html", "book/infrastructure.html"])
def test_printed_code_is_whole_and_never_empty(browser, site_url, rel: str):
    """Issue 21: no empty code boxes and no code cut at the right edge in print; the
    assumptions (parameters cell) print in full under their label."""
    page = _printed(browser, site_url, rel)
    try:
        boxes = page.eval_on_selector_all(
            "div.cell_input, div.highlight pre",
            "els => els.filter(e => e.getClientRects().length).map(e => {"
            " let shown = e.innerText.trim().length;"  # text that is there and not see-through
            " for (let p = e; p; p = p.parentElement)"
            "  if (+getComputedStyle(p).opacity < 1) shown = 0;"
            " return [e.tagName, shown, e.scrollWidth - e.clientWidth]; })",
        )
        label = page.eval_on_selector_all(
            ".tag_parameters details summary", "ss => ss.map(s => s.innerText.trim())"
        )
    finally:
        page.context.close()
    assert boxes, f"{rel}: no code printed (the assumptions should be)"
    assert all(n > 0 for _, n, _ in boxes), f"{rel}: an empty code box: {boxes}"
    assert all(cut <= 1 for _, _, cut in boxes), f"{rel}: code cut at the right: {boxes}"
    assert label == ["Assumptions: edit to re-run"], label
