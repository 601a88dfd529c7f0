"""Proxy verdicts from market measures: who leads, how concentrated, scarcity, profit pools.

The third set of proxy verdicts (:mod:`analysis.claims.proxies` and
:mod:`analysis.claims.proxies_money` hold the others). Each claim's proxy and
the reason it is acceptable are in ``seed_claims`` (``proxy``,
``proxy_reason``); every comparison goes through :mod:`analysis.claims.rules`
and every claim about a leader through :mod:`analysis.claims.turnover`.

Shares 0-1; money in USD billions where a name says ``_bn``.
"""

from __future__ import annotations

import pandas as pd

from analysis import formatting
from analysis.claims import rules, turnover
from analysis.claims.proxies import LITTLE_SHARE, row
from analysis.infrastructure import pool_lines, profit_pools

FEW = 3
""""The same few models": the top this many providers."""

INFRASTRUCTURE_LAYERS: tuple[str, ...] = ("semiconductors", "cloud")
"""The essay's infrastructure: chipmakers and clouds (the profit-pool layers)."""

SHORTAGE_YEAR = 2023
"""The calendar year of the data-centre GPU shortage (A100/H100)."""

FIG_POOLS = "fig-infrastructure-layers"


# ------------------------------------------------------------------ leadership


def leadership_claims(
    usage: pd.DataFrame, revenue: pd.DataFrame, as_of: str, essay_date: str = "2023-06-30"
) -> list[dict[str, str]]:
    """teng-10 (no lasting outsized share) and teng-17 (no clear winner in mid-2023)."""
    every = turnover.series_for(usage, revenue, as_of)
    early = turnover.series_for(
        usage, revenue, as_of, start_by=pd.Timestamp(essay_date) + pd.DateOffset(years=1)
    )
    out = []
    for claim_id, series, why in (
        (
            "teng-10",
            every,
            "A lasting outsized share would keep its holder in the lead; read on each measure "
            "and publisher apart (spend, firms paying, labs' revenue), the lead changed hands.",
        ),
        (
            "teng-17",
            early,
            "A clear winner in mid-2023 would have kept the lead; read on the series that begin "
            "within a year of the essay, the 2023 leader did not.",
        ),
    ):
        if not series:
            out.append(row(claim_id, "not testable", "", "No leader series with two dates."))
            continue
        out.append(
            row(
                claim_id,
                turnover.verdict(series),
                turnover.evidence(series),
                why + " The rule is the same for every claim about a lasting leader "
                "(analysis/claims/turnover.py).",
                turnover.sources(series),
            )
        )
    return out


# ------------------------------------------------------------------ concentration


def _market_surveys(usage: pd.DataFrame, as_of: str) -> pd.DataFrame:
    """Spend-share rows of surveys of the whole market (not a two-vendor split), to ``as_of``."""
    u = usage.copy()
    u["date"] = pd.to_datetime(u["date"], format="ISO8601")
    u = u[(u["measure"] == "spend") & (u["date"] <= pd.Timestamp(as_of))]
    u = u[~u["scope"].str.contains("only|two-vendor", case=False)]
    return u[~u["segment"].str.fullmatch(r"any AI|open weights|.* open models")]


def few_models(usage: pd.DataFrame, as_of: str) -> dict[str, str]:
    """a16z-14: apps are built on the same few models (top providers' share of spend)."""
    u = _market_surveys(usage, as_of)
    parts, shown = [], []
    for (publisher, date), g in u.groupby(["publisher", "date"], sort=True):
        top = g.drop_duplicates("segment").nlargest(FEW, "share")
        if len(top) < 2:  # one provider's share is no survey of the market
            continue
        share = float(top["share"].sum())
        # fewer providers reported than FEW: the top-FEW share is at least their sum
        seen = rules.point(share) if len(top) == FEW else rules.lower_bound(share)
        parts.append(rules.judge(seen, rules.more_than(0.5)))
        names = " + ".join(f"{r.segment} {formatting.pct(r.share)}" for r in top.itertuples())
        more = "" if len(top) == FEW else " (at least)"
        shown.append(f"{publisher} {date:%b %Y}: {names} = {formatting.pct(share)}{more}")
    if not parts:
        return row("a16z-14", "not testable", "", "No survey of model spend shares.")
    return row(
        "a16z-14",
        rules.combine(parts),
        "; ".join(shown),
        f"'The same few models' = the top {FEW} model providers take more than half of "
        "enterprise spend on model APIs, in every survey of the whole market; a survey naming "
        f"fewer than {FEW} providers gives a lower bound.",
        sorted(set(u["source_id"])),
    )


def open_pressure(usage: pd.DataFrame, fits: pd.DataFrame, as_of: str) -> dict[str, str]:
    """teng-32: open entrants add price pressure (their usage share and falling prices)."""
    u = usage.copy()
    u["date"] = pd.to_datetime(u["date"], format="ISO8601")
    tokens = u[(u["segment"] == "open weights") & (u["date"] <= pd.Timestamp(as_of))]
    f = fits.dropna(subset=["fold_decline_per_year"])
    if tokens.empty or f.empty:
        return row("teng-32", "not testable", "", "No open-weights usage share or price fit.")
    used = [rules.judge(rules.point(s), rules.at_least(LITTLE_SHARE)) for s in tokens["share"]]
    fell = [rules.grew_rapidly(x) for x in f["fold_decline_per_year"]]
    shown = "; ".join(
        f"open weights {formatting.pct(r.share, 1)} of {r.publisher} {r.measure} ({r.date:%b %Y})"
        for r in tokens.itertuples()
    )
    price = ", ".join(
        f"≥ {r.threshold:g}: {formatting.multiple(r.fold_decline_per_year, 1)} cheaper a year"
        for r in f.itertuples()
    )
    return row(
        "teng-32",
        rules.combine([rules.combine(used), rules.all_any(fell)]),
        f"{shown}; price of a fixed capability {price}",
        "Two parts: open-weights models carry more than a little of the usage (at least "
        f"{formatting.pct(LITTLE_SHARE)}, the 'little share' cut of a16z-48 read the other way), "
        "and the price of a fixed capability fell rapidly (the rule for 'rapidly', as a "
        "decline). Usage is one router's tokens, where open models weigh more than in spend.",
        sorted(set(tokens["source_id"])),
        "fig-apps-price-decline",
    )


# ------------------------------------------------------------------ scarcity


def quarterly_margins(financials: pd.DataFrame, quarters: pd.DataFrame) -> pd.DataFrame:
    """NVIDIA's gross margin per fiscal quarter: gross profit / revenue (``nvidia_quarterly``)."""
    gp = financials[
        (financials["company"] == "NVIDIA")
        & (financials["segment"] == "total")
        & (financials["period_type"] == "fiscal_quarter")
        & (financials["metric"] == "gross_profit")
    ][["period_end", "value", "source_id"]].copy()
    gp["period_end"] = pd.to_datetime(gp["period_end"])
    q = quarters[["period_end", "total_revenue_usd_m", "total_source_id"]].copy()
    q = q.rename(columns={"total_source_id": "source_id"})
    q["period_end"] = pd.to_datetime(q["period_end"])
    both = gp.merge(q, on="period_end", suffixes=("", "_revenue")).dropna()
    both["gross_margin"] = both["value"] / both["total_revenue_usd_m"]
    return both.sort_values("period_end").reset_index(drop=True)


def scarcity_pricing(financials: pd.DataFrame, quarters: pd.DataFrame) -> dict[str, str]:
    """a16z-50: A100 prices rose with scarcity (NVIDIA's margin across the 2023 shortage)."""
    m = quarterly_margins(financials, quarters)
    year = m[m["period_end"].dt.year == SHORTAGE_YEAR]
    if len(year) < 2:
        return row(
            "a16z-50", "not testable", "", f"Fewer than two NVIDIA quarters in {SHORTAGE_YEAR}."
        )
    first, last = year.iloc[0], year.iloc[-1]
    return row(
        "a16z-50",
        rules.judge(rules.point(last["gross_margin"]), rules.more_than(first["gross_margin"])),
        "NVIDIA gross margin "
        + ", ".join(
            f"{r.period_end:%b %Y} {formatting.pct(r.gross_margin, 1)}" for r in year.itertuples()
        ),
        "List prices over time are not published; a seller that raises prices while its costs "
        "do not shows a rising gross margin. Rose = the margin of the last quarter of the "
        f"{SHORTAGE_YEAR} shortage is above the first's (the boundary moves by the band).",
        [*year["source_id"], *year["source_id_revenue"]],
    )


def compute_bound(
    financials: pd.DataFrame, quarters: pd.DataFrame, guidance: pd.DataFrame
) -> dict[str, str]:
    """a16z-33: progress is limited by compute (demand for compute above supply)."""
    scarce = scarcity_pricing(financials, quarters)
    g = guidance.copy()
    g["date_issued"] = pd.to_datetime(g["date_issued"])
    raised, shown, src = [], [], []
    for (company, period), h in g.groupby(["company", "fiscal_period"], sort=True):
        if len(h) < 2:
            continue
        h = h.sort_values("date_issued")
        a, b = h.iloc[0], h.iloc[-1]
        mid_a, mid_b = (
            (a["low_usd_bn"] + a["high_usd_bn"]) / 2,
            (b["low_usd_bn"] + b["high_usd_bn"]) / 2,
        )
        raised.append(rules.judge(rules.point(mid_b), rules.more_than(mid_a)))
        shown.append(
            f"{company} {period} capex guidance ${mid_a:g}bn ({a['date_issued']:%b %Y}) to "
            f"${mid_b:g}bn ({b['date_issued']:%b %Y})"
        )
        src += [a["source_id"], b["source_id"]]
    if not raised or scarce["verdict"] == "not testable":
        return row("a16z-33", "not testable", "", "No scarcity or raised-guidance measure.")
    return row(
        "a16z-33",
        rules.combine([scarce["verdict"], rules.combine(raised)]),
        f"{scarce['evidence']}; " + "; ".join(shown),
        "'Compute-bound' has no direct measure; demand above supply shows as scarcity pricing "
        "(the seller's margin rose through the 2023 shortage, a16z-50) and as buyers raising "
        "within the year what they plan to spend on capacity (mid-points of capex guidance "
        "given twice for the same year). Both are about the market for compute, not about "
        "research progress itself.",
        [*scarce["sources"].split(";"), *src],
    )


def open_weights_practice(rounds: pd.DataFrame, company: str = "Stability AI") -> dict[str, str]:
    """a16z-18: Stability releases its checkpoints as open weights (the company's flag)."""
    r = rounds[(rounds["company"] == company) & rounds["open_weights"].notna()]
    if r.empty:
        return row("a16z-18", "not testable", "", f"No open-weights flag for {company}.")
    flags = sorted(set(r["open_weights"]))
    verdict = {"yes": "held", "no": "failed"}.get(flags[0], "mixed") if len(flags) == 1 else "mixed"
    return row(
        "a16z-18",
        verdict,
        f"{company}: open_weights = {', '.join(flags)} in the funding data",
        "The funding data record, per model company, whether it releases its models' "
        "weights (yes, no, some), from the round's report; they do not list checkpoints one "
        "by one, so 'major checkpoints' is read as the company's practice.",
        list(r["source_id"]),
    )


# ------------------------------------------------------------------ profit pools


def pools(load, revenue: pd.DataFrame, financials: pd.DataFrame, run_rate_rule: str = "mean"):
    """(layer years, measured payments), as the profit-pool analysis computes them."""
    econ, ref = load("ai_economics"), load("reference_estimates")
    lines = profit_pools.add_stated_margins(
        pool_lines.pool_lines(financials, revenue, run_rate_rule=run_rate_rule),
        profit_pools.stated_margins(econ),
    )
    years = profit_pools.layer_years(lines, profit_pools.altimeter_margins(ref))
    return years, profit_pools.measured_payments(econ, lines)


def majority_of_dollars(years: pd.DataFrame) -> dict[str, str]:
    """a16z-05: infrastructure captures the majority of revenue and of gross profit."""
    parts, shown = [], []
    for year in sorted(years["calendar_year"].unique()):
        got = {}
        for col, label in (("revenue_share", "revenue"), ("gp_share_filled", "gross profit")):
            share = sum(
                profit_pools.share_of(years, lay, year, col) for lay in INFRASTRUCTURE_LAYERS
            )
            if pd.isna(share):
                continue
            parts.append(rules.judge(rules.point(share), rules.more_than(0.5)))
            got[label] = formatting.pct(share)
        if got:
            shown.append(f"{year}: " + ", ".join(f"{v} of {k}" for k, v in got.items()))
    if not parts:
        return row("a16z-05", "not testable", "", "No year with every layer's revenue.")
    return row(
        "a16z-05",
        rules.combine(parts),
        "infrastructure (chips + clouds) " + "; ".join(shown),
        "Majority = more than half of the traced companies' revenue AND of their gross profit, "
        "every year (the latest year annualised). Gross profit is reported where reported; no "
        "cloud line reports it, so clouds and unreported lines take Altimeter's layer margins. "
        "The pool is the companies we trace, not the market.",
        figure=FIG_POOLS,
    )


def cloud_take(paid: pd.DataFrame, economics: pd.DataFrame) -> dict[str, str]:
    """a16z-36: 10-20% of revenue goes to clouds (labs' measured payments for compute)."""
    labs = paid[paid["layer"] == "models"]
    if labs.empty:
        return row("a16z-36", "not testable", "", "No lab's compute bill and revenue for one year.")
    parts = [
        rules.judge(rules.lower_bound(s), rules.about(0.10, 0.20)) for s in labs["payment_share"]
    ]
    pooled = profit_pools.pooled_share(paid, "models")
    parts.append(rules.judge(rules.lower_bound(pooled), rules.about(0.10, 0.20)))
    shown = "; ".join(
        f"{r.company} {r.calendar_year} {formatting.pct(r.payment_share)} of revenue ({r.how})"
        for r in labs.itertuples()
    )
    e = economics.copy()
    e["calendar_year"] = e["period"].map(profit_pools._cy)
    keys = set(zip(labs["company"], labs["calendar_year"], strict=True))
    hit = pd.Series(
        [k in keys for k in zip(e["company"], e["calendar_year"], strict=True)], index=e.index
    )
    used = e[hit & e["metric"].isin(["inference_cost", "gross_margin"])]
    return row(
        "a16z-36",
        rules.combine(parts),
        f"labs' compute bills: {shown}; pooled {formatting.pct(pooled)}",
        "Measured payments replace the essay's own assumptions: what model labs paid for "
        "inference as a share of their revenue, where internal documents or estimates state "
        "it. Inference leaves out training, so each share is a lower bound on what reaches "
        "clouds from a dollar paid to a lab; a lower bound above the widened 10-20% fails "
        "the claim. Inputs are internal documents and estimates of few company-years.",
        list(used["source_id"]),
        FIG_POOLS,
    )


PROXY_CLAIMS: tuple[str, ...] = (
    "a16z-05",
    "a16z-14",
    "a16z-18",
    "a16z-33",
    "a16z-36",
    "a16z-50",
    "teng-10",
    "teng-17",
    "teng-32",
)
"""Claims judged here (they override every other module's rows)."""

DIRECT: tuple[str, ...] = ("a16z-05", "teng-10")
"""Claims of :data:`PROXY_CLAIMS` measured directly (the rest are labelled proxies)."""


def verdicts(
    load,
    *,
    revenue: pd.DataFrame,
    financials: pd.DataFrame,
    quarters: pd.DataFrame,
    fits: pd.DataFrame,
    rounds: pd.DataFrame,
    as_of: str,
    run_rate_rule: str = "mean",
) -> pd.DataFrame:
    """Every verdict of :data:`PROXY_CLAIMS` (``revenue``, ``financials`` deduplicated)."""
    from analysis.claims.models_inputs import COLUMNS

    usage = load("usage_share")
    years, paid = pools(load, revenue, financials, run_rate_rule)
    rows = [
        majority_of_dollars(years),
        few_models(usage, as_of),
        cloud_take(paid, load("ai_economics")),
        scarcity_pricing(financials, quarters),
        compute_bound(financials, quarters, load("capex_guidance")),
        open_weights_practice(rounds),
        *leadership_claims(usage, revenue, as_of),
        open_pressure(usage, fits, as_of),
    ]
    out = pd.DataFrame(rows, columns=list(COLUMNS))
    if sorted(out["claim_id"]) != sorted(PROXY_CLAIMS):
        raise ValueError("market proxy verdicts and PROXY_CLAIMS disagree")
    return out
