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
