"""How fast does the price of a given level of model capability fall?

For a capability threshold (a benchmark score), the series is, month by month,
the cheapest API list price of any model scoring at or above the threshold.
Prices are *blended* USD per million tokens (input and output weighted
``input_weight:output_weight``, 3:1 by default; see
:func:`analysis.apps.unit_economics.blended_price_usd_per_mtok`).

Rules
-----
* A price row applies from its ``effective_date`` until the next row for the
  same ``(provider, model)``; there is no end date (a model stays on the menu).
* A month is evaluated on its **last day**: a model counts in a month if it
  was priced (and, when ``models`` is given, released) on or before that day.
* Models with no score on the benchmark never count.
* Inputs must be deduplicated first (one price per ``(provider, model,
  effective_date)``, one score per ``(model, benchmark)``): callers apply
  :func:`analysis.data.provenance.pick_preferred`. Duplicates raise ``ValueError``.

The fitted annual decline is in :mod:`analysis.apps.decline_fit`, what it does
to an app's margin in :mod:`analysis.apps.margin_projection`, and the published
estimates it is compared with in :mod:`analysis.apps.published_declines`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from analysis.apps.unit_economics import (
    DEFAULT_INPUT_OUTPUT_WEIGHTS,
    blended_price_usd_per_mtok,
)
from analysis.data.checks import require_columns

DAYS_PER_YEAR = 365.25
"""Length of the year used to turn dates into years (Julian year, days)."""


PRICE_COLUMNS = (
    "provider",
    "model",
    "effective_date",
    "input_usd_per_mtok",
    "output_usd_per_mtok",
)
QUALITY_COLUMNS = ("model", "benchmark", "score")
MODEL_COLUMNS = ("model", "release_date")

DateLike = str | pd.Timestamp | np.datetime64 | None
"""Anything :class:`pandas.Timestamp` reads (``"2024-03-01"``), or None."""


# --------------------------------------------------------------------------
# validation helpers
# --------------------------------------------------------------------------


def _require(df: pd.DataFrame, columns: Iterable[str], name: str) -> None:
    """The shared column check, and the frame must not be empty."""
    require_columns(df, columns, name)
    if df.empty:
        raise ValueError(f"{name} is empty")


def _no_duplicates(df: pd.DataFrame, key: list[str], name: str) -> None:
    dup = df.duplicated(key, keep=False)
    if dup.any():
        first = df.loc[dup, key].iloc[0].tolist()
        raise ValueError(
            f"{name} has more than one row per {tuple(key)} (e.g. {first}); "
            "dedupe with analysis.data.provenance.pick_preferred first"
        )


def _clean_prices(
    api_prices: pd.DataFrame, input_weight: float, output_weight: float
) -> pd.DataFrame:
    _require(api_prices, PRICE_COLUMNS, "api_prices")
    keep = list(PRICE_COLUMNS) + (["source_id"] if "source_id" in api_prices.columns else [])
    prices = api_prices.loc[:, keep].copy()
    prices["effective_date"] = pd.to_datetime(prices["effective_date"])
    for col in ("input_usd_per_mtok", "output_usd_per_mtok"):
        prices[col] = prices[col].astype(float)
        if prices[col].isna().any():
            raise ValueError(f"api_prices.{col} has missing values")
        if (prices[col] < 0).any():
            raise ValueError(f"api_prices.{col} has negative prices")
    _no_duplicates(prices, ["provider", "model", "effective_date"], "api_prices")
    prices["blended_usd_per_mtok"] = blended_price_usd_per_mtok(
        prices["input_usd_per_mtok"].to_numpy(),
        prices["output_usd_per_mtok"].to_numpy(),
        input_weight,
        output_weight,
    )
    return prices


def _qualifying_models(model_quality: pd.DataFrame, benchmark: str, threshold: float) -> set:
    q = model_quality[model_quality["benchmark"] == benchmark]
    return set(q.loc[q["score"].astype(float) >= threshold, "model"])


def _as_bool(values: pd.Series) -> pd.Series:
    mapping = {"true": True, "false": False, "yes": True, "no": False}
    return values.map(lambda v: mapping.get(str(v).strip().lower(), v)).astype(bool)


def threshold_list(thresholds: float | Sequence[float]) -> list[float]:
    """Distinct thresholds as floats, in the order given."""
    values = [float(t) for t in np.atleast_1d(np.asarray(thresholds, dtype=float))]
    if not values or any(math.isnan(t) for t in values):
        raise ValueError("thresholds must be one or more numbers (not NaN)")
    return list(dict.fromkeys(values))


def _month_start(ts: DateLike) -> pd.Timestamp:
    return pd.Timestamp(ts).to_period("M").to_timestamp()


# --------------------------------------------------------------------------
# monthly cheapest price
# --------------------------------------------------------------------------


def _prices_in_effect(prices: pd.DataFrame, months: pd.DatetimeIndex) -> pd.DataFrame:
    """One row per (month, provider, model): the price in effect at month end."""
    month_end = months + pd.offsets.MonthEnd(0)
    grid = pd.DataFrame({"month": months, "as_of": month_end})
    cross = grid.merge(prices, how="cross")
    cross = cross[cross["effective_date"] <= cross["as_of"]]
    cross = cross[cross["available_from"] <= cross["as_of"]]
    cross = cross.sort_values(["month", "provider", "model", "effective_date"])
    return cross.drop_duplicates(["month", "provider", "model"], keep="last")


def cheapest_price_by_month(
    api_prices: pd.DataFrame,
    model_quality: pd.DataFrame,
    benchmark: str,
    thresholds: float | Sequence[float],
    models: pd.DataFrame | None = None,
    *,
    input_weight: float = DEFAULT_INPUT_OUTPUT_WEIGHTS[0],
    output_weight: float = DEFAULT_INPUT_OUTPUT_WEIGHTS[1],
    start: DateLike = None,
    end: DateLike = None,
    open_weights: bool | None = None,
) -> pd.DataFrame:
    """Cheapest blended list price of a model at or above each threshold, monthly.

    Parameters
    ----------
    api_prices
        ``provider, model, effective_date, input_usd_per_mtok,
        output_usd_per_mtok`` (USD per million tokens), deduplicated.
    model_quality
        ``model, benchmark, score`` (benchmark's unit), one row per
        ``(model, benchmark)``.
    benchmark
        Which benchmark the thresholds refer to (e.g. ``"mmlu_5shot"``).
    thresholds
        One or more minimum scores (inclusive), in the benchmark's unit.
    models
        Optional ``model, release_date[, open_weights]``: a model listed here
        counts only from its release date; required for ``open_weights``.
    input_weight, output_weight
        Token weighting of the blended price (default 3:1 input:output).
    start, end
        First and last month (any date inside the month). Default: from the
        first month a qualifying model is priced to the month of the latest
        ``effective_date`` in ``api_prices``. Either way a threshold's series
        stops at its last observation (the latest price row or release of a
        qualifying model): later months would only repeat the last price.
    open_weights
        ``True``/``False`` keeps only open-/closed-weights models listed in
        ``models``; ``None`` keeps all.

    Returns
    -------
    DataFrame
        Tidy, one row per (distinct threshold, month) that has a qualifying model:
        ``benchmark, threshold, month`` (first day of the month, evaluated at
        its last day), ``provider, model, input_usd_per_mtok,
        output_usd_per_mtok, blended_usd_per_mtok``, the ``effective_date``
        of the price row in effect and, when ``api_prices`` has one, its
        ``source_id`` (for tooltips and citations). Ties go to the first
        provider/model in alphabetical order. Months before the first
        qualifying model are absent.
    """
    prices = _clean_prices(api_prices, input_weight, output_weight)
    _require(model_quality, QUALITY_COLUMNS, "model_quality")
    _no_duplicates(model_quality, ["model", "benchmark"], "model_quality")
    thresholds = threshold_list(thresholds)

    prices["available_from"] = prices["effective_date"]
    if models is not None:
        _require(models, MODEL_COLUMNS, "models")
        _no_duplicates(models, ["model"], "models")
        release = pd.to_datetime(models.set_index("model")["release_date"])
        rel = prices["model"].map(release)
        prices["available_from"] = pd.concat(
            [prices["effective_date"], rel.fillna(prices["effective_date"])], axis=1
        ).max(axis=1)
        if open_weights is not None:
            if "open_weights" not in models.columns:
                raise ValueError("models has no open_weights column")
            ow = _as_bool(models.set_index("model")["open_weights"])
            keep = set(ow[ow == bool(open_weights)].index)
            prices = prices[prices["model"].isin(keep)]
    elif open_weights is not None:
        raise ValueError("open_weights filter needs the models table")

    last = _month_start(end if end is not None else api_prices["effective_date"].max())
    out = []
    for threshold in thresholds:
        qual = prices[prices["model"].isin(_qualifying_models(model_quality, benchmark, threshold))]
        if qual.empty:
            continue
        first = _month_start(start if start is not None else qual["available_from"].min())
        # no carry-forward: a threshold's series ends at its last observation,
        # the latest price row (or release) of a qualifying model
        stop = min(last, _month_start(qual["available_from"].max()))
        if first > stop:
            continue
        months = pd.date_range(first, stop, freq="MS")
        live = _prices_in_effect(qual, months)
        live = live.sort_values(["month", "blended_usd_per_mtok", "provider", "model"])
        best = live.drop_duplicates("month", keep="first").copy()
        best.insert(0, "threshold", threshold)
        best.insert(0, "benchmark", benchmark)
        out.append(best)
    cols = [
        "benchmark",
        "threshold",
        "month",
        "provider",
        "model",
        "input_usd_per_mtok",
        "output_usd_per_mtok",
        "blended_usd_per_mtok",
        "effective_date",
    ]
    if "source_id" in prices.columns:
        cols.append("source_id")
    if not out:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    return pd.concat(out, ignore_index=True)[cols].reset_index(drop=True)


def last_scored_price_date(
    api_prices: pd.DataFrame, model_quality: pd.DataFrame, benchmark: str
) -> pd.Timestamp:
    """Latest ``effective_date`` of a price row whose model has a ``benchmark`` score.

    After this date no new or re-priced model enters the capability series,
    so later months repeat the last price by construction (a benchmark that
    newer models stop reporting, such as MMLU, goes flat). Chapters can end
    the fit window here and say so.
    """
    _require(api_prices, PRICE_COLUMNS, "api_prices")
    _require(model_quality, QUALITY_COLUMNS, "model_quality")
    scored = set(model_quality.loc[model_quality["benchmark"] == benchmark, "model"])
    dates = pd.to_datetime(api_prices.loc[api_prices["model"].isin(scored), "effective_date"])
    if dates.empty:
        raise ValueError(f"no priced model has a {benchmark} score")
    return pd.Timestamp(dates.max())


def capability_label(benchmark_name: str, threshold: float) -> str:
    """'MMLU ≥ 70' style label of a capability level (a benchmark score, in its own unit)."""
    return f"{benchmark_name} ≥ {threshold:g}"


def endpoint_prices(series: pd.DataFrame) -> pd.DataFrame:
    """First and last month of each threshold's cheapest-price series.

    ``series`` is :func:`cheapest_price_by_month` output. Returns its rows
    for each threshold's first and last month with a ``when`` column
    (``"first"`` / ``"last"``), sorted by ``when`` (first before last) then
    threshold. Prices are USD per million tokens.
    """
    s = series.sort_values(["threshold", "month"])
    first = s.groupby("threshold").head(1).assign(when="first")
    last = s.groupby("threshold").tail(1).assign(when="last")
    out = pd.concat([first, last], ignore_index=True)
    out["_w"] = out["when"].map({"first": 0, "last": 1})
    return out.sort_values(["_w", "threshold"]).drop(columns="_w").reset_index(drop=True)


def largest_step_down(series: pd.DataFrame, threshold: float) -> dict[str, object]:
    """The biggest one-month fall in one threshold's cheapest price.

    Returns ``month`` (when the new price first applies), ``model`` (the new
    cheapest model), ``fold`` (previous price / new price, > 1) and the two
    prices, USD per million tokens. Raises ``ValueError`` if the price never
    falls.
    """
    s = series[series["threshold"] == float(threshold)].sort_values("month")
    y = s["blended_usd_per_mtok"].to_numpy(dtype=float)
    if len(y) < 2:
        raise ValueError("need at least two months")
    ratio = y[:-1] / y[1:]
    i = int(np.argmax(ratio))
    if ratio[i] <= 1.0:
        raise ValueError("the price never falls")
    row = s.iloc[i + 1]
    return {
        "month": row["month"],
        "model": row["model"],
        "fold": float(ratio[i]),
        "price_before_usd_per_mtok": float(y[i]),
        "price_after_usd_per_mtok": float(y[i + 1]),
    }
