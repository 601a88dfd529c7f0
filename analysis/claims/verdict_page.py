"""The verdict page's numbers and chart title, computed from the scorecard.

Every count the page's prose states (:func:`glue_texts`) and the tally chart's
title (:func:`tally_title`) come from the same scorecard, so neither can
contradict the chart or the table below it.
"""

from __future__ import annotations

import pandas as pd

from analysis import formatting
from analysis.claims import rules
from analysis.claims.pipeline import verdict_counts
from analysis.claims.scorecard import testable_share_held


def tally_title(card: pd.DataFrame) -> str:
    """The tally chart's title: how many decided claims held, how many cannot be tested
    (the counts of :func:`analysis.claims.pipeline.verdict_counts`, the book's one tally)."""
    n = verdict_counts(card)
    return (
        f"{n['held']} of the {n['decided']} claims the data decide held; "
        f"{n['not_testable']} of {n['total']} cannot be tested"
    )


def glue_texts(card: pd.DataFrame, about_tol: float, rapid: float, band: float) -> dict[str, str]:
    """Every number the verdict page's prose glues, by glue name, formatted.

    ``about_tol``, ``rapid`` and ``band`` are the page's rule set (its
    parameters cell); ``card`` the scorecard built with them. Quantities other
    pages show too carry their shared names (``claims_*``, ``analysis.publish.SHARED``).
    """
    n = verdict_counts(card)
    out = {f"verdict_n_{k}": formatting.count(n[k]) for k in ("held", "failed", "mixed", "decided")}
    for k in ("total", "settled", "fragile", "still_open", "not_testable"):
        out[f"claims_{k}"] = formatting.count(n[k])
    out["verdict_held_share"] = formatting.pct(testable_share_held(card))
    for essay in ("a16z", "teng"):
        out[f"claims_{essay}"] = formatting.count(int((card["essay"] == essay).sum()))
    proxied = card["proxy"].fillna("") != "" if "proxy" in card else pd.Series(False)
    out["verdict_n_proxy"] = formatting.count(int(proxied.sum()))
    out["verdict_band"] = formatting.pct(band)
    out["verdict_rules"] = rules.rules_text(about_tol, rapid, band)
    return out
