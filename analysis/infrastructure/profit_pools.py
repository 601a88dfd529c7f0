"""Who keeps the money: the AI profit pool by layer and calendar year, two views.

Input: the counted lines of :func:`analysis.infrastructure.pool_lines.pool_lines`
(one revenue figure per line and calendar year, gross profit where reported).

* View (a), **as reported** (:func:`layer_years`): each layer's summed revenue
  and gross profit. Gross profit is reported (or revenue minus reported cost
  of revenue, or revenue times a stated gross margin for the same company
  and year: :func:`add_stated_margins`); a line without one stays missing and
  ``gp_coverage`` says how much of the layer's revenue has a figure. Shares
  of gross profit come two ways: over the lines with a figure only
  (``gp_share_reported``), and with each missing line given its layer's
  published margin (``gp_share_filled``; the margins are a parameter, by
  default Altimeter's 2026 layer margins: :func:`altimeter_margins`).
* View (b), **value added** (:func:`value_added`): a layer's revenue minus
  what it pays the layer below in the year, so that no dollar counts twice.
  Apps pay models (and clouds) for inference; models pay clouds for compute.
  Both payments are measured where the data state them
  (:func:`measured_payments`) and otherwise assumed at a share of revenue
  (by default the measured companies' pooled share). Chips bought by clouds
  are capital goods, paid for out of capital and not out of the year's AI
  revenue (as national accounts treat investment): the cloud layer's value
  added is its revenue, the chip layer's is its revenue, and the difference
  between the chips sold and the end-user revenue is the capex gap
  (:mod:`analysis.infrastructure.capex_gap`).

USD billions (``_usd_bn``); shares are fractions summing to one over layers.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.data.checks import require_columns
from analysis.infrastructure.pool_lines import LAYERS

_LINE_COLUMNS = ["company", "layer", "calendar_year", "revenue_usd_bn", "gross_profit_usd_bn"]
ALTIMETER = "Altimeter Capital (Apoorv Agrawal)"


def _cy(period: str) -> int | None:
    m = re.fullmatch(r"CY(\d{4})( forecast)?", str(period))
    return int(m.group(1)) if m else None


def stated_margins(economics: pd.DataFrame) -> pd.DataFrame:
    """Gross margins stated for a whole calendar year (``period`` ``CY2025`` or
    ``CY2025 forecast``): ``company, calendar_year, gross_margin, basis, forecast``."""
    require_columns(economics, ["company", "metric", "value", "period", "basis"], "ai_economics")
    e = economics[economics["metric"] == "gross_margin"].copy()
    e["calendar_year"] = e["period"].map(_cy)
    e = e[e["calendar_year"].notna()]
    return pd.DataFrame(
        {
            "company": e["company"],
            "calendar_year": e["calendar_year"].astype(int),
            "gross_margin": e["value"].astype(float),
            "basis": e["basis"],
            "forecast": e["period"].str.contains("forecast"),
        }
    ).reset_index(drop=True)


def add_stated_margins(lines: pd.DataFrame, margins: pd.DataFrame) -> pd.DataFrame:
    """Fill a line's missing gross profit with revenue x its own stated margin that year."""
    out = lines.copy()
    for _, m in margins.iterrows():
        hit = (
            (out["company"] == m["company"])
            & (out["calendar_year"] == m["calendar_year"])
            & out["gross_profit_usd_bn"].isna()
        )
        out.loc[hit, "gross_profit_usd_bn"] = out.loc[hit, "revenue_usd_bn"] * m["gross_margin"]
        label = f"revenue x stated margin ({m['basis']}{', forecast' if m['forecast'] else ''})"
        out.loc[hit, "gp_how"] = label
    return out


def altimeter_margins(reference: pd.DataFrame, date: str = "2026-04-03") -> dict[str, float]:
    """Altimeter's layer gross margins (semis, infra -> cloud, apps -> apps and models)."""
    ref = reference[
        (reference["publisher"] == ALTIMETER)
        & (pd.to_datetime(reference["date"]) == pd.Timestamp(date))
    ]
    get = ref.drop_duplicates("quantity").set_index("quantity")["value"].astype(float)
    return {
        "semiconductors": float(get["semis_layer_gross_margin"]),
        "cloud": float(get["infra_layer_gross_margin"]),
        "models": float(get["apps_layer_gross_margin"]),
        "apps": float(get["apps_layer_gross_margin"]),
    }


def layer_years(lines: pd.DataFrame, fill_margins: dict[str, float] | None = None) -> pd.DataFrame:
    """View (a): revenue and gross profit per (calendar year, layer), with shares.

    Columns: ``calendar_year, layer, revenue_usd_bn, gross_profit_usd_bn``
    (lines with a figure only; NaN when none has one), ``gp_coverage``
    (revenue share of the layer's lines that have gross profit),
    ``gross_profit_filled_usd_bn`` (missing lines at ``fill_margins[layer]``),
    ``n_lines``, ``companies``, and per year ``revenue_share``,
    ``gp_share_reported`` (NaN in a year where a layer has no figure at all:
    a share among the lines with one would then hide that layer) and
    ``gp_share_filled``. Every layer appears every year (a layer without lines
    has NaN revenue: missing, not zero).
    """
    require_columns(lines, _LINE_COLUMNS, "pool lines")
    bad = sorted(set(lines["layer"]) - set(LAYERS))
    if bad:
        raise ValueError(f"unknown layer(s) {bad}; known: {LAYERS}")
    if (lines["gross_profit_usd_bn"] > lines["revenue_usd_bn"] + 1e-9).any():
        raise ValueError("a line's gross profit exceeds its revenue")
    fill = fill_margins or {}
    rows = []
    for year in sorted(set(lines["calendar_year"])):
        for layer in LAYERS:
            g = lines[(lines["calendar_year"] == year) & (lines["layer"] == layer)]
            has = g["gross_profit_usd_bn"].notna()
            rev = float(g["revenue_usd_bn"].sum()) if len(g) else np.nan
            gp = float(g.loc[has, "gross_profit_usd_bn"].sum()) if has.any() else np.nan
            missing_rev = float(g.loc[~has, "revenue_usd_bn"].sum())
            filled = (
                (0.0 if np.isnan(gp) else gp) + missing_rev * fill.get(layer, np.nan)
                if missing_rev
                else gp
            )
            rows.append(
                {
                    "calendar_year": int(year),
                    "layer": layer,
                    "revenue_usd_bn": rev,
                    "gross_profit_usd_bn": gp,
                    "gp_coverage": float(g.loc[has, "revenue_usd_bn"].sum()) / rev
                    if len(g)
                    else np.nan,
                    "gross_profit_filled_usd_bn": filled if len(g) else np.nan,
                    "n_lines": len(g),
                    "companies": ";".join(sorted(g["company"])),
                }
            )
    out = pd.DataFrame(rows)
    for col, share in (
        ("revenue_usd_bn", "revenue_share"),
        ("gross_profit_usd_bn", "gp_share_reported"),
        ("gross_profit_filled_usd_bn", "gp_share_filled"),
    ):
        total = out.groupby("calendar_year")[col].transform("sum")
        complete = out.groupby("calendar_year")[col].transform(lambda s: s.notna().all())
        out[share] = np.where(complete & (total != 0), out[col] / total, np.nan)
    return out


def share_of(table: pd.DataFrame, layer: str, year: int, column: str) -> float:
    """One layer's share in one year from :func:`layer_years` or :func:`value_added`."""
    hit = table[(table["layer"] == layer) & (table["calendar_year"] == year)]
    if len(hit) != 1:
        raise KeyError(f"no row for {layer} in {year}")
    return float(hit[column].iloc[0])


def measured_payments(economics: pd.DataFrame, lines: pd.DataFrame) -> pd.DataFrame:
    """What a lab or an app paid the layer below in a calendar year, where the data say.

    Per (company, calendar_year) of a ``models`` or ``apps`` line, the first of:
    ``inference_cost`` or ``compute_spend`` for the whole year (not a
    forecast); else cost of revenue implied by a stated gross margin for the
    year (revenue x (1 - margin); a forecast margin is labelled). Columns:
    ``company, layer, calendar_year, payment_usd_bn, revenue_usd_bn,
    payment_share, how``. Inference is only part of a lab's compute bill
    (training is not measured): a lower bound on the payment.
    """
    e = economics.copy()
    e["calendar_year"] = e["period"].map(_cy)
    actual = e[
        e["calendar_year"].notna()
        & ~e["period"].str.contains("forecast")
        & e["metric"].isin(["inference_cost", "compute_spend"])
        & (e["unit"] == "usd_m")
    ]
    margins = stated_margins(economics)
    rows = []
    for _, line in lines[lines["layer"].isin(["models", "apps"])].iterrows():
        key = e["company"] == line["company"]
        spend = (
            actual[
                (actual["company"] == line["company"])
                & (actual["calendar_year"] == line["calendar_year"])
            ]
            if key.any()
            else []
        )
        m = margins[
            (margins["company"] == line["company"])
            & (margins["calendar_year"] == line["calendar_year"])
        ]
        if len(spend):
            s = spend.iloc[0]
            pay, how = float(s["value"]) / 1000, f"{s['metric'].replace('_', ' ')} ({s['basis']})"
        elif len(m):
            mm = m.iloc[0]
            pay = line["revenue_usd_bn"] * (1 - mm["gross_margin"])
            how = (
                f"revenue x (1 - stated gross margin) ({mm['basis']}"
                f"{', forecast' if mm['forecast'] else ''})"
            )
        else:
            continue
        rows.append(
            {
                "company": line["company"],
                "layer": line["layer"],
                "calendar_year": int(line["calendar_year"]),
                "payment_usd_bn": pay,
                "revenue_usd_bn": float(line["revenue_usd_bn"]),
                "payment_share": pay / line["revenue_usd_bn"],
                "how": how,
            }
        )
    cols = [
        "company",
        "layer",
        "calendar_year",
        "payment_usd_bn",
        "revenue_usd_bn",
        "payment_share",
        "how",
    ]
    return pd.DataFrame(rows, columns=cols)


def pooled_share(measured: pd.DataFrame, layer: str) -> float:
    """Summed payments / summed revenue of the measured companies of a layer (NaN if none)."""
    m = measured[measured["layer"] == layer]
    return float(m["payment_usd_bn"].sum() / m["revenue_usd_bn"].sum()) if len(m) else np.nan


def value_added(
    lines: pd.DataFrame, measured: pd.DataFrame, assumed_share: dict[str, float]
) -> pd.DataFrame:
    """View (b): per (calendar year, layer), revenue minus payments to the layer below.

    Models' and apps' lines pay their measured amount, else revenue x
    ``assumed_share[layer]``. Semiconductors and cloud pay nothing counted
    here (see the module docstring). Columns: ``calendar_year, layer,
    revenue_usd_bn, paid_measured_usd_bn, paid_assumed_usd_bn,
    value_added_usd_bn, va_share`` (NaN in a year missing a layer).
    """
    require_columns(lines, _LINE_COLUMNS, "pool lines")
    for layer in ("models", "apps"):
        if not 0 <= assumed_share.get(layer, np.nan) or np.isnan(assumed_share.get(layer, np.nan)):
            raise ValueError(f"assumed_share[{layer!r}] must be a share >= 0")
    key = ["company", "calendar_year"]
    pay = measured.set_index(key)["payment_usd_bn"]
    rows = []
    for year in sorted(set(lines["calendar_year"])):
        for layer in LAYERS:
            g = lines[(lines["calendar_year"] == year) & (lines["layer"] == layer)]
            rev = float(g["revenue_usd_bn"].sum()) if len(g) else np.nan
            meas = assumed = 0.0
            if layer in ("models", "apps"):
                for _, r in g.iterrows():
                    k = (r["company"], int(r["calendar_year"]))
                    if k in pay.index:
                        meas += float(pay.loc[k])
                    else:
                        assumed += float(r["revenue_usd_bn"]) * assumed_share[layer]
            rows.append(
                {
                    "calendar_year": int(year),
                    "layer": layer,
                    "revenue_usd_bn": rev,
                    "paid_measured_usd_bn": meas,
                    "paid_assumed_usd_bn": assumed,
                    "value_added_usd_bn": rev - meas - assumed,
                }
            )
    out = pd.DataFrame(rows)
    total = out.groupby("calendar_year")["value_added_usd_bn"].transform("sum")
    complete = out.groupby("calendar_year")["value_added_usd_bn"].transform(
        lambda s: s.notna().all()
    )
    out["va_share"] = np.where(complete & (total > 0), out["value_added_usd_bn"] / total, np.nan)
    return out


def altimeter_reproduction(reference: pd.DataFrame) -> pd.DataFrame:
    """Altimeter's published shares beside the same shares recomputed from its inputs.

    2026 update: revenue semis / infra / apps and their gross margins (apps
    gross profit as published). 2024: revenue only (no layer margins stated
    but the model companies'). Columns: ``date, measure, published, recomputed``.
    """
    ref = reference[reference["publisher"] == ALTIMETER].copy()
    ref["date"] = pd.to_datetime(ref["date"]).dt.date.astype(str)

    def get(date: str, q: str) -> list[float]:
        return list(ref[(ref["date"] == date) & (ref["quantity"] == q)]["value"].astype(float))

    rows = []
    d = "2026-04-03"
    semis, infra, apps = (
        get(d, f"{x}_layer_annualized_revenue")[0] for x in ("semis", "infra", "apps")
    )
    total = semis + infra + apps
    gp = {
        "semis": semis * get(d, "semis_layer_gross_margin")[0],
        "infra": infra * get(d, "infra_layer_gross_margin")[0],
        "apps": get(d, "apps_layer_gross_profit")[0],
    }
    gp_total = sum(gp.values())
    rows += [
        (d, "semis revenue share", get(d, "semis_layer_revenue_share")[0], semis / total),
        (d, "apps revenue share", get(d, "apps_layer_revenue_share")[0], apps / total),
        (d, "ecosystem revenue (USD bn)", get(d, "ai_ecosystem_annualized_revenue")[0], total),
        (
            d,
            "semis gross-profit share",
            get(d, "semis_layer_gross_profit_share")[0],
            gp["semis"] / gp_total,
        ),
    ]
    rows += [
        (d, "apps gross-profit share", v, gp["apps"] / gp_total)
        for v in get(d, "apps_layer_gross_profit_share")
    ]
    d = "2024-04-30"
    semis, infra, apps = (
        get(d, f"{x}_layer_annualized_revenue")[0] for x in ("semis", "infra", "apps")
    )
    total = semis + infra + apps
    rows += [
        (d, "ecosystem revenue (USD bn)", get(d, "ai_ecosystem_annualized_revenue")[0], total),
        (
            d,
            "compute (semis + infra) revenue share",
            get(d, "compute_layer_revenue_share")[0],
            (semis + infra) / total,
        ),
    ]
    return pd.DataFrame(rows, columns=["date", "measure", "published", "recomputed"])


def altimeter_layer_shares(reference: pd.DataFrame, date: str = "2026-04-03") -> dict:
    """Altimeter's 2026 split on the book's layers, from its published layer revenues and
    margins (``revenue`` and ``gross profit`` -> layer -> share). Its apps layer holds the
    model companies and is returned as ``apps``; the apps' gross profit is its stated figure."""
    ref = reference[
        (reference["publisher"] == ALTIMETER)
        & (pd.to_datetime(reference["date"]) == pd.Timestamp(date))
    ]
    get = ref.drop_duplicates("quantity").set_index("quantity")["value"].astype(float)
    rev = {
        layer: float(get[f"{name}_layer_annualized_revenue"])
        for layer, name in (("semiconductors", "semis"), ("cloud", "infra"), ("apps", "apps"))
    }
    gp = {
        "semiconductors": rev["semiconductors"] * float(get["semis_layer_gross_margin"]),
        "cloud": rev["cloud"] * float(get["infra_layer_gross_margin"]),
        "apps": float(get["apps_layer_gross_profit"]),
    }
    return {
        "revenue": {k: v / sum(rev.values()) for k, v in rev.items()},
        "gross profit": {k: v / sum(gp.values()) for k, v in gp.items()},
    }
