"""Tests for the value-flow model: hand arithmetic, the essay's 10-20 %, properties."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.infrastructure import flow_uncertainty
from analysis.infrastructure import value_flow as vf

SHARE = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


# ---------------------------------------------------------------- point split, by hand


def test_split_hand_computed():
    # s=0.3, m=0.5, c=0.5, h=0.4
    # apps      = 1 - 0.3                      = 0.7
    # models    = 0.3 * 0.5 * (1 - 0.5)        = 0.075
    # to_clouds = 0.3 * (1 - 0.5 + 0.5 * 0.5)  = 0.3 * 0.75 = 0.225
    # hardware  = 0.225 * 0.4                  = 0.09
    # clouds    = 0.225 - 0.09                 = 0.135
    got = vf.split_dollar(0.3, 0.5, 0.5, 0.4)
    assert got["apps"] == pytest.approx(0.7, abs=1e-15)
    assert got["models"] == pytest.approx(0.075, abs=1e-15)
    assert got["to_clouds"] == pytest.approx(0.225, abs=1e-15)
    assert got["hardware"] == pytest.approx(0.09, abs=1e-15)
    assert got["clouds"] == pytest.approx(0.135, abs=1e-15)
    assert all(isinstance(v, float) for v in got.values())


def test_central_split_by_hand():
    # Defaults: s=0.30, m=0.70, c=0.50, h=0.45
    # to_clouds = 0.3 * (1 - 0.7 + 0.7*0.5) = 0.3 * 0.65 = 0.195
    # models    = 0.3 * 0.7 * 0.5            = 0.105
    # hardware  = 0.195 * 0.45               = 0.08775
    # clouds    = 0.195 - 0.08775            = 0.10725
    got = vf.split_at()
    assert got == pytest.approx(
        {"apps": 0.7, "models": 0.105, "clouds": 0.10725, "hardware": 0.08775, "to_clouds": 0.195}
    )


def test_split_broadcasts_arrays():
    got = vf.split_dollar(np.array([0.2, 0.4]), 1.0, 0.5, 0.0)
    np.testing.assert_allclose(got["to_clouds"], [0.1, 0.2])
    np.testing.assert_allclose(got["clouds"], [0.1, 0.2])  # h = 0: clouds keep all
    np.testing.assert_allclose(got["hardware"], [0.0, 0.0])


def test_split_table_shape_and_central_column():
    table = vf.split_table()
    assert list(table.index) == list(vf.METRICS)
    assert list(table.columns) == ["low", "central", "high"]
    assert table.loc["to_clouds", "central"] == pytest.approx(0.195)
    # all-low: s=0.2, m=0.3, c=0.4 -> 0.2 * (1 - 0.3 + 0.12) = 0.2 * 0.82 = 0.164
    assert table.loc["to_clouds", "low"] == pytest.approx(0.164)


# ---------------------------------------------------------------- the essay's 10-20 %


def test_essay_inputs_give_10_to_20_percent_only_if_all_inference_goes_via_model_providers():
    # Essay: s in 20-40 %, model providers pass c = 1/2 to clouds, "10-20 %" to clouds.
    # to_clouds = s * (1 - m + m * c) = s * (1 - m/2) with c = 0.5.
    # m = 1 (all via model APIs):  0.2 * 0.5 = 0.10 ;  0.4 * 0.5 = 0.20   -> the essay's range
    lo = vf.split_dollar(0.2, 1.0, 0.5, 0.0)["to_clouds"]
    hi = vf.split_dollar(0.4, 1.0, 0.5, 0.0)["to_clouds"]
    assert (lo, hi) == pytest.approx(vf.ESSAY_CLOUD_SHARE, abs=1e-15)
    # m = 0 (all directly to clouds): 0.2 and 0.4 -> twice the essay's range
    assert vf.split_dollar(0.2, 0.0, 0.5, 0.0)["to_clouds"] == pytest.approx(0.2)
    assert vf.split_dollar(0.4, 0.0, 0.5, 0.0)["to_clouds"] == pytest.approx(0.4)
    # m = 0.5: 0.2 * 0.75 = 0.15 ; 0.4 * 0.75 = 0.30 -> the top of the range is missed
    assert vf.split_dollar(0.4, 0.5, 0.5, 0.0)["to_clouds"] == pytest.approx(0.30)


def test_only_m_equal_one_reproduces_both_ends_of_the_essay_range():
    ms = np.linspace(0.0, 1.0, 101)
    lo = vf.split_dollar(0.2, ms, 0.5, 0.0)["to_clouds"]
    hi = vf.split_dollar(0.4, ms, 0.5, 0.0)["to_clouds"]
    ok = np.isclose(lo, 0.10) & np.isclose(hi, 0.20)
    assert ms[ok].tolist() == [1.0]


def test_implied_via_model_share_by_hand():
    # m = (1 - target / s) / (1 - c)
    # target 0.10, s 0.20, c 0.5: (1 - 0.5) / 0.5 = 1.0
    # target 0.20, s 0.40, c 0.5: (1 - 0.5) / 0.5 = 1.0
    # target 0.20, s 0.20, c 0.5: (1 - 1.0) / 0.5 = 0.0   (all direct)
    # target 0.195, s 0.30, c 0.5: (1 - 0.65) / 0.5 = 0.7 (our central)
    got = vf.implied_via_model_share([0.10, 0.20, 0.20, 0.195], [0.2, 0.4, 0.2, 0.3], 0.5)
    np.testing.assert_allclose(got, [1.0, 1.0, 0.0, 0.7], atol=1e-12)
    # 30 % to clouds with s = 0.4 would need m = (1 - 0.75) / 0.5 = 0.5
    assert vf.implied_via_model_share(0.3, 0.4, 0.5) == pytest.approx(0.5)


def test_implied_via_model_share_rejects_degenerate_inputs():
    with pytest.raises(ValueError, match="app_inference_share must be > 0"):
        vf.implied_via_model_share(0.1, 0.0, 0.5)
    with pytest.raises(ValueError, match="model_cloud_share must be < 1"):
        vf.implied_via_model_share(0.1, 0.3, 1.0)


def test_capital_dollar_by_hand():
    # k = 0.85, h = 0.4: startup_other 0.15, clouds 0.85 * 0.6 = 0.51, hardware 0.34
    got = vf.split_capital_dollar(0.85, 0.4)
    assert got == pytest.approx({"startup_other": 0.15, "clouds": 0.51, "hardware": 0.34})


# ---------------------------------------------------------------- assumptions


def test_assumption_origins_are_documented():
    table = vf.assumptions_table()
    assert list(table["parameter"]) == list(vf.PARAMETERS)
    origin = dict(zip(table["parameter"], table["origin"], strict=True))
    assert origin == {
        "app_inference_share": "essay",
        "via_model_share": "ours",
        "model_cloud_share": "essay",
        "cloud_hardware_share": "ours",
    }
    for _, row in table.iterrows():
        assert row["note"], f"{row['parameter']} has no note"
        if row["origin"] == "ours":
            assert "Our assumption" in row["note"]
    a = vf.FlowAssumptions()
    assert (a.app_inference_share.low, a.app_inference_share.high) == (0.20, 0.40)
    assert a.model_cloud_share.central == 0.50


def test_assumptions_are_frozen():
    a = vf.FlowAssumptions()
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.via_model_share = vf.ParamRange(0, 0, 0)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((0.3, 0.2, 0.4), "low <= central <= high"),
        ((0.1, 0.2, 1.2), r"must be in \[0, 1\]"),
        ((-0.1, 0.2, 0.4), r"must be in \[0, 1\]"),
        ((float("nan"), 0.2, 0.4), "finite number"),
        ((0.1, 0.2, 0.4, "normal"), "distribution must be one of"),
        ((0.1, 0.2, 0.4, "uniform", "theirs"), "origin must be one of"),
    ],
)
def test_param_range_rejects_bad_values(args, message):
    with pytest.raises(ValueError, match=message):
        vf.ParamRange(*args)


@pytest.mark.parametrize("bad", [-0.01, 1.01, float("nan")])
def test_split_rejects_bad_shares(bad):
    with pytest.raises(ValueError, match="via_model_share"):
        vf.split_dollar(0.3, bad, 0.5, 0.4)


def test_at_rejects_unknown_point():
    with pytest.raises(ValueError, match="which must be"):
        vf.FlowAssumptions().at("middle")  # type: ignore[arg-type]


# ---------------------------------------------------------------- Monte Carlo


@pytest.fixture(scope="module")
def million():
    return flow_uncertainty.simulate(n_draws=1_000_000, seed=7)


def test_monte_carlo_draws_sum_to_one_and_stay_in_range(million):
    t = million.takes
    total = t["apps"] + t["models"] + t["clouds"] + t["hardware"]
    assert np.abs(total - 1.0).max() < 1e-12
    assert min(float(t[k].min()) for k in vf.TAKES) >= 0.0
    np.testing.assert_allclose(t["to_clouds"], t["clouds"] + t["hardware"], rtol=0, atol=1e-15)
    for name, r in vf.FlowAssumptions().ranges().items():
        d = million.draws[name]
        assert d.shape == (1_000_000,)
        assert r.low <= d.min() and d.max() <= r.high


def test_monte_carlo_means_match_the_distributions(million):
    d = million.draws
    # uniform(0.2, 0.4): mean 0.3; triangular(a, c, b): mean (a + b + c) / 3
    assert d["app_inference_share"].mean() == pytest.approx(0.30, abs=5e-4)
    assert d["via_model_share"].mean() == pytest.approx((0.3 + 0.7 + 1.0) / 3, abs=5e-4)
    assert d["model_cloud_share"].mean() == pytest.approx(0.50, abs=5e-4)
    assert d["cloud_hardware_share"].mean() == pytest.approx(0.45, abs=5e-4)
    # Independent draws: E[to_clouds] = E[s] (1 - E[m] (1 - E[c])) = 0.3 * (1 - 2/3 * 0.5) = 0.2
    assert million.summary.loc["to_clouds", "mean"] == pytest.approx(0.20, abs=1e-3)
    # E[apps] = 1 - E[s] = 0.7
    assert million.summary.loc["apps", "mean"] == pytest.approx(0.70, abs=1e-3)


def test_summary_frame(million):
    s = million.summary
    assert list(s.index) == list(vf.METRICS)
    assert list(s.columns) == ["mean", "p5", "p50", "p95"]
    assert (s["p5"] <= s["p50"]).all() and (s["p50"] <= s["p95"]).all()
    x = million.takes["models"]
    np.testing.assert_allclose(
        s.loc["models", ["p5", "p50", "p95"]].to_numpy(dtype=float),
        np.percentile(x, [5, 50, 95]),
        rtol=0,
        atol=1e-14,
    )


def test_summarise_by_hand():
    # values 0, 1, 2, 3, 4: mean 2; p5 at position 0.05 * 4 = 0.2 -> 0.2; p50 2; p95 3.8
    s = flow_uncertainty.summarise({"apps": np.arange(5.0)})
    assert s.loc["apps"].to_dict() == pytest.approx(
        {"mean": 2.0, "p5": 0.2, "p50": 2.0, "p95": 3.8}
    )
    with pytest.raises(ValueError, match="none of the metrics"):
        flow_uncertainty.summarise({"profit": np.arange(3.0)})
    with pytest.raises(ValueError, match="empty"):
        flow_uncertainty.summarise({"apps": np.array([])})


def test_monte_carlo_is_seeded():
    a = flow_uncertainty.simulate(n_draws=1000, seed=1)
    b = flow_uncertainty.simulate(n_draws=1000, seed=1)
    c = flow_uncertainty.simulate(n_draws=1000, seed=2)
    np.testing.assert_array_equal(a.takes["to_clouds"], b.takes["to_clouds"])
    assert not np.array_equal(a.takes["to_clouds"], c.takes["to_clouds"])
    assert a.n_draws == 1000 and a.seed == 1


def test_plain_floor_gives_the_same_split():
    result = flow_uncertainty.simulate(n_draws=10_000, seed=3)
    draws = np.stack([result.draws[p] for p in vf.PARAMETERS])
    floor = flow_uncertainty.split_draws_plain(draws)
    assert floor.shape == (5, 10_000)
    for row, name in zip(floor, vf.METRICS, strict=True):
        np.testing.assert_array_equal(row, result.takes[name])


def test_degenerate_range_is_constant():
    fixed = vf.ParamRange(0.25, 0.25, 0.25, "triangular", "ours", "fixed")
    a = dataclasses.replace(vf.FlowAssumptions(), app_inference_share=fixed)
    r = flow_uncertainty.simulate(a, n_draws=100)
    assert (r.draws["app_inference_share"] == 0.25).all()
    assert (r.takes["apps"] == 0.75).all()


@pytest.mark.parametrize("n", [0, -5, 1.5, True, "10"])
def test_simulate_rejects_bad_draw_counts(n):
    with pytest.raises(ValueError, match="n_draws must be a positive integer"):
        flow_uncertainty.simulate(n_draws=n)


# ---------------------------------------------------------------- sensitivity


def test_tornado_by_hand():
    # Others central (s=.3, m=.7, c=.5); to_clouds = s * (1 - m + m c)
    # s: 0.2 * 0.65 = 0.13     ; 0.4 * 0.65 = 0.26          swing 0.130
    # m: 0.3 * (1 - .3 + .15) = 0.255 ; 0.3 * 0.5 = 0.15    swing 0.105
    # c: 0.3 * (.3 + .28) = 0.174 ; 0.3 * (.3 + .42) = 0.216 swing 0.042
    # h: does not change what clouds receive                swing 0
    t = flow_uncertainty.tornado()
    assert list(t["parameter"]) == [
        "app_inference_share",
        "via_model_share",
        "model_cloud_share",
        "cloud_hardware_share",
    ]
    np.testing.assert_allclose(t["metric_at_low"], [0.13, 0.255, 0.174, 0.195])
    np.testing.assert_allclose(t["metric_at_high"], [0.26, 0.15, 0.216, 0.195])
    np.testing.assert_allclose(t["swing"], [0.13, 0.105, 0.042, 0.0], atol=1e-15)
    np.testing.assert_allclose(t["metric_at_central"], 0.195)


def test_tornado_for_what_clouds_keep():
    # clouds = to_clouds * (1 - h); at central to_clouds = 0.195
    # h: 0.195 * 0.7 = 0.1365 ; 0.195 * 0.4 = 0.078  swing 0.0585
    # s: 0.13 * 0.55 = 0.0715 ; 0.26 * 0.55 = 0.143  swing 0.0715 -> s first, h second
    t = flow_uncertainty.tornado(metric="clouds").set_index("parameter")
    assert list(t.index[:2]) == ["app_inference_share", "cloud_hardware_share"]
    assert t.loc["cloud_hardware_share", "swing"] == pytest.approx(0.0585)
    assert t.loc["app_inference_share", "swing"] == pytest.approx(0.0715)


def test_tornado_rejects_unknown_metric():
    with pytest.raises(ValueError, match="metric must be one of"):
        flow_uncertainty.tornado(metric="profit")


# ---------------------------------------------------------------- properties


@given(SHARE, SHARE, SHARE, SHARE)
def test_split_is_a_partition_of_the_dollar(s, m, c, h):
    got = vf.split_dollar(s, m, c, h)
    assert abs(sum(got[k] for k in vf.TAKES) - 1.0) <= 1e-12
    assert all(got[k] >= 0.0 for k in vf.METRICS)
    assert got["to_clouds"] == pytest.approx(got["clouds"] + got["hardware"], abs=1e-15)
    assert got["to_clouds"] <= s + 1e-15  # clouds never get more than the inference spend


@st.composite
def param_ranges(draw):
    lo, mid, hi = sorted(draw(SHARE) for _ in range(3))
    dist = draw(st.sampled_from(vf.DISTRIBUTIONS))
    return vf.ParamRange(lo, mid, hi, dist, "ours", "generated")


@settings(max_examples=50, deadline=None)
@given(
    st.tuples(param_ranges(), param_ranges(), param_ranges(), param_ranges()),
    st.integers(0, 2**32 - 1),
)
def test_any_parameter_ranges_give_valid_splits(ranges, seed):
    a = vf.FlowAssumptions(*ranges)
    r = flow_uncertainty.simulate(a, n_draws=500, seed=seed)
    total = sum(r.takes[k] for k in vf.TAKES)
    assert np.abs(total - 1.0).max() <= 1e-12
    assert min(float(r.takes[k].min()) for k in vf.METRICS) >= 0.0
    for name, pr in a.ranges().items():
        assert pr.low <= r.draws[name].min() and r.draws[name].max() <= pr.high
    summary = r.summary
    assert ((summary["p5"] <= summary["p50"]) & (summary["p50"] <= summary["p95"])).all()


@settings(max_examples=50, deadline=None)
@given(st.tuples(param_ranges(), param_ranges(), param_ranges(), param_ranges()))
def test_tornado_is_sorted_and_swing_is_the_gap(ranges):
    t = flow_uncertainty.tornado(vf.FlowAssumptions(*ranges))
    assert t["swing"].is_monotonic_decreasing
    np.testing.assert_allclose(t["swing"], (t["metric_at_high"] - t["metric_at_low"]).abs())
    assert isinstance(t, pd.DataFrame) and len(t) == 4


@given(SHARE, SHARE)
def test_capital_split_is_a_partition(k, h):
    got = vf.split_capital_dollar(k, h)
    assert abs(sum(got.values()) - 1.0) <= 1e-12
    assert min(got.values()) >= 0.0
