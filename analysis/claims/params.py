"""Every page's parameters, checked: a bad value is an error naming it and its allowed range.

:func:`validate` checks a parameters cell's values (a chapter's ``globals()``
or :func:`analysis.data.chapter_params.chapter_params`) against
:data:`RULES`: shares, tolerances and thresholds in their ranges, counts
positive, (low, central, high) triples ordered, choices among their options,
dates as dates. Chapters call it in one line after their parameters cell; the
scorecard calls it on every page it reads. :data:`NOT_RANGED` names the few
parameters with nothing to check (labels, company names), and why; a test
checks that every other name in every parameters cell is checked here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from analysis.data.schemas import BENCHMARKS
from analysis.infrastructure.capex_gap import GAP_LIVES
from analysis.infrastructure.layer_revenues import RUN_RATE_RULES
from analysis.infrastructure.periods import ASSIGN_RULES
from analysis.models.concentration import SOME_AS_CHOICES

SHARE = ("share", 0.0, 1.0)
TOLERANCE = ("tolerance", 0.0, 1.0)
POSITIVE = ("positive", 0.0, float("inf"))
COUNT = ("count", 1, 10_000_000)
MONTHS = ("months", 0.0, 600.0)
MULTIPLE = ("multiple", 1.0, 1000.0)
YEAR = ("year", 1990, 2100)

RULES: dict[str, tuple[str, float, float]] = {
    # the rule set (book/verdict.md)
    "ABOUT_TOLERANCE": ("tolerance", 0.0, 0.5),
    "RAPID_GROWTH_MULTIPLE": ("multiple", 1.0, 100.0),
    "SENSITIVITY_BAND": ("tolerance", 0.0, 0.9),
    # apps
    "PRICE_PER_USER_USD_MONTH": POSITIVE,
    "INFERENCE_SHARE_2023": SHARE,
    "OTHER_COST_SHARE": SHARE,
    "TARGET_MARGIN": ("share", -1.0, 1.0),
    "CONFIDENCE": ("share", 0.5, 0.999),
    "BASE_YEAR": YEAR,
    "USAGE_GROWTH_PER_YEAR": POSITIVE,
    "HEADLINE_THRESHOLD": ("points", 0.0, 100.0),
    "REVENUE_THRESHOLD_USD_M": POSITIVE,
    "CLIMB_FROM_USD_M": POSITIVE,
    "FAST_CLIMB_MONTHS": MONTHS,
    "SEVERAL": COUNT,
    # models
    "ROUND_WINDOW_DAYS": ("days", 0, 3660),
    "TOP_K": COUNT,
    "VAST_MAJORITY": SHARE,
    "HHI_HIGH": SHARE,
    "LARGE_ROUND_USD_M": POSITIVE,
    "VALUATION_WINDOW_DAYS": ("days", 0, 3660),
    "LARGE_SCALE_USD_M": POSITIVE,
    "MASSIVE_USD_M": POSITIVE,
    "SIGNIFICANT_SHARE": SHARE,
    "SOON_MONTHS": MONTHS,
    "HORIZON_MONTHS": MONTHS,
    "EARLY_MONTHS": MONTHS,
    "LASTING_MONTHS": MONTHS,
    "LAG_TOLERANCE": ("points", 0.0, 100.0),
    "PRICE_TOLERANCE": ("points", 0.0, 100.0),
    "INPUT_WEIGHT": POSITIVE,
    "OUTPUT_WEIGHT": POSITIVE,
    "VICUNA_QUESTIONS": COUNT,
    "LAG_CONFIDENCE": ("share", 0.5, 0.999),
    "LAG_BOOTSTRAP": ("count", 10, 1_000_000),
    "LAG_SEED": ("seed", 0, 2**32 - 1),
    # infrastructure
    "N_DRAWS": ("count", 100, 100_000_000),
    "SEED": ("seed", 0, 2**32 - 1),
    "INTERVAL": ("share", 0.5, 0.999),
    "CAPEX_THRESHOLD_USD_BN": POSITIVE,
    "NVIDIA_CLAIM_USD_M": POSITIVE,
    "MAJORITY_THRESHOLD": SHARE,
    "START_YEAR": YEAR,
    "CAPEX_FIRST_YEAR": YEAR,
    "CAPEX_CLAIM_YEAR": YEAR,
    # profit pools
    "DC_MULTIPLIER": MULTIPLE,
    "MARGIN_MULTIPLIER": MULTIPLE,
    "CURRENT_YEAR": YEAR,
    "MAX_AGE_DAYS": ("days", 1, 3660),
}
"""Parameter name -> (what it is, lowest allowed, highest allowed), both inclusive."""

TRIPLES = ("APP_INFERENCE_SHARE", "VIA_MODEL_SHARE", "MODEL_CLOUD_SHARE", "CLOUD_HARDWARE_SHARE")
"""(low, central, high) shares of the value-flow model."""

PAIRS_OF_SHARES = ("ESSAY_CLOUD_SHARE",)
PAIRS_OF_POSITIVES = ("INPUT_OUTPUT_WEIGHTS",)
PAIRS_OF_YEARS = ("FUNDING_YEARS", "PROJECTION_YEARS")
LEVELS = ("THRESHOLDS", "CURRENT_THRESHOLDS")
"""Benchmark levels (points, 0-100)."""
OPTIONAL_SHARES = ("MODELS_PAYMENT_SHARE", "APPS_PAYMENT_SHARE")
"""A share, or None for the measured one."""
CHOICES: dict[str, tuple[Any, ...]] = {
    "SOME_AS": SOME_AS_CHOICES,
    "RUN_RATE_RULE": RUN_RATE_RULES,
    "NVIDIA_ASSIGN": ASSIGN_RULES,
    "DEPRECIATION_LIFE": GAP_LIVES,
    **{name: tuple(BENCHMARKS) for name in ("BENCHMARK", "CURRENT_BENCHMARK")},
    **{name: tuple(BENCHMARKS) for name in ("PRICE_BENCHMARK", "GAP_BENCHMARK")},
}
"""Parameters that take one of a few values."""
BENCHMARK_LISTS = ("LAG_BENCHMARKS", "JUDGED_MEASURES")
"""Lists of benchmarks (names in the model_quality dataset)."""
SWITCHES = ("ARENA_ONE_SNAPSHOT", "ALLOW_ANNUAL_REVENUE")
"""True or False."""
NOT_RANGED = {
    "BENCHMARK_NAME": "a label for the prose",
    "CURRENT_BENCHMARK_NAME": "a label for the prose",
    "CATEGORY_COMPANIES": "company names; one not in the data is simply absent",
    "CAPEX_COMPANIES": "company names; one not in the data is simply absent",
    "VICUNA_MODEL": "a model's name as models.csv writes it",
    "VICUNA_REFERENCE": "a model's name as models.csv writes it",
    "VICUNA_JUDGE": "a label for the prose",
}
"""Parameters with no range to check, and why (tests/claims/test_params_coverage.py
checks that every other name in a parameters cell is checked)."""
DATES = ("AS_OF", "ESSAY_DATE", "VICUNA_CLAIM_DATE")
"""ISO dates (YYYY-MM-DD); FIT_END also takes "auto"."""
POINTS_BY_KEY = ("PARITY",)
"""Mappings of benchmark -> tolerance in points (0 or more)."""


class ParameterError(ValueError):
    """A parameter outside its allowed range."""


def _number(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ParameterError(f"{name} = {value!r}: must be a number")
    return float(value)


def check_range(name: str, value: Any, what: str, low: float, high: float) -> None:
    """Raise :class:`ParameterError` unless ``low <= value <= high``."""
    x = _number(name, value)
    if what in ("count", "days", "year", "seed") and x != int(x):
        raise ParameterError(f"{name} = {value!r}: must be a whole number in [{low:g}, {high:g}]")
    if not low <= x <= high:
        raise ParameterError(
            f"{name} = {value!r} is out of range: a {what} must lie in [{low:g}, {high:g}]"
        )


def _sequence(name: str, value: Any, n: int) -> list[float]:
    if not isinstance(value, list | tuple) or len(value) != n:
        hint = (
            f"; papermill's -p passes text, so give it with -y, e.g. "
            f'-y "{name}: [{", ".join(["..."] * n)}]"'
            if isinstance(value, str)
            else ""
        )
        raise ParameterError(f"{name} = {value!r}: must be {n} numbers{hint}")
    return [_number(name, v) for v in value]


def _date(name: str, value: Any) -> None:
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        raise ParameterError(f"{name} = {value!r}: must be a date, YYYY-MM-DD") from None


def validate(params: Mapping[str, Any], page: str = "") -> None:
    """Check every known parameter in ``params``; raise naming the first bad one and its range."""
    where = f" (book/{page}.md)" if page else ""
    try:
        for name, value in params.items():
            if name in RULES:
                check_range(name, value, *RULES[name])
            elif name in TRIPLES:
                lo, mid, hi = _sequence(name, value, 3)
                if not 0 <= lo <= mid <= hi <= 1:
                    raise ParameterError(
                        f"{name} = {value!r}: needs 0 <= low <= central <= high <= 1"
                    )
            elif name in PAIRS_OF_SHARES:
                lo, hi = _sequence(name, value, 2)
                if not 0 <= lo <= hi <= 1:
                    raise ParameterError(f"{name} = {value!r}: needs 0 <= low <= high <= 1")
            elif name in PAIRS_OF_POSITIVES:
                if any(v <= 0 for v in _sequence(name, value, 2)):
                    raise ParameterError(f"{name} = {value!r}: both weights must be above 0")
            elif name in PAIRS_OF_YEARS:
                a, b = _sequence(name, value, 2)
                if not 1990 <= a <= b <= 2100:
                    raise ParameterError(f"{name} = {value!r}: needs 1990 <= first <= last <= 2100")
            elif name in LEVELS:
                if not isinstance(value, list | tuple) or not value:
                    raise ParameterError(
                        f"{name} = {value!r}: must be a list of levels in [0, 100]"
                    )
                for v in value:
                    check_range(name, v, "benchmark level", 0.0, 100.0)
            elif name in OPTIONAL_SHARES:
                if value is not None:
                    check_range(name, value, "share (or None: measured)", 0.0, 1.0)
            elif name in CHOICES:
                if isinstance(value, bool) or value not in CHOICES[name]:
                    allowed = ", ".join(repr(c) for c in CHOICES[name])
                    raise ParameterError(f"{name} = {value!r}: must be one of {allowed}")
            elif name in BENCHMARK_LISTS:
                unknown = (
                    [v for v in value if v not in BENCHMARKS]
                    if isinstance(value, list | tuple)
                    else [value]
                )
                if unknown or not value:
                    raise ParameterError(
                        f"{name} = {value!r}: must list benchmarks among "
                        + ", ".join(sorted(BENCHMARKS))
                    )
            elif name in SWITCHES:
                if not isinstance(value, bool):
                    raise ParameterError(f"{name} = {value!r}: must be True or False")
            elif name in DATES or (name == "FIT_END" and value != "auto"):
                _date(name, value)
            elif name in POINTS_BY_KEY:
                if not isinstance(value, Mapping):
                    raise ParameterError(f"{name} = {value!r}: must map benchmark -> points")
                for key, v in value.items():
                    check_range(f"{name}[{key!r}]", v, "tolerance in points", 0.0, 1000.0)
    except ParameterError as err:
        raise ParameterError(f"{err}{where}") from None


def parameters(namespace: Mapping[str, Any]) -> dict[str, Any]:
    """The upper-case names of a namespace (a chapter's ``globals()``)."""
    return {k: v for k, v in namespace.items() if k.isupper() and not k.startswith("_")}


def check(namespace: Mapping[str, Any], page: str = "") -> None:
    """One line for a chapter: ``check(globals(), "models")`` after its parameters cell."""
    validate(parameters(namespace), page)
