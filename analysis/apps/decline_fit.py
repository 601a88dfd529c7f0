"""How fast does the cheapest price of a capability fall per year? The fit.

The annual decline is a log-linear least-squares fit of ``log(price)`` on time
in years (365.25 days) over the monthly series of
:func:`analysis.apps.price_decline.cheapest_price_by_month`. ``annual_factor``
is the price multiplier per year (0.1 = the price falls 10x a year),
``decline_pct_per_year`` is ``100 * (1 - annual_factor)``. The confidence
interval comes from the OLS standard error of the slope and a Student-t
quantile (computed here, no SciPy). Caveat: the monthly series is a step
function, so consecutive months are not independent observations and the OLS
interval is narrower than the true uncertainty; read it as a lower bound on the
spread.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from analysis.apps.price_decline import DAYS_PER_YEAR, cheapest_price_by_month, threshold_list


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
    for threshold in threshold_list(thresholds):
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
