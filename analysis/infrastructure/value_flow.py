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

Everything is vectorised NumPy. The Monte Carlo over the ranges and the
one-at-a-time sensitivity are in :mod:`analysis.infrastructure.flow_uncertainty`:
it draws each parameter independently from a uniform or triangular
distribution over its ``(low, high)`` range with a seeded
:class:`numpy.random.Generator`.
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

PARAM_LABELS: dict[str, str] = {
    "app_inference_share": "Apps' inference share of revenue",
    "via_model_share": "Share of inference bought via model providers",
    "model_cloud_share": "Model providers' cloud share of revenue",
    "cloud_hardware_share": "Clouds' hardware share of receipts",
}
"""Each parameter as a reader reads it (slider names, tornado rows, the chapter's prose)."""

TAKES: tuple[str, ...] = ("apps", "models", "clouds", "hardware")
"""The four layers an end-user dollar ends in (fractions that sum to 1)."""

METRICS: tuple[str, ...] = (*TAKES, "to_clouds")
"""Everything a split reports: the four takes plus ``to_clouds``.

``to_clouds`` (cloud receipts = clouds + hardware = the infrastructure layer)
is what the essay means by "goes to cloud providers".
"""

DISTRIBUTIONS: tuple[str, ...] = ("uniform", "triangular")
ORIGINS: tuple[str, ...] = ("essay", "ours")


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


def _shares(x: ArrayLike, name: str) -> np.ndarray:
    a = np.asarray(x, dtype=float)
    if np.isnan(a).any():
        raise ValueError(f"{name} contains NaN")
    if a.size and (a.min() < 0.0 or a.max() > 1.0):
        raise ValueError(f"{name} is a share and must be in [0, 1]")
    return a


def _out(a: np.ndarray) -> FloatOrArray:
    return float(a) if np.ndim(a) == 0 else a


def split_unchecked(
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
    return {k: _out(v) for k, v in split_unchecked(s, m, c, h).items()}


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
