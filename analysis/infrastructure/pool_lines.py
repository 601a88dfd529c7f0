"""Which company or segment belongs to which layer, once, and its calendar years.

:data:`LAYER_TABLE` is the one place that assigns each (company, segment) of
``company_financials`` and each company of ``revenue_points`` to a layer of
the AI profit pool (semiconductors, cloud, models, apps), or leaves it out,
with the reason. :func:`pool_lines` turns the counted lines into one figure
per (line, calendar year): revenue and, where reported, gross profit, USD
billions. Rules for calendar years (:func:`calendar_values`):

1. four fiscal or calendar quarters whose middle falls in the year, summed;
2. else a ``calendar_year`` row;
3. else a ``fiscal_year`` row ending within :data:`FY_OFFSET_DAYS` of the
   calendar year's end (NVIDIA: late January; Broadcom: early November);
   Microsoft (June) and Oracle (May) fiscal years are never relabelled;
4. the current year (``current_year``, 2026) is *annualised*: the quarters
   reported so far x 4 / n (``n_quarters`` says how many), never mixed with
   a whole year.

Run-rate companies (labs, apps, GPU clouds, Microsoft's AI business) use
:func:`analysis.infrastructure.layer_revenues.company_year_revenue` with the
chapter's run-rate rule; for the current year that is the mean (or last) of
its run-rates so far: also an annualised figure.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.data.checks import require_columns
from analysis.infrastructure.layer_revenues import company_year_revenue

LAYERS: tuple[str, ...] = ("semiconductors", "cloud", "models", "apps")
FY_OFFSET_DAYS = 62
MIDPOINT = pd.Timedelta(days=45)
GP_REPORTED = "reported, or revenue - cost of revenue, or revenue x the stated gross margin"

# (dataset, company, segment or "*", layer or "excluded", reason)
LAYER_TABLE: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "company_financials",
        "NVIDIA",
        "total",
        "semiconductors",
        "Data Center is most of NVIDIA's revenue (about 78% in FY2024, 90% in FY2026) and gross "
        "profit is reported only for the whole company, so revenue and gross profit are both "
        "taken whole, on one basis; gaming and other chips (about a tenth) are counted too",
    ),
    (
        "company_financials",
        "NVIDIA",
        "Data Center",
        "excluded",
        "inside NVIDIA's total (never summed with it)",
    ),
    (
        "company_financials",
        "AMD",
        "Data Center",
        "semiconductors",
        "AMD's data-centre GPUs and server CPUs; gross profit is not reported by segment",
    ),
    ("company_financials", "AMD", "total", "excluded", "mostly PCs, gaming and embedded chips"),
    (
        "company_financials",
        "Broadcom",
        "AI semiconductor",
        "semiconductors",
        "Broadcom's stated AI revenue (custom accelerators, AI networking); no gross profit stated",
    ),
    (
        "company_financials",
        "Broadcom",
        "Semiconductor solutions",
        "excluded",
        "holds the AI semiconductor figure (overlap)",
    ),
    ("company_financials", "Broadcom", "total", "excluded", "mostly non-AI chips and software"),
    (
        "company_financials",
        "TSMC",
        "total",
        "excluded",
        "a supplier of the chip layer, paid out of NVIDIA's and AMD's cost of revenue, and mostly "
        "not AI: counting it would count the same dollar twice",
    ),
    (
        "company_financials",
        "Microsoft",
        "Microsoft AI business",
        "cloud",
        "Microsoft's own AI revenue run-rate (a floor, 'surpassed'); spans Azure AI and Copilot",
    ),
    (
        "company_financials",
        "Microsoft",
        "*",
        "excluded",
        "Intelligent Cloud, Microsoft Cloud and the total are mostly non-AI (margin ladder only)",
    ),
    (
        "company_financials",
        "Alphabet",
        "*",
        "excluded",
        "Google Cloud's AI revenue is not stated; the segment is mostly non-AI "
        "(margin ladder only)",
    ),
    (
        "company_financials",
        "Amazon",
        "*",
        "excluded",
        "AWS's AI revenue is not stated in the stored sources; mostly non-AI (margin ladder only)",
    ),
    (
        "company_financials",
        "Oracle",
        "*",
        "excluded",
        "OCI's AI share is not stated; Oracle's cloud line also holds SaaS",
    ),
    (
        "company_financials",
        "CoreWeave",
        "total",
        "cloud",
        "GPU cloud: all its revenue is AI compute (filings; its 2023 figure, absent here, comes "
        "from revenue_points: a year a financial line has is never taken twice)",
    ),
    (
        "revenue_points",
        "xAI",
        "*",
        "excluded",
        "from 2025 its revenue includes X's advertising and subscriptions (SpaceX filing)",
    ),
    (
        "revenue_points",
        "*",
        "infrastructure",
        "cloud",
        "GPU and inference clouds (Nebius, Crusoe, Together AI, Fireworks AI): "
        "their revenue is AI compute (Nebius: group revenue)",
    ),
    ("revenue_points", "*", "models", "models", "model providers (labs) selling APIs and chat"),
    ("revenue_points", "*", "apps", "apps", "application companies"),
)


def layer_table() -> pd.DataFrame:
    """:data:`LAYER_TABLE` as a frame: ``dataset, company, segment, layer, reason``."""
    return pd.DataFrame(LAYER_TABLE, columns=["dataset", "company", "segment", "layer", "reason"])


def assign_layer(dataset: str, company: str, segment: str) -> tuple[str, str]:
    """(layer, reason) for one line; the first matching row of the table wins.

    ``segment`` is the segment for ``company_financials`` and the
    ``revenue_points`` layer for that dataset. ``*`` matches anything. A line
    the table does not name raises ``KeyError`` (every line is assigned once,
    on purpose).
    """
    for ds, comp, seg, layer, reason in LAYER_TABLE:
        if ds == dataset and comp in ("*", company) and seg in ("*", segment):
            return layer, reason
    raise KeyError(f"no layer rule for {dataset}: {company} / {segment}")


def _quarter_rows(f: pd.DataFrame) -> pd.DataFrame:
    q = f[f["period_type"].isin(["fiscal_quarter", "calendar_quarter"])].copy()
    q["year"] = (q["period_end"] - MIDPOINT).dt.year
    return q


def _fy_year(period_end: pd.Timestamp) -> int | None:
    """Calendar year a fiscal year stands for, if it ends close enough to a year end."""
    for year in (period_end.year, period_end.year - 1):
        if abs((period_end - pd.Timestamp(year=year, month=12, day=31)).days) <= FY_OFFSET_DAYS:
            return year
    return None


def calendar_values(
    rows: pd.DataFrame, start_year: int = 2023, current_year: int = 2026
) -> pd.DataFrame:
    """One value per calendar year from one line's rows of one metric (USD millions in).

    ``rows``: ``period_type``, ``period_end``, ``value`` for one (company,
    segment, metric), deduped. Returns ``calendar_year``, ``value_usd_m``,
    ``how`` (``4 quarters`` | ``calendar year`` | ``fiscal year ending
    <date>`` | ``annualised from n quarter(s)``), ``n_quarters``. Years the
    rules cannot build are absent.
    """
    f = rows.copy()
    f["period_end"] = pd.to_datetime(f["period_end"])
    q = _quarter_rows(f)
    out = []
    for year in range(start_year, current_year + 1):
        qy = q[q["year"] == year].drop_duplicates("period_end")
        if year == current_year:
            if len(qy):
                n = len(qy)
                out.append(
                    (year, float(qy["value"].sum()) * 4 / n, f"annualised from {n} quarter(s)", n)
                )
            continue
        if len(qy) == 4:
            out.append((year, float(qy["value"].sum()), "4 quarters", 4))
            continue
        cy = f[(f["period_type"] == "calendar_year") & (f["period_end"].dt.year == year)]
        if len(cy):
            out.append((year, float(cy["value"].iloc[-1]), "calendar year", 4))
            continue
        fy = f[f["period_type"] == "fiscal_year"]
        fy = fy[[_fy_year(d) == year for d in fy["period_end"]]]
        if len(fy):
            end = fy["period_end"].iloc[-1].date().isoformat()
            out.append((year, float(fy["value"].iloc[-1]), f"fiscal year ending {end}", 4))
    return pd.DataFrame(out, columns=["calendar_year", "value_usd_m", "how", "n_quarters"])


def _gross_profit_rows(g: pd.DataFrame) -> pd.DataFrame:
    """Gross profit per period: reported, else revenue - cost of revenue, else revenue x
    the company's stated gross margin (percent) for the same period."""
    by = g.pivot_table(
        index=["period_type", "period_end"], columns="metric", values="value", aggfunc="first"
    )
    gp = by["gross_profit"] if "gross_profit" in by else pd.Series(np.nan, index=by.index)
    rev = by["revenue"] if "revenue" in by else pd.Series(np.nan, index=by.index)
    if "cost_of_revenue" in by:
        gp = gp.fillna(rev - by["cost_of_revenue"])
    if "gross_margin" in by:
        gp = gp.fillna(rev * by["gross_margin"] / 100)
    return gp.dropna().rename("value").reset_index()


def financial_lines(
    financials: pd.DataFrame, start_year: int = 2023, current_year: int = 2026
) -> pd.DataFrame:
    """Calendar-year revenue and gross profit of the counted ``company_financials`` lines.

    ``financials`` deduped per (company, segment, period_type, period, metric).
    Run-rate lines (``annualized_run_rate``) are left to :func:`pool_lines`.
    Columns: ``company, segment, layer, calendar_year, revenue_usd_bn,
    gross_profit_usd_bn, how, n_quarters, gp_how``.
    """
    require_columns(
        financials,
        ["company", "segment", "period_type", "period_end", "metric", "value"],
        "company_financials",
    )
    rows = []
    for (company, segment), g in financials.groupby(["company", "segment"]):
        layer, _ = assign_layer("company_financials", company, segment)
        if layer == "excluded" or not (g["metric"] == "revenue").any():
            continue
        rev = calendar_values(g[g["metric"] == "revenue"], start_year, current_year)
        gp = calendar_values(_gross_profit_rows(g), start_year, current_year)
        gp = gp.set_index("calendar_year")
        for _, r in rev.iterrows():
            y = int(r["calendar_year"])
            same = y in gp.index and gp.loc[y, "how"] == r["how"]
            rows.append(
                {
                    "company": company,
                    "segment": segment,
                    "layer": layer,
                    "calendar_year": y,
                    "revenue_usd_bn": r["value_usd_m"] / 1000,
                    "gross_profit_usd_bn": gp.loc[y, "value_usd_m"] / 1000 if same else np.nan,
                    "how": r["how"],
                    "n_quarters": int(r["n_quarters"]),
                    "gp_how": GP_REPORTED if same else "not reported",
                }
            )
    return pd.DataFrame(rows)


def run_rate_lines(
    revenue_points: pd.DataFrame,
    financials: pd.DataFrame,
    run_rate_rule: str = "mean",
    start_year: int = 2023,
    current_year: int = 2026,
) -> pd.DataFrame:
    """Calendar-year revenue of the counted run-rate companies (labs, apps, GPU clouds,
    Microsoft's AI business), same columns as :func:`financial_lines`.

    ``revenue_points`` deduped per (company, date, metric). Gross profit is
    left missing here (:func:`analysis.infrastructure.profit_pools` adds the
    labs' stated margins).
    """
    fin_rr = financials[financials["metric"] == "annualized_run_rate"]
    extra = pd.DataFrame(
        {
            "date": fin_rr["period_end"],
            "company": fin_rr["company"] + " " + fin_rr["segment"],
            "layer": "infrastructure",
            "metric": "annualized_run_rate",
            "value_usd_m": fin_rr["value"],
            "segment": fin_rr["segment"],
            "owner": fin_rr["company"],
        }
    )
    rp = revenue_points.copy()
    rp["segment"], rp["owner"] = rp["layer"], rp["company"]
    both = pd.concat([rp, extra], ignore_index=True)
    keep = []
    for _, r in both.iterrows():
        ds = "company_financials" if r["owner"] != r["company"] else "revenue_points"
        layer, _ = assign_layer(ds, r["owner"], r["segment"])
        keep.append(layer)
    both["pool_layer"] = keep
    both = both[both["pool_layer"] != "excluded"]
    figures = company_year_revenue(both, run_rate_rule, start_year)
    layer_of = both.drop_duplicates("company").set_index("company")["pool_layer"]
    figures = figures[figures["calendar_year"] <= current_year]
    how = np.where(
        figures["calendar_year"] == current_year,
        "annualised: " + figures["rule"].str.replace("_", " "),
        figures["rule"].str.replace("_", " "),
    )
    return pd.DataFrame(
        {
            "company": figures["company"],
            "segment": "",
            "layer": figures["company"].map(layer_of),
            "calendar_year": figures["calendar_year"],
            "revenue_usd_bn": figures["value_usd_bn"],
            "gross_profit_usd_bn": np.nan,
            "how": how,
            "n_quarters": np.nan,
            "gp_how": "not reported",
        }
    ).reset_index(drop=True)


def pool_lines(
    financials: pd.DataFrame,
    revenue_points: pd.DataFrame,
    run_rate_rule: str = "mean",
    start_year: int = 2023,
    current_year: int = 2026,
) -> pd.DataFrame:
    """Every counted line's calendar-year revenue (and gross profit where reported)."""
    parts = [
        financial_lines(financials, start_year, current_year),
        run_rate_lines(revenue_points, financials, run_rate_rule, start_year, current_year),
    ]
    parts = [p for p in parts if len(p)]
    if len(parts) == 2:  # a (company, year) with a financial line is never taken twice
        have = set(zip(parts[0]["company"], parts[0]["calendar_year"], strict=True))
        rr = parts[1]
        parts[1] = rr[[k not in have for k in zip(rr["company"], rr["calendar_year"], strict=True)]]
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["calendar_year", "layer", "company"]).reset_index(drop=True)
