"""What the Infrastructure chapter says about its data, computed: Nvidia, capex, layers.

Each ``*_texts`` function returns ``{glue_name: text}`` (names without the
chapter's ``infra_`` prefix). Money prints from USD millions or billions as the
input column says; shares (0-1) print as percentages.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis import formatting
from analysis.infrastructure import nvidia


def quarter_label(row: pd.Series) -> str:
    """'Q3 FY2023' for a row of :func:`analysis.infrastructure.nvidia.nvidia_quarters`."""
    return f"Q{int(row['fiscal_quarter'])} FY{int(row['fiscal_year'])}"


def nvidia_texts(
    quarters: pd.DataFrame, growth: pd.DataFrame, calendar_years: pd.DataFrame
) -> dict[str, str]:
    """Nvidia's quarters in words: how many, which lack a Data Center figure, first and last
    quarter, Data Center revenue then and now (USD millions in), its multiple, share of
    revenue and year-on-year growth, the essay's quarter, and each complete calendar year."""
    first, last = quarters.iloc[0], quarters.iloc[-1]
    gaps = [
        quarter_label(r) for _, r in quarters.iterrows() if pd.isna(r.data_center_revenue_usd_m)
    ]
    dc0, dc1 = first["data_center_revenue_usd_m"], last["data_center_revenue_usd_m"]
    t = {
        "nv_n_quarters": formatting.count(len(quarters)),
        "nv_dc_gaps": (
            f"The Data Center figure is missing for {formatting.count(len(gaps))} of them "
            f"({', '.join(gaps)})."
            if gaps
            else "Every one of them has its Data Center figure."
        ),
        "nv_first": quarter_label(first),
        "nv_last": quarter_label(last),
        "nv_last_end": formatting.date(last["period_end"]),
        "nv_first_dc": formatting.money_usd_m(dc0),
        "nv_last_dc": formatting.money_usd_m(dc1),
        "nv_dc_multiple": formatting.multiple(dc1 / dc0),
        "nv_last_dc_share": formatting.pct(dc1 / last["total_revenue_usd_m"]),
        "nv_last_yoy": formatting.pct(growth.iloc[-1]["data_center_yoy_growth"]),
        "nv_q3fy23_dc": formatting.money_usd_m(
            nvidia.essay_quarter_comparison(quarters)["essay_usd_m"]  # as the front page
        ),
    }
    complete = calendar_years[calendar_years["data_center_revenue_usd_m"].notna()]
    t["nv_dc_years"] = " and ".join(str(y) for y in complete["calendar_year"])
    t["nv_n_dc_years"] = formatting.count(len(complete))
    for row in complete.itertuples():
        t[f"nv_dc_{row.calendar_year}"] = formatting.money_usd_m(row.data_center_revenue_usd_m)
    return t


def capex_texts(
    years: pd.DataFrame,
    full: pd.DataFrame,
    ratio: pd.DataFrame,
    claim_year: int,
    big_three: Sequence[str],
    threshold_usd_bn: float,
) -> dict[str, str]:
    """Capex in words (USD billions in): the Big 3's sum in the essay's year, the first and
    last calendar years with every company's figure and their sums, and Nvidia's Data Center
    revenue as a ratio of that capex in each year both are complete; ``capex_holds`` says
    whether the Big 3's sum is above the essay's ``threshold_usd_bn``.

    ``years``: :func:`analysis.infrastructure.capex.company_years`; ``full``:
    :func:`analysis.infrastructure.capex.full_years`; ``ratio``:
    :func:`analysis.infrastructure.capex.dc_revenue_to_capex` (rows with a ratio).
    """
    big3 = years[(years["year"] == claim_year) & years["company"].isin(big_three)]
    holds = big3["capex_usd_bn"].sum() > threshold_usd_bn
    t = {
        "capex_holds": f"The essay's capex figure {'holds' if holds else 'does not hold'}",
        "capex_big3_claim_year": formatting.money_usd_bn(big3["capex_usd_bn"].sum()),
        "capex_claim_year": str(claim_year),
        "capex_first_full": str(full.index[0]),
        "capex_last_full": str(full.index[-1]),
        "capex_first_sum": formatting.money_usd_bn(full["sum"].iloc[0]),
        "capex_last_sum": formatting.money_usd_bn(full["sum"].iloc[-1]),
        "ratio_years": " and ".join(str(y) for y in ratio["calendar_year"]),
    }
    for row in ratio.itertuples():
        t[f"ratio_{row.calendar_year}"] = formatting.pct(row.ratio)
    return t


def layer_texts(
    layers: pd.DataFrame, calendar_years: pd.DataFrame, hardware_share: float
) -> dict[str, str]:
    """The layer sums in words, from :func:`analysis.infrastructure.layer_revenues.layer_revenues`.

    Per year with shares: infrastructure's share and the models' and apps' sums (USD bn)
    and counts; the latest such year's Nvidia Data Center revenue (USD millions in
    ``calendar_years``) against the rest of the tracked revenue; and the end-user spending
    that revenue would imply if hardware vendors received ``hardware_share`` (0-1) of each
    end-user dollar, as the value-flow model's central split says.
    """
    shared = layers[layers["infrastructure_share"].notna()]
    missing = layers[layers["infrastructure_share"].isna()]["calendar_year"]
    t = {
        "layer_years": " and ".join(str(y) for y in shared["calendar_year"]),
        "layer_missing_years": " and ".join(str(y) for y in missing),
    }
    for r in shared.itertuples():
        y = r.calendar_year
        t[f"layer_{y}_infra_share"] = formatting.pct(r.infrastructure_share)
        t[f"layer_{y}_models"] = formatting.money_usd_bn(r.models_usd_bn)
        t[f"layer_{y}_apps"] = formatting.money_usd_bn(r.apps_usd_bn)
        t[f"layer_{y}_n"] = f"{r.n_models} model providers and {r.n_apps} app companies"
    latest = shared.iloc[-1]
    nv = calendar_years.set_index("calendar_year").loc[
        latest.calendar_year, "data_center_revenue_usd_m"
    ]
    t.update(
        latest_year=str(latest.calendar_year),
        latest_nv=formatting.money_usd_m(nv),
        latest_nv_vs_rest=formatting.multiple(nv / 1000 / (latest.total_usd_bn - nv / 1000), 1),
        hardware_central=formatting.pct(hardware_share, 1),
        implied_spend=formatting.money_usd_m(nv / hardware_share),
        n_gpu_clouds=formatting.count(latest.n_infrastructure - 1),
    )
    return t


def verdict_reading(layers: pd.DataFrame, majority: float, flow_majority_share: float) -> str:
    """Whether the essay's verdict (infrastructure takes the majority) holds in the traced
    revenue: infrastructure's share above ``majority`` (0-1) in every year with shares; and,
    when it holds while the value-flow model's draws rarely (``flow_majority_share`` < 0.5)
    give infrastructure most of an end-user dollar, that the reason is capital."""
    shares = layers["infrastructure_share"].dropna()
    if not len(shares) or shares.min() <= majority:
        return "The essay's verdict does not hold in the data."
    if flow_majority_share < 0.5:
        return (
            "The essay's verdict holds in the data, but for the reason in its capital figure, "
            "not the one in its revenue arithmetic."
        )
    return "The essay's verdict holds in the data, as its revenue arithmetic says."
