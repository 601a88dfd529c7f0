"""Verdicts from training costs, round participants and user milestones, computed by hand."""

from __future__ import annotations

import pandas as pd

from analysis.claims import proxies_evidence as pe
from analysis.claims import rules

COST_COLUMNS = ["model", "developer", "year", "cost_usd_m", "bound", "scope", "basis", "source_id"]


def costs(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COST_COLUMNS)


RUNS = costs(
    ("PaLM", "Google", 2022, 12.0, "point", "final_run_compute", "estimated", "s1"),
    ("GPT-4", "OpenAI", 2023, 78.0, "point", "final_run_compute", "estimated", "s1"),
    ("Ultra", "Google", 2023, 191.0, "point", "final_run_compute", "estimated", "s1"),
    ("Llama", "Meta", 2023, 4.0, "point", "final_run_compute", "estimated", "s1"),
    ("GPT-4", "OpenAI", 2023, 100.0, "lower_bound", "training_total", "reported", "s2"),
    ("Vicuna-13B v0", "LMSYS", 2023, 0.0003, "point", "fine_tuning_compute", "reported", "s3"),
)


def test_training_scale_takes_the_costliest_run_by_the_essay_year():
    got = pe.training_scale(RUNS)
    # costliest point estimate to 2023 = 191 (Ultra): >= 10 and < 1000 -> held
    assert got["verdict"] == "held"
    assert got["evidence"].startswith("largest estimated final training runs to 2023: Ultra")
    # a run of $2 billion fails the 'hundreds of millions' ceiling
    big = pd.concat(
        [RUNS, costs(("Big", "X", 2023, 2000.0, "point", "final_run_compute", "estimated", "s1"))]
    )
    assert pe.training_scale(big)["verdict"] == "failed"
    # runs after the essay's year do not count
    late = costs(("Late", "X", 2025, 2000.0, "point", "final_run_compute", "estimated", "s1"))
    assert pe.training_scale(late)["verdict"] == "not testable"


def test_cheap_open_model_checks_both_halves():
    assert pe.cheap_open_model(RUNS)["verdict"] == "held"
    # Vicuna at $400: outside 'about $300' (+-10%) while closed runs still cost millions -> mixed
    dear = RUNS.copy()
    dear.loc[dear["model"] == "Vicuna-13B v0", "cost_usd_m"] = 0.0004
    assert pe.cheap_open_model(dear)["verdict"] == "mixed"
    # the lower-bound row and Meta's open model are not 'closed models' final runs'
    ev = pe.cheap_open_model(RUNS)["evidence"]
    assert "Llama" not in ev and "PaLM" in ev and "Ultra" in ev


def test_public_company_training_reads_final_runs_as_lower_bounds():
    got = pe.public_company_training(RUNS)
    # Google >= 191, Meta >= 4: neither bound reaches 'at least 200' -> still open
    assert got["verdict"] == "still open"
    # with the threshold moved down 25% (150) Google holds, Meta stays open -> mixed
    with rules.scaled(0.75):
        assert pe.public_company_training(RUNS)["verdict"] == "mixed"
    # a public company's $250M run settles it for that company
    more = pd.concat(
        [RUNS, costs(("M2", "Meta", 2024, 250.0, "point", "final_run_compute", "estimated", "s1"))]
    )
    assert pe.public_company_training(more)["verdict"] == "mixed"


def test_named_investors_must_all_be_among_the_participants():
    people = pd.DataFrame(
        {
            "company": ["Cohere"] * 3,
            "round_type": ["series_c"] * 3,
            "investor": ["Inovia Capital", "Nvidia", "Oracle"],
            "source_id": ["s"] * 3,
        }
    )
    assert pe.named_investors(people)["verdict"] == "held"
    assert pe.named_investors(people[people["investor"] != "Oracle"])["verdict"] == "mixed"
    assert pe.named_investors(people[people["investor"] == "Inovia Capital"])["verdict"] == "failed"
    assert pe.named_investors(people.iloc[0:0])["verdict"] == "not testable"


def test_user_record_compares_with_the_fastest_earlier_product():
    m = pd.DataFrame(
        {
            "product": ["ChatGPT", "TikTok", "Instagram"],
            "users_m": [100.0, 100.0, 100.0],
            "months_to_reach": [2.0, 9.0, 30.0],
            "source_id": ["u"] * 3,
        }
    )
    # ChatGPT's part holds (2 < 9); Stable Diffusion's is untested -> mixed by the rule for parts
    assert pe.user_record(m)["verdict"] == "mixed"
    assert pe.user_record(m, sd_part="held")["verdict"] == "held"
    slow = m.assign(months_to_reach=[12.0, 9.0, 30.0])
    assert pe.user_record(slow, sd_part="held")["verdict"] == "mixed"
    assert pe.user_record(slow, sd_part="failed")["verdict"] == "failed"


def test_hosting_share_from_figures_or_a_reported_share():
    mix = pd.DataFrame(
        {
            "company": ["A", "A", "B"],
            "period": ["CY2024", "CY2024", "CY2025"],
            "channel": ["total", "own_apps", "api"],
            "value_usd_m": [3700.0, 2800.0, float("nan")],
            "share": [float("nan"), float("nan"), 0.8],
            "source_id": ["s1", "s1", "s2"],
        }
    )
    shares = pe.hosting_shares(mix).set_index("company")["hosting_share"]
    # A: (3700 - 2800) / 3700 = 900 / 3700 = 0.2432...; B: reported 0.8
    assert abs(shares["A"] - 900 / 3700) < 1e-12 and shares["B"] == 0.8
    # A fails 'more than half', B holds -> mixed; B alone -> held
    assert pe.hosting_revenue(mix)["verdict"] == "mixed"
    assert pe.hosting_revenue(mix[mix["company"] == "B"])["verdict"] == "held"
    # a lab with a total but no split is skipped, not guessed
    assert pe.hosting_shares(mix[mix["channel"] == "total"]).empty
