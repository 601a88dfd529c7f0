"""The lab race and the margin ladder in sentences whose names, figures and wording follow
the data (issue 18): who leads, how each lab counts revenue (gross or net of its cloud
partners' share), who led on net figures, and which layer keeps the highest margin.

Inputs are :func:`analysis.infrastructure.lab_race.leader_now`'s dict (USD billions)
and margins as fractions.
"""

from __future__ import annotations

from typing import Any

from analysis import formatting

GRADE_WORDS: dict[str, str] = {
    "primary": "the company's own figure",
    "outlet": "reported by a news organisation",
    "internal_docs": "reported from internal documents",
    "aggregator": "reported by an aggregator",
    "estimate": "an estimate",
}
"""How the prose labels a figure by its source grade (``sources.grade``)."""


def basis_sentence(ld: dict[str, Any]) -> str:
    """How the two front-runners count revenue, from their stated bases."""
    lead, other, lb, ob = ld["leader"], ld["other"], ld["leader_basis"], ld["other_basis"]
    if {lb, ob} == {"gross", "net"}:
        gross, net = (lead, other) if lb == "gross" else (other, lead)
        return (
            f"The two do not count revenue the same way: {gross} states its run-rate gross, "
            "before its cloud partners take their share of sales made through their "
            f"marketplaces; {net}'s is net."
        )
    if lb == ob and lb != "not_stated":
        return f"Both state their run-rates {lb} of their cloud partners' share."
    return "The sources do not say whether both count revenue gross or net of partners' share."


def net_sentence(ld: dict[str, Any]) -> str:
    """Who led on net-basis figures, and the gross-stating lab scaled to a net basis."""
    money, date = formatting.money_usd_bn, formatting.date
    if ld["net_leader"] is None:
        return "The data hold no net-basis figure for both labs."
    est = "an estimate of " if ld.get("net_other_basis") == "estimated" else ""
    text = (
        f"On net figures, {ld['net_leader']} led: {money(ld['net_leader_usd_bn'])} (to "
        f"{date(ld['net_leader_date'])}) against {est}{ld['net_other']}'s net "
        f"{money(ld['net_other_usd_bn'])} (to {date(ld['net_other_date'])})."
    )
    g = ld["gross_company"]
    if g is None:
        return text
    still = "still " if ld["adjusted_leader"] == ld["leader"] else ""
    ratio = formatting.pct(float(ld["net_ratio"]))
    adjusted = money(ld["adjusted_usd_bn"])
    return (
        f"{text} {g}'s net figure is {ratio} of its gross figure of the same time; applied "
        f"to {g}'s latest, it gives {adjusted}, so {ld['adjusted_leader']} would {still}lead "
        "if the partners' share stayed the same."
    )


def lead_clause(ld: dict[str, Any]) -> str:
    """The headline comparison's caveat: the leader counts gross and the runner-up net."""
    lb, ob = ld["leader_basis"], ld["other_basis"]
    if (lb, ob) == ("gross", "net"):
        return f", but its figure is gross of its cloud partners' share and {ld['other']}'s is not"
    if (lb, ob) == ("net", "gross"):
        other = ld["other"]
        return f", even though its figure is net of its cloud partners' share and {other}'s is not"
    return ""


def margin_lead(nvidia_gm: float, cloud_op_max: float, labs_gm_max: float) -> str:
    """The ladder's headline: whether NVIDIA's gross margin tops the clouds' best operating
    margin and the labs' best gross margin (fractions), else who tops it."""
    if nvidia_gm > max(cloud_op_max, labs_gm_max):
        return "Chips keep the highest margin:"
    who = "the clouds" if cloud_op_max >= labs_gm_max else "the labs"
    return f"Chips no longer keep the highest margin, {who} do:"
