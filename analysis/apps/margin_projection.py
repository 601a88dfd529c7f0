"""What does a falling price do to an app's margin? Projections from a fitted decline.

Takes the essay's typical app (:class:`analysis.apps.unit_economics.TypicalApp`)
and a fitted annual price factor (:mod:`analysis.apps.decline_fit`) and
projects the app's inference share and gross margin year by year, with the
fit's interval and an optional growth in usage per user.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from analysis.apps.decline_fit import DeclineFit
from analysis.apps.unit_economics import (
    TypicalApp,
)


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
