"""Verdicts from datasets gathered for single claims: training costs, round participants, users.

Each claim here was "not testable" until a dataset measured it
(:mod:`analysis.data.schemas_claims`): ``training_costs`` (what training a
named model cost), ``round_participants`` (every investor of a round) and
``user_milestones`` (months to reach a number of users) and ``revenue_mix``
(a lab's revenue from its own apps and from hosting its models). Claims judged by a
stand-in carry it, with the reason it is acceptable, in ``seed_claims``
(``proxy``, ``proxy_reason``); :data:`DIRECT` lists those measured directly.
Every comparison goes through :mod:`analysis.claims.rules`.

Money in USD millions.
"""

from __future__ import annotations

import pandas as pd

from analysis import formatting
from analysis.claims import rules
from analysis.claims.proxies import row

TENS_OF_MILLIONS_USD_M = 10.0
""""Tens of millions" of dollars starts here (USD millions)."""

THOUSAND_MILLION_USD_M = 1_000.0
""""Hundreds of millions" ends below a billion (USD millions)."""

HUNDREDS_OF_MILLIONS_USD_M = 200.0
""""Hundreds of millions" a year: at least this (USD millions; "hundreds" = at least
two hundred, as for :data:`analysis.claims.proxies.HUNDREDS`)."""

MILLIONS_USD_M = 1.0
""""Millions of dollars": at least this (USD millions)."""

PUBLIC_DEVELOPERS: tuple[str, ...] = ("Google", "Meta", "Microsoft/NVIDIA")
"""Developers in ``training_costs`` that are (or belong to) public tech companies."""

CLOSED_DEVELOPERS: tuple[str, ...] = ("OpenAI", "Google")
"""Developers whose models in ``training_costs`` are closed (no weights released)."""

ESSAY_YEAR_A16Z = 2023
"""Models released by the end of this year count for a16z's January 2023 essay (its
'large-scale training' included GPT-4, then in training)."""

USER_MILESTONE_M = 100.0
"""The user milestone the record is measured at (millions of monthly users)."""

CLAIMED_PARTICIPANTS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "teng-04": ("Cohere", "series_c", ("Nvidia", "Oracle")),
}
"""Claims that named investors took part in a round: company, round type, investors."""


# ------------------------------------------------------------------ training costs


def _costs(costs: pd.DataFrame, scope: str = "final_run_compute") -> pd.DataFrame:
    return costs[(costs["scope"] == scope) & (costs["bound"] == "point")]


def training_scale(costs: pd.DataFrame) -> dict[str, str]:
    """a16z-23: large-scale training costs up to tens or hundreds of millions of dollars."""
    runs = _costs(costs)
    runs = runs[runs["year"] <= ESSAY_YEAR_A16Z]
    if runs.empty:
        return row("a16z-23", "not testable", "", "No training-cost estimate by then.")
    top = runs.sort_values("cost_usd_m").iloc[-1]
    tens_to_hundreds = rules.Interval(
        rules.moved(TENS_OF_MILLIONS_USD_M), rules.moved(THOUSAND_MILLION_USD_M), high_open=True
    )
    verdict = rules.judge(rules.point(float(top["cost_usd_m"])), tens_to_hundreds)
    shown = "; ".join(
        f"{r.model} {formatting.money_usd_m(r.cost_usd_m)} ({r.year})"
        for r in runs.sort_values("cost_usd_m", ascending=False).head(3).itertuples()
    )
    return row(
        "a16z-23",
        verdict,
        f"largest estimated final training runs to {ESSAY_YEAR_A16Z}: {shown}",
        "'Up to tens or hundreds of millions' = the costliest run lies between "
        f"{formatting.money_usd_m(TENS_OF_MILLIONS_USD_M)} and "
        f"{formatting.money_usd_m(THOUSAND_MILLION_USD_M)}. Judged on the published estimate "
        "of the costliest final training run's compute (the AI Index's, with Epoch AI); "
        "experiments and staff are left out, so the full cost is higher.",
        list(runs["source_id"]),
    )


def cheap_open_model(costs: pd.DataFrame) -> dict[str, str]:
    """teng-30: Vicuna-13B cost about $300 to train; closed LLMs millions."""
    vicuna = costs[costs["model"].str.startswith("Vicuna-13B")]
    closed = _costs(costs)
    closed = closed[closed["developer"].isin(CLOSED_DEVELOPERS)]
    if vicuna.empty or closed.empty:
        return row("teng-30", "not testable", "", "No training cost for Vicuna or closed models.")
    v = vicuna.iloc[0]
    parts = [rules.judge(rules.point(float(v["cost_usd_m"])), rules.about(300 / 1e6))]
    parts += [
        rules.judge(rules.point(float(c)), rules.at_least(MILLIONS_USD_M))
        for c in closed["cost_usd_m"]
    ]
    shown = ", ".join(
        f"{r.model} {formatting.money_usd_m(r.cost_usd_m)}" for r in closed.itertuples()
    )
    return row(
        "teng-30",
        rules.combine(parts),
        f"Vicuna-13B ${float(v['cost_usd_m']) * 1e6:,.0f} (fine-tuning, LMSYS); closed models' "
        f"final runs (estimates): {shown}",
        "Both halves are checked: Vicuna's cost by the rule for 'about X', the closed "
        f"models' estimated final-run compute against 'millions' (at least "
        f"{formatting.money_usd_m(MILLIONS_USD_M)}). The comparison is not like for like: "
        "Vicuna's $300 fine-tuned LLaMA-13B, whose pre-training Meta paid for.",
        [v["source_id"], *closed["source_id"]],
    )


def public_company_training(costs: pd.DataFrame) -> dict[str, str]:
    """a16z-39: public tech companies spend hundreds of millions a year on training."""
    runs = _costs(costs)
    runs = runs[runs["developer"].isin(PUBLIC_DEVELOPERS)]
    if runs.empty:
        return row("a16z-39", "not testable", "", "No training cost of a public company.")
    best = runs.sort_values("cost_usd_m").groupby("developer").tail(1)
    parts = [
        rules.judge(rules.lower_bound(float(c)), rules.at_least(HUNDREDS_OF_MILLIONS_USD_M))
        for c in best["cost_usd_m"]
    ]
    shown = "; ".join(
        f"{r.developer}: {r.model} {formatting.money_usd_m(r.cost_usd_m)} ({r.year}) or more"
        for r in best.sort_values("cost_usd_m", ascending=False).itertuples()
    )
    return row(
        "a16z-39",
        rules.combine(parts),
        shown,
        "A year's training spend includes at least the final run of the largest model "
        "trained that year, so each company's costliest estimated final run is a lower bound "
        f"on its yearly spend; 'hundreds of millions' = at least "
        f"{formatting.money_usd_m(HUNDREDS_OF_MILLIONS_USD_M)}. A lower bound below it "
        "cannot decide the claim (the rule for bounds).",
        list(best["source_id"]),
    )


# ------------------------------------------------------------------ investors, users


def named_investors(participants: pd.DataFrame, claim_id: str = "teng-04") -> dict[str, str]:
    """teng-04: the named investors took part in the named round."""
    company, round_type, investors = CLAIMED_PARTICIPANTS[claim_id]
    got = participants[
        (participants["company"] == company) & (participants["round_type"] == round_type)
    ]
    if got.empty:
        return row(claim_id, "not testable", "", f"No participants of {company}'s round.")
    named = set(got["investor"])
    flags = [i in named for i in investors]
    shown = ", ".join(
        f"{i} {'named' if ok else 'not named'}" for i, ok in zip(investors, flags, strict=True)
    )
    return row(
        claim_id,
        rules.all_any(flags),
        f"{company} {round_type.replace('_', ' ')} ({len(named)} investors named): {shown}",
        "Every investor a source other than the essay names for the round "
        "(round_participants); each named backer must be among them.",
        list(got["source_id"]),
    )


def user_record(milestones: pd.DataFrame, sd_part: str = "not testable") -> dict[str, str]:
    """a16z-02: ChatGPT (and Stable Diffusion) set records for user growth."""
    m = milestones[milestones["users_m"] == USER_MILESTONE_M]
    chat = m[m["product"] == "ChatGPT"]
    others = m[m["product"] != "ChatGPT"]
    if chat.empty or others.empty:
        return row("a16z-02", "not testable", "", "No months-to-users figures.")
    months = float(chat["months_to_reach"].min())
    fastest = others.sort_values("months_to_reach").iloc[0]
    chat_part = rules.judge(rules.point(months), rules.less_than(float(fastest["months_to_reach"])))
    shown = "; ".join(
        f"{r.product} {r.months_to_reach:g} months"
        for r in m.sort_values("months_to_reach").itertuples()
    )
    return row(
        "a16z-02",
        rules.combine([chat_part, sd_part]),
        f"months to {USER_MILESTONE_M:g} million monthly users: {shown}",
        "ChatGPT's part is judged: it reached the milestone faster than the fastest earlier "
        "product in the same measurement (UBS's estimate from traffic data). Stable "
        "Diffusion's part stays untested: no user counts for it are stored, so the claim is "
        "at best mixed by the rule for claims with parts.",
        list(m["source_id"]),
    )


# ------------------------------------------------------------------ revenue by channel


def hosting_shares(mix: pd.DataFrame) -> pd.DataFrame:
    """Each lab-period's share of revenue from hosting its models (API), with sources.

    A reported API share is used as it stands; otherwise the share is
    ``(total - own_apps) / total``, the part not from the lab's own apps.
    """
    out = []
    for (company, period), g in mix.groupby(["company", "period"], sort=True):
        by = g.set_index("channel")
        if "api" in by.index and pd.notna(by.loc["api", "share"]):
            share = float(by.loc["api", "share"])
        elif {"total", "own_apps"} <= set(by.index):
            total = float(by.loc["total", "value_usd_m"])
            share = (total - float(by.loc["own_apps", "value_usd_m"])) / total
        else:
            continue
        out.append(
            {
                "company": company,
                "period": period,
                "hosting_share": share,
                "source_id": ";".join(sorted(set(g["source_id"]))),
            }
        )
    return pd.DataFrame(out, columns=["company", "period", "hosting_share", "source_id"])


def hosting_revenue(mix: pd.DataFrame) -> dict[str, str]:
    """a16z-26: model providers' commercialization is tied to hosting (most revenue from it)."""
    shares = hosting_shares(mix)
    if shares.empty:
        return row("a16z-26", "not testable", "", "No split of a lab's revenue by channel.")
    parts = [rules.judge(rules.point(s), rules.more_than(0.5)) for s in shares["hosting_share"]]
    shown = "; ".join(
        f"{r.company} {r.period}: {formatting.pct(r.hosting_share)} from hosting (API)"
        for r in shares.itertuples()
    )
    return row(
        "a16z-26",
        rules.combine(parts),
        shown,
        "'Tied to hosting' = more than half of a lab's revenue comes from hosting its models "
        "for others (API), not from its own apps. Judged for each lab and period whose split "
        "is reported (figures given to investors, as reported by outlets and newsletters).",
        [sid for ids in shares["source_id"] for sid in ids.split(";")],
    )


PROXY_CLAIMS: tuple[str, ...] = (
    "a16z-02",
    "a16z-23",
    "a16z-26",
    "a16z-39",
    "teng-04",
    "teng-30",
)
"""Claims judged here (they override every other module's rows)."""

DIRECT: tuple[str, ...] = ("a16z-02", "teng-04")
"""Claims of :data:`PROXY_CLAIMS` measured directly (the rest are labelled proxies)."""


def verdicts(load) -> pd.DataFrame:
    """Every verdict of :data:`PROXY_CLAIMS` (``load`` reads a dataset by name)."""
    from analysis.claims.models_inputs import COLUMNS

    costs = load("training_costs")
    rows = [
        user_record(load("user_milestones")),
        training_scale(costs),
        public_company_training(costs),
        named_investors(load("round_participants")),
        cheap_open_model(costs),
        hosting_revenue(load("revenue_mix")),
    ]
    out = pd.DataFrame(rows, columns=list(COLUMNS))
    if sorted(out["claim_id"]) != sorted(PROXY_CLAIMS):
        raise ValueError("evidence verdicts and PROXY_CLAIMS disagree")
    return out
