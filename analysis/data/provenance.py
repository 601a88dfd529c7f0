"""The one rule that picks a figure when sources conflict.

Conflicting sources are kept as separate rows in the data (GUIDE §2). When the
book needs one figure per key it calls :func:`pick_preferred`, which applies
the documented rule:

1. the stronger source grade (``analysis.data.schemas.GRADES``: primary, reputable
   outlet, report of internal documents, aggregator/blog, estimate);
2. then the later ``date_published`` (a later restatement wins);
3. then the lowest ``source_id`` (only to make the choice deterministic).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.data.schemas import GRADES

GRADE_RANK: dict[str, int] = {grade: rank for rank, grade in enumerate(GRADES)}
"""Lower rank wins."""

RULE_TEXT = (
    "Where sources disagree, every figure is kept as its own row; the book uses "
    "the one from the strongest source (a filing or release, then a news "
    "organisation, then a report of internal documents, then an aggregator or blog, "
    "then an estimate), and "
    "among equals the most recently published (a later restatement wins)."
)


def pick_preferred(rows: pd.DataFrame, key: Sequence[str], sources: pd.DataFrame) -> pd.DataFrame:
    """Return one row per ``key`` chosen by the conflict rule.

    ``rows`` must have a ``source_id`` column; ``sources`` is the sources table
    (``source_id``, ``grade``, ``date_published``). The result keeps the
    columns of ``rows`` plus ``n_sources`` (how many rows shared the key), in
    the order of first appearance of each key.
    """
    missing = set(rows["source_id"]) - set(sources["source_id"])
    if missing:
        raise KeyError(f"unknown source_id(s): {sorted(missing)}")
    meta = sources.set_index("source_id")[["grade", "date_published"]]
    ranked = rows.reset_index(drop=True).copy()
    ranked["_order"] = range(len(ranked))
    ranked["_grade_rank"] = ranked["source_id"].map(meta["grade"]).map(GRADE_RANK)
    ranked["_published"] = pd.to_datetime(ranked["source_id"].map(meta["date_published"]))
    key = list(key)
    ranked["n_sources"] = ranked.groupby(key, sort=False, dropna=False)["source_id"].transform(
        "size"
    )
    ranked = ranked.sort_values(
        ["_grade_rank", "_published", "source_id"], ascending=[True, False, True]
    )
    chosen = ranked.drop_duplicates(key, keep="first").sort_values("_order")
    return chosen.drop(columns=["_order", "_grade_rank", "_published"]).reset_index(drop=True)


def sources_used(rows: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The rows of the sources table that ``rows`` cite, in publisher order."""
    used = sources[sources["source_id"].isin(set(rows["source_id"]))]
    return used.sort_values(["publisher", "date_published"]).reset_index(drop=True)


def source_line(rows: pd.DataFrame, sources: pd.DataFrame, dataset: str, limit: int = 4) -> str:
    """A chart's source line: the most-cited publishers first, then the dataset's name.

    Example: "NVIDIA; Reuters and 3 more publishers (12 sources). Dataset: nvidia_quarterly."
    """
    used = sources_used(rows, sources)
    publisher = rows["source_id"].map(sources.set_index("source_id")["publisher"])
    ranked = publisher.value_counts(sort=False).sort_values(ascending=False, kind="stable")
    publishers = list(ranked.index)
    shown = "; ".join(publishers[:limit])
    if len(publishers) > limit:
        shown += f" and {len(publishers) - limit} more publishers"
    n = len(used)
    return f"{shown} ({n} source{'s' if n != 1 else ''}). Dataset: {dataset}."


def data_as_of(rows: pd.DataFrame, sources: pd.DataFrame) -> str:
    """ISO date on which the sources behind ``rows`` were last read."""
    used = sources_used(rows, sources)
    return pd.Timestamp(used["date_accessed"].max()).date().isoformat()
