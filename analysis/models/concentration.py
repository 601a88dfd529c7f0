"""How concentrated is generative-AI funding? Shares, HHI, Gini, Lorenz curves.

Input is the ``funding_rounds`` dataset (DATA_SPEC.md): ``date``, ``company``,
``layer``, ``round_type``, ``amount_usd_m`` (USD millions) and, for the
open/closed split, ``open_weights``. Callers pick one row per round first
(:func:`analysis.data.provenance.pick_preferred`); these functions add up what they
are given.

Counting rules, the same in every function here:

* a round counts from its ``date`` on, so the cumulative total at a year end
  (31 December) includes every round dated on or before that day;
* a round with an empty ``amount_usd_m`` (not reported) adds nothing;
* round types in ``exclude_round_types`` are left out; by default only
  ``tender`` (a tender offer sells existing shares, so no new money reaches the
  company);
* the population at a year end is the companies that had raised a positive
  amount by then. Companies that raised nothing in the data are not in it, so
  the Gini coefficient measures inequality *among funded companies*;
* year ends at which nothing had been raised yet produce no rows.

Shares are fractions (0-1); money is USD millions (``_usd_m``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from analysis.models.funding_rounds import (
    DEFAULT_EXCLUDED_ROUND_TYPES,
    cumulative_at,
    funded_rounds,
)

METRICS: tuple[str, ...] = (
    "top1_share",
    "top3_share",
    "hhi",
    "gini",
    "n_companies",
    "total_usd_m",
)
"""Metric names in :func:`concentration_metrics`, in output order."""

SOME_AS_CHOICES: tuple[str, ...] = ("separate", "open", "closed")
"""How :func:`open_weights_funding_share` counts ``open_weights == "some"``."""

OPEN_WEIGHTS_VALUES: tuple[str, ...] = ("yes", "some", "no")


def _year_ends(dates: pd.Series, years: Iterable[int] | None) -> list[pd.Timestamp]:
    if years is None:
        years = range(int(dates.dt.year.min()), int(dates.dt.year.max()) + 1)
    years = sorted({int(y) for y in years})
    if not years:
        raise ValueError("years is empty")
    return [pd.Timestamp(year=y, month=12, day=31) for y in years]


# ---------------------------------------------------------------------------
# Metrics on one distribution (amounts in any unit, e.g. USD m)
# ---------------------------------------------------------------------------


def _amounts(values: Iterable[float]) -> np.ndarray:
    arr = np.asarray(list(values), dtype=float)
    if arr.size == 0:
        raise ValueError("need at least one amount")
    if not np.all(np.isfinite(arr)):
        raise ValueError("amounts must be finite numbers (no NaN or inf)")
    if np.any(arr < 0):
        raise ValueError("amounts must not be negative")
    if arr.sum() <= 0:
        raise ValueError("amounts must not all be zero")
    return arr


def shares(values: Iterable[float]) -> np.ndarray:
    """Each amount's share of the total (fractions 0-1, summing to 1)."""
    arr = _amounts(values)
    return arr / arr.sum()


def top_k_share(values: Iterable[float], k: int) -> float:
    """Share (0-1) of the total held by the ``k`` largest amounts.

    With fewer than ``k`` amounts the answer is 1.
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    s = np.sort(shares(values))[::-1]
    return float(min(1.0, s[:k].sum()))


def hhi(values: Iterable[float]) -> float:
    """Herfindahl-Hirschman index on shares 0-1: sum of squared shares.

    Ranges from 1/n (n equal amounts) to 1 (one holder of everything). Multiply
    by 10,000 for the antitrust convention (shares in percent).
    """
    s = shares(values)
    return float(min(1.0, np.sum(s**2)))


def gini(values: Iterable[float]) -> float:
    """Gini coefficient of the amounts: 0 = all equal, (n-1)/n = one holds all.

    ``G = 2 * sum_i(i * x_(i)) / (n * sum(x)) - (n + 1) / n`` with the amounts
    sorted ascending and ranks ``i = 1..n``; equal to one minus twice the area
    under the Lorenz curve. Always in [0, 1) for a finite population.
    """
    x = np.sort(_amounts(values))
    n = x.size
    ranks = np.arange(1, n + 1)
    g = 2.0 * np.sum(ranks * x) / (n * x.sum()) - (n + 1) / n
    return float(min(max(g, 0.0), (n - 1) / n))


def lorenz_points(values: Iterable[float]) -> pd.DataFrame:
    """Lorenz curve: cumulative share of holders vs cumulative share of money.

    Holders are sorted from smallest to largest amount. Returns ``n + 1`` rows,
    from (0, 0) to (1, 1), columns ``company_share`` and ``funding_share``
    (fractions 0-1).
    """
    x = np.sort(_amounts(values))
    n = x.size
    funding = np.concatenate([[0.0], np.cumsum(x) / x.sum()])
    funding[-1] = 1.0
    return pd.DataFrame({"company_share": np.arange(n + 1) / n, "funding_share": funding})


# ---------------------------------------------------------------------------
# Year-end frames
# ---------------------------------------------------------------------------


def cumulative_funding(
    rounds: pd.DataFrame,
    by: str = "company",
    *,
    layer: str | None = None,
    years: Iterable[int] | None = None,
    exclude_round_types: Sequence[str] = DEFAULT_EXCLUDED_ROUND_TYPES,
) -> pd.DataFrame:
    """Cumulative funding (USD m) and its share at each year end.

    ``by`` is ``"company"`` or ``"layer"``; ``layer`` restricts to one layer
    (``None`` = all layers); ``years`` defaults to every calendar year from
    the first round to the last. Returns a tidy frame with columns
    ``year_end`` (31 December), ``by``, ``cumulative_usd_m`` and ``share``
    (0-1, summing to 1 within each year end), sorted by year end and then by
    cumulative amount, largest first.
    """
    if by not in ("company", "layer"):
        raise ValueError(f"by must be 'company' or 'layer', got {by!r}")
    df = funded_rounds(rounds, layer=layer, exclude_round_types=exclude_round_types)
    frames = []
    for year_end in _year_ends(df["date"], years):
        totals = cumulative_at(df, year_end, by)
        if totals.empty:
            continue
        frame = pd.DataFrame(
            {
                "year_end": year_end,
                by: totals.index,
                "cumulative_usd_m": totals.to_numpy(),
                "share": shares(totals.to_numpy()),
            }
        )
        frames.append(frame.sort_values(["cumulative_usd_m", by], ascending=[False, True]))
    if not frames:
        return pd.DataFrame(columns=["year_end", by, "cumulative_usd_m", "share"])
    return pd.concat(frames, ignore_index=True)


def concentration_metrics(
    rounds: pd.DataFrame,
    *,
    layer: str | None = None,
    years: Iterable[int] | None = None,
    exclude_round_types: Sequence[str] = DEFAULT_EXCLUDED_ROUND_TYPES,
) -> pd.DataFrame:
    """Concentration of cumulative funding across companies at each year end.

    Tidy long frame ``year_end, metric, value`` (ready for a chart with a
    metric selector), metrics in the order of :data:`METRICS`:

    * ``top1_share``, ``top3_share``: share (0-1) of the largest one / three
      companies;
    * ``hhi``: Herfindahl-Hirschman index on shares 0-1 (1/n..1);
    * ``gini``: Gini coefficient (0..1) among funded companies;
    * ``n_companies``: number of funded companies;
    * ``total_usd_m``: cumulative funding, USD millions.

    ``layer`` restricts to one layer (``None`` = all).
    """
    cum = cumulative_funding(
        rounds,
        "company",
        layer=layer,
        years=years,
        exclude_round_types=exclude_round_types,
    )
    rows = []
    for year_end, group in cum.groupby("year_end", sort=True):
        amounts = group["cumulative_usd_m"].to_numpy()
        values = {
            "top1_share": top_k_share(amounts, 1),
            "top3_share": top_k_share(amounts, 3),
            "hhi": hhi(amounts),
            "gini": gini(amounts),
            "n_companies": float(amounts.size),
            "total_usd_m": float(amounts.sum()),
        }
        rows.extend({"year_end": year_end, "metric": m, "value": values[m]} for m in METRICS)
    return pd.DataFrame(rows, columns=["year_end", "metric", "value"])


def lorenz_curves(
    rounds: pd.DataFrame,
    *,
    layer: str | None = None,
    years: Iterable[int] | None = None,
    exclude_round_types: Sequence[str] = DEFAULT_EXCLUDED_ROUND_TYPES,
) -> pd.DataFrame:
    """Lorenz curve points of cumulative funding across companies, per year end.

    Columns ``year_end``, ``point`` (0..n), ``company_share`` (cumulative
    share of companies, smallest-funded first, 0-1) and ``funding_share``
    (their cumulative share of the money, 0-1). Each year end starts at (0, 0)
    and ends at (1, 1); the diagonal is perfect equality.
    """
    cum = cumulative_funding(
        rounds,
        "company",
        layer=layer,
        years=years,
        exclude_round_types=exclude_round_types,
    )
    frames = []
    for year_end, group in cum.groupby("year_end", sort=True):
        points = lorenz_points(group["cumulative_usd_m"].to_numpy())
        points.insert(0, "point", np.arange(len(points)))
        points.insert(0, "year_end", year_end)
        frames.append(points)
    columns = ["year_end", "point", "company_share", "funding_share"]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]


def _weights_class(open_weights: pd.Series, some_as: str) -> pd.Series:
    mapping = {"yes": "open", "no": "closed", "some": "some" if some_as == "separate" else some_as}
    return open_weights.map(mapping)


def open_weights_funding_share(
    rounds: pd.DataFrame,
    *,
    some_as: str = "separate",
    years: Iterable[int] | None = None,
    exclude_round_types: Sequence[str] = DEFAULT_EXCLUDED_ROUND_TYPES,
) -> pd.DataFrame:
    """Cumulative model-layer funding to open- vs closed-weights companies.

    Only ``layer == "models"`` rounds count. Each round is classed by its own
    ``open_weights`` value (the company's policy as recorded for that round):
    ``yes`` -> ``open``, ``no`` -> ``closed``, and ``some`` (releases some
    models' weights but not its best ones) by ``some_as``:

    * ``"separate"`` (default): its own class ``some``, so nothing is hidden;
    * ``"open"``: counted as open-weights;
    * ``"closed"``: counted as closed-weights.

    Returns ``year_end, weights, cumulative_usd_m, share`` with every class at
    every year end (zero when a class has raised nothing yet); ``share`` is the
    fraction (0-1) of model-layer funding to date.
    """
    if some_as not in SOME_AS_CHOICES:
        raise ValueError(f"some_as must be one of {SOME_AS_CHOICES}, got {some_as!r}")
    df = funded_rounds(
        rounds,
        layer="models",
        exclude_round_types=exclude_round_types,
        extra_columns=("open_weights",),
    )
    flag = df["open_weights"].astype("string").str.strip().str.lower()
    bad = ~flag.isin(OPEN_WEIGHTS_VALUES) | flag.isna()
    if bad.any():
        companies = sorted(set(df.loc[bad, "company"]))
        raise ValueError(
            "funding_rounds.open_weights must be one of "
            f"{OPEN_WEIGHTS_VALUES} for model-layer rounds; missing or invalid "
            f"for {companies}"
        )
    df["weights"] = _weights_class(flag, some_as)
    classes = ["open", "some", "closed"] if some_as == "separate" else ["open", "closed"]
    rows = []
    for year_end in _year_ends(df["date"], years):
        upto = df[df["date"] <= year_end]
        total = upto["amount_usd_m"].sum()
        if total <= 0:
            continue
        by_class = upto.groupby("weights")["amount_usd_m"].sum()
        for cls in classes:
            amount = float(by_class.get(cls, 0.0))
            rows.append(
                {
                    "year_end": year_end,
                    "weights": cls,
                    "cumulative_usd_m": amount,
                    "share": amount / total,
                }
            )
    return pd.DataFrame(rows, columns=["year_end", "weights", "cumulative_usd_m", "share"])
