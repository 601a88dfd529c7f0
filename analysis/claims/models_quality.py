"""Model-layer claims about quality: the leader, the open-closed gap, parity.

Size: over 400 lines because the quality claims' predicates share the gap and parity
helpers.

Predicates over the monthly quality frontier of
:mod:`analysis.models.open_closed` and the claims they judge (a16z-19, -24,
-25, -28, -29; teng-11, -23, -24, -26, -27, -29, -31). Gaps in the benchmark's
points, durations in months.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from analysis import formatting
from analysis.claims import rules
from analysis.claims.claim_text import claim_date, claim_row, claim_share, combine
from analysis.claims.models_inputs import (
    PERCENT_BENCHMARKS,
    Params,
    Prepared,
    bench_label,
    fmt_m,
    pct,
    result_row,
)
from analysis.claims.models_revenue import growth_multiple
from analysis.models import funding_rounds as fr
from analysis.models import gap_trends


def gap_change(
    frontier: pd.DataFrame, start: object, months: int, benchmarks: Iterable[str] | None = None
) -> pd.DataFrame:
    """The open-closed gap at ``start`` and ``months`` later, per benchmark.

    Uses :func:`analysis.models.gap_trends.gap_at` (first month on or after the
    date with both kinds). Benchmarks without a gap at both dates are left
    out. Columns ``benchmark``, ``month_from``, ``gap_from``, ``month_to``,
    ``gap_to``, ``change`` (points; negative = narrowed).
    """
    rows = []
    names = sorted(set(frontier["benchmark"])) if benchmarks is None else list(benchmarks)
    for benchmark in names:
        a = gap_trends.gap_at(frontier, benchmark, start)
        if a is None:
            continue
        b = gap_trends.gap_at(frontier, benchmark, a["month"] + pd.DateOffset(months=months))
        if b is None:
            last = frontier[(frontier["benchmark"] == benchmark) & frontier["gap"].notna()]
            b = last.sort_values("month").iloc[-1]
            if b["month"] <= a["month"]:
                continue
        rows.append(
            {
                "benchmark": benchmark,
                "month_from": a["month"],
                "gap_from": float(a["gap"]),
                "month_to": b["month"],
                "gap_to": float(b["gap"]),
                "change": float(b["gap"] - a["gap"]),
            }
        )
    return pd.DataFrame(
        rows, columns=["benchmark", "month_from", "gap_from", "month_to", "gap_to", "change"]
    )


def verdict_narrowing(changes: pd.DataFrame) -> str:
    """held if the gap narrowed on every benchmark, failed if on none, else mixed."""
    if changes.empty:
        return "not testable"
    narrowed = int((changes["change"] < 0).sum())
    if narrowed == len(changes):
        return "held"
    return "failed" if narrowed == 0 else "mixed"


def first_gaps(frontier: pd.DataFrame, by: object) -> pd.DataFrame:
    """Per benchmark, the first month with both kinds, if on or before ``by``."""
    rows = []
    for benchmark in sorted(set(frontier["benchmark"])):
        row = gap_trends.gap_at(frontier, benchmark, frontier["month"].min())
        if row is not None and row["month"] <= pd.Timestamp(by):
            rows.append(row)
    return pd.DataFrame(rows).reset_index(drop=True)


def on_par(rows: pd.DataFrame, parity: Mapping[str, float]) -> pd.Series:
    """Whether each frontier row's gap is within its benchmark's parity tolerance."""
    tol = rows["benchmark"].map(dict(parity))
    if tol.isna().any():
        missing = sorted(set(rows.loc[tol.isna(), "benchmark"]))
        raise ValueError(f"no parity tolerance for benchmark(s) {missing}")
    return rows["gap"] <= tol.map(rules.moved)


def parity_runs(frontier: pd.DataFrame, parity: Mapping[str, float]) -> pd.DataFrame:
    """Per benchmark: first month on par, and months on par until the data end.

    ``months_on_par`` counts the months from the first on-par month to the
    benchmark's last month, provided the gap stayed within tolerance
    throughout (NaN otherwise). Benchmarks never on par are listed with NaT.
    """
    rows = []
    for benchmark, group in frontier[frontier["gap"].notna()].groupby("benchmark", sort=True):
        group = group.sort_values("month")
        par = on_par(group, parity)
        first = group.loc[par, "month"].min() if par.any() else pd.NaT
        months = np.nan
        if par.any():
            tail = par[group["month"] >= first]
            if tail.all():
                months = float(len(tail))
        rows.append(
            {
                "benchmark": benchmark,
                "first_on_par": first,
                "months_on_par": months,
                "last_month": group["month"].max(),
                "last_gap": float(group["gap"].iloc[-1]),
            }
        )
    return pd.DataFrame(
        rows, columns=["benchmark", "first_on_par", "months_on_par", "last_month", "last_gap"]
    )


def relative_scores(
    scored: pd.DataFrame, model: str, reference: str, benchmarks: Iterable[str] = PERCENT_BENCHMARKS
) -> pd.DataFrame:
    """``model``'s score as a fraction of ``reference``'s, per percent benchmark both have."""
    wanted = set(benchmarks)
    pivot = scored[scored["benchmark"].isin(wanted)].pivot_table(
        index="benchmark", columns="model", values="score"
    )
    if model not in pivot or reference not in pivot:
        return pd.DataFrame(columns=["benchmark", "score", "reference_score", "ratio"])
    both = pivot[[model, reference]].dropna()
    return pd.DataFrame(
        {
            "benchmark": both.index,
            "score": both[model].to_numpy(),
            "reference_score": both[reference].to_numpy(),
            "ratio": (both[model] / both[reference]).to_numpy(),
        }
    ).reset_index(drop=True)


def vicuna_ratios(
    scored: pd.DataFrame, p: Params, measured: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Vicuna's chat quality as a fraction of ChatGPT's: GPT-4-judged share and MT-bench ratio.

    ``measured`` holds every measure (the judged one has no parity rule, so it
    is not in ``scored``); without it only MT-bench is read.
    """
    pool = scored if measured is None else measured
    judged = pool[
        (pool["benchmark"] == "gpt4_judged_relative_chatgpt")
        & pool["model"].str.startswith(p.vicuna_model)
    ]
    rows = [
        {
            "benchmark": r.benchmark,
            "score": r.score,
            "reference_score": 100.0,
            "ratio": r.score / 100,
        }
        for r in judged.itertuples()
    ]
    mt = relative_scores(pool, p.vicuna_model, p.vicuna_reference, ["mt_bench"])
    return pd.concat([pd.DataFrame(rows, columns=list(mt.columns)), mt], ignore_index=True)


def verdict_ratio(ratios: pd.DataFrame, claimed: float) -> str:
    """held if every ratio reaches ``claimed``, failed if none does, else mixed."""
    if ratios.empty:
        return "not testable"
    floor = rules.about(claimed).low  # "reaches about X": at least the low end of about X
    ok = int(sum(rules.passes(r, rules.at_least(floor)) for r in ratios["ratio"]))
    if ok == len(ratios):
        return "held"
    return "failed" if ok == 0 else "mixed"


def _quality_leader(d: Prepared, p: Params, claim_id: str) -> dict[str, str]:
    when = claim_date(d.claims, d.sources, claim_id)
    window = when + pd.DateOffset(months=p.early_months)
    developer = d.models.set_index("model")["developer"]
    firsts = []
    for benchmark, group in d.frontier.groupby("benchmark"):
        closed = group[group["best_closed"].notna()]
        if closed.empty:  # a benchmark only open models report (e.g. Vicuna's GPT-4-judged score)
            continue
        row = closed.sort_values("month").iloc[0]
        if row["month"] <= window:
            firsts.append((benchmark, row["best_closed_model"], row["best_closed"]))
    funded = fr.funding_to_date(d.rounds[d.rounds["layer"] == "models"], when)
    quality_ok = bool(firsts) and all(developer[m] == p.leader for _, m, _ in firsts)
    money_ok = not funded.empty and funded.index[0] == p.leader
    parts = ["held" if quality_ok else "failed", "held" if money_ok else "failed"]
    shown = ", ".join(f"{m} best on {bench_label(b)} ({s:,.1f})" for b, m, s in firsts)
    return result_row(
        claim_id,
        combine(parts),
        f"{shown}; {funded.index[0]} raised most ({fmt_m(funded.iloc[0])})",
        "gap",
        "OpenAI led every benchmark at the first month with scores and led model-layer "
        "funding at the essay's date. Revenue shares in January 2023 are not in the data.",
    )


def _rivals(d: Prepared, p: Params, claim_id: str) -> dict[str, str]:
    parts, shown = [], []
    tol = p.parity[p.rival_benchmark]
    for rival in p.rivals:
        gap = gap_trends.developer_gap(
            d.models, d.quality, developer=rival, reference=p.leader, benchmark=p.rival_benchmark
        )
        if gap.empty:
            parts.append("not testable")
            shown.append(f"{rival}: no scored model")
            continue
        first, last = gap.iloc[0], gap.iloc[-1]
        closer = last["gap"] < first["gap"] and rules.passes(last["gap"], rules.at_most(tol))
        parts.append("held" if closer else "failed")
        shown.append(f"{rival}: {first['gap']:,.0f} to {last['gap']:,.0f} points behind")
    return result_row(
        claim_id,
        combine(parts),
        "; ".join(shown),
        "gap",
        f"A rival 'came closer' if its best {bench_label(p.rival_benchmark)} rating ended nearer "
        f"{p.leader}'s best than it started and within {tol:,.0f} points.",
    )


def testable_quality(d: Prepared, p: Params) -> list[dict[str, str]]:
    """Model-layer claims about quality: the frontier, the open-closed gap, parity."""
    out: list[dict[str, str]] = []
    c = d.claims
    teng = claim_date(c, d.sources, "teng-01")
    a16z = claim_date(c, d.sources, "a16z-07")

    # --- a16z-19: OpenAI dominates
    out.append(_quality_leader(d, p, "a16z-19"))

    # --- a16z-24: rivals approach OpenAI
    out.append(_rivals(d, p, "a16z-24"))

    # --- a16z-25: open at parity, did proprietary struggle?
    runs = parity_runs(d.frontier, p.parity)
    reached = runs.dropna(subset=["first_on_par"])
    if reached.empty:
        out.append(
            result_row("a16z-25", "still open", "", "gap", "Open models never reached parity.")
        )
    else:
        first = reached.sort_values("first_on_par").iloc[0]
        growth = growth_multiple(
            d.revenue, p.leader, first["first_on_par"], metric="annualized_run_rate"
        )
        if growth is None:
            out.append(result_row("a16z-25", "still open", "", "gap", "No revenue after parity."))
        else:
            mult, a, b = growth
            years = (b["date"] - a["date"]).days / 365.25
            rapid = rules.grew_rapidly(rules.per_year(mult, years))
            out.append(
                result_row(
                    "a16z-25",
                    "failed" if rapid else "still open",
                    f"open on par on {bench_label(first['benchmark'])} from "
                    f"{formatting.month(first['first_on_par'])}; {p.leader} revenue "
                    f"{fmt_m(a['value_usd_m'])} to {fmt_m(b['value_usd_m'])} since",
                    "gap",
                    "Open models reached parity on a benchmark, yet the leading closed "
                    f"provider's revenue grew rapidly (at least {rules.rapid_growth():g}x a year) "
                    "afterwards: "
                    "proprietary models did not find it hard to compete (so far).",
                )
            )

    # --- a16z-28: models converge; a16z-29: not yet in early 2023
    whole = gap_change(d.frontier, d.frontier["month"].min(), 10_000)
    out.append(
        result_row(
            "a16z-28",
            verdict_narrowing(whole),
            "; ".join(
                f"{bench_label(r.benchmark)} {r.gap_from:,.1f} to {r.gap_to:,.1f}"
                for r in whole.itertuples()
            ),
            "gap",
            "Convergence read as the open-closed gap at the end of the data being smaller "
            "than at the first month with both kinds, on every benchmark.",
        )
    )
    early = first_gaps(d.frontier, a16z + pd.DateOffset(months=p.horizon_months))
    if early.empty:
        out.append(result_row("a16z-29", "not testable", "", "gap", "No scores in early 2023."))
    else:
        par = on_par(early, p.parity)
        out.append(
            result_row(
                "a16z-29",
                "held" if not par.any() else ("failed" if par.all() else "mixed"),
                "; ".join(
                    f"{bench_label(r.benchmark)} gap {r.gap:,.1f} ({formatting.month(r.month)})"
                    for r in early.itertuples()
                ),
                "gap",
                "Clear leaders = the first measured gap exceeds the parity tolerance. "
                "The first open scores date from mid-2023, after the essay.",
            )
        )

    # --- teng-11, teng-26, teng-27: the catch-up as of mid-2023
    changes = gap_change(d.frontier, teng, p.horizon_months)
    changes = changes[changes["month_from"] <= teng + pd.DateOffset(months=p.horizon_months)]
    narrowing = verdict_narrowing(changes)
    change_txt = "; ".join(
        f"{bench_label(r.benchmark)} {r.gap_from:,.1f} to {r.gap_to:,.1f}"
        for r in changes.itertuples()
    )
    out.append(
        result_row(
            "teng-11",
            narrowing,
            change_txt,
            "gap",
            f"Gap at the first month with both kinds after the essay vs {p.horizon_months} "
            "months later; held if it narrowed on every benchmark.",
        )
    )
    at_claim = pd.DataFrame(
        [
            r
            for b in sorted(set(d.frontier["benchmark"]))
            if (r := gap_trends.gap_at(d.frontier, b, teng)) is not None
        ]
    )
    at_claim = at_claim[at_claim["month"] <= teng + pd.DateOffset(months=p.horizon_months)]
    par = on_par(at_claim, p.parity) if not at_claim.empty else pd.Series(dtype=bool)
    parity_verdict = (
        "not testable"
        if par.empty
        else "held"
        if par.all()
        else "failed"
        if not par.any()
        else "mixed"
    )
    par_txt = "; ".join(
        f"{bench_label(r.benchmark)} gap {r.gap:,.1f} ({formatting.month(r.month)})"
        for r in at_claim.itertuples()
    )
    out.append(
        result_row(
            "teng-26",
            parity_verdict,
            par_txt,
            "gap",
            "On par = gap within the parity tolerance "
            + ", ".join(f"{bench_label(k)} {v:g}" for k, v in p.parity.items())
            + " points.",
        )
    )
    out.append(
        result_row(
            "teng-27",
            combine([parity_verdict, narrowing]),
            f"{par_txt}; then {change_txt}",
            "gap",
            "Two parts: a slight edge (gap within parity tolerance) and a gap closing fast "
            f"(narrower {p.horizon_months} months later on every benchmark).",
        )
    )

    # --- teng-23: three open models a day
    models = d.models.copy()
    models["release_date"] = pd.to_datetime(models["release_date"])
    year_open = models[
        models["open_weights"].astype(bool) & (models["release_date"].dt.year == teng.year)
    ]
    out.append(
        result_row(
            "teng-23",
            "not testable",
            f"{len(year_open)} open models in our data released in {teng.year}",
            "gap",
            "The models data list notable models only, not every release, so they cannot "
            "count releases per day.",
        )
    )

    # --- teng-24, teng-31: the Linux moment
    lasting = runs.dropna(subset=["months_on_par"])
    lasting = lasting[lasting["months_on_par"] >= rules.moved(p.lasting_months)]
    runs_txt = "; ".join(
        f"{bench_label(r.benchmark)}: on par from {formatting.month(r.first_on_par)}"
        if pd.notna(r.first_on_par)
        else f"{bench_label(r.benchmark)}: not on par (gap {r.last_gap:,.1f})"
        for r in runs.itertuples()
    )
    out.append(
        result_row(
            "teng-24",
            "held" if not lasting.empty else "still open",
            runs_txt,
            "gap",
            f"Significant and lasting = an open model within parity tolerance for at least "
            f"{p.lasting_months} months to the end of the data; 'widely used' is not "
            "measured.",
        )
    )
    out.append(
        result_row(
            "teng-31",
            "still open",
            runs_txt,
            "gap",
            "A hedged prediction about what it would take for open models to win; quality "
            "parity on some benchmarks has not settled who wins.",
        )
    )

    # --- teng-29: Vicuna at 90% of ChatGPT, on the measures it was stated on (not MMLU)
    claimed = claim_share(claim_row(c, "teng-29")["claim"])
    ratios = vicuna_ratios(d.scored, p, d.measured)
    out.append(
        result_row(
            "teng-29",
            verdict_ratio(ratios, claimed),
            "; ".join(
                f"{bench_label(r.benchmark)} {r.score:,.2f} vs {r.reference_score:,.2f} "
                f"= {pct(r.ratio)}"
                for r in ratios.itertuples()
            ),
            "gap",
            f"Judged on chat quality, what the claim is about: the {p.vicuna_judge}-judged "
            f"comparison it was stated on ({p.vicuna_questions} questions, LMSYS's own "
            "'non-scientific' test, Vicuna-13B's first release vs ChatGPT) and the more careful "
            f"MT-bench of June 2023 ({p.vicuna_model} vs {p.vicuna_reference}); a knowledge test "
            "such as MMLU measures something else and is left out.",
        )
    )
    return out
