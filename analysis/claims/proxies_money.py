"""Proxy verdicts about money: startups counted, structures, funding totals, prices, economics.

The second half of the proxy verdicts (:mod:`analysis.claims.proxies` has the
rules, the infrastructure proxies and :func:`row`). Each compares through
:mod:`analysis.claims.rules`; each claim's proxy and reason are in
``seed_claims``. Money in USD millions; shares 0-1.
"""

from __future__ import annotations

import pandas as pd

from analysis import formatting
from analysis.claims import rules
from analysis.claims.proxies import FIG_PRICES, HUNDREDS, STRUCTURED_COMPANIES, row
from analysis.models import funding_rounds as fr


def funding_claims(rounds: pd.DataFrame, sources: pd.DataFrame) -> list[dict[str, str]]:
    """a16z-01 (hundreds of startups), a16z-31 (structures), teng-09, teng-14."""
    r = rounds.copy()
    r["date"] = pd.to_datetime(r["date"])
    out = []
    n = r.loc[r["date"] <= "2023-01-19", "company"].nunique()
    out.append(
        row(
            "a16z-01",
            rules.judge(rules.lower_bound(n), rules.at_least(HUNDREDS)),
            f"{n} companies with a round in our data by 19 January 2023",
            f"'Hundreds' = at least {HUNDREDS}. Our rounds are a sample of large ones, so the "
            "count is a lower bound; it cannot decide the claim (the rule for bounds).",
        )
    )
    models = r[r["layer"] == "models"]
    raised = fr.funding_to_date(models, r["date"].max())
    top = list(raised.index[: len(STRUCTURED_COMPANIES)])
    ok = [c in top for c in STRUCTURED_COMPANIES]
    out.append(
        row(
            "a16z-31",
            rules.all_any(ok),
            "; ".join(f"{c} {formatting.money_usd_m(raised[c])}" for c in raised.index[:3]),
            "If a capped-profit or public-benefit structure hindered fundraising, OpenAI and "
            "Anthropic would not be the best-funded model companies; they are the top two by "
            "money raised to date in our rounds.",
            list(models.loc[models["company"].isin(top), "source_id"]),
        )
    )
    big_2023 = models[(models["date"].dt.year == 2023) & (models["amount_usd_m"] >= 100)]
    still = rules.judge(rules.point(big_2023["company"].nunique()), rules.at_least(1))
    out.append(
        row(
            "teng-09",
            rules.combine([still, "not testable"]),
            f"{big_2023['company'].nunique()} model companies raised $100M+ rounds in 2023: "
            + ", ".join(sorted(set(big_2023["company"]))),
            "The second half (model companies still raised $100M+ rounds) is in our rounds; the "
            "first (such rounds became rarer across all venture, per Carta) needs every venture "
            "round, which we do not hold.",
            list(big_2023["source_id"]),
        )
    )
    by_april = float(r.loc[r["date"] <= "2023-04-30", "amount_usd_m"].sum())
    out.append(
        row(
            "teng-14",
            rules.judge(rules.lower_bound(by_april), rules.more_than(12_000)),
            f"{formatting.money_usd_m(by_april)} in the rounds we hold, dated by April 2023",
            "The rounds we hold are a sample, so their sum is a lower bound on cumulative "
            "funding; a lower bound above $12 billion settles 'exceeded $12 billion'.",
            list(r.loc[r["date"] <= "2023-04-30", "source_id"]),
        )
    )
    return out


def price_claims(fits: pd.DataFrame, benchmark_name: str = "MMLU") -> list[dict[str, str]]:
    """teng-12 (compute cost will fall) and teng-13 (models depreciate fast) by token prices."""
    f = fits.dropna(subset=["annual_factor_high"])
    if f.empty:
        return [
            row(c, "not testable", "", "No fitted price decline.") for c in ("teng-12", "teng-13")
        ]
    txt = ", ".join(
        f"{benchmark_name} ≥ {r.threshold:g}: {formatting.multiple(r.fold_decline_per_year, 1)} "
        "cheaper a year"
        for r in f.itertuples()
    )
    fell = [
        rules.judge(rules.upper_bound(h), rules.less_than(1.0)) for h in f["annual_factor_high"]
    ]
    fast = [rules.grew_rapidly(x) for x in f["fold_decline_per_year"]]
    return [
        row(
            "teng-12",
            rules.combine(fell),
            txt,
            "The cost of compute is read through the price of a fixed capability: if the "
            "cheapest token at a capability level fell every year (the fit's upper bound below "
            "1), building on that capability got cheaper.",
            figure=FIG_PRICES,
        ),
        row(
            "teng-13",
            rules.all_any(fast),
            txt,
            "A model depreciates as fast as the price of what it does falls: at every "
            f"capability level the price fell at least {formatting.multiple(rules.rapid_growth())} "
            "a year (the rule for 'rapidly', as a decline).",
            figure=FIG_PRICES,
        ),
    ]


def economics_claims(economics: pd.DataFrame, refs: pd.DataFrame, as_of: str) -> list[dict]:
    """a16z-12, a16z-34 (apps), a16z-35 (labs' cloud bill); a16z-36: proxies_market."""
    e = economics.copy()
    e["date"] = pd.to_datetime(e["date"])
    e = e[e["date"] <= pd.Timestamp(as_of)]
    out = []
    app_margins = e[(e["layer"] == "apps") & (e["metric"] == "gross_margin")]
    alt = refs[refs["quantity"] == "apps_layer_gross_margin"]
    parts, shown, src = [], [], []
    for r in app_margins.itertuples():
        parts.append(rules.judge(rules.point(r.value), rules.about(0.50, 0.60)))
        shown.append(f"{r.company} {formatting.pct(r.value)} ({r.date:%b %Y}, reportedly)")
        src.append(r.source_id)
    for r in alt.itertuples():
        parts.append(rules.judge(rules.point(r.value), rules.about(0.50, 0.60)))
        shown.append(f"apps layer {formatting.pct(r.value)} ({r.publisher} estimate, {r.date})")
        src.append(r.source_id)
    out.append(
        row(
            "a16z-12",
            rules.combine(parts) if parts else "not testable",
            "; ".join(shown),
            "Apps do not publish gross margins; the few reported (from internal documents) and "
            "Altimeter's estimate for the whole app layer are compared with the essay's 50-60% "
            "by the rule for 'about X'.",
            src,
        )
    )
    compute = e[(e["layer"] == "apps") & (e["metric"] == "compute_spend")]
    revenue = e[(e["layer"] == "apps") & (e["metric"] == "revenue")]
    parts, shown, src = [], [], []
    for r in compute.itertuples():
        rev = revenue[(revenue["company"] == r.company) & (revenue["date"] == r.date)]
        if rev.empty:
            continue
        share = r.value / float(rev["value"].iloc[0])
        parts.append(rules.judge(rules.upper_bound(share), rules.about(0.20, 0.40)))
        shown.append(f"{r.company} compute {formatting.pct(share)} of revenue ({r.date:%Y})")
        src += [r.source_id, rev["source_id"].iloc[0]]
    for r in app_margins.itertuples():
        cost = 1 - r.value
        parts.append(rules.judge(rules.upper_bound(cost), rules.about(0.20, 0.40)))
        shown.append(f"{r.company} cost of revenue {formatting.pct(cost)} ({r.date:%b %Y})")
        src.append(r.source_id)
    out.append(
        row(
            "a16z-34",
            rules.combine(parts) if parts else "not testable",
            "; ".join(shown),
            "An app's compute spend or cost of revenue includes more than inference (training, "
            "hosting, support), so inference is at most that share; an upper bound that reaches "
            "into the essay's 20-40% cannot decide it (the rule for bounds).",
            src,
        )
    )
    margins = e[(e["layer"] == "models") & (e["metric"] == "compute_margin")]
    latest = margins.sort_values("date").groupby("company").tail(1)
    parts, shown = [], []
    for r in latest.itertuples():
        cost = 1 - r.value
        parts.append(rules.judge(rules.lower_bound(cost), rules.about(0.50)))
        shown.append(
            f"{r.company} inference cost {formatting.pct(cost)} of revenue or more "
            f"({r.date:%b %Y}, reportedly)"
        )
    out.append(
        row(
            "a16z-35",
            rules.combine(parts) if parts else "not testable",
            "; ".join(shown),
            "Reported 'compute margins' give the cost of serving paying users as a share of "
            "revenue; cloud spend also pays for training and free users, so it is at least "
            "that share, a lower bound that decides 'about half' only if it lies outside it.",
            list(latest["source_id"]),
        )
    )
    return out


PROXY_CLAIMS: tuple[str, ...] = (
    "a16z-01",
    "a16z-09",
    "a16z-12",
    "a16z-31",
    "a16z-34",
    "a16z-35",
    "a16z-40",
    "a16z-43",
    "a16z-48",
    "a16z-52",
    "a16z-53",
    "a16z-54",
    "teng-09",
    "teng-12",
    "teng-13",
    "teng-14",
)
"""Claims judged in this module (they override the layer modules' rows)."""


def verdicts(
    load,
    *,
    layers: pd.DataFrame,
    nvidia_cy: pd.DataFrame,
    fits: pd.DataFrame,
    rounds: pd.DataFrame,
    as_of: str,
) -> pd.DataFrame:
    """Every proxy verdict, one row per claim of :data:`PROXY_CLAIMS`.

    ``load`` reads a dataset by name; ``rounds`` are consolidated funding
    rounds; ``fits`` the fixed-capability price declines; ``as_of`` the date
    after which rows (forecasts) are ignored.
    """
    from analysis.claims import proxies as px
    from analysis.claims import turnover
    from analysis.data import provenance

    financials = load("company_financials")
    revenue = provenance.pick_preferred(
        load("revenue_points"), ["company", "date", "metric"], load("sources")
    )
    leaders = turnover.series_for(load("usage_share"), revenue, as_of)
    refs = load("reference_estimates")
    rows = [
        *px.moat_claims(financials, leaders),
        px.lucrative_defensible(layers, financials, refs),
        *px.challenger_clouds(financials),
        px.big_three_share(financials),
        px.chip_share(financials, nvidia_cy),
        *funding_claims(rounds, load("sources")),
        *price_claims(fits),
        *economics_claims(load("ai_economics"), refs, as_of),
    ]
    out = pd.DataFrame(rows, columns=list(px.COLUMNS))
    if sorted(out["claim_id"]) != sorted(PROXY_CLAIMS):
        raise ValueError("proxy verdicts and PROXY_CLAIMS disagree")
    return out
