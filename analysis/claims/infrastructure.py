"""Verdicts on the seed essays' infrastructure claims (``seed_claims.layer == "infrastructure"``).

Each testable claim has a small predicate over analysis outputs that returns
``(verdict, evidence)``: the verdict is one of :data:`VERDICTS` and the
evidence a formatted number string. Claims with no testable form in this
book's data (framing, or figures nobody has sourced) get ``"not testable"``
with the reason in :data:`NOT_TESTABLE`. :func:`verdicts` assembles one row
per infrastructure claim of the ``seed_claims`` dataset.

Units: money in USD billions (``_usd_bn``) unless a name says millions
(``_usd_m``); shares are fractions of one end-user dollar or of a year's
revenue.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis import formatting
from analysis.claims import rules
from analysis.claims.scorecard import VERDICTS
from analysis.infrastructure.capex import BIG_THREE
from analysis.infrastructure.layer_revenues import NVIDIA_LABEL

LAYER = "infrastructure"

FIG_FLOW = "fig-infrastructure-flow"
FIG_MC = "fig-infrastructure-montecarlo"
FIG_NVIDIA = "fig-infrastructure-nvidia"
FIG_CAPEX = "fig-infrastructure-capex"
FIG_LAYERS = "fig-infrastructure-layers"

NOT_TESTABLE: dict[str, str] = {
    "a16z-32": "Framing: the book has no data on where generative-AI workloads run.",
    "a16z-33": "Framing: 'compute bound' has no measurable form in these datasets.",
    "a16z-38": "No dataset records how startups spend the capital they raise.",
    "a16z-39": "Judged on the verdict page from training_costs (proxies_evidence.py).",
    "a16z-40": "No dataset splits generative-AI compute spend by cloud provider.",
    "a16z-42": "Framing: allocation of scarce GPUs is not observed in public data.",
    "a16z-47": "The citation count comes from an unnamed analysis; no dataset holds it.",
    "a16z-48": "No dataset holds AI-chip market shares by vendor.",
    "a16z-49": "No dataset records which foundry makes which chip.",
    "a16z-50": "No dataset holds GPU list prices over time.",
    "a16z-51": "No dataset measures workload portability or switching between clouds.",
    "a16z-52": (
        "Testing share needs the Big 3's AI-cloud revenue, which they do not report; "
        "the book has GPU-cloud revenue only."
    ),
    "a16z-53": "Framing: 'durable' and 'defensible' have no measurable form here.",
    "teng-12": (
        "The infrastructure data measure spend, not the cost of a unit of compute; "
        "price per token is tested in the models chapter."
    ),
}
"""Why a claim cannot be tested with this book's data (claim_id -> reason)."""

Verdict = tuple[str, str]


# ---------------------------------------------------------------- predicates


def majority_verdict(layers: pd.DataFrame, threshold: float = 0.5) -> Verdict:
    """Does infrastructure take more than ``threshold`` of the layers' summed revenue?

    ``layers`` is :func:`analysis.infrastructure.layer_revenues.layer_revenues`'s output.
    Only years with computed shares count: "held" if infrastructure's share
    exceeds the threshold in every such year, "failed" if in none, "mixed"
    otherwise, "not testable" without any such year.
    """
    ok = layers[layers["infrastructure_share"].notna()]
    if ok.empty:
        return "not testable", "no year with revenue for every layer and a complete Nvidia year"
    above = [rules.passes(s, rules.more_than(threshold)) for s in ok["infrastructure_share"]]
    evidence = "; ".join(
        f"{formatting.pct(s)} in {y}"
        for y, s in zip(ok["calendar_year"], ok["infrastructure_share"], strict=True)
    )
    return rules.all_any(above), f"infrastructure share of tracked revenue: {evidence}"


def interval_verdict(draws: np.ndarray, low: float, high: float, coverage: float = 0.9) -> Verdict:
    """Compare the model's central ``coverage`` interval of a share with a claimed range.

    "held" if the interval lies inside ``[low, high]``, "failed" if it does
    not overlap it, "mixed" if it overlaps. ``draws`` are Monte Carlo values
    (fractions).
    """
    x = np.asarray(draws, dtype=float)
    if x.size == 0 or not 0 < coverage < 1 or low > high:
        raise ValueError("need draws, 0 < coverage < 1 and low <= high")
    tail = (1 - coverage) / 2 * 100
    lo, hi = np.percentile(x, [tail, 100 - tail])
    inside = float(np.mean((x >= low) & (x <= high)))
    if low <= lo and hi <= high:
        verdict = "held"
    elif hi < low or lo > high:
        verdict = "failed"
    else:
        verdict = "mixed"
    evidence = (
        f"model's {formatting.pct(coverage)} interval {formatting.pct(lo)}-{formatting.pct(hi)}; "
        f"{formatting.pct(inside)} of draws in {formatting.pct(low)}-{formatting.pct(high)}"
    )
    return verdict, evidence


def quarter_figure_verdict(
    quarters: pd.DataFrame,
    fiscal_year: int,
    fiscal_quarter: int,
    claimed_usd_m: float,
    tolerance: float | None = None,
    column: str = "data_center_revenue_usd_m",
) -> Verdict:
    """Does a quarter's reported figure agree with the claimed one ("about X", the rule set)?

    ``tolerance`` is accepted for chapters written before the rule set and
    ignored: :func:`analysis.claims.rules.about` decides.

    ``quarters`` is :func:`analysis.infrastructure.nvidia.nvidia_quarters`'s output;
    amounts in USD millions.
    """
    row = quarters[
        (quarters["fiscal_year"] == fiscal_year) & (quarters["fiscal_quarter"] == fiscal_quarter)
    ]
    if row.empty or pd.isna(row[column].iloc[0]):
        return "not testable", f"no figure for FY{fiscal_year} Q{fiscal_quarter}"
    value = float(row[column].iloc[0])
    gap = abs(value - claimed_usd_m) / claimed_usd_m
    verdict = rules.judge(rules.point(value), rules.about(claimed_usd_m))
    return verdict, (
        f"reported {formatting.money_usd_m(value)} vs claimed "
        f"{formatting.money_usd_m(claimed_usd_m, 2)} ({formatting.pct(gap, 1)} apart)"
    )


def capex_threshold_verdict(
    capex_years: pd.DataFrame,
    year: int,
    threshold_usd_bn: float,
    companies: Sequence[str] = BIG_THREE,
) -> Verdict:
    """Did ``companies`` together spend more than ``threshold_usd_bn`` on capex in ``year``?

    ``capex_years``: rows of :func:`analysis.infrastructure.capex.microsoft_calendar_years`
    for each company (columns ``company``, ``year``, ``year_type``,
    ``capex_usd_bn``). A company without a figure makes it "not testable".
    """
    here = capex_years[
        (capex_years["year"] == year)
        & capex_years["company"].isin(companies)
        & capex_years["capex_usd_bn"].notna()
    ]
    missing = sorted(set(companies) - set(here["company"]))
    if missing:
        return "not testable", f"no {year} capex for {', '.join(missing)}"
    total = float(here["capex_usd_bn"].sum())
    fiscal = sorted(here.loc[here["year_type"] == "fiscal", "company"])
    note = f" ({', '.join(fiscal)}: fiscal year)" if fiscal else ""
    verdict = rules.judge(rules.point(total), rules.more_than(threshold_usd_bn))
    return verdict, f"{formatting.money_usd_bn(total)} in {year}{note}"


def growth_verdict(figures: pd.DataFrame, company: str, min_growth: float | None = None) -> Verdict:
    """Did ``company``'s annual revenue grow rapidly (the rule set) every year?

    ``figures`` is :func:`analysis.infrastructure.layer_revenues.company_year_revenue`'s
    output; only ``annual_revenue`` figures in consecutive years count.
    "held" if every year-on-year multiple "grew rapidly"
    (:func:`analysis.claims.rules.grew_rapidly`), "failed" if none did, "mixed"
    otherwise; "not testable" with fewer than two years. ``min_growth`` is
    accepted for chapters written before the rule set and ignored.
    """
    f = figures[(figures["company"] == company) & (figures["metric_used"] == "annual_revenue")]
    f = f.sort_values("calendar_year")
    years = f["calendar_year"].to_numpy()
    values = f["value_usd_bn"].to_numpy(dtype=float)
    pairs = [(i - 1, i) for i in range(1, len(years)) if years[i] == years[i - 1] + 1]
    if not pairs:
        return "not testable", f"fewer than two consecutive annual revenues for {company}"
    verdict = rules.all_any([rules.grew_rapidly(values[b] / values[a]) for a, b in pairs])
    first, last = 0, len(years) - 1
    return verdict, (
        f"{company} {formatting.money_usd_bn(values[first])} ({years[first]}) to "
        f"{formatting.money_usd_bn(values[last])} ({years[last]})"
    )


def biggest_winner_verdict(layers: pd.DataFrame, nvidia_cy: pd.DataFrame) -> Verdict:
    """Does Nvidia's Data Center revenue exceed all other tracked revenue combined?

    Per calendar year with a complete Nvidia year and figures for every layer,
    compare Nvidia Data Center revenue (USD bn) with the rest of the tracked
    revenue (GPU clouds, model providers, app companies). "held" if larger in
    every such year, "failed" if in none, "mixed" otherwise.
    """
    nv = nvidia_cy.set_index("calendar_year")["data_center_revenue_usd_m"] / 1000.0
    ok = layers[layers["total_usd_bn"].notna() & layers["nvidia_complete"].astype(bool)]
    ok = ok[ok["calendar_year"].isin(nv.dropna().index)]
    if ok.empty:
        return "not testable", "no year with a complete Nvidia year and every layer"
    parts, wins = [], []
    for row in ok.itertuples():
        nvidia = float(nv[row.calendar_year])
        rest = float(row.total_usd_bn) - nvidia
        wins.append(rules.passes(nvidia / rest, rules.more_than(1.0)))
        parts.append(f"{formatting.multiple(nvidia / rest, 1)} the rest in {row.calendar_year}")
    return rules.all_any(wins), f"{NVIDIA_LABEL} revenue: " + "; ".join(parts)


def capex_growth_verdict(capex_years: pd.DataFrame, company: str, min_years: int = 2) -> Verdict:
    """Did ``company``'s capex rise from its first to its last year with a figure?

    "not testable" with fewer than ``min_years`` figures; "held" if the last
    is larger than the first, else "failed".
    """
    f = capex_years[(capex_years["company"] == company) & capex_years["capex_usd_bn"].notna()]
    f = f.sort_values("year")
    if len(f) < min_years:
        return "not testable", f"{len(f)} {company} capex figure(s); {min_years} needed"
    first, last = f.iloc[0], f.iloc[-1]
    ratio = float(last["capex_usd_bn"]) / float(first["capex_usd_bn"])
    verdict = rules.judge(rules.point(ratio), rules.more_than(1.0))
    return verdict, (
        f"{company} capex {formatting.money_usd_bn(first['capex_usd_bn'])} ({first['year']}) to "
        f"{formatting.money_usd_bn(last['capex_usd_bn'])} ({last['year']})"
    )


# ---------------------------------------------------------------- assembly


REASONING: dict[str, str] = {
    "a16z-05": (
        "Sum of what tracked companies earned, per calendar year: Nvidia Data Center plus GPU "
        "clouds vs model providers vs app companies. Coverage is partial and the layers "
        "overlap (model providers' cloud bills are part of infrastructure revenue)."
    ),
    "a16z-36": (
        "The essay's own arithmetic, run as a Monte Carlo over its ranges. Its 10-20% needs "
        "all app inference spend to pass through model providers; with some paid to clouds "
        "directly the cloud share rises."
    ),
    "a16z-41": "Capex of Amazon, Alphabet and Microsoft in the year the essay was written.",
    "a16z-43": "Rising capex is the part of the claim the data can check; AI-cloud share is not.",
    "a16z-44": (
        "CoreWeave's reported annual revenue, every year-on-year step judged by the book's rule "
        "for 'grew rapidly'; Lambda Labs has no sourced revenue in the data."
    ),
    "a16z-45": (
        "Nvidia Data Center revenue compared with all other revenue the book tracks in the "
        "three layers. 'Runs the vast majority of workloads' is not measured."
    ),
    "a16z-46": "The quarter ended October 2022 (Q3 fiscal 2023) in the nvidia_quarterly data.",
}


def verdicts(
    claims: pd.DataFrame,
    *,
    quarters: pd.DataFrame,
    nvidia_cy: pd.DataFrame,
    capex_years: pd.DataFrame,
    layers: pd.DataFrame,
    figures: pd.DataFrame,
    cloud_draws: np.ndarray,
    essay_cloud_share: tuple[float, float] = (0.10, 0.20),
    interval: float = 0.9,
    majority_threshold: float = 0.5,
    capex_year: int = 2022,
    capex_threshold_usd_bn: float = 100.0,
    nvidia_claim_usd_m: float = 3800.0,
    nvidia_tolerance: float | None = None,
    growth_min: float | None = None,
) -> pd.DataFrame:
    """One row per infrastructure seed claim: ``claim_id, verdict, evidence, figure_id, reasoning``.

    Inputs are analysis outputs: ``quarters``
    (:func:`~analysis.infrastructure.nvidia.nvidia_quarters`),
    ``nvidia_cy`` (:func:`~analysis.infrastructure.nvidia.nvidia_calendar_years`),
    ``capex_years`` (per-company :func:`~analysis.infrastructure.capex.microsoft_calendar_years`
    rows), ``layers`` (:func:`~analysis.infrastructure.layer_revenues.layer_revenues`),
    ``figures`` (:func:`~analysis.infrastructure.layer_revenues.company_year_revenue`) and
    ``cloud_draws`` (Monte Carlo ``to_clouds`` shares). The keyword
    thresholds are the tests' parameters; ``nvidia_tolerance`` and
    ``growth_min`` are accepted for chapters written before the rule set and
    ignored ("about X" and "grew rapidly" are :mod:`analysis.claims.rules`).
    """
    lo, hi = essay_cloud_share
    tests = {
        "a16z-05": (lambda: majority_verdict(layers, majority_threshold), FIG_LAYERS),
        "a16z-36": (lambda: interval_verdict(cloud_draws, lo, hi, interval), FIG_MC),
        "a16z-41": (
            lambda: capex_threshold_verdict(capex_years, capex_year, capex_threshold_usd_bn),
            FIG_CAPEX,
        ),
        "a16z-43": (lambda: capex_growth_verdict(capex_years, "Oracle"), ""),
        "a16z-44": (lambda: growth_verdict(figures, "CoreWeave"), FIG_LAYERS),
        "a16z-45": (lambda: biggest_winner_verdict(layers, nvidia_cy), FIG_LAYERS),
        "a16z-46": (
            lambda: quarter_figure_verdict(quarters, 2023, 3, nvidia_claim_usd_m),
            FIG_NVIDIA,
        ),
    }
    rows = []
    for claim_id in claims.loc[claims["layer"] == LAYER, "claim_id"]:
        if claim_id in tests:
            fn, figure_id = tests[claim_id]
            verdict, evidence = fn()
            reasoning = REASONING.get(claim_id, "")
        else:
            verdict, figure_id = "not testable", ""
            reasoning = NOT_TESTABLE.get(claim_id, "No test in this chapter's data.")
            evidence = ""
        if verdict not in VERDICTS:  # pragma: no cover - predicates return known verdicts
            raise ValueError(f"unknown verdict {verdict!r} for {claim_id}")
        rows.append(
            {
                "claim_id": claim_id,
                "verdict": verdict,
                "evidence": evidence,
                "figure_id": figure_id if verdict != "not testable" else "",
                "reasoning": reasoning,
                "sources": "",
            }
        )
    columns = ["claim_id", "verdict", "evidence", "figure_id", "reasoning", "sources"]
    return pd.DataFrame(rows, columns=columns)


def display_table(table: pd.DataFrame, claims: pd.DataFrame):
    """The chapter's verdict table, in the book's one verdict-table style
    (:func:`analysis.claims.verdict_table.display_table`; ``.frame`` is indexed by claim id).

    ``table`` is the scorecard's infrastructure rows (``pipeline.layer_scorecard``)
    or :func:`verdicts`' output; ``claims`` the ``seed_claims`` dataset.
    """
    from analysis.claims import verdict_table

    return verdict_table.display_table(table, claims, "Each infrastructure claim with its verdict")
