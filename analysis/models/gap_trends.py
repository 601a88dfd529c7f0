"""Is the gap between closed and open models closing? Trends, and the gap at a date.

Reads the outputs of :mod:`analysis.models.open_closed` (the monthly frontier
and the catch-up lags): :func:`gap_lag_trends` fits a straight line to the gap
and to the lag over time, :func:`gap_at` reads the gap in one month and
:func:`developer_gap` the gap between one developer's best model and the open
frontier. Gaps are in the benchmark's own points, lags in months.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from analysis.data.checks import require_columns
from analysis.models.open_closed import DAYS_PER_YEAR, month_end, month_start, scored_models

TREND_COLUMNS: tuple[str, ...] = ("benchmark", "quantity", "slope_per_year", "unit", "n_points")


def linear_trend(dates: Iterable[object], values: Iterable[float]) -> tuple[float, int]:
    """Least-squares slope of ``values`` per year of ``dates``, and the point count.

    Pairs with a NaN value are skipped; the slope is in the values' unit per
    year (365.25 days). Fewer than two points, or all on one date, give NaN.
    """
    x = pd.to_datetime(pd.Series(list(dates)), format="ISO8601")
    y = pd.Series(list(values), dtype=float)
    if len(x) != len(y):
        raise ValueError(f"dates and values differ in length ({len(x)} vs {len(y)})")
    keep = y.notna().to_numpy() & x.notna().to_numpy()
    n = int(keep.sum())
    if n < 2:
        return np.nan, n
    years = (x[keep] - x[keep].min()).dt.days.to_numpy() / DAYS_PER_YEAR
    if np.ptp(years) == 0:
        return np.nan, n
    slope = np.polyfit(years, y[keep].to_numpy(), 1)[0]
    return float(slope), n


def gap_lag_trends(frontier: pd.DataFrame, lags: pd.DataFrame) -> pd.DataFrame:
    """Per benchmark, the yearly trend of the gap and of the lag.

    ``frontier`` is :func:`frontier_by_month` output (gap over ``month``,
    months with no open model skipped); ``lags`` is :func:`catch_up_lags`
    output (``lag_months`` over the closed model's ``release_date``; censored
    rows have no lag and are skipped, which biases the lag trend down when
    recent models are still unmatched). Monthly gap points are a step function,
    so they are not independent: read ``n_points`` as coverage, not as a
    sample size. Columns ``benchmark``, ``quantity`` (``gap`` | ``lag``),
    ``slope_per_year``, ``unit`` and ``n_points``.
    """
    require_columns(frontier, ("benchmark", "month", "gap"), "frontier")
    require_columns(lags, ("benchmark", "release_date", "lag_months"), "lags")
    rows = []
    for benchmark in sorted(set(frontier["benchmark"]) | set(lags["benchmark"])):
        f = frontier[frontier["benchmark"] == benchmark]
        slope, n = linear_trend(f["month"], f["gap"])
        rows.append((benchmark, "gap", slope, "score points per year", n))
        lg = lags[lags["benchmark"] == benchmark]
        slope, n = linear_trend(lg["release_date"], lg["lag_months"])
        rows.append((benchmark, "lag", slope, "months per year", n))
    return pd.DataFrame(rows, columns=list(TREND_COLUMNS))


def gap_at(frontier: pd.DataFrame, benchmark: str, when: object) -> pd.Series | None:
    """The frontier row of ``benchmark`` for the month containing ``when``.

    ``frontier`` is :func:`frontier_by_month` output. Returns the first row
    on or after that month with both a closed and an open score (the gap is
    defined), or None if there is none.
    """
    month = month_start(when)
    rows = frontier[
        (frontier["benchmark"] == benchmark)
        & (frontier["month"] >= month)
        & frontier["gap"].notna()
    ]
    return None if rows.empty else rows.sort_values("month").iloc[0]


def developer_gap(
    models: pd.DataFrame,
    quality: pd.DataFrame,
    *,
    developer: str,
    reference: str,
    benchmark: str,
) -> pd.DataFrame:
    """Month by month, ``reference``'s best score minus ``developer``'s best.

    Like :func:`frontier_by_month` but comparing two developers instead of
    closed vs open (running maxima of each developer's released models).
    Columns ``month``, ``reference_best``, ``developer_best`` and ``gap``
    (benchmark points; positive = the reference leads); months start when
    both have a scored model. Empty when either has none.
    """
    scored = scored_models(models, quality, [benchmark])
    mine = scored[scored["developer"] == developer]
    ref = scored[scored["developer"] == reference]
    columns = ["month", "reference_best", "developer_best", "gap"]
    if mine.empty or ref.empty:
        return pd.DataFrame(columns=columns)
    first = month_start(max(mine["release_date"].min(), ref["release_date"].min()))
    last = month_start(scored["release_date"].max())
    rows = []
    for month in pd.date_range(first, last, freq="MS"):
        cutoff = month_end(month)
        a = float(ref.loc[ref["release_date"] <= cutoff, "score"].max())
        b = float(mine.loc[mine["release_date"] <= cutoff, "score"].max())
        rows.append({"month": month, "reference_best": a, "developer_best": b, "gap": a - b})
    return pd.DataFrame(rows, columns=columns)
