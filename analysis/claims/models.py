"""Verdicts on the seed essays' claims about the model layer.

One row per claim of ``seed_claims`` with ``layer == "models"``. Where a
claim has a testable form, a small predicate below computes the verdict from
the data; framing claims and claims no dataset can check get ``"not
testable"`` with the reason. Verdicts:

* ``held``: the data agree with the claim's testable form;
* ``failed``: the data contradict it;
* ``mixed``: one part of the claim holds, another fails or cannot be checked;
* ``still open``: a prediction the data cannot settle yet;
* ``not testable``: no dataset here can check it (or it is framing).

The numbers a claim states (a share, an amount, a valuation) are read from
the claim's own text in ``seed_claims`` (:func:`money_figures`,
:func:`claim_share`), never typed in here. Rows cited to the essays
themselves (``fund-essay-teng`` and the like: any source whose address is an
essay's) are left out when a claim is checked against "independent" data.

Units: money in USD millions (``_usd_m``), shares as fractions 0-1, benchmark
gaps in the benchmark's points, durations in months.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis import formatting
from analysis.data import provenance
from analysis.models import concentration, open_closed

VERDICTS = ("held", "failed", "mixed", "still open", "not testable")
COLUMNS = ("claim_id", "verdict", "evidence", "figure_id", "reasoning")

FIGURES = {
    "money": "fig-models-where-money-went",
    "concentration": "fig-models-concentration",
    "lorenz": "fig-models-lorenz",
    "open_funding": "fig-models-open-closed-funding",
    "valuation": "fig-models-valuation",
    "gap": "fig-models-gap-lag",
    "prices": "fig-models-prices",
}
"""Chart anchors of the Models chapter, by role."""

PERCENT_BENCHMARKS: tuple[str, ...] = ("mmlu_5shot", "mmlu_pro", "gpqa_diamond", "humaneval")
"""Benchmarks scored in percent (a ratio of two scores means something)."""

DEFAULT_PARITY: dict[str, float] = {
    "mmlu_5shot": 2.0,
    "mmlu_pro": 2.0,
    "gpqa_diamond": 2.0,
    "humaneval": 2.0,
    "arena_elo": 25.0,
}
"""Gap (benchmark points) at or under which open and closed count as on par."""


# ---------------------------------------------------------------------------
# Reading a claim's own numbers and dates
# ---------------------------------------------------------------------------

_MONEY = re.compile(
    r"\$(?P<lo>\d+(?:\.\d+)?)(?:\s*-\s*\$?(?P<hi>\d+(?:\.\d+)?))?\s*(?P<unit>[MB]\b)?"
)
_SHARE = re.compile(r"(?P<value>\d+(?:\.\d+)?)\s*%")
_UNIT = {"M": 1e6, "B": 1e9, None: 1.0}


def money_figures(text: str) -> list[tuple[float, float]]:
    """Dollar figures in ``text`` as (low, high) in US dollars, in order.

    ``"$270M"`` -> (270e6, 270e6); ``"~$2.1-2.2B"`` -> (2.1e9, 2.2e9);
    ``"$300"`` -> (300, 300). A range shares the unit of its upper end.
    """
    out = []
    for m in _MONEY.finditer(text):
        scale = _UNIT[m.group("unit")]
        lo = float(m.group("lo")) * scale
        hi = float(m.group("hi")) * scale if m.group("hi") else lo
        out.append((lo, hi))
    return out


def money_figures_usd_m(text: str) -> list[tuple[float, float]]:
    """:func:`money_figures` in USD millions."""
    return [(lo / 1e6, hi / 1e6) for lo, hi in money_figures(text)]


def claim_share(text: str) -> float:
    """The first percentage in ``text`` as a fraction: ``"~50%"`` -> 0.5."""
    m = _SHARE.search(text)
    if m is None:
        raise ValueError(f"no percentage in claim text: {text!r}")
    return float(m.group("value")) / 100.0


def claim_row(claims: pd.DataFrame, claim_id: str) -> pd.Series:
    """The ``seed_claims`` row of ``claim_id`` (ValueError if absent)."""
    rows = claims[claims["claim_id"] == claim_id]
    if rows.empty:
        raise ValueError(f"claim {claim_id!r} is not in seed_claims")
    return rows.iloc[0]


def claim_date(claims: pd.DataFrame, sources: pd.DataFrame, claim_id: str) -> pd.Timestamp:
    """Publication date of the essay that makes ``claim_id``."""
    source_id = claim_row(claims, claim_id)["source_id"]
    date = sources.loc[sources["source_id"] == source_id, "date_published"]
    if date.empty or pd.isna(date.iloc[0]):
        raise ValueError(f"no publication date for {source_id!r}")
    return pd.Timestamp(date.iloc[0])


def essay_source_ids(claims: pd.DataFrame, sources: pd.DataFrame) -> set[str]:
    """Source ids that are the essays themselves (same address as an essay source)."""
    essay_ids = set(claims["source_id"])
    urls = set(sources.loc[sources["source_id"].isin(essay_ids), "url"])
    return set(sources.loc[sources["url"].isin(urls), "source_id"]) | essay_ids


# ---------------------------------------------------------------------------
# Predicates: figures and shares
# ---------------------------------------------------------------------------


def figure_check(claimed: tuple[float, float], reported: float, tolerance: float) -> str:
    """``held`` if ``reported`` lies in the claimed range widened by ``tolerance``.

    ``claimed`` is (low, high); the band is ``[low * (1 - tolerance), high *
    (1 + tolerance)]`` (``tolerance`` a fraction, e.g. 0.1). ``failed``
    outside it; ``not testable`` when ``reported`` is missing.
    """
    if reported is None or pd.isna(reported):
        return "not testable"
    lo, hi = claimed
    inside = lo * (1 - tolerance) <= reported <= hi * (1 + tolerance)
    return "held" if inside else "failed"


def combine(parts: Iterable[str]) -> str:
    """One verdict from the verdicts of a claim's parts.

    All ``held`` -> held; all ``failed`` -> failed; all ``not testable`` ->
    not testable; ``held`` with anything else -> mixed; ``failed`` with
    ``not testable`` -> failed; ``still open`` with nothing failed -> still open.
    """
    got = list(parts)
    if not got:
        raise ValueError("no parts to combine")
    kinds = set(got)
    if kinds == {"held"}:
        return "held"
    if kinds == {"not testable"}:
        return "not testable"
    if "held" in kinds:
        return "mixed"
    if "failed" in kinds:
        return "failed"
    return "still open"


def share_consistent(
    claimed: float, reported: float, *, tolerance: float, lower_bound: bool = False
) -> bool:
    """Does a tracker's share agree with a claimed share (fractions 0-1)?

    Within ``tolerance`` (fraction points) of each other; if the tracker's
    figure is a lower bound ("over 70%"), any claim at or above ``reported -
    tolerance`` agrees with it. A small epsilon absorbs float rounding.
    """
    eps = 1e-9
    if lower_bound:
        return claimed >= reported - tolerance - eps
    return abs(claimed - reported) <= tolerance + eps


_ALL_AI = re.compile(r"\ball\s+(?:global\s+)?ai\b", re.IGNORECASE)


def tracker_shares(
    totals: pd.DataFrame, layer: str, exclude_sources: Iterable[str]
) -> pd.DataFrame:
    """Independent tracker rows giving ``layer``'s share of generative-AI funding.

    Rows of ``genai_funding_totals`` with a ``share``, not from
    ``exclude_sources`` (the essays), and whose ``scope`` is not a share of
    *all* AI funding (a different denominator). Adds ``lower_bound`` (the
    scope says the figure is a lower bound).
    """
    rows = totals[
        (totals["layer"] == layer)
        & totals["share"].notna()
        & ~totals["source_id"].isin(set(exclude_sources))
        & ~totals["scope"].str.contains(_ALL_AI)
    ].copy()
    rows["lower_bound"] = rows["scope"].str.contains("lower bound", case=False)
    return rows


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


# ---------------------------------------------------------------------------
# Predicates: funding
# ---------------------------------------------------------------------------


def closed_companies(rounds: pd.DataFrame, some_as: str) -> set[str]:
    """Model-layer companies counted as closed-weights (``some`` per ``some_as``)."""
    if some_as not in ("open", "closed"):
        raise ValueError(f"some_as must be 'open' or 'closed', got {some_as!r}")
    closed_flags = {"no"} | ({"some"} if some_as == "closed" else set())
    models = rounds[rounds["layer"] == "models"]
    return set(models.loc[models["open_weights"].isin(closed_flags), "company"])


def top_closed_funding(rounds: pd.DataFrame, as_of: object, *, k: int, some_as: str) -> pd.Series:
    """Funding to date (USD m) of the ``k`` best-funded closed model companies."""
    to_date = concentration.funding_to_date(rounds, as_of)
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
    raised = concentration.funding_to_date(rounds, as_of)
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


# ---------------------------------------------------------------------------
# Predicates: revenue
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# Predicates: quality
# ---------------------------------------------------------------------------


def gap_change(
    frontier: pd.DataFrame, start: object, months: int, benchmarks: Iterable[str] | None = None
) -> pd.DataFrame:
    """The open-closed gap at ``start`` and ``months`` later, per benchmark.

    Uses :func:`analysis.models.open_closed.gap_at` (first month on or after the
    date with both kinds). Benchmarks without a gap at both dates are left
    out. Columns ``benchmark``, ``month_from``, ``gap_from``, ``month_to``,
    ``gap_to``, ``change`` (points; negative = narrowed).
    """
    rows = []
    names = sorted(set(frontier["benchmark"])) if benchmarks is None else list(benchmarks)
    for benchmark in names:
        a = open_closed.gap_at(frontier, benchmark, start)
        if a is None:
            continue
        b = open_closed.gap_at(frontier, benchmark, a["month"] + pd.DateOffset(months=months))
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
        row = open_closed.gap_at(frontier, benchmark, frontier["month"].min())
        if row is not None and row["month"] <= pd.Timestamp(by):
            rows.append(row)
    return pd.DataFrame(rows).reset_index(drop=True)


def on_par(rows: pd.DataFrame, parity: Mapping[str, float]) -> pd.Series:
    """Whether each frontier row's gap is within its benchmark's parity tolerance."""
    tol = rows["benchmark"].map(dict(parity))
    if tol.isna().any():
        missing = sorted(set(rows.loc[tol.isna(), "benchmark"]))
        raise ValueError(f"no parity tolerance for benchmark(s) {missing}")
    return rows["gap"] <= tol


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


def verdict_ratio(ratios: pd.DataFrame, claimed: float) -> str:
    """held if every ratio reaches ``claimed``, failed if none does, else mixed."""
    if ratios.empty:
        return "not testable"
    ok = int((ratios["ratio"] >= claimed).sum())
    if ok == len(ratios):
        return "held"
    return "failed" if ok == 0 else "mixed"


# ---------------------------------------------------------------------------
# Parameters and prepared inputs
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Params:
    """Every threshold the verdicts use (the chapter's parameters cell sets them).

    Money in USD millions, shares and tolerances as fractions, months as
    months, parity tolerances in benchmark points.
    """

    round_window_days: int = 92
    some_as: str = "closed"
    top_k: int = 3
    share_tolerance: float = 0.10
    figure_tolerance: float = 0.10
    vast_majority: float = 0.75
    large_scale_usd_m: float = 1_000.0
    massive_usd_m: float = 10_000.0
    significant_share: float = 0.25
    soon_months: float = 24.0
    fast_growth: float = 2.0
    horizon_months: int = 12
    early_months: int = 3
    lasting_months: int = 12
    parity: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_PARITY))
    single_snapshot_benchmarks: tuple[str, ...] = ("arena_elo",)
    rival_benchmark: str = "arena_elo"
    rivals: tuple[str, ...] = ("Anthropic", "Cohere", "Character.AI")
    leader: str = "OpenAI"
    vicuna_model: str = "Vicuna-13B"
    vicuna_reference: str = "GPT-3.5 Turbo"
    vicuna_judge: str = "GPT-4"
    vicuna_questions: int = 80


def params_from(namespace: Mapping[str, object]) -> dict[str, object]:
    """The :class:`Params` fields set in a chapter's parameters cell.

    Picks the upper-case names of ``namespace`` (e.g. ``globals()``) whose
    lower-case form is a field of :class:`Params`: ``TOP_K = 3`` -> ``top_k=3``.
    """
    fields = set(Params.__dataclass_fields__)
    return {k.lower(): v for k, v in namespace.items() if k.isupper() and k.lower() in fields}


@dataclass
class Prepared:
    """Inputs deduplicated once, shared by the predicates."""

    claims: pd.DataFrame
    sources: pd.DataFrame
    essays: set[str]
    rounds: pd.DataFrame  # consolidated, all sources
    independent: pd.DataFrame  # consolidated, essay rows left out
    totals: pd.DataFrame
    revenue: pd.DataFrame
    models: pd.DataFrame
    quality: pd.DataFrame
    scored: pd.DataFrame
    frontier: pd.DataFrame
    prices: pd.DataFrame | None


def prepare(
    claims: pd.DataFrame,
    sources: pd.DataFrame,
    funding_rounds: pd.DataFrame,
    genai_funding_totals: pd.DataFrame,
    revenue_points: pd.DataFrame,
    models: pd.DataFrame,
    model_quality: pd.DataFrame,
    api_prices: pd.DataFrame | None = None,
    params: Params | None = None,
) -> Prepared:
    """Deduplicate the datasets the way the chapter does (one rule, see module docs)."""
    p = params or Params()
    essays = essay_source_ids(claims, sources)
    rounds = concentration.consolidate_rounds(
        funding_rounds, sources, window_days=p.round_window_days
    )
    independent = concentration.consolidate_rounds(
        funding_rounds[~funding_rounds["source_id"].isin(essays)],
        sources,
        window_days=p.round_window_days,
    )
    revenue = provenance.pick_preferred(
        revenue_points[~revenue_points["source_id"].isin(essays)],
        ["company", "date", "metric"],
        sources,
    )
    quality = quality_for_frontier(model_quality, sources, p.single_snapshot_benchmarks)
    scored = open_closed.scored_models(models, quality)
    frontier = open_closed.frontier_by_month(models, quality)
    prices = (
        provenance.pick_preferred(api_prices, ["provider", "model", "effective_date"], sources)
        if api_prices is not None
        else None
    )
    return Prepared(
        claims=claims,
        sources=sources,
        essays=essays,
        rounds=rounds,
        independent=independent,
        totals=genai_funding_totals,
        revenue=revenue,
        models=models,
        quality=quality,
        scored=scored,
        frontier=frontier,
        prices=prices,
    )


def quality_for_frontier(
    model_quality: pd.DataFrame, sources: pd.DataFrame, single_snapshot: Iterable[str]
) -> pd.DataFrame:
    """One score per (model, benchmark): one rating pool for ``single_snapshot``
    benchmarks (:func:`analysis.models.open_closed.one_source_per_benchmark`), then the
    book's conflict rule."""
    present = set(model_quality["benchmark"])
    pool = open_closed.one_source_per_benchmark(
        model_quality, [b for b in single_snapshot if b in present]
    )
    return provenance.pick_preferred(pool, ["model", "benchmark"], sources)


# ---------------------------------------------------------------------------
# Claim by claim
# ---------------------------------------------------------------------------

_fmt_m = formatting.money_usd_m
_pct = formatting.pct


def _points(share: float) -> str:
    return f"{share * 100:g} percentage points"


def _bench(name: str) -> str:
    return open_closed.BENCHMARK_LABELS.get(name, name)


def _row(claim_id: str, verdict: str, evidence: str, figure: str, reasoning: str) -> dict[str, str]:
    if verdict not in VERDICTS:
        raise ValueError(f"{claim_id}: unknown verdict {verdict!r}")
    return {
        "claim_id": claim_id,
        "verdict": verdict,
        "evidence": evidence,
        "figure_id": FIGURES.get(figure, figure),
        "reasoning": reasoning,
    }


def _publisher(d: Prepared, source_id: str) -> str:
    hit = d.sources.loc[d.sources["source_id"] == source_id, "publisher"]
    return str(hit.iloc[0]) if len(hit) else source_id


def _model_companies(d: Prepared) -> set[str]:
    return set(d.rounds.loc[d.rounds["layer"] == "models", "company"])


def _commercial_scale(d: Prepared, p: Params, claim_id: str) -> dict[str, str]:
    when = claim_date(d.claims, d.sources, claim_id)
    top = largest_revenue_by(d.revenue, _model_companies(d), when)
    if top is None:
        return _row(claim_id, "not testable", "", "", "No model-provider revenue dated by then.")
    raised = concentration.funding_to_date(d.rounds, when).get(top["company"], np.nan)
    verdict = "held" if top["value_usd_m"] < p.large_scale_usd_m else "failed"
    label = "revenue" if top["metric"] == "annual_revenue" else "run-rate"
    evidence = (
        f"{top['company']} {top['date'].year} {label} {_fmt_m(top['value_usd_m'])} "
        f"vs {_fmt_m(raised)} raised by {formatting.date(when)}"
    )
    return _row(
        claim_id,
        verdict,
        evidence,
        "valuation",
        f"The largest model-provider revenue known by the essay's date is under the "
        f"{_fmt_m(p.large_scale_usd_m)} we call large scale, and a small fraction of the "
        "money raised. Usage is not in the data, so 'relative to usage' is not checked.",
    )


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
    parts, evidence = [], []
    for role, claimed in zip(roles, figures, strict=True):
        column = "amount_usd_m" if role == "amount" else "post_money_valuation_usd_m"
        source_col = "amount_source_id" if role == "amount" else "valuation_source_id"
        values = match[column].dropna()
        if values.empty:
            parts.append("not testable")
            evidence.append(f"no independent {role}")
            continue
        row = match.loc[values.index[0]]
        parts.append(figure_check(claimed, float(row[column]), p.figure_tolerance))
        evidence.append(f"{role} {_fmt_m(row[column])} ({_publisher(d, row[source_col])})")
    verdict = combine(parts)
    claimed_txt = " and ".join(
        f"{r} {_fmt_m(lo)}" + (f"-{_fmt_m(hi)}" if hi != lo else "")
        for r, (lo, hi) in zip(roles, figures, strict=True)
    )
    reasoning = (
        f"Claimed {claimed_txt}; checked against rounds from sources other than the "
        f"essay, within {_pct(p.figure_tolerance)}."
    )
    if verdict == "not testable":
        reasoning += " No source other than the essay reports this figure."
    return _row(claim_id, verdict, "; ".join(evidence), "valuation", reasoning)


def _market_share_claim(
    d: Prepared, p: Params, claim_id: str, numerator: float, who: str, *, more_than: bool = False
) -> dict[str, str]:
    claimed = claim_share(claim_row(d.claims, claim_id)["claim"])
    when = claim_date(d.claims, d.sources, claim_id)
    total = market_total(d.totals, when.year, d.essays)
    share = numerator / (float(total["value_usd_bn"]) * 1000)
    lower = "lower bound" in str(total["scope"]).lower()
    if more_than:
        ok = share > claimed
        rule = f"more than {_pct(claimed)}"
    else:
        ok = share_consistent(claimed, share, tolerance=p.share_tolerance)
        rule = f"about {_pct(claimed)}, agreement within {_points(p.share_tolerance)}"
    return _row(
        claim_id,
        "held" if ok else "failed",
        f"{who} {_fmt_m(numerator)} of {formatting.money_usd_bn(total['value_usd_bn'])} "
        f"({total['publisher']}) = {_pct(share)}" + (" at most" if lower else ""),
        "concentration",
        f"Claimed {rule}. The numerator is from our funding rounds up to "
        f"{formatting.date(when)}, the denominator an independent tracker's cumulative "
        "total" + (" (a lower bound, so the share is at most this)." if lower else "."),
    )


def _tracker_share_claim(d: Prepared, p: Params, claim_id: str) -> dict[str, str]:
    claimed = claim_share(claim_row(d.claims, claim_id)["claim"])
    rows = tracker_shares(d.totals, "models", d.essays)
    if rows.empty:
        return _row(claim_id, "not testable", "", "money", "No independent tracker share.")
    ok = [
        share_consistent(claimed, r.share, tolerance=p.share_tolerance, lower_bound=r.lower_bound)
        for r in rows.itertuples()
    ]
    verdict = "held" if all(ok) else ("failed" if not any(ok) else "mixed")
    evidence = "; ".join(
        f"{r.publisher} {'over ' if r.lower_bound else ''}{_pct(r.share)} ({r.year})"
        for r in rows.itertuples()
    )
    return _row(
        claim_id,
        verdict,
        evidence,
        "money",
        f"Claimed {_pct(claimed)} to the model layer; compared with independent trackers' "
        f"model-layer shares within {_points(p.share_tolerance)} (a lower bound "
        "agrees with any claim above it).",
    )


def _quality_leader(d: Prepared, p: Params, claim_id: str) -> dict[str, str]:
    when = claim_date(d.claims, d.sources, claim_id)
    window = when + pd.DateOffset(months=p.early_months)
    developer = d.models.set_index("model")["developer"]
    firsts = []
    for benchmark, group in d.frontier.groupby("benchmark"):
        row = group[group["best_closed"].notna()].sort_values("month").iloc[0]
        if row["month"] <= window:
            firsts.append((benchmark, row["best_closed_model"], row["best_closed"]))
    funded = concentration.funding_to_date(d.rounds[d.rounds["layer"] == "models"], when)
    quality_ok = bool(firsts) and all(developer[m] == p.leader for _, m, _ in firsts)
    money_ok = not funded.empty and funded.index[0] == p.leader
    parts = ["held" if quality_ok else "failed", "held" if money_ok else "failed"]
    shown = ", ".join(f"{m} best on {_bench(b)} ({s:,.1f})" for b, m, s in firsts)
    return _row(
        claim_id,
        combine(parts),
        f"{shown}; {funded.index[0]} raised most ({_fmt_m(funded.iloc[0])})",
        "gap",
        "OpenAI led every benchmark at the first month with scores and led model-layer "
        "funding at the essay's date. Revenue shares in January 2023 are not in the data.",
    )


def _rivals(d: Prepared, p: Params, claim_id: str) -> dict[str, str]:
    parts, shown = [], []
    tol = p.parity[p.rival_benchmark]
    for rival in p.rivals:
        gap = open_closed.developer_gap(
            d.models, d.quality, developer=rival, reference=p.leader, benchmark=p.rival_benchmark
        )
        if gap.empty:
            parts.append("not testable")
            shown.append(f"{rival}: no scored model")
            continue
        first, last = gap.iloc[0], gap.iloc[-1]
        closer = last["gap"] < first["gap"] and last["gap"] <= tol
        parts.append("held" if closer else "failed")
        shown.append(f"{rival}: {first['gap']:,.0f} to {last['gap']:,.0f} points behind")
    return _row(
        claim_id,
        combine(parts),
        "; ".join(shown),
        "gap",
        f"A rival 'came closer' if its best {_bench(p.rival_benchmark)} rating ended nearer "
        f"{p.leader}'s best than it started and within {tol:,.0f} points.",
    )


def verdicts(
    claims: pd.DataFrame,
    sources: pd.DataFrame,
    funding_rounds: pd.DataFrame,
    genai_funding_totals: pd.DataFrame,
    revenue_points: pd.DataFrame,
    models: pd.DataFrame,
    model_quality: pd.DataFrame,
    api_prices: pd.DataFrame | None = None,
    **params: object,
) -> pd.DataFrame:
    """One verdict per model-layer claim of ``claims``.

    Takes the datasets as loaded (deduplication happens here, by the book's
    rules: :func:`prepare`) and keyword parameters overriding :class:`Params`.
    Returns ``claim_id, verdict, evidence, figure_id, reasoning``, one row per
    claim with ``layer == "models"``, in claim order.
    """
    p = Params(**params)  # type: ignore[arg-type]
    d = prepare(
        claims,
        sources,
        funding_rounds,
        genai_funding_totals,
        revenue_points,
        models,
        model_quality,
        api_prices,
        p,
    )
    rows = {r["claim_id"]: r for r in _testable(d, p)}
    out = []
    for claim in claims[claims["layer"] == "models"].sort_values("claim_id").itertuples():
        if claim.claim_id in rows:
            out.append(rows[claim.claim_id])
        else:
            reason = NOT_TESTABLE.get(claim.claim_id) or _default_reason(claim.kind)
            figure = NOT_TESTABLE_FIGURE.get(claim.claim_id, "")
            out.append(_row(claim.claim_id, "not testable", "", figure, reason))
    return pd.DataFrame(out, columns=list(COLUMNS))


def _default_reason(kind: str) -> str:
    if kind == "framing":
        return "Framing: a way of seeing the market, not a measurable statement."
    return "No dataset in this book measures it."


NOT_TESTABLE: dict[str, str] = {
    "a16z-02": "User counts are not in the book's data.",
    "a16z-04": "Framing; no human-versus-model task comparisons in the data.",
    "a16z-18": "Framing about Stability's strategy; its image models are not in the models data.",
    "a16z-20": "No API price before January 2023 could be sourced (see api_prices notes).",
    "a16z-23": "Training costs are not in the data.",
    "a16z-26": "Revenue is not split by channel (API, hosting, licences) in the data.",
    "a16z-30": "Customer-level revenue is not public.",
    "a16z-31": "Framing; the data do not record corporate structures.",
    "a16z-35": "Model providers' cloud costs are not in the data.",
    "teng-04": "The data record lead investors only, not every participant.",
    "teng-13": "Framing; the price chart shows how fast frontier prices fell.",
    "teng-17": "Framing about stage of the market.",
    "teng-25": "Framing about who built early open models.",
    "teng-28": "Training costs are not in the data (and the copy garbles the memo's figure).",
    "teng-30": "Training costs are not in the data; the $300 covers fine-tuning only.",
    "teng-32": "Framing; the price chart shows the price gap it points to.",
}
NOT_TESTABLE_FIGURE: dict[str, str] = {
    "teng-13": FIGURES["prices"],
    "teng-32": FIGURES["prices"],
    "teng-30": FIGURES["gap"],
}


def _testable(d: Prepared, p: Params) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    c = d.claims
    teng = claim_date(c, d.sources, "teng-01")
    a16z = claim_date(c, d.sources, "a16z-07")
    model_cos = _model_companies(d)

    # --- early commercial scale (a16z-07, a16z-17)
    out.append(_commercial_scale(d, p, "a16z-07"))
    out.append(_commercial_scale(d, p, "a16z-17"))

    # --- a16z-19: OpenAI dominates
    out.append(_quality_leader(d, p, "a16z-19"))

    # --- a16z-21: OpenAI a massive business with a significant share
    leaders = run_rate_leaders(d.revenue, model_cos)
    latest = _revenue(d.revenue, ("annualized_run_rate",))
    latest = latest[latest["company"].isin(model_cos)].groupby("company").tail(1)
    latest = latest.set_index("company")["value_usd_m"]
    if p.leader in latest:
        share = latest[p.leader] / latest.sum()
        massive = latest[p.leader] >= p.massive_usd_m
        significant = share >= p.significant_share
        verdict = "held" if massive and significant else "still open"
        out.append(
            _row(
                "a16z-21",
                verdict,
                f"{p.leader} run-rate {_fmt_m(latest[p.leader])}, {_pct(share)} of the "
                f"latest run-rates of {len(latest)} model companies",
                "valuation",
                f"'Massive' = a run-rate of at least {_fmt_m(p.massive_usd_m)}; "
                f"'significant portion' = at least {_pct(p.significant_share)} of the model "
                "companies' run-rates we hold (not of all NLP revenue).",
            )
        )

    # --- a16z-22: large-scale revenue soon after the essay
    hit = first_reaching(d.revenue, model_cos, p.large_scale_usd_m, a16z)
    if hit is None:
        out.append(_row("a16z-22", "still open", "", "valuation", "No company reached it yet."))
    else:
        months = (hit["date"] - a16z).days / open_closed.DAYS_PER_MONTH
        out.append(
            _row(
                "a16z-22",
                "held" if months <= p.soon_months else "failed",
                f"{hit['company']} {_fmt_m(hit['value_usd_m'])} run-rate by "
                f"{formatting.month(hit['date'])}, {months:,.0f} months after the essay",
                "valuation",
                f"'Large scale' = {_fmt_m(p.large_scale_usd_m)} a year; 'not far behind' = "
                f"within {p.soon_months:,.0f} months.",
            )
        )

    # --- a16z-24: rivals approach OpenAI
    out.append(_rivals(d, p, "a16z-24"))

    # --- a16z-25: open at parity, did proprietary struggle?
    runs = parity_runs(d.frontier, p.parity)
    reached = runs.dropna(subset=["first_on_par"])
    if reached.empty:
        out.append(_row("a16z-25", "still open", "", "gap", "Open models never reached parity."))
    else:
        first = reached.sort_values("first_on_par").iloc[0]
        growth = growth_multiple(
            d.revenue, p.leader, first["first_on_par"], metric="annualized_run_rate"
        )
        if growth is None:
            out.append(_row("a16z-25", "still open", "", "gap", "No revenue after parity."))
        else:
            mult, a, b = growth
            out.append(
                _row(
                    "a16z-25",
                    "failed" if mult >= p.fast_growth else "still open",
                    f"open on par on {_bench(first['benchmark'])} from "
                    f"{formatting.month(first['first_on_par'])}; {p.leader} revenue "
                    f"{_fmt_m(a['value_usd_m'])} to {_fmt_m(b['value_usd_m'])} since",
                    "gap",
                    "Open models reached parity on a benchmark, yet the leading closed "
                    f"provider's revenue grew at least {p.fast_growth:g}x afterwards: "
                    "proprietary models did not find it hard to compete (so far).",
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
            _row(
                "a16z-27",
                "held" if per_year >= p.fast_growth else "failed",
                f"{p.leader} {_fmt_m(a['value_usd_m'])} ({a['date'].date()}) to "
                f"{_fmt_m(b['value_usd_m'])} ({b['date'].date()})",
                "valuation",
                f"'Growing rapidly' = at least {p.fast_growth:g}x a year; revenue is the "
                "proxy for API demand.",
            )
        )

    # --- a16z-28: models converge; a16z-29: not yet in early 2023
    whole = gap_change(d.frontier, d.frontier["month"].min(), 10_000)
    out.append(
        _row(
            "a16z-28",
            verdict_narrowing(whole),
            "; ".join(
                f"{_bench(r.benchmark)} {r.gap_from:,.1f} to {r.gap_to:,.1f}"
                for r in whole.itertuples()
            ),
            "gap",
            "Convergence read as the open-closed gap at the end of the data being smaller "
            "than at the first month with both kinds, on every benchmark.",
        )
    )
    early = first_gaps(d.frontier, a16z + pd.DateOffset(months=p.horizon_months))
    if early.empty:
        out.append(_row("a16z-29", "not testable", "", "gap", "No scores in early 2023."))
    else:
        par = on_par(early, p.parity)
        out.append(
            _row(
                "a16z-29",
                "held" if not par.any() else ("failed" if par.all() else "mixed"),
                "; ".join(
                    f"{_bench(r.benchmark)} gap {r.gap:,.1f} ({formatting.month(r.month)})"
                    for r in early.itertuples()
                ),
                "gap",
                "Clear leaders = the first measured gap exceeds the parity tolerance. "
                "The first open scores date from mid-2023, after the essay.",
            )
        )

    # --- a16z-37: model startups had raised billions by January 2023
    threshold = money_figures_usd_m(claim_row(c, "a16z-37")["claim"])[0][0]
    raised = concentration.funding_to_date(d.rounds, a16z, by="layer").get("models", 0.0)
    out.append(
        _row(
            "a16z-37",
            "held" if raised > threshold else "failed",
            f"{_fmt_m(raised)} raised by model-layer companies by {formatting.date(a16z)}",
            "money",
            f"Threshold from the claim: more than {_fmt_m(threshold)}. OpenAI's $10B came "
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
        _row(
            "teng-02",
            "held" if all_closed else "failed",
            "; ".join(
                f"{r.company} {_fmt_m(r.value_floor_usd_m)} (open weights: {r.open_weights})"
                for r in valuable.itertuples()
            ),
            "open_funding",
            "Value floor = latest post-money or money raised, whichever is larger (OpenAI "
            f"has no sourced 2023 valuation). 'some' counts as {p.some_as}.",
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

    # --- teng-10: no lasting outsized share
    leaders = leaders[leaders["n_companies"] >= 2]
    if len(leaders) >= 2:
        changed = leaders["leader"].nunique() > 1
        out.append(
            _row(
                "teng-10",
                "held" if changed else "still open",
                "; ".join(
                    f"{r.year}: {r.leader} {_pct(r.leader_share)}" for r in leaders.itertuples()
                ),
                "valuation",
                "Leader = highest run-rate among the model companies with a figure that year; "
                "the claim held if the lead changed hands. Shares are of the companies we "
                "hold, not the whole market.",
            )
        )

    # --- teng-11, teng-26, teng-27: the catch-up as of mid-2023
    changes = gap_change(d.frontier, teng, p.horizon_months)
    changes = changes[changes["month_from"] <= teng + pd.DateOffset(months=p.horizon_months)]
    narrowing = verdict_narrowing(changes)
    change_txt = "; ".join(
        f"{_bench(r.benchmark)} {r.gap_from:,.1f} to {r.gap_to:,.1f}" for r in changes.itertuples()
    )
    out.append(
        _row(
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
            if (r := open_closed.gap_at(d.frontier, b, teng)) is not None
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
        f"{_bench(r.benchmark)} gap {r.gap:,.1f} ({formatting.month(r.month)})"
        for r in at_claim.itertuples()
    )
    out.append(
        _row(
            "teng-26",
            parity_verdict,
            par_txt,
            "gap",
            "On par = gap within the parity tolerance "
            + ", ".join(f"{_bench(k)} {v:g}" for k, v in p.parity.items())
            + " points.",
        )
    )
    out.append(
        _row(
            "teng-27",
            combine([parity_verdict, narrowing]),
            f"{par_txt}; then {change_txt}",
            "gap",
            "Two parts: a slight edge (gap within parity tolerance) and a gap closing fast "
            f"(narrower {p.horizon_months} months later on every benchmark).",
        )
    )

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
            _row(
                "teng-19",
                "held" if medians["models"] > medians["apps"] else "failed",
                f"median round: models {_fmt_m(medians['models'])}, apps {_fmt_m(medians['apps'])}",
                "money",
                "Median of every round with an amount in our data, all years. The data list "
                "notable rounds, so both medians are high; the comparison is what counts.",
            )
        )

    # --- teng-20: within the model layer, a few closed companies get most
    models_only = d.rounds[d.rounds["layer"] == "models"]
    layer_total = float(concentration.funding_to_date(models_only, teng).sum())
    top_share = float(top.sum()) / layer_total
    out.append(
        _row(
            "teng-20",
            "held" if top_share >= p.vast_majority else "failed",
            f"{', '.join(top.index)}: {_pct(top_share)} of {_fmt_m(layer_total)} "
            f"model-layer funding by {formatting.date(teng)}",
            "open_funding",
            f"'A select few' = the top {p.top_k} closed companies; 'vast majority' = at least "
            f"{_pct(p.vast_majority)}.",
        )
    )

    # --- teng-22: OpenAI about half of GenAI startup funding
    openai = concentration.funding_to_date(d.rounds, teng).get(p.leader, 0.0)
    out.append(_market_share_claim(d, p, "teng-22", float(openai), p.leader))

    # --- teng-23: three open models a day
    models = d.models.copy()
    models["release_date"] = pd.to_datetime(models["release_date"])
    year_open = models[
        models["open_weights"].astype(bool) & (models["release_date"].dt.year == teng.year)
    ]
    out.append(
        _row(
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
    lasting = lasting[lasting["months_on_par"] >= p.lasting_months]
    runs_txt = "; ".join(
        f"{_bench(r.benchmark)}: on par from {formatting.month(r.first_on_par)}"
        if pd.notna(r.first_on_par)
        else f"{_bench(r.benchmark)}: not on par (gap {r.last_gap:,.1f})"
        for r in runs.itertuples()
    )
    out.append(
        _row(
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
        _row(
            "teng-31",
            "still open",
            runs_txt,
            "gap",
            "A hedged prediction about what it would take for open models to win; quality "
            "parity on some benchmarks has not settled who wins.",
        )
    )

    # --- teng-29: Vicuna at 90% of ChatGPT
    claimed = claim_share(claim_row(c, "teng-29")["claim"])
    ratios = relative_scores(d.scored, p.vicuna_model, p.vicuna_reference)
    out.append(
        _row(
            "teng-29",
            verdict_ratio(ratios, claimed),
            "; ".join(
                f"{_bench(r.benchmark)} {r.score:,.1f} vs {r.reference_score:,.1f} "
                f"= {_pct(r.ratio)}"
                for r in ratios.itertuples()
            ),
            "gap",
            f"The {_pct(claimed)} was {p.vicuna_judge}'s judgement on {p.vicuna_questions} "
            f"questions (LMSYS's own 'non-scientific' test); on standard benchmarks "
            f"{p.vicuna_model} reached the "
            f"share shown of {p.vicuna_reference}'s score.",
        )
    )
    return out
