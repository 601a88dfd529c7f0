"""Revenue by layer of the stack, per calendar year, from ``revenue_points``.

One figure per company and year (:func:`company_year_revenue`: a year's
annual revenue, or its run-rate by ``run_rate_rule``), summed per layer with
Nvidia's Data Center revenue as the infrastructure layer's anchor
(:func:`layer_revenues`). USD billions (``_usd_bn``); shares are fractions.
Callers dedupe conflicting sources first
(:func:`analysis.data.provenance.pick_preferred`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.data.checks import require_columns
from analysis.infrastructure.periods import (
    date_column,
    no_duplicates,
    numeric_column,
)

RUN_RATE_RULES: tuple[str, ...] = ("year_end", "mean")


NVIDIA_LABEL = "NVIDIA Data Center"
"""How Nvidia's Data Center revenue is named in layer coverage."""


_REV_COLUMNS = ["date", "company", "layer", "metric", "value_usd_m"]


_LAYERS = ("infrastructure", "models", "apps")


def _is_nvidia(names: pd.Series) -> pd.Series:
    return names.astype(str).str.casefold().str.startswith("nvidia")


def company_year_revenue(
    revenue_points: pd.DataFrame,
    run_rate_rule: str = "year_end",
    start_year: int = 2023,
) -> pd.DataFrame:
    """One revenue figure per (calendar year, layer, company), USD billions.

    Rule, per company and calendar year from ``start_year`` (year of ``date``):

    1. an ``annual_revenue`` row dated in the year (its period end) is used
       (the latest if several);
    2. else the ``annualized_run_rate`` rows dated in the year:
       ``run_rate_rule="year_end"`` takes the last one (which may be dated
       before December: ``as_of`` says when; it overstates the year's revenue
       for a growing company), ``"mean"`` the mean of all of them (close to the
       year's revenue if the points are spread over the year);
    3. ``annual_revenue_forecast`` rows are never used.

    Columns: ``calendar_year``, ``layer``, ``company``, ``value_usd_bn``,
    ``metric_used``, ``rule`` (``annual_revenue`` | ``year_end_run_rate`` |
    ``mean_run_rate``), ``n_points`` (rows behind the figure), ``as_of``
    (date of the last row used), ``basis`` (reported | estimated | mixed, if
    the input has a ``basis`` column).
    """
    if run_rate_rule not in RUN_RATE_RULES:
        raise ValueError(f"run_rate_rule must be one of {RUN_RATE_RULES}, got {run_rate_rule!r}")
    what = "revenue_points"
    require_columns(revenue_points, _REV_COLUMNS, what)
    r = revenue_points.copy()
    r["date"] = date_column(r, "date", what)
    r["value_usd_m"] = numeric_column(r, "value_usd_m", what, allow_nan=False)
    bad_layer = sorted(set(r["layer"]) - set(_LAYERS))
    if bad_layer:
        raise ValueError(f"{what}.layer has unknown value(s) {bad_layer}; known: {_LAYERS}")
    no_duplicates(r, ["company", "date", "metric"], what)
    if "basis" not in r.columns:
        r["basis"] = pd.NA
    r["calendar_year"] = r["date"].dt.year
    r = r[
        (r["calendar_year"] >= start_year)
        & r["metric"].isin(["annual_revenue", "annualized_run_rate"])
    ]
    rows = [
        _one_figure(key, g, run_rate_rule)
        for key, g in r.groupby(["calendar_year", "layer", "company"])
    ]
    columns = [
        "calendar_year",
        "layer",
        "company",
        "value_usd_bn",
        "metric_used",
        "rule",
        "n_points",
        "as_of",
        "basis",
    ]
    return pd.DataFrame(rows, columns=columns)


def _one_figure(key: tuple, g: pd.DataFrame, run_rate_rule: str) -> dict[str, object]:
    year, layer, company = key
    annual = g[g["metric"] == "annual_revenue"].sort_values("date")
    if len(annual):
        used, value, metric, rule = (
            annual.iloc[[-1]],
            annual["value_usd_m"].iloc[-1],
            "annual_revenue",
            "annual_revenue",
        )
    else:
        rr = g[g["metric"] == "annualized_run_rate"].sort_values("date")
        metric = "annualized_run_rate"
        if run_rate_rule == "year_end":
            used, value, rule = rr.iloc[[-1]], rr["value_usd_m"].iloc[-1], "year_end_run_rate"
        else:
            used, value, rule = rr, rr["value_usd_m"].mean(), "mean_run_rate"
    bases = set(used["basis"].dropna())
    basis = bases.pop() if len(bases) == 1 else ("mixed" if bases else pd.NA)
    return {
        "calendar_year": int(year),
        "layer": layer,
        "company": company,
        "value_usd_bn": float(value) / 1000.0,
        "metric_used": metric,
        "rule": rule,
        "n_points": len(used),
        "as_of": used["date"].max(),
        "basis": basis,
    }


def layer_revenues(
    revenue_points: pd.DataFrame,
    nvidia_cy: pd.DataFrame,
    run_rate_rule: str = "year_end",
    start_year: int = 2023,
    require_nvidia: bool = True,
) -> pd.DataFrame:
    """Revenue of the three layers side by side per calendar year, USD billions.

    * infrastructure = Nvidia Data Center revenue (from ``nvidia_cy``, output of
      :func:`nvidia_calendar_years`; only complete years) + GPU-cloud revenue
      (``revenue_points`` rows with ``layer="infrastructure"``; rows naming
      Nvidia there are dropped, since Nvidia comes from ``nvidia_cy``);
    * models = sum over model providers, apps = sum over app companies, one
      figure per company by :func:`company_year_revenue`'s rule.

    A layer with no company in a year is NaN (not 0), and so are the year's
    total and shares. With ``require_nvidia`` (default) shares are also NaN in
    a year without a complete Nvidia calendar year (the biggest infrastructure
    figure would be missing). Columns per year: ``{layer}_usd_bn``, ``total_usd_bn``,
    ``{layer}_share`` (fractions summing to 1), ``infrastructure_majority``
    (infrastructure share > 0.5; NA when shares are NaN), ``nvidia_complete``,
    and coverage: ``n_{layer}`` and ``{layer}_companies`` (``;``-joined names
    that contributed). These are sums of the companies that have figures, not
    market totals: read them with the coverage columns.
    """
    require_columns(nvidia_cy, ["calendar_year", "data_center_revenue_usd_m"], "nvidia_cy")
    no_duplicates(nvidia_cy, ["calendar_year"], "nvidia_cy")
    rp = revenue_points
    if "layer" in rp.columns and "company" in rp.columns:
        rp = rp[~((rp["layer"] == "infrastructure") & _is_nvidia(rp["company"]))]
    figures = company_year_revenue(rp, run_rate_rule, start_year)
    nv = nvidia_cy[nvidia_cy["calendar_year"] >= start_year]
    nv = nv[nv["data_center_revenue_usd_m"].notna()]
    nv_rows = pd.DataFrame(
        {
            "calendar_year": nv["calendar_year"].astype(int),
            "layer": "infrastructure",
            "company": NVIDIA_LABEL,
            "value_usd_bn": nv["data_center_revenue_usd_m"].astype(float) / 1000.0,
        }
    )
    parts = [
        f[["calendar_year", "layer", "company", "value_usd_bn"]]
        for f in (nv_rows, figures)
        if len(f)
    ]
    if not parts:
        raise ValueError(f"no revenue figures from {start_year} on")
    allf = pd.concat(parts, ignore_index=True)
    years = sorted(set(allf["calendar_year"]))
    rows = [_layer_year(int(y), allf[allf["calendar_year"] == y]) for y in years]
    frame = pd.DataFrame(rows)
    if require_nvidia:
        shares = [f"{layer}_share" for layer in _LAYERS]
        frame.loc[~frame["nvidia_complete"].astype(bool), shares] = np.nan
    majority = [pd.NA if pd.isna(x) else bool(x > 0.5) for x in frame["infrastructure_share"]]
    frame.insert(
        frame.columns.get_loc("apps_share") + 1,
        "infrastructure_majority",
        pd.array(majority, dtype="boolean"),
    )
    return frame


def _layer_year(year: int, f: pd.DataFrame) -> dict[str, object]:
    row: dict[str, object] = {"calendar_year": year}
    for layer in _LAYERS:
        part = f[f["layer"] == layer]
        row[f"{layer}_usd_bn"] = float(part["value_usd_bn"].sum()) if len(part) else np.nan
    total = sum(row[f"{layer}_usd_bn"] for layer in _LAYERS)  # NaN if any layer is NaN
    row["total_usd_bn"] = total
    for layer in _LAYERS:
        ok = pd.notna(total) and total > 0
        row[f"{layer}_share"] = row[f"{layer}_usd_bn"] / total if ok else np.nan
    row["nvidia_complete"] = bool((f["company"] == NVIDIA_LABEL).any())
    for layer in _LAYERS:
        names = sorted(f.loc[f["layer"] == layer, "company"])
        row[f"n_{layer}"] = len(names)
        row[f"{layer}_companies"] = ";".join(names)
    return row
