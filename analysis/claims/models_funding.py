"""Model-layer claims about funding: totals, shares, closed leaders, round figures.

Predicates over consolidated ``funding_rounds`` (one row per round) and the
trackers' ``genai_funding_totals``, and the claims they judge (a16z-37; teng-01
to -08, -15, -16, -19, -20, -22). Money in USD millions, shares 0-1.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from analysis import formatting
from analysis.claims import rules
from analysis.claims.claim_text import (
    claim_date,
    claim_row,
    claim_share,
    combine,
    figure_check,
    money_figures_usd_m,
    share_verdict,
)
from analysis.claims.models_inputs import (
    Params,
    Prepared,
    fmt_m,
    pct,
    publisher_of,
    result_row,
)
from analysis.models import funding_rounds as fr
from analysis.models.model_layer import tracker_shares


def market_total(totals: pd.DataFrame, year: int, exclude_sources: Iterable[str]) -> pd.Series:
    """The independent *cumulative* generative-AI funding total for ``year``.

    The row of ``genai_funding_totals`` with ``layer == "all"``, a value, a
    ``scope`` that says "cumulative", not from the essays; the largest if
    several. ValueError if none.
    """
    rows = totals[
        (totals["layer"] == "all")
        & (totals["year"] == year)
        & totals["value_usd_bn"].notna()
        & totals["scope"].str.contains("cumulative", case=False)
        & ~totals["source_id"].isin(set(exclude_sources))
    ]
    if rows.empty:
        raise ValueError(f"no independent cumulative GenAI funding total for {year}")
    return rows.sort_values("value_usd_bn", ascending=False).iloc[0]


def closed_companies(rounds: pd.DataFrame, some_as: str) -> set[str]:
    """Model-layer companies counted as closed-weights (``some`` per ``some_as``)."""
    if some_as not in ("open", "closed"):
        raise ValueError(f"some_as must be 'open' or 'closed', got {some_as!r}")
    closed_flags = {"no"} | ({"some"} if some_as == "closed" else set())
    models = rounds[rounds["layer"] == "models"]
    return set(models.loc[models["open_weights"].isin(closed_flags), "company"])


def top_closed_funding(rounds: pd.DataFrame, as_of: object, *, k: int, some_as: str) -> pd.Series:
    """Funding to date (USD m) of the ``k`` best-funded closed model companies."""
    to_date = fr.funding_to_date(rounds, as_of)
    closed = closed_companies(rounds[pd.to_datetime(rounds["date"]) <= as_of], some_as)
    return to_date[to_date.index.isin(closed)].head(k)


def most_valuable(rounds: pd.DataFrame, as_of: object, k: int) -> pd.DataFrame:
    """The ``k`` companies with the highest value floor on ``as_of`` (USD m).

    A company's value floor is the larger of its latest post-money valuation
    dated on or before ``as_of`` and the money it had raised by then (a
    company that has taken in $11B is valued at no less by the investors who
    paid it; OpenAI's valuation is missing from the data). Columns
    ``company``, ``latest_valuation_usd_m``, ``raised_usd_m``,
    ``value_floor_usd_m``, ``open_weights`` (the latest round's flag).
    """
    df = rounds.copy()
    df["date"] = pd.to_datetime(df["date"])
    df = df[df["date"] <= pd.Timestamp(as_of)].sort_values("date")
    raised = fr.funding_to_date(rounds, as_of)
    valued = df[df["post_money_valuation_usd_m"].notna()].groupby("company").tail(1)
    latest = valued.set_index("company")["post_money_valuation_usd_m"]
    flags = df.groupby("company").tail(1).set_index("company")["open_weights"]
    companies = sorted(set(raised.index) | set(latest.index))
    table = pd.DataFrame(
        {
            "company": companies,
            "latest_valuation_usd_m": [latest.get(c, np.nan) for c in companies],
            "raised_usd_m": [raised.get(c, 0.0) for c in companies],
            "open_weights": [flags.get(c) for c in companies],
        }
    )
    table["value_floor_usd_m"] = table[["latest_valuation_usd_m", "raised_usd_m"]].max(axis=1)
    return table.sort_values(["value_floor_usd_m", "company"], ascending=[False, True]).head(k)


def find_round(
    rounds: pd.DataFrame,
    company: str,
    *,
    round_type: str | None = None,
    lead: str | None = None,
    start: object | None = None,
    end: object | None = None,
) -> pd.DataFrame:
    """Consolidated rounds of ``company`` matching the optional filters."""
    df = rounds[rounds["company"] == company].copy()
    df["date"] = pd.to_datetime(df["date"])
    if round_type is not None:
        df = df[df["round_type"] == round_type]
    if lead is not None:
        leads = df["lead_investors"].fillna("").str.lower()
        df = df[leads.str.contains(lead.lower(), regex=False)]
    if start is not None:
        df = df[df["date"] >= pd.Timestamp(start)]
    if end is not None:
        df = df[df["date"] <= pd.Timestamp(end)]
    return df


def _figure_claim(
    d: Prepared,
    p: Params,
    claim_id: str,
    roles: Sequence[str],
    company: str,
    **selector: object,
) -> dict[str, str]:
    text = claim_row(d.claims, claim_id)["claim"]
    figures = money_figures_usd_m(text)[: len(roles)]
    match = find_round(d.independent, company, **selector)  # type: ignore[arg-type]
    parts, evidence, used = [], [], []
    for role, claimed in zip(roles, figures, strict=True):
        column = "amount_usd_m" if role == "amount" else "post_money_valuation_usd_m"
        source_col = "amount_source_id" if role == "amount" else "valuation_source_id"
        values = match[column].dropna()
        if values.empty:
            parts.append("not testable")
            evidence.append(f"no independent {role}")
            continue
        row = match.loc[values.index[0]]
        used.append(row[source_col])
        parts.append(figure_check(claimed, float(row[column])))
        evidence.append(f"{role} {fmt_m(row[column])} ({publisher_of(d, row[source_col])})")
    verdict = combine(parts)
    claimed_txt = " and ".join(
        f"{r} {fmt_m(lo)}" + (f"-{fmt_m(hi)}" if hi != lo else "")
        for r, (lo, hi) in zip(roles, figures, strict=True)
    )
    reasoning = (
        f"Claimed {claimed_txt}; checked against rounds from sources other than the "
        f"essay, by the rule for 'about X' (within {pct(rules.about_tolerance())})."
    )
    if verdict == "not testable":
        reasoning += " No source other than the essay reports this figure."
    return result_row(claim_id, verdict, "; ".join(evidence), "valuation", reasoning, used)


def _market_share_claim(
    d: Prepared, p: Params, claim_id: str, numerator: float, who: str, *, more_than: bool = False
) -> dict[str, str]:
    claimed = claim_share(claim_row(d.claims, claim_id)["claim"])
    when = claim_date(d.claims, d.sources, claim_id)
    total = market_total(d.totals, when.year, d.essays)
    share = numerator / (float(total["value_usd_bn"]) * 1000)
    lower = "lower bound" in str(total["scope"]).lower()
    observed = rules.upper_bound(share) if lower else rules.point(share)
    if more_than:
        verdict = rules.judge(observed, rules.more_than(claimed))
        rule = f"more than {pct(claimed)}"
    else:
        verdict = rules.judge(observed, rules.about(claimed))
        rule = f"about {pct(claimed)}: within {pct(rules.about_tolerance())} of it"
    return result_row(
        claim_id,
        verdict,
        f"{who} {fmt_m(numerator)} of {formatting.money_usd_bn(total['value_usd_bn'])} "
        f"({total['publisher']}) = {pct(share)}" + (" at most" if lower else ""),
        "concentration",
        f"Claimed {rule}. The numerator is from our funding rounds up to "
        f"{formatting.date(when)}, the denominator an independent tracker's cumulative "
        "total" + (" (a lower bound, so the share is at most this)." if lower else "."),
        sources=[total["source_id"]],
    )


def _tracker_share_claim(d: Prepared, p: Params, claim_id: str) -> dict[str, str]:
    claimed = claim_share(claim_row(d.claims, claim_id)["claim"])
    rows = tracker_shares(d.totals, "models", d.essays)
    if rows.empty:
        return result_row(claim_id, "not testable", "", "money", "No independent tracker share.")
    parts = [share_verdict(claimed, r.share, lower_bound=r.lower_bound) for r in rows.itertuples()]
    verdict = rules.combine(parts)
    evidence = "; ".join(
        f"{r.publisher} {'over ' if r.lower_bound else ''}{pct(r.share)} ({r.year})"
        for r in rows.itertuples()
    )
    return result_row(
        claim_id,
        verdict,
        evidence,
        "money",
        f"Claimed about {pct(claimed)} to the model layer; compared with independent trackers' "
        f"model-layer shares by the rule for 'about X' (within {pct(rules.about_tolerance())}). "
        "A tracker's 'over X%' is a lower bound: it decides the claim only if all of it lies "
        "inside or outside that band, otherwise the claim stays open.",
        sources=list(rows["source_id"]) if "source_id" in rows else None,
    )


def testable_funding(d: Prepared, p: Params) -> list[dict[str, str]]:
    """Model-layer claims about funding: totals, shares, closed leaders and rounds."""
    out: list[dict[str, str]] = []
    c = d.claims
    teng = claim_date(c, d.sources, "teng-01")
    a16z = claim_date(c, d.sources, "a16z-07")

    # --- a16z-37: model startups had raised billions by January 2023
    threshold = money_figures_usd_m(claim_row(c, "a16z-37")["claim"])[0][0]
    raised = fr.funding_to_date(d.rounds, a16z, by="layer").get("models", 0.0)
    out.append(
        result_row(
            "a16z-37",
            rules.judge(rules.point(raised), rules.more_than(threshold)),
            f"{fmt_m(raised)} raised by model-layer companies by {formatting.date(a16z)}",
            "money",
            f"Threshold from the claim: more than {fmt_m(threshold)}. OpenAI's $10B came "
            "days after the essay and is not counted.",
        )
    )

    # --- teng-01: a few closed companies got most GenAI VC
    top = top_closed_funding(d.rounds, teng, k=p.top_k, some_as=p.some_as)
    out.append(
        _market_share_claim(d, p, "teng-01", float(top.sum()), ", ".join(top.index), more_than=True)
    )

    # --- teng-02: the three most valuable are closed
    valuable = most_valuable(d.independent, teng, p.top_k)
    closed_flags = {"no"} | ({"some"} if p.some_as == "closed" else set())
    all_closed = valuable["open_weights"].isin(closed_flags).all()
    out.append(
        result_row(
            "teng-02",
            "held" if all_closed else "failed",
            "; ".join(
                f"{r.company} {fmt_m(r.value_floor_usd_m)} (open weights: {r.open_weights})"
                for r in valuable.itertuples()
            ),
            "open_funding",
            "Value floor = latest valuation (post-money, or the price of an employee "
            "tender) or money raised, whichever is larger, from sources other than the essay. "
            f"'some' counts as {p.some_as}.",
        )
    )

    # --- teng-03/05/06/07/08: the essay's round figures
    window = {"start": teng - pd.DateOffset(months=6), "end": teng}
    out.append(
        _figure_claim(d, p, "teng-03", ("amount", "valuation"), "Cohere", round_type="series_c")
    )
    out.append(
        _figure_claim(d, p, "teng-05", ("amount", "valuation"), "Anthropic", round_type="series_c")
    )
    out.append(_figure_claim(d, p, "teng-06", ("amount",), "Anthropic", lead="Google", end=teng))
    out.append(_figure_claim(d, p, "teng-07", ("amount",), "OpenAI", lead="Microsoft", **window))
    out.append(_figure_claim(d, p, "teng-08", ("valuation",), "OpenAI", **window))

    # --- teng-15, teng-16: model layer's share per trackers
    out.append(_tracker_share_claim(d, p, "teng-15"))
    out.append(_tracker_share_claim(d, p, "teng-16"))

    # --- teng-19: model companies raise larger rounds
    medians = (
        d.rounds[d.rounds["amount_usd_m"].notna() & (d.rounds["round_type"] != "tender")]
        .groupby("layer")["amount_usd_m"]
        .median()
    )
    if {"models", "apps"} <= set(medians.index):
        out.append(
            result_row(
                "teng-19",
                rules.judge(rules.point(medians["models"] / medians["apps"]), rules.more_than(1.0)),
                f"median round: models {fmt_m(medians['models'])}, apps {fmt_m(medians['apps'])}",
                "money",
                "Median of every round with an amount in our data, all years. The data list "
                "notable rounds, so both medians are high; the comparison is what counts.",
            )
        )

    # --- teng-20: within the model layer, a few closed companies get most
    models_only = d.rounds[d.rounds["layer"] == "models"]
    layer_total = float(fr.funding_to_date(models_only, teng).sum())
    top_share = float(top.sum()) / layer_total
    out.append(
        result_row(
            "teng-20",
            rules.judge(rules.point(top_share), rules.at_least(p.vast_majority)),
            f"{', '.join(top.index)}: {pct(top_share)} of {fmt_m(layer_total)} "
            f"model-layer funding by {formatting.date(teng)}",
            "open_funding",
            f"'A select few' = the top {p.top_k} closed companies; 'vast majority' = at least "
            f"{pct(p.vast_majority)}.",
        )
    )

    # --- teng-22: OpenAI about half of GenAI startup funding
    openai = fr.funding_to_date(d.rounds, teng).get(p.leader, 0.0)
    out.append(_market_share_claim(d, p, "teng-22", float(openai), p.leader))
    return out
