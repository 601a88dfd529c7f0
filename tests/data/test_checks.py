from __future__ import annotations

import pandas as pd
import pytest

from analysis.data.checks import iso_dates, require_columns


def test_require_columns_names_what_is_missing():
    df = pd.DataFrame({"a": [1]})
    require_columns(df, ["a"], "frame")
    with pytest.raises(ValueError, match=r"frame is missing column\(s\) \['b', 'c'\]"):
        require_columns(df, ["a", "b", "c"], "frame")
    with pytest.raises(ValueError, match="must be a pandas DataFrame, got list"):
        require_columns([1], ["a"], "frame")


def test_iso_dates_parses_and_names_bad_rows():
    out = iso_dates(pd.Series(["2024-01-31", "2025-02-01"]), "d")
    assert list(out.dt.year) == [2024, 2025]
    with pytest.raises(ValueError, match=r"missing date in row\(s\) \[1\]"):
        iso_dates(pd.Series(["2024-01-31", None]), "d")
    with pytest.raises(ValueError, match="could not parse dates"):
        iso_dates(pd.Series(["31/01/2024"]), "d")
