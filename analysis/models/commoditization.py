"""Is model access commoditizing? Frontier closed prices vs open-weights hosts.

Inputs: ``api_prices`` (``provider``, ``model``, ``effective_date``,
``input_usd_per_mtok``, ``output_usd_per_mtok``: US dollars per million
tokens), plus ``models`` and ``model_quality`` as in
:mod:`analysis.models.open_closed` (one score per model and benchmark).

Rules:

* a price row applies from its ``effective_date`` until the next row for the
  same (provider, model); the data has no end dates, so a model's last price
  applies until the series ends;
* the series ends at its **last observation**: the latest ``effective_date``
  of a price row whose model has a score on the benchmark. Later months are
  not produced (no carry-forward: a benchmark newer models no longer report
  would otherwise keep its last frontier model on the chart for ever);
* a month (labelled by its first day) uses the prices in effect on its last
  day;
* the **blended price** weights input and output tokens ``input_weight`` :
  ``output_weight`` (default 3:1, a chat/RAG-like mix with three input tokens
  per output token); rows missing either price are not used;
* a model offered by several providers is priced at its cheapest provider;
* the **frontier closed model** of a month is the best-scoring closed model
  (on ``benchmark``) with a price that month; a tie goes to the cheaper;
* **open models of similar quality** are priced open-weights models with
  ``score >= frontier score - tolerance`` (a better open model also counts);
  the cheapest of them is the comparison, the price a buyer who shops around
  pays;
* ``price_ratio`` = closed blended price / open blended price (how many times
  dearer the frontier is); NaN when no open model qualifies or the cheapest
  is free (price 0).

Models with a price but no score on the benchmark, or not in ``models``, take
no part (``models.csv`` does not list every priced model).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from analysis.data.checks import require_columns
from analysis.models.open_closed import month_end, month_start, scored_models

PRICE_COLUMNS: tuple[str, ...] = (
    "provider",
    "model",
    "effective_date",
    "input_usd_per_mtok",
    "output_usd_per_mtok",
)

COMPARISON_COLUMNS: tuple[str, ...] = (
    "month",
    "benchmark",
    "closed_model",
    "closed_provider",
    "closed_score",
    "closed_usd_per_mtok",
    "open_model",
    "open_provider",
    "open_score",
    "open_usd_per_mtok",
    "n_open_candidates",
    "price_ratio",
)


def _check_weights(input_weight: float, output_weight: float) -> None:
    weights = np.array([input_weight, output_weight], dtype=float)
    if not np.all(np.isfinite(weights)) or np.any(weights < 0) or weights.sum() <= 0:
        raise ValueError(
            "input_weight and output_weight must be non-negative and not both zero, "
            f"got {input_weight}:{output_weight}"
        )


def blended_price(
    input_usd_per_mtok: float | np.ndarray | pd.Series,
    output_usd_per_mtok: float | np.ndarray | pd.Series,
    *,
    input_weight: float = 3.0,
    output_weight: float = 1.0,
) -> float | np.ndarray | pd.Series:
    """Weighted mean price, USD per million tokens, at ``input_weight:output_weight``.

    ``(w_in * input + w_out * output) / (w_in + w_out)``; with the default 3:1,
    $3 in / $15 out blends to (3*3 + 15) / 4 = $6.
    """
    _check_weights(input_weight, output_weight)
    total = input_weight + output_weight
    if total < np.finfo(float).tiny:  # subnormal weights lose precision: scale them (exactly)
        input_weight, output_weight = input_weight * 2.0**600, output_weight * 2.0**600
        total = input_weight + output_weight
    return (input_weight * input_usd_per_mtok + output_weight * output_usd_per_mtok) / total


def _clean_prices(api_prices: pd.DataFrame) -> pd.DataFrame:
    require_columns(api_prices, PRICE_COLUMNS, "api_prices")
    p = api_prices.loc[:, list(PRICE_COLUMNS)].copy()
    try:
        p["effective_date"] = pd.to_datetime(p["effective_date"], format="ISO8601")
    except (ValueError, TypeError) as err:
        raise ValueError(f"api_prices.effective_date: could not parse dates ({err})") from err
    if p["effective_date"].isna().any():
        rows = list(p.index[p["effective_date"].isna()])
        raise ValueError(f"api_prices.effective_date missing in row(s) {rows}")
    for col in ("input_usd_per_mtok", "output_usd_per_mtok"):
        values = pd.to_numeric(p[col], errors="coerce").astype(float)
        if (values.isna() & p[col].notna()).any():
            raise ValueError(f"api_prices.{col}: not a number in some row(s)")
        if (values < 0).any():
            raise ValueError(
                f"api_prices.{col}: negative price in row(s) {list(p.index[values < 0])}"
            )
        p[col] = values
    key = ["provider", "model", "effective_date"]
    dup = p.duplicated(key, keep=False)
    if dup.any():
        raise ValueError(
            "api_prices: more than one row per (provider, model, effective_date): "
            f"{p.loc[dup, key].drop_duplicates().to_numpy().tolist()}"
        )
    return p


def prices_in_effect(api_prices: pd.DataFrame, months: Iterable[object]) -> pd.DataFrame:
    """For each month, the price row in effect on its last day, per (provider, model).

    Returns ``month`` (first day) plus the price columns; a (provider, model)
    whose first price row is later than the month's last day has no row.
    """
    prices = _clean_prices(api_prices)
    frames = []
    for month in sorted({month_start(m) for m in months}):
        current = prices[prices["effective_date"] <= month_end(month)]
        latest = current.sort_values("effective_date").drop_duplicates(
            ["provider", "model"], keep="last"
        )
        frames.append(latest.assign(month=month))
    columns = ["month", *PRICE_COLUMNS]
    if not frames:
        return pd.DataFrame(columns=columns)
    out = pd.concat(frames, ignore_index=True)[columns]
    return out.sort_values(["month", "provider", "model"]).reset_index(drop=True)


def _cheapest_per_model(priced: pd.DataFrame) -> pd.DataFrame:
    ranked = priced.sort_values(["blended", "provider"])
    return ranked.drop_duplicates("model", keep="first")


def _month_row(
    month: pd.Timestamp, benchmark: str, priced: pd.DataFrame, tolerance: float
) -> dict[str, object]:
    row: dict[str, object] = {c: np.nan for c in COMPARISON_COLUMNS}
    row.update(month=month, benchmark=benchmark, n_open_candidates=0)
    for col in ("closed_model", "closed_provider", "open_model", "open_provider"):
        row[col] = None
    closed = priced[~priced["open_weights"]]
    if closed.empty:
        return row
    top = closed.sort_values(["score", "blended", "model"], ascending=[False, True, True]).iloc[0]
    row.update(
        closed_model=top["model"],
        closed_provider=top["provider"],
        closed_score=float(top["score"]),
        closed_usd_per_mtok=float(top["blended"]),
    )
    similar = priced[priced["open_weights"] & (priced["score"] >= top["score"] - tolerance)]
    row["n_open_candidates"] = len(similar)
    if similar.empty:
        return row
    cheap = similar.sort_values(["blended", "score", "model"], ascending=[True, False, True]).iloc[
        0
    ]
    row.update(
        open_model=cheap["model"],
        open_provider=cheap["provider"],
        open_score=float(cheap["score"]),
        open_usd_per_mtok=float(cheap["blended"]),
    )
    if cheap["blended"] > 0:
        row["price_ratio"] = float(top["blended"] / cheap["blended"])
    return row


def last_observation(api_prices: pd.DataFrame, scores: pd.DataFrame) -> pd.Timestamp:
    """Month (first day) of the latest price row of a model that has a score.

    ``scores`` is :func:`analysis.models.open_closed.scored_models` output for
    one benchmark. After this month nothing in the frontier-price series can
    change, so it is where the series stops. Raises ValueError when no priced
    model has a score.
    """
    priced = api_prices[api_prices["model"].isin(set(scores["model"]))]
    if priced.empty:
        raise ValueError("no priced model has a score on this benchmark")
    return month_start(pd.to_datetime(priced["effective_date"], format="ISO8601").max())


def frontier_vs_open_prices(
    api_prices: pd.DataFrame,
    models: pd.DataFrame,
    quality: pd.DataFrame,
    *,
    benchmark: str,
    tolerance: float,
    input_weight: float = 3.0,
    output_weight: float = 1.0,
    start: object | None = None,
    end: object | None = None,
) -> pd.DataFrame:
    """Monthly blended price of the frontier closed model vs similar open models.

    ``tolerance`` is in the benchmark's points (percentage points for MMLU,
    Elo points for ``arena_elo``), so it has no default. Months run from
    ``start`` (default: the first ``effective_date``) to the series' last
    observation, or ``end`` if that is earlier (:func:`last_observation`).
    One row per month, columns :data:`COMPARISON_COLUMNS`; prices are blended
    USD per million tokens, ``price_ratio`` is closed / open (x). See the
    module docstring for the rules.
    """
    _check_weights(input_weight, output_weight)
    if not np.isfinite(tolerance) or tolerance < 0:
        raise ValueError(f"tolerance must be a non-negative number of points, got {tolerance}")
    scores = scored_models(models, quality, [benchmark])
    prices = _clean_prices(api_prices)
    if prices.empty:
        raise ValueError("api_prices has no rows")
    first = month_start(start if start is not None else prices["effective_date"].min())
    if end is not None and month_start(end) < first:
        raise ValueError(f"end ({month_start(end).date()}) is before start ({first.date()})")
    observed = last_observation(prices, scores)
    last = min(month_start(end), observed) if end is not None else observed
    months = pd.date_range(first, last, freq="MS")
    in_effect = prices_in_effect(prices, months)
    in_effect["blended"] = blended_price(
        in_effect["input_usd_per_mtok"],
        in_effect["output_usd_per_mtok"],
        input_weight=input_weight,
        output_weight=output_weight,
    )
    priced = in_effect[in_effect["blended"].notna()].merge(
        scores[["model", "open_weights", "score"]], on="model", how="inner"
    )
    rows = []
    for month in months:
        this_month = _cheapest_per_model(priced[priced["month"] == month])
        rows.append(_month_row(month, benchmark, this_month, float(tolerance)))
    out = pd.DataFrame(rows, columns=list(COMPARISON_COLUMNS))
    out["n_open_candidates"] = out["n_open_candidates"].astype(int)
    return out
