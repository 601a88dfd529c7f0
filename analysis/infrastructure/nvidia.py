"""Nvidia's revenue in numbers: quarterly growth, calendar years, the quarters shown.

Pure functions over the ``nvidia_quarterly`` dataset (USD millions, ``_usd_m``,
as reported; growth rates are fractions, 0.25 = 25 %). Fiscal quarters count in
calendar years by the rule of :mod:`analysis.infrastructure.periods`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.data.checks import require_columns
from analysis.infrastructure.periods import (
    calendar_year_of,
    date_column,
    growth_rate,
    no_duplicates,
    numeric_column,
)

_NV_COLUMNS = [
    "fiscal_year",
    "fiscal_quarter",
    "period_end",
    "total_revenue_usd_m",
    "data_center_revenue_usd_m",
]


def _nvidia_checked(quarterly: pd.DataFrame) -> pd.DataFrame:
    what = "nvidia_quarterly"
    require_columns(quarterly, _NV_COLUMNS, what)
    if quarterly.empty:
        raise ValueError(f"{what} is empty")
    q = quarterly.copy()
    for col in ("fiscal_year", "fiscal_quarter"):
        values = pd.to_numeric(q[col], errors="coerce")
        if values.isna().any() or (values != np.floor(values)).any():
            raise ValueError(f"{what}.{col} must be whole numbers")
        q[col] = values.astype("int64")
    if not q["fiscal_quarter"].between(1, 4).all():
        raise ValueError(
            f"{what}.fiscal_quarter must be 1-4, got {sorted(set(q['fiscal_quarter']))}"
        )
    q["period_end"] = date_column(q, "period_end", what)
    q["total_revenue_usd_m"] = numeric_column(q, "total_revenue_usd_m", what)
    q["data_center_revenue_usd_m"] = numeric_column(q, "data_center_revenue_usd_m", what)
    if (q["data_center_revenue_usd_m"] > q["total_revenue_usd_m"]).any():
        raise ValueError(f"{what}: data_center_revenue_usd_m is larger than total_revenue_usd_m")
    no_duplicates(q, ["fiscal_year", "fiscal_quarter"], what)
    q["_qidx"] = q["fiscal_year"] * 4 + q["fiscal_quarter"] - 1
    q = q.sort_values("_qidx").reset_index(drop=True)
    if not q["period_end"].is_monotonic_increasing or q["period_end"].duplicated().any():
        raise ValueError(f"{what}: period_end does not increase with fiscal_year/fiscal_quarter")
    return q


def _lagged(values: pd.Series, qidx: pd.Series, lag: int) -> np.ndarray:
    """Value of the quarter ``lag`` fiscal quarters earlier; NaN if absent."""
    by_q = pd.Series(values.to_numpy(dtype=float), index=qidx.to_numpy())
    return by_q.reindex(qidx.to_numpy() - lag).to_numpy(dtype=float)


def nvidia_growth(quarterly: pd.DataFrame, assign: str = "period_end") -> pd.DataFrame:
    """Nvidia growth rates, Data Center share and trailing sums per fiscal quarter.

    Input: ``nvidia_quarterly`` rows, one per (fiscal_year, fiscal_quarter).
    Output, sorted by period: the input columns plus

    * ``data_center_share``: Data Center / total revenue (fraction);
    * ``total_qoq_growth``, ``data_center_qoq_growth``: growth over the
      previous fiscal quarter (fraction; 0.5 = +50 %);
    * ``total_yoy_growth``, ``data_center_yoy_growth``: over the same quarter
      of the previous fiscal year;
    * ``total_ttm_usd_m``, ``data_center_ttm_usd_m``: sum of this and the three
      previous fiscal quarters, USD millions;
    * ``calendar_year``: see :func:`calendar_year_of`.

    A rate or sum whose earlier quarter is absent (or zero, for a rate) is
    NaN: nothing is computed across gaps.
    """
    q = _nvidia_checked(quarterly)
    out = q.drop(columns="_qidx")
    for prefix, col in (
        ("total", "total_revenue_usd_m"),
        ("data_center", "data_center_revenue_usd_m"),
    ):
        current = q[col].to_numpy(dtype=float)
        out[f"{prefix}_qoq_growth"] = growth_rate(current, _lagged(q[col], q["_qidx"], 1))
        out[f"{prefix}_yoy_growth"] = growth_rate(current, _lagged(q[col], q["_qidx"], 4))
        lags = [_lagged(q[col], q["_qidx"], k) for k in range(4)]
        out[f"{prefix}_ttm_usd_m"] = np.sum(lags, axis=0)  # NaN if any quarter is absent
    with np.errstate(divide="ignore", invalid="ignore"):
        share = q["data_center_revenue_usd_m"] / q["total_revenue_usd_m"]
    out["data_center_share"] = share.where(q["total_revenue_usd_m"] > 0)
    out["calendar_year"] = calendar_year_of(q["period_end"], assign)
    return out


def nvidia_calendar_years(quarterly: pd.DataFrame, assign: str = "period_end") -> pd.DataFrame:
    """Nvidia revenue summed by calendar year (USD millions).

    Each fiscal quarter counts in one calendar year (see
    :func:`calendar_year_of`). Columns: ``calendar_year``, ``n_quarters``,
    ``complete`` (four quarters present), ``total_revenue_usd_m``,
    ``data_center_revenue_usd_m`` (NaN unless complete and every quarter has
    the figure: an empty cell is never summed as 0),
    ``data_center_share`` (fraction), ``quarters`` (e.g.
    ``"FY2024Q4;FY2025Q1;FY2025Q2;FY2025Q3"``), ``first_period_end``,
    ``last_period_end``.
    """
    q = _nvidia_checked(quarterly)
    q["calendar_year"] = calendar_year_of(q["period_end"], assign)
    q["_label"] = "FY" + q["fiscal_year"].astype(str) + "Q" + q["fiscal_quarter"].astype(str)
    grouped = q.groupby("calendar_year", sort=True)
    table = grouped.agg(
        n_quarters=("_label", "size"),
        total_revenue_usd_m=("total_revenue_usd_m", lambda s: s.sum(min_count=len(s))),
        data_center_revenue_usd_m=("data_center_revenue_usd_m", lambda s: s.sum(min_count=len(s))),
        quarters=("_label", ";".join),
        first_period_end=("period_end", "min"),
        last_period_end=("period_end", "max"),
    ).reset_index()
    if (table["n_quarters"] > 4).any():
        raise ValueError(
            "nvidia_quarterly: more than four fiscal quarters fall in one calendar year"
        )
    table["complete"] = table["n_quarters"] == 4
    for col in ("total_revenue_usd_m", "data_center_revenue_usd_m"):
        table[col] = table[col].where(table["complete"])
    table["data_center_share"] = (
        table["data_center_revenue_usd_m"] / table["total_revenue_usd_m"]
    ).where(table["total_revenue_usd_m"] > 0)
    columns = [
        "calendar_year",
        "n_quarters",
        "complete",
        "total_revenue_usd_m",
        "data_center_revenue_usd_m",
        "data_center_share",
        "quarters",
        "first_period_end",
        "last_period_end",
    ]
    return table[columns]


_NV_MEASURES = ("total_revenue_usd_m", "data_center_revenue_usd_m")


def nvidia_quarters(rows: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """One row per Nvidia fiscal quarter from partial, possibly conflicting source rows.

    In ``nvidia_quarterly`` a row carries only the figures its own source
    states, so one quarter can have two rows (e.g. total revenue from one
    source, Data Center revenue from another). For each measure
    (``total_revenue_usd_m``, ``data_center_revenue_usd_m``, USD millions)
    the figure is chosen by :func:`analysis.data.provenance.pick_preferred` among
    the rows that *have* it (an empty cell never outranks a figure); the
    quarter's ``period_end`` comes from the row chosen for total revenue,
    else from the Data Center row.

    Output: ``fiscal_year``, ``fiscal_quarter``, ``period_end``, the two
    measures (NaN where no source gives one), ``total_source_id``,
    ``data_center_source_id`` (empty string where there is no figure) and
    ``source_id`` (the distinct source ids, ``;``-joined), sorted by period.
    """
    from analysis.data.provenance import pick_preferred

    require_columns(rows, [*_NV_COLUMNS[:3], *_NV_MEASURES, "source_id"], "nvidia_quarterly")
    key = ["fiscal_year", "fiscal_quarter"]
    quarters = rows[key].drop_duplicates().reset_index(drop=True)
    ends = rows.groupby(key)["period_end"].nunique()
    if (ends > 1).any():
        raise ValueError(
            f"nvidia_quarterly: a fiscal quarter has rows with different period_end: "
            f"{list(ends[ends > 1].index)}"
        )
    out = quarters.merge(rows.drop_duplicates(key)[[*key, "period_end"]], on=key)
    for col, src_col in zip(
        _NV_MEASURES, ("total_source_id", "data_center_source_id"), strict=True
    ):
        have = rows[rows[col].notna()]
        chosen = (
            pick_preferred(have, key, sources)[[*key, col, "source_id"]]
            if len(have)
            else pd.DataFrame(columns=[*key, col, "source_id"])
        )
        out = out.merge(chosen.rename(columns={"source_id": src_col}), on=key, how="left")
        out[src_col] = out[src_col].fillna("").astype(str)
        out[col] = out[col].astype(float)
    out["source_id"] = [
        ";".join(dict.fromkeys(s for s in (a, b) if s))
        for a, b in zip(out["total_source_id"], out["data_center_source_id"], strict=True)
    ]
    return out.sort_values(key).reset_index(drop=True)


ESSAY_QUARTER: tuple[int, int] = (2023, 3)
"""The quarter the a16z essay cites (fiscal year, quarter): Q3 FY2023, to October 2022."""


def essay_quarter_comparison(
    quarters: pd.DataFrame, essay_quarter: tuple[int, int] = ESSAY_QUARTER
) -> dict[str, object]:
    """The latest quarter's Data Center revenue against the essay's quarter: like with like.

    ``quarters``: :func:`nvidia_quarters` output. Both figures are one fiscal
    quarter as stored (the essay's own rounded figure is a chapter
    parameter, used only to test its claim). The latest quarter is the last
    one with a Data Center figure. Keys: ``essay_label``, ``essay_usd_m``,
    ``latest_label``, ``latest_usd_m``, ``latest_end``, ``multiple``.
    """
    q = quarters[quarters["data_center_revenue_usd_m"].notna()].sort_values("period_end")
    fy, fq = essay_quarter
    hit = q[(q["fiscal_year"] == fy) & (q["fiscal_quarter"] == fq)]
    if len(hit) != 1:
        raise KeyError(f"no Data Center figure for Q{fq} FY{fy}")
    essay, last = hit.iloc[0], q.iloc[-1]
    return {
        "essay_label": f"Q{fq} FY{fy}",
        "essay_usd_m": float(essay["data_center_revenue_usd_m"]),
        "latest_label": f"Q{int(last['fiscal_quarter'])} FY{int(last['fiscal_year'])}",
        "latest_usd_m": float(last["data_center_revenue_usd_m"]),
        "latest_end": pd.Timestamp(last["period_end"]),
        "multiple": float(last["data_center_revenue_usd_m"] / essay["data_center_revenue_usd_m"]),
    }
