"""Titles, subtitles and text alternatives of the Models chapter's charts, from the data.

A title that states a finding is computed from the numbers the chart draws,
so it cannot contradict the chart when the data or a parameter change (issue
20). Each function takes the frame the chart draws. Shares are fractions 0-1
(printed as percent), benchmark gaps in the benchmark's points, lags in
months, money in USD millions.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from analysis.charts.palette import LAYER_LABELS
from analysis.formatting import date, month, pct
from analysis.models.headline import gap_direction


def data_through(when: object, what: str = "") -> str:
    """``"Data through 20 November 2026"`` (plus `` (what)`` when given): where a chart's
    series end, drawn in the chart itself."""
    return f"Data through {date(pd.Timestamp(when))}" + (f" ({what})" if what else "")


def _last(frame: pd.DataFrame, column: str = "year_end") -> pd.DataFrame:
    return frame[frame[column] == frame[column].max()]


def money_title(by_layer: pd.DataFrame, by_company: pd.DataFrame) -> str:
    """Which layer took the most of the cumulative funding at the last year end, and
    which two companies took most of the model layer's.

    ``by_layer`` / ``by_company``: :func:`analysis.models.concentration.cumulative_funding`
    by layer and by company (model layer), with ``share`` / ``cumulative_usd_m``.
    """
    shares = _last(by_layer).set_index("layer")["share"]
    models = float(shares.get("models", 0.0))
    if models > 0.5:
        head = "Model makers took most of the money"
    elif shares.idxmax() == "models":
        head = "Model makers took the largest share of the money"
    else:
        head = f"{LAYER_LABELS.get(shares.idxmax(), shares.idxmax())} took more money than models"
    comp = _last(by_company).sort_values("cumulative_usd_m", ascending=False)
    a, b = comp["company"].iloc[:2]
    two = comp["cumulative_usd_m"].iloc[:2].sum() / comp["cumulative_usd_m"].sum()
    tail = "most of that" if two > 0.5 else "the largest shares of that"
    return f"{head}, {a} and {b} {tail}"


def money_alt_text(by_company: pd.DataFrame) -> str:
    """Text alternative of :func:`analysis.charts.models.money_by_layer`."""
    comp = _last(by_company).sort_values("cumulative_usd_m", ascending=False)
    a, b = comp["company"].iloc[:2]
    two = comp["cumulative_usd_m"].iloc[:2].sum() / comp["cumulative_usd_m"].sum()
    return (
        "Left: stacked bars of each layer's share of cumulative funding in our rounds at each "
        "year end, with the model layer at the bottom. Black marks show the model-layer shares "
        "stated by Morgan Stanley and NFX (via Teng) and by Dealroom. Right: stacked bars of "
        f"model-layer funding in billions of dollars by company; {a} and {b} hold {pct(two)} "
        "of it at the last year end."
    )


def _metric(metrics: pd.DataFrame, scope: str, metric: str) -> pd.Series:
    rows = metrics[(metrics["scope"] == scope) & (metrics["metric"] == metric)]
    return rows.set_index(rows["year_end"].dt.year)["value"].sort_index()


def concentration_title(metrics: pd.DataFrame, scope: str = "Model layer") -> str:
    """The three largest companies' share at the last year end and which way the largest
    company's share moved since the year end before.

    ``metrics``: :func:`analysis.models.model_layer.concentration_by_scope` output.
    """
    top3, top1 = _metric(metrics, scope, "top3_share"), _metric(metrics, scope, "top1_share")
    share = pct(float(top3.iloc[-1]))
    head = (
        f"Three model makers hold {share} of the money"
        if top3.iloc[-1] > 0.5
        else (f"Three model makers hold only {share} of the money")
    )
    change = float(top1.iloc[-1]) - float(top1.iloc[-2]) if len(top1) > 1 else 0.0
    way = "rose" if change > 0 else "fell" if change < 0 else "held"
    return f"{head}; the largest one's share {way}"


def concentration_alt_text(metrics: pd.DataFrame, scope: str = "Model layer") -> str:
    """Text alternative of :func:`analysis.charts.models.concentration_selector`."""
    values = {m: _metric(metrics, scope, m) for m in ("top1_share", "top3_share", "hhi", "gini")}
    first, last = int(values["hhi"].index.min()), int(values["hhi"].index.max())
    at = {m: float(v.iloc[-1]) for m, v in values.items()}
    return (
        "Line chart with a menu to choose the measure: share of the largest company, share of "
        "the three largest, Herfindahl-Hirschman index or Gini coefficient, for all layers and "
        f"for the model layer, at each year end from {first}. For the model layer in {last}: "
        f"largest company {pct(at['top1_share'])}, three largest {pct(at['top3_share'])}, "
        f"HHI {at['hhi']:.2f}, Gini {at['gini']:.2f}."
    )


def gini_by_year(metrics: pd.DataFrame, scope: str = "Model layer") -> pd.DataFrame:
    """``year`` and ``gini`` (0-1) of one scope, for the Lorenz chart's label."""
    gini = _metric(metrics, scope, "gini")
    return pd.DataFrame({"year": gini.index.astype(int), "gini": gini.to_numpy()})


def top_holding_half(points: pd.DataFrame) -> tuple[int, int, float]:
    """At the last year of :func:`analysis.charts.models.lorenz_points_named` output:
    the fewest largest companies holding at least half the funding, how many companies
    there are, and the share (0-1) those few hold."""
    year = points[(points["year"] == points["year"].max()) & (points["point"] > 0)]
    amounts = year["amount_usd_m"].sort_values(ascending=False).to_numpy()
    shares = amounts.cumsum() / amounts.sum()
    k = int((shares < 0.5).sum()) + 1
    return k, len(amounts), float(shares[k - 1])


def lorenz_title(points: pd.DataFrame) -> str:
    """How few of the funded model makers hold half the money (last year on the curve)."""
    k, n, share = top_holding_half(points)
    who = "The largest" if k == 1 else f"The {k} largest"
    verb = "holds" if k == 1 else "hold"
    return f"{who} of {n} funded model makers {verb} {pct(share)} of the money"


def lorenz_alt_text(points: pd.DataFrame) -> str:
    """Text alternative of :func:`analysis.charts.models.lorenz_slider`."""
    k, n, share = top_holding_half(points)
    return (
        "Lorenz curve of model-layer funding across funded companies, smallest first, for the "
        "year end picked on a slider, with its Gini coefficient. In the last year the curve "
        f"stays at {pct(1 - share)} until the last {k} of {n} companies, which carry it to 100%."
    )


def open_funding_title(weights: pd.DataFrame) -> str:
    """What share of model-layer funding companies releasing only open weights raised.

    ``weights``: :func:`analysis.models.concentration.open_weights_funding_share`.
    """
    last = _last(weights).set_index("weights")["share"]
    share = float(last.get("open", 0.0))
    year = int(weights["year_end"].max().year)
    return f"Open-weights-only companies raised {pct(share, 1)} of model-layer money to {year}"


def open_funding_alt_text(weights: pd.DataFrame) -> str:
    """Text alternative of :func:`analysis.charts.models.open_closed_funding`."""
    last = _last(weights).set_index("weights")["share"]
    return (
        "Stacked bars per year end of the share of model-layer funding raised by companies "
        "that release closed weights, some open weights, or only open weights. At the last "
        f"year end: closed {pct(float(last.get('closed', 0.0)))}, some open "
        f"{pct(float(last.get('some', 0.0)))}, only open {pct(float(last.get('open', 0.0)), 1)}."
    )


def valuation_title(summary: Mapping[str, object]) -> str:
    """The range of valuation-to-revenue multiples (×) of the matched rounds.

    ``summary``: :func:`analysis.models.model_layer.valued_round_summary`.
    """
    low, high = float(summary["low"]), float(summary["high"])  # type: ignore[arg-type]
    return f"Model makers were priced at {low:.0f}-{high:.0f} times revenue"


def valuation_subtitle(multiples: pd.DataFrame) -> list[str]:
    """Subtitle of :func:`analysis.charts.models_valuation.valuation_multiples`: what is divided by
    what, the marks' meaning, and the date of the last round drawn."""
    drawn = multiples.dropna(subset=["multiple"])
    return [
        "Post-money valuation / nearest revenue figure, each priced round, log scale",
        "Circle: run-rate; square: a year's revenue; filled: reported revenue",
        data_through(drawn["date"].max(), "last priced round with a revenue figure"),
    ]


def valuation_alt_text(summary: Mapping[str, object], multiples: pd.DataFrame) -> str:
    """Text alternative of :func:`analysis.charts.models_valuation.valuation_multiples`."""
    ordered = multiples.dropna(subset=["multiple"]).sort_values("date")
    low, high = float(summary["low"]), float(summary["high"])  # type: ignore[arg-type]
    return (
        "Scatter of valuation-to-revenue multiples of model companies' priced rounds, log "
        f"scale, one colour per company ({', '.join(dict.fromkeys(ordered['company']))}), "
        f"all between {low:.0f} and {high:.0f} times revenue."
    )


def gap_title(headline: Mapping[str, object], parity: float) -> str:
    """What happened to the gap on the headline benchmark, and where it stood last.

    ``headline``: :func:`analysis.models.headline.open_closed_headline`;
    ``parity``: the gap (benchmark points) at which the two are on par
    (:func:`analysis.models.headline.gap_direction`).
    """
    first, last = float(headline["first_gap"]), float(headline["last_gap"])  # type: ignore[arg-type]
    name = headline["benchmark_name"]
    when = f"{pd.Timestamp(headline['last_month']):%b %Y}"  # type: ignore[arg-type]
    way = gap_direction(first, last, parity)
    if way == "drew level":
        return f"Open models drew level on {name} by {when}"
    return f"Open models {way} on {name}, to {last:.1f} points"


def gap_subtitle(lags: pd.DataFrame) -> list[str]:
    """Subtitle of :func:`analysis.charts.models_quality.gap_lag`, with the median months
    an open model took to match a new closed best (matched records only)."""
    matched = lags.loc[~lags["censored"], "lag_months"]
    median = (
        f"median {matched.median():.0f} months where matched" if len(matched) else "none matched"
    )
    return [
        "Top: best score so far, closed vs open, and every model (hover for details)",
        f"Bottom: months until an open model matched each new closed best ({median})",
    ]


def gap_alt_text(frontier: pd.DataFrame, headline: Mapping[str, object]) -> str:
    """Text alternative of :func:`analysis.charts.models_quality.gap_lag`."""
    first, last = float(headline["first_gap"]), float(headline["last_gap"])  # type: ignore[arg-type]
    way = "closer to" if last < first else "no closer to"
    return (
        "Two panels with a benchmark menu. Top: step lines of the best closed and best open "
        f"score month by month since {month(frontier['month'].min())}, each ending at its last "
        "scored model with a 'data through' label, a point for every model and the essay's "
        "Vicuna claim as a hollow diamond above Vicuna's measured score. On "
        f"{headline['benchmark_name']} the open line ends {way} the closed line than it began "
        f"({first:.1f} then {last:.1f} points). Bottom: bars from each frontier-setting closed "
        "model's release to the first open model at least as good, or to the benchmark's last "
        "scored release when none is yet."
    )


def price_alt_text(fall: Mapping[str, object], benchmark_name: str) -> str:
    """Text alternative of :func:`analysis.charts.models_quality.price_comparison`."""
    first, last = fall["first"], fall["last"]
    return (
        "Step lines on a log scale: the blended price per million tokens of the closed model "
        f"with the best {benchmark_name} score, going from "
        f"{first['closed_usd_per_mtok']:.2f} to {last['closed_usd_per_mtok']:.2f} dollars "  # type: ignore[index]
        f"({month(last['month'])}, where its data end), and of the cheapest open model "  # type: ignore[index]
        "of similar score where one is priced; grey points show every priced model."
    )


def usage_through(latest: pd.DataFrame) -> str:
    """Where each publisher's figures end: ``"Data through: Menlo Ventures Jul 2025; ..."``.

    ``latest``: :func:`analysis.models.usage.latest_by_measure` (``publisher``, ``date``).
    """
    ends = latest.groupby("publisher")["date"].max().sort_values(ascending=False)
    return "Data through: " + "; ".join(f"{p} {d:%b %Y}" for p, d in ends.items())


def usage_subtitle(latest: pd.DataFrame) -> list[str]:
    """Subtitle of :func:`analysis.charts.models_usage.usage_measures`: what is drawn, and
    where each publisher's figures end (:func:`usage_through`)."""
    return [
        "Latest share on each measure and publisher; measures are never added up",
        usage_through(latest),
    ]
