"""One rule for every claim about leadership in the model layer: did the leader change?

A "lasting outsized share", a "clear winner" or a moat at the model layer all
imply that the leader stays the leader. The rule reads each **series** on its
own, never across measures or publishers (spend is not firms is not tokens is
not revenue):

* a usage series is one (measure, publisher) of ``usage_share`` with two or
  more dated surveys naming at least two providers
  (:func:`analysis.models.usage.leader_by_measure`);
* the revenue series is the leader of the model labs' traced run-rate at each
  year end and at the latest date
  (:func:`analysis.infrastructure.lab_race.model_layer_shares`).

A series **turned over** if its leader at some date differs from its leader
at the first date. The verdict on "no lasting leader" is held if every series
turned over, failed if none did, and mixed otherwise
(:func:`analysis.claims.rules.all_any`). No threshold is involved, so the
sensitivity run cannot move it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analysis import formatting
from analysis.claims import rules
from analysis.infrastructure import lab_race
from analysis.models import usage as usage_mod


@dataclass
class Series:
    """Who led one series at each date."""

    label: str
    dates: list[pd.Timestamp]
    leaders: list[str]
    shares: list[float]
    sources: list[str] = field(default_factory=list)

    @property
    def turned_over(self) -> bool:
        return any(leader != self.leaders[0] for leader in self.leaders[1:])

    def text(self) -> str:
        steps = ", ".join(
            f"{leader} {formatting.pct(share)} ({d:%b %Y})"
            for d, leader, share in zip(self.dates, self.leaders, self.shares, strict=True)
        )
        return f"{self.label}: {steps}"


def usage_series(usage: pd.DataFrame, as_of: object) -> list[Series]:
    """Leader series of ``usage_share``, one per (measure, publisher) with two or more dates."""
    leaders = usage_mod.leader_by_measure(usage, as_of=as_of)
    leaders = leaders[leaders["n_providers"] >= 2]
    u = usage.copy()
    u["date"] = pd.to_datetime(u["date"], format="ISO8601")
    out = []
    for (measure, publisher), g in leaders.groupby(["measure", "publisher"], sort=True):
        if g["date"].nunique() < 2:
            continue
        g = g.sort_values("date")
        rows = u[(u["measure"] == measure) & (u["publisher"] == publisher)]
        rows = rows[rows["date"].isin(g["date"])]
        out.append(
            Series(
                f"{publisher}, {usage_mod.MEASURES[measure]}",
                list(g["date"]),
                list(g["leader"]),
                list(g["share"]),
                sorted(set(rows["source_id"])),
            )
        )
    return out


def revenue_series(revenue: pd.DataFrame, as_of: object) -> Series | None:
    """The model labs' run-rate leader at each year end from 2023 and at ``as_of``.

    ``revenue`` is ``revenue_points`` deduplicated
    (:func:`analysis.data.provenance.pick_preferred`).
    """
    end = pd.Timestamp(as_of)
    run_rates = revenue[revenue["metric"] == "annualized_run_rate"]
    end = min(end, pd.to_datetime(run_rates["date"]).max())
    year_ends = [pd.Timestamp(f"{y}-12-31") for y in range(2023, end.year + 1)]
    dates = [d for d in year_ends if d < end] + [end]
    shares = lab_race.model_layer_shares(revenue, dates).dropna(subset=["leader_share"])
    shares = shares[shares["n_labs"] >= 2]
    if len(shares) < 2:
        return None
    return Series(
        "model labs' traced run-rate",
        list(shares["date"]),
        list(shares["leader"]),
        list(shares["leader_share"]),
    )


def series_for(
    usage: pd.DataFrame, revenue: pd.DataFrame, as_of: object, start_by: object | None = None
) -> list[Series]:
    """Every leader series; with ``start_by``, only series whose first date is on or before it."""
    found = [*usage_series(usage, as_of)]
    rev = revenue_series(revenue, as_of)
    if rev is not None:
        found.append(rev)
    if start_by is not None:
        found = [s for s in found if s.dates[0] <= pd.Timestamp(start_by)]
    return found


def verdict(series: list[Series]) -> str:
    """held if every series turned over, failed if none did, mixed otherwise."""
    return rules.all_any([s.turned_over for s in series])


def evidence(series: list[Series]) -> str:
    """Each series' leaders in one line."""
    return "; ".join(s.text() for s in series)


def sources(series: list[Series]) -> list[str]:
    """Every source row the usage series rest on."""
    return [x for s in series for x in s.sources]
