"""Sequoia's chain: the $200B and $600B reproduced from their own inputs, the roll-forward."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.data import datasets
from analysis.infrastructure import capex_gap as cg


def test_sequoia_200b_and_600b_reproduced_from_their_own_inputs():
    table = cg.reproduce(datasets.load("reference_estimates")).set_index("date")
    sep23 = table.loc[pd.Timestamp("2023-09-01")]
    jun24 = table.loc[pd.Timestamp("2024-06-20")]
    # 2023: $50B GPU run-rate x2 (data centre) -> $100B; 50% margin -> x2 -> $200B
    assert sep23["gpu_usd_bn"] == 50 and sep23["margin_multiplier"] == 2
    assert sep23["computed_usd_bn"] == pytest.approx(200) == sep23["published_usd_bn"]
    # 2024: $150B x2 x2 = $600B; minus the $100B of assumed AI revenue = the $500B gap
    assert jun24["computed_usd_bn"] == pytest.approx(600) == jun24["published_usd_bn"]
    assert jun24["computed_gap_usd_bn"] == pytest.approx(500) == jun24["published_gap_usd_bn"]


def test_margin_multiplier_from_gross_margin():
    assert cg.margin_multiplier_from(0.5) == 2
    assert cg.margin_multiplier_from(0.0) == 1
    with pytest.raises(ValueError):
        cg.margin_multiplier_from(1.0)


def test_required_revenue_rejects_multiplier_below_one():
    with pytest.raises(ValueError):
        cg.required_revenue(10, 0.5, 2)


@given(st.floats(0, 1e4), st.floats(1, 5), st.floats(1, 5))
def test_required_revenue_is_never_below_the_gpu_spend(gpu, dc, margin):
    assert cg.required_revenue(gpu, dc, margin) >= gpu


def _nv():
    return pd.DataFrame(
        {
            "period_end": ["2025-01-26", "2025-04-27", "2025-07-27"],
            "data_center_revenue_usd_m": [10_000.0, np.nan, 20_000.0],
        }
    )


def test_rolling_gap_by_hand_drops_missing_quarters():
    g = cg.rolling_gap(_nv(), 2, 2)
    assert list(g["gpu_run_rate_usd_bn"]) == [40.0, 80.0]  # quarter x 4 / 1000
    assert list(g["required_usd_bn"]) == [160.0, 320.0]


def _rp():
    return pd.DataFrame(
        {
            "date": ["2024-12-31", "2025-06-30", "2023-01-31", "2025-07-01"],
            "company": ["Lab", "App", "Old", "Lab"],
            "layer": ["models", "apps", "apps", "models"],
            "metric": "annualized_run_rate",
            "value_usd_m": [1000.0, 500.0, 9000.0, 3000.0],
        }
    )


def _fin():
    return pd.DataFrame(
        {
            "company": ["Microsoft"],
            "segment": ["AI business"],
            "layer": ["cloud"],
            "metric": ["annualized_run_rate"],
            "period_end": ["2025-03-31"],
            "value": [2000.0],
        }
    )


def test_traced_revenue_takes_each_company_latest_and_drops_stale():
    t = cg.traced_ai_revenue(_rp(), _fin(), [pd.Timestamp("2025-06-30")], "labs_apps")
    # Lab 1.0 (Dec 2024) + App 0.5; "Old" is over a year old; Lab's July figure is later
    assert t["traced_usd_bn"].iloc[0] == pytest.approx(1.5)
    t2 = cg.traced_ai_revenue(_rp(), _fin(), [pd.Timestamp("2025-06-30")], "labs_apps_clouds")
    assert t2["traced_usd_bn"].iloc[0] == pytest.approx(3.5)


def test_gap_table_by_hand():
    g = cg.gap_table(_nv(), _rp(), _fin())
    last = cg.latest_gap(g)
    # 2025-07-27: required 320; traced Lab 3.0 + App 0.5 + Microsoft 2.0 = 5.5
    assert last["traced_usd_bn"] == pytest.approx(5.5)
    assert last["gap_usd_bn"] == pytest.approx(314.5)


def test_per_vintage_revenue_by_life():
    t = cg.per_vintage_revenue(150, (3, 5, 6))
    assert list(t["annual_required_usd_bn"]) == pytest.approx([200, 120, 100])


def test_installed_base_depreciation_by_hand_and_missing_years():
    capex = pd.Series({2021: 30.0, 2022: 60.0, 2023: 90.0})
    d = cg.installed_base_depreciation(capex, (3,), 2).set_index("calendar_year")
    assert np.isnan(d.loc[2022, "depreciation_usd_bn"])  # 2020 missing
    assert d.loc[2023, "depreciation_usd_bn"] == pytest.approx(60)
    assert d.loc[2023, "required_usd_bn"] == pytest.approx(120)


def test_bain_from_reference():
    assert cg.bain_2030(datasets.load("reference_estimates"))["revenue_needed_usd_bn"] == 2000
