"""Titles and texts of the Infrastructure chapter's model charts, computed from the model.

A title that states a finding is worked out from the numbers the chart draws
(issue 20), so an extreme parameter turns the sentence around instead of
leaving it to contradict the bars. Shares are fractions (0-1).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from analysis.charts import published
from analysis.charts.infrastructure import FLOW_PARAM_NAMES, HOLDERS
from analysis.infrastructure.value_flow import split_dollar

_FRACTION_WORDS: tuple[tuple[float, str], ...] = (
    (0.10, "a tenth"),
    (0.20, "a fifth"),
    (0.25, "a quarter"),
    (1 / 3, "a third"),
    (0.50, "half"),
    (2 / 3, "two thirds"),
    (0.75, "three quarters"),
)


def share_words(share: float, tolerance: float = 0.01) -> str:
    """A share (0-1) in words: 'a fifth' within ``tolerance`` of 0.2, else '23%'."""
    for value, words in _FRACTION_WORDS:
        if abs(share - value) <= tolerance:
            return words
    return f"{share:.0%}"


_TAKER_NAMES = {
    "apps": "the app that earned it",
    "models": "model providers",
    "clouds": "clouds",
    "hardware": "hardware vendors",
}


def flow_title(central: Mapping[str, float]) -> str:
    """The flow chart's finding at the starting (central) values: who keeps the most."""
    point = split_dollar(**{p: central[p] for p in FLOW_PARAM_NAMES})
    top = max(HOLDERS, key=lambda h: point[h])
    share, name = point[top], _TAKER_NAMES[top]
    if share > 0.5:
        verb = "stays with" if top == "apps" else "ends with"
        return f"Most of an end-user dollar {verb} {name}"
    return f"The largest part of an end-user dollar, {share:.0%}, ends with {name}"


def monte_carlo_title(summary: pd.DataFrame) -> str:
    """The Monte Carlo's finding: the clouds' median receipts and whether they are most."""
    p5, p50, p95 = (float(summary.loc["to_clouds", q]) for q in ("p5", "p50", "p95"))
    lead = f"Under the essay's own ranges, clouds get {share_words(p50)} of the dollar"
    if p95 <= 0.5:
        return f"{lead}, not most"
    if p5 > 0.5:
        return f"Under the essay's own ranges, clouds get most of the dollar ({p50:.0%} median)"
    return f"{lead} in the median draw, and most of it in some draws"


_TORNADO_NAMES = {
    "app_inference_share": "apps' inference spend",
    "via_model_share": "the share bought via model providers",
    "model_cloud_share": "model providers' cloud spend",
    "cloud_hardware_share": "clouds' hardware spend",
}


def tornado_title(frame: pd.DataFrame) -> str:
    """The tornado's finding: the two parameters that move the clouds' receipts most."""
    first, second = frame["parameter"].iloc[0], frame["parameter"].iloc[1]
    a = _TORNADO_NAMES[first]
    b = (
        "the route it takes"
        if (first, second) == ("app_inference_share", "via_model_share")
        else _TORNADO_NAMES[second]
    )
    return f"{a[0].upper()}{a[1:]} and {b} move the cloud share most"


_MODEL_NOTE = (
    "The essay's ranges, with the book's assumptions where it gives none: a model, not a "
    "series over time."  # its date (the essay's) is finish's: see essay_model_dated
)


def flow_figure(central: Mapping[str, float], essay_range: tuple[float, float]) -> dict:
    """``title``, ``subtitle``, ``alt_text``, ``source`` and ``note`` of the flow chart."""
    lo, hi = (f"{v:.0%}" for v in essay_range)
    return {
        "title": flow_title(central),
        "subtitle": "Where one dollar paid to an app ends up; drag the sliders below the chart",
        "alt_text": "Three stacked bars follow one end-user dollar: what the app keeps and pays "
        "for inference, what model providers keep and pay to clouds, and what clouds keep and "
        f"pay to hardware vendors. A fourth row compares the clouds' receipts with the essay's "
        f"{lo} to {hi} range. Four sliders set the shares.",
        "source": "Model: analysis/value_flow.py; shares from the a16z essay and our assumptions.",
        "note": _MODEL_NOTE,
    }


def monte_carlo_figure(
    summary: pd.DataFrame, essay_range: tuple[float, float], n_draws: int
) -> dict:
    """``title``, ``subtitle``, ``alt_text``, ``source`` and ``note`` of the Monte Carlo chart."""
    lo, hi = (f"{v:.0%}" for v in essay_range)
    return {
        "title": monte_carlo_title(summary),
        "subtitle": f"5th to 95th percentile (bar) and median (diamond) over {n_draws:,} draws",
        "alt_text": "For apps, model providers, clouds, hardware vendors and the clouds' "
        "receipts, a bar from the 5th to the 95th percentile of the share of an end-user "
        f"dollar each receives, with the median marked. The essay's {lo} to {hi} range is "
        "shaded on the receipts row.",
        "source": "Model: analysis/value_flow.py (Monte Carlo, seeded).",
        "note": _MODEL_NOTE,
    }


def tornado_figure(frame: pd.DataFrame) -> dict:
    """``title``, ``subtitle``, ``alt_text``, ``source`` and ``note`` of the tornado chart."""
    flat = [_TORNADO_NAMES[p] for p in frame.loc[frame["swing"] == 0, "parameter"]]
    no_effect = (
        f" The {' and the '.join(flat)} has no effect on the receipts and draws as a single tick."
        if flat
        else ""
    )
    return {
        "title": tornado_title(frame),
        "subtitle": "Clouds' receipts with one parameter at its low or high value, others central",
        "alt_text": "Horizontal bars, one per parameter, spanning the clouds' share of an "
        "end-user dollar when that parameter is at the low and at the high end of its range. "
        f"Solid bars are ranges the essay gives, hollow bars our assumptions.{no_effect} "
        "A dashed line marks the central value.",
        "source": "Model: analysis/value_flow.py (one-at-a-time sensitivity).",
        "note": _MODEL_NOTE,
    }


# ---------------------------------------------------------------- the data charts

_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _years_words(start: pd.Timestamp, end: pd.Timestamp) -> str:
    n = round((pd.Timestamp(end) - pd.Timestamp(start)).days / 365.25)
    word = _NUMBER_WORDS[n] if n < len(_NUMBER_WORDS) else str(n)
    return f"{word} year" if n == 1 else f"{word} years"


def _quarter(row: pd.Series) -> str:
    return f"Q{int(row['fiscal_quarter'])} FY{int(row['fiscal_year'])}"


def nvidia_figure(growth: pd.DataFrame) -> dict:
    """``title``, ``subtitle``, ``alt_text`` and ``note`` (where each series ends) of the
    Nvidia chart, from :func:`analysis.infrastructure.nvidia.nvidia_growth` (USD millions)."""
    dc = growth[growth["data_center_revenue_usd_m"].notna()]
    first, last = dc.iloc[0], dc.iloc[-1]
    fold = last["data_center_revenue_usd_m"] / first["data_center_revenue_usd_m"]
    span = _years_words(first["period_end"], last["period_end"])
    verb = "grew" if fold >= 1 else "shrank"
    size = f"{fold:.0f}-fold" if fold >= 1 else f"to {fold:.0%} of its level"
    ends = []
    for name, col in (("total revenue", "total_revenue_usd_m"), ("Data Center", None)):
        rows = growth[growth[col].notna()] if col else dc
        end = rows.iloc[-1]
        ends.append(
            f"{name} {_quarter(end)} (quarter ended {pd.Timestamp(end['period_end']):%-d %b %Y})"
        )
    return {
        "title": f"Nvidia's Data Center revenue {verb} {size} in {span}",
        "subtitle": "Revenue per fiscal quarter; 'n/a' where no Data Center figure in millions "
        "was found",
        "alt_text": f"Paired bars per Nvidia fiscal quarter from {_quarter(growth.iloc[0])} to "
        f"{_quarter(growth.iloc[-1])}: total revenue in grey and Data Center revenue in green, "
        "in billions of dollars. Quarters without a sourced Data Center figure are labelled n/a.",
        "note": "Data through: " + "; ".join(ends) + ".",
    }


def capex_figure(
    years: pd.DataFrame,
    full: pd.DataFrame,
    ratio: pd.DataFrame,
    companies: tuple[str, ...],
    first_year: int,
    threshold_usd_bn: float,
) -> dict:
    """``title``, ``subtitle``, ``alt_text`` and ``note`` of the capex chart (USD billions).

    ``years``/``full``: :func:`analysis.infrastructure.capex.company_years` and
    :func:`~analysis.infrastructure.capex.full_years`; ``ratio``:
    :func:`analysis.infrastructure.capex.dc_revenue_to_capex` rows with a ratio.
    """
    growth_x = full["sum"].iloc[-1] / full["sum"].iloc[0]
    moved = f"grew {growth_x:,.1f}×" if growth_x >= 1 else f"fell by {1 - growth_x:.0%}"
    ends = []
    for c in companies:
        got = years[(years["company"] == c) & years["capex_usd_bn"].notna()]
        last = got.sort_values("year").iloc[-1]
        kind = "" if last["year_type"] == "calendar" else " (fiscal year)"
        ends.append(f"{c} {int(last['year'])}{kind}")
    ends.append(f"Nvidia Data Center calendar {int(ratio['calendar_year'].iloc[-1])}")
    return {
        "title": f"Big-tech capex {moved} in {full.index[0]}–{full.index[-1]}; "
        f"Nvidia DC is {ratio['ratio'].iloc[-1]:.0%} of it",
        "subtitle": "Capex by company (lighter: Microsoft fiscal year to June); Nvidia DC revenue",
        "alt_text": f"Stacked bars of yearly capital expenditure of {', '.join(companies)} "
        f"from {first_year}, in billions of dollars, with a dashed line at the essay's "
        f"${threshold_usd_bn:,.0f} billion for the Big 3. Black diamonds mark Nvidia's Data "
        "Center revenue in the years it is complete, labelled with its ratio to the companies' "
        "capex.",
        "note": "Data through: " + "; ".join(ends) + ".",
    }


def layer_figure(layers: pd.DataFrame) -> dict:
    """``title``, ``subtitle``, ``alt_text`` and ``note`` of the layer-revenue chart, from
    :func:`analysis.infrastructure.layer_revenues.layer_revenues` (shares 0-1)."""
    ok = layers[layers["infrastructure_share"].notna()]
    lo, hi = ok["infrastructure_share"].min(), ok["infrastructure_share"].max()
    if lo >= 0.85:
        took = "took nearly all"
    elif lo > 0.5:
        took = "took most of"
    elif hi < 0.5:
        took = "took less than half of"
    else:
        took = f"took {lo:.0%} to {hi:.0%} of"
    apps = (ok["apps_usd_bn"] / ok["total_usd_bn"]).max()
    tail = "apps are a sliver" if apps < 0.05 else f"apps are at most {apps:.0%}"
    last = int(ok["calendar_year"].max())
    return {
        "title": f"Infrastructure {took} the revenue the book can track",
        "subtitle": "Share of the summed revenue of tracked companies, by layer and calendar year",
        "alt_text": "One stacked horizontal bar per calendar year with complete data, split into "
        "Nvidia Data Center revenue, GPU clouds, model providers and app companies. "
        f"Infrastructure is {lo:.0%} to {hi:.0%} of each bar; {tail}.",
        "note": f"Data through: calendar {last} for every layer (no later year has a complete "
        "Nvidia year).",
    }


def essay_model_dated(claims: pd.DataFrame, sources: pd.DataFrame) -> dict:
    """:func:`analysis.charts.finish`'s date for the value-flow model's charts: they have no
    time axis, being the a16z essay's assumptions, dated by the essay's publication."""
    a16z = claims[claims["essay"] == "a16z"]
    return published("A model of the a16z essay's assumptions, published", a16z, sources)
