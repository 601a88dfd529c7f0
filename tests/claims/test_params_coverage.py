"""Every parameter of every parameters cell is checked (issue 20, item 7)."""

from __future__ import annotations

import math

import pytest

from analysis.claims import params
from analysis.data.chapter_params import BOOK_DIR, chapter_params

PAGES = sorted(
    p.stem for p in BOOK_DIR.glob("*.md") if ":tags: [parameters" in p.read_text(encoding="utf-8")
)
CHECKED = (
    set(params.RULES)
    | set(params.TRIPLES)
    | set(params.PAIRS_OF_SHARES)
    | set(params.PAIRS_OF_POSITIVES)
    | set(params.PAIRS_OF_YEARS)
    | set(params.LEVELS)
    | set(params.OPTIONAL_SHARES)
    | set(params.CHOICES)
    | set(params.BENCHMARK_LISTS)
    | set(params.SWITCHES)
    | set(params.DATES)
    | set(params.POINTS_BY_KEY)
    | {"FIT_END"}
)


def test_the_pages_with_a_parameters_cell():
    assert PAGES == ["apps", "infrastructure", "models", "profit-pools", "verdict"]


@pytest.mark.parametrize("page", PAGES)
def test_every_parameter_is_checked_or_says_why_not(page):
    values = chapter_params(page)
    params.validate(values, page)  # the book's own values pass
    unchecked = set(values) - CHECKED - set(params.NOT_RANGED)
    assert not unchecked, f"book/{page}.md: no check for {sorted(unchecked)}"


@pytest.mark.parametrize("name", sorted(params.RULES))
def test_just_outside_each_range_is_an_error_naming_the_parameter_and_range(name):
    _what, low, high = params.RULES[name]
    for bad in (low - 1, high * 2 + 1 if math.isfinite(high) else None):
        if bad is None:
            continue
        with pytest.raises(params.ParameterError) as err:
            params.validate({name: bad}, "apps")
        assert name in str(err.value) and f"[{low:g}, {high:g}]" in str(err.value)
    params.validate({name: low})
    params.validate({name: high if math.isfinite(high) else 1e12})


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("DEPRECIATION_LIFE", 4, "one of 1, 3, 5, 6"),
        ("RUN_RATE_RULE", "median", "'year_end', 'mean'"),
        ("SOME_AS", "half", "'separate', 'open', 'closed'"),
        ("BENCHMARK", "mmlu", "one of"),
        ("LAG_BENCHMARKS", ("gpqa_diamond", "gpqa"), "must list benchmarks"),
        ("MODELS_PAYMENT_SHARE", 1.2, "[0, 1]"),
        ("CURRENT_THRESHOLDS", (50.0, 120.0), "[0, 100]"),
        ("AS_OF", "2026-02-30", "YYYY-MM-DD"),
        ("FIT_END", "soon", "YYYY-MM-DD"),
        ("ARENA_ONE_SNAPSHOT", "yes", "True or False"),
        ("START_YEAR", 2023.5, "whole number"),
        ("VIA_MODEL_SHARE", "(0.5, 0.8, 1.0)", '-y "VIA_MODEL_SHARE: ['),
    ],
)
def test_choices_dates_lists_and_text_are_named_with_what_is_allowed(name, value, words):
    with pytest.raises(params.ParameterError) as err:
        params.validate({name: value}, "models")
    assert name in str(err.value) and words in str(err.value)


def test_none_and_auto_are_allowed_where_the_cell_says_so():
    params.validate({"MODELS_PAYMENT_SHARE": None, "APPS_PAYMENT_SHARE": 0.3, "FIT_END": "auto"})
    params.validate({"FIT_END": "2025-06-30", "DEPRECIATION_LIFE": 5})
