"""Open vs closed models: the quality frontier, the gap and the catch-up lag.

Size: over 400 lines because the frontier, the gap and the catch-up lag share the
scored-model table and its month arithmetic.

Trends in the gap and the lag, and the gap at a date, are in
:mod:`analysis.models.gap_trends`.

Inputs: ``models`` (``model``, ``developer``, ``release_date``,
``open_weights`` true/false) and ``model_quality`` (``model``, ``benchmark``,
``score``), one score per (model, benchmark): callers pick one row per key
with :func:`analysis.data.provenance.pick_preferred` first, and a duplicate is an
error here.

Definitions used throughout:

* **month**: labelled by its first day; a model is *available* in a month if
  it was released on or before the month's last day;
* **frontier**: the best score among available models (a running maximum, so
  it never falls), computed separately for closed and open-weights models,
  and only up to the benchmark's last scored release (no carry-forward);
* **gap**: best closed minus best open score, in the benchmark's own points
  (percentage points for ``mmlu_5shot`` and the other percent benchmarks, Elo
  points for ``arena_elo``);
* **lag**: for each closed model that raised the closed frontier, the months
  from its release until the first open-weights model scoring at least as high
  (minus ``tolerance``) was released; zero if one already existed. A month is
  365.25 / 12 days.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from analysis.data.checks import require_columns

DAYS_PER_MONTH = 365.25 / 12
DAYS_PER_YEAR = 365.25

BENCHMARK_LABELS: dict[str, str] = {
    "mmlu_5shot": "MMLU (5-shot)",
    "mmlu_pro": "MMLU-Pro",
    "gpqa_diamond": "GPQA Diamond",
    "humaneval": "HumanEval",
    "swe_bench_verified": "SWE-bench Verified",
    "hle": "Humanity's Last Exam",
    "aime_2025": "AIME 2025",
    "arena_elo": "Arena Elo",
    "mt_bench": "MT-bench",
    "gpt4_judged_relative_chatgpt": "GPT-4-judged, % of ChatGPT",
}
"""Reader-facing names of the benchmarks in ``model_quality``."""

BENCHMARK_UNITS: dict[str, str] = {
    "mmlu_5shot": "score, %",
    "mmlu_pro": "score, %",
    "gpqa_diamond": "score, %",
    "humaneval": "pass@1, %",
    "swe_bench_verified": "resolved, %",
    "hle": "score, %",
    "aime_2025": "score, %",
    "arena_elo": "Elo rating",
    "mt_bench": "score, 0-10",
    "gpt4_judged_relative_chatgpt": "% of ChatGPT's score",
}
"""Axis units of each benchmark."""

MODEL_COLUMNS: tuple[str, ...] = ("model", "developer", "release_date", "open_weights")
QUALITY_COLUMNS: tuple[str, ...] = ("model", "benchmark", "score")

FRONTIER_COLUMNS: tuple[str, ...] = (
    "benchmark",
    "month",
    "best_closed",
    "best_closed_model",
    "best_open",
    "best_open_model",
    "gap",
)
LAG_COLUMNS: tuple[str, ...] = (
    "benchmark",
    "closed_model",
    "developer",
    "release_date",
    "score",
    "matched_by",
    "matched_date",
    "lag_months",
    "censored",
    "months_so_far",
)

_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no"}


# ---------------------------------------------------------------------------
# Input preparation
# ---------------------------------------------------------------------------


def _timestamp(value: object, name: str) -> pd.Timestamp:
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError) as err:
        raise ValueError(f"{name}: not a date: {value!r}") from err
    if pd.isna(ts):
        raise ValueError(f"{name}: not a date: {value!r}")
    return ts


def parse_open_weights(values: pd.Series) -> pd.Series:
    """``open_weights`` as booleans; accepts bools and "true"/"false" text.

    Raises ValueError naming the rows of anything else (including empty cells).
    """
    text = values.astype("string").str.strip().str.lower()
    parsed = text.map(lambda v: True if v in _TRUE else False if v in _FALSE else None)
    bad = parsed.isna()
    if bad.any():
        raise ValueError(
            "models.open_weights must be true or false; got "
            f"{sorted(set(values[bad].astype(str)))} in row(s) {list(values.index[bad])}"
        )
    return parsed.astype(bool)


def month_start(value: object) -> pd.Timestamp:
    """First day of the month containing ``value`` (a date)."""
    return _timestamp(value, "date").to_period("M").to_timestamp()


def month_end(month: pd.Timestamp) -> pd.Timestamp:
    """Last day of the month that starts (or contains) ``month``."""
    return month_start(month) + pd.offsets.MonthEnd(0)


def scored_models(
    models: pd.DataFrame, quality: pd.DataFrame, benchmarks: Iterable[str] | None = None
) -> pd.DataFrame:
    """One row per (model, benchmark) with release date, open flag and score.

    Columns ``model, developer, release_date, open_weights (bool), benchmark,
    score``; sorted by benchmark, release date, model. Raises ValueError for a
    duplicate (model, benchmark) score, a scored model missing from ``models``,
    a missing release date or score, or an unknown benchmark in ``benchmarks``.
    """
    require_columns(models, MODEL_COLUMNS, "models")
    require_columns(quality, QUALITY_COLUMNS, "model_quality")
    if models["model"].duplicated().any():
        dups = sorted(set(models.loc[models["model"].duplicated(), "model"]))
        raise ValueError(f"models: duplicate model name(s) {dups}")
    m = models.loc[:, list(MODEL_COLUMNS)].copy()
    try:
        m["release_date"] = pd.to_datetime(m["release_date"], format="ISO8601")
    except (ValueError, TypeError) as err:
        raise ValueError(f"models.release_date: could not parse dates ({err})") from err
    if m["release_date"].isna().any():
        raise ValueError(
            f"models.release_date missing for {sorted(m.loc[m['release_date'].isna(), 'model'])}"
        )
    m["open_weights"] = parse_open_weights(m["open_weights"])

    q = quality.loc[:, list(QUALITY_COLUMNS)].copy()
    dup = q.duplicated(["model", "benchmark"], keep=False)
    if dup.any():
        pairs = sorted(set(zip(q.loc[dup, "model"], q.loc[dup, "benchmark"], strict=True)))
        raise ValueError(
            f"model_quality: more than one score for (model, benchmark) {pairs}; "
            "pick one per key with provenance.pick_preferred first"
        )
    q["score"] = pd.to_numeric(q["score"], errors="coerce").astype(float)
    if q["score"].isna().any():
        raise ValueError(
            f"model_quality.score missing or not a number in row(s) "
            f"{list(q.index[q['score'].isna()])}"
        )
    if benchmarks is not None:
        wanted = list(benchmarks)
        unknown = sorted(set(wanted) - set(q["benchmark"]))
        if unknown:
            raise ValueError(
                f"no scores for benchmark(s) {unknown}; present: {sorted(set(q['benchmark']))}"
            )
        q = q[q["benchmark"].isin(wanted)]
    unknown_models = sorted(set(q["model"]) - set(m["model"]))
    if unknown_models:
        raise ValueError(f"model_quality: model(s) not in models: {unknown_models}")
    joined = q.merge(m, on="model", how="left", validate="many_to_one")
    joined = joined.loc[
        :, ["model", "developer", "release_date", "open_weights", "benchmark", "score"]
    ]
    return joined.sort_values(["benchmark", "release_date", "model"]).reset_index(drop=True)


# ---------------------------------------------------------------------------
# Frontier and gap
# ---------------------------------------------------------------------------


def _best(available: pd.DataFrame) -> tuple[float, object]:
    """Best score and its model (earliest released wins a tie)."""
    if available.empty:
        return np.nan, None
    ranked = available.sort_values(
        ["score", "release_date", "model"], ascending=[False, True, True]
    )
    top = ranked.iloc[0]
    return float(top["score"]), top["model"]


def frontier_by_month(
    models: pd.DataFrame,
    quality: pd.DataFrame,
    *,
    benchmarks: Iterable[str] | None = None,
    end: object | None = None,
) -> pd.DataFrame:
    """Best closed and best open-weights score available, month by month.

    One row per (benchmark, month) from the month of the benchmark's first
    scored release to the month of its **last** scored release, its last
    observation: nothing is carried forward past the data, so a benchmark that
    newer models stopped reporting ends where its scores end. ``end`` can only
    cut a series shorter. Columns ``benchmark``, ``month`` (first day), ``best_closed``
    / ``best_open`` (score, benchmark points; NaN before the first model of
    that kind), ``best_closed_model`` / ``best_open_model`` and ``gap`` (closed
    minus open, points). Both frontiers are running maxima and never fall.
    """
    scored = scored_models(models, quality, benchmarks)
    if scored.empty:
        raise ValueError("no scored models to build a frontier from")
    cut = month_start(end) if end is not None else None
    rows = []
    for benchmark, group in scored.groupby("benchmark", sort=True):
        if group["open_weights"].nunique() < 2:
            continue  # only one kind scored: nothing to compare (e.g. a one-model measure)
        first = month_start(group["release_date"].min())
        last = month_start(group["release_date"].max())
        last = min(last, cut) if cut is not None else last
        for month in pd.date_range(first, last, freq="MS"):
            available = group[group["release_date"] <= month_end(month)]
            closed, closed_model = _best(available[~available["open_weights"]])
            opened, open_model = _best(available[available["open_weights"]])
            rows.append(
                {
                    "benchmark": benchmark,
                    "month": month,
                    "best_closed": closed,
                    "best_closed_model": closed_model,
                    "best_open": opened,
                    "best_open_model": open_model,
                    "gap": closed - opened,
                }
            )
    out = pd.DataFrame(rows, columns=list(FRONTIER_COLUMNS))
    for col in ("best_closed", "best_open", "gap"):
        out[col] = out[col].astype(float)
    out["month"] = pd.to_datetime(out["month"])
    return out


# ---------------------------------------------------------------------------
# Catch-up lag
# ---------------------------------------------------------------------------


def frontier_setters(closed: pd.DataFrame) -> pd.DataFrame:
    """Closed models that raised the closed frontier when released.

    A model sets the frontier if its score is strictly above every closed model
    released before it; of models released the same day, only the best can.
    ``closed`` has ``model, release_date, score`` for one benchmark.
    """
    ordered = closed.sort_values(["release_date", "score", "model"], ascending=[True, False, True])
    previous_best = ordered["score"].cummax().shift(1, fill_value=-np.inf)
    return ordered[ordered["score"] > previous_best]


def _months_between(start: pd.Timestamp, stop: pd.Timestamp) -> float:
    return (stop - start).days / DAYS_PER_MONTH


def _lag_row(
    setter: pd.Series, open_models: pd.DataFrame, as_of: pd.Timestamp, tolerance: float
) -> dict[str, object]:
    row: dict[str, object] = {
        "benchmark": setter["benchmark"],
        "closed_model": setter["model"],
        "developer": setter["developer"],
        "release_date": setter["release_date"],
        "score": float(setter["score"]),
        "matched_by": None,
        "matched_date": pd.NaT,
        "lag_months": np.nan,
        "censored": True,
        "months_so_far": _months_between(setter["release_date"], as_of),
    }
    matches = open_models[open_models["score"] >= setter["score"] - tolerance]
    if matches.empty:
        return row
    first = matches.sort_values(
        ["release_date", "score", "model"], ascending=[True, False, True]
    ).iloc[0]
    matched_date = max(first["release_date"], setter["release_date"])
    row.update(
        matched_by=first["model"],
        matched_date=matched_date,
        lag_months=_months_between(setter["release_date"], matched_date),
        censored=False,
        months_so_far=np.nan,
    )
    return row


def catch_up_lags(
    models: pd.DataFrame,
    quality: pd.DataFrame,
    *,
    as_of: object,
    benchmarks: Iterable[str] | None = None,
    tolerance: float = 0.0,
) -> pd.DataFrame:
    """Months until an open-weights model matched each new closed frontier.

    Only models released on or before ``as_of`` count. For each closed model
    that set a new closed frontier (:func:`frontier_setters`), the first
    open-weights model (earliest release) with ``score >= closed score -
    tolerance`` (benchmark points) matches it; ``lag_months`` is the months
    from the closed release to that open release, 0 if the open model came
    first. Unmatched models are *censored*: ``lag_months`` NaN,
    ``censored`` True and ``months_so_far`` the months from release to
    ``as_of``. Columns: see :data:`LAG_COLUMNS`.
    """
    as_of_ts = _timestamp(as_of, "as_of")
    if not np.isfinite(tolerance) or tolerance < 0:
        raise ValueError(f"tolerance must be a non-negative number of points, got {tolerance}")
    scored = scored_models(models, quality, benchmarks)
    scored = scored[scored["release_date"] <= as_of_ts]
    rows = []
    for _, group in scored.groupby("benchmark", sort=True):
        open_models = group[group["open_weights"]]
        for _, setter in frontier_setters(group[~group["open_weights"]]).iterrows():
            rows.append(_lag_row(setter, open_models, as_of_ts, float(tolerance)))
    out = pd.DataFrame(rows, columns=list(LAG_COLUMNS))
    out["censored"] = out["censored"].astype(bool)
    for col in ("score", "lag_months", "months_so_far"):
        out[col] = out[col].astype(float)
    out["matched_date"] = pd.to_datetime(out["matched_date"])
    return out


# ---------------------------------------------------------------------------
# The Vicuna claim as an annotation
# ---------------------------------------------------------------------------


def _is_positive_whole(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        return False
    return bool(np.isfinite(value)) and value >= 1 and int(value) == value


def vicuna_claim_point(
    *,
    relative_quality: float,
    training_cost_usd: float,
    n_questions: int,
    judge: str,
    model: str = "Vicuna-13B",
    reference_model: str = "ChatGPT",
    claim_date: object | None = None,
    claim_id: str | None = None,
) -> dict[str, object]:
    """The Vicuna claim as one data point to annotate a chart with.

    Pass the claim's numbers (from the ``seed_claims`` dataset), nothing is
    built in: ``relative_quality`` as a fraction (0-1] of ``reference_model``'s
    quality as judged by ``judge`` on ``n_questions`` questions, and the
    training cost in US dollars. Returns a dict with those values,
    ``relative_quality_pct`` (percent), ``claim_date`` (Timestamp or None), a
    short ``label`` and a ``caveat`` saying what kind of evidence it is.
    """
    if not 0 < relative_quality <= 1:
        raise ValueError(
            "relative_quality must be a fraction in (0, 1] (e.g. 0.9 for 90%), "
            f"got {relative_quality}"
        )
    if not np.isfinite(training_cost_usd) or training_cost_usd < 0:
        raise ValueError(
            f"training_cost_usd must be a non-negative amount, got {training_cost_usd}"
        )
    if not _is_positive_whole(n_questions):
        raise ValueError(f"n_questions must be a positive whole number, got {n_questions!r}")
    if not judge:
        raise ValueError("judge must name the model or people who judged quality")
    pct = 100.0 * relative_quality
    date = _timestamp(claim_date, "claim_date") if claim_date is not None else None
    return {
        "claim_id": claim_id,
        "model": model,
        "reference_model": reference_model,
        "relative_quality": float(relative_quality),
        "relative_quality_pct": pct,
        "training_cost_usd": float(training_cost_usd),
        "n_questions": int(n_questions),
        "judge": judge,
        "claim_date": date,
        "label": (
            f"{model}: ~{pct:.0f}% of {reference_model}'s quality for "
            f"~${training_cost_usd:,.0f} of training"
        ),
        "caveat": (
            f"Quality as judged by {judge} on {int(n_questions)} questions, not a "
            "benchmark score; the training cost covers only the fine-tuning, not "
            "the base model it started from."
        ),
    }


# ---------------------------------------------------------------------------
# One rating pool per benchmark
# ---------------------------------------------------------------------------


def one_source_per_benchmark(quality: pd.DataFrame, benchmarks: Iterable[str]) -> pd.DataFrame:
    """Keep, for each of ``benchmarks``, only the source that scores the most models.

    Arena Elo ratings from different leaderboard snapshots are different
    rating pools and cannot be compared; a frontier must use one snapshot.
    For each listed benchmark the rows of the ``source_id`` with the most
    distinct models are kept (a tie goes to the lowest ``source_id``); rows
    of other benchmarks pass through unchanged.
    """
    require_columns(quality, ("model", "benchmark", "score", "source_id"), "model_quality")
    keep = pd.Series(True, index=quality.index)
    for benchmark in benchmarks:
        rows = quality["benchmark"] == benchmark
        if not rows.any():
            raise ValueError(f"no scores for benchmark {benchmark!r}")
        counts = quality.loc[rows].groupby("source_id")["model"].nunique()
        best = sorted(counts.index, key=lambda s: (-counts[s], s))[0]
        keep &= ~rows | (quality["source_id"] == best)
    return quality.loc[keep]
