"""Who uses which models: shares of tokens, of spend and of firms, which disagree.

Input: ``usage_share`` (``date``, ``publisher``, ``measure`` = ``tokens`` |
``spend`` | ``firms``, ``segment`` (a provider, or ``open weights``, ``any
AI`` ...), ``share`` 0-1, ``scope``, ``basis``, ``source_id``). Each share
measures something different:

* **tokens**: share of tokens processed on one router (OpenRouter), where
  cheap open models and developers' experiments weigh heavily;
* **spend**: share of money paid for model APIs by enterprises (surveys by
  Menlo Ventures and a16z, or Ramp's card data), where a token of a frontier
  model costs many times a token of an open one;
* **firms**: share of businesses that pay a provider at all (Ramp, a16z's
  CIO survey); a firm paying $20 counts as much as one paying millions, and
  firms use several providers, so these shares add to more than one.

So the same provider can lead on one measure and trail on another; the
functions here lay the measures side by side without mixing them.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis.data.checks import require_columns

MEASURES: dict[str, str] = {
    "tokens": "share of tokens",
    "spend": "share of spend",
    "firms": "share of firms paying",
}
"""Reader-facing names of the three measures."""

GROUPINGS = r"any AI|open weights|.* open models"
"""Segments that group providers (a regular expression matching the whole name)."""

USAGE_COLUMNS: tuple[str, ...] = ("date", "publisher", "measure", "segment", "share", "scope")


def _clean(usage: pd.DataFrame) -> pd.DataFrame:
    require_columns(usage, USAGE_COLUMNS, "usage_share")
    out = usage.copy()
    out["date"] = pd.to_datetime(out["date"], format="ISO8601")
    out["share"] = pd.to_numeric(out["share"], errors="coerce").astype(float)
    unknown = sorted(set(out["measure"]) - set(MEASURES))
    if unknown:
        raise ValueError(f"usage_share: unknown measure(s) {unknown}; expected {list(MEASURES)}")
    return out


def latest_by_measure(
    usage: pd.DataFrame, segments: Iterable[str], *, as_of: object | None = None
) -> pd.DataFrame:
    """For each (segment, measure, publisher), the latest share on or before ``as_of``.

    Columns ``segment``, ``measure``, ``publisher``, ``date``, ``share``
    (0-1), ``scope``, ``basis`` and ``source_id`` when present; forecasts
    (dates after ``as_of``) are left out. Several rows of one key and date
    (rounding conflicts) keep the first. Sorted by segment, measure, date.
    """
    u = _clean(usage)
    u = u[u["segment"].isin(list(segments))]
    if as_of is not None:
        u = u[u["date"] <= pd.Timestamp(as_of)]
    u = u.sort_values(["segment", "measure", "publisher", "date"], kind="stable")
    last = u.groupby(["segment", "measure", "publisher"], sort=False).tail(1)
    return last.sort_values(["segment", "measure", "date"]).reset_index(drop=True)


def disagreement(latest: pd.DataFrame) -> pd.DataFrame:
    """Per segment, the lowest and highest share across measures and publishers.

    ``latest`` is :func:`latest_by_measure` output. Columns ``segment``,
    ``low`` / ``high`` (0-1), ``low_measure`` / ``high_measure``,
    ``low_publisher`` / ``high_publisher``, ``spread`` (high minus low, share
    points on the 0-1 scale) and ``n`` (rows compared).
    """
    rows = []
    for segment, group in latest.groupby("segment", sort=True):
        lo = group.loc[group["share"].idxmin()]
        hi = group.loc[group["share"].idxmax()]
        rows.append(
            {
                "segment": segment,
                "low": float(lo["share"]),
                "low_measure": lo["measure"],
                "low_publisher": lo["publisher"],
                "high": float(hi["share"]),
                "high_measure": hi["measure"],
                "high_publisher": hi["publisher"],
                "spread": float(hi["share"] - lo["share"]),
                "n": len(group),
            }
        )
    return pd.DataFrame(rows)


def leader_by_measure(usage: pd.DataFrame, *, as_of: object | None = None) -> pd.DataFrame:
    """Per (measure, publisher, date), the provider with the largest share.

    Only provider segments count, not groupings (:data:`GROUPINGS`: ``any
    AI``, ``open weights``, "... open models"). Columns ``measure``,
    ``publisher``, ``date``, ``leader``, ``share``, ``runner_up``,
    ``runner_up_share`` and ``n_providers`` (a "leader" of one reported
    provider is no leader: read only rows with two or more). A claim about
    "outsized" or "lasting" share can read how far ahead the leader is, on
    each measure, over time.
    """
    u = _clean(usage)
    if as_of is not None:
        u = u[u["date"] <= pd.Timestamp(as_of)]
    providers = u[~u["segment"].str.fullmatch(GROUPINGS)]
    rows = []
    for (measure, publisher, date), group in providers.groupby(["measure", "publisher", "date"]):
        ranked = group.drop_duplicates("segment").sort_values("share", ascending=False)
        second = ranked.iloc[1] if len(ranked) > 1 else None
        rows.append(
            {
                "measure": measure,
                "publisher": publisher,
                "date": date,
                "leader": ranked.iloc[0]["segment"],
                "share": float(ranked.iloc[0]["share"]),
                "runner_up": None if second is None else second["segment"],
                "runner_up_share": float("nan") if second is None else float(second["share"]),
                "n_providers": len(ranked),
            }
        )
    return pd.DataFrame(rows)


def spread_text(spread: pd.DataFrame, segment: str) -> str:
    """'from 27% (spend, Menlo Ventures) to 78% (firms, a16z)' for one segment.

    ``spread`` is :func:`disagreement` output; shares as whole percents.
    """
    row = spread.set_index("segment").loc[segment]
    return (
        f"from {row['low']:.0%} ({MEASURES[row['low_measure']]}, {row['low_publisher']}) "
        f"to {row['high']:.0%} ({MEASURES[row['high_measure']]}, {row['high_publisher']})"
    )
