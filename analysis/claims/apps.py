"""Verdicts on the seed essays' claims about the apps layer.

Size: over 400 lines because it holds one predicate per apps claim, kept together so the
layer's verdicts read as one list.

One row per claim of ``seed_claims`` with ``layer == "apps"``. Where a claim
has a testable form, a small predicate below computes the verdict from the
data; the others get ``"not testable"`` with the reason. Verdicts:

* ``held``: the data agree with the claim's testable form;
* ``failed``: the data contradict it;
* ``mixed``: one part of the claim holds, another fails or cannot be checked
  with public data;
* ``still open``: a prediction whose outcome the data cannot settle yet;
* ``not testable``: no public data can check it (or it is framing).

Money is in USD millions, shares and margins are fractions, growth is a
multiple per year, durations are months.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from analysis import formatting
from analysis.apps.app_revenue import REACHED_METRICS
from analysis.apps.unit_economics import (
    ESSAY_GROSS_MARGIN,
    ESSAY_INFERENCE_SHARE,
    OTHER_COST_SHARE_ASSUMPTION,
    essay_band_consistency,
)
from analysis.claims import rules
from analysis.claims.scorecard import VERDICTS

COLUMNS = ("claim_id", "verdict", "evidence", "figure_id", "reasoning", "sources")

FIGURES = {
    "model": "fig-apps-essay-margins",
    "slider": "fig-apps-margin-slider",
    "decline": "fig-apps-price-decline",
    "compare": "fig-apps-decline-compare",
    "projection": "fig-apps-margin-projection",
    "revenue": "fig-apps-revenue",
}
"""Chart anchors of the Apps chapter, by role."""

DEFAULT_CATEGORY_COMPANIES: dict[str, tuple[str, ...]] = {
    "image generation": ("Midjourney",),
    "copywriting": ("Jasper",),
    "code writing": ("Anysphere (Cursor)", "Replit", "Cognition", "Lovable"),
}
"""Our assignment of the essay's three categories to companies in ``revenue_points``."""


# --------------------------------------------------------------------------
# predicates (each small and tested by hand)
# --------------------------------------------------------------------------


def categories_over_threshold(
    revenue_points: pd.DataFrame,
    category_companies: Mapping[str, Sequence[str]],
    as_of: str | pd.Timestamp,
    threshold_usd_m: float = 100.0,
) -> pd.DataFrame:
    """Per category: did the companies we hold reach ``threshold_usd_m`` by ``as_of``?

    For each company its latest counted figure (run-rate or annual revenue,
    USD millions) dated on or before ``as_of``; the category's total is their
    sum, a lower bound on the category's revenue. Returns ``category,
    companies_with_data, total_usd_m, verdict``: held if the lower bound
    reaches ``threshold_usd_m``, else still open (a bound below the threshold
    cannot decide a claim about the whole category: other companies may make
    up the rest), by :func:`analysis.claims.rules.judge`.
    """
    as_of = pd.Timestamp(as_of)
    pts = revenue_points.copy()
    pts["date"] = pd.to_datetime(pts["date"])
    pts = pts[pts["metric"].isin(REACHED_METRICS) & pts["value_usd_m"].notna()]
    pts = pts[pts["date"] <= as_of].sort_values("date")
    rows = []
    for category, companies in category_companies.items():
        latest = pts[pts["company"].isin(list(companies))].groupby("company").tail(1)
        total = float(latest["value_usd_m"].sum()) if len(latest) else float("nan")
        rows.append(
            {
                "category": category,
                "companies_with_data": ", ".join(sorted(latest["company"])),
                "total_usd_m": total,
                "verdict": rules.judge(rules.lower_bound(total), rules.at_least(threshold_usd_m))
                if len(latest)
                else "still open",
                "sources": ";".join(sorted(latest["source_id"].astype(str)))
                if "source_id" in latest
                else "",
            }
        )
    return pd.DataFrame(rows)


def verdict_categories(table: pd.DataFrame) -> str:
    """The categories' verdicts combined (:func:`analysis.claims.rules.combine`)."""
    if table.empty:
        return "not testable"
    return rules.combine(list(table["verdict"]))


def verdict_fast_climbs(climbs: pd.DataFrame, max_months: float, several: int) -> str:
    """Several apps climbing to the threshold within ``max_months``?

    ``climbs`` is :func:`analysis.apps.app_revenue.climb_months`'s output. held if
    at least ``several`` apps show a bound <= ``max_months``; mixed if at
    least one does; failed if apps have a bound but all are longer; not
    testable if no app has a bound at all.
    """
    bounded = climbs["months_at_most"].dropna()
    fast = int(sum(rules.passes(m, rules.at_most(max_months)) for m in bounded))
    if rules.passes(fast, rules.at_least(several)):
        return "held"
    if fast >= 1:
        return "mixed"
    if len(bounded):
        return "failed"
    return "not testable"


def verdict_fast_growth(growth: pd.DataFrame) -> str:
    """Fast growth holds if the median app "grew rapidly" (:func:`~.rules.grew_rapidly`).

    The claim (a16z-06) also says retention, differentiation and margins are
    weak, which no public dataset measures: so a held growth part gives
    ``mixed``, a failed one ``failed``, no data ``not testable``.
    """
    if growth.empty:
        return "not testable"
    median = float(growth["growth_multiple_per_year"].median())
    return "mixed" if rules.grew_rapidly(median) else "failed"


def verdict_consistency(consistency: Mapping[str, object]) -> str:
    """The essay's margin and inference figures: not testable if consistent, else failed.

    No app publishes its gross margin or inference bill, so the claims cannot
    be checked against outcomes; they can only be checked for arithmetic
    consistency with each other (:func:`analysis.apps.unit_economics.essay_band_consistency`).
    """
    return "not testable" if consistency["consistent"] else "failed"


def verdict_price_mechanism(fits: pd.DataFrame) -> str:
    """a16z-15: did token prices of fixed capability fall (all intervals below 1)?

    ``fits`` is :func:`analysis.apps.decline_fit.fit_decline_by_threshold`'s
    output. The cause the essay names held if every fitted level's upper
    annual factor is below 1; the effect (app margins) is not in public
    data, so that gives ``mixed``. If no level fell, ``failed``; if some
    did, ``still open``; with no fits, ``not testable``.
    """
    f = fits.dropna(subset=["annual_factor_high"])
    if f.empty:
        return "not testable"
    fell = f["annual_factor_high"] < 1.0
    if fell.all():
        return "mixed"
    if not fell.any():
        return "failed"
    return "still open"


def app_funding_by_year(funding_rounds: pd.DataFrame) -> pd.Series:
    """Sum of app-layer rounds in ``funding_rounds`` by calendar year, USD millions."""
    f = funding_rounds[funding_rounds["layer"] == "apps"].copy()
    f["year"] = pd.to_datetime(f["date"]).dt.year
    return f.groupby("year")["amount_usd_m"].sum().astype(float)


def verdict_funding_growth(by_year: pd.Series, base_year: int, last_year: int) -> str:
    """teng-18: app funding in ``last_year`` above ``base_year``? held / failed."""
    base = float(by_year.get(base_year, np.nan))
    last = float(by_year.get(last_year, np.nan))
    if np.isnan(base) or np.isnan(last):
        return "not testable"
    return rules.judge(rules.point(last / base), rules.more_than(1.0)) if base > 0 else "held"


# --------------------------------------------------------------------------
# the verdict table
# --------------------------------------------------------------------------


def verdicts(
    claims: pd.DataFrame,
    revenue_points: pd.DataFrame,
    fits: pd.DataFrame,
    funding_rounds: pd.DataFrame,
    *,
    essay_date: str = "2023-01-19",
    revenue_threshold_usd_m: float = 100.0,
    climb_from_usd_m: float = 10.0,
    fast_climb_months: float = 12.0,
    several: int = 3,
    fast_growth_multiple: float | None = None,
    min_growth_years: float = 0.5,
    category_companies: Mapping[str, Sequence[str]] | None = None,
    inference_shares: tuple[float, float] = ESSAY_INFERENCE_SHARE,
    margin_band: tuple[float, float] = ESSAY_GROSS_MARGIN,
    other_cost_shares: tuple[float, float] = OTHER_COST_SHARE_ASSUMPTION,
    funding_base_year: int = 2023,
    funding_last_year: int = 2025,
    benchmark_name: str = "MMLU",
) -> pd.DataFrame:
    """One verdict per apps-layer claim of ``claims``.

    Parameters
    ----------
    claims
        The ``seed_claims`` dataset (rows with ``layer == "apps"`` are used).
    revenue_points
        ``revenue_points``, deduplicated per ``(company, date, metric)``.
    fits
        :func:`analysis.apps.decline_fit.fit_decline_by_threshold` output.
    funding_rounds
        The ``funding_rounds`` dataset.
    essay_date
        Date of the a16z essay (claims "already" true are checked at it).
    revenue_threshold_usd_m, climb_from_usd_m, fast_climb_months, several
        a16z-03: "several" (>= ``several``) apps climbing from under
        ``climb_from_usd_m`` to ``revenue_threshold_usd_m`` (USD millions)
        within ``fast_climb_months``.
    fast_growth_multiple, min_growth_years
        a16z-06: "growing very quickly" is the rule set's "grew rapidly"
        (:func:`analysis.claims.rules.grew_rapidly`); ``fast_growth_multiple``
        is accepted for chapters written before the rule set and ignored.
        Spans of at least ``min_growth_years`` count.
    category_companies
        a16z-11: companies standing for each of the essay's categories.
    inference_shares, margin_band, other_cost_shares
        a16z-12 / a16z-34: the essay's ranges and our other-cost assumption.
    funding_base_year, funding_last_year
        teng-18: years whose app-layer funding is compared.
    benchmark_name
        How the evidence names the benchmark of ``fits`` (e.g. "MMLU").

    Returns
    -------
    DataFrame
        ``claim_id, verdict, evidence, figure_id, reasoning``.
    """
    from analysis.apps.app_revenue import annual_growth_multiples, climb_months

    apps = claims[claims["layer"] == "apps"].sort_values("claim_id")
    cats = categories_over_threshold(
        revenue_points,
        category_companies or DEFAULT_CATEGORY_COMPANIES,
        essay_date,
        revenue_threshold_usd_m,
    )
    climbs = climb_months(revenue_points, climb_from_usd_m, revenue_threshold_usd_m)
    growth = annual_growth_multiples(revenue_points, min_growth_years)
    consistency = essay_band_consistency(inference_shares, margin_band, other_cost_shares)
    funding = app_funding_by_year(funding_rounds)
    pct = formatting.pct
    thr = formatting.money_usd_m(revenue_threshold_usd_m, 2)

    bounded = climbs.dropna(subset=["months_at_most"])
    fast = bounded[bounded["months_at_most"] <= rules.moved(fast_climb_months)]
    fast_txt = (
        "; ".join(
            f"{r.company}: under {formatting.money_usd_m(climb_from_usd_m, 2)} on "
            f"{formatting.month(r.date_below)}, {thr} or more by "
            f"{formatting.month(r.date_reached)} ({r.months_at_most:.0f} months at most)"
            for r in fast.itertuples()
        )
        or "none"
    )
    cat_txt = "; ".join(
        f"{r.category}: "
        + (
            f"{formatting.money_usd_m(r.total_usd_m, 2)} ({r.companies_with_data})"
            if r.companies_with_data
            else "no figure"
        )
        for r in cats.itertuples()
    )
    cons_txt = (
        f"{pct(inference_shares[0])}-{pct(inference_shares[1])} inference with "
        f"{pct(other_cost_shares[0])}-{pct(other_cost_shares[1])} other costs gives "
        f"{pct(1 - inference_shares[1] - other_cost_shares[1])}-"
        f"{pct(1 - inference_shares[0] - other_cost_shares[0])} margins; the essay's "
        f"{pct(margin_band[0])}-{pct(margin_band[1])} needs other costs of "
        f"{pct(max(consistency['implied_other_low'], 0.0))}-"
        f"{pct(consistency['implied_other_high'])}"
    )
    f_ok = fits.dropna(subset=["annual_factor"])
    fits_txt = ", ".join(
        f"{benchmark_name} ≥ {r.threshold:g}: "
        f"{formatting.multiple(r.fold_decline_per_year, 1)} a year"
        for r in f_ok.itertuples()
    )
    growth_txt = (
        f"median {formatting.multiple(float(growth['growth_multiple_per_year'].median()), 1)} "
        f"a year over {formatting.count(len(growth))} apps"
        if len(growth)
        else "no app with two figures"
    )
    fund_txt = (
        f"{funding_base_year}: {formatting.money_usd_m(float(funding.get(funding_base_year, 0)))}"
        f", {funding_last_year}: "
        f"{formatting.money_usd_m(float(funding.get(funding_last_year, 0)))}"
        " (rounds in our dataset)"
    )

    table: dict[str, tuple[str, str, str, str]] = {
        "a16z-03": (
            verdict_fast_climbs(climbs, fast_climb_months, several),
            fast_txt,
            FIGURES["revenue"],
            f"No launch dates are used. An app seen under "
            f"{formatting.money_usd_m(climb_from_usd_m, 2)} and then at {thr} or more within "
            f"{fast_climb_months:.0f} months did it within a year; 'several' is read as at "
            f"least {several}. Other apps reached {thr} with no early figure to bound the climb.",
        ),
        "a16z-06": (
            verdict_fast_growth(growth),
            growth_txt,
            FIGURES["revenue"],
            f"Fast growth (the median app grew rapidly: at least "
            f"{formatting.multiple(rules.rapid_growth())} a year, the book's rule) is testable; "
            "retention, differentiation and gross margins of apps are not in any public dataset.",
        ),
        "a16z-11": (
            verdict_categories(cats),
            cat_txt,
            FIGURES["revenue"],
            f"Checked at the essay's date with the companies we hold for each category; their "
            f"sum is a lower bound on the category. A lower bound under {thr} cannot decide a "
            "claim about a whole category, so such a category stays open (the rule for bounds).",
        ),
        "a16z-12": (
            verdict_consistency(consistency),
            cons_txt,
            FIGURES["model"],
            "No app publishes its gross margin, so the figure cannot be checked against "
            "outcomes; it is consistent with the essay's inference share under our "
            "other-cost assumption.",
        ),
        "a16z-13": (
            "not testable",
            "",
            "",
            "No public data on paid-acquisition efficacy or retention of AI apps.",
        ),
        "a16z-14": (
            "not testable",
            "",
            "",
            "Framing: differentiation has no measure in our data.",
        ),
        "a16z-15": (
            verdict_price_mechanism(fits),
            f"cheapest price at a fixed level fell: {fits_txt}",
            FIGURES["projection"],
            "The cause the essay names held: the price of a fixed capability fell every year. "
            "Whether app margins rose is not in public data: at fixed usage the model says "
            "they did, but growth in tokens per user, which no app publishes, can cancel it.",
        ),
        "a16z-16": (
            "not testable",
            "",
            "",
            "No public data on app retention over time.",
        ),
        "a16z-34": (
            verdict_consistency(consistency),
            cons_txt,
            FIGURES["model"],
            "No app publishes its inference bill; the range is consistent with the essay's "
            f"margins if other costs of revenue are {pct(other_cost_shares[0])}-"
            f"{pct(other_cost_shares[1])} of revenue.",
        ),
        "a16z-57": (
            "not testable",
            "",
            "",
            "Our data do not record which apps run their own models.",
        ),
        "teng-18": (
            verdict_funding_growth(funding, funding_base_year, funding_last_year),
            fund_txt,
            "",
            "App-layer rounds in the funding_rounds dataset, a curated sample rather than a "
            "census; a rise says app funding grew, not by how much overall.",
        ),
    }
    sources_for = {"a16z-11": ";".join(s for s in cats["sources"] if s)}
    rows = []
    for claim_id in apps["claim_id"]:
        verdict, evidence, figure, reasoning = table.get(
            claim_id,
            ("not testable", "", "", "No predicate for this claim yet."),
        )
        rows.append(
            {
                "claim_id": claim_id,
                "verdict": verdict,
                "evidence": evidence,
                "figure_id": figure,
                "reasoning": reasoning,
                "sources": sources_for.get(claim_id, ""),
            }
        )
    out = pd.DataFrame(rows, columns=list(COLUMNS))
    assert out["verdict"].isin(VERDICTS).all()
    return out


def display_table(table: pd.DataFrame, claims: pd.DataFrame):
    """The chapter's verdict table, in the book's one verdict-table style
    (:func:`analysis.claims.verdict_table.display_table`; ``.frame`` is indexed by claim id).

    ``table`` is the scorecard's apps rows (``pipeline.layer_scorecard``) or
    :func:`verdicts`' output; ``claims`` the ``seed_claims`` dataset.
    """
    from analysis.claims import verdict_table

    return verdict_table.display_table(table, claims, "Each app claim with its verdict")
