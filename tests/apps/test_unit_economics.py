"""Tests for analysis.apps.unit_economics: hand-computed cases and invariants."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.apps import unit_economics as ue

# A hand example used throughout: a $20/month user who reads 2 M input tokens
# and writes 0.5 M output tokens a month, at $3 / $15 per million tokens.
#   inference cost = 2 * 3 + 0.5 * 15 = 6 + 7.5 = $13.5 per user per month
#   inference share = 13.5 / 20 = 0.675
PRICE, T_IN, T_OUT, P_IN, P_OUT = 20.0, 2.0, 0.5, 3.0, 15.0

prices = st.floats(min_value=0.0, max_value=1_000.0, allow_nan=False)
positive_prices = st.floats(min_value=0.01, max_value=1_000.0, allow_nan=False)
tokens = st.floats(min_value=0.0, max_value=100.0, allow_nan=False)
positive_tokens = st.floats(min_value=0.01, max_value=100.0, allow_nan=False)
subscription = st.floats(min_value=0.5, max_value=1_000.0, allow_nan=False)
shares = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


# --------------------------------------------------------------------------
# hand-computed cases
# --------------------------------------------------------------------------


def test_inference_cost_by_hand():
    # 2 * 3 + 0.5 * 15 = 13.5 USD per user per month
    assert ue.inference_cost_usd_per_user_month(T_IN, T_OUT, P_IN, P_OUT) == pytest.approx(13.5)


def test_inference_share_by_hand():
    # 13.5 / 20 = 0.675
    assert ue.inference_cost_share(PRICE, T_IN, T_OUT, P_IN, P_OUT) == pytest.approx(0.675)


def test_gross_margin_by_hand():
    # 1 - 0.675 - 0.10 = 0.225
    assert ue.gross_margin(PRICE, T_IN, T_OUT, P_IN, P_OUT, 0.10) == pytest.approx(0.225)
    # without other costs: 1 - 0.675 = 0.325
    assert ue.gross_margin(PRICE, T_IN, T_OUT, P_IN, P_OUT) == pytest.approx(0.325)


def test_gross_margin_can_be_negative():
    # $5/month user with $13.5 of inference: 1 - 13.5/5 = 1 - 2.7 = -1.7
    assert ue.gross_margin(5.0, T_IN, T_OUT, P_IN, P_OUT) == pytest.approx(-1.7)


def test_blended_price_default_three_to_one():
    # (3 * 10 + 1 * 30) / 4 = 60 / 4 = 15
    assert ue.blended_price_usd_per_mtok(10.0, 30.0) == pytest.approx(15.0)
    # 1:1 weighting: (10 + 30) / 2 = 20
    assert ue.blended_price_usd_per_mtok(10.0, 30.0, 1, 1) == pytest.approx(20.0)


def test_blended_price_matches_cost_of_a_three_to_one_workload():
    # 3 M input and 1 M output at $10 / $30: cost 3*10 + 1*30 = 60 = 4 M tokens * $15
    cost = ue.inference_cost_usd_per_user_month(3.0, 1.0, 10.0, 30.0)
    assert cost == pytest.approx(4.0 * ue.blended_price_usd_per_mtok(10.0, 30.0))


def test_price_scale_for_margin_by_hand():
    # room for inference = 1 - 0.10 - 0.50 = 0.40; share now 0.675
    # k = 0.40 / 0.675 = 0.592592...
    k = ue.price_scale_for_margin(0.50, PRICE, T_IN, T_OUT, P_IN, P_OUT, 0.10)
    assert k == pytest.approx(0.40 / 0.675)
    assert k == pytest.approx(0.5925925926)


def test_blended_price_for_margin_by_hand():
    # $20 user, 4 M tokens, other 10 %, target 50 %: 20 * 0.40 / 4 = $2.0 per M tokens
    assert ue.blended_price_for_margin(0.50, 20.0, 4.0, 0.10) == pytest.approx(2.0)


def test_implied_other_cost_share_by_hand():
    # 1 - 0.55 - 0.30 = 0.15
    assert ue.implied_other_cost_share(0.55, 0.30) == pytest.approx(0.15)


def test_vectorises_over_arrays():
    # token prices 1, 3, 5 on the input side: costs 2*1+7.5=9.5, 13.5, 17.5
    # margins with 10 % other: 1-0.475-0.1=0.425, 0.225, 1-0.875-0.1=0.025
    m = ue.gross_margin(PRICE, T_IN, T_OUT, np.array([1.0, 3.0, 5.0]), P_OUT, 0.10)
    assert isinstance(m, np.ndarray)
    np.testing.assert_allclose(m, [0.425, 0.225, 0.025])


def test_scalar_in_scalar_out():
    assert isinstance(ue.gross_margin(PRICE, T_IN, T_OUT, P_IN, P_OUT), float)


# --------------------------------------------------------------------------
# the essay's 20-40 % inference share and its 50-60 % margins
# --------------------------------------------------------------------------


def test_essay_constants_are_the_essays_numbers():
    assert ue.ESSAY_INFERENCE_SHARE == (0.20, 0.40)
    assert ue.ESSAY_GROSS_MARGIN == (0.50, 0.60)


def test_essay_typical_app_margin_is_midpoint_of_band():
    # midpoints: inference 0.30, other 0.15 -> 1 - 0.30 - 0.15 = 0.55,
    # the midpoint of the essay's 50-60 % band
    app = ue.ESSAY_TYPICAL_APP
    assert app.inference_share == pytest.approx(0.30)
    assert app.other_cost_share == pytest.approx(0.15)
    assert app.gross_margin == pytest.approx(0.55)


def test_essay_grid_corners_by_hand():
    # rows: inference 0.2, 0.4 ; columns: other 0.1, 0.2
    # 1-0.2-0.1=0.7, 1-0.2-0.2=0.6, 1-0.4-0.1=0.5, 1-0.4-0.2=0.4
    np.testing.assert_allclose(ue.essay_margin_grid(), [[0.7, 0.6], [0.5, 0.4]])


def test_essay_band_needs_midpoint_inference_with_10_to_20pct_other_costs():
    # Assumption: other cost of revenue 10-20 % of revenue.
    # At the middle of the essay's inference range (30 %):
    #   1 - 0.30 - 0.20 = 0.50 and 1 - 0.30 - 0.10 = 0.60  -> exactly 50-60 %.
    grid = ue.essay_margin_grid([0.30], ue.OTHER_COST_SHARE_ASSUMPTION)
    np.testing.assert_allclose(sorted(grid.ravel()), ue.ESSAY_GROSS_MARGIN)
    # Across the whole 20-40 % range the same assumption gives 40-70 %, a band
    # that contains the essay's 50-60 % but is wider.
    full = ue.essay_margin_grid()
    assert full.min() == pytest.approx(0.40) and full.max() == pytest.approx(0.70)
    assert full.min() <= ue.ESSAY_GROSS_MARGIN[0] and full.max() >= ue.ESSAY_GROSS_MARGIN[1]


def test_no_single_other_cost_share_fits_the_whole_essay_range():
    # Other costs implied by margin m and inference i: 1 - m - i.
    # at i = 0.20: m in [0.50, 0.60] needs other in [0.20, 0.30]
    # at i = 0.40: m in [0.50, 0.60] needs other in [0.00, 0.10]
    lo_inf = ue.implied_other_cost_share(np.array([0.60, 0.50]), 0.20)
    hi_inf = ue.implied_other_cost_share(np.array([0.60, 0.50]), 0.40)
    np.testing.assert_allclose(lo_inf, [0.20, 0.30])
    np.testing.assert_allclose(hi_inf, [0.00, 0.10])
    # the two intervals do not overlap: a fixed other-cost share cannot give
    # 50-60 % at both ends of the 20-40 % inference range
    assert hi_inf.max() < lo_inf.min()


def test_essay_90pct_margin_needs_small_inference_and_other_costs():
    # "as high as 90%": inference + other = 10 % of revenue; with 10 % other
    # costs that leaves 1 - 0.9 - 0.1 = 0 for inference
    assert ue.implied_other_cost_share(0.90, 0.0) == pytest.approx(0.10)
    assert ue.margin_from_shares(0.0, 0.10) == pytest.approx(0.90)


def test_typical_app_margin_at_price_scale_by_hand():
    # halve token prices: 1 - 0.30 * 0.5 - 0.15 = 0.70
    assert ue.ESSAY_TYPICAL_APP.margin_at_price_scale(0.5) == pytest.approx(0.70)


# --------------------------------------------------------------------------
# bad inputs
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        (PRICE, T_IN, T_OUT, -1.0, P_OUT),
        (PRICE, T_IN, T_OUT, P_IN, -0.1),
        (PRICE, -1.0, T_OUT, P_IN, P_OUT),
        (0.0, T_IN, T_OUT, P_IN, P_OUT),
        (-20.0, T_IN, T_OUT, P_IN, P_OUT),
        (PRICE, T_IN, T_OUT, np.nan, P_OUT),
    ],
)
def test_bad_inputs_raise(args):
    with pytest.raises(ValueError):
        ue.gross_margin(*args)


def test_negative_price_message_names_the_argument():
    with pytest.raises(ValueError, match="input_usd_per_mtok"):
        ue.gross_margin(PRICE, T_IN, T_OUT, -1.0, P_OUT)


@pytest.mark.parametrize("other", [-0.1, 1.5])
def test_other_cost_share_out_of_range_raises(other):
    with pytest.raises(ValueError, match="other_cost_share"):
        ue.gross_margin(PRICE, T_IN, T_OUT, P_IN, P_OUT, other)


@pytest.mark.parametrize("target", [1.0, 1.2])
def test_margin_target_at_or_above_one_raises(target):
    with pytest.raises(ValueError, match="target_margin"):
        ue.price_scale_for_margin(target, PRICE, T_IN, T_OUT, P_IN, P_OUT, 0.1)
    with pytest.raises(ValueError, match="target_margin"):
        ue.blended_price_for_margin(target, PRICE, 4.0, 0.1)


def test_unreachable_target_raises():
    # other costs 30 %: margin can never exceed 70 %
    with pytest.raises(ValueError, match="unreachable"):
        ue.price_scale_for_margin(0.8, PRICE, T_IN, T_OUT, P_IN, P_OUT, 0.3)
    with pytest.raises(ValueError, match="unreachable"):
        ue.blended_price_for_margin(0.8, PRICE, 4.0, 0.3)


def test_scale_needs_paid_tokens():
    with pytest.raises(ValueError, match="zero"):
        ue.price_scale_for_margin(0.5, PRICE, 0.0, 0.0, P_IN, P_OUT)


def test_bad_weights_raise():
    with pytest.raises(ValueError):
        ue.blended_price_usd_per_mtok(1.0, 2.0, 0, 0)
    with pytest.raises(ValueError):
        ue.blended_price_usd_per_mtok(1.0, 2.0, -1, 1)


def test_typical_app_rejects_bad_shares():
    with pytest.raises(ValueError):
        ue.TypicalApp(inference_share=-0.1, other_cost_share=0.1)
    with pytest.raises(ValueError):
        ue.TypicalApp(inference_share=0.3, other_cost_share=1.1)


# --------------------------------------------------------------------------
# properties
# --------------------------------------------------------------------------


@given(subscription, positive_tokens, tokens, prices, prices, shares)
def test_cost_never_negative_and_margin_at_most_one_minus_other(
    price, t_in, t_out, p_in, p_out, other
):
    cost = ue.inference_cost_usd_per_user_month(t_in, t_out, p_in, p_out)
    assert cost >= 0
    m = ue.gross_margin(price, t_in, t_out, p_in, p_out, other)
    assert m <= 1 - other + 1e-12


@given(
    subscription,
    positive_tokens,
    tokens,
    prices,
    prices,
    shares,
    st.floats(min_value=0.01, max_value=100.0),
)
def test_margin_falls_as_token_price_rises(price, t_in, t_out, p_in, p_out, other, bump):
    before = ue.gross_margin(price, t_in, t_out, p_in, p_out, other)
    after = ue.gross_margin(price, t_in, t_out, p_in + bump, p_out, other)
    # input tokens are > 0, so a dearer input price strictly lowers the margin
    assert after < before


@given(
    subscription,
    positive_tokens,
    positive_tokens,
    positive_prices,
    positive_prices,
    shares,
    st.floats(min_value=0.01, max_value=100.0),
)
def test_inverse_of_margin_recovers_the_price_scale(price, t_in, t_out, p_in, p_out, other, k):
    # margin at prices scaled by k, then solve for the scale: get k back
    target = ue.gross_margin(price, t_in, t_out, k * p_in, k * p_out, other)
    if target >= 1:  # only when inference cost is negligible
        return
    k_back = ue.price_scale_for_margin(target, price, t_in, t_out, p_in, p_out, other)
    assert k_back == pytest.approx(k, rel=1e-6)


@given(
    st.floats(min_value=-2.0, max_value=0.99),
    subscription,
    positive_tokens,
    st.floats(min_value=0.0, max_value=0.5),
)
def test_blended_price_for_margin_round_trip(target, price, mtok, other):
    if target > 1 - other:
        with pytest.raises(ValueError):
            ue.blended_price_for_margin(target, price, mtok, other)
        return
    p = ue.blended_price_for_margin(target, price, mtok, other)
    # all tokens bought at the blended price p: margin must be the target
    margin = ue.gross_margin(price, mtok, 0.0, p, 0.0, other)
    assert margin == pytest.approx(target, abs=1e-9)


@given(shares, st.floats(min_value=0.0, max_value=2.0))
def test_margin_from_shares_and_implied_other_are_inverse(other, inference):
    m = ue.margin_from_shares(inference, other)
    if m < 1:
        assert ue.implied_other_cost_share(m, inference) == pytest.approx(other, abs=1e-12)


@given(
    st.lists(positive_prices, min_size=1, max_size=5),
    st.lists(positive_prices, min_size=1, max_size=5),
)
def test_blended_price_lies_between_input_and_output_price(p_in, p_out):
    n = min(len(p_in), len(p_out))
    a, b = np.array(p_in[:n]), np.array(p_out[:n])
    blended = np.atleast_1d(ue.blended_price_usd_per_mtok(a, b))
    assert (blended >= np.minimum(a, b) - 1e-9).all()
    assert (blended <= np.maximum(a, b) + 1e-9).all()


# --------------------------------------------------------------------------
# helpers for the chapter: tidy grid, calibration, consistency
# --------------------------------------------------------------------------


def test_margin_table_by_hand():
    out = ue.margin_table([0.2, 0.4], [0.1, 0.2])
    assert out["inference_share"].tolist() == [0.2, 0.2, 0.4, 0.4]
    assert out["other_cost_share"].tolist() == [0.1, 0.2, 0.1, 0.2]
    np.testing.assert_allclose(out["gross_margin"], [0.7, 0.6, 0.5, 0.4])


def test_tokens_for_inference_share_by_hand():
    # 30 % of $20 at $20 per M tokens: 0.3 * 20 / 20 = 0.3 M tokens a month
    assert ue.tokens_for_inference_share(0.30, 20.0, 20.0) == pytest.approx(0.3)
    # the calibrated usage gives back the share: 0.3 M * $20 = $6 = 30 % of $20
    t = ue.tokens_for_inference_share(0.30, 20.0, 20.0)
    assert ue.inference_cost_share(20.0, t, 0.0, 20.0, 0.0) == pytest.approx(0.30)
    with pytest.raises(ValueError):
        ue.tokens_for_inference_share(0.3, 20.0, 0.0)


def test_essay_band_consistency_by_hand():
    # implied other = 1 - m - i: from 1 - 0.6 - 0.4 = 0.0 to 1 - 0.5 - 0.2 = 0.3;
    # overlaps the assumed 10-20 % entirely
    out = ue.essay_band_consistency()
    assert out["implied_other_low"] == pytest.approx(0.0)
    assert out["implied_other_high"] == pytest.approx(0.3)
    assert (out["overlap_low"], out["overlap_high"]) == pytest.approx((0.1, 0.2))
    assert out["consistent"] is True


def test_essay_band_consistency_flips_when_margins_are_too_high():
    # a 90-95 % band with 20-40 % inference needs other costs of
    # 1 - 0.95 - 0.4 = -0.35 .. 1 - 0.9 - 0.2 = -0.1: impossible with 10-20 %
    out = ue.essay_band_consistency(margin_band=(0.90, 0.95))
    assert out["implied_other_high"] == pytest.approx(-0.1)
    assert out["consistent"] is False
    assert np.isnan(out["overlap_low"])
