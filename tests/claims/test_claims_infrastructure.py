"""Verdict predicates of analysis.claims.infrastructure, on hand-made inputs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.claims import infrastructure as ci
from analysis.claims import rules


def layers(rows):
    """rows: (year, infra_bn, models_bn, apps_bn, nvidia_complete)."""
    out = []
    for year, infra, models, apps, complete in rows:
        total = infra + models + apps
        share = infra / total if complete else np.nan
        out.append(
            {
                "calendar_year": year,
                "infrastructure_usd_bn": infra,
                "models_usd_bn": models,
                "apps_usd_bn": apps,
                "total_usd_bn": total,
                "infrastructure_share": share,
                "nvidia_complete": complete,
            }
        )
    return pd.DataFrame(out)


def test_majority_held_failed_mixed_and_not_testable():
    # 2024: 60 / (60 + 30 + 10) = 0.6; 2025: 40 / 100 = 0.4
    assert ci.majority_verdict(layers([(2024, 60, 30, 10, True)]))[0] == "held"
    assert ci.majority_verdict(layers([(2025, 40, 50, 10, True)]))[0] == "failed"
    both = layers([(2024, 60, 30, 10, True), (2025, 40, 50, 10, True)])
    verdict, evidence = ci.majority_verdict(both)
    assert verdict == "mixed"
    assert "60% in 2024" in evidence and "40% in 2025" in evidence
    assert ci.majority_verdict(layers([(2023, 60, 30, 10, False)]))[0] == "not testable"


def test_majority_flips_when_one_row_changes():
    frame = layers([(2024, 60, 30, 10, True)])
    assert ci.majority_verdict(frame)[0] == "held"
    frame = layers([(2024, 45, 45, 10, True)])  # 45 / 100 = 0.45
    assert ci.majority_verdict(frame)[0] == "failed"


def test_interval_verdict_by_hand():
    inside = np.linspace(0.12, 0.18, 1001)  # 5th-95th percentile 0.123-0.177
    assert ci.interval_verdict(inside, 0.10, 0.20)[0] == "held"
    outside = np.linspace(0.30, 0.40, 1001)
    assert ci.interval_verdict(outside, 0.10, 0.20)[0] == "failed"
    overlap = np.linspace(0.15, 0.25, 1001)  # half the draws in range
    verdict, evidence = ci.interval_verdict(overlap, 0.10, 0.20)
    assert verdict == "mixed"
    assert "50% of draws in 10%-20%" in evidence
    with pytest.raises(ValueError):
        ci.interval_verdict(np.array([]), 0.1, 0.2)


def quarters(dc):
    return pd.DataFrame(
        {"fiscal_year": [2023], "fiscal_quarter": [3], "data_center_revenue_usd_m": [dc]}
    )


def test_quarter_figure_within_tolerance():
    # |3833 - 3800| / 3800 = 0.87 %: within the rule set's "about X" (10 %)
    verdict, evidence = ci.quarter_figure_verdict(quarters(3833.0), 2023, 3, 3800.0)
    assert verdict == "held"
    assert "$3.83 billion" in evidence and "0.9% apart" in evidence
    # 4100 is 7.9 % away: held at 10 %, failed under a 5 % rule set
    assert ci.quarter_figure_verdict(quarters(4100.0), 2023, 3, 3800.0)[0] == "held"
    with rules.rule_set(about_tolerance=0.05):
        assert ci.quarter_figure_verdict(quarters(4100.0), 2023, 3, 3800.0)[0] == "failed"
    assert ci.quarter_figure_verdict(quarters(4200.0), 2023, 3, 3800.0)[0] == "failed"
    assert ci.quarter_figure_verdict(quarters(np.nan), 2023, 3, 3800.0)[0] == "not testable"
    assert ci.quarter_figure_verdict(quarters(3833.0), 2024, 1, 3800.0)[0] == "not testable"


def capex_years(rows):
    """rows: (company, year, year_type, capex_usd_bn)."""
    return pd.DataFrame(rows, columns=["company", "year", "year_type", "capex_usd_bn"])


def test_capex_threshold_by_hand():
    rows = [
        ("Amazon", 2022, "calendar", 63.6),
        ("Alphabet", 2022, "calendar", 31.5),
        ("Microsoft", 2022, "fiscal", 23.9),
        ("Meta", 2022, "calendar", 31.2),  # not one of the Big 3: ignored
    ]
    verdict, evidence = ci.capex_threshold_verdict(capex_years(rows), 2022, 100.0)
    assert verdict == "held"  # 63.6 + 31.5 + 23.9 = 119.0
    assert evidence.startswith("$119 billion in 2022") and "Microsoft: fiscal year" in evidence
    rows[2] = ("Microsoft", 2022, "fiscal", 4.0)  # 99.1 < 100
    assert ci.capex_threshold_verdict(capex_years(rows), 2022, 100.0)[0] == "failed"
    assert ci.capex_threshold_verdict(capex_years(rows[:2]), 2022, 100.0)[0] == "not testable"


def figures(values):
    """values: {year: usd_bn} of CoreWeave's annual revenue."""
    return pd.DataFrame(
        {
            "calendar_year": list(values),
            "company": "CoreWeave",
            "metric_used": "annual_revenue",
            "value_usd_bn": list(values.values()),
        }
    )


def test_growth_verdict_by_hand():
    assert ci.growth_verdict(figures({2023: 0.2, 2024: 1.0, 2025: 2.0}), "CoreWeave")[0] == "held"
    # 1.0 -> 1.2 is +20 %: below 50 % once
    assert ci.growth_verdict(figures({2023: 0.2, 2024: 1.0, 2025: 1.2}), "CoreWeave")[0] == "mixed"
    assert ci.growth_verdict(figures({2024: 1.0, 2025: 1.1}), "CoreWeave")[0] == "failed"
    assert ci.growth_verdict(figures({2024: 1.0}), "CoreWeave")[0] == "not testable"
    assert ci.growth_verdict(figures({2023: 1.0, 2025: 3.0}), "CoreWeave")[0] == "not testable"


def test_biggest_winner_by_hand():
    lay = layers([(2024, 60, 30, 10, True)])
    nv = pd.DataFrame({"calendar_year": [2024], "data_center_revenue_usd_m": [55_000.0]})
    verdict, evidence = ci.biggest_winner_verdict(lay, nv)
    assert verdict == "held"  # 55 vs 5 + 30 + 10 = 45: 1.2x
    assert "1.2×" in evidence
    nv.loc[0, "data_center_revenue_usd_m"] = 40_000.0  # 40 vs 20 + 30 + 10 = 60
    assert ci.biggest_winner_verdict(lay, nv)[0] == "failed"


def test_capex_growth_needs_two_years():
    one = capex_years([("Oracle", 2025, "fiscal", 21.2)])
    assert ci.capex_growth_verdict(one, "Oracle")[0] == "not testable"
    two = capex_years([("Oracle", 2024, "fiscal", 6.9), ("Oracle", 2025, "fiscal", 21.2)])
    assert ci.capex_growth_verdict(two, "Oracle")[0] == "held"
    down = capex_years([("Oracle", 2024, "fiscal", 30.0), ("Oracle", 2025, "fiscal", 21.2)])
    assert ci.capex_growth_verdict(down, "Oracle")[0] == "failed"


def test_verdicts_one_row_per_infrastructure_claim():
    claims = pd.DataFrame(
        {
            "claim_id": ["a16z-05", "a16z-46", "a16z-47", "a16z-99", "teng-01"],
            "layer": ["infrastructure"] * 4 + ["models"],
            "claim": ["majority", "3.8B", "90x", "new", "other layer"],
        }
    )
    lay = layers([(2024, 60, 30, 10, True)])
    nv = pd.DataFrame({"calendar_year": [2024], "data_center_revenue_usd_m": [55_000.0]})
    table = ci.verdicts(
        claims,
        quarters=quarters(3833.0),
        nvidia_cy=nv,
        capex_years=capex_years([("Amazon", 2022, "calendar", 1.0)]),
        layers=lay,
        figures=figures({2024: 1.0}),
        cloud_draws=np.linspace(0.12, 0.18, 101),
    )
    assert list(table["claim_id"]) == ["a16z-05", "a16z-46", "a16z-47", "a16z-99"]
    assert list(table.columns) == [
        "claim_id",
        "verdict",
        "evidence",
        "figure_id",
        "reasoning",
        "sources",
    ]
    by_id = table.set_index("claim_id")
    assert by_id.loc["a16z-05", "verdict"] == "held"
    assert by_id.loc["a16z-05", "figure_id"] == ci.FIG_LAYERS
    assert by_id.loc["a16z-46", "verdict"] == "held"
    assert by_id.loc["a16z-47", "verdict"] == "not testable"
    assert by_id.loc["a16z-47", "reasoning"] == ci.NOT_TESTABLE["a16z-47"]
    assert by_id.loc["a16z-99", "verdict"] == "not testable"
    assert set(table["verdict"]) <= set(ci.VERDICTS)
    shown = ci.display_table(table, claims)
    assert shown.frame.loc["a16z-46", "claim"] == "3.8B"


def test_verdicts_on_the_real_data_cover_every_infrastructure_claim():
    from analysis.data import datasets

    claims = datasets.load("seed_claims")
    infra = claims[claims["layer"] == "infrastructure"]["claim_id"]
    untested = (
        set(infra)
        - set(ci.NOT_TESTABLE)
        - {"a16z-05", "a16z-36", "a16z-41", "a16z-43", "a16z-44", "a16z-45", "a16z-46"}
    )
    assert not untested, f"infrastructure claims with neither a test nor a reason: {untested}"
