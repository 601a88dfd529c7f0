"""The open-closed finding in one place, for the front page and the Models chapter.

Which benchmark the finding should name (the one whose open-weights scores
run latest, so the finding rests on the most recent data), the gap on it at
its first and last month, and the date its open-weights scores stop, so a
reader is told where the evidence ends. Inputs are
:func:`analysis.models.open_closed.scored_models` and
:func:`analysis.models.open_closed.frontier_by_month` outputs; gaps are in
the benchmark's points.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis.data.checks import require_columns
from analysis.models.open_closed import BENCHMARK_LABELS, month_start

HEADLINE_KEYS: tuple[str, ...] = (
    "benchmark",
    "benchmark_name",
    "first_month",
    "first_gap",
    "first_closed_model",
    "first_open_model",
    "last_month",
    "last_gap",
    "last_closed_model",
    "last_open_model",
    "open_end",
    "open_end_model",
    "data_end",
)


def open_scores_end(scored: pd.DataFrame, benchmark: str) -> tuple[pd.Timestamp, str]:
    """Release date and name of the latest open-weights model scored on ``benchmark``.

    After that date the open side of the benchmark is not measured: a gap or
    lag read later compares today's closed models with older open ones.
    Raises ValueError when no open model is scored on it.
    """
    require_columns(scored, ("model", "release_date", "open_weights", "benchmark"), "scored")
    rows = scored[(scored["benchmark"] == benchmark) & scored["open_weights"].astype(bool)]
    if rows.empty:
        raise ValueError(f"no open-weights model is scored on {benchmark!r}")
    top = rows.sort_values(["release_date", "model"]).iloc[-1]
    return pd.Timestamp(top["release_date"]), str(top["model"])


def latest_open_benchmark(scored: pd.DataFrame, candidates: Iterable[str]) -> str:
    """Of ``candidates``, the benchmark whose open-weights scores run latest.

    Ties go to the benchmark whose scores of any kind run latest (closed
    models still report it), then to the one with more scored open models,
    then to the order given. Candidates with no open score are skipped; none
    at all is an error.
    """
    best: tuple[pd.Timestamp, pd.Timestamp, int, int] | None = None
    choice = None
    for i, benchmark in enumerate(candidates):
        rows = scored[(scored["benchmark"] == benchmark) & scored["open_weights"].astype(bool)]
        if rows.empty:
            continue
        any_kind = scored.loc[scored["benchmark"] == benchmark, "release_date"].max()
        key = (
            pd.Timestamp(rows["release_date"].max()),
            pd.Timestamp(any_kind),
            rows["model"].nunique(),
            -i,
        )
        if best is None or key > best:
            best, choice = key, benchmark
    if choice is None:
        raise ValueError("no candidate benchmark has an open-weights score")
    return choice


def open_closed_headline(
    frontier: pd.DataFrame, scored: pd.DataFrame, benchmark: str
) -> dict[str, object]:
    """The gap on ``benchmark`` at its first and last month, and where its open scores end.

    Keys :data:`HEADLINE_KEYS`: ``benchmark_name`` (reader-facing),
    ``first_month`` / ``last_month`` (first and last month with both a closed
    and an open score), the gaps then (points) with the models that set each
    side, ``open_end`` / ``open_end_model`` (:func:`open_scores_end`) and
    ``data_end`` (the latest release of any kind scored on it, the month the
    frontier stops).
    """
    require_columns(frontier, ("benchmark", "month", "gap"), "frontier")
    rows = frontier[(frontier["benchmark"] == benchmark) & frontier["gap"].notna()]
    if rows.empty:
        raise ValueError(f"no month with both a closed and an open score on {benchmark!r}")
    rows = rows.sort_values("month")
    first, last = rows.iloc[0], rows.iloc[-1]
    open_end, open_model = open_scores_end(scored, benchmark)
    data_end = scored.loc[scored["benchmark"] == benchmark, "release_date"].max()
    return {
        "benchmark": benchmark,
        "benchmark_name": BENCHMARK_LABELS.get(benchmark, benchmark),
        "first_month": pd.Timestamp(first["month"]),
        "first_gap": float(first["gap"]),
        "first_closed_model": first["best_closed_model"],
        "first_open_model": first["best_open_model"],
        "last_month": pd.Timestamp(last["month"]),
        "last_gap": float(last["gap"]),
        "last_closed_model": last["best_closed_model"],
        "last_open_model": last["best_open_model"],
        "open_end": month_start(open_end),
        "open_end_model": open_model,
        "data_end": month_start(data_end),
    }


def gap_direction(first_gap: float, last_gap: float, parity: float) -> str:
    """What the open side did between the first and the last gap (benchmark points):
    ``"drew level"`` (last gap at most ``parity``), ``"closed part of the gap"``
    (smaller than at first) or ``"fell further behind"`` (no smaller)."""
    if last_gap <= parity:
        return "drew level"
    return "closed part of the gap" if last_gap < first_gap else "fell further behind"
