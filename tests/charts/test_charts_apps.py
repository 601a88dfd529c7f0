"""The Apps chapter's chart factories: specs a reader and the browser test rely on."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from analysis.apps import published_declines
from analysis.apps import unit_economics as ue
from analysis.charts import apps as ch
from analysis.charts import apps_labels, apps_prices
from analysis.data import datasets

REFS = pd.DataFrame(
    {
        "label": ["MMLU ≥ 70, Mar 2023: $2.00", "MMLU ≥ 70, Feb 2025: $0.13"],
        "capability": ["MMLU ≥ 70", "MMLU ≥ 70"],
        "when": ["first month (Mar 2023)", "last month (Feb 2025)"],
        "token_price": [2.0, 0.13125],
        "model": ["GPT-3.5 Turbo", "Gemini 1.5 Flash"],
        "source_id": ["s1", "s2"],
    }
)


def _slider():
    return ch.margin_slider_chart(
        REFS,
        price_per_user_usd_month=20.0,
        mtok_per_user_month=3.0,
        other_cost_share=0.15,
        target_margin=0.55,
        margin_band=(0.5, 0.6),
    ).to_dict()


def test_slider_chart_binds_three_named_range_inputs_at_the_given_values():
    spec = _slider()
    params = {p["name"]: p for p in spec["params"]}
    assert set(params) == {"price_per_user", "mtok_per_user", "other_cost_share"}
    assert all(p["bind"]["input"] == "range" and p["bind"]["name"] for p in params.values())
    assert params["price_per_user"]["value"] == 20.0
    assert params["mtok_per_user"]["value"] == 3.0
    assert params["other_cost_share"]["value"] == 0.15


def test_slider_chart_computes_the_unit_economics_formula():
    text = json.dumps(_slider())
    formula = "1 - mtok_per_user * datum.token_price / price_per_user - other_cost_share"
    assert formula in text
    # the in-browser formula is gross_margin with all tokens at one blended price:
    # at the defaults and $2 per M tokens: 1 - 3 * 2 / 20 - 0.15 = 0.55
    assert ue.gross_margin(20.0, 3.0, 0.0, 2.0, 0.0, 0.15) == pytest.approx(0.55)
    # the break-even marker is blended_price_for_margin: 20 * (1 - 0.15 - 0.55) / 3 = 2.0
    assert "price_per_user * (1 - other_cost_share - 0.55) / mtok_per_user" in text
    assert ue.blended_price_for_margin(0.55, 20.0, 3.0, 0.15) == pytest.approx(2.0)


def test_slider_chart_names_the_readout_marks_for_the_browser_test():
    text = json.dumps(_slider())
    assert '"name": "apps_margin_readout"' in text
    assert '"name": "apps_margin_breakeven"' in text


def test_capability_scale_limits_and_order():
    scale = ch.capability_scale(["MMLU ≥ 70", "MMLU ≥ 80"]).to_dict()
    assert scale["domain"] == ["MMLU ≥ 70", "MMLU ≥ 80"]
    assert scale["range"] == list(ch.CAPABILITY_COLORS[:2])
    with pytest.raises(ValueError):
        ch.capability_scale(["a", "b", "c", "d"])
    assert ch.capability_label("MMLU", 70.0) == "MMLU ≥ 70"


def test_essay_chart_draws_one_line_per_other_cost_share():
    table = ue.margin_table(np.linspace(0, 0.6, 7), [0.1, 0.15, 0.2])
    spec = ch.essay_margin_chart(table, (0.2, 0.4), (0.5, 0.6)).to_dict()
    dumped = json.dumps(spec)
    for label in ("10% other costs", "15% other costs", "20% other costs"):
        assert label in dumped


def test_compare_chart_keeps_every_estimate_and_a_log_axis():
    fits = pd.DataFrame(
        {
            "threshold": [70.0],
            "first_month": [pd.Timestamp("2023-03-01")],
            "last_month": [pd.Timestamp("2025-02-01")],
            "annual_factor": [0.2],
            "annual_factor_low": [0.1],
            "annual_factor_high": [0.25],
        }
    )
    published = published_declines.published_estimates(datasets.load("reference_estimates"))
    table = published_declines.comparison_table(fits, published, "MMLU")
    spec = apps_prices.decline_compare_chart(table).to_dict()
    dumped = json.dumps(spec)
    assert '"type": "log"' in dumped
    for label in table["label"]:
        assert json.dumps(label)[1:-1] in dumped


def test_revenue_chart_marks_estimates_lighter_and_shortens_names():
    points = pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-04-30", "2025-01-31"]),
            "company": ["Anysphere (Cursor)", "Anysphere (Cursor)"],
            "metric": ["annualized_run_rate", "annualized_run_rate"],
            "value_usd_m": [4.0, 100.0],
            "basis": ["estimated", "reported"],
            "source_id": ["a", "b"],
        }
    )
    spec = ch.revenue_chart(points, ["Anysphere (Cursor)"], 100.0, "2023-01-19").to_dict()
    dumped = json.dumps(spec)
    assert '"sourcing": "estimate"' in dumped and '"sourcing": "reported"' in dumped
    assert '"short": "Cursor"' in dumped


# ---- issue 21: what the charts draw agrees with what they say ----


def test_slider_marks_margins_below_the_floor_with_their_value():
    spec = _slider()
    main = spec["vconcat"][0]["layer"]
    curve = next(
        layer
        for layer in main
        if layer["mark"].get("type") == "line"
        if isinstance(layer["mark"], dict)
    )
    # the curve runs off the chart instead of flattening at the floor
    assert curve["mark"]["clip"] is True
    assert "max(datum.margin" not in json.dumps(curve)
    clipped = [layer for layer in main if "clip_text" in json.dumps(layer)]
    assert len(clipped) == 1
    text = json.dumps(clipped[0])
    assert "datum.margin < -1.0" in text  # only points under the axis get a label
    assert "format(datum.margin, '.0%')" in text  # the true margin, as the readout writes it
    assert spec["vconcat"][0]["layer"][0]["encoding"]["y"]["field"] == "lo"


def test_dodge_leaves_no_two_labels_overlapping():
    x = [0.0, 10.0, 20.0, 300.0, 5.0]
    y = [100.0, 104.0, 101.0, 100.0, 90.0]
    widths = [60.0] * 5
    out = apps_labels.dodge(x, y, widths, 13.0)
    for i in range(5):
        for j in range(i + 1, 5):
            across = x[i] < x[j] + widths[j] and x[j] < x[i] + widths[i]
            if across:
                assert abs(out[i] - out[j]) >= 13.0 - 1e-9
    assert out[3] == 100.0  # far to the right: nothing to dodge
    assert out[4] == 90.0  # the lowest label stays where it is
    assert all(o >= v for o, v in zip(out, y, strict=True))  # labels only move up


def test_revenue_labels_state_each_series_last_month_and_do_not_collide():
    points = pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-01-31", "2026-01-31", "2024-01-31", "2026-02-28"]),
            "company": ["A (Ay)", "A (Ay)", "B", "B"],
            "metric": ["annualized_run_rate"] * 4,
            "value_usd_m": [10.0, 500.0, 20.0, 510.0],
            "basis": ["reported"] * 4,
            "source_id": ["a", "b", "c", "d"],
        }
    )
    last = apps_labels.end_labels(
        points.assign(short=["Ay", "Ay", "B", "B"]),
        width=ch.WIDTH,
        height=ch.HEIGHT,
        domain=apps_labels.log_domain(points["value_usd_m"]),
    )
    assert sorted(last["end_label"]) == ["Ay, Jan 2026", "B, Feb 2026"]
    # 500 and 510 are 2 px apart on a 340 px axis of two decades (10 to 1,000)
    assert apps_labels.log_domain(points["value_usd_m"]) == (10.0, 1000.0)
    lo, hi = np.log10(last["label_y"].min()), np.log10(last["label_y"].max())
    gap = (hi - lo) / 2 * ch.HEIGHT
    assert gap == pytest.approx(apps_labels.LABEL_GAP_PX)  # moved up to the gap
    assert last["label_y"].min() == 500.0  # the lower label stays at its point
    spec = json.dumps(ch.revenue_chart(points, ["A (Ay)"], 100.0, "2023-01-19").to_dict())
    assert "Ay, Jan 2026" in spec


def test_log_domain_is_whole_decades():
    assert apps_labels.log_domain(pd.Series([1.0, 2500.0])) == (1.0, 10_000.0)
    assert apps_labels.log_domain(pd.Series([0.0, 4.0, 80.0])) == (1.0, 100.0)


def test_compare_axis_ticks_are_far_enough_apart_to_read():
    fits = pd.DataFrame(
        {
            "threshold": [70.0],
            "first_month": [pd.Timestamp("2023-03-01")],
            "last_month": [pd.Timestamp("2025-02-01")],
            "annual_factor": [0.2],
            "annual_factor_low": [0.1],
            "annual_factor_high": [0.25],
        }
    )
    published = published_declines.published_estimates(datasets.load("reference_estimates"))
    table = published_declines.comparison_table(fits, published, "MMLU")
    spec = apps_prices.decline_compare_chart(table).to_dict()
    values = next(
        layer["encoding"]["x"]["axis"]["values"]
        for layer in spec["layer"]
        if "axis" in layer["encoding"]["x"]
    )
    gaps = np.diff(np.log10(values))
    assert gaps.min() >= np.log10(3) - 1e-9  # 1-2-5 steps put 1x and 2x on top of each other


def _titles(spec):
    """Every x/y encoding title in a spec (nested layers and concatenations)."""
    out = []
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key == "encoding":
                out += [value[c].get("title", "") for c in ("x", "y") if c in value]
            else:
                out += _titles(value)
    elif isinstance(spec, list):
        for item in spec:
            out += _titles(item)
    return out


def test_every_time_and_category_axis_of_the_chapter_says_what_it_measures():
    months = pd.to_datetime(["2023-03-01", "2024-03-01"])
    series = pd.DataFrame(
        {
            "threshold": [70.0, 70.0],
            "month": months,
            "model": ["a", "b"],
            "provider": ["p", "p"],
            "blended_usd_per_mtok": [2.0, 0.5],
            "input_usd_per_mtok": [1.0, 0.25],
            "output_usd_per_mtok": [4.0, 1.0],
            "source_id": ["s", "t"],
        }
    )
    trend = pd.DataFrame({"threshold": [70.0], "month": months[:1], "fitted_usd_per_mtok": [2.0]})
    projection = pd.DataFrame(
        {
            "year": [2023, 2024],
            "threshold": [70.0, 70.0],
            "capability": ["MMLU ≥ 70"] * 2,
            "margin_central": [0.55, 0.8],
            "margin_low": [0.55, 0.79],
            "margin_high": [0.55, 0.81],
            "inference_share_central": [0.3, 0.05],
        }
    )
    specs = [
        apps_prices.price_decline_chart(series, trend, "MMLU").to_dict(),
        apps_prices.margin_projection_chart(
            projection, (0.5, 0.6), 0.85, ["MMLU ≥ 70"], data_through="Feb 2025"
        ).to_dict(),
    ]
    for spec in specs:
        titles = [t for t in _titles(spec) if t != ""]
        assert titles and None not in titles
    assert "Month the list price applied" in _titles(specs[0])
    assert "Calendar year (prices observed through Feb 2025, projected after)" in _titles(specs[1])


def test_compare_chart_marks_intervals_that_run_past_its_edge():
    table = pd.DataFrame(
        {
            "label": ["wide", "narrow"],
            "fold": [500.0, 5.0],
            "fold_low": [10.0, 3.0],
            "fold_high": [50_000.0, 8.0],
            "source": ["a", "b"],
            "kind": ["published", "this book"],
        }
    )
    spec = apps_prices.decline_compare_chart(table).to_dict()
    arrows = [
        layer
        for layer in spec["layer"]
        if isinstance(layer["mark"], dict) and layer["mark"].get("shape") == "triangle-right"
    ]
    assert len(arrows) == 1
    rows = spec["datasets"][arrows[0]["data"]["name"]]
    assert [r["label"] for r in rows] == ["wide"]  # only the interval past 10,000x
    assert "▶" in apps_prices.COMPARE_NOTE
