"""The value-flow model's numbers as the Infrastructure chapter's prose states them.

Each function returns ``{glue_name: text}`` (names without the chapter's
``infra_`` prefix) computed from the model in
:mod:`~analysis.infrastructure.value_flow` and its Monte Carlo
(:mod:`~analysis.infrastructure.flow_uncertainty`). Shares are fractions of
one end-user dollar (0-1) and print as percentages.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from analysis import formatting
from analysis.infrastructure import flow_uncertainty
from analysis.infrastructure import value_flow as vf

QUOTED_CLAIMS: tuple[str, ...] = (
    "a16z-05",
    "a16z-35",
    "a16z-36",
    "a16z-38",
    "a16z-41",
    "a16z-45",
    "a16z-46",
)
"""The essay's claims the chapter quotes (``seed_claims`` ids)."""

Range3 = tuple[float, float, float]


def essay_texts(
    quotes: Mapping[str, str], inference: Range3, essay_cloud: tuple[float, float]
) -> dict[str, str]:
    """The quoted claims (``quote_a16z_05`` ...) and the essay's own ranges.

    ``quotes``: claim id -> quote; ``inference``: the apps' inference share
    (low, central, high); ``essay_cloud``: the essay's share of revenue that
    reaches clouds (low, high). ``mc_interval`` is the width of the Monte Carlo's
    central interval (95th minus 5th percentile), as a percentage.
    """
    t = {f"quote_{cid.replace('-', '_')}": quotes[cid] for cid in QUOTED_CLAIMS}
    capital = vf.CAPITAL_CLOUD_SHARE
    pcts = flow_uncertainty.PERCENTILES
    t.update(
        essay_inference=formatting.pct_range(inference[0], inference[2]),
        essay_cloud=formatting.pct_range(*essay_cloud),
        essay_capital=formatting.pct_range(capital.low, capital.high),
        mc_interval=formatting.pct((pcts[-1] - pcts[0]) / 100),
    )
    return t


def central_texts(central: Mapping[str, float]) -> dict[str, str]:
    """Each party's take at the central parameters (``central_apps`` ..., one decimal) and
    the central parameters themselves (``param_app_inference_share`` ...)."""
    point = vf.split_dollar(**central)
    t = {f"central_{k}": formatting.pct(point[k], 1) for k in vf.METRICS}
    t.update({f"param_{k}": formatting.pct(v) for k, v in central.items()})
    return t


def arithmetic_texts(
    inference: Range3, model_cloud: Range3, cloud_hardware: Range3, essay_cloud: tuple[float, float]
) -> dict[str, str]:
    """The essay's arithmetic redone: the clouds' receipts when all (``all_via_*``) or none
    (``none_via_*``) of the apps' inference goes through model providers, at the low
    (``*_lo``) and high (``*_hi``) inference share with the central cloud shares, and the
    share through model providers that the essay's range implies (``implied_via``)."""
    s_lo, s_hi = inference[0], inference[2]
    c, h = model_cloud[1], cloud_hardware[1]
    t = {"s_lo": formatting.pct(s_lo), "s_hi": formatting.pct(s_hi), "c_mid": formatting.pct(c)}
    for name, m in (("all_via", 1.0), ("none_via", 0.0)):
        for end, s in (("lo", s_lo), ("hi", s_hi)):
            t[f"{name}_{end}"] = formatting.pct(vf.split_dollar(s, m, c, h)["to_clouds"])
    implied = [
        vf.implied_via_model_share(target, s, c)
        for target, s in zip(essay_cloud, (s_lo, s_hi), strict=True)
    ]
    t["implied_via"] = ", ".join(formatting.pct(m) for m in implied)
    essay = formatting.pct_range(*essay_cloud)
    if (t["all_via_lo"], t["all_via_hi"]) == tuple(formatting.pct(v) for v in essay_cloud):
        t["all_via_match"] = ": exactly the essay's range"
    else:
        t["all_via_match"] = f", against the essay's {essay}"
    if all(abs(m - 1) < 0.005 for m in implied):
        t["implied_reading"] = (
            "the essay's figure is reproduced only when every inference dollar passes through "
            "a model provider, although its own text says that some is paid to clouds "
            "directly. Any direct cloud spending pushes the clouds' share above the essay's range."
        )
    else:
        t["implied_reading"] = (
            "the essay's figure is reproduced when that share of the apps' inference spend "
            "passes through model providers."
        )
    return t


def monte_carlo_texts(
    mc: flow_uncertainty.MonteCarloResult, essay_cloud: tuple[float, float]
) -> dict[str, str]:
    """The Monte Carlo in words: the number of draws, each take's 5th, 50th and 95th
    percentile (``mc_apps_p5`` ...), and the share of draws whose clouds' receipts fall in
    the essay's range (``mc_in_range``), above it (``mc_above``) or above half the dollar
    (``mc_infra_majority``)."""
    # with a word after it: myst-nb would read a bare "1,000,000" as a tuple
    t = {"n_draws": f"{formatting.count(mc.n_draws)} draws"}
    for k in vf.METRICS:
        for q in ("p5", "p50", "p95"):
            t[f"mc_{k}_{q}"] = formatting.pct(mc.summary.loc[k, q])
    r = mc.takes["to_clouds"]
    t["mc_in_range"] = formatting.pct(np.mean((r >= essay_cloud[0]) & (r <= essay_cloud[1])))
    t["mc_above"] = formatting.pct(np.mean(r > essay_cloud[1]))
    t["mc_infra_majority"] = formatting.pct(majority_share(mc))
    t["mc_majority_reading"] = majority_reading(majority_share(mc))
    return t


def majority_share(mc: flow_uncertainty.MonteCarloResult) -> float:
    """The share of draws (0-1) in which the clouds' receipts are more than half the dollar."""
    return float(np.mean(mc.takes["to_clouds"] > 0.5))


def majority_reading(share: float) -> str:
    """What that share of draws says of the essay's verdict (infrastructure takes most)."""
    verdict = "its verdict that infrastructure captures the majority of revenue"
    if share < 0.005:
        return f"the essay's own arithmetic cannot produce {verdict}."
    if share < 0.5:
        return f"the essay's own arithmetic produces {verdict} in only {share:.0%} of the draws."
    return f"the essay's own arithmetic produces {verdict} in most draws."


def tornado_texts(torn: pd.DataFrame) -> dict[str, str]:
    """The tornado in words, from :func:`analysis.infrastructure.flow_uncertainty.tornado`:
    the parameter that moves the clouds' receipts most (``tornado_top``) and its range, and
    the rank and range of the share bought through model providers (``tornado_via_*``)."""
    top = torn.iloc[0]
    rank = int(np.flatnonzero(torn["parameter"].to_numpy() == "via_model_share")[0]) + 1
    via = torn.set_index("parameter").loc["via_model_share"]
    return {
        "tornado_top": vf.PARAM_LABELS[top["parameter"]].lower(),
        "tornado_top_lo": formatting.pct(top["metric_at_low"]),
        "tornado_top_hi": formatting.pct(top["metric_at_high"]),
        "tornado_via_lo": formatting.pct(via["metric_at_low"]),
        "tornado_via_hi": formatting.pct(via["metric_at_high"]),
        "tornado_via_rank": formatting.count(rank),
    }
