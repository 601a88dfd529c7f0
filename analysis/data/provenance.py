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

from analysis.data.schemas import GRADE_LABELS, GRADES

GRADE_RANK: dict[str, int] = {grade: rank for rank, grade in enumerate(GRADES)}
"""Lower rank wins."""

SHOWN_ORDER: tuple[str, ...] = ("primary", "outlet", "internal_docs", "estimate", "aggregator")
"""The grades in the order a reader is shown them: an aggregator or blog last, so no
source line leads with one (issue 17). A row resting on an aggregator or blog is the
weakest a chart draws: it is drawn hollow (:func:`row_grades`)."""

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


def row_grades(rows: pd.DataFrame, sources: pd.DataFrame, column: str = "source_id") -> pd.Series:
    """Each row's weakest source grade, in :data:`SHOWN_ORDER` (an aggregator or blog is
    the weakest). ``column`` holds one ``source_id`` or several joined by ``;`` (a row
    computed from several data rows); a row with no source id gets ``None``."""
    grade = sources.set_index("source_id")["grade"]
    rank = {g: i for i, g in enumerate(SHOWN_ORDER)}
    out = []
    for ids in rows[column]:
        if ids is None or (not isinstance(ids, str) and pd.isna(ids)):
            out.append(None)
            continue
        split = [i.strip() for i in str(ids).split(";") if i.strip()]
        unknown = [i for i in split if i not in grade.index]
        if unknown:
            raise KeyError(f"unknown source_id(s): {sorted(unknown)}")
        out.append(max((grade[i] for i in split), key=rank.__getitem__) if split else None)
    return pd.Series(out, index=rows.index, name="grade", dtype=object)


def grade_mix(used: pd.DataFrame) -> str:
    """'8 primary, 3 reputable outlet, 1 aggregator/blog': sources counted by grade, in
    :data:`SHOWN_ORDER`."""
    counts = used["grade"].value_counts()
    return ", ".join(f"{counts[g]} {GRADE_LABELS[g]}" for g in SHOWN_ORDER if counts.get(g, 0))


def source_line(rows: pd.DataFrame, sources: pd.DataFrame, dataset: str, limit: int = 4) -> str:
    """A chart's source line: publishers by their strongest grade (:data:`SHOWN_ORDER`, so
    an aggregator or blog comes last), the most-cited first within a grade; then the
    sources counted by grade, then the dataset's name.

    Example: "NVIDIA; Reuters and 3 more publishers (12 sources: 10 primary, 2 reputable
    outlet). Dataset: nvidia_quarterly."
    """
    used = sources_used(rows, sources)
    meta = sources.set_index("source_id")
    cited = pd.DataFrame(
        {
            "publisher": rows["source_id"].map(meta["publisher"]),
            "rank": rows["source_id"].map(meta["grade"]).map(SHOWN_ORDER.index),
        }
    )
    by_publisher = cited.groupby("publisher", sort=False).agg(
        rank=("rank", "min"), rows=("rank", "size")
    )
    by_publisher["first"] = range(len(by_publisher))
    ranked = by_publisher.sort_values(["rank", "rows", "first"], ascending=[True, False, True])
    publishers = list(ranked.index)
    shown = "; ".join(publishers[:limit])
    if len(publishers) > limit:
        shown += f" and {len(publishers) - limit} more publishers"
    n = len(used)
    return f"{shown} ({n} source{'s' if n != 1 else ''}: {grade_mix(used)}). Dataset: {dataset}."


def data_as_of(rows: pd.DataFrame, sources: pd.DataFrame) -> str:
    """ISO date on which the sources behind ``rows`` were last read."""
    used = sources_used(rows, sources)
    return pd.Timestamp(used["date_accessed"].max()).date().isoformat()
