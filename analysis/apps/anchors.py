"""The typical app priced at real token prices: the chapter's anchor numbers.

The Apps chapter calibrates its typical app's usage at the cheapest list price
of one capability level in the first month of the price series, then reads
the margin at other real prices. Units: token prices in USD per million tokens
(blended input:output), usage in millions of tokens per user per month, the
subscription in USD per user per month, shares and margins as fractions of
revenue.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from analysis import formatting
from analysis.apps import price_decline as pdl
from analysis.apps import unit_economics as ue


def fit_window(
    prices: pd.DataFrame,
    quality: pd.DataFrame,
    benchmark: str,
    fit_end: str,
    weights: Sequence[float],
) -> dict[str, object]:
    """Keyword arguments of the price series: blend weights and the last month fitted.

    ``fit_end`` "auto" means the last price of a model scored on
    ``benchmark`` (:func:`analysis.apps.price_decline.last_scored_price_date`);
    any other value is used as the end date. ``weights`` is ``(input, output)``.
    """
    end = pdl.last_scored_price_date(prices, quality, benchmark) if fit_end == "auto" else fit_end
    w_in, w_out = weights
    return {"input_weight": w_in, "output_weight": w_out, "end": end}


def reference_points(ends: pd.DataFrame, benchmark_name: str) -> pd.DataFrame:
    """The real prices marked on the margin chart, one row per level and end of the series.

    ``ends`` is :func:`analysis.apps.price_decline.endpoint_prices` output.
    Adds ``token_price`` (USD per million tokens), ``capability`` ("MMLU ≥ 70"),
    ``when`` ("first month (Mar 2023)") and ``label`` ("MMLU ≥ 70, Mar 2023: $2.00").
    """
    refs = ends.rename(columns={"blended_usd_per_mtok": "token_price"})
    refs = refs.assign(
        capability=[pdl.capability_label(benchmark_name, t) for t in refs["threshold"]],
        when=[f"{w} month ({m:%b %Y})" for w, m in zip(refs["when"], refs["month"], strict=True)],
    )
    refs["label"] = [
        f"{c}, {m:%b %Y}: ${p:,.2f}"
        for c, m, p in zip(refs["capability"], refs["month"], refs["token_price"], strict=True)
    ]
    return refs


@dataclass(frozen=True)
class PriceAnchors:
    """The typical app calibrated on one level's first price, and the prices read against it.

    ``tokens`` is usage in millions of tokens per user per month; prices are
    USD per million tokens; ``breakeven`` is the highest token price that
    still leaves ``target_margin``.
    """

    price_per_user: float
    other_cost_share: float
    target_margin: float
    tokens: float
    first_month: pd.Timestamp
    last_month: pd.Timestamp
    p_first: float
    p_last: float
    top_first: float
    top_last: float
    breakeven: float

    def margin_at(self, token_price: float) -> float:
        """Gross margin (fraction of revenue) at one blended token price."""
        return float(
            ue.gross_margin(
                self.price_per_user, self.tokens, 0, token_price, 0, self.other_cost_share
            )
        )


def price_anchors(
    ends: pd.DataFrame,
    headline_threshold: float,
    top_threshold: float,
    *,
    inference_share: float,
    price_per_user: float,
    other_cost_share: float,
    target_margin: float,
) -> PriceAnchors:
    """Calibrate usage so inference is ``inference_share`` at the headline level's first price.

    ``ends`` is :func:`analysis.apps.price_decline.endpoint_prices` output.
    Example: 30 % of a $20 plan at $2 per million tokens is 3 million tokens a
    month; a 55 % margin with 15 % other costs then needs tokens at or below
    20 * (1 - 0.15 - 0.55) / 3 = $2 per million.
    """
    head = ends[ends["threshold"] == headline_threshold].set_index("when")
    top = ends[ends["threshold"] == top_threshold].set_index("when")["blended_usd_per_mtok"]
    p_first = float(head.loc["first", "blended_usd_per_mtok"])
    tokens = float(ue.tokens_for_inference_share(inference_share, price_per_user, p_first))
    return PriceAnchors(
        price_per_user=price_per_user,
        other_cost_share=other_cost_share,
        target_margin=target_margin,
        tokens=tokens,
        first_month=pd.Timestamp(head.loc["first", "month"]),
        last_month=pd.Timestamp(head.loc["last", "month"]),
        p_first=p_first,
        p_last=float(head.loc["last", "blended_usd_per_mtok"]),
        top_first=float(top["first"]),
        top_last=float(top["last"]),
        breakeven=float(
            ue.blended_price_for_margin(target_margin, price_per_user, tokens, other_cost_share)
        ),
    )


def anchor_text(a: PriceAnchors, headline_cap: str, top_cap: str) -> dict[str, str]:
    """The anchor numbers as the chapter's prose states them, keyed by glue name.

    ``apps_top_verdict`` is the sentence the margin at the top level's first
    price supports: a negative margin rules out unlimited use on the plan.
    """
    money = lambda usd: f"${usd:,.2f}"  # noqa: E731 - USD per million tokens, two decimals
    top_margin = a.margin_at(a.top_first)
    plan = f"${a.price_per_user:,.0f}-a-month"
    return {
        "apps_price_per_user": plan,
        "apps_headline_cap": headline_cap,
        "apps_first_month": formatting.month(a.first_month),
        "apps_last_month": formatting.month(a.last_month),
        "apps_first_price": money(a.p_first),
        "apps_last_price": money(a.p_last),
        "apps_tokens_per_user": f"{a.tokens:,.1f}",
        "apps_margin_last_price": formatting.pct(a.margin_at(a.p_last)),
        "apps_target_margin": formatting.pct(a.target_margin),
        "apps_breakeven_price": money(a.breakeven),
        "apps_top_cap": top_cap,
        "apps_top_first_price": money(a.top_first),
        "apps_margin_top_first": formatting.pct(top_margin),
        "apps_top_verdict": (
            f"Such an app could not have offered unlimited use on a {plan} plan."
            if top_margin < 0
            else f"Even such an app could have offered unlimited use on a {plan} plan."
        ),
    }
