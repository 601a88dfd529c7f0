"""Tests for the infrastructure layer: Nvidia growth, capex by calendar year, layer revenues."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.infrastructure import capex as inf
from analysis.infrastructure import layer_revenues
from analysis.infrastructure import nvidia as nv

# ---------------------------------------------------------------- builders


def nvidia(rows):
    """rows: (fiscal_year, fiscal_quarter, period_end, total_usd_m, dc_usd_m)."""
    return pd.DataFrame(
        rows,
        columns=[
            "fiscal_year",
            "fiscal_quarter",
            "period_end",
            "total_revenue_usd_m",
            "data_center_revenue_usd_m",
        ],
    )


# Nvidia-like calendar: Q1 ends late April, Q2 late July, Q3 late October, Q4 late January.
_ENDS = {1: "-04-30", 2: "-07-30", 3: "-10-29", 4: "-01-28"}


def nv_quarter(fy: int, fq: int, total: float, dc: float):
    year = fy if fq == 4 else fy - 1
    return (fy, fq, f"{year}{_ENDS[fq]}", total, dc)


FIVE_QUARTERS = nvidia(
    [
        nv_quarter(2024, 1, 100.0, 50.0),
        nv_quarter(2024, 2, 110.0, 60.0),
        nv_quarter(2024, 3, 121.0, 60.0),
        nv_quarter(2024, 4, 133.1, 90.0),
        nv_quarter(2025, 1, 200.0, 150.0),
    ]
)


def capex(rows):
    """rows: (company, period_type, period, period_end, capex_usd_bn, definition)."""
    return pd.DataFrame(
        rows,
        columns=["company", "period_type", "period", "period_end", "capex_usd_bn", "definition"],
    )


def revenue(rows):
    """rows: (date, company, layer, metric, value_usd_m, basis)."""
    return pd.DataFrame(
        rows, columns=["date", "company", "layer", "metric", "value_usd_m", "basis"]
    )


# ---------------------------------------------------------------- Nvidia growth


def test_nvidia_growth_by_hand():
    g = nv.nvidia_growth(FIVE_QUARTERS)
    # total q/q: 110/100 - 1 = 0.1; 121/110 - 1 = 0.1; 133.1/121 - 1 = 0.1; 200/133.1 - 1
    np.testing.assert_allclose(
        g["total_qoq_growth"], [np.nan, 0.1, 0.1, 0.1, 200 / 133.1 - 1], equal_nan=True
    )
    # DC q/q: 60/50 - 1 = 0.2; 60/60 - 1 = 0; 90/60 - 1 = 0.5; 150/90 - 1 = 2/3
    np.testing.assert_allclose(
        g["data_center_qoq_growth"], [np.nan, 0.2, 0.0, 0.5, 2 / 3], equal_nan=True
    )
    # y/y only for FY2025 Q1: total 200/100 - 1 = 1.0; DC 150/50 - 1 = 2.0
    assert g["total_yoy_growth"].iloc[:4].isna().all()
    assert g["total_yoy_growth"].iloc[4] == pytest.approx(1.0)
    assert g["data_center_yoy_growth"].iloc[4] == pytest.approx(2.0)
    # TTM: Q4 FY24 = 100 + 110 + 121 + 133.1 = 464.1 ; Q1 FY25 = 110 + 121 + 133.1 + 200 = 564.1
    np.testing.assert_allclose(g["total_ttm_usd_m"].iloc[3:], [464.1, 564.1])
    # DC TTM: 50 + 60 + 60 + 90 = 260 ; 60 + 60 + 90 + 150 = 360
    np.testing.assert_allclose(g["data_center_ttm_usd_m"].iloc[3:], [260.0, 360.0])
    assert g["total_ttm_usd_m"].iloc[:3].isna().all()
    # DC share: 50/100 = 0.5, 60/110, 60/121, 90/133.1, 150/200 = 0.75
    np.testing.assert_allclose(g["data_center_share"], [0.5, 60 / 110, 60 / 121, 90 / 133.1, 0.75])


def test_nvidia_growth_sorts_and_does_not_compute_across_gaps():
    shuffled = FIVE_QUARTERS.iloc[[4, 0, 3, 2]]  # FY2024 Q2 missing, rows out of order
    g = nv.nvidia_growth(shuffled)
    assert list(g["fiscal_quarter"]) == [1, 3, 4, 1]
    # Q3 FY24 has no Q2 before it: NaN. Q4: 133.1/121 - 1 = 0.1
    np.testing.assert_allclose(
        g["total_qoq_growth"], [np.nan, np.nan, 0.1, 200 / 133.1 - 1], equal_nan=True
    )
    assert g["total_ttm_usd_m"].isna().all()  # never four consecutive quarters


def test_growth_after_a_zero_quarter_is_nan():
    g = nv.nvidia_growth(nvidia([nv_quarter(2024, 1, 10.0, 0.0), nv_quarter(2024, 2, 20.0, 5.0)]))
    assert np.isnan(g["data_center_qoq_growth"].iloc[1])  # 5 / 0 - 1 is not a growth rate
    assert g["total_qoq_growth"].iloc[1] == pytest.approx(1.0)


def test_calendar_year_assignment():
    g = nv.nvidia_growth(FIVE_QUARTERS)
    # FY2024 Q1-Q3 end in 2023; Q4 ends 2024-01-28 -> 2024; FY2025 Q1 ends 2024-04-30 -> 2024
    assert list(g["calendar_year"]) == [2023, 2023, 2023, 2024, 2024]
    g_mid = nv.nvidia_growth(FIVE_QUARTERS, assign="midpoint")
    # midpoint of FY2024 Q4 = 2024-01-28 - 45 days = 2023-12-14 -> 2023
    assert list(g_mid["calendar_year"]) == [2023, 2023, 2023, 2023, 2024]


def test_nvidia_calendar_years_by_hand():
    cy = nv.nvidia_calendar_years(FIVE_QUARTERS).set_index("calendar_year")
    # period_end rule: 2023 = FY24 Q1-Q3 (3 quarters, incomplete); 2024 = FY24 Q4 + FY25 Q1
    assert cy.loc[2023, "n_quarters"] == 3 and not cy.loc[2023, "complete"]
    assert np.isnan(cy.loc[2023, "total_revenue_usd_m"])
    mid = nv.nvidia_calendar_years(FIVE_QUARTERS, assign="midpoint").set_index("calendar_year")
    # midpoint rule: 2023 = FY2024 Q1-Q4: 100 + 110 + 121 + 133.1 = 464.1 ; DC 260
    assert bool(mid.loc[2023, "complete"])
    assert mid.loc[2023, "total_revenue_usd_m"] == pytest.approx(464.1)
    assert mid.loc[2023, "data_center_revenue_usd_m"] == pytest.approx(260.0)
    assert mid.loc[2023, "data_center_share"] == pytest.approx(260 / 464.1)
    assert mid.loc[2023, "quarters"] == "FY2024Q1;FY2024Q2;FY2024Q3;FY2024Q4"


def test_empty_data_center_cell_is_never_summed_as_zero():
    frame = FIVE_QUARTERS.assign(data_center_revenue_usd_m=[50.0, np.nan, 60.0, 90.0, 150.0])
    mid = nv.nvidia_calendar_years(frame, assign="midpoint").set_index("calendar_year")
    assert bool(mid.loc[2023, "complete"])
    assert mid.loc[2023, "total_revenue_usd_m"] == pytest.approx(464.1)
    assert np.isnan(mid.loc[2023, "data_center_revenue_usd_m"])
    g = nv.nvidia_growth(frame)
    # Q2 empty: Q2 and Q3 growth undefined; Q4 90/60 - 1 = 0.5
    np.testing.assert_allclose(
        g["data_center_qoq_growth"], [np.nan, np.nan, np.nan, 0.5, 2 / 3], equal_nan=True
    )
    assert g["data_center_ttm_usd_m"].isna().iloc[:4].all()


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (FIVE_QUARTERS.drop(columns="period_end"), "missing column"),
        (FIVE_QUARTERS.iloc[0:0], "is empty"),
        (FIVE_QUARTERS.assign(fiscal_quarter=[1, 2, 3, 5, 1]), "must be 1-4"),
        (FIVE_QUARTERS.assign(fiscal_quarter=[1, 2, 3, 3, 1]), "duplicate rows"),
        (
            FIVE_QUARTERS.assign(data_center_revenue_usd_m=[50, 60, 60, 140, 150]),
            "larger than total",
        ),
        (FIVE_QUARTERS.assign(total_revenue_usd_m=[-1, 110, 121, 133.1, 200]), "must be >= 0"),
        (
            FIVE_QUARTERS.assign(
                period_end=["2023-04-30", "2023-07-30", "2023-10-29", "2023-01-28", "2024-04-30"]
            ),
            "does not increase",
        ),
        (
            FIVE_QUARTERS.assign(
                period_end=["2023-04-30", "x", "2023-10-29", "2024-01-28", "2024-04-30"]
            ),
            "unreadable date",
        ),
    ],
)
def test_nvidia_bad_input(frame, message):
    with pytest.raises(ValueError, match=message):
        nv.nvidia_growth(frame)


def test_bad_assign_rule():
    with pytest.raises(ValueError, match="assign must be one of"):
        nv.nvidia_calendar_years(FIVE_QUARTERS, assign="start")


@settings(max_examples=60, deadline=None)
@given(
    value=st.floats(min_value=0.01, max_value=1e6, allow_nan=False),
    start=st.integers(min_value=0, max_value=40),
    n=st.integers(min_value=1, max_value=12),
)
def test_constant_series_grows_at_zero(value, start, n):
    rows = []
    for k in range(start, start + n):
        fy, fq = 2015 + k // 4, k % 4 + 1
        rows.append(nv_quarter(fy, fq, value, value / 2))
    g = nv.nvidia_growth(nvidia(rows))
    for col in (
        "total_qoq_growth",
        "total_yoy_growth",
        "data_center_qoq_growth",
        "data_center_yoy_growth",
    ):
        defined = g[col].dropna()
        assert (defined == 0.0).all()
    assert g["total_qoq_growth"].notna().sum() == n - 1
    assert g["total_yoy_growth"].notna().sum() == max(n - 4, 0)
    np.testing.assert_allclose(g["total_ttm_usd_m"].dropna(), 4 * value)
    np.testing.assert_allclose(g["data_center_share"], 0.5)


# ---------------------------------------------------------------- capex


CAPEX = capex(
    [
        ("Alphabet", "calendar_year", "CY2023", "2023-12-31", 32.0, "ppe_purchases"),
        ("Amazon", "calendar_quarter", "2023Q1", "2023-03-31", 14.0, "ppe_purchases"),
        ("Amazon", "calendar_quarter", "2023Q2", "2023-06-30", 11.0, "ppe_purchases"),
        ("Amazon", "calendar_quarter", "2023Q3", "2023-09-30", 12.0, "ppe_purchases"),
        ("Amazon", "calendar_quarter", "2023Q4", "2023-12-31", 15.0, "ppe_purchases"),
        ("Amazon", "calendar_year", "CY2023", "2023-12-31", 60.0, "ppe_incl_finance_leases"),
        ("Meta", "calendar_quarter", "2023Q1", "2023-03-31", 7.0, "ppe_purchases"),
        ("Meta", "calendar_quarter", "2023Q2", "2023-06-30", 6.0, "ppe_purchases"),
        ("Meta", "calendar_quarter", "2023Q3", "2023-09-30", 7.0, "company_reported_capex"),
        ("Meta", "calendar_quarter", "2023Q4", "2023-12-31", 8.0, "company_reported_capex"),
        ("Microsoft", "fiscal_quarter", "FY2023Q3", "2023-03-31", 6.0, "ppe_purchases"),
        ("Microsoft", "fiscal_quarter", "FY2023Q4", "2023-06-30", 9.0, "ppe_purchases"),
        ("Microsoft", "fiscal_quarter", "FY2024Q1", "2023-09-30", 10.0, "ppe_purchases"),
        ("Microsoft", "fiscal_quarter", "FY2024Q2", "2023-12-31", 10.0, "ppe_purchases"),
        ("Microsoft", "fiscal_quarter", "FY2024Q3", "2024-03-31", 11.0, "ppe_purchases"),
        ("Microsoft", "fiscal_year", "FY2024", "2024-06-30", 44.0, "ppe_purchases"),
    ]
)


def test_capex_calendar_years_by_hand():
    cy = inf.capex_calendar_years(CAPEX).set_index(["company", "calendar_year"])
    # Alphabet: its calendar_year row
    assert cy.loc[("Alphabet", 2023), "capex_usd_bn"] == 32.0
    assert cy.loc[("Alphabet", 2023), "basis"] == "calendar_year_row"
    # Amazon: ppe_purchases preferred -> 14 + 11 + 12 + 15 = 52 (not the 60 incl. leases)
    assert cy.loc[("Amazon", 2023), "capex_usd_bn"] == pytest.approx(52.0)
    assert cy.loc[("Amazon", 2023), "definition"] == "ppe_purchases"
    assert cy.loc[("Amazon", 2023), "basis"] == "sum_of_4_calendar_quarters"
    # Meta: 2 quarters of one definition, 2 of another -> never mixed -> missing
    assert np.isnan(cy.loc[("Meta", 2023), "capex_usd_bn"])
    assert cy.loc[("Meta", 2023), "basis"] == "missing"
    assert cy.loc[("Meta", 2023), "note"] == (
        "ppe_purchases: 2 of 4 quarters; company_reported_capex: 2 of 4 quarters"
    )
    # Microsoft: fiscal quarters ending on calendar quarter ends, CY2023 = 6 + 9 + 10 + 10 = 35
    assert cy.loc[("Microsoft", 2023), "capex_usd_bn"] == pytest.approx(35.0)
    assert cy.loc[("Microsoft", 2023), "basis"] == "sum_of_4_fiscal_quarters"
    assert cy.loc[("Microsoft", 2024), "basis"] == "missing"


def test_capex_definition_preference_changes_the_figure():
    cy = inf.capex_calendar_years(CAPEX, ("ppe_incl_finance_leases", "ppe_purchases"))
    amazon = cy.set_index(["company", "calendar_year"]).loc[("Amazon", 2023)]
    assert amazon["capex_usd_bn"] == 60.0
    assert amazon["definition"] == "ppe_incl_finance_leases"
    # a single definition is strict: Meta's company_reported quarters alone are 2 of 4
    only = inf.capex_calendar_years(CAPEX, "company_reported_capex").set_index("company")
    assert set(only.index) == {"Meta"}
    assert only.loc["Meta", "basis"] == "missing"


def test_capex_fiscal_year_ending_december_counts_as_calendar():
    frame = capex([("Meta", "fiscal_year", "FY2023", "2023-12-31", 28.0, "ppe_purchases")])
    row = inf.capex_calendar_years(frame).iloc[0]
    assert (row["calendar_year"], row["capex_usd_bn"]) == (2023, 28.0)
    assert row["basis"] == "fiscal_year_row_ending_dec31"


def test_capex_period_end_may_be_empty():
    frame = capex(
        [
            ("Meta", "calendar_year", "CY2023", None, 28.0, "ppe_purchases"),
            ("Amazon", "calendar_quarter", "2024Q1", "", 1.0, "ppe_purchases"),
            ("Amazon", "calendar_quarter", "2024Q2", "2024-06-30", 2.0, "ppe_purchases"),
            ("Amazon", "calendar_quarter", "2024Q3", None, 3.0, "ppe_purchases"),
            ("Amazon", "calendar_quarter", "2024Q4", None, 4.0, "ppe_purchases"),
            ("Oracle", "fiscal_year", "FY2025", None, 21.2, "company_reported_capex"),
        ]
    )
    cy = inf.capex_calendar_years(frame).set_index(["company", "calendar_year"])
    # calendar rows take their end from the label: CY2023 -> 2023; 2024Q1-Q4 -> 1 + 2 + 3 + 4
    assert cy.loc[("Meta", 2023), "capex_usd_bn"] == 28.0
    assert cy.loc[("Amazon", 2024), "capex_usd_bn"] == pytest.approx(10.0)
    assert "Oracle" not in cy.index.get_level_values("company")  # fiscal, date unknown
    oracle = inf.microsoft_calendar_years(frame, company="Oracle").iloc[0]
    assert (oracle["year"], oracle["year_type"], oracle["capex_usd_bn"]) == (2025, "fiscal", 21.2)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            ("Meta", "calendar_year", "CY2023", "2024-12-31", 1.0, "ppe_purchases"),
            "does not end on",
        ),
        (("Meta", "calendar_year", "2023", None, 1.0, "ppe_purchases"), "no period_end"),
        (("Meta", "calendar_quarter", "2023Q1", "31/03/2023", 1.0, "ppe_purchases"), "unreadable"),
    ],
)
def test_capex_label_and_period_end_must_agree(row, message):
    with pytest.raises(ValueError, match=message):
        inf.capex_calendar_years(capex([row]))


def test_capex_without_fiscal_quarters():
    cy = inf.capex_calendar_years(CAPEX, use_fiscal_quarters=False)
    assert "Microsoft" not in set(cy["company"])


@pytest.mark.parametrize(
    ("frame", "kwargs", "message"),
    [
        (CAPEX, {"definition_preference": ("gross_capex",)}, "unknown capex definition"),
        (CAPEX, {"definition_preference": ()}, "at least one definition"),
        (CAPEX, {"definition_preference": ("ppe_purchases", "ppe_purchases")}, "repeats"),
        (pd.concat([CAPEX, CAPEX.iloc[[0]]]), {}, "duplicate rows"),
        (CAPEX.assign(definition="capex"), {}, "definition has unknown value"),
        (CAPEX.assign(period_type="half_year"), {}, "period_type has unknown value"),
        (CAPEX.drop(columns="definition"), {}, "missing column"),
        (
            capex([("Meta", "calendar_year", "CY23", "2023-06-30", 1.0, "ppe_purchases")]),
            {},
            "31 December",
        ),
        (
            capex([("Meta", "calendar_quarter", "23Q1", "2023-02-28", 1.0, "ppe_purchases")]),
            {},
            "calendar quarter end",
        ),
        (
            capex([("Meta", "calendar_year", "CY2023", "2023-12-31", -1.0, "ppe_purchases")]),
            {},
            ">= 0",
        ),
    ],
)
def test_capex_bad_input(frame, kwargs, message):
    with pytest.raises(ValueError, match=message):
        inf.capex_calendar_years(frame, **kwargs)


def test_microsoft_calendar_then_fiscal():
    ms = inf.microsoft_calendar_years(CAPEX).set_index("year")
    # CY2023 built from FY23 Q3 + FY23 Q4 + FY24 Q1 + FY24 Q2 = 6 + 9 + 10 + 10 = 35
    assert ms.loc[2023, "year_type"] == "calendar"
    assert ms.loc[2023, "capex_usd_bn"] == pytest.approx(35.0)
    # CY2024 has only one quarter -> reported as FY2024 (fiscal), 44
    assert ms.loc[2024, "year_type"] == "fiscal"
    assert ms.loc[2024, "capex_usd_bn"] == 44.0
    assert ms.loc[2024, "basis"] == "fiscal_year_row"
    assert set(ms["company"]) == {"Microsoft"}


def test_fiscal_year_from_its_four_quarters_when_no_year_row():
    # Oracle-like: FY ends 31 May; quarters end Aug, Nov, Feb, May -> never calendar quarters
    frame = capex(
        [
            ("Oracle", "fiscal_quarter", "FY2024Q1", "2023-08-31", 1.0, "ppe_purchases"),
            ("Oracle", "fiscal_quarter", "FY2024Q2", "2023-11-30", 2.0, "ppe_purchases"),
            ("Oracle", "fiscal_quarter", "FY2024Q3", "2024-02-29", 3.0, "ppe_purchases"),
            ("Oracle", "fiscal_quarter", "FY2024Q4", "2024-05-31", 4.0, "ppe_purchases"),
        ]
    )
    out = inf.microsoft_calendar_years(frame, company="Oracle")
    assert len(out) == 1
    row = out.iloc[0]
    # 1 + 2 + 3 + 4 = 10, reported as fiscal 2024
    assert (row["year"], row["year_type"], row["capex_usd_bn"]) == (2024, "fiscal", 10.0)
    assert row["basis"] == "sum_of_4_fiscal_quarters"


def test_microsoft_bad_input():
    with pytest.raises(ValueError, match="no rows for 'Microsoft'"):
        inf.microsoft_calendar_years(CAPEX[CAPEX["company"] != "Microsoft"])
    bad = CAPEX.replace({"FY2024Q3": "Q3 FY24"})
    with pytest.raises(ValueError, match="not like 'FY2025Q1'"):
        inf.microsoft_calendar_years(bad)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=500, allow_nan=False), min_size=4, max_size=4))
def test_four_quarters_sum_to_the_year(values):
    frame = capex(
        [
            ("Amazon", "calendar_quarter", f"2024Q{i + 1}", end, v, "ppe_purchases")
            for i, (end, v) in enumerate(
                zip(["2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31"], values, strict=True)
            )
        ]
    )
    row = inf.capex_calendar_years(frame).iloc[0]
    assert row["capex_usd_bn"] == pytest.approx(sum(values))
    assert row["quarters_found"] == 4


# ---------------------------------------------------------------- Nvidia vs capex


def nv_cy(rows):
    """rows: (calendar_year, data_center_revenue_usd_m)."""
    return pd.DataFrame(rows, columns=["calendar_year", "data_center_revenue_usd_m"])


def test_dc_revenue_to_capex_by_hand():
    cap = pd.DataFrame(
        {
            "company": ["A", "B", "A"],
            "calendar_year": [2024, 2024, 2025],
            "capex_usd_bn": [100.0, 50.0, 80.0],
            "definition": ["ppe_purchases", "company_reported_capex", "ppe_purchases"],
        }
    )
    out = inf.dc_revenue_to_capex(nv_cy([(2024, 120_000.0), (2025, 200_000.0)]), cap)
    out = out.set_index("calendar_year")
    # 2024: 120,000 USD m = 120 bn; capex 100 + 50 = 150 -> 0.8
    assert out.loc[2024, "data_center_revenue_usd_bn"] == 120.0
    assert out.loc[2024, "capex_usd_bn"] == 150.0
    assert out.loc[2024, "ratio"] == pytest.approx(0.8)
    assert out.loc[2024, "definitions"] == "company_reported_capex;ppe_purchases"
    # 2025: B missing -> NaN by default; 200 / 80 = 2.5 when partial sums are allowed
    assert np.isnan(out.loc[2025, "ratio"])
    assert out.loc[2025, "companies_missing"] == "B"
    partial = inf.dc_revenue_to_capex(
        nv_cy([(2025, 200_000.0)]), cap, require_all_companies=False
    ).set_index("calendar_year")
    assert partial.loc[2025, "ratio"] == pytest.approx(2.5)
    assert np.isnan(partial.loc[2024, "ratio"])  # no Nvidia figure for 2024 in this input


def test_dc_revenue_to_capex_bad_input():
    cap = pd.DataFrame(
        {
            "company": ["A", "A"],
            "calendar_year": [2024, 2024],
            "capex_usd_bn": [1.0, 2.0],
            "definition": ["ppe_purchases", "ppe_purchases"],
        }
    )
    with pytest.raises(ValueError, match="duplicate rows"):
        inf.dc_revenue_to_capex(nv_cy([(2024, 1.0)]), cap)
    with pytest.raises(ValueError, match="missing column"):
        inf.dc_revenue_to_capex(nv_cy([(2024, 1.0)]), cap.drop(columns="capex_usd_bn"))


def test_dc_revenue_to_capex_docstring_says_not_share_of_wallet():
    assert "not a share of wallet" in inf.dc_revenue_to_capex.__doc__


# ---------------------------------------------------------------- layer revenues


REVENUE = revenue(
    [
        ("2024-06-30", "OpenAI", "models", "annualized_run_rate", 3400.0, "estimated"),
        ("2024-12-31", "OpenAI", "models", "annualized_run_rate", 4600.0, "estimated"),
        ("2024-12-31", "OpenAI", "models", "annual_revenue_forecast", 9000.0, "estimated"),
        ("2024-12-31", "Anthropic", "models", "annualized_run_rate", 1000.0, "reported"),
        ("2024-12-31", "CoreWeave", "infrastructure", "annual_revenue", 2000.0, "reported"),
        ("2024-03-31", "CoreWeave", "infrastructure", "annualized_run_rate", 900.0, "estimated"),
        ("2024-12-31", "NVIDIA", "infrastructure", "annual_revenue", 99_999.0, "reported"),
        ("2024-12-31", "Midjourney", "apps", "annualized_run_rate", 300.0, "estimated"),
        ("2024-10-31", "Cursor", "apps", "annualized_run_rate", 700.0, "estimated"),
        ("2022-12-31", "Jasper", "apps", "annualized_run_rate", 90.0, "estimated"),
        ("2025-12-31", "OpenAI", "models", "annualized_run_rate", 20000.0, "estimated"),
    ]
)


def test_company_year_revenue_rules():
    ye = layer_revenues.company_year_revenue(REVENUE).set_index(["calendar_year", "company"])
    # OpenAI 2024, year-end rule: the 2024-12-31 run-rate, 4,600 m = 4.6 bn (forecast ignored)
    assert ye.loc[(2024, "OpenAI"), "value_usd_bn"] == pytest.approx(4.6)
    assert ye.loc[(2024, "OpenAI"), "rule"] == "year_end_run_rate"
    # CoreWeave: annual revenue preferred over the run-rate: 2,000 m = 2 bn
    assert ye.loc[(2024, "CoreWeave"), "value_usd_bn"] == pytest.approx(2.0)
    assert ye.loc[(2024, "CoreWeave"), "rule"] == "annual_revenue"
    assert ye.loc[(2024, "CoreWeave"), "basis"] == "reported"
    assert (2022, "Jasper") not in ye.index  # before start_year
    mean = layer_revenues.company_year_revenue(REVENUE, run_rate_rule="mean").set_index(
        ["calendar_year", "company"]
    )
    # mean rule: (3,400 + 4,600) / 2 = 4,000 m = 4.0 bn from 2 points
    assert mean.loc[(2024, "OpenAI"), "value_usd_bn"] == pytest.approx(4.0)
    assert mean.loc[(2024, "OpenAI"), "n_points"] == 2
    assert mean.loc[(2024, "OpenAI"), "rule"] == "mean_run_rate"


def test_company_year_revenue_mixed_basis():
    rows = revenue(
        [
            ("2024-06-30", "X", "apps", "annualized_run_rate", 1.0, "reported"),
            ("2024-12-31", "X", "apps", "annualized_run_rate", 3.0, "estimated"),
        ]
    )
    out = layer_revenues.company_year_revenue(rows, run_rate_rule="mean").iloc[0]
    assert out["basis"] == "mixed"
    assert out["value_usd_bn"] == pytest.approx(0.002)  # (1 + 3) / 2 = 2 m = 0.002 bn


def test_layer_revenues_by_hand():
    nv = nv_cy([(2024, 60_000.0), (2025, np.nan)])
    out = layer_revenues.layer_revenues(REVENUE, nv).set_index("calendar_year")
    y = out.loc[2024]
    # infrastructure: Nvidia DC 60 bn + CoreWeave 2 bn = 62 (the NVIDIA revenue row is dropped)
    assert y["infrastructure_usd_bn"] == pytest.approx(62.0)
    # models: OpenAI 4.6 + Anthropic 1.0 = 5.6 ; apps: Midjourney 0.3 + Cursor 0.7 = 1.0
    assert y["models_usd_bn"] == pytest.approx(5.6)
    assert y["apps_usd_bn"] == pytest.approx(1.0)
    # total 68.6; infra share 62 / 68.6 = 0.90379...
    assert y["total_usd_bn"] == pytest.approx(68.6)
    assert y["infrastructure_share"] == pytest.approx(62 / 68.6)
    assert y["apps_share"] == pytest.approx(1 / 68.6)
    assert bool(y["infrastructure_majority"]) is True
    assert y["infrastructure_companies"] == "CoreWeave;NVIDIA Data Center"
    assert y["models_companies"] == "Anthropic;OpenAI"
    assert (y["n_infrastructure"], y["n_models"], y["n_apps"]) == (2, 2, 2)
    # 2025: only OpenAI; no apps, no complete Nvidia year -> NaN shares, majority NA
    z = out.loc[2025]
    assert np.isnan(z["apps_usd_bn"]) and np.isnan(z["total_usd_bn"])
    assert pd.isna(z["infrastructure_majority"])
    assert not z["nvidia_complete"]


def test_layer_revenues_requires_a_complete_nvidia_year_unless_told_not_to():
    nv = nv_cy([(2023, 40_000.0)])  # nothing for 2024
    strict = layer_revenues.layer_revenues(REVENUE, nv).set_index("calendar_year")
    assert np.isnan(strict.loc[2024, "infrastructure_share"])
    assert pd.isna(strict.loc[2024, "infrastructure_majority"])
    loose = layer_revenues.layer_revenues(REVENUE, nv, require_nvidia=False).set_index(
        "calendar_year"
    )
    # without Nvidia: infra = CoreWeave 2.0; total 2 + 5.6 + 1 = 8.6 -> 2/8.6 < 0.5
    assert loose.loc[2024, "infrastructure_share"] == pytest.approx(2 / 8.6)
    assert bool(loose.loc[2024, "infrastructure_majority"]) is False


@pytest.mark.parametrize(
    ("frame", "kwargs", "message"),
    [
        (REVENUE, {"run_rate_rule": "median"}, "run_rate_rule must be one of"),
        (pd.concat([REVENUE, REVENUE.iloc[[0]]]), {}, "duplicate rows"),
        (REVENUE.assign(layer="chips"), {}, "layer has unknown value"),
        (REVENUE.assign(value_usd_m=-1.0), {}, ">= 0"),
        (REVENUE.drop(columns="metric"), {}, "missing column"),
    ],
)
def test_revenue_bad_input(frame, kwargs, message):
    with pytest.raises(ValueError, match=message):
        layer_revenues.company_year_revenue(frame, **kwargs)


@settings(max_examples=60, deadline=None)
@given(
    nvidia_m=st.floats(min_value=1.0, max_value=1e6),
    values=st.lists(
        st.tuples(
            st.sampled_from(["infrastructure", "models", "apps"]),
            st.floats(min_value=0.0, max_value=1e6),
        ),
        min_size=0,
        max_size=12,
    ),
)
def test_layer_shares_sum_to_one(nvidia_m, values):
    rows = [
        ("2024-12-31", f"Co{i}", layer, "annualized_run_rate", v, "estimated")
        for i, (layer, v) in enumerate(values)
    ]
    rows += [
        ("2024-12-31", "M", "models", "annualized_run_rate", 1.0, "estimated"),
        ("2024-12-31", "A", "apps", "annualized_run_rate", 1.0, "estimated"),
    ]
    out = layer_revenues.layer_revenues(revenue(rows), nv_cy([(2024, nvidia_m)])).iloc[0]
    shares = [out[f"{layer}_share"] for layer in ("infrastructure", "models", "apps")]
    assert abs(sum(shares) - 1.0) <= 1e-12
    assert min(shares) >= 0.0
    assert bool(out["infrastructure_majority"]) == (shares[0] > 0.5)
