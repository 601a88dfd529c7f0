"""Input checks shared by the analysis modules (one wording for each rule)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd


def require_columns(df: pd.DataFrame, columns: Iterable[str], name: str) -> None:
    """Raise ``ValueError`` unless ``df`` is a DataFrame holding every column in ``columns``."""
    if not isinstance(df, pd.DataFrame):
        raise ValueError(f"{name} must be a pandas DataFrame, got {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{name} is missing column(s) {missing}")


def iso_dates(values: pd.Series, name: str) -> pd.Series:
    """Parse ISO dates; raise ``ValueError`` naming the rows with a missing or bad date."""
    try:
        dates = pd.to_datetime(values, format="ISO8601")
    except (ValueError, TypeError) as err:
        raise ValueError(f"{name}: could not parse dates ({err})") from err
    if dates.isna().any():
        raise ValueError(f"{name}: missing date in row(s) {list(dates.index[dates.isna()])}")
    return dates
