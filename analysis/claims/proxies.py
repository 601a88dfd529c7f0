"""Verdicts through proxies: claims no dataset measures directly, judged by a stand-in.

Each claim here was "not testable" before: its exact quantity (a moat, AI
chip market shares, an app's inference bill, the share of revenue reaching
clouds) is in no public dataset, but a measurable stand-in a careful analyst
would accept is. The stand-in and the reason it is acceptable are claim
metadata (``seed_claims``' ``proxy`` and ``proxy_reason`` columns, shown on
the scorecard); every comparison goes through :mod:`analysis.claims.rules`,
so a bound that cannot decide leaves the claim still open.

Money in USD millions unless a name says ``_bn``; shares and margins 0-1.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis import formatting
from analysis.claims import rules
from analysis.claims.models_inputs import COLUMNS, join_sources

MOAT_GROSS_MARGIN = 0.60
"""A gross margin kept at or above this every year is read as pricing power (a moat)."""

LITTLE_SHARE = 0.25
""""Little market share": under this share of the tracked revenue."""

HUNDREDS = 200
""""Hundreds" of companies: at least this many."""

STRUCTURED_COMPANIES: tuple[str, ...] = ("OpenAI", "Anthropic")
"""The essay's capped-profit (OpenAI) and public-benefit (Anthropic) model companies."""

BIG_THREE_CLOUDS: dict[str, str] = {
    "Amazon": "AWS",
    "Alphabet": "Google Cloud",
    "Microsoft": "Intelligent Cloud",
}
"""The Big 3's cloud segments in ``company_financials``."""

CHALLENGER_CLOUDS: dict[str, str] = {
    "CoreWeave": "total",
    "Oracle": "Cloud infrastructure (IaaS)",
}
"""Challenger clouds' revenue lines in ``company_financials``."""

FIG_LAYERS = "fig-infrastructure-layers"
FIG_PRICES = "fig-apps-price-decline"


def row(
    claim_id: str,
    verdict: str,
    evidence: str,
    reasoning: str,
    sources: Sequence[object] = (),
    figure: str = "",
) -> dict[str, str]:
    """One proxy verdict (columns of :data:`analysis.claims.models_inputs.COLUMNS`)."""
    return dict(
        zip(
            COLUMNS,
            (claim_id, verdict, evidence, figure, reasoning, join_sources(sources)),
            strict=True,
        )
    )


# ------------------------------------------------------------------ measures


def fiscal_gross_margins(financials: pd.DataFrame, company: str = "NVIDIA") -> pd.DataFrame:
    """Gross profit / revenue per fiscal year of ``company`` (segment total), with sources."""
    f = financials[
        (financials["company"] == company)
        & (financials["segment"] == "total")
        & (financials["period_type"] == "fiscal_year")
    ]
    wide = f.pivot_table(index="period", columns="metric", values="value", aggfunc="first")
    src = f.groupby("period")["source_id"].agg(lambda s: ";".join(sorted(set(s))))
    if not {"gross_profit", "revenue"} <= set(wide.columns):
        return pd.DataFrame(columns=["period", "gross_margin", "sources"])
    out = (wide["gross_profit"] / wide["revenue"]).dropna().rename("gross_margin").reset_index()
    out["sources"] = out["period"].map(src)
    return out.sort_values("period").reset_index(drop=True)


def annual_revenue(financials: pd.DataFrame, company: str, segment: str) -> pd.DataFrame:
    """Yearly revenue (calendar, else fiscal) of a segment: ``period_end, value, source_id``."""
    f = financials[
        (financials["company"] == company)
        & (financials["segment"] == segment)
        & (financials["metric"] == "revenue")
    ]
    for kind in ("calendar_year", "fiscal_year"):
        years = f[f["period_type"] == kind]
        if len(years) >= 2:
            out = years[["period_end", "value", "source_id"]].copy()
            out["period_end"] = pd.to_datetime(out["period_end"])
            return out.sort_values("period_end").reset_index(drop=True)
    return pd.DataFrame(columns=["period_end", "value", "source_id"])


def latest_growth(financials: pd.DataFrame, company: str, segment: str) -> dict | None:
    """The latest year-on-year revenue multiple of a segment (or None without two years)."""
    years = annual_revenue(financials, company, segment)
    if len(years) < 2:
        quarters = financials[
            (financials["company"] == company)
            & (financials["segment"] == segment)
            & (financials["metric"] == "revenue")
            & financials["period_type"].str.endswith("quarter")
        ].copy()
        if len(quarters) < 2:
            return None
        quarters["period_end"] = pd.to_datetime(quarters["period_end"])
        quarters = quarters.sort_values("period_end")
        a, b = quarters.iloc[0], quarters.iloc[-1]
        span = (b["period_end"] - a["period_end"]).days / 365.25
        return {
            "company": company,
            "multiple_per_year": rules.per_year(b["value"] / a["value"], span),
            "text": f"{company} {segment} {formatting.money_usd_m(a['value'])} a quarter "
            f"({a['period_end']:%b %Y}) to {formatting.money_usd_m(b['value'])} "
            f"({b['period_end']:%b %Y})",
            "sources": [a["source_id"], b["source_id"]],
        }
    a, b = years.iloc[-2], years.iloc[-1]
    span = (b["period_end"] - a["period_end"]).days / 365.25
    return {
        "company": company,
        "multiple_per_year": rules.per_year(b["value"] / a["value"], span),
        "text": f"{company} {segment} {formatting.money_usd_m(a['value'])} "
        f"({a['period_end']:%Y}) to {formatting.money_usd_m(b['value'])} ({b['period_end']:%Y})",
        "sources": [a["source_id"], b["source_id"]],
    }


def latest_year_value(financials: pd.DataFrame, company: str, segment: str) -> tuple | None:
    """(year end, revenue, source_id) of a segment's latest full year, or None."""
    years = annual_revenue(financials, company, segment)
    if years.empty:
        return None
    last = years.iloc[-1]
    return last["period_end"], float(last["value"]), last["source_id"]


# ------------------------------------------------------------------ verdicts


def _nvidia_moat(financials: pd.DataFrame) -> tuple[str, str, list[str]]:
    margins = fiscal_gross_margins(financials)
    if margins.empty:
        return "not testable", "no NVIDIA fiscal-year gross margin", []
    kept = [rules.passes(m, rules.at_least(MOAT_GROSS_MARGIN)) for m in margins["gross_margin"]]
    text = ", ".join(
        f"{r.period} {formatting.pct(r.gross_margin, 1)}" for r in margins.itertuples()
    )
    sources = [s for cell in margins["sources"] for s in str(cell).split(";")]
    return rules.all_any(kept), f"NVIDIA gross margin {text}", sources


def moat_claims(financials: pd.DataFrame, leaders: list) -> list[dict[str, str]]:
    """a16z-09, a16z-54: no layer has a systemic moat (chips: margin; models: turnover).

    ``leaders`` are :func:`analysis.claims.turnover.series_for`'s series (the
    one rule for claims about a lasting leader).
    """
    from analysis.claims import turnover

    chips, chips_txt, chips_src = _nvidia_moat(financials)
    if leaders:
        models = turnover.verdict(leaders)
        models_txt, models_src = turnover.evidence(leaders), turnover.sources(leaders)
    else:
        models, models_txt, models_src = "not testable", "no leader series", []
    # a moat at the chip layer contradicts "no layer has a moat"
    no_moat_chips = {"held": "failed", "failed": "held"}.get(chips, chips)
    verdict = rules.combine([no_moat_chips, models])
    evidence = f"{chips_txt}; {models_txt}"
    why = (
        f"Chips: a gross margin at or above {formatting.pct(MOAT_GROSS_MARGIN)} in every fiscal "
        "year is pricing power a rival has not competed away (a moat), which contradicts the "
        "claim; models: the leader changed hands on each measure (spend, firms paying, labs' "
        "revenue: the rule of analysis/claims/turnover.py), so no model maker has held a moat. "
        "Apps and clouds are not measured."
    )
    sources = chips_src + models_src
    return [row(c, verdict, evidence, why, sources) for c in ("a16z-09", "a16z-54")]


def lucrative_defensible(
    layers: pd.DataFrame, financials: pd.DataFrame, refs: pd.DataFrame
) -> dict[str, str]:
    """a16z-53: infrastructure is the most lucrative and defensible layer."""
    known = layers[layers["infrastructure_share"].notna()]
    lucrative = rules.all_any(
        [rules.passes(s, rules.more_than(0.5)) for s in known["infrastructure_share"]]
    )
    profit = refs[
        refs["quantity"].isin(
            ["compute_layer_gross_profit_share", "semis_layer_gross_profit_share"]
        )
    ]
    profit_ok = rules.all_any([rules.passes(v, rules.more_than(0.5)) for v in profit["value"]])
    moat, moat_txt, moat_src = _nvidia_moat(financials)
    verdict = rules.combine([lucrative, profit_ok, moat])
    shares = "; ".join(
        f"{formatting.pct(s)} of tracked revenue in {y}"
        for y, s in zip(known["calendar_year"], known["infrastructure_share"], strict=True)
    )
    profit_txt = "; ".join(
        f"{r.publisher} {formatting.pct(r.value)} of gross profit ({pd.Timestamp(r.date):%Y})"
        for r in profit.itertuples()
    )
    return row(
        "a16z-53",
        verdict,
        f"infrastructure {shares}; chips {profit_txt}; {moat_txt}",
        "Lucrative: infrastructure takes more than half of the revenue we track and (by "
        "Altimeter's estimate) of the ecosystem's gross profit; defensible: NVIDIA's gross "
        f"margin stayed at or above {formatting.pct(MOAT_GROSS_MARGIN)} every fiscal year.",
        list(profit["source_id"]) + moat_src,
        FIG_LAYERS,
    )


def challenger_clouds(financials: pd.DataFrame) -> list[dict[str, str]]:
    """a16z-43 (Oracle gains AI-cloud share) and a16z-52 (specialised clouds take share)."""
    big = [latest_growth(financials, c, s) for c, s in BIG_THREE_CLOUDS.items()]
    big = [g for g in big if g is not None]
    fastest_big = max((g["multiple_per_year"] for g in big), default=float("nan"))
    big_txt = "; ".join(
        f"{g['text']} ({formatting.multiple(g['multiple_per_year'], 2)} a year)" for g in big
    )
    big_src = [s for g in big for s in g["sources"]]
    out = []
    for claim_id, company in (("a16z-43", "Oracle"), ("a16z-52", "CoreWeave")):
        g = latest_growth(financials, company, CHALLENGER_CLOUDS[company])
        if g is None or not big:
            out.append(row(claim_id, "not testable", "", "No challenger or Big 3 cloud revenue."))
            continue
        faster = rules.judge(
            rules.point(g["multiple_per_year"] / fastest_big), rules.more_than(1.0)
        )
        parts = [faster]
        why = (
            f"A cloud whose revenue grows faster than every Big 3 cloud's gains share: "
            f"{company}'s growth a year against the fastest of AWS, Google Cloud and "
            "Microsoft's Intelligent Cloud (their whole cloud businesses, not only AI)."
        )
        if claim_id == "a16z-43":
            parts.append("not testable")
            why += " The capex half of the claim has one Oracle capex figure, so it is not tested."
        out.append(
            row(
                claim_id,
                rules.combine(parts),
                f"{g['text']} ({formatting.multiple(g['multiple_per_year'], 2)} a year); {big_txt}",
                why,
                g["sources"] + big_src,
            )
        )
    return out


def big_three_share(financials: pd.DataFrame) -> dict[str, str]:
    """a16z-40: most compute spend goes to AWS, Google Cloud and Azure (cloud revenue share)."""
    lines = {**BIG_THREE_CLOUDS, **CHALLENGER_CLOUDS}
    got = {c: latest_year_value(financials, c, s) for c, s in lines.items()}
    got = {c: v for c, v in got.items() if v is not None}
    if not set(BIG_THREE_CLOUDS) <= set(got):
        return row("a16z-40", "not testable", "", "No yearly revenue for every Big 3 cloud.")
    big = sum(got[c][1] for c in BIG_THREE_CLOUDS)
    total = sum(v[1] for v in got.values())
    share = big / total
    return row(
        "a16z-40",
        rules.judge(rules.point(share), rules.more_than(0.5)),
        f"Big 3 clouds {formatting.money_usd_m(big)} of {formatting.money_usd_m(total)} "
        f"tracked cloud revenue = {formatting.pct(share)} ("
        + ", ".join(f"{c} {v[0]:%Y}" for c, v in got.items())
        + ")",
        "Most = more than half of the latest yearly revenue of the clouds we track (Big 3 "
        "segments, CoreWeave, Oracle's IaaS). Their AI compute is not reported apart.",
        [v[2] for v in got.values()],
    )


def chip_share(financials: pd.DataFrame, nvidia_cy: pd.DataFrame) -> dict[str, str]:
    """a16z-48: non-Nvidia AI chips hold little share (AMD Data Center + Broadcom AI vs NVIDIA)."""
    rivals = {"AMD": "Data Center", "Broadcom": "AI semiconductor"}
    got = {c: latest_year_value(financials, c, s) for c, s in rivals.items()}
    got = {c: v for c, v in got.items() if v is not None}
    nv = nvidia_cy.dropna(subset=["data_center_revenue_usd_m"])
    if not got or nv.empty:
        return row("a16z-48", "not testable", "", "No rival chip revenue.")
    year = max(v[0].year for v in got.values())
    nv_year = nv[nv["calendar_year"] == year]
    if nv_year.empty:
        nv_year = nv.tail(1)
    nvidia = float(nv_year["data_center_revenue_usd_m"].iloc[0])
    rest = sum(v[1] for v in got.values())
    share = rest / (rest + nvidia)
    return row(
        "a16z-48",
        rules.judge(rules.upper_bound(share), rules.less_than(LITTLE_SHARE)),
        f"AMD Data Center and Broadcom AI {formatting.money_usd_m(rest)} vs NVIDIA Data Center "
        f"{formatting.money_usd_m(nvidia)} ({int(nv_year['calendar_year'].iloc[0])}): "
        f"{formatting.pct(share)} at most",
        f"'Little share' = under {formatting.pct(LITTLE_SHARE)} of data-centre chip revenue. "
        "AMD's Data Center segment includes server CPUs and Broadcom's AI line includes "
        "networking, so their share of AI accelerators is at most this.",
        [v[2] for v in got.values()],
        FIG_LAYERS,
    )
