"""Model-layer claims about revenue: early scale, the leader's share, growth.

Predicates over ``revenue_points`` (USD millions, essay-cited rows left out)
and the claims they judge (a16z-07, -17, -21, -22, -27; teng-10).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from analysis import formatting
from analysis.claims import rules
from analysis.claims.claim_text import claim_date
from analysis.claims.models_inputs import Params, Prepared, fmt_m, model_companies, pct, result_row
from analysis.models import funding_rounds as fr
from analysis.models import open_closed

REVENUE_METRICS = ("annualized_run_rate", "annual_revenue")


def _revenue(revenue: pd.DataFrame, metrics: Sequence[str] = REVENUE_METRICS) -> pd.DataFrame:
    df = revenue[revenue["metric"].isin(list(metrics)) & revenue["value_usd_m"].notna()].copy()
    df["date"] = pd.to_datetime(df["date"])
    return df.sort_values(["date", "company"])


def largest_revenue_by(
    revenue: pd.DataFrame, companies: Iterable[str], as_of: object
) -> pd.Series | None:
    """The largest revenue figure (run-rate or a year's revenue, USD m) dated by ``as_of``."""
    df = _revenue(revenue)
    df = df[df["company"].isin(set(companies)) & (df["date"] <= pd.Timestamp(as_of))]
    if df.empty:
        return None
    return df.sort_values(["value_usd_m", "date"], ascending=[False, True]).iloc[0]


def first_reaching(
    revenue: pd.DataFrame, companies: Iterable[str], threshold_usd_m: float, after: object
) -> pd.Series | None:
    """The first revenue point >= ``threshold_usd_m`` dated after ``after`` (or None)."""
    df = _revenue(revenue)
    df = df[
        df["company"].isin(set(companies))
        & (df["date"] > pd.Timestamp(after))
        & (df["value_usd_m"] >= threshold_usd_m)
    ]
    return None if df.empty else df.iloc[0]


def run_rate_leaders(revenue: pd.DataFrame, companies: Iterable[str]) -> pd.DataFrame:
    """Per calendar year, the company with the highest latest run-rate that year.

    Each company's last ``annualized_run_rate`` dated in the year; the leader
    and its share of the year's total across companies with a point. Columns
    ``year``, ``leader``, ``leader_usd_m``, ``leader_share``, ``n_companies``.
    """
    df = _revenue(revenue, ("annualized_run_rate",))
    df = df[df["company"].isin(set(companies))]
    df["year"] = df["date"].dt.year
    rows = []
    for year, group in df.groupby("year", sort=True):
        latest = group.groupby("company").tail(1).set_index("company")["value_usd_m"]
        leader = sorted(latest.index, key=lambda c: (-latest[c], c))[0]
        rows.append(
            {
                "year": int(year),
                "leader": leader,
                "leader_usd_m": float(latest[leader]),
                "leader_share": float(latest[leader] / latest.sum()),
                "n_companies": len(latest),
            }
        )
    return pd.DataFrame(
        rows, columns=["year", "leader", "leader_usd_m", "leader_share", "n_companies"]
    )


def growth_multiple(
    revenue: pd.DataFrame,
    company: str,
    start: object,
    end: object | None = None,
    metric: str | None = None,
) -> tuple[float, pd.Series, pd.Series] | None:
    """Revenue at the last point on or before ``start`` vs the latest by ``end``.

    Only ``metric`` points if given (compare like with like), else run-rates
    and a year's revenue. Returns (later / earlier, earlier row, later row),
    or None without both.
    """
    df = _revenue(revenue, REVENUE_METRICS if metric is None else (metric,))
    df = df[df["company"] == company]
    before = df[df["date"] <= pd.Timestamp(start)]
    after = df if end is None else df[df["date"] <= pd.Timestamp(end)]
    after = after[after["date"] > pd.Timestamp(start)]
    if before.empty or after.empty:
        return None
    a, b = before.iloc[-1], after.iloc[-1]
    if a["value_usd_m"] <= 0:
        return None
    return float(b["value_usd_m"] / a["value_usd_m"]), a, b


def _commercial_scale(d: Prepared, p: Params, claim_id: str) -> dict[str, str]:
    when = claim_date(d.claims, d.sources, claim_id)
    top = largest_revenue_by(d.revenue, model_companies(d), when)
    if top is None:
        return result_row(
            claim_id, "not testable", "", "", "No model-provider revenue dated by then."
        )
    raised = fr.funding_to_date(d.rounds, when).get(top["company"], np.nan)
    verdict = rules.judge(rules.point(top["value_usd_m"]), rules.less_than(p.large_scale_usd_m))
    label = "revenue" if top["metric"] == "annual_revenue" else "run-rate"
    evidence = (
        f"{top['company']} {top['date'].year} {label} {fmt_m(top['value_usd_m'])} "
        f"vs {fmt_m(raised)} raised by {formatting.date(when)}"
    )
    return result_row(
        claim_id,
        verdict,
        evidence,
        "valuation",
        f"The largest model-provider revenue known by the essay's date is under the "
        f"{fmt_m(p.large_scale_usd_m)} we call large scale, and a small fraction of the "
        "money raised. Usage is not in the data, so 'relative to usage' is not checked.",
        sources=[top.get("source_id")],
    )


def testable_revenue(d: Prepared, p: Params) -> list[dict[str, str]]:
    """Model-layer claims about revenue: scale, leaders and growth."""
    out: list[dict[str, str]] = []
    c = d.claims
    a16z = claim_date(c, d.sources, "a16z-07")
    model_cos = model_companies(d)

    # --- early commercial scale (a16z-07, a16z-17)
    out.append(_commercial_scale(d, p, "a16z-07"))
    out.append(_commercial_scale(d, p, "a16z-17"))

    # --- a16z-21: OpenAI a massive business with a significant share
    leaders = run_rate_leaders(d.revenue, model_cos)
    latest = _revenue(d.revenue, ("annualized_run_rate",))
    latest = latest[latest["company"].isin(model_cos)].groupby("company").tail(1)
    latest = latest.set_index("company")["value_usd_m"]
    if p.leader in latest:
        share = latest[p.leader] / latest.sum()
        massive = rules.passes(latest[p.leader], rules.at_least(p.massive_usd_m))
        significant = rules.passes(share, rules.at_least(p.significant_share))
        verdict = "held" if massive and significant else "still open"
        out.append(
            result_row(
                "a16z-21",
                verdict,
                f"{p.leader} run-rate {fmt_m(latest[p.leader])}, {pct(share)} of the "
                f"latest run-rates of {len(latest)} model companies",
                "valuation",
                f"'Massive' = a run-rate of at least {fmt_m(p.massive_usd_m)}; "
                f"'significant portion' = at least {pct(p.significant_share)} of the model "
                "companies' run-rates we hold (not of all NLP revenue).",
            )
        )

    # --- a16z-22: large-scale revenue soon after the essay
    hit = first_reaching(d.revenue, model_cos, p.large_scale_usd_m, a16z)
    if hit is None:
        out.append(
            result_row("a16z-22", "still open", "", "valuation", "No company reached it yet.")
        )
    else:
        months = (hit["date"] - a16z).days / open_closed.DAYS_PER_MONTH
        out.append(
            result_row(
                "a16z-22",
                rules.judge(rules.point(months), rules.at_most(p.soon_months)),
                f"{hit['company']} {fmt_m(hit['value_usd_m'])} run-rate by "
                f"{formatting.month(hit['date'])}, {months:,.0f} months after the essay",
                "valuation",
                f"'Large scale' = {fmt_m(p.large_scale_usd_m)} a year; 'not far behind' = "
                f"within {p.soon_months:,.0f} months.",
                sources=[hit.get("source_id")],
            )
        )

    # --- a16z-27: demand for proprietary APIs growing rapidly
    growth = growth_multiple(
        d.revenue, p.leader, a16z, a16z + pd.DateOffset(months=12), metric="annual_revenue"
    )
    if growth is not None:
        mult, a, b = growth
        years = (b["date"] - a["date"]).days / open_closed.DAYS_PER_YEAR
        per_year = mult ** (1 / years) if years > 0 else np.nan
        out.append(
            result_row(
                "a16z-27",
                "held" if rules.grew_rapidly(per_year) else "failed",
                f"{p.leader} {fmt_m(a['value_usd_m'])} ({a['date'].date()}) to "
                f"{fmt_m(b['value_usd_m'])} ({b['date'].date()})",
                "valuation",
                f"'Growing rapidly' = at least {rules.rapid_growth():g}x a year (the book's rule); "
                "revenue is the proxy for API demand.",
                sources=[a.get("source_id"), b.get("source_id")],
            )
        )

    # --- teng-10: no lasting outsized share
    leaders = leaders[leaders["n_companies"] >= 2]
    if len(leaders) >= 2:
        changed = leaders["leader"].nunique() > 1
        out.append(
            result_row(
                "teng-10",
                "held" if changed else "still open",
                "; ".join(
                    f"{r.year}: {r.leader} {pct(r.leader_share)}" for r in leaders.itertuples()
                ),
                "valuation",
                "Leader = highest run-rate among the model companies with a figure that year; "
                "the claim held if the lead changed hands. Shares are of the companies we "
                "hold, not the whole market.",
            )
        )
    return out
