"""Tests for analysis.models.model_layer and the Models chapter's chart factories."""

from __future__ import annotations

import json

import altair as alt
import numpy as np
import pandas as pd
import pytest

from analysis.charts import models as charts
from analysis.charts import models_quality
from analysis.claims import models_inputs
from analysis.models import concentration
from analysis.models import model_layer as ml
from analysis.models import open_closed as oc


def _rounds() -> pd.DataFrame:
    rows = [
        ("2022-03-01", "A", "models", "series_a", 100.0, "no"),
        ("2022-06-01", "B", "models", "seed", 300.0, "yes"),
        ("2023-02-01", "A", "models", "series_b", 600.0, "no"),
        ("2023-05-01", "X", "apps", "seed", 50.0, None),
    ]
    df = pd.DataFrame(
        rows, columns=["date", "company", "layer", "round_type", "amount_usd_m", "open_weights"]
    )
    df["post_money_valuation_usd_m"] = np.nan
    return df


def test_concentration_by_scope_adds_leader_and_totals() -> None:
    out = ml.concentration_by_scope(_rounds(), {"All": None, "Models": "models"})
    row = out[(out["scope"] == "All") & (out["metric"] == "top1_share")]
    by_year = row.set_index(row["year_end"].dt.year)
    # 2022: A 100, B 300 -> B leads with 0.75; 2023: A 700, B 300, X 50 -> A 700/1050
    assert by_year.loc[2022, "leader"] == "B" and by_year.loc[2022, "value"] == 0.75
    assert by_year.loc[2023, "leader"] == "A"
    assert by_year.loc[2023, "value"] == pytest.approx(700 / 1050)
    assert by_year.loc[2023, "n_companies"] == 3 and by_year.loc[2023, "total_usd_m"] == 1050
    assert ml.metric_at(out, "Models", "top1_share", 2023) == pytest.approx(0.7)
    with pytest.raises(ValueError, match="no single"):
        ml.metric_at(out, "Models", "top1_share", 2030)


def test_share_marks_label_essays_and_lower_bounds() -> None:
    totals = pd.DataFrame(
        {
            "publisher": ["Dealroom", "Morgan Stanley (via Teng)", "Crunchbase"],
            "year": [2023, 2023, 2023],
            "layer": ["models"] * 3,
            "value_usd_bn": [np.nan] * 3,
            "share": [0.7, 0.8, 0.35],
            "scope": ["'over 70%' (lower bound)", "via the essay", "share of ALL AI funding"],
            "basis": ["reported", "estimated", "reported"],
            "source_id": ["d", "essay", "c"],
        }
    )
    out = ml.share_marks(totals, {"essay"}).set_index("source_id")
    assert list(out.index) == ["d", "essay"]  # the all-AI denominator is left out
    assert out.loc["d", "label"] == "Dealroom, over"
    assert out.loc["essay", "label"] == "Morgan Stanley, per Teng (essay)"
    assert out.loc["essay", "basis"] == "estimated"


def test_claim_overlay_places_claim_and_measured_points() -> None:
    scored = pd.DataFrame(
        {
            "model": ["V", "R", "R"],
            "benchmark": ["mmlu_5shot", "mmlu_5shot", "humaneval"],
            "score": [52.0, 70.0, 48.0],
            "release_date": pd.to_datetime(["2023-06-22", "2023-03-01", "2023-03-01"]),
        }
    )
    point = oc.vicuna_claim_point(
        relative_quality=0.9,
        training_cost_usd=300,
        n_questions=80,
        judge="GPT-4",
        model="V",
        reference_model="R",
    )
    out = ml.claim_overlay(
        point, scored, benchmarks=["mmlu_5shot", "humaneval", "gpqa_diamond"], date="2023-03-30"
    )
    claim = out[out["kind"] == "claim"].set_index("benchmark")
    # 0.9 x 70 = 63 on MMLU; 0.9 x 48 = 43.2 on HumanEval; no reference score on GPQA
    assert claim["score"].to_dict() == pytest.approx({"mmlu_5shot": 63.0, "humaneval": 43.2})
    measured = out[out["kind"] == "measured"].iloc[0]
    assert (measured["benchmark"], measured["score"]) == ("mmlu_5shot", 52.0)
    assert "74%" in measured["short"]  # 52 / 70
    assert list(out.columns) == list(ml.OVERLAY_COLUMNS)


def test_priced_models_blend_and_flag() -> None:
    prices = pd.DataFrame(
        {
            "provider": ["P", "Q", "Q"],
            "model": ["Closed", "Open", "Unlisted"],
            "effective_date": ["2024-01-01"] * 3,
            "input_usd_per_mtok": [3.0, 0.2, 1.0],
            "output_usd_per_mtok": [15.0, 0.6, 1.0],
            "source_id": ["s1", "s2", "s3"],
        }
    )
    models = pd.DataFrame(
        {
            "model": ["Closed", "Open"],
            "developer": ["D", "E"],
            "release_date": ["2023-01-01", "2023-01-01"],
            "open_weights": ["false", "true"],
        }
    )
    quality = pd.DataFrame({"model": ["Closed"], "benchmark": ["mmlu_5shot"], "score": [80.0]})
    out = ml.priced_models(
        prices, models, quality, benchmark="mmlu_5shot", input_weight=3, output_weight=1
    ).set_index("model")
    assert list(out.index) == ["Closed", "Open"]  # the unlisted model is left out
    assert out.loc["Closed", "blended"] == 6.0  # (3*3 + 15) / 4
    assert out.loc["Open", "blended"] == pytest.approx(0.3)  # (3*0.2 + 0.6) / 4
    assert not out.loc["Closed", "open_weights"] and out.loc["Open", "open_weights"]
    assert np.isnan(out.loc["Open", "score"])


def test_price_fall_and_valued_round_summary() -> None:
    comparison = pd.DataFrame(
        {
            "month": pd.to_datetime(["2023-01-01", "2023-02-01", "2023-03-01"]),
            "closed_model": ["G4", "G4", "G4o"],
            "closed_usd_per_mtok": [40.0, 40.0, 5.0],
            "price_ratio": [np.nan, np.nan, 10.0],
        }
    )
    fall = ml.price_fall(comparison)
    assert fall["fall"] == 8.0 and fall["n_with_open"] == 1 and fall["n_months"] == 3
    assert fall["latest_open"]["price_ratio"] == 10.0
    multiples = pd.DataFrame(
        {
            "company": ["A", "B", "A", "C"],
            "date": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01", "2023-01-01"]),
            "multiple": [20.0, 40.0, 30.0, np.nan],
        }
    )
    summary = ml.valued_round_summary(multiples)
    assert (summary["n_valued"], summary["n_matched"]) == (4, 3)
    assert (summary["low"], summary["median"], summary["high"]) == (20.0, 30.0, 40.0)
    assert summary["high_row"]["company"] == "B" and summary["left_out"] == ["C"]


def test_claims_table_quotes_from_the_dataset() -> None:
    claims = pd.DataFrame(
        {
            "claim_id": ["a-1", "b-2"],
            "essay": ["a16z", "teng"],
            "layer": ["models", "cross"],
            "quote": ["Quote one.", "Quote two."],
        }
    )
    out = ml.claims_table(claims, ["b-2", "a-1"])
    assert list(out["Claim"]) == ["b-2", "a-1"]
    assert list(out["What the essay says"]) == ["Quote two.", "Quote one."]
    with pytest.raises(ValueError, match="zz"):
        ml.claims_table(claims, ["zz"])


def test_params_from_reads_upper_case_fields() -> None:
    got = models_inputs.params_from({"TOP_K": 5, "SOME_AS": "open", "OTHER": 1, "top_k": 9})
    assert got == {"top_k": 5, "some_as": "open"}


# ---------------------------------------------------------------------------
# Chart factories: the specs carry the bound controls and the tooltips
# ---------------------------------------------------------------------------


def _spec(chart: alt.TopLevelMixin) -> dict:
    return json.loads(chart.to_json())


def test_concentration_selector_binds_a_named_select() -> None:
    metrics = ml.concentration_by_scope(_rounds(), {"All": None, "Model layer": "models"})
    spec = _spec(charts.concentration_selector(metrics, as_of="2026-11-23"))
    params = [p for p in spec.get("params", []) if "bind" in p]
    assert params[0]["name"] == "models_metric"
    assert params[0]["bind"]["input"] == "select"
    assert params[0]["bind"]["options"] == list(charts.METRIC_LABELS)


def test_lorenz_points_named_and_slider() -> None:
    cum = concentration.cumulative_funding(_rounds(), "company", layer="models")
    points = charts.lorenz_points_named(cum)
    y2022 = points[points["year"] == 2022]
    # sorted A (100), B (300): (0,0), (.5, .25) adds A, (1, 1) adds B
    assert list(y2022["company"]) == ["", "A", "B"]
    assert list(y2022["funding_share"]) == pytest.approx([0.0, 0.25, 1.0])
    gini = pd.DataFrame({"year": [2022, 2023], "gini": [0.25, 0.33]})
    spec = _spec(charts.lorenz_slider(points, gini))
    slider = [p for p in spec["params"] if "bind" in p][0]
    assert slider["name"] == "models_lorenz_year"
    assert (slider["bind"]["min"], slider["bind"]["max"]) == (2022, 2023)


def test_gap_lag_has_benchmark_menu_and_model_tooltips() -> None:
    models = pd.DataFrame(
        {
            "model": ["C1", "O1"],
            "developer": ["D", "E"],
            "release_date": ["2023-01-10", "2023-05-10"],
            "open_weights": [False, True],
        }
    )
    quality = pd.DataFrame(
        {"model": ["C1", "O1"], "benchmark": ["mmlu_5shot"] * 2, "score": [80.0, 81.0]}
    )
    frontier = oc.frontier_by_month(models, quality)
    lags = oc.catch_up_lags(models, quality, as_of="2023-12-31")
    scored = oc.scored_models(models, quality).assign(source_id="s")
    spec = _spec(
        models_quality.gap_lag(
            frontier,
            scored,
            lags,
            pd.DataFrame(columns=list(ml.OVERLAY_COLUMNS)),
            labels=oc.BENCHMARK_LABELS,
            units=oc.BENCHMARK_UNITS,
            as_of="2023-12-31",
        )
    )
    menu = [p for p in spec["params"] if "bind" in p][0]
    assert menu["name"] == "models_benchmark" and menu["bind"]["options"] == ["mmlu_5shot"]
    text = json.dumps(spec)
    for field in ("model", "developer", "release_date", "source_id", "matched_by"):
        assert f'"field": "{field}"' in text


def test_weights_and_company_colours_are_fixed() -> None:
    assert charts.WEIGHTS_COLORS["Closed weights"] == "#0072B2"
    assert charts.WEIGHTS_COLORS["Open weights"] == "#E69F00"
    assert len(set(charts.COMPANY_COLORS)) == len(charts.COMPANY_COLORS)
    assert charts.year_label(pd.Timestamp("2026-12-31"), pd.Timestamp("2026-11-23")).endswith(
        "(to date)"
    )
