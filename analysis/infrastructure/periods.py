"""Fiscal periods and calendar years, and the input checks of the infrastructure modules.

**Calendar years from fiscal periods.** Nvidia's fiscal year ends in late
January (FY2024 ended 2024-01-28). By default (``assign="period_end"``) a fiscal
quarter counts in the calendar year in which its ``period_end`` falls, so
calendar 2024 = FY2024 Q4 + FY2025 Q1-Q3, roughly November 2023 to October
2024: about two months earlier than the calendar year. ``assign="midpoint"``
uses the quarter's middle (``period_end`` minus 45 days) instead, so a quarter
counts in the year that holds most of its days (calendar 2024 = FY2025 Q1-Q4,
February 2024 to January 2025).

A key that appears twice raises :class:`ValueError`: callers dedupe
conflicting sources first (:func:`analysis.data.provenance.pick_preferred`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

ASSIGN_RULES: tuple[str, ...] = ("period_end", "midpoint")


MIDPOINT_OFFSET = pd.Timedelta(days=45)


def numeric_column(
    frame: pd.DataFrame, column: str, what: str, *, allow_nan: bool = True
) -> pd.Series:
    values = pd.to_numeric(frame[column], errors="coerce").astype(float)
    bad = values.isna() & frame[column].notna()
    if bad.any():
        raise ValueError(
            f"{what}.{column} has non-numeric value(s): {list(frame.loc[bad, column])}"
        )
    if not allow_nan and values.isna().any():
        raise ValueError(f"{what}.{column} has missing value(s)")
    if (values < 0).any():
        raise ValueError(f"{what}.{column} must be >= 0, got a negative value")
    return values


def date_column(frame: pd.DataFrame, column: str, what: str) -> pd.Series:
    dates = pd.to_datetime(frame[column], errors="coerce", format="ISO8601")
    if dates.isna().any():
        raise ValueError(f"{what}.{column} has missing or unreadable date(s)")
    return dates


def no_duplicates(frame: pd.DataFrame, key: list[str], what: str) -> None:
    dup = frame.duplicated(key, keep=False)
    if dup.any():
        first = frame.loc[dup, key].iloc[0].to_dict()
        raise ValueError(
            f"{what} has duplicate rows for key {key} (e.g. {first}); "
            "dedupe conflicting sources first with provenance.pick_preferred"
        )


def growth_rate(current: np.ndarray, previous: np.ndarray) -> np.ndarray:
    """current / previous - 1; NaN where previous is missing or zero."""
    with np.errstate(divide="ignore", invalid="ignore"):
        g = current / previous - 1.0
    g[~(previous > 0)] = np.nan
    return g


def check_assign(assign: str) -> None:
    if assign not in ASSIGN_RULES:
        raise ValueError(f"assign must be one of {ASSIGN_RULES}, got {assign!r}")


def calendar_year_of(period_end: pd.Series, assign: str = "period_end") -> pd.Series:
    """Calendar year a fiscal period counts in (see the module docstring).

    ``assign="period_end"``: the year of ``period_end``; ``"midpoint"``: the
    year of ``period_end - 45 days`` (the middle of a 13-week quarter).
    """
    check_assign(assign)
    dates = pd.to_datetime(pd.Series(period_end))
    if assign == "midpoint":
        dates = dates - MIDPOINT_OFFSET
    return dates.dt.year.astype("int64")
