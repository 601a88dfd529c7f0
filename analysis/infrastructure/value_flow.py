"""Where an end-user dollar goes: apps -> model providers -> clouds -> hardware.

The a16z essay ("Who Owns the Generative AI Platform?", January 2023) puts
"some very rough numbers" on the flow of money through the stack:

    app companies spend around 20-40% of revenue on inference and per-customer
    fine-tuning. This is typically paid either directly to cloud providers for
    compute instances or to third-party model providers -- who, in turn, spend
    about half their revenue on cloud infrastructure. So, it's reasonable to
    guess that 10-20% of total revenue in generative AI today goes to cloud
    providers.

This module turns that paragraph into a chain with one parameter per step.
Follow one dollar that an end user pays an app company:

* ``s`` = ``app_inference_share``: the app spends ``s`` on inference and
  fine-tuning and keeps ``1 - s`` (for its staff, sales, other costs and
  profit -- "keeps" means "does not pass down this chain", not profit);
* ``m`` = ``via_model_share``: of the inference spend, ``m`` goes to model
  providers' APIs and ``1 - m`` directly to clouds;
* ``c`` = ``model_cloud_share``: model providers pass ``c`` of their revenue
  to clouds and keep ``1 - c``;
* ``h`` = ``cloud_hardware_share``: clouds pass ``h`` of what they receive to
  hardware vendors (GPUs, servers, networking) and keep ``1 - h``; the chain
  stops at hardware (what Nvidia pays TSMC is not modelled).

So, per end-user dollar (all values are fractions of that dollar)::

    apps      = 1 - s
    models    = s * m * (1 - c)
    to_clouds = s * (1 - m + m * c)            "cloud receipts", the essay's figure
    clouds    = to_clouds * (1 - h)
    hardware  = to_clouds * h

and ``apps + models + clouds + hardware = 1``. The infrastructure layer of the
book (clouds + hardware) receives exactly ``to_clouds``.

**Which assumption reproduces the essay's 10-20 %.** With ``c = 0.5``,
``to_clouds = s * (1 - m / 2)``. For ``s`` from 0.20 to 0.40 that is 0.10-0.20
only when ``m = 1``: *all* inference spend passes through model providers.
If instead all of it went directly to clouds (``m = 0``) the clouds would get
the whole 20-40 %. :func:`implied_via_model_share` solves for ``m``.

The essay's last number, that startups spend "up to 80-90%" of early capital
with cloud providers, is about invested capital, not end-user revenue; it is
kept apart in :data:`CAPITAL_CLOUD_SHARE` and :func:`split_capital_dollar`.

Everything is vectorised NumPy. The Monte Carlo (:func:`simulate`) draws each
parameter independently from a uniform or triangular distribution over its
``(low, high)`` range with a seeded :class:`numpy.random.Generator`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

ArrayLike = float | npt.ArrayLike
FloatOrArray = float | np.ndarray

PARAMETERS: tuple[str, ...] = (
    "app_inference_share",
    "via_model_share",
    "model_cloud_share",
    "cloud_hardware_share",
)
"""Parameter names, in the order in which they are drawn and reported."""

TAKES: tuple[str, ...] = ("apps", "models", "clouds", "hardware")
"""The four layers an end-user dollar ends in (fractions that sum to 1)."""

METRICS: tuple[str, ...] = (*TAKES, "to_clouds")
"""Everything a split reports: the four takes plus ``to_clouds``.

``to_clouds`` (cloud receipts = clouds + hardware = the infrastructure layer)
is what the essay means by "goes to cloud providers".
"""

DISTRIBUTIONS: tuple[str, ...] = ("uniform", "triangular")
ORIGINS: tuple[str, ...] = ("essay", "ours")

DEFAULT_SEED = 20230119
"""Default Monte Carlo seed (the essay's publication date, 19 January 2023)."""

DEFAULT_DRAWS = 1_000_000


@dataclass(frozen=True)
class ParamRange:
    """A parameter's range: ``low <= central <= high``, all fractions in [0, 1].

    ``distribution`` is how :func:`simulate` draws it: ``"uniform"`` over
    ``[low, high]`` (``central`` is then used only by point estimates and the
    sensitivity analysis) or ``"triangular"`` with its mode at ``central``.
    ``origin`` says whose number it is: ``"essay"`` (the essay states it) or
    ``"ours"`` (our assumption; the essay gives no number). ``note`` says where
    the range comes from.
    """

    low: float
    central: float
    high: float
    distribution: str = "uniform"
    origin: str = "essay"
    note: str = ""

    def __post_init__(self) -> None:
        for name in ("low", "central", "high"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or not np.isfinite(value):
                raise ValueError(f"ParamRange.{name} must be a finite number, got {value!r}")
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"ParamRange.{name} is a share and must be in [0, 1], got {value}")
        if not self.low <= self.central <= self.high:
            raise ValueError(
                f"ParamRange needs low <= central <= high, got "
                f"({self.low}, {self.central}, {self.high})"
            )
        if self.distribution not in DISTRIBUTIONS:
            raise ValueError(
                f"ParamRange.distribution must be one of {DISTRIBUTIONS}, got {self.distribution!r}"
            )
        if self.origin not in ORIGINS:
            raise ValueError(f"ParamRange.origin must be one of {ORIGINS}, got {self.origin!r}")


@dataclass(frozen=True)
class FlowAssumptions:
    """The four steps of the chain, each a :class:`ParamRange` (fractions)."""

    app_inference_share: ParamRange = field(
        default=ParamRange(
            0.20,
            0.30,
            0.40,
            "uniform",
            "essay",
            "Essay: app companies spend 'around 20-40% of revenue on inference and "
            "per-customer fine-tuning'. No central value is given, so we draw "
            "uniformly over 20-40 % and use the midpoint, 30 %, as central.",
        )
    )
    """Share of an app's revenue spent on inference and fine-tuning (essay: 20-40 %)."""

    via_model_share: ParamRange = field(
        default=ParamRange(
            0.30,
            0.70,
            1.00,
            "triangular",
            "ours",
            "Our assumption, not the essay's: the essay says inference spend is paid "
            "'either directly to cloud providers ... or to third-party model providers' "
            "but gives no split. We assume most goes through model APIs (most apps "
            "the essay names called third-party models; end-to-end apps rent GPUs "
            "directly): triangular 30-100 %, mode 70 %. The essay's own 10-20 % needs "
            "100 % (see implied_via_model_share).",
        )
    )
    """Share of app inference spend paid to model providers rather than clouds (ours)."""

    model_cloud_share: ParamRange = field(
        default=ParamRange(
            0.40,
            0.50,
            0.60,
            "triangular",
            "essay",
            "Essay: model providers 'spend about half their revenue on cloud "
            "infrastructure' (central 50 %). The +/-10 point range around 'about "
            "half' is our assumption.",
        )
    )
    """Share of model providers' revenue paid to clouds (essay: about half)."""

    cloud_hardware_share: ParamRange = field(
        default=ParamRange(
            0.30,
            0.45,
            0.60,
            "triangular",
            "ours",
            "Our assumption, not the essay's (it gives no number): the share of a "
            "cloud's AI revenue that pays for hardware (GPUs, servers, networking, "
            "as amortised capex). Illustrative, unsourced arithmetic: an 8-GPU server "
            "costing a few hundred thousand dollars, rented at a few dollars per "
            "GPU-hour, earns back its price in roughly two to three years of a four- "
            "to six-year life, i.e. hardware is roughly 30-60 % of rental revenue.",
        )
    )
    """Share of cloud receipts paid on to hardware vendors (ours)."""

    def ranges(self) -> dict[str, ParamRange]:
        """The parameters by name, in :data:`PARAMETERS` order."""
        return {name: getattr(self, name) for name in PARAMETERS}

    def at(self, which: Literal["low", "central", "high"] = "central") -> dict[str, float]:
        """Every parameter at its ``low``, ``central`` or ``high`` value."""
        if which not in ("low", "central", "high"):
            raise ValueError(f"which must be 'low', 'central' or 'high', got {which!r}")
        return {name: getattr(r, which) for name, r in self.ranges().items()}


ESSAY_CLOUD_SHARE: tuple[float, float] = (0.10, 0.20)
"""The essay's guess of the share of total generative-AI revenue that goes to clouds."""

CAPITAL_CLOUD_SHARE = ParamRange(
    0.80,
    0.85,
    0.90,
    "uniform",
    "essay",
    "Essay: of the venture capital raised by startups training their own models, "
    "'the majority of which (up to 80-90% in early rounds) is typically also spent "
    "with the cloud providers'. Midpoint 85 % as central.",
)
"""Share of a model-training startup's early capital spent with clouds (essay: up to 80-90 %)."""


# ---------------------------------------------------------------- validation


def _shares(x: ArrayLike, name: str) -> np.ndarray:
    a = np.asarray(x, dtype=float)
    if np.isnan(a).any():
        raise ValueError(f"{name} contains NaN")
    if a.size and (a.min() < 0.0 or a.max() > 1.0):
        raise ValueError(f"{name} is a share and must be in [0, 1]")
    return a


def _out(a: np.ndarray) -> FloatOrArray:
    return float(a) if np.ndim(a) == 0 else a


# ---------------------------------------------------------------- point split


def _split_unchecked(
    s: np.ndarray, m: np.ndarray, c: np.ndarray, h: np.ndarray
) -> dict[str, np.ndarray]:
    to_clouds = s * (1.0 - m + m * c)
    models = s * m * (1.0 - c)
    hardware = to_clouds * h
    return {
        "apps": 1.0 - s,
        "models": models,
        "clouds": to_clouds - hardware,
        "hardware": hardware,
        "to_clouds": to_clouds,
    }


def split_dollar(
    app_inference_share: ArrayLike,
    via_model_share: ArrayLike,
    model_cloud_share: ArrayLike,
    cloud_hardware_share: ArrayLike,
) -> dict[str, FloatOrArray]:
    """Split one end-user dollar by layer (fractions of the dollar).

    All four arguments are shares in [0, 1] (floats or arrays, broadcast
    together); see the module docstring for the chain. Returns a dict with
    ``apps``, ``models``, ``clouds``, ``hardware`` (summing to 1) and
    ``to_clouds`` (= clouds + hardware, the essay's "goes to cloud providers").
    Floats in, floats out.
    """
    s = _shares(app_inference_share, "app_inference_share")
    m = _shares(via_model_share, "via_model_share")
    c = _shares(model_cloud_share, "model_cloud_share")
    h = _shares(cloud_hardware_share, "cloud_hardware_share")
    s, m, c, h = np.broadcast_arrays(s, m, c, h)
    return {k: _out(v) for k, v in _split_unchecked(s, m, c, h).items()}


def split_at(
    assumptions: FlowAssumptions | None = None,
    which: Literal["low", "central", "high"] = "central",
) -> dict[str, float]:
    """:func:`split_dollar` with every parameter at its ``low``/``central``/``high`` value."""
    a = assumptions or FlowAssumptions()
    return split_dollar(**a.at(which))  # type: ignore[return-value]


def split_table(assumptions: FlowAssumptions | None = None) -> pd.DataFrame:
    """The split at all-low, all-central and all-high parameters.

    Index: :data:`METRICS`; columns ``low``, ``central``, ``high`` (fractions of an
    end-user dollar). "All low" is not a pessimistic or optimistic case for any
    one layer; it is only a reference.
    """
    a = assumptions or FlowAssumptions()
    return pd.DataFrame({which: split_at(a, which) for which in ("low", "central", "high")}).loc[
        list(METRICS)
    ]


def implied_via_model_share(
    target_cloud_share: ArrayLike,
    app_inference_share: ArrayLike,
    model_cloud_share: ArrayLike,
) -> FloatOrArray:
    """The ``via_model_share`` that makes ``to_clouds`` equal a target (fraction).

    Solves ``target = s * (1 - m * (1 - c))`` for ``m``:
    ``m = (1 - target / s) / (1 - c)``. The result may fall outside [0, 1]: then
    no split of inference spend between model APIs and clouds reaches the
    target. ``app_inference_share`` must be > 0 and ``model_cloud_share`` < 1.
    """
    t = _shares(target_cloud_share, "target_cloud_share")
    s = _shares(app_inference_share, "app_inference_share")
    c = _shares(model_cloud_share, "model_cloud_share")
    if (s <= 0).any():
        raise ValueError("app_inference_share must be > 0 to solve for via_model_share")
    if (c >= 1).any():
        raise ValueError("model_cloud_share must be < 1 to solve for via_model_share")
    return _out((1.0 - t / s) / (1.0 - c))


def split_capital_dollar(
    capital_cloud_share: ArrayLike = CAPITAL_CLOUD_SHARE.central,
    cloud_hardware_share: ArrayLike = FlowAssumptions().cloud_hardware_share.central,
) -> dict[str, FloatOrArray]:
    """Split one dollar of a model-training startup's early capital (fractions).

    ``startup_other`` = 1 - k (staff, data, everything else), ``clouds`` =
    k * (1 - h), ``hardware`` = k * h, with ``k = capital_cloud_share`` (essay:
    up to 80-90 %) and ``h = cloud_hardware_share`` (ours). Sums to 1.
    """
    k = _shares(capital_cloud_share, "capital_cloud_share")
    h = _shares(cloud_hardware_share, "cloud_hardware_share")
    k, h = np.broadcast_arrays(k, h)
    return {
        "startup_other": _out(1.0 - k),
        "clouds": _out(k - k * h),
        "hardware": _out(k * h),
    }


# ---------------------------------------------------------------- Monte Carlo


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
    takes = _split_unchecked(*(draws[p] for p in PARAMETERS))
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


# ---------------------------------------------------------------- sensitivity


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


def assumptions_table(assumptions: FlowAssumptions | None = None) -> pd.DataFrame:
    """One row per parameter: low, central, high (fractions), distribution, origin, note."""
    a = assumptions or FlowAssumptions()
    rows = [{"parameter": name, **dataclasses.asdict(r)} for name, r in a.ranges().items()]
    return pd.DataFrame(rows)


def assumptions_from(ranges: dict[str, tuple[float, float, float]]) -> FlowAssumptions:
    """Default :class:`FlowAssumptions` with some ranges replaced (fractions).

    ``ranges`` maps a parameter name of :data:`PARAMETERS` to ``(low, central,
    high)``; the parameter keeps its distribution, origin and note. Unknown
    names raise ``ValueError``; a range that is not ``low <= central <= high``
    in [0, 1] raises it too (via :class:`ParamRange`).
    """
    unknown = sorted(set(ranges) - set(PARAMETERS))
    if unknown:
        raise ValueError(f"unknown parameter(s) {unknown}; known: {PARAMETERS}")
    base = FlowAssumptions()
    changes = {}
    for name, (low, central, high) in ranges.items():
        changes[name] = dataclasses.replace(
            getattr(base, name), low=float(low), central=float(central), high=float(high)
        )
    return dataclasses.replace(base, **changes)
