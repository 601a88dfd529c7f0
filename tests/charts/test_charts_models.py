"""Tests for the Models chapter's chart helpers: every series shows where it stops."""

from __future__ import annotations

import json

import pandas as pd

from analysis.charts import models as charts_models
from analysis.charts import models_quality, models_titles


def test_series_ends_marks_the_last_observation_of_each_series() -> None:
    frame = pd.DataFrame(
        {
            "kind": ["closed", "closed", "open", "open"],
            "month": pd.to_datetime(["2025-01-01", "2025-11-01", "2024-05-01", "2025-07-01"]),
            "score": [80.0, 91.9, 60.0, 75.1],
        }
    )
    ends = models_quality.series_ends(frame, ["kind"], date="month").set_index("kind")
    assert ends.loc["closed", "end_label"] == "data through Nov 2025"
    assert ends.loc["open", "end_label"] == "data through Jul 2025"
    assert ends.loc["open", "score"] == 75.1


def test_every_benchmark_gets_a_claim_row_so_no_layer_is_empty() -> None:
    claims = pd.DataFrame(
        [
            {
                "benchmark": "mmlu",
                "date": pd.Timestamp("2023-03-30"),
                "score": 63.0,
                "kind": "claim",
                "short": "Vicuna",
            }
        ]
    )
    steps = pd.DataFrame(
        {
            "benchmark": ["mmlu", "gpqa", "gpqa"],
            "month": pd.to_datetime(["2023-03-01", "2024-07-01", "2024-08-01"]),
            "score": [70.0, 49.0, 51.0],
        }
    )
    out = models_quality.with_anchors(claims, steps, ["mmlu", "gpqa"])
    anchor = out[out["kind"] == "anchor"].iloc[0]
    assert len(out) == 2 and anchor["benchmark"] == "gpqa"
    assert (anchor["score"], anchor["short"]) == (49.0, "")  # on the first frontier point


# ---------------------------------------------------------------------------
# titles computed from the data: they flip when the data flip (issue 20)
# ---------------------------------------------------------------------------


def _by_layer(models_share: float) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "layer": ["models", "infrastructure", "apps"],
            "year_end": pd.Timestamp("2025-12-31"),
            "share": [models_share, (1 - models_share) * 0.8, (1 - models_share) * 0.2],
        }
    )


def _by_company(amounts: list[float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "company": ["OpenAI", "Anthropic", "xAI", "Mistral"],
            "year_end": pd.Timestamp("2025-12-31"),
            "cumulative_usd_m": amounts,
        }
    )


def test_money_title_flips_with_the_data() -> None:
    comp = _by_company([60.0, 30.0, 5.0, 5.0])
    assert models_titles.money_title(_by_layer(0.7), comp) == (
        "Model makers took most of the money, OpenAI and Anthropic most of that"
    )
    # models 40%, infrastructure 48%: the title must not say model makers took most
    assert models_titles.money_title(_by_layer(0.4), comp).startswith(
        "Infrastructure took more money than models"
    )
    spread = _by_company([30.0, 15.0, 28.0, 27.0])  # top two: OpenAI 30 + xAI 28 = 58%
    assert models_titles.money_title(_by_layer(0.7), spread).endswith("OpenAI and xAI most of that")
    flat = _by_company([26.0, 25.0, 25.0, 24.0])  # top two hold 51%: still most
    assert "most of that" in models_titles.money_title(_by_layer(0.7), flat)
    even = _by_company([25.0, 25.0, 25.0, 25.0])  # exactly half: not "most"
    assert models_titles.money_title(_by_layer(0.7), even).endswith("the largest shares of that")


def _metrics(top1: list[float], top3: float) -> pd.DataFrame:
    years = pd.to_datetime(["2024-12-31", "2025-12-31"])
    rows = [("top1_share", y, v) for y, v in zip(years, top1, strict=True)]
    rows += [("top3_share", y, top3) for y in years]
    rows += [(m, y, 0.5) for m in ("hhi", "gini") for y in years]
    frame = pd.DataFrame(rows, columns=["metric", "year_end", "value"])
    return frame.assign(scope="Model layer")


def test_concentration_title_flips_with_the_data() -> None:
    assert models_titles.concentration_title(_metrics([0.4, 0.5], 0.9)) == (
        "Three model makers hold 90% of the money; the largest one's share rose"
    )
    assert models_titles.concentration_title(_metrics([0.5, 0.4], 0.45)) == (
        "Three model makers hold only 45% of the money; the largest one's share fell"
    )


def test_lorenz_title_counts_the_few_that_hold_half() -> None:
    by_company = pd.DataFrame(
        {
            "company": ["a", "b", "c", "d"],
            "year_end": pd.Timestamp("2025-12-31"),
            "cumulative_usd_m": [10.0, 20.0, 30.0, 40.0],
        }
    )
    points = charts_models.lorenz_points_named(by_company)
    # largest 40 (40%) < half; 40 + 30 = 70% >= half: two companies
    assert (
        models_titles.lorenz_title(points)
        == "The 2 largest of 4 funded model makers hold 70% of the money"
    )
    lopsided = by_company.assign(cumulative_usd_m=[1.0, 1.0, 1.0, 97.0])
    assert models_titles.lorenz_title(charts_models.lorenz_points_named(lopsided)) == (
        "The largest of 4 funded model makers holds 97% of the money"
    )


def test_open_funding_title_states_the_share() -> None:
    weights = pd.DataFrame(
        {
            "year_end": pd.to_datetime(["2025-12-31"] * 3),
            "weights": ["closed", "some", "open"],
            "share": [0.6, 0.39, 0.01],
        }
    )
    assert models_titles.open_funding_title(weights) == (
        "Open-weights-only companies raised 1.0% of model-layer money to 2025"
    )


def _headline(first: float, last: float) -> dict[str, object]:
    return {
        "benchmark_name": "GPQA Diamond",
        "first_gap": first,
        "last_gap": last,
        "last_month": pd.Timestamp("2025-11-01"),
    }


def test_gap_title_flips_when_the_gap_flips() -> None:
    assert models_titles.gap_title(_headline(16.0, 11.2), 2.0) == (
        "Open models closed part of the gap on GPQA Diamond, to 11.2 points"
    )
    assert models_titles.gap_title(_headline(11.2, 16.0), 2.0) == (
        "Open models fell further behind on GPQA Diamond, to 16.0 points"
    )
    assert models_titles.gap_title(_headline(16.0, 1.0), 2.0) == (
        "Open models drew level on GPQA Diamond by Nov 2025"
    )
    lags = pd.DataFrame({"lag_months": [4.0, 10.0, None], "censored": [False, False, True]})
    assert "(median 7 months where matched)" in models_titles.gap_subtitle(lags)[1]
    assert "(none matched)" in models_titles.gap_subtitle(lags.iloc[2:])[1]


def test_data_through_and_usage_through() -> None:
    assert models_titles.data_through("2026-06-22", "last round") == (
        "Data through 22 June 2026 (last round)"
    )
    latest = pd.DataFrame(
        {
            "publisher": ["Menlo", "Ramp", "Menlo"],
            "date": pd.to_datetime(["2025-07-01", "2026-04-15", "2025-12-01"]),
        }
    )
    assert models_titles.usage_through(latest) == "Data through: Ramp Apr 2026; Menlo Dec 2025"


# ---------------------------------------------------------------------------
# Figures 3.2 and 3.6 (issue 21): axis titles per measure, nothing carried or cut
# ---------------------------------------------------------------------------


def test_concentration_axis_says_what_each_metric_measures() -> None:
    metrics = _metrics([0.4, 0.5], 0.9)
    spec = charts_models.concentration_selector(metrics, as_of="2025-06-30").to_dict()
    text = json.dumps(spec)
    assert "Value (0-1)" not in text
    for metric, title in charts_models.METRIC_AXES.items():
        assert metric in text and title in text
    assert "format(datum.value, '.0%')" in text  # shares in percent, indices 0-1


def test_unmatched_bars_stop_at_their_benchmark_data_end() -> None:
    lags = pd.DataFrame(
        {
            "benchmark": ["arena", "arena"],
            "closed_model": ["C1", "C2"],
            "release_date": pd.to_datetime(["2024-01-01", "2024-05-13"]),
            "lag_months": [3.0, None],
            "months_so_far": [None, 18.6],
            "censored": [False, True],
            "matched_by": ["O1", None],
            "matched_date": pd.to_datetime(["2024-04-01", None]),
        }
    )
    scored = pd.DataFrame(
        {
            "benchmark": ["arena", "arena"],
            "release_date": pd.to_datetime(["2024-01-01", "2024-07-24"]),
        }
    )
    out = models_quality.censor_at_data_end(lags, scored, "2025-11-30").set_index("closed_model")
    assert out.loc["C1", "end"] == pd.Timestamp("2024-04-01") and out.loc["C1", "months"] == 3.0
    # not matched: the bar ends at Arena's last scored release, not at the book's cutoff
    assert out.loc["C2", "end"] == pd.Timestamp("2024-07-24")
    assert round(out.loc["C2", "months"], 2) == round(72 / (365.25 / 12), 2)
    assert out.loc["C2", "matched_by"] == "none yet"


def test_each_side_of_the_frontier_stops_at_its_own_last_score() -> None:
    steps = pd.DataFrame(
        {
            "benchmark": ["mmlu_pro"] * 6,
            "month": pd.to_datetime(["2025-05-01", "2025-06-01", "2025-09-01"] * 2),
            "weights": ["closed"] * 3 + ["open"] * 3,
            "score": [86.0, 86.0, 86.0, 80.0, 81.0, 84.0],
        }
    )
    scored = pd.DataFrame(
        {
            "benchmark": ["mmlu_pro"] * 3,
            "release_date": pd.to_datetime(["2025-05-14", "2025-06-02", "2025-09-29"]),
            "open_weights": [False, True, True],
        }
    )
    out = models_quality.stop_at_own_data(steps, scored)
    # closed models were last scored in May 2025: the closed line is not carried to September
    assert list(out.loc[out["weights"] == "closed", "month"].dt.month) == [5]
    assert list(out.loc[out["weights"] == "open", "month"].dt.month) == [5, 6, 9]
    ends = models_quality.series_ends(out, ["weights"], date="month").set_index("weights")
    assert ends.loc["closed", "end_label"] == "data through May 2025"
