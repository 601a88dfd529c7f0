"""The verdict page's numbers and chart title, computed from the scorecard.

Every count the page's prose states (:func:`glue_texts`) and the tally chart's
title (:func:`tally_title`) come from the same scorecard, so neither can
contradict the chart or the table below it.
"""

from __future__ import annotations

import pandas as pd

from analysis import formatting
from analysis.claims import rules
from analysis.claims.pipeline import settled_count
from analysis.claims.scorecard import VERDICTS, robust_tally, testable_share_held

DECIDED: tuple[str, ...] = ("held", "failed", "mixed")
"""Verdicts the data decided (the rest are still open or not testable)."""


def counts(card: pd.DataFrame) -> dict[str, int]:
    """Claims by verdict (every verdict, zero when absent), plus ``decided`` and ``total``."""
    tally = card["verdict"].value_counts()
    out = {v: int(tally.get(v, 0)) for v in VERDICTS}
    out["decided"] = sum(out[v] for v in DECIDED)
    out["total"] = len(card)
    return out


def tally_title(card: pd.DataFrame) -> str:
    """The tally chart's title: how many decided claims held, how many cannot be tested."""
    n = counts(card)
    return (
        f"{n['held']} of the {n['decided']} claims the data decide held; "
        f"{n['not testable']} of {n['total']} cannot be tested"
    )


def glue_texts(card: pd.DataFrame, about_tol: float, rapid: float, band: float) -> dict[str, str]:
    """Every number the verdict page's prose glues, by glue name, formatted.

    ``about_tol``, ``rapid`` and ``band`` are the page's rule set (its
    parameters cell); ``card`` the scorecard built with them.
    """
    n = counts(card)
    out = {"verdict_n_claims": formatting.count(n["total"])}
    for v in VERDICTS:
        out[f"verdict_n_{v.replace(' ', '_')}"] = formatting.count(n[v])
    out["verdict_n_decided"] = formatting.count(n["decided"])
    out["verdict_held_share"] = formatting.pct(testable_share_held(card))
    for essay in ("a16z", "teng"):
        out[f"verdict_n_{essay}"] = formatting.count(int((card["essay"] == essay).sum()))
    out["verdict_n_settled"] = formatting.count(settled_count(card))
    out["verdict_n_fragile"] = formatting.count(int(robust_tally(card)["fragile"]))
    proxied = card["proxy"].fillna("") != "" if "proxy" in card else pd.Series(False)
    out["verdict_n_proxy"] = formatting.count(int(proxied.sum()))
    out["verdict_band"] = formatting.pct(band)
    out["verdict_rules"] = rules.rules_text(about_tol, rapid, band)
    out["verdict_title"] = tally_title(card)
    return out
