"""The one rule set: same-kind claims judged alike, bounds, sensitivity, parameters."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.claims import params, rules
from analysis.claims.pipeline import settled_count


def test_more_than_and_about_judge_an_upper_bound_the_same_way():
    # Teng's ">50% to a few closed companies" at "49% at most" and "OpenAI about 50%"
    # at "42% at most": neither bound reaches the claim, so both fail by the same rule
    assert rules.judge(rules.upper_bound(0.49), rules.more_than(0.5)) == "failed"
    assert rules.judge(rules.upper_bound(0.42), rules.about(0.5)) == "failed"
    # a bound that straddles the claim decides nothing
    assert rules.judge(rules.upper_bound(0.53), rules.more_than(0.5)) == "still open"
    assert rules.judge(rules.upper_bound(0.53), rules.about(0.5)) == "still open"


def test_a_lower_bound_never_passes_two_different_claims():
    over_70 = rules.lower_bound(0.70)  # Dealroom's "over 70%"
    assert rules.judge(over_70, rules.about(0.8)) == "still open"
    assert rules.judge(over_70, rules.about(0.7)) == "still open"
    assert rules.judge(over_70, rules.more_than(0.6)) == "held"


def test_about_is_one_relative_tolerance():
    band = rules.about(0.5)
    assert band.low == pytest.approx(0.45) and band.high == pytest.approx(0.55)
    money = rules.about(3800.0)
    assert money.low == pytest.approx(3420.0) and money.high == pytest.approx(4180.0)
    with rules.rule_set(about_tolerance=0.2):
        assert rules.about(0.5).low == pytest.approx(0.4)


def test_grew_rapidly_is_doubling_a_year():
    assert rules.grew_rapidly(2.0) and not rules.grew_rapidly(1.9)
    assert rules.per_year(4.0, 2.0) == pytest.approx(2.0)


def test_scaled_moves_every_boundary_and_robustness_follows():
    observed = rules.point(0.49)
    verdicts = []
    for factor in rules.SCALES:
        with rules.scaled(factor):
            verdicts.append(rules.judge(observed, rules.more_than(0.5)))
    assert rules.robustness(verdicts) == "fragile"  # 49% vs 50%: flips within +/-25%
    verdicts = []
    for factor in rules.SCALES:
        with rules.scaled(factor):
            verdicts.append(rules.judge(rules.point(0.9), rules.more_than(0.5)))
    assert rules.robustness(verdicts) == "robust"


def test_settled_count_counts_only_robust_decided_verdicts():
    card = pd.DataFrame(
        {
            "verdict": ["held", "held", "failed", "mixed", "still open", "not testable"],
            "robustness": ["robust", "fragile", "robust", "robust", "robust", ""],
        }
    )
    assert settled_count(card) == 3


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("SIGNIFICANT_SHARE", -0.1, "[0, 1]"),
        ("MAJORITY_THRESHOLD", 2, "[0, 1]"),
        ("TOP_K", -3, "[1, 1e+07]"),
        ("ABOUT_TOLERANCE", 0.7, "[0, 0.5]"),
        ("SEVERAL", 2.5, "whole number"),
    ],
)
def test_a_bad_parameter_is_named_with_its_range(name, value, words):
    with pytest.raises(params.ParameterError) as err:
        params.validate({name: value}, "models")
    assert name in str(err.value) and words in str(err.value)
    assert "book/models.md" in str(err.value)


def test_triples_and_pairs_are_checked():
    with pytest.raises(params.ParameterError, match="APP_INFERENCE_SHARE"):
        params.validate({"APP_INFERENCE_SHARE": (0.4, 0.3, 0.2)})
    with pytest.raises(params.ParameterError, match="PARITY"):
        params.validate({"PARITY": {"mmlu_5shot": -1}})
    params.validate({"APP_INFERENCE_SHARE": [0.2, 0.3, 0.4], "INPUT_OUTPUT_WEIGHTS": [3, 1]})


@pytest.mark.parametrize("page", ["apps", "models", "infrastructure", "verdict"])
def test_every_pages_parameters_pass(page):
    from analysis.data.chapter_params import chapter_params

    params.validate(chapter_params(page), page)
