from __future__ import annotations

import pandas as pd
import pytest

from analysis import findings


def test_nvidia_compares_a_quarter_with_a_quarter():
    quarters = pd.DataFrame(
        {
            "fiscal_year": [2023, 2023, 2027, 2027],
            "fiscal_quarter": [3, 4, 1, 2],
            "period_end": pd.to_datetime(["2022-10-30", "2023-01-29", "2026-04-26", "2026-07-26"]),
            "data_center_revenue_usd_m": [3830.0, 3620.0, 76600.0, None],
        }
    )
    f = findings.nvidia_growth(quarters)
    # the latest quarter WITH a Data Center figure: 76600 / 3830 = 20
    assert f.values["multiple"] == "20×"
    assert f.values["essay"] == "$3.83 billion" and f.values["essay_quarter"] == "Q3 FY2023"
    assert f.values["quarter"] == "Q1 FY2027" and f.values["value"] == "$76.6 billion"


def test_verdict_counts_add_up_and_settled_means_robust():
    card = pd.DataFrame(
        {
            "verdict": ["held", "held", "failed", "mixed", "still open", "not testable", "held"],
            "robustness": ["robust", "fragile", "robust", "robust", "robust", "", "robust"],
        }
    )
    v = findings.verdict_summary(card).values
    assert (v["settled"], v["held"], v["failed"], v["mixed"]) == ("4", "2", "1", "1")
    assert (v["fragile"], v["still_open"], v["not_testable"], v["claims"]) == ("1", "1", "1", "7")
    assert v["held_share"] == "50%"


def test_front_page_findings_from_the_book_data():
    from analysis.data import datasets

    found = {f.key: f for f in findings.key_findings(datasets.load)}
    assert found["funding"].figure_id == "fig-models-where-money-went"
    assert found["race"].figure_id == "fig-profit-race"
    assert found["pool"].values["last"] == "2026"
    v = found["verdict"].values
    parts = ("settled", "fragile", "still_open", "not_testable")
    assert sum(int(v[k]) for k in parts) == int(v["claims"])


PARITY = {"gpqa_diamond": 2.0, "mmlu_5shot": 2.0}


def _gap_inputs():
    from analysis.models import open_closed as oc

    models = pd.DataFrame(
        {
            "model": ["c1", "o1", "c2", "o2", "c3"],
            "developer": ["A", "B", "A", "B", "A"],
            "release_date": ["2024-01-10", "2024-03-05", "2024-06-01", "2024-09-20", "2025-02-01"],
            "open_weights": ["false", "true", "false", "true", "false"],
        }
    )
    quality = pd.DataFrame(
        {
            "model": ["c1", "o1", "c2", "o2", "c3", "c1", "o1"],
            "benchmark": ["gpqa_diamond"] * 5 + ["mmlu_5shot"] * 2,
            "score": [50.0, 40.0, 60.0, 58.0, 65.0, 80.0, 70.0],
        }
    )
    return oc.frontier_by_month(models, quality), oc.scored_models(models, quality)


def test_open_closed_gap_on_the_latest_open_benchmark_says_where_open_scores_stop():
    frontier, scored = _gap_inputs()
    f = findings.open_closed_gap(frontier, scored, ("mmlu_5shot", "gpqa_diamond"), PARITY)
    assert f.values == {
        "bench": "GPQA Diamond",  # open scores run to Sep 2024 there, Mar 2024 on MMLU
        "first": "10.0 points",  # Mar 2024: c1 50 vs o1 40
        "first_month": "March 2024",
        "last": "7.0 points",  # Feb 2025: c3 65 vs o2 58
        "last_month": "February 2025",
        "last_closed": "c3",
        "last_open": "o2",
        "open_end": "September 2024",  # the frontier runs on, the open side does not
        "open_end_model": "o2",
        "direction": "closed part of the gap",
    }
    assert f.figure_id == "fig-models-gap-lag"


def test_open_closed_gap_direction_follows_parity():
    frontier, scored = _gap_inputs()
    f = findings.open_closed_gap(frontier, scored, ("gpqa_diamond",), {"gpqa_diamond": 7.0})
    assert f.values["direction"] == "drew level"


def test_front_page_gap_is_the_chapter_gap():
    """One number on two pages: the front page's open-closed gap is what the Models chapter
    glues for the same benchmark, and its open-scores end is the lag table's."""
    from analysis.data import datasets
    from analysis.data.chapter_params import chapter_params
    from analysis.models import chapter_texts, gap_trends, headline, lag
    from analysis.models import open_closed as oc

    p = chapter_params("models")
    frontier, scored = findings.open_closed_inputs(datasets.load, p)
    f = findings.open_closed_gap(frontier, scored, p["LAG_BENCHMARKS"], p["PARITY"])
    bench = headline.latest_open_benchmark(scored, p["LAG_BENCHMARKS"])
    chapter = chapter_texts.gap_texts(
        bench, headline.open_closed_headline(frontier, scored, bench), 0
    )
    assert f.values["last"] == chapter[f"models_{bench}_gap_last"]
    assert f.values["first_month"] == chapter[f"models_{bench}_gap_first_month"]
    # the chapter's frontier (its first month on/after the start) gives the same first gap
    first = gap_trends.gap_at(frontier, bench, frontier["month"].min())
    assert f.values["first"] == f"{first['gap']:.1f} points"
    open_ends = lag.last_observation(scored[scored["open_weights"]])
    assert f.values["open_end"] == oc.month_start(open_ends[bench]).strftime("%B %Y")


def test_price_decline_picks_the_threshold():
    fits = pd.DataFrame({"threshold": [70.0, 80.0], "fold_decline_per_year": [5.91, 30.9]})
    assert findings.price_decline(fits, 70.0).values == {"fold": "5.9×", "threshold": "70"}
    with pytest.raises(KeyError):
        findings.price_decline(fits, 90.0)


def test_model_layer_funding_shares():
    rounds = pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-01-10", "2024-02-01", "2024-03-01"]),
            "company": ["A", "B", "C"],
            "layer": ["models", "models", "apps"],
            "round_type": ["series_a"] * 3,
            "amount_usd_m": [60.0, 20.0, 20.0],
        }
    )
    f = findings.model_layer_funding(rounds)
    # models 80 of 100; A holds 60 of the model layer's 80 = 75%
    assert f.values == {
        "models_share": "80%",
        "top1_share": "75%",
        "leader": "A",
        "through": "1 March 2024",
    }
    assert f.figure_id == "fig-models-where-money-went"
