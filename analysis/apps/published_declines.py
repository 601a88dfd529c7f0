"""What others measured: published estimates of how fast a fixed capability's price falls.

The estimates are rows of the ``reference_estimates`` dataset (publisher,
date, quantity, value / low / high, scope, ``source_id``, locator), read and
set beside this book's own fits (:mod:`analysis.apps.decline_fit`) in one
"times cheaper per year" table. Nothing is typed in here: a new published
estimate is a new data row with its source.

``fold`` means "times cheaper" (10 = the price falls to a tenth a year).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from analysis.apps.price_decline import DAYS_PER_YEAR, DateLike
from analysis.data.checks import require_columns

DECLINE_QUANTITIES: tuple[str, ...] = (
    "price_decline_per_year_at_constant_capability",
    "price_decline_per_year_at_constant_capability_range_across_thresholds",
    "price_decline_per_year_at_constant_capability_frontier_models",
)
"""``reference_estimates.quantity`` ids that state a yearly fall at a fixed capability."""

REFERENCE_COLUMNS: tuple[str, ...] = (
    "publisher",
    "date",
    "quantity",
    "value",
    "low",
    "high",
    "scope",
    "source_id",
    "locator",
)

PUBLISHED_COLUMNS: tuple[str, ...] = (
    "estimate_id",
    "label",
    "publisher",
    "date_published",
    "capability",
    "benchmark",
    "threshold_score",
    "fold_per_year",
    "fold_per_year_low",
    "fold_per_year_high",
    "basis",
    "source_id",
    "locator",
)

_PER_THRESHOLD = re.compile(
    r"^(?P<bench>.+?) at or above (?P<level>.+?) level \(score range \[(?P<score>[\d.]+)"
)
"""Epoch AI's per-threshold fits: 'MMLU at or above GPT-3 level (score range [43.9, 100])'."""


def implied_fold_per_year(fold_total: float, start: DateLike, end: DateLike) -> float:
    """Annual fall implied by a total fall over a period, "times cheaper per year".

    ``fold_total ** (1 / years)`` with years = days / 365.25. Example: a price
    that falls 100x over exactly two years falls 10x a year.
    """
    if not fold_total > 0:
        raise ValueError("fold_total must be > 0")
    years = (pd.Timestamp(end) - pd.Timestamp(start)) / pd.Timedelta(days=DAYS_PER_YEAR)
    if years <= 0:
        raise ValueError("end must be after start")
    return float(fold_total ** (1.0 / years))


def _short_publisher(publisher: str) -> str:
    """'Gundlach, Lynch, Mertens, Thompson (MIT)' -> 'Gundlach et al.'."""
    return publisher.split(",")[0] + " et al." if "," in publisher else publisher


def _scope_head(scope: str) -> str:
    """The scope up to its first comma or parenthesis (the capability, in short)."""
    return re.split(r",| \(", scope, maxsplit=1)[0].strip()


def published_estimates(reference: pd.DataFrame) -> pd.DataFrame:
    """The published yearly declines at a fixed capability, one row per estimate.

    ``reference`` is the ``reference_estimates`` dataset; only rows whose
    ``quantity`` is in :data:`DECLINE_QUANTITIES` are kept. ``basis`` says
    what the source states: ``stated`` (a rate; low = high = the rate),
    ``stated with interval`` (a rate and its interval) or ``stated range``
    (low-high only; ``fold_per_year`` is NaN). ``benchmark``,
    ``threshold_score`` are filled for per-threshold fits ("MMLU at or above
    GPT-3 level (score range [43.9, ...])"), else empty/NaN. ``estimate_id`` is
    ``source_id`` plus the benchmark and threshold (or the quantity). Sorted
    by date, publisher, benchmark, threshold.
    """
    require_columns(reference, REFERENCE_COLUMNS, "reference_estimates")
    rows = []
    sel = reference[reference["quantity"].isin(DECLINE_QUANTITIES)]
    for r in sel.itertuples(index=False):
        value, low, high = (pd.to_numeric(x, errors="coerce") for x in (r.value, r.low, r.high))
        if pd.notna(value) and pd.notna(low) and pd.notna(high):
            central, lo, hi, basis = float(value), float(low), float(high), "stated with interval"
        elif pd.notna(value):
            central = lo = hi = float(value)
            basis = "stated"
        elif pd.notna(low) and pd.notna(high):
            central, lo, hi, basis = np.nan, float(low), float(high), "stated range"
        else:
            raise ValueError(f"reference_estimates row of {r.source_id}: no rate and no range")
        if not (0 < lo <= hi):
            raise ValueError(f"reference_estimates row of {r.source_id}: need 0 < low <= high")
        date = pd.Timestamp(r.date)
        who = f"{_short_publisher(str(r.publisher))} ({date.year})"
        match = _PER_THRESHOLD.match(str(r.scope))
        if match:
            bench, score = match["bench"], float(match["score"])
            label = f"{who}: {bench} ≥ {score:g} ({match['level']} level)"
            key = f"{r.source_id}/{bench}/{score:g}"
        else:
            bench, score = None, np.nan
            label = f"{who}: {_scope_head(str(r.scope))}"
            key = f"{r.source_id}/{r.quantity}"
        rows.append(
            {
                "estimate_id": key,
                "label": label,
                "publisher": r.publisher,
                "date_published": date,
                "capability": r.scope,
                "benchmark": bench,
                "threshold_score": score,
                "fold_per_year": central,
                "fold_per_year_low": lo,
                "fold_per_year_high": hi,
                "basis": basis,
                "source_id": r.source_id,
                "locator": r.locator,
            }
        )
    out = pd.DataFrame(rows, columns=list(PUBLISHED_COLUMNS))
    if out["estimate_id"].duplicated().any():
        dups = sorted(set(out.loc[out["estimate_id"].duplicated(), "estimate_id"]))
        raise ValueError(f"reference_estimates: more than one decline row for {dups}")
    out = out.sort_values(
        ["date_published", "publisher", "benchmark", "threshold_score"], na_position="first"
    )
    return out.reset_index(drop=True)


def for_benchmarks(published: pd.DataFrame, benchmarks: list[str]) -> pd.DataFrame:
    """Headline estimates plus the per-threshold fits on the named benchmarks only.

    ``benchmarks`` are the sources' own names ("MMLU", "GPQA Diamond"). Rows
    with no benchmark (a headline rate or range) are always kept.
    """
    keep = published["benchmark"].isna() | published["benchmark"].isin(benchmarks)
    return published[keep].reset_index(drop=True)


def pick(published: pd.DataFrame, source_id: str, basis: str | None = None) -> pd.Series:
    """The one headline estimate (no benchmark) of ``source_id``, optionally of one ``basis``.

    Raises ValueError when none or more than one row matches, so a chapter
    never glues the wrong figure silently.
    """
    rows = published[(published["source_id"] == source_id) & published["benchmark"].isna()]
    if basis is not None:
        rows = rows[rows["basis"] == basis]
    if len(rows) != 1:
        raise ValueError(
            f"expected one headline estimate of {source_id!r}"
            + (f" ({basis})" if basis else "")
            + f", found {len(rows)}"
        )
    return rows.iloc[0]


def comparison_table(
    fits: pd.DataFrame, published: pd.DataFrame, benchmark_names: str | Mapping[str, str]
) -> pd.DataFrame:
    """This book's fits and the published estimates in one table ("times cheaper per year").

    Columns ``label, fold, fold_low, fold_high, source, kind`` with ``kind``
    ``"this book"`` or ``"published"``. A fit's low/high are its interval
    (``1 / annual_factor_high`` .. ``1 / annual_factor_low``); ``published``
    is :func:`published_estimates` output. ``benchmark_names`` names the fits'
    benchmark in labels: one name, or a mapping from the fits' ``benchmark``
    column (e.g. ``{"gpqa_diamond": "GPQA Diamond"}``).
    """
    f = fits.dropna(subset=["annual_factor"])
    if isinstance(benchmark_names, str):
        names = [benchmark_names] * len(f)
    else:
        names = [benchmark_names[b] for b in f["benchmark"]]
    ours = pd.DataFrame(
        {
            "label": [
                f"This book: {name} ≥ {r.threshold:g} ({r.first_month:%b %Y}–{r.last_month:%b %Y})"
                for name, r in zip(names, f.itertuples(), strict=True)
            ],
            "fold": 1.0 / f["annual_factor"].to_numpy(),
            "fold_low": 1.0 / f["annual_factor_high"].to_numpy(),
            "fold_high": 1.0 / f["annual_factor_low"].to_numpy(),
            "source": "api_prices, model_quality (this book)",
            "kind": "this book",
        }
    )
    pub = pd.DataFrame(
        {
            "label": published["label"].to_numpy(),
            "fold": published["fold_per_year"].to_numpy(),
            "fold_low": published["fold_per_year_low"].to_numpy(),
            "fold_high": published["fold_per_year_high"].to_numpy(),
            "source": (
                published["publisher"] + " (reference_estimates, " + published["source_id"] + ")"
            ).to_numpy(),
            "kind": "published",
        }
    )
    return pd.concat([ours, pub], ignore_index=True)


def published_spread(published: pd.DataFrame) -> tuple[float, float]:
    """Lowest and highest published yearly fall, "times cheaper per year".

    A stated rate counts by its central value (its statistical interval is
    not a claim of the source); a stated range by its ends. So Epoch AI's
    "9x to 900x" counts as 9 and 900, and a per-threshold fit of 42x with a
    90% interval of 4x-401x counts as 42.
    """
    is_range = published["basis"] == "stated range"
    lows = published["fold_per_year"].where(~is_range, published["fold_per_year_low"])
    highs = published["fold_per_year"].where(~is_range, published["fold_per_year_high"])
    if lows.isna().all():
        raise ValueError("no published estimate to compare with")
    return float(lows.min()), float(highs.max())
