"""Verdicts on the seed claims that span the whole stack (``layer == "cross"``).

Predicates are small pure functions over analysis outputs; :func:`verdicts`
applies them and explains each verdict.
"""

from __future__ import annotations

import pandas as pd

from analysis import formatting
from analysis.claims import rules
from analysis.claims.infrastructure import FIG_LAYERS
from analysis.claims.scorecard import verdict_row

MANY_PLAYERS_MIN = 5
"""a16z-56 holds if, in the latest year, every layer has at least this many
companies in our data raising a round of at least :data:`LARGE_ROUND_USD_M`."""
LARGE_ROUND_USD_M = 100.0


def latest_infrastructure_share(layer_rev: pd.DataFrame) -> tuple[int, float] | None:
    """(year, infrastructure share 0-1) of the latest year with computed shares, or None."""
    known = layer_rev[layer_rev["infrastructure_share"].notna()]
    if known.empty:
        return None
    row = known.sort_values("calendar_year").iloc[-1]
    return int(row["calendar_year"]), float(row["infrastructure_share"])


def companies_with_large_rounds(
    rounds: pd.DataFrame, year: int, threshold_usd_m: float
) -> pd.Series:
    """Per layer, distinct companies with a round >= ``threshold_usd_m`` (USD m) in ``year``."""
    dated = rounds[pd.to_datetime(rounds["date"]).dt.year == year]
    large = dated[dated["amount_usd_m"] >= threshold_usd_m]
    counts = large.groupby("layer")["company"].nunique()
    return counts.reindex(["apps", "models", "infrastructure"], fill_value=0)


def many_players(counts: pd.Series, minimum: int = MANY_PLAYERS_MIN) -> bool:
    """True when every layer has at least ``minimum`` companies."""
    return all(rules.passes(n, rules.at_least(minimum)) for n in counts)


def verdicts(
    claims: pd.DataFrame, layer_rev: pd.DataFrame, rounds: pd.DataFrame, latest_year: int
) -> pd.DataFrame:
    """One verdict row per cross-layer claim (see :mod:`analysis.claims.scorecard`)."""
    cross = claims[claims["layer"] == "cross"]["claim_id"]
    rows = []
    for cid in cross:
        rows.append(_judge(cid, layer_rev, rounds, latest_year))
    return pd.DataFrame(rows)


def _judge(cid: str, layer_rev: pd.DataFrame, rounds: pd.DataFrame, year: int) -> dict[str, str]:
    if cid == "a16z-08":
        found = latest_infrastructure_share(layer_rev)
        if found is None:
            return verdict_row(
                cid,
                "still open",
                reasoning="No year has revenue for all three layers with NVIDIA complete.",
            )
        y, share = found
        verdict = rules.judge(rules.point(share), rules.more_than(0.5))
        held = verdict == "held"
        return verdict_row(
            cid,
            verdict,
            evidence=f"infrastructure {formatting.pct(share)} of measured layer revenue in {y}",
            figure_id=FIG_LAYERS,
            reasoning=(
                "Measured revenue of model and app companies is "
                + ("below" if held else "above")
                + " that of infrastructure (NVIDIA Data Center plus GPU clouds)."
            ),
        )
    if cid == "a16z-56":
        counts = companies_with_large_rounds(rounds, year, LARGE_ROUND_USD_M)
        ok = many_players(counts)
        text = ", ".join(f"{layer} {n}" for layer, n in counts.items())
        return verdict_row(
            cid,
            "held" if ok else "mixed",
            evidence=f"companies raising $100M+ in {year}: {text}",
            figure_id="",
            reasoning=(
                f"Counted from our sample of rounds, so a lower bound; the test asks for at "
                f"least {MANY_PLAYERS_MIN} such companies in every layer."
            ),
        )
    reasons = {
        "a16z-10": "The essay's framing of the stack; the book adopts it (chapter 'The stack').",
        "a16z-55": "A statement of uncertainty, not a forecast; see the Models chapter's "
        "concentration measures for how concentrated funding became.",
        "teng-21": "About all venture rounds, all sectors (Carta); not in our data.",
    }
    return verdict_row(cid, "not testable", reasoning=reasons.get(cid, "No testable form."))
