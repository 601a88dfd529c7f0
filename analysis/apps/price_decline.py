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

The annual decline is a log-linear least-squares fit of ``log(price)`` on time
in years (365.25 days). ``annual_factor`` is the price multiplier per year
(0.1 = the price falls 10x a year), ``decline_pct_per_year`` is
``100 * (1 - annual_factor)``. The confidence interval comes from the OLS
standard error of the slope and a Student-t quantile (computed here, no
SciPy). Caveat: the monthly series is a step function, so consecutive months
are not independent observations and the OLS interval is narrower than the
true uncertainty; read it as a lower bound on the spread.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from analysis.apps.unit_economics import (
    DEFAULT_INPUT_OUTPUT_WEIGHTS,
    TypicalApp,
    blended_price_usd_per_mtok,
)
from analysis.data.checks import require_columns

DAYS_PER_YEAR = 365.25
"""Length of the year used to turn dates into years (Julian year, days)."""

PUBLISHED_DECLINE_ESTIMATES: dict[str, dict[str, object]] = {
    "a16z-llmflation-2024": {
        "label": "a16z LLMflation (2024): equivalent performance",
        "publisher": "Andreessen Horowitz (a16z), Guido Appenzeller",
        "title": "Welcome to LLMflation - LLM inference cost is going down fast",
        "url": "https://a16z.com/llmflation-llm-inference-cost",
        "date_published": "2024-11-12",
        "bib_key": "apps2024llmflation",
        "capability": "an LLM of equivalent performance (cheapest model above MMLU 42, and 83)",
        "fold_per_year": 10.0,
        "locator": "Third paragraph: 'For an LLM of equivalent performance, the cost is "
        "decreasing by 10x every year.'",
        "method": "cheapest model per month at a minimum MMLU score; input and output "
        "prices averaged 1:1; OpenAI, Anthropic and Llama models only",
    },
    "a16z-llmflation-2024-mmlu83": {
        "label": "a16z LLMflation (2024): MMLU 83, implied",
        "publisher": "Andreessen Horowitz (a16z), Guido Appenzeller",
        "title": "Welcome to LLMflation - LLM inference cost is going down fast",
        "url": "https://a16z.com/llmflation-llm-inference-cost",
        "date_published": "2024-11-12",
        "bib_key": "apps2024llmflation",
        "capability": "MMLU 83 (GPT-4 level)",
        "fold_total": 62.0,
        "period_start": "2023-03-01",
        "period_end": "2024-11-01",
        "locator": "Methodology section: since GPT-4 came out in March 2023 'the price for "
        "models at this level have come down by about a factor of 62' (to the post's date, "
        "November 2024; both ends taken as month starts)",
        "method": "as above; the annual rate is implied here from the total fall and the period",
    },
    "epoch-2025-range": {
        "label": "Epoch AI (2025): range over milestones",
        "publisher": "Epoch AI",
        "title": "LLM inference prices have fallen rapidly but unequally across tasks",
        "url": "https://epoch.ai/data-insights/llm-inference-price-trends",
        "date_published": "2025-03-12",
        "bib_key": "apps2025epochprices",
        "capability": "six benchmarks, several performance milestones",
        "fold_per_year_low": 9.0,
        "fold_per_year_high": 900.0,
        "locator": "Summary paragraph: the rate of decline 'ranging from 9x to 900x per year' "
        "depending on the performance milestone",
        "method": "cheapest model at or above a benchmark score, log-linear fit; prices 3:1 "
        "input:output (Artificial Analysis method); reasoning models excluded",
    },
    "epoch-2025-gpqa-gpt4": {
        "label": "Epoch AI (2025): GPT-4 level on GPQA",
        "publisher": "Epoch AI",
        "title": "LLM inference prices have fallen rapidly but unequally across tasks",
        "url": "https://epoch.ai/data-insights/llm-inference-price-trends",
        "date_published": "2025-03-12",
        "bib_key": "apps2025epochprices",
        "capability": "GPT-4's score on GPQA Diamond (PhD-level science questions)",
        "fold_per_year": 40.0,
        "locator": "Summary paragraph: 'the price to achieve GPT-4's performance on a set of "
        "PhD-level science questions fell by 40x per year'",
        "method": "as above",
    },
    "aiindex-2025-gpt35": {
        "label": "AI Index (2025): GPT-3.5 level, implied",
        "publisher": "Stanford HAI AI Index 2025 (as relayed by AI CERTS)",
        "title": "AI Inference's 280x Slide: 18-Month Cost Optimization Explained",
        "url": "https://www.aicerts.ai/news/ai-inferences-280x-slide-18-month-cost-optimization"
        "-explained",
        "date_published": "2025-04-01",
        "bib_key": "apps2025aiindex",
        "capability": "GPT-3.5 level (MMLU 64.8)",
        "fold_total": 280.0,
        "period_start": "2022-11-01",
        "period_end": "2024-10-01",
        "locator": "Section 'Rapid Cost Collapse Overview': costs 'dropped from $20 to $0.07 per "
        "million tokens between November 2022 and October 2024'; MMLU 64.8 as the GPT-3.5 "
        "level. The AI Index report itself was not retrieved; its release month (April "
        "2025) is taken from press coverage",
        "method": "cheapest model at GPT-3.5-level MMLU; annual rate implied here",
    },
    "gundlach-2025-frontier": {
        "label": "Gundlach et al. (2025): frontier models",
        "publisher": "Gundlach, Lynch, Mertens, Thompson (MIT FutureTech), arXiv 2511.23455",
        "title": "The Price of Progress: Algorithmic Efficiency and the Falling Cost of AI "
        "Inference",
        "url": "https://www.sciencestack.ai/paper/2511.23455",
        "date_published": "2025-11-28",
        "bib_key": "apps2025gundlach",
        "capability": "frontier models on knowledge, reasoning, math and software-engineering "
        "benchmarks",
        "fold_per_year_low": 5.0,
        "fold_per_year_high": 10.0,
        "locator": "Abstract: the price for a given level of benchmark performance 'has "
        "decreased remarkably fast, around 5x to 10x per year, for frontier models'",
        "method": "Artificial Analysis and Epoch AI prices; regression of price on time at "
        "fixed benchmark performance",
    },
}
"""Published estimates of the same decline (a fixed capability's price), for comparison.

Each entry was read in a retrieved copy of the page (2026-11-23); ``locator``
says where the number stands. An entry gives either ``fold_per_year`` (the
source states a rate: "10x every year"), ``fold_per_year_low`` /
``fold_per_year_high`` (the source states a range), or ``fold_total`` over
``period_start`` .. ``period_end`` (the source states a total fall; the annual
rate is implied by :func:`implied_fold_per_year`). ``fold`` means "times
cheaper" (10 = the price falls to a tenth). ``bib_key`` is the entry's key in
``book/references.bib``.
"""


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


PUBLISHED_COLUMNS = (
    "estimate_id",
    "label",
    "publisher",
    "date_published",
    "capability",
    "fold_per_year",
    "fold_per_year_low",
    "fold_per_year_high",
    "basis",
    "bib_key",
    "url",
    "locator",
)


def published_estimates(
    estimates: Mapping[str, Mapping[str, object]] | None = None,
) -> pd.DataFrame:
    """Published estimates as a table, one row per estimate ("times cheaper per year").

    ``basis`` says how the annual figure was obtained: ``stated`` (a rate in
    the source), ``stated range`` (low-high, no central figure: ``fold_per_year``
    is NaN) or ``implied`` (from a total fall over a period,
    :func:`implied_fold_per_year`; low = high = central). For a single figure
    low and high equal the central value.
    """
    estimates = PUBLISHED_DECLINE_ESTIMATES if estimates is None else estimates
    rows = []
    for key, e in estimates.items():
        if "fold_per_year" in e:
            central = float(e["fold_per_year"])  # type: ignore[arg-type]
            low = high = central
            basis = "stated"
        elif "fold_per_year_low" in e:
            central = math.nan
            low = float(e["fold_per_year_low"])  # type: ignore[arg-type]
            high = float(e["fold_per_year_high"])  # type: ignore[arg-type]
            basis = "stated range"
        elif "fold_total" in e:
            central = implied_fold_per_year(
                float(e["fold_total"]),  # type: ignore[arg-type]
                e["period_start"],  # type: ignore[arg-type]
                e["period_end"],  # type: ignore[arg-type]
            )
            low = high = central
            basis = "implied"
        else:
            raise ValueError(f"estimate {key!r} states no rate")
        if not (low > 0 and high >= low):
            raise ValueError(f"estimate {key!r}: need 0 < low <= high")
        rows.append(
            {
                "estimate_id": key,
                "label": e.get("label", key),
                "publisher": e["publisher"],
                "date_published": pd.Timestamp(e["date_published"]),  # type: ignore[arg-type]
                "capability": e["capability"],
                "fold_per_year": central,
                "fold_per_year_low": low,
                "fold_per_year_high": high,
                "basis": basis,
                "bib_key": e["bib_key"],
                "url": e["url"],
                "locator": e["locator"],
            }
        )
    return pd.DataFrame(rows, columns=list(PUBLISHED_COLUMNS))


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


def _threshold_list(thresholds: float | Sequence[float]) -> list[float]:
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
        ``effective_date`` in ``api_prices``.
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
    thresholds = _threshold_list(thresholds)

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
        if first > last:
            continue
        months = pd.date_range(first, last, freq="MS")
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


# --------------------------------------------------------------------------
# Student-t quantile (no SciPy)
# --------------------------------------------------------------------------


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction of the incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 10_000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return h


def _reg_incomplete_beta(a: float, b: float, x: float) -> float:
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    front = math.exp(log_front)
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def student_t_cdf(t: float, df: float) -> float:
    """CDF of Student's t distribution with ``df`` (> 0) degrees of freedom."""
    if df <= 0:
        raise ValueError("df must be > 0")
    tail = 0.5 * _reg_incomplete_beta(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t >= 0 else tail


def student_t_quantile(p: float, df: float) -> float:
    """Quantile (inverse CDF) of Student's t, by bisection on :func:`student_t_cdf`.

    Accurate to about 1e-10; ``student_t_quantile(0.975, 10)`` is 2.2281...
    """
    if not 0.0 < p < 1.0:
        raise ValueError("p must be in (0, 1)")
    if df <= 0:
        raise ValueError("df must be > 0")
    if p == 0.5:
        return 0.0
    if p < 0.5:
        return -student_t_quantile(1.0 - p, df)
    hi = 1.0
    while student_t_cdf(hi, df) < p:
        hi *= 2.0
    lo = 0.0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if student_t_cdf(mid, df) < p:
            lo = mid
        else:
            hi = mid
        if hi - lo < 1e-12 * max(1.0, hi):
            break
    return 0.5 * (lo + hi)


# --------------------------------------------------------------------------
# log-linear fit
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class DeclineFit:
    """Result of a log-linear fit of price on time.

    Attributes
    ----------
    slope_log_per_year
        Slope of ``ln(price)`` per year (negative when prices fall).
    slope_se
        OLS standard error of that slope.
    n
        Number of observations; the t interval uses ``n - 2`` degrees of freedom.
    confidence
        Confidence level of the interval (e.g. 0.95).
    annual_factor, annual_factor_low, annual_factor_high
        Price multiplier per year ``exp(slope)`` and its interval (low = the
        fastest decline in the interval).
    """

    slope_log_per_year: float
    slope_se: float
    n: int
    confidence: float
    annual_factor: float
    annual_factor_low: float
    annual_factor_high: float

    @property
    def decline_pct_per_year(self) -> float:
        """Percent fall per year, ``100 * (1 - annual_factor)``."""
        return 100.0 * (1.0 - self.annual_factor)

    @property
    def decline_pct_low(self) -> float:
        """Lower end of the percent-decline interval (from ``annual_factor_high``)."""
        return 100.0 * (1.0 - self.annual_factor_high)

    @property
    def decline_pct_high(self) -> float:
        """Upper end of the percent-decline interval (from ``annual_factor_low``)."""
        return 100.0 * (1.0 - self.annual_factor_low)

    @property
    def fold_decline_per_year(self) -> float:
        """How many times cheaper per year, ``1 / annual_factor`` (10 = 10x)."""
        return 1.0 / self.annual_factor

    def as_dict(self) -> dict[str, float]:
        """All fields and derived figures as a flat dict."""
        d = asdict(self)
        d.update(
            decline_pct_per_year=self.decline_pct_per_year,
            decline_pct_low=self.decline_pct_low,
            decline_pct_high=self.decline_pct_high,
            fold_decline_per_year=self.fold_decline_per_year,
        )
        return d


def fit_annual_decline(
    dates: Sequence | pd.Series,
    prices_usd_per_mtok: Sequence[float] | pd.Series | np.ndarray,
    confidence: float = 0.95,
) -> DeclineFit:
    """Fit ``ln(price) = a + b * years`` by least squares.

    Parameters
    ----------
    dates
        Observation dates (anything :func:`pandas.to_datetime` reads); time is
        measured in years of 365.25 days from the first date.
    prices_usd_per_mtok
        Prices (> 0), USD per million tokens (any positive unit works).
    confidence
        Level of the two-sided interval on the slope, in (0, 1).

    Returns
    -------
    DeclineFit
        ``annual_factor = exp(b)`` with interval ``exp(b -/+ t * se)``, where
        ``t`` is the Student-t quantile with ``n - 2`` degrees of freedom.
    """
    t = pd.to_datetime(pd.Series(list(dates)))
    y = np.asarray(prices_usd_per_mtok, dtype=float)
    if len(t) != len(y):
        raise ValueError("dates and prices must have the same length")
    if len(y) < 3:
        raise ValueError("need at least 3 observations to fit a decline with an interval")
    if np.isnan(y).any() or t.isna().any():
        raise ValueError("dates and prices must not contain missing values")
    if (y <= 0).any():
        raise ValueError("prices must be > 0 to take logs")
    if not 0.0 < confidence < 1.0:
        raise ValueError("confidence must be in (0, 1)")
    x = ((t - t.min()).dt.days / DAYS_PER_YEAR).to_numpy(dtype=float)
    sxx = float(((x - x.mean()) ** 2).sum())
    if sxx == 0.0:
        raise ValueError("all observations share one date: no time trend to fit")
    ly = np.log(y)
    slope = float(((x - x.mean()) * (ly - ly.mean())).sum() / sxx)
    resid = ly - (ly.mean() + slope * (x - x.mean()))
    n = len(y)
    se = math.sqrt(float((resid**2).sum()) / (n - 2) / sxx)
    tq = student_t_quantile(0.5 + confidence / 2.0, n - 2)
    return DeclineFit(
        slope_log_per_year=slope,
        slope_se=se,
        n=n,
        confidence=confidence,
        annual_factor=math.exp(slope),
        annual_factor_low=math.exp(slope - tq * se),
        annual_factor_high=math.exp(slope + tq * se),
    )


FIT_COLUMNS = (
    "benchmark",
    "threshold",
    "n_months",
    "first_month",
    "last_month",
    "first_price_usd_per_mtok",
    "last_price_usd_per_mtok",
    "annual_factor",
    "annual_factor_low",
    "annual_factor_high",
    "decline_pct_per_year",
    "decline_pct_low",
    "decline_pct_high",
    "fold_decline_per_year",
    "confidence",
)


def fit_decline_by_threshold(
    api_prices: pd.DataFrame,
    model_quality: pd.DataFrame,
    benchmark: str,
    thresholds: Sequence[float],
    models: pd.DataFrame | None = None,
    *,
    confidence: float = 0.95,
    **series_kwargs,
) -> pd.DataFrame:
    """Annual decline of the cheapest qualifying price, one row per threshold.

    Builds :func:`cheapest_price_by_month` (``series_kwargs`` are passed on:
    ``input_weight``, ``output_weight``, ``start``, ``end``, ``open_weights``)
    and fits :func:`fit_annual_decline` to each threshold's monthly series.

    Returns
    -------
    DataFrame
        Columns :data:`FIT_COLUMNS`. A threshold with fewer than 3 months (or
        none) is kept with ``n_months`` and NaN fit columns, not dropped.
        Percentages are in percent; prices in USD per million tokens.
    """
    series = cheapest_price_by_month(
        api_prices, model_quality, benchmark, thresholds, models, **series_kwargs
    )
    rows = []
    for threshold in _threshold_list(thresholds):
        s = series[series["threshold"] == threshold].sort_values("month")
        row: dict[str, object] = {c: np.nan for c in FIT_COLUMNS}
        row.update(benchmark=benchmark, threshold=threshold, n_months=len(s), confidence=confidence)
        if len(s):
            row.update(
                first_month=s["month"].iloc[0],
                last_month=s["month"].iloc[-1],
                first_price_usd_per_mtok=float(s["blended_usd_per_mtok"].iloc[0]),
                last_price_usd_per_mtok=float(s["blended_usd_per_mtok"].iloc[-1]),
            )
        if len(s) >= 3 and (s["blended_usd_per_mtok"] > 0).all():
            fit = fit_annual_decline(s["month"], s["blended_usd_per_mtok"], confidence)
            d = fit.as_dict()
            row.update({k: d[k] for k in FIT_COLUMNS if k in d})
        rows.append(row)
    out = pd.DataFrame(rows, columns=list(FIT_COLUMNS))
    out["n_months"] = out["n_months"].astype(int)
    return out


# --------------------------------------------------------------------------
# projection of an app's margin
# --------------------------------------------------------------------------


def _fit_factors(fit: DeclineFit | Mapping[str, float] | pd.Series) -> tuple[float, float, float]:
    if isinstance(fit, DeclineFit):
        f = (fit.annual_factor, fit.annual_factor_low, fit.annual_factor_high)
    else:
        f = tuple(
            float(fit[k]) for k in ("annual_factor", "annual_factor_low", "annual_factor_high")
        )
    if any(not math.isfinite(v) or v <= 0 for v in f):
        raise ValueError("annual factors must be finite and > 0")
    if not f[1] <= f[0] <= f[2]:
        raise ValueError("need annual_factor_low <= annual_factor <= annual_factor_high")
    return f  # type: ignore[return-value]


def project_margin(
    app: TypicalApp,
    fit: DeclineFit | Mapping[str, float] | pd.Series,
    years: Iterable[int] = range(2023, 2028),
    base_year: int = 2023,
    usage_growth_per_year: float = 1.0,
) -> pd.DataFrame:
    """Gross margin of ``app`` by year if token prices follow the fitted decline.

    The app's price per user and its other cost share stay fixed; its
    inference share in year ``y`` is ``app.inference_share * (factor *
    usage_growth_per_year) ** (y - base_year)``, i.e. every list-price cut is
    passed on to the app and tokens per user grow by ``usage_growth_per_year``
    (1.0 = flat usage; 2.0 = twice the tokens each year).

    Parameters
    ----------
    app
        Cost shares in ``base_year`` (e.g.
        :data:`analysis.apps.unit_economics.ESSAY_TYPICAL_APP`).
    fit
        A :class:`DeclineFit` or a row of :func:`fit_decline_by_threshold`
        (``annual_factor``, ``annual_factor_low``, ``annual_factor_high``).
    years
        Calendar years to report.
    base_year
        Year in which ``app``'s shares hold (the essay: 2023).
    usage_growth_per_year
        Multiplier on tokens per user per year (> 0).

    Returns
    -------
    DataFrame
        ``year, inference_share_central, inference_share_slow_decline,
        inference_share_fast_decline, margin_central, margin_low,
        margin_high`` (fractions of revenue). ``margin_low`` goes with the
        slowest decline in the interval (``annual_factor_high``),
        ``margin_high`` with the fastest (``annual_factor_low``).
    """
    if usage_growth_per_year <= 0:
        raise ValueError("usage_growth_per_year must be > 0")
    central, fast, slow = _fit_factors(fit)
    yrs = np.asarray(list(years), dtype=int)
    if yrs.size == 0:
        raise ValueError("years is empty")
    dt = (yrs - base_year).astype(float)
    out = pd.DataFrame({"year": yrs})
    scenarios = (
        ("central", "central", central),
        ("slow_decline", "low", slow),
        ("fast_decline", "high", fast),
    )
    for share_label, _, factor in scenarios:
        share = app.inference_share * (factor * usage_growth_per_year) ** dt
        out[f"inference_share_{share_label}"] = share
    for share_label, margin_label, _ in scenarios:
        out[f"margin_{margin_label}"] = (
            1.0 - app.other_cost_share - out[f"inference_share_{share_label}"]
        )
    return out


def fitted_trend(series: pd.DataFrame) -> pd.DataFrame:
    """The fitted log-linear price of each threshold, at each month of its series.

    ``series`` is :func:`cheapest_price_by_month`'s output. For every
    threshold with at least 3 months, the least-squares line of
    ``ln(blended_usd_per_mtok)`` on years (the same fit as
    :func:`fit_annual_decline`) evaluated at its months.

    Returns
    -------
    DataFrame
        ``benchmark, threshold, month, fitted_usd_per_mtok`` (USD per million
        tokens).
    """
    cols = ["benchmark", "threshold", "month", "fitted_usd_per_mtok"]
    parts = []
    for threshold, s in series.groupby("threshold", sort=True):
        s = s.sort_values("month")
        y = s["blended_usd_per_mtok"].to_numpy(dtype=float)
        if len(s) < 3 or (y <= 0).any():
            continue
        t = pd.to_datetime(s["month"])
        x = ((t - t.min()).dt.days / DAYS_PER_YEAR).to_numpy(dtype=float)
        ly = np.log(y)
        sxx = float(((x - x.mean()) ** 2).sum())
        if sxx == 0.0:
            continue
        slope = float(((x - x.mean()) * (ly - ly.mean())).sum() / sxx)
        fitted = np.exp(ly.mean() + slope * (x - x.mean()))
        parts.append(
            pd.DataFrame(
                {
                    "benchmark": s["benchmark"].to_numpy(),
                    "threshold": threshold,
                    "month": t.to_numpy(),
                    "fitted_usd_per_mtok": fitted,
                }
            )
        )
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    return pd.concat(parts, ignore_index=True)[cols]


def offsetting_usage_growth(annual_factor: float) -> float:
    """Yearly growth in tokens per user that cancels a price decline (multiplier).

    ``1 / annual_factor``: if token prices fall to ``annual_factor`` of their
    level each year (0.1 = 10x cheaper), an app whose users consume
    ``1 / annual_factor`` times more tokens each year keeps the same inference
    share of revenue, hence the same margin (see :func:`project_margin`).
    """
    if not math.isfinite(annual_factor) or annual_factor <= 0:
        raise ValueError("annual_factor must be finite and > 0")
    return 1.0 / annual_factor


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


def project_margin_by_threshold(
    app: TypicalApp,
    fits: pd.DataFrame,
    years: Iterable[int] = range(2023, 2028),
    base_year: int = 2023,
    usage_growth_per_year: float = 1.0,
) -> pd.DataFrame:
    """:func:`project_margin` for every fitted row of ``fits``, stacked.

    ``fits`` is :func:`fit_decline_by_threshold` output; thresholds without a
    fit (NaN factors) are skipped. Adds ``threshold`` to the projection's
    columns. Margins and shares are fractions of revenue.
    """
    years = list(years)
    parts = [
        project_margin(app, row, years, base_year, usage_growth_per_year).assign(
            threshold=row["threshold"]
        )
        for _, row in fits.dropna(subset=["annual_factor"]).iterrows()
    ]
    if not parts:
        raise ValueError("no threshold has a fitted decline")
    return pd.concat(parts, ignore_index=True)


def comparison_table(
    fits: pd.DataFrame, published: pd.DataFrame, benchmark_name: str
) -> pd.DataFrame:
    """This book's fits and the published estimates in one table ("times cheaper per year").

    Columns ``label, fold, fold_low, fold_high, source, kind`` with ``kind``
    ``"this book"`` or ``"published"``. A fit's low/high are its interval
    (``1 / annual_factor_high`` .. ``1 / annual_factor_low``); ``published``
    is :func:`published_estimates` output.
    """
    f = fits.dropna(subset=["annual_factor"])
    ours = pd.DataFrame(
        {
            "label": [
                f"This book: {benchmark_name} ≥ {r.threshold:g} "
                f"({r.first_month:%b %Y}–{r.last_month:%b %Y})"
                for r in f.itertuples()
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
            "source": (published["publisher"] + ", " + published["url"]).to_numpy(),
            "kind": "published",
        }
    )
    return pd.concat([ours, pub], ignore_index=True)


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
