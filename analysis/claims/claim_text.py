"""What a claim says: its figures, its date, and how part-verdicts combine.

The numbers a claim states (a share, an amount, a valuation) are read from the
claim's own text in ``seed_claims`` (:func:`money_figures`, :func:`claim_share`),
never typed in by hand. :func:`essay_source_ids` names the rows cited to the
essays themselves, so that a claim can be checked against independent data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

_MONEY = re.compile(
    r"\$(?P<lo>\d+(?:\.\d+)?)(?:\s*-\s*\$?(?P<hi>\d+(?:\.\d+)?))?\s*(?P<unit>[MB]\b)?"
)


_SHARE = re.compile(r"(?P<value>\d+(?:\.\d+)?)\s*%")


_UNIT = {"M": 1e6, "B": 1e9, None: 1.0}


def money_figures(text: str) -> list[tuple[float, float]]:
    """Dollar figures in ``text`` as (low, high) in US dollars, in order.

    ``"$270M"`` -> (270e6, 270e6); ``"~$2.1-2.2B"`` -> (2.1e9, 2.2e9);
    ``"$300"`` -> (300, 300). A range shares the unit of its upper end.
    """
    out = []
    for m in _MONEY.finditer(text):
        scale = _UNIT[m.group("unit")]
        lo = float(m.group("lo")) * scale
        hi = float(m.group("hi")) * scale if m.group("hi") else lo
        out.append((lo, hi))
    return out


def money_figures_usd_m(text: str) -> list[tuple[float, float]]:
    """:func:`money_figures` in USD millions."""
    return [(lo / 1e6, hi / 1e6) for lo, hi in money_figures(text)]


def claim_share(text: str) -> float:
    """The first percentage in ``text`` as a fraction: ``"~50%"`` -> 0.5."""
    m = _SHARE.search(text)
    if m is None:
        raise ValueError(f"no percentage in claim text: {text!r}")
    return float(m.group("value")) / 100.0


def claim_row(claims: pd.DataFrame, claim_id: str) -> pd.Series:
    """The ``seed_claims`` row of ``claim_id`` (ValueError if absent)."""
    rows = claims[claims["claim_id"] == claim_id]
    if rows.empty:
        raise ValueError(f"claim {claim_id!r} is not in seed_claims")
    return rows.iloc[0]


def claim_date(claims: pd.DataFrame, sources: pd.DataFrame, claim_id: str) -> pd.Timestamp:
    """Publication date of the essay that makes ``claim_id``."""
    source_id = claim_row(claims, claim_id)["source_id"]
    date = sources.loc[sources["source_id"] == source_id, "date_published"]
    if date.empty or pd.isna(date.iloc[0]):
        raise ValueError(f"no publication date for {source_id!r}")
    return pd.Timestamp(date.iloc[0])


def essay_source_ids(claims: pd.DataFrame, sources: pd.DataFrame) -> set[str]:
    """Source ids that are the essays themselves (same address as an essay source)."""
    essay_ids = set(claims["source_id"])
    urls = set(sources.loc[sources["source_id"].isin(essay_ids), "url"])
    return set(sources.loc[sources["url"].isin(urls), "source_id"]) | essay_ids


def figure_check(claimed: tuple[float, float], reported: float, tolerance: float) -> str:
    """``held`` if ``reported`` lies in the claimed range widened by ``tolerance``.

    ``claimed`` is (low, high); the band is ``[low * (1 - tolerance), high *
    (1 + tolerance)]`` (``tolerance`` a fraction, e.g. 0.1). ``failed``
    outside it; ``not testable`` when ``reported`` is missing.
    """
    if reported is None or pd.isna(reported):
        return "not testable"
    lo, hi = claimed
    inside = lo * (1 - tolerance) <= reported <= hi * (1 + tolerance)
    return "held" if inside else "failed"


def combine(parts: Iterable[str]) -> str:
    """One verdict from the verdicts of a claim's parts.

    All ``held`` -> held; all ``failed`` -> failed; all ``not testable`` ->
    not testable; ``held`` with anything else -> mixed; ``failed`` with
    ``not testable`` -> failed; ``still open`` with nothing failed -> still open.
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


def share_consistent(
    claimed: float, reported: float, *, tolerance: float, lower_bound: bool = False
) -> bool:
    """Does a tracker's share agree with a claimed share (fractions 0-1)?

    Within ``tolerance`` (fraction points) of each other; if the tracker's
    figure is a lower bound ("over 70%"), any claim at or above ``reported -
    tolerance`` agrees with it. A small epsilon absorbs float rounding.
    """
    eps = 1e-9
    if lower_bound:
        return claimed >= reported - tolerance - eps
    return abs(claimed - reported) <= tolerance + eps
