"""How fast did generative-AI apps reach $100 million of annual revenue?

The a16z essay says "several applications have reached $100 million of
annualized revenue less than a year after launch". This module measures, per
app company in ``revenue_points``, the first dated figure at or above a
threshold and the months from the company's launch to that date.

Data are sparse (a run-rate is reported when a company or an outlet says it),
so the first *observed* date at or above the threshold is an upper bound on
when the threshold was crossed, and the last observed date below it (if any)
a lower bound. Both are reported. Companies that never reach the threshold in
the data are kept, with ``reached = False``.

Only ``annualized_run_rate`` and ``annual_revenue`` count by default
(forecasts never "reach" anything); ``annual_revenue`` is dated at the end of
its period. Callers dedupe conflicting sources first
(:func:`analysis.data.provenance.pick_preferred`): more than one row per
``(company, date, metric)`` raises ``ValueError``. Rows with an empty
``value_usd_m`` (not reported) are ignored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

REVENUE_COLUMNS = ("date", "company", "layer", "metric", "value_usd_m", "basis", "source_id")

REACHED_METRICS: tuple[str, ...] = ("annualized_run_rate", "annual_revenue")
"""Metrics that show revenue actually reached (not forecasts)."""

DAYS_PER_MONTH = 365.2425 / 12
"""Mean Gregorian month, days (30.436875): months = days / DAYS_PER_MONTH."""

RESULT_COLUMNS = (
    "company",
    "launch_date",
    "threshold_usd_m",
    "reached",
    "first_date_reached",
    "metric",
    "value_usd_m",
    "basis",
    "source_id",
    "months_to_threshold",
    "last_date_below",
    "months_to_last_below",
    "max_value_usd_m",
    "last_observed_date",
    "n_points",
)


def months_between(start: object, end: object) -> float | np.ndarray:
    """Months from ``start`` to ``end`` (dates), as days / 30.436875.

    Fractional; negative when ``end`` is before ``start``; NaN if either is
    missing. Accepts scalars or array-likes of dates.
    """
    s = pd.to_datetime(start)
    e = pd.to_datetime(end)
    days = (e - s) / pd.Timedelta(days=1)
    if np.ndim(days) == 0:
        return float(days) / DAYS_PER_MONTH
    return np.asarray(days, dtype=float) / DAYS_PER_MONTH


def _validate(revenue_points: pd.DataFrame, threshold_usd_m: float) -> None:
    if not isinstance(revenue_points, pd.DataFrame):
        raise ValueError("revenue_points must be a pandas DataFrame")
    missing = [c for c in REVENUE_COLUMNS if c not in revenue_points.columns]
    if missing:
        raise ValueError(f"revenue_points is missing column(s): {missing}")
    if revenue_points.empty:
        raise ValueError("revenue_points is empty")
    if not np.isfinite(threshold_usd_m) or threshold_usd_m <= 0:
        raise ValueError("threshold_usd_m must be a positive number (USD millions)")
    values = pd.to_numeric(revenue_points["value_usd_m"])
    if (values < 0).any():
        raise ValueError("revenue_points.value_usd_m has negative values")
    dup = revenue_points.duplicated(["company", "date", "metric"], keep=False)
    if dup.any():
        first = revenue_points.loc[dup, ["company", "date", "metric"]].iloc[0].tolist()
        raise ValueError(
            f"revenue_points has more than one row per (company, date, metric), e.g. {first}; "
            "dedupe with analysis.data.provenance.pick_preferred first"
        )


def _company_row(
    company: str, points: pd.DataFrame, launch, threshold_usd_m: float
) -> dict[str, object]:
    row: dict[str, object] = {c: np.nan for c in RESULT_COLUMNS}
    row.update(
        company=company,
        launch_date=launch,
        threshold_usd_m=threshold_usd_m,
        reached=False,
        n_points=len(points),
        first_date_reached=pd.NaT,
        last_date_below=pd.NaT,
        last_observed_date=pd.NaT,
        metric=None,
        basis=None,
        source_id=None,
    )
    if points.empty:
        return row
    points = points.sort_values(["date", "value_usd_m"], ascending=[True, False])
    row.update(
        max_value_usd_m=float(points["value_usd_m"].max()),
        last_observed_date=points["date"].iloc[-1],
    )
    above = points[points["value_usd_m"] >= threshold_usd_m]
    if above.empty:
        below = points
    else:
        hit = above.iloc[0]
        row.update(
            reached=True,
            first_date_reached=hit["date"],
            metric=hit["metric"],
            value_usd_m=float(hit["value_usd_m"]),
            basis=hit["basis"],
            source_id=hit["source_id"],
        )
        below = points[points["date"] < hit["date"]]
    below = below[below["value_usd_m"] < threshold_usd_m]
    if not below.empty:
        row["last_date_below"] = below["date"].iloc[-1]
    if not pd.isna(launch):
        row["months_to_threshold"] = (
            months_between(launch, row["first_date_reached"]) if row["reached"] else np.nan
        )
        if not pd.isna(row["last_date_below"]):
            row["months_to_last_below"] = months_between(launch, row["last_date_below"])
    return row


def time_to_revenue_threshold(
    revenue_points: pd.DataFrame,
    launch_dates: Mapping[str, object] | None = None,
    threshold_usd_m: float = 100.0,
    *,
    layer: str | None = "apps",
    metrics: Sequence[str] = REACHED_METRICS,
) -> pd.DataFrame:
    """First date each company's revenue reached ``threshold_usd_m``.

    Parameters
    ----------
    revenue_points
        ``date, company, layer, metric, value_usd_m, basis, source_id``
        (values in USD millions), one row per ``(company, date, metric)``.
    launch_dates
        Company -> launch date (anything :func:`pandas.to_datetime` reads).
        Companies named here but absent from the data are reported with
        ``n_points = 0``; companies without a launch date get NaN months.
    threshold_usd_m
        Revenue threshold, USD millions (annualized run-rate or annual
        revenue); default 100.
    layer
        Keep only this layer (default ``"apps"``); ``None`` keeps all.
    metrics
        Metrics that count (default: run-rate and annual revenue).

    Returns
    -------
    DataFrame
        One row per company, columns :data:`RESULT_COLUMNS`:
        ``reached`` (bool); ``first_date_reached`` with the ``metric``,
        ``value_usd_m``, ``basis`` and ``source_id`` of that figure;
        ``months_to_threshold`` (launch -> first figure at or above the
        threshold, an upper bound; negative if that figure predates the given
        launch date); ``last_date_below`` and ``months_to_last_below`` (the
        last figure below the threshold before it was reached, a lower bound);
        ``max_value_usd_m`` and ``last_observed_date`` over all counted
        figures; ``n_points``. Sorted: reached first, fastest first, then by
        company.
    """
    _validate(revenue_points, threshold_usd_m)
    pts = revenue_points.loc[:, list(REVENUE_COLUMNS)].copy()
    pts["date"] = pd.to_datetime(pts["date"])
    pts["value_usd_m"] = pd.to_numeric(pts["value_usd_m"]).astype(float)
    if layer is not None:
        pts = pts[pts["layer"] == layer]
    pts = pts[pts["metric"].isin(list(metrics)) & pts["value_usd_m"].notna()]

    launches = {k: pd.Timestamp(v) for k, v in (launch_dates or {}).items()}
    companies = list(dict.fromkeys([*pts["company"].tolist(), *launches]))
    rows = [
        _company_row(c, pts[pts["company"] == c], launches.get(c, pd.NaT), threshold_usd_m)
        for c in companies
    ]
    out = pd.DataFrame(rows, columns=list(RESULT_COLUMNS))
    if out.empty:
        return out
    out["reached"] = out["reached"].astype(bool)
    out["n_points"] = out["n_points"].astype(int)
    for col in ("launch_date", "first_date_reached", "last_date_below", "last_observed_date"):
        out[col] = pd.to_datetime(out[col])
    out = out.sort_values(
        ["reached", "months_to_threshold", "first_date_reached", "company"],
        ascending=[False, True, True, True],
        na_position="last",
    )
    return out.reset_index(drop=True)


CLIMB_COLUMNS = (
    "company",
    "date_below",
    "value_below_usd_m",
    "date_reached",
    "value_reached_usd_m",
    "basis_reached",
    "source_id_below",
    "source_id_reached",
    "months_at_most",
)


def climb_months(
    revenue_points: pd.DataFrame,
    low_usd_m: float = 10.0,
    high_usd_m: float = 100.0,
    *,
    layer: str | None = "apps",
    metrics: Sequence[str] = REACHED_METRICS,
) -> pd.DataFrame:
    """How fast each company climbed from under ``low_usd_m`` to ``high_usd_m``.

    A measure that needs no launch date: for each company that reached
    ``high_usd_m`` (USD millions, run-rate or annual revenue), the last dated
    figure below ``low_usd_m`` before that, and the months between the two
    dates. Revenue was under ``low_usd_m`` on ``date_below`` and at least
    ``high_usd_m`` on ``date_reached``, so the climb took **at most**
    ``months_at_most`` months (the real crossing dates lie in between).

    Companies that reached ``high_usd_m`` with no earlier figure below
    ``low_usd_m`` are kept with NaN ``months_at_most``; companies that never
    reached it are left out. Sorted fastest first. Inputs as for
    :func:`time_to_revenue_threshold` (deduplicated, one row per
    ``(company, date, metric)``).
    """
    if not np.isfinite(low_usd_m) or low_usd_m <= 0:
        raise ValueError("low_usd_m must be a positive number (USD millions)")
    if not high_usd_m > low_usd_m:
        raise ValueError("high_usd_m must be above low_usd_m")
    _validate(revenue_points, high_usd_m)
    pts = revenue_points.loc[:, list(REVENUE_COLUMNS)].copy()
    pts["date"] = pd.to_datetime(pts["date"])
    pts["value_usd_m"] = pd.to_numeric(pts["value_usd_m"]).astype(float)
    if layer is not None:
        pts = pts[pts["layer"] == layer]
    pts = pts[pts["metric"].isin(list(metrics)) & pts["value_usd_m"].notna()]
    rows = []
    for company, g in pts.groupby("company", sort=True):
        g = g.sort_values(["date", "value_usd_m"], ascending=[True, False])
        above = g[g["value_usd_m"] >= high_usd_m]
        if above.empty:
            continue
        hit = above.iloc[0]
        below = g[(g["date"] < hit["date"]) & (g["value_usd_m"] < low_usd_m)]
        row = {
            "company": company,
            "date_below": pd.NaT,
            "value_below_usd_m": np.nan,
            "date_reached": hit["date"],
            "value_reached_usd_m": float(hit["value_usd_m"]),
            "basis_reached": hit["basis"],
            "source_id_below": None,
            "source_id_reached": hit["source_id"],
            "months_at_most": np.nan,
        }
        if not below.empty:
            last = below.iloc[-1]
            row.update(
                date_below=last["date"],
                value_below_usd_m=float(last["value_usd_m"]),
                source_id_below=last["source_id"],
                months_at_most=months_between(last["date"], hit["date"]),
            )
        rows.append(row)
    out = pd.DataFrame(rows, columns=list(CLIMB_COLUMNS))
    for col in ("date_below", "date_reached"):
        out[col] = pd.to_datetime(out[col])
    out = out.sort_values(["months_at_most", "date_reached", "company"], na_position="last")
    return out.reset_index(drop=True)


GROWTH_COLUMNS = (
    "company",
    "first_date",
    "first_value_usd_m",
    "last_date",
    "last_value_usd_m",
    "years",
    "growth_multiple_per_year",
)


def annual_growth_multiples(
    revenue_points: pd.DataFrame,
    min_years: float = 0.5,
    *,
    layer: str | None = "apps",
    metrics: Sequence[str] = REACHED_METRICS,
) -> pd.DataFrame:
    """Average yearly revenue multiple of each company, first to last figure.

    ``(last / first) ** (1 / years)`` between a company's first and last
    counted figure (run-rate or annual revenue, USD millions), with years =
    days / 365.25. 3.0 means revenue tripled each year on average. Companies
    whose figures span less than ``min_years`` years are left out (two
    figures a few weeks apart say little about a yearly rate). Sorted fastest
    first.
    """
    if not min_years > 0:
        raise ValueError("min_years must be > 0")
    _validate(revenue_points, 1.0)
    pts = revenue_points.loc[:, list(REVENUE_COLUMNS)].copy()
    pts["date"] = pd.to_datetime(pts["date"])
    pts["value_usd_m"] = pd.to_numeric(pts["value_usd_m"]).astype(float)
    if layer is not None:
        pts = pts[pts["layer"] == layer]
    pts = pts[pts["metric"].isin(list(metrics)) & (pts["value_usd_m"] > 0)]
    rows = []
    for company, g in pts.groupby("company", sort=True):
        g = g.sort_values(["date", "value_usd_m"])
        first, last = g.iloc[0], g.iloc[-1]
        years = (last["date"] - first["date"]) / pd.Timedelta(days=365.25)
        if years < min_years:
            continue
        rows.append(
            {
                "company": company,
                "first_date": first["date"],
                "first_value_usd_m": float(first["value_usd_m"]),
                "last_date": last["date"],
                "last_value_usd_m": float(last["value_usd_m"]),
                "years": float(years),
                "growth_multiple_per_year": float(
                    (last["value_usd_m"] / first["value_usd_m"]) ** (1.0 / years)
                ),
            }
        )
    out = pd.DataFrame(rows, columns=list(GROWTH_COLUMNS))
    return out.sort_values("growth_multiple_per_year", ascending=False).reset_index(drop=True)


def app_points(revenue_points: pd.DataFrame) -> pd.DataFrame:
    """The apps layer's figures of revenue actually reached (USD millions; no forecasts).

    Rows of ``revenue_points`` with ``layer == "apps"`` and a metric in
    :data:`REACHED_METRICS` (run-rates and annual revenues).
    """
    is_app = revenue_points["layer"] == "apps"
    return revenue_points[is_app & revenue_points["metric"].isin(REACHED_METRICS)]
