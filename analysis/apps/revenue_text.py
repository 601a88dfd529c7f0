"""What the Apps chapter says about app revenues, as text keyed by glue name (and its table).

Money is in USD millions (written "$100 million"), durations in months.
Inputs are :mod:`analysis.apps.app_revenue` outputs: ``reach`` from
:func:`~analysis.apps.app_revenue.time_to_revenue_threshold`, ``climbs`` from
:func:`~analysis.apps.app_revenue.climb_months`, app points from
:func:`~analysis.apps.app_revenue.app_points`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from analysis import formatting

money, month, count = formatting.money_usd_m, formatting.month, formatting.count


def revenue_text(
    app_pts: pd.DataFrame, reach: pd.DataFrame, threshold_usd_m: float, essay_date: str
) -> dict[str, str]:
    """The dated app figures: how many apps, who reached the threshold first, what came before.

    ``apps_n_pre_essay_over`` is "none" when no figure dated on or before
    ``essay_date`` reaches ``threshold_usd_m``.
    """
    reached = reach[reach["reached"]]
    first = reached.sort_values("first_date_reached").iloc[0]
    pre = app_pts[pd.to_datetime(app_pts["date"]) <= pd.Timestamp(essay_date)]
    n_over = int((pre["value_usd_m"] >= threshold_usd_m).sum())
    return {
        "apps_n_apps": count(app_pts["company"].nunique()),
        "apps_n_reached": count(len(reached)),
        "apps_threshold": money(threshold_usd_m, 2),
        "apps_first_reacher": str(first["company"]),
        "apps_first_reach_date": month(first["first_date_reached"]),
        "apps_first_reach_basis": str(first["basis"]),
        "apps_n_pre_essay": count(len(pre)),
        "apps_max_pre_essay": money(float(pre["value_usd_m"].max()), 2),
        "apps_n_pre_essay_over": "none" if n_over == 0 else count(n_over),
        "apps_max_pre_essay_co": str(pre.loc[pre["value_usd_m"].idxmax(), "company"]),
        "apps_essay_month": month(essay_date),
    }


def category_text(
    reach: pd.DataFrame, category_companies: Mapping[str, Sequence[str]], essay_date: str
) -> dict[str, str]:
    """Per essay category (numbered from 0), its first company at the threshold and when.

    A category's first date is the earliest ``first_date_reached`` among its
    companies; ``apps_n_cat_by_essay`` counts categories whose first date is on
    or before ``essay_date``.
    """
    by_company = reach.set_index("company")
    out: dict[str, str] = {}
    n_by_essay = 0
    for i, (category, companies) in enumerate(category_companies.items()):
        hits = by_company.reindex(list(companies)).dropna(subset=["first_date_reached"])
        first = hits.sort_values("first_date_reached").head(1)
        n_by_essay += int((first["first_date_reached"] <= pd.Timestamp(essay_date)).sum())
        out[f"apps_cat_{i}"] = category
        out[f"apps_cat_{i}_first"] = (
            f"{first.index[0]}, {month(first['first_date_reached'].iloc[0])}"
            if len(first)
            else "no company in our data yet"
        )
    out["apps_n_cat_by_essay"] = count(n_by_essay)
    out["apps_n_cat"] = count(len(category_companies))
    return out


def climb_text(climbs: pd.DataFrame, fast_months: float, climb_from_usd_m: float) -> dict[str, str]:
    """How many climbs from under ``climb_from_usd_m`` can be bounded, and how many were fast.

    A climb is bounded when the app has a figure under ``climb_from_usd_m``
    before its first at the threshold; fast when that bound is at most
    ``fast_months`` months.
    """
    bounded = climbs.dropna(subset=["months_at_most"])
    fast = bounded[bounded["months_at_most"] <= fast_months]
    return {
        "apps_n_bounded": count(len(bounded)),
        "apps_n_fast": count(len(fast)),
        "apps_fast_months": f"{fast_months:.0f}",
        "apps_climb_from": money(climb_from_usd_m, 2),
        "apps_n_unbounded": count(len(climbs) - len(bounded)),
    }


def climb_table(
    climbs: pd.DataFrame, climb_from_usd_m: float, threshold_usd_m: float
) -> pd.DataFrame:
    """The climbs as the chapter's table: last figure under, first figure at or over, months."""
    below = [
        f"{month(d)}: {money(v, 2)}" if pd.notna(d) else "none in data"
        for d, v in zip(climbs["date_below"], climbs["value_below_usd_m"], strict=True)
    ]
    above = [
        f"{month(d)}: {money(v, 3)} ({b})"
        for d, v, b in zip(
            climbs["date_reached"],
            climbs["value_reached_usd_m"],
            climbs["basis_reached"],
            strict=True,
        )
    ]
    return pd.DataFrame(
        {
            "App": climbs["company"].to_numpy(),
            f"Last figure under {money(climb_from_usd_m, 2)}": below,
            f"First figure at {money(threshold_usd_m, 2)} or more": above,
            "Climb took at most (months)": [
                f"{m:.0f}" if pd.notna(m) else "" for m in climbs["months_at_most"]
            ],
        }
    )
