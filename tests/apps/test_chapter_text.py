"""The Apps chapter's prose numbers: hand-computed cases and sentences that flip with the data."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.apps import anchors, cost_text, revenue_text
from analysis.apps import price_decline as pdl
from analysis.apps import unit_economics as ue
from analysis.apps.chapter_inputs import AppsInputs, load_inputs

M = pd.Timestamp


def _fits(folds, high=None):
    """A fit table: fold per year, annual factor = 1 / fold, interval around it."""
    rows = []
    for t, f in folds.items():
        hi = (high or {}).get(t, 1 / f * 1.2)
        rows.append(
            {
                "threshold": t,
                "fold_decline_per_year": f,
                "annual_factor": 1 / f,
                "annual_factor_low": 1 / f / 1.2,
                "annual_factor_high": hi,
                "first_month": M("2023-03-01"),
                "last_month": M("2025-02-01"),
            }
        )
    return pd.DataFrame(rows)


def _series():
    """Three levels over four months; level 80 falls 20x in one step (2024-07)."""
    months = [M("2023-03-01"), M("2023-04-01"), M("2024-07-01"), M("2025-02-01")]
    prices = {70.0: [2.0, 1.0, 0.5, 0.25], 80.0: [40.0, 40.0, 2.0, 1.0], 86.0: [40.0] * 3 + [4.0]}
    rows = [
        {"threshold": t, "month": m, "model": f"m{t:g}-{i}", "blended_usd_per_mtok": p}
        for t, ps in prices.items()
        for i, (m, p) in enumerate(zip(months, ps, strict=True))
    ]
    return pd.DataFrame(rows)


# ---- the essay's arithmetic ----


def test_essay_model_text_states_the_essay_ranges_and_the_typical_app():
    text = cost_text.essay_model_text(ue.TypicalApp(0.30, 0.15))
    # corners of 1 - inference - other over 20-40 % and 10-20 %: 70 % down to 40 %
    assert (text["apps_grid_lo"], text["apps_grid_hi"]) == ("40%", "70%")
    # a 30-point range against the essay's 10-point band: 3x as wide
    assert text["apps_grid_ratio"] == "3×"
    # implied other costs 1 - 60 - 40 = 0 % (not negative) to 1 - 50 - 20 = 30 %
    assert (text["apps_implied_other_lo"], text["apps_implied_other_hi"]) == ("0%", "30%")
    assert text["apps_typical_margin"] == "55%"


@pytest.mark.parametrize(
    "other, expected",
    [(0.15, (0.25, 0.35)), (0.10, (0.30, 0.40)), (0.25, (0.20, 0.25)), (0.45, None)],
)
def test_consistent_inference_cuts_the_band_to_the_essay_range(other, expected):
    # margin band 50-60 % needs inference 1 - other - 0.6 .. 1 - other - 0.5, inside 20-40 %
    got = cost_text.consistent_inference(other, (0.2, 0.4), (0.5, 0.6))
    assert got == (pytest.approx(expected) if expected else None)


# ---- the typical app at real prices ----


def _ends():
    return pdl.endpoint_prices(_series())


def test_price_anchors_calibrate_usage_and_invert_the_margin():
    a = anchors.price_anchors(
        _ends(),
        70.0,
        86.0,
        inference_share=0.30,
        price_per_user=20.0,
        other_cost_share=0.15,
        target_margin=0.55,
    )
    assert a.tokens == pytest.approx(3.0)  # 0.3 * 20 / 2
    assert a.breakeven == pytest.approx(2.0)  # 20 * (1 - 0.15 - 0.55) / 3
    assert a.margin_at(0.25) == pytest.approx(1 - 3 * 0.25 / 20 - 0.15)
    assert (a.top_first, a.top_last) == (40.0, 4.0)
    assert a.margin_at(40.0) == pytest.approx(1 - 6 - 0.15)


def test_anchor_text_says_unlimited_use_fails_only_at_a_negative_margin():
    def text(inference_share):
        a = anchors.price_anchors(
            _ends(),
            70.0,
            86.0,
            inference_share=inference_share,
            price_per_user=20.0,
            other_cost_share=0.15,
            target_margin=0.55,
        )
        return anchors.anchor_text(a, "MMLU ≥ 70", "MMLU ≥ 86")

    heavy = text(0.30)  # the top level costs 20x the headline: margin -515 %
    assert heavy["apps_margin_top_first"] == "-515%"
    assert heavy["apps_top_verdict"].startswith("Such an app could not")
    light = text(0.01)  # 0.1 M tokens: 1 - 0.1 * 40 / 20 - 0.15 = 65 %
    assert light["apps_margin_top_first"] == "65%"
    assert light["apps_top_verdict"].startswith("Even such an app could")
    assert heavy["apps_price_per_user"] == "$20-a-month"


def test_reference_points_label_each_level_and_end():
    refs = anchors.reference_points(_ends(), "MMLU")
    first = refs.iloc[0]
    assert first["capability"] == "MMLU ≥ 70"
    assert first["when"] == "first month (Mar 2023)"
    assert first["label"] == "MMLU ≥ 70, Mar 2023: $2.00"
    assert set(refs["when"].str.split().str[0]) == {"first", "last"}


def test_fit_window_uses_a_fixed_end_as_given():
    w = anchors.fit_window(pd.DataFrame(), pd.DataFrame(), "mmlu", "2024-06-30", (3.0, 1.0))
    assert w == {"input_weight": 3.0, "output_weight": 1.0, "end": "2024-06-30"}


# ---- the decline ----


def _decline(fits):
    return cost_text.decline_text(
        fits,
        _series(),
        pd.DataFrame({"model": ["a", "b", "a"]}),
        fit_end="2025-02-01",
        confidence=0.95,
        weights=(3.0, 1.0),
        benchmark_name="MMLU",
    )


def test_decline_text_names_the_fastest_level_and_its_largest_step():
    text = _decline(_fits({70.0: 6.0, 80.0: 34.0, 86.0: 12.0}))
    assert text["apps_fastest_level"] == "middle level"
    assert text["apps_jump_fold"] == "20×"  # 40 -> 2 in July 2024
    assert text["apps_jump_month"] == "July 2024"
    assert (text["apps_n_priced_models"], text["apps_n_price_rows"]) == ("2", "3")
    assert text["apps_weights"] == "3:1"
    assert text["apps_fold_80"] == "34.0×"
    # the fastest level changes when the data do: the top level's 10x step
    flipped = _decline(_fits({70.0: 6.0, 80.0: 12.0, 86.0: 34.0}))
    assert flipped["apps_fastest_level"] == "MMLU ≥ 86 level"
    assert flipped["apps_jump_fold"] == "10×"


def test_mechanism_sentence_follows_the_fits():
    assert "many times over" in cost_text.mechanism_sentence(_fits({70.0: 6.0, 80.0: 4.0}))
    slow = cost_text.mechanism_sentence(_fits({70.0: 6.0, 80.0: 1.5}))
    assert "fell, as" in slow and "many" not in slow
    # an interval reaching above 1: the price may not have fallen at that level
    unsure = cost_text.mechanism_sentence(_fits({70.0: 6.0, 80.0: 1.1}, high={80.0: 1.05}))
    assert "did not fall at every level" in unsure


def test_current_text_names_the_cheapest_model_and_its_weights():
    series = _series().query("threshold == 70.0")
    models = pd.DataFrame({"model": ["m70-3"], "open_weights": ["True"]})
    text = cost_text.current_text(_fits({70.0: 8.0}), series, models, "GPQA Diamond")
    assert text["apps_cur_end"] == "February 2025"
    assert text["apps_cur_fold_0"] == "8×"
    assert text["apps_cur_last_models"] == (
        "m70-3 (open weights) at GPQA Diamond ≥ 70, $0.25 per million tokens"
    )


# ---- the projection ----


def _projection_text(fold, usage_growth=1.0):
    from analysis.apps import margin_projection

    fits = _fits({70.0: fold})
    app = ue.TypicalApp(0.30, 0.15)
    proj = margin_projection.project_margin_by_threshold(
        app, fits, range(2023, 2028), 2023, usage_growth
    )
    return cost_text.projection_text(
        proj,
        fits,
        app,
        headline_threshold=70.0,
        base_year=2023,
        last_year=2027,
        usage_growth=usage_growth,
    )


def test_projection_text_hand_computed():
    text = _projection_text(6.0)
    assert text["apps_proj_next"] == "80%"  # 1 - 0.15 - 0.30 / 6
    assert text["apps_ceiling"] == "85%"
    assert text["apps_offset_growth"] == "6.0×"
    assert text["apps_band_sentence"].startswith("The bands are narrow")


def test_projection_band_sentence_flips_when_prices_barely_fall():
    text = _projection_text(1.1)
    assert not text["apps_band_sentence"].startswith("The bands are narrow")
    assert "points" in text["apps_band_sentence"]


# ---- revenues ----


def _reach():
    return pd.DataFrame(
        {
            "company": ["A", "B (Bee)", "C"],
            "reached": [True, True, False],
            "first_date_reached": [M("2022-06-30"), M("2025-01-31"), pd.NaT],
            "basis": ["reported", "estimated", None],
        }
    )


def test_revenue_text_counts_figures_before_the_essay():
    pts = pd.DataFrame(
        {
            "company": ["A", "A", "B (Bee)", "C"],
            "date": pd.to_datetime(["2022-06-30", "2024-01-01", "2022-12-31", "2025-01-01"]),
            "value_usd_m": [150.0, 300.0, 80.0, 5.0],
        }
    )
    text = revenue_text.revenue_text(pts, _reach(), 100.0, "2023-01-19")
    assert text["apps_n_apps"] == "3"
    assert text["apps_n_reached"] == "2"
    assert text["apps_first_reacher"] == "A"
    assert text["apps_n_pre_essay"] == "2"
    assert text["apps_n_pre_essay_over"] == "1"
    assert text["apps_max_pre_essay_co"] == "A"
    none_over = revenue_text.revenue_text(pts, _reach(), 200.0, "2023-01-19")
    assert none_over["apps_n_pre_essay_over"] == "none"


def test_category_text_takes_each_category_first_company():
    cats = {"one": ("A", "B (Bee)"), "two": ("C",), "three": ("Z",)}
    text = revenue_text.category_text(_reach(), cats, "2023-01-19")
    assert text["apps_cat_0_first"] == "A, June 2022"
    assert text["apps_cat_1_first"] == "no company in our data yet"
    assert text["apps_cat_2_first"] == "no company in our data yet"
    assert (text["apps_n_cat_by_essay"], text["apps_n_cat"]) == ("1", "3")


def _climbs():
    return pd.DataFrame(
        {
            "company": ["A", "B", "C"],
            "date_below": [M("2024-04-30"), M("2023-01-31"), pd.NaT],
            "value_below_usd_m": [4.0, 8.0, float("nan")],
            "date_reached": [M("2025-01-31"), M("2025-01-31"), M("2025-06-30")],
            "value_reached_usd_m": [100.0, 120.0, 150.0],
            "basis_reached": ["reported", "estimated", "reported"],
            "months_at_most": [9.0, 24.0, float("nan")],
        }
    )


def test_climb_text_and_table():
    text = revenue_text.climb_text(_climbs(), 12.0, 10.0)
    assert (text["apps_n_bounded"], text["apps_n_fast"], text["apps_n_unbounded"]) == (
        "2",
        "1",
        "1",
    )
    assert text["apps_climb_from"] == "$10 million"
    table = revenue_text.climb_table(_climbs(), 10.0, 100.0)
    assert list(table.columns) == [
        "App",
        "Last figure under $10 million",
        "First figure at $100 million or more",
        "Climb took at most (months)",
    ]
    assert table.iloc[0, 1] == "April 2024: $4.0 million"  # two significant digits
    assert table.iloc[2, 1] == "none in data"
    assert table.iloc[2, 3] == ""


# ---- inputs ----


def test_load_inputs_reads_each_dataset_through_the_loader():
    from analysis.data import datasets

    asked = []

    def load(name):
        asked.append(name)
        return datasets.load(name)

    d = load_inputs(load)
    assert set(asked) == {
        "sources",
        "seed_claims",
        "api_prices",
        "model_quality",
        "models",
        "revenue_points",
        "funding_rounds",
    }
    assert len(d) == len(AppsInputs._fields) == 7


def test_load_inputs_on_the_real_datasets_keeps_one_row_per_price_key():
    from analysis.data import datasets

    d = load_inputs(datasets.load)
    assert not d.prices.duplicated(["provider", "model", "effective_date"]).any()
    assert not d.revenue.duplicated(["company", "date", "metric"]).any()
