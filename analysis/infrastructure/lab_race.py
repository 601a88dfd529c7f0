"""The lab revenue race: OpenAI, Anthropic and the other labs' run-rates.

Every stored run-rate is a point, drawn with its accounting basis: Anthropic
states its run-rate *gross* (before its cloud partners' share), OpenAI
*net*; most rows do not say (``not_stated``). :func:`leader_now` names who
leads on the latest headline figures and what the net-basis figures say.
USD billions.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.data.checks import require_columns
from analysis.data.provenance import GRADE_RANK

FRONT = ("OpenAI", "Anthropic")


def race_points(
    revenue_points: pd.DataFrame, sources: pd.DataFrame, start: str = "2023-01-01"
) -> pd.DataFrame:
    """Model providers' run-rates from ``start``, every row kept (conflicts too).

    Columns: ``date, company, value_usd_bn, accounting, basis, grade,
    source_id, group`` (``OpenAI`` | ``Anthropic`` | ``other labs``).
    """
    require_columns(
        revenue_points,
        ["date", "company", "layer", "metric", "value_usd_m", "basis", "source_id"],
        "revenue_points",
    )
    r = revenue_points[
        (revenue_points["layer"] == "models") & (revenue_points["metric"] == "annualized_run_rate")
    ].copy()
    r["date"] = pd.to_datetime(r["date"])
    r = r[r["date"] >= pd.Timestamp(start)]
    if "accounting" not in r.columns:
        r["accounting"] = "not_stated"
    grade = sources.set_index("source_id")["grade"]
    return (
        pd.DataFrame(
            {
                "date": r["date"],
                "company": r["company"],
                "value_usd_bn": r["value_usd_m"].astype(float) / 1000,
                "accounting": r["accounting"].fillna("not_stated"),
                "basis": r["basis"],
                "grade": r["source_id"].map(grade),
                "source_id": r["source_id"],
                "group": np.where(r["company"].isin(FRONT), r["company"], "other labs"),
            }
        )
        .sort_values(["company", "date"])
        .reset_index(drop=True)
    )


def _latest(points: pd.DataFrame, company: str, accounting: str | None = None) -> pd.Series:
    p = points[points["company"] == company]
    if accounting:
        p = p[p["accounting"] == accounting]
    if not len(p):
        raise KeyError(f"no {accounting or ''} run-rate for {company}")
    p = p.assign(_rank=p["grade"].map(GRADE_RANK).fillna(99))
    return p.sort_values(["date", "_rank"], ascending=[False, True]).iloc[0]


def stated_basis(points: pd.DataFrame, company: str) -> str:
    """How ``company`` counts its run-rate: the ``accounting`` (``gross`` | ``net``) of its
    latest point that states one, preferring figures the company reported (``basis`` =
    ``reported``) over estimates, which may be a rival's restatement; else ``not_stated``."""
    p = points[(points["company"] == company) & points["accounting"].isin(["gross", "net"])]
    if "basis" in p.columns and (p["basis"] == "reported").any():
        p = p[p["basis"] == "reported"]
    return str(p.sort_values("date")["accounting"].iloc[-1]) if len(p) else "not_stated"


def _net_adjustment(points: pd.DataFrame, head: dict, net: dict) -> dict[str, object]:
    """The gross-stating front-runner's latest headline scaled by its own net/gross ratio
    (its latest net estimate over its latest gross figure on or before it)."""
    out: dict[str, object] = {"gross_company": None, "net_ratio": np.nan}
    for c in FRONT:
        if stated_basis(points, c) != "gross" or net.get(c) is None:
            continue
        gross = points[
            (points["company"] == c)
            & (points["accounting"] == "gross")
            & (points["date"] <= net[c]["date"])
        ]
        if not len(gross):
            continue
        ratio = float(net[c]["value_usd_bn"] / gross.sort_values("date").iloc[-1]["value_usd_bn"])
        adjusted = float(head[c]["value_usd_bn"]) * ratio
        rival = [f for f in FRONT if f != c][0]
        out.update(
            gross_company=c,
            net_ratio=ratio,
            adjusted_usd_bn=adjusted,
            adjusted_leader=c if adjusted > head[rival]["value_usd_bn"] else rival,
        )
        break
    return out


def leader_now(points: pd.DataFrame) -> dict[str, object]:
    """Who leads on each front-runner's latest headline run-rate, and on net figures.

    Headline: each company's latest point (stronger grade on a tie); its
    ``*_basis`` is how the company states its run-rates (:func:`stated_basis`).
    Net: the latest ``net`` point of each (an estimate of a rival's net
    run-rate is one); ``net_*`` keys are None where a front-runner has none.
    ``gross_company``: the front-runner that states its run-rate gross and has
    a net estimate; ``net_ratio`` is its net / gross (the latest gross figure
    on or before the net estimate, which restates it) and
    ``adjusted_usd_bn`` its latest headline x that ratio, an assumption that
    the partners' share stayed the same; ``adjusted_leader`` who leads then.
    The ``net_openai_*``, ``net_anthropic_*``, ``anthropic_net_adjusted_usd_bn`` and
    ``leads_after_net_adjustment`` keys name the same figures for the front page.
    USD billions.
    """
    head = {c: _latest(points, c) for c in FRONT}
    lead = max(FRONT, key=lambda c: head[c]["value_usd_bn"])
    other = [c for c in FRONT if c != lead][0]
    net: dict[str, pd.Series | None] = {}
    for c in FRONT:
        try:
            net[c] = _latest(points, c, "net")
        except KeyError:
            net[c] = None
    out: dict[str, object] = {
        "leader": lead,
        "leader_usd_bn": float(head[lead]["value_usd_bn"]),
        "leader_date": head[lead]["date"],
        "leader_accounting": head[lead]["accounting"],
        "leader_grade": head[lead]["grade"],
        "leader_basis": stated_basis(points, lead),
        "other": other,
        "other_usd_bn": float(head[other]["value_usd_bn"]),
        "other_date": head[other]["date"],
        "other_accounting": head[other]["accounting"],
        "other_grade": head[other]["grade"],
        "other_basis": stated_basis(points, other),
        "net_leader": None,
    }
    if all(v is not None for v in net.values()):
        net_lead = max(FRONT, key=lambda c: net[c]["value_usd_bn"])
        net_other = [c for c in FRONT if c != net_lead][0]
        out.update(
            net_leader=net_lead,
            net_leader_usd_bn=float(net[net_lead]["value_usd_bn"]),
            net_leader_date=net[net_lead]["date"],
            net_other=net_other,
            net_other_usd_bn=float(net[net_other]["value_usd_bn"]),
            net_other_date=net[net_other]["date"],
            net_other_basis=net[net_other]["basis"] if "basis" in net[net_other] else None,
        )
        for c in FRONT:
            out[f"net_{c.lower()}_usd_bn"] = float(net[c]["value_usd_bn"])
            out[f"net_{c.lower()}_date"] = net[c]["date"]
    out.update(_net_adjustment(points, head, net))
    if out["gross_company"] == "Anthropic":
        out["anthropic_net_adjusted_usd_bn"] = out["adjusted_usd_bn"]
        out["leads_after_net_adjustment"] = out["adjusted_leader"]
    return out


def crossover(
    points: pd.DataFrame, leader: str = "Anthropic", other: str = "OpenAI"
) -> pd.Timestamp | None:
    """First date on which ``leader``'s latest headline run-rate is above ``other``'s latest."""
    dates = sorted(set(points.loc[points["company"].isin([leader, other]), "date"]))
    for d in dates:
        upto = points[points["date"] <= d]
        try:
            a, o = (_latest(upto, c)["value_usd_bn"] for c in (leader, other))
        except KeyError:
            continue
        if a > o:
            return pd.Timestamp(d)
    return None


def model_layer_shares(
    revenue_points: pd.DataFrame, dates: list[pd.Timestamp], max_age_days: int = 366
) -> pd.DataFrame:
    """The model layer's traced run-rate at each date and its leaders' shares.

    Each lab's latest run-rate on or before the date (not older than
    ``max_age_days``; see :func:`analysis.infrastructure.capex_gap.latest_run_rates`),
    ``revenue_points`` deduped first. Columns: ``date, total_usd_bn,
    n_labs, leader, leader_share, top2_share`` (shares of the traced total).
    """
    from analysis.infrastructure.capex_gap import latest_run_rates

    rows = []
    for d in dates:
        got = latest_run_rates(revenue_points, d, ("models",), max_age_days)
        got = got.sort_values("value_usd_bn", ascending=False)
        total = float(got["value_usd_bn"].sum())
        rows.append(
            {
                "date": pd.Timestamp(d),
                "total_usd_bn": total if len(got) else np.nan,
                "n_labs": len(got),
                "leader": got["company"].iloc[0] if len(got) else "",
                "leader_share": float(got["value_usd_bn"].iloc[0]) / total if total else np.nan,
                "top2_share": float(got["value_usd_bn"].iloc[:2].sum()) / total
                if total
                else np.nan,
            }
        )
    return pd.DataFrame(rows)
