"""Everything the "Who keeps the money" chapter and the front page compute, in one place.

:func:`profit_inputs` runs, from the datasets and the chapter's parameters
(:data:`DEFAULTS` names them), the profit pool in both views
(:mod:`~analysis.infrastructure.profit_pools`), the capex–revenue gap
(:mod:`~analysis.infrastructure.capex_gap`), the lab race
(:mod:`~analysis.infrastructure.lab_race`) and the margin ladder
(:mod:`~analysis.infrastructure.margins`), so both pages read the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from analysis import formatting
from analysis.data import provenance
from analysis.infrastructure import capex_gap, lab_race, margins, nvidia, pool_lines
from analysis.infrastructure import profit_pools as pp
from analysis.infrastructure.race_sentences import (
    GRADE_WORDS,
    basis_sentence,
    lead_clause,
    margin_lead,
    net_sentence,
)

Loader = Callable[[str], pd.DataFrame]

DEFAULTS: dict[str, Any] = {
    "DC_MULTIPLIER": 2.0,
    "MARGIN_MULTIPLIER": 2.0,
    "DEPRECIATION_LIFE": 1,
    "RUN_RATE_RULE": "mean",
    "START_YEAR": 2023,
    "CURRENT_YEAR": 2026,
    "MODELS_PAYMENT_SHARE": None,
    "APPS_PAYMENT_SHARE": None,
    "MAX_AGE_DAYS": 366,
}
"""The chapter's parameters: Sequoia's two multipliers, the depreciation life of the gap
(1 = Sequoia's run-rate), the run-rate rule for a year, the years, the share of revenue a
lab or app without a measured figure pays the layer below (None = the measured companies'
pooled share) and how old a run-rate may be and still count."""


def gap_now(base: pd.DataFrame, table: pd.DataFrame, p: dict[str, Any]) -> dict[str, Any]:
    """The latest quarter's required revenue (chosen life and multipliers) against the trace."""
    life = int(p["DEPRECIATION_LIFE"])
    row = base[base["life_years"] == life].sort_values("period_end").iloc[-1]
    traced = table.set_index("period_end").loc[row["period_end"]]
    required = float(row["gpu_base_usd_bn"]) * p["DC_MULTIPLIER"] * p["MARGIN_MULTIPLIER"]
    wide = float(traced["traced_labs_apps_clouds_usd_bn"])
    return {
        "period_end": pd.Timestamp(row["period_end"]),
        "life_years": life,
        "complete": bool(row["complete"]),
        "gpu_base_usd_bn": float(row["gpu_base_usd_bn"]),
        "required_usd_bn": required,
        "traced_usd_bn": wide,
        "traced_labs_apps_usd_bn": float(traced["traced_labs_apps_usd_bn"]),
        "gap_usd_bn": required - wide,
        "covered_share": wide / required,
    }


def profit_inputs(load: Loader, params: dict[str, Any] | None = None) -> dict[str, Any]:
    """Every frame and number of the chapter, from ``load`` and the chapter's parameters."""
    p = {**DEFAULTS, **(params or {})}
    sources = load("sources")
    fin_key = ["company", "segment", "period_type", "period", "metric"]
    fin = provenance.pick_preferred(load("company_financials"), fin_key, sources)
    rp_all = load("revenue_points")
    rp = provenance.pick_preferred(rp_all, ["company", "date", "metric"], sources)
    econ, ref = load("ai_economics"), load("reference_estimates")
    years = (p["START_YEAR"], p["CURRENT_YEAR"])
    lines = pool_lines.pool_lines(fin, rp, p["RUN_RATE_RULE"], *years)
    lines = pp.add_stated_margins(lines, pp.stated_margins(econ))
    paid = pp.measured_payments(econ, lines)
    shares = {}
    for layer in ("models", "apps"):
        given = p[f"{layer.upper()}_PAYMENT_SHARE"]
        shares[layer] = pp.pooled_share(paid, layer) if given is None else float(given)
    quarters = nvidia.nvidia_quarters(load("nvidia_quarterly"), sources)
    table = capex_gap.gap_table(
        quarters, rp, fin, p["DC_MULTIPLIER"], p["MARGIN_MULTIPLIER"], p["MAX_AGE_DAYS"]
    )
    base = capex_gap.depreciation_base(quarters)
    points = lab_race.race_points(rp_all, sources)
    series = lab_race.race_points(rp, sources)
    leader = lab_race.leader_now(points)
    ladder = margins.margin_ladder(fin, econ)
    return {
        "params": p,
        "lines": lines,
        "layer_years": pp.layer_years(lines, pp.altimeter_margins(ref)),
        "payments": paid,
        "assumed_shares": shares,
        "value_added": pp.value_added(lines, paid, shares),
        "altimeter": pp.altimeter_layer_shares(ref),
        "altimeter_check": pp.altimeter_reproduction(ref),
        "sequoia": capex_gap.reproduce(ref),
        "bain": capex_gap.bain_2030(ref),
        "quarters": quarters,
        "gap_table": table,
        "gap_base": base,
        "gap_now": gap_now(base, table, p),
        "race_points": points,
        "race_series": series,
        "leader": leader,
        "crossover": lab_race.crossover(points, leader["leader"], leader["other"]),
        "ladder": ladder,
        "ladder_latest": margins.latest_by_layer(ladder),
        "essay_quarter": nvidia.essay_quarter_comparison(quarters),
        "revenue_points": rp,
    }


def share_by_year(table: pd.DataFrame, layers: tuple[str, ...], column: str) -> dict[int, float]:
    """The summed share of ``layers`` per calendar year (NaN where a share is missing)."""
    out = {}
    for year in sorted(set(table["calendar_year"])):
        vals = [pp.share_of(table, layer, int(year), column) for layer in layers]
        out[int(year)] = float(np.sum(vals)) if not np.isnan(vals).any() else np.nan
    return out


def data_holes(lines: pd.DataFrame, current_year: int) -> list[str]:
    """Plain statements of the pool's holes: a line missing a year between two it has,
    and a line with no figure for the current year."""
    out = []
    for (company, layer), g in lines.groupby(["company", "layer"]):
        years = set(g["calendar_year"])
        gaps = [y for y in range(min(years), max(years)) if y not in years]
        out += [f"{company} ({layer}) has no {y} figure, so the {layer} layer dips" for y in gaps]
        if max(years) == current_year - 1:
            out.append(f"{company} ({layer}) has no {current_year} figure yet")
    return out


def _pct(x: float) -> str:
    return formatting.pct(float(x))


def pool_texts(x: dict[str, Any]) -> dict[str, str]:
    """Glue texts of the profit pool (names without the chapter prefix)."""
    p, ly, va = x["params"], x["layer_years"], x["value_added"]
    first, last = int(p["START_YEAR"]), int(p["CURRENT_YEAR"])
    semis, infra = ("semiconductors",), ("semiconductors", "cloud")
    t = {"first": str(first), "last": str(last)}
    for name, table, col in (
        ("gp", ly, "gp_share_filled"),
        ("rev", ly, "revenue_share"),
        ("va", va, "va_share"),
    ):
        for who, layers in (("semis", semis), ("infra", infra)):
            by = share_by_year(table, layers, col)
            t[f"{who}_{name}_first"], t[f"{who}_{name}_last"] = _pct(by[first]), _pct(by[last])
    nq = x["lines"][(x["lines"]["calendar_year"] == last) & x["lines"]["n_quarters"].notna()]
    t["last_quarters"] = formatting.count(int(nq["n_quarters"].max()))
    paid = x["payments"]
    t["n_paid"] = formatting.count(len(paid))
    t["paid_list"] = "; ".join(
        f"{r.company} {r.calendar_year}: {_pct(r.payment_share)} ({r.how})"
        for r in paid.itertuples()
    )
    for layer, share in x["assumed_shares"].items():
        t[f"assumed_{layer}"] = _pct(share)
    holes = data_holes(x["lines"], last)
    t["holes"] = "; ".join(holes) if holes else "none"
    t["pool_lead"] = pool_lead(share_by_year(ly, semis, "gp_share_filled"))
    t["pool_why"] = pool_why(x)
    return t


def pool_note(x: dict[str, Any]) -> str:
    """Where the pool's data end: the full years, then the current year's quarters (NVIDIA's
    last quarter end) and the latest run-rate of a lab or app counted in it."""
    p, rp = x["params"], x["revenue_points"]
    first, last = int(p["START_YEAR"]), int(p["CURRENT_YEAR"])
    rates = rp[
        rp["layer"].isin(["models", "apps"])
        & (rp["metric"] == "annualized_run_rate")
        & (pd.to_datetime(rp["date"]).dt.year == last)
    ]
    nq = x["lines"][(x["lines"]["calendar_year"] == last) & x["lines"]["n_quarters"].notna()]
    n = int(nq["n_quarters"].max())
    text = (
        f"Data through: {first}–{last - 1} full calendar years; {last} annualised from "
        f"{n} quarter{'s' if n > 1 else ''} (NVIDIA's to "
        f"{formatting.date(x['quarters']['period_end'].max())})"
    )
    if len(rates):
        text += f" and run-rates to {formatting.date(pd.to_datetime(rates['date']).max())}"
    return text + "."


def pool_lead(semis_gp: dict[int, float]) -> str:
    """The pool's headline from the chip layer's gross-profit share by year (0-1): whether
    chips keep most of it, and whether that share fell every year, fell overall or rose."""
    years = sorted(y for y, v in semis_gp.items() if not np.isnan(v))
    vals = [semis_gp[y] for y in years]
    first, last = years[0], years[-1]
    most = "most of" if vals[-1] > 0.5 else "less than half of"
    if all(b < a for a, b in zip(vals, vals[1:], strict=False)):
        trend = "but less each year"
    elif vals[-1] < vals[0]:
        trend = f"but less in {last} than in {first}"
    else:
        trend = f"and no less in {last} than in {first}"
    return f"Chips keep {most} the gross profit, {trend}."


def pool_why(x: dict[str, Any]) -> str:
    """Why infrastructure's revenue share moved: the labs' and the chip layer's revenue growth
    from the first to the last year (multiples) and NVIDIA's gross margin then and now."""
    p, ly = x["params"], x["layer_years"]
    first, last = int(p["START_YEAR"]), int(p["CURRENT_YEAR"])
    infra = share_by_year(ly, ("semiconductors", "cloud"), "revenue_share")
    rev = ly.pivot_table(index="calendar_year", columns="layer", values="revenue_usd_bn")
    labs = rev.loc[last, "models"] / rev.loc[first, "models"]
    chips = rev.loc[last, "semiconductors"] / rev.loc[first, "semiconductors"]
    nv = x["ladder"][
        (x["ladder"]["company"] == "NVIDIA") & (x["ladder"]["measure"] == "gross_margin")
    ]
    nv = nv.sort_values("date")["value"]
    gm = f"{_pct(nv.iloc[0])} to {_pct(nv.iloc[-1])}"
    moved = "fell" if infra[last] < infra[first] else "rose"
    growth = (
        f"the labs' revenue grew {formatting.multiple(labs, 1)} from {first} to {last} and the "
        f"chip layer's {formatting.multiple(chips, 1)}"
    )
    margin = (
        f"not because NVIDIA's gross margin fell (it went from {gm})"
        if nv.iloc[-1] >= nv.iloc[0]
        else f"and NVIDIA's gross margin fell too (from {gm})"
    )
    if moved == "fell" and labs > chips:
        return f"The share fell because {growth}, {margin}."
    return f"The share {moved}: {growth}; NVIDIA's gross margin went from {gm}."


def gap_texts(x: dict[str, Any]) -> dict[str, str]:
    """Glue texts of the capex–revenue gap."""
    g, p, seq = x["gap_now"], x["params"], x["sequoia"].set_index("date")
    money = formatting.money_usd_bn
    t = {
        "dc": f"×{p['DC_MULTIPLIER']:g}",
        "margin": f"×{p['MARGIN_MULTIPLIER']:g}",
        "life": "Sequoia's run-rate" if g["life_years"] == 1 else f"{g['life_years']}-year life",
        "quarter_end": formatting.date(g["period_end"]),
        "gpu": money(g["gpu_base_usd_bn"]),
        "required": money(g["required_usd_bn"]),
        "traced": money(g["traced_usd_bn"]),
        "traced_narrow": money(g["traced_labs_apps_usd_bn"]),
        "gap": money(g["gap_usd_bn"]),
        "covered": _pct(g["covered_share"]),
        "bain_needed": money(x["bain"]["revenue_needed_usd_bn"]),
        "bain_shortfall": money(x["bain"]["shortfall_usd_bn"]),
    }
    for date, row in seq.iterrows():
        y = pd.Timestamp(date).year
        t[f"seq_{y}_gpu"] = money(row["gpu_usd_bn"])
        t[f"seq_{y}_computed"] = money(row["computed_usd_bn"])
        t[f"seq_{y}_published"] = money(row["published_usd_bn"])
    base = x["gap_base"][x["gap_base"]["period_end"] == g["period_end"]]
    needs = []
    for r in base.itertuples():
        need = r.gpu_base_usd_bn * p["DC_MULTIPLIER"] * p["MARGIN_MULTIPLIER"]
        needs.append(need)
        bound = (
            "" if r.complete else f" (at least: {r.in_window} of {r.needed} quarters in the data)"
        )
        t[f"life_{r.life_years}"] = money(need) + bound
    t["life_sentence"] = _smallest_need_sentence(min(needs), g["traced_usd_bn"])
    covered = g["covered_share"]
    t["gap_lead"] = (
        "The spending is far ahead of the revenue."
        if covered < 0.5
        else "The spending is ahead of the revenue."
        if covered < 1
        else "The traced revenue has caught up with the spending."
    )
    bain_above = x["bain"]["revenue_needed_usd_bn"] > g["traced_usd_bn"]
    t["bain_direction"] = "points the same way" if bain_above else "points the other way"
    return t


def _smallest_need_sentence(smallest_usd_bn: float, traced_usd_bn: float) -> str:
    """'Even the smallest is 5.1× the traced revenue.', or the opposite when it is not above."""
    ratio = smallest_usd_bn / traced_usd_bn
    if ratio >= 2:
        return f"Even the smallest is {formatting.multiple(ratio, 1)} the traced revenue."
    if ratio > 1:
        return f"The smallest is only {formatting.multiple(ratio, 1)} the traced revenue."
    return f"The smallest is below the traced revenue ({_pct(ratio)} of it)."


def race_texts(x: dict[str, Any]) -> dict[str, str]:
    """Glue texts of the lab race and the margin ladder: names, figures, bases and source
    grades all from the data, so the prose follows whoever leads."""
    ld, money, date = x["leader"], formatting.money_usd_bn, formatting.date
    pts = x["race_points"]
    t = {
        "leader": ld["leader"],
        "leader_value": money(ld["leader_usd_bn"]),
        "leader_date": date(ld["leader_date"]),
        "leader_grade": str(ld["leader_grade"]).replace("_", " "),
        "leader_source": GRADE_WORDS.get(str(ld["leader_grade"]), str(ld["leader_grade"])),
        "other": ld["other"],
        "other_value": money(ld["other_usd_bn"]),
        "other_date": date(ld["other_date"]),
        "other_source": GRADE_WORDS.get(str(ld["other_grade"]), str(ld["other_grade"])),
        "lead_clause": lead_clause(ld) or ".",
        "basis_sentence": basis_sentence(ld),
        "net_sentence": net_sentence(ld),
        "net_leader": str(ld["net_leader"]),
        "crossover": date(x["crossover"]) if x["crossover"] is not None else "never",
        "n_race_points": formatting.count(len(pts)),
        "n_race_internal": formatting.count(int((pts["grade"] == "internal_docs").sum())),
        "n_race_primary": formatting.count(int((pts["grade"] == "primary").sum())),
    }
    if t["lead_clause"] != ".":
        t["lead_clause"] += "."
    for c in ("openai", "anthropic"):
        if f"net_{c}_usd_bn" in ld:
            t[f"net_{c}"] = money(ld[f"net_{c}_usd_bn"])
            t[f"net_{c}_date"] = date(ld[f"net_{c}_date"])
    if ld["gross_company"] is not None:
        t["net_ratio"] = _pct(ld["net_ratio"])
        t["adjusted"] = money(ld["adjusted_usd_bn"])
        t["adjusted_leader"] = str(ld["adjusted_leader"])
    latest = x["ladder_latest"].set_index(["company", "measure"])["value"]
    t["nvidia_gm"] = _pct(latest[("NVIDIA", "gross_margin")])
    clouds = x["ladder_latest"]
    ops = clouds[(clouds["layer"] == "cloud") & (clouds["measure"] == "operating_margin")]
    t["cloud_op"] = formatting.pct_range(float(ops["value"].min()), float(ops["value"].max()))
    labs = clouds[(clouds["layer"] == "models") & (clouds["measure"] == "gross_margin")]
    t["labs_gm"] = formatting.pct_range(float(labs["value"].min()), float(labs["value"].max()))
    t["margin_lead"] = margin_lead(
        latest[("NVIDIA", "gross_margin")], float(ops["value"].max()), float(labs["value"].max())
    )
    return t


def comparison_texts(x: dict[str, Any]) -> dict[str, str]:
    """Glue texts of the comparison with Altimeter's and Sequoia's published figures."""
    c = x["altimeter_check"]
    keys = {
        "semis revenue share": "semis_rev",
        "semis gross-profit share": "semis_gp",
        "apps gross-profit share": "apps_gp",
        "compute (semis + infra) revenue share": "compute_rev",
    }
    t = {}
    for (date, measure), g in c[c["measure"].isin(list(keys))].groupby(["date", "measure"]):
        name = f"alt_{date[:4]}_{keys[measure]}"
        t[f"{name}_pub"] = " and ".join(sorted({_pct(v) for v in g["published"]}))
        t[f"{name}_re"] = _pct(g["recomputed"].iloc[0])
    seq = x["sequoia"]
    t["seq_published"] = " and ".join(formatting.money_usd_bn(v) for v in seq["published_usd_bn"])
    t["nv_first_quarter"] = formatting.date(x["quarters"]["period_end"].min())
    return t


def chart_meta(load: Loader, *names: str) -> dict[str, str]:
    """``source`` and ``data_as_of`` for :func:`analysis.charts.finish`, from the datasets
    a chart draws."""
    rows = pd.concat([load(n)[["source_id"]] for n in names], ignore_index=True)
    sources = load("sources")
    return {
        "source": provenance.source_line(rows, sources, "; ".join(names)),
        "data_as_of": provenance.data_as_of(rows, sources),
    }
