"""Profit pools: the layer table, calendar years, value added, Altimeter reproduced."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.data import datasets, provenance
from analysis.infrastructure import (
    lab_race,
    pool_lines,
    profit_inputs,
    profit_pools,
    race_sentences,
)


def test_layer_assignment_by_hand():
    assert pool_lines.assign_layer("company_financials", "NVIDIA", "total")[0] == "semiconductors"
    assert pool_lines.assign_layer("company_financials", "NVIDIA", "Data Center")[0] == "excluded"
    assert pool_lines.assign_layer("company_financials", "TSMC", "total")[0] == "excluded"
    assert pool_lines.assign_layer("company_financials", "Amazon", "AWS")[0] == "excluded"
    ms = pool_lines.assign_layer("company_financials", "Microsoft", "Microsoft AI business")
    assert ms[0] == "cloud"
    assert pool_lines.assign_layer("revenue_points", "Nebius", "infrastructure")[0] == "cloud"
    assert pool_lines.assign_layer("revenue_points", "xAI", "models")[0] == "excluded"
    assert pool_lines.assign_layer("revenue_points", "OpenAI", "models")[0] == "models"
    with pytest.raises(KeyError):
        pool_lines.assign_layer("company_financials", "Intel", "total")


def test_every_stored_line_is_assigned_once():
    fin = datasets.load("company_financials")
    for (c, s), _ in fin.groupby(["company", "segment"]):
        layer, reason = pool_lines.assign_layer("company_financials", c, s)
        assert layer in (*pool_lines.LAYERS, "excluded") and reason


def _q(ends, values, kind="fiscal_quarter"):
    return pd.DataFrame({"period_type": kind, "period_end": ends, "value": values})


def test_calendar_values_quarters_fiscal_year_and_annualised():
    ends = ["2024-04-28", "2024-07-28", "2024-10-27", "2025-01-26", "2025-04-27"]
    rows = _q(ends, [1.0, 2.0, 3.0, 4.0, 5.0])
    rows = pd.concat(
        [
            rows,
            pd.DataFrame(
                {"period_type": ["fiscal_year"], "period_end": ["2024-01-28"], "value": [9.0]}
            ),
        ]
    )
    got = pool_lines.calendar_values(rows, 2023, 2025).set_index("calendar_year")
    assert got.loc[2023, "value_usd_m"] == 9.0  # FY ending late Jan 2024 stands for 2023
    assert got.loc[2024, "value_usd_m"] == 10.0  # FY2025 Q1-Q4 by mid-quarter
    assert got.loc[2025, "value_usd_m"] == 20.0  # one quarter x 4, labelled
    assert got.loc[2025, "how"] == "annualised from 1 quarter(s)"


def test_june_fiscal_year_is_not_relabelled():
    rows = pd.DataFrame(
        {"period_type": ["fiscal_year"], "period_end": ["2024-06-30"], "value": [5.0]}
    )
    assert pool_lines.calendar_values(rows, 2023, 2026).empty


def _lines():
    return pd.DataFrame(
        {
            "company": ["Chip", "Cloud", "Lab", "App"],
            "layer": ["semiconductors", "cloud", "models", "apps"],
            "calendar_year": 2025,
            "revenue_usd_bn": [100.0, 20.0, 10.0, 2.0],
            "gross_profit_usd_bn": [70.0, np.nan, 4.0, np.nan],
        }
    )


def test_layer_years_by_hand():
    t = profit_pools.layer_years(_lines(), {"cloud": 0.5, "apps": 0.25})
    assert profit_pools.share_of(t, "semiconductors", 2025, "revenue_share") == pytest.approx(
        100 / 132
    )
    # filled gross profit: 70 + 10 (cloud 20 x 0.5) + 4 + 0.5 (app 2 x 0.25) = 84.5
    assert profit_pools.share_of(t, "semiconductors", 2025, "gp_share_filled") == pytest.approx(
        70 / 84.5
    )
    assert np.isnan(profit_pools.share_of(t, "semiconductors", 2025, "gp_share_reported"))


def test_value_added_by_hand():
    measured = pd.DataFrame({"company": ["Lab"], "calendar_year": [2025], "payment_usd_bn": [6.0]})
    va = profit_pools.value_added(_lines(), measured, {"models": 0.5, "apps": 0.4})
    got = va.set_index("layer")["value_added_usd_bn"]
    assert got["models"] == pytest.approx(4.0)  # 10 - 6 measured
    assert got["apps"] == pytest.approx(1.2)  # 2 - 2 x 0.4 assumed
    assert got["semiconductors"] == 100 and got["cloud"] == 20
    assert va["va_share"].sum() == pytest.approx(1.0)


LINE = st.tuples(
    st.sampled_from(pool_lines.LAYERS),
    st.floats(0.01, 1e3),
    st.one_of(st.none(), st.floats(0, 1)),
    st.floats(0, 1),
)


@settings(deadline=None, max_examples=60)
@given(st.lists(LINE, min_size=4, max_size=12))
def test_properties_shares_sum_to_one_gp_and_value_added_below_revenue(items):
    items = [*items, *((layer, 1.0, None, 0.0) for layer in pool_lines.LAYERS)]
    lines = pd.DataFrame(
        {
            "company": [f"c{i}" for i in range(len(items))],
            "layer": [i[0] for i in items],
            "calendar_year": 2025,
            "revenue_usd_bn": [i[1] for i in items],
            "gross_profit_usd_bn": [np.nan if i[2] is None else i[1] * i[2] for i in items],
        }
    )
    t = profit_pools.layer_years(lines, dict.fromkeys(pool_lines.LAYERS, 0.5))
    assert t["revenue_share"].sum() == pytest.approx(1.0)
    assert t["gp_share_filled"].sum() == pytest.approx(1.0)
    assert (t["gross_profit_filled_usd_bn"] <= t["revenue_usd_bn"] + 1e-9).all()
    measured = pd.DataFrame(
        {
            "company": lines["company"][:2],
            "calendar_year": 2025,
            "payment_usd_bn": [items[0][3], items[1][3]],
        }
    )
    va = profit_pools.value_added(lines, measured, {"models": items[2][3], "apps": items[3][3]})
    assert (va["value_added_usd_bn"] <= va["revenue_usd_bn"] + 1e-9).all()


def test_gross_profit_above_revenue_is_rejected():
    bad = _lines().assign(gross_profit_usd_bn=[200.0, np.nan, 4.0, np.nan])
    with pytest.raises(ValueError, match="exceeds"):
        profit_pools.layer_years(bad)


def test_altimeter_2026_shares_reproduced_from_its_inputs():
    t = profit_pools.altimeter_reproduction(datasets.load("reference_estimates"))
    semis = t[t["measure"] == "semis revenue share"].iloc[0]
    assert semis["recomputed"] == pytest.approx(300 / 435)
    assert abs(semis["recomputed"] - semis["published"]) < 0.015
    gp = t[t["measure"] == "semis gross-profit share"].iloc[0]
    assert abs(gp["recomputed"] - gp["published"]) < 0.015  # 219 / 280.25 = 0.78 vs 0.79


def test_the_book_data_gives_semis_gp_share_for_2023_and_2026():
    src = datasets.load("sources")
    fin = provenance.pick_preferred(
        datasets.load("company_financials"),
        ["company", "segment", "period_type", "period", "metric"],
        src,
    )
    rp = provenance.pick_preferred(
        datasets.load("revenue_points"), ["company", "date", "metric"], src
    )
    econ, ref = datasets.load("ai_economics"), datasets.load("reference_estimates")
    lines = profit_pools.add_stated_margins(
        pool_lines.pool_lines(fin, rp), profit_pools.stated_margins(econ)
    )
    t = profit_pools.layer_years(lines, profit_pools.altimeter_margins(ref))
    for year in (2023, 2026):
        share = profit_pools.share_of(t, "semiconductors", year, "gp_share_filled")
        assert 0.5 < share <= 1


def test_lab_race_leader_and_net_ratio_by_hand():
    pts = pd.DataFrame(
        {
            "date": pd.to_datetime(
                ["2026-03-31", "2026-04-30", "2026-05-31", "2026-07-31", "2026-08-01"]
            ),
            "company": ["Anthropic", "Anthropic", "OpenAI", "Anthropic", "OpenAI"],
            "value_usd_bn": [30.0, 22.0, 30.0, 60.0, 40.0],
            "accounting": ["gross", "net", "net", "not_stated", "not_stated"],
            "grade": "outlet",
            # the net Anthropic figure is a rival's estimate: Anthropic itself reports gross
            "basis": ["reported", "estimated", "estimated", "estimated", "estimated"],
        }
    )
    got = lab_race.leader_now(pts)
    assert got["leader"] == "Anthropic" and got["net_leader"] == "OpenAI"
    assert got["net_ratio"] == pytest.approx(22 / 30)
    assert got["anthropic_net_adjusted_usd_bn"] == pytest.approx(44.0)
    assert lab_race.crossover(pts) is None or lab_race.crossover(pts) >= pd.Timestamp("2026-03-31")


def _race(a_last: float, o_last: float) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": pd.to_datetime(
                ["2026-03-31", "2026-04-30", "2026-05-31", "2026-07-31", "2026-08-01"]
            ),
            "company": ["Anthropic", "Anthropic", "OpenAI", "Anthropic", "OpenAI"],
            "value_usd_bn": [30.0, 22.0, 30.0, a_last, o_last],
            "accounting": ["gross", "net", "net", "not_stated", "not_stated"],
            "grade": ["outlet", "aggregator", "aggregator", "internal_docs", "primary"],
            "basis": ["reported", "estimated", "estimated", "estimated", "reported"],
        }
    )


def test_leader_now_follows_the_data_when_the_lead_changes_hands():
    got = lab_race.leader_now(_race(60.0, 40.0))
    assert (got["leader"], got["leader_basis"], got["other_basis"]) == (
        "Anthropic",
        "gross",
        "net",
    )
    assert got["gross_company"] == "Anthropic" and got["adjusted_leader"] == "Anthropic"
    flipped = lab_race.leader_now(_race(35.0, 70.0))
    assert (flipped["leader"], flipped["other"]) == ("OpenAI", "Anthropic")
    # Anthropic scaled to net: 35 x 22/30 = 25.7, below OpenAI's 70
    assert flipped["adjusted_usd_bn"] == pytest.approx(35 * 22 / 30)
    assert flipped["adjusted_leader"] == "OpenAI"
    assert lab_race.crossover(_race(35.0, 70.0), "OpenAI", "Anthropic") == pd.Timestamp(
        "2026-05-31"
    )


def test_race_sentences_name_whoever_leads():
    ld = lab_race.leader_now(_race(60.0, 40.0))
    assert race_sentences.lead_clause(ld) == (
        ", but its figure is gross of its cloud partners' share and OpenAI's is not"
    )
    assert race_sentences.basis_sentence(ld).startswith(
        "The two do not count revenue the same way: Anthropic states its run-rate gross"
    )
    net = race_sentences.net_sentence(ld)
    assert net.startswith("On net figures, OpenAI led: $30.0 billion (to 31 May 2026) against")
    assert "an estimate of Anthropic's net $22.0 billion" in net
    assert "so Anthropic would still lead" in net
    flipped = lab_race.leader_now(_race(35.0, 70.0))
    assert race_sentences.lead_clause(flipped).startswith(", even though its figure is net")
    assert "so OpenAI would still lead" in race_sentences.net_sentence(flipped)
    assert race_sentences.GRADE_WORDS["internal_docs"] == "reported from internal documents"


def test_headlines_turn_around_with_the_numbers():
    assert profit_inputs.pool_lead({2023: 0.98, 2024: 0.92, 2026: 0.84}) == (
        "Chips keep most of the gross profit, but less each year."
    )
    assert profit_inputs.pool_lead({2023: 0.98, 2024: 0.90, 2025: 0.94, 2026: 0.84}) == (
        "Chips keep most of the gross profit, but less in 2026 than in 2023."
    )
    assert profit_inputs.pool_lead({2023: 0.3, 2026: 0.4}) == (
        "Chips keep less than half of the gross profit, and no less in 2026 than in 2023."
    )
    assert race_sentences.margin_lead(0.75, 0.42, 0.46) == "Chips keep the highest margin:"
    assert race_sentences.margin_lead(0.40, 0.42, 0.46) == (
        "Chips no longer keep the highest margin, the labs do:"
    )
    assert profit_inputs._smallest_need_sentence(300.0, 100.0) == (
        "Even the smallest is 3.0× the traced revenue."
    )
    assert profit_inputs._smallest_need_sentence(50.0, 100.0) == (
        "The smallest is below the traced revenue (50% of it)."
    )
