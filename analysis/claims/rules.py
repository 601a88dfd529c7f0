"""The one rule set every verdict uses: "about X", bounds, "grew rapidly", sensitivity.

Written once here and printed on the Methods page (:data:`RULES_TEXT`):

* **About X.** A claimed figure or range ``[lo, hi]`` agrees with the data
  when the data lie within ``[lo * (1 - t), hi * (1 + t)]``, ``t`` =
  :data:`ABOUT_TOLERANCE` (a relative tolerance: "about 50%" is 45-55%,
  "about $3.8 billion" is $3.42-4.18 billion). Shares, amounts and
  valuations are judged by this one tolerance.
* **Bounds.** An observation is an interval: a reported figure is a point; a
  tracker's "over 70%" is ``[0.70, inf)``; a share over a denominator that is
  itself a lower bound is "at most". The verdict is **held** when the whole
  interval satisfies the claim, **failed** when none of it does, and
  **still open** (undecided) when the bound cannot decide. A bound never
  passes a claim it cannot decide: "over 70%" neither confirms "about 80%"
  nor "about 70%".
* **More than / at least X.** Strict and inclusive thresholds, with no
  tolerance: "more than 50%" fails at 49%, and is undecided at "49% at most".
* **Grew rapidly.** At least :data:`RAPID_GROWTH_MULTIPLE` times a year
  (doubling), compounded over the span measured.
* **Sensitivity.** Every boundary a verdict is decided at (a threshold, or
  the tolerance of "about") is moved by +/- :data:`SENSITIVITY_BAND` of its
  value (:data:`SCALES`); a verdict that is the same at every point is
  **robust**, otherwise **fragile**. Only robust verdicts count as settled.

Predicates call :func:`judge`, :func:`about`, :func:`more_than`,
:func:`at_least`, :func:`less_than`, :func:`grew_rapidly` and :func:`moved`
for every comparison; :func:`scaled` moves all boundaries at once, which is
how the sensitivity run works without a second copy of any rule.
"""

from __future__ import annotations

import contextvars
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

ABOUT_TOLERANCE = 0.10
""""About X" agrees within +/- this fraction of X (relative)."""

RAPID_GROWTH_MULTIPLE = 2.0
""""Grew rapidly": at least this multiple a year (2.0 = doubling)."""

SENSITIVITY_BAND = 0.25
"""Every decision boundary is moved by +/- this fraction of its value."""

PARAMETERS = ("ABOUT_TOLERANCE", "RAPID_GROWTH_MULTIPLE", "SENSITIVITY_BAND")
"""The verdict page's parameters that set the rule set, in :func:`rules_text`'s order."""

SETTLED = ("held", "failed", "mixed")
"""Verdicts that decide a claim (the rest are still open or not testable)."""

_SCALE: contextvars.ContextVar[float] = contextvars.ContextVar("gai_rule_scale", default=1.0)
_TOLERANCE: contextvars.ContextVar[float] = contextvars.ContextVar(
    "gai_about_tolerance", default=ABOUT_TOLERANCE
)
_RAPID: contextvars.ContextVar[float] = contextvars.ContextVar(
    "gai_rapid_growth", default=RAPID_GROWTH_MULTIPLE
)


def scales(band: float = SENSITIVITY_BAND) -> tuple[float, ...]:
    """The factors a boundary is multiplied by in the sensitivity run."""
    return (1 - band, 1 - band / 2, 1.0, 1 + band / 2, 1 + band)


SCALES = scales()


@contextmanager
def scaled(factor: float) -> Iterator[None]:
    """Within the block, every boundary passed to :func:`moved` is multiplied by ``factor``."""
    token = _SCALE.set(float(factor))
    try:
        yield
    finally:
        _SCALE.reset(token)


@contextmanager
def rule_set(
    about_tolerance: float = ABOUT_TOLERANCE, rapid_growth: float = RAPID_GROWTH_MULTIPLE
) -> Iterator[None]:
    """Within the block, the rule set uses these values (the verdict page's parameters)."""
    t1, t2 = _TOLERANCE.set(float(about_tolerance)), _RAPID.set(float(rapid_growth))
    try:
        yield
    finally:
        _TOLERANCE.reset(t1)
        _RAPID.reset(t2)


def about_tolerance() -> float:
    """The tolerance of "about X" in force (moved by the sensitivity run)."""
    return _TOLERANCE.get() * _SCALE.get()


def rapid_growth() -> float:
    """The yearly multiple that counts as "grew rapidly" in force (moved by the sensitivity run)."""
    return moved(_RAPID.get())


def moved(boundary: float) -> float:
    """A decision boundary as the sensitivity run moves it (unchanged outside it)."""
    return float(boundary) * _SCALE.get()


@dataclass(frozen=True)
class Interval:
    """A closed or open interval of values; ``low``/``high`` may be infinite."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def __post_init__(self) -> None:
        if math.isnan(self.low) or math.isnan(self.high) or self.low > self.high:
            raise ValueError(f"not an interval: [{self.low}, {self.high}]")

    def contains(self, other: Interval) -> bool:
        lo_ok = self.low < other.low or (
            self.low == other.low and (not self.low_open or other.low_open)
        )
        hi_ok = other.high < self.high or (
            other.high == self.high and (not self.high_open or other.high_open)
        )
        return lo_ok and hi_ok

    def disjoint(self, other: Interval) -> bool:
        if self.high < other.low or other.high < self.low:
            return True
        if self.high == other.low:
            return self.high_open or other.low_open
        if other.high == self.low:
            return other.high_open or self.low_open
        return False


INF = math.inf


def point(x: float) -> Interval:
    """A reported figure."""
    return Interval(float(x), float(x))


def lower_bound(x: float) -> Interval:
    """An observation known only to be at least ``x`` ("over 70%", a sample's count)."""
    return Interval(float(x), INF)


def upper_bound(x: float) -> Interval:
    """An observation known only to be at most ``x`` (a share over a lower-bound total)."""
    return Interval(-INF, float(x))


def about(low: float, high: float | None = None) -> Interval:
    """The values that agree with a claimed figure or range (``t`` = :func:`about_tolerance`)."""
    high = low if high is None else high
    t = about_tolerance()
    a, b = low * (1 - t), high * (1 + t)
    return Interval(min(a, b), max(a, b))


def more_than(x: float) -> Interval:
    """Values strictly above the (moved) threshold ``x``."""
    return Interval(moved(x), INF, low_open=True)


def at_least(x: float) -> Interval:
    """Values at or above the (moved) threshold ``x``."""
    return Interval(moved(x), INF)


def at_most(x: float) -> Interval:
    """Values at or below the (moved) threshold ``x``."""
    return Interval(-INF, moved(x))


def less_than(x: float) -> Interval:
    """Values strictly below the (moved) threshold ``x``."""
    return Interval(-INF, moved(x), high_open=True)


def judge(observed: Interval, claim: Interval) -> str:
    """held if every observed value satisfies the claim, failed if none does, else still open."""
    if claim.contains(observed):
        return "held"
    if claim.disjoint(observed):
        return "failed"
    return "still open"


def passes(value: float, claim: Interval) -> bool:
    """Whether a reported figure satisfies the claim (a point observation)."""
    return judge(point(value), claim) == "held"


def grew_rapidly(multiple_per_year: float) -> bool:
    """At least :func:`rapid_growth` times a year."""
    return passes(multiple_per_year, at_least(_RAPID.get()))


def per_year(multiple: float, years: float) -> float:
    """A multiple over ``years`` as a compound multiple per year."""
    if years <= 0 or multiple <= 0:
        return math.nan
    return float(multiple ** (1 / years))


def all_any(flags: list[bool]) -> str:
    """held if every part holds, failed if none, mixed otherwise (not testable if empty)."""
    if not flags:
        return "not testable"
    if all(flags):
        return "held"
    return "failed" if not any(flags) else "mixed"


def combine(parts: list[str]) -> str:
    """One verdict from the verdicts of a claim's parts.

    All ``held`` -> held; all ``failed`` -> failed; all ``not testable`` ->
    not testable; ``held`` with anything else -> mixed; ``failed`` with
    anything but held -> failed; otherwise still open.
    """
    got = list(parts)
    if not got:
        raise ValueError("no parts to combine")
    kinds = set(got)
    if kinds == {"held"}:
        return "held"
    if kinds == {"not testable"}:
        return "not testable"
    if "held" in kinds:
        return "mixed"
    if "failed" in kinds:
        return "failed"
    return "still open"


def robustness(verdicts_by_scale: list[str]) -> str:
    """robust if the verdict is the same at every scale, else fragile."""
    return "robust" if len(set(verdicts_by_scale)) == 1 else "fragile"


def rules_text(
    about_tol: float = ABOUT_TOLERANCE,
    rapid: float = RAPID_GROWTH_MULTIPLE,
    band: float = SENSITIVITY_BAND,
) -> str:
    """The rule set in one paragraph (the Methods page prints it)."""
    return (
        f"'About X' agrees within {about_tol:.0%} of X either way (one relative tolerance for "
        "shares, amounts and valuations; a claimed range is widened by it at both ends). "
        "'More than' and 'at least' are thresholds with no tolerance. An observation that is a "
        "bound (a tracker's 'over 70%', a share over a lower-bound total, a count from a "
        "sample) settles a claim only if the whole bound agrees (held) or none of it does "
        "(failed); otherwise the verdict is 'still open', never a pass. 'Grew rapidly' means "
        f"at least {rapid:g}x a year, compounded over the span measured. Every boundary a "
        f"verdict is decided at is moved by {band:.0%} either way; a verdict that survives "
        "is robust, one that changes is fragile, and only robust verdicts count as settled."
    )


RULES_TEXT = rules_text()
