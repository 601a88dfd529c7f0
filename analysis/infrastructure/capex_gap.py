"""The capex–revenue gap: Sequoia's chain, rolled forward on the book's data.

Size: over 400 lines because the chain's reproduction, its quarterly roll-forward, the
traced revenue and the depreciation sensitivity share one set of inputs and units;
split, Sequoia's chain would be scattered across modules.

David Cahn's chain (Sequoia, "AI's $200B Question", Sep 2023, and "AI's $600B
Question", Jun 2024) turns GPU spend into the end-user revenue needed to pay
for it:

    required revenue = GPU run-rate x ``dc_multiplier`` (the rest of the data
    centre: energy, buildings, networking; GPUs are half the cost) x
    ``margin_multiplier`` (the end user's margin: x2 = a 50% gross margin).

Every multiplier is a parameter (:func:`required_revenue`);
:func:`sequoia_inputs` reads the essay's own inputs from
``reference_estimates`` so :func:`reproduce` can check both published
results ($200B and $600B). :func:`rolling_gap` applies the chain to NVIDIA's
Data Center revenue quarter by quarter (run-rate = quarter x 4), and
:func:`traced_ai_revenue` sums the end-user AI revenue the data can trace at
each date. Money in USD billions (``_usd_bn``) unless a name says ``_usd_m``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from analysis.data.checks import require_columns

SEQUOIA_EDITIONS: dict[str, dict[str, str]] = {
    "2023-09-01": {
        "gpu": "nvidia_gpu_run_rate_revenue_input",
        "result": "lifetime_revenue_required_per_year_of_capex",
        "actual": "",
        "gap": "revenue_gap_per_year_of_capex",
    },
    "2024-06-20": {
        "gpu": "nvidia_dc_run_rate_revenue_forecast_input",
        "result": "ai_revenue_required_per_year",
        "actual": "assumed_ai_revenue_total",
        "gap": "revenue_gap_per_year",
    },
}
"""Per edition (the ``date`` of its rows in ``reference_estimates``), the
``quantity`` names of its GPU input, its published result, the AI revenue it
set against it and its published gap. The 2023 piece does not state the
revenue it subtracted (its $125B gap is stored, the $75B behind it is not)."""

SEQUOIA = "Sequoia Capital (David Cahn)"
DEPRECIATION_LIVES: tuple[int, ...] = (3, 5, 6)


def margin_multiplier_from(gross_margin: float) -> float:
    """Revenue per dollar of cost for a given gross margin: 1 / (1 - margin)."""
    if not 0 <= gross_margin < 1:
        raise ValueError(f"gross margin must be in [0, 1), got {gross_margin}")
    return 1.0 / (1.0 - gross_margin)


def required_revenue(
    gpu_usd_bn: float | np.ndarray,
    dc_multiplier: float = 2.0,
    margin_multiplier: float = 2.0,
) -> float | np.ndarray:
    """End-user revenue needed to pay for ``gpu_usd_bn`` of GPU spend (same unit)."""
    if dc_multiplier < 1 or margin_multiplier < 1:
        raise ValueError("multipliers must be >= 1 (a cost is never less than the GPUs)")
    return gpu_usd_bn * dc_multiplier * margin_multiplier


def _one(ref: pd.DataFrame, date: str, quantity: str) -> float:
    rows = ref[(ref["date"] == pd.Timestamp(date)) & (ref["quantity"] == quantity)]
    values = set(rows["value"].dropna().astype(float))
    if len(values) != 1:
        raise ValueError(
            f"reference_estimates: {quantity} on {date}: expected one value, got {values}"
        )
    return values.pop()


def sequoia_inputs(reference: pd.DataFrame, date: str) -> dict[str, float]:
    """The inputs of one Sequoia edition, as stored (USD billions, multipliers).

    The end user's multiplier is read as ``end_user_margin_multiplier`` where
    the edition states it, else derived from ``end_user_gross_margin``
    (1 / (1 - margin); a 50% margin is x2).
    """
    require_columns(reference, ["publisher", "date", "quantity", "value"], "reference_estimates")
    if date not in SEQUOIA_EDITIONS:
        raise ValueError(f"no Sequoia edition dated {date}; known: {sorted(SEQUOIA_EDITIONS)}")
    ref = reference[reference["publisher"] == SEQUOIA].copy()
    ref["date"] = pd.to_datetime(ref["date"])
    names = SEQUOIA_EDITIONS[date]
    quantities = set(ref.loc[ref["date"] == pd.Timestamp(date), "quantity"])
    if "end_user_margin_multiplier" in quantities:
        margin = _one(ref, date, "end_user_margin_multiplier")
    else:
        margin = margin_multiplier_from(_one(ref, date, "end_user_gross_margin"))
    out = {
        "gpu_usd_bn": _one(ref, date, names["gpu"]),
        "dc_multiplier": _one(ref, date, "data_center_cost_multiplier"),
        "margin_multiplier": margin,
        "published_usd_bn": _one(ref, date, names["result"]),
        "published_gap_usd_bn": _one(ref, date, names["gap"]),
    }
    out["actual_usd_bn"] = _one(ref, date, names["actual"]) if names["actual"] else np.nan
    return out


def reproduce(reference: pd.DataFrame) -> pd.DataFrame:
    """Each Sequoia edition recomputed from its own inputs beside its published figure.

    Columns: ``date``, the inputs, ``computed_usd_bn``, ``published_usd_bn``,
    ``computed_gap_usd_bn`` (computed minus the revenue the edition set
    against it; NaN where that revenue is not stated), ``published_gap_usd_bn``.
    """
    rows = []
    for date in SEQUOIA_EDITIONS:
        x = sequoia_inputs(reference, date)
        computed = required_revenue(x["gpu_usd_bn"], x["dc_multiplier"], x["margin_multiplier"])
        rows.append(
            {
                "date": pd.Timestamp(date),
                **x,
                "computed_usd_bn": computed,
                "computed_gap_usd_bn": computed - x["actual_usd_bn"],
            }
        )
    return pd.DataFrame(rows)


def rolling_gap(
    nvidia_quarters: pd.DataFrame,
    dc_multiplier: float = 2.0,
    margin_multiplier: float = 2.0,
) -> pd.DataFrame:
    """Sequoia's required revenue per NVIDIA fiscal quarter with a Data Center figure.

    ``nvidia_quarters``: one row per fiscal quarter (``period_end``,
    ``data_center_revenue_usd_m``; output of
    :func:`analysis.infrastructure.nvidia.nvidia_quarters`). Quarters without
    a Data Center figure are dropped, not filled. Columns: ``period_end``,
    ``fiscal_year``, ``fiscal_quarter``, ``gpu_run_rate_usd_bn`` (quarter x 4),
    ``required_usd_bn``.
    """
    require_columns(nvidia_quarters, ["period_end", "data_center_revenue_usd_m"], "nvidia_quarters")
    q = nvidia_quarters[nvidia_quarters["data_center_revenue_usd_m"].notna()].copy()
    q["period_end"] = pd.to_datetime(q["period_end"])
    q = q.sort_values("period_end")
    out = pd.DataFrame({"period_end": q["period_end"].to_numpy()})
    for col in ("fiscal_year", "fiscal_quarter"):
        if col in q.columns:
            out[col] = q[col].to_numpy()
    out["gpu_run_rate_usd_bn"] = q["data_center_revenue_usd_m"].to_numpy(dtype=float) * 4 / 1000
    out["required_usd_bn"] = required_revenue(
        out["gpu_run_rate_usd_bn"].to_numpy(), dc_multiplier, margin_multiplier
    )
    return out


TRACE_SCOPES: dict[str, tuple[str, ...]] = {
    "labs_apps": ("models", "apps"),
    "labs_apps_clouds": ("models", "apps", "cloud_ai"),
}
"""What :func:`traced_ai_revenue` sums: the labs' and apps' run-rates, and
optionally the hyperscalers' own stated AI run-rates (Microsoft's "AI
business"; no other hyperscaler's is stored). The clouds' AI revenue partly
comes from the labs (their compute bills), so the second scope can count a
dollar twice: it is the upper of the two."""


def latest_run_rates(
    revenue_points: pd.DataFrame,
    as_of: pd.Timestamp,
    layers: Sequence[str] = ("models", "apps"),
    max_age_days: int = 366,
) -> pd.DataFrame:
    """Each company's latest ``annualized_run_rate`` dated on or before ``as_of``.

    A figure older than ``max_age_days`` is stale and dropped (the company
    counts as missing, not as its old figure). ``revenue_points`` must hold
    one row per (company, date, metric): dedupe with
    :func:`analysis.data.provenance.pick_preferred` first. Columns: ``company``,
    ``layer``, ``date``, ``value_usd_bn``, plus ``accounting``/``basis`` when given.
    """
    require_columns(
        revenue_points, ["date", "company", "layer", "metric", "value_usd_m"], "revenue_points"
    )
    r = revenue_points[
        (revenue_points["metric"] == "annualized_run_rate")
        & revenue_points["layer"].isin(list(layers))
    ].copy()
    r["date"] = pd.to_datetime(r["date"])
    as_of = pd.Timestamp(as_of)
    r = r[(r["date"] <= as_of) & (r["date"] > as_of - pd.Timedelta(days=max_age_days))]
    r = r.sort_values(["company", "date", "value_usd_m"]).groupby("company").tail(1)
    r["value_usd_bn"] = r["value_usd_m"].astype(float) / 1000
    keep = [
        c
        for c in ("company", "layer", "date", "value_usd_bn", "accounting", "basis")
        if c in r.columns
    ]
    return r[keep].reset_index(drop=True)


def cloud_ai_run_rates(financials: pd.DataFrame) -> pd.DataFrame:
    """Hyperscalers' own stated AI run-rates from ``company_financials``.

    Rows with ``metric == "annualized_run_rate"`` in the cloud layer (today:
    Microsoft's "AI business", a floor: "surpassed"). Columns as
    :func:`latest_run_rates` takes them (``date`` = ``period_end``,
    ``layer="cloud_ai"``, ``value_usd_m``).
    """
    f = financials[
        (financials["metric"] == "annualized_run_rate") & (financials["layer"] == "cloud")
    ]
    return pd.DataFrame(
        {
            "date": pd.to_datetime(f["period_end"]).to_numpy(),
            "company": (f["company"] + " " + f["segment"]).to_numpy(),
            "layer": "cloud_ai",
            "metric": "annualized_run_rate",
            "value_usd_m": f["value"].astype(float).to_numpy(),
        }
    )


def traced_ai_revenue(
    revenue_points: pd.DataFrame,
    financials: pd.DataFrame,
    dates: Sequence[pd.Timestamp],
    scope: str = "labs_apps",
    max_age_days: int = 366,
) -> pd.DataFrame:
    """End-user AI revenue the data can trace at each date (USD billions, run-rates).

    Sums each company's latest run-rate (see :func:`latest_run_rates`) over
    the layers of ``scope`` (:data:`TRACE_SCOPES`). Columns: ``date``,
    ``traced_usd_bn``, ``n_companies``, ``companies``. A sum of the companies
    with a figure, not a market total.
    """
    if scope not in TRACE_SCOPES:
        raise ValueError(f"scope must be one of {sorted(TRACE_SCOPES)}, got {scope!r}")
    rp = revenue_points[["date", "company", "layer", "metric", "value_usd_m"]]
    rp = pd.concat([rp, cloud_ai_run_rates(financials)], ignore_index=True)
    rows = []
    for d in dates:
        got = latest_run_rates(rp, d, TRACE_SCOPES[scope], max_age_days)
        rows.append(
            {
                "date": pd.Timestamp(d),
                "traced_usd_bn": float(got["value_usd_bn"].sum()) if len(got) else np.nan,
                "n_companies": len(got),
                "companies": ";".join(sorted(got["company"])),
            }
        )
    return pd.DataFrame(rows)


def gap_table(
    nvidia_quarters: pd.DataFrame,
    revenue_points: pd.DataFrame,
    financials: pd.DataFrame,
    dc_multiplier: float = 2.0,
    margin_multiplier: float = 2.0,
    max_age_days: int = 366,
) -> pd.DataFrame:
    """:func:`rolling_gap` with the traced revenue of both scopes at each quarter's end.

    Adds ``traced_labs_apps_usd_bn``, ``traced_labs_apps_clouds_usd_bn``,
    ``gap_usd_bn`` (required minus the wider trace; the gap is the larger
    when the narrower one is used) and ``covered_share`` (wider trace /
    required).
    """
    g = rolling_gap(nvidia_quarters, dc_multiplier, margin_multiplier)
    for scope in TRACE_SCOPES:
        t = traced_ai_revenue(revenue_points, financials, g["period_end"], scope, max_age_days)
        g[f"traced_{scope}_usd_bn"] = t["traced_usd_bn"].to_numpy()
        g[f"n_{scope}"] = t["n_companies"].to_numpy()
    g["gap_usd_bn"] = g["required_usd_bn"] - g["traced_labs_apps_clouds_usd_bn"]
    g["covered_share"] = g["traced_labs_apps_clouds_usd_bn"] / g["required_usd_bn"]
    return g


def latest_gap(table: pd.DataFrame) -> dict[str, object]:
    """The last quarter of :func:`gap_table`: date, required, traced, gap, coverage."""
    row = table.sort_values("period_end").iloc[-1]
    return {
        "period_end": pd.Timestamp(row["period_end"]),
        "gpu_run_rate_usd_bn": float(row["gpu_run_rate_usd_bn"]),
        "required_usd_bn": float(row["required_usd_bn"]),
        "traced_usd_bn": float(row["traced_labs_apps_clouds_usd_bn"]),
        "traced_labs_apps_usd_bn": float(row["traced_labs_apps_usd_bn"]),
        "gap_usd_bn": float(row["gap_usd_bn"]),
        "covered_share": float(row["covered_share"]),
    }


def bain_2030(reference: pd.DataFrame) -> dict[str, Any]:
    """Bain's 2025 estimate: revenue needed by 2030, capex, shortfall (USD billions), with
    the date Bain published it (``date``) and the revenue row's ``source_id``."""
    ref = reference[reference["publisher"] == "Bain & Company"]
    get = ref.set_index("quantity")["value"].astype(float)
    row = ref.set_index("quantity").loc["annual_revenue_needed_2030"]
    return {
        "revenue_needed_usd_bn": float(get["annual_revenue_needed_2030"]),
        "capex_needed_usd_bn": float(get["annual_capex_needed_2030"]),
        "shortfall_usd_bn": float(get["annual_revenue_shortfall_2030"]),
        "date": pd.Timestamp(row["date"]),
        "target_year": 2030,
        "source_id": str(row["source_id"]),
    }


def per_vintage_revenue(
    gpu_run_rate_usd_bn: float,
    lives: Sequence[int] = DEPRECIATION_LIVES,
    dc_multiplier: float = 2.0,
    margin_multiplier: float = 2.0,
) -> pd.DataFrame:
    """Annual revenue one year's spend must earn over a ``life``-year depreciation.

    Sequoia's 2023 figure is *lifetime* revenue; spread straight-line over
    the hardware's life, one year of spend needs required / life a year.
    Columns: ``life_years``, ``annual_required_usd_bn``.
    """
    need = required_revenue(gpu_run_rate_usd_bn, dc_multiplier, margin_multiplier)
    if any(life <= 0 for life in lives):
        raise ValueError("depreciation lives must be positive")
    return pd.DataFrame(
        {"life_years": list(lives), "annual_required_usd_bn": [need / life for life in lives]}
    )


def installed_base_depreciation(
    capex_by_year: pd.Series,
    lives: Sequence[int] = DEPRECIATION_LIVES,
    margin_multiplier: float = 2.0,
) -> pd.DataFrame:
    """Straight-line depreciation of a capex series and the revenue it calls for.

    ``capex_by_year``: USD billions indexed by calendar year (e.g. the four
    hyperscalers' summed capex). Year ``y``'s charge with life ``L`` is the
    mean of capex in ``y-L+1 .. y`` (each year's spend depreciated from the
    year it is made); NaN if any of those years is missing. Revenue needed =
    charge x ``margin_multiplier``. Long format: ``calendar_year``,
    ``life_years``, ``depreciation_usd_bn``, ``required_usd_bn``.
    """
    s = capex_by_year.astype(float).sort_index()
    rows = []
    for life in lives:
        if life <= 0:
            raise ValueError("depreciation lives must be positive")
        for y in s.index:
            window = [s.get(y - k, np.nan) for k in range(life)]
            dep = float(np.sum(window)) / life if not np.isnan(window).any() else np.nan
            rows.append(
                {
                    "calendar_year": int(y),
                    "life_years": life,
                    "depreciation_usd_bn": dep,
                    "required_usd_bn": dep * margin_multiplier,
                }
            )
    return pd.DataFrame(rows)


GAP_LIVES: tuple[int, ...] = (1, *DEPRECIATION_LIVES)
"""Options of the gap chart: 1 = Sequoia's run-rate (the latest quarter x 4 paid back
in a year), else a straight-line depreciation life in years."""


def depreciation_base(
    nvidia_quarters: pd.DataFrame, lives: Sequence[int] = GAP_LIVES
) -> pd.DataFrame:
    """The annual GPU cost to recover at each quarter, per depreciation life (USD billions).

    Life 1 is Sequoia's run-rate (quarter x 4). Life ``L`` > 1 is the
    straight-line charge of the installed base: the Data Center revenue of
    the last ``4 L`` fiscal quarters / ``L``. Quarters before the data start
    are not filled: ``in_window`` says how many of the ``needed`` quarters the
    data hold, and a row with fewer is a lower bound (``complete`` False). A
    quarter without its own Data Center figure gets no row. Long format:
    ``period_end, life_years, gpu_base_usd_bn, in_window, needed, complete``.
    """
    require_columns(nvidia_quarters, ["period_end", "data_center_revenue_usd_m"], "nvidia")
    q = nvidia_quarters.copy()
    q["period_end"] = pd.to_datetime(q["period_end"])
    q = q.sort_values("period_end").reset_index(drop=True)
    dc = q["data_center_revenue_usd_m"].astype(float) / 1000
    rows = []
    for i, end in enumerate(q["period_end"]):
        if np.isnan(dc.iloc[i]):
            continue
        for life in lives:
            if life <= 0:
                raise ValueError("depreciation lives must be positive")
            needed = 1 if life == 1 else 4 * life
            window = dc.iloc[max(0, i - needed + 1) : i + 1].dropna()
            base = dc.iloc[i] * 4 if life == 1 else float(window.sum()) / life
            rows.append((end, life, base, len(window), needed, len(window) == needed))
    cols = ["period_end", "life_years", "gpu_base_usd_bn", "in_window", "needed", "complete"]
    return pd.DataFrame(rows, columns=cols)
