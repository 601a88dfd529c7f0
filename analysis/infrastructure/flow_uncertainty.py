"""How uncertain is the split of a dollar? Monte Carlo over the ranges, and sensitivity.

:func:`simulate` draws every parameter of :mod:`analysis.infrastructure.value_flow`
over its range (independently; no correlation between steps is assumed) and
splits each draw in one vectorised NumPy pass; :func:`summarise` reports the 5th,
50th and 95th percentiles. :func:`tornado` sets one parameter at a time to its
low and high value, the others at central. All values are fractions of an
end-user dollar.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.infrastructure.value_flow import (
    METRICS,
    PARAMETERS,
    FlowAssumptions,
    ParamRange,
    split_dollar,
    split_unchecked,
)

DEFAULT_SEED = 20230119
"""Default Monte Carlo seed (the essay's publication date, 19 January 2023)."""


DEFAULT_DRAWS = 1_000_000


@dataclass(frozen=True)
class MonteCarloResult:
    """Output of :func:`simulate` (all values fractions of an end-user dollar).

    ``draws``: parameter name -> array of draws. ``takes``: each of
    :data:`METRICS` -> array, one value per draw (``apps + models + clouds +
    hardware == 1`` per draw). ``summary``: one row per metric, columns
    ``mean``, ``p5``, ``p50``, ``p95``.
    """

    draws: dict[str, np.ndarray]
    takes: dict[str, np.ndarray]
    summary: pd.DataFrame
    n_draws: int
    seed: int


def _check_draws(n_draws: int) -> None:
    if isinstance(n_draws, bool) or not isinstance(n_draws, int | np.integer) or n_draws < 1:
        raise ValueError(f"n_draws must be a positive integer, got {n_draws!r}")


def _draw(rng: np.random.Generator, r: ParamRange, n: int) -> np.ndarray:
    if r.low == r.high:
        return np.full(n, r.low)
    if r.distribution == "uniform":
        return rng.uniform(r.low, r.high, n)
    return rng.triangular(r.low, r.central, r.high, n)


def draw_parameters(
    assumptions: FlowAssumptions | None = None,
    n_draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
) -> dict[str, np.ndarray]:
    """Independent draws of every parameter (fractions), in :data:`PARAMETERS` order.

    One ``numpy.random.default_rng(seed)`` generator; each parameter is drawn
    in one vectorised call from its distribution (uniform on ``[low, high]`` or
    triangular with mode ``central``); a parameter with ``low == high`` is
    constant. The same ``seed`` gives the same draws.
    """
    _check_draws(n_draws)
    a = assumptions or FlowAssumptions()
    rng = np.random.default_rng(seed)
    return {name: _draw(rng, r, int(n_draws)) for name, r in a.ranges().items()}


PERCENTILES: tuple[float, ...] = (5.0, 50.0, 95.0)
"""Percentiles reported by :func:`summarise`."""


def _percentiles(x: np.ndarray, qs: tuple[float, ...]) -> list[float]:
    """Percentiles by linear interpolation (NumPy's default method) on a sorted copy.

    ``np.sort`` (SIMD sort in NumPy 2) is faster here than ``np.percentile``'s
    selection; the values agree with ``np.percentile`` to rounding.
    """
    xs = np.sort(x)
    out = []
    for q in qs:
        pos = q / 100.0 * (xs.size - 1)
        lo = int(np.floor(pos))
        hi = min(lo + 1, xs.size - 1)
        frac = pos - lo
        out.append(float(xs[lo] + (xs[hi] - xs[lo]) * frac))
    return out


def summarise(takes: dict[str, np.ndarray]) -> pd.DataFrame:
    """Mean, 5th, 50th and 95th percentile of each metric (fractions of a dollar).

    Percentiles interpolate linearly between order statistics (NumPy's default
    method). Index: the keys of ``takes`` in :data:`METRICS` order.
    """
    names = [k for k in METRICS if k in takes]
    if not names:
        raise ValueError(f"takes has none of the metrics {METRICS}")
    rows = {}
    for name in names:
        x = np.asarray(takes[name], dtype=float).ravel()
        if x.size == 0:
            raise ValueError(f"takes[{name!r}] is empty")
        p5, p50, p95 = _percentiles(x, PERCENTILES)
        rows[name] = {"mean": float(x.mean()), "p5": p5, "p50": p50, "p95": p95}
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame.index.name = "metric"
    return frame


def simulate(
    assumptions: FlowAssumptions | None = None,
    n_draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
) -> MonteCarloResult:
    """Monte Carlo of the split of an end-user dollar over the parameter ranges.

    Draws every parameter with :func:`draw_parameters` (independently; no
    correlation between steps is assumed), splits each draw with the formulas
    of :func:`split_dollar` in one vectorised pass, and summarises with
    :func:`summarise`. No Python loop runs over draws.
    """
    draws = draw_parameters(assumptions, n_draws, seed)
    takes = split_unchecked(*(draws[p] for p in PARAMETERS))
    return MonteCarloResult(draws, takes, summarise(takes), int(n_draws), seed)


def split_draws_plain(draws: np.ndarray) -> np.ndarray:
    """The benchmark floor: the split of the same draws in one plain NumPy pass.

    ``draws`` is a ``(4, n)`` array of ``s, m, c, h`` rows (as
    ``np.stack([draws[p] for p in PARAMETERS])``). Returns a ``(5, n)`` array
    with rows in :data:`METRICS` order, written into one preallocated array,
    with no validation, no dicts and no summary. Values equal
    :func:`simulate`'s ``takes``.
    """
    s, m, c, h = draws
    out = np.empty((5, s.shape[0]))
    apps, models, clouds, hardware, to_clouds = out
    np.subtract(1.0, s, out=apps)
    np.multiply(m, c, out=to_clouds)  # m * c
    np.subtract(1.0, m, out=clouds)  # 1 - m   (scratch)
    np.add(clouds, to_clouds, out=to_clouds)  # 1 - m + m * c
    np.multiply(s, to_clouds, out=to_clouds)
    np.multiply(s, m, out=models)
    np.subtract(1.0, c, out=hardware)  # 1 - c  (scratch)
    np.multiply(models, hardware, out=models)
    np.multiply(to_clouds, h, out=hardware)
    np.subtract(to_clouds, hardware, out=clouds)
    return out


def tornado(assumptions: FlowAssumptions | None = None, metric: str = "to_clouds") -> pd.DataFrame:
    """One-at-a-time sensitivity of one metric (default: cloud receipts).

    Each parameter in turn is set to its ``low`` and then its ``high`` value
    with the others at ``central``. Columns: ``parameter``, ``origin``
    (essay | ours), ``low``, ``high`` (the parameter's values),
    ``metric_at_low``, ``metric_at_high``, ``metric_at_central`` (fractions of
    an end-user dollar), ``swing`` = ``|metric_at_high - metric_at_low|``.
    Sorted by swing, largest first (ties by parameter order).
    """
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {METRICS}, got {metric!r}")
    a = assumptions or FlowAssumptions()
    central = a.at("central")
    base = split_dollar(**central)[metric]
    rows = []
    for name, r in a.ranges().items():
        lo = split_dollar(**{**central, name: r.low})[metric]
        hi = split_dollar(**{**central, name: r.high})[metric]
        rows.append(
            {
                "parameter": name,
                "origin": r.origin,
                "low": r.low,
                "high": r.high,
                "metric_at_low": lo,
                "metric_at_high": hi,
                "metric_at_central": base,
                "swing": abs(hi - lo),
            }
        )
    frame = pd.DataFrame(rows)
    frame["_order"] = range(len(frame))
    frame = frame.sort_values(["swing", "_order"], ascending=[False, True], kind="stable")
    return frame.drop(columns="_order").reset_index(drop=True)
