"""The Apps chapter's computed titles flip when the data flip; its verdict table passes through."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.apps import margin_projection
from analysis.apps import unit_economics as ue
from analysis.apps.anchors import PriceAnchors
from analysis.charts import apps_figures as figs
from analysis.claims import apps as claims_apps

M = pd.Timestamp


def _anchors(top_first, top_last, tokens=3.0):
    return PriceAnchors(
        price_per_user=20.0,
        other_cost_share=0.15,
        target_margin=0.55,
        tokens=tokens,
        first_month=M("2023-03-01"),
        last_month=M("2025-02-01"),
        p_first=2.0,
        p_last=0.13,
        top_first=top_first,
        top_last=top_last,
        breakeven=2.0,
    )


@pytest.mark.parametrize(
    "first, last, expected",
    [
        # margin = 1 - 3 * price / 20 - 0.15: negative above $5.67 per million tokens
        (37.5, 0.48, "At 2023 prices an X app lost money; by 2025 it had room"),
        (37.5, 10.0, "At both 2023 and 2025 prices an X app lost money"),
        (1.0, 0.48, "At both 2023 and 2025 prices an X app kept a margin"),
        (1.0, 10.0, "At 2023 prices an X app had room; at 2025 prices it lost money"),
    ],
)
def test_slider_title_follows_the_margins(first, last, expected):
    assert figs.slider_title(_anchors(first, last), "X") == expected


def test_essay_margin_title_names_the_middle_or_says_none_fits():
    assert figs.essay_margin_title(0.15) == "The essay's margins need inference near 30% of revenue"
    # 10 % other costs: inference 30-40 % fits the band, so its middle is 35 %
    assert figs.essay_margin_title(0.10).endswith("near 35% of revenue")
    assert figs.essay_margin_title(0.45).startswith("With 45% other costs, no inference share")


def _projection(fold, usage_growth=1.0):
    fits = pd.DataFrame(
        {
            "threshold": [70.0, 86.0],
            "annual_factor": [1 / fold, 1 / fold],
            "annual_factor_low": [1 / fold / 1.2] * 2,
            "annual_factor_high": [1 / fold * 1.2] * 2,
        }
    )
    app = ue.TypicalApp(0.30, 0.15)
    return margin_projection.project_margin_by_threshold(
        app, fits, range(2023, 2028), 2023, usage_growth
    )


def test_projection_title_flips_with_the_decline_and_with_usage():
    base, ceiling = 0.55, 0.85
    # 6x cheaper: 2024 margin 1 - 0.15 - 0.05 = 80 %, 83 % of the 30-point gap closed
    fast = figs.projection_title(_projection(6.0), base, ceiling, 2023)
    assert fast == "Cheaper tokens lift margins near the ceiling within a year"
    # 2x cheaper: 70 % (50 %), 77.5 % (75 %), 81.25 % (87.5 %) -> three years
    slow = figs.projection_title(_projection(2.0), base, ceiling, 2023)
    assert slow == "Cheaper tokens lift margins near the ceiling within 3 years"
    # usage growing 4x a year against 2x cheaper tokens: the inference share doubles yearly
    falls = figs.projection_title(_projection(2.0, usage_growth=4.0), base, ceiling, 2023)
    assert falls.endswith("margins fall")
    assert figs.years_to_near_ceiling(_projection(1.05), base, ceiling, 2023) == {
        70.0: None,
        86.0: None,
    }


def test_revenue_title_flips_with_the_dates():
    def reach(*dates):
        return pd.DataFrame(
            {
                "company": [f"c{i}" for i in range(len(dates))],
                "reached": [True] * len(dates),
                "first_date_reached": pd.to_datetime(list(dates)),
            }
        )

    most = figs.revenue_title(reach("2025-01-31", "2025-06-30", "2024-01-31"), 100.0, "2023-01-19")
    assert most == "Most apps that crossed $100 million did so in 2025, none before the essay"
    spread = figs.revenue_title(
        reach("2023-12-31", "2025-01-31", "2025-06-30", "2026-03-31"), 100.0, "2023-01-19"
    )
    assert spread == "Apps crossed $100 million from 2023 to 2026, none before the essay"
    early = figs.revenue_title(reach("2022-06-30", "2025-01-31", "2025-03-31"), 100.0, "2023-01-19")
    assert early.endswith(", 1 of 3 before the essay")
    none = figs.revenue_title(reach().assign(reached=[]), 100.0, "2023-01-19")
    assert none == "No app in our data has reached $100 million yet"


# ---- the verdict table ----


CLAIMS = pd.DataFrame({"claim_id": ["a16z-03", "a16z-06"], "claim": ["Fast climbs", "Growth"]})


def _table(**extra):
    base = {
        "claim_id": ["a16z-03", "a16z-06"],
        "verdict": ["mixed", "held"],
        "evidence": ["e1", "e2"],
        "reasoning": ["r1", "r2"],
        "figure_id": ["fig-apps-revenue", ""],
    }
    return pd.DataFrame({**base, **extra})


def test_display_table_is_indexed_by_claim_id_with_the_claim_in_words():
    out = claims_apps.display_table(_table(), CLAIMS)
    assert list(out.frame.index) == ["a16z-03", "a16z-06"]
    assert out.frame.loc["a16z-06", "claim"] == "Growth"
    html = out._repr_html_()  # the book's one verdict-table style (verdict_table.py)
    assert "Tested as: Growth" in html
    assert '<a class="gai-fig-ref" href="apps.html#fig-apps-revenue">' in html


def test_display_table_shows_robustness_grade_and_date():
    scorecard = _table(
        robustness=["fragile", "robust"],
        grade=["aggregator", None],
        checked=["2026-12-04", "2026-11-23"],
    )
    html = claims_apps.display_table(scorecard, CLAIMS)._repr_html_()
    row = html[html.index('id="claim-a16z-03"') :]
    assert "fragile" in row and "aggregator" in row and "checked 2026-12-04" in row
    assert "None" not in html  # a missing grade is empty, not "None"
    assert "checked 2026-11-23" in html


def test_the_chapter_table_shows_the_verdict_page_scorecard_rows():
    from analysis.claims import pipeline
    from analysis.data import datasets

    table = pipeline.layer_scorecard(datasets.load, "apps")
    claims = datasets.load("seed_claims")
    out = claims_apps.display_table(table, claims).frame
    assert set(out.index) == set(claims.loc[claims["layer"] == "apps", "claim_id"])
    assert list(out["verdict"]) == list(table["verdict"])
    assert {"robustness", "grade", "checked"} <= set(out.columns)
