"""The Apps chapter's figures assembled: chart, computed title, text alternative, source.

Each ``*_figure`` function returns a chart passed through
:func:`analysis.charts.finish`; each ``*_title`` states the chart's finding
computed from its data, so an extreme parameter cannot make the title say
the opposite of the chart. Shares and margins are fractions of revenue,
token prices USD per million tokens, revenue USD millions.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis import formatting
from analysis.apps import cost_text
from analysis.apps import unit_economics as ue
from analysis.apps.anchors import PriceAnchors
from analysis.charts import apps as charts
from analysis.charts import apps_prices, finish
from analysis.data import provenance

pct = formatting.pct

NEAR_CEILING = 0.8
"""Share of the gap from the base-year margin to the ceiling that counts as "near the ceiling"."""


def _words(values: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    values = list(values)
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " and " + values[-1]


# --------------------------------------------------------------------------
# the essay's arithmetic
# --------------------------------------------------------------------------


def essay_margin_title(
    other_cost_share: float,
    inference_band: tuple[float, float] = ue.ESSAY_INFERENCE_SHARE,
    margin_band: tuple[float, float] = ue.ESSAY_GROSS_MARGIN,
) -> str:
    """Where the essay's margin band and inference range meet at one other-cost share.

    Uses :func:`analysis.apps.cost_text.consistent_inference`: the middle of
    the inference shares that give a margin inside the band, or a title
    saying that none does.
    """
    fit = cost_text.consistent_inference(other_cost_share, inference_band, margin_band)
    if fit is None:
        return (
            f"With {pct(other_cost_share)} other costs, no inference share in the essay's "
            "range gives its margins"
        )
    return f"The essay's margins need inference near {pct(sum(fit) / 2)} of revenue"


def essay_margin_figure(
    typical: ue.TypicalApp,
    other_band: tuple[float, float],
    essay_date: str,
    claims: pd.DataFrame,
    sources: pd.DataFrame,
) -> object:
    """Figure: gross margin against the inference share, the essay's ranges shaded."""
    inf, mar = ue.ESSAY_INFERENCE_SHARE, ue.ESSAY_GROSS_MARGIN
    others = sorted({other_band[0], typical.other_cost_share, other_band[1]})
    rows = claims[claims["claim_id"].isin(["a16z-12", "a16z-34"])]
    fit = cost_text.consistent_inference(typical.other_cost_share, inf, mar)
    where = (
        f"the lines cross the overlap only between inference shares of {pct(fit[0])} and "
        f"{pct(fit[1])}"
        if fit
        else "the typical app's line misses the overlap"
    )
    return finish(
        charts.essay_margin_chart(ue.margin_table(np.linspace(0, 0.6, 61), others), inf, mar),
        chart_id="fig-apps-essay-margins",
        title=essay_margin_title(typical.other_cost_share, inf, mar),
        subtitle="Gross margin = 1 − inference share − other cost share; shaded: the essay's "
        f"ranges ({formatting.month(essay_date)})",
        alt_text=(
            "Line chart of gross margin against the inference share of revenue, for other "
            f"costs of {_words([pct(o) for o in others])} of revenue. The essay's inference "
            f"range ({pct(inf[0])} to {pct(inf[1])}) and margin band ({pct(mar[0])} to "
            f"{pct(mar[1])}) are shaded; at {pct(typical.other_cost_share)} other costs "
            f"{where}."
        ),
        source=provenance.source_line(rows, sources, "seed_claims (claims a16z-12, a16z-34)"),
        data_as_of=provenance.data_as_of(rows, sources),
    )


# --------------------------------------------------------------------------
# the interactive margin model
# --------------------------------------------------------------------------


def slider_title(a: PriceAnchors, top_cap: str) -> str:
    """What the top level's first and last prices did to the typical app's margin."""
    y0, y1 = f"{a.first_month:%Y}", f"{a.last_month:%Y}"
    first, last = a.margin_at(a.top_first), a.margin_at(a.top_last)
    app = f"an {top_cap} app" if top_cap[:1].upper() in "AEFHILMNORSX" else f"a {top_cap} app"
    if first < 0 <= last:
        return f"At {y0} prices {app} lost money; by {y1} it had room"
    if first < 0 and last < 0:
        return f"At both {y0} and {y1} prices {app} lost money"
    if last < 0:
        return f"At {y0} prices {app} had room; at {y1} prices it lost money"
    return f"At both {y0} and {y1} prices {app} kept a margin"


def margin_slider_figure(
    refs: pd.DataFrame,
    a: PriceAnchors,
    *,
    top_cap: str,
    capability_order: Sequence[str],
    price_rows: pd.DataFrame,
    sources: pd.DataFrame,
) -> object:
    """Figure: the margin at each token price, driven by sliders, real prices marked."""
    levels = _words(list(capability_order))
    return finish(
        charts.margin_slider_chart(
            refs,
            price_per_user_usd_month=a.price_per_user,
            mtok_per_user_month=round(a.tokens / 0.05) * 0.05,
            other_cost_share=a.other_cost_share,
            target_margin=a.target_margin,
            margin_band=ue.ESSAY_GROSS_MARGIN,
            capability_order=capability_order,
            sources=sources,
        ),
        chart_id="fig-apps-margin-slider",
        title=slider_title(a, top_cap),
        subtitle="Move the sliders (no kernel needed); ▼ marks a margin below the axis, with "
        "its value",
        alt_text=(
            "Interactive line chart of an app's gross margin against the blended token price "
            "on a log scale, with sliders for the price per user, tokens per user and other "
            f"costs. Points mark the cheapest list price at {levels} in the first and last "
            "month of the price series; a panel lists the margin at each, and the token "
            "price needed for the target margin."
        ),
        source=provenance.source_line(price_rows, sources, "api_prices"),
        data_as_of=provenance.data_as_of(price_rows, sources),
    )


# --------------------------------------------------------------------------
# the decline of token prices
# --------------------------------------------------------------------------


def price_decline_figure(
    series: pd.DataFrame,
    trend: pd.DataFrame,
    fits: pd.DataFrame,
    benchmark_name: str,
    *,
    chart_id: str,
    price_rows: pd.DataFrame,
    sources: pd.DataFrame,
) -> object:
    """Figure: the cheapest price of each capability level by month, with its fitted decline."""
    return finish(
        apps_prices.price_decline_chart(series, trend, benchmark_name, sources=sources),
        chart_id=chart_id,
        title=apps_prices.decline_title(fits, benchmark_name),
        subtitle="Cheapest blended list price per month (steps) and log-linear fit (dashed)",
        alt_text=apps_prices.decline_alt_text(series, benchmark_name),
        source=provenance.source_line(price_rows, sources, "api_prices, model_quality"),
        data_as_of=provenance.data_as_of(price_rows, sources),
    )


# --------------------------------------------------------------------------
# the margin projection
# --------------------------------------------------------------------------


def years_to_near_ceiling(
    projection: pd.DataFrame, base_margin: float, ceiling: float, base_year: int
) -> dict[float, int | None]:
    """Per level, years after ``base_year`` until the central margin is near the ceiling.

    "Near" is :data:`NEAR_CEILING` of the gap from ``base_margin`` to
    ``ceiling`` closed; ``None`` when the projection never gets there.
    """
    goal = base_margin + NEAR_CEILING * (ceiling - base_margin)
    out: dict[float, int | None] = {}
    for threshold, rows in projection.groupby("threshold"):
        near = rows[rows["margin_central"] >= goal - 1e-12]["year"]
        out[float(threshold)] = int(near.min()) - base_year if len(near) else None
    return out


def projection_title(
    projection: pd.DataFrame, base_margin: float, ceiling: float, base_year: int
) -> str:
    """The projection's finding: how soon margins near the ceiling, or that they fall."""
    last = projection[projection["year"] == projection["year"].max()]
    if (last["margin_central"] < base_margin).all():
        return "Usage grows faster than tokens get cheaper: margins fall"
    years = years_to_near_ceiling(projection, base_margin, ceiling, base_year)
    if any(v is None for v in years.values()):
        n = sum(v is not None for v in years.values())
        return (
            f"Cheaper tokens lift margins near the ceiling at {n} of {len(years)} levels "
            f"by {int(projection['year'].max())}"
        )
    worst = max(years.values())
    when = "within a year" if worst <= 1 else f"within {worst} years"
    return f"Cheaper tokens lift margins near the ceiling {when}"


def margin_projection_figure(
    projection: pd.DataFrame,
    typical: ue.TypicalApp,
    *,
    base_year: int,
    fit_end: object,
    capability_order: Sequence[str],
    benchmark_name: str,
    price_rows: pd.DataFrame,
    sources: pd.DataFrame,
) -> object:
    """Figure: the typical app's margin by year if every fitted price cut reached it."""
    ceiling = 1 - typical.other_cost_share
    title = projection_title(projection, typical.gross_margin, ceiling, base_year)
    first, last = int(projection["year"].min()), int(projection["year"].max())
    return finish(
        apps_prices.margin_projection_chart(
            projection,
            ue.ESSAY_GROSS_MARGIN,
            ceiling,
            capability_order,
            data_through=f"{pd.Timestamp(fit_end):%b %Y}",
        ),
        chart_id="fig-apps-margin-projection",
        title=title,
        subtitle=(
            f"Typical app ({pct(typical.inference_share)} inference, "
            f"{pct(typical.other_cost_share)} other costs in {base_year}), usage held flat; "
            "band: interval"
        ),
        alt_text=(
            "Line chart with bands of the typical app's projected gross margin from "
            f"{first} to {last} if token prices fall at the rate fitted for each "
            f"{benchmark_name} level. Margins move from {pct(typical.gross_margin)} "
            f"towards the {pct(ceiling)} ceiling: {title[0].lower()}{title[1:]}. The "
            f"essay's {pct(ue.ESSAY_GROSS_MARGIN[0])} to {pct(ue.ESSAY_GROSS_MARGIN[1])} "
            "band is shaded."
        ),
        source=provenance.source_line(price_rows, sources, "api_prices, model_quality"),
        data_as_of=provenance.data_as_of(price_rows, sources),
        note="A model, not observed margins: usage per user held at its base-year level.",
    )


# --------------------------------------------------------------------------
# app revenues
# --------------------------------------------------------------------------


def revenue_title(reach: pd.DataFrame, threshold_usd_m: float, essay_date: str) -> str:
    """When the apps that reached ``threshold_usd_m`` first show it, against the essay's date.

    ``reach`` is :func:`analysis.apps.app_revenue.time_to_revenue_threshold`
    output. "Most" means more than half of the apps that reached it; otherwise
    the title gives the span of years.
    """
    money = formatting.money_usd_m(threshold_usd_m)
    dates = pd.to_datetime(reach.loc[reach["reached"], "first_date_reached"])
    if dates.empty:
        return f"No app in our data has reached {money} yet"
    before = int((dates <= pd.Timestamp(essay_date)).sum())
    years = dates.dt.year.value_counts()
    mode, n_mode = int(years.idxmax()), int(years.max())
    head = (
        f"Most apps that crossed {money} did so in {mode}"
        if n_mode * 2 > len(dates)
        else f"Apps crossed {money} from {dates.dt.year.min()} to {dates.dt.year.max()}"
    )
    if before == 0:
        return f"{head}, none before the essay"
    return f"{head}, {before} of {len(dates)} before the essay"


def revenue_figure(
    app_pts: pd.DataFrame,
    reach: pd.DataFrame,
    threshold_usd_m: float,
    essay_date: str,
    sources: pd.DataFrame,
) -> object:
    """Figure: apps' run-rates and annual revenues over time against the threshold."""
    reached = list(reach.loc[reach["reached"], "company"])
    money = formatting.money_usd_m(threshold_usd_m)
    return finish(
        charts.revenue_chart(app_pts, reached, threshold_usd_m, essay_date, sources),
        chart_id="fig-apps-revenue",
        title=revenue_title(reach, threshold_usd_m, essay_date),
        subtitle="Run-rate or annual revenue; filled points are reported; labels: latest figure",
        alt_text=(
            "Line and point chart on a log scale of app companies' annualized or annual "
            f"revenue over time, from {app_pts['date'].min():%Y} to "
            f"{app_pts['date'].max():%Y}, with a dashed line at {money} and a rule at the "
            f"essay's date. Companies that reached {money} are in the apps colour, the "
            "others grey; each line ends at its latest figure, labelled with its month."
        ),
        source=provenance.source_line(app_pts, sources, "revenue_points"),
        data_as_of=provenance.data_as_of(app_pts, sources),
    )
