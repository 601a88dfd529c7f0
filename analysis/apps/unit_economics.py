"""Unit economics of a generative-AI app: gross margin from token prices.

Size: over 400 lines because the margin identity, its inverses and the essay's bands are
one model with shared input checks.

The a16z essay ("Who Owns the Generative AI Platform?", January 2023) says app
companies spend "around 20-40% of revenue on inference and per-customer
fine-tuning" and that their gross margins are "more often as low as 50-60%,
driven largely by the cost of model inference". This module turns those words
into arithmetic on one paying user per month:

* revenue   = ``price_usd_per_user_month`` (USD per user per month);
* inference = input tokens x input price + output tokens x output price
  (tokens in millions per user per month, prices in USD per million tokens);
* other cost of revenue = ``other_cost_share`` x revenue (hosting beyond
  inference, support, payment fees ...; a share of revenue, 0-1);
* gross margin = 1 - inference share - other cost share (a fraction of
  revenue; it is negative when cost of revenue exceeds revenue).

All shares and margins are fractions (0.55 = 55 %). Every function accepts
floats or numpy arrays (broadcast together) and returns a float for scalar
input, an array otherwise. Bad inputs (negative prices or token counts, a
non-positive subscription price, a share outside 0-1, a margin target >= 1)
raise :class:`ValueError`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

ArrayLike = float | npt.ArrayLike
FloatOrArray = float | np.ndarray

ESSAY_INFERENCE_SHARE: tuple[float, float] = (0.20, 0.40)
"""The essay's inference (+ per-customer fine-tuning) spend, share of app revenue."""

ESSAY_GROSS_MARGIN: tuple[float, float] = (0.50, 0.60)
"""The essay's "more often" gross-margin band for app companies (fraction)."""

OTHER_COST_SHARE_ASSUMPTION: tuple[float, float] = (0.10, 0.20)
"""Our assumption, not the essay's: cost of revenue other than inference.

Hosting outside model inference, customer support, payment processing and
third-party software typically sit in a software company's cost of revenue;
we assume they take 10-20 % of an AI app's revenue. The essay does not give
this number; :func:`essay_margin_grid` shows what follows from it, and
:func:`implied_other_cost_share` what the essay's own figures imply.
"""

DEFAULT_INPUT_OUTPUT_WEIGHTS: tuple[float, float] = (3.0, 1.0)
"""Default input:output token weighting of a blended price (3:1)."""


def _arr(x: ArrayLike, name: str) -> np.ndarray:
    a = np.asarray(x, dtype=float)
    if np.isnan(a).any():
        raise ValueError(f"{name} contains NaN")
    return a


def _out(a: np.ndarray) -> FloatOrArray:
    return float(a) if np.ndim(a) == 0 else a


def _non_negative(x: ArrayLike, name: str) -> np.ndarray:
    a = _arr(x, name)
    if (a < 0).any():
        raise ValueError(f"{name} must be >= 0, got a negative value")
    return a


def _positive(x: ArrayLike, name: str) -> np.ndarray:
    a = _arr(x, name)
    if (a <= 0).any():
        raise ValueError(f"{name} must be > 0")
    return a


def _share(x: ArrayLike, name: str) -> np.ndarray:
    a = _arr(x, name)
    if ((a < 0) | (a > 1)).any():
        raise ValueError(f"{name} is a share of revenue and must be in [0, 1]")
    return a


def _target_margin(x: ArrayLike) -> np.ndarray:
    a = _arr(x, "target_margin")
    if (a >= 1).any():
        raise ValueError("target_margin must be < 1 (a margin of 100 % needs zero cost)")
    return a


def blended_price_usd_per_mtok(
    input_usd_per_mtok: ArrayLike,
    output_usd_per_mtok: ArrayLike,
    input_weight: float = DEFAULT_INPUT_OUTPUT_WEIGHTS[0],
    output_weight: float = DEFAULT_INPUT_OUTPUT_WEIGHTS[1],
) -> FloatOrArray:
    """Blended token price, USD per million tokens.

    The weighted mean ``(wi * input + wo * output) / (wi + wo)``; with the
    default 3:1 weighting, the cost per million tokens of a workload that reads
    three input tokens for every output token.

    Parameters
    ----------
    input_usd_per_mtok, output_usd_per_mtok
        List prices, USD per million input / output tokens (>= 0).
    input_weight, output_weight
        Relative token volumes (>= 0, not both 0).
    """
    p_in = _non_negative(input_usd_per_mtok, "input_usd_per_mtok")
    p_out = _non_negative(output_usd_per_mtok, "output_usd_per_mtok")
    if input_weight < 0 or output_weight < 0 or input_weight + output_weight <= 0:
        raise ValueError("input_weight and output_weight must be >= 0 and not both 0")
    return _out((input_weight * p_in + output_weight * p_out) / (input_weight + output_weight))


def inference_cost_usd_per_user_month(
    input_mtok_per_user_month: ArrayLike,
    output_mtok_per_user_month: ArrayLike,
    input_usd_per_mtok: ArrayLike,
    output_usd_per_mtok: ArrayLike,
) -> FloatOrArray:
    """Inference cost of one user, USD per user per month (never negative).

    ``input_mtok * input_price + output_mtok * output_price`` with tokens in
    millions per user per month and prices in USD per million tokens.
    """
    t_in = _non_negative(input_mtok_per_user_month, "input_mtok_per_user_month")
    t_out = _non_negative(output_mtok_per_user_month, "output_mtok_per_user_month")
    p_in = _non_negative(input_usd_per_mtok, "input_usd_per_mtok")
    p_out = _non_negative(output_usd_per_mtok, "output_usd_per_mtok")
    return _out(t_in * p_in + t_out * p_out)


def inference_cost_share(
    price_usd_per_user_month: ArrayLike,
    input_mtok_per_user_month: ArrayLike,
    output_mtok_per_user_month: ArrayLike,
    input_usd_per_mtok: ArrayLike,
    output_usd_per_mtok: ArrayLike,
) -> FloatOrArray:
    """Inference cost as a share of revenue (fraction; may exceed 1).

    Parameters
    ----------
    price_usd_per_user_month
        What a user pays, USD per user per month (> 0).
    input_mtok_per_user_month, output_mtok_per_user_month
        Tokens a user consumes, millions per user per month.
    input_usd_per_mtok, output_usd_per_mtok
        Token prices, USD per million input / output tokens.
    """
    price = _positive(price_usd_per_user_month, "price_usd_per_user_month")
    cost = inference_cost_usd_per_user_month(
        input_mtok_per_user_month,
        output_mtok_per_user_month,
        input_usd_per_mtok,
        output_usd_per_mtok,
    )
    return _out(np.asarray(cost) / price)


def margin_from_shares(inference_share: ArrayLike, other_cost_share: ArrayLike) -> FloatOrArray:
    """Gross margin (fraction) = 1 - inference share - other cost share.

    Both shares are fractions of revenue; ``inference_share`` may exceed 1
    (the app loses money on every user), ``other_cost_share`` is in [0, 1].
    """
    inf = _non_negative(inference_share, "inference_share")
    other = _share(other_cost_share, "other_cost_share")
    return _out(1.0 - inf - other)


def gross_margin(
    price_usd_per_user_month: ArrayLike,
    input_mtok_per_user_month: ArrayLike,
    output_mtok_per_user_month: ArrayLike,
    input_usd_per_mtok: ArrayLike,
    output_usd_per_mtok: ArrayLike,
    other_cost_share: ArrayLike = 0.0,
) -> FloatOrArray:
    """Gross margin of an app, as a fraction of revenue.

    ``1 - inference_cost / price - other_cost_share``; negative when the cost
    of revenue exceeds revenue.

    Parameters
    ----------
    price_usd_per_user_month
        Revenue per user, USD per user per month (> 0).
    input_mtok_per_user_month, output_mtok_per_user_month
        Token consumption, millions of tokens per user per month (>= 0).
    input_usd_per_mtok, output_usd_per_mtok
        Token prices, USD per million tokens (>= 0).
    other_cost_share
        Cost of revenue other than inference, share of revenue (0-1).

    Examples
    --------
    A $20/month user reading 2 M and writing 0.5 M tokens at $3 / $15 per
    million tokens costs 2*3 + 0.5*15 = $13.5 of inference (67.5 %); with
    10 % other costs the margin is 1 - 0.675 - 0.10 = 0.225.

    >>> round(gross_margin(20, 2, 0.5, 3, 15, 0.10), 6)
    0.225
    """
    share = inference_cost_share(
        price_usd_per_user_month,
        input_mtok_per_user_month,
        output_mtok_per_user_month,
        input_usd_per_mtok,
        output_usd_per_mtok,
    )
    return margin_from_shares(share, other_cost_share)


def _scale_for_margin(
    target_margin: ArrayLike, inference_share: np.ndarray, other_cost_share: ArrayLike
) -> np.ndarray:
    target = _target_margin(target_margin)
    other = _share(other_cost_share, "other_cost_share")
    room = 1.0 - other - target  # share of revenue left for inference
    if (room < 0).any():
        raise ValueError(
            "target_margin is unreachable: it exceeds 1 - other_cost_share even with free tokens"
        )
    if (inference_share <= 0).any():
        raise ValueError("inference cost is zero: no token price scale changes the margin")
    return room / inference_share


def price_scale_for_margin(
    target_margin: ArrayLike,
    price_usd_per_user_month: ArrayLike,
    input_mtok_per_user_month: ArrayLike,
    output_mtok_per_user_month: ArrayLike,
    input_usd_per_mtok: ArrayLike,
    output_usd_per_mtok: ArrayLike,
    other_cost_share: ArrayLike = 0.0,
) -> FloatOrArray:
    """Factor on both token prices at which the app reaches ``target_margin``.

    Solves ``gross_margin(..., k * input_price, k * output_price, ...) ==
    target_margin`` for ``k``: ``k = (1 - other - target) / inference_share``.
    ``k = 0.5`` means token prices must halve; ``k > 1`` means the app already
    beats the target and could absorb that much dearer tokens.

    Raises
    ------
    ValueError
        If ``target_margin >= 1``, if it exceeds ``1 - other_cost_share`` (out
        of reach even with free tokens) or if the app uses no paid tokens.
    """
    share = _arr(
        inference_cost_share(
            price_usd_per_user_month,
            input_mtok_per_user_month,
            output_mtok_per_user_month,
            input_usd_per_mtok,
            output_usd_per_mtok,
        ),
        "inference_share",
    )
    return _out(_scale_for_margin(target_margin, share, other_cost_share))


def blended_price_for_margin(
    target_margin: ArrayLike,
    price_usd_per_user_month: ArrayLike,
    mtok_per_user_month: ArrayLike,
    other_cost_share: ArrayLike = 0.0,
) -> FloatOrArray:
    """Blended token price (USD per million tokens) giving ``target_margin``.

    ``price * (1 - other - target) / tokens``: the most an app can pay per
    million tokens (of any mix, priced at one blended rate) and still earn the
    target margin.

    Parameters
    ----------
    target_margin
        Gross margin to reach, fraction (< 1 and <= 1 - other_cost_share).
    price_usd_per_user_month
        Revenue per user, USD per user per month (> 0).
    mtok_per_user_month
        All tokens (input + output) a user consumes, millions per month (> 0).
    other_cost_share
        Cost of revenue other than inference, share of revenue (0-1).
    """
    price = _positive(price_usd_per_user_month, "price_usd_per_user_month")
    tokens = _positive(mtok_per_user_month, "mtok_per_user_month")
    target = _target_margin(target_margin)
    other = _share(other_cost_share, "other_cost_share")
    room = 1.0 - other - target
    if (room < 0).any():
        raise ValueError(
            "target_margin is unreachable: it exceeds 1 - other_cost_share even with free tokens"
        )
    return _out(price * room / tokens)


def implied_other_cost_share(margin: ArrayLike, inference_share: ArrayLike) -> FloatOrArray:
    """Other cost of revenue implied by a gross margin and an inference share.

    ``1 - margin - inference_share`` (fractions of revenue). A negative result
    means the two figures cannot both hold for any cost structure.
    """
    m = _arr(margin, "margin")
    if (m >= 1).any():
        raise ValueError("margin must be < 1")
    inf = _non_negative(inference_share, "inference_share")
    return _out(1.0 - m - inf)


@dataclass(frozen=True)
class TypicalApp:
    """An app described by its cost shares (fractions of revenue).

    Attributes
    ----------
    inference_share
        Inference (+ per-customer fine-tuning) cost, share of revenue, at
        today's token prices.
    other_cost_share
        All other cost of revenue, share of revenue (held fixed).
    """

    inference_share: float
    other_cost_share: float

    def __post_init__(self) -> None:
        _non_negative(self.inference_share, "inference_share")
        _share(self.other_cost_share, "other_cost_share")

    @property
    def gross_margin(self) -> float:
        """Gross margin, fraction of revenue."""
        return float(margin_from_shares(self.inference_share, self.other_cost_share))

    def margin_at_price_scale(self, scale: ArrayLike) -> FloatOrArray:
        """Gross margin (fraction) if token prices are multiplied by ``scale`` (>= 0)."""
        k = _non_negative(scale, "scale")
        return margin_from_shares(self.inference_share * k, self.other_cost_share)


ESSAY_TYPICAL_APP = TypicalApp(
    inference_share=sum(ESSAY_INFERENCE_SHARE) / 2,
    other_cost_share=sum(OTHER_COST_SHARE_ASSUMPTION) / 2,
)
"""The essay's typical app: the midpoints, 30 % inference and 15 % other costs.

Its gross margin, 1 - 0.30 - 0.15 = 55 %, is the midpoint of the essay's
50-60 % band. The 15 % is our assumption (:data:`OTHER_COST_SHARE_ASSUMPTION`).
"""


def essay_margin_grid(
    inference_shares: ArrayLike = ESSAY_INFERENCE_SHARE,
    other_cost_shares: ArrayLike = OTHER_COST_SHARE_ASSUMPTION,
) -> np.ndarray:
    """Gross margins for every pair of inference and other-cost shares.

    Returns an array of shape ``(len(inference_shares), len(other_cost_shares))``
    with ``1 - inference - other`` (fractions).

    With the defaults (inference 20 % / 40 %, other costs 10 % / 20 %) the
    corners are 70 %, 60 %, 50 %, 40 %: the essay's 50-60 % band is the
    margin of an app whose inference share sits near the middle of the essay's
    range (30 %) and whose other cost of revenue is 10-20 % of revenue. It
    cannot hold across the whole 20-40 % inference range with one fixed
    other-cost share, because margin falls one-for-one with the inference
    share (a 20-point range) while the margin band is only 10 points wide; see
    :func:`implied_other_cost_share`.
    """
    inf = np.atleast_1d(_non_negative(inference_shares, "inference_shares"))
    other = np.atleast_1d(_share(other_cost_shares, "other_cost_shares"))
    return 1.0 - inf[:, None] - other[None, :]


def margin_table(
    inference_shares: ArrayLike,
    other_cost_shares: ArrayLike = OTHER_COST_SHARE_ASSUMPTION,
) -> pd.DataFrame:
    """Tidy table of :func:`essay_margin_grid`: one row per pair of shares.

    Columns ``inference_share, other_cost_share, gross_margin`` (fractions of
    revenue), in the order inference share first, then other-cost share.
    """
    inf = np.atleast_1d(_non_negative(inference_shares, "inference_shares"))
    other = np.atleast_1d(_share(other_cost_shares, "other_cost_shares"))
    grid = essay_margin_grid(inf, other)
    return pd.DataFrame(
        {
            "inference_share": np.repeat(inf, len(other)),
            "other_cost_share": np.tile(other, len(inf)),
            "gross_margin": grid.ravel(),
        }
    )


def tokens_for_inference_share(
    inference_share: ArrayLike,
    price_usd_per_user_month: ArrayLike,
    blended_usd_per_mtok: ArrayLike,
) -> FloatOrArray:
    """Tokens per user (millions per month) that make inference a given share of revenue.

    ``share * price / blended_price``: calibrates usage so that, at a given
    blended token price (USD per million tokens), inference costs
    ``inference_share`` of a ``price_usd_per_user_month`` subscription.
    Example: 30 % of a $20 subscription at $20 per million tokens is
    0.3 * 20 / 20 = 0.3 million tokens a month.
    """
    share = _non_negative(inference_share, "inference_share")
    price = _positive(price_usd_per_user_month, "price_usd_per_user_month")
    blended = _positive(blended_usd_per_mtok, "blended_usd_per_mtok")
    return _out(share * price / blended)


def essay_band_consistency(
    inference_shares: tuple[float, float] = ESSAY_INFERENCE_SHARE,
    margin_band: tuple[float, float] = ESSAY_GROSS_MARGIN,
    other_cost_shares: tuple[float, float] = OTHER_COST_SHARE_ASSUMPTION,
) -> dict[str, float | bool]:
    """Can the essay's inference share and margin band hold together?

    The other cost of revenue implied by a margin ``m`` and an inference share
    ``i`` is ``1 - m - i`` (:func:`implied_other_cost_share`). Over the
    essay's ranges it spans ``[1 - m_hi - i_hi, 1 - m_lo - i_lo]``. The two
    figures are *consistent under our assumption* if that interval overlaps
    the assumed other-cost range ``other_cost_shares``.

    Returns
    -------
    dict
        ``implied_other_low``, ``implied_other_high`` (fractions; may be
        negative), ``overlap_low``, ``overlap_high`` (NaN if none), and
        ``consistent`` (bool).
    """
    i_lo, i_hi = sorted(inference_shares)
    m_lo, m_hi = sorted(margin_band)
    o_lo, o_hi = sorted(other_cost_shares)
    lo = float(implied_other_cost_share(m_hi, i_hi))
    hi = float(implied_other_cost_share(m_lo, i_lo))
    ov_lo, ov_hi = max(lo, o_lo), min(hi, o_hi)
    consistent = ov_lo <= ov_hi
    return {
        "implied_other_low": lo,
        "implied_other_high": hi,
        "overlap_low": ov_lo if consistent else float("nan"),
        "overlap_high": ov_hi if consistent else float("nan"),
        "consistent": bool(consistent),
    }
