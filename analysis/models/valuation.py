"""Valuation-to-revenue multiples of model companies at their funding rounds.

Inputs: ``funding_rounds`` (``date``, ``company``, ``layer``, ``round_type``,
``post_money_valuation_usd_m``) and ``revenue_points`` (``date``, ``company``,
``metric``, ``value_usd_m``), both in USD millions, one row per figure (callers
pick one row per key with :func:`analysis.data.provenance.pick_preferred` first).

Matching rule, for each round with a post-money valuation:

1. only revenue points of the same company (exact name) dated within
   ``window_days`` days before or after the round count (inclusive);
2. ``annualized_run_rate`` is preferred: the nearest run-rate point in the
   window wins even if an ``annual_revenue`` point is nearer; an
   ``annual_revenue`` point (a year's revenue, dated at the period end) is used
   only when there is no run-rate point in the window and
   ``allow_annual_revenue`` is true; ``annual_revenue_forecast`` never counts;
3. between two points equally near, the one dated on or before the round
   (known when the round was priced) wins, then the first in input order.

A year's revenue is lower than the run rate at its end for a growing company,
so multiples on ``annual_revenue`` run high; the ``revenue_metric`` column
says which was used.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.data.checks import iso_dates, require_columns

RUN_RATE = "annualized_run_rate"
ANNUAL = "annual_revenue"

ROUND_COLUMNS: tuple[str, ...] = (
    "date",
    "company",
    "layer",
    "round_type",
    "post_money_valuation_usd_m",
)
REVENUE_COLUMNS: tuple[str, ...] = ("date", "company", "metric", "value_usd_m")

OUTPUT_COLUMNS: tuple[str, ...] = (
    "date",
    "company",
    "round_type",
    "post_money_valuation_usd_m",
    "revenue_metric",
    "revenue_date",
    "revenue_usd_m",
    "days_offset",
    "multiple",
    "reason",
)

REASON_NO_COMPANY = "no usable revenue point for this company"
REASON_ZERO = "revenue is zero"


def reason_outside_window(window_days: int) -> str:
    """The ``reason`` text when a company's revenue points all lie outside the window."""
    return f"no revenue point within +/-{window_days} days"


def _non_negative(values: pd.Series, name: str) -> pd.Series:
    numbers = pd.to_numeric(values, errors="coerce").astype(float)
    bad = numbers.isna() & values.notna()
    if bad.any():
        raise ValueError(f"{name}: not a number in row(s) {list(values.index[bad])}")
    if (numbers < 0).any():
        raise ValueError(f"{name}: negative value in row(s) {list(values.index[numbers < 0])}")
    return numbers


def _usable_revenue(
    revenue_points: pd.DataFrame, allow_annual_revenue: bool, extra: Sequence[str] = ()
) -> pd.DataFrame:
    require_columns(revenue_points, [*REVENUE_COLUMNS, *extra], "revenue_points")
    rev = revenue_points.loc[:, [*REVENUE_COLUMNS, *extra]].copy()
    rev["date"] = iso_dates(rev["date"], "revenue_points.date")
    rev["value_usd_m"] = _non_negative(rev["value_usd_m"], "revenue_points.value_usd_m")
    metrics = [RUN_RATE, ANNUAL] if allow_annual_revenue else [RUN_RATE]
    rev = rev[rev["metric"].isin(metrics) & rev["value_usd_m"].notna()]
    rev["_preference"] = (rev["metric"] != RUN_RATE).astype(int)
    rev["_order"] = np.arange(len(rev))
    return rev


def _pick_point(
    company_points: pd.DataFrame, round_date: pd.Timestamp, window_days: int
) -> pd.Series | None:
    """The preferred revenue point within the window, or None."""
    offset = (company_points["date"] - round_date).dt.days
    inside = company_points.assign(
        _offset=offset, _distance=offset.abs(), _after=(offset > 0).astype(int)
    )
    inside = inside[inside["_distance"] <= window_days]
    if inside.empty:
        return None
    ranked = inside.sort_values(["_preference", "_distance", "_after", "_order"])
    return ranked.iloc[0]


def _match_round(
    row: pd.Series, points: pd.DataFrame | None, window_days: int, extra: Sequence[str] = ()
) -> dict[str, object]:
    out: dict[str, object] = {
        "revenue_metric": None,
        "revenue_date": pd.NaT,
        "revenue_usd_m": np.nan,
        "days_offset": np.nan,
        "multiple": np.nan,
        "reason": None,
    }
    out.update({f"revenue_{col}": None for col in extra})
    if points is None or points.empty:
        out["reason"] = REASON_NO_COMPANY
        return out
    best = _pick_point(points, row["date"], window_days)
    if best is None:
        out["reason"] = reason_outside_window(window_days)
        return out
    out.update({f"revenue_{col}": best[col] for col in extra})
    out.update(
        revenue_metric=best["metric"],
        revenue_date=best["date"],
        revenue_usd_m=float(best["value_usd_m"]),
        days_offset=float(best["_offset"]),
    )
    if best["value_usd_m"] == 0:
        out["reason"] = REASON_ZERO
    else:
        out["multiple"] = row["post_money_valuation_usd_m"] / best["value_usd_m"]
    return out


def valuation_multiples(
    rounds: pd.DataFrame,
    revenue_points: pd.DataFrame,
    *,
    window_days: int = 183,
    allow_annual_revenue: bool = True,
    layer: str | None = "models",
    revenue_columns: Sequence[str] = (),
    round_columns: Sequence[str] = (),
) -> pd.DataFrame:
    """Post-money valuation / revenue (times, "x") for each valued round.

    Every round of ``layer`` (``None`` = all layers) with a post-money
    valuation gets one output row, sorted by date then company; rounds without
    a usable revenue point are kept with ``multiple`` NaN and a ``reason``
    (``reason`` is empty where the multiple was computed). Columns:
    ``date``, ``company``, ``round_type``, ``post_money_valuation_usd_m``,
    ``revenue_metric``, ``revenue_date``, ``revenue_usd_m``, ``days_offset``
    (revenue date minus round date, days; negative = the figure predates the
    round), ``multiple`` (x) and ``reason``. See the module docstring for the
    matching rule; ``window_days`` is the half-width of the window in days.
    ``revenue_columns`` names further columns of ``revenue_points`` (e.g.
    ``basis``, ``source_id``) to carry along from the matched point, as
    ``revenue_<name>`` after the standard columns (empty when unmatched);
    ``round_columns`` likewise carries columns of ``rounds`` (e.g.
    ``valuation_source_id``) as ``round_<name>``.
    """
    extra = list(revenue_columns)
    clash = [c for c in extra if c in REVENUE_COLUMNS]
    if clash:
        raise ValueError(f"revenue_columns repeats standard column(s) {clash}")
    round_extra = list(round_columns)
    clash = [c for c in round_extra if c in ROUND_COLUMNS]
    if clash:
        raise ValueError(f"round_columns repeats standard column(s) {clash}")
    if isinstance(window_days, bool) or not isinstance(window_days, (int, np.integer)):
        raise ValueError(f"window_days must be a whole number of days, got {window_days!r}")
    if window_days < 0:
        raise ValueError(f"window_days must not be negative, got {window_days}")
    require_columns(rounds, [*ROUND_COLUMNS, *round_extra], "funding_rounds")
    df = rounds.loc[:, [*ROUND_COLUMNS, *round_extra]].copy()
    df = df.rename(columns={c: f"round_{c}" for c in round_extra})
    df["date"] = iso_dates(df["date"], "funding_rounds.date")
    df["post_money_valuation_usd_m"] = _non_negative(
        df["post_money_valuation_usd_m"], "funding_rounds.post_money_valuation_usd_m"
    )
    if layer is not None:
        df = df[df["layer"] == layer]
    df = df[df["post_money_valuation_usd_m"].notna()]
    df = df.sort_values(["date", "company"], kind="stable").reset_index(drop=True)

    rev = _usable_revenue(revenue_points, allow_annual_revenue, extra)
    by_company = {name: group for name, group in rev.groupby("company", sort=False)}
    matches = [
        _match_round(row, by_company.get(row["company"]), int(window_days), extra)
        for _, row in df.iterrows()
    ]
    extra_out = [f"revenue_{col}" for col in extra]
    result = pd.DataFrame(matches, index=df.index, columns=[*OUTPUT_COLUMNS[4:], *extra_out])
    out = pd.concat([df.drop(columns="layer"), result], axis=1)
    out["revenue_date"] = pd.to_datetime(out["revenue_date"])
    for col in ("revenue_usd_m", "days_offset", "multiple"):
        out[col] = out[col].astype(float)
    round_out = [f"round_{c}" for c in round_extra]
    return out.loc[:, [*OUTPUT_COLUMNS, *extra_out, *round_out]]
