"""Market proxies: the turnover rule, spend concentration, scarcity, measured payments."""

from __future__ import annotations

import pandas as pd

from analysis.claims import proxies_market as pm
from analysis.claims import rules, turnover


def _usage(rows):
    cols = ["date", "publisher", "measure", "segment", "share", "scope", "basis", "source_id"]
    return pd.DataFrame([(*r, "survey", "reported", "s1") for r in rows], columns=cols)


def test_turnover_reads_each_series_apart():
    u = _usage(
        [
            ("2023-12-31", "M", "spend", "A", 0.5),
            ("2023-12-31", "M", "spend", "B", 0.1),
            ("2025-12-31", "M", "spend", "B", 0.4),
            ("2025-12-31", "M", "spend", "A", 0.3),
            ("2025-01-01", "R", "firms", "A", 0.4),
            ("2025-01-01", "R", "firms", "B", 0.2),
            ("2026-01-01", "R", "firms", "A", 0.4),
            ("2026-01-01", "R", "firms", "B", 0.3),
        ]
    )
    series = turnover.usage_series(u, "2100-01-01")
    assert [s.turned_over for s in series] == [False, True]  # firms (R) kept A; spend (M) changed
    assert turnover.verdict(series) == "mixed"
    assert turnover.verdict(series[1:]) == "held"
    assert turnover.verdict(series[:1]) == "failed"


def test_a_survey_of_two_providers_is_a_lower_bound_on_the_top_three():
    u = _usage(
        [
            ("2023-12-31", "M", "spend", "A", 0.40),
            ("2023-12-31", "M", "spend", "B", 0.05),
            ("2025-12-31", "M", "spend", "A", 0.40),
            ("2025-12-31", "M", "spend", "B", 0.20),
            ("2025-12-31", "M", "spend", "C", 0.10),
        ]
    )
    got = pm.few_models(u, "2100-01-01")
    # 45% "at least" cannot decide "more than half": still open; 70% held -> mixed by combine
    assert "(at least)" in got["evidence"]
    assert got["verdict"] == "mixed"


def test_scarcity_compares_the_shortage_years_first_and_last_quarter():
    fin = pd.DataFrame(
        {
            "company": "NVIDIA",
            "segment": "total",
            "period_type": "fiscal_quarter",
            "metric": "gross_profit",
            "period_end": ["2023-04-30", "2023-10-29"],
            "value": [60.0, 75.0],
            "source_id": ["a", "b"],
        }
    )
    q = pd.DataFrame(
        {
            "period_end": ["2023-04-30", "2023-10-29"],
            "total_revenue_usd_m": [100.0, 100.0],
            "total_source_id": ["c", "d"],
        }
    )
    assert pm.scarcity_pricing(fin, q)["verdict"] == "held"
    with rules.scaled(1.25):  # 60% moved to 75%: "more than" 75% fails at exactly 75%
        assert pm.scarcity_pricing(fin, q)["verdict"] == "failed"


def test_a_labs_compute_bill_is_a_lower_bound_that_fails_ten_to_twenty_percent():
    paid = pd.DataFrame(
        {
            "company": ["L"],
            "layer": ["models"],
            "calendar_year": [2025],
            "payment_usd_bn": [6.0],
            "revenue_usd_bn": [10.0],
            "payment_share": [0.6],
            "how": ["inference cost"],
        }
    )
    econ = pd.DataFrame(
        {
            "company": ["L"],
            "period": ["CY2025"],
            "metric": ["inference_cost"],
            "source_id": ["e"],
        }
    )
    got = pm.cloud_take(paid, econ)
    assert got["verdict"] == "failed" and got["sources"] == "e"
    paid.loc[0, "payment_share"] = paid.loc[0, "payment_usd_bn"] = 0.15
    paid.loc[0, "revenue_usd_bn"] = 1.0
    # a lower bound inside the range cannot decide "about 10-20%"
    assert pm.cloud_take(paid, econ)["verdict"] == "still open"
