"""What the Apps chapter says about costs, as text keyed by glue name.

Each function takes analysis outputs and returns ``{glue name: text}`` for one
section of the chapter (the chapter glues them in a loop), so every number in
its prose is computed here once and tested. Shares and margins are fractions
of revenue (written as percent), token prices USD per million tokens, declines
"times cheaper per year".
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis import formatting
from analysis.apps import margin_projection
from analysis.apps import price_decline as pdl
from analysis.apps import unit_economics as ue

pct, multiple, month = formatting.pct, formatting.multiple, formatting.month


def essay_model_text(
    typical: ue.TypicalApp,
    inference_band: tuple[float, float] = ue.ESSAY_INFERENCE_SHARE,
    margin_band: tuple[float, float] = ue.ESSAY_GROSS_MARGIN,
    other_band: tuple[float, float] = ue.OTHER_COST_SHARE_ASSUMPTION,
) -> dict[str, str]:
    """The essay's ranges, the margins they imply and the typical app ("The model").

    ``apps_grid_ratio`` is how many times wider the implied margin range is
    than the essay's band; ``apps_implied_other_*`` the other costs the
    essay's two figures imply together (a negative lower end is written 0 %).
    """
    grid = ue.essay_margin_grid(inference_band, other_band)
    c = ue.essay_band_consistency(inference_band, margin_band, other_band)
    shares = {
        "inf_lo": inference_band[0],
        "inf_hi": inference_band[1],
        "margin_lo": margin_band[0],
        "margin_hi": margin_band[1],
        "other_lo": other_band[0],
        "other_hi": other_band[1],
        "grid_lo": grid.min(),
        "grid_hi": grid.max(),
        "implied_other_lo": max(c["implied_other_low"], 0.0),
        "implied_other_hi": c["implied_other_high"],
        "typical_inf": typical.inference_share,
        "typical_other": typical.other_cost_share,
        "typical_margin": typical.gross_margin,
    }
    out = {f"apps_{k}": pct(v) for k, v in shares.items()}
    out["apps_grid_ratio"] = multiple((grid.max() - grid.min()) / (margin_band[1] - margin_band[0]))
    return out


def consistent_inference(
    other_cost_share: float,
    inference_band: tuple[float, float] = ue.ESSAY_INFERENCE_SHARE,
    margin_band: tuple[float, float] = ue.ESSAY_GROSS_MARGIN,
) -> tuple[float, float] | None:
    """Inference shares inside the essay's range that give a margin inside its band.

    ``margin = 1 - inference - other``, so the band needs inference between
    ``1 - other - margin_hi`` and ``1 - other - margin_lo``; the result is that
    interval cut to ``inference_band``, or ``None`` when they do not overlap.
    Example: other costs 15 %, band 50-60 %, range 20-40 % gives (25 %, 35 %).
    """
    lo = max(1 - other_cost_share - margin_band[1], inference_band[0])
    hi = min(1 - other_cost_share - margin_band[0], inference_band[1])
    return (round(lo, 12), round(hi, 12)) if lo <= hi else None


def decline_text(
    fits: pd.DataFrame,
    series: pd.DataFrame,
    prices: pd.DataFrame,
    *,
    fit_end: object,
    confidence: float,
    weights: Sequence[float],
    benchmark_name: str,
) -> dict[str, str]:
    """The fitted declines at each level ("The decline of token prices").

    ``fits``: :func:`analysis.apps.decline_fit.fit_decline_by_threshold`;
    ``series``: :func:`analysis.apps.price_decline.cheapest_price_by_month`.
    Per threshold ``t`` (keyed ``f"{t:g}"``): the fold per year and its
    interval. ``apps_fastest_level`` names the level that fell fastest ("middle
    level" when it is the middle one) and ``apps_jump_*`` that level's largest
    one-month fall (:func:`analysis.apps.price_decline.largest_step_down`).
    """
    out = {
        "apps_fit_start": month(series["month"].min()),
        "apps_fit_end": month(fit_end),
        "apps_n_priced_models": formatting.count(prices["model"].nunique()),
        "apps_n_price_rows": formatting.count(len(prices)),
        "apps_confidence": pct(confidence),
        "apps_weights": ":".join(f"{w:g}" for w in weights),
    }
    for r in fits.itertuples():
        key = f"{r.threshold:g}"
        out[f"apps_fold_{key}"] = multiple(r.fold_decline_per_year, 1)
        out[f"apps_fold_lo_{key}"] = multiple(1 / r.annual_factor_high, 1)
        out[f"apps_fold_hi_{key}"] = multiple(1 / r.annual_factor_low, 1)
        out[f"apps_cap_{key}"] = pdl.capability_label(benchmark_name, r.threshold)
    fitted = fits.dropna(subset=["fold_decline_per_year"])
    fastest = float(fitted.loc[fitted["fold_decline_per_year"].idxmax(), "threshold"])
    levels = sorted(fits["threshold"])
    middle = len(levels) == 3 and fastest == levels[1]
    out["apps_fastest_level"] = (
        "middle level" if middle else f"{pdl.capability_label(benchmark_name, fastest)} level"
    )
    out["apps_mechanism"] = mechanism_sentence(fits)
    jump = pdl.largest_step_down(series, fastest)
    out["apps_jump_model"] = str(jump["model"])
    out["apps_jump_month"] = month(jump["month"])
    out["apps_jump_fold"] = multiple(jump["fold"], 0)
    return out


def current_text(
    cur_fits: pd.DataFrame,
    cur_series: pd.DataFrame,
    models: pd.DataFrame,
    benchmark_name: str,
) -> dict[str, str]:
    """The declines on the benchmark frontier models still report, and its cheapest models.

    Levels are numbered from 0 (lowest). ``apps_cur_last_models`` names the
    cheapest model at each level in the series' last month, whether its
    weights are open (``models.open_weights``) and its blended price.
    """
    out = {
        "apps_cur_name": benchmark_name,
        "apps_cur_end": month(cur_series["month"].max()),
    }
    for i, r in enumerate(cur_fits.itertuples()):
        out[f"apps_cur_cap_{i}"] = pdl.capability_label(benchmark_name, r.threshold)
        out[f"apps_cur_fold_{i}"] = multiple(r.fold_decline_per_year, 0)
        out[f"apps_cur_span_{i}"] = f"{month(r.first_month)} to {month(r.last_month)}"
    weights = models.set_index("model")["open_weights"].astype(str).str.lower() == "true"
    last = pdl.endpoint_prices(cur_series).query("when == 'last'")
    out["apps_cur_last_models"] = "; ".join(
        f"{r.model} ({'open weights' if weights.get(r.model, False) else 'closed'}) at "
        f"{pdl.capability_label(benchmark_name, r.threshold)}, "
        f"${r.blended_usd_per_mtok:,.2f} per million tokens"
        for r in last.itertuples()
    )
    return out


def headline_rows(
    projection: pd.DataFrame, threshold: float, base_year: int, last_year: int
) -> tuple[pd.Series, pd.Series]:
    """The projection's rows for one level in the year after ``base_year`` and in ``last_year``."""
    level = projection[projection["threshold"] == threshold].set_index("year")
    return level.loc[base_year + 1], level.loc[last_year]


def projection_text(
    projection: pd.DataFrame,
    fits: pd.DataFrame,
    typical: ue.TypicalApp,
    *,
    headline_threshold: float,
    base_year: int,
    last_year: int,
    usage_growth: float,
) -> dict[str, str]:
    """The margin projection at the headline level ("The margin projection").

    ``projection``: :func:`analysis.apps.margin_projection.project_margin_by_threshold`.
    ``apps_ceiling`` is the margin with free tokens, ``1 - other cost share``;
    ``apps_offset_growth`` the yearly growth in tokens per user that cancels
    the headline level's fitted decline. ``apps_band_sentence`` says whether
    the bands are narrow: under 5 points wide in every year after the first,
    with inference under 5 % of revenue in ``last_year`` in every scenario.
    """
    nxt, last = headline_rows(projection, headline_threshold, base_year, last_year)
    factor = float(fits.set_index("threshold").loc[headline_threshold, "annual_factor"])
    later = projection[projection["year"] > base_year]
    width = float((later["margin_high"] - later["margin_low"]).max()) if len(later) else 0.0
    end = projection[projection["year"] == last_year]
    inference = float(end["inference_share_slow_decline"].max()) if len(end) else 1.0
    band = (
        "The bands are narrow because inference shrinks to a sliver in every scenario."
        if width < 0.05 and inference < 0.05
        else f"The bands span up to {formatting.pct_points(width * 100, 0)}: the fitted "
        "declines are uncertain enough to matter."
    )
    return {
        "apps_proj_last_year": str(last_year),
        "apps_proj_base_year": str(base_year),
        "apps_proj_next_year": str(base_year + 1),
        "apps_proj_next": pct(nxt["margin_central"]),
        "apps_proj_next_low": pct(nxt["margin_low"]),
        "apps_proj_next_high": pct(nxt["margin_high"]),
        "apps_proj_central": pct(last["margin_central"]),
        "apps_ceiling": pct(1 - typical.other_cost_share),
        "apps_offset_growth": multiple(margin_projection.offsetting_usage_growth(factor), 1),
        "apps_usage_growth": multiple(usage_growth, 1),
        "apps_band_sentence": band,
    }


def mechanism_sentence(fits: pd.DataFrame) -> str:
    """What the fitted declines say about the essay's mechanism (cheaper models, better margins).

    Every level's interval below 1 (prices fell for certain) and every central
    fall at least 3x a year: "many times over"; all fell but some by less:
    "fell"; otherwise the prices did not fall at every level.
    """
    f = fits.dropna(subset=["annual_factor_high"])
    if not f.empty and (f["annual_factor_high"] < 1).all():
        many = (f["fold_decline_per_year"] >= 3).all()
        fell = "fell many times over" if many else "fell"
        return f"token prices for a fixed capability {fell}, as the essay expected"
    return "token prices for a fixed capability did not fall at every level, against the essay"
