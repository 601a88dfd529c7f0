"""The data dictionary's LMArena snapshots: whole rating tables and when they were taken.

``arena_snapshots`` holds every model of LMArena's overall ("full") text category
in each stored version of ``leaderboard-text.json``, taken whole (not filtered to
the models in ``models.csv``); ``arena_snapshot_dates`` says when each version was
taken at the earliest (issue 19). Registered in :data:`analysis.data.schemas.DATASETS`
like the rest.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from analysis.data.schemas import Column, Dataset, _prov, _register

SNAPSHOT_PATTERN = r"^[0-9a-f]{7}$"
"""A snapshot is named by the short (7-hex) id of the commit that holds the file."""

ELO_RANGE = (500.0, 2500.0)
"""Plausible Arena ratings, Elo points (the same bounds as ``arena_elo`` in model_quality)."""

_register(
    Dataset(
        name="arena_snapshots",
        title="LMArena ratings, whole overall category per snapshot",
        description="Every model of LMArena's overall ('full') text category in each stored "
        "version of its rating file, with the 95% interval LMArena publishes. Ratings are "
        "Elo points rounded to 0.1 (the file gives about 13 decimals).",
        key=("snapshot", "category", "model_key"),
        columns=(
            Column(
                "snapshot",
                "str",
                "Short id of the commit of the rating file (see arena_snapshot_dates).",
                pattern=SNAPSHOT_PATTERN,
                pattern_error="is not a 7-character lowercase hex commit id",
            ),
            Column("category", "enum", "LMArena category: full (overall).", choices=("full",)),
            Column("model_key", "str", "Model key exactly as in LMArena's file."),
            Column(
                "rating",
                "float",
                "Arena rating, Elo points (0.1).",
                min=ELO_RANGE[0],
                max=ELO_RANGE[1],
            ),
            Column(
                "rating_q025",
                "float",
                "Lower end of LMArena's 95% interval (2.5% quantile), Elo points.",
                min=ELO_RANGE[0],
                max=ELO_RANGE[1],
            ),
            Column(
                "rating_q975",
                "float",
                "Upper end of LMArena's 95% interval (97.5% quantile), Elo points.",
                min=ELO_RANGE[0],
                max=ELO_RANGE[1],
            ),
            *_prov(),
        ),
        notes=(
            "rating_q025 <= rating <= rating_q975 in every row.",
            "Ratings of different snapshots are on their own scales (each file is refitted "
            "and anchored), so compare models within a snapshot, not levels across snapshots.",
        ),
    )
)

_register(
    Dataset(
        name="arena_snapshot_dates",
        title="When each LMArena snapshot was taken (earliest date)",
        description="The rating files carry no date: each snapshot is dated no earlier than "
        "the release of the newest model it holds; the locator says which key and source.",
        key=("snapshot",),
        date_column="no_earlier_than",
        columns=(
            Column(
                "snapshot",
                "str",
                "Short commit id, as in arena_snapshots.",
                pattern=SNAPSHOT_PATTERN,
                pattern_error="is not a 7-character lowercase hex commit id",
            ),
            Column("no_earlier_than", "date", "The snapshot was taken on or after this date."),
            Column("newest_key", "str", "The model key that dates it."),
            Column("order", "int", "Order of the snapshots, oldest first.", min=1, max=1000),
            *_prov(),
        ),
    )
)


def interval_findings(frame: pd.DataFrame) -> Iterator[tuple[int, str, str]]:
    """``(row, column, message)`` for each row whose rating lies outside its own interval."""
    for _, row in frame.iterrows():
        low, rating, high = row["rating_q025"], row["rating"], row["rating_q975"]
        if pd.isna(low) or pd.isna(rating) or pd.isna(high):
            continue
        if low > rating:
            yield int(row["__row__"]), "rating_q025", f"{low:g} is above the rating {rating:g}"
        if high < rating:
            yield int(row["__row__"]), "rating_q975", f"{high:g} is below the rating {rating:g}"
