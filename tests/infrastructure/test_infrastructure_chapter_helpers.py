"""Helpers added for the Infrastructure chapter: nvidia_quarters, capex_year_sources,
value_flow.assumptions_from, and the chapter's chart factories."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest

from analysis.charts import infrastructure as charts
from analysis.infrastructure import capex as inf
from analysis.infrastructure import flow_uncertainty, nvidia
from analysis.infrastructure import value_flow as vf

SOURCES = pd.DataFrame(
    {
        "source_id": ["p-old", "p-new", "s-1"],
        "grade": ["primary", "primary", "outlet"],
        "date_published": ["2023-01-01", "2024-01-01", "2025-01-01"],
    }
)


def nv_rows(rows):
    """rows: (fy, fq, period_end, total_m, dc_m, source_id)."""
    return pd.DataFrame(
        rows,
        columns=[
            "fiscal_year",
            "fiscal_quarter",
            "period_end",
            "total_revenue_usd_m",
            "data_center_revenue_usd_m",
            "source_id",
        ],
    )


def test_nvidia_quarters_merges_partial_rows_per_measure():
    rows = nv_rows(
        [
            (2023, 3, "2022-10-30", 5931.0, np.nan, "s-1"),  # total only
            (2023, 3, "2022-10-30", np.nan, 3833.0, "p-old"),  # DC only
            (2023, 4, "2023-01-29", 6051.0, np.nan, "s-1"),
            (2023, 4, "2023-01-29", 6000.0, 3600.0, "p-old"),  # primary wins the total
            (2023, 4, "2023-01-29", 6010.0, np.nan, "p-new"),  # later primary wins over p-old
        ]
    )
    q = nvidia.nvidia_quarters(rows, SOURCES)
    assert len(q) == 2
    q3, q4 = q.iloc[0], q.iloc[1]
    assert (q3.total_revenue_usd_m, q3.data_center_revenue_usd_m) == (5931.0, 3833.0)
    assert (q3.total_source_id, q3.data_center_source_id) == ("s-1", "p-old")
    assert q3.source_id == "s-1;p-old"
    # total: p-new (primary, later) beats p-old and s-1; DC: only p-old has it
    assert (q4.total_revenue_usd_m, q4.data_center_revenue_usd_m) == (6010.0, 3600.0)
    assert q4.source_id == "p-new;p-old"


def test_nvidia_quarters_keeps_a_missing_figure_missing():
    q = nvidia.nvidia_quarters(nv_rows([(2024, 1, "2023-04-30", 7192.0, np.nan, "p-old")]), SOURCES)
    assert np.isnan(q.iloc[0].data_center_revenue_usd_m)
    assert q.iloc[0].data_center_source_id == ""


def test_nvidia_quarters_rejects_disagreeing_period_ends():
    rows = nv_rows(
        [
            (2024, 1, "2023-04-30", 7192.0, np.nan, "p-old"),
            (2024, 1, "2023-05-01", np.nan, 4000.0, "s-1"),
        ]
    )
    with pytest.raises(ValueError, match="different period_end"):
        nvidia.nvidia_quarters(rows, SOURCES)


def test_capex_year_sources_by_hand():
    capex = pd.DataFrame(
        [
            ("Alphabet", "calendar_year", "CY2023", "2023-12-31", 32.3, "ppe_purchases", "a-y"),
            ("Alphabet", "calendar_quarter", "2024Q1", "2024-03-31", 1.0, "ppe_purchases", "a-q1"),
            ("Alphabet", "calendar_quarter", "2024Q2", "2024-06-30", 1.0, "ppe_purchases", "a-q"),
            ("Alphabet", "calendar_quarter", "2024Q3", "2024-09-30", 1.0, "ppe_purchases", "a-q"),
            ("Alphabet", "calendar_quarter", "2024Q4", "2024-12-31", 1.0, "ppe_purchases", "a-q"),
            ("Microsoft", "fiscal_year", "FY2022", "2022-06-30", 23.9, "ppe_purchases", "m-y"),
        ],
        columns=[
            "company",
            "period_type",
            "period",
            "period_end",
            "capex_usd_bn",
            "definition",
            "source_id",
        ],
    )
    years = pd.concat(
        [inf.microsoft_calendar_years(capex, company=c) for c in ("Alphabet", "Microsoft")],
        ignore_index=True,
    )
    got = dict(
        zip(
            zip(years["company"], years["year"], strict=True),
            inf.capex_year_sources(capex, years),
            strict=True,
        )
    )
    assert got[("Alphabet", 2023)] == "a-y"
    assert got[("Alphabet", 2024)] == "a-q;a-q1"
    assert got[("Microsoft", 2022)] == "m-y"


def test_assumptions_from_replaces_only_the_named_ranges():
    a = vf.assumptions_from({"via_model_share": (1.0, 1.0, 1.0)})
    assert a.via_model_share.low == a.via_model_share.high == 1.0
    assert a.via_model_share.origin == "ours"  # note and origin kept
    assert a.app_inference_share == vf.FlowAssumptions().app_inference_share
    # all low with m = 1: s = 0.2, c = 0.4 -> to_clouds = 0.2 * (1 - 1 + 1 * 0.4) = 0.08
    assert vf.split_at(a, "low")["to_clouds"] == pytest.approx(0.08)
    # central with m = 1: s = 0.3, c = 0.5 -> 0.3 * 0.5 = 0.15
    assert vf.split_at(a, "central")["to_clouds"] == pytest.approx(0.15)
    with pytest.raises(ValueError, match="unknown parameter"):
        vf.assumptions_from({"nope": (0.1, 0.2, 0.3)})
    with pytest.raises(ValueError):
        vf.assumptions_from({"model_cloud_share": (0.6, 0.5, 0.4)})


# ---------------------------------------------------------------- charts


def _render_flow_texts(values: dict[str, float]) -> list[str]:
    """Render the flow chart with slider values set, return its text marks (via vl-convert)."""
    import vl_convert as vlc

    spec = charts.flow_sliders(values).to_dict()
    svg = vlc.vegalite_to_svg(json.dumps(spec))
    return [t for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


@pytest.mark.parametrize(
    "s, m, c, h",
    [(0.3, 0.7, 0.5, 0.45), (0.4, 1.0, 0.5, 0.45), (0.2, 0.0, 0.5, 0.3), (0.6, 0.5, 0.2, 0.8)],
)
def test_flow_chart_expression_matches_split_dollar(s, m, c, h):
    values = dict(zip(charts.FLOW_PARAM_NAMES, (s, m, c, h), strict=True))
    texts = _render_flow_texts(values)
    split = vf.split_dollar(s, m, c, h)
    receipts = [t for t in texts if "to clouds and hardware" in t]
    assert receipts == [f"{split['to_clouds']:.0%} to clouds and hardware"]
    for key in ("apps", "models", "clouds", "hardware"):
        if split[key] >= 0.035:
            assert f"{split[key]:.0%}" in texts, (key, split[key], texts)


def test_flow_chart_binds_one_named_slider_per_parameter():
    spec = charts.flow_sliders(vf.FlowAssumptions().at("central")).to_dict()
    bound = [p for p in spec["params"] if "bind" in p]
    assert [p["name"] for p in bound] == list(charts.FLOW_PARAM_NAMES)
    assert all(p["bind"]["input"] == "range" and p["bind"]["name"].strip() for p in bound)
    with pytest.raises(ValueError, match="missing"):
        charts.flow_sliders({"app_inference_share": 0.3})


def test_other_factories_build_valid_specs():
    mc = flow_uncertainty.simulate(n_draws=1000, seed=1)
    assert charts.monte_carlo_intervals(mc.summary, (0.1, 0.2)).to_dict()
    assert charts.tornado_chart(flow_uncertainty.tornado()).to_dict()
