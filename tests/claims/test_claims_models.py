"""Tests for analysis.claims.models: each predicate by hand, and verdicts that flip."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.claims import (
    claim_text,
    models_funding,
    models_inputs,
    models_quality,
    models_revenue,
    rules,
)
from analysis.claims import models as cm
from analysis.data import datasets
from analysis.models import funding_rounds, model_layer, open_closed

# ---------------------------------------------------------------------------
# Reading a claim's own numbers
# ---------------------------------------------------------------------------


def test_money_figures_reads_amounts_ranges_and_plain_dollars() -> None:
    text = "Cohere raised a $270M Series C at ~$2.1-2.2B valuation; Vicuna cost $300"
    assert claim_text.money_figures(text) == [(270e6, 270e6), (2.1e9, 2.2e9), (300.0, 300.0)]
    assert claim_text.money_figures_usd_m("OpenAI received a $10B investment") == [
        (10_000.0, 10_000.0)
    ]
    assert claim_text.money_figures("no money here") == []


def test_claim_share_reads_the_first_percentage() -> None:
    assert claim_text.claim_share("about half (~50%) of funding") == 0.5
    assert claim_text.claim_share("over 90% of ChatGPT, in 90% of cases") == 0.9
    with pytest.raises(ValueError, match="no percentage"):
        claim_text.claim_share("most of it")


def test_essay_source_ids_follow_the_essay_address() -> None:
    claims = pd.DataFrame({"source_id": ["essay-x"]})
    sources = pd.DataFrame(
        {
            "source_id": ["essay-x", "fund-essay-x", "other"],
            "url": ["https://e.example/", "https://e.example/", "https://o.example/"],
        }
    )
    assert claim_text.essay_source_ids(claims, sources) == {"essay-x", "fund-essay-x"}


# ---------------------------------------------------------------------------
# Figures and shares
# ---------------------------------------------------------------------------


def test_figure_check_band_and_missing() -> None:
    # claimed 2,100-2,200, the rule set's 10%: band 1,890 .. 2,420
    assert claim_text.figure_check((2100.0, 2200.0), 2200.0) == "held"
    assert claim_text.figure_check((2100.0, 2200.0), 2420.0) == "held"
    assert claim_text.figure_check((2100.0, 2200.0), 2421.0) == "failed"
    # 4,100 against a claimed 5,000: band 4,500 .. 5,500 -> failed; at 20% -> held
    assert claim_text.figure_check((5000.0, 5000.0), 4100.0) == "failed"
    with rules.rule_set(about_tolerance=0.20):
        assert claim_text.figure_check((5000.0, 5000.0), 4100.0) == "held"
    assert claim_text.figure_check((5000.0, 5000.0), np.nan) == "not testable"


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (["held", "held"], "held"),
        (["failed", "failed"], "failed"),
        (["not testable"], "not testable"),
        (["held", "failed"], "mixed"),
        (["held", "not testable"], "mixed"),
        (["failed", "not testable"], "failed"),
        (["still open", "not testable"], "still open"),
    ],
)
def test_combine(parts: list[str], expected: str) -> None:
    assert claim_text.combine(parts) == expected


def test_share_verdict_about_and_lower_bound() -> None:
    # "about 80%" = 72-88% (the rule set's relative 10%)
    assert claim_text.share_verdict(0.8, 0.75) == "held"
    assert claim_text.share_verdict(0.8, 0.70) == "failed"
    # "over 70%" decides neither "about 80%" nor "about 70%": still open, never a pass
    assert claim_text.share_verdict(0.8, 0.7, lower_bound=True) == "still open"
    assert claim_text.share_verdict(0.7, 0.7, lower_bound=True) == "still open"
    # ... but it does refute "about 50%" (45-55%): none of "over 70%" lies inside
    assert claim_text.share_verdict(0.5, 0.7, lower_bound=True) == "failed"


def _totals() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "publisher": ["Tracker", "Essay", "Other", "Tracker", "Tracker"],
            "year": [2023, 2023, 2023, 2023, 2023],
            "layer": ["models", "models", "models", "all", "all"],
            "value_usd_bn": [np.nan, np.nan, np.nan, 26.0, 14.0],
            "share": [0.7, 0.8, 0.35, np.nan, np.nan],
            "scope": [
                "model makers' share, 'over 70%' (lower bound)",
                "share per the essay",
                "share of ALL AI venture funding",
                "cumulative VC over five years",
                "late-stage funding in 2023 only",
            ],
            "source_id": ["t1", "essay", "t2", "t1", "t1"],
        }
    )


def test_tracker_shares_drop_essay_and_all_ai_denominators() -> None:
    rows = model_layer.tracker_shares(_totals(), "models", {"essay"})
    assert list(rows["source_id"]) == ["t1"]
    assert bool(rows["lower_bound"].iloc[0])


def test_market_total_is_the_cumulative_row() -> None:
    total = models_funding.market_total(_totals(), 2023, {"essay"})
    assert total["value_usd_bn"] == 26.0  # not the 14.0 single-year row
    with pytest.raises(ValueError, match="2022"):
        models_funding.market_total(_totals(), 2022, {"essay"})


# ---------------------------------------------------------------------------
# Funding
# ---------------------------------------------------------------------------


def _rounds() -> pd.DataFrame:
    rows = [
        # date, precision, company, layer, type, amount, valuation, leads, open_weights
        ("2022-01-10", "day", "Big", "models", "series_a", 1000.0, np.nan, "MS", "no"),
        ("2023-02-01", "day", "Mid", "models", "series_b", 400.0, 4000.0, None, "no"),
        ("2023-03-01", "day", "Part", "models", "series_a", 300.0, 2000.0, None, "some"),
        ("2023-04-01", "day", "Open", "models", "series_a", 200.0, 3000.0, None, "yes"),
        ("2023-06-01", "month", "Late", "models", "growth", 900.0, np.nan, None, "no"),
        ("2023-05-01", "day", "App", "apps", "seed", 50.0, 500.0, None, None),
    ]
    return pd.DataFrame(
        rows,
        columns=[
            "date",
            "date_precision",
            "company",
            "layer",
            "round_type",
            "amount_usd_m",
            "post_money_valuation_usd_m",
            "lead_investors",
            "open_weights",
        ],
    )


def test_funding_to_date_counts_a_month_round_once_the_month_is_over() -> None:
    r = _rounds()
    # "Late" is dated to June 2023: not known by 9 June, known by 30 June
    assert "Late" not in funding_rounds.funding_to_date(r, "2023-06-09")
    assert funding_rounds.funding_to_date(r, "2023-06-30")["Late"] == 900.0
    assert funding_rounds.funding_to_date(r, "2023-06-09", whole_period=False)["Late"] == 900.0


def test_top_closed_funding_and_some_as() -> None:
    r = _rounds()
    top = models_funding.top_closed_funding(r, "2023-06-09", k=2, some_as="closed")
    assert top.to_dict() == {"Big": 1000.0, "Mid": 400.0}
    top3 = models_funding.top_closed_funding(r, "2023-06-09", k=3, some_as="closed")
    assert list(top3.index) == ["Big", "Mid", "Part"]
    top3_open = models_funding.top_closed_funding(r, "2023-06-09", k=3, some_as="open")
    assert list(top3_open.index) == ["Big", "Mid"]  # Part counts as open, Late not yet
    with pytest.raises(ValueError, match="some_as"):
        models_funding.closed_companies(r, "separate")


def test_most_valuable_uses_money_raised_as_a_floor() -> None:
    out = models_funding.most_valuable(_rounds(), "2023-06-09", 3)
    # Big has no valuation but raised 1,000 -> floor 1,000; Mid 4,000; Open 3,000; Part 2,000
    assert list(out["company"]) == ["Mid", "Open", "Part"]
    big = models_funding.most_valuable(_rounds(), "2022-12-31", 1).iloc[0]
    assert (big["company"], big["value_floor_usd_m"]) == ("Big", 1000.0)


def test_find_round_filters() -> None:
    r = _rounds()
    assert len(models_funding.find_round(r, "Big", lead="ms")) == 1
    assert models_funding.find_round(r, "Big", lead="Google").empty
    assert models_funding.find_round(r, "Mid", round_type="series_b", end="2023-01-31").empty


# ---------------------------------------------------------------------------
# Revenue
# ---------------------------------------------------------------------------


def _revenue() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": ["2022-12-31", "2023-10-31", "2024-12-31", "2024-12-31", "2025-12-31"]
            + ["2025-12-31", "2025-06-30"],
            "company": ["A", "A", "A", "B", "A", "B", "B"],
            "metric": ["annual_revenue"] + ["annualized_run_rate"] * 6,
            "value_usd_m": [28.0, 1300.0, 6000.0, 1000.0, 20000.0, 30000.0, 4000.0],
        }
    )


def test_revenue_predicates_hand_computed() -> None:
    rev = _revenue()
    top = models_revenue.largest_revenue_by(rev, {"A", "B"}, "2023-01-19")
    assert (top["company"], top["value_usd_m"]) == ("A", 28.0)
    assert models_revenue.largest_revenue_by(rev, {"A"}, "2020-01-01") is None
    hit = models_revenue.first_reaching(rev, {"A", "B"}, 1000.0, "2023-01-19")
    assert (hit["company"], str(hit["date"].date())) == ("A", "2023-10-31")
    leaders = models_revenue.run_rate_leaders(rev, {"A", "B"}).set_index("year")
    assert leaders.loc[2024, "leader"] == "A"
    assert leaders.loc[2024, "leader_share"] == pytest.approx(6000 / 7000)
    assert leaders.loc[2025, "leader"] == "B"  # B's last 2025 point 30,000 > A's 20,000
    mult, a, b = models_revenue.growth_multiple(rev, "A", "2023-01-01", "2024-01-01")
    assert mult == pytest.approx(1300 / 28)
    run_only = models_revenue.growth_multiple(rev, "A", "2024-01-01", metric="annualized_run_rate")
    assert run_only[0] == pytest.approx(20000 / 1300)
    assert models_revenue.growth_multiple(rev, "B", "2020-01-01") is None


# ---------------------------------------------------------------------------
# Quality
# ---------------------------------------------------------------------------


def _frontier(gaps: dict[str, list[float]], start: str = "2023-06-01") -> pd.DataFrame:
    rows = []
    for benchmark, values in gaps.items():
        for i, gap in enumerate(values):
            rows.append(
                {
                    "benchmark": benchmark,
                    "month": pd.Timestamp(start) + pd.DateOffset(months=i),
                    "best_closed": 90.0,
                    "best_closed_model": "C",
                    "best_open": 90.0 - gap,
                    "best_open_model": "O",
                    "gap": gap,
                }
            )
    return pd.DataFrame(rows)


def test_gap_change_and_narrowing() -> None:
    frontier = _frontier({"mmlu_5shot": [20.0, 15.0, 5.0], "humaneval": [10.0, 12.0, 11.0]})
    out = models_quality.gap_change(frontier, "2023-06-09", 2).set_index("benchmark")
    assert out.loc["mmlu_5shot", "change"] == -15.0
    assert out.loc["humaneval", "change"] == 1.0
    assert models_quality.verdict_narrowing(out.reset_index()) == "mixed"
    assert models_quality.verdict_narrowing(out.loc[["humaneval"]]) == "failed"
    assert models_quality.verdict_narrowing(out.loc[["mmlu_5shot"]]) == "held"
    # a horizon past the data's end falls back to the last month
    far = models_quality.gap_change(frontier, "2023-06-01", 99).set_index("benchmark")
    assert far.loc["mmlu_5shot", "gap_to"] == 5.0


def test_parity_runs_and_on_par() -> None:
    parity = {"mmlu_5shot": 2.0, "humaneval": 2.0}
    frontier = _frontier({"mmlu_5shot": [5.0, 1.5, 2.0, 1.0], "humaneval": [5.0, 1.0, 3.0]})
    runs = models_quality.parity_runs(frontier, parity).set_index("benchmark")
    assert runs.loc["mmlu_5shot", "first_on_par"] == pd.Timestamp("2023-07-01")
    assert runs.loc["mmlu_5shot", "months_on_par"] == 3  # Jul, Aug, Sep all within 2
    assert np.isnan(runs.loc["humaneval", "months_on_par"])  # fell back out of parity
    with pytest.raises(ValueError, match="arena_elo"):
        models_quality.on_par(_frontier({"arena_elo": [1.0]}), parity)


def test_relative_scores_and_ratio_verdict() -> None:
    scored = pd.DataFrame(
        {
            "model": ["V", "R", "V", "R", "V", "R"],
            "benchmark": ["mmlu_5shot"] * 2 + ["humaneval"] * 2 + ["arena_elo"] * 2,
            "score": [52.1, 70.0, 45.0, 48.0, 1042.0, 1117.0],
        }
    )
    ratios = models_quality.relative_scores(scored, "V", "R").set_index("benchmark")
    assert "arena_elo" not in ratios.index  # an Elo ratio means nothing
    assert ratios.loc["mmlu_5shot", "ratio"] == pytest.approx(52.1 / 70.0)
    assert models_quality.verdict_ratio(ratios.reset_index(), 0.9) == "mixed"  # 0.744 and 0.9375
    assert models_quality.verdict_ratio(ratios.reset_index(), 0.95) == "mixed"  # floor 0.855
    assert models_quality.verdict_ratio(ratios.reset_index(), 1.1) == "failed"  # floor 0.99
    assert models_quality.verdict_ratio(ratios.reset_index(), 0.7) == "held"
    assert models_quality.relative_scores(scored, "V", "missing").empty


@given(st.lists(st.floats(-50, 50), min_size=1, max_size=6))
def test_narrowing_verdict_matches_signs(changes: list[float]) -> None:
    frame = pd.DataFrame({"change": changes})
    verdict = models_quality.verdict_narrowing(frame)
    narrowed = sum(c < 0 for c in changes)
    assert verdict == (
        "held" if narrowed == len(changes) else "failed" if narrowed == 0 else "mixed"
    )


# ---------------------------------------------------------------------------
# The whole table on the real data, and verdicts that flip with one row
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def data() -> dict[str, pd.DataFrame]:
    names = (
        "seed_claims",
        "sources",
        "funding_rounds",
        "genai_funding_totals",
        "revenue_points",
        "models",
        "model_quality",
        "api_prices",
    )
    return {n: datasets.load(n) for n in names}


def _verdicts(d: dict[str, pd.DataFrame], **params: object) -> pd.DataFrame:
    return cm.verdicts(
        d["seed_claims"],
        d["sources"],
        d["funding_rounds"],
        d["genai_funding_totals"],
        d["revenue_points"],
        d["models"],
        d["model_quality"],
        d["api_prices"],
        **params,
    ).set_index("claim_id")


def test_one_row_per_model_claim_with_known_verdicts(data: dict[str, pd.DataFrame]) -> None:
    out = _verdicts(data)
    claims = data["seed_claims"]
    assert sorted(out.index) == sorted(claims.loc[claims["layer"] == "models", "claim_id"])
    assert set(out["verdict"]) <= set(models_inputs.VERDICTS)
    framing = claims[(claims["layer"] == "models") & (claims["kind"] == "framing")]
    tested_framing = {"teng-19"}  # a framing claim with a testable form
    for cid in set(framing["claim_id"]) - tested_framing:
        assert out.loc[cid, "verdict"] == "not testable", cid
    # every verdict other than "not testable" says what it rests on
    tested = out[out["verdict"] != "not testable"]
    assert (tested["evidence"].str.len() > 0).all()
    assert tested["figure_id"].isin(models_inputs.FIGURES.values()).all()


def test_cohere_valuation_row_flips_teng_03(data: dict[str, pd.DataFrame]) -> None:
    assert _verdicts(data).loc["teng-03", "verdict"] == "held"
    rounds = data["funding_rounds"].copy()
    cohere = (rounds["company"] == "Cohere") & (rounds["round_type"] == "series_c")
    rounds.loc[cohere, "post_money_valuation_usd_m"] = 3000.0  # outside 2.1-2.2B +/- 10%
    flipped = _verdicts({**data, "funding_rounds": rounds})
    assert flipped.loc["teng-03", "verdict"] == "mixed"  # amount still agrees


def test_vicuna_score_flips_teng_29(data: dict[str, pd.DataFrame]) -> None:
    # 92% on the GPT-4-judged test it was stated on, 80% on MT-bench: mixed (MMLU not used)
    assert _verdicts(data).loc["teng-29", "verdict"] == "mixed"
    quality = data["model_quality"].copy()
    rows = (quality["model"] == "Vicuna-13B") & (quality["benchmark"] == "mt_bench")
    quality.loc[rows, "score"] = 7.5  # 7.5 / 7.94 = 94% of GPT-3.5 Turbo
    assert _verdicts({**data, "model_quality": quality}).loc["teng-29", "verdict"] == "held"


def test_parameters_flip_verdicts(data: dict[str, pd.DataFrame]) -> None:
    base = _verdicts(data)
    # Cohere ("some" open weights) counted as open: a top-3 company is no longer closed
    assert base.loc["teng-02", "verdict"] == "held"
    assert _verdicts(data, some_as="open").loc["teng-02", "verdict"] == "failed"
    # a looser figure tolerance accepts The Information's $4.1B for Anthropic
    assert base.loc["teng-05", "verdict"] == "mixed"
    with rules.rule_set(about_tolerance=0.2):
        assert _verdicts(data).loc["teng-05", "verdict"] == "held"


def test_an_earlier_round_flips_teng_01(data: dict[str, pd.DataFrame]) -> None:
    before = _verdicts(data).loc["teng-01"]
    rounds = data["funding_rounds"].copy()
    extra = rounds[rounds["company"] == "Inflection AI"].copy()
    # if Inflection's $1.3B had been announced on 1 May 2023 (day precision)...
    extra[["date", "date_precision"]] = ["2023-05-01", "day"]
    changed = pd.concat([rounds[rounds["company"] != "Inflection AI"], extra])
    after = _verdicts({**data, "funding_rounds": changed}).loc["teng-01"]
    assert before["verdict"] == "failed"
    # 11.0 + 1.45 + 1.3 = 13.75 of a lower-bound 26: "53% at most" cannot decide "> 50%"
    assert after["verdict"] == "still open"


def test_benchmark_labels_cover_every_benchmark(data: dict[str, pd.DataFrame]) -> None:
    assert set(data["model_quality"]["benchmark"]) <= set(open_closed.BENCHMARK_LABELS)
    # every benchmark with a parity rule has a label; labelled benchmarks without a rule
    # (the 2025 ones and the Vicuna-era judged measures) are shown but not judged
    assert set(models_inputs.DEFAULT_PARITY) <= set(open_closed.BENCHMARK_LABELS)
