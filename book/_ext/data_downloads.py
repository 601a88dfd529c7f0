"""Sphinx extension: publish the datasets beside the book.

Copies every dataset CSV to ``<html>/data/<name>.csv``, writes the whole
sources table (all groups) as ``<html>/data/sources.csv`` and, when the book
has the verdict chapter, the claims scorecard as ``<html>/data/scorecard.csv``,
so pages can link to them and readers can download exactly what the book used.
Each CSV has a ``<name>.metadata.json`` beside it (title, description, each
column's unit, sources by grade, data-through date, licence, citation).

The files depend only on ``analysis/`` (its code and data), on whether the
verdict chapter is built and on the parameters cells the scorecard reads
(:data:`SCORECARD_PARAMETERS`), so a stamp of those inputs sits beside them
and an unchanged rebuild skips the work (the scorecard alone takes seconds).
Editing a chapter's parameter rewrites the scorecard CSV, as it re-runs the
verdict page.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

DATA_URL_DIR = "data"
STAMP_NAME = ".inputs.sha256"


SCORECARD_PARAMETERS = tuple(
    f"book/{page}.md#parameters" for page in ("apps", "models", "infrastructure", "verdict")
)
"""The parameters cells :func:`analysis.claims.pipeline.all_params` reads."""


def inputs_stamp(analysis_digest: str, with_scorecard: bool, parameters_digest: str = "") -> str:
    """What the published files are a function of, as one line."""
    return f"{analysis_digest} scorecard={int(with_scorecard)} parameters={parameters_digest}\n"


def _publish(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    from analysis_cache import app_digest, files_digest

    with_scorecard = "book/verdict" in app.env.found_docs
    target = Path(app.outdir) / DATA_URL_DIR
    stamp = target / STAMP_NAME
    root = Path(app.confdir)
    parameters = files_digest(root, list(SCORECARD_PARAMETERS)) if with_scorecard else ""
    expected = inputs_stamp(app_digest(app), with_scorecard, parameters)
    if stamp.exists() and stamp.read_text(encoding="utf-8") == expected:
        return
    from analysis.data import datasets

    target.mkdir(parents=True, exist_ok=True)
    stamp.unlink(missing_ok=True)
    from citable import (
        BOOK_TITLE,
        LICENCE,
        LICENCE_URL,
        book_data_as_of,
        version,
        write_sidecar,
    )

    from analysis.data.catalog import metadata

    sources = datasets.load("sources")
    config = getattr(app, "config", None)
    base = (getattr(config, "html_baseurl", "") or "").rstrip("/") + "/"
    as_of = getattr(config, "gai_data_as_of", "") or book_data_as_of()
    author = getattr(config, "author", "") or "The GenAI Platform Report team"
    year = str(getattr(config, "copyright", "") or "")[:4] or "n.d."

    def cite(name: str) -> str:
        return (
            f"{author} ({year}). Dataset {name}. In: "
            f"{BOOK_TITLE}, version {version()}. Data as of {as_of}. "
            f"{base}{DATA_URL_DIR}/{name}.csv"
        )

    for name in datasets.available():
        shutil.copyfile(datasets.csv_path(name), target / f"{name}.csv")
        meta = metadata(
            name, datasets.load(name), sources, cite(name), f"{base}{DATA_URL_DIR}/{name}.csv"
        )
        write_sidecar(target / f"{name}.csv", meta)
    sources.to_csv(target / "sources.csv", index=False, date_format="%Y-%m-%d")
    write_sidecar(
        target / "sources.csv",
        metadata("sources", sources, sources, cite("sources"), f"{base}{DATA_URL_DIR}/sources.csv"),
    )
    if with_scorecard:
        from analysis.claims.pipeline import build_scorecard
        from analysis.claims.scorecard import SCORECARD_CSV, to_csv_text

        card = build_scorecard(datasets.load)
        (target / SCORECARD_CSV).write_text(to_csv_text(card), encoding="utf-8")
        name = SCORECARD_CSV.removesuffix(".csv")
        write_sidecar(
            target / SCORECARD_CSV,
            {
                "title": "Claims scorecard",
                "description": (
                    "Every claim of the a16z and Teng essays with the book's verdict, "
                    "its reason, the evidence and the figure that shows it."
                ),
                "columns": [{"name": c, "type": "text", "unit": "text"} for c in card.columns],
                "rows": int(len(card)),
                "sources": {"table": "sources.csv"},
                "data_through": as_of,
                "licence": {"name": LICENCE, "url": LICENCE_URL},
                "citation": cite(name),
                "url": f"{base}{DATA_URL_DIR}/{SCORECARD_CSV}",
            },
        )
    stamp.write_text(expected, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("build-finished", _publish)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
