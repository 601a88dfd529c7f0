"""Sphinx extension: publish the datasets beside the book.

Copies every dataset CSV to ``<html>/data/<name>.csv``, writes the whole
sources table (all groups) as ``<html>/data/sources.csv`` and, when the book
has the verdict chapter, the claims scorecard as ``<html>/data/scorecard.csv``,
so pages can link to them and readers can download exactly what the book used.

The files depend only on ``analysis/`` (its code and data) and on whether the
verdict chapter is built, so a stamp of those inputs sits beside them and an
unchanged rebuild skips the work (the scorecard alone takes seconds).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

DATA_URL_DIR = "data"
STAMP_NAME = ".inputs.sha256"


def inputs_stamp(analysis_digest: str, with_scorecard: bool) -> str:
    """What the published files are a function of, as one line."""
    return f"{analysis_digest} scorecard={int(with_scorecard)}\n"


def _publish(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    from analysis_cache import app_digest

    with_scorecard = "book/verdict" in app.env.found_docs
    target = Path(app.outdir) / DATA_URL_DIR
    stamp = target / STAMP_NAME
    expected = inputs_stamp(app_digest(app), with_scorecard)
    if stamp.exists() and stamp.read_text(encoding="utf-8") == expected:
        return
    from analysis.data import datasets

    target.mkdir(parents=True, exist_ok=True)
    stamp.unlink(missing_ok=True)
    for name in datasets.available():
        shutil.copyfile(datasets.csv_path(name), target / f"{name}.csv")
    datasets.load("sources").to_csv(target / "sources.csv", index=False, date_format="%Y-%m-%d")
    if with_scorecard:
        from analysis.claims.pipeline import build_scorecard
        from analysis.claims.scorecard import SCORECARD_CSV, to_csv_text

        card = build_scorecard(datasets.load)
        (target / SCORECARD_CSV).write_text(to_csv_text(card), encoding="utf-8")
    stamp.write_text(expected, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("build-finished", _publish)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
