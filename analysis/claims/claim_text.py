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

from analysis.claims import rules

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


def figure_check(claimed: tuple[float, float], reported: float) -> str:
    """``held`` if ``reported`` agrees with the claimed (low, high) by the rule set's "about X".

    ``failed`` outside it; ``not testable`` when ``reported`` is missing
    (:func:`analysis.claims.rules.about`).
    """
    if reported is None or pd.isna(reported):
        return "not testable"
    return rules.judge(rules.point(float(reported)), rules.about(*claimed))


def combine(parts: Iterable[str]) -> str:
    """One verdict from the verdicts of a claim's parts (:func:`analysis.claims.rules.combine`)."""
    return rules.combine(list(parts))


def share_verdict(claimed: float, reported: float, *, lower_bound: bool = False) -> str:
    """Does a tracker's share agree with a claimed "about X%" share (fractions 0-1)?

    A reported share is a point; a tracker's "over X%" is a lower bound, which
    can only decide the claim if all of it lies inside or outside "about X"
    (:func:`analysis.claims.rules.judge`): a bound never passes a claim it
    cannot decide.
    """
    observed = rules.lower_bound(reported) if lower_bound else rules.point(reported)
    return rules.judge(observed, rules.about(claimed))
